//! Writes the Debian package's generated assets into `<target>/<profile>/deb-assets/`:
//! `man/*.1.gz` (one page per command) and the bash, zsh and fish completions, made by
//! the same functions as `steppe man` and `steppe completions`.
//!
//! They go beside the binary rather than in OUT_DIR because cargo-deb's assets name a
//! fixed path (`target/release/...`, which it maps to the real target directory and
//! profile). cargo-deb gzips only the manual pages it does not consider built, so these
//! are gzipped here, as Debian wants.

use std::io::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // OUT_DIR is <target>/<profile>/build/steppe-deb-assets-<hash>/out.
    let profile_dir = out.ancestors().nth(3).expect("OUT_DIR inside the target directory");
    let dir = profile_dir.join("deb-assets");
    let man = dir.join("man");
    // Pages of commands that no longer exist must not stay behind.
    let _ = std::fs::remove_dir_all(&man);
    std::fs::create_dir_all(&man).unwrap_or_else(|e| panic!("{}: {e}", man.display()));
    for (name, page) in steppe::cli::generate::man_pages() {
        write(&man.join(format!("{name}.gz")), &gzip(&page));
    }
    for (shell, name) in [("bash", "steppe.bash"), ("zsh", "_steppe"), ("fish", "steppe.fish")] {
        let shell = shell.parse().expect("a shell clap_complete knows");
        write(&dir.join(name), &steppe::cli::generate::completion_script(shell));
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// gzip -9n: the best compression, and no name or time in the header, so that the same
/// page always gives the same bytes.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing into memory");
    encoder.finish().expect("writing into memory")
}
