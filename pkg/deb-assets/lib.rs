//! Empty: this package exists for its build script (see Cargo.toml).
