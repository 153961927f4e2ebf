//! The countries and actors panes: each item with its facet count and a
//! checkbox showing whether it is in the filter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{block, focused};
use crate::model::ActorKind;
use crate::text::{fit_words, pad};
use crate::tui::action::Action;
use crate::tui::app::{App, FacetSort, Pane, scroll_offset};
use crate::tui::keymap::{Context, key};
use crate::tui::theme::Theme;

struct Item<'a> {
    name: &'a str,
    badge: &'static str,
    count: usize,
    checked: bool,
}

pub fn countries(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let items: Vec<Item> = app
        .country_order
        .items()
        .iter()
        .filter_map(|&i| Some((tl.countries.get(i)?, app.country_counts.get(i).copied()?)))
        .map(|(c, count)| Item {
            name: &c.name,
            badge: "",
            count,
            checked: app.filter.countries.contains(&c.code),
        })
        .collect();
    let n = app.filter.countries.len();
    let mut title = vec![Span::styled(" Countries ", theme.title)];
    if n > 0 {
        let mode = if app.filter.all_of() && n > 1 { " all" } else { "" };
        title.push(Span::styled(format!("✓{n}{mode} "), theme.checked));
    }
    let none = "No country: these events name none";
    let cursor = app.country_order.rank(app.country_cursor);
    let sort = app.country_order.sort;
    list(app, theme, area, frame, (Pane::Countries, Line::from(title), sort, none), &items, cursor);
}

pub fn actors(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let items: Vec<Item> = app
        .actor_order
        .items()
        .iter()
        .filter_map(|&i| Some((tl.actors.get(i)?, app.actor_counts.get(i).copied()?)))
        .map(|(a, count)| Item {
            name: &a.name,
            badge: match a.kind {
                ActorKind::Person => "● ",
                ActorKind::Organisation => "■ ",
            },
            count,
            checked: app.filter.actors.contains(&a.id),
        })
        .collect();
    let n = app.filter.actors.len();
    let mut title = vec![Span::styled(" Actors ", theme.title)];
    if n > 0 {
        title.push(Span::styled(format!("✓{n} "), theme.checked));
    }
    // The legend, where the border has room for it.
    let used: usize = title.iter().map(|s| crate::text::width(&s.content)).sum();
    if used + 13 + 2 <= usize::from(area.width) {
        title.insert(1, Span::styled("●person ■org ", theme.dim));
    }
    let cursor = app.actor_order.rank(app.actor_cursor);
    let sort = app.actor_order.sort;
    let none = "No actors: these events name none";
    list(app, theme, area, frame, (Pane::Actors, Line::from(title), sort, none), &items, cursor);
}

/// A facet list in display order; `cursor` is a display position. The
/// order is named on the bottom border, with the key that changes it.
fn list(
    app: &App,
    theme: &Theme,
    area: Rect,
    frame: &mut Frame,
    (pane, title, sort, empty): (Pane, Line, FacetSort, &str),
    items: &[Item],
    cursor: usize,
) {
    let is_focused = focused(app, pane);
    let order = format!(" {} {} ", key(Context::Facets, Action::CycleSort), sort.label());
    let block = block(title, is_focused, theme)
        .title_bottom(Line::styled(order, theme.dim).right_aligned());
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    let first = scroll_offset(cursor, items.len(), height);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, item)| {
            let check = if item.checked { "[x] " } else { "[ ] " };
            let count = item.count.to_string();
            let name_width =
                width.saturating_sub(4 + crate::text::width(item.badge) + count.len() + 1);
            // Cut in reading order, then put in display order: the `…` ends the name.
            let name = pad(&crate::tui::bidi::line(&fit_words(item.name, name_width)), name_width);
            let text = format!("{check}{}{name} {count}", item.badge);
            if i == cursor && is_focused {
                Line::styled(text, theme.selected)
            } else {
                let style = if item.count == 0 { theme.dim } else { Default::default() };
                let check_style = if item.checked { theme.checked } else { style };
                Line::from(vec![
                    Span::styled(check, check_style),
                    Span::styled(format!("{}{name} {count}", item.badge), style),
                ])
            }
        })
        .collect();
    let text = if items.is_empty() {
        Paragraph::new(Line::styled(empty, theme.dim)).wrap(Wrap { trim: true })
    } else {
        Paragraph::new(lines)
    };
    frame.render_widget(text.block(block), area);
}
