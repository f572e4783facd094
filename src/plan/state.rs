//! The JSON states that operations change, and how two states compare.
//!
//! Every operation changes one aspect of one object: a role's properties
//! (description and attributes), a role's composite members, a whole client,
//! or the role mappings of a group or user. Its `before` and `after` are
//! states in the shapes built here, `Value::Null` meaning "the object does
//! not exist". The apply step reads the live object into the same shape, so
//! planned and live states compare directly.
//!
//! States are compared after [`normalized`]: keys sorted, set-like lists
//! sorted, secrets masked, and null, empty text, empty lists and empty maps
//! treated as absent, because Keycloak returns those interchangeably.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::inventory::normalize::{SECRET_MASK, canonical};
use crate::inventory::{Client, Role, RoleRef};

/// Key of the member list in a composites state.
pub const COMPOSITES: &str = "composites";
/// Key of the role list in a role-mappings state.
pub const ROLES: &str = "roles";
/// Key of the mapper list in a client state.
pub const PROTOCOL_MAPPERS: &str = "protocolMappers";

/// Client attributes that Keycloak sets itself and a copy must not carry over.
const SERVER_MANAGED_CLIENT_ATTRIBUTES: &[&str] = &["client.secret.creation.time"];

/// Builds a role's properties state: `{"description": …, "attributes": {…}}`.
pub fn role_properties(
    description: Option<&str>,
    attributes: &BTreeMap<String, Vec<String>>,
) -> Value {
    let mut state = Map::new();
    if let Some(description) = description.filter(|text| !text.is_empty()) {
        state.insert("description".into(), Value::String(description.to_owned()));
    }
    state.insert("attributes".into(), json!(attributes));
    normalized(&Value::Object(state))
}

/// Builds the properties state of an inventory role.
pub fn properties_of(role: &Role) -> Value {
    role_properties(role.description.as_deref(), &role.attributes)
}

/// Builds a composites state: `{"composites": [members sorted]}`.
pub fn composites_state(members: &[RoleRef]) -> Value {
    json!({ COMPOSITES: sorted_refs(members) })
}

/// Builds the state of a whole role: its properties and its composite members.
pub fn whole_role_state(role: &Role) -> Value {
    let mut state = properties_of(role);
    if let Value::Object(map) = &mut state {
        map.insert(COMPOSITES.into(), json!(sorted_refs(&role.composites)));
    }
    state
}

/// Builds a role-mappings state: `{"roles": [roles sorted]}`.
pub fn mappings_state(roles: &[RoleRef]) -> Value {
    json!({ ROLES: sorted_refs(roles) })
}

/// Builds a client's state: its fields plus `protocolMappers`, each mapper
/// an object with its `name`. Ids, the secret and server-managed attributes
/// are not part of it.
pub fn client_state(client: &Client) -> Value {
    let mut state: Map<String, Value> = client
        .fields
        .iter()
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if let Some(Value::Object(attributes)) = state.get_mut("attributes") {
        for key in SERVER_MANAGED_CLIENT_ATTRIBUTES {
            attributes.remove(*key);
        }
    }
    let mappers: Vec<Value> = client
        .mappers
        .iter()
        .map(|mapper| {
            let mut object: Map<String, Value> = mapper
                .fields
                .iter()
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            object.insert("name".into(), Value::String(mapper.name.clone()));
            Value::Object(object)
        })
        .collect();
    state.insert(PROTOCOL_MAPPERS.into(), Value::Array(mappers));
    normalized(&Value::Object(state))
}

/// Reads the role list under `key` of a state back into role references.
pub fn refs_in(state: &Value, key: &str) -> Vec<RoleRef> {
    let list = state.get(key).cloned().unwrap_or(Value::Array(Vec::new()));
    let refs: Vec<RoleRef> = serde_json::from_value(list).unwrap_or_default();
    sorted_refs(&refs)
}

/// Returns the references sorted and without duplicates.
pub fn sorted_refs(refs: &[RoleRef]) -> Vec<RoleRef> {
    let mut sorted = refs.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
}

/// Returns `value` in canonical form with empty values inside objects removed.
pub fn normalized(value: &Value) -> Value {
    drop_empty(&canonical(value))
}

fn drop_empty(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, inner)| (key.clone(), drop_empty(inner)))
                .filter(|(_, inner)| !is_empty(inner))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(drop_empty).collect()),
        other => other.clone(),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// Reports whether two states are equal after normalization. `Null` (absent)
/// equals only `Null`, so an existing object with no fields is not absent.
pub fn same_state(a: &Value, b: &Value) -> bool {
    normalized(a) == normalized(b)
}

/// Reports whether `current` contains everything `expected` sets.
///
/// Used to verify a created client, to which Keycloak adds defaults: every
/// field of `expected` must be equal in `current`, maps are compared key by
/// key, and lists of named objects (protocol mappers) element by element by
/// name. Other lists must be equal.
pub fn covers(current: &Value, expected: &Value) -> bool {
    covers_normalized(&normalized(current), &normalized(expected))
}

fn covers_normalized(current: &Value, expected: &Value) -> bool {
    match (current, expected) {
        (Value::Object(current), Value::Object(expected)) => expected.iter().all(|(key, value)| {
            current
                .get(key)
                .is_some_and(|inner| covers_normalized(inner, value))
        }),
        (Value::Array(current), Value::Array(expected)) if all_named(expected) => {
            expected.iter().all(|wanted| {
                current
                    .iter()
                    .find(|candidate| candidate.get("name") == wanted.get("name"))
                    .is_some_and(|found| covers_normalized(found, wanted))
            })
        }
        _ => current == expected,
    }
}

fn all_named(items: &[Value]) -> bool {
    items
        .iter()
        .all(|item| item.get("name").is_some_and(Value::is_string))
}

/// One field that differs between two states.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// Keys from the state's top level down to the field. Kept as a list
    /// because client attribute names contain dots themselves.
    pub path: Vec<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl FieldChange {
    /// Returns the path joined with dots, such as `attributes.tier`, for display.
    pub fn field(&self) -> String {
        self.path.join(".")
    }
}

/// Lists the fields that differ between two normalized states, descending
/// into maps present on both sides, in key order. An absent state counts
/// as an empty map, so a created object lists each of its top-level fields.
pub fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    collect_changes(&[], &normalized(before), &normalized(after), &mut changes);
    changes
}

fn collect_changes(prefix: &[String], before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    let empty = Map::new();
    let (before_map, after_map) = match (before, after) {
        (Value::Object(b), Value::Object(a)) => (b, a),
        (Value::Null, Value::Object(a)) => (&empty, a),
        (Value::Object(b), Value::Null) => (b, &empty),
        _ => {
            if before != after {
                out.push(FieldChange {
                    path: prefix.to_vec(),
                    before: Some(before.clone()).filter(|value| !value.is_null()),
                    after: Some(after.clone()).filter(|value| !value.is_null()),
                });
            }
            return;
        }
    };
    let mut keys: Vec<&String> = before_map.keys().chain(after_map.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let mut path = prefix.to_vec();
        path.push(key.clone());
        let b = before_map.get(key);
        let a = after_map.get(key);
        match (b, a) {
            (Some(b @ Value::Object(_)), Some(a @ Value::Object(_))) => {
                collect_changes(&path, b, a, out);
            }
            _ if b == a => {}
            _ => out.push(FieldChange {
                path,
                before: b.cloned(),
                after: a.cloned(),
            }),
        }
    }
}

/// Returns the value at `path` inside a normalized state, `None` when absent.
pub fn value_at<'v>(state: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(state, |inner, key| inner.get(key))
}

/// Reports whether `current` contains the planned result of going from
/// `before` to `after`: every field that the change sets has its `after`
/// value, while fields the change does not touch may differ. A deletion
/// expects the object to be absent, and anything else expects it to exist.
pub fn shows_change(current: &Value, before: &Value, after: &Value) -> bool {
    if after.is_null() || current.is_null() {
        return after.is_null() && current.is_null();
    }
    let current = normalized(current);
    field_changes(before, after)
        .iter()
        .all(|change| value_at(&current, &change.path) == change.after.as_ref())
}

/// Removes every string equal to the secret mask from `value` and returns
/// the dotted paths removed, so a masked secret is never written back.
pub fn strip_masked(value: &mut Value) -> Vec<String> {
    let mut removed = Vec::new();
    strip_masked_at("", value, &mut removed);
    removed
}

fn strip_masked_at(prefix: &str, value: &mut Value, removed: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let masked: Vec<String> = map
                .iter()
                .filter(|(_, inner)| inner.as_str() == Some(SECRET_MASK))
                .map(|(key, _)| key.clone())
                .collect();
            for key in masked {
                map.remove(&key);
                removed.push(join(prefix, &key));
            }
            for (key, inner) in map.iter_mut() {
                strip_masked_at(&join(prefix, key), inner, removed);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                let label = item
                    .get("name")
                    .and_then(Value::as_str)
                    .map_or_else(|| index.to_string(), str::to_owned);
                strip_masked_at(&join(prefix, &label), item, removed);
            }
        }
        _ => {}
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_state_treats_empty_as_absent() {
        let a = json!({"description": "", "attributes": {}});
        assert!(same_state(&a, &json!({})));
        assert!(!same_state(&json!({}), &Value::Null));
    }

    #[test]
    fn covers_accepts_server_defaults() {
        let expected = json!({"enabled": true, "attributes": {"a": "1"},
            "protocolMappers": [{"name": "m", "config": {"x": "1"}}]});
        let current = json!({"enabled": true, "attributes": {"a": "1", "realm_client": "false"},
            "protocolMappers": [{"name": "m", "consentRequired": false, "config": {"x": "1"}}],
            "defaultClientScopes": ["roles"]});
        assert!(covers(&current, &expected));
        let changed = json!({"enabled": false, "attributes": {"a": "1"},
            "protocolMappers": [{"name": "m", "config": {"x": "1"}}]});
        assert!(!covers(&changed, &expected));
    }

    #[test]
    fn field_changes_descend_into_maps() {
        let before = json!({"description": "old", "attributes": {"tier": ["a"], "keep": ["k"]}});
        let after = json!({"description": "new", "attributes": {"tier": ["b"], "keep": ["k"]}});
        let fields: Vec<String> = field_changes(&before, &after)
            .iter()
            .map(FieldChange::field)
            .collect();
        assert_eq!(fields, ["attributes.tier", "description"]);
    }

    #[test]
    fn shows_change_ignores_untouched_fields() {
        let before = json!({"description": "old", "attributes": {"a.b": ["1"]}});
        let after = json!({"description": "new", "attributes": {"a.b": ["1"]}});
        let current = json!({"description": "new", "attributes": {"a.b": ["1"], "x": ["2"]}});
        assert!(shows_change(&current, &before, &after));
        let unchanged = json!({"description": "old"});
        assert!(!shows_change(&unchanged, &before, &after));
        assert!(!shows_change(&Value::Null, &Value::Null, &json!({})));
        assert!(shows_change(&Value::Null, &before, &Value::Null));
    }

    #[test]
    fn strip_masked_removes_mask_everywhere() {
        let mut value = json!({"secret": SECRET_MASK, "attributes": {"saml.signing.private.key": SECRET_MASK, "x": "1"}});
        let removed = strip_masked(&mut value);
        assert_eq!(removed, ["secret", "attributes.saml.signing.private.key"]);
        assert_eq!(value, json!({"attributes": {"x": "1"}}));
    }
}
