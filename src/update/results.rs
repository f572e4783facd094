//! Applying the results of background loads. A result whose request id is
//! not the one in flight is stale (a newer request superseded it) and dropped.

use serde_json::Value;

use super::navigate::ensure_inventory;
use crate::effect::Effect;
use crate::inventory::Inventory;
use crate::state::{Loadable, ServerFacts, State};

/// Records the outcome of an environment's login check.
pub fn server_checked(
    state: &mut State,
    env: usize,
    result: Result<ServerFacts, String>,
) -> Vec<Effect> {
    let Some(env_state) = state.envs.get_mut(env) else {
        return Vec::new();
    };
    env_state.server = match result {
        Ok(facts) => Loadable::Loaded(facts),
        Err(reason) => Loadable::Failed(reason),
    };
    Vec::new()
}

/// Stores an environment's realm list and loads the realm on screen, if any.
pub fn realms_loaded(
    state: &mut State,
    env: usize,
    request: u64,
    result: Result<Vec<String>, String>,
) -> Vec<Effect> {
    let Some(env_state) = state.envs.get_mut(env) else {
        return Vec::new();
    };
    if env_state.realms.request() != Some(request) {
        return Vec::new();
    }
    state.data_changed();
    let env_state = &mut state.envs[env];
    match result {
        Ok(realms) => env_state.realms = Loadable::Loaded(realms),
        Err(reason) => {
            let text = format!("{}: {reason}", env_state.name);
            env_state.realms = Loadable::Failed(reason);
            state.error(text);
        }
    }
    match state.view().realm().map(str::to_owned) {
        Some(realm) => ensure_inventory(state, &realm, false),
        None => Vec::new(),
    }
}

/// Stores a realm's inventory, unless a newer load replaced the request.
pub fn inventory_loaded(
    state: &mut State,
    env: usize,
    realm: &str,
    request: u64,
    result: Result<Box<Inventory>, String>,
    warnings: &[String],
) -> Vec<Effect> {
    let Some(env_state) = state.envs.get_mut(env) else {
        return Vec::new();
    };
    let current = env_state.inventories.get(realm).and_then(Loadable::request);
    if current != Some(request) {
        return Vec::new();
    }
    let name = env_state.name.clone();
    state.data_changed();
    let env_state = &mut state.envs[env];
    match result {
        Ok(inventory) => {
            env_state
                .inventories
                .insert(realm.to_owned(), Loadable::Loaded(*inventory));
            let logical = env_state.logical_realm(realm).to_owned();
            state.recompare(&logical);
            if let Some(first) = warnings.first() {
                state.error(format!(
                    "{name}: realm {realm} loaded incompletely: {first}"
                ));
            }
        }
        Err(reason) => {
            env_state
                .inventories
                .insert(realm.to_owned(), Loadable::Failed(reason.clone()));
            state.error(format!("{name}: realm {realm}: {reason}"));
        }
    }
    Vec::new()
}

/// Stores the raw JSON of one object for the detail pane.
pub fn raw_loaded(
    state: &mut State,
    env: usize,
    key: &str,
    request: u64,
    result: Result<Value, String>,
) -> Vec<Effect> {
    let Some(env_state) = state.envs.get_mut(env) else {
        return Vec::new();
    };
    if env_state.raw.get(key).and_then(Loadable::request) != Some(request) {
        return Vec::new();
    }
    let loaded = match result {
        Ok(value) => Loadable::Loaded(value),
        Err(reason) => Loadable::Failed(reason),
    };
    env_state.raw.insert(key.to_owned(), loaded);
    Vec::new()
}
