//! A TimelineJS JSON file read event by event. The top level is scanned for
//! where each value and each item of `events` lies; each item is then parsed,
//! converted and checked on its own, so no tree of the whole file is built,
//! and a big file's events are read in parts on all cores.
//!
//! The scan takes plain JSON only. A file it does not take (comments, a
//! trailing comma, a mistake) is left to the whole-tree reader, which reports
//! it; the two read every file they both take alike, diagnostics included.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use hashbrown::HashSet;

use super::diagnostic::Diagnostic;
use super::json::{self, Lines};
use super::schema::{Checker, FileContent};
use super::timelinejs::{Convert, Dropped};
use super::yaml::{Kind, MAX_DEPTH, Node};

/// Files at least this large have their events read in parts on all cores.
const SPLIT_BYTES: usize = 8 << 20;

/// Byte offsets `start..end` of a value in the file.
type Span = (usize, usize);

/// Reads a TimelineJS JSON file: event by event when it is plain JSON,
/// else (comments, trailing commas, a mistake) as one tree.
pub fn read_json(text: &str, file: usize, diags: &mut Vec<Diagnostic>) -> FileContent {
    match read(text, file, diags) {
        Some(content) => content,
        None => super::timelinejs::read_whole(text, file, diags),
    }
}

/// Reads a TimelineJS JSON file event by event; `None`, with nothing
/// reported, when the file is not one the scan takes.
pub fn read(text: &str, file: usize, diags: &mut Vec<Diagnostic>) -> Option<FileContent> {
    let parts = if text.len() >= SPLIT_BYTES { 2 * rayon::current_num_threads() } else { 1 };
    read_in_parts(text, file, diags, parts)
}

/// One entry of the timeline's object.
struct Entry<'t> {
    name: &'t str,
    key: Span,
    value: Span,
    /// Where each item is, when this is the first `events` and a list.
    items: Option<Vec<Span>>,
}

fn read_in_parts(
    text: &str,
    file: usize,
    diags: &mut Vec<Diagnostic>,
    parts: usize,
) -> Option<FileContent> {
    let (at, entries) = scan(text.as_bytes())?;
    let lines = Lines::new(text);
    let mark = lines.mark(at, at + 1);
    let key =
        |e: &Entry| Node::text_at(&text[e.key.0 + 1..e.key.1 - 1], lines.mark(e.key.0, e.key.1));
    // As the whole-tree reader reports them: the JSON's problems, then the
    // conversion's, then the schema step's.
    let (mut found, mut made) = (Vec::new(), Vec::new());
    let mut extra = Vec::new();
    let mut events = Vec::new();
    let mut cx = Convert::new(file, &mut made);
    let mut seen = HashSet::new();
    let firsts = entries.iter().filter(|e| seen.insert(e.name));
    let keys = firsts.map(|e| (key(e), Node::plain_at("null", mark))).collect();
    cx.root_keys(&Node { mark, kind: Kind::Map(keys) });
    seen.clear();
    for e in &entries {
        if !seen.insert(e.name) {
            found.push(json::twice(file, &key(e)));
            // Not read, but a mistake in it is still the whole-tree reader's to report.
            json::value_at(text, e.value, &lines, file, &mut Vec::new())?;
            continue;
        }
        match &e.items {
            Some(items) => {
                events = read_events(text, &lines, file, items, parts, &mut cx, &mut found)?;
            }
            None => {
                let value = json::value_at(text, e.value, &lines, file, &mut found)?;
                cx.json_key(e.name, &value, &mut extra);
            }
        }
    }
    cx.finish();
    let (before, after) = split(cx.tree(mark, extra));
    let mut whole = Checker::new(file);
    whole.top(&before);
    for part in events {
        whole.absorb(part);
    }
    let mut later = Checker::new(file);
    later.top(&after);
    whole.absorb(later);
    diags.append(&mut found);
    diags.append(&mut made);
    Some(whole.finish(diags))
}

/// The tree without and with its tours and lanes, which the schema step
/// reads after the events.
fn split(tree: Node) -> (Node, Node) {
    let mark = tree.mark;
    let Kind::Map(entries) = tree.kind else {
        return (Node { mark, kind: tree.kind }, Node::map_at(Vec::new(), mark));
    };
    let (after, before) =
        entries.into_iter().partition(|(k, _)| matches!(k.text(), Some("tours" | "lanes")));
    (Node { mark, kind: Kind::Map(before) }, Node { mark, kind: Kind::Map(after) })
}

/// What one part of `events` gave.
struct Part {
    found: Vec<Diagnostic>,
    made: Vec<Diagnostic>,
    dropped: Vec<Dropped>,
    ids: HashMap<String, usize>,
    checker: Checker,
}

/// The items of `events`, in `parts` parts read at once, each part's
/// problems and ids added to `cx` in order: the events checked, in order.
fn read_events(
    text: &str,
    lines: &Lines,
    file: usize,
    items: &[Span],
    parts: usize,
    cx: &mut Convert,
    found: &mut Vec<Diagnostic>,
) -> Option<Vec<Checker>> {
    let size = items.len().div_ceil(parts.max(1)).max(1);
    let start = cx.ids().clone();
    let failed = AtomicBool::new(false);
    let read = |chunk: &[Span], ids| read_part(text, lines, file, chunk, ids, &failed);
    let done: Vec<Option<Part>> = if parts > 1 {
        use rayon::prelude::*;
        items.par_chunks(size).map(|chunk| read(chunk, start.clone())).collect()
    } else {
        items.chunks(size).map(|chunk| read(chunk, start.clone())).collect()
    };
    let mut ids = start.clone();
    let mut checked = Vec::with_capacity(done.len());
    for (chunk, part) in items.chunks(size).zip(done) {
        let mut part = part?;
        let made_here = |b: &String, n: &usize| start.get(b) != Some(n);
        // An id an earlier part made from the same text is numbered on from
        // there: such a part is read again after the earlier ones.
        if part.ids.iter().any(|(b, n)| made_here(b, n) && ids.get(b) != start.get(b)) {
            part = read(chunk, ids.clone())?;
            ids = std::mem::take(&mut part.ids);
        } else {
            for (b, n) in &part.ids {
                if made_here(b, n) {
                    ids.insert(b.clone(), *n);
                }
            }
        }
        found.append(&mut part.found);
        cx.diags().append(&mut part.made);
        cx.absorb_dropped(part.dropped);
        checked.push(part.checker);
    }
    cx.set_ids(ids);
    Some(checked)
}

/// Parses, converts and checks each item of a part; `None` when one is not
/// valid JSON (or another part's was not).
fn read_part(
    text: &str,
    lines: &Lines,
    file: usize,
    items: &[Span],
    ids: HashMap<String, usize>,
    failed: &AtomicBool,
) -> Option<Part> {
    let (mut found, mut made) = (Vec::new(), Vec::new());
    let mut checker = Checker::new(file);
    let mut cx = Convert::new(file, &mut made);
    cx.set_ids(ids);
    for &item in items {
        let node = json::value_at(text, item, lines, file, &mut found);
        let Some(node) = node.filter(|_| !failed.load(Ordering::Relaxed)) else {
            failed.store(true, Ordering::Relaxed);
            return None;
        };
        cx.json_event(&node);
        for event in cx.events.drain(..) {
            checker.event(event);
        }
    }
    let (dropped, ids) = cx.into_part();
    Some(Part { found, made, dropped, ids, checker })
}

/// The timeline's object: where its `{` is and its entries; `None` unless
/// the file is one object of plain JSON, no deeper than the parser allows.
fn scan(b: &[u8]) -> Option<(usize, Vec<Entry<'_>>)> {
    let at = ws(b, 0);
    if b.get(at) != Some(&b'{') {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut i = ws(b, at + 1);
    if b.get(i) == Some(&b'}') {
        return (ws(b, i + 1) == b.len()).then_some((at, entries));
    }
    loop {
        let key_end = key(b, i)?;
        // Keys are plain (checked by `key`), so their bytes are their text.
        let name = std::str::from_utf8(&b[i + 1..key_end - 1]).ok()?;
        let mut v = ws(b, key_end);
        if b.get(v) != Some(&b':') {
            return None;
        }
        v = ws(b, v + 1);
        let first_events = name == "events" && !entries.iter().any(|e| e.name == "events");
        let (end, items) = match b.get(v) {
            Some(b'[') if first_events => list(b, v).map(|(end, items)| (end, Some(items)))?,
            _ => (value(b, v, 1)?, None),
        };
        entries.push(Entry { name, key: (i, key_end), value: (v, end), items });
        i = ws(b, end);
        match b.get(i) {
            Some(b',') => i = ws(b, i + 1),
            Some(b'}') => break,
            _ => return None,
        }
    }
    (ws(b, i + 1) == b.len()).then_some((at, entries))
}

/// After the whitespace from `i` on.
fn ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The end of a key at `i`: a string with no escape and no control character.
fn key(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let len = memchr::memchr2(b'"', b'\\', &b[i + 1..])?;
    let inner = &b[i + 1..i + 1 + len];
    (b[i + 1 + len] == b'"' && inner.iter().all(|&c| c >= 0x20)).then_some(i + len + 2)
}

/// The end of the string that starts at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        if b[j] == b'"' {
            return Some(j + 1);
        }
        j += 2;
    }
}

/// The list at `i` (one level below the timeline's object): its end, and
/// where each item is.
fn list(b: &[u8], i: usize) -> Option<(usize, Vec<Span>)> {
    let mut items = Vec::new();
    let mut j = ws(b, i + 1);
    if b.get(j) == Some(&b']') {
        return Some((j + 1, items));
    }
    loop {
        let end = value(b, j, 2)?;
        items.push((j, end));
        j = ws(b, end);
        match b.get(j) {
            Some(b',') => j = ws(b, j + 1),
            Some(b']') => return Some((j + 1, items)),
            _ => return None,
        }
    }
}

/// The end of the value at `i`, inside `depth` objects and lists. Its
/// content is left to the parser: here only where it ends, and that it
/// holds no comment or single-quoted string, which would hide where.
fn value(b: &[u8], i: usize, depth: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let (mut d, mut j) = (depth, i);
            loop {
                match *b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => {
                        d += 1;
                        if d > MAX_DEPTH {
                            return None;
                        }
                    }
                    b'}' | b']' => {
                        d -= 1;
                        if d == depth {
                            return Some(j + 1);
                        }
                    }
                    b'/' | b'\'' => return None,
                    _ => {}
                }
                j += 1;
            }
        }
        b'/' | b'\'' => None,
        _ => {
            let len = b[i..]
                .iter()
                .position(|c| matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
                .unwrap_or(b.len() - i);
            (len > 0).then_some(i + len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MISTAKES: &str = include_str!("../../tests/fixtures/formats/timelinejs-mistakes.json");

    /// Reads `text` event by event in `parts` parts and as one tree, and
    /// finds the same content and the same diagnostics, in the same order.
    fn reads_alike(text: &str, parts: usize) -> Vec<Diagnostic> {
        let mut whole_diags = Vec::new();
        let whole = super::super::timelinejs::read_whole(text, 0, &mut whole_diags);
        let mut diags = Vec::new();
        let streamed = read_in_parts(text, 0, &mut diags, parts).expect("the scan takes the file");
        assert_eq!(diags, whole_diags, "in {parts} parts");
        assert_eq!(format!("{streamed:?}"), format!("{whole:?}"), "in {parts} parts");
        diags
    }

    #[test]
    fn a_file_read_event_by_event_reads_as_the_whole_tree() {
        let diags = reads_alike(MISTAKES, 1);
        assert!(diags.len() > 40, "the fixture has mistakes of every kind: {diags:#?}");
        for parts in [2, 3, 7, 100] {
            reads_alike(MISTAKES, parts);
        }
        let one_line: String = MISTAKES.lines().map(str::trim).collect();
        assert_eq!(one_line.lines().count(), 1);
        reads_alike(&one_line, 4);
        reads_alike(&MISTAKES.replace('\n', "\r\n"), 3);
        // What the parser forgives inside one item is forgiven alike.
        let forgiving = r#"{"events": [{"start_date": {"year": 1991,}, "text": {headline: "Loose" "text": "x"}},
            {"start_date": {"year": +1992}, "text": {"headline": "\x41 \u0041"}}]}"#;
        reads_alike(forgiving, 2);
        reads_alike("{}", 1);
        reads_alike(r#"{"events": []}"#, 1);
        reads_alike(r#"{"events": null, "eras": 3}"#, 1);
    }

    #[test]
    fn what_the_scan_does_not_take_is_left_to_the_whole_tree() {
        let deep = format!(r#"{{"events": [{}1{}]}}"#, "[".repeat(200), "]".repeat(200));
        for text in [
            "",
            "  ",
            "[]",
            "// a comment\n{}",
            r#"{"events": [] /* a comment */}"#,
            r#"{"events": [{"a": 1 // a comment
            }]}"#,
            r#"{"events": [{},]}"#,
            r#"{"title": {}, }"#,
            r#"{'events': []}"#,
            r#"{"events": [{"a": 'x'}]}"#,
            r#"{"e\u0076ents": []}"#,
            r#"{events: []}"#,
            r#"{"events": [{] }"#,
            r#"{"events": [{"a": "}]}"#,
            r#"{"events": [1 2]}"#,
            r#"{"events": [tru]}"#,
            r#"{"title": {"a": 1} "events": []}"#,
            "{} {}",
            &deep,
        ] {
            let mut diags = Vec::new();
            assert!(read_in_parts(text, 0, &mut diags, 2).is_none(), "{text}");
            assert!(diags.is_empty(), "{text}: {diags:?}");
        }
    }
}
