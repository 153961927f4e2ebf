//! A presentation slide: the date in large block letters, the title (large
//! too on a projector-sized screen), the summary in wide margins, who and
//! where, and the place in the show; in a tour, the teacher's note and the
//! class question when asked for, and a quote as a slide of its own. Text is
//! wrapped between words and what does not fit ends in `…` after a word;
//! spare room goes to the spacing, so a big screen is filled.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::bigtext;
use crate::document::words::Words;
use crate::document::{Card, Paragraphs, QuoteRef, Step};
use crate::text::{clip, fit_words, width as columns, wrap};
use crate::tui::state::App;
use crate::tui::state::present::Presentation;
use crate::tui::theme::Theme;

/// A wrapped line as it is drawn (right-to-left text in display order).
fn shown(line: &str) -> String {
    crate::tui::bidi::line(line).into_owned()
}

/// Takes `height` rows from the top of `area`.
fn take(area: &mut Rect, height: u16) -> Rect {
    let h = height.min(area.height);
    let top = Rect { height: h, ..*area };
    area.y += h;
    area.height -= h;
    top
}

fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Paragraphs wrapped to `width`, a blank line between them.
fn wrapped(ps: &Paragraphs, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (n, p) in ps.iter().enumerate() {
        if n > 0 {
            out.push(String::new());
        }
        for line in p {
            out.extend(wrap(line, width));
        }
    }
    out
}

/// Text in block letters, a line of letters per line of words; `None` when
/// a character has no letter or the words do not fit in `lines` lines.
fn big_lines(text: &str, scale: usize, width: usize, lines: usize) -> Option<Vec<String>> {
    let per_line = (width / scale + 1) / 4;
    let words = wrap(&text.to_uppercase(), per_line.max(1));
    if words.len() > lines || words.iter().any(|w| bigtext::width(w, scale) > width) {
        return None;
    }
    let mut out = Vec::new();
    for (n, w) in words.iter().enumerate() {
        if n > 0 {
            out.push(String::new());
        }
        out.extend(bigtext::render(w, scale)?);
    }
    Some(out)
}

/// A box with a heading around wrapped text.
struct Boxed {
    heading: &'static str,
    lines: Vec<String>,
    style: Style,
}

impl Boxed {
    fn height(&self) -> u16 {
        rows(self.lines.len()) + 2
    }
}

fn centred(lines: &[String], style: Style) -> Paragraph<'static> {
    let lines: Vec<Line> = lines.iter().map(|l| Line::styled(shown(l), style)).collect();
    Paragraph::new(lines).alignment(Alignment::Center)
}

pub fn render(app: &App, p: &Presentation, theme: &Theme, area: Rect, frame: &mut Frame) {
    if p.blank {
        return;
    }
    let tl = app.timeline();
    let words = app.words();
    let Some(e) = p.event().and_then(|i| tl.events.get(i)) else {
        let msg = if tl.events.is_empty() {
            words.get("no_events_in_files")
        } else if p.tour.is_some() {
            words.get("no_steps_in_files")
        } else {
            words.get("no_events_filtered")
        };
        let lines = wrap(msg, usize::from(area.width));
        frame.render_widget(centred(&lines, theme.base), area);
        return;
    };
    let tour = p.tour.as_deref().and_then(|t| tl.tour(t));
    let step = tour.zip(p.step_index()).and_then(|(t, n)| Step::new(tl, t, n, true));
    let mut card = step.as_ref().map_or_else(|| Card::new(tl, e), |s| s.card.clone());
    // Block letters have Latin letters and digits: a date in other words is written with numbers.
    let label = words.big_date(&card.date);
    card.date = words.date(&card.date);
    // Margins grow with the screen; the text column stays readable.
    let margin = (area.width / 8).max(1).max(area.width.saturating_sub(110) / 2);
    let column = Rect { x: area.x + margin, width: area.width.saturating_sub(2 * margin), ..area };
    let mut rest = column;
    let width = usize::from(column.width);

    // The header: what is being shown, and where we are in it.
    let header = take(&mut rest, 1);
    let context = match tour {
        Some(t) => t.title.as_str(),
        None => card.era.unwrap_or_default(),
    };
    let position = p.position_in(words);
    let room = width.saturating_sub(columns(&position) + 2);
    let line = Line::from(vec![
        Span::styled(crate::text::pad(&fit_words(context, room), room + 2), theme.dim),
        Span::styled(shown(&position), theme.title),
    ]);
    frame.render_widget(Paragraph::new(line), header);

    if let Some(q) = step.as_ref().and_then(|s| s.quote.as_ref()) {
        let mut q = q.clone();
        q.date = q.date.map(|d| words.date(&d));
        quote_slide(&card, &q, step.as_ref(), p, words, theme, area, rest, frame);
        return;
    }

    // What the teacher asked to see goes at the bottom, the question last.
    let boxed = |heading, ps: &Paragraphs, style| Boxed {
        heading,
        lines: wrapped(ps, width.saturating_sub(BOX_SIDES)),
        style,
    };
    let mut boxes: Vec<Boxed> = Vec::new();
    if let Some(s) = &step {
        if p.notes
            && let Some(note) = &s.note
        {
            boxes.push(boxed(words.note_for_the_teacher(), note, theme.dim));
        }
        if p.question
            && let Some(q) = &s.question
        {
            boxes.push(boxed(words.question_for_the_class(), q, theme.marker));
        }
    }
    let plain_title = wrap(card.title, width);
    let era: Vec<String> =
        card.era.filter(|_| tour.is_some()).map(|era| wrap(era, width)).unwrap_or_default();
    let who = who_and_where(&card, words);
    let mut who_lines = if who.is_empty() { Vec::new() } else { wrap(&who, width) };
    let mut summary = wrapped(&card.summary, width);

    // Large letters where the screen has room for them: the date twice as
    // wide, and on a projector-sized screen the title too.
    let wide = usize::from(area.width.saturating_sub(4));
    let mut date_big: Option<Vec<String>> = None;
    for scale in [2, 1] {
        if scale == 2 && area.height < 34 {
            continue;
        }
        if let Some(rows) = big_lines(&label, scale, wide, 1) {
            date_big = Some(rows);
            break;
        }
    }
    let mut title_big = match area.height {
        50.. => big_lines(card.title, 2, wide, 2).or_else(|| big_lines(card.title, 1, wide, 3)),
        40.. => big_lines(card.title, 1, wide, 3),
        _ => None,
    };
    // A note that gives way leaves a line saying so, in its place.
    let note_gone = std::cell::Cell::new(false);
    let boxes_height =
        |b: &[Boxed]| b.iter().map(Boxed::height).sum::<u16>() + u16::from(note_gone.get());
    // The era under the title gives way too, in the order below.
    let era_rows = std::cell::Cell::new(era.len());
    let needed = |date: &Option<Vec<String>>,
                  title: &Option<Vec<String>>,
                  who: &[String],
                  summary: usize,
                  boxes: &[Boxed]| {
        let date_rows = date.as_ref().map_or(1, Vec::len);
        // Block letters get a blank line before what follows them.
        let title_rows = title.as_ref().map_or(plain_title.len(), |t| t.len() + 1);
        let who_rows = if who.is_empty() { 0 } else { who.len() + 1 };
        rows(date_rows + 1 + title_rows + era_rows.get() + 1 + summary + who_rows)
            + boxes_height(boxes)
    };
    // What gives way when the slide does not fit, in turn: the big title,
    // the who-and-where line, the big date; then the summary is cut, after
    // a whole word, with `…`, down to one line; then the era's name and
    // the teacher's note
    // goes (the question stays), and the summary is cut further.
    let fits =
        |date: &Option<Vec<String>>,
         title: &Option<Vec<String>>,
         who: &[String],
         boxes: &[Boxed]| { needed(date, title, who, summary.len(), boxes) <= rest.height };
    if !fits(&date_big, &title_big, &who_lines, &boxes) && area.height >= 40 {
        title_big = big_lines(card.title, 1, wide, 3);
    }
    if !fits(&date_big, &title_big, &who_lines, &boxes) {
        title_big = None;
    }
    if !fits(&date_big, &title_big, &who_lines, &boxes) {
        who_lines.clear();
    }
    if !fits(&date_big, &title_big, &who_lines, &boxes) && area.height >= 34 {
        date_big = big_lines(&label, 1, wide, 1);
    }
    if !fits(&date_big, &title_big, &who_lines, &boxes) {
        date_big = None;
    }
    let summary_room = |boxes: &[Boxed]| {
        let without = needed(&date_big, &title_big, &who_lines, 0, boxes);
        usize::from(rest.height.saturating_sub(without))
    };
    if summary_room(&boxes) < summary.len().min(1) {
        era_rows.set(0);
    }
    while boxes.len() > 1 && summary_room(&boxes) < summary.len().min(1) {
        boxes.remove(0);
        note_gone.set(true);
    }
    summary = clip(summary, summary_room(&boxes), width);
    // On a big screen with room to spare the summary is read from afar:
    // a blank line between its lines.
    let spare_lines = usize::from(rest.height).saturating_sub(usize::from(needed(
        &date_big,
        &title_big,
        &who_lines,
        summary.len(),
        &boxes,
    )));
    if area.height >= 40 && summary.len() > 1 && spare_lines >= summary.len() + 8 {
        let n = summary.len();
        summary = summary.into_iter().flat_map(|l| [l, String::new()]).take(2 * n - 1).collect();
    }
    let used = needed(&date_big, &title_big, &who_lines, summary.len(), &boxes);
    // A picture of one's own takes the room the text leaves, if enough: it
    // is the first thing a small screen goes without.
    let images = app.images();
    let picture = card.media.as_ref().and_then(|m| m.picture.as_ref()).filter(|_| images.on);
    let left = rest.height.saturating_sub(used);
    let picture_rows =
        if picture.is_some() && left > super::picture::LEAST_ROWS { left - 1 } else { 0 };
    // Spare room: a fixed share above, so the date stays put from slide to
    // slide, and more space between the parts on a big screen.
    let spare = left - picture_rows;
    let top = spare.min(rest.height / 10);
    let gap = ((spare - top) / 5).min(4);
    take(&mut rest, top);

    let wide_area = |r: Rect| Rect { x: area.x + 2, width: area.width.saturating_sub(4), ..r };
    match &date_big {
        Some(big) => {
            let r = take(&mut rest, rows(big.len()));
            frame.render_widget(centred(big, theme.year), wide_area(r));
        }
        None => {
            let r = take(&mut rest, 1);
            frame.render_widget(centred(std::slice::from_ref(&card.date), theme.year), r);
        }
    }
    take(&mut rest, 1 + gap);
    match &title_big {
        Some(big) => {
            let r = take(&mut rest, rows(big.len()));
            frame.render_widget(centred(big, theme.title), wide_area(r));
            take(&mut rest, 1);
        }
        None => {
            let r = take(&mut rest, rows(plain_title.len()));
            frame.render_widget(centred(&plain_title, theme.title), r);
        }
    }
    if era_rows.get() > 0 {
        let r = take(&mut rest, rows(era.len()));
        frame.render_widget(centred(&era, theme.era), r);
    }
    take(&mut rest, 1 + gap);
    let r = take(&mut rest, rows(summary.len()));
    let lines: Vec<Line> = summary.iter().map(|l| Line::raw(shown(l))).collect();
    frame.render_widget(Paragraph::new(lines), r);
    if !who_lines.is_empty() {
        take(&mut rest, 1 + gap);
        let r = take(&mut rest, rows(who_lines.len()));
        frame.render_widget(centred(&who_lines, theme.dim), r);
    }
    if let Some(p) = picture.filter(|_| picture_rows > 0) {
        take(&mut rest, 1);
        let r = take(&mut rest, picture_rows - 1);
        super::picture::draw(p, images, wide_area(r), frame);
    }
    if !boxes.is_empty() {
        take(&mut rest, gap);
    }
    if note_gone.get() {
        let r = take(&mut rest, 1);
        note_gone_line(words, theme, r, frame);
    }
    for b in boxes {
        let r = take(&mut rest, b.height());
        boxed_lines(b.heading, &b.lines, b.style, theme, r, frame);
    }
}

/// Columns a box takes around its text: the borders and a space inside each.
const BOX_SIDES: usize = 4;

/// Text in a box with a heading, a space between the text and the borders.
fn boxed_lines(
    heading: &str,
    lines: &[String],
    style: Style,
    theme: &Theme,
    r: Rect,
    frame: &mut Frame,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .padding(Padding::horizontal(1))
        .title(Line::styled(format!(" {} ", shown(heading)), theme.heading));
    let lines: Vec<Line> = lines.iter().map(|l| Line::raw(shown(l))).collect();
    frame.render_widget(Paragraph::new(lines).block(block), r);
}

/// In place of a teacher's note with no room on the screen: that it is
/// hidden, so the teacher does not think there is none.
fn note_gone_line(words: Words, theme: &Theme, r: Rect, frame: &mut Frame) {
    let text = fit_words(words.get("note_no_room"), usize::from(r.width));
    frame.render_widget(Paragraph::new(Line::styled(text, theme.dim)), r);
}

/// A step that is a quote: the words large in the middle of the screen,
/// who said them and when beneath, the event above and the source below.
/// On a projector-sized screen the words are in block letters where they
/// fit, and spaced out to fill it where they do not.
#[allow(clippy::too_many_arguments)]
fn quote_slide(
    card: &Card,
    q: &QuoteRef,
    step: Option<&Step>,
    p: &Presentation,
    lang: Words,
    theme: &Theme,
    area: Rect,
    mut rest: Rect,
    frame: &mut Frame,
) {
    let big_screen = rest.height >= 40;
    let most = if big_screen { 120 } else { 90 };
    let width = usize::from(area.width.saturating_sub(8)).min(most).max(1);
    let left = area.x + (area.width.saturating_sub(rows(width))) / 2;
    // Every line is drawn in the column it was wrapped to, so none is cut.
    let column = |r: Rect| Rect { x: left, width: rows(width), ..r };
    let event = wrap(&format!("{} · {}", card.date, card.title), width);
    let mut words: Vec<String> = Vec::new();
    for (n, para) in q.text.iter().enumerate() {
        if n > 0 {
            words.push(String::new());
        }
        let text = para.join(" ");
        let text = if n == 0 { format!("“{text}") } else { text };
        words.extend(wrap(&text, width));
    }
    if let Some(last) = words.last_mut() {
        last.push('”');
    }
    let said = match lang.translation(q) {
        Some(note) => format!("— {} · {note}", q.attribution()),
        None => format!("— {}", q.attribution()),
    };
    let by = wrap(&said, width);
    let source = wrap(q.source.title, width);
    let question = step
        .and_then(|s| s.question.as_ref())
        .filter(|_| p.question)
        .map(|ps| wrapped(ps, width.saturating_sub(BOX_SIDES)))
        .unwrap_or_default();
    let mut note = step
        .and_then(|s| s.note.as_ref())
        .filter(|_| p.notes)
        .map(|ps| wrapped(ps, width.saturating_sub(BOX_SIDES)))
        .unwrap_or_default();
    let boxes = |note: &[String]| {
        let height = |lines: &[String]| if lines.is_empty() { 0 } else { rows(lines.len()) + 3 };
        height(note) + height(&question)
    };
    let around = rows(event.len() + 1 + 1 + by.len() + source.len());
    let mut fixed = around + boxes(&note);
    // The words come first: the note gives way when they would not fit in
    // two lines (the question stays, as on every slide), and says so.
    let mut note_gone = false;
    if !note.is_empty() && rest.height.saturating_sub(fixed) < 2 {
        note.clear();
        note_gone = true;
        fixed = around + boxes(&note) + 2;
    }
    let room = usize::from(rest.height.saturating_sub(fixed));
    let all: String = q.text.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join(" ");
    let wide = usize::from(area.width.saturating_sub(4));
    let big = big_screen.then(|| big_lines(&format!("“{all}”"), 1, wide, (room + 1) / 6)).flatten();
    let (body, big) = match big {
        Some(big) => (big, true),
        None => {
            // Spaced out to fill the screen: up to three blank lines between lines.
            let gap = (1..=if big_screen { 3 } else { 1 })
                .rev()
                .find(|g| words.len() * (g + 1) - g <= room)
                .unwrap_or(0);
            let spaced = if gap > 0 {
                let n = words.len();
                words
                    .into_iter()
                    .flat_map(|l| std::iter::once(l).chain(std::iter::repeat_n(String::new(), gap)))
                    .take(n * (gap + 1) - gap)
                    .collect()
            } else {
                clip(words, room, width)
            };
            (spaced, false)
        }
    };
    let used = fixed + rows(body.len());
    let spare = rest.height.saturating_sub(used);
    take(&mut rest, spare / 3);
    let r = take(&mut rest, rows(event.len()));
    frame.render_widget(centred(&event, theme.dim), column(r));
    take(&mut rest, 1 + (spare / 6).min(3));
    let r = take(&mut rest, rows(body.len()));
    if big {
        let wide_area = Rect { x: area.x + 2, width: area.width.saturating_sub(4), ..r };
        frame.render_widget(centred(&body, theme.title), wide_area);
    } else {
        let lines: Vec<Line> = body.iter().map(|l| Line::styled(shown(l), theme.title)).collect();
        frame.render_widget(Paragraph::new(lines), column(r));
    }
    take(&mut rest, 1);
    let align = if big { Alignment::Center } else { Alignment::Right };
    let r = take(&mut rest, rows(by.len()));
    let by: Vec<Line> = by.into_iter().map(|l| Line::styled(shown(&l), theme.era)).collect();
    frame.render_widget(Paragraph::new(by).alignment(align), column(r));
    let r = take(&mut rest, rows(source.len()));
    let source: Vec<Line> =
        source.into_iter().map(|l| Line::styled(shown(&l), theme.dim)).collect();
    frame.render_widget(Paragraph::new(source).alignment(align), column(r));
    if note_gone {
        take(&mut rest, 1);
        let r = take(&mut rest, 1);
        note_gone_line(lang, theme, column(r), frame);
    }
    quote_boxes(&note, &question, lang, theme, &mut rest, column, frame);
}

/// Under a quote: the teacher's note and the class question, each boxed.
fn quote_boxes(
    note: &[String],
    question: &[String],
    words: Words,
    theme: &Theme,
    rest: &mut Rect,
    column: impl Fn(Rect) -> Rect,
    frame: &mut Frame,
) {
    for (heading, lines, style) in [
        (words.note_for_the_teacher(), note, theme.dim),
        (words.question_for_the_class(), question, theme.marker),
    ] {
        if lines.is_empty() {
            continue;
        }
        take(rest, 1);
        let r = take(rest, rows(lines.len()) + 2);
        boxed_lines(heading, lines, style, theme, column(r), frame);
    }
}

/// "Kazakhstan, Russia — Vladimir Putin, Xi Jinping (host)".
fn who_and_where(card: &Card, words: Words) -> String {
    let places: Vec<&str> = card.countries.iter().map(|c| c.name).collect();
    let people: Vec<String> = card.actors.iter().map(|a| a.label_in(words)).collect();
    match (places.is_empty(), people.is_empty()) {
        (false, false) => format!("{} — {}", places.join(", "), people.join(", ")),
        (false, true) => places.join(", "),
        (true, false) => people.join(", "),
        (true, true) => String::new(),
    }
}
