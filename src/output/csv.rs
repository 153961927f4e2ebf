use std::io::{self, Write};

use crate::query::Query;

/// Quotes a field when it holds a separator, a quote or a line break (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn write(out: &mut dyn Write, query: &Query, shown: &[usize]) -> io::Result<()> {
    let tl = query.timeline();
    writeln!(out, "id,date,end,title,summary,countries,actors,tags,sources,related,file,line")?;
    for &i in shown {
        let e = &tl.events[i];
        let actors: Vec<&str> = e.actors.iter().map(|a| a.id.as_str()).collect();
        let urls: Vec<&str> = e.sources.iter().map(|s| s.url.as_str()).collect();
        let row = [
            field(&e.id),
            e.date.normalized(),
            e.end.map(|d| d.normalized()).unwrap_or_default(),
            field(&e.title),
            field(&e.summary),
            field(&e.countries.join(" ")),
            field(&actors.join(" ")),
            field(&e.tags.join(" ")),
            field(&urls.join(" ")),
            field(&e.related.join(" ")),
            field(tl.files.get(e.origin.file).map_or("", String::as_str)),
            e.origin.line.to_string(),
        ];
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}
