//! The `:` command line: `:env`, `:realm`, `:clients`, `:roles`, `:groups`,
//! `:scopes`, `:idps`, `:pair`, `:base`, `:diff`, `:find`, `:plan`, `:journal`, `:reload`,
//! `:help` and `:q`,
//! plus the user's aliases. Completion and history are in `completion.rs`.

use super::navigate::{ensure_inventory, jump_to, reload};
use crate::effect::Effect;
use crate::state::rows::KindTab;
use crate::state::{Mode, State};

/// Commands with their arguments and a one-line description, for help and errors.
pub const COMMANDS: &[(&str, &str)] = &[
    ("env NAME", "move the focus to an environment's column"),
    ("realm NAME", "open a realm"),
    ("clients", "list the realm's clients"),
    ("roles", "list the realm's realm roles"),
    ("groups", "list the realm's groups"),
    ("scopes", "list the realm's client scopes"),
    ("idps", "list the realm's identity providers"),
    ("pair ENV REALM", "use REALM in ENV for the current realm"),
    ("base ENV", "compare every environment with ENV"),
    ("diff", "show only rows that differ, or all again"),
    ("find [TEXT]", "find an object in every environment"),
    (
        "user TEXT",
        "show a user's roles, found by user name or email",
    ),
    ("plan", "list the staged changes"),
    (
        "journal",
        "list the journal of applied changes, newest first",
    ),
    ("reload", "reload the current view from every server"),
    ("help", "show the key bindings"),
    ("q", "quit"),
];

/// Returns the name of every built-in command, as typed after `:`.
pub fn command_names() -> impl Iterator<Item = &'static str> {
    COMMANDS
        .iter()
        .filter_map(|(usage, _)| usage.split_whitespace().next())
        .chain(["quit"])
}

/// Opens an empty command line.
pub fn start(state: &mut State) -> Vec<Effect> {
    state.mode = Mode::Command(String::new());
    state.command.reset();
    Vec::new()
}

/// Appends a typed character to the command line.
pub fn input(state: &mut State, ch: char) -> Vec<Effect> {
    if let Mode::Command(text) = &mut state.mode {
        text.push(ch);
    }
    state.command.completion = None;
    Vec::new()
}

/// Deletes the last character, leaving command mode when the line is empty.
pub fn backspace(state: &mut State) -> Vec<Effect> {
    if let Mode::Command(text) = &mut state.mode
        && text.pop().is_none()
    {
        state.mode = Mode::Normal;
    }
    state.command.completion = None;
    Vec::new()
}

/// Runs the typed command, records it in the history and leaves command mode.
///
/// The history is saved on every submit, so a crash or a closed terminal loses nothing.
pub fn submit(state: &mut State) -> Vec<Effect> {
    let Mode::Command(text) = std::mem::replace(&mut state.mode, Mode::Normal) else {
        return Vec::new();
    };
    state.command.remember(&text);
    state.command.reset();
    let mut effects = vec![Effect::SaveHistory {
        lines: state.command.history.clone(),
    }];
    let expanded = expand_alias(state, &text);
    effects.extend(run(state, &expanded));
    effects
}

/// Replaces a leading alias by the command it stands for, keeping the words after it.
///
/// Expansion happens once, so an alias whose command starts with another alias does not
/// expand again, and aliases cannot loop.
fn expand_alias(state: &State, text: &str) -> String {
    let trimmed = text.trim_start();
    let (first, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
    match state.aliases.get(first) {
        Some(command) if rest.trim().is_empty() => command.clone(),
        Some(command) => format!("{command} {rest}"),
        None => text.to_owned(),
    }
}

fn run(state: &mut State, text: &str) -> Vec<Effect> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [] => Vec::new(),
        ["q" | "quit"] => {
            state.quit = true;
            Vec::new()
        }
        ["help"] => {
            state.mode = Mode::Help;
            Vec::new()
        }
        ["reload"] => reload(state),
        ["plan"] => super::stage::show(state),
        ["journal"] => super::apply::show_journal(state),
        ["env", name] => focus_env(state, name),
        ["realm", name] => open_realm(state, name),
        ["pair", env, realm] => pair(state, env, realm),
        ["base", name] => set_base(state, name),
        ["diff"] => super::compare::toggle_diff_only(state),
        ["find", ..] => {
            let query = text.trim_start().trim_start_matches("find").trim();
            super::finder::open(state, query.to_owned())
        }
        ["user", ..] => {
            let query = text.trim_start().trim_start_matches("user").trim();
            super::user::open(state, query)
        }
        [kind] if kind_tab(kind).is_some() => open_kind(state, kind_tab(kind)),
        _ => {
            state.error(format!(
                "unknown command \":{text}\"; type :help for the list of commands"
            ));
            Vec::new()
        }
    }
}

fn kind_tab(word: &str) -> Option<KindTab> {
    match word {
        "clients" => Some(KindTab::Clients),
        "roles" => Some(KindTab::RealmRoles),
        "groups" => Some(KindTab::Groups),
        "scopes" => Some(KindTab::ClientScopes),
        "idps" => Some(KindTab::IdentityProviders),
        _ => None,
    }
}

fn focus_env(state: &mut State, name: &str) -> Vec<Effect> {
    match state.envs.iter().position(|env| env.name == name) {
        Some(index) => state.focus = index,
        None => {
            let known: Vec<&str> = state.envs.iter().map(|env| env.name.as_str()).collect();
            state.error(format!(
                "no environment \"{name}\"; configured: {}",
                known.join(", ")
            ));
        }
    }
    Vec::new()
}

fn set_base(state: &mut State, name: &str) -> Vec<Effect> {
    match state.envs.iter().position(|env| env.name == name) {
        Some(index) => {
            state.base = index;
            state.recompare_all();
            state.info(format!("comparing every environment with {name}"));
        }
        None => state.error(format!("no environment \"{name}\"")),
    }
    Vec::new()
}

fn open_realm(state: &mut State, name: &str) -> Vec<Effect> {
    let known = state.envs.iter().any(|env| {
        env.realms
            .loaded()
            .is_some_and(|realms| realms.iter().any(|realm| realm == env.realm_name(name)))
    });
    if !known {
        state.error(format!(
            "no environment has a realm \"{name}\" (or realm lists are still loading)"
        ));
        return Vec::new();
    }
    jump_to(state, name, None)
}

fn open_kind(state: &mut State, kind: Option<KindTab>) -> Vec<Effect> {
    let Some(realm) = state.view().realm().map(str::to_owned) else {
        state.error("open a realm first (:realm NAME)");
        return Vec::new();
    };
    jump_to(state, &realm, kind)
}

/// Pairs a differently named realm of one environment with the current realm.
fn pair(state: &mut State, env_name: &str, realm: &str) -> Vec<Effect> {
    let Some(logical) = state.view().realm().map(str::to_owned) else {
        state.error("open a realm first, then pair another environment's realm with it");
        return Vec::new();
    };
    let Some(env) = state.envs.iter_mut().find(|env| env.name == env_name) else {
        state.error(format!("no environment \"{env_name}\""));
        return Vec::new();
    };
    let exists = env
        .realms
        .loaded()
        .is_some_and(|realms| realms.iter().any(|name| name == realm));
    if !exists {
        let text = format!("environment \"{env_name}\" has no realm \"{realm}\"");
        state.error(text);
        return Vec::new();
    }
    env.realm_names.insert(logical.clone(), realm.to_owned());
    state.data_changed();
    state.info(format!("{env_name}: realm {realm} paired with {logical}"));
    state.recompare(&logical);
    ensure_inventory(state, &logical, false)
}
