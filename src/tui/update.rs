//! The one place that changes the explorer's state: `App::update`, and the
//! handlers it calls for each action.

use super::action::{Action, Effect};
use super::app::{App, Overlay, Pane, Prompt, PromptKind, Row, Screen, scroll_offset};
use super::geo::Heading;
use super::keymap::{Context, key};
use super::layout::{Areas, View};
use super::present::Presentation;
use super::quiz::QuizState;
use crate::query::Filter;

impl App {
    /// Moves the cursor of the focused pane, in the order it shows its lines.
    pub(super) fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::Countries => {
                self.country_cursor = self.country_order.step(self.country_cursor, delta)
            }
            Pane::Actors => self.actor_cursor = self.actor_order.step(self.actor_cursor, delta),
            // The views without a list step through the shown events.
            Pane::Timeline | Pane::Detail | Pane::Map | Pane::Places | Pane::Axis => {
                if let Some(last) = self.shown.len().checked_sub(1) {
                    self.selected = self.selected.saturating_add_signed(delta).min(last);
                }
            }
        }
    }

    fn page(&self) -> isize {
        let rect = Areas::compute(self.view, self.width, self.height).get(self.focus);
        isize::try_from(rect.map_or(10, |r| r.height.saturating_sub(3)).max(1)).unwrap_or(1)
    }

    /// The person changed the filter: it replaces what a reload set aside.
    pub(super) fn refilter_by_hand(&mut self) {
        if let Some(held) = &mut self.held {
            held.filter = None;
        }
        self.refilter();
    }

    /// Acts on `action`; returns what the loop must do (load, filter, stop).
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let (place, question) = self.moves_before();
        let before = self.selected;
        self.act(action);
        self.tell_moves(place, question);
        // Whatever moved the selection, the time axis keeps it in view.
        if self.view == View::Axis && before != self.selected {
            self.follow_selection();
        }
        std::mem::take(&mut self.effects)
    }

    fn act(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            Action::ToggleHelp => {
                if self.overlays.help().is_some() {
                    self.overlays.retain(|o| !matches!(o, Overlay::Help { .. }));
                } else {
                    let at = super::view::help_start(self.context());
                    let scroll =
                        u16::try_from(at).unwrap_or(0).min(super::view::help_max_scroll(self));
                    self.overlays.push(Overlay::Help { scroll });
                }
            }
            Action::Back => self.back(),
            Action::Input(c) if self.context() == Context::Picker => self.picker_type(c),
            Action::DeleteChar if self.context() == Context::Picker => self.picker_delete(),
            Action::Input(c) => {
                if let Screen::Quiz(q) = &mut self.screen {
                    q.key(self.query.timeline(), c);
                } else if let Some(p) = self.overlays.prompt_mut() {
                    p.input.push(c);
                    self.on_input_changed();
                }
            }
            Action::DeleteChar => {
                if let Screen::Quiz(q) = &mut self.screen {
                    q.delete();
                } else if let Some(p) = self.overlays.prompt_mut() {
                    p.input.pop();
                    self.on_input_changed();
                }
            }
            Action::Submit => match self.overlays.top() {
                Some(Overlay::Tours { cursor }) => {
                    let t = *cursor;
                    self.overlays.pop();
                    self.start_tour(t);
                }
                Some(Overlay::Prompt(_)) => self.submit(),
                Some(Overlay::Tags(_) | Overlay::Links(_) | Overlay::Export(_)) => self.pick(),
                _ => {
                    if let Screen::Quiz(q) = &mut self.screen {
                        q.submit(self.query.timeline());
                    }
                }
            },
            Action::StartPresentation => {
                if self.shown.is_empty() {
                    self.message = Some(format!(
                        "no events to present ({} clears the filters)",
                        key(Context::Panes, Action::ClearFilters)
                    ));
                } else {
                    let tl = self.query.timeline();
                    self.screen = Screen::Present(Presentation::of_events(
                        tl,
                        self.shown.clone(),
                        self.selected,
                    ));
                }
            }
            Action::OpenTours => {
                if self.timeline().tours.is_empty() {
                    self.message = Some("these timelines have no tours".into());
                } else {
                    self.overlays.push(Overlay::Tours { cursor: 0 });
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
            Action::Up if self.context() == Context::Map => self.map_move(Heading::North),
            Action::Down if self.context() == Context::Map => self.map_move(Heading::South),
            Action::Left => self.map_move(Heading::West),
            Action::Right => self.map_move(Heading::East),
            Action::ShowMap => self.toggle_map(),
            Action::ShowAxis => self.toggle_axis(),
            Action::ZoomIn if self.view == View::Axis => self.axis_zoom(true),
            Action::ZoomOut if self.view == View::Axis => self.axis_zoom(false),
            Action::ZoomFit if self.view == View::Axis => {
                self.set_view(View::Panes);
                self.toggle_axis();
            }
            Action::ZoomIn => self.map_zoom(0.67, None),
            Action::ZoomOut => self.map_zoom(1.5, None),
            Action::ZoomFit => self.map_fit(),
            Action::PanLeft => self.axis_pan(-0.25),
            Action::PanRight => self.axis_pan(0.25),
            Action::ZoomWheel { column, row, zoom_in } => self.zoom_wheel(column, row, zoom_in),
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
                self.refilter_by_hand();
                let mode = if self.filter.match_all { "all" } else { "any" };
                self.message =
                    Some(format!("countries: events involving {mode} of the selected countries"));
            }
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.refilter_by_hand();
            }
            Action::StartSearch => {
                // A new search: the last one goes as the prompt opens.
                if !self.filter.search.is_empty() {
                    self.filter.search.clear();
                    self.refilter_by_hand();
                }
                self.overlays.push(Overlay::Prompt(Prompt::new(PromptKind::Search)));
            }
            Action::StartFind => {
                let from = match self.focus {
                    Pane::Actors => self.actor_cursor,
                    _ => self.country_cursor,
                };
                let kind = PromptKind::Find { pane: self.focus, from };
                self.overlays.push(Overlay::Prompt(Prompt::new(kind)));
            }
            Action::StartFilter => self.start_filter_prompt(),
            Action::OpenTags => self.open_tags(),
            Action::OpenLinks => self.open_links(),
            Action::HistoryBack => self.history_step(true),
            Action::HistoryForward => self.history_step(false),
            Action::OpenAbout => self.overlays.push(Overlay::About { scroll: 0 }),
            Action::OpenStats => self.open_stats(),
            Action::OpenExport => self.open_export(),
            Action::Complete => self.complete(),
            Action::CycleSort => match self.focus {
                Pane::Timeline | Pane::Detail | Pane::Map | Pane::Places | Pane::Axis => {}
                Pane::Countries => {
                    let next = self.country_order.sort.next();
                    self.sort_facets(next, self.actor_order.sort);
                }
                Pane::Actors => {
                    let next = self.actor_order.sort.next();
                    self.sort_facets(self.country_order.sort, next);
                }
            },
            Action::StartYearJump => {
                self.overlays.push(Overlay::Prompt(Prompt::new(PromptKind::Year)))
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
        let help_max = super::view::help_max_scroll(self);
        let reader_max = super::view::reader_max_scroll(self);
        let last_tour = self.timeline().tours.len().saturating_sub(1);
        match self.overlays.top_mut() {
            Some(Overlay::Help { scroll }) => {
                *scroll = by(*scroll, help_max);
                return;
            }
            Some(Overlay::Tours { cursor }) => {
                *cursor = cursor.saturating_add_signed(delta).min(last_tour);
                return;
            }
            Some(Overlay::About { scroll } | Overlay::Stats { scroll, .. }) => {
                *scroll = by(*scroll, reader_max);
                return;
            }
            Some(Overlay::Prompt(_)) => return,
            Some(Overlay::Tags(_) | Overlay::Links(_) | Overlay::Export(_)) => {
                self.picker_step(delta);
                return;
            }
            None => {}
        }
        if let Screen::Present(p) = &mut self.screen {
            p.step(self.query.timeline(), delta);
        } else if let Screen::Quiz(q) = &self.screen {
            let scroll = by(q.scroll, super::view::quiz_max_scroll(self));
            if let Screen::Quiz(q) = &mut self.screen {
                q.scroll = scroll;
            }
        } else if let Screen::Detail { scroll } = self.screen {
            let max = super::view::detail_max_scroll(self);
            self.screen = Screen::Detail { scroll: by(scroll, max) };
        } else {
            self.move_by(delta);
        }
    }

    /// Starts a tour (a position in `Timeline::tours`) in presentation mode.
    pub fn start_tour(&mut self, tour: usize) {
        let tl = self.query.timeline();
        let query = &self.query;
        if let Some(mut p) = tl.tours.get(tour).and_then(|t| Presentation::of_tour(query, &t.id)) {
            p.presenter = self.presenter;
            p.notes = self.presenter;
            self.screen = Screen::Present(p);
            self.follow_lesson();
        }
    }

    /// A quiz over the events the filter shows now.
    pub fn start_quiz(&mut self) {
        if self.shown.is_empty() {
            self.message = Some(format!(
                "no events to ask about ({} clears the filters)",
                key(Context::Panes, Action::ClearFilters)
            ));
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
            p.step(self.query.timeline(), delta);
            return;
        }
        if self.screen == Screen::Main {
            // The map and the time axis step through the events in place.
            self.move_by(delta);
            return;
        }
        let before = self.selected;
        self.focus = Pane::Timeline;
        self.move_by(delta);
        if self.selected != before {
            self.screen = Screen::Detail { scroll: 0 };
        }
    }

    /// Esc: closes the top overlay (a search prompt clears its search), or
    /// leaves the full-screen view, or clears a kept search.
    fn back(&mut self) {
        if let Some(top) = self.overlays.pop() {
            match top {
                Overlay::Prompt(Prompt { kind: PromptKind::Search, .. }) => {
                    self.filter.search.clear();
                    self.refilter_by_hand();
                }
                Overlay::Prompt(Prompt { kind: PromptKind::Find { pane, from }, .. }) => match pane
                {
                    Pane::Actors => self.actor_cursor = from,
                    _ => self.country_cursor = from,
                },
                _ => {}
            }
        } else if let Screen::Present(p) = &self.screen {
            // Back to the explorer on the same event, if the filter shows it.
            if let Some(e) = p.event() {
                match self.shown.iter().position(|&i| i == e) {
                    Some(pos) => {
                        self.selected = pos;
                        self.focus = Pane::Timeline;
                    }
                    None => {
                        self.message = Some(format!(
                            "that event is hidden by the filters ({} clears them)",
                            key(Context::Panes, Action::ClearFilters)
                        ))
                    }
                }
            }
            self.screen = Screen::Main;
        } else if self.screen != Screen::Main {
            self.screen = Screen::Main;
        } else if self.view != View::Panes {
            self.set_view(View::Panes);
        } else if !self.filter.search.is_empty() {
            self.filter.search.clear();
            self.refilter_by_hand();
        }
    }

    fn on_input_changed(&mut self) {
        let Some(Prompt { kind, input, .. }) = self.overlays.prompt() else { return };
        match *kind {
            PromptKind::Filter => self.check_filter_input(),
            PromptKind::Search => {
                self.filter.search = input.trim().to_string();
                self.refilter_by_hand();
            }
            PromptKind::Find { pane, from } => {
                let input = input.clone();
                self.find_in_list(pane, from, &input);
            }
            PromptKind::Year => {}
        }
    }

    /// Puts the cursor of a countries or actors list on the first item, in
    /// the order shown, whose name starts with `text` (else holds it, else
    /// whose code or id is it), case and accents ignored.
    fn find_in_list(&mut self, pane: Pane, from: usize, text: &str) {
        let needle = crate::query::fold(text.trim());
        let tl = self.query.timeline();
        let (order, names): (&[usize], Vec<(String, String)>) = match pane {
            Pane::Actors => (
                self.actor_order.items(),
                tl.actors.iter().map(|a| (crate::query::fold(&a.name), a.id.clone())).collect(),
            ),
            _ => (
                self.country_order.items(),
                tl.countries
                    .iter()
                    .map(|c| (crate::query::fold(&c.name), c.code.clone()))
                    .collect(),
            ),
        };
        let found = if needle.is_empty() {
            Some(from)
        } else {
            let by = |test: &dyn Fn(&(String, String)) -> bool| {
                order.iter().copied().find(|&i| names.get(i).is_some_and(test))
            };
            by(&|(name, _)| name.starts_with(&needle))
                .or_else(|| by(&|(name, _)| name.contains(&needle)))
                .or_else(|| by(&|(_, code)| crate::query::fold(code) == needle))
        };
        match (found, pane) {
            (Some(i), Pane::Actors) => self.actor_cursor = i,
            (Some(i), _) => self.country_cursor = i,
            (None, _) => self.message = Some(format!("no name here holds \"{}\"", text.trim())),
        }
    }

    /// Enter in a prompt: keeps the search, or jumps to the year.
    fn submit(&mut self) {
        let Some(Overlay::Prompt(prompt)) = self.overlays.pop() else { return };
        match prompt.kind {
            PromptKind::Search if self.shown.is_empty() => {
                self.message = Some(format!("nothing matches \"{}\"", self.filter.search));
            }
            PromptKind::Year => self.jump_to_year(&prompt.input),
            PromptKind::Filter => self.submit_filter(prompt),
            PromptKind::Search | PromptKind::Find { .. } => {}
        }
    }

    fn jump_to_year(&mut self, text: &str) {
        let text = text.trim();
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
            self.message = Some(format!(
                "no search: press {} to search",
                key(Context::Timeline, Action::StartSearch)
            ));
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
            Pane::Map | Pane::Places => self.map_toggle(),
            Pane::Timeline | Pane::Detail | Pane::Axis => {
                if !self.shown.is_empty() {
                    self.screen = Screen::Detail { scroll: 0 };
                }
            }
            Pane::Countries => {
                if let Some(c) = self.timeline().countries.get(self.country_cursor) {
                    let code = c.code.clone();
                    Filter::toggle(&mut self.filter.countries, &code);
                    self.refilter_by_hand();
                }
            }
            Pane::Actors => {
                if let Some(a) = self.timeline().actors.get(self.actor_cursor) {
                    let id = a.id.clone();
                    Filter::toggle(&mut self.filter.actors, &id);
                    self.refilter_by_hand();
                }
            }
        }
    }

    /// The pane and line under a screen position, if it is a list line.
    fn hit(&self, column: u16, row: u16) -> Option<(Pane, usize)> {
        let areas = Areas::compute(self.view, self.width, self.height);
        let (pane, rect) = areas.pane_at(column, row)?;
        if !pane.spec().list {
            return None;
        }
        let inner_top = rect.y + 1;
        let inner_height = rect.height.saturating_sub(2);
        if row < inner_top || row >= inner_top + inner_height {
            return Some((pane, usize::MAX));
        }
        let line = usize::from(row - inner_top);
        let (cursor, len) = match pane {
            Pane::Timeline | Pane::Detail => (self.selected_row(), self.rows.len()),
            Pane::Countries => {
                (self.country_order.rank(self.country_cursor), self.country_order.len())
            }
            Pane::Actors => (self.actor_order.rank(self.actor_cursor), self.actor_order.len()),
            Pane::Map | Pane::Places | Pane::Axis => return None,
        };
        Some((pane, scroll_offset(cursor, len, usize::from(inner_height)) + line))
    }

    fn click(&mut self, column: u16, row: u16) {
        if !self.overlays.is_empty() || self.screen != Screen::Main {
            return;
        }
        if self.map_click(column, row) || self.axis_click(column, row) {
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
            Pane::Countries => {
                if let Some(item) = self.country_order.item(line) {
                    self.country_cursor = item;
                }
            }
            Pane::Actors => {
                if let Some(item) = self.actor_order.item(line) {
                    self.actor_cursor = item;
                }
            }
            Pane::Detail | Pane::Map | Pane::Places | Pane::Axis => {}
        }
    }

    /// The wheel with a modifier: the time axis zooms; the map zooms where the pointer is.
    fn zoom_wheel(&mut self, column: u16, row: u16, zoom_in: bool) {
        if !self.overlays.is_empty() || self.screen != Screen::Main {
            return;
        }
        if self.view == View::Axis {
            self.axis_zoom(zoom_in);
        } else {
            self.map_wheel(column, row, zoom_in);
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        if let Screen::Detail { .. } = self.screen {
            self.scroll_or_move(delta);
            return;
        }
        if !self.overlays.is_empty() || self.map_wheel(column, row, delta < 0) {
            return;
        }
        if self.view == View::Axis {
            self.axis_pan(if delta < 0 { -0.1 } else { 0.1 });
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
