//! Objects that Keycloak creates in every realm, tagged so operators can hide them.
//!
//! Lists are those of Keycloak 26; objects Keycloak adds in later versions show
//! as ordinary objects until added here.

/// Clients Keycloak creates in every realm.
const CLIENTS: &[&str] = &[
    "account",
    "account-console",
    "admin-cli",
    "broker",
    "realm-management",
    "security-admin-console",
];

/// Client scopes Keycloak creates in every realm.
const CLIENT_SCOPES: &[&str] = &[
    "acr",
    "address",
    "basic",
    "email",
    "microprofile-jwt",
    "offline_access",
    "organization",
    "phone",
    "profile",
    "role_list",
    "roles",
    "saml_organization",
    "service_account",
    "web-origins",
];

/// Reports whether a `clientId` is one of Keycloak's own clients in any realm.
pub fn is_builtin_client(client_id: &str) -> bool {
    CLIENTS.contains(&client_id)
}

/// Reports whether a client is built in, counting the `<realm>-realm` clients
/// that the master realm holds for every other realm.
pub fn is_builtin_client_in(client_id: &str, realm: &str) -> bool {
    is_builtin_client(client_id) || (realm == "master" && client_id.ends_with("-realm"))
}

/// Reports whether a realm role is one Keycloak creates in every realm.
pub fn is_builtin_realm_role(name: &str, realm: &str) -> bool {
    matches!(name, "offline_access" | "uma_authorization")
        || (realm == "master" && matches!(name, "admin" | "create-realm"))
}

/// Reports whether a client scope is one Keycloak creates in every realm.
pub fn is_builtin_client_scope(name: &str) -> bool {
    CLIENT_SCOPES.contains(&name)
}
