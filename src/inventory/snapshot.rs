//! The snapshot file: a deterministic JSON rendering of an [`Inventory`].
//!
//! Two snapshots of an unchanged realm are byte-identical: lists are sorted by
//! natural key, object keys are sorted, secrets are masked, and server ids sit
//! apart under `ids`. The file also serves as an offline environment.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::export::{ExportError, from_export};
use super::model::Inventory;

/// Version of the snapshot format written by this build.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SnapshotFile {
    kcdeck_snapshot: u32,
    #[serde(flatten)]
    inventory: Inventory,
}

/// Failure to read a snapshot or export file's content.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Export(#[from] ExportError),
    #[error(
        "snapshot format {found} is newer than this kcdeck understands ({FORMAT_VERSION}); upgrade kcdeck"
    )]
    NewerFormat { found: u64 },
    #[error("the file holds no realm")]
    Empty,
}

/// Renders an inventory as snapshot JSON, ending with a newline.
pub fn to_snapshot_json(inventory: &Inventory) -> String {
    let file = SnapshotFile {
        kcdeck_snapshot: FORMAT_VERSION,
        inventory: inventory.clone(),
    };
    // Every map in an inventory has string keys, so serializing cannot fail.
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads every realm in a file: a kcdeck snapshot, a realm export, or a list of exports.
pub fn read_realms(text: &str) -> Result<Vec<Inventory>, FileError> {
    let value: Value = serde_json::from_str(text)?;
    let realms = match value {
        Value::Array(items) => items.iter().map(read_one).collect::<Result<Vec<_>, _>>()?,
        other => vec![read_one(&other)?],
    };
    if realms.is_empty() {
        return Err(FileError::Empty);
    }
    Ok(realms)
}

fn read_one(value: &Value) -> Result<Inventory, FileError> {
    match value.get("kcdeck_snapshot").and_then(Value::as_u64) {
        Some(found) if found > u64::from(FORMAT_VERSION) => Err(FileError::NewerFormat { found }),
        Some(_) => {
            let file: SnapshotFile = serde_json::from_value(value.clone())?;
            Ok(file.inventory)
        }
        None => Ok(from_export(value)?),
    }
}
