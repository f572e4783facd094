//! Live tests of every read call against a real Keycloak, including paging,
//! names that need percent-encoding, token renewal and unreachable servers.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::live::{client, create_realm, delete_realm, live_config, unique_realm};
use kcdeck::inventory::RoleRef;
use kcdeck::inventory::fetch::fetch_inventory;
use kcdeck::inventory::snapshot::to_snapshot_json;
use kcdeck::keycloak::json::str_field;
use kcdeck::keycloak::{Connection, Credentials, Grant, KeycloakClient, KeycloakError, Masked};
use reqwest::Method;
use serde_json::{Value, json};

/// Names that break naive URL building, in several scripts.
const AWKWARD: &[&str] = &[
    "a/b",
    "x;y",
    "50%",
    "c+d",
    "r&d",
    "#1",
    "with space",
    "q?",
    "роль",
    "角色",
    "ünïcødé",
];

fn names(values: &[Value], key: &str) -> BTreeSet<String> {
    values
        .iter()
        .map(|value| str_field(value, key).to_owned())
        .collect()
}

#[tokio::test]
async fn reads_seeded_realm_in_both_servers() {
    let Some(loaded) = live_config() else { return };
    for env in ["dev", "staging"] {
        let kc = client(&loaded, env);
        let info = kc.server_info().await.expect("server info");
        assert!(
            info.version.starts_with("26."),
            "{env} version {}",
            info.version
        );
        assert_eq!(info.identity, "admin");

        let realms = names(&kc.realms().await.expect("realms"), "realm");
        assert!(realms.contains("acme-shop"), "{env} realms: {realms:?}");
        let realm = kc.realm("acme-shop").await.expect("realm");
        assert_eq!(str_field(&realm, "realm"), "acme-shop");

        let clients = kc.clients("acme-shop").await.expect("clients");
        let checkout = clients
            .iter()
            .find(|c| str_field(c, "clientId") == "checkout-api")
            .expect("checkout-api");
        let roles = kc
            .client_roles("acme-shop", str_field(checkout, "id"))
            .await
            .expect("client roles");
        assert!(names(&roles, "name").contains("orders:read"));

        let realm_roles = kc.realm_roles("acme-shop").await.expect("realm roles");
        let manager = realm_roles
            .iter()
            .find(|r| str_field(r, "name") == "store-manager")
            .expect("store-manager");
        assert!(
            manager.get("attributes").is_some(),
            "full representation carries attributes"
        );
        let members = kc
            .role_composites("acme-shop", str_field(manager, "id"))
            .await
            .expect("composites");
        assert!(
            names(&members, "name").contains("reports:view"),
            "client role members listed"
        );

        let groups = kc.top_groups("acme-shop").await.expect("groups");
        assert!(!groups.is_empty());
        let group_id = str_field(&groups[0], "id");
        kc.group_children("acme-shop", group_id)
            .await
            .expect("children");
        let mappings = kc
            .group_role_mappings("acme-shop", group_id)
            .await
            .expect("mappings");
        assert!(mappings.is_object());

        assert!(
            !kc.client_scopes("acme-shop")
                .await
                .expect("scopes")
                .is_empty()
        );
        kc.realm_default_scopes("acme-shop", "default-default-client-scopes")
            .await
            .expect("default scopes");
        kc.identity_providers("acme-shop")
            .await
            .expect("identity providers");
        let flows = kc.flows("acme-shop").await.expect("flows");
        let browser = flows
            .iter()
            .find(|f| str_field(f, "alias") == "browser")
            .expect("browser flow");
        let steps = kc
            .flow_executions("acme-shop", str_field(browser, "alias"))
            .await
            .expect("executions");
        assert!(!steps.is_empty());
        kc.search_users("acme-shop", "a")
            .await
            .expect("user search");
        let role = kc
            .role_by_id("acme-shop", str_field(manager, "id"))
            .await
            .expect("role by id");
        assert_eq!(str_field(&role, "name"), "store-manager");
    }
}

#[tokio::test]
async fn inventory_matches_seed_and_snapshot_is_stable() {
    let Some(loaded) = live_config() else { return };
    let kc = client(&loaded, "dev");
    let first = fetch_inventory(&kc, "acme-shop").await.expect("inventory");
    assert!(first.failures.is_empty(), "{:?}", first.failures);
    let inventory = &first.inventory;

    let seed: Value = serde_json::from_str(include_str!("../scripts/seed/dev/acme-shop.json"))
        .expect("seed JSON");
    let seeded_roles = names(seed["roles"]["realm"].as_array().expect("roles"), "name");
    let loaded_roles: BTreeSet<String> = inventory
        .realm_roles
        .iter()
        .map(|role| role.name.clone())
        .collect();
    assert!(
        seeded_roles.is_subset(&loaded_roles),
        "missing: {:?}",
        seeded_roles.difference(&loaded_roles)
    );
    let manager = inventory
        .role(&RoleRef::realm("store-manager"))
        .expect("store-manager");
    assert!(
        manager
            .composites
            .contains(&RoleRef::client("backoffice", "reports:view"))
    );
    assert!(
        inventory
            .containing_roles(&RoleRef::realm("store-manager"))
            .contains(&RoleRef::realm("shop-admin"))
    );

    let second = fetch_inventory(&kc, "acme-shop")
        .await
        .expect("inventory again");
    assert_eq!(
        to_snapshot_json(inventory),
        to_snapshot_json(&second.inventory),
        "snapshots are byte-identical"
    );
    let snapshot = to_snapshot_json(inventory);
    let checkout = inventory.client("checkout-api").expect("checkout-api");
    assert_eq!(checkout.secret, kcdeck::inventory::SecretState::Set);
    let checkout_id = &inventory.ids.clients["checkout-api"];
    let raw = kc
        .get(&["acme-shop", "clients", checkout_id, "client-secret"], &[])
        .await
        .expect("secret");
    let value = str_field(&raw, "value");
    assert!(value.len() > 8, "the server holds a real secret");
    assert!(
        !snapshot.contains(value),
        "the snapshot never holds the secret value"
    );
}

#[tokio::test]
async fn paging_reads_past_one_page() {
    let Some(loaded) = live_config() else { return };
    let kc = client(&loaded, "dev");
    let roles: Vec<Value> = (0..135)
        .map(|i| json!({"name": format!("role-{i:03}")}))
        .collect();
    let children: Vec<Value> = (0..23)
        .map(|i| json!({"name": format!("team-{i:02}")}))
        .collect();
    let realm = create_realm(
        &kc,
        json!({"realm": unique_realm("kcdeck-paging"), "enabled": true,
        "roles": {"realm": roles}, "groups": [{"name": "teams", "subGroups": children}]}),
    )
    .await;

    let listed = kc.realm_roles(&realm).await.expect("roles");
    let expected = 135 + 3; // offline_access, uma_authorization, default-roles-<realm>
    assert_eq!(listed.len(), expected, "every role across two pages");
    let small_pages = kc
        .get_paged(&[&realm, "roles"], &[], 10)
        .await
        .expect("paged by 10");
    assert_eq!(
        names(&small_pages, "name").len(),
        expected,
        "no duplicates or gaps with small pages"
    );

    let inventory = fetch_inventory(&kc, &realm)
        .await
        .expect("inventory")
        .inventory;
    let teams: Vec<_> = inventory
        .groups
        .iter()
        .filter(|group| group.path.len() == 2)
        .collect();
    assert_eq!(
        teams.len(),
        23,
        "group children past the server's default page of 10"
    );
    delete_realm(&kc, &realm).await;
}

#[tokio::test]
async fn awkward_names_round_trip() {
    let Some(loaded) = live_config() else { return };
    let kc = client(&loaded, "dev");
    let roles: Vec<Value> = AWKWARD
        .iter()
        .map(|name| json!({"name": name, "description": format!("role {name}")}))
        .collect();
    let realm = create_realm(&kc, json!({
        "realm": unique_realm("kcdeck-names"), "enabled": true,
        "roles": {"realm": roles, "client": {"app/one": [{"name": "x;y"}, {"name": "роль"}]}},
        "clients": [{"clientId": "app/one", "enabled": true, "publicClient": true}],
        "groups": [{"name": "a/b", "subGroups": [{"name": "c d", "realmRoles": ["a/b", "роль"]}]}]
    }))
    .await;
    let composite = json!({"name": "all odd", "composite": true});
    kc.write(Method::POST, &[&realm, "roles"], Some(&composite))
        .await
        .expect("composite role created");
    let members: Vec<Value> = {
        let listed = kc.realm_roles(&realm).await.expect("roles");
        listed
            .into_iter()
            .filter(|role| AWKWARD.contains(&str_field(role, "name")))
            .collect()
    };
    kc.write(
        Method::POST,
        &[&realm, "roles", "all odd", "composites"],
        Some(&Value::Array(members)),
    )
    .await
    .expect("members added");

    for name in AWKWARD {
        let role = kc
            .get(&[&realm, "roles", name], &[])
            .await
            .unwrap_or_else(|error| panic!("GET role {name:?}: {error}"));
        assert_eq!(str_field(&role, "name"), *name);
        assert_eq!(str_field(&role, "description"), format!("role {name}"));
    }
    let inventory = fetch_inventory(&kc, &realm)
        .await
        .expect("inventory")
        .inventory;
    let odd = inventory
        .role(&RoleRef::realm("all odd"))
        .expect("composite role");
    let member_names: BTreeSet<&str> = odd
        .composites
        .iter()
        .map(|member| member.name.as_str())
        .collect();
    assert_eq!(member_names, AWKWARD.iter().copied().collect());
    assert!(inventory.role(&RoleRef::client("app/one", "x;y")).is_some());
    let child = inventory
        .groups
        .iter()
        .find(|group| group.path == ["a/b", "c d"])
        .expect("slash group is one name");
    assert_eq!(child.realm_roles, ["a/b", "роль"]);
    delete_realm(&kc, &realm).await;
}

#[tokio::test]
async fn short_token_lifespan_is_renewed() {
    let Some(loaded) = live_config() else { return };
    let admin = client(&loaded, "dev");
    let realm = create_realm(&admin, json!({"realm": unique_realm("kcdeck-token"), "enabled": true, "accessTokenLifespan": 3, "ssoSessionIdleTimeout": 600})).await;
    let user = json!({"username": "ops", "enabled": true, "firstName": "Op", "lastName": "Erator", "email": "ops@example.test", "emailVerified": true,
        "credentials": [{"type": "password", "value": "ops-password", "temporary": false}]});
    admin
        .write(Method::POST, &[&realm, "users"], Some(&user))
        .await
        .expect("user created");
    let users = admin.search_users(&realm, "ops").await.expect("user");
    let user_id = str_field(&users[0], "id").to_owned();
    let clients = admin.clients(&realm).await.expect("clients");
    let management = clients
        .iter()
        .find(|c| str_field(c, "clientId") == "realm-management")
        .expect("realm-management");
    let management_id = str_field(management, "id").to_owned();
    let realm_admin = admin
        .get(
            &[&realm, "clients", &management_id, "roles", "realm-admin"],
            &[],
        )
        .await
        .expect("realm-admin role");
    let mapping = json!([realm_admin]);
    admin
        .write(
            Method::POST,
            &[
                &realm,
                "users",
                &user_id,
                "role-mappings",
                "clients",
                &management_id,
            ],
            Some(&mapping),
        )
        .await
        .expect("role mapped");

    let base = admin.connection().base_url.clone();
    let ops = KeycloakClient::new(Connection {
        env: "token-test".into(),
        base_url: base,
        credentials: Credentials {
            login_realm: realm.clone(),
            grant: Grant::Password,
            client_id: "admin-cli".into(),
            username: Some("ops".into()),
            secret: Masked::new("ops-password"),
        },
        ca_cert_pem: None,
        insecure_tls: false,
        read_only: true,
        concurrency: 2,
        timeout: Duration::from_secs(20),
    })
    .expect("client");
    assert_eq!(ops.identity().await.expect("login"), "ops");
    ops.realm_roles(&realm).await.expect("first read");
    tokio::time::sleep(Duration::from_secs(4)).await;
    ops.realm_roles(&realm)
        .await
        .expect("read after the access token expired");

    // Ending the user's sessions makes the held token fail with 401; the client logs in again once.
    admin
        .write(Method::POST, &[&realm, "users", &user_id, "logout"], None)
        .await
        .expect("sessions ended");
    ops.realm_roles(&realm)
        .await
        .expect("read after a 401 and one fresh login");
    delete_realm(&admin, &realm).await;
}

#[tokio::test]
async fn unreachable_environment_reports_cause() {
    let kc = KeycloakClient::new(Connection {
        env: "gone".into(),
        base_url: "http://127.0.0.1:9".into(),
        credentials: Credentials {
            login_realm: "master".into(),
            grant: Grant::Password,
            client_id: "admin-cli".into(),
            username: Some("admin".into()),
            secret: Masked::new("x"),
        },
        ca_cert_pem: None,
        insecure_tls: false,
        read_only: true,
        concurrency: 1,
        timeout: Duration::from_secs(5),
    })
    .expect("client");
    let error = kc.realms().await.expect_err("nothing listens on port 9");
    assert!(
        matches!(error, KeycloakError::Unreachable { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("127.0.0.1:9"), "{error}");
}

#[tokio::test]
async fn read_only_client_rejects_writes_before_sending() {
    let Some(loaded) = live_config() else { return };
    let kc = kcdeck::command::setup::live_client(&loaded.config, "dev", true).expect("client");
    let role = json!({"name": "must-not-exist"});
    let error = kc
        .write(Method::POST, &["acme-shop", "roles"], Some(&role))
        .await
        .expect_err("read-only");
    assert!(matches!(error, KeycloakError::ReadOnly { .. }), "{error:?}");
    let missing = kc
        .get(&["acme-shop", "roles", "must-not-exist"], &[])
        .await
        .expect_err("never created");
    assert!(missing.is_not_found());
}
