//! The styles of one theme, the built-in themes, and their reduction to fewer colours.

use ratatui::style::{Modifier, Style};

use super::color::reduce_color;
use super::{ColorDepth, Role, ThemeFile};

/// Name of the theme used when the configuration names none.
pub const DEFAULT_NAME: &str = "dark";

/// Names of the themes embedded in the binary, accepted by [`Palette::builtin`].
pub const BUILTIN_NAMES: [&str; 4] = ["dark", "light", "high-contrast", "monochrome"];

const BUILTIN_SOURCES: [(&str, &str); 4] = [
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("monochrome", include_str!("../../themes/monochrome.toml")),
];

/// One style per [`Role`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub border: Style,
    pub selection: Style,
    pub selection_unfocused: Style,
    pub error: Style,
    pub warning: Style,
    pub success: Style,
    pub heading: Style,
    pub diff_same: Style,
    pub diff_changed: Style,
    pub diff_only_a: Style,
    pub diff_missing: Style,
    pub diff_unknown: Style,
}

impl Palette {
    /// A palette with an empty style for every role.
    pub(super) const PLAIN: Self = Self {
        text: Style::new(),
        muted: Style::new(),
        accent: Style::new(),
        border: Style::new(),
        selection: Style::new(),
        selection_unfocused: Style::new(),
        error: Style::new(),
        warning: Style::new(),
        success: Style::new(),
        heading: Style::new(),
        diff_same: Style::new(),
        diff_changed: Style::new(),
        diff_only_a: Style::new(),
        diff_missing: Style::new(),
        diff_unknown: Style::new(),
    };

    /// Returns the built-in theme called `name` (one of [`BUILTIN_NAMES`]), or `None` for any
    /// other name.
    pub fn builtin(name: &str) -> Option<Self> {
        let (_, source) = BUILTIN_SOURCES.iter().find(|(known, _)| *known == name)?;
        // The test `builtin_themes_all_load` parses every embedded theme, so `ok()` drops no
        // error in a tested build.
        ThemeFile::parse(source).ok()
    }

    /// Returns the style of `role`.
    pub fn style(&self, role: Role) -> Style {
        match role {
            Role::Text => self.text,
            Role::Muted => self.muted,
            Role::Accent => self.accent,
            Role::Border => self.border,
            Role::Selection => self.selection,
            Role::SelectionUnfocused => self.selection_unfocused,
            Role::Error => self.error,
            Role::Warning => self.warning,
            Role::Success => self.success,
            Role::Heading => self.heading,
            Role::DiffSame => self.diff_same,
            Role::DiffChanged => self.diff_changed,
            Role::DiffOnlyA => self.diff_only_a,
            Role::DiffMissing => self.diff_missing,
            Role::DiffUnknown => self.diff_unknown,
        }
    }

    pub(super) fn style_mut(&mut self, role: Role) -> &mut Style {
        match role {
            Role::Text => &mut self.text,
            Role::Muted => &mut self.muted,
            Role::Accent => &mut self.accent,
            Role::Border => &mut self.border,
            Role::Selection => &mut self.selection,
            Role::SelectionUnfocused => &mut self.selection_unfocused,
            Role::Error => &mut self.error,
            Role::Warning => &mut self.warning,
            Role::Success => &mut self.success,
            Role::Heading => &mut self.heading,
            Role::DiffSame => &mut self.diff_same,
            Role::DiffChanged => &mut self.diff_changed,
            Role::DiffOnlyA => &mut self.diff_only_a,
            Role::DiffMissing => &mut self.diff_missing,
            Role::DiffUnknown => &mut self.diff_unknown,
        }
    }

    /// Returns this palette with every colour mapped to the nearest one available at `depth`.
    ///
    /// At [`ColorDepth::None`] all colours are dropped and modifiers are kept. Some roles had
    /// a colour and no modifier, such as a selection drawn only with a background. Each of
    /// them takes the modifiers of the same role in the `monochrome` theme, so that it stays
    /// distinct from plain text.
    #[must_use]
    pub fn reduced(&self, depth: ColorDepth) -> Self {
        let monochrome = Self::builtin("monochrome").unwrap_or(Self::PLAIN);
        let mut reduced = *self;
        for role in Role::ALL {
            let style = reduced.style_mut(role);
            let had_color = style.fg.is_some() || style.bg.is_some();
            style.fg = style.fg.and_then(|color| reduce_color(color, depth));
            style.bg = style.bg.and_then(|color| reduce_color(color, depth));

            let lost_meaning = had_color && style.add_modifier == Modifier::empty();
            if depth == ColorDepth::None && lost_meaning {
                style.add_modifier = monochrome.style(role).add_modifier;
            }
        }
        reduced
    }
}

impl Default for Palette {
    /// Returns the built-in theme named by [`DEFAULT_NAME`].
    fn default() -> Self {
        Self::builtin(DEFAULT_NAME).unwrap_or(Self::PLAIN)
    }
}
