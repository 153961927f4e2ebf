//! Text from a timeline file must never reach the terminal as a command:
//! control characters (C0, C1, DEL) and bidirectional overrides and isolates
//! are removed at load time, so every output inherits clean strings.

/// Characters that could steer a terminal or reorder what the reader sees.
pub fn is_hazard(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of text: hazards dropped, tabs and line breaks become spaces.
pub fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Paragraphs: like [`line`] but keeps line breaks.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
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
}
