//! Writes a synthetic timeline for measuring steppe on large data:
//! `cargo run --release --example synth -- EVENTS FILES DIR [--sources]`.
//! The first file holds the countries, actors and eras; the events are split
//! evenly over the files. Without `--sources`, every event draws a warning.
//! With `--gdelt`, the events are rows of GDELT 2.0 event exports instead
//! (`part-000.export.CSV`…), with the same number of events in as many files.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: synth EVENTS FILES DIR [--sources] [--gdelt]";
    let number = |i: usize| -> Result<usize, String> {
        args.get(i).and_then(|a| a.parse().ok()).ok_or_else(|| usage.to_string())
    };
    let (events, files) = (number(0)?, number(1)?.max(1));
    let dir = PathBuf::from(args.get(2).ok_or(usage)?);
    let sources = args.iter().any(|a| a == "--sources");
    let gdelt = args.iter().any(|a| a == "--gdelt");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let per = events.div_ceil(files);
    let mut bytes = 0;
    for f in 0..files {
        let (from, to) = (f * per, ((f + 1) * per).min(events));
        let (text, path) = if gdelt {
            (synthetic::gdelt_rows(from, to), dir.join(format!("part-{f:03}.export.CSV")))
        } else {
            let mut text = if f == 0 { synthetic::header() } else { String::new() };
            text.push_str(&synthetic::events(from, to, sources, true));
            (text, dir.join(format!("part-{f:03}.yaml")))
        };
        bytes += text.len();
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!(
        "{events} events in {files} files, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}
