//! Configuration: finding, parsing and validating the config file, and resolving secrets.
//!
//! The config file is TOML with optional `[settings]` and one `[[environment]]` table per
//! Keycloak server or realm export, plus optional `[diff]`, `[keys.CONTEXT]` and `[aliases]`
//! tables. [`discover`] finds the file, [`load`] reads and validates it
//! into a [`Config`] plus [`ConfigWarning`]s, and [`Environment::resolve_secret`] reads each
//! secret in a separate step, before the terminal UI starts. Every problem the user can fix
//! becomes one [`ConfigError`] that names the file, the line, the key and the fix.
//!
//! This module must not touch the terminal UI or the network. The only terminal access is the
//! password prompt of `secret = { prompt = true }`.

mod color;
mod connection;
mod discovery;
mod error;
mod keys;
mod model;
mod reader;
mod secret;
mod validate;

use std::path::{Path, PathBuf};

use toml::de::DeTable;

pub use discovery::{CONFIG_ENV_VAR, CONFIG_FILE_NAME, config_dir, discover, state_dir};
pub use error::{ConfigError, ConfigWarning, WarningKind};
pub use model::{BaseUrl, Config, Connection, Environment, Grant, Kind, Settings, ThemeChoice};
pub use secret::{Secret, SecretSource};

/// Smallest useful config file, shown when no config file or no environment is found.
pub const EXAMPLE_CONFIG: &str = r#"[[environment]]
name = "dev"
url = "https://keycloak.example.com"
username = "admin"
secret = { env = "KCDECK_DEV_PASSWORD" }
"#;

/// A validated config file with the warnings found while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The file the config was read from.
    pub path: PathBuf,
    /// The validated config.
    pub config: Config,
    /// Problems that did not stop loading, sorted by line. The caller shows them to the user.
    pub warnings: Vec<ConfigWarning>,
}

/// Reads and validates the config file at `path`.
///
/// Relative paths in the file (`path`, `ca_cert`) are resolved against the file's directory,
/// and the files they name must be readable. No secret is read.
///
/// # Errors
///
/// [`ConfigError::Read`] when the file cannot be read, [`ConfigError::Syntax`] for invalid
/// TOML and [`ConfigError::Invalid`] for the first invalid or missing key.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let loaded = parse(&text, path)?;
    for warning in &loaded.warnings {
        tracing::warn!("{warning}");
    }
    tracing::info!(
        path = %path.display(),
        environments = loaded.config.environments.len(),
        warnings = loaded.warnings.len(),
        "loaded config"
    );
    Ok(loaded)
}

/// Parses and validates config text as if it had been read from `path`.
///
/// `path` names the file in messages and is the base of relative paths in the text.
///
/// # Errors
///
/// As for [`load`], except [`ConfigError::Read`].
pub fn parse(text: &str, path: &Path) -> Result<Loaded, ConfigError> {
    let file = error::SourceFile { path, text };
    let document = DeTable::parse(text).map_err(|error| file.syntax_error(&error))?;

    let mut warnings = Vec::new();
    let config = validate::build_config(&file, document.get_ref(), &mut warnings)?;
    warnings.sort_by_key(|warning| warning.line);

    Ok(Loaded {
        path: path.to_path_buf(),
        config,
        warnings,
    })
}

/// Helpers shared by the tests of the config submodules.
#[cfg(test)]
mod test_support {
    use std::path::Path;

    use super::{ConfigWarning, Loaded, parse};

    /// Path used in messages of configs parsed from strings.
    pub const PATH: &str = "/home/op/.config/kcdeck/config.toml";

    /// One valid environment, to which tests append keys.
    pub const DEV: &str = r#"[[environment]]
name = "dev"
url = "https://kc.example.com"
username = "admin"
secret = { env = "KCDECK_DEV_PASSWORD" }
"#;

    pub fn parse_ok(text: &str) -> Loaded {
        parse_ok_at(text, Path::new(PATH))
    }

    pub fn parse_ok_at(text: &str, path: &Path) -> Loaded {
        match parse(text, path) {
            Ok(loaded) => loaded,
            Err(error) => panic!("expected a valid config, got: {error}"),
        }
    }

    /// Returns the message a user sees for an invalid config.
    pub fn error_message(text: &str) -> String {
        error_message_at(text, Path::new(PATH))
    }

    pub fn error_message_at(text: &str, path: &Path) -> String {
        match parse(text, path) {
            Ok(loaded) => panic!("expected an error, got {:?}", loaded.config),
            Err(error) => error.to_string(),
        }
    }

    /// Returns the warnings a user sees for a valid config.
    pub fn warning_messages(text: &str) -> Vec<String> {
        parse_ok(text)
            .warnings
            .iter()
            .map(ConfigWarning::to_string)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use ratatui::style::Color;

    use super::test_support::{DEV, PATH, error_message, parse_ok, warning_messages};
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/config")
            .join(name)
    }

    fn load_fixture(name: &str) -> Loaded {
        match load(&fixture(name)) {
            Ok(loaded) => loaded,
            Err(error) => panic!("fixture {name} failed to load: {error}"),
        }
    }

    fn connection(environment: &Environment) -> &Connection {
        match &environment.kind {
            Kind::Keycloak(connection) => connection,
            Kind::File { .. } => panic!("environment {} is a file", environment.name),
        }
    }

    #[test]
    fn valid_minimal_uses_defaults() {
        let loaded = load_fixture("valid_minimal.toml");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.config.settings, Settings::default());
        assert_eq!(loaded.config.environments.len(), 1);

        let dev = &loaded.config.environments[0];
        assert_eq!(dev.name, "dev");
        assert_eq!(dev.color, Color::Cyan);
        assert!(!dev.read_only);
        assert!(!dev.protected);
        assert!(dev.realm_names.is_empty());

        let connection = connection(dev);
        assert_eq!(connection.url.as_str(), "https://kc-dev.example.com");
        assert_eq!(connection.login_realm, "master");
        assert_eq!(connection.client_id, "admin-cli");
        assert_eq!(
            connection.grant,
            Grant::Password {
                username: "admin".to_owned()
            }
        );
        assert_eq!(
            connection.secret,
            SecretSource::Env("KCDECK_DEV_PASSWORD".to_owned())
        );
        assert_eq!(connection.ca_cert, None);
        assert!(!connection.insecure_tls);
    }

    #[test]
    fn valid_full_reads_every_key() {
        let loaded = load_fixture("valid_full.toml");
        let config = &loaded.config;
        assert_eq!(config.settings.concurrency, 8);
        assert_eq!(config.settings.timeout, Duration::from_secs(45));
        let names: Vec<&str> = config
            .environments
            .iter()
            .map(|env| env.name.as_str())
            .collect();
        assert_eq!(names, ["dev", "staging", "prod", "local", "snapshot"]);

        let dev = &config.environments[0];
        assert_eq!(dev.color, Color::LightGreen);
        assert_eq!(dev.realm_name("shop"), "shop-dev");
        let dev_connection = connection(dev);
        assert_eq!(
            dev_connection.url.as_str(),
            "https://kc-dev.example.com/auth"
        );
        assert_eq!(dev_connection.login_realm, "admin-realm");
        assert_eq!(dev_connection.client_id, "kcdeck");
        assert_eq!(dev_connection.ca_cert, Some(fixture("corp-ca.pem")));

        let staging = &config.environments[1];
        assert_eq!(staging.color, Color::Rgb(0xff, 0x88, 0x00));
        assert!(staging.read_only);
        let staging_connection = connection(staging);
        assert_eq!(staging_connection.grant, Grant::ClientCredentials);
        assert_eq!(
            staging_connection.secret,
            SecretSource::Command("pass show kc/staging".to_owned())
        );
        assert!(staging_connection.insecure_tls);

        let prod = &config.environments[2];
        assert!(prod.protected);
        assert_eq!(prod.color, Color::Yellow);
        assert_eq!(connection(prod).secret, SecretSource::Prompt);

        let local = connection(&config.environments[3]);
        assert_eq!(local.secret, SecretSource::Inline(Secret::new("admin")));

        let snapshot = &config.environments[4];
        assert_eq!(
            snapshot.kind,
            Kind::File {
                path: fixture("exports/prod-realm.json")
            }
        );
        assert!(snapshot.read_only);
        assert_eq!(snapshot.realm_name("shop"), "shop-prod");
    }

    #[test]
    fn valid_full_warns_tls_and_inline() {
        let loaded = load_fixture("valid_full.toml");
        let kinds: Vec<(usize, WarningKind)> = loaded
            .warnings
            .iter()
            .map(|warning| (warning.line, warning.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (25, WarningKind::InsecureTls),
                (40, WarningKind::InlineSecret)
            ]
        );

        let path = fixture("valid_full.toml");
        assert_eq!(
            loaded.warnings[1].to_string(),
            format!(
                "config warning in {}, line 40: environment \"local\": the secret is written in \
                 the config file; prefer secret = {{ env = \"VARIABLE\" }} or secret = \
                 {{ command = \"...\" }}, which keep the secret out of this file",
                path.display()
            )
        );
    }

    #[test]
    fn example_config_is_valid() {
        let loaded = parse_ok(EXAMPLE_CONFIG);
        assert!(loaded.warnings.is_empty());
        assert_eq!(loaded.config.environments.len(), 1);
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let text = "[[environment]]\nname = \"dev\nurl = \"https://kc.example.com\"\n";
        assert_eq!(
            error_message(text),
            format!(
                "config error in {PATH}, line 2, column 12: TOML syntax error: invalid basic \
                 string, expected `\"`"
            )
        );
    }

    #[test]
    fn syntax_error_duplicate_key() {
        let text = format!("{DEV}name = \"other\"\n");
        assert_eq!(
            error_message(&text),
            format!("config error in {PATH}, line 6, column 1: TOML syntax error: duplicate key")
        );
    }

    #[test]
    fn unknown_keys_warn_with_line() {
        let text = format!(
            "[settings]\nconcurency = 2\n\n{DEV}colour = \"red\"\nsecret_env = \"X\"\n\n\
             [environments]\n"
        );
        assert_eq!(
            warning_messages(&text),
            [
                format!(
                    "config warning in {PATH}, line 2: unknown key \"settings.concurency\" is \
                     ignored; did you mean \"settings.concurrency\"?"
                ),
                format!(
                    "config warning in {PATH}, line 9: environment \"dev\": unknown key \
                     \"colour\" is ignored; did you mean \"color\"?"
                ),
                format!(
                    "config warning in {PATH}, line 10: environment \"dev\": unknown key \
                     \"secret_env\" is ignored"
                ),
                format!(
                    "config warning in {PATH}, line 12: unknown key \"environments\" is ignored; \
                     did you mean \"environment\"?"
                ),
            ]
        );
    }

    #[test]
    fn unknown_key_in_secret_warns() {
        let text = DEV.replace("{ env = ", "{ envv = \"typo\", env = ");
        assert_eq!(
            warning_messages(&text),
            [format!(
                "config warning in {PATH}, line 5: environment \"dev\": unknown key \
                 \"secret.envv\" is ignored; did you mean \"secret.env\"?"
            )]
        );
    }

    #[test]
    fn load_directory_is_read_error() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let error = load(directory.path()).expect_err("a directory is not a file");
        let message = error.to_string();
        let expected_start = format!(
            "config file {} cannot be read: ",
            directory.path().display()
        );
        assert!(message.starts_with(&expected_start), "{message}");
    }

    #[test]
    fn load_keeps_path() {
        let loaded = load_fixture("valid_minimal.toml");
        assert_eq!(loaded.path, fixture("valid_minimal.toml"));
    }
}
