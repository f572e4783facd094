//! Flattens one kind of an inventory into comparable items: a natural key plus fields.
//!
//! Every kind becomes the same shape, so pairing and field comparison are
//! written once. Items borrow from the inventory wherever they can, because a
//! large realm holds tens of thousands of roles. Ids never enter an item.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::inventory::normalize::SECRET_MASK;
use crate::inventory::{
    AuthFlow, Client, FlowStep, Group, Inventory, Kind, ProtocolMapper, Role, RoleRef, SecretState,
};

/// One object of one kind, ready to be paired and compared.
pub struct Item<'a> {
    /// Natural key parts, as documented on [`super::Key`].
    pub parts: Vec<&'a str>,
    /// The kind whose incompleteness makes this item's absence unknown, besides
    /// the item's own kind: the owning client for a client's mappers, for example.
    pub owner: Kind,
    pub builtin: bool,
    /// Fields sorted by name.
    pub fields: Vec<(&'a str, Cow<'a, Value>)>,
    /// Names of fields that are ordered lists (a flow's steps).
    pub ordered: &'static [&'static str],
    /// Names of fields that are sets whatever their members look like (role
    /// references, which would otherwise be matched by their `name`).
    pub sets: &'static [&'static str],
    /// Reported only when paired with an item on the other side and not empty
    /// on both: used for composites, whose role entry already covers one-sided roles.
    pub only_when_paired: bool,
}

impl<'a> Item<'a> {
    fn new(parts: Vec<&'a str>, owner: Kind, builtin: bool) -> Self {
        Self {
            parts,
            owner,
            builtin,
            fields: Vec::new(),
            ordered: &[],
            sets: &[],
            only_when_paired: false,
        }
    }

    fn with_fields(mut self, fields: impl IntoIterator<Item = (&'a String, &'a Value)>) -> Self {
        self.fields.extend(
            fields
                .into_iter()
                .map(|(name, value)| (name.as_str(), Cow::Borrowed(value))),
        );
        self
    }

    fn with_field(mut self, name: &'a str, value: Value) -> Self {
        self.fields.push((name, Cow::Owned(value)));
        self
    }

    fn with_role_set(mut self, name: &'static str, roles: &[RoleRef]) -> Self {
        self.fields.push((name, Cow::Owned(role_set(roles))));
        self.sets = ROLE_SET_FIELDS;
        self
    }

    fn sorted(mut self) -> Self {
        self.fields.sort_by(|a, b| a.0.cmp(b.0));
        self
    }
}

/// Fields that hold role references.
const ROLE_SET_FIELDS: &[&str] = &["composites", "members", "roleMappings"];

/// Builds the items of one kind of `inventory`, in no particular order.
pub fn items_of(inventory: &Inventory, kind: Kind) -> Vec<Item<'_>> {
    match kind {
        Kind::RealmSettings => vec![realm_item(inventory)],
        Kind::Clients => inventory.clients.iter().map(client_item).collect(),
        Kind::ProtocolMappers => mapper_items(inventory),
        Kind::ClientScopes => inventory
            .client_scopes
            .iter()
            .map(|scope| {
                Item::new(vec![scope.name.as_str()], Kind::ClientScopes, scope.builtin)
                    .with_fields(&scope.fields)
            })
            .collect(),
        Kind::RealmRoles => inventory
            .realm_roles
            .iter()
            .map(|role| role_item(role, None))
            .collect(),
        Kind::ClientRoles => client_roles(inventory)
            .map(|(client, role)| role_item(role, Some(client)))
            .collect(),
        Kind::Composites => composite_items(inventory),
        Kind::DefaultRoles => inventory
            .default_role
            .iter()
            .map(|role| {
                Item::new(Vec::new(), Kind::RealmRoles, false)
                    .with_role_set("members", &role.members)
            })
            .collect(),
        Kind::Groups => inventory.groups.iter().map(group_item).collect(),
        Kind::IdentityProviders => provider_items(inventory),
        Kind::AuthFlows => inventory.auth_flows.iter().map(flow_item).collect(),
    }
}

/// Returns the key text shown for `parts` of `kind`.
pub fn display_key(kind: Kind, parts: &[&str]) -> String {
    match (kind, parts) {
        (Kind::RealmSettings, _) => "realm".to_owned(),
        (Kind::DefaultRoles, _) => "default role".to_owned(),
        (Kind::Groups, _) => Group {
            path: parts.iter().map(|&name| name.to_owned()).collect(),
            ..Group::default()
        }
        .display_path(),
        (Kind::ProtocolMappers, [owner_type, owner, name]) => {
            let owner_type = if *owner_type == "client" {
                "client"
            } else {
                "scope"
            };
            format!("{owner_type} {owner} » {name}")
        }
        _ => parts.join(" » "),
    }
}

fn realm_item(inventory: &Inventory) -> Item<'_> {
    Item::new(Vec::new(), Kind::RealmSettings, false)
        .with_fields(&inventory.settings)
        .with_field("realm", Value::String(inventory.realm.clone()))
        .sorted()
}

fn client_item(client: &Client) -> Item<'_> {
    let item = Item::new(
        vec![client.client_id.as_str()],
        Kind::Clients,
        client.builtin,
    )
    .with_fields(&client.fields);
    match secret_value(client.secret) {
        Some(secret) => item.with_field("secret", secret).sorted(),
        None => item,
    }
}

/// Encodes a secret state the way masked fields read: the mask, `""` or absent.
fn secret_value(state: SecretState) -> Option<Value> {
    match state {
        SecretState::Set => Some(Value::String(SECRET_MASK.to_owned())),
        SecretState::NotSet => Some(Value::String(String::new())),
        SecretState::Unknown => None,
    }
}

fn mapper_items(inventory: &Inventory) -> Vec<Item<'_>> {
    let client_mappers = inventory.clients.iter().flat_map(|client| {
        client.mappers.iter().map(move |mapper| {
            mapper_item(
                ["client", client.client_id.as_str()],
                mapper,
                Kind::Clients,
                client.builtin,
            )
        })
    });
    let scope_mappers = inventory.client_scopes.iter().flat_map(|scope| {
        scope.mappers.iter().map(move |mapper| {
            mapper_item(
                ["client_scope", scope.name.as_str()],
                mapper,
                Kind::ClientScopes,
                scope.builtin,
            )
        })
    });
    client_mappers.chain(scope_mappers).collect()
}

fn mapper_item<'a>(
    owner: [&'a str; 2],
    mapper: &'a ProtocolMapper,
    owner_kind: Kind,
    builtin: bool,
) -> Item<'a> {
    Item::new(
        vec![owner[0], owner[1], mapper.name.as_str()],
        owner_kind,
        builtin,
    )
    .with_fields(&mapper.fields)
}

fn client_roles(inventory: &Inventory) -> impl Iterator<Item = (&str, &Role)> {
    inventory.clients.iter().flat_map(|client| {
        client
            .roles
            .iter()
            .map(move |role| (client.client_id.as_str(), role))
    })
}

fn role_parts<'a>(role: &'a Role, client: Option<&'a str>) -> Vec<&'a str> {
    match client {
        Some(client) => vec![client, role.name.as_str()],
        None => vec![role.name.as_str()],
    }
}

fn role_item<'a>(role: &'a Role, client: Option<&'a str>) -> Item<'a> {
    let owner = if client.is_some() {
        Kind::ClientRoles
    } else {
        Kind::RealmRoles
    };
    let mut item = Item::new(role_parts(role, client), owner, role.builtin);
    if !role.attributes.is_empty() {
        item = item.with_field("attributes", multi_valued(&role.attributes));
    }
    if let Some(description) = &role.description {
        item = item.with_field("description", Value::String(description.clone()));
    }
    item
}

fn composite_items(inventory: &Inventory) -> Vec<Item<'_>> {
    let realm = inventory.realm_roles.iter().map(|role| (None, role));
    let client = client_roles(inventory).map(|(client, role)| (Some(client), role));
    realm
        .chain(client)
        .map(|(client, role)| {
            let owner = if client.is_some() {
                Kind::ClientRoles
            } else {
                Kind::RealmRoles
            };
            let mut item = Item::new(role_parts(role, client), owner, role.builtin);
            item.only_when_paired = true;
            item.sets = ROLE_SET_FIELDS;
            if !role.composites.is_empty() {
                item = item.with_role_set("composites", &role.composites);
            }
            item
        })
        .collect()
}

/// Encodes role references as a list of `{"client", "name"}` objects, the
/// shape of the snapshot file; the list compares as a set.
fn role_set(roles: &[RoleRef]) -> Value {
    Value::Array(roles.iter().map(role_ref_value).collect())
}

fn role_ref_value(role: &RoleRef) -> Value {
    let mut object = Map::new();
    if let Some(client) = &role.client {
        object.insert("client".into(), Value::String(client.clone()));
    }
    object.insert("name".into(), Value::String(role.name.clone()));
    Value::Object(object)
}

fn multi_valued(map: &std::collections::BTreeMap<String, Vec<String>>) -> Value {
    Value::Object(
        map.iter()
            .map(|(key, values)| {
                let values = values.iter().cloned().map(Value::String).collect();
                (key.clone(), Value::Array(values))
            })
            .collect(),
    )
}

fn group_item(group: &Group) -> Item<'_> {
    let parts = group.path.iter().map(String::as_str).collect();
    let mut item = Item::new(parts, Kind::Groups, false);
    item.sets = ROLE_SET_FIELDS;
    if !group.attributes.is_empty() {
        item = item.with_field("attributes", multi_valued(&group.attributes));
    }
    let realm = group.realm_roles.iter().map(RoleRef::realm);
    let client = group.client_roles.iter().flat_map(|(client, names)| {
        names
            .iter()
            .map(move |name| RoleRef::client(client.as_str(), name.as_str()))
    });
    let mappings: Vec<RoleRef> = realm.chain(client).collect();
    if !mappings.is_empty() {
        item = item.with_role_set("roleMappings", &mappings);
    }
    item.sorted()
}

/// Builds identity providers and, under the same kind, their mappers keyed by
/// alias and mapper name. The client secret stays in `config.clientSecret`,
/// masked, where the value comparison treats it as set or not set.
fn provider_items(inventory: &Inventory) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    for provider in &inventory.identity_providers {
        items.push(
            Item::new(
                vec![provider.alias.as_str()],
                Kind::IdentityProviders,
                false,
            )
            .with_fields(&provider.fields),
        );
        for mapper in &provider.mappers {
            items.push(
                Item::new(
                    vec![provider.alias.as_str(), mapper.name.as_str()],
                    Kind::IdentityProviders,
                    false,
                )
                .with_fields(&mapper.fields),
            );
        }
    }
    items
}

fn flow_item(flow: &AuthFlow) -> Item<'_> {
    let steps = flow.steps.iter().map(step_text).collect();
    let mut item = Item::new(vec![flow.alias.as_str()], Kind::AuthFlows, flow.builtin)
        .with_fields(&flow.fields)
        .with_field("steps", Value::Array(steps))
        .sorted();
    item.ordered = &["steps"];
    item
}

/// Formats a step as one line: indented by level, the sub-flow marked, then
/// its requirement, such as `  auth-otp-form: REQUIRED`.
fn step_text(step: &FlowStep) -> Value {
    let indent = "  ".repeat(step.level as usize);
    let marker = if step.sub_flow { " (sub-flow)" } else { "" };
    Value::String(format!(
        "{indent}{}{marker}: {}",
        step.provider, step.requirement
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Client;

    #[test]
    fn display_key_per_kind() {
        assert_eq!(display_key(Kind::Clients, &["app"]), "app");
        assert_eq!(
            display_key(Kind::ClientRoles, &["app", "admin"]),
            "app » admin"
        );
        assert_eq!(
            display_key(Kind::ProtocolMappers, &["client_scope", "profile", "email"]),
            "scope profile » email"
        );
        assert_eq!(display_key(Kind::Groups, &["a/b", "c"]), "/a~/b/c");
        assert_eq!(display_key(Kind::DefaultRoles, &[]), "default role");
    }

    #[test]
    fn client_secret_becomes_field() {
        let client = Client {
            client_id: "app".into(),
            secret: SecretState::Set,
            ..Client::default()
        };
        let item = client_item(&client);
        assert_eq!(item.fields.len(), 1);
        assert_eq!(item.fields[0].0, "secret");
        assert_eq!(
            item.fields[0].1.as_ref(),
            &Value::String(SECRET_MASK.into())
        );
    }

    #[test]
    fn unknown_secret_adds_no_field() {
        let client = Client {
            client_id: "app".into(),
            ..Client::default()
        };
        assert!(client_item(&client).fields.is_empty());
    }
}
