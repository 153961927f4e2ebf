//! A live class on screen: the join address as a QR code (`Q`), drawn in
//! half blocks, black on white whatever the theme so that a phone reads it
//! off a projector; the tally of a question (`v`), the right answer marked
//! as the quiz marks it; and, on the presenter's screen, the answers as
//! they arrive, with the students' nicknames, which only the teacher sees.
//! Every nickname and answer was made one clean line when it came in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::teach::class::Tally;
use crate::text::{fit, fit_words, width as columns, wrap};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key};
use crate::tui::state::App;
use crate::tui::state::class::CAPACITY;
use crate::tui::theme::Theme;

fn shown(s: &str) -> String {
    crate::tui::bidi::line(s).into_owned()
}

/// The modules of a QR code of `text`, row by row (true: dark), with a quiet
/// zone of `quiet` light modules around it.
pub fn qr_modules(text: &str, quiet: usize) -> Option<Vec<Vec<bool>>> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let n = code.width();
    let colors = code.to_colors();
    let side = n + 2 * quiet;
    let mut rows = vec![vec![false; side]; side];
    for (i, c) in colors.iter().enumerate() {
        rows[i / n + quiet][i % n + quiet] = *c == qrcode::Color::Dark;
    }
    Some(rows)
}

/// The QR code as lines of half blocks: two rows of modules a line.
pub fn qr_lines(text: &str) -> Option<Vec<Line<'static>>> {
    let rows = qr_modules(text, 2)?;
    let color = |dark: bool| if dark { Color::Black } else { Color::White };
    let lines = rows
        .chunks(2)
        .map(|pair| {
            let top = &pair[0];
            let bottom = pair.get(1);
            let spans: Vec<Span> = top
                .iter()
                .enumerate()
                .map(|(x, &t)| {
                    let b = bottom.is_some_and(|r| r[x]);
                    Span::styled("▀", Style::new().fg(color(t)).bg(color(b)))
                })
                .collect();
            Line::from(spans)
        })
        .collect();
    Some(lines)
}

/// A bordered box of `w`×`h` in the middle of `area`, cleared, titled with
/// the key that shows it; what is inside its border.
fn boxed(area: Rect, (w, h): (u16, u16), title: &str, theme: &Theme, frame: &mut Frame) -> Rect {
    let rect = super::pickers::centred(area, w, h, frame);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Line::styled(format!(" {title} "), theme.key));
    let inside = block.inner(rect);
    frame.render_widget(block.style(theme.base), rect);
    inside
}

/// `Q`: where to join, as a QR code, the address and the code.
pub fn join_overlay(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let Some(join) = &app.class.join else { return };
    let Some(code) = qr_lines(&join.url) else { return };
    let words = app.words();
    let qr_width = u16::try_from(code.first().map_or(0, |l| l.width())).unwrap_or(u16::MAX);
    let text = [
        shown(words.get("class_join_title")),
        join.url.clone(),
        format!("{}: {}", shown(words.get("class_code")), join.code),
    ];
    let text_width = text.iter().map(|t| columns(t)).max().unwrap_or(0);
    let w = qr_width.max(u16::try_from(text_width).unwrap_or(u16::MAX)) + 4;
    let h = u16::try_from(code.len()).unwrap_or(u16::MAX) + 6;
    if w > area.width || h > area.height {
        // Too small for the code: the address and the code alone.
        let rect = super::pickers::centred(area, area.width.min(w), 5, frame);
        let lines: Vec<Line> = text
            .iter()
            .map(|t| Line::styled(fit(t, usize::from(rect.width)), theme.title))
            .collect();
        frame.render_widget(Paragraph::new(lines).style(theme.base), rect);
        return;
    }
    let inside = boxed(area, (w, h), key(Context::Present, Action::ShowJoin), theme, frame);
    let pad = inside.width.saturating_sub(qr_width) / 2;
    let qr_rect = Rect {
        x: inside.x + pad,
        width: qr_width,
        height: u16::try_from(code.len()).unwrap_or(0),
        ..inside
    };
    frame.render_widget(Paragraph::new(code), qr_rect);
    let below = Rect {
        y: qr_rect.y + qr_rect.height,
        height: inside.height.saturating_sub(qr_rect.height),
        ..inside
    };
    let lines: Vec<Line> = text
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let style = if n == 2 { theme.year } else { theme.title };
            Line::styled(t.clone(), style).centered()
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), below);
}

/// The tally's lines at `width`: the question, each answer with a bar and
/// its count (the right ones marked), how many were right, why.
pub fn tally_lines(app: &App, t: &Tally, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let words = app.words();
    let mut lines = vec![Line::styled(
        shown(&format!("{} · {}", words.get("class_tally_heading"), t.heading)),
        theme.heading,
    )];
    lines.extend(wrap(&t.prompt, width).iter().map(|l| Line::styled(shown(l), theme.title)));
    lines.push(Line::raw(""));
    let most = t.rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    let label_width = (width / 2).clamp(8, 40);
    let bar_room = width.saturating_sub(label_width + 10).max(1);
    for r in &t.rows {
        let mark = if r.right { "✓ " } else { "  " };
        let label = fit(&shown(&r.label), label_width);
        let pad = label_width.saturating_sub(columns(&label));
        let bar = "█".repeat((r.count * bar_room).div_ceil(most).min(bar_room));
        let style = if r.right { theme.checked } else { theme.base };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark}{label}{} ", " ".repeat(pad)), style),
            Span::styled(bar, if r.right { theme.checked } else { theme.bar }),
            Span::styled(format!(" {}", r.count), theme.title),
        ]));
    }
    lines.push(Line::raw(""));
    let right = words.fill(
        "class_class_right",
        &[("right", &t.right.to_string()), ("answered", &t.answered.to_string())],
    );
    lines.push(Line::styled(shown(&format!("{right} ({} joined)", t.joined)), theme.heading));
    lines.extend(wrap(&t.explanation, width).iter().map(|l| Line::styled(shown(l), theme.dim)));
    if !t.top.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(shown(words.get("class_top")), theme.heading));
        for (n, (name, score)) in t.top.iter().enumerate() {
            let text = format!("{}. {} — {score}", n + 1, fit(name, width.saturating_sub(10)));
            lines.push(Line::styled(shown(&text), theme.title));
        }
    }
    lines
}

/// `v`: the tally over the screen.
pub fn tally_overlay(app: &App, t: &Tally, theme: &Theme, area: Rect, frame: &mut Frame) {
    let w = area.width.saturating_sub(4).min(90);
    let width = usize::from(w.saturating_sub(4)).max(1);
    let lines = tally_lines(app, t, theme, width);
    let h = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
    let inside = boxed(area, (w, h), key(Context::Tour, Action::RevealTally), theme, frame);
    let inside = Rect { x: inside.x + 1, width: inside.width.saturating_sub(2), ..inside };
    frame.render_widget(Paragraph::new(lines), inside);
}

/// The class on the presenter's screen: who joined, the question in front
/// of the class, and the answers as they arrive, by nickname.
pub fn presenter_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let c = &app.class;
    let mut lines = Vec::new();
    if !c.serving {
        return lines;
    }
    let head = match (&c.join, &c.problem) {
        (_, Some(why)) => {
            lines.push(Line::styled(
                shown(&fit_words(&format!("no class: {why}"), width)),
                theme.warning,
            ));
            return lines;
        }
        (Some(j), None) => {
            format!("Class · {} joined · {} · code {}", c.students.len(), j.url, j.code)
        }
        (None, None) => "Class · starting…".to_string(),
    };
    lines.push(Line::styled(fit(&head, width), theme.heading));
    if c.is_full() {
        lines.push(Line::styled(
            fit(
                &format!("the class is full: {CAPACITY} students, the most one lesson takes"),
                width,
            ),
            theme.warning,
        ));
    }
    let Some(q) = c.current.and_then(|i| c.questions.get(i)) else {
        let hint = format!(
            "{} asks the class this step's question, {} a quiz, {} shows how to join",
            key(Context::Presenter, Action::ToggleQuestion),
            key(Context::Presenter, Action::StartQuiz),
            key(Context::Presenter, Action::ShowJoin)
        );
        lines.push(Line::styled(fit_words(&hint, width), theme.dim));
        return lines;
    };
    lines.extend(
        wrap(&format!("Asked: {}", q.asked.prompt), width)
            .iter()
            .map(|l| Line::styled(shown(l), theme.title)),
    );
    let right = crate::teach::class::right_answer(app.timeline(), &q.question)
        .map(|a| crate::teach::class::answer_text(&q.asked, a));
    if let Some(right) = right {
        lines.push(Line::styled(
            shown(&fit(&format!("right answer: {right}"), width)),
            theme.checked,
        ));
    }
    let state = if c.open == c.current && c.open.is_some() {
        format!("open · {} shows the tally", key(Context::Presenter, Action::RevealTally))
    } else {
        "closed".to_string()
    };
    lines.push(Line::styled(
        fit(&format!("{} of {} answered · {state}", q.answers.len(), c.students.len()), width),
        theme.heading,
    ));
    // The latest first: the names fill the line, the earliest give way.
    let names: Vec<&str> =
        q.answers.iter().rev().filter_map(|(s, _)| c.students.get(s).map(String::as_str)).collect();
    if !names.is_empty() {
        lines.push(Line::styled(shown(&fit_words(&names.join(", "), width)), theme.dim));
    }
    lines
}

/// The class on the status line: where to join and how many answered.
pub fn status_text(app: &App) -> Option<String> {
    let c = &app.class;
    if let Some(why) = &c.problem {
        return Some(format!("no class: {why}"));
    }
    let j = c.join.as_ref()?;
    let mut text = format!("{} · code {}", j.url, j.code);
    if c.serving {
        text.push_str(&format!(" · {} joined", c.students.len()));
        if c.is_full() {
            text.push_str(" (full)");
        }
        if let Some(n) = c.answered() {
            text.push_str(&format!(" · {n} answered"));
        }
    }
    Some(text)
}
