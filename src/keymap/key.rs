//! Key chords as the config file writes them (`"ctrl-p"`, `"shift-tab"`, `"f5"`) and as the
//! help screen shows them (`Ctrl-P`, `S-Tab`, `F5`), normalised so that a key press and a
//! config entry for the same chord compare equal.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Names of the keys that are not a single character, as the config file accepts them.
pub const NAMED_KEYS: &str = "enter, esc, tab, shift-tab (backtab), backspace, delete, insert, \
    home, end, pgup, pgdn, up, down, left, right, space, f1 to f12";

/// One key chord: a key and its modifiers.
///
/// A character key carries Shift in its case (`"X"` is Shift-x) and Shift-Tab is
/// [`KeyCode::BackTab`], so [`KeyModifiers::SHIFT`] is set only for other keys, such as
/// Shift-Up. Terminals report those two cases inconsistently, which this removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    /// Builds a key from a code and modifiers, normalising Shift as described on [`Key`].
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers -= KeyModifiers::SHIFT;
        }
        Self { code, modifiers }
    }

    /// Builds a key without modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// Builds Ctrl plus a character.
    pub const fn ctrl(ch: char) -> Self {
        Self {
            code: KeyCode::Char(ch),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Returns the key of a key press.
    pub fn from_event(event: KeyEvent) -> Self {
        Self::new(event.code, event.modifiers)
    }

    /// Parses a key as written in the config file: an optional chain of `ctrl-`, `alt-` and
    /// `shift-` prefixes (case-insensitive), then one character or a key name from
    /// [`NAMED_KEYS`].
    ///
    /// # Errors
    ///
    /// Returns a description of the problem when the text names no key.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.chars().count() == 1 {
            let ch = text.chars().next().unwrap_or(' ');
            return Ok(Self::new(KeyCode::Char(ch), KeyModifiers::NONE));
        }
        let (modifiers, name) = split_modifiers(text)?;
        let code = match parse_code(name) {
            Some(code) => code,
            None => return Err(format!("unknown key name \"{name}\"")),
        };
        let code = match code {
            KeyCode::Char(ch) if modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(ch.to_uppercase().next().unwrap_or(ch))
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        Ok(Self::new(code, modifiers))
    }
}

/// Splits `ctrl-alt-x` into its modifiers and the key name `x`. A trailing `-` after a prefix
/// is the minus key itself, as in `ctrl--`.
fn split_modifiers(text: &str) -> Result<(KeyModifiers, &str), String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let Some((prefix, tail)) = rest.split_once('-') else {
            return Ok((modifiers, rest));
        };
        if tail.is_empty() && !prefix.is_empty() {
            // `x-` names no key; `ctrl--` was split as `ctrl` and `-` below.
            return Err("a key name is missing after the last \"-\"".to_owned());
        }
        let modifier = match prefix.to_ascii_lowercase().as_str() {
            "ctrl" | "control" | "c" => KeyModifiers::CONTROL,
            "alt" | "meta" | "m" | "a" => KeyModifiers::ALT,
            "shift" | "s" => KeyModifiers::SHIFT,
            "" if rest == "-" => return Ok((modifiers, rest)),
            _ => {
                return Err(format!(
                    "unknown modifier \"{prefix}\"; use ctrl, alt or shift"
                ));
            }
        };
        modifiers |= modifier;
        rest = tail;
        if rest == "-" {
            return Ok((modifiers, rest));
        }
    }
}

fn parse_code(name: &str) -> Option<KeyCode> {
    if name.chars().count() == 1 {
        return name.chars().next().map(KeyCode::Char);
    }
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" | "bksp" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "space" => KeyCode::Char(' '),
        "minus" => KeyCode::Char('-'),
        _ => {
            let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
            return (1..=12).contains(&number).then_some(KeyCode::F(number));
        }
    };
    Some(code)
}

impl fmt::Display for Key {
    /// Writes the key as help shows it: `Ctrl-P`, `Alt-x`, `S-Tab`, `PgDn`, `↑`, `F5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        let control = self.modifiers.contains(KeyModifiers::CONTROL);
        match self.code {
            // Ctrl-p is shown as Ctrl-P, as terminals and most help screens write it.
            KeyCode::Char(ch) if control && ch.is_ascii_lowercase() => {
                write!(f, "{}", ch.to_ascii_uppercase())
            }
            KeyCode::Char(ch) if control && ch.is_ascii_uppercase() => write!(f, "Shift-{ch}"),
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(ch) => write!(f, "{ch}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::F(number) => write!(f, "F{number}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Key {
        match Key::parse(text) {
            Ok(key) => key,
            Err(error) => panic!("{text:?} should parse: {error}"),
        }
    }

    #[test]
    fn parse_single_characters() {
        assert_eq!(parsed("x"), Key::plain(KeyCode::Char('x')));
        assert_eq!(parsed("X"), Key::plain(KeyCode::Char('X')));
        assert_eq!(parsed("/"), Key::plain(KeyCode::Char('/')));
        assert_eq!(parsed("-"), Key::plain(KeyCode::Char('-')));
    }

    #[test]
    fn parse_modifiers_in_any_case() {
        assert_eq!(parsed("ctrl-p"), Key::ctrl('p'));
        assert_eq!(parsed("Ctrl-p"), Key::ctrl('p'));
        assert_eq!(parsed("C-p"), Key::ctrl('p'));
        let alt_ctrl = Key::new(
            KeyCode::Char('x'),
            KeyModifiers::ALT | KeyModifiers::CONTROL,
        );
        assert_eq!(parsed("alt-ctrl-x"), alt_ctrl);
        assert_eq!(parsed("ctrl--"), Key::ctrl('-'));
    }

    #[test]
    fn parse_shift_folds_into_key() {
        assert_eq!(parsed("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(parsed("shift-x"), Key::plain(KeyCode::Char('X')));
        let shift_up = Key::new(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(parsed("shift-up"), shift_up);
    }

    #[test]
    fn parse_named_keys() {
        assert_eq!(parsed("enter"), Key::plain(KeyCode::Enter));
        assert_eq!(parsed("Esc"), Key::plain(KeyCode::Esc));
        assert_eq!(parsed("f5"), Key::plain(KeyCode::F(5)));
        assert_eq!(parsed("F12"), Key::plain(KeyCode::F(12)));
        assert_eq!(parsed("pgdn"), Key::plain(KeyCode::PageDown));
        assert_eq!(parsed("space"), Key::plain(KeyCode::Char(' ')));
    }

    #[test]
    fn parse_rejects_unknown_names() {
        assert_eq!(
            Key::parse("ctlr-p"),
            Err("unknown modifier \"ctlr\"; use ctrl, alt or shift".to_owned())
        );
        assert_eq!(
            Key::parse("f13"),
            Err("unknown key name \"f13\"".to_owned())
        );
        assert_eq!(
            Key::parse("enterr"),
            Err("unknown key name \"enterr\"".to_owned())
        );
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn event_with_shift_matches_config_key() {
        let event = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(event), parsed("J"));
        let event = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(event), parsed("shift-tab"));
    }

    #[test]
    fn display_labels() {
        assert_eq!(parsed("ctrl-p").to_string(), "Ctrl-P");
        assert_eq!(parsed("shift-tab").to_string(), "S-Tab");
        assert_eq!(parsed("up").to_string(), "↑");
        assert_eq!(parsed("f5").to_string(), "F5");
        assert_eq!(parsed("alt-x").to_string(), "Alt-x");
        assert_eq!(parsed("G").to_string(), "G");
    }
}
