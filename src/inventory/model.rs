//! The inventory of one realm: what kcdeck browses, snapshots and compares.
//!
//! Every list is ordered by natural key (client by `clientId`, role by name,
//! group by its chain of names), and set-like lists are sorted. Server ids are
//! kept apart in [`Ids`], so two servers with the same configuration produce
//! equal content. Secrets are never stored, only whether one is set.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Plain fields of a representation, keys sorted, ids and secrets removed.
pub type Fields = BTreeMap<String, Value>;

/// Content of one realm, independent of the server it was read from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    /// Realm name on the server it was read from.
    pub realm: String,
    /// Realm settings without the lists modelled below.
    pub settings: Fields,
    pub clients: Vec<Client>,
    pub realm_roles: Vec<Role>,
    /// The realm's default role, paired across realms whatever its name.
    pub default_role: Option<DefaultRole>,
    pub groups: Vec<Group>,
    pub client_scopes: Vec<ClientScope>,
    pub identity_providers: Vec<IdentityProvider>,
    pub auth_flows: Vec<AuthFlow>,
    /// Kinds whose list could not be read completely; their absence means "unknown".
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub incomplete: BTreeSet<Kind>,
    /// Server-specific ids, never compared.
    #[serde(default)]
    pub ids: Ids,
}

/// The kinds of object an inventory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    RealmSettings,
    Clients,
    ProtocolMappers,
    ClientScopes,
    RealmRoles,
    ClientRoles,
    Composites,
    DefaultRoles,
    Groups,
    IdentityProviders,
    AuthFlows,
}

/// A client with its roles and protocol mappers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub client_id: String,
    /// Shipped by Keycloak itself (`account`, `admin-cli`, `realm-management`, …).
    #[serde(default, skip_serializing_if = "is_false")]
    pub builtin: bool,
    pub secret: SecretState,
    pub fields: Fields,
    pub roles: Vec<Role>,
    pub mappers: Vec<ProtocolMapper>,
}

/// A realm or client role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub name: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub builtin: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Vec<String>>,
    /// Direct composite members, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub composites: Vec<RoleRef>,
}

/// A role named by natural key: realm role when `client` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RoleRef {
    /// `clientId` of the owning client, or `None` for a realm role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    pub name: String,
}

impl RoleRef {
    /// Names a realm role.
    pub fn realm(name: impl Into<String>) -> Self {
        Self {
            client: None,
            name: name.into(),
        }
    }

    /// Names a client role.
    pub fn client(client_id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            client: Some(client_id.into()),
            name: name.into(),
        }
    }
}

impl std::fmt::Display for RoleRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.client {
            Some(client) => write!(f, "{client} » {}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// The realm's default role: its own name plus the roles every user gets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultRole {
    /// Name on this server, usually `default-roles-<realm>`; `None` for
    /// files that list default roles the pre-Keycloak-13 way.
    pub name: Option<String>,
    pub members: Vec<RoleRef>,
}

/// A group, addressed by the chain of its ancestors' names and its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Names from the top-level group down to this one; a `/` inside a name
    /// is part of that name, never nesting.
    pub path: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub realm_roles: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub client_roles: BTreeMap<String, Vec<String>>,
}

impl Group {
    /// Returns the group's name, the last element of its path.
    pub fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }

    /// Formats the path as `/a/b`, escaping `/` and `~` inside names as `~/` and `~~`.
    pub fn display_path(&self) -> String {
        let mut text = String::new();
        for name in &self.path {
            text.push('/');
            text.push_str(&name.replace('~', "~~").replace('/', "~/"));
        }
        text
    }
}

/// A protocol mapper of a client, client scope or identity provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProtocolMapper {
    pub name: String,
    pub fields: Fields,
}

/// A client scope with its protocol mappers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClientScope {
    pub name: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub builtin: bool,
    pub fields: Fields,
    pub mappers: Vec<ProtocolMapper>,
}

/// An identity provider with its mappers; its client secret is reduced to a state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IdentityProvider {
    pub alias: String,
    pub secret: SecretState,
    pub fields: Fields,
    pub mappers: Vec<ProtocolMapper>,
}

/// A top-level authentication flow with its executions flattened in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthFlow {
    pub alias: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub builtin: bool,
    pub fields: Fields,
    pub steps: Vec<FlowStep>,
}

/// One execution of a flow; sub-flows appear as a step followed by their own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    /// Nesting depth, 0 for the top-level flow's own executions.
    pub level: u32,
    /// Authenticator provider id, or the alias of the sub-flow.
    pub provider: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub sub_flow: bool,
    pub requirement: String,
}

/// The known state of a secret, kept without its value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretState {
    Set,
    NotSet,
    /// The source does not tell, for example a file that omits the field.
    #[default]
    Unknown,
}

/// Server-specific ids of the objects, by natural key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ids {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
    /// Client id by `clientId`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub clients: BTreeMap<String, String>,
    /// Role id by [`role_key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, String>,
    /// Group id by [`Group::display_path`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub client_scopes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub flows: BTreeMap<String, String>,
}

/// Key of a role in [`Ids::roles`]: the name, or `clientId` and name joined by a newline,
/// which neither part may contain.
pub fn role_key(role: &RoleRef) -> String {
    match &role.client {
        Some(client) => format!("{client}\n{}", role.name),
        None => role.name.clone(),
    }
}

impl Inventory {
    /// Finds a client by `clientId`.
    pub fn client(&self, client_id: &str) -> Option<&Client> {
        self.clients
            .iter()
            .find(|client| client.client_id == client_id)
    }

    /// Finds a role by natural key.
    pub fn role(&self, role: &RoleRef) -> Option<&Role> {
        let roles = match &role.client {
            Some(client_id) => &self.client(client_id)?.roles,
            None => &self.realm_roles,
        };
        roles.iter().find(|candidate| candidate.name == role.name)
    }

    /// Lists the composite roles that directly contain `member`, sorted.
    pub fn containing_roles(&self, member: &RoleRef) -> Vec<RoleRef> {
        let realm = self.realm_roles.iter().map(|role| (None, role));
        let client = self.clients.iter().flat_map(|client| {
            client
                .roles
                .iter()
                .map(move |role| (Some(&client.client_id), role))
        });
        let mut parents: Vec<RoleRef> = realm
            .chain(client)
            .filter(|(_, role)| role.composites.contains(member))
            .map(|(client, role)| RoleRef {
                client: client.cloned(),
                name: role.name.clone(),
            })
            .collect();
        parents.sort();
        parents
    }

    /// Counts every role, realm and client.
    pub fn role_count(&self) -> usize {
        self.realm_roles.len()
            + self
                .clients
                .iter()
                .map(|client| client.roles.len())
                .sum::<usize>()
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(value: &bool) -> bool {
    !*value
}
