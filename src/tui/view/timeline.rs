//! The timeline pane: era headers, the year once per group, precision-aware
//! dates, the selected event highlighted and kept in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{block, focused};
use crate::model::PartialDate;
use crate::text::{fit, fit_words, pad, width as columns};
use crate::tui::action::Action;
use crate::tui::filtering::Row;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::Pane;
use crate::tui::state::{App, PromptKind, scroll_offset};
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let is_focused = focused(app, Pane::Timeline);
    let name = tl.title.as_deref().unwrap_or("Timeline");
    let count = format!(
        "{} of {} ",
        crate::text::thousands(app.shown().len()),
        crate::text::thousands(tl.events.len())
    );
    let room = usize::from(area.width).saturating_sub(columns(&count) + 6);
    let title = Line::from(vec![
        Span::styled(format!(" {} ", fit_words(name, room)), theme.title),
        Span::styled(count, theme.dim),
    ]);
    let block = block(title, is_focused, theme);
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    if app.shown().is_empty() {
        let searching = app.prompt().is_some_and(|p| p.kind == PromptKind::Search);
        let msg = if tl.events.is_empty() {
            "No events in the loaded timelines.".to_string()
        } else if searching {
            // While the prompt is open a letter is typed into it.
            format!(
                "No events match the search and the filters. {} cancels the search.",
                key(Context::Prompt, Action::Back)
            )
        } else {
            format!(
                "No events match the filters. Press {} to clear them.",
                key(Context::Panes, Action::ClearFilters)
            )
        };
        let msg = Paragraph::new(Line::styled(msg, theme.dim)).wrap(Wrap { trim: true });
        frame.render_widget(msg.block(block), area);
        return;
    }
    let year_width = app.year_width();
    let needles = crate::tui::pages::marks::needles(app);
    let first = scroll_offset(app.selected_row(), app.rows().len(), height);
    let mut lines = Vec::with_capacity(height);
    let mut last_year: Option<i32> = None;
    for (n, row) in app.rows().iter().enumerate().skip(first).take(height) {
        match *row {
            Row::Era(e) => {
                let title = fit_words(&tl.eras[e].title, width.saturating_sub(4));
                let rule = "─".repeat(width.saturating_sub(columns(&title) + 4));
                lines.push(Line::styled(format!("── {title} {rule}"), theme.era));
                last_year = None;
            }
            Row::Event(p) => {
                let e = &tl.events[app.shown()[p]];
                let year = if last_year != Some(e.date.year) || n == first {
                    PartialDate::year_label(e.date.year)
                } else {
                    String::new()
                };
                last_year = Some(e.date.year);
                let mut day = e.date.day_month_label();
                if e.date.approximate {
                    day.push('~');
                }
                let selected = p == app.selected();
                let marker = if selected { "▶ " } else { "  " };
                let prefix = format!("{marker}{} {:>7} ", pad(&year, year_width), fit(&day, 7));
                let title = crate::tui::bidi::line(&fit_words(
                    &e.title,
                    width.saturating_sub(columns(&prefix)),
                ))
                .into_owned();
                if selected {
                    let style = if is_focused { theme.selected } else { theme.selected_idle };
                    let title = pad(&title, width.saturating_sub(columns(&prefix)));
                    let mut spans = vec![Span::styled(prefix, style)];
                    spans.extend(crate::tui::pages::marks::spans(
                        &title,
                        &needles,
                        style,
                        style.patch(theme.found),
                    ));
                    lines.push(Line::from(spans));
                } else {
                    let mut spans = vec![
                        Span::raw(marker),
                        Span::styled(pad(&year, year_width), theme.year),
                        Span::styled(format!(" {:>7} ", fit(&day, 7)), theme.dim),
                    ];
                    spans.extend(crate::tui::pages::marks::spans(
                        &title,
                        &needles,
                        Style::new(),
                        theme.found,
                    ));
                    lines.push(Line::from(spans));
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
