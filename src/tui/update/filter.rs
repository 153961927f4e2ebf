//! Changing what the filter shows: computed here for a small timeline, in
//! the filter worker for a big one (the last result stays on screen until
//! the newer arrives); the selection, the facet orders and the time axis
//! follow each new result.

use std::sync::Arc;

use crate::tui::effect::Effect;
use crate::tui::filtering::{self, FilterRequest, Filtered};
use crate::tui::layout::View;
use crate::tui::state::{App, FacetOrder, FacetSort, Overlay, Reach, SortKey};

impl App {
    /// The person changed the filter: it replaces what a reload set aside.
    pub(super) fn refilter_by_hand(&mut self) {
        if let Some(held) = &mut self.status.held {
            held.filter = None;
        }
        self.refilter();
    }

    /// Recomputes what the filter shows, keeping the selected event if it
    /// still is. A big timeline's filter runs in the filter worker: the last
    /// result stays on screen until the new one arrives ([`App::filtered`]).
    pub(crate) fn refilter(&mut self) {
        if self.timeline().events.len() >= self.shown.background_from {
            self.shown.generation += 1;
            self.shown.pending = true;
            self.effects.push(Effect::Filter(Box::new(FilterRequest {
                generation: self.shown.generation,
                query: Arc::clone(&self.data.query),
                filter: self.shown.filter.clone(),
            })));
        } else {
            self.refilter_now();
        }
    }

    /// Recomputes what the filter shows, here and now.
    pub(super) fn refilter_now(&mut self) {
        self.shown.generation += 1;
        self.shown.pending = false;
        let done =
            filtering::compute(&self.data.query, &self.shown.filter, self.shown.generation, None);
        self.apply_filtered(done);
    }

    /// A filter computed by the worker; false if a newer one superseded it.
    pub(super) fn filtered(&mut self, done: Filtered) -> bool {
        if done.generation != self.shown.generation {
            return false;
        }
        self.shown.pending = false;
        self.apply_filtered(done);
        true
    }

    fn apply_filtered(&mut self, done: Filtered) {
        let keep = self.shown.selected_event();
        self.shown.filtered = done;
        if let Some(Overlay::Stats { table, .. }) = self.overlays.top() {
            let (mode, by) = (table.mode, table.split.by);
            let new = self.stats_table(mode, by);
            if let Some(Overlay::Stats { stats, table, .. }) = self.overlays.top_mut() {
                **stats = self.data.query.stats(self.shown.events());
                **table = new;
            }
        }
        if self.main.view == View::Axis {
            self.follow_selection();
        }
        // The counts changed: lists by count follow them.
        let (countries, actors) = (self.facets.country_order.sort, self.facets.actor_order.sort);
        if countries == FacetSort::Count || actors == FacetSort::Count {
            self.sort_facets(countries, actors);
        }
        // The same event, or the first one at or after it.
        self.shown.selected = keep.map_or(0, |k| self.shown.position_of(k));
        self.clamp();
    }

    pub(super) fn clamp(&mut self) {
        self.shown.clamp();
        let tl = self.data.query.timeline();
        let facets = &mut self.facets;
        facets.country_cursor = facets.country_cursor.min(tl.countries.len().saturating_sub(1));
        facets.actor_cursor = facets.actor_cursor.min(tl.actors.len().saturating_sub(1));
    }

    /// Puts the countries and actors panes in these orders.
    pub(super) fn sort_facets(&mut self, countries: FacetSort, actors: FacetSort) {
        let tl = self.data.query.timeline();
        let data = &self.data;
        let filtered = &self.shown.filtered;
        let key = |name, count: Option<&usize>, reach: Reach| SortKey {
            name,
            count: count.copied().unwrap_or(0),
            total: reach.total,
            first: reach.first,
        };
        let keys: Vec<SortKey> = (tl.countries.iter().enumerate())
            .map(|(i, c)| key(&c.name, filtered.country_counts.get(i), data.country_reach(i)))
            .collect();
        self.facets.country_order = FacetOrder::new(countries, &keys);
        let keys: Vec<SortKey> = (tl.actors.iter().enumerate())
            .map(|(i, a)| key(&a.name, filtered.actor_counts.get(i), data.actor_reach(i)))
            .collect();
        self.facets.actor_order = FacetOrder::new(actors, &keys);
    }

    /// Selects the event with this id, if it is shown.
    pub(super) fn select_id(&mut self, id: &str) -> bool {
        let Some(e) = self.data.query.event_index(id) else { return false };
        let p = self.shown.position_of(e);
        let found = self.shown.events().get(p) == Some(&e);
        if found {
            self.shown.selected = p;
        }
        found
    }
}
