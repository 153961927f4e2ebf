//! Presentation mode: one slide per event, in order; a tour is a presentation
//! of its steps, with the teacher's notes and the class questions on keys.

use crate::model::Timeline;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// Positions in `Timeline::events`, in slide order.
    pub slides: Vec<usize>,
    pub at: usize,
    /// The tour being given, as a position in `Timeline::tours`.
    pub tour: Option<usize>,
    /// The teacher's note is shown (hidden by default: the projector shows a clean slide).
    pub notes: bool,
    /// The question for the class is shown.
    pub question: bool,
}

impl Presentation {
    pub fn of_events(slides: Vec<usize>, at: usize) -> Presentation {
        let at = at.min(slides.len().saturating_sub(1));
        Presentation { slides, at, tour: None, notes: false, question: false }
    }

    /// The tour's steps whose events exist; `None` if the tour does not.
    pub fn of_tour(tl: &Timeline, tour: usize) -> Option<Presentation> {
        let t = tl.tours.get(tour)?;
        let slides = t.steps.iter().filter_map(|s| tl.event_index(&s.event)).collect();
        Some(Presentation { slides, at: 0, tour: Some(tour), notes: false, question: false })
    }

    pub fn event(&self) -> Option<usize> {
        self.slides.get(self.at).copied()
    }

    /// Moves by `delta` slides, staying within the presentation; a new slide
    /// starts without its question shown.
    pub fn step(&mut self, delta: isize) {
        let last = self.slides.len().saturating_sub(1);
        let to = self.at.saturating_add_signed(delta).min(last);
        if to != self.at {
            self.at = to;
            self.question = false;
        }
    }

    /// "12 / 54" or, in a tour, "Step 3 of 12".
    pub fn position(&self) -> String {
        match self.tour {
            Some(_) => format!("Step {} of {}", self.at + 1, self.slides.len()),
            None => format!("{} / {}", self.at + 1, self.slides.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_in_bounds_and_hide_the_question() {
        let mut p = Presentation::of_events(vec![4, 5, 6], 9);
        assert_eq!(p.at, 2, "a start past the end is the last slide");
        p.question = true;
        p.step(1);
        assert!(p.question, "no move, nothing changes");
        p.step(-1);
        assert_eq!((p.at, p.question), (1, false));
        p.step(isize::MIN / 2);
        assert_eq!(p.event(), Some(4));
        assert_eq!(p.position(), "1 / 3");
        let empty = Presentation::of_events(Vec::new(), 0);
        assert_eq!(empty.event(), None);
    }
}
