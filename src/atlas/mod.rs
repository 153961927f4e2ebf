//! The countries' outlines, compiled in: Natural Earth's Admin 0 countries
//! (public domain) at 1:50m, simplified by `docs/maps/outlines.py` into
//! `outlines.txt`. Nothing is fetched at run time. The terminal's map and
//! the web page's maps both draw from here.
//!
//! Countries that no longer exist, and unions, are drawn as the countries of
//! today they covered ([`drawn_as`]).

use std::collections::HashMap;
use std::sync::OnceLock;

const OUTLINES: &str = include_str!("outlines.txt");

/// A country's shape: rings of (longitude, latitude) in degrees, holes
/// included (filled even-odd), and the box around them.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub code: &'static str,
    pub name: &'static str,
    pub rings: Vec<Vec<(f64, f64)>>,
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl Outline {
    /// Whether its box meets the box west..east, south..north.
    pub fn meets(&self, west: f64, east: f64, south: f64, north: f64) -> bool {
        self.west <= east && self.east >= west && self.south <= north && self.north >= south
    }
}

/// Every outline, by code.
pub struct Atlas {
    outlines: Vec<Outline>,
    by_code: HashMap<&'static str, usize>,
}

impl Atlas {
    pub fn get(&self, code: &str) -> Option<&Outline> {
        self.by_code.get(code).map(|&i| &self.outlines[i])
    }

    pub fn all(&self) -> &[Outline] {
        &self.outlines
    }

    /// The outlines a timeline's country is drawn with: its own, or those of
    /// the countries of today it covered. Empty for a code with neither.
    pub fn shapes(&self, code: &str) -> Vec<&Outline> {
        match drawn_as(code) {
            Some(today) => today.iter().filter_map(|c| self.get(c)).collect(),
            None => self.get(code).into_iter().collect(),
        }
    }
}

/// The outlines, read once.
pub fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| parse(OUTLINES))
}

/// Reads the file `outlines.py` writes (its docstring gives the format); a
/// line it cannot read is skipped, so a damaged file draws less, never panics.
fn parse(text: &'static str) -> Atlas {
    let mut outlines: Vec<Outline> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("C ") {
            let (code, name) = rest.split_once(' ').unwrap_or((rest, rest));
            outlines.push(Outline {
                code,
                name,
                rings: Vec::new(),
                west: f64::INFINITY,
                east: f64::NEG_INFINITY,
                south: f64::INFINITY,
                north: f64::NEG_INFINITY,
            });
        } else if let Some(rest) = line.strip_prefix("R ") {
            let Some(o) = outlines.last_mut() else { continue };
            let numbers: Vec<i64> = rest.split(' ').filter_map(|n| n.parse().ok()).collect();
            let (mut x, mut y) = (0i64, 0i64);
            let mut ring = Vec::with_capacity(numbers.len() / 2);
            for pair in numbers.chunks_exact(2) {
                x += pair[0];
                y += pair[1];
                let p = (x as f64 / 100.0, y as f64 / 100.0);
                o.west = o.west.min(p.0);
                o.east = o.east.max(p.0);
                o.south = o.south.min(p.1);
                o.north = o.north.max(p.1);
                ring.push(p);
            }
            if ring.len() >= 3 {
                o.rings.push(ring);
            }
        }
    }
    outlines.retain(|o| !o.rings.is_empty());
    let by_code = outlines.iter().enumerate().map(|(i, o)| (o.code, i)).collect();
    Atlas { outlines, by_code }
}

/// The Soviet Union's fifteen republics, as today's countries.
const SOVIET: &[&str] =
    &["RU", "UA", "BY", "MD", "EE", "LV", "LT", "GE", "AM", "AZ", "KZ", "KG", "TJ", "TM", "UZ"];
/// The European Union's member states (since 2020).
const EUROPEAN_UNION: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];
const YUGOSLAVIA: &[&str] = &["SI", "HR", "BA", "RS", "ME", "MK", "XK"];
const CZECHOSLOVAKIA: &[&str] = &["CZ", "SK"];

/// A code drawn with other countries' outlines: a state that no longer
/// exists (SU, YU, CS: ISO 3166-3's withdrawn codes), or a union (EU).
pub fn drawn_as(code: &str) -> Option<&'static [&'static str]> {
    match code {
        "SU" => Some(SOVIET),
        "EU" => Some(EUROPEAN_UNION),
        "YU" => Some(YUGOSLAVIA),
        "CS" => Some(CZECHOSLOVAKIA),
        _ => None,
    }
}

/// What to say where such a country is drawn: "drawn as the 15 countries
/// of today it covered".
pub fn drawn_as_note(code: &str) -> Option<String> {
    let today = drawn_as(code)?;
    Some(if code == "EU" {
        format!("drawn as its {} member states", today.len())
    } else {
        format!("no longer exists: drawn as the {} countries of today it covered", today.len())
    })
}

/// Whether a point (longitude, latitude) lies inside the rings (even-odd).
pub fn inside(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> bool {
    let mut odd = false;
    for ring in rings {
        let mut prev = ring[ring.len() - 1];
        for &p in ring {
            if (p.1 > y) != (prev.1 > y)
                && x < prev.0 + (y - prev.1) / (p.1 - prev.1) * (p.0 - prev.0)
            {
                odd = !odd;
            }
            prev = p;
        }
    }
    odd
}

/// A ring simplified (Douglas-Peucker) to `tolerance` degrees, for a small
/// drawing; `None` when it would shrink to less than a triangle.
pub fn simplified(ring: &[(f64, f64)], tolerance: f64) -> Option<Vec<(f64, f64)>> {
    let (mut lo, mut hi) = ((f64::INFINITY, f64::INFINITY), (f64::NEG_INFINITY, f64::NEG_INFINITY));
    for p in ring {
        lo = (lo.0.min(p.0), lo.1.min(p.1));
        hi = (hi.0.max(p.0), hi.1.max(p.1));
    }
    if ring.len() < 3 || (hi.0 - lo.0).max(hi.1 - lo.1) < tolerance {
        return None;
    }
    if ring.len() == 3 {
        return Some(ring.to_vec());
    }
    let mut keep = vec![false; ring.len()];
    let last = ring.len() - 1;
    // The ring is closed: split at its first point and its farthest one.
    let far = (1..ring.len())
        .max_by(|&a, &b| {
            let d = |i: usize| (ring[i].0 - ring[0].0).hypot(ring[i].1 - ring[0].1);
            d(a).total_cmp(&d(b))
        })
        .unwrap_or(last);
    keep[0] = true;
    keep[far] = true;
    keep[last] = true;
    let mut stack = vec![(0, far), (far, last)];
    while let Some((first, end)) = stack.pop() {
        if end <= first + 1 {
            continue;
        }
        let (a, b) = (ring[first], ring[end]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let length = dx.hypot(dy);
        let mut best = (0.0, first);
        for (i, p) in ring.iter().enumerate().take(end).skip(first + 1) {
            let d = if length == 0.0 {
                (p.0 - a.0).hypot(p.1 - a.1)
            } else {
                (dy * p.0 - dx * p.1 + b.0 * a.1 - b.1 * a.0).abs() / length
            };
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tolerance {
            keep[best.1] = true;
            stack.push((first, best.1));
            stack.push((best.1, end));
        }
    }
    let out: Vec<(f64, f64)> =
        ring.iter().zip(&keep).filter(|&(_, &k)| k).map(|(&p, _)| p).collect();
    (out.len() >= 3).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_the_bundled_timeline_names_has_a_shape() {
        let tl = crate::load::load_bundled().timeline;
        for c in &tl.countries {
            assert!(!atlas().shapes(&c.code).is_empty(), "{} has no outline", c.code);
        }
    }

    #[test]
    fn capitals_lie_inside_their_countries() {
        let tl = crate::load::load_bundled().timeline;
        for c in tl.countries.iter().filter(|c| drawn_as(&c.code).is_none()) {
            let (lat, lon) = c.location.expect("bundled capitals are located");
            let o = atlas().get(&c.code).expect("an outline");
            assert!(inside(&o.rings, (lon, lat)), "{} is not inside {}", c.code, o.name);
        }
    }

    #[test]
    fn neighbours_share_their_border_and_the_soviet_union_is_todays_countries() {
        let kz = atlas().get("KZ").expect("Kazakhstan");
        let uz = atlas().get("UZ").expect("Uzbekistan");
        let shared = kz.rings[0].iter().filter(|p| uz.rings.iter().any(|r| r.contains(p))).count();
        assert!(shared > 20, "Kazakhstan and Uzbekistan share {shared} points");
        // Shymkent is in Kazakhstan, Tashkent in Uzbekistan, near the border.
        assert!(inside(&kz.rings, (69.6, 42.3)) && !inside(&uz.rings, (69.6, 42.3)));
        assert!(inside(&uz.rings, (69.22, 41.26)) && !inside(&kz.rings, (69.22, 41.26)));
        let soviet: Vec<&str> = atlas().shapes("SU").iter().map(|o| o.code).collect();
        assert_eq!(soviet.len(), 15);
        assert!(soviet.contains(&"KZ") && soviet.contains(&"EE"));
        assert!(drawn_as_note("SU").is_some_and(|n| n.contains("no longer exists")));
    }

    #[test]
    fn simplifying_keeps_a_shape_and_drops_a_speck() {
        let kz = &atlas().get("KZ").expect("Kazakhstan").rings[0];
        let small = simplified(kz, 0.5).expect("still a shape");
        assert!(small.len() < kz.len() / 3 && small.len() > 8, "{} of {}", small.len(), kz.len());
        assert!(simplified(&[(0.0, 0.0), (0.01, 0.0), (0.0, 0.01), (0.0, 0.0)], 1.0).is_none());
    }
}
