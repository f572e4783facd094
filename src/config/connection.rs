//! Validation of the keys that define how kcdeck reaches and logs in to a Keycloak server.
//!
//! These keys apply only to `kind = "keycloak"` environments: URL, login realm, client, grant,
//! user name, secret source and TLS settings. The secret source is checked for shape only. The
//! secret itself is read later by `SecretSource::resolve`.

use std::path::{Path, PathBuf};

use reqwest::Url;

use super::reader::TableReader;
use super::validate::{check_file, file_error, flag, quoted, warn_ignored};
use super::{
    BaseUrl, ConfigError, ConfigWarning, Connection, Grant, Secret, SecretSource, WarningKind,
};

/// Keys of an `[[environment]]` that apply only to `kind = "keycloak"`.
pub(super) const CONNECTION_KEYS: [&str; 9] = [
    "url",
    "login_realm",
    "grant",
    "client_id",
    "username",
    "secret",
    "allow_inline_secret",
    "ca_cert",
    "insecure_tls",
];

const SECRET_KEYS: [&str; 4] = ["env", "command", "prompt", "inline"];

const SECRET_EXAMPLES: &str =
    "secret = { env = \"VARIABLE\" }, secret = { command = \"...\" } or secret = { prompt = true }";

/// Reads the connection keys of a Keycloak environment.
pub(super) fn read_connection(
    table: &TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<Connection, ConfigError> {
    let url = read_url(table)?;
    let login_realm = read_non_empty(table, "login_realm", "master", "a realm name")?;
    let client_id = read_non_empty(table, "client_id", "admin-cli", "a client ID")?;
    let grant = read_grant(table)?;
    let secret = read_secret(table, warnings)?;
    let ca_cert = read_ca_cert(table)?;

    let insecure_tls = flag(table, "insecure_tls")?;
    if insecure_tls {
        let message = "insecure_tls = true turns off TLS certificate checks for this \
                       environment; to trust a private CA, set ca_cert instead";
        warnings.push(table.warning_at("insecure_tls", WarningKind::InsecureTls, message));
    }

    Ok(Connection {
        url,
        login_realm,
        client_id,
        grant,
        secret,
        ca_cert,
        insecure_tls,
    })
}

/// Adds a warning for each connection key of a `kind = "file"` environment.
pub(super) fn warn_connection_keys_ignored(
    table: &TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) {
    warn_ignored(table, &CONNECTION_KEYS, "kind = \"file\"", warnings);
}

/// Resolves a path from the config file: `~/` starts at the home directory, and a relative path
/// at the config file's directory.
pub(super) fn resolve_path(config_file: &Path, text: &str) -> PathBuf {
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    if let (Some(rest), Some(home)) = (text.strip_prefix("~/"), home) {
        return home.join(rest);
    }
    let path = Path::new(text);
    match config_file.parent() {
        Some(directory) if path.is_relative() => directory.join(path),
        _ => path.to_path_buf(),
    }
}

fn read_url(table: &TableReader<'_, '_>) -> Result<BaseUrl, ConfigError> {
    let Some(text) = table.string("url")? else {
        let fix = "add the server's base URL, such as url = \"https://keycloak.example.com\"";
        return Err(table.missing("url", fix));
    };
    let text = *text.get_ref();
    BaseUrl::parse(text).map_err(|problem| {
        let value_text = format!("{} ({problem})", quoted(&mask_url_password(text)));
        let expected = "expected an http or https URL such as \"https://keycloak.example.com\" \
                        or \"https://keycloak.example.com/auth\"";
        table.invalid_value("url", &value_text, expected)
    })
}

/// Replaces a password inside a URL with a mask, so an error message cannot show it.
fn mask_url_password(text: &str) -> String {
    match Url::parse(text.trim()) {
        Ok(mut url) if url.password().is_some() => {
            // `set_password` fails only for URLs that cannot have a password, and this one has one.
            let _ = url.set_password(Some("********"));
            url.to_string()
        }
        _ => text.to_owned(),
    }
}

/// Reads an optional string that must not be empty, described as `description` in the error.
fn read_non_empty(
    table: &TableReader<'_, '_>,
    key: &str,
    default: &str,
    description: &str,
) -> Result<String, ConfigError> {
    let Some(text) = table.string(key)? else {
        return Ok(default.to_owned());
    };
    if text.get_ref().trim().is_empty() {
        let expected = format!("expected {description} such as \"{default}\"");
        return Err(table.invalid_value(key, &quoted(text.get_ref()), &expected));
    }
    Ok((*text.get_ref()).to_owned())
}

fn read_grant(table: &TableReader<'_, '_>) -> Result<Grant, ConfigError> {
    let grant = table.string("grant")?;
    let is_client_credentials = match grant.as_ref().map(|grant| *grant.get_ref()) {
        None | Some("password") => false,
        Some("client_credentials") => true,
        Some(other) => {
            let expected = "expected \"password\" or \"client_credentials\"";
            return Err(table.invalid_value("grant", &quoted(other), expected));
        }
    };

    let username = table.string("username")?;
    match (is_client_credentials, username) {
        (true, None) => Ok(Grant::ClientCredentials),
        (true, Some(_)) => Err(table.error_at(
            "username",
            "key \"username\" is not allowed with grant = \"client_credentials\", which logs in \
             as the client; remove it, or set grant = \"password\"",
        )),
        (false, None) => Err(table.missing(
            "username",
            "the password grant logs in as a user, so add username = \"...\", or set \
             grant = \"client_credentials\" to log in as a client",
        )),
        (false, Some(name)) if name.get_ref().trim().is_empty() => {
            let expected = "expected a user name such as \"admin\"";
            Err(table.invalid_value("username", "\"\"", expected))
        }
        (false, Some(name)) => Ok(Grant::Password {
            username: (*name.get_ref()).to_owned(),
        }),
    }
}

fn read_secret(
    table: &TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<SecretSource, ConfigError> {
    let expected = format!("a table such as {SECRET_EXAMPLES}");
    let Some(secret) = table.table_described("secret", &expected)? else {
        return Err(table.missing("secret", &format!("add {SECRET_EXAMPLES}")));
    };
    secret.warn_unknown_keys(&SECRET_KEYS, warnings);

    let present: Vec<&str> = SECRET_KEYS
        .into_iter()
        .filter(|key| secret.contains(key))
        .collect();
    let source = match present.as_slice() {
        [] => {
            let message = format!("key \"secret\" names no source; use {SECRET_EXAMPLES}");
            return Err(table.error_at("secret", &message));
        }
        [source] => *source,
        several => {
            let message = format!(
                "key \"secret\" names more than one source ({}); keep exactly one",
                several.join(", ")
            );
            return Err(table.error_at("secret", &message));
        }
    };

    match source {
        "env" => read_secret_text(&secret, "env", "the name of an environment variable")
            .map(SecretSource::Env),
        "command" => read_secret_text(&secret, "command", "a shell command that prints the secret")
            .map(SecretSource::Command),
        "prompt" => read_prompt(&secret),
        _ => read_inline(table, &secret, warnings),
    }
}

fn read_secret_text(
    secret: &TableReader<'_, '_>,
    key: &str,
    description: &str,
) -> Result<String, ConfigError> {
    let text = secret.string(key)?.map_or("", |text| *text.get_ref());
    if text.trim().is_empty() {
        return Err(secret.invalid_value(key, &quoted(text), &format!("expected {description}")));
    }
    Ok(text.to_owned())
}

fn read_prompt(secret: &TableReader<'_, '_>) -> Result<SecretSource, ConfigError> {
    if flag(secret, "prompt")? {
        return Ok(SecretSource::Prompt);
    }
    let expected = "expected true, or another source such as { env = \"VARIABLE\" }";
    Err(secret.invalid_value("prompt", "false", expected))
}

fn read_inline(
    table: &TableReader<'_, '_>,
    secret: &TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<SecretSource, ConfigError> {
    let prefer = "prefer secret = { env = \"VARIABLE\" } or secret = { command = \"...\" }, \
                  which keep the secret out of this file";
    if !flag(table, "allow_inline_secret")? {
        let message = format!(
            "key \"secret.inline\" requires allow_inline_secret = true in the same environment; \
             {prefer}"
        );
        return Err(secret.error_at("inline", &message));
    }

    let value = match secret.string("inline")? {
        Some(value) if !value.get_ref().is_empty() => *value.get_ref(),
        // The value is empty, so the message can show it.
        _ => return Err(secret.invalid_value("inline", "\"\"", "expected the secret")),
    };
    let message = format!("the secret is written in the config file; {prefer}");
    warnings.push(secret.warning_at("inline", WarningKind::InlineSecret, &message));
    Ok(SecretSource::Inline(Secret::new(value)))
}

fn read_ca_cert(table: &TableReader<'_, '_>) -> Result<Option<PathBuf>, ConfigError> {
    let Some(text) = table.string("ca_cert")? else {
        return Ok(None);
    };
    let text = *text.get_ref();
    let path = resolve_path(table.file().path, text);
    check_file(&path)
        .and_then(|()| check_pem(&path))
        .map_err(|problem| file_error(table, "ca_cert", text, &path, &problem))?;
    Ok(Some(path))
}

/// Checks that the file contains a PEM certificate, which catches a DER file or a private key
/// before the first request fails with a less specific TLS error.
fn check_pem(path: &Path) -> Result<(), String> {
    let content = std::fs::read(path).map_err(|error| error.to_string())?;
    let marker: &[u8] = b"-----BEGIN CERTIFICATE-----";
    if content.windows(marker.len()).any(|window| window == marker) {
        Ok(())
    } else {
        Err("the file contains no PEM certificate (-----BEGIN CERTIFICATE-----)".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{
        DEV, PATH, error_message, error_message_at, parse_ok, parse_ok_at, warning_messages,
    };
    use super::super::{Environment, Kind};
    use super::*;

    fn only_connection(text: &str) -> Connection {
        let loaded = parse_ok(text);
        let environment: &Environment = &loaded.config.environments[0];
        match &environment.kind {
            Kind::Keycloak(connection) => connection.clone(),
            Kind::File { .. } => panic!("expected a Keycloak environment"),
        }
    }

    #[test]
    fn invalid_grant_lists_choices() {
        let text = DEV.replace("\"dev\"", "\"prod\"") + "grant = \"pasword\"\n";
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 6: environment \"prod\": key \"grant\" has invalid \
                 value \"pasword\"; expected \"password\" or \"client_credentials\""
            )
        );
    }

    #[test]
    fn missing_url_points_at_header() {
        let text = format!(
            "\n{}",
            DEV.replace("url = \"https://kc.example.com\"\n", "")
        );
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 2: environment \"dev\": missing required key \
                 \"url\"; add the server's base URL, such as url = \"https://keycloak.example.com\""
            )
        );
    }

    #[test]
    fn invalid_url_scheme() {
        let text = DEV.replace("https://kc.example.com", "ftp://kc.example.com");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 3: environment \"dev\": key \"url\" has invalid \
                 value \"ftp://kc.example.com\" (the scheme is \"ftp\", not http or https); \
                 expected an http or https URL such as \"https://keycloak.example.com\" or \
                 \"https://keycloak.example.com/auth\""
            )
        );
    }

    #[test]
    fn invalid_url_without_scheme() {
        let text = DEV.replace("https://kc.example.com", "kc.example.com");
        let message = error_message(&text);
        assert!(
            message.contains("\"kc.example.com\" (relative URL without a base); expected"),
            "{message}"
        );
    }

    #[test]
    fn invalid_url_masks_password() {
        let text = DEV.replace(
            "https://kc.example.com",
            "https://admin:hunter2@kc.example.com",
        );
        let message = error_message(&text);
        assert!(!message.contains("hunter2"), "{message}");
        assert!(
            message.contains(
                "\"https://admin:********@kc.example.com/\" (the URL contains a user name or \
                 password; use the \"username\" and \"secret\" keys instead)"
            ),
            "{message}"
        );
    }

    #[test]
    fn username_with_client_credentials() {
        let text = format!("{DEV}grant = \"client_credentials\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 4: environment \"dev\": key \"username\" is not \
                 allowed with grant = \"client_credentials\", which logs in as the client; \
                 remove it, or set grant = \"password\""
            )
        );
    }

    #[test]
    fn password_grant_without_username() {
        let text = DEV.replace("username = \"admin\"\n", "");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 1: environment \"dev\": missing required key \
                 \"username\"; the password grant logs in as a user, so add username = \"...\", \
                 or set grant = \"client_credentials\" to log in as a client"
            )
        );
    }

    #[test]
    fn empty_username_is_invalid() {
        let text = DEV.replace("\"admin\"", "\"\"");
        let message = error_message(&text);
        assert!(
            message.contains("line 4: environment \"dev\": key \"username\""),
            "{message}"
        );
        assert!(
            message.ends_with("expected a user name such as \"admin\""),
            "{message}"
        );
    }

    #[test]
    fn empty_login_realm_is_invalid() {
        let text = format!("{DEV}login_realm = \" \"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 6: environment \"dev\": key \"login_realm\" has \
                 invalid value \" \"; expected a realm name such as \"master\""
            )
        );
    }

    #[test]
    fn client_credentials_grant_parses() {
        let text = DEV.replace("username = \"admin\"\n", "grant = \"client_credentials\"\n");
        assert_eq!(only_connection(&text).grant, Grant::ClientCredentials);
    }

    #[test]
    fn missing_secret_lists_sources() {
        let text = DEV.replace("secret = { env = \"KCDECK_DEV_PASSWORD\" }\n", "");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 1: environment \"dev\": missing required key \
                 \"secret\"; add secret = {{ env = \"VARIABLE\" }}, secret = {{ command = \"...\" \
                 }} or secret = {{ prompt = true }}"
            )
        );
    }

    #[test]
    fn plain_string_secret_is_not_shown() {
        let text = DEV.replace("{ env = \"KCDECK_DEV_PASSWORD\" }", "\"hunter2\"");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 5: environment \"dev\": key \"secret\" has invalid \
                 type string; expected a table such as secret = {{ env = \"VARIABLE\" }}, \
                 secret = {{ command = \"...\" }} or secret = {{ prompt = true }}"
            )
        );
    }

    #[test]
    fn secret_without_source() {
        let text = DEV.replace("{ env = \"KCDECK_DEV_PASSWORD\" }", "{}");
        let message = error_message(&text);
        assert!(
            message.contains("line 5: environment \"dev\": key \"secret\" names no source; use")
        );
    }

    #[test]
    fn secret_with_two_sources() {
        let text = DEV.replace("{ env = ", "{ prompt = true, env = ");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 5: environment \"dev\": key \"secret\" names more \
                 than one source (env, prompt); keep exactly one"
            )
        );
    }

    #[test]
    fn secret_env_empty() {
        let text = DEV.replace("\"KCDECK_DEV_PASSWORD\"", "\"\"");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 5: environment \"dev\": key \"secret.env\" has \
                 invalid value \"\"; expected the name of an environment variable"
            )
        );
    }

    #[test]
    fn secret_command_parses() {
        let text = DEV.replace(
            "env = \"KCDECK_DEV_PASSWORD\"",
            "command = \"pass show kc\"",
        );
        assert_eq!(
            only_connection(&text).secret,
            SecretSource::Command("pass show kc".into())
        );
    }

    #[test]
    fn secret_prompt_false() {
        let text = DEV.replace("env = \"KCDECK_DEV_PASSWORD\"", "prompt = false");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 5: environment \"dev\": key \"secret.prompt\" has \
                 invalid value false; expected true, or another source such as \
                 {{ env = \"VARIABLE\" }}"
            )
        );
    }

    #[test]
    fn inline_secret_needs_permission() {
        let text = DEV.replace("env = \"KCDECK_DEV_PASSWORD\"", "inline = \"hunter2\"");
        let message = error_message(&text);
        assert_eq!(
            message,
            format!(
                "config error in {PATH}, line 5: environment \"dev\": key \"secret.inline\" \
                 requires allow_inline_secret = true in the same environment; prefer \
                 secret = {{ env = \"VARIABLE\" }} or secret = {{ command = \"...\" }}, which \
                 keep the secret out of this file"
            )
        );
        assert!(!message.contains("hunter2"));
    }

    #[test]
    fn inline_secret_allowed_warns() {
        let text = DEV.replace("env = \"KCDECK_DEV_PASSWORD\"", "inline = \"hunter2\"")
            + "allow_inline_secret = true\n";
        let warnings = warning_messages(&text);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with(&format!(
                "config warning in {PATH}, line 5: environment \"dev\": the secret is written"
            )),
            "{}",
            warnings[0]
        );
        assert!(!warnings[0].contains("hunter2"));
        assert_eq!(
            only_connection(&text).secret,
            SecretSource::Inline(Secret::new("hunter2"))
        );
    }

    #[test]
    fn inline_secret_wrong_type_hidden() {
        let text = DEV.replace("env = \"KCDECK_DEV_PASSWORD\"", "inline = 1234")
            + "allow_inline_secret = true\n";
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 5: environment \"dev\": key \"secret.inline\" has \
                 invalid type integer; expected a string"
            )
        );
    }

    #[test]
    fn insecure_tls_warns() {
        let text = format!("{DEV}insecure_tls = true\n");
        assert_eq!(
            warning_messages(&text),
            [format!(
                "config warning in {PATH}, line 6: environment \"dev\": insecure_tls = true turns \
                 off TLS certificate checks for this environment; to trust a private CA, set \
                 ca_cert instead"
            )]
        );
    }

    #[test]
    fn ca_cert_not_found() {
        let text = format!("{DEV}ca_cert = \"/etc/ssl/kcdeck-missing-ca.pem\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 6: environment \"dev\": key \"ca_cert\" has invalid \
                 value \"/etc/ssl/kcdeck-missing-ca.pem\": file not found; fix the path (a \
                 relative path starts at the config file's directory)"
            )
        );
    }

    #[test]
    fn ca_cert_relative_to_config_dir() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        std::fs::write(directory.path().join("ca.pem"), pem).expect("write certificate");
        let config = directory.path().join("config.toml");
        let text = format!("{DEV}ca_cert = \"ca.pem\"\n");
        let loaded = parse_ok_at(&text, &config);
        let Kind::Keycloak(connection) = &loaded.config.environments[0].kind else {
            panic!("expected a Keycloak environment");
        };
        assert_eq!(connection.ca_cert, Some(directory.path().join("ca.pem")));
    }

    #[test]
    fn ca_cert_without_pem_marker() {
        let directory = tempfile::tempdir().expect("temporary directory");
        std::fs::write(directory.path().join("ca.der"), [0x30, 0x82, 0x01]).expect("write");
        let config = directory.path().join("config.toml");
        let text = format!("{DEV}ca_cert = \"ca.der\"\n");
        let message = error_message_at(&text, &config);
        assert!(
            message.contains(
                "key \"ca_cert\" has invalid value \"ca.der\" (" // resolved path follows
            ),
            "{message}"
        );
        assert!(
            message.contains(
                "): the file contains no PEM certificate (-----BEGIN CERTIFICATE-----); fix"
            ),
            "{message}"
        );
    }

    #[test]
    fn resolve_path_rules() {
        let config = Path::new("/home/op/.config/kcdeck/config.toml");
        assert_eq!(
            resolve_path(config, "/etc/ca.pem"),
            PathBuf::from("/etc/ca.pem")
        );
        assert_eq!(
            resolve_path(config, "certs/ca.pem"),
            PathBuf::from("/home/op/.config/kcdeck/certs/ca.pem")
        );
        let home = directories::BaseDirs::new()
            .expect("home directory")
            .home_dir()
            .to_owned();
        assert_eq!(resolve_path(config, "~/ca.pem"), home.join("ca.pem"));
        assert_eq!(
            resolve_path(Path::new("config.toml"), "ca.pem"),
            PathBuf::from("ca.pem")
        );
    }
}
