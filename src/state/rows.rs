//! Rows of the side-by-side columns: the union of natural keys over every
//! environment, so one selection index points at the same object everywhere
//! and a row shows where that object is absent.

use std::collections::BTreeSet;

use super::{EnvState, Loadable, State, View};
use crate::inventory::{Inventory, RoleRef};

/// Natural key of a row, stable across environments and reloads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKey {
    Realm(String),
    Kind(KindTab),
    Client(String),
    /// The realm's default role, paired whatever its name per environment.
    DefaultRole,
    Role(RoleRef),
    Group(Vec<String>),
    ClientScope(String),
    IdentityProvider(String),
    /// A heading inside a list, such as "Contained in".
    Heading(String),
    Member(RoleRef),
    Parent(RoleRef),
}

/// The kinds listed under a realm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KindTab {
    Clients,
    RealmRoles,
    Groups,
    ClientScopes,
    IdentityProviders,
}

impl KindTab {
    /// All kinds in display order.
    pub const ALL: [Self; 5] = [
        Self::Clients,
        Self::RealmRoles,
        Self::Groups,
        Self::ClientScopes,
        Self::IdentityProviders,
    ];

    /// Returns the display name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Clients => "Clients",
            Self::RealmRoles => "Realm roles",
            Self::Groups => "Groups",
            Self::ClientScopes => "Client scopes",
            Self::IdentityProviders => "Identity providers",
        }
    }

    /// Returns the view listing this kind in `realm`.
    pub fn view(self, realm: &str) -> View {
        let realm = realm.to_owned();
        match self {
            Self::Clients => View::Clients { realm },
            Self::RealmRoles => View::RealmRoles { realm },
            Self::Groups => View::Groups { realm },
            Self::ClientScopes => View::ClientScopes { realm },
            Self::IdentityProviders => View::IdentityProviders { realm },
        }
    }
}

/// What one environment's column shows in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// The object exists; the text is a short summary.
    Present(String),
    /// The object does not exist in this environment.
    Absent,
    /// The environment's data is still loading.
    Pending,
    /// The environment's data could not be loaded.
    Failed,
    /// Headings have no per-environment content.
    Blank,
}

/// One line of the side-by-side list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub key: RowKey,
    /// Text shown in every column where the object is present.
    pub label: String,
    /// Indentation level, for group trees.
    pub depth: usize,
    /// One cell per environment, in environment order.
    pub cells: Vec<Cell>,
}

impl Row {
    /// Reports whether the row is a heading that cannot be selected for action.
    pub fn is_heading(&self) -> bool {
        matches!(self.key, RowKey::Heading(_))
    }
}

/// Builds the rows of `view` from the state of every environment.
pub fn rows_for(state: &State, view: &View) -> Vec<Row> {
    match view {
        View::Realms => realm_rows(&state.envs),
        View::Kinds { realm } => kind_rows(&state.envs, realm),
        View::Role { realm, role } => role_rows(&state.envs, realm, role),
        _ => object_rows(&state.envs, view),
    }
}

fn realm_rows(envs: &[EnvState]) -> Vec<Row> {
    let mut names = BTreeSet::new();
    for env in envs {
        if let Some(realms) = env.realms.loaded() {
            names.extend(
                realms
                    .iter()
                    .map(|realm| env.logical_realm(realm).to_owned()),
            );
        }
    }
    names
        .into_iter()
        .map(|logical| {
            let cells = envs
                .iter()
                .map(|env| match &env.realms {
                    Loadable::Loaded(realms)
                        if realms.iter().any(|r| r == env.realm_name(&logical)) =>
                    {
                        Cell::Present(env.realm_name(&logical).to_owned())
                    }
                    Loadable::Loaded(_) => Cell::Absent,
                    Loadable::Failed(_) => Cell::Failed,
                    _ => Cell::Pending,
                })
                .collect();
            Row {
                key: RowKey::Realm(logical.clone()),
                label: logical,
                depth: 0,
                cells,
            }
        })
        .collect()
}

fn kind_rows(envs: &[EnvState], realm: &str) -> Vec<Row> {
    KindTab::ALL
        .iter()
        .map(|kind| {
            let cells = envs
                .iter()
                .map(|env| {
                    inventory_cell(env, realm, |inventory| {
                        Some(count_of(inventory, *kind).to_string())
                    })
                })
                .collect();
            Row {
                key: RowKey::Kind(*kind),
                label: kind.label().to_owned(),
                depth: 0,
                cells,
            }
        })
        .collect()
}

fn count_of(inventory: &Inventory, kind: KindTab) -> usize {
    match kind {
        KindTab::Clients => inventory.clients.len(),
        KindTab::RealmRoles => {
            inventory.realm_roles.len() + usize::from(inventory.default_role.is_some())
        }
        KindTab::Groups => inventory.groups.len(),
        KindTab::ClientScopes => inventory.client_scopes.len(),
        KindTab::IdentityProviders => inventory.identity_providers.len(),
    }
}

/// Builds a cell from an environment's inventory of `realm`: pending or
/// failed while it is not loaded, else present or absent as `summary` says.
fn inventory_cell(
    env: &EnvState,
    realm: &str,
    summary: impl Fn(&Inventory) -> Option<String>,
) -> Cell {
    match env.inventories.get(env.realm_name(realm)) {
        Some(Loadable::Loaded(inventory)) => summary(inventory).map_or(Cell::Absent, Cell::Present),
        Some(Loadable::Failed(_)) => Cell::Failed,
        _ if env
            .realms
            .loaded()
            .is_some_and(|realms| !realms.iter().any(|r| r == env.realm_name(realm))) =>
        {
            Cell::Absent
        }
        Some(_) | None => Cell::Pending,
    }
}

/// A listed object: its key, label and tree depth.
type Listed = (RowKey, String, usize);

fn object_rows(envs: &[EnvState], view: &View) -> Vec<Row> {
    let Some(realm) = view.realm() else {
        return Vec::new();
    };
    let mut keys: Vec<Listed> = Vec::new();
    for env in envs {
        if let Some(inventory) = env.inventory(realm) {
            for listed in list_objects(inventory, view) {
                if !keys.iter().any(|(key, _, _)| *key == listed.0) {
                    keys.push(listed);
                }
            }
        }
    }
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    keys.into_iter()
        .map(|(key, label, depth)| {
            let cells = envs
                .iter()
                .map(|env| {
                    inventory_cell(env, realm, |inventory| {
                        let found = list_objects(inventory, view)
                            .into_iter()
                            .any(|(other, _, _)| other == key);
                        found.then(|| label.clone())
                    })
                })
                .collect();
            Row {
                key,
                label,
                depth,
                cells,
            }
        })
        .collect()
}

/// Lists the objects of one inventory that `view` shows.
fn list_objects(inventory: &Inventory, view: &View) -> Vec<Listed> {
    match view {
        View::Clients { .. } => inventory
            .clients
            .iter()
            .map(|c| (RowKey::Client(c.client_id.clone()), c.client_id.clone(), 0))
            .collect(),
        View::RealmRoles { .. } => {
            let mut rows: Vec<Listed> = inventory
                .realm_roles
                .iter()
                .map(|role| {
                    (
                        RowKey::Role(RoleRef::realm(&role.name)),
                        role.name.clone(),
                        0,
                    )
                })
                .collect();
            if inventory.default_role.is_some() {
                rows.insert(0, (RowKey::DefaultRole, "(default role)".to_owned(), 0));
            }
            rows
        }
        View::ClientRoles { client_id, .. } => {
            inventory.client(client_id).map_or_else(Vec::new, |client| {
                client
                    .roles
                    .iter()
                    .map(|role| {
                        (
                            RowKey::Role(RoleRef::client(client_id, &role.name)),
                            role.name.clone(),
                            0,
                        )
                    })
                    .collect()
            })
        }
        View::Groups { .. } => inventory
            .groups
            .iter()
            .map(|group| {
                (
                    RowKey::Group(group.path.clone()),
                    group.name().to_owned(),
                    group.path.len() - 1,
                )
            })
            .collect(),
        View::ClientScopes { .. } => inventory
            .client_scopes
            .iter()
            .map(|s| (RowKey::ClientScope(s.name.clone()), s.name.clone(), 0))
            .collect(),
        View::IdentityProviders { .. } => inventory
            .identity_providers
            .iter()
            .map(|p| {
                (
                    RowKey::IdentityProvider(p.alias.clone()),
                    p.alias.clone(),
                    0,
                )
            })
            .collect(),
        View::Realms | View::Kinds { .. } | View::Role { .. } => Vec::new(),
    }
}

/// Rows of a role view: its direct composite members, then the roles containing it.
fn role_rows(envs: &[EnvState], realm: &str, role: &RoleRef) -> Vec<Row> {
    let mut members = BTreeSet::new();
    let mut parents = BTreeSet::new();
    for env in envs {
        if let Some(inventory) = env.inventory(realm) {
            members.extend(role_members(inventory, role));
            parents.extend(inventory.containing_roles(role));
        }
    }
    let blank = || envs.iter().map(|_| Cell::Blank).collect::<Vec<_>>();
    let mut rows = vec![heading(
        "members",
        &format!("Composite members ({})", members.len()),
        blank(),
    )];
    for member in members {
        let cells = envs
            .iter()
            .map(|env| {
                inventory_cell(env, realm, |inv| {
                    role_members(inv, role)
                        .contains(&member)
                        .then(|| member.to_string())
                })
            })
            .collect();
        rows.push(Row {
            label: member.to_string(),
            key: RowKey::Member(member),
            depth: 1,
            cells,
        });
    }
    rows.push(heading(
        "parents",
        &format!("Contained in ({})", parents.len()),
        blank(),
    ));
    for parent in parents {
        let cells = envs
            .iter()
            .map(|env| {
                inventory_cell(env, realm, |inv| {
                    inv.containing_roles(role)
                        .contains(&parent)
                        .then(|| parent.to_string())
                })
            })
            .collect();
        rows.push(Row {
            label: parent.to_string(),
            key: RowKey::Parent(parent),
            depth: 1,
            cells,
        });
    }
    rows
}

fn heading(key: &str, label: &str, cells: Vec<Cell>) -> Row {
    Row {
        key: RowKey::Heading(key.to_owned()),
        label: label.to_owned(),
        depth: 0,
        cells,
    }
}

/// Returns a role's direct members, the default role's members included.
pub fn role_members(inventory: &Inventory, role: &RoleRef) -> Vec<RoleRef> {
    inventory
        .role(role)
        .map(|found| found.composites.clone())
        .unwrap_or_default()
}
