//! Where things go on the screen, pure so that the view draws with it and
//! `update` finds what was clicked with the same answer: the one registry of
//! panes and views and where each pane goes for a terminal size (focus
//! cycling, paging and hit testing all read [`PANES`]), the map's geometry
//! ([`geo`]) and the time axis's lanes ([`axis`]).

pub mod axis;
pub mod geo;
pub mod lanes;

use ratatui::layout::Rect;

use crate::tui::keymap::Context;

/// Below this the explorer shows a "terminal too small" screen.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

/// A layout of the main screen: what fills the space above the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Countries, actors, the timeline list and the selected event.
    #[default]
    Panes,
    /// The world map with the capitals, and the countries beside it.
    Map,
    /// A horizontal time axis: eras as bands, events as bars and marks.
    Axis,
}

/// A region of the main screen that something draws into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    Countries,
    Actors,
    #[default]
    Timeline,
    /// The selected event, country or actor in full.
    Detail,
    Map,
    /// Beside the map: the selected event, the countries, located or not.
    Places,
    Axis,
}

/// What a list pane lists: its cursor moves through these, a click
/// selects one, the wheel scrolls them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Countries,
    Actors,
    /// The shown events (with era rows between them).
    Events,
}

/// What the registry knows of a pane.
#[derive(Debug, Clone, Copy)]
pub struct PaneSpec {
    pub pane: Pane,
    pub view: View,
    /// Takes the keys when focused (Tab moves among these, in this order).
    pub focusable: bool,
    /// The keys it takes when focused.
    pub context: Context,
    /// What it lists, if it is a list.
    pub lists: Option<Listing>,
}

const fn pane(
    pane: Pane,
    view: View,
    focusable: bool,
    context: Context,
    lists: Option<Listing>,
) -> PaneSpec {
    PaneSpec { pane, view, focusable, context, lists }
}

/// Every pane, in focus order within its view.
#[rustfmt::skip]
pub const PANES: &[PaneSpec] = &[
    pane(Pane::Countries, View::Panes, true, Context::Facets, Some(Listing::Countries)),
    pane(Pane::Actors, View::Panes, true, Context::Facets, Some(Listing::Actors)),
    pane(Pane::Timeline, View::Panes, true, Context::Timeline, Some(Listing::Events)),
    pane(Pane::Detail, View::Panes, false, Context::Facets, None),
    pane(Pane::Map, View::Map, true, Context::Map, None),
    pane(Pane::Places, View::Map, false, Context::Map, None),
    pane(Pane::Axis, View::Axis, true, Context::Axis, None),
];

impl Pane {
    pub fn spec(self) -> &'static PaneSpec {
        PANES.iter().find(|s| s.pane == self).unwrap_or(&PANES[0])
    }

    /// The next (or previous) focusable pane of the same view.
    pub fn step(self, forward: bool) -> Pane {
        let view = self.spec().view;
        let ring: Vec<Pane> =
            PANES.iter().filter(|s| s.view == view && s.focusable).map(|s| s.pane).collect();
        let n = ring.len();
        let i = ring.iter().position(|p| *p == self).unwrap_or(0);
        ring[if forward { (i + 1) % n } else { (i + n - 1) % n }]
    }
}

impl View {
    /// Every view, in the order the help lists them.
    pub const ALL: &[View] = &[View::Panes, View::Map, View::Axis];

    /// The pane that has the focus when the view opens.
    pub fn home(self) -> Pane {
        match self {
            View::Panes => Pane::Timeline,
            View::Map => Pane::Map,
            View::Axis => Pane::Axis,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Areas {
    pub full: Rect,
    pub too_small: bool,
    /// The panes of the view, each with its place.
    pub panes: Vec<(Pane, Rect)>,
    pub strip: Option<Rect>,
    pub status: Option<Rect>,
}

impl Areas {
    pub fn compute(view: View, width: u16, height: u16) -> Areas {
        let full = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Areas { full, too_small: true, ..Areas::default() };
        }
        let status = Rect::new(0, height - 1, width, 1);
        // The density strip under the panes; the time axis needs none.
        let strip_height = if height >= 20 && view != View::Axis { 2 } else { 0 };
        let body_height = height - 1 - strip_height;
        let strip = (strip_height > 0).then(|| Rect::new(0, body_height, width, strip_height));
        let body = Rect::new(0, 0, width, body_height);
        let panes = match view {
            View::Panes => panes(body),
            View::Map => {
                let side = (width / 4).clamp(22, 40);
                vec![
                    (Pane::Map, Rect { width: width - side, ..body }),
                    (Pane::Places, Rect { x: width - side, width: side, ..body }),
                ]
            }
            View::Axis => vec![(Pane::Axis, body)],
        };
        Areas { full, too_small: false, panes, strip, status: Some(status) }
    }

    /// Where `pane` is, if the view shows it.
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, Rect)> {
        let inside =
            |r: &Rect| column >= r.x && column < r.right() && row >= r.y && row < r.bottom();
        self.panes.iter().find(|(_, r)| inside(r)).copied()
    }
}

/// Countries and actors on the left, the timeline, and the event beside it
/// (or below it on a narrow screen).
fn panes(body: Rect) -> Vec<(Pane, Rect)> {
    let (width, body_height) = (body.width, body.height);
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
    vec![
        (Pane::Countries, countries),
        (Pane::Actors, actors),
        (Pane::Timeline, timeline),
        (Pane::Detail, detail),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for &view in View::ALL {
            for (w, h) in [(120, 40), (80, 24), (50, 12), (300, 100), (99, 19)] {
                let a = Areas::compute(view, w, h);
                assert!(!a.too_small);
                let mut rects: Vec<Rect> = a.panes.iter().map(|(_, r)| *r).collect();
                rects.extend(a.strip);
                rects.extend(a.status);
                let covered: u32 =
                    rects.iter().map(|r| u32::from(r.width) * u32::from(r.height)).sum();
                assert_eq!(covered, u32::from(w) * u32::from(h), "{view:?} {w}x{h}");
                for (i, r) in rects.iter().enumerate() {
                    assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?}");
                    for s in &rects[i + 1..] {
                        assert!(!r.intersects(*s), "{w}x{h}: {r:?} overlaps {s:?}");
                    }
                }
                for (pane, _) in &a.panes {
                    assert_eq!(pane.spec().view, view, "{pane:?} is registered under its view");
                }
            }
        }
        assert!(Areas::compute(View::Panes, 49, 30).too_small);
        assert!(Areas::compute(View::Panes, 1, 1).too_small);
    }

    #[test]
    fn focus_cycles_within_a_view() {
        assert_eq!(Pane::Countries.step(true), Pane::Actors);
        assert_eq!(Pane::Timeline.step(true), Pane::Countries);
        assert_eq!(Pane::Countries.step(false), Pane::Timeline);
        assert_eq!(Pane::Map.step(true), Pane::Map);
        for &view in View::ALL {
            assert!(view.home().spec().focusable);
            assert_eq!(view.home().spec().view, view);
        }
    }
}
