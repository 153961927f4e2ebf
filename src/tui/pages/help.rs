//! The help's lines: every binding of the keymap table, by context, laid
//! out in columns of a fixed width.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::text::{fit, pad, wrap};
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Theme;

/// The width of one column of the help.
pub const COLUMN: usize = 40;

pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    sections(theme).0
}

/// The help's lines, and the line each context's section starts at.
fn sections(theme: &Theme) -> (Vec<Line<'static>>, Vec<(Context, usize)>) {
    let mut starts = Vec::new();
    let mut lines = vec![
        Line::styled("Reading the screen", theme.heading),
        Line::raw("[x] in the filter; numbers: events"),
        Line::raw("under the other filters; ● person,"),
        Line::raw("■ organisation; ~ approximate date;"),
        Line::raw("▲ in the strip: the selected event"),
        Line::raw("Map: ◆ the selected event's"),
        Line::raw("countries, ■ those in the filter"),
        Line::raw("Axis: ━ a range, ◆ a date (◇ about),"),
        Line::raw("+N events that did not fit there;"),
        Line::raw("in lanes (g), a number: events"),
        Line::raw("starting between two ticks"),
        Line::raw("Links: → named by the event,"),
        Line::raw("← naming it, ↔ both"),
        Line::raw(""),
    ];
    for (title, context, bindings) in keymap::help_sections() {
        starts.push((context, lines.len()));
        // A heading too long for the column goes on between words.
        lines.extend(wrap(title, COLUMN - 1).into_iter().map(|l| Line::styled(l, theme.heading)));
        for b in bindings {
            // A label of the full width still gets a space before its words.
            let label = pad(b.label, 7) + " ";
            let room = COLUMN - 1 - crate::text::width(&label);
            lines.push(Line::from(vec![
                Span::styled(label, theme.key),
                Span::raw(fit(b.help, room)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Mouse", theme.heading));
    lines.push(Line::raw("click selects, the wheel scrolls;"));
    lines.push(Line::raw("--no-mouse leaves the mouse to the"));
    lines.push(Line::raw("terminal, to select and copy text"));
    (lines, starts)
}

/// The line the help opens at in `active`: the first section of keys the
/// screen it was asked on listens to (a tour's, the quiz's), or the top on
/// the main screen.
pub fn start(active: Context) -> usize {
    if matches!(active, Context::Timeline | Context::Facets | Context::Panes) {
        return 0;
    }
    let wanted = keymap::contexts(active);
    sections(&Theme::mono())
        .1
        .into_iter()
        .find(|(ctx, _)| *ctx != Context::Everywhere && wanted.contains(ctx))
        .map_or(0, |(_, line)| line)
}

/// Columns and rows of help text that fit in `area`.
pub fn geometry(area: Rect, lines: usize) -> (usize, usize) {
    let width = usize::from(area.width.saturating_sub(6));
    let rows = usize::from(area.height.saturating_sub(4)).max(1);
    let columns = (width / COLUMN).clamp(1, lines.div_ceil(rows).max(1));
    (columns, rows.min(lines.div_ceil(columns)))
}

/// How far the help can scroll when it does not fit.
pub fn max_scroll(area: Rect) -> u16 {
    let total = lines(&Theme::mono()).len();
    let (columns, rows) = geometry(area, total);
    u16::try_from(total.saturating_sub(columns * rows)).unwrap_or(u16::MAX)
}
