//! Update tests: a state and an action in, the state and effects out.

use ratatui::style::Color;
use serde_json::json;

use super::*;
use crate::effect::Effect;
use crate::inventory::export::from_export;
use crate::inventory::{Inventory, RoleRef};
use crate::state::rows::{Cell, KindTab};
use crate::state::{EnvState, Loadable, RowKey, ServerFacts, View};

fn shop(extra_role: bool, manager_members: &[&str]) -> Inventory {
    let mut roles = vec![
        json!({"name": "viewer", "description": "read only"}),
        json!({"name": "store-manager", "composite": true, "composites": {"realm": manager_members, "client": {"checkout": ["refund"]}}}),
    ];
    if extra_role {
        roles.push(json!({"name": "auditor"}));
    }
    let export = json!({
        "realm": "shop",
        "clients": [{"clientId": "checkout", "id": "c-1"}, {"clientId": "storefront", "publicClient": true}],
        "roles": {"realm": roles, "client": {"checkout": [{"name": "refund", "id": "r-1"}]}},
        "groups": [{"name": "staff", "subGroups": [{"name": "a/b", "realmRoles": ["viewer"]}]}]
    });
    from_export(&export).expect("test export is valid")
}

/// Two environments with realm lists loaded: dev has `auditor`, staging does not.
fn two_envs() -> State {
    let mut dev = EnvState::new("dev", Color::Green, "http://127.0.0.1:18080");
    let mut staging = EnvState::new("staging", Color::Yellow, "http://127.0.0.1:18081");
    for env in [&mut dev, &mut staging] {
        env.server = Loadable::Loaded(ServerFacts {
            version: "26.7.3".into(),
            identity: "admin".into(),
        });
        env.realms = Loadable::Loaded(vec!["master".into(), "shop".into()]);
    }
    State::new(vec![dev, staging])
}

fn with_inventories(state: &mut State) {
    state.envs[0]
        .inventories
        .insert("shop".into(), Loadable::Loaded(shop(true, &["viewer"])));
    state.envs[1]
        .inventories
        .insert("shop".into(), Loadable::Loaded(shop(false, &[])));
    state.refresh_rows();
}

fn select(state: &mut State, key: &RowKey) {
    let index = state
        .rows
        .iter()
        .position(|row| &row.key == key)
        .expect("row exists");
    let frame = state.frame_mut();
    frame.selected = index;
    frame.selected_key = Some(key.clone());
}

#[test]
fn start_checks_every_environment() {
    let mut state = State::new(vec![
        EnvState::new("dev", Color::Green, "u"),
        EnvState::new("prod", Color::Red, "u"),
    ]);
    let effects = start(&mut state);
    assert_eq!(effects.len(), 4);
    assert!(matches!(effects[0], Effect::CheckServer { env: 0 }));
    assert!(matches!(effects[3], Effect::LoadRealms { env: 1, .. }));
    assert!(state.envs[1].realms.is_loading());
}

#[test]
fn realm_rows_are_union_of_environments() {
    let mut state = two_envs();
    state.envs[1].realms = Loadable::Loaded(vec!["master".into()]);
    state.refresh_rows();
    let keys: Vec<&RowKey> = state.rows.iter().map(|row| &row.key).collect();
    assert_eq!(
        keys,
        [
            &RowKey::Realm("master".into()),
            &RowKey::Realm("shop".into())
        ]
    );
    assert_eq!(state.rows[1].cells[1], Cell::Absent);
}

#[test]
fn open_realm_loads_inventory_everywhere() {
    let mut state = two_envs();
    select(&mut state, &RowKey::Realm("shop".into()));
    let effects = update(&mut state, Action::Open);
    assert_eq!(
        state.view(),
        &View::Kinds {
            realm: "shop".into()
        }
    );
    let loads: Vec<usize> = effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::LoadInventory { env, realm, .. } if realm == "shop" => Some(*env),
            _ => None,
        })
        .collect();
    assert_eq!(loads, [0, 1]);
}

#[test]
fn stale_inventory_result_is_dropped() {
    let mut state = two_envs();
    select(&mut state, &RowKey::Realm("shop".into()));
    update(&mut state, Action::Open);
    let first = state.envs[0].inventories["shop"]
        .request()
        .expect("loading");
    update(&mut state, Action::Reload);
    let stale = Action::InventoryLoaded {
        env: 0,
        realm: "shop".into(),
        request: first,
        result: Err("old".into()),
        warnings: Vec::new(),
    };
    update(&mut state, stale);
    assert!(
        state.envs[0].inventories["shop"].is_loading(),
        "an old answer must not replace a newer request"
    );
}

#[test]
fn selection_follows_natural_key_across_columns() {
    let mut state = two_envs();
    with_inventories(&mut state);
    state.stack.push(crate::state::Frame {
        view: View::RealmRoles {
            realm: "shop".into(),
        },
        selected: 0,
        selected_key: None,
    });
    state.refresh_rows();
    let auditor = RowKey::Role(RoleRef::realm("auditor"));
    select(&mut state, &auditor);
    let row = state.selected_row().expect("selected");
    assert_eq!(row.cells[0], Cell::Present("auditor".into()));
    assert_eq!(row.cells[1], Cell::Absent);

    update(&mut state, Action::NextColumn);
    assert_eq!(state.focus, 1);
    assert_eq!(state.selected_row().map(|row| &row.key), Some(&auditor));
}

#[test]
fn role_view_lists_members_and_parents() {
    let mut state = two_envs();
    with_inventories(&mut state);
    let role = RoleRef::realm("viewer");
    state.stack.push(crate::state::Frame {
        view: View::Role {
            realm: "shop".into(),
            role,
        },
        selected: 0,
        selected_key: None,
    });
    state.refresh_rows();
    let parent = state
        .rows
        .iter()
        .find(|row| row.key == RowKey::Parent(RoleRef::realm("store-manager")))
        .expect("parent row");
    assert_eq!(parent.cells[0], Cell::Present("store-manager".into()));
    assert_eq!(
        parent.cells[1],
        Cell::Absent,
        "staging's store-manager does not contain viewer"
    );
}

#[test]
fn open_client_then_role_shows_composites() {
    let mut state = two_envs();
    with_inventories(&mut state);
    update(&mut state, Action::StartCommand);
    for ch in "realm shop".chars() {
        update(&mut state, Action::CommandInput(ch));
    }
    update(&mut state, Action::SubmitCommand);
    select(&mut state, &RowKey::Kind(KindTab::RealmRoles));
    update(&mut state, Action::Open);
    select(&mut state, &RowKey::Role(RoleRef::realm("store-manager")));
    update(&mut state, Action::Open);
    let members: Vec<&RowKey> = state
        .rows
        .iter()
        .map(|row| &row.key)
        .filter(|key| matches!(key, RowKey::Member(_)))
        .collect();
    assert_eq!(
        members,
        [
            &RowKey::Member(RoleRef::realm("viewer")),
            &RowKey::Member(RoleRef::client("checkout", "refund"))
        ]
    );
}

#[test]
fn back_stops_at_realm_list() {
    let mut state = two_envs();
    update(&mut state, Action::Back);
    update(&mut state, Action::Back);
    assert_eq!(state.stack.len(), 1);
    assert_eq!(state.view(), &View::Realms);
}

#[test]
fn unknown_command_reports_error() {
    let mut state = two_envs();
    update(&mut state, Action::StartCommand);
    update(&mut state, Action::CommandInput('x'));
    update(&mut state, Action::SubmitCommand);
    let status = state.status.clone().expect("status set");
    assert!(status.is_error);
    assert!(status.text.contains(":x"), "{}", status.text);
}

#[test]
fn pair_command_maps_realm_names() {
    let mut state = two_envs();
    state.envs[1].realms = Loadable::Loaded(vec!["shop-staging".into()]);
    state.refresh_rows();
    select(&mut state, &RowKey::Realm("shop".into()));
    update(&mut state, Action::Open);
    update(&mut state, Action::StartCommand);
    for ch in "pair staging shop-staging".chars() {
        update(&mut state, Action::CommandInput(ch));
    }
    let effects = update(&mut state, Action::SubmitCommand);
    assert_eq!(state.envs[1].realm_name("shop"), "shop-staging");
    assert!(effects.iter().any(|effect| matches!(effect, Effect::LoadInventory { env: 1, realm, .. } if realm == "shop-staging")));
}

#[test]
fn failed_realm_list_is_kept_with_reason() {
    let mut state = two_envs();
    let request = 99;
    state.envs[1].realms = Loadable::Loading { request };
    update(
        &mut state,
        Action::RealmsLoaded {
            env: 1,
            request,
            result: Err("cannot reach http://x: refused".into()),
        },
    );
    assert_eq!(
        state.envs[1].realms,
        Loadable::Failed("cannot reach http://x: refused".into())
    );
    assert!(
        state
            .errors
            .last()
            .is_some_and(|error| error.starts_with("staging:"))
    );
}

#[test]
fn command_mode_quit() {
    let mut state = two_envs();
    update(&mut state, Action::StartCommand);
    update(&mut state, Action::CommandInput('q'));
    update(&mut state, Action::SubmitCommand);
    assert!(state.quit);
}
