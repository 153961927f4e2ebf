//! Cutting a big file's `events:` list into parts that parse on their own, so
//! one large file is parsed on all cores. A part after the first is given
//! blank lines and an `events:` line in front, so every position in it is
//! the position in the file. The caller keeps the parts' results only when
//! every part parsed cleanly, and otherwise parses the whole file: a cut in
//! the wrong place can only fail, never change what is read.

/// The parts of `text`, or `None` when it should be parsed whole.
pub fn parts(text: &str, count: usize) -> Option<Vec<String>> {
    // Aliases may refer across a cut.
    if count < 2 || text.contains('&') {
        return None;
    }
    let mut at = Cursor::new(text);
    while !at.done() && at.line().trim_end() != "events:" {
        at.advance();
    }
    if at.done() {
        return None;
    }
    // The column of the list's `- `, from its first item.
    at.advance();
    while !at.done() && is_blank(at.line()) {
        at.advance();
    }
    if at.done() {
        return None;
    }
    let first = at;
    let indent = first.line().len() - first.line().trim_start_matches(' ').len();
    if !first.line()[indent..].starts_with("- ") {
        return None;
    }
    // Each cut's line (from 0) and where it starts.
    let mut cuts = vec![(first.i, first.start)];
    for k in 1..count {
        let target = text.len() * k / count;
        while !at.done() && (at.start < target || !starts_item(at.line(), indent)) {
            let l = at.line();
            // The list ends at the next top-level key: no cut after it.
            if !is_blank(l) && !l.starts_with(' ') && at.i > first.i {
                at = Cursor::past(text);
                break;
            }
            at.advance();
        }
        if at.done() {
            break;
        }
        cuts.push((at.i, at.start));
        at.advance();
    }
    (cuts.len() >= 2).then(|| assemble(text, &cuts))
}

/// The parts of `text` cut at `cuts`: each cut's line (from 0) and where it
/// starts.
fn assemble(text: &str, cuts: &[(usize, usize)]) -> Vec<String> {
    let mut out = Vec::with_capacity(cuts.len());
    for (n, &(cut, at)) in cuts.iter().enumerate() {
        let start = if n == 0 { 0 } else { at };
        let end = cuts.get(n + 1).map_or(text.len(), |&(_, next)| next);
        let mut part = String::with_capacity(end - start + cut + 8);
        if n > 0 {
            // Line `cut + 1` (1-based) must stay where it is: blank lines, then `events:`.
            part.extend(std::iter::repeat_n('\n', cut - 1));
            part.push_str("events:\n");
        }
        part.push_str(&text[start..end]);
        out.push(part);
    }
    out
}

/// A line of a text, walked to from the one before: the lines of a big file
/// are not listed first (a tour of a million steps would have 8 MB of line
/// starts). The last line keeps the text's final line break.
#[derive(Clone, Copy)]
struct Cursor<'t> {
    text: &'t str,
    /// The line's number, from 0, and where it starts and ends.
    i: usize,
    start: usize,
    end: usize,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Cursor::at(text, 0, 0)
    }

    /// Past the last line.
    fn past(text: &'t str) -> Self {
        Cursor { text, i: usize::MAX, start: text.len(), end: text.len() }
    }

    fn at(text: &'t str, i: usize, start: usize) -> Self {
        let rest = &text.as_bytes()[start.min(text.len())..];
        let end = match memchr::memchr(b'\n', rest) {
            Some(p) if start + p + 1 < text.len() => start + p,
            _ => text.len(),
        };
        Cursor { text, i, start, end }
    }

    fn done(&self) -> bool {
        self.start >= self.text.len()
    }

    fn line(&self) -> &'t str {
        &self.text[self.start..self.end]
    }

    fn advance(&mut self) {
        *self = Cursor::at(self.text, self.i + 1, self.end + 1);
    }
}

/// After a syntax error on line `after` (1-based), the rest of the file from
/// the next item of the top-level list the error is in (`events:`,
/// `countries:`, …), or from the next top-level key, placed so that its
/// positions are the file's; with the line it starts on. `None` when there
/// is nothing to resume.
pub fn resume(text: &str, after: usize) -> Option<(String, usize)> {
    let lines = line_starts(text);
    let line = |i: usize| {
        let end = lines.get(i + 1).map_or(text.len(), |e| e - 1);
        &text[lines[i]..end]
    };
    let top = |i: usize| {
        let l = line(i);
        !is_blank(l) && !l.starts_with([' ', '\t', '-', '#'])
    };
    if after == 0 || after > lines.len() {
        return None;
    }
    // The top-level key above the error, and the column of its list's `- `.
    let section = (0..after).rev().find(|&i| top(i));
    let list = section.and_then(|s| {
        let first = (s + 1..lines.len()).find(|&i| !is_blank(line(i)))?;
        let indent = line(first).len() - line(first).trim_start_matches(' ').len();
        (line(first)[indent..].starts_with("- ") && first < after).then_some((s, indent))
    });
    let (at, in_list) = (after..lines.len()).find_map(|i| {
        if list.is_some_and(|(_, indent)| starts_item(line(i), indent)) {
            Some((i, true))
        } else if top(i) {
            Some((i, false))
        } else {
            None
        }
    })?;
    let mut part = String::with_capacity(text.len() - lines[at] + at + 16);
    match list.filter(|_| in_list) {
        Some((s, _)) => {
            let key = line(s).split_once(':').map_or(line(s), |(k, _)| k).trim_end();
            part.extend(std::iter::repeat_n('\n', at - 1));
            part.push_str(key);
            part.push_str(":\n");
        }
        None => part.extend(std::iter::repeat_n('\n', at)),
    }
    part.push_str(&text[lines[at]..]);
    Some((part, at + 1))
}

/// An item of a top-level list found in the text alone: its list (`events`),
/// line (1-based) and id (`code` for a country), if written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub section: String,
    pub line: usize,
    pub id: Option<String>,
}

/// The items of the top-level lists that start on lines `from..to` (1-based),
/// for saying which were not read after a syntax error. A line at the
/// list's column without its `- ` that names an id is taken as an item too.
pub fn items_between(text: &str, from: usize, to: usize) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut section: Option<(String, Option<usize>)> = None;
    for (i, l) in text.split('\n').enumerate().take(to.saturating_sub(1)) {
        let l = l.trim_end_matches('\r');
        if is_blank(l) {
            continue;
        }
        if !l.starts_with([' ', '\t', '-']) {
            let key = l.split_once(':').map_or("", |(k, _)| k.trim_end());
            section = super::yaml::STREAMED.contains(&key).then(|| (key.to_string(), None));
            continue;
        }
        let Some((name, list)) = &mut section else { continue };
        let indent = l.len() - l.trim_start_matches(' ').len();
        let list = *list.get_or_insert(indent);
        let body = &l[indent..];
        let id_key = if name == "countries" { "code" } else { "id" };
        let id_of = |b: &str| {
            let (k, v) = b.split_once(':')?;
            let v = v.split(" #").next()?.trim().trim_matches(['"', '\'']);
            (k.trim() == id_key && !v.is_empty()).then(|| v.to_string())
        };
        if indent == list && (body.starts_with("- ") || body == "-") {
            let body = body[1..].trim_start();
            let flow = body.strip_prefix('{').map(|b| b.split(',').find_map(&id_of));
            if i + 1 >= from {
                out.push(Item {
                    section: name.clone(),
                    line: i + 1,
                    id: flow.unwrap_or_else(|| id_of(body)),
                });
            }
        } else if let Some(id) = id_of(body) {
            // The id of the item above, or of one whose `- ` is missing.
            match out.last_mut() {
                Some(item) if indent > list && item.id.is_none() && item.section == *name => {
                    item.id = Some(id)
                }
                _ if indent == list && i + 1 >= from => {
                    out.push(Item { section: name.clone(), line: i + 1, id: Some(id) })
                }
                _ => {}
            }
        }
    }
    out
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    if v.last() == Some(&text.len()) {
        v.pop();
    }
    v
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn starts_item(line: &str, indent: usize) -> bool {
    line.len() > indent + 1
        && line.as_bytes()[..indent].iter().all(|&b| b == b' ')
        && line[indent..].starts_with("- ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_keep_every_line_in_place() {
        let mut text = String::from("title: T\nevents:\n");
        for i in 0..100 {
            text.push_str(&format!("  - id: e{i}\n    title: T\n"));
        }
        text.push_str("tours:\n  - id: t\n");
        let parts = parts(&text, 4).expect("parts");
        assert_eq!(parts.len(), 4);
        let original: Vec<&str> = text.lines().collect();
        for part in &parts {
            for (n, l) in part.lines().enumerate() {
                if !l.is_empty() && l != "events:" {
                    assert_eq!(original[n], l, "line {}", n + 1);
                }
            }
        }
        assert!(parts[3].ends_with("tours:\n  - id: t\n"));
    }

    #[test]
    fn resuming_starts_at_the_next_item_in_place() {
        let text =
            "title: T\nevents:\n  - id: a\n    title: \"x\n  - id: b\n    title: B\ntours: []\n";
        let (part, at) = resume(text, 4).expect("a next item");
        assert_eq!((part.as_str(), at), ("\n\n\nevents:\n  - id: b\n    title: B\ntours: []\n", 5));
        let (part, at) = resume(text, 6).expect("a next key");
        assert_eq!((part.as_str(), at), ("\n\n\n\n\n\ntours: []\n", 7));
        assert_eq!(resume(text, 7), None);
        assert_eq!(resume("title: [\n", 1), None);
        // Any top-level list resumes at its next item.
        let text = "countries:\n  - code: UZ\n\tname: U\n  - code: KZ\nevents: []\n";
        let (part, at) = resume(text, 3).expect("the next country");
        assert_eq!((part.as_str(), at), ("\n\ncountries:\n  - code: KZ\nevents: []\n", 4));
    }

    #[test]
    fn items_are_found_in_the_text_with_their_ids() {
        let text = "title: T\ncountries:\n  - {code: UZ, name: U}\nevents:\n  - id: a\n    date: 1\n  id: b\n  -\n    title: C\n    id: c\n    actors:\n      - id: x\n";
        let found: Vec<(String, usize, Option<String>)> =
            items_between(text, 1, 100).into_iter().map(|i| (i.section, i.line, i.id)).collect();
        let item = |s: &str, l: usize, id: &str| (s.to_string(), l, Some(id.to_string()));
        assert_eq!(
            found,
            [
                item("countries", 3, "UZ"),
                item("events", 5, "a"),
                item("events", 7, "b"),
                item("events", 8, "c")
            ]
        );
        assert_eq!(items_between(text, 6, 8).len(), 1);
    }

    /// The cuts as made before the lines were walked rather than listed.
    fn listed_parts(text: &str, count: usize) -> Option<Vec<String>> {
        // Aliases may refer across a cut.
        if count < 2 || text.contains('&') {
            return None;
        }
        let lines = line_starts(text);
        let line = |i: usize| {
            let end = lines.get(i + 1).map_or(text.len(), |e| e - 1);
            &text[lines[i]..end]
        };
        let events = (0..lines.len()).find(|&i| line(i).trim_end() == "events:")?;
        // The column of the list's `- `, from its first item.
        let first = (events + 1..lines.len()).find(|&i| !is_blank(line(i)))?;
        let indent = line(first).len() - line(first).trim_start_matches(' ').len();
        if !line(first)[indent..].starts_with("- ") {
            return None;
        }
        let mut cuts = vec![first];
        let mut i = first;
        for k in 1..count {
            let target = text.len() * k / count;
            while i < lines.len() && (lines[i] < target || !starts_item(line(i), indent)) {
                let l = line(i);
                // The list ends at the next top-level key: no cut after it.
                if !is_blank(l) && !l.starts_with(' ') && i > first {
                    i = lines.len();
                    break;
                }
                i += 1;
            }
            if i >= lines.len() {
                break;
            }
            cuts.push(i);
            i += 1;
        }
        let cuts: Vec<(usize, usize)> = cuts.into_iter().map(|i| (i, lines[i])).collect();
        (cuts.len() >= 2).then(|| assemble(text, &cuts))
    }

    #[test]
    fn walked_lines_cut_where_listed_lines_did() {
        let heads =
            ["", "title: T\n", "# c\n\ntitle: T\ndescription: a long one, longer than a part\n"];
        let items = ["  - id: e\n    title: T\n", "- {id: e}\n", "  - id: e\n\n  # c\n"];
        let tails = ["", "tours:\n  - id: t\n", "lanes: []", "\n\n", "countries:\n  - code: UZ\n"];
        let mut cut = 0;
        for head in heads {
            for item in items {
                for tail in tails {
                    for n in [0, 1, 2, 7, 40] {
                        let text = format!("{head}events:\n{}{tail}", item.repeat(n));
                        for text in [text.clone(), text.trim_end().to_string()] {
                            for count in [2, 3, 4, 16] {
                                let walked = parts(&text, count);
                                cut += usize::from(walked.is_some());
                                assert_eq!(walked, listed_parts(&text, count), "{text:?}");
                            }
                        }
                    }
                }
            }
        }
        assert!(cut > 100, "{cut} texts cut");
    }

    #[test]
    fn files_that_cannot_be_cut_safely_are_not() {
        assert!(parts("events:\n  - &a {id: x}\n  - *a\n", 2).is_none());
        assert!(parts("title: T\n", 2).is_none());
    }
}
