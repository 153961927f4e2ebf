//! A SPARQL query's results in the W3C's JSON format (what the Wikidata
//! query service downloads as JSON) → events, one per `?item`: its rows
//! (one per country, participant or type) are gathered into one event.
//!
//! Variables read (README, "Timelines you already have", has a query that
//! gives them): `item` (the event, its QID kept as `external_ids.wikidata`),
//! `itemLabel`, `itemDescription`, `date` (point in time), `start`, `end`,
//! `datePrecision`/`startPrecision`/`endPrecision` (Wikidata's 9 year, 10
//! month, 11 day), `country` with `countryCode` (ISO alpha-2) or
//! `countryLabel`, `participant` with `participantLabel` and
//! `participantCode` (a participant with a code is a country), `location`
//! with `locationLabel` and `coordinates`, `type` with `typeLabel` (tags),
//! `article` (a source), and `label_XX`/`description_XX` for the title and
//! summary in language XX.

use super::alpha3;
use super::diagnostic::{Diagnostic, Mark};
use super::import::{Defs, Tally, summary};
use super::json;
use super::schema::{Checker, FileContent};
use super::yaml::Node;
use crate::text::sanitize;

/// The variables read, besides `label_XX` and `description_XX`.
const VARIABLES: &[&str] = &[
    "item",
    "itemLabel",
    "itemDescription",
    "date",
    "start",
    "end",
    "datePrecision",
    "startPrecision",
    "endPrecision",
    "country",
    "countryCode",
    "countryLabel",
    "participant",
    "participantLabel",
    "participantCode",
    "location",
    "locationLabel",
    "coordinates",
    "type",
    "typeLabel",
    "article",
];

/// One binding's value: its text, its language tag, and its place.
#[derive(Debug, Clone)]
struct Value {
    text: String,
    lang: Option<String>,
    mark: Mark,
}

/// One `?item`, gathered from its rows.
#[derive(Debug)]
struct Item {
    qid: String,
    mark: Mark,
    /// (language, label) in the order found; the first is the title.
    labels: Vec<(Option<String>, Value)>,
    descriptions: Vec<(Option<String>, Value)>,
    date: Option<(Value, Option<String>)>,
    start: Option<(Value, Option<String>)>,
    end: Option<(Value, Option<String>)>,
    countries: Vec<Node>,
    actors: Vec<Node>,
    tags: Vec<Node>,
    place: Option<(Option<Value>, Option<Value>)>,
    articles: Vec<Value>,
}

impl Item {
    fn new(qid: String, mark: Mark) -> Self {
        Item {
            qid,
            mark,
            labels: Vec::new(),
            descriptions: Vec::new(),
            date: None,
            start: None,
            end: None,
            countries: Vec::new(),
            actors: Vec::new(),
            tags: Vec::new(),
            place: None,
            articles: Vec::new(),
        }
    }
}

pub fn read(text: &str, file: usize, diags: &mut Vec<Diagnostic>) -> FileContent {
    let Some(root) = json::parse(text, file, diags) else {
        return FileContent { file, ..FileContent::default() };
    };
    let vars: Vec<String> = root
        .get("head")
        .and_then(|h| h.get("vars"))
        .and_then(Node::items)
        .map(|v| v.iter().filter_map(|n| n.text().map(str::to_string)).collect())
        .unwrap_or_default();
    let Some(bindings) = root.get("results").and_then(|r| r.get("bindings")).and_then(Node::items)
    else {
        diags.push(Diagnostic::error(
            file,
            Some(root.mark),
            "expected SPARQL query results: `{\"head\": {\"vars\": […]}, \"results\": {\"bindings\": […]}}`",
        ));
        return FileContent { file, ..FileContent::default() };
    };
    let unread: Vec<String> = vars
        .iter()
        .filter(|v| {
            !VARIABLES.contains(&v.as_str())
                && !v
                    .strip_prefix("label_")
                    .or_else(|| v.strip_prefix("description_"))
                    .is_some_and(lang_ok)
        })
        .map(|v| format!("`{}`", sanitize::visible(v)))
        .collect();
    if !unread.is_empty() {
        let mark = root.get("head").map_or(root.mark, |h| h.mark);
        diags.push(
            Diagnostic::warning(
                file,
                Some(mark),
                format!("the variables {} are not read", crate::text::join_words(&unread, "and")),
            )
            .with_help(Some(format!(
                "steppe reads {}, and label_XX and description_XX for language XX",
                VARIABLES.join(", ")
            ))),
        );
    }
    if !vars.iter().any(|v| v == "item") {
        diags.push(Diagnostic::error(
            file,
            Some(root.get("head").map_or(root.mark, |h| h.mark)),
            "these results have no variable `item`: steppe makes one event of each `?item`",
        ));
        return FileContent { file, ..FileContent::default() };
    }
    let mut tally = Tally::default();
    let mut defs = Defs::default();
    let mut items: Vec<Item> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for binding in bindings {
        let value = |var: &str| -> Option<Value> {
            let v = binding.get(var)?;
            let text = v.get("value")?.text()?.trim().to_string();
            let lang = v.get("xml:lang").and_then(Node::text).map(str::to_string);
            (!text.is_empty()).then_some(Value { text, lang, mark: v.mark })
        };
        let Some(item) = value("item") else {
            tally.add("no item", || {
                Diagnostic::warning(file, Some(binding.mark), "not read: this result has no `item`")
            });
            continue;
        };
        let Some(qid) = qid(&item.text) else {
            let shown = sanitize::visible(&item.text);
            tally.add("item is not a Wikidata entity", || {
                Diagnostic::warning(
                    file,
                    Some(item.mark),
                    format!("not read: `{shown}` is not a Wikidata item (expected http://www.wikidata.org/entity/Q…)"),
                )
            });
            continue;
        };
        let at = *index.entry(qid.clone()).or_insert_with(|| {
            items.push(Item::new(qid.clone(), binding.mark));
            items.len() - 1
        });
        let it = &mut items[at];
        for (var, list) in
            [("itemLabel", &mut it.labels), ("itemDescription", &mut it.descriptions)]
        {
            if let Some(v) = value(var) {
                let lang = v.lang.clone();
                if !list.iter().any(|(l, _)| *l == lang) {
                    list.push((lang, v));
                }
            }
        }
        for var in vars.iter() {
            let (list, lang) = match (var.strip_prefix("label_"), var.strip_prefix("description_"))
            {
                (Some(l), _) if lang_ok(l) => (&mut it.labels, l),
                (_, Some(l)) if lang_ok(l) => (&mut it.descriptions, l),
                _ => continue,
            };
            if let Some(v) = value(var) {
                let lang = Some(lang.to_string());
                if !list.iter().any(|(l, _)| *l == lang) {
                    list.push((lang, v));
                }
            }
        }
        for (var, slot) in [("date", &mut it.date), ("start", &mut it.start), ("end", &mut it.end)]
        {
            if slot.is_none()
                && let Some(v) = value(var)
            {
                *slot = Some((v, value(&format!("{var}Precision")).map(|p| p.text)));
            }
        }
        if let Some(country) = value("country") {
            let code = value("countryCode").map(|c| c.text);
            let label = value("countryLabel").map(|l| l.text);
            country_of(code, label, &country, it, &mut defs, &mut tally, file);
        }
        if let Some(p) = value("participant") {
            let code = value("participantCode").map(|c| c.text);
            let label = value("participantLabel").map(|l| l.text);
            if code.is_some() {
                country_of(code, label, &p, it, &mut defs, &mut tally, file);
            } else {
                let name = label.unwrap_or_else(|| qid_or(&p.text));
                let id = defs.actor(&name, None, false, p.mark);
                if !id.is_empty() && !it.actors.iter().any(|a| a.text() == Some(id.as_str())) {
                    it.actors.push(Node::text_at(id, p.mark));
                }
            }
        }
        if let Some(t) = value("typeLabel").or_else(|| value("type")) {
            let tag = if t.text.contains("://") { qid_or(&t.text) } else { t.text.to_lowercase() };
            if !it.tags.iter().any(|x| x.text() == Some(tag.as_str())) {
                it.tags.push(Node::text_at(tag, t.mark));
            }
        }
        if it.place.is_none() {
            let name = value("locationLabel");
            let point = value("coordinates");
            if name.is_some() || point.is_some() {
                it.place = Some((name, point));
            }
        }
        if let Some(a) = value("article")
            && !it.articles.iter().any(|x| x.text == a.text)
        {
            it.articles.push(a);
        }
    }
    let mut checker = Checker::new(file);
    let items_found = items.len();
    for item in items {
        if let Some(node) = event(item, &mut tally, file) {
            checker.event(node);
        }
    }
    let mut whole = Checker::new(file);
    whole.top(&Node::map_at(defs.into_nodes(root.mark), root.mark));
    whole.absorb(checker);
    let content = whole.finish(diags);
    tally.finish(file, diags);
    let complete = content.events.iter().filter(|e| e.complete).count();
    let not_read = items_found - complete;
    let why =
        format!("{} not read (warnings say why)", if not_read == 1 { "item" } else { "items" });
    let unit = ["result", "results"];
    diags.push(summary(file, "a SPARQL query", unit, bindings.len(), complete, &[(not_read, why)]));
    content
}

/// A language tag of a `label_XX` variable: letters, digits and `-`.
fn lang_ok(tag: &str) -> bool {
    !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `Q1065` from `http://www.wikidata.org/entity/Q1065`.
fn qid(uri: &str) -> Option<String> {
    let id = uri
        .strip_prefix("http://www.wikidata.org/entity/")
        .or_else(|| uri.strip_prefix("https://www.wikidata.org/entity/"))
        .or_else(|| uri.strip_prefix("wd:"))
        .unwrap_or(uri);
    let digits = id.strip_prefix('Q')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_string())
}

/// The QID of an entity's address, or the address itself.
fn qid_or(uri: &str) -> String {
    qid(uri).unwrap_or_else(|| uri.to_string())
}

fn country_of(
    code: Option<String>,
    label: Option<String>,
    country: &Value,
    it: &mut Item,
    defs: &mut Defs,
    tally: &mut Tally,
    file: usize,
) {
    let found = code
        .as_deref()
        .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(|c| {
            let c = c.to_ascii_uppercase();
            let name = label
                .clone()
                .or_else(|| alpha3::name(&c).map(str::to_string))
                .unwrap_or_else(|| c.clone());
            (c, name)
        })
        .or_else(|| {
            label.as_deref().and_then(alpha3::by_name).map(|(c, n)| (c.to_string(), n.to_string()))
        });
    match found {
        Some((code, name)) => {
            defs.country(&code, &name, country.mark);
            if !it.countries.iter().any(|c| c.text() == Some(code.as_str())) {
                it.countries.push(Node::text_at(code, country.mark));
            }
        }
        None => {
            let shown = sanitize::visible(label.as_deref().unwrap_or(&country.text));
            tally.add("country without an ISO code", || {
                Diagnostic::warning(
                    file,
                    Some(country.mark),
                    format!("the country `{shown}` has no ISO 3166-1 code here (`?countryCode`): it is left out of the event"),
                )
                .with_help(Some("ask for its code in the query: `OPTIONAL { ?country wdt:P297 ?countryCode }`".into()))
            });
        }
    }
}

/// A date as Wikidata gives it (`2001-06-15T00:00:00Z`), at its precision
/// (9 a year, 10 a month, 11 a day and finer).
fn date(value: &str, precision: Option<&str>) -> Option<String> {
    let (negative, rest) = match value.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    let day = rest.split('T').next()?;
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let year: i32 = y.parse().ok()?;
    let year = if negative { -year } else { year };
    let y = if year < 0 { format!("-{:04}", -year) } else { format!("{year:04}") };
    let text = match precision.and_then(|p| p.parse::<u8>().ok()) {
        Some(0..=9) => y,
        Some(10) => format!("{y}-{m}"),
        _ => format!("{y}-{m}-{d}"),
    };
    crate::model::PartialDate::parse(&text).is_ok().then_some(text)
}

/// `Point(71.43 51.13)`: longitude, then latitude.
fn point(text: &str) -> Option<(String, String)> {
    let inner = text.trim().strip_prefix("Point(")?.strip_suffix(')')?;
    let mut parts = inner.split_whitespace();
    let (lon, lat) = (parts.next()?, parts.next()?);
    let ok = |t: &str, limit: f64| t.parse::<f64>().is_ok_and(|x| x.abs() <= limit);
    (ok(lat, 90.0) && ok(lon, 180.0)).then(|| (lat.to_string(), lon.to_string()))
}

fn event(item: Item, tally: &mut Tally, file: usize) -> Option<Node> {
    let at = item.mark;
    let qid = item.qid;
    fn read_date(slot: &Option<(Value, Option<String>)>) -> Option<(Option<String>, Mark, &str)> {
        slot.as_ref().map(|(v, p)| (date(&v.text, p.as_deref()), v.mark, v.text.as_str()))
    }
    let (start, end) = match (read_date(&item.date), read_date(&item.start), read_date(&item.end)) {
        (Some(d), _, end) => (Some(d), end),
        (None, start, end) => (start, end),
    };
    let Some((Some(start), start_mark, _)) = start.clone() else {
        let why = match start {
            Some((_, _, raw)) => {
                format!("its date `{}` is not one steppe reads", sanitize::visible(raw))
            }
            None => "it has no `date`, `start` or `end`".into(),
        };
        tally.add("no date", || {
            Diagnostic::warning(
                file,
                Some(at),
                format!("not read: item {qid} has no date steppe can use: {why}"),
            )
        });
        return None;
    };
    let mut entries: Vec<(&str, Node)> =
        vec![("id", Node::text_at(qid.as_str(), at)), ("date", Node::text_at(start, start_mark))];
    if let Some((Some(end), end_mark, _)) = end
        && item.date.is_none()
    {
        entries.push(("end", Node::text_at(end, end_mark)));
    }
    let mut labels = item.labels.into_iter();
    let title = labels
        .next()
        .map_or_else(|| Node::text_at(qid.as_str(), at), |(_, v)| Node::text_at(v.text, v.mark));
    entries.push(("title", title));
    let mut descriptions = item.descriptions.into_iter();
    let first_desc = descriptions.next();
    if let Some((_, v)) = &first_desc {
        entries.push(("summary", Node::text_at(v.text.clone(), v.mark)));
    }
    if !item.countries.is_empty() {
        entries.push(("countries", Node::list_at(item.countries, at)));
    }
    if !item.actors.is_empty() {
        entries.push(("actors", Node::list_at(item.actors, at)));
    }
    if !item.tags.is_empty() {
        entries.push(("tags", Node::list_at(item.tags, at)));
    }
    let mut sources = vec![Node::text_at(format!("https://www.wikidata.org/wiki/{qid}"), at)];
    sources.extend(
        item.articles
            .into_iter()
            .filter(|a| a.text.starts_with("http"))
            .map(|a| Node::text_at(a.text, a.mark)),
    );
    entries.push(("sources", Node::list_at(sources, at)));
    if let Some((name, coordinates)) = item.place {
        let mut place: Vec<(&str, Node)> = Vec::new();
        if let Some(n) = name {
            place.push(("name", Node::text_at(n.text, n.mark)));
        }
        if let Some(c) = coordinates {
            match point(&c.text) {
                Some((lat, lon)) => {
                    place.push(("lat", Node::plain_at(lat, c.mark)));
                    place.push(("lon", Node::plain_at(lon, c.mark)));
                }
                None => {
                    let shown = sanitize::visible(&c.text);
                    tally.add("coordinates not a point", || {
                        Diagnostic::warning(file, Some(c.mark), format!("the coordinates `{shown}` of item {qid} are not `Point(longitude latitude)`: the place is kept without them"))
                    });
                }
            }
        }
        if let Some((_, first)) = place.first() {
            let mark = first.mark;
            entries.push(("location", Node::map_at(place, mark)));
        }
    }
    entries.push((
        "external_ids",
        Node::map_at(vec![("wikidata", Node::text_at(qid.as_str(), at))], at),
    ));
    // Labels and descriptions in other languages: translations.
    let mut translations: Vec<(String, Vec<(&str, Node)>)> = Vec::new();
    let mut add = |lang: Option<String>, key: &'static str, v: Value| {
        let Some(lang) = lang.or(v.lang.clone()) else { return };
        match translations.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, fields)) if !fields.iter().any(|(k, _)| *k == key) => {
                fields.push((key, Node::text_at(v.text, v.mark)))
            }
            Some(_) => {}
            None => translations.push((lang, vec![(key, Node::text_at(v.text, v.mark))])),
        }
    };
    for (lang, v) in labels {
        add(lang, "title", v);
    }
    for (lang, v) in descriptions {
        add(lang, "summary", v);
    }
    if !translations.is_empty() {
        let entries_t = translations
            .into_iter()
            .map(|(lang, fields)| (Node::text_at(lang, at), Node::map_at(fields, at)))
            .collect();
        entries.push(("translations", Node { mark: at, kind: super::yaml::Kind::Map(entries_t) }));
    }
    Some(Node::map_at(entries, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikidata_values() {
        assert_eq!(qid("http://www.wikidata.org/entity/Q1065").as_deref(), Some("Q1065"));
        assert_eq!(qid("http://example.org/x"), None);
        assert_eq!(date("2001-06-15T00:00:00Z", None).as_deref(), Some("2001-06-15"));
        assert_eq!(date("2001-06-15T00:00:00Z", Some("9")).as_deref(), Some("2001"));
        assert_eq!(date("1991-12-01T00:00:00Z", Some("10")).as_deref(), Some("1991-12"));
        assert_eq!(date("-0329-01-01T00:00:00Z", Some("9")).as_deref(), Some("-0329"));
        assert_eq!(point("Point(71.43 51.13)"), Some(("51.13".into(), "71.43".into())));
        assert_eq!(point("Point(500 1)"), None);
    }
}
