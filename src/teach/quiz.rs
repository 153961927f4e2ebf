//! Quiz questions drawn from a set of events: "When did this happen?",
//! "Which came first?" (of two events close in time), and multiple choice:
//! which country took part, who attended, what happened on a date, who said
//! a quote. Seeded, so a class can get the same quiz twice.

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

/// What a multiple-choice question asks about an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Which of these countries took part?
    Country,
    /// Which of these people took part?
    Attended,
    /// Which of these events happened on this date?
    OnDate,
    /// Who said this? The event's quote at this position.
    Said { quote: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Show the event without its date; the answer is a year.
    When { event: usize },
    /// Two events; the answer is 1 or 2.
    First { a: usize, b: usize },
    /// A few answers to choose from, as they are shown; `answer` is the
    /// position of the right one.
    Choose { ask: Ask, event: usize, options: Vec<String>, answer: usize },
}

impl Question {
    /// The events the question is about (positions in `Timeline::events`).
    pub fn events(&self) -> Vec<usize> {
        match *self {
            Question::When { event } | Question::Choose { event, .. } => vec![event],
            Question::First { a, b } => vec![a, b],
        }
    }

    /// The same question about events at other positions (after a reload).
    pub fn moved(&self, map: impl Fn(usize) -> usize) -> Question {
        match self {
            Question::When { event } => Question::When { event: map(*event) },
            Question::First { a, b } => Question::First { a: map(*a), b: map(*b) },
            Question::Choose { ask, event, options, answer } => Question::Choose {
                ask: *ask,
                event: map(*event),
                options: options.clone(),
                answer: *answer,
            },
        }
    }

    /// How many answers there are to pick from (0 for a typed year).
    pub fn choices(&self) -> usize {
        match self {
            Question::When { .. } => 0,
            Question::First { .. } => 2,
            Question::Choose { options, .. } => options.len(),
        }
    }

    /// The question in words, as a class reads it: "Which of these countries
    /// took part in …?". `None` for a typed year and "which came first".
    pub fn prompt(&self, tl: &Timeline) -> Option<String> {
        let Question::Choose { ask, event, .. } = self else { return None };
        let e = tl.events.get(*event)?;
        Some(match ask {
            Ask::Country => format!("Which of these countries took part in “{}”?", e.title),
            Ask::Attended => format!("Who of these took part in “{}”?", e.title),
            Ask::OnDate => format!("Which of these happened on {}?", e.date_label()),
            Ask::Said { quote } => {
                let q = e.quotes.get(*quote)?;
                format!(
                    "Who said this? “{}”",
                    q.text.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Year(i32),
    /// The 1-based number of the answer picked.
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

/// How many answers a multiple-choice question offers, at most.
pub const OPTIONS: usize = 4;

/// Events this many years apart or closer make a fair "which came first".
const CLOSE_YEARS: i32 = 10;

/// The kinds a question may take, for `generate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinds {
    /// Every kind.
    All,
    /// Only questions whose answer a list of dates does not give away (for
    /// a worksheet that prints the events' dates).
    Undated,
}

/// Up to `count` questions about the events at `pool` (positions in `tl.events`).
pub fn generate(tl: &Timeline, pool: &[usize], seed: u64, count: usize) -> Vec<Question> {
    generate_kinds(tl, pool, seed, count, Kinds::All)
}

/// Like [`generate`], with only the kinds asked for.
pub fn generate_kinds(
    tl: &Timeline,
    pool: &[usize],
    seed: u64,
    count: usize,
    kinds: Kinds,
) -> Vec<Question> {
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
        // Every kind this event allows, one picked at random.
        let mut options: Vec<Question> = Vec::new();
        if kinds == Kinds::All {
            options.push(Question::When { event: e });
            let partner =
                order[next + 1..].iter().copied().find(|&o| !used[o] && close_pair(tl, e, o));
            if let Some(o) = partner {
                let (a, b) = if rng.below(2) == 0 { (e, o) } else { (o, e) };
                options.push(Question::First { a, b });
            }
            options.extend(on_date(tl, pool, e, &mut rng));
        }
        options.extend(country(tl, e, &mut rng));
        options.extend(attended(tl, e, &mut rng));
        options.extend(said(tl, e, &mut rng));
        if options.is_empty() {
            continue;
        }
        let q = options.swap_remove(rng.below(options.len()));
        if let Question::First { a, b } = q {
            used[a] = true;
            used[b] = true;
        }
        questions.push(q);
    }
    questions
}

/// Two events one of which clearly came first, close enough in time for the
/// question to make a class think: the same era, or a decade apart at most.
fn close_pair(tl: &Timeline, a: usize, b: usize) -> bool {
    let (ea, eb) = (&tl.events[a], &tl.events[b]);
    if ordered(ea, eb).is_none() {
        return false;
    }
    let same_era = match (tl.era_of(ea), tl.era_of(eb)) {
        (Some(x), Some(y)) => std::ptr::eq(x, y),
        _ => false,
    };
    same_era && (ea.date.year - eb.date.year).abs() <= 3 * CLOSE_YEARS
        || (ea.date.year - eb.date.year).abs() <= CLOSE_YEARS
}

/// The right answer and up to `OPTIONS - 1` wrong ones, shuffled; `None`
/// with fewer than two wrong ones, which would make a guess too easy.
fn shuffled(
    right: String,
    wrong: Vec<String>,
    ask: Ask,
    event: usize,
    rng: &mut Rng,
) -> Option<Question> {
    let mut wrong = wrong;
    wrong.retain(|w| *w != right);
    wrong.dedup();
    if wrong.len() < 2 {
        return None;
    }
    rng.shuffle(&mut wrong);
    wrong.truncate(OPTIONS - 1);
    let answer = rng.below(wrong.len() + 1);
    let mut options = wrong;
    options.insert(answer, right);
    Some(Question::Choose { ask, event, options, answer })
}

/// Whether `name` shows in the event's title, which would give the answer away.
fn named_in_title(e: &Event, name: &str) -> bool {
    let fold = |s: &str| s.to_lowercase();
    let title = fold(&e.title);
    // "Kazakhstan" in "Kazakh–Chinese" counts too: the first word's stem.
    let stem: String = fold(name).chars().take(5).collect();
    title.contains(&fold(name)) || (stem.chars().count() == 5 && title.contains(&stem))
}

fn country(tl: &Timeline, e: usize, rng: &mut Rng) -> Option<Question> {
    let event = &tl.events[e];
    // A country named in the title, or whose capital is ("… summit (Astana)"), gives itself away.
    let hinted = |c: &crate::model::Country| {
        named_in_title(event, &c.name)
            || c.capital.as_deref().is_some_and(|k| named_in_title(event, k))
    };
    let candidates: Vec<&str> = event
        .countries
        .iter()
        .filter_map(|c| tl.country(c))
        .filter(|c| !hinted(c))
        .map(|c| c.name.as_str())
        .collect();
    let right = candidates.get(rng.below(candidates.len()))?.to_string();
    let wrong: Vec<String> = tl
        .countries
        .iter()
        .filter(|c| !event.countries.contains(&c.code) && !hinted(c))
        .map(|c| c.name.clone())
        .collect();
    shuffled(right, wrong, Ask::Country, e, rng)
}

fn attended(tl: &Timeline, e: usize, rng: &mut Rng) -> Option<Question> {
    let event = &tl.events[e];
    let person = |id: &str| tl.actor(id).filter(|a| a.kind == crate::model::ActorKind::Person);
    let candidates: Vec<&str> = event
        .actors
        .iter()
        .filter_map(|p| person(&p.id))
        .map(|a| a.name.as_str())
        .filter(|n| !named_in_title(event, n))
        .collect();
    let right = candidates.get(rng.below(candidates.len()))?.to_string();
    // Wrong answers from people active within a few decades, so the date
    // alone does not rule them out.
    let near = |o: &Event| (o.date.year - event.date.year).abs() <= 3 * CLOSE_YEARS;
    let mut wrong: Vec<String> = Vec::new();
    for other in tl.events.iter().filter(|o| near(o)) {
        for p in &other.actors {
            if let Some(a) = person(&p.id)
                && !event.actors.iter().any(|q| q.id == a.id)
                && !wrong.contains(&a.name)
            {
                wrong.push(a.name.clone());
            }
        }
    }
    shuffled(right, wrong, Ask::Attended, e, rng)
}

/// "Which of these happened on 7 Sep 2013?": only for a date known to the
/// day or month, with wrong answers from the same pool on other dates.
fn on_date(tl: &Timeline, pool: &[usize], e: usize, rng: &mut Rng) -> Option<Question> {
    let event = &tl.events[e];
    if event.date.month.is_none() || event.date.approximate {
        return None;
    }
    let label = event.date_label();
    let near = |o: &Event| (o.date.year - event.date.year).abs() <= CLOSE_YEARS;
    let wrong: Vec<String> = pool
        .iter()
        .map(|&i| &tl.events[i])
        .filter(|o| o.id != event.id && near(o) && o.date_label() != label)
        .map(|o| o.title.clone())
        .collect();
    shuffled(event.title.clone(), wrong, Ask::OnDate, e, rng)
}

fn said(tl: &Timeline, e: usize, rng: &mut Rng) -> Option<Question> {
    let event = &tl.events[e];
    if event.quotes.is_empty() {
        return None;
    }
    let quote = rng.below(event.quotes.len());
    let right = tl.speaker(&event.quotes[quote]).to_string();
    let mut wrong: Vec<String> =
        tl.events.iter().flat_map(|o| o.quotes.iter().map(|q| tl.speaker(q).to_string())).collect();
    // Too few other speakers: people who took part in events of those years.
    let near = |o: &Event| (o.date.year - event.date.year).abs() <= CLOSE_YEARS;
    for other in tl.events.iter().filter(|o| near(o)) {
        for p in &other.actors {
            if let Some(a) = tl.actor(&p.id).filter(|a| a.kind == crate::model::ActorKind::Person) {
                wrong.push(a.name.clone());
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    shuffled(right, wrong, Ask::Said { quote }, e, rng)
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
pub fn check(tl: &Timeline, question: &Question, answer: Answer) -> Outcome {
    match (question, answer) {
        (Question::When { event }, Answer::Year(typed)) => {
            let e = &tl.events[*event];
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
            let (ea, eb) = (&tl.events[*a], &tl.events[*b]);
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
        (Question::Choose { ask, event, options, answer }, Answer::Choice(choice)) => {
            let correct = usize::from(choice) == answer + 1;
            let right = options.get(*answer).map_or("", String::as_str);
            let e = &tl.events[*event];
            let verdict = if correct { "Right" } else { "Not quite" };
            let explanation = match ask {
                Ask::Country | Ask::Attended if correct => {
                    format!("Right: {right} took part in “{}” ({}).", e.title, e.date_label())
                }
                Ask::Country | Ask::Attended => format!(
                    "Not quite: of these, only {right} took part in “{}” ({}).",
                    e.title,
                    e.date_label()
                ),
                Ask::OnDate => format!("{verdict}: on {} — {right}.", e.date_label()),
                Ask::Said { quote } => {
                    let when = e.quotes.get(*quote).and_then(|q| q.date).unwrap_or(e.date);
                    format!("{verdict}: {right} said it, {when}, at “{}”.", e.title)
                }
            };
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

    fn all(tl: &Timeline) -> Vec<usize> {
        (0..tl.events.len()).collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_quiz_of_every_kind() {
        let tl = bundled();
        let pool = all(&tl);
        let a = generate(&tl, &pool, 7, 10);
        assert_eq!(a.len(), 10);
        assert_eq!(a, generate(&tl, &pool, 7, 10));
        assert_ne!(a, generate(&tl, &pool, 8, 10));
        let many: Vec<Question> = (0..20).flat_map(|s| generate(&tl, &pool, s, 10)).collect();
        let has = |f: &dyn Fn(&Question) -> bool| many.iter().any(f);
        assert!(has(&|q| matches!(q, Question::When { .. })));
        assert!(has(&|q| matches!(q, Question::First { .. })));
        for ask in [Ask::Country, Ask::Attended, Ask::OnDate] {
            assert!(has(&|q| matches!(q, Question::Choose { ask: a, .. } if *a == ask)), "{ask:?}");
        }
    }

    #[test]
    fn no_event_is_asked_about_twice() {
        let tl = bundled();
        let pool = all(&tl);
        for seed in 0..50 {
            let mut seen = std::collections::HashSet::new();
            for q in generate(&tl, &pool, seed, 10) {
                for e in q.events() {
                    assert!(seen.insert(e), "seed {seed}: event {e} comes back");
                }
            }
        }
    }

    #[test]
    fn which_came_first_pairs_never_overlap_and_are_close_in_time() {
        let tl = bundled();
        let pool = all(&tl);
        let mut pairs = 0;
        for seed in 0..100 {
            for q in generate(&tl, &pool, seed, 20) {
                if let Question::First { a, b } = q {
                    let (ea, eb) = (&tl.events[a], &tl.events[b]);
                    assert!(ordered(ea, eb).is_some());
                    let gap = (ea.date.year - eb.date.year).abs();
                    let same_era = tl.era_of(ea).map(|e| &e.id) == tl.era_of(eb).map(|e| &e.id);
                    assert!(gap <= CLOSE_YEARS || same_era && gap <= 30, "{} / {}", ea.id, eb.id);
                    pairs += 1;
                }
            }
        }
        assert!(pairs > 50, "only {pairs} pairs");
    }

    #[test]
    fn choices_have_one_right_answer_not_given_away_by_the_title() {
        let tl = bundled();
        let pool = all(&tl);
        for seed in 0..60 {
            for q in generate(&tl, &pool, seed, 20) {
                let Question::Choose { ask, event, options, answer } = &q else { continue };
                let e = &tl.events[*event];
                assert!((3..=OPTIONS).contains(&options.len()), "{options:?}");
                let mut unique = options.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), options.len(), "{options:?}");
                let names = |codes: &[String]| -> Vec<String> {
                    codes.iter().filter_map(|c| tl.country(c)).map(|c| c.name.clone()).collect()
                };
                let people: Vec<String> = e
                    .actors
                    .iter()
                    .filter_map(|p| tl.actor(&p.id))
                    .map(|a| a.name.clone())
                    .collect();
                for (n, option) in options.iter().enumerate() {
                    let fits = match ask {
                        Ask::Country => names(&e.countries).contains(option),
                        Ask::Attended => people.contains(option),
                        Ask::OnDate => tl
                            .events
                            .iter()
                            .any(|o| o.title == *option && o.date_label() == e.date_label()),
                        Ask::Said { quote } => tl.speaker(&e.quotes[*quote]) == option,
                    };
                    assert_eq!(fits, n == *answer, "{ask:?} on {}: {option}", e.id);
                    if n == *answer && matches!(ask, Ask::Country | Ask::Attended) {
                        assert!(!e.title.contains(option.as_str()), "{} names {option}", e.id);
                    }
                    if *ask == Ask::Country {
                        let capital = tl
                            .countries
                            .iter()
                            .find(|c| c.name == *option)
                            .and_then(|c| c.capital.as_deref());
                        assert!(
                            capital.is_none_or(|k| !e.title.contains(k)),
                            "{} names the capital of {option}",
                            e.id
                        );
                    }
                }
                let right = check(&tl, &q, Answer::Choice(*answer as u8 + 1));
                assert!(right.correct && right.explanation.starts_with("Right"));
                let wrong =
                    check(&tl, &q, Answer::Choice(((*answer + 1) % options.len()) as u8 + 1));
                assert!(!wrong.correct);
                assert!(
                    wrong.explanation.contains(options[*answer].as_str()),
                    "{}",
                    wrong.explanation
                );
            }
        }
    }

    #[test]
    fn an_undated_quiz_asks_nothing_a_list_of_dates_answers() {
        let tl = bundled();
        let pool = all(&tl);
        let qs = generate_kinds(&tl, &pool, 5, 10, Kinds::Undated);
        assert!(qs.len() >= 5);
        assert!(qs.iter().all(|q| matches!(
            q,
            Question::Choose { ask: Ask::Country | Ask::Attended | Ask::Said { .. }, .. }
        )));
    }

    #[test]
    fn answers_are_judged_with_the_real_date() {
        let tl = bundled();
        let i = tl.event_index("xi-astana-silk-road-economic-belt").expect("bundled event");
        let q = Question::When { event: i };
        let exact = check(&tl, &q, Answer::Year(2013));
        assert!(exact.correct);
        assert_eq!(exact.explanation, "Right: 7 Sep 2013.");
        let near = check(&tl, &q, Answer::Year(2011));
        assert!(near.correct);
        assert_eq!(near.explanation, "Close enough: it was 7 Sep 2013, 2 years too early.");
        let far = check(&tl, &q, Answer::Year(2020));
        assert!(!far.correct);
        assert_eq!(far.explanation, "Not quite: it was 7 Sep 2013, 7 years too late.");
        // -1996 means 1996 BCE: 3991 years before 1996 CE, as there is no year 0.
        let bce = check(
            &tl,
            &Question::When { event: tl.event_index("shanghai-five").expect("event") },
            Answer::Year(-1996),
        );
        assert!(bce.explanation.contains("3991 years too early"), "{}", bce.explanation);
        let early = tl.event_index("ussr-dissolved").expect("bundled event");
        let q = Question::First { a: i, b: early };
        assert!(check(&tl, &q, Answer::Choice(2)).correct);
        let wrong = check(&tl, &q, Answer::Choice(1));
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
        let one = generate(&tl, &[3], 1, 10);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].events(), [3]);
        assert!(generate(&tl, &[], 1, 10).is_empty());
    }
}
