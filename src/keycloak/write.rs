//! Typed write calls of the Admin REST API.
//!
//! Each call goes through [`KeycloakClient::write`], the single gate that
//! rejects writes to a read-only environment before anything is sent. The
//! calls take internal ids: finding them by natural key is the caller's job
//! (see [`super::lookup`]). Bodies are JSON values so that a PUT sends back
//! every field that was read, including fields newer Keycloak versions add.

use reqwest::Method;
use serde_json::Value;

use super::client::{KeycloakClient, Reply};
use super::error::KeycloakError;

/// Whose role mappings a mapping call changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingHolder<'a> {
    /// A group, by internal id.
    Group(&'a str),
    /// A user, by internal id.
    User(&'a str),
}

impl MappingHolder<'_> {
    fn segments(&self) -> [&str; 2] {
        match self {
            Self::Group(id) => ["groups", id],
            Self::User(id) => ["users", id],
        }
    }
}

impl KeycloakClient {
    /// Creates a realm role; `role` carries name, description and attributes.
    pub async fn create_realm_role(
        &self,
        realm: &str,
        role: &Value,
    ) -> Result<Reply, KeycloakError> {
        self.write(Method::POST, &[realm, "roles"], Some(role))
            .await
    }

    /// Creates a role of the client with internal id `client_uuid`.
    pub async fn create_client_role(
        &self,
        realm: &str,
        client_uuid: &str,
        role: &Value,
    ) -> Result<Reply, KeycloakError> {
        let segments = [realm, "clients", client_uuid, "roles"];
        self.write(Method::POST, &segments, Some(role)).await
    }

    /// Replaces a role's name, description and attributes.
    ///
    /// Keycloak replaces the whole attribute map when `attributes` is present
    /// (an empty map removes every attribute) and ignores composite members.
    pub async fn update_role(
        &self,
        realm: &str,
        role_id: &str,
        role: &Value,
    ) -> Result<Reply, KeycloakError> {
        let segments = [realm, "roles-by-id", role_id];
        self.write(Method::PUT, &segments, Some(role)).await
    }

    /// Deletes a role; Keycloak also removes it from every composite, group and user.
    pub async fn delete_role(&self, realm: &str, role_id: &str) -> Result<Reply, KeycloakError> {
        self.write(Method::DELETE, &[realm, "roles-by-id", role_id], None)
            .await
    }

    /// Adds composite members; each member must carry its `id`.
    pub async fn add_composites(
        &self,
        realm: &str,
        role_id: &str,
        members: &[Value],
    ) -> Result<Reply, KeycloakError> {
        let segments = [realm, "roles-by-id", role_id, "composites"];
        let body = Value::Array(members.to_vec());
        self.write(Method::POST, &segments, Some(&body)).await
    }

    /// Removes composite members; each member must carry its `id`.
    pub async fn remove_composites(
        &self,
        realm: &str,
        role_id: &str,
        members: &[Value],
    ) -> Result<Reply, KeycloakError> {
        let segments = [realm, "roles-by-id", role_id, "composites"];
        let body = Value::Array(members.to_vec());
        self.write(Method::DELETE, &segments, Some(&body)).await
    }

    /// Creates a client, protocol mappers included; the reply's `Location` names its new id.
    pub async fn create_client(&self, realm: &str, client: &Value) -> Result<Reply, KeycloakError> {
        self.write(Method::POST, &[realm, "clients"], Some(client))
            .await
    }

    /// Replaces a client's representation. Keycloak leaves fields absent from
    /// `client` unchanged, so leaving out `secret` keeps the current secret.
    pub async fn update_client(
        &self,
        realm: &str,
        client_uuid: &str,
        client: &Value,
    ) -> Result<Reply, KeycloakError> {
        let segments = [realm, "clients", client_uuid];
        self.write(Method::PUT, &segments, Some(client)).await
    }

    /// Deletes a client with its roles, mappers and service account.
    pub async fn delete_client(
        &self,
        realm: &str,
        client_uuid: &str,
    ) -> Result<Reply, KeycloakError> {
        self.write(Method::DELETE, &[realm, "clients", client_uuid], None)
            .await
    }

    /// Adds or removes role mappings of a group or user.
    ///
    /// `client_uuid` selects the client whose roles `roles` are, or `None` for
    /// realm roles. Each role must carry its `id`.
    pub async fn change_role_mappings(
        &self,
        realm: &str,
        holder: MappingHolder<'_>,
        client_uuid: Option<&str>,
        roles: &[Value],
        add: bool,
    ) -> Result<Reply, KeycloakError> {
        let [kind, id] = holder.segments();
        let mut segments = vec![realm, kind, id, "role-mappings"];
        match client_uuid {
            Some(uuid) => segments.extend(["clients", uuid]),
            None => segments.push("realm"),
        }
        let method = if add { Method::POST } else { Method::DELETE };
        let body = Value::Array(roles.to_vec());
        self.write(method, &segments, Some(&body)).await
    }
}
