//! `kcdeck copy SRC DST`: copies a role, a client or a group's role mappings
//! from one environment's realm to another's, through the same plan, checks,
//! apply and journal as the terminal UI.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::apply::{self, Progress};
use crate::config::{Config, Environment, Kind as EnvKind};
use crate::inventory::fetch::fetch_inventory;
use crate::inventory::snapshot::read_realms;
use crate::inventory::{Inventory, RoleRef};
use crate::journal::Journal;
use crate::keycloak::KeycloakClient;
use crate::plan::copy::Side;
use crate::plan::operation::parse_group_path;
use crate::plan::{Confirmed, CopyItem, Plan, Requirement, confirmation_for, plan_copy};

use super::setup;

// The exit statuses are shared by `kcdeck copy` and `kcdeck undo`.

/// Exit status when the plan was applied, had nothing to change, or was a dry run.
pub const EXIT_APPLIED: u8 = 0;
/// Exit status when the plan is blocked or a step did not apply.
pub const EXIT_STOPPED: u8 = 1;
/// Exit status for a usage or config error, or a protected target without `--confirm`.
pub const EXIT_USAGE: u8 = 2;
/// Exit status when an environment could not be read.
pub const EXIT_UNREADABLE: u8 = 3;
/// Exit status when the target environment is read-only.
pub const EXIT_READ_ONLY: u8 = 4;

/// A `copy` or `undo` that ended before or instead of applying, with its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFailure {
    pub status: u8,
    pub message: String,
}

pub(super) fn failure(status: u8, message: impl Into<String>) -> WriteFailure {
    WriteFailure {
        status,
        message: message.into(),
    }
}

/// Arguments of `kcdeck copy`.
#[derive(Debug, Clone)]
pub struct CopyRequest {
    pub source: String,
    pub target: String,
    /// Logical realm name, mapped through each environment's `realm_names`.
    pub realm: String,
    pub item: CopyItem,
    pub dry_run: bool,
    /// The environment name typed with `--confirm`.
    pub confirm: Option<String>,
    pub rollback_on_failure: bool,
    /// Journal file; the state directory's `journal.jsonl` when `None`.
    pub journal: Option<PathBuf>,
    /// `--read-only` was given.
    pub session_read_only: bool,
}

/// Builds the item from `--role`, `--client` and `--group`.
///
/// `--role` with `--client` names a client role, `--client` alone a client.
pub fn item_from_args(
    role: Option<&str>,
    client: Option<&str>,
    group: Option<&str>,
) -> Result<CopyItem, WriteFailure> {
    match (role, client, group) {
        (Some(name), client, None) => Ok(CopyItem::Role(RoleRef {
            client: client.map(str::to_owned),
            name: name.to_owned(),
        })),
        (None, Some(client_id), None) => Ok(CopyItem::Client(client_id.to_owned())),
        (None, None, Some(path)) => parse_group_path(path)
            .map(CopyItem::Group)
            .map_err(|message| failure(EXIT_USAGE, message)),
        (None, None, None) => Err(failure(
            EXIT_USAGE,
            "name what to copy: --role NAME [--client CLIENT_ID], --client CLIENT_ID or \
             --group PATH",
        )),
        _ => Err(failure(
            EXIT_USAGE,
            "--group cannot be combined with --role or --client",
        )),
    }
}

/// Plans the copy, prints it, and applies it unless this is a dry run.
///
/// Everything the operator reads goes to `out`; the returned failure's
/// message is meant for standard error.
pub async fn run(
    request: &CopyRequest,
    config: &Config,
    out: &mut (dyn Write + Send),
) -> Result<u8, WriteFailure> {
    let source_env = environment(config, &request.source)?;
    let target_env = environment(config, &request.target)?;
    let source_realm = source_env.realm_name(&request.realm);
    let target_realm = target_env.realm_name(&request.realm);
    if request.source == request.target && source_realm == target_realm {
        return Err(failure(
            EXIT_USAGE,
            "source and target are the same realm of the same environment",
        ));
    }
    let requirement = confirmation_for(target_env, request.session_read_only);
    if let Some(typed) = &request.confirm
        && typed != &request.target
    {
        return Err(failure(
            EXIT_USAGE,
            format!(
                "--confirm \"{typed}\" does not match the target environment \"{}\"",
                request.target
            ),
        ));
    }

    // One client per environment, so a secret given at a prompt is asked once.
    let target_client = server_client(config, target_env, request.session_read_only)?;
    let source_client = if request.source == request.target {
        target_client.clone()
    } else {
        server_client(config, source_env, true)?
    };
    let source = read_realm(source_env, source_client.as_ref(), source_realm).await?;
    let target = read_realm(target_env, target_client.as_ref(), target_realm).await?;
    let plan = plan_copy(
        Side {
            env: &source_env.name,
            inventory: &source,
        },
        Side {
            env: &target_env.name,
            inventory: &target,
        },
        &request.item,
    );
    print_lines(out, &plan.describe());

    if plan.is_blocked() {
        return Err(failure(
            EXIT_STOPPED,
            "the plan is blocked (see above); nothing was changed",
        ));
    }
    if plan.is_empty() {
        print_lines(
            out,
            &["nothing to change: the target already matches".to_owned()],
        );
        return Ok(EXIT_APPLIED);
    }
    if request.dry_run {
        let mut lines = vec!["dry run: nothing was changed".to_owned()];
        if let Requirement::Refused { reason, .. } = &requirement {
            lines.push(format!(
                "note: {} is read-only ({reason}), so this plan cannot be applied there",
                request.target
            ));
        }
        print_lines(out, &lines);
        return Ok(EXIT_APPLIED);
    }

    let confirmed = confirm(&requirement, request.confirm.as_deref())?;
    let Some(client) = target_client else {
        return Err(failure(
            EXIT_READ_ONLY,
            format!(
                "environment \"{}\" is a file; nothing was changed",
                request.target
            ),
        ));
    };
    apply_plan(request, &client, &plan, &confirmed, out).await
}

/// Builds the HTTP client of a server environment; `None` for a file.
fn server_client(
    config: &Config,
    env: &Environment,
    read_only: bool,
) -> Result<Option<KeycloakClient>, WriteFailure> {
    if matches!(env.kind, EnvKind::File { .. }) {
        return Ok(None);
    }
    setup::live_client(config, &env.name, read_only)
        .map(Some)
        .map_err(|error| failure(EXIT_USAGE, format!("{error:#}")))
}

pub(super) fn environment<'c>(
    config: &'c Config,
    name: &str,
) -> Result<&'c Environment, WriteFailure> {
    config.environment(name).ok_or_else(|| {
        let known: Vec<&str> = config
            .environments
            .iter()
            .map(|env| env.name.as_str())
            .collect();
        failure(
            EXIT_USAGE,
            format!(
                "no environment \"{name}\" in the config; configured: {}",
                known.join(", ")
            ),
        )
    })
}

/// Turns the requirement and `--confirm` into a confirmation or the failure to report.
pub(super) fn confirm(
    requirement: &Requirement,
    typed: Option<&str>,
) -> Result<Confirmed, WriteFailure> {
    match requirement {
        Requirement::Refused { env, reason } => Err(failure(
            EXIT_READ_ONLY,
            format!("environment \"{env}\" is read-only ({reason}); nothing was changed"),
        )),
        Requirement::TypeName { env } if typed.is_none() => Err(failure(
            EXIT_USAGE,
            format!(
                "environment \"{env}\" is protected; review the plan above and add \
                 --confirm {env} to apply it"
            ),
        )),
        _ => requirement
            .accept(typed.unwrap_or_default())
            .map_err(|error| failure(EXIT_USAGE, error.to_string())),
    }
}

async fn apply_plan(
    request: &CopyRequest,
    client: &KeycloakClient,
    plan: &Plan,
    confirmed: &Confirmed,
    out: &mut (dyn Write + Send),
) -> Result<u8, WriteFailure> {
    let journal = match &request.journal {
        Some(path) => Journal::at(path),
        None => Journal::in_state_dir().map_err(|error| failure(EXIT_USAGE, error.to_string()))?,
    };
    print_lines(out, &[format!("applying to {}:", request.target)]);
    let outcome = apply::apply(client, plan, confirmed, &journal, |event| {
        print_progress(&mut *out, event);
    })
    .await
    .map_err(|error| failure(EXIT_STOPPED, error.to_string()))?;
    print_lines(out, &journal_lines(journal.path(), &outcome.change));
    if outcome.is_complete() {
        return Ok(EXIT_APPLIED);
    }
    if let Some(error) = &outcome.journal_error {
        print_lines(out, &[format!("journal: {error}")]);
    }

    let written = outcome.written().len();
    if written == 0 {
        print_lines(out, &["nothing was changed".to_owned()]);
    } else if request.rollback_on_failure {
        print_lines(out, &[format!("rolling back the {written} written steps:")]);
        let rolled_back = apply::rollback(client, &outcome, confirmed, &journal, |event| {
            print_progress(&mut *out, event);
        })
        .await
        .map_err(|error| failure(EXIT_STOPPED, format!("rollback not started: {error}")))?;
        if let Some(rolled_back) = rolled_back {
            let verdict = if rolled_back.is_complete() {
                "rolled back: the target is as it was before"
            } else {
                "the rollback stopped too; the steps above say what is in place"
            };
            print_lines(out, &[verdict.to_owned()]);
        }
    } else {
        print_lines(
            out,
            &[format!(
                "{written} written steps remain in place (change {}); run kcdeck undo {} to \
                 reverse them, or pass --rollback-on-failure to roll back automatically",
                outcome.change, request.target
            )],
        );
    }
    Err(failure(
        EXIT_STOPPED,
        "the copy stopped before its last step (see above)",
    ))
}

pub(super) fn print_progress(out: &mut (dyn Write + Send), event: Progress<'_>) {
    if let Progress::Finished(step) = event {
        print_lines(out, &step.describe());
    }
}

pub(super) fn journal_lines(path: &Path, change: &str) -> Vec<String> {
    vec![format!("journal: {} (change {change})", path.display())]
}

pub(super) fn print_lines(out: &mut (dyn Write + Send), lines: &[String]) {
    for line in lines {
        // A closed standard output cannot be reported anywhere useful.
        let _ = writeln!(out, "{line}");
    }
}

/// Reads a realm from a server or a file environment. A kind that could not
/// be read completely is logged here and blocks the plan through
/// [`Inventory::incomplete`].
async fn read_realm(
    env: &Environment,
    client: Option<&KeycloakClient>,
    realm: &str,
) -> Result<Inventory, WriteFailure> {
    let Some(client) = client else {
        return match &env.kind {
            EnvKind::File { path } => read_file_realm(path, realm),
            EnvKind::Keycloak(_) => Err(failure(
                EXIT_USAGE,
                format!("environment \"{}\" has no HTTP client", env.name),
            )),
        };
    };
    let outcome = fetch_inventory(client, realm).await.map_err(|error| {
        failure(
            EXIT_UNREADABLE,
            format!("cannot read realm \"{realm}\" from {}: {error}", env.name),
        )
    })?;
    for (kind, error) in &outcome.failures {
        tracing::warn!(env = %env.name, ?kind, %error, "kind not read completely");
    }
    Ok(outcome.inventory)
}

fn read_file_realm(path: &Path, realm: &str) -> Result<Inventory, WriteFailure> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        failure(
            EXIT_UNREADABLE,
            format!("cannot read {}: {error}", path.display()),
        )
    })?;
    let realms = read_realms(&text)
        .map_err(|error| failure(EXIT_UNREADABLE, format!("{}: {error}", path.display())))?;
    realms
        .into_iter()
        .find(|inventory| inventory.realm == realm)
        .ok_or_else(|| {
            failure(
                EXIT_USAGE,
                format!("{} holds no realm \"{realm}\"", path.display()),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_from_args_reads_each_form() {
        assert_eq!(
            item_from_args(Some("exec"), None, None),
            Ok(CopyItem::Role(RoleRef::realm("exec")))
        );
        assert_eq!(
            item_from_args(Some("read"), Some("api"), None),
            Ok(CopyItem::Role(RoleRef::client("api", "read")))
        );
        assert_eq!(
            item_from_args(None, Some("api"), None),
            Ok(CopyItem::Client("api".into()))
        );
        assert_eq!(
            item_from_args(None, None, Some("/staff/night~/shift")),
            Ok(CopyItem::Group(vec!["staff".into(), "night/shift".into()]))
        );
    }

    #[test]
    fn item_from_args_rejects_bad_combinations() {
        let none = item_from_args(None, None, None).expect_err("nothing named");
        assert_eq!(none.status, EXIT_USAGE);
        assert!(none.message.contains("--role NAME"));
        let both = item_from_args(Some("a"), None, Some("/g")).expect_err("two items");
        assert_eq!(both.status, EXIT_USAGE);
    }

    #[test]
    fn confirm_maps_requirements_to_statuses() {
        let refused = Requirement::Refused {
            env: "prod".into(),
            reason: "the config sets read_only = true".into(),
        };
        assert_eq!(
            confirm(&refused, Some("prod")).expect_err("refused").status,
            EXIT_READ_ONLY
        );
        let protected = Requirement::TypeName { env: "prod".into() };
        let missing = confirm(&protected, None).expect_err("needs --confirm");
        assert_eq!(missing.status, EXIT_USAGE);
        assert!(
            missing.message.contains("--confirm prod"),
            "{}",
            missing.message
        );
        assert!(confirm(&protected, Some("prod")).is_ok());
        let plain = Requirement::Confirm { env: "dev".into() };
        assert!(confirm(&plain, None).is_ok());
    }
}
