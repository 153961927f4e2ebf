//! The prompts in the status line: search as you type, a year to jump to,
//! type-to-find in a list, and the `f` prompt — the whole filter as one
//! expression of the `--where` language (`tag:summit from:2013 to:2025
//! country:KZ,UZ actor:putin match:all`, with `and`, `or`, `not`), checked
//! as it is typed, with Tab completing names from the timelines. The query
//! layer parses and checks it, as it does `steppe list --where`, so the two
//! always agree.

use super::complete::candidates;
use crate::query::Filter;
use crate::tui::action::Action;
use crate::tui::layout::Pane;
use crate::tui::state::{App, Completion, Overlay, Prompt, PromptKind};

impl App {
    pub(super) fn prompt_action(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                if let Some(p) = self.overlays.prompt_mut() {
                    p.input.push(c);
                    self.on_input_changed();
                }
            }
            Action::DeleteChar => {
                if let Some(p) = self.overlays.prompt_mut() {
                    p.input.pop();
                    self.on_input_changed();
                }
            }
            Action::Submit => self.submit(),
            Action::Back => self.cancel_prompt(),
            Action::Complete => self.complete(),
            _ => {}
        }
    }

    /// Opens a prompt of this kind in the status line.
    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        self.overlays.push(Overlay::Prompt(Prompt::new(kind)));
    }

    /// `/` in the timeline: a new search; the last one goes as the prompt opens.
    pub(super) fn start_search(&mut self) {
        if !self.shown.filter.search.is_empty() {
            self.shown.filter.search.clear();
            self.refilter_by_hand();
        }
        self.open_prompt(PromptKind::Search);
    }

    /// `/` in a list pane: type-to-find, from the item under the cursor.
    pub(super) fn start_find(&mut self) {
        let from = match self.main.focus {
            Pane::Actors => self.facets.actor_cursor,
            _ => self.facets.country_cursor,
        };
        self.open_prompt(PromptKind::Find { pane: self.main.focus, from });
    }

    /// `f`: the prompt, with the current filter written out.
    pub(super) fn start_filter_prompt(&mut self) {
        let mut prompt = Prompt::new(PromptKind::Filter);
        if !self.shown.filter.is_empty() {
            prompt.input = self.shown.filter.to_expression();
        }
        self.overlays.push(Overlay::Prompt(prompt));
    }

    /// Esc: closes the prompt; a search is cleared, a find puts the cursor back.
    fn cancel_prompt(&mut self) {
        match self.overlays.pop() {
            Some(Overlay::Prompt(Prompt { kind: PromptKind::Search, .. })) => {
                self.shown.filter.search.clear();
                self.refilter_by_hand();
            }
            Some(Overlay::Prompt(Prompt { kind: PromptKind::Find { pane, from }, .. })) => {
                match pane {
                    Pane::Actors => self.facets.actor_cursor = from,
                    _ => self.facets.country_cursor = from,
                }
            }
            _ => {}
        }
    }

    fn on_input_changed(&mut self) {
        let Some(Prompt { kind, input, .. }) = self.overlays.prompt() else { return };
        match *kind {
            PromptKind::Filter => self.check_filter_input(),
            PromptKind::Search => {
                self.shown.filter.search = input.trim().to_string();
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
        let tl = self.data.query.timeline();
        let (order, names): (&[usize], Vec<(String, String)>) = match pane {
            Pane::Actors => (
                self.facets.actor_order.items(),
                tl.actors.iter().map(|a| (crate::query::fold(&a.name), a.id.clone())).collect(),
            ),
            _ => (
                self.facets.country_order.items(),
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
            (Some(i), Pane::Actors) => self.facets.actor_cursor = i,
            (Some(i), _) => self.facets.country_cursor = i,
            (None, _) => {
                self.status.message = Some(format!("no name here holds \"{}\"", text.trim()))
            }
        }
        if let Some(prompt) = self.overlays.prompt_mut() {
            prompt.missed = found.is_none();
        }
    }

    /// Enter in a prompt: keeps the search, jumps to the year, or applies
    /// the filter.
    fn submit(&mut self) {
        let Some(Overlay::Prompt(prompt)) = self.overlays.pop() else { return };
        match prompt.kind {
            PromptKind::Search if self.shown.events().is_empty() => {
                self.status.message =
                    Some(format!("nothing matches \"{}\"", self.shown.filter.search));
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
            self.status.message = Some(format!("`{text}` is not a year; type one such as 1991"));
            return;
        };
        let tl = self.data.query.timeline();
        let shown = self.shown.events();
        if shown.is_empty() {
            self.status.message = Some("no events to jump to".into());
            return;
        }
        let at = shown.partition_point(|&i| tl.events[i].date.year < year);
        self.status.message = match shown.get(at) {
            Some(&i) if tl.events[i].date.year == year => None,
            Some(_) => Some(format!("no event in {year}; showing the next one after it")),
            None => Some(format!("no event in or after {year}; showing the last one")),
        };
        self.shown.selected = at.min(shown.len() - 1);
        self.main.focus = Pane::Timeline;
    }

    /// Checks the filter as it is typed; the error shows under the prompt.
    fn check_filter_input(&mut self) {
        let Some(prompt) = self.overlays.prompt() else { return };
        let error = self.data.query.parse_where(&prompt.input).err();
        if let Some(p) = self.overlays.prompt_mut() {
            p.error = error;
            p.completion = None;
        }
    }

    /// Tab: completes the word being typed, as far as the candidates agree;
    /// again, goes round them one by one.
    fn complete(&mut self) {
        let query = std::sync::Arc::clone(&self.data.query);
        let Some(p) = self.overlays.prompt_mut() else { return };
        if p.kind != PromptKind::Filter {
            return;
        }
        if let Some(c) = p.completion.as_mut().filter(|c| c.input == p.input) {
            if c.items.is_empty() {
                return;
            }
            let next = c.at.map_or(0, |a| (a + 1) % c.items.len());
            p.input.truncate(c.start);
            p.input.push_str(&c.items[next].0);
            c.at = Some(next);
            c.input = p.input.clone();
            p.error = query.parse_where(&p.input).err();
            return;
        }
        let found = candidates(&query, &p.input);
        if let Some(prefix) = found.common_prefix() {
            // Only ever a longer word: what was typed stays when it is longer.
            if prefix.len() > p.input.len() - found.start || found.items.len() == 1 {
                p.input.truncate(found.start);
                p.input.push_str(&prefix);
            }
        }
        let one = found.items.len() == 1;
        p.completion = Some(Completion {
            start: found.start,
            items: found.items,
            at: one.then_some(0),
            input: p.input.clone(),
        });
        let error = query.parse_where(&p.input).err();
        p.error = error;
    }

    /// Enter: the expression becomes the filter, or the prompt stays open
    /// with the error pointed at.
    fn submit_filter(&mut self, prompt: Prompt) {
        match self.data.query.parse_where(&prompt.input) {
            Ok(w) => {
                self.shown.filter = Filter::from_expression(w);
                self.refilter_by_hand();
                self.status.message =
                    self.data.query.date_warnings(&self.shown.filter).into_iter().next();
            }
            Err(e) => {
                self.status.message = Some(e.message.clone());
                self.overlays.push(Overlay::Prompt(Prompt { error: Some(e), ..prompt }));
            }
        }
    }
}
