//! Update tests of the write workflow: staging role fixes and copies, the confirm dialog's
//! rules, and handling an apply's progress and outcome.

use ratatui::style::Color;
use serde_json::json;

use super::*;
use crate::apply::{Outcome, Step, StepStatus};
use crate::effect::{Effect, JournalPurpose};
use crate::inventory::export::from_export;
use crate::inventory::{Inventory, RoleRef};
use crate::plan::{Operation, Plan};
use crate::state::write::StagedPlan;
use crate::state::{EnvState, Frame, Loadable, RowKey, View};

fn shop(with_auditor: bool) -> Inventory {
    let mut roles = vec![
        json!({"name": "viewer", "description": "read only"}),
        json!({"name": "store-manager", "composite": true, "composites": {"realm": ["viewer"]}}),
    ];
    if with_auditor {
        roles.push(json!({"name": "auditor"}));
    }
    let export = json!({
        "realm": "shop",
        "clients": [{"clientId": "checkout", "id": "c-1"}],
        "roles": {"realm": roles, "client": {"checkout": [{"name": "refund"}]}},
    });
    from_export(&export).expect("test export is valid")
}

/// dev (reference) has `auditor`, staging does not; both show the realm roles of `shop`.
fn roles_state() -> State {
    let mut dev = EnvState::new("dev", Color::Green, "http://127.0.0.1:18080");
    let mut staging = EnvState::new("staging", Color::Yellow, "http://127.0.0.1:18081");
    dev.inventories
        .insert("shop".into(), Loadable::Loaded(shop(true)));
    staging
        .inventories
        .insert("shop".into(), Loadable::Loaded(shop(false)));
    for env in [&mut dev, &mut staging] {
        env.realms = Loadable::Loaded(vec!["shop".into()]);
    }
    let mut state = State::new(vec![dev, staging]);
    state.recompare("shop");
    state.stack.push(Frame::new(View::RealmRoles {
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

fn set_editor_text(state: &mut State, text: &str) {
    let editor = state.write.editor.as_mut().expect("editor open");
    editor.textarea = ratatui_textarea::TextArea::new(text.lines().map(str::to_owned).collect());
}

fn staged_update(env: usize) -> StagedPlan {
    let mut plan = Plan::new(
        if env == 0 { "dev" } else { "staging" },
        "shop",
        "edit role",
    );
    plan.push(Operation::UpdateRole {
        role: RoleRef::realm("viewer"),
        before: json!({"description": "read only"}),
        after: json!({"description": "reads"}),
    });
    StagedPlan { env, plan }
}

fn outcome(status: StepStatus) -> Outcome {
    let operation = staged_update(1).plan.operations[0].clone();
    Outcome {
        env: "staging".into(),
        realm: "shop".into(),
        title: "edit role".into(),
        change: "c-1".into(),
        operator: "admin".into(),
        steps: vec![Step {
            index: 0,
            operation,
            status,
        }],
        journal: "journal.jsonl".into(),
        journal_error: None,
    }
}

#[test]
fn edit_role_stages_update_plan() {
    let mut state = roles_state();
    state.focus = 1;
    select(&mut state, &RowKey::Role(RoleRef::realm("viewer")));

    update(&mut state, Action::EditRole);
    assert_eq!(state.mode, Mode::Editor);
    set_editor_text(
        &mut state,
        r#"{"description": "reads everything", "attributes": {"team": ["ops"]}}"#,
    );
    let effects = update(&mut state, Action::EditorSave);

    assert!(effects.is_empty(), "staging must not apply: {effects:?}");
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.write.staged.len(), 1);
    let staged = &state.write.staged[0];
    assert_eq!(staged.env, 1);
    assert_eq!(staged.plan.env, "staging");
    assert!(matches!(
        staged.plan.operations.as_slice(),
        [Operation::UpdateRole { .. }]
    ));
}

#[test]
fn invalid_json_keeps_editor_open() {
    let mut state = roles_state();
    select(&mut state, &RowKey::Role(RoleRef::realm("viewer")));
    update(&mut state, Action::EditRole);
    set_editor_text(&mut state, r#"{"description": "x", "name": "other"}"#);

    update(&mut state, Action::EditorSave);

    assert_eq!(state.mode, Mode::Editor);
    let error = state.write.editor.as_ref().and_then(|e| e.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("unknown key \"name\"")),
        "{error:?}"
    );
    assert!(state.write.staged.is_empty());
}

#[test]
fn parse_role_json_names_problem() {
    let cases = [
        ("[1]", "expected a JSON object"),
        (
            "{\"description\": 3}",
            "\"description\" must be a string or null",
        ),
        ("{\"attributes\": []}", "\"attributes\" must be an object"),
        (
            "{\"attributes\": {\"a\": [1]}}",
            "attribute \"a\" must be a list of strings",
        ),
        ("{\"description\": ", "invalid JSON at line 1"),
    ];
    for (text, expected) in cases {
        let error = parse_role_json(text).expect_err(text);
        assert!(error.contains(expected), "{text}: {error}");
    }
    let fields =
        parse_role_json(r#"{"description": "", "attributes": {"a": ["b"]}}"#).expect("valid");
    assert_eq!(fields.description, None);
    assert_eq!(fields.attributes["a"], vec!["b".to_owned()]);
}

#[test]
fn create_role_rejects_taken_name() {
    let mut state = roles_state();
    update(&mut state, Action::CreateRole);
    assert_eq!(state.mode, Mode::NameInput);
    for ch in "viewer".chars() {
        update(&mut state, Action::DialogInput(ch));
    }
    update(&mut state, Action::DialogSubmit);
    assert_eq!(state.mode, Mode::NameInput);
    assert!(state.write.staged.is_empty());

    update(&mut state, Action::DialogInput('2'));
    update(&mut state, Action::DialogSubmit);
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.write.staged.len(), 1);
    assert!(matches!(
        state.write.staged[0].plan.operations[0],
        Operation::CreateRole { .. }
    ));
}

#[test]
fn add_member_picker_stages_composite() {
    let mut state = roles_state();
    select(&mut state, &RowKey::Role(RoleRef::realm("store-manager")));
    update(&mut state, Action::AddMember);
    assert_eq!(state.mode, Mode::Picker);
    for ch in "refund".chars() {
        update(&mut state, Action::DialogInput(ch));
    }
    update(&mut state, Action::DialogSubmit);

    assert_eq!(state.write.staged.len(), 1);
    let Operation::AddComposites { members, .. } = &state.write.staged[0].plan.operations[0] else {
        panic!("{:?}", state.write.staged[0].plan.operations);
    };
    assert_eq!(members, &vec![RoleRef::client("checkout", "refund")]);
}

#[test]
fn copy_missing_role_from_base() {
    let mut state = roles_state();
    state.focus = 1;
    select(&mut state, &RowKey::Role(RoleRef::realm("auditor")));

    update(&mut state, Action::CopyFromBase);

    assert_eq!(state.write.staged.len(), 1);
    let plan = &state.write.staged[0].plan;
    assert_eq!(plan.env, "staging");
    assert!(matches!(plan.operations[0], Operation::CreateRole { .. }));
}

#[test]
fn copy_rejected_on_reference_column() {
    let mut state = roles_state();
    select(&mut state, &RowKey::Role(RoleRef::realm("auditor")));
    update(&mut state, Action::CopyFromBase);
    assert!(state.write.staged.is_empty());
    let status = state.status.clone().expect("message");
    assert!(status.text.contains("reference column"), "{}", status.text);
}

#[test]
fn protected_confirm_needs_exact_name() {
    let mut state = roles_state();
    state.envs[1].protected = true;
    state.write.staged.push(staged_update(1));
    update(&mut state, Action::ShowStaged);
    update(&mut state, Action::DialogSubmit);
    assert_eq!(state.mode, Mode::Confirm);

    for ch in "stagin".chars() {
        update(&mut state, Action::DialogInput(ch));
    }
    let effects = update(&mut state, Action::DialogSubmit);
    assert!(effects.is_empty());
    assert_eq!(state.mode, Mode::Confirm);
    let message = state.write.confirm.as_ref().and_then(|c| c.message.clone());
    assert!(message.is_some_and(|m| m.contains("type its name")));

    for ch in "staging".chars() {
        update(&mut state, Action::DialogInput(ch));
    }
    let effects = update(&mut state, Action::DialogSubmit);
    assert_eq!(state.mode, Mode::Normal);
    let [
        Effect::ApplyPlans {
            env,
            plans,
            confirmed,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(*env, 1);
    assert_eq!(plans.len(), 1);
    assert_eq!(confirmed.env(), "staging");
    assert!(state.write.staged.is_empty());
    assert!(state.write.applying.is_some());
}

#[test]
fn read_only_refused_without_dialog() {
    let mut state = roles_state();
    state.envs[1].read_only = true;
    state.write.staged.push(staged_update(1));
    update(&mut state, Action::ShowStaged);

    let effects = update(&mut state, Action::DialogSubmit);

    assert!(effects.is_empty());
    assert!(state.write.confirm.is_none());
    let status = state.status.clone().expect("message");
    assert!(status.is_error);
    assert!(
        status.text.contains("staging is read-only"),
        "{}",
        status.text
    );
}

#[test]
fn read_only_rejects_staging_edit() {
    let mut state = roles_state();
    state.envs[1].read_only = true;
    state.focus = 1;
    select(&mut state, &RowKey::Role(RoleRef::realm("viewer")));
    update(&mut state, Action::EditRole);
    assert_eq!(state.mode, Mode::Normal);
    let status = state.status.clone().expect("message");
    assert!(
        status.text.contains("staging is read-only"),
        "{}",
        status.text
    );
}

#[test]
fn plain_confirm_and_cancel() {
    let mut state = roles_state();
    state.write.staged.push(staged_update(1));
    update(&mut state, Action::ShowStaged);
    update(&mut state, Action::DialogSubmit);
    update(&mut state, Action::DialogCancel);
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.write.staged.len(), 1, "cancel keeps the plan staged");

    update(&mut state, Action::ShowStaged);
    update(&mut state, Action::DialogSubmit);
    let effects = update(&mut state, Action::DialogSubmit);
    assert!(matches!(effects.as_slice(), [Effect::ApplyPlans { .. }]));
}

#[test]
fn drop_removes_selected_plan() {
    let mut state = roles_state();
    state.write.staged.push(staged_update(0));
    state.write.staged.push(staged_update(1));
    update(&mut state, Action::ShowStaged);
    update(&mut state, Action::DialogDown);
    update(&mut state, Action::DropStaged);
    assert_eq!(state.write.staged.len(), 1);
    assert_eq!(state.write.staged[0].env, 0);
}

fn start_apply(state: &mut State, plans: usize) -> u64 {
    for _ in 0..plans {
        state.write.staged.push(staged_update(1));
    }
    update(state, Action::ShowStaged);
    update(state, Action::DialogSubmit);
    let effects = update(state, Action::DialogSubmit);
    let [Effect::ApplyPlans { request, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    *request
}

#[test]
fn progress_and_success_reload_realm() {
    let mut state = roles_state();
    let request = start_apply(&mut state, 1);
    update(
        &mut state,
        Action::ApplyProgress {
            env: 1,
            request,
            plan: 0,
            step: 0,
            total: 1,
        },
    );
    assert_eq!(state.write.applying.as_ref().map(|a| a.total), Some(1));

    let applied = outcome(StepStatus::Applied {
        after: json!({"description": "reads"}),
    });
    let effects = update(
        &mut state,
        Action::PlansApplied {
            env: 1,
            request,
            outcomes: vec![applied],
            error: None,
        },
    );

    assert_eq!(state.mode, Mode::Outcome);
    assert!(state.write.applying.is_none());
    assert!(effects.iter().any(
        |effect| matches!(effect, Effect::LoadInventory { env: 1, realm, .. } if realm == "shop")
    ));
    assert!(state.write.staged.is_empty());
}

#[test]
fn stopped_apply_restages_unrun_plans() {
    let mut state = roles_state();
    let request = start_apply(&mut state, 2);
    let stale = outcome(StepStatus::Stale {
        before_planned: json!({"description": "read only"}),
        current: json!({"description": "changed"}),
    });
    let effects = update(
        &mut state,
        Action::PlansApplied {
            env: 1,
            request,
            outcomes: vec![stale],
            error: None,
        },
    );
    assert!(effects.is_empty(), "nothing written, nothing to reload");
    assert_eq!(state.write.staged.len(), 1, "the second plan never ran");
    assert!(state.status.as_ref().is_some_and(|s| s.is_error));

    update(&mut state, Action::Rollback);
    assert_ne!(state.mode, Mode::Confirm, "a stale step wrote nothing");
}

#[test]
fn outdated_apply_result_ignored() {
    let mut state = roles_state();
    let request = start_apply(&mut state, 1);
    update(
        &mut state,
        Action::PlansApplied {
            env: 1,
            request: request + 100,
            outcomes: Vec::new(),
            error: None,
        },
    );
    assert!(state.write.applying.is_some());
    assert_ne!(state.mode, Mode::Outcome);
}

#[test]
fn failed_apply_offers_rollback() {
    let mut state = roles_state();
    let request = start_apply(&mut state, 1);
    let mut run = outcome(StepStatus::Applied {
        after: json!({"description": "reads"}),
    });
    run.steps.push(Step {
        index: 1,
        operation: run.steps[0].operation.clone(),
        status: StepStatus::Failed {
            error: crate::apply::StepError::Missing("gone".into()),
        },
    });
    update(
        &mut state,
        Action::PlansApplied {
            env: 1,
            request,
            outcomes: vec![run],
            error: None,
        },
    );
    update(&mut state, Action::Rollback);
    assert_eq!(state.mode, Mode::Confirm);
    let confirm = state.write.confirm.as_ref().expect("dialog");
    assert_eq!(
        confirm.purpose,
        crate::state::write::ConfirmPurpose::Rollback
    );
    assert!(matches!(
        confirm.plans[0].operations[0],
        Operation::UpdateRole { .. }
    ));
}

#[test]
fn undo_reads_journal_then_confirms() {
    let mut state = roles_state();
    state.focus = 1;
    let effects = update(&mut state, Action::Undo);
    assert_eq!(
        effects,
        vec![Effect::LoadJournal {
            purpose: JournalPurpose::Undo { env: 1 }
        }]
    );
    update(
        &mut state,
        Action::JournalLoaded {
            purpose: JournalPurpose::Undo { env: 1 },
            result: Ok(Vec::new()),
        },
    );
    assert_ne!(state.mode, Mode::Confirm);
    let status = state.status.clone().expect("message");
    assert!(
        status.text.contains("nothing to undo in staging"),
        "{}",
        status.text
    );
}
