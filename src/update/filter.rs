//! The `/` filter of the current list: typed live, kept with Enter, cleared with Esc.

use super::navigate::raw_for_selection;
use crate::effect::Effect;
use crate::state::{Mode, State};

/// Starts typing a filter, continuing the list's current one.
pub fn start(state: &mut State) -> Vec<Effect> {
    state.mode = Mode::Filter;
    Vec::new()
}

/// Appends a character to the filter.
pub fn input(state: &mut State, ch: char) -> Vec<Effect> {
    state.frame_mut().filter.push(ch);
    changed(state)
}

/// Deletes the filter's last character, leaving filter mode when it was already empty.
pub fn backspace(state: &mut State) -> Vec<Effect> {
    if state.frame_mut().filter.pop().is_none() {
        state.mode = Mode::Normal;
        return Vec::new();
    }
    changed(state)
}

/// Keeps the filter and returns to normal mode.
pub fn confirm(state: &mut State) -> Vec<Effect> {
    state.mode = Mode::Normal;
    if state.rows.is_empty() && !state.frame().filter.is_empty() {
        state.info(format!(
            "no row matches /{}; Esc clears the filter",
            state.frame().filter
        ));
    }
    Vec::new()
}

/// Removes the filter of the current list and returns to normal mode.
pub fn clear(state: &mut State) -> Vec<Effect> {
    state.mode = Mode::Normal;
    state.frame_mut().filter.clear();
    changed(state)
}

/// Refilters the rows and keeps the selection on a row that still shows.
fn changed(state: &mut State) -> Vec<Effect> {
    state.refilter();
    raw_for_selection(state)
}
