//! `--embed-remote`: the pictures a web page's events link to, fetched when
//! the page is written and embedded as pictures of one's own are, so the
//! page works offline. A picture that cannot be had (no network, an error
//! from the server, not a picture, too big, too slow) stays a link, and a
//! warning says which and why. Nothing is fetched without the flag.
//!
//! The fetching is the system's `curl`'s: it brings https with the system's
//! certificates and proxy settings, where a TLS stack of our own would add
//! more to the binary than everything else a picture needs.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::process::{Command, Stdio};
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
    let Some(curl) = curl() else {
        let why = "curl, which fetches them, is not installed: apt install curl";
        return urls.iter().map(|_| Err(why.to_string())).collect();
    };
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
                    let together = || {
                        format!(
                            "not fetched: the page's pictures took over {} together",
                            seconds(limits.all)
                        )
                    };
                    // curl counts its time in tenths of a second.
                    let got = if left < Duration::from_millis(100) {
                        Err(together())
                    } else {
                        let got = one(&curl, url, limits.each.min(left));
                        // Cut short by the page's time rather than its own: said so.
                        match got {
                            Err(e) if left < limits.each && e.starts_with("not fetched within") => {
                                Err(together())
                            }
                            got => got,
                        }
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

/// The `curl` on the `PATH`, if there is one.
fn curl() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("curl")).find(|p| p.is_file())
}

/// What curl writes after the body, on its error stream: the status and the type.
const WRITE_OUT: &str = "%{stderr}\nsteppe-fetched %{http_code} %{content_type}\n";

/// One picture, fetched within `wait` and read as pictures of one's own are.
fn one(curl: &std::path::Path, url: &str, wait: Duration) -> Result<Picture, String> {
    let mut child = Command::new(curl)
        .args(["--silent", "--show-error", "--location", "--max-redirs", "5"])
        // Only the web: no file://, no other protocol, after a redirect either.
        .args(["--proto", "=http,https", "--proto-redir", "=http,https"])
        .args(["--max-time", &format!("{:.1}", wait.as_secs_f64().max(0.1))])
        .args(["--max-filesize", &pictures::MOST_BYTES.to_string()])
        .args(["--user-agent", concat!("steppe/", env!("CARGO_PKG_VERSION"))])
        .args(["--header", "Accept: image/png, image/jpeg, image/gif, image/webp"])
        .args(["--write-out", WRITE_OUT, "--output", "-"])
        // The address as an option's value, so no address reads as an option.
        .args(["--url", url])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("curl could not be started: {e}"))?;
    let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        return Err("curl could not be started".into());
    };
    // curl may stop at the limit only when the size is sent first: the reading stops there too.
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.by_ref().take(64 * 1024).read_to_string(&mut text);
        text
    });
    let mut bytes = Vec::new();
    let read = stdout.take(pictures::MOST_BYTES + 1).read_to_end(&mut bytes);
    let over = bytes.len() as u64 > pictures::MOST_BYTES;
    if over {
        let _ = child.kill();
    }
    let status = child.wait().map_err(|e| format!("curl failed: {e}"))?;
    let said = errors.join().unwrap_or_default();
    if over {
        return Err(too_big());
    }
    read.map_err(|e| format!("it could not be fetched: {e}"))?;
    let (code, kind) = said
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("steppe-fetched "))
        .map(|rest| {
            let (code, kind) = rest.split_once(' ').unwrap_or((rest, ""));
            let kind = kind.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
            (code.parse::<u16>().unwrap_or(0), kind)
        })
        .unwrap_or_default();
    if !status.success() {
        let message = said.lines().find(|l| l.starts_with("curl: ")).unwrap_or_default();
        return Err(failed(status.code(), message, wait));
    }
    if !(200..300).contains(&code) {
        return Err(format!("the server answered {code} {}", reason(code)).trim_end().to_string());
    }
    // A page, a film or a drawing is not a picture, whatever its bytes.
    let sniff =
        kind.is_empty() || kind.starts_with("application/") || kind == "binary/octet-stream";
    if !PICTURE_TYPES.contains(&kind.as_str()) && !sniff {
        let kind: String = kind.chars().take(60).collect();
        return Err(format!("it is not a PNG, JPEG, GIF or WebP picture: the server sent {kind}"));
    }
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

/// A picture past the size pictures of one's own may have, whoever stopped it.
fn too_big() -> String {
    format!("it is over the limit of {} MB for a picture", pictures::MOST_BYTES / 1_048_576)
}

/// Why curl failed, in words, from its exit code (curl's manual, "EXIT CODES").
fn failed(code: Option<i32>, message: &str, wait: Duration) -> String {
    match code {
        Some(1) => "it was sent to an address that is not http or https".into(),
        Some(5 | 6) => "the host was not found (is the machine offline?)".into(),
        Some(7) => "no connection could be made".into(),
        Some(28) => format!("not fetched within {}", seconds(wait)),
        Some(47) => "it was redirected too many times".into(),
        Some(63) => too_big(),
        Some(35 | 51 | 53 | 54 | 58 | 59 | 60 | 64 | 66 | 77 | 80 | 82 | 83 | 90 | 91) => {
            format!("the secure connection failed: {}", message.trim_start_matches("curl: "))
        }
        _ if !message.is_empty() => {
            format!("it could not be fetched: {}", message.trim_start_matches("curl: "))
        }
        _ => "it could not be fetched".into(),
    }
}

/// The words HTTP gives a status.
fn reason(code: u16) -> &'static str {
    http::StatusCode::from_u16(code).ok().and_then(|s| s.canonical_reason()).unwrap_or_default()
}

/// "10 s", or "0.3 s" for less than a second.
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}
