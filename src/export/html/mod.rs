//! One self-contained HTML page, rendered from the document model with maud
//! (compiled templates that escape every value): the page of events with
//! filters, or a lesson as slides. Styles and script are inline, the page
//! fetches nothing, and all of its content is there with the script off.
//! Its labels come from the vocabulary ([`Words`]) in the language the page
//! says it is in; every text of the data carries the language it is written
//! in where that is another, so a screen reader reads each in its own voice.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use base64::Engine as _;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use crate::document::words::Words;
use crate::document::{
    Card, Facet, Lesson, Page, Paragraphs, QuoteRef, SOURCE_LANG, SourceRef, Step,
};
use crate::model::{Era, Timeline, Tour};

mod class;
mod maps;
mod pictures;
mod timeline;
mod worksheet;
pub use class::{class_lesson, join_page};
pub use worksheet::{answer_key, worksheet, write_answer_key, write_worksheet};

// The time axis's own style and script follow the page's, in the same blocks.
const STYLE: &str = concat!(include_str!("page.css"), include_str!("timeline.css"));
const SCRIPT: &str = concat!(include_str!("page.js"), include_str!("timeline.js"));

/// A Content-Security-Policy source for an inline block: its SHA-256.
fn hash_source(block: &str) -> String {
    let digest = Sha256::digest(block.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// Nothing may be fetched, and only our own style and script may run: even
/// if a value slipped through unescaped, it could neither run nor call out.
/// A page served to a class ([`class`]) runs one more script and style of
/// ours, and may talk to the server it came from, and to nothing else.
fn policy(addon: Option<&class::Addon>) -> String {
    let (mut style, mut script) = (hash_source(STYLE), hash_source(SCRIPT));
    let mut connect = String::new();
    if let Some(a) = addon {
        style = format!("{style} {}", hash_source(a.style));
        script = format!("{script} {}", hash_source(a.script));
        connect = " connect-src 'self';".into();
    }
    format!(
        "default-src 'none'; style-src {style}; script-src {script};{connect} img-src data:; \
         base-uri 'none'; form-action 'none'"
    )
}

/// The words the script writes (the count of events, the step, a link it
/// does not understand), for it to read from the page.
const SCRIPT_WORDS: &[&str] = &[
    "step_of",
    "all_questions",
    "facet_country",
    "facet_actor",
    "facet_tag",
    "facet_search",
    "facet_all",
    "fragment_unknown",
];

/// `lang` when it is not the page's: a text of the data in another language.
fn other(lang: &str, words: Words) -> Option<&str> {
    (lang != words.lang()).then_some(lang)
}

/// The page around `body`, in the language of its labels (`words`).
fn document(title: &str, title_lang: &str, words: Words, body: Markup) -> String {
    document_with(title, title_lang, words, body, None)
}

/// [`document`] with a class's script and style after the page's own.
fn document_with(
    title: &str,
    title_lang: &str,
    words: Words,
    body: Markup,
    addon: Option<&class::Addon>,
) -> String {
    let script_words: serde_json::Map<String, serde_json::Value> = SCRIPT_WORDS
        .iter()
        .map(|k| ((*k).to_string(), serde_json::Value::from(words.get(k))))
        .collect();
    let script_words = serde_json::Value::Object(script_words).to_string();
    let page = html! {
        (DOCTYPE)
        html lang=(words.lang()) dir=[words.rtl().then_some("rtl")] {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(policy(addon));
                meta name="generator" content=(concat!("steppe ", env!("CARGO_PKG_VERSION")));
                title lang=[other(title_lang, words)] { (title) }
                style { (PreEscaped(STYLE)) }
                @if let Some(a) = addon { style { (PreEscaped(a.style)) } }
            }
            body data-words=(script_words) data-class-words=[addon.map(|a| a.words(words))] {
                (body)
                footer.colophon {
                    p { (words.fill("colophon", &[("version", env!("CARGO_PKG_VERSION"))])) }
                }
                script { (PreEscaped(SCRIPT)) }
                @if let Some(a) = addon { script { (PreEscaped(a.script)) } }
            }
        }
    };
    page.into_string()
}

fn paragraphs(ps: &Paragraphs, lang: Option<&str>) -> Markup {
    html! {
        @for p in ps {
            p dir="auto" lang=[lang] {
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
fn quote(q: &QuoteRef, words: Words) -> Markup {
    html! {
        figure.quote {
            blockquote lang=[q.lang] dir="auto" cite=[q.source.link] { (paragraphs(&q.text, None)) }
            figcaption {
                "— " span dir="auto" { (q.by) @if let Some(d) = &q.date { ", " (words.date(d)) } } " · "
                @if let Some(note) = q.translation_note_in(words) { span.translated { (note) } " · " }
                (cite(&q.source))
            }
            @if let Some(o) = &q.other {
                details.version {
                    summary { (o.label_in(words)) }
                    blockquote lang=[o.lang] dir="auto" cite=[o.source.link] { (paragraphs(&o.text, None)) }
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

/// A picture of one's own, in the page itself, with its caption and credit.
fn picture(card: &Card) -> Markup {
    let Some(m) = &card.media else { return html! {} };
    let Some(p) = &m.picture else { return html! {} };
    let alt = m.alt.unwrap_or_default();
    html! {
        figure.picture {
            @match pictures::embed(p) {
                Some(e) => img src=(e.src) alt=(alt) width=(e.width) height=(e.height);,
                None => p.alt { (alt) },
            }
            @if m.caption.is_some() || m.credit.is_some() {
                figcaption dir="auto" {
                    @if let Some(c) = m.caption { (c) }
                    @if let Some(c) = m.credit { " " span.credit { (c) } }
                }
            }
        }
    }
}

fn card_facts(card: &Card, anchors: Anchors, words: Words) -> Markup {
    let role = |r: &str| words.role(r);
    html! {
        div.summary data-s lang=[other(card.summary_lang, words)] { (paragraphs(&card.summary, None)) }
        (picture(card))
        @for q in &card.quotes { (quote(q, words)) }
        dl.facts {
            @if !card.countries.is_empty() {
                dt { (words.get("countries")) }
                dd {
                    @for (n, c) in card.countries.iter().enumerate() {
                        @if n > 0 { ", " }
                        span dir="auto" lang=[other(c.lang, words)] data-s { (c.name) }
                    }
                }
            }
            @if !card.actors.is_empty() {
                dt { (words.get("people_and_organisations")) }
                dd {
                    ul.inline {
                        @for a in &card.actors {
                            li {
                                span dir="auto" lang=[other(a.lang, words)] data-s { (a.name) }
                                @if let Some(r) = a.role {
                                    @let shown = role(r);
                                    " " span.role dir="auto" lang=[(shown == r).then_some(SOURCE_LANG).and_then(|l| other(l, words))] { "(" (shown) ")" }
                                }
                            }
                        }
                    }
                }
            }
            @if !card.tags.is_empty() {
                dt { (words.get("tags")) }
                dd {
                    @for (n, t) in card.tags.iter().enumerate() {
                        @if n > 0 { ", " }
                        span dir="auto" lang=[other(SOURCE_LANG, words)] data-s { (t) }
                    }
                }
            }
            @if !card.sources.is_empty() {
                dt { (words.get("sources")) }
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
                dt { (words.get("place")) }
                dd dir="auto" { (place) }
            }
            @for (name, value) in &card.attributes {
                dt lang=[other(SOURCE_LANG, words)] { (name) }
                dd dir="auto" lang=[other(SOURCE_LANG, words)] { (value) }
            }
            @if let Some(m) = card.media.as_ref().filter(|m| m.picture.is_none()) {
                dt { (words.get("media")) }
                dd dir="auto" {
                    @match m.link {
                        Some(url) => a href=(url) rel="noreferrer" { (m.caption.unwrap_or(url)) },
                        None => (m.caption.unwrap_or(m.url)),
                    }
                    @if let Some(credit) = m.credit { " — " (credit) }
                }
            }
            @if !card.related.is_empty() {
                dt { (words.get("related")) }
                dd {
                    ul {
                        @for r in &card.related {
                            li {
                                @if anchors.is_some_and(|a| a.contains(r.id)) {
                                    a href={ "#ev-" (r.id) } { (words.date(&r.date)) " — " span dir="auto" { (r.title) } }
                                } @else {
                                    (words.date(&r.date)) " — " span dir="auto" { (r.title) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn date(card: &Card, words: Words) -> Markup {
    html! {
        @match &card.datetime {
            Some(dt) => time.date datetime=(dt) { (words.date(&card.date)) },
            None => span.date { (words.date(&card.date)) },
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

fn era_heading(era: Option<&Era>, no_eras: bool, words: Words) -> Markup {
    html! {
        @match era {
            Some(era) => {
                (era.title) " "
                span.years {
                    (words.date(&era.start.to_string()))
                    @match &era.end { Some(end) => { " – " (words.date(&end.to_string())) }, None => { " –" } }
                }
            },
            None => { @if no_eras { (words.get("events_heading")) } @else { (words.get("other_events")) } },
        }
    }
}

fn facet_chips(name: &str, facets: &[Facet], words: Words) -> Markup {
    html! {
        div.chips {
            @for (i, f) in facets.iter().enumerate() {
                label.chip {
                    input type="checkbox" name=(name) value=(f.key) data-i=(i);
                    " " span dir="auto" lang=[other(f.lang, words)] { (f.label) } " "
                    span.count { (f.count) }
                }
            }
        }
    }
}

fn filters(page: &Page, words: Words) -> Markup {
    let (example, found) = ("turkiye", "Türkiye");
    let (before, rest) = words.around("search_help", "example", &[]);
    let (middle, after) = rest.split_once("{found}").unwrap_or((&rest, ""));
    html! {
        // Folded on a phone, where the events come first; the script opens it on a wide screen.
        details #filterbox .controls hidden {
            summary { (words.get("filters_summary")) }
            form #filters role="search" aria-label=(words.get("filter_the_events")) {
                @if !page.countries.is_empty() {
                    fieldset.facet {
                        legend { (words.get("countries")) }
                        (facet_chips("country", &page.countries, words))
                        fieldset.match {
                            legend { (words.get("with_several_countries")) }
                            label { input type="radio" name="match" value="any" checked; " " (words.get("any_of_them")) }
                            label { input #match-all type="radio" name="match" value="all"; " " (words.get("all_of_them")) }
                        }
                    }
                }
                @if !page.actors.is_empty() {
                    details.facet {
                        summary { (words.get("people_and_organisations")) }
                        fieldset { legend.sr { (words.get("people_and_organisations")) } (facet_chips("actor", &page.actors, words)) }
                    }
                }
                @if !page.tags.is_empty() {
                    details.facet {
                        summary { (words.get("tags")) }
                        fieldset { legend.sr { (words.get("tags")) } (facet_chips("tag", &page.tags, words)) }
                    }
                }
                p.search {
                    label for="q" { (words.get("search")) }
                    " "
                    input #q type="search" name="q" autocomplete="off" spellcheck="false"
                        aria-describedby="q-help";
                    " "
                    button #clear type="button" { (words.get("clear_filters")) }
                    br;
                    small #q-help {
                        (before) i lang="tr" { (example) } (middle) i lang="tr" { (found) } (after)
                    }
                }
            }
        }
    }
}

/// The page of events: title, description, filters, and every event by era.
/// Where the events go in a page written around them: the last such mark,
/// as only the page's own words come after it (and text is cleaned of
/// control characters when it is read).
const CARDS: &str = "\u{0}steppe-events\u{0}";

/// `page` cut where [`CARDS`] stands: what goes before the cards, and after.
fn around_cards(page: &str) -> (&str, &str) {
    page.rsplit_once(CARDS).unwrap_or((page, ""))
}

/// The handout page of [`write_page`] as text.
pub fn page(page: &Page) -> String {
    crate::export::in_memory(|out| write_page(out, page))
}

pub fn write_page(out: &mut dyn Write, page: &Page) -> io::Result<()> {
    let words = Words::of(page.lang);
    let countries = index(&page.countries);
    let actors = index(&page.actors);
    let tags = index(&page.tags);
    let anchors: HashSet<&str> = page.cards().map(|c| c.id).collect();
    let no_eras = page.sections.iter().all(|s| s.era.is_none());
    let total = page.len();
    let (before, after) =
        words.around("shown_of", "shown", &[("events", &words.count("events_count", total))]);
    let source = other(SOURCE_LANG, words);
    let cards: Vec<&Card> = page.cards().collect();
    let maps = maps::Maps::new(&cards);
    let body = html! {
        a.skip href="#events" { (words.get("skip_to_events")) }
        header.top {
            h1 dir="auto" lang=[source] { (page.title) }
            @if !page.description.is_empty() {
                details.about open {
                    summary { (words.get("about_events")) }
                    div.description lang=[source] { (paragraphs(&page.description, None)) }
                }
            }
            @if !page.filters.is_empty() {
                p.scope { (words.fill("scope", &[("filters", &page.filters.join(" · "))])) }
            }
        }
        p #unknown .warning role="alert" hidden {}
        (filters(page, words))
        p #status .status role="status" {
            (before) strong #shown { (total) } (after) span #active {}
        }
        (timeline::page_axis(page))
        @if let Some(m) = &maps { (m.defs()) (m.region(&cards)) }
        main #events tabindex="-1" {
            (PreEscaped(CARDS))
            p #none .empty hidden[total > 0] { (words.get("no_match")) }
        }
    };
    // The page around its events, then each event's article as it is made:
    // a page of a million events is never held whole.
    let whole = document(page.title, SOURCE_LANG, words, body);
    let (head, tail) = around_cards(&whole);
    out.write_all(head.as_bytes())?;
    for (n, section) in page.sections.iter().enumerate() {
        let open = html! {
            section.era aria-labelledby={ "era-" (n) } {
                h2 #{ "era-" (n) } dir="auto" lang=[section.cards.first().and_then(|c| other(c.era_lang, words))] { (era_heading(section.era, no_eras, words)) }
                (PreEscaped(CARDS))
            }
        }
        .into_string();
        let (open, close) = around_cards(&open);
        out.write_all(open.as_bytes())?;
        for card in &section.cards {
            let article = html! {
                article.event #{ "ev-" (card.id) } aria-labelledby={ "t-" (card.id) }
                    data-c=(positions(card.countries.iter().map(|c| c.code), &countries))
                    data-a=(positions(card.actors.iter().map(|a| a.id), &actors))
                    data-t=(positions(card.tags.iter().copied(), &tags))
                    data-m=[maps.as_ref().map(|m| m.codes(card))] {
                    h3 #{ "t-" (card.id) } {
                        (date(card, words)) " "
                        span.title dir="auto" lang=[other(card.title_lang, words)] data-s { (card.title) }
                    }
                    @if let Some(m) = &maps { (m.locator(card)) }
                    (card_facts(card, Some(&anchors), words))
                }
            };
            out.write_all(article.into_string().as_bytes())?;
        }
        out.write_all(close.as_bytes())?;
    }
    out.write_all(tail.as_bytes())
}

/// A lesson's steps, read again for each pass over them: borrowed from a
/// lesson made whole, or made one at a time from its tour.
type Steps<'s, 'a> = dyn Fn() -> Box<dyn Iterator<Item = Cow<'s, Step<'a>>> + 's> + 's;

/// A lesson: one step per slide with the script on, a worksheet in print.
pub fn lesson(lesson: &Lesson) -> String {
    lesson_with(lesson, None)
}

/// [`lesson`], with a class's script and style when it is served to one.
fn lesson_with(lesson: &Lesson, addon: Option<&class::Addon>) -> String {
    let steps = || -> Box<dyn Iterator<Item = Cow<Step>>> {
        Box::new(lesson.steps.iter().map(Cow::Borrowed))
    };
    crate::export::in_memory(|out| write_lesson_of(out, lesson, &steps, addon))
}

/// [`lesson`] of `tour`, each step made as it is written: a tour of a
/// million steps is never held as cards.
pub fn write_lesson(
    out: &mut dyn Write,
    tl: &Timeline,
    tour: &Tour,
    notes: bool,
) -> io::Result<()> {
    let steps = || -> Box<dyn Iterator<Item = Cow<Step>>> {
        let made = (0..tour.steps.len()).filter_map(move |n| Step::new(tl, tour, n, notes));
        Box::new(made.map(Cow::Owned))
    };
    write_lesson_of(out, &Lesson::head(tl, tour, notes), &steps, None)
}

/// The lesson's page around its steps (its own `steps` are not read), then
/// the axis, each step's slide and the questions, as they are made.
fn write_lesson_of(
    out: &mut dyn Write,
    lesson: &Lesson,
    steps: &Steps,
    addon: Option<&class::Addon>,
) -> io::Result<()> {
    let words = Words::of(lesson.lang);
    let cards = || {
        steps().map(|s| match s {
            Cow::Borrowed(s) => Cow::Borrowed(&s.card),
            Cow::Owned(s) => Cow::Owned(s.card),
        })
    };
    let (mut total, mut has_questions, mut step_notes) = (0, false, false);
    for s in steps() {
        total += 1;
        has_questions |= s.question.is_some();
        step_notes |= s.note.is_some();
    }
    let slides = total + usize::from(has_questions);
    let has_notes = lesson.teacher_note.is_some() || step_notes;
    let steps_count = words.count("steps_count", total);
    let maps = maps::Maps::of_each(cards);
    let note_heading = words.note_for_the_teacher();
    let key = |k: &str| html! { kbd { (k) } };
    let body = html! {
        a.skip href="#lesson" { (words.get("skip_to_lesson")) }
        header.top {
            h1 dir="auto" lang=[other(lesson.title_lang, words)] { (lesson.title) }
            @if let Some(source) = lesson.source {
                @let (before, after) = words.around("lesson_from", "source", &[("steps", &steps_count)]);
                p.from { (before) span dir="auto" lang=[other(SOURCE_LANG, words)] { (source) } (after) }
            }
            div.description lang=[other(lesson.description_lang, words)] { (paragraphs(&lesson.description, None)) }
            @if let Some(note) = &lesson.teacher_note {
                aside.note aria-label=(note_heading) {
                    h3 { (note_heading) }
                    (paragraphs(note, other(lesson.note_lang, words)))
                }
            }
        }
        nav #stepnav .controls aria-label=(words.get("steps_nav")) hidden {
            button #prev type="button" { (words.get("previous_button")) }
            " "
            span #progress role="status" { (words.step_of(1, total)) }
            " "
            progress #bar max=(slides) value="1" aria-hidden="true" {}
            " "
            button #next type="button" { (words.get("next_button")) }
            @if has_notes {
                " "
                button #notes type="button" aria-pressed="false" { (words.get("teachers_notes")) }
            }
            " "
            label.perpage { input #perpage type="checkbox"; " " (words.get("one_step_per_page")) }
            p.keys {
                (words.get("keys_label")) " " (key("→")) " " (words.get("keys_or")) " " (key("Space")) " " (words.get("keys_next")) ", "
                (key("←")) " " (words.get("keys_previous")) ", "
                (key("Home")) " " (key("End")) " " (words.get("keys_first_last"))
                @if has_notes { ", " (key("i")) " " (words.get("keys_note")) }
                "."
            }
            p.swipe { (words.get("swipe")) }
        }
        (PreEscaped(CARDS))
    };
    let whole = document_with(lesson.title, lesson.title_lang, words, body, addon);
    let (head, tail) = around_cards(&whole);
    out.write_all(head.as_bytes())?;
    timeline::write_lesson_axis(out, lesson.timeline, cards)?;
    if let Some(m) = &maps {
        out.write_all(m.defs().into_string().as_bytes())?;
    }
    let main = html! { main #lesson tabindex="-1" data-total=(total) { (PreEscaped(CARDS)) } };
    let main = main.into_string();
    let (open, close) = around_cards(&main);
    out.write_all(open.as_bytes())?;
    for (n, step) in steps().enumerate() {
        let slide = step_slide(&step, n + 1, total, maps.as_ref(), words);
        out.write_all(slide.into_string().as_bytes())?;
    }
    if has_questions {
        write_questions(out, steps, total, words)?;
    }
    out.write_all(close.as_bytes())?;
    out.write_all(tail.as_bytes())
}

/// Step `n` (from 1) of `total` as its slide.
fn step_slide(
    step: &Step,
    n: usize,
    total: usize,
    maps: Option<&maps::Maps>,
    words: Words,
) -> Markup {
    let card = &step.card;
    let note_heading = words.note_for_the_teacher();
    html! {
        section.step #{ "step-" (n) } aria-labelledby={ "step-" (n) "-h" } {
            h2 #{ "step-" (n) "-h" } tabindex="-1" {
                span.stepno { (words.step_of(n, total)) } " "
                (date(card, words)) " "
                span.title dir="auto" lang=[other(card.title_lang, words)] { (card.title) }
            }
            @if let Some(era) = card.era { p.in-era { (words.get("era")) ": " span dir="auto" lang=[other(card.era_lang, words)] { (era) } } }
            @if let Some(m) = maps { (m.locator(card)) }
            @if let Some(q) = &step.quote { div.said { (quote(q, words)) } }
            (card_facts(card, None, words))
            @if let Some(note) = &step.note {
                aside.note aria-label=(note_heading) {
                    h3 { (note_heading) }
                    (paragraphs(note, other(step.note_lang, words)))
                }
            }
            @if let Some(q) = &step.question {
                div.question {
                    h3 { (words.question_for_the_class()) }
                    (paragraphs(q, other(step.question_lang, words)))
                    div.answer aria-hidden="true" { span {} span {} span {} }
                }
            }
        }
    }
}

/// The last slide: every question, in step order, one at a time.
fn write_questions(
    out: &mut dyn Write,
    steps: &Steps,
    total: usize,
    words: Words,
) -> io::Result<()> {
    let around = html! {
        section.step.questions #{ "step-" (total + 1) } aria-labelledby="questions-h" {
            h2 #questions-h tabindex="-1" { (words.get("all_questions")) }
            ol { (PreEscaped(CARDS)) }
        }
    };
    let around = around.into_string();
    let (open, close) = around_cards(&around);
    out.write_all(open.as_bytes())?;
    for s in steps() {
        if let Some(q) = &s.question {
            let item = html! { li { (paragraphs(q, other(s.question_lang, words))) } };
            out.write_all(item.into_string().as_bytes())?;
        }
    }
    out.write_all(close.as_bytes())
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
        for raw in ["<img", "<svg onload", "href=\"javascript:", "href=\"data:", "onclick=\""] {
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
