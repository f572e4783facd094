//! Reads of single objects by natural key, as the write path needs them.
//!
//! The Admin REST API addresses clients, groups and users by internal id, so
//! every write first finds the object by its `clientId`, path or user name
//! here. An absent object is `Ok(None)`, never an error, because "missing" is
//! an ordinary result when checking whether a planned write still applies.

use serde_json::Value;

use super::api::PAGE_SIZE;
use super::client::KeycloakClient;
use super::error::KeycloakError;
use super::json::str_field;

impl KeycloakClient {
    /// Reads a realm role by name, attributes included.
    pub async fn find_realm_role(
        &self,
        realm: &str,
        name: &str,
    ) -> Result<Option<Value>, KeycloakError> {
        absent_as_none(self.get(&[realm, "roles", name], &[]).await)
    }

    /// Reads a client role by name from the client with internal id `client_uuid`.
    pub async fn find_client_role(
        &self,
        realm: &str,
        client_uuid: &str,
        name: &str,
    ) -> Result<Option<Value>, KeycloakError> {
        let segments = [realm, "clients", client_uuid, "roles", name];
        absent_as_none(self.get(&segments, &[]).await)
    }

    /// Reads a client by `clientId`, protocol mappers included.
    ///
    /// The `clientId` query parameter matches exactly unless `search=true` is
    /// also sent (checked on Keycloak 26.7.3), so at most one client comes back.
    pub async fn find_client(
        &self,
        realm: &str,
        client_id: &str,
    ) -> Result<Option<Value>, KeycloakError> {
        let query = [("clientId", client_id.to_owned())];
        let found = self.get(&[realm, "clients"], &query).await?;
        Ok(first_matching(found, "clientId", client_id))
    }

    /// Reads a client by its internal id.
    pub async fn client_by_uuid(&self, realm: &str, uuid: &str) -> Result<Value, KeycloakError> {
        self.get(&[realm, "clients", uuid], &[]).await
    }

    /// Finds a group by the chain of names from the top-level group down.
    ///
    /// Walks the tree level by level instead of calling `group-by-path`,
    /// because a `/` inside a group name would be read as nesting there.
    /// NOTE: each level lists every sibling, so a group under a parent with
    /// thousands of children costs several paged requests.
    pub async fn find_group(
        &self,
        realm: &str,
        path: &[String],
    ) -> Result<Option<Value>, KeycloakError> {
        let mut current: Option<Value> = None;
        for name in path {
            let siblings = match &current {
                None => self.top_groups(realm).await?,
                Some(parent) => self.group_children(realm, str_field(parent, "id")).await?,
            };
            match siblings
                .into_iter()
                .find(|group| str_field(group, "name") == name)
            {
                Some(group) => current = Some(group),
                None => return Ok(None),
            }
        }
        Ok(current)
    }

    /// Finds a user by exact user name.
    pub async fn find_user(
        &self,
        realm: &str,
        username: &str,
    ) -> Result<Option<Value>, KeycloakError> {
        let query = [
            ("username", username.to_owned()),
            ("exact", "true".to_owned()),
            ("briefRepresentation", "true".to_owned()),
        ];
        let found = self.get_paged(&[realm, "users"], &query, PAGE_SIZE).await?;
        // Keycloak stores user names in lower case.
        let wanted = username.to_lowercase();
        Ok(first_matching(Value::Array(found), "username", &wanted))
    }

    /// Reads a user's direct role mappings: `realmMappings` and `clientMappings` by `clientId`.
    pub async fn user_role_mappings(
        &self,
        realm: &str,
        user_id: &str,
    ) -> Result<Value, KeycloakError> {
        self.get(&[realm, "users", user_id, "role-mappings"], &[])
            .await
    }

    /// Lists the groups a user is a direct member of, each with its `path`.
    ///
    /// Keycloak returns only the groups the user joined, not their ancestors, although the
    /// user inherits the ancestors' role mappings.
    pub async fn user_groups(
        &self,
        realm: &str,
        user_id: &str,
    ) -> Result<Vec<Value>, KeycloakError> {
        let query = [("briefRepresentation", "true".to_owned())];
        self.get_paged(&[realm, "users", user_id, "groups"], &query, PAGE_SIZE)
            .await
    }
}

/// Turns a 404 into `Ok(None)`.
fn absent_as_none(result: Result<Value, KeycloakError>) -> Result<Option<Value>, KeycloakError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.is_not_found() => Ok(None),
        Err(error) => Err(error),
    }
}

fn first_matching(list: Value, key: &str, wanted: &str) -> Option<Value> {
    let Value::Array(entries) = list else {
        return None;
    };
    entries
        .into_iter()
        .find(|entry| str_field(entry, key) == wanted)
}
