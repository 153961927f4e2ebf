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
    if cuts.len() < 2 {
        return None;
    }
    let mut out = Vec::with_capacity(cuts.len());
    for (n, &cut) in cuts.iter().enumerate() {
        let start = if n == 0 { 0 } else { lines[cut] };
        let end = cuts.get(n + 1).map_or(text.len(), |&next| lines[next]);
        let mut part = String::with_capacity(end - start + cut + 8);
        if n > 0 {
            // Line `cut + 1` (1-based) must stay where it is: blank lines, then `events:`.
            part.extend(std::iter::repeat_n('\n', cut - 1));
            part.push_str("events:\n");
        }
        part.push_str(&text[start..end]);
        out.push(part);
    }
    Some(out)
}

/// After a syntax error on line `after` (1-based) inside the `events:` list,
/// the rest of the file from the next item (or top-level key) on, placed so
/// that its positions are the file's; `None` when there is nothing to resume.
pub fn resume(text: &str, after: usize) -> Option<String> {
    let lines = line_starts(text);
    let line = |i: usize| {
        let end = lines.get(i + 1).map_or(text.len(), |e| e - 1);
        &text[lines[i]..end]
    };
    let events = (0..lines.len()).find(|&i| line(i).trim_end() == "events:")?;
    let first = (events + 1..lines.len()).find(|&i| !is_blank(line(i)))?;
    let indent = line(first).len() - line(first).trim_start_matches(' ').len();
    if after <= first {
        return None;
    }
    let (at, top_level) = (after..lines.len()).find_map(|i| {
        let l = line(i);
        if starts_item(l, indent) {
            Some((i, false))
        } else if !is_blank(l) && !l.starts_with(' ') {
            Some((i, true))
        } else {
            None
        }
    })?;
    let mut part = String::with_capacity(text.len() - lines[at] + at + 8);
    if top_level {
        part.extend(std::iter::repeat_n('\n', at));
    } else {
        part.extend(std::iter::repeat_n('\n', at - 1));
        part.push_str("events:\n");
    }
    part.push_str(&text[lines[at]..]);
    Some(part)
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
        let part = resume(text, 4).expect("a next item");
        assert_eq!(part, "\n\n\nevents:\n  - id: b\n    title: B\ntours: []\n");
        let part = resume(text, 6).expect("a next key");
        assert_eq!(part, "\n\n\n\n\n\ntours: []\n");
        assert_eq!(resume(text, 7), None);
        assert_eq!(resume("title: [\n", 1), None);
    }

    #[test]
    fn files_that_cannot_be_cut_safely_are_not() {
        assert!(parts("events:\n  - &a {id: x}\n  - *a\n", 2).is_none());
        assert!(parts("title: T\n", 2).is_none());
    }
}
