//! A page of text over the screen ([`crate::tui::pages::reader`]), scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::block;
use super::pickers::centred;
use crate::tui::pages::reader::{max_scroll, page, page_area};
use crate::tui::state::App;
use crate::tui::theme::Theme;

pub fn render(app: &App, scroll: u16, theme: &Theme, area: Rect, frame: &mut Frame) {
    let rect = page_area(area);
    let Some((title, lines)) = page(app, theme, rect.width) else { return };
    let rect = centred(area, rect.width, rect.height, frame);
    let scroll = scroll.min(max_scroll(app));
    let block = block(Line::styled(title, theme.title), true, theme);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)).block(block),
        rect,
    );
}
