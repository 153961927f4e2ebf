//! Which reader a file needs, told from its content (and its name's ending
//! where the content leaves a doubt): steppe YAML, TimelineJS JSON, a
//! TimelineJS sheet saved as CSV, steppe's own CSV, or another dataset's
//! export: GDELT's events, ACLED's CSV, a Wikidata query's results.

use crate::model::cells;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Yaml,
    TimelineJs,
    TimelineSheet,
    SteppeCsv,
    /// GDELT's tab-separated event export.
    Gdelt,
    /// ACLED's CSV export.
    Acled,
    /// A SPARQL query's results as JSON (the Wikidata query service's download).
    Sparql,
}

impl Format {
    /// How messages say which format was assumed; nothing for YAML.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Format::Yaml => None,
            Format::TimelineJs => Some("read as TimelineJS JSON"),
            Format::TimelineSheet => Some("read as a TimelineJS sheet saved as CSV"),
            Format::SteppeCsv => Some("read as steppe CSV"),
            Format::Gdelt => Some("read as a GDELT event export"),
            Format::Acled => Some("read as an ACLED export"),
            Format::Sparql => Some("read as SPARQL JSON query results"),
        }
    }

    pub fn detect(name: &str, text: &str) -> Format {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let body = text.trim_start();
        if super::gdelt::looks_like(body) {
            return Format::Gdelt;
        }
        if body.starts_with('{') && is_sparql(body) {
            return Format::Sparql;
        }
        if ext == "json" {
            return Format::TimelineJs;
        }
        if body.starts_with('{') {
            // YAML may be written as one `{…}` too: TimelineJS has its own keys.
            return if body.contains("\"start_date\"") || body.contains("\"headline\"") {
                Format::TimelineJs
            } else {
                Format::Yaml
            };
        }
        if let Some((format, _)) = csv_header(body) {
            return format;
        }
        if ext == "csv" { Format::SteppeCsv } else { Format::Yaml }
    }
}

/// The CSV separator: the one that gives a header row steppe knows among
/// the first ten lines, else the one the first line uses more. Spreadsheets
/// set to a language that writes decimals with a comma save with `;`.
pub fn csv_delimiter(text: &str) -> u8 {
    if let Some((_, delimiter)) = csv_header(text) {
        return delimiter;
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |d: u8| split_unquoted(first, d).len();
    if count(b';') > count(b',') { b';' } else { b',' }
}

/// SPARQL 1.1 JSON results: a `head` with `vars`, and `results` with `bindings`.
fn is_sparql(body: &str) -> bool {
    // The first 4 KiB, ending on a whole character.
    let head = &body[..crate::text::floor_boundary(body, 4096)];
    head.contains("\"head\"") && head.contains("\"vars\"") && body.contains("\"bindings\"")
}

/// The format and separator of the first header row steppe knows.
fn csv_header(text: &str) -> Option<(Format, u8)> {
    for line in text.lines().take(10) {
        for delimiter in [b',', b';'] {
            // Only a short cell can name a column: a long one is not copied.
            let heads: Vec<String> = split_unquoted(line, delimiter)
                .iter()
                .map(|c| c.trim().trim_matches('"').trim())
                .map(|c| if c.len() > 64 { String::new() } else { c.to_ascii_lowercase() })
                .collect();
            let has = |h: &str| heads.iter().any(|x| x == h);
            if has("event_id_cnty") && has("event_date") && has("event_type") {
                return Some((Format::Acled, delimiter));
            }
            if heads.first().is_some_and(|h| h == cells::COLUMNS[0]) && has("date") && has("title")
            {
                return Some((Format::SteppeCsv, delimiter));
            }
            if has("year") && has("headline") {
                return Some((Format::TimelineSheet, delimiter));
            }
        }
    }
    None
}

/// The cells of one line, split at `delimiter` outside quotes.
fn split_unquoted(line: &str, delimiter: u8) -> Vec<&str> {
    let mut cells = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, b) in line.bytes().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            cells.push(&line[start..i]);
            start = i + 1;
        }
    }
    cells.push(&line[start..]);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_from_the_content() {
        let tjs = "{\"events\": [{\"start_date\": {\"year\": 1991}}]}";
        assert_eq!(Format::detect("timeline.txt", tjs), Format::TimelineJs);
        assert_eq!(Format::detect("t.yaml", "{events: []}"), Format::Yaml);
        assert_eq!(Format::detect("t.json", "[]"), Format::TimelineJs);
        assert_eq!(Format::detect("t", "id,date,end,title\n"), Format::SteppeCsv);
        let sheet = "Notes,,\nYear,Month,Day,Time,End Year,Headline,Text\n";
        assert_eq!(Format::detect("sheet.txt", sheet), Format::TimelineSheet);
        assert_eq!(Format::detect("x.csv", "a,b\n"), Format::SteppeCsv);
        assert_eq!(Format::detect("t.yml", "title: x\nevents: []\n"), Format::Yaml);
        assert_eq!(Format::detect("t", "ID;Date;Title\n"), Format::SteppeCsv);
        assert_eq!(Format::detect("t", "x\nYear;Month;Headline\n"), Format::TimelineSheet);
        let acled = "event_id_cnty,event_date,year,event_type,sub_event_type\n";
        assert_eq!(Format::detect("export.csv", acled), Format::Acled);
        let sparql = "{\"head\": {\"vars\": [\"item\"]}, \"results\": {\"bindings\": []}}";
        assert_eq!(Format::detect("query.json", sparql), Format::Sparql);
        assert_eq!(Format::detect("query.txt", sparql), Format::Sparql);
        let mut gdelt = vec!["1"; 61];
        gdelt[0] = "1187226330";
        gdelt[1] = "20240704";
        let gdelt = gdelt.join("\t") + "\n";
        assert_eq!(Format::detect("20240704.export.CSV", &gdelt), Format::Gdelt);
        assert_eq!(Format::detect("events.txt", &gdelt), Format::Gdelt, "by the content");
        assert_eq!(
            Format::detect("t.csv", &gdelt.replacen("20240704", "2024", 1)),
            Format::SteppeCsv
        );
    }

    #[test]
    fn a_letter_across_the_first_4_kib_is_no_trouble() {
        // `т` takes bytes 4095 and 4096: the look at the start must not cut it.
        let json = format!("{{\"title\": \"{}т\", \"events\": []}}", "a".repeat(4095 - 11));
        assert_eq!(json.find('т'), Some(4095));
        assert_eq!(Format::detect("t.json", &json), Format::TimelineJs);
        let sparql = format!(
            "{{\"head\": {{\"vars\": []}}, \"x\": \"{}\", \"results\": {{\"bindings\": []}}}}",
            "т".repeat(3000)
        );
        assert_eq!(Format::detect("q.json", &sparql), Format::Sparql);
    }

    #[test]
    fn the_separator_is_the_one_of_the_header() {
        assert_eq!(csv_delimiter("id,date,title\nx,2020,\"a; b\"\n"), b',');
        assert_eq!(csv_delimiter("id;date;title\nx;2020;\"a, b\"\n"), b';');
        assert_eq!(csv_delimiter("Notes, and more\nYear;Month;Headline\n"), b';');
        assert_eq!(csv_delimiter("Date;Event;Country\n"), b';');
        assert_eq!(csv_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(csv_delimiter(""), b',');
    }
}
