//! What each command does, given parsed arguments. Errors carry their exit code.

use std::io::{self, IsTerminal, Write};

use crate::cli::{
    ExploreArgs, ExportArgs, FilterArgs, HandoutFormat, ListArgs, OrderArgs, SortArg, StatsArgs,
    StatsFormat, ValidateArgs,
};
use crate::document::{Lesson, Page};
use crate::export::{self, Format};
use crate::load::cache::Stream;
use crate::load::{self, Loaded, Sources};
use crate::query::{Filter, Query};
use crate::text::safe;
use crate::tui::{self, App};

/// Why a command failed, and so how steppe exits.
#[derive(Debug)]
pub enum Failure {
    /// Invalid data or unreadable input: exit 1. The text is already printed.
    Data(String),
    /// Wrong usage: exit 2.
    Usage(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Data(_) => 1,
            Failure::Usage(_) => 2,
        }
    }
}

/// Writes to the standard error, with hazards escaped. A closed or full
/// standard error is no reason to fail, nor to panic.
pub fn say_err(text: &str) {
    let _ = io::stderr().lock().write_all(safe::printable(text).as_bytes());
}

/// Writes to the standard output through `write`. A closed pipe
/// (`steppe list | head -1`) is the reader's choice and ends quietly; any
/// other error (a full disk) is a failure with its cause.
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Data(format!("cannot write the output: {e}"))),
        Ok(()) => Ok(()),
    }
}

/// Loads the timelines: the built-in ones and or the files.
pub fn load(sources: &Sources) -> Loaded {
    load_as(sources, false).0
}

/// [`load`], with the events left in the cache when `stream` is asked and
/// the whole load comes from it (see [`load::load_sources_streamed`]).
fn load_as(sources: &Sources, stream: bool) -> (Loaded, Option<Stream>) {
    let load = |on_progress: &(dyn Fn(load::LoadProgress) + Sync)| {
        if stream {
            load::load_sources_streamed(sources, on_progress)
        } else {
            (load::load_sources(sources, on_progress), None)
        }
    };
    if sources.paths.is_empty() || !io::stderr().is_terminal() {
        load(&|_| {})
    } else {
        with_bar(load)
    }
}

/// Runs `load` with a progress bar on stderr, shown only once the load has
/// taken half a second.
fn with_bar<T>(load: impl FnOnce(&(dyn Fn(load::LoadProgress) + Sync)) -> T) -> T {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    let bar = ProgressBar::hidden();
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} loading {msg} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        let waiter = s.spawn(|| {
            let deadline = Instant::now() + Duration::from_millis(500);
            while !done.load(Ordering::Acquire) && Instant::now() < deadline {
                std::thread::park_timeout(deadline.saturating_duration_since(Instant::now()));
            }
            if !done.load(Ordering::Acquire) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                bar.enable_steady_tick(Duration::from_millis(120));
            }
        });
        let loaded = load(&|p| {
            bar.set_length(p.bytes_total);
            bar.set_position(p.bytes_done);
            bar.set_message(format!(
                "{}/{}, {}",
                p.files_done,
                crate::text::count(p.files_total, "file", "files"),
                crate::text::count(p.events, "event", "events")
            ));
        });
        done.store(true, Ordering::Release);
        waiter.thread().unpark();
        let _ = waiter.join();
        bar.finish_and_clear();
        loaded
    })
}

/// Loads, printing every problem; warnings become a one-line note. The
/// events that could be read are kept when others have errors: the caller
/// writes them, then fails with the second value, so a script notices.
fn load_reported(sources: &Sources) -> (Query, Result<(), Failure>) {
    let (timeline, outcome) = load_timeline_reported(sources);
    (Query::new(timeline).asked_once(), outcome)
}

/// Like [`load_reported`], shown in the language asked for.
fn load_reported_in(
    sources: &Sources,
    lang: &crate::cli::LangArgs,
) -> (Query, Result<(), Failure>) {
    let (mut tl, outcome) = load_timeline_reported(sources);
    if let Some(code) = lang.code()
        && tl.translate(&code).is_none()
        && lang.lang.is_some()
    {
        let known = tl.translations.languages().join(", ");
        let known = if known.is_empty() { "none".to_string() } else { known };
        say_err(&format!(
            "note: the timelines have no translations into `{code}` (they have: {known}); showing the original\n"
        ));
    }
    (Query::new(tl).asked_once(), outcome)
}

fn load_timeline_reported(sources: &Sources) -> (crate::model::Timeline, Result<(), Failure>) {
    let (timeline, outcome, _) = load_timeline_reported_as(sources, false);
    (timeline, outcome)
}

/// [`load_timeline_reported`], with the events left in the cache when
/// `stream` is asked and they are there (see [`load::load_sources_streamed`]).
fn load_timeline_reported_as(
    sources: &Sources,
    stream: bool,
) -> (crate::model::Timeline, Result<(), Failure>, Option<Stream>) {
    let (loaded, stream) = load_as(sources, stream);
    let outcome = if loaded.is_ok() {
        // Each replaced definition is named: the user asked for it, and should see which.
        say_err(&loaded.report.render_notes());
        if loaded.report.warnings() > 0 {
            say_err(&format!(
                "note: {} in the timelines; `{}` shows them\n",
                loaded.report.tally(),
                validate_command(sources)
            ));
        }
        Ok(())
    } else {
        say_err(&loaded.report.render());
        let events = stream.as_ref().map_or(loaded.timeline.events.len(), Stream::len);
        let used = if events == 0 {
            "no events could be read"
        } else {
            "only the events that could be read were used"
        };
        Err(Failure::Data(format!("{} in the timelines; {used}", loaded.report.tally())))
    };
    // The report holds the text of every file with a problem: let it go before indexing.
    let Loaded { timeline, report } = loaded;
    drop(report);
    (timeline, outcome, stream)
}

/// The `steppe validate` command that checks what `sources` loads, to be
/// pasted into a shell: `steppe validate --with-builtin --prefer later 'my file.yaml'`.
pub fn validate_command(sources: &Sources) -> String {
    let mut words = vec!["steppe validate".to_string()];
    if sources.builtin && !sources.paths.is_empty() {
        words.push("--with-builtin".into());
    }
    if sources.prefer == load::Prefer::Later {
        words.push("--prefer later".into());
    }
    let columns = sources.columns.as_ref().map(|c| &c.file);
    for (n, path) in columns.iter().copied().chain(&sources.paths).enumerate() {
        if n == 0 && columns.is_some() {
            words.push("--columns".into());
        }
        // Hazards escaped: the command is printed, never run.
        let text = safe::path(path);
        let plain = !text.is_empty()
            && text.chars().all(|c| c.is_alphanumeric() || "-_./,+=:@%".contains(c));
        // `./-x.yaml`: a name starting with `-` would be read as an option.
        let text = if text.starts_with('-') { format!("./{text}") } else { text };
        words.push(if plain { text } else { format!("'{}'", text.replace('\'', "'\\''")) });
    }
    words.join(" ")
}

/// Whether the load failed with nothing read: then the errors alone are
/// the answer, without an empty table or "no events match" after them.
fn nothing_read(query: &Query, loaded: &Result<(), Failure>) -> bool {
    loaded.is_err() && query.timeline().events.is_empty()
}

/// The filter from the command line, parsed: a `--where` mistake is found
/// before any file is read.
fn asked(args: &FilterArgs) -> Result<Filter, Failure> {
    args.to_filter().map_err(|e| Failure::Usage(format!("in --where: {e}")))
}

/// The filter checked against the timeline, with a warning for each date
/// that is probably a typo.
fn checked(query: &Query, filter: &Filter) -> Result<Filter, Failure> {
    let filter = query.check(filter).map_err(|e| Failure::Usage(e.to_string()))?;
    for warning in query.date_warnings(&filter) {
        say_err(&format!("warning: {warning}\n"));
    }
    Ok(filter)
}

/// The events the filter shows, in the asked order and number; an empty
/// result says so on stderr.
fn events(query: &Query, filter: &Filter, order: Option<&OrderArgs>) -> Vec<usize> {
    let mut shown = query.matches(filter);
    if shown.is_empty() {
        say_err(&format!("no events match: {}\n", filter.to_expression()));
    }
    if let Some(order) = order {
        query.sort(&mut shown, order.sort.to_sort());
        shown.truncate(order.limit.unwrap_or(usize::MAX));
    }
    shown
}

pub fn list(args: &ListArgs) -> Result<(), Failure> {
    let filter = asked(&args.filters)?;
    let sources = args.sources.sources(&args.paths).map_err(Failure::Usage)?;
    let every_event = streamed(args.format, &filter, &args.order);
    let (query, loaded, stream) = load_streamed_if(&sources, every_event);
    let result = match &stream {
        Some(stream) => {
            let tl = query.timeline();
            let taken = taken(stream, &args.order);
            let width = table_width(args.format);
            let written =
                to_stdout(|out| export::write_stream(out, args.format, tl, stream, taken, width));
            say_left_out_of_all(tl, stream, args.format);
            written.and(loaded)
        }
        None => list_of(args, &query, &filter, loaded),
    };
    leave(query);
    leave(stream);
    result
}

/// Whether the events `order` asks for, with no filter, are written in
/// `format` from the cache a block at a time, as they are written: every
/// event, or the first or newest few.
fn streamed(format: Format, filter: &Filter, order: &OrderArgs) -> bool {
    let newest_first = order.sort == SortArg::DateDesc;
    let all = order.limit.is_none() && !newest_first;
    export::streams(format, all)
        && filter.is_empty()
        && matches!(order.sort, SortArg::Date | SortArg::DateDesc)
        && order.limit != Some(0)
}

/// The events of `stream` that `order` asks for (see [`streamed`]).
fn taken(stream: &Stream, order: &OrderArgs) -> export::Taken {
    let count = order.limit.unwrap_or(usize::MAX).min(stream.len());
    export::Taken { count, newest_first: order.sort == SortArg::DateDesc }
}

/// Loads as [`load_reported`] does, with the events left in the cache if
/// `stream` and they are there (see [`load::load_sources_streamed`]).
fn load_streamed_if(
    sources: &Sources,
    stream: bool,
) -> (Query, Result<(), Failure>, Option<Stream>) {
    let (timeline, loaded, stream) = load_timeline_reported_as(sources, stream);
    // No events: the timeline says all there is to say.
    let stream = stream.filter(|s| !s.is_empty());
    (Query::new(timeline).asked_once(), loaded, stream)
}

/// The notes of [`say_left_out`] for every event of `stream`, for a CSV
/// table (a JSON list leaves nothing out).
fn say_left_out_of_all(tl: &crate::model::Timeline, stream: &Stream, format: Format) {
    if format != Format::Csv {
        return;
    }
    for what in export::left_out_of_all(tl, stream.facts(), true) {
        say_err(&format!("note: {what}\n"));
    }
}

/// What `list` prints of the loaded timelines.
fn list_of(
    args: &ListArgs,
    query: &Query,
    filter: &Filter,
    loaded: Result<(), Failure>,
) -> Result<(), Failure> {
    if nothing_read(query, &loaded) {
        return loaded;
    }
    let filter = checked(query, filter)?;
    let shown = events(query, &filter, Some(&args.order));
    let result = print_events(query, &shown, args.format);
    if args.format == Format::Csv {
        say_left_out(query.timeline(), &shown, true);
    }
    result.and(loaded)
}

/// A note on stderr for each thing a timeline file of `shown` leaves out.
fn say_left_out(tl: &crate::model::Timeline, shown: &[usize], csv: bool) {
    for what in export::left_out(tl, shown, csv) {
        say_err(&format!("note: {what}\n"));
    }
}

/// Lets go of data without freeing it: the process ends right after, and
/// freeing a large timeline string by string only costs time.
fn leave<T>(data: T) {
    std::mem::forget(data);
}

pub fn stats(args: &StatsArgs) -> Result<(), Failure> {
    let filter = asked(&args.filters)?;
    let (query, loaded) =
        load_reported(&args.sources.sources(&args.paths).map_err(Failure::Usage)?);
    let result = if nothing_read(&query, &loaded) {
        loaded
    } else {
        stats_of(args, &query, &filter).and(loaded)
    };
    leave(query);
    result
}

/// The counts `stats` prints, of the loaded timelines.
fn stats_of(args: &StatsArgs, query: &Query, filter: &Filter) -> Result<(), Failure> {
    let filter = checked(query, filter)?;
    let shown = events(query, &filter, None);
    let described = filter.to_expression();
    let width = io::stdout()
        .is_terminal()
        .then(|| crossterm::terminal::size().ok().map(|(w, _)| usize::from(w)))
        .flatten()
        .unwrap_or(80);
    if let Some((by, split)) = args.split().map_err(|e| Failure::Usage(format!("--split: {e}")))? {
        let columns = match &split {
            Some(s) => {
                query.columns(s, &shown).map_err(|e| Failure::Usage(format!("--split: {e}")))?
            }
            None => Vec::new(),
        };
        let table = query.split_table(&shown, by, columns);
        return to_stdout(|out| match args.format {
            StatsFormat::Table => export::stats::split_table(out, &table, &described, width),
            StatsFormat::Json => export::stats::split_json(out, &table, &described),
            StatsFormat::Csv => export::stats::split_csv(out, &table),
        });
    }
    let stats = query.stats(&shown);
    to_stdout(|out| match args.format {
        StatsFormat::Table => export::stats::table(out, &stats, &described, width),
        StatsFormat::Json => export::stats::json(out, &stats, &described),
        StatsFormat::Csv => export::stats::csv(out, &stats),
    })
}

fn print_events(query: &Query, shown: &[usize], format: Format) -> Result<(), Failure> {
    let width = table_width(format);
    to_stdout(|out| export::write_events(out, format, query, shown, width))
}

/// The terminal's width, for a table shown on one.
fn table_width(format: Format) -> Option<usize> {
    (format == Format::Table && io::stdout().is_terminal())
        .then(|| crossterm::terminal::size().ok().map(|(w, _)| usize::from(w)))
        .flatten()
}

pub fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let loaded = load(&args.sources.sources(&args.paths).map_err(Failure::Usage)?);
    let report = &loaded.report;
    say_err(&if args.all { report.render_all() } else { report.render() });
    if report.errors() > 0 {
        return Err(Failure::Data(format!("invalid: {}", report.tally())));
    }
    if args.strict && report.warnings() > 0 {
        return Err(Failure::Data(format!("invalid with --strict: {}", report.tally())));
    }
    let warned = if report.warnings() + report.notes() > 0 {
        format!(" ({})", report.tally())
    } else {
        String::new()
    };
    let result = to_stdout(|out| writeln!(out, "ok: {}{warned}", loaded.timeline.summary_line()));
    leave(loaded);
    result
}

/// Finds a tour by id, or says which tours exist.
fn find_tour<'a>(query: &'a Query, id: &str) -> Result<&'a crate::model::Tour, Failure> {
    let tl = query.timeline();
    tl.tour(id).ok_or_else(|| {
        let known: Vec<&str> = tl.tours.iter().map(|t| t.id.as_str()).collect();
        let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
        Failure::Usage(format!("no tour `{id}` in the loaded timelines; known: {known}"))
    })
}

pub fn export(args: &ExportArgs) -> Result<(), Failure> {
    let filter = asked(&args.filters)?;
    let format = args.format().map_err(Failure::Usage)?;
    let sources = args.sources.sources(&args.paths).map_err(Failure::Usage)?;
    let every_event = match format {
        HandoutFormat::Json => Some((Format::Json, "JSON list")),
        HandoutFormat::Csv => Some((Format::Csv, "CSV table")),
        _ => None,
    }
    .filter(|&(format, _)| {
        args.tour.is_none() && !args.embed_remote && streamed(format, &filter, &args.order)
    });
    // A handout is read by people, in their language; a data format keeps the original.
    let (query, loaded, stream) = match format {
        HandoutFormat::Markdown | HandoutFormat::Html => {
            let (query, loaded) = load_reported_in(&sources, &args.lang);
            (query, loaded, None)
        }
        HandoutFormat::Yaml
        | HandoutFormat::Timelinejs
        | HandoutFormat::Csv
        | HandoutFormat::Json
        | HandoutFormat::Ics
        | HandoutFormat::Csl => load_streamed_if(&sources, every_event.is_some()),
    };
    let result = match (&stream, every_event) {
        (Some(stream), Some((format, what))) => {
            let tl = query.timeline();
            say_left_out_of_all(tl, stream, format);
            let taken = taken(stream, &args.order);
            let body: Body =
                Box::new(move |out| export::write_stream(out, format, tl, stream, taken, None));
            write_output(args.output.as_deref(), body, what).and(loaded)
        }
        _ => export_of(args, format, &filter, &query, loaded),
    };
    leave(query);
    leave(stream);
    result
}

/// What is written, made as it is written: a million events are never held as text.
type Body<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + 'a>;

/// Writes `body`, the `what` asked for, to the file at `path` (whole or not
/// at all) or to the standard output.
fn write_output(path: Option<&std::path::Path>, body: Body, what: &str) -> Result<(), Failure> {
    match path {
        Some(path) => match crate::atomic::write_with(path, body) {
            // `-o /dev/stdout | head`: the reader's choice, as on the standard output.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => {
                say_err(&format!("error: cannot write {}: {e}\n", safe::path(path)));
                Err(Failure::Data(format!("the {what} was not written to {}", safe::path(path))))
            }
            Ok(()) => Ok(()),
        },
        None => to_stdout(body),
    }
}

/// What `export` writes of the loaded timelines.
fn export_of(
    args: &ExportArgs,
    format: HandoutFormat,
    filter: &Filter,
    query: &Query,
    loaded: Result<(), Failure>,
) -> Result<(), Failure> {
    if args.embed_remote && format != HandoutFormat::Html {
        return Err(Failure::Usage(
            "--embed-remote puts pictures in the web page: use it with --format html".into(),
        ));
    }
    if nothing_read(query, &loaded) {
        return loaded;
    }
    // Only with the flag does the page fetch anything; what stays a link says why.
    let embed_remote = |cards: Vec<&mut crate::document::Card>| {
        if args.embed_remote {
            export::remote::embed(cards, export::remote::Limits::default(), &mut |w| say_err(w));
        }
    };
    let tl = query.timeline();
    let text = |text: String| -> Body { Box::new(move |out| out.write_all(text.as_bytes())) };
    let (body, what): (Body, &str) = match &args.tour {
        Some(id) => {
            if !filter.is_empty() {
                return Err(Failure::Usage(
                    "a tour has its own events: leave out the filters with --tour".into(),
                ));
            }
            let tour = find_tour(query, id)?;
            if !matches!(format, HandoutFormat::Markdown | HandoutFormat::Html) {
                return Err(Failure::Usage(
                    "--tour makes a lesson: use --format markdown or html with it".into(),
                ));
            }
            let html = format == HandoutFormat::Html;
            if args.worksheet || args.answer_key {
                let ws = crate::teach::worksheet::Worksheet::new(tl, tour, args.seed);
                match (html, args.answer_key) {
                    (false, false) => (text(export::worksheet::worksheet(&ws)), "worksheet"),
                    (false, true) => (text(export::worksheet::answer_key(&ws)), "answer key"),
                    (true, false) => {
                        (Box::new(move |out| export::html::write_worksheet(out, &ws)), "worksheet")
                    }
                    (true, true) => (
                        Box::new(move |out| export::html::write_answer_key(out, &ws)),
                        "answer key",
                    ),
                }
            } else if html && args.embed_remote {
                // The pictures are fetched for all the cards at once: made whole.
                let mut lesson = Lesson::new(tl, tour, !args.no_notes);
                embed_remote(lesson.steps.iter_mut().map(|s| &mut s.card).collect());
                (text(export::html::lesson(&lesson)), "lesson")
            } else if html {
                let notes = !args.no_notes;
                let body: Body =
                    Box::new(move |out| export::html::write_lesson(out, tl, tour, notes));
                (body, "lesson")
            } else {
                let notes = !args.no_notes;
                let body: Body =
                    Box::new(move |out| export::handout::write_lesson(out, tl, tour, notes));
                (body, "lesson")
            }
        }
        None => {
            let filter = checked(query, filter)?;
            let shown = events(query, &filter, Some(&args.order));
            if !matches!(
                format,
                HandoutFormat::Markdown
                    | HandoutFormat::Html
                    | HandoutFormat::Json
                    | HandoutFormat::Ics
                    | HandoutFormat::Csl
            ) {
                say_left_out(tl, &shown, format == HandoutFormat::Csv);
            }
            let data = |format: Format, shown: Vec<usize>| -> Body {
                Box::new(move |out| export::write_events(out, format, query, &shown, None))
            };
            match format {
                HandoutFormat::Csv => (data(Format::Csv, shown), "CSV table"),
                HandoutFormat::Json => (data(Format::Json, shown), "JSON list"),
                HandoutFormat::Markdown | HandoutFormat::Html => {
                    let mut page = Page::new(query, &shown, filter.describe());
                    let body: Body = if format == HandoutFormat::Html {
                        embed_remote(page.sections.iter_mut().flat_map(|s| &mut s.cards).collect());
                        Box::new(move |out| export::html::write_page(out, &page))
                    } else {
                        Box::new(move |out| export::handout::write_events(out, &page))
                    };
                    (body, "handout")
                }
                HandoutFormat::Yaml => {
                    (Box::new(move |out| export::yaml::write_to(out, tl, &shown)), "YAML timeline")
                }
                HandoutFormat::Ics => (
                    Box::new(move |out| {
                        for note in export::ics::write(out, tl, &shown)? {
                            say_err(&format!("note: {note}\n"));
                        }
                        Ok(())
                    }),
                    "iCalendar file",
                ),
                HandoutFormat::Csl => {
                    (Box::new(move |out| export::csl::write(out, tl, &shown)), "CSL-JSON file")
                }
                HandoutFormat::Timelinejs => (
                    Box::new(move |out| export::timelinejs::write(out, tl, &shown)),
                    "TimelineJS timeline",
                ),
            }
        }
    };
    write_output(args.output.as_deref(), body, what).and(loaded)
}

/// `steppe cache`: where the cache is and how large, or clears it.
pub fn cache(args: &crate::cli::CacheArgs) -> Result<(), Failure> {
    use crate::load::cache::{Cache, default_dir, limit_from_env};
    let Some(dir) = default_dir() else {
        return Err(Failure::Data(
            "this system names no cache directory (set XDG_CACHE_HOME or HOME)".into(),
        ));
    };
    let cache = Cache::new(dir, limit_from_env());
    let shown = safe::path(cache.dir());
    let mb = |bytes: u64| match bytes {
        0..1_048_576 => format!("{} KB", bytes.div_ceil(1024)),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    };
    let text = match args.action.unwrap_or(crate::cli::CacheAction::Info) {
        crate::cli::CacheAction::Info => {
            let (entries, bytes) = cache.usage();
            format!(
                "{shown}\n{} of parsed timeline files, {}; the limit is {} (STEPPE_CACHE_MB)\n",
                crate::text::count(entries, "entry", "entries"),
                mb(bytes),
                mb(limit_from_env())
            )
        }
        crate::cli::CacheAction::Clear => {
            let (entries, bytes) = cache
                .clear()
                .map_err(|e| Failure::Data(format!("cannot clear the cache in {shown}: {e}")))?;
            format!(
                "removed {} ({}) from {shown}\n",
                crate::text::count(entries, "entry", "entries"),
                mb(bytes)
            )
        }
    };
    to_stdout(|out| out.write_all(text.as_bytes()))
}

/// What the explorer is asked to open with, from its command line.
pub fn startup(args: &ExploreArgs) -> Result<tui::state::Startup, Failure> {
    Ok(tui::state::Startup {
        filter: asked(&args.filters)?,
        goto: args.goto.clone(),
        tour: args.tour.clone(),
        present: args.present,
        quiz: args.quiz,
        presenter: args.presenter,
        validate: validate_command(&args.sources.sources(&args.paths).map_err(Failure::Usage)?),
    })
}

/// The explorer, full-screen in the terminal. It opens at once and loads
/// the timelines in the background; what the command line asks for is
/// checked against them when they arrive.
pub fn explore(args: &ExploreArgs) -> Result<(), Failure> {
    let channel = match (&args.channel, &args.tour) {
        (Some(name), _) => Some(tui::sources::peer::channel_name(name).ok_or_else(|| {
            Failure::Usage(format!(
                "`{}` is not a channel name: use letters, digits, `-`, `_` and `.`",
                safe::one_line(name)
            ))
        })?),
        (None, Some(tour)) => Some(tui::sources::peer::tour_channel(tour)),
        (None, None) => None,
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Failure::Usage(
            "the explorer needs a terminal; to print the events, use `steppe list`".into(),
        ));
    }
    let serve = match &args.serve {
        Some(given) => Some(tui::sources::class::serve_address(given).map_err(Failure::Usage)?),
        None => None,
    };
    let startup = startup(args)?;
    tui::bidi::set(args.bidi.bidi());
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    // Without a seed, each session asks different questions.
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs() % 10_000)
    });
    let images = tui::state::Images::new(
        args.images == crate::cli::args::ImagesArg::On,
        tui::terminal::draws_iterm2_pictures(),
    );
    let app = App::loading(startup, width, height).with_quiz_seed(seed).with_images(images);
    let options = tui::Options {
        mouse: !args.no_mouse,
        sources: args.sources.sources(&args.paths).map_err(Failure::Usage)?,
        watch: !args.no_watch,
        theme: args.theme.theme(),
        lang: args.lang.code(),
        channel,
        ask_graphics: images.on && !tui::terminal::in_tmux(),
        serve,
        summary_dir: args.class_summary.clone().unwrap_or_else(|| std::path::PathBuf::from(".")),
    };
    let (ending, said) =
        tui::run(app, options).map_err(|e| Failure::Data(format!("the terminal failed: {e}")))?;
    for line in said {
        say_err(&format!("{line}\n"));
    }
    match ending {
        tui::Ending::Quit => Ok(()),
        tui::Ending::Signal(signal) => std::process::exit(128 + signal),
        tui::Ending::TerminalGone => Err(Failure::Data("the terminal went away".into())),
        tui::Ending::Refused(tui::state::StartError::Usage(why)) => Err(Failure::Usage(why)),
        tui::Ending::Refused(tui::state::StartError::Load(report)) => {
            eprint!("{}", report.render());
            Err(Failure::Data(format!("could not load the timelines: {}", report.tally())))
        }
    }
}
