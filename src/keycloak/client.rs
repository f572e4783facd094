//! The HTTP client for one Keycloak environment: authentication, retries,
//! timeouts, a concurrency limit and the single gate every write passes.
//!
//! Only this module sends HTTP. It does not depend on the UI; callers get
//! JSON values or typed [`KeycloakError`]s.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::sync::{Mutex, Semaphore};

use super::auth::{Credentials, TokenResponse, TokenSet};
use super::error::{KeycloakError, error_message};
use super::path::encode_path;

/// Path prefix of every realm-level admin call.
const REALMS: &str = "/admin/realms";

/// Settings needed to talk to one environment.
#[derive(Debug, Clone)]
pub struct Connection {
    /// Environment name, used in logs and errors.
    pub env: String,
    /// Base URL including any `/auth` prefix, without a trailing slash.
    pub base_url: String,
    pub credentials: Credentials,
    /// Extra CA certificate in PEM form, trusted besides the built-in roots.
    pub ca_cert_pem: Option<Vec<u8>>,
    /// Accept any certificate; shown to the operator as a warning.
    pub insecure_tls: bool,
    /// Refuse every write before it is sent.
    pub read_only: bool,
    /// Maximum number of requests in flight at once.
    pub concurrency: usize,
    /// Time limit for one request, connection included.
    pub timeout: Duration,
}

/// A cheap-to-clone handle on one environment's HTTP client.
#[derive(Clone)]
pub struct KeycloakClient {
    inner: Arc<Inner>,
}

struct Inner {
    connection: Connection,
    http: reqwest::Client,
    token: Mutex<Option<TokenSet>>,
    limit: Semaphore,
}

/// A successful response: status, `Location` header and parsed JSON body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub location: Option<String>,
    pub body: Value,
}

impl KeycloakClient {
    /// Builds the client. Fails on an invalid CA certificate or when the TLS backend cannot start.
    pub fn new(connection: Connection) -> Result<Self, KeycloakError> {
        let mut builder = reqwest::Client::builder()
            .timeout(connection.timeout)
            .connect_timeout(connection.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("kcdeck/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = &connection.ca_cert_pem {
            let certificate = reqwest::Certificate::from_pem(pem)
                .map_err(|error| KeycloakError::Setup(format!("CA certificate: {error}")))?;
            builder = builder.add_root_certificate(certificate);
        }
        if connection.insecure_tls {
            builder = builder.danger_accept_invalid_certs(true);
        }
        let http = builder
            .build()
            .map_err(|error| KeycloakError::Setup(error.to_string()))?;
        let permits = connection.concurrency.max(1);
        Ok(Self {
            inner: Arc::new(Inner {
                connection,
                http,
                token: Mutex::new(None),
                limit: Semaphore::new(permits),
            }),
        })
    }

    /// Returns the connection settings.
    pub fn connection(&self) -> &Connection {
        &self.inner.connection
    }

    /// Returns the logged-in user name or service-account client, logging in if needed.
    pub async fn identity(&self) -> Result<String, KeycloakError> {
        self.access_token(false).await?;
        let guard = self.inner.token.lock().await;
        let identity = guard.as_ref().and_then(|token| token.identity.clone());
        // Lightweight admin tokens carry no user name; the login that just
        // succeeded proves the configured one.
        let credentials = &self.connection().credentials;
        let fallback = match &credentials.username {
            Some(username) => username.clone(),
            None => format!("service-account-{}", credentials.client_id),
        };
        Ok(identity.unwrap_or(fallback))
    }

    /// Sends a GET under `/admin/realms` and returns the parsed body.
    pub async fn get(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
    ) -> Result<Value, KeycloakError> {
        let reply = self
            .send(Method::GET, REALMS, segments, query, None)
            .await?;
        Ok(reply.body)
    }

    /// Sends a GET under `/admin`, for calls outside any realm such as `serverinfo`.
    pub async fn get_admin(&self, segments: &[&str]) -> Result<Value, KeycloakError> {
        let reply = self
            .send(Method::GET, "/admin", segments, &[], None)
            .await?;
        Ok(reply.body)
    }

    /// Sends a write (POST, PUT or DELETE) under `/admin/realms`.
    ///
    /// Every write goes through here, so a read-only environment rejects it
    /// before anything leaves the process, whatever code path asked for it.
    pub async fn write(
        &self,
        method: Method,
        segments: &[&str],
        body: Option<&Value>,
    ) -> Result<Reply, KeycloakError> {
        if self.connection().read_only {
            return Err(KeycloakError::ReadOnly {
                env: self.connection().env.clone(),
                method: method.to_string(),
                path: format!("{REALMS}{}", encode_path(segments)),
            });
        }
        self.send(method, REALMS, segments, &[], body).await
    }

    /// Sends one request with the current token; on a 401, logs in again and retries once.
    async fn send(
        &self,
        method: Method,
        prefix: &str,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Reply, KeycloakError> {
        let path = format!("{prefix}{}", encode_path(segments));
        let token = self.access_token(false).await?;
        let response = self
            .request_once(&method, &path, query, body, &token)
            .await?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return self.read_reply(&method, &path, response).await;
        }

        tracing::info!(env = %self.connection().env, %path, "token rejected; logging in again");
        let token = self.access_token(true).await?;
        let response = self
            .request_once(&method, &path, query, body, &token)
            .await?;
        if response.status() == StatusCode::UNAUTHORIZED {
            return Err(KeycloakError::Unauthorized { path });
        }
        self.read_reply(&method, &path, response).await
    }

    async fn request_once(
        &self,
        method: &Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        token: &str,
    ) -> Result<reqwest::Response, KeycloakError> {
        let url = format!("{}{}", self.connection().base_url, path);
        let mut request = self
            .inner
            .http
            .request(method.clone(), &url)
            .bearer_auth(token)
            .query(query);
        if let Some(body) = body {
            request = request.json(body);
        }

        let _permit = self
            .inner
            .limit
            .acquire()
            .await
            .map_err(|_| KeycloakError::Setup("client closed".into()))?;
        let started = Instant::now();
        let result = request.send().await;
        let elapsed_ms = started.elapsed().as_millis();
        match &result {
            Ok(response) => tracing::debug!(
                env = %self.connection().env, %method, path, status = response.status().as_u16(), elapsed_ms, "request"
            ),
            Err(error) => {
                tracing::warn!(env = %self.connection().env, %method, path, elapsed_ms, %error, "request failed")
            }
        }
        result.map_err(|error| self.transport_error(method, path, &error))
    }

    async fn read_reply(
        &self,
        method: &Method,
        path: &str,
        response: reqwest::Response,
    ) -> Result<Reply, KeycloakError> {
        let status = response.status();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let text = response
            .text()
            .await
            .map_err(|error| self.transport_error(method, path, &error))?;
        if !status.is_success() {
            return Err(status_error(method, path, status, &text));
        }
        let body = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).map_err(|error| KeycloakError::InvalidResponse {
                path: path.to_owned(),
                reason: format!("body is not JSON ({error})"),
            })?
        };
        Ok(Reply {
            status: status.as_u16(),
            location,
            body,
        })
    }

    /// Returns a usable access token, renewing it first if it is close to expiry.
    async fn access_token(&self, force_renewal: bool) -> Result<String, KeycloakError> {
        let mut guard = self.inner.token.lock().await;
        let now = Instant::now();
        if let Some(token) = guard
            .as_ref()
            .filter(|token| !force_renewal && token.is_fresh(now))
        {
            return Ok(token.access.clone());
        }

        let refreshed = match guard.as_ref().and_then(|token| token.usable_refresh(now)) {
            Some(refresh) => {
                let form = self.connection().credentials.refresh_form(refresh);
                self.token_request(&form).await.ok()
            }
            None => None,
        };
        let token = match refreshed {
            Some(token) => token,
            None => {
                let form = self.connection().credentials.login_form();
                self.token_request(&form).await?
            }
        };
        let access = token.access.clone();
        *guard = Some(token);
        Ok(access)
    }

    async fn token_request(
        &self,
        form: &[(&'static str, String)],
    ) -> Result<TokenSet, KeycloakError> {
        let connection = self.connection();
        let path = format!(
            "/realms/{}/protocol/openid-connect/token",
            encode_path(&[&connection.credentials.login_realm]).trim_start_matches('/')
        );
        let url = format!("{}{}", connection.base_url, path);
        let grant = form
            .iter()
            .find(|(key, _)| *key == "grant_type")
            .map(|(_, value)| value.as_str());

        let _permit = self
            .inner
            .limit
            .acquire()
            .await
            .map_err(|_| KeycloakError::Setup("client closed".into()))?;
        let started = Instant::now();
        let response = self.inner.http.post(&url).form(form).send().await;
        let response =
            response.map_err(|error| self.transport_error(&Method::POST, &path, &error))?;
        let status = response.status();
        tracing::debug!(env = %connection.env, ?grant, status = status.as_u16(), elapsed_ms = started.elapsed().as_millis(), "token request");
        let text = response
            .text()
            .await
            .map_err(|error| self.transport_error(&Method::POST, &path, &error))?;
        if !status.is_success() {
            let message = error_message(&text);
            return Err(KeycloakError::Login(format!(
                "{} (HTTP {}) at {url}",
                message,
                status.as_u16()
            )));
        }
        let parsed: TokenResponse =
            serde_json::from_str(&text).map_err(|error| KeycloakError::InvalidResponse {
                path,
                reason: format!("token response: {error}"),
            })?;
        Ok(TokenSet::from_response(parsed, Instant::now()))
    }

    fn transport_error(
        &self,
        method: &Method,
        path: &str,
        error: &reqwest::Error,
    ) -> KeycloakError {
        if error.is_timeout() {
            return KeycloakError::Timeout {
                method: method.to_string(),
                path: path.to_owned(),
                after: self.connection().timeout,
            };
        }
        // reqwest's own text repeats the URL; the innermost cause is what the operator acts on.
        let mut reason = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            reason = inner.to_string();
            source = inner.source();
        }
        KeycloakError::Unreachable {
            url: self.connection().base_url.clone(),
            reason,
        }
    }
}

fn status_error(method: &Method, path: &str, status: StatusCode, body: &str) -> KeycloakError {
    let path = path.to_owned();
    match status {
        StatusCode::UNAUTHORIZED => KeycloakError::Unauthorized { path },
        StatusCode::FORBIDDEN => KeycloakError::Forbidden { path },
        StatusCode::NOT_FOUND => KeycloakError::NotFound { path },
        StatusCode::CONFLICT => KeycloakError::Conflict {
            path,
            message: error_message(body),
        },
        _ => KeycloakError::Status {
            method: method.to_string(),
            path,
            status: status.as_u16(),
            message: error_message(body),
        },
    }
}
