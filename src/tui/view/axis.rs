//! The time axis view (as vis-timeline draws one): the eras as bands along
//! the top, a scale of years (or months), then the shown events in lanes —
//! a bar for a range, a mark for a point, each with its title — and along
//! the bottom, how many events did not fit, where they start.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{block, focused};
use crate::model::PartialDate;
use crate::text::{fit, width as columns};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::Pane;
use crate::tui::layout::axis::{ABOVE, lanes_area, lay_out, moment};
use crate::tui::state::App;
use crate::tui::theme::Theme;

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "1991", or "Mar 1991" for a step under a year.
fn tick_label(t: f64, step: f64) -> String {
    let year = t.floor() as i32;
    if step >= 1.0 {
        PartialDate::year_label(year)
    } else {
        let month = (((t - f64::from(year)) * 12.0).round() as usize).min(11);
        format!("{} {}", MONTHS[month], PartialDate::year_label(year))
    }
}

/// "200 years", "6 months", "a month".
fn span_words(span: f64) -> String {
    if span >= 1.0 {
        format!("{span} years").replace("1 years", "a year")
    } else if (span * 12.0 - 1.0).abs() < 0.01 {
        "a month".into()
    } else {
        format!("{} months", (span * 12.0).round())
    }
}

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let (t0, t1) = app.axis.window();
    let title = Line::from(vec![
        Span::styled(" Time axis ", theme.title),
        Span::styled(
            format!(
                "{} – {} · {} across ",
                tick_label(t0, 1.0),
                tick_label(t1, 1.0),
                span_words(app.axis.span())
            ),
            theme.dim,
        ),
    ]);
    let hints = format!(
        " {} {} zoom · {} {} pan · {} {} event ",
        key(Context::Axis, Action::ZoomIn),
        key(Context::Axis, Action::ZoomOut),
        key(Context::Axis, Action::PanLeft),
        key(Context::Axis, Action::PanRight),
        key(Context::Axis, Action::PrevEvent),
        key(Context::Axis, Action::NextEvent),
    );
    let block = block(title, focused(app, Pane::Axis), theme)
        .title_bottom(Line::styled(hints, theme.dim).right_aligned());
    frame.render_widget(block, area);
    let (lanes_rect, lanes) = lanes_area(area);
    let width = lanes_rect.width;
    if width < 4 || lanes == 0 {
        return;
    }
    let x = |t: f64| ((t - t0) / (t1 - t0) * f64::from(width)).floor();
    let left = lanes_rect.x;
    let top = lanes_rect.y - ABOVE;
    let buf = frame.buffer_mut();

    // Eras: a band from its start to its end, its title inside.
    let tl = app.timeline();
    for (n, era) in tl.eras.iter().enumerate() {
        let s = moment(era.start.earliest());
        let e = era.end.map_or(t1, |d| moment(d.latest()));
        if e < t0 || s > t1 {
            continue;
        }
        let a = x(s).max(0.0) as u16;
        let b = (x(e).min(f64::from(width)) as u16).max(a + 1).min(width);
        let style = if n % 2 == 0 { theme.era } else { theme.heading };
        let band: String = (a..b).map(|c| if c == a { '├' } else { '─' }).collect();
        buf.set_string(left + a, top, &band, style);
        let room = usize::from(b - a).saturating_sub(3);
        if room >= 4 {
            buf.set_string(left + a + 2, top, fit(&era.title, room), style);
        }
    }

    // The scale: a tick every step, labelled, at least ten columns apart.
    let steps = [100.0, 50.0, 25.0, 10.0, 5.0, 2.0, 1.0, 0.5, 0.25, 1.0 / 12.0];
    let span = t1 - t0;
    let step =
        steps.iter().copied().rev().find(|s| s / span * f64::from(width) >= 10.0).unwrap_or(100.0);
    buf.set_string(left, top + 2, "─".repeat(usize::from(width)), theme.dim);
    let mut t = (t0 / step).ceil() * step;
    while t <= t1 {
        let c = x(t);
        if (0.0..f64::from(width)).contains(&c) {
            let c = c as u16;
            buf.set_string(left + c, top + 2, "┬", theme.dim);
            let label = tick_label(t + 1e-6, step);
            if c + columns(&label) as u16 <= width {
                buf.set_string(left + c, top + 1, &label, theme.year);
            }
        }
        t += step;
    }

    // The events, lane by lane.
    let layout = lay_out(&app.axis_scene(), width, lanes);
    for p in &layout.placed {
        let y = lanes_rect.y + p.lane as u16;
        let selected = p.pos == app.selected();
        let e = &tl.events[app.shown()[p.pos]];
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

    // What did not fit: "+12" where those events start.
    let y = lanes_rect.bottom();
    let mut next_free = 0u16;
    let mut carried = 0usize;
    for (c, &n) in layout.clusters.iter().enumerate().filter(|(_, n)| **n > 0) {
        let c = c as u16;
        carried += n;
        let text = format!("+{carried}");
        let c = c.max(next_free);
        if c + columns(&text) as u16 > width {
            continue;
        }
        buf.set_string(left + c, y, &text, theme.warning);
        next_free = c + columns(&text) as u16 + 1;
        carried = 0;
    }
    // Those crowded out at the right end, at the end.
    if carried > 0 {
        let text = format!("+{carried}");
        let c = width.saturating_sub(columns(&text) as u16);
        buf.set_string(left + c, y, &text, theme.warning);
    }
}
