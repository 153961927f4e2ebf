//! A quiz in progress: the questions, the answers so far and the score.

use crate::model::Timeline;
use crate::teach::quiz::{self, Answer, Outcome, Question};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizState {
    pub questions: Vec<Question>,
    pub at: usize,
    /// The year being typed.
    pub input: String,
    /// The judgement of the current question, once answered.
    pub outcome: Option<Outcome>,
    /// For each answered question, the verdict.
    pub results: Vec<Outcome>,
    /// For each answered question, what was asked, in words: the summary
    /// shows it even if a reload has since removed the event.
    pub asked: Vec<String>,
    pub seed: u64,
    /// How far the end summary is scrolled.
    pub scroll: u16,
    /// The slides the quiz was started from (a tour's), to go back to.
    pub back: Option<Box<crate::tui::state::Presentation>>,
}

/// How many questions a quiz asks, at most.
pub const LENGTH: usize = 10;

impl QuizState {
    pub fn new(tl: &Timeline, pool: &[usize], seed: u64) -> QuizState {
        QuizState {
            questions: quiz::generate(tl, pool, seed, LENGTH),
            at: 0,
            input: String::new(),
            outcome: None,
            results: Vec::new(),
            asked: Vec::new(),
            seed,
            scroll: 0,
            back: None,
        }
    }

    pub fn current(&self) -> Option<&Question> {
        self.questions.get(self.at)
    }

    pub fn finished(&self) -> bool {
        self.at >= self.questions.len()
    }

    pub fn score(&self) -> usize {
        self.results.iter().filter(|r| r.correct).count()
    }

    /// A key typed during the quiz: digits build a year, or pick one of
    /// the answers offered; after an answer, keys wait for Enter.
    pub fn key(&mut self, tl: &Timeline, c: char) {
        let Some(q) = self.current() else { return };
        if self.outcome.is_some() {
            return;
        }
        let choices = q.choices();
        match q {
            Question::First { .. } | Question::Choose { .. } => {
                if let Some(choice) = c.to_digit(10).filter(|&d| d >= 1 && d as usize <= choices) {
                    self.answer(tl, Answer::Choice(choice as u8));
                }
            }
            Question::When { .. } => {
                let starts_negative = c == '-' && self.input.is_empty();
                if (c.is_ascii_digit() && self.input.len() < 5) || starts_negative {
                    self.input.push(c);
                }
            }
        }
    }

    /// On to the next question without an answer here (the class answered it).
    pub fn skip(&mut self) {
        if self.outcome.is_none() && !self.finished() {
            self.input.clear();
            self.at += 1;
        }
    }

    pub fn delete(&mut self) {
        if self.outcome.is_none() {
            self.input.pop();
        }
    }

    /// Enter: answers a typed year, or goes on to the next question.
    pub fn submit(&mut self, tl: &Timeline) {
        if self.outcome.is_some() {
            self.outcome = None;
            self.input.clear();
            self.at += 1;
            return;
        }
        if let (Some(Question::When { .. }), Ok(year)) = (self.current(), self.input.parse::<i32>())
        {
            self.answer(tl, Answer::Year(year));
        }
    }

    fn answer(&mut self, tl: &Timeline, answer: Answer) {
        let Some(q) = self.current().cloned() else { return };
        if !question_exists(tl, &q) {
            return;
        }
        let outcome = quiz::check(tl, &q, answer);
        self.asked.push(match q {
            Question::When { event } => format!("When? {} — ", tl.events[event].title),
            Question::First { .. } => "Which came first? ".to_string(),
            Question::Choose { .. } => String::new(),
        });
        self.results.push(outcome.clone());
        self.outcome = Some(outcome);
    }

    /// Follows a reload from `old` to `new`: questions point at their events
    /// by id again. Questions not yet answered whose events are gone are
    /// dropped; returns how many.
    pub fn relocate(&mut self, old: &Timeline, new: &crate::query::Query) -> usize {
        let map = |i: usize| old.events.get(i).and_then(|e| new.event_index(&e.id)).unwrap_or(GONE);
        let new = new.timeline();
        let answered = self.results.len();
        let before = self.questions.len();
        let mut kept = Vec::with_capacity(before);
        for (n, q) in self.questions.iter().enumerate() {
            let q = q.moved(map);
            if n < answered || question_exists(new, &q) {
                kept.push(q);
            }
        }
        self.questions = kept;
        before - self.questions.len()
    }
}

/// Marks an event a reload removed, in a question already answered.
pub const GONE: usize = usize::MAX;

/// Whether every event the question asks about is in `tl`.
pub fn question_exists(tl: &Timeline, q: &Question) -> bool {
    q.events().iter().all(|&i| i < tl.events.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    #[test]
    fn a_seeded_quiz_scores_the_same_answers_the_same() {
        let tl = load::load_bundled().timeline;
        let pool: Vec<usize> = (0..tl.events.len()).collect();
        let run = |seed| {
            let mut q = QuizState::new(&tl, &pool, seed);
            // Answer every question the same way: year 2000, or event 1.
            while let Some(question) = q.current().cloned() {
                match question {
                    Question::When { .. } => {
                        "2000".chars().for_each(|c| q.key(&tl, c));
                        q.submit(&tl);
                    }
                    Question::First { .. } | Question::Choose { .. } => q.key(&tl, '1'),
                }
                assert!(q.outcome.is_some(), "each question was answered");
                q.submit(&tl);
            }
            (q.score(), q.results.iter().map(|r| r.correct).collect::<Vec<_>>())
        };
        let (score, results) = run(42);
        assert_eq!(results.len(), LENGTH);
        assert_eq!(run(42), (score, results), "same seed, same quiz, same score");
        assert!(score < LENGTH, "2000 is not always right");
    }

    #[test]
    fn typing_builds_a_year_and_keys_after_an_answer_do_nothing() {
        let tl = load::load_bundled().timeline;
        let i = tl.event_index("xi-astana-silk-road-economic-belt").expect("event");
        let mut q = QuizState::new(&tl, &[i], 1);
        q.questions = vec![Question::When { event: i }];
        for c in "20x1-3".chars() {
            q.key(&tl, c);
        }
        assert_eq!(q.input, "2013");
        q.delete();
        q.key(&tl, '4');
        q.submit(&tl);
        assert_eq!(q.results.iter().map(|r| r.correct).collect::<Vec<_>>(), [true]);
        q.key(&tl, '9');
        assert_eq!(q.input, "2014");
        q.submit(&tl);
        assert!(q.finished());
        assert_eq!(q.score(), 1);
    }
}
