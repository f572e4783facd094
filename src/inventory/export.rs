//! Builds an [`Inventory`] from a realm in Keycloak's export shape.
//!
//! Realm export files, partial exports and the live fetch all pass through
//! here, so one set of rules decides what is content and what is an id.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::builtin;
use super::model::{
    AuthFlow, Client, ClientScope, DefaultRole, Fields, FlowStep, Group, IdentityProvider, Ids,
    Inventory, ProtocolMapper, Role, RoleRef, role_key,
};
use super::normalize::{fields_without, secret_state};
use crate::keycloak::json::{array_field, bool_field, str_field};

/// Failure to read a realm export.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("not a realm export: the top level is not a JSON object")]
    NotAnObject,
    #[error("not a realm export: the \"realm\" field is missing or empty")]
    MissingRealm,
}

/// Realm keys modelled elsewhere in the inventory or never compared.
const REALM_SKIP: &[&str] = &[
    "id",
    "realm",
    "clients",
    "roles",
    "groups",
    "users",
    "federatedUsers",
    "clientScopes",
    "identityProviders",
    "identityProviderMappers",
    "authenticationFlows",
    "authenticatorConfig",
    "defaultRole",
    "defaultRoles",
    "scopeMappings",
    "clientScopeMappings",
    "components",
    "keycloakVersion",
];

/// Client keys modelled elsewhere, server-assigned, or secrets.
const CLIENT_SKIP: &[&str] = &[
    "id",
    "clientId",
    "secret",
    "protocolMappers",
    "registrationAccessToken",
    "access",
    "defaultRoles",
];

/// Builds the inventory of the realm held by `export`.
pub fn from_export(export: &Value) -> Result<Inventory, ExportError> {
    if !export.is_object() {
        return Err(ExportError::NotAnObject);
    }
    let realm = str_field(export, "realm");
    if realm.is_empty() {
        return Err(ExportError::MissingRealm);
    }

    let flow_aliases = flow_aliases_by_id(export);
    let default_name = default_role_name(export, realm);
    let mut ids = Ids {
        realm: optional_str(export, "id"),
        ..Ids::default()
    };

    let mut realm_roles = read_roles(
        array_field(export.get("roles").unwrap_or(&Value::Null), "realm"),
        None,
        &mut ids,
    );
    let default_role = take_default_role(export, &mut realm_roles, default_name.as_deref());
    let realm_roles = realm_roles
        .into_iter()
        .map(|role| tag_realm_role(role, realm))
        .collect();

    let mut inventory = Inventory {
        realm: realm.to_owned(),
        settings: fields_without(export, REALM_SKIP),
        clients: read_clients(export, realm, &flow_aliases, &mut ids),
        realm_roles,
        default_role,
        groups: read_groups(export, &mut ids),
        client_scopes: read_client_scopes(export, &mut ids),
        identity_providers: read_identity_providers(export),
        auth_flows: read_flows(export, &mut ids),
        incomplete: Default::default(),
        ids,
    };
    sort_inventory(&mut inventory);
    Ok(inventory)
}

/// Sorts every list by natural key; the single place that defines the order.
pub fn sort_inventory(inventory: &mut Inventory) {
    inventory
        .clients
        .sort_by(|a, b| a.client_id.cmp(&b.client_id));
    for client in &mut inventory.clients {
        client.roles.sort_by(|a, b| a.name.cmp(&b.name));
        client.mappers.sort_by(|a, b| a.name.cmp(&b.name));
    }
    inventory.realm_roles.sort_by(|a, b| a.name.cmp(&b.name));
    inventory.groups.sort_by(|a, b| a.path.cmp(&b.path));
    inventory.client_scopes.sort_by(|a, b| a.name.cmp(&b.name));
    for scope in &mut inventory.client_scopes {
        scope.mappers.sort_by(|a, b| a.name.cmp(&b.name));
    }
    inventory
        .identity_providers
        .sort_by(|a, b| a.alias.cmp(&b.alias));
    for provider in &mut inventory.identity_providers {
        provider.mappers.sort_by(|a, b| a.name.cmp(&b.name));
    }
    inventory.auth_flows.sort_by(|a, b| a.alias.cmp(&b.alias));
}

fn optional_str(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn flow_aliases_by_id(export: &Value) -> HashMap<String, String> {
    array_field(export, "authenticationFlows")
        .iter()
        .filter_map(|flow| {
            Some((
                optional_str(flow, "id")?,
                str_field(flow, "alias").to_owned(),
            ))
        })
        .collect()
}

/// Finds the default role's name: `defaultRole` (Keycloak 13 and later), else
/// a realm role named the way Keycloak names it, `default-roles-<realm>`.
fn default_role_name(export: &Value, realm: &str) -> Option<String> {
    if let Some(name) = export.pointer("/defaultRole/name").and_then(Value::as_str) {
        return Some(name.to_owned());
    }
    if export.get("defaultRoles").is_some() {
        return None;
    }
    let conventional = format!("default-roles-{}", realm.to_lowercase());
    let roles = export.pointer("/roles/realm").and_then(Value::as_array)?;
    roles
        .iter()
        .any(|role| str_field(role, "name") == conventional)
        .then_some(conventional)
}

fn take_default_role(
    export: &Value,
    realm_roles: &mut Vec<Role>,
    name: Option<&str>,
) -> Option<DefaultRole> {
    if let Some(name) = name {
        let position = realm_roles.iter().position(|role| role.name == name);
        let members = position
            .map(|index| realm_roles.remove(index).composites)
            .unwrap_or_default();
        return Some(DefaultRole {
            name: Some(name.to_owned()),
            members,
        });
    }
    let legacy = array_field(export, "defaultRoles");
    if legacy.is_empty() {
        return None;
    }
    let mut members: Vec<RoleRef> = legacy
        .iter()
        .filter_map(Value::as_str)
        .map(RoleRef::realm)
        .collect();
    for client in array_field(export, "clients") {
        let client_id = str_field(client, "clientId");
        for role in array_field(client, "defaultRoles")
            .iter()
            .filter_map(Value::as_str)
        {
            members.push(RoleRef::client(client_id, role));
        }
    }
    members.sort();
    members.dedup();
    Some(DefaultRole {
        name: None,
        members,
    })
}

fn tag_realm_role(mut role: Role, realm: &str) -> Role {
    role.builtin = builtin::is_builtin_realm_role(&role.name, realm);
    role
}

fn read_roles(entries: &[Value], client: Option<&str>, ids: &mut Ids) -> Vec<Role> {
    entries
        .iter()
        .map(|entry| {
            let name = str_field(entry, "name").to_owned();
            let key = RoleRef {
                client: client.map(str::to_owned),
                name: name.clone(),
            };
            if let Some(id) = optional_str(entry, "id") {
                ids.roles.insert(role_key(&key), id);
            }
            Role {
                builtin: client.is_some_and(builtin::is_builtin_client),
                description: optional_str(entry, "description").filter(|text| !text.is_empty()),
                attributes: multi_valued(entry.get("attributes")),
                composites: composite_refs(entry.get("composites")),
                name,
            }
        })
        .collect()
}

/// Reads `{"realm": [names], "client": {clientId: [names]}}` into sorted refs.
pub fn composite_refs(composites: Option<&Value>) -> Vec<RoleRef> {
    let Some(composites) = composites else {
        return Vec::new();
    };
    let mut refs: Vec<RoleRef> = array_field(composites, "realm")
        .iter()
        .filter_map(Value::as_str)
        .map(RoleRef::realm)
        .collect();
    if let Some(clients) = composites.get("client").and_then(Value::as_object) {
        for (client_id, names) in clients {
            let names = names.as_array().map_or(&[][..], Vec::as_slice);
            refs.extend(
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|name| RoleRef::client(client_id, name)),
            );
        }
    }
    refs.sort();
    refs.dedup();
    refs
}

/// Reads a map of lists of strings (role, group and user attributes), values sorted.
pub fn multi_valued(value: Option<&Value>) -> BTreeMap<String, Vec<String>> {
    let mut map = BTreeMap::new();
    let Some(object) = value.and_then(Value::as_object) else {
        return map;
    };
    for (key, values) in object {
        let mut list: Vec<String> = match values {
            Value::Array(items) => items.iter().map(text_of).collect(),
            Value::Null => Vec::new(),
            other => vec![text_of(other)],
        };
        list.sort();
        map.insert(key.clone(), list);
    }
    map
}

fn text_of(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

fn read_clients(
    export: &Value,
    realm: &str,
    flows: &HashMap<String, String>,
    ids: &mut Ids,
) -> Vec<Client> {
    let client_roles = export.pointer("/roles/client").and_then(Value::as_object);
    array_field(export, "clients")
        .iter()
        .map(|entry| {
            let client_id = str_field(entry, "clientId").to_owned();
            if let Some(id) = optional_str(entry, "id") {
                ids.clients.insert(client_id.clone(), id);
            }
            let mut fields = fields_without(entry, CLIENT_SKIP);
            translate_flow_overrides(&mut fields, flows);
            let roles = client_roles
                .and_then(|roles| roles.get(&client_id))
                .and_then(Value::as_array)
                .map(|roles| read_roles(roles, Some(&client_id), ids))
                .unwrap_or_default();
            Client {
                builtin: builtin::is_builtin_client_in(&client_id, realm),
                secret: client_secret_state(entry),
                mappers: read_mappers(array_field(entry, "protocolMappers")),
                fields,
                roles,
                client_id,
            }
        })
        .collect()
}

/// Public and bearer-only clients have no secret; for the others the field decides.
fn client_secret_state(client: &Value) -> super::model::SecretState {
    if bool_field(client, "publicClient") || bool_field(client, "bearerOnly") {
        return super::model::SecretState::NotSet;
    }
    secret_state(client.get("secret"))
}

/// Replaces flow ids in `authenticationFlowBindingOverrides` by flow aliases,
/// because ids differ between servers while aliases are the natural key.
fn translate_flow_overrides(fields: &mut Fields, flows: &HashMap<String, String>) {
    let Some(Value::Object(overrides)) = fields.get_mut("authenticationFlowBindingOverrides")
    else {
        return;
    };
    for value in overrides.values_mut() {
        if let Some(alias) = value.as_str().and_then(|id| flows.get(id)) {
            *value = Value::String(alias.clone());
        }
    }
}

fn read_mappers(entries: &[Value]) -> Vec<ProtocolMapper> {
    entries
        .iter()
        .map(|entry| ProtocolMapper {
            name: str_field(entry, "name").to_owned(),
            fields: fields_without(entry, &["id", "name", "identityProviderAlias"]),
        })
        .collect()
}

fn read_groups(export: &Value, ids: &mut Ids) -> Vec<Group> {
    let mut groups = Vec::new();
    for entry in array_field(export, "groups") {
        walk_group(entry, &[], ids, &mut groups);
    }
    groups
}

fn walk_group(entry: &Value, parent: &[String], ids: &mut Ids, out: &mut Vec<Group>) {
    let mut path = parent.to_vec();
    path.push(str_field(entry, "name").to_owned());
    let mut realm_roles: Vec<String> = array_field(entry, "realmRoles")
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    realm_roles.sort();
    realm_roles.dedup();
    let group = Group {
        path: path.clone(),
        attributes: multi_valued(entry.get("attributes")),
        realm_roles,
        client_roles: multi_valued(entry.get("clientRoles"))
            .into_iter()
            .filter(|(_, roles)| !roles.is_empty())
            .collect(),
    };
    if let Some(id) = optional_str(entry, "id") {
        ids.groups.insert(group.display_path(), id);
    }
    out.push(group);
    for child in array_field(entry, "subGroups") {
        walk_group(child, &path, ids, out);
    }
}

fn read_client_scopes(export: &Value, ids: &mut Ids) -> Vec<ClientScope> {
    array_field(export, "clientScopes")
        .iter()
        .map(|entry| {
            let name = str_field(entry, "name").to_owned();
            if let Some(id) = optional_str(entry, "id") {
                ids.client_scopes.insert(name.clone(), id);
            }
            ClientScope {
                builtin: builtin::is_builtin_client_scope(&name),
                fields: fields_without(entry, &["id", "name", "protocolMappers"]),
                mappers: read_mappers(array_field(entry, "protocolMappers")),
                name,
            }
        })
        .collect()
}

fn read_identity_providers(export: &Value) -> Vec<IdentityProvider> {
    let mappers = array_field(export, "identityProviderMappers");
    array_field(export, "identityProviders")
        .iter()
        .map(|entry| {
            let alias = str_field(entry, "alias").to_owned();
            let own_mappers: Vec<Value> = mappers
                .iter()
                .filter(|mapper| str_field(mapper, "identityProviderAlias") == alias)
                .cloned()
                .collect();
            IdentityProvider {
                secret: secret_state(entry.pointer("/config/clientSecret")),
                fields: fields_without(entry, &["alias", "internalId"]),
                mappers: read_mappers(&own_mappers),
                alias,
            }
        })
        .collect()
}

fn read_flows(export: &Value, ids: &mut Ids) -> Vec<AuthFlow> {
    let all = array_field(export, "authenticationFlows");
    let by_alias: HashMap<&str, &Value> = all
        .iter()
        .map(|flow| (str_field(flow, "alias"), flow))
        .collect();
    all.iter()
        .filter(|flow| bool_field(flow, "topLevel"))
        .map(|flow| {
            let alias = str_field(flow, "alias").to_owned();
            if let Some(id) = optional_str(flow, "id") {
                ids.flows.insert(alias.clone(), id);
            }
            let mut steps = Vec::new();
            expand_flow(flow, &by_alias, 0, &mut steps);
            AuthFlow {
                builtin: bool_field(flow, "builtIn"),
                fields: fields_without(flow, &["id", "alias", "authenticationExecutions"]),
                steps,
                alias,
            }
        })
        .collect()
}

/// Flattens a flow's executions in priority order, sub-flows expanded in place.
fn expand_flow(
    flow: &Value,
    by_alias: &HashMap<&str, &Value>,
    level: u32,
    steps: &mut Vec<FlowStep>,
) {
    let mut executions: Vec<&Value> = array_field(flow, "authenticationExecutions")
        .iter()
        .collect();
    executions.sort_by_key(|execution| {
        execution
            .get("priority")
            .and_then(Value::as_i64)
            .unwrap_or(0)
    });
    for execution in executions {
        let requirement = str_field(execution, "requirement").to_owned();
        if bool_field(execution, "authenticatorFlow") {
            let alias = str_field(execution, "flowAlias");
            steps.push(FlowStep {
                level,
                provider: alias.to_owned(),
                sub_flow: true,
                requirement,
            });
            // A flow that contains itself would recurse forever; Keycloak forbids it,
            // and the depth check keeps a hand-edited file from hanging kcdeck.
            if let Some(sub) = by_alias.get(alias).filter(|_| level < 32) {
                expand_flow(sub, by_alias, level + 1, steps);
            }
        } else {
            let provider = str_field(execution, "authenticator").to_owned();
            steps.push(FlowStep {
                level,
                provider,
                sub_flow: false,
                requirement,
            });
        }
    }
}
