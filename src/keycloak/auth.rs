//! Logging in to Keycloak and keeping the access token fresh.
//!
//! Master-realm access tokens live 60 seconds by default, so a token is renewed
//! well before it expires: with the refresh token while that is valid, else by
//! a fresh login. The secret never leaves this module except in the login form.

use std::fmt;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde::Deserialize;

/// OAuth grant used to obtain admin tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Resource-owner password grant through a public client such as `admin-cli`.
    Password,
    /// Client-credentials grant of a confidential client with a service account.
    ClientCredentials,
}

/// A password or client secret; `Debug` prints a mask so it cannot leak into logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Masked(String);

impl Masked {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the secret itself; call only to send it to the server.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Masked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("********")
    }
}

/// The login identity and grant of one environment.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Realm whose token endpoint issues the admin token, usually `master`.
    pub login_realm: String,
    pub grant: Grant,
    pub client_id: String,
    /// User name for the password grant; unused for client credentials.
    pub username: Option<String>,
    /// The user's password, or the client secret for client credentials.
    pub secret: Masked,
}

impl Credentials {
    /// Builds the form of a fresh login request.
    pub(crate) fn login_form(&self) -> Vec<(&'static str, String)> {
        let mut form = vec![("client_id", self.client_id.clone())];
        match self.grant {
            Grant::Password => {
                form.push(("grant_type", "password".to_owned()));
                form.push(("username", self.username.clone().unwrap_or_default()));
                form.push(("password", self.secret.expose().to_owned()));
            }
            Grant::ClientCredentials => {
                form.push(("grant_type", "client_credentials".to_owned()));
                form.push(("client_secret", self.secret.expose().to_owned()));
            }
        }
        form
    }

    /// Builds the form that trades a refresh token for a new access token.
    pub(crate) fn refresh_form(&self, refresh_token: &str) -> Vec<(&'static str, String)> {
        let mut form = vec![
            ("client_id", self.client_id.clone()),
            ("grant_type", "refresh_token".to_owned()),
            ("refresh_token", refresh_token.to_owned()),
        ];
        if self.grant == Grant::ClientCredentials {
            form.push(("client_secret", self.secret.expose().to_owned()));
        }
        form
    }
}

/// Token endpoint response, as far as kcdeck needs it.
#[derive(Deserialize)]
pub(crate) struct TokenResponse {
    access_token: String,
    expires_in: u64,
    refresh_token: Option<String>,
    refresh_expires_in: Option<u64>,
}

/// Current tokens with the moments to renew them.
#[derive(Clone)]
pub(crate) struct TokenSet {
    pub access: String,
    pub refresh: Option<String>,
    /// Moment after which the access token is renewed before use.
    pub renew_at: Instant,
    /// Moment after which the refresh token is no longer worth trying.
    pub refresh_until: Option<Instant>,
    /// `preferred_username` (or `clientId` of a service account) from the token.
    pub identity: Option<String>,
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("identity", &self.identity)
            .field("renew_at", &self.renew_at)
            .finish_non_exhaustive()
    }
}

impl TokenSet {
    /// Builds the token set from a token response received at `now`.
    pub fn from_response(response: TokenResponse, now: Instant) -> Self {
        let lifetime = Duration::from_secs(response.expires_in);
        let refresh_until = match (&response.refresh_token, response.refresh_expires_in) {
            (Some(_), Some(secs)) if secs > 0 => Some(now + renew_after(Duration::from_secs(secs))),
            _ => None,
        };
        Self {
            identity: token_identity(&response.access_token),
            access: response.access_token,
            refresh: response.refresh_token,
            renew_at: now + renew_after(lifetime),
            refresh_until,
        }
    }

    /// Reports whether the access token can still be used at `now`.
    pub fn is_fresh(&self, now: Instant) -> bool {
        now < self.renew_at
    }

    /// Returns the refresh token if it is still worth trying at `now`.
    pub fn usable_refresh(&self, now: Instant) -> Option<&str> {
        match (self.refresh.as_deref(), self.refresh_until) {
            (Some(token), Some(until)) if now < until => Some(token),
            _ => None,
        }
    }
}

/// Computes how long a token of `lifetime` is used before renewal.
///
/// A token is renewed 30 seconds before it expires, or after two thirds of its
/// lifetime when that comes later, so short test lifetimes still work.
pub fn renew_after(lifetime: Duration) -> Duration {
    let early = lifetime.saturating_sub(Duration::from_secs(30));
    let two_thirds = lifetime * 2 / 3;
    early.max(two_thirds)
}

/// Reads the user name from a JWT, when the token carries it.
///
/// The token is not verified here: the server verifies it on every call, and
/// the name is only shown to the operator and written to the journal.
fn token_identity(jwt: &str) -> Option<String> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims
        .get("preferred_username")?
        .as_str()
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renew_after_master_token_lifetime() {
        assert_eq!(
            renew_after(Duration::from_secs(60)),
            Duration::from_secs(40)
        );
        assert_eq!(
            renew_after(Duration::from_secs(300)),
            Duration::from_secs(270)
        );
        assert_eq!(renew_after(Duration::from_secs(3)), Duration::from_secs(2));
    }

    #[test]
    fn masked_debug_hides_value() {
        let masked = Masked::new("hunter2");
        assert_eq!(format!("{masked:?}"), "********");
        let credentials = Credentials {
            login_realm: "master".into(),
            grant: Grant::Password,
            client_id: "admin-cli".into(),
            username: Some("admin".into()),
            secret: masked,
        };
        assert!(!format!("{credentials:?}").contains("hunter2"));
    }

    #[test]
    fn token_identity_reads_preferred_username() {
        let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"preferred_username":"admin","azp":"admin-cli"}"#);
        assert_eq!(
            token_identity(&format!("x.{claims}.y")).as_deref(),
            Some("admin")
        );
        assert_eq!(token_identity("not-a-jwt"), None);
    }
}
