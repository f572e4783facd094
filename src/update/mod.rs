//! The only code that changes [`State`]: synchronous, no I/O, so every
//! behaviour is testable by feeding actions and reading state and effects.

mod command;
mod compare;
mod navigate;
mod results;

use crate::action::Action;
use crate::effect::Effect;
use crate::state::{Mode, State};

pub use command::COMMANDS;
pub use navigate::{ensure_inventory, raw_key};

/// Returns the effects that start every environment: log in, list realms.
pub fn start(state: &mut State) -> Vec<Effect> {
    let mut effects = Vec::new();
    for env in 0..state.envs.len() {
        effects.extend(navigate::check_environment(state, env));
    }
    effects
}

/// Applies one action to the state and returns the background work it needs.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    // A message stays until the operator's next key, so it is read before it goes.
    if action.is_user_intent() && !matches!(action, Action::CommandInput(_)) {
        state.status = None;
    }
    let effects = match action {
        Action::Tick => {
            state.tick = state.tick.wrapping_add(1);
            return Vec::new();
        }
        Action::Quit => {
            state.quit = true;
            Vec::new()
        }
        Action::ToggleHelp => {
            state.mode = if state.mode == Mode::Help {
                Mode::Normal
            } else {
                Mode::Help
            };
            Vec::new()
        }
        Action::CancelMode => {
            state.mode = Mode::Normal;
            Vec::new()
        }
        Action::StartCommand => {
            state.mode = Mode::Command(String::new());
            Vec::new()
        }
        Action::CommandInput(ch) => command::input(state, ch),
        Action::CommandBackspace => command::backspace(state),
        Action::SubmitCommand => command::submit(state),
        Action::MoveUp => navigate::move_by(state, -1),
        Action::MoveDown => navigate::move_by(state, 1),
        Action::PageUp => navigate::move_by(state, -10),
        Action::PageDown => navigate::move_by(state, 10),
        Action::Top => navigate::move_by(state, isize::MIN / 2),
        Action::Bottom => navigate::move_by(state, isize::MAX / 2),
        Action::Open => navigate::open(state),
        Action::Back => navigate::back(state),
        Action::NextColumn => navigate::shift_focus(state, 1),
        Action::PreviousColumn => navigate::shift_focus(state, -1),
        Action::Reload => navigate::reload(state),
        Action::NextDifference => compare::jump_to_difference(state, true),
        Action::PreviousDifference => compare::jump_to_difference(state, false),
        Action::ToggleDiffOnly => compare::toggle_diff_only(state),
        Action::ToggleExpected => compare::toggle_expected(state),
        Action::ToggleMatrix => compare::toggle_matrix(state),
        Action::ToggleRaw => navigate::toggle_raw(state),
        Action::RevealSecrets => {
            state.reveal_secrets = !state.reveal_secrets;
            let text = if state.reveal_secrets {
                "secrets shown in raw JSON"
            } else {
                "secrets masked"
            };
            state.info(text);
            Vec::new()
        }
        Action::ServerChecked { env, result } => results::server_checked(state, env, result),
        Action::RealmsLoaded {
            env,
            request,
            result,
        } => results::realms_loaded(state, env, request, result),
        Action::InventoryLoaded {
            env,
            realm,
            request,
            result,
            warnings,
        } => results::inventory_loaded(state, env, &realm, request, result, &warnings),
        Action::RawLoaded {
            env,
            key,
            request,
            result,
        } => results::raw_loaded(state, env, &key, request, result),
    };
    state.refresh_rows();
    effects
}

#[cfg(test)]
mod tests;
