//! A live class as state (`--serve`): where students join, who joined,
//! every question the class was asked with each student's answer, the
//! question open now, and the tally on screen. The class server
//! ([`crate::tui::sources::class`]) only reports joins and answers and
//! carries what the phones are told; what counts is kept here.

use std::collections::BTreeMap;

use crate::teach::class::{Asked, Broadcast, Tally};
use crate::teach::quiz::{Answer, Question};

/// The most students one lesson takes: the class server refuses more, and
/// the teacher's screen says so.
pub const CAPACITY: usize = 200;

/// Where students join: the address to open and the code to type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Join {
    pub url: String,
    pub code: String,
}

/// Where a question was asked: a tour's step (its number on the lesson
/// page, from 1), or a question of a quiz (the quiz's seed and position).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskedAt {
    Step(usize),
    Quiz { seed: u64, at: usize },
}

/// A question the class was asked, and the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassQuestion {
    pub at: AskedAt,
    pub asked: Asked,
    pub question: Question,
    /// Each student's answer (the last one given), in the order they first came.
    pub answers: Vec<(u32, Answer)>,
    /// The teacher showed its tally: it takes no more answers.
    pub revealed: bool,
}

/// What the class server reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassEvent {
    /// It listens: students join here.
    Started(Join),
    /// It stopped or could not start, and why.
    Failed(String),
    /// A student joined (or joined again from another phone).
    Joined { student: u32, nickname: String },
    /// A student answered the open question.
    Answer { student: u32, question: u32, answer: Answer },
    /// A student was refused: the class is full.
    Full,
}

/// The class, on the screen that serves it; on a linked screen, what the
/// serving one told it to show (the address, the QR code, a tally).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Class {
    /// This screen serves the class.
    pub serving: bool,
    /// The tour served.
    pub tour: Option<String>,
    pub join: Option<Join>,
    /// Why there is no class server.
    pub problem: Option<String>,
    /// Nicknames by the server's number for each student.
    pub students: BTreeMap<u32, String>,
    /// Students refused since the class was full.
    pub refused: usize,
    pub questions: Vec<ClassQuestion>,
    /// The question that takes answers now (a position in `questions`).
    pub open: Option<usize>,
    /// The question in front of the class (open, or just closed).
    pub current: Option<usize>,
    /// The tally on screen.
    pub tally: Option<Tally>,
    /// The join address as a QR code is on screen.
    pub qr: bool,
    /// The teacher chose to show the five best scores with a tally.
    pub top: bool,
    /// What the phones were told last.
    pub sent: Option<Broadcast>,
}

impl Class {
    /// A class served from this screen, for `tour`.
    pub fn serving(tour: Option<String>) -> Class {
        Class { serving: true, tour, ..Class::default() }
    }

    pub fn is_full(&self) -> bool {
        self.students.len() >= CAPACITY
    }

    /// The question asked at `at`, if it was.
    pub fn asked_at(&self, at: AskedAt) -> Option<usize> {
        self.questions.iter().position(|q| q.at == at)
    }

    /// How many answers the open question has.
    pub fn answered(&self) -> Option<usize> {
        self.current.and_then(|i| self.questions.get(i)).map(|q| q.answers.len())
    }

    /// Each student's right answers over the questions whose tally was shown,
    /// the best first, then by nickname.
    pub fn scores(&self, tl: &crate::model::Timeline) -> Vec<(String, usize)> {
        let mut by: BTreeMap<u32, usize> = self.students.keys().map(|&s| (s, 0)).collect();
        for q in self.questions.iter().filter(|q| q.revealed) {
            for &(s, a) in &q.answers {
                if crate::teach::class::marked(tl, &q.question, a) == Some(true) {
                    *by.entry(s).or_default() += 1;
                }
            }
        }
        let mut out: Vec<(String, usize)> =
            by.into_iter().filter_map(|(s, n)| Some((self.students.get(&s)?.clone(), n))).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}
