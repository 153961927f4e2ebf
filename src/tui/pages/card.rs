//! The selected event's lines, from the same card the web page and the
//! handout are made of ([`crate::document::Card`]): drawn in the detail pane
//! and full-screen, and measured to know how far the full-screen view scrolls.

use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::document::{Card, SourceRef};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::state::App;
use crate::tui::theme::Theme;

/// Where the full-screen event's text goes: wide margins on a big screen.
pub fn text_area(area: Rect) -> Rect {
    let inner = area.inner(Margin::new(1, 1));
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

pub fn heading<'a>(text: &'a str, theme: &Theme) -> Line<'a> {
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
pub fn event_lines<'a>(app: &'a App, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let Some(e) = app.selected_event() else {
        return vec![Line::styled("No event selected.", theme.dim)];
    };
    let card = Card::new(app.timeline(), e);
    let show = |s: &str| crate::tui::bidi::line(s).into_owned();
    // What the search found, marked in the title, the summary and the names.
    let needles = crate::tui::pages::marks::needles(app);
    let found = theme.found;
    let mark = |s: &str, base: Style| {
        Line::from(crate::tui::pages::marks::spans(&show(s), &needles, base, base.patch(found)))
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
            if let Some(note) = q.translation_note() {
                lines.push(Line::styled(format!("    {note}"), theme.dim));
            }
            source_lines(&mut lines, &q.source, "    ", width, theme);
            // The other version of the words: the original under a translation.
            if let Some(o) = &q.other {
                lines.push(Line::styled(format!("    {}:", o.label_in(app.words())), theme.dim));
                for paragraph in &o.text {
                    let text = show(&paragraph.join(" "));
                    lines.push(Line::styled(format!("    {text}"), theme.dim));
                }
                source_lines(&mut lines, &o.source, "    ", width, theme);
            }
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
            crate::tui::pages::marks::spans(part, &needles, Style::new(), Style::new().patch(found))
        };
        for a in &card.actors {
            lines.extend(super::hanging(
                vec![Span::raw("  ")],
                &a.label_in(app.words()),
                width,
                marked,
            ));
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
    if !card.attributes.is_empty() {
        lines.push(heading("Attributes", theme));
        // Names in a column, as wide as the longest (within reason), values beside.
        let room = card.attributes.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0);
        let room = room.min(24);
        for (name, value) in &card.attributes {
            if usize::from(width) >= room + 30 {
                let lead = vec![Span::styled(format!("  {:<room$} ", show(name)), theme.dim)];
                lines.extend(super::hanging_styled(lead, &show(value), width, Style::new()));
            } else {
                // Too narrow for a column of names: each pair wraps as a line of text.
                lines.push(Line::from(vec![
                    Span::styled(format!("  {} ", show(name)), theme.dim),
                    Span::raw(show(value)),
                ]));
            }
        }
    }
    if !card.related.is_empty() {
        lines.push(heading("Related", theme));
        for r in &card.related {
            let lead = vec![Span::raw(format!("  {}  ", r.date))];
            lines.extend(super::hanging_styled(lead, r.title, width, Style::new()));
        }
    }
    // The events that name this one, from the query layer's index (no scan of the events).
    let here = app.shown.selected_event().unwrap_or(0);
    let (named, naming) = app.query().links(here);
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
