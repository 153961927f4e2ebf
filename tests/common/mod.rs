//! Helpers shared by the test suites: the binary run as a user runs it, the system tools
//! some suites drive, the bundled app, keys as a person presses them, and frames drawn on
//! `TestBackend`.
#![allow(dead_code)]

pub mod run;
pub mod tools;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use steppe::load;
use steppe::query::{Filter, Query};
use steppe::tui::layout::Pane;
use steppe::tui::state::Prepared;
use steppe::tui::theme::Theme;
use steppe::tui::view;
use steppe::tui::{App, Effect, Ending, Msg};

pub fn bundled() -> Query {
    let loaded = load::load_bundled();
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    Query::new(loaded.timeline)
}

pub fn app(width: u16, height: u16) -> App {
    App::new(bundled(), Filter::default(), width, height)
}

/// A key press, as the terminal sends it; what the explorer asks the loop to do.
pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    press_with(app, code, mods)
}

pub fn press_with(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, mods)))
}

/// Whether the effects end the session because the person quit.
pub fn quits(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::End(Ending::Quit)))
}

/// Changes the filter as the command line or a filter prompt would set it.
pub fn set_filter(app: &mut App, change: impl FnOnce(&mut Filter)) {
    let mut filter = app.filter().clone();
    change(&mut filter);
    app.update(Msg::SetFilter(filter));
}

/// Selects the event with this id; it must be shown.
pub fn select(app: &mut App, id: &str) {
    app.update(Msg::Select(id.to_string()));
    assert_eq!(app.selected_event().map(|e| e.id.as_str()), Some(id), "{id} is shown");
}

/// Tab until `pane` has the focus.
pub fn focus(app: &mut App, pane: Pane) {
    for _ in 0..8 {
        if app.focus() == pane {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("{pane:?} cannot have the focus in {:?}", app.view());
}

/// Puts the focused list's cursor on an item by typing to find it (its code, id or name).
pub fn find(app: &mut App, what: &str) {
    press(app, KeyCode::Char('/'));
    type_text(app, what);
    press(app, KeyCode::Enter);
}

/// A load asked for and finished with `result`; what the explorer then asks the loop to do.
pub fn deliver(app: &mut App, result: Result<Prepared, load::Report>) -> Vec<Effect> {
    let effects = app.update(Msg::Load);
    let generation = effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { generation } => Some(*generation),
            _ => None,
        })
        .expect("a load asked for");
    app.update(Msg::Loaded { generation, result: Box::new(result) })
}

/// A reload finished as the loader reports one: what could be read, or why nothing could.
pub fn reload(app: &mut App, loaded: load::Loaded) {
    let result = if loaded.is_ok() || !loaded.timeline.events.is_empty() {
        Ok(Prepared::new(Query::new(loaded.timeline), loaded.report))
    } else {
        Err(loaded.report)
    };
    deliver(app, result);
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn render_with(app: &App, theme: &Theme) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.width(), app.height())).expect("test terminal");
    terminal.draw(|f| view::render(app, theme, f)).expect("draw");
    terminal.backend().buffer().clone()
}

pub fn render(app: &App) -> Buffer {
    render_with(app, &Theme::dark())
}

/// The characters of a frame, a line per row.
pub fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The bundled timeline's YAML.
pub fn bundled_text() -> String {
    load::BUNDLED[0].1.to_string()
}

/// Loads YAML as the reload of one file would.
pub fn load_text(text: &str) -> load::Loaded {
    load::load_texts(vec![("lesson.yaml".into(), Ok(text.to_string()))])
}

/// The YAML without the event `id`, and without the references to it
/// (related events, tour steps), so that it still loads.
pub fn without_event(yaml: &str, id: &str) -> String {
    let mut out = String::new();
    let mut skipping: Option<usize> = None;
    for line in yaml.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if let Some(depth) = skipping {
            let ends = line.trim().is_empty()
                || indent < depth
                || (indent == depth && line.trim_start().starts_with("- "));
            if !ends || line.trim().is_empty() && indent > depth {
                continue;
            }
            skipping = None;
        }
        let item = line.trim_start();
        if item == format!("- id: {id}\n") || item == format!("- event: {id}\n") {
            skipping = Some(indent);
            continue;
        }
        out.push_str(line);
    }
    out.replace(&format!("[{id}]"), "[]")
        .replace(&format!("{id}, "), "")
        .replace(&format!(", {id}]"), "]")
}

/// Opens tour number `n` from the tour picker, as `t`, the arrows and Enter do.
pub fn start_tour(app: &mut App, n: usize) {
    press(app, KeyCode::Char('t'));
    for _ in 0..n {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    assert!(matches!(app.screen(), steppe::tui::Screen::Present(_)), "tour {n} started");
}
