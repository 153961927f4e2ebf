//! Loading in the background: the files are read, checked and indexed in a
//! thread that reports its progress, so the explorer draws at once and a
//! reload keeps the old data on screen until the new is ready.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::load;
use crate::query::Query;
use crate::tui::msg::{Msg, Sender};
use crate::tui::state::Prepared;

/// Progress is reported at most this often.
const EVERY: Duration = Duration::from_millis(50);

/// Loads `sources`, shown in `lang` where they have it, and sends the result.
pub fn start(tx: Sender, sources: load::Sources, lang: Option<String>, generation: u64) {
    let spawned = std::thread::Builder::new().name("loader".into()).spawn({
        let tx = tx.clone();
        move || {
            let last = Mutex::new(Instant::now() - EVERY);
            let progress = |progress: load::LoadProgress| {
                let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
                if last.elapsed() >= EVERY || progress.files_done == progress.files_total {
                    *last = Instant::now();
                    let _ = tx.send(Msg::LoadProgress { generation, progress });
                }
            };
            let loaded = load::load_sources(&sources, &progress);
            // Files with errors still show the events that could be read.
            let result = if loaded.is_ok() || !loaded.timeline.events.is_empty() {
                let report = loaded.report;
                let mut timeline = loaded.timeline;
                if let Some(lang) = &lang {
                    timeline.translate(lang);
                }
                Ok(Prepared::new(Query::new(timeline), report))
            } else {
                Err(loaded.report)
            };
            let query = result.as_ref().ok().map(|p| Arc::clone(&p.query));
            let _ = tx.send(Msg::Loaded { generation, result: Box::new(result) });
            // The events are on screen; their text is folded for search now,
            // here, so that the first search keystroke does not wait for it
            // (one made meanwhile waits for this, not for a second folding).
            if let Some(query) = query {
                query.prepare_search();
            }
        }
    });
    if let Err(e) = spawned {
        let report = load::Report {
            files: vec![load::SourceFile::new("steppe", "")],
            diagnostics: vec![load::Diagnostic::error(
                0,
                None,
                format!("cannot start loading: {e}"),
            )],
        };
        let _ = tx.send(Msg::Loaded { generation, result: Box::new(Err(report)) });
    }
}
