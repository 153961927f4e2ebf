//! The timeline as plain data: no YAML, no terminal, no I/O.

use serde::{Deserialize, Serialize};
pub mod cells;
mod date;
mod facts;
pub mod file;
mod ids;
mod lang;
mod tour;

pub use date::{Canonical, DateError, PartialDate, Range};
pub use facts::{Facts, attribute_names};
pub use ids::IdMaps;
pub use lang::{Field, Translations, language_code};
pub use tour::{Full, Steps, StepsBuilder, Tour, TourStep};

impl PartialDate {
    /// Advice for a date written another way; see [`date::suggest`].
    pub fn suggest(text: &str) -> Option<String> {
        date::suggest(text)
    }
}

/// A date as a moment in years: 1991-12-26 → about 1991.98. Months and
/// days are spread evenly (31 days a month): close enough to draw.
pub fn moment((year, month, day): (i32, u8, u8)) -> f64 {
    f64::from(year) + (f64::from(month.max(1)) - 1.0) / 12.0 + (f64::from(day.max(1)) - 1.0) / 372.0
}

/// Where a definition came from: an index into [`Timeline::files`] and a 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Origin {
    pub file: usize,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Country {
    pub code: String,
    pub name: String,
    /// Other names it is searched by: `Türkiye`, `Kazakh SSR`.
    pub aliases: Vec<String>,
    pub capital: Option<String>,
    /// Latitude and longitude of the capital.
    pub location: Option<(f64, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActorKind {
    Person,
    Organisation,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// Other names or spellings they are searched by.
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    pub country: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Era {
    pub id: String,
    pub title: String,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

/// An actor taking part in an event, with the part they played there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    pub role: Option<String>,
}

/// Where a fact comes from: a web page, or a book or archive without an
/// address. The title is the address when none was given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    /// As written: `1990`, `1873–1875`.
    pub year: Option<String>,
    /// As written: `45`, `45–47`, `folio 12`.
    pub page: Option<String>,
}

impl Source {
    /// A source known only by its web address.
    pub fn web(url: &str) -> Self {
        Source { title: url.to_string(), url: Some(url.to_string()), ..Source::default() }
    }

    /// False for a bare address, whose title is the address itself.
    pub fn titled(&self) -> bool {
        self.url.as_deref() != Some(self.title.as_str())
    }

    /// What identifies a book beyond its title: "Peter Hopkirk · John
    /// Murray, 1990 · p. 45"; `None` for a web page with only a title.
    pub fn details(&self) -> Option<String> {
        let published = match (&self.publisher, &self.year) {
            (Some(p), Some(y)) => Some(format!("{p}, {y}")),
            (p, y) => p.clone().or_else(|| y.clone()),
        };
        let page = self.page.as_ref().map(|p| {
            if !p.starts_with(|c: char| c.is_ascii_digit()) {
                p.clone()
            } else if p.contains(['-', '–', ',']) {
                format!("pp. {p}")
            } else {
                format!("p. {p}")
            }
        });
        let parts: Vec<String> =
            [self.author.clone(), published, page].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// A picture, film or page shown with an event: a web address, or a
/// picture of one's own (a file beside the timeline, `url` as written).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Media {
    pub url: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// A small picture for lists, where the media has one.
    pub thumbnail: Option<String>,
    /// What the picture shows, for those who cannot see it.
    pub alt: Option<String>,
    /// Where the media links to (TimelineJS's `link`).
    pub link: Option<String>,
    /// A picture of one's own, read when the timeline was loaded (never
    /// cached with the file's text: the picture is a file of its own).
    #[serde(skip)]
    pub picture: Option<Picture>,
}

/// The kinds of picture steppe reads, by the file's ending.
pub const PICTURE_KINDS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp"];

/// A media address that is a path to a picture file rather than a web address: no scheme, and one
/// of the endings in [`PICTURE_KINDS`].
pub fn is_picture_path(url: &str) -> bool {
    // No scheme, and nothing that could read as markup where a page embeds it.
    if url.contains("://")
        || url.starts_with("data:")
        || url.contains(char::is_control)
        || url.contains(['<', '>', '"'])
    {
        return false;
    }
    let ending = url.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ending.is_some_and(|e| PICTURE_KINDS.contains(&e.as_str()))
}

/// A picture read from a file: its pixels (RGBA, at most [`Picture::MOST`]
/// on a side, made smaller when read), shared, not copied, with the timeline.
#[derive(Clone, PartialEq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgba: std::sync::Arc<Vec<u8>>,
}

impl Picture {
    /// The most pixels a side keeps: more than a projector or a page shows.
    pub const MOST: u32 = 1280;
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Picture({}×{})", self.width, self.height)
    }
}

/// Where an event happened: a place name, coordinates, or both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Location {
    pub name: Option<String>,
    /// Latitude and longitude in degrees.
    pub coordinates: Option<(f64, f64)>,
}

impl Location {
    /// "Astana (51.18, 71.45)".
    pub fn label(&self) -> String {
        let coords = self.coordinates.map(|(lat, lon)| format!("{lat}, {lon}"));
        match (&self.name, coords) {
            (Some(n), Some(c)) => format!("{n} ({c})"),
            (Some(n), None) => n.clone(),
            (None, Some(c)) => c,
            (None, None) => String::new(),
        }
    }
}

/// Words someone said, as a source prints them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    /// Who said it: an actor's id, or a name.
    pub by: String,
    pub date: Option<PartialDate>,
    /// The language the words are in, such as `ru` (a BCP 47 tag).
    pub lang: Option<String>,
    pub source: Source,
    /// Who translated `text`, when it is a translation ("Kremlin").
    pub translated_by: Option<String>,
    /// The words as they were said, when `text` is a translation of them.
    // Boxed: few quotes have one.
    pub original: Option<Box<Original>>,
}

/// A quote's words as they were said, in the language they were said in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Original {
    pub text: String,
    /// The language of the words, such as `ru`.
    pub lang: String,
    /// Where these words are printed, when not in the quote's own source.
    pub source: Option<Source>,
}

/// The words of a quote as a reader of one language is shown them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Said<'a> {
    pub text: &'a str,
    pub lang: Option<&'a str>,
    pub source: &'a Source,
    /// `None` for the words as said; `Some(who)` for a translation, `who`
    /// being who made it when the file says.
    pub translation: Option<Option<&'a str>>,
}

impl Quote {
    /// A translation: `text` is not the words as said.
    pub fn is_translation(&self) -> bool {
        self.translated_by.is_some() || self.original.is_some()
    }

    /// The words for a reader of `lang` (a tag such as `ru`, `None` for the
    /// file's own language), and the same words in the other version if the
    /// quote has one: the original for a class that reads its language, the
    /// translation (`text`) otherwise.
    pub fn said_for(&self, lang: Option<&str>) -> (Said<'_>, Option<Said<'_>>) {
        let as_written = Said {
            text: &self.text,
            lang: self.lang.as_deref(),
            source: &self.source,
            translation: self.is_translation().then_some(self.translated_by.as_deref()),
        };
        let Some(o) = self.original.as_deref() else { return (as_written, None) };
        let original = Said {
            text: &o.text,
            lang: Some(&o.lang),
            source: o.source.as_ref().unwrap_or(&self.source),
            translation: None,
        };
        let primary =
            |tag: &str| tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        if lang.is_some_and(|l| primary(l) == primary(&o.lang)) {
            (original, Some(as_written))
        } else {
            (as_written, Some(original))
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub title: String,
    pub summary: String,
    pub countries: Vec<String>,
    pub actors: Vec<Participant>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    pub related: Vec<String>,
    // Boxed: few events have them, and a million events each pay the size of
    // the field whether set or not.
    pub media: Option<Box<Media>>,
    pub location: Option<Box<Location>>,
    /// Identifiers in other databases, as written: (`wikidata`, `Q1234`).
    pub external_ids: Vec<(String, String)>,
    pub quotes: Vec<Quote>,
    /// Other fields a source has (a CSV's columns steppe has no place for).
    pub attributes: Attributes,
    pub origin: Origin,
}

/// An event's other fields, by name in the order read, each value text as
/// written (a comparison may read it as a number or a date). Two words
/// wide, a third of a `Vec`: most events have none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributes(Option<Box<[(String, String)]>>);

impl Attributes {
    /// From (name, value) pairs; an empty value is no attribute, and a name
    /// given twice keeps its first value.
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Attributes {
        let mut out: Vec<(String, String)> = Vec::new();
        // Names seen, by hash: a CSV may have thousands of columns.
        let mut seen: hashbrown::HashSet<String> = hashbrown::HashSet::new();
        for (name, value) in pairs {
            if !value.is_empty() && seen.insert(name.clone()) {
                out.push((name, value));
            }
        }
        Attributes((!out.is_empty()).then(|| out.into_boxed_slice()))
    }

    /// The value of the attribute called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().flat_map(|v| v.iter()).map(|(n, v)| (n.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |v| v.len())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl Event {
    /// An event with only an id, a date and a title: the rest empty, for the
    /// readers and tests to fill in with `Event { countries, ..Event::new(…) }`.
    pub fn new(id: impl Into<String>, date: PartialDate, title: impl Into<String>) -> Event {
        Event {
            id: id.into(),
            date,
            end: None,
            title: title.into(),
            summary: String::new(),
            countries: Vec::new(),
            actors: Vec::new(),
            tags: Vec::new(),
            sources: Vec::new(),
            related: Vec::new(),
            media: None,
            location: None,
            external_ids: Vec::new(),
            quotes: Vec::new(),
            attributes: Attributes::default(),
            origin: Origin::default(),
        }
    }

    /// Same content, wherever it was defined.
    pub fn same_definition(&self, other: &Event) -> bool {
        self.id == other.id
            && self.date == other.date
            && self.end == other.end
            && self.title == other.title
            && self.summary == other.summary
            && self.countries == other.countries
            && self.actors == other.actors
            && self.tags == other.tags
            && self.sources == other.sources
            && self.related == other.related
            && self.media == other.media
            && self.location == other.location
            && self.external_ids == other.external_ids
            && self.quotes == other.quotes
            && self.attributes == other.attributes
    }

    /// "26 Dec 1991" or "9 May – 29 Jun 1865".
    pub fn date_label(&self) -> String {
        let mut label = String::with_capacity(16);
        self.dates().push_to(&mut label);
        label
    }

    /// The label of [`Event::date_label`], to be written where it goes.
    pub fn dates(&self) -> Range<'_> {
        Range { start: &self.date, end: self.end.as_ref() }
    }
}

/// What a lane gathers: the events that name a country, an actor or a tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Member {
    Country(String),
    Actor(String),
    Tag(String),
}

impl Member {
    /// `country`, `actor` or `tag`: the facet, as a filter names it.
    pub fn facet(&self) -> &'static str {
        match self {
            Member::Country(_) => "country",
            Member::Actor(_) => "actor",
            Member::Tag(_) => "tag",
        }
    }

    /// The code, id or tag.
    pub fn key(&self) -> &str {
        match self {
            Member::Country(k) | Member::Actor(k) | Member::Tag(k) => k,
        }
    }

    /// `country:RU`: how a file or a `--split` spells it without doubt.
    pub fn spelled(&self) -> String {
        format!("{}:{}", self.facet(), self.key())
    }
}

/// One lane of a lane set: the events naming any of its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    /// Its label; `None`: its members' names ("Russia", "United States + EU").
    pub title: Option<String>,
    pub members: Vec<Member>,
}

/// Lanes a timeline names for the time axis and the statistics: "The powers".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaneSet {
    pub id: String,
    pub title: String,
    pub lanes: Vec<Lane>,
}

impl Timeline {
    /// What a member is called here: the country's or actor's name, or the tag.
    pub fn member_name<'a>(&'a self, m: &'a Member) -> &'a str {
        match m {
            Member::Country(c) => self.country_name(c),
            Member::Actor(a) => self.actor(a).map_or(a.as_str(), |a| a.name.as_str()),
            Member::Tag(t) => t,
        }
    }

    /// A lane's label: its title, else its members' names joined by ` + `.
    pub fn lane_label(&self, lane: &Lane) -> String {
        match &lane.title {
            Some(t) => t.clone(),
            None => {
                lane.members.iter().map(|m| self.member_name(m)).collect::<Vec<_>>().join(" + ")
            }
        }
    }

    pub fn lane_set(&self, id: &str) -> Option<&LaneSet> {
        self.lanes.iter().find(|l| l.id == id)
    }
}

/// Every loaded file merged into one timeline. Events are sorted by start date,
/// equal starts in the order they were read.
///
/// Serialized only by the cache of whole loads, which writes the events on
/// their own so that they are read back on every core.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Timeline {
    pub title: Option<String>,
    pub description: Option<String>,
    pub countries: Vec<Country>,
    pub actors: Vec<Actor>,
    pub eras: Vec<Era>,
    #[serde(skip)]
    pub events: Vec<Event>,
    pub tours: Vec<Tour>,
    /// Lane sets for the time axis and the statistics.
    pub lanes: Vec<LaneSet>,
    /// The names of the files the timeline was read from, as given.
    pub files: Vec<String>,
    /// Names and texts in other languages; see [`Timeline::translate`].
    pub translations: Translations,
    /// The language the timeline is shown in, once translated.
    pub language: Option<String>,
    /// Events, countries and actors by id, for lookups in constant time.
    #[serde(skip)]
    pub ids: IdMaps,
}

impl Timeline {
    /// A country's name, or its code if it has none here.
    pub fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.country(code).map_or(code, |c| c.name.as_str())
    }

    /// Who said a quote: the actor's name if `by` is an actor's id, else `by` itself.
    pub fn speaker<'a>(&'a self, quote: &'a Quote) -> &'a str {
        self.actor(&quote.by).map_or(quote.by.as_str(), |a| a.name.as_str())
    }

    /// A quote's words in the language the timeline is shown in, when the
    /// file has them, and the other version; see [`Quote::said_for`].
    pub fn said<'a>(&self, quote: &'a Quote) -> (Said<'a>, Option<Said<'a>>) {
        quote.said_for(self.language.as_deref())
    }

    /// "Xi Jinping (host)": an event's participant by name, with their part in it.
    pub fn participant_label(&self, p: &Participant) -> String {
        let name = self.actor(&p.id).map_or(p.id.as_str(), |a| a.name.as_str());
        match &p.role {
            Some(role) => format!("{name} ({role})"),
            None => name.to_string(),
        }
    }

    pub fn tour(&self, id: &str) -> Option<&Tour> {
        self.tours.iter().find(|t| t.id == id)
    }

    /// The era an event falls in: the latest-starting era that covers its start.
    pub fn era_of(&self, event: &Event) -> Option<&Era> {
        self.eras
            .iter()
            .filter(|era| {
                era.start.earliest() <= event.date.earliest()
                    && era.end.is_none_or(|end| event.date.earliest() <= end.latest())
            })
            .max_by_key(|era| era.start)
    }

    /// "52 events, 12 countries, 24 actors, 4 eras, 1 tour in 1 file".
    pub fn summary_line(&self) -> String {
        let n = crate::text::count;
        format!(
            "{}, {}, {}, {}, {} in {}",
            n(self.events.len(), "event", "events"),
            n(self.countries.len(), "country", "countries"),
            n(self.actors.len(), "actor", "actors"),
            n(self.eras.len(), "era", "eras"),
            n(self.tours.len(), "tour", "tours"),
            n(self.files.len(), "file", "files"),
        )
    }
}
