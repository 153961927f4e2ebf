//! Terminal input bytes → keys and mouse events. Every escape sequence is
//! read whole by the grammar terminals use (ECMA-48: CSI, SS3, OSC, DCS and
//! the other string sequences), and a sequence that is not a key or a mouse
//! report is dropped whole: a terminal's reply (`ESC [ > 4154 q`) or a colour
//! report never turns into key presses. The answers to the question of what
//! graphics the terminal has (kitty's, its attributes, its cell size) are
//! read as such.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::tui::state::Heard;

/// What the terminal sent, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// An answer about its graphics.
    Reply(Heard),
}

/// Bytes not yet decoded: the start of a sequence whose end has not arrived.
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
}

/// How one attempt at the front of the buffer went.
enum Step {
    /// `n` bytes were read, giving this (or nothing, for a dropped sequence).
    Done(usize, Option<Input>),
    /// More bytes are needed to know.
    Incomplete,
}

const ESC: u8 = 0x1b;

impl Decoder {
    /// Decodes what can be decoded; an unfinished sequence waits for the
    /// next bytes, or for [`Decoder::timeout`].
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            match step(&self.pending[at..]) {
                Step::Done(n, input) => {
                    out.extend(input);
                    at += n;
                }
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        out
    }

    /// True while the start of a sequence waits for its end.
    pub fn waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// No more bytes came: a lone Esc is the Esc key, Esc and a character is
    /// that character with Alt; any other unfinished sequence is dropped.
    pub fn timeout(&mut self) -> Vec<Input> {
        let pending = std::mem::take(&mut self.pending);
        match pending.as_slice() {
            [ESC] => vec![key(KeyCode::Esc, KeyModifiers::NONE)],
            _ => Vec::new(),
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Input {
    Input::Key(KeyEvent::new(code, modifiers))
}

fn char_key(c: char) -> Input {
    let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    key(KeyCode::Char(c), mods)
}

fn step(b: &[u8]) -> Step {
    match b[0] {
        ESC => escape(b),
        b'\r' | b'\n' => Step::Done(1, Some(key(KeyCode::Enter, KeyModifiers::NONE))),
        b'\t' => Step::Done(1, Some(key(KeyCode::Tab, KeyModifiers::NONE))),
        0x7f | 0x08 => Step::Done(1, Some(key(KeyCode::Backspace, KeyModifiers::NONE))),
        0 => Step::Done(1, Some(key(KeyCode::Char(' '), KeyModifiers::CONTROL))),
        c @ 0x01..=0x1a => {
            Step::Done(1, Some(key(KeyCode::Char(char::from(c - 1 + b'a')), KeyModifiers::CONTROL)))
        }
        c @ 0x1c..=0x1f => Step::Done(
            1,
            Some(key(KeyCode::Char(char::from(c - 0x1c + b'4')), KeyModifiers::CONTROL)),
        ),
        _ => utf8(b),
    }
}

/// One UTF-8 character; a byte that cannot start one is dropped.
fn utf8(b: &[u8]) -> Step {
    let len = match b[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Done(1, None),
    };
    if b.len() < len {
        // Only continuation bytes may follow; anything else ends it early.
        return if b[1..].iter().all(|&c| c & 0xc0 == 0x80) {
            Step::Incomplete
        } else {
            Step::Done(1, None)
        };
    }
    match std::str::from_utf8(&b[..len]).ok().and_then(|s| s.chars().next()) {
        Some(c) => Step::Done(len, Some(char_key(c))),
        None => Step::Done(1, None),
    }
}

fn escape(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else { return Step::Incomplete };
    match second {
        b'[' => csi(b),
        b'O' => match b.get(2) {
            None => Step::Incomplete,
            Some(&f) => Step::Done(3, ss3(f)),
        },
        // Strings that end with ST (ESC \) or, for OSC, BEL: all dropped.
        b']' | b'P' | b'X' | b'^' | b'_' => string(b, second == b']'),
        // Esc, then Esc again: the first is the key.
        ESC => Step::Done(1, Some(key(KeyCode::Esc, KeyModifiers::NONE))),
        // Other two-byte escapes (ESC SP F, ESC # 8, ...) and Alt with a key.
        0x20..=0x2f => match b.iter().skip(2).position(|c| (0x30..=0x7e).contains(c)) {
            Some(i) => Step::Done(i + 3, None),
            None if b[2..].iter().all(|c| (0x20..=0x2f).contains(c)) => Step::Incomplete,
            None => Step::Done(2, None),
        },
        _ => match step(&b[1..]) {
            Step::Done(n, Some(Input::Key(mut k))) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Done(n + 1, Some(Input::Key(k)))
            }
            Step::Done(n, _) => Step::Done(n + 1, None),
            Step::Incomplete => Step::Incomplete,
        },
    }
}

/// An OSC, DCS, SOS, PM or APC string, up to and including its terminator.
fn string(b: &[u8], bel_ends: bool) -> Step {
    for i in 2..b.len() {
        if bel_ends && b[i] == 0x07 {
            return Step::Done(i + 1, None);
        }
        if b[i] == ESC && i + 1 < b.len() {
            // ESC \ ends it; any other escape also ends it, and is read on its own.
            let reply = kitty_reply(&b[..i]).then_some(Input::Reply(Heard::Kitty));
            return Step::Done(if b[i + 1] == b'\\' { i + 2 } else { i }, reply);
        }
    }
    Step::Incomplete
}

/// kitty's answer to its test image: `ESC _ G i=31 ; OK`.
fn kitty_reply(s: &[u8]) -> bool {
    s.starts_with(b"\x1b_G")
        && s.split(|&c| c == b';')
            .next()
            .is_some_and(|k| k[3..].split(|&c| c == b',').any(|kv| kv == b"i=31"))
        && s.ends_with(b";OK")
}

/// The arrows, Home and End: the same final byte after `ESC O` or `ESC [`.
fn cursor_key(f: u8) -> Option<KeyCode> {
    Some(match f {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        _ => return None,
    })
}

fn ss3(f: u8) -> Option<Input> {
    let code = match f {
        b'P'..=b'S' => KeyCode::F(f - b'P' + 1),
        _ => cursor_key(f)?,
    };
    Some(key(code, KeyModifiers::NONE))
}

/// A control sequence: `ESC [`, parameter bytes, intermediate bytes, a final byte.
fn csi(b: &[u8]) -> Step {
    // The old mouse report: ESC [ M and three raw bytes.
    if b.get(2) == Some(&b'M') {
        return match b.get(3..6) {
            Some(&[button, x, y]) => Step::Done(
                6,
                mouse(
                    u16::from(button.wrapping_sub(32)),
                    u16::from(x.wrapping_sub(32)),
                    u16::from(y.wrapping_sub(32)),
                    true,
                ),
            ),
            _ => Step::Incomplete,
        };
    }
    let mut i = 2;
    while i < b.len() && (0x30..=0x3f).contains(&b[i]) {
        i += 1;
    }
    let params_end = i;
    while i < b.len() && (0x20..=0x2f).contains(&b[i]) {
        i += 1;
    }
    let Some(&last) = b.get(i) else { return Step::Incomplete };
    if !(0x40..=0x7e).contains(&last) {
        // Not a control sequence after all: drop what was read, keep the rest.
        return Step::Done(i, None);
    }
    let intermediates = &b[params_end..i];
    let params = &b[2..params_end];
    let input = if !intermediates.is_empty() {
        None
    } else {
        reply(params, last).or_else(|| control(params, last))
    };
    Step::Done(i + 1, input)
}

/// The terminal's attributes (`ESC [ ? 62 ; 4 ; 22 c`: 4 is sixel), or the
/// size of its cells in pixels (`ESC [ 6 ; height ; width t`).
fn reply(params: &[u8], last: u8) -> Option<Input> {
    let heard = match (params.first(), last) {
        (Some(b'?'), b'c') => Heard::Attributes { sixel: numbers(&params[1..])?.contains(&4) },
        (_, b't') => match numbers(params)?[..] {
            [6, height, width] => Heard::Cell { width, height },
            _ => return None,
        },
        _ => return None,
    };
    Some(Input::Reply(heard))
}

/// Numbers separated by `;`; `None` if anything else is there.
fn numbers(params: &[u8]) -> Option<Vec<u16>> {
    if params.is_empty() {
        return Some(Vec::new());
    }
    std::str::from_utf8(params)
        .ok()?
        .split(';')
        .map(|p| if p.is_empty() { Some(1) } else { p.parse().ok() })
        .collect()
}

/// Modifiers from the bits that stand for Shift, Alt and Ctrl in `bits`.
fn flags(bits: u16, shift: u16, alt: u16, ctrl: u16) -> KeyModifiers {
    let mut mods = KeyModifiers::NONE;
    for (bit, m) in
        [(shift, KeyModifiers::SHIFT), (alt, KeyModifiers::ALT), (ctrl, KeyModifiers::CONTROL)]
    {
        if bits & bit != 0 {
            mods |= m;
        }
    }
    mods
}

/// xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4).
fn modifiers(m: u16) -> KeyModifiers {
    flags(m.saturating_sub(1), 1, 2, 4)
}

fn control(params: &[u8], last: u8) -> Option<Input> {
    if params.first() == Some(&b'<') {
        return sgr_mouse(&params[1..], last);
    }
    // Private parameters (`?`, `>`, `=`) mark replies and reports, not keys.
    if params.first().is_some_and(|p| (0x3c..=0x3f).contains(p)) {
        return None;
    }
    let n = numbers(params)?;
    let mods = modifiers(n.get(1).copied().unwrap_or(1));
    let code = match last {
        b'A'..=b'D' | b'H' | b'F' => cursor_key(last)?,
        b'Z' if n.is_empty() => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'P' | b'Q' | b'S' if n.first().is_none_or(|&x| x == 1) => KeyCode::F(match last {
            b'P' => 1,
            b'Q' => 2,
            _ => 4,
        }),
        b'~' => match n.first()? {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            f @ 11..=15 => KeyCode::F((f - 10) as u8),
            f @ 17..=21 => KeyCode::F((f - 11) as u8),
            f @ 23..=24 => KeyCode::F((f - 12) as u8),
            _ => return None,
        },
        _ => return None,
    };
    Some(key(code, mods))
}

fn sgr_mouse(params: &[u8], last: u8) -> Option<Input> {
    let n = numbers(params)?;
    let [button, x, y] = n[..] else { return None };
    match last {
        b'M' => mouse(button, x, y, true),
        b'm' => mouse(button, x, y, false),
        _ => None,
    }
}

/// A mouse report: button code, 1-based column and row, pressed or released.
fn mouse(code: u16, x: u16, y: u16, pressed: bool) -> Option<Input> {
    let (column, row) = (x.checked_sub(1)?, y.checked_sub(1)?);
    let button = match code & 0b11 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        2 => MouseButton::Right,
        _ => MouseButton::Left,
    };
    let kind = if code & 64 != 0 {
        match code & 0b11 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if code & 32 != 0 {
        if code & 0b11 == 3 { MouseEventKind::Moved } else { MouseEventKind::Drag(button) }
    } else if !pressed || code & 0b11 == 3 {
        MouseEventKind::Up(button)
    } else {
        MouseEventKind::Down(button)
    };
    let modifiers = flags(code, 4, 8, 16);
    Some(Input::Mouse(MouseEvent { kind, column, row, modifiers }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<Input> {
        let mut d = Decoder::default();
        let mut out = d.feed(bytes);
        out.extend(d.timeout());
        out
    }

    fn k(code: KeyCode) -> Input {
        key(code, KeyModifiers::NONE)
    }

    #[test]
    fn terminal_replies_and_unknown_sequences_are_dropped_whole() {
        assert_eq!(keys(b"\x1b[>4154q"), []);
        // The attributes (`?62;c`) are an answer about graphics, not a key.
        assert_eq!(
            keys(b"\x1b[>0;10;1c\x1b[?2026;2$y\x1b[?62;c"),
            [Input::Reply(Heard::Attributes { sixel: false })]
        );
        assert_eq!(keys(b"\x1b]11;rgb:0000/0000/0000\x1b\\"), [], "a colour report");
        assert_eq!(keys(b"\x1b]10;rgb:ffff/ffff/ffff\x07"), []);
        assert_eq!(keys(b"\x1bP>|tmux 3.3a\x1b\\"), [], "a version report");
        assert_eq!(keys(b"\x1b[12;40R"), [], "a cursor position report");
        assert_eq!(keys(b"\x1b[200~"), []);
        // What follows a dropped sequence is read as usual.
        assert_eq!(keys(b"\x1b[>4154qj"), [char_key('j')]);
        // The answers about graphics are answers, never keys.
        let mut d = Decoder::default();
        let answers = d.feed(b"\x1b_Gi=31;OK\x1b\\\x1b[6;20;10t\x1b[?62;4;22cq");
        assert_eq!(
            answers,
            [
                Input::Reply(Heard::Kitty),
                Input::Reply(Heard::Cell { width: 10, height: 20 }),
                Input::Reply(Heard::Attributes { sixel: true }),
                char_key('q')
            ]
        );
        let no = Input::Reply(Heard::Attributes { sixel: false });
        assert_eq!(keys(b"\x1b_Gi=31;ENOENT\x1b\\\x1b[?1;2cx"), [no, char_key('x')]);
        assert_eq!(keys(b"\x1b]11;?\x1b\\q"), [char_key('q')]);
    }

    #[test]
    fn keys_arrive_whole_even_when_split_across_reads() {
        let mut d = Decoder::default();
        assert_eq!(d.feed(b"\x1b["), []);
        assert!(d.waiting());
        assert_eq!(d.feed(b">41"), []);
        assert_eq!(d.feed(b"54q\x1b[A"), [k(KeyCode::Up)]);
        assert_eq!(d.feed("й".as_bytes()[..1].as_ref()), []);
        assert_eq!(d.feed(&"й".as_bytes()[1..]), [char_key('й')]);
        assert_eq!(d.feed(b"\x1b"), []);
        assert_eq!(d.timeout(), [k(KeyCode::Esc)], "a lone Esc is the Esc key");
    }

    #[test]
    fn the_keys_the_explorer_uses() {
        assert_eq!(
            keys(b"\x1b[A\x1b[B\x1bOC\x1b[D\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1b[Z\r\t\x7f"),
            [
                k(KeyCode::Up),
                k(KeyCode::Down),
                k(KeyCode::Right),
                k(KeyCode::Left),
                k(KeyCode::PageUp),
                k(KeyCode::PageDown),
                k(KeyCode::Home),
                k(KeyCode::End),
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
                k(KeyCode::Enter),
                k(KeyCode::Tab),
                k(KeyCode::Backspace),
            ]
        );
        assert_eq!(
            keys(b"\x03\x1a"),
            [
                key(KeyCode::Char('c'), KeyModifiers::CONTROL),
                key(KeyCode::Char('z'), KeyModifiers::CONTROL),
            ]
        );
        assert_eq!(keys(b"G"), [key(KeyCode::Char('G'), KeyModifiers::SHIFT)]);
        assert_eq!(keys(b"\x1bj"), [key(KeyCode::Char('j'), KeyModifiers::ALT)]);
        assert_eq!(keys(b"\x1b[1;5C"), [key(KeyCode::Right, KeyModifiers::CONTROL)]);
        assert_eq!(keys(b"\x1b\x1b"), [k(KeyCode::Esc), k(KeyCode::Esc)]);
        assert_eq!(keys(b"\xff\xfex"), [char_key('x')], "stray bytes are dropped");
    }

    #[test]
    fn mouse_reports() {
        let click = |kind, column, row| {
            Input::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
        };
        assert_eq!(keys(b"\x1b[<0;10;5M"), [click(MouseEventKind::Down(MouseButton::Left), 9, 4)]);
        assert_eq!(keys(b"\x1b[<0;10;5m"), [click(MouseEventKind::Up(MouseButton::Left), 9, 4)]);
        assert_eq!(keys(b"\x1b[<64;1;1M"), [click(MouseEventKind::ScrollUp, 0, 0)]);
        assert_eq!(keys(b"\x1b[<65;3;2M"), [click(MouseEventKind::ScrollDown, 2, 1)]);
        assert_eq!(keys(b"\x1b[M *%"), [click(MouseEventKind::Down(MouseButton::Left), 9, 4)]);
    }
}
