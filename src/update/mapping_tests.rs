//! Update tests of the user view and of staging changes to group and user role mappings
//! and to client fields.

use ratatui::style::Color;
use serde_json::json;

use super::*;
use crate::effect::Effect;
use crate::inventory::export::from_export;
use crate::inventory::{Inventory, RoleRef};
use crate::plan::Operation;
use crate::state::{EnvState, Frame, Loadable, RowKey, View};

/// Builds a realm with composite and client roles, a default role and a group tree.
pub(super) fn shop() -> Inventory {
    let export = json!({
        "realm": "shop",
        "defaultRole": {"name": "default-roles-shop"},
        "clients": [{"clientId": "checkout", "id": "c-1"}],
        "roles": {
            "realm": [
                {"name": "default-roles-shop", "composite": true,
                 "composites": {"realm": ["offline_access"]}},
                {"name": "offline_access"},
                {"name": "viewer"},
                {"name": "auditor"},
                {"name": "store-manager", "composite": true,
                 "composites": {"realm": ["viewer"], "client": {"checkout": ["refund"]}}},
            ],
            "client": {"checkout": [{"name": "refund"}]},
        },
        "groups": [{
            "name": "ops",
            "realmRoles": ["store-manager"],
            "subGroups": [{"name": "night", "clientRoles": {"checkout": ["refund"]}}],
        }],
    });
    from_export(&export).expect("test export is valid")
}

/// Builds one environment, `dev`, showing the groups of `shop`.
fn groups_state() -> State {
    let mut dev = EnvState::new("dev", Color::Green, "http://127.0.0.1:18080");
    dev.inventories
        .insert("shop".into(), Loadable::Loaded(shop()));
    dev.realms = Loadable::Loaded(vec!["shop".into()]);
    let mut state = State::new(vec![dev]);
    state.stack.push(Frame::new(View::Groups {
        realm: "shop".into(),
    }));
    state.refresh_rows();
    state
}

fn select(state: &mut State, key: &RowKey) {
    let index = state
        .rows
        .iter()
        .position(|row| &row.key == key)
        .expect("row exists");
    state.frame_mut().selected = index;
    state.frame_mut().selected_key = Some(key.clone());
}

fn type_text(state: &mut State, text: &str) {
    for ch in text.chars() {
        update(state, Action::DialogInput(ch));
    }
}

fn group(path: &[&str]) -> RowKey {
    RowKey::Group(path.iter().map(|name| (*name).to_owned()).collect())
}

#[test]
fn group_add_role_stages_mapping() {
    let mut state = groups_state();
    select(&mut state, &group(&["ops"]));

    update(&mut state, Action::AddMember);
    assert_eq!(state.mode, Mode::Picker);
    let picker = state.write.picker.as_ref().expect("picker open");
    assert!(
        !picker.candidates.contains(&RoleRef::realm("store-manager")),
        "a mapped role is offered again: {:?}",
        picker.candidates
    );
    type_text(&mut state, "auditor");
    let effects = update(&mut state, Action::DialogSubmit);

    assert!(effects.is_empty(), "staging must not apply: {effects:?}");
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.write.staged.len(), 1);
    let plan = &state.write.staged[0].plan;
    assert_eq!(plan.title, "edit role mappings of group /ops");
    let Operation::AddGroupRoles { group, roles, .. } = &plan.operations[0] else {
        panic!("{:?}", plan.operations);
    };
    assert_eq!(group, &vec!["ops".to_owned()]);
    assert_eq!(roles, &vec![RoleRef::realm("auditor")]);
}

#[test]
fn group_remove_picker_lists_mappings() {
    let mut state = groups_state();
    select(&mut state, &group(&["ops", "night"]));

    update(&mut state, Action::RemoveMember);
    let picker = state.write.picker.as_ref().expect("picker open");
    assert_eq!(
        picker.candidates,
        vec![RoleRef::client("checkout", "refund")]
    );
    update(&mut state, Action::DialogSubmit);

    assert_eq!(state.write.staged.len(), 1);
    let plan = &state.write.staged[0].plan;
    let Operation::RemoveGroupRoles { roles, .. } = &plan.operations[0] else {
        panic!("{:?}", plan.operations);
    };
    assert_eq!(roles, &vec![RoleRef::client("checkout", "refund")]);
}

#[test]
fn group_mapping_rejected_read_only() {
    let mut state = groups_state();
    state.envs[0].read_only = true;
    select(&mut state, &group(&["ops"]));

    update(&mut state, Action::AddMember);

    assert_eq!(state.mode, Mode::Normal);
    assert!(state.write.picker.is_none());
    let status = state.status.clone().expect("message");
    assert!(status.text.contains("read-only"), "{}", status.text);
}

#[test]
fn group_picker_cancel_stages_nothing() {
    let mut state = groups_state();
    select(&mut state, &group(&["ops"]));
    update(&mut state, Action::AddMember);

    update(&mut state, Action::DialogCancel);

    assert_eq!(state.mode, Mode::Normal);
    assert!(state.write.staged.is_empty());
}

/// `dev` showing user `alice` of `shop`: `viewer` and the default role directly, member of
/// `/ops/night`.
pub(super) fn user_state() -> State {
    let mut state = groups_state();
    let effects = update(&mut state, Action::StartCommand);
    assert!(effects.is_empty());
    for ch in "user alice".chars() {
        update(&mut state, Action::CommandInput(ch));
    }
    let effects = update(&mut state, Action::SubmitCommand);
    let Some(Effect::LoadUser { request, query, .. }) = effects
        .iter()
        .find(|effect| matches!(effect, Effect::LoadUser { .. }))
        .cloned()
    else {
        panic!("no user read: {effects:?}");
    };
    assert_eq!(query, "alice");
    let detail = crate::state::UserDetail {
        id: "u-1".into(),
        username: "alice".into(),
        email: Some("alice@example.com".into()),
        direct: vec![
            RoleRef::realm("default-roles-shop"),
            RoleRef::realm("viewer"),
        ],
        groups: vec![vec!["ops".into(), "night".into()]],
    };
    update(
        &mut state,
        Action::UserLoaded {
            env: 0,
            request,
            result: Ok(detail),
        },
    );
    state
}

#[test]
fn user_command_shows_effective_roles() {
    let state = user_state();

    assert!(matches!(state.view(), View::User { .. }));
    let labels: Vec<&str> = state.rows.iter().map(|row| row.label.as_str()).collect();
    for expected in [
        "Direct roles (2)",
        "← direct → viewer",
        "← group /ops (inherited by /ops/night) → store-manager → viewer",
        "← group /ops/night → checkout » refund",
        "← default role → default-roles-shop → offline_access",
    ] {
        assert!(
            labels.iter().any(|label| label.contains(expected)),
            "{expected} missing in {labels:#?}"
        );
    }
}

#[test]
fn user_stale_answer_ignored() {
    let mut state = user_state();
    update(
        &mut state,
        Action::UserLoaded {
            env: 0,
            request: 0,
            result: Err("late".into()),
        },
    );
    let user = state.user.as_ref().expect("user");
    assert!(user.detail.loaded().is_some());
}

#[test]
fn user_assign_role_stages_plan() {
    let mut state = user_state();

    update(&mut state, Action::AddMember);
    assert_eq!(state.mode, Mode::Picker);
    type_text(&mut state, "auditor");
    let effects = update(&mut state, Action::DialogSubmit);

    assert!(effects.is_empty(), "staging must not apply: {effects:?}");
    assert_eq!(state.write.staged.len(), 1);
    let plan = &state.write.staged[0].plan;
    assert_eq!(plan.title, "edit role mappings of user \"alice\"");
    let Operation::AddUserRoles {
        username, roles, ..
    } = &plan.operations[0]
    else {
        panic!("{:?}", plan.operations);
    };
    assert_eq!(username, "alice");
    assert_eq!(roles, &vec![RoleRef::realm("auditor")]);
}

#[test]
fn user_remove_selected_direct_role() {
    let mut state = user_state();
    select(&mut state, &RowKey::UserRole(RoleRef::realm("viewer")));

    update(&mut state, Action::RemoveMember);

    assert_eq!(state.write.staged.len(), 1);
    let plan = &state.write.staged[0].plan;
    let Operation::RemoveUserRoles { roles, .. } = &plan.operations[0] else {
        panic!("{:?}", plan.operations);
    };
    assert_eq!(roles, &vec![RoleRef::realm("viewer")]);
}

#[test]
fn user_command_needs_realm() {
    let mut state = groups_state();
    state.stack.truncate(1);
    update(&mut state, Action::StartCommand);
    for ch in "user bob".chars() {
        update(&mut state, Action::CommandInput(ch));
    }
    let effects = update(&mut state, Action::SubmitCommand);
    assert!(
        !effects
            .iter()
            .any(|effect| matches!(effect, Effect::LoadUser { .. })),
        "{effects:?}"
    );
    let status = state.status.clone().expect("message");
    assert!(status.text.contains("open a realm"), "{}", status.text);
}

/// `dev` showing the clients of `shop`, with `checkout` selected.
fn clients_state() -> State {
    let mut state = groups_state();
    state.frame_mut().view = View::Clients {
        realm: "shop".into(),
    };
    state.refresh_rows();
    select(&mut state, &RowKey::Client("checkout".into()));
    state
}

fn set_editor_text(state: &mut State, text: &str) {
    let editor = state.write.editor.as_mut().expect("editor open");
    editor.textarea = ratatui_textarea::TextArea::new(text.lines().map(str::to_owned).collect());
}

#[test]
fn client_edit_stages_update() {
    let mut state = clients_state();

    update(&mut state, Action::EditRole);
    assert_eq!(state.mode, Mode::Editor);
    set_editor_text(
        &mut state,
        r#"{"clientId": "checkout", "enabled": false, "rootUrl": "https://shop.example"}"#,
    );
    let effects = update(&mut state, Action::EditorSave);

    assert!(effects.is_empty(), "staging must not apply: {effects:?}");
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.write.staged.len(), 1);
    let plan = &state.write.staged[0].plan;
    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    let Operation::UpdateClient { after, .. } = &plan.operations[0] else {
        panic!("{:?}", plan.operations);
    };
    assert_eq!(after["rootUrl"], "https://shop.example");
}

#[test]
fn client_edit_reports_json_position() {
    let mut state = clients_state();
    update(&mut state, Action::EditRole);
    set_editor_text(
        &mut state,
        "{\n  \"enabled\": true,\n  \"rootUrl\" \"x\"\n}",
    );

    update(&mut state, Action::EditorSave);

    assert_eq!(state.mode, Mode::Editor);
    let error = state.write.editor.as_ref().and_then(|e| e.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("line 3, column 13")),
        "{error:?}"
    );
    assert!(state.write.staged.is_empty());
}

#[test]
fn client_edit_rejects_secret_key() {
    let mut state = clients_state();
    update(&mut state, Action::EditRole);
    set_editor_text(&mut state, r#"{"clientId": "checkout", "secret": "x"}"#);

    update(&mut state, Action::EditorSave);

    let error = state.write.editor.as_ref().and_then(|e| e.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("remove \"secret\"")),
        "{error:?}"
    );
}

#[test]
fn client_scope_change_blocks_plan() {
    let mut state = clients_state();
    update(&mut state, Action::EditRole);
    set_editor_text(
        &mut state,
        r#"{"clientId": "checkout", "defaultClientScopes": ["email"]}"#,
    );

    update(&mut state, Action::EditorSave);

    assert_eq!(state.write.staged.len(), 1);
    let plan = &state.write.staged[0].plan;
    assert!(
        plan.blockers
            .iter()
            .any(|blocker| blocker.contains("defaultClientScopes")),
        "{:?}",
        plan.blockers
    );
}

#[test]
fn client_rename_blocks_plan() {
    let mut state = clients_state();
    update(&mut state, Action::EditRole);
    set_editor_text(&mut state, r#"{"clientId": "till"}"#);

    update(&mut state, Action::EditorSave);

    let plan = &state.write.staged[0].plan;
    assert!(
        plan.blockers
            .iter()
            .any(|blocker| blocker.contains("renaming")),
        "{:?}",
        plan.blockers
    );
}
