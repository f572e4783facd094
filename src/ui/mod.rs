//! Rendering: a pure function of [`State`] and [`Theme`] onto a frame.
//! Nothing here changes state or talks to a server.

mod changes;
mod columns;
mod detail;
mod editor;
mod finder;
mod help;
mod matrix;
mod status;
mod text;
pub mod theme;
mod write;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::state::{Mode, State};
pub use theme::Theme;

/// Smallest terminal kcdeck draws its layout in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area, theme);
        return;
    }
    let [env_bar, crumbs, body, status_line] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(10),
        Constraint::Length(1),
    ])
    .areas(area);
    let detail_height = (body.height * 2 / 5).max(7);
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(detail_height)]).areas(body);

    status::render_env_bar(frame, env_bar, state, theme);
    status::render_breadcrumbs(frame, crumbs, state, theme);
    if state.matrix {
        matrix::render_matrix(frame, list_area, state, theme);
    } else {
        columns::render_columns(frame, list_area, state, theme);
    }
    detail::render_detail(frame, detail_area, state, theme);
    status::render_status(frame, status_line, state, theme);
    match state.mode {
        Mode::Help => help::render_help(frame, body, state, theme),
        Mode::Finder => finder::render_finder(frame, body, state, theme),
        Mode::Staged => write::render_staged(frame, body, state, theme),
        Mode::Confirm => write::render_confirm(frame, body, state, theme),
        Mode::Outcome => write::render_outcome(frame, body, state, theme),
        Mode::Journal => write::render_journal(frame, body, state, theme),
        Mode::Editor => editor::render_editor(frame, body, state, theme),
        Mode::NameInput => editor::render_name_input(frame, body, state, theme),
        Mode::Picker => editor::render_picker(frame, body, state, theme),
        Mode::Normal | Mode::Command(_) | Mode::Filter => {}
    }
}

fn render_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::from(Span::styled("terminal too small", theme.warning)),
        Line::from(format!(
            "kcdeck needs {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}",
            area.width, area.height
        )),
        Line::from("enlarge the window, or press q to quit"),
    ];
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
