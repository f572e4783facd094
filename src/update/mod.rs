//! The only code that changes [`State`]: synchronous, no I/O, so every
//! behaviour is testable by feeding actions and reading state and effects.

mod apply;
mod client_edit;
mod command;
mod compare;
mod completion;
mod copy;
mod dialog;
mod filter;
mod finder;
mod mapping_edit;
mod navigate;
mod results;
mod role_edit;
mod stage;
mod user;

use crate::action::Action;
use crate::effect::Effect;
use crate::state::{Mode, State};

pub use command::{COMMANDS, command_names};
pub use navigate::{ensure_inventory, raw_key};
pub use role_edit::{RoleFields, parse_role_json, role_json};

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
    let typing = matches!(
        action,
        Action::CommandInput(_)
            | Action::FilterInput(_)
            | Action::FinderInput(_)
            | Action::DialogInput(_)
            | Action::DialogBackspace
            | Action::EditorKey(_)
    );
    if action.is_user_intent() && !typing {
        state.status = None;
    }
    if state.mode == Mode::Help
        && let Some(lines) = help_scroll(&action)
    {
        let scroll = state.help_scroll.get().saturating_add_signed(lines);
        state.help_scroll.set(scroll);
        return Vec::new();
    }
    let rows_kept = keeps_rows(&action);
    let shown_before = (
        state.focus,
        state.stack.len(),
        state.frame().selected_key.clone(),
    );
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
            state.help_scroll.set(0);
            state.mode = if state.mode == Mode::Help {
                Mode::Normal
            } else {
                Mode::Help
            };
            Vec::new()
        }
        Action::CancelMode => {
            state.mode = Mode::Normal;
            state.command.reset();
            Vec::new()
        }
        Action::ReportError(text) => {
            state.error(text);
            Vec::new()
        }
        Action::StartCommand => command::start(state),
        Action::CommandInput(ch) => command::input(state, ch),
        Action::CommandBackspace => command::backspace(state),
        Action::SubmitCommand => command::submit(state),
        Action::CompleteCommand { forward } => completion::complete(state, forward),
        Action::HistoryPrevious => completion::previous(state),
        Action::HistoryNext => completion::next(state),
        Action::StartFilter => filter::start(state),
        Action::FilterInput(ch) => filter::input(state, ch),
        Action::FilterBackspace => filter::backspace(state),
        Action::ConfirmFilter => filter::confirm(state),
        Action::ClearFilter => filter::clear(state),
        Action::OpenFinder(query) => finder::open(state, query),
        Action::FinderInput(ch) => finder::input(state, ch),
        Action::FinderBackspace => finder::backspace(state),
        Action::FinderUp => finder::move_by(state, -1),
        Action::FinderDown => finder::move_by(state, 1),
        Action::FinderOpen => finder::open_hit(state),
        Action::FinderClose => finder::close(state),
        Action::Copy => copy::copy(state),
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
        Action::ScrollDetailDown => {
            state.detail_scroll = state.detail_scroll.saturating_add(DETAIL_SCROLL_STEP);
            Vec::new()
        }
        Action::ScrollDetailUp => {
            state.detail_scroll = state.detail_scroll.saturating_sub(DETAIL_SCROLL_STEP);
            Vec::new()
        }
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
        Action::CreateRole => role_edit::start_create(state),
        Action::EditRole if client_edit::handles(state.view()) => client_edit::start_edit(state),
        Action::EditRole => role_edit::start_edit(state),
        Action::DeleteRole => role_edit::delete(state),
        Action::AddMember if mapping_edit::handles(state.view()) => mapping_edit::start_add(state),
        Action::AddMember => role_edit::start_add_member(state),
        Action::RemoveMember if mapping_edit::handles(state.view()) => {
            mapping_edit::start_remove(state)
        }
        Action::RemoveMember => role_edit::remove_member(state),
        Action::EditorKey(key) => role_edit::editor_key(state, key),
        Action::EditorSave => role_edit::save_editor(state),
        Action::CopyFromBase => stage::copy_from_base(state),
        Action::ShowStaged => stage::show(state),
        Action::DropStaged => stage::drop_selected(state),
        Action::Undo => apply::undo(state),
        Action::Rollback => apply::rollback(state),
        Action::DialogInput(ch) => dialog::input(state, ch),
        Action::DialogBackspace => dialog::backspace(state),
        Action::DialogUp => dialog::move_by(state, -1),
        Action::DialogDown => dialog::move_by(state, 1),
        Action::DialogSubmit => dialog::submit(state),
        Action::DialogCancel => dialog::cancel(state),
        Action::ApplyProgress {
            request,
            plan,
            step,
            total,
            ..
        } => apply::progress(state, request, plan, step, total),
        Action::PlansApplied {
            env,
            request,
            outcomes,
            error,
        } => apply::applied(state, env, request, outcomes, error),
        Action::JournalLoaded { purpose, result } => apply::journal_loaded(state, purpose, result),
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
        Action::UserLoaded {
            env,
            request,
            result,
        } => user::loaded(state, env, request, result),
    };
    if !rows_kept {
        state.refresh_rows();
    }
    // Another object in the detail pane starts at its top.
    if (
        state.focus,
        state.stack.len(),
        state.frame().selected_key.clone(),
    ) != shown_before
    {
        state.detail_scroll = 0;
    }
    effects
}

/// Lines moved by one press of the detail pane's scroll keys.
const DETAIL_SCROLL_STEP: u16 = 3;

/// Reports whether an action leaves every input of the row list unchanged (the view, the
/// loaded data, the comparisons and the display toggles), so the rows need no rebuild. The
/// filter actions refilter the cached list themselves. Rebuilding a list of 20,000 roles takes tens of milliseconds, too slow for
/// every cursor move. Actions not listed here rebuild, which is always correct.
fn keeps_rows(action: &Action) -> bool {
    matches!(
        action,
        Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
            | Action::NextColumn
            | Action::PreviousColumn
            | Action::NextDifference
            | Action::PreviousDifference
            | Action::ToggleMatrix
            | Action::ToggleRaw
            | Action::ScrollDetailDown
            | Action::ScrollDetailUp
            | Action::RevealSecrets
            | Action::Copy
            | Action::ToggleHelp
            | Action::StartCommand
            | Action::CommandInput(_)
            | Action::CommandBackspace
            | Action::CompleteCommand { .. }
            | Action::HistoryPrevious
            | Action::HistoryNext
            | Action::StartFilter
            | Action::FilterInput(_)
            | Action::FilterBackspace
            | Action::ConfirmFilter
            | Action::ClearFilter
            | Action::OpenFinder(_)
            | Action::FinderInput(_)
            | Action::FinderBackspace
            | Action::FinderUp
            | Action::FinderDown
            | Action::FinderClose
            | Action::RawLoaded { .. }
            | Action::ShowStaged
            | Action::DialogInput(_)
            | Action::DialogBackspace
            | Action::DialogUp
            | Action::DialogDown
            | Action::EditorKey(_)
            | Action::ApplyProgress { .. }
            | Action::JournalLoaded { .. }
    )
}

/// Returns how many lines a movement action scrolls the help by.
fn help_scroll(action: &Action) -> Option<isize> {
    match action {
        Action::MoveUp => Some(-1),
        Action::MoveDown => Some(1),
        Action::PageUp => Some(-10),
        Action::PageDown => Some(10),
        _ => None,
    }
}

#[cfg(test)]
mod mapping_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod write_tests;
