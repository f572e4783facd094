//! Tab completion and history recall on the `:` command line.
//!
//! Tab completes the word being typed: a command or alias name first, then environment names
//! after `:env`, `:base` and `:pair`, and realm names after `:realm` and `:pair ENV`. Pressing
//! Tab again cycles through the candidates; any other key ends the cycle. Up and Down walk the
//! history, and Down past the newest entry restores the line that was being typed.

use crate::effect::Effect;
use crate::state::command_line::Completion;
use crate::state::{Mode, State};

use super::command::command_names;

/// Completes the last word, or moves to the next (`forward`) or previous candidate.
pub fn complete(state: &mut State, forward: bool) -> Vec<Effect> {
    let Mode::Command(text) = &state.mode else {
        return Vec::new();
    };
    let cycling = state.command.completion.as_ref().is_some_and(|completion| {
        completion
            .candidates
            .get(completion.index)
            .is_some_and(|candidate| *text == format!("{}{candidate}", completion.stem))
    });
    if !cycling {
        let stem_end = text.rfind(' ').map_or(0, |space| space + 1);
        let (stem, word) = text.split_at(stem_end);
        let candidates = candidates(state, stem, word);
        if candidates.is_empty() {
            state.info(format!("no completion for \"{word}\""));
            return Vec::new();
        }
        let index = if forward { 0 } else { candidates.len() - 1 };
        state.command.completion = Some(Completion {
            stem: stem.to_owned(),
            candidates,
            index,
        });
    } else if let Some(completion) = &mut state.command.completion {
        let count = completion.candidates.len();
        completion.index = if forward {
            (completion.index + 1) % count
        } else {
            (completion.index + count - 1) % count
        };
    }
    if let Some(completion) = &state.command.completion {
        let line = format!(
            "{}{}",
            completion.stem, completion.candidates[completion.index]
        );
        state.mode = Mode::Command(line);
    }
    Vec::new()
}

/// Returns the sorted candidates for `word`, given the words before it.
fn candidates(state: &State, stem: &str, word: &str) -> Vec<String> {
    let before: Vec<&str> = stem.split_whitespace().collect();
    let env_names = || state.envs.iter().map(|env| env.name.clone()).collect();
    let all: Vec<String> = match before.as_slice() {
        [] => command_names()
            .map(str::to_owned)
            .chain(state.aliases.keys().cloned())
            .collect(),
        ["env" | "base" | "pair"] => env_names(),
        ["realm"] => logical_realms(state),
        ["pair", env] => state
            .envs
            .iter()
            .filter(|candidate| candidate.name == *env)
            .filter_map(|candidate| candidate.realms.loaded())
            .flatten()
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let lower = word.to_lowercase();
    let mut matching: Vec<String> = all
        .into_iter()
        .filter(|candidate| candidate.to_lowercase().starts_with(&lower))
        .collect();
    matching.sort();
    matching.dedup();
    matching
}

/// Returns the logical names of every realm any environment lists.
fn logical_realms(state: &State) -> Vec<String> {
    state
        .envs
        .iter()
        .flat_map(|env| {
            env.realms
                .loaded()
                .into_iter()
                .flatten()
                .map(|realm| env.logical_realm(realm).to_owned())
        })
        .collect()
}

/// Shows the previous (older) history entry, keeping the typed line as a draft.
pub fn previous(state: &mut State) -> Vec<Effect> {
    let Mode::Command(text) = &state.mode else {
        return Vec::new();
    };
    let line = &mut state.command;
    if line.history.is_empty() {
        return Vec::new();
    }
    let index = match line.recall {
        None => {
            line.draft = text.clone();
            line.history.len() - 1
        }
        Some(index) => index.saturating_sub(1),
    };
    line.recall = Some(index);
    line.completion = None;
    state.mode = Mode::Command(line.history[index].clone());
    Vec::new()
}

/// Shows the next (newer) history entry, or the draft after the newest one.
pub fn next(state: &mut State) -> Vec<Effect> {
    let line = &mut state.command;
    let Some(index) = line.recall else {
        return Vec::new();
    };
    line.completion = None;
    let text = if index + 1 < line.history.len() {
        line.recall = Some(index + 1);
        line.history[index + 1].clone()
    } else {
        line.recall = None;
        std::mem::take(&mut line.draft)
    };
    state.mode = Mode::Command(text);
    Vec::new()
}
