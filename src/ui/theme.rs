//! The styles and symbols the widgets draw with: a [`Palette`] of semantic
//! roles reduced to the terminal's colour depth, and a [`Symbols`] set.
//! Widgets ask for "muted" or "diff_changed", never for a colour.

use ratatui::style::{Color, Modifier, Style};

use crate::theme::{ColorDepth, Palette, Symbols};

/// Styles by meaning, plus the symbols to draw.
#[derive(Debug, Clone, Copy)]
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
    pub diff_same: Style,
    pub diff_changed: Style,
    /// Object present here but absent in the reference environment.
    pub diff_only_a: Style,
    /// Object absent here but present in the reference environment.
    pub diff_missing: Style,
    pub diff_unknown: Style,
    pub symbols: Symbols,
    /// Whether environment colours are used at all.
    pub colored: bool,
}

impl Theme {
    /// Builds a theme from a palette reduced to `depth` and a symbol set.
    pub fn new(palette: &Palette, depth: ColorDepth, symbols: Symbols) -> Self {
        let p = palette.reduced(depth);
        Self {
            text: p.text,
            muted: p.muted,
            accent: p.accent,
            border: p.border,
            selection: p.selection,
            selection_unfocused: p.selection_unfocused,
            error: p.error,
            warning: p.warning,
            success: p.success,
            heading: p.heading,
            diff_same: p.diff_same,
            diff_changed: p.diff_changed,
            diff_only_a: p.diff_only_a,
            diff_missing: p.diff_missing,
            diff_unknown: p.diff_unknown,
            symbols,
            colored: depth != ColorDepth::None,
        }
    }

    /// The default dark palette in full colour with Unicode symbols.
    pub fn dark() -> Self {
        Self::builtin("dark", ColorDepth::TrueColor, false)
    }

    /// Styles without any colour: bold, reverse, underline and dim keep
    /// selection, errors and differences visible.
    pub fn monochrome() -> Self {
        Self::builtin("monochrome", ColorDepth::None, false)
    }

    /// A built-in palette by name (dark when unknown), reduced to `depth`.
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
