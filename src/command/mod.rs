//! Subcommands that run without the terminal UI.

pub mod copy;
pub mod diff;
pub mod envs;
pub mod setup;
pub mod snapshot;
pub mod undo;
