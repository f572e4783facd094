//! Staging plans and the staged list (`p` or `:plan`): every plan waits here until the
//! operator asks to apply the plans of one environment. `C` stages a copy from the
//! reference environment into the focused one.

use crate::effect::Effect;
use crate::inventory::RoleRef;
use crate::plan::copy::Side;
use crate::plan::{CopyItem, Plan, Requirement, plan_copy, requirement_from_flags};
use crate::state::write::{ConfirmPurpose, StagedPlan};
use crate::state::{Mode, RowKey, State, View};

/// Returns the requirement to apply plans to `env`, from the flags the UI keeps.
pub fn requirement(state: &State, env: usize) -> Requirement {
    let env_state = &state.envs[env];
    requirement_from_flags(&env_state.name, env_state.read_only, env_state.protected)
}

/// Rejects changes to a read-only environment with a message naming it.
pub fn writable(state: &State, env: usize) -> Result<(), String> {
    match requirement(state, env) {
        Requirement::Refused { env, reason } => Err(format!(
            "{env} is read-only ({reason}); changes to it cannot be staged or applied"
        )),
        _ => Ok(()),
    }
}

/// Adds a plan to the staged list, unless it changes nothing.
pub fn stage_plan(state: &mut State, env: usize, plan: Plan) -> Vec<Effect> {
    if plan.is_empty() && !plan.is_blocked() {
        let note = plan
            .notes
            .first()
            .map_or(String::new(), |note| format!(": {note}"));
        state.info(format!("{} changes nothing{note}; not staged", plan.title));
        return Vec::new();
    }
    let name = state.envs[env].name.clone();
    if plan.is_blocked() {
        state.error(format!(
            "staged {} for {name}, but it is blocked: {}",
            plan.title,
            plan.blockers.join("; ")
        ));
    } else {
        state.info(format!(
            "staged {} for {name} ({} operations); p lists staged changes",
            plan.title,
            plan.operations.len()
        ));
    }
    state.write.staged.push(StagedPlan { env, plan });
    Vec::new()
}

/// `C`: stages copying the selected object from the reference environment to the focused
/// one, when it differs there or is missing.
pub fn copy_from_base(state: &mut State) -> Vec<Effect> {
    match copy_plan(state) {
        Ok(plan) => {
            let env = state.focus;
            stage_plan(state, env, plan)
        }
        Err(reason) => {
            state.error(reason);
            Vec::new()
        }
    }
}

fn copy_plan(state: &State) -> Result<Plan, String> {
    let (base, focus) = (state.base, state.focus);
    if base == focus {
        return Err(format!(
            "{} is the reference column; Tab to another environment to copy into it",
            state.envs[base].name
        ));
    }
    writable(state, focus)?;
    let realm = state
        .view()
        .realm()
        .ok_or("open a realm to copy objects")?
        .to_owned();
    let row = state.selected_row().ok_or("select an object to copy")?;
    let item = match (&row.key, state.view()) {
        (RowKey::Role(role), _) => CopyItem::Role(role.clone()),
        (RowKey::Client(client_id), _) => CopyItem::Client(client_id.clone()),
        (RowKey::Group(path), _) => CopyItem::Group(path.clone()),
        (_, View::Role { role, .. }) => CopyItem::Role(role.clone()),
        _ => return Err("only roles, clients and group role mappings can be copied".into()),
    };
    let differs = match (&row.key, state.view()) {
        (RowKey::Member(_) | RowKey::Parent(_) | RowKey::Heading(_), View::Role { role, .. }) => {
            role_differs(state, &realm, role)
        }
        _ => row
            .marks
            .get(focus)
            .is_some_and(|mark| mark.is_difference()),
    };
    let (source_env, target_env) = (&state.envs[base], &state.envs[focus]);
    if !differs {
        return Err(format!(
            "{} is the same in {} and {}; nothing to copy",
            row.label, target_env.name, source_env.name
        ));
    }
    let not_loaded = |name: &str| format!("realm {realm} is not loaded in {name}");
    let source = source_env
        .inventory(&realm)
        .ok_or_else(|| not_loaded(&source_env.name))?;
    let target = target_env
        .inventory(&realm)
        .ok_or_else(|| not_loaded(&target_env.name))?;
    Ok(plan_copy(
        Side {
            env: &source_env.name,
            inventory: source,
        },
        Side {
            env: &target_env.name,
            inventory: target,
        },
        &item,
    ))
}

/// Reports whether a role differs between the reference and the focused environment.
fn role_differs(state: &State, realm: &str, role: &RoleRef) -> bool {
    let source = state.envs[state.base]
        .inventory(realm)
        .and_then(|inv| inv.role(role));
    let target = state.envs[state.focus]
        .inventory(realm)
        .and_then(|inv| inv.role(role));
    source != target
}

/// `p` or `:plan`: opens the staged list.
pub fn show(state: &mut State) -> Vec<Effect> {
    state.write.selected = state
        .write
        .selected
        .min(state.write.staged.len().saturating_sub(1));
    state.mode = Mode::Staged;
    Vec::new()
}

/// Moves the selection in the staged list.
pub fn move_by(state: &mut State, delta: isize) -> Vec<Effect> {
    let last = state.write.staged.len().saturating_sub(1);
    state.write.selected = state.write.selected.saturating_add_signed(delta).min(last);
    Vec::new()
}

/// `x` in the staged list: drops the selected plan.
pub fn drop_selected(state: &mut State) -> Vec<Effect> {
    let index = state.write.selected;
    if index >= state.write.staged.len() {
        return Vec::new();
    }
    let dropped = state.write.staged.remove(index);
    state.write.selected = index.min(state.write.staged.len().saturating_sub(1));
    state.info(format!("dropped {}", dropped.plan.title));
    Vec::new()
}

/// Enter in the staged list: opens the confirmation to apply every staged plan of the selected plan's
/// environment, unless one of them is blocked.
pub fn apply_selected_env(state: &mut State) -> Vec<Effect> {
    let Some(selected) = state.write.staged.get(state.write.selected) else {
        state.info("nothing is staged");
        return Vec::new();
    };
    let env = selected.env;
    let plans: Vec<Plan> = state
        .write
        .staged
        .iter()
        .filter(|staged| staged.env == env)
        .map(|staged| staged.plan.clone())
        .collect();
    if let Some(blocked) = plans.iter().find(|plan| plan.is_blocked()) {
        state.error(format!(
            "{} is blocked ({}); drop it with x to apply the others",
            blocked.title,
            blocked.blockers.join("; ")
        ));
        return Vec::new();
    }
    super::apply::open_confirm(state, env, plans, ConfirmPurpose::Staged)
}
