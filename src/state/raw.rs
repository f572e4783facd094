//! Raw JSON as the detail pane shows it and `y` copies it.

use serde_json::Value;

use crate::inventory::normalize::mask_secrets;

/// Returns a copy of `value` with every secret value replaced by the mask.
pub fn mask(value: &Value) -> Value {
    let mut masked = value.clone();
    mask_secrets(&mut masked);
    masked
}

/// Returns raw JSON as the operator may see it: secrets masked unless revealed.
pub fn shown_raw(value: &Value, reveal_secrets: bool) -> Value {
    if reveal_secrets {
        value.clone()
    } else {
        mask(value)
    }
}
