//! Glyphs the UI draws, in a Unicode set and a plain ASCII set for terminals and fonts that
//! lack the Unicode ones.

use ratatui::symbols::border;

/// Glyphs for markers, separators, the spinner and borders.
///
/// No glyph carries padding, so the caller decides the spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    /// Marks the selected row.
    pub selection: &'static str,
    /// Marks an object absent from an environment.
    pub absent: &'static str,
    /// Marks a failed load or request.
    pub failed: &'static str,
    /// Marks a connected environment.
    pub connected: &'static str,
    /// Separates the levels of the breadcrumb, as in `prod › acme › Clients`.
    pub breadcrumb: &'static str,
    /// Separates a client from its role, as in `billing » invoice-reader`.
    pub client_role: &'static str,
    /// Frames of the loading spinner, shown one per tick in order.
    pub spinner: &'static [&'static str],
    /// Separates the environments in the environment bar.
    pub separator: &'static str,
    pub diff: DiffMarkers,
    pub border: border::Set<'static>,
}

/// One marker per comparison outcome, matching the `diff_*` theme roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffMarkers {
    pub same: &'static str,
    pub changed: &'static str,
    /// Present only in this environment.
    pub only_a: &'static str,
    /// Absent from this environment but present in another.
    pub missing: &'static str,
    /// Unknown because an environment failed to load.
    pub unknown: &'static str,
}

/// The diff markers are ASCII already, so both sets share them.
const DIFF_MARKERS: DiffMarkers = DiffMarkers {
    same: "=",
    changed: "~",
    only_a: "+",
    missing: "-",
    unknown: "?",
};

/// A border drawn with `+`, `-` and `|`.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Symbols {
    /// Returns the Unicode glyphs, with ratatui's plain single-line border.
    pub fn unicode() -> Self {
        Self {
            selection: "▶",
            absent: "·",
            failed: "✗",
            connected: "●",
            breadcrumb: "›",
            client_role: "»",
            spinner: &["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
            separator: "│",
            diff: DIFF_MARKERS,
            border: border::PLAIN,
        }
    }

    /// Returns glyphs made only of ASCII characters, each the usual ASCII stand-in for its
    /// Unicode counterpart.
    pub fn ascii() -> Self {
        Self {
            selection: ">",
            absent: ".",
            failed: "x",
            connected: "*",
            breadcrumb: ">",
            client_role: ">>",
            spinner: &["|", "/", "-", "\\"],
            separator: "|",
            diff: DIFF_MARKERS,
            border: ASCII_BORDER,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns every glyph of the set, for checks that apply to all of them.
    fn all(symbols: &Symbols) -> Vec<&'static str> {
        let mut glyphs = vec![
            symbols.selection,
            symbols.absent,
            symbols.failed,
            symbols.connected,
            symbols.breadcrumb,
            symbols.client_role,
            symbols.separator,
            symbols.diff.same,
            symbols.diff.changed,
            symbols.diff.only_a,
            symbols.diff.missing,
            symbols.diff.unknown,
            symbols.border.top_left,
            symbols.border.top_right,
            symbols.border.bottom_left,
            symbols.border.bottom_right,
            symbols.border.vertical_left,
            symbols.border.vertical_right,
            symbols.border.horizontal_top,
            symbols.border.horizontal_bottom,
        ];
        glyphs.extend_from_slice(symbols.spinner);
        glyphs
    }

    #[test]
    fn ascii_symbols_are_ascii() {
        for glyph in all(&Symbols::ascii()) {
            assert!(glyph.is_ascii(), "{glyph:?} is not ASCII");
        }
    }

    #[test]
    fn no_glyph_is_empty() {
        for symbols in [Symbols::unicode(), Symbols::ascii()] {
            for glyph in all(&symbols) {
                assert!(!glyph.is_empty(), "empty glyph in {symbols:?}");
            }
        }
    }

    #[test]
    fn unicode_symbols_use_expected_glyphs() {
        let symbols = Symbols::unicode();

        assert_eq!(symbols.absent, "·");
        assert_eq!(symbols.failed, "✗");
        assert_eq!(symbols.connected, "●");
        assert_eq!(symbols.breadcrumb, "›");
        assert_eq!(symbols.client_role, "»");
        assert_eq!(symbols.border, border::PLAIN);
    }

    #[test]
    fn diff_markers_are_distinct() {
        let markers = Symbols::ascii().diff;
        let mut all = vec![
            markers.same,
            markers.changed,
            markers.only_a,
            markers.missing,
            markers.unknown,
        ];
        all.sort_unstable();
        all.dedup();

        assert_eq!(all.len(), 5);
        assert_eq!(Symbols::unicode().diff, markers);
    }

    #[test]
    fn ascii_border_uses_plus_minus_bar() {
        let border = Symbols::ascii().border;

        assert_eq!(border.top_left, "+");
        assert_eq!(border.bottom_right, "+");
        assert_eq!(border.horizontal_top, "-");
        assert_eq!(border.vertical_left, "|");
    }

    #[test]
    fn spinners_have_several_frames() {
        assert!(Symbols::unicode().spinner.len() > 1);
        assert!(Symbols::ascii().spinner.len() > 1);
    }
}
