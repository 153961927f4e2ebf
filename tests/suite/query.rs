//! The query language, sorting, folded search and statistics, tried as an
//! analyst would: through the binary, checked against the JSON of every event.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::common;

use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use steppe::query::{Filter, fold, match_ranges, parse};
use steppe::tui::state::App;

use common::run::{ids, listed, stderr, stdout, steppe};
use common::{bundled, press};

fn strs(v: &Value) -> Vec<&str> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// The ids of every event that `keep` accepts, from the JSON of all events.
fn expected(keep: impl Fn(&Value, &[Value]) -> bool) -> Vec<String> {
    let all = listed(&[]);
    ids(&all.iter().filter(|e| keep(e, &all)).cloned().collect::<Vec<_>>())
}

#[test]
fn the_analysts_questions_match_the_json_of_all_events() {
    let got = ids(&listed(&["--where", "country:KZ and not actor:putin"]));
    let want = expected(|e, _| {
        strs(&e["countries"]).contains(&"KZ") && !strs(&e["actors"]).contains(&"putin")
    });
    assert_eq!(got, want);
    assert!(got.len() > 10, "{got:?}");

    let got = ids(&listed(&["--where", "(tag:summit or tag:treaty) and from:2013"]));
    let want = expected(|e, _| {
        let tags = strs(&e["tags"]);
        let last = e["end"].as_str().or(e["date"].as_str()).unwrap_or_default();
        (tags.contains(&"summit") || tags.contains(&"treaty")) && last >= "2013"
    });
    assert_eq!(got, want);
    assert!(got.len() >= 5, "{got:?}");

    let got = ids(&listed(&["--where", "related:ussr-dissolved"]));
    let want = expected(|e, all| {
        let target = all.iter().find(|x| x["id"] == "ussr-dissolved").expect("the event exists");
        let id = e["id"].as_str().unwrap_or_default();
        strs(&target["related"]).contains(&id) || strs(&e["related"]).contains(&"ussr-dissolved")
    });
    assert_eq!(got, want);
    assert!(got.len() >= 3, "both directions: {got:?}");
}

#[test]
fn flags_are_shorthands_anded_with_the_expression() {
    let both = ids(&listed(&["--country", "KZ", "--where", "tag:summit or tag:treaty"]));
    let same = ids(&listed(&["--where", "country:KZ (tag:summit or tag:treaty)"]));
    assert_eq!(both, same);
    let all_of = ids(&listed(&["--where", "country:kz,cn match:all"]));
    let flags = ids(&listed(&["--country", "KZ,CN", "--match", "all"]));
    assert_eq!(all_of, flags);
    // Either way of saying "all of" holds for every country list.
    assert_eq!(all_of, ids(&listed(&["--country", "KZ,CN", "--where", "match:all"])));
    assert_eq!(all_of, ids(&listed(&["--where", "country:KZ,CN", "--match", "all"])));
    let want = expected(|e, _| {
        let c = strs(&e["countries"]);
        c.contains(&"KZ") && c.contains(&"CN")
    });
    assert_eq!(all_of, want);
    // Names, in any case and without accents, stand for codes and ids.
    assert_eq!(
        ids(&listed(&["--where", "country:kazakhstan"])),
        ids(&listed(&["--country", "KZ"]))
    );
    let erdogan = ids(&listed(&["--where", "actor:\"recep tayyip erdogan\""]));
    assert_eq!(erdogan, ids(&listed(&["--actor", "erdogan"])));
    assert!(!erdogan.is_empty());
}

#[test]
fn eras_and_dates_in_the_expression() {
    let q = bundled();
    let tl = q.timeline();
    let soviet = ids(&listed(&["--where", "era:soviet"]));
    let want: Vec<String> = tl
        .events
        .iter()
        .filter(|e| tl.era_of(e).is_some_and(|era| era.id == "soviet"))
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(soviet, want);
    assert!(!soviet.is_empty());
    let on = ids(&listed(&["--where", "on:2025-10-09"]));
    assert!(on.contains(&"russia-central-asia-summit-2".to_string()), "{on:?}");
    let dec = ids(&listed(&["--where", "from:1991-12 to:1991-12"]));
    assert_eq!(dec, ids(&listed(&["--from", "1991-12", "--to", "1991-12"])));
    let not_after = ids(&listed(&["--where", "not from:1900"]));
    assert_eq!(not_after, ids(&listed(&["--to", "1899"])));
}

#[test]
fn sort_and_limit() {
    let latest = listed(&["--sort", "-date", "--limit", "5"]);
    let all = listed(&[]);
    let mut want = ids(&all);
    want.reverse();
    want.truncate(5);
    assert_eq!(ids(&latest), want);
    assert_eq!(latest[0]["date"], "2025-11-06");

    // Titles sort folded, from their first letter or digit: a quote is not a letter.
    let by_title = listed(&["--sort", "title"]);
    let titles: Vec<String> = by_title
        .iter()
        .map(|e| fold(e["title"].as_str().unwrap_or_default()))
        .map(|t| t.trim_start_matches(|c: char| !c.is_alphanumeric()).to_string())
        .collect();
    assert!(titles.windows(2).all(|w| w[0] <= w[1]), "{titles:?}");
    assert_eq!(by_title.len(), all.len());
    let five = titles.iter().position(|t| t.starts_with("shanghai five")).expect("'Shanghai Five'");
    assert!(titles[five - 1] < titles[five] && titles[five - 1].starts_with(['r', 's']));

    // By the first country's name, then by date.
    let q = bundled();
    let name =
        |code: &str| q.timeline().countries.iter().find(|c| c.code == code).map(|c| c.name.clone());
    let by_country = listed(&["--sort", "country", "--where", "tag:summit"]);
    let keys: Vec<(String, String)> = by_country
        .iter()
        .map(|e| {
            let first = strs(&e["countries"]).first().and_then(|c| name(c)).unwrap_or_default();
            (first, e["date"].as_str().unwrap_or_default().to_string())
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    assert_eq!(keys[0].0, "China", "{keys:?}");
    assert!(keys.iter().any(|k| k.0 == "Kyrgyzstan"), "{keys:?}");

    // A negative limit is named as one, not taken for an option.
    for bad in ["-1", "ten"] {
        let o = steppe(&["list", "--limit", bad]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(err.contains("--limit takes a whole number, 0 or more"), "{err}");
        assert!(!err.contains("-- -1"), "{err}");
    }

    let o = steppe(&["export", "--where", "tag:summit", "--sort", "-date", "--limit", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    let first = md.find("Dushanbe").expect("the latest summit first");
    assert!(md.matches("\n## ").count() <= 3, "{md}");
    assert!(first < md.find("Astana").unwrap_or(usize::MAX), "{md}");
}

#[test]
fn a_mistake_points_at_itself_with_exit_code_2() {
    let o = steppe(&["list", "--where", "tag:sumit from:2013"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("no tag `sumit` in the loaded timelines; did you mean `summit`?"),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    let at = lines.iter().position(|l| l.trim_end() == "    tag:sumit from:2013").expect("echoed");
    assert!(lines[at + 1].starts_with("        ^^^^^ expected one of: "), "{err}");
    assert!(stdout(&o).is_empty());

    for (expr, caret_col, words) in [
        ("country:KZ and", 18, "`and` needs a filter after it"),
        ("(tag:war or tag:summit", 4, "this `(` is not closed"),
        ("from:2013 cuntry:KZ", 14, "did you mean `country:`?"),
        ("country:KZX", 12, "did you mean `KZ` (Kazakhstan)?"),
        ("era:sovet", 8, "did you mean `soviet` ("),
        ("related:ussr-disolved", 12, "did you mean `ussr-dissolved`?"),
        ("to:1991-13", 7, "there is no month 13"),
        (
            "tag:summit andd country:KZ",
            15,
            "`andd` would be searched for as text; did you mean `and`?",
        ),
        ("country!=RU", 4, "did you mean `not country:RU`?"),
    ] {
        let o = steppe(&["stats", "--where", expr]);
        assert_eq!(o.status.code(), Some(2), "{expr}");
        let err = stderr(&o);
        assert!(err.contains(words), "{expr}: {err}");
        let caret = err.lines().find(|l| l.trim_start().starts_with('^')).expect("a caret line");
        assert_eq!(caret.find('^'), Some(caret_col), "{expr}: {err}");
    }
}

#[test]
fn countries_and_actors_are_found_by_their_common_names() {
    let turkey = ids(&listed(&["--where", "country:TR"]));
    assert!(!turkey.is_empty());
    // The name is `Turkey (Türkiye)`: each part names it too, accents ignored.
    for name in ["country:turkey", "country:turkiye", "country:Türkiye", "country:\"TURKEY\""] {
        assert_eq!(ids(&listed(&["--where", name])), turkey, "{name}");
    }
    let soviet = ids(&listed(&["--where", "country:SU"]));
    for name in ["country:\"soviet union\"", "country:soviet-union", "country:ussr"] {
        assert_eq!(ids(&listed(&["--where", name])), soviet, "{name}");
    }
    assert_eq!(ids(&listed(&["--country", "soviet union"])), soviet);
    assert_eq!(ids(&listed(&["--country", "Persia"])), ids(&listed(&["--country", "IR"])));
}

#[test]
fn an_unknown_name_suggests_the_nearest_and_lists_them_first() {
    let o = steppe(&["list", "--where", "actor:xi"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("did you mean `xi-jinping` (Xi Jinping)?"), "{err}");
    assert!(err.contains("expected one of: xi-jinping (Xi Jinping), "), "{err}");
    let err = stderr(&steppe(&["list", "--where", "actor:jinping"]));
    assert!(err.contains("did you mean `xi-jinping` (Xi Jinping)?"), "{err}");
    // A typo of a name, not of the code, is found; the list starts with it.
    let err = stderr(&steppe(&["list", "--where", "country:kazakstan"]));
    assert!(err.contains("did you mean `KZ` (Kazakhstan)?"), "{err}");
    assert!(err.contains("expected one of: KZ (Kazakhstan), "), "{err}");
    // Past the fifteen listed, the list says how many more; the nearest are never the ones cut.
    let err = stderr(&steppe(&["list", "--where", "country:turky"]));
    assert!(err.contains("expected one of: TR (Turkey (Türkiye)), "), "{err}");
    let countries = bundled().timeline().countries.len();
    assert!(countries > 15, "{countries}");
    assert!(err.contains(&format!(", … and {} more\n", countries - 15)), "{err}");
    let err = stderr(&steppe(&["list", "--country", "vladimir"]));
    assert!(err.contains("no country `vladimir`"), "{err}");
    let err = stderr(&steppe(&["list", "--actor", "vladimir"]));
    assert!(err.contains("did you mean `putin` (Vladimir Putin)?"), "{err}");
    assert!(err.contains("known: putin (Vladimir Putin), "), "{err}");
}

#[test]
fn an_empty_result_says_so_and_a_likely_typo_in_a_date_is_named() {
    let o = steppe(&["list", "--country", "TM", "--from", "2030"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("no events match: country:TM and from:2030"), "{}", stderr(&o));
    let o = steppe(&["list", "--format", "json", "--where", "tag:war and not tag:war"]);
    assert_eq!(stdout(&o).trim(), "[]");
    assert!(stderr(&o).contains("no events match: tag:war and not tag:war"), "{}", stderr(&o));

    let o = steppe(&["list", "--from", "13"]);
    let err = stderr(&o);
    assert!(err.contains("warning: `--from 13` is taken as the year 13"), "{err}");
    assert!(err.contains("every event is from 1840 or later"), "{err}");
    assert!(err.contains("did you mean 2013?"), "{err}");
    let o = steppe(&["list", "--where", "to:91"]);
    assert!(stderr(&o).contains("`to:91` in --where is taken as the year 91"), "{}", stderr(&o));
    let o = steppe(&["list", "--from", "1991", "--limit", "0"]);
    assert!(stderr(&o).is_empty(), "a limit of 0 is no empty match: {}", stderr(&o));
}

#[test]
fn search_ignores_case_accents_and_width() {
    let erdogan = ids(&listed(&["--search", "erdogan"]));
    assert_eq!(erdogan, ids(&listed(&["--search", "ERDOĞAN"])));
    assert_eq!(erdogan, ids(&listed(&["--where", "erdogan"])));
    assert_eq!(erdogan, ids(&listed(&["--search", "ｅｒｄｏｇａｎ"])));
    assert!(!erdogan.is_empty());
    let turkiye = ids(&listed(&["--search", "turkiye"]));
    let want = expected(|e, _| {
        let text = format!("{} {}", e["title"], e["summary"]);
        text.contains("Türkiye") || strs(&e["countries"]).contains(&"TR")
    });
    assert_eq!(turkiye, want);
    // Words side by side are each searched for; a quoted phrase as a whole.
    let words = ids(&listed(&["--where", "belt road"]));
    let phrase = ids(&listed(&["--where", "\"belt and road\""]));
    assert!(phrase.iter().all(|p| words.contains(p)));
    assert!(!phrase.is_empty() && phrase.len() <= words.len());
    assert_eq!(phrase, ids(&listed(&["--where", "text:\"Belt and Road\""])));
}

#[test]
fn match_ranges_are_in_the_original_text_for_highlighting() {
    let q = bundled();
    let tl = q.timeline();
    let actor = tl.actors.iter().find(|a| a.id == "erdogan").expect("Erdoğan is in the data");
    let r = match_ranges(&actor.name, "erdogan");
    assert_eq!(r.len(), 1);
    assert_eq!(&actor.name[r[0].clone()], "Erdoğan");
}

#[test]
fn narrowing_a_search_gives_what_a_fresh_search_gives_and_can_be_cancelled() {
    let q = bundled();
    let never = || false;
    let mut previous = None;
    for text in ["s", "su", "sum", "summ", "summit", "summit ", "summit (a"] {
        let narrowed = q.search(text, previous.as_ref(), &never).expect("not cancelled");
        let fresh = q.search(text, None, &never).expect("not cancelled");
        assert_eq!(narrowed, fresh, "{text}");
        previous = Some(narrowed);
    }
    // A text that does not extend the previous one searches everything again.
    let other = q.search("astana", previous.as_ref(), &never).expect("not cancelled");
    assert_eq!(Some(other), q.search("astana", None, &never));

    let stop = AtomicBool::new(true);
    assert!(q.search("astana", None, &|| stop.load(Ordering::Relaxed)).is_none());
    // Hits passed in are used as the result of the filter's search.
    let hits = q.search("dushanbe", None, &never).expect("not cancelled");
    let filter = Filter { search: "Dushanbe".into(), ..Filter::default() };
    let shown = q.outcome(&filter, Some(&hits)).shown;
    assert_eq!(shown, hits.events().collect::<Vec<_>>());
    assert_eq!(shown, q.matches(&filter));
}

#[test]
fn country_counts_in_all_of_mode_are_the_events_if_the_country_were_added() {
    let q = bundled();
    let tl = q.timeline();
    let pos = |code: &str| tl.countries.iter().position(|c| c.code == code).expect("country");
    let with = |codes: &[&str]| {
        tl.events
            .iter()
            .filter(|e| codes.iter().all(|c| e.countries.iter().any(|x| x == c)))
            .count()
    };
    let filter =
        Filter { countries: vec!["KZ".into(), "CN".into()], match_all: true, ..Filter::default() };
    let out = q.outcome(&filter, None);
    assert_eq!(out.shown.len(), with(&["KZ", "CN"]));
    // Ticked: the events shown now. Not ticked: the events if it were ticked too.
    assert_eq!(out.country_counts[pos("KZ")], out.shown.len());
    assert_eq!(out.country_counts[pos("CN")], out.shown.len());
    assert_eq!(out.country_counts[pos("UZ")], with(&["KZ", "CN", "UZ"]));
    assert!(with(&["UZ"]) > with(&["KZ", "CN", "UZ"]), "the test tells the two readings apart");
    // In "any of" mode: the country's events under the other filters.
    let any = Filter { match_all: false, ..filter };
    let out = q.outcome(&any, None);
    assert_eq!(out.country_counts[pos("UZ")], with(&["UZ"]));
}

#[test]
fn the_country_pane_says_what_its_count_means_in_all_of_mode() {
    let mut app = common::app(140, 45);
    let tl = app.timeline().clone();
    let uz = tl.countries.iter().position(|c| c.code == "UZ").expect("UZ");
    common::set_filter(&mut app, |f| {
        f.countries = vec!["KZ".into(), "CN".into()];
        f.match_all = true;
    });
    press(&mut app, KeyCode::Tab);
    common::find(&mut app, "UZ");
    assert_eq!(app.facets().country_cursor, uz);
    let screen = common::screen_text(&common::render(&app));
    common::find(&mut app, "KZ");
    let ticked = common::screen_text(&common::render(&app));
    assert!(ticked.contains(&format!("; {} shown", app.shown().len())), "{ticked}");
    let total = tl.events.iter().filter(|e| e.countries.iter().any(|c| c == "UZ")).count();
    let added = app.country_counts()[uz];
    assert!(added < total, "{added} {total}");
    assert!(screen.contains(&format!("{total} events; {added} if ticked too")), "{screen}");
}

#[test]
fn the_explorer_started_with_where_shows_what_list_shows() {
    let q = bundled();
    let expr = "(tag:summit or tag:treaty) from:2013 not country:RU";
    let filter = Filter { expr: Some(parse(expr).expect("parses")), ..Filter::default() };
    let filter = q.check(&filter).expect("known names");
    let from_list = ids(&listed(&["--where", expr]));
    let app = App::new(q, filter, 120, 40);
    let shown: Vec<String> =
        app.shown().iter().map(|&i| app.timeline().events[i].id.clone()).collect();
    assert_eq!(shown, from_list);
    assert!(app.filter().describe().iter().any(|d| d.contains("where: (tag:summit")));
}

#[test]
fn the_explorer_opened_with_where_and_a_likely_typo_shows_both() {
    use steppe::tui::state::{Prepared, Startup};
    let expr = "(tag:summit or tag:treaty) not country:RU";
    let filter = Filter {
        from: steppe::model::PartialDate::parse("13").ok(),
        expr: Some(parse(expr).expect("parses")),
        ..Filter::default()
    };
    let mut app = App::loading(Startup { filter, ..Startup::default() }, 120, 40);
    let effects = common::deliver(&mut app, Ok(Prepared::new(bundled(), Default::default())));
    assert!(app.ready() && effects.is_empty(), "opens: {effects:?}");
    let shown: Vec<String> =
        app.shown().iter().map(|&i| app.timeline().events[i].id.clone()).collect();
    assert_eq!(shown, ids(&listed(&["--where", expr, "--from", "13"])));
    let message = app.message().unwrap_or_default().to_string();
    assert!(message.contains("`--from 13` is taken as the year 13"), "{message}");
}

#[test]
fn the_prompt_gets_a_located_error_it_can_show() {
    let q = bundled();
    let e = q.parse_where("tag:summit coutnry:KZ").expect_err("a typo");
    assert_eq!((e.span.clone(), e.column()), (11..18, 11));
    assert!(e.message.contains("did you mean `country:`?"), "{}", e.message);
    let e = q.parse_where("actor:putn").expect_err("unknown actor");
    assert_eq!(e.span, 6..10);
    assert!(e.message.contains("did you mean `putin` (Vladimir Putin)?"), "{}", e.message);
    let ok = q.parse_where("country:kazakhstan").expect("valid");
    let f = Filter { expr: Some(ok), ..Filter::default() };
    // Shown as typed; evaluated as the canonical code.
    assert_eq!(f.to_expression(), "country:kazakhstan");
    let kz = Filter { countries: vec!["KZ".into()], ..Filter::default() };
    assert_eq!(q.matches(&f), q.matches(&kz));
}

#[test]
fn stats_count_what_list_shows() {
    let o = steppe(&["stats", "--where", "tag:summit", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stats: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let summits = listed(&["--where", "tag:summit"]);
    assert_eq!(stats["events"], summits.len());
    assert_eq!(stats["filter"], "tag:summit");
    let count = |table: &str, key: &str| {
        stats[table]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["key"] == key))
            .map_or(0, |r| r["events"].as_u64().unwrap_or(0) as usize)
    };
    let kz = summits.iter().filter(|e| strs(&e["countries"]).contains(&"KZ")).count();
    assert_eq!(count("countries", "KZ"), kz);
    let putin = summits.iter().filter(|e| strs(&e["actors"]).contains(&"putin")).count();
    assert_eq!(count("actors", "putin"), putin);
    assert_eq!(count("tags", "summit"), summits.len());
    let in_2020s =
        summits.iter().filter(|e| e["date"].as_str().is_some_and(|d| d.starts_with("202"))).count();
    assert_eq!(count("decades", "2020"), in_2020s);
    let decades: Vec<i64> = stats["decades"]
        .as_array()
        .expect("decades")
        .iter()
        .filter_map(|r| r["key"].as_str()?.parse().ok())
        .collect();
    assert!(decades.windows(2).all(|w| w[0] < w[1]), "in time order: {decades:?}");
    // A name with brackets of its own takes the code inside them.
    let table = stdout(&steppe(&["stats"]));
    assert!(table.contains("Soviet Union (USSR, SU)"), "{table}");
    assert!(table.contains("Kazakhstan (KZ)"), "{table}");

    // Every decade between the first and the last is a row, an empty one with 0.
    let o = steppe(&["stats", "--format", "json"]);
    let all: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let rows = all["decades"].as_array().expect("decades");
    let keys: Vec<i64> = rows.iter().filter_map(|r| r["key"].as_str()?.parse().ok()).collect();
    assert!(keys.windows(2).all(|w| w[1] == w[0] + 10), "no decade left out: {keys:?}");
    assert_eq!(keys.first(), Some(&1840));
    assert!(rows.iter().any(|r| r["key"] == "1950" && r["events"] == 0), "{rows:?}");
    let total: u64 = rows.iter().filter_map(|r| r["events"].as_u64()).sum();
    assert_eq!(total, all["events"].as_u64().unwrap_or(0));
    let table = stdout(&steppe(&["stats"]));
    assert!(table.lines().any(|l| l == "  1950s   0"), "{table}");
    let countries = stats["countries"].as_array().expect("countries");
    assert!(countries.windows(2).all(|w| w[0]["events"].as_u64() >= w[1]["events"].as_u64()));

    let o = steppe(&["stats", "--country", "TJ", "--format", "csv"]);
    let csv = stdout(&o);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("facet,key,label,events"));
    let facets: BTreeSet<&str> = lines.filter_map(|l| l.split(',').next()).collect();
    assert_eq!(facets, BTreeSet::from(["actor", "country", "decade", "tag"]));
    assert!(csv.contains("country,TJ,Tajikistan,"), "{csv}");

    let o = steppe(&["stats", "--country", "TJ"]);
    let table = stdout(&o);
    let tj = listed(&["--country", "TJ"]).len();
    assert!(table.starts_with(&format!("{tj} events · country:TJ\n")), "{table}");
    let row = table.lines().find(|l| l.contains("Tajikistan (TJ)")).expect("a TJ row");
    assert!(row.contains(&format!(" {tj}  █")), "{row}");
    for heading in ["By decade", "By country", "By actor", "By tag"] {
        assert!(table.contains(heading), "{table}");
    }
}

#[test]
fn indexes_made_in_parts_on_every_core_agree_with_each_event() {
    use steppe::model::{Country, Event, PartialDate, Timeline};
    // Runs of 16,384 events are indexed at once: links and countries cross them.
    let n = 50_000;
    let mut tl = Timeline::default();
    for c in 0..7 {
        tl.countries.push(Country {
            code: format!("C{c}"),
            name: format!("Country {c}"),
            aliases: Vec::new(),
            capital: None,
            location: None,
        });
    }
    for i in 0..n {
        let mut e = Event::new(format!("e{i}"), PartialDate::year(1000 + (i / 100) as i32), "E");
        e.countries = vec![format!("C{}", i % 7), "XX".into()];
        e.related = vec![format!("e{}", (i + 20_000) % n), format!("e{}", (i + 20_000) % n)];
        tl.events.push(e);
    }
    let q = steppe::query::Query::new(tl);
    for i in [0, 16_383, 16_384, 29_999, 30_000, 49_999] {
        let (to, from) = q.links(i);
        assert_eq!(to, [((i + 20_000) % n) as u32], "event {i}");
        assert_eq!(from, [((i + n - 20_000) % n) as u32], "event {i}");
    }
    let want: Vec<usize> = (0..7).map(|c| (0..n).filter(|i| i % 7 == c).count()).collect();
    assert_eq!(q.country_totals(), want);
}
