//! How fast the importers load the same events as the YAML reader, against
//! the floor (the typed serde_yaml parse of the YAML, no checks, no
//! positions): `cargo bench --bench import`; IMPORT_BENCH_SIZES picks the
//! sizes (default 100000: a million events holds every text and its loads at
//! once, over 14 GB at its peak). In-process, each text already in memory;
//! the CSV is `list --format csv`'s and the TimelineJS file `export --format
//! timelinejs`'s of the YAML's events, and both are minified onto as few
//! lines as they have (the TimelineJS file on one line), the case whose
//! positions were once quadratic. Figures go in BENCHMARKS.md. Timings,
//! not assertions: this is a report.

// The allocator the steppe binary uses, so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use steppe::load;
use steppe::query::Query;

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/floor.rs"]
mod floor;
use floor::File;

#[path = "support/timing.rs"]
mod timing;
use timing::median;

fn main() {
    let sizes = std::env::var("IMPORT_BENCH_SIZES").unwrap_or_else(|_| "100000".into());
    for n in sizes.split(',').filter_map(|s| s.trim().parse::<usize>().ok()) {
        let yaml = synthetic::timeline(n, true);
        let loaded = load::load_texts(vec![("events.yaml".into(), Ok(yaml.clone()))]);
        assert!(loaded.is_ok(), "{}", loaded.report.render());
        let query = Query::new(loaded.timeline);
        let all: Vec<usize> = (0..query.timeline().events.len()).collect();
        let mut csv = Vec::new();
        steppe::export::write_events(&mut csv, steppe::export::Format::Csv, &query, &all, None)
            .expect("csv");
        let csv = String::from_utf8(csv).expect("utf-8");
        let mut tjs = Vec::new();
        steppe::export::timelinejs::write(&mut tjs, query.timeline(), &all).expect("timelinejs");
        let tjs: serde_json::Value = serde_json::from_slice(&tjs).expect("json");
        let tjs = tjs.to_string();
        drop(query);
        let runs = if n >= 1_000_000 { 3 } else { 5 };
        let load = |name: &str, text: &str| {
            median(runs, || {
                let loaded = load::load_texts(vec![(name.to_string(), Ok(text.to_string()))]);
                assert!(loaded.is_ok(), "{name}: {}", loaded.report.render());
                black_box(loaded);
            })
        };
        let floor = median(runs, || {
            black_box(serde_yaml::from_str::<File>(&yaml).expect("floor"));
        });
        let steppe_yaml = load("events.yaml", &yaml);
        let steppe_csv = load("events.csv", &csv);
        let steppe_tjs = load("events.json", &tjs);
        let mb = |s: &str| s.len() as f64 / 1e6;
        let row = |what: &str, size: f64, d: Duration| {
            println!(
                "{n:>9} events  {what:<34} {size:>7.1} MB  {:>8.3} s  {:>5.2}x floor  {:>5.2}x YAML",
                d.as_secs_f64(),
                d.as_secs_f64() / floor.as_secs_f64(),
                d.as_secs_f64() / steppe_yaml.as_secs_f64(),
            );
        };
        row("floor (typed serde_yaml parse)", mb(&yaml), floor);
        row("steppe, YAML", mb(&yaml), steppe_yaml);
        row("steppe, steppe CSV", mb(&csv), steppe_csv);
        row("steppe, TimelineJS (one line)", mb(&tjs), steppe_tjs);
    }
}
