//! The page's maps, inline SVG drawn from [`crate::atlas`]: every country's
//! outline once, in a hidden `<defs>`, then a small locator map per event
//! (its countries filled, its own place marked) and a map of the region
//! shaded by the number of events, each a few `<use>` of those outlines. They
//! are in the HTML, so they show with the script off and in print; the
//! script only re-shades the region map when the filters change.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use maud::{Markup, html};

use crate::atlas::{Outline, atlas, simplified};
use crate::document::Card;

/// Drawing units per degree: coordinates are written as whole tenths.
const UNIT: f64 = 10.0;
/// The least a map shows across, in degrees.
const NARROWEST: f64 = 16.0;
/// Shades of the region map, from one event to the most.
const SHADES: usize = 5;

/// A part of the world, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    west: f64,
    east: f64,
    south: f64,
    north: f64,
}

impl Frame {
    /// Around the points (latitude, longitude), with a margin.
    fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Frame> {
        let mut f: Option<Frame> = None;
        for (lat, lon) in points {
            let g = f.get_or_insert(Frame { west: lon, east: lon, south: lat, north: lat });
            g.west = g.west.min(lon);
            g.east = g.east.max(lon);
            g.south = g.south.min(lat);
            g.north = g.north.max(lat);
        }
        let f = f?;
        let mx = ((f.east - f.west) * 0.15).max(NARROWEST / 4.0);
        let my = ((f.north - f.south) * 0.2).max(NARROWEST / 6.0);
        Some(Frame {
            west: (f.west - mx).max(-180.0),
            east: (f.east + mx).min(200.0),
            south: (f.south - my).max(-70.0),
            north: (f.north + my).min(84.0),
        })
    }

    /// Widened east and west to at least `ratio` times as wide as tall, as drawn.
    fn widened(self, squeeze: f64, ratio: f64) -> Frame {
        let (wide, tall) = ((self.east - self.west) * squeeze, self.north - self.south);
        if wide >= tall * ratio {
            return self;
        }
        let grow = (tall * ratio - wide) / squeeze / 2.0;
        Frame { west: self.west - grow, east: self.east + grow, ..self }
    }

    fn union(self, o: Frame) -> Frame {
        Frame {
            west: self.west.min(o.west),
            east: self.east.max(o.east),
            south: self.south.min(o.south),
            north: self.north.max(o.north),
        }
    }

    fn holds(&self, (lat, lon): (f64, f64)) -> bool {
        (self.west..=self.east).contains(&lon) && (self.south..=self.north).contains(&lat)
    }

    fn meets(&self, o: &Outline) -> bool {
        o.meets(self.west, self.east, self.south, self.north)
    }
}

/// The projection shared by every map of a page: longitude squeezed by the
/// cosine of the region's middle latitude, so the region keeps its shape.
#[derive(Debug, Clone, Copy)]
struct Projection {
    squeeze: f64,
}

impl Projection {
    fn x(&self, lon: f64) -> f64 {
        lon * self.squeeze * UNIT
    }

    fn y(&self, lat: f64) -> f64 {
        -lat * UNIT
    }

    fn view_box(&self, f: &Frame) -> String {
        let (x, y) = (self.x(f.west), self.y(f.north));
        let (w, h) = (self.x(f.east) - x, self.y(f.south) - y);
        format!("{x:.0} {y:.0} {w:.0} {h:.0}")
    }
}

/// Every map of one page: the outlines it needs, its region, its projection.
pub struct Maps {
    region: Frame,
    projection: Projection,
    /// Today's countries drawn, in code order.
    drawn: Vec<&'static Outline>,
    /// Shown events per country of today, for the region map.
    counts: BTreeMap<&'static str, usize>,
}

/// The outlines of today's countries a card's countries stand for.
fn today(card: &Card) -> BTreeSet<&'static str> {
    card.countries.iter().flat_map(|c| atlas().shapes(c.code)).map(|o| o.code).collect()
}

/// How far east or west of the region a locator still reaches, in degrees:
/// a country beyond is named under the map instead of stretching it thin.
const REACH: f64 = 30.0;

/// Whether a point is near enough the region to widen a locator.
fn near(region: &Frame, (_, lon): (f64, f64)) -> bool {
    lon >= region.west - REACH && lon <= region.east + REACH
}

/// Where a card's locator looks: the region, grown to hold the event's
/// capitals and place where they are near it.
fn frame_of(card: &Card, region: Frame, squeeze: f64) -> Frame {
    let points = card.countries.iter().filter_map(|c| c.capital).chain(card.place);
    let points: Vec<(f64, f64)> = points.filter(|&p| near(&region, p)).collect();
    if points.iter().all(|&p| region.holds(p)) {
        return region;
    }
    Frame::around(points).map_or(region, |f| region.union(f).widened(squeeze, RATIO))
}

/// The least width of a map for its height.
const RATIO: f64 = 1.8;

/// Each country named: how many events, and its capital.
type Named<'a> = BTreeMap<&'a str, (usize, Option<(f64, f64)>)>;

/// The capitals a region is drawn around: those of the countries with at
/// least a quarter as many events as the busiest one (as the explorer's map
/// opens), within 50 degrees of longitude of where most events are.
fn busiest(named: &Named) -> Vec<(f64, f64)> {
    let most = named.values().map(|&(n, _)| n).max().unwrap_or(0);
    let mut busy: Vec<(usize, (f64, f64))> = named
        .values()
        .filter(|&&(n, _)| n * 4 >= most)
        .filter_map(|&(n, p)| Some((n, p?)))
        .collect();
    busy.sort_by(|a, b| a.1.1.total_cmp(&b.1.1));
    let half: usize = busy.iter().map(|&(n, _)| n).sum::<usize>() / 2;
    let mut seen = 0;
    let middle = busy.iter().find(|&&(n, _)| {
        seen += n;
        seen > half
    });
    let Some(&(_, (_, centre))) = middle else { return Vec::new() };
    busy.into_iter().map(|(_, p)| p).filter(|p| (p.1 - centre).abs() <= 50.0).collect()
}

impl Maps {
    /// The maps of these cards; `None` when none of their countries has an
    /// outline or a capital, so there is nothing to draw.
    pub fn new(cards: &[&Card]) -> Option<Maps> {
        Maps::of_each(|| cards.iter().copied())
    }

    /// [`Maps::new`] from cards made again for each of its two passes: a
    /// lesson's steps are not all held as cards.
    pub fn of_each<'c, C, I>(cards: impl Fn() -> I) -> Option<Maps>
    where
        C: std::ops::Deref<Target = Card<'c>>,
        I: Iterator<Item = C>,
    {
        // The region: the capitals of the countries with at least a quarter
        // as many events as the busiest one (as the explorer's map opens).
        let mut named: Named = BTreeMap::new();
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for card in cards() {
            for c in &card.countries {
                named.entry(c.code).or_insert((0, c.capital)).0 += 1;
            }
            for code in today(&card) {
                *counts.entry(code).or_default() += 1;
            }
        }
        let region = Frame::around(busiest(&named)).or_else(|| {
            // No capitals: around the outlines of the countries named.
            let boxes = counts.keys().filter_map(|c| atlas().get(c));
            Frame::around(boxes.flat_map(|o| [(o.south, o.west), (o.north, o.east)]))
        })?;
        let squeeze = ((region.south + region.north) / 2.0).to_radians().cos().max(0.2);
        let region = region.widened(squeeze, RATIO);
        let reach = cards().fold(region, |f, card| f.union(frame_of(&card, region, squeeze)));
        let drawn = atlas().all().iter().filter(|o| reach.meets(o)).collect();
        Some(Maps { region, projection: Projection { squeeze }, drawn, counts })
    }

    /// A country's outline as path data, simplified for the region's scale
    /// (coarser outside it, where it is only context).
    fn path(&self, o: &Outline) -> String {
        let across = self.region.east - self.region.west;
        let tolerance = if self.region.meets(o) { across / 400.0 } else { across / 150.0 };
        let p = self.projection;
        let mut d = String::new();
        let mut rings: Vec<Vec<(f64, f64)>> =
            o.rings.iter().filter_map(|r| simplified(r, tolerance)).collect();
        if rings.is_empty() {
            // A country smaller than the tolerance (Malta) keeps its largest ring.
            rings.extend(o.rings.iter().max_by_key(|r| r.len()).cloned());
        }
        for ring in &rings {
            let mut last = (0i64, 0i64);
            for (n, &(lon, lat)) in ring.iter().enumerate() {
                let at = (p.x(lon).round() as i64, p.y(lat).round() as i64);
                if n == 0 {
                    let _ = write!(d, "M{} {}", at.0, at.1);
                } else if at != last {
                    let _ = write!(d, "l{} {}", at.0 - last.0, at.1 - last.1);
                }
                last = at;
            }
            d.push('z');
        }
        d
    }

    /// The outlines, once for the whole page: hidden, used by every map.
    /// Each country's, for the ones a map fills; and all of them as one
    /// path, the land every map draws first: a browser copies what a `<use>`
    /// names into each map, and 10,000 locators of 170 outlines each took
    /// half a minute to load.
    pub fn defs(&self) -> Markup {
        let paths: Vec<(&str, String)> =
            self.drawn.iter().map(|o| (o.code, self.path(o))).collect();
        let land: String = paths.iter().map(|(_, d)| d.as_str()).collect();
        html! {
            svg.atlas aria-hidden="true" focusable="false" width="0" height="0" {
                defs {
                    g #m-all {
                        @for (code, d) in &paths {
                            path #{ "m-" (code) } d=(d) vector-effect="non-scaling-stroke" {}
                        }
                    }
                    path #m-land d=(land) vector-effect="non-scaling-stroke" {}
                }
            }
        }
    }

    /// The codes of today's countries a card fills, as the script reads them.
    pub fn codes(&self, card: &Card) -> String {
        today(card).into_iter().collect::<Vec<_>>().join(" ")
    }

    /// A cross at a place, sized for a map `across` units wide.
    fn place(&self, (lat, lon): (f64, f64), across: f64, label: &str) -> Markup {
        let p = self.projection;
        let (x, y, r) = (p.x(lon), p.y(lat), across / 40.0);
        let d = format!(
            "M{:.0} {:.0}l{:.0} {:.0}m0 {:.0}l{:.0} {:.0}",
            x - r,
            y - r,
            2.0 * r,
            2.0 * r,
            -2.0 * r,
            -2.0 * r,
            2.0 * r
        );
        html! { path.place d=(d) vector-effect="non-scaling-stroke" { title { (label) } } }
    }

    /// A small map of where an event happened: its countries filled (a state
    /// that no longer exists as the countries of today it covered), its
    /// place marked.
    pub fn locator(&self, card: &Card) -> Markup {
        let frame = frame_of(card, self.region, self.projection.squeeze);
        let names: Vec<&str> = card.countries.iter().map(|c| c.name).collect();
        let label = if names.is_empty() {
            "Map of the region".to_string()
        } else {
            format!("Map: {}", names.join(", "))
        };
        let across = self.projection.x(frame.east) - self.projection.x(frame.west);
        let mut notes: Vec<String> = card
            .countries
            .iter()
            .filter_map(|c| {
                crate::atlas::drawn_as_note(c.code).map(|n| format!("{}: {n}.", c.name))
            })
            .collect();
        let far: Vec<&str> = card
            .countries
            .iter()
            .filter(|c| c.capital.is_some_and(|p| !frame.holds(p)))
            .map(|c| c.name)
            .collect();
        if !far.is_empty() {
            notes.push(format!("Off the map: {}.", far.join(", ")));
        }
        html! {
            figure.locator {
                svg.map viewBox=(self.projection.view_box(&frame)) role="img" aria-label=(label) {
                    use.land href="#m-land" {}
                    @for code in today(card) {
                        @if self.drawn.iter().any(|o| o.code == code) {
                            use.on href={ "#m-" (code) } {}
                        }
                    }
                    @if let Some(p) = card.place {
                        (self.place(p, across, card.location.as_deref().unwrap_or("The place")))
                    }
                }
                @if !notes.is_empty() { figcaption { (notes.join(" ")) } }
            }
        }
    }

    /// The region, each country shaded by how many of the events concern it
    /// (the script re-shades it as the filters change), the capitals marked
    /// with their codes, the places of events crossed.
    pub fn region(&self, cards: &[&Card]) -> Markup {
        let p = self.projection;
        let f = self.region;
        let across = p.x(f.east) - p.x(f.west);
        let most = self.counts.values().copied().max().unwrap_or(1).max(1);
        let mut capitals: Vec<(String, (f64, f64))> = Vec::new();
        let mut places: Vec<((f64, f64), String)> = Vec::new();
        for card in cards {
            for c in &card.countries {
                let Some(at) = c.capital.filter(|&at| f.holds(at)) else { continue };
                match capitals.iter_mut().find(|(_, p)| *p == at) {
                    Some((codes, _)) if !codes.split('/').any(|k| k == c.code) => {
                        codes.push('/');
                        codes.push_str(c.code);
                    }
                    Some(_) => {}
                    None => capitals.push((c.code.to_string(), at)),
                }
            }
            if let Some(at) = card.place.filter(|&at| f.holds(at)) {
                places.push((at, card.title.to_string()));
            }
        }
        let font = across / 70.0;
        html! {
            // Folded on a phone by the script, where the events come first.
            details.regionbox open {
            summary { "Map of the region" }
            figure.region {
                svg.map viewBox=(p.view_box(&f)) role="img" aria-labelledby="region-h" {
                    title #region-h { "Map of the region: each country shaded by the number of events shown" }
                    use.land href="#m-land" {}
                    @for o in self.drawn.iter().filter(|o| f.meets(o)) {
                        @let n = self.counts.get(o.code).copied().unwrap_or(0);
                        @if n > 0 {
                            use href={ "#m-" (o.code) } class=(shade(n, most)) data-m=(o.code) {
                                title { (o.name) ": " (n) }
                            }
                        }
                    }
                    @for (code, (lat, lon)) in &capitals {
                        circle.capital cx=(format!("{:.0}", p.x(*lon))) cy=(format!("{:.0}", p.y(*lat))) r=(format!("{:.1}", font / 4.0)) {}
                        text.code x=(format!("{:.0}", p.x(*lon) + font / 2.0)) y=(format!("{:.0}", p.y(*lat) - font / 3.0)) font-size=(format!("{font:.0}")) { (code) }
                    }
                    @for (at, title) in &places { (self.place(*at, across, title)) }
                }
                figcaption {
                    "Countries shaded by the number of events shown, darker for more"
                    span.legend aria-hidden="true" {
                        @for i in 1..=SHADES { " " span class={ "key s" (i) } {} }
                    }
                    ". Countries that no longer exist (the Soviet Union) count for the countries of today they covered; the borders are today's."
                }
            }
            }
        }
    }
}

/// The class of a country with `n` events of at most `most`.
fn shade(n: usize, most: usize) -> String {
    format!("s{}", (n * SHADES).div_ceil(most).clamp(1, SHADES))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Page;
    use crate::query::Query;

    #[test]
    fn every_event_of_the_bundled_page_has_a_locator_with_its_countries() {
        let q = Query::new(crate::load::load_bundled().timeline);
        let shown: Vec<usize> = (0..q.timeline().events.len()).collect();
        let page = Page::new(&q, &shown, Vec::new());
        let cards: Vec<&Card> = page.cards().collect();
        let maps = Maps::new(&cards).expect("maps");
        let kz = page.cards().find(|c| c.id == "kazakhstan-nuclear-referendum").expect("event");
        let svg = maps.locator(kz).into_string();
        assert!(svg.contains(r##"<use class="on" href="#m-KZ">"##), "{svg}");
        assert_eq!(svg.matches("class=\"on\"").count(), 1);
        // The Soviet Union fills the fifteen countries of today it covered, and says so.
        let su = page.cards().find(|c| c.id == "ussr-dissolved").expect("event");
        let svg = maps.locator(su).into_string();
        assert_eq!(svg.matches("class=\"on\"").count(), 15, "{svg}");
        assert!(svg.contains("no longer exists"));
        // The region holds Central Asia, and its outlines are drawn once.
        for code in ["KZ", "KG", "TJ", "TM", "UZ"] {
            assert!(maps.region.meets(atlas().get(code).expect("outline")));
        }
        let defs = maps.defs().into_string();
        assert_eq!(defs.matches("id=\"m-KZ\"").count(), 1);
        // Every map draws the land as one path: all the outlines, one after another.
        let all: String = maps.drawn.iter().map(|o| maps.path(o)).collect();
        assert!(defs.contains(&format!(r#"<path id="m-land" d="{all}""#)));
        for svg in [maps.locator(kz).into_string(), maps.region(&cards).into_string()] {
            assert_eq!(svg.matches(r##"<use class="land" href="#m-land">"##).count(), 1, "{svg}");
            assert!(!svg.contains("#m-all"), "{svg}");
        }
        assert_eq!(shade(47, 47), "s5");
        assert_eq!(shade(1, 47), "s1");
    }
}
