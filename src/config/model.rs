//! Typed configuration that the rest of kcdeck reads.
//!
//! Values here have passed validation: names are unique and well formed, URLs are http or https,
//! referenced files existed at load time, and each environment carries only the settings that
//! apply to its kind. This module contains data and small lookups. It does no I/O and reads
//! no secret.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use ratatui::style::Color;
use reqwest::Url;

use super::{ConfigError, Secret, SecretSource};

/// The whole validated config file.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Global settings from `[settings]`, or their defaults.
    pub settings: Settings,
    /// The `[[environment]]` tables in file order. Never empty.
    pub environments: Vec<Environment>,
    /// Expected differences from the `[diff]` table.
    pub diff: crate::diff::DiffConfig,
    /// Key bindings from the `[keys.CONTEXT]` tables, which override the defaults key by key.
    pub keys: Vec<crate::keymap::UserBinding>,
    /// Command aliases from the `[aliases]` table, without those a built-in command hides.
    pub aliases: BTreeMap<String, String>,
}

impl Config {
    /// Finds an environment by its exact name.
    #[must_use]
    pub fn environment(&self, name: &str) -> Option<&Environment> {
        self.environments
            .iter()
            .find(|environment| environment.name == name)
    }
}

/// Global settings from the `[settings]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Maximum number of requests in flight to one environment, from 1 to
    /// [`Settings::MAX_CONCURRENCY`].
    pub concurrency: usize,
    /// Timeout of one HTTP request.
    pub timeout: Duration,
    /// Colour theme: a built-in name or a theme file.
    pub theme: ThemeChoice,
    /// Draw with ASCII characters only, for consoles without box drawing.
    pub ascii: bool,
}

/// The `theme` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeChoice {
    /// One of the themes built into kcdeck, such as `dark` or `light`.
    Builtin(String),
    /// A theme file, checked to load when the config was read.
    File(PathBuf),
}

impl Settings {
    /// Default of `concurrency`.
    pub const DEFAULT_CONCURRENCY: usize = 4;
    /// Upper limit of `concurrency`, to keep one kcdeck from flooding a Keycloak server.
    pub const MAX_CONCURRENCY: usize = 32;
    /// Default of `timeout_secs`.
    pub const DEFAULT_TIMEOUT_SECS: u64 = 20;
    /// Upper limit of `timeout_secs` (one hour), which catches a value given in milliseconds.
    pub const MAX_TIMEOUT_SECS: u64 = 3600;
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            concurrency: Self::DEFAULT_CONCURRENCY,
            timeout: Duration::from_secs(Self::DEFAULT_TIMEOUT_SECS),
            theme: ThemeChoice::Builtin(crate::theme::DEFAULT_NAME.to_owned()),
            ascii: false,
        }
    }
}

/// One `[[environment]]`: a Keycloak server or a realm export file shown as a column.
#[derive(Debug, Clone, PartialEq)]
pub struct Environment {
    /// Unique name made of ASCII letters, digits, `_`, `.` and `-`. No two environments have
    /// names that differ only in case.
    pub name: String,
    /// Badge colour, from the `color` key or from a palette by position.
    pub color: Color,
    /// Rejects every write to this environment. Always `true` for [`Kind::File`].
    pub read_only: bool,
    /// Requires typing the environment's name to confirm each write.
    pub protected: bool,
    /// Maps a logical realm name to this environment's realm name, so that realms with
    /// different names are compared with each other. Values are unique.
    pub realm_names: BTreeMap<String, String>,
    /// Source of the environment's data.
    pub kind: Kind,
}

impl Environment {
    /// Returns this environment's name for the realm called `logical` across environments.
    #[must_use]
    pub fn realm_name<'a>(&'a self, logical: &'a str) -> &'a str {
        self.realm_names
            .get(logical)
            .map_or(logical, String::as_str)
    }

    /// Returns the logical name of this environment's realm `actual`, the inverse of
    /// [`Environment::realm_name`].
    #[must_use]
    pub fn logical_realm_name<'a>(&'a self, actual: &'a str) -> &'a str {
        let mapped = self
            .realm_names
            .iter()
            .find(|(_, name)| name.as_str() == actual);
        mapped.map_or(actual, |(logical, _)| logical.as_str())
    }

    /// Resolves the secret of a [`Kind::Keycloak`] environment; a file has none.
    ///
    /// This may run a command or prompt on the terminal, so call it before the UI starts.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Secret`] as described in [`SecretSource::resolve`].
    pub fn resolve_secret(&self) -> Result<Option<Secret>, ConfigError> {
        match &self.kind {
            Kind::Keycloak(connection) => {
                let prompt = connection.secret_prompt(&self.name);
                connection.secret.resolve(&self.name, &prompt).map(Some)
            }
            Kind::File { .. } => Ok(None),
        }
    }
}

/// Source of an environment's data, from the `kind` key.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `kind = "keycloak"`: a live server reached through its admin REST API.
    Keycloak(Connection),
    /// `kind = "file"`: a realm export read from disk, always read-only.
    File {
        /// The export file. A relative path in the config file is resolved against the config
        /// file's directory.
        path: PathBuf,
    },
}

/// How to reach and log in to a Keycloak server.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// Base URL of the server, including any path prefix such as `/auth`.
    pub url: BaseUrl,
    /// Realm to log in to, usually `master`.
    pub login_realm: String,
    /// OAuth client used to log in, `admin-cli` by default.
    pub client_id: String,
    /// OAuth grant, with the user name for the password grant.
    pub grant: Grant,
    /// Source of the password or client secret.
    pub secret: SecretSource,
    /// Extra PEM CA certificate to trust, resolved against the config file's directory.
    pub ca_cert: Option<PathBuf>,
    /// Accepts any server certificate. Loading the config also emits a warning.
    pub insecure_tls: bool,
}

impl Connection {
    /// Builds the prompt text for `secret = { prompt = true }`, such as
    /// `Password for dev (admin@https://kc.example.com): `.
    #[must_use]
    pub fn secret_prompt(&self, environment: &str) -> String {
        let url = &self.url;
        match &self.grant {
            Grant::Password { username } => {
                format!("Password for {environment} ({username}@{url}): ")
            }
            Grant::ClientCredentials => {
                format!(
                    "Client secret for {environment} ({}@{url}): ",
                    self.client_id
                )
            }
        }
    }
}

/// OAuth grant used to obtain an admin token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// `grant = "password"`: a user logs in with the secret as password.
    Password {
        /// The `username` key.
        username: String,
    },
    /// `grant = "client_credentials"`: a confidential client logs in with the secret as its
    /// client secret.
    ClientCredentials,
}

/// Validated http or https base URL without a trailing slash, query or fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// Parses and checks a URL from the config file.
    ///
    /// Trailing slashes are removed and a path prefix such as `/auth` is kept.
    ///
    /// # Errors
    ///
    /// A message for the user when the URL does not parse, is not http or https, has no host,
    /// or contains credentials, a query or a fragment.
    pub fn parse(text: &str) -> Result<Self, String> {
        let url =
            Url::parse(text.trim().trim_end_matches('/')).map_err(|error| error.to_string())?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "the scheme is \"{}\", not http or https",
                url.scheme()
            ));
        }
        if url.host().is_none() {
            return Err("the URL has no host".to_owned());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(
                "the URL contains a user name or password; use the \"username\" and \
                        \"secret\" keys instead"
                    .to_owned(),
            );
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(
                "the URL contains a query or fragment; remove the part from \"?\" or \
                        \"#\" on"
                    .to_owned(),
            );
        }
        Ok(Self(url))
    }

    /// Returns the URL without a trailing slash, ready for `format!("{base}/admin/...")`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// Returns the parsed URL. Its path is `/` when the config gave no path prefix.
    #[must_use]
    pub fn as_url(&self) -> &Url {
        &self.0
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> String {
        match BaseUrl::parse(text) {
            Ok(url) => url.as_str().to_owned(),
            Err(message) => format!("error: {message}"),
        }
    }

    #[test]
    fn base_url_trims_trailing_slashes() {
        assert_eq!(parse("https://kc.example.com/"), "https://kc.example.com");
        assert_eq!(
            parse("https://kc.example.com/auth//"),
            "https://kc.example.com/auth"
        );
        assert_eq!(parse(" http://localhost:8080 "), "http://localhost:8080");
    }

    #[test]
    fn base_url_keeps_auth_prefix() {
        let url = BaseUrl::parse("https://kc.example.com/auth").expect("valid URL");
        assert_eq!(url.as_url().path(), "/auth");
        assert_eq!(url.to_string(), "https://kc.example.com/auth");
    }

    #[test]
    fn base_url_rejects_bad_urls() {
        assert_eq!(
            parse("ftp://kc.example.com"),
            "error: the scheme is \"ftp\", not http or https"
        );
        assert_eq!(
            parse("kc.example.com"),
            "error: relative URL without a base"
        );
        assert!(parse("https://admin:pw@kc.example.com").contains("user name or password"));
        assert!(parse("https://kc.example.com/?a=1").contains("query or fragment"));
        assert!(parse("https://kc.example.com/#x").contains("query or fragment"));
    }

    fn environment(realm_names: &[(&str, &str)]) -> Environment {
        Environment {
            name: "dev".to_owned(),
            color: Color::Green,
            read_only: true,
            protected: false,
            realm_names: realm_names
                .iter()
                .map(|(logical, actual)| ((*logical).to_owned(), (*actual).to_owned()))
                .collect(),
            kind: Kind::File {
                path: PathBuf::from("export.json"),
            },
        }
    }

    #[test]
    fn realm_name_maps_both_ways() {
        let environment = environment(&[("shop", "shop-dev")]);
        assert_eq!(environment.realm_name("shop"), "shop-dev");
        assert_eq!(environment.realm_name("billing"), "billing");
        assert_eq!(environment.logical_realm_name("shop-dev"), "shop");
        assert_eq!(environment.logical_realm_name("billing"), "billing");
    }

    #[test]
    fn file_environment_has_no_secret() {
        let secret = environment(&[]).resolve_secret().expect("no secret needed");
        assert!(secret.is_none());
    }

    #[test]
    fn secret_prompt_names_user_and_url() {
        let connection = Connection {
            url: BaseUrl::parse("https://kc.example.com/auth/").expect("valid URL"),
            login_realm: "master".to_owned(),
            client_id: "admin-cli".to_owned(),
            grant: Grant::Password {
                username: "admin".to_owned(),
            },
            secret: SecretSource::Prompt,
            ca_cert: None,
            insecure_tls: false,
        };
        assert_eq!(
            connection.secret_prompt("dev"),
            "Password for dev (admin@https://kc.example.com/auth): "
        );
        let connection = Connection {
            grant: Grant::ClientCredentials,
            ..connection
        };
        assert_eq!(
            connection.secret_prompt("dev"),
            "Client secret for dev (admin-cli@https://kc.example.com/auth): "
        );
    }
}
