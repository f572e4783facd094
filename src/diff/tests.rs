//! Rules of the comparison checked end to end on small hand-built inventories.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::*;
use crate::inventory::{
    AuthFlow, Client, ClientScope, DefaultRole, Fields, FlowStep, Group, IdentityProvider,
    Inventory, Kind, ProtocolMapper, Role, RoleRef, SecretState,
};

fn fields(value: Value) -> Fields {
    serde_json::from_value(value).expect("test fields are an object")
}

fn client(client_id: &str, value: Value) -> Client {
    Client {
        client_id: client_id.into(),
        fields: fields(value),
        ..Client::default()
    }
}

fn role(name: &str) -> Role {
    Role {
        name: name.into(),
        ..Role::default()
    }
}

fn realm(name: &str) -> Inventory {
    Inventory {
        realm: name.into(),
        ..Inventory::default()
    }
}

fn differences(comparison: &Comparison) -> Vec<(Kind, String, Status)> {
    comparison
        .differences()
        .map(|entry| (entry.kind, entry.key.display.clone(), entry.status))
        .collect()
}

fn entry<'c>(comparison: &'c Comparison, kind: Kind, key: &str) -> &'c Entry {
    comparison
        .entries_of(kind)
        .find(|entry| entry.key.display == key)
        .unwrap_or_else(|| panic!("no {kind:?} entry {key}"))
}

fn paths(entry: &Entry) -> Vec<String> {
    entry
        .changes
        .iter()
        .map(|change| change.path.to_string())
        .collect()
}

#[test]
fn client_matched_by_client_id_not_id() {
    let mut a = realm("r");
    a.clients.push(client("app", json!({"enabled": true})));
    a.ids.clients.insert("app".into(), "id-1".into());
    let mut b = realm("r");
    b.clients.push(client("app", json!({"enabled": true})));
    b.ids.clients.insert("app".into(), "id-2".into());
    b.ids.realm = Some("realm-id".into());

    let comparison = compare(&a, &b, &Rules::default());
    assert!(differences(&comparison).is_empty());
    assert_eq!(
        entry(&comparison, Kind::Clients, "app").status,
        Status::Same
    );
}

#[test]
fn client_role_keyed_by_owner_and_name() {
    let mut a = realm("r");
    let mut one = client("one", json!({}));
    one.roles.push(role("ROLE_APP"));
    a.clients.push(one);
    a.clients.push(client("two", json!({})));
    let mut b = realm("r");
    b.clients.push(client("one", json!({})));
    let mut two = client("two", json!({}));
    two.roles.push(role("ROLE_APP"));
    b.clients.push(two);

    let comparison = compare(&a, &b, &Rules::default());
    assert_eq!(
        differences(&comparison),
        [
            (Kind::ClientRoles, "one » ROLE_APP".into(), Status::OnlyInA),
            (Kind::ClientRoles, "two » ROLE_APP".into(), Status::OnlyInB),
        ]
    );
    let key = &entry(&comparison, Kind::ClientRoles, "one » ROLE_APP").key;
    assert_eq!(key.parts, ["one", "ROLE_APP"]);
}

#[test]
fn realm_and_client_role_kept_apart() {
    let mut a = realm("r");
    a.realm_roles.push(role("admin"));
    let mut b = realm("r");
    let mut app = client("app", json!({}));
    app.roles.push(role("admin"));
    b.clients.push(app.clone());
    a.clients.push(client("app", json!({})));

    let comparison = compare(&a, &b, &Rules::default());
    assert_eq!(
        differences(&comparison),
        [
            (Kind::RealmRoles, "admin".into(), Status::OnlyInA),
            (Kind::ClientRoles, "app » admin".into(), Status::OnlyInB),
        ]
    );
}

#[test]
fn group_slash_in_name_is_not_nesting() {
    let mut a = realm("r");
    a.groups.push(Group {
        path: vec!["a/b".into()],
        ..Group::default()
    });
    let mut b = realm("r");
    b.groups.push(Group {
        path: vec!["a".into()],
        ..Group::default()
    });
    b.groups.push(Group {
        path: vec!["a".into(), "b".into()],
        ..Group::default()
    });

    let comparison = compare(&a, &b, &Rules::default());
    assert_eq!(
        differences(&comparison),
        [
            (Kind::Groups, "/a".into(), Status::OnlyInB),
            (Kind::Groups, "/a/b".into(), Status::OnlyInB),
            (Kind::Groups, "/a~/b".into(), Status::OnlyInA),
        ]
    );
    let nested = entry(&comparison, Kind::Groups, "/a/b");
    assert_eq!(nested.key.parts, ["a", "b"]);
}

#[test]
fn group_role_mappings_compare_as_set() {
    let group = |realm_roles: &[&str], client_roles: &[&str]| Group {
        path: vec!["staff".into()],
        realm_roles: realm_roles.iter().map(|name| (*name).to_owned()).collect(),
        client_roles: BTreeMap::from([(
            "app".to_owned(),
            client_roles.iter().map(|name| (*name).to_owned()).collect(),
        )]),
        attributes: BTreeMap::from([("team".to_owned(), vec!["x".to_owned(), "y".to_owned()])]),
    };
    let mut a = realm("r");
    a.groups.push(group(&["user", "admin"], &["read"]));
    let mut b = realm("r");
    b.groups.push(group(&["admin", "user"], &["read"]));
    b.groups[0]
        .attributes
        .insert("team".into(), vec!["y".into(), "x".into()]);
    assert!(differences(&compare(&a, &b, &Rules::default())).is_empty());

    b.groups[0] = group(&["user"], &["read", "write"]);
    let comparison = compare(&a, &b, &Rules::default());
    let staff = entry(&comparison, Kind::Groups, "/staff");
    assert_eq!(paths(staff), ["roleMappings"]);
    assert_eq!(staff.changes[0].shape, ChangeShape::Set);
    assert_eq!(staff.changes[0].a, json!([{"name": "admin"}]));
    assert_eq!(
        staff.changes[0].b,
        json!([{"client": "app", "name": "write"}])
    );
}

#[test]
fn scope_mapper_provider_flow_by_name() {
    let inventory = |mapper: &str, alias: &str| {
        let mut inventory = realm("r");
        inventory.client_scopes.push(ClientScope {
            name: "profile".into(),
            mappers: vec![ProtocolMapper {
                name: mapper.into(),
                fields: fields(json!({"protocol": "openid-connect"})),
            }],
            ..ClientScope::default()
        });
        inventory.identity_providers.push(IdentityProvider {
            alias: alias.into(),
            ..IdentityProvider::default()
        });
        inventory.auth_flows.push(AuthFlow {
            alias: alias.into(),
            ..AuthFlow::default()
        });
        inventory
    };
    let comparison = compare(
        &inventory("email", "google"),
        &inventory("mail", "google"),
        &Rules::default(),
    );
    assert_eq!(
        differences(&comparison),
        [
            (
                Kind::ProtocolMappers,
                "scope profile » email".into(),
                Status::OnlyInA
            ),
            (
                Kind::ProtocolMappers,
                "scope profile » mail".into(),
                Status::OnlyInB
            ),
        ]
    );
    assert_eq!(
        entry(&comparison, Kind::IdentityProviders, "google").status,
        Status::Same
    );
    assert_eq!(
        entry(&comparison, Kind::AuthFlows, "google").status,
        Status::Same
    );
}

#[test]
fn provider_mapper_keyed_under_alias() {
    let provider = |claim: &str| IdentityProvider {
        alias: "google".into(),
        mappers: vec![ProtocolMapper {
            name: "email".into(),
            fields: fields(json!({"config": {"claim": claim}})),
        }],
        ..IdentityProvider::default()
    };
    let mut a = realm("r");
    a.identity_providers.push(provider("email"));
    let mut b = realm("r");
    b.identity_providers.push(provider("mail"));

    let comparison = compare(&a, &b, &Rules::default());
    let mapper = entry(&comparison, Kind::IdentityProviders, "google » email");
    assert_eq!(mapper.key.parts, ["google", "email"]);
    assert_eq!(paths(mapper), ["config.claim"]);
}

#[test]
fn default_role_paired_whatever_its_name() {
    let default_role = |name: &str, members: Vec<RoleRef>| DefaultRole {
        name: Some(name.into()),
        members,
    };
    let mut a = realm("app-dev");
    a.default_role = Some(default_role(
        "default-roles-app-dev",
        vec![
            RoleRef::realm("offline_access"),
            RoleRef::client("account", "view-profile"),
        ],
    ));
    let mut b = realm("app-prod");
    b.default_role = Some(default_role(
        "default-roles-app-prod",
        vec![
            RoleRef::client("account", "view-profile"),
            RoleRef::realm("offline_access"),
        ],
    ));
    let comparison = compare(&a, &b, &Rules::default());
    assert_eq!(
        entry(&comparison, Kind::DefaultRoles, "default role").status,
        Status::Same
    );

    b.default_role = Some(default_role(
        "default-roles-app-prod",
        vec![RoleRef::realm("offline_access")],
    ));
    let comparison = compare(&a, &b, &Rules::default());
    let default = entry(&comparison, Kind::DefaultRoles, "default role");
    assert_eq!(paths(default), ["members"]);
    assert_eq!(
        default.changes[0].a,
        json!([{"client": "account", "name": "view-profile"}])
    );
    assert_eq!(default.changes[0].b, json!([]));
}

#[test]
fn plain_default_roles_name_is_ordinary_role() {
    let mut a = realm("app");
    a.default_role = Some(DefaultRole {
        name: Some("default-roles-app".into()),
        members: vec![RoleRef::realm("offline_access")],
    });
    let mut b = a.clone();
    b.default_role = Some(DefaultRole {
        name: Some("default-roles-app-dev".into()),
        members: vec![RoleRef::realm("offline_access")],
    });
    b.realm_roles.push(role("default-roles-app"));

    let comparison = compare(&a, &b, &Rules::default());
    assert_eq!(
        differences(&comparison),
        [(
            Kind::RealmRoles,
            "default-roles-app".into(),
            Status::OnlyInB
        )]
    );
}

#[test]
fn set_like_lists_report_members() {
    let mut a = realm("r");
    a.clients.push(client(
        "app",
        json!({"redirectUris": ["https://a/*", "https://b/*"], "webOrigins": ["x", "y"]}),
    ));
    let mut b = realm("r");
    b.clients.push(client(
        "app",
        json!({"redirectUris": ["https://b/*", "https://c/*"], "webOrigins": ["y", "x"]}),
    ));
    let comparison = compare(&a, &b, &Rules::default());
    let app = entry(&comparison, Kind::Clients, "app");
    assert_eq!(paths(app), ["redirectUris"]);
    assert_eq!(app.changes[0].a, json!(["https://a/*"]));
    assert_eq!(app.changes[0].b, json!(["https://c/*"]));
}

#[test]
fn role_attributes_ignore_value_order() {
    let with_attributes = |values: &[&str]| Role {
        name: "r".into(),
        attributes: BTreeMap::from([(
            "tags".to_owned(),
            values.iter().map(|value| (*value).to_owned()).collect(),
        )]),
        ..Role::default()
    };
    let mut a = realm("r");
    a.realm_roles.push(with_attributes(&["x", "y"]));
    let mut b = realm("r");
    b.realm_roles.push(with_attributes(&["y", "x"]));
    assert!(differences(&compare(&a, &b, &Rules::default())).is_empty());

    b.realm_roles[0] = with_attributes(&["y", "z"]);
    let comparison = compare(&a, &b, &Rules::default());
    assert_eq!(
        paths(entry(&comparison, Kind::RealmRoles, "r")),
        ["attributes.tags"]
    );
}

#[test]
fn empty_forms_make_no_difference() {
    let mut a = realm("r");
    a.clients.push(client(
        "app",
        json!({"description": "", "redirectUris": [], "attributes": {}}),
    ));
    let mut b = realm("r");
    b.clients
        .push(client("app", json!({"attributes": {"x": ""}})));
    let comparison = compare(&a, &b, &Rules::default());
    assert!(differences(&comparison).is_empty());
}

#[test]
fn secret_states_compare_as_set_or_not() {
    let with_secret = |state: SecretState| {
        let mut inventory = realm("r");
        inventory.clients.push(Client {
            client_id: "app".into(),
            secret: state,
            ..Client::default()
        });
        inventory
    };
    let set = with_secret(SecretState::Set);
    let not_set = with_secret(SecretState::NotSet);
    let unknown = with_secret(SecretState::Unknown);
    let rules = Rules::default();

    assert!(differences(&compare(&set, &unknown, &rules)).is_empty());
    assert!(differences(&compare(&unknown, &not_set, &rules)).is_empty());
    assert!(differences(&compare(&set, &set, &rules)).is_empty());

    let comparison = compare(&set, &not_set, &rules);
    let app = entry(&comparison, Kind::Clients, "app");
    assert_eq!(paths(app), ["secret"]);
    assert_eq!(app.changes[0].shape, ChangeShape::Secret);
    assert_eq!(app.changes[0].a, json!("set"));
    assert_eq!(app.changes[0].b, json!("not set"));
}

#[test]
fn builtin_objects_are_tagged() {
    let mut a = realm("r");
    a.clients.push(Client {
        client_id: "account".into(),
        builtin: true,
        fields: fields(json!({"baseUrl": "/realms/a/account/"})),
        ..Client::default()
    });
    a.client_scopes.push(ClientScope {
        name: "profile".into(),
        builtin: true,
        ..ClientScope::default()
    });
    a.realm_roles.push(Role {
        name: "offline_access".into(),
        builtin: true,
        ..Role::default()
    });
    let b = realm("r");
    let comparison = compare(&a, &b, &Rules::default());
    for entry in comparison.differences() {
        assert!(entry.builtin, "{} is built in", entry.key);
    }
    assert_eq!(comparison.differences().count(), 3);
}

#[test]
fn incomplete_kind_reports_unknown() {
    let mut a = realm("r");
    a.identity_providers.push(IdentityProvider {
        alias: "google".into(),
        ..IdentityProvider::default()
    });
    let mut b = realm("r");
    b.incomplete.insert(Kind::IdentityProviders);

    let comparison = compare(&a, &b, &Rules::default());
    let google = entry(&comparison, Kind::IdentityProviders, "google");
    assert_eq!(google.status, Status::Unknown);
    assert!(google.in_a);
    let summary = comparison
        .summary_of(Kind::IdentityProviders)
        .expect("summary per kind");
    assert_eq!(summary.unknown, 1);
    assert_eq!(summary.only_in_a, 0);
    assert!(summary.incomplete_in_b);
    assert!(!summary.incomplete_in_a);
}

#[test]
fn incomplete_clients_make_mappers_unknown() {
    let mut a = realm("r");
    let mut app = client("app", json!({}));
    app.mappers.push(ProtocolMapper {
        name: "email".into(),
        ..ProtocolMapper::default()
    });
    a.clients.push(app);
    let mut b = realm("r");
    b.incomplete.insert(Kind::Clients);

    let comparison = compare(&a, &b, &Rules::default());
    assert_eq!(
        entry(&comparison, Kind::ProtocolMappers, "client app » email").status,
        Status::Unknown
    );
}

#[test]
fn composites_reported_for_paired_roles() {
    let composite = |members: Vec<RoleRef>| Role {
        name: "executive".into(),
        composites: members,
        ..Role::default()
    };
    let mut a = realm("r");
    a.realm_roles.push(composite(vec![
        RoleRef::realm("hr-read"),
        RoleRef::realm("tax-read"),
    ]));
    a.realm_roles.push(composite(vec![RoleRef::realm("x")]));
    a.realm_roles[1].name = "gone".into();
    let mut b = realm("r");
    b.realm_roles
        .push(composite(vec![RoleRef::realm("hr-read")]));

    let comparison = compare(&a, &b, &Rules::default());
    assert_eq!(
        differences(&comparison),
        [
            (Kind::RealmRoles, "gone".into(), Status::OnlyInA),
            (Kind::Composites, "executive".into(), Status::Differs),
        ]
    );
    let executive = entry(&comparison, Kind::Composites, "executive");
    assert_eq!(executive.changes[0].a, json!([{"name": "tax-read"}]));
    assert_eq!(executive.changes[0].b, json!([]));
}

#[test]
fn flow_steps_compare_in_order() {
    let step = |provider: &str, requirement: &str| FlowStep {
        level: 0,
        provider: provider.into(),
        sub_flow: false,
        requirement: requirement.into(),
    };
    let flow = |steps: Vec<FlowStep>| AuthFlow {
        alias: "browser".into(),
        steps,
        ..AuthFlow::default()
    };
    let mut a = realm("r");
    a.auth_flows.push(flow(vec![
        step("auth-cookie", "ALTERNATIVE"),
        step("auth-otp-form", "REQUIRED"),
    ]));
    let mut b = realm("r");
    b.auth_flows.push(flow(vec![
        step("auth-otp-form", "REQUIRED"),
        step("auth-cookie", "ALTERNATIVE"),
    ]));

    let comparison = compare(&a, &b, &Rules::default());
    let browser = entry(&comparison, Kind::AuthFlows, "browser");
    assert_eq!(paths(browser), ["steps"]);
    assert_eq!(browser.changes[0].shape, ChangeShape::Sequence);
    assert_eq!(
        browser.changes[0].a,
        json!(["auth-cookie: ALTERNATIVE", "auth-otp-form: REQUIRED"])
    );
}

#[test]
fn realm_name_is_a_setting() {
    let comparison = compare(&realm("app-dev"), &realm("app-prod"), &Rules::default());
    let settings = entry(&comparison, Kind::RealmSettings, "realm");
    assert_eq!(paths(settings), ["realm"]);
    assert_eq!(comparison.a, "app-dev");
    assert_eq!(comparison.b, "app-prod");
}

#[test]
fn equal_realm_names_get_side_labels() {
    let comparison = compare(&realm("demo"), &realm("demo"), &Rules::default());
    assert_eq!(comparison.a, "demo (A)");
    assert_eq!(comparison.b, "demo (B)");
}

#[test]
fn hidden_differences_counted_and_kept() {
    let mut a = realm("r");
    a.clients.push(client("test-a", json!({})));
    a.clients.push(client(
        "app",
        json!({"rootUrl": "https://app.dev.example.com"}),
    ));
    let mut b = realm("r");
    b.clients
        .push(client("app", json!({"rootUrl": "https://app.example.com"})));
    let rules: Rules = toml::from_str(
        r#"
        ignore = [{ kind = "clients", key = "test-*" }]
        substitute = [{ a = "app.dev.example.com", b = "app.example.com" }]
        "#,
    )
    .expect("rules parse");

    let comparison = compare(&a, &b, &rules);
    let summary = comparison.summary_of(Kind::Clients).expect("summary");
    assert_eq!(summary.hidden, 2);
    assert_eq!(summary.differs, 0);
    assert_eq!(summary.only_in_a, 0);
    assert_eq!(comparison.differences().count(), 2);
    assert!(comparison.differences().all(|entry| entry.expected));
    assert!(!comparison.has_unexpected_differences());
}

#[test]
fn substitution_pairs_renamed_keys() {
    let saml = |host: &str| {
        let mut saml = client(
            &format!("https://{host}.example.com"),
            json!({"redirectUris": [format!("https://{host}.example.com/saml")]}),
        );
        saml.roles.push(role("viewer"));
        saml
    };
    let mut a = realm("r");
    a.clients.push(saml("dev"));
    let mut b = realm("r");
    b.clients.push(saml("stable"));

    let plain = compare(&a, &b, &Rules::default());
    assert_eq!(
        differences(&plain)
            .iter()
            .map(|(kind, _, status)| (*kind, *status))
            .collect::<Vec<_>>(),
        [
            (Kind::Clients, Status::OnlyInA),
            (Kind::Clients, Status::OnlyInB),
            (Kind::ClientRoles, Status::OnlyInA),
            (Kind::ClientRoles, Status::OnlyInB),
        ]
    );

    let rules: Rules =
        toml::from_str(r#"substitute = [{ a = "//dev.", b = "//stable." }]"#).expect("rules");
    let comparison = compare(&a, &b, &rules);
    let paired = entry(&comparison, Kind::Clients, "https://dev.example.com");
    assert_eq!(paired.status, Status::Differs);
    assert_eq!(
        paired.key_b.as_ref().map(|key| key.display.as_str()),
        Some("https://stable.example.com")
    );
    assert!(paired.expected);
    let role = entry(
        &comparison,
        Kind::ClientRoles,
        "https://dev.example.com » viewer",
    );
    assert!(role.expected);
    assert!(!comparison.has_unexpected_differences());
}

#[test]
fn config_embeds_as_diff_table() {
    #[derive(serde::Deserialize)]
    struct ConfigFile {
        diff: DiffConfig,
    }
    let file: ConfigFile = toml::from_str(
        r#"
        [diff]
        ignore = ["attributes.frontendUrl"]

        [[diff.substitute]]
        a = "app.dev.example.com"
        b = "app.example.com"

        [diff.pair."dev:prod"]
        ignore = [{ kind = "realm_settings", path = "realm" }]
        "#,
    )
    .expect("config file parses");
    let rules = file.diff.rules_for("dev", "prod");
    assert_eq!(rules.ignore.len(), 2);
    assert_eq!(rules.substitute.len(), 1);
}

#[test]
fn entries_sorted_by_kind_then_key() {
    let mut a = realm("r");
    a.clients.push(client("zeta", json!({})));
    a.clients.push(client("alpha", json!({})));
    a.realm_roles.push(role("b"));
    a.realm_roles.push(role("a"));
    let comparison = compare(&a, &realm("r"), &Rules::default());
    let keys: Vec<(Kind, String)> = comparison
        .differences()
        .map(|entry| (entry.kind, entry.key.display.clone()))
        .collect();
    assert_eq!(
        keys,
        [
            (Kind::Clients, "alpha".into()),
            (Kind::Clients, "zeta".into()),
            (Kind::RealmRoles, "a".into()),
            (Kind::RealmRoles, "b".into()),
        ]
    );
    assert_eq!(comparison.summary.len(), KINDS.len());
}
