//! Measuring and cutting text by terminal columns, and suggesting what a
//! mistyped word may have meant. Text is measured by grapheme clusters (a
//! flag, a family emoji joined by ZWJ, a Devanagari syllable are one unit
//! each), with the same rules ratatui uses to put them in cells, so what is
//! fitted here is exactly what is drawn.

pub mod safe;
pub mod sanitize;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The columns one grapheme cluster takes; control characters take none, as
/// they are never drawn.
fn cluster_width(g: &str) -> usize {
    if g.contains(char::is_control) { 0 } else { g.width() }
}

/// The columns `s` takes on screen.
pub fn width(s: &str) -> usize {
    // ASCII needs no segmentation: every byte but a control one is a column.
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
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

/// `s` in lines of at most `max` columns, broken between words. A word
/// longer than a line (a web address) is broken after a `/`, `-`, `?`, `&`,
/// `=` or `.` where it can be, and only else between two characters.
/// Line breaks in `s` are kept; blank lines stay blank.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    for source in s.split('\n') {
        let mut line = String::new();
        for word in source.split_whitespace() {
            let mut word = word.to_string();
            loop {
                let used = width(&line);
                let gap = usize::from(used > 0);
                if used + gap + width(&word) <= max {
                    if gap == 1 {
                        line.push(' ');
                    }
                    line.push_str(&word);
                    break;
                }
                if used > 0 {
                    out.push(std::mem::take(&mut line));
                    continue;
                }
                // A word longer than the whole line: cut it where it may break.
                let (head, tail) = split_long(&word, max);
                if tail.is_empty() {
                    line = head;
                    break;
                }
                out.push(head);
                word = tail;
            }
        }
        out.push(line);
    }
    out
}

/// The longest head of `word` that fits `max` columns, ending after a
/// character after which a web address may break, else as many clusters
/// as fit; and the rest.
fn split_long(word: &str, max: usize) -> (String, String) {
    let mut fit_at = 0;
    let mut soft_at = None;
    let mut used = 0;
    for (i, g) in word.grapheme_indices(true) {
        let w = cluster_width(g);
        if used + w > max {
            break;
        }
        used += w;
        fit_at = i + g.len();
        if g.len() == 1 && "/-?&=._#".contains(g) && fit_at < word.len() {
            soft_at = Some(fit_at);
        }
    }
    let at = soft_at.unwrap_or(fit_at).max(word.graphemes(true).next().map_or(0, str::len));
    (word[..at].to_string(), word[at..].to_string())
}

/// `lines` cut to `max` lines; when cut, the last line kept ends in `…`
/// after a whole word, within `columns`.
pub fn clip(mut lines: Vec<String>, max: usize, columns: usize) -> Vec<String> {
    if lines.len() <= max {
        return lines;
    }
    lines.truncate(max);
    if let Some(last) = lines.last_mut() {
        let mut words: Vec<&str> = last.split(' ').collect();
        loop {
            let candidate = format!("{}…", words.join(" "));
            if width(&candidate) <= columns || words.len() <= 1 {
                *last = if width(&candidate) <= columns { candidate } else { fit(last, columns) };
                break;
            }
            words.pop();
        }
    }
    lines
}

/// `s` on one line of at most `max` columns, cut after a whole word with
/// `…` when it is longer (a single word too long is cut inside it).
pub fn fit_words(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let lines = wrap(s, max);
    let out = clip(lines, 1, max);
    out.into_iter().next().unwrap_or_default()
}

/// "1 event", "2 events", "1,000,000 events": a number with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// 1000000 → "1,000,000": every count steppe shows is grouped so.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "`a`, `b` or `c`": items in prose, the last joined by `last` ("and", "or").
pub fn join_words<S: AsRef<str>>(items: impl IntoIterator<Item = S>, last: &str) -> String {
    let items: Vec<S> = items.into_iter().collect();
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " " } else { ", " });
            if i + 1 == items.len() {
                out.push_str(last);
                out.push(' ');
            }
        }
        out.push_str(item.as_ref());
    }
    out
}

/// The most characters of a quoted part (between backticks) a message shows.
pub const QUOTED: usize = 60;

/// A message with each part in backticks longer than [`QUOTED`] characters
/// cut to its start and `…`: a message names what it is about, and must not
/// repeat a value of megabytes (or a whole `--where` expression).
pub fn shorten_quoted(message: String) -> String {
    if message.len() <= 2 * QUOTED {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(4 * QUOTED));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are inside backticks; an even part longer than a
        // message (a whole line of text) is cut too.
        let cap = if i % 2 == 1 { QUOTED } else { 1000 };
        match part.char_indices().nth(cap) {
            Some((at, _)) => {
                out.push_str(&part[..at]);
                out.push('…');
            }
            None => out.push_str(part),
        }
    }
    out
}

/// The largest index at most `i` (and at most `s`'s length) where a character
/// of `s` starts: a byte offset that can cut `s` (std's `floor_char_boundary`
/// needs a newer Rust than ours).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `s` padded with spaces to `width` columns.
pub fn pad(s: &str, columns: usize) -> String {
    let w = width(s);
    if w >= columns { s.to_string() } else { format!("{s}{}", " ".repeat(columns - w)) }
}

/// The most edits a word of `chars` characters may be from what was meant
/// and still be taken for a typo of it.
fn typo_limit(chars: usize) -> usize {
    match chars {
        0..=3 => 1,
        n => (n / 3).clamp(2, 3),
    }
}

/// The closest candidate to `word` (case ignored), if it is close enough to
/// be a typo. The shorter of the two sets the limit, so `ussr` is not taken
/// for a typo of `us`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // No name steppe knows is this long: a huge word is no typo of one, and
    // measuring its distance to each would cost its length times theirs.
    if word.len() > 100 {
        return None;
    }
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let d = edit_distance(&word, &lower);
            let shorter = word.chars().count().min(lower.chars().count());
            (d <= typo_limit(shorter)).then_some((d, c))
        })
        // Ties go to the first in order, so that the hint is the same
        // whatever order the candidates come in (a set's is not fixed).
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// How near `candidate` is to what `word` may mean, for putting the nearest
/// first; both already folded (lower case, no accents). Smaller is nearer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Nearness {
    /// One of the candidate's words starts with `word` (`xi` in
    /// `xi-jinping`); fewer letters left over first.
    Prefix(usize),
    /// This many edits apart, close enough to be a typo.
    Typo(usize),
    /// This many edits apart, too many for a typo.
    Far(usize),
}

impl Nearness {
    pub fn of(word: &str, candidate: &str) -> Nearness {
        let starts =
            candidate.split(|c: char| !c.is_alphanumeric()).any(|part| part.starts_with(word));
        if word.chars().count() >= 2 && starts {
            return Nearness::Prefix(candidate.chars().count() - word.chars().count());
        }
        let d = edit_distance(word, candidate);
        let shorter = word.chars().count().min(candidate.chars().count());
        if d <= typo_limit(shorter) { Nearness::Typo(d) } else { Nearness::Far(d) }
    }

    /// Near enough to suggest.
    pub fn is_close(self) -> bool {
        !matches!(self, Nearness::Far(_))
    }
}

/// Edits between two words, a swap of neighbours counting as one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_falls_back_to_where_a_character_starts() {
        let s = "aтb";
        assert_eq!([0, 1, 2, 3, 4, 9].map(|i| floor_boundary(s, i)), [0, 1, 1, 3, 4, 4]);
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(count(1, "event", "events"), "1 event");
        assert_eq!(count(12_345, "event", "events"), "12,345 events");
    }

    #[test]
    fn words_are_joined_as_in_prose() {
        assert_eq!(join_words(["a"], "or"), "a");
        assert_eq!(join_words(["a", "b"], "or"), "a or b");
        assert_eq!(join_words(["a", "b", "c"], "and"), "a, b and c");
        assert_eq!(join_words(Vec::<&str>::new(), "and"), "");
    }

    #[test]
    fn wrapping_breaks_between_words_and_web_addresses_at_their_slashes() {
        assert_eq!(wrap("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        let url = "https://en.wikipedia.org/wiki/Dissolution_of_the_Soviet_Union";
        let lines = wrap(&format!("See {url} now"), 30);
        assert_eq!(lines.concat().replace(' ', ""), format!("See{url}now"));
        for l in &lines {
            assert!(width(l) <= 30, "{l}");
        }
        assert_eq!(lines[1], "https://en.wikipedia.org/wiki/", "{lines:?}");
        // Nothing to break at: between characters, never inside a cluster.
        assert_eq!(wrap("🇰🇿🇰🇿🇰🇿", 4), ["🇰🇿🇰🇿", "🇰🇿"]);
        assert_eq!(wrap("中华人民共和国", 1), ["中", "华", "人", "民", "共", "和", "国"]);
    }

    #[test]
    fn clipping_ends_on_a_whole_word_with_an_ellipsis() {
        let lines = wrap("one two three four five six", 9);
        assert_eq!(clip(lines.clone(), 9, 9), lines);
        assert_eq!(clip(lines, 2, 9), ["one two", "three…"]);
        assert_eq!(fit_words("Independence and new organisations", 20), "Independence and…");
        assert_eq!(fit_words("short", 20), "short");
    }

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
    #[test]
    fn suggests_close_words_only() {
        let keys = ["id", "date", "title", "summary"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("Summray", keys), Some("summary"));
        assert_eq!(did_you_mean("colour", keys), None);
        // Two edits are a typo of a long word, not of a two-letter code.
        assert_eq!(did_you_mean("ussr", ["US", "KZ"]), None);
        assert_eq!(did_you_mean("kx", ["US", "KZ"]), Some("KZ"));
        // Equally near: the same answer in either order.
        assert_eq!(did_you_mean("ev-5", ["ev-2", "ev-1"]), Some("ev-1"));
        assert_eq!(did_you_mean("ev-5", ["ev-1", "ev-2"]), Some("ev-1"));
    }

    #[test]
    fn nearness_puts_word_starts_before_typos() {
        assert_eq!(Nearness::of("xi", "xi-jinping"), Nearness::Prefix(8));
        assert_eq!(Nearness::of("jinping", "xi jinping"), Nearness::Prefix(3));
        assert!(Nearness::of("xi", "xi-jinping").is_close());
        assert_eq!(Nearness::of("kazakstan", "kazakhstan"), Nearness::Typo(1));
        assert!(!Nearness::of("ussr", "us").is_close());
        assert!(!Nearness::of("x", "xi-jinping").is_close(), "one letter starts too much");
        let mut ranked = ["armenia", "turkmenistan", "turkey", "tajikistan"];
        ranked.sort_by_key(|c| Nearness::of("turkiey", c));
        assert_eq!(ranked[0], "turkey");
        assert!(Nearness::of("tur", "turkey") < Nearness::of("tur", "turkmenistan"));
    }
}
