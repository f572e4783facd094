//! The state the screen shows: environments, loaded realms, the navigation path
//! and the selection. Only [`crate::update`] changes it; rendering reads it.

pub mod command_line;
pub mod compare;
mod filter;
pub mod finder;
mod loadable;
mod raw;
pub mod rows;
pub mod user;
pub mod write;

use std::cell::Cell;
use std::collections::BTreeMap;

pub use command_line::CommandLine;
pub use compare::{ComparisonView, Mark};
pub use finder::{FinderCache, FinderState};
pub use loadable::Loadable;
pub use raw::{mask, shown_raw};
pub use rows::{Row, RowKey, rows_for};
pub use user::{UserDetail, UserState};
pub use write::WriteState;

use crate::inventory::Inventory;

/// The display state of one environment and the facts known about its server.
#[derive(Debug, Clone)]
pub struct EnvState {
    pub name: String,
    /// Colour of the environment's badge and column frame.
    pub color: ratatui::style::Color,
    pub url: String,
    /// Warnings shown as badges, such as an insecure TLS setting.
    pub warnings: Vec<String>,
    pub read_only: bool,
    pub protected: bool,
    pub server: Loadable<ServerFacts>,
    /// Realm names visible to the logged-in identity.
    pub realms: Loadable<Vec<String>>,
    /// This environment's realm name for a logical realm name, when they differ.
    pub realm_names: BTreeMap<String, String>,
    /// Inventories by this environment's realm name.
    pub inventories: BTreeMap<String, Loadable<Inventory>>,
    /// Raw JSON of the object shown in the detail pane, by object key.
    pub raw: BTreeMap<String, Loadable<serde_json::Value>>,
}

/// Server facts shown in the environment bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerFacts {
    pub version: String,
    pub identity: String,
}

impl EnvState {
    /// Builds the state of an environment that has not been contacted yet.
    pub fn new(
        name: impl Into<String>,
        color: ratatui::style::Color,
        url: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            color,
            url: url.into(),
            warnings: Vec::new(),
            read_only: false,
            protected: false,
            server: Loadable::NotLoaded,
            realms: Loadable::NotLoaded,
            realm_names: BTreeMap::new(),
            inventories: BTreeMap::new(),
            raw: BTreeMap::new(),
        }
    }

    /// Returns this environment's realm name for a logical realm name.
    pub fn realm_name<'a>(&'a self, logical: &'a str) -> &'a str {
        self.realm_names
            .get(logical)
            .map_or(logical, String::as_str)
    }

    /// Returns the logical name of one of this environment's realms.
    pub fn logical_realm<'a>(&'a self, actual: &'a str) -> &'a str {
        self.realm_names
            .iter()
            .find(|(_, name)| name.as_str() == actual)
            .map_or(actual, |(logical, _)| logical.as_str())
    }

    /// Returns the inventory of a logical realm, if loaded.
    pub fn inventory(&self, logical: &str) -> Option<&Inventory> {
        self.inventories
            .get(self.realm_name(logical))
            .and_then(Loadable::loaded)
    }
}

/// A place in the navigation: what the columns list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Realms,
    /// The kinds of a realm (clients, realm roles, groups, …) with counts.
    Kinds {
        realm: String,
    },
    Clients {
        realm: String,
    },
    RealmRoles {
        realm: String,
    },
    ClientRoles {
        realm: String,
        client_id: String,
    },
    Groups {
        realm: String,
    },
    ClientScopes {
        realm: String,
    },
    IdentityProviders {
        realm: String,
    },
    /// A role's composite members, then the composites that contain it.
    Role {
        realm: String,
        role: crate::inventory::RoleRef,
    },
    /// The user in [`State::user`]: direct roles, groups and effective roles.
    User {
        realm: String,
        query: String,
    },
}

impl View {
    /// Returns the logical realm this view belongs to, if any.
    pub fn realm(&self) -> Option<&str> {
        match self {
            Self::Realms => None,
            Self::Kinds { realm }
            | Self::Clients { realm }
            | Self::RealmRoles { realm }
            | Self::ClientRoles { realm, .. }
            | Self::Groups { realm }
            | Self::ClientScopes { realm }
            | Self::IdentityProviders { realm }
            | Self::Role { realm, .. }
            | Self::User { realm, .. } => Some(realm),
        }
    }

    /// Returns the short title used in breadcrumbs.
    pub fn title(&self) -> String {
        match self {
            Self::Realms => "Realms".to_owned(),
            Self::Kinds { realm } => realm.clone(),
            Self::Clients { .. } => "Clients".to_owned(),
            Self::RealmRoles { .. } => "Realm roles".to_owned(),
            Self::ClientRoles { client_id, .. } => format!("{client_id} roles"),
            Self::Groups { .. } => "Groups".to_owned(),
            Self::ClientScopes { .. } => "Client scopes".to_owned(),
            Self::IdentityProviders { .. } => "Identity providers".to_owned(),
            Self::Role { role, .. } => format!("role {role}"),
            Self::User { query, .. } => format!("user {query}"),
        }
    }
}

/// One level of the navigation stack with its own selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub view: View,
    pub selected: usize,
    /// Natural key of the selected row, so reloads keep the selection on the same object.
    pub selected_key: Option<RowKey>,
    /// Fuzzy filter on the row labels; empty shows every row.
    pub filter: String,
    /// First row drawn in the list. Rendering moves it just enough to keep the selection in
    /// view and stores it back, so the list scrolls only when the selection leaves the
    /// window, and a cursor move inside it redraws two lines instead of the whole list.
    pub offset: Cell<usize>,
}

impl Frame {
    /// Builds a frame for `view` with the first row selected and no filter.
    pub fn new(view: View) -> Self {
        Self {
            view,
            selected: 0,
            selected_key: None,
            filter: String::new(),
            offset: Cell::new(0),
        }
    }
}

/// The input mode: where typed keys go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// `:` command line with the text typed so far.
    Command(String),
    /// Typing the filter of the current list, kept in [`Frame::filter`].
    Filter,
    /// The finder overlay, whose query and hits are in [`State::finder`].
    Finder,
    Help,
    /// The list of staged plans.
    Staged,
    /// The confirm dialog in [`WriteState::confirm`].
    Confirm,
    /// The outcome of the last apply.
    Outcome,
    /// The journal of applied changes.
    Journal,
    /// The role JSON editor.
    Editor,
    /// The name input of a new role.
    NameInput,
    /// The picker of a composite member.
    Picker,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct State {
    pub envs: Vec<EnvState>,
    /// Navigation stack; the last frame is on screen. Never empty.
    pub stack: Vec<Frame>,
    /// Index of the environment whose column has the focus.
    pub focus: usize,
    pub mode: Mode,
    /// Show the raw JSON of the selected object instead of its fields.
    pub show_raw: bool,
    /// Show secret values in the raw JSON; off until the operator turns it on.
    pub reveal_secrets: bool,
    /// One-line message in the status bar.
    pub status: Option<StatusMessage>,
    /// Errors reported so far, newest last.
    pub errors: Vec<String>,
    /// Spinner frame, advanced by the tick.
    pub tick: usize,
    pub quit: bool,
    /// Rows of the current view, rebuilt after every change.
    pub rows: Vec<Row>,
    /// Last request id handed out; each background load gets a new one.
    pub last_request: u64,
    /// Index of the reference environment that the others are compared with.
    pub base: usize,
    /// Comparison of the reference environment's realm with another
    /// environment's, by logical realm name and the other environment's index.
    pub comparisons: BTreeMap<(String, usize), ComparisonView>,
    /// Expected differences from the config's `[diff]` table.
    pub diff_config: crate::diff::DiffConfig,
    /// Show only rows that differ somewhere.
    pub diff_only: bool,
    /// Show differences that the `[diff]` rules expect.
    pub show_expected: bool,
    /// Show the compact matrix (one symbol per environment) instead of columns.
    pub matrix: bool,
    /// Lines of the detail pane scrolled out at the top.
    pub detail_scroll: u16,
    /// The effective key table, which the dispatcher, help and the hint bar all read.
    pub keys: crate::keymap::Keymap,
    /// User aliases from the config's `[aliases]` table: a word and the command it runs.
    pub aliases: BTreeMap<String, String>,
    /// History and completion of the `:` command line.
    pub command: CommandLine,
    /// The open finder's query and hits, while [`Mode::Finder`] is on.
    pub finder: Option<FinderState>,
    /// The finder's candidates, built from [`State::data_generation`] and reused until the
    /// loaded data changes.
    pub finder_cache: Option<FinderCache>,
    /// Counter bumped whenever a realm list, an inventory or a realm pairing changes.
    pub data_generation: u64,
    /// First help line shown. Rendering clamps it to the help's length and stores it back.
    pub help_scroll: Cell<usize>,
    /// Staged plans, the confirm dialog, a running apply and the editors that stage plans.
    pub write: WriteState,
    /// The user looked up with `:user`, shown by [`View::User`].
    pub user: Option<UserState>,
    /// The current list before the `/` filter, which filter keystrokes search again.
    row_filter: filter::RowFilter,
}

/// A message in the status bar, with whether it reports an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}

impl State {
    /// Builds the start state for the given environments, showing the realm list.
    pub fn new(envs: Vec<EnvState>) -> Self {
        let mut state = Self {
            envs,
            stack: vec![Frame::new(View::Realms)],
            focus: 0,
            mode: Mode::Normal,
            show_raw: false,
            reveal_secrets: false,
            status: None,
            errors: Vec::new(),
            tick: 0,
            quit: false,
            rows: Vec::new(),
            last_request: 0,
            base: 0,
            comparisons: BTreeMap::new(),
            diff_config: crate::diff::DiffConfig::default(),
            diff_only: false,
            show_expected: false,
            matrix: false,
            detail_scroll: 0,
            keys: crate::keymap::Keymap::default(),
            aliases: BTreeMap::new(),
            command: CommandLine::default(),
            finder: None,
            finder_cache: None,
            data_generation: 0,
            help_scroll: Cell::new(0),
            write: WriteState::default(),
            user: None,
            row_filter: filter::RowFilter::default(),
        };
        state.refresh_rows();
        state
    }

    /// Returns the frame on screen.
    pub fn frame(&self) -> &Frame {
        // The stack is never empty: `Esc` stops at the root frame.
        &self.stack[self.stack.len() - 1]
    }

    /// Returns the frame on screen, mutably.
    pub fn frame_mut(&mut self) -> &mut Frame {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Returns the view on screen.
    pub fn view(&self) -> &View {
        &self.frame().view
    }

    /// Returns the selected row, if the list is not empty.
    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.frame().selected)
    }

    /// Returns the focused environment.
    pub fn focused_env(&self) -> Option<&EnvState> {
        self.envs.get(self.focus)
    }

    /// Rebuilds the rows of the current view and keeps the selection on the same key.
    pub fn refresh_rows(&mut self) {
        let rows = rows_for(self, self.view());
        self.row_filter.set_rows(rows);
        self.refilter();
    }

    /// Applies the current list's filter again without rebuilding the list, for a filter
    /// that changed while the data, the view and the display toggles stayed the same.
    pub fn refilter(&mut self) {
        let query = self.frame().filter.clone();
        self.rows = self.row_filter.apply(&query);
        let key = self.frame().selected_key.clone();
        let found = key.and_then(|key| self.rows.iter().position(|row| row.key == key));
        let mut selected = found
            .unwrap_or(self.frame().selected)
            .min(self.rows.len().saturating_sub(1));
        if self.rows.get(selected).is_some_and(Row::is_heading) {
            selected = self
                .rows
                .iter()
                .skip(selected)
                .position(|row| !row.is_heading())
                .map_or(selected, |step| selected + step);
        }
        let selected_key = self.rows.get(selected).map(|row| row.key.clone());
        let frame = self.frame_mut();
        frame.selected = selected;
        frame.selected_key = selected_key;
    }

    /// Compares the reference environment's copy of a logical realm with every
    /// other environment's, wherever both are loaded.
    pub fn recompare(&mut self, logical: &str) {
        let base = self.base;
        for other in 0..self.envs.len() {
            self.comparisons.remove(&(logical.to_owned(), other));
            if other == base {
                continue;
            }
            let (Some(a), Some(b)) = (
                self.envs[base].inventory(logical),
                self.envs[other].inventory(logical),
            ) else {
                continue;
            };
            let rules = self
                .diff_config
                .rules_for(&self.envs[base].name, &self.envs[other].name);
            let comparison = crate::diff::compare(a, b, &rules);
            self.comparisons
                .insert((logical.to_owned(), other), ComparisonView::new(comparison));
        }
    }

    /// Recompares every logical realm that has an inventory somewhere.
    pub fn recompare_all(&mut self) {
        let mut realms: Vec<String> = Vec::new();
        for env in &self.envs {
            for actual in env.inventories.keys() {
                let logical = env.logical_realm(actual).to_owned();
                if !realms.contains(&logical) {
                    realms.push(logical);
                }
            }
        }
        for realm in realms {
            self.recompare(&realm);
        }
    }

    /// Returns the comparison of the reference environment with `env` for a logical realm.
    pub fn comparison(&self, logical: &str, env: usize) -> Option<&ComparisonView> {
        self.comparisons.get(&(logical.to_owned(), env))
    }

    /// Records that loaded data changed, so caches built from it are rebuilt.
    pub fn data_changed(&mut self) {
        self.data_generation = self.data_generation.wrapping_add(1);
    }

    /// Hands out a new request id.
    pub fn next_request(&mut self) -> u64 {
        self.last_request += 1;
        self.last_request
    }

    /// Sets an informational status message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            is_error: false,
        });
    }

    /// Sets an error status message and records it in the error history.
    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.errors.push(text.clone());
        self.status = Some(StatusMessage {
            text,
            is_error: true,
        });
    }
}
