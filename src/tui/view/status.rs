//! The status bar: `N of M events`, the active filters, and the keys of the
//! focused pane from the keymap. While typing, the prompt.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::text::width as columns;
use crate::tui::app::{App, Prompt, PromptKind, Screen};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let count = format!(
        "{} of {}",
        app.shown.len(),
        crate::text::count(app.timeline().events.len(), "event", "events")
    );
    let left: Vec<Span> = match &app.screen {
        Screen::Present(_) | Screen::Quiz(_) => {
            let what = match &app.screen {
                Screen::Present(p) => format!(" {}", p.position()),
                _ => " Quiz".to_string(),
            };
            vec![Span::styled(what, theme.title)]
        }
        Screen::Main | Screen::Detail { .. } => {
            let mut parts = vec![count];
            parts.extend(app.filter.describe());
            let mut spans = vec![Span::styled(format!(" {}", parts.join(" · ")), theme.title)];
            if app.filtering {
                spans.push(Span::styled("  filtering…", theme.dim));
            }
            if let Some(loading) = &app.loading {
                let done = loading.progress.as_ref().map_or(0.0, super::progress::ratio);
                spans.push(Span::styled(format!("  reloading {:.0}%", done * 100.0), theme.dim));
            }
            spans
        }
    };
    let mut left = left;
    if let Some(msg) = &app.message {
        let used: usize = left.iter().map(|s| columns(&s.content)).sum();
        if used + 2 + columns(msg) <= usize::from(area.width) {
            left.push(Span::styled(format!("  {msg}"), theme.warning));
        } else {
            // Too long for the line: whole, on the rows above it.
            message_above(msg, app.banner.is_some(), theme, area, frame);
        }
    }
    line_with_hints(app, left, theme, area, frame);
}

/// A message that does not fit the status line, wrapped between words on
/// the rows above it (above the banner, if there is one).
fn message_above(msg: &str, banner: bool, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lines = crate::text::wrap(msg, usize::from(area.width.saturating_sub(2)));
    let bottom = area.y.saturating_sub(u16::from(banner));
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(bottom);
    let rect = Rect { y: bottom - height, height, ..area };
    let lines: Vec<Line> =
        lines.into_iter().map(|l| Line::styled(format!(" {l}"), theme.warning)).collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).style(theme.base), rect);
}

/// A prompt over the status line: what it asks, the text typed so far, and
/// what it found.
pub fn prompt(app: &App, prompt: &Prompt, theme: &Theme, area: Rect, frame: &mut Frame) {
    let count = format!(
        "{} of {}",
        app.shown.len(),
        crate::text::count(app.timeline().events.len(), "event", "events")
    );
    let label = match prompt.kind {
        PromptKind::Search => "Search: ",
        PromptKind::Year => "Go to year: ",
    };
    let found = match prompt.kind {
        PromptKind::Search if app.filtering => "  searching…".to_string(),
        PromptKind::Search => format!("  {count}"),
        PromptKind::Year => String::new(),
    };
    let left = vec![
        Span::styled(format!(" {label}"), theme.heading),
        Span::raw(prompt.input.clone()),
        Span::styled("█", theme.key),
        Span::styled(found, theme.dim),
    ];
    frame.render_widget(Clear, area);
    line_with_hints(app, left, theme, area, frame);
}

/// `left`, then as many of the keymap's hints for the keys' context as fit.
fn line_with_hints(app: &App, left: Vec<Span<'_>>, theme: &Theme, area: Rect, frame: &mut Frame) {
    let width = usize::from(area.width);
    let left_text: String = left.iter().map(|s| s.content.as_ref()).collect();
    let mut spans = if columns(&left_text) > width {
        vec![Span::styled(crate::text::fit_words(&left_text, width), theme.title)]
    } else {
        left
    };
    // As many hints as fit after the filters, in the keymap's order.
    let used: usize = spans.iter().map(|s| columns(&s.content)).sum();
    let mut room = width.saturating_sub(used + 2);
    let mut hints: Vec<Span> = Vec::new();
    for (keys, words) in keymap::footer(app.context()) {
        let w = columns(keys) + 1 + columns(words) + 2;
        if w > room {
            break;
        }
        room -= w;
        hints.push(Span::styled(keys, theme.key));
        hints.push(Span::raw(format!(" {words}  ")));
    }
    if !hints.is_empty() {
        spans.push(Span::raw(" ".repeat(room + 2)));
        spans.extend(hints);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
