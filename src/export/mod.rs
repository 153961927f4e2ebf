//! Everything steppe writes for other programs and for print: `list`'s
//! table, JSON, CSV and Markdown, and `export`'s handouts. Text leaves
//! through [`safe`], which makes it harmless wherever it lands.

pub mod class_summary;
pub mod csl;
mod csv;
pub mod handout;
pub mod html;
pub mod ics;
mod json;
pub mod markdown;
pub mod remote;
pub mod stats;
mod table;
pub mod timelinejs;
pub mod worksheet;
pub mod yaml;

use std::io::{self, Write};

use rayon::prelude::*;

use crate::query::Query;

/// Events made into text at once: a million are never held together as text.
const BLOCK: usize = 16_384;

/// Events made into text by one task.
pub(crate) const RUN: usize = 1024;

/// Writes the text of the events at `shown`, made `run` of them at a time on
/// all cores and written in order: at a million events the making is most of
/// an export's time. `make(start, events, text)` adds the text of `events`,
/// which begin at `start` in `shown`, to `text`.
pub(crate) fn write_in_runs(
    out: &mut dyn Write,
    shown: &[usize],
    run: usize,
    make: impl Fn(usize, &[usize], &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    write_ranges(out, shown.len(), run, |at, text| make(at.start, &shown[at], text))
}

/// Writes the text of `n` items, made `run` of them at a time on all cores
/// and written in order; `make(range, text)` adds the text of the items at
/// `range` to `text`.
///
/// A block is made while the one before it is written, so that writing a
/// gigabyte to a file or a pipe does not leave the cores idle; at most
/// three blocks' text is held. When writing fails (a closed pipe), making stops.
fn write_ranges(
    out: &mut dyn Write,
    n: usize,
    run: usize,
    make: impl Fn(std::ops::Range<usize>, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let run = run.clamp(1, BLOCK);
    let blocks = (0..n).step_by(BLOCK).map(|block| {
        // A run ends where its block does, whatever `run` is.
        let end = n.min(block + BLOCK);
        let runs: Vec<usize> = (block..end).step_by(run).collect();
        let mut texts = Vec::new();
        runs.into_par_iter()
            .map(|start| {
                let mut text = Vec::new();
                make(start..end.min(start + run), &mut text).map(|()| text)
            })
            .collect_into_vec(&mut texts);
        texts
    });
    write_blocks(out, blocks)
}

/// Writes each block's runs of text in order, a block being made (on all
/// cores) while the one before it is written; at most three blocks' text is
/// held. When writing fails (a closed pipe), making stops; a run that could
/// not be made stops the writing.
fn write_blocks(
    out: &mut dyn Write,
    mut blocks: impl Iterator<Item = Vec<io::Result<Vec<u8>>>> + Send,
) -> io::Result<()> {
    let mut write = |blocks: &mut dyn Iterator<Item = Vec<io::Result<Vec<u8>>>>| {
        for text in blocks.flatten() {
            out.write_all(&text?)?;
        }
        Ok(())
    };
    // On a worker of the pool (a caller inside a parallel job) each block is
    // made, then written: waiting on a channel there could hold the pool's
    // only worker while the blocks wait for it.
    if rayon::current_thread_index().is_some() {
        return write(&mut blocks);
    }
    std::thread::scope(|scope| {
        let (made, received) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for block in blocks {
                // The writer has stopped: nothing more is made.
                if made.send(block).is_err() {
                    break;
                }
            }
        });
        write(&mut received.into_iter())
    })
}

/// Which events of a stream are written: the first `count` in the
/// timeline's order, or in its reverse (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    pub count: usize,
    pub newest_first: bool,
}

impl Taken {
    /// Every event of `stream`, oldest first.
    pub fn all(stream: &crate::load::cache::Stream) -> Taken {
        Taken { count: stream.len(), newest_first: false }
    }
}

/// Writes the text of the events `taken` of `stream`, `run` events to a
/// task: a task reads its events from the cache, makes them into text and
/// lets them go, so that a million events are never held at once and each
/// is made into text while it is fresh in the cache of the core that read
/// it. `make(start, events, text)` as for [`write_in_runs`].
fn write_streamed(
    out: &mut dyn Write,
    stream: &crate::load::cache::Stream,
    taken: Taken,
    run: usize,
    make: impl Fn(usize, &[crate::model::Event], &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let n = taken.count.min(stream.len());
    write_ranges(out, n, run, |at, text| {
        make(at.start, &read_run(stream, taken, at.clone())?, text)
    })
}

/// The events at `range` of those `taken` of `stream`, read on this thread.
fn read_run(
    stream: &crate::load::cache::Stream,
    taken: Taken,
    range: std::ops::Range<usize>,
) -> io::Result<Vec<crate::model::Event>> {
    let len = stream.len();
    let read = if taken.newest_first {
        // The newest are the last of the timeline's order.
        let from_end = len.checked_sub(range.end).zip(len.checked_sub(range.start));
        from_end.and_then(|(a, b)| stream.read(a..b)).map(|mut events| {
            events.reverse();
            events
        })
    } else {
        stream.read(range)
    };
    read.ok_or_else(|| {
        io::Error::other("the cache could not be read: run the command again with --no-cache")
    })
}

/// `each` of every run of [`RUN`] events of those `taken` of `stream`, read
/// on all cores, folded into one by `fold`.
fn fold_streamed<T: Clone + Send + Sync>(
    stream: &crate::load::cache::Stream,
    taken: Taken,
    each: impl Fn(&[crate::model::Event]) -> T + Sync,
    start: T,
    fold: impl Fn(T, T) -> T + Sync,
) -> io::Result<T> {
    let n = taken.count.min(stream.len());
    let runs: Vec<usize> = (0..n).step_by(RUN).collect();
    runs.into_par_iter()
        .map(|at| read_run(stream, taken, at..n.min(at + RUN)).map(|events| each(&events)))
        .try_reduce(|| start.clone(), |a, b| Ok(fold(a, b)))
}

/// The ids of the events at `shown`, which links among them may name; `None`
/// where none of them has links, so that a million ids are not gathered for
/// nothing.
pub(crate) fn linked_ids<'a>(
    tl: &'a crate::model::Timeline,
    shown: &[usize],
) -> Option<hashbrown::HashSet<&'a str>> {
    let events = || shown.iter().filter_map(|&i| tl.events.get(i));
    events().any(|e| !e.related.is_empty()).then(|| events().map(|e| e.id.as_str()).collect())
}

/// What `write` writes, as text: a page or file the writers stream, made in
/// memory for a caller that wants it whole. Writing to memory cannot fail,
/// and the writers write only UTF-8.
pub(crate) fn in_memory(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

/// What a timeline file of the events at `shown` leaves out, in words, for
/// a note: the links to related events that are not written (so that the
/// file loads on its own), and with `csv` the quotes and translations that
/// a table does not hold.
pub fn left_out(tl: &crate::model::Timeline, shown: &[usize], csv: bool) -> Vec<String> {
    let events = || shown.iter().filter_map(|&i| tl.events.get(i));
    let links: usize = linked_ids(tl, shown).map_or(0, |written| {
        events().map(|e| e.related.iter().filter(|r| !written.contains(r.as_str())).count()).sum()
    });
    let quoted = events().filter(|e| !e.quotes.is_empty()).count();
    left_out_of(links, quoted, !tl.translations.is_empty(), csv)
}

/// [`left_out`] for every event of a timeline `tl` whose events are
/// streamed: `facts` knows them all.
pub fn left_out_of_all(
    tl: &crate::model::Timeline,
    facts: &crate::model::Facts,
    csv: bool,
) -> Vec<String> {
    left_out_of(facts.links_out, facts.quoted, !tl.translations.is_empty(), csv)
}

/// The notes of [`left_out`]: `links` not written, `quoted` events.
fn left_out_of(links: usize, quoted: usize, translations: bool, csv: bool) -> Vec<String> {
    let mut out = Vec::new();
    if links > 0 {
        out.push(format!(
            "{} to related events that are not among these were left out, so the file opens on its own",
            crate::text::count(links, "link", "links")
        ));
    }
    if csv && quoted > 0 {
        out.push(format!(
            "CSV does not hold quotes ({} {} them); `steppe export --format yaml` keeps them",
            crate::text::count(quoted, "event", "events"),
            if quoted == 1 { "has" } else { "have" }
        ));
    }
    if csv && translations {
        out.push(
            "CSV does not hold translations; `steppe export --format yaml` keeps them".to_string(),
        );
    }
    out
}

/// Writes the events at `shown` (positions in the timeline) in `format`.
/// `width` limits table rows to a terminal's width; `None` never truncates.
pub fn write_events(
    out: &mut dyn Write,
    format: Format,
    query: &Query,
    shown: &[usize],
    width: Option<usize>,
) -> io::Result<()> {
    match format {
        Format::Table => table::write(out, query, shown, width),
        Format::Json => json::write(out, query, shown, RUN),
        Format::Csv => csv::write(out, query, shown, RUN),
        Format::Markdown => markdown::write(out, query, shown),
    }
}

/// Writes the events `taken` of `stream` in `format`, as [`write_events`]
/// writes the same events of a timeline `tl` whose events `stream` holds.
/// A CSV table is written of every event, oldest first (its attribute
/// columns are those of them all); `width` limits a table's rows.
pub fn write_stream(
    out: &mut dyn Write,
    format: Format,
    tl: &crate::model::Timeline,
    stream: &crate::load::cache::Stream,
    taken: Taken,
    width: Option<usize>,
) -> io::Result<()> {
    match format {
        Format::Csv if taken == Taken::all(stream) => csv::write_stream(out, tl, stream, RUN),
        Format::Json => json::write_stream(out, tl, stream, taken, RUN),
        Format::Table => table::write_stream(out, stream, taken, width),
        // A CSV table's columns need every event first, a Markdown list's
        // sections every event of a section.
        Format::Csv | Format::Markdown => Err(io::Error::other(format!(
            "{format:?} is not written from a stream of these events"
        ))),
    }
}

/// Whether [`write_stream`] writes `format` for events taken `all` of them,
/// oldest first, or otherwise.
pub fn streams(format: Format, all: bool) -> bool {
    match format {
        Format::Json | Format::Table => true,
        Format::Csv => all,
        Format::Markdown => false,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The bundled timeline's events `copies` times over, each copy's ids
    /// changed, with links between copies and to events that are not there.
    pub(crate) fn copies_of_bundled(copies: usize) -> Query {
        Query::new(bundled_copies(copies))
    }

    /// The timeline of [`copies_of_bundled`].
    pub(crate) fn bundled_copies(copies: usize) -> crate::model::Timeline {
        let mut tl = crate::load::load_bundled().timeline;
        let base = tl.events.clone();
        for k in 1..copies {
            tl.events.extend(base.iter().map(|e| {
                let mut e = e.clone();
                e.id = format!("{}-{k}", e.id);
                e.related.push(format!("{}-{}", e.id, k + 1));
                e
            }));
        }
        tl
    }

    /// The events the exports are checked on: more than a block, some left
    /// out, out of order.
    pub(crate) fn shown(query: &Query) -> Vec<usize> {
        let n = query.timeline().events.len();
        assert!(n > BLOCK, "{n} events fill one block");
        (0..n).rev().filter(|i| i % 5 != 0).collect()
    }

    #[test]
    fn events_read_from_the_cache_are_written_as_the_same_events_of_the_timeline() {
        // More than a block, so that runs and blocks end in the middle.
        let n = BLOCK + 3 * RUN + 7;
        let dir = tempfile::tempdir().expect("a directory");
        let mut text = String::from("countries:\n  - {code: KZ, name: Kazakhstan}\nevents:\n");
        for i in 0..n {
            let (y, title) =
                (1900 + i % 120, if i % 7 == 0 { "Ünïcode “title”" } else { "A title" });
            text.push_str(&format!(
                "  - {{id: e{i}, date: '{y}', title: '{title} {i}', countries: [KZ], attributes: {{n: '{i}'}}, sources: [{{url: 'https://example.org/{i}'}}]}}\n"
            ));
        }
        std::fs::write(dir.path().join("big.yaml"), text).expect("written");
        let sources = crate::load::Sources {
            cache: Some(dir.path().join("cache")),
            ..crate::load::Sources::paths(&[dir.path().join("big.yaml")])
        };
        let loaded = crate::load::load_sources(&sources, &|_| {});
        assert!(loaded.is_ok(), "{}", loaded.report.render());
        let (head, stream) = crate::load::load_sources_streamed(&sources, &|_| {});
        let stream = stream.expect("the whole load is in the cache");
        assert!(head.timeline.events.is_empty());
        assert_eq!(stream.len(), n);
        let query = Query::new(loaded.timeline);
        let written = |format: Format, shown: &[usize]| {
            in_memory(|out| write_events(out, format, &query, shown, Some(100)))
        };
        let streamed = |format: Format, taken: Taken| {
            in_memory(|out| write_stream(out, format, &head.timeline, &stream, taken, Some(100)))
        };
        let all: Vec<usize> = (0..n).collect();
        for format in [Format::Table, Format::Json, Format::Csv] {
            let want = written(format, &all);
            assert!(streamed(format, Taken::all(&stream)) == want, "{format:?}");
        }
        // Runs that do not divide a block end where it does.
        let want = written(Format::Json, &all);
        for run in [1000, 7] {
            let got = in_memory(|out| {
                json::write_stream(out, &head.timeline, &stream, Taken::all(&stream), run)
            });
            assert!(got == want, "runs of {run}");
        }
        for (count, newest_first) in [(RUN + 5, false), (BLOCK + 9, true), (n, true), (3, true)] {
            let mut shown: Vec<usize> = (0..n).collect();
            if newest_first {
                shown.reverse();
            }
            shown.truncate(count);
            let taken = Taken { count, newest_first };
            for format in [Format::Table, Format::Json] {
                let want = written(format, &shown);
                assert!(streamed(format, taken) == want, "{format:?} {taken:?}");
            }
            assert!(streamed(Format::Csv, taken).is_empty(), "a CSV table is of every event");
        }
    }

    #[test]
    fn runs_are_written_in_order_each_told_where_it_starts() {
        let shown: Vec<usize> = (0..BLOCK * 2 + 37).collect();
        for run in [1, 3, RUN, BLOCK, usize::MAX] {
            let mut out = Vec::new();
            write_in_runs(&mut out, &shown, run, |start, events, text| {
                assert_eq!(events[0], shown[start], "a run of {run} is told where it starts");
                for i in events {
                    text.extend_from_slice(format!("{i}\n").as_bytes());
                }
                Ok(())
            })
            .expect("written");
            let back: Vec<usize> = String::from_utf8(out)
                .expect("UTF-8")
                .lines()
                .map(|l| l.parse().expect("a number"))
                .collect();
            assert_eq!(back, shown, "runs of {run}");
        }
    }

    #[test]
    fn a_failing_run_stops_the_writing() {
        let shown: Vec<usize> = (0..5000).collect();
        let mut out = Vec::new();
        let failed = write_in_runs(&mut out, &shown, 100, |start, _, text| {
            text.push(b'.');
            if start == 2000 { Err(io::Error::other("full")) } else { Ok(()) }
        });
        assert_eq!(failed.expect_err("the error comes back").to_string(), "full");
        assert_eq!(out, [b'.'; 20], "the runs before the failing one, and nothing after");
    }

    #[test]
    fn runs_written_from_a_worker_of_the_pool_come_in_order() {
        let shown: Vec<usize> = (0..BLOCK * 3 + 5).collect();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool");
        let out = pool.install(|| {
            assert!(rayon::current_thread_index().is_some(), "on a worker");
            let mut out = Vec::new();
            write_in_runs(&mut out, &shown, RUN, |_, events, text| {
                events.iter().for_each(|i| text.extend_from_slice(format!("{i}\n").as_bytes()));
                Ok(())
            })
            .map(|()| out)
        });
        let text = String::from_utf8(out.expect("written")).expect("UTF-8");
        let back: Vec<usize> = text.lines().map(|l| l.parse().expect("a number")).collect();
        assert_eq!(back, shown);
    }

    /// A writer that takes `left` more writes, then fails as a closed pipe does.
    struct Closing {
        left: usize,
    }

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.left = self.left.checked_sub(1).ok_or(io::ErrorKind::BrokenPipe)?;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_writer_that_stops_stops_the_making() {
        let blocks = 40;
        let shown: Vec<usize> = (0..BLOCK * blocks).collect();
        let made = std::sync::atomic::AtomicUsize::new(0);
        let failed = write_in_runs(&mut Closing { left: 3 }, &shown, BLOCK, |_, _, text| {
            made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            text.push(b'.');
            Ok(())
        });
        assert_eq!(failed.expect_err("the pipe closed").kind(), io::ErrorKind::BrokenPipe);
        let made = made.into_inner();
        assert!(
            (4..=6).contains(&made),
            "{made} of {blocks} blocks made after the writer stopped at the fourth"
        );
    }
}
