//! `export --format yaml`: the events as a steppe timeline file, with the
//! countries, actors, eras and tours they need (see [`FileDoc::new`]). This
//! is the converter: whatever steppe reads, it writes back as YAML.

use crate::model::Timeline;
use crate::model::file::FileDoc;

pub fn write(tl: &Timeline, shown: &[usize]) -> Result<String, String> {
    // In the timeline's order, so events of the same date keep theirs.
    let mut shown = shown.to_vec();
    shown.sort_unstable();
    let doc = FileDoc::new(tl, &shown);
    let body = serde_yaml::to_string(&doc).map_err(|e| e.to_string())?;
    Ok(format!(
        "# A steppe timeline: check it with `steppe validate`; the format is described in steppe's docs/timeline-format.md.\n{body}"
    ))
}
