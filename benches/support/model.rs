//! A synthetic timeline built in memory (no YAML), for the query and
//! explorer benchmarks: 12 countries, 60 actors, 6 tags and 6 eras, and some
//! accented text.

use steppe::model::{Actor, ActorKind, Country, Era, Event, PartialDate, Participant, Timeline};

const CODES: [&str; 12] = ["KZ", "KG", "TJ", "TM", "UZ", "RU", "CN", "US", "EU", "DE", "TR", "GB"];
const TAGS: [&str; 6] = ["summit", "treaty", "war", "economic", "energy", "security"];

pub fn synthetic(n: usize) -> Timeline {
    let date = |i: usize| {
        let year = 1800 + (i * 7919) % 226;
        PartialDate::from_parts(
            year as i32,
            Some(1 + (i % 12) as u32),
            Some(1 + (i % 28) as u32),
            false,
        )
        .expect("a real date")
    };
    let mut events: Vec<Event> = (0..n)
        .map(|i| Event {
            end: (i % 10 == 0).then(|| PartialDate::year(date(i).year + 2)),
            summary: format!(
                "A summary of event {i}, long enough to search through, mentioning Dushanbe {}{}.",
                i % 97,
                if i % 50 == 0 { " and President Erdoğan of Türkiye" } else { "" }
            ),
            countries: vec![CODES[i % 12].into(), CODES[(i * 5 + 1) % 12].into()],
            actors: vec![
                Participant { id: format!("actor-{}", i % 60), role: None },
                Participant { id: format!("actor-{}", (i * 7 + 3) % 60), role: None },
            ],
            tags: vec![TAGS[i % 6].into()],
            sources: Vec::new(),
            related: if i > 0 && i % 3 == 0 {
                vec![format!("event-{}", i - 1)]
            } else {
                Vec::new()
            },
            ..Event::new(
                format!("event-{i}"),
                date(i),
                format!("Event {i} about {} and {}", CODES[i % 12], CODES[(i / 12) % 12]),
            )
        })
        .collect();
    events.sort_by_key(|e| e.date);
    Timeline {
        title: Some("Synthetic".into()),
        countries: CODES
            .iter()
            .map(|c| Country {
                code: c.to_string(),
                name: format!("Country {c}"),
                aliases: Vec::new(),
                capital: None,
                location: None,
            })
            .collect(),
        actors: (0..60)
            .map(|a| Actor {
                id: format!("actor-{a}"),
                name: format!("Actor Number {a}"),
                aliases: Vec::new(),
                kind: ActorKind::Person,
                country: None,
                role: None,
            })
            .collect(),
        eras: (0..6)
            .map(|e| Era {
                id: format!("era-{e}"),
                title: format!("Era {e}"),
                start: PartialDate::year(1800 + e * 40),
                end: None,
            })
            .collect(),
        events,
        ..Timeline::default()
    }
}
