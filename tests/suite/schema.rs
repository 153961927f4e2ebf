//! The published JSON Schema: generated from the file types, up to date in
//! docs/, accepting the bundled timeline and refusing broken ones, with the
//! same keys as the reader.

use serde_json::Value;
use steppe::load::schema::BLOCK_KEYS;
use steppe::model::file::json_schema;

const PUBLISHED: &str = "docs/steppe.schema.json";

fn schema() -> Value {
    serde_json::from_str(&json_schema()).expect("the schema is JSON")
}

fn yaml_to_json(text: &str) -> Value {
    serde_yaml::from_str(text).expect("YAML")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("a valid JSON Schema")
}

#[test]
fn the_published_schema_is_up_to_date() {
    let generated = json_schema();
    if std::env::var_os("STEPPE_WRITE_SCHEMA").is_some() {
        std::fs::write(PUBLISHED, &generated).expect("write the schema");
    }
    let published = std::fs::read_to_string(PUBLISHED).unwrap_or_default();
    assert!(
        published == generated,
        "{PUBLISHED} is out of date: run `STEPPE_WRITE_SCHEMA=1 cargo test --test suite schema::`"
    );
}

#[test]
fn the_bundled_timelines_validate_and_name_the_schema() {
    let v = validator();
    for (name, text) in steppe::load::BUNDLED {
        assert!(
            text.starts_with("# yaml-language-server: $schema=../docs/steppe.schema.json\n"),
            "{name} does not name the schema on its first line"
        );
        let errors: Vec<String> = v
            .iter_errors(&yaml_to_json(text))
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_format_example_validates() {
    let doc = std::fs::read_to_string("docs/timeline-format.md").expect("format doc");
    let example = doc
        .split("```yaml\n")
        .find(|block| block.starts_with("# A small classroom timeline"))
        .and_then(|rest| rest.split("\n```").next())
        .expect("the complete example");
    assert!(validator().is_valid(&yaml_to_json(example)));
}

#[test]
fn broken_timelines_do_not_validate() {
    let v = validator();
    let good = "events:\n  - id: a\n    date: 1991-12-26\n    title: T\n";
    assert!(v.is_valid(&yaml_to_json(good)));
    for broken in [
        "events:\n  - id: a\n    date: 1991-12-26\n    titel: T\n",
        "events:\n  - id: a\n    date: 26.12.1991\n    title: T\n",
        "events:\n  - id: a\n    date: 1991\n",
        "events:\n  - id: a b\n    date: 1991\n    title: T\n",
        "events:\n  - {id: a, date: 1991, title: T, sources: [ftp://x]}\n",
        "events:\n  - {id: a, date: 1991, title: T, sources: [{author: Hopkirk}]}\n",
        "events:\n  - {id: a, date: 1991, title: T, location: {lat: 91, lon: 0}}\n",
        "events:\n  - {id: a, date: 1991, title: T, media: {caption: no address}}\n",
        "countries:\n  - {code: kz, name: Kazakhstan}\n",
        "tours:\n  - {id: t, title: T, steps: []}\n",
        "colour: blue\n",
    ] {
        assert!(!v.is_valid(&yaml_to_json(broken)), "accepted:\n{broken}");
    }
    let book = "events:\n  - {id: a, date: 1991, title: T, sources: [{title: The Great Game, author: Peter Hopkirk, year: 1990, page: 45}]}\n";
    assert!(v.is_valid(&yaml_to_json(book)));
}

/// The keys the schema allows in a block: a definition's properties.
fn properties(schema: &Value, def: &str) -> Vec<String> {
    let node = if def == "FileDoc" { schema } else { &schema["$defs"][def] };
    let props = node["properties"].as_object().unwrap_or_else(|| panic!("no properties in {def}"));
    props.keys().cloned().collect()
}

#[test]
fn the_schema_and_the_reader_allow_the_same_keys() {
    let schema = schema();
    let participant: Vec<String> = schema["$defs"]["ParticipantDoc"]["anyOf"]
        .as_array()
        .and_then(|v| v.iter().find(|s| s["properties"].is_object()))
        .map(|s| s["properties"].as_object().expect("properties").keys().cloned().collect())
        .expect("the mapping form of an event actor");
    for (block, keys) in BLOCK_KEYS {
        let mut allowed = match *block {
            "file" => properties(&schema, "FileDoc"),
            "country" => properties(&schema, "CountryDoc"),
            "actor" => properties(&schema, "ActorDoc"),
            "era" => properties(&schema, "EraDoc"),
            "event" => properties(&schema, "EventDoc"),
            "event actor" => participant.clone(),
            "source" => properties(&schema, "CitedDoc"),
            "media" => properties(&schema, "MediaDoc"),
            "location" => properties(&schema, "LocationDoc"),
            "tour" => properties(&schema, "TourDoc"),
            "step" => properties(&schema, "StepDoc"),
            "quote" => properties(&schema, "QuoteDoc"),
            "quote original" => properties(&schema, "OriginalDoc"),
            "lane set" => properties(&schema, "LaneSetDoc"),
            "lane" => properties(&schema, "TitledLaneDoc"),
            other => panic!("no schema definition for {other}"),
        };
        let mut read: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        allowed.sort();
        read.sort();
        assert_eq!(allowed, read, "keys of {block}");
    }
}
