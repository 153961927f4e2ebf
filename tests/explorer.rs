//! The explorer's second step without a terminal: the map, the time axis,
//! links and their history, the filter prompt, the tag picker, statistics,
//! sorting and finding in lists, search marks, aliases; frames drawn on
//! ratatui's `TestBackend`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

use common::{app, bundled, press, render, screen_text, type_text};
use steppe::query::{Filter, Query, parse};
use steppe::tui::action::{Action, Effect};
use steppe::tui::app::{App, Overlay, Pane, Screen, View};
use steppe::tui::axis::lay_out;
use steppe::tui::keymap;

fn id_of(app: &App) -> String {
    app.selected_event().map(|e| e.id.clone()).unwrap_or_default()
}

fn select(app: &mut App, id: &str) {
    assert!(app.select_id(id), "{id} is shown");
}

fn press_with(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(action) = keymap::lookup(app.context(), KeyEvent::new(code, mods)) {
        app.update(action);
    }
}

/// What `steppe list` shows for these flags.
fn listed(query: &Query, filter: Filter) -> Vec<usize> {
    query.matches(&query.check(&filter).expect("a valid filter"))
}

#[test]
fn the_actors_pane_opens_with_the_busiest_first_and_s_sorts_it_otherwise() {
    let mut app = app(120, 40);
    let counts: Vec<usize> = app.actor_order.items().iter().map(|&i| app.actor_counts[i]).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "busiest first: {counts:?}");
    let text = screen_text(&render(&app));
    let first = &app.timeline().actors[app.actor_order.items()[0]].name;
    // A long name is shortened to initials and surname.
    assert!(text.contains(first.split(' ').next_back().unwrap_or(first)), "{text}");
    assert!(text.contains("s by events"), "the order is named on the border:\n{text}");
    app.focus = Pane::Actors;
    let at = app.actor_cursor;
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.actor_cursor, at, "the cursor stays on the same actor");
    let names: Vec<String> = app
        .actor_order
        .items()
        .iter()
        .map(|&i| steppe::query::fold(&app.timeline().actors[i].name))
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "by name: {names:?}");
    press(&mut app, KeyCode::Char('s'));
    let firsts: Vec<usize> = app
        .actor_order
        .items()
        .iter()
        .map(|&i| app.spans.actors[i].first.unwrap_or(usize::MAX))
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "by first appearance");
    assert!(screen_text(&render(&app)).contains("s by first"));
}

#[test]
fn typing_in_a_list_finds_a_name_and_esc_goes_back() {
    let mut app = app(120, 40);
    app.focus = Pane::Actors;
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "erdog");
    assert_eq!(app.timeline().actors[app.actor_cursor].id, "erdogan", "accents ignored");
    assert!(screen_text(&render(&app)).contains("Find actor: erdog"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.timeline().actors[app.actor_cursor].id, "erdogan");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.actors, ["erdogan"], "Enter then toggles the found actor");
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "putin");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.timeline().actors[app.actor_cursor].id, "erdogan", "Esc: back where it was");
    app.focus = Pane::Countries;
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "tajik ssr");
    assert_eq!(app.timeline().countries[app.country_cursor].code, "TJ", "by an alias too");
}

#[test]
fn a_search_for_erdogan_finds_erdogans_events_and_marks_them() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "erdogan");
    press(&mut app, KeyCode::Enter);
    let query = bundled();
    let expected = listed(&query, Filter { search: "erdogan".into(), ..Filter::default() });
    assert_eq!(app.shown, expected, "the explorer and `list --search` agree");
    let tl = app.timeline();
    let his: Vec<usize> = (0..tl.events.len())
        .filter(|&i| tl.events[i].actors.iter().any(|a| a.id == "erdogan"))
        .collect();
    assert!(!his.is_empty());
    assert!(his.iter().all(|i| app.shown.contains(i)), "every event he took part in");
    // The detail names him, and the match is marked in the found style.
    let buf = render(&app);
    let text = screen_text(&buf);
    // In the detail pane, right of the lists (which mark nothing).
    let (row, start) = text
        .lines()
        .enumerate()
        .find_map(|(row, l)| {
            let at = l.rfind("Erdoğan").map(|b| l[..b].chars().count())?;
            (at > 30).then_some((row, at))
        })
        .expect("shown");
    let cell = &buf[(u16::try_from(start).expect("fits"), u16::try_from(row).expect("fits"))];
    assert_eq!(cell.symbol(), "E");
    assert_eq!(cell.bg, steppe::tui::theme::Theme::dark().found.bg.expect("a colour"));
    // `/` starts a new search rather than adding to this one.
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.filter.search, "");
    type_text(&mut app, "türkiye");
    assert_eq!(app.shown, listed(&query, Filter { search: "turkiye".into(), ..Filter::default() }));
}

#[test]
fn aliases_are_searched_by_the_explorer_and_list_alike() {
    let query = bundled();
    for (alias, code) in [("nur-sultan", "KZ"), ("Tajik SSR", "TJ"), ("Turkey", "TR")] {
        let found = listed(&query, Filter { search: alias.into(), ..Filter::default() });
        let tl = query.timeline();
        let with: Vec<usize> = (0..tl.events.len())
            .filter(|&i| tl.events[i].countries.iter().any(|c| c == code))
            .collect();
        assert!(with.iter().all(|i| found.contains(i)), "{alias} finds every {code} event");
        let mut app = app(100, 30);
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, alias);
        assert_eq!(app.shown, found, "{alias}");
    }
    let kz = query.check(&Filter { countries: vec!["Qazaqstan".into()], ..Filter::default() });
    assert_eq!(kz.expect("an alias names the country").countries, ["KZ"]);
}

#[test]
fn the_filter_prompt_narrows_exactly_as_list_does() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "tag:summit from:2013 to:2025");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.prompt(), None);
    let query = bundled();
    let flags = Filter {
        tags: vec!["summit".into()],
        from: steppe::model::PartialDate::parse("2013").ok(),
        to: steppe::model::PartialDate::parse("2025").ok(),
        ..Filter::default()
    };
    assert_eq!(app.shown, listed(&query, flags.clone()));
    assert!(!app.shown.is_empty());
    assert_eq!(app.filter.tags, ["summit"], "plain terms become the flags the panes show");
    let status = screen_text(&render(&app));
    assert!(status.contains("tag: summit"), "{status}");
    // Opened again, it holds the filter as words to edit.
    press(&mut app, KeyCode::Char('f'));
    let Some(p) = app.prompt() else { panic!("open") };
    assert!(p.input.contains("tag:summit") && p.input.contains("from:2013"), "{}", p.input);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.shown, listed(&query, flags), "Esc leaves the filter as it was");

    // or, not and brackets: an expression, the same events as `list --where`.
    let text = "(tag:summit or tag:treaty) and not country:RU";
    press(&mut app, KeyCode::Char('f'));
    for _ in 0..200 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, text);
    press(&mut app, KeyCode::Enter);
    let w = query.parse_where(text).expect("valid");
    assert_eq!(app.shown, query.matches(&Filter { expr: Some(w), ..Filter::default() }));
    assert!(app.filter.expr.is_some());
}

#[test]
fn a_mistake_in_the_filter_prompt_points_at_itself() {
    let mut app = app(120, 40);
    let all = app.shown.clone();
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "tag:sumit from:2013");
    let Some(p) = app.prompt() else { panic!("open") };
    let e = p.error.clone().expect("checked as typed");
    assert_eq!(&p.input[e.span.clone()], "sumit");
    assert!(e.message.contains("did you mean `summit`"), "{}", e.message);
    press(&mut app, KeyCode::Enter);
    assert!(app.prompt().is_some(), "the prompt stays open on a mistake");
    assert_eq!(app.shown, all, "and the filter is unchanged");
    let text = screen_text(&render(&app));
    assert!(text.contains("↓ no tag `sumit`"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let prompt = lines[lines.len() - 1];
    let above = lines[lines.len() - 2];
    let col = |l: &str, s: &str| l.find(s).map(|b| l[..b].chars().count());
    assert_eq!(col(above, "↓"), col(prompt, "sumit"), "the arrow stands over the mistake");
    // A bad date too.
    for _ in 0..30 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "from:20l3");
    let e = app.prompt().and_then(|p| p.error.clone()).expect("an error");
    assert!(e.message.contains("not a date"), "{}", e.message);
}

#[test]
fn tab_completes_keys_and_names() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "cou");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "kaz");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.prompt().map(|p| p.input.as_str()), Some("country:KZ"));
    type_text(&mut app, " actor:xi");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.prompt().map(|p| p.input.as_str()), Some("country:KZ actor:xi-jinping"));
    type_text(&mut app, " tag:s");
    press(&mut app, KeyCode::Tab);
    let shown = screen_text(&render(&app));
    assert!(shown.contains("Tab: ") && shown.contains("summit"), "candidates listed:\n{shown}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let input = app.prompt().map(|p| p.input.clone()).unwrap_or_default();
    assert!(input.starts_with("country:KZ actor:xi-jinping tag:s"), "{input}");
    assert!(app.prompt().is_some_and(|p| p.error.is_none()), "a completed tag is a valid one");
}

#[test]
fn following_a_link_and_coming_back_lands_where_you_were() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "from:1991 to:1991");
    press(&mut app, KeyCode::Enter);
    select(&mut app, "belavezha-accords");
    let filter = app.filter.clone();
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Detail { .. }));
    press(&mut app, KeyCode::Char('r'));
    let Some(Overlay::Links(links)) = app.overlays.top() else { panic!("no links") };
    let tl = app.timeline();
    let targets: Vec<&str> = links.items.iter().map(|l| tl.events[l.event].id.as_str()).collect();
    assert!(targets.contains(&"ussr-dissolved"), "{targets:?}");
    let text = screen_text(&render(&app));
    assert!(text.contains("Links"), "{text}");
    // Follow the last one (it may be outside the filter: the filter then clears).
    press(&mut app, KeyCode::End);
    let target = {
        let Some(Overlay::Links(l)) = app.overlays.top() else { panic!() };
        app.timeline().events[l.current().expect("one").event].id.clone()
    };
    press(&mut app, KeyCode::Enter);
    assert_eq!(id_of(&app), target);
    assert!(matches!(app.screen, Screen::Detail { .. }), "still full-screen");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(id_of(&app), "belavezha-accords");
    assert_eq!(app.filter, filter, "the filter comes back too");
    assert!(matches!(app.screen, Screen::Detail { .. }));
    press_with(&mut app, KeyCode::Right, KeyModifiers::ALT);
    assert_eq!(id_of(&app), target, "Alt-→ goes forward again");
    press_with(&mut app, KeyCode::Left, KeyModifiers::ALT);
    assert_eq!(id_of(&app), "belavezha-accords");
    press(&mut app, KeyCode::Backspace);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("nothing to go back to")));
}

#[test]
fn the_tag_picker_counts_and_ticks() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('#'));
    let Some(Overlay::Tags(p)) = app.overlays.top() else { panic!("no tag picker") };
    let counts: Vec<usize> = p.items.iter().map(|t| t.count).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "busiest first");
    let summit = p.items.iter().find(|t| t.tag == "summit").expect("summit").count;
    let query = bundled();
    assert_eq!(
        summit,
        listed(&query, Filter { tags: vec!["summit".into()], ..Filter::default() }).len()
    );
    type_text(&mut app, "summ");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.tags, ["summit"]);
    let text = screen_text(&render(&app));
    assert!(text.contains("[x] summit"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.shown.len(), summit);
}

#[test]
fn statistics_show_the_numbers_of_steppe_stats() {
    let mut app = app(120, 40);
    app.filter.countries = vec!["KZ".into()];
    app.refilter();
    press(&mut app, KeyCode::Char('S'));
    let stats = bundled().stats(&app.shown);
    let text = screen_text(&render(&app));
    assert!(text.contains(&format!("{} events · country: KZ", stats.events)), "{text}");
    let top = &stats.countries[1];
    let row =
        text.lines().find(|l| l.contains(&format!("{} ({})", top.label, top.key))).expect("row");
    assert!(row.contains(&format!(" {}  █", top.events)), "{row}");
    press(&mut app, KeyCode::Char('S'));
    assert!(app.overlays.is_empty(), "S closes it again");
    press(&mut app, KeyCode::Char('i'));
    app.update(Action::Resize { width: 160, height: 80 });
    let text = screen_text(&render(&app));
    assert!(text.contains("Central Asia between Russia") && text.contains("73 events"), "{text}");
    assert!(text.contains("The new Great Game"), "the tours are listed:\n{text}");
}

#[test]
fn export_asks_the_loop_to_write_the_shown_events() {
    let mut app = app(120, 40);
    app.filter.countries = vec!["TM".into()];
    app.refilter();
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    let effects = app.update(Action::Submit);
    let [Effect::Export(request)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(request.shown, app.shown);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let written = request.write_in(dir.path());
    app.exported(written);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("steppe-events.md"), "{message}");
    assert!(message.contains(&format!("wrote {} events", app.shown.len())), "{message}");
}

#[test]
fn the_map_shows_the_five_capitals_and_lights_the_events_countries() {
    let mut app = app(80, 24);
    select(&mut app, "russia-central-asia-summit-2");
    press(&mut app, KeyCode::Char('M'));
    assert_eq!(app.view, View::Map);
    let buf = render(&app);
    let text = screen_text(&buf);
    for city in ["Astana", "Bishkek", "Tashkent", "Dushanbe", "Ashgabat", "Moscow", "Beijing"] {
        assert!(text.contains(city), "{city} labelled:\n{text}");
    }
    // The event's six countries are marked ◆, on the map and beside it.
    let e = app.selected_event().expect("selected").clone();
    for code in &e.countries {
        let line = text.lines().find(|l| l.contains(&format!("{code} "))).expect("listed");
        assert!(line.contains('◆'), "{code}: {line}");
    }
    assert!(
        text.contains("Not on the map")
            || app.timeline().countries.iter().all(|c| c.location.is_some())
    );
    // Enter toggles the country under the cursor; M goes back.
    let code = app.timeline().countries[app.map.cursor].code.clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.countries, std::slice::from_ref(&code));
    assert!(screen_text(&render(&app)).contains(&format!("country: {code}")));
    press(&mut app, KeyCode::Enter);
    assert!(app.filter.countries.is_empty());
    press(&mut app, KeyCode::Char('M'));
    assert_eq!(app.view, View::Panes);
}

#[test]
fn arrows_move_between_capitals_and_a_click_toggles_one() {
    let mut app = app(120, 40);
    let at = |app: &App, code: &str| app.timeline().countries.iter().position(|c| c.code == code);
    press(&mut app, KeyCode::Char('M'));
    app.map.cursor = at(&app, "UZ").expect("UZ");
    press(&mut app, KeyCode::Right);
    assert_eq!(Some(app.map.cursor), at(&app, "KG"));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Up);
    assert_eq!(Some(app.map.cursor), at(&app, "KZ"));
    // A click on Dushanbe's mark, where the screen shows it.
    let text = screen_text(&render(&app));
    assert!(text.contains("TJ Dushanbe"), "{text}");
    let (inner, bounds) = app.map_frame().expect("a map");
    let tj = app.timeline().country("TJ").and_then(|c| c.location).expect("located");
    let (x, y) = bounds.cell(inner, tj).expect("on the map");
    let row = text.lines().nth(usize::from(y)).expect("a row");
    assert!(row.chars().nth(usize::from(x)).is_some_and(|c| "◆■●·".contains(c)), "{row}");
    app.update(Action::Click { column: x, row: y });
    assert_eq!(app.filter.countries, ["TJ"]);
    // Zoom in and out, and back to where it opens.
    press(&mut app, KeyCode::Char('+'));
    let zoomed = app.map_frame().expect("a map").1;
    assert!(zoomed.east - zoomed.west < bounds.east - bounds.west);
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(app.map_frame().expect("a map").1, bounds, "0: back to the region");
    press(&mut app, KeyCode::Char('0'));
    let us = app.timeline().country("US").and_then(|c| c.location).expect("located");
    assert!(app.map_frame().expect("a map").1.contains(us), "0 again: every country");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Panes);
}

#[test]
fn the_time_axis_follows_the_list_and_the_list_follows_it() {
    let mut app = app(120, 40);
    select(&mut app, "xi-astana-silk-road-economic-belt");
    press(&mut app, KeyCode::Char('V'));
    assert_eq!(app.view, View::Axis);
    let text = screen_text(&render(&app));
    assert!(text.contains("Time axis") && text.contains("200 years across"), "{text}");
    press(&mut app, KeyCode::Right);
    let next = id_of(&app);
    assert_ne!(next, "xi-astana-silk-road-economic-belt");
    // Zoom to a month: the selected event stays in the window.
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert!((app.axis.span() - 1.0 / 12.0).abs() < 1e-9, "down to a month");
    let (t0, t1) = app.axis.window();
    let (s, _) = steppe::tui::axis::extent(app.timeline(), app.shown[app.selected]);
    assert!(s >= t0 && s <= t1, "{s} in {t0}..{t1}");
    let text = screen_text(&render(&app));
    let title = &app.selected_event().expect("one").title;
    assert!(text.contains(&title[..12.min(title.len())]), "{text}");
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('-'));
    }
    assert_eq!(app.axis.span(), 200.0, "up to two centuries");
    // Back in the panes, the list has the same event.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Panes);
    assert_eq!(id_of(&app), next);
    // And a move in the list moves the axis.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Char('V'));
    let (t0, t1) = app.axis.window();
    let (s, _) = steppe::tui::axis::extent(app.timeline(), app.shown[app.selected]);
    assert!(s >= t0 && s <= t1);
}

#[test]
fn nothing_overlaps_on_the_axis_and_what_does_not_fit_is_counted() {
    let mut app = app(80, 24);
    press(&mut app, KeyCode::Char('V'));
    let (s, _) = steppe::tui::axis::extent(app.timeline(), app.shown[app.selected]);
    for level in 0..steppe::tui::state::axis::LEVELS.len() {
        app.axis.level = level;
        app.axis.centre = s;
        for lanes in [1, 3, 17] {
            let layout = lay_out(&app, 78, lanes);
            for (i, a) in layout.placed.iter().enumerate() {
                assert!(a.lane < lanes);
                for b in &layout.placed[i + 1..] {
                    if a.lane == b.lane {
                        let (a, b) = (a.columns(), b.columns());
                        assert!(
                            a.end() < b.start() || b.end() < a.start(),
                            "overlap at level {level}: {a:?} {b:?}"
                        );
                    }
                    assert!(*a.columns().end() < 78, "inside the axis: {a:?}");
                }
            }
            let (t0, t1) = layout.window;
            let in_window = app
                .shown
                .iter()
                .filter(|&&i| {
                    let (s, e) = steppe::tui::axis::extent(app.timeline(), i);
                    e >= t0 && s <= t1
                })
                .count();
            let clustered: usize = layout.clusters.iter().sum();
            assert_eq!(layout.placed.len() + clustered, in_window, "level {level}, {lanes} lanes");
            assert!(layout.placed.iter().any(|p| p.pos == app.selected && p.lane == 0));
        }
    }
}

#[test]
fn a_click_on_the_axis_selects_and_the_wheel_pans_or_zooms() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('V'));
    let (lanes, n) = steppe::tui::axis::lanes_area(ratatui::layout::Rect::new(0, 0, 120, 39));
    let layout = lay_out(&app, lanes.width, n);
    let other = layout.placed.iter().find(|p| p.pos != app.selected).expect("another event");
    app.update(Action::Click { column: lanes.x + other.start, row: lanes.y + other.lane as u16 });
    assert_eq!(app.selected, other.pos);
    let centre = app.axis.centre;
    app.update(Action::ScrollDown { column: 60, row: 20 });
    assert!(app.axis.centre > centre, "the wheel moves on in time");
    let level = app.axis.level;
    app.update(Action::ZoomWheel { column: 60, row: 20, zoom_in: true });
    assert_eq!(app.axis.level, level + 1);
}

#[test]
fn the_new_views_draw_at_every_size() {
    let mut app = app(80, 24);
    for key in ['M', 'V'] {
        app.view = View::Panes;
        press(&mut app, KeyCode::Char(key));
        for (w, h) in [(50, 12), (51, 13), (80, 24), (120, 40), (200, 60), (300, 100), (49, 11)] {
            app.update(Action::Resize { width: w, height: h });
            let buf = render(&app);
            assert_eq!((buf.area.width, buf.area.height), (w, h));
        }
    }
    // An empty filter draws too.
    app.filter.search = "no such thing anywhere".into();
    app.refilter();
    for key in ['M', 'V'] {
        app.view = View::Panes;
        press(&mut app, KeyCode::Char(key));
        render(&app);
    }
}

#[test]
fn snapshot_map_80x24() {
    let mut app = app(80, 24);
    select(&mut app, "russia-central-asia-summit-2");
    press(&mut app, KeyCode::Char('M'));
    insta::assert_snapshot!(screen_text(&render(&app)));
}

#[test]
fn snapshot_map_200x60() {
    let mut app = app(200, 60);
    select(&mut app, "russia-central-asia-summit-2");
    press(&mut app, KeyCode::Char('M'));
    insta::assert_snapshot!(screen_text(&render(&app)));
}

#[test]
fn snapshot_axis_80x24() {
    let mut app = app(80, 24);
    select(&mut app, "xi-astana-silk-road-economic-belt");
    press(&mut app, KeyCode::Char('V'));
    insta::assert_snapshot!(screen_text(&render(&app)));
}

#[test]
fn snapshot_axis_200x60() {
    let mut app = app(200, 60);
    select(&mut app, "xi-astana-silk-road-economic-belt");
    press(&mut app, KeyCode::Char('V'));
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('+'));
    insta::assert_snapshot!(screen_text(&render(&app)));
}

#[test]
fn searched_texts_of_an_expression_are_marked_but_not_those_under_not() {
    let w = parse("belt (road or \"silk way\") not xi").expect("valid");
    assert_eq!(w.searched_texts(), ["belt", "road", "silk way"]);
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
            assert!(matches!(app.screen, Screen::Detail { .. }), "{id}");
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
