//! Typed errors of the Keycloak client, so callers react by kind: a 401 means
//! log in again, a 404 means the object is absent, a read-only refusal is final.

use std::time::Duration;

/// Failure of one call to a Keycloak server.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum KeycloakError {
    /// The server could not be reached at all (DNS, refused connection, TLS).
    #[error("cannot reach {url}: {reason}")]
    Unreachable { url: String, reason: String },

    /// No response arrived within the configured timeout.
    #[error("{method} {path} timed out after {}s", .after.as_secs())]
    Timeout {
        method: String,
        path: String,
        after: Duration,
    },

    /// Login failed: wrong credentials, disabled client or unknown realm.
    #[error("login failed: {0}")]
    Login(String),

    /// The token was rejected even after logging in again.
    #[error("{path}: unauthorized (401) after a fresh login")]
    Unauthorized { path: String },

    /// The identity lacks the admin role needed for this call.
    #[error("{path}: forbidden (403); the account lacks the admin role for this call")]
    Forbidden { path: String },

    /// The object does not exist on this server.
    #[error("{path}: not found (404)")]
    NotFound { path: String },

    /// The server rejected a write because the object already exists.
    #[error("{path}: conflict (409): {message}")]
    Conflict { path: String, message: String },

    /// Any other non-success status, with Keycloak's own error text.
    #[error("{method} {path}: HTTP {status}: {message}")]
    Status {
        method: String,
        path: String,
        status: u16,
        message: String,
    },

    /// The server returned a body kcdeck could not read.
    #[error("{path}: unexpected response: {reason}")]
    InvalidResponse { path: String, reason: String },

    /// A list endpoint ignored paging, so the list could not be read completely.
    #[error("{path}: paging did not end after {pages} pages; the list is incomplete")]
    Paging { path: String, pages: usize },

    /// A write was attempted on an environment that only allows reads.
    #[error("environment \"{env}\" is read-only; {method} {path} was not sent")]
    ReadOnly {
        env: String,
        method: String,
        path: String,
    },

    /// The client could not be built from its settings (bad CA file, bad URL).
    #[error("invalid connection settings: {0}")]
    Setup(String),
}

impl KeycloakError {
    /// Reports whether the error means the object is absent on the server.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound { .. })
    }
}

/// Extracts Keycloak's error text from a response body.
///
/// Keycloak returns errors in two shapes, `{"error": …, "error_description": …}`
/// and `{"errorMessage": …}`; anything else is returned trimmed and shortened.
pub fn error_message(body: &str) -> String {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(body) {
        let field = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        if let Some(message) = field("errorMessage") {
            return message;
        }
        if let Some(error) = field("error") {
            return match field("error_description") {
                Some(description) => format!("{error}: {description}"),
                None => error,
            };
        }
    }
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return "no details in the response".to_owned();
    }
    trimmed.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_message_reads_error_message_shape() {
        assert_eq!(
            error_message(r#"{"errorMessage":"Role with name x already exists"}"#),
            "Role with name x already exists"
        );
    }

    #[test]
    fn error_message_reads_oauth_shape() {
        let body = r#"{"error":"invalid_grant","error_description":"Invalid user credentials"}"#;
        assert_eq!(
            error_message(body),
            "invalid_grant: Invalid user credentials"
        );
    }

    #[test]
    fn error_message_falls_back_to_text() {
        assert_eq!(error_message("  Bad Gateway \n"), "Bad Gateway");
        assert_eq!(error_message(""), "no details in the response");
    }
}
