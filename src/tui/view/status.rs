//! The status bar: `N of M events`, the active filters, and the keys of the
//! focused pane from the keymap. While typing, the prompt.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::text::{fit, width as columns};
use crate::tui::action::Action;
use crate::tui::keymap;
use crate::tui::layout::Pane;
use crate::tui::state::{App, Prompt, PromptKind, Screen};
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let count = format!(
        "{} of {}",
        crate::text::thousands(app.shown().len()),
        crate::text::count(app.timeline().events.len(), "event", "events")
    );
    let left: Vec<Span> = match &app.screen {
        Screen::Present(_) | Screen::Quiz(_) => {
            let what = match &app.screen {
                Screen::Present(p) => {
                    format!(" {}", crate::tui::bidi::line(&p.position_in(app.words())))
                }
                _ => " Quiz".to_string(),
            };
            let mut spans = vec![Span::styled(what, theme.title)];
            if let Some(class) = super::class::status_text(app) {
                spans.push(Span::styled(format!("  {class}"), theme.heading));
            }
            spans
        }
        Screen::Main | Screen::Detail { .. } => {
            let mut parts = vec![count];
            parts.extend(app.shown.filter.describe());
            let mut spans = vec![Span::styled(format!(" {}", parts.join(" · ")), theme.title)];
            if app.shown.pending {
                spans.push(Span::styled("  filtering…", theme.dim));
            }
            if let Some(loading) = &app.loading.under_way {
                let done = loading.progress.as_ref().map_or(0.0, super::progress::ratio);
                spans.push(Span::styled(format!("  reloading {:.0}%", done * 100.0), theme.dim));
            }
            spans
        }
    };
    let mut left = left;
    if let Some(msg) = &app.status.message {
        let used: usize = left.iter().map(|s| columns(&s.content)).sum();
        if used + 2 + columns(msg) <= usize::from(area.width) {
            left.push(Span::styled(format!("  {msg}"), theme.warning));
        } else {
            // Too long for the line: whole, on the rows above it.
            message_above(msg, app.status.banner.is_some(), theme, area, frame);
        }
    }
    line_with_hints(app, left, theme, area, frame);
}

/// A message that does not fit the status line, wrapped between words on
/// the rows above it (above the banner, if there is one).
fn message_above(msg: &str, banner: bool, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lines = crate::text::wrap(msg, usize::from(area.width.saturating_sub(2)));
    let bottom = area.y.saturating_sub(u16::from(banner));
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(bottom);
    let rect = Rect { y: bottom - height, height, ..area };
    let lines: Vec<Line> =
        lines.into_iter().map(|l| Line::styled(format!(" {l}"), theme.warning)).collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).style(theme.base), rect);
}

/// A prompt over the status line: what it asks, the text typed so far, and
/// what it found.
pub fn prompt(app: &App, prompt: &Prompt, theme: &Theme, area: Rect, frame: &mut Frame) {
    if prompt.kind == PromptKind::Filter {
        filter_prompt(app, prompt, theme, area, frame);
        return;
    }
    let count = format!(
        "{} of {}",
        crate::text::thousands(app.shown().len()),
        crate::text::count(app.timeline().events.len(), "event", "events")
    );
    let label = match prompt.kind {
        PromptKind::Search => "Search: ",
        PromptKind::Year => "Go to year: ",
        PromptKind::Find { pane: Pane::Actors, .. } => "Find actor: ",
        PromptKind::Find { .. } => "Find country: ",
        PromptKind::Filter => "Filter: ",
    };
    let tl = app.timeline();
    let found = match prompt.kind {
        PromptKind::Search if app.shown.pending => "  searching…".to_string(),
        PromptKind::Search => format!("  {count}"),
        PromptKind::Year | PromptKind::Filter => String::new(),
        // Not the name the cursor was left on, which would look like a match.
        PromptKind::Find { .. } if prompt.missed => "  no match".to_string(),
        PromptKind::Find { pane: Pane::Actors, .. } => tl
            .actors
            .get(app.facets.actor_cursor)
            .map_or(String::new(), |a| format!("  → {}", a.name)),
        PromptKind::Find { .. } => tl
            .countries
            .get(app.facets.country_cursor)
            .map_or(String::new(), |c| format!("  → {}", c.name)),
    };
    let left = vec![
        Span::styled(format!(" {label}"), theme.heading),
        Span::raw(prompt.input.clone()),
        Span::styled("█", theme.key),
        Span::styled(found, theme.dim),
    ];
    frame.render_widget(Clear, area);
    line_with_hints(app, left, theme, area, frame);
}

/// The filter prompt: the expression (its end in view), the part in error
/// marked; on the line above, what is wrong there, from its column, or the
/// names Tab offers.
fn filter_prompt(app: &App, prompt: &Prompt, theme: &Theme, area: Rect, frame: &mut Frame) {
    let label = " Filter: ";
    let width = usize::from(area.width);
    let room = width.saturating_sub(columns(label) + 2).max(1);
    let input = prompt.input.as_str();
    // Drop whole characters from the front until the end fits.
    let mut skip = 0;
    while columns(&input[skip..]) > room {
        skip += input[skip..].chars().next().map_or(1, char::len_utf8);
    }
    let shown = &input[skip..];
    let bad = prompt.error.as_ref().map(|e| {
        let r = e.span.start.max(skip)..e.span.end.max(skip);
        (r.start - skip)..(r.end - skip)
    });
    let mut spans = vec![Span::styled(label, theme.heading)];
    match &bad {
        Some(r) if r.start < r.end && r.end <= shown.len() => {
            spans.push(Span::raw(shown[..r.start].to_string()));
            spans.push(Span::styled(shown[r.clone()].to_string(), theme.error_mark()));
            spans.push(Span::raw(shown[r.end..].to_string()));
        }
        _ => spans.push(Span::raw(shown.to_string())),
    }
    spans.push(Span::styled("█", theme.key));
    frame.render_widget(Clear, area);
    line_with_hints(app, spans, theme, area, frame);

    // The line above: the error at its place, or the completions.
    let Some(y) = area.y.checked_sub(1) else { return };
    let above = Rect { y, height: 1, ..area };
    let offered = prompt.completion.as_ref().filter(|c| c.input == prompt.input);
    let line = if let (Some(e), None) = (&prompt.error, offered) {
        let col = columns(label) + bad.map_or(columns(shown), |r| columns(&shown[..r.start]));
        let text = format!("↓ {} — expected {}", e.message, e.expected);
        // The arrow over the mistake, unless that leaves the message no room.
        let col = col.min(width.saturating_sub(30)).min(width.saturating_sub(1));
        Line::from(vec![
            Span::raw(" ".repeat(col)),
            Span::styled(fit(&text, width - col), theme.warning),
        ])
    } else if let Some(c) = offered {
        let mut spans = vec![Span::styled(" Tab: ", theme.key)];
        if c.items.is_empty() {
            spans.push(Span::styled("nothing to complete here", theme.dim));
        }
        for (i, (insert, what)) in c.items.iter().enumerate() {
            let text = if what.is_empty() { insert.clone() } else { format!("{insert} {what}") };
            let style = if c.at == Some(i) { theme.selected } else { theme.base };
            spans.push(Span::styled(text, style));
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.pop();
        Line::from(spans)
    } else {
        Line::styled(
            " country:KZ,UZ actor:putin tag:summit era:soviet from:2013 to:2025 on:… related:ID place:… attr:NAME>N, words; and or not ( )",
            theme.dim,
        )
    };
    frame.render_widget(Clear, above);
    frame.render_widget(Paragraph::new(line), above);
}

/// `left`, then as many of the keymap's hints for the keys' context as fit.
fn line_with_hints(app: &App, left: Vec<Span<'_>>, theme: &Theme, area: Rect, frame: &mut Frame) {
    let width = usize::from(area.width);
    let left_text: String = left.iter().map(|s| s.content.as_ref()).collect();
    let mut spans = if columns(&left_text) > width {
        vec![Span::styled(crate::text::fit_words(&left_text, width), theme.title)]
    } else {
        left
    };
    // As many hints as fit after the filters, in the keymap's order.
    let used: usize = spans.iter().map(|s| columns(&s.content)).sum();
    let mut room = width.saturating_sub(used + 2);
    let mut hints: Vec<Span> = Vec::new();
    // On slides, which a class reads, the hints are in the class's language.
    let slides = matches!(
        app.context(),
        keymap::Context::Present | keymap::Context::Tour | keymap::Context::Presenter
    );
    let say = |words: &'static str| if slides { app.words().key_hint(words) } else { words };
    let cost = |keys: &str, words: &'static str| columns(keys) + 1 + columns(say(words)) + 2;
    // Completion works in the filter prompt alone.
    let filtering = app.prompt().is_some_and(|p| p.kind == PromptKind::Filter);
    // A class's keys, where there is a class.
    let class = app.class().join.is_some();
    let works = |a: Action| match a {
        Action::Complete => filtering,
        Action::RevealTally | Action::ShowJoin | Action::ToggleTop => class,
        _ => true,
    };
    for (keys, words) in keymap::footer_fitting(app.context(), room, cost, works) {
        room -= cost(keys, words);
        hints.push(Span::styled(keys, theme.key));
        hints.push(Span::raw(format!(" {}  ", crate::tui::bidi::line(say(words)))));
    }
    if !hints.is_empty() {
        spans.push(Span::raw(" ".repeat(room + 2)));
        spans.extend(hints);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
