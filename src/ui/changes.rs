//! The comparison part of the detail pane: the selected object in the focused
//! environment against the reference environment, field by field, with the
//! changed part of long strings highlighted.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use serde_json::Value;

use super::Theme;
use crate::diff::{Change, ChangeShape, Entry, Status, changed_span};
use crate::state::{RowKey, State};

/// Builds the lines that compare the selected row with the reference environment.
pub fn change_lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let Some(row) = state.selected_row() else {
        return Vec::new();
    };
    let realm = match (&row.key, state.view().realm()) {
        (_, Some(realm)) => realm.to_owned(),
        (RowKey::Realm(realm), None) => realm.clone(),
        _ => return Vec::new(),
    };
    let other = if state.focus == state.base {
        (0..state.envs.len())
            .find(|env| *env != state.base && state.comparison(&realm, *env).is_some())
    } else {
        Some(state.focus)
    };
    let Some(other) = other else {
        return Vec::new();
    };
    let Some(view) = state.comparison(&realm, other) else {
        return Vec::new();
    };
    let base_name = &state.envs[state.base].name;
    let other_name = &state.envs[other].name;

    let mut lines = Vec::new();
    for entry in view.entries_for(&row.key) {
        if entry.status == Status::Same || (entry.expected && !state.show_expected) {
            continue;
        }
        lines.push(entry_heading(entry, base_name, other_name, theme));
        for change in entry
            .changes
            .iter()
            .filter(|change| state.show_expected || !change.expected)
        {
            lines.extend(change_line(change, theme));
        }
    }
    lines
}

fn entry_heading(entry: &Entry, base: &str, other: &str, theme: &Theme) -> Line<'static> {
    let (text, style) = match entry.status {
        Status::OnlyInA => (
            format!("only in {base}, missing in {other}"),
            theme.diff_missing,
        ),
        Status::OnlyInB => (
            format!("only in {other}, missing in {base}"),
            theme.diff_only_a,
        ),
        Status::Unknown => (
            format!("unknown: a list was read incompletely in {base} or {other}"),
            theme.diff_unknown,
        ),
        Status::Differs | Status::Same => (
            format!("{} differs ({base} → {other}):", entry.key),
            theme.diff_changed,
        ),
    };
    let suffix = if entry.expected { " (expected)" } else { "" };
    Line::from(Span::styled(
        format!("{text}{suffix}"),
        style.add_modifier(Modifier::BOLD),
    ))
}

/// Renders one change; a string changed in the middle shows both versions
/// with only the differing part emphasised.
fn change_line(change: &Change, theme: &Theme) -> Vec<Line<'static>> {
    let path = format!("  {}", change.path);
    match (&change.shape, &change.a, &change.b) {
        (ChangeShape::Value, Value::String(a), Value::String(b)) => {
            let span = changed_span(a, b);
            let (a_head, a_mid, a_tail) = span.split(a);
            let (b_head, b_mid, b_tail) = span.split(b);
            let emphasis = Modifier::BOLD | Modifier::UNDERLINED;
            vec![
                Line::from(Span::styled(path, theme.heading)),
                Line::from(vec![
                    Span::styled("    - ", theme.diff_missing),
                    Span::raw(a_head.to_owned()),
                    Span::styled(a_mid.to_owned(), theme.diff_missing.add_modifier(emphasis)),
                    Span::raw(a_tail.to_owned()),
                ]),
                Line::from(vec![
                    Span::styled("    + ", theme.diff_only_a),
                    Span::raw(b_head.to_owned()),
                    Span::styled(b_mid.to_owned(), theme.diff_only_a.add_modifier(emphasis)),
                    Span::raw(b_tail.to_owned()),
                ]),
            ]
        }
        (ChangeShape::Set, a, b) => {
            let mut lines = vec![Line::from(Span::styled(path, theme.heading))];
            for member in members(a) {
                lines.push(Line::from(Span::styled(
                    format!("    - {member}"),
                    theme.diff_missing,
                )));
            }
            for member in members(b) {
                lines.push(Line::from(Span::styled(
                    format!("    + {member}"),
                    theme.diff_only_a,
                )));
            }
            lines
        }
        (_, a, b) => vec![Line::from(vec![
            Span::styled(path, theme.heading),
            Span::raw(": "),
            Span::styled(compact(a), theme.diff_missing),
            Span::raw(" → "),
            Span::styled(compact(b), theme.diff_only_a),
        ])],
    }
}

fn members(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().map(compact).collect(),
        Value::Null => Vec::new(),
        other => vec![compact(other)],
    }
}

/// Formats a value on one line: strings without quotes, role references as `client » role`.
fn compact(value: &Value) -> String {
    match value {
        Value::Null => "(absent)".to_owned(),
        Value::String(text) => text.clone(),
        Value::Object(map) if map.contains_key("name") => {
            let name = map.get("name").and_then(Value::as_str).unwrap_or_default();
            match map.get("client").and_then(Value::as_str) {
                Some(client) => format!("{client} » {name}"),
                None => name.to_owned(),
            }
        }
        other => other.to_string(),
    }
}
