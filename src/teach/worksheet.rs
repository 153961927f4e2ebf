//! A worksheet for a tour: the events' dates and titles (not their
//! summaries, which hold the answers), the tour's questions with room to
//! answer, and multiple-choice questions on its events; and, apart, the
//! answer key for the teacher.

use super::quiz::{self, Kinds, Question};
use crate::document::{Lesson, Paragraphs};
use crate::model::{Timeline, Tour};

/// How many multiple-choice questions a worksheet asks, at most.
pub const CHOICES: usize = 6;

/// A step of the tour, as the worksheet lists it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub number: usize,
    pub date: String,
    pub title: &'a str,
}

/// An open question of the tour, with the step's note for the teacher
/// (which frames the question; the answer key labels it as that).
#[derive(Debug, Clone)]
pub struct Open<'a> {
    pub step: usize,
    pub question: Paragraphs<'a>,
    pub guide: Option<Paragraphs<'a>>,
}

/// A multiple-choice question: what is asked, the answers, the right one.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub prompt: String,
    pub options: Vec<String>,
    pub answer: usize,
    /// Why, in words, for the key.
    pub explanation: String,
}

#[derive(Debug, Clone)]
pub struct Worksheet<'a> {
    pub title: &'a str,
    /// The language the texts are in, when the timeline was translated.
    pub lang: Option<&'a str>,
    pub source: Option<&'a str>,
    pub events: Vec<Entry<'a>>,
    pub open: Vec<Open<'a>>,
    pub choices: Vec<Choice>,
    /// The seed the choices were drawn with: the same seed, the same sheet.
    pub seed: u64,
}

impl<'a> Worksheet<'a> {
    pub fn new(tl: &'a Timeline, tour: &'a Tour, seed: u64) -> Self {
        let lesson = Lesson::new(tl, tour, true);
        let events = lesson
            .steps
            .iter()
            .map(|s| Entry { number: s.number, date: s.card.date.clone(), title: s.card.title })
            .collect();
        let open = lesson
            .steps
            .iter()
            .filter_map(|s| {
                Some(Open { step: s.number, question: s.question.clone()?, guide: s.note.clone() })
            })
            .collect();
        let mut pool: Vec<usize> =
            tour.steps.iter().filter_map(|s| tl.event_index(&s.event)).collect();
        pool.sort_unstable();
        pool.dedup();
        let choices = quiz::generate_kinds(tl, &pool, seed, CHOICES, Kinds::Undated)
            .into_iter()
            .filter_map(|q| choice(tl, &q))
            .collect();
        Worksheet {
            title: lesson.title,
            lang: lesson.lang,
            source: lesson.source,
            events,
            open,
            choices,
            seed,
        }
    }
}

fn choice(tl: &Timeline, q: &Question) -> Option<Choice> {
    let Question::Choose { options, answer, .. } = q else { return None };
    let explanation = quiz::check(tl, q, quiz::Answer::Choice(*answer as u8 + 1)).explanation;
    let explanation = explanation.strip_prefix("Right: ").unwrap_or(&explanation).to_string();
    Some(Choice { prompt: q.prompt(tl)?, options: options.clone(), answer: *answer, explanation })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worksheet_has_every_question_and_choices_with_one_answer() {
        let tl = crate::load::load_bundled().timeline;
        let tour = tl.tour("new-great-game").expect("tour");
        let ws = Worksheet::new(&tl, tour, 1);
        assert_eq!(ws.events.len(), tour.steps.len());
        assert_eq!(ws.open.len(), tour.steps.iter().filter(|s| s.question.is_some()).count());
        assert!(ws.open.iter().all(|o| o.guide.is_some()));
        assert!(ws.choices.len() >= 4, "{:?}", ws.choices);
        for c in &ws.choices {
            assert!(c.answer < c.options.len());
            assert!(c.explanation.contains(&c.options[c.answer]), "{c:?}");
        }
        let again = Worksheet::new(&tl, tour, 1);
        assert_eq!(again.choices, ws.choices, "the same seed, the same sheet");
    }
}
