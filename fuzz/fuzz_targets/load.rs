//! Any bytes as a timeline file: the loader must answer, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = steppe::load::decode(data.to_vec());
    let loaded = steppe::load::load_texts(vec![("fuzz.yaml".into(), text)]);
    let _ = loaded.report.render();
    if loaded.is_ok() {
        let query = steppe::query::Query::new(loaded.timeline);
        let _ = query.matches(&steppe::query::Filter::default());
    }
});
