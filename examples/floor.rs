//! The floor for loader benchmarks: the typed serde_yaml parse of the same
//! files, one after another, with no checks and no positions.
//! `cargo run --release --example floor -- FILE_OR_DIR...`

use std::path::{Path, PathBuf};

#[path = "../benches/support/floor.rs"]
mod floor;
use floor::File;

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            files(&e, out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn main() -> Result<(), String> {
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        files(Path::new(&arg), &mut paths);
    }
    let mut parsed = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: File =
            serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        parsed.push(file);
    }
    let events: usize = parsed.iter().map(|f| f.events.len()).sum();
    println!("{events} events in {} files", parsed.len());
    Ok(())
}
