//! Pairs the objects of two inventories by natural key and builds the comparison.
//!
//! Pairing never looks at ids and never depends on list order: both sides are
//! sorted by key first. Objects whose key differs only by a substitution rule
//! are paired in a second pass. An object found on one side while its kind is
//! incomplete on either side is `Unknown`, never "only in".

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use super::item::{Item, display_key, identical, items_of};
use super::model::{Change, Comparison, Entry, FieldPath, KINDS, Key, KindSummary, Status};
use super::rules::Rules;
use super::value::{diff_sequence, diff_set_values, diff_values, same_value};
use crate::inventory::{Inventory, Kind};

/// Compares realm `a` with realm `b` under `rules`.
///
/// The result lists every object of every kind, equal ones included, with
/// field changes for those that differ. Its labels are the two realm names,
/// followed by `(A)` and `(B)` when the names are equal.
pub fn compare(a: &Inventory, b: &Inventory, rules: &Rules) -> Comparison {
    let incomplete_a = incomplete_kinds(a);
    let incomplete_b = incomplete_kinds(b);
    let mut entries = Vec::new();
    let mut summary = Vec::new();

    for kind in KINDS {
        let start = entries.len();
        let pairs = pair(items_of(a, kind), items_of(b, kind), rules);
        for (item_a, item_b) in pairs {
            let incomplete = [item_a.as_ref(), item_b.as_ref()]
                .into_iter()
                .flatten()
                .any(|item| {
                    [kind, item.owner]
                        .iter()
                        .any(|kind| incomplete_a.contains(kind) || incomplete_b.contains(kind))
                });
            if let Some(mut entry) = build_entry(kind, item_a, item_b, incomplete) {
                rules.mark_expected(&mut entry);
                entries.push(entry);
            }
        }
        entries[start..].sort_by(|x, y| x.key.cmp(&y.key));
        summary.push(summarize(
            kind,
            &entries[start..],
            incomplete_a.contains(&kind),
            incomplete_b.contains(&kind),
        ));
    }

    let (label_a, label_b) = if a.realm == b.realm {
        (format!("{} (A)", a.realm), format!("{} (B)", b.realm))
    } else {
        (a.realm.clone(), b.realm.clone())
    };
    Comparison {
        a: label_a,
        b: label_b,
        entries,
        summary,
    }
}

/// Returns the kinds that are incomplete, counting a client list that is
/// incomplete as making the client roles incomplete too.
fn incomplete_kinds(inventory: &Inventory) -> BTreeSet<Kind> {
    let mut kinds = inventory.incomplete.clone();
    if kinds.contains(&Kind::Clients) {
        kinds.insert(Kind::ClientRoles);
    }
    kinds
}

type Pair<'a> = (Option<Item<'a>>, Option<Item<'a>>);

/// Pairs items by equal key parts, then pairs the leftovers whose side-A key
/// equals a side-B key after substitution. Duplicate keys pair in turn.
fn pair<'a>(mut a: Vec<Item<'a>>, mut b: Vec<Item<'a>>, rules: &Rules) -> Vec<Pair<'a>> {
    a.sort_unstable_by(|x, y| x.parts.cmp(&y.parts));
    b.sort_unstable_by(|x, y| x.parts.cmp(&y.parts));
    let mut pairs = Vec::with_capacity(a.len().max(b.len()));
    let mut left_a = Vec::new();
    let mut left_b = Vec::new();

    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    loop {
        let order = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.parts.cmp(&y.parts),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => break,
        };
        match order {
            Ordering::Less => left_a.extend(a.next()),
            Ordering::Greater => left_b.extend(b.next()),
            Ordering::Equal => pairs.push((a.next(), b.next())),
        }
    }

    if rules.substitutes_nothing() || left_a.is_empty() || left_b.is_empty() {
        pairs.extend(left_a.into_iter().map(|item| (Some(item), None)));
        pairs.extend(left_b.into_iter().map(|item| (None, Some(item))));
        return pairs;
    }
    pair_substituted(left_a, left_b, rules, &mut pairs);
    pairs
}

fn pair_substituted<'a>(
    left_a: Vec<Item<'a>>,
    left_b: Vec<Item<'a>>,
    rules: &Rules,
    pairs: &mut Vec<Pair<'a>>,
) {
    let mut by_parts: HashMap<Vec<String>, usize> = HashMap::new();
    for (index, item) in left_b.iter().enumerate() {
        let parts = item.parts.iter().map(|&part| part.to_owned()).collect();
        by_parts.entry(parts).or_insert(index);
    }
    let mut left_b: Vec<Option<Item<'a>>> = left_b.into_iter().map(Some).collect();
    for item in left_a {
        let parts: Vec<String> = item
            .parts
            .iter()
            .map(|part| rules.substitute_str(part).into_owned())
            .collect();
        let partner = by_parts
            .remove(&parts)
            .and_then(|index| left_b[index].take());
        pairs.push((Some(item), partner));
    }
    pairs.extend(left_b.into_iter().flatten().map(|item| (None, Some(item))));
}

fn key_of(kind: Kind, item: &Item<'_>) -> Key {
    Key {
        parts: item.parts.iter().map(|&part| part.to_owned()).collect(),
        display: display_key(kind, &item.parts),
    }
}

/// Builds the entry of a pair, or `None` when the kind reports no entry for it.
fn build_entry(
    kind: Kind,
    a: Option<Item<'_>>,
    b: Option<Item<'_>>,
    incomplete: bool,
) -> Option<Entry> {
    let (status, key, key_b, builtin, changes) = match (&a, &b) {
        (Some(x), Some(y)) => {
            if x.only_when_paired() && x.is_empty() && y.is_empty() {
                return None;
            }
            let changes = if identical(x.source, y.source) {
                Vec::new()
            } else {
                diff_items(x, y)
            };
            let key_b = (x.parts != y.parts).then(|| key_of(kind, y));
            let status = if changes.is_empty() && key_b.is_none() {
                Status::Same
            } else {
                Status::Differs
            };
            (
                status,
                key_of(kind, x),
                key_b,
                x.builtin || y.builtin,
                changes,
            )
        }
        (Some(x), None) | (None, Some(x)) => {
            if x.only_when_paired() {
                return None;
            }
            let status = match (incomplete, a.is_some()) {
                (true, _) => Status::Unknown,
                (false, true) => Status::OnlyInA,
                (false, false) => Status::OnlyInB,
            };
            (status, key_of(kind, x), None, x.builtin, Vec::new())
        }
        (None, None) => return None,
    };
    Some(Entry {
        kind,
        key,
        key_b,
        status,
        in_a: a.is_some(),
        in_b: b.is_some(),
        builtin,
        expected: false,
        changes,
    })
}

/// Compares the fields of two items, walking their sorted field lists together.
fn diff_items(a: &Item<'_>, b: &Item<'_>) -> Vec<Change> {
    let (a_fields, b_fields) = (a.fields(), b.fields());
    let mut changes = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a_fields.len() || j < b_fields.len() {
        let order = match (a_fields.get(i), b_fields.get(j)) {
            (Some(x), Some(y)) => x.0.cmp(y.0),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        let (name, value_a, value_b) = match order {
            Ordering::Less => {
                i += 1;
                (a_fields[i - 1].0, Some(a_fields[i - 1].1.as_ref()), None)
            }
            Ordering::Greater => {
                j += 1;
                (b_fields[j - 1].0, None, Some(b_fields[j - 1].1.as_ref()))
            }
            Ordering::Equal => {
                i += 1;
                j += 1;
                let (name, x) = &a_fields[i - 1];
                (*name, Some(x.as_ref()), Some(b_fields[j - 1].1.as_ref()))
            }
        };
        if let (Some(x), Some(y)) = (value_a, value_b)
            && same_value(x, y)
        {
            continue;
        }
        let path = FieldPath::of_fields([name]);
        let declared = |names: [&[&str]; 2]| names.iter().any(|names| names.contains(&name));
        if declared([a.ordered(), b.ordered()]) {
            diff_sequence(&path, as_list(value_a), as_list(value_b), &mut changes);
        } else if declared([a.sets(), b.sets()]) {
            diff_set_values(&path, as_list(value_a), as_list(value_b), &mut changes);
        } else {
            diff_values(&path, value_a, value_b, &mut changes);
        }
    }
    changes
}

fn as_list(value: Option<&serde_json::Value>) -> &[serde_json::Value] {
    value
        .and_then(serde_json::Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn summarize(kind: Kind, entries: &[Entry], incomplete_a: bool, incomplete_b: bool) -> KindSummary {
    let mut summary = KindSummary {
        kind,
        only_in_a: 0,
        only_in_b: 0,
        differs: 0,
        same: 0,
        unknown: 0,
        hidden: 0,
        incomplete_in_a: incomplete_a,
        incomplete_in_b: incomplete_b,
    };
    for entry in entries {
        let count = match (entry.status, entry.expected) {
            (Status::Same, _) => &mut summary.same,
            (_, true) => &mut summary.hidden,
            (Status::OnlyInA, false) => &mut summary.only_in_a,
            (Status::OnlyInB, false) => &mut summary.only_in_b,
            (Status::Differs, false) => &mut summary.differs,
            (Status::Unknown, false) => &mut summary.unknown,
        };
        *count += 1;
    }
    summary
}
