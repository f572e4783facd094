//! Field-by-field alignment of two objects for the UI's side-by-side detail pane.
//!
//! Unlike [`super::compare`], which lists only changes, alignment returns every
//! field of either side, equal ones included, and for a changed string the
//! span that differs so the view can highlight only that part.

use std::collections::BTreeSet;

use serde_json::Value;

use super::model::{FieldPath, Segment};
use super::value::equivalent;
use crate::inventory::Fields;

/// One field of the two aligned objects.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRow<'v> {
    pub path: FieldPath,
    /// Value on side A, `None` when absent.
    pub a: Option<&'v Value>,
    /// Value on side B, `None` when absent.
    pub b: Option<&'v Value>,
    /// Equal under the comparison's rules (sets, empty forms, masked secrets).
    pub same: bool,
    /// For two different strings, the part that differs.
    pub span: Option<ChangedSpan>,
}

/// The common prefix and suffix of two strings, in bytes, on char boundaries.
///
/// The changed part of a string `s` is `s[prefix..s.len() - suffix]`, and
/// the prefix and suffix never overlap in either string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangedSpan {
    /// Length of the common prefix, in bytes.
    pub prefix: usize,
    /// Length of the common suffix, in bytes.
    pub suffix: usize,
}

impl ChangedSpan {
    /// Splits `text`, one of the two compared strings, into its common prefix,
    /// changed middle and common suffix.
    pub fn split<'t>(&self, text: &'t str) -> (&'t str, &'t str, &'t str) {
        let end = text.len() - self.suffix;
        (&text[..self.prefix], &text[self.prefix..end], &text[end..])
    }
}

/// Finds the common prefix and suffix of two strings.
///
/// For `https://app.dev.example.com/x` and `https://app.example.com/x` the
/// changed parts are `dev.` and the empty string.
pub fn changed_span(a: &str, b: &str) -> ChangedSpan {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix: usize = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    ChangedSpan { prefix, suffix }
}

/// Aligns two field maps, such as two clients' `fields`.
pub fn align_fields<'v>(a: &'v Fields, b: &'v Fields) -> Vec<FieldRow<'v>> {
    let names: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut rows = Vec::new();
    let mut path = FieldPath::default();
    for name in names {
        path.segments.push(Segment::Field(name.clone()));
        align_into(&mut path, a.get(name), b.get(name), &mut rows);
        path.segments.pop();
    }
    rows
}

/// Aligns two JSON values: objects field by field, anything else as one row.
pub fn align_values<'v>(a: Option<&'v Value>, b: Option<&'v Value>) -> Vec<FieldRow<'v>> {
    let mut rows = Vec::new();
    align_into(&mut FieldPath::default(), a, b, &mut rows);
    rows
}

fn align_into<'v>(
    path: &mut FieldPath,
    a: Option<&'v Value>,
    b: Option<&'v Value>,
    rows: &mut Vec<FieldRow<'v>>,
) {
    let a_map = a.and_then(Value::as_object);
    let b_map = b.and_then(Value::as_object);
    let objects = (a_map.is_some() || a.is_none()) && (b_map.is_some() || b.is_none());
    if objects && (a_map.is_some() || b_map.is_some()) {
        let names: BTreeSet<&String> = a_map
            .into_iter()
            .flat_map(|map| map.keys())
            .chain(b_map.into_iter().flat_map(|map| map.keys()))
            .collect();
        for name in names {
            path.segments.push(Segment::Field(name.clone()));
            let a_inner = a_map.and_then(|map| map.get(name));
            let b_inner = b_map.and_then(|map| map.get(name));
            align_into(path, a_inner, b_inner, rows);
            path.segments.pop();
        }
        return;
    }

    let same = equivalent(path, a, b);
    let span = match (a, b) {
        (Some(Value::String(x)), Some(Value::String(y))) if !same => Some(changed_span(x, y)),
        _ => None,
    };
    rows.push(FieldRow {
        path: path.clone(),
        a,
        b,
        same,
        span,
    });
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn changed_span_in_url() {
        let a = "https://app.dev.example.com/x";
        let b = "https://app.example.com/x";
        let span = changed_span(a, b);
        assert_eq!(span.split(a), ("https://app.", "dev.", "example.com/x"));
        assert_eq!(span.split(b), ("https://app.", "", "example.com/x"));
    }

    #[test]
    fn changed_span_keeps_char_boundaries() {
        // "é" and "è" share their first UTF-8 byte, which the span must not split.
        let a = "caf\u{e9} noir";
        let b = "caf\u{e8} noir";
        let span = changed_span(a, b);
        assert_eq!(span.split(a), ("caf", "\u{e9}", " noir"));
        assert_eq!(span.split(b), ("caf", "\u{e8}", " noir"));
    }

    #[test]
    fn changed_span_never_overlaps() {
        let span = changed_span("aaa", "aa");
        assert_eq!(span.prefix + span.suffix, 2);
        assert_eq!(span.split("aaa").1, "a");
        assert_eq!(span.split("aa").1, "");
    }

    #[test]
    fn changed_span_of_equal_strings() {
        let span = changed_span("same", "same");
        assert_eq!(span.split("same"), ("same", "", ""));
    }

    #[test]
    fn align_lists_every_field() {
        let a: Fields = [
            ("enabled".to_owned(), json!(true)),
            ("rootUrl".to_owned(), json!("http://dev.example.com")),
            ("attributes".to_owned(), json!({"x": "1"})),
        ]
        .into();
        let b: Fields = [
            ("enabled".to_owned(), json!(true)),
            ("rootUrl".to_owned(), json!("http://example.com")),
            ("attributes".to_owned(), json!({"y": "2"})),
        ]
        .into();
        let rows = align_fields(&a, &b);
        let paths: Vec<String> = rows.iter().map(|row| row.path.to_string()).collect();
        assert_eq!(
            paths,
            ["attributes.x", "attributes.y", "enabled", "rootUrl"]
        );
        assert!(!rows[0].same);
        assert_eq!(rows[0].b, None);
        assert!(rows[2].same);
        assert_eq!(
            rows[3].span,
            Some(changed_span("http://dev.example.com", "http://example.com"))
        );
    }

    #[test]
    fn align_treats_reordered_list_as_same() {
        let a = json!({"redirectUris": ["x", "y"]});
        let b = json!({"redirectUris": ["y", "x"]});
        let rows = align_values(Some(&a), Some(&b));
        assert_eq!(rows.len(), 1);
        assert!(rows[0].same);
    }

    #[test]
    fn align_applies_keycloak_rules() {
        let a =
            json!({"attributes": {"post.logout.redirect.uris": "x##y"}, "secret": "**********"});
        let b = json!({"attributes": {"post.logout.redirect.uris": "y##x"}, "secret": "other"});
        let rows = align_values(Some(&a), Some(&b));
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|row| row.same), "{rows:?}");
        assert!(rows.iter().all(|row| row.span.is_none()));
    }
}
