//! Pictures of one's own: `media.url` naming a file beside the timeline
//! (`images/aral-1989.jpg`). Once a file is read, each is found relative to
//! it, checked (it exists, is not too big, decodes) and kept, made smaller,
//! in the event's media; a problem is reported at the `url`'s line.

use std::io::{BufRead, Seek};
use std::path::Path;
use std::sync::Arc;

use image::imageops::FilterType;

use super::diagnostic::Diagnostic;
use super::schema::FileContent;
use crate::model::Picture;
#[cfg(test)]
use crate::model::is_picture_path;
use crate::text::sanitize;

/// The largest picture file read: a photograph from a camera, not a poster.
pub const MOST_BYTES: u64 = 10 * 1024 * 1024;

/// The most pixels on a side a picture may have before it is made smaller.
const MOST_SIDE: u32 = 12_000;

/// Reads the pictures of one file's events; `base` is the file's folder,
/// `None` for a timeline that is not a file (the bundled one, or standard
/// input), where a path means nothing.
pub fn read(content: &mut FileContent, base: Option<&Path>, diags: &mut Vec<Diagnostic>) {
    let file = content.file;
    for def in &mut content.events {
        let (Some(mark), Some(media)) = (def.picture, def.event.media.as_deref_mut()) else {
            continue;
        };
        let shown = sanitize::visible(&media.url);
        let what = format!("the media of event `{}`", sanitize::visible(&def.event.id));
        match picture(&media.url, base) {
            Ok(p) => media.picture = Some(p),
            Err((message, help)) => {
                let message = format!("`{shown}` in {what}: {message}");
                diags.push(Diagnostic::error(file, Some(mark), message).with_help(help));
                def.complete = false;
            }
        }
    }
}

type Problem = (String, Option<String>);

/// One picture, found, checked and made at most [`Picture::MOST`] on a side.
pub fn picture(url: &str, base: Option<&Path>) -> Result<Picture, Problem> {
    let Some(base) = base else {
        return Err((
            "a picture of one's own is found beside the timeline file, and this timeline is not a file".into(),
            Some("save the timeline as a file next to its pictures, or give the picture's web address".into()),
        ));
    };
    let path = base.join(url);
    let place = path.display().to_string();
    let meta = std::fs::metadata(&path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_string(),
            _ => format!("it cannot be read ({e})"),
        };
        (
            format!("{why} (looked for {place})"),
            Some("the path is relative to the timeline file's folder".to_string()),
        )
    })?;
    if !meta.is_file() {
        return Err((format!("{place} is not a file"), None));
    }
    if meta.len() > MOST_BYTES {
        return Err((
            format!(
                "the file is {:.1} MB, over the limit of {} MB for a picture",
                meta.len() as f64 / 1_048_576.0,
                MOST_BYTES / 1_048_576
            ),
            Some(format!(
                "make it smaller: {} pixels across is plenty for a projector",
                Picture::MOST
            )),
        ));
    }
    let unreadable = |e: &dyn std::fmt::Display| {
        (
            format!("it could not be read as a picture ({e})"),
            Some("save it as PNG, JPEG, GIF or WebP".to_string()),
        )
    };
    let reader = image::ImageReader::open(&path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| unreadable(&e))?;
    decode(reader).map_err(|e| unreadable(&e))
}

/// Decodes a picture within the limits every picture has (a file beside the
/// timeline, or one `export --embed-remote` fetched), and makes it at most
/// [`Picture::MOST`] on a side.
pub fn decode<R: BufRead + Seek>(mut reader: image::ImageReader<R>) -> image::ImageResult<Picture> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MOST_SIDE);
    limits.max_image_height = Some(MOST_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode()?;
    let img = if img.width() > Picture::MOST || img.height() > Picture::MOST {
        img.resize(Picture::MOST, Picture::MOST, FilterType::Triangle)
    } else {
        img
    };
    let rgba = img.into_rgba8();
    let (width, height) = rgba.dimensions();
    Ok(Picture { width, height, rgba: Arc::new(rgba.into_raw()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_a_picture_ending_is_a_picture_and_an_address_is_not() {
        assert!(is_picture_path("images/aral-1989.jpg"));
        assert!(is_picture_path("Map.PNG"));
        assert!(!is_picture_path("https://a.org/x.jpg"));
        assert!(!is_picture_path("images/notes.txt"));
        assert!(!is_picture_path("www.example.org"));
        assert!(!is_picture_path("<iframe src=//a.org>.png"));
    }

    #[test]
    fn a_picture_is_read_made_smaller_and_its_problems_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let big = image::RgbImage::from_fn(2000, 1000, |x, _| image::Rgb([(x % 256) as u8, 0, 0]));
        big.save(dir.path().join("wide.png")).expect("save");
        let p = picture("wide.png", Some(dir.path())).expect("read");
        assert_eq!((p.width, p.height), (1280, 640));
        assert_eq!(p.rgba.len(), 1280 * 640 * 4);
        let (missing, _) = picture("nope.jpg", Some(dir.path())).expect_err("missing");
        assert!(missing.contains("no such file"), "{missing}");
        std::fs::write(dir.path().join("fake.jpg"), b"not a picture").expect("write");
        let (broken, _) = picture("fake.jpg", Some(dir.path())).expect_err("broken");
        assert!(broken.contains("could not be read as a picture"), "{broken}");
        let (bundled, _) = picture("wide.png", None).expect_err("no folder");
        assert!(bundled.contains("not a file"), "{bundled}");
    }
}
