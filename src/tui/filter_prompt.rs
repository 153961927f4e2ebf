//! The `f` prompt: the whole filter as one expression of the `--where`
//! language (`tag:summit from:2013 to:2025 country:KZ,UZ actor:putin
//! match:all`, with `and`, `or`, `not`), checked as it is typed, with Tab
//! completing names from the timelines. The query layer parses and checks
//! it, as it does `steppe list --where`, so the two always agree.

use super::app::{App, Overlay, Prompt, PromptKind};
use super::complete::candidates;
use super::state::Completion;
use crate::query::Filter;

impl App {
    /// Opens the prompt with the current filter written out.
    pub(super) fn start_filter_prompt(&mut self) {
        let mut prompt = Prompt::new(PromptKind::Filter);
        if !self.filter.is_empty() {
            prompt.input = self.filter.to_expression();
        }
        self.overlays.push(Overlay::Prompt(prompt));
    }

    /// Checks the input as it changes; the error shows under the prompt.
    pub(super) fn check_filter_input(&mut self) {
        let Some(prompt) = self.overlays.prompt() else { return };
        let error = self.query.parse_where(&prompt.input).err();
        if let Some(p) = self.overlays.prompt_mut() {
            p.error = error;
            p.completion = None;
        }
    }

    /// Tab: completes the word being typed, as far as the candidates agree;
    /// again, goes round them one by one.
    pub(super) fn complete(&mut self) {
        let query = std::sync::Arc::clone(&self.query);
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
    pub(super) fn submit_filter(&mut self, prompt: Prompt) {
        match self.query.parse_where(&prompt.input) {
            Ok(w) => {
                self.filter = Filter::from_expression(w);
                self.refilter_by_hand();
                self.message = self.query.date_warnings(&self.filter).into_iter().next();
            }
            Err(e) => {
                self.message = Some(e.message.clone());
                self.overlays.push(Overlay::Prompt(Prompt { error: Some(e), ..prompt }));
            }
        }
    }
}
