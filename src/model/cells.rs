//! steppe's CSV: its columns, and how a list is written in one cell. The
//! writer (`list --format csv`) and the reader share them, so what one
//! writes the other reads back unchanged.
//!
//! A list cell holds its items separated by `; `. Inside an item, a
//! backslash is written `\\` and a semicolon `\;`. Lists that go together
//! (`actors` and `actor_roles`, `sources` and `source_titles`…) are matched
//! by position; an empty item means "none" (an actor without a role).

/// The columns, in order. `era`, `file` and `line` say where an event is
/// shown and was read; a reader ignores them.
pub const COLUMNS: [&str; 31] = [
    "id",
    "date",
    "end",
    "title",
    "summary",
    "era",
    "countries",
    "country_names",
    "actors",
    "actor_names",
    "actor_roles",
    "tags",
    "sources",
    "source_titles",
    "source_authors",
    "source_publishers",
    "source_years",
    "source_pages",
    "related",
    "media",
    "media_caption",
    "media_credit",
    "media_thumbnail",
    "media_alt",
    "media_link",
    "place",
    "latitude",
    "longitude",
    "external_ids",
    "file",
    "line",
];

/// Columns that say where an event is shown or was read, not what it is.
pub const DERIVED: [&str; 3] = ["era", "file", "line"];

/// Items in one cell: `KZ; UZ`, `Hopkirk\; Meyer; Kipling`.
pub fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    join_into(&mut out, items);
    out
}

/// [`join`], added to `out`.
pub fn join_into<S: AsRef<str>>(out: &mut String, items: impl IntoIterator<Item = S>) {
    for (n, item) in items.into_iter().enumerate() {
        if n > 0 {
            out.push_str("; ");
        }
        let item = item.as_ref();
        if !item.contains(['\\', ';']) {
            out.push_str(item);
            continue;
        }
        for c in item.chars() {
            if matches!(c, '\\' | ';') {
                out.push('\\');
            }
            out.push(c);
        }
    }
}

/// The items of a cell written by [`join`]; an empty cell has none. Spaces
/// around an item are dropped (items never start or end with one).
pub fn split(cell: &str) -> Vec<String> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => item.extend(chars.next()),
            ';' => items.push(std::mem::take(&mut item).trim().to_string()),
            c => item.push(c),
        }
    }
    items.push(item.trim().to_string());
    items
}

/// `wikidata=Q1; viaf=123`: names never hold `=` or `;`.
pub fn join_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    join_pairs_into(&mut out, pairs);
    out
}

/// [`join_pairs`], added to `out`.
pub fn join_pairs_into(out: &mut String, pairs: &[(String, String)]) {
    join_into(out, pairs.iter().map(|(k, v)| format!("{k}={v}")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_back_into_their_items() {
        let items = ["a; b", "back\\slash", "", "semi;", "plain"];
        let cell = join(items);
        assert_eq!(cell, "a\\; b; back\\\\slash; ; semi\\;; plain");
        assert_eq!(split(&cell), items);
        assert!(split("").is_empty());
        assert_eq!(split("host; "), ["host", ""]);
        assert_eq!(split("; host"), ["", "host"]);
    }
}
