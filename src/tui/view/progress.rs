//! The first screen: how far the load has got, drawn at once while the
//! timelines load in the background.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Gauge, Paragraph};

use crate::load::LoadProgress;
use crate::tui::theme::Theme;

/// "3 of 11 files · 12.1 of 36.0 MB · 40,210 events".
pub fn describe(p: &LoadProgress) -> String {
    let mb = |b: u64| b as f64 / 1_000_000.0;
    let events = if p.events == 1 { "event" } else { "events" };
    format!(
        "{} of {} · {:.1} of {:.1} MB · {} {events}",
        p.files_done,
        crate::text::count(p.files_total, "file", "files"),
        mb(p.bytes_done),
        mb(p.bytes_total),
        crate::text::thousands(p.events),
    )
}

/// The share done, by bytes (files when their size is unknown).
pub fn ratio(p: &LoadProgress) -> f64 {
    let (done, total) = if p.bytes_total > 0 {
        (p.bytes_done as f64, p.bytes_total as f64)
    } else {
        (p.files_done as f64, p.files_total.max(1) as f64)
    };
    (done / total).clamp(0.0, 1.0)
}

pub fn render(progress: Option<&LoadProgress>, theme: &Theme, area: Rect, frame: &mut Frame) {
    let width = area.width.saturating_sub(4).min(70);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + area.height.saturating_sub(4) / 2;
    let line = |dy: u16| Rect { x, y: y + dy, width, height: 1 }.intersection(area);
    frame.render_widget(
        Paragraph::new(Line::styled("Loading the timelines…", theme.title))
            .alignment(Alignment::Center),
        line(0),
    );
    let (ratio, words) = match progress {
        Some(p) => (ratio(p), describe(p)),
        None => (0.0, "finding the files".to_string()),
    };
    frame.render_widget(Gauge::default().gauge_style(theme.bar).ratio(ratio), line(2));
    frame.render_widget(
        Paragraph::new(Line::styled(words, theme.dim)).alignment(Alignment::Center),
        line(3),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_in_words() {
        let p = LoadProgress {
            files_done: 3,
            files_total: 11,
            bytes_done: 12_100_000,
            bytes_total: 36_000_000,
            events: 40_210,
        };
        assert_eq!(describe(&p), "3 of 11 files · 12.1 of 36.0 MB · 40,210 events");
        assert!((ratio(&p) - 12.1 / 36.0).abs() < 1e-9);
    }
}
