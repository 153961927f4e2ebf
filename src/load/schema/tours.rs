//! A timeline file's tours. A streamed tour's steps come one at a time while
//! the file is parsed ([`yaml::TOUR_STEPS`]) and are checked as they come,
//! so a tour of a million steps is never a tree; their problems wait for the
//! tour itself (which a syntax error may cut short) and are then said where
//! those of a tour read whole are.

use super::{Cx, STEP_KEYS, TOUR_KEYS, TourDef, is_name, sanitize};
use crate::load::diagnostic::{Mark, StepMarks};
use crate::load::yaml::Node;
use crate::model::{Field, StepsBuilder, Tour};

/// The steps of the tour being read, checked as they came.
pub(super) struct Streamed {
    /// Where the tour's `id` is: the tour they are the steps of.
    id_mark: Mark,
    /// The tour's id when it is a good one, and how messages name the tour.
    id: Option<String>,
    what: String,
    /// How many steps came, read or not.
    count: usize,
    steps: StepsBuilder,
    marks: StepMarks,
    /// Their problems and translations.
    cx: Box<Cx>,
}

/// A tour's id as [`Cx::record`] reads it, without a word: its problems are
/// said when the tour is read.
fn quiet_id(v: &Node) -> Option<String> {
    let id = sanitize::line(v.text()?);
    is_name(&id).then_some(id)
}

impl Cx {
    /// The steps of a tour whose `id` is `id` follow.
    pub(super) fn steps_of(&mut self, id: &Node) {
        let tour = quiet_id(id);
        let what = tour.as_ref().map_or("the tour".to_string(), |i| format!("tour `{i}`"));
        self.streamed = Some(Streamed {
            id_mark: id.mark,
            id: tour,
            what,
            count: 0,
            steps: StepsBuilder::default(),
            marks: StepMarks::default(),
            cx: Box::new(Cx::new(self.file)),
        });
    }

    /// One step of the tour whose steps are streamed.
    pub(super) fn streamed_step(&mut self, item: &Node) {
        let Some(s) = &mut self.streamed else { return };
        let n = s.count;
        s.count += 1;
        s.cx.step(n, item, s.id.as_deref(), &s.what, (&mut s.steps, &mut s.marks));
    }

    pub(super) fn tour(&mut self, v: &Node) -> Option<TourDef> {
        // Streamed steps are this tour's when they came after its `id`.
        let streamed =
            self.streamed.take().filter(|s| v.get("id").map(|i| i.mark) == Some(s.id_mark));
        let (map, id, what) = self.record(v, "a tour", "tour", TOUR_KEYS)?;
        let title = self.req_text(map, "title", &what);
        let description = self.opt_text(map, "description", &what, true);
        let teacher_note = self.opt_text(map, "teacher_note", &what, true);
        let items = self.items(map, "steps", &what);
        if items.is_empty() && streamed.as_ref().is_none_or(|s| s.count == 0) {
            self.error(
                map.mark,
                format!("{what} has no `steps`: list the events it walks through"),
            );
        }
        let (steps, marks) = match streamed {
            Some(s) => {
                let Cx { diags, out, .. } = *s.cx;
                self.diags.extend(diags);
                self.out.translations.extend(out.translations);
                (s.steps, s.marks)
            }
            None => {
                let (mut steps, mut marks) = (StepsBuilder::default(), StepMarks::default());
                for (n, item) in items.iter().enumerate() {
                    self.step(n, item, id.as_deref(), &what, (&mut steps, &mut marks));
                }
                (steps, marks)
            }
        };
        let steps = steps.finish();
        if let Some(tour) = &id {
            self.translations(
                map,
                &what,
                &[
                    ("title", Field::TourTitle(tour.clone()), false),
                    ("description", Field::TourDescription(tour.clone()), true),
                    ("teacher_note", Field::TourTeacherNote(tour.clone()), true),
                ],
            );
        }
        Some(TourDef {
            tour: Tour { id: id?, title: title?, description, teacher_note, steps },
            mark: map.get("id").map_or(map.mark, |i| i.mark),
            steps: marks,
        })
    }

    /// Step `n` (from 0) of the tour `what`, whose id is `tour` when it is a
    /// good one: the step and the place of its event are added to `steps`
    /// and `marks`, if it has one.
    fn step(
        &mut self,
        n: usize,
        item: &Node,
        tour: Option<&str>,
        what: &str,
        (steps, marks): (&mut StepsBuilder, &mut StepMarks),
    ) -> Option<()> {
        let step_what = format!("step {} of {what}", n + 1);
        let m = self.mapping(item, &step_what, STEP_KEYS)?;
        let event = self.req_text(m, "event", &step_what);
        let note = self.opt_text(m, "note", &step_what, true);
        let question = self.opt_text(m, "question", &step_what, true);
        let quote = self.quote_number(m, &step_what);
        let mark = m.get("event").map_or(m.mark, |e| e.mark);
        // Past 2³² - 1 steps (a file of tens of gigabytes), or as many events.
        let read = match event.map(|event| steps.push(event, note, question, quote)) {
            Some(Ok(())) => true,
            Some(Err(full)) => {
                if full.first {
                    self.error(mark, format!("{what} has more steps than steppe reads in a tour"));
                }
                false
            }
            None => false,
        };
        if let Some(tour) = tour
            && m.get("translations").is_some()
        {
            // Keyed by the step's place among the steps read. Those of a step
            // not read are checked but not kept: they would be the next one's.
            let at = marks.len();
            let kept = (!read).then(|| std::mem::take(&mut self.out.translations));
            self.translations(
                m,
                &step_what,
                &[
                    ("note", Field::StepNote(tour.to_string(), at), true),
                    ("question", Field::StepQuestion(tour.to_string(), at), true),
                ],
            );
            if let Some(kept) = kept {
                self.out.translations = kept;
            }
        }
        if !read {
            return None;
        }
        marks.push(n, mark);
        Some(())
    }
}
