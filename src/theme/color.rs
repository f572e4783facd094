//! Colour depth of the terminal, and the mapping of colours down to what it can show.

use ratatui::style::Color;

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorDepth {
    /// No colour at all: `NO_COLOR` is set or the terminal is `dumb`.
    None,
    /// The 16 ANSI colours, which every colour terminal supports.
    Ansi16,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit RGB.
    TrueColor,
}

impl ColorDepth {
    /// Detects the depth from the values of `NO_COLOR`, `COLORTERM` and `TERM` (`None` when a
    /// variable is unset).
    ///
    /// A non-empty `NO_COLOR` turns colour off regardless of the other two, and so does
    /// `TERM=dumb`. `COLORTERM=truecolor` or `24bit` and a `TERM` ending in `-direct` mean
    /// 24-bit colour, and a `TERM` ending in `256color` means 256 colours. Anything else, an
    /// unset `TERM` included, gets 16 colours.
    pub fn detect(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Self {
        if no_color.is_some_and(|value| !value.is_empty()) {
            return Self::None;
        }
        let term = term.unwrap_or_default().to_ascii_lowercase();
        if term == "dumb" {
            return Self::None;
        }

        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" || term.ends_with("-direct") {
            Self::TrueColor
        } else if term.ends_with("256color") {
            Self::Ansi256
        } else {
            Self::Ansi16
        }
    }

    /// Detects the depth from this process's environment variables.
    pub fn from_env() -> Self {
        let read =
            |name: &str| std::env::var_os(name).map(|value| value.to_string_lossy().into_owned());
        let (no_color, colorterm, term) = (read("NO_COLOR"), read("COLORTERM"), read("TERM"));
        Self::detect(no_color.as_deref(), colorterm.as_deref(), term.as_deref())
    }
}

/// Maps `color` to the nearest colour available at `depth`, or `None` at [`ColorDepth::None`].
///
/// Named ANSI colours and `reset` are kept at every depth with colour, because the terminal
/// shows them in its user's own palette. 256-colour indices are kept at 256 colours and up.
pub(super) fn reduce_color(color: Color, depth: ColorDepth) -> Option<Color> {
    match (depth, color) {
        (ColorDepth::None, _) => None,
        (ColorDepth::TrueColor, _) => Some(color),
        (ColorDepth::Ansi256, Color::Rgb(red, green, blue)) => {
            Some(Color::Indexed(nearest_256([red, green, blue])))
        }
        (ColorDepth::Ansi16, Color::Rgb(red, green, blue)) => Some(nearest_16([red, green, blue])),
        (ColorDepth::Ansi16, Color::Indexed(index)) => {
            Some(match ANSI_16.get(usize::from(index)) {
                Some(&(named, _)) => named,
                None => nearest_16(indexed_rgb(index)),
            })
        }
        _ => Some(color),
    }
}

/// The 16 ANSI colours with xterm's default RGB values, in index order.
///
/// NOTE: terminals let users change these 16, so mapping RGB to them is an estimate of what
/// the user will see. Indices 16 to 255 are fixed by xterm's formula and need no estimate.
const ANSI_16: [(Color, [u8; 3]); 16] = [
    (Color::Black, [0x00, 0x00, 0x00]),
    (Color::Red, [0xcd, 0x00, 0x00]),
    (Color::Green, [0x00, 0xcd, 0x00]),
    (Color::Yellow, [0xcd, 0xcd, 0x00]),
    (Color::Blue, [0x00, 0x00, 0xee]),
    (Color::Magenta, [0xcd, 0x00, 0xcd]),
    (Color::Cyan, [0x00, 0xcd, 0xcd]),
    (Color::Gray, [0xe5, 0xe5, 0xe5]),
    (Color::DarkGray, [0x7f, 0x7f, 0x7f]),
    (Color::LightRed, [0xff, 0x00, 0x00]),
    (Color::LightGreen, [0x00, 0xff, 0x00]),
    (Color::LightYellow, [0xff, 0xff, 0x00]),
    (Color::LightBlue, [0x5c, 0x5c, 0xff]),
    (Color::LightMagenta, [0xff, 0x00, 0xff]),
    (Color::LightCyan, [0x00, 0xff, 0xff]),
    (Color::White, [0xff, 0xff, 0xff]),
];

/// Channel levels of the 6×6×6 colour cube at indices 16 to 231.
const CUBE_LEVELS: [u8; 6] = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];

/// Returns the RGB value of a 256-colour index from 16 up, by xterm's formula.
pub(super) fn indexed_rgb(index: u8) -> [u8; 3] {
    if index >= 232 {
        let level = 8 + (index - 232) * 10;
        return [level; 3];
    }
    let cube = index.saturating_sub(16);
    [cube / 36, (cube / 6) % 6, cube % 6].map(|step| CUBE_LEVELS[usize::from(step)])
}

/// Returns the index from 16 to 255 nearest to `rgb`. Indices 0 to 15 are left out because
/// their RGB values depend on the terminal's settings.
fn nearest_256(rgb: [u8; 3]) -> u8 {
    (16..=255)
        .min_by_key(|&index| distance(rgb, indexed_rgb(index)))
        .unwrap_or(16)
}

fn nearest_16(rgb: [u8; 3]) -> Color {
    ANSI_16
        .iter()
        .min_by_key(|(_, value)| distance(rgb, *value))
        .map_or(Color::Reset, |(named, _)| *named)
}

/// Returns the squared Euclidean distance between two RGB values.
fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    a.iter()
        .zip(b)
        .map(|(&x, y)| u32::from(x.abs_diff(y)).pow(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgb_to_256_known_indices() {
        let cases = [
            ([0x00, 0x00, 0x00], 16),
            ([0xff, 0xff, 0xff], 231),
            ([0xff, 0x00, 0x00], 196),
            ([0x5f, 0x87, 0xaf], 67),
            ([0xff, 0x80, 0x00], 208),
            ([0x87, 0x87, 0x87], 102),
            ([0x80, 0x80, 0x80], 244),
            ([0x76, 0x76, 0x76], 243),
            ([0x08, 0x08, 0x08], 232),
            ([0xee, 0xee, 0xee], 255),
        ];
        for (rgb, expected) in cases {
            assert_eq!(nearest_256(rgb), expected, "rgb {rgb:02x?}");
        }
    }

    #[test]
    fn rgb_to_16_known_colors() {
        let cases = [
            ([0x00, 0x00, 0x00], Color::Black),
            ([0x1e, 0x1e, 0x1e], Color::Black),
            ([0xcc, 0x00, 0x00], Color::Red),
            ([0xff, 0x00, 0x00], Color::LightRed),
            ([0x00, 0x00, 0xff], Color::Blue),
            ([0x80, 0x00, 0x80], Color::Magenta),
            ([0x00, 0x80, 0x80], Color::Cyan),
            ([0xff, 0xa5, 0x00], Color::Yellow),
            ([0x80, 0x80, 0x80], Color::DarkGray),
            ([0xc0, 0xc0, 0xc0], Color::Gray),
            ([0xff, 0xff, 0xff], Color::White),
        ];
        for (rgb, expected) in cases {
            assert_eq!(nearest_16(rgb), expected, "rgb {rgb:02x?}");
        }
    }

    #[test]
    fn indexed_rgb_follows_xterm_formula() {
        assert_eq!(indexed_rgb(16), [0, 0, 0]);
        assert_eq!(indexed_rgb(67), [0x5f, 0x87, 0xaf]);
        assert_eq!(indexed_rgb(231), [0xff, 0xff, 0xff]);
        assert_eq!(indexed_rgb(232), [0x08, 0x08, 0x08]);
        assert_eq!(indexed_rgb(255), [0xee, 0xee, 0xee]);
    }

    #[test]
    fn reduce_indexed_to_16() {
        let reduce = |index| reduce_color(Color::Indexed(index), ColorDepth::Ansi16);

        assert_eq!(reduce(3), Some(Color::Yellow));
        assert_eq!(reduce(12), Some(Color::LightBlue));
        assert_eq!(reduce(196), Some(Color::LightRed));
        assert_eq!(reduce(244), Some(Color::DarkGray));
        assert_eq!(reduce(250), Some(Color::Gray));
    }

    #[test]
    fn reduce_keeps_named_colors() {
        for depth in [
            ColorDepth::Ansi16,
            ColorDepth::Ansi256,
            ColorDepth::TrueColor,
        ] {
            assert_eq!(reduce_color(Color::Cyan, depth), Some(Color::Cyan));
            assert_eq!(reduce_color(Color::Reset, depth), Some(Color::Reset));
        }
    }

    #[test]
    fn reduce_by_depth() {
        let orange = Color::Rgb(0xff, 0x80, 0x00);

        assert_eq!(reduce_color(orange, ColorDepth::TrueColor), Some(orange));
        assert_eq!(
            reduce_color(orange, ColorDepth::Ansi256),
            Some(Color::Indexed(208))
        );
        assert_eq!(
            reduce_color(orange, ColorDepth::Ansi16),
            Some(Color::Yellow)
        );
        assert_eq!(reduce_color(orange, ColorDepth::None), None);
        assert_eq!(
            reduce_color(Color::Indexed(67), ColorDepth::Ansi256),
            Some(Color::Indexed(67))
        );
    }

    #[test]
    fn detect_color_depth() {
        let cases = [
            ((None, None, None), ColorDepth::Ansi16),
            ((None, None, Some("xterm")), ColorDepth::Ansi16),
            ((None, None, Some("xterm-256color")), ColorDepth::Ansi256),
            ((None, None, Some("tmux-256color")), ColorDepth::Ansi256),
            ((None, None, Some("xterm-direct")), ColorDepth::TrueColor),
            (
                (None, Some("truecolor"), Some("xterm-256color")),
                ColorDepth::TrueColor,
            ),
            ((None, Some("24bit"), None), ColorDepth::TrueColor),
            (
                (None, Some("TrueColor"), Some("xterm")),
                ColorDepth::TrueColor,
            ),
            ((None, Some("yes"), Some("xterm")), ColorDepth::Ansi16),
            (
                (Some(""), None, Some("xterm-256color")),
                ColorDepth::Ansi256,
            ),
            (
                (Some("1"), Some("truecolor"), Some("xterm-256color")),
                ColorDepth::None,
            ),
            ((None, Some("truecolor"), Some("dumb")), ColorDepth::None),
        ];
        for ((no_color, colorterm, term), expected) in cases {
            assert_eq!(
                ColorDepth::detect(no_color, colorterm, term),
                expected,
                "NO_COLOR={no_color:?} COLORTERM={colorterm:?} TERM={term:?}"
            );
        }
    }
}
