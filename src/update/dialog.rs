//! Routes the keys shared by the write dialogs (typing, arrows, Enter, Esc) to the dialog
//! the mode names.

use super::{apply, role_edit, stage};
use crate::effect::Effect;
use crate::state::{Mode, State};

/// Types a character into the name input, the picker's query or the confirm dialog.
pub fn input(state: &mut State, ch: char) -> Vec<Effect> {
    match state.mode {
        Mode::NameInput => {
            if let Some(input) = &mut state.write.name_input {
                input.text.push(ch);
                input.error = None;
            }
            Vec::new()
        }
        Mode::Picker => {
            if let Some(picker) = &mut state.write.picker {
                picker.query.push(ch);
                role_edit::search_picker(picker);
            }
            Vec::new()
        }
        Mode::Confirm => apply::input(state, ch),
        _ => Vec::new(),
    }
}

pub fn backspace(state: &mut State) -> Vec<Effect> {
    match state.mode {
        Mode::NameInput => {
            if let Some(input) = &mut state.write.name_input {
                input.text.pop();
            }
            Vec::new()
        }
        Mode::Picker => {
            if let Some(picker) = &mut state.write.picker {
                picker.query.pop();
                role_edit::search_picker(picker);
            }
            Vec::new()
        }
        Mode::Confirm => apply::backspace(state),
        _ => Vec::new(),
    }
}

/// Moves the selection of a list, or scrolls a dialog's text.
pub fn move_by(state: &mut State, delta: isize) -> Vec<Effect> {
    let write = &mut state.write;
    match state.mode {
        Mode::Staged => return stage::move_by(state, delta),
        Mode::Picker => {
            if let Some(picker) = &mut write.picker {
                let last = picker.hits.len().saturating_sub(1);
                picker.selected = picker.selected.saturating_add_signed(delta).min(last);
            }
        }
        Mode::Confirm => {
            if let Some(confirm) = &mut write.confirm {
                confirm.scroll = confirm.scroll.saturating_add_signed(delta);
            }
        }
        Mode::Outcome => {
            if let Some(outcome) = &mut write.outcome {
                outcome.scroll = outcome.scroll.saturating_add_signed(delta);
            }
        }
        Mode::Journal => {
            if let Some(journal) = &mut write.journal {
                journal.scroll = journal.scroll.saturating_add_signed(delta);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Enter: confirm, create, pick or apply, depending on the dialog.
pub fn submit(state: &mut State) -> Vec<Effect> {
    match state.mode {
        Mode::Staged => stage::apply_selected_env(state),
        Mode::Confirm => apply::confirm(state),
        Mode::NameInput => role_edit::submit_name(state),
        Mode::Picker => role_edit::pick(state),
        Mode::Outcome | Mode::Journal => apply::close_view(state),
        _ => Vec::new(),
    }
}

/// Esc: closes the dialog without staging or applying anything.
pub fn cancel(state: &mut State) -> Vec<Effect> {
    match state.mode {
        Mode::Confirm => return apply::cancel(state),
        Mode::Outcome | Mode::Journal => return apply::close_view(state),
        Mode::Editor => state.info("edit cancelled; nothing staged"),
        Mode::NameInput | Mode::Picker => state.info("cancelled; nothing staged"),
        _ => {}
    }
    state.write.editor = None;
    state.write.name_input = None;
    state.write.picker = None;
    state.mode = Mode::Normal;
    Vec::new()
}
