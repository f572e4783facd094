//! State of the write workflow: staged plans, the confirm dialog, a running apply, its
//! outcome, the journal list and the role editors that stage plans. Plans are built by
//! [`crate::plan`] in `update`; nothing here talks to a server.

use ratatui_textarea::TextArea;

use super::Loadable;
use crate::apply::Outcome;
use crate::inventory::RoleRef;
use crate::journal::Entry;
use crate::plan::{Plan, Requirement};

/// A plan staged for one environment, waiting for the operator to apply it.
#[derive(Debug, Clone, PartialEq)]
pub struct StagedPlan {
    /// Index of the target environment.
    pub env: usize,
    pub plan: Plan,
}

/// What the plans in a confirm dialog came from, which decides what happens to them if
/// they do not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmPurpose {
    /// Staged plans: plans that did not run return to the staged list.
    Staged,
    /// The inverse of the written steps of a stopped apply.
    Rollback,
    /// The inverse of the focused environment's last journaled change.
    Undo,
}

/// The confirm dialog: the plans, what the operator must do, and what was typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmState {
    pub env: usize,
    pub plans: Vec<Plan>,
    /// Only [`Requirement::accept`] turns this into the confirmation the runtime needs.
    pub requirement: Requirement,
    /// Text typed into the name field, for protected environments.
    pub typed: String,
    /// The reason the last attempt to confirm failed.
    pub message: Option<String>,
    pub purpose: ConfirmPurpose,
    /// First line of the operation list shown.
    pub scroll: usize,
}

/// A running apply, with the step the runtime last reported.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyState {
    pub env: usize,
    pub request: u64,
    /// The plans being applied, in order, so plans that never ran can be staged again.
    pub plans: Vec<Plan>,
    pub purpose: ConfirmPurpose,
    /// Position of the running plan, from 0.
    pub plan: usize,
    /// Position of the running step in its plan, from 0.
    pub step: usize,
    /// Number of steps of the running plan.
    pub total: usize,
}

/// The outcome view after an apply.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeState {
    pub env: usize,
    /// One outcome per plan that ran, in order.
    pub outcomes: Vec<Outcome>,
    /// The reason a plan was not started, when one was not.
    pub error: Option<String>,
    pub scroll: usize,
}

/// The journal list, newest entry first once loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalState {
    pub entries: Loadable<Vec<Entry>>,
    pub scroll: usize,
}

/// The object whose JSON the editor shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// A role's description and attributes.
    Role(RoleRef),
    /// A client's editable fields, by `clientId`.
    Client(String),
}

impl std::fmt::Display for EditTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Role(role) => write!(f, "role {role}"),
            Self::Client(client_id) => write!(f, "client \"{client_id}\""),
        }
    }
}

/// The JSON editor for a role's description and attributes or a client's fields.
#[derive(Debug, Clone)]
pub struct EditorState {
    pub env: usize,
    /// Logical realm name.
    pub realm: String,
    pub target: EditTarget,
    pub textarea: TextArea<'static>,
    /// The reason the last save was rejected.
    pub error: Option<String>,
}

/// The one-line input that names a new role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameInputState {
    pub env: usize,
    /// Logical realm name.
    pub realm: String,
    /// `clientId` of the client that gets the role, or `None` for a realm role.
    pub client: Option<String>,
    pub text: String,
    pub error: Option<String>,
}

/// The change that picking a role in the picker stages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickTarget {
    /// Adds the picked role as a composite member of this role.
    AddMember(RoleRef),
    /// Adds the picked role to the role mappings of the group with this path.
    AddGroupRole(Vec<String>),
    /// Removes the picked role from the role mappings of the group with this path.
    RemoveGroupRole(Vec<String>),
    /// Adds the picked role to the direct role mappings of the user with this user name.
    AddUserRole(String),
    /// Removes the picked role from the direct role mappings of the user with this user name.
    RemoveUserRole(String),
}

impl PickTarget {
    /// Returns the picker's title, such as `Add a role to group /ops`.
    pub fn title(&self) -> String {
        let path = crate::plan::operation::group_path;
        match self {
            Self::AddMember(role) => format!("Add a composite member to {role}"),
            Self::AddGroupRole(group) => format!("Add a role to group {}", path(group)),
            Self::RemoveGroupRole(group) => format!("Remove a role from group {}", path(group)),
            Self::AddUserRole(user) => format!("Assign a role to user \"{user}\""),
            Self::RemoveUserRole(user) => format!("Remove a role from user \"{user}\""),
        }
    }
}

/// The picker of a role to add to or remove from a composite, a group or a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerState {
    pub env: usize,
    /// Logical realm name.
    pub realm: String,
    pub target: PickTarget,
    pub query: String,
    /// Roles that can be picked, in list order.
    pub candidates: Vec<RoleRef>,
    /// Candidates that match the query, best first, with the matched character positions.
    pub hits: Vec<(usize, Vec<usize>)>,
    pub selected: usize,
}

/// Everything the write workflow shows.
#[derive(Debug, Clone, Default)]
pub struct WriteState {
    pub staged: Vec<StagedPlan>,
    /// Selected plan in the staged list.
    pub selected: usize,
    pub confirm: Option<ConfirmState>,
    pub applying: Option<ApplyState>,
    pub outcome: Option<OutcomeState>,
    pub journal: Option<JournalState>,
    pub editor: Option<EditorState>,
    pub name_input: Option<NameInputState>,
    pub picker: Option<PickerState>,
}
