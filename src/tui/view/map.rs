//! The map view: the world drawn with ratatui's canvas (braille dots) over
//! the part the map shows, each located capital a mark with a label (codes,
//! city, events under the other filters); the selected event's countries,
//! the countries in the filter and the one under the cursor each stand out.
//! Beside it, the selected event and every country, those without a capital
//! listed apart.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Map, MapResolution};
use ratatui::widgets::{Paragraph, Wrap};

use super::{block, focused};
use crate::model::Timeline;
use crate::text::{fit, pad, width as columns};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::Pane;
use crate::tui::state::{App, scroll_offset};
use crate::tui::theme::Theme;

/// How a country stands on the map now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    /// A country of the selected event.
    Event,
    /// In the filter.
    Filter,
    Other,
    /// No events under the other filters.
    Idle,
}

fn standing(app: &App, i: usize) -> Standing {
    let tl = app.timeline();
    let code = &tl.countries[i].code;
    if app.selected_event().is_some_and(|e| e.countries.contains(code)) {
        Standing::Event
    } else if app.shown.filter.countries.contains(code) {
        Standing::Filter
    } else if app.country_counts().get(i).copied().unwrap_or(0) == 0 {
        Standing::Idle
    } else {
        Standing::Other
    }
}

fn glyph(s: Standing) -> &'static str {
    match s {
        Standing::Event => "◆",
        Standing::Filter => "■",
        Standing::Other => "●",
        Standing::Idle => "·",
    }
}

fn style(s: Standing, theme: &Theme) -> Style {
    match s {
        Standing::Event => theme.marker,
        Standing::Filter => theme.checked,
        Standing::Other => theme.title,
        Standing::Idle => theme.dim,
    }
}

/// "Astana" from "Astana (capital since 1997; …)".
fn city(tl: &Timeline, i: usize) -> String {
    let c = &tl.countries[i];
    let name = c.capital.as_deref().unwrap_or(&c.name);
    name.split(" (").next().unwrap_or(name).trim().to_string()
}

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let is_focused = focused(app, Pane::Map);
    let title = Line::from(vec![
        Span::styled(" Map ", theme.title),
        Span::styled("◆ ", theme.marker),
        Span::styled("the event  ", theme.dim),
        Span::styled("■ ", theme.checked),
        Span::styled("in the filter ", theme.dim),
    ]);
    let keys = format!(
        " {} {} zoom · {} fit · {} toggle ",
        key(Context::Map, Action::ZoomIn),
        key(Context::Map, Action::ZoomOut),
        key(Context::Map, Action::ZoomFit),
        key(Context::Map, Action::Activate)
    );
    let block =
        block(title, is_focused, theme).title_bottom(Line::styled(keys, theme.dim).right_aligned());
    frame.render_widget(block, area);
    let Some((inner, b)) = app.map_frame() else {
        let text = "No country in these timelines has the coordinates of its capital \
                    (`location:` in the countries list), so there is nothing to place.";
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(4),
            height: area.height.saturating_sub(2),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.dim)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    };
    let land = theme.dim.fg.unwrap_or(Color::Reset);
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([b.west, b.east])
        .y_bounds([b.south, b.north])
        .paint(move |ctx| ctx.draw(&Map { resolution: MapResolution::High, color: land }));
    frame.render_widget(canvas, inner);

    // Countries sharing a cell share a mark (Russia and the Soviet Union: Moscow).
    let tl = app.timeline();
    let mut groups: Vec<((u16, u16), Vec<usize>)> = Vec::new();
    for (i, c) in tl.countries.iter().enumerate() {
        let Some(cell) = c.location.and_then(|p| b.cell(inner, p)) else { continue };
        match groups.iter_mut().find(|(at, _)| *at == cell) {
            Some((_, members)) => members.push(i),
            None => groups.push((cell, vec![i])),
        }
    }
    // Most important first: they get the marks and the room for labels.
    let rank = |members: &[usize]| {
        let best = members.iter().map(|&i| standing(app, i)).min().unwrap_or(Standing::Idle);
        let cursor = members.contains(&app.map.cursor);
        let events: usize =
            members.iter().map(|&i| app.country_counts().get(i).copied().unwrap_or(0)).sum();
        (!cursor, best, std::cmp::Reverse(events))
    };
    groups.sort_by_cached_key(|(_, m)| rank(m));
    let mut taken = vec![false; usize::from(inner.width) * usize::from(inner.height)];
    let index = |x: u16, y: u16| {
        usize::from(y - inner.y) * usize::from(inner.width) + usize::from(x - inner.x)
    };
    for ((x, y), _) in &groups {
        taken[index(*x, *y)] = true;
    }
    let buf = frame.buffer_mut();
    for ((x, y), members) in &groups {
        let best = members.iter().map(|&i| standing(app, i)).min().unwrap_or(Standing::Idle);
        let cursor = members.contains(&app.map.cursor) && is_focused;
        buf.set_string(*x, *y, glyph(best), style(best, theme));
        let codes: Vec<&str> = members.iter().map(|&i| tl.countries[i].code.as_str()).collect();
        let counts: Vec<String> = members
            .iter()
            .map(|&i| app.country_counts().get(i).copied().unwrap_or(0).to_string())
            .collect();
        let full = format!("{} {} {}", codes.join("/"), city(tl, members[0]), counts.join("/"));
        let short = format!("{} {}", codes.join("/"), counts.join("/"));
        let label_style = if cursor { theme.selected } else { style(best, theme) };
        'place: for text in [full, short, codes.join("/")] {
            let w = u16::try_from(columns(&text)).unwrap_or(u16::MAX);
            let spots = [
                (x.checked_add(2), Some(*y)),
                (x.checked_sub(w + 1), Some(*y)),
                (Some(*x), y.checked_sub(1)),
                (Some(*x), y.checked_add(1)),
                (x.checked_sub(w.saturating_sub(1)), y.checked_sub(1)),
                (x.checked_sub(w.saturating_sub(1)), y.checked_add(1)),
            ];
            for (sx, sy) in spots {
                let (Some(sx), Some(sy)) = (sx, sy) else { continue };
                if sx < inner.x || sy < inner.y || sx + w > inner.right() || sy >= inner.bottom() {
                    continue;
                }
                // A blank column either side keeps neighbouring labels apart.
                let lo = sx.saturating_sub(1).max(inner.x);
                let hi = (sx + w + 1).min(inner.right());
                if (lo..hi).any(|cx| taken[index(cx, sy)]) {
                    continue;
                }
                (sx..sx + w).for_each(|cx| taken[index(cx, sy)] = true);
                buf.set_string(sx, sy, &text, label_style);
                break 'place;
            }
        }
    }
}

/// Beside the map: the selected event, then every country with its mark,
/// tick and count, the cursor's highlighted; countries off the map dimmed,
/// and those without a capital's coordinates listed apart.
pub fn places(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let block = block(Line::styled(" Places ", theme.title), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut head: Vec<Line> = Vec::new();
    match app.selected_event() {
        Some(e) => {
            head.push(Line::from(vec![
                Span::styled("◆ ", theme.marker),
                Span::styled(e.date_label(), theme.year),
            ]));
            // The title on up to two lines, broken at a space.
            let title = fit(&e.title, width * 2 - 2);
            let mut first = String::new();
            let mut rest = title.as_str();
            while let Some((word, more)) = rest.split_once(' ') {
                if columns(&first) + columns(word) + 1 > width {
                    break;
                }
                first.push_str(word);
                first.push(' ');
                rest = more;
            }
            if first.is_empty()
                || columns(rest) <= width && columns(&first) + columns(rest) <= width
            {
                head.push(Line::styled(fit(&title, width), theme.title));
            } else {
                head.push(Line::styled(first.trim_end().to_string(), theme.title));
                head.push(Line::styled(fit(rest, width), theme.title));
            }
        }
        None => head.push(Line::styled("No event shown.", theme.dim)),
    }
    head.push(Line::raw(""));
    let frame_bounds = app.map_frame().map(|(_, b)| b);
    let line = |i: usize, cursor: bool| {
        let c = &tl.countries[i];
        let s = standing(app, i);
        let count = app.country_counts().get(i).copied().unwrap_or(0).to_string();
        let mark = match s {
            Standing::Event => "◆",
            Standing::Filter => "■",
            _ => " ",
        };
        let name_width = width.saturating_sub(2 + 3 + count.len() + 1);
        let text = format!(
            "{mark} {} {} {count}",
            c.code,
            pad(&crate::text::fit_words(&c.name, name_width), name_width)
        );
        let off = c.location.is_some_and(|p| frame_bounds.is_some_and(|b| !b.contains(p)));
        let style = if cursor {
            theme.selected
        } else if off || s == Standing::Idle {
            theme.dim
        } else {
            style(s, theme).patch(Style::new().remove_modifier(ratatui::style::Modifier::BOLD))
        };
        Line::styled(text, style)
    };
    let mut rows: Vec<Line> = Vec::new();
    let mut cursor_row = 0;
    let order = app.facets.country_order.items();
    for &i in order.iter().filter(|&&i| tl.countries[i].location.is_some()) {
        if i == app.map.cursor {
            cursor_row = rows.len();
        }
        rows.push(line(i, i == app.map.cursor));
    }
    let unplaced: Vec<usize> =
        order.iter().copied().filter(|&i| tl.countries[i].location.is_none()).collect();
    if !unplaced.is_empty() {
        rows.push(Line::raw(""));
        rows.push(Line::styled("Not on the map (no capital given)", theme.heading));
        rows.extend(unplaced.iter().map(|&i| line(i, false)));
    }
    let height = usize::from(inner.height).saturating_sub(head.len());
    let first = scroll_offset(cursor_row, rows.len(), height);
    head.extend(rows.into_iter().skip(first).take(height));
    frame.render_widget(Paragraph::new(head), inner);
}
