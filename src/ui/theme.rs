//! The styles and symbols the widgets draw with: a [`Palette`] of semantic
//! roles reduced to the terminal's colour depth, and a [`Symbols`] set.
//! Widgets ask for "muted" or "diff_changed", never for a colour.

use ratatui::style::{Color, Modifier, Style};

use crate::theme::{ColorDepth, Palette, Symbols};

/// Styles by meaning, plus the symbols to draw.
///
/// The styles are the fields of the reduced [`Palette`], reached through
/// `Deref`, so widgets write `theme.muted` or `theme.diff_changed`.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    palette: Palette,
    pub symbols: Symbols,
    /// Whether environment colours are used at all.
    pub colored: bool,
}

impl std::ops::Deref for Theme {
    type Target = Palette;

    fn deref(&self) -> &Palette {
        &self.palette
    }
}

impl Theme {
    /// Builds a theme from a palette reduced to `depth` and a symbol set.
    pub fn new(palette: &Palette, depth: ColorDepth, symbols: Symbols) -> Self {
        Self {
            palette: palette.reduced(depth),
            symbols,
            colored: depth != ColorDepth::None,
        }
    }

    /// Returns the default dark palette in full colour with Unicode symbols.
    pub fn dark() -> Self {
        Self::builtin("dark", ColorDepth::TrueColor, false)
    }

    /// Returns styles without any colour: bold, reverse, underline and dim keep
    /// selection, errors and differences visible.
    pub fn monochrome() -> Self {
        Self::builtin("monochrome", ColorDepth::None, false)
    }

    /// Returns a built-in palette by name (dark when unknown), reduced to `depth`.
    pub fn builtin(name: &str, depth: ColorDepth, ascii: bool) -> Self {
        let palette = Palette::builtin(name).unwrap_or_default();
        let symbols = if ascii {
            Symbols::ascii()
        } else {
            Symbols::unicode()
        };
        Self::new(&palette, depth, symbols)
    }

    /// Returns the style of an environment's name and frame.
    pub fn env_style(&self, color: Color) -> Style {
        if !self.colored {
            return Style::new().add_modifier(Modifier::BOLD);
        }
        Style::new().fg(color)
    }
}
