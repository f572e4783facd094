//! Client fixes in the focused environment: `e` on a client row opens the client's editable
//! representation as JSON in the editor, and `Ctrl-S` validates it and stages an
//! [`Edit::Client`]. Fields that a client update cannot change are reported by
//! [`plan_edit`] as blockers, so the staged plan shows why it cannot be applied.

use serde_json::{Map, Value};

use super::role_edit::{inventory, report};
use super::stage::{stage_plan, writable};
use crate::effect::Effect;
use crate::inventory::{Client, Fields};
use crate::plan::{Edit, plan_edit};
use crate::state::write::EditTarget;
use crate::state::{Mode, RowKey, State, View};

/// Keys the editor rejects, each with the reason shown to the operator.
const READ_ONLY_KEYS: &[(&str, &str)] = &[
    ("id", "the internal id is set by the server"),
    (
        "secret",
        "secrets are never shown or edited here; rotate them in Keycloak",
    ),
    (
        "protocolMappers",
        "protocol mappers have their own endpoints, which kcdeck does not edit yet",
    ),
];

/// Reports whether `e` edits a client in the view on screen.
pub fn handles(view: &View) -> bool {
    matches!(view, View::Clients { .. })
}

/// `e` on a client row: opens the JSON editor of the client's fields.
pub fn start_edit(state: &mut State) -> Vec<Effect> {
    let env = state.focus;
    let Some(realm) = state.view().realm().map(str::to_owned) else {
        return Vec::new();
    };
    let client_id = match state.selected_row().map(|row| &row.key) {
        Some(RowKey::Client(client_id)) => client_id.clone(),
        _ => {
            state.error("select a client first");
            return Vec::new();
        }
    };
    if report(state, writable(state, env)).is_none() {
        return Vec::new();
    }
    let Some(client) = report(state, existing_client(state, env, &realm, &client_id)) else {
        return Vec::new();
    };
    let text = client_json(&client);
    super::role_edit::open_editor(state, env, realm, EditTarget::Client(client_id), &text);
    Vec::new()
}

fn existing_client(
    state: &State,
    env: usize,
    realm: &str,
    client_id: &str,
) -> Result<Client, String> {
    let inventory = inventory(state, env, realm)?;
    inventory.client(client_id).cloned().ok_or_else(|| {
        format!(
            "client \"{client_id}\" does not exist in {}; press C to copy it from the reference \
             environment",
            state.envs[env].name
        )
    })
}

/// Returns a client's fields as pretty JSON, keys sorted.
pub fn client_json(client: &Client) -> String {
    let object: Map<String, Value> = client
        .fields
        .iter()
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let value = Value::Object(object);
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string())
}

/// Parses the editor's JSON into client fields: an object without the keys in
/// [`READ_ONLY_KEYS`].
pub fn parse_client_json(text: &str) -> Result<Fields, String> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        format!(
            "invalid JSON at line {}, column {}: {error}",
            error.line(),
            error.column()
        )
    })?;
    let Value::Object(map) = value else {
        return Err("expected a JSON object of client fields, such as {\"enabled\": true}".into());
    };
    if let Some((key, reason)) = READ_ONLY_KEYS
        .iter()
        .find(|(key, _)| map.contains_key(*key))
    {
        return Err(format!("remove \"{key}\": {reason}"));
    }
    Ok(map.into_iter().collect())
}

/// Ctrl-S in the client editor: validates the JSON and stages the edit; invalid JSON keeps
/// the editor open with the problem shown.
pub fn save_editor(state: &mut State) -> Vec<Effect> {
    let Some(editor) = &state.write.editor else {
        return Vec::new();
    };
    let EditTarget::Client(client_id) = editor.target.clone() else {
        return Vec::new();
    };
    let (env, realm) = (editor.env, editor.realm.clone());
    let text = editor.textarea.lines().join("\n");
    let fields = match parse_client_json(&text) {
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

    let edit = Edit::Client { client_id, fields };
    let plan = match inventory(state, env, &realm) {
        Ok(inventory) => plan_edit(&state.envs[env].name, inventory, &edit),
        Err(reason) => {
            state.error(reason);
            return Vec::new();
        }
    };
    stage_plan(state, env, plan)
}
