//! The density strip: events per year, or per decade or more when the years
//! do not fit the width, for the current filter, with the selection marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::PartialDate;
use crate::tui::state::App;
use crate::tui::theme::Theme;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Years per bucket: the smallest round number whose buckets, each drawn
/// as wide as fits, fill at least three quarters of the width.
pub fn bucket_years(span: i64, width: i64) -> i64 {
    const STEPS: [i64; 12] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000];
    let width = width.max(1);
    STEPS
        .into_iter()
        .find(|s| {
            let buckets = (span + s - 1) / s;
            buckets <= width && buckets * (width / buckets) * 4 >= width * 3
        })
        .unwrap_or_else(|| (span + width - 1) / width)
}

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let (Some(first), Some(last)) = (tl.events.first(), tl.events.last()) else {
        return;
    };
    let left = format!(" {} ", PartialDate::year_label(first.date.year));
    let right = format!(" {}", PartialDate::year_label(last.date.year));
    let margin = left.chars().count();
    let room = usize::from(area.width).saturating_sub(margin + right.chars().count());
    let (start, end) = (i64::from(first.date.year), i64::from(last.date.year));
    let span = end - start + 1;
    let bucket = bucket_years(span, i64::try_from(room).unwrap_or(1).max(1));
    let columns = usize::try_from((span + bucket - 1) / bucket).unwrap_or(0);
    let mut counts = vec![0usize; columns];
    for (&year, &n) in app.per_year() {
        let col = usize::try_from((i64::from(year) - start) / bucket).unwrap_or(0);
        if let Some(c) = counts.get_mut(col) {
            *c += n;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    // Each bucket is as many cells wide as fit, so the strip fills the width.
    let cell = (room / columns.max(1)).max(1);
    let bars: String = counts
        .iter()
        .flat_map(|&n| {
            let c = if n == 0 { ' ' } else { BARS[(n * 7).div_ceil(max).min(7)] };
            std::iter::repeat_n(c, cell)
        })
        .collect();
    let selected = app
        .selected_event()
        .and_then(|e| usize::try_from((i64::from(e.date.year) - start) / bucket).ok())
        .filter(|&c| c < columns)
        .map(|c| c * cell + cell / 2);
    let columns = columns * cell;

    let per = if bucket == 1 { "year".to_string() } else { format!("{bucket} years") };
    let label = format!("events per {per}, current filter");
    let label_len = label.chars().count();
    let mut axis: Vec<char> = vec![' '; columns];
    // The label sits centred, or beside the marker when they would collide.
    let mut at = columns.saturating_sub(label_len) / 2;
    if let Some(c) = selected
        && c + 1 >= at
        && c <= at + label_len
    {
        at = if c > columns / 2 { c.saturating_sub(label_len + 2) } else { c + 2 };
    }
    if at + label_len <= columns {
        put(&mut axis, at, &label);
    }
    if let Some(c) = selected {
        axis[c] = '▲';
    }
    let axis: String = axis.into_iter().collect();
    let lines = vec![
        Line::from(vec![
            Span::styled(left, theme.dim),
            Span::styled(bars, theme.bar),
            Span::styled(right, theme.dim),
        ]),
        Line::from(vec![Span::raw(" ".repeat(margin)), Span::styled(axis, theme.marker)]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn put(buf: &mut [char], at: usize, text: &str) {
    for (i, c) in text.chars().enumerate() {
        if let Some(slot) = buf.get_mut(at + i) {
            *slot = c;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_years_or_decades_to_fit() {
        assert_eq!(bucket_years(186, 200), 1);
        assert_eq!(bucket_years(186, 109), 2);
        assert_eq!(bucket_years(186, 69), 10, "5-year buckets would fill only half");
        assert_eq!(bucket_years(186, 19), 10);
        assert_eq!(bucket_years(10_000, 5), 2000);
        assert_eq!(bucket_years(100_000, 5), 20_000);
    }
}
