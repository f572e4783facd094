//! Background work requested by [`crate::update::update`] and run by the runtime.

/// One request to a server; the result comes back as an [`crate::action::Action`].
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Read the raw JSON of one object for the detail pane.
    LoadRaw {
        env: usize,
        key: String,
        request: u64,
        target: RawTarget,
    },
}

/// Which object's raw representation to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawTarget {
    Realm { realm: String },
    Client { realm: String, id: String },
    Role { realm: String, id: String },
    Group { realm: String, id: String },
    ClientScope { realm: String, id: String },
    IdentityProvider { realm: String, alias: String },
}
