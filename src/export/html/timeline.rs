//! The page's time axis, drawn here as SVG so that it is there with the
//! script off and in print: the eras as bands, a scale of years, and one
//! mark per event (a dot for a date, a bar for a range) packed in rows so
//! that none overlaps, each a link to its event carrying its id
//! (`data-id`) and its moments (`data-b`, `data-e`). timeline.js zooms,
//! pans, follows the filters and puts the marks in lanes: by country,
//! actor, tag or a lane set, whose members are listed here as the filters'
//! positions (`c3`, `a0`, `t12`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Deref;

use maud::{Markup, PreEscaped, html};

use crate::document::{Card, Facet, Page};
use crate::model::{Member, Timeline, moment};

/// The SVG's width in its own units; heights follow.
const W: f64 = 1000.0;
/// Where the rows of marks start, under the eras and the scale.
const TOP: f64 = 40.0;
const ROW: f64 = 14.0;
const ROWS: usize = 12;

/// The window the axis shows: the events' first and last moments, with a
/// margin, and at least a year.
fn window<'c, C: Deref<Target = Card<'c>>>(cards: impl Iterator<Item = C>) -> (f64, f64) {
    let (mut a, mut b) = (f64::MAX, f64::MIN);
    for c in cards {
        a = a.min(c.when.0);
        b = b.max(c.when.1.unwrap_or(c.when.0));
    }
    if a > b {
        return (2000.0, 2001.0);
    }
    let margin = ((b - a) * 0.03).max(0.5);
    (a - margin, b + margin)
}

/// A number as short as the drawing needs: `512.3`, `1991.9812`.
fn num(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    if s == "-0" { "0".into() } else { s.to_string() }
}

struct Scale {
    t0: f64,
    t1: f64,
}

impl Scale {
    fn x(&self, t: f64) -> f64 {
        (t - self.t0) / (self.t1 - self.t0) * W
    }
}

/// The eras as bands, their titles inside (clipped to the band), and the
/// scale: a tick and a year every step, at most a dozen.
fn eras_and_scale(tl: &Timeline, s: &Scale) -> Markup {
    let span = s.t1 - s.t0;
    let step = [1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0]
        .into_iter()
        .find(|st| span / st <= 12.0)
        .unwrap_or(1000.0);
    let mut ticks = String::new();
    let mut labels = Vec::new();
    let mut t = (s.t0 / step).ceil() * step;
    while t <= s.t1 {
        let x = num(s.x(t), 1);
        let _ = write!(ticks, "M{x} 26v5");
        labels.push((x, crate::model::PartialDate::year_label(t as i32)));
        t += step;
    }
    html! {
        g #tl-e {
            @for (n, era) in tl.eras.iter().enumerate() {
                @let b = moment(era.start.earliest());
                @let e = era.end.map_or(s.t1, |d| moment(d.latest()));
                @if e > s.t0 && b < s.t1 {
                    @let x = s.x(b).max(0.0);
                    svg x=(num(x, 1)) y="0" width=(num(s.x(e).min(W) - x, 1)) height="13"
                        data-b=(num(b, 4)) data-e=(num(e, 4)) {
                        rect.e width="100%" height="100%" data-n=(n % 2) {}
                        text x="3" y="10" { (era.title) }
                    }
                }
            }
        }
        g #tl-k {
            path d=(ticks) {}
            @for (x, label) in &labels { text x=(x) y="24" { (label) } }
        }
    }
}

/// One event's mark: a link to it, titled, a dot or a bar at `y`.
fn mark(card: &Card, s: &Scale, y: f64, step: Option<usize>) -> Markup {
    let x0 = s.x(card.when.0);
    let href = match step {
        Some(n) => format!("#step-{n}"),
        None => format!("#ev-{}", card.id),
    };
    html! {
        a href=(href) data-id=(card.id) data-b=(num(card.when.0, 4))
            data-e=[card.when.1.map(|e| num(e, 4))] data-step=[step] {
            title { (card.date) " — " (card.title) }
            @match card.when.1.map(|e| s.x(e)).filter(|x1| x1 - x0 >= 6.0) {
                Some(x1) => rect x=(num(x0, 1)) y=(num(y - 3.0, 1)) width=(num(x1 - x0, 1)) height="6" rx="2" {},
                None => circle cx=(num(x0, 1)) cy=(num(y, 1)) r="4" {},
            }
        }
    }
}

/// Rows for marks in date order, each in the first row free where it
/// starts (the fullest last when none is).
fn pack(cards: &[&Card], s: &Scale) -> Vec<usize> {
    let mut rows = Rows::default();
    cards.iter().map(|c| rows.next(c, s)).collect()
}

/// The rows' ends so far, for [`pack`] one mark at a time.
#[derive(Default)]
struct Rows {
    ends: Vec<f64>,
}

impl Rows {
    /// The row of the next mark in date order.
    fn next(&mut self, c: &Card, s: &Scale) -> usize {
        let ends = &mut self.ends;
        let x0 = s.x(c.when.0);
        let x1 = c.when.1.map_or(x0, |e| s.x(e).max(x0));
        let row = match ends.iter().position(|&end| end + 10.0 <= x0) {
            Some(r) => r,
            None if ends.len() < ROWS => {
                ends.push(f64::MIN);
                ends.len() - 1
            }
            None => (0..ends.len()).min_by(|&a, &b| ends[a].total_cmp(&ends[b])).unwrap_or(0),
        };
        ends[row] = ends[row].max(x1);
        row
    }
}

/// The axis's height for marks in `rows` rows.
fn height(rows: usize) -> f64 {
    TOP + ROW * (rows.max(1) as f64) + 4.0
}

/// The members of a lane as the filters' positions: `c0 c3`.
fn member_codes(members: &[Member], facets: [&HashMap<&str, usize>; 3]) -> String {
    let codes: Vec<String> = members
        .iter()
        .filter_map(|m| {
            let (kind, index) = match m {
                Member::Country(_) => ('c', facets[0]),
                Member::Actor(_) => ('a', facets[1]),
                Member::Tag(_) => ('t', facets[2]),
            };
            index.get(m.key()).map(|i| format!("{kind}{i}"))
        })
        .collect();
    codes.join(" ")
}

fn positions<'a>(facets: &[Facet<'a>]) -> HashMap<&'a str, usize> {
    facets.iter().enumerate().map(|(i, f)| (f.key, i)).collect()
}

/// The cards' scale, each card's row and the axis's height; none for no cards.
fn laid_out(cards: &[&Card]) -> Option<(Scale, Vec<usize>, f64)> {
    if cards.is_empty() {
        return None;
    }
    let (t0, t1) = window(cards.iter().copied());
    let s = Scale { t0, t1 };
    let rows = pack(cards, &s);
    let height = height(rows.iter().max().map_or(1, |r| r + 1));
    Some((s, rows, height))
}

/// The page's time axis: above the list, with the lanes' choice and zoom
/// (shown by the script), and the lane sets' members for it.
pub fn page_axis(page: &Page) -> Markup {
    let cards: Vec<&Card> = page.cards().collect();
    let Some((s, rows, height)) = laid_out(&cards) else { return html! {} };
    let tl = page.timeline;
    let index = [&positions(&page.countries), &positions(&page.actors), &positions(&page.tags)];
    html! {
        section #tl .tl aria-label="The events in time" {
            div.tl-bar hidden {
                label { "Lanes " select #tl-lanes {
                    option value="" { "none" }
                    @if !page.countries.is_empty() { option value="country" { "by country" } }
                    @if !page.actors.is_empty() { option value="actor" { "by person or organisation" } }
                    @if !page.tags.is_empty() { option value="tag" { "by tag" } }
                    @for set in &tl.lanes { option value=(set.id) { (set.title) } }
                } }
                " "
                button #tl-out type="button" aria-label="Zoom out" { "−" }
                button #tl-in type="button" aria-label="Zoom in" { "+" }
                button #tl-fit type="button" { "Fit" }
                " "
                small { "Keys on the axis: " kbd { "←" } " " kbd { "→" } " move, " kbd { "+" } " " kbd { "−" } " zoom, " kbd { "0" } " fit; the wheel zooms, dragging moves." }
            }
            svg #tl-svg viewBox={ "0 0 1000 " (num(height, 0)) } role="group" tabindex="0"
                aria-label="Time axis: eras, years, and a mark per event; each mark links to its event"
                data-t0=(num(s.t0, 4)) data-t1=(num(s.t1, 4)) {
                (eras_and_scale(tl, &s))
                g #tl-m {
                    @for (card, row) in cards.iter().zip(&rows) {
                        (mark(card, &s, TOP + 6.0 + ROW * *row as f64, None))
                    }
                }
                g #tl-l {}
            }
            div #tl-sets hidden {
                @for set in &tl.lanes {
                    @for lane in &set.lanes {
                        p data-set=(set.id) data-m=(member_codes(&lane.members, index)) { (tl.lane_label(lane)) }
                    }
                }
            }
            p #tl-card .tl-card hidden aria-live="polite" {}
        }
    }
}

/// A lesson's axis: its steps on the timeline's eras and years, the
/// current one marked by the script (`cur`), each a link to its step.
/// Written mark by mark from cards made again for each pass (the window,
/// the rows' count, the marks): a tour's steps are never all held as cards.
pub fn write_lesson_axis<'c, C, I>(
    out: &mut dyn Write,
    tl: &Timeline,
    cards: impl Fn() -> I,
) -> io::Result<()>
where
    C: Deref<Target = Card<'c>>,
    I: Iterator<Item = C>,
{
    if cards().next().is_none() {
        return Ok(());
    }
    let (t0, t1) = window(cards());
    let s = Scale { t0, t1 };
    let mut rows = Rows::default();
    cards().for_each(|c| _ = rows.next(&c, &s));
    let around = html! {
        section #tl .tl.tl-lesson aria-label="Where the steps lie in time" {
            svg #tl-svg viewBox={ "0 0 1000 " (num(height(rows.ends.len()), 0)) } role="group"
                aria-label="Time axis of the lesson: a mark per step"
                data-t0=(num(s.t0, 4)) data-t1=(num(s.t1, 4)) {
                (eras_and_scale(tl, &s))
                g #tl-m { (PreEscaped(super::CARDS)) }
                g #tl-l {}
            }
        }
    }
    .into_string();
    let (open, close) = super::around_cards(&around);
    out.write_all(open.as_bytes())?;
    let mut rows = Rows::default();
    for (n, card) in cards().enumerate() {
        let y = TOP + 6.0 + ROW * rows.next(&card, &s) as f64;
        out.write_all(mark(&card, &s, y, Some(n + 1)).into_string().as_bytes())?;
    }
    out.write_all(close.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(512.3001, 1), "512.3");
        assert_eq!(num(1991.0, 4), "1991");
        assert_eq!(num(-0.01, 1), "0");
        assert_eq!(num(1991.98124, 4), "1991.9812");
    }
}
