//! Records which commit the binary was built from, for `steppe --version`,
//! and a hash of the loader's source, which names the build in the cache of
//! loaded files: a changed loader never reads what another one wrote.
//!
//! From a git checkout: the short commit hash and its date. From a crate tarball
//! (no `.git`): the hash cargo wrote into `.cargo_vcs_info.json`, if any. Otherwise
//! the version alone, so a build never fails for want of git.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    println!("cargo:rerun-if-changed=build.rs");
    let commit = from_git(&dir).or_else(|| from_vcs_info(&dir));
    let full = match commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    println!("cargo:rustc-env=STEPPE_VERSION={full}");
    println!("cargo:rustc-env=STEPPE_LOADER_HASH={:016x}", loader_hash(&dir));
}

/// A hash of every file under the folders whose code decides what a file loads as.
fn loader_hash(dir: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut files = Vec::new();
    for folder in ["src/load", "src/model", "src/text"] {
        let folder = dir.join(folder);
        println!("cargo:rerun-if-changed={}", folder.display());
        walk(&folder, &mut files);
    }
    files.sort();
    // Keyed the same in every build, so the same source gives the same hash.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for file in files {
        file.strip_prefix(dir).unwrap_or(&file).hash(&mut h);
        std::fs::read(&file).unwrap_or_default().hash(&mut h);
    }
    h.finish()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Runs git in `dir`, returning its trimmed output if it succeeded.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// `abc123def 2025-11-25` when `dir` is the top of a git work tree.
fn from_git(dir: &Path) -> Option<String> {
    // An unpacked crate inside some other repository must not take that repository's commit.
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    let commit = git(dir, &["log", "-1", "--no-show-signature", "--abbrev=9", "--format=%h %cs"])?;
    // Rebuild when HEAD moves: HEAD itself, the branch it points to, and packed refs.
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(dir, &["rev-parse", "--path-format=absolute", "--git-path", &name])
            && Path::new(&path).exists()
        {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    Some(commit)
}

/// The commit `cargo package` recorded, when building from a crate tarball.
fn from_vcs_info(dir: &Path) -> Option<String> {
    let path = dir.join(".cargo_vcs_info.json");
    let text = std::fs::read_to_string(&path).ok()?;
    println!("cargo:rerun-if-changed={}", path.display());
    let info: serde_json::Value = serde_json::from_str(&text).ok()?;
    let sha = info.get("git")?.get("sha1")?.as_str()?;
    Some(sha.chars().take(9).collect())
}
