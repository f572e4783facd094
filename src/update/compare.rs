//! Moving between differences and choosing which differences show.

use crate::effect::Effect;
use crate::state::State;

/// Shows only rows that differ somewhere, or every row again.
pub fn toggle_diff_only(state: &mut State) -> Vec<Effect> {
    state.diff_only = !state.diff_only;
    let text = if state.diff_only {
        "showing differences only"
    } else {
        "showing every row"
    };
    state.info(text);
    Vec::new()
}

/// Shows or hides the differences that the `[diff]` rules expect.
pub fn toggle_expected(state: &mut State) -> Vec<Effect> {
    state.show_expected = !state.show_expected;
    let hidden: usize = state
        .comparisons
        .values()
        .map(crate::state::ComparisonView::hidden_count)
        .sum();
    let text = if state.show_expected {
        format!("showing {hidden} expected differences")
    } else {
        format!("hiding {hidden} expected differences")
    };
    state.info(text);
    Vec::new()
}

/// Switches between side-by-side columns and the compact matrix.
pub fn toggle_matrix(state: &mut State) -> Vec<Effect> {
    state.matrix = !state.matrix;
    Vec::new()
}

/// Moves the selection to the next (`forward`) or previous row that differs, wrapping around.
pub fn jump_to_difference(state: &mut State, forward: bool) -> Vec<Effect> {
    let len = state.rows.len();
    if len == 0 {
        return Vec::new();
    }
    let current = state.frame().selected;
    let found = (1..=len)
        .map(|step| {
            if forward {
                (current + step) % len
            } else {
                (current + len - step % len) % len
            }
        })
        .find(|index| state.rows[*index].differs() && !state.rows[*index].is_heading());
    match found {
        Some(index) => {
            let key = state.rows[index].key.clone();
            let frame = state.frame_mut();
            frame.selected = index;
            frame.selected_key = Some(key);
        }
        None if still_loading(state) => {
            state.info("no differences yet: some environments are still loading");
        }
        None => state.info("no differences in this list"),
    }
    Vec::new()
}

/// Reports whether an environment is still reading the realm on screen.
fn still_loading(state: &State) -> bool {
    let Some(realm) = state.view().realm() else {
        return false;
    };
    state.envs.iter().any(|env| {
        env.inventories
            .get(env.realm_name(realm))
            .is_some_and(crate::state::Loadable::is_loading)
    })
}
