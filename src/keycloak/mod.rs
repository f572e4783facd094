//! The Keycloak Admin REST API client: the only code in kcdeck that speaks HTTP.
//!
//! It never imports the UI. One [`KeycloakClient`] per environment owns one
//! HTTP connection pool, one token and one concurrency limit.

pub mod api;
pub mod auth;
pub mod client;
pub mod error;
pub mod json;
pub mod lookup;
pub mod path;
pub mod write;

pub use api::{PAGE_SIZE, ServerInfo};
pub use auth::{Credentials, Grant, Masked};
pub use client::{Connection, KeycloakClient, Reply};
pub use error::KeycloakError;
pub use write::MappingHolder;
