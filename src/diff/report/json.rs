//! The JSON report: a stable document for scripts and CI, described in
//! `docs/diff-json.md`.

use serde_json::{Map, Value, json};

use crate::diff::model::{Comparison, Entry, Status, kind_name};

/// Version of the JSON report format, raised when a field changes meaning or goes away.
pub const JSON_FORMAT: u32 = 1;

/// Builds the JSON report: labels, counts per kind, and one object per entry
/// that is not `Same`, expected ones included and flagged.
pub fn json(comparison: &Comparison) -> Value {
    let summary: Map<String, Value> = comparison
        .summary
        .iter()
        .map(|summary| {
            let counts = json!({
                "only_in_a": summary.only_in_a,
                "only_in_b": summary.only_in_b,
                "differs": summary.differs,
                "unknown": summary.unknown,
                "hidden": summary.hidden,
                "same": summary.same,
                "incomplete_in_a": summary.incomplete_in_a,
                "incomplete_in_b": summary.incomplete_in_b,
            });
            (kind_name(summary.kind).to_owned(), counts)
        })
        .collect();
    let entries: Vec<Value> = comparison.differences().map(entry_json).collect();
    json!({
        "format": JSON_FORMAT,
        "a": comparison.a,
        "b": comparison.b,
        "summary": summary,
        "entries": entries,
    })
}

/// Renders [`json()`] as pretty-printed text ending with a newline.
pub fn json_string(comparison: &Comparison) -> String {
    // A tree of plain JSON values always serializes.
    let mut text = serde_json::to_string_pretty(&json(comparison)).unwrap_or_default();
    text.push('\n');
    text
}

fn entry_json(entry: &Entry) -> Value {
    let mut object = Map::new();
    object.insert("kind".into(), json!(kind_name(entry.kind)));
    object.insert("key".into(), json!(entry.key.display));
    object.insert("key_parts".into(), json!(entry.key.parts));
    if let Some(key_b) = &entry.key_b {
        object.insert("key_b".into(), json!(key_b.display));
        object.insert("key_b_parts".into(), json!(key_b.parts));
    }
    object.insert("status".into(), json!(entry.status));
    if entry.status == Status::Unknown {
        let found = if entry.in_a { "a" } else { "b" };
        object.insert("found_in".into(), json!(found));
    }
    object.insert("builtin".into(), json!(entry.builtin));
    object.insert("expected".into(), json!(entry.expected));
    if entry.status == Status::Differs {
        let changes: Vec<Value> = entry
            .changes
            .iter()
            .map(|change| {
                json!({
                    "path": change.path.to_string(),
                    "shape": change.shape,
                    "a": change.a,
                    "b": change.b,
                    "expected": change.expected,
                })
            })
            .collect();
        object.insert("changes".into(), Value::Array(changes));
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::report::sample_comparison;

    #[test]
    fn json_report_top_level() {
        let report = json(&sample_comparison());
        let keys: Vec<&String> = report.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["format", "a", "b", "summary", "entries"]);
        assert_eq!(report["a"], "dev");
        assert_eq!(report["b"], "prod");
        assert_eq!(report["summary"]["clients"]["only_in_a"], 1);
        assert_eq!(report["summary"]["clients"]["hidden"], 1);
        assert_eq!(
            report["summary"]["identity_providers"]["incomplete_in_b"],
            true
        );
        let kinds: Vec<&String> = report["summary"]
            .as_object()
            .expect("summary object")
            .keys()
            .collect();
        assert_eq!(kinds.len(), 11);
    }

    #[test]
    fn json_report_entries() {
        let report = json(&sample_comparison());
        let entries = report["entries"].as_array().expect("entries");
        let summary: Vec<(String, String, String, bool)> = entries
            .iter()
            .map(|entry| {
                (
                    entry["kind"].as_str().unwrap_or("").to_owned(),
                    entry["key"].as_str().unwrap_or("").to_owned(),
                    entry["status"].as_str().unwrap_or("").to_owned(),
                    entry["expected"].as_bool().unwrap_or(false),
                )
            })
            .collect();
        let expected = [
            ("realm_settings", "realm", "differs", true),
            ("clients", "app", "differs", false),
            ("clients", "legacy", "only_in_a", false),
            ("clients", "test-probe", "only_in_a", true),
            ("realm_roles", "auditor", "only_in_b", false),
            ("identity_providers", "google", "unknown", false),
            ("auth_flows", "browser", "differs", false),
        ]
        .map(|(kind, key, status, expected)| (kind.into(), key.into(), status.into(), expected));
        assert_eq!(summary, expected);

        let app = &entries[1];
        assert_eq!(app["builtin"], false);
        assert_eq!(app["key_parts"], serde_json::json!(["app"]));
        let changes = app["changes"].as_array().expect("changes");
        assert_eq!(changes[0]["path"], "redirectUris");
        assert_eq!(changes[0]["shape"], "set");
        assert_eq!(changes[0]["b"], serde_json::json!(["https://shop.test/*"]));
        assert_eq!(changes[2]["shape"], "secret");
        assert_eq!(changes[2]["a"], "set");
        assert!(entries[2].get("changes").is_none());
        assert_eq!(entries[5]["found_in"], "a");
    }

    #[test]
    fn json_string_is_stable() {
        let first = json_string(&sample_comparison());
        let second = json_string(&sample_comparison());
        assert_eq!(first, second);
        assert!(first.ends_with("}\n"));
    }
}
