//! The filter worker: runs the filters of a big timeline away from the loop.
//! A newer request cancels the search under way (the query layer checks
//! between chunks) and supersedes the requests queued behind it, and a search
//! that grows a word narrows the previous hits, so typing never waits.

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};

use crate::query::{Hits, Query};
use crate::tui::filtering::{self, FilterRequest};
use crate::tui::msg::{Msg, Sender};

/// The loop's end of the worker.
pub struct FilterWorker {
    requests: mpsc::Sender<FilterRequest>,
    /// The newest request's generation: older work stops early.
    latest: Arc<AtomicU64>,
}

impl FilterWorker {
    pub fn send(&self, request: FilterRequest) {
        self.latest.store(request.generation, Ordering::SeqCst);
        let _ = self.requests.send(request);
    }
}

pub fn start(tx: Sender) -> io::Result<FilterWorker> {
    let (requests, rx) = mpsc::channel::<FilterRequest>();
    let latest = Arc::new(AtomicU64::new(0));
    let newest = Arc::clone(&latest);
    std::thread::Builder::new().name("filter".into()).spawn(move || {
        // The last search, to narrow when the text grows: for one query only.
        let mut last: Option<(Arc<Query>, Hits)> = None;
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                request = newer;
            }
            let generation = request.generation;
            let cancelled = || newest.load(Ordering::SeqCst) != generation;
            let previous = last.as_ref().filter(|(q, _)| Arc::ptr_eq(q, &request.query));
            let hits = if request.filter.search.trim().is_empty() {
                None
            } else {
                match request.query.search(
                    &request.filter.search,
                    previous.map(|(_, h)| h),
                    &cancelled,
                ) {
                    Some(hits) => Some(hits),
                    // Cancelled: a newer request is waiting.
                    None => continue,
                }
            };
            let done =
                filtering::compute(&request.query, &request.filter, generation, hits.as_ref());
            if let Some(hits) = hits {
                last = Some((Arc::clone(&request.query), hits));
            }
            if tx.send(Msg::Filtered(Box::new(done))).is_err() {
                return;
            }
        }
    })?;
    Ok(FilterWorker { requests, latest })
}
