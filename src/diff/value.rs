//! Field-by-field comparison of two JSON values under Keycloak's equality rules.
//!
//! The rules:
//! - absent, `null`, `""`, `[]` and `{}` are equal
//! - lists compare as sets, except lists of objects that all carry a unique
//!   `alias` or `name`, whose members are matched by that name
//! - strings under keys that Keycloak joins with `##` compare as sets of their parts
//! - a masked secret is compared only as set or not set.
//!
//! Ordered lists (a flow's steps) go through [`diff_sequence`] instead.
//! This module does not depend on inventories or rules.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::model::{Change, ChangeShape, FieldPath, Segment};
use crate::inventory::normalize::SECRET_MASK;

/// Keys whose string value is a `##`-separated set, as Keycloak stores some
/// client attributes.
const DELIMITED_SET_KEYS: &[&str] = &["post.logout.redirect.uris"];

/// Fields that identify an object inside a list, tried in this order.
const IDENTITY_FIELDS: &[&str] = &["alias", "name"];

/// Appends to `out` every difference between `a` and `b` found under `path`.
///
/// `None` is an absent field. Changes are appended in path order.
pub fn diff_values(path: &FieldPath, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    let mut path = path.clone();
    diff_into(&mut path, a, b, out);
}

/// Reports whether two values found at `path` are equal under the rules of
/// [`diff_values`]. The path matters for keys such as `post.logout.redirect.uris`.
pub fn equivalent(path: &FieldPath, a: Option<&Value>, b: Option<&Value>) -> bool {
    let mut changes = Vec::new();
    diff_into(&mut path.clone(), a, b, &mut changes);
    changes.is_empty()
}

/// Appends one `Sequence` change when two ordered lists differ in any position.
pub fn diff_sequence(path: &FieldPath, a: &[Value], b: &[Value], out: &mut Vec<Change>) {
    if a != b {
        out.push(Change {
            path: path.clone(),
            shape: ChangeShape::Sequence,
            a: Value::Array(a.to_vec()),
            b: Value::Array(b.to_vec()),
            expected: false,
        });
    }
}

/// Reports whether two values are exactly equal, object key order aside.
///
/// Faster than `==` on objects whose keys come in the same order, as in
/// inventories, because it walks both maps together instead of hashing keys.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let in_order = x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((key_x, x), (key_y, y))| key_x == key_y && same_value(x, y));
            in_order || x == y
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y))
        }
        _ => a == b,
    }
}

/// Reports whether a value is absent, `null`, `""`, `[]` or `{}`.
pub fn is_empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(text)) => text.is_empty(),
        Some(Value::Array(items)) => items.is_empty(),
        Some(Value::Object(map)) => map.is_empty(),
        Some(_) => false,
    }
}

/// Returns a text that identifies a value up to the order of object keys
/// and of list members, used to compare set members.
pub fn canonical_text(value: &Value) -> String {
    canonical(value).to_string()
}

/// Returns a copy with object keys sorted and every list sorted and without
/// duplicates, since lists inside a set member are sets too.
pub fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<&String, Value> = map
                .iter()
                .map(|(key, inner)| (key, canonical(inner)))
                .collect();
            Value::Object(
                sorted
                    .into_iter()
                    .map(|(key, inner)| (key.clone(), inner))
                    .collect(),
            )
        }
        Value::Array(items) => {
            let members: BTreeMap<String, Value> = items
                .iter()
                .map(|item| {
                    let clean = canonical(item);
                    (clean.to_string(), clean)
                })
                .collect();
            Value::Array(members.into_values().collect())
        }
        other => other.clone(),
    }
}

fn diff_into(path: &mut FieldPath, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    let same = match (a, b) {
        (Some(a), Some(b)) => same_value(a, b),
        _ => a.is_none() && b.is_none(),
    };
    if same {
        return;
    }
    if is_mask(a) || is_mask(b) {
        diff_secret(path, a, b, out);
        return;
    }
    let a = a.filter(|value| !is_empty(Some(value)));
    let b = b.filter(|value| !is_empty(Some(value)));
    if (a.is_none() && b.is_none()) || a == b {
        return;
    }
    if path
        .last_field()
        .is_some_and(|name| DELIMITED_SET_KEYS.contains(&name))
        && let (Some(a_parts), Some(b_parts)) = (delimited(a), delimited(b))
    {
        diff_set_values(path, &a_parts, &b_parts, out);
        return;
    }
    match (a, b) {
        (Some(Value::Object(_)) | None, Some(Value::Object(_)) | None) => {
            diff_objects(path, a, b, out);
        }
        (Some(Value::Array(_)) | None, Some(Value::Array(_)) | None) => {
            let a_items = a.and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
            let b_items = b.and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
            diff_arrays(path, a_items, b_items, out);
        }
        _ => push_value(path, a, b, out),
    }
}

fn is_mask(value: Option<&Value>) -> bool {
    value.and_then(Value::as_str) == Some(SECRET_MASK)
}

/// Compares a masked secret with the other side. An absent value is unknown
/// and matches anything, `""` means not set, and any other value means set.
fn diff_secret(path: &FieldPath, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    let (Some(a_state), Some(b_state)) = (secret_word(a), secret_word(b)) else {
        return;
    };
    if a_state != b_state {
        out.push(Change {
            path: path.clone(),
            shape: ChangeShape::Secret,
            a: Value::String(a_state.to_owned()),
            b: Value::String(b_state.to_owned()),
            expected: false,
        });
    }
}

fn secret_word(value: Option<&Value>) -> Option<&'static str> {
    match value {
        None | Some(Value::Null) => None,
        Some(other) if is_empty(Some(other)) => Some("not set"),
        Some(_) => Some("set"),
    }
}

fn delimited(value: Option<&Value>) -> Option<Vec<Value>> {
    match value {
        None => Some(Vec::new()),
        Some(Value::String(text)) => Some(
            text.split("##")
                .filter(|part| !part.is_empty())
                .map(|part| Value::String(part.to_owned()))
                .collect(),
        ),
        Some(_) => None,
    }
}

fn diff_objects(path: &mut FieldPath, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    let a_map = a.and_then(Value::as_object);
    let b_map = b.and_then(Value::as_object);
    let keys: BTreeSet<&String> = a_map
        .into_iter()
        .flat_map(|map| map.keys())
        .chain(b_map.into_iter().flat_map(|map| map.keys()))
        .collect();
    for key in keys {
        path.segments.push(Segment::Field(key.clone()));
        diff_into(
            path,
            a_map.and_then(|map| map.get(key)),
            b_map.and_then(|map| map.get(key)),
            out,
        );
        path.segments.pop();
    }
}

fn diff_arrays(path: &mut FieldPath, a: &[Value], b: &[Value], out: &mut Vec<Change>) {
    let identity = IDENTITY_FIELDS
        .iter()
        .find(|field| identifies(a, field) && identifies(b, field));
    match identity {
        Some(field) => diff_named(path, a, b, field, out),
        None => diff_set_values(path, a, b, out),
    }
}

/// Reports whether every item is an object with a string `field` unique in the list.
fn identifies(items: &[Value], field: &str) -> bool {
    let mut seen = BTreeSet::new();
    items.iter().all(|item| {
        item.get(field)
            .and_then(Value::as_str)
            .is_some_and(|name| seen.insert(name))
    })
}

fn diff_named(path: &mut FieldPath, a: &[Value], b: &[Value], field: &str, out: &mut Vec<Change>) {
    let by_name = |items: &'_ [Value]| -> HashMap<String, usize> {
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| Some((item.get(field)?.as_str()?.to_owned(), index)))
            .collect()
    };
    let a_index = by_name(a);
    let b_index = by_name(b);
    let names: BTreeSet<&String> = a_index.keys().chain(b_index.keys()).collect();
    for name in names {
        let a_item = a_index.get(name).map(|&index| &a[index]);
        let b_item = b_index.get(name).map(|&index| &b[index]);
        path.segments.push(Segment::Element(name.clone()));
        if a_item.is_some() && b_item.is_some() {
            diff_into(path, a_item, b_item, out);
        } else {
            push_value(path, a_item, b_item, out);
        }
        path.segments.pop();
    }
}

/// Appends one `Set` change when two lists differ as sets, whatever their members.
pub fn diff_set_values(path: &FieldPath, a: &[Value], b: &[Value], out: &mut Vec<Change>) {
    let members = |items: &[Value]| -> BTreeMap<String, Value> {
        items
            .iter()
            .map(|item| {
                let clean = canonical(item);
                (clean.to_string(), clean)
            })
            .collect()
    };
    let (a_members, b_members) = (members(a), members(b));
    let only = |from: &BTreeMap<String, Value>, other: &BTreeMap<String, Value>| -> Vec<Value> {
        from.iter()
            .filter(|(text, _)| !other.contains_key(*text))
            .map(|(_, item)| item.clone())
            .collect()
    };
    let only_a = only(&a_members, &b_members);
    let only_b = only(&b_members, &a_members);
    if only_a.is_empty() && only_b.is_empty() {
        return;
    }
    out.push(Change {
        path: path.clone(),
        shape: ChangeShape::Set,
        a: Value::Array(only_a),
        b: Value::Array(only_b),
        expected: false,
    });
}

/// Appends a change of two whole values, lists inside them in canonical order.
fn push_value(path: &FieldPath, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    out.push(Change {
        path: path.clone(),
        shape: ChangeShape::Value,
        a: a.map_or(Value::Null, canonical),
        b: b.map_or(Value::Null, canonical),
        expected: false,
    });
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn changes(a: &Value, b: &Value) -> Vec<Change> {
        let mut out = Vec::new();
        diff_values(&FieldPath::default(), Some(a), Some(b), &mut out);
        out
    }

    fn paths(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|change| change.path.to_string())
            .collect()
    }

    #[test]
    fn empty_forms_are_equal() {
        let a = json!({"x": null, "y": "", "z": [], "w": {}, "v": {"inner": ""}});
        let b = json!({});
        assert!(changes(&a, &b).is_empty());
        assert!(changes(&b, &a).is_empty());
    }

    #[test]
    fn scalar_change_keeps_both_values() {
        let found = changes(
            &json!({"rootUrl": "http://a"}),
            &json!({"rootUrl": "http://b"}),
        );
        assert_eq!(paths(&found), ["rootUrl"]);
        assert_eq!(found[0].shape, ChangeShape::Value);
        assert_eq!(found[0].a, json!("http://a"));
        assert_eq!(found[0].b, json!("http://b"));
    }

    #[test]
    fn absent_field_shows_as_null() {
        let found = changes(&json!({"adminUrl": "x"}), &json!({}));
        assert_eq!(paths(&found), ["adminUrl"]);
        assert_eq!(found[0].b, Value::Null);
    }

    #[test]
    fn list_compares_as_set() {
        let a = json!({"redirectUris": ["b", "a", "c", "a"]});
        let b = json!({"redirectUris": ["c", "d", "b"]});
        let found = changes(&a, &b);
        assert_eq!(paths(&found), ["redirectUris"]);
        assert_eq!(found[0].shape, ChangeShape::Set);
        assert_eq!(found[0].a, json!(["a"]));
        assert_eq!(found[0].b, json!(["d"]));
    }

    #[test]
    fn reordered_list_is_equal() {
        let a = json!({"webOrigins": ["x", "y"], "groups": [{"k": 1}, {"k": 2}]});
        let b = json!({"webOrigins": ["y", "x"], "groups": [{"k": 2}, {"k": 1}]});
        assert!(changes(&a, &b).is_empty());
    }

    #[test]
    fn named_objects_match_by_name() {
        let a = json!({"policies": [
            {"name": "admin", "config": {"roles": "[1]"}},
            {"name": "user", "config": {"roles": "[2]"}},
            {"name": "gone"}
        ]});
        let b = json!({"policies": [
            {"name": "user", "config": {"roles": "[2]"}},
            {"name": "admin", "config": {"roles": "[]"}}
        ]});
        let found = changes(&a, &b);
        assert_eq!(
            paths(&found),
            ["policies[admin].config.roles", "policies[gone]"]
        );
        assert_eq!(found[1].a, json!({"name": "gone"}));
        assert_eq!(found[1].b, Value::Null);
    }

    #[test]
    fn nested_maps_report_dotted_keys() {
        let a = json!({"config": {"claim.name": "email", "same": "1"}});
        let b = json!({"config": {"claim.name": "mail", "same": "1"}});
        assert_eq!(paths(&changes(&a, &b)), [r#"config."claim.name""#]);
    }

    #[test]
    fn delimited_attribute_compares_as_set() {
        let a = json!({"attributes": {"post.logout.redirect.uris": "x##y"}});
        let b = json!({"attributes": {"post.logout.redirect.uris": "y##x"}});
        assert!(changes(&a, &b).is_empty());

        let c = json!({"attributes": {"post.logout.redirect.uris": "y##z"}});
        let found = changes(&a, &c);
        assert_eq!(found[0].shape, ChangeShape::Set);
        assert_eq!(found[0].a, json!(["x"]));
        assert_eq!(found[0].b, json!(["z"]));
    }

    #[test]
    fn masked_secret_is_not_a_value() {
        let set = json!({"clientSecret": SECRET_MASK});
        let other_set = json!({"clientSecret": "plain-text"});
        let not_set = json!({"clientSecret": ""});
        let unknown = json!({});

        assert!(changes(&set, &other_set).is_empty());
        assert!(changes(&set, &unknown).is_empty());
        assert!(changes(&unknown, &set).is_empty());

        let found = changes(&set, &not_set);
        assert_eq!(found[0].shape, ChangeShape::Secret);
        assert_eq!(found[0].a, json!("set"));
        assert_eq!(found[0].b, json!("not set"));
    }

    #[test]
    fn type_mismatch_is_a_value_change() {
        let found = changes(&json!({"x": "true"}), &json!({"x": true}));
        assert_eq!(found[0].shape, ChangeShape::Value);
    }

    #[test]
    fn sequence_reports_whole_lists() {
        let mut out = Vec::new();
        let path = FieldPath::of_fields(["steps"]);
        diff_sequence(
            &path,
            &[json!("a"), json!("b")],
            &[json!("b"), json!("a")],
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].shape, ChangeShape::Sequence);
        assert_eq!(out[0].a, json!(["a", "b"]));
    }

    #[test]
    fn canonical_text_ignores_key_order() {
        let a = json!({"client": "x", "name": "y"});
        let b = json!({"name": "y", "client": "x"});
        assert_eq!(canonical_text(&a), canonical_text(&b));
    }
}
