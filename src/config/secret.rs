//! Secrets and the sources they are read from.
//!
//! The config file names a source for each environment's password or client secret: an
//! environment variable, a shell command, an interactive prompt or, when explicitly allowed, the
//! file itself. Parsing the config never reads a secret. [`SecretSource::resolve`] does, so a
//! command such as `kcdeck --version` runs no password manager. A [`Secret`] formats as a mask
//! through `Debug` and `Display`, so logging it or putting it in a message shows no value.

use std::ffi::OsString;
use std::fmt;
use std::process::{Command, Output, Stdio};

use super::ConfigError;

/// Text printed by `Debug` and `Display` in place of a secret value.
const MASK: &str = "********";

/// A password or client secret that is kept out of logs and messages.
///
/// The value is only reachable through [`Secret::expose`], so every use of it is easy to find.
// NOTE: the value is not zeroed on drop, so it may stay in freed memory.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the secret value, for the one place that sends it to Keycloak.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// Origin of an environment's password or client secret, given by its `secret` key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    /// `{ env = "NAME" }`: the value of an environment variable.
    Env(String),
    /// `{ command = "..." }`: the standard output of a command run by `sh -c`.
    Command(String),
    /// `{ prompt = true }`: typed by the user on the terminal, without echo.
    Prompt,
    /// `{ inline = "..." }`: written in the config file, allowed only with
    /// `allow_inline_secret = true`.
    Inline(Secret),
}

impl SecretSource {
    /// Reads the secret from this source.
    ///
    /// `environment` names the environment in error messages. `prompt` is the text shown by
    /// [`SecretSource::Prompt`], which reads from the terminal and so must run before the
    /// terminal UI starts. [`SecretSource::Command`] blocks until the command exits.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Secret`] when the variable is unset or empty, the command fails or prints
    /// nothing, or the prompt cannot read from the terminal or gets an empty answer.
    pub fn resolve(&self, environment: &str, prompt: &str) -> Result<Secret, ConfigError> {
        let result = match self {
            Self::Env(variable) => read_env_var(variable, std::env::var_os(variable)),
            Self::Command(command) => run_command(command),
            Self::Prompt => read_prompt(prompt),
            Self::Inline(secret) => Ok(secret.clone()),
        };
        result.map_err(|message| ConfigError::Secret {
            environment: environment.to_owned(),
            message,
        })
    }
}

/// Turns the looked-up `value` of `variable` into a secret. Split from the lookup so tests can
/// cover an empty variable without changing the process environment.
fn read_env_var(variable: &str, value: Option<OsString>) -> Result<Secret, String> {
    let Some(value) = value else {
        return Err(format!(
            "environment variable {variable} is not set; set it before starting kcdeck"
        ));
    };
    let Ok(value) = value.into_string() else {
        return Err(format!(
            "environment variable {variable} is not valid UTF-8"
        ));
    };
    if value.is_empty() {
        return Err(format!(
            "environment variable {variable} is empty; set it to the secret before starting kcdeck"
        ));
    }
    Ok(Secret(value))
}

/// Runs `command` through `sh -c` with no standard input and returns its standard output
/// without the final line break.
///
/// Error messages quote the exit status and the first line of standard error, never standard
/// output, because a failing command may still have printed part of the secret.
// NOTE: there is no timeout, because a password manager may wait for a touch or a passphrase.
fn run_command(command: &str) -> Result<Secret, String> {
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| format!("secret command `{command}` could not be started: {error}"))?;

    if !output.status.success() {
        return Err(command_failure(command, &output));
    }
    let Ok(stdout) = String::from_utf8(output.stdout) else {
        return Err(format!(
            "secret command `{command}` printed output that is not UTF-8"
        ));
    };

    let value = strip_line_break(&stdout);
    if value.is_empty() {
        return Err(format!(
            "secret command `{command}` printed nothing; it must print the secret to standard \
             output"
        ));
    }
    Ok(Secret(value.to_owned()))
}

fn command_failure(command: &str, output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first_line = stderr.lines().map(str::trim).find(|line| !line.is_empty());
    // `ExitStatus` displays as "exit status: 3"; without the colon the message reads better.
    let status = match output.status.code() {
        Some(code) => format!("exit status {code}"),
        None => output.status.to_string(),
    };
    match first_line {
        Some(line) => format!("secret command `{command}` failed with {status}: {line}"),
        None => format!("secret command `{command}` failed with {status}"),
    }
}

/// Removes one trailing `\n` or `\r\n`, keeping any other whitespace, which may be part of the
/// secret.
fn strip_line_break(text: &str) -> &str {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.strip_suffix('\r').unwrap_or(text)
}

// NOTE: no automated test covers this path, because rpassword reads from the controlling
// terminal.
fn read_prompt(prompt: &str) -> Result<Secret, String> {
    let value = rpassword::prompt_password(prompt)
        .map_err(|error| format!("failed to read the secret from the terminal: {error}"))?;
    if value.is_empty() {
        return Err("the secret typed at the prompt is empty".to_owned());
    }
    Ok(Secret(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_command(command: &str) -> Result<Secret, ConfigError> {
        SecretSource::Command(command.to_owned()).resolve("dev", "unused")
    }

    fn error_text(result: Result<Secret, ConfigError>) -> String {
        match result {
            Ok(secret) => panic!(
                "expected an error, got a secret of {} bytes",
                secret.0.len()
            ),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn secret_debug_and_display_mask() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?}"), "********");
        assert_eq!(format!("{secret}"), "********");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn inline_source_debug_masks() {
        let source = SecretSource::Inline(Secret::new("hunter2"));
        assert_eq!(format!("{source:?}"), "Inline(********)");
    }

    #[test]
    fn inline_source_resolves_to_value() {
        let source = SecretSource::Inline(Secret::new("hunter2"));
        let secret = source.resolve("dev", "unused").expect("inline secret");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn env_source_reads_set_variable() {
        // PATH is set in every environment that runs the tests.
        let expected = std::env::var("PATH").expect("PATH is set");
        let source = SecretSource::Env("PATH".to_owned());
        let secret = source.resolve("dev", "unused").expect("PATH resolves");
        assert_eq!(secret.expose(), expected);
    }

    #[test]
    fn env_source_unset_names_variable() {
        let source = SecretSource::Env("KCDECK_TEST_SURELY_UNSET_4F2A".to_owned());
        let message = error_text(source.resolve("dev", "unused"));
        assert_eq!(
            message,
            "failed to resolve the secret of environment \"dev\": environment variable \
             KCDECK_TEST_SURELY_UNSET_4F2A is not set; set it before starting kcdeck"
        );
    }

    #[test]
    fn env_source_empty_is_error() {
        let message =
            read_env_var("KCDECK_DEV_PASSWORD", Some(OsString::new())).expect_err("empty variable");
        assert_eq!(
            message,
            "environment variable KCDECK_DEV_PASSWORD is empty; set it to the secret before \
             starting kcdeck"
        );
    }

    #[test]
    fn command_output_loses_final_newline() {
        let secret = resolve_command("printf 'hunter2\\n'").expect("command succeeds");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn command_output_loses_final_crlf() {
        let secret = resolve_command("printf 'hunter2\\r\\n'").expect("command succeeds");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn command_output_keeps_other_whitespace() {
        let secret = resolve_command("printf ' pw \\n\\n'").expect("command succeeds");
        assert_eq!(secret.expose(), " pw \n");
    }

    #[test]
    fn command_gets_no_stdin() {
        // `cat` would block on an inherited terminal. With no stdin it prints nothing.
        let secret = resolve_command("cat; printf x").expect("cat reads an empty stdin");
        assert_eq!(secret.expose(), "x");
    }

    #[test]
    fn command_failure_shows_status_and_stderr() {
        let message = error_text(resolve_command(
            "echo leaked-stdout; echo 'not in the store' >&2; echo second >&2; exit 3",
        ));
        assert_eq!(
            message,
            "failed to resolve the secret of environment \"dev\": secret command `echo \
             leaked-stdout; echo 'not in the store' >&2; echo second >&2; exit 3` failed with \
             exit status 3: not in the store"
        );
    }

    #[test]
    fn command_failure_never_shows_stdout() {
        // The command prints "hunter2" without that word appearing in the command itself.
        let message = error_text(resolve_command("printf hun; printf ter2; exit 1"));
        assert!(!message.contains("hunter2"), "{message}");
        assert!(message.ends_with("failed with exit status 1"), "{message}");
    }

    #[test]
    fn command_empty_output_is_error() {
        let message = error_text(resolve_command("true"));
        assert_eq!(
            message,
            "failed to resolve the secret of environment \"dev\": secret command `true` printed \
             nothing; it must print the secret to standard output"
        );
    }

    #[test]
    fn command_newline_only_is_error() {
        let message = error_text(resolve_command("echo"));
        assert!(message.contains("printed nothing"), "{message}");
    }
}
