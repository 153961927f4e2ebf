//! How long the explorer takes on a large timeline: `cargo bench`.
//! Figures go in BENCHMARKS.md. Timings, not assertions: this is a report.

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

#[path = "support/synthetic.rs"]
mod synthetic;
#[path = "support/timing.rs"]
mod timing;

use timing::time;

fn main() {
    let n = 10_000;
    let text = synthetic::timeline(n, true);
    println!("synthetic timeline: {n} events, {:.1} MiB of YAML\n", text.len() as f64 / 1048576.0);
    time("load: serde_yaml alone", || serde_yaml::from_str::<serde_yaml::Value>(&text).is_ok());
    time("load: YAML span tree (one pass, positions included)", || {
        load::yaml::parse(&text).complete
    });
    time("load: parse, check and merge the YAML", || {
        load::load_texts(vec![("synthetic.yaml".into(), Ok(text.clone()))])
    });
    let loaded = load::load_texts(vec![("synthetic.yaml".into(), Ok(text.clone()))]);
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let timeline = loaded.timeline;
    time("query: build the indexes", || Query::new(timeline.clone()));
    let query = Query::new(timeline);
    let kz = Filter { countries: vec!["KZ".into()], ..Filter::default() };
    let busy = Filter {
        countries: vec!["KZ".into(), "CN".into()],
        match_all: true,
        tags: vec!["summit".into(), "treaty".into()],
        search: "dushanbe 4".into(),
        ..Filter::default()
    };
    time("query: matches, no filter", || query.matches(&Filter::default()));
    time("query: matches, one country", || query.matches(&kz));
    time("query: matches, countries (all) + tags + search", || query.matches(&busy));
    time("query: facet counts, countries and actors", || {
        (query.country_counts(&kz), query.actor_counts(&kz))
    });

    let mut app = App::new(query, Filter::default(), 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    let theme = Theme::dark();
    time("explorer: refilter (matches, facets, rows, strip)", || {
        app.update(Msg::SetFilter(Filter::default()))
    });
    time("explorer: render one 120x40 frame", || {
        terminal.draw(|f| view::render(&app, &theme, f)).is_ok()
    });
    time("explorer: key press → update → render (move down)", || {
        app.update(Action::Down);
        terminal.draw(|f| view::render(&app, &theme, f)).is_ok()
    });
    time("explorer: type a search letter → update → render", || {
        app.update(Action::StartSearch);
        app.update(Action::Input('4'));
        let drawn = terminal.draw(|f| view::render(&app, &theme, f)).is_ok();
        app.update(Action::Back);
        drawn
    });
}
