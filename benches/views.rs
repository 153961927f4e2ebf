//! The map and the time axis at 100,000 and 1,000,000 events: a frame, and
//! a key press through update and render, against the panes view and the
//! floor of one pass over the shown events. `cargo bench --bench views`;
//! figures in BENCHMARKS.md. Timings, not assertions: this is a report.

// The allocator the steppe binary uses, so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use steppe::load;
use steppe::query::{Filter, Query};
use steppe::tui::theme::Theme;
use steppe::tui::view;
use steppe::tui::{Action, App, Msg};

#[path = "support/model.rs"]
mod model;
#[path = "support/timing.rs"]
mod timing;

use timing::time;

fn main() {
    map_at_200x60();
    // `cargo bench --bench views -- map`: the 200×60 map alone.
    if std::env::args().any(|a| a == "map") {
        return;
    }
    for n in [100_000, 1_000_000] {
        views(n);
    }
}

/// The bundled timeline's map at 200×60: the borders of every country in the
/// frame, the event's countries hatched (the Soviet Union: fifteen of them).
fn map_at_200x60() {
    let query = Query::new(load::load_bundled().timeline);
    let (width, height) = (200, 60);
    let mut app = App::new(query, Filter::default(), width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let theme = Theme::dark();
    let mut frame = |app: &App| terminal.draw(|f| view::render(app, &theme, f)).is_ok();
    app.update(Action::ShowMap);
    println!("bundled timeline, map at 200x60\n");
    time("map 200x60: one frame, the region, the first event", || frame(&app));
    app.update(Msg::Select("ussr-dissolved".to_string()));
    time("map 200x60: one frame, the Soviet Union's dissolution", || frame(&app));
    app.update(Action::ZoomIn);
    app.update(Action::ZoomIn);
    time("map 200x60: one frame, zoomed in twice", || frame(&app));
    app.update(Action::ZoomFit);
    app.update(Action::ZoomOut);
    app.update(Action::ZoomOut);
    app.update(Action::ZoomOut);
    time("map 200x60: one frame, zoomed out three times", || frame(&app));
    println!();
}

fn views(n: usize) {
    let mut timeline = model::synthetic(n);
    // The bundled timeline's capitals, so that the map has something to place.
    let bundled = load::load_bundled().timeline;
    for c in &mut timeline.countries {
        if let Some(b) = bundled.country(&c.code) {
            c.location = b.location;
            c.capital.clone_from(&b.capital);
        }
    }
    println!(
        "synthetic timeline: {n} events, {} countries with capitals\n",
        timeline.countries.len()
    );
    let query = Query::new(timeline);
    let (width, height) = (120, 40);
    // New apps filter in the loop: no worker here.
    let mut app = App::new(query, Filter::default(), width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let theme = Theme::dark();
    let mut frame = |app: &App| terminal.draw(|f| view::render(app, &theme, f)).is_ok();

    time("floor: one pass over the shown events, reading the date", || {
        let tl = app.timeline();
        app.shown().iter().map(|&i| tl.events[i].date.year as i64).sum::<i64>()
    });
    time("panes: render one 120x40 frame", || frame(&app));

    app.update(Action::ShowMap);
    time("map: render one 120x40 frame", || frame(&app));
    time("map: key → update → render (capital to the east)", || {
        app.update(Action::Right);
        frame(&app)
    });
    time("map: key → update → render (toggle a country, refilter)", || {
        app.update(Action::Activate);
        frame(&app)
    });
    time("map: key → update → render (zoom in, then out)", || {
        app.update(Action::ZoomIn);
        app.update(Action::ZoomOut);
        frame(&app)
    });
    app.update(Action::ClearFilters);
    app.update(Action::ShowMap);

    app.update(Action::ShowAxis);
    app.update(Action::End);
    time("axis: render one frame, two centuries across (every event)", || frame(&app));
    time("axis: lay out only, two centuries across", || {
        steppe::tui::layout::axis::lay_out(&app.axis_scene(), 118, 34)
    });
    time("axis: extent of every shown event", || {
        let tl = app.timeline();
        app.shown().iter().map(|&i| steppe::tui::layout::axis::extent(tl, i).0).sum::<f64>()
    });
    time("axis: key → update → render (next event)", || {
        app.update(Action::PrevEvent);
        frame(&app)
    });
    app.update(Action::ZoomIn);
    app.update(Action::ZoomIn);
    app.update(Action::ZoomIn);
    time("axis: render one frame, ten years across", || frame(&app));
    for _ in 0..10 {
        app.update(Action::ZoomIn);
    }
    time("axis: render one frame, a month across", || frame(&app));
    time("axis: key → update → render (zoom out, then in)", || {
        app.update(Action::ZoomOut);
        app.update(Action::ZoomIn);
        frame(&app)
    });
    time("axis: key → update → render (pan on, then back)", || {
        app.update(Action::PanRight);
        app.update(Action::PanLeft);
        frame(&app)
    });

    // Lanes by country: a lane per country, each counted per period.
    app.update(Action::ZoomFit);
    app.update(Action::CycleLanes);
    assert!(app.axis_lanes(118, 34).is_some_and(|l| l.total == 12), "lanes by country");
    time("lanes by country: render one frame, two centuries across", || frame(&app));
    time("lanes by country: lay out only", || app.axis_lanes(118, 34));
    for _ in 0..4 {
        app.update(Action::ZoomIn);
    }
    time("lanes by country: render one frame, ten years across", || frame(&app));
    time("lanes by country: key → update → render (next event)", || {
        app.update(Action::NextEvent);
        frame(&app)
    });
    time("lanes by country: key → update → render (next lane)", || {
        app.update(Action::Down);
        frame(&app)
    });
}
