//! Measuring and cutting text by terminal columns (wide characters count as two).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` cut to at most `width` columns, ending in `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `s` padded with spaces to `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width { s.to_string() } else { format!("{s}{}", " ".repeat(width - w)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_wide_characters_as_two_columns() {
        assert_eq!(fit("Астана", 10), "Астана");
        assert_eq!(fit("中华人民共和国", 7), "中华人…");
        assert_eq!(fit("中华人民共和国", 7).width(), 7);
        assert_eq!(pad("中国", 6), "中国  ");
        assert_eq!(fit("abc", 0), "");
    }
}
