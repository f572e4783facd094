//! The user view's state: a user looked up with `:user TEXT` in one environment, read by the
//! runtime because inventories hold no users.

use super::Loadable;
use super::compare::Mark;
use super::rows::{Cell, Row, RowKey};
use crate::inventory::RoleRef;
use crate::inventory::effective::effective_roles;

/// A user as the user view needs it: direct role mappings and group memberships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDetail {
    /// Internal id on this environment's server.
    pub id: String,
    pub username: String,
    pub email: Option<String>,
    /// Direct role mappings, sorted.
    pub direct: Vec<RoleRef>,
    /// Paths of the groups the user is a direct member of, sorted.
    pub groups: Vec<Vec<String>>,
}

/// The user on screen and where it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserState {
    /// Index of the environment the user was read from.
    pub env: usize,
    /// Logical realm name.
    pub realm: String,
    /// The user name or email the operator typed.
    pub query: String,
    /// Id of the latest read, so an older response never replaces a newer one.
    pub request: u64,
    pub detail: Loadable<UserDetail>,
}

/// Builds the rows of the user view: direct roles, groups, then effective roles, each
/// followed by the grants that give it. Only the column of the user's environment has
/// content, because a user is read from one environment.
pub fn user_rows(state: &super::State) -> Vec<Row> {
    let envs = state.envs.len();
    let Some(user) = &state.user else {
        return vec![text_row(envs, None, "no user; type :user NAME")];
    };
    let column = Some(user.env);
    let detail = match &user.detail {
        Loadable::Loaded(detail) => detail,
        Loadable::Failed(reason) => return vec![text_row(envs, column, reason)],
        Loadable::NotLoaded | Loadable::Loading { .. } => {
            return vec![text_row(envs, column, "reading the user…")];
        }
    };
    let mut rows = Vec::new();
    let email = detail.email.as_deref().unwrap_or("no email");
    rows.push(heading(
        envs,
        user.env,
        "user",
        &format!("User {} ({email})", detail.username),
    ));
    rows.push(heading(
        envs,
        user.env,
        "direct",
        &format!("Direct roles ({})", detail.direct.len()),
    ));
    for role in &detail.direct {
        rows.push(row(
            envs,
            user.env,
            RowKey::UserRole(role.clone()),
            role.to_string(),
            1,
        ));
    }
    rows.push(heading(
        envs,
        user.env,
        "groups",
        &format!("Groups ({})", detail.groups.len()),
    ));
    for path in &detail.groups {
        let label = crate::plan::operation::group_path(path);
        rows.push(row(envs, user.env, RowKey::Group(path.clone()), label, 1));
    }
    let Some(inventory) = state.envs[user.env].inventory(&user.realm) else {
        rows.push(text_row(
            envs,
            column,
            "effective roles: waiting for the realm to load",
        ));
        return rows;
    };
    let effective = effective_roles(inventory, &detail.direct, &detail.groups);
    rows.push(heading(
        envs,
        user.env,
        "effective",
        &format!("Effective roles ({})", effective.len()),
    ));
    for found in effective {
        let key = RowKey::Effective(found.role.clone());
        rows.push(row(envs, user.env, key, found.role.to_string(), 1));
        for (index, grant) in found.grants.iter().enumerate() {
            let key = RowKey::Grant(found.role.clone(), index);
            rows.push(row(
                envs,
                user.env,
                key,
                format!("← {}", grant.describe()),
                2,
            ));
        }
    }
    rows
}

fn row(envs: usize, env: usize, key: RowKey, label: String, depth: usize) -> Row {
    let cells = (0..envs)
        .map(|index| {
            if index == env {
                Cell::Present(label.clone())
            } else {
                Cell::Present(String::new())
            }
        })
        .collect();
    Row {
        key,
        label,
        depth,
        cells,
        marks: vec![Mark::None; envs],
        matched: Vec::new(),
    }
}

/// Builds a heading shown in the column of environment `env` only.
fn heading(envs: usize, env: usize, key: &str, label: &str) -> Row {
    let mut row = text_row(envs, Some(env), label);
    row.key = RowKey::Heading(key.to_owned());
    row
}

/// Builds a heading that shows a message in one column, or in every column for `None`.
fn text_row(envs: usize, env: Option<usize>, text: &str) -> Row {
    let cells = (0..envs)
        .map(|index| match env {
            Some(env) if index != env => Cell::Present(String::new()),
            Some(_) => Cell::Present(text.to_owned()),
            None => Cell::Blank,
        })
        .collect();
    Row {
        key: RowKey::Heading("message".to_owned()),
        label: text.to_owned(),
        depth: 0,
        cells,
        marks: vec![Mark::None; envs],
        matched: Vec::new(),
    }
}
