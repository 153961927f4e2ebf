//! `export --format csl`: the sources of the shown events as CSL-JSON, the
//! format Zotero, Mendeley, Pandoc and every citation manager import. Each
//! source once, however many events cite it: a book (or an archive, or any
//! source without an address) with its authors, publisher, year and pages;
//! a web page with its title and date (a GDELT report's is the day GDELT
//! found it). A date is only ever the source's own: a page about 1865 was
//! not written then.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serializer;
use serde_json::{Map, Value, json};

use crate::model::{Event, Source, Timeline};

/// How many of the events citing a source its note names.
const NAMED: usize = 5;

/// The CSL-JSON of the sources of the events at `shown`, in the order first
/// cited, each item made as it is written.
pub fn write(out: &mut dyn Write, tl: &Timeline, shown: &[usize]) -> io::Result<()> {
    // Each source with the first events citing it, and how many do.
    let mut sources: Vec<(&Source, Vec<&Event>, usize)> = Vec::new();
    let mut known: HashMap<&Source, usize> = HashMap::new();
    for e in shown.iter().filter_map(|&i| tl.events.get(i)) {
        for s in &e.sources {
            let n = *known.entry(s).or_insert_with(|| {
                sources.push((s, Vec::new(), 0));
                sources.len() - 1
            });
            let (_, named, count) = &mut sources[n];
            if named.len() < NAMED {
                named.push(e);
            }
            *count += 1;
        }
    }
    let items =
        sources.iter().enumerate().map(|(n, (s, named, count))| item(n + 1, s, named, *count));
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    ser.collect_seq(items)?;
    writeln!(out)
}

fn item(n: usize, s: &Source, named: &[&Event], count: usize) -> Value {
    let web = s.url.is_some() && s.publisher.is_none();
    let mut m = Map::new();
    m.insert("id".into(), json!(format!("steppe-{n}")));
    m.insert("type".into(), json!(if web { "webpage" } else { "book" }));
    m.insert("title".into(), json!(s.title));
    if let Some(url) = &s.url {
        m.insert("URL".into(), json!(url));
    }
    if let Some(author) = &s.author {
        m.insert("author".into(), Value::Array(names(author)));
    }
    if let Some(publisher) = &s.publisher {
        m.insert("publisher".into(), json!(publisher));
    }
    if let Some(page) = &s.page {
        m.insert("page".into(), json!(page.replace('–', "-")));
    }
    if let Some(year) = &s.year {
        m.insert("issued".into(), issued(year));
    }
    let cited: Vec<String> =
        named.iter().map(|e| format!("{} ({})", e.title, e.date_label())).collect();
    let more = count.saturating_sub(named.len());
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    m.insert("note".into(), json!(format!("Cited in steppe for: {}{more}", cited.join("; "))));
    Value::Object(m)
}

/// Authors as CSL names: `Hopkirk, Peter` or `Peter Hopkirk` as family and
/// given names; several separated by `;` or ` and `; one word as it is.
fn names(text: &str) -> Vec<Value> {
    text.split(';')
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|name| {
            if let Some((family, given)) = name.split_once(',') {
                json!({"family": family.trim(), "given": given.trim()})
            } else if let Some((given, family)) = name.rsplit_once(' ') {
                json!({"family": family.trim(), "given": given.trim()})
            } else {
                json!({"literal": name})
            }
        })
        .collect()
}

/// A source's date as written: `1990`, `2024-07-03`, or a range
/// `1873–1875`, as date parts; other text as a literal date.
fn issued(text: &str) -> Value {
    let date = |t: &str| -> Option<Vec<i64>> {
        let parts: Option<Vec<i64>> = t.trim().split('-').map(|p| p.parse::<i64>().ok()).collect();
        parts.filter(|p| (1..=3).contains(&p.len()))
    };
    if let Some(one) = date(text) {
        return json!({"date-parts": [one]});
    }
    match text.split(['–', '/']).map(date).collect::<Option<Vec<_>>>().as_deref() {
        Some([a, b]) => json!({"date-parts": [a, b]}),
        _ => json!({"literal": text}),
    }
}
