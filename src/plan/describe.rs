//! Human-readable rendering of operations: what call, on which object, and
//! each field's value before and after.

use serde_json::{Map, Value};

use super::operation::{Operation, compact};
use super::state::{FieldChange, PROTOCOL_MAPPERS, field_changes};
use crate::inventory::RoleRef;

/// Text shown for a field that does not exist on one side.
const ABSENT: &str = "(absent)";

/// Returns a one-line summary such as `create realm role "tax-read"`.
pub fn summary(operation: &Operation) -> String {
    let object = operation.object();
    match operation {
        Operation::CreateRole { .. } | Operation::CreateClient { .. } => format!("create {object}"),
        Operation::UpdateRole { .. } | Operation::UpdateClient { .. } => format!("update {object}"),
        Operation::DeleteRole { .. } | Operation::DeleteClient { .. } => format!("delete {object}"),
        Operation::AddComposites { .. } => format!("add composite members to {object}"),
        Operation::RemoveComposites { .. } => format!("remove composite members from {object}"),
        Operation::AddGroupRoles { .. } | Operation::AddUserRoles { .. } => {
            format!("add role mappings to {object}")
        }
        Operation::RemoveGroupRoles { .. } | Operation::RemoveUserRoles { .. } => {
            format!("remove role mappings from {object}")
        }
    }
}

/// Lists the HTTP calls an operation makes, with `{id of …}` where the apply
/// step looks up an internal id by natural key.
pub fn calls(operation: &Operation, realm: &str) -> Vec<String> {
    let base = format!("/admin/realms/{realm}");
    match operation {
        Operation::CreateRole { role, .. } => match &role.client {
            None => vec![format!("POST {base}/roles")],
            Some(client) => vec![format!("POST {base}/clients/{{id of {client}}}/roles")],
        },
        Operation::UpdateRole { .. } => vec![format!("PUT {base}/roles-by-id/{{id}}")],
        Operation::DeleteRole { .. } => vec![format!("DELETE {base}/roles-by-id/{{id}}")],
        Operation::AddComposites { .. } => {
            vec![format!("POST {base}/roles-by-id/{{id}}/composites")]
        }
        Operation::RemoveComposites { .. } => {
            vec![format!("DELETE {base}/roles-by-id/{{id}}/composites")]
        }
        Operation::CreateClient { .. } => vec![format!("POST {base}/clients")],
        Operation::UpdateClient { .. } => vec![format!("PUT {base}/clients/{{id}}")],
        Operation::DeleteClient { .. } => vec![format!("DELETE {base}/clients/{{id}}")],
        Operation::AddGroupRoles { roles, .. } => mapping_calls("POST", &base, "groups", roles),
        Operation::RemoveGroupRoles { roles, .. } => {
            mapping_calls("DELETE", &base, "groups", roles)
        }
        Operation::AddUserRoles { roles, .. } => mapping_calls("POST", &base, "users", roles),
        Operation::RemoveUserRoles { roles, .. } => mapping_calls("DELETE", &base, "users", roles),
    }
}

/// Builds one call for the realm roles and one per client whose roles are mapped.
fn mapping_calls(method: &str, base: &str, holder: &str, roles: &[RoleRef]) -> Vec<String> {
    let mut clients: Vec<Option<&str>> = roles.iter().map(|role| role.client.as_deref()).collect();
    clients.sort_unstable();
    clients.dedup();
    clients
        .into_iter()
        .map(|client| match client {
            None => format!("{method} {base}/{holder}/{{id}}/role-mappings/realm"),
            Some(client) => {
                format!("{method} {base}/{holder}/{{id}}/role-mappings/clients/{{id of {client}}}")
            }
        })
        .collect()
}

/// Lists the field-level changes of an operation, one line each.
pub fn change_lines(operation: &Operation) -> Vec<String> {
    match operation {
        Operation::AddComposites { members, .. } => member_lines('+', members),
        Operation::RemoveComposites { members, .. } => member_lines('-', members),
        Operation::AddGroupRoles { roles, .. } | Operation::AddUserRoles { roles, .. } => {
            member_lines('+', roles)
        }
        Operation::RemoveGroupRoles { roles, .. } | Operation::RemoveUserRoles { roles, .. } => {
            member_lines('-', roles)
        }
        Operation::CreateClient { .. }
        | Operation::UpdateClient { .. }
        | Operation::DeleteClient { .. } => client_lines(&operation.before(), &operation.after()),
        _ => field_lines(&field_changes(&operation.before(), &operation.after())),
    }
}

fn member_lines(sign: char, roles: &[RoleRef]) -> Vec<String> {
    roles
        .iter()
        .map(|role| match &role.client {
            None => format!("{sign} realm role \"{}\"", role.name),
            Some(client) => format!("{sign} client role \"{client}\" » \"{}\"", role.name),
        })
        .collect()
}

/// Lists client changes, with protocol mappers compared one by one by name:
/// a mapper on one side only is one line, a changed mapper one line per field.
fn client_lines(before: &Value, after: &Value) -> Vec<String> {
    let (before, before_mappers) = split_mappers(before);
    let (after, after_mappers) = split_mappers(after);
    let mut changes = field_changes(&before, &after);

    let mut names: Vec<&String> = before_mappers.keys().chain(after_mappers.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let prefix = [PROTOCOL_MAPPERS.to_owned(), name.clone()];
        match (before_mappers.get(name), after_mappers.get(name)) {
            (Some(old), Some(new)) => {
                changes.extend(field_changes(old, new).into_iter().map(|mut change| {
                    change.path.splice(0..0, prefix.iter().cloned());
                    change
                }));
            }
            (old, new) => changes.push(FieldChange {
                path: prefix.to_vec(),
                before: old.cloned(),
                after: new.cloned(),
            }),
        }
    }
    field_lines(&changes)
}

/// Splits a client state into its fields and its mappers by name.
fn split_mappers(state: &Value) -> (Value, Map<String, Value>) {
    let Value::Object(fields) = state else {
        return (state.clone(), Map::new());
    };
    let mut fields = fields.clone();
    let mappers = fields
        .remove(PROTOCOL_MAPPERS)
        .and_then(|list| list.as_array().cloned())
        .unwrap_or_default();
    let mut by_name = Map::new();
    for mut mapper in mappers {
        let name = mapper
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Value::Object(mapper_fields) = &mut mapper {
            mapper_fields.remove("name");
        }
        by_name.insert(name, mapper);
    }
    (Value::Object(fields), by_name)
}

fn field_lines(changes: &[FieldChange]) -> Vec<String> {
    changes
        .iter()
        .map(|change| {
            let show = |value: &Option<Value>| value.as_ref().map_or(ABSENT.to_owned(), compact);
            format!(
                "{}: {} → {}",
                change.field(),
                show(&change.before),
                show(&change.after)
            )
        })
        .collect()
}

/// Describes one operation: summary, calls and changed fields.
pub fn describe_operation(operation: &Operation, realm: &str) -> Vec<String> {
    let mut lines = vec![summary(operation)];
    lines.extend(
        calls(operation, realm)
            .into_iter()
            .map(|call| format!("  {call}")),
    );
    lines.extend(
        change_lines(operation)
            .into_iter()
            .map(|line| format!("  {line}")),
    );
    lines
}
