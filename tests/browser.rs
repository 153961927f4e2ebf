//! The exported web page in a real browser (headless Chromium): it filters
//! like `steppe list`, opens shared links, steps through a tour by keyboard,
//! prints a handout, fetches nothing, keeps its contrast in light and dark,
//! shows hostile text as text, and works with the script off. One browser
//! session serves every check, to keep it quick.
//!
//! `UPDATE_README=1 cargo test --test browser` also rewrites the README's
//! picture of the page, docs/web-page.png.

mod common;
#[path = "browser/driver.rs"]
mod driver;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::tools;
use driver::{Browser, END, HOME, LEFT, RIGHT, SPACE, TAB};
use serde_json::Value;

fn steppe(args: &[&str]) -> String {
    let o = common::run::command()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("steppe runs");
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8")
}

/// Writes an export to `dir/name` and returns its file:// address.
fn export(dir: &Path, name: &str, args: &[&str]) -> String {
    let path = dir.join(name);
    let mut all = vec!["export", "--format", "html", "-o", path.to_str().expect("path")];
    all.extend_from_slice(args);
    steppe(&all);
    format!("file://{}", path.display())
}

/// The ids `steppe list` prints for these filters, in order.
fn listed(filters: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(filters);
    let events: Vec<Value> = serde_json::from_str(&steppe(&args)).expect("JSON");
    events.iter().map(|e| e["id"].as_str().expect("id").to_string()).collect()
}

fn strings(v: Value) -> Vec<String> {
    serde_json::from_value(v).expect("a list of strings")
}

/// The events the page shows, in order, and its "N of M events" line.
fn visible(b: &Browser) -> (Vec<String>, String) {
    let ids = b.js("return [...document.querySelectorAll('article.event')]
           .filter(a => a.checkVisibility()).map(a => a.id.slice(3));");
    let status = b.js("return document.getElementById('status').textContent;");
    (strings(ids), status.as_str().unwrap_or_default().to_string())
}

fn text_of(b: &Browser, css: &str) -> String {
    let script = format!("return document.querySelector({css:?})?.textContent ?? '';");
    b.js(&script).as_str().unwrap_or_default().to_string()
}

/// A browser on a fresh directory with the bundled timeline's page in it.
/// Each test has its own, so that on a machine with more cores they run side by side.
fn browser_and_page() -> Option<(Browser, tempfile::TempDir, String, PathBuf)> {
    // pdftotext reads back the handout and the worksheet.
    let tools = tools::require_all(["chromium", "chromedriver", "pdftotext"]);
    let [chromium, chromedriver, pdftotext] = tools?;
    let b = Browser::start(&chromium, &chromedriver);
    let dir = tempfile::tempdir().expect("tempdir");
    let page = export(dir.path(), "timeline.html", &[]);
    Some((b, dir, page, pdftotext))
}

#[test]
fn the_page_in_a_real_browser() {
    let Some((b, dir, page, pdftotext)) = browser_and_page() else { return };
    let size = std::fs::metadata(dir.path().join("timeline.html")).expect("stat").len();
    // The budget, maps included.
    assert!(size < 400_000, "the bundled page is {size} bytes");

    filters_agree_with_the_cli(&b, &page);
    the_time_axis_follows_the_filters_in_lanes(&b, &page);
    a_big_timeline_draws_and_filters(&b, dir.path());
    a_shared_link_opens_its_view(&b, &page);
    a_link_the_page_does_not_understand_says_so(&b, &page);
    on_a_phone_the_events_come_first_in_one_column(&b, &page);
    search_ignores_case_and_accents(&b, &page);
    contrast_is_enough_in_light_and_dark(&b, &page);
    nothing_leaves_the_page(&b);
    readme_picture(&b, &page);
    prints_a_handout(&b, &page, dir.path(), &pdftotext);
}

#[test]
fn a_lesson_in_a_real_browser() {
    let Some((b, dir, _, pdftotext)) = browser_and_page() else { return };
    let tour = export(dir.path(), "tour.html", &["--tour", "new-great-game"]);
    a_lesson_marks_its_step_on_the_axis(&b, &tour);
    a_tour_steps_by_keyboard(&b, &tour);
    a_tour_steps_by_swipe_on_a_phone(&b, &tour);
    a_tour_prints_as_a_worksheet(&b, &tour, dir.path(), &pdftotext);
    a_printed_step_stays_on_one_page(&b, &tour, dir.path(), &pdftotext);
    let sheet = export(dir.path(), "sheet.html", &["--tour", "new-great-game", "--worksheet"]);
    a_worksheets_question_stays_with_its_lines(&b, &sheet, dir.path(), &pdftotext);
    let arabic = export(dir.path(), "ar.html", &["--lang", "ar"]);
    each_part_says_its_language(&b, &arabic);
    let students = export(dir.path(), "students.html", &["--tour", "new-great-game", "--no-notes"]);
    the_students_copy_has_no_notes(&b, &students);
    nothing_leaves_the_page(&b);
}

#[test]
fn hostile_text_maps_and_pictures_in_a_real_browser() {
    let Some((b, dir, page, pdftotext)) = browser_and_page() else { return };
    let hostile = export(dir.path(), "markup.html", &["tests/fixtures/markup.yaml"]);
    hostile_text_stays_text(&b, &hostile);
    nothing_leaves_the_page(&b);
    works_without_script(&b, &page);
    maps_follow_the_filters(&b, &page);
    pictures_of_ones_own_work_offline_and_print(&b, dir.path(), &pdftotext);
}

/// A lesson with two pictures of its own: with the network off the page's
/// pictures decode (they are in the file), and the printout keeps them.
fn pictures_of_ones_own_work_offline_and_print(b: &Browser, dir: &Path, pdftotext: &Path) {
    std::fs::create_dir_all(dir.join("images")).expect("images");
    let sky = image::RgbImage::from_fn(600, 400, |_, y| {
        image::Rgb(if y < 200 { [30, 90, 220] } else { [220, 190, 60] })
    });
    sky.save(dir.join("images/shore.jpg")).expect("jpeg");
    sky.save(dir.join("images/site.png")).expect("png");
    let yaml = "title: Pictures\nevents:\n\
        - {id: shore, date: 1989, title: The old shore, sources: [{title: notes}],\
           media: {url: images/shore.jpg, alt: The dry sea bed, caption: Near Aralsk}}\n\
        - {id: site, date: 1955, title: The launch site, sources: [{title: notes}],\
           media: {url: images/site.png, alt: The launch site}}\n\
        tours:\n  - {id: t, title: T, steps: [{event: site}, {event: shore}]}\n";
    let timeline = dir.join("pictures.yaml");
    std::fs::write(&timeline, yaml).expect("write");
    let timeline = timeline.to_str().expect("path");
    let page = export(dir, "pictures.html", &[timeline]);
    let lesson = export(dir, "pictures-lesson.html", &[timeline, "--tour", "t"]);
    let offline = serde_json::json!({
        "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1
    });
    b.cdp("Network.enable", serde_json::json!({}));
    b.cdp("Network.emulateNetworkConditions", offline);
    for url in [&page, &lesson] {
        b.goto(url);
        let sizes =
            b.js("return [...document.images].map((i) => i.complete ? i.naturalWidth : 0);");
        let sizes: Vec<u64> = serde_json::from_value(sizes).expect("widths");
        assert_eq!(sizes.len(), 2, "{url}: two pictures");
        assert!(sizes.iter().all(|&w| w > 0), "{url}: every picture decodes offline: {sizes:?}");
    }
    let online = serde_json::json!({
        "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1
    });
    b.cdp("Network.emulateNetworkConditions", online);
    // The printout: its text has the captions, and it holds the two pictures.
    b.goto(&page);
    let pdf = dir.join("pictures.pdf");
    b.print_pdf(&pdf);
    assert!(pdf_text(pdftotext, &pdf).contains("Near Aralsk"));
    let pdfimages = pdftotext.with_file_name("pdfimages");
    if pdfimages.exists() {
        let o = Command::new(&pdfimages).arg("-list").arg(&pdf).output().expect("pdfimages");
        let listed = String::from_utf8_lossy(&o.stdout);
        let pictures = listed.lines().skip(2).filter(|l| l.contains(" image ")).count();
        assert!(pictures >= 2, "the printout holds the pictures:\n{listed}");
    }
}

fn filters_agree_with_the_cli(b: &Browser, page: &str) {
    b.goto(page);
    let all = listed(&[]);
    let (shown, status) = visible(b);
    assert_eq!(shown, all, "the page shows every event");
    assert_eq!(status, format!("{n} of {n} events", n = all.len()));
    // By keyboard: the skip link first, the filters' fold (open on a wide
    // screen), then the first country (Kazakhstan).
    b.keys(&[TAB]);
    assert_eq!(text_of(b, ":focus"), "Skip to the events");
    let outline = b.js("return getComputedStyle(document.activeElement).outlineStyle;");
    assert_eq!(outline, "solid", "focus is visible");
    // The description's fold, the filters' fold, then the first country.
    b.keys(&[TAB]);
    assert_eq!(b.js("return document.activeElement.parentElement.className;"), "about");
    b.keys(&[TAB]);
    assert_eq!(b.js("return document.activeElement.parentElement.id;"), "filterbox");
    assert_eq!(b.js("return document.activeElement.parentElement.open;"), true);
    b.keys(&[TAB, SPACE]);
    let focused = b.js("return document.activeElement.value;");
    assert_eq!(focused, "KZ");
    let kz = listed(&["--country", "KZ"]);
    let (shown, status) = visible(b);
    assert_eq!(shown, kz, "the page filtered to Kazakhstan agrees with steppe list");
    assert_eq!(status, format!("{} of {} events · country: Kazakhstan", kz.len(), all.len()));
    assert_eq!(b.js("return location.hash;"), "#country=KZ");
    let count = text_of(b, "input[value=KZ] ~ .count");
    assert_eq!(count, kz.len().to_string());
    // Eras with no event left are hidden too.
    let empty = b.js("return [...document.querySelectorAll('section.era')]
           .filter(s => s.checkVisibility() && !s.querySelector('article:not([hidden])')).length;");
    assert_eq!(empty, 0);
}

fn a_shared_link_opens_its_view(b: &Browser, page: &str) {
    b.goto(&format!("{page}#country=KZ,CN&match=all"));
    let want = listed(&["--country", "KZ,CN", "--match", "all"]);
    assert!(!want.is_empty() && want != listed(&["--country", "KZ,CN"]));
    assert_eq!(visible(b).0, want);
    b.goto(&format!("{page}#country=KZ,UZ&match=all&tag=summit"));
    let want = listed(&["--country", "KZ,UZ", "--match", "all", "--tag", "summit"]);
    assert!(!want.is_empty());
    assert_eq!(visible(b).0, want);
    let checked = b.js("return [...document.querySelectorAll('input:checked')].map(i => i.value);");
    assert_eq!(strings(checked), ["KZ", "UZ", "all", "summit"]);
    assert!(visible(b).1.ends_with(" · countries: Kazakhstan, Uzbekistan (all) · tag: summit"));
    // Changing the fragment in place changes the view.
    b.js("location.hash = 'actor=putin'; return null;");
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(visible(b).0, listed(&["--actor", "putin"]));
    // A link to an event hidden by the filters clears them to show it.
    b.js("location.hash = 'country=TM'; return null;");
    std::thread::sleep(std::time::Duration::from_millis(100));
    let hidden = listed(&["--country", "KZ"])
        .into_iter()
        .find(|id| !listed(&["--country", "TM"]).contains(id))
        .expect("an event without TM");
    b.js(&format!("location.hash = 'ev-{hidden}'; return null;"));
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(visible(b).0.contains(&hidden), "{hidden} shown");
}

fn a_link_the_page_does_not_understand_says_so(b: &Browser, page: &str) {
    b.goto(&format!("{page}#country=XX&tag=summit&colour=red"));
    let said = text_of(b, "#unknown");
    assert!(said.contains("country=XX") && said.contains("colour=red"), "{said}");
    assert!(!said.contains("summit"), "{said}");
    assert_eq!(b.js("return document.getElementById('unknown').checkVisibility();"), true);
    assert_eq!(visible(b).0, listed(&["--tag", "summit"]), "what it understood still applies");
    b.goto(&format!("{page}#country=KZ"));
    assert_eq!(b.js("return document.getElementById('unknown').checkVisibility();"), false);
}

/// The page's layout at a phone's size (390×844), as a phone reports it.
fn as_a_phone(b: &Browser, on: bool) {
    if on {
        let metrics = serde_json::json!({"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": true});
        b.cdp("Emulation.setDeviceMetricsOverride", metrics);
        b.cdp(
            "Emulation.setTouchEmulationEnabled",
            serde_json::json!({"enabled": true, "maxTouchPoints": 1}),
        );
        b.cdp("Emulation.setEmitTouchEventsForMouse", serde_json::json!({"enabled": true}));
    } else {
        b.cdp("Emulation.clearDeviceMetricsOverride", serde_json::json!({}));
        b.cdp("Emulation.setTouchEmulationEnabled", serde_json::json!({"enabled": false}));
        b.cdp("Emulation.setEmitTouchEventsForMouse", serde_json::json!({"enabled": false}));
    }
}

fn on_a_phone_the_events_come_first_in_one_column(b: &Browser, page: &str) {
    as_a_phone(b, true);
    b.goto(page);
    let top = b.js("return document.querySelector('article.event').getBoundingClientRect().top;");
    let top = top.as_f64().expect("a position");
    assert!(top < 600.0, "the first event starts {top} px down on a phone");
    assert_eq!(b.js("return document.getElementById('filterbox').open;"), false, "filters folded");
    // The facts in one column: a value as wide as the card.
    let widths = b.js("const dd = document.querySelector('.facts dd'); \
        return [dd.getBoundingClientRect().width, dd.closest('article').getBoundingClientRect().width];");
    let (dd, card) = (widths[0].as_f64().unwrap_or(0.0), widths[1].as_f64().unwrap_or(1.0));
    assert!(dd > card * 0.8, "a value gets {dd} of {card} px");
    let wide = b.js("return document.documentElement.scrollWidth <= window.innerWidth;");
    assert_eq!(wide, true, "nothing wider than the phone");
    as_a_phone(b, false);
}

fn a_tour_steps_by_swipe_on_a_phone(b: &Browser, tour: &str) {
    as_a_phone(b, true);
    b.goto(tour);
    assert_eq!(b.js("return document.querySelector('.keys').checkVisibility();"), false);
    assert_eq!(b.js("return document.querySelector('.swipe').checkVisibility();"), true);
    // Across the step's heading, where a finger touches no link.
    let swipe = |from: f64, to: f64| {
        let y = b
            .js("const r = document.querySelector('.step.current h2').getBoundingClientRect(); \
            return r.top + r.height / 2;");
        let y = y.as_f64().unwrap_or(300.0);
        for (kind, x) in [("touchStart", from), ("touchMove", (from + to) / 2.0), ("touchEnd", to)]
        {
            let points = if kind == "touchEnd" {
                serde_json::json!([])
            } else {
                serde_json::json!([{"x": x, "y": y}])
            };
            b.cdp(
                "Input.dispatchTouchEvent",
                serde_json::json!({"type": kind, "touchPoints": points}),
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    swipe(300.0, 60.0);
    assert_eq!(text_of(b, "#progress"), "Step 2 of 13", "a swipe to the left: the next step");
    assert!(b.js("return location.href;").as_str().unwrap_or_default().starts_with("file://"));
    swipe(60.0, 300.0);
    assert_eq!(text_of(b, "#progress"), "Step 1 of 13", "a swipe to the right: the one before");
    as_a_phone(b, false);
}

/// The PDF's pages' text, one string a page.
fn pdf_pages(pdftotext: &Path, path: &Path) -> Vec<String> {
    let o = Command::new(pdftotext)
        .args(["-layout", path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&o.stdout)
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn a_printed_step_stays_on_one_page(b: &Browser, tour: &str, dir: &Path, pdftotext: &Path) {
    b.goto(tour);
    let pdf = dir.join("steps.pdf");
    b.print_pdf(&pdf);
    let pages = pdf_pages(pdftotext, &pdf);
    let mut together = 0;
    for n in 1..=13 {
        let heading = format!("Step {n} of 13");
        let on: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].contains(&heading)).collect();
        assert_eq!(on.len(), 1, "{heading} on pages {on:?}");
        // The heading is not the last thing on its page: its step follows it there.
        let page = &pages[on[0]];
        let after = &page[page.find(&heading).unwrap_or(0)..];
        assert!(after.len() > heading.len() + 200, "{heading} alone at the foot of a page");
        // The step's question is on the same page as its heading, unless the
        // step is longer than a page; then the question moves whole to the next.
        let next = format!("Step {} of 13", n + 1);
        let body = after.split(&next).next().unwrap_or_default();
        if body.contains("Question for the class") {
            together += 1;
        } else {
            let following = pages.get(on[0] + 1).map_or("", String::as_str);
            assert!(following.starts_with("Question for the class"), "{heading}: {following}");
        }
    }
    assert!(together >= 11, "only {together} of 13 steps are whole on a page");
    // One step per page, when asked for.
    b.js("document.getElementById('perpage').click(); return null;");
    b.print_pdf(&pdf);
    let pages = pdf_pages(pdftotext, &pdf);
    let starts = pages.iter().filter(|p| p.contains(" of 13")).count();
    assert!(starts >= 13, "{starts} pages with a step");
    for p in &pages {
        assert!(p.matches("Question for the class").count() <= 1, "two steps on a page: {p}");
    }
}

fn a_worksheets_question_stays_with_its_lines(
    b: &Browser,
    sheet: &str,
    dir: &Path,
    pdftotext: &Path,
) {
    b.goto(sheet);
    let pdf = dir.join("sheet.pdf");
    b.print_pdf(&pdf);
    b.cdp("Emulation.setEmulatedMedia", serde_json::json!({ "media": "print" }));
    let whole = b.js("return [...document.querySelectorAll('li.task, section.task')]
           .every(el => getComputedStyle(el).breakInside === 'avoid');");
    b.cdp("Emulation.setEmulatedMedia", serde_json::json!({ "media": "" }));
    assert_eq!(whole, true, "every question is kept whole");
    let text = pdf_text(pdftotext, &pdf);
    for heading in
        ["Put these events in order", "Match each person to an event", "Choose one answer"]
    {
        assert!(text.contains(heading), "{heading}");
    }
}

fn each_part_says_its_language(b: &Browser, page: &str) {
    b.goto(page);
    assert_eq!(b.js("return document.documentElement.lang;"), "ar");
    assert_eq!(b.js("return document.documentElement.dir;"), "rtl");
    assert_eq!(text_of(b, "#filterbox summary"), "المرشّحات: الدول، الأشخاص، الوسوم، البحث");
    // The English summaries and titles say they are English; the Arabic names need not.
    let summary = b.js("return document.querySelector('article.event .summary').lang;");
    assert_eq!(summary, "en");
    let title = b.js("return document.querySelector('h1').lang;");
    assert_eq!(title, "en");
    let kz = b.js("return [...document.querySelectorAll('.facts dd span')]
           .find(s => s.textContent === 'كازاخستان')?.lang ?? 'missing';");
    assert_eq!(kz, "", "an Arabic name in an Arabic page");
    // Every text in English inside the page is marked so.
    let unmarked = b.js("return [...document.querySelectorAll('.summary p, h3 .title')]
           .filter(el => /[A-Za-z]{4}/.test(el.textContent) && el.closest('[lang]').lang === 'ar').length;");
    assert_eq!(unmarked, 0, "English text read with an Arabic voice");
}

fn search_ignores_case_and_accents(b: &Browser, page: &str) {
    b.goto(page);
    b.type_into("#q", "TURKIYE");
    let folded = visible(b).0;
    let cli = listed(&["--search", "TURKIYE"]);
    assert!(!cli.is_empty());
    assert_eq!(folded, cli, "the page searches as steppe list does");
    assert_eq!(cli, listed(&["--search", "Türkiye"]), "TURKIYE finds what Türkiye finds");
    assert_eq!(b.js("return location.hash;"), "#q=TURKIYE");
    for q in ["erdogan", "ALMA-ATA", "kyrgyz", "uzbekistan, tajikistan", "summit (dushanbe"] {
        b.goto(&format!("{page}#q={}", q.replace(' ', "%20")));
        assert_eq!(visible(b).0, listed(&["--search", q]), "search {q:?}");
    }
    b.goto(&format!("{page}#q=astana&country=kz"));
    assert_eq!(visible(b).0, listed(&["--search", "astana", "--country", "KZ"]));
}

/// The lowest contrast between any text on screen and what is behind it.
const LOWEST_CONTRAST: &str = "
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).slice(0, 3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const behind = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (rgb(c).length < 4 || rgb(c)[3] > 0) return c;
    }
    return getComputedStyle(document.documentElement).colorScheme.includes('dark')
      && matchMedia('(prefers-color-scheme: dark)').matches ? 'rgb(0,0,0)' : 'rgb(255,255,255)';
  };
  let worst = [99, ''];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.checkVisibility()) continue;
    const a = lum(getComputedStyle(el).color), b = lum(behind(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < worst[0]) worst = [ratio, el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 40)];
  }
  return worst;";

fn contrast_is_enough_in_light_and_dark(b: &Browser, page: &str) {
    for scheme in ["light", "dark"] {
        let features = serde_json::json!([{"name": "prefers-color-scheme", "value": scheme}]);
        b.cdp("Emulation.setEmulatedMedia", serde_json::json!({ "features": features }));
        b.goto(&format!("{page}#country=KZ"));
        b.js("document.querySelectorAll('details').forEach(d => d.open = true); return null;");
        let bg = b.js("return getComputedStyle(document.body).backgroundColor;");
        let dark = bg != "rgb(255, 255, 255)";
        assert_eq!(dark, scheme == "dark", "{scheme}: background {bg}");
        let worst = b.js(LOWEST_CONTRAST);
        let ratio = worst[0].as_f64().expect("a ratio");
        assert!(ratio >= 4.5, "{scheme}: contrast {ratio:.2} for {}", worst[1]);
    }
    b.cdp("Emulation.setEmulatedMedia", serde_json::json!({ "features": [] }));
}

/// Every request since the last check was for the page file itself, and
/// the console has no error (a blocked request or a script error).
fn nothing_leaves_the_page(b: &Browser) {
    let mut urls = Vec::new();
    for entry in b.log("performance") {
        let message: Value =
            serde_json::from_str(entry["message"].as_str().unwrap_or("{}")).expect("JSON");
        let params = &message["message"]["params"];
        // The browser's own start page is not ours to judge.
        let ours = params["documentURL"].as_str().is_some_and(|d| d.starts_with("file://"));
        if message["message"]["method"] == "Network.requestWillBeSent" && ours {
            urls.push(params["request"]["url"].as_str().unwrap_or("").to_string());
        }
    }
    assert!(!urls.is_empty(), "the log saw the pages load");
    for url in &urls {
        assert!(url.starts_with("file://"), "the page asked for {url}");
    }
    let errors: Vec<Value> =
        b.log("browser").into_iter().filter(|e| e["level"] == "SEVERE").collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

fn readme_picture(b: &Browser, page: &str) {
    b.goto(&format!("{page}#country=KZ&tag=summit"));
    b.js("document.getElementById('filters').scrollIntoView(); return null;");
    let png = b.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("docs/web-page.png");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, png).expect("write the README picture");
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    assert!(path.exists() && readme.contains("](docs/web-page.png)"), "the README shows the page");
}

fn pdf_text(pdftotext: &Path, path: &Path) -> String {
    let o = Command::new(pdftotext)
        .args(["-layout", path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext runs");
    assert!(o.status.success(), "pdftotext: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn prints_a_handout(b: &Browser, page: &str, dir: &Path, pdftotext: &Path) {
    b.goto(page);
    let pdf = dir.join("timeline.pdf");
    b.print_pdf(&pdf);
    let text = pdf_text(pdftotext, &pdf);
    let first = text_of(b, "article.event .title");
    assert!(!first.is_empty());
    assert!(text.contains(&first), "the PDF has the first event, {first:?}");
    assert!(!text.contains("Clear filters"), "no controls in print");
    assert!(text.contains("<https://"), "links print with their address");
}

fn a_tour_steps_by_keyboard(b: &Browser, tour: &str) {
    let q = steppe::load::load_bundled();
    let tl = &q.timeline;
    let lesson = tl.tour("new-great-game").expect("the bundled tour");
    let title_of = |n: usize| {
        let id = lesson.steps.get(n).expect("a step").event;
        tl.events[tl.event_index(id).expect("event")].title.clone()
    };
    let total = lesson.steps.len();
    b.goto(tour);
    let shown = || {
        let titles = b.js(
            "return [...document.querySelectorAll('.step')].filter(s => s.checkVisibility())
               .map(s => s.querySelector('h2 .title')?.textContent ?? s.querySelector('h2').textContent);",
        );
        strings(titles)
    };
    assert_eq!(shown(), [title_of(0)], "one step per screen");
    assert_eq!(text_of(b, "#progress"), format!("Step 1 of {total}"));
    b.keys(&[RIGHT, RIGHT, RIGHT, RIGHT]);
    assert_eq!(shown(), [title_of(4)]);
    assert_eq!(text_of(b, "#progress"), format!("Step 5 of {total}"));
    assert_eq!(b.js("return location.hash;"), "#step=5");
    let note_shown = "return document.querySelector('.step.current .note').checkVisibility();";
    assert_eq!(b.js(note_shown), false, "notes wait for the teacher");
    b.keys(&["i"]);
    assert_eq!(b.js(note_shown), true);
    b.keys(&[LEFT]);
    assert_eq!(shown(), [title_of(3)]);
    assert_eq!(b.js(note_shown), true, "notes stay open from step to step");
    b.keys(&[END]);
    assert_eq!(text_of(b, "#progress"), "All questions");
    b.keys(&[HOME]);
    assert_eq!(shown(), [title_of(0)]);
    assert_eq!(b.js("return document.getElementById('prev').disabled;"), true);
    b.goto(&format!("{tour}#step=7"));
    assert_eq!(shown(), [title_of(6)], "#step=7 opens the seventh step");
}

fn a_tour_prints_as_a_worksheet(b: &Browser, tour: &str, dir: &Path, pdftotext: &Path) {
    b.goto(&format!("{tour}#step=3"));
    let pdf = dir.join("tour.pdf");
    b.print_pdf(&pdf);
    let text = pdf_text(pdftotext, &pdf);
    assert_eq!(text.matches("Question for the class").count(), 13, "every step prints");
    // The tour's own note, then one a step.
    assert_eq!(text.matches("Note for the teacher").count(), 14);
    assert!(text.contains("All questions"));
    assert!(!text.contains("Previous"), "no controls in print");
}

fn the_students_copy_has_no_notes(b: &Browser, students: &str) {
    b.goto(students);
    assert_eq!(b.js("return document.querySelectorAll('.note, #notes').length;"), 0);
    assert_eq!(b.js("return document.querySelectorAll('.question').length;"), 13);
}

fn hostile_text_stays_text(b: &Browser, page: &str) {
    b.goto(page);
    // The time axis's own SVG and the page's maps aside.
    let counts = b
        .js("return ['script', 'img', 'svg:not(#tl svg, .atlas, .map)', 'b', 'i:not(small i)']
           .map(s => document.querySelectorAll(s).length);");
    assert_eq!(counts, serde_json::json!([1, 0, 0, 0, 0]), "no element from the data");
    assert!(text_of(b, "h1").starts_with("<script>alert('page title')</script>"));
    let links = b.js("return [...document.links].map(a => a.getAttribute('href'));");
    for href in strings(links) {
        assert!(href.starts_with("https://") || href.starts_with("#"), "a link to {href}");
    }
    let dir =
        b.js("return getComputedStyle(document.querySelector('#ev-arabic .title')).direction;");
    assert_eq!(dir, "rtl", "Arabic text reads right to left");
}

/// The ids of the marks drawn (a cluster's too), in lane `lane` or in all.
fn marks(b: &Browser, lane: Option<usize>) -> Vec<String> {
    let within = lane.map_or(String::new(), |n| format!("[data-lane=\"{n}\"]"));
    let script = format!(
        "return [...document.querySelectorAll('#tl-svg a[data-id]{within}, #tl-svg .cl{within}')]
           .filter(a => a.checkVisibility())
           .flatMap(a => a.dataset.ids ? a.dataset.ids.split(' ') : [a.dataset.id]);"
    );
    let mut ids = strings(b.js(&script));
    ids.sort();
    ids
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

fn the_time_axis_follows_the_filters_in_lanes(b: &Browser, page: &str) {
    // A new load each time: the same address again would not be one.
    let goto = |fragment: &str| {
        b.goto("about:blank");
        b.goto(&format!("{page}#{fragment}"));
    };
    goto("country=KZ");
    assert_eq!(marks(b, None), sorted(listed(&["--country", "KZ"])), "packed, filtered");
    // The powers, from the address: a lane each, holding what list shows.
    goto("country=KZ&lanes=powers");
    let labels = strings(
        b.js("return [...document.querySelectorAll('#tl-svg .ln')].map(t => t.textContent);"),
    );
    assert_eq!(labels, ["Russia", "China", "The West", "Turkey (Türkiye)"]);
    for (n, members) in ["RU", "CN", "US,EU,GB", "TR"].iter().enumerate() {
        let both: Vec<String> = listed(&["--country", members])
            .into_iter()
            .filter(|id| listed(&["--country", "KZ"]).contains(id))
            .collect();
        assert_eq!(marks(b, Some(n)), sorted(both), "lane {members}");
    }
    // A filter ticked keeps the lanes in the address; choosing lanes keeps the filter.
    b.js("document.querySelector('input[value=UZ]').click(); return null;");
    let hash = b.js("return location.hash;");
    assert!(
        hash.as_str().is_some_and(|h| h.contains("lanes=powers") && h.contains("UZ")),
        "{hash}"
    );
    b.js("const s = document.getElementById('tl-lanes'); s.value = 'country';
          s.dispatchEvent(new Event('change')); return null;");
    let hash = b.js("return location.hash;");
    assert!(
        hash.as_str().is_some_and(|h| h.contains("lanes=country") && h.contains("country=KZ")),
        "{hash}"
    );
    // Zoomed in by keys, a click on a mark shows its event.
    goto("lanes=powers");
    b.js("document.getElementById('tl-svg').focus(); return null;");
    let before = b.js("return document.querySelectorAll('#tl-svg .cl').length;");
    b.keys(&["+", "+", "+"]);
    let after = b.js("return document.querySelectorAll('#tl-svg .cl').length;");
    assert_ne!(before, after, "zooming in splits clusters");
    b.keys(&["0"]);
    let id = b.js("const a = document.querySelector('#tl-l a[data-id]'); a.dispatchEvent(new MouseEvent('click', {bubbles: true})); return a.dataset.id;");
    let shown = text_of(b, "#tl-card");
    let title = text_of(b, &format!("#t-{} .title", id.as_str().unwrap_or_default()));
    assert!(shown.contains(&title), "{shown} shows {title}");
}

fn a_lesson_marks_its_step_on_the_axis(b: &Browser, tour: &str) {
    b.goto("about:blank");
    b.goto(&format!("{tour}#step=3"));
    let current =
        b.js("return [...document.querySelectorAll('#tl-svg .cur')].map(m => m.dataset.step);");
    assert_eq!(strings(current), ["3"]);
    b.keys(&[RIGHT]);
    let current =
        b.js("return [...document.querySelectorAll('#tl-svg .cur')].map(m => m.dataset.step);");
    assert_eq!(strings(current), ["4"]);
}

/// A big timeline: ticking a country (the list filtered, the axis redrawn),
/// choosing lanes and zooming work at that size. 2,000 events here, as the
/// page's load is most of this suite's time; `STEPPE_BROWSER_EVENTS=10000`
/// for the figures in BENCHMARKS.md. How long each takes is printed, not
/// asserted.
fn a_big_timeline_draws_and_filters(b: &Browser, dir: &Path) {
    let n: usize =
        std::env::var("STEPPE_BROWSER_EVENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let started = std::time::Instant::now();
    let mut yaml = String::from("countries:\n");
    let codes = ["KZ", "KG", "TJ", "TM", "UZ", "RU", "CN", "US"];
    for c in codes {
        yaml.push_str(&format!("  - {{code: {c}, name: Country {c}}}\n"));
    }
    yaml.push_str("events:\n");
    for i in 0..n {
        let (a, c) = (codes[i % 8], codes[(i / 8) % 8]);
        yaml.push_str(&format!(
            "  - {{id: e{i}, date: {}-{:02}-{:02}, title: Event {i}, countries: [{a}, {c}], tags: [t{}], sources: [https://example.org]}}\n",
            1900 + i / 100, 1 + i % 12, 1 + i % 28, i % 7
        ));
    }
    let file = dir.join("big.yaml");
    std::fs::write(&file, yaml).expect("write");
    let page = export(dir, "big.html", &[file.to_str().expect("path")]);
    let exported = started.elapsed();
    b.goto("about:blank");
    b.goto(&page);
    let loaded = started.elapsed() - exported;
    // Timed once each, for the log: BENCHMARKS.md keeps the figures.
    let ms = |script: &str| {
        let v =
            b.js(&format!("const t = performance.now(); {script}; return performance.now() - t;"));
        v.as_f64().unwrap_or(f64::MAX)
    };
    let filter = ms("document.querySelector('input[value=KZ]').click()");
    let lanes = ms(
        "const s = document.getElementById('tl-lanes'); s.value = 'country'; s.dispatchEvent(new Event('change'))",
    );
    let zoom = ms("document.getElementById('tl-in').click()");
    // Kazakhstan ticked: the events that name it, and no other.
    let kz = (0..n).filter(|i| i % 8 == 0 || (i / 8) % 8 == 0).count();
    assert_eq!(text_of(b, "#shown"), kz.to_string());
    let lanes_shown = b.js("return document.querySelectorAll('#tl-svg text.ln').length;");
    assert!(lanes_shown.as_u64().is_some_and(|n| n > 0), "lanes by country: {lanes_shown}");
    eprintln!(
        "{n} events in Chromium: exported in {exported:.1?}, loaded in {loaded:.1?}; filter {filter:.0} ms, lanes {lanes:.0} ms, zoom {zoom:.0} ms"
    );
}

fn works_without_script(b: &Browser, page: &str) {
    b.cdp("Emulation.setScriptExecutionDisabled", serde_json::json!({ "value": true }));
    b.goto(&format!("{page}#country=KZ"));
    let (shown, _) = visible(b);
    assert_eq!(shown, listed(&[]), "every event is there without the script");
    assert_eq!(b.js("return document.getElementById('filters').checkVisibility();"), false);
    // The time axis is drawn by the exporter: a mark per event, each a link to it.
    let marks = b.js("return [...document.querySelectorAll('#tl-svg a[data-id]')]
           .filter(a => a.checkVisibility()).map(a => a.dataset.id);");
    assert_eq!(strings(marks), listed(&[]), "a mark per event without the script");
    let href = b.js("return document.querySelector('#tl-svg a[data-id]').getAttribute('href');");
    assert_eq!(href.as_str(), Some(format!("#ev-{}", listed(&[])[0]).as_str()));
    maps_are_drawn(b);
    b.cdp("Emulation.setScriptExecutionDisabled", serde_json::json!({ "value": false }));
}

/// Every event has its locator map, drawn (the outlines have a size on the
/// screen), and the region map paints Kazakhstan where Kazakhstan is.
fn maps_are_drawn(b: &Browser) {
    let counts = b.js("const evs = [...document.querySelectorAll('article.event')];
         const drawn = evs.filter((a) => {
           const svg = a.querySelector('.locator svg');
           const r = svg && svg.getBoundingClientRect();
           return r && r.width > 100 && r.height > 40
             && svg.querySelector('use.land').getBBox().width > 0
             && [...svg.querySelectorAll('use.on')].every((u) => u.getBBox().width > 0);
         });
         return [evs.length, drawn.length];");
    assert!(counts[0].as_u64() > Some(0) && counts[0] == counts[1], "drawn locators: {counts}");
    let kz = b.js(KAZAKHSTAN);
    assert_eq!(kz[0], true, "the region map's Kazakhstan is under its middle: {kz}");
    assert_eq!(kz[1], "s5", "the busiest country is darkest: {kz}");
}

/// Whether the point in the middle of Kazakhstan on the region map is
/// Kazakhstan's shape, and its shade.
const KAZAKHSTAN: &str = "const u = document.querySelector('.region use[data-m=KZ]');
    u.scrollIntoView({ block: 'center' });
    const r = u.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return [hit === u, u.getAttribute('class')];";

/// With the script on, the region map is shaded by the events shown.
fn maps_follow_the_filters(b: &Browser, page: &str) {
    b.goto(&format!("{page}#country=US"));
    // Seven events with the United States: three with Kazakhstan, six with Uzbekistan.
    let kz = b.js(KAZAKHSTAN);
    assert_eq!(kz[1], "s3", "Kazakhstan lighter with fewer events: {kz}");
    let uz = b.js("return document.querySelector('.region use[data-m=UZ]').getAttribute('class');");
    assert_eq!(uz, "s5");
    let title = text_of(b, ".region use[data-m=KZ] title");
    assert_eq!(title, "Kazakhstan: 3");
}
