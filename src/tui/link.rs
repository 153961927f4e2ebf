//! The explorer's side of the presenter's link ([`super::sources::peer`]):
//! what another screen said moves this one, a move here is said to the
//! others, and the status line says whether a screen is linked.

use std::time::SystemTime;

use super::action::Effect;
use super::app::{App, Screen};
use super::sources::peer::PeerEvent;
use crate::teach::steps::Place;

/// The link to the other screens of a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub channel: String,
    /// How many other screens are linked now.
    pub others: usize,
    /// Whether one ever was (so that its going away is news).
    pub ever: bool,
    /// Where another screen said the lesson is, before this one showed it.
    pub pending: Option<Place>,
}

/// The presenter's clock: the time now, and when the lesson began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub started: SystemTime,
    pub now: SystemTime,
}

impl Clock {
    pub fn new(now: SystemTime) -> Clock {
        Clock { started: now, now }
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

impl App {
    /// Where the show is now, by ids, if a tour or slides are on screen.
    pub fn place(&self) -> Option<Place> {
        match &self.screen {
            Screen::Present(p) => p.place(self.timeline()),
            _ => None,
        }
    }

    /// Whether the class question is on screen.
    fn question_shown(&self) -> Option<bool> {
        match &self.screen {
            Screen::Present(p) => Some(p.question),
            _ => None,
        }
    }

    /// What to tell the other screens after an action moved from
    /// (`place`, `question`) before it.
    pub(super) fn tell_moves(&mut self, place: Option<Place>, question: Option<bool>) {
        if self.link.is_none() {
            return;
        }
        let now = self.place();
        if now.is_some() && now != place {
            let line = format!("place {}", now.as_ref().map(Place::encode).unwrap_or_default());
            self.effects.push(Effect::Tell(line));
        }
        let shown = self.question_shown();
        if shown.is_some() && shown != question && now == place {
            let line = if shown == Some(true) { "question on" } else { "question off" };
            self.effects.push(Effect::Tell(line.into()));
        }
    }

    /// The place and question before an action, for [`App::tell_moves`].
    pub(super) fn moves_before(&self) -> (Option<Place>, Option<bool>) {
        if self.link.is_none() { (None, None) } else { (self.place(), self.question_shown()) }
    }

    /// Another screen said something; true if the screen changed.
    pub fn peer(&mut self, event: PeerEvent) -> bool {
        let Some(link) = &mut self.link else { return false };
        match event {
            PeerEvent::Joined { others, dialed } => {
                link.others = others;
                link.ever = true;
                self.message =
                    Some(format!("linked with another screen on channel `{}`", link.channel));
                // The one that was there first says where the lesson is; the newcomer follows.
                if !dialed && let Some(place) = self.place() {
                    self.effects.push(Effect::Tell(format!("place {}", place.encode())));
                }
            }
            PeerEvent::Left { others } => {
                link.others = others;
                if others == 0 {
                    self.message = Some("the other screen went away: going on alone".into());
                }
            }
            PeerEvent::Place(place) => {
                let tl = self.query.timeline();
                let Screen::Present(p) = &mut self.screen else {
                    // Not showing the lesson yet (still loading): go there when it opens.
                    link.pending = Some(place);
                    return false;
                };
                if p.place(tl).as_ref() == Some(&place) {
                    return false;
                }
                if !p.go_to(tl, &place) {
                    self.message = Some(format!(
                        "the other screen is at `{}`, which this one does not show",
                        place.encode()
                    ));
                }
            }
            PeerEvent::Question(on) => {
                let Screen::Present(p) = &mut self.screen else { return false };
                if p.question == on {
                    return false;
                }
                p.question = on;
            }
        }
        true
    }

    /// Goes where another screen said the lesson was, before this one showed it.
    pub(super) fn follow_pending(&mut self) {
        let Some(place) = self.link.as_mut().and_then(|l| l.pending.take()) else { return };
        let tl = self.query.timeline();
        if let Screen::Present(p) = &mut self.screen {
            p.go_to(tl, &place);
        }
    }

    /// A second passed: the presenter's clock moves.
    pub fn tick(&mut self, now: SystemTime) -> bool {
        match &mut self.clock {
            Some(clock) => {
                let minute = |t: SystemTime| {
                    t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 60)
                };
                let changed = minute(clock.now) != minute(now);
                clock.now = now;
                changed
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Filter, Query};
    use crate::tui::action::Action;

    fn linked() -> App {
        let mut app =
            App::new(Query::new(crate::load::load_bundled().timeline), Filter::default(), 100, 30);
        app.link = Some(Link { channel: "c".into(), others: 1, ever: true, pending: None });
        app.start_tour(0);
        app
    }

    fn told(effects: &[Effect]) -> Vec<String> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Tell(line) => Some(line.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_move_here_is_told_and_a_move_there_is_followed_without_an_echo() {
        let mut app = linked();
        assert_eq!(told(&app.update(Action::NextEvent)), ["place step new-great-game 2"]);
        assert_eq!(told(&app.update(Action::ToggleQuestion)), ["question on"]);
        assert!(told(&app.update(Action::ToggleNotes)).is_empty(), "notes stay on this screen");
        let there = Place::Step { tour: "new-great-game".into(), step: 7 };
        assert!(app.peer(PeerEvent::Place(there.clone())));
        assert_eq!(app.place(), Some(there.clone()));
        assert!(told(&std::mem::take(&mut app.effects)).is_empty(), "no echo");
        assert!(!app.peer(PeerEvent::Place(there)), "already there");
        let other = Place::Step { tour: "another-tour".into(), step: 1 };
        app.peer(PeerEvent::Place(other));
        assert!(app.message.as_deref().is_some_and(|m| m.contains("does not show")));
        assert!(app.peer(PeerEvent::Left { others: 0 }));
        assert_eq!(app.message.as_deref(), Some("the other screen went away: going on alone"));
    }

    #[test]
    fn the_one_there_first_says_where_the_lesson_is() {
        let mut app = linked();
        app.update(Action::NextEvent);
        app.peer(PeerEvent::Joined { others: 1, dialed: false });
        assert_eq!(told(&std::mem::take(&mut app.effects)), ["place step new-great-game 2"]);
        app.peer(PeerEvent::Joined { others: 1, dialed: true });
        assert!(told(&std::mem::take(&mut app.effects)).is_empty(), "a newcomer follows");
    }

    #[test]
    fn the_clock_reads_minutes() {
        let start = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        let mut c = Clock::new(start);
        c.now = start + std::time::Duration::from_secs(125 * 60);
        assert_eq!(c.elapsed(), "2 h 05 min");
        assert_eq!(c.time_of_day().len(), 5, "{}", c.time_of_day());
    }
}
