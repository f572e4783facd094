//! The event loop: terminal events and background results in, `update`,
//! effects out (server requests to the runtime, terminal and file writes done
//! here), one draw when the state changed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::sync::mpsc;

use crate::action::Action;
use crate::clipboard::{Passthrough, osc52};
use crate::effect::{Effect, JournalPurpose};
use crate::journal::{Journal, read_journal};
use crate::runtime::{Backend, Runtime};
use crate::state::{CommandLine, State};
use crate::tui::Tui;
use crate::ui::{self, Theme};
use crate::update::{start, update};

/// Interval of the tick that animates spinners.
const TICK: Duration = Duration::from_millis(200);

/// Name of the command history file in the state directory.
pub const HISTORY_FILE: &str = "command-history";

/// Returns the path of the command history file, if the platform has a state directory.
pub fn history_path() -> Option<PathBuf> {
    crate::config::state_dir().map(|directory| directory.join(HISTORY_FILE))
}

/// Reads the command history; a missing or unreadable file gives an empty history.
pub fn load_history(path: Option<&Path>) -> CommandLine {
    let Some(path) = path else {
        return CommandLine::default();
    };
    match std::fs::read_to_string(path) {
        Ok(text) => CommandLine::from_history_text(&text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => CommandLine::default(),
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "cannot read the command history");
            CommandLine::default()
        }
    }
}

/// Variable that names the journal file, as for `kcdeck copy --journal`.
pub const JOURNAL_VARIABLE: &str = "KCDECK_JOURNAL";

/// Returns the journal the UI applies to: the file named by `KCDECK_JOURNAL`, or
/// `journal.jsonl` in the state directory.
pub fn ui_journal() -> Result<Journal, String> {
    match std::env::var_os(JOURNAL_VARIABLE) {
        Some(path) if !path.is_empty() => Ok(Journal::at(PathBuf::from(path))),
        _ => Journal::in_state_dir().map_err(|error| error.to_string()),
    }
}

/// Destinations of the effects that `update` returns.
struct Outputs {
    runtime: Runtime,
    /// Command history file, or `None` to keep the history in memory only.
    history: Option<PathBuf>,
    passthrough: Passthrough,
    journal: Result<Journal, String>,
}

/// Runs the UI until the operator quits. `history` is the file each submitted command
/// line is saved to.
pub async fn run(
    terminal: &mut Tui,
    mut state: State,
    backends: Vec<Backend>,
    theme: Theme,
    history: Option<PathBuf>,
) -> std::io::Result<()> {
    let (sender, mut results) = mpsc::unbounded_channel();
    let journal = ui_journal();
    let outputs = Outputs {
        runtime: Runtime::new(backends, sender).with_journal(journal.clone()),
        history,
        passthrough: Passthrough::from_env(),
        journal,
    };
    let mut events = EventStream::new();
    let mut ticks = tokio::time::interval(TICK);

    let effects = start(&mut state);
    apply(terminal, &outputs, &mut state, effects);
    terminal.draw(|frame| ui::render(frame, &state, &theme))?;

    while !state.quit {
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => match translate(&state, &event) {
                    Some(action) => action,
                    None if matches!(event, Event::Resize(..)) => Action::Tick,
                    None => continue,
                },
                Some(Err(error)) => return Err(error),
                None => break,
            },
            Some(result) = results.recv() => result,
            _ = ticks.tick() => {
                if !is_animating(&state) {
                    continue;
                }
                Action::Tick
            }
        };
        let effects = update(&mut state, action);
        apply(terminal, &outputs, &mut state, effects);
        while let Ok(result) = results.try_recv() {
            let effects = update(&mut state, result);
            apply(terminal, &outputs, &mut state, effects);
        }
        terminal.draw(|frame| ui::render(frame, &state, &theme))?;
    }
    Ok(())
}

/// Runs effects: server requests go to the runtime, terminal and file writes happen here.
/// A failed write becomes an error in the status line.
fn apply(terminal: &mut Tui, outputs: &Outputs, state: &mut State, effects: Vec<Effect>) {
    let mut pending = effects;
    while !pending.is_empty() {
        let mut results = Vec::new();
        for effect in pending {
            let failure = match effect {
                Effect::CopyToClipboard { text } => copy(terminal, outputs.passthrough, &text),
                Effect::SaveHistory { lines } => save_history(outputs.history.as_deref(), &lines),
                Effect::LoadJournal { purpose } => {
                    results.push(load_journal(&outputs.journal, purpose));
                    None
                }
                server => {
                    outputs.runtime.spawn(server);
                    None
                }
            };
            results.extend(failure.map(Action::ReportError));
        }
        pending = results
            .into_iter()
            .flat_map(|action| update(state, action))
            .collect();
    }
}

/// Reads the journal; a journal that does not exist yet has no entries.
fn load_journal(journal: &Result<Journal, String>, purpose: JournalPurpose) -> Action {
    let result = match journal {
        Ok(journal) => read_journal(journal.path()).map_err(|error| error.to_string()),
        Err(reason) => Err(format!("no journal: {reason}")),
    };
    Action::JournalLoaded { purpose, result }
}

/// Writes the OSC 52 sequence through the terminal's own writer, so it cannot interleave
/// with a frame being drawn.
fn copy(terminal: &mut Tui, passthrough: Passthrough, text: &str) -> Option<String> {
    let bytes = osc52(text, passthrough);
    let backend = terminal.backend_mut();
    let written = backend
        .write_all(bytes.as_bytes())
        .and_then(|()| backend.flush());
    written.err().map(|error| {
        tracing::warn!(%error, "cannot write the clipboard sequence");
        format!("copy failed: cannot write to the terminal: {error}")
    })
}

/// Replaces the history file with `lines`, through a temporary file so a crash cannot
/// leave half a history.
fn save_history(path: Option<&Path>, lines: &[String]) -> Option<String> {
    let path = path?;
    let mut text = lines.join("\n");
    text.push('\n');
    let temporary = path.with_extension("tmp");
    let saved = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&temporary, text))
        .and_then(|()| std::fs::rename(&temporary, path));
    saved.err().map(|error| {
        tracing::warn!(path = %path.display(), %error, "cannot save the command history");
        format!(
            "cannot save the command history to {}: {error}",
            path.display()
        )
    })
}

fn translate(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            state.keys.action_for(&state.mode, *key)
        }
        _ => None,
    }
}

/// Reports whether something on screen is waiting, so the spinner must move.
fn is_animating(state: &State) -> bool {
    state.envs.iter().any(|env| {
        env.server.is_loading()
            || env.realms.is_loading()
            || env
                .inventories
                .values()
                .any(crate::state::Loadable::is_loading)
            || env.raw.values().any(crate::state::Loadable::is_loading)
    }) || state.write.applying.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_round_trips_through_file() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("nested").join(HISTORY_FILE);
        let lines = vec!["env prod".to_owned(), "realm acme-shop".to_owned()];

        assert_eq!(save_history(Some(&path), &lines), None);

        let loaded = load_history(Some(&path));
        assert_eq!(loaded.history, lines);
        assert!(!path.with_extension("tmp").exists());
    }

    #[test]
    fn missing_history_is_empty() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let loaded = load_history(Some(&directory.path().join(HISTORY_FILE)));
        assert!(loaded.history.is_empty());
    }
}
