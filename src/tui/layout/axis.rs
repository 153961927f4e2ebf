//! The time axis: where each shown event goes (a bar for a range, a mark
//! for a point), in lanes so that nothing overlaps, with what does not fit
//! counted into clusters. Pure layout, so the view draws it
//! and a click finds the event with the same answer.

use ratatui::layout::{Margin, Rect};

use crate::model::Timeline;

pub use crate::model::moment;

/// The first and last moment of event `i`.
pub fn extent(tl: &Timeline, i: usize) -> (f64, f64) {
    let e = &tl.events[i];
    let end = e.end.unwrap_or(e.date).latest().max(e.date.latest());
    (moment(e.date.earliest()), moment(end) + 1.0 / 372.0)
}

/// What the axis lays out: the shown events, the selected one, and the
/// window of time across the width.
#[derive(Debug, Clone, Copy)]
pub struct Scene<'a> {
    pub timeline: &'a Timeline,
    /// Positions in `Timeline::events`, in date order.
    pub shown: &'a [usize],
    /// Position in `shown` of the selected event.
    pub selected: usize,
    /// The first and last moment across the width.
    pub window: (f64, f64),
    /// The longest event, in years: how far back to look for ranges
    /// reaching into the window.
    pub longest: f64,
}

/// Rows above the lanes: eras, scale labels, ticks; and the clusters below.
pub const ABOVE: u16 = 3;
pub const BELOW: u16 = 1;

/// The lanes' area and their number, for the axis pane's area.
pub fn lanes_area(area: Rect) -> (Rect, usize) {
    let inner = area.inner(Margin::new(1, 1));
    let lanes = inner.height.saturating_sub(ABOVE + BELOW);
    (Rect { y: inner.y + ABOVE, height: lanes, ..inner }, usize::from(lanes))
}

/// One unit of the scale: a tick every `step` years (or days, under a
/// month), at least ten columns apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    Years(f64),
    Days(u8),
}

/// A day in moments: 31 days a month, as [`moment`] counts them.
const DAY: f64 = 1.0 / 372.0;

impl Step {
    /// The shortest step whose ticks are at least ten columns apart.
    pub fn fitting(span: f64, width: u16) -> Step {
        let years = [100.0, 50.0, 25.0, 10.0, 5.0, 2.0, 1.0, 0.5, 0.25, 1.0 / 12.0];
        let apart = |s: f64| s / span * f64::from(width) >= 10.0;
        if let Some(d) = [1u8, 2, 5, 10].into_iter().find(|&d| apart(f64::from(d) * DAY))
            && (!apart(1.0 / 12.0) || d < 10)
        {
            return Step::Days(d);
        }
        Step::Years(years.iter().copied().rev().find(|&s| apart(s)).unwrap_or(100.0))
    }

    /// The ticks in a window, in order: years on multiples of the step,
    /// days on the 1st of each month and every `step` days after.
    pub fn ticks(self, (t0, t1): (f64, f64)) -> Vec<f64> {
        let mut out = Vec::new();
        match self {
            Step::Years(step) => {
                let mut k = (t0 / step).ceil();
                while k * step <= t1 && out.len() < 10_000 {
                    out.push(k * step);
                    k += 1.0;
                }
            }
            Step::Days(d) => {
                let mut month = (t0 * 12.0).floor();
                while month / 12.0 <= t1 && out.len() < 10_000 {
                    let first = month / 12.0;
                    let mut day = 0u8;
                    // The last few days of a month run on to the next 1st.
                    while day + d / 2 < 28 || (d == 1 && day < 31) {
                        let t = first + f64::from(day) * DAY;
                        if (t0..=t1).contains(&t) {
                            out.push(t);
                        }
                        day += d;
                    }
                    month += 1.0;
                }
            }
        }
        out
    }

    /// "1991", "Mar 1991", or "5 Mar" under a month.
    pub fn label(self, t: f64) -> String {
        const MONTHS: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let t = t + 1e-6;
        let year = t.floor() as i32;
        let month = (((t - f64::from(year)) * 12.0).floor() as usize).min(11);
        match self {
            Step::Years(s) if s >= 1.0 => crate::model::PartialDate::year_label(year),
            Step::Years(_) => {
                format!("{} {}", MONTHS[month], crate::model::PartialDate::year_label(year))
            }
            Step::Days(_) => {
                let day = ((t - f64::from(year) - month as f64 / 12.0) / DAY).floor() as usize + 1;
                format!("{day} {}", MONTHS[month])
            }
        }
    }
}

/// The longest a title is written beside its mark.
const LABEL: usize = 28;

/// An event on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Position in `Scene::shown`.
    pub pos: usize,
    pub lane: usize,
    /// Columns from the axis's left edge: the mark or bar, then the label.
    pub start: u16,
    pub end: u16,
    pub label_width: u16,
    /// A range (drawn as a bar) rather than a point.
    pub range: bool,
    /// The title is written on the bar (a long one), not after it.
    pub inside: bool,
    /// The title is written before the mark: there was no room after it.
    pub before: bool,
}

impl Placed {
    /// The columns it takes, its title included.
    pub fn columns(&self) -> std::ops::RangeInclusive<u16> {
        if self.before {
            self.start.saturating_sub(self.label_width)..=self.end
        } else {
            self.start..=self.end + self.label_width
        }
    }
}

/// The axis laid out for a width and a number of lanes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub window: (f64, f64),
    pub placed: Vec<Placed>,
    /// Events that did not fit in the lanes: how many start at each column.
    pub clusters: Vec<usize>,
}

impl Layout {
    /// The event drawn at a column of a lane.
    pub fn at(&self, column: u16, lane: usize) -> Option<usize> {
        self.placed.iter().find(|p| p.lane == lane && p.columns().contains(&column)).map(|p| p.pos)
    }
}

/// The column of a moment, or `None` far off the window.
fn column(t: f64, (t0, t1): (f64, f64), width: u16) -> f64 {
    (t - t0) / (t1 - t0) * f64::from(width)
}

/// Which columns of each lane are taken.
struct Lanes {
    /// Per lane, the first free column.
    free: Vec<i64>,
    /// The selected event's room in the top lane.
    reserved: Option<(i64, i64)>,
}

impl Lanes {
    /// The first column where any lane may take something: before it, every
    /// lane is full (the top lane counting the selection's room).
    fn taken_to(&self) -> i64 {
        let top = match (self.free.first(), self.reserved) {
            (Some(&f), Some((a, b))) if f + 1 >= a => f.max(b + 2),
            (Some(&f), _) => f,
            (None, _) => 0,
        };
        self.free.iter().skip(1).copied().fold(top, i64::min)
    }
}

/// Puts event `pos` of `shown` in a lane (or in `fixed`), if it is in the
/// window and a lane has room where it starts.
fn place(
    scene: &Scene,
    pos: usize,
    width: u16,
    lanes: &mut Lanes,
    fixed: Option<usize>,
    out: &mut Layout,
) -> Option<()> {
    let tl = scene.timeline;
    let window = out.window;
    let i = *scene.shown.get(pos)?;
    let (s, e) = extent(tl, i);
    if e < window.0 || s > window.1 {
        return None;
    }
    let x0 = column(s, window, width).floor();
    let x1 = column(e, window, width).floor();
    // A date is a mark at any zoom, as the legend says; a range a bar.
    let range = x1 - x0 >= 2.0 && tl.events[i].end.is_some();
    let start = x0.max(0.0) as i64;
    let end = if range { (x1 as i64).min(i64::from(width) - 1) } else { start };
    // No lane free where it starts: no need to measure its title.
    let blocked = |l: usize| {
        lanes.free[l] > start
            || (l == 0 && lanes.reserved.is_some_and(|(a, b)| (a..=b).contains(&start)))
    };
    if fixed.is_none() && (0..lanes.free.len()).all(blocked) {
        return None;
    }
    // Characters, not columns: the label is cut to its room when drawn.
    let title = tl.events[i].title.chars().take(LABEL).count() as i64;
    // A long bar carries its title; anything else has it after, where there is room.
    let inside = range && end - start > title.min(12);
    let room = i64::from(width) - end - 2;
    // No room after the mark near the right edge: the title goes before it.
    let before = !inside && room < title.min(12) && start - 1 > room;
    let label = match (inside, before) {
        (true, _) => 0,
        (false, true) => title.min(start - 1).max(0),
        (false, false) => title.min(room.max(0)),
    };
    let (first, last) = if before { (start - label - 1, end) } else { (start, end + 1 + label) };
    let lane = match fixed {
        Some(l) => l,
        None => (0..lanes.free.len()).find(|&l| {
            lanes.free[l] <= first
                && !(l == 0 && lanes.reserved.is_some_and(|(a, b)| first <= b && last >= a))
        })?,
    };
    lanes.free[lane] = lanes.free[lane].max(last + 2);
    out.placed.push(Placed {
        pos,
        lane,
        start: u16::try_from(start).unwrap_or(0),
        end: u16::try_from(end).unwrap_or(0),
        label_width: u16::try_from(label + 1).unwrap_or(0),
        range,
        inside,
        before,
    });
    Some(())
}

/// Lays the shown events out: the selected one first in the top lane, then
/// each in time order in the first lane free where it starts; what finds
/// no lane is counted in a cluster where it starts.
pub fn lay_out(scene: &Scene, width: u16, lanes: usize) -> Layout {
    let tl = scene.timeline;
    let window = scene.window;
    let mut out = Layout { window, ..Layout::default() };
    if width == 0 || lanes == 0 {
        return out;
    }
    // Shown events are in start order: skip those that end before the window.
    let from = scene.shown.partition_point(|&i| extent(tl, i).0 < window.0 - scene.longest);
    out.clusters = vec![0; usize::from(width)];
    let mut taken = Lanes { free: vec![0; lanes], reserved: None };
    if place(scene, scene.selected, width, &mut taken, Some(0), &mut out).is_some()
        && let Some(p) = out.placed.first()
    {
        let columns = p.columns();
        taken.reserved = Some((i64::from(*columns.start()), i64::from(*columns.end())));
        taken.free[0] = 0;
    }
    // No lane is free before this column: events starting before it (with
    // their title after them) go straight to the clusters.
    let mut all_taken_to = 0i64;
    let shown = scene.shown;
    let mut pos = from;
    while pos < shown.len() {
        if pos == scene.selected {
            pos += 1;
            continue;
        }
        let (s, e) = extent(tl, shown[pos]);
        if s > window.1 {
            break;
        }
        if e < window.0 {
            pos += 1;
            continue;
        }
        let x = column(s.max(window.0), window, width).floor().max(0.0) as i64;
        if x < all_taken_to && s >= window.0 {
            // Every event from here starting before that column is crowded
            // out: count them column by column with a binary search each,
            // rather than one by one (a million events, two centuries across).
            let mut at = pos;
            for c in x..all_taken_to.min(i64::from(width)) {
                let next = window.0 + (c + 1) as f64 / f64::from(width) * (window.1 - window.0);
                let end = at + shown[at..].partition_point(|&i| extent(tl, i).0 < next);
                let selected = usize::from((at..end).contains(&scene.selected));
                out.clusters[usize::try_from(c).unwrap_or(0)] += end - at - selected;
                at = end;
            }
            // Rounding may leave this one to the next column: it goes on below.
            if at > pos {
                pos = at;
                continue;
            }
        }
        if place(scene, pos, width, &mut taken, None, &mut out).is_some() {
            all_taken_to = taken.taken_to();
        } else {
            out.clusters[usize::try_from(x).unwrap_or(0).min(usize::from(width) - 1)] += 1;
        }
        pos += 1;
    }
    out
}

/// The counts of events crowded out, as `+12` labels where they start,
/// never overlapping: what finds no room goes into the label before it, or
/// the last one at the right edge.
pub fn cluster_labels(clusters: &[usize], width: u16) -> Vec<(u16, String)> {
    let mut out: Vec<(u16, usize)> = Vec::new();
    let len = |n: usize| n.to_string().len() as u16 + 1;
    let mut next_free = 0u16;
    let mut carried = 0usize;
    for (c, &n) in clusters.iter().enumerate().filter(|(_, n)| **n > 0) {
        carried += n;
        let c = (c as u16).max(next_free);
        if c + len(carried) > width {
            continue;
        }
        out.push((c, carried));
        next_free = c + len(carried) + 1;
        carried = 0;
    }
    // Those crowded out at the right end: at the edge, taking in the labels
    // they would overlap.
    while carried > 0 {
        let at = width.saturating_sub(len(carried));
        match out.last() {
            Some(&(c, n)) if c + len(n) + 1 > at => {
                out.pop();
                carried += n;
            }
            _ => {
                if len(carried) <= width {
                    out.push((at, carried));
                }
                carried = 0;
            }
        }
    }
    out.into_iter().map(|(c, n)| (c, format!("+{n}"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_labels_never_overlap_even_at_the_right_edge() {
        // The "+86+828800" of a million events: the last labels gave way to the edge one.
        let mut clusters = vec![0usize; 40];
        clusters[30] = 86;
        clusters[36] = 828_800;
        clusters[39] = 5;
        let labels = cluster_labels(&clusters, 40);
        let mut free = 0;
        for (c, text) in &labels {
            assert!(*c >= free, "{labels:?}");
            free = c + text.len() as u16 + 1;
            assert!(free - 1 <= 40, "{labels:?}");
        }
        let total: usize = labels.iter().map(|(_, t)| t[1..].parse::<usize>().unwrap_or(0)).sum();
        assert_eq!(total, 86 + 828_800 + 5);
        assert_eq!(
            cluster_labels(&[3, 0, 0, 4], 20),
            [(0, "+3".to_string()), (3, "+4".to_string())]
        );
    }

    #[test]
    fn steps_go_down_to_days_at_a_month() {
        assert_eq!(Step::fitting(200.0, 78), Step::Years(50.0));
        assert_eq!(Step::fitting(1.0 / 12.0, 78), Step::Days(5));
        let ticks = Step::Days(5).ticks((1991.0 + 11.0 / 12.0, 1992.0));
        let labels: Vec<String> = ticks.iter().map(|&t| Step::Days(5).label(t)).collect();
        assert_eq!(labels, ["1 Dec", "6 Dec", "11 Dec", "16 Dec", "21 Dec", "26 Dec", "1 Jan"]);
        assert_eq!(Step::Years(1.0).label(1991.0), "1991");
        assert_eq!(Step::Years(0.25).label(1991.25), "Apr 1991");
    }

    #[test]
    fn moments_follow_the_calendar() {
        assert_eq!(moment((1991, 1, 1)), 1991.0);
        assert!(moment((1991, 12, 26)) > 1991.9 && moment((1991, 12, 26)) < 1992.0);
        assert!(moment((1991, 6, 30)) < moment((1991, 7, 1)));
        assert_eq!(moment((-330, 1, 1)), -330.0);
    }
}
