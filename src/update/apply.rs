//! The confirm dialog, applying plans in the background, the outcome view with rollback,
//! the journal list and undo. Applying is an [`Effect::ApplyPlans`] that carries the
//! [`crate::plan::Confirmed`] only [`crate::plan::Requirement::accept`] can make.

use super::stage::requirement;
use crate::apply::{Outcome, rollback_plan};
use crate::effect::{Effect, JournalPurpose};
use crate::journal::{Entry, last_change, undo_plan};
use crate::plan::{Plan, Requirement};
use crate::state::write::{
    ApplyState, ConfirmPurpose, ConfirmState, JournalState, OutcomeState, StagedPlan,
};
use crate::state::{Loadable, Mode, State};

/// Opens the confirm dialog for `plans`, or explains in the status line why it cannot open:
/// a read-only environment, an apply still running, or nothing to apply.
pub fn open_confirm(
    state: &mut State,
    env: usize,
    plans: Vec<Plan>,
    purpose: ConfirmPurpose,
) -> Vec<Effect> {
    let requirement = requirement(state, env);
    if let Requirement::Refused { env, reason } = &requirement {
        state.error(format!(
            "{env} is read-only ({reason}); nothing was changed"
        ));
        return Vec::new();
    }
    if state.write.applying.is_some() {
        state.error("an apply is still running; wait for its outcome");
        return Vec::new();
    }
    if plans.iter().all(Plan::is_empty) {
        state.info("nothing to apply");
        return Vec::new();
    }
    state.write.confirm = Some(ConfirmState {
        env,
        plans,
        requirement,
        typed: String::new(),
        message: None,
        purpose,
        scroll: 0,
    });
    state.mode = Mode::Confirm;
    Vec::new()
}

/// Types into the dialog's name field.
pub fn input(state: &mut State, ch: char) -> Vec<Effect> {
    if let Some(confirm) = &mut state.write.confirm {
        confirm.typed.push(ch);
    }
    Vec::new()
}

pub fn backspace(state: &mut State) -> Vec<Effect> {
    if let Some(confirm) = &mut state.write.confirm {
        confirm.typed.pop();
    }
    Vec::new()
}

/// Enter in the confirm dialog: a met requirement starts the apply; wrong text keeps the
/// dialog open with the reason.
pub fn confirm(state: &mut State) -> Vec<Effect> {
    let Some(dialog) = &mut state.write.confirm else {
        return Vec::new();
    };
    let confirmed = match dialog.requirement.accept(&dialog.typed) {
        Ok(confirmed) => confirmed,
        Err(error) => {
            dialog.message = Some(error.to_string());
            dialog.typed.clear();
            return Vec::new();
        }
    };
    let Some(dialog) = state.write.confirm.take() else {
        return Vec::new();
    };
    state.mode = Mode::Normal;
    if dialog.purpose == ConfirmPurpose::Staged {
        state.write.staged.retain(|staged| staged.env != dialog.env);
        state.write.selected = 0;
    }
    let request = state.next_request();
    state.info(format!("applying to {}", state.envs[dialog.env].name));
    state.write.applying = Some(ApplyState {
        env: dialog.env,
        request,
        plans: dialog.plans.clone(),
        purpose: dialog.purpose,
        plan: 0,
        step: 0,
        total: dialog.plans.first().map_or(0, |plan| plan.operations.len()),
    });
    vec![Effect::ApplyPlans {
        env: dialog.env,
        request,
        plans: dialog.plans,
        confirmed,
    }]
}

/// Esc in the confirm dialog: closes it; staged plans stay staged.
pub fn cancel(state: &mut State) -> Vec<Effect> {
    state.write.confirm = None;
    state.mode = Mode::Normal;
    state.info("not applied; nothing was changed");
    Vec::new()
}

/// Records the step the runtime is about to apply.
pub fn progress(
    state: &mut State,
    request: u64,
    plan: usize,
    step: usize,
    total: usize,
) -> Vec<Effect> {
    if let Some(applying) = &mut state.write.applying
        && applying.request == request
    {
        applying.plan = plan;
        applying.step = step;
        applying.total = total;
    }
    Vec::new()
}

/// Shows the outcome of an apply, stages again the plans that never ran, and reloads the
/// realms that were written to.
pub fn applied(
    state: &mut State,
    env: usize,
    request: u64,
    outcomes: Vec<Outcome>,
    error: Option<String>,
) -> Vec<Effect> {
    let Some(applying) = state
        .write
        .applying
        .take_if(|applying| applying.request == request)
    else {
        return Vec::new();
    };
    // Plans run in order and the runtime stops at the first that does not end as planned,
    // so exactly the plans after the last outcome never ran.
    if applying.purpose == ConfirmPurpose::Staged {
        let unrun = applying.plans.iter().skip(outcomes.len());
        let restaged: Vec<StagedPlan> = unrun
            .map(|plan| StagedPlan {
                env,
                plan: plan.clone(),
            })
            .collect();
        state.write.staged.extend(restaged);
    }

    let mut effects = Vec::new();
    let mut realms: Vec<String> = Vec::new();
    for outcome in &outcomes {
        if outcome.steps.iter().any(|step| step.status.was_written())
            && !realms.contains(&outcome.realm)
        {
            realms.push(outcome.realm.clone());
        }
    }
    let user_env = state.user.as_ref().map(|user| user.env);
    if !realms.is_empty() && user_env == Some(env) {
        effects.extend(super::user::reload(state));
    }
    for realm in realms {
        effects.extend(reload_realm(state, env, &realm));
    }

    let name = state.envs[env].name.clone();
    let all_complete = error.is_none() && outcomes.iter().all(Outcome::is_complete);
    if all_complete {
        state.info(format!("applied to {name}; every step verified"));
    } else {
        state.error(format!(
            "the apply to {name} stopped; the outcome lists every step"
        ));
    }
    state.write.outcome = Some(OutcomeState {
        env,
        outcomes,
        error,
        scroll: 0,
    });
    state.mode = Mode::Outcome;
    effects
}

/// Reloads one realm of one environment after a write, so the columns show the result.
fn reload_realm(state: &mut State, env: usize, realm: &str) -> Vec<Effect> {
    let request = state.next_request();
    state.envs[env]
        .inventories
        .insert(realm.to_owned(), Loadable::Loading { request });
    vec![Effect::LoadInventory {
        env,
        realm: realm.to_owned(),
        request,
    }]
}

/// `R` in the outcome view: opens the confirmation to roll back the written steps of the plan that stopped.
pub fn rollback(state: &mut State) -> Vec<Effect> {
    let Some(outcome) = &state.write.outcome else {
        return Vec::new();
    };
    let env = outcome.env;
    let stopped = outcome.outcomes.iter().rev().find(|run| !run.is_complete());
    let Some(plan) = stopped.and_then(rollback_plan) else {
        state.info("nothing to roll back: no plan stopped after writing");
        return Vec::new();
    };
    state.write.outcome = None;
    open_confirm(state, env, vec![plan], ConfirmPurpose::Rollback)
}

/// `:journal`: reads the journal to list it.
pub fn show_journal(state: &mut State) -> Vec<Effect> {
    state.write.journal = Some(JournalState {
        entries: Loadable::Loading { request: 0 },
        scroll: 0,
    });
    state.mode = Mode::Journal;
    vec![Effect::LoadJournal {
        purpose: JournalPurpose::Show,
    }]
}

/// `u`: reads the journal to undo the focused environment's last change.
pub fn undo(state: &mut State) -> Vec<Effect> {
    let env = state.focus;
    if let Err(reason) = super::stage::writable(state, env) {
        state.error(reason);
        return Vec::new();
    }
    vec![Effect::LoadJournal {
        purpose: JournalPurpose::Undo { env },
    }]
}

/// Lists the journal, or builds the undo plan of an environment's last change.
pub fn journal_loaded(
    state: &mut State,
    purpose: JournalPurpose,
    result: Result<Vec<Entry>, String>,
) -> Vec<Effect> {
    match purpose {
        JournalPurpose::Show => {
            let Some(journal) = &mut state.write.journal else {
                return Vec::new();
            };
            journal.entries = match result {
                Ok(mut entries) => {
                    entries.reverse();
                    Loadable::Loaded(entries)
                }
                Err(reason) => Loadable::Failed(reason),
            };
            Vec::new()
        }
        JournalPurpose::Undo { env } => {
            let entries = match result {
                Ok(entries) => entries,
                Err(reason) => {
                    state.error(format!("cannot undo: {reason}"));
                    return Vec::new();
                }
            };
            let name = state.envs[env].name.clone();
            let change = last_change(&entries, Some(&name));
            match undo_plan(&change) {
                Ok(plan) => open_confirm(state, env, vec![plan], ConfirmPurpose::Undo),
                Err(error) => {
                    state.error(format!("nothing to undo in {name}: {error}"));
                    Vec::new()
                }
            }
        }
    }
}

/// Closes the outcome or journal view.
pub fn close_view(state: &mut State) -> Vec<Effect> {
    state.write.outcome = None;
    state.write.journal = None;
    state.mode = Mode::Normal;
    Vec::new()
}
