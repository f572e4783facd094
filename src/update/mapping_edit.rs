//! Role mapping fixes of groups and users in the focused environment: `a` opens the role
//! picker over the roles not mapped yet, and `x` a picker over the current direct mappings.
//! In the user view, `x` on a direct role row removes that role without a picker. Each pick
//! builds an [`Edit::GroupRoles`] or [`Edit::UserRoles`], plans it with [`plan_edit`] and
//! stages it. Nothing is applied here.

use super::role_edit::{all_roles, inventory, report, search_picker};
use super::stage::{stage_plan, writable};
use crate::effect::Effect;
use crate::inventory::RoleRef;
use crate::plan::copy::{find_group, group_roles};
use crate::plan::{Edit, plan_edit};
use crate::state::write::{PickTarget, PickerState};
use crate::state::{Mode, RowKey, State, View};

/// Reports whether `a` and `x` act on role mappings in the view on screen.
pub fn handles(view: &View) -> bool {
    matches!(view, View::Groups { .. } | View::User { .. })
}

/// `a` in the groups or user view: opens the picker over the roles the group or user
/// does not hold directly.
pub fn start_add(state: &mut State) -> Vec<Effect> {
    let opened = match state.view().clone() {
        View::Groups { realm } => selected_group(state).and_then(|group| {
            let mapped = current_group_roles(state, &realm, &group)?;
            Ok((realm, PickTarget::AddGroupRole(group), mapped))
        }),
        View::User { realm, .. } => loaded_user(state)
            .map(|(username, direct)| (realm, PickTarget::AddUserRole(username), direct)),
        _ => Err("open the groups list or a user to change role mappings".to_owned()),
    };
    let Some((realm, target, mapped)) = report(state, opened) else {
        return Vec::new();
    };
    let env = state.focus;
    let candidates = inventory(state, env, &realm).map(|inventory| {
        let mut roles = all_roles(inventory);
        if let Some(default) = inventory.default_role.as_ref().and_then(|d| d.name.clone()) {
            roles.insert(0, RoleRef::realm(default));
        }
        roles.retain(|role| !mapped.contains(role));
        roles
    });
    let Some(candidates) = report(state, candidates) else {
        return Vec::new();
    };
    open_picker(state, realm, target, candidates)
}

/// `x` in the groups or user view: removes the selected mapping row, or opens a picker over
/// the current direct mappings.
pub fn start_remove(state: &mut State) -> Vec<Effect> {
    let opened = match state.view().clone() {
        View::Groups { realm } => selected_group(state).and_then(|group| {
            let mapped = current_group_roles(state, &realm, &group)?;
            Ok((realm, PickTarget::RemoveGroupRole(group), mapped))
        }),
        View::User { realm, .. } => loaded_user(state)
            .map(|(username, direct)| (realm, PickTarget::RemoveUserRole(username), direct)),
        _ => Err("open the groups list or a user to change role mappings".to_owned()),
    };
    let Some((realm, target, mapped)) = report(state, opened) else {
        return Vec::new();
    };
    if mapped.is_empty() {
        state.info(format!(
            "{} has no direct role mappings to remove",
            subject(&target)
        ));
        return Vec::new();
    }
    if let Some(RowKey::UserRole(role)) = state.selected_row().map(|row| row.key.clone()) {
        let env = state.focus;
        return pick(state, env, &realm, target, role);
    }
    open_picker(state, realm, target, mapped)
}

fn open_picker(
    state: &mut State,
    realm: String,
    target: PickTarget,
    candidates: Vec<RoleRef>,
) -> Vec<Effect> {
    let env = state.focus;
    if report(state, writable(state, env)).is_none() {
        return Vec::new();
    }
    let mut picker = PickerState {
        env,
        realm,
        target,
        query: String::new(),
        candidates,
        hits: Vec::new(),
        selected: 0,
    };
    search_picker(&mut picker);
    state.write.picker = Some(picker);
    state.mode = Mode::Picker;
    Vec::new()
}

/// Stages the mapping change that `target` names with the picked role.
pub fn pick(
    state: &mut State,
    env: usize,
    realm: &str,
    target: PickTarget,
    picked: RoleRef,
) -> Vec<Effect> {
    if report(state, writable(state, env)).is_none() {
        return Vec::new();
    }
    let add = matches!(
        target,
        PickTarget::AddGroupRole(_) | PickTarget::AddUserRole(_)
    );
    let edit = match target {
        PickTarget::AddGroupRole(group) | PickTarget::RemoveGroupRole(group) => {
            let Some(mut roles) = report(state, current_group_roles(state, realm, &group)) else {
                return Vec::new();
            };
            change(&mut roles, picked, add);
            Edit::GroupRoles { group, roles }
        }
        PickTarget::AddUserRole(username) | PickTarget::RemoveUserRole(username) => {
            let Some((_, before)) = report(state, loaded_user(state)) else {
                return Vec::new();
            };
            let mut after = before.clone();
            change(&mut after, picked, add);
            Edit::UserRoles {
                username,
                before,
                after,
            }
        }
        PickTarget::AddMember(_) => return Vec::new(),
    };
    let plan = match inventory(state, env, realm) {
        Ok(inventory) => plan_edit(&state.envs[env].name, inventory, &edit),
        Err(reason) => {
            state.error(reason);
            return Vec::new();
        }
    };
    stage_plan(state, env, plan)
}

/// Adds `role` to `roles` or removes it, keeping the list sorted.
fn change(roles: &mut Vec<RoleRef>, role: RoleRef, add: bool) {
    if add {
        roles.push(role);
        roles.sort();
        roles.dedup();
    } else {
        roles.retain(|mapped| mapped != &role);
    }
}

fn subject(target: &PickTarget) -> String {
    match target {
        PickTarget::AddGroupRole(group) | PickTarget::RemoveGroupRole(group) => {
            format!("group {}", crate::plan::operation::group_path(group))
        }
        PickTarget::AddUserRole(user) | PickTarget::RemoveUserRole(user) => {
            format!("user \"{user}\"")
        }
        PickTarget::AddMember(role) => format!("role {role}"),
    }
}

/// Returns the path of the selected group row.
fn selected_group(state: &State) -> Result<Vec<String>, String> {
    match state.selected_row().map(|row| &row.key) {
        Some(RowKey::Group(path)) => Ok(path.clone()),
        _ => Err("select a group first".to_owned()),
    }
}

/// Returns the group's direct role mappings in the focused environment.
fn current_group_roles(
    state: &State,
    realm: &str,
    group: &[String],
) -> Result<Vec<RoleRef>, String> {
    let env = state.focus;
    let inventory = inventory(state, env, realm)?;
    find_group(inventory, group)
        .map(group_roles)
        .ok_or_else(|| {
            format!(
                "group {} does not exist in {}; press C to copy its role mappings once it does",
                crate::plan::operation::group_path(group),
                state.envs[env].name
            )
        })
}

/// Returns the user name and direct role mappings of the user on screen, once loaded in
/// the focused environment.
fn loaded_user(state: &State) -> Result<(String, Vec<RoleRef>), String> {
    let user = state
        .user
        .as_ref()
        .ok_or("look a user up with :user NAME first")?;
    if user.env != state.focus {
        return Err(format!(
            "the user on screen was read from {}; Tab to that column to change it",
            state.envs[user.env].name
        ));
    }
    let detail = user
        .detail
        .loaded()
        .ok_or("the user is still loading, or could not be read; press r to read it again")?;
    Ok((detail.username.clone(), detail.direct.clone()))
}
