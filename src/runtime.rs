//! Runs effects on tokio and sends their outcomes back as actions. The only
//! caller of the Keycloak client and of file reads for file environments.

use std::path::PathBuf;

use tokio::sync::mpsc::UnboundedSender;

use crate::action::Action;
use crate::apply::{self, Progress};
use crate::effect::{Effect, RawTarget};
use crate::inventory::Inventory;
use crate::inventory::fetch::fetch_inventory;
use crate::inventory::snapshot::read_realms;
use crate::journal::Journal;
use crate::keycloak::{KeycloakClient, KeycloakError};
use crate::plan::{Confirmed, Plan};
use crate::state::ServerFacts;

/// The source of one environment's data.
#[derive(Clone)]
pub enum Backend {
    /// A live Keycloak server.
    Live(KeycloakClient),
    /// A realm export or kcdeck snapshot file, read on every load.
    File(PathBuf),
    /// The environment could not be set up; every load fails with this reason.
    Broken(String),
}

/// Runs effects for all environments.
#[derive(Clone)]
pub struct Runtime {
    backends: Vec<Backend>,
    actions: UnboundedSender<Action>,
    /// Journal every apply appends to, or why there is none.
    journal: Result<Journal, String>,
}

impl Runtime {
    /// Builds a runtime that reports results on `actions`.
    /// Applies are rejected until [`Runtime::with_journal`] sets a journal.
    pub fn new(backends: Vec<Backend>, actions: UnboundedSender<Action>) -> Self {
        Self {
            backends,
            actions,
            journal: Err("no journal file was set up".to_owned()),
        }
    }

    /// Sets the journal that applies append to, or the reason there is none.
    #[must_use]
    pub fn with_journal(mut self, journal: Result<Journal, String>) -> Self {
        self.journal = journal;
        self
    }

    /// Starts an effect in the background; its result arrives as an action.
    pub fn spawn(&self, effect: Effect) {
        let Some(env) = effect.env() else {
            tracing::warn!(
                ?effect,
                "effect for the app loop sent to the runtime; ignored"
            );
            return;
        };
        let backend = self.backends.get(env).cloned();
        let actions = self.actions.clone();
        if let Effect::ApplyPlans {
            env,
            request,
            plans,
            confirmed,
        } = effect
        {
            let journal = self.journal.clone();
            tokio::spawn(async move {
                let Some(backend) = backend else { return };
                let job = ApplyJob {
                    env,
                    request,
                    actions: actions.clone(),
                };
                let action = job.run(&backend, &journal, &plans, &confirmed).await;
                let _ = actions.send(action);
            });
            return;
        }
        tokio::spawn(async move {
            let Some(backend) = backend else { return };
            let action = run(&backend, effect).await;
            // The receiver is gone only when the UI has quit.
            let _ = actions.send(action);
        });
    }
}

/// Runs one effect to completion.
pub async fn run(backend: &Backend, effect: Effect) -> Action {
    match effect {
        Effect::CheckServer { env } => Action::ServerChecked {
            env,
            result: check_server(backend).await,
        },
        Effect::LoadRealms { env, request } => Action::RealmsLoaded {
            env,
            request,
            result: load_realms(backend).await,
        },
        Effect::LoadInventory {
            env,
            realm,
            request,
        } => {
            let (result, warnings) = load_inventory(backend, &realm).await;
            Action::InventoryLoaded {
                env,
                realm,
                request,
                result,
                warnings,
            }
        }
        Effect::LoadRaw {
            env,
            key,
            request,
            target,
        } => Action::RawLoaded {
            env,
            key,
            request,
            result: load_raw(backend, &target).await,
        },
        Effect::LoadUser {
            env,
            realm,
            query,
            request,
        } => Action::UserLoaded {
            env,
            request,
            result: load_user(backend, &realm, &query).await,
        },
        Effect::ApplyPlans { env, request, .. } => Action::PlansApplied {
            env,
            request,
            outcomes: Vec::new(),
            error: Some("internal error: applies run through Runtime::spawn".into()),
        },
        Effect::CopyToClipboard { .. }
        | Effect::SaveHistory { .. }
        | Effect::LoadJournal { .. } => {
            Action::ReportError("internal error: the runtime cannot run app loop work".into())
        }
    }
}

/// One apply of several plans to one environment, reporting progress as actions.
struct ApplyJob {
    env: usize,
    request: u64,
    actions: UnboundedSender<Action>,
}

impl ApplyJob {
    /// Applies the plans in order and stops after the first that does not end as planned,
    /// because later plans may depend on it.
    async fn run(
        &self,
        backend: &Backend,
        journal: &Result<Journal, String>,
        plans: &[Plan],
        confirmed: &Confirmed,
    ) -> Action {
        let finished = |outcomes, error| Action::PlansApplied {
            env: self.env,
            request: self.request,
            outcomes,
            error,
        };
        let Backend::Live(client) = backend else {
            let reason = "this environment is not a live server, so nothing can be applied";
            return finished(Vec::new(), Some(reason.to_owned()));
        };
        let journal = match journal {
            Ok(journal) => journal,
            Err(reason) => return finished(Vec::new(), Some(format!("no journal: {reason}"))),
        };

        let mut outcomes = Vec::new();
        for (index, plan) in plans.iter().enumerate() {
            let progress = |event: Progress<'_>| {
                if let Progress::Started {
                    index: step, total, ..
                } = event
                {
                    // The receiver is gone only when the UI has quit.
                    let _ = self.actions.send(Action::ApplyProgress {
                        env: self.env,
                        request: self.request,
                        plan: index,
                        step,
                        total,
                    });
                }
            };
            match apply::apply(client, plan, confirmed, journal, progress).await {
                Ok(outcome) => {
                    let complete = outcome.is_complete();
                    outcomes.push(outcome);
                    if !complete {
                        break;
                    }
                }
                Err(error) => {
                    tracing::warn!(env = %plan.env, %error, "plan not started");
                    let reason = format!("plan \"{}\" was not started: {error}", plan.title);
                    return finished(outcomes, Some(reason));
                }
            }
        }
        finished(outcomes, None)
    }
}

/// Logs in and reads the server version; for a file, checks that it reads.
pub async fn check_server(backend: &Backend) -> Result<ServerFacts, String> {
    match backend {
        Backend::Live(client) => {
            let info = client
                .server_info()
                .await
                .map_err(|error| error.to_string())?;
            Ok(ServerFacts {
                version: info.version,
                identity: info.identity,
            })
        }
        Backend::File(path) => {
            read_file(path).await?;
            Ok(ServerFacts {
                version: "file".into(),
                identity: path.display().to_string(),
            })
        }
        Backend::Broken(reason) => Err(reason.clone()),
    }
}

/// Lists the realm names of a server or a file.
pub async fn load_realms(backend: &Backend) -> Result<Vec<String>, String> {
    match backend {
        Backend::Live(client) => {
            let realms = client.realms().await.map_err(|error| error.to_string())?;
            Ok(realms
                .iter()
                .map(|realm| crate::keycloak::json::str_field(realm, "realm").to_owned())
                .collect())
        }
        Backend::File(path) => Ok(read_file(path)
            .await?
            .into_iter()
            .map(|inventory| inventory.realm)
            .collect()),
        Backend::Broken(reason) => Err(reason.clone()),
    }
}

async fn load_inventory(
    backend: &Backend,
    realm: &str,
) -> (Result<Box<Inventory>, String>, Vec<String>) {
    match backend {
        Backend::Live(client) => match fetch_inventory(client, realm).await {
            Ok(outcome) => {
                let warnings = outcome
                    .failures
                    .iter()
                    .map(|(kind, error)| format!("{kind:?}: {error}"))
                    .collect();
                (Ok(Box::new(outcome.inventory)), warnings)
            }
            Err(error) => (Err(error.to_string()), Vec::new()),
        },
        Backend::File(path) => {
            let result = read_file(path).await.and_then(|realms| {
                realms
                    .into_iter()
                    .find(|inventory| inventory.realm == realm)
                    .map(Box::new)
                    .ok_or_else(|| format!("{} holds no realm \"{realm}\"", path.display()))
            });
            (result, Vec::new())
        }
        Backend::Broken(reason) => (Err(reason.clone()), Vec::new()),
    }
}

async fn load_raw(backend: &Backend, target: &RawTarget) -> Result<serde_json::Value, String> {
    let Backend::Live(client) = backend else {
        return Err("raw JSON is only available for live servers".into());
    };
    let result: Result<serde_json::Value, KeycloakError> = match target {
        RawTarget::Realm { realm } => client.realm(realm).await,
        RawTarget::Client { realm, id } => client.get(&[realm, "clients", id], &[]).await,
        RawTarget::Role { realm, id } => client.role_by_id(realm, id).await,
        RawTarget::Group { realm, id } => client.get(&[realm, "groups", id], &[]).await,
        RawTarget::ClientScope { realm, id } => {
            client.get(&[realm, "client-scopes", id], &[]).await
        }
        RawTarget::IdentityProvider { realm, alias } => {
            client
                .get(&[realm, "identity-provider", "instances", alias], &[])
                .await
        }
    };
    result.map_err(|error| error.to_string())
}

/// Finds the user whose user name or email equals `query` (case-insensitive), then reads
/// its direct role mappings and groups.
async fn load_user(
    backend: &Backend,
    realm: &str,
    query: &str,
) -> Result<crate::state::UserDetail, String> {
    let Backend::Live(client) = backend else {
        return Err("users can only be read from live servers; files hold no users".into());
    };
    let text = |error: KeycloakError| error.to_string();
    // NOTE: `search` matches parts of names too, so a short query reads every matching
    // user page by page before the exact match is picked.
    let found = client.search_users(realm, query).await.map_err(text)?;
    let user = pick_user(found, query)?;
    let id = crate::keycloak::json::str_field(&user, "id").to_owned();
    let mappings = client.user_role_mappings(realm, &id).await.map_err(text)?;
    let groups = client.user_groups(realm, &id).await.map_err(text)?;

    let mut direct = apply::mapping_refs(&mappings);
    direct.sort();
    direct.dedup();
    let mut paths: Vec<Vec<String>> = groups.iter().map(group_path_of).collect();
    paths.sort();
    Ok(crate::state::UserDetail {
        id,
        username: crate::keycloak::json::str_field(&user, "username").to_owned(),
        email: user
            .get("email")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned),
        direct,
        groups: paths,
    })
}

/// Picks the search result whose user name or email equals `query`. Keycloak's `search`
/// also matches parts of names, so an inexact single hit is not taken.
fn pick_user(found: Vec<serde_json::Value>, query: &str) -> Result<serde_json::Value, String> {
    let wanted = query.to_lowercase();
    let field = |user: &serde_json::Value, key: &str| {
        crate::keycloak::json::str_field(user, key).to_lowercase()
    };
    let names: Vec<String> = found.iter().map(|user| field(user, "username")).collect();
    found
        .into_iter()
        .find(|user| field(user, "username") == wanted || field(user, "email") == wanted)
        .ok_or_else(|| {
            if names.is_empty() {
                format!("no user has the user name or email \"{query}\"")
            } else {
                format!(
                    "no user has the user name or email \"{query}\"; similar: {}",
                    names.join(", ")
                )
            }
        })
}

/// Reads a group's `path` as names, falling back to its `name` alone.
fn group_path_of(group: &serde_json::Value) -> Vec<String> {
    let path = crate::keycloak::json::str_field(group, "path");
    crate::plan::operation::parse_group_path(path)
        .unwrap_or_else(|_| vec![crate::keycloak::json::str_field(group, "name").to_owned()])
}

async fn read_file(path: &std::path::Path) -> Result<Vec<Inventory>, String> {
    let text = tokio::fs::read_to_string(path)
        .await
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    read_realms(&text).map_err(|error| format!("{}: {error}", path.display()))
}
