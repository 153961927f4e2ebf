//! The floor for loader benchmarks: the typed serde_yaml parse of a timeline
//! file, no checks and no positions. One shape for every benchmark that
//! compares against it (examples/floor.rs, benches/import.rs).

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct File {
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    countries: Vec<BTreeMap<String, serde_yaml::Value>>,
    #[serde(default)]
    actors: Vec<BTreeMap<String, String>>,
    #[serde(default)]
    eras: Vec<BTreeMap<String, serde_yaml::Value>>,
    #[serde(default)]
    pub events: Vec<Event>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct Event {
    id: String,
    date: serde_yaml::Value,
    end: Option<serde_yaml::Value>,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    actors: Vec<serde_yaml::Value>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    sources: Vec<serde_yaml::Value>,
    #[serde(default)]
    related: Vec<String>,
}
