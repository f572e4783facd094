//! Typed read calls of the Admin REST API, each list paged until complete.
//!
//! Results stay JSON values so fields added by newer Keycloak versions survive
//! a read-modify-write round trip. Helpers in [`super::json`] read the fields.

use serde_json::Value;

use super::client::KeycloakClient;
use super::error::KeycloakError;
use super::json::str_field;

/// Page size used for every paged list; Keycloak accepts up to several thousand.
pub const PAGE_SIZE: usize = 100;

/// Upper bound on pages, so an endpoint that ignores `first` cannot loop forever.
const MAX_PAGES: usize = 10_000;

/// Server facts shown in the environment bar and by `kcdeck envs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    pub version: String,
    pub identity: String,
}

impl KeycloakClient {
    /// Reads every page of a list endpoint, `page_size` entries at a time.
    ///
    /// Stops at the first short page. If a page starts with the same entry as
    /// the one before, the endpoint ignored `first` and the list is reported as
    /// incomplete instead of being returned with duplicates.
    pub async fn get_paged(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
        page_size: usize,
    ) -> Result<Vec<Value>, KeycloakError> {
        let mut all = Vec::new();
        let mut previous_first: Option<Value> = None;
        for page in 0..MAX_PAGES {
            let mut paged_query = query.to_vec();
            paged_query.push(("first", (page * page_size).to_string()));
            paged_query.push(("max", page_size.to_string()));
            let entries = into_array(self.get(segments, &paged_query).await?, segments)?;

            let count = entries.len();
            if count > 0 && page > 0 && entries.first() == previous_first.as_ref() {
                return Err(KeycloakError::Paging {
                    path: segments.join("/"),
                    pages: page,
                });
            }
            previous_first = entries.first().cloned();
            all.extend(entries);
            if count < page_size {
                return Ok(all);
            }
        }
        Err(KeycloakError::Paging {
            path: segments.join("/"),
            pages: MAX_PAGES,
        })
    }

    /// Reads the server version and the logged-in identity.
    pub async fn server_info(&self) -> Result<ServerInfo, KeycloakError> {
        let identity = self.identity().await?;
        let version = match self.get_admin(&["serverinfo"]).await {
            Ok(info) => info
                .pointer("/systemInfo/version")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_owned(),
            // An admin of a non-master realm may not read server info.
            Err(KeycloakError::Forbidden { .. }) => "unknown".to_owned(),
            Err(error) => return Err(error),
        };
        Ok(ServerInfo { version, identity })
    }

    /// Lists the realms visible to the logged-in identity, sorted by name.
    pub async fn realms(&self) -> Result<Vec<Value>, KeycloakError> {
        let query = [("briefRepresentation", "true".to_owned())];
        let mut realms = into_array(self.get(&[], &query).await?, &[])?;
        realms.sort_by(|a, b| str_field(a, "realm").cmp(str_field(b, "realm")));
        Ok(realms)
    }

    /// Reads a realm's settings.
    pub async fn realm(&self, realm: &str) -> Result<Value, KeycloakError> {
        self.get(&[realm], &[]).await
    }

    /// Lists every client of a realm with its protocol mappers.
    pub async fn clients(&self, realm: &str) -> Result<Vec<Value>, KeycloakError> {
        self.get_paged(&[realm, "clients"], &[], PAGE_SIZE).await
    }

    /// Lists realm roles with their attributes.
    pub async fn realm_roles(&self, realm: &str) -> Result<Vec<Value>, KeycloakError> {
        let query = [("briefRepresentation", "false".to_owned())];
        self.get_paged(&[realm, "roles"], &query, PAGE_SIZE).await
    }

    /// Lists the roles of one client, addressed by its internal id.
    pub async fn client_roles(
        &self,
        realm: &str,
        client_uuid: &str,
    ) -> Result<Vec<Value>, KeycloakError> {
        let query = [("briefRepresentation", "false".to_owned())];
        self.get_paged(&[realm, "clients", client_uuid, "roles"], &query, PAGE_SIZE)
            .await
    }

    /// Lists the direct composite members of a role, realm and client roles alike.
    ///
    /// Client roles carry `clientRole: true` and the client's internal id in
    /// `containerId`; callers map that id to a `clientId`.
    pub async fn role_composites(
        &self,
        realm: &str,
        role_id: &str,
    ) -> Result<Vec<Value>, KeycloakError> {
        self.get_paged(
            &[realm, "roles-by-id", role_id, "composites"],
            &[],
            PAGE_SIZE,
        )
        .await
    }

    /// Reads one role by its internal id, attributes included.
    pub async fn role_by_id(&self, realm: &str, role_id: &str) -> Result<Value, KeycloakError> {
        self.get(&[realm, "roles-by-id", role_id], &[]).await
    }

    /// Lists top-level groups; each carries `subGroupCount` but no children.
    pub async fn top_groups(&self, realm: &str) -> Result<Vec<Value>, KeycloakError> {
        let query = [("briefRepresentation", "false".to_owned())];
        self.get_paged(&[realm, "groups"], &query, PAGE_SIZE).await
    }

    /// Lists the direct children of a group, paged past the server's default of 10.
    pub async fn group_children(
        &self,
        realm: &str,
        group_id: &str,
    ) -> Result<Vec<Value>, KeycloakError> {
        let query = [("briefRepresentation", "false".to_owned())];
        self.get_paged(&[realm, "groups", group_id, "children"], &query, PAGE_SIZE)
            .await
    }

    /// Reads a group's role mappings: `realmMappings` and `clientMappings` by `clientId`.
    pub async fn group_role_mappings(
        &self,
        realm: &str,
        group_id: &str,
    ) -> Result<Value, KeycloakError> {
        self.get(&[realm, "groups", group_id, "role-mappings"], &[])
            .await
    }

    /// Lists client scopes with their protocol mappers (not paged by Keycloak).
    pub async fn client_scopes(&self, realm: &str) -> Result<Vec<Value>, KeycloakError> {
        into_array(
            self.get(&[realm, "client-scopes"], &[]).await?,
            &[realm, "client-scopes"],
        )
    }

    /// Lists the realm's default or optional client scopes (`kind` is
    /// `default-default-client-scopes` or `default-optional-client-scopes`).
    pub async fn realm_default_scopes(
        &self,
        realm: &str,
        kind: &str,
    ) -> Result<Vec<Value>, KeycloakError> {
        into_array(self.get(&[realm, kind], &[]).await?, &[realm, kind])
    }

    /// Lists identity providers with their full configuration.
    pub async fn identity_providers(&self, realm: &str) -> Result<Vec<Value>, KeycloakError> {
        let query = [("briefRepresentation", "false".to_owned())];
        self.get_paged(
            &[realm, "identity-provider", "instances"],
            &query,
            PAGE_SIZE,
        )
        .await
    }

    /// Lists the mappers of one identity provider.
    pub async fn identity_provider_mappers(
        &self,
        realm: &str,
        alias: &str,
    ) -> Result<Vec<Value>, KeycloakError> {
        let segments = [realm, "identity-provider", "instances", alias, "mappers"];
        into_array(self.get(&segments, &[]).await?, &segments)
    }

    /// Lists top-level authentication flows.
    pub async fn flows(&self, realm: &str) -> Result<Vec<Value>, KeycloakError> {
        into_array(
            self.get(&[realm, "authentication", "flows"], &[]).await?,
            &[realm, "flows"],
        )
    }

    /// Lists the executions of a flow, nested ones included with their `level`.
    pub async fn flow_executions(
        &self,
        realm: &str,
        alias: &str,
    ) -> Result<Vec<Value>, KeycloakError> {
        let segments = [realm, "authentication", "flows", alias, "executions"];
        into_array(self.get(&segments, &[]).await?, &segments)
    }

    /// Lists users matching a search text in user name, email or name.
    pub async fn search_users(
        &self,
        realm: &str,
        search: &str,
    ) -> Result<Vec<Value>, KeycloakError> {
        let query = [
            ("search", search.to_owned()),
            ("briefRepresentation", "true".to_owned()),
        ];
        self.get_paged(&[realm, "users"], &query, PAGE_SIZE).await
    }
}

fn into_array(value: Value, segments: &[&str]) -> Result<Vec<Value>, KeycloakError> {
    match value {
        Value::Array(entries) => Ok(entries),
        other => Err(KeycloakError::InvalidResponse {
            path: segments.join("/"),
            reason: format!("expected a JSON list, got {}", kind_of(&other)),
        }),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
