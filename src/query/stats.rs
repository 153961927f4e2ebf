//! Frequency tables of a set of events: by decade, country, actor and tag.
//! The `stats` command and the explorer's statistics view read the same numbers.

use serde::Serialize;

use super::Query;
use crate::model::PartialDate;

/// One row of a frequency table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What is counted, as a filter would name it: `1990`, `KZ`, `putin`, `summit`.
    pub key: String,
    /// As a person reads it: `1990s`, `Kazakhstan`, `Vladimir Putin`, `summit`.
    pub label: String,
    pub events: usize,
}

/// Events by decade (in time order, every decade from the first to the
/// last), country, actor and tag (most first).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Stats {
    pub events: usize,
    pub decades: Vec<Count>,
    pub countries: Vec<Count>,
    pub actors: Vec<Count>,
    pub tags: Vec<Count>,
}

impl Stats {
    /// The four tables with their titles, in the order they are shown.
    pub fn tables(&self) -> [(&'static str, &[Count]); 4] {
        [
            ("decade", &self.decades),
            ("country", &self.countries),
            ("actor", &self.actors),
            ("tag", &self.tags),
        ]
    }
}

/// "1990s", "2000s", or "339–330 BCE" for a decade before year 1.
fn decade_label(start: i32) -> String {
    if start > 0 {
        format!("{start}s")
    } else {
        let end = start + 9;
        format!("{}–{}", PartialDate::year_label(start), PartialDate::year_label(end))
    }
}

/// Non-zero counts as rows, most first, ties by label.
fn rows(counts: Vec<usize>, name: impl Fn(usize) -> (String, String)) -> Vec<Count> {
    let mut out: Vec<Count> = counts
        .into_iter()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .map(|(k, events)| {
            let (key, label) = name(k);
            Count { key, label, events }
        })
        .collect();
    out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.label.cmp(&b.label)));
    out
}

/// Every decade from the first to the last, the empty ones with 0, so the
/// rows read as a time series.
fn decade_rows(counts: &std::collections::BTreeMap<i32, usize>) -> Vec<Count> {
    let (Some((&first, _)), Some((&last, _))) = (counts.first_key_value(), counts.last_key_value())
    else {
        return Vec::new();
    };
    (first..=last)
        .step_by(10)
        .map(|d| Count {
            key: d.to_string(),
            label: decade_label(d),
            events: counts.get(&d).copied().unwrap_or(0),
        })
        .collect()
}

impl Query {
    /// The frequency tables of `events` (positions in `timeline().events`).
    pub fn stats(&self, events: &[usize]) -> Stats {
        let tl = &self.timeline;
        let mut decades: std::collections::BTreeMap<i32, usize> = Default::default();
        let mut countries = vec![0; tl.countries.len()];
        let mut actors = vec![0; tl.actors.len()];
        let mut tags = vec![0; self.tags.len()];
        for &i in events {
            let Some(e) = tl.events.get(i) else { continue };
            *decades.entry(e.date.year.div_euclid(10) * 10).or_default() += 1;
            self.event_countries.get(i).iter().for_each(|&c| countries[c as usize] += 1);
            self.event_actors.get(i).iter().for_each(|&a| actors[a as usize] += 1);
            self.event_tags.get(i).iter().for_each(|&t| tags[t as usize] += 1);
        }
        Stats {
            events: events.len(),
            decades: decade_rows(&decades),
            countries: rows(countries, |k| {
                (tl.countries[k].code.clone(), tl.countries[k].name.clone())
            }),
            actors: rows(actors, |k| (tl.actors[k].id.clone(), tl.actors[k].name.clone())),
            tags: rows(tags, |k| (self.tags[k].clone(), self.tags[k].clone())),
        }
    }
}

/// The periods of a split table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Decade,
}

impl Period {
    /// The first year of the period `year` is in.
    pub fn start(self, year: i32) -> i32 {
        match self {
            Period::Year => year,
            Period::Decade => year.div_euclid(10) * 10,
        }
    }

    pub fn years(self) -> i32 {
        match self {
            Period::Year => 1,
            Period::Decade => 10,
        }
    }

    /// "1991", "1990s".
    pub fn label(self, start: i32) -> String {
        match self {
            Period::Year => PartialDate::year_label(start),
            Period::Decade => decade_label(start),
        }
    }
}

/// One period of a split table: how many events start in it naming each
/// column's members, and how many start in it in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodRow {
    /// The period's first year: `1991`, or `1990` for the 1990s.
    pub period: i32,
    pub label: String,
    /// One count per column, in the columns' order.
    pub counts: Vec<usize>,
    /// Events starting in the period, whatever they name.
    pub events: usize,
}

/// Periods × members: an event counts in the period it starts in, in every
/// column it names a member of. Every period from the first to the last
/// event's is a row, the empty ones with 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SplitTable {
    pub by: Period,
    pub columns: Vec<super::Column>,
    pub rows: Vec<PeriodRow>,
}

impl SplitTable {
    /// The largest count of any cell.
    pub fn most(&self) -> usize {
        self.rows.iter().flat_map(|r| r.counts.iter().copied()).max().unwrap_or(0)
    }

    /// The filter that shows a row (`column` `None`) or a cell: the events of
    /// the period (overlapping it, as `from:` and `to:` read) and the column's.
    pub fn filter(
        &self,
        query: &Query,
        row: usize,
        column: Option<usize>,
    ) -> Option<super::Filter> {
        let r = self.rows.get(row)?;
        let mut f = match column {
            Some(c) => query.column_filter(self.columns.get(c)?),
            None => super::Filter::default(),
        };
        f.from = Some(PartialDate::year(r.period));
        f.to = Some(PartialDate::year(r.period + self.by.years() - 1));
        Some(f)
    }
}

impl Query {
    /// The split table of `events` (positions in `timeline().events`).
    pub fn split_table(
        &self,
        events: &[usize],
        by: Period,
        columns: Vec<super::Column>,
    ) -> SplitTable {
        let n = self.timeline.events.len();
        let sets: Vec<fixedbitset::FixedBitSet> = columns
            .iter()
            .map(|c| {
                let mut set = fixedbitset::FixedBitSet::with_capacity(n);
                for m in &c.members {
                    set.extend(self.member_events(m).iter().map(|&i| i as usize));
                }
                set
            })
            .collect();
        let mut periods: std::collections::BTreeMap<i32, (Vec<usize>, usize)> = Default::default();
        for &i in events.iter().filter(|&&i| i < n) {
            let row = periods
                .entry(by.start(self.start_year(i)))
                .or_insert_with(|| (vec![0; columns.len()], 0));
            row.1 += 1;
            for (count, set) in row.0.iter_mut().zip(&sets) {
                *count += usize::from(set.contains(i));
            }
        }
        let rows = match (periods.first_key_value(), periods.last_key_value()) {
            (Some((&first, _)), Some((&last, _))) => (first..=last)
                .step_by(by.years() as usize)
                .map(|p| {
                    let (counts, events) =
                        periods.remove(&p).unwrap_or_else(|| (vec![0; columns.len()], 0));
                    PeriodRow { period: p, label: by.label(p), counts, events }
                })
                .collect(),
            _ => Vec::new(),
        };
        SplitTable { by, columns, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_before_year_one_name_their_years() {
        assert_eq!(decade_label(1990), "1990s");
        // Astronomical years -340..=-331 are 341 to 332 BCE.
        assert_eq!(decade_label(-340), "341 BCE–332 BCE");
        assert_eq!(decade_label(0), "1 BCE–9");
    }

    #[test]
    fn every_decade_between_the_first_and_the_last_is_a_row() {
        let counts = [(1840, 1), (1860, 3), (1990, 2)].into_iter().collect();
        let rows = decade_rows(&counts);
        assert_eq!(rows.len(), 16);
        assert_eq!(rows.first().map(|r| (r.key.as_str(), r.events)), Some(("1840", 1)));
        assert_eq!(rows[1].label, "1850s");
        assert_eq!(rows[1].events, 0);
        assert_eq!(rows.iter().map(|r| r.events).sum::<usize>(), 6);
        let bce = [(-340, 1), (-320, 1)].into_iter().collect();
        assert_eq!(decade_rows(&bce).iter().map(|r| r.events).collect::<Vec<_>>(), [1, 0, 1]);
        assert!(decade_rows(&Default::default()).is_empty());
    }
}
