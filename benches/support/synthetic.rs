//! Synthetic timelines for benchmarks: the same shape at any size.

use std::fmt::Write as _;

pub const CODES: [&str; 12] =
    ["KZ", "KG", "TJ", "TM", "UZ", "RU", "CN", "US", "EU", "DE", "TR", "GB"];
const TAGS: [&str; 6] = ["summit", "treaty", "war", "economic", "energy", "security"];

/// The countries, actors and eras every synthetic file shares.
pub fn header() -> String {
    let mut y = String::from("title: Synthetic\ncountries:\n");
    for c in CODES {
        let _ = writeln!(y, "  - {{code: {c}, name: Country {c}}}");
    }
    y.push_str("actors:\n");
    for a in 0..60 {
        let _ = writeln!(y, "  - {{id: actor-{a}, name: Actor Number {a}, role: Role {a}}}");
    }
    y.push_str("eras:\n");
    for e in 0..6 {
        let _ = writeln!(y, "  - {{id: era-{e}, title: Era {e}, start: {}}}", 1800 + e * 40);
    }
    y
}

/// Events `from..to` spread over 1800–2025. Without `sources`, each one
/// draws a warning; `long` makes the summaries about twice as long.
pub fn events(from: usize, to: usize, sources: bool, long: bool) -> String {
    let mut y = String::from("events:\n");
    for i in from..to {
        let year = 1800 + (i * 7919) % 226;
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let _ = write!(
            y,
            "  - id: event-{i}\n    date: {year}-{month:02}-{day:02}\n    title: Event {i} about {} and {}\n    summary: A summary of event {i}, long enough to search through, mentioning Dushanbe {}.",
            CODES[i % 12],
            CODES[(i / 12) % 12],
            i % 97,
        );
        if long {
            y.push_str(" The delegations met for two days and signed a joint statement on trade, transport, energy and water.");
        }
        let _ = writeln!(
            y,
            "\n    countries: [{}, {}]\n    actors: [actor-{}, actor-{}]\n    tags: [{}]",
            CODES[i % 12],
            CODES[(i * 5 + 1) % 12],
            i % 60,
            (i * 7 + 3) % 60,
            TAGS[i % 6],
        );
        if sources {
            let _ = writeln!(y, "    sources: [https://example.org/{i}]");
        }
    }
    y
}

/// One file of `n` events with their countries, actors and eras.
#[allow(dead_code)] // Not every user of this module needs it.
pub fn timeline(n: usize, sources: bool) -> String {
    header() + &events(0, n, sources, false)
}
