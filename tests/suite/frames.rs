//! The explorer's frames, drawn on ratatui's `TestBackend`: snapshots, the
//! highlight, every terminal size, the README's screenshot and key table,
//! and drawing only when something changed.

use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

use crate::common;

#[allow(unused_imports)]
use common::*;
use steppe::tui::keymap;
use steppe::tui::theme::Theme;
use steppe::tui::{Action, App, Msg};

#[test]
fn the_selected_row_is_highlighted_in_reverse_video() {
    let mut app = app(120, 40);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    for theme in [Theme::dark(), Theme::mono()] {
        let buf = render_with(&app, &theme);
        let text = screen_text(&buf);
        let title = app.selected_event().map(|e| e.title.clone()).expect("selected");
        let y = text.lines().position(|l| l.contains('▶')).expect("a marked row") as u16;
        assert!(text.lines().nth(y.into()).is_some_and(|l| l.contains(&title[..20])));
        let x = text
            .lines()
            .nth(y.into())
            .and_then(|l| l.chars().position(|c| c == '▶'))
            .expect("marker") as u16;
        let cell = &buf[(x + 4, y)];
        assert!(cell.modifier.contains(Modifier::REVERSED), "{theme:?}: {cell:?}");
        // Another row is not highlighted.
        assert!(!buf[(x + 4, y + 1)].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn the_monochrome_theme_sets_no_colour() {
    let app = app(120, 40);
    let buf = render_with(&app, &Theme::mono());
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
}

#[test]
fn snapshot_120x40() {
    insta::assert_snapshot!(screen_text(&render(&app(120, 40))));
}

#[test]
fn snapshot_80x24() {
    let mut app = app(80, 24);
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "2013");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen_text(&render(&app)));
}

#[test]
fn snapshot_too_small() {
    insta::assert_snapshot!(screen_text(&render(&app(40, 10))));
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = app(1, 1);
    set_filter(&mut app, |f| {
        f.countries = vec!["KZ".into()];
    });
    let widths = (1..=130).step_by(3).chain((131..=300).step_by(17));
    for (w, h) in
        widths.flat_map(|w| (1..=45).step_by(2).chain((46..=100).step_by(9)).map(move |h| (w, h)))
    {
        app.update(Msg::Resize { width: w, height: h });
        // The help overlay at a third of the sizes keeps the debug build quick.
        if ((w + h) % 3 == 0) != app.overlays().help().is_some() {
            app.update(Action::ToggleHelp);
        }
        let buf = render(&app);
        assert_eq!((buf.area.width, buf.area.height), (w, h));
    }
    app.update(Msg::Resize { width: 300, height: 100 });
    render(&app);
}

/// The README's screenshot is this test's output, so it cannot go stale.
/// `UPDATE_README=1 cargo test readme` rewrites it.
#[test]
fn readme_screenshot_is_current() {
    let mut app = app(110, 32);
    set_filter(&mut app, |f| {
        f.countries = vec!["KZ".into()];
    });
    select(&mut app, "xi-astana-silk-road-economic-belt");
    let shot: String =
        screen_text(&render(&app)).lines().map(|l| format!("{}\n", l.trim_end())).collect();
    let block = format!("<!-- screenshot:start -->\n```text\n{shot}```\n<!-- screenshot:end -->");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find("<!-- screenshot:start -->").expect("start marker");
    let end = readme.find("<!-- screenshot:end -->").expect("end marker")
        + "<!-- screenshot:end -->".len();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{block}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
    } else {
        assert_eq!(
            &readme[start..end],
            block,
            "README screenshot is stale: run UPDATE_README=1 cargo test readme"
        );
    }
}

#[test]
fn readme_key_table_names_every_key() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let keys = &readme[readme.find("### Keys").expect("a key table")..];
    for action_words in [
        "toggle it in the filter",
        "clear all filters",
        "search as you type",
        "jump to a year",
        "match any or all countries",
        "next, previous search match",
        "--no-mouse",
    ] {
        assert!(keys.contains(action_words), "README key table lacks {action_words:?}");
    }
    for b in keymap::BINDINGS {
        for key in b.label.split(' ') {
            let shown = match key {
                "S-Tab" => "Shift-Tab",
                "C-c" => "Ctrl-C",
                "C-z" => "Ctrl-Z",
                "A-←" => "Alt-←",
                "A-→" => "Alt-→",
                "S-←" => "Shift-←",
                "S-→" => "Shift-→",
                "Bksp" | "Esc" => continue,
                k => k,
            };
            assert!(keys.contains(&format!("`{shown}`")), "README key table lacks `{shown}`");
        }
    }
}

fn explorer(app: App) -> steppe::tui::Explorer<ratatui::backend::TestBackend> {
    let terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.width(), app.height()))
            .expect("terminal");
    steppe::tui::Explorer::new(app, terminal, Theme::dark())
}

fn key_event(code: KeyCode) -> Msg {
    Msg::Key(ratatui::crossterm::event::KeyEvent::new(
        code,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ))
}

#[test]
fn a_frame_is_drawn_only_when_something_changed() {
    let mut ex = explorer(app(100, 30));
    ex.draw().expect("draw");
    assert_eq!(ex.draws, 1);
    // Nothing happened: nothing to draw, however often the loop comes round.
    for _ in 0..10 {
        ex.draw().expect("draw");
    }
    assert_eq!(ex.draws, 1);
    // Keys that mean nothing here, mouse moves and releases, key releases.
    ex.handle(key_event(KeyCode::F(5)));
    ex.handle(key_event(KeyCode::Char('x')));
    ex.handle(Msg::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Moved,
        column: 3,
        row: 3,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    }));
    ex.draw().expect("draw");
    assert_eq!(ex.draws, 1);
    // A key that acts draws once.
    ex.handle(key_event(KeyCode::Down));
    ex.draw().expect("draw");
    ex.draw().expect("draw");
    assert_eq!(ex.draws, 2);
    assert_eq!(ex.app.selected(), 1);
}
