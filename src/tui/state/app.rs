//! The explorer's state: one small struct per feature, owned by the
//! feature's handler in [`crate::tui::update`] and read by the view. Code
//! outside the explorer (tests, benchmarks) reads it through the accessors
//! here and changes it only with messages ([`App::update`]).

use std::collections::BTreeMap;

use ratatui::layout::{Margin, Rect};

use super::axis::AxisState;
use super::class::Class;
use super::data::Data;
use super::facets::Facets;
use super::history::History;
use super::link::{Clock, Lesson, Link};
use super::loading::{LoadState, Loading, Startup};
use super::map::MapState;
use super::overlay::{Overlays, Prompt};
use super::screen::{MainView, Screen};
use super::shown::Shown;
use super::status::Status;
use crate::document::words::Words;
use crate::load::Report;
use crate::model::{Event, Timeline};
use crate::query::{Filter, Query};
use crate::tui::effect::Effect;
use crate::tui::filtering::Row;
use crate::tui::keymap::Context;
use crate::tui::layout::axis::Scene;
use crate::tui::layout::geo::{self};
use crate::tui::layout::{Areas, Pane, View};

pub struct App {
    pub(crate) data: Data,
    pub(crate) shown: Shown,
    pub(crate) facets: Facets,
    pub(crate) main: MainView,
    pub(crate) screen: Screen,
    /// Help, pickers and prompts on top of the screen, in z-order.
    pub(crate) overlays: Overlays,
    /// Where following links has been.
    pub(crate) history: History,
    pub(crate) map: MapState,
    pub(crate) axis: AxisState,
    pub(crate) loading: LoadState,
    pub(crate) lesson: Lesson,
    /// A live class, when this screen serves one or is linked to one that does.
    pub(crate) class: Class,
    pub(crate) status: Status,
    /// How pictures are drawn.
    pub(crate) images: super::Images,
    pub(crate) width: u16,
    pub(crate) height: u16,
    /// Counts the messages that changed something: the loop draws when it moved.
    pub(crate) version: u64,
    /// What the message being handled asks the loop to do.
    pub(crate) effects: Vec<Effect>,
}

impl App {
    /// An explorer on `query`, showing what `filter` lets through.
    pub fn new(query: Query, filter: Filter, width: u16, height: u16) -> Self {
        let mut app = App::empty(width, height);
        app.replace_data(super::data::Prepared::new(query, Report::default()));
        app.shown.filter = filter;
        app.status = Status::default();
        app.refilter();
        app
    }

    /// An explorer waiting for its data: it draws a progress screen until
    /// the first load arrives, then opens as `startup` says.
    pub fn loading(startup: Startup, width: u16, height: u16) -> Self {
        let mut app = App::empty(width, height);
        app.lesson.presenter = startup.presenter;
        app.loading.ready = false;
        app.loading.startup = Some(startup);
        app
    }

    fn empty(width: u16, height: u16) -> Self {
        App {
            data: Data::default(),
            shown: Shown::default(),
            facets: Facets::default(),
            main: MainView::default(),
            screen: Screen::Main,
            overlays: Overlays::default(),
            history: History::default(),
            map: MapState::default(),
            axis: AxisState::default(),
            loading: LoadState::default(),
            lesson: Lesson::default(),
            class: Class::default(),
            status: Status::default(),
            images: super::Images::default(),
            width,
            height,
            version: 0,
            effects: Vec::new(),
        }
    }

    /// Pictures drawn as `images` says (off, or what the terminal has).
    pub fn with_images(mut self, images: super::Images) -> Self {
        self.images = images;
        self
    }

    pub fn images(&self) -> super::Images {
        self.images
    }

    /// From this many events on, filters go to the filter worker (the
    /// explorer's loop has one; a test may run its requests itself).
    pub fn with_background_from(mut self, events: usize) -> Self {
        self.shown.background_from = events;
        self
    }

    /// The seed of the first quiz: the same seed asks the same questions.
    pub fn with_quiz_seed(mut self, seed: u64) -> Self {
        self.lesson.quiz_seed = seed;
        self
    }

    /// This screen is the teacher's: a tour opens in the presenter's view.
    pub fn with_presenter(mut self, presenter: bool) -> Self {
        self.lesson.presenter = presenter;
        self
    }

    /// Opens with this message on the status line.
    pub fn with_message(mut self, message: String) -> Self {
        self.status.message = Some(message);
        self
    }

    /// Linked to the other screens of a lesson on `channel`, with the
    /// presenter's clock if it is the teacher's screen.
    pub fn with_link(mut self, link: Option<Link>, clock: Option<Clock>) -> Self {
        self.lesson.link = link;
        self.lesson.clock = clock;
        self
    }

    /// Serves a class of students the tour (`--serve`): its questions go to
    /// their phones.
    pub fn with_class(mut self, class: Class) -> Self {
        self.class = class;
        self
    }

    /// The tour the command line asked for, until the first data arrives.
    pub fn startup_tour(&self) -> Option<String> {
        self.loading.startup.as_ref().and_then(|s| s.tour.clone())
    }

    /// The live class.
    pub fn class(&self) -> &Class {
        &self.class
    }

    /// What the students' phones were told last, if this screen serves a class.
    pub fn class_broadcast(&self) -> Option<&crate::teach::class::Broadcast> {
        self.class.sent.as_ref()
    }

    pub fn query(&self) -> &Query {
        &self.data.query
    }

    pub fn timeline(&self) -> &Timeline {
        self.data.query.timeline()
    }

    /// Actor `k`'s number of events, first and last.
    pub fn actor_reach(&self, k: usize) -> super::Reach {
        self.data.actor_reach(k)
    }

    pub fn filter(&self) -> &Filter {
        &self.shown.filter
    }

    /// Positions in `Timeline::events` that pass the filter, in order.
    pub fn shown(&self) -> &[usize] {
        self.shown.events()
    }

    /// The lines of the timeline pane.
    pub fn rows(&self) -> &[Row] {
        self.shown.rows()
    }

    /// Events per country (one per `Timeline::countries`) under the filter.
    pub fn country_counts(&self) -> &[usize] {
        &self.shown.filtered.country_counts
    }

    /// Events per actor (one per `Timeline::actors`) under the filter.
    pub fn actor_counts(&self) -> &[usize] {
        &self.shown.filtered.actor_counts
    }

    /// Events per year under the filter.
    pub fn per_year(&self) -> &BTreeMap<i32, usize> {
        &self.shown.filtered.per_year
    }

    /// The widest year label among the shown events.
    pub fn year_width(&self) -> usize {
        self.shown.filtered.year_width
    }

    /// Position in [`App::shown`] of the selected event.
    pub fn selected(&self) -> usize {
        self.shown.selected
    }

    /// The selected event, if the filter lets any through.
    pub fn selected_event(&self) -> Option<&Event> {
        self.shown.selected_event().map(|i| &self.timeline().events[i])
    }

    /// The row of the selected event in [`App::rows`].
    pub fn selected_row(&self) -> usize {
        self.shown.selected_row()
    }

    /// A filter is being computed in the worker; the last result shows.
    pub fn filtering(&self) -> bool {
        self.shown.pending
    }

    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    pub fn view(&self) -> View {
        self.main.view
    }

    pub fn focus(&self) -> Pane {
        self.main.focus
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn overlays(&self) -> &Overlays {
        &self.overlays
    }

    /// The prompt open now, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.overlays.prompt()
    }

    pub fn map(&self) -> &MapState {
        &self.map
    }

    pub fn axis(&self) -> &AxisState {
        &self.axis
    }

    /// The status line's message, if any.
    pub fn message(&self) -> Option<&str> {
        self.status.message.as_deref()
    }

    /// Why the files on disk could not be reloaded, if they could not.
    pub fn banner(&self) -> Option<&str> {
        self.status.banner.as_deref()
    }

    /// False until the first data is there.
    pub fn ready(&self) -> bool {
        self.loading.ready
    }

    /// The load under way, if any.
    pub fn load_under_way(&self) -> Option<&Loading> {
        self.loading.under_way.as_ref()
    }

    pub fn link(&self) -> Option<&Link> {
        self.lesson.link.as_ref()
    }

    pub fn clock(&self) -> Option<&Clock> {
        self.lesson.clock.as_ref()
    }

    /// This is the teacher's screen (`--presenter`).
    pub fn presenter(&self) -> bool {
        self.lesson.presenter
    }

    pub fn quiz_seed(&self) -> u64 {
        self.lesson.quiz_seed
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    /// Moves on with every message that changed what is shown.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The map's inner area and the part of the world it shows, as drawn.
    pub fn map_frame(&self) -> Option<(Rect, geo::Bounds)> {
        let area = Areas::compute(View::Map, self.width, self.height).get(Pane::Map)?;
        let inner = area.inner(Margin::new(1, 1));
        let tl = self.data.query.timeline();
        let wanted = match self.map.bounds {
            Some(b) => Some(b),
            None if self.map.everything => geo::everything(tl),
            None => geo::home(tl, &self.data.query.country_totals()),
        };
        Some((inner, wanted?.fitted(inner)))
    }

    /// Where the show is now, by ids, if a tour or slides are on screen.
    pub fn place(&self) -> Option<crate::teach::steps::Place> {
        match &self.screen {
            Screen::Present(p) => p.place(self.timeline()),
            _ => None,
        }
    }

    /// What the time axis lays out now.
    pub fn axis_scene(&self) -> Scene<'_> {
        Scene {
            timeline: self.timeline(),
            shown: self.shown(),
            selected: self.shown.selected,
            window: self.axis.window(),
            longest: self.data.longest,
        }
    }

    /// The time axis's lanes for an area of lanes (`None` when packed).
    pub fn axis_lanes(&self, width: u16, rows: u16) -> Option<crate::tui::layout::lanes::Lanes> {
        let split = self.axis.lanes.split(self.timeline())?;
        let columns = self.data.query.columns(&split, self.shown()).unwrap_or_default();
        Some(crate::tui::layout::lanes::lay_out_lanes(
            &self.data.query,
            &self.axis_scene(),
            &columns,
            self.axis.lane,
            width,
            rows,
        ))
    }

    /// The words around the data on slides, in the timeline's language.
    pub fn words(&self) -> Words {
        Words::of(self.timeline().language.as_deref())
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
            Screen::Main => self.main.focus.spec().context,
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
