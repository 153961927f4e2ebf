//! The pages of text that open over the screen: about the loaded
//! timelines, and the statistics of the shown events (the tables of
//! `steppe stats`, as bars).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::query::Stats;
use crate::query::stats::Period;
use crate::text::{fit, pad, width as columns};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::state::{App, Overlay, StatsTable};
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
        Overlay::Stats { stats, table, .. } => {
            let width = usize::from(width.saturating_sub(2));
            let mut lines = split_table(app, table, theme, width);
            lines.extend(tables(app, stats, theme, width).into_iter().skip(1));
            (format!(" Statistics of the shown events — {close} closes "), lines)
        }
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

/// The page's line of the split table's first row.
pub const SPLIT_FIRST_LINE: u16 = 4;

/// The period × member table of `steppe stats --by --split`, as bars side
/// by side: a row per period, a column per member, the chosen row or cell
/// marked for `Enter`.
fn split_table(app: &App, table: &StatsTable, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let split = &table.split;
    let noun = |n: usize| if n == 1 { "event" } else { "events" };
    let total: usize = split.rows.iter().map(|r| r.events).sum();
    let mut head = vec![format!("{total} {}", noun(total))];
    head.extend(app.shown.filter.describe());
    let by = match split.by {
        Period::Year => "year",
        Period::Decade => "decade",
    };
    let keys = format!(
        "{} {} a row · {} {} a cell · {} filters · {} columns · {} year/decade",
        key(Context::Reader, Action::Up),
        key(Context::Reader, Action::Down),
        key(Context::Stats, Action::Left),
        key(Context::Stats, Action::Right),
        key(Context::Stats, Action::Activate),
        key(Context::Stats, Action::CycleLanes),
        key(Context::Stats, Action::CyclePeriod),
    );
    let mut lines = vec![
        Line::styled(fit(&head.join(" · "), width), theme.title),
        Line::styled(fit(&keys, width), theme.dim),
        Line::styled(
            fit(&format!("By {by}, {}", table.mode.name(app.timeline())), width),
            theme.heading,
        ),
    ];
    let label_width = split.rows.iter().map(|r| columns(&r.label)).max().unwrap_or(4).max(6);
    let count_width = split.most().to_string().len();
    // Each column: a bar, then its count; as many columns as fit.
    let n = split.columns.len();
    let cell = (width.saturating_sub(label_width + 2) / n.max(1)).clamp(count_width + 4, 24);
    let shown = (width.saturating_sub(label_width + 2) / cell).min(n);
    let mut header = vec![Span::raw(" ".repeat(label_width + 2))];
    for c in &split.columns[..shown] {
        header.push(Span::styled(pad(&fit(&c.label, cell - 1), cell), theme.heading));
    }
    if shown < n {
        header.push(Span::styled(format!("+{} more", n - shown), theme.dim));
    }
    lines.push(Line::from(header));
    let room = cell.saturating_sub(count_width + 2).max(1);
    let most = split.most().max(1);
    for (r, row) in split.rows.iter().enumerate() {
        let on_row = r == table.row;
        let label_style = if on_row && table.cell.is_none() { theme.selected } else { theme.year };
        let mut spans =
            vec![Span::raw("  "), Span::styled(pad(&row.label, label_width), label_style)];
        for (c, &count) in row.counts.iter().enumerate().take(shown) {
            let chosen = on_row && table.cell == Some(c);
            let bar = "█".repeat((count * room).div_ceil(most));
            let text = if count == 0 { "·".to_string() } else { count.to_string() };
            let body = format!("{bar} {text}");
            let style = if chosen { theme.selected } else { theme.bar };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(pad(&body, cell - 1), style));
        }
        lines.push(Line::from(spans));
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
