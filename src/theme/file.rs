//! Parsing of theme files: TOML text in, a complete [`Palette`] or an error naming the role
//! and value out.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::{Table, Value};

use super::{Palette, Role};

/// The TOML theme format. Parsing yields a [`Palette`], and nothing of the file is kept.
#[derive(Debug)]
pub enum ThemeFile {}

/// Modifier names accepted in a role's `modifiers` list.
const MODIFIERS: [(&str, Modifier); 5] = [
    ("bold", Modifier::BOLD),
    ("reversed", Modifier::REVERSED),
    ("underlined", Modifier::UNDERLINED),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
];

const EXPECTED_COLOR: &str = concat!(
    "Expected a colour name such as \"light-blue\", \"reset\", \"#rrggbb\", ",
    "or an index from 0 to 255"
);

/// Error reading or parsing a theme file.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("failed to read theme file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An error inside a file read by [`ThemeFile::load`], with the file's path.
    #[error("invalid theme file {}: {source}", path.display())]
    InFile {
        path: PathBuf,
        source: Box<ThemeError>,
    },
    #[error("invalid theme TOML: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("missing theme role `{role}`. Add a [{role}] table, which may be empty")]
    MissingRole { role: &'static str },
    #[error("unknown theme role `{name}`. Expected one of: {}", role_list())]
    UnknownRole { name: String },
    #[error("theme role `{role}` must be a table such as [{role}], not a {found}")]
    NotATable {
        role: &'static str,
        found: &'static str,
    },
    #[error("unknown key `{key}` in theme role `{role}`. Expected fg, bg or modifiers")]
    UnknownKey { role: &'static str, key: String },
    #[error("`{key}` of theme role `{role}` must be {expected}, not a {found}")]
    WrongType {
        role: &'static str,
        key: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    #[error(
        "invalid {key} colour {value:?} in theme role `{role}`. {}",
        EXPECTED_COLOR
    )]
    InvalidColor {
        role: &'static str,
        key: &'static str,
        value: String,
    },
    #[error(
        "invalid modifier {value:?} in theme role `{role}`. Expected one of: {}",
        modifier_list()
    )]
    InvalidModifier { role: &'static str, value: String },
}

impl ThemeFile {
    /// Parses a theme file's text into a palette.
    ///
    /// Every role of [`Role::ALL`] must have a table, and unknown roles and keys are errors,
    /// so that a misspelt name does not silently leave a role unstyled.
    pub fn parse(text: &str) -> Result<Palette, ThemeError> {
        let table = Table::from_str(text)?;
        if let Some(name) = table.keys().find(|name| Role::from_key(name).is_none()) {
            return Err(ThemeError::UnknownRole { name: name.clone() });
        }

        let mut palette = Palette::PLAIN;
        for role in Role::ALL {
            let value = table
                .get(role.key())
                .ok_or(ThemeError::MissingRole { role: role.key() })?;
            *palette.style_mut(role) = parse_role(role.key(), value)?;
        }
        Ok(palette)
    }

    /// Reads and parses the theme file at `path`.
    pub fn load(path: &Path) -> Result<Palette, ThemeError> {
        let text = std::fs::read_to_string(path).map_err(|source| ThemeError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text).map_err(|error| ThemeError::InFile {
            path: path.to_owned(),
            source: Box::new(error),
        })
    }
}

fn parse_role(role: &'static str, value: &Value) -> Result<Style, ThemeError> {
    let Value::Table(fields) = value else {
        let found = value.type_str();
        return Err(ThemeError::NotATable { role, found });
    };
    if let Some(key) = fields
        .keys()
        .find(|key| !["fg", "bg", "modifiers"].contains(&key.as_str()))
    {
        let key = key.clone();
        return Err(ThemeError::UnknownKey { role, key });
    }

    let mut style = Style::new();
    if let Some(value) = fields.get("fg") {
        style = style.fg(parse_color(role, "fg", value)?);
    }
    if let Some(value) = fields.get("bg") {
        style = style.bg(parse_color(role, "bg", value)?);
    }
    if let Some(value) = fields.get("modifiers") {
        style = style.add_modifier(parse_modifiers(role, value)?);
    }
    Ok(style)
}

/// Parses a colour written as a ratatui colour name, `reset`, `#rrggbb`, or an index from 0 to
/// 255 given as an integer or a string.
fn parse_color(role: &'static str, key: &'static str, value: &Value) -> Result<Color, ThemeError> {
    let invalid = |value: String| ThemeError::InvalidColor { role, key, value };
    match value {
        Value::String(text) => Color::from_str(text.trim()).map_err(|_| invalid(text.clone())),
        Value::Integer(index) => u8::try_from(*index)
            .map(Color::Indexed)
            .map_err(|_| invalid(index.to_string())),
        other => Err(ThemeError::WrongType {
            role,
            key,
            expected: "a colour string or an integer from 0 to 255",
            found: other.type_str(),
        }),
    }
}

fn parse_modifiers(role: &'static str, value: &Value) -> Result<Modifier, ThemeError> {
    let wrong_type = |found| ThemeError::WrongType {
        role,
        key: "modifiers",
        expected: "a list of strings such as [\"bold\"]",
        found,
    };
    let Value::Array(items) = value else {
        return Err(wrong_type(value.type_str()));
    };

    let mut modifiers = Modifier::empty();
    for item in items {
        let Value::String(name) = item else {
            return Err(wrong_type(item.type_str()));
        };
        let modifier = MODIFIERS
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name.trim()))
            .map(|(_, modifier)| *modifier)
            .ok_or_else(|| ThemeError::InvalidModifier {
                role,
                value: name.clone(),
            })?;
        modifiers |= modifier;
    }
    Ok(modifiers)
}

fn role_list() -> String {
    let keys: Vec<&str> = Role::ALL.iter().map(|role| role.key()).collect();
    keys.join(", ")
}

fn modifier_list() -> String {
    let names: Vec<&str> = MODIFIERS.iter().map(|(name, _)| *name).collect();
    names.join(", ")
}
