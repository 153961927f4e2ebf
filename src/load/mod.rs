//! YAML files → one [`Timeline`], with a [`Report`] of every problem found.

mod acled;
mod after_edit;
mod alpha3;
pub mod cache;
mod cameo;
mod csv;
pub mod diagnostic;
pub mod format;
mod gdelt;
mod html;
mod import;
mod json;
mod merge;
pub mod pictures;
pub mod schema;
mod split;
mod syntax;
pub mod timelinejs;
mod timelinejs_edits;
mod timelinejs_stream;
mod wikidata;
pub mod yaml;

use crate::text::sanitize;
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

pub use diagnostic::{Diagnostic, Mark, Report, Severity, SourceFile};
pub use format::Format;

use crate::model::Timeline;

/// A directory walk stops after this many timeline files.
pub const MAX_FILES: usize = 10_000;
/// How deep a directory walk goes.
pub const MAX_DEPTH: usize = 32;

/// The timelines compiled into the binary: (name, text).
pub const BUNDLED: &[(&str, &str)] =
    &[("timelines/central-asia.yaml", include_str!("../../timelines/central-asia.yaml"))];

/// A timeline and what was found on the way. With errors in the report, the
/// timeline holds only what could be read and must not be trusted.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub timeline: Timeline,
    pub report: Report,
}

impl Loaded {
    pub fn is_ok(&self) -> bool {
        self.report.errors() == 0
    }
}

/// How the files of one load are marked where they are named: a bundled
/// timeline's place in a message is not a file on disk.
const BUNDLED_LABEL: &str = "built into steppe";

/// What to load, and how definitions that differ between files are merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// Files and directories, in the order given.
    pub paths: Vec<PathBuf>,
    /// The bundled timelines too, before `paths`. With no paths they are
    /// loaded anyway.
    pub builtin: bool,
    pub prefer: Prefer,
    /// Other names for steppe CSV's columns (`--columns FILE`).
    pub columns: Option<ColumnMap>,
    /// Where to keep what was made of each file, to read it from there while
    /// the file is unchanged (see [`cache`]); `None`: parse every file.
    pub cache: Option<PathBuf>,
    /// Rows of GDELT exports left out at load (`--min`, `--cameo`).
    pub import: ImportFilter,
}

pub use csv::{ColumnMap, PREFIX as ATTRIBUTE_COLUMN};
pub use import::{ImportFilter, MinField};

/// Which of two different definitions of one id (or country code) is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Prefer {
    /// Neither: the second is an error naming both places.
    #[default]
    Neither,
    /// The one read later replaces the earlier, with a note naming both places.
    Later,
}

impl Sources {
    pub fn paths(paths: &[PathBuf]) -> Sources {
        Sources { paths: paths.to_vec(), ..Sources::default() }
    }

    /// Whether the bundled timelines are part of this load.
    pub fn has_builtin(&self) -> bool {
        self.builtin || self.paths.is_empty()
    }
}

/// Loads the bundled timelines.
pub fn load_bundled() -> Loaded {
    load_sources(&Sources::default(), &|_| {})
}

/// Loads the bundled timelines (if asked, or if there are no paths), then
/// the files and directories, merged as `sources.prefer` says.
pub fn load_sources(sources: &Sources, on_progress: &(dyn Fn(LoadProgress) + Sync)) -> Loaded {
    load_sources_as(sources, false, on_progress).0
}

/// [`load_sources`] for a caller that reads the events in runs and lets each
/// go once used (a list or export of them all, or of the first or last few).
/// When the whole load comes from the cache, the timeline is given without
/// its events, and they are read from the cache's entries when asked for: a
/// million events are never held at once.
pub fn load_sources_streamed(
    sources: &Sources,
    on_progress: &(dyn Fn(LoadProgress) + Sync),
) -> (Loaded, Option<cache::Stream>) {
    load_sources_as(sources, true, on_progress)
}

fn load_sources_as(
    sources: &Sources,
    stream: bool,
    on_progress: &(dyn Fn(LoadProgress) + Sync),
) -> (Loaded, Option<cache::Stream>) {
    let mut inputs: Vec<(String, Input)> = Vec::new();
    if sources.has_builtin() {
        inputs.extend(BUNDLED.iter().map(|(name, text)| (name.to_string(), Input::Bundled(text))));
    }
    inputs.extend(path_inputs(&sources.paths));
    let columns = sources.columns.as_ref().map_or(&[][..], |c| &c.names[..]);
    let cache = sources.cache.clone().map(|dir| cache::Cache::new(dir, cache::limit_from_env()));
    let import = &sources.import;
    let options =
        Options { prefer: sources.prefer, builtin: sources.has_builtin(), columns, import, stream };
    load_inputs(inputs, options, cache.as_ref(), on_progress)
}

/// How the files of one load are read and merged.
struct Options<'a> {
    prefer: Prefer,
    builtin: bool,
    columns: &'a [(String, String)],
    import: &'a ImportFilter,
    /// Events from the cache are left there, to be read a block at a time.
    stream: bool,
}

/// No `--min` or `--cameo`.
static NO_FILTER: ImportFilter = ImportFilter { min: Vec::new(), cameo: Vec::new() };

/// The files found at `paths`, in order; paths that could not be walked
/// become entries of their own, with why.
fn path_inputs(paths: &[PathBuf]) -> Vec<(String, Input)> {
    let (files, problems) = discover(paths);
    let mut inputs: Vec<(String, Input)> =
        files.into_iter().map(|p| (p.display().to_string(), Input::Path(p))).collect();
    inputs.extend(problems.into_iter().map(|(name, err)| (name, Input::Text(Err(err)))));
    inputs
}

/// How far a load has got; sent after each file is read and checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadProgress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Events read so far, before merging.
    pub events: usize,
}

/// Loads files and directories (every `*.yaml` and `*.yml` below, in path order).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    load_paths_with_progress(paths, &|_| {})
}

/// Like [`load_paths`], calling `on_progress` after each file, from whichever
/// thread finished it. Files are read and checked in parallel; the result does
/// not depend on the order they finish in.
pub fn load_paths_with_progress(
    paths: &[PathBuf],
    on_progress: &(dyn Fn(LoadProgress) + Sync),
) -> Loaded {
    let options = Options {
        prefer: Prefer::Neither,
        builtin: false,
        columns: &[],
        import: &NO_FILTER,
        stream: false,
    };
    load_inputs(path_inputs(paths), options, None, on_progress).0
}

/// Loads already-read texts; `Err` carries why a file could not be read.
pub fn load_texts(inputs: Vec<(String, Result<String, String>)>) -> Loaded {
    load_texts_preferring(inputs, Prefer::Neither)
}

/// Like [`load_texts`], merged as `prefer` says.
pub fn load_texts_preferring(
    inputs: Vec<(String, Result<String, String>)>,
    prefer: Prefer,
) -> Loaded {
    let inputs = inputs.into_iter().map(|(name, text)| (name, Input::Text(text))).collect();
    let options =
        Options { prefer, builtin: false, columns: &[], import: &NO_FILTER, stream: false };
    load_inputs(inputs, options, None, &|_| {}).0
}

#[derive(Clone)]
enum Input {
    Path(PathBuf),
    Text(Result<String, String>),
    Bundled(&'static str),
}

impl Input {
    fn size(&self) -> u64 {
        match self {
            Input::Path(p) => fs::metadata(p).map_or(0, |m| m.len()),
            Input::Text(Ok(t)) => t.len() as u64,
            Input::Text(Err(_)) => 0,
            Input::Bundled(t) => t.len() as u64,
        }
    }
}

/// What one file gave: itself, what it defines, and its problems.
struct FileResult {
    source: SourceFile,
    /// Its key in the cache, when there is one and the file could be read.
    key: Option<cache::Key>,
    /// The checksum of its entry in the cache, when it has one.
    sum: Option<u64>,
    format: Format,
    content: Option<schema::FileContent>,
    diagnostics: Vec<Diagnostic>,
}

fn load_inputs(
    inputs: Vec<(String, Input)>,
    options: Options,
    cache: Option<&cache::Cache>,
    on_progress: &(dyn Fn(LoadProgress) + Sync),
) -> (Loaded, Option<cache::Stream>) {
    let (columns, import) = (options.columns, options.import);
    // What changes a file's reading besides its text: the cache's key holds it.
    let mut reading: Vec<(String, String)> = columns.to_vec();
    if !import.is_empty() {
        reading.push(("\u{0}import".into(), import.describe()));
    }
    let names: Vec<(String, bool)> =
        inputs.iter().map(|(n, i)| (n.clone(), matches!(i, Input::Bundled(_)))).collect();
    let (later, builtin) = (options.prefer == Prefer::Later, options.builtin);
    // Only a load with files of the user's is kept whole: the bundled
    // timelines alone load in milliseconds.
    let whole_cache = cache.filter(|_| inputs.iter().any(|(_, i)| matches!(i, Input::Path(_))));
    let shape = cache::shape(&names, &reading, later, builtin);
    let keys = whole_cache.and_then(|_| input_keys(&inputs, &reading));
    let whole = keys.as_ref().map(|keys| whole_key(&names, keys, later, builtin));
    // Unchanged files, merged as before: the whole load comes from the cache.
    if let Some(c) = whole_cache
        && let Some(keys) = &keys
        && let Some(whole) = whole
        && let Some(opened) = c.open_whole(whole, &own_keys(keys, &inputs))
        && let Some((loaded, stream)) = if options.stream {
            opened.stream().map(|(loaded, stream)| (loaded, Some(stream)))
        } else {
            opened.read().map(|(loaded, _)| (loaded, None))
        }
    {
        for (key, (_, input)) in keys.iter().zip(&inputs) {
            if matches!(input, Input::Path(_)) {
                c.touch(*key);
            }
        }
        // An edit starts from this load, which may be an older one.
        c.keep_last(shape, &cache::Last { whole, files: keys.clone() });
        let events = stream.as_ref().map_or(loaded.timeline.events.len(), cache::Stream::len);
        return (from_whole(inputs, loaded, events, on_progress), stream);
    }
    let reader = Reader { cache, reading: &reading, columns, import };
    // One file changed since the last whole load: merged again alone.
    if let Some(c) = whole_cache
        && let Some(keys) = &keys
        && let Some(whole) = whole
        && let Some(last) = c.last(shape)
    {
        let edit = after_edit::Edit {
            cache: c,
            last: &last,
            keys,
            whole,
            prefer: options.prefer,
            builtin,
        };
        if let Some(loaded) = edit.load(&inputs, &reader) {
            c.put_last(shape, &cache::Last { whole, files: keys.clone() });
            c.trim();
            all_read(&inputs, loaded.timeline.events.len(), on_progress);
            return (loaded, None);
        }
    }
    let sizes: Vec<u64> = inputs.iter().map(|(_, i)| i.size()).collect();
    let progress = Progress {
        files_total: inputs.len(),
        bytes_total: sizes.iter().sum(),
        files_done: AtomicUsize::new(0),
        bytes_done: AtomicU64::new(0),
        events: AtomicUsize::new(0),
        on_progress,
    };
    progress.tell(0, 0, 0);
    let results: Vec<FileResult> = inputs
        .into_par_iter()
        .zip(sizes)
        .enumerate()
        .map(|(index, ((name, input), size))| reader.read(index, name, input, size, &progress))
        .collect();
    // A whole load is kept when every file has a key and no picture is read
    // beside one: pictures are read afresh each time.
    let pictures = results
        .iter()
        .flat_map(|r| &r.content)
        .any(|c| c.events.iter().any(|d| d.picture.is_some()));
    let keys: Option<Vec<cache::Key>> = results.iter().map(|r| r.key).collect();
    // A file from disk without an entry (one could not be written) keeps the whole load out.
    let sums: Option<Vec<Option<u64>>> = results
        .iter()
        .zip(&names)
        .map(|(r, (_, bundled))| if *bundled { Some(None) } else { r.sum.map(Some) })
        .collect();
    let formats: Vec<Format> = results.iter().map(|r| r.format).collect();
    let mut report = Report::default();
    let mut contents = Vec::new();
    for r in results {
        report.files.push(r.source);
        report.diagnostics.extend(r.diagnostics);
        contents.extend(r.content);
    }
    let not_read: Vec<(String, String)> = if whole_cache.is_some() {
        contents.iter().flat_map(|c| c.not_read.iter().cloned()).collect()
    } else {
        Vec::new()
    };
    let prefer = options.prefer;
    let at_once = crate::memory::GiveBackAtOnce::new();
    let (mut timeline, sources) =
        merge::merge(contents, &report.files, prefer, builtin, &mut report.diagnostics);
    drop(at_once);
    sort_diagnostics(&mut report.diagnostics);
    if let Some(c) = whole_cache
        && let Some(keys) = keys.filter(|_| !pictures)
        && let Some(sums) = sums
    {
        let whole = whole_key(&names, &keys, later, builtin);
        let diagnostics = std::mem::take(&mut report.diagnostics);
        let kept = cache::Whole { timeline, formats, diagnostics, not_read };
        c.put_whole(whole, &kept, &sums, &sources);
        c.put_last(shape, &cache::Last { whole, files: keys });
        (timeline, report.diagnostics) = (kept.timeline, kept.diagnostics);
    }
    if let Some(c) = cache {
        c.trim();
    }
    (finish(timeline, report), None)
}

/// A load's messages in the order shown: by file, place and severity, and
/// otherwise as they were found.
fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| (d.file, d.mark.map(|m| (m.line, m.column)), d.severity));
}

/// Of each input's key, the keys of those that have an entry of their own:
/// the files from disk.
fn own_keys(keys: &[cache::Key], inputs: &[(String, Input)]) -> Vec<Option<cache::Key>> {
    keys.iter().zip(inputs).map(|(k, (_, i))| matches!(i, Input::Path(_)).then_some(*k)).collect()
}

/// The counts a load reports as its files are read.
struct Progress<'a> {
    files_total: usize,
    bytes_total: u64,
    files_done: AtomicUsize,
    bytes_done: AtomicU64,
    events: AtomicUsize,
    on_progress: &'a (dyn Fn(LoadProgress) + Sync),
}

impl Progress<'_> {
    /// Counts that go nowhere.
    fn quiet() -> Progress<'static> {
        Progress {
            files_total: 0,
            bytes_total: 0,
            files_done: AtomicUsize::new(0),
            bytes_done: AtomicU64::new(0),
            events: AtomicUsize::new(0),
            on_progress: &|_| {},
        }
    }

    /// Tells how far the load has got, out of its totals.
    fn tell(&self, files_done: usize, bytes_done: u64, events: usize) {
        (self.on_progress)(LoadProgress {
            files_done,
            files_total: self.files_total,
            bytes_done,
            bytes_total: self.bytes_total,
            events,
        });
    }
}

/// How the files of one load are read: through the cache, if there is one.
struct Reader<'a> {
    cache: Option<&'a cache::Cache>,
    reading: &'a [(String, String)],
    columns: &'a [(String, String)],
    import: &'a ImportFilter,
}

impl Reader<'_> {
    /// Reads input `index`, of `size` bytes, from the cache or its text.
    fn read(
        &self,
        index: usize,
        name: String,
        input: Input,
        size: u64,
        progress: &Progress,
    ) -> FileResult {
        let cache = self.cache;
        let bundled = matches!(input, Input::Bundled(_));
        let from_disk = matches!(input, Input::Path(_));
        let (text, hash, disk, base) = match input {
            Input::Path(p) => {
                let base = p.parent().map(Path::to_path_buf);
                let (text, hash) = match read_file(&p, cache.is_some()) {
                    Ok((text, hash)) => (Ok(text), hash),
                    Err(e) => (Err(e), None),
                };
                (text, hash, diagnostic::OnDisk::of(&p), base)
            }
            Input::Text(t) => (t, None, None, None),
            Input::Bundled(t) => {
                let hash = cache.map(|_| cache::content_hash(t.as_bytes()));
                (Ok(t.to_string()), hash, None, None)
            }
        };
        // Bytes told while one big file is parsed, the rest when it is done.
        let told = AtomicU64::new(0);
        let meter = |n: u64| {
            let before = told
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| Some((t + n).min(size)))
                .unwrap_or(size);
            let n = (before + n).min(size) - before;
            progress.tell(
                progress.files_done.load(Ordering::Relaxed),
                progress.bytes_done.fetch_add(n, Ordering::Relaxed) + n,
                progress.events.load(Ordering::Relaxed),
            );
        };
        let key = hash.map(|h| cache::Key::of_content(&name, h, self.reading));
        // A file from disk is read from the cache while its text is unchanged.
        let stored = cache.zip(key).filter(|_| from_disk);
        let mut result = match stored.and_then(|(c, k)| c.get(k, index)) {
            Some(entry) => from_cache(name, disk, entry),
            None => {
                let mut r = load_one(index, name, text, disk, (self.columns, self.import), &meter);
                if let Some((c, k)) = stored {
                    r.sum = c.put(k, &r.format, r.content.as_mut(), &r.diagnostics);
                }
                r
            }
        };
        result.key = key;
        // Pictures are read afresh, cached or not: they are files of their own.
        if let Some(c) = &mut result.content {
            pictures::read(c, base.as_deref(), &mut result.diagnostics);
        }
        // Every file's events are held until the merge: none with spare room.
        if let Some(c) = &mut result.content {
            c.events.shrink_to_fit();
        }
        if bundled {
            result.source.read_as = Some(BUNDLED_LABEL);
        }
        let n = result.content.as_ref().map_or(0, |c| c.events.len());
        let rest = size - told.load(Ordering::Relaxed).min(size);
        progress.tell(
            progress.files_done.fetch_add(1, Ordering::Relaxed) + 1,
            progress.bytes_done.fetch_add(rest, Ordering::Relaxed) + rest,
            progress.events.fetch_add(n, Ordering::Relaxed) + n,
        );
        result
    }
}

/// Each input's key in the cache, from its text as it is now; `None` if one
/// cannot be read or is not a file (a text given by a caller).
fn input_keys(inputs: &[(String, Input)], reading: &[(String, String)]) -> Option<Vec<cache::Key>> {
    inputs
        .par_iter()
        .map(|(name, input)| match input {
            Input::Path(p) => {
                let fits =
                    fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() <= max_file_bytes());
                let hash = cache::file_hash(p).ok().filter(|_| fits)?;
                Some(cache::Key::of_content(name, hash, reading))
            }
            Input::Bundled(t) => Some(cache::Key::of(name, t, reading)),
            Input::Text(_) => None,
        })
        .collect()
}

/// The key of the whole load of the files named `names` (each with whether
/// it is bundled), whose own keys are `keys`.
fn whole_key(
    names: &[(String, bool)],
    keys: &[cache::Key],
    later: bool,
    builtin: bool,
) -> cache::Key {
    let parts: Vec<cache::Part> = names
        .iter()
        .zip(keys)
        .map(|((name, bundled), key)| cache::Part { name, bundled: *bundled, key: *key })
        .collect();
    cache::whole_key(&parts, later, builtin)
}

/// A whole load as the cache kept it, with its files as they are now.
fn from_whole(
    inputs: Vec<(String, Input)>,
    whole: cache::Whole,
    events: usize,
    on_progress: &(dyn Fn(LoadProgress) + Sync),
) -> Loaded {
    all_read(&inputs, events, on_progress);
    let mut report = Report { files: Vec::new(), diagnostics: whole.diagnostics };
    for ((name, input), format) in inputs.into_iter().zip(&whole.formats) {
        report.files.push(source_file(name, input, *format));
    }
    finish(whole.timeline, report)
}

/// Tells that every file of `inputs` was read, `events` events in all: a
/// load from the cache reads none of them in turn.
fn all_read(
    inputs: &[(String, Input)],
    events: usize,
    on_progress: &(dyn Fn(LoadProgress) + Sync),
) {
    let bytes = inputs.iter().map(|(_, i)| i.size()).sum();
    let files = inputs.len();
    on_progress(LoadProgress {
        files_done: files,
        files_total: files,
        bytes_done: bytes,
        bytes_total: bytes,
        events,
    });
}

/// An input as a load read it from the cache, `format` being what it was read as.
fn source_file(name: String, input: Input, format: Format) -> SourceFile {
    let bundled = matches!(input, Input::Bundled(_));
    let mut source = match input {
        Input::Path(p) => match diagnostic::OnDisk::of(&p) {
            Some(disk) => SourceFile::on_disk(name, disk),
            None => SourceFile::new(name, String::new()),
        },
        Input::Bundled(t) => SourceFile::new(name, t.to_string()),
        Input::Text(t) => SourceFile::new(name, t.unwrap_or_default()),
    };
    source.read_as = if bundled { Some(BUNDLED_LABEL) } else { format.label() };
    source
}

/// The load's result: only the files with something to show keep their text.
fn finish(timeline: Timeline, mut report: Report) -> Loaded {
    let mut quoted = vec![false; report.files.len()];
    for d in &report.diagnostics {
        if let Some(q) = quoted.get_mut(d.file) {
            *q = true;
        }
    }
    for (file, keep) in report.files.iter_mut().zip(quoted) {
        if !keep {
            file.text = String::new();
        }
    }
    Loaded { timeline, report }
}

/// Parses and checks one file on its own; references to other files are checked in `merge`.
/// The text of a file from disk is let go once parsed, and read again if a line is quoted.
fn load_one(
    index: usize,
    name: String,
    text: Result<String, String>,
    disk: Option<diagnostic::OnDisk>,
    (columns, import): (&[(String, String)], &ImportFilter),
    meter: yaml::Meter,
) -> FileResult {
    let mut diagnostics = Vec::new();
    let mut format = Format::Yaml;
    let (text, content) = match text {
        Err(why) => {
            diagnostics.push(Diagnostic::error(index, None, why));
            (String::new(), None)
        }
        Ok(text) => {
            let text = sanitize::line_breaks(text);
            // A file full of control characters is not text: it is not parsed.
            if control_characters(&text, index, &mut diagnostics) {
                (text, None)
            } else {
                format = Format::detect(&name, &text);
                // Columns named with --columns are read as steppe CSV's.
                if format == Format::Acled && !columns.is_empty() {
                    format = Format::SteppeCsv;
                }
                let diags = &mut diagnostics;
                let content = match format {
                    Format::Yaml => schema::read_yaml(&text, index, diags, meter),
                    Format::TimelineJs => timelinejs_stream::read_json(&text, index, diags),
                    Format::TimelineSheet => csv::read_sheet(&text, index, diags),
                    Format::SteppeCsv => csv::read_steppe(&text, index, diags, columns),
                    Format::Gdelt => gdelt::read(&text, index, diags, import, meter),
                    Format::Acled => acled::read(&text, index, diags),
                    Format::Sparql => wikidata::read(&text, index, diags),
                };
                within_text(&text, &mut diagnostics);
                (text, Some(content))
            }
        }
    };
    let mut source = match disk {
        Some(disk) => SourceFile::on_disk(name, disk),
        None => SourceFile::new(name, text),
    };
    source.read_as = format.label();
    FileResult { source, key: None, sum: None, format, content, diagnostics }
}

/// What the cache kept of a file, as if it had just been read.
fn from_cache(name: String, disk: Option<diagnostic::OnDisk>, entry: cache::Entry) -> FileResult {
    let mut source = match disk {
        Some(disk) => SourceFile::on_disk(name, disk),
        None => SourceFile::new(name, String::new()),
    };
    source.read_as = entry.format.label();
    FileResult {
        source,
        key: None,
        sum: Some(entry.sum),
        format: entry.format,
        content: entry.content,
        diagnostics: entry.diagnostics,
    }
}

/// The parser puts the end of a file without a final line break on the line
/// after the last, which no editor shows: such places move to the end of the
/// last line.
fn within_text(text: &str, diags: &mut [Diagnostic]) {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let last = text.rsplit('\n').next().unwrap_or_default().trim_end_matches('\r');
    for d in diags {
        if let Some(mark) = d.mark.as_mut().filter(|m| m.line > lines) {
            *mark = Mark { line: lines, column: last.chars().count() + 1, width: 1 };
        }
    }
}

/// Control characters reported each by its place; past that a file is not text.
const CONTROL_SHOWN: usize = 100;

/// Control characters other than tab and line breaks are invisible in an
/// editor and not allowed in YAML: each is reported where it is. True when
/// there are so many that the file is not text.
fn control_characters(text: &str, file: usize, diags: &mut Vec<Diagnostic>) -> bool {
    const SHOWN: usize = CONTROL_SHOWN;
    let bad = is_control;
    if !text.bytes().any(bad) {
        return false;
    }
    let (mut line, mut line_start, mut found) = (1, 0, 0);
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        } else if bad(b) {
            found += 1;
            if found <= SHOWN {
                let column = text[line_start..i].chars().count() + 1;
                let name = match b {
                    0 => " (NUL)".to_string(),
                    0x1b => " (ESC)".to_string(),
                    _ => String::new(),
                };
                diags.push(
                    Diagnostic::error(
                        file,
                        Some(Mark { line, column, width: 1 }),
                        format!("a control character U+{b:04X}{name} is in the text here"),
                    )
                    .with_help(Some(
                        "editors do not show it; delete it (it often comes from copying out of another program)"
                            .into(),
                    )),
                );
            }
        }
    }
    if found > SHOWN {
        diags.push(Diagnostic::error(
            file,
            None,
            format!(
                "{} more control characters after these: this does not look like a text file",
                crate::text::thousands(found - SHOWN)
            ),
        ));
    }
    found > SHOWN
}

/// How a zip archive starts.
const ZIP: &[u8] = b"PK\x03\x04";

/// The file inside a zip archive (GDELT publishes its exports zipped, one
/// file each), at most `limit` bytes of it unzipped.
fn unzip(bytes: Vec<u8>, limit: u64) -> Result<Vec<u8>, String> {
    let broken = |e: zip::result::ZipError| format!("this zip archive cannot be read: {e}");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(broken)?;
    let files: Vec<usize> = (0..archive.len())
        .filter(|&i| archive.by_index_raw(i).is_ok_and(|f| f.is_file()))
        .collect();
    let [one] = files[..] else {
        return Err(if files.is_empty() {
            "this zip archive holds no file".to_string()
        } else {
            format!(
                "this zip archive holds {} files; steppe reads an archive of one file: unzip it and name the files",
                files.len()
            )
        });
    };
    let entry = archive.by_index(one).map_err(broken)?;
    let name = sanitize::visible(&entry.name().unwrap_or_default());
    let too_large = || {
        format!(
            "`{name}` in this zip archive is more than steppe reads as one timeline ({} MB) unzipped; to read it, set STEPPE_MAX_FILE_MB to a larger number of megabytes",
            limit >> 20
        )
    };
    if entry.size() > limit {
        return Err(too_large());
    }
    let mut out = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    entry
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("`{name}` in this zip archive cannot be unzipped: {e}"))?;
    if out.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(out)
}

/// Reads one file as UTF-8 text, refusing what is not a regular file or not text.
pub fn read_text(path: &Path) -> Result<String, String> {
    read_file(path, false).map(|(text, _)| text)
}

/// A file's text, and, if `hashed`, the hash of its bytes (see
/// [`cache::content_hash`]) when it was read whole.
fn read_file(path: &Path, hashed: bool) -> Result<(String, Option<u128>), String> {
    let unreadable = |e: std::io::Error| format!("cannot read this file: {}", io_reason(&e));
    // Look before opening: opening a named pipe or a device could block or never end.
    let meta = fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err("this is a directory, not a file".into());
    }
    if !meta.is_file() {
        return Err(
            "this is not a regular file (a pipe or a device?); steppe reads only files".into()
        );
    }
    let limit = max_file_bytes();
    let too_large = |size: u64| {
        format!(
            "this file is {} MB, more than steppe reads as one timeline ({} MB); to read it, set STEPPE_MAX_FILE_MB to a larger number of megabytes",
            size.div_ceil(1 << 20),
            limit >> 20
        )
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    // The first bytes tell a file that is not text before the rest is read.
    let mut file = fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    (&mut file).take(HEAD as u64).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.starts_with(ZIP) {
        file.take(limit + 1 - bytes.len() as u64).read_to_end(&mut bytes).map_err(unreadable)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64));
        }
        let hash = hashed.then(|| cache::content_hash(&bytes));
        return decode(unzip(bytes, limit)?).map(|t| (t, hash));
    }
    if let Some(why) = wide_encoding(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)) {
        return Err(why);
    }
    if bytes.iter().filter(|&&b| is_control(b)).count() > CONTROL_SHOWN {
        // Its first places are reported as for any text; the rest is not read.
        return Ok((String::from_utf8_lossy(&bytes).into_owned(), None));
    }
    // A file that grows while it is read is still read only to the limit.
    bytes.reserve(meta.len().saturating_sub(bytes.len() as u64) as usize);
    file.take(limit + 1 - bytes.len() as u64).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    let hash = hashed.then(|| cache::content_hash(&bytes));
    decode(bytes).map(|t| (t, hash))
}

/// The bytes looked at before a file is read whole.
const HEAD: usize = 64 * 1024;

/// The largest timeline file read, unless `STEPPE_MAX_FILE_MB` says otherwise.
pub const MAX_FILE_MB: u64 = 1024;

fn max_file_bytes() -> u64 {
    let mb = std::env::var("STEPPE_MAX_FILE_MB").ok().and_then(|v| v.trim().parse::<u64>().ok());
    mb.unwrap_or(MAX_FILE_MB).saturating_mul(1 << 20)
}

/// A control character other than tab and line breaks.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f
}

/// UTF-32 or UTF-16 text, named, with what to do.
fn wide_encoding(bytes: &[u8]) -> Option<String> {
    if let Some(order) = utf32(bytes) {
        return Some(format!(
            "this file is UTF-32 text ({order}), not UTF-8; save it as UTF-8 (in most editors: Save as… → Encoding → UTF-8)"
        ));
    }
    utf16(bytes).map(|order| format!(
        "this file is UTF-16 text ({order}), not UTF-8; save it as UTF-8 (in most editors: Save as… → Encoding → UTF-8)"
    ))
}

/// Which UTF-32 a file is, from its byte-order mark or from the three zero
/// bytes that ASCII text has in every four.
fn utf32(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some("little-endian, with a byte-order mark"),
        [0, 0, 0xFE, 0xFF, ..] => return Some("big-endian, with a byte-order mark"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !3];
    if head.len() < 8 {
        return None;
    }
    let units = head.len() / 4;
    let zero_at = |k: usize| head.iter().skip(k).step_by(4).filter(|&&b| b == 0).count();
    let (b0, b1, b2, b3) = (zero_at(0), zero_at(1), zero_at(2), zero_at(3));
    if b1 == units && b2 == units && b3 * 4 >= units * 3 && b0 == 0 {
        Some("little-endian")
    } else if b0 == units && b1 == units && b2 * 4 >= units * 3 && b3 == 0 {
        Some("big-endian")
    } else {
        None
    }
}

/// UTF-8 with or without a byte-order mark; UTF-16 and other encodings are
/// refused with words that name them, or the place the text goes wrong.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(why) = wide_encoding(&bytes) {
        return Err(why);
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // A lone carriage return ends a line too, as in the parser.
        let ends = |i: usize| match good[i] {
            b'\n' => true,
            b'\r' => good.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        let line = (0..good.len()).filter(|&i| ends(i)).count() + 1;
        let col = (0..good.len()).rev().take_while(|&i| !ends(i)).count() + 1;
        format!("this file is not UTF-8 text (first bad byte at line {line}, byte {col}); save it as UTF-8")
    })
}

/// Which UTF-16 a file is, from its byte-order mark or from the zero bytes
/// that ASCII text has in every other place.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian, with a byte-order mark"),
        [0xFE, 0xFF, ..] => return Some("big-endian, with a byte-order mark"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if even * 4 >= pairs * 3 && odd == 0 {
        Some("big-endian")
    } else if odd * 4 >= pairs * 3 && even == 0 {
        Some("little-endian")
    } else {
        None
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Expands directories into their timeline files. Returns the files and the
/// paths that could not be used, with why.
fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut walk = Walk::default();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => walk.problem(path, format!("cannot open: {}", io_reason(&e))),
            Ok(m) if m.is_dir() => {
                let before = walk.files.len();
                let skipped_before = walk.skipped.len();
                walk.dir(path, 0);
                if walk.files.len() == before && !walk.full {
                    let why = no_timeline_files(path, &walk.skipped[skipped_before..]);
                    walk.problem(path, why);
                }
            }
            Ok(_) => walk.file(path),
        }
    }
    let mut seen = HashSet::new();
    let mut files = walk.files;
    files.retain(|f| seen.insert(fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, walk.problems)
}

/// Why a directory gave no files: a directory is read for its YAML only,
/// as other JSON and CSV (a package's, a spreadsheet's) are seldom timelines;
/// those found are named, to be named on the command line if they are.
fn no_timeline_files(dir: &Path, skipped: &[PathBuf]) -> String {
    let mut why = "this directory holds no timeline files (*.yaml or *.yml)".to_string();
    let Some(first) = skipped.first() else { return why };
    const SHOWN: usize = 5;
    let names: Vec<String> = skipped
        .iter()
        .take(SHOWN)
        .map(|p| sanitize::visible(&p.strip_prefix(dir).unwrap_or(p).display().to_string()))
        .collect();
    let more = skipped.len().saturating_sub(SHOWN);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    why.push_str(&format!(
        "; its {} ({}{more}) are read only when named, such as `{}`",
        if skipped.len() == 1 { "JSON or CSV file" } else { "JSON and CSV files" },
        names.join(", "),
        sanitize::visible(&first.display().to_string())
    ));
    why
}

#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    /// JSON and CSV files passed over: a directory means its YAML.
    skipped: Vec<PathBuf>,
    problems: Vec<(String, String)>,
    seen_dirs: HashSet<PathBuf>,
    /// The file limit was reached; later files are skipped.
    full: bool,
}

impl Walk {
    fn problem(&mut self, path: &Path, why: String) {
        self.problems.push((path.display().to_string(), why));
    }

    fn file(&mut self, path: &Path) {
        if self.files.len() < MAX_FILES {
            self.files.push(path.to_path_buf());
        } else if !self.full {
            self.full = true;
            self.problem(
                path,
                format!("more than {MAX_FILES} timeline files; this one and the rest were skipped"),
            );
        }
    }

    fn dir(&mut self, dir: &Path, depth: usize) {
        // A directory reached twice (a symlink loop) is walked once.
        let Ok(canonical) = fs::canonicalize(dir) else { return };
        if !self.seen_dirs.insert(canonical) {
            return;
        }
        if depth > MAX_DEPTH {
            self.problem(
                dir,
                format!(
                    "nested more than {MAX_DEPTH} directories deep; steppe does not look further"
                ),
            );
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.problem(dir, format!("cannot list this directory: {}", io_reason(&e)));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                self.dir(&path, depth + 1);
            } else {
                match path.extension().and_then(|e| e.to_str()) {
                    Some("yaml" | "yml") => self.file(&path),
                    Some("json" | "csv") => self.skipped.push(path),
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    fn event_file(dir: &Path, name: &str, ids: &[&str]) -> PathBuf {
        let mut text = String::from("events:\n");
        for id in ids {
            text.push_str(&format!(
                "  - {{id: {id}, date: 2001, title: T, sources: [https://example.org]}}\n"
            ));
        }
        let path = dir.join(name);
        fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn progress_counts_every_file_byte_and_event() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = event_file(dir.path(), "a.yaml", &["a1", "a2"]);
        let b = event_file(dir.path(), "b.yaml", &["b1"]);
        let total = fs::metadata(&a).unwrap().len() + fs::metadata(&b).unwrap().len();
        let seen = Mutex::new(Vec::new());
        let loaded = load_paths_with_progress(&[a, b], &|p| seen.lock().unwrap().push(p));
        assert!(loaded.is_ok(), "{}", loaded.report.render());
        let mut seen = seen.into_inner().unwrap();
        assert_eq!(seen.len(), 3, "a start and one report per file: {seen:?}");
        assert_eq!(seen[0].files_done, 0);
        seen.sort_by_key(|p| p.files_done);
        let last = seen[2];
        assert_eq!(
            last,
            LoadProgress {
                files_done: 2,
                files_total: 2,
                bytes_done: total,
                bytes_total: total,
                events: 3
            }
        );
    }

    #[test]
    fn progress_moves_while_one_big_file_is_parsed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ids: Vec<String> = (0..15_000).map(|i| format!("e{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let path = event_file(dir.path(), "big.yaml", &ids);
        let size = fs::metadata(&path).unwrap().len();
        assert!(size > 1 << 20, "big enough to be metered: {size}");
        let seen = Mutex::new(Vec::new());
        let loaded = load_paths_with_progress(&[path], &|p| seen.lock().unwrap().push(p));
        assert!(loaded.is_ok(), "{}", loaded.report.render());
        let seen = seen.into_inner().unwrap();
        let within: Vec<u64> =
            seen.iter().filter(|p| p.files_done == 0).map(|p| p.bytes_done).collect();
        assert!(within.len() >= 3, "reported while parsing: {seen:?}");
        assert!(within.windows(2).all(|w| w[0] <= w[1]), "{within:?}");
        assert!(within.iter().any(|&b| b > 0 && b < size), "{within:?}");
        let last = seen.last().expect("a report");
        assert_eq!((last.files_done, last.bytes_done, last.bytes_total), (1, size, size));
    }

    #[test]
    fn lines_are_quoted_from_disk_unless_the_file_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.yaml");
        fs::write(&path, "events:\n  - {id: a, date: 1991-13, title: A}\n").expect("write");
        let loaded = load_paths(std::slice::from_ref(&path));
        assert!(loaded.report.files[0].text.is_empty(), "the text is not kept");
        let shown = loaded.report.render();
        assert!(shown.contains("2 |   - {id: a, date: 1991-13, title: A}"), "{shown}");
        let again = load_paths(std::slice::from_ref(&path));
        fs::write(&path, "changed: entirely, and longer than before\n").expect("write");
        let shown = again.report.render();
        assert!(shown.contains("t.yaml:2:"), "{shown}");
        assert!(!shown.contains("changed"), "a changed file is not quoted: {shown}");
    }

    #[test]
    fn loaded_moves_between_threads() {
        fn send<T: Send + 'static>(_: &T) {}
        send(&load_texts(Vec::new()));
        let handle = std::thread::spawn(load_bundled);
        assert!(handle.join().expect("loader thread").is_ok());
    }

    #[test]
    fn parallel_loads_keep_file_order_and_sorted_diagnostics() {
        let inputs: Vec<(String, Result<String, String>)> = (0..40)
            .map(|i| (format!("f{i}.yaml"), Ok(format!("events:\n  - id: e{i}\n    date: x\n"))))
            .collect();
        let first = load_texts(inputs.clone());
        for _ in 0..5 {
            let again = load_texts(inputs.clone());
            assert_eq!(again.report.render(), first.report.render());
        }
        let names: Vec<&str> = first.report.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names[..3], ["f0.yaml", "f1.yaml", "f2.yaml"]);
        let files: Vec<usize> = first.report.diagnostics.iter().map(|d| d.file).collect();
        assert!(files.windows(2).all(|w| w[0] <= w[1]), "{files:?}");
    }
}
