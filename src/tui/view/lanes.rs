//! The time axis in lanes: each lane's label on the left, then its events
//! as marks, or a count per period when they do not fit (a bar under it
//! when the lane has the rows), laid out by [`crate::tui::layout::lanes`].

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::Event;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::axis::Placed;
use crate::tui::layout::lanes::{Content, Lanes};
use crate::tui::state::App;
use crate::tui::theme::Theme;

/// One event of a lane: `━` bar for a range, `◆` for a date (`◇` about),
/// its title inside a long bar or beside.
pub fn draw_placed(
    buf: &mut Buffer,
    theme: &Theme,
    (left, y): (u16, u16),
    p: &Placed,
    e: &Event,
    selected: bool,
) {
    let mark_style = if selected { theme.selected } else { theme.bar };
    let text_style = if selected { theme.selected } else { theme.base };
    if p.range {
        let bar = "━".repeat(usize::from(p.end - p.start + 1));
        buf.set_string(left + p.start, y, bar, mark_style);
        if p.inside {
            let label = fit(&e.title, usize::from(p.end - p.start).saturating_sub(1));
            let style = if selected { theme.selected } else { theme.base.patch(theme.title) };
            buf.set_string(left + p.start + 1, y, format!("{label} "), style);
        }
    } else {
        let mark = if e.date.approximate { "◇" } else { "◆" };
        buf.set_string(left + p.start, y, mark, mark_style);
    }
    if p.label_width > 1 && !p.inside {
        let label = fit(&e.title, usize::from(p.label_width - 1));
        let at = if p.before { *p.columns().start() } else { p.end + 2 };
        buf.set_string(left + at, y, label, text_style);
    }
}

pub fn render(app: &App, lanes: &Lanes, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let buf = frame.buffer_mut();
    let left = area.x + lanes.label_width;
    let width = area.width.saturating_sub(lanes.label_width);
    let selected = app.shown().get(app.selected()).copied();
    for band in &lanes.bands {
        let y = area.y + band.row;
        let chosen = app.axis.lane == Some(band.lane);
        let style = if chosen { theme.selected } else { theme.heading };
        let label = fit(&band.label, usize::from(lanes.label_width.saturating_sub(1)));
        buf.set_string(area.x, y, &label, style);
        for r in 0..band.rows {
            buf.set_string(left.saturating_sub(1), y + r, "│", theme.dim);
        }
        match &band.content {
            Content::Marks(layout) => {
                for p in &layout.placed {
                    let Some(&i) = band.events.get(p.pos) else { continue };
                    let e = &tl.events[i];
                    let at = (left, y + p.lane as u16);
                    draw_placed(buf, theme, at, p, e, Some(i) == selected);
                }
            }
            Content::Counts(counts) => {
                for c in counts {
                    let style = if c.selected { theme.selected } else { theme.marker };
                    buf.set_string(left + c.start, y, c.text(), style);
                    if band.rows > 1 {
                        let room = usize::from(c.width.saturating_sub(1)).max(1);
                        let n = (c.events * room).div_ceil(lanes.most.max(1)).min(room);
                        buf.set_string(left + c.start, y + 1, "█".repeat(n), theme.bar);
                    }
                }
            }
        }
    }
    // Along the bottom: which lanes these are, and what Enter does.
    let first = lanes.bands.first().map_or(0, |b| b.lane + 1);
    let last = lanes.bands.last().map_or(0, |b| b.lane + 1);
    let moves =
        format!("{} {} a lane", key(Context::Axis, Action::Up), key(Context::Axis, Action::Down));
    let text = match app.axis.lane.and_then(|l| lanes.bands.iter().find(|b| b.lane == l)) {
        Some(b) => {
            format!("{} filters to {} · {moves}", key(Context::Axis, Action::Activate), b.label)
        }
        None if lanes.total == 0 => "no lanes: the shown events name none".into(),
        None => format!("lanes {first}–{last} of {} · {moves}", lanes.total),
    };
    buf.set_string(left, area.bottom(), fit(&text, usize::from(width)), theme.dim);
}
