//! The format's growth (media, books, places, external ids) and the readers
//! and writers of other formats: TimelineJS JSON and sheets, steppe's CSV.

use std::path::PathBuf;

use steppe::load::{self, Loaded};
use steppe::model::{Location, Media, Source};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures/formats").join(name)
}

fn load(name: &str) -> Loaded {
    load::load_paths(&[fixture(name)])
}

#[test]
fn books_media_places_and_external_ids_load() {
    let loaded = load("books-media.yaml");
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    let tl = &loaded.timeline;
    let e = &tl.events[tl.event_index("panjdeh").expect("panjdeh")];
    assert_eq!(
        e.sources[0],
        Source {
            title: "The Great Game".into(),
            url: None,
            author: Some("Peter Hopkirk".into()),
            publisher: Some("John Murray".into()),
            year: Some("1990".into()),
            page: Some("425-430".into()),
        }
    );
    assert_eq!(
        e.sources[0].details().as_deref(),
        Some("Peter Hopkirk · John Murray, 1990 · pp. 425-430")
    );
    assert_eq!(e.sources[1].details().as_deref(), Some("The National Archives, Kew"));
    assert_eq!(e.sources[2], Source::web("https://en.wikipedia.org/wiki/Panjdeh_incident"));
    assert!(!e.sources[2].titled());
    assert_eq!(
        e.media,
        Some(Media {
            url: "https://upload.wikimedia.org/wikipedia/commons/a/a1/Panjdeh.jpg".into(),
            caption: Some("The Panjdeh oasis on a map of 1885".into()),
            credit: Some("Wikimedia Commons".into()),
            thumbnail: None,
        })
    );
    assert_eq!(
        e.location,
        Some(Location { name: Some("Panjdeh".into()), coordinates: Some((35.99, 62.75)) })
    );
    assert_eq!(e.external_ids, vec![("wikidata".to_string(), "Q1192318".to_string())]);
    let bce = &tl.events[tl.event_index("no-country").expect("no-country")];
    assert!(bce.countries.is_empty());
    assert_eq!(bce.date_label(), "330 BCE");
}

#[test]
fn sources_media_and_places_that_cannot_be_kept_are_each_reported() {
    let loaded = load("bad-growth.yaml");
    let all = loaded.report.render_all();
    for expected in [
        "bad-growth.yaml:6:9",
        "has neither a `title` nor a `url`",
        "bad-growth.yaml:7:9",
        "has a space in it",
        "`ftp://example.org` in a source of event `a` is not a web address",
        "the media of event `a` has no `url`",
        "`lat` of event `a` is 95: expected a number of degrees from -90 to 90",
        "`wiki data` is not a valid name in `external_ids`",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in\n{all}");
    }
    assert_eq!(loaded.report.errors(), 6, "{all}");
}
