//! The map and the time axis: what they show, their keys and clicks, and
//! their frames at every size.

use ratatui::crossterm::event::KeyCode;

use crate::common;

#[allow(unused_imports)]
use common::*;
use steppe::tui::layout::View;
use steppe::tui::layout::axis::{Scene, lay_out};
use steppe::tui::{Action, App, Msg};

fn id_of(app: &App) -> String {
    app.selected_event().map(|e| e.id.clone()).unwrap_or_default()
}

#[test]
fn the_map_shows_the_five_capitals_and_lights_the_events_countries() {
    let mut app = app(80, 24);
    select(&mut app, "russia-central-asia-summit-2");
    press(&mut app, KeyCode::Char('M'));
    assert_eq!(app.view(), View::Map);
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
    let code = app.timeline().countries[app.map().cursor].code.clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter().countries, std::slice::from_ref(&code));
    assert!(screen_text(&render(&app)).contains(&format!("country: {code}")));
    press(&mut app, KeyCode::Enter);
    assert!(app.filter().countries.is_empty());
    press(&mut app, KeyCode::Char('M'));
    assert_eq!(app.view(), View::Panes);
}

fn braille(symbol: &str) -> bool {
    symbol.chars().next().is_some_and(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
}

#[test]
fn the_map_draws_central_asias_borders_and_hatches_the_events_countries() {
    use steppe::atlas::atlas;
    let mut app = app(160, 50);
    select(&mut app, "kazakhstan-nuclear-referendum");
    press(&mut app, KeyCode::Char('M'));
    let buf = render(&app);
    let (inner, b) = app.map_frame().expect("a map");
    // The border between Kazakhstan and Uzbekistan is drawn: the cells of the
    // points they share hold braille dots (a few may be under a label).
    let kz = atlas().get("KZ").expect("Kazakhstan");
    let uz = atlas().get("UZ").expect("Uzbekistan");
    let border: Vec<(u16, u16)> = kz.rings[0]
        .iter()
        .filter(|p| uz.rings.iter().any(|r| r.contains(p)))
        .filter_map(|&(lon, lat)| b.cell(inner, (lat, lon)))
        .collect();
    let drawn = border.iter().filter(|&&(x, y)| braille(buf[(x, y)].symbol())).count();
    assert!(border.len() > 20 && drawn * 10 >= border.len() * 9, "{drawn} of {}", border.len());
    // Inside Kazakhstan, the event's one country, the dots are in the event's colour;
    // inside Iran, not in the event, there are none.
    let yellow = ratatui::style::Color::Yellow;
    let steppe = b.cell(inner, (48.5, 67.0)).expect("central Kazakhstan on the map");
    let cells = |(x, y): (u16, u16)| (x.saturating_sub(1)..=x + 1).map(move |x| (x, y));
    assert!(cells(steppe).any(|c| braille(buf[c].symbol()) && buf[c].fg == yellow));
    let iran = b.cell(inner, (33.0, 55.0)).expect("central Iran on the map");
    assert!(cells(iran).all(|c| !braille(buf[c].symbol())), "{:?}", buf[iran]);

    // The Soviet Union is drawn as the countries of today it covered, and says so.
    select(&mut app, "tajikistan-independence");
    let buf = render(&app);
    let ashgabat = b.cell(inner, (39.0, 60.0)).expect("Turkmenistan on the map");
    assert!(cells(ashgabat).any(|c| braille(buf[c].symbol()) && buf[c].fg == yellow));
    let text = screen_text(&buf);
    assert!(text.contains("no longer exists"), "{text}");
}

#[test]
fn arrows_move_between_capitals_and_a_click_toggles_one() {
    let mut app = app(120, 40);
    let at = |app: &App, code: &str| app.timeline().countries.iter().position(|c| c.code == code);
    press(&mut app, KeyCode::Char('M'));
    // A click on a capital puts the cursor there (and toggles it: twice, back).
    let (inner, bounds) = app.map_frame().expect("a map");
    let uz = app.timeline().country("UZ").and_then(|c| c.location).expect("located");
    let (x, y) = bounds.cell(inner, uz).expect("on the map");
    app.update(Action::Click { column: x, row: y });
    app.update(Action::Click { column: x, row: y });
    assert_eq!(Some(app.map().cursor), at(&app, "UZ"));
    assert!(app.filter().countries.is_empty());
    press(&mut app, KeyCode::Right);
    assert_eq!(Some(app.map().cursor), at(&app, "KG"));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Up);
    assert_eq!(Some(app.map().cursor), at(&app, "KZ"));
    // A click on Dushanbe's mark, where the screen shows it.
    let text = screen_text(&render(&app));
    assert!(text.contains("TJ Dushanbe"), "{text}");
    let (inner, bounds) = app.map_frame().expect("a map");
    let tj = app.timeline().country("TJ").and_then(|c| c.location).expect("located");
    let (x, y) = bounds.cell(inner, tj).expect("on the map");
    let row = text.lines().nth(usize::from(y)).expect("a row");
    assert!(row.chars().nth(usize::from(x)).is_some_and(|c| "◆■●·".contains(c)), "{row}");
    app.update(Action::Click { column: x, row: y });
    assert_eq!(app.filter().countries, ["TJ"]);
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
    assert_eq!(app.view(), View::Panes);
}

#[test]
fn the_time_axis_follows_the_list_and_the_list_follows_it() {
    let mut app = app(120, 40);
    select(&mut app, "xi-astana-silk-road-economic-belt");
    press(&mut app, KeyCode::Char('V'));
    assert_eq!(app.view(), View::Axis);
    let text = screen_text(&render(&app));
    assert!(text.contains("Time axis") && text.contains("200 years across"), "{text}");
    press(&mut app, KeyCode::Right);
    let next = id_of(&app);
    assert_ne!(next, "xi-astana-silk-road-economic-belt");
    // Zoom to a month: the selected event stays in the window.
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert!((app.axis().span() - 1.0 / 12.0).abs() < 1e-9, "down to a month");
    let (t0, t1) = app.axis().window();
    let (s, _) = steppe::tui::layout::axis::extent(app.timeline(), app.shown()[app.selected()]);
    assert!(s >= t0 && s <= t1, "{s} in {t0}..{t1}");
    let text = screen_text(&render(&app));
    let title = &app.selected_event().expect("one").title;
    assert!(text.contains(&title[..12.min(title.len())]), "{text}");
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('-'));
    }
    assert_eq!(app.axis().span(), 200.0, "up to two centuries");
    // Back in the panes, the list has the same event.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view(), View::Panes);
    assert_eq!(id_of(&app), next);
    // And a move in the list moves the axis.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Char('V'));
    let (t0, t1) = app.axis().window();
    let (s, _) = steppe::tui::layout::axis::extent(app.timeline(), app.shown()[app.selected()]);
    assert!(s >= t0 && s <= t1);
}

#[test]
fn nothing_overlaps_on_the_axis_and_what_does_not_fit_is_counted() {
    let mut app = app(80, 24);
    press(&mut app, KeyCode::Char('V'));
    let (s, _) = steppe::tui::layout::axis::extent(app.timeline(), app.shown()[app.selected()]);
    for (level, span) in steppe::tui::state::axis::LEVELS.iter().enumerate() {
        let scene = Scene { window: (s - span / 2.0, s + span / 2.0), ..app.axis_scene() };
        for lanes in [1, 3, 17] {
            let layout = lay_out(&scene, 78, lanes);
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
                .shown()
                .iter()
                .filter(|&&i| {
                    let (s, e) = steppe::tui::layout::axis::extent(app.timeline(), i);
                    e >= t0 && s <= t1
                })
                .count();
            let clustered: usize = layout.clusters.iter().sum();
            assert_eq!(layout.placed.len() + clustered, in_window, "level {level}, {lanes} lanes");
            assert!(layout.placed.iter().any(|p| p.pos == app.selected() && p.lane == 0));
        }
    }
}

#[test]
fn a_click_on_the_axis_selects_and_the_wheel_pans_or_zooms() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('V'));
    let (lanes, n) =
        steppe::tui::layout::axis::lanes_area(ratatui::layout::Rect::new(0, 0, 120, 39));
    let layout = lay_out(&app.axis_scene(), lanes.width, n);
    let other = layout.placed.iter().find(|p| p.pos != app.selected()).expect("another event");
    app.update(Action::Click { column: lanes.x + other.start, row: lanes.y + other.lane as u16 });
    assert_eq!(app.selected(), other.pos);
    let centre = app.axis().centre;
    app.update(Action::ScrollDown { column: 60, row: 20 });
    assert!(app.axis().centre > centre, "the wheel moves on in time");
    let level = app.axis().level;
    app.update(Action::ZoomWheel { column: 60, row: 20, zoom_in: true });
    assert_eq!(app.axis().level, level + 1);
}

#[test]
fn the_new_views_draw_at_every_size() {
    let mut app = app(80, 24);
    for key in ['M', 'V'] {
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.view(), View::Panes);
        press(&mut app, KeyCode::Char(key));
        for (w, h) in [(50, 12), (51, 13), (80, 24), (120, 40), (200, 60), (300, 100), (49, 11)] {
            app.update(Msg::Resize { width: w, height: h });
            let buf = render(&app);
            assert_eq!((buf.area.width, buf.area.height), (w, h));
        }
    }
    // An empty filter draws too.
    set_filter(&mut app, |f| {
        f.search = "no such thing anywhere".into();
    });
    for key in ['M', 'V'] {
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.view(), View::Panes);
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
