//! One write: an exact Admin REST call on one object named by natural key,
//! with the object's state before and after the call.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::state::{
    COMPOSITES, composites_state, mappings_state, refs_in, same_state, sorted_refs,
};
use crate::inventory::{Group, RoleRef};

/// One write to a Keycloak realm.
///
/// Objects are named by natural key: role name and owning `clientId`,
/// `clientId`, group path, user name. The apply step looks up their ids on
/// the target server right before the call, so no id ever travels from one
/// server to another. `before` and `after` are states in the shapes of
/// [`super::state`]; for the membership operations the state is derived from
/// `before` plus or minus the listed roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operation {
    /// `POST …/roles` or `POST …/clients/{id}/roles`.
    CreateRole { role: RoleRef, after: Value },
    /// `PUT …/roles-by-id/{id}`: description and attributes.
    UpdateRole {
        role: RoleRef,
        before: Value,
        after: Value,
    },
    /// `DELETE …/roles-by-id/{id}`. `before` contains properties and composites.
    DeleteRole { role: RoleRef, before: Value },
    /// `POST …/roles-by-id/{id}/composites`.
    AddComposites {
        role: RoleRef,
        members: Vec<RoleRef>,
        before: Vec<RoleRef>,
    },
    /// `DELETE …/roles-by-id/{id}/composites`.
    RemoveComposites {
        role: RoleRef,
        members: Vec<RoleRef>,
        before: Vec<RoleRef>,
    },
    /// `POST …/clients` with protocol mappers and without id or secret.
    CreateClient { client_id: String, after: Value },
    /// `PUT …/clients/{id}`: the representation as read, with the changed fields.
    UpdateClient {
        client_id: String,
        before: Value,
        after: Value,
    },
    /// `DELETE …/clients/{id}`.
    DeleteClient { client_id: String, before: Value },
    /// `POST …/groups/{id}/role-mappings/…`.
    AddGroupRoles {
        group: Vec<String>,
        roles: Vec<RoleRef>,
        before: Vec<RoleRef>,
    },
    /// `DELETE …/groups/{id}/role-mappings/…`.
    RemoveGroupRoles {
        group: Vec<String>,
        roles: Vec<RoleRef>,
        before: Vec<RoleRef>,
    },
    /// `POST …/users/{id}/role-mappings/…`.
    AddUserRoles {
        username: String,
        roles: Vec<RoleRef>,
        before: Vec<RoleRef>,
    },
    /// `DELETE …/users/{id}/role-mappings/…`.
    RemoveUserRoles {
        username: String,
        roles: Vec<RoleRef>,
        before: Vec<RoleRef>,
    },
}

/// The object an operation changes, by natural key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    Role(RoleRef),
    Client(String),
    Group(Vec<String>),
    User(String),
}

impl std::fmt::Display for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Role(RoleRef { client: None, name }) => write!(f, "realm role \"{name}\""),
            Self::Role(RoleRef {
                client: Some(client),
                name,
            }) => write!(f, "client role \"{client}\" » \"{name}\""),
            Self::Client(client_id) => write!(f, "client \"{client_id}\""),
            Self::Group(path) => write!(f, "group {}", group_path(path)),
            Self::User(username) => write!(f, "user \"{username}\""),
        }
    }
}

/// Part of an object that an operation's states describe. It decides what
/// the apply step reads to check and verify the operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    /// A role's description and attributes.
    RoleProperties,
    /// A role's direct composite members.
    RoleComposites,
    /// A role's properties and composite members together.
    WholeRole,
    /// A client's fields and protocol mappers.
    Client,
    /// A group's direct role mappings.
    GroupRoles,
    /// A user's direct role mappings.
    UserRoles,
}

impl Operation {
    /// Returns the object this operation changes.
    pub fn object(&self) -> Object {
        match self {
            Self::CreateRole { role, .. }
            | Self::UpdateRole { role, .. }
            | Self::DeleteRole { role, .. }
            | Self::AddComposites { role, .. }
            | Self::RemoveComposites { role, .. } => Object::Role(role.clone()),
            Self::CreateClient { client_id, .. }
            | Self::UpdateClient { client_id, .. }
            | Self::DeleteClient { client_id, .. } => Object::Client(client_id.clone()),
            Self::AddGroupRoles { group, .. } | Self::RemoveGroupRoles { group, .. } => {
                Object::Group(group.clone())
            }
            Self::AddUserRoles { username, .. } | Self::RemoveUserRoles { username, .. } => {
                Object::User(username.clone())
            }
        }
    }

    /// Returns the part of the object that `before` and `after` describe.
    pub fn aspect(&self) -> Aspect {
        match self {
            Self::CreateRole { .. } | Self::UpdateRole { .. } => Aspect::RoleProperties,
            Self::DeleteRole { .. } => Aspect::WholeRole,
            Self::AddComposites { .. } | Self::RemoveComposites { .. } => Aspect::RoleComposites,
            Self::CreateClient { .. } | Self::UpdateClient { .. } | Self::DeleteClient { .. } => {
                Aspect::Client
            }
            Self::AddGroupRoles { .. } | Self::RemoveGroupRoles { .. } => Aspect::GroupRoles,
            Self::AddUserRoles { .. } | Self::RemoveUserRoles { .. } => Aspect::UserRoles,
        }
    }

    /// Returns the planned state before the call; `Null` when the object is absent.
    pub fn before(&self) -> Value {
        match self {
            Self::CreateRole { .. } | Self::CreateClient { .. } => Value::Null,
            Self::UpdateRole { before, .. }
            | Self::DeleteRole { before, .. }
            | Self::UpdateClient { before, .. }
            | Self::DeleteClient { before, .. } => before.clone(),
            Self::AddComposites { before, .. } | Self::RemoveComposites { before, .. } => {
                composites_state(before)
            }
            Self::AddGroupRoles { before, .. }
            | Self::RemoveGroupRoles { before, .. }
            | Self::AddUserRoles { before, .. }
            | Self::RemoveUserRoles { before, .. } => mappings_state(before),
        }
    }

    /// Returns the expected state after the call; `Null` when the object is deleted.
    pub fn after(&self) -> Value {
        match self {
            Self::CreateRole { after, .. }
            | Self::UpdateRole { after, .. }
            | Self::CreateClient { after, .. }
            | Self::UpdateClient { after, .. } => after.clone(),
            Self::DeleteRole { .. } | Self::DeleteClient { .. } => Value::Null,
            Self::AddComposites {
                members, before, ..
            } => composites_state(&union(before, members)),
            Self::RemoveComposites {
                members, before, ..
            } => composites_state(&difference(before, members)),
            Self::AddGroupRoles { roles, before, .. }
            | Self::AddUserRoles { roles, before, .. } => mappings_state(&union(before, roles)),
            Self::RemoveGroupRoles { roles, before, .. }
            | Self::RemoveUserRoles { roles, before, .. } => {
                mappings_state(&difference(before, roles))
            }
        }
    }

    /// Returns a stable snake-case name of the operation's kind, as in the journal.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::CreateRole { .. } => "create_role",
            Self::UpdateRole { .. } => "update_role",
            Self::DeleteRole { .. } => "delete_role",
            Self::AddComposites { .. } => "add_composites",
            Self::RemoveComposites { .. } => "remove_composites",
            Self::CreateClient { .. } => "create_client",
            Self::UpdateClient { .. } => "update_client",
            Self::DeleteClient { .. } => "delete_client",
            Self::AddGroupRoles { .. } => "add_group_roles",
            Self::RemoveGroupRoles { .. } => "remove_group_roles",
            Self::AddUserRoles { .. } => "add_user_roles",
            Self::RemoveUserRoles { .. } => "remove_user_roles",
        }
    }

    /// Reports whether the call would change nothing, such as adding no members.
    pub fn is_no_op(&self) -> bool {
        match self {
            Self::AddComposites { members, .. } | Self::RemoveComposites { members, .. } => {
                members.is_empty()
            }
            Self::AddGroupRoles { roles, .. }
            | Self::RemoveGroupRoles { roles, .. }
            | Self::AddUserRoles { roles, .. }
            | Self::RemoveUserRoles { roles, .. } => roles.is_empty(),
            Self::UpdateRole { before, after, .. } | Self::UpdateClient { before, after, .. } => {
                same_state(before, after)
            }
            _ => false,
        }
    }

    /// Builds the operations that undo this one, given the state read back
    /// right after it was applied.
    ///
    /// The inverse's `before` is that read-back state, so undoing checks that
    /// nothing changed since this operation ran. Undoing a deleted role
    /// restores its properties and own members, but not its place in other
    /// composites, groups or users. Undoing a deleted client creates it with
    /// a new secret and without its roles.
    pub fn inverse(&self, applied: &Value) -> Vec<Operation> {
        match self {
            Self::CreateRole { role, .. } => {
                let mut before = applied.clone();
                if let Value::Object(map) = &mut before {
                    map.entry(COMPOSITES)
                        .or_insert_with(|| Value::Array(Vec::new()));
                }
                vec![Self::DeleteRole {
                    role: role.clone(),
                    before,
                }]
            }
            Self::UpdateRole { role, before, .. } => vec![Self::UpdateRole {
                role: role.clone(),
                before: applied.clone(),
                after: before.clone(),
            }],
            Self::DeleteRole { role, before } => restore_role(role, before),
            Self::AddComposites { role, members, .. } => vec![Self::RemoveComposites {
                role: role.clone(),
                members: members.clone(),
                before: refs_in(applied, COMPOSITES),
            }],
            Self::RemoveComposites { role, members, .. } => vec![Self::AddComposites {
                role: role.clone(),
                members: members.clone(),
                before: refs_in(applied, COMPOSITES),
            }],
            Self::CreateClient { client_id, .. } => vec![Self::DeleteClient {
                client_id: client_id.clone(),
                before: applied.clone(),
            }],
            Self::UpdateClient {
                client_id, before, ..
            } => vec![Self::UpdateClient {
                client_id: client_id.clone(),
                before: applied.clone(),
                after: before.clone(),
            }],
            Self::DeleteClient { client_id, before } => vec![Self::CreateClient {
                client_id: client_id.clone(),
                after: before.clone(),
            }],
            _ => vec![self.inverse_mapping(applied)],
        }
    }

    fn inverse_mapping(&self, applied: &Value) -> Operation {
        let before = refs_in(applied, super::state::ROLES);
        match self {
            Self::AddGroupRoles { group, roles, .. } => Self::RemoveGroupRoles {
                group: group.clone(),
                roles: roles.clone(),
                before,
            },
            Self::RemoveGroupRoles { group, roles, .. } => Self::AddGroupRoles {
                group: group.clone(),
                roles: roles.clone(),
                before,
            },
            Self::AddUserRoles {
                username, roles, ..
            } => Self::RemoveUserRoles {
                username: username.clone(),
                roles: roles.clone(),
                before,
            },
            Self::RemoveUserRoles {
                username, roles, ..
            } => Self::AddUserRoles {
                username: username.clone(),
                roles: roles.clone(),
                before,
            },
            other => other.clone(),
        }
    }
}

/// Builds the operations that recreate a deleted role from its whole state.
fn restore_role(role: &RoleRef, before: &Value) -> Vec<Operation> {
    let members = refs_in(before, COMPOSITES);
    let mut properties = before.clone();
    if let Value::Object(map) = &mut properties {
        map.remove(COMPOSITES);
    }
    let mut operations = vec![Operation::CreateRole {
        role: role.clone(),
        after: properties,
    }];
    if !members.is_empty() {
        operations.push(Operation::AddComposites {
            role: role.clone(),
            members,
            before: Vec::new(),
        });
    }
    operations
}

/// Returns `a` plus the elements of `b`, sorted and without duplicates.
pub fn union(a: &[RoleRef], b: &[RoleRef]) -> Vec<RoleRef> {
    let mut all = a.to_vec();
    all.extend_from_slice(b);
    sorted_refs(&all)
}

/// Returns `a` without the elements of `b`, sorted.
pub fn difference(a: &[RoleRef], b: &[RoleRef]) -> Vec<RoleRef> {
    let rest: Vec<RoleRef> = a.iter().filter(|item| !b.contains(item)).cloned().collect();
    sorted_refs(&rest)
}

/// Formats a group path as `/a/b`, with `/` and `~` inside names escaped.
pub fn group_path(path: &[String]) -> String {
    Group {
        path: path.to_vec(),
        ..Group::default()
    }
    .display_path()
}

/// Parses `/a/b` as written by [`group_path`] into the chain of names.
///
/// `~/` is a `/` inside a name and `~~` a `~`; the leading `/` is optional.
pub fn parse_group_path(text: &str) -> Result<Vec<String>, String> {
    let body = text.strip_prefix('/').unwrap_or(text);
    let mut names = Vec::new();
    let mut name = String::new();
    let mut chars = body.chars();
    while let Some(character) = chars.next() {
        match character {
            '~' => match chars.next() {
                Some('/') => name.push('/'),
                Some('~') => name.push('~'),
                _ => {
                    return Err(format!(
                        "group path \"{text}\" is invalid: write a \"/\" inside a name as \"~/\" \
                         and a \"~\" as \"~~\""
                    ));
                }
            },
            '/' => names.push(std::mem::take(&mut name)),
            other => name.push(other),
        }
    }
    names.push(name);
    if names.iter().any(String::is_empty) {
        return Err(format!(
            "group path \"{text}\" is invalid: it has an empty group name; write it as /parent/child"
        ));
    }
    Ok(names)
}

/// Formats a state as one line of compact JSON for plan descriptions.
pub fn compact(value: &Value) -> String {
    match value {
        Value::Object(map) if map.is_empty() => "{}".to_owned(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn parse_group_path_handles_escapes() {
        assert_eq!(
            parse_group_path("/staff/night~/weekend").expect("valid path"),
            ["staff", "night/weekend"]
        );
        assert_eq!(parse_group_path("a~~b").expect("valid path"), ["a~b"]);
        assert!(parse_group_path("/a//b").is_err());
        assert!(parse_group_path("/a~x").is_err());
    }

    #[test]
    fn group_path_round_trips() {
        let path = vec!["a/b".to_owned(), "c~d".to_owned(), "é f".to_owned()];
        assert_eq!(parse_group_path(&group_path(&path)).expect("valid"), path);
    }

    #[test]
    fn inverse_of_add_composites_removes_them() {
        let operation = Operation::AddComposites {
            role: RoleRef::realm("exec"),
            members: vec![RoleRef::realm("b")],
            before: vec![RoleRef::realm("a")],
        };
        let applied = operation.after();
        let inverse = operation.inverse(&applied);
        assert_eq!(
            inverse,
            [Operation::RemoveComposites {
                role: RoleRef::realm("exec"),
                members: vec![RoleRef::realm("b")],
                before: vec![RoleRef::realm("a"), RoleRef::realm("b")],
            }]
        );
        assert_eq!(inverse[0].after(), operation.before());
    }

    #[test]
    fn inverse_of_delete_role_restores_members() {
        let operation = Operation::DeleteRole {
            role: RoleRef::realm("exec"),
            before: json!({"description": "d", "composites": [{"name": "a"}]}),
        };
        let inverse = operation.inverse(&Value::Null);
        assert_eq!(inverse.len(), 2);
        assert_eq!(inverse[0].after(), json!({"description": "d"}));
        assert_eq!(inverse[1].after(), composites_state(&[RoleRef::realm("a")]));
    }
}
