//! Named styles. Widgets take their looks from here and never pick colours.

use ratatui::style::{Color, Modifier, Style};

/// Colours of the 256-colour palette (the 6×6×6 cube and the grey ramp,
/// the same in every terminal that has it) used by the projector theme.
const BLACK: u8 = 16;
const WHITE: u8 = 231;
const NAVY: u8 = 18;
const MAROON: u8 = 88;
const GREEN: u8 = 22;
const PURPLE: u8 = 54;
const GREY: u8 = 238;
/// Light colours for the other themes where the 16 colours read badly.
const SKY: u8 = 75;
const SALMON: u8 = 210;
const DIM_GREY: u8 = 242;
const LEAF: u8 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Every cell starts in this style: the contrast theme paints the whole screen.
    pub base: Style,
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    /// The selected line: reverse video, so it shows without colour too.
    pub selected: Style,
    /// The selection of a pane without the focus: marked, not reversed.
    pub selected_idle: Style,
    pub dim: Style,
    pub era: Style,
    pub year: Style,
    pub checked: Style,
    pub key: Style,
    pub bar: Style,
    pub marker: Style,
    pub warning: Style,
    pub heading: Style,
    pub link: Style,
    /// Text a search found, in the lists and the event.
    pub found: Style,
}

impl Theme {
    /// The part of a typed expression that is wrong.
    pub fn error_mark(&self) -> Style {
        self.warning.add_modifier(Modifier::UNDERLINED | Modifier::REVERSED)
    }

    pub fn dark() -> Theme {
        Theme {
            base: Style::new(),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_idle: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: Style::new().fg(Color::DarkGray),
            era: Style::new().fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
            year: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            checked: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            // Pure blue is too dark to read on black: a light sky blue.
            bar: Style::new().fg(Color::Indexed(SKY)),
            marker: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            link: Style::new().fg(Color::Indexed(SKY)).add_modifier(Modifier::UNDERLINED),
            found: Style::new().fg(Color::Black).bg(Color::Yellow),
        }
    }

    /// No colours at all, for `NO_COLOR`: a colour change there would reset
    /// reverse video and hide the selection.
    pub fn mono() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            base: Style::new(),
            border: Style::new(),
            border_focus: bold,
            title: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_idle: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: Style::new(),
            era: bold,
            year: bold,
            checked: bold,
            key: bold,
            bar: Style::new(),
            marker: bold,
            warning: bold,
            heading: bold,
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            found: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    /// Colours that read on a white background.
    pub fn light() -> Theme {
        Theme {
            border: Style::new().fg(Color::Black),
            border_focus: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            title: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            // The 16 colours' greys and greens are too light on white.
            dim: Style::new().fg(Color::Indexed(DIM_GREY)),
            era: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            year: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            checked: Style::new().fg(Color::Indexed(LEAF)).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::Blue),
            marker: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            link: Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            found: Style::new().fg(Color::Black).bg(Color::LightYellow),
            ..Theme::dark()
        }
    }

    /// High contrast for projectors and low vision: white and yellow on
    /// black, everything that matters in bold.
    pub fn contrast() -> Theme {
        let strong = |c: Color| Style::new().fg(c).add_modifier(Modifier::BOLD);
        Theme {
            base: Style::new().fg(Color::White).bg(Color::Black),
            border: strong(Color::White),
            border_focus: strong(Color::Yellow),
            title: strong(Color::White),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            selected_idle: strong(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            dim: strong(Color::White),
            era: strong(Color::Cyan),
            year: strong(Color::Yellow),
            checked: strong(Color::Green),
            key: strong(Color::Yellow),
            bar: strong(Color::White),
            marker: strong(Color::Yellow),
            warning: strong(Color::Indexed(SALMON)),
            heading: strong(Color::Cyan),
            link: strong(Color::White).add_modifier(Modifier::UNDERLINED),
            found: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    /// Black on white for a projector in a room with daylight, where dark
    /// themes wash out: dark colours from the 256-colour palette, whose
    /// values terminals agree on, everything that matters in bold.
    pub fn projector() -> Theme {
        let ink = |c: u8| Style::new().fg(Color::Indexed(c)).bg(Color::Indexed(WHITE));
        let strong = |c: u8| ink(c).add_modifier(Modifier::BOLD);
        Theme {
            base: ink(BLACK),
            border: ink(BLACK),
            border_focus: strong(NAVY),
            title: strong(BLACK),
            selected: ink(BLACK).add_modifier(Modifier::BOLD | Modifier::REVERSED),
            selected_idle: strong(NAVY).add_modifier(Modifier::UNDERLINED),
            dim: ink(GREY),
            era: strong(PURPLE),
            year: strong(MAROON),
            checked: strong(GREEN),
            key: strong(NAVY),
            bar: ink(NAVY),
            marker: strong(MAROON),
            warning: strong(MAROON),
            heading: strong(NAVY),
            link: ink(NAVY).add_modifier(Modifier::UNDERLINED),
            // Bright yellow (palette 226) under black: marked on white paper too.
            found: strong(BLACK).bg(Color::Indexed(226)),
        }
    }

    /// The theme `named` makes; `mono` whatever was asked when `NO_COLOR`
    /// is set to anything non-empty.
    pub fn choose(named: fn() -> Theme) -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => named(),
        }
    }
}
