//! Errors and warnings of the config module, and the line numbers they carry.
//!
//! Every problem a user can fix in the config file becomes one `ConfigError` whose message names
//! the file, the line, the key, the bad value and the fix. Problems that do not stop kcdeck from
//! starting become `ConfigWarning`s, which the caller shows (the UI lists them). This module only
//! formats messages; it never prints them.

use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Failure to find, read, parse or validate the config file, or to resolve a secret.
///
/// Each message is written for the person who edits the config file and fits on one line,
/// except [`ConfigError::NoConfigFile`], which includes an example file to start from.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// No `--config` option or `KCDECK_CONFIG` variable was given and the default file is missing.
    #[error("{}", no_config_file_message(searched, .create_at.as_deref()))]
    NoConfigFile {
        /// Each location that was tried, with the reason it gave no file.
        searched: Vec<String>,
        /// Suggested path for a new file: the default path, or `None` without a home directory.
        create_at: Option<PathBuf>,
    },

    /// A path given explicitly by `--config` or `KCDECK_CONFIG` does not exist.
    #[error("config file {} given by {origin} not found; check the path", path.display())]
    FileNotFound {
        /// The path as given.
        path: PathBuf,
        /// `--config` or `KCDECK_CONFIG`.
        origin: &'static str,
    },

    /// The config file exists but could not be read, for example for lack of permission.
    #[error("config file {} cannot be read: {source}", path.display())]
    Read {
        /// The config file.
        path: PathBuf,
        /// The error from the operating system.
        source: io::Error,
    },

    /// The file is not valid TOML.
    #[error("config error in {}, line {line}, column {column}: TOML syntax error: {message}",
        path.display())]
    Syntax {
        /// The config file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error, counted in characters.
        column: usize,
        /// The parser's description, such as ``invalid basic string, expected `"` ``.
        message: String,
    },

    /// The file is valid TOML but a key is missing, has the wrong type or an invalid value.
    #[error("config error in {}{}: {message}", path.display(), line_suffix(*line))]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// 1-based line of the offending key, or `None` when the problem has no single line.
        line: Option<usize>,
        /// Description of the problem and its fix, starting with the environment it concerns.
        message: String,
    },

    /// A secret source named in a valid config file returned no secret.
    #[error("failed to resolve the secret of environment \"{environment}\": {message}")]
    Secret {
        /// Name of the environment whose secret was requested.
        environment: String,
        /// Cause of the failure: the unset variable, the failed command or the aborted prompt.
        message: String,
    },
}

/// A problem in the config file that does not stop kcdeck from starting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The config file.
    pub path: PathBuf,
    /// 1-based line of the key the warning is about.
    pub line: usize,
    /// Category of the warning, so the UI can react (for example with a badge).
    pub kind: WarningKind,
    /// The full text without the file and line, starting with the environment it concerns.
    pub message: String,
}

/// Category of a [`ConfigWarning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// A key kcdeck does not know, usually a typo. Its value is ignored.
    UnknownKey,
    /// A known key that has no effect here, such as `url` with `kind = "file"`.
    IgnoredKey,
    /// A secret written into the config file with `{ inline = "..." }`.
    InlineSecret,
    /// Certificate checks are turned off with `insecure_tls = true`.
    InsecureTls,
    /// A `[keys.*]` binding hides another binding of the same key.
    KeyConflict,
    /// An `[aliases]` entry has the name of a built-in command, which wins.
    AliasShadowsCommand,
    /// An `[aliases]` entry runs a word that is not a built-in command.
    UnknownCommand,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        write!(
            f,
            "config warning in {path}, line {}: {}",
            self.line, self.message
        )
    }
}

/// Source text of one config file, used to turn byte offsets into line numbers.
pub(super) struct SourceFile<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl SourceFile<'_> {
    /// Returns the 1-based line that contains the byte at `offset`.
    pub fn line(&self, offset: usize) -> usize {
        let end = floor_char_boundary(self.text, offset);
        self.text[..end].matches('\n').count() + 1
    }

    /// Returns the 1-based column, in characters, of the byte at `offset`.
    pub fn column(&self, offset: usize) -> usize {
        let end = floor_char_boundary(self.text, offset);
        let line_start = self.text[..end].rfind('\n').map_or(0, |i| i + 1);
        self.text[line_start..end].chars().count() + 1
    }

    /// Builds the error for the key or table at `span`.
    pub fn error(&self, span: &Range<usize>, message: String) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line: Some(self.line(span.start)),
            message,
        }
    }

    /// Builds an error that belongs to the whole file rather than one line.
    pub fn file_error(&self, message: String) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line: None,
            message,
        }
    }

    /// Converts a TOML parse error, keeping the parser's position.
    pub fn syntax_error(&self, error: &toml::de::Error) -> ConfigError {
        let offset = error.span().map_or(0, |span| span.start);
        ConfigError::Syntax {
            path: self.path.to_path_buf(),
            line: self.line(offset),
            column: self.column(offset),
            message: error.message().to_owned(),
        }
    }

    /// Builds the warning for the key at `span`.
    pub fn warning(
        &self,
        span: &Range<usize>,
        kind: WarningKind,
        message: String,
    ) -> ConfigWarning {
        ConfigWarning {
            path: self.path.to_path_buf(),
            line: self.line(span.start),
            kind,
            message,
        }
    }
}

/// Rounds `offset` down to a character boundary of `text`, so slicing cannot panic.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

fn line_suffix(line: Option<usize>) -> String {
    line.map_or_else(String::new, |line| format!(", line {line}"))
}

fn no_config_file_message(searched: &[String], create_at: Option<&Path>) -> String {
    let locations: Vec<String> = searched
        .iter()
        .map(|location| format!("  - {location}"))
        .collect();
    let locations = locations.join("\n");
    let next_step = match create_at {
        Some(path) => format!(
            "Create {} (or pass --config FILE), for example:",
            path.display()
        ),
        None => "Pass --config FILE with a file such as:".to_owned(),
    };
    let example = super::EXAMPLE_CONFIG;
    format!("no config file found. kcdeck looked at:\n{locations}\n{next_step}\n\n{example}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile<'_> {
        SourceFile {
            path: Path::new("/etc/kcdeck.toml"),
            text,
        }
    }

    #[test]
    fn line_counts_from_one() {
        let file = source("a = 1\nb = 2\n\nc = 3");
        assert_eq!(file.line(0), 1);
        assert_eq!(file.line(6), 2);
        assert_eq!(file.line(13), 4);
    }

    #[test]
    fn line_past_end_is_last_line() {
        let file = source("a = 1\nb = 2\n");
        assert_eq!(file.line(1000), 3);
    }

    #[test]
    fn column_counts_characters_not_bytes() {
        let file = source("a = \"é\"x\n");
        assert_eq!(file.column(0), 1);
        // "x" is at byte 8 but is the 8th character: a, space, =, space, quote, é, quote.
        assert_eq!(file.column(8), 8);
    }

    #[test]
    fn column_inside_multibyte_char_rounds_down() {
        let file = source("é");
        assert_eq!(file.column(1), 1);
    }

    #[test]
    fn invalid_error_without_line() {
        let error = source("").file_error("no environments".to_owned());
        assert_eq!(
            error.to_string(),
            "config error in /etc/kcdeck.toml: no environments"
        );
    }

    #[test]
    fn warning_display_names_file_and_line() {
        let file = source("x = 1\ny = 2\n");
        let warning = file.warning(&(6..7), WarningKind::UnknownKey, "unknown key".to_owned());
        assert_eq!(
            warning.to_string(),
            "config warning in /etc/kcdeck.toml, line 2: unknown key"
        );
    }
}
