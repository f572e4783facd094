//! Properties of the comparison over generated inventories.
//!
//! Names come from a tiny alphabet so that two generated realms share most
//! keys and the pairing, not only the one-sided path, is exercised.

use std::collections::BTreeMap;

use kcdeck::diff::{Comparison, Entry, Rules, Status, compare};
use kcdeck::inventory::normalize::SECRET_MASK;
use kcdeck::inventory::{
    AuthFlow, Client, ClientScope, DefaultRole, Fields, FlowStep, Group, IdentityProvider,
    Inventory, Kind, ProtocolMapper, Role, RoleRef, SecretState,
};
use proptest::collection::{btree_map, btree_set, vec};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn name() -> impl Strategy<Value = String> {
    "[ab/]{1,2}"
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::String(String::new())),
        Just(Value::String(SECRET_MASK.to_owned())),
        "[xy#]{1,3}".prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        (0i64..3).prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(2, 16, 4, |inner| {
        let key = prop::sample::select(vec!["x", "y", "name", "alias"]).prop_map(String::from);
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(key, inner, 0..3).prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn fields() -> impl Strategy<Value = Fields> {
    let key = prop::sample::select(vec![
        "rootUrl",
        "enabled",
        "redirectUris",
        "attributes",
        "config",
        "post.logout.redirect.uris",
    ])
    .prop_map(String::from);
    btree_map(key, value(), 0..4)
}

fn role_ref() -> impl Strategy<Value = RoleRef> {
    (proptest::option::of(name()), name()).prop_map(|(client, name)| RoleRef { client, name })
}

fn multi_valued() -> impl Strategy<Value = BTreeMap<String, Vec<String>>> {
    btree_map(name(), vec("[xy]{1,2}", 0..3), 0..3)
}

fn role() -> impl Strategy<Value = Role> {
    (
        name(),
        any::<bool>(),
        proptest::option::of("[xy]{0,2}"),
        multi_valued(),
        vec(role_ref(), 0..3),
    )
        .prop_map(
            |(name, builtin, description, attributes, composites)| Role {
                name,
                builtin,
                description,
                attributes,
                composites,
            },
        )
}

fn roles() -> impl Strategy<Value = Vec<Role>> {
    btree_map(name(), role(), 0..3).prop_map(|roles| {
        roles
            .into_iter()
            .map(|(name, role)| Role { name, ..role })
            .collect()
    })
}

fn mappers() -> impl Strategy<Value = Vec<ProtocolMapper>> {
    btree_map(name(), fields(), 0..3).prop_map(|mappers| {
        mappers
            .into_iter()
            .map(|(name, fields)| ProtocolMapper { name, fields })
            .collect()
    })
}

fn secret() -> impl Strategy<Value = SecretState> {
    prop::sample::select(vec![
        SecretState::Set,
        SecretState::NotSet,
        SecretState::Unknown,
    ])
}

fn clients() -> impl Strategy<Value = Vec<Client>> {
    let client = (any::<bool>(), secret(), fields(), roles(), mappers());
    btree_map(name(), client, 0..3).prop_map(|clients| {
        clients
            .into_iter()
            .map(
                |(client_id, (builtin, secret, fields, roles, mappers))| Client {
                    client_id,
                    builtin,
                    secret,
                    fields,
                    roles,
                    mappers,
                },
            )
            .collect()
    })
}

fn groups() -> impl Strategy<Value = Vec<Group>> {
    let group = (
        multi_valued(),
        vec(name(), 0..3),
        btree_map(name(), vec(name(), 0..2), 0..2),
    );
    btree_map(vec(name(), 1..3), group, 0..3).prop_map(|groups| {
        groups
            .into_iter()
            .map(|(path, (attributes, realm_roles, client_roles))| Group {
                path,
                attributes,
                realm_roles,
                client_roles,
            })
            .collect()
    })
}

fn scopes() -> impl Strategy<Value = Vec<ClientScope>> {
    btree_map(name(), (any::<bool>(), fields(), mappers()), 0..3).prop_map(|scopes| {
        scopes
            .into_iter()
            .map(|(name, (builtin, fields, mappers))| ClientScope {
                name,
                builtin,
                fields,
                mappers,
            })
            .collect()
    })
}

fn providers() -> impl Strategy<Value = Vec<IdentityProvider>> {
    btree_map(name(), (secret(), fields(), mappers()), 0..3).prop_map(|providers| {
        providers
            .into_iter()
            .map(|(alias, (secret, fields, mappers))| IdentityProvider {
                alias,
                secret,
                fields,
                mappers,
            })
            .collect()
    })
}

fn flows() -> impl Strategy<Value = Vec<AuthFlow>> {
    let step = (0u32..2, name(), any::<bool>(), "[RA]").prop_map(
        |(level, provider, sub_flow, requirement)| FlowStep {
            level,
            provider,
            sub_flow,
            requirement,
        },
    );
    btree_map(name(), (fields(), vec(step, 0..3)), 0..3).prop_map(|flows| {
        flows
            .into_iter()
            .map(|(alias, (fields, steps))| AuthFlow {
                alias,
                builtin: false,
                fields,
                steps,
            })
            .collect()
    })
}

fn inventory() -> impl Strategy<Value = Inventory> {
    let default_role = proptest::option::of(
        (proptest::option::of(name()), vec(role_ref(), 0..3))
            .prop_map(|(name, members)| DefaultRole { name, members }),
    );
    let kinds = prop::sample::select(vec![
        Kind::Clients,
        Kind::ClientRoles,
        Kind::Groups,
        Kind::IdentityProviders,
        Kind::AuthFlows,
    ]);
    (
        (name(), fields(), clients(), roles(), default_role),
        (groups(), scopes(), providers(), flows()),
        btree_set(kinds, 0..2),
    )
        .prop_map(
            |(
                (realm, settings, clients, realm_roles, default_role),
                (groups, client_scopes, identity_providers, auth_flows),
                incomplete,
            )| Inventory {
                realm,
                settings,
                clients,
                realm_roles,
                default_role,
                groups,
                client_scopes,
                identity_providers,
                auth_flows,
                incomplete,
                ids: Default::default(),
            },
        )
}

/// A small deterministic generator, so a perturbation is reproducible from its seed.
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        // xorshift64: enough to permute small lists.
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for index in (1..items.len()).rev() {
            let other = usize::try_from(self.next() % (index as u64 + 1)).unwrap_or(0);
            items.swap(index, other);
        }
    }

    fn value(&mut self, value: &mut Value) {
        match value {
            Value::Array(items) => {
                self.shuffle(items);
                items.iter_mut().for_each(|item| self.value(item));
            }
            Value::Object(map) => {
                let mut members: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
                self.shuffle(&mut members);
                for (_, inner) in &mut members {
                    self.value(inner);
                }
                *map = members.into_iter().collect::<Map<String, Value>>();
            }
            _ => {}
        }
    }

    fn fields(&mut self, fields: &mut Fields) {
        fields.values_mut().for_each(|value| self.value(value));
    }

    fn role(&mut self, role: &mut Role) {
        self.shuffle(&mut role.composites);
        role.attributes
            .values_mut()
            .for_each(|values| self.shuffle(values));
    }

    fn mappers(&mut self, mappers: &mut [ProtocolMapper]) {
        self.shuffle(mappers);
        mappers
            .iter_mut()
            .for_each(|mapper| self.fields(&mut mapper.fields));
    }

    /// Reorders every list and object except a flow's steps, and replaces every id.
    fn inventory(&mut self, inventory: &Inventory) -> Inventory {
        let mut copy = inventory.clone();
        self.fields(&mut copy.settings);
        copy.ids.realm = Some(format!("realm-{}", self.next()));

        self.shuffle(&mut copy.clients);
        for client in &mut copy.clients {
            self.fields(&mut client.fields);
            self.shuffle(&mut client.roles);
            client.roles.iter_mut().for_each(|role| self.role(role));
            self.mappers(&mut client.mappers);
            let id = format!("id-{}", self.next());
            copy.ids.clients.insert(client.client_id.clone(), id);
        }

        self.shuffle(&mut copy.realm_roles);
        copy.realm_roles.iter_mut().for_each(|role| self.role(role));
        if let Some(default_role) = &mut copy.default_role {
            self.shuffle(&mut default_role.members);
        }

        self.shuffle(&mut copy.groups);
        for group in &mut copy.groups {
            self.shuffle(&mut group.realm_roles);
            group
                .attributes
                .values_mut()
                .for_each(|values| self.shuffle(values));
            group
                .client_roles
                .values_mut()
                .for_each(|names| self.shuffle(names));
        }

        self.shuffle(&mut copy.client_scopes);
        for scope in &mut copy.client_scopes {
            self.fields(&mut scope.fields);
            self.mappers(&mut scope.mappers);
        }
        self.shuffle(&mut copy.identity_providers);
        for provider in &mut copy.identity_providers {
            self.fields(&mut provider.fields);
            self.mappers(&mut provider.mappers);
        }
        self.shuffle(&mut copy.auth_flows);
        copy.auth_flows
            .iter_mut()
            .for_each(|flow| self.fields(&mut flow.fields));
        copy
    }
}

fn swapped(status: Status) -> Status {
    match status {
        Status::OnlyInA => Status::OnlyInB,
        Status::OnlyInB => Status::OnlyInA,
        other => other,
    }
}

fn by_key(comparison: &Comparison) -> BTreeMap<(Kind, Vec<String>), &Entry> {
    comparison
        .entries
        .iter()
        .map(|entry| ((entry.kind, entry.key.parts.clone()), entry))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn self_comparison_is_empty(inventory in inventory()) {
        let comparison = compare(&inventory, &inventory, &Rules::default());
        let differences: Vec<&Entry> = comparison.differences().collect();
        prop_assert!(differences.is_empty(), "{differences:#?}");
    }

    #[test]
    fn swapping_sides_mirrors_result(a in inventory(), b in inventory()) {
        let forward = compare(&a, &b, &Rules::default());
        let backward = compare(&b, &a, &Rules::default());
        if a.realm != b.realm {
            prop_assert_eq!(&forward.a, &backward.b);
        }
        prop_assert_eq!(forward.entries.len(), backward.entries.len());

        let backward_entries = by_key(&backward);
        for entry in &forward.entries {
            let mirror = backward_entries.get(&(entry.kind, entry.key.parts.clone()));
            prop_assert!(mirror.is_some(), "no mirror for {:?} {}", entry.kind, entry.key);
            let Some(mirror) = mirror else { continue };
            prop_assert_eq!(mirror.status, swapped(entry.status));
            prop_assert_eq!(mirror.in_a, entry.in_b);
            prop_assert_eq!(mirror.changes.len(), entry.changes.len());
            for (change, mirrored) in entry.changes.iter().zip(&mirror.changes) {
                prop_assert_eq!(&change.path, &mirrored.path);
                prop_assert_eq!(change.shape, mirrored.shape);
                prop_assert_eq!(&change.a, &mirrored.b);
                prop_assert_eq!(&change.b, &mirrored.a);
            }
        }
        for (summary, mirrored) in forward.summary.iter().zip(&backward.summary) {
            prop_assert_eq!(summary.only_in_a, mirrored.only_in_b);
            prop_assert_eq!(summary.only_in_b, mirrored.only_in_a);
            prop_assert_eq!(summary.differs, mirrored.differs);
            prop_assert_eq!(summary.same, mirrored.same);
            prop_assert_eq!(summary.unknown, mirrored.unknown);
            prop_assert_eq!(summary.incomplete_in_a, mirrored.incomplete_in_b);
        }
    }

    #[test]
    fn reordering_and_ids_change_nothing(
        inventory in inventory(),
        seed in 1u64..u64::MAX,
    ) {
        let perturbed = Shuffler(seed).inventory(&inventory);
        let comparison = compare(&inventory, &perturbed, &Rules::default());
        let differences: Vec<&Entry> = comparison.differences().collect();
        prop_assert!(differences.is_empty(), "{differences:#?}");
    }

    #[test]
    fn reordering_keeps_differences(
        a in inventory(),
        b in inventory(),
        seed in 1u64..u64::MAX,
    ) {
        let mut shuffler = Shuffler(seed);
        let original = compare(&a, &b, &Rules::default());
        let perturbed = compare(&shuffler.inventory(&a), &shuffler.inventory(&b), &Rules::default());
        prop_assert_eq!(original, perturbed);
    }
}
