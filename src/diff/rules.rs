//! Expected differences: ignore rules and value substitutions, read from TOML.
//!
//! A config file embeds them as a `[diff]` table, global or for one pair of
//! environments:
//!
//! ```toml
//! [diff]
//! ignore = [
//!   "attributes.frontendUrl",                  # a path, in every kind
//!   { kind = "clients", key = "test-*" },     # whole objects by key pattern
//!   { kind = "auth_flows" },                   # a whole kind
//!   { kind = "clients", path = "redirectUris" },
//! ]
//! [[diff.substitute]]
//! a = "app.dev.example.com"
//! b = "app.example.com"
//!
//! [diff.pair."dev:prod"]
//! substitute = [{ a = "-dev", b = "-prod" }]
//! ```
//!
//! Rules never remove anything from a comparison: a difference they cover
//! stays in the result, flagged `expected`, and is counted as hidden.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::{Change, ChangeShape, Entry, FieldPath, Status};
use super::value::{canonical_text, equivalent};
use crate::inventory::Kind;

mod deserialize;

/// The `[diff]` table: global rules plus rules per pair of environments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DiffConfig {
    /// Ignore rules for every pair.
    #[serde(default)]
    pub ignore: Vec<IgnoreRule>,
    /// Substitutions for every pair, with `a` on the side compared first.
    #[serde(default)]
    pub substitute: Vec<Substitution>,
    /// Rules for one pair, keyed `"<env A>:<env B>"`. They also apply when
    /// the pair is compared the other way round, with substitutions reversed.
    #[serde(default)]
    pub pair: BTreeMap<String, Rules>,
}

impl DiffConfig {
    /// Returns the global rules plus those of the pair `a:b` (or `b:a`, reversed).
    pub fn rules_for(&self, a: &str, b: &str) -> Rules {
        let mut rules = Rules {
            ignore: self.ignore.clone(),
            substitute: self.substitute.clone(),
        };
        if let Some(pair) = self.pair.get(&format!("{a}:{b}")) {
            rules.ignore.extend(pair.ignore.iter().cloned());
            rules.substitute.extend(pair.substitute.iter().cloned());
        }
        if a != b
            && let Some(pair) = self.pair.get(&format!("{b}:{a}"))
        {
            rules.ignore.extend(pair.ignore.iter().cloned());
            rules
                .substitute
                .extend(pair.substitute.iter().map(Substitution::reversed));
        }
        rules
    }
}

/// Rules for one comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Differences to treat as expected.
    #[serde(default)]
    pub ignore: Vec<IgnoreRule>,
    /// Replacements applied, in order, to side A's strings before comparing again.
    #[serde(default)]
    pub substitute: Vec<Substitution>,
}

/// Hides differences by kind, by key pattern, by field path pattern, or by a mix.
///
/// Every given criterion must match. Without `path` the rule covers whole
/// entries, one-sided ones included. With `path` it covers only the changes
/// at that path or below it. Patterns use `*` for any run of characters and
/// match the key as reports show it (`clientId`, `clientId » role`,
/// `/parent/child`) and the path either as shown (`config."claim.name"`) or
/// unquoted (`config.claim.name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoreRule {
    /// Kind the rule applies to, every kind when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Pattern for the entry's key, or for its `key_b`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Pattern for a change's path or one of its ancestors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A string on side A that corresponds to another on side B, such as a host name.
///
/// Every occurrence of `a` inside a string value of side A, URLs included,
/// is replaced by `b` before the two sides are compared again. The same
/// applies to natural keys, so a client whose `clientId` contains the host
/// pairs with its counterpart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Substitution {
    /// Text as it appears on side A, never empty.
    pub a: String,
    /// Text that replaces it before comparing with side B.
    pub b: String,
}

impl Substitution {
    /// Returns the substitution for the comparison in the other direction.
    #[must_use]
    pub fn reversed(&self) -> Self {
        Self {
            a: self.b.clone(),
            b: self.a.clone(),
        }
    }
}

/// Differences that exist between servers by nature and are always expected.
/// The secret's creation time is set whenever a server generates the secret.
const NATURAL: &[(Kind, &str)] = &[(Kind::Clients, "attributes.client.secret.creation.time")];

impl Rules {
    /// Reports whether the rules hold no substitution.
    pub fn substitutes_nothing(&self) -> bool {
        self.substitute.is_empty()
    }

    /// Applies every substitution to one string of side A.
    pub fn substitute_str<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut result = Cow::Borrowed(text);
        for substitution in &self.substitute {
            if result.contains(substitution.a.as_str()) {
                result = Cow::Owned(result.replace(&substitution.a, &substitution.b));
            }
        }
        result
    }

    /// Applies every substitution to each string inside a value of side A.
    pub fn substitute_value(&self, value: &Value) -> Value {
        match value {
            Value::String(text) => Value::String(self.substitute_str(text).into_owned()),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.substitute_value(item))
                    .collect(),
            ),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(key, inner)| (key.clone(), self.substitute_value(inner)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// Flags what the rules expect in `entry`: the whole entry, or its changes
    /// one by one, splitting a set change whose members are only partly
    /// explained by substitutions.
    pub fn mark_expected(&self, entry: &mut Entry) {
        if entry.status == Status::Same {
            return;
        }
        let covered = self
            .ignore
            .iter()
            .any(|rule| rule.path.is_none() && rule.matches_entry(entry));
        if covered {
            entry.expected = true;
            for change in &mut entry.changes {
                change.expected = true;
            }
            return;
        }
        if entry.status != Status::Differs {
            return;
        }

        let changes = std::mem::take(&mut entry.changes);
        for change in changes {
            if self.ignores_change(entry, &change) {
                entry.changes.push(Change {
                    expected: true,
                    ..change
                });
            } else {
                entry.changes.extend(self.substitute_change(change));
            }
        }
        // An entry paired through a substitution alone (`key_b`, no changes)
        // is explained by that substitution.
        entry.expected = entry.changes.iter().all(|change| change.expected);
    }

    fn ignores_change(&self, entry: &Entry, change: &Change) -> bool {
        let natural = NATURAL
            .iter()
            .any(|(kind, path)| *kind == entry.kind && path_matches(path, &change.path));
        natural
            || self.ignore.iter().any(|rule| {
                rule.path
                    .as_deref()
                    .is_some_and(|pattern| path_matches(pattern, &change.path))
                    && rule.matches_entry(entry)
            })
    }

    /// Returns the change flagged expected when substitution explains it, or
    /// split into an explained and an unexplained part for a set.
    fn substitute_change(&self, change: Change) -> Vec<Change> {
        if self.substitute.is_empty() {
            return vec![change];
        }
        match change.shape {
            ChangeShape::Value => {
                let substituted = self.substitute_value(&change.a);
                let explained = equivalent(&change.path, Some(&substituted), Some(&change.b));
                vec![Change {
                    expected: explained,
                    ..change
                }]
            }
            ChangeShape::Sequence => {
                let explained = self.substitute_value(&change.a) == change.b;
                vec![Change {
                    expected: explained,
                    ..change
                }]
            }
            ChangeShape::Set => self.split_set(change),
            ChangeShape::Secret => vec![change],
        }
    }

    fn split_set(&self, change: Change) -> Vec<Change> {
        let a_members = change.a.as_array().map_or(&[][..], Vec::as_slice);
        let b_members = change.b.as_array().map_or(&[][..], Vec::as_slice);
        let mut b_left: Vec<(String, &Value)> = b_members
            .iter()
            .map(|member| (canonical_text(member), member))
            .collect();
        let (mut explained_a, mut explained_b, mut rest_a) = (Vec::new(), Vec::new(), Vec::new());
        for member in a_members {
            let text = canonical_text(&self.substitute_value(member));
            match b_left.iter().position(|(candidate, _)| *candidate == text) {
                Some(index) => {
                    explained_a.push(member.clone());
                    explained_b.push(b_left.remove(index).1.clone());
                }
                None => rest_a.push(member.clone()),
            }
        }
        if explained_a.is_empty() {
            return vec![change];
        }
        let rest_b: Vec<Value> = b_left
            .into_iter()
            .map(|(_, member)| member.clone())
            .collect();
        let mut parts = Vec::new();
        if !rest_a.is_empty() || !rest_b.is_empty() {
            parts.push(Change {
                a: Value::Array(rest_a),
                b: Value::Array(rest_b),
                ..change.clone()
            });
        }
        parts.push(Change {
            a: Value::Array(explained_a),
            b: Value::Array(explained_b),
            expected: true,
            ..change
        });
        parts
    }
}

impl IgnoreRule {
    fn matches_entry(&self, entry: &Entry) -> bool {
        let kind_matches = self.kind.is_none_or(|kind| kind == entry.kind);
        let key_matches = self.key.as_deref().is_none_or(|pattern| {
            glob_match(pattern, &entry.key.display)
                || entry
                    .key_b
                    .as_ref()
                    .is_some_and(|key| glob_match(pattern, &key.display))
        });
        kind_matches && key_matches
    }
}

/// Reports whether `pattern` matches `path` or one of its ancestors, shown
/// quoted or plain.
fn path_matches(pattern: &str, path: &FieldPath) -> bool {
    (1..=path.segments.len()).any(|length| {
        let prefix = FieldPath {
            segments: path.segments[..length].to_vec(),
        };
        glob_match(pattern, &prefix.to_string()) || glob_match(pattern, &prefix.plain())
    })
}

/// Matches `text` against a pattern where `*` matches any run of characters.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((star_p, star_t)) = star {
            // Let the last `*` absorb one more character and retry from there.
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::diff::model::{Key, Segment};

    fn rules(text: &str) -> Rules {
        toml::from_str(text).expect("rules parse")
    }

    fn entry(kind: Kind, key: &str, status: Status, changes: Vec<Change>) -> Entry {
        Entry {
            kind,
            key: Key {
                parts: vec![key.to_owned()],
                display: key.to_owned(),
            },
            key_b: None,
            status,
            in_a: status != Status::OnlyInB,
            in_b: status != Status::OnlyInA,
            builtin: false,
            expected: false,
            changes,
        }
    }

    fn change(path: &[&str], shape: ChangeShape, a: Value, b: Value) -> Change {
        Change {
            path: FieldPath::of_fields(path.iter().copied()),
            shape,
            a,
            b,
            expected: false,
        }
    }

    #[test]
    fn toml_accepts_strings_and_tables() {
        let parsed = rules(
            r#"
            ignore = ["attributes.frontendUrl", { kind = "clients", key = "test-*" }]
            substitute = [{ a = "dev.example.com", b = "example.com" }]
            "#,
        );
        assert_eq!(parsed.ignore.len(), 2);
        assert_eq!(
            parsed.ignore[0].path.as_deref(),
            Some("attributes.frontendUrl")
        );
        assert_eq!(parsed.ignore[1].kind, Some(Kind::Clients));
        assert_eq!(parsed.ignore[1].key.as_deref(), Some("test-*"));
        assert_eq!(parsed.substitute[0].b, "example.com");
    }

    #[test]
    fn toml_config_with_pairs() {
        let config: DiffConfig = toml::from_str(
            r#"
            ignore = [{ kind = "auth_flows" }]
            [[substitute]]
            a = "-dev"
            b = "-stage"
            [pair."dev:prod"]
            substitute = [{ a = "dev.example.com", b = "example.com" }]
            "#,
        )
        .expect("config parses");
        let forward = config.rules_for("dev", "prod");
        assert_eq!(forward.ignore.len(), 1);
        assert_eq!(forward.substitute.len(), 2);
        assert_eq!(forward.substitute[1].a, "dev.example.com");

        let backward = config.rules_for("prod", "dev");
        assert_eq!(backward.substitute[1].a, "example.com");
        assert_eq!(backward.substitute[1].b, "dev.example.com");

        let other = config.rules_for("dev", "stage");
        assert_eq!(other.substitute.len(), 1);
    }

    #[test]
    fn toml_rejects_misspelt_criterion() {
        let error = toml::from_str::<Rules>(r#"ignore = [{ pth = "x" }]"#)
            .expect_err("unknown field is an error");
        assert!(error.to_string().contains("unknown field `pth`"), "{error}");
    }

    #[test]
    fn toml_rejects_empty_rule() {
        let error = toml::from_str::<Rules>("ignore = [{}]").expect_err("empty rule is an error");
        assert!(error.to_string().contains("at least one of"), "{error}");
    }

    #[test]
    fn toml_rejects_unknown_kind() {
        let error = toml::from_str::<Rules>(r#"ignore = [{ kind = "client" }]"#)
            .expect_err("unknown kind is an error");
        assert!(
            error.to_string().contains("unknown variant `client`"),
            "{error}"
        );
    }

    #[test]
    fn toml_rejects_empty_substitution() {
        let error = toml::from_str::<Rules>(r#"substitute = [{ a = "", b = "x" }]"#)
            .expect_err("empty substitution is an error");
        assert!(error.to_string().contains("must not be empty"), "{error}");
    }

    #[test]
    fn glob_matches_stars() {
        assert!(glob_match("test-*", "test-app"));
        assert!(glob_match("*", ""));
        assert!(glob_match("a*b*c", "axxbyyc"));
        assert!(glob_match("*.uris", "post.logout.redirect.uris"));
        assert!(!glob_match("test-*", "prod-test-app"));
        assert!(!glob_match("a*b", "a-b-c"));
        assert!(glob_match("caf\u{e9}*", "caf\u{e9} noir"));
    }

    #[test]
    fn path_pattern_forms() {
        let path = FieldPath::of_fields(["config", "claim.name"]);
        assert!(path_matches(r#"config."claim.name""#, &path));
        assert!(path_matches("config.claim.name", &path));
        assert!(path_matches("config", &path));
        assert!(path_matches("config.*", &path));
        assert!(!path_matches("claim.name", &path));

        let element = FieldPath::of_fields(["policies"])
            .child(Segment::Element("admin".into()))
            .child(Segment::Field("config".into()));
        assert!(path_matches("policies[admin].config", &element));
        assert!(path_matches("policies[*]", &element));
    }

    #[test]
    fn entry_rule_hides_one_sided_entry() {
        let rules = rules(r#"ignore = [{ kind = "clients", key = "test-*" }]"#);
        let mut hidden = entry(Kind::Clients, "test-app", Status::OnlyInA, Vec::new());
        rules.mark_expected(&mut hidden);
        assert!(hidden.expected);

        let mut shown = entry(Kind::ClientScopes, "test-app", Status::OnlyInA, Vec::new());
        rules.mark_expected(&mut shown);
        assert!(!shown.expected);
    }

    #[test]
    fn path_rule_hides_only_its_changes() {
        let rules = rules(r#"ignore = ["attributes.*"]"#);
        let mut differs = entry(
            Kind::Clients,
            "app",
            Status::Differs,
            vec![
                change(
                    &["attributes", "x"],
                    ChangeShape::Value,
                    json!("1"),
                    json!("2"),
                ),
                change(&["rootUrl"], ChangeShape::Value, json!("a"), json!("b")),
            ],
        );
        rules.mark_expected(&mut differs);
        assert!(differs.changes[0].expected);
        assert!(!differs.changes[1].expected);
        assert!(!differs.expected);

        let mut one_sided = entry(Kind::Clients, "app", Status::OnlyInB, Vec::new());
        rules.mark_expected(&mut one_sided);
        assert!(!one_sided.expected);
    }

    #[test]
    fn natural_difference_is_expected() {
        let mut differs = entry(
            Kind::Clients,
            "app",
            Status::Differs,
            vec![change(
                &["attributes", "client.secret.creation.time"],
                ChangeShape::Value,
                json!("1684931276"),
                json!("1684800260"),
            )],
        );
        Rules::default().mark_expected(&mut differs);
        assert!(differs.expected);
    }

    #[test]
    fn substitution_explains_url() {
        let rules = rules(r#"substitute = [{ a = "app.dev.example.com", b = "app.example.com" }]"#);
        let mut differs = entry(
            Kind::Clients,
            "app",
            Status::Differs,
            vec![
                change(
                    &["rootUrl"],
                    ChangeShape::Value,
                    json!("https://app.dev.example.com/home"),
                    json!("https://app.example.com/home"),
                ),
                change(
                    &["adminUrl"],
                    ChangeShape::Value,
                    json!("https://app.dev.example.com"),
                    json!("https://admin.example.com"),
                ),
            ],
        );
        rules.mark_expected(&mut differs);
        assert!(differs.changes[0].expected);
        assert!(!differs.changes[1].expected);
        assert!(!differs.expected);
    }

    #[test]
    fn substitution_splits_set_change() {
        let rules = rules(r#"substitute = [{ a = ".dev.", b = "." }]"#);
        let mut differs = entry(
            Kind::Clients,
            "app",
            Status::Differs,
            vec![change(
                &["redirectUris"],
                ChangeShape::Set,
                json!(["https://a.dev.example.com/*", "http://localhost/*"]),
                json!(["https://a.example.com/*", "https://b.example.com/*"]),
            )],
        );
        rules.mark_expected(&mut differs);
        assert_eq!(differs.changes.len(), 2);
        let rest = &differs.changes[0];
        assert!(!rest.expected);
        assert_eq!(rest.a, json!(["http://localhost/*"]));
        assert_eq!(rest.b, json!(["https://b.example.com/*"]));
        let explained = &differs.changes[1];
        assert!(explained.expected);
        assert_eq!(explained.a, json!(["https://a.dev.example.com/*"]));
        assert_eq!(explained.b, json!(["https://a.example.com/*"]));
    }

    #[test]
    fn substitution_never_explains_secret() {
        let rules = rules(r#"substitute = [{ a = "not set", b = "set" }]"#);
        let mut differs = entry(
            Kind::Clients,
            "app",
            Status::Differs,
            vec![change(
                &["secret"],
                ChangeShape::Secret,
                json!("not set"),
                json!("set"),
            )],
        );
        rules.mark_expected(&mut differs);
        assert!(!differs.changes[0].expected);
    }

    #[test]
    fn substitute_str_applies_in_order() {
        let rules = rules(
            r#"substitute = [{ a = "dev", b = "stage" }, { a = "stage.example", b = "example" }]"#,
        );
        assert_eq!(
            rules.substitute_str("https://dev.example.com"),
            "https://example.com"
        );
        assert!(matches!(
            rules.substitute_str("unchanged"),
            Cow::Borrowed(_)
        ));
    }
}
