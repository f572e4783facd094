//! `y`: copying the selected object's natural key, or the raw JSON on screen, to the
//! operator's clipboard. This only builds the text; the app loop writes it to the terminal.

use crate::effect::Effect;
use crate::inventory::Group;
use crate::state::{EnvState, Loadable, RowKey, State, shown_raw};
use crate::update::raw_key;

/// Maximum length of the text shown in the "copied …" message before it is cut.
const SHOWN_CHARS: usize = 40;

/// Copies what the focused column shows for the selected row.
pub fn copy(state: &mut State) -> Vec<Effect> {
    let text = if state.show_raw {
        raw_json(state)
    } else {
        natural_key(state)
    };
    match text {
        Ok(text) => {
            let shown = describe(&text, state.show_raw);
            state.info(format!("copied {shown}"));
            vec![Effect::CopyToClipboard { text }]
        }
        Err(reason) => {
            state.info(reason);
            Vec::new()
        }
    }
}

/// Returns the raw JSON of the detail pane as shown: secrets masked unless revealed.
fn raw_json(state: &State) -> Result<String, String> {
    let (Some(env), Some(key)) = (state.focused_env(), raw_key(state)) else {
        return Err("nothing selected to copy".to_owned());
    };
    match env.raw.get(&key) {
        Some(Loadable::Loaded(value)) => {
            let shown = shown_raw(value, state.reveal_secrets);
            serde_json::to_string_pretty(&shown)
                .map_err(|error| format!("cannot format the raw JSON: {error}"))
        }
        Some(Loadable::Failed(reason)) => Err(format!("no raw JSON to copy: {reason}")),
        Some(_) => Err("the raw JSON is still loading; copy again when it shows".to_owned()),
        None => Err(format!("not present in {}, nothing to copy", env.name)),
    }
}

/// Returns the selected object's natural key as the lists show it: a realm name as the
/// focused environment calls it, a `clientId`, `client » role` for a client role, a group
/// path, a client scope name or an identity provider alias.
fn natural_key(state: &State) -> Result<String, String> {
    let (Some(env), Some(row)) = (state.focused_env(), state.selected_row()) else {
        return Err("nothing selected to copy".to_owned());
    };
    let text = match &row.key {
        RowKey::Realm(logical) => env.realm_name(logical).to_owned(),
        RowKey::Client(client_id) => client_id.clone(),
        RowKey::Role(role)
        | RowKey::Member(role)
        | RowKey::Parent(role)
        | RowKey::UserRole(role)
        | RowKey::Effective(role)
        | RowKey::Grant(role, _) => role.to_string(),
        RowKey::DefaultRole => default_role_name(state, env)
            .ok_or_else(|| format!("{} has no default role loaded", env.name))?,
        RowKey::Group(path) => Group {
            path: path.clone(),
            ..Group::default()
        }
        .display_path(),
        RowKey::ClientScope(name) => name.clone(),
        RowKey::IdentityProvider(alias) => alias.clone(),
        RowKey::Kind(_) | RowKey::Heading(_) => {
            return Err("this row is a list, not an object; nothing to copy".to_owned());
        }
    };
    Ok(text)
}

fn default_role_name(state: &State, env: &EnvState) -> Option<String> {
    let realm = state.view().realm()?;
    env.inventory(realm)?.default_role.as_ref()?.name.clone()
}

/// Describes copied text for the status line: short text quoted, long text by size.
fn describe(text: &str, raw: bool) -> String {
    if raw {
        let lines = text.lines().count();
        return format!("raw JSON ({lines} lines, {} bytes) via OSC 52", text.len());
    }
    if text.chars().count() <= SHOWN_CHARS {
        return format!("\"{text}\" via OSC 52");
    }
    let cut: String = text.chars().take(SHOWN_CHARS - 1).collect();
    format!("\"{cut}…\" via OSC 52")
}
