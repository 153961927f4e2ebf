//! YAML text → a tree of located nodes, in one pass over `yaml-rust2`'s
//! events. Scalars keep the text as written (`0x7C7` stays text, not 1991):
//! the schema step decides what each field means. Nesting depth, duplicate
//! keys and the size that aliases expand to are checked while the tree grows,
//! so hostile files cost work in proportion to their size.

use std::collections::HashMap;

use unicode_width::UnicodeWidthStr;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

pub use super::diagnostic::Mark;
use super::syntax::{self, OpenBlock};
pub use super::syntax::{MAX_DEPTH, Problem};

/// Aliases may expand a file to this many times its own size (plus [`ALIAS_SLACK`]).
pub const ALIAS_FACTOR: usize = 4;
pub const ALIAS_SLACK: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    /// `|` or `>`.
    Block,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Scalar(String, Style),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A value and where it is written. A block mapping is placed at its first key.
#[derive(Debug, Clone)]
pub struct Node {
    pub mark: Mark,
    pub kind: Kind,
}

impl Node {
    /// Text as a quoted scalar: never read as null or a number.
    pub fn text_at(text: impl Into<String>, mark: Mark) -> Node {
        Node { mark, kind: Kind::Scalar(text.into(), Style::Quoted) }
    }

    /// A number, `true` or `null` as written plainly.
    pub fn plain_at(text: impl Into<String>, mark: Mark) -> Node {
        Node { mark, kind: Kind::Scalar(text.into(), Style::Plain) }
    }

    pub fn list_at(items: Vec<Node>, mark: Mark) -> Node {
        Node { mark, kind: Kind::Seq(items) }
    }

    /// A mapping of `key: value` pairs, each key placed at its value.
    pub fn map_at(entries: Vec<(&str, Node)>, mark: Mark) -> Node {
        let entries = entries.into_iter().map(|(k, v)| (Node::text_at(k, v.mark), v)).collect();
        Node { mark, kind: Kind::Map(entries) }
    }

    /// Nothing written, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar(s, Style::Plain) if matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The text of a scalar that is not null.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s, _) if !self.is_null() => Some(s),
            _ => None,
        }
    }

    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn entries(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key` in a mapping (the first, if written twice).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()?.iter().find(|(k, _)| k.text() == Some(key)).map(|(_, v)| v)
    }

    /// What this is, in words for messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            _ if self.is_null() => "nothing",
            Kind::Scalar(..) => "text",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping (key: value pairs)",
        }
    }

    /// Nodes plus scalar bytes: what an alias to this node costs to expand.
    fn weight(&self) -> usize {
        match &self.kind {
            Kind::Scalar(s, _) => 1 + s.len(),
            Kind::Seq(items) => 1 + items.iter().map(Node::weight).sum::<usize>(),
            Kind::Map(entries) => {
                1 + entries.iter().map(|(k, v)| k.weight() + v.weight()).sum::<usize>()
            }
        }
    }
}

/// What a parse gives: the tree (without the items handed to the sink), the
/// problems, and whether the parse reached the end of the text.
#[derive(Debug)]
pub struct Parsed {
    pub root: Option<Node>,
    pub problems: Vec<Problem>,
    pub complete: bool,
}

/// Parses one document into a whole tree.
pub fn parse(text: &str) -> Parsed {
    parse_streaming(text, &mut |_: &str, _: Node| {}, false)
}

/// Told, now and then, how many more characters of a text have been parsed:
/// a big file's progress shows while it is read.
pub type Meter<'a> = &'a (dyn Fn(u64) + Sync);

/// How many characters are parsed between two readings of the meter.
const METER_STEP: usize = 1 << 18;

/// Parses one document. With `stream`, each item of a list under a top-level
/// key (`events:` …) goes to `sink` as soon as it is complete instead of into
/// the tree, so a large file never exists as a whole tree in memory.
pub fn parse_streaming(text: &str, sink: &mut dyn FnMut(&str, Node), stream: bool) -> Parsed {
    parse_metered(text, sink, stream, &|_| {})
}

/// Like [`parse_streaming`], telling `meter` how far the parse has got.
pub fn parse_metered(
    text: &str,
    sink: &mut dyn FnMut(&str, Node),
    stream: bool,
    meter: Meter,
) -> Parsed {
    let mut b = Builder {
        text,
        sink,
        stream,
        stack: Vec::new(),
        anchors: HashMap::new(),
        budget: text.len().saturating_mul(ALIAS_FACTOR).saturating_add(ALIAS_SLACK),
        problems: Vec::new(),
        root: None,
        documents: 0,
        closed: None,
        pending: None,
    };
    let mut parser = Parser::new_from_str(text);
    // A part of a file cut for parsing starts with blank lines that hold its place.
    let mut told = text.len() - text.trim_start_matches(['\n', '\r']).len();
    let complete = loop {
        match parser.next_token() {
            Err(e) => {
                let blocks = b.open_blocks();
                let problem = syntax::explain(text, e.info(), at(e.marker(), 1), &blocks);
                b.problems.extend(problem);
                break false;
            }
            Ok((Event::StreamEnd, _)) => break true,
            Ok((event, marker)) => {
                if marker.index() >= told + METER_STEP {
                    meter((marker.index() - told) as u64);
                    told = marker.index();
                }
                if let Err(p) = b.event(event, marker) {
                    b.problems.push(p);
                    break false;
                }
            }
        }
    };
    Parsed { root: b.root, problems: b.problems, complete }
}

fn at(m: &Marker, width: usize) -> Mark {
    Mark { line: m.line(), column: m.col() + 1, width: width.max(1) }
}

enum Open {
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        index: Option<HashMap<String, usize>>,
        /// A repeated first key was taken for a missing `- `; the keys
        /// repeated after it follow from the same mistake.
        split: bool,
    },
}

struct Frame {
    mark: Mark,
    anchor: usize,
    open: Open,
    /// The top-level key whose list items go to the sink ([`TOUR_STEPS`]
    /// for a tour's steps).
    section: Option<&'static str>,
    /// The first item of a tour's steps handed to the sink, where its list
    /// would have it: advice on a syntax error counts from it.
    first_item: Option<Mark>,
}

struct Builder<'t, 's> {
    text: &'t str,
    sink: &'s mut dyn FnMut(&str, Node),
    stream: bool,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    /// What aliases may still expand to, in [`Node::weight`] units.
    budget: usize,
    problems: Vec<Problem>,
    root: Option<Node>,
    documents: usize,
    /// The block mapping closed last, for indentation advice.
    closed: Option<OpenBlock>,
    /// The last streamed item, held back until the next one starts: a syntax
    /// error right after it (a line at its list's column without `- `) may
    /// have cut it short, and then it is not checked.
    pending: Option<(&'static str, Node)>,
}

/// The top-level lists whose items go to the sink one by one.
pub const STREAMED: &[&str] = &["countries", "actors", "eras", "events", "tours"];

/// The section of a tour's steps, each handed to the sink as it is read
/// (a tour may have a million steps): after [`TOUR_STEPS_OF`], and before
/// the tour itself, whose `steps` is then an empty list.
pub const TOUR_STEPS: &str = "tours.steps";
/// What comes before the steps of a tour: the node of its `id`, written
/// before its `steps` (a tour without one is read whole).
pub const TOUR_STEPS_OF: &str = "tours.steps.of";

/// The `&'static` name of a section handed to the sink.
pub fn section(name: &str) -> Option<&'static str> {
    STREAMED.iter().chain(&[TOUR_STEPS, TOUR_STEPS_OF]).find(|s| **s == name).copied()
}

/// Mappings with more keys than this look up duplicates in a hash map.
const LINEAR_KEYS: usize = 16;

/// The columns a scalar's text takes. Most scalars are printable ASCII, a
/// column a byte: measuring every one took 2.5 % of a large load's time.
fn columns(text: &str) -> usize {
    if crate::text::safe::printable_ascii(text) { text.len() } else { text.width() }
}

impl Builder<'_, '_> {
    fn event(&mut self, event: Event, marker: Marker) -> Result<(), Problem> {
        // The next item has started: the one held back was whole.
        if matches!(
            event,
            Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Scalar(..)
                | Event::Alias(_)
        ) && self.stack.last().is_some_and(|f| f.section.is_some())
            && let Some((s, n)) = self.pending.take()
        {
            (self.sink)(s, n);
        }
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Problem {
                        mark: at(&marker, 3),
                        message: "a second YAML document starts here".into(),
                        help: Some(
                            "a line `---` starts a new document; keep one timeline per file, or split it into two files"
                                .into(),
                        ),
                    });
                }
            }
            Event::Scalar(text, style, anchor, _) => {
                let (style, width) = match style {
                    TScalarStyle::Plain => (Style::Plain, columns(&text)),
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => {
                        (Style::Quoted, columns(&text) + 2)
                    }
                    _ => (Style::Block, 1),
                };
                let width = if text.contains('\n') { 1 } else { width };
                let node = Node { mark: at(&marker, width), kind: Kind::Scalar(text, style) };
                self.finish(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some((node, weight)) = self.anchors.get(&id) else {
                    return Err(Problem {
                        mark: at(&marker, 1),
                        message: "this alias refers to a list or mapping that is not finished yet"
                            .into(),
                        help: Some(
                            "an alias `*name` can only repeat something written above it".into(),
                        ),
                    });
                };
                if *weight > self.budget {
                    return Err(Problem {
                        mark: at(&marker, 1),
                        message: format!(
                            "its aliases (`*name`) would expand it to more than {ALIAS_FACTOR} times its own size; steppe refuses such files (a \"billion laughs\" document?)"
                        ),
                        help: Some("write the repeated parts out, or use fewer aliases".into()),
                    });
                }
                self.budget -= weight;
                let mut node = node.clone();
                node.mark = at(&marker, 1);
                self.finish(node, 0)?;
            }
            Event::SequenceStart(anchor, _) => {
                // Items of a timeline's lists are streamed, unless an alias may repeat them.
                let section = match self.stack.as_slice() {
                    [Frame { open: Open::Map { key: Some(k), .. }, .. }]
                        if self.stream && anchor == 0 =>
                    {
                        k.text().and_then(|t| STREAMED.iter().find(|s| **s == t).copied())
                    }
                    _ if self.stream && anchor == 0 => self.tour_steps(),
                    _ => None,
                };
                self.push(Frame {
                    mark: at(&marker, 1),
                    anchor,
                    open: Open::Seq(Vec::new()),
                    section,
                    first_item: None,
                })?;
            }
            Event::MappingStart(anchor, _) => {
                let open = Open::Map { entries: Vec::new(), key: None, index: None, split: false };
                let frame =
                    Frame { mark: at(&marker, 1), anchor, open, section: None, first_item: None };
                self.push(frame)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(frame) = self.stack.pop() {
                    if frame.section.is_some()
                        && let Some((s, n)) = self.pending.take()
                    {
                        (self.sink)(s, n);
                    }
                    if let Open::Map { entries, .. } = &frame.open
                        && let Some((k, _)) = entries.first()
                    {
                        let first_key = Some((k.mark, k.text().unwrap_or("").to_string()));
                        self.closed = Some(OpenBlock::Mapping { mark: frame.mark, first_key });
                    }
                    let kind = match frame.open {
                        Open::Seq(items) => Kind::Seq(items),
                        Open::Map { entries, .. } => Kind::Map(entries),
                    };
                    let mut mark = frame.mark;
                    if let Kind::Map(entries) = &kind
                        && let Some((k, _)) = entries.first()
                        && (k.mark.line, k.mark.column) < (mark.line, mark.column)
                    {
                        mark = k.mark;
                    }
                    self.finish(Node { mark, kind }, frame.anchor)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// When the list starting is the `steps` of a streamed tour, not
    /// repeated by an alias, whose `id` is written before it: tells the sink
    /// whose steps follow, and gives their section.
    fn tour_steps(&mut self) -> Option<&'static str> {
        let [_, tours, tour] = self.stack.as_slice() else { return None };
        // Cheap tests first: every list in an event comes here too.
        if tours.section != Some("tours") || tour.anchor != 0 {
            return None;
        }
        let Open::Map { entries, key: Some(key), .. } = &tour.open else { return None };
        if key.text() != Some("steps") {
            return None;
        }
        let first_steps = !entries.iter().any(|(k, _)| k.text() == Some("steps"));
        let id = entries.iter().find(|(k, _)| k.text() == Some("id")).map(|(_, v)| v);
        let id = id.filter(|v| first_steps && matches!(v.kind, Kind::Scalar(..)))?.clone();
        if let Some((s, n)) = self.pending.take() {
            (self.sink)(s, n);
        }
        (self.sink)(TOUR_STEPS_OF, id);
        Some(TOUR_STEPS)
    }

    fn push(&mut self, frame: Frame) -> Result<(), Problem> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Problem {
                mark: frame.mark,
                message: format!("it is nested more than {MAX_DEPTH} levels deep"),
                help: Some("a timeline needs only a few levels of lists and mappings".into()),
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    /// A complete node: remember it if anchored, then hand it to its parent.
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), Problem> {
        if anchor != 0 {
            let weight = node.weight();
            self.anchors.insert(anchor, (node.clone(), weight));
        }
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match &mut parent.open {
            Open::Seq(items) => match parent.section {
                Some(section) => {
                    if section == TOUR_STEPS && parent.first_item.is_none() {
                        parent.first_item = Some(node.mark);
                    }
                    if let Some((s, n)) = self.pending.replace((section, node)) {
                        (self.sink)(s, n);
                    }
                }
                None => items.push(node),
            },
            Open::Map { entries, key, index, split } => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    let earlier = duplicate_of(entries, index, &node);
                    if let Some(first) = earlier
                        && !*split
                    {
                        *split = first == 0 && entries[0].0.mark.line != node.mark.line;
                        let problem = duplicate_key(&entries[first].0, &node, entries);
                        self.problems.push(problem);
                    }
                    *key = Some(node);
                }
            },
        }
        Ok(())
    }

    /// The block lists and mappings open where a syntax error stopped the parse.
    fn open_blocks(&self) -> Vec<OpenBlock> {
        self.stack
            .iter()
            .map(|f| match &f.open {
                Open::Seq(items) => OpenBlock::List {
                    mark: f.mark,
                    first_item: items.first().map(|n| n.mark).or(f.first_item),
                },
                Open::Map { entries, key, .. } => {
                    let first = entries.first().map(|(k, _)| k).or(key.as_ref());
                    OpenBlock::Mapping {
                        mark: f.mark,
                        first_key: first.map(|k| (k.mark, k.text().unwrap_or("").to_string())),
                    }
                }
            })
            .chain(self.closed.clone())
            .filter(|b| !syntax::is_flow(self.text, b))
            .collect()
    }
}

/// The index of an earlier key equal to `key`, if there is one.
fn duplicate_of(
    entries: &[(Node, Node)],
    index: &mut Option<HashMap<String, usize>>,
    key: &Node,
) -> Option<usize> {
    let name = key.text()?;
    if entries.len() < LINEAR_KEYS {
        return entries.iter().position(|(k, _)| k.text() == Some(name));
    }
    let index = index.get_or_insert_with(|| {
        let mut m = HashMap::new();
        for (i, (k, _)) in entries.iter().enumerate() {
            if let Some(t) = k.text() {
                m.entry(t.to_string()).or_insert(i);
            }
        }
        m
    });
    let found = index.get(name).copied();
    if found.is_none() {
        index.insert(name.to_string(), entries.len());
    }
    found
}

fn duplicate_key(first: &Node, again: &Node, entries: &[(Node, Node)]) -> Problem {
    let name = again.text().unwrap_or("");
    let (l1, l2) = (first.mark.line, again.mark.line);
    let starts_item = entries.first().is_some_and(|(k, _)| k.text() == Some(name));
    let help = if starts_item && l1 != l2 {
        format!(
            "if line {l2} starts a new item, put `- ` before `{name}` there, lined up with the `- ` above line {l1}"
        )
    } else {
        format!("keep one `{name}` and delete the other")
    };
    let where_ = if l1 == l2 {
        format!("twice on line {l1}")
    } else {
        format!("twice in the same mapping, on lines {l1} and {l2}")
    };
    Problem {
        mark: again.mark,
        message: format!("the key `{}` is written {where_}", crate::text::sanitize::visible(name)),
        help: Some(help),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        let parsed = parse(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.root.expect("a document")
    }

    #[test]
    fn locates_values_and_keys() {
        let root = tree("title: T\nevents:\n  - id: a\n    countries: [KZ, XX]\n");
        let event = &root.get("events").and_then(Node::items).expect("events")[0];
        assert_eq!(event.mark, Mark { line: 3, column: 5, width: 2 });
        let countries = event.get("countries").and_then(Node::items).expect("list");
        assert_eq!(countries[1].mark, Mark { line: 4, column: 21, width: 2 });
        let (key, _) = &event.entries().expect("map")[1];
        assert_eq!(key.mark, Mark { line: 4, column: 5, width: 9 });
    }

    #[test]
    fn scalars_keep_their_text() {
        let root = tree("a: 0x7C7\nb: +1991\nc: 'x'\nd: ~\ne:\nf: yes\n");
        assert_eq!(root.get("a").and_then(Node::text), Some("0x7C7"));
        assert_eq!(root.get("b").and_then(Node::text), Some("+1991"));
        assert_eq!(root.get("c").and_then(Node::text), Some("x"));
        assert!(root.get("d").is_some_and(Node::is_null));
        assert!(root.get("e").is_some_and(Node::is_null));
        assert_eq!(root.get("f").and_then(Node::text), Some("yes"));
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second_key_naming_both_lines() {
        let parsed = parse("events:\n  - id: a\n    date: 2001\n    title: A\n    date: 2002\n");
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        let p = &parsed.problems[0];
        assert_eq!((p.mark.line, p.mark.column), (5, 5));
        assert!(p.message.contains("lines 3 and 5"), "{}", p.message);
    }

    #[test]
    fn many_keys_find_duplicates_through_the_index() {
        let mut text: String = (0..100).map(|i| format!("k{i}: v\n")).collect();
        text.push_str("k7: again\n");
        let parsed = parse(&text);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].mark.line, 101);
    }

    #[test]
    fn streamed_items_leave_the_tree() {
        let mut seen = Vec::new();
        let text = "title: T\nevents:\n  - id: a\n  - id: b\n";
        let parsed = parse_streaming(
            text,
            &mut |section, node| seen.push((section.to_string(), node.mark.line)),
            true,
        );
        assert!(parsed.complete);
        assert_eq!(seen, [("events".to_string(), 3), ("events".to_string(), 4)]);
        let root = parsed.root.expect("root");
        assert_eq!(root.get("events").and_then(Node::items).map(<[Node]>::len), Some(0));
    }

    #[test]
    fn nesting_is_bounded_whatever_the_quotes() {
        let n = 100_000;
        let text = format!("title: [it's, {}{}, don't]\n", "[".repeat(n), "]".repeat(n));
        let parsed = parse(&text);
        assert!(!parsed.complete);
        assert!(
            parsed.problems[0].message.contains("nested more than 128"),
            "{:?}",
            parsed.problems
        );
        let block = format!("{}x\n", "- ".repeat(n));
        let parsed = parse(&block);
        assert!(
            parsed.problems[0].message.contains("nested more than 128"),
            "{:?}",
            parsed.problems
        );
    }

    #[test]
    fn alias_fan_out_is_bounded_by_expanded_size() {
        let urls: String = (0..20_000).map(|i| format!("  - https://example.org/{i}\n")).collect();
        let mut text = format!("base: &u\n{urls}events:\n");
        for i in 0..2_000 {
            text.push_str(&format!("  - {{id: e{i}, sources: *u}}\n"));
        }
        let parsed = parse(&text);
        assert!(!parsed.complete);
        let p = &parsed.problems[0];
        assert!(p.message.contains("aliases"), "{p:?}");
        // A few uses of a small anchor are fine.
        let ok = "a: &x [1, 2]\nb: *x\nc: *x\n";
        assert!(parse(ok).problems.is_empty());
    }

    #[test]
    fn a_second_document_is_named() {
        let parsed = parse("title: A\n---\ntitle: B\n");
        assert_eq!(parsed.problems[0].mark.line, 2);
        assert!(parsed.problems[0].message.contains("second YAML document"));
    }
}
