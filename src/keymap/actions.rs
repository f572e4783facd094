//! The bindable actions of each context, with their config names, descriptions and default
//! keys. Help lists actions in the order of these tables.

use crossterm::event::KeyCode::{
    self, BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right,
    Tab, Up,
};

use super::{Binding, Context, Key};
use crate::action::Action;

/// An action that a key can be bound to.
#[derive(Debug, Clone)]
pub struct ActionInfo {
    /// Name in the config file, snake case, such as `next_difference`.
    pub name: &'static str,
    pub action: Action,
    pub description: &'static str,
    /// Short text for the hint bar, or `None` to show the action only in help.
    pub hint: Option<&'static str>,
    /// Default keys, in the order help shows them.
    pub keys: Vec<Key>,
}

impl ActionInfo {
    /// Binds this action to `key`.
    pub fn bind(&self, key: Key) -> Binding {
        Binding {
            key,
            name: self.name,
            action: self.action.clone(),
            description: self.description,
            hint: self.hint,
        }
    }
}

fn info(
    name: &'static str,
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
    keys: &[Key],
) -> ActionInfo {
    ActionInfo {
        name,
        action,
        description,
        hint,
        keys: keys.to_vec(),
    }
}

const fn plain(code: KeyCode) -> Key {
    Key::plain(code)
}

/// Returns the bindable actions of a context, in help order.
pub fn actions_of(context: Context) -> Vec<ActionInfo> {
    match context {
        Context::Normal => normal_actions(),
        Context::Finder => finder_actions(),
    }
}

/// Returns the default bindings of a context, in help order.
pub fn default_bindings(context: Context) -> Vec<Binding> {
    actions_of(context)
        .iter()
        .flat_map(|info| info.keys.iter().map(|key| info.bind(*key)))
        .collect()
}

fn normal_actions() -> Vec<ActionInfo> {
    vec![
        info(
            "move_up",
            Action::MoveUp,
            "move up",
            None,
            &[plain(Up), plain(Char('k'))],
        ),
        info(
            "move_down",
            Action::MoveDown,
            "move down",
            None,
            &[plain(Down), plain(Char('j'))],
        ),
        info(
            "page_up",
            Action::PageUp,
            "move up one page",
            None,
            &[plain(PageUp)],
        ),
        info(
            "page_down",
            Action::PageDown,
            "move down one page",
            None,
            &[plain(PageDown)],
        ),
        info(
            "top",
            Action::Top,
            "go to the first row",
            None,
            &[plain(Home), plain(Char('g'))],
        ),
        info(
            "bottom",
            Action::Bottom,
            "go to the last row",
            None,
            &[plain(End), plain(Char('G'))],
        ),
        info(
            "open",
            Action::Open,
            "open",
            Some("open"),
            &[plain(Enter), plain(Right), plain(Char('l'))],
        ),
        info(
            "back",
            Action::Back,
            "back (first clears a filter)",
            Some("back"),
            &[plain(Esc), plain(Left), plain(Char('h')), plain(Backspace)],
        ),
        info(
            "next_column",
            Action::NextColumn,
            "next environment column",
            None,
            &[plain(Tab)],
        ),
        info(
            "previous_column",
            Action::PreviousColumn,
            "previous environment column",
            None,
            &[plain(BackTab)],
        ),
        info(
            "filter",
            Action::StartFilter,
            "filter this list",
            Some("filter"),
            &[plain(Char('/'))],
        ),
        info(
            "find",
            Action::OpenFinder(String::new()),
            "find an object in every environment",
            Some("find"),
            &[Key::ctrl('p')],
        ),
        info(
            "next_difference",
            Action::NextDifference,
            "next row that differs",
            None,
            &[plain(Char('n'))],
        ),
        info(
            "previous_difference",
            Action::PreviousDifference,
            "previous row that differs",
            None,
            &[plain(Char('N'))],
        ),
        info(
            "toggle_diff_only",
            Action::ToggleDiffOnly,
            "show only rows that differ, or every row",
            None,
            &[plain(Char('d'))],
        ),
        info(
            "toggle_expected",
            Action::ToggleExpected,
            "show or hide expected differences",
            None,
            &[plain(Char('E'))],
        ),
        info(
            "toggle_matrix",
            Action::ToggleMatrix,
            "switch between columns and the matrix",
            None,
            &[plain(Char('m'))],
        ),
        info(
            "reload",
            Action::Reload,
            "reload from the servers",
            None,
            &[plain(Char('r'))],
        ),
        info(
            "toggle_raw",
            Action::ToggleRaw,
            "toggle raw JSON in the detail pane",
            None,
            &[plain(Char('J'))],
        ),
        info(
            "scroll_detail_down",
            Action::ScrollDetailDown,
            "scroll the detail pane down",
            None,
            &[plain(Char(']'))],
        ),
        info(
            "scroll_detail_up",
            Action::ScrollDetailUp,
            "scroll the detail pane up",
            None,
            &[plain(Char('['))],
        ),
        info(
            "reveal_secrets",
            Action::RevealSecrets,
            "show or mask secrets in raw JSON",
            None,
            &[plain(Char('S'))],
        ),
        info(
            "copy",
            Action::Copy,
            "copy the natural key or raw JSON",
            Some("copy"),
            &[plain(Char('y'))],
        ),
        info(
            "create_role",
            Action::CreateRole,
            "stage a new role in the focused environment",
            None,
            &[plain(Char('c'))],
        ),
        info(
            "edit_role",
            Action::EditRole,
            "edit the role or client as JSON",
            None,
            &[plain(Char('e'))],
        ),
        info(
            "delete_role",
            Action::DeleteRole,
            "stage deleting the role",
            None,
            &[plain(Char('D'))],
        ),
        info(
            "add_member",
            Action::AddMember,
            "stage adding a role to a composite, group or user",
            None,
            &[plain(Char('a'))],
        ),
        info(
            "remove_member",
            Action::RemoveMember,
            "stage removing a role from a composite, group or user",
            None,
            &[plain(Char('x'))],
        ),
        info(
            "copy_from_base",
            Action::CopyFromBase,
            "stage copying the object from the reference environment",
            None,
            &[plain(Char('C'))],
        ),
        info(
            "staged",
            Action::ShowStaged,
            "list staged changes; Enter applies one environment's",
            None,
            &[plain(Char('p'))],
        ),
        info(
            "undo",
            Action::Undo,
            "undo the focused environment's last applied change",
            None,
            &[plain(Char('u'))],
        ),
        info(
            "command",
            Action::StartCommand,
            "command mode",
            Some("command"),
            &[plain(Char(':'))],
        ),
        info(
            "help",
            Action::ToggleHelp,
            "help",
            Some("help"),
            &[plain(Char('?'))],
        ),
        info(
            "quit",
            Action::Quit,
            "quit",
            Some("quit"),
            &[plain(Char('q'))],
        ),
    ]
}

fn finder_actions() -> Vec<ActionInfo> {
    vec![
        info(
            "move_up",
            Action::FinderUp,
            "previous hit",
            None,
            &[plain(Up), Key::ctrl('p')],
        ),
        info(
            "move_down",
            Action::FinderDown,
            "next hit",
            None,
            &[plain(Down), Key::ctrl('n')],
        ),
        info(
            "open",
            Action::FinderOpen,
            "jump to the hit's object",
            Some("jump"),
            &[plain(Enter)],
        ),
        info(
            "close",
            Action::FinderClose,
            "close the finder",
            Some("close"),
            &[plain(Esc)],
        ),
    ]
}
