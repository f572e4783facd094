//! The comparison engine: pairs the objects of two or more realm inventories
//! by natural key and reports field-level differences.
//!
//! Pure code: no HTTP, no terminal, no clock. Objects are matched by natural
//! key, never by server id: a client by `clientId`, a role by name plus
//! owning `clientId`, a group by its chain of names, the rest by name or
//! alias. List order never produces a difference, except in a flow's steps,
//! because their order is the flow's meaning. The realm's default role is paired as "the
//! default role" whatever its name and compared by its members. Children of
//! an object found on one side only (a client's roles and mappers) are listed
//! as one-sided too, so every object that would need creating is visible.
//!
//! [`rules`] turns known differences into expected ones, [`report`] renders a
//! comparison as text, Markdown or JSON, [`matrix`] compares three or more
//! realms, and [`detail`] aligns two objects field by field for a
//! side-by-side view.

mod compare;
pub mod detail;
mod item;
pub mod matrix;
mod model;
pub mod report;
pub mod rules;
mod value;

pub use compare::compare;
pub use detail::{ChangedSpan, FieldRow, align_fields, align_values, changed_span};
pub use matrix::{Cell, Matrix, MatrixRow, compare_many};
pub use model::{
    Change, ChangeShape, Comparison, Entry, FieldPath, KINDS, Key, KindSummary, Segment, Status,
    kind_name, kind_title,
};
pub use rules::{DiffConfig, IgnoreRule, Rules, Substitution};

#[cfg(test)]
mod tests;
