//! Access to the local Keycloak servers started by `scripts/keycloak`.
//!
//! Live tests run when `KCDECK_LIVE=1`; `scripts/test` sets it, so CI never
//! skips them. Without it they print a notice and return. With it, an
//! unreachable server fails the test instead of skipping it.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use kcdeck::command::setup::live_client;
use kcdeck::config::Loaded;
use kcdeck::keycloak::KeycloakClient;
use reqwest::Method;
use serde_json::Value;

/// Returns the config of the local servers, or `None` (with a notice) when live tests are off.
pub fn live_config() -> Option<Loaded> {
    if std::env::var("KCDECK_LIVE").as_deref() != Ok("1") {
        eprintln!("notice: KCDECK_LIVE is not 1; live Keycloak tests skipped (run ./scripts/test)");
        return None;
    }
    let path = std::env::var_os("KCDECK_LIVE_CONFIG").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/keycloak/kcdeck.toml"),
        PathBuf::from,
    );
    Some(kcdeck::config::load(&path).expect("live config written by scripts/keycloak loads"))
}

/// Returns a writable client for `env` ("dev" or "staging").
pub fn client(loaded: &Loaded, env: &str) -> KeycloakClient {
    live_client(&loaded.config, env, false).expect("live environment is configured")
}

/// Returns a realm name that no other test or run uses.
pub fn unique_realm(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() % 1_000_000_000);
    format!(
        "{prefix}-{millis}-{}",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Creates a realm from a representation and returns its name.
pub async fn create_realm(client: &KeycloakClient, representation: Value) -> String {
    let name = representation["realm"]
        .as_str()
        .expect("realm name")
        .to_owned();
    client
        .write(Method::POST, &[], Some(&representation))
        .await
        .expect("realm created");
    name
}

/// Deletes a realm, ignoring failures: the servers are scratch servers.
pub async fn delete_realm(client: &KeycloakClient, realm: &str) {
    let _ = client.write(Method::DELETE, &[realm], None).await;
}
