//! Renders a [`Comparison`] for people and programs: plain text, Markdown, JSON.
//!
//! Pure functions over a finished comparison, which decide only what to show.

mod json;
mod markdown;
#[cfg(test)]
mod sample;
mod text;

use serde_json::Value;

pub use json::{JSON_FORMAT, json, json_string};
pub use markdown::markdown;
pub use text::text;

#[cfg(test)]
use sample::sample_comparison;

use super::model::{Comparison, Entry, KINDS, KindSummary, Status};
use crate::inventory::Kind;

/// Choice of what the text and Markdown reports list besides unexpected differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// List entries and changes that the rules expect, marked as expected.
    pub show_expected: bool,
    /// List built-in objects (`account`, `offline_access`, …).
    pub show_builtin: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            show_expected: false,
            show_builtin: true,
        }
    }
}

impl ReportOptions {
    /// Reports whether an entry appears in the report.
    fn shows(&self, entry: &Entry) -> bool {
        entry.status != Status::Same
            && (self.show_expected || !entry.expected)
            && (self.show_builtin || !entry.builtin)
    }
}

/// Lists the entries a report shows, in comparison order.
fn shown<'c>(comparison: &'c Comparison, options: &ReportOptions) -> Vec<&'c Entry> {
    comparison
        .entries
        .iter()
        .filter(|entry| options.shows(entry))
        .collect()
}

/// One kind's part of a text or Markdown report.
struct Section<'c> {
    kind: Kind,
    entries: Vec<&'c Entry>,
    /// Which side's list of this kind was read incompletely, if any.
    incomplete: Option<String>,
}

/// Groups the shown entries by kind, in report order, leaving out kinds with nothing to say.
fn sections<'c>(comparison: &'c Comparison, options: &ReportOptions) -> Vec<Section<'c>> {
    let entries = shown(comparison, options);
    KINDS
        .iter()
        .map(|kind| Section {
            kind: *kind,
            entries: entries
                .iter()
                .copied()
                .filter(|entry| entry.kind == *kind)
                .collect(),
            incomplete: comparison
                .summary_of(*kind)
                .and_then(|summary| incomplete_note(comparison, summary)),
        })
        .filter(|section| !section.entries.is_empty() || section.incomplete.is_some())
        .collect()
}

/// Describes on which side a kind's list is incomplete, if on any.
fn incomplete_note(comparison: &Comparison, summary: &KindSummary) -> Option<String> {
    let sides = match (summary.incomplete_in_a, summary.incomplete_in_b) {
        (true, true) => format!("{} and {}", comparison.a, comparison.b),
        (true, false) => comparison.a.clone(),
        (false, true) => comparison.b.clone(),
        (false, false) => return None,
    };
    Some(format!(
        "the list could not be read completely from {sides}; objects missing there are unknown"
    ))
}

/// Formats a value for a reader: strings quoted as in JSON, absence spelled
/// out, role references as `clientId » role`, anything else as compact JSON.
fn format_value(value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_owned(),
        Value::Object(map) => match role_ref_text(map) {
            Some(text) => text,
            None => value.to_string(),
        },
        other => other.to_string(),
    }
}

/// Formats a `{"client", "name"}` or `{"name"}` object the way role keys are shown.
fn role_ref_text(map: &serde_json::Map<String, Value>) -> Option<String> {
    let name = map.get("name")?.as_str()?;
    match (map.len(), map.get("client")) {
        (1, None) => Some(name.to_owned()),
        (2, Some(Value::String(client))) => Some(format!("{client} » {name}")),
        _ => None,
    }
}

/// One line of a sequence diff: `' '` for a common item, `'-'` only in A, `'+'` only in B.
type SequenceLine = (char, String);

/// Aligns two ordered lists by their longest common subsequence, as a line
/// diff does, so a reader sees which steps moved, appeared or went away.
fn sequence_lines(a: &Value, b: &Value) -> Vec<SequenceLine> {
    let text = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .map_or_else(|| item.to_string(), str::to_owned)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (a, b) = (text(a), text(b));
    // lengths[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut lengths = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i][j] = if a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut lines = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push((' ', a[i].clone()));
            i += 1;
            j += 1;
        } else if j == b.len() || (i < a.len() && lengths[i + 1][j] >= lengths[i][j + 1]) {
            lines.push(('-', a[i].clone()));
            i += 1;
        } else {
            lines.push(('+', b[j].clone()));
            j += 1;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn format_value_shows_role_refs() {
        assert_eq!(format_value(&json!({"name": "admin"})), "admin");
        assert_eq!(
            format_value(&json!({"client": "account", "name": "view-profile"})),
            "account » view-profile"
        );
        assert_eq!(format_value(&json!("x")), "\"x\"");
        assert_eq!(format_value(&Value::Null), "(none)");
    }

    #[test]
    fn options_hide_builtin_and_expected() {
        let comparison = sample_comparison();
        let mut entry = comparison.entries[1].clone();
        let options = ReportOptions {
            show_expected: false,
            show_builtin: false,
        };
        assert!(options.shows(&entry));
        entry.builtin = true;
        assert!(!options.shows(&entry));
        entry.builtin = false;
        entry.expected = true;
        assert!(!options.shows(&entry));
        entry.status = Status::Same;
        entry.expected = false;
        assert!(!ReportOptions::default().shows(&entry));
    }

    #[test]
    fn sequence_lines_marks_moves() {
        let lines = sequence_lines(&json!(["a", "b", "c"]), &json!(["a", "c", "d"]));
        let rendered: Vec<String> = lines
            .iter()
            .map(|(marker, text)| format!("{marker}{text}"))
            .collect();
        assert_eq!(rendered, [" a", "-b", " c", "+d"]);
    }
}
