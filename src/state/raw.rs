//! Raw JSON as the detail pane shows it and `y` copies it.

use serde_json::Value;

use crate::inventory::normalize::{SECRET_MASK, is_secret_key};

/// Replaces every secret value by the mask, recursively.
pub fn mask(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, inner)| {
                    let masked = match inner {
                        Value::String(text) if is_secret_key(key) && !text.is_empty() => {
                            Value::String(SECRET_MASK.into())
                        }
                        other => mask(other),
                    };
                    (key.clone(), masked)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(mask).collect()),
        other => other.clone(),
    }
}
