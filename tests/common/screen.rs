//! Drawing the UI on a test backend and reading the screen back as text.

use kcdeck::action::Action;
use kcdeck::state::State;
use kcdeck::ui::{self, Theme};
use kcdeck::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Draws the state at `width`x`height` and returns the buffer.
pub fn draw(state: &State, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| ui::render(frame, state, theme))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Returns the buffer as lines of text without trailing spaces.
pub fn text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let symbols: Vec<&str> = buffer.content.iter().map(|cell| cell.symbol()).collect();
    symbols
        .chunks(width)
        .map(|line| line.concat().trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Types a `:` command and submits it.
pub fn command(state: &mut State, text: &str) {
    update(state, Action::StartCommand);
    for ch in text.chars() {
        update(state, Action::CommandInput(ch));
    }
    update(state, Action::SubmitCommand);
}
