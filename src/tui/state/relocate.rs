//! Finding one's place again after a reload: events are matched by id, and
//! when the one you were on is gone, the nearest one that is left.

use crate::model::Timeline;
use crate::query::Query;

/// How far either way a reload looks for a neighbour that is left.
const LOOKUP: usize = 200;

/// The new position (in `new.events`) of the entry of `list` nearest to
/// `list[at]` whose event is still in `new`: `at` itself, then one after,
/// one before, two after, and so on. `list` holds positions in `old.events`.
pub fn nearest(old: &Timeline, list: &[usize], at: usize, new: &Query) -> Option<usize> {
    if list.is_empty() || new.timeline().events.is_empty() {
        return None;
    }
    let at = at.min(list.len() - 1);
    let lookup = |k: usize| old.events.get(list[k]).and_then(|e| new.event_index(&e.id));
    (0..=LOOKUP).find_map(|d| {
        let after = list.get(at + d).and(Some(at + d)).and_then(lookup);
        after.or_else(|| at.checked_sub(d).filter(|_| d > 0).and_then(lookup))
    })
}
