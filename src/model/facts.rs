//! What a file of every event of a timeline must know of them all before
//! it writes the first: the attributes' columns, and what it leaves out.
//! Worked out once, when a load is kept whole in the cache, so that an
//! export of a million events can read them a block at a time.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Event, Timeline};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// The names of the events' attributes, in the order first met.
    pub attributes: Vec<String>,
    /// How many events have quotes.
    pub quoted: usize,
    /// The ids that links name and no event of the timeline has, each once.
    pub missing: Vec<String>,
    /// How many links name one of `missing`.
    pub links_out: usize,
}

impl Facts {
    pub fn of(tl: &Timeline) -> Facts {
        // One pass on every core: on a first load of a million events,
        // each pass over their memory is paid for.
        let parts: Vec<(Vec<&str>, usize, bool)> = tl
            .events
            .par_chunks(4096)
            .map(|events| {
                let quoted = events.iter().filter(|e| !e.quotes.is_empty()).count();
                let linked = events.iter().any(|e| !e.related.is_empty());
                (attribute_names(events), quoted, linked)
            })
            .collect();
        let quoted = parts.iter().map(|p| p.1).sum();
        let linked = parts.iter().any(|p| p.2);
        // In order: the names of the events before come first.
        let names = first_met(parts.into_iter().flat_map(|p| p.0));
        let mut missing: Vec<&str> = Vec::new();
        let mut links_out = 0;
        // A set of its own, not the timeline's id table: that is built once
        // the load is done, and a load kept whole is not done yet.
        if linked {
            let ids: hashbrown::HashSet<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
            for e in &tl.events {
                for r in e.related.iter().filter(|r| !ids.contains(r.as_str())) {
                    links_out += 1;
                    missing.push(r);
                }
            }
        }
        missing.sort_unstable();
        missing.dedup();
        Facts {
            attributes: names.into_iter().map(str::to_string).collect(),
            quoted,
            missing: missing.into_iter().map(str::to_string).collect(),
            links_out,
        }
    }
}

/// The names of the attributes `events` have, in the order first met.
pub fn attribute_names<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<&'a str> {
    first_met(events.into_iter().flat_map(|e| e.attributes.iter().map(|(name, _)| name)))
}

/// Each of `names` once, in the order first met: in time linear in their
/// number (a CSV of 50,000 columns has 50,000 attributes an event).
fn first_met<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = hashbrown::HashSet::new();
    names.into_iter().filter(|name| seen.insert(*name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attributes, PartialDate, Quote};

    #[test]
    fn facts_name_the_attributes_in_order_and_count_quotes_and_links_that_name_nothing() {
        let event = |id: &str, related: &[&str], attrs: &[&str]| {
            let mut e = Event::new(id.to_string(), PartialDate::year(2000), "An event");
            e.related = related.iter().map(|r| r.to_string()).collect();
            e.attributes = Attributes::new(attrs.iter().map(|a| (a.to_string(), "1".to_string())));
            e
        };
        let mut tl = Timeline {
            events: vec![
                event("a", &["b", "gone"], &["mentions"]),
                event("b", &["gone", "also-gone"], &["tone", "mentions"]),
                event("c", &[], &["sources"]),
            ],
            ..Timeline::default()
        };
        tl.events[2].quotes.push(Quote {
            text: "We agree".into(),
            by: "a-speaker".into(),
            date: None,
            lang: None,
            source: Default::default(),
            translated_by: None,
            original: None,
        });
        let facts = Facts::of(&tl);
        assert_eq!(facts.attributes, ["mentions", "tone", "sources"]);
        assert_eq!(facts.quoted, 1);
        assert_eq!(facts.missing, ["also-gone", "gone"]);
        assert_eq!(facts.links_out, 3);
        assert_eq!(Facts::of(&Timeline::default()), Facts::default());
    }
}
