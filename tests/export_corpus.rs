//! Reads the realm exports of the corpus directory through the export parser.
//!
//! Counts are checked against the raw JSON, so a parser that drops clients,
//! roles or groups fails here without any server.

use std::path::PathBuf;

use kcdeck::inventory::snapshot::read_realms;
use serde_json::Value;

fn corpus_files() -> Option<Vec<PathBuf>> {
    let Some(dir) = std::env::var_os("KCDECK_CORPUS_DIR") else {
        eprintln!("notice: KCDECK_CORPUS_DIR is unset; corpus export checks skipped");
        return None;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("KCDECK_CORPUS_DIR is readable")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no *.json files in {}",
        PathBuf::from(dir).display()
    );
    Some(files)
}

fn count_groups(groups: &[Value]) -> usize {
    groups
        .iter()
        .map(|group| 1 + count_groups(group["subGroups"].as_array().map_or(&[][..], Vec::as_slice)))
        .sum()
}

#[test]
fn export_corpus_keeps_every_object() {
    let Some(files) = corpus_files() else { return };
    for file in files {
        let text = std::fs::read_to_string(&file).expect("corpus file is readable");
        let raw: Value = serde_json::from_str(&text).expect("corpus file is JSON");
        let inventories = read_realms(&text).expect("corpus file parses");
        let inventory = &inventories[0];
        let name = file.display();

        let clients = raw["clients"].as_array().map_or(0, Vec::len);
        assert_eq!(inventory.clients.len(), clients, "clients of {name}");

        let realm_roles = raw["roles"]["realm"].as_array().map_or(0, Vec::len);
        let default_in_roles = usize::from(
            inventory
                .default_role
                .as_ref()
                .and_then(|role| role.name.as_ref())
                .is_some_and(|default| {
                    raw["roles"]["realm"]
                        .as_array()
                        .is_some_and(|roles| roles.iter().any(|role| role["name"] == *default))
                }),
        );
        assert_eq!(
            inventory.realm_roles.len() + default_in_roles,
            realm_roles,
            "realm roles of {name}"
        );

        let client_roles: usize = raw["roles"]["client"].as_object().map_or(0, |clients| {
            clients
                .values()
                .map(|roles| roles.as_array().map_or(0, Vec::len))
                .sum()
        });
        let parsed_client_roles: usize = inventory
            .clients
            .iter()
            .map(|client| client.roles.len())
            .sum();
        assert_eq!(parsed_client_roles, client_roles, "client roles of {name}");

        let groups = count_groups(raw["groups"].as_array().map_or(&[][..], Vec::as_slice));
        assert_eq!(inventory.groups.len(), groups, "groups of {name}");
    }
}
