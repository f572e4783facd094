//! The finder overlay: a fuzzy search over every loaded object of every environment, and
//! the jump to the object of a hit.

use super::navigate::{jump_to, push_view, raw_for_selection};
use crate::effect::Effect;
use crate::state::finder::{FinderHit, FinderTarget};
use crate::state::{FinderCache, FinderState, Mode, State, View};

/// Opens the finder with `query` typed, building its candidates if the data changed.
pub fn open(state: &mut State, query: String) -> Vec<Effect> {
    state.mode = Mode::Finder;
    state.finder = Some(FinderState {
        query,
        ..FinderState::default()
    });
    search(state);
    Vec::new()
}

/// Appends a character to the query and searches again.
pub fn input(state: &mut State, ch: char) -> Vec<Effect> {
    if let Some(finder) = &mut state.finder {
        finder.query.push(ch);
    }
    search(state);
    Vec::new()
}

/// Deletes the query's last character and searches again.
pub fn backspace(state: &mut State) -> Vec<Effect> {
    if let Some(finder) = &mut state.finder {
        finder.query.pop();
    }
    search(state);
    Vec::new()
}

/// Moves the highlight by `delta` hits, wrapping around.
pub fn move_by(state: &mut State, delta: isize) -> Vec<Effect> {
    if let Some(finder) = &mut state.finder
        && !finder.hits.is_empty()
    {
        let count = finder.hits.len().cast_signed();
        finder.selected = (finder.selected.cast_signed() + delta)
            .rem_euclid(count)
            .cast_unsigned();
    }
    Vec::new()
}

/// Closes the finder without moving.
pub fn close(state: &mut State) -> Vec<Effect> {
    state.mode = Mode::Normal;
    state.finder = None;
    Vec::new()
}

/// Jumps to the highlighted hit's object and closes the finder.
pub fn open_hit(state: &mut State) -> Vec<Effect> {
    let target = state.finder.as_ref().and_then(|finder| {
        let hit = finder.hits.get(finder.selected)?;
        state
            .finder_cache
            .as_ref()?
            .targets
            .get(hit.target)
            .cloned()
    });
    close(state);
    match target {
        Some(target) => jump(state, &target),
        None => Vec::new(),
    }
}

/// Runs the query against the cached candidates, rebuilding them first when the loaded
/// data changed since they were built.
fn search(state: &mut State) {
    let stale = state
        .finder_cache
        .as_ref()
        .is_none_or(|cache| cache.generation != state.data_generation);
    if stale {
        state.finder_cache = Some(FinderCache::build(state));
    }
    let (Some(finder), Some(cache)) = (&mut state.finder, &mut state.finder_cache) else {
        return;
    };
    let hits = cache.finder.search(&finder.query);
    finder.hits = hits
        .into_iter()
        .map(|hit| {
            let candidate = &cache.finder.candidates()[hit.candidate];
            FinderHit {
                text: candidate.text.clone(),
                positions: hit.positions,
                env: candidate.env,
                realm: candidate.realm.clone(),
                kind: candidate.kind,
                target: candidate.id,
            }
        })
        .collect();
    finder.matches = cache.finder.match_count();
    finder.candidates = cache.finder.candidates().len();
    finder.selected = 0;
}

/// Shows the list that contains the target's object, selects it and focuses its environment.
fn jump(state: &mut State, target: &FinderTarget) -> Vec<Effect> {
    state.focus = target.env;
    let mut effects = match target.kind {
        None => {
            state.stack.truncate(1);
            Vec::new()
        }
        Some(kind) => jump_to(state, &target.realm, Some(kind)),
    };
    if let Some(client_id) = &target.client {
        let view = View::ClientRoles {
            realm: target.realm.clone(),
            client_id: client_id.clone(),
        };
        effects.extend(push_view(state, view));
    }
    select_key(state, target);
    effects.extend(raw_for_selection(state));
    effects
}

/// Selects the target's row, clearing the list's filter when it hides the row.
fn select_key(state: &mut State, target: &FinderTarget) {
    state.frame_mut().selected_key = Some(target.key.clone());
    state.refresh_rows();
    let found = |state: &State| state.rows.iter().any(|row| row.key == target.key);
    if !found(state) && !state.frame().filter.is_empty() {
        state.frame_mut().filter.clear();
        state.frame_mut().selected_key = Some(target.key.clone());
        state.refresh_rows();
    }
    if !found(state) && state.diff_only {
        state.info("the object is the same everywhere, so the differences-only list hides it");
    }
}
