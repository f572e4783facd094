//! One model of a realm's configuration, shared by the browser, `snapshot` and `diff`.
//!
//! Inventories come from a live server ([`fetch`]), a realm export or a
//! snapshot file ([`snapshot`]). All of them pass through [`export::from_export`]
//! or its serialized form, so they contain the same content for the same realm.

pub mod builtin;
pub mod effective;
pub mod export;
pub mod fetch;
pub mod model;
pub mod normalize;
pub mod snapshot;

pub use model::{
    AuthFlow, Client, ClientScope, DefaultRole, Fields, FlowStep, Group, IdentityProvider, Ids,
    Inventory, Kind, ProtocolMapper, Role, RoleRef, SecretState,
};
