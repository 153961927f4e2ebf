//! The vocabulary: every word steppe puts around the data ("Step 3 of 12",
//! "Note for the teacher", "Countries", a key's hint, a date's month), in
//! the language the timeline is shown in (`--lang`) where steppe has them,
//! in English otherwise. The slides, the presenter's view, the handouts,
//! the worksheets and the web pages all take their labels from here; the
//! words themselves are in `words.yaml`, one entry a label, one line a
//! language. The data's own words come translated from the files.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The vocabulary: every word steppe puts around the data, in every
/// language it speaks ([`words.yaml`](words.yaml), compiled in).
const TABLE: &str = include_str!("words.yaml");

#[derive(Debug, Deserialize)]
struct File {
    languages: Vec<String>,
    months: HashMap<String, Months>,
    words: HashMap<String, HashMap<String, String>>,
}

#[derive(Debug, Deserialize)]
struct Months {
    after_day: Vec<String>,
    alone: Vec<String>,
    circa: String,
    bce: String,
}

fn table() -> &'static File {
    static PARSED: OnceLock<File> = OnceLock::new();
    PARSED.get_or_init(|| {
        // The table is steppe's own and tested; were it unreadable, every
        // label would show as its key rather than stop the program.
        serde_yaml::from_str(TABLE).unwrap_or_else(|_| File {
            languages: vec!["en".into()],
            months: HashMap::new(),
            words: HashMap::new(),
        })
    })
}

/// The English month abbreviations the dates are written with.
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The words in one of the vocabulary's languages: the language the
/// timeline is shown in (`--lang`) when steppe has words for it, else English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// Its position in the table's `languages`; English is 0.
    at: usize,
}

impl Words {
    pub const ENGLISH: Words = Words { at: 0 };

    /// The words for a timeline shown in `language` (a BCP 47 tag, as `--lang` gives it).
    pub fn of(language: Option<&str>) -> Words {
        let primary = language.and_then(|l| l.split(['-', '_']).next()).unwrap_or("");
        let at = table().languages.iter().position(|l| l.eq_ignore_ascii_case(primary));
        Words { at: at.unwrap_or(0) }
    }

    /// The language's code: `en`, `ru`, `ar`.
    pub fn lang(self) -> &'static str {
        table().languages.get(self.at).map_or("en", String::as_str)
    }

    /// Whether the language is written right to left.
    pub fn rtl(self) -> bool {
        matches!(self.lang(), "ar" | "fa" | "he" | "ur" | "ps" | "yi" | "dv" | "ug")
    }

    /// The words of `key` in this language, else in English, else the key.
    pub fn get(self, key: &str) -> &'static str {
        let Some(entry) = table().words.get(key) else {
            debug_assert!(false, "no words for {key:?}");
            return "";
        };
        entry.get(self.lang()).or_else(|| entry.get("en")).map_or("", String::as_str)
    }

    /// The words of `key` with each `{name}` filled in.
    pub fn fill(self, key: &str, with: &[(&str, &str)]) -> String {
        fill(self.get(key), with)
    }

    /// The words of `key` in the form for the number `n` (`{n}` filled in,
    /// grouped as steppe writes counts), with the rest filled in as [`Words::fill`].
    pub fn count(self, key: &str, n: usize) -> String {
        let forms: Vec<&str> = self.get(key).split('|').collect();
        let form = forms.get(self.plural(n)).or(forms.last()).copied().unwrap_or_default();
        fill(form, &[("n", &crate::text::thousands(n))])
    }

    /// Which of a language's plural forms a number takes.
    fn plural(self, n: usize) -> usize {
        match self.lang() {
            "ru" | "uk" | "be" => match (n % 10, n % 100) {
                (1, h) if h != 11 => 0,
                (2..=4, h) if !(12..=14).contains(&h) => 1,
                _ => 2,
            },
            "ar" => match (n, n % 100) {
                (1, _) => 0,
                (2, _) => 1,
                (_, 3..=10) => 2,
                _ => 3,
            },
            _ => usize::from(n != 1),
        }
    }

    /// The words of `key` cut at `{name}`: what comes before it and after
    /// it, for a renderer that puts its own markup there.
    pub fn around(self, key: &str, name: &str, with: &[(&str, &str)]) -> (String, String) {
        let filled = self.fill(key, with);
        let mark = format!("{{{name}}}");
        match filled.split_once(&mark) {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (filled, String::new()),
        }
    }

    /// "Step 3 of 12".
    pub fn step_of(self, n: usize, total: usize) -> String {
        self.fill("step_of", &[("n", &n.to_string()), ("total", &total.to_string())])
    }

    pub fn note_for_the_teacher(self) -> &'static str {
        self.get("note_for_the_teacher")
    }

    pub fn question_for_the_class(self) -> &'static str {
        self.get("question_for_the_class")
    }

    /// A participant's part in these words, when it is one the vocabulary
    /// has ("host", "chair"); else as the file gives it.
    pub fn role(self, role: &str) -> String {
        let key = format!("role_{}", role.trim().to_lowercase());
        match table().words.get(&key) {
            Some(_) => self.get(&key).to_string(),
            None => role.to_string(),
        }
    }

    /// A key hint's words ("next", "quit") in this language, else as given.
    pub fn key_hint(self, words: &'static str) -> &'static str {
        let key = format!("key_{words}");
        if table().words.contains_key(&key) { self.get(&key) } else { words }
    }

    /// The name of a language a quote may be in, in these words, or its tag.
    pub fn language_name(self, tag: &str) -> String {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        let key = format!("lang_{primary}");
        match table().words.get(&key) {
            Some(_) => self.get(&key).to_string(),
            None => tag.to_string(),
        }
    }

    /// Under a quote whose words are a translation, says so: "Kremlin's
    /// translation from Russian", "перевод: Kremlin".
    pub fn translation(self, q: &super::QuoteRef) -> Option<String> {
        q.translation_note_in(self)
    }

    fn months(self) -> Option<&'static Months> {
        table().months.get(self.lang()).filter(|m| m.after_day.len() == 12 && m.alone.len() == 12)
    }

    /// A date as the explorer writes it ("26 Dec 1991", "c. 1840",
    /// "330 BCE", "9 May – 29 Jun 1865"), in these words.
    pub fn date(self, label: &str) -> String {
        let Some(months) = self.months().filter(|_| self.at != 0) else {
            return label.to_string();
        };
        let mut out: Vec<String> = Vec::new();
        for token in label.split(' ') {
            let after_day = out.last().is_some_and(|prev| day_like(prev));
            let word = match (month(token), token) {
                (Some(m), _) if after_day => months.after_day[m].clone(),
                (Some(m), _) => months.alone[m].clone(),
                (None, "c.") => months.circa.clone(),
                (None, "BCE") => months.bce.clone(),
                (None, other) => other.to_string(),
            };
            out.push(word);
        }
        out.join(" ")
    }

    /// A date for block letters, which have Latin letters and digits only:
    /// in other words than English written with numbers ("26.12.1991",
    /// "07.1916 – 02.1917").
    pub fn big_date(self, label: &str) -> String {
        if self.at == 0 {
            return label.to_uppercase();
        }
        let mut out: Vec<String> = Vec::new();
        let mut year_follows = false;
        for token in label.split(' ') {
            match month(token) {
                Some(m) => {
                    let mm = format!("{:02}", m + 1);
                    match out.last_mut().filter(|prev| day_like(prev)) {
                        Some(day) => {
                            day.push('.');
                            day.push_str(&mm);
                        }
                        None => out.push(mm),
                    }
                    year_follows = true;
                }
                None if year_follows && token.bytes().all(|b| b.is_ascii_digit()) => {
                    if let Some(last) = out.last_mut() {
                        last.push('.');
                        last.push_str(token);
                    }
                    year_follows = false;
                }
                None => {
                    out.push(self.date(token));
                    year_follows = false;
                }
            }
        }
        out.join(" ")
    }
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, with: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in with {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn month(token: &str) -> Option<usize> {
    MONTHS.iter().position(|m| *m == token)
}

/// A day of the month, or days ("18–19"), as a date label writes it.
fn day_like(token: &str) -> bool {
    !token.is_empty()
        && token.chars().count() <= 5
        && token.chars().all(|c| c.is_ascii_digit() || c == '–')
        && token.chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_dates_and_labels() {
        let ru = Words::of(Some("ru"));
        assert_eq!(Words::of(Some("ru-RU")), ru);
        assert_eq!(Words::of(Some("kk")), Words::ENGLISH);
        assert_eq!(Words::of(None), Words::ENGLISH);
        assert_eq!(ru.date("26 Dec 1991"), "26 дек. 1991");
        assert_eq!(ru.date("May 1868 – 5 Jul 1868"), "май 1868 – 5 июля 1868");
        assert_eq!(ru.date("18–19 May 2023"), "18–19 мая 2023");
        assert_eq!(ru.date("c. 1840"), "ок. 1840");
        assert_eq!(ru.date("330 BCE"), "330 до н. э.");
        assert_eq!(ru.big_date("26 Dec 1991"), "26.12.1991");
        assert_eq!(ru.big_date("Jul 1916 – Feb 1917"), "07.1916 – 02.1917");
        assert_eq!(ru.big_date("9 May – 29 Jun 1865"), "9.05 – 29.06.1865");
        assert_eq!(ru.big_date("18–19 May 2023"), "18–19.05.2023");
        assert_eq!(ru.big_date("1991 – 1994"), "1991 – 1994");
        assert_eq!(ru.step_of(1, 12), "Шаг 1 из 12");
        let en = Words::ENGLISH;
        assert_eq!(en.date("26 Dec 1991"), "26 Dec 1991");
        assert_eq!(en.big_date("26 Dec 1991"), "26 DEC 1991");
        assert_eq!(en.step_of(3, 12), "Step 3 of 12");
        let ar = Words::of(Some("ar"));
        assert_eq!(ar.date("26 Dec 1991"), "26 ديسمبر 1991");
        assert_eq!(ar.step_of(3, 12), "الخطوة 3 من 12");
        assert!(ar.rtl() && !ru.rtl());
    }

    #[test]
    fn every_entry_is_in_every_language_with_the_same_blanks() {
        let t = table();
        assert_eq!(t.languages.first().map(String::as_str), Some("en"));
        assert!(!t.words.is_empty(), "the table reads");
        let blanks = |s: &str| -> Vec<String> {
            let mut out: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            out.sort();
            out.dedup();
            out
        };
        let mut missing = Vec::new();
        for (key, entry) in &t.words {
            let english = entry.get("en").unwrap_or_else(|| panic!("{key} has no English"));
            for lang in &t.languages {
                match entry.get(lang) {
                    None => missing.push(format!("{key}: {lang}")),
                    Some(text) => {
                        // "who" and "whose" are two ways to the same name.
                        let norm = |v: Vec<String>| -> Vec<String> {
                            let mut v: Vec<String> =
                                v.into_iter().map(|b| b.replace("whose", "who")).collect();
                            v.dedup();
                            v
                        };
                        // A plural form may spell its number out ("حدث واحد").
                        let mut theirs = norm(blanks(text));
                        let mut ours = norm(blanks(english));
                        if english.contains('|') {
                            theirs.retain(|b| b != "n");
                            ours.retain(|b| b != "n");
                        }
                        assert_eq!(theirs, ours, "{key} in {lang}: {text}");
                    }
                }
            }
        }
        assert!(missing.is_empty(), "entries without a language: {missing:?}");
        for lang in &t.languages {
            let m = t.months.get(lang).unwrap_or_else(|| panic!("months in {lang}"));
            assert_eq!((m.after_day.len(), m.alone.len()), (12, 12), "{lang}");
        }
    }

    #[test]
    fn every_key_the_code_asks_for_is_in_the_table() {
        // The keys steppe's sources name: `get("…")`, `fill("…"`, `count("…"`, `around("…"`.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![root];
        let mut asked = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).expect("a source folder").flatten() {
                    files.push(entry.path());
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                let calls = ["get", "fill", "count", "around"].map(|f| format!("{f}(\""));
                for call in calls.iter().flat_map(|c| {
                    ["words.", "words().", "w."].map(|receiver| format!("{receiver}{c}"))
                }) {
                    for (at, _) in text.match_indices(call.as_str()) {
                        let rest = &text[at + call.len()..];
                        if path.ends_with("document/words.rs") {
                            break;
                        }
                        if let Some(end) = rest.find('"') {
                            let key = &rest[..end];
                            if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                                asked.push((path.display().to_string(), key.to_string()));
                            }
                        }
                    }
                }
            }
        }
        let t = table();
        let unknown: Vec<_> = asked.iter().filter(|(_, k)| !t.words.contains_key(k)).collect();
        assert!(unknown.is_empty(), "keys not in words.yaml: {unknown:?}");
        assert!(asked.len() > 50, "only {} keys found", asked.len());
    }

    #[test]
    fn counts_take_each_languages_plural_forms() {
        let (en, ru, ar) = (Words::ENGLISH, Words::of(Some("ru")), Words::of(Some("ar")));
        assert_eq!(en.count("events_count", 1), "1 event");
        assert_eq!(en.count("events_count", 1200), "1,200 events");
        assert_eq!(ru.count("steps_count", 1), "1 шаг");
        assert_eq!(ru.count("steps_count", 3), "3 шага");
        assert_eq!(ru.count("steps_count", 13), "13 шагов");
        assert_eq!(ru.count("steps_count", 21), "21 шаг");
        assert_eq!(ar.count("steps_count", 2), "خطوتان");
        assert_eq!(ar.count("steps_count", 13), "13 خطوة");
        assert_eq!(ru.role("host"), "принимающая сторона");
        assert_eq!(ru.role("opened the pipeline"), "opened the pipeline");
        assert_eq!(ru.key_hint("next"), "вперёд");
        assert_eq!(ru.language_name("en"), "английский");
        assert_eq!(en.around("shown_of", "shown", &[("events", "12 events")]).1, " of 12 events");
    }
}
