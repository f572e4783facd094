//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// Compare a realm between two environments or files.
    ///
    /// Exit status: 0 when nothing unexpected differs, 1 when something does,
    /// 2 for a usage or config error, 3 when an environment could not be read.
    Diff {
        /// Environment name from the config, or a realm export or snapshot file.
        a: String,
        /// Environment name from the config, or a realm export or snapshot file.
        b: String,
        /// Realm to compare, with the same name on both sides.
        #[arg(long, conflicts_with = "realms")]
        realm: Option<String>,
        /// Realms to compare when their names differ: `RA:RB`.
        #[arg(long, value_name = "RA:RB")]
        realms: Option<String>,
        /// Only these kinds, comma-separated: clients, realm_roles, client_roles,
        /// composites, default_roles, groups, client_scopes, protocol_mappers,
        /// identity_providers, auth_flows, realm_settings.
        #[arg(long, value_delimiter = ',')]
        kind: Vec<String>,
        /// Also list differences that the config's `[diff]` rules expect.
        #[arg(long)]
        show_expected: bool,
        /// Leave out objects that Keycloak creates in every realm (`account`,
        /// `offline_access`, built-in client scopes, …).
        #[arg(long)]
        hide_builtin: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// Output formats of `kcdeck diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A review for reading in a terminal.
    Text,
    /// A report for pasting into a ticket.
    Markdown,
    /// Stable JSON, described in docs/diff-json.md.
    Json,
}
