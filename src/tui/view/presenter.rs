//! The presenter's view, on the teacher's own screen: where the lesson is,
//! the clock, the step's note and question, and the step that comes next.
//! Built from the same lesson steps as the handout ([`Step`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::document::{Paragraphs, Step};
use crate::tui::state::App;
use crate::tui::state::present::Presentation;
use crate::tui::theme::Theme;

fn paragraphs<'a>(lines: &mut Vec<Line<'a>>, ps: &Paragraphs<'a>, style: Style) {
    for (n, p) in ps.iter().enumerate() {
        if n > 0 {
            lines.push(Line::raw(""));
        }
        lines.extend(p.iter().map(|l| Line::styled(crate::tui::bidi::line(l).into_owned(), style)));
    }
}

pub fn render(app: &App, p: &Presentation, theme: &Theme, area: Rect, frame: &mut Frame) {
    let tl = app.timeline();
    let words = app.words();
    let tour = p.tour.as_deref().and_then(|t| tl.tour(t));
    let step = tour.zip(p.step_index()).and_then(|(t, n)| Step::new(tl, t, n, true));
    let next = tour.zip(p.steps.get(p.at + 1)).and_then(|(t, &n)| Step::new(tl, t, n, false));
    let inner = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    let mut lines: Vec<Line> = Vec::new();
    let clock = app
        .lesson
        .clock
        .map(|c| format!("{} · {} in", c.time_of_day(), c.elapsed()))
        .unwrap_or_default();
    let title = tour.map_or("", |t| t.title.as_str());
    lines.push(Line::from(vec![
        Span::styled("Presenter · ", theme.dim),
        Span::styled(title, theme.title),
        Span::styled(format!("   {}   {clock}", p.position_in(words)), theme.heading),
    ]));
    let tour_id = p.tour.as_deref().unwrap_or("ID");
    let linked = match &app.lesson.link {
        Some(l) if l.others > 0 && l.away => Span::styled(
            format!(
                "⇄ linked on channel `{}`, but the projector left the tour for the explorer: it follows again when it opens the tour there (t)",
                l.channel
            ),
            theme.warning,
        ),
        Some(crate::tui::state::link::Link { problem: Some(why), .. }) => {
            Span::styled(why.clone(), theme.warning)
        }
        Some(l) if l.others > 0 => Span::styled(
            format!(
                "⇄ linked on channel `{}`: {} {} this one",
                l.channel,
                crate::text::count(l.others, "screen follows", "screens follow"),
                if l.others == 1 { "and leads" } else { "and lead" },
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
            Span::styled(
                format!(
                    "alone on channel `{}`: start `steppe --tour {tour_id}{channel}` on the projector to link it",
                    l.channel
                ),
                theme.warning,
            )
        }
        None => Span::styled("not linked: this screen shows the tour alone", theme.warning),
    };
    lines.push(Line::from(linked));
    lines.push(Line::raw(""));
    let Some(step) = step else {
        lines.push(Line::styled("No steps of this tour are in the files just now.", theme.dim));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    };
    // The tour's own note for the teacher goes before the first step, where
    // the screen has room for it besides the step.
    let mut before = Vec::new();
    if let Some(note) = tour.and_then(|t| t.teacher_note.as_deref()).filter(|_| p.at == 0) {
        before.push(Line::styled("Before you start", theme.heading));
        paragraphs(&mut before, &crate::document::paragraphs(note), theme.base);
        before.push(Line::raw(""));
    }
    let at = lines.len();
    let card = &step.card;
    lines.push(Line::from(vec![
        Span::styled(format!("Now · {} · ", words.date(&card.date)), theme.year),
        Span::styled(crate::tui::bidi::line(card.title).into_owned(), theme.title),
    ]));
    if let Some(q) = &step.quote {
        lines.push(Line::styled(format!("The slide is a quote — {}", q.attribution()), theme.era));
    }
    lines.push(Line::raw(""));
    if let Some(note) = &step.note {
        lines.push(Line::styled(words.note_for_the_teacher(), theme.heading));
        paragraphs(&mut lines, note, theme.base);
        lines.push(Line::raw(""));
    }
    if let Some(question) = &step.question {
        let following = app.lesson.link.as_ref().is_some_and(|l| l.others > 0 && !l.away);
        let shown = match (p.question, following) {
            (true, true) => "on the projector now",
            (true, false) => "shown, but no projector follows this screen now",
            (false, _) => "hidden: a shows it on the projector",
        };
        lines.push(Line::from(vec![
            Span::styled(words.question_for_the_class(), theme.heading),
            Span::styled(format!(" ({shown})"), theme.dim),
        ]));
        paragraphs(&mut lines, question, theme.marker);
        lines.push(Line::raw(""));
    }
    match next {
        Some(next) => {
            lines.push(Line::from(vec![
                Span::styled(format!("Next · {} · ", words.date(&next.card.date)), theme.dim),
                Span::styled(next.card.title, theme.title),
            ]));
        }
        None => lines.push(Line::styled("Next · this is the last step", theme.dim)),
    }
    let height = |lines: &[Line]| {
        Paragraph::new(lines.to_vec()).wrap(Wrap { trim: false }).line_count(inner.width.max(1))
    };
    if height(&lines) + height(&before) <= usize::from(inner.height) {
        lines.splice(at..at, before);
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
