//! kcdeck: a terminal UI to browse and compare several Keycloak environments.

pub mod diff;
pub mod inventory;
pub mod keycloak;
