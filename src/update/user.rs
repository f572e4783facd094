//! The user view: `:user TEXT` looks a user up in the focused environment by user name or
//! email. The runtime reads the user ([`Effect::LoadUser`]); effective roles are computed
//! from the loaded inventory when the rows are built.

use super::navigate::ensure_inventory;
use crate::effect::Effect;
use crate::state::{Frame, Loadable, State, UserDetail, UserState, View};

/// `:user TEXT`: opens the user view and starts reading the user.
pub fn open(state: &mut State, query: &str) -> Vec<Effect> {
    let query = query.trim();
    if query.is_empty() {
        state.error("type a user name or email after :user, such as :user alice");
        return Vec::new();
    }
    let Some(realm) = state.view().realm().map(str::to_owned) else {
        state.error("open a realm first; :user looks users up in the realm on screen");
        return Vec::new();
    };
    let view = View::User {
        realm: realm.clone(),
        query: query.to_owned(),
    };
    if matches!(state.view(), View::User { .. }) {
        state.frame_mut().view = view;
    } else {
        state.stack.push(Frame::new(view));
    }
    let mut effects = ensure_inventory(state, &realm, false);
    effects.extend(load(state, state.focus, &realm, query));
    effects
}

/// Starts reading the user `query` of logical realm `realm` from environment `env`.
fn load(state: &mut State, env: usize, realm: &str, query: &str) -> Vec<Effect> {
    let request = state.next_request();
    state.user = Some(UserState {
        env,
        realm: realm.to_owned(),
        query: query.to_owned(),
        request,
        detail: Loadable::Loading { request },
    });
    let actual = state.envs[env].realm_name(realm).to_owned();
    vec![Effect::LoadUser {
        env,
        realm: actual,
        query: query.to_owned(),
        request,
    }]
}

/// Reads the user on screen again, after a reload or an apply to its environment.
pub fn reload(state: &mut State) -> Vec<Effect> {
    let Some(user) = state.user.clone() else {
        return Vec::new();
    };
    load(state, user.env, &user.realm, &user.query)
}

/// Stores a read user, unless a newer read was started since.
pub fn loaded(
    state: &mut State,
    env: usize,
    request: u64,
    result: Result<UserDetail, String>,
) -> Vec<Effect> {
    let Some(user) = &mut state.user else {
        return Vec::new();
    };
    if user.env != env || user.request != request {
        return Vec::new();
    }
    match result {
        Ok(detail) => user.detail = Loadable::Loaded(detail),
        Err(reason) => {
            user.detail = Loadable::Failed(reason.clone());
            let name = state.envs[env].name.clone();
            state.error(format!("{name}: {reason}"));
        }
    }
    Vec::new()
}
