//! The `--where` language: terms such as `country:KZ,UZ`, `tag:summit`,
//! `from:2013` or a bare word, combined with `and`, `or`, `not` and
//! parentheses; terms side by side mean `and`.
//!
//! ```text
//! expr    = and ("or" and)*
//! and     = unary ("and"? unary)*
//! unary   = "not" unary | "(" expr ")" | term
//! term    = KEY ":" value ("," value)* | WORD | "\"" text "\""
//! ```
//!
//! A hand-written recursive-descent parser: the grammar has three levels, and
//! every error must point at a byte range and say what was expected there.

use std::ops::Range;

use super::expr::{Attr, Item, Kind, Node, Op, Term, Where, WhereError};
use crate::model::{DateError, PartialDate};

pub(crate) const KEYS: [&str; 12] = [
    "country", "actor", "tag", "era", "from", "to", "on", "related", "text", "place", "attr",
    "match",
];

const A_TERM: &str = "a filter: country:KZ, actor:putin, tag:summit, era:soviet, from:2013, \
                      to:1991-12, on:2025-10-09, related:ID, place:astana, attr:fatalities>10, \
                      a word, \"a phrase\", not …, or ( … )";

/// How deep `(` and `not` may nest.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    /// `key:value`, with the key's and the value's ranges.
    Pair(Range<usize>, Range<usize>),
    Word(String),
}

/// Parses an expression (no timeline needed: names are checked by
/// [`super::Query::resolve`]). A blank expression lets every event through.
pub fn parse(text: &str) -> Result<Where, WhereError> {
    let tokens = lex(text)?;
    let mut p = Parser { text, tokens, at: 0, depth: 0, top_or: false, modes: Vec::new() };
    if p.tokens.is_empty() {
        return Ok(Where { text: text.to_string(), root: Node::All, match_all: false });
    }
    let root = p.or()?;
    if let Some((_, span)) = p.tokens.get(p.at) {
        return Err(WhereError::new(
            text,
            span.clone(),
            "this `)` closes no `(`",
            "`and`, `or` or another filter",
        ));
    }
    let match_all = p.match_mode()?;
    Ok(Where { text: text.to_string(), root, match_all })
}

/// The text of a `match:` term as typed, for messages.
fn typed(text: &str, span: &Range<usize>) -> String {
    text[span.clone()].to_string()
}

fn lex(text: &str) -> Result<Vec<(Token, Range<usize>)>, WhereError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        match c {
            '(' => tokens.push((Token::Open, i..i + 1)),
            ')' => tokens.push((Token::Close, i..i + 1)),
            '"' => {
                let end = closing_quote(text, i)?;
                tokens.push((Token::Word(text[i + 1..end].to_string()), i..end + 1));
                i = end + 1;
                continue;
            }
            _ => {
                // A word runs to a space or a parenthesis; after `key:` a quoted
                // part may hold spaces.
                let mut colon = None;
                while i < bytes.len() {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if c.is_whitespace() || c == '(' || c == ')' {
                        break;
                    }
                    if c == ':' && colon.is_none() {
                        colon = Some(i);
                    } else if c == '"' && colon.is_some() {
                        i = closing_quote(text, i)?;
                    }
                    i += c.len_utf8();
                }
                let word = &text[start..i];
                let token = match colon {
                    Some(k)
                        if text[start..k].bytes().all(|b| b.is_ascii_alphabetic()) && k > start =>
                    {
                        Token::Pair(start..k, k + 1..i)
                    }
                    _ if word.eq_ignore_ascii_case("and") => Token::And,
                    _ if word.eq_ignore_ascii_case("or") => Token::Or,
                    _ if word.eq_ignore_ascii_case("not") => Token::Not,
                    _ => Token::Word(word.to_string()),
                };
                tokens.push((token, start..i));
                continue;
            }
        }
        i += 1;
    }
    Ok(tokens)
}

const AN_ATTR: &str = "an attribute's name, then optionally `=`, `<`, `<=`, `>` or `>=` and a value: \
                       attr:fatalities, attr:fatalities>10, attr:goldstein<-5, attr:source=Reuters";

/// `NAME`, `NAME=VALUE`, `NAME>N`… after `attr:`; the value may be quoted.
/// `<`, `<=`, `>` and `>=` compare numbers, so they need one.
fn attr(text: &str, value: Range<usize>) -> Result<Attr, WhereError> {
    let raw = &text[value.clone()];
    let op_at = raw.find(['=', '<', '>']);
    let name_end = value.start + op_at.unwrap_or(raw.len());
    let name = text[value.start..name_end].trim_matches('"');
    if name.is_empty() {
        let span = value.start..name_end;
        return Err(WhereError::new(text, span, "`attr:` needs an attribute's name", AN_ATTR));
    }
    if !name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err(WhereError::new(
            text,
            value.start..name_end,
            format!(
                "`{name}` is not an attribute's name: it has only letters, digits, `-`, `_` and `.`"
            ),
            AN_ATTR,
        ));
    }
    let name = Item { text: name.to_string(), span: value.start..name_end };
    let Some(at) = op_at else { return Ok(Attr { name, test: None }) };
    let rest = &raw[at..];
    let (op, len) = match rest.as_bytes() {
        [b'<', b'=', ..] => (Op::Le, 2),
        [b'>', b'=', ..] => (Op::Ge, 2),
        [b'=', b'=', ..] => (Op::Eq, 2),
        [b'<', ..] => (Op::Lt, 1),
        [b'>', ..] => (Op::Gt, 1),
        _ => (Op::Eq, 1),
    };
    let op_span = name_end..name_end + len;
    let value_span = op_span.end..value.end;
    let wanted = text[value_span.clone()].trim();
    let wanted = wanted.strip_prefix('"').and_then(|w| w.strip_suffix('"')).unwrap_or(wanted);
    if wanted.is_empty() {
        return Err(WhereError::new(
            text,
            value_span,
            format!("`{}` needs a value after it", op.symbol()),
            "a value, such as attr:fatalities>10 or attr:source=Reuters",
        ));
    }
    if op != Op::Eq && number(wanted).is_none() {
        return Err(WhereError::new(
            text,
            value_span,
            format!("`{}` compares numbers, and `{wanted}` is not one", op.symbol()),
            "a number, such as attr:fatalities>10 or attr:goldstein<-5 (`=` compares text too)",
        ));
    }
    Ok(Attr { name, test: Some((op, wanted.to_string())) })
}

/// A value as a number, if it is one: `10`, `-5.2`, `1e3`.
pub(crate) fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The position of the `"` closing the one at `open`.
fn closing_quote(text: &str, open: usize) -> Result<usize, WhereError> {
    text[open + 1..].find('"').map(|k| open + 1 + k).ok_or_else(|| {
        WhereError::new(text, open..open + 1, "this quote is not closed", "a closing `\"`")
    })
}

/// What a word searched for as text was probably meant to be: `country=KZ`
/// → `country:KZ`, `&&` → `and`, `andd` → `and`, `!tag:war` → `not tag:war`,
/// `country!=RU` → `not country:RU`.
fn mistyped(word: &str) -> Option<String> {
    match word {
        "&" | "&&" => return Some("and".into()),
        "|" | "||" => return Some("or".into()),
        "!" => return Some("not".into()),
        _ => {}
    }
    // `andd`, `Orr`: a word between filters with a letter typed twice.
    let mut once = word.to_ascii_lowercase().into_bytes();
    once.dedup();
    if once.len() < word.len()
        && let Some(op) = ["and", "or", "not"].into_iter().find(|op| op.as_bytes() == once)
    {
        return Some(op.into());
    }
    if let Some(rest) = word.strip_prefix('!').filter(|r| !r.is_empty()) {
        return Some(format!("not {rest}"));
    }
    let (key, value) = word.split_once('=')?;
    // `country!=RU`
    if let Some(key) = key.strip_suffix('!') {
        return mistyped(&format!("{key}={value}")).map(|pair| format!("not {pair}"));
    }
    let value = value.trim_start_matches('=');
    let name = key.to_ascii_lowercase();
    let name =
        name.strip_suffix('s').filter(|k| KEYS.contains(k) || *k == "countrie").unwrap_or(&name);
    let known = KEYS.contains(&name) || name == "countrie";
    (known && !value.is_empty()).then(|| format!("{key}:{value}"))
}

/// A term's place in the text, its key included: `from:2025`.
fn term_span(text: &str, term: &Term) -> Range<usize> {
    let colon = term.value.start.saturating_sub(1);
    let key = text[..colon].trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    key..term.value.end
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<(Token, Range<usize>)>,
    at: usize,
    /// How many brackets and `not`s the parser is inside.
    depth: usize,
    /// The whole expression is an `or`.
    top_or: bool,
    /// Each `match:` term: all (true) or any, where it is, and its depth.
    modes: Vec<(bool, Range<usize>, usize)>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn eat(&mut self, token: &Token) -> bool {
        let found = self.peek() == Some(token);
        self.at += usize::from(found);
        found
    }

    /// Where the next token starts, or the end of the text.
    fn here(&self) -> Range<usize> {
        self.tokens.get(self.at).map_or(self.text.len()..self.text.len(), |(_, s)| s.clone())
    }

    /// The one match mode of the expression. `match:` says how every
    /// country list is read, so it stands beside the other filters at the
    /// top, never inside brackets, after `not` or on one side of an `or`,
    /// and says one thing.
    fn match_mode(&self) -> Result<bool, WhereError> {
        let Some((first, first_span, _)) = self.modes.first() else { return Ok(false) };
        let example = "`match:` beside the other filters, outside any brackets: \
                       (country:KZ,UZ or tag:summit) match:all";
        for (_, span, depth) in &self.modes {
            if *depth > 0 {
                return Err(WhereError::new(
                    self.text,
                    span.clone(),
                    format!(
                        "`{}` applies to the whole filter, so it cannot be inside brackets or after `not`",
                        typed(self.text, span)
                    ),
                    example,
                ));
            }
            if self.top_or {
                return Err(WhereError::new(
                    self.text,
                    span.clone(),
                    format!(
                        "`{}` applies to the whole filter, so it cannot be one side of an `or`",
                        typed(self.text, span)
                    ),
                    example,
                ));
            }
        }
        if let Some((_, span, _)) = self.modes.iter().find(|(all, ..)| all != first) {
            return Err(WhereError::new(
                self.text,
                span.clone(),
                format!(
                    "`{}` contradicts `{}` before it",
                    typed(self.text, span),
                    typed(self.text, first_span)
                ),
                "one match mode for the whole filter: `match:all` or `match:any`",
            ));
        }
        Ok(*first)
    }

    fn or(&mut self) -> Result<Node, WhereError> {
        let mut items = vec![self.and()?];
        while self.eat(&Token::Or) {
            self.top_or |= self.depth == 0;
            items.push(self.after("or", Self::and)?);
        }
        Ok(if items.len() == 1 { items.remove(0) } else { Node::Or(items) })
    }

    fn and(&mut self) -> Result<Node, WhereError> {
        let mut items = vec![self.unary()?];
        loop {
            if self.eat(&Token::And) {
                items.push(self.after("and", Self::unary)?);
            } else if matches!(
                self.peek(),
                Some(Token::Open | Token::Not | Token::Pair(..) | Token::Word(_))
            ) {
                items.push(self.unary()?);
            } else {
                break;
            }
        }
        items.retain(|n| *n != Node::All);
        self.reversed_range(&items)?;
        Ok(match items.len() {
            0 => Node::All,
            1 => items.remove(0),
            _ => Node::And(items),
        })
    }

    /// An error when a `from:` beside a `to:` is after it (`from:2025
    /// to:2013`), as `--from` after `--to` is: a range written the wrong way
    /// round. (`on:` terms may name two different days: an event can span both.)
    fn reversed_range(&self, items: &[Node]) -> Result<(), WhereError> {
        let terms = || {
            items.iter().filter_map(|n| match n {
                Node::Term(t) => Some(t),
                _ => None,
            })
        };
        for low in terms() {
            let Kind::From(a) = &low.kind else { continue };
            for high in terms() {
                let Kind::To(b) = &high.kind else { continue };
                if a.earliest() > b.latest() {
                    let (l, h) = (term_span(self.text, low), term_span(self.text, high));
                    return Err(WhereError::new(
                        self.text,
                        l.start.min(h.start)..l.end.max(h.end),
                        format!(
                            "`{}` is after `{}`: the range is the wrong way round",
                            &self.text[l], &self.text[h]
                        ),
                        "a start on or before the end",
                    ));
                }
            }
        }
        Ok(())
    }

    /// What follows an operator, or an error saying it is missing.
    fn after(
        &mut self,
        op: &str,
        next: fn(&mut Self) -> Result<Node, WhereError>,
    ) -> Result<Node, WhereError> {
        if matches!(self.peek(), None | Some(Token::Close | Token::And | Token::Or)) {
            return Err(WhereError::new(
                self.text,
                self.here(),
                format!("`{op}` needs a filter after it"),
                A_TERM,
            ));
        }
        next(self)
    }

    fn unary(&mut self) -> Result<Node, WhereError> {
        // The parser, the evaluator and dropping the tree all recurse: deep
        // nesting is refused before it can overflow the stack.
        if self.depth >= MAX_DEPTH && matches!(self.peek(), Some(Token::Not | Token::Open)) {
            return Err(WhereError::new(
                self.text,
                self.here(),
                format!("the expression is nested more than {MAX_DEPTH} levels deep here"),
                "fewer `(` and `not` around a filter",
            ));
        }
        if self.eat(&Token::Not) {
            self.depth += 1;
            let inner = self.after("not", Self::unary);
            self.depth -= 1;
            return Ok(Node::Not(Box::new(inner?)));
        }
        let span = self.here();
        let Some((token, _)) = self.tokens.get(self.at).cloned() else {
            return Err(WhereError::new(self.text, span, "the expression stops too soon", A_TERM));
        };
        self.at += 1;
        match token {
            Token::Open => {
                self.depth += 1;
                let inner = self.or();
                self.depth -= 1;
                let inner = inner?;
                if !self.eat(&Token::Close) {
                    return Err(WhereError::new(
                        self.text,
                        span,
                        "this `(` is not closed",
                        "a `)` after what it groups",
                    ));
                }
                Ok(inner)
            }
            Token::Pair(key, value) => self.pair(key, value),
            Token::Word(w) => {
                if !self.text[span.clone()].starts_with('"')
                    && let Some(meant) = mistyped(&w)
                {
                    return Err(WhereError::new(
                        self.text,
                        span,
                        format!("`{w}` would be searched for as text; did you mean `{meant}`?"),
                        "a filter, `and`, `or` or `not` (put text in quotes to search for it)",
                    ));
                }
                Ok(Node::Term(Term { kind: Kind::Text(w), value: span }))
            }
            Token::Close => Err(WhereError::new(self.text, span, "this `)` closes no `(`", A_TERM)),
            Token::And | Token::Or | Token::Not => Err(WhereError::new(
                self.text,
                span.clone(),
                format!("`{}` needs a filter before it", &self.text[span]),
                A_TERM,
            )),
        }
    }

    fn pair(&mut self, key: Range<usize>, value: Range<usize>) -> Result<Node, WhereError> {
        let text = self.text;
        let name = text[key.clone()].to_ascii_lowercase();
        let name =
            name.strip_suffix('s').filter(|k| *k == "countrie" || *k == "actor" || *k == "tag");
        let name = match name {
            Some("countrie") => "country".to_string(),
            Some(k) => k.to_string(),
            None => text[key.clone()].to_ascii_lowercase(),
        };
        let Some(&key_name) = KEYS.iter().find(|k| **k == name) else {
            let hint = crate::text::did_you_mean(&name, KEYS)
                .map(|k| format!("; did you mean `{k}:`?"))
                .unwrap_or_default();
            let keys: Vec<String> = KEYS.iter().map(|k| format!("{k}:")).collect();
            return Err(WhereError::new(
                text,
                key.clone(),
                format!("unknown filter `{}:`{hint}", &text[key]),
                format!("one of {} (quote a word with a colon in it)", keys.join(" ")),
            ));
        };
        let items = self.items(key_name, value.clone())?;
        let date = |items: &[Item]| -> Result<PartialDate, WhereError> {
            let item = &items[0];
            if items.len() > 1 {
                return Err(WhereError::new(
                    text,
                    items[1].span.clone(),
                    format!("`{key_name}:` takes one date"),
                    "a single date such as 2013, 1991-12 or 2025-10-09",
                ));
            }
            PartialDate::parse(&item.text).map_err(|e| {
                let why = match e {
                    DateError::Syntax => String::new(),
                    e => format!(": {e}"),
                };
                WhereError::new(
                    text,
                    item.span.clone(),
                    format!("`{}` is not a date{why}", item.text),
                    "a date such as 2013, 1991-12 or 2025-10-09 (`1865~` approximate, \
                     `-0329` for 330 BCE)",
                )
            })
        };
        let kind = match key_name {
            "country" => Kind::Country(items),
            "actor" => Kind::Actor(items),
            "tag" => Kind::Tag(items),
            "era" => Kind::Era(items),
            "related" => Kind::Related(items),
            "from" => Kind::From(date(&items)?),
            "to" => Kind::To(date(&items)?),
            "on" => Kind::On(date(&items)?),
            "text" => {
                Kind::Text(items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join(","))
            }
            "place" => {
                Kind::Place(items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join(","))
            }
            "attr" => Kind::Attr(attr(text, value.clone())?),
            _ => {
                let v = text[value.clone()].to_ascii_lowercase();
                let whole = key.start..value.end;
                match v.as_str() {
                    "all" => self.modes.push((true, whole, self.depth)),
                    "any" => self.modes.push((false, whole, self.depth)),
                    _ => {
                        return Err(WhereError::new(
                            text,
                            value.clone(),
                            format!("`match:{}` is not a match mode", &text[value]),
                            "`match:all` (every listed country) or `match:any`",
                        ));
                    }
                }
                return Ok(Node::All);
            }
        };
        Ok(Node::Term(Term { kind, value }))
    }

    /// The comma-separated values of a `key:` term, unquoted.
    fn items(&self, key: &str, value: Range<usize>) -> Result<Vec<Item>, WhereError> {
        let text = self.text;
        let what = match key {
            "country" => "a country code or name, such as KZ",
            "actor" => "an actor id or name, such as putin",
            "tag" => "a tag, such as summit",
            "era" => "an era id, such as soviet",
            "related" => "an event id",
            "from" | "to" | "on" => "a date such as 2013, 1991-12 or 2025-10-09",
            "text" => "a word or a \"quoted phrase\"",
            "place" => "a place's name, such as astana",
            "attr" => "an attribute, such as fatalities or fatalities>10",
            _ => "`all` or `any`",
        };
        let mut items = Vec::new();
        let mut start = value.start;
        let mut i = value.start;
        let bytes = text.as_bytes();
        loop {
            let end_of_item = i >= value.end || bytes[i] == b',';
            if end_of_item {
                let raw = &text[start..i];
                let (body, span) = match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
                    Some(inner) => (inner, start + 1..i - 1),
                    None => (raw, start..i),
                };
                if body.trim().is_empty() {
                    let (message, span) = if start == value.start && i >= value.end {
                        (format!("`{key}:` needs a value"), span)
                    } else {
                        ("an empty value in the list".to_string(), span)
                    };
                    return Err(WhereError::new(text, span, message, what));
                }
                items.push(Item { text: body.trim().to_string(), span });
                if i >= value.end {
                    break;
                }
                start = i + 1;
            } else if bytes[i] == b'"' {
                i = closing_quote(text, i)?;
            }
            i += 1;
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(n: &Node) -> String {
        match n {
            Node::All => "*".into(),
            Node::And(xs) => {
                format!("(and {})", xs.iter().map(shape).collect::<Vec<_>>().join(" "))
            }
            Node::Or(xs) => format!("(or {})", xs.iter().map(shape).collect::<Vec<_>>().join(" ")),
            Node::Not(x) => format!("(not {})", shape(x)),
            Node::Term(t) => match &t.kind {
                Kind::Country(v)
                | Kind::Actor(v)
                | Kind::Tag(v)
                | Kind::Era(v)
                | Kind::Related(v) => {
                    v.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join(",")
                }
                Kind::From(d) => format!(">{}", d.normalized()),
                Kind::To(d) => format!("<{}", d.normalized()),
                Kind::On(d) => format!("={}", d.normalized()),
                Kind::Text(s) => format!("'{s}'"),
                Kind::Place(s) => format!("@'{s}'"),
                Kind::Attr(a) => match &a.test {
                    Some((op, v)) => format!("[{}{}{v}]", a.name.text, op.symbol()),
                    None => format!("[{}]", a.name.text),
                },
            },
        }
    }

    fn ok(text: &str) -> String {
        match parse(text) {
            Ok(w) => shape(&w.root),
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn err(text: &str) -> WhereError {
        parse(text).expect_err(text)
    }

    #[test]
    fn precedence_not_over_and_over_or() {
        assert_eq!(ok("country:KZ and not actor:putin"), "(and KZ (not putin))");
        assert_eq!(
            ok("(tag:summit or tag:treaty) and from:2013"),
            "(and (or summit treaty) >2013)"
        );
        assert_eq!(ok("tag:summit or tag:treaty from:2013"), "(or summit (and treaty >2013))");
        assert_eq!(ok("tag:summit from:2013"), "(and summit >2013)");
        assert_eq!(ok("NOT not tag:war"), "(not (not war))");
        assert_eq!(ok("country:KZ,UZ match:all"), "KZ,UZ");
        assert!(parse("country:KZ,UZ match:all").is_ok_and(|w| w.match_all));
        assert_eq!(ok("   "), "*");
    }

    #[test]
    fn words_phrases_and_quoted_values() {
        assert_eq!(ok("belt road"), "(and 'belt' 'road')");
        assert_eq!(ok("\"belt and road\""), "'belt and road'");
        assert_eq!(ok("text:\"belt and road\" to:-0329"), "(and 'belt and road' <-0329)");
        assert_eq!(ok("actor:\"Vladimir Putin\",xi"), "Vladimir Putin,xi");
        assert_eq!(ok("Countries:kz Tags:war"), "(and kz war)");
        assert_eq!(ok("10:30"), "'10:30'");
        assert_eq!(ok("(on:2025-10-09)"), "=2025-10-09");
    }

    #[test]
    fn errors_point_at_the_problem_and_say_what_was_expected() {
        let e = err("country:KZ and");
        assert_eq!(e.span, 14..14);
        assert!(e.message.contains("`and` needs a filter after it"), "{e}");
        let e = err("tag:summit fro:2013");
        assert_eq!(e.span, 11..14);
        assert!(e.message.contains("did you mean `from:`"), "{e}");
        let e = err("from:20l3");
        assert_eq!(e.span, 5..9);
        assert!(e.expected.contains("1991-12"), "{e}");
        let e = err("(tag:war or tag:summit");
        assert_eq!(e.span, 0..1);
        assert_eq!(err("tag:war)").span, 7..8);
        assert_eq!(err("country:KZ,,UZ").message, "an empty value in the list");
        assert_eq!(err("country:").span, 8..8);
        assert_eq!(err("\"belt and").span, 0..1);
        assert_eq!(err("or tag:war").span, 0..2);
        assert_eq!(err("match:some").span, 6..10);
        assert_eq!(err("from:2013,2014").span, 10..14);
    }

    #[test]
    fn the_caret_sits_under_the_problem() {
        let e = err("tag:summit fro:2013");
        let shown = e.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1], "    tag:summit fro:2013");
        assert_eq!(lines[2].find('^'), Some(4 + 11));
        assert!(lines[2].starts_with("               ^^^ expected one of country:"), "{shown}");
        // Wide characters before the problem count as two columns.
        let e = err("Түркия 中国 and");
        assert_eq!(e.column(), "Түркия 中国 and".chars().count() + 2);
    }

    #[test]
    fn match_is_one_mode_for_the_whole_filter() {
        assert!(parse("country:KZ,UZ match:all tag:summit").is_ok_and(|w| w.match_all));
        assert!(parse("(country:KZ,UZ or tag:summit) MATCH:ALL").is_ok_and(|w| w.match_all));
        assert!(parse("match:all match:all country:KZ,UZ").is_ok_and(|w| w.match_all));
        assert!(parse("match:any country:KZ,UZ").is_ok_and(|w| !w.match_all));
        // On one side of an `or` it would let every event through.
        let e = err("country:KZ or match:all");
        assert_eq!(e.span, 14..23);
        assert!(e.message.contains("cannot be one side of an `or`"), "{e}");
        let e = err("tag:war or tag:summit match:all");
        assert_eq!(e.span, 22..31);
        assert_eq!(err("(country:KZ,UZ match:all)").span, 15..24);
        assert_eq!(err("not match:all").span, 4..13);
        let e = err("match:any country:KZ match:all");
        assert_eq!(e.span, 21..30);
        assert_eq!(e.message, "`match:all` contradicts `match:any` before it");
    }

    #[test]
    fn a_word_that_looks_like_a_mistyped_filter_is_refused() {
        for (text, span, meant) in [
            ("country=KZ", 0..10, "`country:KZ`"),
            ("tag:summit & country:KZ", 11..12, "`and`"),
            ("tag:summit && country:KZ", 11..13, "`and`"),
            ("tag:summit || tag:war", 11..13, "`or`"),
            ("! tag:war", 0..1, "`not`"),
            ("!tag:war", 0..8, "`not tag:war`"),
            ("Tags==summit", 0..12, "`Tags:summit`"),
            ("tag:summit andd country:KZ", 11..15, "`and`"),
            ("tag:summit ORR tag:war", 11..14, "`or`"),
            ("nott tag:war", 0..4, "`not`"),
            ("country!=RU", 0..11, "`not country:RU`"),
            ("tag:war Country!=RU,KZ", 8..22, "`not Country:RU,KZ`"),
        ] {
            let e = err(text);
            assert_eq!(e.span, span, "{text}: {e}");
            assert!(e.message.ends_with(&format!("did you mean {meant}?")), "{text}: {e}");
        }
        // Quoted, or not a filter's key, it is text to search for.
        assert_eq!(ok("\"a=b\" \"&\""), "(and 'a=b' '&')");
        assert_eq!(ok("e=mc2"), "'e=mc2'");
        assert_eq!(ok("note anderson"), "(and 'note' 'anderson')");
    }

    #[test]
    fn places_and_attributes() {
        assert_eq!(ok("place:astana"), "@'astana'");
        assert_eq!(ok("place:\"Nur-Sultan, Kazakhstan\""), "@'Nur-Sultan, Kazakhstan'");
        assert_eq!(ok("attr:fatalities"), "[fatalities]");
        assert_eq!(
            ok("attr:fatalities>10 attr:goldstein<-5"),
            "(and [fatalities>10] [goldstein<-5])"
        );
        assert_eq!(ok("attr:goldstein>=-2.5"), "[goldstein>=-2.5]");
        assert_eq!(ok("attr:mentions<=3"), "[mentions<=3]");
        assert_eq!(ok("attr:source=Reuters"), "[source=Reuters]");
        assert_eq!(ok("attr:source==\"Vlast.kz; Reuters\""), "[source=Vlast.kz; Reuters]");
        assert_eq!(ok("not attr:fatalities=0"), "(not [fatalities=0])");
        let e = err("attr:fatalities>many");
        assert_eq!(e.span, 16..20);
        assert!(e.message.contains("compares numbers"), "{e}");
        let e = err("attr:fatalities>");
        assert_eq!(e.span, 16..16);
        assert!(e.message.contains("needs a value"), "{e}");
        assert_eq!(err("attr:>3").span, 5..5);
        assert_eq!(err("attr:").span, 5..5);
        assert!(err("attr:a?b").message.contains("not an attribute's name"));
    }

    #[test]
    fn a_range_the_wrong_way_round_is_refused() {
        let e = err("from:2025 to:2013");
        assert_eq!(e.span, 0..17);
        assert_eq!(e.message, "`from:2025` is after `to:2013`: the range is the wrong way round");
        assert_eq!(err("to:2013 tag:war FROM:2025").span, 0..25);
        assert_eq!(err("from:2005-10 to:2005-06-30").span, 0..26);
        // An event can be going on in both months.
        assert!(parse("on:2025-10 on:2025-09").is_ok());
        assert_eq!(ok("from:2013 to:2013"), "(and >2013 <2013)");
        // Under an `or` each side stands alone.
        assert!(parse("(from:2025 or tag:war) to:2013").is_ok());
    }

    #[test]
    fn a_date_error_is_a_sentence_and_says_what_a_date_looks_like() {
        let e = err("from:2013-13");
        assert_eq!(
            e.message,
            "`2013-13` is not a date: there is no month 13; months go from 01 to 12"
        );
        assert!(e.expected.starts_with("a date such as 2013"), "{e}");
        let e = err("on:2025-02-30");
        assert_eq!(e.message, "`2025-02-30` is not a date: Feb 2025 has no day 30");
        assert_eq!(err("from:20l3").message, "`20l3` is not a date");
        assert!(!err("from:20l3").expected.contains("expected"), "expected once");
    }
}
