//! The time axis view (as vis-timeline draws one): the eras as bands along
//! the top, a scale of years, months or days, then the shown events —
//! packed in lanes so that nothing overlaps, a bar for a range and a mark
//! for a date, each with its title, and along the bottom how many did not
//! fit, where they start — or in a lane per country, actor, tag or lane of
//! a lane set ([`super::lanes`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{block, focused};
use crate::text::{fit, width as columns};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::Pane;
use crate::tui::layout::axis::{ABOVE, Step, cluster_labels, lanes_area, lay_out, moment};
use crate::tui::state::App;
use crate::tui::state::axis::LaneMode;
use crate::tui::theme::Theme;

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
    let tl = app.timeline();
    let mut title = vec![
        Span::styled(" Time axis ", theme.title),
        Span::styled(
            format!(
                "{} – {} · {} across ",
                Step::Years(1.0).label(t0),
                Step::Years(1.0).label(t1),
                span_words(app.axis.span())
            ),
            theme.dim,
        ),
    ];
    if app.axis.lanes != LaneMode::Packed {
        title.push(Span::styled(format!("· lanes {} ", app.axis.lanes.name(tl)), theme.heading));
    }
    let hints = format!(
        " {} {} zoom · {} {} pan · {} {} event · {} lanes ",
        key(Context::Axis, Action::ZoomIn),
        key(Context::Axis, Action::ZoomOut),
        key(Context::Axis, Action::PanLeft),
        key(Context::Axis, Action::PanRight),
        key(Context::Axis, Action::PrevEvent),
        key(Context::Axis, Action::NextEvent),
        key(Context::Axis, Action::CycleLanes),
    );
    let block = block(Line::from(title), focused(app, Pane::Axis), theme)
        .title_bottom(Line::styled(hints, theme.dim).right_aligned());
    frame.render_widget(block, area);
    let (lanes_rect, rows) = lanes_area(area);
    if lanes_rect.width < 8 || rows == 0 {
        return;
    }
    let lanes = app.axis_lanes(lanes_rect.width, lanes_rect.height);
    let label_width = lanes.as_ref().map_or(0, |l| l.label_width);
    let width = lanes_rect.width - label_width;
    let left = lanes_rect.x + label_width;
    let x = |t: f64| ((t - t0) / (t1 - t0) * f64::from(width)).floor();
    let top = lanes_rect.y - ABOVE;
    let buf = frame.buffer_mut();

    // Eras: a band from its start to its end, its title inside.
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

    // The scale: a tick every step, labelled, at least ten columns apart;
    // under a month, a small tick each day too.
    let step = Step::fitting(t1 - t0, width);
    buf.set_string(left, top + 2, "─".repeat(usize::from(width)), theme.dim);
    if let Step::Days(d) = step
        && d > 1
    {
        for t in Step::Days(1).ticks((t0, t1)) {
            let c = x(t);
            if (0.0..f64::from(width)).contains(&c) {
                buf.set_string(left + c as u16, top + 2, "┴", theme.dim);
            }
        }
    }
    for t in step.ticks((t0, t1)) {
        let c = x(t);
        if (0.0..f64::from(width)).contains(&c) {
            let c = c as u16;
            buf.set_string(left + c, top + 2, "┬", theme.dim);
            let label = step.label(t);
            if c + columns(&label) as u16 <= width {
                buf.set_string(left + c, top + 1, &label, theme.year);
            }
        }
    }

    if let Some(lanes) = lanes {
        super::lanes::render(app, &lanes, theme, lanes_rect, frame);
        return;
    }

    // The events, lane by lane.
    let layout = lay_out(&app.axis_scene(), width, rows);
    for p in &layout.placed {
        let y = lanes_rect.y + p.lane as u16;
        let selected = p.pos == app.selected();
        let e = &tl.events[app.shown()[p.pos]];
        super::lanes::draw_placed(buf, theme, (left, y), p, e, selected);
    }

    // What did not fit: "+12" where those events start.
    let y = lanes_rect.bottom();
    for (c, text) in cluster_labels(&layout.clusters, width) {
        buf.set_string(left + c, y, &text, theme.warning);
    }
}
