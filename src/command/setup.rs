//! Turning a loaded config into HTTP clients, runtime backends and UI state.
//! Secrets are resolved here, before any terminal setup, because a prompt
//! needs the normal terminal.

use std::time::Duration;

use color_eyre::eyre::{Result, WrapErr};

use crate::config::{Config, Environment, Grant, Kind, Settings};
use crate::keycloak::{Connection, Credentials, Grant as KeycloakGrant, KeycloakClient, Masked};
use crate::runtime::Backend;
use crate::state::EnvState;

/// Builds the backend of every environment, resolving secrets (which may prompt).
///
/// A secret that cannot be resolved is an error: the operator fixes the
/// config or the variable and starts again, instead of a column that can never load.
pub fn backends(config: &Config, read_only: bool) -> Result<Vec<Backend>> {
    config
        .environments
        .iter()
        .map(|env| backend(env, &config.settings, read_only))
        .collect()
}

/// Builds read-only backends for a check of every environment, where a secret
/// that cannot be resolved fails only its own environment.
pub fn backends_for_check(config: &Config) -> Vec<Backend> {
    config
        .environments
        .iter()
        .map(|env| {
            backend(env, &config.settings, true)
                .unwrap_or_else(|error| Backend::Broken(format!("{error:#}")))
        })
        .collect()
}

fn backend(env: &Environment, settings: &Settings, read_only: bool) -> Result<Backend> {
    let connection = match &env.kind {
        Kind::File { path } => return Ok(Backend::File(path.clone())),
        Kind::Keycloak(connection) => connection,
    };
    let secret = env
        .resolve_secret()?
        .map(|secret| Masked::new(secret.expose()))
        .unwrap_or_else(|| Masked::new(""));
    let ca_cert_pem = match &connection.ca_cert {
        Some(path) => Some(std::fs::read(path).wrap_err_with(|| {
            format!(
                "environment \"{}\": cannot read CA certificate {}",
                env.name,
                path.display()
            )
        })?),
        None => None,
    };
    let (grant, username) = match &connection.grant {
        Grant::Password { username } => (KeycloakGrant::Password, Some(username.clone())),
        Grant::ClientCredentials => (KeycloakGrant::ClientCredentials, None),
    };
    let client = KeycloakClient::new(Connection {
        env: env.name.clone(),
        base_url: connection.url.as_str().trim_end_matches('/').to_owned(),
        credentials: Credentials {
            login_realm: connection.login_realm.clone(),
            grant,
            client_id: connection.client_id.clone(),
            username,
            secret,
        },
        ca_cert_pem,
        insecure_tls: connection.insecure_tls,
        read_only: read_only || env.read_only,
        concurrency: settings.concurrency,
        timeout: settings.timeout,
    });
    match client {
        Ok(client) => Ok(Backend::Live(client)),
        Err(error) => Ok(Backend::Broken(error.to_string())),
    }
}

/// Builds the UI state of every environment.
pub fn env_states(config: &Config, read_only: bool) -> Vec<EnvState> {
    config
        .environments
        .iter()
        .map(|env| {
            let (url, insecure) = match &env.kind {
                Kind::Keycloak(connection) => (connection.url.to_string(), connection.insecure_tls),
                Kind::File { path } => (path.display().to_string(), false),
            };
            let mut state = EnvState::new(&env.name, env.color, url);
            state.read_only = read_only || env.read_only;
            state.protected = env.protected;
            state.realm_names = env.realm_names.clone();
            if insecure {
                state.warnings.push("TLS not verified".to_owned());
            }
            state
        })
        .collect()
}

/// Returns the client of a live environment by name, for the headless commands.
pub fn live_client(config: &Config, name: &str, read_only: bool) -> Result<KeycloakClient> {
    let Some(env) = config.environment(name) else {
        let known: Vec<&str> = config
            .environments
            .iter()
            .map(|env| env.name.as_str())
            .collect();
        color_eyre::eyre::bail!(
            "no environment \"{name}\" in the config; configured: {}",
            known.join(", ")
        );
    };
    match backend(env, &config.settings, read_only)? {
        Backend::Live(client) => Ok(client),
        Backend::File(path) => color_eyre::eyre::bail!(
            "environment \"{name}\" is the file {}, not a server",
            path.display()
        ),
        Backend::Broken(reason) => color_eyre::eyre::bail!("environment \"{name}\": {reason}"),
    }
}

/// Timeout used by `kcdeck envs` when the config sets none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(Settings::DEFAULT_TIMEOUT_SECS);
