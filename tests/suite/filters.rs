//! Filtering in the explorer, with keys, the search, the filter prompt and
//! the tag picker: it shows what `steppe list` shows for the same filter,
//! and says what to do when nothing matches.

use ratatui::crossterm::event::KeyCode;

use crate::common;

#[allow(unused_imports)]
use common::*;
use steppe::query::{Filter, Query, parse};
use steppe::tui::layout::Pane;
use steppe::tui::state::Overlay;
use steppe::tui::{App, Effect, Msg};

fn selected_ids(app: &App) -> Vec<String> {
    app.shown().iter().map(|&i| app.timeline().events[i].id.clone()).collect()
}

/// What `steppe list` shows for these flags.
fn listed(query: &Query, filter: Filter) -> Vec<usize> {
    query.matches(&query.check(&filter).expect("a valid filter"))
}

#[test]
fn filtering_to_a_country_with_keys_matches_the_list_command() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Countries);
    let tm = app.timeline().countries.iter().position(|c| c.code == "TM").expect("TM is declared");
    // The list shows the busiest first: Down moves in that order.
    for _ in 0..app.facets().country_order.rank(tm) {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.facets().country_cursor, tm);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter().countries, ["TM"]);
    let query = bundled();
    let list = query.matches(
        &query.check(&Filter { countries: vec!["tm".into()], ..Filter::default() }).expect("valid"),
    );
    assert_eq!(app.shown(), list);
    assert!(app.shown().len() >= 5);
    // Country counts apply every filter but the country one: what a toggle would add.
    let with = |code: &str| {
        app.timeline().events.iter().filter(|e| e.countries.iter().any(|c| c == code)).count()
    };
    let kz = app.timeline().countries.iter().position(|c| c.code == "KZ").expect("KZ");
    assert_eq!(app.country_counts()[kz], with("KZ"));
    assert_eq!(app.country_counts()[tm], with("TM"));
    // Actor counts do follow the country filter.
    let putin = app.timeline().actors.iter().position(|a| a.id == "putin").expect("putin");
    let putin_tm = app
        .shown()
        .iter()
        .filter(|&&i| app.timeline().events[i].actors.iter().any(|a| a.id == "putin"))
        .count();
    assert_eq!(app.actor_counts()[putin], putin_tm);
    press(&mut app, KeyCode::Enter);
    assert!(app.filter().countries.is_empty());
    assert_eq!(app.shown().len(), app.timeline().events.len());
}

#[test]
fn match_all_narrows_and_clear_resets() {
    let mut app = app(120, 40);
    focus(&mut app, Pane::Countries);
    let tl = app.timeline().clone();
    for code in ["KZ", "CN"] {
        find(&mut app, code);
        let at = tl.countries.iter().position(|c| c.code == code).expect("declared");
        assert_eq!(app.facets().country_cursor, at);
        press(&mut app, KeyCode::Char(' '));
    }
    let any = app.shown().len();
    press(&mut app, KeyCode::Char('m'));
    assert!(app.filter().match_all);
    let all = app.shown().len();
    assert!(all < any, "all ({all}) narrows any ({any})");
    for &i in app.shown() {
        let e = &tl.events[i];
        assert!(
            e.countries.contains(&"KZ".into()) && e.countries.contains(&"CN".into()),
            "{}",
            e.id
        );
    }
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.filter(), &Filter::default());
    assert_eq!(app.shown().len(), tl.events.len());
}

#[test]
fn search_as_you_type_finds_the_dushanbe_summit() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Dushanbe");
    // The summit, the CIS summit there the next day, and the Washington summit
    // whose summary recalls it.
    const DUSHANBE: [&str; 3] = [
        "russia-central-asia-summit-2",
        "cis-summit-dushanbe-2025",
        "c5plus1-summit-washington-2025",
    ];
    assert_eq!(selected_ids(&app), DUSHANBE);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.prompt(), None);
    assert_eq!(app.filter().search, "Dushanbe");
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some("russia-central-asia-summit-2"));
    // Typing q in the prompt types, it does not quit.
    // `/` starts a new search, and typing q in the prompt types, it does not quit.
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.filter().search, "");
    assert_eq!(app.shown().len(), app.timeline().events.len());
    for c in "dushanbeq".chars() {
        assert!(!quits(&press(&mut app, KeyCode::Char(c))));
    }
    assert!(app.shown().is_empty());
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.shown().len(), DUSHANBE.len());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.filter().search, "");
    assert_eq!(app.shown().len(), app.timeline().events.len());
}

#[test]
fn next_and_previous_match_wrap_around() {
    let mut app = app(120, 40);
    set_filter(&mut app, |f| {
        f.search = "summit".into();
    });
    let n = app.shown().len();
    assert!(n > 3);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.selected(), n - 1, "N from the first wraps to the last");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.selected(), 0);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.selected(), 1);
}

#[test]
fn esc_clears_a_kept_search_and_the_year_prompt_explains_itself() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "summit");
    press(&mut app, KeyCode::Enter);
    assert!(app.shown().len() < app.timeline().events.len());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.filter().search, "");
    assert_eq!(app.shown().len(), app.timeline().events.len());
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.message(), None, "an empty prompt just closes");
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "3000");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected(), app.shown().len() - 1);
    assert!(app.message().is_some_and(|m| m.contains("no event in or after 3000")));
}

#[test]
fn a_search_for_erdogan_finds_erdogans_events_and_marks_them() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "erdogan");
    press(&mut app, KeyCode::Enter);
    let query = bundled();
    let expected = listed(&query, Filter { search: "erdogan".into(), ..Filter::default() });
    assert_eq!(app.shown(), expected, "the explorer and `list --search` agree");
    let tl = app.timeline();
    let his: Vec<usize> = (0..tl.events.len())
        .filter(|&i| tl.events[i].actors.iter().any(|a| a.id == "erdogan"))
        .collect();
    assert!(!his.is_empty());
    assert!(his.iter().all(|i| app.shown().contains(i)), "every event he took part in");
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
    assert_eq!(app.filter().search, "");
    type_text(&mut app, "türkiye");
    assert_eq!(
        app.shown(),
        listed(&query, Filter { search: "turkiye".into(), ..Filter::default() })
    );
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
        assert_eq!(app.shown(), found, "{alias}");
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
    assert_eq!(app.shown(), listed(&query, flags.clone()));
    assert!(!app.shown().is_empty());
    assert_eq!(app.filter().tags, ["summit"], "plain terms become the flags the panes show");
    let status = screen_text(&render(&app));
    assert!(status.contains("tag: summit"), "{status}");
    // Opened again, it holds the filter as words to edit.
    press(&mut app, KeyCode::Char('f'));
    let Some(p) = app.prompt() else { panic!("open") };
    assert!(p.input.contains("tag:summit") && p.input.contains("from:2013"), "{}", p.input);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.shown(), listed(&query, flags), "Esc leaves the filter as it was");

    // or, not and brackets: an expression, the same events as `list --where`.
    let text = "(tag:summit or tag:treaty) and not country:RU";
    press(&mut app, KeyCode::Char('f'));
    for _ in 0..200 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, text);
    press(&mut app, KeyCode::Enter);
    let w = query.parse_where(text).expect("valid");
    assert_eq!(app.shown(), query.matches(&Filter { expr: Some(w), ..Filter::default() }));
    assert!(app.filter().expr.is_some());
}

#[test]
fn a_mistake_in_the_filter_prompt_points_at_itself() {
    let mut app = app(120, 40);
    let all = app.shown().to_vec();
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "tag:sumit from:2013");
    let Some(p) = app.prompt() else { panic!("open") };
    let e = p.error.clone().expect("checked as typed");
    assert_eq!(&p.input[e.span.clone()], "sumit");
    assert!(e.message.contains("did you mean `summit`"), "{}", e.message);
    press(&mut app, KeyCode::Enter);
    assert!(app.prompt().is_some(), "the prompt stays open on a mistake");
    assert_eq!(app.shown(), all, "and the filter is unchanged");
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
            app.message(),
            Some("countries: events involving all of the selected countries")
        );
    }
}

#[test]
fn the_tag_picker_counts_and_ticks() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('#'));
    let Some(Overlay::Tags(p)) = app.overlays().top() else { panic!("no tag picker") };
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
    assert_eq!(app.filter().tags, ["summit"]);
    let text = screen_text(&render(&app));
    assert!(text.contains("[x] summit"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.shown().len(), summit);
}

#[test]
fn searched_texts_of_an_expression_are_marked_but_not_those_under_not() {
    let w = parse("belt (road or \"silk way\") not xi").expect("valid");
    assert_eq!(w.searched_texts(), ["belt", "road", "silk way"]);
}

#[test]
fn big_timelines_filter_in_the_worker_and_a_stale_answer_is_ignored() {
    use steppe::tui::filtering::compute;
    let mut app = app(100, 30).with_background_from(0);
    let all = app.shown().len();
    press(&mut app, KeyCode::Char('/'));
    let mut requests = Vec::new();
    for c in "Dushan".chars() {
        for effect in press(&mut app, KeyCode::Char(c)) {
            match effect {
                Effect::Filter(r) => requests.push(r),
                other => panic!("{other:?}"),
            }
        }
    }
    assert_eq!(requests.len(), 6, "one request per keystroke");
    assert_eq!(app.shown().len(), all, "the last result shows until the new one is there");
    assert!(app.filtering());
    assert!(screen_text(&render(&app)).contains("searching…"));
    let answer = |r: &steppe::tui::filtering::FilterRequest| {
        Msg::Filtered(Box::new(compute(&r.query, &r.filter, r.generation, None)))
    };
    let version = app.version();
    app.update(answer(&requests[2]));
    assert_eq!(app.version(), version, "superseded: nothing changes");
    assert!(app.filtering());
    app.update(answer(requests.last().expect("a request")));
    assert!(app.version() > version);
    assert!(!app.filtering());
    assert_eq!(selected_ids(&app)[0], "russia-central-asia-summit-2");
    assert_eq!(selected_ids(&app).len(), 3, "and the two events after it that name Dushanbe");
}

#[test]
fn status_bar_counts_and_names_the_filters() {
    let mut app = app(120, 40);
    set_filter(&mut app, |f| {
        f.countries = vec!["KZ".into(), "UZ".into()];
        f.tags = vec!["summit".into()];
    });
    let text = screen_text(&render(&app));
    let status = text.lines().last().expect("a status line");
    assert!(
        status.contains(&format!(
            "{} of 80 events · countries: KZ UZ · tag: summit",
            app.shown().len()
        )),
        "{status}"
    );
    assert!(status.contains("? help"), "{status}");
}
