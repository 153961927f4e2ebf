//! The quiz screen: one question at a time, the verdict after each answer,
//! and the score at the end.

use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::block;
use crate::model::{Event, Timeline};
use crate::teach::quiz::{Ask, Question, YEAR_TOLERANCE, hide_years};
use crate::tui::pages::hanging_styled;
use crate::tui::pages::quiz::{max_scroll, summary, text_area};
use crate::tui::state::QuizState;
use crate::tui::theme::Theme;

/// In place of an event a reload removed while its question was on screen.
const GONE_TEXT: &str = "(this event is no longer in the files)";

fn event_lines<'a>(e: &Event, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::styled(hide_years(&e.title), theme.title), Line::raw("")];
    lines.extend(e.summary.lines().map(|l| Line::raw(hide_years(l))));
    lines
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
        None => (summary(quiz, theme, text.width), quiz.scroll.min(max_scroll(quiz, area))),
        Some(q) => (question(tl, quiz, q, theme, text.width), 0),
    };
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    // A question stands in the middle of a big screen; the results scroll from the top.
    let height = u16::try_from(paragraph.line_count(text.width.max(1))).unwrap_or(u16::MAX);
    let top = if quiz.current().is_some() { text.height.saturating_sub(height) / 3 } else { 0 };
    let text = Rect { y: text.y + top, height: text.height - top, ..text };
    frame.render_widget(paragraph.scroll((scroll, 0)), text);
}

/// "(within 2 years counts)", and how to type a year BCE when the timeline has one.
fn year_hint(tl: &Timeline) -> String {
    let bce = tl.events.iter().any(|e| e.date.year <= 0);
    if bce {
        format!("   (within {YEAR_TOLERANCE} years counts; -330 is 330 BCE)")
    } else {
        format!("   (within {YEAR_TOLERANCE} years counts)")
    }
}

fn question<'a>(
    tl: &Timeline,
    quiz: &QuizState,
    q: &Question,
    theme: &Theme,
    width: u16,
) -> Vec<Line<'a>> {
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
                Span::styled(year_hint(tl), theme.dim),
            ]));
        }
        Question::First { a, b } => {
            lines.push(Line::styled("Which came first? Press 1 or 2.", theme.heading));
            lines.push(Line::raw(""));
            for (n, e) in [(1, a), (2, b)] {
                let title = tl.events.get(e).map_or(GONE_TEXT, |e| e.title.as_str());
                let lead = vec![Span::styled(format!("{n}  "), theme.key)];
                lines.extend(hanging_styled(lead, title, width, theme.title));
                lines.push(Line::raw(""));
            }
        }
        Question::Choose { ask, ref options, .. } => {
            let keys = format!("Press 1 to {}.", options.len());
            match q.prompt(tl) {
                Some(prompt) => {
                    // A year in the question's own text could give a date away;
                    // a question on a date is about that date.
                    let prompt = if ask == Ask::OnDate { prompt } else { hide_years(&prompt) };
                    lines.push(Line::styled(prompt, theme.title));
                }
                None => lines.push(Line::styled(GONE_TEXT, theme.dim)),
            }
            lines.push(Line::styled(keys, theme.heading));
            lines.push(Line::raw(""));
            for (n, option) in options.iter().enumerate() {
                // Options are shown as they are: marking one would single it out.
                let lead = vec![Span::styled(format!("{}  ", n + 1), theme.key)];
                lines.extend(hanging_styled(lead, option, width, theme.title));
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
