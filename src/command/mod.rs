//! Subcommands that run without the terminal UI.

pub mod envs;
pub mod setup;
pub mod snapshot;
