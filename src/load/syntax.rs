//! Plain words for YAML syntax errors. The parser says where it got stuck;
//! the mistake is often a line or two before, so this looks at the text and
//! at the lists and mappings that were open to name the line and the fix.

use super::diagnostic::Mark;
use crate::text::sanitize;

/// How deep lists and mappings may nest.
pub const MAX_DEPTH: usize = 128;

/// A problem found while reading the YAML, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub mark: Mark,
    pub message: String,
    pub help: Option<String>,
}

/// A list or mapping that was open when the parse stopped.
#[derive(Debug, Clone)]
pub enum OpenBlock {
    List { mark: Mark, first_item: Option<Mark> },
    Mapping { mark: Mark, first_key: Option<(Mark, String)> },
}

/// Whether the block is written in brackets (`[…]`, `{…}`) rather than by indentation.
pub fn is_flow(text: &str, block: &OpenBlock) -> bool {
    let mark = match block {
        OpenBlock::List { mark, .. } | OpenBlock::Mapping { mark, .. } => *mark,
    };
    line_text(text, mark.line)
        .and_then(|l| l.chars().nth(mark.column - 1))
        .is_some_and(|c| c == '[' || c == '{')
}

/// Line `n` (1-based), without its line break.
fn line_text(text: &str, n: usize) -> Option<&str> {
    text.split('\n').nth(n.checked_sub(1)?).map(|l| l.trim_end_matches('\r'))
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn spaces(n: usize) -> String {
    if n == 1 { "1 space".into() } else { format!("{n} spaces") }
}

/// The problems behind a parser error `info` at `mark`.
pub fn explain(text: &str, info: &str, mark: Mark, open: &[OpenBlock]) -> Vec<Problem> {
    let mut tabs = tab_indents(text);
    // A tab at the stop is the cause; report every tab-indented line up to it
    // (reading goes on after the stop, where later ones are found).
    if tabs.iter().any(|m| m.line + 1 >= mark.line && m.line <= mark.line + 1) {
        let last = item_end(text, mark.line, open);
        tabs.retain(|m| m.line <= last);
        return tabs
            .into_iter()
            .map(|m| Problem {
                mark: m,
                message: format!("line {} is indented with a tab", m.line),
                help: Some(
                    "YAML indents with spaces only: replace the tab (shown as →) with spaces"
                        .into(),
                ),
            })
            .collect();
    }
    if let Some(problem) = written_together(text, mark, info) {
        return vec![problem];
    }
    let problem = if info.contains("quoted scalar") {
        unclosed_quote(text, mark)
    } else if info.contains("could not find expected ':'") || info.contains("simple key expect ':'")
    {
        missing_colon(text, mark)
    } else if info.contains("mapping values are not allowed") {
        colon_in_text(text, mark).or_else(|| indentation(text, mark, open))
    } else if info.contains("did not find expected") || info.contains("block mapping") {
        indentation(text, mark, open)
    } else if info.contains("recursion limit") {
        Some(Problem {
            mark,
            message: format!("it is nested more than {} levels deep", MAX_DEPTH),
            help: Some("a timeline needs only a few levels of lists and mappings".into()),
        })
    } else if info.contains("unknown anchor") {
        Some(Problem {
            mark,
            message:
                "this alias (`*name`) repeats an anchor (`&name`) that is not defined above it"
                    .into(),
            help: Some("define `&name` before using `*name`, or remove the `*`".into()),
        })
    } else if info.contains("cannot start any token") {
        let c = line_text(text, mark.line).and_then(|l| l.chars().nth(mark.column - 1));
        c.map(|c| Problem {
            mark,
            message: format!("a value cannot start with `{}`", sanitize::visible(&c.to_string())),
            help: Some("put the text in double quotes, such as title: \"@home\"".into()),
        })
    } else {
        None
    };
    vec![problem.unwrap_or_else(|| {
        Problem {
            mark,
            message: format!("this is not valid YAML: {info}"),
            help: Some(
                "check the line above too: keys of one item line up under each other, with spaces"
                    .into(),
            ),
        }
    })]
}

/// The last few lines with text up to the stop, nearest first.
fn lines_before_stop(text: &str, mark: Mark) -> impl Iterator<Item = (usize, &str)> {
    (mark.line.saturating_sub(5).max(1)..=mark.line)
        .rev()
        .filter_map(|n| Some((n, line_text(text, n)?)))
        .filter(|(_, l)| !is_blank(l))
        .take(3)
}

/// Whether `word` may be a key: `id`, `end_date`, `source-titles`.
fn is_key(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// A space left out, or a tab written, where YAML needs a space: after a
/// list's `-`, after a key's `:`, or before the text of `>` and `|`.
fn written_together(text: &str, mark: Mark, info: &str) -> Option<Problem> {
    if info.contains("must be followed by a valid YAML whitespace") {
        let line = line_text(text, mark.line)?;
        let (before, _) = line.split_once(":\t")?;
        let key = before.trim_start().trim_start_matches("- ");
        if is_key(key) {
            let fixed = line.replacen(":\t", ": ", 1);
            let column = before.chars().count() + 2;
            return Some(Problem {
                mark: Mark { line: mark.line, column, width: 1 },
                message: format!("a tab follows `{key}:`; YAML needs a space there"),
                help: Some(format!(
                    "write a space instead of the tab: `{}`",
                    sanitize::visible(&fixed)
                )),
            });
        }
    }
    let near: Vec<(usize, &str)> = lines_before_stop(text, mark).collect();
    for (i, &(n, line)) in near.iter().enumerate() {
        let indent = indent_of(line);
        let body = line.trim_start();
        let at = |column: usize, width: usize| Mark { line: n, column, width };
        // `-id: ev1`
        if let Some(rest) = body.strip_prefix('-')
            && let Some((key, _)) = rest.split_once(':')
            && is_key(key)
        {
            let fixed = sanitize::visible(&format!("{}- {rest}", " ".repeat(indent)));
            return Some(Problem {
                mark: at(indent + 1, key.len() + 1),
                message: format!(
                    "line {n} starts with `-{key}`: a list item needs a space after `-`"
                ),
                help: Some(format!("write `{fixed}`")),
            });
        }
        // `- id:ev1`
        let item = body.trim_start_matches("- ");
        if let Some((key, value)) = item.split_once(':')
            && is_key(key)
            && !value.is_empty()
            && !value.starts_with([' ', '\t', '/'])
            && !item.contains(": ")
        {
            let column = key_column(line) + 1;
            let fixed = line.replacen(&format!("{key}:"), &format!("{key}: "), 1);
            return Some(Problem {
                mark: at(column, key.len() + 1),
                message: format!(
                    "line {n} has no space after `{key}:`, so YAML reads `{}` as one text",
                    sanitize::visible(item)
                ),
                help: Some(format!("put a space after the `:`: `{}`", sanitize::visible(&fixed))),
            });
        }
        // `summary: >` with its text not indented under it.
        if let Some(&(above, key_line)) = near.get(i + 1)
            && let Some((key, indicator)) = block_scalar(key_line)
            && indent <= key_column(key_line)
        {
            let want = key_column(key_line) + 2;
            let fixed = sanitize::visible(&format!("{}{body}", " ".repeat(want)));
            return Some(Problem {
                mark: at(indent + 1, body.chars().count().clamp(1, 20)),
                message: format!(
                    "the text of `{key}` (after `{indicator}` on line {above}) must be indented more than `{key}`"
                ),
                help: Some(format!("add {} before it: `{fixed}`", spaces(want - indent))),
            });
        }
    }
    None
}

/// Where a line's key starts, after its indentation and any `- `.
fn key_column(line: &str) -> usize {
    let body = line.trim_start();
    indent_of(line) + body.len() - body.trim_start_matches("- ").len()
}

/// `summary: >` or `text: |-`: the key, and the indicator of a block of text.
fn block_scalar(line: &str) -> Option<(&str, &str)> {
    let body = line.trim_start().trim_start_matches("- ");
    let (key, rest) = body.split_once(':')?;
    let indicator = rest.split('#').next()?.trim();
    let ok = indicator.starts_with(['>', '|'])
        && indicator[1..].chars().all(|c| matches!(c, '-' | '+' | '1'..='9'));
    (is_key(key) && ok).then_some((key, indicator))
}

/// The last line of the item of the outermost open list that holds line
/// `from`: reading goes on after it.
fn item_end(text: &str, from: usize, open: &[OpenBlock]) -> usize {
    let dash = open
        .iter()
        .filter_map(|b| match b {
            OpenBlock::List { mark, .. } => Some(mark.column - 1),
            OpenBlock::Mapping { .. } => None,
        })
        .min()
        .unwrap_or(0);
    let mut last = from;
    for (i, line) in text.split('\n').enumerate().skip(from) {
        let lead: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if !is_blank(line) && !lead.contains('\t') && lead.len() <= dash {
            break;
        }
        last = i + 1;
    }
    last
}

/// Marks of the tabs in the indentation of every line.
fn tab_indents(text: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let lead: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        if let Some(col) = lead.find('\t') {
            out.push(Mark { line: i + 1, column: col + 1, width: 1 });
        }
    }
    out
}

/// A quoted value whose closing quote is missing: found by looking back for
/// the line where a quote opens and does not close.
fn unclosed_quote(text: &str, mark: Mark) -> Option<Problem> {
    let first = mark.line.saturating_sub(50).max(1);
    for n in (first..=mark.line).rev() {
        let line = line_text(text, n)?;
        if let Some((col, q)) = open_quote(line) {
            return Some(Problem {
                mark: Mark { line: n, column: col + 1, width: 1 },
                message: format!("the quote `{q}` that starts this text is never closed"),
                help: Some(format!("end the text with `{q}` on the same line")),
            });
        }
    }
    None
}

/// Where a value starts with a quote that the line does not close.
fn open_quote(line: &str) -> Option<(usize, char)> {
    let chars: Vec<char> = line.chars().collect();
    let start = chars.iter().enumerate().find_map(|(i, &c)| {
        let after_indicator = i == 0
            || matches!(chars[i - 1], ' ')
                && (i < 2
                    || matches!(chars[i - 2], ':' | '-')
                    || chars[..i].iter().all(|c| *c == ' '));
        ((c == '"' || c == '\'') && after_indicator).then_some(i)
    })?;
    let q = chars[start];
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' if q == '"' => i += 1,
            c if c == q && q == '\'' && chars.get(i + 1) == Some(&'\'') => i += 1,
            c if c == q => return None,
            _ => {}
        }
        i += 1;
    }
    Some((start, q))
}

/// A key written without its colon: the first line at or above the stop
/// that is not blank and has no `:` outside quotes.
fn missing_colon(text: &str, mark: Mark) -> Option<Problem> {
    let first = mark.line.saturating_sub(20).max(1);
    for n in (first..=mark.line).rev() {
        let line = line_text(text, n)?;
        if is_blank(line) {
            continue;
        }
        let body = line.trim_start().trim_start_matches("- ");
        if body.contains(':') {
            if n < mark.line {
                return None;
            }
            continue;
        }
        let indent = line.chars().count() - line.trim_start().chars().count();
        let (key, rest) = body.split_once(' ').unwrap_or((body, ""));
        let fixed = if rest.is_empty() { format!("{key}:") } else { format!("{key}: {rest}") };
        let fixed = sanitize::visible(&fixed);
        return Some(Problem {
            mark: Mark { line: n, column: indent + 1, width: key.chars().count().max(1) },
            message: format!("line {n} has no `:` after its key"),
            help: Some(format!("write `{fixed}`")),
        });
    }
    None
}

/// `title: Babur: a life` — a second `: ` inside a value.
fn colon_in_text(text: &str, mark: Mark) -> Option<Problem> {
    let line = line_text(text, mark.line)?;
    let before: String = line.chars().take(mark.column.saturating_sub(1)).collect();
    let (key, value) = before.split_once(": ")?;
    let key = key.trim_start().trim_start_matches("- ");
    let value =
        format!("{}{}", value, line.chars().skip(before.chars().count()).collect::<String>());
    let fixed = sanitize::visible(&format!("{key}: \"{}\"", value.trim().replace('"', "\\\"")));
    Some(Problem {
        mark,
        message: "this text contains `: `, which YAML reads as the start of another key".into(),
        help: Some(format!("put the whole text in double quotes: `{fixed}`")),
    })
}

/// A line indented differently from its neighbours: say how it should be.
fn indentation(text: &str, mark: Mark, open: &[OpenBlock]) -> Option<Problem> {
    // The line that broke the structure is the stop line, or the next one with text.
    let (n, line) = (mark.line..mark.line + 20)
        .filter_map(|n| Some((n, line_text(text, n)?)))
        .find(|(_, l)| !is_blank(l))?;
    let have = indent_of(line);
    let content = line.trim_start();
    // The mapping whose keys came last before the line: open, or just closed by it.
    let key_column = open
        .iter()
        .filter_map(|b| match b {
            OpenBlock::Mapping { first_key: Some((m, name)), .. } if m.line < n => {
                Some((m.column - 1, m.line, name.clone()))
            }
            _ => None,
        })
        .max_by_key(|(_, line, _)| *line);
    let dash_column = open.iter().rev().find_map(|b| match b {
        OpenBlock::List { mark, first_item } if mark.line < n => {
            Some((mark.column - 1, first_item.map_or(mark.line, |m| m.line)))
        }
        _ => None,
    });
    let at = Mark { line: n, column: have + 1, width: content.chars().count().clamp(1, 20) };
    if let Some((dash, _)) = dash_column
        && have == dash
        && !content.starts_with('-')
        && key_column.as_ref().is_some_and(|(k, _, _)| *k > dash)
    {
        let key = first_word(content);
        // A key the item has not had yet is more likely its own line indented too little.
        if let Some((want, above)) = under_indented(text, n, have, &key) {
            return Some(Problem {
                mark: at,
                message: format!(
                    "line {n} is indented {}, less than the keys of the item above it ({})",
                    spaces(have),
                    spaces(want)
                ),
                help: Some(format!(
                    "indent it to match line {above}: add {} before `{key}`, so it starts in column {}",
                    spaces(want - have),
                    want + 1
                )),
            });
        }
        let fixed = sanitize::visible(&format!("{}- {content}", " ".repeat(have)));
        return Some(Problem {
            mark: at,
            message: format!("line {n} looks like a new item of the list, but has no `- `"),
            help: Some(format!("start it with `- `: `{fixed}`")),
        });
    }
    let (want, key_line, key) = key_column?;
    if have == want {
        return None;
    }
    let fix = if have > want {
        format!("remove {} before `{}`", spaces(have - want), first_word(content))
    } else {
        format!("add {} before `{}`", spaces(want - have), first_word(content))
    };
    Some(Problem {
        mark: at,
        message: format!(
            "line {n} is indented {}, but the keys of this item (like `{}` on line {key_line}) are indented {}",
            spaces(have),
            sanitize::visible(&key),
            spaces(want)
        ),
        help: Some(fix),
    })
}

/// When line `n`, at the list's dash column `dash`, holds a key that the item
/// above it does not have yet (and is not `id`, which starts items): the
/// column of that item's keys and the line above with one.
fn under_indented(text: &str, n: usize, dash: usize, key: &str) -> Option<(usize, usize)> {
    if key == "id" || !is_key(key) {
        return None;
    }
    // The lines of the item above, nearest first: (line, indent, first word).
    let mut lines = Vec::new();
    for m in (n.saturating_sub(200).max(1)..n).rev() {
        let line = line_text(text, m)?;
        if is_blank(line) {
            continue;
        }
        let indent = indent_of(line);
        if indent < dash {
            return None;
        }
        if indent > dash {
            lines.push((m, indent, first_word(line.trim_start())));
            continue;
        }
        // The item's first line, `- id: …`, ends the walk up.
        let first = line.trim_start().strip_prefix("- ")?;
        let column = key_column(line);
        let mut keys = lines.iter().filter(|(_, i, _)| *i == column);
        if first_word(first) == key || keys.clone().any(|(_, _, k)| k == key) {
            return None;
        }
        let above = keys.next().map_or(m, |(l, _, _)| *l);
        return Some((column, above));
    }
    None
}

fn first_word(s: &str) -> String {
    let w: String = s.chars().take_while(|c| !matches!(c, ':' | ' ')).take(30).collect();
    sanitize::visible(&w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    fn first(text: &str) -> Problem {
        let parsed = yaml::parse(text);
        assert!(!parsed.problems.is_empty(), "no problem in {text:?}");
        parsed.problems[0].clone()
    }

    const HEAD: &str = "title: T\nevents:\n  - id: a\n";

    #[test]
    fn an_extra_space_names_the_expected_indentation() {
        let p = first(&format!("{HEAD}     date: 2001\n    title: A\n"));
        assert_eq!(p.mark.line, 4);
        assert!(
            p.message.contains("indented 5 spaces") && p.message.contains("indented 4 spaces"),
            "{p:?}"
        );
        assert_eq!(p.help.as_deref(), Some("remove 1 space before `date`"));
    }

    #[test]
    fn a_missing_space_names_the_expected_indentation() {
        let p = first(&format!("{HEAD}   date: 2001\n    title: A\n"));
        assert_eq!(p.mark.line, 4);
        assert_eq!(p.help.as_deref(), Some("add 1 space before `date`"), "{p:?}");
    }

    #[test]
    fn a_missing_dash_is_named() {
        let p = first(&format!("{HEAD}    date: 2001\n  id: b\n    date: 2002\n"));
        assert_eq!(p.mark.line, 5, "{p:?}");
        assert!(p.message.contains("has no `- `"), "{p:?}");
    }

    #[test]
    fn a_key_indented_too_little_is_indented_not_made_an_item() {
        let p = first(&format!("{HEAD}    date: 2001\n    quotes:\n      - by: A\n  title: A\n"));
        assert_eq!(p.mark.line, 7, "{p:?}");
        assert_eq!(
            p.help.as_deref(),
            Some(
                "indent it to match line 5: add 2 spaces before `title`, so it starts in column 5"
            ),
        );
        // A key the item has already, or `id`, starts a new item.
        for repeated in ["date: 2002", "id: b"] {
            let p = first(&format!("{HEAD}    date: 2001\n  {repeated}\n    title: B\n"));
            assert!(p.message.contains("has no `- `"), "{repeated}: {p:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_points_at_the_quote() {
        let p = first(&format!("{HEAD}    title: \"Astana summit\n    date: 2001\n"));
        assert_eq!((p.mark.line, p.mark.column), (4, 12), "{p:?}");
        assert!(p.message.contains("never closed"), "{p:?}");
    }

    #[test]
    fn a_missing_colon_points_at_the_key() {
        let p = first(&format!("{HEAD}    title Astana summit\n    date: 2001\n"));
        assert_eq!((p.mark.line, p.mark.column), (4, 5), "{p:?}");
        assert_eq!(p.help.as_deref(), Some("write `title: Astana summit`"));
    }

    #[test]
    fn tabs_are_named_where_they_are() {
        let parsed = yaml::parse(&format!("{HEAD}\tdate: 2001\n\ttitle: A\n"));
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.mark.line).collect();
        assert_eq!(lines, [4, 5], "{:?}", parsed.problems);
        assert!(parsed.problems[0].message.contains("tab"));
    }

    #[test]
    fn a_colon_inside_text_asks_for_quotes() {
        let p = first(&format!("{HEAD}    title: Babur: a life\n"));
        assert_eq!(
            p.help.as_deref(),
            Some("put the whole text in double quotes: `title: \"Babur: a life\"`")
        );
    }
}
