//! ACLED's CSV exports (the columns of ACLED's codebook: `event_id_cnty`,
//! `event_date`, `event_type`, `sub_event_type`, `actor1`, `actor2`,
//! `country`, `iso`, `location`, `latitude`, `longitude`, `notes`,
//! `fatalities`, `source`, …) → events: the types as tags, the notes as the
//! summary, the actors as actors, the location as the place, the sources as
//! sources, and every other column as an attribute.

use super::alpha3;
use super::csv::rows;
use super::diagnostic::{Diagnostic, Mark};
use super::import::{Defs, Tally, summary};
use super::schema::{self, Checker, FileContent};
use super::yaml::Node;
use crate::model::PartialDate;
use crate::text::safe::spreadsheet_cell_undo;
use crate::text::sanitize;

/// The codebook's columns that become something other than an attribute.
const READ: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "iso",
    "country",
    "location",
    "latitude",
    "longitude",
    "notes",
    "source",
];

/// The codebook's other columns, kept as attributes without a word.
const KEPT: &[&str] = &[
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "civilian_targeting",
    "region",
    "admin1",
    "admin2",
    "admin3",
    "geo_precision",
    "source_scale",
    "fatalities",
    "tags",
    "timestamp",
];

pub fn read(text: &str, file: usize, diags: &mut Vec<Diagnostic>) -> FileContent {
    let rows = rows(text, file, diags);
    let Some(header) = rows
        .iter()
        .position(|r| r.cells.iter().any(|(c, _)| c.trim().eq_ignore_ascii_case("event_id_cnty")))
    else {
        diags.push(Diagnostic::error(
            file,
            Some(Mark::START),
            "expected a header row with ACLED's columns: event_id_cnty, event_date, event_type, …",
        ));
        return FileContent { file, ..FileContent::default() };
    };
    let columns: Vec<String> =
        rows[header].cells.iter().map(|(c, _)| c.trim().to_ascii_lowercase()).collect();
    // (column, attribute name) of the columns kept as attributes.
    let mut attributes: Vec<(usize, String)> = Vec::new();
    let mut other: Vec<String> = Vec::new();
    for (i, (name, (raw, mark))) in columns.iter().zip(&rows[header].cells).enumerate() {
        if name.is_empty() || READ.contains(&name.as_str()) {
            continue;
        }
        if !KEPT.contains(&name.as_str()) {
            other.push(format!("`{}`", sanitize::visible(raw.trim())));
        }
        if schema::is_name(name) {
            attributes.push((i, name.clone()));
        } else {
            diags.push(Diagnostic::warning(
                file,
                Some(*mark),
                format!(
                    "column `{}` is not read: an attribute's name has only letters, digits, `-`, `_` and `.`",
                    sanitize::visible(raw.trim())
                ),
            ));
        }
    }
    if !other.is_empty() {
        diags.push(Diagnostic::note(
            file,
            Some(rows[header].mark),
            format!(
                "{} not in ACLED's codebook: kept as the events' attributes of the same names",
                crate::text::join_words(&other, "and")
            ),
        ));
    }
    let mut cx =
        Acled { file, defs: Defs::default(), tally: Tally::default(), checker: Checker::new(file) };
    let mut read_rows = 0;
    for row in rows.iter().skip(header + 1).filter(|r| !r.blank()) {
        read_rows += 1;
        let cell = |name: &str| -> Option<(String, Mark)> {
            let i = columns.iter().position(|c| c == name)?;
            let (text, mark) = row.cells.get(i)?;
            let text = spreadsheet_cell_undo(text);
            (!text.trim().is_empty()).then(|| (text.trim().to_string(), *mark))
        };
        let attrs: Vec<(&str, Node)> = attributes
            .iter()
            .filter_map(|(i, name)| {
                let (text, mark) = row.cells.get(*i)?;
                let text = spreadsheet_cell_undo(text);
                (!text.trim().is_empty())
                    .then(|| (name.as_str(), Node::text_at(text.trim(), *mark)))
            })
            .collect();
        if let Some(event) = cx.event(row.mark, &cell, attrs) {
            cx.checker.event(event);
        }
    }
    let Acled { defs, tally, checker, .. } = cx;
    let mut whole = Checker::new(file);
    whole.top(&Node::map_at(defs.into_nodes(rows[header].mark), rows[header].mark));
    whole.absorb(checker);
    let content = whole.finish(diags);
    tally.finish(file, diags);
    let complete = content.events.iter().filter(|e| e.complete).count();
    let left_out = [(read_rows - complete, "not read (warnings say why)".to_string())];
    diags.push(summary(file, "an ACLED export", ["row", "rows"], read_rows, complete, &left_out));
    content
}

struct Acled {
    file: usize,
    defs: Defs,
    tally: Tally,
    checker: Checker,
}

type Cell<'a> = &'a dyn Fn(&str) -> Option<(String, Mark)>;

impl Acled {
    fn event(&mut self, row: Mark, cell: Cell, attributes: Vec<(&str, Node)>) -> Option<Node> {
        let file = self.file;
        let Some((id, id_mark)) = cell("event_id_cnty") else {
            self.tally.add("no event_id_cnty", || {
                Diagnostic::warning(
                    file,
                    Some(row),
                    "not read: this row has no `event_id_cnty`, the event's id",
                )
            });
            return None;
        };
        let Some((raw_date, date_mark)) = cell("event_date") else {
            self.tally.add("no event_date", || {
                Diagnostic::warning(
                    file,
                    Some(row),
                    format!("not read: event {id} has no `event_date`"),
                )
            });
            return None;
        };
        let Some(date) = date(&raw_date) else {
            let shown = sanitize::visible(&raw_date);
            self.tally.add("event_date is not a date", || {
                Diagnostic::warning(
                    file,
                    Some(date_mark),
                    format!("not read: the `event_date` of event {id} is `{shown}`: expected a date such as 2022-01-05 or 05 January 2022"),
                )
            });
            return None;
        };
        let mut entries: Vec<(&str, Node)> = vec![
            ("id", Node::text_at(id.as_str(), id_mark)),
            ("date", Node::text_at(date, date_mark)),
        ];
        let kind = cell("sub_event_type").or_else(|| cell("event_type"));
        let title = match (&kind, cell("location")) {
            (Some((k, _)), Some((place, _))) => format!("{k} in {place}"),
            (Some((k, _)), None) => k.clone(),
            (None, Some((place, _))) => format!("Event in {place}"),
            (None, None) => format!("Event {id}"),
        };
        entries.push(("title", Node::text_at(title, kind.map_or(row, |(_, m)| m))));
        if let Some((notes, mark)) = cell("notes") {
            entries.push(("summary", Node::text_at(notes, mark)));
        }
        if let Some(country) = self.country(cell, &id) {
            entries.push(("countries", Node::list_at(vec![country], row)));
        }
        let mut actors = Vec::new();
        for column in ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"] {
            let Some((names, mark)) = cell(column) else { continue };
            for name in names.split(';').map(str::trim).filter(|n| !n.is_empty()) {
                let id = self.defs.actor(name, None, true, mark);
                if !id.is_empty() && !actors.iter().any(|a: &Node| a.text() == Some(id.as_str())) {
                    actors.push(Node::text_at(id, mark));
                }
            }
        }
        if !actors.is_empty() {
            entries.push(("actors", Node::list_at(actors, row)));
        }
        let mut tags: Vec<Node> = Vec::new();
        for column in ["disorder_type", "event_type", "sub_event_type"] {
            let Some((types, mark)) = cell(column) else { continue };
            for t in types.split(';').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()) {
                if !tags.iter().any(|x| x.text() == Some(t.as_str())) {
                    tags.push(Node::text_at(t, mark));
                }
            }
        }
        if !tags.is_empty() {
            entries.push(("tags", Node::list_at(tags, row)));
        }
        if let Some((sources, mark)) = cell("source") {
            let list = sources
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    if s.starts_with("http://") || s.starts_with("https://") {
                        Node::text_at(s, mark)
                    } else {
                        Node::map_at(vec![("title", Node::text_at(s, mark))], mark)
                    }
                })
                .collect();
            entries.push(("sources", Node::list_at(list, mark)));
        }
        let mut place: Vec<(&str, Node)> = Vec::new();
        if let Some((name, mark)) = cell("location") {
            place.push(("name", Node::text_at(name, mark)));
        }
        if let (Some((lat, lat_mark)), Some((lon, lon_mark))) =
            (cell("latitude"), cell("longitude"))
        {
            place.push(("lat", Node::plain_at(lat, lat_mark)));
            place.push(("lon", Node::plain_at(lon, lon_mark)));
        }
        if let Some((_, first)) = place.first() {
            let mark = first.mark;
            entries.push(("location", Node::map_at(place, mark)));
        }
        if !attributes.is_empty() {
            entries.push(("attributes", Node::map_at(attributes, row)));
        }
        entries.push((
            "external_ids",
            Node::map_at(vec![("acled", Node::text_at(id, id_mark))], id_mark),
        ));
        Some(Node::map_at(entries, row))
    }

    /// The event's country, from ACLED's `iso` (ISO 3166 numeric), else its name.
    fn country(&mut self, cell: Cell, id: &str) -> Option<Node> {
        let iso = cell("iso");
        let name = cell("country");
        let found = iso
            .as_ref()
            .and_then(|(n, _)| n.parse::<u16>().ok())
            .and_then(alpha3::by_numeric)
            .or_else(|| name.as_ref().and_then(|(n, _)| alpha3::by_name(n)));
        let mark = iso.as_ref().or(name.as_ref()).map(|(_, m)| *m)?;
        match found {
            Some((code, country)) => {
                self.defs.country(code, country, mark);
                Some(Node::text_at(code, mark))
            }
            None => {
                let file = self.file;
                let shown: Vec<String> = [iso, name]
                    .into_iter()
                    .flatten()
                    .map(|(t, _)| format!("`{}`", sanitize::visible(&t)))
                    .collect();
                let shown = shown.join(", ");
                self.tally.add("unknown country", || {
                    Diagnostic::warning(
                        file,
                        Some(mark),
                        format!("the country of event {id} ({shown}) is not one steppe knows: the event has no country"),
                    )
                });
                None
            }
        }
    }
}

/// ACLED's `event_date`: `2022-01-05` (as exported now), `05 January 2022`
/// or `5-January-2022` (older exports).
fn date(text: &str) -> Option<String> {
    if PartialDate::parse(text).is_ok_and(|d| d.normalized().len() == 10) {
        return Some(text.to_string());
    }
    let parts: Vec<&str> = text.split([' ', '-', '/']).filter(|p| !p.is_empty()).collect();
    let [day, month, year] = parts[..] else { return None };
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = month.to_ascii_lowercase();
    let m = MONTHS.iter().position(|p| month.starts_with(p))? + 1;
    let day: u8 = day.parse().ok()?;
    let year: i32 = year.parse().ok()?;
    let date = format!("{year:04}-{m:02}-{day:02}");
    PartialDate::parse(&date).is_ok().then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_dates_old_and_new() {
        assert_eq!(date("2022-01-05").as_deref(), Some("2022-01-05"));
        assert_eq!(date("05 January 2022").as_deref(), Some("2022-01-05"));
        assert_eq!(date("5-January-2022").as_deref(), Some("2022-01-05"));
        assert_eq!(date("31 February 2022"), None);
        assert_eq!(date("2022"), None);
    }
}
