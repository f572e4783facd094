//! A small comparison with differing, one-sided, unknown and expected
//! entries, shared by the report tests.

use serde_json::{Value, json};

use crate::diff::{Comparison, Rules, compare};
use crate::inventory::{
    AuthFlow, Client, FlowStep, IdentityProvider, Inventory, Kind, Role, SecretState,
};

/// Compares two hand-built realms labelled `dev` and `prod`.
pub(crate) fn sample_comparison() -> Comparison {
    let step = |provider: &str, requirement: &str| FlowStep {
        level: 0,
        provider: provider.into(),
        sub_flow: false,
        requirement: requirement.into(),
    };
    let client = |client_id: &str, fields: Value, secret| Client {
        client_id: client_id.into(),
        fields: serde_json::from_value(fields).expect("object"),
        secret,
        ..Client::default()
    };
    let flow = |steps| AuthFlow {
        alias: "browser".into(),
        steps,
        ..AuthFlow::default()
    };
    let mut dev = Inventory {
        realm: "shop-dev".into(),
        ..Inventory::default()
    };
    dev.clients = vec![
        client(
            "app",
            json!({"rootUrl": "https://dev.shop.test", "redirectUris": ["https://dev.shop.test/*", "http://localhost/*"]}),
            SecretState::Set,
        ),
        client("legacy", json!({}), Default::default()),
        client("test-probe", json!({}), Default::default()),
    ];
    dev.identity_providers.push(IdentityProvider {
        alias: "google".into(),
        ..IdentityProvider::default()
    });
    dev.auth_flows.push(flow(vec![
        step("auth-cookie", "ALTERNATIVE"),
        step("auth-otp-form", "REQUIRED"),
    ]));

    let mut prod = Inventory {
        realm: "shop-prod".into(),
        ..Inventory::default()
    };
    prod.clients = vec![client(
        "app",
        json!({"rootUrl": "https://shop.test", "redirectUris": ["https://shop.test/*"]}),
        SecretState::NotSet,
    )];
    prod.realm_roles.push(Role {
        name: "auditor".into(),
        ..Role::default()
    });
    prod.auth_flows.push(flow(vec![
        step("auth-cookie", "ALTERNATIVE"),
        step("auth-otp-form", "ALTERNATIVE"),
    ]));
    prod.incomplete.insert(Kind::IdentityProviders);

    let rules: Rules = toml::from_str(
        r#"ignore = [{ kind = "clients", key = "test-*" }, { kind = "realm_settings", path = "realm" }]"#,
    )
    .expect("rules parse");
    compare(&dev, &prod, &rules).with_labels("dev", "prod")
}
