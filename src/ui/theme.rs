//! Semantic styles: widgets ask for "muted" or "error", never for a colour,
//! so `NO_COLOR` and other palettes change one place.

use ratatui::style::{Color, Modifier, Style};

/// Styles by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub border: Style,
    pub selection: Style,
    /// Selection in a column without the focus.
    pub selection_unfocused: Style,
    pub error: Style,
    pub warning: Style,
    pub success: Style,
    pub heading: Style,
    /// Whether environment colours are used at all.
    pub colored: bool,
}

impl Theme {
    /// The default dark palette.
    pub fn dark() -> Self {
        Self {
            text: Style::new().fg(Color::Reset),
            muted: Style::new().fg(Color::DarkGray),
            accent: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::Gray),
            selection: Style::new().fg(Color::Black).bg(Color::Cyan),
            selection_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            error: Style::new().fg(Color::Red),
            warning: Style::new().fg(Color::Yellow),
            success: Style::new().fg(Color::Green),
            heading: Style::new().add_modifier(Modifier::BOLD),
            colored: true,
        }
    }

    /// Styles without any colour, for `NO_COLOR`: bold, reverse and underline
    /// keep selection, errors and headings visible.
    pub fn monochrome() -> Self {
        Self {
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            accent: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            selection_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            error: Style::new().add_modifier(Modifier::BOLD),
            warning: Style::new().add_modifier(Modifier::BOLD),
            success: Style::new(),
            heading: Style::new().add_modifier(Modifier::BOLD),
            colored: false,
        }
    }

    /// Picks the theme for the environment: monochrome when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Self::monochrome(),
            _ => Self::dark(),
        }
    }

    /// Returns the style of an environment's name and frame.
    pub fn env_style(&self, color: Color) -> Style {
        if !self.colored {
            return Style::new().add_modifier(Modifier::BOLD);
        }
        Style::new().fg(color)
    }
}

/// Parses a colour name or `#rrggbb`.
pub fn parse_color(text: &str) -> Option<Color> {
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let channel = |range: std::ops::Range<usize>| u8::from_str_radix(hex.get(range)?, 16).ok();
        return Some(Color::Rgb(channel(0..2)?, channel(2..4)?, channel(4..6)?));
    }
    let color = match text
        .to_ascii_lowercase()
        .replace(['-', '_', ' '], "")
        .as_str()
    {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "white" => Color::White,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        _ => return None,
    };
    Some(color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_color_names_and_hex() {
        assert_eq!(parse_color("light-green"), Some(Color::LightGreen));
        assert_eq!(parse_color("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("#ff80"), None);
        assert_eq!(parse_color("mauve"), None);
    }
}
