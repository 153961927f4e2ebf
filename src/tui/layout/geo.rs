//! The map's geometry, pure so that drawing and clicking agree: which part
//! of the world the map shows, where a capital falls on the screen, which
//! capital lies in a direction from another.

use ratatui::layout::Rect;

use crate::model::Timeline;

/// A part of the world: longitudes west to east, latitudes south to north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

/// The least the map shows across, in degrees: a country alone is not a dot
/// on an empty screen.
const NARROWEST: f64 = 16.0;

impl Bounds {
    /// Around the points, with a margin.
    fn around(points: &[(f64, f64)]) -> Option<Bounds> {
        let (&(lat, lon), rest) = points.split_first()?;
        let mut b = Bounds { west: lon, east: lon, south: lat, north: lat };
        for &(lat, lon) in rest {
            b.west = b.west.min(lon);
            b.east = b.east.max(lon);
            b.south = b.south.min(lat);
            b.north = b.north.max(lat);
        }
        let margin_x = ((b.east - b.west) * 0.12).max(NARROWEST / 4.0);
        let margin_y = ((b.north - b.south) * 0.15).max(NARROWEST / 8.0);
        Some(Bounds {
            west: b.west - margin_x,
            east: b.east + margin_x,
            south: b.south - margin_y,
            north: b.north + margin_y,
        })
    }

    fn centre(&self) -> (f64, f64) {
        ((self.south + self.north) / 2.0, (self.west + self.east) / 2.0)
    }

    /// Grown in one direction so that, drawn in `area` (braille: 2 × 4 dots
    /// a cell, a cell twice as tall as wide), a degree east is as long as a
    /// degree north is at the middle latitude.
    pub fn fitted(self, area: Rect) -> Bounds {
        let (lat, lon) = self.centre();
        let squeeze = lat.to_radians().cos().max(0.2);
        let dots_x = f64::from(area.width.max(1)) * 2.0;
        let dots_y = f64::from(area.height.max(1)) * 4.0;
        let width = (self.east - self.west).max(NARROWEST);
        let height = (self.north - self.south).max(NARROWEST / 2.0);
        // Degrees of longitude per dot if the width rules, and if the height does.
        let by_width = width / dots_x;
        let by_height = height / squeeze / dots_y;
        let per_dot = by_width.max(by_height);
        let (half_w, half_h) = (per_dot * dots_x / 2.0, per_dot * squeeze * dots_y / 2.0);
        let (half_w, half_h) = (half_w.min(180.0), half_h.min(90.0));
        let lon = lon.clamp(-180.0 + half_w, 180.0 - half_w);
        let lat = lat.clamp(-90.0 + half_h, 90.0 - half_h);
        Bounds { west: lon - half_w, east: lon + half_w, south: lat - half_h, north: lat + half_h }
    }

    /// Zoomed by `factor` (below 1: in) around a point.
    pub fn zoomed(self, factor: f64, (lat, lon): (f64, f64)) -> Bounds {
        let half_w = ((self.east - self.west) * factor / 2.0).clamp(NARROWEST / 4.0, 180.0);
        let half_h = ((self.north - self.south) * factor / 2.0).clamp(NARROWEST / 8.0, 90.0);
        Bounds { west: lon - half_w, east: lon + half_w, south: lat - half_h, north: lat + half_h }
    }

    /// Moved as little as needs be to hold the point.
    pub fn holding(self, (lat, lon): (f64, f64)) -> Bounds {
        let (w, h) = (self.east - self.west, self.north - self.south);
        let dx = if lon < self.west + w * 0.05 {
            lon - (self.west + w * 0.05)
        } else if lon > self.east - w * 0.05 {
            lon - (self.east - w * 0.05)
        } else {
            0.0
        };
        let dy = if lat < self.south + h * 0.05 {
            lat - (self.south + h * 0.05)
        } else if lat > self.north - h * 0.05 {
            lat - (self.north - h * 0.05)
        } else {
            0.0
        };
        Bounds {
            west: self.west + dx,
            east: self.east + dx,
            south: self.south + dy,
            north: self.north + dy,
        }
    }

    pub fn contains(&self, (lat, lon): (f64, f64)) -> bool {
        (self.west..=self.east).contains(&lon) && (self.south..=self.north).contains(&lat)
    }

    /// The cell of `area` a point falls in, if it is on the map.
    pub fn cell(&self, area: Rect, (lat, lon): (f64, f64)) -> Option<(u16, u16)> {
        if !self.contains((lat, lon)) || area.width == 0 || area.height == 0 {
            return None;
        }
        let x = (lon - self.west) / (self.east - self.west) * f64::from(area.width - 1);
        let y = (self.north - lat) / (self.north - self.south) * f64::from(area.height - 1);
        Some((area.x + x.round() as u16, area.y + y.round() as u16))
    }
}

/// Where the map opens: around the capitals of the countries with at
/// least a quarter as many events as the busiest one, so that a regional
/// timeline opens on its region and not on the whole world because a few
/// events involve a far country. `None` without capitals.
pub fn home(tl: &Timeline, totals: &[usize]) -> Option<Bounds> {
    let located: Vec<((f64, f64), usize)> = tl
        .countries
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((c.location?, totals.get(i).copied().unwrap_or(0))))
        .collect();
    let most = located.iter().map(|&(_, n)| n).max()?;
    let points: Vec<(f64, f64)> =
        located.iter().filter(|&&(_, n)| n * 4 >= most).map(|&(p, _)| p).collect();
    Bounds::around(&points)
}

/// Every located country.
pub fn everything(tl: &Timeline) -> Option<Bounds> {
    let points: Vec<(f64, f64)> = tl.countries.iter().filter_map(|c| c.location).collect();
    Bounds::around(&points)
}

/// The direction of a key on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    North,
    South,
    East,
    West,
}

/// The located country nearest to `from` in a direction: the nearest within
/// 45° of it, else the nearest on that side (the distance across counting
/// twice).
pub fn next_in(tl: &Timeline, from: usize, heading: Heading) -> Option<usize> {
    let (lat0, lon0) = tl.countries.get(from)?.location?;
    let squeeze = lat0.to_radians().cos().max(0.2);
    let candidates: Vec<(usize, f64, f64)> = tl
        .countries
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != from)
        .filter_map(|(i, c)| {
            let (lat, lon) = c.location?;
            let (dx, dy) = ((lon - lon0) * squeeze, lat - lat0);
            let (along, across) = match heading {
                Heading::East => (dx, dy),
                Heading::West => (-dx, dy),
                Heading::North => (dy, dx),
                Heading::South => (-dy, dx),
            };
            (along > 0.01).then_some((i, along, across.abs()))
        })
        .collect();
    let nearest = |within: bool| {
        candidates
            .iter()
            .filter(|&&(_, along, across)| !within || across <= along)
            .min_by(|a, b| (a.1.hypot(a.2)).total_cmp(&b.1.hypot(b.2)))
            .map(|&(i, _, _)| i)
    };
    nearest(true).or_else(|| {
        candidates
            .iter()
            .min_by(|a, b| (a.1 + 2.0 * a.2).total_cmp(&(b.1 + 2.0 * b.2)))
            .map(|&(i, _, _)| i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> (Timeline, Vec<usize>) {
        let q = crate::query::Query::new(crate::load::load_bundled().timeline);
        let totals = q.country_totals();
        (q.timeline().clone(), totals)
    }

    #[test]
    fn the_map_opens_on_central_asia_and_its_neighbours() {
        let (tl, totals) = bundled();
        let area = Rect::new(0, 0, 56, 20);
        let b = home(&tl, &totals).expect("located countries").fitted(area);
        for code in ["KZ", "KG", "TJ", "TM", "UZ", "RU", "CN"] {
            let c = tl.country(code).expect("declared");
            assert!(b.cell(area, c.location.expect("located")).is_some(), "{code} off the map");
        }
        let us = tl.country("US").and_then(|c| c.location).expect("located");
        assert!(!b.contains(us), "Washington is not what a Central Asian map opens on");
        let all = everything(&tl).expect("located").fitted(area);
        assert!(all.contains(us));
    }

    #[test]
    fn fitting_keeps_degrees_square_and_stays_on_the_globe() {
        let area = Rect::new(0, 0, 60, 20);
        let b = Bounds { west: 50.0, east: 80.0, south: 35.0, north: 55.0 }.fitted(area);
        let squeeze = 45f64.to_radians().cos();
        let per_dot_x = (b.east - b.west) / 120.0;
        let per_dot_y = (b.north - b.south) / 80.0;
        assert!((per_dot_x * squeeze - per_dot_y).abs() < 1e-9, "{b:?}");
        let world = Bounds { west: -180.0, east: 180.0, south: -90.0, north: 90.0 }.fitted(area);
        assert!(world.west >= -180.0 && world.east <= 180.0 && world.south >= -90.0);
    }

    #[test]
    fn cells_and_directions() {
        let (tl, _) = bundled();
        let area = Rect::new(10, 5, 41, 21);
        let b = Bounds { west: 0.0, east: 80.0, south: 30.0, north: 60.0 };
        assert_eq!(b.cell(area, (60.0, 0.0)), Some((10, 5)));
        assert_eq!(b.cell(area, (30.0, 80.0)), Some((50, 25)));
        assert_eq!(b.cell(area, (29.0, 10.0)), None);
        let at = |code: &str| tl.countries.iter().position(|c| c.code == code).expect("declared");
        // Tashkent: Bishkek to the east, Astana to the north, Dushanbe to the south.
        assert_eq!(next_in(&tl, at("UZ"), Heading::East), Some(at("KG")));
        assert_eq!(next_in(&tl, at("UZ"), Heading::North), Some(at("KZ")));
        assert_eq!(next_in(&tl, at("UZ"), Heading::South), Some(at("TJ")));
        assert_eq!(next_in(&tl, at("UZ"), Heading::West), Some(at("TM")));
    }
}
