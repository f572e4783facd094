//! The event loop: terminal events and background results in, `update`,
//! effects out to the runtime, one draw when the state changed.

use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::sync::mpsc;

use crate::action::Action;
use crate::keymap::action_for;
use crate::runtime::{Backend, Runtime};
use crate::state::State;
use crate::tui::Tui;
use crate::ui::{self, Theme};
use crate::update::{start, update};

/// Interval of the tick that animates spinners.
const TICK: Duration = Duration::from_millis(200);

/// Runs the UI until the operator quits.
pub async fn run(
    terminal: &mut Tui,
    mut state: State,
    backends: Vec<Backend>,
    theme: Theme,
) -> std::io::Result<()> {
    let (sender, mut results) = mpsc::unbounded_channel();
    let runtime = Runtime::new(backends, sender);
    let mut events = EventStream::new();
    let mut ticks = tokio::time::interval(TICK);

    for effect in start(&mut state) {
        runtime.spawn(effect);
    }
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
        for effect in update(&mut state, action) {
            runtime.spawn(effect);
        }
        while let Ok(result) = results.try_recv() {
            for effect in update(&mut state, result) {
                runtime.spawn(effect);
            }
        }
        terminal.draw(|frame| ui::render(frame, &state, &theme))?;
    }
    Ok(())
}

fn translate(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for(&state.mode, *key),
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
    })
}
