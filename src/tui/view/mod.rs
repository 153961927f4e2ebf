//! Drawing: state in, frame out; nothing here changes the state. The base
//! screen draws first (the panes of the view, or a full-screen one), then
//! the overlays in z-order (see [`crate::tui::state::Overlays`]).

mod axis;
pub mod bigtext;
pub mod class;
mod detail;
mod facets;
mod help;
mod lanes;
mod map;
mod picture;

mod pickers;
mod presenter;
mod progress;
pub mod quiz;
mod reader;
pub(crate) mod slide;
mod status;
mod strip;
mod timeline;
mod tours;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::action::Action;
use super::keymap::{Context, key};
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;
use crate::tui::layout::Pane;
use crate::tui::state::{App, Overlay, Screen};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Block::default().style(theme.base), area);
    let areas = Areas::compute(app.view(), area.width, area.height);
    if areas.too_small {
        too_small(area, frame);
        return;
    }
    if !app.loading.ready {
        let progress = app.loading.under_way.as_ref().and_then(|l| l.progress.as_ref());
        progress::render(progress, theme, area, frame);
        return;
    }
    match &app.screen {
        Screen::Present(p) if p.presenter => {
            presenter::render(app, p, theme, full_screen_area(area), frame)
        }
        // A blank projector is black from edge to edge, footer and all.
        Screen::Present(p) if p.blank => return,
        Screen::Present(p) => slide::render(app, p, theme, full_screen_area(area), frame),
        Screen::Quiz(q) => quiz::render(app.timeline(), q, theme, full_screen_area(area), frame),
        Screen::Detail { scroll } => {
            detail::full_screen(app, theme, full_screen_area(area), *scroll, frame)
        }
        Screen::Main => {
            for &(pane, r) in &areas.panes {
                draw_pane(app, theme, pane, r, frame);
            }
            if let Some(r) = areas.strip {
                strip::render(app, theme, r, frame);
            }
        }
    }
    if let Some(r) = areas.status {
        status::render(app, theme, r, frame);
        if let Some(banner) = &app.status.banner {
            let row = Rect { y: r.y.saturating_sub(1), height: 1, ..r };
            let text = crate::text::fit_words(&format!(" ⚠ {banner}"), usize::from(row.width));
            frame.render_widget(Paragraph::new(Line::styled(text, theme.warning)), row);
        }
    }
    for overlay in app.overlays.iter() {
        match overlay {
            Overlay::Help { scroll } => help::render(theme, area, *scroll, frame),
            Overlay::Tours { cursor } => tours::render(app.timeline(), *cursor, theme, area, frame),
            Overlay::Prompt(p) => {
                if let Some(r) = areas.status {
                    status::prompt(app, p, theme, r, frame);
                }
            }
            Overlay::Tags(p) => pickers::tags(app, p, theme, area, frame),
            Overlay::Links(p) => pickers::links(app, p, theme, area, frame),
            Overlay::Export(p) => pickers::export(app, p, theme, area, frame),
            Overlay::About { scroll } | Overlay::Stats { scroll, .. } => {
                reader::render(app, *scroll, theme, area, frame)
            }
        }
    }
    // A live class's tally and join code go over whatever the class sees.
    if app.screen != Screen::Main {
        if let Some(t) = &app.class.tally {
            class::tally_overlay(app, t, theme, area, frame);
        }
        if app.class.qr {
            class::join_overlay(app, theme, area, frame);
        }
    }
}

/// One pane of the main screen, by the registry's name for it.
fn draw_pane(app: &App, theme: &Theme, pane: Pane, area: Rect, frame: &mut Frame) {
    match pane {
        Pane::Countries => facets::countries(app, theme, area, frame),
        Pane::Actors => facets::actors(app, theme, area, frame),
        Pane::Timeline => timeline::render(app, theme, area, frame),
        Pane::Detail => detail::pane(app, theme, area, frame),
        Pane::Map => map::render(app, theme, area, frame),
        Pane::Places => map::places(app, theme, area, frame),
        Pane::Axis => axis::render(app, theme, area, frame),
    }
}

pub use crate::tui::pages::{full_screen_area, hanging, hanging_styled};

/// A bordered block, highlighted when its pane has the focus.
fn block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(title)
}

fn focused(app: &App, pane: Pane) -> bool {
    app.focus() == pane && app.screen == Screen::Main && app.overlays.help().is_none()
}

fn too_small(area: Rect, frame: &mut Frame) {
    // Lines break between phrases where they can, between words where not.
    let phrases = [
        "terminal too small:".to_string(),
        format!("need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{} —", area.width, area.height),
        "enlarge the window,".to_string(),
        format!("or press {} to quit", key(Context::Panes, Action::Quit)),
    ];
    let width = usize::from(area.width).max(1);
    let mut lines: Vec<String> = Vec::new();
    for phrase in phrases {
        match lines.last_mut() {
            Some(last) if crate::text::width(last) + 1 + crate::text::width(&phrase) <= width => {
                last.push(' ');
                last.push_str(&phrase);
            }
            _ => lines.extend(crate::text::wrap(&phrase, width)),
        }
    }
    let top = area.height.saturating_sub(u16::try_from(lines.len()).unwrap_or(u16::MAX)) / 2;
    let rect = Rect { y: area.y + top, height: area.height - top, ..area };
    let lines: Vec<Line> = lines.into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}
