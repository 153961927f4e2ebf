//! Ids to positions in constant time, without a second copy of any id: each
//! table holds positions and hashes the items' own ids. The tables are built
//! on the first lookup, once the timeline is complete.

use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::DefaultHashBuilder;
use hashbrown::hash_table::{Entry, HashTable};
use rayon::prelude::*;

use super::{Actor, Country, Event, Timeline};

/// Positions of items by a string key; the first item with a key wins.
#[derive(Clone, Default)]
struct Positions {
    table: HashTable<u32>,
    /// How many items there were: a table for another number is not used.
    len: usize,
}

impl Positions {
    fn new<T: Sync>(
        items: &[T],
        key: impl Fn(&T) -> &str + Sync,
        hasher: &DefaultHashBuilder,
    ) -> Self {
        // Hashed on every core: each id is met scattered over the heap.
        let hashes: Vec<u64> =
            items.par_iter().with_min_len(4096).map(|item| hasher.hash_one(key(item))).collect();
        let mut table = HashTable::with_capacity(items.len());
        let rehash = |&i: &u32| hashes[i as usize];
        for ((i, item), &hash) in (0u32..).zip(items).zip(&hashes) {
            let id = key(item);
            let found = |&j: &u32| key(&items[j as usize]) == id;
            if let Entry::Vacant(v) = table.entry(hash, found, rehash) {
                v.insert(i);
            }
        }
        Positions { table, len: items.len() }
    }

    fn get<T>(
        &self,
        items: &[T],
        key: impl Fn(&T) -> &str,
        hasher: &DefaultHashBuilder,
        id: &str,
    ) -> Option<usize> {
        if self.len != items.len() {
            // The items changed after the table was built: answer the slow way.
            return items.iter().position(|item| key(item) == id);
        }
        self.table
            .find(hasher.hash_one(id), |&j| items.get(j as usize).is_some_and(|x| key(x) == id))
            .map(|&j| j as usize)
    }
}

fn event_id(e: &Event) -> &str {
    &e.id
}

fn country_code(c: &Country) -> &str {
    &c.code
}

fn actor_id(a: &Actor) -> &str {
    &a.id
}

#[derive(Clone, Default)]
struct Tables {
    hasher: DefaultHashBuilder,
    events: Positions,
    countries: Positions,
    actors: Positions,
}

/// The id maps of a [`Timeline`]'s events, countries and actors, built on
/// the first lookup. Change the timeline's lists before looking anything up:
/// a list that grew or shrank since is searched item by item instead.
#[derive(Clone, Default)]
pub struct IdMaps(OnceLock<Tables>);

impl std::fmt::Debug for IdMaps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() { "IdMaps(built)" } else { "IdMaps" })
    }
}

impl Timeline {
    fn tables(&self) -> &Tables {
        self.ids.0.get_or_init(|| {
            let hasher = DefaultHashBuilder::default();
            Tables {
                events: Positions::new(&self.events, event_id, &hasher),
                countries: Positions::new(&self.countries, country_code, &hasher),
                actors: Positions::new(&self.actors, actor_id, &hasher),
                hasher,
            }
        })
    }

    /// The position in `events` of the event with this id.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        let t = self.tables();
        t.events.get(&self.events, event_id, &t.hasher, id)
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        let t = self.tables();
        t.countries.get(&self.countries, country_code, &t.hasher, code).map(|i| &self.countries[i])
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        let t = self.tables();
        t.actors.get(&self.actors, actor_id, &t.hasher, id).map(|i| &self.actors[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    fn event(id: &str) -> Event {
        Event::new(id, PartialDate::year(1991), id)
    }

    #[test]
    fn lookups_find_the_first_of_each_id_and_nothing_else() {
        let tl = Timeline { events: ["a", "b", "a", "c"].map(event).into(), ..Timeline::default() };
        assert_eq!(tl.event_index("a"), Some(0));
        assert_eq!(tl.event_index("b"), Some(1));
        assert_eq!(tl.event_index("c"), Some(3));
        assert_eq!(tl.event_index("d"), None);
        assert_eq!(tl.event_index(""), None);
        assert!(tl.country("KZ").is_none() && tl.actor("putin").is_none());
    }

    #[test]
    fn a_timeline_changed_after_a_lookup_is_still_answered_rightly() {
        let mut tl = Timeline { events: vec![event("a")], ..Timeline::default() };
        assert_eq!(tl.event_index("a"), Some(0));
        tl.events.insert(0, event("z"));
        assert_eq!(tl.event_index("a"), Some(1));
        assert_eq!(tl.event_index("z"), Some(0));
    }

    #[test]
    fn the_bundled_timeline_finds_every_country_actor_and_event() {
        let tl = crate::load::load_bundled().timeline;
        for (i, e) in tl.events.iter().enumerate() {
            assert_eq!(tl.event_index(&e.id), Some(i));
        }
        for c in &tl.countries {
            assert_eq!(tl.country(&c.code).map(|x| &x.code), Some(&c.code));
        }
        for a in &tl.actors {
            assert_eq!(tl.actor(&a.id).map(|x| &x.id), Some(&a.id));
        }
    }
}
