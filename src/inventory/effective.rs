//! A user's effective roles, computed from a realm inventory plus the user's direct role
//! mappings and group memberships, which inventories do not hold. Pure: the caller reads
//! the user from the server.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::{Inventory, RoleRef};

/// The origin of a grant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A direct role mapping of the user.
    Direct,
    /// The realm's default role, which Keycloak maps directly to each new user.
    DefaultRole,
    /// A role mapping of the group `mapped_by`, which the user gets through membership
    /// of `member_of` (the same group, or one of its subgroups).
    Group {
        mapped_by: Vec<String>,
        member_of: Vec<String>,
    },
}

/// One way a user gets a role: an origin, then the composite chain from the role mapped
/// there down to the effective role (a chain of one for the mapped role itself).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Grant {
    pub origin: Origin,
    pub chain: Vec<RoleRef>,
}

impl Grant {
    /// Formats the grant as one line, such as `group /ops → store-manager → viewer`.
    pub fn describe(&self) -> String {
        let origin = match &self.origin {
            Origin::Direct => "direct".to_owned(),
            Origin::DefaultRole => "default role".to_owned(),
            Origin::Group {
                mapped_by,
                member_of,
            } if mapped_by == member_of => format!("group {}", path_text(mapped_by)),
            Origin::Group {
                mapped_by,
                member_of,
            } => format!(
                "group {} (inherited by {})",
                path_text(mapped_by),
                path_text(member_of)
            ),
        };
        let chain: Vec<String> = self.chain.iter().map(ToString::to_string).collect();
        format!("{origin} → {}", chain.join(" → "))
    }
}

fn path_text(path: &[String]) -> String {
    super::Group {
        path: path.to_vec(),
        ..super::Group::default()
    }
    .display_path()
}

/// A role the user holds, with every origin that grants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveRole {
    pub role: RoleRef,
    /// One grant per origin, each with the shortest composite chain from that origin.
    pub grants: Vec<Grant>,
}

/// Computes the effective roles of a user with `direct` role mappings who is a member of the
/// groups with paths `groups`, sorted by role.
///
/// Members of a subgroup inherit the role mappings of its ancestors, as in Keycloak.
/// Composite cycles are followed once. Roles that the inventory does not contain still
/// appear, without members, because a direct mapping may name a role from a partial
/// inventory.
pub fn effective_roles(
    inventory: &Inventory,
    direct: &[RoleRef],
    groups: &[Vec<String>],
) -> Vec<EffectiveRole> {
    let mut found: BTreeMap<RoleRef, BTreeSet<Grant>> = BTreeMap::new();
    let default_name = inventory
        .default_role
        .as_ref()
        .and_then(|role| role.name.clone());
    for role in direct {
        let origin = if role.client.is_none() && default_name.as_deref() == Some(&role.name) {
            Origin::DefaultRole
        } else {
            Origin::Direct
        };
        expand(inventory, &origin, role, &mut found);
    }
    for member_of in groups {
        for depth in 1..=member_of.len() {
            let mapped_by = &member_of[..depth];
            let Some(group) = inventory.groups.iter().find(|g| g.path == mapped_by) else {
                continue;
            };
            let origin = Origin::Group {
                mapped_by: mapped_by.to_vec(),
                member_of: member_of.clone(),
            };
            let realm_roles = group.realm_roles.iter().map(RoleRef::realm);
            let client_roles = group.client_roles.iter().flat_map(|(client, names)| {
                names.iter().map(move |name| RoleRef::client(client, name))
            });
            for role in realm_roles.chain(client_roles) {
                expand(inventory, &origin, &role, &mut found);
            }
        }
    }
    found
        .into_iter()
        .map(|(role, grants)| EffectiveRole {
            role,
            grants: grants.into_iter().collect(),
        })
        .collect()
}

/// Walks the composites under `start` breadth first, recording for each role reached the
/// shortest chain from `start`, unless the same origin already reached it.
fn expand(
    inventory: &Inventory,
    origin: &Origin,
    start: &RoleRef,
    found: &mut BTreeMap<RoleRef, BTreeSet<Grant>>,
) {
    let mut seen: BTreeSet<RoleRef> = BTreeSet::new();
    let mut queue = VecDeque::from([vec![start.clone()]]);
    while let Some(chain) = queue.pop_front() {
        let Some(role) = chain.last().cloned() else {
            continue;
        };
        if !seen.insert(role.clone()) {
            continue;
        }
        let grants = found.entry(role.clone()).or_default();
        if grants.iter().any(|grant| &grant.origin == origin) {
            continue;
        }
        grants.insert(Grant {
            origin: origin.clone(),
            chain: chain.clone(),
        });
        for member in members(inventory, &role) {
            let mut next = chain.clone();
            next.push(member);
            queue.push_back(next);
        }
    }
}

/// Returns a role's direct composite members, the default role's included.
fn members(inventory: &Inventory, role: &RoleRef) -> Vec<RoleRef> {
    let default = inventory.default_role.as_ref();
    if role.client.is_none() && default.and_then(|d| d.name.as_deref()) == Some(&role.name) {
        return default.map(|d| d.members.clone()).unwrap_or_default();
    }
    inventory
        .role(role)
        .map(|found| found.composites.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::inventory::export::from_export;

    #[test]
    fn composite_cycle_expanded_once() {
        let export = json!({
            "realm": "r",
            "roles": {"realm": [
                {"name": "a", "composite": true, "composites": {"realm": ["b"]}},
                {"name": "b", "composite": true, "composites": {"realm": ["a"]}},
            ]},
        });
        let inventory = from_export(&export).expect("valid export");

        let roles = effective_roles(&inventory, &[RoleRef::realm("a")], &[]);

        assert_eq!(roles.len(), 2);
        assert_eq!(roles[1].role, RoleRef::realm("b"));
        assert_eq!(roles[1].grants.len(), 1);
        assert_eq!(roles[1].grants[0].describe(), "direct → a → b");
    }

    #[test]
    fn unknown_direct_role_still_listed() {
        let inventory = from_export(&json!({"realm": "r"})).expect("valid export");

        let roles = effective_roles(&inventory, &[RoleRef::realm("gone")], &[]);

        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0].grants[0].origin, Origin::Direct);
    }
}
