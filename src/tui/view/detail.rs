//! The detail pane: the selected event in full, or the country or actor under
//! the cursor when their pane has the focus. Also the full-screen event view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::block;
use crate::document::{Card, SourceRef};
use crate::model::{Event, Timeline};
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::data::Reach;
use crate::tui::keymap::{Context, key};
use crate::tui::theme::Theme;

pub fn pane(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let (title, lines) = match app.focus {
        Pane::Countries => (" Country ", country_lines(app, theme)),
        Pane::Actors => (" Actor ", actor_lines(app, theme)),
        Pane::Timeline | Pane::Detail | Pane::Map | Pane::Places | Pane::Axis => {
            (" Event ", event_lines(app, theme, area.width.saturating_sub(2)))
        }
    };
    let block = block(Line::styled(title, theme.title), false, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

/// Where the full-screen event's text goes: wide margins on a big screen.
fn text_area(area: Rect) -> Rect {
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let margin = inner.width.saturating_sub(100) / 2;
    Rect { x: inner.x + margin + 1, width: inner.width.saturating_sub(margin * 2 + 2), ..inner }
}

/// How far the full-screen event can scroll in `area`.
pub fn max_scroll(app: &App, area: Rect) -> u16 {
    let text = text_area(area);
    let lines = Paragraph::new(event_lines(app, &Theme::mono(), text.width))
        .wrap(Wrap { trim: false })
        .line_count(text.width.max(1));
    u16::try_from(lines.saturating_sub(usize::from(text.height))).unwrap_or(u16::MAX)
}

pub fn full_screen(app: &App, theme: &Theme, area: Rect, scroll: u16, frame: &mut Frame) {
    let position = format!(" Event {} of {} ", app.selected + 1, app.shown.len());
    let block = block(Line::styled(position, theme.title), true, theme);
    let text = text_area(area);
    frame.render_widget(block, area);
    let scroll = scroll.min(max_scroll(app, area));
    frame.render_widget(
        Paragraph::new(event_lines(app, theme, text.width))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        text,
    );
}

fn heading<'a>(text: &'a str, theme: &Theme) -> Line<'a> {
    Line::styled(text, theme.heading)
}

/// A web address on lines of `width`, indented, broken after its slashes
/// rather than inside a word.
fn address<'a>(lines: &mut Vec<Line<'a>>, url: &str, width: u16, theme: &Theme) {
    for part in crate::text::wrap(url, usize::from(width.saturating_sub(2))) {
        lines.push(Line::styled(format!("  {part}"), theme.link));
    }
}

/// The event's lines, from the same card the web page and the handout are
/// made of; `width` is where web addresses are broken.
fn event_lines<'a>(app: &'a App, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let Some(e) = app.selected_event() else {
        return vec![Line::styled("No event selected.", theme.dim)];
    };
    let card = Card::new(app.timeline(), e);
    let show = |s: &str| crate::tui::bidi::line(s).into_owned();
    // What the search found, marked in the title, the summary and the names.
    let needles = super::marks::needles(app);
    let found = theme.found;
    let mark = |s: &str, base: Style| {
        Line::from(super::marks::spans(&show(s), &needles, base, base.patch(found)))
    };
    let mut date = vec![Span::styled(card.date.clone(), theme.year)];
    if let Some(era) = card.era {
        date.push(Span::styled(format!(" · {}", show(era)), theme.era));
    }
    let mut lines = vec![Line::from(date), mark(card.title, theme.title), Line::raw("")];
    for paragraph in &card.summary {
        lines.extend(paragraph.iter().map(|l| mark(l, Style::new())));
        lines.push(Line::raw(""));
    }
    if card.summary.is_empty() {
        lines.push(Line::raw(""));
    }
    if !card.quotes.is_empty() {
        lines.push(heading(if card.quotes.len() == 1 { "Quote" } else { "Quotes" }, theme));
        for q in &card.quotes {
            let last = q.text.len().saturating_sub(1);
            for (n, paragraph) in q.text.iter().enumerate() {
                if n > 0 {
                    lines.push(Line::raw(""));
                }
                let open = if n == 0 { "“" } else { " " };
                let close = if n == last { "”" } else { "" };
                let text = show(&paragraph.join(" "));
                lines.push(Line::styled(format!("  {open}{text}{close}"), theme.title));
            }
            lines.push(Line::styled(format!("    — {}", show(&q.attribution())), theme.era));
            source_lines(&mut lines, &q.source, "    ", width, theme);
        }
        lines.push(Line::raw(""));
    }
    if card.countries.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Countries ", theme.heading),
            Span::styled("no country", theme.dim),
        ]));
    } else {
        lines.push(heading("Countries", theme));
        let names: Vec<String> = card
            .countries
            .iter()
            .map(|c| {
                if c.name == c.code { c.code.to_string() } else { format!("{} {}", c.code, c.name) }
            })
            .collect();
        lines.push(Line::raw(show(&names.join(", "))));
    }
    if !card.actors.is_empty() {
        lines.push(heading("Actors", theme));
        // A long name or part goes on under itself, indented.
        let marked = |part: &str| {
            super::marks::spans(part, &needles, Style::new(), Style::new().patch(found))
        };
        for a in &card.actors {
            lines.extend(super::hanging(vec![Span::raw("  ")], &a.label(), width, marked));
        }
    }
    if !card.tags.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Tags ", theme.heading),
            Span::raw(show(&card.tags.join(", "))),
        ]));
    }
    if !card.sources.is_empty() {
        lines.push(heading("Sources", theme));
        for s in &card.sources {
            source_lines(&mut lines, s, "  ", width, theme);
        }
    }
    if let Some(m) = &card.media {
        lines.push(heading("Media", theme));
        for text in [m.caption, m.credit].into_iter().flatten() {
            lines.push(Line::raw(format!("  {}", show(text))));
        }
        address(&mut lines, m.url, width, theme);
    }
    if let Some(place) = &card.location {
        lines.push(Line::from(vec![Span::styled("Place ", theme.heading), Span::raw(show(place))]));
    }
    if !card.external_ids.is_empty() {
        let ids: Vec<String> = card.external_ids.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        lines
            .push(Line::from(vec![Span::styled("Ids ", theme.heading), Span::raw(ids.join(", "))]));
    }
    if !card.related.is_empty() {
        lines.push(heading("Related", theme));
        for r in &card.related {
            let lead = vec![Span::raw(format!("  {}  ", r.date))];
            lines.extend(super::hanging_styled(lead, r.title, width, Style::new()));
        }
    }
    // The events that name this one, from the query layer's index (no scan of the events).
    let here = app.shown.get(app.selected).copied().unwrap_or(0);
    let (named, naming) = app.query.links(here);
    let tl = app.timeline();
    if !naming.is_empty() {
        lines.push(heading("Linked from", theme));
        for r in naming.iter().filter_map(|&k| tl.events.get(k as usize)) {
            let lead = vec![Span::raw(format!("  {}  ", r.date_label()))];
            lines.extend(super::hanging_styled(lead, &r.title, width, Style::new()));
        }
    }
    if !named.is_empty() || !naming.is_empty() {
        lines.push(Line::styled(
            format!("{} follows a link", key(Context::Panes, Action::OpenLinks)),
            theme.dim,
        ));
    }
    lines
}

/// A source: its title (unless it is the bare address), a book's details,
/// then its address.
fn source_lines(lines: &mut Vec<Line<'_>>, s: &SourceRef, indent: &str, width: u16, theme: &Theme) {
    if s.titled() {
        let lead = vec![Span::raw(indent.to_string())];
        lines.extend(super::hanging_styled(lead, s.title, width, Style::new()));
    }
    if let Some(details) = &s.details {
        lines.push(Line::styled(format!("{indent}{details}"), theme.dim));
    }
    if let Some(url) = s.url {
        address(lines, url, width, theme);
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
    let Some(c) = tl.countries.get(app.country_cursor) else {
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
    let span = app.spans.countries.get(app.country_cursor).copied().unwrap_or_default();
    let count = app.country_counts.get(app.country_cursor).copied().unwrap_or(0);
    let total = span.total;
    let f = &app.filter;
    if f.all_of() && !f.countries.is_empty() && count != total {
        // In "all of" mode the count is what the list shows with this country ticked too.
        let noun = if total == 1 { "event" } else { "events" };
        let when = if f.countries.contains(&c.code) { "shown" } else { "if ticked too" };
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
    let Some(a) = tl.actors.get(app.actor_cursor) else {
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
    let span = app.spans.actors.get(app.actor_cursor).copied().unwrap_or_default();
    let count = app.actor_counts.get(app.actor_cursor).copied().unwrap_or(0);
    lines.push(Line::raw(events_line(span.total, count, &app.filter)));
    span_lines(&mut lines, first_last(tl, span), theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{} toggles this actor in the filter", key(Context::Facets, Action::Activate)),
        theme.dim,
    ));
    lines
}
