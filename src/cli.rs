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
    /// Copy a role, a client or a group's role mappings to another environment.
    ///
    /// Prints the plan, then applies it unless --dry-run is given, and
    /// records each step in the journal. Exit statuses: 0 applied, nothing
    /// to change, or dry run. 1 blocked, or a step did not apply. 2 usage or
    /// config error, or a protected target without --confirm. 3 an
    /// environment could not be read. 4 the target is read-only.
    Copy {
        /// Source environment name from the config.
        src: String,
        /// Target environment name from the config.
        dst: String,
        /// Realm to copy within, mapped through each environment's realm_names.
        #[arg(long)]
        realm: String,
        /// Role to copy with its description, attributes and composite members;
        /// with --client, a role of that client.
        #[arg(long, conflicts_with = "group")]
        role: Option<String>,
        /// Client to copy with its protocol mappers and roles (alone), or the
        /// client whose role --role names.
        #[arg(long, conflicts_with = "group")]
        client: Option<String>,
        /// Group whose role mappings to copy, as /parent/child; write a "/"
        /// inside a name as "~/" and a "~" as "~~".
        #[arg(long)]
        group: Option<String>,
        /// Print the plan without applying it.
        #[arg(long)]
        dry_run: bool,
        /// The target environment's name; required when the target is protected.
        #[arg(long, value_name = "DST")]
        confirm: Option<String>,
        /// Undo the written steps automatically when a step fails.
        #[arg(long)]
        rollback_on_failure: bool,
        /// Journal file; journal.jsonl in the state directory by default.
        #[arg(long, value_name = "FILE", env = "KCDECK_JOURNAL")]
        journal: Option<PathBuf>,
    },
    /// Undo the last change kcdeck applied to an environment, from the journal.
    ///
    /// Prints the inverse plan, then applies it unless --dry-run is given.
    /// Each step expects the object as kcdeck left it and stops if someone
    /// changed it since. Exit statuses are those of copy.
    Undo {
        /// Environment name from the config.
        env: String,
        /// Print the plan without applying it.
        #[arg(long)]
        dry_run: bool,
        /// The environment's name; required when it is protected.
        #[arg(long, value_name = "ENV")]
        confirm: Option<String>,
        /// Journal file; journal.jsonl in the state directory by default.
        #[arg(long, value_name = "FILE", env = "KCDECK_JOURNAL")]
        journal: Option<PathBuf>,
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
