//! Markdown that shows the data as written: every character that Markdown
//! would read as markup (HTML, links, emphasis, a list or heading at the start
//! of a line) is escaped with a backslash, and only web addresses become links.

use std::io::{self, Write};

use crate::query::Query;
use crate::text::safe;

/// ASCII punctuation that means something anywhere in a line.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '&', '~', '!'];

/// One line of text, escaped so that Markdown shows it as written.
pub fn text(s: &str) -> String {
    let s = safe::printable(s);
    let mut out = String::with_capacity(s.len() + 8);
    for (n, line) in s.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        // A list item, a numbered item or a heading underline at the start of a line.
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let marker = if line.starts_with(['-', '+', '=']) {
            Some(0)
        } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
            Some(digits)
        } else {
            None
        };
        for (i, c) in line.char_indices() {
            if INLINE.contains(&c) || Some(i) == marker {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Text safe inside a Markdown table cell: escaped, on one line.
pub fn cell(s: &str) -> String {
    text(&s.replace(['\n', '\r'], " "))
}

/// A link to a web address, or the address as plain text if it is not one.
pub fn link(url: &str) -> String {
    match safe::web_link(url) {
        Some(url) => format!("<{url}>"),
        None => text(url),
    }
}

pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize]) -> io::Result<()> {
    let tl = query.timeline();
    writeln!(out, "| Date | Event | Countries | Tags | Id |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for &i in shown {
        let e = &tl.events[i];
        let id = if e.id.contains('`') { cell(&e.id) } else { format!("`{}`", cell(&e.id)) };
        writeln!(
            out,
            "| {} | {} | {} | {} | {id} |",
            cell(&e.date_label()),
            cell(&e.title),
            cell(&e.countries.join(", ")),
            cell(&e.tags.join(", ")),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_shown_as_written() {
        assert_eq!(text("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(text("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(text("AT&amp;T *bold* `code`"), "AT\\&amp;T \\*bold\\* \\`code\\`");
        assert_eq!(text("- item\n1991. Year\n  + more"), "\\- item\n1991\\. Year\n\\+ more");
        assert_eq!(text("a-b 3.5"), "a-b 3.5");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(link("https://example.org/x"), "<https://example.org/x>");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("https://x/<script>"), "https://x/\\<script\\>");
    }
}
