//! How pictures are drawn: not at all (`--images off`), in Unicode half
//! blocks (the default, and always in tmux), or with the terminal's own
//! graphics (kitty, sixel, iTerm2) once it has said it has them. The
//! explorer asks at start (see `crate::tui::terminal::ask_graphics`) and the
//! answers arrive as messages, so nothing waits for a terminal that does
//! not answer: until it does, and if it never does, half blocks.

/// A terminal's own way of drawing pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Graphics {
    Kitty,
    Sixel,
    Iterm2,
}

/// What the terminal said of itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// It drew kitty's test image.
    Kitty,
    /// Its device attributes, the last answer: whether they list sixel.
    Attributes { sixel: bool },
    /// The size of a cell in pixels.
    Cell { width: u16, height: u16 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Images {
    /// False with `--images off`.
    pub on: bool,
    /// The terminal's graphics, once it has answered.
    pub graphics: Option<Graphics>,
    /// Pixels of a cell, as the terminal told (else a guess of 10×20).
    pub cell: (u16, u16),
    kitty: bool,
    /// iTerm2's or WezTerm's environment: they draw iTerm2's pictures.
    iterm2: bool,
}

impl Default for Images {
    fn default() -> Self {
        Images { on: true, graphics: None, cell: (10, 20), kitty: false, iterm2: false }
    }
}

impl Images {
    /// Pictures drawn as the environment allows: `iterm2` for iTerm2's
    /// terminal (or WezTerm), which draw iTerm2's pictures and may not say so.
    pub fn new(on: bool, iterm2: bool) -> Self {
        Images { on, iterm2, ..Images::default() }
    }

    /// Takes an answer in; true when how pictures are drawn changed.
    pub fn hear(&mut self, heard: Heard) -> bool {
        let before = *self;
        match heard {
            Heard::Kitty => self.kitty = true,
            Heard::Cell { width, height } if width > 0 && height > 0 => {
                self.cell = (width, height);
            }
            Heard::Cell { .. } => {}
            // The last answer: decide.
            Heard::Attributes { sixel } => {
                self.graphics = if self.kitty {
                    Some(Graphics::Kitty)
                } else if self.iterm2 {
                    Some(Graphics::Iterm2)
                } else if sixel {
                    Some(Graphics::Sixel)
                } else {
                    None
                };
            }
        }
        *self != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_answer_decides_and_kitty_comes_first() {
        let mut i = Images::default();
        assert!(i.on && i.graphics.is_none());
        i.hear(Heard::Kitty);
        i.hear(Heard::Cell { width: 9, height: 18 });
        assert!(i.graphics.is_none(), "not before the last answer");
        assert!(i.hear(Heard::Attributes { sixel: true }));
        assert_eq!((i.graphics, i.cell), (Some(Graphics::Kitty), (9, 18)));
        let mut i = Images::default();
        i.hear(Heard::Attributes { sixel: true });
        assert_eq!(i.graphics, Some(Graphics::Sixel));
        let mut i = Images::default();
        i.hear(Heard::Attributes { sixel: false });
        assert_eq!(i.graphics, None, "half blocks");
    }
}
