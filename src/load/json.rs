//! JSON text → the same located tree the YAML reader makes, with
//! `jsonc-parser` (which keeps each value's place; comments and trailing
//! commas are forgiven). Numbers, `true` and `null` stay plain text, strings
//! quoted text, so the schema step reads them as it reads YAML.

use hashbrown::HashSet;
use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{CollectOptions, ParseOptions};

use super::diagnostic::{Diagnostic, Mark};
use super::yaml::{Kind, MAX_DEPTH, Node};

/// Byte offsets → lines and columns, each in time that does not grow with
/// the file or the line: a minified JSON file is one line of megabytes, and
/// counting a column from the line's start for every value was quadratic.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Characters before each block of [`BLOCK`] bytes; empty for ASCII text,
    /// where a column is a byte count.
    chars: Vec<usize>,
}

const BLOCK: usize = 256;

/// Characters in `bytes`: every byte that does not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars = Vec::new();
        if !text.is_ascii() {
            let mut before = 0;
            chars.reserve(text.len() / BLOCK + 1);
            for block in text.as_bytes().chunks(BLOCK) {
                chars.push(before);
                before += count_chars(block);
            }
            chars.push(before);
        }
        Lines { text, starts, chars }
    }

    /// Characters before byte `at`.
    fn chars_before(&self, at: usize) -> usize {
        if self.chars.is_empty() {
            return at;
        }
        let block = at / BLOCK;
        self.chars[block] + count_chars(&self.text.as_bytes()[block * BLOCK..at])
    }

    /// The place of the bytes `start..end`, as wide as they are on their first line.
    pub fn mark(&self, start: usize, end: usize) -> Mark {
        self.mark_in(&self.starts, 0, start, end)
    }

    /// The lines of the bytes `start..end` alone, so that places in them are
    /// found among their few lines rather than all of the file's.
    pub fn within(&self, start: usize, end: usize) -> Within<'_> {
        let first = self.starts.partition_point(|&s| s <= start);
        let last = self.starts.partition_point(|&s| s <= end).max(first);
        Within { lines: self, first, starts: &self.starts[first..last] }
    }

    /// [`Lines::mark`], with `starts` the line starts after the first `before`
    /// ones: all of those, and none after `starts`, begin at or before `start`.
    fn mark_in(&self, starts: &[usize], before: usize, start: usize, end: usize) -> Mark {
        let bytes = self.text.as_bytes();
        let start = start.min(bytes.len());
        let end = end.clamp(start, bytes.len());
        let line = (before + starts.partition_point(|&s| s <= start)).max(1);
        let line_start = self.starts[line - 1];
        let column = self.chars_before(start) - self.chars_before(line_start) + 1;
        let span = &bytes[start..end];
        let span = memchr::memchr(b'\n', span).map_or(span, |i| &span[..i]);
        Mark { line, column, width: count_chars(span).max(1) }
    }
}

/// The lines of a part of a text, from [`Lines::within`].
pub struct Within<'a> {
    lines: &'a Lines<'a>,
    first: usize,
    starts: &'a [usize],
}

impl Within<'_> {
    /// The place of the bytes `start..end`, which lie in the part.
    pub fn mark(&self, start: usize, end: usize) -> Mark {
        self.lines.mark_in(self.starts, self.first, start, end)
    }
}

/// Parses `text` as JSON; problems are reported, and `None` returned when
/// there is no tree to read.
pub fn parse(text: &str, file: usize, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    let lines = Lines::new(text);
    // The parser recurses: refuse deep nesting before it does.
    if let Some(at) = too_deep(text) {
        diags.push(Diagnostic::error(
            file,
            Some(lines.mark(at, at + 1)),
            format!("it is nested more than {MAX_DEPTH} levels deep"),
        ));
        return None;
    }
    match jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default()) {
        Err(e) => {
            let range = e.range();
            diags.push(Diagnostic::error(
                file,
                Some(lines.mark(range.start, range.end)),
                format!("this is not valid JSON here: {}", e.kind()),
            ));
            None
        }
        Ok(parsed) => match parsed.value {
            Some(value) => Some(node(&value, &lines.within(0, text.len()), 0, file, diags)),
            None => {
                diags.push(Diagnostic::warning(
                    file,
                    None,
                    "this file is empty: it defines no events",
                ));
                None
            }
        },
    }
}

/// Where the nesting first goes deeper than [`MAX_DEPTH`].
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The JSON value `text[start..end]` of the text `lines` index, with its
/// places in that text; `None` when it is not one valid value.
pub fn value_at(
    text: &str,
    (start, end): (usize, usize),
    lines: &Lines,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Node> {
    let slice = text.get(start..end)?;
    let parsed =
        jsonc_parser::parse_to_ast(slice, &CollectOptions::default(), &ParseOptions::default())
            .ok()?;
    Some(node(&parsed.value?, &lines.within(start, end), start, file, diags))
}

/// The error for a key written a second time in one object.
pub fn twice(file: usize, key: &Node) -> Diagnostic {
    Diagnostic::error(
        file,
        Some(key.mark),
        format!(
            "the key `{}` is written twice in this object; the first one is used",
            crate::text::sanitize::visible(key.text().unwrap_or_default())
        ),
    )
}

/// `value` as a node; its ranges count from byte `base` of the text `lines` index.
fn node(
    value: &Value,
    lines: &Within,
    base: usize,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Node {
    let at = |start: usize, end: usize| lines.mark(base + start, base + end);
    match value {
        Value::StringLit(s) => Node::text_at(s.value.to_string(), at(s.range.start, s.range.end)),
        Value::NumberLit(n) => Node::plain_at(n.value, at(n.range.start, n.range.end)),
        Value::BooleanLit(b) => Node::plain_at(b.value.to_string(), at(b.range.start, b.range.end)),
        Value::NullKeyword(n) => Node::plain_at("null", at(n.range.start, n.range.end)),
        Value::Array(a) => Node::list_at(
            a.elements.iter().map(|v| node(v, lines, base, file, diags)).collect(),
            at(a.range.start, a.range.start + 1),
        ),
        Value::Object(o) => {
            let mut entries: Vec<(Node, Node)> = Vec::with_capacity(o.properties.len());
            // Keys seen, to find one written twice without a scan for each key.
            let mut seen: HashSet<&str> = HashSet::with_capacity(o.properties.len());
            for p in &o.properties {
                let (name, range): (&str, _) = match &p.name {
                    ObjectPropName::String(s) => (&s.value, s.range),
                    ObjectPropName::Word(w) => (w.value, w.range),
                };
                let key = Node::text_at(name, at(range.start, range.end));
                if !seen.insert(name) {
                    diags.push(twice(file, &key));
                    continue;
                }
                entries.push((key, node(&p.value, lines, base, file, diags)));
            }
            Node { mark: at(o.range.start, o.range.start + 1), kind: Kind::Map(entries) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_places() {
        let mut diags = Vec::new();
        let text = "{\n  \"title\": \"Panjdeh\",\n  \"year\": -500,\n  \"x\": null\n}";
        let root = parse(text, 0, &mut diags).expect("a tree");
        assert!(diags.is_empty(), "{diags:?}");
        let title = root.get("title").expect("title");
        assert_eq!(title.text(), Some("Panjdeh"));
        assert_eq!((title.mark.line, title.mark.column, title.mark.width), (2, 12, 9));
        assert_eq!(root.get("year").and_then(Node::text), Some("-500"));
        assert!(root.get("x").is_some_and(Node::is_null));
    }

    #[test]
    fn broken_and_deep_json_is_reported_at_its_place() {
        let mut diags = Vec::new();
        assert!(parse("{\n  \"a\": 1\n  \"b\" 2\n}", 0, &mut diags).is_none());
        assert_eq!(diags[0].mark.map(|m| m.line), Some(3), "{diags:?}");
        diags.clear();
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep, 0, &mut diags).is_none());
        assert!(diags[0].message.contains("nested more than 128"), "{diags:?}");
    }
}
