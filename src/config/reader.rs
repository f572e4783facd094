//! Typed, span-aware access to the tables of a parsed TOML document.
//!
//! The config is parsed into `toml::de::DeTable`, which keeps the byte span of every key and
//! value. A [`TableReader`] reads one table key by key, so each error can name the key, its line
//! and its value, and keys outside a table's list of known keys become warnings. Serde's derive cannot do this,
//! because `toml::de::Error` does not expose the key path and its messages cannot be reworded.
//! This module handles TOML types only and has no notion of environments.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::error::SourceFile;
use super::{ConfigError, ConfigWarning, WarningKind};

/// Keys whose values are never quoted in messages, because they may hold a secret.
const SENSITIVE_KEYS: [&str; 2] = ["secret", "inline"];

/// Reader of one TOML table that turns wrong types into messages naming the key and line.
pub(super) struct TableReader<'a, 'i> {
    file: &'a SourceFile<'a>,
    table: &'a DeTable<'i>,
    /// Span of the table's header, used for errors about missing keys.
    header: Range<usize>,
    /// Name of the table in messages, such as `environment "dev"`. Empty for the root table.
    label: String,
    /// Prefix of key names in messages, such as `secret.` for the inline `secret` table.
    key_prefix: String,
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// Creates a reader for the document's root table.
    pub fn root(file: &'a SourceFile<'a>, table: &'a DeTable<'i>) -> Self {
        Self {
            file,
            table,
            header: 0..0,
            label: String::new(),
            key_prefix: String::new(),
        }
    }

    /// Returns the source file, for errors and warnings the caller builds.
    pub fn file(&self) -> &'a SourceFile<'a> {
        self.file
    }

    /// Changes how messages name this table, for example once an environment's name is known.
    pub fn set_label(&mut self, label: String) {
        self.label = label;
    }

    /// Returns whether the table contains `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.table.get(key).is_some()
    }

    /// Returns the span of `key`, or of the table header when the key is absent.
    pub fn key_span(&self, key: &str) -> Range<usize> {
        self.entry(key)
            .map_or_else(|| self.header.clone(), |(name, _)| name.span())
    }

    /// Reads an optional string.
    pub fn string(&self, key: &str) -> Result<Option<Spanned<&'a str>>, ConfigError> {
        let Some((name, value)) = self.entry(key) else {
            return Ok(None);
        };
        match value.get_ref() {
            DeValue::String(text) => Ok(Some(Spanned::new(name.span(), text.as_ref()))),
            _ => Err(self.type_error(key, value, "a string")),
        }
    }

    /// Reads an optional boolean.
    pub fn boolean(&self, key: &str) -> Result<Option<Spanned<bool>>, ConfigError> {
        let Some((name, value)) = self.entry(key) else {
            return Ok(None);
        };
        match value.get_ref() {
            DeValue::Boolean(flag) => Ok(Some(Spanned::new(name.span(), *flag))),
            _ => Err(self.type_error(key, value, "a boolean (true or false)")),
        }
    }

    /// Reads an optional integer.
    pub fn integer(&self, key: &str) -> Result<Option<Spanned<i64>>, ConfigError> {
        let Some((name, value)) = self.entry(key) else {
            return Ok(None);
        };
        let DeValue::Integer(integer) = value.get_ref() else {
            return Err(self.type_error(key, value, "an integer"));
        };
        match i64::from_str_radix(integer.as_str(), integer.radix()) {
            Ok(number) => Ok(Some(Spanned::new(name.span(), number))),
            Err(_) => Err(self.invalid_value(key, &integer.to_string(), "the number is too large")),
        }
    }

    /// Reads an optional table, such as `[settings]` or `secret = { env = "X" }`.
    pub fn table(&self, key: &str) -> Result<Option<TableReader<'a, 'i>>, ConfigError> {
        self.table_described(key, "a table")
    }

    /// Reads an optional table, naming the expected shape as `expected` in a type error.
    pub fn table_described(
        &self,
        key: &str,
        expected: &str,
    ) -> Result<Option<TableReader<'a, 'i>>, ConfigError> {
        let Some((name, value)) = self.entry(key) else {
            return Ok(None);
        };
        let DeValue::Table(table) = value.get_ref() else {
            return Err(self.type_error(key, value, expected));
        };
        Ok(Some(TableReader {
            file: self.file,
            table,
            header: name.span(),
            label: self.label.clone(),
            key_prefix: format!("{}{key}.", self.key_prefix),
        }))
    }

    /// Reads an array of tables such as `[[environment]]`; an absent key gives an empty list.
    ///
    /// Each table is labelled `{key} #N`, counting from 1, until the caller relabels it.
    pub fn array_of_tables(&self, key: &str) -> Result<Vec<TableReader<'a, 'i>>, ConfigError> {
        let Some((_, value)) = self.entry(key) else {
            return Ok(Vec::new());
        };
        let expected = format!("an array of tables, each starting with a [[{key}]] line");
        let DeValue::Array(array) = value.get_ref() else {
            return Err(self.type_error(key, value, &expected));
        };
        let mut readers = Vec::new();
        for (index, element) in array.iter().enumerate() {
            let DeValue::Table(table) = element.get_ref() else {
                return Err(self.type_error(key, element, &expected));
            };
            readers.push(TableReader {
                file: self.file,
                table,
                header: element.span(),
                label: format!("{key} #{}", index + 1),
                key_prefix: String::new(),
            });
        }
        Ok(readers)
    }

    /// Returns the keys of the table in lexicographic order, for tables with free-form keys
    /// such as `realm_names`.
    pub fn keys(&self) -> impl Iterator<Item = &'a str> + use<'a, 'i> {
        self.table.keys().map(|name| name.get_ref().as_ref())
    }

    /// Builds the error for a required key that is absent, at the table header's line.
    pub fn missing(&self, key: &str, fix: &str) -> ConfigError {
        let message = format!("missing required key \"{}{key}\"; {fix}", self.key_prefix);
        self.file.error(&self.header, self.scoped(&message))
    }

    /// Builds the error for a value of the right type that is not allowed, at the key's line.
    ///
    /// `shown_value` is the value as the user wrote it, such as `"pasword"` with quotes.
    pub fn invalid_value(&self, key: &str, shown_value: &str, expected: &str) -> ConfigError {
        let key_name = format!("{}{key}", self.key_prefix);
        let message = format!("key \"{key_name}\" has invalid value {shown_value}; {expected}");
        self.file.error(&self.key_span(key), self.scoped(&message))
    }

    /// Builds an error about `key` with a free-form message, at the key's line.
    pub fn error_at(&self, key: &str, message: &str) -> ConfigError {
        self.file.error(&self.key_span(key), self.scoped(message))
    }

    /// Builds a warning about `key` with a free-form message, at the key's line.
    pub fn warning_at(&self, key: &str, kind: WarningKind, message: &str) -> ConfigWarning {
        self.file
            .warning(&self.key_span(key), kind, self.scoped(message))
    }

    /// Adds a warning for each key of this table that is not in `known`, suggesting the known
    /// key it most likely misspells.
    ///
    /// The warning does not quote the value, because a misspelled key may hold a secret.
    pub fn warn_unknown_keys(&self, known: &[&str], warnings: &mut Vec<ConfigWarning>) {
        for (name, _) in self.table {
            let key = name.get_ref().as_ref();
            if known.contains(&key) {
                continue;
            }
            let prefix = &self.key_prefix;
            let hint = closest_key(key, known)
                .map(|suggestion| format!("; did you mean \"{prefix}{suggestion}\"?"))
                .unwrap_or_default();
            let message = format!("unknown key \"{prefix}{key}\" is ignored{hint}");
            let message = self.scoped(&message);
            warnings.push(
                self.file
                    .warning(&name.span(), WarningKind::UnknownKey, message),
            );
        }
    }

    /// Returns the key in this table that most likely misspells `known`, with its span.
    pub fn misspelling_of(&self, known: &str) -> Option<(&'a str, Range<usize>)> {
        self.table
            .iter()
            .map(|(name, _)| (name.get_ref().as_ref(), name.span()))
            .find(|(key, _)| *key != known && closest_key(key, &[known]).is_some())
    }

    fn entry(&self, key: &str) -> Option<(&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>)> {
        self.table.get_key_value(key)
    }

    fn type_error(&self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) -> ConfigError {
        let key_name = format!("{}{key}", self.key_prefix);
        let found = describe_value(value.get_ref(), SENSITIVE_KEYS.contains(&key));
        let message = format!("key \"{key_name}\" has invalid type {found}; expected {expected}");
        self.file.error(&self.key_span(key), self.scoped(&message))
    }

    fn scoped(&self, message: &str) -> String {
        if self.label.is_empty() {
            message.to_owned()
        } else {
            format!("{}: {message}", self.label)
        }
    }
}

/// Describes a value's TOML type for a type error, quoting short scalar values unless the key
/// may hold a secret.
fn describe_value(value: &DeValue<'_>, sensitive: bool) -> String {
    let type_name = value.type_str();
    if sensitive {
        return type_name.to_owned();
    }
    let value_text = match value {
        DeValue::String(text) => format!("\"{}\"", text.escape_debug()),
        DeValue::Integer(integer) => integer.to_string(),
        DeValue::Float(float) => float.as_str().to_owned(),
        DeValue::Boolean(flag) => flag.to_string(),
        DeValue::Datetime(datetime) => datetime.to_string(),
        DeValue::Array(_) | DeValue::Table(_) => return type_name.to_owned(),
    };
    format!("{type_name} ({value_text})")
}

/// Returns the known key that `key` most likely misspells, ignoring case.
///
/// A key of three to five characters may be one edit away, a longer one two edits, so that short
/// unrelated keys are not suggested.
pub(super) fn closest_key<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let key = key.to_ascii_lowercase();
    let max_distance = |candidate: &str| match candidate.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    };
    known
        .iter()
        .map(|candidate| (edit_distance(&key, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= max_distance(candidate))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Computes the Levenshtein distance between two strings, counting characters.
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, left_char) in left.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, right_char) in right.iter().enumerate() {
            let substitution = previous[j] + usize::from(left_char != *right_char);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("color", "color"), 0);
        assert_eq!(edit_distance("colour", "color"), 1);
        assert_eq!(edit_distance("usrname", "username"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_key_suggests_near_match() {
        let known = ["name", "url", "color", "username"];
        assert_eq!(closest_key("colour", &known), Some("color"));
        assert_eq!(closest_key("Name", &known), Some("name"));
        assert_eq!(closest_key("URL", &known), Some("url"));
        assert_eq!(closest_key("uri", &known), Some("url"));
        assert_eq!(closest_key("id", &known), None);
        assert_eq!(closest_key("nick", &known), None);
        assert_eq!(closest_key("totally_else", &known), None);
    }

    #[test]
    fn describe_value_hides_sensitive() {
        let value = DeValue::String("hunter2".into());
        assert_eq!(describe_value(&value, true), "string");
        assert_eq!(describe_value(&value, false), "string (\"hunter2\")");
    }
}
