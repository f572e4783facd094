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
    /// Completes the word before the cursor, cycling forward or backward through candidates.
    CompleteCommand {
        forward: bool,
    },
    /// Recalls the previous (older) command line from the history.
    HistoryPrevious,
    /// Recalls the next (newer) command line, or the line being typed.
    HistoryNext,
    CancelMode,
    /// Starts typing a filter for the current list.
    StartFilter,
    FilterInput(char),
    FilterBackspace,
    /// Keeps the typed filter and returns to normal mode.
    ConfirmFilter,
    /// Removes the filter of the current list and returns to normal mode.
    ClearFilter,
    /// Opens the finder over every loaded object, with an initial query.
    OpenFinder(String),
    FinderInput(char),
    FinderBackspace,
    FinderUp,
    FinderDown,
    /// Jumps to the object of the selected hit and closes the finder.
    FinderOpen,
    FinderClose,
    /// Copies the selected object's natural key, or the raw JSON on screen, to the clipboard.
    Copy,
    ToggleHelp,
    Quit,
    Tick,
    /// An error from the app loop's own work, such as saving the command history.
    ReportError(String),

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
                | Self::ReportError(_)
                | Self::ServerChecked { .. }
                | Self::RealmsLoaded { .. }
                | Self::InventoryLoaded { .. }
                | Self::RawLoaded { .. }
        )
    }
}
