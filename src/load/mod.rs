//! YAML files → one [`Timeline`], with a [`Report`] of every problem found.

mod convert;
pub mod diagnostic;
mod merge;
pub mod sanitize;
pub mod yaml;

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Report, Severity, SourceFile};

use crate::model::Timeline;

/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
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

/// Loads the bundled timelines.
pub fn load_bundled() -> Loaded {
    load_texts(
        BUNDLED.iter().map(|(name, text)| (name.to_string(), Ok(text.to_string()))).collect(),
    )
}

/// Loads files and directories (every `*.yaml` and `*.yml` below, in path order).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let (files, mut problems) = discover(paths);
    let mut inputs: Vec<(String, Result<String, String>)> =
        files.iter().map(|p| (p.display().to_string(), read_text(p))).collect();
    // Paths that could not be walked become entries of their own.
    inputs.extend(problems.drain(..).map(|(name, err)| (name, Err(err))));
    load_texts(inputs)
}

/// Loads already-read texts; `Err` carries why a file could not be read.
pub fn load_texts(inputs: Vec<(String, Result<String, String>)>) -> Loaded {
    let mut report = Report::default();
    let mut contents = Vec::new();
    for (index, (name, text)) in inputs.into_iter().enumerate() {
        match text {
            Err(why) => {
                report.files.push(SourceFile { name, text: String::new() });
                report.diagnostics.push(Diagnostic::error(index, None, why));
            }
            Ok(text) => {
                report.files.push(SourceFile { name, text });
                let text = &report.files[index].text;
                match yaml::parse(text) {
                    Ok(doc) => {
                        contents.push(convert::convert(&doc, index, &mut report.diagnostics))
                    }
                    Err(e) => {
                        let line = text.lines().nth(e.mark.line.saturating_sub(1)).unwrap_or("");
                        let help = yaml_hint(&e.message, line);
                        report.diagnostics.push(
                            Diagnostic::error(
                                index,
                                Some(e.mark),
                                format!("this is not valid YAML: {}", e.message),
                            )
                            .with_help(help),
                        );
                    }
                }
            }
        }
    }
    let timeline = merge::merge(contents, &report.files, &mut report.diagnostics);
    Loaded { timeline, report }
}

/// Plain words for the YAML mistakes people make by hand.
fn yaml_hint(message: &str, line: &str) -> Option<String> {
    if line.contains('\t') {
        Some("YAML does not allow tabs for indenting (shown as →); use spaces".into())
    } else if message.contains("mapping values are not allowed") {
        Some("text that contains `: ` must be put in double quotes, such as title: \"Babur: a life\"".into())
    } else if message.contains("more than one document") {
        Some("a line `---` starts a second document; keep one timeline per file".into())
    } else if message.contains("did not find expected key") || message.contains("block mapping") {
        Some("check the indentation: keys of one item line up under each other, with spaces".into())
    } else {
        None
    }
}

/// Reads one file as UTF-8 text, refusing what is too large or not text.
pub fn read_text(path: &Path) -> Result<String, String> {
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
    let file = fs::File::open(path).map_err(unreadable)?;
    let limit = mib(MAX_FILE_BYTES);
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "this file is {}; timeline files are limited to {limit}",
            mib(meta.len())
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("this file is larger than the limit of {limit} for timeline files"));
    }
    decode(bytes)
}

/// UTF-8 with or without a byte-order mark; anything else is refused with the place it goes wrong.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        format!("this file is not UTF-8 text (first bad byte at line {line}, byte {col}); save it as UTF-8")
    })
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
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
                walk.dir(path, 0);
                if walk.files.len() == before && !walk.full {
                    walk.problem(
                        path,
                        "this directory holds no timeline files (*.yaml or *.yml)".into(),
                    );
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

#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
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
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
                self.file(&path);
            }
        }
    }
}
