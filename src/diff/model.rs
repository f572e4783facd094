//! The result of a comparison: entries by natural key, field changes, counts per kind.
//!
//! These types carry no behaviour beyond small accessors, so the UI, the
//! report formats and the tests all read the same plain data.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::inventory::Kind;

/// Every kind in display order: the order of sections in reports and summaries.
pub const KINDS: [Kind; 11] = [
    Kind::RealmSettings,
    Kind::Clients,
    Kind::ProtocolMappers,
    Kind::ClientScopes,
    Kind::RealmRoles,
    Kind::ClientRoles,
    Kind::Composites,
    Kind::DefaultRoles,
    Kind::Groups,
    Kind::IdentityProviders,
    Kind::AuthFlows,
];

/// Comparison of one realm (side A) with another (side B).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Label of side A: the realm name (see [`super::compare()`]) unless set
    /// with [`Comparison::with_labels`].
    pub a: String,
    /// Label of side B.
    pub b: String,
    /// Every paired or unpaired object, `Same` ones included, sorted by kind then key.
    pub entries: Vec<Entry>,
    /// One summary per kind, in [`KINDS`] order.
    pub summary: Vec<KindSummary>,
}

impl Comparison {
    /// Replaces the side labels, for example with environment names.
    #[must_use]
    pub fn with_labels(mut self, a: impl Into<String>, b: impl Into<String>) -> Self {
        self.a = a.into();
        self.b = b.into();
        self
    }

    /// Iterates over the entries of one kind.
    pub fn entries_of(&self, kind: Kind) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |entry| entry.kind == kind)
    }

    /// Iterates over the entries that are not `Same`, expected ones included.
    pub fn differences(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|entry| entry.status != Status::Same)
    }

    /// Returns the summary of one kind.
    pub fn summary_of(&self, kind: Kind) -> Option<&KindSummary> {
        self.summary.iter().find(|summary| summary.kind == kind)
    }

    /// Reports whether any entry differs in a way the rules do not expect.
    pub fn has_unexpected_differences(&self) -> bool {
        self.differences().any(|entry| !entry.expected)
    }
}

/// One object, paired by natural key across the two sides or found on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub kind: Kind,
    /// Natural key on side A, or on side B for `OnlyInB`.
    pub key: Key,
    /// Natural key on side B when it differs from `key`: the two objects were
    /// paired because a substitution rule maps one key to the other.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_b: Option<Key>,
    pub status: Status,
    /// The object exists on side A (false only for `OnlyInB` and some `Unknown`).
    pub in_a: bool,
    /// The object exists on side B (false only for `OnlyInA` and some `Unknown`).
    pub in_b: bool,
    /// Shipped by Keycloak itself on either side, so the operator can hide it.
    pub builtin: bool,
    /// Every difference of this entry is covered by an ignore or substitution
    /// rule: the entry is hidden by default and counted as `hidden`.
    pub expected: bool,
    /// Field changes, sorted by path, and empty unless `status` is `Differs`.
    /// A `Differs` entry without changes is one paired through `key_b` alone.
    pub changes: Vec<Change>,
}

/// A natural key: the structured parts plus the text shown to the operator.
///
/// Parts per kind:
/// - realm settings and the default role: none
/// - client, client scope, realm role, identity provider, flow: its name or alias
/// - client role: `clientId` and name
/// - group: the names from the top-level group down
/// - protocol mapper: owner type (`client` or `client_scope`), owner name, own name
/// - identity-provider mapper: provider alias and own name
/// - composite: the key of its role.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Key {
    /// Structured key, one string per part listed above.
    pub parts: Vec<String>,
    /// Key as reports and rule patterns show it, such as `app » admin` or `/parent/child`.
    pub display: String,
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

/// Outcome of comparing one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Found on side A only.
    OnlyInA,
    /// Found on side B only.
    OnlyInB,
    /// Found on both sides with at least one changed field, or paired through `key_b`.
    Differs,
    /// Found on both sides, equal.
    Same,
    /// Found on one side only while that kind's list is incomplete on a side,
    /// so absence proves nothing.
    Unknown,
}

/// One changed field of a `Differs` entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub path: FieldPath,
    pub shape: ChangeShape,
    /// Value on side A, `null` when absent or empty, read as [`ChangeShape`] describes.
    pub a: Value,
    /// Value on side B, read the same way as `a`.
    pub b: Value,
    /// Covered by an ignore or substitution rule.
    pub expected: bool,
}

/// Meaning of `a` and `b` in a [`Change`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeShape {
    /// The two values.
    Value,
    /// A set-like list: `a` contains the members only in A, `b` those only in B.
    Set,
    /// A secret: `a` and `b` are `"set"` or `"not set"`, never the secret.
    Secret,
    /// An ordered list (a flow's steps): `a` and `b` contain the whole lists.
    Sequence,
}

/// Location of a field inside an object, such as `config."claim.name"`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath {
    pub segments: Vec<Segment>,
}

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// An object member, shown as `.name`.
    Field(String),
    /// A member of a list of objects matched by its `name` or `alias`, shown as `[name]`.
    Element(String),
}

impl FieldPath {
    /// Builds a path of object members.
    pub fn of_fields<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            segments: names
                .into_iter()
                .map(|name| Segment::Field(name.into()))
                .collect(),
        }
    }

    /// Returns this path extended by one segment.
    #[must_use]
    pub fn child(&self, segment: Segment) -> Self {
        let mut segments = self.segments.clone();
        segments.push(segment);
        Self { segments }
    }

    /// Returns the name of the last object member, if the path ends with one.
    pub fn last_field(&self) -> Option<&str> {
        match self.segments.last() {
            Some(Segment::Field(name)) => Some(name),
            _ => None,
        }
    }

    /// Formats the path without quotes, `.` between members: the form that
    /// ignore patterns may also be written in.
    pub fn plain(&self) -> String {
        let mut text = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Field(name) => {
                    if !text.is_empty() {
                        text.push('.');
                    }
                    text.push_str(name);
                }
                Segment::Element(name) => {
                    text.push('[');
                    text.push_str(name);
                    text.push(']');
                }
            }
        }
        text
    }
}

impl fmt::Display for FieldPath {
    /// Writes members separated by `.`, quoting a name that is not made of
    /// letters, digits, `_` and `-` (so `attributes."post.logout.redirect.uris"`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Field(name) => {
                    if index > 0 {
                        f.write_str(".")?;
                    }
                    write_name(f, name)?;
                }
                Segment::Element(name) => {
                    f.write_str("[")?;
                    write_name(f, name)?;
                    f.write_str("]")?;
                }
            }
        }
        Ok(())
    }
}

fn write_name(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if bare {
        f.write_str(name)
    } else {
        write!(f, "{name:?}")
    }
}

impl Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Counts of one kind's entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindSummary {
    pub kind: Kind,
    /// Entries only in A, not counting expected ones.
    pub only_in_a: usize,
    /// Entries only in B, not counting expected ones.
    pub only_in_b: usize,
    /// Entries on both sides that differ, not counting expected ones.
    pub differs: usize,
    /// Entries on one side while the kind is incomplete, not counting expected ones.
    pub unknown: usize,
    /// Entries equal on both sides.
    pub same: usize,
    /// Entries whose every difference is expected.
    pub hidden: usize,
    /// The kind's list could not be read completely on side A.
    pub incomplete_in_a: bool,
    /// The kind's list could not be read completely on side B.
    pub incomplete_in_b: bool,
}

impl KindSummary {
    /// Counts the entries that differ and are not expected.
    pub fn visible_differences(&self) -> usize {
        self.only_in_a + self.only_in_b + self.differs + self.unknown
    }
}

/// Returns the name of a kind as reports show it, such as `Client roles`.
pub fn kind_title(kind: Kind) -> &'static str {
    match kind {
        Kind::RealmSettings => "Realm settings",
        Kind::Clients => "Clients",
        Kind::ProtocolMappers => "Protocol mappers",
        Kind::ClientScopes => "Client scopes",
        Kind::RealmRoles => "Realm roles",
        Kind::ClientRoles => "Client roles",
        Kind::Composites => "Composite roles",
        Kind::DefaultRoles => "Default roles",
        Kind::Groups => "Groups",
        Kind::IdentityProviders => "Identity providers",
        Kind::AuthFlows => "Authentication flows",
    }
}

/// Returns the `snake_case` name of a kind, as in JSON and in rule files.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::RealmSettings => "realm_settings",
        Kind::Clients => "clients",
        Kind::ProtocolMappers => "protocol_mappers",
        Kind::ClientScopes => "client_scopes",
        Kind::RealmRoles => "realm_roles",
        Kind::ClientRoles => "client_roles",
        Kind::Composites => "composites",
        Kind::DefaultRoles => "default_roles",
        Kind::Groups => "groups",
        Kind::IdentityProviders => "identity_providers",
        Kind::AuthFlows => "auth_flows",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_path_quotes_dotted_names() {
        let path = FieldPath::of_fields(["attributes", "post.logout.redirect.uris"]);
        assert_eq!(
            path.to_string(),
            r#"attributes."post.logout.redirect.uris""#
        );
        assert_eq!(path.plain(), "attributes.post.logout.redirect.uris");
    }

    #[test]
    fn field_path_shows_elements() {
        let path = FieldPath::of_fields(["authorizationSettings", "policies"])
            .child(Segment::Element("admin role".into()))
            .child(Segment::Field("config".into()));
        assert_eq!(
            path.to_string(),
            r#"authorizationSettings.policies["admin role"].config"#
        );
    }

    #[test]
    fn kind_name_matches_serde() {
        for kind in KINDS {
            let json = serde_json::to_value(kind).expect("kind serializes");
            assert_eq!(json, Value::String(kind_name(kind).to_owned()));
        }
    }
}
