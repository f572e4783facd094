//! Errors and warnings of the config module, and the line numbers they carry.
//!
//! Every problem a user can fix in the config file becomes one `ConfigError` whose message names
//! the file, the line, the key, the bad value and the fix. Problems that do not stop kcdeck from
//! starting become `ConfigWarning`s, which the caller shows (the UI lists them). This module only
//! formats messages; it never prints them.

use std::fmt;
use std::io;
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
