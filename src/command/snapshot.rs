//! `kcdeck snapshot ENV --realm R`: the realm's inventory as deterministic JSON.

use std::path::Path;

use color_eyre::eyre::{Result, WrapErr, bail};

use crate::inventory::fetch::fetch_inventory;
use crate::inventory::snapshot::to_snapshot_json;
use crate::keycloak::KeycloakClient;

/// Reads the realm and writes its snapshot to `output`, or returns it for standard output.
///
/// A kind that could not be read completely fails the command after naming
/// it, because a snapshot that silently lacks a kind would mislead a later diff.
pub async fn snapshot(
    client: &KeycloakClient,
    realm: &str,
    output: Option<&Path>,
) -> Result<Option<String>> {
    let outcome = fetch_inventory(client, realm).await.wrap_err_with(|| {
        format!(
            "cannot read realm \"{realm}\" from {}",
            client.connection().env
        )
    })?;
    if !outcome.failures.is_empty() {
        let details: Vec<String> = outcome
            .failures
            .iter()
            .map(|(kind, error)| format!("{kind:?}: {error}"))
            .collect();
        bail!(
            "realm \"{realm}\" was read incompletely: {}",
            details.join("; ")
        );
    }
    let json = to_snapshot_json(&outcome.inventory);
    match output {
        Some(path) => {
            std::fs::write(path, &json)
                .wrap_err_with(|| format!("cannot write {}", path.display()))?;
            Ok(None)
        }
        None => Ok(Some(json)),
    }
}
