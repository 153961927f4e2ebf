//! The quiz's end summary: every question with its verdict, and the seed
//! that asks them again; drawn by the quiz screen and measured to know how
//! far it scrolls.

use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::hanging;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::state::QuizState;
use crate::tui::theme::Theme;

/// Where the quiz's text goes inside its border, with margins.
pub fn text_area(area: Rect) -> Rect {
    let inner = area.inner(Margin::new(1, 1));
    // A readable column in the middle of the screen, however wide it is.
    let width = inner.width.saturating_sub(2 * (inner.width / 10).clamp(1, 20)).min(90);
    let margin = (inner.width - width) / 2;
    Rect { x: inner.x + margin, width, ..inner }
}

/// How far the end summary can scroll in `area`.
pub fn max_scroll(quiz: &QuizState, area: Rect) -> u16 {
    let text = text_area(area);
    let lines = Paragraph::new(summary(quiz, &Theme::mono(), text.width))
        .wrap(Wrap { trim: false })
        .line_count(text.width.max(1));
    u16::try_from(lines.saturating_sub(usize::from(text.height))).unwrap_or(u16::MAX)
}

pub fn summary<'a>(quiz: &QuizState, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let total = quiz.questions.len();
    let mut lines = vec![
        Line::styled(format!("{} of {total} right", quiz.score()), theme.title)
            .alignment(Alignment::Center),
        Line::raw(""),
    ];
    for (n, result) in quiz.results.iter().enumerate() {
        let mark = if result.correct {
            Span::styled("✓ ", theme.checked)
        } else {
            Span::styled("✗ ", theme.warning)
        };
        let asked = quiz.asked.get(n).cloned().unwrap_or_default();
        let lead = vec![Span::raw(format!("{:>2}. ", n + 1)), mark];
        let said = format!("{asked}{}", result.explanation);
        lines.extend(hanging(lead, &said, width, |part| vec![Span::raw(part.to_string())]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Seed {}: the same seed with the same timelines and filters asks these questions again.", quiz.seed),
        theme.dim,
    ));
    lines.push(Line::styled(
        format!(
            "{}{} scroll · {}: back to the explorer",
            key(Context::Quiz, Action::Up),
            key(Context::Quiz, Action::Down),
            key(Context::Quiz, Action::Back)
        ),
        theme.dim,
    ));
    lines
}
