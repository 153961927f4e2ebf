//! HTML as TimelineJS writes it (headlines, text, links) read as plain text.

use crate::text::sanitize;

/// An address as a browser takes it: spaces around it dropped, inside it
/// written `%20`.
pub fn web_address(url: &str) -> String {
    url.trim().replace(' ', "%20")
}

/// TimelineJS text (HTML) as plain text, with paragraphs and line breaks
/// kept and entities decoded; and its web links, as (text, address).
pub fn html_text(html: &str) -> (String, Vec<(String, String)>) {
    if !html.contains(['<', '&']) {
        return (html.trim().to_string(), Vec::new());
    }
    let lines = match html2text::config::rich().lines_from_read(html.as_bytes(), 100_000) {
        Ok(lines) => lines,
        Err(_) => return (html.trim().to_string(), Vec::new()),
    };
    let mut text = String::new();
    let mut links: Vec<(String, String)> = Vec::new();
    let mut last: Option<String> = None;
    for line in &lines {
        for piece in line.tagged_strings() {
            text.push_str(&piece.s);
            let url = piece.tag.iter().find_map(|a| match a {
                html2text::render::RichAnnotation::Link(url) => Some(web_address(url)),
                _ => None,
            });
            match url {
                Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                    if last.as_ref() == Some(&url)
                        && let Some(l) = links.last_mut()
                    {
                        l.0.push_str(&piece.s);
                    } else {
                        links.push((piece.s.clone(), url.clone()));
                    }
                    last = Some(url);
                }
                _ => last = None,
            }
        }
        while text.ends_with(' ') {
            text.pop();
        }
        text.push('\n');
    }
    let mut out = String::new();
    for line in text.trim().split('\n') {
        if line.is_empty() && out.ends_with("\n\n") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    for l in &mut links {
        l.0 = sanitize::line(&l.0);
    }
    links.dedup_by(|a, b| a.1 == b.1);
    (out.trim_end().to_string(), links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_paragraphs_breaks_entities_and_links() {
        let (text, links) = html_text(
            "<p>Signed in <b>Almaty</b> &amp; Tashkent.<br>Second line</p><p>See <a href=\"https://example.org/x\">the treaty</a> and <a href=\"mailto:a@b\">mail</a>.</p>",
        );
        assert_eq!(text, "Signed in Almaty & Tashkent.\nSecond line\n\nSee the treaty and mail.");
        assert_eq!(links, vec![("the treaty".to_string(), "https://example.org/x".to_string())]);
        assert_eq!(html_text("plain text").0, "plain text");
    }
}
