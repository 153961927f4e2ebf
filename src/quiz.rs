//! Quiz questions drawn from a set of events: "When did this happen?" and
//! "Which came first?". Seeded, so a class can get the same quiz twice.

use crate::model::{Event, Timeline};

/// A small, seedable random source (xorshift64*); the same seed gives the same quiz.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Zero would stay zero forever.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Show the event without its date; the answer is a year.
    When { event: usize },
    /// Two events; the answer is 1 or 2.
    First { a: usize, b: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Year(i32),
    Choice(u8),
}

/// How an answer went, in words for the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub correct: bool,
    pub explanation: String,
}

/// A year answer counts as right within this many years.
pub const YEAR_TOLERANCE: i32 = 2;

/// Up to `count` questions about the events at `pool` (positions in `tl.events`).
pub fn generate(tl: &Timeline, pool: &[usize], seed: u64, count: usize) -> Vec<Question> {
    let mut rng = Rng::new(seed);
    let mut order = pool.to_vec();
    rng.shuffle(&mut order);
    let mut questions = Vec::new();
    // Each event is asked about once: an answer shows its date, which must
    // not give away a later question.
    let mut used = vec![false; tl.events.len()];
    for next in 0..order.len() {
        if questions.len() >= count {
            break;
        }
        let e = order[next];
        if used[e] {
            continue;
        }
        used[e] = true;
        if rng.below(2) == 0 {
            // Another event clearly before or after it, so there is one right answer.
            let partner = order[next + 1..]
                .iter()
                .copied()
                .find(|&o| !used[o] && ordered(&tl.events[e], &tl.events[o]).is_some());
            if let Some(o) = partner {
                used[o] = true;
                let (a, b) = if rng.below(2) == 0 { (e, o) } else { (o, e) };
                questions.push(Question::First { a, b });
                continue;
            }
        }
        questions.push(Question::When { event: e });
    }
    questions
}

/// `Some(true)` if `a` is entirely before `b`, `Some(false)` if after, `None` if they overlap.
fn ordered(a: &Event, b: &Event) -> Option<bool> {
    let end = |e: &Event| e.end.unwrap_or(e.date).latest().max(e.date.latest());
    if end(a) < b.date.earliest() {
        Some(true)
    } else if end(b) < a.date.earliest() {
        Some(false)
    } else {
        None
    }
}

/// Judges an answer and explains the real date.
pub fn check(tl: &Timeline, question: Question, answer: Answer) -> Outcome {
    match (question, answer) {
        (Question::When { event }, Answer::Year(typed)) => {
            let e = &tl.events[event];
            let real = e.date.year;
            // People write 330 BCE as -330; there is no year 0 between 1 BCE and 1 CE.
            let year = if typed < 0 { typed + 1 } else { typed };
            let off = (year - real).abs();
            let when = e.date_label();
            let explanation = match off {
                0 => format!("Right: {when}."),
                n => format!(
                    "{}: it was {when}, {n} {} {}.",
                    if n <= YEAR_TOLERANCE { "Close enough" } else { "Not quite" },
                    if n == 1 { "year" } else { "years" },
                    if year < real { "too early" } else { "too late" }
                ),
            };
            Outcome { correct: off <= YEAR_TOLERANCE, explanation }
        }
        (Question::First { a, b }, Answer::Choice(choice)) => {
            let (ea, eb) = (&tl.events[a], &tl.events[b]);
            let first_is_a = ordered(ea, eb).unwrap_or(ea.date <= eb.date);
            let correct = (choice == 1) == first_is_a;
            let (first, second) = if first_is_a { (ea, eb) } else { (eb, ea) };
            let explanation = format!(
                "{}: {} [{}] came before {} [{}].",
                if correct { "Right" } else { "Not quite" },
                first.title,
                first.date_label(),
                second.title,
                second.date_label()
            );
            Outcome { correct, explanation }
        }
        _ => {
            Outcome { correct: false, explanation: "That answer does not fit the question.".into() }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn bundled() -> Timeline {
        load::load_bundled().timeline
    }

    #[test]
    fn the_same_seed_gives_the_same_quiz() {
        let tl = bundled();
        let pool: Vec<usize> = (0..tl.events.len()).collect();
        let a = generate(&tl, &pool, 7, 10);
        assert_eq!(a.len(), 10);
        assert_eq!(a, generate(&tl, &pool, 7, 10));
        assert_ne!(a, generate(&tl, &pool, 8, 10));
        assert!(a.iter().any(|q| matches!(q, Question::When { .. })));
        assert!(a.iter().any(|q| matches!(q, Question::First { .. })));
    }

    #[test]
    fn no_event_is_asked_about_twice() {
        let tl = bundled();
        let pool: Vec<usize> = (0..tl.events.len()).collect();
        for seed in 0..50 {
            let mut seen = std::collections::HashSet::new();
            for q in generate(&tl, &pool, seed, 10) {
                let events = match q {
                    Question::When { event } => vec![event],
                    Question::First { a, b } => vec![a, b],
                };
                for e in events {
                    assert!(seen.insert(e), "seed {seed}: event {e} comes back");
                }
            }
        }
    }

    #[test]
    fn which_came_first_pairs_never_overlap() {
        let tl = bundled();
        let pool: Vec<usize> = (0..tl.events.len()).collect();
        for seed in 0..50 {
            for q in generate(&tl, &pool, seed, 20) {
                if let Question::First { a, b } = q {
                    assert!(ordered(&tl.events[a], &tl.events[b]).is_some());
                }
            }
        }
    }

    #[test]
    fn answers_are_judged_with_the_real_date() {
        let tl = bundled();
        let i = tl.event_index("xi-astana-silk-road-economic-belt").expect("bundled event");
        let q = Question::When { event: i };
        let exact = check(&tl, q, Answer::Year(2013));
        assert!(exact.correct);
        assert_eq!(exact.explanation, "Right: 7 Sep 2013.");
        let near = check(&tl, q, Answer::Year(2011));
        assert!(near.correct);
        assert_eq!(near.explanation, "Close enough: it was 7 Sep 2013, 2 years too early.");
        let far = check(&tl, q, Answer::Year(2020));
        assert!(!far.correct);
        assert_eq!(far.explanation, "Not quite: it was 7 Sep 2013, 7 years too late.");
        // -1996 means 1996 BCE: 3991 years before 1996 CE, as there is no year 0.
        let bce = check(
            &tl,
            Question::When { event: tl.event_index("shanghai-five").expect("event") },
            Answer::Year(-1996),
        );
        assert!(bce.explanation.contains("3991 years too early"), "{}", bce.explanation);
        let early = tl.event_index("ussr-dissolved").expect("bundled event");
        let q = Question::First { a: i, b: early };
        assert!(check(&tl, q, Answer::Choice(2)).correct);
        let wrong = check(&tl, q, Answer::Choice(1));
        assert!(!wrong.correct);
        assert!(
            wrong.explanation.starts_with("Not quite: The Soviet Union"),
            "{}",
            wrong.explanation
        );
    }

    #[test]
    fn a_tiny_pool_still_gives_questions() {
        let tl = bundled();
        assert_eq!(generate(&tl, &[3], 1, 10), [Question::When { event: 3 }]);
        assert!(generate(&tl, &[], 1, 10).is_empty());
    }
}
