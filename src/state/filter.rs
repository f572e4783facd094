//! The `/` list filter: keeps the rows whose label matches a fuzzy query, in list order,
//! and each heading that has a kept row below it. Matching is [`crate::finder`]'s, so the
//! filter and the finder agree on what matches.

use crate::finder::{Candidate, Finder, ObjectKind};

use super::rows::{Row, RowKey};

/// The unfiltered rows of the current list with a finder over their labels, so each
/// keystroke of a filter only searches, and narrows the previous keystroke's matches.
#[derive(Debug, Default)]
pub struct RowFilter {
    rows: Vec<Row>,
    /// Built on the first non-blank query after the rows change.
    finder: Option<Finder>,
}

impl Clone for RowFilter {
    fn clone(&self) -> Self {
        Self {
            rows: self.rows.clone(),
            finder: None,
        }
    }
}

impl RowFilter {
    /// Replaces the unfiltered rows, dropping the finder built over the old ones.
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        self.rows = rows;
        self.finder = None;
    }

    /// Returns the rows that match `query`, in list order, with the matched characters
    /// recorded in [`Row::matched`], and each heading that has a kept row below it. A blank
    /// query keeps every row.
    pub fn apply(&mut self, query: &str) -> Vec<Row> {
        if query.trim().is_empty() {
            return self.rows.clone();
        }
        let rows = &self.rows;
        let finder = self.finder.get_or_insert_with(|| finder_over(rows));
        let mut matched: Vec<Option<Vec<usize>>> = vec![None; rows.len()];
        for hit in finder.search(query) {
            let index = finder.candidates()[hit.candidate].id;
            matched[index] = Some(hit.positions);
        }

        let mut filtered: Vec<Row> = Vec::new();
        let mut heading: Option<&Row> = None;
        for (row, positions) in rows.iter().zip(matched) {
            if row.is_heading() {
                heading = Some(row);
                continue;
            }
            let Some(positions) = positions else { continue };
            if let Some(heading) = heading.take() {
                filtered.push(heading.clone());
            }
            let mut row = row.clone();
            row.matched = positions;
            filtered.push(row);
        }
        filtered
    }
}

/// Builds a finder over the labels of the rows that are not headings, returning every match.
fn finder_over(rows: &[Row]) -> Finder {
    let candidates: Vec<Candidate> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.is_heading())
        .map(|(index, row)| Candidate {
            text: row.label.clone(),
            env: 0,
            realm: String::new(),
            // The finder ranks by text alone; the kind is only shown beside finder hits.
            kind: kind_of(&row.key),
            id: index,
        })
        .collect();
    let count = candidates.len();
    Finder::new(candidates).with_limit(count)
}

/// Returns the rows of `rows` that match `query`; see [`RowFilter::apply`].
#[cfg(test)]
fn filter_rows(rows: Vec<Row>, query: &str) -> Vec<Row> {
    let mut filter = RowFilter::default();
    filter.set_rows(rows);
    filter.apply(query)
}

fn kind_of(key: &RowKey) -> ObjectKind {
    match key {
        RowKey::Client(_) => ObjectKind::Client,
        RowKey::Role(role)
        | RowKey::Member(role)
        | RowKey::Parent(role)
        | RowKey::UserRole(role)
        | RowKey::Effective(role)
        | RowKey::Grant(role, _)
            if role.client.is_some() =>
        {
            ObjectKind::ClientRole
        }
        RowKey::Role(_)
        | RowKey::Member(_)
        | RowKey::Parent(_)
        | RowKey::UserRole(_)
        | RowKey::Effective(_)
        | RowKey::Grant(..)
        | RowKey::DefaultRole => ObjectKind::RealmRole,
        RowKey::Group(_) => ObjectKind::Group,
        RowKey::ClientScope(_) => ObjectKind::ClientScope,
        RowKey::IdentityProvider(_) => ObjectKind::IdentityProvider,
        RowKey::Realm(_) | RowKey::Kind(_) | RowKey::Heading(_) => ObjectKind::Realm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: RowKey, label: &str) -> Row {
        Row {
            key,
            label: label.to_owned(),
            depth: 0,
            cells: Vec::new(),
            marks: Vec::new(),
            matched: Vec::new(),
        }
    }

    fn labels(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|row| row.label.as_str()).collect()
    }

    fn role_view_rows() -> Vec<Row> {
        use crate::inventory::RoleRef;
        vec![
            row(RowKey::Heading("members".into()), "Composite members (2)"),
            row(RowKey::Member(RoleRef::realm("viewer")), "viewer"),
            row(RowKey::Member(RoleRef::realm("auditor")), "auditor"),
            row(RowKey::Heading("parents".into()), "Contained in (1)"),
            row(
                RowKey::Parent(RoleRef::realm("store-manager")),
                "store-manager",
            ),
        ]
    }

    #[test]
    fn blank_query_keeps_every_row() {
        assert_eq!(filter_rows(role_view_rows(), "  ").len(), 5);
    }

    #[test]
    fn keeps_list_order_and_positions() {
        let rows = vec![
            row(RowKey::Client("admin-cli".into()), "admin-cli"),
            row(RowKey::Client("checkout".into()), "checkout"),
            row(RowKey::Client("admin".into()), "admin"),
        ];
        let filtered = filter_rows(rows, "adm");
        assert_eq!(labels(&filtered), ["admin-cli", "admin"]);
        assert_eq!(filtered[0].matched, [0, 1, 2]);
    }

    #[test]
    fn heading_stays_only_with_matches() {
        let filtered = filter_rows(role_view_rows(), "store");
        assert_eq!(labels(&filtered), ["Contained in (1)", "store-manager"]);
        let filtered = filter_rows(role_view_rows(), "r");
        assert_eq!(
            labels(&filtered),
            [
                "Composite members (2)",
                "viewer",
                "auditor",
                "Contained in (1)",
                "store-manager"
            ]
        );
    }

    #[test]
    fn headings_never_match_themselves() {
        assert!(filter_rows(role_view_rows(), "composite").is_empty());
    }
}
