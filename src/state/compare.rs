//! Differences shown in the side-by-side columns: each environment's realm
//! compared with the reference environment's, and the mark of every cell.

use std::collections::{HashMap, HashSet};

use crate::diff::{Comparison, Entry, Status};
use crate::inventory::{Kind, RoleRef};

use super::rows::RowKey;

/// Comparison outcome of one cell's object against the reference environment's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// No comparison applies: the reference column itself, headings, data still loading.
    None,
    Same,
    /// Present in both with a changed field, or changed children (a client's roles).
    Changed,
    /// Present here, absent in the reference environment.
    OnlyHere,
    /// Absent here, present in the reference environment.
    Missing,
    /// The kind could not be read completely, so presence proves nothing.
    Unknown,
}

impl Mark {
    /// Reports whether the mark shows a difference.
    pub fn is_difference(self) -> bool {
        matches!(
            self,
            Self::Changed | Self::OnlyHere | Self::Missing | Self::Unknown
        )
    }
}

/// One comparison with indexes for looking rows up by natural key.
#[derive(Debug, Clone)]
pub struct ComparisonView {
    pub comparison: Comparison,
    by_key: HashMap<(Kind, Vec<String>), usize>,
    /// `clientId`s whose roles, mappers or composites differ.
    clients_with_changed_children: HashSet<String>,
    /// Client scope names whose mappers differ.
    scopes_with_changed_children: HashSet<String>,
    /// Identity provider aliases whose mappers differ.
    providers_with_changed_children: HashSet<String>,
}

impl ComparisonView {
    /// Indexes a comparison of the reference realm (side A) with another (side B).
    pub fn new(comparison: Comparison) -> Self {
        let mut view = Self {
            by_key: HashMap::new(),
            clients_with_changed_children: HashSet::new(),
            scopes_with_changed_children: HashSet::new(),
            providers_with_changed_children: HashSet::new(),
            comparison,
        };
        for (index, entry) in view.comparison.entries.iter().enumerate() {
            view.by_key
                .insert((entry.kind, entry.key.parts.clone()), index);
            if let Some(key_b) = &entry.key_b {
                view.by_key.insert((entry.kind, key_b.parts.clone()), index);
            }
            if entry.status == Status::Same || entry.expected {
                continue;
            }
            let parts = &entry.key.parts;
            match (entry.kind, parts.as_slice()) {
                (Kind::ClientRoles, [client, _]) | (Kind::Composites, [client, _]) => {
                    view.clients_with_changed_children.insert(client.clone());
                }
                (Kind::ProtocolMappers, [owner, name, _]) if owner == "client" => {
                    view.clients_with_changed_children.insert(name.clone());
                }
                (Kind::ProtocolMappers, [owner, name, _]) if owner == "client_scope" => {
                    view.scopes_with_changed_children.insert(name.clone());
                }
                (Kind::IdentityProviders, [alias, _]) => {
                    view.providers_with_changed_children.insert(alias.clone());
                }
                _ => {}
            }
        }
        view
    }

    /// Finds the entry of one object.
    pub fn entry(&self, kind: Kind, parts: &[String]) -> Option<&Entry> {
        self.by_key
            .get(&(kind, parts.to_vec()))
            .map(|index| &self.comparison.entries[*index])
    }

    /// Returns the entries describing a row's object, the main one first.
    pub fn entries_for(&self, key: &RowKey) -> Vec<&Entry> {
        entry_keys(key)
            .iter()
            .filter_map(|(kind, parts)| self.entry(*kind, parts))
            .collect()
    }

    /// Marks a row in the other environment's column.
    pub fn mark(&self, key: &RowKey, show_expected: bool) -> Mark {
        let entries = self.entries_for(key);
        let mut mark = entries.iter().fold(Mark::None, |mark, entry| {
            combine(mark, entry_mark(entry, show_expected))
        });
        let children_changed = match key {
            RowKey::Client(client_id) => self.clients_with_changed_children.contains(client_id),
            RowKey::ClientScope(name) => self.scopes_with_changed_children.contains(name),
            RowKey::IdentityProvider(alias) => self.providers_with_changed_children.contains(alias),
            _ => false,
        };
        if children_changed && mark == Mark::Same {
            mark = Mark::Changed;
        }
        mark
    }

    /// Counts the unexpected differences of the whole realm.
    pub fn difference_count(&self) -> usize {
        self.comparison
            .summary
            .iter()
            .map(crate::diff::KindSummary::visible_differences)
            .sum()
    }

    /// Counts the differences hidden because the rules expect them.
    pub fn hidden_count(&self) -> usize {
        self.comparison
            .summary
            .iter()
            .map(|summary| summary.hidden)
            .sum()
    }
}

/// Combines the marks of an object's entries: any difference wins over sameness.
fn combine(current: Mark, next: Mark) -> Mark {
    match (current, next) {
        (Mark::None, other) | (other, Mark::None) => other,
        (Mark::Missing, _) | (_, Mark::Missing) => Mark::Missing,
        (Mark::OnlyHere, _) | (_, Mark::OnlyHere) => Mark::OnlyHere,
        (Mark::Unknown, _) | (_, Mark::Unknown) => Mark::Unknown,
        (Mark::Changed, _) | (_, Mark::Changed) => Mark::Changed,
        (Mark::Same, Mark::Same) => Mark::Same,
    }
}

fn entry_mark(entry: &Entry, show_expected: bool) -> Mark {
    if entry.expected && !show_expected {
        return Mark::Same;
    }
    match entry.status {
        Status::Same => Mark::Same,
        Status::Differs => Mark::Changed,
        Status::OnlyInA => Mark::Missing,
        Status::OnlyInB => Mark::OnlyHere,
        Status::Unknown => Mark::Unknown,
    }
}

/// Lists the comparison entries that describe a row's object.
fn entry_keys(key: &RowKey) -> Vec<(Kind, Vec<String>)> {
    let role_parts = |role: &RoleRef| match &role.client {
        Some(client) => vec![client.clone(), role.name.clone()],
        None => vec![role.name.clone()],
    };
    match key {
        RowKey::Client(client_id) => vec![(Kind::Clients, vec![client_id.clone()])],
        RowKey::Role(role) => {
            let kind = if role.client.is_some() {
                Kind::ClientRoles
            } else {
                Kind::RealmRoles
            };
            vec![
                (kind, role_parts(role)),
                (Kind::Composites, role_parts(role)),
            ]
        }
        RowKey::DefaultRole => vec![(Kind::DefaultRoles, Vec::new())],
        RowKey::Group(path) => vec![(Kind::Groups, path.clone())],
        RowKey::ClientScope(name) => vec![(Kind::ClientScopes, vec![name.clone()])],
        RowKey::IdentityProvider(alias) => vec![(Kind::IdentityProviders, vec![alias.clone()])],
        RowKey::Realm(_)
        | RowKey::Kind(_)
        | RowKey::Heading(_)
        | RowKey::Member(_)
        | RowKey::Parent(_)
        | RowKey::UserRole(_)
        | RowKey::Effective(_)
        | RowKey::Grant(..) => Vec::new(),
    }
}
