//! Unit tests of planning: copies, edits and their descriptions.

use serde_json::{Value, json};

use super::copy::Side;
use super::*;
use crate::inventory::export::from_export;
use crate::inventory::{Inventory, Kind, Role, RoleRef};

fn realm(name: &str, export: Value) -> Inventory {
    let mut export = export;
    export["realm"] = json!(name);
    export["defaultRole"] = json!({"name": format!("default-roles-{name}")});
    let roles = export
        .pointer_mut("/roles/realm")
        .and_then(Value::as_array_mut);
    let default = json!({"name": format!("default-roles-{name}"), "composite": true,
        "composites": {"realm": ["offline_access"]}});
    let offline = json!({"name": "offline_access"});
    match roles {
        Some(roles) => roles.extend([default, offline]),
        None => export["roles"] = json!({"realm": [default, offline]}),
    }
    from_export(&export).expect("fixture export is valid")
}

fn copy(source: &Inventory, target: &Inventory, item: CopyItem) -> Plan {
    plan_copy(
        Side {
            env: "dev",
            inventory: source,
        },
        Side {
            env: "prod",
            inventory: target,
        },
        &item,
    )
}

fn role_item(name: &str) -> CopyItem {
    CopyItem::Role(RoleRef::realm(name))
}

/// Lists the operations as `kind role-or-object`, for compact order checks.
fn steps(plan: &Plan) -> Vec<String> {
    plan.operations
        .iter()
        .map(|operation| format!("{} {}", operation.kind(), operation.object()))
        .collect()
}

fn composite(name: &str, members: &[&str]) -> Value {
    json!({"name": name, "description": format!("{name} role"), "composite": true,
        "composites": {"realm": members}})
}

fn plain(name: &str) -> Value {
    json!({"name": name, "description": format!("{name} role")})
}

#[test]
fn copy_role_creates_members_first() {
    let source = realm(
        "src",
        json!({"roles": {"realm": [
            composite("exec", &["a", "b"]), composite("b", &["c"]), plain("a"), plain("c")
        ]}}),
    );
    let target = realm("tgt", json!({"roles": {"realm": [plain("a")]}}));
    let plan = copy(&source, &target, role_item("exec"));

    assert!(plan.blockers.is_empty(), "blockers: {:?}", plan.blockers);
    assert_eq!(
        steps(&plan),
        [
            "create_role realm role \"c\"",
            "create_role realm role \"b\"",
            "create_role realm role \"exec\"",
            "add_composites realm role \"b\"",
            "add_composites realm role \"exec\"",
        ]
    );
    let Operation::AddComposites { members, .. } = &plan.operations[4] else {
        panic!("expected composites of exec");
    };
    assert_eq!(members, &[RoleRef::realm("a"), RoleRef::realm("b")]);
}

#[test]
fn copy_role_existing_becomes_equal() {
    let source = realm(
        "src",
        json!({"roles": {"realm": [
            {"name": "exec", "description": "new", "attributes": {"tier": ["1"]}, "composite": true,
             "composites": {"realm": ["a", "b"]}},
            plain("a"), plain("b")
        ]}}),
    );
    let target = realm(
        "tgt",
        json!({"roles": {"realm": [
            {"name": "exec", "description": "old", "composite": true, "composites": {"realm": ["a", "x"]}},
            plain("a"), plain("x")
        ]}}),
    );
    let plan = copy(&source, &target, role_item("exec"));

    assert_eq!(
        steps(&plan),
        [
            "create_role realm role \"b\"",
            "update_role realm role \"exec\"",
            "add_composites realm role \"exec\"",
            "remove_composites realm role \"exec\"",
        ]
    );
    let Operation::RemoveComposites {
        members, before, ..
    } = &plan.operations[3]
    else {
        panic!("expected a removal");
    };
    assert_eq!(members, &[RoleRef::realm("x")]);
    assert_eq!(
        before,
        &[
            RoleRef::realm("a"),
            RoleRef::realm("b"),
            RoleRef::realm("x")
        ],
        "removal starts from the state after the addition"
    );
    let text = plan.describe().join("\n");
    assert!(text.contains("description: \"old\" → \"new\""), "{text}");
    assert!(
        text.contains("attributes: (absent) → {\"tier\":[\"1\"]}"),
        "{text}"
    );
    assert!(text.contains("- realm role \"x\""), "{text}");
}

#[test]
fn copy_identical_role_plans_nothing() {
    let source = realm(
        "src",
        json!({"roles": {"realm": [composite("exec", &["a"]), plain("a")]}}),
    );
    let target = realm(
        "tgt",
        json!({"roles": {"realm": [composite("exec", &["a"]), plain("a")]}}),
    );
    let plan = copy(&source, &target, role_item("exec"));
    assert!(plan.is_empty(), "{:?}", steps(&plan));
    assert!(plan.blockers.is_empty());
}

#[test]
fn copy_role_cycle_is_noted_once() {
    let source = realm(
        "src",
        json!({"roles": {"realm": [composite("a", &["b"]), composite("b", &["a"])]}}),
    );
    let target = realm("tgt", json!({}));
    let plan = copy(&source, &target, role_item("a"));

    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    assert_eq!(
        steps(&plan),
        [
            "create_role realm role \"b\"",
            "create_role realm role \"a\"",
            "add_composites realm role \"b\"",
            "add_composites realm role \"a\"",
        ]
    );
    assert_eq!(plan.notes.len(), 1, "{:?}", plan.notes);
    assert!(plan.notes[0].contains("a → b → a"), "{}", plan.notes[0]);
}

#[test]
fn copy_role_needing_missing_client_blocks() {
    let source = realm(
        "src",
        json!({
            "clients": [{"clientId": "api", "publicClient": true}],
            "roles": {"realm": [{"name": "exec", "composite": true,
                "composites": {"client": {"api": ["read"]}}}],
                "client": {"api": [plain("read")]}}
        }),
    );
    let target = realm("tgt", json!({}));
    let plan = copy(&source, &target, role_item("exec"));
    assert_eq!(plan.blockers.len(), 1, "{:?}", plan.blockers);
    assert!(
        plan.blockers[0].contains("client \"api\" is missing"),
        "{}",
        plan.blockers[0]
    );
    assert!(plan.blockers[0].contains("copy the client first"));
}

#[test]
fn copy_missing_builtin_role_blocks() {
    let source = realm(
        "src",
        json!({
            "clients": [{"clientId": "realm-management", "bearerOnly": true}],
            "roles": {"realm": [{"name": "exec", "composite": true,
                "composites": {"client": {"realm-management": ["view-future"]}}}],
                "client": {"realm-management": [plain("view-future")]}}
        }),
    );
    let target = realm(
        "tgt",
        json!({"clients": [{"clientId": "realm-management", "bearerOnly": true}]}),
    );
    let plan = copy(&source, &target, role_item("exec"));
    assert_eq!(plan.blockers.len(), 1, "{:?}", plan.blockers);
    assert!(plan.blockers[0].contains("built-in role"));
}

fn confidential_source() -> Inventory {
    realm(
        "src",
        json!({
            "clients": [{"id": "5f0c-source-client-id", "clientId": "api", "secret": "s3cr3t-value",
                "publicClient": false, "serviceAccountsEnabled": true, "enabled": true,
                "redirectUris": ["https://api.example/*"],
                "attributes": {"client.secret.creation.time": "1700000000", "pkce": "S256"},
                "protocolMappers": [{"id": "9a1e-source-mapper-id", "name": "tenant",
                    "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                    "config": {"claim.name": "tenant", "claim.value": "acme"}}]}],
            "roles": {"realm": [{"id": "77aa-source-role-id", "name": "reader"}],
                "client": {"api": [
                    {"id": "88bb-source-role-id", "name": "read", "composite": true,
                     "composites": {"realm": ["reader"]}},
                    {"id": "99cc-source-role-id", "name": "write"}]}}
        }),
    )
}

#[test]
fn copy_client_never_copies_ids_or_secrets() {
    let source = confidential_source();
    let target = realm("tgt", json!({}));
    let plan = copy(&source, &target, CopyItem::Client("api".into()));

    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    assert_eq!(
        steps(&plan),
        [
            "create_client client \"api\"",
            "create_role realm role \"reader\"",
            "create_role client role \"api\" » \"read\"",
            "create_role client role \"api\" » \"write\"",
            "add_composites client role \"api\" » \"read\"",
        ]
    );
    let serialized = serde_json::to_string(&plan).expect("plan serializes");
    for forbidden in [
        "5f0c-source-client-id",
        "9a1e-source-mapper-id",
        "77aa-source-role-id",
        "88bb-source-role-id",
        "s3cr3t-value",
        "**********",
        "client.secret.creation.time",
    ] {
        assert!(!serialized.contains(forbidden), "plan contains {forbidden}");
    }
    let text = plan.describe().join("\n");
    assert!(
        text.contains("protocolMappers.tenant: (absent) → {\"config\":"),
        "{text}"
    );
    let Operation::CreateClient { after, .. } = &plan.operations[0] else {
        panic!("expected the client first");
    };
    assert_eq!(after["protocolMappers"][0]["name"], "tenant");
    assert_eq!(after["attributes"]["pkce"], "S256");
    assert!(
        plan.notes
            .iter()
            .any(|note| note.contains("confidential") && note.contains("new one")),
        "{:?}",
        plan.notes
    );
    assert!(
        plan.notes
            .iter()
            .any(|note| note.contains("service account"))
    );
}

#[test]
fn copy_existing_client_blocks() {
    let source = confidential_source();
    let target = realm(
        "tgt",
        json!({"clients": [{"clientId": "api", "publicClient": true}]}),
    );
    let plan = copy(&source, &target, CopyItem::Client("api".into()));
    assert!(
        plan.blockers[0].contains("already exists"),
        "{:?}",
        plan.blockers
    );
}

#[test]
fn copy_client_missing_scope_blocks() {
    let source = realm(
        "src",
        json!({"clients": [{"clientId": "web", "publicClient": true,
            "defaultClientScopes": ["shop-profile"]}],
            "clientScopes": [{"name": "shop-profile", "protocol": "openid-connect"}]}),
    );
    let target = realm("tgt", json!({"clientScopes": []}));
    let plan = copy(&source, &target, CopyItem::Client("web".into()));
    assert_eq!(plan.blockers.len(), 1, "{:?}", plan.blockers);
    assert!(plan.blockers[0].contains("client scope \"shop-profile\""));
}

#[test]
fn default_role_member_maps_to_target_default() {
    let source = realm(
        "src",
        json!({"roles": {"realm": [composite("exec", &["default-roles-src"])]}}),
    );
    let target = realm("tgt", json!({}));
    let plan = copy(&source, &target, role_item("exec"));

    let Operation::AddComposites { members, .. } = &plan.operations[1] else {
        panic!("expected composites: {:?}", steps(&plan));
    };
    assert_eq!(members, &[RoleRef::realm("default-roles-tgt")]);
    let serialized = serde_json::to_string(&plan).expect("plan serializes");
    assert!(!serialized.contains("default-roles-src"));
}

#[test]
fn default_role_copies_onto_target_default() {
    let mut source = realm("src", json!({"roles": {"realm": [plain("viewer")]}}));
    if let Some(default) = source.default_role.as_mut() {
        default.members.push(RoleRef::realm("viewer"));
    }
    let target = realm("tgt", json!({"roles": {"realm": [plain("viewer")]}}));
    let plan = copy(&source, &target, role_item("default-roles-src"));

    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    assert_eq!(
        steps(&plan),
        ["add_composites realm role \"default-roles-tgt\""]
    );
    assert!(
        plan.notes
            .iter()
            .any(|note| note.contains("only its members change"))
    );
}

#[test]
fn default_role_skipped_without_target_default() {
    let source = realm(
        "src",
        json!({"roles": {"realm": [composite("exec", &["default-roles-src", "a"]), plain("a")]}}),
    );
    let mut target = realm("tgt", json!({"roles": {"realm": [plain("a")]}}));
    target.default_role = None;
    let plan = copy(&source, &target, role_item("exec"));

    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    let Operation::AddComposites { members, .. } = &plan.operations[1] else {
        panic!("expected composites: {:?}", steps(&plan));
    };
    assert_eq!(members, &[RoleRef::realm("a")]);
    assert!(plan.notes.iter().any(|note| note.contains("is skipped")));
}

fn grouped(roles: &[&str]) -> Value {
    json!({"groups": [{"name": "staff", "subGroups": [
        {"name": "night/shift", "realmRoles": roles, "clientRoles": {"api": ["read"]}}
    ]}]})
}

#[test]
fn copy_group_adds_and_removes_mappings() {
    let mut source_export = grouped(&["a", "b"]);
    source_export["clients"] = json!([{"clientId": "api", "publicClient": true}]);
    source_export["roles"] =
        json!({"realm": [plain("a"), plain("b")], "client": {"api": [plain("read")]}});
    let source = realm("src", source_export);
    let mut target_export = grouped(&["a", "old"]);
    target_export["clients"] = json!([{"clientId": "api", "publicClient": true}]);
    target_export["roles"] =
        json!({"realm": [plain("a"), plain("old")], "client": {"api": [plain("read")]}});
    let target = realm("tgt", target_export);

    let path = vec!["staff".to_owned(), "night/shift".to_owned()];
    let plan = copy(&source, &target, CopyItem::Group(path));
    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    assert_eq!(
        steps(&plan),
        [
            "create_role realm role \"b\"",
            "add_group_roles group /staff/night~/shift",
            "remove_group_roles group /staff/night~/shift",
        ]
    );
    assert_eq!(
        plan.operations[2].after(),
        state::mappings_state(&[
            RoleRef::realm("a"),
            RoleRef::realm("b"),
            RoleRef::client("api", "read")
        ])
    );
}

#[test]
fn copy_group_missing_in_target_blocks() {
    let source = realm("src", grouped(&[]));
    let target = realm("tgt", json!({}));
    let path = vec!["staff".to_owned(), "night/shift".to_owned()];
    let plan = copy(&source, &target, CopyItem::Group(path));
    assert_eq!(plan.blockers.len(), 1, "{:?}", plan.blockers);
    assert!(plan.blockers[0].contains("kcdeck does not create groups"));
}

#[test]
fn incomplete_target_blocks_copy() {
    let source = realm("src", json!({"roles": {"realm": [plain("a")]}}));
    let mut target = realm("tgt", json!({}));
    target.incomplete.insert(Kind::ClientRoles);
    let plan = copy(&source, &target, role_item("a"));
    assert!(
        plan.blockers
            .iter()
            .any(|blocker| blocker.contains("client roles could not be read")),
        "{:?}",
        plan.blockers
    );
}

#[test]
fn edit_role_delete_lists_lost_links() {
    let target = realm(
        "tgt",
        json!({"roles": {"realm": [composite("exec", &["a"]), plain("a")]},
            "groups": [{"name": "staff", "realmRoles": ["a"]}]}),
    );
    let plan = plan_edit(
        "prod",
        &target,
        &Edit::Role {
            role: RoleRef::realm("a"),
            after: None,
        },
    );
    assert_eq!(steps(&plan), ["delete_role realm role \"a\""]);
    let notes = plan.notes.join("\n");
    assert!(notes.contains("composite roles exec"), "{notes}");
    assert!(notes.contains("groups /staff"), "{notes}");
}

#[test]
fn edit_default_role_delete_blocks() {
    let target = realm("tgt", json!({}));
    let plan = plan_edit(
        "prod",
        &target,
        &Edit::Role {
            role: RoleRef::realm("default-roles-tgt"),
            after: None,
        },
    );
    assert!(plan.blockers[0].contains("default role"));
}

#[test]
fn edit_role_create_needs_existing_members() {
    let target = realm("tgt", json!({"roles": {"realm": [plain("a")]}}));
    let desired = Role {
        name: "new/role é".into(),
        description: Some("made here".into()),
        composites: vec![RoleRef::realm("a"), RoleRef::realm("ghost")],
        ..Role::default()
    };
    let plan = plan_edit(
        "prod",
        &target,
        &Edit::Role {
            role: RoleRef::realm("new/role é"),
            after: Some(desired),
        },
    );
    assert_eq!(
        steps(&plan),
        [
            "create_role realm role \"new/role é\"",
            "add_composites realm role \"new/role é\""
        ]
    );
    assert_eq!(plan.blockers.len(), 1, "{:?}", plan.blockers);
    assert!(plan.blockers[0].contains("\"ghost\"") || plan.blockers[0].contains("ghost"));
}

#[test]
fn edit_client_plans_whole_update() {
    let target = realm(
        "tgt",
        json!({"clients": [{"clientId": "web", "publicClient": true, "redirectUris": ["a"],
            "protocolMappers": [{"name": "m", "protocolMapper": "x"}]}]}),
    );
    let mut fields = target.client("web").expect("client").fields.clone();
    fields.insert("redirectUris".into(), json!(["a", "b"]));
    let plan = plan_edit(
        "prod",
        &target,
        &Edit::Client {
            client_id: "web".into(),
            fields,
        },
    );
    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    assert_eq!(steps(&plan), ["update_client client \"web\""]);
    let text = plan.describe().join("\n");
    assert!(
        text.contains("redirectUris: [\"a\"] → [\"a\",\"b\"]"),
        "{text}"
    );
    assert!(
        text.contains("PUT /admin/realms/tgt/clients/{id}"),
        "{text}"
    );
}

#[test]
fn edit_user_roles_adds_and_removes() {
    let target = realm("tgt", json!({"roles": {"realm": [plain("a"), plain("b")]}}));
    let plan = plan_edit(
        "prod",
        &target,
        &Edit::UserRoles {
            username: "jürgen".into(),
            before: vec![RoleRef::realm("a")],
            after: vec![RoleRef::realm("b")],
        },
    );
    assert_eq!(
        steps(&plan),
        [
            "add_user_roles user \"jürgen\"",
            "remove_user_roles user \"jürgen\""
        ]
    );
    assert!(plan.blockers.is_empty());
}

#[test]
fn describe_numbers_steps_and_lists_blockers() {
    let source = realm("src", json!({"roles": {"realm": [plain("a")]}}));
    let target = realm("tgt", json!({}));
    let mut plan = copy(&source, &target, role_item("a"));
    plan.blockers.push("something is in the way".into());
    let lines = plan.describe();
    assert_eq!(lines[0], "copy realm role \"a\" from dev/src to prod/tgt");
    assert_eq!(lines[1], "target: prod, realm \"tgt\"; 1 operation");
    assert_eq!(lines[2], "  1. create realm role \"a\"");
    assert_eq!(lines[3], "       POST /admin/realms/tgt/roles");
    assert_eq!(lines[4], "       description: (absent) → \"a role\"");
    assert_eq!(lines[5], "blocked, nothing can be applied:");
}

#[test]
fn edit_client_scopes_blocked() {
    let target = realm(
        "tgt",
        json!({"clients": [{"clientId": "web", "publicClient": true,
            "defaultClientScopes": ["email", "roles"]}]}),
    );
    let mut fields = target.client("web").expect("client").fields.clone();
    fields.insert("defaultClientScopes".into(), json!(["roles"]));
    let plan = plan_edit(
        "prod",
        &target,
        &Edit::Client {
            client_id: "web".into(),
            fields,
        },
    );
    assert_eq!(plan.blockers.len(), 1, "{:?}", plan.blockers);
    assert!(plan.blockers[0].contains("defaultClientScopes"));
}
