//! Every colour pair each theme draws text in is held to the WCAG contrast
//! ratio: 7:1 (AAA) for the `contrast` and `projector` themes, 4.5:1 (AA)
//! for the others. Named colours are taken at xterm's default values, the
//! 256-colour palette at its standard values; a theme that leaves the
//! background to the terminal is checked on the background it is made for.

use ratatui::style::{Color, Modifier, Style};
use steppe::tui::theme::Theme;

fn rgb(c: Color) -> (u8, u8, u8) {
    const SIXTEEN: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let indexed = |i: u8| -> (u8, u8, u8) {
        match i {
            0..=15 => SIXTEEN[usize::from(i)],
            16..=231 => {
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                let n = i - 16;
                (level(n / 36), level(n / 6 % 6), level(n % 6))
            }
            _ => {
                let g = 8 + 10 * (i - 232);
                (g, g, g)
            }
        }
    };
    match c {
        Color::Black => indexed(0),
        Color::Red => indexed(1),
        Color::Green => indexed(2),
        Color::Yellow => indexed(3),
        Color::Blue => indexed(4),
        Color::Magenta => indexed(5),
        Color::Cyan => indexed(6),
        Color::Gray => indexed(7),
        Color::DarkGray => indexed(8),
        Color::LightRed => indexed(9),
        Color::LightGreen => indexed(10),
        Color::LightYellow => indexed(11),
        Color::LightBlue => indexed(12),
        Color::LightMagenta => indexed(13),
        Color::LightCyan => indexed(14),
        Color::White => indexed(15),
        Color::Indexed(i) => indexed(i),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Reset => panic!("Reset has no colour of its own"),
    }
}

/// Relative luminance (WCAG 2.x).
fn luminance(c: Color) -> f64 {
    let (r, g, b) = rgb(c);
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn ratio(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every style a theme has, by name.
fn styles(t: &Theme) -> Vec<(&'static str, Style)> {
    vec![
        ("base", t.base),
        ("border", t.border),
        ("border_focus", t.border_focus),
        ("title", t.title),
        ("selected", t.selected),
        ("selected_idle", t.selected_idle),
        ("dim", t.dim),
        ("era", t.era),
        ("year", t.year),
        ("checked", t.checked),
        ("key", t.key),
        ("bar", t.bar),
        ("marker", t.marker),
        ("warning", t.warning),
        ("heading", t.heading),
        ("link", t.link),
    ]
}

/// The (foreground, background) a style draws with on top of the theme's
/// base, over a terminal whose own colours are `terminal`.
fn pair(theme: &Theme, style: Style, terminal: (Color, Color)) -> (Color, Color) {
    let fg = style.fg.or(theme.base.fg).unwrap_or(terminal.0);
    let bg = style.bg.or(theme.base.bg).unwrap_or(terminal.1);
    if style.add_modifier.contains(Modifier::REVERSED) { (bg, fg) } else { (fg, bg) }
}

fn check(name: &str, theme: &Theme, terminal: (Color, Color), least: f64) {
    let mut failures = Vec::new();
    for (field, style) in styles(theme) {
        let (fg, bg) = pair(theme, style, terminal);
        let r = ratio(fg, bg);
        if r < least {
            failures.push(format!("{field}: {fg:?} on {bg:?} is {r:.2}:1"));
        }
    }
    assert!(failures.is_empty(), "{name} needs {least}:1 —\n{}", failures.join("\n"));
}

const DARK_TERMINAL: (Color, Color) = (Color::Gray, Color::Black);
const LIGHT_TERMINAL: (Color, Color) = (Color::Black, Color::White);

#[test]
fn contrast_and_projector_reach_seven_to_one() {
    check("contrast", &Theme::contrast(), DARK_TERMINAL, 7.0);
    check("projector", &Theme::projector(), LIGHT_TERMINAL, 7.0);
    // The projector theme paints its own background: a dark terminal changes nothing.
    check("projector on a dark terminal", &Theme::projector(), DARK_TERMINAL, 7.0);
}

#[test]
fn the_other_themes_reach_four_and_a_half_to_one() {
    check("dark", &Theme::dark(), DARK_TERMINAL, 4.5);
    check("light", &Theme::light(), LIGHT_TERMINAL, 4.5);
    check("mono", &Theme::mono(), DARK_TERMINAL, 4.5);
    check("mono", &Theme::mono(), LIGHT_TERMINAL, 4.5);
}

#[test]
fn the_ratio_is_computed_as_wcag_defines_it() {
    assert!((ratio(Color::Black, Color::White) - 21.0).abs() < 1e-9);
    assert!((ratio(Color::White, Color::White) - 1.0).abs() < 1e-9);
    // #777 on white is the well-known 4.48:1 that just fails AA.
    assert!((ratio(Color::Rgb(0x77, 0x77, 0x77), Color::White) - 4.48).abs() < 0.01);
    assert_eq!(rgb(Color::Indexed(231)), (255, 255, 255));
    assert_eq!(rgb(Color::Indexed(18)), (0, 0, 135));
    assert_eq!(rgb(Color::Indexed(244)), (128, 128, 128));
}

#[test]
fn the_projector_theme_is_black_on_white() {
    let t = Theme::projector();
    assert_eq!(rgb(t.base.fg.expect("ink")), (0, 0, 0));
    assert_eq!(rgb(t.base.bg.expect("paper")), (255, 255, 255));
}
