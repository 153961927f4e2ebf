//! Answering a filter with bit sets: each term is a set of events built from
//! posting lists, `and`, `or` and `not` are set operations, and facet counts
//! are read off the sets.

use fixedbitset::FixedBitSet;
use hashbrown::HashMap;

use super::expr::{Attr, Kind, Node, Op};
use super::filter::{Filter, Sort};
use super::fold::fold;
use super::lists::Lists;
use super::parse::number;
use super::search::Hits;
use super::{Day, Query, day};

/// Events as a set; `None` is every event (nothing to intersect with).
type Set = Option<FixedBitSet>;

fn and(a: Set, b: Set) -> Set {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(mut a), Some(b)) => {
            a.intersect_with(&b);
            Some(a)
        }
    }
}

/// What a filter shows: the events, and the counts beside each country and actor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Positions in `timeline().events`, in order.
    pub shown: Vec<usize>,
    /// Per country (as in `timeline().countries`). With the country filter in
    /// "any of" mode (or empty): the events that pass every other filter and
    /// involve the country. In "all of" mode: the events the list would show
    /// with the country ticked too, so a ticked country counts the events
    /// shown now.
    pub country_counts: Vec<usize>,
    /// Per actor: the events that pass every other filter and that the actor
    /// took part in.
    pub actor_counts: Vec<usize>,
}

impl Query {
    /// The events the filter lets through, with the facet counts; `hits` is a
    /// search already run for `filter.search` (or for a shorter text it
    /// narrows), so a search run off the UI thread is not run again.
    pub fn outcome(&self, filter: &Filter, hits: Option<&Hits>) -> Outcome {
        let n = self.timeline.events.len();
        let all_of = filter.all_of();
        let mut rest: Set = None;
        if let Some(w) = filter.expr.as_ref().filter(|w| !w.is_empty()) {
            rest = Some(self.node_set(&w.root, all_of));
        }
        if !filter.tags.is_empty() {
            rest = and(rest, Some(self.any_of(&self.tag_events, &self.tag_pos, &filter.tags)));
        }
        if filter.from.is_some() || filter.to.is_some() {
            let from = filter.from.map(|d| day(d.earliest()));
            let to = filter.to.map(|d| day(d.latest()));
            rest = and(rest, Some(self.dates(from, to)));
        }
        let needle = fold(filter.search.trim());
        if !needle.is_empty() {
            let found = match hits.filter(|h| h.needle() == needle && h.set().len() == n) {
                Some(h) => h.set().clone(),
                None => self.search_folded(&needle, hits, &|| false).unwrap_or_else(|| self.none()),
            };
            rest = and(rest, Some(found));
        }
        let countries: Set =
            (!filter.countries.is_empty()).then(|| self.countries_set(&filter.countries, all_of));
        let actors: Set = (!filter.actors.is_empty())
            .then(|| self.any_of(&self.actor_events, &self.actor_pos, &filter.actors));
        let shown = and(and(rest.clone(), countries.clone()), actors.clone());
        let country_counts = if all_of && countries.is_some() {
            self.count(&self.event_countries, &self.country_events, &shown)
        } else {
            self.count(&self.event_countries, &self.country_events, &and(rest.clone(), actors))
        };
        let actor_counts =
            self.count(&self.event_actors, &self.actor_events, &and(rest, countries));
        let shown = match shown {
            None => (0..n).collect(),
            Some(s) => s.ones().collect(),
        };
        Outcome { shown, country_counts, actor_counts }
    }

    /// Positions in `timeline().events` of the events the filter lets through, in order.
    pub fn matches(&self, filter: &Filter) -> Vec<usize> {
        self.outcome(filter, None).shown
    }

    /// The count beside each country: see [`Outcome::country_counts`].
    pub fn country_counts(&self, filter: &Filter) -> Vec<usize> {
        self.outcome(filter, None).country_counts
    }

    /// The count beside each actor: see [`Outcome::actor_counts`].
    pub fn actor_counts(&self, filter: &Filter) -> Vec<usize> {
        self.outcome(filter, None).actor_counts
    }

    /// Puts events (positions in `timeline().events`) in the given order.
    pub fn sort(&self, events: &mut [usize], sort: Sort) {
        let evs = &self.timeline.events;
        match sort {
            Sort::Date => events.sort_unstable(),
            Sort::DateDesc => events.sort_unstable_by(|a, b| b.cmp(a)),
            Sort::Title => events.sort_by_cached_key(|&i| (title_key(&evs[i].title), i)),
            Sort::Country => events.sort_by_cached_key(|&i| {
                // By the first country's name; an event with none comes last.
                let first = self.event_countries.get(i).first();
                let name = first.map(|&c| fold(&self.timeline.countries[c as usize].name));
                (name.is_none(), name, i)
            }),
        }
    }

    /// Per facet value, how many events of `set` have it.
    fn count(&self, per_event: &Lists, postings: &Lists, set: &Set) -> Vec<usize> {
        let Some(set) = set else {
            return postings.lengths();
        };
        let mut counts = vec![0; postings.rows()];
        for i in set.ones() {
            for &x in per_event.get(i) {
                counts[x as usize] += 1;
            }
        }
        counts
    }

    /// Events having any of the named values.
    fn any_of(
        &self,
        postings: &Lists,
        pos: &HashMap<String, u32>,
        names: &[String],
    ) -> FixedBitSet {
        let mut set = self.none();
        for &k in names.iter().filter_map(|x| pos.get(x)) {
            for &e in postings.get(k as usize) {
                set.insert(e as usize);
            }
        }
        set
    }

    fn countries_set(&self, codes: &[String], all: bool) -> FixedBitSet {
        if !all {
            return self.any_of(&self.country_events, &self.country_pos, codes);
        }
        let mut set = self.all();
        for code in codes {
            set.intersect_with(&self.any_of(
                &self.country_events,
                &self.country_pos,
                std::slice::from_ref(code),
            ));
        }
        set
    }

    /// Events overlapping the days from `from` to `to`.
    fn dates(&self, from: Option<Day>, to: Option<Day>) -> FixedBitSet {
        let mut set = self.none();
        let (from, to) = (from.unwrap_or(Day::MIN), to.unwrap_or(Day::MAX));
        for (i, (&first, &last)) in self.first.iter().zip(&self.last).enumerate() {
            if last >= from && first <= to {
                set.insert(i);
            }
        }
        set
    }

    fn node_set(&self, node: &Node, match_all: bool) -> FixedBitSet {
        match node {
            Node::All => self.all(),
            Node::And(xs) => {
                let mut set = self.all();
                for x in xs {
                    if set.is_clear() {
                        break;
                    }
                    set.intersect_with(&self.node_set(x, match_all));
                }
                set
            }
            Node::Or(xs) => {
                let mut set = self.none();
                for x in xs {
                    set.union_with(&self.node_set(x, match_all));
                }
                set
            }
            Node::Not(x) => {
                let mut set = self.node_set(x, match_all);
                set.toggle_range(..);
                set
            }
            Node::Term(t) => {
                let texts = |items: &[super::expr::Item]| -> Vec<String> {
                    items.iter().map(|i| i.text.clone()).collect()
                };
                match &t.kind {
                    Kind::Country(items) => self.countries_set(&texts(items), match_all),
                    Kind::Actor(items) => {
                        self.any_of(&self.actor_events, &self.actor_pos, &texts(items))
                    }
                    Kind::Tag(items) => self.any_of(&self.tag_events, &self.tag_pos, &texts(items)),
                    Kind::Era(items) => {
                        let eras = &self.timeline.eras;
                        let mut set = self.none();
                        for item in items {
                            if let Some(k) = eras.iter().position(|e| e.id == item.text) {
                                self.era_events.get(k).iter().for_each(|&e| set.insert(e as usize));
                            }
                        }
                        set
                    }
                    Kind::Related(items) => {
                        let mut set = self.none();
                        for i in items.iter().filter_map(|i| self.event_index(&i.text)) {
                            let (to, from) = self.links(i);
                            to.iter().chain(from).for_each(|&e| set.insert(e as usize));
                        }
                        set
                    }
                    Kind::From(d) => self.dates(Some(day(d.earliest())), None),
                    Kind::To(d) => self.dates(None, Some(day(d.latest()))),
                    Kind::On(d) => self.dates(Some(day(d.earliest())), Some(day(d.latest()))),
                    Kind::Text(s) => self
                        .search_folded(&fold(s.trim()), None, &|| false)
                        .unwrap_or_else(|| self.none()),
                    Kind::Place(s) => self.place_search(s),
                    Kind::Attr(a) => self.attr_set(a),
                }
            }
        }
    }
}

impl Query {
    /// Events with the attribute, or whose value passes the comparison:
    /// numbers as numbers when both sides are; otherwise `=` compares the
    /// texts folded (case and accents ignored) and `<`, `>` let no event
    /// through.
    fn attr_set(&self, a: &Attr) -> FixedBitSet {
        let mut set = self.none();
        let name = a.name.text.as_str();
        let test: Box<dyn Fn(&str) -> bool> = match &a.test {
            None => Box::new(|_| true),
            Some((op, wanted)) => {
                let op = *op;
                let n = number(wanted);
                let folded = fold(wanted);
                Box::new(move |value: &str| match (number(value), n) {
                    (Some(v), Some(w)) => match op {
                        Op::Eq => v == w,
                        Op::Lt => v < w,
                        Op::Le => v <= w,
                        Op::Gt => v > w,
                        Op::Ge => v >= w,
                    },
                    _ => op == Op::Eq && fold(value.trim()) == folded,
                })
            }
        };
        for (i, e) in self.timeline.events.iter().enumerate() {
            if e.attributes.get(name).is_some_and(&test) {
                set.insert(i);
            }
        }
        set
    }
}

/// A title as it is sorted: folded (case and accents ignored), without the
/// quotes and punctuation before its first letter or digit, so that
/// `'Shanghai Five' formed` sorts under S.
fn title_key(title: &str) -> String {
    let folded = fold(title);
    folded.trim_start_matches(|c: char| !c.is_alphanumeric()).to_string()
}
