//! The density strip: events per year, or per decade or more when the years
//! do not fit the width, for the current filter, with the selection marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::PartialDate;
use crate::tui::app::App;
use crate::tui::theme::Theme;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The smallest "round" number of years per column that fits the width.
pub fn bucket_years(span: i64, width: i64) -> i64 {
    const STEPS: [i64; 12] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000];
    let width = width.max(1);
    STEPS
        .into_iter()
        .find(|s| (span + s - 1) / s <= width)
        .unwrap_or_else(|| (span + width - 1) / width)
}

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let (Some(first), Some(last)) = (tl.events.first(), tl.events.last()) else {
        return;
    };
    let width = i64::from(area.width.saturating_sub(2));
    let (start, end) = (i64::from(first.date.year), i64::from(last.date.year));
    let span = end - start + 1;
    let bucket = bucket_years(span, width);
    let columns = usize::try_from((span + bucket - 1) / bucket).unwrap_or(0);
    let mut counts = vec![0usize; columns];
    for (&year, &n) in &app.per_year {
        let col = usize::try_from((i64::from(year) - start) / bucket).unwrap_or(0);
        if let Some(c) = counts.get_mut(col) {
            *c += n;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let bars: String = counts
        .iter()
        .map(|&n| {
            if n == 0 {
                ' '
            } else {
                BARS[(n * 7).div_ceil(max).min(7)]
            }
        })
        .collect();
    let selected_col = app
        .selected_event()
        .and_then(|e| usize::try_from((i64::from(e.date.year) - start) / bucket).ok());

    let mut axis: Vec<char> = vec![' '; columns.max(1)];
    let per = if bucket == 1 {
        "year".to_string()
    } else {
        format!("{bucket} years")
    };
    let label = format!(" events per {per}, current filter ");
    let left = PartialDate::year_label(first.date.year);
    let right = PartialDate::year_label(last.date.year);
    put(&mut axis, 0, &left);
    put(
        &mut axis,
        columns.saturating_sub(right.chars().count()),
        &right,
    );
    let mid = columns.saturating_sub(label.chars().count()) / 2;
    if mid > left.chars().count() + 1
        && mid + label.chars().count() + 1 < columns.saturating_sub(right.chars().count())
    {
        put(&mut axis, mid, &label);
    }
    if let Some(c) = selected_col.filter(|&c| c < axis.len()) {
        axis[c] = '▲';
    }
    let axis: String = axis.into_iter().collect();
    let lines = vec![
        Line::from(vec![Span::raw(" "), Span::styled(bars, theme.bar)]),
        Line::from(vec![Span::raw(" "), Span::styled(axis, theme.dim)]),
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
        assert_eq!(bucket_years(186, 100), 2);
        assert_eq!(bucket_years(186, 40), 5);
        assert_eq!(bucket_years(186, 19), 10);
        assert_eq!(bucket_years(10_000, 5), 2000);
        assert_eq!(bucket_years(100_000, 5), 20_000);
    }
}
