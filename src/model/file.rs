//! A timeline file as serde types: what `export --format yaml` writes, and
//! what the published JSON Schema (docs/steppe.schema.json) is generated
//! from. The reader is `load::schema`; tests hold the three to the same keys.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Event, Field, Member, Quote, Source, Steps, Timeline, Tour};

/// The key under which steppe's own fields ride in a TimelineJS file.
pub const STEPPE_KEY: &str = "steppe";

/// A steppe timeline file: countries, actors, eras, events and guided tours.
/// Every key is optional.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "steppe timeline")]
pub struct FileDoc {
    /// The title of the timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the timeline covers (several lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<EraDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tours: Vec<TourDoc>,
    /// Named sets of lanes for the time axis and the statistics, such as
    /// "The powers": one lane per member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<LaneSetDoc>,
}

/// A set of lanes: each member is a lane of the events that name it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LaneSetDoc {
    #[schemars(schema_with = "id_schema")]
    pub id: String,
    pub title: String,
    /// The lanes, in order: `RU`, `US + EU + GB`, or a mapping with a title.
    pub members: Vec<LaneDoc>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, EraTextsDoc>,
}

/// One lane: a member, or several joined by ` + `, each a country's code, an
/// actor's id or a tag (the first that has the name), or spelt `country:RU`,
/// `actor:putin`, `tag:summit`; or a mapping with its own title.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum LaneDoc {
    Members(String),
    Titled(TitledLaneDoc),
}

/// A lane with a title of its own: "The West" for US, EU and GB.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitledLaneDoc {
    pub title: String,
    pub members: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, EraTextsDoc>,
}

/// A country that events and actors refer to by its code.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountryDoc {
    /// Two capital letters (ISO 3166-1 alpha-2), such as KZ; SU and EU work too.
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub code: String,
    pub name: String,
    /// Other names the country is searched by, such as `Türkiye` or `Kazakh SSR`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<String>,
    /// Where the capital is: [latitude, longitude] in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<(f64, f64)>,
    /// The name in other languages: `ru: Казахстан`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub enum KindDoc {
    #[serde(rename = "person")]
    Person,
    #[serde(rename = "organisation", alias = "organization")]
    Organisation,
}

/// A person or organisation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorDoc {
    #[schemars(schema_with = "id_schema")]
    pub id: String,
    pub name: String,
    /// Other names or spellings the actor is searched by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// `person` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "kind_schema")]
    pub kind: Option<KindDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The name in other languages: `ru: Казахстан`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
}

/// A named period.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EraDoc {
    #[schemars(schema_with = "id_schema")]
    pub id: String,
    pub title: String,
    pub start: DateText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateText>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, EraTextsDoc>,
}

/// What happened, and when.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventDoc {
    #[schemars(schema_with = "id_schema")]
    pub id: String,
    pub date: DateText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateText>,
    pub title: String,
    /// What happened, in a few sentences (several lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Country codes declared under `countries`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ParticipantDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDoc>,
    /// Ids of other events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationDoc>,
    /// Identifiers in other databases, such as `wikidata: Q1234`.
    #[serde(default, skip_serializing_if = "ExternalIds::is_empty")]
    pub external_ids: ExternalIds,
    /// What people said, word for word, with the source that prints it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteDoc>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, EventTextsDoc>,
    /// Other fields, such as a CSV's columns steppe has no place for:
    /// `fatalities: 3`, kept as text in the order written.
    #[serde(default, skip_serializing_if = "AttributesDoc::is_empty")]
    pub attributes: AttributesDoc,
}

/// `name: value` pairs, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttributesDoc(pub Vec<(String, String)>);

impl AttributesDoc {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for AttributesDoc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl JsonSchema for AttributesDoc {
    fn schema_name() -> Cow<'static, str> {
        "Attributes".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {"type": ["string", "number", "boolean", "null"]}
        })
    }
}

/// An actor of an event: a bare id, or an id with the part they played.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ParticipantDoc {
    Id(String),
    WithRole {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
    },
}

/// A bare web address, or a web page or book with a title.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum SourceDoc {
    Url(#[schemars(schema_with = "url_schema")] String),
    Cited(CitedDoc),
}

/// A web page (with `url`), or a book or archive (with `title`, and
/// `author`, `publisher`, `year`, `page` where known).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{"required": ["title"]}, {"required": ["url"]}]))]
pub struct CitedDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^https?://\S+$"))]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "loose_schema")]
    pub year: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "loose_schema")]
    pub page: Option<String>,
}

/// A picture, film or page shown with the event.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaDoc {
    /// A web address, or a picture of one's own: a PNG, JPEG, GIF or WebP file,
    /// its path relative to the timeline file.
    #[schemars(regex(
        pattern = r"^(https?://\S+|[^:]+\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Gg][Ii][Ff]|[Ww][Ee][Bb][Pp]))$"
    ))]
    pub url: String,
    /// What the picture shows, in words; required for a picture of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^https?://\S+$"))]
    pub thumbnail: Option<String>,
    /// Where the media links to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^https?://\S+$"))]
    pub link: Option<String>,
}

/// Where the event happened: a place name, coordinates, or both.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{"required": ["name"]}, {"required": ["lat", "lon"]}]))]
pub struct LocationDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -90.0, max = 90.0))]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -180.0, max = 180.0))]
    pub lon: Option<f64>,
}

/// A guided walk through chosen events.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TourDoc {
    #[schemars(schema_with = "id_schema")]
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// For the teacher alone: printed in the lesson plan and shown in the
    /// presenter's view, left out of the students' copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teacher_note: Option<String>,
    #[schemars(with = "Vec<StepDoc>", length(min = 1))]
    pub steps: StepDocs,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, TourTextsDoc>,
}

/// A tour's steps as [`StepDoc`]s, each made as it is written: a tour may
/// have a million steps, and a `StepDoc` is a hundred bytes. Only the
/// steps' translations are gathered before, for the steps that have some.
#[derive(Debug, Clone, Default)]
pub struct StepDocs {
    steps: Steps,
    /// By step, ascending.
    translations: Vec<(usize, BTreeMap<String, StepTextsDoc>)>,
}

impl StepDocs {
    fn new(tl: &Timeline, tour: &Tour) -> StepDocs {
        let languages = tl.translations.languages();
        let mut translations = Vec::new();
        if !languages.is_empty() {
            for n in 0..tour.steps.len() {
                let mut texts: BTreeMap<String, StepTextsDoc> = BTreeMap::new();
                for &lang in &languages {
                    let tr = &tl.translations;
                    let note = tr.get(lang, &Field::StepNote(tour.id.clone(), n));
                    let question = tr.get(lang, &Field::StepQuestion(tour.id.clone(), n));
                    if note.is_some() || question.is_some() {
                        texts.insert(
                            lang.to_string(),
                            StepTextsDoc {
                                note: note.map(str::to_string),
                                question: question.map(str::to_string),
                            },
                        );
                    }
                }
                if !texts.is_empty() {
                    translations.push((n, texts));
                }
            }
        }
        StepDocs { steps: tour.steps.clone(), translations }
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = StepDoc> + '_ {
        let mut translations = self.translations.as_slice();
        self.steps.iter().enumerate().map(move |(n, s)| StepDoc {
            event: s.event.to_string(),
            note: s.note().map(str::to_string),
            question: s.question().map(str::to_string),
            quote: s.quote().map(|q| q + 1),
            translations: match translations.split_first() {
                Some(((at, texts), rest)) if *at == n => {
                    translations = rest;
                    texts.clone()
                }
                _ => BTreeMap::new(),
            },
        })
    }
}

impl Serialize for StepDocs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepDoc {
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Show the event's quote with this number (from 1) as the step's slide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub quote: Option<usize>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, StepTextsDoc>,
}

/// Words someone said, as a source prints them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuoteDoc {
    /// The words, exactly as the source prints them (several lines).
    pub text: String,
    /// Who said them: an actor's id, or a name.
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    /// The language of the words, such as `en` or `ru`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Who translated the words, when `text` is a translation: `Kremlin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_by: Option<String>,
    /// Where the words are printed.
    pub source: SourceDoc,
    /// The words as they were said, when `text` is a translation of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<OriginalDoc>,
}

/// A quote's words as they were said, in their own language.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OriginalDoc {
    /// The words, exactly as the source prints them (several lines).
    pub text: String,
    /// The language they were said in, such as `ru`.
    pub lang: String,
    /// Where these words are printed, when not in the quote's own source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceDoc>,
}

/// An event's title and summary in another language.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventTextsDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// An era's title in another language.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EraTextsDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A tour's title, description and note for the teacher in another language.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TourTextsDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teacher_note: Option<String>,
}

/// A step's note and question in another language.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepTextsDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// For each language, the translation of `field`, if there is one.
fn by_lang(tl: &Timeline, field: Field) -> BTreeMap<String, String> {
    tl.translations
        .languages()
        .into_iter()
        .filter_map(|l| Some((l.to_string(), tl.translations.get(l, &field)?.to_string())))
        .collect()
}

/// A translated field and where its text goes in a block's translation.
type Setter<T> = (Field, fn(&mut T, String));

/// Several fields' translations gathered by language into `T`.
fn texts<T: Default>(tl: &Timeline, fields: Vec<Setter<T>>) -> BTreeMap<String, T> {
    let mut out: BTreeMap<String, T> = BTreeMap::new();
    for (field, set) in fields {
        for (lang, text) in by_lang(tl, field) {
            set(out.entry(lang).or_default(), text);
        }
    }
    out
}

/// A date as steppe writes it: `1991`, `1991-12`, `1991-12-26`, `-0329`, `1865~`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct DateText(pub String);

impl JsonSchema for DateText {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A year (1991), a month (1991-12) or a day (1991-12-26); a trailing ~ marks it approximate, a leading - a year BCE in astronomical numbering (-0329 is 330 BCE).",
            "anyOf": [
                {"type": "integer", "minimum": -9999, "maximum": 9999},
                {"type": "string", "pattern": "^-?[0-9]{1,4}(-[0-9]{2}(-[0-9]{2})?)?~?$"}
            ]
        })
    }
}

/// `name: identifier` pairs, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExternalIds(pub Vec<(String, String)>);

impl ExternalIds {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for ExternalIds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl JsonSchema for ExternalIds {
    fn schema_name() -> Cow<'static, str> {
        "ExternalIds".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {"type": ["string", "number"]}
        })
    }
}

const ID_PATTERN: &str = r"^[\p{L}\p{N}_.-]+$";

fn id_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "pattern": ID_PATTERN})
}

fn url_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "pattern": r"^https?://\S+$"})
}

fn kind_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"enum": ["person", "organisation", "organization", null]})
}

/// Text that YAML may read as a number (`year: 1990`).
fn loose_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["string", "number", "null"]})
}

/// The JSON Schema of a timeline file, as published in docs/steppe.schema.json.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(FileDoc);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

impl From<&Source> for SourceDoc {
    fn from(s: &Source) -> Self {
        let bare = s.url.is_some()
            && !s.titled()
            && s.author.is_none()
            && s.publisher.is_none()
            && s.year.is_none()
            && s.page.is_none();
        match &s.url {
            Some(url) if bare => SourceDoc::Url(url.clone()),
            _ => SourceDoc::Cited(CitedDoc {
                title: s.titled().then(|| s.title.clone()),
                url: s.url.clone(),
                author: s.author.clone(),
                publisher: s.publisher.clone(),
                year: s.year.clone(),
                page: s.page.clone(),
            }),
        }
    }
}

impl EventDoc {
    /// The event as written, with its quotes and its translations.
    pub fn new(tl: &Timeline, e: &Event) -> Self {
        let mut doc = EventDoc::from(e);
        doc.quotes = e
            .quotes
            .iter()
            .map(|q: &Quote| QuoteDoc {
                text: q.text.clone(),
                by: q.by.clone(),
                date: q.date.map(|d| DateText(d.normalized())),
                lang: q.lang.clone(),
                translated_by: q.translated_by.clone(),
                source: SourceDoc::from(&q.source),
                original: q.original.as_deref().map(|o| OriginalDoc {
                    text: o.text.clone(),
                    lang: o.lang.clone(),
                    source: o.source.as_ref().map(SourceDoc::from),
                }),
            })
            .collect();
        doc.translations = texts(
            tl,
            vec![
                (Field::EventTitle(e.id.clone()), |t: &mut EventTextsDoc, s| t.title = Some(s)),
                (Field::EventSummary(e.id.clone()), |t: &mut EventTextsDoc, s| t.summary = Some(s)),
            ],
        );
        doc
    }
}

impl From<&Event> for EventDoc {
    fn from(e: &Event) -> Self {
        EventDoc {
            id: e.id.clone(),
            date: DateText(e.date.normalized()),
            end: e.end.map(|d| DateText(d.normalized())),
            title: e.title.clone(),
            summary: Some(e.summary.clone()).filter(|s| !s.is_empty()),
            countries: e.countries.clone(),
            actors: e
                .actors
                .iter()
                .map(|p| match &p.role {
                    None => ParticipantDoc::Id(p.id.clone()),
                    Some(role) => {
                        ParticipantDoc::WithRole { id: p.id.clone(), role: Some(role.clone()) }
                    }
                })
                .collect(),
            tags: e.tags.clone(),
            sources: e.sources.iter().map(SourceDoc::from).collect(),
            related: e.related.clone(),
            media: e.media.as_deref().map(MediaDoc::from),
            location: e.location.as_deref().map(LocationDoc::from),
            external_ids: ExternalIds(e.external_ids.clone()),
            quotes: Vec::new(),
            translations: BTreeMap::new(),
            attributes: AttributesDoc::from(&e.attributes),
        }
    }
}

impl From<&crate::model::Media> for MediaDoc {
    fn from(m: &crate::model::Media) -> Self {
        MediaDoc {
            url: m.url.clone(),
            alt: m.alt.clone(),
            caption: m.caption.clone(),
            credit: m.credit.clone(),
            thumbnail: m.thumbnail.clone(),
            link: m.link.clone(),
        }
    }
}

impl From<&crate::model::Location> for LocationDoc {
    fn from(l: &crate::model::Location) -> Self {
        LocationDoc {
            name: l.name.clone(),
            lat: l.coordinates.map(|c| c.0),
            lon: l.coordinates.map(|c| c.1),
        }
    }
}

impl From<&crate::model::Attributes> for AttributesDoc {
    fn from(a: &crate::model::Attributes) -> Self {
        AttributesDoc(a.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }
}

impl FileDoc {
    /// The events at `shown` (positions in `tl.events`) with what they need:
    /// the countries and actors they name, the eras they fall in, and the
    /// tours whose every step is among them; a related event that is not
    /// among them is left out, so the file loads on its own. With every
    /// event shown, everything the timeline defines.
    pub fn new(tl: &Timeline, shown: &[usize]) -> Self {
        let (mut doc, events) = Self::around(tl, shown);
        doc.events = events.iter().map(|(_, doc)| doc).collect();
        doc
    }

    /// As [`FileDoc::new`] without its events, and the events, each made
    /// into its [`EventDoc`] only when asked: a writer makes one at a time.
    pub fn around<'a>(tl: &'a Timeline, shown: &[usize]) -> (Self, EventDocs<'a>) {
        let all = shown.len() == tl.events.len();
        let events: Vec<&Event> = shown.iter().filter_map(|&i| tl.events.get(i)).collect();
        let ids: std::collections::HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
        let actors: Vec<_> = tl
            .actors
            .iter()
            .filter(|a| all || events.iter().any(|e| e.actors.iter().any(|p| p.id == a.id)))
            .collect();
        let countries = tl.countries.iter().filter(|c| {
            all || events.iter().any(|e| e.countries.contains(&c.code))
                || actors.iter().any(|a| a.country.as_ref() == Some(&c.code))
        });
        let eras = tl.eras.iter().filter(|era| {
            all || events.iter().any(|e| tl.era_of(e).is_some_and(|x| std::ptr::eq(x, *era)))
        });
        let tours: Vec<_> = tl
            .tours
            .iter()
            .filter(|t| all || t.steps.events().iter().all(|e| ids.contains(e.as_str())))
            .collect();
        // Members the written file still has: the others would not load.
        let kept = |m: &Member| {
            all || match m {
                Member::Country(c) => countries.clone().any(|x| x.code == *c),
                Member::Actor(a) => actors.iter().any(|x| x.id == *a),
                Member::Tag(t) => events.iter().any(|e| e.tags.contains(t)),
            }
        };
        let lanes = tl
            .lanes
            .iter()
            .map(|set| LaneSetDoc {
                id: set.id.clone(),
                title: set.title.clone(),
                members: set
                    .lanes
                    .iter()
                    .enumerate()
                    .filter_map(|(n, lane)| {
                        let members: Vec<String> =
                            lane.members.iter().filter(|m| kept(m)).map(Member::spelled).collect();
                        if members.is_empty() {
                            return None;
                        }
                        let field = Field::LaneTitle(set.id.clone(), n);
                        Some(match &lane.title {
                            Some(title) => LaneDoc::Titled(TitledLaneDoc {
                                title: title.clone(),
                                members,
                                translations: texts(
                                    tl,
                                    vec![(field, |t: &mut EraTextsDoc, s| t.title = Some(s))],
                                ),
                            }),
                            None => LaneDoc::Members(members.join(" + ")),
                        })
                    })
                    .collect(),
                translations: texts(
                    tl,
                    vec![(Field::LaneSetTitle(set.id.clone()), |t: &mut EraTextsDoc, s| {
                        t.title = Some(s)
                    })],
                ),
            })
            .filter(|set| !set.members.is_empty())
            .collect();
        let doc = FileDoc {
            title: tl.title.clone(),
            description: tl.description.clone(),
            countries: countries
                .map(|c| CountryDoc {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    aliases: c.aliases.clone(),
                    capital: c.capital.clone(),
                    location: c.location,
                    names: by_lang(tl, Field::CountryName(c.code.clone())),
                })
                .collect(),
            actors: actors
                .iter()
                .map(|a| ActorDoc {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    aliases: a.aliases.clone(),
                    kind: match a.kind {
                        super::ActorKind::Person => None,
                        super::ActorKind::Organisation => Some(KindDoc::Organisation),
                    },
                    country: a.country.clone(),
                    role: a.role.clone(),
                    names: by_lang(tl, Field::ActorName(a.id.clone())),
                })
                .collect(),
            eras: eras
                .map(|e| EraDoc {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    start: DateText(e.start.normalized()),
                    end: e.end.map(|d| DateText(d.normalized())),
                    translations: texts(
                        tl,
                        vec![(Field::EraTitle(e.id.clone()), |t: &mut EraTextsDoc, s| {
                            t.title = Some(s)
                        })],
                    ),
                })
                .collect(),
            events: Vec::new(),
            tours: tours
                .into_iter()
                .map(|t| TourDoc {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    description: t.description.clone(),
                    teacher_note: t.teacher_note.clone(),
                    steps: StepDocs::new(tl, t),
                    translations: texts(
                        tl,
                        vec![
                            (Field::TourTitle(t.id.clone()), |x: &mut TourTextsDoc, s| {
                                x.title = Some(s)
                            }),
                            (Field::TourDescription(t.id.clone()), |x, s| x.description = Some(s)),
                            (Field::TourTeacherNote(t.id.clone()), |x, s| x.teacher_note = Some(s)),
                        ],
                    ),
                })
                .collect(),
            lanes,
        };
        (doc, EventDocs { tl, events, ids })
    }
}

/// The events of a file, in its order, made into [`EventDoc`]s one at a
/// time; a related event that is not among them is left out.
pub struct EventDocs<'a> {
    tl: &'a Timeline,
    events: Vec<&'a Event>,
    ids: std::collections::HashSet<&'a str>,
}

impl<'a> EventDocs<'a> {
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'a Event, EventDoc)> + '_ {
        self.events.iter().map(|&e| {
            let mut doc = EventDoc::new(self.tl, e);
            doc.related.retain(|r| self.ids.contains(r.as_str()));
            (e, doc)
        })
    }
}
