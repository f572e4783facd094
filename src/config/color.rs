//! Environment badge colours: parsing the `color` key and the default palette.
//!
//! Colours are the 16 terminal colours by name or a `#rrggbb` value, so a user can match the
//! colours their team already uses for dev, staging and prod.

use ratatui::style::Color;

/// Colour names accepted by the `color` key, in the order error messages list them.
const NAMED_COLORS: [(&str, Color); 15] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("white", Color::White),
    ("gray", Color::Gray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
];

/// Colours given to environments without a `color` key, by position. Red is left out because
/// the theme uses it for errors and removed items.
const PALETTE: [Color; 6] = [
    Color::Cyan,
    Color::Green,
    Color::Yellow,
    Color::Magenta,
    Color::Blue,
    Color::LightCyan,
];

/// Parses a colour name (ignoring case) or `#rrggbb`; returns `None` for anything else.
pub(super) fn parse_color(text: &str) -> Option<Color> {
    let lower = text.trim().to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix('#') {
        return parse_hex(hex);
    }
    NAMED_COLORS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, color)| *color)
}

fn parse_hex(hex: &str) -> Option<Color> {
    if hex.len() != 6 || !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |range: std::ops::Range<usize>| u8::from_str_radix(&hex[range], 16).ok();
    Some(Color::Rgb(channel(0..2)?, channel(2..4)?, channel(4..6)?))
}

/// Returns the default colour of the environment at `index` in the file, repeating the palette
/// after six environments.
pub(super) fn default_color(index: usize) -> Color {
    PALETTE[index % PALETTE.len()]
}

/// Lists the accepted values for an error message.
pub(super) fn accepted_colors() -> String {
    let names: Vec<&str> = NAMED_COLORS.iter().map(|(name, _)| *name).collect();
    format!("expected one of {} or \"#rrggbb\"", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_color_accepts_names() {
        assert_eq!(parse_color("green"), Some(Color::Green));
        assert_eq!(parse_color("Light-Blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("gray"), Some(Color::Gray));
    }

    #[test]
    fn parse_color_accepts_hex() {
        assert_eq!(parse_color("#1e90ff"), Some(Color::Rgb(0x1e, 0x90, 0xff)));
        assert_eq!(parse_color("#FFA500"), Some(Color::Rgb(0xff, 0xa5, 0x00)));
    }

    #[test]
    fn parse_color_rejects_others() {
        assert_eq!(parse_color("purple"), None);
        assert_eq!(parse_color("#fff"), None);
        assert_eq!(parse_color("#gggggg"), None);
        assert_eq!(parse_color("#+1+1+1"), None);
        assert_eq!(parse_color(""), None);
    }

    #[test]
    fn default_color_cycles_palette() {
        assert_eq!(default_color(0), Color::Cyan);
        assert_eq!(default_color(1), Color::Green);
        assert_eq!(default_color(6), Color::Cyan);
    }
}
