//! TimelineJS3 timelines → the tree of a steppe file, checked by the schema
//! step like YAML. The JSON file (`timeline.json`) and the Google Sheets
//! template saved as CSV both become [`Slide`]s here.
//!
//! TimelineJS years are historical: `-500` is 500 BCE, which steppe writes
//! `-0499` (astronomical). Text is HTML: it becomes plain text with its
//! paragraphs and line breaks, and its web links become sources. An event
//! that carries steppe's own fields (under `steppe`, as `export --format
//! timelinejs` writes them) is read from those, losslessly.

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, Mark};
use super::html::{html_text, web_address};
use super::json;
use super::schema::{self, FileContent};
use super::yaml::Node;
use crate::text::sanitize;

pub use crate::model::file::STEPPE_KEY;

/// The links of one text that become the event's sources; the text keeps
/// them all as words.
const MAX_LINK_SOURCES: usize = 100;

/// The keys of TimelineJS3's JSON format (timeline.knightlab.com/docs/json-format.html).
const SLIDE_KEYS: &[&str] = &[
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
];
const TEXT_KEYS: &[&str] = &["headline", "text"];
const MEDIA_KEYS: &[&str] =
    &["url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"];
const DATE_KEYS: &[&str] =
    &["year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"];

/// A date as TimelineJS splits it: each part a number or text, blank meaning
/// "not given".
#[derive(Debug, Default)]
pub struct DateParts {
    pub mark: Option<Mark>,
    pub year: Option<Node>,
    pub month: Option<Node>,
    pub day: Option<Node>,
    /// Hour, minute, second or a `Time` cell: steppe keeps dates to the day.
    pub time: Option<Node>,
    pub display_date: Option<Node>,
}

#[derive(Debug, Default)]
pub struct MediaParts {
    pub url: Option<Node>,
    pub caption: Option<Node>,
    pub credit: Option<Node>,
    pub thumbnail: Option<Node>,
    /// `alt`, `title` and `link` of TimelineJS's media object (a sheet has none).
    pub alt: Option<Node>,
    pub title: Option<Node>,
    pub link: Option<Node>,
}

/// One TimelineJS slide: an event, the title slide or an era.
#[derive(Debug)]
pub struct Slide {
    pub mark: Mark,
    pub start: DateParts,
    pub end: DateParts,
    pub display_date: Option<Node>,
    pub headline: Option<Node>,
    pub text: Option<Node>,
    pub media: MediaParts,
    pub group: Option<Node>,
    pub unique_id: Option<Node>,
    pub background: Option<Node>,
}

/// Reads a TimelineJS JSON file as one tree of the whole file.
pub(super) fn read_whole(text: &str, file: usize, diags: &mut Vec<Diagnostic>) -> FileContent {
    let Some(root) = json::parse(text, file, diags) else {
        return FileContent { file, ..FileContent::default() };
    };
    let mut cx = Convert::new(file, diags);
    let tree = cx.json_root(&root);
    cx.finish();
    schema::read_tree(&tree, file, diags)
}

/// A kind of field steppe does not keep: its name, why, where it was first, and how many times.
pub(super) type Dropped = (&'static str, &'static str, Mark, usize);

/// Turns slides into the tree of a steppe file, reporting what cannot be held.
pub struct Convert<'a> {
    file: usize,
    diags: &'a mut Vec<Diagnostic>,
    ids: HashMap<String, usize>,
    /// Fields steppe does not keep: how many, and where the first was.
    dropped: Vec<Dropped>,
    pub title: Option<Node>,
    pub description: Option<Node>,
    pub events: Vec<Node>,
    pub eras: Vec<Node>,
}

fn is_blank(n: &Node) -> bool {
    n.is_null() || n.text().is_some_and(|t| t.trim().is_empty())
}

/// The node, unless it is blank.
fn given(n: Option<&Node>) -> Option<&Node> {
    n.filter(|n| !is_blank(n))
}

impl<'a> Convert<'a> {
    pub fn new(file: usize, diags: &'a mut Vec<Diagnostic>) -> Self {
        Convert {
            file,
            diags,
            ids: HashMap::new(),
            dropped: Vec::new(),
            title: None,
            description: None,
            events: Vec::new(),
            eras: Vec::new(),
        }
    }

    /// Where problems are reported.
    pub fn diags(&mut self) -> &mut Vec<Diagnostic> {
        self.diags
    }

    fn error(&mut self, mark: Mark, message: String) {
        self.diags.push(Diagnostic::error(self.file, Some(mark), message));
    }

    fn drop_field(&mut self, field: &'static str, why: &'static str, mark: Mark) {
        self.absorb_dropped([(field, why, mark, 1)]);
    }

    /// Adds fields not kept by a later part of the file, in the order first seen.
    pub(super) fn absorb_dropped(&mut self, later: impl IntoIterator<Item = Dropped>) {
        for (field, why, mark, count) in later {
            match self.dropped.iter_mut().find(|d| d.0 == field) {
                Some(d) => d.3 += count,
                None => self.dropped.push((field, why, mark, count)),
            }
        }
    }

    /// The ids made so far, each with how many times it was wanted.
    pub(super) fn ids(&self) -> &HashMap<String, usize> {
        &self.ids
    }

    /// Goes on making ids after those of an earlier part of the file.
    pub(super) fn set_ids(&mut self, ids: HashMap<String, usize>) {
        self.ids = ids;
    }

    /// What a part of the file leaves for the whole: fields not kept, and ids made.
    pub(super) fn into_part(self) -> (Vec<Dropped>, HashMap<String, usize>) {
        (self.dropped, self.ids)
    }

    /// A sheet column that is not TimelineJS's: `columns` are the sheet's.
    pub fn dropped_column(&mut self, name: &str, mark: Mark, columns: &[&str]) {
        let help = super::diagnostic::unknown_name_help(
            super::diagnostic::did_you_mean(name, columns.iter().copied()),
            "a TimelineJS sheet has the columns",
            columns,
        );
        self.diags.push(
            Diagnostic::warning(
                self.file,
                Some(mark),
                format!("unknown column `{}`: it is not read", sanitize::visible(name)),
            )
            .with_help(Some(help)),
        );
    }

    /// One warning for each kind of field that was not kept.
    pub fn finish(&mut self) {
        for (field, why, mark, count) in std::mem::take(&mut self.dropped) {
            let times = if count == 1 {
                "once".to_string()
            } else {
                format!("{} times", crate::text::thousands(count))
            };
            self.diags.push(Diagnostic::warning(
                self.file,
                Some(mark),
                format!("`{field}` is not kept ({times}, first here): {why}"),
            ));
        }
    }

    /// The tree of a steppe file from what was converted, with `extra`
    /// top-level entries (steppe's own countries, actors and tours).
    pub fn tree(&mut self, mark: Mark, extra: Vec<(Node, Node)>) -> Node {
        let mut entries: Vec<(&str, Node)> = Vec::new();
        let has = |k: &str| extra.iter().any(|(key, _)| key.text() == Some(k));
        if !has("title")
            && let Some(t) = self.title.take()
        {
            entries.push(("title", t));
        }
        if !has("description")
            && let Some(d) = self.description.take()
        {
            entries.push(("description", d));
        }
        entries.push(("eras", Node::list_at(std::mem::take(&mut self.eras), mark)));
        entries.push(("events", Node::list_at(std::mem::take(&mut self.events), mark)));
        let mut tree = Node::map_at(entries, mark);
        if let super::yaml::Kind::Map(m) = &mut tree.kind {
            m.extend(extra);
        }
        tree
    }

    fn json_root(&mut self, root: &Node) -> Node {
        let Some(entries) = root.entries() else {
            self.error(
                root.mark,
                format!(
                    "expected a TimelineJS timeline: an object with `events` (and `title`, `eras`), found {}",
                    root.kind_name()
                ),
            );
            return Node::map_at(Vec::new(), root.mark);
        };
        let mut extra = Vec::new();
        self.root_keys(root);
        for (key, value) in entries {
            self.json_key(key.text().unwrap_or_default(), value, &mut extra);
        }
        self.tree(root.mark, extra)
    }

    /// Warns of the keys of the timeline's object that TimelineJS does not have.
    pub(super) fn root_keys(&mut self, root: &Node) {
        self.unknown_keys(
            Some(root),
            "a TimelineJS timeline",
            &["title", "events", "eras", "scale"],
        );
    }

    /// One entry of the timeline's object; steppe's own top-level fields go to `extra`.
    pub(super) fn json_key(&mut self, key: &str, value: &Node, extra: &mut Vec<(Node, Node)>) {
        match key {
            "title" => {
                let slide = self.json_slide(value);
                self.title_slide(&slide);
            }
            "events" => {
                for item in self.json_list(value, "events") {
                    self.json_event(item);
                }
            }
            "eras" => {
                for item in self.json_list(value, "eras") {
                    match item.get(STEPPE_KEY) {
                        Some(own) => self.eras.push(own.clone()),
                        None => {
                            let slide = self.json_slide(item);
                            self.era(&slide);
                        }
                    }
                }
            }
            STEPPE_KEY => match value.entries() {
                Some(own) => extra.extend(own.iter().cloned()),
                None => self.error(
                    value.mark,
                    format!("expected `{STEPPE_KEY}` to be an object of steppe's own fields"),
                ),
            },
            "scale" if value.text() != Some("human") => self.drop_field(
                "scale",
                "steppe shows years of the common era and before it",
                value.mark,
            ),
            _ => {}
        }
    }

    /// One item of `events`: steppe's own fields when it has them, else its slide.
    pub(super) fn json_event(&mut self, item: &Node) {
        match item.get(STEPPE_KEY) {
            Some(own) => {
                self.diags.extend(super::timelinejs_edits::differences(item, own, self.file));
                self.events.push(own.clone());
            }
            None => {
                let slide = self.json_slide(item);
                self.event(&slide);
            }
        }
    }

    fn json_list<'n>(&mut self, value: &'n Node, key: &str) -> &'n [Node] {
        match value.items() {
            Some(items) => items,
            None if value.is_null() => &[],
            None => {
                self.error(
                    value.mark,
                    format!("expected `{key}` to be a list, found {}", value.kind_name()),
                );
                &[]
            }
        }
    }

    fn json_date(v: Option<&Node>) -> DateParts {
        let Some(v) = v.filter(|v| v.entries().is_some()) else {
            return DateParts { mark: v.map(|v| v.mark), ..DateParts::default() };
        };
        let time = ["hour", "minute", "second", "millisecond"]
            .into_iter()
            .find_map(|k| given(v.get(k)))
            .cloned();
        DateParts {
            mark: Some(v.mark),
            year: v.get("year").cloned(),
            month: v.get("month").cloned(),
            day: v.get("day").cloned(),
            time,
            display_date: given(v.get("display_date")).cloned(),
        }
    }

    /// A warning for each key of `v` that TimelineJS does not have, with a
    /// close spelling if there is one: such a key would be lost unseen.
    fn unknown_keys(&mut self, v: Option<&Node>, what: &str, known: &[&str]) {
        let entries = v.and_then(Node::entries).unwrap_or_default();
        let unknown = |(key, _): &&(Node, Node)| {
            let name = key.text().unwrap_or_default();
            !known.contains(&name) && name != STEPPE_KEY
        };
        // The first few are named with their help; the rest counted.
        const SHOWN: usize = 20;
        let more = entries.iter().filter(unknown).count().saturating_sub(SHOWN);
        if let Some(v) = v.filter(|_| more > 0) {
            self.diags.push(Diagnostic::warning(
                self.file,
                Some(v.mark),
                format!(
                    "{} more unknown keys in {what} are not read",
                    crate::text::thousands(more)
                ),
            ));
        }
        for (key, _) in entries.iter().filter(unknown).take(SHOWN) {
            let name = key.text().unwrap_or_default();
            let help = super::diagnostic::unknown_name_help(
                super::diagnostic::did_you_mean(name, known.iter().copied()),
                &format!("{what} has"),
                known,
            );
            self.diags.push(
                Diagnostic::warning(
                    self.file,
                    Some(key.mark),
                    format!("unknown key `{}` in {what}: it is not read", sanitize::visible(name)),
                )
                .with_help(Some(help)),
            );
        }
    }

    fn json_slide(&mut self, v: &Node) -> Slide {
        if v.entries().is_none() {
            self.error(
                v.mark,
                format!("expected a TimelineJS slide as an object, found {}", v.kind_name()),
            );
        }
        let text = v.get("text");
        let media = v.get("media");
        self.unknown_keys(Some(v), "a TimelineJS slide", SLIDE_KEYS);
        self.unknown_keys(text, "a slide's `text`", TEXT_KEYS);
        self.unknown_keys(media, "a slide's `media`", MEDIA_KEYS);
        for key in ["start_date", "end_date"] {
            self.unknown_keys(v.get(key), &format!("a slide's `{key}`"), DATE_KEYS);
        }
        Slide {
            mark: v.mark,
            start: Self::json_date(v.get("start_date")),
            end: Self::json_date(v.get("end_date")),
            display_date: given(v.get("display_date")).cloned(),
            headline: text.and_then(|t| t.get("headline")).cloned(),
            text: text.and_then(|t| t.get("text")).cloned(),
            media: MediaParts {
                url: media.and_then(|m| m.get("url")).cloned(),
                caption: media.and_then(|m| m.get("caption")).cloned(),
                credit: media.and_then(|m| m.get("credit")).cloned(),
                thumbnail: media.and_then(|m| m.get("thumbnail")).cloned(),
                alt: media.and_then(|m| m.get("alt")).cloned(),
                title: media.and_then(|m| m.get("title")).cloned(),
                link: media.and_then(|m| m.get("link")).cloned(),
            },
            group: v.get("group").cloned(),
            unique_id: v.get("unique_id").cloned(),
            background: v.get("background").filter(|b| !is_blank(b)).cloned(),
        }
    }

    /// The title slide: the timeline's title and description.
    pub fn title_slide(&mut self, s: &Slide) {
        if let Some(h) = given(s.headline.as_ref()) {
            let (text, _) = html_text(h.text().unwrap_or_default());
            self.title = Some(Node::text_at(text, h.mark));
        }
        if let Some(t) = given(s.text.as_ref()) {
            let (text, _) = html_text(t.text().unwrap_or_default());
            self.description = Some(Node::text_at(text, t.mark));
        }
        if let Some(m) = given(s.media.url.as_ref()) {
            self.drop_field(
                "media of the title slide",
                "steppe shows media with events only",
                m.mark,
            );
        }
        if let Some(b) = &s.background {
            self.drop_field("background", "steppe draws its own background", b.mark);
        }
    }

    /// How messages name a slide: by its headline, else its place.
    fn name(s: &Slide, kind: &str) -> String {
        match given(s.headline.as_ref()).and_then(Node::text) {
            Some(h) => {
                let h = html_text(h).0;
                let short: String = h.chars().take(60).collect();
                let more = if short.len() < h.len() { "…" } else { "" };
                format!("{kind} \"{}{more}\"", sanitize::visible(&short))
            }
            None => format!("the {kind} at line {}", s.mark.line),
        }
    }

    pub fn event(&mut self, s: &Slide) {
        let what = Self::name(s, "TimelineJS event");
        let start = self.date(&s.start, "start_date", &what, true, s.mark);
        let end = self.date(&s.end, "end_date", &what, false, s.mark);
        let Some(headline) = given(s.headline.as_ref()) else {
            self.error(s.mark, format!("{what} has no headline (`text.headline`); steppe needs one as the event's title"));
            return;
        };
        let title = html_text(headline.text().unwrap_or_default()).0;
        let Some(Ok(start)) = start else { return };
        let Ok(end) = end.transpose() else { return };
        let id = self.id(s, &title, &start.0);
        let mut entries = vec![
            ("id", Node::text_at(id, headline.mark)),
            ("date", Node::text_at(start.0, start.1)),
            ("title", Node::text_at(title, headline.mark)),
        ];
        if let Some((end, mark)) = end {
            entries.push(("end", Node::text_at(end, mark)));
        }
        if let Some(t) = given(s.text.as_ref()) {
            let (summary, links) = html_text(t.text().unwrap_or_default());
            entries.push(("summary", Node::text_at(summary, t.mark)));
            if links.len() > MAX_LINK_SOURCES {
                self.drop_field(
                    "a link past the 100th in one text",
                    "an event takes its first 100 links as sources",
                    t.mark,
                );
            }
            let sources: Vec<Node> = links
                .into_iter()
                .take(MAX_LINK_SOURCES)
                .map(|(title, url)| {
                    let mut source = vec![("url", Node::text_at(url.clone(), t.mark))];
                    if !title.is_empty() && title != url {
                        source.push(("title", Node::text_at(title, t.mark)));
                    }
                    Node::map_at(source, t.mark)
                })
                .collect();
            if !sources.is_empty() {
                entries.push(("sources", Node::list_at(sources, t.mark)));
            }
        }
        if let Some(g) = given(s.group.as_ref()) {
            entries.push((
                "tags",
                Node::list_at(
                    vec![Node::text_at(html_text(g.text().unwrap_or_default()).0, g.mark)],
                    g.mark,
                ),
            ));
        }
        if let Some(media) = self.media(&s.media) {
            entries.push(("media", media));
        }
        for d in [&s.display_date, &s.start.display_date, &s.end.display_date].into_iter().flatten()
        {
            self.drop_field(
                "display_date",
                "steppe writes every date itself, from the date",
                d.mark,
            );
        }
        for t in [&s.start.time, &s.end.time].into_iter().flatten() {
            self.drop_field("time of day", "steppe keeps dates to the day", t.mark);
        }
        if let Some(b) = &s.background {
            self.drop_field("background", "steppe draws its own background", b.mark);
        }
        self.events.push(Node::map_at(entries, s.mark));
    }

    pub fn era(&mut self, s: &Slide) {
        let what = Self::name(s, "TimelineJS era");
        let start = self.date(&s.start, "start_date", &what, true, s.mark);
        let end = self.date(&s.end, "end_date", &what, false, s.mark);
        let Some(headline) = given(s.headline.as_ref()) else {
            self.error(
                s.mark,
                format!(
                    "{what} has no headline (`text.headline`); steppe needs one as the era's title"
                ),
            );
            return;
        };
        let title = html_text(headline.text().unwrap_or_default()).0;
        let (Some(Ok(start)), Ok(end)) = (start, end.transpose()) else { return };
        let id = self.unique(slug(&title, "era"));
        let mut entries = vec![
            ("id", Node::text_at(id, headline.mark)),
            ("title", Node::text_at(title, headline.mark)),
            ("start", Node::text_at(start.0, start.1)),
        ];
        if let Some((end, mark)) = end {
            entries.push(("end", Node::text_at(end, mark)));
        }
        self.eras.push(Node::map_at(entries, s.mark));
    }

    fn media(&mut self, m: &MediaParts) -> Option<Node> {
        let url = given(m.url.as_ref())?;
        let raw = url.text().unwrap_or_default();
        // A picture beside the file, as steppe writes one of its own.
        let text = if crate::model::is_picture_path(raw.trim()) {
            raw.trim().to_string()
        } else {
            web_address(raw)
        };
        if !(text.starts_with("http://")
            || text.starts_with("https://")
            || crate::model::is_picture_path(&text))
        {
            self.drop_field(
                "media that is not a web address",
                "steppe keeps media given by an http:// or https:// address (not embedded HTML)",
                url.mark,
            );
            return None;
        }
        let mut entries = vec![("url", Node::text_at(text.as_str(), url.mark))];
        // steppe's media keeps `alt` and `link` as they are; a `title` becomes
        // the caption when there is none, and is told otherwise.
        let caption = given(m.caption.as_ref());
        let title = given(m.title.as_ref());
        if let (Some(_), Some(t)) = (caption, title) {
            self.drop_field(
                "media title",
                "steppe's media has one caption, and this slide has one",
                t.mark,
            );
        }
        let texts = [
            ("alt", given(m.alt.as_ref())),
            ("caption", caption.or(title)),
            ("credit", given(m.credit.as_ref())),
        ];
        for (key, v) in texts {
            if let Some(v) = v {
                entries
                    .push((key, Node::text_at(html_text(v.text().unwrap_or_default()).0, v.mark)));
            }
        }
        if let Some(t) = given(m.thumbnail.as_ref()) {
            entries.push((
                "thumbnail",
                Node::text_at(web_address(t.text().unwrap_or_default()), t.mark),
            ));
        }
        if let Some(t) = given(m.link.as_ref()) {
            let link = web_address(t.text().unwrap_or_default());
            if link.starts_with("http://") || link.starts_with("https://") {
                entries.push(("link", Node::text_at(link, t.mark)));
            } else {
                self.drop_field(
                    "media link",
                    "steppe keeps a media link that is a web address",
                    t.mark,
                );
            }
        }
        Some(Node::map_at(entries, url.mark))
    }

    /// The event's `unique_id` if it is a valid id, else one made from it or
    /// from the headline and date; unique in the file.
    fn id(&mut self, s: &Slide, title: &str, date: &str) -> String {
        let base = match given(s.unique_id.as_ref()).and_then(Node::text) {
            Some(u) => slug(u, "event"),
            None => slug(&format!("{title} {}", date.trim_start_matches('-')), "event"),
        };
        self.unique(base)
    }

    fn unique(&mut self, base: String) -> String {
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    }

    /// A TimelineJS date as steppe writes it, with where it was; `None` (and
    /// errors reported) when it cannot be held. `Some(Err)` for a bad
    /// optional date, so the event is left out rather than shortened.
    fn date(
        &mut self,
        d: &DateParts,
        key: &str,
        what: &str,
        required: bool,
        slide: Mark,
    ) -> Option<Result<(String, Mark), ()>> {
        let mark = d.mark.unwrap_or(slide);
        let Some(year_node) = given(d.year.as_ref()) else {
            let other = [&d.month, &d.day].into_iter().flatten().find(|n| !is_blank(n));
            if required || other.is_some() {
                let at = other.map_or(mark, |n| n.mark);
                self.error(
                    at,
                    format!("{what} has no `{key}.year`; steppe needs at least the year"),
                );
                return if required { None } else { Some(Err(())) };
            }
            return None;
        };
        let mut ok = true;
        let year = self.number(year_node, key, "year", what);
        let year = match year {
            Some(0) => {
                self.error(year_node.mark, format!("`{key}.year` of {what} is 0: TimelineJS counts years historically, with no year 0 (1 BCE is -1, 1 CE is 1)"));
                None
            }
            Some(y) if !(-10_000..=9_999).contains(&y) => {
                self.error(year_node.mark, format!("`{key}.year` of {what} is {y}: steppe holds years from 10000 BCE to 9999 CE (TimelineJS -10000 to 9999)"));
                None
            }
            // Historical → astronomical: -500 (500 BCE) is -499.
            Some(y) if y < 0 => Some(y + 1),
            y => y,
        };
        ok &= year.is_some();
        let month = given(d.month.as_ref()).map(|n| (self.number(n, key, "month", what), n.mark));
        let day = given(d.day.as_ref()).map(|n| (self.number(n, key, "day", what), n.mark));
        if let Some((m, mark)) = month
            && !m.is_some_and(|m| (1..=12).contains(&m))
        {
            if let Some(m) = m {
                self.error(mark, format!("`{key}.month` of {what} is {m}: months go from 1 to 12"));
            }
            ok = false;
        }
        if let (None, Some((_, mark))) = (&month, &day) {
            self.error(*mark, format!("{what} has a `{key}.day` but no `{key}.month`"));
            ok = false;
        }
        if let Some((None, _)) = day {
            ok = false;
        }
        if !ok {
            return if required { None } else { Some(Err(())) };
        }
        let year = year.unwrap_or_default();
        let parts = |p: Option<(Option<i64>, Mark)>| p.and_then(|(v, _)| v).map(|v| v as u32);
        if let Err(e) =
            crate::model::PartialDate::from_parts(year as i32, parts(month), parts(day), false)
        {
            let at = day.or(month).map_or(year_node.mark, |(_, m)| m);
            self.error(at, format!("`{key}` of {what} is not a date: {e}"));
            return if required { None } else { Some(Err(())) };
        }
        let mut text = if year < 0 { format!("-{:04}", -year) } else { format!("{year:04}") };
        if let Some((Some(m), _)) = month {
            text.push_str(&format!("-{m:02}"));
            if let Some((Some(d), _)) = day {
                text.push_str(&format!("-{d:02}"));
            }
        }
        Some(Ok((text, year_node.mark)))
    }

    /// A whole number written as a number or as text (`"1991"`, `1991.0`).
    fn number(&mut self, n: &Node, key: &str, part: &str, what: &str) -> Option<i64> {
        let text = n.text().unwrap_or_default().trim();
        let value = text.parse::<i64>().ok().or_else(|| {
            text.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        });
        if value.is_none() {
            self.error(
                n.mark,
                format!(
                    "`{key}.{part}` of {what} is `{}`: expected a whole number",
                    sanitize::visible(text)
                ),
            );
        }
        value
    }
}

/// An id from any text: letters and digits kept (lower case), the rest
/// joined by `-`, at most 60 characters.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let cut: String = out.chars().take(60).collect();
    let cut = cut.trim_end_matches('-');
    if cut.is_empty() { fallback.to_string() } else { cut.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_in_addresses_are_written_as_browsers_send_them() {
        let text = r#"{"events": [{"start_date": {"year": 2001}, "text": {"headline": "H", "text": "<a href=' https://a.org/x y '>x</a>"},
            "media": {"url": "https://a.org/my photo.jpg"}}]}"#;
        let mut diags = Vec::new();
        let content = read_whole(text, 0, &mut diags);
        assert!(diags.iter().all(|d| d.severity != crate::load::Severity::Error), "{diags:?}");
        let e = &content.events[0].event;
        assert_eq!(e.media.as_ref().map(|m| m.url.as_str()), Some("https://a.org/my%20photo.jpg"));
        assert_eq!(e.sources[0].url.as_deref(), Some("https://a.org/x%20y"));
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("The Panjdeh incident 1885-03-30", "e"), "the-panjdeh-incident-1885-03-30");
        assert_eq!(slug("Алма-Ата!", "e"), "алма-ата");
        assert_eq!(slug("???", "event"), "event");
    }
}
