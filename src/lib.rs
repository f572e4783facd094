//! kcdeck: a terminal UI to browse and compare several Keycloak servers side by side.

pub mod config;
