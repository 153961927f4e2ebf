//! Loading and live reload: the explorer opens at once and takes the data
//! when it arrives, refuses a bad command line or bad files, and keeps what
//! the person was looking at — filters, selection, slides, tours, quizzes —
//! through saves, broken saves and files emptied and written again.

use ratatui::crossterm::event::KeyCode;

use crate::common;

#[allow(unused_imports)]
use common::*;
use steppe::load;
use steppe::query::{Filter, Query};
use steppe::tui::state::Screen;
use steppe::tui::theme::Theme;
use steppe::tui::{Action, App, Effect, Msg};

fn explorer(app: App) -> steppe::tui::Explorer<ratatui::backend::TestBackend> {
    let terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.width(), app.height()))
            .expect("terminal");
    steppe::tui::Explorer::new(app, terminal, Theme::dark())
}

fn reload_text(app: &mut App, text: &str) {
    let loaded = load_text(text);
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    reload(app, loaded);
}

fn slide_id(app: &App) -> Option<String> {
    match &app.screen() {
        Screen::Present(p) => p.event().map(|i| app.timeline().events[i].id.clone()),
        other => panic!("not presenting: {other:?}"),
    }
}

fn bundled_app(width: u16, height: u16) -> App {
    App::new(Query::new(load_text(&bundled_text()).timeline), Filter::default(), width, height)
}

#[test]
fn reload_keeps_selection_and_filters_and_a_broken_file_keeps_the_last_good_data() {
    let mini = || {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini.yaml"))
            .expect("fixture")
    };
    let load = |text: String| load::load_texts(vec![("mini.yaml".into(), Ok(text))]);
    let first = load(mini());
    let mut app = App::new(Query::new(first.timeline), Filter::default(), 120, 40);
    set_filter(&mut app, |f| {
        f.countries = vec!["KZ".into()];
    });
    select(&mut app, "late-summit");
    // An edit that adds an event before the selected one.
    let edited = mini().replace(
        "events:\n",
        "events:\n  - {id: added, date: 1995, title: Added, countries: [KZ], sources: [https://example.org/x]}\n",
    );
    reload(&mut app, load(edited.clone()));
    assert_eq!(app.banner(), None);
    assert_eq!(app.filter().countries, ["KZ"]);
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some("late-summit"));
    assert!(app.shown().iter().any(|&i| app.timeline().events[i].id == "added"));
    assert!(screen_text(&render(&app)).contains("reloaded: "));
    // A broken edit: the data stays, a banner says where the problem is.
    reload(&mut app, load(edited.replace("date: 1995", "date: 1995-13")));
    let banner = app.banner().map(str::to_string).expect("a banner");
    assert!(banner.contains("mini.yaml:") && banner.contains("1995-13"), "{banner}");
    assert!(app.shown().iter().any(|&i| app.timeline().events[i].id == "added"));
    let screen = screen_text(&render(&app));
    assert!(screen.contains("not reloaded"), "{screen}");
    assert!(!screen.contains("reloaded: "), "no stale news of the last good load:\n{screen}");
    // Fixed again: the banner goes. A country that disappeared leaves the filter.
    let without_kz = mini().replace("[KZ, RU]", "[RU]");
    reload(&mut app, load(without_kz.replace("  - code: KZ\n    name: Kazakhstan\n    capital: Astana\n    location: [51.17, 71.45]\n", "").replace("[CN, KZ, RU]", "[CN, RU]")));
    assert_eq!(app.banner(), None, "{:?}", app.banner());
    assert!(app.filter().countries.is_empty());
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some("late-summit"));
}

#[test]
fn slides_survive_the_file_emptied_then_written_and_their_event_removed() {
    let original = bundled_text();
    let mut app = bundled_app(100, 30);
    set_filter(&mut app, |f| {
        f.countries = vec!["KZ".into()];
    });
    select(&mut app, "xi-astana-silk-road-economic-belt");
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Right);
    let on = slide_id(&app).expect("a slide");
    // A slow save: the file is empty for a moment.
    reload_text(&mut app, "");
    assert_eq!(slide_id(&app), None);
    let text = screen_text(&render(&app));
    assert!(text.contains("No events to present"), "{text}");
    assert!(app.message().is_some_and(|m| m.contains("no slides are left")));
    press(&mut app, KeyCode::Right);
    render(&app);
    reload_text(&mut app, &original);
    assert_eq!(slide_id(&app).as_deref(), Some(on.as_str()), "back on the same slide");
    assert_eq!(app.filter().countries, ["KZ"], "the filter came back with the data");
    // The slide's own event removed: the nearest one, and the status line says so.
    let next = {
        let Screen::Present(p) = &app.screen() else { unreachable!() };
        app.timeline().events[p.slides[p.at + 1]].id.clone()
    };
    reload_text(&mut app, &without_event(&original, &on));
    assert_eq!(slide_id(&app), Some(next));
    assert!(app.message().is_some_and(|m| m.contains("showing the nearest")));
    render(&app);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), &Screen::Main);
}

#[test]
fn a_tour_survives_its_steps_and_itself_being_removed() {
    let original = bundled_text();
    let mut app = bundled_app(120, 40);
    start_tour(&mut app, 0);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('i'));
    let on = slide_id(&app).expect("a step");
    let note_of = |app: &App| {
        let Screen::Present(p) = &app.screen() else { panic!("not presenting") };
        let tour = app.timeline().tour(p.tour.as_deref().expect("a tour")).expect("the tour");
        p.step_index().and_then(|n| tour.steps.get(n).expect("a step").note().map(str::to_string))
    };
    let note = note_of(&app);
    // An event before it, and its step, removed: the same step, its own note.
    let earlier = app.timeline().tours[0].steps.first().expect("a step").event.to_string();
    reload_text(&mut app, &without_event(&original, &earlier));
    assert_eq!(slide_id(&app).as_deref(), Some(on.as_str()));
    assert_eq!(note_of(&app), note, "the note goes with its step");
    assert!(screen_text(&render(&app)).contains("Step 2 of 12"));
    // The step's own event removed: the nearest step.
    reload_text(&mut app, &without_event(&original, &on));
    assert_ne!(slide_id(&app).as_deref(), Some(on.as_str()));
    assert!(app.message().is_some_and(|m| m.contains("nearest")), "{:?}", app.message());
    render(&app);
    // The whole tour removed, then back.
    let cut = &original[..original.find("\ntours:").expect("tours")];
    reload_text(&mut app, cut);
    assert_eq!(slide_id(&app), None);
    assert!(screen_text(&render(&app)).contains("No steps of this tour"));
    reload_text(&mut app, &original);
    assert_eq!(slide_id(&app).as_deref(), Some(on.as_str()), "back on the step it was on");
    assert_eq!(note_of(&app), note);
}

#[test]
fn a_quiz_survives_reloads_that_remove_its_events() {
    let original = bundled_text();
    let mut app = bundled_app(100, 30);
    press(&mut app, KeyCode::Char('z'));
    let Screen::Quiz(q) = &app.screen() else { panic!("no quiz") };
    let questions = q.questions.clone();
    let ids = |app: &App, q: &steppe::teach::quiz::Question| -> Vec<String> {
        q.events().into_iter().map(|i| app.timeline().events[i].id.clone()).collect()
    };
    let first = ids(&app, &questions[0]);
    let third = ids(&app, &questions[2]);
    // Answer the first question, then its event and a later question's vanish.
    match questions[0] {
        steppe::teach::quiz::Question::When { .. } => {
            type_text(&mut app, "1991");
            press(&mut app, KeyCode::Enter);
        }
        _ => type_text(&mut app, "1"),
    }
    let mut edited = original.clone();
    for id in first.iter().chain(&third) {
        edited = without_event(&edited, id);
    }
    reload_text(&mut app, &edited);
    assert!(app.message().is_some_and(|m| m.contains("1 quiz question dropped")));
    let text = screen_text(&render(&app));
    assert!(text.contains("question 1 of 9"), "{text}");
    reload_text(&mut app, "");
    render(&app);
    // Through to the end with every event gone: the summary still reads.
    for _ in 0..12 {
        type_text(&mut app, "1");
        press(&mut app, KeyCode::Char('2'));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
        render(&app);
    }
    let Screen::Quiz(q) = &app.screen() else { panic!("no quiz") };
    assert!(q.finished());
    let text = screen_text(&render(&app));
    assert!(text.contains("of 1 right"), "{text}");
}

#[test]
fn a_slow_save_keeps_filters_and_selection_and_every_view_survives_emptiness() {
    let original = bundled_text();
    let mut app = bundled_app(120, 40);
    set_filter(&mut app, |f| {
        f.countries = vec!["KZ".into()];
        f.actors = vec!["putin".into()];
    });
    let id = app.timeline().events[app.shown()[2]].id.clone();
    select(&mut app, &id);
    reload_text(&mut app, "");
    assert!(app.shown().is_empty());
    let message = app.message().unwrap_or_default().to_string();
    assert!(
        message.contains("country KZ") && message.contains("kept for their return"),
        "{message}"
    );
    for size in [(120, 40), (80, 24), (50, 12)] {
        app.update(Msg::Resize { width: size.0, height: size.1 });
        render(&app);
    }
    reload_text(&mut app, &original);
    assert_eq!(app.filter().countries, ["KZ"]);
    assert_eq!(app.filter().actors, ["putin"]);
    assert_eq!(app.selected_event().map(|e| e.id.clone()), Some(id.clone()));
    // A change made in between wins over what was set aside.
    reload_text(&mut app, "");
    press(&mut app, KeyCode::Char('c'));
    reload_text(&mut app, &original);
    assert!(app.filter().is_empty());
    // The full-screen event and the help, with their event gone.
    app.update(Msg::Resize { width: 100, height: 30 });
    press(&mut app, KeyCode::Enter);
    let open = app.selected_event().map(|e| e.id.clone()).expect("selected");
    reload_text(&mut app, &without_event(&original, &open));
    assert!(matches!(app.screen(), Screen::Detail { .. }));
    assert!(app.message().is_some_and(|m| m.contains("the selected event")));
    render(&app);
    reload_text(&mut app, "");
    assert!(screen_text(&render(&app)).contains("No event selected"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('?'));
    render(&app);
}

/// Random keys, clicks and resizes with reloads mixed in (the file emptied,
/// events and tours removed, a broken save, the original again): nothing
/// panics, every position stays in bounds, and the frame draws.
#[test]
fn monkey_ten_thousand_steps_with_reloads() {
    let original = bundled_text();
    let base = load_text(&original).timeline;
    let mut rng = steppe::teach::quiz::Rng::new(0x0e10_ad5e_ed00_0001);
    let mut variants =
        vec![load_text(&original), load_text(""), load_text("title: broken\nevents: [")];
    let cut = &original[..original.find("\ntours:").expect("tours")];
    variants.push(load_text(cut));
    for _ in 0..6 {
        let mut text = original.clone();
        for _ in 0..1 + rng.below(8) {
            text = without_event(&text, &base.events[rng.below(base.events.len())].id);
        }
        variants.push(load_text(&text));
    }
    let mut app = App::new(Query::new(base), Filter::default(), 120, 40);
    let keys = [
        'j', 'k', 'g', 'G', 'm', 'c', '/', 'n', 'N', 'y', '?', ' ', '1', '9', 'a', 'z', 'p', 't',
        'i', 'h', 'l',
    ];
    let mut reloads = 0;
    for step in 0..10_000 {
        let action = match rng.below(30) {
            0..=7 => {
                let c = keys[rng.below(keys.len())];
                Some(Msg::Key(ratatui::crossterm::event::KeyEvent::new(
                    KeyCode::Char(c),
                    ratatui::crossterm::event::KeyModifiers::NONE,
                )))
            }
            8 => Some(Msg::Action(Action::NextPane)),
            9 => Some(Msg::Action(Action::Activate)),
            10 => Some(Msg::Action(Action::Back)),
            11 => Some(Msg::Action(Action::Submit)),
            12 => Some(Msg::Action(Action::PageDown)),
            13 => Some(Msg::Action(Action::PageUp)),
            14 => Some(Msg::Action(Action::DeleteChar)),
            15 => Some(Msg::Action(Action::Click {
                column: rng.below(130) as u16,
                row: rng.below(50) as u16,
            })),
            16 => Some(Msg::Action(Action::ScrollDown {
                column: rng.below(130) as u16,
                row: rng.below(50) as u16,
            })),
            17 => Some(Msg::Resize {
                width: 1 + rng.below(200) as u16,
                height: 1 + rng.below(70) as u16,
            }),
            18 => Some(Msg::Action(Action::StartPresentation)),
            19 => Some(Msg::Action(Action::OpenTours)),
            20 => Some(Msg::Action(Action::StartQuiz)),
            21 => Some(Msg::Action(Action::NextEvent)),
            22 => Some(Msg::Action(Action::PrevEvent)),
            23 | 24 => {
                reloads += 1;
                reload(&mut app, variants[rng.below(variants.len())].clone());
                None
            }
            25 => Some(Msg::Action(Action::End)),
            _ => Some(Msg::Action(Action::Down)),
        };
        let drew = action.is_none();
        if let Some(msg) = action {
            app.update(msg);
        }
        let n = app.shown().len();
        assert!(app.selected() < n.max(1), "step {step}");
        assert!(app.facets().country_cursor < app.timeline().countries.len().max(1), "step {step}");
        assert!(app.facets().actor_cursor < app.timeline().actors.len().max(1), "step {step}");
        match &app.screen() {
            Screen::Present(p) => {
                assert!(p.slides.is_empty() || p.at < p.slides.len(), "step {step}");
                assert!(p.slides.iter().all(|&i| i < app.timeline().events.len()), "step {step}");
            }
            Screen::Quiz(q) => assert!(q.at <= q.questions.len(), "step {step}"),
            _ => {}
        }
        if let Some(t) = app.overlays().tour_picker() {
            assert!(t < app.timeline().tours.len(), "step {step}");
        }
        if step % 10 == 0 || drew {
            render(&app);
        }
    }
    assert!(reloads > 500, "{reloads} reloads");
}

#[test]
fn the_explorer_draws_at_once_and_opens_when_the_data_arrives() {
    use steppe::tui::state::{Prepared, Startup};
    let startup = Startup {
        filter: Filter { countries: vec!["kz".into()], ..Filter::default() },
        goto: Some("xi-astana-silk-road-economic-belt".into()),
        ..Startup::default()
    };
    let mut ex = explorer(App::loading(startup, 100, 30));
    let generation = match ex.handle(Msg::Load) {
        steppe::tui::Next::Go(effects) => match effects.as_slice() {
            [Effect::Load { generation }] => *generation,
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    ex.draw().expect("draw");
    let text = screen_text(ex.terminal.backend().buffer());
    assert!(text.contains("Loading the timelines"), "{text}");
    let progress = load::LoadProgress {
        files_done: 1,
        files_total: 4,
        bytes_done: 1_000_000,
        bytes_total: 4_000_000,
        events: 1234,
    };
    ex.handle(Msg::LoadProgress { generation, progress });
    ex.draw().expect("draw");
    let text = screen_text(ex.terminal.backend().buffer());
    assert!(text.contains("1 of 4 files · 1.0 of 4.0 MB · 1,234 events"), "{text}");
    let data = Prepared::new(bundled(), Default::default());
    ex.handle(Msg::Loaded { generation, result: Box::new(Ok(data)) });
    ex.draw().expect("draw");
    assert_eq!(ex.app.filter().countries, ["KZ"], "the command line's filter, checked");
    assert_eq!(
        ex.app.selected_event().map(|e| e.id.as_str()),
        Some("xi-astana-silk-road-economic-belt")
    );
    let text = screen_text(ex.terminal.backend().buffer());
    assert!(text.contains("country: KZ"), "{text}");
    // A reload keeps the data on screen until the new data is ready.
    let effects = ex.app.update(Msg::Load);
    let generation = match effects.as_slice() {
        [Effect::Load { generation }] => *generation,
        other => panic!("{other:?}"),
    };
    assert!(ex.app.update(Msg::Load).is_empty(), "one load at a time; another after it");
    ex.handle(Msg::LoadProgress { generation, progress });
    ex.draw().expect("draw");
    let text = screen_text(ex.terminal.backend().buffer());
    assert!(text.contains("country: KZ") && text.contains("reloading 25%"), "{text}");
    let next = ex.handle(Msg::Loaded {
        generation,
        result: Box::new(Ok(Prepared::new(bundled(), Default::default()))),
    });
    assert!(
        matches!(&next, steppe::tui::Next::Go(e) if matches!(e.as_slice(), [Effect::Load { .. }])),
        "the change seen during the load is loaded next: {next:?}"
    );
}

#[test]
fn the_explorer_names_the_validate_command_with_its_own_options() {
    use clap::Parser;
    use steppe::tui::state::Prepared;
    let args = ["steppe", "--with-builtin", "--prefer", "later", "tests/fixtures/warn.yaml"];
    let cli = steppe::cli::Cli::try_parse_from(args).expect("a command line");
    let startup = steppe::cli::commands::startup(&cli.explore).expect("a start");
    let command = "steppe validate --with-builtin --prefer later tests/fixtures/warn.yaml";
    assert_eq!(startup.validate, command);
    let sources = cli.explore.sources.sources(&cli.explore.paths).expect("no --columns file");
    let loaded = load::load_sources(&sources, &|_| {});
    assert!(loaded.report.warnings() > 0, "the fixture warns");
    let mut app = App::loading(startup, 100, 30);
    let data = Prepared::new(Query::new(loaded.timeline), loaded.report);
    let effects = deliver(&mut app, Ok(data));
    assert!(app.ready() && effects.is_empty(), "opens: {effects:?}");
    let message = app.message().unwrap_or_default().to_string();
    assert!(message.ends_with(&format!("`{command}` shows them")), "{message}");

    // Paths a shell would split or read as an option are quoted.
    let cli = steppe::cli::Cli::try_parse_from(["steppe", "it's mine.yaml", "--", "-x.yaml"])
        .expect("a command line");
    let startup = steppe::cli::commands::startup(&cli.explore).expect("a start");
    assert_eq!(startup.validate, "steppe validate 'it'\\''s mine.yaml' ./-x.yaml");
    // A control character in a path is shown escaped, never sent to the terminal.
    let cli =
        steppe::cli::Cli::try_parse_from(["steppe", "a\u{1b}[31m.yaml"]).expect("a command line");
    let startup = steppe::cli::commands::startup(&cli.explore).expect("a start");
    assert_eq!(startup.validate, "steppe validate 'a\\u{1b}[31m.yaml'");
}

#[test]
fn a_bad_command_line_or_bad_files_refuse_to_open() {
    use steppe::tui::Ending;
    use steppe::tui::state::{Prepared, StartError, Startup};
    let mut app =
        App::loading(Startup { tour: Some("nope".into()), ..Startup::default() }, 100, 30);
    match deliver(&mut app, Ok(Prepared::new(bundled(), Default::default()))).as_slice() {
        [Effect::End(Ending::Refused(StartError::Usage(why)))] => {
            assert!(why.contains("no tour `nope`"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    let mut app = App::loading(Startup::default(), 100, 30);
    let broken = load_text("events: [");
    let effects = deliver(&mut app, Err(broken.report));
    assert!(matches!(effects.as_slice(), [Effect::End(Ending::Refused(StartError::Load(_)))]));
}
