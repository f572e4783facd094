//! Flattens one kind of an inventory into comparable items: a natural key plus fields.
//!
//! Every kind becomes the same shape, so pairing and field comparison are
//! written once. An item only borrows its object. Most paired objects are
//! identical, which [`identical`] detects on the typed data, so JSON fields
//! are built only for the few that are not. Ids never enter an item.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::value::same_value;
use crate::inventory::normalize::SECRET_MASK;
use crate::inventory::{
    AuthFlow, Client, DefaultRole, Fields, FlowStep, Group, Inventory, Kind, Role, RoleRef,
    SecretState,
};

/// One object of one kind, ready to be paired and compared.
pub struct Item<'a> {
    /// Natural key parts, as documented on [`super::Key`].
    pub parts: Vec<&'a str>,
    /// The kind whose incompleteness makes this item's absence unknown, besides
    /// the item's own kind: the owning client for a client's mappers, for example.
    pub owner: Kind,
    pub builtin: bool,
    pub source: Source<'a>,
}

/// The object behind an item.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// Realm settings plus the realm's name.
    Realm(&'a Inventory),
    /// A client's own fields and secret state, without its roles and mappers.
    Client(&'a Client),
    /// An object compared by its fields alone: a mapper, client scope or
    /// identity provider. An identity provider's secret stays masked in
    /// `config.clientSecret`, where the value comparison reads it as set or not.
    Fields(&'a Fields),
    /// A role's description and attributes.
    Role(&'a Role),
    /// A role's composite members. Reported only when the role exists on both
    /// sides and has members on one, because the role's own entry already
    /// covers a role found on one side.
    Composites(&'a Role),
    DefaultRole(&'a DefaultRole),
    Group(&'a Group),
    Flow(&'a AuthFlow),
}

/// Fields that hold role references, compared as sets.
const ROLE_SET_FIELDS: &[&str] = &["composites", "members", "roleMappings"];

impl<'a> Item<'a> {
    fn new(parts: Vec<&'a str>, owner: Kind, builtin: bool, source: Source<'a>) -> Self {
        Self {
            parts,
            owner,
            builtin,
            source,
        }
    }

    /// Reports whether the item appears only when paired, see [`Source::Composites`].
    pub fn only_when_paired(&self) -> bool {
        matches!(self.source, Source::Composites(_))
    }

    /// Reports whether the item has nothing to compare: a role without members.
    pub fn is_empty(&self) -> bool {
        matches!(self.source, Source::Composites(role) if role.composites.is_empty())
    }

    /// Names the fields that are ordered lists (a flow's steps).
    pub fn ordered(&self) -> &'static [&'static str] {
        match self.source {
            Source::Flow(_) => &["steps"],
            _ => &[],
        }
    }

    /// Names the fields that are sets whatever their members look like: role
    /// references, which would otherwise be matched by their `name`.
    pub fn sets(&self) -> &'static [&'static str] {
        match self.source {
            Source::Composites(_) | Source::DefaultRole(_) | Source::Group(_) => ROLE_SET_FIELDS,
            _ => &[],
        }
    }

    /// Builds the item's fields, sorted by name.
    pub fn fields(&self) -> Vec<(&'a str, Cow<'a, Value>)> {
        let mut fields: Vec<(&'a str, Cow<'a, Value>)> = match self.source {
            Source::Realm(inventory) => {
                let mut fields = borrowed(&inventory.settings);
                fields.push(("realm", owned(Value::String(inventory.realm.clone()))));
                fields
            }
            Source::Client(client) => {
                let mut fields = borrowed(&client.fields);
                fields.extend(secret_value(client.secret).map(|value| ("secret", owned(value))));
                fields
            }
            Source::Fields(fields) => borrowed(fields),
            Source::Role(role) => role_fields(role),
            Source::Composites(role) => role_set("composites", &role.composites),
            Source::DefaultRole(role) => role_set("members", &role.members),
            Source::Group(group) => group_fields(group),
            Source::Flow(flow) => {
                let steps = flow.steps.iter().map(step_text).collect();
                let mut fields = borrowed(&flow.fields);
                fields.push(("steps", owned(Value::Array(steps))));
                fields
            }
        };
        fields.sort_by(|a, b| a.0.cmp(b.0));
        fields
    }
}

/// Reports whether two objects hold identical data, which implies that their
/// fields compare without a difference. Cheaper than building the fields.
pub fn identical(a: Source<'_>, b: Source<'_>) -> bool {
    match (a, b) {
        (Source::Realm(x), Source::Realm(y)) => {
            x.realm == y.realm && same_fields(&x.settings, &y.settings)
        }
        (Source::Client(x), Source::Client(y)) => {
            x.secret == y.secret && same_fields(&x.fields, &y.fields)
        }
        (Source::Fields(x), Source::Fields(y)) => same_fields(x, y),
        (Source::Role(x), Source::Role(y)) => {
            x.description == y.description && x.attributes == y.attributes
        }
        (Source::Composites(x), Source::Composites(y)) => x.composites == y.composites,
        (Source::DefaultRole(x), Source::DefaultRole(y)) => x.members == y.members,
        (Source::Group(x), Source::Group(y)) => {
            x.attributes == y.attributes
                && x.realm_roles == y.realm_roles
                && x.client_roles == y.client_roles
        }
        (Source::Flow(x), Source::Flow(y)) => {
            x.steps == y.steps && same_fields(&x.fields, &y.fields)
        }
        _ => false,
    }
}

fn same_fields(a: &Fields, b: &Fields) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((name_a, a), (name_b, b))| name_a == name_b && same_value(a, b))
}

fn borrowed(fields: &Fields) -> Vec<(&str, Cow<'_, Value>)> {
    fields
        .iter()
        .map(|(name, value)| (name.as_str(), Cow::Borrowed(value)))
        .collect()
}

fn owned<'a>(value: Value) -> Cow<'a, Value> {
    Cow::Owned(value)
}

/// Builds the items of one kind of `inventory`, in no particular order.
pub fn items_of(inventory: &Inventory, kind: Kind) -> Vec<Item<'_>> {
    match kind {
        Kind::RealmSettings => vec![Item::new(
            Vec::new(),
            Kind::RealmSettings,
            false,
            Source::Realm(inventory),
        )],
        Kind::Clients => inventory
            .clients
            .iter()
            .map(|client| {
                let parts = vec![client.client_id.as_str()];
                Item::new(parts, Kind::Clients, client.builtin, Source::Client(client))
            })
            .collect(),
        Kind::ProtocolMappers => mapper_items(inventory),
        Kind::ClientScopes => inventory
            .client_scopes
            .iter()
            .map(|scope| {
                let parts = vec![scope.name.as_str()];
                let source = Source::Fields(&scope.fields);
                Item::new(parts, Kind::ClientScopes, scope.builtin, source)
            })
            .collect(),
        Kind::RealmRoles => role_items(inventory, false, Source::Role),
        Kind::ClientRoles => role_items(inventory, true, Source::Role),
        Kind::Composites => {
            let mut items = role_items(inventory, false, Source::Composites);
            items.extend(role_items(inventory, true, Source::Composites));
            items
        }
        Kind::DefaultRoles => inventory
            .default_role
            .iter()
            .map(|role| {
                Item::new(
                    Vec::new(),
                    Kind::RealmRoles,
                    false,
                    Source::DefaultRole(role),
                )
            })
            .collect(),
        Kind::Groups => inventory
            .groups
            .iter()
            .map(|group| {
                let parts = group.path.iter().map(String::as_str).collect();
                Item::new(parts, Kind::Groups, false, Source::Group(group))
            })
            .collect(),
        Kind::IdentityProviders => provider_items(inventory),
        Kind::AuthFlows => inventory
            .auth_flows
            .iter()
            .map(|flow| {
                let parts = vec![flow.alias.as_str()];
                Item::new(parts, Kind::AuthFlows, flow.builtin, Source::Flow(flow))
            })
            .collect(),
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

/// Encodes a secret state the way masked fields read: the mask, `""` or absent.
fn secret_value(state: SecretState) -> Option<Value> {
    match state {
        SecretState::Set => Some(Value::String(SECRET_MASK.to_owned())),
        SecretState::NotSet => Some(Value::String(String::new())),
        SecretState::Unknown => None,
    }
}

fn mapper_items(inventory: &Inventory) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    for client in &inventory.clients {
        for mapper in &client.mappers {
            let parts = vec!["client", client.client_id.as_str(), mapper.name.as_str()];
            let source = Source::Fields(&mapper.fields);
            items.push(Item::new(parts, Kind::Clients, client.builtin, source));
        }
    }
    for scope in &inventory.client_scopes {
        for mapper in &scope.mappers {
            let parts = vec!["client_scope", scope.name.as_str(), mapper.name.as_str()];
            let source = Source::Fields(&mapper.fields);
            items.push(Item::new(parts, Kind::ClientScopes, scope.builtin, source));
        }
    }
    items
}

/// Builds one item per realm role, or per client role, with `source` telling
/// which part of the role the item compares.
fn role_items<'a>(
    inventory: &'a Inventory,
    client_roles: bool,
    source: fn(&'a Role) -> Source<'a>,
) -> Vec<Item<'a>> {
    if !client_roles {
        return inventory
            .realm_roles
            .iter()
            .map(|role| {
                let parts = vec![role.name.as_str()];
                Item::new(parts, Kind::RealmRoles, role.builtin, source(role))
            })
            .collect();
    }
    let mut items = Vec::with_capacity(inventory.role_count());
    for client in &inventory.clients {
        for role in &client.roles {
            let parts = vec![client.client_id.as_str(), role.name.as_str()];
            items.push(Item::new(
                parts,
                Kind::ClientRoles,
                role.builtin,
                source(role),
            ));
        }
    }
    items
}

fn role_fields(role: &Role) -> Vec<(&str, Cow<'_, Value>)> {
    let mut fields = Vec::new();
    if !role.attributes.is_empty() {
        fields.push(("attributes", owned(multi_valued(&role.attributes))));
    }
    if let Some(description) = &role.description {
        fields.push(("description", owned(Value::String(description.clone()))));
    }
    fields
}

fn group_fields(group: &Group) -> Vec<(&str, Cow<'_, Value>)> {
    let mut fields = Vec::new();
    if !group.attributes.is_empty() {
        fields.push(("attributes", owned(multi_valued(&group.attributes))));
    }
    let realm = group.realm_roles.iter().map(RoleRef::realm);
    let client = group.client_roles.iter().flat_map(|(client, names)| {
        names
            .iter()
            .map(move |name| RoleRef::client(client.as_str(), name.as_str()))
    });
    let mappings: Vec<RoleRef> = realm.chain(client).collect();
    fields.extend(role_set("roleMappings", &mappings));
    fields
}

/// Builds a field holding role references as `{"client", "name"}` objects,
/// the shape of the snapshot file, or no field for an empty list.
fn role_set<'a>(name: &'a str, roles: &[RoleRef]) -> Vec<(&'a str, Cow<'a, Value>)> {
    if roles.is_empty() {
        return Vec::new();
    }
    let members = roles.iter().map(role_ref_value).collect();
    vec![(name, owned(Value::Array(members)))]
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

/// Builds identity providers and, under the same kind, their mappers keyed by
/// alias and mapper name.
fn provider_items(inventory: &Inventory) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    for provider in &inventory.identity_providers {
        let parts = vec![provider.alias.as_str()];
        let source = Source::Fields(&provider.fields);
        items.push(Item::new(parts, Kind::IdentityProviders, false, source));
        for mapper in &provider.mappers {
            let parts = vec![provider.alias.as_str(), mapper.name.as_str()];
            let source = Source::Fields(&mapper.fields);
            items.push(Item::new(parts, Kind::IdentityProviders, false, source));
        }
    }
    items
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
    use serde_json::json;

    use super::*;

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

    fn client_with(secret: SecretState) -> Client {
        Client {
            client_id: "app".into(),
            secret,
            fields: [("rootUrl".to_owned(), json!("x"))].into(),
            ..Client::default()
        }
    }

    #[test]
    fn client_secret_becomes_field() {
        let client = client_with(SecretState::Set);
        let fields = Item::new(vec![], Kind::Clients, false, Source::Client(&client)).fields();
        let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["rootUrl", "secret"]);
        assert_eq!(fields[1].1.as_ref(), &Value::String(SECRET_MASK.into()));
    }

    #[test]
    fn unknown_secret_adds_no_field() {
        let client = client_with(SecretState::Unknown);
        let fields = Item::new(vec![], Kind::Clients, false, Source::Client(&client)).fields();
        assert_eq!(fields.len(), 1);
    }

    #[test]
    fn identical_tells_equal_from_different() {
        let a = client_with(SecretState::Set);
        let mut b = a.clone();
        assert!(identical(Source::Client(&a), Source::Client(&b)));
        b.secret = SecretState::Unknown;
        assert!(!identical(Source::Client(&a), Source::Client(&b)));
    }

    #[test]
    fn empty_composites_are_empty() {
        let role = Role::default();
        let item = Item::new(
            vec!["r"],
            Kind::RealmRoles,
            false,
            Source::Composites(&role),
        );
        assert!(item.only_when_paired());
        assert!(item.is_empty());
        assert!(item.fields().is_empty());
    }
}
