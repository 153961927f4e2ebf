//! Pictures of one's own in the page: made smaller and compressed again
//! (the `image` crate) until each fits its budget, then written into the
//! page as a `data:` address, so the one file still works offline. The
//! page's policy allows images from `data:` and nowhere else.

use std::io::Cursor;

use base64::Engine as _;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, RgbaImage};

use crate::model::Picture;

/// The most bytes one picture adds to the page (before base64).
pub const BUDGET: usize = 120 * 1024;
/// The widest a picture is kept: a page column, twice over for sharp screens.
const WIDEST: u32 = 960;

/// A picture ready for the page.
pub struct Embedded {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// The picture as a `data:` address within [`BUDGET`]: JPEG, or PNG where
/// it has transparent parts; smaller and more compressed until it fits.
pub fn embed(p: &Picture) -> Option<Embedded> {
    let image = RgbaImage::from_raw(p.width, p.height, p.rgba.to_vec())?;
    let clear = image.pixels().any(|px| px.0[3] < 255);
    let mut img = DynamicImage::ImageRgba8(image);
    let mut widest = WIDEST;
    loop {
        if img.width() > widest || img.height() > widest {
            img = img.resize(widest, widest, FilterType::Triangle);
        }
        for quality in [82u8, 70, 55] {
            let mut bytes = Vec::new();
            let (kind, ok) = if clear {
                let ok = img.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).is_ok();
                ("image/png", ok)
            } else {
                let rgb = img.to_rgb8();
                let ok =
                    JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(&rgb).is_ok();
                ("image/jpeg", ok)
            };
            if ok && bytes.len() <= BUDGET {
                let data = base64::engine::general_purpose::STANDARD.encode(&bytes);
                return Some(Embedded {
                    src: format!("data:{kind};base64,{data}"),
                    width: img.width(),
                    height: img.height(),
                });
            }
            if clear {
                break;
            }
        }
        if widest <= 120 {
            return None;
        }
        widest = widest * 3 / 4;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn noise(width: u32, height: u32, alpha: u8) -> Picture {
        let mut seed = 7u32;
        let rgba: Vec<u8> = (0..width * height * 4)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                if i % 4 == 3 { alpha } else { (seed >> 16) as u8 }
            })
            .collect();
        Picture { width, height, rgba: Arc::new(rgba) }
    }

    #[test]
    fn a_picture_fits_its_budget_as_jpeg_or_png() {
        // Noise compresses worst of all: it must still fit, smaller.
        let e = embed(&noise(1280, 960, 255)).expect("embedded");
        assert!(e.src.starts_with("data:image/jpeg;base64,"));
        assert!(e.src.len() <= BUDGET * 4 / 3 + 40, "{} bytes", e.src.len());
        assert!(e.width <= WIDEST && e.width * 3 == e.height * 4, "{}×{}", e.width, e.height);
        let e = embed(&noise(64, 64, 128)).expect("embedded");
        assert!(e.src.starts_with("data:image/png;base64,"));
        assert_eq!((e.width, e.height), (64, 64));
    }
}
