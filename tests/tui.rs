//! The explorer without a terminal: keys → actions → state, and frames drawn
//! on ratatui's `TestBackend`.

use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

mod common;

use common::{
    app, bundled, bundled_text, load_text, press, render, render_with, screen_text, type_text,
    without_event,
};
use steppe::load;
use steppe::query::{Filter, Query};
use steppe::tui::action::Action;
use steppe::tui::app::{App, Overlay, Pane, Screen};
use steppe::tui::keymap;
use steppe::tui::theme::Theme;

fn selected_ids(app: &App) -> Vec<String> {
    app.shown.iter().map(|&i| app.timeline().events[i].id.clone()).collect()
}

#[test]
fn filtering_to_a_country_with_keys_matches_the_list_command() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Countries);
    let tm = app.timeline().countries.iter().position(|c| c.code == "TM").expect("TM is declared");
    // The list shows the busiest first: Down moves in that order.
    for _ in 0..app.country_order.rank(tm) {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.country_cursor, tm);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.countries, ["TM"]);
    let query = bundled();
    let list = query.matches(
        &query.check(&Filter { countries: vec!["tm".into()], ..Filter::default() }).expect("valid"),
    );
    assert_eq!(app.shown, list);
    assert!(app.shown.len() >= 5);
    // Country counts apply every filter but the country one: what a toggle would add.
    let with = |code: &str| {
        app.timeline().events.iter().filter(|e| e.countries.iter().any(|c| c == code)).count()
    };
    let kz = app.timeline().countries.iter().position(|c| c.code == "KZ").expect("KZ");
    assert_eq!(app.country_counts[kz], with("KZ"));
    assert_eq!(app.country_counts[tm], with("TM"));
    // Actor counts do follow the country filter.
    let putin = app.timeline().actors.iter().position(|a| a.id == "putin").expect("putin");
    let putin_tm = app
        .shown
        .iter()
        .filter(|&&i| app.timeline().events[i].actors.iter().any(|a| a.id == "putin"))
        .count();
    assert_eq!(app.actor_counts[putin], putin_tm);
    press(&mut app, KeyCode::Enter);
    assert!(app.filter.countries.is_empty());
    assert_eq!(app.shown.len(), app.timeline().events.len());
}

#[test]
fn match_all_narrows_and_clear_resets() {
    let mut app = app(120, 40);
    app.focus = Pane::Countries;
    let tl = app.timeline().clone();
    for code in ["KZ", "CN"] {
        app.country_cursor = tl.countries.iter().position(|c| c.code == code).expect("declared");
        press(&mut app, KeyCode::Char(' '));
    }
    let any = app.shown.len();
    press(&mut app, KeyCode::Char('m'));
    assert!(app.filter.match_all);
    let all = app.shown.len();
    assert!(all < any, "all ({all}) narrows any ({any})");
    for &i in &app.shown {
        let e = &tl.events[i];
        assert!(
            e.countries.contains(&"KZ".into()) && e.countries.contains(&"CN".into()),
            "{}",
            e.id
        );
    }
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.filter, Filter::default());
    assert_eq!(app.shown.len(), tl.events.len());
}

#[test]
fn search_as_you_type_finds_the_dushanbe_summit() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Dushanbe");
    assert_eq!(selected_ids(&app), ["russia-central-asia-summit-2"]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.prompt(), None);
    assert_eq!(app.filter.search, "Dushanbe");
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some("russia-central-asia-summit-2"));
    // Typing q in the prompt types, it does not quit.
    // `/` starts a new search, and typing q in the prompt types, it does not quit.
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.filter.search, "");
    assert_eq!(app.shown.len(), app.timeline().events.len());
    type_text(&mut app, "dushanbeq");
    assert!(!app.quit);
    assert!(app.shown.is_empty());
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.shown.len(), 1);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.filter.search, "");
    assert_eq!(app.shown.len(), app.timeline().events.len());
}

#[test]
fn next_and_previous_match_wrap_around() {
    let mut app = app(120, 40);
    app.filter.search = "summit".into();
    app.refilter();
    let n = app.shown.len();
    assert!(n > 3);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.selected, n - 1, "N from the first wraps to the last");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.selected, 0);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.selected, 1);
}

#[test]
fn year_jump_selects_the_first_event_of_that_year() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "1991");
    press(&mut app, KeyCode::Enter);
    let e = app.selected_event().expect("an event");
    assert_eq!(e.date.year, 1991);
    let before = app.shown[app.selected - 1];
    assert!(app.timeline().events[before].date.year < 1991);
    // A year with no event goes to the next one, and says so.
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "1950");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_event().map(|e| e.date.year), Some(1991));
    assert!(app.message.as_deref().is_some_and(|m| m.contains("no event in 1950")));
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "abc");
    press(&mut app, KeyCode::Enter);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("not a year")));
}

#[test]
fn moves_stay_in_bounds() {
    let mut app = app(120, 40);
    let n = app.shown.len();
    press(&mut app, KeyCode::Up);
    assert_eq!(app.selected, 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.selected, n - 1);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.selected, n - 1);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.selected, 0);
    press(&mut app, KeyCode::PageDown);
    assert!(app.selected > 10 && app.selected < n);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::Actors);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.actor_order.rank(app.actor_cursor), app.timeline().actors.len() - 1);
}

#[test]
fn enter_opens_the_event_and_esc_goes_back_to_the_same_one() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Detail { scroll: 0 });
    let text = screen_text(&render(&app));
    let title = app.selected_event().map(|e| e.title.clone()).expect("selected");
    assert!(text.contains(&title), "{text}");
    assert!(text.contains("Event 2 of 73"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Main);
    assert_eq!(app.selected, 1);
}

#[test]
fn help_lists_every_key_and_closes() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('?'));
    assert!(app.overlays.help().is_some());
    // Everything the help shows, scrolling through it.
    let mut text = String::new();
    for _ in 0..200 {
        text.push_str(&screen_text(&render(&app)));
        press(&mut app, KeyCode::Down);
    }
    for _ in 0..200 {
        press(&mut app, KeyCode::Up);
    }
    for b in keymap::BINDINGS {
        assert!(text.contains(b.help), "help lacks {:?}:\n{text}", b.help);
    }
    assert!(text.contains("--no-mouse"));
    press(&mut app, KeyCode::Char('j'));
    assert!(app.overlays.help().is_some(), "keys of the main screen do nothing under the help");
    assert_eq!(app.selected, 0);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.help().is_none());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn mouse_click_selects_and_focuses_and_wheel_scrolls() {
    let mut app = app(120, 40);
    // Row 1 of the timeline pane is the era header; row 2 the first event, row 3 the second.
    app.update(Action::Click { column: 40, row: 3 });
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(app.selected, 1);
    app.update(Action::Click { column: 5, row: 3 });
    assert_eq!(app.focus, Pane::Countries);
    assert_eq!(app.country_order.rank(app.country_cursor), 2, "the third line shown");
    app.update(Action::ScrollDown { column: 40, row: 10 });
    assert_eq!(app.selected, 4);
    assert_eq!(app.focus, Pane::Countries, "the wheel scrolls without taking the focus");
}

#[test]
fn the_selected_row_is_highlighted_in_reverse_video() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    for theme in [Theme::dark(), Theme::mono()] {
        let buf = render_with(&app, &theme);
        let text = screen_text(&buf);
        let title = app.selected_event().map(|e| e.title.clone()).expect("selected");
        let y = text.lines().position(|l| l.contains('▶')).expect("a marked row") as u16;
        assert!(text.lines().nth(y.into()).is_some_and(|l| l.contains(&title[..20])));
        let x = text
            .lines()
            .nth(y.into())
            .and_then(|l| l.chars().position(|c| c == '▶'))
            .expect("marker") as u16;
        let cell = &buf[(x + 4, y)];
        assert!(cell.modifier.contains(Modifier::REVERSED), "{theme:?}: {cell:?}");
        // Another row is not highlighted.
        assert!(!buf[(x + 4, y + 1)].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn the_monochrome_theme_sets_no_colour() {
    let app = app(120, 40);
    let buf = render_with(&app, &Theme::mono());
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
}

#[test]
fn status_bar_counts_and_names_the_filters() {
    let mut app = app(120, 40);
    app.filter.countries = vec!["KZ".into(), "UZ".into()];
    app.filter.tags = vec!["summit".into()];
    app.refilter();
    let text = screen_text(&render(&app));
    let status = text.lines().last().expect("a status line");
    assert!(
        status.contains(&format!(
            "{} of 73 events · countries: KZ UZ · tag: summit",
            app.shown.len()
        )),
        "{status}"
    );
    assert!(status.contains("? help"), "{status}");
}

#[test]
fn snapshot_120x40() {
    insta::assert_snapshot!(screen_text(&render(&app(120, 40))));
}

#[test]
fn snapshot_80x24() {
    let mut app = app(80, 24);
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "2013");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen_text(&render(&app)));
}

#[test]
fn snapshot_too_small() {
    insta::assert_snapshot!(screen_text(&render(&app(40, 10))));
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = app(1, 1);
    app.filter.countries = vec!["KZ".into()];
    app.refilter();
    let widths = (1..=130).step_by(3).chain((131..=300).step_by(17));
    for (w, h) in
        widths.flat_map(|w| (1..=45).step_by(2).chain((46..=100).step_by(9)).map(move |h| (w, h)))
    {
        app.update(Action::Resize { width: w, height: h });
        // The help overlay at a third of the sizes keeps the debug build quick.
        app.overlays.retain(|_| false);
        if (w + h) % 3 == 0 {
            app.overlays.push(Overlay::Help { scroll: 0 });
        }
        let buf = render(&app);
        assert_eq!((buf.area.width, buf.area.height), (w, h));
    }
    app.update(Action::Resize { width: 300, height: 100 });
    render(&app);
}

/// The README's screenshot is this test's output, so it cannot go stale.
/// `UPDATE_README=1 cargo test readme` rewrites it.
#[test]
fn readme_screenshot_is_current() {
    let mut app = app(110, 32);
    app.filter.countries = vec!["KZ".into()];
    app.refilter();
    app.select_id("xi-astana-silk-road-economic-belt");
    let shot: String =
        screen_text(&render(&app)).lines().map(|l| format!("{}\n", l.trim_end())).collect();
    let block = format!("<!-- screenshot:start -->\n```text\n{shot}```\n<!-- screenshot:end -->");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find("<!-- screenshot:start -->").expect("start marker");
    let end = readme.find("<!-- screenshot:end -->").expect("end marker")
        + "<!-- screenshot:end -->".len();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{block}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
    } else {
        assert_eq!(
            &readme[start..end],
            block,
            "README screenshot is stale: run UPDATE_README=1 cargo test readme"
        );
    }
}

#[test]
fn readme_key_table_names_every_key() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let keys = &readme[readme.find("### Keys").expect("a key table")..];
    for action_words in [
        "toggle it in the filter",
        "clear all filters",
        "search as you type",
        "jump to a year",
        "match any or all countries",
        "next, previous search match",
        "--no-mouse",
    ] {
        assert!(keys.contains(action_words), "README key table lacks {action_words:?}");
    }
    for b in keymap::BINDINGS {
        for key in b.label.split(' ') {
            let shown = match key {
                "S-Tab" => "Shift-Tab",
                "C-c" => "Ctrl-C",
                "C-z" => "Ctrl-Z",
                "A-←" => "Alt-←",
                "A-→" => "Alt-→",
                "S-←" => "Shift-←",
                "S-→" => "Shift-→",
                "Bksp" | "Esc" => continue,
                k => k,
            };
            assert!(keys.contains(&format!("`{shown}`")), "README key table lacks `{shown}`");
        }
    }
}

#[test]
fn full_screen_event_scrolls_within_its_text_and_steps_between_events() {
    let mut app = app(60, 14);
    press(&mut app, KeyCode::Enter);
    for _ in 0..200 {
        press(&mut app, KeyCode::Char('j'));
    }
    let Screen::Detail { scroll } = app.screen else { panic!("not full-screen") };
    assert!(scroll < 40, "scrolling stops at the end of the text, not at {scroll}");
    let text = screen_text(&render(&app));
    assert!(
        text.contains("Sources") || text.contains("https://") || text.contains("follows a link"),
        "the end of the text is on screen:\n{text}"
    );
    press(&mut app, KeyCode::Char('k'));
    let Screen::Detail { scroll: after } = app.screen else { panic!("not full-screen") };
    assert_eq!(after + 1, scroll, "one key brings it back one line");
    press(&mut app, KeyCode::Right);
    assert_eq!(app.selected, 1);
    assert_eq!(app.screen, Screen::Detail { scroll: 0 });
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.selected, 0);
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut app = app(80, 24);
    press(&mut app, KeyCode::Char('?'));
    let first = screen_text(&render(&app));
    assert!(first.contains("↑↓ scroll"), "{first}");
    for _ in 0..400 {
        press(&mut app, KeyCode::Down);
    }
    let last = screen_text(&render(&app));
    assert!(last.contains("--no-mouse"), "the end of the help can be reached:\n{last}");
    assert!(app.overlays.help().is_some_and(|s| s < 400));
}

#[test]
fn esc_clears_a_kept_search_and_the_year_prompt_explains_itself() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "summit");
    press(&mut app, KeyCode::Enter);
    assert!(app.shown.len() < app.timeline().events.len());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.filter.search, "");
    assert_eq!(app.shown.len(), app.timeline().events.len());
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.message, None, "an empty prompt just closes");
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "3000");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected, app.shown.len() - 1);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("no event in or after 3000")));
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
    app.filter.countries = vec!["KZ".into()];
    app.refilter();
    assert!(app.select_id("late-summit"));
    // An edit that adds an event before the selected one.
    let edited = mini().replace(
        "events:\n",
        "events:\n  - {id: added, date: 1995, title: Added, countries: [KZ], sources: [https://example.org/x]}\n",
    );
    app.reload(load(edited.clone()));
    assert_eq!(app.banner, None);
    assert_eq!(app.filter.countries, ["KZ"]);
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some("late-summit"));
    assert!(app.shown.iter().any(|&i| app.timeline().events[i].id == "added"));
    assert!(screen_text(&render(&app)).contains("reloaded: "));
    // A broken edit: the data stays, a banner says where the problem is.
    app.reload(load(edited.replace("date: 1995", "date: 1995-13")));
    let banner = app.banner.clone().expect("a banner");
    assert!(banner.contains("mini.yaml:") && banner.contains("1995-13"), "{banner}");
    assert!(app.shown.iter().any(|&i| app.timeline().events[i].id == "added"));
    let screen = screen_text(&render(&app));
    assert!(screen.contains("not reloaded"), "{screen}");
    assert!(!screen.contains("reloaded: "), "no stale news of the last good load:\n{screen}");
    // Fixed again: the banner goes. A country that disappeared leaves the filter.
    let without_kz = mini().replace("[KZ, RU]", "[RU]");
    app.reload(load(without_kz.replace("  - code: KZ\n    name: Kazakhstan\n    capital: Astana\n    location: [51.17, 71.45]\n", "").replace("[CN, KZ, RU]", "[CN, RU]")));
    assert_eq!(app.banner, None, "{:?}", app.banner);
    assert!(app.filter.countries.is_empty());
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some("late-summit"));
}

fn reload_text(app: &mut App, text: &str) {
    let loaded = load_text(text);
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    app.reload(loaded);
}

fn slide_id(app: &App) -> Option<String> {
    match &app.screen {
        Screen::Present(p) => p.event().map(|i| app.timeline().events[i].id.clone()),
        other => panic!("not presenting: {other:?}"),
    }
}

fn bundled_app(width: u16, height: u16) -> App {
    App::new(Query::new(load_text(&bundled_text()).timeline), Filter::default(), width, height)
}

#[test]
fn slides_survive_the_file_emptied_then_written_and_their_event_removed() {
    let original = bundled_text();
    let mut app = bundled_app(100, 30);
    app.filter.countries = vec!["KZ".into()];
    app.refilter();
    assert!(app.select_id("xi-astana-silk-road-economic-belt"));
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Right);
    let on = slide_id(&app).expect("a slide");
    // A slow save: the file is empty for a moment.
    reload_text(&mut app, "");
    assert_eq!(slide_id(&app), None);
    let text = screen_text(&render(&app));
    assert!(text.contains("No events to present"), "{text}");
    assert!(app.message.as_deref().is_some_and(|m| m.contains("no slides are left")));
    press(&mut app, KeyCode::Right);
    render(&app);
    reload_text(&mut app, &original);
    assert_eq!(slide_id(&app).as_deref(), Some(on.as_str()), "back on the same slide");
    assert_eq!(app.filter.countries, ["KZ"], "the filter came back with the data");
    // The slide's own event removed: the nearest one, and the status line says so.
    let next = {
        let Screen::Present(p) = &app.screen else { unreachable!() };
        app.timeline().events[p.slides[p.at + 1]].id.clone()
    };
    reload_text(&mut app, &without_event(&original, &on));
    assert_eq!(slide_id(&app), Some(next));
    assert!(app.message.as_deref().is_some_and(|m| m.contains("showing the nearest")));
    render(&app);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Main);
}

#[test]
fn a_tour_survives_its_steps_and_itself_being_removed() {
    let original = bundled_text();
    let mut app = bundled_app(120, 40);
    app.start_tour(0);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('i'));
    let on = slide_id(&app).expect("a step");
    let note_of = |app: &App| {
        let Screen::Present(p) = &app.screen else { panic!("not presenting") };
        let tour = app.timeline().tour(p.tour.as_deref().expect("a tour")).expect("the tour");
        p.step_index().and_then(|n| tour.steps[n].note.clone())
    };
    let note = note_of(&app);
    // An event before it, and its step, removed: the same step, its own note.
    let earlier = app.timeline().tours[0].steps[0].event.clone();
    reload_text(&mut app, &without_event(&original, &earlier));
    assert_eq!(slide_id(&app).as_deref(), Some(on.as_str()));
    assert_eq!(note_of(&app), note, "the note goes with its step");
    assert!(screen_text(&render(&app)).contains("Step 2 of 11"));
    // The step's own event removed: the nearest step.
    reload_text(&mut app, &without_event(&original, &on));
    assert_ne!(slide_id(&app).as_deref(), Some(on.as_str()));
    assert!(app.message.as_deref().is_some_and(|m| m.contains("nearest")), "{:?}", app.message);
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
    let Screen::Quiz(q) = &app.screen else { panic!("no quiz") };
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
    assert!(app.message.as_deref().is_some_and(|m| m.contains("1 quiz question dropped")));
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
    let Screen::Quiz(q) = &app.screen else { panic!("no quiz") };
    assert!(q.finished());
    let text = screen_text(&render(&app));
    assert!(text.contains("of 1 right"), "{text}");
}

#[test]
fn a_slow_save_keeps_filters_and_selection_and_every_view_survives_emptiness() {
    let original = bundled_text();
    let mut app = bundled_app(120, 40);
    app.filter.countries = vec!["KZ".into()];
    app.filter.actors = vec!["putin".into()];
    app.refilter();
    let id = app.timeline().events[app.shown[2]].id.clone();
    assert!(app.select_id(&id));
    reload_text(&mut app, "");
    assert!(app.shown.is_empty());
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("country KZ") && message.contains("kept for their return"),
        "{message}"
    );
    for size in [(120, 40), (80, 24), (50, 12)] {
        app.update(Action::Resize { width: size.0, height: size.1 });
        render(&app);
    }
    reload_text(&mut app, &original);
    assert_eq!(app.filter.countries, ["KZ"]);
    assert_eq!(app.filter.actors, ["putin"]);
    assert_eq!(app.selected_event().map(|e| e.id.clone()), Some(id.clone()));
    // A change made in between wins over what was set aside.
    reload_text(&mut app, "");
    press(&mut app, KeyCode::Char('c'));
    reload_text(&mut app, &original);
    assert!(app.filter.is_empty());
    // The full-screen event and the help, with their event gone.
    app.update(Action::Resize { width: 100, height: 30 });
    press(&mut app, KeyCode::Enter);
    let open = app.selected_event().map(|e| e.id.clone()).expect("selected");
    reload_text(&mut app, &without_event(&original, &open));
    assert!(matches!(app.screen, Screen::Detail { .. }));
    assert!(app.message.as_deref().is_some_and(|m| m.contains("the selected event")));
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
                let key = ratatui::crossterm::event::KeyEvent::new(
                    KeyCode::Char(c),
                    ratatui::crossterm::event::KeyModifiers::NONE,
                );
                keymap::lookup(app.context(), key)
            }
            8 => Some(Action::NextPane),
            9 => Some(Action::Activate),
            10 => Some(Action::Back),
            11 => Some(Action::Submit),
            12 => Some(Action::PageDown),
            13 => Some(Action::PageUp),
            14 => Some(Action::DeleteChar),
            15 => Some(Action::Click { column: rng.below(130) as u16, row: rng.below(50) as u16 }),
            16 => Some(Action::ScrollDown {
                column: rng.below(130) as u16,
                row: rng.below(50) as u16,
            }),
            17 => Some(Action::Resize {
                width: 1 + rng.below(200) as u16,
                height: 1 + rng.below(70) as u16,
            }),
            18 => Some(Action::StartPresentation),
            19 => Some(Action::OpenTours),
            20 => Some(Action::StartQuiz),
            21 => Some(Action::NextEvent),
            22 => Some(Action::PrevEvent),
            23 | 24 => {
                reloads += 1;
                app.reload(variants[rng.below(variants.len())].clone());
                None
            }
            25 => Some(Action::End),
            _ => Some(Action::Down),
        };
        if let Some(a) = action.filter(|a| *a != Action::Quit) {
            app.update(a);
        }
        let n = app.shown.len();
        assert!(app.selected < n.max(1), "step {step}");
        assert!(app.country_cursor < app.timeline().countries.len().max(1), "step {step}");
        assert!(app.actor_cursor < app.timeline().actors.len().max(1), "step {step}");
        match &app.screen {
            Screen::Present(p) => {
                assert!(p.slides.is_empty() || p.at < p.slides.len(), "step {step}");
                assert!(p.slides.iter().all(|&i| i < app.timeline().events.len()), "step {step}");
            }
            Screen::Quiz(q) => assert!(q.at <= q.questions.len(), "step {step}"),
            _ => {}
        }
        if let Some(t) = app.overlays.tour_picker() {
            assert!(t < app.timeline().tours.len(), "step {step}");
        }
        if step % 10 == 0 || action.is_none() {
            render(&app);
        }
    }
    assert!(reloads > 500, "{reloads} reloads");
}

fn explorer(app: App) -> steppe::tui::Explorer<ratatui::backend::TestBackend> {
    let terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.width, app.height))
            .expect("terminal");
    steppe::tui::Explorer::new(app, terminal, Theme::dark())
}

fn key_event(code: KeyCode) -> steppe::tui::event::Event {
    steppe::tui::event::Event::Key(ratatui::crossterm::event::KeyEvent::new(
        code,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ))
}

#[test]
fn a_frame_is_drawn_only_when_something_changed() {
    use steppe::tui::event::Event;
    let mut ex = explorer(app(100, 30));
    ex.draw().expect("draw");
    assert_eq!(ex.draws, 1);
    // Nothing happened: nothing to draw, however often the loop comes round.
    for _ in 0..10 {
        ex.draw().expect("draw");
    }
    assert_eq!(ex.draws, 1);
    // Keys that mean nothing here, mouse moves and releases, key releases.
    ex.handle(key_event(KeyCode::F(5)));
    ex.handle(key_event(KeyCode::Char('x')));
    ex.handle(Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Moved,
        column: 3,
        row: 3,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    }));
    ex.draw().expect("draw");
    assert_eq!(ex.draws, 1);
    // A key that acts draws once.
    ex.handle(key_event(KeyCode::Down));
    ex.draw().expect("draw");
    ex.draw().expect("draw");
    assert_eq!(ex.draws, 2);
    assert_eq!(ex.app.selected, 1);
}

#[test]
fn the_explorer_draws_at_once_and_opens_when_the_data_arrives() {
    use steppe::tui::app::{Prepared, Startup};
    use steppe::tui::event::Event;
    let startup = Startup {
        filter: Filter { countries: vec!["kz".into()], ..Filter::default() },
        goto: Some("xi-astana-silk-road-economic-belt".into()),
        ..Startup::default()
    };
    let mut ex = explorer(App::loading(startup, 100, 30));
    let effects = ex.app.begin_load();
    let generation = match effects.as_slice() {
        [steppe::tui::action::Effect::Load { generation }] => *generation,
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
    ex.handle(Event::LoadProgress { generation, progress });
    ex.draw().expect("draw");
    let text = screen_text(ex.terminal.backend().buffer());
    assert!(text.contains("1 of 4 files · 1.0 of 4.0 MB · 1,234 events"), "{text}");
    let data = Prepared::new(bundled(), Default::default());
    ex.handle(Event::Loaded { generation, result: Box::new(Ok(data)) });
    ex.draw().expect("draw");
    assert_eq!(ex.app.filter.countries, ["KZ"], "the command line's filter, checked");
    assert_eq!(
        ex.app.selected_event().map(|e| e.id.as_str()),
        Some("xi-astana-silk-road-economic-belt")
    );
    let text = screen_text(ex.terminal.backend().buffer());
    assert!(text.contains("country: KZ"), "{text}");
    // A reload keeps the data on screen until the new data is ready.
    let effects = ex.app.files_changed();
    let generation = match effects.as_slice() {
        [steppe::tui::action::Effect::Load { generation }] => *generation,
        other => panic!("{other:?}"),
    };
    assert!(ex.app.files_changed().is_empty(), "one load at a time; another after it");
    ex.handle(Event::LoadProgress { generation, progress });
    ex.draw().expect("draw");
    let text = screen_text(ex.terminal.backend().buffer());
    assert!(text.contains("country: KZ") && text.contains("reloading 25%"), "{text}");
    let next = ex.handle(Event::Loaded {
        generation,
        result: Box::new(Ok(Prepared::new(bundled(), Default::default()))),
    });
    assert!(
        matches!(&next, steppe::tui::Next::Go(e) if matches!(e.as_slice(), [steppe::tui::action::Effect::Load { .. }])),
        "the change seen during the load is loaded next: {next:?}"
    );
}

#[test]
fn the_explorer_names_the_validate_command_with_its_own_options() {
    use clap::Parser;
    use steppe::tui::app::Prepared;
    let args = ["steppe", "--with-builtin", "--prefer", "later", "tests/fixtures/warn.yaml"];
    let cli = steppe::cli::Cli::try_parse_from(args).expect("a command line");
    let startup = steppe::cli::commands::startup(&cli.explore).expect("a start");
    let command = "steppe validate --with-builtin --prefer later tests/fixtures/warn.yaml";
    assert_eq!(startup.validate, command);
    let loaded = load::load_sources(&cli.explore.sources.sources(&cli.explore.paths), &|_| {});
    assert!(loaded.report.warnings() > 0, "the fixture warns");
    let mut app = App::loading(startup, 100, 30);
    let g = match app.begin_load().as_slice() {
        [steppe::tui::action::Effect::Load { generation }] => *generation,
        other => panic!("{other:?}"),
    };
    let data = Prepared::new(Query::new(loaded.timeline), loaded.report);
    app.loaded(g, Ok(data)).expect("opens");
    let message = app.message.clone().unwrap_or_default();
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
    use steppe::tui::app::{Prepared, StartError, Startup};
    let mut app =
        App::loading(Startup { tour: Some("nope".into()), ..Startup::default() }, 100, 30);
    let g = match app.begin_load().as_slice() {
        [steppe::tui::action::Effect::Load { generation }] => *generation,
        other => panic!("{other:?}"),
    };
    match app.loaded(g, Ok(Prepared::new(bundled(), Default::default()))) {
        Err(StartError::Usage(why)) => assert!(why.contains("no tour `nope`"), "{why}"),
        other => panic!("{other:?}"),
    }
    let mut app = App::loading(Startup::default(), 100, 30);
    let g = match app.begin_load().as_slice() {
        [steppe::tui::action::Effect::Load { generation }] => *generation,
        other => panic!("{other:?}"),
    };
    let broken = load_text("events: [");
    assert!(matches!(app.loaded(g, Err(broken.report)), Err(StartError::Load(_))));
}

#[test]
fn big_timelines_filter_in_the_worker_and_a_stale_answer_is_ignored() {
    use steppe::tui::action::Effect;
    use steppe::tui::filtering::compute;
    let mut app = app(100, 30);
    app.background_from = 0;
    let all = app.shown.len();
    press(&mut app, KeyCode::Char('/'));
    let mut requests = Vec::new();
    for c in "Dushan".chars() {
        let key = ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        );
        let action = keymap::lookup(app.context(), key).expect("typing");
        for effect in app.update(action) {
            match effect {
                Effect::Filter(r) => requests.push(r),
                other => panic!("{other:?}"),
            }
        }
    }
    assert_eq!(requests.len(), 6, "one request per keystroke");
    assert_eq!(app.shown.len(), all, "the last result shows until the new one is there");
    assert!(app.filtering);
    assert!(screen_text(&render(&app)).contains("searching…"));
    let stale = &requests[2];
    assert!(
        !app.filtered(compute(&stale.query, &stale.filter, stale.generation, None)),
        "superseded"
    );
    let last = requests.last().expect("a request");
    assert!(app.filtered(compute(&last.query, &last.filter, last.generation, None)));
    assert!(!app.filtering);
    assert_eq!(selected_ids(&app), ["russia-central-asia-summit-2"]);
}

#[test]
fn no_match_says_how_to_clear_whole_and_in_words_the_prompt_takes() {
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        let mut app = app(w, h);
        press(&mut app, KeyCode::Char('/'));
        for c in "zzzc".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        assert_eq!(app.prompt().map(|p| p.input.as_str()), Some("zzzc"), "c is typed");
        // The timeline pane's words (it has the focus: a thick border).
        let flat = |app: &App| {
            let shown = screen_text(&render(app));
            let inside: Vec<&str> = shown.lines().filter_map(|l| l.split('┃').nth(1)).collect();
            inside.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let shown = flat(&app);
        assert!(
            shown.contains("No events match the search and the filters. Esc cancels the search."),
            "{w}×{h}: {shown}"
        );
        press(&mut app, KeyCode::Enter);
        let shown = flat(&app);
        assert!(
            shown.contains("No events match the filters. Press c to clear them."),
            "{w}×{h}: {shown}"
        );
        press(&mut app, KeyCode::Char('m'));
        assert_eq!(
            app.message.as_deref(),
            Some("countries: events involving all of the selected countries")
        );
    }
}

#[test]
fn tab_complete_is_offered_in_the_filter_prompt_alone() {
    let footer = |keys: &[KeyCode]| {
        let mut app = app(120, 40);
        for k in keys {
            press(&mut app, *k);
        }
        screen_text(&render(&app)).lines().last().unwrap_or_default().to_string()
    };
    assert!(footer(&[KeyCode::Char('f')]).contains("Tab complete"));
    for prompt in ['/', 'y'] {
        let line = footer(&[KeyCode::Char(prompt)]);
        assert!(line.contains("Esc cancel") && !line.contains("complete"), "{prompt}: {line}");
    }
}
