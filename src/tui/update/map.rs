//! The map view's keys and clicks: moving between capitals, toggling a
//! country in the filter, zooming. The geometry is [`crate::tui::layout::geo`]'s,
//! so the view and the clicks agree on where each capital is.

use crate::query::Filter;
use crate::tui::action::Action;
use crate::tui::layout::View;
use crate::tui::layout::geo::{self, Heading};
use crate::tui::state::App;

impl App {
    pub(super) fn map_action(&mut self, action: Action) {
        match action {
            Action::Up => self.map_move(Heading::North),
            Action::Down => self.map_move(Heading::South),
            Action::Left => self.map_move(Heading::West),
            Action::Right => self.map_move(Heading::East),
            Action::ZoomIn => self.map_zoom(0.67, None),
            Action::ZoomOut => self.map_zoom(1.5, None),
            Action::ZoomFit => self.map_fit(),
            _ => self.panes_action(action),
        }
    }

    /// `M`: the map, or back to the panes.
    pub(super) fn toggle_map(&mut self) {
        if self.main.view == View::Map {
            self.main.set(View::Panes);
            return;
        }
        // The cursor starts on a country of the selected event, else the busiest.
        let tl = self.data.query.timeline();
        let of_event = self.selected_event().and_then(|e| {
            e.countries.iter().find_map(|c| {
                tl.countries.iter().position(|x| &x.code == c && x.location.is_some())
            })
        });
        if tl.countries.get(self.map.cursor).is_none_or(|c| c.location.is_none())
            || of_event.is_some()
        {
            self.map.cursor = of_event.or_else(|| self.facets.country_order.item(0)).unwrap_or(0);
        }
        self.main.set(View::Map);
    }

    /// Arrows on the map: the nearest capital that way, brought into view.
    pub(super) fn map_move(&mut self, heading: Heading) {
        let tl = self.data.query.timeline();
        if tl.countries.get(self.map.cursor).is_none_or(|c| c.location.is_none()) {
            // Off the map (no capital): start from the first located one.
            if let Some(i) = tl.countries.iter().position(|c| c.location.is_some()) {
                self.map.cursor = i;
            }
            return;
        }
        let Some(next) = geo::next_in(tl, self.map.cursor, heading) else { return };
        self.map.cursor = next;
        let Some(point) = tl.countries.get(next).and_then(|c| c.location) else { return };
        if let Some((_, shown)) = self.map_frame()
            && !shown.contains(point)
        {
            self.map.bounds = Some(shown.holding(point));
        }
    }

    /// Enter on the map: the country under the cursor in or out of the filter.
    pub(super) fn map_toggle(&mut self) {
        if let Some(c) = self.timeline().countries.get(self.map.cursor) {
            let code = c.code.clone();
            Filter::toggle(&mut self.shown.filter.countries, &code);
            self.refilter_by_hand();
        }
    }

    /// Zooms by `factor` (below 1: in), around the cursor's capital.
    fn map_zoom(&mut self, factor: f64, around: Option<(f64, f64)>) {
        let Some((_, shown)) = self.map_frame() else { return };
        let tl = self.data.query.timeline();
        let centre = around
            .or_else(|| tl.countries.get(self.map.cursor).and_then(|c| c.location))
            .unwrap_or(((shown.south + shown.north) / 2.0, (shown.west + shown.east) / 2.0));
        self.map.bounds = Some(shown.zoomed(factor, centre));
    }

    /// `0`: the region the map opens on, or every located country.
    fn map_fit(&mut self) {
        self.map.everything = self.map.bounds.is_some() || !self.map.everything;
        if self.map.bounds.take().is_some() {
            self.map.everything = false;
        }
    }

    /// The capital nearest a screen cell, within two cells.
    fn capital_at(&self, column: u16, row: u16) -> Option<usize> {
        let (inner, bounds) = self.map_frame()?;
        self.data
            .query
            .timeline()
            .countries
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let (x, y) = bounds.cell(inner, c.location?)?;
                let d = x.abs_diff(column) + 2 * y.abs_diff(row);
                (d <= 2).then_some((i, d))
            })
            .min_by_key(|&(_, d)| d)
            .map(|(i, _)| i)
    }

    /// A click on the map: a capital toggles its country in the filter.
    pub(super) fn map_click(&mut self, column: u16, row: u16) -> bool {
        if self.main.view != View::Map {
            return false;
        }
        if let Some(i) = self.capital_at(column, row) {
            self.map.cursor = i;
            self.map_toggle();
        }
        true
    }

    /// The wheel over the map zooms around the point under it.
    pub(super) fn map_wheel(&mut self, column: u16, row: u16, zoom_in: bool) -> bool {
        let Some((inner, b)) = self.map_frame() else { return false };
        if self.main.view != View::Map
            || !inner.contains(ratatui::layout::Position::new(column, row))
        {
            return false;
        }
        let lon = b.west
            + f64::from(column - inner.x) / f64::from(inner.width.max(2) - 1) * (b.east - b.west);
        let lat = b.north
            - f64::from(row - inner.y) / f64::from(inner.height.max(2) - 1) * (b.north - b.south);
        self.map_zoom(if zoom_in { 0.67 } else { 1.5 }, Some((lat, lon)));
        true
    }
}
