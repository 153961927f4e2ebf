//! Text folded for search, so that what a person types finds what the data
//! spells: compatibility decomposition (NFKD: full-width and ligature forms
//! become plain letters), Unicode case folding, and combining marks dropped.
//! `Erdoğan`, `ERDOGAN` and `ｅｒｄｏｇａｎ` all fold to `erdogan`.

use std::ops::Range;

use caseless::Caseless;
use memchr::memmem;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Appends the folded form of `c` to `out`.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for f in std::iter::once(d).default_case_fold() {
            // Folding can give a letter that decomposes again (İ → i + dot).
            decompose_compatible(f, |g| {
                if !is_combining_mark(g) {
                    out.push(g);
                }
            });
        }
    });
}

/// Appends the folded form of `s` to `out`.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
    }
}

/// `s` folded for search: `Türkiye` → `turkiye`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Where `search` occurs in `text`, as byte ranges of `text` itself (not of
/// its folded form), in order and not overlapping: what a view highlights.
/// A match that starts or ends inside a character that folds to several
/// letters (`ﬁ` → `fi`) covers that whole character.
pub fn match_ranges(text: &str, search: &str) -> Vec<Range<usize>> {
    let needle = fold(search.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    // For each byte of `folded`, the original character it came from.
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        origin.resize(folded.len(), (at, at + c.len_utf8()));
        debug_assert!(folded.len() >= before);
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for hit in memmem::find_iter(folded.as_bytes(), needle.as_bytes()) {
        let start = origin[hit].0;
        let end = origin[hit + needle.len() - 1].1;
        match ranges.last_mut() {
            Some(last) if last.end >= start => last.end = last.end.max(end),
            _ => ranges.push(start..end),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_width() {
        assert_eq!(fold("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(fold("Turkey (Türkiye)"), "turkey (turkiye)");
        assert_eq!(fold("ＤＵＳＨＡＮＢＥ"), "dushanbe");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ΣΟΦΊΑ"), fold("σοφία"));
        assert_eq!(fold("ﬁnal"), "final");
        // Already decomposed input folds the same as composed input.
        assert_eq!(fold("Erdog\u{306}an"), "erdogan");
        assert_eq!(fold("Астана"), "астана");
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "Presidents Erdoğan and ERDOGAN met in Türkiye";
        let ranges = match_ranges(text, "erdogan");
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["Erdoğan", "ERDOGAN"]);
        let r = match_ranges(text, "TURKIYE");
        assert_eq!(&text[r[0].clone()], "Türkiye");
        assert!(match_ranges(text, "  ").is_empty());
        assert!(match_ranges(text, "kabul").is_empty());
    }

    #[test]
    fn a_match_inside_a_ligature_covers_the_whole_character() {
        let text = "the ﬁnal act";
        let r = match_ranges(text, "i");
        assert_eq!(&text[r[0].clone()], "ﬁ");
        // "aaa" in "aaaa": matches do not overlap, and touching ones merge.
        assert_eq!(match_ranges("aaaaaa", "aaa"), vec![0..6]);
    }
}
