//! Moving around the explorer: the panes and their lists, jumping to a year,
//! the full-screen event, links and their history, the help, statistics,
//! export, and the mouse.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::common;

#[allow(unused_imports)]
use common::*;
use steppe::query::{Filter, Query};
use steppe::tui::keymap;
use steppe::tui::layout::Pane;
use steppe::tui::state::{Overlay, Screen};
use steppe::tui::{Action, App, Effect, Msg};

fn id_of(app: &App) -> String {
    app.selected_event().map(|e| e.id.clone()).unwrap_or_default()
}

#[test]
fn year_jump_selects_the_first_event_of_that_year() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "1991");
    press(&mut app, KeyCode::Enter);
    let e = app.selected_event().expect("an event");
    assert_eq!(e.date.year, 1991);
    let before = app.shown()[app.selected() - 1];
    assert!(app.timeline().events[before].date.year < 1991);
    // A year with no event goes to the next one, and says so.
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "1950");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_event().map(|e| e.date.year), Some(1991));
    assert!(app.message().is_some_and(|m| m.contains("no event in 1950")));
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "abc");
    press(&mut app, KeyCode::Enter);
    assert!(app.message().is_some_and(|m| m.contains("not a year")));
}

#[test]
fn moves_stay_in_bounds() {
    let mut app = app(120, 40);
    let n = app.shown().len();
    press(&mut app, KeyCode::Up);
    assert_eq!(app.selected(), 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.selected(), n - 1);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.selected(), n - 1);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.selected(), 0);
    press(&mut app, KeyCode::PageDown);
    assert!(app.selected() > 10 && app.selected() < n);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Pane::Actors);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(
        app.facets().actor_order.rank(app.facets().actor_cursor),
        app.timeline().actors.len() - 1
    );
}

#[test]
fn enter_opens_the_event_and_esc_goes_back_to_the_same_one() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), &Screen::Detail { scroll: 0 });
    let text = screen_text(&render(&app));
    let title = app.selected_event().map(|e| e.title.clone()).expect("selected");
    assert!(text.contains(&title), "{text}");
    assert!(text.contains("Event 2 of 80"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), &Screen::Main);
    assert_eq!(app.selected(), 1);
}

#[test]
fn help_lists_every_key_and_closes() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('?'));
    assert!(app.overlays().help().is_some());
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
    assert!(app.overlays().help().is_some(), "keys of the main screen do nothing under the help");
    assert_eq!(app.selected(), 0);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays().help().is_none());
    assert!(quits(&press(&mut app, KeyCode::Char('q'))));
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
    assert!(app.overlays().help().is_some_and(|s| s < 400));
}

#[test]
fn mouse_click_selects_and_focuses_and_wheel_scrolls() {
    let mut app = app(120, 40);
    // Row 1 of the timeline pane is the era header; row 2 the first event, row 3 the second.
    app.update(Action::Click { column: 40, row: 3 });
    assert_eq!(app.focus(), Pane::Timeline);
    assert_eq!(app.selected(), 1);
    app.update(Action::Click { column: 5, row: 3 });
    assert_eq!(app.focus(), Pane::Countries);
    assert_eq!(
        app.facets().country_order.rank(app.facets().country_cursor),
        2,
        "the third line shown"
    );
    app.update(Action::ScrollDown { column: 40, row: 10 });
    assert_eq!(app.selected(), 4);
    assert_eq!(app.focus(), Pane::Countries, "the wheel scrolls without taking the focus");
}

#[test]
fn full_screen_event_scrolls_within_its_text_and_steps_between_events() {
    let mut app = app(60, 14);
    press(&mut app, KeyCode::Enter);
    for _ in 0..200 {
        press(&mut app, KeyCode::Char('j'));
    }
    let &Screen::Detail { scroll } = app.screen() else { panic!("not full-screen") };
    assert!(scroll < 40, "scrolling stops at the end of the text, not at {scroll}");
    let text = screen_text(&render(&app));
    assert!(
        text.contains("Sources") || text.contains("https://") || text.contains("follows a link"),
        "the end of the text is on screen:\n{text}"
    );
    press(&mut app, KeyCode::Char('k'));
    let &Screen::Detail { scroll: after } = app.screen() else { panic!("not full-screen") };
    assert_eq!(after + 1, scroll, "one key brings it back one line");
    press(&mut app, KeyCode::Right);
    assert_eq!(app.selected(), 1);
    assert_eq!(app.screen(), &Screen::Detail { scroll: 0 });
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.selected(), 0);
}

#[test]
fn the_actors_pane_opens_with_the_busiest_first_and_s_sorts_it_otherwise() {
    let mut app = app(120, 40);
    let counts: Vec<usize> =
        app.facets().actor_order.items().iter().map(|&i| app.actor_counts()[i]).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "busiest first: {counts:?}");
    let text = screen_text(&render(&app));
    let first = &app.timeline().actors[app.facets().actor_order.items()[0]].name;
    // A long name is shortened to initials and surname.
    assert!(text.contains(first.split(' ').next_back().unwrap_or(first)), "{text}");
    assert!(text.contains("s by events"), "the order is named on the border:\n{text}");
    focus(&mut app, Pane::Actors);
    let at = app.facets().actor_cursor;
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.facets().actor_cursor, at, "the cursor stays on the same actor");
    let names: Vec<String> = app
        .facets()
        .actor_order
        .items()
        .iter()
        .map(|&i| steppe::query::fold(&app.timeline().actors[i].name))
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "by name: {names:?}");
    press(&mut app, KeyCode::Char('s'));
    let firsts: Vec<usize> = app
        .facets()
        .actor_order
        .items()
        .iter()
        .map(|&i| app.actor_reach(i).first.unwrap_or(usize::MAX))
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "by first appearance");
    assert!(screen_text(&render(&app)).contains("s by first"));
}

#[test]
fn typing_in_a_list_finds_a_name_and_esc_goes_back() {
    let mut app = app(120, 40);
    focus(&mut app, Pane::Actors);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "erdog");
    assert_eq!(app.timeline().actors[app.facets().actor_cursor].id, "erdogan", "accents ignored");
    assert!(screen_text(&render(&app)).contains("Find actor: erdog"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.timeline().actors[app.facets().actor_cursor].id, "erdogan");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter().actors, ["erdogan"], "Enter then toggles the found actor");
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "putin");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.timeline().actors[app.facets().actor_cursor].id,
        "erdogan",
        "Esc: back where it was"
    );
    focus(&mut app, Pane::Countries);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "tajik ssr");
    assert_eq!(app.timeline().countries[app.facets().country_cursor].code, "TJ", "by an alias too");
}

#[test]
fn typing_a_name_that_is_nowhere_says_so() {
    let mut app = app(120, 40);
    focus(&mut app, Pane::Countries);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kaz");
    assert!(screen_text(&render(&app)).contains("→ Kazakhstan"));
    type_text(&mut app, "xyzq");
    let shown = screen_text(&render(&app));
    assert!(shown.contains("Find country: kazxyzq█  no match"), "{shown}");
    assert!(!shown.contains("→ Kazakhstan"), "{shown}");
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    assert!(screen_text(&render(&app)).contains("→ Kazakhstan"), "found again");
}

#[test]
fn following_a_link_and_coming_back_lands_where_you_were() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "from:1991 to:1991");
    press(&mut app, KeyCode::Enter);
    select(&mut app, "belavezha-accords");
    let filter = app.filter().clone();
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Detail { .. }));
    press(&mut app, KeyCode::Char('r'));
    let Some(Overlay::Links(links)) = app.overlays().top() else { panic!("no links") };
    let tl = app.timeline();
    let targets: Vec<&str> = links.items.iter().map(|l| tl.events[l.event].id.as_str()).collect();
    assert!(targets.contains(&"ussr-dissolved"), "{targets:?}");
    let text = screen_text(&render(&app));
    assert!(text.contains("Links"), "{text}");
    // Follow the last one (it may be outside the filter: the filter then clears).
    press(&mut app, KeyCode::End);
    let target = {
        let Some(Overlay::Links(l)) = app.overlays().top() else { panic!() };
        app.timeline().events[l.current().expect("one").event].id.clone()
    };
    press(&mut app, KeyCode::Enter);
    assert_eq!(id_of(&app), target);
    assert!(matches!(app.screen(), Screen::Detail { .. }), "still full-screen");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(id_of(&app), "belavezha-accords");
    assert_eq!(app.filter(), &filter, "the filter comes back too");
    assert!(matches!(app.screen(), Screen::Detail { .. }));
    press_with(&mut app, KeyCode::Right, KeyModifiers::ALT);
    assert_eq!(id_of(&app), target, "Alt-→ goes forward again");
    press_with(&mut app, KeyCode::Left, KeyModifiers::ALT);
    assert_eq!(id_of(&app), "belavezha-accords");
    press(&mut app, KeyCode::Backspace);
    assert!(app.message().is_some_and(|m| m.contains("nothing to go back to")));
}

#[test]
fn statistics_show_the_numbers_of_steppe_stats() {
    let mut app = app(120, 40);
    set_filter(&mut app, |f| {
        f.countries = vec!["KZ".into()];
    });
    press(&mut app, KeyCode::Char('S'));
    let stats = bundled().stats(app.shown());
    // The tables of `steppe stats` follow the page's period × lane table: page down to them.
    let mut text = screen_text(&render(&app));
    for _ in 0..8 {
        press(&mut app, KeyCode::PageDown);
        text.push_str(&screen_text(&render(&app)));
    }
    assert!(text.contains(&format!("{} events · country: KZ", stats.events)), "{text}");
    let top = &stats.countries[1];
    let row =
        text.lines().find(|l| l.contains(&format!("{} ({})", top.label, top.key))).expect("row");
    assert!(row.contains(&format!(" {}  █", top.events)), "{row}");
    press(&mut app, KeyCode::Char('S'));
    assert!(app.overlays().is_empty(), "S closes it again");
    press(&mut app, KeyCode::Char('i'));
    app.update(Msg::Resize { width: 160, height: 80 });
    let text = screen_text(&render(&app));
    assert!(text.contains("Central Asia between Russia") && text.contains("80 events"), "{text}");
    assert!(text.contains("The new Great Game"), "the tours are listed:\n{text}");
}

#[test]
fn export_asks_the_loop_to_write_the_shown_events() {
    let mut app = app(120, 40);
    set_filter(&mut app, |f| {
        f.countries = vec!["TM".into()];
    });
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    let effects = app.update(Action::Submit);
    let [Effect::Export(request)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(request.shown, app.shown());
    let dir = tempfile::tempdir().expect("a temporary directory");
    let written = request.write_in(dir.path());
    app.update(Msg::Exported(written));
    let message = app.message().unwrap_or_default().to_string();
    assert!(message.contains("steppe-events.md"), "{message}");
    assert!(message.contains(&format!("wrote {} events", app.shown().len())), "{message}");
}

/// Every fact of an event's card, as the web page and the handout show it.
fn card_facts(card: &steppe::document::Card) -> Vec<String> {
    let mut facts = vec![card.date.clone(), card.title.to_string()];
    facts.extend(card.era.map(str::to_string));
    facts.extend(card.summary.iter().flatten().map(|l| l.to_string()));
    for q in &card.quotes {
        facts.extend(q.text.iter().flatten().map(|l| l.to_string()));
        facts.push(q.attribution());
        facts.extend(q.source.titled().then(|| q.source.title.to_string()));
    }
    facts.extend(card.countries.iter().map(|c| c.name.to_string()));
    facts.extend(card.actors.iter().map(|a| a.label()));
    facts.extend(card.tags.iter().map(|t| t.to_string()));
    for s in &card.sources {
        facts.extend(s.titled().then(|| s.title.to_string()));
        facts.extend(s.details.clone());
        facts.extend(s.url.map(str::to_string));
    }
    if let Some(m) = &card.media {
        facts.extend([Some(m.url), m.caption, m.credit].into_iter().flatten().map(str::to_string));
    }
    facts.extend(card.location.clone());
    facts.extend(card.external_ids.iter().map(|(k, v)| format!("{k}: {v}")));
    facts.extend(card.related.iter().map(|r| format!("{}  {}", r.date, r.title)));
    facts
}

#[test]
fn the_event_full_screen_shows_every_fact_of_the_card_the_page_and_handout_are_made_of() {
    let fixture = steppe::load::load_paths(&["tests/fixtures/formats/books-media.yaml".into()]);
    assert!(fixture.is_ok(), "{}", fixture.report.render());
    let mut related = 0;
    for query in [bundled(), Query::new(fixture.timeline)] {
        let mut app = App::new(query, Filter::default(), 160, 150);
        let ids: Vec<String> = app.timeline().events.iter().map(|e| e.id.clone()).collect();
        for id in &ids {
            select(&mut app, id);
            press(&mut app, KeyCode::Enter);
            assert!(matches!(app.screen(), Screen::Detail { .. }), "{id}");
            // Wrapping moves line breaks, never characters: compare without spaces.
            let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '┃').collect();
            let screen: String = squeeze(&screen_text(&render(&app)));
            let tl = app.timeline();
            let card = steppe::document::Card::new(tl, app.selected_event().expect("one"));
            related += card.related.len();
            for fact in card_facts(&card) {
                let fact: String = squeeze(&fact);
                assert!(screen.contains(&fact), "{id}: `{fact}` is not on screen:\n{screen}");
            }
            press(&mut app, KeyCode::Esc);
        }
    }
    assert!(related > 0, "some event has a related one");
}

#[test]
fn the_event_view_marks_a_translated_quote_and_shows_the_words_as_said() {
    let mut app = app(160, 80);
    select(&mut app, "russia-central-asia-summit-1");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&render(&app));
    assert!(text.contains("Kremlin's translation from Russian"), "{text}");
    assert!(text.contains("Original, in Russian:"), "{text}");
    assert!(text.contains("К активизации всех механизмов"), "{text}");
}

#[test]
fn the_event_view_shows_an_events_attributes() {
    let yaml = "countries: [{code: KZ, name: Kazakhstan}]\nevents:\n  - id: riot\n    date: 2022-01-05\n    title: Riot in Almaty\n    countries: [KZ]\n    sources: [https://example.org]\n    attributes:\n      fatalities: 3\n      event_type: Riots\n";
    let loaded = load_text(yaml);
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let mut app = App::new(Query::new(loaded.timeline), Filter::default(), 120, 40);
    press(&mut app, KeyCode::Enter);
    let shown = screen_text(&render(&app));
    assert!(shown.contains("Attributes"), "{shown}");
    assert!(shown.contains("fatalities 3"), "names in a column: {shown}");
    assert!(shown.contains("event_type Riots"), "{shown}");
}
