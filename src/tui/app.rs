//! The explorer's state and the one function that changes it.

use std::collections::BTreeMap;

use super::keymap::Context;
use super::present::Presentation;
use super::quiz::QuizState;
use crate::model::{Event, Timeline};
use crate::query::{Filter, Query};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Countries,
    Actors,
    Timeline,
}

impl Pane {
    const ORDER: [Pane; 3] = [Pane::Countries, Pane::Actors, Pane::Timeline];

    pub(super) fn step(self, forward: bool) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ORDER.len();
        Pane::ORDER[if forward { (i + 1) % n } else { (i + n - 1) % n }]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    Search,
    Year,
}

/// What is on top of the main screen.
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

/// A line of the timeline pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An era begins: index into `Timeline::eras`.
    Era(usize),
    /// Position in `App::shown`.
    Event(usize),
}

pub struct App {
    pub query: Query,
    pub filter: Filter,
    /// Positions in `timeline.events` that pass the filter, in order.
    pub shown: Vec<usize>,
    pub rows: Vec<Row>,
    pub country_counts: Vec<usize>,
    pub actor_counts: Vec<usize>,
    /// Events per year under the current filter.
    pub per_year: BTreeMap<i32, usize>,
    pub focus: Pane,
    /// Position in `shown` of the selected event.
    pub selected: usize,
    pub country_cursor: usize,
    pub actor_cursor: usize,
    pub screen: Screen,
    pub help: bool,
    pub help_scroll: u16,
    /// The tour picker is open, with this tour under the cursor.
    pub tour_picker: Option<usize>,
    /// The seed of the next quiz; the same seed asks the same questions.
    pub quiz_seed: u64,
    pub prompt: Option<Prompt>,
    pub input: String,
    /// A one-line message for the status bar ("no event in 1700").
    pub message: Option<String>,
    /// Why the files on disk could not be reloaded; the last good data stays.
    pub banner: Option<String>,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
}

impl App {
    pub fn new(query: Query, filter: Filter, width: u16, height: u16) -> Self {
        let mut app = App {
            query,
            filter,
            shown: Vec::new(),
            rows: Vec::new(),
            country_counts: Vec::new(),
            actor_counts: Vec::new(),
            per_year: BTreeMap::new(),
            focus: Pane::Timeline,
            selected: 0,
            country_cursor: 0,
            actor_cursor: 0,
            screen: Screen::Main,
            help: false,
            help_scroll: 0,
            tour_picker: None,
            quiz_seed: 1,
            prompt: None,
            input: String::new(),
            message: None,
            banner: None,
            width,
            height,
            quit: false,
        };
        app.refilter();
        app
    }

    pub fn timeline(&self) -> &Timeline {
        self.query.timeline()
    }

    /// The selected event, if the filter lets any through.
    pub fn selected_event(&self) -> Option<&Event> {
        self.shown.get(self.selected).map(|&i| &self.timeline().events[i])
    }

    /// Selects the event with this id, if it is shown.
    pub fn select_id(&mut self, id: &str) -> bool {
        let tl = self.query.timeline();
        match self.shown.iter().position(|&i| tl.events[i].id == id) {
            Some(p) => {
                self.selected = p;
                true
            }
            None => false,
        }
    }

    /// Takes a fresh load of the files. A failed load keeps the current data
    /// and says why; a good one replaces it, keeping the selection, filters and
    /// cursors where they still make sense.
    pub fn reload(&mut self, loaded: crate::load::Loaded) {
        if !loaded.is_ok() {
            let report = &loaded.report;
            let first = report
                .diagnostics
                .iter()
                .find(|d| d.severity == crate::load::Severity::Error)
                .map(|d| {
                    let file = report.files.get(d.file).map_or("", |f| f.name.as_str());
                    let place =
                        d.mark.map(|m| format!(":{}:{}", m.line, m.column)).unwrap_or_default();
                    format!("{file}{place}: {}", d.message)
                })
                .unwrap_or_default();
            let more = match report.errors() {
                0 | 1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.banner = Some(crate::load::sanitize::line(&format!(
                "not reloaded, showing the last good version: {first}{more}"
            )));
            return;
        }
        let old = self.timeline();
        let selected = self.selected_event().map(|e| e.id.clone());
        let country = old.countries.get(self.country_cursor).map(|c| c.code.clone());
        let actor = old.actors.get(self.actor_cursor).map(|a| a.id.clone());
        let previous_position = self.selected;
        self.query = Query::new(loaded.timeline);
        let tl = self.query.timeline();
        self.filter.countries.retain(|c| tl.country(c).is_some());
        self.filter.actors.retain(|a| tl.actor(a).is_some());
        let tags = self.query.tags().to_vec();
        self.filter.tags.retain(|t| tags.contains(t));
        let tl = self.query.timeline();
        if let Some(code) = country
            && let Some(i) = tl.countries.iter().position(|c| c.code == code)
        {
            self.country_cursor = i;
        }
        if let Some(id) = actor
            && let Some(i) = tl.actors.iter().position(|a| a.id == id)
        {
            self.actor_cursor = i;
        }
        self.shown.clear();
        self.refilter();
        if !selected.is_some_and(|id| self.select_id(&id)) {
            self.selected = previous_position;
            self.clamp();
        }
        self.banner = None;
        self.message = Some(format!("reloaded: {} events", self.shown.len()));
        if let Screen::Detail { .. } = self.screen {
            self.screen = Screen::Detail { scroll: 0 };
        }
    }

    /// Which keymap context the keys go to now.
    pub fn context(&self) -> Context {
        if self.prompt.is_some() {
            Context::Prompt
        } else if self.help {
            Context::Help
        } else if self.tour_picker.is_some() {
            Context::Tours
        } else if let Screen::Present(p) = &self.screen {
            if p.tour.is_some() { Context::Tour } else { Context::Present }
        } else if let Screen::Quiz(_) = self.screen {
            Context::Quiz
        } else if let Screen::Detail { .. } = self.screen {
            Context::Detail
        } else if self.focus == Pane::Timeline {
            Context::Timeline
        } else {
            Context::Facets
        }
    }

    /// Recomputes what the filter shows, keeping the selected event if it still is.
    pub fn refilter(&mut self) {
        let keep = self.shown.get(self.selected).copied();
        self.shown = self.query.matches(&self.filter);
        self.country_counts = self.query.country_counts(&self.filter);
        self.actor_counts = self.query.actor_counts(&self.filter);
        let tl = self.query.timeline();
        self.per_year.clear();
        for &i in &self.shown {
            *self.per_year.entry(tl.events[i].date.year).or_default() += 1;
        }
        self.selected = match keep {
            // The same event, or the first one at or after it.
            Some(k) => self.shown.partition_point(|&i| i < k),
            None => 0,
        };
        self.rows = build_rows(tl, &self.shown);
        self.clamp();
    }

    pub(super) fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        self.country_cursor =
            self.country_cursor.min(self.timeline().countries.len().saturating_sub(1));
        self.actor_cursor = self.actor_cursor.min(self.timeline().actors.len().saturating_sub(1));
    }

    /// The row index of the selected event in `rows`.
    pub fn selected_row(&self) -> usize {
        self.rows.iter().position(|r| *r == Row::Event(self.selected)).unwrap_or(0)
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

fn build_rows(tl: &Timeline, shown: &[usize]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(shown.len() + tl.eras.len());
    let mut era: Option<usize> = None;
    for (pos, &i) in shown.iter().enumerate() {
        let e = &tl.events[i];
        let this =
            tl.era_of(e).and_then(|found| tl.eras.iter().position(|x| std::ptr::eq(x, found)));
        if let Some(t) = this
            && this != era
        {
            rows.push(Row::Era(t));
        }
        era = this;
        rows.push(Row::Event(pos));
    }
    rows
}
