//! Work requested by [`crate::update::update`]: requests to a server, which the runtime runs
//! in the background, and writes to the terminal or the state directory, which the app loop
//! runs itself.

use crate::plan::{Confirmed, Plan};

/// One piece of work; a server request's result comes back as an [`crate::action::Action`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Log in and read the server version.
    CheckServer {
        env: usize,
    },
    LoadRealms {
        env: usize,
        request: u64,
    },
    /// Read a realm's whole inventory (the environment's own realm name).
    LoadInventory {
        env: usize,
        realm: String,
        request: u64,
    },
    /// Find a user by exact user name or email, then read its direct role mappings and
    /// groups (the environment's own realm name).
    LoadUser {
        env: usize,
        realm: String,
        query: String,
        request: u64,
    },
    /// Read the raw JSON of one object for the detail pane.
    LoadRaw {
        env: usize,
        key: String,
        request: u64,
        target: RawTarget,
    },
    /// Write text to the operator's clipboard through the terminal (OSC 52). Run by the app
    /// loop, the only code holding the terminal's writer.
    CopyToClipboard {
        text: String,
    },
    /// Apply plans to one environment in order, stopping at the first that does not end
    /// as planned. Progress and the outcomes come back as actions with `request`.
    ApplyPlans {
        env: usize,
        request: u64,
        plans: Vec<Plan>,
        confirmed: Confirmed,
    },
    /// Read the journal file. Run by the app loop, which has the journal's path.
    LoadJournal {
        purpose: JournalPurpose,
    },
    /// Replace the command history file with these lines, oldest first. Run by the app loop.
    SaveHistory {
        lines: Vec<String>,
    },
}

impl Effect {
    /// Returns the environment a server request goes to, or `None` for work the app loop runs.
    pub fn env(&self) -> Option<usize> {
        match self {
            Self::CheckServer { env }
            | Self::LoadRealms { env, .. }
            | Self::LoadInventory { env, .. }
            | Self::LoadRaw { env, .. }
            | Self::LoadUser { env, .. }
            | Self::ApplyPlans { env, .. } => Some(*env),
            Self::CopyToClipboard { .. } | Self::SaveHistory { .. } | Self::LoadJournal { .. } => {
                None
            }
        }
    }
}

/// The object whose raw representation to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawTarget {
    Realm { realm: String },
    Client { realm: String, id: String },
    Role { realm: String, id: String },
    Group { realm: String, id: String },
    ClientScope { realm: String, id: String },
    IdentityProvider { realm: String, alias: String },
}

/// The reason the journal is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalPurpose {
    /// To list its entries.
    Show,
    /// To undo the last change of environment `env`.
    Undo { env: usize },
}
