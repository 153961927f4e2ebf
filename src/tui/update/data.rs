//! The data's side of the explorer: starting a load when the files change,
//! following its progress, and taking its result — the first one opens the
//! explorer as the command line asked, later ones replace the data in place,
//! keeping what the person was looking at.

use std::sync::Arc;

use crate::load::diagnostic::did_you_mean;
use crate::load::{LoadProgress, Report};
use crate::query::Query;
use crate::text::count;
use crate::tui::effect::{Effect, Ending};
use crate::tui::state::status::{first_error, missing};
use crate::tui::state::{
    App, Data, Held, Loading, Overlay, Prepared, Relocated, Screen, StartError, Startup,
};

impl App {
    /// Starts a load, or asks for another after the one under way.
    pub(super) fn begin_load(&mut self) {
        let loading = &mut self.loading;
        if loading.under_way.is_some() {
            loading.again = true;
            return;
        }
        loading.generation += 1;
        let generation = loading.generation;
        loading.under_way = Some(Loading { generation, progress: None });
        self.effects.push(Effect::Load { generation });
    }

    /// Progress of load `generation`; false if it is not the current one.
    pub(super) fn load_progress(&mut self, generation: u64, progress: LoadProgress) -> bool {
        match &mut self.loading.under_way {
            Some(l) if l.generation == generation => {
                l.progress = Some(progress);
                true
            }
            _ => false,
        }
    }

    /// Load `generation` is done. The first opens the explorer (or says why it
    /// cannot); later ones replace the data, or keep it with a warning.
    pub(super) fn loaded(&mut self, generation: u64, result: Result<Prepared, Report>) -> bool {
        if self.loading.under_way.is_none_or(|l| l.generation != generation) {
            return false;
        }
        self.loading.under_way = None;
        let ready = self.loading.ready;
        match result {
            // A good version on screen stays until the files are fixed.
            Ok(data) if data.report.errors() > 0 && ready && !self.loading.partial => {
                self.keep_last_good(&data.report)
            }
            Ok(data) => {
                let warnings = data.report.warnings() + data.report.notes();
                let tally = data.report.tally();
                let errors = (data.report.errors() > 0).then(|| {
                    format!(
                        "{tally} in the files, showing what could be read: {}",
                        first_error(&data.report)
                    )
                });
                self.loading.partial = errors.is_some();
                match self.loading.startup.take() {
                    Some(startup) => {
                        if let Err(why) = self.open(data, &startup) {
                            self.effects.push(Effect::End(Ending::Refused(StartError::Usage(why))));
                            return false;
                        }
                        if errors.is_some() {
                            self.status.message = errors;
                        } else if warnings > 0 {
                            let command = match startup.validate.as_str() {
                                "" => "steppe validate",
                                command => command,
                            };
                            self.status.message =
                                Some(format!("{tally} in the timelines; `{command}` shows them"));
                        }
                        self.link_news();
                    }
                    None => {
                        self.replace_data(data);
                        self.status.banner = errors;
                    }
                }
            }
            Err(report) if !ready => {
                let refused = StartError::Load(Box::new(report));
                self.effects.push(Effect::End(Ending::Refused(refused)));
                return false;
            }
            Err(report) => self.keep_last_good(&report),
        }
        if std::mem::take(&mut self.loading.again) {
            self.begin_load();
        }
        self.class_page();
        true
    }

    /// The first data: the command line's filters, event, tour or mode.
    fn open(&mut self, data: Prepared, startup: &Startup) -> Result<(), String> {
        self.replace_data(data);
        self.status.message = None;
        self.loading.ready = true;
        let query = &self.data.query;
        self.shown.filter = query.check(&startup.filter).map_err(|e| e.to_string())?;
        self.refilter_now();
        // A date that is probably a typo (`--from 13`) is named on the status line.
        self.status.message = self.data.query.date_warnings(&self.shown.filter).into_iter().next();
        if let Some(id) = &startup.goto
            && !self.select_id(id)
        {
            let tl = self.timeline();
            return Err(if tl.event_index(id).is_some() {
                format!("event `{id}` is hidden by the filters")
            } else {
                let hint = did_you_mean(id, tl.events.iter().map(|e| e.id.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                format!(
                    "no event `{id}` in the loaded timelines{hint} (`steppe list` shows the ids)"
                )
            });
        }
        if let Some(id) = &startup.tour {
            let tours = &self.timeline().tours;
            let Some(position) = tours.iter().position(|t| t.id == *id) else {
                let known: Vec<&str> = tours.iter().map(|t| t.id.as_str()).collect();
                let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                return Err(format!("no tour `{id}` in the loaded timelines; known: {known}"));
            };
            self.lesson.presenter = startup.presenter;
            self.start_tour(position);
        } else if startup.present {
            self.start_presentation();
        }
        if startup.quiz {
            self.start_quiz();
            if self.status.message.is_some() {
                return Err("no events to ask about: the filters leave none".into());
            }
        }
        Ok(())
    }

    /// Says why the files could not be reloaded; the data on screen stays.
    fn keep_last_good(&mut self, report: &Report) {
        self.status.banner =
            Some(format!("not reloaded, showing the last good version: {}", first_error(report)));
        // "reloaded: 2 events" from the last good load would contradict the banner.
        self.status.message = None;
    }

    /// Puts new data on screen, keeping what the person was looking at: the
    /// filters, the selected event, the cursors, the slide or quiz question,
    /// by id. What the new data lacks is set aside (see [`Held`]) and comes
    /// back with it; the status line says what moved.
    pub(crate) fn replace_data(&mut self, data: Prepared) {
        let Prepared { query, longest, report: _ } = data;
        let held = self.status.held.take().unwrap_or_default();
        // What the person asked for: what a previous reload set aside, unless
        // they have changed it since.
        let wanted_filter =
            if held.left_filter.as_ref() == Some(&self.shown.filter) { held.filter } else { None }
                .unwrap_or_else(|| self.shown.filter.clone());
        let wanted_event = held
            .selected
            .filter(|_| held.left_selected == Some(self.shown.selected))
            .or_else(|| self.selected_event().map(|e| e.id.clone()));
        let old = std::mem::replace(&mut self.data, Data { query, longest });
        let old_query: &Query = &old.query;
        let old_tl = old_query.timeline();
        let old_selected = self.shown.selected;
        let old_shown = std::mem::take(&mut self.shown.filtered.shown);
        let country = old_tl.countries.get(self.facets.country_cursor).map(|c| c.code.clone());
        let actor = old_tl.actors.get(self.facets.actor_cursor).map(|a| a.id.clone());

        let query = Arc::clone(&self.data.query);
        let tl = query.timeline();
        let mut filter = wanted_filter.clone();
        filter.countries.retain(|c| tl.country(c).is_some());
        filter.actors.retain(|a| tl.actor(a).is_some());
        let tags = query.tags();
        filter.tags.retain(|t| tags.contains(t));
        self.shown.filter = filter;
        self.refilter_now();
        self.sort_facets(self.facets.country_order.sort, self.facets.actor_order.sort);
        // The cursor stays on the same country and actor; on fresh data it
        // starts at the top of the list.
        let facets = &mut self.facets;
        facets.country_cursor = country
            .and_then(|code| tl.countries.iter().position(|c| c.code == code))
            .or_else(|| facets.country_order.item(0))
            .unwrap_or(0);
        facets.actor_cursor = actor
            .and_then(|id| tl.actors.iter().position(|a| a.id == id))
            .or_else(|| facets.actor_order.item(0))
            .unwrap_or(0);

        let mut notes = Vec::new();
        let mut gone = missing(&wanted_filter, &self.shown.filter);
        let found = wanted_event.as_deref().is_none_or(|id| self.select_id(id));
        if !found {
            self.shown.selected =
                crate::tui::state::relocate::nearest(old_tl, &old_shown, old_selected, &query)
                    .map_or(old_selected, |e| self.shown.position_of(e));
            self.clamp();
            gone.push("the selected event".into());
        }
        let held_note = (!gone.is_empty())
            .then(|| format!("gone from the files, kept for their return: {}", gone.join(", ")));
        if !gone.is_empty() {
            self.status.held = Some(Held {
                filter: Some(wanted_filter).filter(|w| *w != self.shown.filter),
                selected: wanted_event.filter(|_| !found),
                left_filter: Some(self.shown.filter.clone()),
                left_selected: Some(self.shown.selected),
            });
        }

        match &mut self.screen {
            Screen::Present(p) => match p.relocate(old_tl, &query, self.shown.events()) {
                Relocated::Same => {}
                Relocated::Nearest => {
                    notes.push("that slide's event is gone: showing the nearest".into())
                }
                Relocated::Empty => notes.push("no slides are left in the files".into()),
            },
            Screen::Quiz(q) => {
                // The tour the quiz goes back to follows the files too.
                if let Some(p) = q.back.as_deref_mut()
                    && p.relocate(old_tl, &query, self.shown.events()) == Relocated::Empty
                {
                    q.back = None;
                }
                let dropped = q.relocate(old_tl, &query);
                if dropped > 0 {
                    notes.push(format!(
                        "{dropped} quiz question{} dropped: {} events are gone",
                        if dropped == 1 { "" } else { "s" },
                        if dropped == 1 { "its" } else { "their" }
                    ));
                }
            }
            Screen::Detail { .. } => {
                if !found {
                    self.screen = Screen::Detail { scroll: 0 };
                }
            }
            Screen::Main => {}
        }
        let tours = tl.tours.len();
        self.overlays.retain(|o| !matches!(o, Overlay::Tours { .. }) || tours > 0);
        if let Some(Overlay::Tours { cursor }) = self.overlays.top_mut() {
            *cursor = (*cursor).min(tours.saturating_sub(1));
        }
        self.status.banner = None;
        notes.extend(held_note);
        let mut message =
            format!("reloaded: {}", count(self.shown.events().len(), "event", "events"));
        for n in notes {
            message.push_str(" · ");
            message.push_str(&n);
        }
        self.status.message = Some(message);
        drop_elsewhere(old);
    }
}

/// Frees the data a reload replaced away from the loop: a big timeline's
/// millions of strings take long enough to free that a key would wait.
fn drop_elsewhere(old: Data) {
    let spawned = std::thread::Builder::new().name("drop".into()).spawn(move || drop(old));
    // Without a thread (the system refuses one) it is freed here, when the
    // failed spawn gives it back with its closure.
    drop(spawned);
}
