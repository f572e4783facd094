//! Helpers shared by the live write tests: confirmations, inventories,
//! snapshots without ids, journals in temporary directories and applying
//! plans that must succeed.

#![allow(dead_code)]

use kcdeck::apply::{self, Outcome};
use kcdeck::inventory::fetch::fetch_inventory;
use kcdeck::inventory::snapshot::to_snapshot_json;
use kcdeck::inventory::{Ids, Inventory};
use kcdeck::journal::Journal;
use kcdeck::keycloak::KeycloakClient;
use kcdeck::plan::{Confirmed, Plan, Requirement};

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
