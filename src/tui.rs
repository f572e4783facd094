//! The terminal: raw mode and the alternate screen, restored on every exit,
//! panics included. The only module that touches them.

use std::io::{self, Stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal kcdeck draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Enters raw mode and the alternate screen, and installs a panic hook that
/// restores the terminal before the panic report is printed.
pub fn init() -> io::Result<Tui> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    ratatui::try_init()
}

/// Leaves raw mode and the alternate screen; safe to call more than once.
pub fn restore() {
    ratatui::restore();
}
