//! Presentation mode: one slide per event, in order; a tour is a presentation
//! of its steps, with the teacher's notes and the class questions on keys.
//! Slides point into the timeline by position; the presenter's place is also
//! kept by event id, so a reload (a file saved in class) finds it again.

use crate::document::words::Words;
use crate::model::Timeline;
use crate::query::Query;
use crate::teach::steps::{Place, tour_slides};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// Positions in `Timeline::events`, in slide order.
    pub slides: Vec<usize>,
    /// In a tour, the step each slide shows (steps whose event is missing are
    /// left out, so the two can differ).
    pub steps: Vec<usize>,
    pub at: usize,
    /// The id of the tour being given.
    pub tour: Option<String>,
    /// The teacher's note is shown (hidden by default: the projector shows a clean slide).
    pub notes: bool,
    /// The question for the class is shown.
    pub question: bool,
    /// The presenter's view: notes, question, the next step and a clock,
    /// for the teacher's own screen, instead of the slide.
    pub presenter: bool,
    /// The id of the event the presenter moved to last. A reload that loses
    /// it shows the nearest slide, and comes back here when it returns.
    pub anchor: Option<String>,
    /// The projector is blank (`b`): the class sees nothing until it is shown again.
    pub blank: bool,
    /// The presenter's list of steps is open, its cursor on this slide.
    pub jump: Option<usize>,
}

/// Where a reload left the presenter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relocated {
    /// On the same event.
    Same,
    /// The event is gone: on the nearest one that is left.
    Nearest,
    /// No slides are left.
    Empty,
}

impl Presentation {
    pub fn of_events(tl: &Timeline, slides: Vec<usize>, at: usize) -> Presentation {
        let at = at.min(slides.len().saturating_sub(1));
        let mut p = Presentation {
            slides,
            steps: Vec::new(),
            at,
            tour: None,
            notes: false,
            question: false,
            presenter: false,
            anchor: None,
            blank: false,
            jump: None,
        };
        p.anchor = p.event_id(tl);
        p
    }

    /// The tour's steps whose events exist; `None` if the tour does not.
    pub fn of_tour(query: &Query, tour: &str) -> Option<Presentation> {
        let (steps, slides) = tour_slides(query, tour)?;
        let tl = query.timeline();
        let mut p = Presentation {
            slides,
            steps,
            at: 0,
            tour: Some(tour.to_string()),
            notes: false,
            question: false,
            presenter: false,
            anchor: None,
            blank: false,
            jump: None,
        };
        p.anchor = p.event_id(tl);
        Some(p)
    }

    pub fn event(&self) -> Option<usize> {
        self.slides.get(self.at).copied()
    }

    /// The tour step the current slide shows.
    pub fn step_index(&self) -> Option<usize> {
        self.steps.get(self.at).copied()
    }

    fn event_id(&self, tl: &Timeline) -> Option<String> {
        self.event().and_then(|i| tl.events.get(i)).map(|e| e.id.clone())
    }

    /// Moves by `delta` slides, staying within the presentation; a new slide
    /// starts without its question shown.
    pub fn step(&mut self, tl: &Timeline, delta: isize) {
        let last = self.slides.len().saturating_sub(1);
        let to = self.at.saturating_add_signed(delta).min(last);
        if to != self.at {
            self.at = to;
            self.question = false;
        }
        if !self.slides.is_empty() {
            self.anchor = self.event_id(tl);
        }
    }

    /// Follows a reload from `old` to `new`: a tour takes its steps again
    /// from `new`; a show of events takes `shown` (the same filter over the
    /// new data). The presenter stays on the anchor's event if it is left,
    /// else goes to the nearest slide that is.
    pub fn relocate(&mut self, old: &Timeline, query: &Query, shown: &[usize]) -> Relocated {
        let before_positions = std::mem::take(&mut self.slides);
        match &self.tour {
            Some(id) => {
                let (steps, slides) = tour_slides(query, id).unwrap_or_default();
                self.steps = steps;
                self.slides = slides;
            }
            None => self.slides = shown.to_vec(),
        }
        let position_of = |id: &str| {
            let e = query.event_index(id)?;
            self.slides.iter().position(|&s| s == e)
        };
        if self.slides.is_empty() {
            self.at = 0;
            return Relocated::Empty;
        }
        if let Some(at) = self.anchor.as_deref().and_then(position_of) {
            self.at = at;
            return Relocated::Same;
        }
        let near = super::relocate::nearest(old, &before_positions, self.at, query).map(|e| {
            match self.tour {
                Some(_) => self.slides.iter().position(|&s| s == e).unwrap_or(self.at),
                // A show of events is in timeline order: the first slide at or after it.
                None => self.slides.partition_point(|&s| s < e),
            }
        });
        self.at = near.unwrap_or(self.at).min(self.slides.len() - 1);
        Relocated::Nearest
    }

    /// Where the show is, by ids: the tour's step, or the event.
    pub fn place(&self, tl: &Timeline) -> Option<Place> {
        match &self.tour {
            Some(tour) => Some(Place::Step { tour: tour.clone(), step: self.step_index()? + 1 }),
            None => self.event_id(tl).map(Place::Event),
        }
    }

    /// Goes to `place` if this show has it; false if it does not.
    pub fn go_to(&mut self, tl: &Timeline, place: &Place) -> bool {
        let at = match (place, &self.tour) {
            (Place::Step { tour, step }, Some(mine)) if tour == mine => {
                self.steps.iter().position(|&s| s + 1 == *step)
            }
            (Place::Event(id), None) => {
                tl.event_index(id).and_then(|e| self.slides.iter().position(|&s| s == e))
            }
            _ => None,
        };
        let Some(at) = at else { return false };
        if at != self.at {
            self.at = at;
            self.question = false;
        }
        self.anchor = self.event_id(tl);
        true
    }

    /// "12 / 54" or, in a tour, "Step 3 of 12".
    pub fn position(&self) -> String {
        self.position_in(Words::ENGLISH)
    }

    /// [`Presentation::position`] in `words` ("Шаг 3 из 12").
    pub fn position_in(&self, words: Words) -> String {
        if self.slides.is_empty() {
            return "No slides".into();
        }
        match self.tour {
            Some(_) => words.step_of(self.at + 1, self.slides.len()),
            None => format!("{} / {}", self.at + 1, self.slides.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events with these ids, in this order.
    fn timeline(ids: &[&str]) -> Timeline {
        let events: String = ids
            .iter()
            .enumerate()
            .map(|(n, id)| {
                format!(
                    "  - {{id: {id}, date: {}, title: T, sources: [https://example.org]}}\n",
                    1990 + n
                )
            })
            .collect();
        let loaded =
            crate::load::load_texts(vec![("t.yaml".into(), Ok(format!("events:\n{events}")))]);
        assert!(loaded.is_ok(), "{}", loaded.report.render());
        loaded.timeline
    }

    #[test]
    fn steps_stay_in_bounds_and_hide_the_question() {
        let tl = timeline(&["a", "b", "c", "d", "e", "f", "g"]);
        let mut p = Presentation::of_events(&tl, vec![4, 5, 6], 9);
        assert_eq!(p.at, 2, "a start past the end is the last slide");
        p.question = true;
        p.step(&tl, 1);
        assert!(p.question, "no move, nothing changes");
        p.step(&tl, -1);
        assert_eq!((p.at, p.question), (1, false));
        p.step(&tl, isize::MIN / 2);
        assert_eq!(p.event(), Some(4));
        assert_eq!(p.position(), "1 / 3");
        let empty = Presentation::of_events(&tl, Vec::new(), 0);
        assert_eq!(empty.event(), None);
    }

    #[test]
    fn a_reload_keeps_the_event_or_the_nearest_and_comes_back_to_it() {
        let old = timeline(&["a", "b", "c", "d"]);
        let mut p = Presentation::of_events(&old, vec![0, 1, 2, 3], 2);
        // An event added before: same slide, new position.
        let added = timeline(&["new", "a", "b", "c", "d"]);
        let q = |tl: &Timeline| Query::new(tl.clone());
        assert_eq!(p.relocate(&old, &q(&added), &[0, 1, 2, 3, 4]), Relocated::Same);
        assert_eq!(p.event(), Some(3));
        // The file emptied mid-save, then written again.
        assert_eq!(p.relocate(&added, &q(&Timeline::default()), &[]), Relocated::Empty);
        assert_eq!(p.event(), None);
        assert_eq!(p.relocate(&Timeline::default(), &q(&added), &[0, 1, 2, 3, 4]), Relocated::Same);
        assert_eq!(p.event(), Some(3), "back on c");
        // c removed: the next one left.
        let without = timeline(&["new", "a", "b", "d"]);
        assert_eq!(p.relocate(&added, &q(&without), &[0, 1, 2, 3]), Relocated::Nearest);
        assert_eq!(without.events[p.event().expect("a slide")].id, "d");
    }
}
