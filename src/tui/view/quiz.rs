//! The quiz screen: one question at a time, the verdict after each answer,
//! and the score at the end.

use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::block;
use crate::model::{Event, Timeline};
use crate::teach::quiz::{Ask, Question, YEAR_TOLERANCE};
use crate::tui::quiz::QuizState;
use crate::tui::theme::Theme;

/// Hides numbers that could give the date away ("In 1840 …" → "In ···· …").
pub fn hide_years(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() >= 3 {
            out.push_str(&"·".repeat(digits.len()));
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// In place of an event a reload removed while its question was on screen.
const GONE_TEXT: &str = "(this event is no longer in the files)";

fn event_lines<'a>(e: &Event, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::styled(hide_years(&e.title), theme.title), Line::raw("")];
    lines.extend(e.summary.lines().map(|l| Line::raw(hide_years(l))));
    lines
}

/// Where the quiz's text goes inside its border, with margins.
fn text_area(area: Rect) -> Rect {
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    // A readable column in the middle of the screen, however wide it is.
    let width = inner.width.saturating_sub(2 * (inner.width / 10).clamp(1, 20)).min(90);
    let margin = (inner.width - width) / 2;
    Rect { x: inner.x + margin, width, ..inner }
}

/// How far the end summary can scroll in `area`.
pub fn max_scroll(quiz: &QuizState, area: Rect) -> u16 {
    let text = text_area(area);
    let lines = Paragraph::new(summary(quiz, &Theme::mono()))
        .wrap(Wrap { trim: false })
        .line_count(text.width.max(1));
    u16::try_from(lines.saturating_sub(usize::from(text.height))).unwrap_or(u16::MAX)
}

pub fn render(tl: &Timeline, quiz: &QuizState, theme: &Theme, area: Rect, frame: &mut Frame) {
    let title = if quiz.finished() {
        " Quiz — finished ".to_string()
    } else {
        format!(
            " Quiz — question {} of {} · {} right so far ",
            quiz.at + 1,
            quiz.questions.len(),
            quiz.score()
        )
    };
    frame.render_widget(block(Line::styled(title, theme.title), true, theme), area);
    let text = text_area(area);
    let (lines, scroll) = match quiz.current() {
        None => (summary(quiz, theme), quiz.scroll.min(max_scroll(quiz, area))),
        Some(q) => (question(tl, quiz, q, theme), 0),
    };
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    // A question stands in the middle of a big screen; the results scroll from the top.
    let height = u16::try_from(paragraph.line_count(text.width.max(1))).unwrap_or(u16::MAX);
    let top = if quiz.current().is_some() { text.height.saturating_sub(height) / 3 } else { 0 };
    let text = Rect { y: text.y + top, height: text.height - top, ..text };
    frame.render_widget(paragraph.scroll((scroll, 0)), text);
}

fn question<'a>(tl: &Timeline, quiz: &QuizState, q: &Question, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    match *q {
        Question::When { event } => {
            lines.push(Line::styled("When did this happen? Type the year.", theme.heading));
            lines.push(Line::raw(""));
            match tl.events.get(event) {
                Some(e) => lines.extend(event_lines(e, theme)),
                None => lines.push(Line::styled(GONE_TEXT, theme.dim)),
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Year: ", theme.heading),
                Span::raw(quiz.input.clone()),
                Span::styled(if quiz.outcome.is_none() { "█" } else { "" }, theme.key),
                Span::styled(
                    format!("   (within {YEAR_TOLERANCE} years counts; -330 is 330 BCE)"),
                    theme.dim,
                ),
            ]));
        }
        Question::First { a, b } => {
            lines.push(Line::styled("Which came first? Press 1 or 2.", theme.heading));
            lines.push(Line::raw(""));
            for (n, e) in [(1, a), (2, b)] {
                lines.push(Line::from(vec![
                    Span::styled(format!("{n}  "), theme.key),
                    Span::styled(
                        tl.events.get(e).map_or(GONE_TEXT.to_string(), |e| hide_years(&e.title)),
                        theme.title,
                    ),
                ]));
                lines.push(Line::raw(""));
            }
        }
        Question::Choose { ask, ref options, .. } => {
            let keys = format!("Press 1 to {}.", options.len());
            match q.prompt(tl) {
                Some(prompt) => {
                    // A year in the title could give away an answer on a date.
                    let prompt = if ask == Ask::OnDate { prompt } else { hide_years(&prompt) };
                    lines.push(Line::styled(prompt, theme.title));
                }
                None => lines.push(Line::styled(GONE_TEXT, theme.dim)),
            }
            lines.push(Line::styled(keys, theme.heading));
            lines.push(Line::raw(""));
            for (n, option) in options.iter().enumerate() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}  ", n + 1), theme.key),
                    Span::styled(hide_years(option), theme.title),
                ]));
                lines.push(Line::raw(""));
            }
        }
    }
    lines.push(Line::raw(""));
    if let Some(outcome) = &quiz.outcome {
        let (mark, style) =
            if outcome.correct { ("✓ ", theme.checked) } else { ("✗ ", theme.warning) };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(outcome.explanation.clone(), style),
        ]));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("{}: next question", key(Context::Quiz, Action::Submit)),
            theme.dim,
        ));
    }
    lines
}

fn summary<'a>(quiz: &QuizState, theme: &Theme) -> Vec<Line<'a>> {
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
        lines.push(Line::from(vec![
            Span::raw(format!("{:>2}. ", n + 1)),
            mark,
            Span::raw(asked),
            Span::raw(result.explanation.clone()),
        ]));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_hidden_but_small_numbers_stay() {
        assert_eq!(hide_years("In 1840 the 2 empires"), "In ···· the 2 empires");
        assert_eq!(hide_years("the 10th summit, 2023"), "the 10th summit, ····");
    }
}
