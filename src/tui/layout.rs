//! Where each pane goes for a terminal size. Pure, so the view draws with it
//! and mouse handling finds what was clicked with the same answer.

use ratatui::layout::Rect;

/// Below this the explorer shows a "terminal too small" screen.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneKind {
    Countries,
    Actors,
    Timeline,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub full: Rect,
    pub too_small: bool,
    pub countries: Option<Rect>,
    pub actors: Option<Rect>,
    pub timeline: Option<Rect>,
    pub detail: Option<Rect>,
    pub strip: Option<Rect>,
    pub status: Option<Rect>,
}

impl Areas {
    pub fn compute(width: u16, height: u16) -> Areas {
        let full = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Areas { full, too_small: true, ..Areas::default() };
        }
        let status = Rect::new(0, height - 1, width, 1);
        let strip_height = if height >= 20 { 2 } else { 0 };
        let body_height = height - 1 - strip_height;
        let strip = (strip_height > 0).then(|| Rect::new(0, body_height, width, strip_height));
        let left_width = (width / 5).clamp(24, 32);
        let countries_height = body_height / 2;
        let countries = Rect::new(0, 0, left_width, countries_height);
        let actors = Rect::new(0, countries_height, left_width, body_height - countries_height);
        let rest = width - left_width;
        let (timeline, detail) = if width >= 100 {
            let detail_width = (width * 3 / 10).clamp(30, 60);
            (
                Rect::new(left_width, 0, rest - detail_width, body_height),
                Rect::new(width - detail_width, 0, detail_width, body_height),
            )
        } else {
            let timeline_height = body_height * 3 / 5;
            (
                Rect::new(left_width, 0, rest, timeline_height),
                Rect::new(left_width, timeline_height, rest, body_height - timeline_height),
            )
        };
        Areas {
            full,
            too_small: false,
            countries: Some(countries),
            actors: Some(actors),
            timeline: Some(timeline),
            detail: Some(detail),
            strip,
            status: Some(status),
        }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<(PaneKind, Rect)> {
        let inside =
            |r: &Rect| column >= r.x && column < r.right() && row >= r.y && row < r.bottom();
        [
            (PaneKind::Countries, self.countries),
            (PaneKind::Actors, self.actors),
            (PaneKind::Timeline, self.timeline),
            (PaneKind::Detail, self.detail),
        ]
        .into_iter()
        .find_map(|(k, r)| r.filter(inside).map(|r| (k, r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for (w, h) in [(120, 40), (80, 24), (50, 12), (300, 100), (99, 19)] {
            let a = Areas::compute(w, h);
            assert!(!a.too_small);
            let rects: Vec<Rect> = [a.countries, a.actors, a.timeline, a.detail, a.strip, a.status]
                .into_iter()
                .flatten()
                .collect();
            let covered: u32 = rects.iter().map(|r| u32::from(r.width) * u32::from(r.height)).sum();
            assert_eq!(covered, u32::from(w) * u32::from(h), "{w}x{h}");
            for (i, r) in rects.iter().enumerate() {
                assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?}");
                for s in &rects[i + 1..] {
                    assert!(!r.intersects(*s), "{w}x{h}: {r:?} overlaps {s:?}");
                }
            }
        }
        assert!(Areas::compute(49, 30).too_small);
        assert!(Areas::compute(1, 1).too_small);
    }
}
