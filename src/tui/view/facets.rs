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
use crate::tui::keymap::{Context, key};
use crate::tui::layout::Pane;
use crate::tui::state::{App, FacetSort, scroll_offset};
use crate::tui::theme::Theme;

struct Item<'a> {
    name: &'a str,
    /// A person's name is shortened to initials, an organisation's to its acronym.
    kind: Option<ActorKind>,
    badge: &'static str,
    count: usize,
    checked: bool,
}

pub fn countries(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let items: Vec<Item> = app
        .facets
        .country_order
        .items()
        .iter()
        .filter_map(|&i| Some((tl.countries.get(i)?, app.country_counts().get(i).copied()?)))
        .map(|(c, count)| Item {
            name: &c.name,
            kind: None,
            badge: "",
            count,
            checked: app.shown.filter.countries.contains(&c.code),
        })
        .collect();
    let n = app.shown.filter.countries.len();
    let mut title = vec![Span::styled(" Countries ", theme.title)];
    if n > 0 {
        let mode = if app.shown.filter.all_of() && n > 1 { " all" } else { "" };
        title.push(Span::styled(format!("✓{n}{mode} "), theme.checked));
    }
    let none = "No country: these events name none";
    let cursor = app.facets.country_order.rank(app.facets.country_cursor);
    let sort = app.facets.country_order.sort;
    list(app, theme, area, frame, (Pane::Countries, Line::from(title), sort, none), &items, cursor);
}

pub fn actors(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let items: Vec<Item> = app
        .facets
        .actor_order
        .items()
        .iter()
        .filter_map(|&i| Some((tl.actors.get(i)?, app.actor_counts().get(i).copied()?)))
        .map(|(a, count)| Item {
            name: &a.name,
            kind: Some(a.kind),
            badge: match a.kind {
                ActorKind::Person => "● ",
                ActorKind::Organisation => "■ ",
            },
            count,
            checked: app.shown.filter.actors.contains(&a.id),
        })
        .collect();
    let n = app.shown.filter.actors.len();
    let mut title = vec![Span::styled(" Actors ", theme.title)];
    if n > 0 {
        title.push(Span::styled(format!("✓{n} "), theme.checked));
    }
    // The legend, where the border has room for it.
    let used: usize = title.iter().map(|s| crate::text::width(&s.content)).sum();
    if used + 13 + 2 <= usize::from(area.width) {
        title.insert(1, Span::styled("●person ■org ", theme.dim));
    }
    let cursor = app.facets.actor_order.rank(app.facets.actor_cursor);
    let sort = app.facets.actor_order.sort;
    let none = "No actors: these events name none";
    list(app, theme, area, frame, (Pane::Actors, Line::from(title), sort, none), &items, cursor);
}

/// `name` in `room` columns, told apart from the others where it can be:
/// without a trailing "(…)" (an organisation by the acronym in it), a
/// person as initials and surname ("S. Mirziyoyev"), then cut with `…`.
fn short_name(name: &str, kind: Option<ActorKind>, room: usize) -> String {
    use crate::text::width;
    if width(name) <= room {
        return name.to_string();
    }
    let (main, inside) = match name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
        Some((main, inside)) => (main, Some(inside)),
        None => (name, None),
    };
    let acronym = inside.filter(|i| i.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()));
    if let (Some(ActorKind::Organisation), Some(a)) = (kind, acronym)
        && width(a) <= room
    {
        return a.to_string();
    }
    if width(main) <= room {
        return main.to_string();
    }
    let words: Vec<&str> = main.split_whitespace().collect();
    if kind == Some(ActorKind::Person)
        && let Some((last, given)) = words.split_last()
        && !given.is_empty()
    {
        let initials: String =
            given.iter().filter_map(|w| w.chars().next()).map(|c| format!("{c}. ")).collect();
        return cut(&format!("{initials}{last}"), room);
    }
    cut(main, room)
}

/// Cut after a word, unless that leaves a word or less: then within the word.
fn cut(text: &str, room: usize) -> String {
    let words = fit_words(text, room);
    if words.split_whitespace().count() > 1 || words == text {
        words
    } else {
        crate::text::fit(text, room)
    }
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
            let short = short_name(item.name, item.kind, name_width);
            let name = pad(&crate::tui::bidi::line(&short), name_width);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_shortened_so_they_can_be_told_apart() {
        let person = Some(ActorKind::Person);
        let org = Some(ActorKind::Organisation);
        assert_eq!(short_name("Vladimir Putin", person, 14), "Vladimir Putin");
        assert_eq!(short_name("Shavkat Mirziyoyev", person, 13), "S. Mirziyoyev");
        assert_eq!(short_name("Kassym-Jomart Tokayev", person, 13), "K. Tokayev");
        assert_eq!(short_name("Gurbanguly Berdimuhamedow", person, 13), "G. Berdimuha…");
        assert_eq!(short_name("Serdar Berdimuhamedow", person, 13), "S. Berdimuha…");
        assert_eq!(short_name("Collective Security Treaty Organization (CSTO)", org, 13), "CSTO");
        assert_eq!(short_name("United Kingdom (British Empire)", None, 14), "United Kingdom");
        assert_eq!(short_name("Soviet Union (USSR)", None, 13), "Soviet Union");
        assert_eq!(short_name("United Nations General Assembly", org, 13), "United Natio…");
        assert_eq!(
            short_name("United Nations General Assembly", org, 24),
            "United Nations General…"
        );
    }
}
