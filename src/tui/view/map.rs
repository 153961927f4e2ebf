//! The map view: the countries' borders drawn in braille (ratatui's canvas)
//! over the part the map shows, the selected event's countries hatched and
//! the filter's lit, and each located capital a mark with a label (codes,
//! city, events under the other filters); the event's own place is marked.
//! Beside it, the selected event and every country, those without a capital
//! listed apart.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Painter, Shape};
use ratatui::widgets::{Paragraph, Wrap};

use super::{block, focused};
use crate::atlas::{Outline, atlas};
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
    let tl = app.timeline();
    let colour = |style: Style| style.fg.unwrap_or(Color::Reset);
    let event: Vec<&str> = app
        .selected_event()
        .map(|e| e.countries.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let lit: Vec<&str> = app.shown.filter.countries.iter().map(String::as_str).collect();
    let shapes = |codes: &[&str]| -> Vec<&'static Outline> {
        codes.iter().flat_map(|c| atlas().shapes(c)).collect()
    };
    let (event_shapes, lit_shapes) = (shapes(&event), shapes(&lit));
    let ([west, east], [south, north]) = ([b.west, b.east], [b.south, b.north]);
    let seen: Vec<&Outline> =
        atlas().all().iter().filter(|o| o.meets(west, east, south, north)).collect();
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([b.west, b.east])
        .y_bounds([b.south, b.north])
        .paint(|ctx| {
            ctx.draw(&Hatch { outlines: &lit_shapes, color: colour(theme.checked), dense: false });
            ctx.draw(&Hatch { outlines: &event_shapes, color: colour(theme.marker), dense: true });
            ctx.layer();
            ctx.draw(&Borders { outlines: &seen, color: colour(theme.dim) });
            ctx.draw(&Borders { outlines: &lit_shapes, color: colour(theme.checked) });
            ctx.draw(&Borders { outlines: &event_shapes, color: colour(theme.marker) });
        });
    frame.render_widget(canvas, inner);

    // Countries sharing a cell share a mark (Russia and the Soviet Union: Moscow).
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
                // The blank columns are blank over the borders too: a label reads whole.
                for cx in [sx.checked_sub(1), Some(sx + w)].into_iter().flatten() {
                    if (inner.x..inner.right()).contains(&cx) {
                        buf.set_string(cx, sy, " ", Style::new());
                    }
                }
                buf.set_string(sx, sy, &text, label_style);
                break 'place;
            }
        }
    }
    // The event's own place, over everything: where it happened.
    let venue = app.selected_event().and_then(|e| e.location.as_deref());
    if let Some((x, y)) = venue.and_then(|l| l.coordinates).and_then(|p| b.cell(inner, p)) {
        buf.set_string(x, y, PLACE, theme.marker.add_modifier(ratatui::style::Modifier::BOLD));
    }
}

/// The mark of an event's own place (its `location`), on this map and the page's.
pub const PLACE: &str = "✕";

/// The map's grid: canvas coordinates (longitude, latitude) to braille dots.
struct Grid {
    left: f64,
    top: f64,
    /// Dots per degree across and down.
    sx: f64,
    sy: f64,
    width: usize,
    height: usize,
}

impl Grid {
    fn of(painter: &Painter) -> Option<Grid> {
        let ([left, right], [bottom, top]) = painter.bounds();
        let (left, right, bottom, top) = (*left, *right, *bottom, *top);
        // The far corner's dot tells the grid's size.
        let (w, h) = painter.get_point(right, bottom)?;
        if right <= left || top <= bottom {
            return None;
        }
        Some(Grid {
            left,
            top,
            sx: w as f64 / (right - left),
            sy: h as f64 / (top - bottom),
            width: w + 1,
            height: h + 1,
        })
    }

    fn dot(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        ((lon - self.left) * self.sx, (self.top - lat) * self.sy)
    }
}

/// Countries' borders, in one colour: each edge stepped dot by dot, so a
/// zoomed map keeps thin lines.
struct Borders<'a> {
    outlines: &'a [&'a Outline],
    color: Color,
}

impl Shape for Borders<'_> {
    fn draw(&self, painter: &mut Painter) {
        let Some(g) = Grid::of(painter) else { return };
        let (w, h) = (g.width as f64, g.height as f64);
        for o in self.outlines {
            for ring in &o.rings {
                let mut prev = g.dot(ring[ring.len() - 1]);
                for &p in ring {
                    let (x1, y1) = g.dot(p);
                    let (x0, y0) = prev;
                    prev = (x1, y1);
                    // Off the map on one side: nothing to draw.
                    if (x0 < -0.5 && x1 < -0.5)
                        || (y0 < -0.5 && y1 < -0.5)
                        || (x0 > w && x1 > w)
                        || (y0 > h && y1 > h)
                    {
                        continue;
                    }
                    let steps = (x1 - x0).abs().max((y1 - y0).abs()).ceil().min(4096.0) as usize;
                    for i in 0..=steps {
                        let t = if steps == 0 { 0.0 } else { i as f64 / steps as f64 };
                        let (x, y) = ((x0 + (x1 - x0) * t).round(), (y0 + (y1 - y0) * t).round());
                        if x >= 0.0 && y >= 0.0 && x < w && y < h {
                            painter.paint(x as usize, y as usize, self.color);
                        }
                    }
                }
            }
        }
    }
}

/// Countries' insides as a hatch of dots (even-odd, so lakes stay open):
/// dense for the event's countries, sparse for the filter's, so they
/// differ without colour too.
struct Hatch<'a> {
    outlines: &'a [&'a Outline],
    color: Color,
    dense: bool,
}

impl Shape for Hatch<'_> {
    fn draw(&self, painter: &mut Painter) {
        let Some(g) = Grid::of(painter) else { return };
        let mut crossings: Vec<f64> = Vec::new();
        let step = if self.dense { 2 } else { 4 };
        for row in (0..g.height).step_by(step) {
            let lat = g.top - row as f64 / g.sy;
            for o in self.outlines.iter().filter(|o| (o.south..=o.north).contains(&lat)) {
                crossings.clear();
                for ring in &o.rings {
                    let mut prev = ring[ring.len() - 1];
                    for &p in ring {
                        if (p.1 > lat) != (prev.1 > lat) {
                            let lon = prev.0 + (lat - prev.1) / (p.1 - prev.1) * (p.0 - prev.0);
                            crossings.push(g.dot((lon, lat)).0);
                        }
                        prev = p;
                    }
                }
                crossings.sort_by(f64::total_cmp);
                for pair in crossings.chunks_exact(2) {
                    let from = pair[0].ceil().max(0.0) as usize;
                    let to = (pair[1].floor().min(g.width as f64 - 1.0)).max(-1.0);
                    // A diagonal hatch: each hatched row starts one dot further on.
                    let shift = (row / step) % 2;
                    for x in (from..).take_while(|&x| x as f64 <= to) {
                        if (x + shift) % 2 == 0 {
                            painter.paint(x, row, self.color);
                        }
                    }
                }
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
    // A country drawn with others' outlines says so.
    for code in app.selected_event().map(|e| e.countries.as_slice()).unwrap_or_default() {
        if let Some(note) = crate::atlas::drawn_as_note(code) {
            let text = format!("{}: {note}", tl.country_name(code));
            head.extend(
                crate::text::wrap(&text, width).into_iter().map(|l| Line::styled(l, theme.dim)),
            );
        }
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
