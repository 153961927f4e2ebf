//! Event ids to positions in constant time, without a second copy of every
//! id: the table holds positions and hashes the events' own ids.

use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;
use hashbrown::hash_table::{Entry, HashTable};

use crate::model::Event;

#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl Ids {
    /// The first event with each id wins.
    pub fn new(events: &[Event]) -> Self {
        let hasher = DefaultHashBuilder::default();
        let mut table = HashTable::with_capacity(events.len());
        let rehash = |&i: &u32| hasher.hash_one(events[i as usize].id.as_str());
        for (i, e) in (0u32..).zip(events) {
            let id = e.id.as_str();
            let hash = hasher.hash_one(id);
            if let Entry::Vacant(v) = table.entry(hash, |&j| events[j as usize].id == id, rehash) {
                v.insert(i);
            }
        }
        Ids { table, hasher }
    }

    pub fn get(&self, events: &[Event], id: &str) -> Option<usize> {
        self.table
            .find(self.hasher.hash_one(id), |&j| events[j as usize].id == id)
            .map(|&j| j as usize)
    }
}
