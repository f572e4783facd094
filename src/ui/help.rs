//! The help overlay, generated from the effective key table, the command list and the
//! user's aliases.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::keymap::Context;
use crate::state::State;
use crate::update::COMMANDS;

/// Narrowest help area that shows the keys and the rest side by side.
const TWO_COLUMN_WIDTH: u16 = 100;

/// Fixed keys of the text-entry modes, which the key table does not cover.
const TEXT_ENTRY_KEYS: [(&str, &str); 5] = [
    ("Tab S-Tab", "complete a command, environment or realm"),
    ("↑ ↓", "command history; in the filter, move"),
    ("Enter", "run the command, or keep the filter"),
    ("Esc", "cancel the command, or clear the filter"),
    ("Bksp", "delete; on an empty line, leave it"),
];

/// Draws the key bindings, commands and aliases over `area`, scrolled by the state.
pub fn render_help(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let block = Block::bordered()
        .border_set(theme.symbols.border)
        .title(" Help: Esc or ? to close, ↑ ↓ scroll ")
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);

    let keys = key_lines(state, Context::Normal, theme);
    let rest = other_lines(state, theme);
    let two_columns = inner.width >= TWO_COLUMN_WIDTH;
    let length = if two_columns {
        keys.len().max(rest.len())
    } else {
        keys.len() + 1 + rest.len()
    };
    // Scrolling stops once the last line shows; the clamped value is stored back so that
    // scrolling up again starts moving at once.
    let max_scroll = length.saturating_sub(usize::from(inner.height));
    let clamped = state.help_scroll.get().min(max_scroll);
    state.help_scroll.set(clamped);
    let scroll = u16::try_from(clamped).unwrap_or(u16::MAX);
    if two_columns {
        let left_width = keys.iter().map(Line::width).max().unwrap_or(0) + 2;
        let left_width = u16::try_from(left_width).unwrap_or(u16::MAX);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(Paragraph::new(keys).scroll((scroll, 0)), left);
        frame.render_widget(Paragraph::new(rest).scroll((scroll, 0)), right);
    } else {
        let mut lines = keys;
        lines.push(Line::from(""));
        lines.extend(rest);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    }
}

fn key_lines(state: &State, context: Context, theme: &Theme) -> Vec<Line<'static>> {
    let title = match context {
        Context::Normal => "Keys",
        Context::Finder => "Finder (Ctrl-P, :find)",
    };
    let mut lines = vec![Line::from(Span::styled(format!(" {title}"), theme.heading))];
    for (keys, description) in state.keys.help_lines(context) {
        lines.push(entry(&keys, description, theme));
    }
    lines
}

fn other_lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = key_lines(state, Context::Finder, theme);
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " Command line (:) and filter (/)",
        theme.heading,
    )));
    for (keys, description) in TEXT_ENTRY_KEYS {
        lines.push(entry(keys, description, theme));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(" Commands", theme.heading)));
    for (command, description) in COMMANDS {
        lines.push(entry(&format!(":{command}"), description, theme));
    }
    if !state.aliases.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(" Aliases", theme.heading)));
        for (alias, command) in &state.aliases {
            lines.push(entry(&format!(":{alias}"), &format!(":{command}"), theme));
        }
    }
    let markers = theme.symbols.diff;
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " Marks, against the reference column",
        theme.heading,
    )));
    let marks = [
        (markers.same, "same", theme.diff_same),
        (markers.changed, "differs", theme.diff_changed),
        (
            markers.only_a,
            "only in this environment",
            theme.diff_only_a,
        ),
        (
            markers.missing,
            "missing in this environment",
            theme.diff_missing,
        ),
        (
            markers.unknown,
            "unknown: a list could not be read completely",
            theme.diff_unknown,
        ),
    ];
    for (symbol, meaning, style) in marks {
        lines.push(Line::from(vec![
            Span::styled(format!(" {symbol:<16}"), style),
            Span::raw(meaning),
        ]));
    }
    lines
}

fn entry(keys: &str, description: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {keys:<16} "), theme.accent),
        Span::raw(description.to_owned()),
    ])
}
