//! The detail pane: the selected event in full, or the country or actor under
//! the cursor when their pane has the focus. Also the full-screen event view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::block;
use crate::model::{Event, Timeline};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::Listing;
use crate::tui::pages::card::{event_lines, heading, max_scroll, text_area};
use crate::tui::state::App;
use crate::tui::state::Reach;
use crate::tui::theme::Theme;

pub fn pane(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let (title, lines) = match app.focus().spec().lists {
        Some(Listing::Countries) => (" Country ", country_lines(app, theme)),
        Some(Listing::Actors) => (" Actor ", actor_lines(app, theme)),
        Some(Listing::Events) | None => {
            (" Event ", event_lines(app, theme, area.width.saturating_sub(2)))
        }
    };
    let block = block(Line::styled(title, theme.title), false, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

pub fn full_screen(app: &App, theme: &Theme, area: Rect, scroll: u16, frame: &mut Frame) {
    let position = format!(" Event {} of {} ", app.selected() + 1, app.shown().len());
    let block = block(Line::styled(position, theme.title), true, theme);
    let text = text_area(area);
    frame.render_widget(block, area);
    let scroll = scroll.min(max_scroll(app, area));
    let paragraph = Paragraph::new(event_lines(app, theme, text.width)).wrap(Wrap { trim: false });
    // A picture of one's own goes below the text, in the room the text leaves.
    let used = u16::try_from(paragraph.line_count(text.width)).unwrap_or(u16::MAX);
    let picture = app.selected_event().and_then(|e| e.media.as_ref()?.picture.as_ref());
    frame.render_widget(paragraph.scroll((scroll, 0)), text);
    if let Some(p) = picture
        && used < text.height
    {
        let below = Rect { y: text.y + used + 1, height: text.height - used - 1, ..text };
        super::picture::draw(p, app.images(), below, frame);
    }
}

/// The first and last events of a country or actor.
fn first_last(tl: &Timeline, span: Reach) -> Option<(&Event, &Event)> {
    Some((tl.events.get(span.first?)?, tl.events.get(span.last?)?))
}

fn span_lines<'a>(lines: &mut Vec<Line<'a>>, found: Option<(&'a Event, &'a Event)>, theme: &Theme) {
    if let Some((first, last)) = found {
        lines.push(Line::raw(""));
        if std::ptr::eq(first, last) {
            lines.push(heading("Event", theme));
        } else {
            lines.push(heading("First", theme));
            lines.push(Line::raw(format!("  {}  {}", first.date, first.title)));
            lines.push(heading("Last", theme));
        }
        lines.push(Line::raw(format!("  {}  {}", last.date, last.title)));
    }
}

/// "7 events" or "7 events; 3 with the other filters".
fn events_line(total: usize, filtered: usize, filter: &crate::query::Filter) -> String {
    let noun = if total == 1 { "event" } else { "events" };
    if filter.is_empty() || filtered == total {
        format!("{total} {noun}")
    } else {
        format!("{total} {noun}; {filtered} with the other filters")
    }
}

fn country_lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    let tl = app.timeline();
    let Some(c) = tl.countries.get(app.facets.country_cursor) else {
        return vec![Line::styled("No countries.", theme.dim)];
    };
    let mut lines =
        vec![Line::styled(format!("{} ({})", c.name, c.code), theme.title), Line::raw("")];
    if let Some(capital) = &c.capital {
        lines.push(Line::from(vec![
            Span::styled("Capital ", theme.heading),
            Span::raw(capital.as_str()),
        ]));
    }
    if let Some((lat, lon)) = c.location {
        lines.push(Line::from(vec![
            Span::styled("Location ", theme.heading),
            Span::raw(format!("{lat:.2}, {lon:.2}")),
        ]));
    }
    let span = app.data.country_reach(app.facets.country_cursor);
    let count = app.country_counts().get(app.facets.country_cursor).copied().unwrap_or(0);
    let total = span.total;
    let f = &app.shown.filter;
    if f.all_of() && !f.countries.is_empty() && count != total {
        // In "all of" mode the count is what the list shows with this country ticked too.
        let noun = if total == 1 { "event" } else { "events" };
        let when = if f.countries.contains(&c.code) { "shown" } else { "if ticked too" };
        let (total, count) = (crate::text::thousands(total), crate::text::thousands(count));
        lines.push(Line::raw(format!("{total} {noun}; {count} {when}")));
    } else {
        lines.push(Line::raw(events_line(total, count, f)));
    }
    span_lines(&mut lines, first_last(tl, span), theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{} toggles this country in the filter", key(Context::Facets, Action::Activate)),
        theme.dim,
    ));
    lines
}

fn actor_lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    let tl = app.timeline();
    let Some(a) = tl.actors.get(app.facets.actor_cursor) else {
        return vec![Line::styled("No actors.", theme.dim)];
    };
    let mut lines =
        vec![Line::styled(a.name.as_str(), theme.title), Line::raw(a.kind.as_str()), Line::raw("")];
    if let Some(role) = &a.role {
        lines
            .push(Line::from(vec![Span::styled("Role ", theme.heading), Span::raw(role.as_str())]));
    }
    if let Some(code) = &a.country {
        let name = tl.country(code).map_or(code.as_str(), |c| c.name.as_str());
        lines.push(Line::from(vec![Span::styled("Country ", theme.heading), Span::raw(name)]));
    }
    let span = app.data.actor_reach(app.facets.actor_cursor);
    let count = app.actor_counts().get(app.facets.actor_cursor).copied().unwrap_or(0);
    lines.push(Line::raw(events_line(span.total, count, &app.shown.filter)));
    span_lines(&mut lines, first_last(tl, span), theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{} toggles this actor in the filter", key(Context::Facets, Action::Activate)),
        theme.dim,
    ));
    lines
}
