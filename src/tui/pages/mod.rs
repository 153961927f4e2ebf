//! What the scrolling pages say, line by line, at a width: the help, the
//! about and statistics pages, the full-screen event, the quiz's summary.
//! The view draws these lines; `update` measures them to keep a scroll
//! within the page. Pure, so the two always agree.

pub mod card;
pub mod help;
pub mod marks;
pub mod quiz;
pub mod reader;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::keymap::Context;
use crate::tui::state::{App, Screen};

/// The full-screen views take all but the status line.
pub fn full_screen_area(area: Rect) -> Rect {
    Rect { height: area.height.saturating_sub(1), ..area }
}

/// How far the help can scroll at the app's terminal size.
pub fn help_max_scroll(app: &App) -> u16 {
    help::max_scroll(Rect::new(0, 0, app.width, app.height))
}

/// The line the help opens at on the screen `active` (see [`help::start`]).
pub fn help_start(active: Context) -> usize {
    help::start(active)
}

/// How far the about page or the statistics can scroll.
pub fn reader_max_scroll(app: &App) -> u16 {
    reader::max_scroll(app)
}

/// How far the full-screen event can scroll.
pub fn detail_max_scroll(app: &App) -> u16 {
    card::max_scroll(app, full_screen_area(Rect::new(0, 0, app.width, app.height)))
}

/// How far the quiz's end summary can scroll.
pub fn quiz_max_scroll(app: &App) -> u16 {
    match &app.screen {
        Screen::Quiz(q) => {
            quiz::max_scroll(q, full_screen_area(Rect::new(0, 0, app.width, app.height)))
        }
        _ => 0,
    }
}

/// `text` after `lead` (a number, an indent), wrapped between words to
/// `width` columns, its later lines indented under its first; `show` draws
/// each wrapped part (in display order, with any marks).
pub fn hanging<'a>(
    lead: Vec<Span<'a>>,
    text: &str,
    width: u16,
    show: impl Fn(&str) -> Vec<Span<'a>>,
) -> Vec<Line<'a>> {
    let indent: usize = lead.iter().map(|s| crate::text::width(&s.content)).sum();
    let room = usize::from(width).saturating_sub(indent).max(8);
    let mut lead = Some(lead);
    crate::text::wrap(text, room)
        .iter()
        .map(|part| {
            let mut spans = lead.take().unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.extend(show(&crate::tui::bidi::line(part)));
            Line::from(spans)
        })
        .collect()
}

/// [`hanging`] in one style.
pub fn hanging_styled<'a>(
    lead: Vec<Span<'a>>,
    text: &str,
    width: u16,
    style: ratatui::style::Style,
) -> Vec<Line<'a>> {
    hanging(lead, text, width, |part| vec![Span::styled(part.to_string(), style)])
}
