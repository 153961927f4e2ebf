//! Helpers shared by the test suites: the binary run as a user runs it, the bundled app, keys as a
//! person presses them, and frames drawn on `TestBackend`.
#![allow(dead_code)]

pub mod run;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use steppe::load;
use steppe::query::{Filter, Query};
use steppe::tui::app::App;
use steppe::tui::keymap;
use steppe::tui::theme::Theme;
use steppe::tui::view;

pub fn bundled() -> Query {
    let loaded = load::load_bundled();
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    Query::new(loaded.timeline)
}

pub fn app(width: u16, height: u16) -> App {
    App::new(bundled(), Filter::default(), width, height)
}

/// A key press through the keymap, as the event loop does it.
pub fn press(app: &mut App, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    if let Some(action) = keymap::lookup(app.context(), KeyEvent::new(code, mods)) {
        app.update(action);
    }
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn render_with(app: &App, theme: &Theme) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.width, app.height)).expect("test terminal");
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
