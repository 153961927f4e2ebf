//! The event card, the page of events and the tour lesson as plain data:
//! built once from the timeline, then rendered to Markdown, HTML or the
//! terminal. Every renderer shows the same facts in the same order; a new
//! field of the model is added here once and each renderer picks it up.

pub mod words;

use words::Words;

use crate::model::{ActorKind, Era, Event, Field, PartialDate, Quote, Source, Timeline, Tour};
use crate::query::Query;
use crate::text::safe;

/// The language steppe takes the files' own words to be in: they say no
/// other, and their translations are into other languages.
pub const SOURCE_LANG: &str = "en";

/// The language one of the timeline's texts is in as shown: the language
/// it is shown in when the files translate it, else the files' own.
pub fn lang_of(tl: &Timeline, field: Field) -> &str {
    match tl.language.as_deref() {
        Some(l) if tl.translations.get(l, &field).is_some() => l,
        _ => SOURCE_LANG,
    }
}

/// Text in paragraphs (split at blank lines), each a list of its lines.
pub type Paragraphs<'a> = Vec<Vec<&'a str>>;

pub fn paragraphs(s: &str) -> Paragraphs<'_> {
    let mut out: Paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
pub struct CountryRef<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// The language the name is in.
    pub lang: &'a str,
    /// Latitude and longitude of its capital, where the timeline gives them.
    pub capital: Option<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: Option<ActorKind>,
    /// The part they played in this event.
    pub role: Option<&'a str>,
    /// The language the name is in.
    pub lang: &'a str,
}

impl ActorRef<'_> {
    /// "Xi Jinping (host)".
    pub fn label(&self) -> String {
        self.label_in(Words::ENGLISH)
    }

    /// [`ActorRef::label`] with the part in `words` where the vocabulary has it.
    pub fn label_in(&self, words: Words) -> String {
        match self.role {
            Some(role) => format!("{} ({})", self.name, words.role(role)),
            None => self.name.to_string(),
        }
    }
}

/// A web page, or a book or archive cited by title.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRef<'a> {
    pub title: &'a str,
    pub url: Option<&'a str>,
    /// The address when it may be a link (http or https only).
    pub link: Option<&'a str>,
    /// A book's author, publisher, year and page: "Peter Hopkirk · John Murray, 1990 · p. 45".
    pub details: Option<String>,
}

impl<'a> SourceRef<'a> {
    pub fn new(s: &'a Source) -> Self {
        SourceRef {
            title: &s.title,
            url: s.url.as_deref(),
            link: s.url.as_deref().and_then(safe::web_link),
            details: s.details(),
        }
    }

    /// A source given as a bare address has the address for its title.
    pub fn titled(&self) -> bool {
        self.url != Some(self.title)
    }
}

/// A picture, film or page shown with the event.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaRef<'a> {
    pub url: &'a str,
    /// The address when it may be a link (http or https only).
    pub link: Option<&'a str>,
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
    /// What the picture shows, in words.
    pub alt: Option<&'a str>,
    /// A picture of one's own, read with the timeline, or one fetched for
    /// the page (`--embed-remote`); its pixels are shared, not copied.
    pub picture: Option<crate::model::Picture>,
}

/// Words someone said, with who said them, when, and where it is printed:
/// in the language the timeline is shown in when the file has them (the
/// original for a class that reads its language), with the other version
/// of the words beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRef<'a> {
    pub text: Paragraphs<'a>,
    /// The speaker's name (an actor's, or as written).
    pub by: &'a str,
    pub date: Option<String>,
    pub lang: Option<&'a str>,
    pub source: SourceRef<'a>,
    /// When the words shown are a translation: who made it, if the file says.
    pub translation: Option<Option<&'a str>>,
    /// The same words in the quote's other version: the original under a
    /// translation, the translation under the original.
    pub other: Option<Box<QuoteVersion<'a>>>,
}

/// One version of a quote's words.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteVersion<'a> {
    pub text: Paragraphs<'a>,
    pub lang: Option<&'a str>,
    pub source: SourceRef<'a>,
    /// When these words are a translation: who made it, if the file says.
    pub translation: Option<Option<&'a str>>,
}

impl<'a> QuoteRef<'a> {
    pub fn new(tl: &'a Timeline, q: &'a Quote) -> Self {
        let (shown, other) = tl.said(q);
        QuoteRef {
            text: paragraphs(shown.text),
            by: tl.speaker(q),
            date: q.date.map(|d| d.to_string()),
            lang: shown.lang,
            source: SourceRef::new(shown.source),
            translation: shown.translation,
            other: other.map(|o| {
                Box::new(QuoteVersion {
                    text: paragraphs(o.text),
                    lang: o.lang,
                    source: SourceRef::new(o.source),
                    translation: o.translation,
                })
            }),
        }
    }

    /// "Vladimir Putin, 14 Oct 2022".
    pub fn attribution(&self) -> String {
        match &self.date {
            Some(d) => format!("{}, {d}", self.by),
            None => self.by.to_string(),
        }
    }

    /// When the words shown are a translation, says so: "Kremlin's
    /// translation from Russian", "translated from Russian", "a translation".
    pub fn translation_note(&self) -> Option<String> {
        self.translation_note_in(Words::ENGLISH)
    }

    /// [`QuoteRef::translation_note`] in `words`.
    pub fn translation_note_in(&self, words: Words) -> Option<String> {
        let who = self.translation?;
        let from = self.other.as_ref().filter(|o| o.translation.is_none()).and_then(|o| o.lang);
        Some(match (who, from) {
            (Some(who), Some(lang)) => words.fill(
                "translation_by_from",
                &[
                    ("whose", &possessive(who)),
                    ("who", who),
                    ("language", &words.language_name(lang)),
                ],
            ),
            (Some(who), None) => {
                words.fill("translation_by", &[("whose", &possessive(who)), ("who", who)])
            }
            (None, Some(lang)) => {
                words.fill("translated_from", &[("language", &words.language_name(lang))])
            }
            (None, None) => words.get("a_translation").to_string(),
        })
    }
}

impl QuoteVersion<'_> {
    /// What these words are: "Original, in Russian", "Kremlin's
    /// translation, in English".
    pub fn label(&self) -> String {
        self.label_in(Words::ENGLISH)
    }

    /// [`QuoteVersion::label`] in `words`.
    pub fn label_in(&self, words: Words) -> String {
        let what = match self.translation {
            None => words.get("original").to_string(),
            Some(Some(who)) => {
                words.fill("translation_by", &[("whose", &possessive(who)), ("who", who)])
            }
            Some(None) => words.get("translation").to_string(),
        };
        match self.lang {
            Some(lang) => words
                .fill("version_in", &[("what", &what), ("language", &words.language_name(lang))]),
            None => what,
        }
    }
}

/// "Kremlin's", "TASS'".
fn possessive(who: &str) -> String {
    if who.ends_with(['s', 'S']) { format!("{who}'") } else { format!("{who}'s") }
}

/// The English name of a language a quote may be in, or its tag.
pub fn language_name(tag: &str) -> String {
    Words::ENGLISH.language_name(tag)
}

#[derive(Debug, Clone, PartialEq)]
pub struct RelatedRef<'a> {
    pub id: &'a str,
    pub date: String,
    pub title: &'a str,
}

/// One event in full, as every view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Card<'a> {
    /// Where it lies in time, in years (see [`crate::model::moment`]): its
    /// first moment, and its last for a range (for the page's time axis).
    pub when: (f64, Option<f64>),
    pub id: &'a str,
    /// The human date: "26 Dec 1991", "9 May – 29 Jun 1865", "c. 1840", "330 BCE".
    pub date: String,
    /// The machine date (`1991-12-26`) where HTML's `<time>` can hold it.
    pub datetime: Option<String>,
    pub era: Option<&'a str>,
    pub title: &'a str,
    pub summary: Paragraphs<'a>,
    /// The languages the era's name, the title and the summary are in.
    pub era_lang: &'a str,
    pub title_lang: &'a str,
    pub summary_lang: &'a str,
    pub countries: Vec<CountryRef<'a>>,
    pub actors: Vec<ActorRef<'a>>,
    pub tags: Vec<&'a str>,
    pub sources: Vec<SourceRef<'a>>,
    pub quotes: Vec<QuoteRef<'a>>,
    /// Related events that exist in the timeline, in the order given.
    pub related: Vec<RelatedRef<'a>>,
    pub media: Option<MediaRef<'a>>,
    /// "Astana (51.18, 71.45)".
    pub location: Option<String>,
    /// Its coordinates, marked on the maps.
    pub place: Option<(f64, f64)>,
    /// ("wikidata", "Q1234").
    pub external_ids: Vec<(&'a str, &'a str)>,
    /// ("fatalities", "3"): the event's other fields, in order.
    pub attributes: Vec<(&'a str, &'a str)>,
}

fn datetime(d: &PartialDate) -> Option<String> {
    (1..=9999).contains(&d.year).then(|| d.normalized()).filter(|_| !d.approximate)
}

impl<'a> Card<'a> {
    pub fn new(tl: &'a Timeline, e: &'a Event) -> Self {
        Card {
            when: (
                crate::model::moment(e.date.earliest()),
                e.end.map(|end| crate::model::moment(end.latest()) + 1.0 / 372.0),
            ),
            id: &e.id,
            date: e.date_label(),
            datetime: datetime(&e.date),
            era: tl.era_of(e).map(|era| era.title.as_str()),
            title: &e.title,
            summary: paragraphs(&e.summary),
            era_lang: tl
                .era_of(e)
                .map_or(SOURCE_LANG, |era| lang_of(tl, Field::EraTitle(era.id.clone()))),
            title_lang: lang_of(tl, Field::EventTitle(e.id.clone())),
            summary_lang: lang_of(tl, Field::EventSummary(e.id.clone())),
            countries: e
                .countries
                .iter()
                .map(|c| CountryRef {
                    code: c,
                    name: tl.country_name(c),
                    lang: lang_of(tl, Field::CountryName(c.clone())),
                    capital: tl.country(c).and_then(|c| c.location),
                })
                .collect(),
            actors: e
                .actors
                .iter()
                .map(|p| {
                    let actor = tl.actor(&p.id);
                    ActorRef {
                        id: &p.id,
                        name: actor.map_or(p.id.as_str(), |a| a.name.as_str()),
                        kind: actor.map(|a| a.kind),
                        role: p.role.as_deref(),
                        lang: lang_of(tl, Field::ActorName(p.id.clone())),
                    }
                })
                .collect(),
            tags: e.tags.iter().map(String::as_str).collect(),
            sources: e.sources.iter().map(SourceRef::new).collect(),
            quotes: e.quotes.iter().map(|q| QuoteRef::new(tl, q)).collect(),
            related: e
                .related
                .iter()
                .filter_map(|id| tl.event_index(id).map(|i| &tl.events[i]))
                .map(|r| RelatedRef { id: &r.id, date: r.date_label(), title: &r.title })
                .collect(),
            media: e.media.as_ref().map(|m| MediaRef {
                url: &m.url,
                link: safe::web_link(&m.url).or_else(|| m.link.as_deref().and_then(safe::web_link)),
                caption: m.caption.as_deref(),
                credit: m.credit.as_deref(),
                alt: m.alt.as_deref(),
                picture: m.picture.clone(),
            }),
            location: e.location.as_ref().map(|l| l.label()),
            place: e.location.as_ref().and_then(|l| l.coordinates),
            external_ids: e.external_ids.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
            attributes: e.attributes.iter().collect(),
        }
    }
}

/// Events of one era, in order; `era` is `None` for events outside every era.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    pub era: Option<&'a Era>,
    pub cards: Vec<Card<'a>>,
}

/// A choice in a filter, with how many of the page's events it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Facet<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub count: usize,
    /// The language the label is in.
    pub lang: &'a str,
}

/// The filtered events as one document: the timeline's title and
/// description, the events grouped by era, and what they can be filtered by.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    /// The timeline it comes from: its eras and lane sets.
    pub timeline: &'a Timeline,
    pub title: &'a str,
    /// The language the texts are in, when the timeline was translated.
    pub lang: Option<&'a str>,
    pub description: Paragraphs<'a>,
    /// The filters the page was made with, in words ("country: KZ").
    pub filters: Vec<String>,
    pub sections: Vec<Section<'a>>,
    pub countries: Vec<Facet<'a>>,
    pub actors: Vec<Facet<'a>>,
    pub tags: Vec<Facet<'a>>,
}

impl<'a> Page<'a> {
    pub fn new(query: &'a Query, shown: &[usize], filters: Vec<String>) -> Self {
        let tl = query.timeline();
        let mut sections: Vec<Section> = Vec::new();
        for &i in shown {
            let e = &tl.events[i];
            let era = tl.era_of(e);
            let same = sections.last().is_some_and(|s| match (s.era, era) {
                (Some(a), Some(b)) => std::ptr::eq(a, b),
                (None, None) => true,
                _ => false,
            });
            if !same {
                sections.push(Section { era, cards: Vec::new() });
            }
            if let Some(section) = sections.last_mut() {
                section.cards.push(Card::new(tl, e));
            }
        }
        let count =
            |has: &dyn Fn(&Event) -> bool| shown.iter().filter(|&&i| has(&tl.events[i])).count();
        let keep = |f: &Facet| f.count > 0;
        Page {
            timeline: tl,
            lang: tl.language.as_deref(),
            title: tl.title.as_deref().unwrap_or("Timeline"),
            description: tl.description.as_deref().map(paragraphs).unwrap_or_default(),
            filters,
            countries: tl
                .countries
                .iter()
                .map(|c| Facet {
                    key: &c.code,
                    label: &c.name,
                    count: count(&|e| e.countries.contains(&c.code)),
                    lang: lang_of(tl, Field::CountryName(c.code.clone())),
                })
                .filter(keep)
                .collect(),
            actors: tl
                .actors
                .iter()
                .map(|a| Facet {
                    key: &a.id,
                    label: &a.name,
                    count: count(&|e| e.actors.iter().any(|p| p.id == a.id)),
                    lang: lang_of(tl, Field::ActorName(a.id.clone())),
                })
                .filter(keep)
                .collect(),
            tags: query
                .tags()
                .iter()
                .map(|t| Facet {
                    key: t,
                    label: t,
                    count: count(&|e| e.tags.contains(t)),
                    lang: SOURCE_LANG,
                })
                .filter(keep)
                .collect(),
            sections,
        }
    }

    pub fn cards(&self) -> impl Iterator<Item = &Card<'a>> {
        self.sections.iter().flat_map(|s| &s.cards)
    }

    pub fn len(&self) -> usize {
        self.sections.iter().map(|s| s.cards.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One step of a lesson: the event, the teacher's note, the class question,
/// and the quote when the step is one of the event's quotes.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    /// The step's number in the tour, from 1 (steps whose event is missing
    /// keep their number, so this can differ from the position).
    pub number: usize,
    pub card: Card<'a>,
    pub note: Option<Paragraphs<'a>>,
    pub question: Option<Paragraphs<'a>>,
    pub quote: Option<QuoteRef<'a>>,
    /// The languages the note and the question are in.
    pub note_lang: &'a str,
    pub question_lang: &'a str,
}

impl<'a> Step<'a> {
    /// Step `n` (from 0) of `tour`; `None` if it or its event is missing.
    pub fn new(tl: &'a Timeline, tour: &'a Tour, n: usize, notes: bool) -> Option<Self> {
        let s = tour.steps.get(n)?;
        let e = &tl.events[tl.event_index(s.event)?];
        let mut card = Card::new(tl, e);
        // The step's own quote is shown as the step; the card keeps the others.
        if let Some(q) = s.quote().filter(|&q| q < card.quotes.len()) {
            card.quotes.remove(q);
        }
        Some(Step {
            number: n + 1,
            card,
            note: s.note().filter(|_| notes).map(paragraphs),
            question: Step::question_of(tour, n),
            quote: s.quote().and_then(|q| e.quotes.get(q)).map(|q| QuoteRef::new(tl, q)),
            note_lang: lang_of(tl, Field::StepNote(tour.id.clone(), n)),
            question_lang: lang_of(tl, Field::StepQuestion(tour.id.clone(), n)),
        })
    }
}

impl Step<'_> {
    /// Whether step `n` (from 0) of `tour` is shown: its event is in the timeline.
    pub fn shown(tl: &Timeline, tour: &Tour, n: usize) -> bool {
        tour.steps.get(n).is_some_and(|s| tl.event_index(s.event).is_some())
    }

    /// The class question of step `n` of `tour`, without making its card.
    pub fn question_of(tour: &Tour, n: usize) -> Option<Paragraphs<'_>> {
        let s = tour.steps.get(n)?;
        s.question().map(paragraphs).filter(|q| !q.is_empty())
    }
}

/// A tour as a lesson: its steps in order, the notes left out for students.
#[derive(Debug, Clone)]
pub struct Lesson<'a> {
    /// The timeline it comes from, for the axis of its steps.
    pub timeline: &'a Timeline,
    pub id: &'a str,
    /// The language the texts are in, when the timeline was translated.
    pub lang: Option<&'a str>,
    pub title: &'a str,
    /// The title of the timeline the lesson comes from.
    pub source: Option<&'a str>,
    pub description: Paragraphs<'a>,
    /// The tour's note for the teacher, in the teacher's copy only.
    pub teacher_note: Option<Paragraphs<'a>>,
    pub steps: Vec<Step<'a>>,
    /// The languages the title, the description and the note are in.
    pub title_lang: &'a str,
    pub description_lang: &'a str,
    pub note_lang: &'a str,
}

impl<'a> Lesson<'a> {
    /// Steps whose event is missing are left out (the loader reports them).
    pub fn new(tl: &'a Timeline, tour: &'a Tour, notes: bool) -> Self {
        let steps = (0..tour.steps.len()).filter_map(|n| Step::new(tl, tour, n, notes)).collect();
        Lesson { steps, ..Lesson::head(tl, tour, notes) }
    }

    /// The lesson without its steps, for a writer that makes each with
    /// [`Step::new`] as it writes it: a tour of a million steps is never
    /// held as cards.
    pub fn head(tl: &'a Timeline, tour: &'a Tour, notes: bool) -> Self {
        Lesson {
            timeline: tl,
            lang: tl.language.as_deref(),
            id: &tour.id,
            title: &tour.title,
            source: tl.title.as_deref(),
            description: tour.description.as_deref().map(paragraphs).unwrap_or_default(),
            teacher_note: tour.teacher_note.as_deref().filter(|_| notes).map(paragraphs),
            steps: Vec::new(),
            title_lang: lang_of(tl, Field::TourTitle(tour.id.clone())),
            description_lang: lang_of(tl, Field::TourDescription(tour.id.clone())),
            note_lang: lang_of(tl, Field::TourTeacherNote(tour.id.clone())),
        }
    }

    /// Every question, in step order.
    pub fn questions(&self) -> impl Iterator<Item = &Paragraphs<'a>> + '_ {
        self.steps.iter().filter_map(|s| s.question.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn bundled() -> Query {
        Query::new(load::load_bundled().timeline)
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_keep_lines() {
        assert_eq!(paragraphs("a\nb\n\n\n  c  \n"), vec![vec!["a", "b"], vec!["c"]]);
        assert!(paragraphs(" \n").is_empty());
    }

    #[test]
    fn a_translation_is_marked_with_who_made_it_and_from_what() {
        let q = bundled();
        let tl = q.timeline();
        let e = &tl.events[tl.event_index("russia-central-asia-summit-1").expect("event")];
        let quote = QuoteRef::new(tl, &e.quotes[0]);
        assert_eq!(quote.lang, Some("en"));
        assert_eq!(quote.translation_note().as_deref(), Some("Kremlin's translation from Russian"));
        let original = quote.other.as_deref().expect("the words as said");
        assert_eq!(
            (original.lang, original.label().as_str()),
            (Some("ru"), "Original, in Russian")
        );
        assert_eq!(possessive("TASS"), "TASS'");
        assert_eq!(language_name("kk-KZ"), "Kazakh");
        assert_eq!(language_name("xx"), "xx");
        let mut ru = q.timeline().clone();
        ru.translate("ru");
        let e = &ru.events[ru.event_index("russia-central-asia-summit-1").expect("event")];
        let quote = QuoteRef::new(&ru, &e.quotes[0]);
        assert_eq!((quote.lang, quote.translation_note()), (Some("ru"), None));
        let english = quote.other.as_deref().expect("the translation");
        assert_eq!(english.label(), "Kremlin's translation, in English");
    }

    #[test]
    fn a_card_holds_what_the_explorer_shows() {
        let q = bundled();
        let tl = q.timeline();
        let e = &tl.events[tl.event_index("xi-astana-silk-road-economic-belt").expect("event")];
        let card = Card::new(tl, e);
        assert_eq!(card.date, "7 Sep 2013");
        assert_eq!(card.datetime.as_deref(), Some("2013-09-07"));
        assert_eq!(card.era, Some("Belt and Road and multi-vector diplomacy"));
        assert_eq!(
            card.countries[1],
            CountryRef {
                code: "KZ",
                name: "Kazakhstan",
                lang: "en",
                capital: Some((51.18, 71.45))
            }
        );
        assert_eq!(card.actors[1].label(), "Nursultan Nazarbayev (host)");
        assert_eq!(card.actors[1].kind, Some(ActorKind::Person));
        assert!(card.sources.iter().all(|s| s.link.is_some() && s.link == s.url));
        assert_eq!(card.summary.len(), 1);
    }

    #[test]
    fn a_page_groups_by_era_and_counts_its_own_events() {
        let q = bundled();
        let shown =
            q.matches(&crate::query::Filter { countries: vec!["KZ".into()], ..Default::default() });
        let page = Page::new(&q, &shown, vec!["country: KZ".into()]);
        assert_eq!(page.len(), shown.len());
        let kz = page.countries.iter().find(|f| f.key == "KZ").expect("KZ");
        assert_eq!(kz.count, shown.len());
        assert!(page.sections.windows(2).all(|w| match (w[0].era, w[1].era) {
            (Some(a), Some(b)) => !std::ptr::eq(a, b),
            _ => true,
        }));
        assert!(page.countries.iter().all(|f| f.count > 0));
    }

    #[test]
    fn a_lesson_for_students_has_no_notes() {
        let q = bundled();
        let tl = q.timeline();
        let tour = tl.tour("new-great-game").expect("tour");
        let teacher = Lesson::new(tl, tour, true);
        let students = Lesson::new(tl, tour, false);
        assert_eq!(teacher.steps.len(), tour.steps.len());
        assert!(teacher.steps.iter().all(|s| s.note.is_some()));
        assert!(students.steps.iter().all(|s| s.note.is_none()));
        assert!(teacher.teacher_note.is_some() && students.teacher_note.is_none());
        assert_eq!(students.questions().count(), tour.steps.len());
    }
}
