//! Property tests of the query layer: over generated timelines, the indexed
//! evaluator of a generated `--where` expression (written out as text and
//! parsed) agrees with a direct filter over the plain data, and so do the
//! facet counts and a narrowed search.

use proptest::prelude::*;

use steppe::model::{Actor, ActorKind, Country, Era, Event, PartialDate, Participant, Timeline};
use steppe::query::{Filter, Query, fold, parse};

const CODES: [&str; 4] = ["KZ", "UZ", "TR", "CN"];
const NAMES: [&str; 4] = ["Kazakhstan", "Uzbekistan", "Türkiye", "China"];
const ACTORS: [(&str, &str); 3] =
    [("putin", "Vladimir Putin"), ("erdogan", "Recep Erdoğan"), ("xi", "Xi Jinping")];
const TAGS: [&str; 3] = ["summit", "treaty", "gas"];
const WORDS: [&str; 8] =
    ["Summit", "in", "ASTANA", "Erdoğan", "pipeline", "ＧＡＳ", "Şuşa", "treaty"];
const NEEDLES: [&str; 8] = ["summit", "erdogan", "gas", "as", "türk", "susa", "ana", "putin"];

#[derive(Debug, Clone)]
enum Ex {
    And(Vec<Ex>, bool),
    Or(Vec<Ex>),
    Not(Box<Ex>),
    Country(Vec<usize>),
    Actor(Vec<usize>),
    Tag(Vec<usize>),
    Era(usize),
    From(PartialDate),
    To(PartialDate),
    On(PartialDate),
    Related(usize),
    Text(usize),
}

fn date() -> impl Strategy<Value = PartialDate> {
    (1990i32..=1999, proptest::option::of((1u32..=12, proptest::option::of(1u32..=28)))).prop_map(
        |(y, md)| {
            let (m, d) = md.map_or((None, None), |(m, d)| (Some(m), d));
            PartialDate::from_parts(y, m, d, false).expect("a real date")
        },
    )
}

fn subset(n: usize) -> impl Strategy<Value = Vec<usize>> {
    proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=n.min(3))
}

fn leaf(events: usize) -> impl Strategy<Value = Ex> {
    prop_oneof![
        subset(CODES.len()).prop_map(Ex::Country),
        subset(ACTORS.len()).prop_map(Ex::Actor),
        subset(TAGS.len()).prop_map(Ex::Tag),
        (0usize..2).prop_map(Ex::Era),
        date().prop_map(Ex::From),
        date().prop_map(Ex::To),
        date().prop_map(Ex::On),
        (0..events.max(1)).prop_map(Ex::Related),
        (0..NEEDLES.len()).prop_map(Ex::Text),
    ]
}

fn expr(events: usize) -> impl Strategy<Value = Ex> {
    leaf(events).prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (proptest::collection::vec(inner.clone(), 2..4), any::<bool>())
                .prop_map(|(xs, words)| Ex::And(xs, words)),
            proptest::collection::vec(inner.clone(), 2..4).prop_map(Ex::Or),
            inner.prop_map(|x| Ex::Not(Box::new(x))),
        ]
    })
}

/// The expression as a person would type it, with parentheses only where needed.
fn render(ex: &Ex, tl: &Timeline) -> String {
    let list = |ks: &[usize], f: &dyn Fn(usize) -> String| {
        ks.iter().map(|&k| f(k)).collect::<Vec<_>>().join(",")
    };
    let group = |x: &Ex| {
        let s = render(x, tl);
        if matches!(x, Ex::Or(_) | Ex::And(..)) { format!("({s})") } else { s }
    };
    match ex {
        Ex::And(xs, words) => {
            let sep = if *words { " " } else { " and " };
            xs.iter()
                .map(|x| if matches!(x, Ex::Or(_)) { group(x) } else { render(x, tl) })
                .collect::<Vec<_>>()
                .join(sep)
        }
        Ex::Or(xs) => xs.iter().map(|x| render(x, tl)).collect::<Vec<_>>().join(" or "),
        Ex::Not(x) => format!("not {}", group(x)),
        // Codes in lower case and names with accents stripped resolve too.
        Ex::Country(ks) => format!(
            "country:{}",
            list(ks, &|k| if k % 2 == 0 {
                CODES[k].to_lowercase()
            } else {
                format!("\"{}\"", fold(NAMES[k]))
            })
        ),
        Ex::Actor(ks) => format!("actor:{}", list(ks, &|k| ACTORS[k].0.to_string())),
        Ex::Tag(ks) => format!("tag:{}", list(ks, &|k| TAGS[k].to_uppercase())),
        Ex::Era(k) => format!("era:{}", tl.eras[*k].id),
        Ex::From(d) => format!("from:{}", d.normalized()),
        Ex::To(d) => format!("to:{}", d.normalized()),
        Ex::On(d) => format!("on:{}", d.normalized()),
        Ex::Related(k) => format!("related:{}", tl.events[*k].id),
        Ex::Text(k) if k % 2 == 0 => NEEDLES[*k].to_string(),
        Ex::Text(k) => format!("text:\"{}\"", NEEDLES[*k].to_uppercase()),
    }
}

fn last_day(e: &Event) -> (i32, u8, u8) {
    e.end.unwrap_or(e.date).latest().max(e.date.latest())
}

fn has_text(tl: &Timeline, e: &Event, needle: &str) -> bool {
    let n = fold(needle);
    fold(&e.title).contains(&n)
        || fold(&e.summary).contains(&n)
        || e.countries.iter().any(|c| fold(tl.country_name(c)).contains(&n))
        || e.actors.iter().any(|a| tl.actor(&a.id).is_some_and(|x| fold(&x.name).contains(&n)))
        || e.tags.iter().any(|t| fold(t).contains(&n))
}

/// The oracle: the expression read straight off one event.
fn direct(ex: &Ex, tl: &Timeline, e: &Event, all: bool) -> bool {
    let has_country = |k: &usize| e.countries.iter().any(|c| c == CODES[*k]);
    match ex {
        Ex::And(xs, _) => xs.iter().all(|x| direct(x, tl, e, all)),
        Ex::Or(xs) => xs.iter().any(|x| direct(x, tl, e, all)),
        Ex::Not(x) => !direct(x, tl, e, all),
        Ex::Country(ks) if all => ks.iter().all(has_country),
        Ex::Country(ks) => ks.iter().any(has_country),
        Ex::Actor(ks) => ks.iter().any(|k| e.actors.iter().any(|a| a.id == ACTORS[*k].0)),
        Ex::Tag(ks) => ks.iter().any(|k| e.tags.iter().any(|t| t == TAGS[*k])),
        Ex::Era(k) => tl.era_of(e).is_some_and(|era| era.id == tl.eras[*k].id),
        Ex::From(d) => last_day(e) >= d.earliest(),
        Ex::To(d) => e.date.earliest() <= d.latest(),
        Ex::On(d) => last_day(e) >= d.earliest() && e.date.earliest() <= d.latest(),
        Ex::Related(k) => {
            let target = &tl.events[*k];
            target.related.contains(&e.id) || e.related.contains(&target.id)
        }
        Ex::Text(k) => has_text(tl, e, NEEDLES[*k]),
    }
}

/// An event's date, years it lasts, countries, actors, tags, title words and a seed.
type RawEvent = (PartialDate, Option<u8>, Vec<usize>, Vec<usize>, Vec<usize>, Vec<usize>, usize);

fn event() -> impl Strategy<Value = RawEvent> {
    (
        date(),
        proptest::option::of(1u8..=3),
        proptest::sample::subsequence((0..CODES.len()).collect::<Vec<_>>(), 0..=3),
        proptest::sample::subsequence((0..ACTORS.len()).collect::<Vec<_>>(), 0..=2),
        proptest::sample::subsequence((0..TAGS.len()).collect::<Vec<_>>(), 0..=2),
        proptest::collection::vec(0..WORDS.len(), 1..5),
        0usize..1000,
    )
}

fn timeline() -> impl Strategy<Value = Timeline> {
    proptest::collection::vec(event(), 1..25).prop_map(|raw| {
        let n = raw.len();
        let mut events: Vec<Event> = raw
            .into_iter()
            .enumerate()
            .map(|(i, (date, span, cs, acts, tags, words, seed))| Event {
                end: span.map(|y| PartialDate::year(date.year + i32::from(y))),
                summary: WORDS[seed % WORDS.len()].to_string(),
                countries: cs.iter().map(|&c| CODES[c].to_string()).collect(),
                actors: acts
                    .iter()
                    .map(|&a| Participant { id: ACTORS[a].0.into(), role: None })
                    .collect(),
                tags: tags.iter().map(|&t| TAGS[t].to_string()).collect(),
                sources: Vec::new(),
                related: (1..3)
                    .filter(|k| seed % (k + 2) == 0)
                    .map(|k| (seed / (k * 7)) % n)
                    .filter(|&j| j != i)
                    .map(|j| format!("e{j}"))
                    .collect(),
                ..Event::new(
                    format!("e{i}"),
                    date,
                    words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" "),
                )
            })
            .collect();
        for e in &mut events {
            e.related.dedup();
        }
        events.sort_by_key(|e| e.date);
        Timeline {
            countries: CODES
                .iter()
                .zip(NAMES)
                .map(|(c, n)| Country {
                    code: c.to_string(),
                    name: n.to_string(),
                    aliases: Vec::new(),
                    capital: None,
                    location: None,
                })
                .collect(),
            actors: ACTORS
                .iter()
                .map(|(id, name)| Actor {
                    id: id.to_string(),
                    name: name.to_string(),
                    aliases: Vec::new(),
                    kind: ActorKind::Person,
                    country: None,
                    role: None,
                })
                .collect(),
            eras: vec![
                Era {
                    id: "early".into(),
                    title: "Early".into(),
                    start: PartialDate::year(1990),
                    end: Some(PartialDate::year(1994)),
                },
                Era {
                    id: "late".into(),
                    title: "Late".into(),
                    start: PartialDate::year(1994),
                    end: None,
                },
            ],
            events,
            ..Timeline::default()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_evaluator_agrees_with_a_direct_filter(
        (tl, ex) in timeline().prop_flat_map(|tl| { let n = tl.events.len(); (Just(tl), expr(n)) }),
        (flag_all, expr_all) in (any::<bool>(), any::<bool>()),
        flag_countries in proptest::sample::subsequence(CODES.to_vec(), 0..=2),
        flag_actor in proptest::option::of(0..ACTORS.len()),
    ) {
        // `--match all` and `match:all` each make every country list all-of.
        let match_all = flag_all || expr_all;
        // `match:` stands at the top, outside the `or`s.
        let rendered = render(&ex, &tl);
        let text = if expr_all { format!("({rendered}) match:all") } else { rendered };
        let q = Query::new(tl.clone());
        let parsed = match q.parse_where(&text) {
            Ok(parsed) => parsed,
            // A tag no event has is unknown to the timeline, and refused.
            Err(e) if e.message.starts_with("no tag") => {
                let tag = text[e.span.clone()].to_lowercase();
                prop_assert!(tl.events.iter().all(|ev| !ev.tags.contains(&tag)), "{}", e);
                return Ok(());
            }
            // A `from:` after a `to:` beside it is refused.
            Err(e) if e.message.ends_with("the range is the wrong way round") => {
                let dates: Vec<PartialDate> = e
                    .message
                    .split('`')
                    .filter_map(|t| PartialDate::parse(t.split_once(':')?.1).ok())
                    .collect();
                prop_assert!(
                    matches!(dates.as_slice(), [a, b] if a.earliest() > b.latest()),
                    "{}",
                    e
                );
                return Ok(());
            }
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        };
        let filter = Filter {
            countries: flag_countries.iter().map(|c| c.to_string()).collect(),
            match_all: flag_all,
            actors: flag_actor.map(|a| vec![ACTORS[a].0.to_string()]).unwrap_or_default(),
            expr: Some(parsed),
            ..Filter::default()
        };
        let out = q.outcome(&filter, None);

        let flags = |e: &Event, countries: &[&str]| {
            let has = |c: &&str| e.countries.iter().any(|x| x == c);
            countries.is_empty()
                || if match_all { countries.iter().all(has) } else { countries.iter().any(has) }
        };
        let actor_ok = |e: &Event| flag_actor.is_none_or(|a| e.actors.iter().any(|p| p.id == ACTORS[a].0));
        let where_ok = |e: &Event| direct(&ex, &tl, e, match_all);
        let want: Vec<usize> = (0..tl.events.len())
            .filter(|&i| {
                let e = &tl.events[i];
                where_ok(e) && flags(e, &flag_countries) && actor_ok(e)
            })
            .collect();
        prop_assert_eq!(&out.shown, &want, "{}", text);

        for (k, code) in CODES.iter().enumerate() {
            let count = tl.events.iter().filter(|e| {
                if !(where_ok(e) && actor_ok(e) && e.countries.iter().any(|c| c == code)) {
                    return false;
                }
                if match_all && !flag_countries.is_empty() {
                    flags(e, &flag_countries)
                } else {
                    true
                }
            }).count();
            prop_assert_eq!(out.country_counts[k], count, "{} {}", code, text);
        }
        for (k, (id, _)) in ACTORS.iter().enumerate() {
            let count = tl.events.iter().filter(|e| {
                where_ok(e) && flags(e, &flag_countries) && e.actors.iter().any(|a| a.id == *id)
            }).count();
            prop_assert_eq!(out.actor_counts[k], count, "{} {}", id, text);
        }
    }

    #[test]
    fn a_narrowed_search_equals_a_fresh_one(
        tl in timeline(),
        needle in proptest::sample::select(NEEDLES.to_vec()),
        cut in 0usize..6,
    ) {
        let q = Query::new(tl.clone());
        let never = || false;
        let chars: Vec<char> = needle.chars().collect();
        let prefix: String = chars[..cut.min(chars.len())].iter().collect();
        let before = q.search(&prefix, None, &never).expect("runs");
        let narrowed = q.search(needle, Some(&before), &never).expect("runs");
        let fresh = q.search(needle, None, &never).expect("runs");
        prop_assert_eq!(&narrowed, &fresh);
        let want: Vec<usize> =
            (0..tl.events.len()).filter(|&i| has_text(&tl, &tl.events[i], needle)).collect();
        prop_assert_eq!(fresh.events().collect::<Vec<_>>(), want);
    }

    #[test]
    fn parsing_never_panics_and_errors_point_inside_the_text(text in "[a-z:,()\" ]{0,30}") {
        if let Err(e) = parse(&text) {
            prop_assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "{:?}", e);
            prop_assert!(text.is_char_boundary(e.span.start));
            prop_assert!(!e.expected.is_empty());
        }
    }
}
