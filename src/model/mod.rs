//! The timeline as plain data: no YAML, no terminal, no I/O.

mod date;

pub use date::{DateError, PartialDate};

impl PartialDate {
    /// Advice for a date written another way; see [`date::suggest`].
    pub fn suggest(text: &str) -> Option<String> {
        date::suggest(text)
    }
}

/// Where a definition came from: an index into [`Timeline::files`] and a 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: usize,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub capital: Option<String>,
    /// Latitude and longitude of the capital.
    pub location: Option<(f64, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub country: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Era {
    pub id: String,
    pub title: String,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

/// An actor taking part in an event, with the part they played there.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub id: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone)]
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
    pub origin: Origin,
}

impl Event {
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
    }

    /// "26 Dec 1991" or "9 May – 29 Jun 1865".
    pub fn date_label(&self) -> String {
        PartialDate::range_label(&self.date, self.end.as_ref())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TourStep {
    pub event: String,
    pub note: Option<String>,
    pub question: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tour {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub steps: Vec<TourStep>,
}

/// Every loaded file merged into one timeline. Events are sorted by start date,
/// equal starts in the order they were read.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub title: Option<String>,
    pub description: Option<String>,
    pub countries: Vec<Country>,
    pub actors: Vec<Actor>,
    pub eras: Vec<Era>,
    pub events: Vec<Event>,
    pub tours: Vec<Tour>,
    /// The names of the files the timeline was read from, as given.
    pub files: Vec<String>,
}

impl Timeline {
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// A country's name, or its code if it has none here.
    pub fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.country(code).map_or(code, |c| c.name.as_str())
    }

    /// "Xi Jinping (host)": an event's participant by name, with their part in it.
    pub fn participant_label(&self, p: &Participant) -> String {
        let name = self.actor(&p.id).map_or(p.id.as_str(), |a| a.name.as_str());
        match &p.role {
            Some(role) => format!("{name} ({role})"),
            None => name.to_string(),
        }
    }

    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id == id)
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
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
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
