//! The presenter's view, on the teacher's own screen, as a presenter view
//! in a slide program: where the lesson is, the clock, a timer for the step
//! and the lesson's countdown, the step's note (the largest part) and
//! question, a small picture of what the projector shows now, the step
//! that comes next, and the list of steps to jump to. Built from the same
//! lesson steps as the handout ([`Step`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::slide;
use crate::document::words::Words;
use crate::document::{Paragraphs, Step};
use crate::text::{fit_words, wrap};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::state::App;
use crate::tui::state::link::clock_face;
use crate::tui::state::present::Presentation;
use crate::tui::theme::Theme;

fn shown(s: &str) -> String {
    crate::tui::bidi::line(s).into_owned()
}

/// Paragraphs wrapped to `width`, with a blank line between lines when
/// `spaced`, so that a note reads from a step back.
fn paragraphs(ps: &Paragraphs, width: usize, spaced: bool, style: Style) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (n, p) in ps.iter().enumerate() {
        if n > 0 {
            lines.push(Line::raw(""));
        }
        for (i, l) in p.iter().flat_map(|l| wrap(l, width)).enumerate() {
            if spaced && i > 0 {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(shown(&l), style));
        }
    }
    lines
}

fn height(ps: &Paragraphs, width: usize, spaced: bool) -> usize {
    paragraphs(ps, width, spaced, Style::default()).len()
}

pub fn render(app: &App, p: &Presentation, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let words = app.words();
    let tour = p.tour.as_deref().and_then(|t| tl.tour(t));
    let step = tour.zip(p.step_index()).and_then(|(t, n)| Step::new(tl, t, n, true));
    let next = tour.zip(p.steps.get(p.at + 1)).and_then(|(t, &n)| Step::new(tl, t, n, false));
    let inner = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    // A side column for the projector's picture, the next step and the
    // steps' list, where the screen is wide enough to keep the note wide.
    let side_width = if inner.width >= 100 { inner.width * 2 / 5 } else { 0 };
    let main = Rect { width: inner.width - side_width, ..inner };
    let side = Rect { x: main.x + main.width + 1, width: side_width.saturating_sub(1), ..inner };
    let width = usize::from(main.width.saturating_sub(1)).max(1);

    let mut lines: Vec<Line> = Vec::new();
    let title = tour.map_or("", |t| t.title.as_str());
    lines.push(Line::from(vec![
        Span::styled(format!("{} · ", shown(words.get("presenter"))), theme.dim),
        Span::styled(shown(title), theme.title),
        Span::styled(format!("   {}", shown(&p.position_in(words))), theme.heading),
    ]));
    lines.push(timers(app, words, theme));
    // Wrapped between words, each line then put in display order.
    let (link, style) = link_line(app, p, words, theme);
    lines.extend(wrap(&link, width).iter().map(|l| Line::styled(shown(l), style)));
    lines.push(Line::raw(""));
    let Some(step) = step else {
        lines.push(Line::styled(shown(words.get("no_steps_in_files")), theme.dim));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    };
    let card = &step.card;
    let now = format!("{} · {} · ", words.get("now"), words.date(&card.date));
    lines.push(if words.rtl() {
        // One line in display order, so the parts stand in the reader's order.
        Line::styled(shown(&format!("{now}{}", card.title)), theme.title)
    } else {
        Line::from(vec![
            Span::styled(now, theme.year),
            Span::styled(shown(card.title), theme.title),
        ])
    });
    if let Some(q) = &step.quote {
        let who = q.attribution();
        lines.push(Line::styled(
            shown(&words.fill("slide_is_a_quote", &[("who", &who)])),
            theme.era,
        ));
    }
    if p.blank {
        lines.push(Line::styled(
            format!(
                "■ {} ({})",
                shown(words.get("blank_screen")),
                key(Context::Presenter, Action::ToggleBlank)
            ),
            theme.warning,
        ));
    }
    lines.push(Line::raw(""));
    // What follows the note, measured first: the note takes the room left,
    // its lines spaced out when it has room for that.
    let mut after: Vec<Line> = Vec::new();
    if let Some(question) = &step.question {
        let following = app.lesson.link.as_ref().is_some_and(|l| l.others > 0 && !l.away);
        let state = match (p.question, following) {
            (true, true) => shown(words.get("question_on_projector")),
            (true, false) => shown(words.get("question_no_projector")),
            (false, _) => shown(&words.fill(
                "question_hidden",
                &[("key", key(Context::Presenter, Action::ToggleQuestion))],
            )),
        };
        after.push(Line::from(vec![
            Span::styled(shown(words.question_for_the_class()), theme.heading),
            Span::styled(format!(" ({state})"), theme.dim),
        ]));
        after.extend(paragraphs(question, width, false, theme.marker));
        after.push(Line::raw(""));
    }
    let class = super::class::presenter_lines(app, theme, width);
    if !class.is_empty() {
        after.extend(class);
        after.push(Line::raw(""));
    }
    if side_width == 0 {
        after.extend(next_line(next.as_ref(), words, theme));
    }
    let used = lines.len() + after.len() + 1;
    let room = usize::from(main.height).saturating_sub(used);
    // The tour's own note for the teacher goes before the first step, where
    // the screen has room for it besides the step (in the side column, if any).
    let tour_note = tour.and_then(|t| t.teacher_note.as_deref()).filter(|_| p.at == 0);
    if let Some(note) = tour_note.filter(|_| side_width == 0) {
        let note = crate::document::paragraphs(note);
        let step_note = step.note.as_ref().map_or(0, |n| height(n, width, false) + 1);
        if height(&note, width, false) + 2 + step_note <= room {
            lines.push(Line::styled(shown(words.get("before_you_start")), theme.heading));
            lines.extend(paragraphs(&note, width, false, theme.base));
            lines.push(Line::raw(""));
        }
    }
    if let Some(note) = &step.note {
        let room = usize::from(main.height).saturating_sub(lines.len() + after.len() + 1);
        let spaced = height(note, width, true) < room;
        lines.push(Line::styled(shown(words.note_for_the_teacher()), theme.heading));
        lines.extend(paragraphs(note, width, spaced, theme.title));
        lines.push(Line::raw(""));
    }
    lines.extend(after);
    frame.render_widget(Paragraph::new(lines), main);

    if side_width > 0 {
        side_column(app, p, next.as_ref(), tour_note, words, theme, side, frame);
    } else if p.jump.is_some() {
        steps_list(app, p, words, theme, main, frame);
    }
}

/// "Next · 15 Jun 2001 · Shanghai Cooperation Organisation founded".
fn next_line(next: Option<&Step>, words: Words, theme: &Theme) -> Vec<Line<'static>> {
    vec![match next {
        Some(next) => Line::from(vec![
            Span::styled(
                shown(&format!("{} · {} · ", words.get("next"), words.date(&next.card.date))),
                theme.dim,
            ),
            Span::styled(shown(next.card.title), theme.title),
        ]),
        None => Line::styled(
            shown(&format!("{} · {}", words.get("next"), words.get("last_step"))),
            theme.dim,
        ),
    }]
}

/// The clock, the step's timer and the lesson's countdown.
fn timers(app: &App, words: Words, theme: &Theme) -> Line<'static> {
    let Some(c) = app.lesson.clock else { return Line::raw("") };
    let lesson = match c.left() {
        Ok(left) => Span::styled(
            shown(&words.fill("lesson_left", &[("time", &clock_face(left))])),
            theme.heading,
        ),
        Err(over) => Span::styled(
            shown(&words.fill("lesson_over", &[("time", &clock_face(over))])),
            theme.warning,
        ),
    };
    let mut spans = vec![
        Span::styled(format!("{}   ", c.time_of_day()), theme.dim),
        Span::styled(
            format!("{} {}", shown(words.get("this_step")), clock_face(c.step)),
            theme.year,
        ),
        Span::raw("   "),
        lesson,
    ];
    if c.paused {
        spans.push(Span::styled(format!("   ‖ {}", shown(words.get("paused"))), theme.warning));
    }
    Line::from(spans)
}

/// Whether a projector follows this screen, and how to link one: the
/// words in their logical order, and their style.
fn link_line(app: &App, p: &Presentation, words: Words, theme: &Theme) -> (String, Style) {
    let tour_id = p.tour.as_deref().unwrap_or("ID");
    match &app.lesson.link {
        Some(l) if l.others > 0 && l.away => (
            words.fill(
                "linked_away",
                &[("channel", &l.channel), ("key", key(Context::Panes, Action::OpenTours))],
            ),
            theme.warning,
        ),
        Some(crate::tui::state::link::Link { problem: Some(why), .. }) => {
            (why.clone(), theme.warning)
        }
        Some(l) if l.others > 0 => (
            words.fill(
                "linked_following",
                &[("channel", &l.channel), ("others", &words.count("screens_follow", l.others))],
            ),
            theme.checked,
        ),
        Some(l) => {
            // The channel is the tour's id unless one was named.
            let channel = if l.channel == tour_id {
                String::new()
            } else {
                format!(" --channel {}", l.channel)
            };
            let command = format!("steppe --tour {tour_id}{channel}");
            (
                words.fill("linked_alone", &[("channel", &l.channel), ("command", &command)]),
                theme.warning,
            )
        }
        None => (words.get("not_linked").to_string(), theme.warning),
    }
}

/// The side column: the projector as the class sees it, the next step, and
/// the list of steps when it is open.
#[allow(clippy::too_many_arguments)]
fn side_column(
    app: &App,
    p: &Presentation,
    next: Option<&Step>,
    tour_note: Option<&str>,
    words: Words,
    theme: &Theme,
    side: Rect,
    frame: &mut Frame,
) {
    // The projector's picture keeps a projector's shape, about 16:9 in cells.
    let h = (side.width / 3).clamp(8, side.height.saturating_sub(6).max(8)).min(side.height);
    let frame_rect = Rect { height: h, ..side };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(format!(" {} ", shown(words.get("projector_now"))), theme.heading));
    let inside = block.inner(frame_rect);
    frame.render_widget(block, frame_rect);
    if p.blank {
        let text = fit_words(&shown(words.get("blank_screen")), usize::from(inside.width));
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim)), inside);
    } else {
        // What the projector draws: the slide, without the teacher's note.
        let mut seen = p.clone();
        seen.presenter = false;
        seen.notes = false;
        slide::render(app, &seen, theme, inside, frame);
    }
    let below = Rect { y: side.y + h + 1, height: side.height.saturating_sub(h + 1), ..side };
    if p.jump.is_some() {
        steps_list(app, p, words, theme, below, frame);
        return;
    }
    let width = usize::from(below.width).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for l in next_line(next, words, theme) {
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        lines.extend(wrap(&text, width).into_iter().map(|w| Line::styled(w, theme.dim)));
    }
    if let Some(note) = tour_note {
        lines.push(Line::raw(""));
        lines.push(Line::styled(shown(words.get("before_you_start")), theme.heading));
        lines.extend(paragraphs(&crate::document::paragraphs(note), width, false, theme.base));
    }
    frame.render_widget(Paragraph::new(lines), below);
}

/// The tour's steps, the cursor on one: Enter goes there.
fn steps_list(
    app: &App,
    p: &Presentation,
    words: Words,
    theme: &Theme,
    area: Rect,
    frame: &mut Frame,
) {
    let tl = app.timeline();
    let Some(cursor) = p.jump else { return };
    frame.render_widget(ratatui::widgets::Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Line::styled(format!(" {} ", shown(words.get("steps_heading"))), theme.heading));
    let inside = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inside.height).max(1);
    let first = cursor.saturating_sub(rows / 2).min(p.slides.len().saturating_sub(rows));
    let width = usize::from(inside.width);
    let lines: Vec<Line> = p
        .slides
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(n, &e)| {
            let e = &tl.events[e];
            let text = format!("{:>2}. {} · {}", n + 1, words.date(&e.date_label()), e.title);
            let style = if n == cursor {
                theme.selected
            } else if n == p.at {
                theme.heading
            } else {
                theme.base
            };
            Line::styled(shown(&fit_words(&text, width)), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
}
