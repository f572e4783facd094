//! Plans that reverse applied operations, for rollback after a failed step
//! and for undoing the last change recorded in the journal.

use serde_json::Value;

use super::{Operation, Plan};

/// One operation that was written, with the state read back right after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub operation: Operation,
    /// The object's state as read back after the write (`Null` when deleted).
    pub after: Value,
}

/// Builds the plan that reverses `written`, last operation first.
///
/// Each inverse expects the state that was read back after the original
/// write, so the apply step refuses to undo an object that someone changed
/// since. `change` is the journal id of the change being reversed.
pub fn inverse_plan(
    env: &str,
    realm: &str,
    title: &str,
    change: &str,
    written: &[Written],
) -> Plan {
    let mut plan = Plan::new(env, realm, format!("undo: {title}"));
    plan.undoes = Some(change.to_owned());
    for step in written.iter().rev() {
        for inverse in step.operation.inverse(&step.after) {
            if let Some(note) = inverse_note(&inverse) {
                plan.notes.push(note);
            }
            plan.push(inverse);
        }
    }
    plan
}

fn inverse_note(inverse: &Operation) -> Option<String> {
    match inverse {
        Operation::CreateClient { client_id, .. } => Some(format!(
            "client \"{client_id}\" is created again with a new secret; its roles come back \
             only if this change deleted them in its own steps"
        )),
        Operation::CreateRole { role, .. } => Some(format!(
            "role {role} is created again with its own members, but not put back into the \
             composites, groups and users that held it"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::inventory::RoleRef;

    #[test]
    fn inverse_plan_reverses_order() {
        let create = Operation::CreateRole {
            role: RoleRef::realm("b"),
            after: json!({"description": "b"}),
        };
        let add = Operation::AddComposites {
            role: RoleRef::realm("a"),
            members: vec![RoleRef::realm("b")],
            before: vec![],
        };
        let written = [
            Written {
                after: create.after(),
                operation: create,
            },
            Written {
                after: add.after(),
                operation: add,
            },
        ];
        let plan = inverse_plan("prod", "shop", "copy a", "c1", &written);
        let kinds: Vec<&str> = plan.operations.iter().map(Operation::kind).collect();
        assert_eq!(kinds, ["remove_composites", "delete_role"]);
        assert_eq!(plan.undoes.as_deref(), Some("c1"));
        assert_eq!(plan.title, "undo: copy a");
        assert_eq!(
            plan.operations[1].before(),
            json!({"description": "b", "composites": []})
        );
    }
}
