//! Where following links has been, like a browser's history: each place is
//! the event shown, the filter and whether it was full-screen, so going
//! back lands where the person was.

use crate::query::Filter;

/// A place in the explorer, kept by event id so a reload cannot mislead it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub event: String,
    pub filter: Filter,
    /// The event was open full-screen.
    pub full_screen: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    back: Vec<Place>,
    forward: Vec<Place>,
}

/// At most this many places are kept each way.
const KEPT: usize = 100;

impl History {
    /// A link was followed from `from`: it can be gone back to; what was
    /// ahead is forgotten.
    pub fn leave(&mut self, from: Place) {
        self.back.push(from);
        if self.back.len() > KEPT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// The place before, with `here` kept to come forward to.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// The place gone back from, with `here` kept to go back to.
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(id: &str) -> Place {
        Place { event: id.into(), filter: Filter::default(), full_screen: false }
    }

    #[test]
    fn back_and_forward_like_a_browser() {
        let mut h = History::default();
        assert_eq!(h.back(at("a")), None);
        h.leave(at("a"));
        h.leave(at("b"));
        assert_eq!(h.back(at("c")), Some(at("b")));
        assert_eq!(h.back(at("b")), Some(at("a")));
        assert_eq!(h.forward(at("a")), Some(at("b")));
        // Following a new link forgets what was ahead.
        h.leave(at("b"));
        assert_eq!(h.forward(at("x")), None);
        assert!(h.can_go_back());
    }
}
