//! Planning copies of roles, clients and group role mappings from one
//! environment's realm to another's, from the two inventories alone.
//!
//! A copy makes the target object equal to the source object and creates
//! whatever it needs that the target lacks. Nothing is copied by server id:
//! objects are matched by natural key and the apply step looks up the
//! target's own ids. Secrets are never copied.

use serde_json::Value;

use super::Plan;
use super::operation::{Operation, difference, group_path, union};
use super::roles::{RoleCopier, exists_in, incomplete_blockers, is_default_role, members_of};
use super::state::{client_state, properties_of, strip_masked};
use crate::inventory::{Client, Group, Inventory, Kind, RoleRef};

/// Object to copy, named as in the source realm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyItem {
    /// A realm or client role with its description, attributes and composite
    /// members; missing members are created first.
    Role(RoleRef),
    /// A client missing in the target, with its protocol mappers and roles.
    Client(String),
    /// The role mappings of a group that exists on both sides, by path.
    Group(Vec<String>),
}

/// One side of a copy: the environment's name and its realm's inventory.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub env: &'a str,
    pub inventory: &'a Inventory,
}

/// Plans copying `item` from `source` to `target`.
///
/// The plan is never partial: anything that prevents an exact copy becomes
/// a blocker, and the plan's operations then must not be applied.
pub fn plan_copy(source: Side<'_>, target: Side<'_>, item: &CopyItem) -> Plan {
    let title = format!(
        "copy {} from {}/{} to {}/{}",
        item_label(item),
        source.env,
        source.inventory.realm,
        target.env,
        target.inventory.realm
    );
    let mut plan = Plan::new(target.env, &target.inventory.realm, title);
    let needed = needed_kinds(item);
    plan.blockers
        .extend(incomplete_blockers("source", source.inventory, needed));
    plan.blockers
        .extend(incomplete_blockers("target", target.inventory, needed));

    let mut copier = RoleCopier::new(source.inventory, target.inventory);
    match item {
        CopyItem::Role(role) => copy_role(&mut plan, &mut copier, role),
        CopyItem::Client(client_id) => copy_client(&mut plan, &mut copier, client_id),
        CopyItem::Group(path) => copy_group(&mut plan, &mut copier, path),
    }
    plan.notes.extend(copier.notes);
    plan.blockers.extend(copier.blockers);
    plan
}

fn item_label(item: &CopyItem) -> String {
    match item {
        CopyItem::Role(RoleRef { client: None, name }) => format!("realm role \"{name}\""),
        CopyItem::Role(RoleRef {
            client: Some(client),
            name,
        }) => format!("client role \"{client}\" » \"{name}\""),
        CopyItem::Client(client_id) => format!("client \"{client_id}\""),
        CopyItem::Group(path) => format!("role mappings of group {}", group_path(path)),
    }
}

fn needed_kinds(item: &CopyItem) -> &'static [Kind] {
    match item {
        CopyItem::Role(_) => &[Kind::RealmRoles, Kind::ClientRoles],
        CopyItem::Client(_) => &[
            Kind::Clients,
            Kind::RealmRoles,
            Kind::ClientRoles,
            Kind::ClientScopes,
            Kind::AuthFlows,
        ],
        CopyItem::Group(_) => &[Kind::RealmRoles, Kind::ClientRoles, Kind::Groups],
    }
}

/// Copies a role: creates it (members first) when the target lacks it,
/// otherwise makes its properties and member set equal to the source's.
fn copy_role(plan: &mut Plan, copier: &mut RoleCopier<'_>, role: &RoleRef) {
    let (source, target) = (copier.source(), copier.target());
    if !exists_in(source, role) {
        plan.blockers.push(format!(
            "role {role} does not exist in the source realm \"{}\"",
            source.realm
        ));
        return;
    }
    let Some(mapped) = copier.map(role) else {
        return;
    };
    if !exists_in(target, &mapped) {
        copier.ensure(role);
        plan.operations.extend(copier.operations());
        return;
    }

    let source_members = members_of(source, role);
    let desired = copier.mapped_members(&source_members);
    plan.operations.extend(copier.operations());
    if is_default_role(source, role) {
        plan.notes.push(format!(
            "the source's default role \"{}\" is copied onto the target's default role \"{}\": \
             only its members change",
            role.name, mapped.name
        ));
    } else if let (Some(source_role), Some(target_role)) = (source.role(role), target.role(&mapped))
    {
        let mut after = properties_of(source_role);
        strip_masked(&mut after);
        plan.push(Operation::UpdateRole {
            role: mapped.clone(),
            before: properties_of(target_role),
            after,
        });
    }
    push_member_changes(plan, &mapped, &members_of(target, &mapped), &desired);
}

/// Adds the composite changes that turn `current` members into `desired`.
fn push_member_changes(plan: &mut Plan, role: &RoleRef, current: &[RoleRef], desired: &[RoleRef]) {
    let add = difference(desired, current);
    let remove = difference(current, desired);
    let after_add = union(current, &add);
    plan.push(Operation::AddComposites {
        role: role.clone(),
        members: add,
        before: current.to_vec(),
    });
    plan.push(Operation::RemoveComposites {
        role: role.clone(),
        members: remove,
        before: after_add,
    });
}

/// Copies a client missing in the target with its mappers and roles.
fn copy_client(plan: &mut Plan, copier: &mut RoleCopier<'_>, client_id: &str) {
    let (source, target) = (copier.source(), copier.target());
    let Some(client) = source.client(client_id) else {
        plan.blockers.push(format!(
            "client \"{client_id}\" does not exist in the source realm \"{}\"",
            source.realm
        ));
        return;
    };
    if target.client(client_id).is_some() {
        plan.blockers.push(format!(
            "client \"{client_id}\" already exists in \"{}\"; kcdeck copies only missing \
             clients, so compare the two with kcdeck diff and edit the differences",
            target.realm
        ));
        return;
    }
    if client.builtin {
        plan.blockers.push(format!(
            "client \"{client_id}\" is built in; Keycloak creates it with the realm"
        ));
        return;
    }

    let mut after = client_state(client);
    let removed = strip_masked(&mut after);
    if !removed.is_empty() {
        plan.notes.push(format!(
            "client \"{client_id}\": masked values of {} are not copied; set them in the target",
            removed.join(", ")
        ));
    }
    plan.blockers.extend(missing_references(client, target));
    plan.notes.extend(client_notes(client, &target.realm));
    plan.operations.push(Operation::CreateClient {
        client_id: client_id.to_owned(),
        after,
    });

    copier.add_new_client(client_id);
    for role in &client.roles {
        copier.ensure(&RoleRef::client(client_id, &role.name));
    }
    plan.operations.extend(copier.operations());
}

/// Lists the client scopes and flows a client refers to that the target lacks.
fn missing_references(client: &Client, target: &Inventory) -> Vec<String> {
    let mut blockers = Vec::new();
    for key in ["defaultClientScopes", "optionalClientScopes"] {
        let names = client.fields.get(key).and_then(Value::as_array);
        for name in names.into_iter().flatten().filter_map(Value::as_str) {
            if !target.client_scopes.iter().any(|scope| scope.name == name) {
                blockers.push(format!(
                    "client \"{}\" uses client scope \"{name}\" ({key}), which is missing in \
                     \"{}\"",
                    client.client_id, target.realm
                ));
            }
        }
    }
    let overrides = client
        .fields
        .get("authenticationFlowBindingOverrides")
        .and_then(Value::as_object);
    for (binding, alias) in overrides.into_iter().flatten() {
        let alias = alias.as_str().unwrap_or_default();
        if !target.auth_flows.iter().any(|flow| flow.alias == alias) {
            blockers.push(format!(
                "client \"{}\" binds its {binding} flow to \"{alias}\", which is missing in \"{}\"",
                client.client_id, target.realm
            ));
        }
    }
    blockers
}

fn client_notes(client: &Client, target_realm: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let public = client.fields.get("publicClient") == Some(&Value::Bool(true));
    let bearer = client.fields.get("bearerOnly") == Some(&Value::Bool(true));
    if !public && !bearer {
        notes.push(format!(
            "client \"{}\" is confidential: the secret is not copied, and Keycloak generates a \
             new one in \"{target_realm}\"; give its users the new secret",
            client.client_id
        ));
    }
    if client.fields.get("serviceAccountsEnabled") == Some(&Value::Bool(true)) {
        notes.push(format!(
            "client \"{}\" has a service account; Keycloak creates a new one, and its role \
             mappings are not copied",
            client.client_id
        ));
    }
    notes
}

/// Makes a group's role mappings in the target equal to the source's,
/// creating roles the target lacks first.
fn copy_group(plan: &mut Plan, copier: &mut RoleCopier<'_>, path: &[String]) {
    let (source, target) = (copier.source(), copier.target());
    let label = group_path(path);
    let Some(source_group) = find_group(source, path) else {
        plan.blockers.push(format!(
            "group {label} does not exist in the source realm \"{}\"",
            source.realm
        ));
        return;
    };
    let Some(target_group) = find_group(target, path) else {
        plan.blockers.push(format!(
            "group {label} does not exist in \"{}\"; kcdeck does not create groups, so create \
             it first",
            target.realm
        ));
        return;
    };

    let desired = copier.mapped_members(&group_roles(source_group));
    plan.operations.extend(copier.operations());
    let current = group_roles(target_group);
    let add = difference(&desired, &current);
    let remove = difference(&current, &desired);
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

/// Finds a group by its chain of names.
pub fn find_group<'a>(inventory: &'a Inventory, path: &[String]) -> Option<&'a Group> {
    inventory.groups.iter().find(|group| group.path == path)
}

/// Lists a group's direct role mappings as role references, sorted.
pub fn group_roles(group: &Group) -> Vec<RoleRef> {
    let mut roles: Vec<RoleRef> = group.realm_roles.iter().map(RoleRef::realm).collect();
    for (client, names) in &group.client_roles {
        roles.extend(names.iter().map(|name| RoleRef::client(client, name)));
    }
    roles.sort();
    roles.dedup();
    roles
}
