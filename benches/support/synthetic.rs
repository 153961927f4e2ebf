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

/// GDELT 2.0 export rows `from..to` (61 tab-separated columns, no header),
/// spread over 2015–2024: actors from 60 names in 12 countries, 12 CAMEO
/// codes, 8 places, a source address each.
#[allow(dead_code)] // Only the synth example writes GDELT rows.
pub fn gdelt_rows(from: usize, to: usize) -> String {
    const COUNTRIES: [&str; 12] =
        ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "CHN", "USA", "DEU", "TUR", "GBR", "IRN"];
    const CODES: [(&str, &str, &str, &str); 12] = [
        ("036", "036", "03", "1"),
        ("040", "040", "04", "1"),
        ("042", "042", "04", "1"),
        ("043", "043", "04", "1"),
        ("046", "046", "04", "1"),
        ("051", "051", "05", "1"),
        ("057", "057", "05", "1"),
        ("061", "061", "06", "2"),
        ("0874", "087", "08", "2"),
        ("112", "112", "11", "3"),
        ("1011", "101", "10", "3"),
        ("173", "173", "17", "4"),
    ];
    const PLACES: [(&str, &str, &str, &str); 8] = [
        ("Astana, Astana, Kazakhstan", "KZ", "51.1811", "71.4278"),
        ("Almaty, Almaty City, Kazakhstan", "KZ", "43.25", "76.95"),
        ("Bishkek, Bishkek, Kyrgyzstan", "KG", "42.87", "74.6"),
        ("Dushanbe, Dushanbe, Tajikistan", "TI", "38.56", "68.77"),
        ("Tashkent, Toshkent Shahri, Uzbekistan", "UZ", "41.3167", "69.25"),
        ("Ashgabat, Ahal, Turkmenistan", "TX", "37.95", "58.3833"),
        ("Moscow, Moskva, Russia", "RS", "55.7522", "37.6156"),
        ("Beijing, Beijing, China", "CH", "39.9289", "116.388"),
    ];
    let mut out = String::with_capacity((to - from) * 420);
    for i in from..to {
        let day = i % 3650;
        let (y, m, d) = (2015 + day / 365, 1 + (day % 365) / 31 % 12, 1 + day % 28);
        let date = format!("{y}{m:02}{d:02}");
        let (a1, a2) = (i % 60, (i * 7 + 13) % 60);
        let (c1, c2) = (COUNTRIES[a1 % 12], COUNTRIES[a2 % 12]);
        let (code, base, root, quad) = CODES[i % CODES.len()];
        let (place, geo_country, lat, lon) = PLACES[i % PLACES.len()];
        let mentions = 1 + i % 40;
        let goldstein = (i % 200) as f64 / 10.0 - 10.0;
        let _ = writeln!(
            out,
            "{id}\t{date}\t{ym}\t{y}\t{y}.{frac:04}\t{c1}GOV\tACTOR NUMBER {a1}\t{c1}\t\t\t\t\tGOV\t\t\t{c2}\tACTOR NUMBER {a2}\t{c2}\t\t\t\t\t\t\t\t1\t{code}\t{base}\t{root}\t{quad}\t{goldstein:.1}\t{mentions}\t{sources}\t{mentions}\t{tone:.2}\t4\t{place}\t{geo_country}\t{geo_country}01\t\t{lat}\t{lon}\t-1\t4\t{place}\t{geo_country}\t{geo_country}01\t\t{lat}\t{lon}\t-1\t4\t{place}\t{geo_country}\t{geo_country}01\t\t{lat}\t{lon}\t-1\t{date}120000\thttps://news.example.org/{y}/{m:02}/{d:02}/story-{i}",
            id = 1_000_000_000 + i,
            ym = &date[..6],
            frac = day % 365 * 27,
            sources = 1 + i % 7,
            tone = (i % 100) as f64 / 10.0 - 5.0,
        );
    }
    out
}
