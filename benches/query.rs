//! How long the query layer takes at 100,000 and 1,000,000 events:
//! `cargo bench --bench query`. Figures go in BENCHMARKS.md. Timings, not
//! assertions: this is a report.
//!
//! The timelines are built in memory (the loader has its own benchmark), with
//! 12 countries, 60 actors, 6 tags and 6 eras, and some accented text.

// The allocator the steppe binary uses, so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use steppe::model::PartialDate;
use steppe::query::{Filter, Query, parse};
use steppe::tui::action::Action;
use steppe::tui::state::App;

#[path = "support/model.rs"]
mod model;
#[path = "support/timing.rs"]
mod timing;

use model::synthetic;
use timing::time;

/// The processor time this process has used, in ms (Linux): unlike the
/// wall clock, it does not grow when other programs share the cores.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1.split_whitespace().collect::<Vec<_>>();
            let ticks: f64 =
                after.get(11)?.parse::<f64>().ok()? + after.get(12)?.parse::<f64>().ok()?;
            Some(ticks * 10.0)
        })
        .unwrap_or(0.0)
}

/// The resident memory of this process, in MiB (Linux).
fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn run(n: usize) {
    println!("\n== {n} events ==");
    let timeline = synthetic(n);
    let copy = timeline.clone();
    let before = rss_mib();
    let (t, cpu) = (Instant::now(), cpu_ms());
    let query = Query::new(copy);
    // As the explorer's loader does: the folded text is otherwise made on the first search.
    query.prepare_search();
    println!(
        "{:<58} {:>9.2} ms  (once; {:.0} ms of CPU; index memory ≈ {:.0} MiB)",
        "index: build (postings, links, ids, folded text)",
        t.elapsed().as_secs_f64() * 1000.0,
        cpu_ms() - cpu,
        rss_mib() - before
    );
    drop(timeline);
    let events = &query.timeline().events;

    // The floor: one plain pass over the events, reading one field each.
    time("floor: one pass over all events (count by year)", || {
        events.iter().filter(|e| e.date.year >= 2000).count()
    });
    time("floor: naive search, lower-case each title+summary", || {
        events
            .iter()
            .filter(|e| {
                e.title.to_lowercase().contains("dushanbe 4")
                    || e.summary.to_lowercase().contains("dushanbe 4")
            })
            .count()
    });

    let kz = Filter { countries: vec!["KZ".into()], ..Filter::default() };
    let busy = Filter {
        countries: vec!["KZ".into(), "CN".into()],
        match_all: true,
        tags: vec!["summit".into(), "treaty".into()],
        from: PartialDate::parse("1900").ok(),
        ..Filter::default()
    };
    let expr = query
        .check(&Filter {
            expr: parse("(tag:summit or tag:treaty) and from:2013 and not actor:actor-3 or related:event-99")
                .ok(),
            ..Filter::default()
        })
        .expect("a valid expression");
    time("filter + facet counts: no filter", || query.outcome(&Filter::default(), None));
    time("filter + facet counts: one country", || query.outcome(&kz, None));
    time("filter + facet counts: 2 countries (all), 2 tags, a date", || query.outcome(&busy, None));
    time("filter + facet counts: --where with or/not/related", || query.outcome(&expr, None));
    time("filter only: one country (positions of the events)", || query.matches(&kz));

    let never = || false;
    let stop = AtomicBool::new(false);
    let cancel = || stop.load(Ordering::Relaxed);
    time("search: first letter `d`, every event scanned", || query.search("d", None, &never));
    time("search: a rare word, every event scanned", || query.search("erdogan", None, &cancel));
    time("search: a word nowhere, every event scanned", || query.search("kabul", None, &cancel));
    let dush = query.search("dushanbe 4", None, &never).expect("runs");
    time("search: keystroke `dushanbe 4` → `dushanbe 42`, narrowed", || {
        query.search("dushanbe 42", Some(&dush), &cancel)
    });
    let filter = Filter { search: "dushanbe 42".into(), ..Filter::default() };
    time("search keystroke, whole: narrowed search + filter + facets", || {
        let hits = query.search("dushanbe 42", Some(&dush), &cancel).expect("runs");
        query.outcome(&filter, Some(&hits))
    });
    let d = query.search("d", None, &never).expect("runs");
    let filter = Filter { search: "du".into(), ..Filter::default() };
    time("search keystroke, whole: `d` → `du` (wide) + filter + facets", || {
        let hits = query.search("du", Some(&d), &cancel).expect("runs");
        query.outcome(&filter, Some(&hits))
    });
    time("search cancelled at once (a stale keystroke)", || {
        stop.store(true, Ordering::Relaxed);
        let r = query.search("kabul", None, &cancel);
        stop.store(false, Ordering::Relaxed);
        r
    });
    let all: Vec<usize> = (0..events.len()).collect();
    time("stats: decades, countries, actors, tags of every event", || query.stats(&all));
    time("id lookup: event by id", || query.event_index("event-4242"));

    // The whole key press in the explorer, query and the explorer's own work
    // on the result (rows with era headings, events per year).
    let mut app = App::new(query, Filter::default(), 120, 40);
    time("explorer: toggle the `all of` match mode (update → refilter)", || {
        app.update(Action::ToggleMatch)
    });
}

fn main() {
    let sizes: Vec<usize> = match std::env::var("QUERY_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![100_000, 1_000_000],
    };
    for n in sizes {
        run(n);
    }
}
