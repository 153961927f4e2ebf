//! Measuring and cutting text by terminal columns. Text is measured by
//! grapheme clusters (a flag, a family emoji joined by ZWJ, a Devanagari
//! syllable are one unit each), with the same rules ratatui uses to put them
//! in cells, so what is fitted here is exactly what is drawn.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The columns one grapheme cluster takes; control characters take none, as
/// they are never drawn.
fn cluster_width(g: &str) -> usize {
    if g.contains(char::is_control) { 0 } else { g.width() }
}

/// The columns `s` takes on screen.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(cluster_width).sum()
}

/// `s` cut to at most `width` columns, ending in `…` when cut. A cluster is
/// never split.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = cluster_width(g);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// "1 event", "2 events": a number with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `s` padded with spaces to `width` columns.
pub fn pad(s: &str, columns: usize) -> String {
    let w = width(s);
    if w >= columns { s.to_string() } else { format!("{s}{}", " ".repeat(columns - w)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_wide_characters_as_two_columns() {
        assert_eq!(fit("Астана", 10), "Астана");
        assert_eq!(fit("中华人民共和国", 7), "中华人…");
        assert_eq!(width(&fit("中华人民共和国", 7)), 7);
        assert_eq!(pad("中国", 6), "中国  ");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn clusters_are_measured_whole_and_never_split() {
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        assert_eq!(width(family), 2, "a ZWJ sequence is one emoji");
        assert_eq!(width("🇰🇿🇷🇺"), 4, "two flags");
        assert_eq!(width("क्षत्रिय"), width("क्ष") + width("त्रि") + width("य"));
        for (text, room) in
            [("🇰🇿🇷🇺🇨🇳 flags", 4), (&*format!("{family}{family}x"), 4), ("क्षत्रिय हिन्दी", 5)]
        {
            let cut = fit(text, room);
            assert!(width(&cut) <= room, "{cut:?} is wider than {room}");
            let kept = cut.trim_end_matches('…');
            assert!(text.starts_with(kept), "{cut:?}");
            let whole: Vec<&str> = text.graphemes(true).collect();
            let got: Vec<&str> = kept.graphemes(true).collect();
            assert_eq!(got, whole[..got.len()], "{text:?} cut inside a cluster: {cut:?}");
        }
        // A flag cut in half would leave a lone regional indicator.
        assert_eq!(fit("🇰🇿🇷🇺", 3), "🇰🇿…");
    }
}
