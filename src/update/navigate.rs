//! Moving through lists and views, and the loads that navigation triggers.

use crate::effect::{Effect, RawTarget};
use crate::inventory::RoleRef;
use crate::state::rows::KindTab;
use crate::state::{Frame, Loadable, RowKey, State, View};

/// Starts the login check and the realm list of one environment.
pub fn check_environment(state: &mut State, env: usize) -> Vec<Effect> {
    let request = state.next_request();
    let Some(env_state) = state.envs.get_mut(env) else {
        return Vec::new();
    };
    env_state.server = Loadable::Loading { request };
    env_state.realms = Loadable::Loading { request };
    vec![
        Effect::CheckServer { env },
        Effect::LoadRealms { env, request },
    ]
}

/// Moves the selection by `delta` rows, clamped to the list.
pub fn move_by(state: &mut State, delta: isize) -> Vec<Effect> {
    let len = state.rows.len();
    if len == 0 {
        return Vec::new();
    }
    let current = state.frame().selected;
    let mut target = current.saturating_add_signed(delta).min(len - 1);
    // Headings are not objects: step over them in the direction of travel.
    while state.rows[target].is_heading() {
        match target.checked_add_signed(delta.signum()) {
            Some(next) if next < len => target = next,
            _ => break,
        }
    }
    if state.rows[target].is_heading() {
        target = current;
    }
    let key = state.rows[target].key.clone();
    let frame = state.frame_mut();
    frame.selected = target;
    frame.selected_key = Some(key);
    raw_for_selection(state)
}

/// Opens the selected row: a realm, a kind, a client's roles or a role.
pub fn open(state: &mut State) -> Vec<Effect> {
    let Some(row) = state.selected_row() else {
        return Vec::new();
    };
    let key = row.key.clone();
    let next = match (state.view().clone(), key) {
        (View::Realms, RowKey::Realm(realm)) => View::Kinds { realm },
        (View::Kinds { realm }, RowKey::Kind(kind)) => kind.view(&realm),
        (View::Clients { realm }, RowKey::Client(client_id)) => {
            View::ClientRoles { realm, client_id }
        }
        (View::RealmRoles { realm } | View::ClientRoles { realm, .. }, RowKey::Role(role)) => {
            View::Role { realm, role }
        }
        (View::Role { realm, .. }, RowKey::Member(role) | RowKey::Parent(role)) => {
            View::Role { realm, role }
        }
        _ => return Vec::new(),
    };
    push_view(state, next)
}

/// Pushes a view and starts the loads it needs.
pub fn push_view(state: &mut State, view: View) -> Vec<Effect> {
    let realm = view.realm().map(str::to_owned);
    state.stack.push(Frame::new(view));
    state.refresh_rows();
    let mut effects = Vec::new();
    if let Some(realm) = realm {
        effects.extend(ensure_inventory(state, &realm, false));
    }
    effects.extend(raw_for_selection(state));
    effects
}

/// Replaces the navigation path with the realm's kind list and, optionally, one kind.
pub fn jump_to(state: &mut State, realm: &str, kind: Option<KindTab>) -> Vec<Effect> {
    state.stack.truncate(1);
    let mut effects = push_view(
        state,
        View::Kinds {
            realm: realm.to_owned(),
        },
    );
    if let Some(kind) = kind {
        effects.extend(push_view(state, kind.view(realm)));
    }
    effects
}

/// Clears the list's filter if it has one, else goes back one level; the realm list stays
/// as the root.
pub fn back(state: &mut State) -> Vec<Effect> {
    if !state.frame().filter.is_empty() {
        state.frame_mut().filter.clear();
        state.refresh_rows();
        return raw_for_selection(state);
    }
    if state.stack.len() > 1 {
        state.stack.pop();
    }
    Vec::new()
}

/// Moves the focus to another environment's column.
pub fn shift_focus(state: &mut State, delta: isize) -> Vec<Effect> {
    let count = state.envs.len();
    if count == 0 {
        return Vec::new();
    }
    let count = count.cast_signed();
    state.focus = (state.focus.cast_signed() + delta)
        .rem_euclid(count)
        .cast_unsigned();
    raw_for_selection(state)
}

/// Loads the realm's inventory in every environment that has the realm and
/// has not loaded it yet (or in all of them when `force` is set).
pub fn ensure_inventory(state: &mut State, realm: &str, force: bool) -> Vec<Effect> {
    let mut effects = Vec::new();
    for env in 0..state.envs.len() {
        let env_state = &state.envs[env];
        let actual = env_state.realm_name(realm).to_owned();
        let known = env_state
            .realms
            .loaded()
            .is_some_and(|realms| realms.contains(&actual));
        let current = env_state.inventories.get(&actual);
        let needed = force
            || matches!(
                current,
                None | Some(Loadable::NotLoaded | Loadable::Failed(_))
            );
        if !known || !needed || (!force && current.is_some_and(Loadable::is_loading)) {
            continue;
        }
        let request = state.next_request();
        state.envs[env]
            .inventories
            .insert(actual.clone(), Loadable::Loading { request });
        effects.push(Effect::LoadInventory {
            env,
            realm: actual,
            request,
        });
    }
    effects
}

/// Reloads what the current view shows, in every environment.
pub fn reload(state: &mut State) -> Vec<Effect> {
    let realm = state.view().realm().map(str::to_owned);
    state.info("reloading");
    for env in &mut state.envs {
        env.raw.clear();
    }
    match realm {
        Some(realm) => {
            let mut effects = ensure_inventory(state, &realm, true);
            effects.extend(raw_for_selection(state));
            if matches!(state.view(), View::User { .. }) {
                effects.extend(super::user::reload(state));
            }
            effects
        }
        None => (0..state.envs.len())
            .flat_map(|env| check_environment(state, env))
            .collect(),
    }
}

/// Switches the detail pane between fields and raw JSON.
pub fn toggle_raw(state: &mut State) -> Vec<Effect> {
    state.show_raw = !state.show_raw;
    raw_for_selection(state)
}

/// Key of the raw JSON cache for the selected object in the focused environment.
pub fn raw_key(state: &State) -> Option<String> {
    let realm = state.view().realm().unwrap_or("");
    let row = state.selected_row()?;
    Some(format!("{realm}\n{:?}", row.key))
}

/// Starts loading the raw JSON of the selected object when the raw view is on.
pub fn raw_for_selection(state: &mut State) -> Vec<Effect> {
    if !state.show_raw {
        return Vec::new();
    }
    let (Some(key), Some(target)) = (raw_key(state), raw_target(state)) else {
        return Vec::new();
    };
    let env = state.focus;
    if state.envs[env]
        .raw
        .get(&key)
        .is_some_and(|raw| !matches!(raw, Loadable::Failed(_)))
    {
        return Vec::new();
    }
    let request = state.next_request();
    state.envs[env]
        .raw
        .insert(key.clone(), Loadable::Loading { request });
    vec![Effect::LoadRaw {
        env,
        key,
        request,
        target,
    }]
}

/// Finds the server id needed to read the selected object in the focused environment.
fn raw_target(state: &State) -> Option<RawTarget> {
    let env = state.focused_env()?;
    let row = state.selected_row()?;
    let logical = state.view().realm();
    let realm_of = |logical: &str| env.realm_name(logical).to_owned();
    if let RowKey::Realm(logical) = &row.key {
        return Some(RawTarget::Realm {
            realm: realm_of(logical),
        });
    }
    let logical = logical?;
    let inventory = env.inventory(logical)?;
    let realm = realm_of(logical);
    let ids = &inventory.ids;
    let role_id = |role: &RoleRef| {
        ids.roles
            .get(&crate::inventory::model::role_key(role))
            .cloned()
    };
    match &row.key {
        RowKey::Client(client_id) => Some(RawTarget::Client {
            realm,
            id: ids.clients.get(client_id)?.clone(),
        }),
        RowKey::Role(role)
        | RowKey::Member(role)
        | RowKey::Parent(role)
        | RowKey::UserRole(role)
        | RowKey::Effective(role)
        | RowKey::Grant(role, _) => Some(RawTarget::Role {
            realm,
            id: role_id(role)?,
        }),
        RowKey::DefaultRole => {
            let name = inventory.default_role.as_ref()?.name.clone()?;
            Some(RawTarget::Role {
                realm,
                id: role_id(&RoleRef::realm(name))?,
            })
        }
        RowKey::Group(path) => {
            let group = inventory.groups.iter().find(|group| &group.path == path)?;
            Some(RawTarget::Group {
                realm,
                id: ids.groups.get(&group.display_path())?.clone(),
            })
        }
        RowKey::ClientScope(name) => Some(RawTarget::ClientScope {
            realm,
            id: ids.client_scopes.get(name)?.clone(),
        }),
        RowKey::IdentityProvider(alias) => Some(RawTarget::IdentityProvider {
            realm,
            alias: alias.clone(),
        }),
        RowKey::Kind(_) => Some(RawTarget::Realm { realm }),
        RowKey::Realm(_) | RowKey::Heading(_) => None,
    }
}
