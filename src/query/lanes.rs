//! Events split by country, actor, tag or a lane set the timeline names:
//! the time axis's lanes, the columns of `stats --split` and the web page's
//! lanes are the same [`Column`]s, so they always count alike.

use fixedbitset::FixedBitSet;

use super::{Filter, FilterError, Query};
use crate::model::{LaneSet, Member};

/// How events are split: by every (or some) country, actor or tag, or by
/// a lane set's lanes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// These countries' codes; none: every country with events, most first.
    Country(Vec<String>),
    Actor(Vec<String>),
    Tag(Vec<String>),
    /// A lane set, by id.
    Set(String),
}

impl Split {
    /// `country:RU,CN`, `country`, `lanes:powers`: how `--split` and the
    /// page's `#lanes=` write it.
    pub fn parse(text: &str) -> Result<Split, String> {
        let (facet, list) = text.split_once(':').unwrap_or((text, ""));
        let keys: Vec<String> =
            list.split(',').map(str::trim).filter(|k| !k.is_empty()).map(String::from).collect();
        match facet.trim() {
            "country" | "countries" => Ok(Split::Country(keys)),
            "actor" | "actors" => Ok(Split::Actor(keys)),
            "tag" | "tags" => Ok(Split::Tag(keys)),
            "lanes" | "lane" if keys.len() == 1 => Ok(Split::Set(keys[0].clone())),
            "lanes" | "lane" => Err(format!(
                "expected one lane set after `lanes:`, such as `lanes:powers`, found `{text}`"
            )),
            other => Err(format!(
                "expected `country`, `actor`, `tag` or `lanes:ID` before the `:`, found `{other}`: such as `country:RU,CN` or `lanes:powers`"
            )),
        }
    }

    /// As [`Split::parse`] reads it.
    pub fn spelled(&self) -> String {
        match self {
            Split::Country(k) if k.is_empty() => "country".into(),
            Split::Actor(k) if k.is_empty() => "actor".into(),
            Split::Tag(k) if k.is_empty() => "tag".into(),
            Split::Country(k) => format!("country:{}", k.join(",")),
            Split::Actor(k) => format!("actor:{}", k.join(",")),
            Split::Tag(k) => format!("tag:{}", k.join(",")),
            Split::Set(id) => format!("lanes:{id}"),
        }
    }
}

/// One lane, or one column of a split table: the events naming any of its members.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Column {
    /// What a filter or a CSV header calls it: `RU`, `putin`, or a lane set's
    /// lane as its members (`US+EU+GB`).
    pub key: String,
    /// As a person reads it: `Russia`, `The West`.
    pub label: String,
    #[serde(skip)]
    pub members: Vec<Member>,
}

impl Query {
    /// The columns of a split; for a facet without keys, every one with
    /// events among `events`, most first. An unknown name is an error that
    /// says which, with the known ones.
    pub fn columns(&self, split: &Split, events: &[usize]) -> Result<Vec<Column>, FilterError> {
        let tl = &self.timeline;
        let named = |m: Member| Column {
            key: m.key().to_string(),
            label: tl.member_name(&m).to_string(),
            members: vec![m],
        };
        let (keys, make): (&Vec<String>, fn(String) -> Member) = match split {
            Split::Set(id) => {
                let Some(set) = tl.lane_set(id) else {
                    let known: Vec<&str> = tl.lanes.iter().map(|s| s.id.as_str()).collect();
                    let known = if known.is_empty() { "none".into() } else { known.join(", ") };
                    return Err(FilterError(format!(
                        "no lane set `{id}` in the loaded timelines; known: {known}"
                    )));
                };
                return Ok(self.set_columns(set));
            }
            Split::Country(k) => (k, Member::Country),
            Split::Actor(k) => (k, Member::Actor),
            Split::Tag(k) => (k, Member::Tag),
        };
        if !keys.is_empty() {
            // The filter's check: canonical spelling and did-you-mean.
            let f = match split {
                Split::Country(_) => Filter { countries: keys.clone(), ..Filter::default() },
                Split::Actor(_) => Filter { actors: keys.clone(), ..Filter::default() },
                _ => Filter { tags: keys.clone(), ..Filter::default() },
            };
            let f = self.check(&f)?;
            let keys = [f.countries, f.actors, f.tags].concat();
            return Ok(keys.into_iter().map(|k| named(make(k))).collect());
        }
        let (rows, names): (&super::lists::Lists, Vec<String>) = match split {
            Split::Country(_) => {
                (&self.event_countries, tl.countries.iter().map(|c| c.code.clone()).collect())
            }
            Split::Actor(_) => {
                (&self.event_actors, tl.actors.iter().map(|a| a.id.clone()).collect())
            }
            _ => (&self.event_tags, self.tags.clone()),
        };
        let mut counts = vec![0usize; names.len()];
        for &i in events {
            for &m in rows.get(i) {
                counts[m as usize] += 1;
            }
        }
        let mut order: Vec<usize> = (0..names.len()).filter(|&m| counts[m] > 0).collect();
        order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
        Ok(order.into_iter().map(|m| named(make(names[m].clone()))).collect())
    }

    fn set_columns(&self, set: &LaneSet) -> Vec<Column> {
        let tl = &self.timeline;
        set.lanes
            .iter()
            .map(|lane| Column {
                key: lane.members.iter().map(Member::key).collect::<Vec<_>>().join("+"),
                label: tl.lane_label(lane),
                members: lane.members.clone(),
            })
            .collect()
    }

    /// The events naming a member, in date order.
    pub fn member_events(&self, m: &Member) -> &[u32] {
        let (pos, lists) = match m {
            Member::Country(c) => (self.country_pos.get(c), &self.country_events),
            Member::Actor(a) => (self.actor_pos.get(a), &self.actor_events),
            Member::Tag(t) => (self.tag_pos.get(t), &self.tag_events),
        };
        pos.map_or(&[], |&p| lists.get(p as usize))
    }

    /// Of `events` (in date order), those in column `c`, in date order.
    pub fn column_events(&self, c: &Column, events: &[usize]) -> Vec<usize> {
        let n = self.timeline.events.len();
        let mut out: Vec<usize> = match c.members.as_slice() {
            [m] => self.member_events(m).iter().map(|&i| i as usize).collect(),
            ms => {
                let mut set = FixedBitSet::with_capacity(n);
                for m in ms {
                    set.extend(self.member_events(m).iter().map(|&i| i as usize));
                }
                set.ones().collect()
            }
        };
        if events.len() != n {
            let mut shown = FixedBitSet::with_capacity(n);
            shown.extend(events.iter().copied().filter(|&i| i < n));
            out.retain(|&i| shown.contains(i));
        }
        out
    }

    /// The filter that shows column `c`: its members, as flags when they
    /// are of one kind, else as an expression (`country:RU or actor:putin`).
    pub fn column_filter(&self, c: &Column) -> Filter {
        let of = |kind: &str| -> Vec<String> {
            c.members.iter().filter(|m| m.facet() == kind).map(|m| m.key().to_string()).collect()
        };
        let (countries, actors, tags) = (of("country"), of("actor"), of("tag"));
        let kinds = [&countries, &actors, &tags].iter().filter(|k| !k.is_empty()).count();
        if kinds <= 1 {
            return Filter { countries, actors, tags, ..Filter::default() };
        }
        let quoted = |k: &str| {
            if k.chars().any(|c| c.is_whitespace() || ",()\":".contains(c)) {
                format!("\"{}\"", k.replace('"', ""))
            } else {
                k.to_string()
            }
        };
        let text: Vec<String> =
            c.members.iter().map(|m| format!("{}:{}", m.facet(), quoted(m.key()))).collect();
        match self.parse_where(&text.join(" or ")) {
            Ok(w) => Filter::from_expression(w),
            Err(_) => Filter { countries, ..Filter::default() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_read_as_written() {
        assert_eq!(
            Split::parse("country:RU,CN"),
            Ok(Split::Country(vec!["RU".into(), "CN".into()]))
        );
        assert_eq!(Split::parse("actor"), Ok(Split::Actor(vec![])));
        assert_eq!(Split::parse("lanes:powers"), Ok(Split::Set("powers".into())));
        assert!(Split::parse("lanes:").is_err());
        assert!(Split::parse("era:soviet").unwrap_err().contains("found `era`"));
        for s in ["country:RU,CN", "tag", "lanes:powers"] {
            assert_eq!(Split::parse(s).map(|s| s.spelled()).as_deref(), Ok(s));
        }
    }
}
