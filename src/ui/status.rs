//! The environment bar, the breadcrumbs and the status line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::keymap;
use crate::state::{EnvState, Loadable, Mode, State};

/// Draws one badge per environment: name in its colour, state, warnings.
pub fn render_env_bar(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::styled(" kcdeck ", theme.accent)];
    for env in &state.envs {
        spans.push(Span::styled(
            format!("{} ", theme.symbols.separator),
            theme.muted,
        ));
        spans.extend(env_badge(env, state.tick, theme));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn env_badge<'a>(env: &'a EnvState, tick: usize, theme: &Theme) -> Vec<Span<'a>> {
    let mut spans = vec![Span::styled(
        env.name.as_str(),
        theme
            .env_style(env.color)
            .add_modifier(ratatui::style::Modifier::BOLD),
    )];
    let state = match &env.server {
        Loadable::Loaded(facts) => Span::styled(
            format!(" {} {}", theme.symbols.connected, facts.version),
            theme.success,
        ),
        Loadable::Failed(reason) => Span::styled(
            format!(" {} {}", theme.symbols.failed, short(reason, 40)),
            theme.error,
        ),
        Loadable::Loading { .. } | Loadable::NotLoaded => Span::styled(
            format!(
                " {} connecting",
                theme.symbols.spinner[tick % theme.symbols.spinner.len()]
            ),
            theme.muted,
        ),
    };
    spans.push(state);
    if env.read_only {
        spans.push(Span::styled(" [read-only]", theme.muted));
    }
    if env.protected {
        spans.push(Span::styled(" [protected]", theme.warning));
    }
    for warning in &env.warnings {
        spans.push(Span::styled(format!(" ⚠ {warning}"), theme.warning));
    }
    spans
}

/// Shortens text to `max` characters, marking the cut with `…`.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Draws the navigation path, `Realms › shop › Clients`.
pub fn render_breadcrumbs(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::raw(" ")];
    for (index, frame_entry) in state.stack.iter().enumerate() {
        if index > 0 {
            spans.push(Span::styled(
                format!(" {} ", theme.symbols.breadcrumb),
                theme.muted,
            ));
        }
        let style = if index + 1 == state.stack.len() {
            theme.heading
        } else {
            theme.text
        };
        spans.push(Span::styled(frame_entry.view.title(), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Draws the command line, the latest message, or the key hints.
pub fn render_status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let line = match (&state.mode, &state.status) {
        (Mode::Command(text), _) => Line::from(vec![
            Span::styled(":", theme.accent),
            Span::raw(text.as_str()),
            Span::styled("█", theme.muted),
        ]),
        (_, Some(message)) => {
            let style = if message.is_error {
                theme.error
            } else {
                theme.text
            };
            Line::from(Span::styled(format!(" {}", message.text), style))
        }
        (_, None) => hint_line(theme),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn hint_line(theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (label, description) in keymap::hints() {
        spans.push(Span::styled(label, theme.accent));
        spans.push(Span::styled(format!(" {description}  "), theme.muted));
    }
    Line::from(spans)
}
