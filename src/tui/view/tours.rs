//! The tour picker: the lessons defined in the timelines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::block;
use crate::model::Timeline;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::theme::Theme;

pub fn render(tl: &Timeline, cursor: usize, theme: &Theme, area: Rect, frame: &mut Frame) {
    let width = area.width.saturating_sub(4).min(70);
    let height = area.height.saturating_sub(2).min(20);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let title = format!(
        " Tours — {} starts, {} closes ",
        key(Context::Tours, Action::Submit),
        key(Context::Tours, Action::Back)
    );
    let block = block(Line::styled(title, theme.title), true, theme);
    let mut lines = Vec::new();
    for (i, t) in tl.tours.iter().enumerate() {
        let text = format!(
            "{} {}  ({})",
            if i == cursor { "▶" } else { " " },
            crate::tui::bidi::line(&t.title),
            crate::text::count(t.steps.len(), "step", "steps")
        );
        lines.push(if i == cursor { Line::styled(text, theme.selected) } else { Line::raw(text) });
    }
    if let Some(d) = tl.tours.get(cursor).and_then(|t| t.description.as_deref()) {
        lines.push(Line::raw(""));
        // Its paragraphs as written, a blank line between them.
        for line in d.lines() {
            lines.push(Line::styled(crate::tui::bidi::line(line).into_owned(), theme.dim));
        }
    }
    lines.push(Line::raw(""));
    let hint = format!(
        "In a tour: {} next, {} back, {} teacher's note, {} question",
        key(Context::Tour, Action::NextEvent),
        key(Context::Tour, Action::PrevEvent),
        key(Context::Tour, Action::ToggleNotes),
        key(Context::Tour, Action::ToggleQuestion)
    );
    lines.push(Line::styled(hint, theme.dim));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), rect);
}
