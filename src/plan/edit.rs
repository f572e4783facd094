//! Planning an edit staged in one environment, such as a changed role
//! description or an added group role mapping, against that environment's
//! inventory.

use super::Plan;
use super::copy::{find_group, group_roles};
use super::operation::{Operation, difference, group_path, union};
use super::roles::{exists_in, incomplete_blockers, is_default_role, members_of};
use super::state::{client_state, properties_of, role_properties, whole_role_state};
use crate::inventory::{Fields, Inventory, Kind, Role, RoleRef};

/// An edit staged in the UI, with the object's desired state.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Creates, changes or deletes a role. `after` is the whole desired role
    /// (description, attributes, composite members), or `None` to delete it.
    /// The role's name is `role.name`; `after.name` is ignored, because
    /// renaming is not supported.
    Role { role: RoleRef, after: Option<Role> },
    /// Changes a client's fields (not its `clientId`, secret or mappers).
    Client { client_id: String, fields: Fields },
    /// Sets the direct role mappings of a group.
    GroupRoles {
        group: Vec<String>,
        roles: Vec<RoleRef>,
    },
    /// Sets the direct role mappings of a user. Inventories hold no users, so
    /// the caller passes the mappings it read together with the new ones.
    UserRoles {
        username: String,
        before: Vec<RoleRef>,
        after: Vec<RoleRef>,
    },
}

/// Plans an edit in realm `target` of environment `env`.
pub fn plan_edit(env: &str, target: &Inventory, edit: &Edit) -> Plan {
    let mut plan = Plan::new(env, &target.realm, edit_title(edit));
    let kinds: &[Kind] = match edit {
        Edit::Role { .. } | Edit::UserRoles { .. } => &[Kind::RealmRoles, Kind::ClientRoles],
        Edit::Client { .. } => &[Kind::Clients],
        Edit::GroupRoles { .. } => &[Kind::RealmRoles, Kind::ClientRoles, Kind::Groups],
    };
    plan.blockers
        .extend(incomplete_blockers("target", target, kinds));
    match edit {
        Edit::Role { role, after } => edit_role(&mut plan, target, role, after.as_ref()),
        Edit::Client { client_id, fields } => edit_client(&mut plan, target, client_id, fields),
        Edit::GroupRoles { group, roles } => edit_group(&mut plan, target, group, roles),
        Edit::UserRoles {
            username,
            before,
            after,
        } => {
            require_roles(&mut plan, target, after);
            let add = difference(after, before);
            let remove = difference(before, after);
            plan.push(Operation::AddUserRoles {
                username: username.clone(),
                roles: add.clone(),
                before: before.clone(),
            });
            plan.push(Operation::RemoveUserRoles {
                username: username.clone(),
                roles: remove,
                before: union(before, &add),
            });
        }
    }
    plan
}

fn edit_title(edit: &Edit) -> String {
    match edit {
        Edit::Role { role, after: None } => format!("delete role {role}"),
        Edit::Role { role, .. } => format!("edit role {role}"),
        Edit::Client { client_id, .. } => format!("edit client \"{client_id}\""),
        Edit::GroupRoles { group, .. } => {
            format!("edit role mappings of group {}", group_path(group))
        }
        Edit::UserRoles { username, .. } => format!("edit role mappings of user \"{username}\""),
    }
}

fn edit_role(plan: &mut Plan, target: &Inventory, role: &RoleRef, after: Option<&Role>) {
    if is_default_role(target, role) {
        edit_default_role(plan, target, role, after);
        return;
    }
    let current = target.role(role);
    match (current, after) {
        (None, None) => plan.notes.push(format!(
            "role {role} does not exist in \"{}\"; nothing to delete",
            target.realm
        )),
        (None, Some(desired)) => {
            if let Some(client) = &role.client
                && target.client(client).is_none()
            {
                plan.blockers.push(format!(
                    "client \"{client}\" does not exist in \"{}\"",
                    target.realm
                ));
            }
            require_roles(plan, target, &desired.composites);
            plan.push(Operation::CreateRole {
                role: role.clone(),
                after: properties_of(desired),
            });
            plan.push(Operation::AddComposites {
                role: role.clone(),
                members: desired.composites.clone(),
                before: Vec::new(),
            });
        }
        (Some(existing), Some(desired)) => {
            require_roles(plan, target, &desired.composites);
            plan.push(Operation::UpdateRole {
                role: role.clone(),
                before: properties_of(existing),
                after: properties_of(desired),
            });
            push_members(plan, role, &existing.composites, &desired.composites);
        }
        (Some(existing), None) => delete_role(plan, target, role, existing),
    }
}

/// Plans an edit of the default role. Its description and attributes are not
/// in the inventory, so only its members can be edited, and it cannot be deleted.
fn edit_default_role(plan: &mut Plan, target: &Inventory, role: &RoleRef, after: Option<&Role>) {
    let Some(desired) = after else {
        plan.blockers.push(format!(
            "\"{}\" is the realm's default role, which Keycloak does not let you delete",
            role.name
        ));
        return;
    };
    let unchanged_properties = role_properties(None, &Default::default());
    if properties_of(desired) != unchanged_properties {
        plan.notes.push(format!(
            "only the members of the default role \"{}\" are changed; its description and \
             attributes are left as they are",
            role.name
        ));
    }
    require_roles(plan, target, &desired.composites);
    push_members(plan, role, &members_of(target, role), &desired.composites);
}

fn delete_role(plan: &mut Plan, target: &Inventory, role: &RoleRef, existing: &Role) {
    if existing.builtin {
        plan.blockers.push(format!(
            "role {role} is built in; deleting it can break Keycloak's own clients"
        ));
        return;
    }
    let containers = target.containing_roles(role);
    if !containers.is_empty() {
        let names: Vec<String> = containers.iter().map(ToString::to_string).collect();
        plan.notes.push(format!(
            "deleting {role} also removes it from the composite roles {}; undo does not put \
             it back there",
            names.join(", ")
        ));
    }
    let groups: Vec<String> = target
        .groups
        .iter()
        .filter(|group| group_roles(group).contains(role))
        .map(crate::inventory::Group::display_path)
        .collect();
    if !groups.is_empty() {
        plan.notes.push(format!(
            "deleting {role} also removes it from the groups {}; undo does not put it back there",
            groups.join(", ")
        ));
    }
    plan.notes.push(format!(
        "users that hold {role} directly lose it; undo does not give it back to them"
    ));
    plan.push(Operation::DeleteRole {
        role: role.clone(),
        before: whole_role_state(existing),
    });
}

/// Client fields that `PUT /clients/{id}` ignores (checked on Keycloak
/// 26.7.3 for the scope lists), so an update could never apply them.
const FIELDS_OUTSIDE_CLIENT_UPDATE: &[&str] = &[
    super::state::PROTOCOL_MAPPERS,
    "defaultClientScopes",
    "optionalClientScopes",
];

fn edit_client(plan: &mut Plan, target: &Inventory, client_id: &str, fields: &Fields) {
    let Some(client) = target.client(client_id) else {
        plan.blockers.push(format!(
            "client \"{client_id}\" does not exist in \"{}\"",
            target.realm
        ));
        return;
    };
    if fields
        .get("clientId")
        .is_some_and(|value| value.as_str() != Some(client_id))
    {
        plan.blockers.push(format!(
            "renaming client \"{client_id}\" is not supported; create a new client instead"
        ));
        return;
    }
    let before = client_state(client);
    let mut edited = client.clone();
    edited.fields = fields.clone();
    edited.fields.remove("clientId");
    let after = client_state(&edited);
    for key in FIELDS_OUTSIDE_CLIENT_UPDATE {
        if before.get(key) != after.get(key) {
            plan.blockers.push(format!(
                "{key} of client \"{client_id}\" cannot be changed by a client update: \
                 Keycloak ignores it there and manages it through its own endpoints"
            ));
        }
    }
    plan.push(Operation::UpdateClient {
        client_id: client_id.to_owned(),
        before,
        after,
    });
}

fn edit_group(plan: &mut Plan, target: &Inventory, path: &[String], roles: &[RoleRef]) {
    let Some(group) = find_group(target, path) else {
        plan.blockers.push(format!(
            "group {} does not exist in \"{}\"",
            group_path(path),
            target.realm
        ));
        return;
    };
    require_roles(plan, target, roles);
    let current = group_roles(group);
    let add = difference(roles, &current);
    let remove = difference(&current, roles);
    let after_add = union(&current, &add);
    plan.push(Operation::AddGroupRoles {
        group: path.to_vec(),
        roles: add,
        before: current,
    });
    plan.push(Operation::RemoveGroupRoles {
        group: path.to_vec(),
        roles: remove,
        before: after_add,
    });
}

/// Adds the composite changes that turn `current` members into `desired`.
fn push_members(plan: &mut Plan, role: &RoleRef, current: &[RoleRef], desired: &[RoleRef]) {
    let current = super::state::sorted_refs(current);
    let add = difference(desired, &current);
    let remove = difference(&current, desired);
    let after_add = union(&current, &add);
    plan.push(Operation::AddComposites {
        role: role.clone(),
        members: add,
        before: current,
    });
    plan.push(Operation::RemoveComposites {
        role: role.clone(),
        members: remove,
        before: after_add,
    });
}

/// Blocks the plan for every role that does not exist in the target.
fn require_roles(plan: &mut Plan, target: &Inventory, roles: &[RoleRef]) {
    for role in roles {
        if !exists_in(target, role) {
            plan.blockers.push(format!(
                "role {role} does not exist in \"{}\"; create or copy it first",
                target.realm
            ));
        }
    }
}
