//! The finder overlay: the query, then one line per hit with the matched characters
//! highlighted and the hit's environment (in its colour), realm and kind beside it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use super::status::short;
use super::text::highlighted;
use crate::state::State;
use crate::state::finder::{FinderHit, FinderState};

/// Widest the overlay grows, in columns.
const MAX_WIDTH: u16 = 110;
/// Tallest the overlay grows, in rows. A fixed height keeps each keystroke's redraw small.
const MAX_HEIGHT: u16 = 20;

/// Draws the finder centred over `area`.
pub fn render_finder(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(finder) = &state.finder else {
        return;
    };
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let height = area.height.saturating_sub(2).min(MAX_HEIGHT);
    let [_, column, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, overlay, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(column);

    let block = Block::bordered()
        .border_set(theme.symbols.border)
        .title(" Find in every environment ")
        .border_style(theme.accent);
    let inner = block.inner(overlay);
    frame.render_widget(Clear, overlay);
    frame.render_widget(block, overlay);
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);

    frame.render_widget(Paragraph::new(query_line(finder, theme)), input);
    let rows = usize::from(list.height);
    let lines = if finder.query.trim().is_empty() {
        let text = format!(
            " type to search {} loaded objects in {} environments",
            finder.candidates,
            state.envs.len()
        );
        vec![Line::from(Span::styled(text, theme.muted))]
    } else if finder.hits.is_empty() {
        vec![Line::from(Span::styled(
            " no loaded object matches",
            theme.muted,
        ))]
    } else {
        let offset = finder.selected.saturating_sub(rows.saturating_sub(1));
        finder
            .hits
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
            .map(|(index, hit)| {
                hit_line(
                    state,
                    hit,
                    index == finder.selected,
                    usize::from(list.width),
                    theme,
                )
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), list);
}

fn query_line(finder: &FinderState, theme: &Theme) -> Line<'static> {
    let mut spans = vec![
        Span::styled("> ", theme.accent),
        Span::raw(finder.query.clone()),
        Span::styled("█", theme.muted),
    ];
    if !finder.query.trim().is_empty() {
        let count = if finder.matches > finder.hits.len() {
            format!("  {} of {} matches", finder.hits.len(), finder.matches)
        } else {
            format!("  {} matches", finder.matches)
        };
        spans.push(Span::styled(count, theme.muted));
    }
    Line::from(spans)
}

/// Draws one hit: the name with matches highlighted, then environment, realm and kind.
fn hit_line(
    state: &State,
    hit: &FinderHit,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let name_width = (width * 9 / 20).max(20);
    let env_width = state
        .envs
        .iter()
        .map(|env| env.name.chars().count())
        .max()
        .unwrap_or(0);
    let base = if selected {
        theme.selection
    } else {
        theme.text
    };
    let hit_style = if selected {
        base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    } else {
        base.patch(theme.accent).add_modifier(Modifier::BOLD)
    };
    let name = short(&hit.text, name_width.saturating_sub(2));
    let used = name.chars().count() + 1;
    let mut spans = vec![Span::styled(" ", base)];
    spans.extend(highlighted(&name, &hit.positions, base, hit_style));
    spans.push(Span::styled(
        " ".repeat(name_width.saturating_sub(used)),
        base,
    ));

    let (env_name, env_color) = state
        .envs
        .get(hit.env)
        .map_or(("?", ratatui::style::Color::Reset), |env| {
            (env.name.as_str(), env.color)
        });
    spans.push(Span::styled(
        format!("{env_name:<env_width$}"),
        theme.env_style(env_color).add_modifier(Modifier::BOLD),
    ));
    let client = state
        .finder_cache
        .as_ref()
        .and_then(|cache| cache.targets.get(hit.target))
        .and_then(|target| target.client.as_deref());
    let kind = match client {
        Some(client_id) => format!("{} of {client_id}", hit.kind.label()),
        None => hit.kind.label().to_owned(),
    };
    spans.push(Span::styled(
        format!("  {}  {kind}", hit.realm),
        theme.muted,
    ));
    Line::from(spans)
}
