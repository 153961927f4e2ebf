//! Names and texts in other languages, and a timeline shown in one of them.
//! Ids, dates and codes never change with the language: only what readers see.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::Timeline;

/// What a translation stands in for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    CountryName(String),
    ActorName(String),
    EventTitle(String),
    EventSummary(String),
    EraTitle(String),
    TourTitle(String),
    TourDescription(String),
    TourTeacherNote(String),
    /// A tour's step, by the tour's id and the step's position from 0.
    StepNote(String, usize),
    StepQuestion(String, usize),
    LaneSetTitle(String),
    /// A lane's title, by its set's id and its position from 0.
    LaneTitle(String, usize),
}

/// Every translation of the loaded files, by language and field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Translations {
    map: BTreeMap<(String, Field), String>,
}

impl Translations {
    /// Adds a translation; the first one given for a language and field stays.
    pub fn insert(&mut self, lang: &str, field: Field, text: String) {
        self.map.entry((lang.to_ascii_lowercase(), field)).or_insert(text);
    }

    pub fn get(&self, lang: &str, field: &Field) -> Option<&str> {
        self.map.get(&(lang.to_ascii_lowercase(), field.clone())).map(String::as_str)
    }

    /// The languages there are translations into, in order.
    pub fn languages(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self.map.keys().map(|(l, _)| l.as_str()).collect();
        set.into_iter().collect()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Adds every translation of `other` that this one lacks.
    pub fn extend(&mut self, other: Translations) {
        for (key, text) in other.map {
            self.map.entry(key).or_insert(text);
        }
    }

    /// The tag under which `asked` has translations: itself (`pt-br`), else
    /// its language alone (`pt`); `None` if there are none.
    pub fn resolve(&self, asked: &str) -> Option<String> {
        let asked = asked.to_ascii_lowercase();
        let has = |l: &str| self.map.keys().any(|(k, _)| k == l);
        if has(&asked) {
            return Some(asked);
        }
        let primary = asked.split(['-', '_']).next().unwrap_or_default().to_string();
        has(&primary).then_some(primary)
    }
}

/// The language of a locale such as `ru_RU.UTF-8` (`ru`) or a tag such as
/// `ar-EG` (`ar-eg`); `None` for `C`, `POSIX` or nothing.
pub fn language_code(locale: &str) -> Option<String> {
    let name = locale.split(['.', '@']).next().unwrap_or_default().trim();
    if name.is_empty() || name == "C" || name == "POSIX" {
        return None;
    }
    let tag = name.replace('_', "-").to_ascii_lowercase();
    tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-').then_some(tag)
}

impl Timeline {
    /// Shows the timeline in `lang`: every name and text translated into it
    /// replaces the original; the rest stays as written. Returns the tag used,
    /// or `None` (nothing changed) when the files have no such language.
    pub fn translate(&mut self, lang: &str) -> Option<String> {
        let tr = std::mem::take(&mut self.translations);
        let Some(lang) = tr.resolve(lang) else {
            self.translations = tr;
            return None;
        };
        let put = |field: Field, into: &mut String| {
            if let Some(text) = tr.get(&lang, &field) {
                *into = text.to_string();
            }
        };
        for c in &mut self.countries {
            put(Field::CountryName(c.code.clone()), &mut c.name);
        }
        for a in &mut self.actors {
            put(Field::ActorName(a.id.clone()), &mut a.name);
        }
        for e in &mut self.eras {
            put(Field::EraTitle(e.id.clone()), &mut e.title);
        }
        for e in &mut self.events {
            put(Field::EventTitle(e.id.clone()), &mut e.title);
            put(Field::EventSummary(e.id.clone()), &mut e.summary);
        }
        for set in &mut self.lanes {
            put(Field::LaneSetTitle(set.id.clone()), &mut set.title);
            for (n, lane) in set.lanes.iter_mut().enumerate() {
                if let Some(text) = tr.get(&lang, &Field::LaneTitle(set.id.clone(), n)) {
                    lane.title = Some(text.to_string());
                }
            }
        }
        for t in &mut self.tours {
            put(Field::TourTitle(t.id.clone()), &mut t.title);
            if let Some(text) = tr.get(&lang, &Field::TourDescription(t.id.clone())) {
                t.description = Some(text.to_string());
            }
            if let Some(text) = tr.get(&lang, &Field::TourTeacherNote(t.id.clone())) {
                t.teacher_note = Some(text.to_string());
            }
            for n in 0..t.steps.len() {
                if let Some(text) = tr.get(&lang, &Field::StepNote(t.id.clone(), n)) {
                    t.steps.set_note(n, text.to_string());
                }
                if let Some(text) = tr.get(&lang, &Field::StepQuestion(t.id.clone(), n)) {
                    t.steps.set_question(n, text.to_string());
                }
            }
        }
        self.translations = tr;
        self.language = Some(lang.clone());
        Some(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_give_their_language() {
        assert_eq!(language_code("ru_RU.UTF-8").as_deref(), Some("ru-ru"));
        assert_eq!(language_code("ar").as_deref(), Some("ar"));
        assert_eq!(language_code("C.UTF-8"), None);
        assert_eq!(language_code("POSIX"), None);
        assert_eq!(language_code(""), None);
        assert_eq!(language_code("en_GB@euro").as_deref(), Some("en-gb"));
    }

    #[test]
    fn a_region_falls_back_to_its_language_and_the_first_translation_stays() {
        let mut tr = Translations::default();
        tr.insert("RU", Field::CountryName("KZ".into()), "Казахстан".into());
        tr.insert("ru", Field::CountryName("KZ".into()), "second".into());
        assert_eq!(tr.resolve("ru-RU").as_deref(), Some("ru"));
        assert_eq!(tr.resolve("ar"), None);
        assert_eq!(tr.get("ru", &Field::CountryName("KZ".into())), Some("Казахстан"));
        assert_eq!(tr.languages(), ["ru"]);
    }
}
