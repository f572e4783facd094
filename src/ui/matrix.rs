//! The matrix: one line per object and one narrow cell per environment, so
//! three or more environments fit side by side in 80 columns.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use super::columns::{keep_in_view, marker};
use super::status::short;
use crate::state::rows::Cell;
use crate::state::{Mark, Row, State};

/// Width of one environment's cell, its name cut to fit.
const CELL_WIDTH: usize = 11;

/// Draws the rows of the current view as a matrix of environments.
pub fn render_matrix(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let title = format!(
        " matrix: every environment compared with {} ",
        state
            .envs
            .get(state.base)
            .map_or("", |env| env.name.as_str())
    );
    let block = Block::bordered()
        .border_set(theme.symbols.border)
        .title(title)
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let width = usize::from(inner.width);
    let name_width = width.saturating_sub(CELL_WIDTH * state.envs.len()).max(10);
    let mut header = vec![Span::styled(format!("{:<name_width$}", ""), theme.muted)];
    for env in &state.envs {
        let name = short(&env.name, CELL_WIDTH - 1);
        header.push(Span::styled(
            format!("{name:<CELL_WIDTH$}"),
            theme.env_style(env.color),
        ));
    }

    let height = usize::from(inner.height).saturating_sub(1);
    let selected = state.frame().selected;
    let offset = keep_in_view(state, height);
    let mut lines = vec![Line::from(header)];
    for (index, row) in state.rows.iter().enumerate().skip(offset).take(height) {
        lines.push(matrix_line(
            row,
            index == selected,
            name_width,
            state.base,
            theme,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn matrix_line(
    row: &Row,
    selected: bool,
    name_width: usize,
    base: usize,
    theme: &Theme,
) -> Line<'static> {
    let indent = "  ".repeat(row.depth);
    let label = short(
        &format!("{indent}{}", row.label),
        name_width.saturating_sub(1),
    );
    let label_style = match (selected, row.is_heading()) {
        (true, _) => theme.selection,
        (false, true) => theme.heading,
        (false, false) => theme.text,
    };
    let mut spans = vec![Span::styled(format!("{label:<name_width$}"), label_style)];
    for (env, (cell, mark)) in row.cells.iter().zip(row.marks.iter()).enumerate() {
        let (text, style) = matrix_cell(cell, *mark, env == base, theme);
        spans.push(Span::styled(format!("{text:<CELL_WIDTH$}"), style));
    }
    Line::from(spans)
}

/// Returns the text of one cell: the difference marker and a one-word state.
fn matrix_cell(cell: &Cell, mark: Mark, is_base: bool, theme: &Theme) -> (String, Style) {
    let (symbol, style) = marker(mark, theme);
    let word = match (cell, mark) {
        // The reference column's mark summarises the others; its word states presence.
        (Cell::Present(_), _) if is_base => "present",
        (Cell::Present(_), Mark::Changed) => "differs",
        (Cell::Present(_), Mark::OnlyHere) => "extra",
        (Cell::Present(_), _) => "present",
        (Cell::Absent, _) => "missing",
        (Cell::Pending, _) => "loading",
        (Cell::Failed, _) => "failed",
        (Cell::Blank, _) => "",
    };
    if word.is_empty() {
        return (String::new(), theme.text);
    }
    (format!("{symbol} {word}"), style)
}
