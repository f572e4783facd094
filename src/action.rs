//! Everything that can change the state: user intents (imperative) and the
//! results of background work (past tense), each tagged with its environment.

use serde_json::Value;

use crate::apply::Outcome;
use crate::effect::JournalPurpose;
use crate::inventory::Inventory;
use crate::journal::Entry;
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
    /// Scrolls the detail pane down by a few lines.
    ScrollDetailDown,
    /// Scrolls the detail pane up by a few lines.
    ScrollDetailUp,
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
    /// Opens the name input of a new role in the focused environment.
    CreateRole,
    /// Opens the JSON editor of the selected role's description and attributes, or of the
    /// selected client's fields.
    EditRole,
    /// Stages deleting the selected role.
    DeleteRole,
    /// Opens the picker of a role to add to the selected role's composite members, the
    /// selected group's role mappings or the user's direct role mappings.
    AddMember,
    /// Stages removing the selected composite member in the role view, or opens the picker
    /// of a group's or user's role mapping to remove.
    RemoveMember,
    /// Stages copying the selected object from the reference environment to the focused one.
    CopyFromBase,
    /// Opens the list of staged plans.
    ShowStaged,
    /// Builds the plan that undoes the focused environment's last change and opens its confirmation.
    Undo,
    /// Types a character into the open dialog's text field.
    DialogInput(char),
    DialogBackspace,
    DialogUp,
    DialogDown,
    /// Enter in a dialog: confirm, save, pick or apply.
    DialogSubmit,
    /// Esc in a dialog: close it without changing anything.
    DialogCancel,
    /// Drops the selected plan from the staged list.
    DropStaged,
    /// Asks to roll back the written steps of the apply on screen.
    Rollback,
    /// A key for the JSON editor.
    EditorKey(crossterm::event::KeyEvent),
    /// Validates the editor's JSON and stages the edit.
    EditorSave,
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
    UserLoaded {
        env: usize,
        request: u64,
        result: Result<crate::state::UserDetail, String>,
    },
    /// Step `step` of `total` of plan `plan` is about to be applied.
    ApplyProgress {
        env: usize,
        request: u64,
        plan: usize,
        step: usize,
        total: usize,
    },
    /// An apply ended: one outcome per plan that ran, and why a plan was not started.
    PlansApplied {
        env: usize,
        request: u64,
        outcomes: Vec<Outcome>,
        error: Option<String>,
    },
    JournalLoaded {
        purpose: JournalPurpose,
        result: Result<Vec<Entry>, String>,
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
                | Self::UserLoaded { .. }
                | Self::ApplyProgress { .. }
                | Self::PlansApplied { .. }
                | Self::JournalLoaded { .. }
        )
    }
}
