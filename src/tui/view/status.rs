//! The status bar: `N of M events`, the active filters, and the keys of the
//! focused pane from the keymap. While typing, the prompt.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{fit, width as columns};
use crate::tui::app::{App, Prompt, Screen};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let width = usize::from(area.width);
    let count = format!("{} of {} events", app.shown.len(), app.timeline().events.len());
    let left: Vec<Span> = match app.prompt {
        Some(p) => {
            let label = match p {
                Prompt::Search => "Search: ",
                Prompt::Year => "Go to year: ",
            };
            let found = match p {
                Prompt::Search if app.filtering => "  searching…".to_string(),
                Prompt::Search => format!("  {count}"),
                Prompt::Year => String::new(),
            };
            vec![
                Span::styled(format!(" {label}"), theme.heading),
                Span::raw(app.input.clone()),
                Span::styled("█", theme.key),
                Span::styled(found, theme.dim),
            ]
        }
        None if matches!(app.screen, Screen::Present(_) | Screen::Quiz(_)) => {
            let what = match &app.screen {
                Screen::Present(p) => format!(" {}", p.position()),
                _ => " Quiz".to_string(),
            };
            let mut spans = vec![Span::styled(what, theme.title)];
            if let Some(msg) = &app.message {
                spans.push(Span::styled(format!("  {msg}"), theme.warning));
            }
            spans
        }
        None => {
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
            if let Some(msg) = &app.message {
                spans.push(Span::styled(format!("  {msg}"), theme.warning));
            }
            spans
        }
    };
    let left_text: String = left.iter().map(|s| s.content.as_ref()).collect();
    let mut spans = if columns(&left_text) > width {
        vec![Span::styled(fit(&left_text, width), theme.title)]
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
