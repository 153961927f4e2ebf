//! The declared minimum Rust version is no lower than any locked dependency needs.
//! (Clippy's `incompatible_msrv` lint covers the standard library calls in steppe's own
//! code; this covers the dependencies, which declare their own `rust-version`.)

use std::process::Command;

/// "1.88" or "1.88.0" as (1, 88, 0).
fn version(text: &str) -> (u32, u32, u32) {
    let mut parts = text.split('.').map(|p| p.parse::<u32>().expect("a numeric Rust version"));
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_declared() {
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // Not --offline: the graph includes crates for other platforms that a build here
    // never downloads, so a fresh machine must be allowed to fetch them.
    let o = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&o.stdout).expect("cargo metadata JSON");
    let packages = meta["packages"].as_array().expect("packages");
    assert!(packages.len() > 50, "the whole dependency graph");
    let mut too_new = Vec::new();
    for p in packages {
        let name = p["name"].as_str().unwrap_or("?");
        let needs = match (p["rust_version"].as_str(), p["edition"].as_str()) {
            (Some(v), _) => version(v),
            (None, Some("2024")) => (1, 85, 0),
            (None, Some("2021")) => (1, 56, 0),
            _ => (0, 0, 0),
        };
        if needs > ours {
            too_new.push(format!("{name} {} needs {needs:?}", p["version"]));
        }
    }
    assert!(too_new.is_empty(), "rust-version {ours:?} is too low for: {too_new:?}");
}
