//! The result of applying a plan: the status of every step, so a partly
//! applied plan is always explained step by step.

use std::path::PathBuf;

use serde_json::Value;

use super::send::SendError;
use crate::keycloak::KeycloakError;
use crate::plan::describe::summary;
use crate::plan::operation::compact;
use crate::plan::state::field_changes;
use crate::plan::{Operation, Written};

/// The status of one step of a plan.
#[derive(Debug, Clone, PartialEq)]
pub enum StepStatus {
    /// Not attempted, because an earlier step stopped the plan.
    NotApplied,
    /// Written, read back and found as planned; `after` is the state read back.
    Applied { after: Value },
    /// Written, but the state read back differs from the plan in a field the
    /// step sets, or could not be read back (`current` is `None`). The write
    /// did reach the server.
    Unverified {
        expected: Value,
        current: Option<Value>,
    },
    /// Not written: the object changed after the plan was made.
    Stale {
        before_planned: Value,
        current: Value,
    },
    /// Not written, or rejected by the server.
    Failed { error: StepError },
}

/// Reason a step failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    /// Reading the object before or after the write failed.
    #[error("reading the object failed: {0}")]
    Read(KeycloakError),
    /// The server rejected the write, or it was not sent (read-only environment).
    #[error("{0}")]
    Write(KeycloakError),
    /// An object the write needs does not exist, such as a composite member.
    #[error("{0}")]
    Missing(String),
}

impl From<SendError> for StepError {
    fn from(error: SendError) -> Self {
        match error {
            SendError::Missing(message) => Self::Missing(message),
            SendError::Keycloak(error) => Self::Write(error),
        }
    }
}

impl StepStatus {
    /// Reports whether the step's write reached the server.
    pub fn was_written(&self) -> bool {
        matches!(self, Self::Applied { .. } | Self::Unverified { .. })
    }

    /// Returns the state read back after a written step, or the planned
    /// state when it could not be read back.
    pub fn written_state(&self) -> Option<&Value> {
        match self {
            Self::Applied { after } => Some(after),
            Self::Unverified { current, expected } => Some(current.as_ref().unwrap_or(expected)),
            _ => None,
        }
    }

    /// Returns a short label: `applied`, `UNVERIFIED`, `STALE`, `FAILED` or `not applied`.
    pub fn label(&self) -> &'static str {
        match self {
            Self::NotApplied => "not applied",
            Self::Applied { .. } => "applied",
            Self::Unverified { .. } => "UNVERIFIED",
            Self::Stale { .. } => "STALE",
            Self::Failed { .. } => "FAILED",
        }
    }
}

/// One step of an applied plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Position in the plan, from 0.
    pub index: usize,
    pub operation: Operation,
    pub status: StepStatus,
}

impl Step {
    /// Renders the step's number, status and summary, with details below
    /// when it stopped the run.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "{:>3}. {:<11} {}",
            self.index + 1,
            self.status.label(),
            summary(&self.operation)
        )];
        lines.extend(
            status_details(&self.status)
                .into_iter()
                .map(|line| format!("     {line}")),
        );
        lines
    }
}

/// Progress reported while a plan is applied, for the UI.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// Step `index` of `total` is about to run.
    Started {
        index: usize,
        total: usize,
        operation: &'a Operation,
    },
    /// A step finished with the status it carries.
    Finished(&'a Step),
}

/// The result of applying a plan: every step with its status.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub env: String,
    pub realm: String,
    pub title: String,
    /// Journal change id shared by this run's entries.
    pub change: String,
    /// Identity that made the writes.
    pub operator: String,
    pub steps: Vec<Step>,
    pub journal: PathBuf,
    /// Set when a journal entry could not be written; the run stopped there.
    pub journal_error: Option<String>,
}

impl Outcome {
    /// Reports whether every step was applied and verified.
    pub fn is_complete(&self) -> bool {
        self.journal_error.is_none()
            && self
                .steps
                .iter()
                .all(|step| matches!(step.status, StepStatus::Applied { .. }))
    }

    /// Returns the step that stopped the run, if any.
    pub fn stopped_at(&self) -> Option<&Step> {
        self.steps.iter().find(|step| {
            !matches!(
                step.status,
                StepStatus::Applied { .. } | StepStatus::NotApplied
            )
        })
    }

    /// Lists the steps whose writes reached the server, in order, with the
    /// state read back after each; rollback reverses exactly these.
    pub fn written(&self) -> Vec<Written> {
        self.steps
            .iter()
            .filter_map(|step| {
                Some(Written {
                    operation: step.operation.clone(),
                    after: step.status.written_state()?.clone(),
                })
            })
            .collect()
    }

    /// Renders one line per step, with details under a step that stopped the run.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for step in &self.steps {
            lines.push(format!(
                "{:>3}. {:<11} {}",
                step.index + 1,
                step.status.label(),
                summary(&step.operation)
            ));
            lines.extend(
                status_details(&step.status)
                    .into_iter()
                    .map(|line| format!("     {line}")),
            );
        }
        if let Some(error) = &self.journal_error {
            lines.push(format!("journal: {error}; the run stopped"));
        }
        lines
    }
}

/// Explains a stale, unverified or failed step, showing both versions.
fn status_details(status: &StepStatus) -> Vec<String> {
    match status {
        StepStatus::Stale {
            before_planned,
            current,
        } => {
            let mut lines = vec![
                "the object changed after the plan was made; nothing was written".to_owned(),
                format!("planned before: {}", state_text(before_planned)),
                format!("current:        {}", state_text(current)),
            ];
            lines.extend(difference_lines(before_planned, current));
            lines
        }
        StepStatus::Unverified {
            expected,
            current: None,
        } => vec![
            "written, but the object could not be read back; reload it to check".to_owned(),
            format!("expected: {}", state_text(expected)),
        ],
        StepStatus::Unverified {
            expected,
            current: Some(current),
        } => {
            let mut lines = vec![
                "written, but the state read back differs from the plan".to_owned(),
                format!("expected: {}", state_text(expected)),
                format!("current:  {}", state_text(current)),
            ];
            lines.extend(difference_lines(expected, current));
            lines
        }
        StepStatus::Failed { error } => vec![error.to_string()],
        StepStatus::NotApplied | StepStatus::Applied { .. } => Vec::new(),
    }
}

fn state_text(state: &Value) -> String {
    if state.is_null() {
        "(absent)".to_owned()
    } else {
        compact(state)
    }
}

fn difference_lines(planned: &Value, current: &Value) -> Vec<String> {
    field_changes(planned, current)
        .iter()
        .map(|change| {
            let show =
                |value: &Option<Value>| value.as_ref().map_or("(absent)".to_owned(), compact);
            format!(
                "  {}: planned {}, now {}",
                change.field(),
                show(&change.before),
                show(&change.after)
            )
        })
        .collect()
}
