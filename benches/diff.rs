//! Times `compare` on two large generated realms and reports peak memory.
//!
//! Run with `cargo bench --bench diff`. Each realm has 5,000 clients with two
//! protocol mappers each, 5,000 realm roles with three composite members each
//! and 15,000 client roles (20,000 roles). Clients are shaped like those of a
//! Keycloak 26 export and normalized the way the export parser does it.
//! Side B drifts from side A: renamed clients, changed URLs, changed
//! composites and descriptions, new ids, and clients and roles in reverse order.

use std::time::{Duration, Instant};

use std::collections::BTreeMap;

use kcdeck::diff::{Rules, compare};
use kcdeck::inventory::export::sort_inventory;
use kcdeck::inventory::normalize::fields_without;
use kcdeck::inventory::{Client, Inventory, ProtocolMapper, Role, RoleRef, SecretState};
use serde_json::{Value, json};

const CLIENTS: usize = 5_000;
const REALM_ROLES: usize = 5_000;
const ROLES_PER_CLIENT: usize = 3;
const RUNS: usize = 15;

/// Side of the comparison a realm is built for.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    A,
    B,
}

fn client_id(index: usize, side: Side) -> String {
    // The first 50 clients exist under another name on side B.
    if side == Side::B && index < 50 {
        format!("renamed-{index:05}")
    } else {
        format!("app-{index:05}")
    }
}

fn client(index: usize, side: Side) -> Value {
    let host = if side == Side::B && index.is_multiple_of(100) {
        format!("https://app{index}.example.org")
    } else {
        format!("https://app{index}.example.com")
    };
    let mut redirects = vec![format!("{host}/*"), "http://localhost:3000/*".to_owned()];
    if side == Side::B && index.is_multiple_of(97) {
        redirects.push(format!("{host}/callback"));
    }
    json!({
        "clientId": client_id(index, side),
        "name": format!("Application {index}"),
        "description": "A generated client",
        "rootUrl": host,
        "adminUrl": host,
        "baseUrl": "/",
        "enabled": true,
        "clientAuthenticatorType": "client-secret",
        "secret": "**********",
        "redirectUris": redirects,
        "webOrigins": [host, "http://localhost:3000"],
        "bearerOnly": false,
        "consentRequired": false,
        "standardFlowEnabled": true,
        "implicitFlowEnabled": false,
        "directAccessGrantsEnabled": index.is_multiple_of(2),
        "serviceAccountsEnabled": false,
        "publicClient": false,
        "frontchannelLogout": true,
        "protocol": "openid-connect",
        "attributes": {
            "backchannel.logout.session.required": "true",
            "post.logout.redirect.uris": format!("{host}/*##{host}/logout"),
            "oauth2.device.authorization.grant.enabled": "false",
            "display.on.consent.screen": "false",
            "pkce.code.challenge.method": "S256",
            "client.secret.creation.time": "1700000000",
        },
        "fullScopeAllowed": false,
        "defaultClientScopes": ["web-origins", "acr", "roles", "profile", "basic", "email"],
        "optionalClientScopes": ["address", "phone", "offline_access", "microprofile-jwt"],
        "protocolMappers": [
            {
                "id": format!("m1-{index}"),
                "name": "audience",
                "protocol": "openid-connect",
                "protocolMapper": "oidc-audience-mapper",
                "config": {"included.client.audience": client_id(index, side), "access.token.claim": "true"},
            },
            {
                "id": format!("m2-{index}"),
                "name": "tenant",
                "protocol": "openid-connect",
                "protocolMapper": "oidc-hardcoded-claim-mapper",
                "config": {"claim.name": "tenant", "claim.value": "acme", "jsonType.label": "String"},
            },
        ],
    })
}

fn realm_role(index: usize, side: Side) -> Role {
    let mut composites = vec![
        RoleRef::realm(format!("role-{:05}", (index + 1) % REALM_ROLES)),
        RoleRef::realm(format!("role-{:05}", (index + 2) % REALM_ROLES)),
        RoleRef::client(client_id(index % CLIENTS, side), "reader"),
    ];
    if side == Side::B && index.is_multiple_of(50) {
        composites.remove(0);
    }
    composites.sort();
    Role {
        name: format!("role-{index:05}"),
        builtin: false,
        description: Some("Generated realm role".to_owned()),
        attributes: BTreeMap::from([(
            "owner".to_owned(),
            vec!["team-a".to_owned(), "team-b".to_owned()],
        )]),
        composites,
    }
}

fn client_roles(index: usize, side: Side) -> Vec<Role> {
    let description = if side == Side::B && index.is_multiple_of(200) {
        "Changed on B"
    } else {
        "Generated client role"
    };
    ["admin", "reader", "writer"]
        .iter()
        .take(ROLES_PER_CLIENT)
        .map(|name| Role {
            name: (*name).to_owned(),
            description: Some(description.to_owned()),
            ..Role::default()
        })
        .collect()
}

/// Builds one client the way the export parser would: canonical fields
/// without id, `clientId`, secret and mappers.
fn client_model(index: usize, side: Side) -> Client {
    let representation = client(index, side);
    let mappers = representation["protocolMappers"]
        .as_array()
        .map(|mappers| {
            mappers
                .iter()
                .map(|mapper| ProtocolMapper {
                    name: mapper["name"].as_str().unwrap_or_default().to_owned(),
                    fields: fields_without(mapper, &["id", "name"]),
                })
                .collect()
        })
        .unwrap_or_default();
    Client {
        client_id: client_id(index, side),
        builtin: false,
        secret: SecretState::Set,
        fields: fields_without(
            &representation,
            &["id", "clientId", "secret", "protocolMappers"],
        ),
        roles: client_roles(index, side),
        mappers,
    }
}

/// Builds a realm object by object, so that no whole-realm JSON document
/// inflates the memory figures; side B keeps its lists in reverse order.
fn realm(side: Side) -> Inventory {
    let mut inventory = Inventory {
        realm: "bench".to_owned(),
        settings: fields_without(&json!({"enabled": true, "sslRequired": "external"}), &[]),
        clients: (0..CLIENTS)
            .map(|index| client_model(index, side))
            .collect(),
        realm_roles: (0..REALM_ROLES)
            .map(|index| realm_role(index, side))
            .collect(),
        ..Inventory::default()
    };
    for (index, client) in inventory.clients.iter().enumerate() {
        let id = format!("{index}-{}", if side == Side::A { "a" } else { "b" });
        inventory.ids.clients.insert(client.client_id.clone(), id);
    }
    sort_inventory(&mut inventory);
    if side == Side::B {
        inventory.clients.reverse();
        inventory.realm_roles.reverse();
    }
    inventory
}

/// Reads a memory figure of this process, in kB, from `/proc/self/status`:
/// `VmHWM` for the peak resident set size, `VmRSS` for the current one.
fn memory_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| {
        line.strip_prefix(field)
            .is_some_and(|rest| rest.starts_with(':'))
    })?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets `VmHWM` to the current resident size (Linux 4.0 and later), so
/// the next reading shows the peak of what runs after this call.
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn megabytes(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument that is not ours skips the run.
    if std::env::args()
        .skip(1)
        .any(|arg| !arg.starts_with('-') && arg != "diff")
    {
        return;
    }

    let a = realm(Side::A);
    let b = realm(Side::B);
    let build_peak = memory_kb("VmHWM");
    let resident = memory_kb("VmRSS");
    let reset = reset_peak_memory();
    println!(
        "realms: {} clients, {} roles each",
        a.clients.len(),
        a.role_count()
    );

    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut entries = 0;
    let mut differences = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let comparison = compare(&a, &b, &Rules::default());
        times.push(start.elapsed());
        entries = comparison.entries.len();
        differences = comparison.differences().count();
    }
    times.sort();
    let median = times[RUNS / 2];
    let compare_peak = memory_kb("VmHWM");

    println!("entries: {entries}, differences: {differences}");
    println!(
        "compare: median {:.1} ms, min {:.1} ms, max {:.1} ms over {RUNS} runs",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
    );
    let (Some(build_peak), Some(resident), Some(compare_peak)) =
        (build_peak, resident, compare_peak)
    else {
        println!("peak memory: /proc/self/status is not readable on this system");
        return;
    };
    println!(
        "memory: peak {} while building both realms, {} resident with both built",
        megabytes(build_peak),
        megabytes(resident)
    );
    if reset {
        println!(
            "memory: peak {} while comparing (both realms included), {} above the realms",
            megabytes(compare_peak),
            megabytes(compare_peak.saturating_sub(resident))
        );
    } else {
        println!("memory: peak {} overall", megabytes(compare_peak));
    }
}
