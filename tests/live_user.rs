//! Live test of the user view. A scratch realm with a user, a group tree and composite
//! roles is loaded through `update` and the runtime, as the UI loads it. The effective roles
//! must show their grant paths, and a role assigned through the staged plan, the confirm
//! dialog and the runtime's apply must reach the server. Runs when `KCDECK_LIVE=1`.

mod common;

use kcdeck::action::Action;
use kcdeck::effect::Effect;
use kcdeck::inventory::RoleRef;
use kcdeck::journal::Journal;
use kcdeck::keycloak::json::str_field;
use kcdeck::runtime::{Runtime, run};
use kcdeck::state::{Frame, RowKey, State, View};
use kcdeck::update::update;
use reqwest::Method;
use serde_json::{Value, json};

fn realm_representation(realm: &str) -> Value {
    json!({
        "realm": realm,
        "enabled": true,
        "roles": {"realm": [
            {"name": "viewer"},
            {"name": "auditor"},
            {"name": "store-manager", "composite": true, "composites": {"realm": ["viewer"]}},
        ]},
        "groups": [{
            "name": "staff",
            "realmRoles": ["viewer"],
            "subGroups": [{"name": "support", "realmRoles": ["store-manager"]}],
        }],
    })
}

/// Creates `alice` through the Admin REST API, which (unlike a realm import) maps the
/// realm's default role to her, and makes her a member of `/staff/support`.
async fn create_user(dev: &kcdeck::keycloak::KeycloakClient, realm: &str) {
    let user = json!({"username": "alice", "email": "alice@shop.example", "enabled": true});
    dev.write(Method::POST, &[realm, "users"], Some(&user))
        .await
        .expect("user created");
    let found = dev
        .find_user(realm, "alice")
        .await
        .expect("user read")
        .expect("user exists");
    let user_id = str_field(&found, "id").to_owned();
    let path = ["staff".to_owned(), "support".to_owned()];
    let group = dev
        .find_group(realm, &path)
        .await
        .expect("group read")
        .expect("group exists");
    let group_id = str_field(&group, "id");
    dev.write(
        Method::PUT,
        &[realm, "users", &user_id, "groups", group_id],
        None,
    )
    .await
    .expect("user joins the group");
}

/// Runs effects through the runtime until none are left, as the app loop does. Applies go
/// through [`Runtime::spawn`], whose actions arrive on the channel.
async fn drain(
    state: &mut State,
    backends: &[kcdeck::runtime::Backend],
    runtime: &Runtime,
    receiver: &mut tokio::sync::mpsc::UnboundedReceiver<Action>,
    mut pending: Vec<Effect>,
) {
    while let Some(effect) = pending.pop() {
        let Some(env) = effect.env() else {
            continue;
        };
        if matches!(effect, Effect::ApplyPlans { .. }) {
            runtime.spawn(effect);
            loop {
                let action = receiver.recv().await.expect("runtime sends the outcome");
                let done = matches!(action, Action::PlansApplied { .. });
                pending.extend(update(state, action));
                if done {
                    break;
                }
            }
            continue;
        }
        let action = run(&backends[env], effect).await;
        pending.extend(update(state, action));
    }
}

fn command(state: &mut State, text: &str) -> Vec<Effect> {
    update(state, Action::StartCommand);
    for ch in text.chars() {
        update(state, Action::CommandInput(ch));
    }
    update(state, Action::SubmitCommand)
}

fn labels(state: &State) -> Vec<String> {
    state.rows.iter().map(|row| row.label.clone()).collect()
}

#[tokio::test]
async fn user_view_effective_roles_and_assign() {
    let Some(loaded) = common::live::live_config() else {
        return;
    };
    let dev = common::live::client(&loaded, "dev");
    let realm = common::live::unique_realm("kcdeck-user");
    common::live::create_realm(&dev, realm_representation(&realm)).await;
    create_user(&dev, &realm).await;

    let backends = kcdeck::command::setup::backends(&loaded.config, false).expect("backends");
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let journal_dir = tempfile::tempdir().expect("temporary directory");
    let journal = Journal::at(journal_dir.path().join("journal.jsonl"));
    let runtime = Runtime::new(backends.clone(), sender).with_journal(Ok(journal));
    let mut state = State::new(kcdeck::command::setup::env_states(&loaded.config, false));
    state.stack.push(Frame::new(View::Kinds {
        realm: realm.clone(),
    }));
    let start = kcdeck::update::start(&mut state);
    drain(&mut state, &backends, &runtime, &mut receiver, start).await;

    let effects = command(&mut state, "user alice@shop.example");
    drain(&mut state, &backends, &runtime, &mut receiver, effects).await;

    let shown = labels(&state);
    for expected in [
        "User alice (alice@shop.example)",
        "/staff/support",
        "← group /staff/support → store-manager → viewer",
        "← group /staff (inherited by /staff/support) → viewer",
        &format!("← default role → default-roles-{realm} → offline_access"),
    ] {
        assert!(
            shown.iter().any(|label| label == expected),
            "{expected:?} not shown in {shown:#?}"
        );
    }

    update(&mut state, Action::AddMember);
    for ch in "auditor".chars() {
        update(&mut state, Action::DialogInput(ch));
    }
    update(&mut state, Action::DialogSubmit);
    assert_eq!(state.write.staged.len(), 1, "{:?}", state.status);
    update(&mut state, Action::ShowStaged);
    update(&mut state, Action::DialogSubmit);
    let effects = update(&mut state, Action::DialogSubmit);
    assert!(
        effects
            .iter()
            .any(|effect| matches!(effect, Effect::ApplyPlans { .. })),
        "confirm starts the apply: {effects:?} {:?}",
        state.status
    );
    drain(&mut state, &backends, &runtime, &mut receiver, effects).await;

    let outcome = state.write.outcome.as_ref().expect("outcome shown");
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    assert!(
        outcome
            .outcomes
            .iter()
            .all(kcdeck::apply::Outcome::is_complete)
    );
    let user = dev
        .find_user(&realm, "alice")
        .await
        .expect("user read")
        .expect("user exists");
    let id = str_field(&user, "id").to_owned();
    let mappings = dev.user_role_mappings(&realm, &id).await.expect("mappings");
    let direct = kcdeck::apply::mapping_refs(&mappings);
    assert!(direct.contains(&RoleRef::realm("auditor")), "{direct:?}");
    let reread = labels(&state);
    assert!(
        state
            .rows
            .iter()
            .any(|row| row.key == RowKey::UserRole(RoleRef::realm("auditor"))),
        "the user view reads the user again after the apply: {reread:#?}"
    );

    common::live::delete_realm(&dev, &realm).await;
}
