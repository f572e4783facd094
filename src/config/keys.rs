//! The `[keys.CONTEXT]` tables of key bindings and the `[aliases]` table of command aliases.
//!
//! A key string or action name that kcdeck cannot read is an error, because a binding that
//! silently does nothing is worse than no start. Bindings that hide other bindings, and aliases
//! that a built-in command hides, are warnings. The key table itself is [`crate::keymap`].

use std::collections::BTreeMap;

use super::reader::{TableReader, closest_key};
use super::validate::quoted;
use super::{ConfigError, ConfigWarning, WarningKind};
use crate::keymap::{Conflict, Context, Key, NAMED_KEYS, UserBinding, actions_of, conflicts};

/// Reads every `[keys.CONTEXT]` table, then reports the bindings that hide others.
pub(super) fn read_keys(
    root: &TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<Vec<UserBinding>, ConfigError> {
    let Some(keys) = root.table("keys")? else {
        return Ok(Vec::new());
    };
    let context_names: Vec<&str> = Context::ALL.iter().map(|context| context.name()).collect();
    keys.warn_unknown_keys(&context_names, warnings);

    let mut bindings = Vec::new();
    for context in Context::ALL {
        if let Some(table) = keys.table(context.name())? {
            for written in table.keys() {
                bindings.push(read_binding(&table, context, written)?);
            }
        }
    }
    for conflict in conflicts(&bindings) {
        warnings.push(conflict_warning(root, &conflict));
    }
    Ok(bindings)
}

fn read_binding(
    table: &TableReader<'_, '_>,
    context: Context,
    written: &str,
) -> Result<UserBinding, ConfigError> {
    let Some(value) = table.string(written)? else {
        // `keys()` lists only present keys, so this is not reached.
        return Err(table.error_at(written, "missing binding"));
    };
    let action_name = *value.get_ref();
    let entry = format!(
        "[keys.{}]: {} = {}",
        context.name(),
        quoted(written),
        quoted(action_name)
    );

    let key = Key::parse(written).map_err(|problem| {
        let message = format!(
            "{entry}: {} is not a valid key ({problem}); write one character such as \"x\" or \
             \"X\", or a key name, each optionally after ctrl-, alt- or shift-, such as \
             \"ctrl-p\" or \"shift-tab\"; key names: {NAMED_KEYS}",
            quoted(written)
        );
        table.error_at(written, &message)
    })?;

    let infos = actions_of(context);
    let names: Vec<&'static str> = infos.iter().map(|info| info.name).collect();
    let action = if action_name == "none" {
        None
    } else if let Some(name) = names.iter().find(|name| **name == action_name) {
        Some(*name)
    } else {
        let hint = closest_key(action_name, &names)
            .map(|name| format!("did you mean \"{name}\"? "))
            .unwrap_or_default();
        let message = format!(
            "{entry}: unknown action {}; {hint}actions in [keys.{}]: {}, or \"none\" to remove \
             the key's default binding",
            quoted(action_name),
            context.name(),
            names.join(", ")
        );
        return Err(table.error_at(written, &message));
    };

    Ok(UserBinding {
        context,
        key,
        action,
        written: written.to_owned(),
        line: table.file().line(table.key_span(written).start),
    })
}

/// Describes a user binding as the config file writes it, with its line.
fn describe(binding: &UserBinding) -> String {
    let action = binding.action.unwrap_or("none");
    format!(
        "{} = \"{action}\" (line {})",
        quoted(&binding.written),
        binding.line
    )
}

fn conflict_warning(root: &TableReader<'_, '_>, conflict: &Conflict) -> ConfigWarning {
    let (line, message) = match conflict {
        Conflict::SameKey {
            context,
            kept,
            ignored,
        } => (
            kept.line,
            format!(
                "[keys.{}]: {} and {} bind the same key {}; the later line wins, so {} is \
                 ignored",
                context.name(),
                describe(ignored),
                describe(kept),
                kept.key,
                quoted(&ignored.written)
            ),
        ),
        Conflict::ShadowsDefault {
            binding,
            default_action,
            default_still_bound,
        } => {
            let consequence = if *default_still_bound {
                format!("{default_action} keeps its other keys")
            } else {
                format!("{default_action} now has no key; bind it to another key to keep it")
            };
            (
                binding.line,
                format!(
                    "[keys.{}]: {} replaces the default binding of {} to \"{default_action}\"; \
                     {consequence}",
                    binding.context.name(),
                    describe(binding),
                    binding.key
                ),
            )
        }
    };
    ConfigWarning {
        path: root.file().path.to_path_buf(),
        line,
        kind: WarningKind::KeyConflict,
        message,
    }
}

/// Reads the `[aliases]` table: each key is a word typed after `:`, each value the command it
/// runs, with any words typed after the alias appended.
pub(super) fn read_aliases(
    root: &TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<BTreeMap<String, String>, ConfigError> {
    let Some(table) = root.table("aliases")? else {
        return Ok(BTreeMap::new());
    };
    let builtins: Vec<&'static str> = crate::update::command_names().collect();
    let mut aliases = BTreeMap::new();
    for name in table.keys() {
        let Some(value) = table.string(name)? else {
            continue;
        };
        let command = value.get_ref().trim().trim_start_matches(':').trim();
        if name.is_empty() || name.contains(char::is_whitespace) || name.starts_with(':') {
            let expected = "expected one word without spaces or a leading \":\", such as p";
            return Err(table.invalid_value(name, &quoted(name), expected));
        }
        if command.is_empty() {
            let expected = "expected the command to run, such as \"env prod\"";
            return Err(table.invalid_value(name, &quoted(value.get_ref()), expected));
        }
        if builtins.contains(&name) {
            let message = format!(
                "alias {} is ignored because :{name} is a built-in command; rename the alias",
                quoted(name)
            );
            warnings.push(table.warning_at(name, WarningKind::AliasShadowsCommand, &message));
            continue;
        }
        let first = command.split_whitespace().next().unwrap_or(command);
        if !builtins.contains(&first) {
            let hint = closest_key(first, &builtins)
                .map(|name| format!("; did you mean \"{name}\"?"))
                .unwrap_or_default();
            let message = format!(
                "alias {} runs {}, which is not a built-in command, so the alias fails when \
                 used (aliases do not expand other aliases){hint}",
                quoted(name),
                quoted(command)
            );
            warnings.push(table.warning_at(name, WarningKind::UnknownCommand, &message));
        }
        aliases.insert(name.to_owned(), command.to_owned());
    }
    Ok(aliases)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{DEV, PATH, error_message, parse_ok, warning_messages};
    use super::*;

    #[test]
    fn keys_table_reads_bindings() {
        let text = format!(
            "{DEV}\n[keys.normal]\n\"ctrl-f\" = \"find\"\nx = \"none\"\n\n[keys.finder]\ntab = \
             \"move_down\"\n"
        );
        let loaded = parse_ok(&text);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let found: Vec<(Context, String, Option<&str>, usize)> = loaded
            .config
            .keys
            .iter()
            .map(|binding| {
                (
                    binding.context,
                    binding.key.to_string(),
                    binding.action,
                    binding.line,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (Context::Normal, "Ctrl-F".to_owned(), Some("find"), 8),
                (Context::Normal, "x".to_owned(), None, 9),
                (Context::Finder, "Tab".to_owned(), Some("move_down"), 12),
            ]
        );
    }

    #[test]
    fn invalid_key_string_is_error() {
        let text = format!("{DEV}\n[keys.normal]\n\"ctlr-p\" = \"find\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 8: [keys.normal]: \"ctlr-p\" = \"find\": \"ctlr-p\" \
                 is not a valid key (unknown modifier \"ctlr\"; use ctrl, alt or shift); write \
                 one character such as \"x\" or \"X\", or a key name, each optionally after \
                 ctrl-, alt- or shift-, such as \"ctrl-p\" or \"shift-tab\"; key names: {NAMED_KEYS}"
            )
        );
    }

    #[test]
    fn unknown_action_lists_valid_names() {
        let text = format!("{DEV}\n[keys.finder]\nenter = \"opn\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 8: [keys.finder]: \"enter\" = \"opn\": unknown \
                 action \"opn\"; did you mean \"open\"? actions in [keys.finder]: move_up, \
                 move_down, open, close, or \"none\" to remove the key's default binding"
            )
        );
    }

    #[test]
    fn action_of_wrong_type_is_error() {
        let text = format!("{DEV}\n[keys.normal]\nx = 1\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 8: key \"keys.normal.x\" has invalid type integer \
                 (1); expected a string"
            )
        );
    }

    #[test]
    fn unknown_context_warns() {
        let text = format!("{DEV}\n[keys.normall]\nx = \"find\"\n");
        assert_eq!(
            warning_messages(&text),
            [format!(
                "config warning in {PATH}, line 7: unknown key \"keys.normall\" is ignored; did \
                 you mean \"keys.normal\"?"
            )]
        );
    }

    #[test]
    fn same_key_twice_warns_with_both_lines() {
        let text = format!("{DEV}\n[keys.normal]\n\"ctrl-p\" = \"top\"\n\"C-p\" = \"bottom\"\n");
        let messages = warning_messages(&text);
        assert!(
            messages.contains(&format!(
                "config warning in {PATH}, line 9: [keys.normal]: \"ctrl-p\" = \"top\" (line 8) \
                 and \"C-p\" = \"bottom\" (line 9) bind the same key Ctrl-P; the later line \
                 wins, so \"ctrl-p\" is ignored"
            )),
            "{messages:#?}"
        );
    }

    #[test]
    fn shadowing_default_warns() {
        let text = format!("{DEV}\n[keys.normal]\nr = \"find\"\nj = \"copy\"\n");
        assert_eq!(
            warning_messages(&text),
            [
                format!(
                    "config warning in {PATH}, line 8: [keys.normal]: \"r\" = \"find\" (line 8) \
                     replaces the default binding of r to \"reload\"; reload now has no key; \
                     bind it to another key to keep it"
                ),
                format!(
                    "config warning in {PATH}, line 9: [keys.normal]: \"j\" = \"copy\" (line 9) \
                     replaces the default binding of j to \"move_down\"; move_down keeps its \
                     other keys"
                ),
            ]
        );
    }

    #[test]
    fn aliases_are_read_and_colon_dropped() {
        let text = format!("{DEV}\n[aliases]\np = \"env prod\"\nr = \":realm acme-shop\"\n");
        let loaded = parse_ok(&text);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let aliases: Vec<(&str, &str)> = loaded
            .config
            .aliases
            .iter()
            .map(|(name, command)| (name.as_str(), command.as_str()))
            .collect();
        assert_eq!(aliases, [("p", "env prod"), ("r", "realm acme-shop")]);
    }

    #[test]
    fn alias_shadowing_command_warns_and_is_dropped() {
        let text = format!("{DEV}\n[aliases]\nenv = \"realm shop\"\n");
        let loaded = parse_ok(&text);
        assert!(loaded.config.aliases.is_empty());
        assert_eq!(
            warning_messages(&text),
            [format!(
                "config warning in {PATH}, line 8: alias \"env\" is ignored because :env is a \
                 built-in command; rename the alias"
            )]
        );
    }

    #[test]
    fn alias_to_unknown_command_warns() {
        let text = format!("{DEV}\n[aliases]\np = \"enf prod\"\n");
        assert_eq!(
            warning_messages(&text),
            [format!(
                "config warning in {PATH}, line 8: alias \"p\" runs \"enf prod\", which is not a \
                 built-in command, so the alias fails when used (aliases do not expand other \
                 aliases); did you mean \"env\"?"
            )]
        );
    }

    #[test]
    fn alias_with_space_or_empty_command_is_error() {
        let text = format!("{DEV}\n[aliases]\n\"go prod\" = \"env prod\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 8: key \"aliases.go prod\" has invalid value \"go \
                 prod\"; expected one word without spaces or a leading \":\", such as p"
            )
        );
        let text = format!("{DEV}\n[aliases]\np = \" \"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 8: key \"aliases.p\" has invalid value \" \"; \
                 expected the command to run, such as \"env prod\""
            )
        );
    }
}
