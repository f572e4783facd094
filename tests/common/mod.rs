//! Shared fixtures for the integration tests: states built without a server.

#![allow(dead_code)]

pub mod live;
pub mod pty;
pub mod screen;

use kcdeck::inventory::Inventory;
use kcdeck::inventory::export::from_export;
use kcdeck::state::{EnvState, Loadable, ServerFacts, State};
use ratatui::style::Color;
use serde_json::json;

/// Builds a small shop realm. With `drift`, a role and a composite member are gone and a
/// redirect URI differs.
pub fn shop(drift: bool) -> Inventory {
    let manager_members: Vec<&str> = if drift {
        vec!["viewer"]
    } else {
        vec!["viewer", "auditor"]
    };
    let mut roles = vec![
        json!({"name": "viewer", "description": "Reads the catalogue", "attributes": {"tier": ["basic"]}}),
        json!({"name": "store-manager", "description": "Runs a store", "composite": true,
               "composites": {"realm": manager_members, "client": {"checkout-api": ["refunds:issue"]}}}),
        json!({"name": "default-roles-shop", "composite": true, "composites": {"realm": ["viewer"]}}),
    ];
    if !drift {
        roles.push(json!({"name": "auditor", "description": "Reads audit logs"}));
    }
    let redirect = if drift {
        "https://staging.shop.example/*"
    } else {
        "https://shop.example/*"
    };
    from_export(&json!({
        "realm": "shop",
        "defaultRole": {"name": "default-roles-shop"},
        "clients": [
            {"clientId": "checkout-api", "id": "c-1", "secret": "**********", "enabled": true, "protocol": "openid-connect"},
            {"clientId": "storefront", "id": "c-2", "publicClient": true, "redirectUris": [redirect], "enabled": true}
        ],
        "roles": {"realm": roles, "client": {"checkout-api": [
            {"name": "orders:read"}, {"name": "refunds:issue", "description": "Issue refunds"}
        ]}},
        "groups": [{"name": "staff", "realmRoles": ["viewer"], "subGroups": [
            {"name": "support", "realmRoles": ["store-manager"]},
            {"name": "night/weekend", "clientRoles": {"checkout-api": ["orders:read"]}}
        ]}]
    }))
    .expect("fixture export is valid")
}

/// Two connected environments, dev and staging, with the shop realm loaded.
pub fn two_env_state() -> State {
    let mut dev = EnvState::new("dev", Color::Green, "http://127.0.0.1:18080");
    let mut staging = EnvState::new("staging", Color::Yellow, "http://127.0.0.1:18081");
    for (env, drift) in [(&mut dev, false), (&mut staging, true)] {
        env.server = Loadable::Loaded(ServerFacts {
            version: "26.7.3".into(),
            identity: "admin".into(),
        });
        env.realms = Loadable::Loaded(vec!["master".into(), "shop".into()]);
        env.inventories
            .insert("shop".into(), Loadable::Loaded(shop(drift)));
    }
    let mut state = State::new(vec![dev, staging]);
    state.recompare_all();
    state.refresh_rows();
    state
}
