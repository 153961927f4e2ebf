//! One self-contained HTML page, rendered from the document model with maud
//! (compiled templates that escape every value): the page of events with
//! filters, or a lesson as slides. Styles and script are inline, the page
//! fetches nothing, and all of its content is there with the script off.

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use crate::document::{Card, Facet, Lesson, Page, Paragraphs, QuoteRef, SourceRef};
use crate::model::Era;

mod worksheet;
pub use worksheet::{answer_key, worksheet};

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// A Content-Security-Policy source for an inline block: its SHA-256.
fn hash_source(block: &str) -> String {
    let digest = Sha256::digest(block.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// Nothing may be fetched, and only our own style and script may run: even
/// if a value slipped through unescaped, it could neither run nor call out.
fn policy() -> String {
    format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; \
         base-uri 'none'; form-action 'none'",
        hash_source(STYLE),
        hash_source(SCRIPT)
    )
}

/// The page around `body`, in `lang` (English, the language of steppe's
/// own words, when the texts were not translated).
fn document(title: &str, lang: Option<&str>, body: Markup) -> String {
    let page = html! {
        (DOCTYPE)
        html lang=(lang.unwrap_or("en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(policy());
                meta name="generator" content=(concat!("steppe ", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                footer.colophon {
                    p { "Made with steppe " (env!("CARGO_PKG_VERSION")) ". This page works offline and needs nothing else." }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    page.into_string()
}

fn paragraphs(ps: &Paragraphs) -> Markup {
    html! {
        @for p in ps {
            p dir="auto" {
                @for (n, line) in p.iter().enumerate() {
                    @if n > 0 { br; }
                    (line)
                }
            }
        }
    }
}

/// A quote: the words in a block quote, then who said them, whether they
/// are a translation, and where it is printed; the other version of the
/// words (the original under a translation) folded away beneath.
fn quote(q: &QuoteRef) -> Markup {
    html! {
        figure.quote {
            blockquote lang=[q.lang] dir="auto" cite=[q.source.link] { (paragraphs(&q.text)) }
            figcaption {
                "— " span dir="auto" { (q.attribution()) } " · "
                @if let Some(note) = q.translation_note() { span.translated { (note) } " · " }
                (cite(&q.source))
            }
            @if let Some(o) = &q.other {
                details.version {
                    summary { (o.label()) }
                    blockquote lang=[o.lang] dir="auto" cite=[o.source.link] { (paragraphs(&o.text)) }
                    p.cited { "— " (cite(&o.source)) }
                }
            }
        }
    }
}

/// Where a quote is printed: a link to it, or its title.
fn cite(s: &SourceRef) -> Markup {
    html! {
        @match s.link {
            Some(url) => cite { a href=(url) rel="noreferrer" { (s.title) } },
            None => cite dir="auto" { (s.title) },
        }
    }
}

/// Where related events may link: events on the same page, by id.
type Anchors<'a> = Option<&'a HashSet<&'a str>>;

fn card_facts(card: &Card, anchors: Anchors) -> Markup {
    html! {
        div.summary data-s { (paragraphs(&card.summary)) }
        @for q in &card.quotes { (quote(q)) }
        dl.facts {
            @if !card.countries.is_empty() {
                dt { "Countries" }
                dd {
                    @for (n, c) in card.countries.iter().enumerate() {
                        @if n > 0 { ", " }
                        span dir="auto" data-s { (c.name) }
                    }
                }
            }
            @if !card.actors.is_empty() {
                dt { "People and organisations" }
                dd {
                    ul.inline {
                        @for a in &card.actors {
                            li {
                                span dir="auto" data-s { (a.name) }
                                @if let Some(role) = a.role { " " span.role dir="auto" { "(" (role) ")" } }
                            }
                        }
                    }
                }
            }
            @if !card.tags.is_empty() {
                dt { "Tags" }
                dd {
                    @for (n, t) in card.tags.iter().enumerate() {
                        @if n > 0 { ", " }
                        span dir="auto" data-s { (t) }
                    }
                }
            }
            @if !card.sources.is_empty() {
                dt { "Sources" }
                dd {
                    ul {
                        @for s in &card.sources {
                            li dir="auto" {
                                @match s.link {
                                    Some(url) => a href=(url) rel="noreferrer" { (s.title) },
                                    None => {
                                        @if s.url.is_none() { cite { (s.title) } } @else { (s.title) }
                                        @if let (true, Some(url)) = (s.titled(), s.url) { " " span.url { "(" (url) ")" } }
                                    }
                                }
                                @if let Some(details) = &s.details { ", " (details) }
                            }
                        }
                    }
                }
            }
            @if let Some(place) = &card.location {
                dt { "Place" }
                dd dir="auto" { (place) }
            }
            @for (name, value) in &card.attributes {
                dt { (name) }
                dd dir="auto" { (value) }
            }
            @if let Some(m) = &card.media {
                dt { "Media" }
                dd dir="auto" {
                    @match m.link {
                        Some(url) => a href=(url) rel="noreferrer" { (m.caption.unwrap_or(url)) },
                        None => (m.caption.unwrap_or(m.url)),
                    }
                    @if let Some(credit) = m.credit { " — " (credit) }
                }
            }
            @if !card.related.is_empty() {
                dt { "Related" }
                dd {
                    ul {
                        @for r in &card.related {
                            li {
                                @if anchors.is_some_and(|a| a.contains(r.id)) {
                                    a href={ "#ev-" (r.id) } { (r.date) " — " span dir="auto" { (r.title) } }
                                } @else {
                                    (r.date) " — " span dir="auto" { (r.title) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn date(card: &Card) -> Markup {
    html! {
        @match &card.datetime {
            Some(dt) => time.date datetime=(dt) { (card.date) },
            None => span.date { (card.date) },
        }
    }
}

/// The positions of a card's keys in a facet list, for the script's filters.
fn positions<'a>(keys: impl Iterator<Item = &'a str>, index: &HashMap<&str, usize>) -> String {
    let list: Vec<String> = keys.filter_map(|k| index.get(k)).map(usize::to_string).collect();
    list.join(" ")
}

fn index<'a>(facets: &[Facet<'a>]) -> HashMap<&'a str, usize> {
    facets.iter().enumerate().map(|(i, f)| (f.key, i)).collect()
}

fn era_heading(era: Option<&Era>, no_eras: bool) -> Markup {
    html! {
        @match era {
            Some(era) => {
                (era.title) " "
                span.years {
                    (era.start)
                    @match &era.end { Some(end) => { " – " (end) }, None => { " –" } }
                }
            },
            None => { @if no_eras { "Events" } @else { "Other events" } },
        }
    }
}

fn facet_chips(name: &str, facets: &[Facet]) -> Markup {
    html! {
        div.chips {
            @for (i, f) in facets.iter().enumerate() {
                label.chip {
                    input type="checkbox" name=(name) value=(f.key) data-i=(i);
                    " " span dir="auto" { (f.label) } " "
                    span.count { (f.count) }
                }
            }
        }
    }
}

fn filters(page: &Page) -> Markup {
    html! {
        form #filters .controls hidden role="search" aria-label="Filter the events" {
            @if !page.countries.is_empty() {
                fieldset.facet {
                    legend { "Countries" }
                    (facet_chips("country", &page.countries))
                    fieldset.match {
                        legend { "With several countries, show events with" }
                        label { input type="radio" name="match" value="any" checked; " any of them" }
                        label { input #match-all type="radio" name="match" value="all"; " all of them" }
                    }
                }
            }
            @if !page.actors.is_empty() {
                details.facet {
                    summary { "People and organisations" }
                    fieldset { legend.sr { "People and organisations" } (facet_chips("actor", &page.actors)) }
                }
            }
            @if !page.tags.is_empty() {
                details.facet {
                    summary { "Tags" }
                    fieldset { legend.sr { "Tags" } (facet_chips("tag", &page.tags)) }
                }
            }
            p.search {
                label for="q" { "Search" }
                " "
                input #q type="search" name="q" autocomplete="off" spellcheck="false"
                    aria-describedby="q-help";
                " "
                button #clear type="button" { "Clear filters" }
                br;
                small #q-help {
                    "Titles, summaries, names and tags, in any case and with or without accents: "
                    i { "turkiye" } " finds " i { "Türkiye" } "."
                }
            }
        }
    }
}

/// The page of events: title, description, filters, and every event by era.
pub fn page(page: &Page) -> String {
    let countries = index(&page.countries);
    let actors = index(&page.actors);
    let tags = index(&page.tags);
    let anchors: HashSet<&str> = page.cards().map(|c| c.id).collect();
    let no_eras = page.sections.iter().all(|s| s.era.is_none());
    let total = page.len();
    let body = html! {
        a.skip href="#events" { "Skip to the events" }
        header.top {
            h1 dir="auto" { (page.title) }
            (paragraphs(&page.description))
            @if !page.filters.is_empty() {
                p.scope { "The events of the timeline with " (page.filters.join(" · ")) "." }
            }
        }
        (filters(page))
        p #status .status role="status" {
            strong #shown { (total) } " of " (crate::text::count(total, "event", "events")) span #active {}
        }
        main #events tabindex="-1" {
            @for (n, section) in page.sections.iter().enumerate() {
                section.era aria-labelledby={ "era-" (n) } {
                    h2 #{ "era-" (n) } dir="auto" { (era_heading(section.era, no_eras)) }
                    @for card in &section.cards {
                        article.event #{ "ev-" (card.id) } aria-labelledby={ "t-" (card.id) }
                            data-c=(positions(card.countries.iter().map(|c| c.code), &countries))
                            data-a=(positions(card.actors.iter().map(|a| a.id), &actors))
                            data-t=(positions(card.tags.iter().copied(), &tags)) {
                            h3 #{ "t-" (card.id) } {
                                (date(card)) " "
                                span.title dir="auto" data-s { (card.title) }
                            }
                            (card_facts(card, Some(&anchors)))
                        }
                    }
                }
            }
            p #none .empty hidden[total > 0] { "No events match the filters." }
        }
    };
    document(page.title, page.lang, body)
}

/// A lesson: one step per slide with the script on, a worksheet in print.
pub fn lesson(lesson: &Lesson) -> String {
    let total = lesson.steps.len();
    let questions: Vec<&Paragraphs> = lesson.questions().collect();
    let slides = total + usize::from(!questions.is_empty());
    let has_notes = lesson.teacher_note.is_some() || lesson.steps.iter().any(|s| s.note.is_some());
    let body = html! {
        a.skip href="#lesson" { "Skip to the lesson" }
        header.top {
            h1 dir="auto" { (lesson.title) }
            @if let Some(source) = lesson.source {
                p.from { "A lesson from “" span dir="auto" { (source) } "”, " (total) " steps." }
            }
            (paragraphs(&lesson.description))
            @if let Some(note) = &lesson.teacher_note {
                aside.note aria-label="Note for the teacher" {
                    h3 { "Note for the teacher" }
                    (paragraphs(note))
                }
            }
        }
        nav #stepnav .controls aria-label="Steps" hidden {
            button #prev type="button" { "← Previous" }
            " "
            span #progress role="status" { "Step 1 of " (total) }
            " "
            progress #bar max=(slides) value="1" aria-hidden="true" {}
            " "
            button #next type="button" { "Next →" }
            @if has_notes {
                " "
                button #notes type="button" aria-pressed="false" { "Teacher's notes" }
            }
            p.keys {
                "Keys: " kbd { "→" } " or " kbd { "Space" } " next, " kbd { "←" } " previous, "
                kbd { "Home" } " " kbd { "End" } " first and last"
                @if has_notes { ", " kbd { "i" } " the teacher's note" }
                "."
            }
        }
        main #lesson tabindex="-1" data-total=(total) {
            @for (n, step) in lesson.steps.iter().enumerate() {
                @let card = &step.card;
                section.step #{ "step-" (n + 1) } aria-labelledby={ "step-" (n + 1) "-h" } {
                    h2 #{ "step-" (n + 1) "-h" } tabindex="-1" {
                        span.stepno { "Step " (n + 1) " of " (total) } " "
                        (date(card)) " "
                        span.title dir="auto" { (card.title) }
                    }
                    @if let Some(era) = card.era { p.in-era { "Era: " span dir="auto" { (era) } } }
                    @if let Some(q) = &step.quote { div.said { (quote(q)) } }
                    (card_facts(card, None))
                    @if let Some(note) = &step.note {
                        aside.note aria-label="Note for the teacher" {
                            h3 { "Note for the teacher" }
                            (paragraphs(note))
                        }
                    }
                    @if let Some(q) = &step.question {
                        div.question {
                            h3 { "Question for the class" }
                            (paragraphs(q))
                            div.answer aria-hidden="true" { span {} span {} span {} }
                        }
                    }
                }
            }
            @if !questions.is_empty() {
                section.step.questions #{ "step-" (total + 1) } aria-labelledby="questions-h" {
                    h2 #questions-h tabindex="-1" { "All questions" }
                    ol {
                        @for q in &questions { li { (paragraphs(q)) } }
                    }
                }
            }
        }
    };
    document(lesson.title, lesson.lang, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, PartialDate, Source, Timeline};
    use crate::query::Query;

    fn hostile() -> Query {
        let event = Event {
            summary: "<img src=x onerror=alert(2)>".into(),
            tags: vec!["\"><svg onload=alert(3)>".into()],
            sources: vec![
                Source {
                    title: "js".into(),
                    url: Some("javascript:alert(4)".into()),
                    ..Source::default()
                },
                Source {
                    title: "data".into(),
                    url: Some("data:text/html,<script>alert(5)</script>".into()),
                    ..Source::default()
                },
                Source {
                    title: "quote".into(),
                    url: Some("https://a.example/\" onclick=\"alert(6)".into()),
                    ..Source::default()
                },
                Source {
                    title: "fine".into(),
                    url: Some("https://a.example/ok?a=1&b=2".into()),
                    ..Source::default()
                },
            ],
            ..Event::new("x", PartialDate::year(2001), "</title><script>alert(1)</script>")
        };
        Query::new(Timeline { events: vec![event], ..Timeline::default() })
    }

    #[test]
    fn every_value_is_escaped_and_only_web_addresses_are_links() {
        let q = hostile();
        let html = page(&Page::new(&q, &[0], Vec::new()));
        assert_eq!(html.matches("<script").count(), 1, "only the page's own script");
        for raw in ["<img", "<svg", "href=\"javascript:", "href=\"data:", "onclick=\""] {
            assert!(!html.contains(raw), "{raw} in the page");
        }
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("<a href=\"https://a.example/ok?a=1&amp;b=2\""));
        assert_eq!(html.matches("<a href=\"http").count(), 1, "one real link");
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_style_and_script() {
        let html = page(&Page::new(&hostile(), &[0], Vec::new()));
        let digest = |s: &str| hash_source(s);
        assert!(html.contains(&format!("style-src {}", digest(STYLE))));
        assert!(html.contains(&format!("script-src {}", digest(SCRIPT))));
        assert!(html.contains(&format!("<style>{STYLE}</style>")));
        assert!(html.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(html.contains("default-src 'none'"));
    }
}
