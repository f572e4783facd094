//! Subcommands that run without the terminal UI.

pub mod diff;
pub mod envs;
pub mod setup;
pub mod snapshot;
