//! Reads a realm's inventory from a live server.
//!
//! The calls assemble the realm in Keycloak's export shape, then
//! [`from_export`] turns it into an [`Inventory`], so a live realm and its
//! export file are read by one set of rules. Kinds that fail to load (for
//! example identity providers hidden by a narrow admin role) are marked
//! incomplete instead of failing the whole realm.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use futures::future::join_all;
use serde_json::{Map, Value, json};

use super::export::{from_export, sort_inventory};
use super::model::{FlowStep, Inventory, Kind};
use crate::keycloak::json::{bool_field, str_field};
use crate::keycloak::{KeycloakClient, KeycloakError};

/// A fetched inventory with the kinds that failed and why.
#[derive(Debug)]
pub struct FetchOutcome {
    pub inventory: Inventory,
    pub failures: Vec<(Kind, KeycloakError)>,
}

/// Reads every kind of a realm; fails only when the realm itself, its
/// clients or its realm roles cannot be read.
pub async fn fetch_inventory(
    client: &KeycloakClient,
    realm: &str,
) -> Result<FetchOutcome, KeycloakError> {
    let (realm_rep, clients, realm_roles) = futures::try_join!(
        client.realm(realm),
        client.clients(realm),
        client.realm_roles(realm)
    )?;
    let client_ids: HashMap<String, String> = clients
        .iter()
        .map(|entry| {
            (
                str_field(entry, "id").to_owned(),
                str_field(entry, "clientId").to_owned(),
            )
        })
        .collect();
    let mut failures = Vec::new();

    let client_roles = fetch_client_roles(client, realm, &clients, &client_ids).await;
    let client_roles = match client_roles {
        Ok(roles) => roles,
        Err(error) => {
            failures.push((Kind::ClientRoles, error));
            Map::new()
        }
    };
    let realm_roles = match with_composites(client, realm, realm_roles, &client_ids).await {
        Ok(roles) => roles,
        Err(error) => return Err(error),
    };

    let (groups, scopes, providers, flows) = futures::join!(
        fetch_groups(client, realm),
        client.client_scopes(realm),
        fetch_identity_providers(client, realm),
        fetch_flows(client, realm),
    );

    let mut export = realm_rep;
    let Some(object) = export.as_object_mut() else {
        return Err(KeycloakError::InvalidResponse {
            path: realm.to_owned(),
            reason: "realm is not an object".into(),
        });
    };
    object.insert("clients".into(), Value::Array(clients));
    object.insert(
        "roles".into(),
        json!({"realm": realm_roles, "client": client_roles}),
    );
    insert_or_fail(object, "groups", groups, Kind::Groups, &mut failures);
    insert_or_fail(
        object,
        "clientScopes",
        scopes.map(Value::Array),
        Kind::ClientScopes,
        &mut failures,
    );
    let flow_steps = match flows {
        Ok((flows, steps)) => {
            object.insert("authenticationFlows".into(), Value::Array(flows));
            steps
        }
        Err(error) => {
            failures.push((Kind::AuthFlows, error));
            HashMap::new()
        }
    };
    match providers {
        Ok((providers, mappers)) => {
            object.insert("identityProviders".into(), Value::Array(providers));
            object.insert("identityProviderMappers".into(), Value::Array(mappers));
        }
        Err(error) => failures.push((Kind::IdentityProviders, error)),
    }

    let mut inventory = from_export(&export).map_err(|error| KeycloakError::InvalidResponse {
        path: realm.to_owned(),
        reason: error.to_string(),
    })?;
    for flow in &mut inventory.auth_flows {
        flow.steps = flow_steps.get(&flow.alias).cloned().unwrap_or_default();
    }
    inventory.incomplete = failures.iter().map(|(kind, _)| *kind).collect();
    sort_inventory(&mut inventory);
    Ok(FetchOutcome {
        inventory,
        failures,
    })
}

fn insert_or_fail(
    object: &mut Map<String, Value>,
    key: &str,
    result: Result<Value, KeycloakError>,
    kind: Kind,
    failures: &mut Vec<(Kind, KeycloakError)>,
) {
    match result {
        Ok(value) => {
            object.insert(key.to_owned(), value);
        }
        Err(error) => failures.push((kind, error)),
    }
}

/// Reads the roles of every client, with composites, keyed by `clientId`.
async fn fetch_client_roles(
    client: &KeycloakClient,
    realm: &str,
    clients: &[Value],
    client_ids: &HashMap<String, String>,
) -> Result<Map<String, Value>, KeycloakError> {
    let reads = clients.iter().map(|entry| async move {
        let roles = client.client_roles(realm, str_field(entry, "id")).await?;
        let roles = with_composites(client, realm, roles, client_ids).await?;
        Ok::<_, KeycloakError>((str_field(entry, "clientId").to_owned(), roles))
    });
    let mut by_client = Map::new();
    for result in join_all(reads).await {
        let (client_id, roles) = result?;
        if !roles.is_empty() {
            by_client.insert(client_id, Value::Array(roles));
        }
    }
    Ok(by_client)
}

/// Adds the export-shaped `composites` field to every composite role.
async fn with_composites(
    client: &KeycloakClient,
    realm: &str,
    roles: Vec<Value>,
    client_ids: &HashMap<String, String>,
) -> Result<Vec<Value>, KeycloakError> {
    let reads = roles.into_iter().map(|mut role| async move {
        if bool_field(&role, "composite") {
            let members = client
                .role_composites(realm, str_field(&role, "id"))
                .await?;
            if let Some(object) = role.as_object_mut() {
                object.insert(
                    "composites".into(),
                    composites_by_name(&members, client_ids),
                );
            }
        }
        Ok::<_, KeycloakError>(role)
    });
    join_all(reads).await.into_iter().collect()
}

/// Converts role representations into `{"realm": [names], "client": {clientId: [names]}}`.
pub fn composites_by_name(members: &[Value], client_ids: &HashMap<String, String>) -> Value {
    let mut realm = Vec::new();
    let mut clients: Map<String, Value> = Map::new();
    for member in members {
        let name = Value::String(str_field(member, "name").to_owned());
        if bool_field(member, "clientRole") {
            let container = str_field(member, "containerId");
            let client_id = client_ids
                .get(container)
                .cloned()
                .unwrap_or_else(|| container.to_owned());
            let entry = clients
                .entry(client_id)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(names) = entry {
                names.push(name);
            }
        } else {
            realm.push(name);
        }
    }
    json!({"realm": realm, "client": clients})
}

/// Reads the whole group tree with role mappings, in the export's nested shape.
async fn fetch_groups(client: &KeycloakClient, realm: &str) -> Result<Value, KeycloakError> {
    let top = client.top_groups(realm).await?;
    let reads = top
        .into_iter()
        .map(|group| fetch_group_subtree(client, realm, group));
    let groups = join_all(reads)
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(groups))
}

fn fetch_group_subtree<'a>(
    client: &'a KeycloakClient,
    realm: &'a str,
    mut group: Value,
) -> Pin<Box<dyn Future<Output = Result<Value, KeycloakError>> + Send + 'a>> {
    Box::pin(async move {
        let id = str_field(&group, "id").to_owned();
        let has_children = group
            .get("subGroupCount")
            .and_then(Value::as_u64)
            .is_none_or(|count| count > 0);
        let children = if has_children {
            client.group_children(realm, &id).await?
        } else {
            Vec::new()
        };
        let mappings = client.group_role_mappings(realm, &id).await?;

        let reads = children
            .into_iter()
            .map(|child| fetch_group_subtree(client, realm, child));
        let sub_groups = join_all(reads)
            .await
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(object) = group.as_object_mut() {
            object.insert("subGroups".into(), Value::Array(sub_groups));
            object.insert(
                "realmRoles".into(),
                mapping_names(mappings.get("realmMappings")),
            );
            object.insert("clientRoles".into(), client_mapping_names(&mappings));
        }
        Ok(group)
    })
}

fn mapping_names(roles: Option<&Value>) -> Value {
    let names = roles
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    names
        .iter()
        .map(|role| Value::String(str_field(role, "name").to_owned()))
        .collect()
}

fn client_mapping_names(mappings: &Value) -> Value {
    let mut by_client = Map::new();
    if let Some(clients) = mappings.get("clientMappings").and_then(Value::as_object) {
        for (client_id, mapping) in clients {
            by_client.insert(client_id.clone(), mapping_names(mapping.get("mappings")));
        }
    }
    Value::Object(by_client)
}

/// Reads identity providers and all their mappers.
async fn fetch_identity_providers(
    client: &KeycloakClient,
    realm: &str,
) -> Result<(Vec<Value>, Vec<Value>), KeycloakError> {
    let providers = client.identity_providers(realm).await?;
    let reads = providers.iter().map(|provider| async move {
        let alias = str_field(provider, "alias");
        let mut mappers = client.identity_provider_mappers(realm, alias).await?;
        for mapper in &mut mappers {
            if let Some(object) = mapper.as_object_mut() {
                object.insert(
                    "identityProviderAlias".into(),
                    Value::String(alias.to_owned()),
                );
            }
        }
        Ok::<_, KeycloakError>(mappers)
    });
    let mut all_mappers = Vec::new();
    for result in join_all(reads).await {
        all_mappers.extend(result?);
    }
    Ok((providers, all_mappers))
}

/// Reads top-level flows and their flattened executions by alias.
async fn fetch_flows(
    client: &KeycloakClient,
    realm: &str,
) -> Result<(Vec<Value>, HashMap<String, Vec<FlowStep>>), KeycloakError> {
    let flows = client.flows(realm).await?;
    let reads = flows.iter().map(|flow| async move {
        let alias = str_field(flow, "alias").to_owned();
        let executions = client.flow_executions(realm, &alias).await?;
        Ok::<_, KeycloakError>((alias, executions.iter().map(flow_step).collect()))
    });
    let steps = join_all(reads)
        .await
        .into_iter()
        .collect::<Result<HashMap<_, _>, _>>()?;
    let flows = flows
        .into_iter()
        .map(|mut flow| {
            if let Some(object) = flow.as_object_mut() {
                object.insert("topLevel".into(), Value::Bool(true));
                object.remove("authenticationExecutions");
            }
            flow
        })
        .collect();
    Ok((flows, steps))
}

/// Converts one entry of the executions endpoint into a flow step.
fn flow_step(execution: &Value) -> FlowStep {
    let sub_flow = bool_field(execution, "authenticationFlow");
    let provider = if sub_flow {
        str_field(execution, "displayName")
    } else {
        str_field(execution, "providerId")
    };
    FlowStep {
        level: execution
            .get("level")
            .and_then(Value::as_u64)
            .and_then(|level| u32::try_from(level).ok())
            .unwrap_or(0),
        provider: provider.to_owned(),
        sub_flow,
        requirement: str_field(execution, "requirement").to_owned(),
    }
}
