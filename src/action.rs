//! Everything that can change the state: user intents (imperative) and the
//! results of background work (past tense), each tagged with its environment.

use serde_json::Value;

use crate::inventory::Inventory;
use crate::state::ServerFacts;

/// One input to [`crate::update::update`].
#[derive(Debug, Clone)]
pub enum Action {
    // User intents.
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    NextColumn,
    PreviousColumn,
    Reload,
    NextDifference,
    PreviousDifference,
    ToggleDiffOnly,
    ToggleExpected,
    ToggleMatrix,
    ToggleRaw,
    RevealSecrets,
    StartCommand,
    CommandInput(char),
    CommandBackspace,
    SubmitCommand,
    CancelMode,
    ToggleHelp,
    Quit,
    Tick,

    // Results of background work.
    ServerChecked {
        env: usize,
        result: Result<ServerFacts, String>,
    },
    RealmsLoaded {
        env: usize,
        request: u64,
        result: Result<Vec<String>, String>,
    },
    InventoryLoaded {
        env: usize,
        realm: String,
        request: u64,
        result: Result<Box<Inventory>, String>,
        warnings: Vec<String>,
    },
    RawLoaded {
        env: usize,
        key: String,
        request: u64,
        result: Result<Value, String>,
    },
}

impl Action {
    /// Reports whether the action comes from the operator rather than from background work.
    pub fn is_user_intent(&self) -> bool {
        !matches!(
            self,
            Self::Tick
                | Self::ServerChecked { .. }
                | Self::RealmsLoaded { .. }
                | Self::InventoryLoaded { .. }
                | Self::RawLoaded { .. }
        )
    }
}
