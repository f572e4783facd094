//! The help overlay, generated from the key table and the command list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::keymap;
use crate::update::COMMANDS;

/// Draws the key bindings and commands over `area`.
pub fn render_help(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let bindings = keymap::normal_bindings();
    for binding in &bindings {
        if seen.contains(&binding.description) {
            continue;
        }
        seen.push(binding.description);
        let keys: Vec<&str> = bindings
            .iter()
            .filter(|b| b.description == binding.description)
            .map(|b| b.label)
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<16}", keys.join(" ")), theme.accent),
            Span::raw(binding.description),
        ]));
    }
    lines.push(Line::from(""));
    for (command, description) in COMMANDS {
        lines.push(Line::from(vec![
            Span::styled(format!(" :{command:<15}"), theme.accent),
            Span::raw(*description),
        ]));
    }
    let block = Block::bordered()
        .border_set(theme.symbols.border)
        .title(" Help: Esc or ? to close ")
        .border_style(theme.border);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
