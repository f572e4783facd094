//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Browse and compare several Keycloak environments side by side.
#[derive(Debug, Parser)]
#[command(name = "kcdeck", disable_version_flag = true)]
pub struct Cli {
    /// Config file; overrides KCDECK_CONFIG and the platform config directory.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Treat every environment as read-only for this session.
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Print the version with the config and log file paths, then exit.
    #[arg(short = 'V', long)]
    pub version: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands; without one, kcdeck opens the terminal UI.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every environment: reachability, version, identity and latency.
    Envs,
    /// Write a deterministic JSON inventory of one realm.
    Snapshot {
        /// Environment name from the config file.
        env: String,
        /// Realm to read.
        #[arg(long)]
        realm: String,
        /// Output file; standard output when absent.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}
