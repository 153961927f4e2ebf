//! A live class as data: a quiz question as the students' phones show it,
//! the class's answers tallied and marked as the quiz marks them, and the
//! lesson's summary for the teacher (Markdown and CSV). The explorer keeps
//! the answers ([`crate::tui::state::class`]); the class server only
//! carries these to the phones ([`crate::tui::sources::class`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::document::words::Words;
use crate::model::Timeline;
use crate::teach::quiz::{self, Answer, Question, hide_years};

/// A question as a student's phone shows it: words only, no ids of events,
/// no notes. The phone writes every one of them as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    /// Told back with the answer: an answer to another question is refused.
    pub id: u32,
    /// "Step 3", "Question 2 of 10".
    pub heading: String,
    pub prompt: String,
    /// The event asked about, its years hidden (a year question).
    pub detail: Vec<String>,
    /// The answers to pick from, in order; empty when the answer is a year.
    pub choices: Vec<String>,
}

/// How long a line the phones are sent, at most: a summary is cut short.
const DETAIL_CHARS: usize = 600;

fn cut(s: &str, chars: usize) -> String {
    match s.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

impl Asked {
    /// The question in the class's words; `None` if its events are gone.
    pub fn new(
        tl: &Timeline,
        q: &Question,
        id: u32,
        heading: String,
        words: Words,
    ) -> Option<Asked> {
        if !q.events().iter().all(|&e| e < tl.events.len()) {
            return None;
        }
        let (prompt, detail, choices) = match q {
            Question::When { event } => {
                let e = &tl.events[*event];
                let mut detail = vec![hide_years(&e.title)];
                detail.extend(
                    e.summary
                        .lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| cut(&hide_years(l), DETAIL_CHARS)),
                );
                (words.get("class_when").to_string(), detail, Vec::new())
            }
            Question::First { a, b } => {
                let titles = [a, b].map(|&e| hide_years(&tl.events[e].title));
                (words.get("class_first").to_string(), Vec::new(), titles.to_vec())
            }
            Question::Choose { options, .. } => {
                (q.prompt_in(tl, words)?, Vec::new(), options.clone())
            }
        };
        Some(Asked { id, heading, prompt, detail, choices })
    }

    /// Whether `answer` is one this question can take: a choice it offers,
    /// or a year for a year question.
    pub fn fits(&self, answer: Answer) -> bool {
        match answer {
            Answer::Choice(n) => n >= 1 && usize::from(n) <= self.choices.len(),
            Answer::Year(y) => self.choices.is_empty() && (-99_999..=99_999).contains(&y),
        }
    }
}

/// An answer in words: the choice's text, or the year as typed ("330 BCE").
pub fn answer_text(asked: &Asked, answer: Answer) -> String {
    match answer {
        Answer::Choice(n) => asked
            .choices
            .get(usize::from(n).wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| n.to_string()),
        Answer::Year(y) if y < 0 => format!("{} BCE", -i64::from(y)),
        Answer::Year(y) => y.to_string(),
    }
}

/// Whether the quiz marks `answer` right; `None` if the question's events
/// are gone (a reload removed them).
pub fn marked(tl: &Timeline, q: &Question, answer: Answer) -> Option<bool> {
    quiz_fits(tl, q).then(|| quiz::check(tl, q, answer).correct)
}

fn quiz_fits(tl: &Timeline, q: &Question) -> bool {
    q.events().iter().all(|&e| e < tl.events.len())
}

/// The right answer, as the quiz has it: the first choice it marks right,
/// or the event's year.
pub fn right_answer(tl: &Timeline, q: &Question) -> Option<Answer> {
    if !quiz_fits(tl, q) {
        return None;
    }
    match q {
        Question::When { event } => Some(Answer::Year(tl.events[*event].date.year)),
        _ => (1..=q.choices())
            .filter_map(|n| u8::try_from(n).ok())
            .map(Answer::Choice)
            .find(|&a| quiz::check(tl, q, a).correct),
    }
}

/// One line of a tally: an answer, how many gave it, and whether it is right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub label: String,
    pub count: usize,
    pub right: bool,
}

/// How the class answered one question, as the projector shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub heading: String,
    pub prompt: String,
    pub rows: Vec<Row>,
    pub answered: usize,
    pub right: usize,
    pub joined: usize,
    /// The right answer, as the quiz explains it.
    pub explanation: String,
    /// The five best scores of the lesson so far, when the teacher shows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub top: Vec<(String, usize)>,
}

/// Years shown apart in a tally; the rest are summed on one line.
const YEAR_ROWS: usize = 8;

/// The class's answers to `q` tallied: each choice with its count, or the
/// years given, the most given first (at most [`YEAR_ROWS`]); each marked
/// as the quiz marks it.
pub fn tally(
    tl: &Timeline,
    asked: &Asked,
    q: &Question,
    answers: &[Answer],
    words: Words,
) -> Tally {
    let mark = |a: Answer| marked(tl, q, a).unwrap_or(false);
    let rows = if asked.choices.is_empty() {
        let mut years: BTreeMap<i32, usize> = BTreeMap::new();
        for a in answers {
            if let Answer::Year(y) = a {
                *years.entry(*y).or_default() += 1;
            }
        }
        let mut common: Vec<(i32, usize)> = years.into_iter().collect();
        // The most given first; among as many, the earlier year.
        common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let rest: usize = common.iter().skip(YEAR_ROWS).map(|(_, n)| n).sum();
        let mut rows: Vec<Row> = common
            .iter()
            .take(YEAR_ROWS)
            .map(|&(y, count)| Row {
                label: answer_text(asked, Answer::Year(y)),
                count,
                right: mark(Answer::Year(y)),
            })
            .collect();
        rows.sort_by_key(|r| r.label.parse::<i64>().unwrap_or(i64::MIN));
        if rest > 0 {
            rows.push(Row {
                label: words.get("class_other_years").to_string(),
                count: rest,
                right: false,
            });
        }
        rows
    } else {
        (1..=asked.choices.len())
            .filter_map(|n| u8::try_from(n).ok())
            .map(|n| Row {
                label: answer_text(asked, Answer::Choice(n)),
                count: answers.iter().filter(|&&a| a == Answer::Choice(n)).count(),
                right: mark(Answer::Choice(n)),
            })
            .collect()
    };
    let explanation = right_answer(tl, q)
        .map(|a| quiz::check_in(tl, q, a, words).explanation)
        .unwrap_or_default();
    Tally {
        heading: asked.heading.clone(),
        prompt: asked.prompt.clone(),
        rows,
        answered: answers.len(),
        right: answers.iter().filter(|&&a| mark(a)).count(),
        joined: 0,
        explanation,
        top: Vec::new(),
    }
}

/// What the students' phones are told: where the lesson is, the question
/// open or last asked, and its tally once the teacher shows it. Sent whole
/// on every change, so a phone that joins late or lost its connection is
/// where the class is at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Broadcast {
    /// The step of the lesson page the teacher is on, from 1.
    pub step: Option<usize>,
    pub question: Option<Asked>,
    /// Answers to `question` are taken.
    pub open: bool,
    pub reveal: Option<Revealed>,
    /// The lesson is over.
    pub ended: bool,
}

/// A question's tally, shown to the class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revealed {
    pub id: u32,
    pub tally: Tally,
}

/// One question of a lesson for its summary: what was asked, the right
/// answer, and each student's answer (nickname, answer in words, right).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub heading: String,
    pub prompt: String,
    pub right: String,
    pub answers: Vec<(String, String, bool)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    #[test]
    fn a_year_question_hides_its_years_and_takes_only_years() {
        let tl = load::load_bundled().timeline;
        let i = tl.event_index("xi-astana-silk-road-economic-belt").expect("event");
        let q = Question::When { event: i };
        let asked = Asked::new(&tl, &q, 1, "Step 1".into(), Words::ENGLISH).expect("asked");
        assert!(asked.choices.is_empty());
        assert!(asked.detail.iter().all(|l| !l.contains("2013")), "{:?}", asked.detail);
        assert!(asked.fits(Answer::Year(2013)) && !asked.fits(Answer::Choice(1)));
        let answers = [2013, 2013, 2014, 1990].map(Answer::Year);
        let t = tally(&tl, &asked, &q, &answers, Words::ENGLISH);
        assert_eq!((t.answered, t.right), (4, 3), "within two years counts, as the quiz says");
        let labels: Vec<(&str, usize, bool)> =
            t.rows.iter().map(|r| (r.label.as_str(), r.count, r.right)).collect();
        assert_eq!(labels, [("1990", 1, false), ("2013", 2, true), ("2014", 1, true)]);
        assert!(t.explanation.starts_with("Right"), "{}", t.explanation);
        assert_eq!(answer_text(&asked, Answer::Year(-330)), "330 BCE");
    }

    #[test]
    fn a_choice_is_marked_as_the_quiz_marks_it() {
        let tl = load::load_bundled().timeline;
        let pool: Vec<usize> = (0..tl.events.len()).collect();
        let q = quiz::generate(&tl, &pool, 3, 40)
            .into_iter()
            .find(|q| matches!(q, Question::Choose { .. }))
            .expect("a multiple choice");
        let asked = Asked::new(&tl, &q, 2, "Question 1".into(), Words::ENGLISH).expect("asked");
        let Some(Answer::Choice(right)) = right_answer(&tl, &q) else { panic!("a right choice") };
        assert!(!asked.fits(Answer::Choice(0)) && !asked.fits(Answer::Choice(9)));
        let wrong = if right == 1 { 2 } else { 1 };
        let answers = [Answer::Choice(right), Answer::Choice(wrong), Answer::Choice(right)];
        let t = tally(&tl, &asked, &q, &answers, Words::ENGLISH);
        assert_eq!(t.right, 2);
        let marked: Vec<bool> = t.rows.iter().map(|r| r.right).collect();
        assert_eq!(marked.iter().filter(|&&r| r).count(), 1, "one right answer: {t:?}");
        assert_eq!(t.rows[usize::from(right) - 1].count, 2);
    }
}
