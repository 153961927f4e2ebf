//! The one place where the command line's arguments become steppe's own
//! types (a filter, the sources to load, a theme): nothing below `cli`
//! sees a clap type.

use std::path::PathBuf;

use super::args::*;
use crate::query::stats::Period;
use crate::query::{Filter, Sort, Split, WhereError};
use crate::tui::bidi::Bidi;
use crate::tui::theme::Theme;

impl ExportArgs {
    /// The format asked for, or the one the output file's ending names: a
    /// `.json` file never receives Markdown.
    pub fn format(&self) -> Result<HandoutFormat, String> {
        if let Some(format) = self.format {
            return Ok(format);
        }
        let ending = self
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ending.as_deref() {
            None | Some("md" | "markdown" | "txt") => Ok(HandoutFormat::Markdown),
            Some("html" | "htm") => Ok(HandoutFormat::Html),
            Some("yaml" | "yml") => Ok(HandoutFormat::Yaml),
            // A `.json` that opens again in steppe; `--format json` for the plain list.
            Some("json") => Ok(HandoutFormat::Timelinejs),
            Some("csv") => Ok(HandoutFormat::Csv),
            Some("ics" | "ical") => Ok(HandoutFormat::Ics),
            Some(other) => Err(format!(
                "cannot tell a format from the ending `.{}` of the -o file: name one with --format markdown|html|yaml|timelinejs|csv|json|ics|csl",
                crate::text::safe::one_line(other)
            )),
        }
    }
}

impl StatsArgs {
    /// The split table asked for: its period and columns, or `None` for the
    /// four frequency tables.
    pub fn split(&self) -> Result<Option<(Period, Option<Split>)>, String> {
        let split = self.split.as_deref().map(Split::parse).transpose()?;
        let by = match self.by {
            Some(ByPeriod::Year) => Period::Year,
            Some(ByPeriod::Decade) => Period::Decade,
            None if split.is_some() => Period::Decade,
            None => return Ok(None),
        };
        Ok(Some((by, split)))
    }
}

impl LangArgs {
    /// The language asked for: `--lang`, else the locale's.
    pub fn code(&self) -> Option<String> {
        if let Some(l) = &self.lang {
            return crate::model::language_code(l);
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| crate::model::language_code(&v))
    }
}

impl FilterArgs {
    /// The filter as asked, before its names are checked against a timeline;
    /// an error if the `--where` expression does not parse.
    pub fn to_filter(&self) -> Result<Filter, WhereError> {
        Ok(Filter {
            countries: self.countries.clone(),
            match_all: self.match_mode == MatchMode::All,
            actors: self.actors.clone(),
            tags: self.tags.clone(),
            from: self.from,
            to: self.to,
            search: self.search.clone().unwrap_or_default(),
            expr: self.where_.as_deref().map(crate::query::parse).transpose()?,
        })
    }
}

impl SourceArgs {
    /// What to load: the built-in timeline (if asked, or with no paths), then
    /// `paths`; an error if the `--columns` file cannot be read or used.
    pub fn sources(&self, paths: &[PathBuf]) -> Result<crate::load::Sources, String> {
        Ok(crate::load::Sources {
            paths: paths.to_vec(),
            builtin: self.with_builtin,
            prefer: match self.prefer {
                Some(PreferArg::Later) => crate::load::Prefer::Later,
                None => crate::load::Prefer::Neither,
            },
            columns: self
                .columns
                .as_deref()
                .map(|p| crate::load::ColumnMap::read(p).map_err(|e| format!("in --columns: {e}")))
                .transpose()?,
            cache: if self.no_cache { None } else { crate::load::cache::default_dir() },
            import: self.import_filter()?,
        })
    }

    /// `--min mentions 5` and `--cameo 04,057`: the GDELT rows kept at load.
    fn import_filter(&self) -> Result<crate::load::ImportFilter, String> {
        use crate::load::MinField;
        let mut min = Vec::new();
        for pair in self.min.chunks(2) {
            let [field, n] = pair else {
                return Err("--min takes a count and a number, such as `--min mentions 5`".into());
            };
            let Some(f) = MinField::parse(field) else {
                return Err(format!(
                    "--min {}: expected one of {} (a GDELT event's counts), such as `--min mentions 5`",
                    crate::text::safe::one_line(field),
                    MinField::NAMES.join(", ")
                ));
            };
            let n = n.trim().parse::<u64>().map_err(|_| {
                format!(
                    "--min {} {}: expected a whole number, 0 or more",
                    f.name(),
                    crate::text::safe::one_line(n)
                )
            })?;
            min.push((f, n));
        }
        let mut cameo = Vec::new();
        for code in self.cameo.iter().flat_map(|c| c.split(',')).map(str::trim) {
            if code.is_empty() || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "--cameo {}: expected CAMEO event codes of 2 to 4 digits, such as `04` (consult) or `057` (sign formal agreement)",
                    crate::text::safe::one_line(code)
                ));
            }
            cameo.push(code.to_string());
        }
        Ok(crate::load::ImportFilter { min, cameo })
    }
}

impl SortArg {
    pub fn to_sort(self) -> Sort {
        match self {
            SortArg::Date => Sort::Date,
            SortArg::DateDesc => Sort::DateDesc,
            SortArg::Title => Sort::Title,
            SortArg::Country => Sort::Country,
        }
    }
}

impl ThemeName {
    /// The theme asked for; `mono` whatever was asked when `NO_COLOR` is set
    /// to anything non-empty.
    pub fn theme(self) -> Theme {
        Theme::choose(match self {
            ThemeName::Dark => Theme::dark,
            ThemeName::Light => Theme::light,
            ThemeName::Contrast => Theme::contrast,
            ThemeName::Projector => Theme::projector,
        })
    }
}

impl BidiArg {
    pub fn bidi(self) -> Bidi {
        match self {
            BidiArg::Steppe => Bidi::Steppe,
            BidiArg::Terminal => Bidi::Terminal,
        }
    }
}
