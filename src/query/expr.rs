//! A parsed `--where` expression (see [`super::parse`] for the language) and
//! the located error a mistake in one gets.

use std::fmt;
use std::ops::Range;

use crate::model::PartialDate;
use crate::text::width;

/// A parsed `--where` expression, with the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Where {
    pub(crate) text: String,
    pub(crate) root: Node,
    /// `match:all` was given: country terms need every listed country.
    pub(crate) match_all: bool,
}

impl Where {
    /// The expression as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True for an expression that lets every event through (a blank one).
    pub fn is_empty(&self) -> bool {
        self.root == Node::All
    }

    /// Is the top of the expression an `or`? (It then needs parentheses
    /// when something is joined to it with `and`.)
    pub(crate) fn is_or(&self) -> bool {
        matches!(self.root, Node::Or(_))
    }

    /// The texts it searches for (bare words, `text:`), except under a
    /// `not`: what a view highlights in the events it shows.
    pub fn searched_texts(&self) -> Vec<&str> {
        fn collect<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
            match node {
                Node::And(xs) | Node::Or(xs) => xs.iter().for_each(|x| collect(x, out)),
                Node::Term(Term { kind: Kind::Text(t), .. }) => out.push(t),
                Node::Not(_) | Node::All | Node::Term(_) => {}
            }
        }
        let mut out = Vec::new();
        collect(&self.root, &mut out);
        out
    }

    /// Dates the expression filters on, with their place in the text.
    pub(crate) fn dates(&self) -> Vec<(&'static str, PartialDate, Range<usize>)> {
        let mut out = Vec::new();
        self.root.walk(&mut |node| {
            if let Node::Term(t) = node {
                match &t.kind {
                    Kind::From(d) => out.push(("from", *d, t.value.clone())),
                    Kind::To(d) => out.push(("to", *d, t.value.clone())),
                    Kind::On(d) => out.push(("on", *d, t.value.clone())),
                    _ => {}
                }
            }
        });
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Every event (a blank expression, or `match:all` on its own).
    All,
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Term(Term),
}

impl Node {
    pub(crate) fn walk(&self, f: &mut dyn FnMut(&Node)) {
        f(self);
        match self {
            Node::And(xs) | Node::Or(xs) => xs.iter().for_each(|x| x.walk(f)),
            Node::Not(x) => x.walk(f),
            Node::All | Node::Term(_) => {}
        }
    }

    pub(crate) fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Node)) {
        f(self);
        match self {
            Node::And(xs) | Node::Or(xs) => xs.iter_mut().for_each(|x| x.walk_mut(f)),
            Node::Not(x) => x.walk_mut(f),
            Node::All | Node::Term(_) => {}
        }
    }
}

/// One term, with the byte range of its value in the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub kind: Kind,
    pub value: Range<usize>,
}

/// A value of a list term as typed, with its place (for error carets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub text: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Country(Vec<Item>),
    Actor(Vec<Item>),
    Tag(Vec<Item>),
    Era(Vec<Item>),
    Related(Vec<Item>),
    From(PartialDate),
    To(PartialDate),
    On(PartialDate),
    /// Folded-text search.
    Text(String),
    /// Folded text in the event's place (its name and coordinates).
    Place(String),
    /// An attribute: present, or compared with a value.
    Attr(Attr),
}

/// `attr:NAME`, `attr:NAME=VALUE`, `attr:NAME>N`: the name as typed (its
/// place for carets), and the comparison if there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    pub name: Item,
    pub test: Option<(Op, String)>,
}

/// How an attribute's value is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// A mistake in an expression: where it is and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhereError {
    /// The expression as typed.
    pub text: String,
    /// Byte range of the problem in `text` (empty at the end: something is missing).
    pub span: Range<usize>,
    /// What is wrong: "unknown tag `sumit`; did you mean `summit`?"
    pub message: String,
    /// What would have been right there.
    pub expected: String,
}

impl WhereError {
    pub(crate) fn new(
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        WhereError {
            text: text.to_string(),
            span,
            message: crate::text::shorten_quoted(message.into()),
            expected: expected.into(),
        }
    }

    /// The column (in terminal cells, from 0) where the problem starts.
    pub fn column(&self) -> usize {
        self.text.get(..self.span.start).map_or(0, |s| width(&printable(s)))
    }
}

impl fmt::Display for WhereError {
    /// The message, then the expression with a caret under the problem.
    /// A long expression is quoted as a window around the problem, so that
    /// a message stays short whatever was typed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const BEFORE: usize = 30;
        const WINDOW: usize = 100;
        let start = self.span.start.min(self.text.len());
        let end = self.span.end.clamp(start, self.text.len());
        let boundary = |i: usize| crate::text::floor_boundary(&self.text, i);
        let from =
            boundary(self.text[..start].char_indices().rev().nth(BEFORE - 1).map_or(0, |(i, _)| i));
        let to =
            self.text[from..].char_indices().nth(WINDOW).map_or(self.text.len(), |(i, _)| from + i);
        let (lead, tail) =
            (if from > 0 { "…" } else { "" }, if to < self.text.len() { "…" } else { "" });
        let text = printable(&self.text[from..to]);
        let column = width(lead) + width(&printable(&self.text[from..start]));
        let width = width(&printable(&self.text[start..end.min(to).max(start)])).clamp(1, WINDOW);
        writeln!(f, "{}", self.message)?;
        writeln!(f, "    {lead}{text}{tail}")?;
        write!(f, "    {}{} expected {}", " ".repeat(column), "^".repeat(width), self.expected)
    }
}

impl std::error::Error for WhereError {}

/// The text with control characters as spaces, so that echoing it cannot
/// move the cursor and the caret stays under the right column.
pub(crate) fn printable(s: &str) -> String {
    let hidden = |c: char| {
        c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    s.chars().map(|c| if hidden(c) { ' ' } else { c }).collect()
}
