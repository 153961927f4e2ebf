//! The explorer's state and the one function that changes it.

use std::collections::BTreeMap;

use super::action::Action;
use super::keymap::Context;
use super::layout::{Areas, PaneKind};
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

    fn step(self, forward: bool) -> Pane {
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
    pub mouse: bool,
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
            mouse: true,
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
        } else if let Screen::Present(_) = self.screen {
            Context::Present
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

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        self.country_cursor =
            self.country_cursor.min(self.timeline().countries.len().saturating_sub(1));
        self.actor_cursor = self.actor_cursor.min(self.timeline().actors.len().saturating_sub(1));
    }

    /// The row index of the selected event in `rows`.
    pub fn selected_row(&self) -> usize {
        self.rows.iter().position(|r| *r == Row::Event(self.selected)).unwrap_or(0)
    }

    fn cursor_mut(&mut self) -> (&mut usize, usize) {
        let n = match self.focus {
            Pane::Countries => self.timeline().countries.len(),
            Pane::Actors => self.timeline().actors.len(),
            Pane::Timeline => self.shown.len(),
        };
        let cursor = match self.focus {
            Pane::Countries => &mut self.country_cursor,
            Pane::Actors => &mut self.actor_cursor,
            Pane::Timeline => &mut self.selected,
        };
        (cursor, n)
    }

    fn move_by(&mut self, delta: isize) {
        let (cursor, n) = self.cursor_mut();
        if n == 0 {
            return;
        }
        *cursor = cursor.saturating_add_signed(delta).min(n - 1);
    }

    fn page(&self) -> isize {
        let areas = Areas::compute(self.width, self.height);
        let rect = match self.focus {
            Pane::Countries => areas.countries,
            Pane::Actors => areas.actors,
            Pane::Timeline => areas.timeline,
        };
        isize::try_from(rect.map_or(10, |r| r.height.saturating_sub(3)).max(1)).unwrap_or(1)
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Back => self.back(),
            Action::Input(c) => {
                if let Screen::Quiz(q) = &mut self.screen {
                    q.key(self.query.timeline(), c);
                } else {
                    self.input.push(c);
                    self.on_input_changed();
                }
            }
            Action::DeleteChar => {
                if let Screen::Quiz(q) = &mut self.screen {
                    q.delete();
                } else {
                    self.input.pop();
                    self.on_input_changed();
                }
            }
            Action::Submit => {
                if let Some(t) = self.tour_picker.take() {
                    self.start_tour(t);
                } else if let Screen::Quiz(q) = &mut self.screen {
                    q.submit(self.query.timeline());
                } else {
                    self.submit();
                }
            }
            Action::StartPresentation => {
                self.screen =
                    Screen::Present(Presentation::of_events(self.shown.clone(), self.selected));
            }
            Action::OpenTours => {
                if self.timeline().tours.is_empty() {
                    self.message = Some("these timelines have no tours".into());
                } else {
                    self.tour_picker = Some(0);
                }
            }
            Action::StartQuiz => self.start_quiz(),
            Action::ToggleNotes => {
                if let Screen::Present(p) = &mut self.screen {
                    p.notes = !p.notes;
                }
            }
            Action::ToggleQuestion => {
                if let Screen::Present(p) = &mut self.screen {
                    p.question = !p.question;
                }
            }
            Action::Up => self.scroll_or_move(-1),
            Action::Down => self.scroll_or_move(1),
            Action::PageUp => self.scroll_or_move(-self.page()),
            Action::PageDown => self.scroll_or_move(self.page()),
            Action::Home => self.scroll_or_move(isize::MIN / 2),
            Action::End => self.scroll_or_move(isize::MAX / 2),
            Action::NextEvent => self.step_event(1),
            Action::PrevEvent => self.step_event(-1),
            Action::NextPane => self.focus = self.focus.step(true),
            Action::PrevPane => self.focus = self.focus.step(false),
            Action::Activate => self.activate(),
            Action::ToggleMatch => {
                self.filter.match_all = !self.filter.match_all;
                self.refilter();
                let mode = if self.filter.match_all { "all" } else { "any" };
                self.message = Some(format!("countries: events involving {mode} of the selected"));
            }
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.input.clear();
                self.refilter();
            }
            Action::StartSearch => {
                self.prompt = Some(Prompt::Search);
                self.input = self.filter.search.clone();
            }
            Action::StartYearJump => {
                self.prompt = Some(Prompt::Year);
                self.input.clear();
            }
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::Click { column, row } => self.click(column, row),
            Action::ScrollUp { column, row } => self.wheel(column, row, -3),
            Action::ScrollDown { column, row } => self.wheel(column, row, 3),
        }
    }

    /// Scrolls the help or the full-screen event, steps through slides or the
    /// tour picker, or moves in the focused pane.
    fn scroll_or_move(&mut self, delta: isize) {
        let by = |at: u16, max: u16| {
            let delta = i16::try_from(delta.clamp(-10_000, 10_000)).unwrap_or(0);
            at.saturating_add_signed(delta).min(max)
        };
        if self.help {
            self.help_scroll = by(self.help_scroll, super::view::help_max_scroll(self));
        } else if let Some(t) = self.tour_picker {
            let last = self.timeline().tours.len().saturating_sub(1);
            self.tour_picker = Some(t.saturating_add_signed(delta).min(last));
        } else if let Screen::Present(p) = &mut self.screen {
            p.step(delta);
        } else if let Screen::Detail { scroll } = self.screen {
            let max = super::view::detail_max_scroll(self);
            self.screen = Screen::Detail { scroll: by(scroll, max) };
        } else {
            self.move_by(delta);
        }
    }

    /// Starts a tour (a position in `Timeline::tours`) in presentation mode.
    pub fn start_tour(&mut self, tour: usize) {
        if let Some(p) = Presentation::of_tour(self.query.timeline(), tour) {
            self.screen = Screen::Present(p);
        }
    }

    /// A quiz over the events the filter shows now.
    pub fn start_quiz(&mut self) {
        if self.shown.is_empty() {
            self.message = Some("no events to ask about: clear the filters first".into());
            return;
        }
        let quiz = QuizState::new(self.query.timeline(), &self.shown, self.quiz_seed);
        // The next quiz in this session asks other questions.
        self.quiz_seed = self.quiz_seed.wrapping_add(1);
        self.screen = Screen::Quiz(quiz);
    }

    /// The next or previous event in the full-screen view, from its top; the
    /// next or previous slide in a presentation.
    fn step_event(&mut self, delta: isize) {
        if let Screen::Present(p) = &mut self.screen {
            p.step(delta);
            return;
        }
        let before = self.selected;
        self.focus = Pane::Timeline;
        self.move_by(delta);
        if self.selected != before {
            self.screen = Screen::Detail { scroll: 0 };
        }
    }

    fn back(&mut self) {
        if self.prompt == Some(Prompt::Search) {
            self.filter.search.clear();
            self.refilter();
        }
        if self.prompt.take().is_some() {
            self.input.clear();
        } else if self.help {
            self.help = false;
        } else if self.tour_picker.take().is_some() {
        } else if let Screen::Present(p) = &self.screen {
            // Back to the explorer on the same event, if the filter shows it.
            if let Some(e) = p.event()
                && let Some(pos) = self.shown.iter().position(|&i| i == e)
            {
                self.selected = pos;
                self.focus = Pane::Timeline;
            }
            self.screen = Screen::Main;
        } else if self.screen != Screen::Main {
            self.screen = Screen::Main;
        } else if !self.filter.search.is_empty() {
            self.filter.search.clear();
            self.refilter();
        }
    }

    fn on_input_changed(&mut self) {
        if self.prompt == Some(Prompt::Search) {
            self.filter.search = self.input.trim().to_string();
            self.refilter();
        }
    }

    fn submit(&mut self) {
        match self.prompt.take() {
            Some(Prompt::Search) if self.shown.is_empty() => {
                self.message = Some(format!("nothing matches \"{}\"", self.filter.search));
            }
            Some(Prompt::Year) => self.jump_to_year(),
            Some(Prompt::Search) | None => {}
        }
        self.input.clear();
    }

    fn jump_to_year(&mut self) {
        let text = self.input.trim();
        if text.is_empty() {
            return;
        }
        let Ok(year) = text.parse::<i32>() else {
            self.message = Some(format!("`{text}` is not a year; type one such as 1991"));
            return;
        };
        let tl = self.query.timeline();
        if self.shown.is_empty() {
            self.message = Some("no events to jump to".into());
            return;
        }
        let at = self.shown.partition_point(|&i| tl.events[i].date.year < year);
        self.message = match self.shown.get(at) {
            Some(&i) if tl.events[i].date.year == year => None,
            Some(_) => Some(format!("no event in {year}; showing the next one after it")),
            None => Some(format!("no event in or after {year}; showing the last one")),
        };
        self.selected = at.min(self.shown.len() - 1);
        self.focus = Pane::Timeline;
    }

    fn next_match(&mut self, forward: bool) {
        if self.filter.search.is_empty() {
            self.message = Some("no search: press / to search".into());
            return;
        }
        let n = self.shown.len();
        let found =
            (1..=n)
                .map(|k| {
                    if forward { (self.selected + k) % n } else { (self.selected + n * 2 - k) % n }
                })
                .find(|&p| self.query.event_contains(self.shown[p], &self.filter.search));
        if let Some(p) = found {
            self.selected = p;
            self.focus = Pane::Timeline;
        }
    }

    fn activate(&mut self) {
        match self.focus {
            Pane::Timeline => {
                if !self.shown.is_empty() {
                    self.screen = Screen::Detail { scroll: 0 };
                }
            }
            Pane::Countries => {
                if let Some(c) = self.timeline().countries.get(self.country_cursor) {
                    let code = c.code.clone();
                    Filter::toggle(&mut self.filter.countries, &code);
                    self.refilter();
                }
            }
            Pane::Actors => {
                if let Some(a) = self.timeline().actors.get(self.actor_cursor) {
                    let id = a.id.clone();
                    Filter::toggle(&mut self.filter.actors, &id);
                    self.refilter();
                }
            }
        }
    }

    /// The pane and line under a screen position, if it is a list line.
    fn hit(&self, column: u16, row: u16) -> Option<(Pane, usize)> {
        let areas = Areas::compute(self.width, self.height);
        let (kind, rect) = areas.pane_at(column, row)?;
        let pane = match kind {
            PaneKind::Countries => Pane::Countries,
            PaneKind::Actors => Pane::Actors,
            PaneKind::Timeline => Pane::Timeline,
            PaneKind::Detail => return None,
        };
        let inner_top = rect.y + 1;
        let inner_height = rect.height.saturating_sub(2);
        if row < inner_top || row >= inner_top + inner_height {
            return Some((pane, usize::MAX));
        }
        let line = usize::from(row - inner_top);
        let first = match pane {
            Pane::Timeline => {
                scroll_offset(self.selected_row(), self.rows.len(), usize::from(inner_height))
            }
            Pane::Countries => scroll_offset(
                self.country_cursor,
                self.timeline().countries.len(),
                usize::from(inner_height),
            ),
            Pane::Actors => scroll_offset(
                self.actor_cursor,
                self.timeline().actors.len(),
                usize::from(inner_height),
            ),
        };
        Some((pane, first + line))
    }

    fn click(&mut self, column: u16, row: u16) {
        if self.help || self.prompt.is_some() || self.screen != Screen::Main {
            return;
        }
        let Some((pane, line)) = self.hit(column, row) else {
            return;
        };
        self.focus = pane;
        match pane {
            Pane::Timeline => {
                if let Some(Row::Event(p)) = self.rows.get(line) {
                    self.selected = *p;
                }
            }
            Pane::Countries if line < self.timeline().countries.len() => self.country_cursor = line,
            Pane::Actors if line < self.timeline().actors.len() => self.actor_cursor = line,
            _ => {}
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        if let Screen::Detail { .. } = self.screen {
            self.scroll_or_move(delta);
            return;
        }
        if self.help || self.prompt.is_some() {
            return;
        }
        if let Some((pane, _)) = self.hit(column, row) {
            let before = self.focus;
            self.focus = pane;
            self.move_by(delta);
            self.focus = before;
        }
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
