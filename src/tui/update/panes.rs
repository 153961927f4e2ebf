//! The main screen's keys: moving in the focused pane, toggling a country
//! or actor, the filters, search matches, and opening everything else — the
//! map and the time axis, slides, tours, the quiz, and the overlays. The
//! map's and the axis's handlers send here what they do not take.

use crate::query::Filter;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::{Listing, Pane, View};
use crate::tui::state::{App, PromptKind};

impl App {
    pub(super) fn panes_action(&mut self, action: Action) {
        match action {
            Action::Activate => self.activate(),
            Action::NextEvent => self.move_by(1),
            Action::PrevEvent => self.move_by(-1),
            Action::NextPane => self.main.focus = self.main.focus.step(true),
            Action::PrevPane => self.main.focus = self.main.focus.step(false),
            Action::Back => self.back_on_panes(),
            Action::ToggleMatch => {
                let filter = &mut self.shown.filter;
                filter.match_all = !filter.match_all;
                let mode = if filter.match_all { "all" } else { "any" };
                self.refilter_by_hand();
                self.status.message =
                    Some(format!("countries: events involving {mode} of the selected countries"));
            }
            Action::ClearFilters => {
                self.shown.filter = Filter::default();
                self.refilter_by_hand();
            }
            Action::StartSearch => self.start_search(),
            Action::StartFind => self.start_find(),
            Action::StartFilter => self.start_filter_prompt(),
            Action::StartYearJump => self.open_prompt(PromptKind::Year),
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::CycleSort => self.cycle_sort(),
            Action::OpenTags => self.open_tags(),
            Action::OpenLinks => self.open_links(),
            Action::HistoryBack => self.history_step(true),
            Action::HistoryForward => self.history_step(false),
            Action::OpenAbout => self.open_about(),
            Action::OpenStats => self.open_stats(),
            Action::OpenExport => self.open_export(),
            Action::OpenTours => self.open_tours(),
            Action::StartPresentation => self.start_presentation(),
            Action::StartQuiz => self.start_quiz(),
            Action::ShowMap => self.toggle_map(),
            Action::ShowAxis => self.toggle_axis(),
            _ => {
                if let Some(delta) = self.distance(action) {
                    self.move_by(delta);
                }
            }
        }
    }

    /// Moves the cursor of the focused pane, in the order it shows its lines.
    pub(super) fn move_by(&mut self, delta: isize) {
        let facets = &mut self.facets;
        match self.main.focus.spec().lists {
            Some(Listing::Countries) => {
                facets.country_cursor = facets.country_order.step(facets.country_cursor, delta)
            }
            Some(Listing::Actors) => {
                facets.actor_cursor = facets.actor_order.step(facets.actor_cursor, delta)
            }
            // The views without a list step through the shown events.
            Some(Listing::Events) | None => self.shown.step(delta),
        }
    }

    /// Enter or Space: a country or actor in or out of the filter; an event
    /// opens full-screen.
    fn activate(&mut self) {
        let spec = self.main.focus.spec();
        match spec.lists {
            None if spec.view == View::Map => self.map_toggle(),
            Some(Listing::Events) | None => self.open_full_screen(),
            Some(Listing::Countries) => {
                if let Some(c) = self.timeline().countries.get(self.facets.country_cursor) {
                    let code = c.code.clone();
                    Filter::toggle(&mut self.shown.filter.countries, &code);
                    self.refilter_by_hand();
                }
            }
            Some(Listing::Actors) => {
                if let Some(a) = self.timeline().actors.get(self.facets.actor_cursor) {
                    let id = a.id.clone();
                    Filter::toggle(&mut self.shown.filter.actors, &id);
                    self.refilter_by_hand();
                }
            }
        }
    }

    /// Esc on the main screen: back to the panes, or clear a kept search.
    pub(super) fn back_on_panes(&mut self) {
        if self.main.view != View::Panes {
            self.main.set(View::Panes);
        } else if !self.shown.filter.search.is_empty() {
            self.shown.filter.search.clear();
            self.refilter_by_hand();
        }
    }

    /// `s` in a list pane: its next order.
    fn cycle_sort(&mut self) {
        let (countries, actors) = (self.facets.country_order.sort, self.facets.actor_order.sort);
        match self.main.focus.spec().lists {
            Some(Listing::Countries) => self.sort_facets(countries.next(), actors),
            Some(Listing::Actors) => self.sort_facets(countries, actors.next()),
            Some(Listing::Events) | None => {}
        }
    }

    fn next_match(&mut self, forward: bool) {
        let search = &self.shown.filter.search;
        if search.is_empty() {
            self.status.message = Some(format!(
                "no search: press {} to search",
                key(Context::Timeline, Action::StartSearch)
            ));
            return;
        }
        let shown = self.shown.events();
        let n = shown.len();
        let at = self.shown.selected;
        let found = (1..=n)
            .map(|k| if forward { (at + k) % n } else { (at + n * 2 - k) % n })
            .find(|&p| self.data.query.event_contains(shown[p], search));
        if let Some(p) = found {
            self.shown.selected = p;
            self.main.focus = Pane::Timeline;
        }
    }
}
