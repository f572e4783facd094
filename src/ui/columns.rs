//! The side-by-side columns, one per environment, sharing one row list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;
use super::status::short;
use crate::state::rows::Cell;
use crate::state::{EnvState, Loadable, Mark, Row, State};

/// Draws one column per environment.
pub fn render_columns(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if state.envs.is_empty() {
        return;
    }
    let constraints = vec![Constraint::Fill(1); state.envs.len()];
    let areas = Layout::horizontal(constraints).split(area);
    for (index, (env, column)) in state.envs.iter().zip(areas.iter()).enumerate() {
        render_column(frame, *column, state, env, index, theme);
    }
}

fn render_column(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    env: &EnvState,
    index: usize,
    theme: &Theme,
) {
    let focused = index == state.focus;
    let env_style = theme.env_style(env.color);
    let border = if focused { env_style } else { theme.border };
    let title = Line::from(vec![Span::styled(
        format!(" {} ", env.name),
        env_style.add_modifier(ratatui::style::Modifier::BOLD),
    )]);
    let block = Block::bordered()
        .border_set(theme.symbols.border)
        .title(title)
        .border_style(border);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if let Some(problem) = column_problem(state, env, theme) {
        let text = Paragraph::new(Line::from(Span::styled(problem, theme.error)))
            .wrap(Wrap { trim: true });
        frame.render_widget(text, inner);
        return;
    }
    let height = usize::from(inner.height);
    let selected = state.frame().selected;
    let offset = scroll_offset(selected, height, state.rows.len());
    let lines: Vec<Line> = state
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row_index, row)| {
            row_line(
                row,
                index,
                row_index == selected,
                focused,
                usize::from(inner.width),
                state.tick,
                theme,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Returns the first visible row so the selection stays in view.
pub fn scroll_offset(selected: usize, height: usize, len: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let half = height / 2;
    selected.saturating_sub(half).min(len - height)
}

/// Explains why a column has nothing to list: its server failed, or the realm did.
fn column_problem(state: &State, env: &EnvState, theme: &Theme) -> Option<String> {
    if let Loadable::Failed(reason) = &env.realms {
        return Some(format!("{} {reason}", theme.symbols.failed));
    }
    let realm = state.view().realm()?;
    let actual = env.realm_name(realm);
    match env.inventories.get(actual) {
        Some(Loadable::Failed(reason)) => {
            Some(format!("{} realm {actual}: {reason}", theme.symbols.failed))
        }
        _ => None,
    }
}

/// Draws one row of one column: the difference marker, then the cell.
fn row_line<'a>(
    row: &'a Row,
    env: usize,
    selected: bool,
    focused: bool,
    width: usize,
    tick: usize,
    theme: &Theme,
) -> Line<'a> {
    let symbols = &theme.symbols;
    let indent = "  ".repeat(row.depth);
    let (text, style) = match row.cells.get(env) {
        Some(Cell::Present(text)) if row.is_heading() => (format!("{indent}{text}"), theme.heading),
        Some(Cell::Present(text)) => (format!("{indent}{text}"), theme.text),
        Some(Cell::Absent) => (
            format!("{indent}{} absent: {}", symbols.absent, row.label),
            theme.muted,
        ),
        Some(Cell::Pending) => {
            let frame = symbols.spinner[tick % symbols.spinner.len()];
            (format!("{indent}{frame} loading"), theme.muted)
        }
        Some(Cell::Failed) => (
            format!("{indent}{} not loaded", symbols.failed),
            theme.error,
        ),
        Some(Cell::Blank) | None => (row.label.clone(), theme.heading),
    };
    let (marker, marker_style) = marker(row.marks.get(env).copied().unwrap_or(Mark::None), theme);
    let text = text.replace('»', symbols.client_role);
    let text = short(&text, width.saturating_sub(2));
    let text_width = width.saturating_sub(2);
    let padded = format!("{text:<text_width$}");
    let (marker_style, text_style) = match (selected, focused) {
        (true, true) => (marker_style.patch(theme.selection), theme.selection),
        (true, false) => (marker_style, style.patch(theme.selection_unfocused)),
        _ => (marker_style, style),
    };
    Line::from(vec![
        Span::styled(format!("{marker} "), marker_style),
        Span::styled(padded, Style::default().patch(text_style)),
    ])
}

/// Returns the symbol and style of a difference mark.
pub fn marker(mark: Mark, theme: &Theme) -> (&'static str, Style) {
    let markers = &theme.symbols.diff;
    match mark {
        Mark::None => (" ", theme.text),
        Mark::Same => (markers.same, theme.diff_same),
        Mark::Changed => (markers.changed, theme.diff_changed),
        Mark::OnlyHere => (markers.only_a, theme.diff_only_a),
        Mark::Missing => (markers.missing, theme.diff_missing),
        Mark::Unknown => (markers.unknown, theme.diff_unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_offset_keeps_selection_visible() {
        assert_eq!(scroll_offset(0, 10, 100), 0);
        assert_eq!(scroll_offset(50, 10, 100), 45);
        assert_eq!(scroll_offset(99, 10, 100), 90);
        assert_eq!(scroll_offset(5, 10, 8), 0);
    }
}
