//! Tours and their steps. A tour may have a million steps, most of them
//! naming an event and nothing more, and often the same few events: a step
//! is held as the position of its event's id in a table of the tour's
//! distinct ids (four bytes), and what a step adds is held apart, for the
//! steps that add something.

use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;
use hashbrown::hash_table::{Entry, HashTable};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tour {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// For the teacher alone: left out of the students' copies.
    pub teacher_note: Option<String>,
    pub steps: Steps,
}

/// A step of a tour, as [`Steps`] gives it: the id of its event, and what
/// the step adds to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TourStep<'a> {
    pub event: &'a str,
    more: Option<&'a StepMore>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct StepMore {
    note: Option<String>,
    question: Option<String>,
    quote: Option<usize>,
}

impl<'a> TourStep<'a> {
    /// The note for the teacher.
    pub fn note(&self) -> Option<&'a str> {
        self.more?.note.as_deref()
    }

    /// The question for the class.
    pub fn question(&self) -> Option<&'a str> {
        self.more?.question.as_deref()
    }

    /// The step is one of the event's quotes, on a slide of its own: its
    /// position in the event's `quotes`.
    pub fn quote(&self) -> Option<usize> {
        self.more?.quote
    }
}

/// A tour's steps in order; see the module's documentation. Two equal lists
/// of steps are held alike (ids in the order first named, additions by step),
/// so equality compares the steps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StepsData")]
pub struct Steps {
    /// The distinct ids of the steps' events, in the order first named.
    ids: Vec<String>,
    /// Each step's event: its position in `ids`.
    events: Vec<u32>,
    /// What steps add, by step number, ascending.
    more: Vec<(u32, StepMore)>,
}

/// [`Steps`] as stored, checked before it is taken as steps: a position out
/// of its table would name no event.
#[derive(Deserialize)]
struct StepsData {
    ids: Vec<String>,
    events: Vec<u32>,
    more: Vec<(u32, StepMore)>,
}

impl TryFrom<StepsData> for Steps {
    type Error = &'static str;

    fn try_from(d: StepsData) -> Result<Self, Self::Error> {
        let ids = d.ids.len();
        if d.events.iter().any(|&e| e as usize >= ids) {
            return Err("a tour step names an event out of its table");
        }
        let steps = d.events.len();
        if d.more.windows(2).any(|w| w[0].0 >= w[1].0)
            || d.more.iter().any(|m| m.0 as usize >= steps)
        {
            return Err("a tour step's additions are out of order");
        }
        Ok(Steps { ids: d.ids, events: d.events, more: d.more })
    }
}

impl Steps {
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Step `n`, from 0.
    pub fn get(&self, n: usize) -> Option<TourStep<'_>> {
        let &e = self.events.get(n)?;
        let at = u32::try_from(n).ok()?;
        let more = self.more.binary_search_by_key(&at, |m| m.0).ok().map(|i| &self.more[i].1);
        Some(TourStep { event: self.id(e), more })
    }

    pub fn first(&self) -> Option<TourStep<'_>> {
        self.get(0)
    }

    pub fn last(&self) -> Option<TourStep<'_>> {
        self.get(self.len().checked_sub(1)?)
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter { steps: self, events: self.events.iter().enumerate(), more: &self.more }
    }

    /// The ids of the events the steps name, each once.
    pub fn events(&self) -> &[String] {
        &self.ids
    }

    /// For each step, the position of its event in [`Steps::events`]: with
    /// that list, a check made once per event tells each step.
    pub fn event_positions(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.events.iter().map(|&e| e as usize)
    }

    /// Sets the note of step `n`; a step that is not there is left alone.
    pub fn set_note(&mut self, n: usize, note: String) {
        if let Some(m) = self.more_mut(n) {
            m.note = Some(note);
        }
    }

    /// Sets the class question of step `n`; a step that is not there is left alone.
    pub fn set_question(&mut self, n: usize, question: String) {
        if let Some(m) = self.more_mut(n) {
            m.question = Some(question);
        }
    }

    fn more_mut(&mut self, n: usize) -> Option<&mut StepMore> {
        let at = u32::try_from(n).ok().filter(|_| n < self.len())?;
        let i = match self.more.binary_search_by_key(&at, |m| m.0) {
            Ok(i) => i,
            Err(i) => {
                self.more.insert(i, (at, StepMore::default()));
                i
            }
        };
        Some(&mut self.more[i].1)
    }

    fn id(&self, e: u32) -> &str {
        // Every position is in the table (see `StepsData`).
        self.ids.get(e as usize).map_or("", String::as_str)
    }
}

impl<'a> IntoIterator for &'a Steps {
    type Item = TourStep<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The steps in order; each step's additions are found by walking along
/// them, not searched for.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    steps: &'a Steps,
    events: std::iter::Enumerate<std::slice::Iter<'a, u32>>,
    more: &'a [(u32, StepMore)],
}

impl<'a> Iterator for Iter<'a> {
    type Item = TourStep<'a>;

    fn next(&mut self) -> Option<TourStep<'a>> {
        let (n, &e) = self.events.next()?;
        let more = match self.more.split_first() {
            Some(((at, m), rest)) if *at as usize == n => {
                self.more = rest;
                Some(m)
            }
            _ => None,
        };
        Some(TourStep { event: self.steps.id(e), more })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.events.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// Steps as they are read, one at a time: each event's id is looked up in
/// those named before, so that it is held once.
#[derive(Default)]
pub struct StepsBuilder {
    steps: Steps,
    /// Positions in `steps.ids`, hashed by the ids themselves.
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
    /// A step was refused: the tour holds no more.
    full: bool,
}

/// A step refused: the tour holds as many steps, or events, as it can
/// (2³² - 1: a file of tens of gigabytes). `first` for the first refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full {
    pub first: bool,
}

impl StepsBuilder {
    /// Adds a step, unless the tour is [`Full`].
    pub fn push(
        &mut self,
        event: String,
        note: Option<String>,
        question: Option<String>,
        quote: Option<usize>,
    ) -> Result<(), Full> {
        let (Ok(at), Ok(next)) =
            (u32::try_from(self.steps.events.len()), u32::try_from(self.steps.ids.len()))
        else {
            return Err(Full { first: !std::mem::replace(&mut self.full, true) });
        };
        let Steps { ids, events, more } = &mut self.steps;
        let hasher = &self.hasher;
        let found = |&i: &u32| ids[i as usize] == event;
        let rehash = |&i: &u32| hasher.hash_one(&ids[i as usize]);
        let e = match self.table.entry(hasher.hash_one(&event), found, rehash) {
            Entry::Occupied(o) => *o.get(),
            Entry::Vacant(v) => {
                v.insert(next);
                ids.push(event);
                next
            }
        };
        events.push(e);
        let added = StepMore { note, question, quote };
        if added != StepMore::default() {
            more.push((at, added));
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn finish(self) -> Steps {
        self.steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(steps: &[(&str, Option<&str>, Option<usize>)]) -> Steps {
        let mut b = StepsBuilder::default();
        for &(e, note, quote) in steps {
            b.push(e.into(), note.map(str::to_string), None, quote).expect("room");
        }
        b.finish()
    }

    #[test]
    fn steps_read_back_as_pushed_with_each_id_held_once() {
        let s = built(&[("a", None, None), ("b", Some("n"), None), ("a", None, Some(2))]);
        assert_eq!(s.len(), 3);
        assert_eq!(s.events(), ["a", "b"]);
        let listed: Vec<_> = s.iter().map(|t| (t.event, t.note(), t.quote())).collect();
        assert_eq!(listed, [("a", None, None), ("b", Some("n"), None), ("a", None, Some(2))]);
        let got: Vec<_> = (0..s.len()).filter_map(|n| s.get(n)).collect();
        assert_eq!(got, s.iter().collect::<Vec<_>>());
        assert_eq!(s.get(3), None);
        assert_eq!(s.last().map(|t| t.event), Some("a"));
        assert_eq!(s.event_positions().collect::<Vec<_>>(), [0, 1, 0]);
    }

    #[test]
    fn notes_set_later_keep_the_additions_in_order_and_equal_steps_equal() {
        let mut s = built(&[("a", None, None), ("b", None, None), ("c", Some("n"), None)]);
        s.set_question(1, "q".into());
        s.set_note(0, "m".into());
        s.set_note(9, "past the end".into());
        let notes: Vec<_> = s.iter().map(|t| (t.note(), t.question())).collect();
        assert_eq!(notes, [(Some("m"), None), (None, Some("q")), (Some("n"), None)]);
        let mut t = built(&[("a", Some("m"), None), ("b", None, None), ("c", Some("n"), None)]);
        t.set_question(1, "q".into());
        assert_eq!(s, t);
    }

    #[test]
    fn stored_steps_naming_no_event_are_refused() {
        let good = built(&[("a", None, None), ("b", Some("n"), None)]);
        let bytes = postcard::to_stdvec(&good).expect("encodes");
        assert_eq!(postcard::from_bytes::<Steps>(&bytes).ok(), Some(good));
        let bad = Steps { ids: vec!["a".into()], events: vec![0, 1], more: Vec::new() };
        let bytes = postcard::to_stdvec(&bad).expect("encodes");
        assert!(postcard::from_bytes::<Steps>(&bytes).is_err());
    }
}
