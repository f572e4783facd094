//! Copying roles with everything they need: composite members missing in the
//! target are created first, recursively, members before the roles that
//! contain them.
//!
//! Keycloak allows composite cycles (role a contains b and b contains a,
//! checked on 26.7.3), so a cycle is not an error. Every role is created bare
//! first and members are added afterwards, which works for cycles too. The
//! cycle is reported as a note so the operator is not surprised by it.

use std::collections::BTreeSet;

use super::Operation;
use super::state::{properties_of, sorted_refs, strip_masked};
use crate::inventory::{Inventory, Kind, Role, RoleRef};

/// Collects the roles a copy must create in the target, in dependency order.
pub struct RoleCopier<'a> {
    source: &'a Inventory,
    target: &'a Inventory,
    /// Clients the same plan creates, whose roles may therefore be created.
    new_clients: BTreeSet<String>,
    /// Roles on the current path of the depth-first walk, to detect cycles.
    visiting: Vec<RoleRef>,
    /// Roles already handled, created or found in the target.
    done: BTreeSet<RoleRef>,
    /// Roles to create (source names), each after all of its members.
    created: Vec<RoleRef>,
    pub notes: Vec<String>,
    pub blockers: Vec<String>,
}

impl<'a> RoleCopier<'a> {
    /// Starts a copy from `source` to `target`.
    pub fn new(source: &'a Inventory, target: &'a Inventory) -> Self {
        Self {
            source,
            target,
            new_clients: BTreeSet::new(),
            visiting: Vec::new(),
            done: BTreeSet::new(),
            created: Vec::new(),
            notes: Vec::new(),
            blockers: Vec::new(),
        }
    }

    /// Returns the source realm's inventory.
    pub fn source(&self) -> &'a Inventory {
        self.source
    }

    /// Returns the target realm's inventory.
    pub fn target(&self) -> &'a Inventory {
        self.target
    }

    /// Declares that the plan creates `client_id`, so its roles can be created too.
    pub fn add_new_client(&mut self, client_id: &str) {
        self.new_clients.insert(client_id.to_owned());
    }

    /// Maps a source role to the target's name for it.
    ///
    /// The source's default role (`default-roles-<realm>`) maps to the
    /// target's default role, never to a role of the source's name. `None`
    /// means the target has no default role to map to, and a note explains that.
    pub fn map(&mut self, role: &RoleRef) -> Option<RoleRef> {
        if !is_default_role(self.source, role) {
            return Some(role.clone());
        }
        match default_role_name(self.target) {
            Some(name) => Some(RoleRef::realm(name)),
            None => {
                self.note(format!(
                    "the source's default role \"{}\" is skipped: realm \"{}\" has no default \
                     role to map it to",
                    role.name, self.target.realm
                ));
                None
            }
        }
    }

    /// Makes sure `role` (named as in the source) exists in the target once
    /// the plan has run, and returns its target name.
    ///
    /// A role missing in the target is planned for creation after its own
    /// members; a role that exists is used as it is. Problems become blockers.
    pub fn ensure(&mut self, role: &RoleRef) -> Option<RoleRef> {
        let mapped = self.map(role)?;
        if exists_in(self.target, &mapped) || self.done.contains(role) {
            return Some(mapped);
        }
        if let Some(position) = self.visiting.iter().position(|entry| entry == role) {
            let mut cycle: Vec<String> = self.visiting[position..]
                .iter()
                .map(ToString::to_string)
                .collect();
            cycle.push(role.to_string());
            self.note(format!(
                "roles {} contain each other; each is created before members are added",
                cycle.join(" → ")
            ));
            return Some(mapped);
        }
        let Some(source_role) = self.source.role(role) else {
            self.block(format!(
                "role {role} is needed but missing in the source realm \"{}\" as well",
                self.source.realm
            ));
            return None;
        };
        if !self.can_create(role, source_role) {
            return None;
        }

        self.visiting.push(role.clone());
        for member in &source_role.composites {
            self.ensure(member);
        }
        self.visiting.pop();
        self.done.insert(role.clone());
        self.created.push(role.clone());
        Some(mapped)
    }

    /// Checks that the target can take a new role of this name.
    fn can_create(&mut self, role: &RoleRef, source_role: &Role) -> bool {
        if source_role.builtin {
            self.block(format!(
                "built-in role {role} is missing in \"{}\", which suggests another Keycloak \
                 version; kcdeck does not create built-in roles",
                self.target.realm
            ));
            return false;
        }
        let Some(client) = &role.client else {
            return true;
        };
        if self.target.client(client).is_some() || self.new_clients.contains(client) {
            return true;
        }
        self.block(format!(
            "client role {role} is needed, but client \"{client}\" is missing in \"{}\"; copy \
             the client first",
            self.target.realm
        ));
        false
    }

    /// Returns the target names of a source role's members, mapping the default role.
    pub fn mapped_members(&mut self, members: &[RoleRef]) -> Vec<RoleRef> {
        let mapped: Vec<RoleRef> = members
            .iter()
            .filter_map(|member| self.ensure(member))
            .collect();
        sorted_refs(&mapped)
    }

    /// Builds the operations: every role created bare, members first, then
    /// the members of each created composite added in the same order.
    pub fn operations(&mut self) -> Vec<Operation> {
        let created = self.created.clone();
        let mut creates = Vec::new();
        let mut composites = Vec::new();
        for role in &created {
            let Some(source_role) = self.source.role(role) else {
                continue;
            };
            let mut after = properties_of(source_role);
            let removed = strip_masked(&mut after);
            if !removed.is_empty() {
                self.note(format!(
                    "role {role}: masked values of {} are not copied",
                    removed.join(", ")
                ));
            }
            creates.push(Operation::CreateRole {
                role: role.clone(),
                after,
            });
            let members: Vec<RoleRef> = source_role
                .composites
                .iter()
                .filter_map(|member| self.map(member))
                .collect();
            if !members.is_empty() {
                composites.push(Operation::AddComposites {
                    role: role.clone(),
                    members: sorted_refs(&members),
                    before: Vec::new(),
                });
            }
        }
        creates.extend(composites);
        creates
    }

    fn note(&mut self, text: String) {
        if !self.notes.contains(&text) {
            self.notes.push(text);
        }
    }

    fn block(&mut self, text: String) {
        if !self.blockers.contains(&text) {
            self.blockers.push(text);
        }
    }
}

/// Returns the name of a realm's default role, when the inventory contains it.
pub fn default_role_name(inventory: &Inventory) -> Option<&str> {
    inventory
        .default_role
        .as_ref()
        .and_then(|role| role.name.as_deref())
}

/// Reports whether `role` is the realm's default role.
pub fn is_default_role(inventory: &Inventory, role: &RoleRef) -> bool {
    role.client.is_none() && default_role_name(inventory) == Some(role.name.as_str())
}

/// Reports whether a role exists, counting the default role, which the
/// inventory keeps apart from the other realm roles.
pub fn exists_in(inventory: &Inventory, role: &RoleRef) -> bool {
    inventory.role(role).is_some() || is_default_role(inventory, role)
}

/// Returns a role's direct members, the default role's included.
pub fn members_of(inventory: &Inventory, role: &RoleRef) -> Vec<RoleRef> {
    if is_default_role(inventory, role) {
        return inventory
            .default_role
            .as_ref()
            .map(|default| sorted_refs(&default.members))
            .unwrap_or_default();
    }
    inventory
        .role(role)
        .map(|found| sorted_refs(&found.composites))
        .unwrap_or_default()
}

/// Lists blockers for kinds an inventory could not read completely, because
/// a plan built on a partial list could create what already exists.
pub fn incomplete_blockers(side: &str, inventory: &Inventory, kinds: &[Kind]) -> Vec<String> {
    kinds
        .iter()
        .filter(|kind| inventory.incomplete.contains(kind))
        .map(|kind| {
            format!(
                "{side} realm \"{}\": {} could not be read completely; reload and plan again",
                inventory.realm,
                crate::diff::kind_title(*kind).to_lowercase()
            )
        })
        .collect()
}
