//! Pictures of one's own, tried as a teacher would: a lesson beside two
//! pictures, checked by `validate`, shown on the slides and in the event view
//! (half blocks, as in tmux: the cells' colours are the picture's), and
//! embedded in the offline page.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

use crate::common;

#[allow(unused_imports)]
use common::*;
use steppe::load;
use steppe::query::{Filter, Query};
use steppe::tui::App;
use steppe::tui::state::Images;

const BLUE: [u8; 3] = [20, 60, 230];
const SAND: [u8; 3] = [230, 200, 40];

/// Blue above, sand below: a sky over a dried sea bed.
fn write_pictures(dir: &Path) {
    std::fs::create_dir_all(dir.join("images")).expect("images folder");
    let shore =
        image::RgbImage::from_fn(400, 300, |_, y| image::Rgb(if y < 150 { BLUE } else { SAND }));
    shore.save(dir.join("images/aral-1989.jpg")).expect("jpeg");
    shore.save(dir.join("images/baikonur.png")).expect("png");
}

const LESSON: &str = r#"title: The Aral Sea and Baikonur
countries:
  - {code: KZ, name: Kazakhstan, capital: Astana, location: [51.18, 71.45]}
  - {code: UZ, name: Uzbekistan, capital: Tashkent, location: [41.26, 69.22]}
events:
  - id: baikonur
    date: 1955-06-02
    title: Baikonur is built
    summary: A launch site in the steppe.
    countries: [KZ]
    sources: [{title: Class notes}]
    media:
      url: images/baikonur.png
      alt: A drawing of the launch site
  - id: aral
    date: 1989
    title: The Aral Sea splits in two
    summary: The sea splits into a northern and a southern part.
    countries: [KZ, UZ]
    sources: [{title: Class notes}]
    location: {name: Aralsk, lat: 46.8, lon: 61.67}
    media:
      url: images/aral-1989.jpg
      alt: The dry sea bed under a blue sky
      caption: The old shore near Aralsk
      credit: Photo by the teacher
"#;

fn lesson_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write_pictures(dir.path());
    std::fs::write(dir.path().join("lesson.yaml"), LESSON).expect("write the lesson");
    dir
}

fn lesson_app(dir: &Path, width: u16, height: u16) -> App {
    let loaded = load::load_paths(&[dir.join("lesson.yaml")]);
    assert!(loaded.is_ok(), "{}", loaded.report.render());
    App::new(Query::new(loaded.timeline), Filter::default(), width, height)
}

fn near(c: Color, rgb: [u8; 3]) -> bool {
    let Color::Rgb(r, g, b) = c else { return false };
    [r, g, b].iter().zip(rgb).all(|(&a, b)| a.abs_diff(b) < 24)
}

/// Rows holding half blocks coloured like the sky, and like the sand.
fn picture_rows(buf: &Buffer) -> (Vec<u16>, Vec<u16>) {
    let (mut sky, mut sand) = (Vec::new(), Vec::new());
    for y in 0..buf.area.height {
        let cells: Vec<_> = (0..buf.area.width).map(|x| &buf[(x, y)]).collect();
        let count = |rgb| cells.iter().filter(|c| near(c.fg, rgb) || near(c.bg, rgb)).count();
        if count(BLUE) > 10 {
            sky.push(y);
        }
        if count(SAND) > 10 {
            sand.push(y);
        }
    }
    (sky, sand)
}

#[test]
fn the_slide_and_the_event_view_show_the_picture_in_half_blocks() {
    let dir = lesson_dir();
    let mut app = lesson_app(dir.path(), 120, 45);
    select(&mut app, "aral");
    press(&mut app, KeyCode::Char('p'));
    let buf = render(&app);
    let text = screen_text(&buf);
    let (sky, sand) = picture_rows(&buf);
    assert!(sky.len() >= 3 && sand.len() >= 3, "sky {sky:?}, sand {sand:?}\n{text}");
    assert!(sky.iter().max() < sand.iter().min(), "the sky above the sand");
    // The text keeps its room: the summary is all there, above the picture.
    let summary_row = text.lines().position(|l| l.contains("northern")).expect("summary");
    assert!((summary_row as u16) < sky[0], "{text}");

    // A screen too small for both keeps the text and drops the picture.
    app.update(steppe::tui::Msg::Resize { width: 80, height: 20 });
    let buf = render(&app);
    assert_eq!(picture_rows(&buf), (vec![], vec![]));
    assert!(screen_text(&buf).contains("splits"));

    // --images off: no picture at all.
    let mut off = lesson_app(dir.path(), 120, 45).with_images(Images::new(false, false));
    select(&mut off, "aral");
    press(&mut off, KeyCode::Char('p'));
    assert_eq!(picture_rows(&render(&off)), (vec![], vec![]));

    // The full-screen event view, below the text.
    let mut app = lesson_app(dir.path(), 120, 45);
    select(&mut app, "aral");
    press(&mut app, KeyCode::Enter);
    let buf = render(&app);
    let (sky, sand) = picture_rows(&buf);
    assert!(sky.len() >= 3 && sand.len() >= 3, "{}", screen_text(&buf));
}

#[test]
fn validate_checks_each_picture_at_its_line() {
    let dir = lesson_dir();
    let ok = run::steppe(&["validate", dir.path().join("lesson.yaml").to_str().expect("path")]);
    assert!(ok.status.success(), "{}", run::stderr(&ok));

    // One picture missing, one without `alt`, one too big.
    std::fs::write(dir.path().join("images/huge.gif"), vec![0u8; 11 * 1024 * 1024]).expect("big");
    let broken = LESSON
        .replace("images/baikonur.png", "images/missing.png")
        .replace("      alt: The dry sea bed under a blue sky\n", "")
        + "  - id: poster\n    date: 1990\n    title: A poster\n    sources: [{title: x}]\n    media: {url: images/huge.gif, alt: A poster}\n";
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, &broken).expect("write");
    // Twice: the second time the file's text comes from the cache, its pictures never do.
    let first = run::stderr(&run::steppe(&["validate", path.to_str().expect("path")]));
    let o = run::steppe(&["validate", path.to_str().expect("path")]);
    let err = run::stderr(&o);
    assert_eq!(first, err);
    assert!(!o.status.success());
    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).expect(needle) + 1;
    let missing = line_of("images/missing.png");
    assert!(
        err.contains(
            "`images/missing.png` in the media of event `baikonur`: there is no such file"
        ),
        "{err}"
    );
    assert!(err.contains(&format!("broken.yaml:{missing}:")), "{err}");
    assert!(err.contains("is a picture of one's own and has no `alt`"), "{err}");
    assert!(err.contains("over the limit of 10 MB"), "{err}");
    assert!(err.contains(&format!("broken.yaml:{}:", line_of("images/huge.gif"))), "{err}");
}

#[test]
fn the_offline_page_embeds_the_pictures() {
    let dir = lesson_dir();
    let out = dir.path().join("lesson.html");
    let export = || {
        let o = run::steppe(&[
            "export",
            dir.path().join("lesson.yaml").to_str().expect("path"),
            "-o",
            out.to_str().expect("path"),
        ]);
        assert!(o.status.success(), "{}", run::stderr(&o));
        std::fs::read_to_string(&out).expect("page")
    };
    let html = export();
    assert_eq!(html.matches("<img src=\"data:image/jpeg;base64,").count(), 2, "both embedded");
    // Again, with the timeline's text from the cache: the pictures are read afresh.
    let again = export();
    assert_eq!(again.matches("<img src=\"data:image/jpeg;base64,").count(), 2);
    assert!(html.contains("alt=\"The dry sea bed under a blue sky\""));
    assert!(html.contains("The old shore near Aralsk"));
    assert!(!html.contains("src=\"images/"), "nothing to fetch");
}

#[test]
fn the_terminals_answers_choose_its_graphics_and_off_stays_off() {
    use steppe::tui::Msg;
    use steppe::tui::state::{Graphics, Heard};
    let dir = lesson_dir();
    let mut app = lesson_app(dir.path(), 120, 45);
    assert_eq!(app.images().graphics, None, "half blocks until the terminal answers");
    app.update(Msg::Graphics(Heard::Cell { width: 9, height: 18 }));
    app.update(Msg::Graphics(Heard::Attributes { sixel: true }));
    assert_eq!((app.images().graphics, app.images().cell), (Some(Graphics::Sixel), (9, 18)));
    let mut off = lesson_app(dir.path(), 120, 45).with_images(Images::new(false, false));
    off.update(Msg::Graphics(Heard::Kitty));
    off.update(Msg::Graphics(Heard::Attributes { sixel: true }));
    assert_eq!(off.images().graphics, None);
}

/// A web server on the loopback for `--embed-remote`: a picture, a page, a
/// missing file and a picture too big to take; it counts what is asked.
struct Server {
    base: String,
    asked: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Server {
    fn start() -> Server {
        use std::io::{BufRead, BufReader, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let asked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = asked.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                count.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(&stream);
                    let mut first = String::new();
                    let _ = reader.read_line(&mut first);
                    let mut line = String::new();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                        line.clear();
                    }
                    let mut png = Vec::new();
                    image::RgbImage::from_fn(200, 100, |_, y| {
                        image::Rgb(if y < 50 { BLUE } else { SAND })
                    })
                    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                    .expect("png");
                    let path = first.split(' ').nth(1).unwrap_or("/");
                    let path = path.split('?').next().unwrap_or_default();
                    if path == "/slow.png" {
                        std::thread::sleep(std::time::Duration::from_secs(3));
                    }
                    let (status, kind, body) = match path {
                        "/shore.png" | "/slow.png" => ("200 OK", "image/png", png),
                        "/bytes" => ("200 OK", "application/octet-stream", png),
                        "/drawing.svg" => ("200 OK", "image/svg+xml", b"<svg/>".to_vec()),
                        "/fake.png" => ("200 OK", "image/png", b"not a png".to_vec()),
                        "/article" => {
                            ("200 OK", "text/html; charset=utf-8", b"<p>an article</p>".to_vec())
                        }
                        // Over 10 MB, with no length said beforehand: read until the limit.
                        "/poster.png" => ("200 OK", "image/png", vec![0x89; 11 * 1024 * 1024]),
                        _ => ("404 Not Found", "text/plain", b"not here".to_vec()),
                    };
                    let length = if kind == "image/png" && body.len() > 1_000_000 {
                        String::new()
                    } else {
                        format!("Content-Length: {}\r\n", body.len())
                    };
                    let mut out = &stream;
                    let _ = write!(
                        out,
                        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n{length}Connection: close\r\n\r\n"
                    );
                    let _ = out.write_all(&body);
                });
            }
        });
        Server { base, asked }
    }

    fn asked(&self) -> usize {
        self.asked.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Four events whose media are the server's, and a tour of two of them.
fn remote_timeline(dir: &Path, base: &str) -> std::path::PathBuf {
    let event = |id: &str, year: u32, path: &str, media: &str| {
        format!(
            "  - id: {id}\n    date: {year}\n    title: The {id} of {year}\n    summary: Seen from afar.\n    \
             countries: [KZ]\n    sources: [{{title: Class notes}}]\n    media: {{url: \"{base}{path}\"{media}}}\n"
        )
    };
    let text = [
        "title: Pictures from afar\ncountries:\n  - {code: KZ, name: Kazakhstan, capital: Astana, location: [51.18, 71.45]}\nevents:\n".to_string(),
        event("shore", 1989, "/shore.png", ", alt: The old shore under a blue sky, caption: Aralsk"),
        event("mirror", 1990, "/shore.png", ", caption: The same shore again"),
        event("article", 1991, "/article", ""),
        event("gone", 1992, "/gone.png", ""),
        event("poster", 1993, "/poster.png", ""),
        "tours:\n  - id: afar\n    title: From afar\n    steps:\n      - event: shore\n      - event: gone\n".to_string(),
    ]
    .concat();
    let path = dir.join("afar.yaml");
    std::fs::write(&path, text).expect("write the timeline");
    path
}

fn export_page(timeline: &Path, out: &Path, more: &[&str]) -> (String, String) {
    let mut args = vec![
        "export",
        timeline.to_str().expect("path"),
        "--format",
        "html",
        "-o",
        out.to_str().expect("path"),
    ];
    args.extend_from_slice(more);
    let o = run::command()
        .args(&args)
        .env("NO_COLOR", "1")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .expect("steppe runs");
    // A picture that stays a link is a warning, not a failure.
    assert_eq!(o.status.code(), Some(0), "{}", run::stderr(&o));
    (std::fs::read_to_string(out).expect("the page"), run::stderr(&o))
}

#[test]
fn embed_remote_fetches_the_pictures_and_leaves_the_rest_as_links() {
    let Some(_curl) = common::tools::require("curl") else { return };
    let server = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let timeline = remote_timeline(dir.path(), &server.base);
    let out = dir.path().join("afar.html");

    // Without the flag nothing is asked for: every media stays a link.
    let (page, err) = export_page(&timeline, &out, &[]);
    assert_eq!(server.asked(), 0, "nothing fetched without --embed-remote");
    assert!(!page.contains("data:image/"), "no picture");
    assert!(page.contains(&format!("href=\"{}/shore.png\"", server.base)));
    assert!(!err.contains("warning"), "{err}");

    let (page, err) = export_page(&timeline, &out, &["--embed-remote"]);
    // One fetch for the address two events show, one for each other.
    assert_eq!(server.asked(), 4, "{err}");
    let img = |alt: &str| format!("alt=\"{alt}\"");
    assert_eq!(page.matches("<img src=\"data:image/jpeg;base64,").count(), 2, "{err}");
    assert!(page.contains(&img("The old shore under a blue sky")), "the media's alt");
    assert!(page.contains(&img("The same shore again")), "else its caption");
    assert!(!page.contains(&format!("href=\"{}/shore.png\"", server.base)), "embedded, not linked");
    for (id, path, why) in [
        ("article", "/article", "not a PNG, JPEG, GIF or WebP picture: the server sent text/html"),
        ("gone", "/gone.png", "the server answered 404 Not Found"),
        ("poster", "/poster.png", "over the limit of 10 MB"),
    ] {
        let url = format!("{}{path}", server.base);
        assert!(page.contains(&format!("href=\"{url}\"")), "{id} stays a link");
        let warning = err
            .lines()
            .find(|l| l.contains(&format!("event `{id}`")))
            .unwrap_or_else(|| panic!("a warning for {id}: {err}"));
        assert!(
            warning.starts_with("warning:") && warning.contains(&url) && warning.contains(why),
            "{warning}"
        );
    }

    // A lesson's page too; a picture without alt or caption takes the event's title.
    let (lesson, err) = export_page(&timeline, &out, &["--tour", "afar", "--embed-remote"]);
    assert_eq!(lesson.matches("<img src=\"data:image/jpeg;base64,").count(), 1, "{err}");
    assert!(lesson.contains(&img("The old shore under a blue sky")));
    assert!(err.contains("event `gone`") && !err.contains("event `article`"), "{err}");
    let text = std::fs::read_to_string(&timeline).expect("timeline");
    std::fs::write(&timeline, text.replace(", caption: The same shore again", "")).expect("write");
    let (page, _) = export_page(&timeline, &out, &["--embed-remote"]);
    assert!(page.contains(&img("The mirror of 1990")), "else the event's title");

    // Only the web page holds pictures.
    let o = run::steppe(&[
        "export",
        timeline.to_str().expect("path"),
        "--format",
        "markdown",
        "--embed-remote",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        run::stderr(&o).contains("--embed-remote puts pictures in the web page"),
        "{}",
        run::stderr(&o)
    );
}

#[test]
fn a_fetch_tells_pictures_by_their_type_or_bytes_says_why_not_and_keeps_to_its_time() {
    use std::time::{Duration, Instant};
    use steppe::export::remote::{Limits, fetch};
    let Some(_curl) = common::tools::require("curl") else { return };
    let server = Server::start();
    let urls: Vec<String> = ["/bytes", "/drawing.svg", "/fake.png", "/slow.png", "/gone.png"]
        .iter()
        .map(|p| format!("{}{p}", server.base))
        .collect();
    let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
    let got =
        fetch(&urls, Limits { each: Duration::from_millis(400), all: Duration::from_secs(20) });
    let p = got[0].as_ref().expect("a picture told by its bytes");
    assert_eq!((p.width, p.height), (200, 100));
    let why = |n: usize| got[n].as_ref().err().cloned().unwrap_or_default();
    assert!(why(1).contains("not a PNG, JPEG, GIF or WebP picture: the server sent image/svg+xml"));
    assert!(why(2).contains("could not be read as a picture"), "{}", why(2));
    assert!(why(3).contains("not fetched within 0.4 s"), "{}", why(3));
    assert_eq!(why(4), "the server answered 404 Not Found");
    // Together: nine slow pictures, half a second for all of them.
    let urls: Vec<String> = (0..9).map(|n| format!("{}/slow.png?{n}", server.base)).collect();
    let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
    let start = Instant::now();
    let got =
        fetch(&urls, Limits { each: Duration::from_millis(300), all: Duration::from_millis(500) });
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    assert!(got.iter().all(Result::is_err));
    assert!(got.iter().filter_map(|r| r.as_ref().err()).any(|w| w.contains("together")), "{got:?}");
}
