//! A live class (`steppe --tour ID --serve`) tried as a teacher would with
//! one: the class server on the loopback address, the explorer driven in
//! process by the same messages its loop hands it (the server's reports in,
//! the effects out to the server), students as HTTP clients (200 of them at
//! once) and as 30 headless Chromium pages. The teacher moves, asks, shows
//! the tally; the phones follow within a second, answer, and never see a
//! note; hostile nicknames stay text.

mod common;
// Shared with tests/browser.rs, which uses the rest of it.
#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;

use std::io::{BufRead, BufReader, Read};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant, SystemTime};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use steppe::load::Report;
use steppe::query::Query;
use steppe::tui::class_server::ClassServer;
use steppe::tui::msg::{self, Msg};
use steppe::tui::state::{Class, ClassEvent, Link, Prepared, Startup};
use steppe::tui::theme::Theme;
use steppe::tui::{Action, App, Effect};

/// One test at a time: the browser and the load test each want both cores.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

const TOUR: &str = "new-great-game";

/// The explorer of the screen that serves the class, and its server.
struct Lesson {
    app: App,
    server: Option<ClassServer>,
    rx: msg::Receiver,
    base: String,
    code: String,
    /// What it said to the other screens of the lesson.
    told: Vec<String>,
}

/// The explorer opened on the tour as at the start: a load asked for, then done.
fn opened(app: App) -> (App, Vec<Effect>) {
    let mut app = app;
    let data = Prepared::new(Query::new(steppe::load::load_bundled().timeline), Report::default());
    let effects = common::deliver(&mut app, Ok(data));
    (app, effects)
}

impl Lesson {
    fn start(presenter: bool) -> Lesson {
        let (tx, rx) = msg::channel();
        let addr = "127.0.0.1:0".parse().expect("an address");
        let server = ClassServer::start(tx.clone(), addr, None).expect("the class server starts");
        // As the explorer's loop starts it: the server says where to join.
        tx.send(Msg::Class(ClassEvent::Started(server.join.clone()))).expect("sent");
        let join = server.join.clone();
        let startup = Startup { tour: Some(TOUR.into()), presenter, ..Startup::default() };
        let class = Class { join: Some(join.clone()), ..Class::serving(Some(TOUR.into())) };
        let link = Link { others: 1, ever: true, ..Link::new("test") };
        let app = App::loading(startup, 150, 45).with_class(class).with_link(Some(link), None);
        let (app, effects) = opened(app);
        let mut lesson = Lesson {
            app,
            server: Some(server),
            rx,
            base: join.url.clone(),
            code: join.code.clone(),
            told: Vec::new(),
        };
        lesson.carry(effects);
        lesson.pump();
        lesson
    }

    fn send(&mut self, msg: impl Into<Msg>) {
        let effects = self.app.update(msg);
        self.carry(effects);
    }

    /// Carries out the effects for the class as the explorer's loop does.
    fn carry(&mut self, effects: Vec<Effect>) {
        let Some(server) = &self.server else { return };
        for e in effects {
            match e {
                Effect::Class(state) => server.tell(*state),
                Effect::ClassPage { title, html } => server.page(title, html),
                Effect::Tell(line) => self.told.push(line),
                _ => {}
            }
        }
    }

    /// Takes what the class server reported so far.
    fn pump(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            self.send(msg);
        }
    }

    /// Takes reports until `done` holds; false if `secs` pass first.
    fn until(&mut self, secs: u64, done: impl Fn(&App) -> bool) -> bool {
        let end = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < end {
            self.pump();
            if done(&self.app) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        self.pump();
        done(&self.app)
    }

    fn answers(&self) -> usize {
        self.app.class().answered().unwrap_or(0)
    }

    fn end(&mut self) {
        if let Some(server) = self.server.take() {
            server.end();
        }
    }
}

/// The screen as drawn, cell by cell.
fn drawn(app: &App) -> ratatui::buffer::Buffer {
    let backend = TestBackend::new(app.width(), app.height());
    let mut terminal = Terminal::new(backend).expect("a test terminal");
    terminal.draw(|frame| steppe::tui::view::render(app, &Theme::dark(), frame)).expect("drawn");
    terminal.backend().buffer().clone()
}

/// The screen as drawn, row by row.
fn screen(app: &App) -> String {
    let buffer = drawn(app);
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// Joins: the lesson's address, or the status and the page that refused.
fn join(agent: &ureq::Agent, base: &str, code: &str, name: &str) -> Result<String, (u16, String)> {
    let r = agent
        .post(format!("{base}join"))
        .send_form([("code", code), ("name", name)])
        .expect("the server answers");
    let status = r.status().as_u16();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(String::from);
    match (status, location) {
        (303, Some(at)) => Ok(format!("{}{}", base.trim_end_matches('/'), at)),
        _ => Err((status, r.into_body().read_to_string().unwrap_or_default())),
    }
}

/// Posts an answer; the status and the reply.
fn answer(agent: &ureq::Agent, lesson: &str, body: &str) -> (u16, String) {
    let r = agent
        .post(format!("{lesson}answer"))
        .header("Content-Type", "application/json")
        .send(body)
        .expect("the server answers");
    (r.status().as_u16(), r.into_body().read_to_string().unwrap_or_default())
}

/// A student's stream of events, read as it comes.
struct Events {
    lines: BufReader<Box<dyn Read + Send>>,
    /// Everything read, to look for what must never be there.
    raw: String,
}

impl Events {
    fn open(agent: &ureq::Agent, lesson: &str) -> Events {
        let r = agent.get(format!("{lesson}events")).call().expect("the events");
        assert_eq!(r.status().as_u16(), 200);
        let reader: Box<dyn Read + Send> = Box::new(r.into_body().into_reader());
        Events { lines: BufReader::new(reader), raw: String::new() }
    }

    /// The next event: its name and data.
    fn next(&mut self) -> Option<(String, Value)> {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            match self.lines.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => panic!("the stream failed: {e} after {:?}", self.raw),
            }
            self.raw.push_str(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !data.is_empty() {
                    return Some((name, serde_json::from_str(&data).ok()?));
                }
                continue;
            }
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
            }
        }
    }

    /// The next state that `wanted` accepts.
    fn state(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let (name, data) = self.next().expect("the stream goes on");
            if name == "state" && wanted(&data) {
                return data;
            }
        }
    }
}

/// The first words of every note of the tour: none may reach a student.
fn notes() -> Vec<String> {
    let tl = steppe::load::load_bundled().timeline;
    let tour = tl.tour(TOUR).expect("the tour");
    let mut notes: Vec<&str> = tour.steps.iter().filter_map(|s| s.note()).collect();
    notes.extend(tour.teacher_note.as_deref());
    notes.iter().map(|n| n.split_whitespace().take(7).collect::<Vec<_>>().join(" ")).collect()
}

fn no_notes_in(what: &str, text: &str) {
    for n in notes() {
        assert!(!text.contains(&n), "a teacher's note in {what}: {n}");
    }
}

/// An answer that fits the question the phones were told: for a year,
/// `year` (the step's, right) or a century off; for a choice,
/// the first or the last.
fn fitting(state: &Value, year: i32, first: bool) -> String {
    let q = &state["question"];
    let id = q["id"].as_u64().expect("an id");
    match q["choices"].as_array().map(Vec::len) {
        Some(n) if n > 0 => {
            format!("{{\"question\":{id},\"choice\":{}}}", if first { 1 } else { n })
        }
        _ => {
            let year = year - if first { 0 } else { 100 };
            format!("{{\"question\":{id},\"year\":{year}}}")
        }
    }
}

/// The year of the tour's step `step` (from 1).
fn year_of_step(step: usize) -> i32 {
    let tl = steppe::load::load_bundled().timeline;
    let tour = tl.tour(TOUR).expect("the tour");
    let event = tl.event_index(tour.steps.get(step - 1).expect("a step").event).expect("its event");
    tl.events[event].date.year
}

#[test]
fn students_join_follow_answer_and_see_the_tally_marked_as_the_quiz_marks_it() {
    let _one = serial();
    let mut lesson = Lesson::start(true);
    let a = agent();
    // Nothing but the join page without the code.
    for path in ["c/0/events", "c/x/", "lesson", "etc/passwd", "..%2f..%2fCargo.toml", "timelines/"]
    {
        let r = a.get(format!("{}{path}", lesson.base)).call().expect("answered");
        assert!(matches!(r.status().as_u16(), 303 | 401 | 404), "{path}: {}", r.status());
        let body = r.into_body().read_to_string().unwrap_or_default();
        assert!(!body.contains("[package]") && !body.contains("root:"), "{path}");
    }
    let ana = join(&a, &lesson.base, &lesson.code, "Ana").expect("Ana joins");
    assert_eq!(join(&a, &lesson.base, &lesson.code, "ana").map_err(|e| e.0), Err(409), "taken");
    let page = a.get(&ana).call().expect("the page").into_body().read_to_string().expect("text");
    assert!(
        page.contains("step-13")
            && page.contains("EventSource")
            && page.contains("connect-src 'self'")
    );
    no_notes_in("the page", &page);
    assert!(lesson.until(5, |app| app.class().students.len() == 1));
    let mut events = Events::open(&a, &ana);
    let first = events.state(|_| true);
    assert_eq!(first["step"], 1);
    assert!(first["question"].is_null());
    // Nothing to answer yet.
    assert_eq!(answer(&a, &ana, r#"{"question":1,"year":1991}"#).0, 409);

    // The teacher moves on and asks the step's question.
    lesson.send(Action::NextEvent);
    assert_eq!(events.state(|s| s["step"] == 2)["open"], false);
    lesson.send(Action::ToggleQuestion);
    let asked = events.state(|s| s["open"] == true);
    assert_eq!(asked["question"]["heading"], "Step 2 of 13");
    let (status, reply) = answer(&a, &ana, &fitting(&asked, year_of_step(2), true));
    assert_eq!((status, reply.as_str()), (200, r#"{"ok":true}"#));
    assert!(lesson.until(5, |_| true) && lesson.until(5, |app| app.class().answered() == Some(1)));
    let drawn = screen(&lesson.app);
    assert!(drawn.contains("1 of 1 answered") && drawn.contains("Ana"), "{drawn}");
    // Hostile answers are refused, whatever their shape.
    let id = asked["question"]["id"].as_u64().expect("an id");
    for bad in [
        r#"{"question":2,"choice":"<script>"}"#.to_string(),
        "not json".to_string(),
        format!("{{\"question\":{id},\"choice\":99}}"),
        format!("{{\"question\":{id},\"year\":1991,\"choice\":1}}"),
        format!("{{\"question\":2,\"x\":\"{}\"}}", "y".repeat(5000)),
    ] {
        let (status, _) = answer(&a, &ana, &bad);
        assert!(matches!(status, 400 | 413 | 422), "{bad:.40}: {status}");
    }

    // The tally, shown: the question closes and the phones see it marked.
    lesson.send(Action::RevealTally);
    let shown = events.state(|s| !s["reveal"].is_null());
    assert_eq!(shown["open"], false);
    let rows = shown["reveal"]["tally"]["rows"].as_array().expect("rows").clone();
    assert_eq!(rows.iter().filter(|r| r["right"] == true).count(), 1, "{rows:?}");
    assert_eq!(shown["reveal"]["tally"]["right"], 1, "Ana was right");
    assert_eq!(
        answer(&a, &ana, &fitting(&asked, year_of_step(2), true)).0,
        409,
        "a late answer is refused"
    );
    let drawn = screen(&lesson.app);
    assert!(drawn.contains("The class's answers") && drawn.contains('✓'), "{drawn}");
    // The projector, linked, shows the tally the presenter told it.
    let (mut projector, _) = opened(
        App::loading(Startup { tour: Some(TOUR.into()), ..Startup::default() }, 120, 40)
            .with_link(Some(Link { others: 1, ever: true, ..Link::new("test") }), None),
    );
    for line in &lesson.told {
        if let Some(said) = steppe::tui::peer::parse(line) {
            projector.update(Msg::Peer(said));
        }
    }
    let wall = screen(&projector);
    assert!(
        wall.contains("The class's answers") && wall.contains("1 of 1 answered right"),
        "{wall}"
    );
    assert!(!wall.contains("Ana"), "nicknames stay on the teacher's screen");
    assert!(wall.contains(&lesson.code), "the projector shows where to join");

    // Lost and back: the phone is where the class is, with its answer.
    drop(events);
    lesson.send(Action::RevealTally);
    lesson.send(Action::NextEvent);
    lesson.send(Action::NextEvent);
    let mut again = Events::open(&a, &ana);
    let (name, hello) = again.next().expect("hello");
    assert_eq!((name.as_str(), hello["name"].as_str()), ("mine", Some("Ana")));
    assert_eq!(again.state(|_| true)["step"], 4);
    no_notes_in("the events", &again.raw);

    // The lesson ends: the phones hear it; the summary says who answered what.
    let summary = lesson.app.class_summary("today").expect("a summary");
    assert!(summary.markdown.contains("Ana") && summary.csv.contains("Step 2 of 13"));
    lesson.end();
    assert_eq!(again.state(|s| s["ended"] == true)["question"], Value::Null);
}

#[test]
fn wrong_codes_are_rate_limited_hostile_nicknames_stay_text_and_bodies_are_small() {
    let _one = serial();
    let mut lesson = Lesson::start(true);
    let a = agent();
    let mut statuses = Vec::new();
    for n in 0..8 {
        statuses.push(join(&a, &lesson.base, &format!("{n:06}x"), "x").map_err(|e| e.0).err());
    }
    assert_eq!(statuses.iter().filter(|s| **s == Some(403)).count(), 5, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&Some(429)), "then refused: {statuses:?}");
    assert_eq!(
        join(&a, &lesson.base, &lesson.code, "late").map_err(|e| e.0),
        Err(429),
        "even the right code, for a while, from that address"
    );
    let big = "x".repeat(4096);
    let r = a
        .post(format!("{}join", lesson.base))
        .send_form([("code", big.as_str())])
        .expect("answered");
    assert_eq!(r.status().as_u16(), 413);
    lesson.end();

    // Another lesson: hostile nicknames show as text.
    let mut lesson = Lesson::start(true);
    let hostile = "<script>alert(1)</script>\u{1b}[2J\u{202e}x";
    let at = join(&a, &lesson.base, &lesson.code, hostile).expect("joins");
    assert!(lesson.until(5, |app| app.class().students.len() == 1));
    let kept = lesson.app.class().students.values().next().cloned().expect("a name");
    assert!(!kept.contains('\u{1b}') && !kept.contains('\u{202e}'), "{kept:?}");
    let mut events = Events::open(&a, &at);
    let (_, hello) = events.next().expect("hello");
    assert!(
        hello["name"].as_str().is_some_and(|n| n.starts_with("<script>")),
        "JSON carries it as text"
    );
    lesson.send(Action::ToggleQuestion);
    let asked = events.state(|s| s["open"] == true);
    assert_eq!(answer(&a, &at, &fitting(&asked, year_of_step(1), false)).0, 200);
    assert!(lesson.until(5, |app| app.class().answered() == Some(1)));
    let drawn = screen(&lesson.app);
    assert!(drawn.contains("<script>alert(1)</s"), "shown as typed, as text: {drawn}");
    // A student's flood is cut short.
    let right = fitting(&asked, year_of_step(1), true);
    let flood: Vec<u16> = (0..40).map(|_| answer(&a, &at, &right).0).collect();
    assert!(flood.contains(&429), "{flood:?}");
    let summary = lesson.app.class_summary("today").expect("a summary");
    assert!(summary.markdown.contains("\\<script\\>"), "{}", summary.markdown);
    lesson.end();
}

/// Milliseconds, the median, the 95th percentile and the most.
fn spread(mut ms: Vec<f64>) -> (f64, f64, f64) {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.95), at(1.0))
}

#[test]
fn two_hundred_students_at_once_then_the_class_is_full() {
    let _one = serial();
    const STUDENTS: usize = 200;
    let mut lesson = Lesson::start(true);
    let ready = Arc::new(Barrier::new(STUDENTS + 1));
    let moved: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
    let year = year_of_step(2);
    let started = Instant::now();
    let students: Vec<_> = (0..STUDENTS)
        .map(|n| {
            let (base, code) = (lesson.base.clone(), lesson.code.clone());
            let (ready, moved) = (ready.clone(), moved.clone());
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    let a = agent();
                    let t = Instant::now();
                    let at = join(&a, &base, &code, &format!("student {n}")).expect("joins");
                    let joined = t.elapsed();
                    let mut events = Events::open(&a, &at);
                    events.state(|s| s["step"] == 1);
                    ready.wait();
                    // The phones are told the last state: the step and the question may come as one.
                    let there = events.state(|s| s["step"] == 2);
                    let follow = moved.lock().map(|m| m.map(|t| t.elapsed())).ok().flatten();
                    let asked = if there["open"] == true {
                        there
                    } else {
                        events.state(|s| s["open"] == true)
                    };
                    let t = Instant::now();
                    let (status, _) = answer(&a, &at, &fitting(&asked, year, n % 3 == 0));
                    let answered = t.elapsed();
                    assert_eq!(status, 200);
                    events.state(|s| !s["reveal"].is_null());
                    (joined, follow.unwrap_or_default(), answered)
                })
                .expect("a student's thread")
        })
        .collect();
    ready.wait();
    let all_joined = started.elapsed();
    assert!(lesson.until(10, |app| app.class().students.len() == STUDENTS));
    *moved.lock().expect("the clock") = Some(Instant::now());
    lesson.send(Action::NextEvent);
    lesson.send(Action::ToggleQuestion);
    assert!(
        lesson.until(30, |app| app.class().answered() == Some(STUDENTS)),
        "{} {:?} {:?} {:?}",
        lesson.answers(),
        lesson
            .app
            .class()
            .questions
            .iter()
            .map(|q| (q.asked.id, q.answers.len(), q.at))
            .collect::<Vec<_>>(),
        lesson.app.class().open,
        lesson.app.class().current,
    );
    lesson.send(Action::RevealTally);
    let results: Vec<_> = students.into_iter().map(|s| s.join().expect("a student")).collect();
    let ms = |f: fn(&(Duration, Duration, Duration)) -> Duration| {
        spread(results.iter().map(|r| f(r).as_secs_f64() * 1000.0).collect())
    };
    let (join_ms, follow_ms, answer_ms) = (ms(|r| r.0), ms(|r| r.1), ms(|r| r.2));
    eprintln!(
        "{STUDENTS} students: all joined in {:.0} ms; join {join_ms:.1?}, follow {follow_ms:.1?}, answer {answer_ms:.1?} ms (median, 95%, most)",
        all_joined.as_secs_f64() * 1000.0
    );
    assert!(follow_ms.2 < 1000.0, "every phone follows within a second: {follow_ms:?}");
    let tally = lesson.app.class().tally.clone().expect("a tally");
    assert_eq!(tally.answered, STUDENTS);
    // The 201st is told the class is full, and so is the teacher.
    let refused = join(&agent(), &lesson.base, &lesson.code, "one more");
    assert!(
        matches!(&refused, Err((503, page)) if page.contains("The class is full: 200")),
        "{refused:?}"
    );
    assert!(lesson.until(5, |app| app.message().is_some_and(|m| m.contains("the class is full"))));
    lesson.end();
}

#[test]
fn thirty_chromium_pages_follow_the_teacher_and_answer_from_the_page() {
    let Some([chromium, chromedriver]) = common::tools::require_all(["chromium", "chromedriver"])
    else {
        return;
    };
    let _one = serial();
    const PAGES: usize = 30;
    let mut lesson = Lesson::start(true);
    // A browser opens at most six connections to one site, and each page keeps one
    // open for the teacher's steps: each tab reaches the server by a name of its own,
    // as each phone would be a browser of its own.
    let browser = driver::Browser::start_with(
        &chromium,
        &chromedriver,
        &["--host-resolver-rules=MAP *.class.test 127.0.0.1"],
    );
    let site = |n: usize| lesson.base.replacen("127.0.0.1", &format!("p{n}.class.test"), 1);
    let mut tabs = Vec::new();
    // Within the nickname's 24 characters, so it is kept whole.
    let hostile = "<img src=x onerror=f()>";
    for n in 0..PAGES {
        tabs.push(if n == 0 {
            browser.js("return null;");
            current(&browser)
        } else {
            browser.new_tab()
        });
        browser.goto(&site(n));
        browser.type_into("#code", &lesson.code);
        let name = if n == 0 { hostile.to_string() } else { format!("Page {n}") };
        browser.type_into("#name", &name);
        browser.keys(&["\u{E007}"]);
        wait_for(
            &browser,
            "return !!document.getElementById('class-state') && document.getElementById('class-state').textContent.includes('·')",
        );
        // Notes the time each step is shown, for the test to read.
        browser.js(
            "window.shownAt = {}; const note = () => { const c = document.querySelector('.step.current'); \
             if (c) window.shownAt[c.id] = Date.now(); }; window.addEventListener('hashchange', () => setTimeout(note)); note(); return null;",
        );
    }
    assert!(lesson.until(10, |app| app.class().students.len() == PAGES));
    // The hostile nickname is text on its page.
    browser.switch_to(&tabs[0]);
    let bar = browser.js("return document.getElementById('class-state').textContent;");
    assert!(bar.as_str().is_some_and(|t| t.contains(hostile)), "{bar}");
    assert_eq!(browser.js("return document.querySelectorAll('img[src=x]').length;"), 0);
    // The teacher goes through the tour: every page follows within a second.
    for step in 2..=5 {
        let moved = now_ms();
        lesson.send(Action::NextEvent);
        std::thread::sleep(Duration::from_millis(1000));
        for (n, tab) in tabs.iter().enumerate() {
            browser.switch_to(tab);
            let at = browser.js(&format!("return window.shownAt['step-{step}'] || null;"));
            let ms = at.as_f64().map(|t| t - moved);
            assert!(ms.is_some_and(|ms| ms < 1000.0), "page {n} at step {step}: {ms:?}");
        }
    }
    // One student looks back; the page does not pull them along, and catches up on a click.
    browser.switch_to(&tabs[1]);
    browser.keys(&[driver::LEFT]);
    lesson.send(Action::NextEvent);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(browser.js("return document.querySelector('.step.current').id;"), "step-4");
    browser.js("document.getElementById('class-catch-up').click(); return null;");
    assert_eq!(browser.js("return document.querySelector('.step.current').id;"), "step-6");
    // The teacher asks; every page answers by tapping (or typing a year).
    lesson.send(Action::ToggleQuestion);
    for tab in &tabs {
        browser.switch_to(tab);
        wait_for(
            &browser,
            "return !document.getElementById('class-sheet').hidden && !!document.querySelector('#class-sheet .choice, #class-sheet form.year');",
        );
        browser.js(
            "const c = document.querySelector('#class-sheet .choice'); if (c) { c.click(); return null; } \
             const f = document.querySelector('#class-sheet form.year'); f.querySelector('input').value = '1991'; f.requestSubmit(); return null;",
        );
    }
    assert!(lesson.until(10, |app| app.class().answered() == Some(PAGES)), "{}", lesson.answers());
    let drawn = screen(&lesson.app);
    assert!(drawn.contains(&format!("{PAGES} of {PAGES} answered")), "{drawn}");
    lesson.send(Action::RevealTally);
    browser.switch_to(&tabs[2]);
    wait_for(&browser, "return !!document.querySelector('#class-sheet .tally');");
    let tally = browser.js("return document.querySelector('#class-sheet .tally').textContent;");
    assert!(
        tally.as_str().is_some_and(|t| t.contains(&format!("of {PAGES} answered right"))),
        "{tally}"
    );
    for tab in &tabs {
        browser.switch_to(tab);
        let html = browser.js("return document.documentElement.outerHTML;");
        no_notes_in("a page", html.as_str().unwrap_or_default());
    }
    let errors: Vec<Value> =
        browser.log("browser").into_iter().filter(|e| e["level"] == "SEVERE").collect();
    assert!(errors.is_empty(), "{errors:?}");
    lesson.end();
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn current(browser: &driver::Browser) -> String {
    browser.window_handle()
}

/// Waits up to 10 seconds for `script` to return true in the page.
fn wait_for(browser: &driver::Browser, script: &str) {
    let end = Instant::now() + Duration::from_secs(10);
    while browser.js(script) != Value::Bool(true) {
        assert!(
            Instant::now() < end,
            "waited for: {script} at {} showing {:.400} ({:?})",
            browser.js("return location.href;"),
            browser.js("return document.body ? document.body.innerText : '';"),
            browser.log("browser")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The drawn screen's QR code as a grey image, four pixels a module: each
/// `▀` cell is a module on top (its colour) and one below (its background).
fn qr_image(app: &App) -> Option<(usize, usize, Vec<u8>)> {
    let buffer = drawn(app);
    let area = buffer.area;
    let cells: Vec<(u16, u16)> = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].symbol() == "▀")
        .collect();
    let (x0, y0) = (cells.iter().map(|c| c.0).min()?, cells.iter().map(|c| c.1).min()?);
    let (x1, y1) = (cells.iter().map(|c| c.0).max()?, cells.iter().map(|c| c.1).max()?);
    const PX: usize = 4;
    let (w, h) = (usize::from(x1 - x0 + 1) * PX, usize::from(y1 - y0 + 1) * 2 * PX);
    let mut grey = vec![255u8; w * h];
    let light = |c: ratatui::style::Color| c == ratatui::style::Color::White;
    for &(x, y) in &cells {
        let cell = &buffer[(x, y)];
        for (half, white) in [(0, light(cell.fg)), (1, light(cell.bg))] {
            let (cx, cy) = (usize::from(x - x0) * PX, (usize::from(y - y0) * 2 + half) * PX);
            for dy in 0..PX {
                for dx in 0..PX {
                    grey[(cy + dy) * w + cx + dx] = if white { 255 } else { 0 };
                }
            }
        }
    }
    Some((w, h, grey))
}

#[test]
fn the_join_qr_code_reads_back_as_the_address_and_esc_puts_it_away() {
    let _one = serial();
    let mut lesson = Lesson::start(false);
    assert!(qr_image(&lesson.app).is_none(), "no code before Q");
    lesson.send(Action::ShowJoin);
    let drawn = screen(&lesson.app);
    assert!(drawn.contains(&lesson.code) && drawn.contains(&lesson.base), "{drawn}");
    let (w, h, grey) = qr_image(&lesson.app).expect("a QR code on screen");
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| grey[y * w + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    let (_, content) = grids[0].decode().expect("the code decodes");
    assert_eq!(content, lesson.base);
    // Esc puts the code away and stays in the lesson.
    lesson.send(Action::Back);
    assert!(qr_image(&lesson.app).is_none(), "the code is gone");
    assert!(screen(&lesson.app).contains("Step 1 of 13"));
    lesson.end();
}
