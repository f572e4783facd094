//! The key table: the dispatcher, the help screen and the hint bar all read
//! it, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::state::Mode;

/// One key binding of normal mode.
#[derive(Debug, Clone)]
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// Key as shown to the operator.
    pub label: &'static str,
    pub description: &'static str,
    /// Shown in the hint bar as well as in help.
    pub hint: bool,
}

const fn bind(
    code: KeyCode,
    label: &'static str,
    action: Action,
    description: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
        action,
        label,
        description,
        hint,
    }
}

/// Returns the bindings of normal mode, in the order help lists them.
pub fn normal_bindings() -> Vec<Binding> {
    use KeyCode::{
        BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab,
        Up,
    };
    vec![
        bind(Up, "↑", Action::MoveUp, "move up", false),
        bind(Char('k'), "k", Action::MoveUp, "move up", false),
        bind(Down, "↓", Action::MoveDown, "move down", false),
        bind(Char('j'), "j", Action::MoveDown, "move down", false),
        bind(PageUp, "PgUp", Action::PageUp, "move up one page", false),
        bind(
            PageDown,
            "PgDn",
            Action::PageDown,
            "move down one page",
            false,
        ),
        bind(Home, "Home", Action::Top, "go to the first row", false),
        bind(Char('g'), "g", Action::Top, "go to the first row", false),
        bind(End, "End", Action::Bottom, "go to the last row", false),
        bind(Char('G'), "G", Action::Bottom, "go to the last row", false),
        bind(Enter, "Enter", Action::Open, "open", true),
        bind(Right, "→", Action::Open, "open", false),
        bind(Char('l'), "l", Action::Open, "open", false),
        bind(Esc, "Esc", Action::Back, "back", true),
        bind(Left, "←", Action::Back, "back", false),
        bind(Char('h'), "h", Action::Back, "back", false),
        bind(Backspace, "Bksp", Action::Back, "back", false),
        bind(
            Tab,
            "Tab",
            Action::NextColumn,
            "next environment column",
            true,
        ),
        bind(
            BackTab,
            "S-Tab",
            Action::PreviousColumn,
            "previous environment column",
            false,
        ),
        bind(
            Char('r'),
            "r",
            Action::Reload,
            "reload from the servers",
            true,
        ),
        bind(
            Char('J'),
            "J",
            Action::ToggleRaw,
            "toggle raw JSON in the detail pane",
            true,
        ),
        bind(
            Char('S'),
            "S",
            Action::RevealSecrets,
            "show or mask secrets in raw JSON",
            false,
        ),
        bind(Char(':'), ":", Action::StartCommand, "command mode", true),
        bind(Char('?'), "?", Action::ToggleHelp, "help", true),
        bind(Char('q'), "q", Action::Quit, "quit", true),
    ]
}

/// Maps a key press to an action in the given mode.
pub fn action_for(mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Command(_) => command_key(key),
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter => Some(Action::ToggleHelp),
            _ => None,
        },
        Mode::Normal => {
            let modifiers = key.modifiers - KeyModifiers::SHIFT;
            normal_bindings()
                .into_iter()
                .find(|binding| binding.code == key.code && binding.modifiers == modifiers)
                .map(|binding| binding.action)
        }
    }
}

fn command_key(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::SubmitCommand),
        KeyCode::Esc => Some(Action::CancelMode),
        KeyCode::Backspace => Some(Action::CommandBackspace),
        KeyCode::Char(ch) => Some(Action::CommandInput(ch)),
        _ => None,
    }
}

/// Returns `key: description` pairs for the hint bar.
pub fn hints() -> Vec<(&'static str, &'static str)> {
    normal_bindings()
        .into_iter()
        .filter(|binding| binding.hint)
        .map(|b| (b.label, b.description))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn normal_mode_maps_vim_and_arrows() {
        assert!(matches!(
            action_for(&Mode::Normal, press(KeyCode::Char('j'))),
            Some(Action::MoveDown)
        ));
        assert!(matches!(
            action_for(&Mode::Normal, press(KeyCode::Down)),
            Some(Action::MoveDown)
        ));
        assert!(matches!(
            action_for(&Mode::Normal, press(KeyCode::Enter)),
            Some(Action::Open)
        ));
    }

    #[test]
    fn shifted_letter_matches_capital_binding() {
        let key = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert!(matches!(
            action_for(&Mode::Normal, key),
            Some(Action::ToggleRaw)
        ));
    }

    #[test]
    fn command_mode_types_letters() {
        let mode = Mode::Command(String::new());
        assert!(matches!(
            action_for(&mode, press(KeyCode::Char('q'))),
            Some(Action::CommandInput('q'))
        ));
        assert!(matches!(
            action_for(&mode, press(KeyCode::Enter)),
            Some(Action::SubmitCommand)
        ));
    }

    #[test]
    fn ctrl_c_quits_in_every_mode() {
        let key = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(matches!(
            action_for(&Mode::Command(String::new()), key),
            Some(Action::Quit)
        ));
        assert!(matches!(action_for(&Mode::Normal, key), Some(Action::Quit)));
    }

    #[test]
    fn bindings_have_no_duplicate_keys() {
        let bindings = normal_bindings();
        for (index, binding) in bindings.iter().enumerate() {
            let clash = bindings[index + 1..]
                .iter()
                .find(|other| other.code == binding.code);
            assert!(clash.is_none(), "key {} is bound twice", binding.label);
        }
    }
}
