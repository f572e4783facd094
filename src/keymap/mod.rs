//! The key table: which key runs which action in each context. The dispatcher, the help
//! screen and the hint bar all read the same effective [`Keymap`], so they cannot disagree.
//!
//! The defaults live in [`actions`]. The config file's `[keys.normal]` and `[keys.finder]`
//! tables override them key by key (see [`Keymap::with_overrides`]). Text-entry modes (the
//! command line and the list filter) have fixed keys, because every printable key there
//! types itself.

mod actions;
mod key;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::state::Mode;

pub use actions::{ActionInfo, actions_of};
pub use key::{Key, NAMED_KEYS};

/// A group of bindings that is active at one time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// Browsing the lists.
    Normal,
    /// The finder overlay, whose printable keys type into the query.
    Finder,
}

impl Context {
    /// Every context, in the order help lists them.
    pub const ALL: [Self; 2] = [Self::Normal, Self::Finder];

    /// Returns the name used in the config file, as in `[keys.normal]`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::Finder => "finder",
        }
    }

    /// Finds a context by its config name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|context| context.name() == name)
    }
}

/// One key bound to one action.
#[derive(Debug, Clone)]
pub struct Binding {
    pub key: Key,
    /// Config name of the action, such as `move_down`.
    pub name: &'static str,
    pub action: Action,
    pub description: &'static str,
    /// Short text for the hint bar, for the few actions it shows.
    pub hint: Option<&'static str>,
}

/// One entry of a `[keys.CONTEXT]` table, already checked against the key and action names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserBinding {
    pub context: Context,
    pub key: Key,
    /// Action name, or `None` for `"none"`, which removes the key's default binding.
    pub action: Option<&'static str>,
    /// The key as written in the config file, for messages.
    pub written: String,
    /// 1-based line of the entry in the config file.
    pub line: usize,
}

/// A user binding that hides another binding, reported as a config warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Two entries of one table name the same key, such as `"ctrl-p"` and `"C-p"`. The later
    /// line wins.
    SameKey {
        context: Context,
        /// The entry that wins.
        kept: UserBinding,
        /// The entry that is ignored.
        ignored: UserBinding,
    },
    /// A user entry takes a key that a default binding of another action used.
    ShadowsDefault {
        binding: UserBinding,
        /// Config name of the default action that loses the key.
        default_action: &'static str,
        /// Whether that action keeps another key.
        default_still_bound: bool,
    },
}

/// The effective key table of every context.
#[derive(Debug, Clone)]
pub struct Keymap {
    normal: Vec<Binding>,
    finder: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            normal: actions::default_bindings(Context::Normal),
            finder: actions::default_bindings(Context::Finder),
        }
    }
}

impl Keymap {
    /// Builds the defaults with the user's entries applied key by key: an entry replaces the
    /// default binding of its key, or removes it for `"none"`. Of two entries for one key the
    /// later line wins.
    pub fn with_overrides(overrides: &[UserBinding]) -> Self {
        let mut keymap = Self::default();
        let mut ordered: Vec<&UserBinding> = overrides.iter().collect();
        ordered.sort_by_key(|binding| binding.line);
        for user in ordered {
            let table = keymap.table_mut(user.context);
            table.retain(|binding| binding.key != user.key);
            let Some(name) = user.action else { continue };
            let Some(info) = actions_of(user.context)
                .into_iter()
                .find(|info| info.name == name)
            else {
                continue;
            };
            table.push(info.bind(user.key));
        }
        keymap
    }

    /// Returns the bindings of a context, defaults first in help order, user additions last.
    pub fn bindings(&self, context: Context) -> &[Binding] {
        match context {
            Context::Normal => &self.normal,
            Context::Finder => &self.finder,
        }
    }

    fn table_mut(&mut self, context: Context) -> &mut Vec<Binding> {
        match context {
            Context::Normal => &mut self.normal,
            Context::Finder => &mut self.finder,
        }
    }

    /// Returns the action a key press runs in the given mode.
    pub fn action_for(&self, mode: &Mode, event: KeyEvent) -> Option<Action> {
        if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c') {
            return Some(Action::Quit);
        }
        let key = Key::from_event(event);
        match mode {
            Mode::Normal => self.lookup(Context::Normal, key),
            Mode::Finder => self
                .lookup(Context::Finder, key)
                .or_else(|| text_key(key, Action::FinderInput, Action::FinderBackspace)),
            Mode::Command(_) => command_key(key),
            Mode::Filter => filter_key(key),
            Mode::Staged => staged_key(key),
            Mode::Confirm => confirm_key(key),
            Mode::Outcome | Mode::Journal => view_key(key),
            Mode::NameInput => input_key(key),
            Mode::Picker => match key.code {
                KeyCode::Up => Some(Action::DialogUp),
                KeyCode::Down => Some(Action::DialogDown),
                _ => input_key(key),
            },
            Mode::Editor => editor_key(key, event),
            Mode::Help => match key.code {
                KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter => {
                    Some(Action::ToggleHelp)
                }
                KeyCode::Up | KeyCode::Char('k') => Some(Action::MoveUp),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::MoveDown),
                KeyCode::PageUp => Some(Action::PageUp),
                KeyCode::PageDown => Some(Action::PageDown),
                _ => None,
            },
        }
    }

    fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings(context)
            .iter()
            .find(|binding| binding.key == key)
            .map(|binding| binding.action.clone())
    }

    /// Returns `(keys, hint)` pairs for the hint bar: the first key of each action that has a
    /// hint, in help order. An action the user left without a key is not shown.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        actions_of(context)
            .into_iter()
            .filter_map(|info| {
                let hint = info.hint?;
                let binding = self
                    .bindings(context)
                    .iter()
                    .find(|binding| binding.name == info.name)?;
                Some((binding.key.to_string(), hint))
            })
            .collect()
    }

    /// Returns one help line per bound action of a context: its keys and description, in
    /// help order.
    pub fn help_lines(&self, context: Context) -> Vec<(String, &'static str)> {
        actions_of(context)
            .into_iter()
            .filter_map(|info| {
                let keys: Vec<String> = self
                    .bindings(context)
                    .iter()
                    .filter(|binding| binding.name == info.name)
                    .map(|binding| binding.key.to_string())
                    .collect();
                (!keys.is_empty()).then(|| (keys.join(" "), info.description))
            })
            .collect()
    }
}

/// Returns the default bindings of normal mode, in help order.
pub fn normal_bindings() -> Vec<Binding> {
    actions::default_bindings(Context::Normal)
}

/// Finds the user entries that hide another binding: two entries for one key, or an entry
/// that takes a default key of another action.
pub fn conflicts(overrides: &[UserBinding]) -> Vec<Conflict> {
    let mut found = Vec::new();
    for (index, user) in overrides.iter().enumerate() {
        let later = overrides[index + 1..]
            .iter()
            .filter(|other| other.context == user.context && other.key == user.key);
        for other in later {
            let (kept, ignored) = if other.line >= user.line {
                (other, user)
            } else {
                (user, other)
            };
            found.push(Conflict::SameKey {
                context: user.context,
                kept: kept.clone(),
                ignored: ignored.clone(),
            });
        }
    }

    let effective = Keymap::with_overrides(overrides);
    for user in overrides {
        let defaults = actions::default_bindings(user.context);
        let Some(default) = defaults.iter().find(|binding| binding.key == user.key) else {
            continue;
        };
        if user.action == Some(default.name) || user.action.is_none() {
            continue;
        }
        let default_still_bound = effective
            .bindings(user.context)
            .iter()
            .any(|binding| binding.name == default.name);
        found.push(Conflict::ShadowsDefault {
            binding: user.clone(),
            default_action: default.name,
            default_still_bound,
        });
    }
    found
}

/// Keys of the `:` command line.
fn command_key(key: Key) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::SubmitCommand),
        KeyCode::Esc => Some(Action::CancelMode),
        KeyCode::Tab => Some(Action::CompleteCommand { forward: true }),
        KeyCode::BackTab => Some(Action::CompleteCommand { forward: false }),
        KeyCode::Up => Some(Action::HistoryPrevious),
        KeyCode::Down => Some(Action::HistoryNext),
        _ => text_key(key, Action::CommandInput, Action::CommandBackspace),
    }
}

/// Keys of the staged list.
fn staged_key(key: Key) -> Option<Action> {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::DialogUp),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::DialogDown),
        KeyCode::Char('x') => Some(Action::DropStaged),
        KeyCode::Enter => Some(Action::DialogSubmit),
        KeyCode::Esc | KeyCode::Char('q' | 'p') => Some(Action::DialogCancel),
        _ => None,
    }
}

/// Keys of the confirm dialog: printable keys type the environment's name.
fn confirm_key(key: Key) -> Option<Action> {
    match key.code {
        KeyCode::Up => Some(Action::DialogUp),
        KeyCode::Down => Some(Action::DialogDown),
        _ => input_key(key),
    }
}

/// Keys of the outcome and journal views.
fn view_key(key: Key) -> Option<Action> {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::DialogUp),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::DialogDown),
        KeyCode::Char('R') => Some(Action::Rollback),
        KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => Some(Action::DialogCancel),
        _ => None,
    }
}

/// Keys of one-line inputs: Enter submits, Esc cancels, the rest types.
fn input_key(key: Key) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::DialogSubmit),
        KeyCode::Esc => Some(Action::DialogCancel),
        _ => text_key(key, Action::DialogInput, Action::DialogBackspace),
    }
}

/// Keys of the JSON editor: Ctrl-S saves, Esc cancels, every other key edits.
fn editor_key(key: Key, event: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Esc => Some(Action::DialogCancel),
        KeyCode::Char('s') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::EditorSave)
        }
        _ => Some(Action::EditorKey(event)),
    }
}

/// Keys of the `/` filter line: typing filters, the arrows still move the selection.
fn filter_key(key: Key) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::ConfirmFilter),
        KeyCode::Esc => Some(Action::ClearFilter),
        KeyCode::Up => Some(Action::MoveUp),
        KeyCode::Down => Some(Action::MoveDown),
        _ => text_key(key, Action::FilterInput, Action::FilterBackspace),
    }
}

/// Maps a printable character or Backspace to a text-entry action. A character with Ctrl or
/// Alt is a chord, not text: crossterm also reports Esc followed quickly by a key as Alt plus
/// that key, which must not type the key.
fn text_key(key: Key, input: fn(char) -> Action, backspace: Action) -> Option<Action> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Char(ch) => Some(input(ch)),
        KeyCode::Backspace => Some(backspace),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
