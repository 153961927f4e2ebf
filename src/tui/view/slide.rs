//! A presentation slide: the date in large block letters, the title, the
//! summary in wide margins, who and where, and the place in the show. In a
//! tour, the teacher's note and the class question when asked for.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::bigtext;
use crate::tui::app::App;
use crate::tui::present::Presentation;
use crate::tui::theme::Theme;

fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let n = Paragraph::new(lines.to_vec()).wrap(Wrap { trim: true }).line_count(width.max(1));
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Takes `height` rows from the top of `area`.
fn take(area: &mut Rect, height: u16) -> Rect {
    let h = height.min(area.height);
    let top = Rect { height: h, ..*area };
    area.y += h;
    area.height -= h;
    top
}

pub fn render(app: &App, p: &Presentation, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let Some(e) = p.event().and_then(|i| tl.events.get(i)) else {
        let msg = if tl.events.is_empty() {
            "No events to present: the files have none just now."
        } else if p.tour.is_some() {
            "No steps of this tour are in the files just now."
        } else {
            "No events to present: the filter shows none."
        };
        let msg = Paragraph::new(msg).alignment(Alignment::Center);
        frame.render_widget(msg, area);
        return;
    };
    let tour = p.tour.as_deref().and_then(|t| tl.tour(t));
    let step = tour.zip(p.step_index()).and_then(|(t, n)| t.steps.get(n));
    // Margins grow with the screen; the text column stays readable.
    let margin = (area.width / 8).max(1).max(area.width.saturating_sub(110) / 2);
    let mut rest =
        Rect { x: area.x + margin, width: area.width.saturating_sub(2 * margin), ..area };
    let width = rest.width;

    // The header: what is being shown, and where we are in it.
    let header = take(&mut rest, 1);
    let context = match tour {
        Some(t) => t.title.clone(),
        None => tl.era_of(e).map(|era| era.title.clone()).unwrap_or_default(),
    };
    let position = p.position();
    let room = usize::from(width).saturating_sub(crate::text::width(&position) + 2);
    let line = Line::from(vec![
        Span::styled(crate::text::pad(&crate::text::fit(&context, room), room + 2), theme.dim),
        Span::styled(position, theme.title),
    ]);
    frame.render_widget(Paragraph::new(line), header);
    // What the teacher asked to see goes at the bottom, the question last.
    let mut bottom: Vec<(&str, String, ratatui::style::Style)> = Vec::new();
    if let Some(s) = step {
        if p.notes
            && let Some(note) = &s.note
        {
            bottom.push(("Note for the teacher", note.replace('\n', " "), theme.dim));
        }
        if p.question
            && let Some(q) = &s.question
        {
            bottom.push(("Question for the class", q.replace('\n', " "), theme.marker));
        }
    }
    let box_height = |text: &str| wrapped_height(&[Line::raw(text)], width.saturating_sub(2)) + 2;
    // The slide's own lines come first; with no room for both boxes, the question stays.
    let fixed = 4 + wrapped_height(&[Line::raw(e.title.as_str())], width);
    while bottom.len() > 1
        && fixed + bottom.iter().map(|(_, text, _)| box_height(text)).sum::<u16>() > rest.height
    {
        bottom.remove(0);
    }
    let boxes: u16 = bottom.iter().map(|(_, text, _)| box_height(text)).sum();
    let title = vec![Line::styled(e.title.as_str(), theme.title)];
    let title_height = wrapped_height(&title, width);
    let era = tl.era_of(e).filter(|_| tour.is_some());
    let who = who_and_where(app, e);
    let who_height =
        if who.is_empty() { 0 } else { wrapped_height(&[Line::raw(who.as_str())], width) + 1 };
    let summary: Vec<Line> = e.summary.lines().map(Line::raw).collect();
    let summary_height = wrapped_height(&summary, width);

    // Fit the slide to the screen: big letters, then the who-and-where line,
    // give way before the summary does.
    let label = e.date_label().to_uppercase();
    let scale = if bigtext::width(&label, 2) + 4 <= usize::from(width) && area.height >= 34 {
        2
    } else {
        1
    };
    let mut big = (bigtext::width(&label, scale) <= usize::from(width))
        .then(|| bigtext::render(&label, scale))
        .flatten();
    let needed = |date_rows: u16, who: u16| {
        2 + date_rows
            + 1
            + title_height
            + u16::from(era.is_some())
            + 1
            + summary_height
            + who
            + boxes
    };
    // What gives way when the slide does not fit: the who-and-where line, then
    // the block letters; the summary is cut last.
    let big_rows = if big.is_some() { bigtext::HEIGHT as u16 } else { 1 };
    let who_height = if needed(big_rows, who_height) > rest.height { 0 } else { who_height };
    if big.is_some() && needed(big_rows, who_height) > rest.height {
        big = None;
    }
    let date_rows = if big.is_some() { bigtext::HEIGHT as u16 } else { 1 };
    // Spare room goes above, in a proportion that does not change from slide
    // to slide, so the date stays put on the projector.
    let spare = rest.height.saturating_sub(needed(date_rows, who_height) - 2);
    let top = spare.min(rest.height / 10);
    take(&mut rest, top);

    match big {
        Some(rows) => {
            let r = take(&mut rest, bigtext::HEIGHT as u16);
            let lines: Vec<Line> =
                rows.into_iter().map(|row| Line::styled(row, theme.year)).collect();
            frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), r);
        }
        None => {
            let r = take(&mut rest, 1);
            frame.render_widget(
                Paragraph::new(Line::styled(e.date_label(), theme.year))
                    .alignment(Alignment::Center),
                r,
            );
        }
    }
    take(&mut rest, 1);

    let r = take(&mut rest, title_height);
    frame.render_widget(
        Paragraph::new(title).wrap(Wrap { trim: true }).alignment(Alignment::Center),
        r,
    );
    if let Some(era) = era {
        let r = take(&mut rest, 1);
        frame.render_widget(
            Paragraph::new(Line::styled(era.title.as_str(), theme.era))
                .alignment(Alignment::Center),
            r,
        );
    }
    take(&mut rest, 1);

    let room = rest.height.saturating_sub(who_height + boxes).min(summary_height);
    let r = take(&mut rest, room);
    frame.render_widget(Paragraph::new(summary).wrap(Wrap { trim: true }), r);
    if room < summary_height && r.width > 0 && r.height > 0 {
        // The text goes on beyond the screen: say so rather than stop mid-sentence.
        let cell = &mut frame.buffer_mut()[(r.right() - 1, r.bottom() - 1)];
        cell.set_symbol("…");
    }
    if who_height > 0 {
        take(&mut rest, 1);
        let r = take(&mut rest, who_height - 1);
        frame.render_widget(
            Paragraph::new(Line::styled(who, theme.dim))
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center),
            r,
        );
    }
    for (heading, text, style) in bottom {
        let r = take(&mut rest, box_height(&text));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(style)
            .title(Line::styled(format!(" {heading} "), theme.heading));
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), r);
    }
}

/// "Kazakhstan, Russia — Vladimir Putin, Xi Jinping (host)".
fn who_and_where(app: &App, e: &crate::model::Event) -> String {
    let tl = app.timeline();
    let places: Vec<&str> = e.countries.iter().map(|c| tl.country_name(c)).collect();
    let people: Vec<String> = e.actors.iter().map(|p| tl.participant_label(p)).collect();
    match (places.is_empty(), people.is_empty()) {
        (false, false) => format!("{} — {}", places.join(", "), people.join(", ")),
        (false, true) => places.join(", "),
        (true, false) => people.join(", "),
        (true, true) => String::new(),
    }
}
