//! The side-by-side columns, one per environment, sharing one row list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;
use super::status::short;
use super::text::{highlighted, replace_char};
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
    let offset = keep_in_view(state, height);
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

/// Returns the first row to draw in a list `height` rows high, and stores it in the frame
/// so the next draw scrolls from there.
pub fn keep_in_view(state: &State, height: usize) -> usize {
    let frame = state.frame();
    let offset = scroll_offset(frame.offset.get(), frame.selected, height, state.rows.len());
    frame.offset.set(offset);
    offset
}

/// Returns the first visible row: `previous` when the selection is still inside the window,
/// else the nearest offset that shows it. Scrolling only at the edges keeps a cursor move
/// inside the window down to two changed lines, which matters over slow SSH links.
pub fn scroll_offset(previous: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let offset = previous.min(len - height);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
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
    // Filter matches are positions in the label, so they apply where the cell shows it.
    let label_shown = matches!(row.cells.get(env), Some(Cell::Present(text)) if *text == row.label);
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

    let positions: Vec<usize> = if label_shown {
        let offset = indent.chars().count();
        row.matched
            .iter()
            .map(|position| position + offset)
            .collect()
    } else {
        Vec::new()
    };
    let (text, positions) = replace_char(&text, &positions, '»', symbols.client_role);
    let text_width = width.saturating_sub(2);
    let text = short(&text, text_width);

    let (marker_style, text_style) = match (selected, focused) {
        (true, true) => (marker_style.patch(theme.selection), theme.selection),
        (true, false) => (marker_style, style.patch(theme.selection_unfocused)),
        _ => (marker_style, style),
    };
    let text_style = Style::default().patch(text_style);
    let hit_style = if selected {
        text_style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    } else {
        text_style.patch(theme.accent).add_modifier(Modifier::BOLD)
    };

    let mut spans = vec![Span::styled(format!("{marker} "), marker_style)];
    spans.extend(highlighted(&text, &positions, text_style, hit_style));
    // Only a line with a background needs padding, so the background spans the column.
    // Padding every line would make each scroll rewrite whole lines of blanks.
    let used = text.chars().count();
    let has_background = text_style
        .bg
        .is_some_and(|color| color != ratatui::style::Color::Reset);
    if (selected || has_background) && used < text_width {
        spans.push(Span::styled(" ".repeat(text_width - used), text_style));
    }
    Line::from(spans)
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
        assert_eq!(scroll_offset(0, 0, 10, 100), 0);
        assert_eq!(scroll_offset(0, 50, 10, 100), 41);
        assert_eq!(scroll_offset(0, 99, 10, 100), 90);
        assert_eq!(scroll_offset(0, 5, 10, 8), 0);
    }

    #[test]
    fn scroll_offset_moves_only_at_edges() {
        assert_eq!(scroll_offset(20, 25, 10, 100), 20, "inside the window");
        assert_eq!(scroll_offset(20, 29, 10, 100), 20, "last visible row");
        assert_eq!(scroll_offset(20, 30, 10, 100), 21, "one past the bottom");
        assert_eq!(scroll_offset(20, 19, 10, 100), 19, "one above the top");
        assert_eq!(scroll_offset(95, 96, 10, 100), 90, "list shrank");
    }
}
