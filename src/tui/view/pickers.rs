//! The lists that open over the screen: tags with counts, an event's links,
//! export formats. Each is a box in the middle with its cursor kept in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::block;
use crate::text::{fit, pad, width as columns};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::state::{App, scroll_offset};
use crate::tui::state::{ExportFormat, LinkItem, Picker, TagItem};
use crate::tui::theme::Theme;

/// A box of `width` × `height` in the middle of `area`, cleared.
pub fn centred(area: Rect, width: u16, height: u16, frame: &mut Frame) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    rect
}

/// The lines of a picker, its cursor highlighted and kept in view.
fn list<T>(
    picker: &Picker<T>,
    title: String,
    line: impl Fn(&T, usize) -> Vec<Span<'static>>,
    theme: &Theme,
    area: Rect,
    frame: &mut Frame,
) {
    let height = u16::try_from(picker.items.len() + 3).unwrap_or(u16::MAX).max(5);
    let rect = centred(area, area.width.saturating_sub(4).min(72), height, frame);
    let mut title = vec![Span::styled(title, theme.title)];
    if !picker.typed.is_empty() {
        title.push(Span::styled(format!("find: {} ", picker.typed), theme.key));
    }
    let block = block(Line::from(title), true, theme);
    let inner = block.inner(rect);
    let rows = usize::from(inner.height);
    let first = scroll_offset(picker.cursor, picker.items.len(), rows);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = picker
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, item)| {
            let spans = line(item, width);
            if i == picker.cursor {
                let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
                Line::styled(pad(&text, width), theme.selected)
            } else {
                Line::from(spans)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn tags(app: &App, picker: &Picker<TagItem>, theme: &Theme, area: Rect, frame: &mut Frame) {
    let title = format!(
        " Tags — {} ticks, {} closes, type to find ",
        key(Context::Picker, Action::Submit),
        key(Context::Picker, Action::Back)
    );
    let checked = theme.checked;
    let dim = theme.dim;
    list(
        picker,
        title,
        |t, width| {
            let on = app.shown.filter.tags.contains(&t.tag);
            let count = t.count.to_string();
            let name_width = width.saturating_sub(4 + count.len() + 1);
            vec![
                Span::styled(if on { "[x] " } else { "[ ] " }, if on { checked } else { dim }),
                Span::raw(pad(&crate::text::fit_words(&t.tag, name_width), name_width)),
                Span::styled(
                    format!(" {count}"),
                    if t.count == 0 { dim } else { Default::default() },
                ),
            ]
        },
        theme,
        area,
        frame,
    );
}

pub fn links(app: &App, picker: &Picker<LinkItem>, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let title = format!(
        " Links — {} follows, {} closes; {} comes back ",
        key(Context::Picker, Action::Submit),
        key(Context::Picker, Action::Back),
        key(Context::Panes, Action::HistoryBack)
    );
    let (dim, year) = (theme.dim, theme.year);
    list(
        picker,
        title,
        |l, width| {
            let Some(e) = tl.events.get(l.event) else { return vec![] };
            let arrow = format!("{} ", l.arrow());
            let date = format!("{:<12} ", fit(&e.date_label(), 12));
            let room = width.saturating_sub(columns(&arrow) + columns(&date));
            vec![Span::styled(arrow, dim), Span::styled(date, year), Span::raw(fit(&e.title, room))]
        },
        theme,
        area,
        frame,
    );
}

pub fn export(
    app: &App,
    picker: &Picker<ExportFormat>,
    theme: &Theme,
    area: Rect,
    frame: &mut Frame,
) {
    let n = app.shown().len();
    // The name is taken when the file is written (`-2`, `-3`… after one
    // that is there); the status line then names it.
    let s = if n == 1 { "" } else { "s" };
    let title = format!(" Export {n} event{s} to a new file (-2, -3… if the name is taken) ");
    let dim = theme.dim;
    let room = ExportFormat::ALL.iter().map(|f| f.extension().len()).max().unwrap_or(0);
    list(
        picker,
        title,
        |f, width| {
            let name = format!("steppe-events.{:<room$} ", f.extension());
            vec![
                Span::raw(name.clone()),
                Span::styled(fit(f.describe(), width.saturating_sub(columns(&name))), dim),
            ]
        },
        theme,
        area,
        frame,
    );
}
