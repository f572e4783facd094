//! The environment bar, the breadcrumbs and the status line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::keymap::Context;
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
    let filter = &state.frame().filter;
    if !filter.is_empty() {
        let shown = state.rows.iter().filter(|row| !row.is_heading()).count();
        let noun = if shown == 1 { "row" } else { "rows" };
        spans.push(Span::styled(format!("   /{filter}"), theme.accent));
        spans.push(Span::styled(format!(" ({shown} {noun})"), theme.muted));
    }
    // Filters that apply to every list stay visible for as long as they are on.
    if state.diff_only {
        spans.push(Span::styled("   [differences only: d]", theme.warning));
    }
    if state.show_expected {
        spans.push(Span::styled("   [expected shown: E]", theme.muted));
    }
    if let Some(base) = state.envs.get(state.base).filter(|_| state.base != 0) {
        spans.push(Span::styled(
            format!("   [compared with {}]", base.name),
            theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Draws the command line, the filter being typed, the latest message, or the key hints.
pub fn render_status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let line = match (&state.mode, &state.status) {
        (Mode::Command(text), _) => command_line(state, text, theme),
        (Mode::Filter, _) => Line::from(vec![
            Span::styled("/", theme.accent),
            Span::raw(state.frame().filter.clone()),
            Span::styled("█", theme.muted),
            Span::styled("  Enter keep  Esc clear", theme.muted),
        ]),
        (Mode::Finder, _) => hint_line(state, Context::Finder, theme),
        _ if state.write.applying.is_some() => super::write::progress_line(state, theme),
        (_, Some(message)) => {
            let style = if message.is_error {
                theme.error
            } else {
                theme.text
            };
            Line::from(Span::styled(format!(" {}", message.text), style))
        }
        (_, None) => hint_line(state, Context::Normal, theme),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Draws the command line and, while Tab cycles, the candidates with the current one marked.
fn command_line(state: &State, text: &str, theme: &Theme) -> Line<'static> {
    let mut spans = vec![
        Span::styled(":", theme.accent),
        Span::raw(text.to_owned()),
        Span::styled("█", theme.muted),
    ];
    if let Some(completion) = &state.command.completion
        && completion.candidates.len() > 1
    {
        spans.push(Span::raw("  "));
        for (index, candidate) in completion.candidates.iter().enumerate() {
            let style = if index == completion.index {
                theme.accent
            } else {
                theme.muted
            };
            spans.push(Span::styled(format!("{candidate} "), style));
        }
    }
    Line::from(spans)
}

fn hint_line(state: &State, context: Context, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (label, description) in state.keys.hints(context) {
        spans.push(Span::styled(label, theme.accent));
        spans.push(Span::styled(format!(" {description}  "), theme.muted));
    }
    Line::from(spans)
}
