//! A picture of one's own on a slide or in the event view, drawn by
//! ratatui-image: in half blocks (`▀` with two colours a cell), or with the
//! terminal's own graphics. It keeps its shape, fits the room it is given,
//! and is centred in it.
//!
//! Making a picture for a size costs a resize (and, for the terminal's
//! graphics, an encoding), so the last few are kept for the next frames: a
//! cache of drawing results, not state; the frame drawn is the same with or
//! without it.

use std::cell::RefCell;
use std::sync::Arc;

use image::{DynamicImage, RgbaImage};
use ratatui::Frame;
use ratatui::layout::{Rect, Size};
use ratatui_image::Image;
use ratatui_image::protocol::Protocol;
use ratatui_image::protocol::halfblocks::Halfblocks;
use ratatui_image::protocol::iterm2::Iterm2;
use ratatui_image::protocol::kitty::Kitty;
use ratatui_image::protocol::sixel::Sixel;

use crate::model::Picture;
use crate::tui::state::{Graphics, Images};

/// The fewest rows a picture is drawn in: smaller, it says nothing.
pub const LEAST_ROWS: u16 = 6;

/// Cells across and down for a picture within `room`, keeping its shape;
/// `cell` is a cell's size in pixels (half blocks: one pixel by two).
pub fn fit(p: &Picture, room: Size, cell: (u16, u16)) -> Size {
    let (cw, ch) = (f64::from(cell.0.max(1)), f64::from(cell.1.max(1)));
    let (pw, ph) = (f64::from(p.width.max(1)), f64::from(p.height.max(1)));
    // The picture's height in cells for each cell across.
    let rows_per_column = ph / pw * cw / ch;
    let mut columns = f64::from(room.width);
    if columns * rows_per_column > f64::from(room.height) {
        columns = f64::from(room.height) / rows_per_column;
    }
    let rows = (columns * rows_per_column).round().clamp(1.0, f64::from(room.height));
    Size::new(columns.floor().max(1.0) as u16, rows as u16)
}

type Key = (usize, Size, Option<Graphics>);

thread_local! {
    static MADE: RefCell<Vec<(Key, Arc<Protocol>)>> = const { RefCell::new(Vec::new()) };
}

/// The picture for `size` cells, made or kept.
fn protocol(p: &Picture, size: Size, images: Images) -> Option<Arc<Protocol>> {
    let key = (Arc::as_ptr(&p.rgba) as usize, size, images.graphics);
    if let Some(hit) =
        MADE.with_borrow(|m| m.iter().find(|(k, _)| *k == key).map(|(_, p)| p.clone()))
    {
        return Some(hit);
    }
    let rgba = RgbaImage::from_raw(p.width, p.height, p.rgba.to_vec())?;
    let image = DynamicImage::ImageRgba8(rgba);
    let (cw, ch) = (u32::from(images.cell.0), u32::from(images.cell.1));
    let pixels = |image: DynamicImage| {
        image.resize_exact(
            u32::from(size.width) * cw,
            u32::from(size.height) * ch,
            image::imageops::FilterType::Triangle,
        )
    };
    let made = match images.graphics {
        None => Protocol::Halfblocks(Halfblocks::new(image, size).ok()?),
        Some(Graphics::Kitty) => {
            let id = (key.0 as u32).wrapping_mul(2_654_435_761) | 1;
            Protocol::Kitty(Kitty::new(pixels(image), size, id, false, false).ok()?)
        }
        Some(Graphics::Sixel) => Protocol::Sixel(Sixel::new(pixels(image), size, false).ok()?),
        Some(Graphics::Iterm2) => Protocol::ITerm2(Iterm2::new(pixels(image), size, false).ok()?),
    };
    let made = Arc::new(made);
    MADE.with_borrow_mut(|m| {
        m.insert(0, (key, made.clone()));
        m.truncate(4);
    });
    Some(made)
}

/// Draws the picture centred in `area`; `None` (nothing drawn) when
/// pictures are off or the area is too small.
pub fn draw(p: &Picture, images: Images, area: Rect, frame: &mut Frame) -> Option<Rect> {
    if !images.on || area.height < LEAST_ROWS || area.width < 2 * LEAST_ROWS {
        return None;
    }
    let cell = if images.graphics.is_some() { images.cell } else { (1, 2) };
    let size = fit(p, area.as_size(), cell);
    let at = Rect {
        x: area.x + (area.width - size.width) / 2,
        y: area.y + (area.height - size.height) / 2,
        width: size.width,
        height: size.height,
    };
    let made = protocol(p, size, images)?;
    frame.render_widget(Image::new(&made), at);
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(width: u32, height: u32) -> Picture {
        Picture { width, height, rgba: Arc::new(vec![0; (width * height * 4) as usize]) }
    }

    #[test]
    fn a_picture_keeps_its_shape_in_cells() {
        // 2:1 in half blocks (a cell one pixel by two): 40 across, 10 down.
        assert_eq!(fit(&picture(800, 400), Size::new(40, 30), (1, 2)), Size::new(40, 10));
        // Too tall for the room: the height rules.
        assert_eq!(fit(&picture(400, 800), Size::new(80, 10), (1, 2)), Size::new(10, 10));
        // Cells of 10×20 pixels, a square picture: twice as many columns as rows.
        assert_eq!(fit(&picture(500, 500), Size::new(100, 12), (10, 20)), Size::new(24, 12));
    }
}
