//! A worksheet for a tour: the events' dates and titles (not their
//! summaries, which hold the answers), the tour's questions with room to
//! answer, and multiple-choice questions on its events; and, apart, the
//! answer key for the teacher.

use super::quiz::{self, Kinds, Question};
use crate::document::words::Words;
use crate::document::{Lesson, Paragraphs, Step};
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
    /// The languages the question and the note are in.
    pub lang: &'a str,
    pub guide_lang: &'a str,
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

/// Events to put in order: as the sheet lists them, and each one's place
/// in time (from 1, the earliest).
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub events: Vec<String>,
    pub rank: Vec<usize>,
}

/// People to match to events of the tour: the events as lettered, the
/// people as numbered, and the event (a position in `events`) of each.
#[derive(Debug, Clone, PartialEq)]
pub struct Matching {
    pub events: Vec<String>,
    pub people: Vec<String>,
    pub answers: Vec<usize>,
}

/// At most this many multiple-choice questions of one kind: a sheet asks
/// in several ways.
const PER_KIND: usize = 2;

/// How many events a sheet asks to put in order, and people to match.
const ORDER: usize = 4;
const MATCH: usize = 3;

#[derive(Debug, Clone)]
pub struct Worksheet<'a> {
    pub title: &'a str,
    pub title_lang: &'a str,
    /// The language the texts are in, when the timeline was translated.
    pub lang: Option<&'a str>,
    pub source: Option<&'a str>,
    pub choices: Vec<Choice>,
    pub order: Option<Order>,
    pub matching: Option<Matching>,
    /// The seed the choices were drawn with: the same seed, the same sheet.
    pub seed: u64,
    /// Where the steps are made from as the sheet is written.
    timeline: &'a Timeline,
    tour: &'a Tour,
}

impl<'a> Worksheet<'a> {
    pub fn new(tl: &'a Timeline, tour: &'a Tour, seed: u64) -> Self {
        let lesson = Lesson::head(tl, tour, true);
        let mut pool: Vec<usize> =
            tour.steps.iter().filter_map(|s| tl.event_index(s.event)).collect();
        pool.sort_unstable();
        pool.dedup();
        let words = Words::of(tl.language.as_deref());
        // Many drawn, a few of each kind kept: one question on people after
        // another teaches less than a question of each kind.
        let kind = |q: &Question| match q {
            Question::Choose { ask: quiz::Ask::Said { .. }, .. } => 0,
            Question::Choose { ask: quiz::Ask::Country, .. } => 1,
            Question::Choose { ask: quiz::Ask::Attended, .. } => 2,
            Question::Choose { ask: quiz::Ask::OnDate, .. } => 3,
            Question::Choose { ask: quiz::Ask::Signed, .. } => 4,
            _ => 5,
        };
        let mut kept: Vec<Question> = Vec::new();
        for q in quiz::generate_kinds(tl, &pool, seed, pool.len(), Kinds::Undated) {
            // People have a task of their own, the matching: one question on
            // them here; and one on the countries an event concerns, whose
            // wrong answers are far away, beside those on who signed.
            let most = if matches!(kind(&q), 1 | 2) { 1 } else { PER_KIND };
            if kept.len() < CHOICES && kept.iter().filter(|k| kind(k) == kind(&q)).count() < most {
                kept.push(q);
            }
        }
        let choices = kept.iter().filter_map(|q| choice(tl, q, words)).collect();
        let order = order(tl, &pool, seed);
        let matching = matching(tl, &pool, seed);
        Worksheet {
            title: lesson.title,
            title_lang: lesson.title_lang,
            lang: lesson.lang,
            source: lesson.source,
            choices,
            order,
            matching,
            seed,
            timeline: tl,
            tour,
        }
    }

    /// The tour's steps as the sheet lists them, each made as it is read:
    /// a tour of a million steps is never held as cards.
    pub fn events(&self) -> impl Iterator<Item = Entry<'a>> + 'a {
        let (tl, tour) = (self.timeline, self.tour);
        (0..tour.steps.len()).filter_map(move |n| {
            let card = Step::new(tl, tour, n, true)?.card;
            Some(Entry { number: n + 1, date: card.date, title: card.title })
        })
    }

    /// The tour's open questions in step order; only their steps are made.
    pub fn open(&self) -> impl Iterator<Item = Open<'a>> + 'a {
        let (tl, tour) = (self.timeline, self.tour);
        let asked = (0..tour.steps.len()).filter(move |&n| Step::question_of(tour, n).is_some());
        asked.filter_map(move |n| {
            let s = Step::new(tl, tour, n, true)?;
            Some(Open {
                step: s.number,
                question: s.question?,
                guide: s.note,
                lang: s.question_lang,
                guide_lang: s.note_lang,
            })
        })
    }

    /// Whether the tour asks any open question (its steps are not made).
    pub fn has_open(&self) -> bool {
        let (tl, tour) = (self.timeline, self.tour);
        (0..tour.steps.len())
            .any(|n| Step::shown(tl, tour, n) && Step::question_of(tour, n).is_some())
    }
}

fn choice(tl: &Timeline, q: &Question, words: Words) -> Option<Choice> {
    let Question::Choose { options, answer, .. } = q else { return None };
    let right = quiz::Answer::Choice(*answer as u8 + 1);
    let explanation = quiz::check_in(tl, q, right, words).explanation;
    let verdict = format!("{}: ", words.get("right"));
    let explanation = explanation.strip_prefix(&verdict).unwrap_or(&explanation).to_string();
    let prompt = q.prompt_in(tl, words)?;
    Some(Choice { prompt, options: options.clone(), answer: *answer, explanation })
}

/// Events to put in order: not the tour's own (the sheet lists their
/// dates), but of its years and eras, none overlapping another or closer
/// than a year to it, and no title that gives its place away. `steps`: the
/// tour's events, each once.
fn order(tl: &Timeline, steps: &[usize], seed: u64) -> Option<Order> {
    let first = steps.iter().map(|&i| tl.events[i].date.year).min()?;
    let last = steps.iter().map(|&i| tl.events[i].date.year).max()?;
    let eras: Vec<Option<&str>> =
        steps.iter().map(|&i| tl.era_of(&tl.events[i]).map(|e| e.id.as_str())).collect();
    let mut pool: Vec<usize> = (0..tl.events.len())
        .filter(|i| !steps.contains(i))
        .filter(|&i| {
            let e = &tl.events[i];
            (first..=last).contains(&e.date.year)
                && eras.contains(&tl.era_of(e).map(|era| era.id.as_str()))
                && !quiz::gives_order_away(tl, e)
        })
        .collect();
    let mut rng = quiz::Rng::new(seed ^ 0x0D0E);
    rng.shuffle(&mut pool);
    let mut chosen: Vec<usize> = Vec::new();
    for i in pool {
        let e = &tl.events[i];
        let apart = chosen.iter().all(|&c| {
            let o = &tl.events[c];
            quiz::ordered(e, o).is_some() && (e.date.year - o.date.year).abs() >= 1
        });
        if apart {
            chosen.push(i);
        }
        if chosen.len() == ORDER {
            break;
        }
    }
    if chosen.len() < 3 {
        return None;
    }
    let mut by_time = chosen.clone();
    by_time.sort_by_key(|&i| tl.events[i].date.earliest());
    let rank =
        chosen.iter().map(|i| by_time.iter().position(|j| j == i).unwrap_or(0) + 1).collect();
    Some(Order { events: chosen.iter().map(|&i| tl.events[i].title.clone()).collect(), rank })
}

/// Who to match to which of the tour's events: for each of a few of its
/// events, a person who was there and at none of the others, named in
/// none of their titles.
fn matching(tl: &Timeline, pool: &[usize], seed: u64) -> Option<Matching> {
    let mut rng = quiz::Rng::new(seed ^ 0x3A7C);
    let mut events = pool.to_vec();
    rng.shuffle(&mut events);
    // (event, the person's id, their name)
    let mut chosen: Vec<(usize, &str, &str)> = Vec::new();
    let at = |event: usize, id: &str| tl.events[event].actors.iter().any(|p| p.id == id);
    for e in events {
        // Someone already chosen who was at this one too would fit two events.
        if chosen.iter().any(|&(_, id, _)| at(e, id)) {
            continue;
        }
        let there = tl.events[e].actors.iter().filter(|p| quiz::was_there(p.role.as_deref()));
        let person = there.filter_map(|p| tl.actor(&p.id)).find(|a| {
            let named = std::iter::once(e)
                .chain(chosen.iter().map(|c| c.0))
                .any(|t| quiz::named_in_title(&tl.events[t], &a.name));
            quiz::prominent(a) && !named && !chosen.iter().any(|c| at(c.0, &a.id))
        });
        if let Some(a) = person {
            chosen.push((e, a.id.as_str(), a.name.as_str()));
        }
        if chosen.len() == MATCH {
            break;
        }
    }
    if chosen.len() < MATCH {
        return None;
    }
    let mut people: Vec<usize> = (0..chosen.len()).collect();
    rng.shuffle(&mut people);
    Some(Matching {
        events: chosen.iter().map(|c| tl.events[c.0].title.clone()).collect(),
        people: people.iter().map(|&i| chosen[i].2.to_string()).collect(),
        answers: people,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worksheet_has_every_question_and_choices_with_one_answer() {
        let tl = crate::load::load_bundled().timeline;
        let tour = tl.tour("new-great-game").expect("tour");
        let ws = Worksheet::new(&tl, tour, 1);
        assert_eq!(ws.events().count(), tour.steps.len());
        assert_eq!(ws.open().count(), tour.steps.iter().filter(|s| s.question().is_some()).count());
        assert!(ws.open().all(|o| o.guide.is_some()));
        assert!(ws.has_open());
        assert!(ws.choices.len() >= 2, "{:?}", ws.choices);
        assert!(ws.order.is_some() && ws.matching.is_some(), "five tasks at least");
        for c in &ws.choices {
            assert!(c.answer < c.options.len());
            assert!(c.explanation.contains(&c.options[c.answer]), "{c:?}");
        }
        let again = Worksheet::new(&tl, tour, 1);
        assert_eq!(again.choices, ws.choices, "the same seed, the same sheet");
    }

    #[test]
    fn a_worksheet_asks_in_several_ways_with_one_answer_each() {
        let tl = crate::load::load_bundled().timeline;
        let tour = tl.tour("new-great-game").expect("tour");
        let steps: Vec<&str> = tour.steps.iter().map(|s| s.event).collect();
        let event = |title: &str| tl.events.iter().find(|e| e.title == title).expect(title);
        for seed in 0..40 {
            let ws = Worksheet::new(&tl, tour, seed);
            let people = ws.choices.iter().filter(|c| c.prompt.contains("took part")).count();
            assert!(people <= 1, "seed {seed}: {people} questions on who took part");
            assert!(!ws.choices.iter().any(|c| c.options.iter().any(|o| o == "Yuri Ushakov")));
            let order = ws.order.as_ref().expect("events to put in order");
            assert!(order.events.len() >= 3);
            let mut ranks = order.rank.clone();
            ranks.sort_unstable();
            assert_eq!(ranks, (1..=order.events.len()).collect::<Vec<_>>(), "seed {seed}");
            for (i, title) in order.events.iter().enumerate() {
                let e = event(title);
                assert!(!steps.contains(&e.id.as_str()), "{} is dated on the sheet", e.id);
                assert!(!quiz::gives_order_away(&tl, e), "{title}");
                for (j, other) in order.events.iter().enumerate() {
                    if i != j {
                        let before = quiz::ordered(e, event(other)).expect("apart in time");
                        assert_eq!(before, order.rank[i] < order.rank[j], "{title} / {other}");
                    }
                }
            }
            let m = ws.matching.as_ref().expect("people to match");
            for (n, person) in m.people.iter().enumerate() {
                let a = tl.actors.iter().find(|a| a.name == *person).expect(person);
                for (i, title) in m.events.iter().enumerate() {
                    let there = event(title).actors.iter().any(|p| p.id == a.id);
                    assert_eq!(there, m.answers[n] == i, "seed {seed}: {person} / {title}");
                }
            }
        }
    }
}
