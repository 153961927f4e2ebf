//! The help overlay: the help's lines ([`crate::tui::pages::help`]) in as
//! many columns as fit, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::block;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context, key};
use crate::tui::pages::help::{COLUMN, geometry, lines, max_scroll};
use crate::tui::theme::Theme;

pub fn render(theme: &Theme, area: Rect, scroll: u16, frame: &mut Frame) {
    let all = lines(theme);
    let (columns, rows) = geometry(area, all.len());
    let scroll = usize::from(scroll.min(max_scroll(area)));
    let box_width = ((columns * COLUMN + 2) as u16).min(area.width);
    let box_height = ((rows + 2) as u16).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - box_width) / 2,
        y: area.y + (area.height - box_height) / 2,
        width: box_width,
        height: box_height,
    };
    frame.render_widget(Clear, rect);
    let more = scroll + columns * rows < all.len();
    let close = keymap::BINDINGS
        .iter()
        .find(|b| b.context == Context::Help && b.action == Action::ToggleHelp)
        .map_or("Esc", |b| b.label)
        .replace(' ', " or ");
    let title = if more || scroll > 0 {
        format!(
            " Keys — {}{} scroll, {close} closes ",
            key(Context::Help, Action::Up),
            key(Context::Help, Action::Down)
        )
    } else {
        format!(" Keys — {close} closes ")
    };
    let block = block(Line::styled(title, theme.title), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    for (c, chunk) in all[scroll.min(all.len())..].chunks(rows.max(1)).take(columns).enumerate() {
        let x = inner.x + (c * COLUMN) as u16;
        if x >= inner.right() {
            break;
        }
        let col = Rect { x, width: (COLUMN as u16).min(inner.right() - x), ..inner };
        frame.render_widget(Paragraph::new(chunk.to_vec()), col);
    }
}
