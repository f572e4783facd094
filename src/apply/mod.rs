//! Applying plans to a live server: re-read, compare, write, verify and
//! journal each operation in order, and roll back on request.
//!
//! Keycloak has no optimistic locking of its own, so right before each write
//! the object is read again and compared with the state the plan was built
//! from. If it changed, the step stops as stale and shows both versions. After each write the object is read back and compared with the
//! planned result. The first step that does not end as planned stops the
//! run, and the [`Outcome`] lists every step's status, so nothing is left
//! half-applied without explanation. Every written or failed step is
//! appended to the [`Journal`].
//!
//! Only the runtime and the headless commands call this module. It never
//! touches the terminal, and every write passes through
//! [`KeycloakClient::write`], which rejects writes to read-only environments.

mod outcome;
mod read;
mod send;

pub use outcome::{Outcome, Progress, Step, StepError, StepStatus};
pub use read::{current_state, find_role, mapping_refs};
pub use send::SendError;

use serde_json::Value;

use crate::journal::{Entry, Journal, JournalError, StepResult, new_change_id, now_rfc3339};
use crate::keycloak::{KeycloakClient, KeycloakError};
use crate::plan::state::{covers, same_state, shows_change};
use crate::plan::{Confirmed, Operation, Plan, inverse_plan};

/// Reason a plan was not started. No write was sent.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("the plan is blocked: {}", .0.join("; "))]
    Blocked(Vec<String>),
    #[error("the plan is for environment \"{plan}\", but was confirmed for \"{confirmed}\"")]
    NotConfirmed { plan: String, confirmed: String },
    #[error("the plan is for environment \"{plan}\", but the client connects to \"{client}\"")]
    WrongClient { plan: String, client: String },
    #[error("{0}; nothing was changed")]
    Journal(#[from] JournalError),
    #[error("cannot log in to {env} to apply the plan: {error}")]
    Login { env: String, error: KeycloakError },
}

/// Applies `plan` step by step and returns every step's status.
///
/// `confirmed` must be for the plan's environment and `client` must connect
/// to it. `progress` is called before and after each step. Step failures,
/// stale objects included, are not errors: they are in the returned
/// [`Outcome`], with the steps before them applied and the rest not.
pub async fn apply<F>(
    client: &KeycloakClient,
    plan: &Plan,
    confirmed: &Confirmed,
    journal: &Journal,
    mut progress: F,
) -> Result<Outcome, ApplyError>
where
    F: FnMut(Progress<'_>) + Send,
{
    check_preconditions(client, plan, confirmed)?;
    journal.check_writable()?;
    let operator = client.identity().await.map_err(|error| ApplyError::Login {
        env: plan.env.clone(),
        error,
    })?;

    let mut outcome = Outcome {
        env: plan.env.clone(),
        realm: plan.realm.clone(),
        title: plan.title.clone(),
        change: new_change_id(),
        operator,
        steps: plan
            .operations
            .iter()
            .enumerate()
            .map(|(index, operation)| Step {
                index,
                operation: operation.clone(),
                status: StepStatus::NotApplied,
            })
            .collect(),
        journal: journal.path().to_path_buf(),
        journal_error: None,
    };
    let total = plan.operations.len();
    for (index, operation) in plan.operations.iter().enumerate() {
        progress(Progress::Started {
            index,
            total,
            operation,
        });
        let status = run_step(client, &plan.realm, operation).await;
        log_step(plan, operation, &status);
        let finished = matches!(status, StepStatus::Applied { .. });
        outcome.steps[index].status = status;

        let entry = journal_entry(plan, &outcome, index);
        if let Err(error) = journal.append(&entry) {
            tracing::error!(env = %plan.env, %error, "journal entry not written");
            outcome.journal_error = Some(error.to_string());
        }
        progress(Progress::Finished(&outcome.steps[index]));
        if !finished || outcome.journal_error.is_some() {
            break;
        }
    }
    Ok(outcome)
}

fn check_preconditions(
    client: &KeycloakClient,
    plan: &Plan,
    confirmed: &Confirmed,
) -> Result<(), ApplyError> {
    if plan.is_blocked() {
        return Err(ApplyError::Blocked(plan.blockers.clone()));
    }
    if confirmed.env() != plan.env {
        return Err(ApplyError::NotConfirmed {
            plan: plan.env.clone(),
            confirmed: confirmed.env().to_owned(),
        });
    }
    let client_env = &client.connection().env;
    if client_env != &plan.env {
        return Err(ApplyError::WrongClient {
            plan: plan.env.clone(),
            client: client_env.clone(),
        });
    }
    Ok(())
}

/// Runs one step: stale check, write, read back and verify.
async fn run_step(client: &KeycloakClient, realm: &str, operation: &Operation) -> StepStatus {
    let current = match current_state(client, realm, operation).await {
        Ok(state) => state,
        Err(error) => {
            return StepStatus::Failed {
                error: StepError::Read(error),
            };
        }
    };
    let before_planned = operation.before();
    if !same_state(&current, &before_planned) {
        return StepStatus::Stale {
            before_planned,
            current,
        };
    }

    if let Err(error) = send::send(client, realm, operation).await {
        return StepStatus::Failed {
            error: error.into(),
        };
    }

    let expected = operation.after();
    match current_state(client, realm, operation).await {
        Ok(after) if is_verified(operation, &after) => StepStatus::Applied { after },
        Ok(current) => StepStatus::Unverified {
            expected,
            current: Some(current),
        },
        Err(error) => {
            tracing::warn!(%error, "cannot read back a written object");
            StepStatus::Unverified {
                expected,
                current: None,
            }
        }
    }
}

/// Checks the state read back after a write against the plan. A created
/// client is compared field by field, because Keycloak adds defaults.
fn is_verified(operation: &Operation, current: &Value) -> bool {
    match operation {
        Operation::CreateClient { after, .. } => !current.is_null() && covers(current, after),
        _ => shows_change(current, &operation.before(), &operation.after()),
    }
}

fn log_step(plan: &Plan, operation: &Operation, status: &StepStatus) {
    let object = operation.object().to_string();
    match status {
        StepStatus::Applied { .. } => {
            tracing::info!(env = %plan.env, realm = %plan.realm, op = operation.kind(), %object, "applied");
        }
        StepStatus::Failed { error } => {
            tracing::warn!(env = %plan.env, realm = %plan.realm, op = operation.kind(), %object, %error, "step failed");
        }
        other => {
            tracing::warn!(env = %plan.env, realm = %plan.realm, op = operation.kind(), %object, status = other.label(), "step stopped");
        }
    }
}

fn journal_entry(plan: &Plan, outcome: &Outcome, index: usize) -> Entry {
    let step = &outcome.steps[index];
    let (result, after, error) = match &step.status {
        StepStatus::Applied { after } => (StepResult::Applied, Some(after.clone()), None),
        StepStatus::Unverified { current, .. } => (
            StepResult::Unverified,
            current.clone(),
            Some("the state read back differs from the plan, or could not be read".to_owned()),
        ),
        StepStatus::Stale { current, .. } => (
            StepResult::Stale,
            Some(current.clone()),
            Some("the object changed after the plan was made".to_owned()),
        ),
        StepStatus::Failed { error } => (StepResult::Failed, None, Some(error.to_string())),
        StepStatus::NotApplied => (StepResult::Failed, None, Some("not attempted".to_owned())),
    };
    Entry {
        time: now_rfc3339(),
        operator: outcome.operator.clone(),
        env: plan.env.clone(),
        realm: plan.realm.clone(),
        change: outcome.change.clone(),
        title: plan.title.clone(),
        step: index + 1,
        steps: plan.operations.len(),
        undoes: plan.undoes.clone(),
        object: step.operation.object().to_string(),
        operation: step.operation.clone(),
        before: step.operation.before(),
        after,
        result,
        error,
    }
}

/// Builds the plan that reverses the written steps of `outcome`, last first,
/// or `None` when nothing was written. Confirm and apply it like any plan.
pub fn rollback_plan(outcome: &Outcome) -> Option<Plan> {
    let written = outcome.written();
    if written.is_empty() {
        return None;
    }
    let mut plan = inverse_plan(
        &outcome.env,
        &outcome.realm,
        &outcome.title,
        &outcome.change,
        &written,
    );
    plan.title = format!("roll back: {}", outcome.title);
    Some(plan)
}

/// Reverses the written steps of `outcome`; `Ok(None)` when nothing was written.
pub async fn rollback<F>(
    client: &KeycloakClient,
    outcome: &Outcome,
    confirmed: &Confirmed,
    journal: &Journal,
    progress: F,
) -> Result<Option<Outcome>, ApplyError>
where
    F: FnMut(Progress<'_>) + Send,
{
    let Some(plan) = rollback_plan(outcome) else {
        return Ok(None);
    };
    apply(client, &plan, confirmed, journal, progress)
        .await
        .map(Some)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::keycloak::{Connection, Credentials, Grant, Masked};
    use crate::plan::Requirement;

    fn require_send<T: Send>(_: &T) {}

    /// Builds a client for a port where nothing listens, because these tests send nothing.
    fn offline_client() -> KeycloakClient {
        KeycloakClient::new(Connection {
            env: "dev".into(),
            base_url: "http://127.0.0.1:9".into(),
            credentials: Credentials {
                login_realm: "master".into(),
                grant: Grant::Password,
                client_id: "admin-cli".into(),
                username: Some("admin".into()),
                secret: Masked::new("unused"),
            },
            ca_cert_pem: None,
            insecure_tls: false,
            read_only: false,
            concurrency: 1,
            timeout: Duration::from_secs(1),
        })
        .expect("client")
    }

    /// The UI runs these futures on tokio tasks, which need `Send`.
    #[test]
    fn apply_and_rollback_futures_are_send() {
        let client = offline_client();
        let plan = Plan::new("dev", "shop", "nothing");
        let confirmed = Requirement::Confirm { env: "dev".into() }
            .accept("")
            .expect("confirmed");
        let journal = Journal::at("/nonexistent/journal.jsonl");
        let apply_future = apply(&client, &plan, &confirmed, &journal, |_| {});
        require_send(&apply_future);
        let outcome = Outcome {
            env: "dev".into(),
            realm: "shop".into(),
            title: "nothing".into(),
            change: "c".into(),
            operator: "admin".into(),
            steps: Vec::new(),
            journal: journal.path().to_path_buf(),
            journal_error: None,
        };
        let rollback_future = rollback(&client, &outcome, &confirmed, &journal, |_| {});
        require_send(&rollback_future);
    }

    #[test]
    fn blocked_plan_is_not_started() {
        let mut plan = Plan::new("dev", "shop", "blocked");
        plan.blockers.push("client missing".into());
        let confirmed = Requirement::Confirm { env: "dev".into() }
            .accept("")
            .expect("confirmed");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let client = offline_client();
        let journal = Journal::at("/nonexistent/journal.jsonl");
        let result = runtime.block_on(apply(&client, &plan, &confirmed, &journal, |_| {}));
        assert!(matches!(result, Err(ApplyError::Blocked(_))));

        let other = Requirement::Confirm { env: "prod".into() }
            .accept("")
            .expect("confirmed");
        let plan = Plan::new("dev", "shop", "wrong confirmation");
        let result = runtime.block_on(apply(&client, &plan, &other, &journal, |_| {}));
        assert!(matches!(result, Err(ApplyError::NotConfirmed { .. })));
    }
}
