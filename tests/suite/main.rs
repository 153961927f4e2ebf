//! Most of the integration tests, one module per former test file, in one binary:
//! each test binary links the whole of steppe and its dependencies, and one binary
//! runs the slow tests of many files side by side. Kept apart: `stress`,
//! `live_class` and `browser`, whose measured, load or Chromium tests want the
//! machine to themselves (beside Chromium the tmux tests here were seen to miss
//! keys), and `zz_skipped`, which must run last.

// Shared with the binaries kept apart.
#[path = "../common/mod.rs"]
mod common;

mod cache;
mod calendar_citations;
mod classroom;
mod cli;
mod completions_man;
mod docs;
mod doors;
mod e2e;
mod export;
mod filters;
mod formats;
mod frames;
mod history;
mod hostile;
mod imports;
mod lanes;
mod line_breaks;
mod map_and_axis;
mod merging;
mod mistakes;
mod msrv;
mod navigation;
mod pictures;
mod presenter;
mod query;
mod query_props;
mod reload;
mod roundtrip;
mod schema;
mod teaching;
mod themes;
