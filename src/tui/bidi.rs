//! Right-to-left text in the terminal. Most terminals draw cells left to
//! right in the order they are written (xterm, kitty, Alacritty, Windows
//! Terminal, tmux), so Arabic written in its natural order reads backwards
//! there; a few reorder each line themselves (Konsole, mlterm, and VTE
//! terminals such as GNOME Terminal in their default "implicit" mode). By
//! default steppe puts each drawn line in display order itself with the
//! Unicode Bidirectional Algorithm (the unicode-bidi crate), and asks VTE
//! terminals to leave the order alone (`CSI 8 l`, the terminal BiDi
//! recommendation's explicit mode; other terminals ignore it). With
//! `--bidi terminal` steppe writes text in its natural order and leaves the
//! reordering to a terminal that does it.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use unicode_bidi::BidiInfo;

/// Who puts right-to-left text in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bidi {
    /// steppe does, line by line: right for most terminals.
    #[default]
    Steppe,
    /// The terminal does (Konsole, mlterm, VTE terminals in implicit mode).
    Terminal,
}

static STEPPE_ORDERS: AtomicBool = AtomicBool::new(true);

/// Sets who reorders for the rest of the session.
pub fn set(mode: Bidi) {
    STEPPE_ORDERS.store(mode == Bidi::Steppe, Ordering::Relaxed);
}

pub fn mode() -> Bidi {
    if STEPPE_ORDERS.load(Ordering::Relaxed) { Bidi::Steppe } else { Bidi::Terminal }
}

/// Whether `s` has a character written right to left.
fn has_rtl(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// One line as it is to be drawn: in display order when steppe reorders and
/// the line has right-to-left text, else as it is.
pub fn line(s: &str) -> Cow<'_, str> {
    if mode() == Bidi::Terminal || !has_rtl(s) {
        return Cow::Borrowed(s);
    }
    visual(s)
}

/// `s`, one line, in display order: each right-to-left run turned round,
/// and its paired characters mirrored (rule L4 of the algorithm), so that
/// a bracket opened in Arabic text faces its words: "(الإمبراطورية)".
pub fn visual(s: &str) -> Cow<'_, str> {
    let info = BidiInfo::new(s, None);
    let Some(para) = info.paragraphs.first() else { return Cow::Borrowed(s) };
    let (levels, runs) = info.visual_runs(para, para.range.clone());
    let mut out = String::with_capacity(s.len());
    for run in runs {
        let text = &s[run.clone()];
        if levels.get(run.start).is_some_and(|l| l.is_rtl()) {
            let mirrored = |c: char| unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c);
            out.extend(text.chars().rev().map(mirrored));
        } else {
            out.push_str(text);
        }
    }
    Cow::Owned(out)
}

/// What to write to the terminal when taking it, and when giving it back:
/// VTE's explicit mode while steppe reorders, its default after.
pub fn take_sequence() -> &'static str {
    if mode() == Bidi::Steppe { "\x1b[8l" } else { "" }
}

pub fn restore_sequence() -> &'static str {
    if mode() == Bidi::Steppe { "\x1b[8h" } else { "" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_put_in_display_order_and_latin_is_left_alone() {
        assert_eq!(visual("abc"), "abc");
        // "كازاخستان" (Kazakhstan) is written from its first letter; on a
        // terminal that draws left to right its last letter comes first.
        let word = "كازاخستان";
        let shown: String = word.chars().rev().collect();
        assert_eq!(visual(word), shown);
        // In an English line, the Arabic run alone turns round; a number
        // after it belongs to it, as a browser shows it.
        assert_eq!(visual(&format!("KZ {word}.")), format!("KZ {shown}."));
        assert_eq!(visual(&format!("KZ {word} 1991")), format!("KZ 1991 {shown}"));
        assert!(matches!(line("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn brackets_in_right_to_left_text_face_their_words() {
        // "GB (the British Empire)" in Arabic, as a country's line shows it.
        let empire = "الإمبراطورية البريطانية";
        let shown: String = empire.chars().rev().collect();
        assert_eq!(visual(&format!("GB ({empire})")), format!("GB ({shown})"));
        // English in brackets inside an Arabic line keeps its own brackets' sense.
        let word = "كازاخستان";
        let back: String = word.chars().rev().collect();
        assert_eq!(visual(&format!("{word} (used in 1840)")), format!("(used in 1840) {back}"));
        assert_eq!(visual(&format!("«{word}»")), format!("«{back}»"));
    }
}
