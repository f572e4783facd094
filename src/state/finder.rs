//! The finder overlay's state, and its candidates: every loaded realm, client, role, group,
//! client scope and identity provider of every environment, with where each one lives so a
//! hit can be opened. Matching itself is [`crate::finder`].

use crate::finder::{Candidate, Finder, ObjectKind};
use crate::inventory::RoleRef;

use super::rows::{KindTab, RowKey};
use super::{Loadable, State};

/// The open finder: the query and the hits of the last search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinderState {
    pub query: String,
    /// Best hits first, at most [`crate::finder::DEFAULT_LIMIT`].
    pub hits: Vec<FinderHit>,
    /// Index into `hits` of the highlighted hit.
    pub selected: usize,
    /// Number of candidates that match the query, including those beyond the hit limit.
    pub matches: usize,
    /// Number of candidates searched.
    pub candidates: usize,
}

/// One hit, with what the overlay shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderHit {
    /// The matched text, usually the object's name.
    pub text: String,
    /// Character indices of `text` that the query matched, ascending.
    pub positions: Vec<usize>,
    pub env: usize,
    /// The realm's name in that environment.
    pub realm: String,
    pub kind: ObjectKind,
    /// Index into [`FinderCache::targets`].
    pub target: usize,
}

/// Location of a candidate's object on screen: the environment, the list and the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderTarget {
    pub env: usize,
    /// Logical realm name, as the navigation uses it.
    pub realm: String,
    /// The list that shows the object; `None` for a realm, which the realm list shows.
    pub kind: Option<KindTab>,
    /// The client whose role list shows a client role.
    pub client: Option<String>,
    pub key: RowKey,
}

/// The finder over the current data, and the target of each candidate by candidate id.
#[derive(Debug)]
pub struct FinderCache {
    /// [`State::data_generation`] when the candidates were built.
    pub generation: u64,
    pub finder: Finder,
    pub targets: Vec<FinderTarget>,
}

impl Clone for FinderCache {
    fn clone(&self) -> Self {
        Self {
            generation: self.generation,
            finder: Finder::new(self.finder.candidates().to_vec()),
            targets: self.targets.clone(),
        }
    }
}

impl FinderCache {
    /// Builds candidates from every realm list and loaded inventory of every environment.
    pub fn build(state: &State) -> Self {
        let mut builder = Builder::default();
        for (env_index, env) in state.envs.iter().enumerate() {
            for actual in env.realms.loaded().into_iter().flatten() {
                let logical = env.logical_realm(actual).to_owned();
                let key = RowKey::Realm(logical.clone());
                let place = Place::new(env_index, actual, &logical);
                builder.add(&place, actual, ObjectKind::Realm, None, key);
            }
            for (actual, loadable) in &env.inventories {
                let Loadable::Loaded(inventory) = loadable else {
                    continue;
                };
                let logical = env.logical_realm(actual).to_owned();
                builder.add_inventory(&Place::new(env_index, actual, &logical), inventory);
            }
        }
        Self {
            generation: state.data_generation,
            finder: Finder::new(builder.candidates),
            targets: builder.targets,
        }
    }
}

/// The environment and realm that candidates are being added for.
struct Place<'a> {
    env: usize,
    actual: &'a str,
    logical: &'a str,
}

impl<'a> Place<'a> {
    fn new(env: usize, actual: &'a str, logical: &'a str) -> Self {
        Self {
            env,
            actual,
            logical,
        }
    }
}

#[derive(Default)]
struct Builder {
    candidates: Vec<Candidate>,
    targets: Vec<FinderTarget>,
}

impl Builder {
    fn add(
        &mut self,
        place: &Place<'_>,
        text: &str,
        kind: ObjectKind,
        client: Option<&str>,
        key: RowKey,
    ) {
        let id = self.targets.len();
        self.candidates.push(Candidate {
            text: text.to_owned(),
            env: place.env,
            realm: place.actual.to_owned(),
            kind,
            id,
        });
        self.targets.push(FinderTarget {
            env: place.env,
            realm: place.logical.to_owned(),
            kind: list_of(kind),
            client: client.map(str::to_owned),
            key,
        });
    }

    fn add_inventory(&mut self, place: &Place<'_>, inventory: &crate::inventory::Inventory) {
        for client in &inventory.clients {
            let id = &client.client_id;
            self.add(
                place,
                id,
                ObjectKind::Client,
                None,
                RowKey::Client(id.clone()),
            );
            for role in &client.roles {
                let key = RowKey::Role(RoleRef::client(id, &role.name));
                self.add(place, &role.name, ObjectKind::ClientRole, Some(id), key);
            }
        }
        if let Some(name) = inventory
            .default_role
            .as_ref()
            .and_then(|role| role.name.as_ref())
        {
            self.add(
                place,
                name,
                ObjectKind::RealmRole,
                None,
                RowKey::DefaultRole,
            );
        }
        for role in &inventory.realm_roles {
            let key = RowKey::Role(RoleRef::realm(&role.name));
            self.add(place, &role.name, ObjectKind::RealmRole, None, key);
        }
        for group in &inventory.groups {
            let key = RowKey::Group(group.path.clone());
            self.add(place, &group.display_path(), ObjectKind::Group, None, key);
        }
        for scope in &inventory.client_scopes {
            let key = RowKey::ClientScope(scope.name.clone());
            self.add(place, &scope.name, ObjectKind::ClientScope, None, key);
        }
        for provider in &inventory.identity_providers {
            let key = RowKey::IdentityProvider(provider.alias.clone());
            self.add(
                place,
                &provider.alias,
                ObjectKind::IdentityProvider,
                None,
                key,
            );
        }
    }
}

/// Returns the kind list that shows objects of `kind`; `None` for realms.
fn list_of(kind: ObjectKind) -> Option<KindTab> {
    match kind {
        ObjectKind::Realm => None,
        ObjectKind::Client | ObjectKind::ClientRole => Some(KindTab::Clients),
        ObjectKind::RealmRole => Some(KindTab::RealmRoles),
        ObjectKind::Group => Some(KindTab::Groups),
        ObjectKind::ClientScope => Some(KindTab::ClientScopes),
        ObjectKind::IdentityProvider => Some(KindTab::IdentityProviders),
    }
}
