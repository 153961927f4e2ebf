//! Text from a timeline file must never reach the terminal as a command:
//! control characters (C0, C1, DEL) and bidirectional overrides and isolates
//! are removed at load time, so every output inherits clean strings. The
//! line and paragraph separators U+2028 and U+2029 are line breaks to some
//! programs and not to others (terminals, YAML 1.2, editors): they are read
//! as the line breaks they stand for, so no text carries them.

/// Characters that could steer a terminal, reorder what the reader sees, or
/// break a line where the terminal does not expect it.
pub fn is_hazard(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | LS | PS)
}

/// LINE SEPARATOR and PARAGRAPH SEPARATOR.
const LS: char = '\u{2028}';
const PS: char = '\u{2029}';

/// A file's text with each lone carriage return (an old Mac line end) made a
/// line feed: the YAML parser and editors count it as a line break, and so
/// must every line count that quotes the file. Lengths and columns do not move.
pub fn line_breaks(text: String) -> String {
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n')) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') { '\n' } else { c });
    }
    out
}

/// One line of text: hazards dropped, tabs and line breaks become spaces.
pub fn line(s: &str) -> String {
    // Nearly all text is clean: copied once, not rebuilt a character at a time.
    if is_clean(s, |_| false) {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' | LS | PS => out.push(' '),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Paragraphs: like [`line`] but keeps line breaks; a line separator is a
/// line break and a paragraph separator a blank line, as steppe writes paragraphs.
pub fn text(s: &str) -> String {
    if is_clean(s, |c| c == '\n') {
        return s.trim_end().to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | LS => out.push('\n'),
            PS => out.push_str("\n\n"),
            '\t' => out.push_str("    "),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// [`text`] of a string of one's own: clean text is trimmed where it is,
/// not copied.
pub fn text_owned(mut s: String) -> String {
    if !is_clean(&s, |c| c == '\n') {
        return text(&s);
    }
    s.truncate(s.trim_end().len());
    s
}

/// Whether `s` has no hazard but those `allowed`: printable ASCII is looked
/// at a byte at a time.
fn is_clean(s: &str, allowed: impl Fn(char) -> bool) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b) || allowed(char::from(b)))
        || !s.chars().any(|c| is_hazard(c) && !allowed(c))
}

/// For echoing raw input in a message: hazards shown as `\u{1b}` escapes.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\t' {
            out.push('→');
        } else if is_hazard(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_terminal_commands_and_bidi() {
        let hostile = "a\u{1b}]0;owned\u{7}b\u{1b}[2Jc\u{202e}d\u{9b}e\u{2066}f";
        assert_eq!(line(hostile), "a]0;ownedb[2Jcdef");
        assert_eq!(text("one\ntwo\u{1b}\r\n"), "one\ntwo");
        assert_eq!(visible("x\u{1b}y"), "x\\u{1b}y");
    }

    #[test]
    fn clean_text_is_only_trimmed() {
        assert_eq!(line("  Astana summit  "), "Astana summit");
        assert_eq!(line(" T\u{fc}rkiye\u{a0}"), "T\u{fc}rkiye");
        assert_eq!(text("one\n\ntwo\n\n"), "one\n\ntwo");
        assert_eq!(text("  S\u{f6}z\n"), "  S\u{f6}z");
        assert_eq!(line("a\tb\nc"), "a b c");
        assert_eq!(text("a\tb"), "a    b");
        for s in ["  S\u{f6}z \n\n", "a\tb\u{1b}", "", " \n"] {
            assert_eq!(text_owned(s.to_string()), text(s));
        }
    }

    #[test]
    fn line_and_paragraph_separators_are_line_breaks() {
        assert_eq!(line("one\u{2028}two\u{2029}three\u{2028}"), "one two three");
        assert_eq!(text("one\u{2028}two\u{2029}three\u{2029}"), "one\ntwo\n\nthree");
        assert_eq!(visible("a\u{2028}b"), "a\\u{2028}b");
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds_in_place() {
        assert_eq!(line_breaks("a\rb\r\nc\r".into()), "a\nb\r\nc\n");
        let windows = String::from("a\r\nb\r\n");
        assert_eq!(line_breaks(windows.clone()), windows);
        let mixed = "é\r\u{2028}\rx".to_string();
        assert_eq!(line_breaks(mixed.clone()).len(), mixed.len());
    }
}
