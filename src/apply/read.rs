//! Reading the live state of the object an operation changes, in the same
//! shape as the operation's `before` and `after`.
//!
//! Live representations pass through the inventory's own rules
//! ([`crate::inventory::export::from_export`] and its helpers), so a state
//! read here equals the state a plan built from a fetched inventory.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::inventory::RoleRef;
use crate::inventory::export::{from_export, multi_valued};
use crate::keycloak::json::{bool_field, str_field};
use crate::keycloak::{KeycloakClient, KeycloakError};
use crate::plan::state::{
    client_state, composites_state, mappings_state, normalized, role_properties,
};
use crate::plan::{Aspect, Object, Operation};

/// Reads the current state of the aspect `operation` changes; `Null` when
/// the object does not exist.
pub async fn current_state(
    client: &KeycloakClient,
    realm: &str,
    operation: &Operation,
) -> Result<Value, KeycloakError> {
    match (operation.object(), operation.aspect()) {
        (Object::Role(role), aspect) => role_state(client, realm, &role, aspect).await,
        (Object::Client(client_id), _) => live_client_state(client, realm, &client_id).await,
        (Object::Group(path), _) => {
            let Some(group) = client.find_group(realm, &path).await? else {
                return Ok(Value::Null);
            };
            let mappings = client
                .group_role_mappings(realm, str_field(&group, "id"))
                .await?;
            Ok(mappings_state(&mapping_refs(&mappings)))
        }
        (Object::User(username), _) => {
            let Some(user) = client.find_user(realm, &username).await? else {
                return Ok(Value::Null);
            };
            let mappings = client
                .user_role_mappings(realm, str_field(&user, "id"))
                .await?;
            Ok(mappings_state(&mapping_refs(&mappings)))
        }
    }
}

/// Reads a role's representation by natural key; `None` when the role or
/// its client does not exist.
pub async fn find_role(
    client: &KeycloakClient,
    realm: &str,
    role: &RoleRef,
) -> Result<Option<Value>, KeycloakError> {
    match &role.client {
        None => client.find_realm_role(realm, &role.name).await,
        Some(client_id) => {
            let Some(owner) = client.find_client(realm, client_id).await? else {
                return Ok(None);
            };
            client
                .find_client_role(realm, str_field(&owner, "id"), &role.name)
                .await
        }
    }
}

async fn role_state(
    client: &KeycloakClient,
    realm: &str,
    role: &RoleRef,
    aspect: Aspect,
) -> Result<Value, KeycloakError> {
    let Some(representation) = find_role(client, realm, role).await? else {
        return Ok(Value::Null);
    };
    let properties = role_properties(
        representation.get("description").and_then(Value::as_str),
        &multi_valued(representation.get("attributes")),
    );
    if aspect == Aspect::RoleProperties {
        return Ok(properties);
    }
    let members = composite_members(client, realm, &representation).await?;
    if aspect == Aspect::RoleComposites {
        return Ok(composites_state(&members));
    }
    let mut whole = properties;
    if let Value::Object(map) = &mut whole {
        map.insert(
            crate::plan::state::COMPOSITES.into(),
            composites_state(&members)[crate::plan::state::COMPOSITES].clone(),
        );
    }
    Ok(whole)
}

/// Lists a role's direct composite members by natural key.
async fn composite_members(
    client: &KeycloakClient,
    realm: &str,
    representation: &Value,
) -> Result<Vec<RoleRef>, KeycloakError> {
    if !bool_field(representation, "composite") {
        return Ok(Vec::new());
    }
    let members = client
        .role_composites(realm, str_field(representation, "id"))
        .await?;
    let mut client_ids: HashMap<String, String> = HashMap::new();
    let mut refs = Vec::new();
    for member in &members {
        let name = str_field(member, "name");
        if !bool_field(member, "clientRole") {
            refs.push(RoleRef::realm(name));
            continue;
        }
        let container = str_field(member, "containerId").to_owned();
        if !client_ids.contains_key(&container) {
            let owner = client.client_by_uuid(realm, &container).await?;
            client_ids.insert(container.clone(), str_field(&owner, "clientId").to_owned());
        }
        refs.push(RoleRef::client(&client_ids[&container], name));
    }
    Ok(refs)
}

/// Reads a client's state through the same rules as the inventory, with
/// flow ids in `authenticationFlowBindingOverrides` turned into aliases.
async fn live_client_state(
    client: &KeycloakClient,
    realm: &str,
    client_id: &str,
) -> Result<Value, KeycloakError> {
    let Some(representation) = client.find_client(realm, client_id).await? else {
        return Ok(Value::Null);
    };
    let has_overrides = representation
        .get("authenticationFlowBindingOverrides")
        .and_then(Value::as_object)
        .is_some_and(|overrides| !overrides.is_empty());
    let flows = if has_overrides {
        client.flows(realm).await?
    } else {
        Vec::new()
    };
    let export = json!({"realm": realm, "clients": [representation], "authenticationFlows": flows});
    let inventory = from_export(&export).map_err(|error| KeycloakError::InvalidResponse {
        path: format!("{realm}/clients"),
        reason: error.to_string(),
    })?;
    Ok(inventory
        .clients
        .first()
        .map_or(Value::Null, |found| normalized(&client_state(found))))
}

/// Reads `realmMappings` and `clientMappings` (keyed by `clientId`) as role references.
pub fn mapping_refs(mappings: &Value) -> Vec<RoleRef> {
    let mut refs: Vec<RoleRef> = mappings
        .get("realmMappings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|role| RoleRef::realm(str_field(role, "name")))
        .collect();
    let clients = mappings.get("clientMappings").and_then(Value::as_object);
    for (client_id, mapping) in clients.into_iter().flatten() {
        let roles = mapping.get("mappings").and_then(Value::as_array);
        refs.extend(
            roles
                .into_iter()
                .flatten()
                .map(|role| RoleRef::client(client_id, str_field(role, "name"))),
        );
    }
    refs
}
