//! Reads ignore rules and substitutions from their TOML (or any serde) form.
//!
//! The parsing is strict where leniency would be dangerous: an ignore table
//! with a misspelt criterion or none at all would otherwise match everything,
//! and an empty substitution would match between every two characters.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{IgnoreRule, Substitution};
use crate::inventory::Kind;

/// The table form of an ignore rule, strict so that a misspelt criterion is
/// an error instead of a rule that matches everything.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IgnoreTable {
    kind: Option<Kind>,
    key: Option<String>,
    path: Option<String>,
}

impl<'de> Deserialize<'de> for IgnoreRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IgnoreVisitor)
    }
}

struct IgnoreVisitor;

impl<'de> Visitor<'de> for IgnoreVisitor {
    type Value = IgnoreRule;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a path pattern or a table with kind, key and/or path")
    }

    fn visit_str<E: de::Error>(self, path: &str) -> Result<IgnoreRule, E> {
        if path.is_empty() {
            return Err(E::custom("an ignore path pattern must not be empty"));
        }
        Ok(IgnoreRule {
            kind: None,
            key: None,
            path: Some(path.to_owned()),
        })
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<IgnoreRule, M::Error> {
        let table = IgnoreTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
        if table.kind.is_none() && table.key.is_none() && table.path.is_none() {
            return Err(de::Error::custom(
                "an ignore rule needs at least one of `kind`, `key` or `path`",
            ));
        }
        if [&table.key, &table.path]
            .iter()
            .any(|pattern| pattern.as_deref() == Some(""))
        {
            return Err(de::Error::custom("an ignore pattern must not be empty"));
        }
        Ok(IgnoreRule {
            kind: table.kind,
            key: table.key,
            path: table.path,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubstitutionTable {
    a: String,
    b: String,
}

impl<'de> Deserialize<'de> for Substitution {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let table = SubstitutionTable::deserialize(deserializer)?;
        if table.a.is_empty() {
            return Err(de::Error::custom(
                "a substitution's `a` must not be empty: it would match between every character",
            ));
        }
        Ok(Self {
            a: table.a,
            b: table.b,
        })
    }
}
