//! The live class (`--serve`): what the class server reports (joins,
//! answers, a full class), the teacher's keys for it (the tally, the QR
//! code, the top five), and after every message, what the phones must be
//! told: the step, the question open now, its tally. A question is open
//! while the teacher shows it: a tour step's question (`a`), or the quiz's
//! question on screen; it closes when the teacher moves on or shows its
//! tally, and answers after that are refused.

use std::sync::Arc;

use crate::document::Lesson;
use crate::teach::class::{self, Asked, Broadcast, Revealed, Tally};
use crate::teach::quiz;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::state::class::{AskedAt, CAPACITY, ClassEvent, ClassQuestion};
use crate::tui::state::{App, Screen};

/// Nicknames and words a linked screen is told are cut to this many characters,
/// so that a tally always fits one line of the link.
const TOLD_CHARS: usize = 120;

impl App {
    /// What the class server reported; true if the screen changed.
    pub(super) fn class_event(&mut self, event: ClassEvent) -> bool {
        let class = &mut self.class;
        match event {
            // The status line shows where to join from now on.
            ClassEvent::Started(join) => {
                class.join = Some(join);
                class.problem = None;
                self.tell_join();
            }
            ClassEvent::Failed(why) => {
                self.status.message = Some(format!("no class: {why}"));
                class.problem = Some(why);
                class.join = None;
            }
            ClassEvent::Joined { student, nickname } => {
                class.students.insert(student, nickname);
            }
            ClassEvent::Full => {
                class.refused += 1;
                if class.refused == 1 {
                    self.status.message = Some(format!(
                        "the class is full: {CAPACITY} students have joined, the most one lesson takes; others are told so"
                    ));
                }
            }
            ClassEvent::Answer { student, question, answer } => {
                let Some(open) = class.open else { return false };
                let Some(q) = class.questions.get_mut(open) else { return false };
                // An answer to a question closed meanwhile is refused here too.
                if q.asked.id != question || q.revealed || !q.asked.fits(answer) {
                    return false;
                }
                match q.answers.iter_mut().find(|(s, _)| *s == student) {
                    Some(given) => given.1 = answer,
                    None => q.answers.push((student, answer)),
                }
            }
        }
        true
    }

    /// `v`, `Q`, `T`: the tally, the join QR code, the top five.
    pub(super) fn class_action(&mut self, action: Action) {
        match action {
            Action::ShowJoin => {
                if self.class.join.is_none() {
                    self.status.message = Some(match &self.class.problem {
                        Some(why) => format!("no class: {why}"),
                        None => "no class: start steppe with --tour ID --serve to let a class join"
                            .into(),
                    });
                    return;
                }
                self.class.qr = !self.class.qr;
                let line = if self.class.qr { "class qr on" } else { "class qr off" };
                self.tell(line.into());
            }
            Action::ToggleTop => {
                self.class.top = !self.class.top;
                if self.class.tally.is_some() && self.class.serving {
                    self.show_tally();
                }
            }
            Action::RevealTally => {
                if !self.class.serving {
                    self.status.message =
                        Some("the screen that serves the class shows its tally (v there)".into());
                    return;
                }
                if self.class.tally.is_some() {
                    self.class.tally = None;
                    self.tell("class tally off".into());
                    return;
                }
                // The question on screen, open or not yet asked; its answers close.
                self.class_sync_question();
                let Some(i) = self.class.current else {
                    self.status.message = Some(
                        "no question for the class here: a to show a step's, z for a quiz".into(),
                    );
                    return;
                };
                if let Some(q) = self.class.questions.get_mut(i) {
                    q.revealed = true;
                }
                self.class.open = None;
                self.show_tally();
            }
            _ => {}
        }
    }

    /// Computes the tally of the current question, shows it, and tells a
    /// linked screen (the projector) to show it too.
    fn show_tally(&mut self) {
        let Some(q) = self.class.current.and_then(|i| self.class.questions.get(i)) else { return };
        let answers: Vec<quiz::Answer> = q.answers.iter().map(|&(_, a)| a).collect();
        let mut t = class::tally(self.timeline(), &q.asked, &q.question, &answers, self.words());
        t.joined = self.class.students.len();
        if self.class.top {
            t.top = self.class.scores(self.timeline()).into_iter().take(5).collect();
        }
        self.class.tally = Some(t.clone());
        if let Some(line) = told_tally(t) {
            self.tell(line);
        }
    }

    /// Says `line` to the other screens of the lesson, if linked.
    fn tell(&mut self, line: String) {
        if self.lesson.link.is_some() {
            self.effects.push(Effect::Tell(line));
        }
    }

    /// Tells the other screens where students join (a screen that just
    /// linked, too).
    pub(super) fn tell_join(&mut self) {
        if let Some(j) = self.class.join.clone().filter(|_| self.class.serving) {
            self.tell(format!("class join {} {}", j.url, j.code));
        }
    }

    /// What a linked screen that serves the class said to show.
    pub(super) fn class_told(&mut self, told: crate::tui::state::link::ClassTold) -> bool {
        use crate::tui::state::link::ClassTold;
        if self.class.serving {
            return false;
        }
        match told {
            ClassTold::Join(join) => self.class.join = Some(join),
            ClassTold::Qr(on) => self.class.qr = on,
            ClassTold::Tally(t) => self.class.tally = t.map(|t| *t),
        }
        true
    }

    /// The question the screen shows the class now, asked if it was not
    /// yet: a tour step's question while it is shown, or the quiz's
    /// question on screen. Sets `current` and `open`.
    fn class_sync_question(&mut self) {
        let seed = self.lesson.quiz_seed;
        let tl = self.data.query.timeline();
        let words = self.words();
        let want: Option<(AskedAt, Option<quiz::Question>, String)> = match &self.screen {
            Screen::Present(p) if p.tour.is_some() && p.question => {
                let at = AskedAt::Step(p.at + 1);
                let heading = words.step_of(p.at + 1, p.slides.len());
                // The quiz's question about the step's event, the same each
                // time; one its date (on the slide) does not answer, if it has one.
                let seed = seed ^ ((p.at as u64 + 1) << 8);
                let q = p.event().and_then(|e| {
                    let undated = quiz::generate_kinds(tl, &[e], seed, 1, quiz::Kinds::Undated);
                    undated.into_iter().next().or_else(|| quiz::generate(tl, &[e], seed, 1).pop())
                });
                Some((at, q, heading))
            }
            Screen::Quiz(q) if !q.finished() => {
                let at = AskedAt::Quiz { seed: q.seed, at: q.at };
                let heading = words.fill(
                    "class_question_of",
                    &[("n", &(q.at + 1).to_string()), ("total", &q.questions.len().to_string())],
                );
                Some((at, q.current().cloned(), heading))
            }
            _ => None,
        };
        let local_answer = matches!(&self.screen, Screen::Quiz(q) if q.outcome.is_some());
        let index = want.and_then(|(at, question, heading)| match self.class.asked_at(at) {
            Some(i) => Some(i),
            None => question.and_then(|question| {
                let id = u32::try_from(self.class.questions.len() + 1).unwrap_or(u32::MAX);
                let asked = Asked::new(tl, &question, id, heading, words)?;
                self.class.questions.push(ClassQuestion {
                    at,
                    asked,
                    question,
                    answers: Vec::new(),
                    revealed: false,
                });
                Some(self.class.questions.len() - 1)
            }),
        });
        if self.class.current != index {
            // Another question in front: the last one's tally goes.
            if self.class.tally.take().is_some() {
                self.tell("class tally off".into());
            }
        }
        self.class.current = index;
        self.class.open = index
            .filter(|&i| !local_answer && self.class.questions.get(i).is_some_and(|q| !q.revealed));
    }

    /// After every message: the question open now, and what the phones are
    /// told if it changed; true if that changed the screen.
    pub(super) fn class_sync(&mut self) -> bool {
        if !self.class.serving {
            return false;
        }
        let before = (self.class.current, self.class.open);
        self.class_sync_question();
        let step = match &self.screen {
            Screen::Present(p) if p.tour.is_some() => Some(p.at + 1),
            _ => self.class.sent.as_ref().and_then(|s| s.step),
        };
        let shown = self.class.current.and_then(|i| self.class.questions.get(i));
        let reveal = shown.filter(|q| q.revealed).and_then(|q| {
            let mut tally = self.class.tally.clone()?;
            // Nicknames stay on the teacher's screens.
            tally.top.clear();
            Some(Revealed { id: q.asked.id, tally })
        });
        let now = Broadcast {
            step,
            question: shown.map(|q| q.asked.clone()),
            open: self.class.open.is_some(),
            reveal,
            ended: false,
        };
        if self.class.sent.as_ref() == Some(&now) && before == (self.class.current, self.class.open)
        {
            return false;
        }
        self.class.sent = Some(now.clone());
        self.effects.push(Effect::Class(Box::new(now)));
        true
    }

    /// The lesson page the students are served, after each load: the
    /// exporter's page of the tour, without the teacher's notes.
    pub(super) fn class_page(&mut self) {
        if !self.class.serving {
            return;
        }
        let tl = self.timeline();
        let Some(tour) = self.class.tour.as_deref().and_then(|t| tl.tour(t)) else { return };
        let page = crate::export::html::class_lesson(&Lesson::new(tl, tour, false));
        let title = tour.title.clone();
        self.effects.push(Effect::ClassPage { title, html: Arc::from(page) });
    }
}

/// `class tally {json}` for a linked screen, its texts cut so that the line
/// stays well within the link's longest; `None` if it still would not.
fn told_tally(mut t: Tally) -> Option<String> {
    let cut = |s: &mut String| {
        if let Some((at, _)) = s.char_indices().nth(TOLD_CHARS) {
            s.truncate(at);
            s.push('…');
        }
    };
    cut(&mut t.prompt);
    cut(&mut t.explanation);
    for r in &mut t.rows {
        cut(&mut r.label);
    }
    for (name, _) in &mut t.top {
        cut(name);
    }
    let line = format!("class tally {}", serde_json::to_string(&t).ok()?);
    (line.len() < 3500).then_some(line)
}

/// The class's summary for the teacher, when the lesson ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSummary {
    /// For the files' names: the tour's id, as a file name.
    pub name: String,
    pub markdown: String,
    pub csv: String,
}

impl App {
    /// What the class did, if this screen served one and anyone joined or
    /// anything was asked; `when` heads it ("2026-03-14 09:05").
    pub fn class_summary(&self, when: &str) -> Option<ClassSummary> {
        let c = &self.class;
        if !c.serving || (c.students.is_empty() && c.questions.is_empty()) {
            return None;
        }
        let tl = self.timeline();
        let id = c.tour.as_deref().unwrap_or("lesson");
        let title = tl.tour(id).map_or(id, |t| t.title.as_str());
        let joined: Vec<String> = c.students.values().cloned().collect();
        let records: Vec<class::Record> = c
            .questions
            .iter()
            .map(|q| class::Record {
                heading: q.asked.heading.clone(),
                prompt: q.asked.prompt.clone(),
                right: class::right_answer(tl, &q.question)
                    .map(|a| class::answer_text(&q.asked, a))
                    .unwrap_or_default(),
                answers: q
                    .answers
                    .iter()
                    .map(|&(s, a)| {
                        (
                            c.students.get(&s).cloned().unwrap_or_default(),
                            class::answer_text(&q.asked, a),
                            class::marked(tl, &q.question, a).unwrap_or(false),
                        )
                    })
                    .collect(),
            })
            .collect();
        Some(ClassSummary {
            name: crate::tui::sources::peer::tour_channel(id),
            markdown: crate::export::class_summary::markdown(title, when, &joined, &records),
            csv: crate::export::class_summary::csv(&joined, &records),
        })
    }
}
