//! Canonical JSON: sorted keys, no nulls, set-like lists sorted, secrets masked.
//!
//! Applied to every representation before it enters an inventory, so the
//! same configuration read from two servers, or from a server and a file,
//! yields the same bytes.

use serde_json::{Map, Value};

use super::model::{Fields, SecretState};

/// Text Keycloak and kcdeck put in place of a secret's value.
pub const SECRET_MASK: &str = "**********";

/// Keys whose values are unordered sets in Keycloak's representations.
const SET_KEYS: &[&str] = &[
    "redirectUris",
    "webOrigins",
    "defaultClientScopes",
    "optionalClientScopes",
    "defaultDefaultClientScopes",
    "defaultOptionalClientScopes",
    "eventsListeners",
    "enabledEventTypes",
    "supportedLocales",
    "realmRoles",
];

/// Reports whether a key names a secret, whatever the representation.
pub fn is_secret_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "secret" | "clientsecret" | "password" | "registrationaccesstoken" | "bindcredential"
    ) || lower.ends_with("privatekey")
        || lower.ends_with("private.key")
}

/// Replaces the value of every secret-named field with the mask, at any depth.
pub fn mask_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                let is_text = inner.as_str().is_some_and(|text| !text.is_empty());
                if is_secret_key(key) && is_text {
                    *inner = Value::String(SECRET_MASK.to_owned());
                } else {
                    mask_secrets(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_secrets),
        _ => {}
    }
}

/// Reduces a secret field's value to a state.
pub fn secret_state(value: Option<&Value>) -> SecretState {
    match value {
        None => SecretState::Unknown,
        Some(Value::Null) => SecretState::NotSet,
        Some(Value::String(text)) if text.is_empty() => SecretState::NotSet,
        Some(_) => SecretState::Set,
    }
}

/// Returns `value` in canonical form.
pub fn canonical(value: &Value) -> Value {
    canonical_under(None, value)
}

fn canonical_under(key: Option<&str>, value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut sorted = Map::new();
            for key in keys {
                let inner = &map[key];
                if inner.is_null() {
                    continue;
                }
                let clean = if is_secret_key(key) && !is_empty_text(inner) {
                    Value::String(SECRET_MASK.to_owned())
                } else {
                    canonical_under(Some(key), inner)
                };
                sorted.insert(key.clone(), clean);
            }
            Value::Object(sorted)
        }
        Value::Array(items) => {
            let mut clean: Vec<Value> = items
                .iter()
                .map(|item| canonical_under(None, item))
                .collect();
            if key.is_some_and(|key| SET_KEYS.contains(&key)) {
                clean.sort_by_key(|item| item.to_string());
                clean.dedup();
            }
            Value::Array(clean)
        }
        other => other.clone(),
    }
}

fn is_empty_text(value: &Value) -> bool {
    value.as_str().is_some_and(str::is_empty)
}

/// Builds [`Fields`] from an object, leaving out `skip` keys, in canonical form.
pub fn fields_without(value: &Value, skip: &[&str]) -> Fields {
    let mut fields = Fields::new();
    if let Some(map) = value.as_object() {
        for (key, inner) in map {
            if skip.contains(&key.as_str()) || inner.is_null() {
                continue;
            }
            let clean = if is_secret_key(key) && !is_empty_text(inner) {
                Value::String(SECRET_MASK.to_owned())
            } else {
                canonical_under(Some(key), inner)
            };
            fields.insert(key.clone(), clean);
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn canonical_sorts_keys_and_sets() {
        let value =
            json!({"b": 1, "a": null, "redirectUris": ["z", "a", "a"], "steps": ["z", "a"]});
        let clean = canonical(&value);
        assert_eq!(
            clean.to_string(),
            r#"{"b":1,"redirectUris":["a","z"],"steps":["z","a"]}"#
        );
    }

    #[test]
    fn canonical_masks_secrets() {
        let clean = canonical(&json!({"config": {"clientSecret": "s3cr3t", "password": ""}}));
        assert_eq!(
            clean.to_string(),
            r#"{"config":{"clientSecret":"**********","password":""}}"#
        );
    }

    #[test]
    fn secret_state_by_value() {
        assert_eq!(secret_state(None), SecretState::Unknown);
        assert_eq!(secret_state(Some(&json!(""))), SecretState::NotSet);
        assert_eq!(secret_state(Some(&json!(SECRET_MASK))), SecretState::Set);
    }
}
