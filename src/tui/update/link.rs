//! The explorer's side of the presenter's link ([`crate::tui::sources::peer`]):
//! what another screen said moves this one, a move here is said to the
//! others, and the status line says whether a screen is linked; and the
//! presenter's clock.

use std::time::SystemTime;

use crate::teach::steps::Place;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Context, key};
use crate::tui::state::{App, PeerEvent, Screen};

impl App {
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
        if self.lesson.link.is_none() {
            return;
        }
        let now = self.place();
        if let Some(at) = now.as_ref().filter(|_| now != place) {
            self.effects.push(Effect::Tell(format!("place {}", at.encode())));
            if let Some(link) = &mut self.lesson.link {
                link.lesson = Some(at.clone());
            }
        }
        // Left the lesson for the explorer: the others must not think it follows.
        if place.is_some() && now.is_none() {
            self.effects.push(Effect::Tell("away".into()));
        }
        let shown = self.question_shown();
        if shown.is_some() && shown != question && now == place {
            let line = if shown == Some(true) { "question on" } else { "question off" };
            self.effects.push(Effect::Tell(line.into()));
        }
    }

    /// The place and question before an action, for [`App::tell_moves`].
    pub(super) fn moves_before(&self) -> (Option<Place>, Option<bool>) {
        if self.lesson.link.is_none() {
            (None, None)
        } else {
            (self.place(), self.question_shown())
        }
    }

    /// Another screen said something; true if the screen changed.
    pub(super) fn peer(&mut self, event: PeerEvent) -> bool {
        if let PeerEvent::Class(told) = event {
            return self.class_told(told);
        }
        let joined = matches!(event, PeerEvent::Joined { .. });
        let before = self.status.message.clone();
        let changed = self.peer_event(event);
        // A screen that just linked hears where students join, and sees the QR code if it is up.
        if joined {
            self.tell_join();
            if self.class.serving && self.class.qr {
                self.effects.push(Effect::Tell("class qr on".into()));
            }
        }
        // Before the timelines are shown, the first screen clears messages.
        if !self.loading.ready
            && self.status.message != before
            && let Some(link) = &mut self.lesson.link
        {
            link.news = self.status.message.clone();
        }
        changed
    }

    /// What the link said before the timelines were shown (linked, or why
    /// not), said now that they are; errors in the files come first.
    pub(super) fn link_news(&mut self) {
        if let Some(news) = self.lesson.link.as_mut().and_then(|l| l.news.take())
            && !self.loading.partial
        {
            self.status.message = Some(news);
        }
    }

    fn peer_event(&mut self, event: PeerEvent) -> bool {
        let Some(link) = &mut self.lesson.link else { return false };
        match event {
            PeerEvent::Joined { others, dialed } => {
                link.others = others;
                link.ever = true;
                link.away = false;
                self.status.message = Some(format!(
                    "linked with another screen on channel `{}`: a move on either shows on both (to keep two screens apart, give each its own --channel)",
                    link.channel
                ));
                // The one that was there first says where the lesson is; the newcomer follows.
                if !dialed && let Some(place) = self.place() {
                    self.effects.push(Effect::Tell(format!("place {}", place.encode())));
                }
            }
            PeerEvent::Left { others } => {
                link.others = others;
                if others == 0 {
                    link.away = false;
                    self.status.message = Some("the other screen went away: going on alone".into());
                }
            }
            PeerEvent::Dropped { others } => {
                link.others = others;
                self.status.message = Some(
                    "another screen fell behind (stopped or asleep?) and was let go: it links again when it is back"
                        .into(),
                );
            }
            PeerEvent::Away => {
                link.away = true;
                self.status.message = Some(format!(
                    "the other screen left the tour for the explorer: it follows again when it opens the tour ({} there)",
                    key(Context::Panes, Action::OpenTours)
                ));
            }
            PeerEvent::Place(place) => {
                let came_back = std::mem::take(&mut link.away);
                link.lesson = Some(place.clone());
                let tl = self.data.query.timeline();
                // Not showing the lesson (loading, or in the explorer): it
                // goes there when it opens the tour.
                let Screen::Present(p) = &mut self.screen else { return false };
                if p.place(tl).as_ref() == Some(&place) {
                    return came_back;
                }
                if let Some(c) = &mut self.lesson.clock {
                    c.step = std::time::Duration::ZERO;
                }
                if !p.go_to(tl, &place) {
                    self.status.message = Some(format!(
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
            // Taken by `peer` before it gets here.
            PeerEvent::Class(_) => return false,
            PeerEvent::Blank(on) => {
                let Screen::Present(p) = &mut self.screen else { return false };
                if p.blank == on {
                    return false;
                }
                p.blank = on;
            }
        }
        true
    }

    /// Goes where the lesson is, as last said on the link, if this show has
    /// that place: a screen opening the tour joins the lesson rather than
    /// taking the others back to the first step.
    pub(super) fn follow_lesson(&mut self) {
        let Some(place) = self.lesson.link.as_ref().and_then(|l| l.lesson.clone()) else { return };
        let tl = self.data.query.timeline();
        if let Screen::Present(p) = &mut self.screen {
            p.go_to(tl, &place);
        }
    }

    /// A second passed: the presenter's clock and timers move; the
    /// presenter's view shows seconds, so it is drawn again.
    pub(super) fn tick(&mut self, now: SystemTime) -> bool {
        let presenting = matches!(&self.screen, Screen::Present(p) if p.presenter);
        match &mut self.lesson.clock {
            Some(clock) => {
                let minute = |t: SystemTime| {
                    t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 60)
                };
                let changed = minute(clock.now) != minute(now);
                let running = !clock.paused;
                clock.advance(now);
                changed || presenting && running
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Filter, Query};
    use crate::tui::msg::Msg;
    use crate::tui::state::{Clock, Link};

    fn linked() -> App {
        let query = Query::new(crate::load::load_bundled().timeline);
        let link = Link { others: 1, ever: true, ..Link::new("c") };
        let mut app = App::new(query, Filter::default(), 100, 30).with_link(Some(link), None);
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
        let version = app.version();
        assert!(
            told(&app.update(Msg::Peer(PeerEvent::Place(there.clone())))).is_empty(),
            "no echo"
        );
        assert!(app.version() > version, "moved");
        assert_eq!(app.place(), Some(there.clone()));
        let version = app.version();
        app.update(Msg::Peer(PeerEvent::Place(there)));
        assert_eq!(app.version(), version, "already there");
        let other = Place::Step { tour: "another-tour".into(), step: 1 };
        app.update(Msg::Peer(PeerEvent::Place(other)));
        assert!(app.message().is_some_and(|m| m.contains("does not show")));
        let version = app.version();
        app.update(Msg::Peer(PeerEvent::Left { others: 0 }));
        assert!(app.version() > version);
        assert_eq!(app.message(), Some("the other screen went away: going on alone"));
    }

    #[test]
    fn the_one_there_first_says_where_the_lesson_is() {
        let mut app = linked();
        app.update(Action::NextEvent);
        let said = app.update(Msg::Peer(PeerEvent::Joined { others: 1, dialed: false }));
        assert_eq!(told(&said), ["place step new-great-game 2"]);
        let said = app.update(Msg::Peer(PeerEvent::Joined { others: 1, dialed: true }));
        assert!(told(&said).is_empty(), "a newcomer follows");
    }

    #[test]
    fn a_screen_that_leaves_the_tour_says_so_and_rejoins_where_the_lesson_is() {
        let step = |n| Place::Step { tour: "new-great-game".into(), step: n };
        let moved = |app: &mut App, msg: Msg| {
            let version = app.version();
            app.update(msg);
            app.version() > version
        };
        // The projector goes to the explorer: it tells the presenter.
        let mut projector = linked();
        projector.update(Action::NextEvent);
        assert_eq!(told(&projector.update(Action::Back)), ["away"]);
        let mut laptop = linked().with_presenter(true);
        laptop.start_tour(0);
        assert!(moved(&mut laptop, Msg::Peer(PeerEvent::Away)));
        assert!(laptop.link().is_some_and(|l| l.away));
        // The lesson goes on without it; it hears where, and rejoins there
        // rather than taking the presenter back to the first step.
        laptop.update(Action::NextEvent);
        let said = told(&laptop.update(Action::NextEvent));
        assert_eq!(said, ["place step new-great-game 3"]);
        assert!(
            !moved(&mut projector, Msg::Peer(PeerEvent::Place(step(3)))),
            "the explorer stays as it is"
        );
        let tours = projector.update(Action::OpenTours);
        assert!(told(&tours).is_empty());
        assert_eq!(told(&projector.update(Action::Submit)), ["place step new-great-game 3"]);
        assert_eq!(projector.place(), Some(step(3)));
        // The presenter hears it is followed again (and redraws to say so).
        assert!(moved(&mut laptop, Msg::Peer(PeerEvent::Place(step(3)))));
        assert!(laptop.link().is_some_and(|l| !l.away));
        // The presenter leaves for the explorer and comes back: the
        // presenter's view again, at the lesson's step.
        assert_eq!(told(&laptop.update(Action::Back)), ["away"]);
        assert!(!moved(&mut laptop, Msg::Peer(PeerEvent::Place(step(5)))));
        laptop.update(Action::OpenTours);
        assert_eq!(told(&laptop.update(Action::Submit)), ["place step new-great-game 5"]);
        let Screen::Present(p) = laptop.screen() else { panic!("not presenting") };
        assert!(p.presenter && p.notes, "the presenter's view with its notes");
        assert_eq!(laptop.place(), Some(step(5)));
    }

    #[test]
    fn blanking_is_told_and_followed_and_the_timers_run_pause_and_reset() {
        let mut app = linked().with_link(
            Some(Link { others: 1, ever: true, ..Link::new("c") }),
            Some(Clock::new(SystemTime::UNIX_EPOCH)),
        );
        assert_eq!(told(&app.update(Action::ToggleBlank)), ["blank on"]);
        let blank = |app: &App| matches!(app.screen(), Screen::Present(p) if p.blank);
        assert!(blank(&app));
        assert_eq!(told(&app.update(Action::ToggleBlank)), ["blank off"]);
        app.update(Msg::Peer(PeerEvent::Blank(true)));
        assert!(blank(&app), "the projector follows the presenter's b");
        let second = |n| SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(n);
        let clock = |app: &App| app.lesson.clock.expect("a clock");
        app.update(Msg::Tick(second(90)));
        assert_eq!((clock(&app).lesson.as_secs(), clock(&app).step.as_secs()), (90, 90));
        app.update(Action::NextEvent);
        assert_eq!(clock(&app).step.as_secs(), 0, "a step's timer starts at its step");
        app.update(Action::PauseTimer);
        app.update(Msg::Tick(second(150)));
        assert_eq!(clock(&app).lesson.as_secs(), 90, "paused");
        app.update(Action::PauseTimer);
        app.update(Msg::Tick(second(160)));
        assert_eq!(clock(&app).lesson.as_secs(), 100);
        assert_eq!(clock(&app).left(), Ok(std::time::Duration::from_secs(45 * 60 - 100)));
        app.update(Action::ResetTimer);
        assert_eq!(clock(&app).lesson.as_secs(), 0);
        assert_eq!(
            crate::tui::state::link::clock_face(std::time::Duration::from_secs(3723)),
            "1:02:03"
        );
    }

    #[test]
    fn the_presenters_list_of_steps_jumps_to_one() {
        let mut app = linked().with_presenter(true);
        app.start_tour(0);
        app.update(Action::OpenSteps);
        for _ in 0..4 {
            app.update(Action::Down);
        }
        app.update(Action::Up);
        let said = told(&app.update(Action::Submit));
        assert_eq!(said, ["place step new-great-game 4"]);
        let Screen::Present(p) = app.screen() else { panic!("not presenting") };
        assert_eq!((p.at, p.jump), (3, None));
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
