//! Lanes and the period × member table: lane sets as a timeline names them,
//! `stats --by --split` against `list --format json`, the time axis's lanes
//! and the statistics page.

use crate::common;

use std::collections::BTreeMap;

use common::run::{listed, stderr, stdout, steppe};
#[allow(unused_imports)]
use common::*;
use steppe::model::Member;
use steppe::query::Split;
use steppe::query::stats::Period;

#[test]
fn the_bundled_timeline_names_the_powers_and_central_asia() {
    let q = bundled();
    let tl = q.timeline();
    let powers = tl.lane_set("powers").expect("The powers");
    assert_eq!(powers.title, "The powers");
    let labels: Vec<String> = powers.lanes.iter().map(|l| tl.lane_label(l)).collect();
    assert_eq!(labels, ["Russia", "China", "The West", "Turkey (Türkiye)"]);
    assert_eq!(
        powers.lanes[2].members,
        ["US", "EU", "GB"].map(|c| Member::Country(c.into())).to_vec()
    );
    let asia = tl.lane_set("central-asia").expect("Central Asia");
    assert_eq!(asia.lanes.len(), 5);
}

#[test]
fn lane_titles_are_translated_with_the_timeline() {
    let mut tl = bundled().timeline().clone();
    assert!(tl.translate("ru").is_some());
    let powers = tl.lane_set("powers").expect("The powers");
    assert_eq!(powers.title, "Державы");
    assert_eq!(tl.lane_label(&powers.lanes[2]), "Запад");
    // An untitled lane is its country's name, translated as the country is.
    assert_eq!(tl.lane_label(&powers.lanes[0]), "Россия");
}

#[test]
fn members_are_spelt_plain_or_with_their_facet_and_an_event_is_in_every_lane_it_names() {
    let yaml = r#"
countries:
  - {code: RU, name: Russia}
  - {code: CN, name: China}
actors:
  - {id: putin, name: Vladimir Putin, country: RU}
events:
  - {id: a, date: 2001, title: A, countries: [RU, CN], actors: [putin], tags: [summit], sources: [https://example.org]}
  - {id: b, date: 2002, title: B, countries: [CN], tags: [summit], sources: [https://example.org]}
lanes:
  - id: mixed
    title: Mixed
    members: [RU, "actor:putin + tag:summit", {title: Both, members: [country:CN, RU]}]
"#;
    let loaded = load_text(yaml);
    assert!(loaded.report.diagnostics.is_empty(), "{:?}", loaded.report.diagnostics);
    let q = steppe::query::Query::new(loaded.timeline);
    let columns = q.columns(&Split::Set("mixed".into()), &[0, 1]).expect("columns");
    let keys: Vec<&str> = columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["RU", "putin+summit", "CN+RU"]);
    assert_eq!(columns[1].label, "Vladimir Putin + summit");
    let events: Vec<Vec<usize>> = columns.iter().map(|c| q.column_events(c, &[0, 1])).collect();
    assert_eq!(events, [vec![0], vec![0, 1], vec![0, 1]]);
    // A lane of two kinds filters to either.
    let f = q.column_filter(&columns[1]);
    assert_eq!(q.matches(&f), [0, 1]);
    // Written back, each member says what it is, and loads the same.
    let text = steppe::export::yaml::write(q.timeline(), &[0, 1]).expect("YAML");
    assert!(text.contains("actor:putin"), "{text}");
    let again = load_text(&text);
    assert_eq!(again.timeline.lanes, q.timeline().lanes);
}

/// (period, member) → events starting in it, counted from `list --format json`.
fn counted_from_list(filter: &[&str], codes: &[&str]) -> BTreeMap<(i32, String), usize> {
    let mut out = BTreeMap::new();
    for e in listed(filter) {
        let date = e["date"].as_str().expect("a date");
        let year: i32 = if let Some(bce) = date.strip_prefix('-') {
            -bce[..4].parse::<i32>().expect("a year")
        } else {
            date[..4].parse().expect("a year")
        };
        for c in e["countries"].as_array().expect("countries") {
            let c = c.as_str().unwrap_or_default();
            if codes.contains(&c) {
                *out.entry((year, c.to_string())).or_default() += 1;
            }
        }
    }
    out
}

#[test]
fn stats_by_year_split_by_country_counts_what_list_shows() {
    for filter in [&[][..], &["--from", "1991"], &["--where", "tag:summit or tag:energy"]] {
        let mut args = vec!["stats", "--by", "year", "--split", "country:RU,CN", "--format", "csv"];
        args.extend_from_slice(filter);
        let o = steppe(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("period,label,RU,CN,events"));
        let mut from_stats = BTreeMap::new();
        let mut total = 0;
        for line in lines {
            let cells: Vec<&str> = line.split(',').collect();
            let year: i32 = cells[0].parse().expect("a year");
            for (code, n) in ["RU", "CN"].iter().zip(&cells[2..4]) {
                let n: usize = n.parse().expect("a count");
                if n > 0 {
                    from_stats.insert((year, code.to_string()), n);
                }
            }
            total += cells[4].parse::<usize>().expect("a count");
        }
        assert_eq!(from_stats, counted_from_list(filter, &["RU", "CN"]), "{filter:?}");
        assert_eq!(total, listed(filter).len(), "{filter:?}");
    }
}

#[test]
fn the_powers_lanes_count_as_their_countries_do() {
    let q = bundled();
    let all: Vec<usize> = (0..q.timeline().events.len()).collect();
    let lanes = q.columns(&Split::Set("powers".into()), &all).expect("powers");
    let countries =
        q.columns(&Split::parse("country:RU,CN").expect("split"), &all).expect("RU, CN");
    let by_lane = q.split_table(&all, Period::Year, lanes);
    let by_country = q.split_table(&all, Period::Year, countries);
    for (a, b) in by_lane.rows.iter().zip(&by_country.rows) {
        assert_eq!(a.counts[..2], b.counts[..], "{}", a.label);
    }
    // The West counts an event naming two of US, EU and GB once.
    let west: usize = by_lane.rows.iter().map(|r| r.counts[2]).sum();
    let listed_west = listed(&["--country", "US,EU,GB"]).len();
    assert_eq!(west, listed_west);
}

#[test]
fn stats_split_reads_as_a_table_and_json_and_names_its_mistakes() {
    let o = steppe(&["stats", "--by", "decade", "--split", "lanes:powers"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let head = text.lines().nth(2).unwrap_or_default();
    for label in ["Russia", "China", "The West", "all"] {
        assert!(head.contains(label), "{head}");
    }
    assert!(text.contains("1990s"), "{text}");
    let o = steppe(&["stats", "--split", "country:RU", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(json["by"], "decade");
    assert_eq!(json["columns"][0]["label"], "Russia");
    let ru: u64 = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["counts"][0].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(ru as usize, listed(&["--country", "RU"]).len());
    let o = steppe(&["stats", "--split", "country:RX"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `RU`"), "{}", stderr(&o));
    let o = steppe(&["stats", "--split", "lanes:powr"]);
    assert!(stderr(&o).contains("known: powers, central-asia"), "{}", stderr(&o));
}

// The explorer's time axis in lanes.

use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};
use steppe::tui::Msg;
use steppe::tui::layout::lanes::Content;
use steppe::tui::state::axis::LaneMode;

/// `V`, then `g` until the lanes are `mode`.
fn lanes_app(width: u16, height: u16, mode: LaneMode) -> steppe::tui::App {
    let mut app = app(width, height);
    select(&mut app, "xi-astana-silk-road-economic-belt");
    press(&mut app, KeyCode::Char('V'));
    for _ in 0..8 {
        if app.axis().lanes == mode {
            return app;
        }
        press(&mut app, KeyCode::Char('g'));
    }
    panic!("g never reached {mode:?}");
}

#[test]
fn g_cycles_the_lanes_and_the_title_names_them() {
    let mut app = lanes_app(120, 40, LaneMode::Packed);
    let mut seen = Vec::new();
    for _ in 0..6 {
        press(&mut app, KeyCode::Char('g'));
        seen.push(app.axis().lanes);
    }
    assert_eq!(
        seen,
        [
            LaneMode::Country,
            LaneMode::Actor,
            LaneMode::Tag,
            LaneMode::Set(0),
            LaneMode::Set(1),
            LaneMode::Packed
        ]
    );
    let app = lanes_app(120, 40, LaneMode::Set(0));
    let text = screen_text(&render(&app));
    assert!(text.contains("lanes The powers"), "{text}");
    for label in ["Russia", "China", "The West", "Turkey (Türkiye)"] {
        assert!(text.lines().any(|l| l.starts_with(&format!("┃{label}"))), "{label}:\n{text}");
    }
}

#[test]
fn the_powers_lanes_count_by_year_as_stats_does() {
    let mut app = lanes_app(200, 60, LaneMode::Set(0));
    // Ten years across: a tick, and a period, each year.
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert_eq!(app.axis().span(), 10.0);
    let (t0, t1) = app.axis().window();
    let laid = app.axis_lanes(198, 52).expect("lanes");
    let width = f64::from(198 - laid.label_width);
    let q = app.query();
    let table = q.split_table(
        app.shown(),
        Period::Year,
        q.columns(&Split::Set("powers".into()), app.shown()).expect("powers"),
    );
    let mut compared = 0;
    for band in &laid.bands {
        let mut drawn: BTreeMap<i32, usize> = BTreeMap::new();
        match &band.content {
            Content::Counts(counts) => {
                for c in counts {
                    let year = (t0 + (f64::from(c.start) + 1.5) / width * (t1 - t0)).floor() as i32;
                    *drawn.entry(year).or_default() += c.events;
                }
            }
            Content::Marks(layout) => {
                for p in &layout.placed {
                    let year = app.timeline().events[band.events[p.pos]].date.year;
                    *drawn.entry(year).or_default() += 1;
                }
            }
        }
        for row in &table.rows {
            let whole = f64::from(row.period) >= t0 && f64::from(row.period + 1) <= t1;
            if whole {
                let want = row.counts[band.lane];
                assert_eq!(
                    drawn.get(&row.period).copied().unwrap_or(0),
                    want,
                    "{} in {}",
                    band.label,
                    row.label
                );
                compared += want;
            }
        }
    }
    assert!(compared > 5, "the window holds events: {compared}");
}

#[test]
fn enter_on_a_lane_label_filters_to_the_lane_and_a_click_does_too() {
    let mut app = lanes_app(120, 40, LaneMode::Set(0));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.axis().lane, Some(1));
    assert!(screen_text(&render(&app)).contains("Enter filters to China"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter().countries, ["CN"]);
    let want: Vec<String> = listed(&["--country", "CN"])
        .iter()
        .map(|e| e["id"].as_str().unwrap_or_default().to_string())
        .collect();
    let shown: Vec<String> =
        app.shown().iter().map(|&i| app.timeline().events[i].id.clone()).collect();
    assert_eq!(shown, want);
    assert_eq!(app.axis().lane, None);

    // A click on "The West" filters to its three countries.
    let mut app = lanes_app(120, 40, LaneMode::Set(0));
    let text = screen_text(&render(&app));
    let row = text.lines().position(|l| l.starts_with("┃The West")).expect("The West's row");
    app.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 3,
        row: row as u16,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    }));
    assert_eq!(app.filter().countries, ["US", "EU", "GB"]);
    assert_eq!(app.shown().len(), listed(&["--country", "US,EU,GB"]).len());
    // Esc lets go of a chosen lane before it leaves the axis.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.axis().lane, None);
    assert_eq!(app.view(), steppe::tui::layout::View::Axis);
}

#[test]
fn a_day_is_a_mark_at_month_zoom_under_day_ticks() {
    let mut app = app(120, 40);
    select(&mut app, "xi-astana-silk-road-economic-belt");
    press(&mut app, KeyCode::Char('V'));
    for _ in 0..12 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert!(app.axis().span() < 0.1);
    let text = screen_text(&render(&app));
    let line = text.lines().find(|l| l.contains("Xi Jinping")).unwrap_or_default();
    assert!(line.contains('◆') && !line.contains('━'), "{line}");
    // Days labelled every few days, each day ticked.
    assert!(text.contains("1 Sep") || text.contains("6 Sep"), "{text}");
    assert!(text.contains('┴'), "{text}");
}

#[test]
fn snapshot_lanes_80x24() {
    let app = lanes_app(80, 24, LaneMode::Set(0));
    insta::assert_snapshot!(screen_text(&render(&app)));
}

#[test]
fn snapshot_lanes_200x60() {
    let mut app = lanes_app(200, 60, LaneMode::Country);
    press(&mut app, KeyCode::Char('+'));
    insta::assert_snapshot!(screen_text(&render(&app)));
}

#[test]
fn the_statistics_page_shows_the_powers_side_by_side_and_enter_filters_to_a_cell() {
    let mut app = app(100, 32);
    press(&mut app, KeyCode::Char('S'));
    let text = screen_text(&render(&app));
    assert!(text.contains("By decade, The powers"), "{text}");
    let header =
        text.lines().find(|l| l.contains("Russia") && l.contains("China")).unwrap_or_default();
    assert!(header.contains("The West"), "{header}");
    // The 2000s, Russia's cell: as many as the table counted, and as list shows.
    let q = app.query();
    let all: Vec<usize> = (0..q.timeline().events.len()).collect();
    let table = q.split_table(
        &all,
        Period::Decade,
        q.columns(&Split::Set("powers".into()), &all).expect("powers"),
    );
    let row = table.rows.iter().position(|r| r.period == 2000).expect("the 2000s");
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Right);
    let text = screen_text(&render(&app));
    assert!(text.contains("2000s"), "the chosen row is on the page:\n{text}");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlays().top().is_none(), "the page closes on the events");
    assert_eq!(app.filter().countries, ["RU"]);
    assert_eq!(app.filter().from.map(|d| d.year), Some(2000));
    assert_eq!(app.filter().to.map(|d| d.year), Some(2009));
    assert_eq!(
        app.shown().len(),
        listed(&["--country", "RU", "--from", "2000", "--to", "2009"]).len()
    );
    assert_eq!(app.shown().len(), table.rows[row].counts[0]);

    // A whole row: the period alone; `b` is by year, `g` other columns.
    let mut app = steppe::tui::App::new(bundled(), Default::default(), 100, 32);
    press(&mut app, KeyCode::Char('S'));
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('g'));
    let text = screen_text(&render(&app));
    assert!(text.contains("By year, Central Asia"), "{text}");
    press(&mut app, KeyCode::Enter);
    assert!(app.filter().countries.is_empty());
    assert_eq!(app.filter().from.map(|d| d.year), Some(1840));
    assert_eq!(app.filter().to.map(|d| d.year), Some(1840));
}

// The web page's time axis, as the exporter draws it.

#[test]
fn the_page_draws_one_compact_mark_per_event_and_offers_the_lane_sets() {
    let o = steppe(&["export", "--format", "html", "--country", "KZ"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    let svg = &html[html.find("<svg id=\"tl-svg\"").expect("the axis")..];
    let svg = &svg[..svg.find("<div id=\"tl-sets\"").expect("the lane sets after the axis")];
    let marks: Vec<&str> = svg
        .split("<a href=\"#ev-")
        .skip(1)
        .map(|m| m.split('"').next().unwrap_or_default())
        .collect();
    let want: Vec<String> = listed(&["--country", "KZ"])
        .iter()
        .map(|e| e["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(marks, want, "a mark per shown event, in date order");
    assert!(svg.contains(&format!("data-id=\"{}\"", want[0])));
    assert!(!svg.contains("style="), "no style on a mark");
    // The lane sets, their members as the filters' positions.
    assert!(html.contains("<option value=\"powers\">The powers</option>"));
    assert!(html.contains("data-set=\"powers\" data-m=\"c"), "members listed");
    // The whole bundled page stays within its budget.
    let whole = stdout(&steppe(&["export", "--format", "html"]));
    assert!(whole.len() < 400_000, "the bundled page is {} bytes", whole.len());
}

#[test]
fn a_lane_set_in_two_files_is_one_when_its_members_are_the_same() {
    let base = "countries:\n  - {code: RU, name: Russia}\n  - {code: CN, name: China}\nevents:\n  - {id: a, date: 2001, title: A, countries: [RU], sources: [https://example.org]}\n";
    let set = |members: &str| format!("lanes:\n  - {{id: p, title: P, members: [{members}]}}\n");
    let load = |second: &str| {
        steppe::load::load_texts(vec![
            ("a.yaml".into(), Ok(format!("{base}{}", set("RU, CN")))),
            ("b.yaml".into(), Ok(second.to_string())),
        ])
    };
    let same = load(&set("country:RU, country:CN"));
    assert!(same.report.diagnostics.is_empty(), "{}", same.report.render());
    assert_eq!(same.timeline.lanes.len(), 1);
    let other = load(&set("CN, RU"));
    let text = other.report.render();
    assert!(text.contains("lane set `p` is defined twice, differently"), "{text}");
    assert!(text.contains("b.yaml:2:"), "{text}");
}
