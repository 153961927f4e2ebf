//! `--embed-remote`: the pictures a web page's events link to, fetched when
//! the page is written and embedded as pictures of one's own are, so the
//! page works offline. A picture that cannot be had (no network, an error
//! from the server, not a picture, too big, too slow) stays a link, and a
//! warning says which and why. Nothing is fetched without the flag.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::document::Card;
use crate::load::pictures;
use crate::model::Picture;
use crate::text::safe;

/// How long one picture may take, and all of a page's pictures together.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub each: Duration,
    pub all: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { each: Duration::from_secs(10), all: Duration::from_secs(60) }
    }
}

/// Pictures fetched at once: enough to hide the waiting, few enough to be
/// polite to one server holding them all.
const AT_ONCE: usize = 4;

/// The media types taken as pictures without a look at the bytes.
const PICTURE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp"];

/// Fetches the pictures of the cards whose media is a web address and gives
/// each card its picture, with an `alt` (the media's, else its caption,
/// else the event's title). Each one that stays a link is passed to `warn`
/// as one line naming the event, the address and why.
pub fn embed<'c, 'a: 'c>(
    cards: impl IntoIterator<Item = &'c mut Card<'a>>,
    limits: Limits,
    warn: &mut dyn FnMut(&str),
) {
    let mut cards: Vec<&mut Card> = cards
        .into_iter()
        .filter(|c| {
            c.media.as_ref().is_some_and(|m| m.picture.is_none() && safe::web_link(m.url).is_some())
        })
        .collect();
    // One fetch for an address that several events show, in the page's order.
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut urls: Vec<&str> = Vec::new();
    for url in cards.iter().filter_map(|c| Some(c.media.as_ref()?.url)) {
        index.entry(url).or_insert_with(|| {
            urls.push(url);
            urls.len() - 1
        });
    }
    let got = fetch(&urls, limits);
    for card in &mut cards {
        let title = card.title;
        let id = card.id;
        let Some(m) = card.media.as_mut() else { continue };
        let Some(got) = index.get(m.url).and_then(|&n| got.get(n)) else { continue };
        match got {
            Ok(p) => {
                m.picture = Some(p.clone());
                m.alt = m.alt.or(m.caption).or(Some(title));
            }
            Err(why) => warn(&format!(
                "warning: the picture of event `{}` stays a link: {} ({})\n",
                safe::one_line(id),
                safe::one_line(m.url),
                safe::one_line(why)
            )),
        }
    }
}

/// Fetches each address (http or https) as a picture, a few at a time, each
/// within `limits.each` and all within `limits.all`: a picture, or why not,
/// for each address in order.
pub fn fetch(urls: &[&str], limits: Limits) -> Vec<Result<Picture, String>> {
    if urls.is_empty() {
        return Vec::new();
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .user_agent(concat!("steppe/", env!("CARGO_PKG_VERSION")))
        .max_redirects(5)
        .build()
        .into();
    let end = Instant::now() + limits.all;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Picture, String>>>> =
        Mutex::new(urls.iter().map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..AT_ONCE.min(urls.len()) {
            s.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(n) else { break };
                    let left = end.saturating_duration_since(Instant::now());
                    let got = if left.is_zero() {
                        Err(format!(
                            "not fetched: the page's pictures took over {} together",
                            seconds(limits.all)
                        ))
                    } else {
                        let wait = limits.each.min(left);
                        one(&agent, url, wait)
                    };
                    // A poisoned lock only means another fetch panicked; its slot stays empty.
                    if let Ok(mut r) = results.lock() {
                        r[n] = Some(got);
                    }
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("it could not be fetched".to_string())))
        .collect()
}

/// One picture, fetched within `wait` and read as pictures of one's own are.
fn one(agent: &ureq::Agent, url: &str, wait: Duration) -> Result<Picture, String> {
    let mut answer = agent
        .get(url)
        .header("Accept", "image/png, image/jpeg, image/gif, image/webp")
        .config()
        .timeout_global(Some(wait))
        .build()
        .call()
        .map_err(|e| failed(&e, wait))?;
    let kind = answer
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .unwrap_or_default();
    // A page, a film or a drawing is not fetched whole only to be refused.
    let sniff =
        kind.is_empty() || kind.starts_with("application/") || kind == "binary/octet-stream";
    if !PICTURE_TYPES.contains(&kind.as_str()) && !sniff {
        let kind: String = kind.chars().take(60).collect();
        return Err(format!("it is not a PNG, JPEG, GIF or WebP picture: the server sent {kind}"));
    }
    let too_big =
        || format!("it is over the limit of {} MB for a picture", pictures::MOST_BYTES / 1_048_576);
    if answer.body().content_length().is_some_and(|n| n > pictures::MOST_BYTES) {
        return Err(too_big());
    }
    let bytes =
        answer.body_mut().with_config().limit(pictures::MOST_BYTES).read_to_vec().map_err(|e| {
            match e {
                ureq::Error::BodyExceedsLimit(_) => too_big(),
                e => failed(&e, wait),
            }
        })?;
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("it could not be read ({e})"))?;
    // Bytes that are no known kind, sent as a picture, are read as what they were sent as.
    if reader.format().is_none()
        && let Some(format) = image::ImageFormat::from_mime_type(&kind)
    {
        reader.set_format(format);
    }
    if reader.format().is_none() {
        let sent = if kind.is_empty() { "nothing" } else { kind.as_str() };
        let sent: String = sent.chars().take(60).collect();
        return Err(format!(
            "it is not a PNG, JPEG, GIF or WebP picture (the server said it is {sent})"
        ));
    }
    pictures::decode(reader).map_err(|e| format!("it could not be read as a picture ({e})"))
}

/// Why a fetch failed, in words.
fn failed(e: &ureq::Error, wait: Duration) -> String {
    match e {
        ureq::Error::StatusCode(code) => {
            let reason = ureq::http::StatusCode::from_u16(*code)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or_default();
            format!("the server answered {code} {reason}").trim_end().to_string()
        }
        ureq::Error::Timeout(_) => format!("not fetched within {}", seconds(wait)),
        ureq::Error::HostNotFound => "the host was not found (is the machine offline?)".into(),
        ureq::Error::ConnectionFailed => "no connection could be made".into(),
        ureq::Error::Io(io) => format!("it could not be fetched: {io}"),
        ureq::Error::TooManyRedirects => "it was redirected too many times".into(),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => {
            format!("the secure connection failed: {e}")
        }
        e => format!("it could not be fetched: {e}"),
    }
}

/// "10 s", or "0.3 s" for less than a second.
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    /// A PNG of `side` pixels, as a server would send it.
    fn png(side: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(side, side, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut bytes = Vec::new();
        img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png).expect("png");
        bytes
    }

    /// A server on the loopback answering each path as `answer` says, for as
    /// long as the test runs; its address.
    fn serve(answer: fn(&str) -> (Duration, String, Vec<u8>)) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let addr = listener.local_addr().expect("address");
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(&stream);
                    let mut first = String::new();
                    let _ = reader.read_line(&mut first);
                    let target = first.split(' ').nth(1).unwrap_or("/");
                    let path = target.split('?').next().unwrap_or_default().to_string();
                    let mut line = String::new();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                        line.clear();
                    }
                    let (delay, head, body) = answer(&path);
                    std::thread::sleep(delay);
                    let mut out = &stream;
                    let _ = write!(
                        out,
                        "HTTP/1.1 {head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = out.write_all(&body);
                });
            }
        });
        format!("http://{addr}")
    }

    fn answer(path: &str) -> (Duration, String, Vec<u8>) {
        let ok = Duration::ZERO;
        match path {
            "/bytes" => (ok, "200 OK\r\nContent-Type: application/octet-stream".into(), png(8)),
            "/svg" => (ok, "200 OK\r\nContent-Type: image/svg+xml".into(), b"<svg/>".to_vec()),
            "/fake" => (ok, "200 OK\r\nContent-Type: image/png".into(), b"not a png".to_vec()),
            "/slow" => (Duration::from_secs(3), "200 OK\r\nContent-Type: image/png".into(), png(8)),
            _ => (ok, "404 Not Found\r\nContent-Type: text/plain".into(), b"no".to_vec()),
        }
    }

    #[test]
    fn pictures_are_told_by_their_type_or_bytes_and_failures_say_why() {
        let base = serve(answer);
        let urls: Vec<String> = ["/bytes", "/svg", "/fake", "/slow", "/gone"]
            .iter()
            .map(|p| format!("{base}{p}"))
            .collect();
        let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
        let limits = Limits { each: Duration::from_millis(400), all: Duration::from_secs(20) };
        let got = fetch(&urls, limits);
        let p = got[0].as_ref().expect("sniffed from its bytes");
        assert_eq!((p.width, p.height), (8, 8));
        let why = |n: usize| got[n].as_ref().err().cloned().unwrap_or_default();
        assert!(
            why(1).contains("not a PNG, JPEG, GIF or WebP picture: the server sent image/svg+xml"),
            "{}",
            why(1)
        );
        assert!(why(2).contains("could not be read as a picture"), "{}", why(2));
        assert!(why(3).contains("not fetched within 0.4 s"), "{}", why(3));
        assert_eq!(why(4), "the server answered 404 Not Found");
    }

    #[test]
    fn the_pictures_together_stay_within_their_time() {
        let base = serve(answer);
        let urls: Vec<String> = (0..9).map(|n| format!("{base}/slow?{n}")).collect();
        let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
        let limits = Limits { each: Duration::from_millis(300), all: Duration::from_millis(500) };
        let start = Instant::now();
        let got = fetch(&urls, limits);
        assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
        assert!(got.iter().all(Result::is_err));
        let late =
            got.iter().filter_map(|r| r.as_ref().err()).filter(|w| w.contains("together")).count();
        assert!(late >= 1, "{got:?}");
    }
}
