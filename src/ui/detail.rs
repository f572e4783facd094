//! The detail pane: the selected object's important fields in the focused
//! environment, or the raw JSON the server returned, secrets masked until revealed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use serde_json::Value;

use super::Theme;
use crate::inventory::{Client, Group, Inventory, Role, RoleRef, SecretState};
use crate::state::{EnvState, Loadable, RowKey, State, shown_raw};
use crate::update::raw_key;

/// Draws the detail pane for the selected row.
pub fn render_detail(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(env) = state.focused_env() else {
        return;
    };
    let title = if state.show_raw {
        " raw JSON "
    } else {
        " detail "
    };
    let block = Block::bordered()
        .border_set(theme.symbols.border)
        .title(Line::from(vec![
            Span::raw(title),
            Span::styled(format!("in {} ", env.name), theme.env_style(env.color)),
            Span::styled("[ ] scroll ", theme.muted),
        ]))
        .border_style(theme.border);
    let lines = if state.show_raw {
        raw_lines(state, env, theme)
    } else {
        // Differences come first: they are why an operator opens kcdeck.
        let mut lines = super::changes::change_lines(state, theme);
        lines.extend(detail_lines(state, env, theme));
        lines
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((state.detail_scroll, 0)),
        area,
    );
}

fn raw_lines(state: &State, env: &EnvState, theme: &Theme) -> Vec<Line<'static>> {
    let Some(key) = raw_key(state) else {
        return vec![Line::from(Span::styled("nothing selected", theme.muted))];
    };
    match env.raw.get(&key) {
        Some(Loadable::Loaded(value)) => {
            let shown = shown_raw(value, state.reveal_secrets);
            let text = serde_json::to_string_pretty(&shown).unwrap_or_default();
            text.lines()
                .map(|line| Line::from(line.to_owned()))
                .collect()
        }
        Some(Loadable::Failed(reason)) => {
            vec![Line::from(Span::styled(
                format!("{} {reason}", theme.symbols.failed),
                theme.error,
            ))]
        }
        Some(_) => vec![Line::from(Span::styled("loading…", theme.muted))],
        None => vec![Line::from(Span::styled(
            "not present in this environment",
            theme.muted,
        ))],
    }
}

fn detail_lines(state: &State, env: &EnvState, theme: &Theme) -> Vec<Line<'static>> {
    let Some(row) = state.selected_row() else {
        return vec![Line::from(Span::styled("nothing to show", theme.muted))];
    };
    let inventory = state.view().realm().and_then(|realm| env.inventory(realm));
    let mut out = Vec::new();
    match (&row.key, inventory) {
        (RowKey::Realm(realm), _) => realm_detail(env, realm, &mut out),
        (RowKey::Kind(_), Some(inventory)) => field_lines(
            &inventory.settings,
            &[
                "displayName",
                "enabled",
                "sslRequired",
                "loginTheme",
                "accessTokenLifespan",
            ],
            &mut out,
        ),
        (RowKey::Client(client_id), Some(inventory)) => match inventory.client(client_id) {
            Some(client) => client_detail(client, &mut out),
            None => absent(&mut out),
        },
        (RowKey::Role(role) | RowKey::Member(role) | RowKey::Parent(role), Some(inventory)) => {
            match inventory.role(role) {
                Some(found) => role_detail(inventory, role, found, &mut out),
                None => absent(&mut out),
            }
        }
        (RowKey::DefaultRole, Some(inventory)) => match &inventory.default_role {
            Some(default) => {
                push(
                    &mut out,
                    "name",
                    default
                        .name
                        .clone()
                        .unwrap_or_else(|| "(legacy default roles)".into()),
                );
                list(
                    &mut out,
                    "members",
                    default.members.iter().map(ToString::to_string),
                );
            }
            None => absent(&mut out),
        },
        (RowKey::Group(path), Some(inventory)) => {
            match inventory.groups.iter().find(|group| &group.path == path) {
                Some(group) => group_detail(group, &mut out),
                None => absent(&mut out),
            }
        }
        (RowKey::ClientScope(name), Some(inventory)) => {
            match inventory.client_scopes.iter().find(|s| &s.name == name) {
                Some(scope) => {
                    push(&mut out, "name", scope.name.clone());
                    field_lines(&scope.fields, &["protocol", "description"], &mut out);
                    list(
                        &mut out,
                        "mappers",
                        scope.mappers.iter().map(|m| m.name.clone()),
                    );
                }
                None => absent(&mut out),
            }
        }
        (RowKey::IdentityProvider(alias), Some(inventory)) => {
            match inventory
                .identity_providers
                .iter()
                .find(|p| &p.alias == alias)
            {
                Some(provider) => {
                    push(&mut out, "alias", provider.alias.clone());
                    field_lines(
                        &provider.fields,
                        &["providerId", "displayName", "enabled"],
                        &mut out,
                    );
                    push(&mut out, "client secret", secret_text(provider.secret));
                    list(
                        &mut out,
                        "mappers",
                        provider.mappers.iter().map(|m| m.name.clone()),
                    );
                }
                None => absent(&mut out),
            }
        }
        (RowKey::Grant(..), Some(_)) => out.push(Line::from(row.label.clone())),
        (RowKey::UserRole(role) | RowKey::Effective(role), Some(inventory)) => {
            match inventory.role(role) {
                Some(found) => role_detail(inventory, role, found, &mut out),
                None if role.client.is_none()
                    && inventory
                        .default_role
                        .as_ref()
                        .and_then(|d| d.name.as_ref())
                        == Some(&role.name) =>
                {
                    out.push(Line::from(format!("{role} is the realm's default role")));
                }
                None => out.push(Line::from(format!("{role} is not in the loaded inventory"))),
            }
        }
        (RowKey::Heading(_), Some(inventory)) => match state.view() {
            crate::state::View::Role { role, .. } => match inventory.role(role) {
                Some(found) => role_detail(inventory, role, found, &mut out),
                None => absent(&mut out),
            },
            _ => out.push(Line::from(row.label.clone())),
        },
        (_, None) => out.push(Line::from(Span::styled(
            "realm not loaded in this environment",
            theme.muted,
        ))),
    }
    out
}

fn absent(out: &mut Vec<Line<'static>>) {
    out.push(Line::from("· absent in this environment"));
}

fn push(out: &mut Vec<Line<'static>>, label: &str, value: String) {
    out.push(Line::from(vec![
        Span::raw(format!("{label:<16} ")),
        Span::raw(value),
    ]));
}

fn list(out: &mut Vec<Line<'static>>, label: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    let text = if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    };
    push(out, &format!("{label} ({})", items.len()), text);
}

fn field_lines(fields: &crate::inventory::Fields, keys: &[&str], out: &mut Vec<Line<'static>>) {
    for key in keys {
        if let Some(value) = fields.get(*key) {
            push(out, key, value_text(value));
        }
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn secret_text(state: SecretState) -> String {
    match state {
        SecretState::Set => "set (value hidden)".into(),
        SecretState::NotSet => "not set".into(),
        SecretState::Unknown => "unknown".into(),
    }
}

fn realm_detail(env: &EnvState, logical: &str, out: &mut Vec<Line<'static>>) {
    push(out, "realm", env.realm_name(logical).to_owned());
    if env.realm_name(logical) != logical {
        push(out, "paired with", logical.to_owned());
    }
    push(out, "server", env.url.clone());
}

fn client_detail(client: &Client, out: &mut Vec<Line<'static>>) {
    push(out, "clientId", client.client_id.clone());
    field_lines(
        &client.fields,
        &[
            "name",
            "description",
            "enabled",
            "protocol",
            "publicClient",
            "rootUrl",
            "baseUrl",
            "redirectUris",
            "webOrigins",
            "standardFlowEnabled",
            "directAccessGrantsEnabled",
            "serviceAccountsEnabled",
        ],
        out,
    );
    push(out, "secret", secret_text(client.secret));
    list(
        out,
        "roles",
        client.roles.iter().map(|role| role.name.clone()),
    );
    list(
        out,
        "mappers",
        client.mappers.iter().map(|mapper| mapper.name.clone()),
    );
    if client.builtin {
        push(out, "built in", "yes (created by Keycloak)".into());
    }
}

fn role_detail(inventory: &Inventory, key: &RoleRef, role: &Role, out: &mut Vec<Line<'static>>) {
    push(out, "role", key.to_string());
    if let Some(description) = &role.description {
        push(out, "description", description.clone());
    }
    for (name, values) in &role.attributes {
        push(out, &format!("@{name}"), values.join(", "));
    }
    list(
        out,
        "composites",
        role.composites.iter().map(ToString::to_string),
    );
    list(
        out,
        "contained in",
        inventory
            .containing_roles(key)
            .iter()
            .map(ToString::to_string),
    );
}

fn group_detail(group: &Group, out: &mut Vec<Line<'static>>) {
    push(out, "path", group.display_path());
    list(out, "realm roles", group.realm_roles.iter().cloned());
    let client_roles = group
        .client_roles
        .iter()
        .flat_map(|(client, roles)| roles.iter().map(move |role| format!("{client} » {role}")));
    list(out, "client roles", client_roles);
    for (name, values) in &group.attributes {
        push(out, &format!("@{name}"), values.join(", "));
    }
}
