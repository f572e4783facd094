//! Configuration: finding, parsing and validating the config file, and resolving secrets.
//!
//! The config file is TOML with optional `[settings]` and one `[[environment]]` table per
//! Keycloak server or realm export. [`discover`] finds the file, [`load`] reads and validates it
//! into a [`Config`] plus [`ConfigWarning`]s, and [`Environment::resolve_secret`] reads each
//! secret in a separate step, before the terminal UI starts. Every problem the user can fix
//! becomes one [`ConfigError`] that names the file, the line, the key and the fix.
//!
//! This module must not touch the terminal UI or the network. The only terminal access is the
//! password prompt of `secret = { prompt = true }`.

mod error;
mod model;
mod secret;

pub use error::{ConfigError, ConfigWarning, WarningKind};
pub use model::{BaseUrl, Config, Connection, Environment, Grant, Kind, Settings};
pub use secret::{Secret, SecretSource};

/// Smallest useful config file, shown when no config file or no environment is found.
pub const EXAMPLE_CONFIG: &str = r#"[[environment]]
name = "dev"
url = "https://keycloak.example.com"
username = "admin"
secret = { env = "KCDECK_DEV_PASSWORD" }
"#;
