//! Plans: the exact writes a change makes to one realm, built without I/O.
//!
//! Every change to a Keycloak server takes one path. An edit or a copy is
//! staged, a [`Plan`] is built here, and the operator sees it and meets its
//! [`Requirement`]. Then [`crate::apply`] re-reads, writes, verifies and
//! journals each [`Operation`]. This module is pure: it reads inventories and
//! returns data, so every rule about what a change does is unit-tested
//! without a server. It must not call the Keycloak client or the terminal.
//!
//! [`copy::plan_copy`] plans a copy between environments, [`edit::plan_edit`]
//! plans a staged edit in one environment, and [`confirm`] decides what the
//! operator must do before a plan may be applied.

pub mod confirm;
pub mod copy;
pub mod describe;
pub mod edit;
pub mod operation;
mod roles;
pub mod state;
pub mod undo;

pub use confirm::{
    ConfirmError, Confirmed, Requirement, check_typed, confirmation_for, requirement_from_flags,
};
pub use copy::{CopyItem, plan_copy};
pub use edit::{Edit, plan_edit};
pub use operation::{Aspect, Object, Operation};
pub use undo::{Written, inverse_plan};

use serde::{Deserialize, Serialize};

/// The writes of one change to one realm of one environment, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Target environment name from the config.
    pub env: String,
    /// Realm name on the target server.
    pub realm: String,
    /// Summary of the change, such as `copy realm role "x" from dev/shop`.
    pub title: String,
    /// Writes in the order they must run.
    pub operations: Vec<Operation>,
    /// Facts the operator should know before confirming, such as a copied
    /// client getting its own new secret.
    pub notes: Vec<String>,
    /// Reasons the plan cannot be applied; a plan with blockers is never applied.
    pub blockers: Vec<String>,
    /// Journal change id this plan reverses, for rollback and undo plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
}

impl Plan {
    /// Starts an empty plan for `realm` in `env`.
    pub fn new(env: impl Into<String>, realm: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            env: env.into(),
            realm: realm.into(),
            title: title.into(),
            ..Self::default()
        }
    }

    /// Reports whether something prevents applying the plan.
    pub fn is_blocked(&self) -> bool {
        !self.blockers.is_empty()
    }

    /// Reports whether the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }

    /// Appends an operation unless it would change nothing.
    pub fn push(&mut self, operation: Operation) {
        if !operation.is_no_op() {
            self.operations.push(operation);
        }
    }

    /// Renders the plan for the operator: title, target, each numbered
    /// operation with its calls and changed fields, then notes and blockers.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = vec![
            self.title.clone(),
            format!(
                "target: {}, realm \"{}\"; {} {}",
                self.env,
                self.realm,
                self.operations.len(),
                if self.operations.len() == 1 {
                    "operation"
                } else {
                    "operations"
                }
            ),
        ];
        for (index, operation) in self.operations.iter().enumerate() {
            let mut operation_lines = describe::describe_operation(operation, &self.realm);
            if let Some(first) = operation_lines.first_mut() {
                *first = format!("{:>3}. {first}", index + 1);
            }
            for line in operation_lines.iter_mut().skip(1) {
                *line = format!("     {line}");
            }
            lines.extend(operation_lines);
        }
        if !self.notes.is_empty() {
            lines.push("notes:".to_owned());
            lines.extend(self.notes.iter().map(|note| format!("  - {note}")));
        }
        if !self.blockers.is_empty() {
            lines.push("blocked, nothing can be applied:".to_owned());
            lines.extend(self.blockers.iter().map(|blocker| format!("  - {blocker}")));
        }
        lines
    }
}

#[cfg(test)]
mod tests;
