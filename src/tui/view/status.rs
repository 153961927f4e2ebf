//! The status bar: `N of M events`, the active filters, and the keys of the
//! focused pane from the keymap. While typing, the prompt.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::text::fit;
use crate::tui::app::{App, Prompt};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let width = usize::from(area.width);
    let mut hints: Vec<Span> = Vec::new();
    for (keys, words) in keymap::footer(app.context()) {
        hints.push(Span::styled(keys, theme.key));
        hints.push(Span::raw(format!(" {words}  ")));
    }
    let hints_width: usize = hints.iter().map(|s| s.content.width()).sum();

    let left: Vec<Span> = match app.prompt {
        Some(p) => {
            let label = match p {
                Prompt::Search => "Search: ",
                Prompt::Year => "Go to year: ",
            };
            let found = match p {
                Prompt::Search => format!(
                    "  {} of {} events",
                    app.shown.len(),
                    app.timeline().events.len()
                ),
                Prompt::Year => String::new(),
            };
            vec![
                Span::styled(format!(" {label}"), theme.heading),
                Span::raw(app.input.clone()),
                Span::styled("█", theme.key),
                Span::styled(found, theme.dim),
            ]
        }
        None => {
            let mut parts = vec![format!(
                "{} of {} events",
                app.shown.len(),
                app.timeline().events.len()
            )];
            parts.extend(app.filter.describe());
            let mut spans = vec![Span::styled(format!(" {}", parts.join(" · ")), theme.title)];
            if let Some(msg) = &app.message {
                spans.push(Span::styled(format!("  {msg}"), theme.warning));
            }
            spans
        }
    };
    let left_text: String = left.iter().map(|s| s.content.as_ref()).collect();
    // The hints give way when the filters need the room.
    let room_for_left = width.saturating_sub(hints_width.min(width / 2));
    let show_hints = left_text.width() + hints_width < width;
    let mut spans = if left_text.width() > room_for_left {
        vec![Span::styled(fit(&left_text, width), theme.title)]
    } else {
        left
    };
    if show_hints {
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        spans.push(Span::raw(
            " ".repeat(width.saturating_sub(used + hints_width)),
        ));
        spans.extend(hints);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
