//! Sending one operation: looking up the target's ids by natural key and
//! making the Admin REST calls.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::read::find_role;
use crate::inventory::RoleRef;
use crate::keycloak::json::str_field;
use crate::keycloak::{KeycloakClient, KeycloakError, MappingHolder};
use crate::plan::Operation;
use crate::plan::state::{PROTOCOL_MAPPERS, strip_masked};

/// Failure to send an operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// An object the call needs does not exist on the server.
    #[error("{0}")]
    Missing(String),
    #[error(transparent)]
    Keycloak(#[from] KeycloakError),
}

/// Sends the calls of one operation.
pub async fn send(
    client: &KeycloakClient,
    realm: &str,
    operation: &Operation,
) -> Result<(), SendError> {
    match operation {
        Operation::CreateRole { role, after } => create_role(client, realm, role, after).await,
        Operation::UpdateRole { role, after, .. } => {
            let mut representation = require_role(client, realm, role).await?;
            set_properties(&mut representation, after);
            let id = str_field(&representation, "id").to_owned();
            client.update_role(realm, &id, &representation).await?;
            Ok(())
        }
        Operation::DeleteRole { role, .. } => {
            let representation = require_role(client, realm, role).await?;
            client
                .delete_role(realm, str_field(&representation, "id"))
                .await?;
            Ok(())
        }
        Operation::AddComposites { role, members, .. }
        | Operation::RemoveComposites { role, members, .. } => {
            let add = matches!(operation, Operation::AddComposites { .. });
            change_composites(client, realm, role, members, add).await
        }
        Operation::CreateClient { client_id, after } => {
            create_client(client, realm, client_id, after).await
        }
        Operation::UpdateClient {
            client_id,
            before,
            after,
        } => update_client(client, realm, client_id, before, after).await,
        Operation::DeleteClient { client_id, .. } => {
            let uuid = require_client(client, realm, client_id).await?;
            client.delete_client(realm, &uuid).await?;
            Ok(())
        }
        Operation::AddGroupRoles { group, roles, .. }
        | Operation::RemoveGroupRoles { group, roles, .. } => {
            let add = matches!(operation, Operation::AddGroupRoles { .. });
            let Some(found) = client.find_group(realm, group).await? else {
                return Err(missing(format!("{} does not exist", operation.object())));
            };
            let id = str_field(&found, "id").to_owned();
            change_mappings(client, realm, MappingHolder::Group(&id), roles, add).await
        }
        Operation::AddUserRoles {
            username, roles, ..
        }
        | Operation::RemoveUserRoles {
            username, roles, ..
        } => {
            let add = matches!(operation, Operation::AddUserRoles { .. });
            let Some(found) = client.find_user(realm, username).await? else {
                return Err(missing(format!("{} does not exist", operation.object())));
            };
            let id = str_field(&found, "id").to_owned();
            change_mappings(client, realm, MappingHolder::User(&id), roles, add).await
        }
    }
}

fn missing(message: String) -> SendError {
    SendError::Missing(message)
}

async fn require_role(
    client: &KeycloakClient,
    realm: &str,
    role: &RoleRef,
) -> Result<Value, SendError> {
    find_role(client, realm, role)
        .await?
        .ok_or_else(|| missing(format!("role {role} does not exist in realm \"{realm}\"")))
}

async fn require_client(
    client: &KeycloakClient,
    realm: &str,
    client_id: &str,
) -> Result<String, SendError> {
    let found = client.find_client(realm, client_id).await?.ok_or_else(|| {
        missing(format!(
            "client \"{client_id}\" does not exist in realm \"{realm}\""
        ))
    })?;
    Ok(str_field(&found, "id").to_owned())
}

/// Sets description and attributes from a properties state. An empty
/// attribute map is sent on purpose, because it removes every attribute.
fn set_properties(representation: &mut Value, properties: &Value) {
    let Value::Object(map) = representation else {
        return;
    };
    let description = properties
        .get("description")
        .cloned()
        .unwrap_or_else(|| Value::String(String::new()));
    map.insert("description".into(), description);
    let attributes = properties
        .get("attributes")
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    map.insert("attributes".into(), attributes);
}

async fn create_role(
    client: &KeycloakClient,
    realm: &str,
    role: &RoleRef,
    after: &Value,
) -> Result<(), SendError> {
    let mut representation = serde_json::json!({"name": role.name});
    set_properties(&mut representation, after);
    match &role.client {
        None => client.create_realm_role(realm, &representation).await?,
        Some(client_id) => {
            let uuid = require_client(client, realm, client_id).await?;
            client
                .create_client_role(realm, &uuid, &representation)
                .await?
        }
    };
    Ok(())
}

/// Reads every role with its id, as composite and mapping calls need them,
/// grouped by owning client (`None` for realm roles).
async fn role_representations(
    client: &KeycloakClient,
    realm: &str,
    roles: &[RoleRef],
) -> Result<BTreeMap<Option<String>, Vec<Value>>, SendError> {
    let mut grouped: BTreeMap<Option<String>, Vec<Value>> = BTreeMap::new();
    for role in roles {
        let representation = find_role(client, realm, role).await?.ok_or_else(|| {
            missing(format!(
                "role {role} does not exist in realm \"{realm}\"; it may have been deleted \
                 after the plan was made"
            ))
        })?;
        grouped
            .entry(role.client.clone())
            .or_default()
            .push(representation);
    }
    Ok(grouped)
}

async fn change_composites(
    client: &KeycloakClient,
    realm: &str,
    role: &RoleRef,
    members: &[RoleRef],
    add: bool,
) -> Result<(), SendError> {
    let representation = require_role(client, realm, role).await?;
    let id = str_field(&representation, "id").to_owned();
    let grouped = role_representations(client, realm, members).await?;
    let all: Vec<Value> = grouped.into_values().flatten().collect();
    if add {
        client.add_composites(realm, &id, &all).await?;
    } else {
        client.remove_composites(realm, &id, &all).await?;
    }
    Ok(())
}

async fn change_mappings(
    client: &KeycloakClient,
    realm: &str,
    holder: MappingHolder<'_>,
    roles: &[RoleRef],
    add: bool,
) -> Result<(), SendError> {
    let grouped = role_representations(client, realm, roles).await?;
    for (owner, representations) in grouped {
        let uuid = match &owner {
            Some(client_id) => Some(require_client(client, realm, client_id).await?),
            None => None,
        };
        client
            .change_role_mappings(realm, holder, uuid.as_deref(), &representations, add)
            .await?;
    }
    Ok(())
}

async fn create_client(
    client: &KeycloakClient,
    realm: &str,
    client_id: &str,
    after: &Value,
) -> Result<(), SendError> {
    let mut representation = after.clone();
    strip_masked(&mut representation);
    if let Value::Object(map) = &mut representation {
        map.remove("secret");
        map.insert("clientId".into(), Value::String(client_id.to_owned()));
    }
    translate_flow_aliases(client, realm, &mut representation).await?;
    client.create_client(realm, &representation).await?;
    Ok(())
}

/// Sends back the representation as read, with the fields the plan changes
/// set to their new values. The secret is left out, so the server keeps it,
/// and masked values are left out, so a mask is never stored as a value.
async fn update_client(
    client: &KeycloakClient,
    realm: &str,
    client_id: &str,
    before: &Value,
    after: &Value,
) -> Result<(), SendError> {
    let Some(mut representation) = client.find_client(realm, client_id).await? else {
        return Err(missing(format!(
            "client \"{client_id}\" does not exist in realm \"{realm}\""
        )));
    };
    let mut changes = changed_fields(before, after);
    translate_flow_aliases(client, realm, &mut changes).await?;
    if let (Value::Object(map), Value::Object(changes)) = (&mut representation, changes) {
        map.remove("secret");
        map.remove(PROTOCOL_MAPPERS);
        for (key, value) in changes {
            map.insert(key, value);
        }
    }
    strip_masked(&mut representation);
    let uuid = str_field(&representation, "id").to_owned();
    client.update_client(realm, &uuid, &representation).await?;
    Ok(())
}

/// Returns the top-level fields whose value differs between two client
/// states, as they must be sent. A field the change removes is sent empty
/// (Keycloak leaves absent fields unchanged), and a removed client
/// attribute is sent as `""`, which makes Keycloak delete it.
fn changed_fields(before: &Value, after: &Value) -> Value {
    let empty = Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let after = after.as_object().unwrap_or(&empty);
    let mut changes = Map::new();
    let keys = before.keys().chain(after.keys());
    for key in keys.filter(|key| key.as_str() != PROTOCOL_MAPPERS) {
        let (old, new) = (before.get(key), after.get(key));
        if old == new || changes.contains_key(key) {
            continue;
        }
        let value = match (old, new) {
            (Some(Value::Object(old)), Some(Value::Object(new))) if key == "attributes" => {
                let mut merged = new.clone();
                for removed in old.keys().filter(|name| !new.contains_key(*name)) {
                    merged.insert(removed.clone(), Value::String(String::new()));
                }
                Value::Object(merged)
            }
            (_, Some(new)) => new.clone(),
            (Some(old), None) => empty_like(old),
            (None, None) => continue,
        };
        changes.insert(key.clone(), value);
    }
    Value::Object(changes)
}

fn empty_like(value: &Value) -> Value {
    match value {
        Value::String(_) => Value::String(String::new()),
        Value::Array(_) => Value::Array(Vec::new()),
        Value::Object(map) => Value::Object(
            map.keys()
                .map(|key| (key.clone(), Value::String(String::new())))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Replaces flow aliases in `authenticationFlowBindingOverrides` by the
/// target's flow ids; states hold aliases because ids differ per server.
async fn translate_flow_aliases(
    client: &KeycloakClient,
    realm: &str,
    representation: &mut Value,
) -> Result<(), SendError> {
    let Some(Value::Object(overrides)) =
        representation.get_mut("authenticationFlowBindingOverrides")
    else {
        return Ok(());
    };
    if overrides.is_empty() {
        return Ok(());
    }
    let flows = client.flows(realm).await?;
    for (binding, value) in overrides.iter_mut() {
        let Some(alias) = value.as_str().filter(|alias| !alias.is_empty()) else {
            continue;
        };
        let flow = flows
            .iter()
            .find(|flow| str_field(flow, "alias") == alias)
            .ok_or_else(|| {
                missing(format!(
                    "the {binding} flow \"{alias}\" does not exist in realm \"{realm}\""
                ))
            })?;
        *value = Value::String(str_field(flow, "id").to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn changed_fields_empties_removed_values() {
        let before = json!({"description": "d", "redirectUris": ["a"], "enabled": true,
            "attributes": {"keep": "1", "gone": "2"}, "protocolMappers": [{"name": "m"}]});
        let after = json!({"redirectUris": ["a", "b"], "enabled": true,
            "attributes": {"keep": "1"}, "protocolMappers": []});
        assert_eq!(
            changed_fields(&before, &after),
            json!({"description": "", "redirectUris": ["a", "b"],
                "attributes": {"keep": "1", "gone": ""}})
        );
    }
}
