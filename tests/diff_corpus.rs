//! Compares real pairs of environments from the corpus directory.
//!
//! The expected differences below were found by reading the export files side
//! by side, not by recording the engine's output: each pair lists the exact
//! one-sided objects and, for every object that differs, the exact changed
//! paths. The corpus lives outside the repository; `KCDECK_CORPUS_DIR` points
//! to it, and each test prints a notice and passes when it is unset.

use std::collections::{BTreeMap, BTreeSet};

use kcdeck::diff::{Cell, Comparison, DiffConfig, Rules, Status, compare, compare_many};
use kcdeck::inventory::snapshot::read_realms;
use kcdeck::inventory::{Inventory, Kind};
use serde_json::json;

fn load(file: &str) -> Option<Inventory> {
    let Some(dir) = std::env::var_os("KCDECK_CORPUS_DIR") else {
        eprintln!("notice: KCDECK_CORPUS_DIR is unset; corpus comparison skipped");
        return None;
    };
    let path = std::path::Path::new(&dir).join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let mut realms = read_realms(&text).expect("corpus file parses");
    Some(realms.remove(0))
}

/// Returns the entries that are only on one side or unknown.
fn one_sided(comparison: &Comparison) -> BTreeSet<(Kind, String, Status)> {
    comparison
        .differences()
        .filter(|entry| entry.status != Status::Differs)
        .map(|entry| (entry.kind, entry.key.display.clone(), entry.status))
        .collect()
}

/// Returns every `Differs` entry with its changed paths.
fn changed(comparison: &Comparison) -> BTreeMap<(Kind, String), Vec<String>> {
    comparison
        .differences()
        .filter(|entry| entry.status == Status::Differs)
        .map(|entry| {
            let paths = entry
                .changes
                .iter()
                .map(|change| change.path.to_string())
                .collect();
            ((entry.kind, entry.key.display.clone()), paths)
        })
        .collect()
}

fn only(kind: Kind, key: &str, status: Status) -> (Kind, String, Status) {
    (kind, key.to_owned(), status)
}

fn differs(kind: Kind, key: &str, paths: &[&str]) -> ((Kind, String), Vec<String>) {
    let paths = paths.iter().map(|path| (*path).to_owned()).collect();
    ((kind, key.to_owned()), paths)
}

fn status_of(comparison: &Comparison, kind: Kind, key: &str) -> Status {
    comparison
        .entries_of(kind)
        .find(|entry| entry.key.display == key)
        .unwrap_or_else(|| panic!("no {kind:?} entry {key}"))
        .status
}

const POST_LOGOUT: &str = r#"attributes."post.logout.redirect.uris""#;

#[test]
fn physigames_dev_prod() {
    let (Some(dev), Some(prod)) = (
        load("PhysiGames.Backend__realm-export-dev.json"),
        load("PhysiGames.Backend__realm-export-prod.json"),
    ) else {
        return;
    };
    let comparison = compare(&dev, &prod, &Rules::default());

    assert_eq!(
        one_sided(&comparison),
        BTreeSet::from([only(
            Kind::ClientRoles,
            "physigames-backend » uma_protection",
            Status::OnlyInB
        )])
    );
    let url_fields = [
        "adminUrl",
        POST_LOGOUT,
        "redirectUris",
        "rootUrl",
        "webOrigins",
    ];
    let backend = [
        "adminUrl",
        POST_LOGOUT,
        "authorizationSettings.policies[admin].config.roles",
        "authorizationSettings.policies[user].config.roles",
        "redirectUris",
        "rootUrl",
        "webOrigins",
    ];
    assert_eq!(
        changed(&comparison),
        BTreeMap::from([
            differs(Kind::RealmSettings, "realm", &["realm"]),
            differs(Kind::Clients, "account", &["baseUrl", "redirectUris"]),
            differs(
                Kind::Clients,
                "account-console",
                &["baseUrl", "redirectUris"]
            ),
            differs(Kind::Clients, "physigames-backend", &backend),
            differs(Kind::Clients, "physigames-frontend", &url_fields),
            differs(
                Kind::Clients,
                "security-admin-console",
                &["baseUrl", "redirectUris"]
            ),
        ])
    );

    // The default roles are named default-roles-physigames-dev and -prod and
    // have the same members. The plain role default-roles-physigames exists in
    // both and is compared as an ordinary role.
    assert_eq!(
        status_of(&comparison, Kind::DefaultRoles, "default role"),
        Status::Same
    );
    assert_eq!(
        status_of(&comparison, Kind::RealmRoles, "default-roles-physigames"),
        Status::Same
    );
}

#[test]
fn physigames_local_dev() {
    let (Some(local), Some(dev)) = (
        load("PhysiGames.Backend__realm-export-local.json"),
        load("PhysiGames.Backend__realm-export-dev.json"),
    ) else {
        return;
    };
    let comparison = compare(&local, &dev, &Rules::default());

    // In local, default-roles-physigames is the default role itself; in dev it
    // is an ordinary role next to the default role default-roles-physigames-dev.
    assert_eq!(
        one_sided(&comparison),
        BTreeSet::from([
            only(
                Kind::RealmRoles,
                "default-roles-physigames",
                Status::OnlyInB
            ),
            only(
                Kind::ClientRoles,
                "physigames-backend » uma_protection",
                Status::OnlyInA
            ),
        ])
    );
    assert_eq!(
        status_of(&comparison, Kind::DefaultRoles, "default role"),
        Status::Same
    );

    let settings = [
        r#"attributes."acr.loa.map""#,
        "attributes.clientOfflineSessionIdleTimeout",
        "attributes.clientOfflineSessionMaxLifespan",
        "attributes.clientSessionIdleTimeout",
        "attributes.clientSessionMaxLifespan",
        "displayName",
        "realm",
    ];
    let url_fields = [
        "adminUrl",
        POST_LOGOUT,
        "redirectUris",
        "rootUrl",
        "webOrigins",
    ];
    let userinfo = [r#"config."userinfo.token.claim""#];
    let mapper = |key: &str| differs(Kind::ProtocolMappers, key, &userinfo);
    assert_eq!(
        changed(&comparison),
        BTreeMap::from([
            differs(Kind::RealmSettings, "realm", &settings),
            differs(Kind::Clients, "account", &["baseUrl", "redirectUris"]),
            differs(
                Kind::Clients,
                "account-console",
                &["baseUrl", "redirectUris"]
            ),
            differs(Kind::Clients, "admin-cli", &[POST_LOGOUT]),
            differs(Kind::Clients, "broker", &[POST_LOGOUT]),
            differs(Kind::Clients, "physigames-backend", &url_fields),
            differs(Kind::Clients, "physigames-frontend", &url_fields),
            differs(Kind::Clients, "realm-management", &[POST_LOGOUT]),
            differs(
                Kind::Clients,
                "security-admin-console",
                &["baseUrl", "redirectUris"]
            ),
            mapper("scope acr » acr loa level"),
            mapper("scope basic » auth_time"),
            mapper("scope microprofile-jwt » groups"),
            mapper("scope organization » organization"),
            mapper("scope service_account » Client Host"),
            mapper("scope service_account » Client ID"),
            mapper("scope service_account » Client IP Address"),
        ])
    );
}

#[test]
fn physigames_three_environments() {
    let (Some(local), Some(dev), Some(prod)) = (
        load("PhysiGames.Backend__realm-export-local.json"),
        load("PhysiGames.Backend__realm-export-dev.json"),
        load("PhysiGames.Backend__realm-export-prod.json"),
    ) else {
        return;
    };
    let matrix = compare_many(
        &[("local", &local), ("dev", &dev), ("prod", &prod)],
        &DiffConfig::default(),
    );
    let cells = |kind: Kind, key: &str| {
        matrix
            .rows
            .iter()
            .find(|row| row.kind == kind && row.key.display == key)
            .map(|row| row.cells.clone())
            .unwrap_or_else(|| panic!("no row {key}"))
    };
    assert_eq!(
        cells(Kind::ClientRoles, "physigames-backend » uma_protection"),
        [Cell::Reference, Cell::Missing, Cell::Same]
    );
    assert_eq!(
        cells(Kind::DefaultRoles, "default role"),
        [Cell::Reference, Cell::Same, Cell::Same]
    );
    assert_eq!(
        cells(Kind::RealmRoles, "default-roles-physigames"),
        [Cell::Missing, Cell::Present, Cell::Present]
    );
}

#[test]
fn oak10_dev_prod() {
    let (Some(dev), Some(prod)) = (
        load("Oak10-pd-root__realm-export-dev.json"),
        load("Oak10-pd-root__realm-export-prod.json"),
    ) else {
        return;
    };
    let comparison = compare(&dev, &prod, &Rules::default());

    // Every id differs and lists come in another order; neither shows.
    assert!(one_sided(&comparison).is_empty());
    let creation_time = r#"attributes."client.secret.creation.time""#;
    let userinfo = [r#"config."userinfo.token.claim""#];
    let mapper = |key: &str| differs(Kind::ProtocolMappers, key, &userinfo);
    let angular = [
        "adminUrl",
        r#"attributes."backchannel.logout.session.required""#,
        r#"attributes."backchannel.logout.url""#,
        r#"attributes."display.on.consent.screen""#,
        "baseUrl",
        "frontchannelLogout",
        "rootUrl",
    ];
    let spring = [
        "adminUrl",
        "alwaysDisplayInConsole",
        creation_time,
        r#"attributes."display.on.consent.screen""#,
    ];
    assert_eq!(
        changed(&comparison),
        BTreeMap::from([
            differs(Kind::Clients, "admin-cli", &[POST_LOGOUT]),
            differs(Kind::Clients, "broker", &[POST_LOGOUT]),
            differs(Kind::Clients, "demo-angular", &angular),
            differs(Kind::Clients, "demo-spring-boot", &spring),
            differs(Kind::Clients, "demo-spring-boot-recom", &[creation_time]),
            differs(Kind::Clients, "realm-management", &[POST_LOGOUT]),
            mapper("client demo-spring-boot » Client Host"),
            mapper("client demo-spring-boot » Client ID"),
            mapper("client demo-spring-boot » Client IP Address"),
            mapper("scope acr » acr loa level"),
            mapper("scope microprofile-jwt » groups"),
        ])
    );

    // A secret's creation time differs between servers by nature.
    let recom = comparison
        .entries_of(Kind::Clients)
        .find(|entry| entry.key.display == "demo-spring-boot-recom")
        .expect("entry");
    assert!(recom.expected);
    let summary = comparison.summary_of(Kind::Clients).expect("summary");
    assert_eq!(summary.hidden, 1);
    assert_eq!(summary.differs, 5);

    // ROLE_APP exists on three clients: three entries, keyed by owner.
    for client in ["demo-angular", "demo-spring-boot", "demo-spring-boot-recom"] {
        let key = format!("{client} » ROLE_APP");
        assert_eq!(
            status_of(&comparison, Kind::ClientRoles, &key),
            Status::Same
        );
    }
}

const CX_DEV_SAML: &str =
    "https://catenax-dev-dismantler-s66pftcc.authentication.eu10.hana.ondemand.com";
const CX_STABLE_SAML: &str =
    "https://catenax-stable-dismantler-s66pftcc.authentication.eu10.hana.ondemand.com";

#[test]
fn cx_central_dev_stable() {
    let (Some(dev), Some(stable)) = (
        load("portal-iam__dev-CX-Central-realm.json"),
        load("portal-iam__stable-CX-Central-realm.json"),
    ) else {
        return;
    };
    let comparison = compare(&dev, &stable, &Rules::default());

    // The SAML client's clientId is its environment's URL, so the two do not pair.
    assert_eq!(
        one_sided(&comparison),
        BTreeSet::from([
            only(Kind::Clients, CX_DEV_SAML, Status::OnlyInA),
            only(Kind::Clients, CX_STABLE_SAML, Status::OnlyInB),
            only(
                Kind::ProtocolMappers,
                &format!("client {CX_DEV_SAML} » role"),
                Status::OnlyInA
            ),
            only(
                Kind::ProtocolMappers,
                &format!("client {CX_STABLE_SAML} » role"),
                Status::OnlyInB
            ),
        ])
    );

    let redirects = ["redirectUris"];
    let four = [
        "config.authorizationUrl",
        "config.jwksUrl",
        "config.logoutUrl",
        "config.tokenUrl",
    ];
    let six = [
        "config.authorizationUrl",
        "config.issuer",
        "config.jwksUrl",
        "config.logoutUrl",
        "config.tokenUrl",
        "config.userInfoUrl",
    ];
    let client = |key: &str| differs(Kind::Clients, key, &redirects);
    let provider = |key: &str, paths: &[&str]| differs(Kind::IdentityProviders, key, paths);
    assert_eq!(
        changed(&comparison),
        BTreeMap::from([
            client("Cl1-CX-Registration"),
            client("Cl11-ADAC-Fleet"),
            client("Cl13-CX-Battery"),
            client("Cl15-CX-DFT"),
            client("Cl16-CX-BPDMGate"),
            client("Cl16-CX-CRisk"),
            client("Cl17-CX-Part"),
            differs(Kind::Clients, "Cl2-CX-Portal", &["redirectUris", "rootUrl"]),
            differs(
                Kind::Clients,
                "Cl3-CX-Semantic",
                &["adminUrl", "redirectUris"]
            ),
            client("Cl5-CX-Custodian"),
            client("Cl7-CX-BPDM"),
            client("sa-cl6-cx-29"),
            client("sa-cl6-cx-30"),
            provider("App-Provider", &four),
            provider("CX-Operator", &four),
            provider("CX-Test-Access", &six),
            provider("Company-1", &six),
            provider("Company-2", &six),
            provider("Onboarding-Provider", &four),
            provider("Security-Company", &six),
            provider("Service-Provider", &four),
        ])
    );

    // The default role is named "default-roles-catena-x realm" in both.
    assert_eq!(
        status_of(&comparison, Kind::DefaultRoles, "default role"),
        Status::Same
    );
}

#[test]
fn cx_central_with_host_substitutions() {
    let (Some(dev), Some(stable)) = (
        load("portal-iam__dev-CX-Central-realm.json"),
        load("portal-iam__stable-CX-Central-realm.json"),
    ) else {
        return;
    };
    // The environments differ in host names only: `.dev.` for `.stable.` in
    // domains, `-dev-` and `-dev.` inside host labels.
    let rules: Rules = toml::from_str(
        r#"
        substitute = [
          { a = ".dev.", b = ".stable." },
          { a = "-dev-", b = "-stable-" },
          { a = "-dev.", b = "-stable." },
        ]
        "#,
    )
    .expect("rules parse");
    let comparison = compare(&dev, &stable, &rules);

    assert!(!comparison.has_unexpected_differences());
    let saml = comparison
        .entries_of(Kind::Clients)
        .find(|entry| entry.key.display == CX_DEV_SAML)
        .expect("SAML client paired");
    assert_eq!(saml.status, Status::Differs);
    assert_eq!(
        saml.key_b.as_ref().map(|key| key.display.as_str()),
        Some(CX_STABLE_SAML)
    );
    assert!(saml.expected);
    let clients = comparison.summary_of(Kind::Clients).expect("summary");
    assert_eq!(clients.hidden, 14);
    assert_eq!(clients.only_in_a + clients.only_in_b + clients.differs, 0);
    let providers = comparison
        .summary_of(Kind::IdentityProviders)
        .expect("summary");
    assert_eq!(providers.hidden, 8);
}

#[test]
fn tamshai_dev_prod() {
    let (Some(dev), Some(prod)) = (
        load("tamshai-enterprise-ai__realm-export-dev.json"),
        load("tamshai-enterprise-ai__realm-export.json"),
    ) else {
        return;
    };
    let comparison = compare(&dev, &prod, &Rules::default());

    assert_eq!(
        one_sided(&comparison),
        BTreeSet::from([
            only(Kind::Clients, "tamshai-flutter-client", Status::OnlyInB),
            only(Kind::Clients, "tamshai-website", Status::OnlyInB),
            only(Kind::Clients, "web-portal", Status::OnlyInB),
            only(
                Kind::ProtocolMappers,
                "client tamshai-website » mcp-gateway-audience",
                Status::OnlyInB
            ),
            only(
                Kind::ProtocolMappers,
                "client web-portal » mcp-gateway-audience",
                Status::OnlyInB
            ),
            only(Kind::RealmRoles, "payroll-read", Status::OnlyInA),
            only(Kind::RealmRoles, "payroll-write", Status::OnlyInA),
            only(Kind::RealmRoles, "tax-read", Status::OnlyInA),
            only(Kind::RealmRoles, "tax-write", Status::OnlyInA),
            only(Kind::Groups, "/Payroll-Team", Status::OnlyInA),
            only(Kind::Groups, "/Tax-Team", Status::OnlyInA),
        ])
    );
    let origins = ["redirectUris", "webOrigins"];
    assert_eq!(
        changed(&comparison),
        BTreeMap::from([
            differs(Kind::Clients, "finance-app", &origins),
            differs(Kind::Clients, "hr-app", &origins),
            differs(Kind::Clients, "sales-app", &origins),
            differs(Kind::Clients, "support-app", &origins),
            differs(Kind::Composites, "executive", &["composites"]),
        ])
    );

    let executive = comparison
        .entries_of(Kind::Composites)
        .find(|entry| entry.key.display == "executive")
        .expect("executive entry");
    assert_eq!(
        executive.changes[0].a,
        json!([{"name": "payroll-read"}, {"name": "tax-read"}])
    );
    assert_eq!(executive.changes[0].b, json!([]));
}
