//! Text on its way out of steppe, made harmless for where it lands: the
//! terminal, a JSON reader, a spreadsheet opening a CSV file, a Markdown
//! renderer. Loaded text is already clean; file names from a directory walk
//! and the user's own arguments are not, so everything printed passes here.

use std::borrow::Cow;

// The same characters the loader removes; here they are shown escaped instead.
use crate::text::sanitize::is_hazard;

/// Hazards plus the invisible direction marks (ALM, LRM, RLM): escaped in
/// JSON, where an escape loses nothing.
fn is_json_hazard(c: char) -> bool {
    is_hazard(c) || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}')
}

/// Printable ASCII is never a hazard: most text is passed on without a
/// look at its characters.
pub(crate) fn printable_ascii(s: &str) -> bool {
    no_byte(s, |b| b.wrapping_sub(0x20) >= 0x5f)
}

/// Whether no byte of `s` is `bad`. Checked 32 bytes at a time with no early
/// stop, so that the compiler checks each block in a few vector
/// instructions: every string an export writes passes here.
#[inline(always)]
fn no_byte(s: &str, bad: impl Fn(u8) -> bool) -> bool {
    let outside = |bytes: &[u8]| bytes.iter().fold(0u8, |o, &b| o | u8::from(bad(b)));
    let mut blocks = s.as_bytes().chunks_exact(32);
    blocks.all(|b| outside(b) == 0) && outside(blocks.remainder()) == 0
}

fn escape_where(s: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if printable_ascii(s) || !s.chars().any(&bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for the terminal: line breaks kept, every other hazard shown as an
/// escape (`\u{1b}`), so a message never runs the bytes it quotes.
pub fn printable(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| c != '\n' && is_hazard(c))
}

/// One line for the terminal, such as a file name: line breaks escaped too.
pub fn one_line(s: &str) -> Cow<'_, str> {
    escape_where(s, is_hazard)
}

/// A path as printed: lossy for bytes that are not UTF-8, hazards escaped.
pub fn path(p: &std::path::Path) -> String {
    one_line(&p.to_string_lossy()).into_owned()
}

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell a spreadsheet shows as text. A cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return, after any number of apostrophes,
/// gets one more apostrophe in front; nothing else changes. A reader undoes
/// it exactly: a cell of one or more apostrophes followed by one of those
/// characters loses its first apostrophe.
pub fn spreadsheet_cell(s: &str) -> Cow<'_, str> {
    if s.trim_start_matches('\'').starts_with(FORMULA_START) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Undoes [`spreadsheet_cell`].
pub fn spreadsheet_cell_undo(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => s,
    }
}

/// A serde_json formatter that writes hazards and direction marks as `\u`
/// escapes: the same string to a JSON reader, inert in a terminal. It lays
/// JSON out as serde_json's `PrettyFormatter` does (two spaces a level),
/// from any depth, so that a value can be written inside JSON written by
/// other means ([`json_indent`]), and writes each line's start in one piece
/// (up to 16 levels deep).
pub struct JsonFormatter {
    level: usize,
    has_value: bool,
}

impl JsonFormatter {
    /// A formatter for a value at depth `level` (0: the whole text).
    pub fn at(level: usize) -> Self {
        JsonFormatter { level, has_value: false }
    }
}

/// The most levels [`json_indent`] indents.
const INDENTS: usize = 16;

/// A new line and the indentation of `level` (at most [`INDENTS`]), after a
/// comma if not `first`.
pub fn json_indent(first: bool, level: usize) -> &'static [u8] {
    const LINE: &[u8; 2 + 2 * INDENTS] = b",\n                                ";
    let text = if first { &LINE[1..] } else { &LINE[..] };
    &text[..text.len() - 2 * (INDENTS - level.min(INDENTS))]
}

fn new_line<W: ?Sized + std::io::Write>(
    w: &mut W,
    first: bool,
    level: usize,
) -> std::io::Result<()> {
    w.write_all(json_indent(first, level))?;
    for _ in INDENTS..level {
        w.write_all(b"  ")?;
    }
    Ok(())
}

impl serde_json::ser::Formatter for JsonFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if printable_ascii(fragment) {
            return w.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_json_hazard(c)) {
            w.write_all(&rest.as_bytes()[..at])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            new_line(w, true, self.level)?;
        }
        w.write_all(b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        new_line(w, first, self.level)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            new_line(w, true, self.level)?;
        }
        w.write_all(b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        new_line(w, first, self.level)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as pretty JSON with hazards escaped.
pub fn write_json(
    out: &mut dyn std::io::Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    // The serializer's many small writes go to a buffer of its own type
    // rather than one by one through `dyn Write`.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    write_json_to(&mut out, value)?;
    std::io::Write::flush(&mut out)
}

/// [`write_json`] to a writer of a known type, unbuffered.
pub fn write_json_to(
    out: &mut impl std::io::Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    write_json_at(out, 0, value)
}

/// [`write_json_to`] for a value at depth `level` of a JSON text.
pub fn write_json_at(
    out: &mut impl std::io::Write,
    level: usize,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, JsonFormatter::at(level));
    value.serialize(&mut ser).map_err(std::io::Error::from)
}

/// Whether `s` is written in JSON as it is, between quotes: printable
/// ASCII with no quote or backslash, as nearly every text is.
pub fn json_plain(s: &str) -> bool {
    no_byte(s, |b| (b.wrapping_sub(0x20) >= 0x5f) | (b == b'"') | (b == b'\\'))
}

/// A web address that may be a link: http or https, and nothing that could
/// end the link or the attribute early. Anything else is shown as text.
pub fn web_link(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let web = scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
    let clean = !url.chars().any(|c| c.is_whitespace() || is_hazard(c) || "<>\"".contains(c));
    (web && clean && !rest.is_empty()).then_some(url)
}

/// Text where TimelineJS takes HTML (`headline`, `media.caption` and
/// `media.credit`, `group`, `display_date`): escaped, as the summary in
/// `text.text` is, so that a title such as `<img onerror=…>` shows as written.
pub fn html(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_hazards_as_escapes() {
        assert_eq!(printable("a\u{1b}]0;x\u{7}\nb\u{202e}"), "a\\u{1b}]0;x\\u{7}\nb\\u{202e}");
        assert_eq!(one_line("a\nb"), "a\\u{a}b");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_is_laid_out_as_serde_json_lays_it_out_at_any_depth() {
        let mut deep = serde_json::json!(["bottom", [], {}]);
        for k in 0..20 {
            deep = serde_json::json!({ "k": k, "list": [deep, [], [[]], {}], "empty": {} });
        }
        let values = [
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!([[], [1, [2, {}]], {"a": [], "b": {"c": null}}]),
            deep,
        ];
        for value in values {
            let mut ours = Vec::new();
            write_json(&mut ours, &value).expect("written");
            let theirs = serde_json::to_string_pretty(&value).expect("written");
            assert_eq!(String::from_utf8(ours).expect("UTF-8"), theirs);
        }
    }

    /// Holds `check` true of printable ASCII and false of it with each of
    /// `bad` at every place, in strings that fill no block, one, or more.
    fn finds_each_bad_byte_anywhere(check: fn(&str) -> bool, bad: &[&str]) {
        for len in [0, 1, 31, 32, 33, 64, 95] {
            let plain = "a~ Z".repeat(len).chars().take(len).collect::<String>();
            assert!(check(&plain), "{len}");
            for at in 0..len {
                for bad in bad {
                    let mut text = plain.clone();
                    text.replace_range(at..=at, bad);
                    assert!(!check(&text), "{bad:?} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn json_plain_text_is_printable_ascii_without_quote_or_backslash() {
        finds_each_bad_byte_anywhere(json_plain, &["\"", "\\", "\u{1f}", "\u{7f}", "é", "\n"]);
    }

    #[test]
    fn printable_ascii_finds_any_byte_outside_in_any_block() {
        finds_each_bad_byte_anywhere(printable_ascii, &["\u{1f}", "\u{7f}", "é", "\n"]);
    }

    #[test]
    fn spreadsheet_guard_round_trips() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("-0329", "'-0329"),
            ("@sum", "'@sum"),
            ("+7", "'+7"),
            ("'=x", "''=x"),
            ("''-", "'''-"),
            ("'Shanghai Five' formed", "'Shanghai Five' formed"),
            ("'", "'"),
            ("", ""),
            ("a=b", "a=b"),
        ];
        for (raw, written) in cases {
            assert_eq!(spreadsheet_cell(raw), written, "{raw}");
            assert_eq!(spreadsheet_cell_undo(written), raw, "{written}");
        }
    }

    #[test]
    fn json_escapes_bidi_and_controls_but_keeps_the_value() {
        let value = ["r\u{202e}x\u{1b}\u{9b}\u{200f}é\"\n"];
        let mut out = Vec::new();
        write_json(&mut out, &value).expect("json");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.contains(r#""r\u202ex\u001b\u009b\u200fé\"\n""#), "{text}");
        let back: Vec<String> = serde_json::from_str(&text).expect("parse");
        assert_eq!(back, value);
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(web_link("https://example.org/a?b=c"), Some("https://example.org/a?b=c"));
        assert_eq!(web_link("HTTP://EXAMPLE.ORG"), Some("HTTP://EXAMPLE.ORG"));
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "https://x\" onmouseover=\"y",
            "https://a b",
            "https://",
            "vbscript:x",
            "//evil.example",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }
}
