//! Every YAML call of steppe lives here. `serde_yaml` parses the document
//! into values; a second pass over `yaml-rust2`'s events records where each
//! node sits in the text, because `serde_yaml::Value` keeps no positions.

use std::collections::HashMap;

use serde_yaml::Value;
use unicode_width::UnicodeWidthStr;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

pub use serde_yaml::{Mapping, Value as YamlValue};

/// A place in a file: 1-based line and column (in characters), and how many
/// columns the thing there spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

impl Mark {
    pub const START: Mark = Mark { line: 1, column: 1, width: 1 };
}

/// A parsed document and the positions of its nodes, by path.
/// Paths look like `/events/3/countries/1`; the root is ``.
#[derive(Debug)]
pub struct Document {
    pub value: Value,
    /// Keyed by [`PathHash`] of the path, to keep large files cheap to index.
    values: HashMap<u64, Mark>,
    keys: HashMap<u64, Mark>,
}

/// A path hashed segment by segment (FNV-1a), so the locator never builds strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PathHash(u64);

impl PathHash {
    const ROOT: PathHash = PathHash(0xcbf2_9ce4_8422_2325);

    fn child(self, segment: &[u8]) -> PathHash {
        let mut h = self.0 ^ u64::from(b'/');
        h = h.wrapping_mul(0x100_0000_01b3);
        for &b in segment {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        PathHash(h)
    }

    fn index(self, i: usize) -> PathHash {
        self.child(i.to_string().as_bytes())
    }

    fn of(path: &str) -> PathHash {
        path.split('/').skip(1).fold(PathHash::ROOT, |h, seg| h.child(seg.as_bytes()))
    }
}

impl Document {
    /// Where the value at `path` starts, or the nearest enclosing node.
    pub fn value_mark(&self, path: &str) -> Mark {
        let mut p = path;
        loop {
            if let Some(m) = self.values.get(&PathHash::of(p).0) {
                return *m;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return Mark::START,
            }
        }
    }

    /// Where the key that leads to `path` is written.
    pub fn key_mark(&self, path: &str) -> Mark {
        self.keys.get(&PathHash::of(path).0).copied().unwrap_or_else(|| self.value_mark(path))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub mark: Mark,
}

/// How deep `[` and `{` may nest before a file is refused unparsed: the
/// parser slows down quadratically on deeper flow nesting.
const MAX_FLOW_DEPTH: usize = 128;

/// Parses one YAML document.
pub fn parse(text: &str) -> Result<Document, SyntaxError> {
    check_flow_depth(text)?;
    let value: Value = serde_yaml::from_str(text).map_err(|err| {
        let mark = err
            .location()
            .map(|l| Mark { line: l.line(), column: l.column(), width: 1 })
            .unwrap_or(Mark::START);
        SyntaxError { message: explain(&strip_locations(&err.to_string())), mark }
    })?;
    let mut locator = Locator::default();
    // Only positions come from this pass; if it disagrees, messages fall back
    // to the nearest node it did place.
    let _ = Parser::new_from_str(text).load(&mut locator, false);
    Ok(Document { value, values: locator.values, keys: locator.keys })
}

/// A quick scan for brackets nested too deep, outside quotes and comments.
fn check_flow_depth(text: &str) -> Result<(), SyntaxError> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let (mut line, mut column) = (1, 0);
    let mut comment = false;
    let mut previous = '\n';
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            comment = false;
        } else if comment {
        } else if let Some(q) = quote {
            if c == q && previous != '\\' {
                quote = None;
            }
        } else {
            match c {
                '"' | '\'' if depth > 0 || matches!(previous, ' ' | ':' | '\n' | '-') => {
                    quote = Some(c)
                }
                '#' if previous.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err(SyntaxError {
                            message: explain("recursion limit exceeded"),
                            mark: Mark { line, column, width: 1 },
                        });
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        previous = c;
    }
    Ok(())
}

/// Words for the limits that guard against hostile files.
fn explain(message: &str) -> String {
    match message {
        "repetition limit exceeded" => {
            "its aliases (`*name`) would expand it far beyond its size; \
            steppe refuses such files (a \"billion laughs\" document?)"
                .into()
        }
        "recursion limit exceeded" => "it is nested more than 128 levels deep".into(),
        other => other.into(),
    }
}

/// Turns libyaml's "did not find expected key at line 3 column 5" into
/// "did not find expected key"; the position is reported separately.
fn strip_locations(message: &str) -> String {
    let mut out = String::new();
    for part in message.split(", ") {
        let part = match part.find(" at line ") {
            Some(i) => &part[..i],
            None => part,
        };
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(part);
    }
    out
}

enum Frame {
    Seq { path: PathHash, next: usize },
    Map { path: PathHash, key: Option<PathHash> },
}

#[derive(Default)]
struct Locator {
    stack: Vec<Frame>,
    values: HashMap<u64, Mark>,
    keys: HashMap<u64, Mark>,
}

impl Locator {
    /// The path of the node that starts now, or `None` when it is a mapping key.
    fn place(&mut self, mark: Mark, key_text: Option<&str>) -> Option<PathHash> {
        match self.stack.last_mut() {
            None => Some(PathHash::ROOT),
            Some(Frame::Seq { path, next }) => {
                let p = path.index(*next);
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key }) => match key.take() {
                Some(k) => Some(k),
                None => {
                    // A key: remember it; complex keys get a name no lookup uses.
                    let k = path.child(key_text.unwrap_or("\u{0}").as_bytes());
                    self.keys.insert(k.0, mark);
                    // A block mapping is reported where its first key is.
                    if let Some(start) = self.values.get_mut(&path.0)
                        && (mark.line, mark.column) < (start.line, start.column)
                    {
                        *start = mark;
                    }
                    *key = Some(k);
                    None
                }
            },
        }
    }

    fn start(&mut self, mark: Mark, key_text: Option<&str>) -> PathHash {
        match self.place(mark, key_text) {
            Some(path) => {
                self.values.entry(path.0).or_insert(mark);
                path
            }
            None => PathHash::ROOT.child(b"\0"),
        }
    }
}

impl MarkedEventReceiver for Locator {
    fn on_event(&mut self, ev: Event, m: Marker) {
        let at = |width: usize| Mark { line: m.line(), column: m.col() + 1, width: width.max(1) };
        match ev {
            Event::Scalar(text, style, _, _) => {
                let width = match style {
                    TScalarStyle::Plain => text.width(),
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => text.width() + 2,
                    _ => 1,
                };
                let width = if text.contains('\n') { 1 } else { width };
                self.start(at(width), Some(&text));
            }
            Event::Alias(_) => {
                self.start(at(1), None);
            }
            Event::SequenceStart(..) => {
                let path = self.start(at(1), None);
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingStart(..) => {
                let path = self.start(at(1), None);
                self.stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_values_and_keys() {
        let text = "title: T\nevents:\n  - id: a\n    countries: [KZ, XX]\n";
        let doc = parse(text).unwrap();
        assert_eq!(doc.value_mark("/events/0/countries/1"), Mark { line: 4, column: 21, width: 2 });
        assert_eq!(doc.key_mark("/events/0/countries"), Mark { line: 4, column: 5, width: 9 });
        assert_eq!(doc.value_mark("/title"), Mark { line: 1, column: 8, width: 1 });
        // Unknown paths fall back to the nearest known parent.
        assert_eq!(doc.value_mark("/events/0/nothing"), doc.value_mark("/events/0"));
    }

    #[test]
    fn syntax_errors_are_located_without_repeating_the_position() {
        let err = parse("a: b\n  c: d\n").unwrap_err();
        assert_eq!(err.mark.line, 2);
        assert!(!err.message.contains("line"), "{}", err.message);
    }

    #[test]
    fn unquoted_years_are_numbers() {
        let doc = parse("date: 1991\n").unwrap();
        assert!(doc.value.get("date").is_some_and(Value::is_i64));
    }
}
