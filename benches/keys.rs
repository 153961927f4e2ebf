//! How fast the explorer answers keys on a big timeline: `cargo bench --bench
//! keys`. In-process, on ratatui's `TestBackend`: each figure is a key's
//! `update` and the frame drawn after it; filters and searches on a big
//! timeline run in the filter worker, timed separately. Figures go in
//! BENCHMARKS.md. Timings, not assertions: this is a report.

// The allocator the steppe binary uses, so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use steppe::load::Report;
use steppe::query::{Filter, Query};
use steppe::tui::filtering;
use steppe::tui::state::{BACKGROUND_FROM, Prepared, Startup};
use steppe::tui::theme::Theme;
use steppe::tui::view;
use steppe::tui::{Action, App, Effect, Msg};

#[path = "support/model.rs"]
mod model;
#[path = "support/timing.rs"]
mod timing;

use timing::{once, time};

/// A key as the loop takes it: keymap, update, and the frame after it.
fn key(app: &mut App, terminal: &mut Terminal<TestBackend>, code: KeyCode) -> Vec<Effect> {
    let effects = app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    terminal.draw(|f| view::render(app, &Theme::dark(), f)).expect("draw");
    effects
}

/// A load asked for and done with `data`: the first opens the explorer,
/// later ones replace what it shows.
fn load(app: &mut App, data: Prepared) {
    let generation = match app.update(Msg::Load).as_slice() {
        [Effect::Load { generation }] => *generation,
        other => panic!("{other:?}"),
    };
    let result: Result<Prepared, Report> = Ok(data);
    app.update(Msg::Loaded { generation, result: Box::new(result) });
}

fn run(n: usize) {
    println!("\n== {n} events, 120×40 ==");
    let timeline = model::synthetic(n);
    let data = once("prepare: indexes and spans (loader thread)", || {
        Prepared::new(Query::new(timeline.clone()), Default::default())
    });
    let mut app = App::loading(Startup::default(), 120, 40).with_background_from(BACKGROUND_FROM);
    let copy = data.clone();
    once("open: first filter, rows and counts", || load(&mut app, copy));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    time("draw a frame", || terminal.draw(|f| view::render(&app, &Theme::dark(), f)).map(|_| ()));
    time("key: ↓ (move down)", || key(&mut app, &mut terminal, KeyCode::Down));
    time("key: PgDn", || key(&mut app, &mut terminal, KeyCode::PageDown));
    time("key: End, then Home", || {
        key(&mut app, &mut terminal, KeyCode::End);
        key(&mut app, &mut terminal, KeyCode::Home)
    });
    time("key: y 1991 Enter (jump to a year)", || {
        for c in ['y', '1', '9', '9', '1'] {
            key(&mut app, &mut terminal, KeyCode::Char(c));
        }
        key(&mut app, &mut terminal, KeyCode::Enter)
    });
    time("key: Enter, Esc (open the event full-screen, back)", || {
        key(&mut app, &mut terminal, KeyCode::Enter);
        key(&mut app, &mut terminal, KeyCode::Esc)
    });
    time("key: p, Esc (slides of every event, back)", || {
        key(&mut app, &mut terminal, KeyCode::Char('p'));
        key(&mut app, &mut terminal, KeyCode::Esc)
    });
    app.update(Action::NextPane);
    time("key: toggle a country (sends the filter off)", || {
        key(&mut app, &mut terminal, KeyCode::Enter)
    });
    let query = Arc::new(data.query.clone());
    let kz = Filter { countries: vec!["KZ".into()], ..Filter::default() };
    time("worker: a country's events, counts, rows", || filtering::compute(&query, &kz, 1, None));
    app.update(Action::ClearFilters);
    let shown = filtering::compute(&query, &app.filter().clone(), u64::MAX, None);
    app.update(Msg::Filtered(Box::new(shown)));
    app.update(Action::StartSearch);
    time("key: a search letter (sends the search off)", || {
        let effects = key(&mut app, &mut terminal, KeyCode::Char('d'));
        key(&mut app, &mut terminal, KeyCode::Backspace);
        effects
    });
    let never = || false;
    let du = query.search("dushanbe 4", None, &never).expect("not cancelled");
    let wider = Filter { search: "dushanbe 42".into(), ..Filter::default() };
    time("worker: search keystroke `dushanbe 4` → `…42`", || {
        let hits = query.search(&wider.search, Some(&du), &never);
        filtering::compute(&query, &wider, 1, hits.as_ref())
    });
    let d = Filter { search: "d".into(), ..Filter::default() };
    time("worker: search keystroke, first letter `d`", || {
        let hits = query.search("d", None, &never);
        filtering::compute(&query, &d, 1, hits.as_ref())
    });
    app.update(Action::Back);
    let copy = data.clone();
    once("reload: the same data again, applied", || load(&mut app, copy));
}

fn main() {
    // `KEYS_BENCH_SIZES=100000` picks the sizes.
    let sizes: Vec<usize> = match std::env::var("KEYS_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![100_000, 1_000_000],
    };
    for n in sizes {
        run(n);
    }
}
