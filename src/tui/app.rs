//! The explorer's state and the one function that changes it.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::action::Effect;
pub use super::data::{Prepared, Spans};
pub use super::filtering::Row;
use super::filtering::{self, FilterRequest, Filtered};
use super::keymap::Context;
pub use super::layout::{Pane, View};
use super::present::{Presentation, Relocated};
use super::quiz::QuizState;
use super::relocate;
pub use super::state::{
    AxisState, FacetOrder, FacetSort, History, MapState, Overlay, Overlays, Prompt, PromptKind,
    SortKey,
};
use crate::load::{LoadProgress, Report};
use crate::model::Event;
use crate::query::{Filter, Query};

/// What fills the screen: the main screen (in one of its views), or a
/// full-screen one. Overlays ([`Overlays`]) go on top of either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Main,
    /// Slides, one event each, for a projector.
    Present(Presentation),
    /// A quiz over the events shown when it started.
    Quiz(QuizState),
    /// The selected event, full-screen, scrolled down by this many lines.
    Detail {
        scroll: u16,
    },
}

/// What the command line asked to open with, applied once the data is loaded.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// Checked against the data when it arrives.
    pub filter: Filter,
    pub goto: Option<String>,
    pub tour: Option<String>,
    pub present: bool,
    pub quiz: bool,
    /// Open the tour in the presenter's view: notes, question, next step, clock.
    pub presenter: bool,
    /// The command that shows the loader's warnings: `steppe validate` with
    /// the same files and options.
    pub validate: String,
}

/// A load under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub generation: u64,
    pub progress: Option<LoadProgress>,
}

/// Why the explorer could not open at all (the terminal is given back first).
#[derive(Debug, Clone)]
pub enum StartError {
    /// The files have errors.
    Load(Box<Report>),
    /// The command line asks for something the data lacks.
    Usage(String),
}

/// From this many events on, filters run in the filter worker.
pub const BACKGROUND_FROM: usize = 20_000;

/// Filter entries and the selected event that a reload did not find in the
/// files, kept so that they come back when the files have them again (an
/// editor that empties a file, then writes it). Kept only while the person
/// leaves the filter and selection as that reload left them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    /// The filter as the person set it, when the reload had to narrow it.
    pub filter: Option<Filter>,
    /// The id of the event they had selected, when the reload lost it.
    pub selected: Option<String>,
    /// The filter and selection that reload left.
    pub left_filter: Option<Filter>,
    pub left_selected: Option<usize>,
}

/// "country KZ, actor putin": filter entries in `wanted` that `kept` lacks.
fn missing(wanted: &Filter, kept: &Filter) -> Vec<String> {
    let mut out = Vec::new();
    for (what, w, k) in [
        ("country", &wanted.countries, &kept.countries),
        ("actor", &wanted.actors, &kept.actors),
        ("tag", &wanted.tags, &kept.tags),
    ] {
        out.extend(w.iter().filter(|x| !k.contains(x)).map(|x| format!("{what} {x}")));
    }
    out
}

pub struct App {
    pub query: Arc<Query>,
    /// Events, first and last per country and actor.
    pub spans: Spans,
    pub filter: Filter,
    /// Positions in `timeline.events` that pass the filter, in order.
    pub shown: Vec<usize>,
    pub rows: Vec<Row>,
    pub country_counts: Vec<usize>,
    pub actor_counts: Vec<usize>,
    /// Events per year under the current filter.
    pub per_year: BTreeMap<i32, usize>,
    /// The widest year label among the shown events.
    pub year_width: usize,
    /// The layout of the main screen.
    pub view: View,
    pub focus: Pane,
    /// Position in `shown` of the selected event.
    pub selected: usize,
    /// The country and actor under the cursors: positions in
    /// `Timeline::countries` and `actors`, whatever order they are shown in.
    pub country_cursor: usize,
    pub actor_cursor: usize,
    /// The order the countries and actors panes show them in.
    pub country_order: FacetOrder,
    pub actor_order: FacetOrder,
    pub screen: Screen,
    /// Help, pickers and prompts on top of the screen, in z-order.
    pub overlays: Overlays,
    /// Where following links has been.
    pub history: History,
    /// The map view: its cursor and zoom.
    pub map: MapState,
    /// The time axis view: its zoom and where it is.
    pub axis: AxisState,
    /// The seed of the next quiz; the same seed asks the same questions.
    pub quiz_seed: u64,
    /// A one-line message for the status bar ("no event in 1700").
    pub message: Option<String>,
    /// Why the files on disk could not be reloaded; the last good data stays.
    pub banner: Option<String>,
    /// What the last reload could not find and keeps for when it returns.
    pub held: Option<Held>,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// False until the first data is there: a progress screen shows until then.
    pub ready: bool,
    /// A load under way; the data on screen stays until it is done.
    pub loading: Option<Loading>,
    /// Files changed again during a load: load once more after it.
    pub load_again: bool,
    /// The data on screen is what loaded of files with errors: a reload that
    /// still has errors replaces it rather than keeping it.
    pub partial: bool,
    pub(super) load_generation: u64,
    /// What the command line asked for, until the first data arrives.
    pub startup: Option<Startup>,
    /// From this many events on, filters go to the filter worker.
    pub background_from: usize,
    /// A filter is being computed away from the loop; the last one shows.
    pub filtering: bool,
    filter_generation: u64,
    /// What `update` asks the loop to do.
    pub(super) effects: Vec<Effect>,
    /// The link to the other screens of a lesson, when there is one.
    pub link: Option<super::state::link::Link>,
    /// The presenter's clock.
    pub clock: Option<super::state::link::Clock>,
    /// This screen is the teacher's (`--presenter`): a tour opens in the
    /// presenter's view, also when the teacher comes back from the explorer.
    pub presenter: bool,
}

impl App {
    pub fn new(query: Query, filter: Filter, width: u16, height: u16) -> Self {
        let mut app = App::empty(width, height);
        app.replace_data(Prepared::new(query, Report::default()));
        app.filter = filter;
        app.held = None;
        app.message = None;
        app.refilter();
        app
    }

    /// An explorer waiting for its data: it draws a progress screen until
    /// [`App::loaded`] brings the first load, then opens as `startup` says.
    pub fn loading(startup: Startup, width: u16, height: u16) -> Self {
        let mut app = App::empty(width, height);
        app.ready = false;
        app.startup = Some(startup);
        app
    }

    fn empty(width: u16, height: u16) -> Self {
        App {
            query: Arc::new(Query::new(Default::default())),
            spans: Spans::default(),
            filter: Filter::default(),
            shown: Vec::new(),
            rows: Vec::new(),
            country_counts: Vec::new(),
            actor_counts: Vec::new(),
            per_year: BTreeMap::new(),
            year_width: 4,
            view: View::Panes,
            focus: Pane::Timeline,
            selected: 0,
            country_cursor: 0,
            actor_cursor: 0,
            country_order: FacetOrder::default(),
            actor_order: FacetOrder::default(),
            screen: Screen::Main,
            overlays: Overlays::default(),
            history: History::default(),
            map: MapState::default(),
            axis: AxisState::default(),
            quiz_seed: 1,
            message: None,
            banner: None,
            held: None,
            width,
            height,
            quit: false,
            ready: true,
            loading: None,
            load_again: false,
            partial: false,
            load_generation: 0,
            startup: None,
            background_from: usize::MAX,
            filtering: false,
            filter_generation: 0,
            effects: Vec::new(),
            link: None,
            clock: None,
            presenter: false,
        }
    }

    /// The words around the data on slides, in the timeline's language.
    pub fn words(&self) -> crate::document::words::Words {
        crate::document::words::Words::of(self.timeline().language.as_deref())
    }

    pub fn timeline(&self) -> &crate::model::Timeline {
        self.query.timeline()
    }

    /// The selected event, if the filter lets any through.
    pub fn selected_event(&self) -> Option<&Event> {
        self.shown.get(self.selected).map(|&i| &self.timeline().events[i])
    }

    /// Selects the event with this id, if it is shown.
    pub fn select_id(&mut self, id: &str) -> bool {
        let Some(e) = self.query.event_index(id) else { return false };
        // `shown` is in timeline order.
        let p = self.shown.partition_point(|&i| i < e);
        let found = self.shown.get(p) == Some(&e);
        if found {
            self.selected = p;
        }
        found
    }

    /// Takes a fresh load of the files. A failed load keeps the current data
    /// and says why; a good one replaces it (see [`App::replace_query`]).
    pub fn reload(&mut self, loaded: crate::load::Loaded) {
        if loaded.is_ok() {
            self.replace_data(Prepared::new(Query::new(loaded.timeline), loaded.report));
        } else {
            self.keep_last_good(&loaded.report);
        }
    }

    /// Says why the files could not be reloaded; the data on screen stays.
    pub fn keep_last_good(&mut self, report: &crate::load::Report) {
        self.banner =
            Some(format!("not reloaded, showing the last good version: {}", first_error(report)));
        // "reloaded: 2 events" from the last good load would contradict the banner.
        self.message = None;
    }

    /// Puts new data on screen, keeping what the person was looking at: the
    /// filters, the selected event, the cursors, the slide or quiz question,
    /// by id. What the new data lacks is set aside (see [`Held`]) and comes
    /// back with it; the status line says what moved.
    pub fn replace_data(&mut self, data: Prepared) {
        let Prepared { query, spans, report: _ } = data;
        self.spans = spans;
        let held = self.held.take().unwrap_or_default();
        // What the person asked for: what a previous reload set aside, unless
        // they have changed it since.
        let wanted_filter =
            if held.left_filter.as_ref() == Some(&self.filter) { held.filter } else { None }
                .unwrap_or_else(|| self.filter.clone());
        let wanted_event = held
            .selected
            .filter(|_| held.left_selected == Some(self.selected))
            .or_else(|| self.selected_event().map(|e| e.id.clone()));
        let old_query = std::mem::replace(&mut self.query, Arc::new(query));
        let old = old_query.timeline();
        let old_selected = self.selected;
        let old_shown = std::mem::take(&mut self.shown);
        let country = old.countries.get(self.country_cursor).map(|c| c.code.clone());
        let actor = old.actors.get(self.actor_cursor).map(|a| a.id.clone());

        let tl = self.query.timeline();
        let mut filter = wanted_filter.clone();
        filter.countries.retain(|c| tl.country(c).is_some());
        filter.actors.retain(|a| tl.actor(a).is_some());
        let tags = self.query.tags();
        filter.tags.retain(|t| tags.contains(t));
        self.filter = filter;
        self.refilter_now();
        self.sort_facets(self.country_order.sort, self.actor_order.sort);
        let tl = self.query.timeline();
        // The cursor stays on the same country and actor; on fresh data it
        // starts at the top of the list.
        self.country_cursor = country
            .and_then(|code| tl.countries.iter().position(|c| c.code == code))
            .or_else(|| self.country_order.item(0))
            .unwrap_or(0);
        self.actor_cursor = actor
            .and_then(|id| tl.actors.iter().position(|a| a.id == id))
            .or_else(|| self.actor_order.item(0))
            .unwrap_or(0);

        let mut notes = Vec::new();
        let mut gone = missing(&wanted_filter, &self.filter);
        let found = wanted_event.as_deref().is_none_or(|id| self.select_id(id));
        if !found {
            self.selected = relocate::nearest(old, &old_shown, old_selected, &self.query)
                .map_or(old_selected, |e| self.shown.partition_point(|&i| i < e));
            self.clamp();
            gone.push("the selected event".into());
        }
        let held_note = (!gone.is_empty())
            .then(|| format!("gone from the files, kept for their return: {}", gone.join(", ")));
        if !gone.is_empty() {
            self.held = Some(Held {
                filter: Some(wanted_filter).filter(|w| *w != self.filter),
                selected: wanted_event.filter(|_| !found),
                left_filter: Some(self.filter.clone()),
                left_selected: Some(self.selected),
            });
        }

        let tl = self.query.timeline();
        match &mut self.screen {
            Screen::Present(p) => match p.relocate(old, &self.query, &self.shown) {
                Relocated::Same => {}
                Relocated::Nearest => {
                    notes.push("that slide's event is gone: showing the nearest".into())
                }
                Relocated::Empty => notes.push("no slides are left in the files".into()),
            },
            Screen::Quiz(q) => {
                let dropped = q.relocate(old, &self.query);
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
        self.banner = None;
        notes.extend(held_note);
        let mut message =
            format!("reloaded: {}", crate::text::count(self.shown.len(), "event", "events"));
        for n in notes {
            message.push_str(" · ");
            message.push_str(&n);
        }
        self.message = Some(message);
    }

    /// Which keymap context the keys go to now: the top overlay's, else the
    /// screen's, else the focused pane's.
    pub fn context(&self) -> Context {
        if let Some(o) = self.overlays.top() {
            return o.context();
        }
        match &self.screen {
            Screen::Present(p) if p.presenter => Context::Presenter,
            Screen::Present(p) if p.tour.is_some() => Context::Tour,
            Screen::Present(_) => Context::Present,
            Screen::Quiz(q) if q.finished() => Context::QuizDone,
            Screen::Quiz(_) => Context::Quiz,
            Screen::Detail { .. } => Context::Detail,
            Screen::Main => match self.focus {
                Pane::Timeline => Context::Timeline,
                Pane::Map | Pane::Places => Context::Map,
                Pane::Axis => Context::Axis,
                Pane::Countries | Pane::Actors | Pane::Detail => Context::Facets,
            },
        }
    }

    /// The prompt open now, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.overlays.prompt()
    }

    /// Recomputes what the filter shows, keeping the selected event if it
    /// still is. A big timeline's filter runs in the filter worker: the last
    /// result stays on screen until the new one arrives ([`App::filtered`]).
    pub fn refilter(&mut self) {
        if self.timeline().events.len() >= self.background_from {
            self.filter_generation += 1;
            self.filtering = true;
            self.effects.push(Effect::Filter(Box::new(FilterRequest {
                generation: self.filter_generation,
                query: Arc::clone(&self.query),
                filter: self.filter.clone(),
            })));
        } else {
            self.refilter_now();
        }
    }

    /// Recomputes what the filter shows, here and now.
    pub fn refilter_now(&mut self) {
        self.filter_generation += 1;
        self.filtering = false;
        let done = filtering::compute(&self.query, &self.filter, self.filter_generation, None);
        self.apply_filtered(done);
    }

    /// A filter computed by the worker; false if a newer one superseded it.
    pub fn filtered(&mut self, done: Filtered) -> bool {
        if done.generation != self.filter_generation {
            return false;
        }
        self.filtering = false;
        self.apply_filtered(done);
        true
    }

    fn apply_filtered(&mut self, done: Filtered) {
        let keep = self.shown.get(self.selected).copied();
        self.shown = done.shown;
        self.rows = done.rows;
        self.country_counts = done.country_counts;
        self.actor_counts = done.actor_counts;
        self.per_year = done.per_year;
        self.year_width = done.year_width;
        if let Some(Overlay::Stats { stats, .. }) = self.overlays.top_mut() {
            **stats = self.query.stats(&self.shown);
        }
        if self.view == View::Axis {
            self.follow_selection();
        }
        // The counts changed: lists by count follow them.
        if self.country_order.sort == FacetSort::Count || self.actor_order.sort == FacetSort::Count
        {
            self.sort_facets(self.country_order.sort, self.actor_order.sort);
        }
        self.selected = match keep {
            // The same event, or the first one at or after it.
            Some(k) => self.shown.partition_point(|&i| i < k),
            None => 0,
        };
        self.clamp();
    }

    pub(super) fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        self.country_cursor =
            self.country_cursor.min(self.timeline().countries.len().saturating_sub(1));
        self.actor_cursor = self.actor_cursor.min(self.timeline().actors.len().saturating_sub(1));
    }

    /// Puts the countries and actors panes in these orders.
    pub fn sort_facets(&mut self, countries: FacetSort, actors: FacetSort) {
        let tl = self.query.timeline();
        let key = |name, count: Option<&usize>, reach: Option<&super::data::Reach>| SortKey {
            name,
            count: count.copied().unwrap_or(0),
            total: reach.map_or(0, |r| r.total),
            first: reach.and_then(|r| r.first),
        };
        let keys: Vec<SortKey> = tl
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| {
                key(c.name.as_str(), self.country_counts.get(i), self.spans.countries.get(i))
            })
            .collect();
        self.country_order = FacetOrder::new(countries, &keys);
        let keys: Vec<SortKey> = tl
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| key(a.name.as_str(), self.actor_counts.get(i), self.spans.actors.get(i)))
            .collect();
        self.actor_order = FacetOrder::new(actors, &keys);
    }

    /// The row index of the selected event in `rows`.
    pub fn selected_row(&self) -> usize {
        filtering::row_of(&self.rows, self.selected)
    }
}

/// The first visible line of a list of `len` lines in `height` lines,
/// keeping `cursor` in view with some context above it.
pub fn scroll_offset(cursor: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let context = height / 3;
    cursor.saturating_sub(context).min(len - height)
}

/// "central-asia.yaml:12:5: unknown country `XX` (and 2 more)", made safe.
pub fn first_error(report: &crate::load::Report) -> String {
    let first = report
        .diagnostics
        .iter()
        .find(|d| d.severity == crate::load::Severity::Error)
        .map(|d| {
            let file = report.files.get(d.file).map_or("", |f| f.name.as_str());
            let place = d.mark.map(|m| format!(":{}:{}", m.line, m.column)).unwrap_or_default();
            format!("{file}{place}: {}", d.message)
        })
        .unwrap_or_default();
    let more = match report.errors() {
        0 | 1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    crate::text::sanitize::line(&format!("{first}{more}"))
}
