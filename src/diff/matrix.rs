//! Comparison of three or more realms at once, for a matrix view.
//!
//! The first column is the reference: every other column is compared with it
//! under the rules of that pair, and the results are merged into one row per
//! natural key with one cell per column.

use std::collections::BTreeMap;

use super::compare::compare;
use super::model::{Comparison, Entry, Key, Status};
use super::rules::{DiffConfig, Rules};
use crate::inventory::{Inventory, Kind};

/// Realms compared column by column against the first.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// Column labels, in the order given.
    pub labels: Vec<String>,
    /// One row per natural key found in any column, sorted by kind then key.
    pub rows: Vec<MatrixRow>,
    /// Comparison of column 0 with column `i`, stored at index `i - 1`, for
    /// the field-level detail of a cell.
    pub comparisons: Vec<Comparison>,
}

/// One object across every column.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    pub kind: Kind,
    /// Key in the reference column, or in the first column holding the object.
    pub key: Key,
    /// Built in on any column.
    pub builtin: bool,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// Every cell that is not `Reference` or `Same` is covered by the rules.
    pub expected: bool,
}

impl MatrixRow {
    /// Reports whether every column has the object and equals the reference.
    pub fn is_uniform(&self) -> bool {
        self.cells
            .iter()
            .all(|cell| matches!(cell, Cell::Reference | Cell::Same))
    }
}

/// The object in one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Present in the reference column (column 0).
    Reference,
    /// Present and equal to the reference.
    Same,
    /// Present and different from the reference, with the number of changes
    /// (0 when paired only through a substitution of its key).
    Differs { changes: usize },
    /// Absent from this column, or nothing to compare (a role without
    /// composite members).
    Missing,
    /// Present here while the reference lacks it.
    Present,
    /// Absent here, but this column's list of the kind is incomplete.
    Unknown,
}

/// Compares every column with the first, each pair under
/// `config.rules_for(first label, column label)`.
///
/// With one column every row has a single `Reference` cell, and with none the
/// matrix is empty.
pub fn compare_many(columns: &[(&str, &Inventory)], config: &DiffConfig) -> Matrix {
    let labels = columns
        .iter()
        .map(|(label, _)| (*label).to_owned())
        .collect();
    let Some(&(first_label, first)) = columns.first() else {
        return Matrix {
            labels,
            rows: Vec::new(),
            comparisons: Vec::new(),
        };
    };
    if columns.len() == 1 {
        let alone = compare(first, first, &Rules::default());
        let rows = alone
            .entries
            .iter()
            .map(|entry| MatrixRow {
                kind: entry.kind,
                key: entry.key.clone(),
                builtin: entry.builtin,
                cells: vec![Cell::Reference],
                expected: false,
            })
            .collect();
        return Matrix {
            labels,
            rows,
            comparisons: Vec::new(),
        };
    }

    let comparisons: Vec<Comparison> = columns[1..]
        .iter()
        .map(|&(label, inventory)| {
            compare(first, inventory, &config.rules_for(first_label, label))
                .with_labels(first_label, label)
        })
        .collect();
    let rows = merge_rows(&comparisons);
    Matrix {
        labels,
        rows,
        comparisons,
    }
}

fn merge_rows(comparisons: &[Comparison]) -> Vec<MatrixRow> {
    let columns = comparisons.len() + 1;
    // Each row travels with one flag per column: the cell came from an expected entry.
    let mut rows: BTreeMap<(Kind, Key), (MatrixRow, Vec<bool>)> = BTreeMap::new();
    for (index, comparison) in comparisons.iter().enumerate() {
        for entry in &comparison.entries {
            let (row, expected) =
                rows.entry((entry.kind, entry.key.clone()))
                    .or_insert_with(|| {
                        let row = MatrixRow {
                            kind: entry.kind,
                            key: entry.key.clone(),
                            builtin: false,
                            cells: vec![Cell::Missing; columns],
                            expected: false,
                        };
                        (row, vec![false; columns])
                    });
            row.builtin |= entry.builtin;
            row.cells[index + 1] = cell_of(entry);
            expected[index + 1] = entry.expected;
            if entry.in_a {
                row.cells[0] = Cell::Reference;
            } else if entry.status == Status::Unknown && row.cells[0] == Cell::Missing {
                row.cells[0] = Cell::Unknown;
            }
        }
    }
    rows.into_values()
        .map(|(mut row, expected)| {
            row.expected = !row.is_uniform()
                && row
                    .cells
                    .iter()
                    .zip(&expected)
                    .skip(1)
                    .all(|(cell, expected)| *cell == Cell::Same || *expected);
            row
        })
        .collect()
}

fn cell_of(entry: &Entry) -> Cell {
    match entry.status {
        Status::Same => Cell::Same,
        Status::Differs => Cell::Differs {
            changes: entry.changes.len(),
        },
        Status::OnlyInA => Cell::Missing,
        Status::OnlyInB => Cell::Present,
        Status::Unknown if entry.in_b => Cell::Present,
        Status::Unknown => Cell::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::inventory::Client;

    fn realm(name: &str, clients: &[(&str, &str)]) -> Inventory {
        let clients = clients
            .iter()
            .map(|(client_id, root)| Client {
                client_id: (*client_id).into(),
                fields: serde_json::from_value(json!({"rootUrl": root})).expect("object"),
                ..Client::default()
            })
            .collect();
        Inventory {
            realm: name.into(),
            clients,
            ..Inventory::default()
        }
    }

    fn row<'m>(matrix: &'m Matrix, key: &str) -> &'m MatrixRow {
        matrix
            .rows
            .iter()
            .find(|row| row.kind == Kind::Clients && row.key.display == key)
            .unwrap_or_else(|| panic!("no row {key}"))
    }

    #[test]
    fn three_columns_against_first() {
        let dev = realm(
            "shop",
            &[
                ("app", "https://a"),
                ("api", "https://api"),
                ("legacy", "x"),
            ],
        );
        let stage = realm(
            "shop",
            &[("app", "https://a"), ("api", "https://api"), ("new", "y")],
        );
        let prod = realm(
            "shop",
            &[
                ("app", "https://a"),
                ("api", "https://api.prod"),
                ("new", "y"),
            ],
        );
        let matrix = compare_many(
            &[("dev", &dev), ("stage", &stage), ("prod", &prod)],
            &DiffConfig::default(),
        );

        assert_eq!(matrix.labels, ["dev", "stage", "prod"]);
        assert_eq!(matrix.comparisons.len(), 2);
        assert_eq!(matrix.comparisons[1].b, "prod");

        let app = row(&matrix, "app");
        assert_eq!(app.cells, [Cell::Reference, Cell::Same, Cell::Same]);
        assert!(app.is_uniform());
        assert!(!app.expected);

        let api = row(&matrix, "api");
        assert_eq!(
            api.cells,
            [Cell::Reference, Cell::Same, Cell::Differs { changes: 1 }]
        );
        assert!(!api.is_uniform());

        assert_eq!(
            row(&matrix, "legacy").cells,
            [Cell::Reference, Cell::Missing, Cell::Missing]
        );
        assert_eq!(
            row(&matrix, "new").cells,
            [Cell::Missing, Cell::Present, Cell::Present]
        );
    }

    #[test]
    fn pair_rules_mark_row_expected() {
        let dev = realm("shop", &[("api", "https://api.dev.test")]);
        let stage = realm("shop", &[("api", "https://api.dev.test")]);
        let prod = realm("shop", &[("api", "https://api.test")]);
        let config: DiffConfig = toml::from_str(
            r#"
            [pair."dev:prod"]
            substitute = [{ a = "api.dev.test", b = "api.test" }]
            "#,
        )
        .expect("config parses");
        let matrix = compare_many(
            &[("dev", &dev), ("stage", &stage), ("prod", &prod)],
            &config,
        );
        let api = row(&matrix, "api");
        assert_eq!(
            api.cells,
            [Cell::Reference, Cell::Same, Cell::Differs { changes: 1 }]
        );
        assert!(api.expected);
    }

    #[test]
    fn unknown_column_stays_unknown() {
        let dev = realm("shop", &[("app", "x")]);
        let mut prod = realm("shop", &[]);
        prod.incomplete.insert(Kind::Clients);
        let matrix = compare_many(&[("dev", &dev), ("prod", &prod)], &DiffConfig::default());
        assert_eq!(row(&matrix, "app").cells, [Cell::Reference, Cell::Unknown]);
    }

    #[test]
    fn one_column_only_reference() {
        let dev = realm("shop", &[("app", "x")]);
        let matrix = compare_many(&[("dev", &dev)], &DiffConfig::default());
        assert!(matrix.comparisons.is_empty());
        assert_eq!(row(&matrix, "app").cells, [Cell::Reference]);

        let empty = compare_many(&[], &DiffConfig::default());
        assert!(empty.rows.is_empty());
    }
}
