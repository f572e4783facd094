//! Role fixes in the focused environment: `c` create, `e` edit the description and
//! attributes as JSON, `D` delete, `a` add a composite member, `x` remove one. Each builds a
//! [`Edit`], plans it with [`plan_edit`] and stages the plan; nothing is applied here.

use std::collections::BTreeMap;

use ratatui_textarea::TextArea;
use serde_json::{Map, Value, json};

use super::stage::{stage_plan, writable};
use crate::effect::Effect;
use crate::finder::{Candidate, Finder, ObjectKind};
use crate::inventory::{Inventory, Role, RoleRef};
use crate::plan::{Edit, plan_edit};
use crate::state::write::{EditTarget, EditorState, NameInputState, PickTarget, PickerState};
use crate::state::{Mode, RowKey, State, View};

/// A role in the focused environment that a key acts on.
struct RoleTarget {
    env: usize,
    /// Logical realm name.
    realm: String,
    role: RoleRef,
}

/// Finds the role the keys act on: the role of the role view, or the selected row of a role
/// list (the default role row resolves to the focused environment's default role).
fn focused_role(state: &State) -> Result<RoleTarget, String> {
    let env = state.focus;
    let (realm, role) = match state.view() {
        View::Role { realm, role } => (realm.clone(), role.clone()),
        View::RealmRoles { realm } | View::ClientRoles { realm, .. } => {
            let role = match state.selected_row().map(|row| &row.key) {
                Some(RowKey::Role(role)) => role.clone(),
                Some(RowKey::DefaultRole) => default_role(state, realm)?,
                _ => return Err("select a role first".to_owned()),
            };
            (realm.clone(), role)
        }
        _ => return Err("open a list of roles or a role to change roles".to_owned()),
    };
    Ok(RoleTarget { env, realm, role })
}

fn default_role(state: &State, realm: &str) -> Result<RoleRef, String> {
    let env = &state.envs[state.focus];
    env.inventory(realm)
        .and_then(|inventory| inventory.default_role.as_ref())
        .and_then(|default| default.name.clone())
        .map(RoleRef::realm)
        .ok_or_else(|| format!("{} has no default role loaded", env.name))
}

/// Returns the focused environment's inventory of a logical realm.
pub(super) fn inventory<'s>(
    state: &'s State,
    env: usize,
    realm: &str,
) -> Result<&'s Inventory, String> {
    let env_state = &state.envs[env];
    env_state.inventory(realm).ok_or_else(|| {
        format!(
            "realm {realm} is not loaded in {}; wait for it or press r to reload",
            env_state.name
        )
    })
}

/// Returns the role as the focused environment has it.
fn existing_role(state: &State, target: &RoleTarget) -> Result<Role, String> {
    let inventory = inventory(state, target.env, &target.realm)?;
    inventory.role(&target.role).cloned().ok_or_else(|| {
        format!(
            "role {} does not exist in {}; press C to copy it from the reference environment",
            target.role, state.envs[target.env].name
        )
    })
}

/// Plans an edit of `target`'s role to `after` (or its deletion) and stages it.
fn stage_role(state: &mut State, target: &RoleTarget, after: Option<Role>) -> Vec<Effect> {
    let edit = Edit::Role {
        role: target.role.clone(),
        after,
    };
    let plan = match inventory(state, target.env, &target.realm) {
        Ok(inventory) => plan_edit(&state.envs[target.env].name, inventory, &edit),
        Err(reason) => {
            state.error(reason);
            return Vec::new();
        }
    };
    stage_plan(state, target.env, plan)
}

/// Returns the value of `result`, or shows its error in the status line and returns `None`.
pub(super) fn report<T>(state: &mut State, result: Result<T, String>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(reason) => {
            state.error(reason);
            None
        }
    }
}

/// `c`: opens the name input of a new role in the list on screen.
pub fn start_create(state: &mut State) -> Vec<Effect> {
    let env = state.focus;
    if report(state, writable(state, env)).is_none() {
        return Vec::new();
    }
    let (realm, client) = match state.view() {
        View::RealmRoles { realm } => (realm.clone(), None),
        View::ClientRoles { realm, client_id } => (realm.clone(), Some(client_id.clone())),
        _ => {
            state.error("open realm roles or a client's roles to create a role");
            return Vec::new();
        }
    };
    state.write.name_input = Some(NameInputState {
        env,
        realm,
        client,
        text: String::new(),
        error: None,
    });
    state.mode = Mode::NameInput;
    Vec::new()
}

/// Enter in the name input: stages creating the role, unless the name is empty or taken.
pub fn submit_name(state: &mut State) -> Vec<Effect> {
    let Some(input) = state.write.name_input.clone() else {
        return Vec::new();
    };
    let name = input.text.trim().to_owned();
    let role = match &input.client {
        Some(client) => RoleRef::client(client, &name),
        None => RoleRef::realm(&name),
    };
    let taken = inventory(state, input.env, &input.realm)
        .map(|inventory| inventory.role(&role).is_some())
        .unwrap_or(false);
    let problem = if name.is_empty() {
        Some("type a role name, or press Esc to cancel".to_owned())
    } else if taken {
        Some(format!(
            "role {role} already exists in {}",
            state.envs[input.env].name
        ))
    } else {
        None
    };
    if let Some(problem) = problem {
        if let Some(open) = &mut state.write.name_input {
            open.error = Some(problem);
        }
        return Vec::new();
    }

    state.write.name_input = None;
    state.mode = Mode::Normal;
    let target = RoleTarget {
        env: input.env,
        realm: input.realm,
        role,
    };
    let after = Role {
        name,
        ..Role::default()
    };
    stage_role(state, &target, Some(after))
}

/// `e`: opens the JSON editor of the role's description and attributes.
pub fn start_edit(state: &mut State) -> Vec<Effect> {
    let Some(target) = report(state, focused_role(state)) else {
        return Vec::new();
    };
    if report(state, writable(state, target.env)).is_none() {
        return Vec::new();
    }
    let Some(role) = report(state, existing_role(state, &target)) else {
        return Vec::new();
    };
    let text = role_json(&role);
    open_editor(
        state,
        target.env,
        target.realm,
        EditTarget::Role(target.role),
        &text,
    );
    Vec::new()
}

/// Opens the JSON editor on `text`, cursor on the first line, for a role or a client.
pub(super) fn open_editor(
    state: &mut State,
    env: usize,
    realm: String,
    target: EditTarget,
    text: &str,
) {
    let textarea = TextArea::new(text.lines().map(str::to_owned).collect());
    state.write.editor = Some(EditorState {
        env,
        realm,
        target,
        textarea,
        error: None,
    });
    state.mode = Mode::Editor;
}

/// Returns the editable part of a role as pretty JSON.
pub fn role_json(role: &Role) -> String {
    let attributes: Map<String, Value> = role
        .attributes
        .iter()
        .map(|(key, values)| (key.clone(), json!(values)))
        .collect();
    let value = json!({
        "description": role.description.clone().unwrap_or_default(),
        "attributes": attributes,
    });
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string())
}

/// Description and attributes read from the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFields {
    pub description: Option<String>,
    pub attributes: BTreeMap<String, Vec<String>>,
}

/// Parses the editor's JSON: an object with an optional `description` (text or null; empty
/// text removes it) and optional `attributes` (an object of string lists).
pub fn parse_role_json(text: &str) -> Result<RoleFields, String> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        format!(
            "invalid JSON at line {}, column {}: {error}",
            error.line(),
            error.column()
        )
    })?;
    let Value::Object(map) = value else {
        return Err("expected a JSON object with \"description\" and \"attributes\"".to_owned());
    };
    if let Some(key) = map
        .keys()
        .find(|key| !matches!(key.as_str(), "description" | "attributes"))
    {
        return Err(format!(
            "unknown key \"{key}\": only \"description\" and \"attributes\" can be edited"
        ));
    }
    let description = match map.get("description") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) if text.is_empty() => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(_) => return Err("\"description\" must be a string or null".to_owned()),
    };
    let attributes = match map.get("attributes") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Object(entries)) => parse_attributes(entries)?,
        Some(_) => {
            return Err(
                "\"attributes\" must be an object of string lists, such as {\"team\": [\"a\"]}"
                    .to_owned(),
            );
        }
    };
    Ok(RoleFields {
        description,
        attributes,
    })
}

fn parse_attributes(entries: &Map<String, Value>) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut attributes = BTreeMap::new();
    for (key, value) in entries {
        let invalid = || format!("attribute \"{key}\" must be a list of strings");
        let Value::Array(items) = value else {
            return Err(invalid());
        };
        let values = items
            .iter()
            .map(|item| item.as_str().map(str::to_owned).ok_or_else(invalid))
            .collect::<Result<Vec<_>, _>>()?;
        attributes.insert(key.clone(), values);
    }
    Ok(attributes)
}

/// Passes a key to the editor.
pub fn editor_key(state: &mut State, key: crossterm::event::KeyEvent) -> Vec<Effect> {
    if let Some(editor) = &mut state.write.editor {
        editor.textarea.input(key);
        editor.error = None;
    }
    Vec::new()
}

/// Ctrl-S in the editor: validates the JSON and stages the edit; invalid JSON keeps the
/// editor open with the problem shown.
pub fn save_editor(state: &mut State) -> Vec<Effect> {
    let Some(editor) = &state.write.editor else {
        return Vec::new();
    };
    let text = editor.textarea.lines().join("\n");
    let role = match &editor.target {
        EditTarget::Role(role) => role.clone(),
        EditTarget::Client(_) => return super::client_edit::save_editor(state),
    };
    let target = RoleTarget {
        env: editor.env,
        realm: editor.realm.clone(),
        role,
    };
    let fields = match parse_role_json(&text) {
        Ok(fields) => fields,
        Err(problem) => {
            if let Some(editor) = &mut state.write.editor {
                editor.error = Some(problem);
            }
            return Vec::new();
        }
    };
    state.write.editor = None;
    state.mode = Mode::Normal;
    let Some(mut role) = report(state, existing_role(state, &target)) else {
        return Vec::new();
    };
    role.description = fields.description;
    role.attributes = fields.attributes;
    stage_role(state, &target, Some(role))
}

/// `D`: stages deleting the role.
pub fn delete(state: &mut State) -> Vec<Effect> {
    let Some(target) = report(state, focused_role(state)) else {
        return Vec::new();
    };
    if report(state, writable(state, target.env)).is_none()
        || report(state, existing_role(state, &target)).is_none()
    {
        return Vec::new();
    }
    stage_role(state, &target, None)
}

/// `x` in the role view: stages removing the selected composite member.
pub fn remove_member(state: &mut State) -> Vec<Effect> {
    let member = match state.selected_row().map(|row| &row.key) {
        Some(RowKey::Member(member)) if matches!(state.view(), View::Role { .. }) => member.clone(),
        _ => {
            state.error("open a role and select one of its members to remove it");
            return Vec::new();
        }
    };
    let Some(target) = report(state, focused_role(state)) else {
        return Vec::new();
    };
    if report(state, writable(state, target.env)).is_none() {
        return Vec::new();
    }
    let Some(mut role) = report(state, existing_role(state, &target)) else {
        return Vec::new();
    };
    if !role.composites.contains(&member) {
        let env = &state.envs[target.env].name;
        state.error(format!(
            "{member} is not a member of {} in {env}",
            target.role
        ));
        return Vec::new();
    }
    role.composites.retain(|composite| composite != &member);
    stage_role(state, &target, Some(role))
}

/// `a`: opens the picker over the focused environment's roles that are not members yet.
pub fn start_add_member(state: &mut State) -> Vec<Effect> {
    let Some(target) = report(state, focused_role(state)) else {
        return Vec::new();
    };
    if report(state, writable(state, target.env)).is_none() {
        return Vec::new();
    }
    let Some(role) = report(state, existing_role(state, &target)) else {
        return Vec::new();
    };
    let candidates = inventory(state, target.env, &target.realm).map(|inventory| {
        all_roles(inventory)
            .into_iter()
            .filter(|candidate| candidate != &target.role && !role.composites.contains(candidate))
            .collect::<Vec<_>>()
    });
    let Some(candidates) = report(state, candidates) else {
        return Vec::new();
    };
    let mut picker = PickerState {
        env: target.env,
        realm: target.realm,
        target: PickTarget::AddMember(target.role),
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

/// Lists every realm role, then every client role by `clientId`.
pub(super) fn all_roles(inventory: &Inventory) -> Vec<RoleRef> {
    let realm = inventory
        .realm_roles
        .iter()
        .map(|role| RoleRef::realm(&role.name));
    let clients = inventory.clients.iter().flat_map(|client| {
        client
            .roles
            .iter()
            .map(|role| RoleRef::client(&client.client_id, &role.name))
    });
    realm.chain(clients).collect()
}

/// Filters the picker's candidates by its query with the fuzzy finder.
pub fn search_picker(picker: &mut PickerState) {
    picker.selected = 0;
    if picker.query.trim().is_empty() {
        picker.hits = (0..picker.candidates.len())
            .map(|index| (index, Vec::new()))
            .collect();
        return;
    }
    let candidates = picker
        .candidates
        .iter()
        .enumerate()
        .map(|(index, role)| Candidate {
            text: role.to_string(),
            env: picker.env,
            realm: picker.realm.clone(),
            kind: if role.client.is_some() {
                ObjectKind::ClientRole
            } else {
                ObjectKind::RealmRole
            },
            id: index,
        })
        .collect();
    let mut finder = Finder::new(candidates).with_limit(usize::MAX);
    picker.hits = finder
        .search(&picker.query)
        .into_iter()
        .map(|hit| (hit.candidate, hit.positions))
        .collect();
}

/// Enter in the picker: stages the change the picker's target names with the selected role.
pub fn pick(state: &mut State) -> Vec<Effect> {
    let Some(picker) = state.write.picker.take() else {
        return Vec::new();
    };
    state.mode = Mode::Normal;
    let Some(picked) = picker
        .hits
        .get(picker.selected)
        .and_then(|(index, _)| picker.candidates.get(*index))
        .cloned()
    else {
        state.info("no role picked; nothing staged");
        return Vec::new();
    };
    let role = match picker.target {
        PickTarget::AddMember(role) => role,
        other => return super::mapping_edit::pick(state, picker.env, &picker.realm, other, picked),
    };
    let target = RoleTarget {
        env: picker.env,
        realm: picker.realm,
        role,
    };
    let member = picked;
    let Some(mut role) = report(state, existing_role(state, &target)) else {
        return Vec::new();
    };
    role.composites.push(member);
    role.composites.sort();
    stage_role(state, &target, Some(role))
}
