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
    let (text, mut links) = if html.len() > LARGE { streamed(html) } else { rendered(html) };
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

/// Text longer than this is read in one pass by [`streamed`]: the
/// converter builds a document tree and lays it out, which took 75 times a
/// text's size in memory (200,000 links: 650 MB).
const LARGE: usize = 64 * 1024;

/// The lines of the text and its links, as the converter lays them out.
fn rendered(html: &str) -> (String, Vec<(String, String)>) {
    let html = shallow(html, MAX_DEPTH);
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
    (text, links)
}

/// The text and its links from HTML's tokens alone, in one pass and little
/// memory: paragraphs and line breaks, list items as `* `, entities decoded,
/// scripts and styles left out.
fn streamed(html: &str) -> (String, Vec<(String, String)>) {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Streamed::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = tokenizer.sink;
    let text = sink.text.into_inner();
    let text: String = text.split('\n').map(str::trim).collect::<Vec<_>>().join("\n");
    (text, sink.links.into_inner())
}

#[derive(Default)]
struct Streamed {
    text: std::cell::RefCell<String>,
    links: std::cell::RefCell<Vec<(String, String)>>,
    /// The open link: its address and where its text starts.
    link: std::cell::RefCell<Option<(String, usize)>>,
    /// Inside `<script>` or `<style>`, whose text is not shown.
    hidden: std::cell::Cell<bool>,
}

impl html5ever::tokenizer::TokenSink for Streamed {
    type Handle = ();

    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        _line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::{TagKind, Token};
        let mut text = self.text.borrow_mut();
        let space = |text: &mut String| {
            if !text.is_empty() && !text.ends_with([' ', '\n']) {
                text.push(' ');
            }
        };
        match token {
            Token::CharacterTokens(t) if !self.hidden.get() => {
                for c in t.chars() {
                    if c.is_ascii_whitespace() {
                        space(&mut text);
                    } else {
                        text.push(c);
                    }
                }
            }
            Token::TagToken(tag) => {
                let start = tag.kind == TagKind::StartTag;
                match &*tag.name {
                    "script" | "style" => self.hidden.set(start),
                    "br" => text.push('\n'),
                    "li" if start => text.push_str("\n* "),
                    "p" | "div" | "ul" | "ol" | "blockquote" | "pre" | "table" | "h1" | "h2"
                    | "h3" | "h4" | "h5" | "h6" | "section" | "article" => text.push_str("\n\n"),
                    "tr" => text.push('\n'),
                    "a" if start => {
                        let href = tag.attrs.iter().find(|a| &*a.name.local == "href");
                        *self.link.borrow_mut() = href.map(|a| (web_address(&a.value), text.len()));
                    }
                    "a" => {
                        if let Some((url, from)) = self.link.borrow_mut().take()
                            && (url.starts_with("http://") || url.starts_with("https://"))
                        {
                            let words = text.get(from..).unwrap_or_default().trim().to_string();
                            self.links.borrow_mut().push((words, url));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        html5ever::tokenizer::TokenSinkResult::Continue
    }
}

/// How deep elements may nest in TimelineJS text; deeper tags are dropped
/// (their text kept) before the converter, whose time grows with the square
/// of the depth (50,000 nested `<div>` took over a minute).
pub const MAX_DEPTH: usize = 32;

/// Elements that have no end tag, and those that a parser closes by itself
/// when the next one starts: neither makes the text deeper.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th",
];

/// `html` with the tags that nest deeper than `max` left out, in one pass;
/// unchanged (and not copied) when it is not that deep.
fn shallow(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let mut out: Option<String> = None;
    let bytes = html.as_bytes();
    let (mut depth, mut i, mut copied) = (0usize, 0usize, 0usize);
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|k| i + k) {
        let Some(end) = tag_end(bytes, lt) else { break };
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_at = lt + 1 + usize::from(closing);
        let name_len = bytes[name_at..end].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let counted = name_len > 0 && !VOID.contains(&name.as_str()) && bytes[end - 1] != b'/';
        let too_deep = counted
            && if closing {
                let deep = depth > max;
                depth = depth.saturating_sub(1);
                deep
            } else {
                depth += 1;
                depth > max
            };
        if too_deep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..lt]);
            copied = end + 1;
        }
        i = end + 1;
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            std::borrow::Cow::Owned(out)
        }
    }
}

/// The `>` that ends the tag opening at `lt`, past quoted attribute values.
fn tag_end(bytes: &[u8], lt: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &b) in bytes.iter().enumerate().skip(lt + 1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(k),
            _ => {}
        }
    }
    None
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

    #[test]
    fn a_large_text_is_read_in_one_pass_to_the_same_words_and_links() {
        let html = "<p>Signed in <b>Almaty</b> &amp; Tashkent.<br>Second line</p><p>See <a href=\"https://example.org/x\">the treaty</a> and <a href=\"mailto:a@b\">mail</a>.</p><script>x()</script>";
        let tidy = |(text, links): (String, Vec<(String, String)>)| {
            let text: Vec<String> = text
                .trim()
                .split('\n')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
            (text, links)
        };
        assert_eq!(tidy(streamed(html)), tidy(rendered(html)));
        let many: String =
            (0..20_000).map(|i| format!("<a href=\"https://e.org/{i}\">l{i}</a> ")).collect();
        let (text, links) = html_text(&many);
        assert_eq!(links.len(), 20_000);
        assert_eq!(links[19_999], ("l19999".to_string(), "https://e.org/19999".to_string()));
        assert!(text.starts_with("l0 l1 l2"), "{}", &text[..20]);
    }

    #[test]
    fn deep_nesting_is_cut_to_the_limit_with_its_text_kept() {
        let deep = format!(
            "{}x <a href='https://e.org/>'>y</a>{}",
            "<div>".repeat(100),
            "</div>".repeat(100)
        );
        let cut = shallow(&deep, 3);
        assert_eq!(cut, "<div><div><div>x y</div></div></div>", "tags past the limit go");
        let within = "<div><div>x <a href='https://e.org/>'>y</a></div></div>";
        assert_eq!(shallow(within, 3), within, "a `>` in a quoted value ends no tag");
        let shallow_enough = "<p>a<p>b<br><ul><li>c<li>d</ul>";
        assert!(matches!(shallow(shallow_enough, 2), std::borrow::Cow::Borrowed(_)));
        let (text, _) =
            html_text(&format!("{}deep{}", "<ul><li>".repeat(20_000), "</li></ul>".repeat(20_000)));
        assert_eq!(text.trim_start_matches(['*', ' ', '\n']).trim(), "deep");
    }
}
