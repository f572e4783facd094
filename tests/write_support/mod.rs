//! Helpers shared by the live write tests: confirmations, inventories,
//! snapshots without ids, journals in temporary directories and applying
//! plans that must succeed.

#![allow(dead_code)]

use std::time::Duration;

use kcdeck::apply::{self, Outcome};
use kcdeck::inventory::fetch::fetch_inventory;
use kcdeck::inventory::snapshot::to_snapshot_json;
use kcdeck::inventory::{Ids, Inventory};
use kcdeck::journal::Journal;
use kcdeck::keycloak::{Connection, KeycloakClient};
use kcdeck::plan::{Confirmed, Plan, Requirement};
use reqwest::Method;
use serde_json::Value;

use crate::common::live::create_realm;

/// Returns the confirmation of a plain (not protected) environment.
pub fn confirmed(env: &str) -> Confirmed {
    Requirement::Confirm {
        env: env.to_owned(),
    }
    .accept("")
    .expect("a plain confirmation accepts anything")
}

/// Reads a realm's whole inventory, failing the test on any unread kind.
pub async fn inventory(kc: &KeycloakClient, realm: &str) -> Inventory {
    let outcome = fetch_inventory(kc, realm).await.expect("inventory");
    assert!(
        outcome.failures.is_empty(),
        "kinds not read: {:?}",
        outcome.failures
    );
    outcome.inventory
}

/// Renders an inventory as a snapshot without its server ids.
pub fn without_ids(inventory: &Inventory) -> String {
    let mut copy = inventory.clone();
    copy.ids = Ids::default();
    to_snapshot_json(&copy)
}

/// A journal in its own temporary directory, removed when dropped.
pub struct TempJournal {
    pub dir: tempfile::TempDir,
    pub journal: Journal,
}

/// Creates a journal file path in a new temporary directory.
pub fn temp_journal() -> TempJournal {
    let dir = tempfile::tempdir().expect("temporary directory");
    let journal = Journal::at(dir.path().join("journal.jsonl"));
    TempJournal { dir, journal }
}

/// Applies a plan that must apply completely and returns its outcome.
pub async fn apply_all(kc: &KeycloakClient, plan: &Plan, journal: &Journal) -> Outcome {
    assert!(
        plan.blockers.is_empty(),
        "plan is blocked:\n{}",
        plan.describe().join("\n")
    );
    let outcome = apply::apply(kc, plan, &confirmed(&plan.env), journal, |_| {})
        .await
        .expect("plan starts");
    assert!(
        outcome.is_complete(),
        "plan did not apply completely:\n{}\n{}",
        plan.describe().join("\n"),
        outcome.describe().join("\n")
    );
    outcome
}

/// A realm created for one test and deleted when dropped, also when the test
/// panics, so a failed test leaves nothing behind in other tests' realm lists.
#[derive(Debug)]
pub struct ScratchRealm {
    connection: Connection,
    name: String,
}

/// Creates a realm from a representation; it is deleted when the value is dropped.
pub async fn scratch_realm(kc: &KeycloakClient, representation: Value) -> ScratchRealm {
    let name = create_realm(kc, representation).await;
    ScratchRealm {
        connection: kc.connection().clone(),
        name,
    }
}

impl std::ops::Deref for ScratchRealm {
    type Target = str;

    fn deref(&self) -> &str {
        &self.name
    }
}

impl std::fmt::Display for ScratchRealm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl Drop for ScratchRealm {
    fn drop(&mut self) {
        // Drop cannot await and may run on the test's runtime thread, so the
        // deletion gets its own thread, runtime and HTTP client.
        let connection = Connection {
            timeout: Duration::from_secs(120),
            ..self.connection.clone()
        };
        let realm = self.name.clone();
        let deletion = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime for the realm deletion");
            runtime.block_on(async {
                let client = KeycloakClient::new(connection).expect("deletion client");
                if let Err(error) = client.write(Method::DELETE, &[&realm], None).await
                    && !error.is_not_found()
                {
                    eprintln!("notice: realm {realm} was not deleted: {error}");
                }
            });
        });
        let _ = deletion.join();
    }
}
