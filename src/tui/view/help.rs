//! The help overlay: every binding of the keymap table, by context.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::block;
use crate::text::{fit, pad};
use crate::tui::keymap;
use crate::tui::theme::Theme;

const COLUMN: usize = 40;

pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (title, bindings) in keymap::help_sections() {
        lines.push(Line::styled(title, theme.heading));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(pad(b.label, 8), theme.key),
                Span::raw(fit(b.help, COLUMN - 9)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Mouse", theme.heading));
    lines.push(Line::raw("click selects, the wheel scrolls;"));
    lines.push(Line::raw("--no-mouse leaves the mouse to the"));
    lines.push(Line::raw("terminal, to select and copy text"));
    lines
}

pub fn render(theme: &Theme, area: Rect, frame: &mut Frame) {
    let all = lines(theme);
    let width = area.width.saturating_sub(4);
    let height = area.height.saturating_sub(2);
    let columns = (usize::from(width.saturating_sub(2)) / COLUMN).max(1);
    let inner_height = usize::from(height.saturating_sub(2)).max(1);
    let needed_columns = all.len().div_ceil(inner_height).min(columns);
    let rows = all.len().div_ceil(needed_columns).min(inner_height);
    let box_width = (needed_columns * COLUMN + 2).min(usize::from(width)) as u16;
    let box_height = (rows + 2).min(usize::from(height)) as u16;
    let rect = Rect {
        x: area.x + (area.width - box_width) / 2,
        y: area.y + (area.height - box_height) / 2,
        width: box_width,
        height: box_height,
    };
    frame.render_widget(Clear, rect);
    let title = Line::styled(" Keys — Esc or ? closes ", theme.title);
    let block = block(title, true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut chunks = all.chunks(rows.max(1));
    for c in 0..needed_columns {
        let Some(chunk) = chunks.next() else { break };
        let x = inner.x + (c * COLUMN) as u16;
        if x >= inner.right() {
            break;
        }
        let col = Rect { x, width: (COLUMN as u16).min(inner.right() - x), ..inner };
        frame.render_widget(Paragraph::new(chunk.to_vec()), col);
    }
    if chunks.next().is_some() {
        let more = Rect { y: rect.bottom().saturating_sub(1), height: 1, ..inner };
        frame.render_widget(
            Paragraph::new(Line::styled(" … enlarge the window to see every key ", theme.dim)),
            more,
        );
    }
}
