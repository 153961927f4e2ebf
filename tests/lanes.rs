//! Lanes and the period × member table: lane sets as a timeline names them,
//! `stats --by --split` against `list --format json`, the time axis's lanes
//! and the statistics page.

mod common;

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
