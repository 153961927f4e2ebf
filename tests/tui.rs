//! The explorer without a terminal: keys → actions → state, and frames drawn
//! on ratatui's `TestBackend`.

use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

mod common;

use common::{app, bundled, press, render, render_with, screen_text, type_text};
use steppe::load;
use steppe::query::{Filter, Query};
use steppe::tui::action::Action;
use steppe::tui::app::{App, Pane, Screen};
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
    for _ in 0..tm {
        press(&mut app, KeyCode::Down);
    }
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
    assert_eq!(app.prompt, None);
    assert_eq!(app.filter.search, "Dushanbe");
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some("russia-central-asia-summit-2"));
    // Typing q in the prompt types, it does not quit.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "q");
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
    assert_eq!(app.actor_cursor, app.timeline().actors.len() - 1);
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
    assert!(app.help);
    // Everything the help shows, scrolling through it.
    let mut text = String::new();
    for _ in 0..60 {
        text.push_str(&screen_text(&render(&app)));
        press(&mut app, KeyCode::Down);
    }
    for _ in 0..60 {
        press(&mut app, KeyCode::Up);
    }
    for b in keymap::BINDINGS {
        assert!(text.contains(b.help), "help lacks {:?}:\n{text}", b.help);
    }
    assert!(text.contains("--no-mouse"));
    press(&mut app, KeyCode::Char('j'));
    assert!(app.help, "keys of the main screen do nothing under the help");
    assert_eq!(app.selected, 0);
    press(&mut app, KeyCode::Esc);
    assert!(!app.help);
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
    assert_eq!(app.country_cursor, 2);
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
        app.help = (w + h) % 3 == 0;
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
        text.contains("Sources") || text.contains("https://"),
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
    for _ in 0..100 {
        press(&mut app, KeyCode::Down);
    }
    let last = screen_text(&render(&app));
    assert!(last.contains("--no-mouse"), "the end of the help can be reached:\n{last}");
    assert!(app.help_scroll < 100);
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
    // A broken edit: the data stays, a banner says where the problem is.
    app.reload(load(edited.replace("date: 1995", "date: 1995-13")));
    let banner = app.banner.clone().expect("a banner");
    assert!(banner.contains("mini.yaml:") && banner.contains("1995-13"), "{banner}");
    assert!(app.shown.iter().any(|&i| app.timeline().events[i].id == "added"));
    assert!(screen_text(&render(&app)).contains("not reloaded"));
    // Fixed again: the banner goes. A country that disappeared leaves the filter.
    let without_kz = mini().replace("[KZ, RU]", "[RU]");
    app.reload(load(without_kz.replace("  - code: KZ\n    name: Kazakhstan\n    capital: Astana\n    location: [51.17, 71.45]\n", "").replace("[CN, KZ, RU]", "[CN, RU]")));
    assert_eq!(app.banner, None, "{:?}", app.banner);
    assert!(app.filter.countries.is_empty());
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some("late-summit"));
}
