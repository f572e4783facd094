//! Themes: one [`ratatui::style::Style`] per semantic role, read from TOML files.
//!
//! Styling by role, such as `muted` or `diff_changed`, rather than by colour lets a theme
//! file, a colour-poor terminal or `NO_COLOR` change one place. Four themes ship inside the
//! binary (`themes/*.toml`, embedded with `include_str!`), and [`ThemeFile::load`] reads a
//! user's own file in the same format. [`Palette::reduced`] adapts any palette to what the
//! terminal can show, as found by [`ColorDepth::detect`]. [`Symbols`] offers the glyphs the
//! UI draws in Unicode and in plain ASCII.
//!
//! A theme file has one table per role, and every role is required:
//!
//! ```toml
//! [selection]
//! fg = "black"          # a ratatui colour name, "reset", "#rrggbb", or 0 to 255
//! bg = "#5f87af"
//! modifiers = ["bold"]  # any of bold, reversed, underlined, dim, italic
//! ```
//!
//! `fg`, `bg` and `modifiers` are each optional, and a missing colour leaves the colour
//! underneath unchanged. This module only builds styles. It never draws, and only
//! [`ColorDepth::from_env`] reads the environment.
//!
//! NOTE: the widgets still use the hard-coded `crate::ui::theme::Theme`. Until they move to
//! [`Palette`], a theme file has no effect on the screen.

mod color;
mod file;
mod palette;
mod symbols;

#[cfg(test)]
mod tests;

pub use color::ColorDepth;
pub use file::{ThemeError, ThemeFile};
pub use palette::{BUILTIN_NAMES, DEFAULT_NAME, Palette};
pub use symbols::{DiffMarkers, Symbols};

/// A meaning that the UI styles, one table in a theme file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Ordinary text.
    Text,
    /// Secondary text: hints, counts, absent objects.
    Muted,
    /// Key names, links and other text that invites an action.
    Accent,
    Border,
    /// The selected row in the focused column.
    Selection,
    /// The selected row in a column without the focus.
    SelectionUnfocused,
    Error,
    Warning,
    Success,
    Heading,
    /// An object equal in every environment compared.
    DiffSame,
    /// An object present in several environments with different content.
    DiffChanged,
    /// An object present only in this environment.
    DiffOnlyA,
    /// An object absent from this environment but present in another.
    DiffMissing,
    /// An object whose comparison is unknown because an environment failed to load.
    DiffUnknown,
}

impl Role {
    /// Every role, in the order error messages list them.
    pub const ALL: [Self; 15] = [
        Self::Text,
        Self::Muted,
        Self::Accent,
        Self::Border,
        Self::Selection,
        Self::SelectionUnfocused,
        Self::Error,
        Self::Warning,
        Self::Success,
        Self::Heading,
        Self::DiffSame,
        Self::DiffChanged,
        Self::DiffOnlyA,
        Self::DiffMissing,
        Self::DiffUnknown,
    ];

    /// Returns the role's table name in a theme file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Muted => "muted",
            Self::Accent => "accent",
            Self::Border => "border",
            Self::Selection => "selection",
            Self::SelectionUnfocused => "selection_unfocused",
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Success => "success",
            Self::Heading => "heading",
            Self::DiffSame => "diff_same",
            Self::DiffChanged => "diff_changed",
            Self::DiffOnlyA => "diff_only_a",
            Self::DiffMissing => "diff_missing",
            Self::DiffUnknown => "diff_unknown",
        }
    }

    /// Finds the role whose table name is `key`, matching case exactly.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.key() == key)
    }
}
