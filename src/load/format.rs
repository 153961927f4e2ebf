//! Which reader a file needs, told from its content (and its name's ending
//! where the content leaves a doubt): steppe YAML, TimelineJS JSON, a
//! TimelineJS sheet saved as CSV, or steppe's own CSV.

use crate::model::cells;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    TimelineJs,
    TimelineSheet,
    SteppeCsv,
}

impl Format {
    /// How messages say which format was assumed; nothing for YAML.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Format::Yaml => None,
            Format::TimelineJs => Some("read as TimelineJS JSON"),
            Format::TimelineSheet => Some("read as a TimelineJS sheet saved as CSV"),
            Format::SteppeCsv => Some("read as steppe CSV"),
        }
    }

    pub fn detect(name: &str, text: &str) -> Format {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let body = text.trim_start();
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
        for line in body.lines().take(10) {
            let heads: Vec<String> = line
                .split(',')
                .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
                .collect();
            let has = |h: &str| heads.iter().any(|x| x == h);
            if heads.first().is_some_and(|h| h == cells::COLUMNS[0]) && has("date") && has("title")
            {
                return Format::SteppeCsv;
            }
            if has("year") && has("headline") {
                return Format::TimelineSheet;
            }
        }
        if ext == "csv" { Format::SteppeCsv } else { Format::Yaml }
    }
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
    }
}
