//! Imports every realm export of the corpus directory into the live dev server and checks that
//! kcdeck reads back what the file holds.
//!
//! `KCDECK_CORPUS_DIR` names the directory. Without it, or without `KCDECK_LIVE=1`, the test
//! prints a notice and passes. Each `*.json` file is imported under a fresh realm name by POSTing
//! the whole file to `/admin/realms`, read back with `fetch_inventory`, compared with the same
//! file parsed offline by `read_realms`, and deleted. The server adds built-in clients, roles and
//! scopes, so the file's clients, roles, groups and group role mappings must be present live,
//! while the composite members of every role in the file must match exactly.
//!
//! NOTE: realm exports carry their server ids, and ids are unique per server, not per realm. Two
//! runs of this test against one server at the same time, or a realm left behind by an
//! interrupted run, make the import fail with a conflict (409).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::live::{client, delete_realm, live_config, unique_realm};
use kcdeck::config::Loaded;
use kcdeck::inventory::fetch::fetch_inventory;
use kcdeck::inventory::snapshot::read_realms;
use kcdeck::inventory::{Inventory, RoleRef};
use kcdeck::keycloak::{Connection, KeycloakClient};
use reqwest::Method;
use serde_json::Value;

/// Time limit for one import request. A realm with 84 clients and 77 users took about 9 s to
/// import on an idle 2-core machine, too close to the 20 s default when other tests load the
/// server.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(180);

/// Lists the `*.json` files of `KCDECK_CORPUS_DIR`, sorted, or returns `None` with a notice.
fn corpus_files() -> Option<Vec<PathBuf>> {
    let Some(dir) = std::env::var_os("KCDECK_CORPUS_DIR") else {
        eprintln!("notice: KCDECK_CORPUS_DIR is unset; live corpus import checks skipped");
        return None;
    };
    let dir = PathBuf::from(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("KCDECK_CORPUS_DIR {}: {error}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no *.json files in {}", dir.display());
    Some(files)
}

#[tokio::test]
async fn corpus_realms_read_back_after_import() {
    let Some(files) = corpus_files() else { return };
    let Some(loaded) = live_config() else { return };
    let kc = client(&loaded, "dev");
    let importer = KeycloakClient::new(Connection {
        timeout: IMPORT_TIMEOUT,
        ..kc.connection().clone()
    })
    .expect("import client");

    let mut problems = Vec::new();
    for (index, path) in files.iter().enumerate() {
        let run_snapshot = index == 0;
        problems.extend(check_file(&kc, &importer, &loaded, path, run_snapshot).await);
    }
    assert!(
        problems.is_empty(),
        "{} problems in the corpus:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Imports one file, compares it with the live realm, deletes the realm and returns the problems.
async fn check_file(
    kc: &KeycloakClient,
    importer: &KeycloakClient,
    loaded: &Loaded,
    path: &Path,
    run_snapshot: bool,
) -> Vec<String> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{file}: {error}"));
    let export: Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{file}: invalid JSON: {error}"));
    let expected = read_realms(&text)
        .unwrap_or_else(|error| panic!("{file}: read_realms failed: {error}"))
        .swap_remove(0);

    let realm = unique_realm("kcdeck-corpus");
    let representation = import_representation(&export, &realm, &file);
    let mut problems = Vec::new();
    match importer
        .write(Method::POST, &[], Some(&representation))
        .await
    {
        Ok(_) => {
            problems.extend(check_live(kc, &file, &realm, &expected).await);
            if run_snapshot {
                problems.extend(check_snapshot_command(
                    &loaded.path,
                    &file,
                    &realm,
                    &expected,
                ));
            }
        }
        Err(error) => problems.push(format!(
            "{file}: import as realm {realm} failed: {error} \
             (the cause is in the dev server's log, target/keycloak/dev/server.log)"
        )),
    }
    // A request that timed out may still have created the realm, so it is deleted in any case.
    delete_realm(kc, &realm).await;
    problems
}

/// Returns the export renamed to `realm`, with the values Keycloak 26.7 rejects on import removed.
fn import_representation(export: &Value, realm: &str, file: &str) -> Value {
    let mut representation = export.clone();
    representation["realm"] = Value::String(realm.to_owned());

    // Keycloak 26.7.3 validates each client's adminUrl during a realm import and fails the whole
    // import with HTTP 500, logging "Invalid client <clientId>: Admin URL is not a valid URL", for
    // a host and port without a scheme (`service:8888`). The test drops every adminUrl that is
    // not an http(s) URL, a path or a `${...}` placeholder, and no check below reads adminUrl.
    let clients = representation
        .get_mut("clients")
        .and_then(Value::as_array_mut);
    for client in clients.into_iter().flatten() {
        let Some(object) = client.as_object_mut() else {
            continue;
        };
        let rejected = object
            .get("adminUrl")
            .and_then(Value::as_str)
            .is_some_and(|url| !is_importable_url(url));
        if rejected {
            let url = object.remove("adminUrl").unwrap_or_default();
            let client_id = object.get("clientId").and_then(Value::as_str).unwrap_or("");
            eprintln!("{file}: client \"{client_id}\": adminUrl {url} removed before import");
        }
    }
    representation
}

fn is_importable_url(url: &str) -> bool {
    url.is_empty()
        || url.starts_with("http://")
        || url.starts_with("https://")
        || url.starts_with('/')
        || url.starts_with("${")
}

/// Reads the imported realm with `fetch_inventory` and compares it with the file.
async fn check_live(
    kc: &KeycloakClient,
    file: &str,
    realm: &str,
    expected: &Inventory,
) -> Vec<String> {
    let started = Instant::now();
    let outcome = match fetch_inventory(kc, realm).await {
        Ok(outcome) => outcome,
        Err(error) => {
            return vec![format!(
                "{file}: fetch_inventory of {realm} failed: {error}"
            )];
        }
    };
    eprintln!(
        "{file}: fetch_inventory took {} ms ({} clients, {} roles, {} groups)",
        started.elapsed().as_millis(),
        outcome.inventory.clients.len(),
        outcome.inventory.role_count(),
        outcome.inventory.groups.len()
    );

    let mut problems: Vec<String> = outcome
        .failures
        .iter()
        .map(|(kind, error)| format!("{file}: {kind:?} not read completely: {error}"))
        .collect();
    let live = &outcome.inventory;
    problems.extend(check_clients(file, expected, live));
    problems.extend(check_roles(file, expected, live));
    problems.extend(check_default_role(file, expected, live));
    problems.extend(check_groups(file, expected, live));
    problems
}

fn check_clients(file: &str, expected: &Inventory, live: &Inventory) -> Vec<String> {
    expected
        .clients
        .iter()
        .filter(|client| live.client(&client.client_id).is_none())
        .map(|client| format!("{file}: client \"{}\" missing live", client.client_id))
        .collect()
}

/// Checks that every realm and client role of the file exists live with the same composites.
fn check_roles(file: &str, expected: &Inventory, live: &Inventory) -> Vec<String> {
    let realm_roles = expected
        .realm_roles
        .iter()
        .map(|role| (RoleRef::realm(&role.name), role));
    let client_roles = expected.clients.iter().flat_map(|client| {
        client
            .roles
            .iter()
            .map(|role| (RoleRef::client(&client.client_id, &role.name), role))
    });

    let mut problems = Vec::new();
    for (key, role) in realm_roles.chain(client_roles) {
        let Some(live_role) = live.role(&key) else {
            problems.push(format!("{file}: {} missing live", describe(&key)));
            continue;
        };
        let subject = format!("composites of {}", describe(&key));
        let (members, live_members) = (&role.composites, &live_role.composites);
        if role.builtin {
            // Keycloak adds the roles of newer features to its own composites when it imports
            // an older export (26.7 adds the organization roles to realm-management's
            // realm-admin), so a built-in role only has to keep the file's members.
            problems.extend(missing_members(file, &subject, members, live_members));
        } else {
            problems.extend(compare_members(file, &subject, members, live_members));
        }
    }
    problems
}

/// Checks the default role when the file names one. Keycloak keeps that name when it imports
/// the file under another realm name.
fn check_default_role(file: &str, expected: &Inventory, live: &Inventory) -> Vec<String> {
    let Some(name) = expected
        .default_role
        .as_ref()
        .and_then(|role| role.name.as_ref())
    else {
        return Vec::new();
    };
    match &live.default_role {
        Some(live_default) if live_default.name.as_ref() == Some(name) => compare_members(
            file,
            &format!("members of default role \"{name}\""),
            expected
                .default_role
                .as_ref()
                .map_or(&[][..], |role| &role.members),
            &live_default.members,
        )
        .into_iter()
        .collect(),
        other => vec![format!(
            "{file}: default role \"{name}\" expected, live default role is {:?}",
            other.as_ref().and_then(|role| role.name.as_ref())
        )],
    }
}

fn compare_members(
    file: &str,
    subject: &str,
    expected: &[RoleRef],
    live: &[RoleRef],
) -> Option<String> {
    let expected: BTreeSet<&RoleRef> = expected.iter().collect();
    let live: BTreeSet<&RoleRef> = live.iter().collect();
    if expected == live {
        return None;
    }
    let missing: Vec<String> = expected
        .difference(&live)
        .map(ToString::to_string)
        .collect();
    let unexpected: Vec<String> = live
        .difference(&expected)
        .map(ToString::to_string)
        .collect();
    Some(format!(
        "{file}: {subject} differ: missing live {missing:?}, only live {unexpected:?}"
    ))
}

fn missing_members(
    file: &str,
    subject: &str,
    expected: &[RoleRef],
    live: &[RoleRef],
) -> Option<String> {
    let missing: Vec<String> = expected
        .iter()
        .filter(|member| !live.contains(member))
        .map(ToString::to_string)
        .collect();
    (!missing.is_empty()).then(|| format!("{file}: {subject}: missing live {missing:?}"))
}

/// Checks that every group of the file exists live with at least the file's role mappings.
fn check_groups(file: &str, expected: &Inventory, live: &Inventory) -> Vec<String> {
    let mut problems = Vec::new();
    for group in &expected.groups {
        let path = group.display_path();
        let Some(live_group) = live.groups.iter().find(|other| other.path == group.path) else {
            problems.push(format!("{file}: group {path} missing live"));
            continue;
        };
        for role in &group.realm_roles {
            if !live_group.realm_roles.contains(role) {
                problems.push(format!(
                    "{file}: group {path}: realm role mapping \"{role}\" missing live"
                ));
            }
        }
        for (client_id, roles) in &group.client_roles {
            let live_roles = live_group.client_roles.get(client_id);
            for role in roles {
                if !live_roles.is_some_and(|names| names.contains(role)) {
                    problems.push(format!(
                        "{file}: group {path}: client role mapping \"{role}\" \
                         of client \"{client_id}\" missing live"
                    ));
                }
            }
        }
    }
    problems
}

fn describe(role: &RoleRef) -> String {
    match &role.client {
        Some(client_id) => format!("client role \"{}\" of client \"{client_id}\"", role.name),
        None => format!("realm role \"{}\"", role.name),
    }
}

/// Runs `kcdeck snapshot` on the imported realm and checks that its output lists the file's clients.
fn check_snapshot_command(
    config: &Path,
    file: &str,
    realm: &str,
    expected: &Inventory,
) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_kcdeck"))
        .arg("--config")
        .arg(config)
        .args(["snapshot", "dev", "--realm", realm])
        .output()
        .expect("kcdeck runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return vec![format!(
            "{file}: kcdeck snapshot dev --realm {realm} exited with {}: {stderr}",
            output.status
        )];
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let snapshot = match read_realms(&stdout) {
        Ok(mut realms) => realms.swap_remove(0),
        Err(error) => return vec![format!("{file}: snapshot output does not parse: {error}")],
    };

    let mut problems = Vec::new();
    if snapshot.realm != realm {
        problems.push(format!(
            "{file}: snapshot names realm \"{}\", expected \"{realm}\"",
            snapshot.realm
        ));
    }
    for client in &expected.clients {
        if snapshot.client(&client.client_id).is_none() {
            problems.push(format!(
                "{file}: snapshot output lacks client \"{}\"",
                client.client_id
            ));
        }
    }
    problems
}
