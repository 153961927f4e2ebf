//! The pages of text that open over the screen: about the loaded
//! timelines, and the statistics of the shown events (the tables of
//! `steppe stats`, as bars).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::query::Stats;
use crate::text::{fit, pad, width as columns};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::state::{App, Overlay};
use crate::tui::theme::Theme;

/// Where a page goes on a screen of `area`.
pub fn page_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(96);
    let height = area.height.saturating_sub(2);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The page of the reader overlay on top, if one is open.
pub fn page(app: &App, theme: &Theme, width: u16) -> Option<(String, Vec<Line<'static>>)> {
    let close = key(Context::Reader, Action::Back);
    Some(match app.overlays.top()? {
        Overlay::About { .. } => (format!(" About — {close} closes "), about(app, theme)),
        Overlay::Stats { stats, .. } => (
            format!(" Statistics of the shown events — {close} closes "),
            tables(app, stats, theme, usize::from(width.saturating_sub(2))),
        ),
        _ => return None,
    })
}

/// How far the page can scroll on this screen.
pub fn max_scroll(app: &App) -> u16 {
    let inner = page_area(Rect::new(0, 0, app.width, app.height));
    let Some((_, lines)) = page(app, &Theme::mono(), inner.width) else { return 0 };
    let n = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .line_count(inner.width.saturating_sub(2).max(1));
    u16::try_from(n.saturating_sub(usize::from(inner.height.saturating_sub(2)))).unwrap_or(u16::MAX)
}

fn about(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let tl = app.timeline();
    let heading = |s: &str| Line::styled(s.to_string(), theme.heading);
    let mut lines = vec![
        Line::styled(tl.title.clone().unwrap_or_else(|| "Timeline".into()), theme.title),
        Line::raw(""),
    ];
    if let Some(d) = &tl.description {
        lines.extend(d.lines().map(|l| Line::raw(l.to_string())));
        lines.push(Line::raw(""));
    }
    lines.push(Line::raw(tl.summary_line()));
    lines.push(Line::raw(format!("{} shown with the filters now", app.shown().len())));
    if let (Some(first), Some(last)) = (tl.events.first(), tl.events.last()) {
        lines.push(Line::raw(format!("From {} to {}", first.date_label(), last.date_label())));
    }
    lines.push(Line::raw(""));
    lines.push(heading("Files"));
    for f in &tl.files {
        lines.push(Line::raw(format!("  {f}")));
    }
    if !tl.eras.is_empty() {
        lines.push(Line::raw(""));
        lines.push(heading("Eras"));
        for e in &tl.eras {
            let end = e.end.map_or("…".to_string(), |d| d.to_string());
            lines.push(Line::from(vec![
                Span::styled(format!("  {} – {end}  ", e.start), theme.year),
                Span::raw(e.title.clone()),
            ]));
        }
    }
    if !tl.tours.is_empty() {
        lines.push(Line::raw(""));
        lines.push(heading("Tours"));
        for t in &tl.tours {
            lines.push(Line::raw(format!("  {} ({} steps)", t.title, t.steps.len())));
            if let Some(d) = &t.description {
                lines.push(Line::styled(format!("    {}", d.replace('\n', " ")), theme.dim));
            }
        }
        lines.push(Line::styled(
            format!("  {} in the explorer starts one", key(Context::Panes, Action::OpenTours)),
            theme.dim,
        ));
    }
    lines
}

/// The four tables of `steppe stats`: label, count, a bar scaled to the
/// table's largest count.
fn tables(app: &App, stats: &Stats, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let noun = if stats.events == 1 { "event" } else { "events" };
    let mut head = vec![format!("{} {noun}", stats.events)];
    head.extend(app.shown.filter.describe());
    let mut lines = vec![Line::styled(head.join(" · "), theme.title)];
    for (name, rows) in stats.tables() {
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("By {name}"), theme.heading));
        let label = |r: &crate::query::stats::Count| match name {
            "country" | "actor" if r.key != r.label => format!("{} ({})", r.label, r.key),
            _ => r.label.clone(),
        };
        let label_width = rows.iter().map(|r| columns(&label(r))).max().unwrap_or(0).min(32);
        let count_width = rows.iter().map(|r| r.events.to_string().len()).max().unwrap_or(1);
        let room = width.saturating_sub(2 + label_width + 2 + count_width + 2).max(1);
        let most = rows.iter().map(|r| r.events).max().unwrap_or(1).max(1);
        for r in rows {
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "  {}  {:>count_width$}  ",
                    pad(&fit(&label(r), label_width), label_width),
                    r.events
                )),
                Span::styled("█".repeat((r.events * room).div_ceil(most)), theme.bar),
            ]));
        }
    }
    lines
}
