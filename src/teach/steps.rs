//! A place in a slide show by ids, not positions: a tour's step (the tour's
//! id and the step's number) or an event's id. A reload, or a second steppe
//! showing the same lesson, finds the same slide by it.

use crate::query::Query;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A tour's step: the tour's id and the step's number, from 1.
    Step { tour: String, step: usize },
    /// An event, by its id, in slides of events.
    Event(String),
}

impl Place {
    /// One line of words: `step new-great-game 3` or `event ussr-dissolved`.
    /// Ids have no spaces, so the words split back apart.
    pub fn encode(&self) -> String {
        match self {
            Place::Step { tour, step } => format!("step {tour} {step}"),
            Place::Event(id) => format!("event {id}"),
        }
    }

    pub fn parse(line: &str) -> Option<Place> {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["step", tour, n] => Some(Place::Step {
                tour: tour.to_string(),
                step: n.parse().ok().filter(|&n| n > 0)?,
            }),
            ["event", id] => Some(Place::Event(id.to_string())),
            _ => None,
        }
    }
}

/// A tour's steps whose events exist: their positions in the tour, and the
/// events' positions in the timeline. `None` if there is no such tour.
pub fn tour_slides(query: &Query, tour: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let t = query.timeline().tour(tour)?;
    Some(
        t.steps
            .iter()
            .enumerate()
            .filter_map(|(n, s)| query.event_index(s.event).map(|e| (n, e)))
            .unzip(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_back_as_written() {
        for p in
            [Place::Step { tour: "new-great-game".into(), step: 3 }, Place::Event("a.b_c".into())]
        {
            assert_eq!(Place::parse(&p.encode()), Some(p));
        }
        for bad in ["", "step x", "step x 0", "step x y", "event", "event a b", "slide 3"] {
            assert_eq!(Place::parse(bad), None, "{bad}");
        }
    }
}
