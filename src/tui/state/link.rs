//! The lesson as state: the link to the other screens of a lesson, the
//! presenter's clock, what came over the link, and the next quiz's seed.

use std::time::{Duration, SystemTime};

use crate::teach::steps::Place;

/// A lesson's state beside what is on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// The link to the other screens of a lesson, when there is one.
    pub link: Option<Link>,
    /// The presenter's clock.
    pub clock: Option<Clock>,
    /// This screen is the teacher's (`--presenter`): a tour opens in the
    /// presenter's view, also when the teacher comes back from the explorer.
    pub presenter: bool,
    /// The seed of the next quiz; the same seed asks the same questions.
    pub quiz_seed: u64,
}

impl Default for Lesson {
    fn default() -> Self {
        Lesson { link: None, clock: None, presenter: false, quiz_seed: 1 }
    }
}

/// The link to the other screens of a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub channel: String,
    /// How many other screens are linked now.
    pub others: usize,
    /// Whether one ever was (so that its going away is news).
    pub ever: bool,
    /// Where the lesson is, as last said on the link by any screen: where
    /// this one goes when it opens the tour (again).
    pub lesson: Option<Place>,
    /// The other screen said it left the lesson for the explorer: it does
    /// not follow until it shows the lesson again.
    pub away: bool,
    /// Why this screen is not linked (the channel could not be opened), with
    /// what to do: shown where the link's state is.
    pub problem: Option<String>,
    /// News of the link that came before the timelines were shown, to say
    /// once they are (the first screen's messages are cleared).
    pub news: Option<String>,
}

impl Link {
    pub fn new(channel: &str) -> Link {
        Link {
            channel: channel.to_string(),
            others: 0,
            ever: false,
            lesson: None,
            away: false,
            problem: None,
            news: None,
        }
    }

    /// A channel that could not be opened, and why.
    pub fn broken(channel: &str, why: String) -> Link {
        let message = format!("not linked: cannot open the channel `{channel}`: {why}");
        Link { problem: Some(message.clone()), news: Some(message), ..Link::new(channel) }
    }
}

/// The presenter's clock: the time now, when the lesson began, and the
/// timers: how long the lesson and this step have run (not while paused),
/// against the lesson's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub started: SystemTime,
    pub now: SystemTime,
    pub lesson: Duration,
    pub step: Duration,
    pub paused: bool,
    /// How long the lesson is meant to last: the countdown's start.
    pub length: Duration,
}

/// A lesson's length when none is given: a school period.
pub const LESSON: Duration = Duration::from_secs(45 * 60);

/// "4:05", "1:02:03".
pub fn clock_face(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

impl Clock {
    pub fn new(now: SystemTime) -> Clock {
        Clock {
            started: now,
            now,
            lesson: Duration::ZERO,
            step: Duration::ZERO,
            paused: false,
            length: LESSON,
        }
    }

    /// Time moves to `now`: the timers run unless paused.
    pub fn advance(&mut self, now: SystemTime) {
        if !self.paused {
            // A clock set back runs nothing; a long sleep runs its length.
            let delta = now.duration_since(self.now).unwrap_or_default();
            self.lesson += delta;
            self.step += delta;
        }
        self.now = now;
    }

    /// The lesson's countdown: the time left (`Ok`), or how far over (`Err`).
    pub fn left(&self) -> Result<Duration, Duration> {
        self.length.checked_sub(self.lesson).ok_or_else(|| self.lesson - self.length)
    }

    /// "14:05" in local time.
    pub fn time_of_day(&self) -> String {
        let secs = self
            .now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as libc::time_t);
        // SAFETY: localtime_r only writes the `tm` it is given.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        let ok = !unsafe { libc::localtime_r(&secs, &mut tm) }.is_null();
        if ok {
            format!("{:02}:{:02}", tm.tm_hour, tm.tm_min)
        } else {
            format!("{:02}:{:02} UTC", secs / 3600 % 24, secs / 60 % 60)
        }
    }

    /// "12 min" since the lesson began.
    pub fn elapsed(&self) -> String {
        let secs = self.now.duration_since(self.started).map_or(0, |d| d.as_secs());
        match secs / 60 {
            m if m < 60 => format!("{m} min"),
            m => format!("{} h {:02} min", m / 60, m % 60),
        }
    }
}

/// What came over the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerEvent {
    /// Another screen joined; `others` are linked now. `dialed`: this one
    /// connected to a screen that was there first (and so follows it).
    Joined { others: usize, dialed: bool },
    /// One went away; `others` are left.
    Left { others: usize },
    /// One fell behind (stopped, asleep) and was let go; `others` are left.
    Dropped { others: usize },
    /// Another screen moved here.
    Place(Place),
    /// Another screen showed or hid the class question.
    Question(bool),
    /// Another screen left the lesson (for the explorer): it follows no more
    /// until it shows the lesson again.
    Away,
    /// Another screen blanked the projector, or showed it again.
    Blank(bool),
    /// The screen that serves the class said what to show of it.
    Class(ClassTold),
}

/// What the screen that serves a class tells the others to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassTold {
    /// Where students join.
    Join(crate::tui::state::class::Join),
    /// The join address as a QR code, or not.
    Qr(bool),
    /// A question's tally, or none.
    Tally(Option<Box<crate::teach::class::Tally>>),
}
