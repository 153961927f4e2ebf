//! Teaching: slides, tours, the quiz and handouts.

use ratatui::crossterm::event::KeyCode;

use crate::common;

use common::{app, press, render, screen_text as text, select, set_filter, start_tour};
use steppe::tui::{Action, App, Msg, Screen};

fn tour_app(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    start_tour(&mut app, 0);
    app
}

/// Answers the quiz's question on screen (with the first choice, or the
/// year 1) and goes on to the next.
fn answer_and_go_on(app: &mut App) {
    let Screen::Quiz(q) = app.screen() else { panic!("no quiz") };
    let when = matches!(q.current(), Some(steppe::teach::quiz::Question::When { .. }));
    press(app, KeyCode::Char('1'));
    if when {
        press(app, KeyCode::Enter);
    }
    press(app, KeyCode::Enter);
}

fn step(app: &App) -> usize {
    match &app.screen() {
        Screen::Present(p) => p.at,
        other => panic!("not presenting: {other:?}"),
    }
}

#[test]
fn the_bundled_tour_is_a_lesson_of_at_least_ten_steps() {
    let app = app(120, 40);
    let tour = app.timeline().tour("new-great-game").expect("the bundled tour");
    assert!(tour.steps.len() >= 10);
    assert_eq!(tour.steps.first().map(|s| s.event), Some("ussr-dissolved"));
    assert_eq!(tour.steps.last().map(|s| s.event), Some("russia-central-asia-summit-2"));
    for s in &tour.steps {
        assert!(s.note().is_some_and(|n| n.len() > 20), "{} has a note", s.event);
        assert!(s.question().is_some_and(|q| q.ends_with('?')), "{} asks a question", s.event);
    }
}

#[test]
fn tour_navigation_stays_in_bounds_and_returns_to_the_same_event() {
    let mut app = tour_app(120, 40);
    assert_eq!(step(&app), 0);
    press(&mut app, KeyCode::Left);
    assert_eq!(step(&app), 0);
    for _ in 0..30 {
        press(&mut app, KeyCode::Char(' '));
    }
    assert_eq!(step(&app), 12);
    press(&mut app, KeyCode::Home);
    assert_eq!(step(&app), 0);
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(step(&app), 11);
    let shown = text(&render(&app));
    assert!(shown.contains("Step 12 of 13"), "{shown}");
    assert!(shown.contains("The new Great Game, 1991–2025"), "{shown}");
    let event = match &app.screen() {
        Screen::Present(p) => p.event().expect("an event"),
        _ => unreachable!(),
    };
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), &Screen::Main);
    assert_eq!(app.shown()[app.selected()], event, "back on the event of the slide");
}

#[test]
fn notes_are_hidden_until_asked_for_and_the_question_has_its_own_key() {
    let mut app = tour_app(120, 40);
    let tour = app.timeline().tour("new-great-game").expect("tour").clone();
    let step = tour.steps.first().expect("a step");
    let start = |s: Option<&str>, what: &str| -> String {
        s.unwrap_or_else(|| panic!("a {what}")).chars().take(30).collect()
    };
    let note_start = start(step.note(), "note");
    let question_start = start(step.question(), "question");
    let clean = text(&render(&app));
    assert!(!clean.contains(&note_start), "the projector shows a clean slide:\n{clean}");
    assert!(!clean.contains(&question_start));
    assert!(
        clean.contains("a question") && clean.contains("i notes"),
        "the footer names both keys:\n{clean}"
    );
    press(&mut app, KeyCode::Char('i'));
    let with_note = text(&render(&app));
    assert!(
        with_note.contains("Note for the teacher") && with_note.contains(&note_start),
        "{with_note}"
    );
    press(&mut app, KeyCode::Char('a'));
    let with_question = text(&render(&app));
    assert!(with_question.contains("Question for the class"), "{with_question}");
    press(&mut app, KeyCode::Right);
    assert!(
        !text(&render(&app)).contains("Question for the class"),
        "a new slide starts without its question"
    );
    press(&mut app, KeyCode::Char('?'));
    assert!(app.overlays().help().is_some(), "? stays help");
}

#[test]
fn slide_80x24() {
    let mut app = app(80, 24);
    select(&mut app, "russia-central-asia-summit-2");
    app.update(Action::StartPresentation);
    let shown = text(&render(&app));
    assert!(shown.contains("78 / 80"), "{shown}");
    assert!(shown.contains('█'), "the date in block letters:\n{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn slide_200x60() {
    let mut app = tour_app(200, 60);
    press(&mut app, KeyCode::Char('i'));
    let shown = text(&render(&app));
    assert!(shown.contains("██████"), "double-width block letters on a big screen:\n{shown}");
    assert!(shown.contains("Step 1 of 13"));
    insta::assert_snapshot!(shown);
}

#[test]
fn slides_fit_every_size() {
    let mut app = tour_app(1, 1);
    for (w, h) in [(20, 6), (50, 12), (60, 15), (80, 24), (100, 30), (200, 60), (300, 100)] {
        app.update(Msg::Resize { width: w, height: h });
        for _ in 0..12 {
            press(&mut app, KeyCode::Char('i'));
            press(&mut app, KeyCode::Char('a'));
            let buf = render(&app);
            assert_eq!((buf.area.width, buf.area.height), (w, h));
            press(&mut app, KeyCode::Right);
        }
        press(&mut app, KeyCode::Home);
    }
}

#[test]
fn a_quiz_from_the_explorer_scores_and_sums_up() {
    let mut app = app(100, 30).with_quiz_seed(11);
    press(&mut app, KeyCode::Char('z'));
    let Screen::Quiz(quiz) = &app.screen() else { panic!("no quiz") };
    let questions = quiz.questions.clone();
    assert_eq!(questions.len(), 10);
    let tl = app.timeline().clone();
    // Answer everything right: the real year, or the earlier event.
    for q in &questions {
        match *q {
            steppe::teach::quiz::Question::When { event } => {
                for c in tl.events[event].date.year.to_string().chars() {
                    press(&mut app, KeyCode::Char(c));
                }
                press(&mut app, KeyCode::Enter);
            }
            steppe::teach::quiz::Question::First { a, b } => {
                let first = if tl.events[a].date < tl.events[b].date { '1' } else { '2' };
                press(&mut app, KeyCode::Char(first));
            }
            steppe::teach::quiz::Question::Choose { answer, .. } => {
                let key = char::from_digit(answer as u32 + 1, 10).expect("a digit");
                press(&mut app, KeyCode::Char(key));
            }
        }
        let shown = text(&render(&app));
        assert!(shown.contains("✓ Right"), "{shown}");
        press(&mut app, KeyCode::Enter);
    }
    let shown = text(&render(&app));
    assert!(shown.contains("10 of 10 right"), "{shown}");
    assert!(shown.contains("Seed 11"), "{shown}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), &Screen::Main);
}

#[test]
fn quiz_questions_do_not_give_the_year_away() {
    let mut app = app(100, 30).with_quiz_seed(3);
    press(&mut app, KeyCode::Char('z'));
    let Screen::Quiz(quiz) = app.screen() else { panic!("no quiz") };
    let tl = app.timeline().clone();
    for q in quiz.questions.clone() {
        if let steppe::teach::quiz::Question::When { event } = q {
            let shown = text(&render(&app));
            let year = tl.events[event].date.year.to_string();
            assert!(!shown.contains(&year), "the year {year} shows in:\n{shown}");
        }
        answer_and_go_on(&mut app);
    }
}

#[test]
fn the_quiz_hides_years_only_and_marks_no_option() {
    use steppe::teach::quiz::Question;
    // Each quiz of a session takes the next seed.
    let mut app = app(100, 40).with_quiz_seed(0);
    let mut siege_seen = false;
    for seed in 0..40 {
        press(&mut app, KeyCode::Char('z'));
        let Screen::Quiz(quiz) = app.screen() else { panic!("no quiz") };
        assert_eq!(quiz.seed, seed);
        let questions = quiz.questions.clone();
        let tl = app.timeline().clone();
        for q in &questions {
            let shown = text(&render(&app));
            // Numbers that are not years stay: "100,000", "2,000".
            assert!(!shown.contains("···,···") && !shown.contains(",···"), "{shown}");
            // A number such as "100,000" in the summary stays as it is.
            if let Question::When { event } = q {
                let summary = &tl.events[*event].summary;
                let big = summary.split_whitespace().find(|w| {
                    let w = w.trim_matches(|c: char| !c.is_ascii_digit());
                    w.len() >= 5 && w.as_bytes()[w.len() - 4] == b','
                });
                if let Some(n) = big {
                    siege_seen = true;
                    let n = n.trim_matches(|c: char| !c.is_ascii_digit());
                    assert!(shown.replace('\n', " ").contains(n), "{n}: {shown}");
                }
            }
            if let Question::Choose { options, .. } = q {
                // The screen's words in order, borders and line ends aside.
                let words: Vec<&str> = shown
                    .split(|c: char| c.is_whitespace() || "┃│".contains(c))
                    .filter(|w| !w.is_empty())
                    .collect();
                let words = words.join(" ");
                for o in options {
                    let o = o.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(words.contains(&o), "option {o} is shown as it is:\n{shown}");
                }
            }
            if matches!(q, Question::First { .. }) {
                assert!(!shown.contains("··"), "no title of the two is marked:\n{shown}");
            }
            if matches!(q, Question::When { .. }) {
                assert!(shown.contains("(within 2 years counts)"), "{shown}");
                assert!(!shown.contains("BCE"), "no BCE advice for a timeline without BCE events");
            }
            answer_and_go_on(&mut app);
        }
        press(&mut app, KeyCode::Esc);
    }
    assert!(siege_seen, "an event with a big number was asked about in some seed");
}

fn steppe(args: &[&str]) -> std::process::Output {
    common::run::command()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("steppe runs")
}

#[test]
fn the_tour_handout_has_every_step_note_and_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("lesson.md");
    let o = steppe(&[
        "export",
        "--format",
        "markdown",
        "--tour",
        "new-great-game",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(&out).expect("handout");
    assert!(md.starts_with("# The new Great Game, 1991–2025\n"), "{md}");
    let app = app(80, 24);
    let tour = app.timeline().tour("new-great-game").expect("tour");
    for (n, s) in tour.steps.iter().enumerate() {
        let e = &app.timeline().events[app.timeline().event_index(s.event).expect("event")];
        assert!(md.contains(&format!("## Step {} of 13 — {}", n + 1, e.date_label())), "step {n}");
        for source in &e.sources {
            let url = source.url.as_deref().expect("a web source");
            assert!(md.contains(url), "{url}");
        }
    }
    // The tour's own note, then one a step.
    assert_eq!(md.matches("> **Note for the teacher:**").count(), 14);
    assert_eq!(md.matches("**Question for the class:**").count(), 13);
    assert!(md.contains("## All questions\n\n1. "), "{md}");
    let names: Vec<_> =
        std::fs::read_dir(dir.path()).expect("ls").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names, ["lesson.md"], "no temporary file is left behind");
}

#[test]
fn an_events_handout_follows_the_filters() {
    let o = steppe(&["export", "--country", "TM", "--tag", "summit"]);
    assert_eq!(o.status.code(), Some(0));
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(md.starts_with("# Central Asia between Russia, China and the West\n"), "{md}");
    assert!(md.contains("events · country: TM · tag: summit*"), "{md}");
    assert!(md.contains("## 9 Oct 2025 — Second Russia–Central Asia summit (Dushanbe)"), "{md}");
    assert!(!md.contains("Belavezha"), "filtered out");
    let o = steppe(&["export", "--tour", "no-such-tour"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("known: new-great-game"));
    let o = steppe(&["export", "--tour", "new-great-game", "--country", "KZ"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_unwritable_handout_fails_cleanly() {
    let o = steppe(&["export", "-o", "/nonexistent-dir/lesson.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the handout was not written"));
}

#[test]
fn a_students_handout_leaves_out_the_notes() {
    let o = steppe(&["export", "--tour", "new-great-game", "--no-notes"]);
    assert_eq!(o.status.code(), Some(0));
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(!md.contains("Note for the teacher"), "{md}");
    assert_eq!(md.matches("**Question for the class:**").count(), 13);
}

#[test]
fn plain_slides_offer_no_tour_keys_and_cut_text_is_marked() {
    let mut app = app(120, 40);
    app.update(Action::StartPresentation);
    let shown = text(&render(&app));
    assert!(!shown.contains("i notes") && !shown.contains("a question"), "{shown}");
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.context(), steppe::tui::keymap::Context::Present);
    // A small screen with the note and the question: the question wins.
    let mut app = tour_app(60, 15);
    press(&mut app, KeyCode::Char('i'));
    press(&mut app, KeyCode::Char('a'));
    let shown = text(&render(&app));
    assert!(shown.contains("Question for the class"), "{shown}");
    // At 80×24 the summary is cut to make room, and says so.
    let mut app = tour_app(80, 24);
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Char('i'));
    press(&mut app, KeyCode::Char('a'));
    let shown = text(&render(&app));
    assert!(
        shown.contains("Note for the teacher") && shown.contains("Question for the class"),
        "{shown}"
    );
    assert!(shown.contains('…'), "a cut summary ends in an ellipsis:\n{shown}");
}

#[test]
fn nothing_to_present_or_ask_is_said_not_shown() {
    let mut app = app(80, 24);
    set_filter(&mut app, |f| {
        f.search = "no event says this".into();
    });
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.screen(), &Screen::Main, "no empty slide show");
    assert!(app.message().is_some_and(|m| m.contains("no events to present")));
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(app.screen(), &Screen::Main, "no empty quiz");
    assert!(app.message().is_some_and(|m| m.contains("no events to ask about")));
}

#[test]
fn leaving_a_tour_on_a_hidden_event_says_why() {
    let mut app = app(120, 40);
    set_filter(&mut app, |f| {
        f.countries = vec!["KG".into()];
    });
    start_tour(&mut app, 0);
    for _ in 0..3 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), &Screen::Main);
    assert!(
        app.message().is_some_and(|m| m.contains("hidden by the filters")),
        "{:?}",
        app.message()
    );
}

#[test]
fn quiz_results_scroll_to_their_end_and_no_further() {
    let mut app = app(80, 24).with_quiz_seed(5);
    press(&mut app, KeyCode::Char('z'));
    while matches!(&app.screen(), Screen::Quiz(q) if !q.finished()) {
        for c in "19901".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
    }
    for _ in 0..100 {
        press(&mut app, KeyCode::Down);
    }
    let shown = text(&render(&app));
    assert!(
        shown.contains("Esc: back to the explorer"),
        "the end of the results is reachable:\n{shown}"
    );
    let Screen::Quiz(q) = &app.screen() else { panic!("left the quiz") };
    let bottom = q.scroll;
    assert!(bottom > 0 && bottom < 100, "scrolling stops at the end, at {bottom}");
    press(&mut app, KeyCode::Up);
    let Screen::Quiz(q) = &app.screen() else { panic!("left the quiz") };
    assert_eq!(q.scroll + 1, bottom, "one key brings it back one line");
}

/// The words a slide may show: every word of the texts it draws from.
fn source_words(app: &App) -> std::collections::HashSet<String> {
    let tl = app.timeline();
    let mut texts: Vec<String> = vec![
        "Note for the teacher Question for the class Step of".into(),
        "a question i notes → next ← back Esc explorer ? help q quit b blank".into(),
        "Note for the teacher: hidden, no room for it at this size".into(),
    ];
    for t in &tl.tours {
        texts.push(t.title.clone());
        for s in &t.steps {
            texts.extend(s.note().map(str::to_string));
            texts.extend(s.question().map(str::to_string));
        }
    }
    for e in &tl.events {
        texts.extend([e.title.clone(), e.summary.clone(), e.date_label()]);
        texts.extend(e.quotes.iter().map(|q| q.text.clone()));
        texts.extend(e.quotes.iter().map(|q| q.source.title.clone()));
        texts.extend(e.actors.iter().filter_map(|p| p.role.clone()));
    }
    texts.extend(tl.eras.iter().map(|e| e.title.clone()));
    texts.extend(tl.countries.iter().map(|c| c.name.clone()));
    texts.extend(tl.actors.iter().map(|a| a.name.clone()));
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    texts.iter().flat_map(|t| t.split_whitespace().map(clean).collect::<Vec<_>>()).collect()
}

#[test]
fn at_80x24_no_word_is_cut_and_every_cut_says_so() {
    let app = tour_app(80, 24);
    let known = source_words(&app);
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let steps = app.timeline().tour("new-great-game").expect("tour").steps.len();
    for toggles in [&[][..], &['i'][..], &['i', 'a'][..]] {
        let mut app = tour_app(80, 24);
        for &k in toggles {
            press(&mut app, KeyCode::Char(k));
        }
        for _ in 0..steps {
            let shown = text(&render(&app));
            for word in shown.split(|c: char| c.is_whitespace() || "│┌┐└┘─".contains(c))
            {
                if word.is_empty()
                    || word.contains('█')
                    || word.chars().all(|c| !c.is_alphanumeric())
                {
                    continue;
                }
                let w = clean(word);
                let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
                assert!(
                    known.contains(&w)
                        || w.split(['–', '-', '/']).all(|p| p.is_empty()
                            || known.contains(p)
                            || p.chars().all(|c| c.is_ascii_digit()))
                        || letters(&w) <= 1,
                    "{word:?} is not a whole word at step {:?}, toggles {toggles:?}:\n{shown}",
                    app.screen()
                );
            }
            press(&mut app, KeyCode::Right);
        }
    }
}

#[test]
fn at_200x60_a_slide_fills_the_screen_with_large_letters() {
    for step in 0..12 {
        let mut app = tour_app(200, 60);
        for _ in 0..step {
            press(&mut app, KeyCode::Right);
        }
        let buf = render(&app);
        let shown = text(&buf);
        let rows: Vec<&str> = shown.lines().collect();
        let big = rows.iter().filter(|r| r.contains('█')).count();
        if shown.contains("We are prompted to invigorate") {
            // A long quote (48 words) reads as plain text, a blank line between its lines.
            assert_eq!(big, 0, "the quote at step {step} in block letters:\n{shown}");
            let said = rows.iter().filter(|r| r.trim().len() > 60).count();
            assert!(said >= 3, "the quote's lines at step {step}:\n{shown}");
        } else {
            assert!(
                big >= 10,
                "block letters for the date and the title (or a short quote), step {step}:\n{shown}"
            );
        }
        let last = rows[..rows.len() - 1].iter().rposition(|r| !r.trim().is_empty()).unwrap_or(0);
        // A quote in plain text keeps room below for the note and the question.
        let least = if big == 0 { 28 } else { 35 };
        assert!(last >= least, "the slide reaches row {last} of 60 at step {step}:\n{shown}");
    }
}

#[test]
fn a_quote_step_is_a_slide_of_the_words_and_who_said_them() {
    let mut app = tour_app(80, 24);
    let tour = app.timeline().tour("new-great-game").expect("tour").clone();
    let n = tour.steps.iter().position(|s| s.quote().is_some()).expect("a quote step");
    for _ in 0..n {
        press(&mut app, KeyCode::Right);
    }
    let shown = text(&render(&app));
    assert!(shown.contains("“We are prompted to invigorate"), "{shown}");
    assert!(shown.contains("— Vladimir Putin, 14 Oct 2022"), "{shown}");
    assert!(shown.contains("Kremlin"), "{shown}");
    press(&mut app, KeyCode::Char('a'));
    assert!(text(&render(&app)).contains("Question for the class"));
}

#[test]
fn a_quote_slide_shows_the_words_as_said_to_a_class_that_reads_them() {
    // In English: the Kremlin's translation, marked as one.
    let mut app = tour_app(120, 40);
    let tour = app.timeline().tour("new-great-game").expect("tour").clone();
    let n = tour.steps.iter().position(|s| s.quote().is_some()).expect("a quote step");
    for _ in 0..n {
        press(&mut app, KeyCode::Right);
    }
    let shown = text(&render(&app));
    assert!(shown.contains("Kremlin's translation from Russian"), "{shown}");
    // In Russian: Putin's own words, without the mark.
    let mut tl = steppe::load::load_bundled().timeline;
    assert_eq!(tl.translate("ru").as_deref(), Some("ru"));
    let query = steppe::query::Query::new(tl);
    let mut app = App::new(query, steppe::query::Filter::default(), 120, 40);
    start_tour(&mut app, 0);
    for _ in 0..n {
        press(&mut app, KeyCode::Right);
    }
    let shown = text(&render(&app));
    let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("помешать развитию нашей с вами кооперации"), "{shown}");
    assert!(!flat.contains("We are prompted") && !flat.contains("перевод"), "{shown}");
}

#[test]
fn the_teachers_note_shows_on_a_quote_step_and_a_long_quote_is_plain_text() {
    for (width, height) in [(100, 30), (120, 40), (200, 60)] {
        let mut app = tour_app(width, height);
        let tour = app.timeline().tour("new-great-game").expect("tour").clone();
        let n = tour.steps.iter().position(|s| s.quote().is_some()).expect("a quote step");
        for _ in 0..n {
            press(&mut app, KeyCode::Right);
        }
        let note: String = tour
            .steps
            .get(n)
            .expect("a step")
            .note()
            .map(str::to_string)
            .expect("a note")
            .chars()
            .take(25)
            .collect();
        assert!(!text(&render(&app)).contains("Note for the teacher"));
        press(&mut app, KeyCode::Char('i'));
        let shown = text(&render(&app));
        assert!(shown.contains("Note for the teacher"), "{width}×{height}:\n{shown}");
        assert!(shown.contains(&note), "{width}×{height}:\n{shown}");
        // The 48 words read as text, not as a wall of block capitals.
        assert!(shown.contains("We are prompted to invigorate"), "{width}×{height}:\n{shown}");
        press(&mut app, KeyCode::Char('a'));
        let shown = text(&render(&app));
        assert!(shown.contains("Question for the class"), "{width}×{height}:\n{shown}");
    }
}

#[test]
fn the_quiz_results_footer_offers_what_works_there() {
    let mut app = app(100, 30);
    press(&mut app, KeyCode::Char('z'));
    while matches!(app.screen(), Screen::Quiz(q) if !q.finished()) {
        answer_and_go_on(&mut app);
    }
    assert_eq!(app.context(), steppe::tui::keymap::Context::QuizDone);
    let shown = text(&render(&app));
    let footer = shown.lines().last().unwrap_or_default();
    assert!(!footer.contains("answer"), "{footer}");
    assert!(footer.contains("Esc back") && footer.contains("scroll"), "{footer}");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Quiz(_)), "Enter does not leave the results");
}

#[test]
fn a_long_status_message_is_shown_whole_at_80_columns() {
    let message = "reloaded: 80 events · gone from the files, kept for their return: country KZ, actor putin, the selected event";
    let app = app(80, 24).with_message(message.into());
    let shown = text(&render(&app));
    let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(message), "{shown}");
}

#[test]
fn the_tour_picker_shows_the_description_but_not_the_note_for_the_teacher() {
    // The picker may be on the projector: the class sees it.
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Char('t'));
    let shown = text(&render(&app));
    assert!(shown.lines().any(|l| l.contains("┃Thirteen steps from the end")), "{shown}");
    assert!(!shown.contains("caveat"), "{shown}");
    assert!(shown.contains("(13 steps)"), "{shown}");
}

#[test]
fn a_narrow_footer_keeps_help_quit_and_the_teachers_keys() {
    let app = app(80, 24);
    let shown = text(&render(&app));
    let footer = shown.lines().last().unwrap_or_default();
    for hint in ["? help", "q quit", "p present", "t tours", "z quiz"] {
        assert!(footer.contains(hint), "{hint} missing at 80 columns: {footer}");
    }
}

#[test]
fn the_tours_note_for_the_teacher_is_in_the_presenters_view_and_not_on_the_slides() {
    let mut app = app(120, 40).with_presenter(true);
    start_tour(&mut app, 0);
    let shown = text(&render(&app));
    assert!(shown.contains("Before you start") && shown.contains("Many historians"), "{shown}");
    press(&mut app, KeyCode::Right);
    assert!(!text(&render(&app)).contains("Before you start"), "only before the first step");
    let mut slides = tour_app(120, 40);
    press(&mut slides, KeyCode::Char('i'));
    assert!(!text(&render(&slides)).contains("Many historians"));
    // Where it does not fit besides the step, the step comes first.
    let mut small = common::app(80, 24).with_presenter(true);
    start_tour(&mut small, 0);
    let shown = text(&render(&small));
    assert!(shown.contains("Next · 15 Jun 2001"), "{shown}");
}

#[test]
fn help_in_a_tour_opens_at_the_tours_keys_and_cuts_no_heading() {
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        let mut app = tour_app(w, h);
        press(&mut app, KeyCode::Char('?'));
        let shown = text(&render(&app));
        assert!(shown.contains("In a tour"), "{w}×{h}:\n{shown}");
        assert!(shown.contains("show/hide the teacher's note"), "{w}×{h}:\n{shown}");
        // Every heading is there whole, scrolling through the help.
        for _ in 0..300 {
            press(&mut app, KeyCode::Up);
        }
        let mut all = String::new();
        for _ in 0..20 {
            all.push_str(&text(&render(&app)));
            for _ in 0..15 {
                press(&mut app, KeyCode::Down);
            }
        }
        let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
        for (title, _, _) in steppe::tui::keymap::help_sections() {
            assert!(flat.contains(title), "{w}×{h}: the heading {title:?} is cut");
        }
    }
    // On the main screen the help opens at the top.
    let mut app = app(80, 24);
    press(&mut app, KeyCode::Char('?'));
    assert!(text(&render(&app)).contains("Reading the screen"));
}

#[test]
fn a_tour_in_russian_has_its_labels_and_dates_in_russian() {
    let mut tl = steppe::load::load_bundled().timeline;
    assert_eq!(tl.translate("ru").as_deref(), Some("ru"));
    let query = steppe::query::Query::new(tl);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = App::new(query.clone(), steppe::query::Filter::default(), w, h);
        start_tour(&mut app, 0);
        press(&mut app, KeyCode::Char('i'));
        press(&mut app, KeyCode::Char('a'));
        let shown = text(&render(&app));
        assert!(shown.contains("Шаг 1 из 13"), "{w}×{h}:\n{shown}");
        assert!(!shown.contains("Step 1 of 13"), "{w}×{h}:\n{shown}");
        assert!(shown.contains("Вопрос классу"), "{w}×{h}:\n{shown}");
        assert!(!shown.contains("Dec"), "{w}×{h}: an English month:\n{shown}");
        if h >= 40 {
            // Block letters have no Cyrillic: the date is written with numbers.
            assert!(shown.contains('█'), "{w}×{h}:\n{shown}");
        } else {
            assert!(shown.contains("26 дек. 1991"), "{w}×{h}:\n{shown}");
        }
        if h >= 40 {
            assert!(shown.contains("Заметка для учителя"), "{w}×{h}:\n{shown}");
        }
    }
}

/// The tour's app on its quote step.
fn on_the_quote(app: &mut App) {
    let tour = app.timeline().tour("new-great-game").expect("tour").clone();
    let n = tour.steps.iter().position(|s| s.quote().is_some()).expect("a quote step");
    for _ in 0..n {
        press(app, KeyCode::Right);
    }
}

#[test]
fn a_quote_fills_a_projector_and_no_heading_is_cut() {
    // Alone on a projector: the words in block letters, filling the screen.
    let mut app = tour_app(200, 60);
    on_the_quote(&mut app);
    let shown = text(&render(&app));
    let rows: Vec<&str> = shown.lines().collect();
    assert!(rows.iter().filter(|r| r.contains('█')).count() >= 30, "{shown}");
    let last = rows[..rows.len() - 1].iter().rposition(|r| !r.trim().is_empty()).unwrap_or(0);
    assert!(last >= 50, "the quote reaches row {last} of 60:\n{shown}");
    // With the note and the question: plain words, spaced out, still filling it.
    press(&mut app, KeyCode::Char('i'));
    press(&mut app, KeyCode::Char('a'));
    let shown = text(&render(&app));
    assert!(shown.contains("Note for the teacher") && shown.contains("Question for the class"));
    let rows: Vec<&str> = shown.lines().collect();
    let first = rows[1..].iter().position(|r| !r.trim().is_empty()).unwrap_or(0);
    assert!(first < 12, "{first} empty rows above the quote:\n{shown}");
    // The event's heading is whole at every size, in English and in Russian.
    let mut small = tour_app(64, 20);
    on_the_quote(&mut small);
    let shown = text(&render(&small));
    assert!(shown.contains("(Astana)"), "{shown}");
    let mut tl = steppe::load::load_bundled().timeline;
    tl.translate("ru");
    let mut ru = App::new(steppe::query::Query::new(tl), steppe::query::Filter::default(), 80, 24);
    start_tour(&mut ru, 0);
    on_the_quote(&mut ru);
    let shown = text(&render(&ru));
    assert!(shown.contains("(Астана)"), "{shown}");
    assert!(shown.contains("вперёд") && !shown.contains(" next"), "key hints in Russian:\n{shown}");
}

#[test]
fn a_note_with_no_room_says_so_and_boxed_text_keeps_off_the_border() {
    let mut app = tour_app(80, 24);
    on_the_quote(&mut app);
    press(&mut app, KeyCode::Char('i'));
    press(&mut app, KeyCode::Char('a'));
    let shown = text(&render(&app));
    assert!(shown.contains("Question for the class"), "{shown}");
    assert!(shown.contains("Note for the teacher: hidden"), "the note's absence is said:\n{shown}");
    for row in shown.lines().filter(|r| r.contains('│')) {
        let inner = row.trim().trim_matches('│');
        assert!(inner.starts_with(' ') && inner.ends_with(' '), "text touches the border: {row}");
    }
}

#[test]
fn the_presenters_view_shows_the_projector_the_timers_and_the_steps() {
    let noon = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(12 * 3600);
    let clock = steppe::tui::state::Clock::new(noon);
    let mut app = common::app(200, 60).with_presenter(true).with_link(None, Some(clock));
    start_tour(&mut app, 0);
    let shown = text(&render(&app));
    assert!(shown.contains("On the projector"), "{shown}");
    assert!(shown.contains("this step 0:00") && shown.contains("lesson: 45:00 left"), "{shown}");
    assert!(shown.contains('█'), "the projector's picture has its block letters:\n{shown}");
    press(&mut app, KeyCode::Char('b'));
    assert!(text(&render(&app)).contains("The screen is blank"));
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('s'));
    let shown = text(&render(&app));
    assert!(shown.contains("Steps: Enter goes to one") && shown.contains("13. "), "{shown}");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), 2);
    // The time of day is the machine's zone's.
    insta::assert_snapshot!(text(&render(&app)).replace(&clock.time_of_day(), "HH:MM"));
}
