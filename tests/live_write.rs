//! Live tests of the write path against the local Keycloak servers: every
//! kind of write with names that need encoding, stale objects, read-only
//! environments, partial failures with rollback, the journal, undo, and a
//! copy between two real-world realm exports.
//!
//! Each test works in realms of its own with unique names and deletes them
//! at the end; the seeded realms are never touched.

mod common;
mod write_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;

use common::live::{client, live_config, unique_realm};
use kcdeck::apply::{self, StepError, StepStatus};
use kcdeck::command::setup::live_client;
use kcdeck::inventory::{Inventory, Role, RoleRef};
use kcdeck::journal::{self, StepResult};
use kcdeck::keycloak::json::str_field;
use kcdeck::keycloak::{Connection, KeycloakClient, KeycloakError};
use kcdeck::plan::copy::Side;
use kcdeck::plan::{CopyItem, Edit, Operation, Plan, plan_copy, plan_edit};
use serde_json::{Value, json};
use write_support::{
    ScratchRealm, apply_all, confirmed, inventory, scratch_realm, temp_journal, without_ids,
};

/// Names of the operations of a plan, in order.
fn kinds(plan: &Plan) -> Vec<&'static str> {
    plan.operations.iter().map(Operation::kind).collect()
}

fn copy(
    source_env: &str,
    source: &Inventory,
    target_env: &str,
    target: &Inventory,
    item: CopyItem,
) -> Plan {
    plan_copy(
        Side {
            env: source_env,
            inventory: source,
        },
        Side {
            env: target_env,
            inventory: target,
        },
        &item,
    )
}

fn role<'i>(inventory: &'i Inventory, role: &RoleRef) -> &'i Role {
    inventory
        .role(role)
        .unwrap_or_else(|| panic!("role {role} exists in {}", inventory.realm))
}

fn attributes(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(key, values)| {
            let values = values.iter().map(|value| (*value).to_owned()).collect();
            ((*key).to_owned(), values)
        })
        .collect()
}

/// Reads a user's direct role mappings as role references.
async fn user_roles(kc: &KeycloakClient, realm: &str, username: &str) -> Vec<RoleRef> {
    let user = kc
        .find_user(realm, username)
        .await
        .expect("user lookup")
        .expect("user exists");
    let mappings = kc
        .user_role_mappings(realm, str_field(&user, "id"))
        .await
        .expect("user mappings");
    let mut roles: Vec<RoleRef> = mappings["realmMappings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|role| RoleRef::realm(str_field(role, "name")))
        .collect();
    if let Some(clients) = mappings["clientMappings"].as_object() {
        for (client_id, mapping) in clients {
            for role in mapping["mappings"].as_array().into_iter().flatten() {
                roles.push(RoleRef::client(client_id, str_field(role, "name")));
            }
        }
    }
    roles.sort();
    roles
}

const API: &str = "api/β svc";
const NEW_ROLE: &str = "роль/x y";
const USER: &str = "jürgen.müller";

fn group_path() -> Vec<String> {
    vec!["team/α".to_owned(), "ünder one".to_owned()]
}

#[tokio::test]
async fn every_write_kind_round_trips() {
    let Some(loaded) = live_config() else { return };
    let kc = client(&loaded, "staging");
    let realm = scratch_realm(
        &kc,
        json!({"realm": unique_realm("kcdeck-write-kinds"), "enabled": true,
            "roles": {"realm": [{"name": "base"}, {"name": "a/b c"}],
                      "client": {API: [{"name": "read;x"}]}},
            "clients": [{"clientId": API, "publicClient": true,
                "redirectUris": ["https://a.example/*"], "attributes": {"keep.me": "1"}}],
            "groups": [{"name": "team/α", "subGroups": [{"name": "ünder one"}]}],
            "users": [{"username": USER, "enabled": true}]}),
    )
    .await;
    let journal = temp_journal();
    let read_x = RoleRef::client(API, "read;x");
    let new_role = RoleRef::realm(NEW_ROLE);

    // A realm role with attributes and realm and client members.
    let desired = Role {
        name: NEW_ROLE.into(),
        description: Some("made by kcdeck".into()),
        attributes: attributes(&[("tier", &["1", "2"])]),
        composites: vec![RoleRef::realm("base"), read_x.clone()],
        ..Role::default()
    };
    let edit = Edit::Role {
        role: new_role.clone(),
        after: Some(desired.clone()),
    };
    let plan = plan_edit("staging", &inventory(&kc, &realm).await, &edit);
    assert_eq!(kinds(&plan), ["create_role", "add_composites"]);
    apply_all(&kc, &plan, &journal.journal).await;
    let live = inventory(&kc, &realm).await;
    assert_eq!(role(&live, &new_role), &desired);

    // Description, attributes and members change together.
    let changed = Role {
        description: Some("changed".into()),
        attributes: attributes(&[("tier", &["3"])]),
        composites: vec![RoleRef::realm("a/b c"), read_x.clone()],
        ..desired.clone()
    };
    let edit = Edit::Role {
        role: new_role.clone(),
        after: Some(changed.clone()),
    };
    let plan = plan_edit("staging", &live, &edit);
    assert_eq!(
        kinds(&plan),
        ["update_role", "add_composites", "remove_composites"]
    );
    apply_all(&kc, &plan, &journal.journal).await;
    let live = inventory(&kc, &realm).await;
    assert_eq!(role(&live, &new_role), &changed);

    // A client role of a client whose id contains a slash.
    let write_u = RoleRef::client(API, "write ü");
    let client_role = Role {
        name: "write ü".into(),
        description: Some("writes".into()),
        ..Role::default()
    };
    let edit = Edit::Role {
        role: write_u.clone(),
        after: Some(client_role.clone()),
    };
    let plan = plan_edit("staging", &live, &edit);
    apply_all(&kc, &plan, &journal.journal).await;
    let live = inventory(&kc, &realm).await;
    assert_eq!(role(&live, &write_u), &client_role);

    check_group_mappings(&kc, &realm, &journal.journal, &new_role, &write_u).await;
    check_user_mappings(&kc, &realm, &journal.journal, &new_role, &read_x).await;
    check_client_update(&kc, &realm, &journal.journal).await;

    // Deleting a member role also removes it from the composite.
    let live = inventory(&kc, &realm).await;
    let edit = Edit::Role {
        role: RoleRef::realm("a/b c"),
        after: None,
    };
    let plan = plan_edit("staging", &live, &edit);
    assert_eq!(kinds(&plan), ["delete_role"]);
    assert!(plan.notes.iter().any(|note| note.contains(NEW_ROLE)));
    apply_all(&kc, &plan, &journal.journal).await;
    let live = inventory(&kc, &realm).await;
    assert!(live.role(&RoleRef::realm("a/b c")).is_none());
    assert_eq!(role(&live, &new_role).composites, [read_x]);
}

async fn check_group_mappings(
    kc: &KeycloakClient,
    realm: &str,
    journal: &journal::Journal,
    new_role: &RoleRef,
    client_role: &RoleRef,
) {
    let group = |inventory: &Inventory| {
        inventory
            .groups
            .iter()
            .find(|group| group.path == group_path())
            .expect("group with a slash in its name")
            .clone()
    };
    let edit = Edit::GroupRoles {
        group: group_path(),
        roles: vec![new_role.clone(), client_role.clone()],
    };
    let plan = plan_edit("staging", &inventory(kc, realm).await, &edit);
    assert_eq!(kinds(&plan), ["add_group_roles"]);
    apply_all(kc, &plan, journal).await;
    let mapped = group(&inventory(kc, realm).await);
    assert_eq!(mapped.realm_roles, [NEW_ROLE]);
    assert_eq!(mapped.client_roles[API], ["write ü"]);

    let edit = Edit::GroupRoles {
        group: group_path(),
        roles: vec![new_role.clone()],
    };
    let plan = plan_edit("staging", &inventory(kc, realm).await, &edit);
    assert_eq!(kinds(&plan), ["remove_group_roles"]);
    apply_all(kc, &plan, journal).await;
    let mapped = group(&inventory(kc, realm).await);
    assert_eq!(mapped.realm_roles, [NEW_ROLE]);
    assert!(mapped.client_roles.is_empty(), "{:?}", mapped.client_roles);
}

async fn check_user_mappings(
    kc: &KeycloakClient,
    realm: &str,
    journal: &journal::Journal,
    new_role: &RoleRef,
    client_role: &RoleRef,
) {
    let before = user_roles(kc, realm, USER).await;
    let mut after = before.clone();
    after.extend([new_role.clone(), client_role.clone()]);
    after.sort();
    let live = inventory(kc, realm).await;
    let edit = Edit::UserRoles {
        username: USER.into(),
        before: before.clone(),
        after: after.clone(),
    };
    let plan = plan_edit("staging", &live, &edit);
    assert_eq!(kinds(&plan), ["add_user_roles"]);
    apply_all(kc, &plan, journal).await;
    assert_eq!(user_roles(kc, realm, USER).await, after);

    let edit = Edit::UserRoles {
        username: USER.into(),
        before: after,
        after: before.clone(),
    };
    let plan = plan_edit("staging", &live, &edit);
    assert_eq!(kinds(&plan), ["remove_user_roles"]);
    apply_all(kc, &plan, journal).await;
    assert_eq!(user_roles(kc, realm, USER).await, before);
}

async fn check_client_update(kc: &KeycloakClient, realm: &str, journal: &journal::Journal) {
    let live = inventory(kc, realm).await;
    let mut fields = live.client(API).expect("client").fields.clone();
    fields.insert(
        "redirectUris".into(),
        json!(["https://a.example/*", "https://b.example/*"]),
    );
    fields.insert("description".into(), json!("edited ✓"));
    fields
        .get_mut("attributes")
        .and_then(Value::as_object_mut)
        .expect("attributes")
        .insert("x.y".into(), json!("2"));
    let edit = Edit::Client {
        client_id: API.into(),
        fields,
    };
    let plan = plan_edit("staging", &live, &edit);
    assert_eq!(kinds(&plan), ["update_client"]);
    apply_all(kc, &plan, journal).await;
    let live = inventory(kc, realm).await;
    let updated = &live.client(API).expect("client").fields;
    assert_eq!(
        updated["redirectUris"],
        json!(["https://a.example/*", "https://b.example/*"])
    );
    assert_eq!(updated["description"], json!("edited ✓"));
    assert_eq!(updated["attributes"]["x.y"], json!("2"));
    assert_eq!(updated["attributes"]["keep.me"], json!("1"));

    let mut fields = updated.clone();
    fields
        .get_mut("attributes")
        .and_then(Value::as_object_mut)
        .expect("attributes")
        .remove("keep.me");
    let edit = Edit::Client {
        client_id: API.into(),
        fields,
    };
    let plan = plan_edit("staging", &live, &edit);
    apply_all(kc, &plan, journal).await;
    let live = inventory(kc, realm).await;
    let attributes = &live.client(API).expect("client").fields["attributes"];
    assert!(attributes.get("keep.me").is_none(), "{attributes}");
    assert_eq!(attributes["x.y"], json!("2"));
}

async fn set_description(kc: &KeycloakClient, realm: &str, name: &str, text: &str) {
    let mut representation = kc
        .find_realm_role(realm, name)
        .await
        .expect("role lookup")
        .expect("role exists");
    representation["description"] = json!(text);
    let id = str_field(&representation, "id").to_owned();
    kc.update_role(realm, &id, &representation)
        .await
        .expect("description changed behind the plan's back");
}

#[tokio::test]
async fn stale_role_is_not_overwritten() {
    let Some(loaded) = live_config() else { return };
    let kc = client(&loaded, "staging");
    let realm = scratch_realm(
        &kc,
        json!({"realm": unique_realm("kcdeck-write-stale"), "enabled": true,
            "roles": {"realm": [{"name": "stale/ä", "description": "one"}]}}),
    )
    .await;
    let journal = temp_journal();
    let target = RoleRef::realm("stale/ä");
    let edit = Edit::Role {
        role: target.clone(),
        after: Some(Role {
            name: "stale/ä".into(),
            description: Some("two".into()),
            ..Role::default()
        }),
    };
    let plan = plan_edit("staging", &inventory(&kc, &realm).await, &edit);
    set_description(&kc, &realm, "stale/ä", "three").await;

    let outcome = apply::apply(&kc, &plan, &confirmed("staging"), &journal.journal, |_| {})
        .await
        .expect("plan starts");
    assert!(!outcome.is_complete());
    let StepStatus::Stale {
        before_planned,
        current,
    } = &outcome.steps[0].status
    else {
        panic!("expected a stale step: {:?}", outcome.steps[0].status);
    };
    assert_eq!(before_planned, &json!({"description": "one"}));
    assert_eq!(current, &json!({"description": "three"}));
    let text = outcome.describe().join("\n");
    assert!(text.contains("STALE"), "{text}");
    assert!(
        text.contains("planned before: {\"description\":\"one\"}"),
        "{text}"
    );
    assert!(
        text.contains("current:        {\"description\":\"three\"}"),
        "{text}"
    );
    assert!(outcome.written().is_empty());

    let live = inventory(&kc, &realm).await;
    assert_eq!(role(&live, &target).description.as_deref(), Some("three"));
    let entries = journal.journal.read().expect("journal");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].result, StepResult::Stale);
    assert_eq!(entries[0].after, Some(json!({"description": "three"})));
}

#[tokio::test]
async fn read_only_write_rejected_below_plan() {
    let Some(loaded) = live_config() else { return };
    let writer = client(&loaded, "staging");
    let realm = scratch_realm(
        &writer,
        json!({"realm": unique_realm("kcdeck-write-ro"), "enabled": true}),
    )
    .await;
    // The session flag (--read-only) makes the HTTP client read-only.
    let reader = live_client(&loaded.config, "staging", true).expect("read-only client");
    let journal = temp_journal();
    let edit = Edit::Role {
        role: RoleRef::realm("never"),
        after: Some(Role {
            name: "never".into(),
            ..Role::default()
        }),
    };
    let plan = plan_edit("staging", &inventory(&writer, &realm).await, &edit);

    // A confirmation for a writable environment gets past the plan checks,
    // so only the HTTP layer can reject the write.
    let outcome = apply::apply(
        &reader,
        &plan,
        &confirmed("staging"),
        &journal.journal,
        |_| {},
    )
    .await
    .expect("plan starts");
    let StepStatus::Failed {
        error: StepError::Write(KeycloakError::ReadOnly { env, method, .. }),
    } = &outcome.steps[0].status
    else {
        panic!(
            "expected a read-only refusal: {:?}",
            outcome.steps[0].status
        );
    };
    assert_eq!(env, "staging");
    assert_eq!(method, "POST");
    let live = inventory(&writer, &realm).await;
    assert!(live.role(&RoleRef::realm("never")).is_none());
}

#[tokio::test]
async fn partial_failure_rolls_back() {
    let Some(loaded) = live_config() else { return };
    let (dev, staging) = (client(&loaded, "dev"), client(&loaded, "staging"));
    let realm_json = |name: &str| {
        json!({"realm": unique_realm(name), "enabled": true,
            "roles": {"realm": [{"name": "member ü"}, {"name": "keeper", "description": "stays"}]}})
    };
    let source_realm = scratch_realm(&dev, realm_json("kcdeck-partial-src")).await;
    let target_realm = scratch_realm(&staging, realm_json("kcdeck-partial-dst")).await;
    let composite =
        json!({"name": "composite/1", "description": "needs member ü", "composite": true});
    dev.create_realm_role(&source_realm, &composite)
        .await
        .expect("composite created");
    let member = dev
        .find_realm_role(&source_realm, "member ü")
        .await
        .expect("lookup")
        .expect("member");
    let parent = dev
        .find_realm_role(&source_realm, "composite/1")
        .await
        .expect("lookup")
        .expect("composite");
    dev.add_composites(&source_realm, str_field(&parent, "id"), &[member])
        .await
        .expect("member added");

    let source = inventory(&dev, &source_realm).await;
    let target = inventory(&staging, &target_realm).await;
    let plan = copy(
        "dev",
        &source,
        "staging",
        &target,
        CopyItem::Role(RoleRef::realm("composite/1")),
    );
    assert_eq!(kinds(&plan), ["create_role", "add_composites"]);

    // The member disappears between planning and applying.
    let doomed = staging
        .find_realm_role(&target_realm, "member ü")
        .await
        .expect("lookup")
        .expect("member in target");
    staging
        .delete_role(&target_realm, str_field(&doomed, "id"))
        .await
        .expect("member deleted");
    let before = without_ids(&inventory(&staging, &target_realm).await);

    let journal = temp_journal();
    let outcome = apply::apply(
        &staging,
        &plan,
        &confirmed("staging"),
        &journal.journal,
        |_| {},
    )
    .await
    .expect("plan starts");
    assert!(matches!(
        outcome.steps[0].status,
        StepStatus::Applied { .. }
    ));
    let StepStatus::Failed {
        error: StepError::Missing(message),
    } = &outcome.steps[1].status
    else {
        panic!("expected a missing member: {:?}", outcome.steps[1].status);
    };
    assert!(message.contains("member ü"), "{message}");
    assert_eq!(outcome.written().len(), 1);
    let text = outcome.describe().join("\n");
    assert!(text.contains("  1. applied"), "{text}");
    assert!(text.contains("  2. FAILED"), "{text}");

    let rollback = apply::rollback_plan(&outcome).expect("something to roll back");
    assert_eq!(kinds(&rollback), ["delete_role"]);
    let rolled_back = apply::rollback(
        &staging,
        &outcome,
        &confirmed("staging"),
        &journal.journal,
        |_| {},
    )
    .await
    .expect("rollback starts")
    .expect("rollback ran");
    assert!(
        rolled_back.is_complete(),
        "{}",
        rolled_back.describe().join("\n")
    );
    let after = without_ids(&inventory(&staging, &target_realm).await);
    assert_eq!(before, after, "rollback restores the realm");

    let entries = journal.journal.read().expect("journal");
    let results: Vec<StepResult> = entries.iter().map(|entry| entry.result).collect();
    assert_eq!(
        results,
        [StepResult::Applied, StepResult::Failed, StepResult::Applied]
    );
    assert_eq!(entries[2].undoes.as_deref(), Some(outcome.change.as_str()));
}

/// Builds a realm with a confidential client that has a known secret, a
/// service account, a protocol mapper and roles.
fn vault_realm(name: &str) -> Value {
    json!({"realm": name, "enabled": true,
        "roles": {"realm": [{"name": "reader", "description": "reads"}],
            "client": {"vault/api": [
                {"name": "read", "composite": true, "composites": {"realm": ["reader"]}},
                {"name": "write", "attributes": {"level": ["2"]}}]}},
        "clients": [{"clientId": "vault/api", "enabled": true, "publicClient": false,
            "secret": VAULT_SECRET, "serviceAccountsEnabled": true,
            "redirectUris": ["https://vault.example/*"],
            "protocolMappers": [{"name": "tenant ü", "protocol": "openid-connect",
                "protocolMapper": "oidc-hardcoded-claim-mapper",
                "config": {"claim.name": "tenant", "claim.value": "acme",
                    "access.token.claim": "true", "jsonType.label": "String"}}]}]})
}

const VAULT_SECRET: &str = "kcdeck-test-secret-4711";

#[tokio::test]
async fn journal_records_steps_without_secrets() {
    let Some(loaded) = live_config() else { return };
    let (dev, staging) = (client(&loaded, "dev"), client(&loaded, "staging"));
    let source_realm = scratch_realm(&dev, vault_realm(&unique_realm("kcdeck-journal-src"))).await;
    let target_realm = scratch_realm(
        &staging,
        json!({"realm": unique_realm("kcdeck-journal-dst"), "enabled": true}),
    )
    .await;
    let plan = copy(
        "dev",
        &inventory(&dev, &source_realm).await,
        "staging",
        &inventory(&staging, &target_realm).await,
        CopyItem::Client("vault/api".into()),
    );
    assert_eq!(
        kinds(&plan),
        [
            "create_client",
            "create_role",
            "create_role",
            "create_role",
            "add_composites"
        ]
    );
    assert!(plan.notes.iter().any(|note| note.contains("confidential")));
    let journal = temp_journal();
    let outcome = apply_all(&staging, &plan, &journal.journal).await;

    let created = staging
        .find_client(&target_realm, "vault/api")
        .await
        .expect("lookup")
        .expect("client copied");
    let new_secret = staging
        .get(
            &[
                &target_realm,
                "clients",
                str_field(&created, "id"),
                "client-secret",
            ],
            &[],
        )
        .await
        .expect("secret of the copy");
    let new_secret = str_field(&new_secret, "value").to_owned();
    assert!(new_secret.len() > 8, "Keycloak generated a secret");
    assert_ne!(new_secret, VAULT_SECRET, "the source secret is not copied");

    let text = std::fs::read_to_string(journal.journal.path()).expect("journal file");
    let printed = format!(
        "{}\n{}",
        plan.describe().join("\n"),
        outcome.describe().join("\n")
    );
    for secret in [VAULT_SECRET, new_secret.as_str()] {
        assert!(!text.contains(secret), "the journal holds a secret");
        assert!(!printed.contains(secret), "the output holds a secret");
    }

    let entries = journal::read_journal(journal.journal.path()).expect("journal parses");
    assert_eq!(entries.len(), plan.operations.len());
    for (index, entry) in entries.iter().enumerate() {
        assert_eq!(entry.step, index + 1);
        assert_eq!(entry.steps, plan.operations.len());
        assert_eq!(entry.operator, "admin");
        assert_eq!(entry.env, "staging");
        assert_eq!(entry.realm, &*target_realm);
        assert_eq!(entry.change, outcome.change);
        assert_eq!(entry.result, StepResult::Applied);
        assert_eq!(entry.operation, plan.operations[index]);
        assert_eq!(entry.object, plan.operations[index].object().to_string());
        assert_eq!(entry.before, plan.operations[index].before());
        assert!(entry.after.is_some());
        assert!(entry.error.is_none());
        assert!(
            entry.time.len() == 24
                && entry.time.ends_with('Z')
                && entry.time.as_bytes()[10] == b'T',
            "RFC 3339 UTC time: {}",
            entry.time
        );
    }
    assert_eq!(entries[0].object, "client \"vault/api\"");
    assert_eq!(
        entries[0].after.as_ref().expect("read back")["protocolMappers"][0]["name"],
        "tenant ü"
    );
}

/// Undoes the last change recorded in `journal` and checks that the realm's
/// snapshot equals `expected` again.
async fn undo_last(
    kc: &KeycloakClient,
    realm: &str,
    journal: &journal::Journal,
    expected: &str,
) -> Plan {
    let entries = journal.read().expect("journal");
    let change = journal::last_change(&entries, Some("staging"));
    let plan = journal::undo_plan(&change).expect("undo plan");
    apply_all(kc, &plan, journal).await;
    let after = without_ids(&inventory(kc, realm).await);
    assert_eq!(
        expected, after,
        "undo of {} restores the snapshot",
        plan.title
    );
    plan
}

#[tokio::test]
async fn undo_restores_earlier_snapshot() {
    let Some(loaded) = live_config() else { return };
    let (dev, staging) = (client(&loaded, "dev"), client(&loaded, "staging"));
    let mut source_json = vault_realm(&unique_realm("kcdeck-undo-src"));
    source_json["roles"]["realm"] = json!([
        {"name": "reader", "description": "reads"},
        {"name": "a", "description": "source a"},
        {"name": "b/β", "description": "new in target"},
        {"name": "exec", "description": "new text", "attributes": {"tier": ["gold"]},
         "composite": true, "composites": {"realm": ["a", "b/β"]}}
    ]);
    source_json["groups"] = json!([{"name": "g", "subGroups": [
        {"name": "sub/1", "realmRoles": ["a", "exec", "reader"]}]}]);
    let source_realm = scratch_realm(&dev, source_json).await;
    let target_realm = scratch_realm(
        &staging,
        json!({"realm": unique_realm("kcdeck-undo-dst"), "enabled": true,
            "roles": {"realm": [
                {"name": "a", "description": "target a"},
                {"name": "x"},
                {"name": "exec", "description": "old text", "composite": true,
                 "composites": {"realm": ["a", "x"]}}]},
            "groups": [{"name": "g", "subGroups": [{"name": "sub/1", "realmRoles": ["x"]}]}]}),
    )
    .await;
    let source = inventory(&dev, &source_realm).await;
    let journal = temp_journal();

    let cases = [
        (
            CopyItem::Client("vault/api".into()),
            vec![
                "create_client",
                "create_role",
                "create_role",
                "create_role",
                "add_composites",
            ],
            vec![
                "remove_composites",
                "delete_role",
                "delete_role",
                "delete_role",
                "delete_client",
            ],
        ),
        (
            CopyItem::Role(RoleRef::realm("exec")),
            vec![
                "create_role",
                "update_role",
                "add_composites",
                "remove_composites",
            ],
            vec![
                "add_composites",
                "remove_composites",
                "update_role",
                "delete_role",
            ],
        ),
        (
            CopyItem::Group(vec!["g".into(), "sub/1".into()]),
            vec!["create_role", "add_group_roles", "remove_group_roles"],
            vec!["add_group_roles", "remove_group_roles", "delete_role"],
        ),
    ];
    for (item, forward, backward) in cases {
        let target = inventory(&staging, &target_realm).await;
        let before = without_ids(&target);
        let plan = copy("dev", &source, "staging", &target, item.clone());
        assert_eq!(kinds(&plan), forward, "plan for {item:?}");
        apply_all(&staging, &plan, &journal.journal).await;
        assert_ne!(
            before,
            without_ids(&inventory(&staging, &target_realm).await),
            "{item:?} changed the realm"
        );
        let undo = undo_last(&staging, &target_realm, &journal.journal, &before).await;
        assert_eq!(kinds(&undo), backward, "undo of {item:?}");
    }
}

/// Time limit for importing a corpus realm, well above the few seconds it
/// takes, because other tests load the same servers.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(180);

/// Reads a corpus export, or returns `None` with a notice when
/// `KCDECK_CORPUS_DIR` is unset.
fn corpus_export(file: &str) -> Option<Value> {
    let Some(dir) = std::env::var_os("KCDECK_CORPUS_DIR") else {
        eprintln!("notice: KCDECK_CORPUS_DIR is unset; the corpus copy test is skipped");
        return None;
    };
    let path = PathBuf::from(dir).join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    Some(serde_json::from_str(&text).expect("corpus file is JSON"))
}

/// Removes every `id` and `containerId`, because ids are unique per server
/// and another test may have imported the same file.
fn strip_ids(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("id");
            map.remove("containerId");
            map.values_mut().for_each(strip_ids);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_ids),
        _ => {}
    }
}

/// Imports an export under a new name, without its users.
async fn import(kc: &KeycloakClient, export: &Value, prefix: &str) -> ScratchRealm {
    let importer = KeycloakClient::new(Connection {
        timeout: IMPORT_TIMEOUT,
        ..kc.connection().clone()
    })
    .expect("import client");
    let mut representation = export.clone();
    strip_ids(&mut representation);
    if let Some(object) = representation.as_object_mut() {
        object.remove("users");
    }
    representation["realm"] = json!(unique_realm(prefix));
    scratch_realm(&importer, representation).await
}

#[tokio::test]
async fn corpus_executive_copy_creates_missing_roles_first() {
    let Some(loaded) = live_config() else { return };
    let Some(dev_export) = corpus_export("tamshai-enterprise-ai__realm-export-dev.json") else {
        return;
    };
    let Some(prod_export) = corpus_export("tamshai-enterprise-ai__realm-export.json") else {
        return;
    };
    let (dev, staging) = (client(&loaded, "dev"), client(&loaded, "staging"));
    let source_realm = import(&dev, &dev_export, "kcdeck-tamshai-dev").await;
    let target_realm = import(&staging, &prod_export, "kcdeck-tamshai-prod").await;
    let source = inventory(&dev, &source_realm).await;
    let target = inventory(&staging, &target_realm).await;
    let executive = RoleRef::realm("executive");

    let plan = copy(
        "dev",
        &source,
        "staging",
        &target,
        CopyItem::Role(executive.clone()),
    );
    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    let steps: Vec<String> = plan
        .operations
        .iter()
        .map(|operation| format!("{} {}", operation.kind(), operation.object()))
        .collect();
    assert_eq!(
        steps,
        [
            "create_role realm role \"payroll-read\"",
            "create_role realm role \"tax-read\"",
            "add_composites realm role \"executive\"",
        ]
    );
    let Operation::AddComposites { members, .. } = &plan.operations[2] else {
        panic!("expected the composite change last");
    };
    assert_eq!(
        members,
        &[RoleRef::realm("payroll-read"), RoleRef::realm("tax-read")]
    );

    let journal = temp_journal();
    apply_all(&staging, &plan, &journal.journal).await;
    let copied = inventory(&staging, &target_realm).await;
    let desired: BTreeSet<&RoleRef> = role(&source, &executive).composites.iter().collect();
    let found: BTreeSet<&RoleRef> = role(&copied, &executive).composites.iter().collect();
    assert_eq!(found, desired);
    for name in ["payroll-read", "tax-read"] {
        let member = RoleRef::realm(name);
        assert_eq!(
            role(&copied, &member).description,
            role(&source, &member).description
        );
    }
}

#[tokio::test]
async fn ignored_field_is_reported_unverified() {
    // Keycloak 26.7.3 ignores defaultClientScopes in PUT /clients/{id}, so
    // an update built by hand (plan_edit blocks it) cannot be verified.
    let Some(loaded) = live_config() else { return };
    let kc = client(&loaded, "staging");
    let realm = scratch_realm(
        &kc,
        json!({"realm": unique_realm("kcdeck-write-unverified"), "enabled": true,
            "clients": [{"clientId": "web", "publicClient": true}]}),
    )
    .await;
    let live = inventory(&kc, &realm).await;
    let before = kcdeck::plan::state::client_state(live.client("web").expect("client"));
    let mut after = before.clone();
    let scopes = after["defaultClientScopes"]
        .as_array_mut()
        .expect("default scopes");
    scopes.retain(|scope| scope != "email");

    let plan = Plan {
        env: "staging".into(),
        realm: realm.to_string(),
        title: "drop the email scope".into(),
        operations: vec![Operation::UpdateClient {
            client_id: "web".into(),
            before: before.clone(),
            after: after.clone(),
        }],
        ..Plan::default()
    };
    let journal = temp_journal();
    let outcome = apply::apply(&kc, &plan, &confirmed("staging"), &journal.journal, |_| {})
        .await
        .expect("plan starts");

    let StepStatus::Unverified { expected, current } = &outcome.steps[0].status else {
        panic!("expected an unverified step: {:?}", outcome.steps[0].status);
    };
    assert_eq!(expected, &after);
    assert_eq!(current.as_ref(), Some(&before));
    assert_eq!(outcome.written().len(), 1, "the write reached the server");
}
