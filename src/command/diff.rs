//! `kcdeck diff A B`: compares one realm between two environments or files.

use std::path::{Path, PathBuf};

use crate::config::{Config, Kind as EnvKind};
use crate::diff::{self, Comparison, DiffConfig, KINDS, kind_name, report};
use crate::inventory::Inventory;
use crate::inventory::fetch::fetch_inventory;
use crate::inventory::snapshot::read_realms;

use super::setup;

/// Exit status when nothing unexpected differs.
pub const EXIT_SAME: u8 = 0;
/// Exit status when something unexpected differs.
pub const EXIT_DIFFERS: u8 = 1;
/// Exit status for a usage or config error.
pub const EXIT_USAGE: u8 = 2;
/// Exit status when an environment could not be read.
pub const EXIT_UNREADABLE: u8 = 3;

/// A failed `diff`, with the exit status it maps to.
#[derive(Debug)]
pub struct DiffFailure {
    pub status: u8,
    pub message: String,
}

fn usage(message: impl Into<String>) -> DiffFailure {
    DiffFailure {
        status: EXIT_USAGE,
        message: message.into(),
    }
}

fn unreadable(message: impl Into<String>) -> DiffFailure {
    DiffFailure {
        status: EXIT_UNREADABLE,
        message: message.into(),
    }
}

/// One side of the comparison: a configured environment or a file.
#[derive(Debug, Clone)]
pub enum Side {
    Environment(String),
    File(PathBuf),
}

impl Side {
    /// Resolves an argument: an environment name wins over a file of the same name.
    pub fn resolve(argument: &str, config: Option<&Config>) -> Result<Self, DiffFailure> {
        if config.is_some_and(|config| config.environment(argument).is_some()) {
            return Ok(Self::Environment(argument.to_owned()));
        }
        if Path::new(argument).is_file() {
            return Ok(Self::File(PathBuf::from(argument)));
        }
        let known = config.map_or_else(String::new, |config| {
            let names: Vec<&str> = config
                .environments
                .iter()
                .map(|env| env.name.as_str())
                .collect();
            format!("; configured environments: {}", names.join(", "))
        });
        Err(usage(format!(
            "\"{argument}\" is neither a configured environment nor a readable file{known}"
        )))
    }

    /// Returns the name used as the side's label and in pair rules.
    pub fn label(&self) -> String {
        match self {
            Self::Environment(name) => name.clone(),
            Self::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
        }
    }
}

/// The request of one `kcdeck diff` run.
#[derive(Debug, Clone)]
pub struct DiffRequest {
    pub a: Side,
    pub b: Side,
    /// Realm names on side A and side B, when given.
    pub realms: Option<(String, String)>,
    pub kinds: Vec<crate::inventory::Kind>,
    pub show_expected: bool,
    pub hide_builtin: bool,
    pub format: crate::cli::Format,
}

/// Parses `--realm R` or `--realms RA:RB`.
pub fn parse_realms(
    realm: Option<&str>,
    realms: Option<&str>,
) -> Result<Option<(String, String)>, DiffFailure> {
    if let Some(realm) = realm {
        return Ok(Some((realm.to_owned(), realm.to_owned())));
    }
    let Some(pair) = realms else {
        return Ok(None);
    };
    match pair.split_once(':') {
        Some((a, b)) if !a.is_empty() && !b.is_empty() => Ok(Some((a.to_owned(), b.to_owned()))),
        _ => Err(usage(format!(
            "--realms \"{pair}\" is invalid; write it as REALM_A:REALM_B"
        ))),
    }
}

/// Parses `--kind` names into kinds.
pub fn parse_kinds(names: &[String]) -> Result<Vec<crate::inventory::Kind>, DiffFailure> {
    names
        .iter()
        .map(|name| {
            KINDS
                .iter()
                .copied()
                .find(|kind| kind_name(*kind) == name.as_str())
                .ok_or_else(|| {
                    let valid: Vec<&str> = KINDS.iter().map(|kind| kind_name(*kind)).collect();
                    usage(format!(
                        "--kind \"{name}\" is not a kind; valid kinds: {}",
                        valid.join(", ")
                    ))
                })
        })
        .collect()
}

/// Reads both sides, compares them and returns the report with the exit status.
pub async fn run(
    request: &DiffRequest,
    config: Option<&Config>,
) -> Result<(String, u8), DiffFailure> {
    let (realm_a, realm_b) = match &request.realms {
        Some((a, b)) => (Some(a.as_str()), Some(b.as_str())),
        None => (None, None),
    };
    let (a, b) = futures::join!(
        read_side(&request.a, realm_a, config),
        read_side(&request.b, realm_b, config)
    );
    let (a, b) = (a?, b?);

    let empty = DiffConfig::default();
    let diff_config = config.map_or(&empty, |config| &config.diff);
    let rules = diff_config.rules_for(&request.a.label(), &request.b.label());
    let mut comparison = diff::compare(&a, &b, &rules)
        .with_labels(side_label(&request.a, &a), side_label(&request.b, &b));
    if !request.kinds.is_empty() {
        keep_kinds(&mut comparison, &request.kinds);
    }

    if request.hide_builtin {
        // Built-in objects leave the report and the exit status alike; the
        // per-kind counts still include them.
        comparison.entries.retain(|entry| !entry.builtin);
    }
    let options = report::ReportOptions {
        show_expected: request.show_expected,
        show_builtin: !request.hide_builtin,
    };
    let output = match request.format {
        crate::cli::Format::Text => report::text(&comparison, &options),
        crate::cli::Format::Markdown => report::markdown(&comparison, &options),
        crate::cli::Format::Json => report::json_string(&comparison),
    };
    let status = if comparison.has_unexpected_differences() {
        EXIT_DIFFERS
    } else {
        EXIT_SAME
    };
    Ok((output, status))
}

fn side_label(side: &Side, inventory: &Inventory) -> String {
    format!("{}/{}", side.label(), inventory.realm)
}

fn keep_kinds(comparison: &mut Comparison, kinds: &[crate::inventory::Kind]) {
    comparison
        .entries
        .retain(|entry| kinds.contains(&entry.kind));
    comparison
        .summary
        .retain(|summary| kinds.contains(&summary.kind));
}

/// Reads one side's realm. A live environment maps the realm through its
/// `realm_names`; a file with a single realm needs no realm name.
async fn read_side(
    side: &Side,
    realm: Option<&str>,
    config: Option<&Config>,
) -> Result<Inventory, DiffFailure> {
    match side {
        Side::File(path) => read_file_realm(path, realm),
        Side::Environment(name) => {
            let config =
                config.ok_or_else(|| usage("no config file to look up environments in"))?;
            let env = config
                .environment(name)
                .ok_or_else(|| usage(format!("no environment \"{name}\"")))?;
            if let EnvKind::File { path } = &env.kind {
                return read_file_realm(path, realm.map(|realm| env.realm_name(realm)));
            }
            let Some(realm) = realm else {
                return Err(usage(format!(
                    "name the realm to compare in \"{name}\" with --realm R or --realms RA:RB"
                )));
            };
            let client = setup::live_client(config, name, true)
                .map_err(|error| usage(format!("{error:#}")))?;
            let actual = env.realm_name(realm);
            let outcome = fetch_inventory(&client, actual).await.map_err(|error| {
                unreadable(format!(
                    "cannot read realm \"{actual}\" from {name}: {error}"
                ))
            })?;
            for (kind, error) in &outcome.failures {
                eprintln!(
                    "warning: {name}: {} could not be read completely ({error}); shown as unknown",
                    kind_name(*kind)
                );
            }
            Ok(outcome.inventory)
        }
    }
}

fn read_file_realm(path: &Path, realm: Option<&str>) -> Result<Inventory, DiffFailure> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| unreadable(format!("cannot read {}: {error}", path.display())))?;
    let realms =
        read_realms(&text).map_err(|error| unreadable(format!("{}: {error}", path.display())))?;
    let names: Vec<String> = realms
        .iter()
        .map(|inventory| inventory.realm.clone())
        .collect();
    match realm {
        Some(realm) => realms
            .into_iter()
            .find(|inventory| inventory.realm == realm)
            .ok_or_else(|| {
                usage(format!(
                    "{} holds no realm \"{realm}\"; it holds {}",
                    path.display(),
                    names.join(", ")
                ))
            }),
        None if realms.len() == 1 => Ok(realms.into_iter().next().unwrap_or_default()),
        None => Err(usage(format!(
            "{} holds several realms ({}); choose one with --realm",
            path.display(),
            names.join(", ")
        ))),
    }
}
