//! `kcdeck undo ENV`: reverses the last change that kcdeck applied to an
//! environment, as the journal records it, through the same checks and
//! apply step as any other plan.

use std::io::Write;
use std::path::PathBuf;

use super::copy::{
    EXIT_APPLIED, EXIT_STOPPED, EXIT_UNREADABLE, EXIT_USAGE, WriteFailure, confirm, environment,
    failure, journal_lines, print_lines, print_progress,
};
use super::setup;
use crate::apply;
use crate::config::Config;
use crate::journal::{Journal, last_change, undo_plan};
use crate::plan::{Requirement, confirmation_for};

/// Arguments of `kcdeck undo`.
#[derive(Debug, Clone)]
pub struct UndoRequest {
    pub env: String,
    pub dry_run: bool,
    /// The environment name typed with `--confirm`.
    pub confirm: Option<String>,
    /// Journal file; the state directory's `journal.jsonl` when `None`.
    pub journal: Option<PathBuf>,
    /// `--read-only` was given.
    pub session_read_only: bool,
}

/// Plans the undo of `env`'s last change, prints it, and applies it unless
/// this is a dry run. Exit statuses are those of `kcdeck copy`.
pub async fn run(
    request: &UndoRequest,
    config: &Config,
    out: &mut (dyn Write + Send),
) -> Result<u8, WriteFailure> {
    let env = environment(config, &request.env)?;
    let requirement = confirmation_for(env, request.session_read_only);
    if let Some(typed) = &request.confirm
        && typed != &request.env
    {
        return Err(failure(
            EXIT_USAGE,
            format!(
                "--confirm \"{typed}\" does not match the environment \"{}\"",
                request.env
            ),
        ));
    }
    let journal = match &request.journal {
        Some(path) => Journal::at(path),
        None => Journal::in_state_dir().map_err(|error| failure(EXIT_USAGE, error.to_string()))?,
    };
    let entries = journal
        .read()
        .map_err(|error| failure(EXIT_UNREADABLE, error.to_string()))?;
    let change = last_change(&entries, Some(&request.env));
    let plan = undo_plan(&change).map_err(|error| {
        failure(
            EXIT_STOPPED,
            format!(
                "{error} for environment \"{}\" in {}",
                request.env,
                journal.path().display()
            ),
        )
    })?;
    print_lines(out, &plan.describe());

    if request.dry_run {
        let mut lines = vec!["dry run: nothing was changed".to_owned()];
        if let Requirement::Refused { reason, .. } = &requirement {
            lines.push(format!(
                "note: {} is read-only ({reason}), so this plan cannot be applied there",
                request.env
            ));
        }
        print_lines(out, &lines);
        return Ok(EXIT_APPLIED);
    }
    let confirmed = confirm(&requirement, request.confirm.as_deref())?;
    let client = setup::live_client(config, &request.env, request.session_read_only)
        .map_err(|error| failure(EXIT_USAGE, format!("{error:#}")))?;

    print_lines(out, &[format!("applying to {}:", request.env)]);
    let outcome = apply::apply(&client, &plan, &confirmed, &journal, |event| {
        print_progress(&mut *out, event);
    })
    .await
    .map_err(|error| failure(EXIT_STOPPED, error.to_string()))?;
    print_lines(out, &journal_lines(journal.path(), &outcome.change));
    if outcome.is_complete() {
        Ok(EXIT_APPLIED)
    } else {
        Err(failure(
            EXIT_STOPPED,
            "the undo stopped before its last step (see above)",
        ))
    }
}
