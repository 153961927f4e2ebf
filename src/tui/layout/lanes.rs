//! The time axis in lanes (`g`): one band per country, actor, tag or lane
//! of a lane set, its label on the left. A band draws its events as marks
//! when they all fit, else how many start in each period between two ticks
//! (as vis-timeline clusters when zoomed out): a count per period never
//! runs into the next. Pure, so the view draws it and a click finds a lane
//! or an event with the same answer.

use crate::query::{Column, Query};
use crate::tui::layout::axis::{Layout, Scene, Step, extent, lay_out};

/// The widest a lane's label is.
const LABEL: u16 = 16;
/// The most rows a lane takes.
const ROWS: u16 = 3;

/// What a lane band shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Every event as a mark or a bar; `Placed::pos` is a position in the
    /// band's `events`.
    Marks(Layout),
    /// How many start in each period.
    Counts(Vec<Count>),
}

/// The events of a lane starting in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// Columns from the axis's left edge: where the period starts, and its width.
    pub start: u16,
    pub width: u16,
    pub events: usize,
    /// The selected event is among them.
    pub selected: bool,
}

impl Count {
    /// The count as it fits its period: `12`, `829k`, `▪` when even that does not.
    pub fn text(&self) -> String {
        let room = usize::from(self.width.saturating_sub(1)).max(1);
        let full = self.events.to_string();
        if full.len() <= room {
            return full;
        }
        let short = match self.events {
            n if n < 1_000_000 => format!("{}k", n / 1000),
            n => format!("{}M", n / 1_000_000),
        };
        if short.len() <= room { short } else { "▪".into() }
    }
}

/// One lane on the screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Its position among all the lanes.
    pub lane: usize,
    pub label: String,
    /// Rows from the top of the lanes' area, and how many.
    pub row: u16,
    pub rows: u16,
    /// Its shown events (positions in `Timeline::events`), in date order.
    pub events: Vec<usize>,
    pub content: Content,
}

/// The lanes laid out for an area.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lanes {
    /// Columns the labels take on the left; the axis starts after them.
    pub label_width: u16,
    pub bands: Vec<Band>,
    /// How many lanes there are in all: more than `bands` when some do not fit.
    pub total: usize,
    /// The largest count drawn, for the bars under counts.
    pub most: usize,
}

impl Lanes {
    /// The lane whose label is at a row.
    pub fn label_at(&self, row: u16) -> Option<usize> {
        self.bands.iter().find(|b| (b.row..b.row + b.rows).contains(&row)).map(|b| b.lane)
    }

    /// The event (position in `Timeline::events`) drawn at a column of the
    /// axis and a row of the lanes' area.
    pub fn event_at(&self, column: u16, row: u16) -> Option<usize> {
        let b = self.bands.iter().find(|b| (b.row..b.row + b.rows).contains(&row))?;
        match &b.content {
            Content::Marks(layout) => {
                layout.at(column, usize::from(row - b.row)).and_then(|p| b.events.get(p).copied())
            }
            Content::Counts(_) => None,
        }
    }
}

/// The lanes of `columns` for an area of `width` × `rows` (labels
/// included), showing the lane `focus` (or the first with the selected
/// event) when they do not all fit.
pub fn lay_out_lanes(
    query: &Query,
    scene: &Scene,
    columns: &[Column],
    focus: Option<usize>,
    width: u16,
    rows: u16,
) -> Lanes {
    let total = columns.len();
    let widest = columns.iter().map(|c| crate::text::width(&c.label)).max().unwrap_or(0);
    let label_width = (u16::try_from(widest).unwrap_or(LABEL).min(LABEL) + 1).min(width / 4);
    let mut out = Lanes { label_width, total, ..Lanes::default() };
    let axis = width.saturating_sub(label_width);
    if total == 0 || rows == 0 || axis < 4 {
        return out;
    }
    let per = (rows / u16::try_from(total).unwrap_or(u16::MAX)).clamp(1, ROWS);
    let fit = usize::from(rows / per);
    let selected = scene.shown.get(scene.selected).copied();
    // The lanes' events are found only for those drawn, but the one to show
    // may need a look at each.
    let focus = focus.or_else(|| {
        let i = selected?;
        columns.iter().position(|c| {
            c.members.iter().any(|m| query.member_events(m).binary_search(&(i as u32)).is_ok())
        })
    });
    let first = focus.map_or(0, |f| (f + 1).saturating_sub(fit)).min(total.saturating_sub(fit));
    let step = Step::fitting(scene.window.1 - scene.window.0, axis);
    let ticks = step.ticks(scene.window);
    for (k, lane) in (first..total.min(first + fit)).enumerate() {
        let column = &columns[lane];
        let events = query.column_events(column, scene.shown);
        let selected_here = selected.and_then(|i| events.binary_search(&i).ok());
        let band_scene =
            Scene { shown: &events, selected: selected_here.unwrap_or(usize::MAX), ..*scene };
        let layout = lay_out(&band_scene, axis, usize::from(per));
        let content = if layout.clusters.iter().all(|&n| n == 0) {
            Content::Marks(layout)
        } else {
            let counts = counts(&band_scene, &ticks, axis);
            out.most = out.most.max(counts.iter().map(|c| c.events).max().unwrap_or(0));
            Content::Counts(counts)
        };
        out.bands.push(Band {
            lane,
            label: column.label.clone(),
            row: u16::try_from(k).unwrap_or(0) * per,
            rows: per,
            events,
            content,
        });
    }
    out
}

/// How many of the scene's events start in each period between ticks
/// (and before the first, after the last), with a binary search each.
fn counts(scene: &Scene, ticks: &[f64], width: u16) -> Vec<Count> {
    let (t0, t1) = scene.window;
    let column = |t: f64| {
        ((t - t0) / (t1 - t0) * f64::from(width)).floor().clamp(0.0, f64::from(width)) as u16
    };
    let mut edges: Vec<f64> = vec![t0];
    edges.extend(ticks.iter().copied().filter(|&t| t > t0 && t < t1));
    edges.push(t1);
    let tl = scene.timeline;
    let starts = |t: f64| scene.shown.partition_point(|&i| extent(tl, i).0 < t);
    let mut out = Vec::new();
    for w in edges.windows(2) {
        let (a, b) = (starts(w[0]), starts(w[1]));
        let (start, end) = (column(w[0]), column(w[1]));
        if b > a && end > start {
            out.push(Count {
                start,
                width: end - start,
                events: b - a,
                selected: (a..b).contains(&scene.selected),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_fits_its_period() {
        let c = |events, width| Count { start: 0, width, events, selected: false }.text();
        assert_eq!(c(12, 10), "12");
        assert_eq!(c(828_800, 10), "828800");
        assert_eq!(c(828_800, 5), "828k");
        assert_eq!(c(1_828_800, 3), "1M");
        assert_eq!(c(828_800, 2), "▪");
    }
}
