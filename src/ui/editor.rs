//! The overlays that stage fixes: the JSON editor of a role or client, the name input of a
//! new role and the picker of a role to add or remove.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::highlighted;
use super::write::{framed, overlay};
use crate::state::State;

/// Draws the JSON editor of a role or client with its problem line and keys.
pub fn render_editor(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(editor) = &state.write.editor else {
        return;
    };
    let env = &state.envs[editor.env];
    let rect = overlay(area, 90);
    let title = Line::from(vec![
        Span::raw(format!(" Edit {} in ", editor.target)),
        Span::styled(
            env.name.clone(),
            theme.env_style(env.color).add_modifier(Modifier::BOLD),
        ),
        Span::raw(" "),
    ]);
    let inner = framed(frame, rect, title, theme.accent, theme);
    let [text, problem, hint] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(&editor.textarea, text);
    if let Some(error) = &editor.error {
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {error}"), theme.error)),
            problem,
        );
    }
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" Ctrl-S", theme.accent),
            Span::styled(" stage the change  ", theme.muted),
            Span::styled("Esc", theme.accent),
            Span::styled(" cancel", theme.muted),
        ])),
        hint,
    );
}

/// Draws the one-line input that names a new role.
pub fn render_name_input(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(input) = &state.write.name_input else {
        return;
    };
    let env = &state.envs[input.env];
    let kind = match &input.client {
        Some(client) => format!("client role of {client}"),
        None => "realm role".to_owned(),
    };
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Fill(1),
    ])
    .areas(area);
    let rect = overlay(middle, 70);
    let title = Line::from(vec![
        Span::raw(format!(" New {kind} in ")),
        Span::styled(
            env.name.clone(),
            theme.env_style(env.color).add_modifier(Modifier::BOLD),
        ),
        Span::raw(" "),
    ]);
    let inner = framed(frame, rect, title, theme.accent, theme);
    let mut lines = vec![Line::from(vec![
        Span::styled(" name: ", theme.muted),
        Span::raw(input.text.clone()),
        Span::styled("█", theme.muted),
    ])];
    match &input.error {
        Some(error) => lines.push(Line::from(Span::styled(format!(" {error}"), theme.error))),
        None => lines.push(Line::from(Span::styled(
            " Enter stages the new role, Esc cancels",
            theme.muted,
        ))),
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Draws the role picker: the query, then the matching roles.
pub fn render_picker(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(picker) = &state.write.picker else {
        return;
    };
    let rect = overlay(area, 80);
    let title = Line::from(format!(" {} ", picker.target.title()));
    let inner = framed(frame, rect, title, theme.accent, theme);
    let [query, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("> ", theme.accent),
            Span::raw(picker.query.clone()),
            Span::styled("█", theme.muted),
            Span::styled(
                format!(
                    "  {} of {} roles",
                    picker.hits.len(),
                    picker.candidates.len()
                ),
                theme.muted,
            ),
        ])),
        query,
    );
    let rows = usize::from(list.height);
    let offset = picker.selected.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line<'static>> = picker
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .filter_map(|(index, (candidate, positions))| {
            let role = picker.candidates.get(*candidate)?;
            let base = if index == picker.selected {
                theme.selection
            } else {
                theme.text
            };
            let hit = base.patch(theme.accent).add_modifier(Modifier::BOLD);
            let mut spans = vec![Span::styled(" ", base)];
            spans.extend(highlighted(&role.to_string(), positions, base, hit));
            Some(Line::from(spans))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
