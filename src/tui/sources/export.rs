//! Writing the shown events to a file from the explorer: the same
//! renderings as `steppe export` and `steppe list`, done in a thread of its
//! own, to a new file in the current directory that is named on the status
//! line when the thread reports back.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::Page;
use crate::export::{self, Format};
use crate::query::Query;
use crate::tui::msg::{Msg, Sender};
use crate::tui::state::ExportFormat;

/// What to write.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub query: Arc<Query>,
    /// Positions in the timeline, in order.
    pub shown: Vec<usize>,
    /// The filters in words, for the handout's heading.
    pub filters: Vec<String>,
    pub format: ExportFormat,
}

/// Writes `request` in the current directory, away from the loop, and says
/// how it went.
pub fn start(tx: Sender, request: ExportRequest) {
    std::thread::spawn(move || {
        let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let _ = tx.send(Msg::Exported(request.write_in(&dir)));
    });
}

impl ExportRequest {
    /// The file's contents.
    pub fn render(&self) -> Result<Vec<u8>, String> {
        let q = &self.query;
        Ok(match self.format {
            ExportFormat::Markdown => {
                export::handout::events(&Page::new(q, &self.shown, self.filters.clone()))
                    .into_bytes()
            }
            ExportFormat::Html => {
                export::html::page(&Page::new(q, &self.shown, self.filters.clone())).into_bytes()
            }
            ExportFormat::Csv | ExportFormat::Json => {
                let format =
                    if self.format == ExportFormat::Csv { Format::Csv } else { Format::Json };
                let mut out = Vec::new();
                export::write_events(&mut out, format, q, &self.shown, None)
                    .map_err(|e| e.to_string())?;
                out
            }
            ExportFormat::Yaml => export::yaml::write(q.timeline(), &self.shown)?.into_bytes(),
            ExportFormat::TimelineJs => {
                let mut out = Vec::new();
                export::timelinejs::write(&mut out, q.timeline(), &self.shown)
                    .map_err(|e| e.to_string())?;
                out
            }
        })
    }

    /// Writes a new file in `dir` (`steppe-events.md`, or `-2`, `-3`… when
    /// taken); returns its path and the number of events.
    pub fn write_in(&self, dir: &Path) -> Result<(PathBuf, usize), String> {
        let bytes = self.render()?;
        let ext = self.format.extension();
        for n in 1..1000 {
            let name = if n == 1 {
                format!("steppe-events.{ext}")
            } else {
                format!("steppe-events-{n}.{ext}")
            };
            let path = dir.join(name);
            // Created new, so nothing of the person's is ever overwritten.
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    use std::io::Write;
                    return match file.write_all(&bytes).and_then(|()| file.sync_all()) {
                        Ok(()) => Ok((path, self.shown.len())),
                        Err(e) => {
                            let _ = std::fs::remove_file(&path);
                            Err(format!("cannot write {}: {e}", path.display()))
                        }
                    };
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("cannot create {}: {e}", path.display())),
            }
        }
        Err(format!("{} has steppe-events files up to 999 already", dir.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_new_files_and_never_over_one() {
        let q = Arc::new(Query::new(crate::load::load_bundled().timeline));
        let shown: Vec<usize> = (0..5).collect();
        let dir = tempfile::tempdir().expect("a temporary directory");
        for format in ExportFormat::ALL {
            let req = ExportRequest {
                query: Arc::clone(&q),
                shown: shown.clone(),
                filters: vec!["country: KZ".into()],
                format,
            };
            let (first, n) = req.write_in(dir.path()).expect("written");
            assert_eq!(n, 5);
            assert!(first.ends_with(format!("steppe-events.{}", format.extension())));
            let (second, _) = req.write_in(dir.path()).expect("written again");
            assert!(second.ends_with(format!("steppe-events-2.{}", format.extension())));
            let text = std::fs::read_to_string(&first).expect("readable");
            assert_eq!(text, std::fs::read_to_string(&second).expect("readable"));
            let title = &q.timeline().events[0].title;
            assert!(text.contains(title.split('"').next().unwrap_or(title)), "{format:?}");
        }
    }

    #[test]
    fn a_timeline_file_written_from_the_explorer_loads_back_with_the_shown_events() {
        let q = Arc::new(Query::new(crate::load::load_bundled().timeline));
        let tl = q.timeline();
        let shown: Vec<usize> = (0..tl.events.len()).filter(|i| i % 3 == 1).collect();
        let dir = tempfile::tempdir().expect("a temporary directory");
        for format in [ExportFormat::Yaml, ExportFormat::TimelineJs, ExportFormat::Csv] {
            let req = ExportRequest {
                query: Arc::clone(&q),
                shown: shown.clone(),
                filters: Vec::new(),
                format,
            };
            let (path, n) = req.write_in(dir.path()).expect("written");
            assert_eq!(n, shown.len());
            let back = crate::load::load_paths(&[path]);
            assert!(back.is_ok(), "{format:?}: {}", back.report.render());
            let ids: Vec<&str> = back.timeline.events.iter().map(|e| e.id.as_str()).collect();
            let want: Vec<&str> = shown.iter().map(|&i| tl.events[i].id.as_str()).collect();
            assert_eq!(ids, want, "{format:?}");
            let titles: Vec<&str> = back.timeline.events.iter().map(|e| e.title.as_str()).collect();
            let want: Vec<&str> = shown.iter().map(|&i| tl.events[i].title.as_str()).collect();
            assert_eq!(titles, want, "{format:?}");
        }
    }
}
