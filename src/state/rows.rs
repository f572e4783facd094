//! Rows of the side-by-side columns: the union of natural keys over every
//! environment, so one selection index points at the same object everywhere
//! and a row shows where that object is absent.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::compare::Mark;
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
    /// A direct role mapping of the user on screen.
    UserRole(RoleRef),
    /// An effective role of the user on screen.
    Effective(RoleRef),
    /// The grant at this position under an effective role of the user on screen.
    Grant(RoleRef, usize),
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

/// The content of one environment's column in a row.
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
    /// Difference mark of each cell against the reference environment, in environment order.
    pub marks: Vec<Mark>,
    /// Character indices of `label` that the list filter matched, for highlighting.
    pub matched: Vec<usize>,
}

impl Row {
    /// Reports whether the row is a heading that cannot be selected for action.
    pub fn is_heading(&self) -> bool {
        matches!(self.key, RowKey::Heading(_))
    }

    /// Reports whether any environment's cell differs from the reference.
    pub fn differs(&self) -> bool {
        self.marks.iter().any(|mark| mark.is_difference())
    }
}

/// Builds the rows of `view` from the state of every environment.
pub fn rows_for(state: &State, view: &View) -> Vec<Row> {
    if let View::User { .. } = view {
        return super::user::user_rows(state);
    }
    let mut rows = match view {
        View::Realms => realm_rows(&state.envs),
        View::Kinds { realm } => kind_rows(state, realm),
        View::Role { realm, role } => role_rows(&state.envs, realm, role),
        _ => object_rows(&state.envs, view),
    };
    for row in &mut rows {
        row.marks = marks_for(state, view, row);
    }
    if state.diff_only {
        rows.retain(|row| row.is_heading() || row.differs());
    }
    rows
}

/// Marks every cell of a row against the reference environment's cell.
fn marks_for(state: &State, view: &View, row: &Row) -> Vec<Mark> {
    let base = state.base;
    let mut marks: Vec<Mark> = (0..row.cells.len())
        .map(|env| {
            if env == base || row.is_heading() {
                Mark::None
            } else {
                other_mark(state, view, row, env)
            }
        })
        .collect();
    let reference = reference_mark(&row.cells, base, &marks_without(&marks, base));
    if let Some(base_mark) = marks.get_mut(base) {
        *base_mark = reference;
    }
    marks
}

fn marks_without(marks: &[Mark], skip: usize) -> Vec<Mark> {
    marks
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != skip)
        .map(|(_, mark)| *mark)
        .collect()
}

/// Summarises the other columns for the reference column: changed when any differs.
///
/// The marks keep their meaning from this column's point of view: `-` when the
/// object is absent here but present elsewhere, `+` when it is present here and
/// absent everywhere else, `~` for any other difference.
fn reference_mark(cells: &[Cell], base: usize, others: &[Mark]) -> Mark {
    let differs = others.iter().any(|mark| mark.is_difference());
    match cells.get(base) {
        Some(Cell::Absent) if others.contains(&Mark::OnlyHere) => Mark::Missing,
        Some(Cell::Present(_))
            if !others.is_empty() && others.iter().all(|mark| *mark == Mark::Missing) =>
        {
            Mark::OnlyHere
        }
        Some(Cell::Present(_) | Cell::Absent) if differs => Mark::Changed,
        Some(Cell::Present(_) | Cell::Absent) if others.contains(&Mark::Same) => Mark::Same,
        _ => Mark::None,
    }
}

fn other_mark(state: &State, view: &View, row: &Row, env: usize) -> Mark {
    let presence = presence_mark(row.cells.get(state.base), row.cells.get(env));
    let Some(realm) = view.realm().map(str::to_owned).or_else(|| match &row.key {
        RowKey::Realm(realm) => Some(realm.clone()),
        _ => None,
    }) else {
        return presence;
    };
    let Some(comparison) = state.comparison(&realm, env) else {
        // Presence in both proves nothing about a realm's or a kind's content
        // until the two inventories have been compared.
        return match (&row.key, presence) {
            (RowKey::Realm(_) | RowKey::Kind(_), Mark::Same) => Mark::None,
            _ => presence,
        };
    };
    match &row.key {
        RowKey::Realm(_) if presence == Mark::Same => {
            if comparison.difference_count() > 0 {
                Mark::Changed
            } else {
                Mark::Same
            }
        }
        RowKey::Kind(kind) => kind_mark(comparison, *kind),
        _ => match comparison.mark(&row.key, state.show_expected) {
            Mark::None => presence,
            mark => mark,
        },
    }
}

/// Marks by presence alone, for rows the comparison does not describe.
fn presence_mark(base: Option<&Cell>, other: Option<&Cell>) -> Mark {
    match (base, other) {
        (Some(Cell::Present(_)), Some(Cell::Present(_))) => Mark::Same,
        (Some(Cell::Absent), Some(Cell::Present(_))) => Mark::OnlyHere,
        (Some(Cell::Present(_)), Some(Cell::Absent)) => Mark::Missing,
        _ => Mark::None,
    }
}

fn kind_mark(comparison: &super::ComparisonView, kind: KindTab) -> Mark {
    if kind_differences(comparison, kind) > 0 {
        Mark::Changed
    } else {
        Mark::Same
    }
}

/// Counts the unexpected differences a kind tab covers.
pub fn kind_differences(comparison: &super::ComparisonView, kind: KindTab) -> usize {
    use crate::inventory::Kind;
    let kinds: &[Kind] = match kind {
        KindTab::Clients => &[Kind::Clients, Kind::ClientRoles, Kind::ProtocolMappers],
        KindTab::RealmRoles => &[Kind::RealmRoles, Kind::Composites, Kind::DefaultRoles],
        KindTab::Groups => &[Kind::Groups],
        KindTab::ClientScopes => &[Kind::ClientScopes],
        KindTab::IdentityProviders => &[Kind::IdentityProviders],
    };
    kinds
        .iter()
        .filter_map(|kind| comparison.comparison.summary_of(*kind))
        .map(crate::diff::KindSummary::visible_differences)
        .sum()
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
                marks: Vec::new(),
                matched: Vec::new(),
            }
        })
        .collect()
}

fn kind_rows(state: &State, realm: &str) -> Vec<Row> {
    KindTab::ALL
        .iter()
        .map(|kind| {
            let cells = state
                .envs
                .iter()
                .enumerate()
                .map(|(index, env)| {
                    inventory_cell(env, realm, |inventory| {
                        let count = count_of(inventory, *kind);
                        let differences = state
                            .comparison(realm, index)
                            .map_or(0, |comparison| kind_differences(comparison, *kind));
                        Some(match differences {
                            0 => format!("{}: {count}", kind.label()),
                            n => format!("{}: {count}, {n} differ", kind.label()),
                        })
                    })
                })
                .collect();
            Row {
                key: RowKey::Kind(*kind),
                label: kind.label().to_owned(),
                depth: 0,
                cells,
                marks: Vec::new(),
                matched: Vec::new(),
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
/// failed while it is not loaded, else present or absent as `summary` returns.
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
    // One set of keys per environment and the union of them, so each cell is one lookup:
    // lists of 20,000 roles are rebuilt after every key press.
    let mut union: BTreeMap<RowKey, (String, usize)> = BTreeMap::new();
    let mut present: Vec<HashSet<RowKey>> = Vec::with_capacity(envs.len());
    for env in envs {
        let mut keys = HashSet::new();
        if let Some(inventory) = env.inventory(realm) {
            for (key, label, depth) in list_objects(inventory, view) {
                keys.insert(key.clone());
                // The first environment that lists an object names it.
                union.entry(key).or_insert((label, depth));
            }
        }
        present.push(keys);
    }
    union
        .into_iter()
        .map(|(key, (label, depth))| {
            let cells = envs
                .iter()
                .zip(&present)
                .map(|(env, keys)| {
                    inventory_cell(env, realm, |_| keys.contains(&key).then(|| label.clone()))
                })
                .collect();
            Row {
                key,
                label,
                depth,
                cells,
                marks: Vec::new(),
                matched: Vec::new(),
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
        View::Realms | View::Kinds { .. } | View::Role { .. } | View::User { .. } => Vec::new(),
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
    // Each column's heading counts that environment's own members and parents.
    let counted = |title: &str, count: fn(&Inventory, &RoleRef) -> usize| -> Vec<Cell> {
        envs.iter()
            .map(|env| match env.inventory(realm) {
                Some(inventory) => Cell::Present(format!("{title} ({})", count(inventory, role))),
                None => Cell::Blank,
            })
            .collect()
    };
    let mut rows = vec![heading(
        "members",
        &format!("Composite members ({})", members.len()),
        counted("Composite members", |inventory, role| {
            role_members(inventory, role).len()
        }),
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
            marks: Vec::new(),
            matched: Vec::new(),
        });
    }
    rows.push(heading(
        "parents",
        &format!("Contained in ({})", parents.len()),
        counted("Contained in", |inventory, role| {
            inventory.containing_roles(role).len()
        }),
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
            marks: Vec::new(),
            matched: Vec::new(),
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
        marks: Vec::new(),
        matched: Vec::new(),
    }
}

/// Returns a role's direct members, the default role's members included.
pub fn role_members(inventory: &Inventory, role: &RoleRef) -> Vec<RoleRef> {
    inventory
        .role(role)
        .map(|found| found.composites.clone())
        .unwrap_or_default()
}
