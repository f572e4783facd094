//! Validation of the parsed document into a typed [`Config`].
//!
//! This module walks the TOML tables key by key and stops at the first problem, so the user
//! gets one error that names the line, the key, the bad value and the fix. Unknown keys and keys
//! that have no effect become warnings. Keycloak connection keys are checked in
//! `connection.rs`. Nothing here reads a secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::de::DeTable;

use super::color::{accepted_colors, default_color, parse_color};
use super::connection::{
    CONNECTION_KEYS, read_connection, resolve_path, warn_connection_keys_ignored,
};
use super::error::SourceFile;
use super::model::ThemeChoice;
use super::reader::TableReader;
use super::{Config, ConfigError, ConfigWarning, Environment, Kind, Settings, WarningKind};
use crate::diff::DiffConfig;

const ROOT_KEYS: [&str; 5] = ["settings", "environment", "diff", "keys", "aliases"];
const SETTINGS_KEYS: [&str; 4] = ["concurrency", "timeout_secs", "theme", "ascii"];
const COMMON_KEYS: [&str; 6] = [
    "name",
    "kind",
    "color",
    "read_only",
    "protected",
    "realm_names",
];
const FILE_KEYS: [&str; 1] = ["path"];

/// Builds the typed config from the parsed document, adding warnings to `warnings`.
pub(super) fn build_config(
    file: &SourceFile<'_>,
    document: &DeTable<'_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<Config, ConfigError> {
    let root = TableReader::root(file, document);
    root.warn_unknown_keys(&ROOT_KEYS, warnings);

    let settings = match root.table("settings")? {
        Some(table) => read_settings(&table, warnings)?,
        None => Settings::default(),
    };

    let tables = root.array_of_tables("environment")?;
    if tables.is_empty() {
        return Err(no_environments(&root));
    }
    let mut environments: Vec<Environment> = Vec::with_capacity(tables.len());
    let mut first_lines: Vec<usize> = Vec::with_capacity(tables.len());
    for (index, mut table) in tables.into_iter().enumerate() {
        let environment = read_environment(index, &mut table, warnings)?;
        let duplicate = environments
            .iter()
            .position(|other| other.name.eq_ignore_ascii_case(&environment.name));
        if let Some(other) = duplicate {
            return Err(duplicate_name(
                &table,
                &environment.name,
                first_lines[other],
            ));
        }
        first_lines.push(file.line(table.key_span("name").start));
        environments.push(environment);
    }

    Ok(Config {
        settings,
        environments,
        diff: read_diff(file)?,
        keys: super::keys::read_keys(&root, warnings)?,
        aliases: super::keys::read_aliases(&root, warnings)?,
    })
}

/// Reads the `[diff]` table of expected differences with serde, since its
/// rules are plain data that the comparison engine defines.
fn read_diff(file: &SourceFile<'_>) -> Result<DiffConfig, ConfigError> {
    #[derive(serde::Deserialize)]
    struct Root {
        #[serde(default)]
        diff: DiffConfig,
    }
    let root: Root = toml::from_str(file.text).map_err(|error| match error.span() {
        Some(span) => file.error(&span, format!("invalid [diff] rule: {}", error.message())),
        None => file.syntax_error(&error),
    })?;
    Ok(root.diff)
}

fn no_environments(root: &TableReader<'_, '_>) -> ConfigError {
    let file = root.file();
    let message = match root.misspelling_of("environment") {
        Some((key, span)) => format!(
            "no environments defined; the table on line {} is called \"{key}\", but kcdeck \
             reads [[environment]], so rename it",
            file.line(span.start)
        ),
        None => format!(
            "no environments defined; add at least one [[environment]] table, for example:\n\n{}",
            super::EXAMPLE_CONFIG
        ),
    };
    file.file_error(message)
}

fn duplicate_name(table: &TableReader<'_, '_>, name: &str, first_line: usize) -> ConfigError {
    let message = format!(
        "name \"{name}\" is already used by the environment on line {first_line}; give each \
         environment a unique name (names that differ only in case count as the same)"
    );
    table.error_at("name", &message)
}

/// Resolves `theme`: a built-in theme name, or a theme file relative to the config file.
fn read_theme(table: &TableReader<'_, '_>, value: &str) -> Result<ThemeChoice, ConfigError> {
    if crate::theme::BUILTIN_NAMES.contains(&value) {
        return Ok(ThemeChoice::Builtin(value.to_owned()));
    }
    let base = table
        .file()
        .path
        .parent()
        .unwrap_or_else(|| std::path::Path::new("."));
    let path = base.join(value);
    match crate::theme::ThemeFile::load(&path) {
        Ok(_) => Ok(ThemeChoice::File(path)),
        Err(error) => {
            let names = crate::theme::BUILTIN_NAMES.join(", ");
            let message = format!(
                "key \"theme\" has invalid value \"{value}\": {error}; use one of {names} or a theme file"
            );
            Err(table.error_at("theme", &message))
        }
    }
}

fn read_settings(
    table: &TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<Settings, ConfigError> {
    table.warn_unknown_keys(&SETTINGS_KEYS, warnings);
    let mut settings = Settings::default();

    if let Some(value) = table.integer("concurrency")? {
        let max = Settings::MAX_CONCURRENCY;
        let concurrency = usize::try_from(*value.get_ref())
            .ok()
            .filter(|n| (1..=max).contains(n));
        let expected = format!("expected an integer from 1 to {max}");
        settings.concurrency = concurrency.ok_or_else(|| {
            table.invalid_value("concurrency", &value.get_ref().to_string(), &expected)
        })?;
    }

    if let Some(value) = table.integer("timeout_secs")? {
        let max = Settings::MAX_TIMEOUT_SECS;
        let seconds = u64::try_from(*value.get_ref())
            .ok()
            .filter(|n| (1..=max).contains(n));
        let expected = format!("expected a number of seconds from 1 to {max}");
        let seconds = seconds.ok_or_else(|| {
            table.invalid_value("timeout_secs", &value.get_ref().to_string(), &expected)
        })?;
        settings.timeout = Duration::from_secs(seconds);
    }

    if let Some(value) = table.string("theme")? {
        settings.theme = read_theme(table, value.get_ref())?;
    }
    if let Some(value) = table.boolean("ascii")? {
        settings.ascii = *value.get_ref();
    }

    Ok(settings)
}

/// Reads the `[[environment]]` table at `index` (counting from 0), relabelling `table` with the
/// environment's name once it is known.
fn read_environment(
    index: usize,
    table: &mut TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<Environment, ConfigError> {
    let name = read_name(table)?;
    table.set_label(format!("environment \"{name}\""));

    let is_file = read_is_file_kind(table)?;
    let color = match table.string("color")? {
        Some(text) => parse_color(text.get_ref()).ok_or_else(|| {
            table.invalid_value("color", &quoted(text.get_ref()), &accepted_colors())
        })?,
        None => default_color(index),
    };
    let mut read_only = flag(table, "read_only")?;
    let protected = flag(table, "protected")?;
    let realm_names = read_realm_names(table)?;

    let kind = if is_file {
        read_only = read_only_for_file(table, warnings)?;
        warn_connection_keys_ignored(table, warnings);
        Kind::File {
            path: read_export_path(table)?,
        }
    } else {
        warn_ignored(
            table,
            &FILE_KEYS,
            "it applies only to kind = \"file\"",
            warnings,
        );
        Kind::Keycloak(read_connection(table, warnings)?)
    };

    let known: Vec<&str> = [&COMMON_KEYS[..], &CONNECTION_KEYS[..], &FILE_KEYS[..]].concat();
    table.warn_unknown_keys(&known, warnings);

    Ok(Environment {
        name,
        color,
        read_only,
        protected,
        realm_names,
        kind,
    })
}

fn read_name(table: &TableReader<'_, '_>) -> Result<String, ConfigError> {
    let Some(name) = table.string("name")? else {
        return Err(table.missing("name", "add a unique name such as name = \"dev\""));
    };
    let name = *name.get_ref();
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    if name.is_empty() || !name.chars().all(valid) {
        let expected =
            "use only ASCII letters, digits, \"_\", \".\" and \"-\", such as \"prod-eu\"";
        return Err(table.invalid_value("name", &quoted(name), expected));
    }
    Ok(name.to_owned())
}

fn read_is_file_kind(table: &TableReader<'_, '_>) -> Result<bool, ConfigError> {
    let Some(kind) = table.string("kind")? else {
        return Ok(false);
    };
    match *kind.get_ref() {
        "keycloak" => Ok(false),
        "file" => Ok(true),
        other => {
            let expected = "expected \"keycloak\" or \"file\"";
            Err(table.invalid_value("kind", &quoted(other), expected))
        }
    }
}

/// Reads an optional boolean that defaults to `false`.
pub(super) fn flag(table: &TableReader<'_, '_>, key: &str) -> Result<bool, ConfigError> {
    Ok(table.boolean(key)?.is_some_and(|value| *value.get_ref()))
}

fn read_only_for_file(
    table: &TableReader<'_, '_>,
    warnings: &mut Vec<ConfigWarning>,
) -> Result<bool, ConfigError> {
    if table
        .boolean("read_only")?
        .is_some_and(|value| !value.get_ref())
    {
        let message = "read_only = false is ignored because an export file is always read-only";
        warnings.push(table.warning_at("read_only", WarningKind::IgnoredKey, message));
    }
    Ok(true)
}

fn read_export_path(table: &TableReader<'_, '_>) -> Result<PathBuf, ConfigError> {
    let Some(text) = table.string("path")? else {
        let message = "missing required key \"path\" for kind = \"file\"; add the realm export \
                       to read, such as path = \"exports/realm.json\" (relative to the config \
                       file's directory)";
        return Err(table.error_at("kind", message));
    };
    let path = resolve_path(table.file().path, text.get_ref());
    check_file(&path)
        .map_err(|problem| file_error(table, "path", text.get_ref(), &path, &problem))?;
    Ok(path)
}

fn read_realm_names(table: &TableReader<'_, '_>) -> Result<BTreeMap<String, String>, ConfigError> {
    let Some(names) = table.table("realm_names")? else {
        return Ok(BTreeMap::new());
    };
    let mut realm_names = BTreeMap::new();
    for logical in names.keys() {
        let Some(actual) = names.string(logical)? else {
            continue;
        };
        let actual = *actual.get_ref();
        if logical.is_empty() || actual.is_empty() {
            let message = "realm_names contains an empty realm name; write each entry as \
                           logical-name = \"realm-name-in-this-environment\"";
            return Err(names.error_at(logical, message));
        }
        let existing_mapping = realm_names.iter().find(|(_, other)| *other == actual);
        if let Some((other, _)) = existing_mapping {
            let expected = format!("expected a realm not mapped yet, but \"{other}\" maps to it");
            return Err(names.invalid_value(logical, &quoted(actual), &expected));
        }
        realm_names.insert(logical.to_owned(), actual.to_owned());
    }
    Ok(realm_names)
}

/// Adds a warning for each of `keys` present in `table`, saying it is ignored because `reason`.
pub(super) fn warn_ignored(
    table: &TableReader<'_, '_>,
    keys: &[&str],
    reason: &str,
    warnings: &mut Vec<ConfigWarning>,
) {
    for key in keys.iter().filter(|key| table.contains(key)) {
        let message = format!("key \"{key}\" is ignored because {reason}");
        warnings.push(table.warning_at(key, WarningKind::IgnoredKey, &message));
    }
}

/// Checks that `path` is a readable file, returning the problem for the user otherwise.
pub(super) fn check_file(path: &Path) -> Result<(), String> {
    let metadata = std::fs::metadata(path).map_err(|error| describe_io_error(&error))?;
    if metadata.is_dir() {
        return Err("it is a directory, not a file".to_owned());
    }
    std::fs::File::open(path).map_err(|error| describe_io_error(&error))?;
    Ok(())
}

/// Builds the error for a file key whose file cannot be used, showing the resolved path when it
/// differs from what the user wrote.
pub(super) fn file_error(
    table: &TableReader<'_, '_>,
    key: &str,
    text: &str,
    resolved: &Path,
    problem: &str,
) -> ConfigError {
    let value_and_problem = if resolved == Path::new(text) {
        format!("{}: {problem}", quoted(text))
    } else {
        format!("{} ({}): {problem}", quoted(text), resolved.display())
    };
    let fix = "fix the path (a relative path starts at the config file's directory)";
    table.invalid_value(key, &value_and_problem, fix)
}

fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// Quotes a value from the config file for a message, escaping control characters.
pub(super) fn quoted(text: &str) -> String {
    format!("\"{}\"", text.escape_debug())
}

#[cfg(test)]
mod tests {
    use ratatui::style::Color;

    use super::super::test_support::{
        DEV, PATH, error_message, error_message_at, parse_ok, parse_ok_at, warning_messages,
    };
    use super::*;

    #[test]
    fn no_environments_shows_example() {
        let message = error_message("[settings]\nconcurrency = 2\n");
        assert_eq!(
            message,
            format!(
                "config error in {PATH}: no environments defined; add at least one \
                 [[environment]] table, for example:\n\n{}",
                super::super::EXAMPLE_CONFIG
            )
        );
    }

    #[test]
    fn empty_file_has_no_environments() {
        let message = error_message("");
        assert!(message.contains("no environments defined"), "{message}");
    }

    #[test]
    fn no_environments_names_misspelled_table() {
        let text = DEV.replace("[[environment]]", "\n[[environments]]");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}: no environments defined; the table on line 2 is called \
                 \"environments\", but kcdeck reads [[environment]], so rename it"
            )
        );
    }

    #[test]
    fn single_environment_table_is_type_error() {
        let text = DEV.replace("[[environment]]", "[environment]");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 1: key \"environment\" has invalid type table; \
                 expected an array of tables, each starting with a [[environment]] line"
            )
        );
    }

    #[test]
    fn duplicate_name_points_at_both() {
        let text = format!("{DEV}\n{}", DEV.replace("\"dev\"", "\"DEV\""));
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 8: environment \"DEV\": name \"DEV\" is already \
                 used by the environment on line 2; give each environment a unique name (names \
                 that differ only in case count as the same)"
            )
        );
    }

    #[test]
    fn missing_name_points_at_header() {
        let text = format!("{DEV}\n{}", DEV.replace("name = \"dev\"\n", ""));
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 7: environment #2: missing required key \"name\"; \
                 add a unique name such as name = \"dev\""
            )
        );
    }

    #[test]
    fn invalid_name_shows_value() {
        let text = DEV.replace("\"dev\"", "\"my env\"");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 2: environment #1: key \"name\" has invalid value \
                 \"my env\"; use only ASCII letters, digits, \"_\", \".\" and \"-\", such as \
                 \"prod-eu\""
            )
        );
    }

    #[test]
    fn empty_name_is_invalid() {
        let text = DEV.replace("\"dev\"", "\"\"");
        let message = error_message(&text);
        assert!(
            message.contains("key \"name\" has invalid value \"\""),
            "{message}"
        );
    }

    #[test]
    fn name_of_wrong_type() {
        let text = DEV.replace("\"dev\"", "42");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 2: environment #1: key \"name\" has invalid type \
                 integer (42); expected a string"
            )
        );
    }

    #[test]
    fn boolean_of_wrong_type() {
        let text = format!("{DEV}read_only = \"yes\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 6: environment \"dev\": key \"read_only\" has \
                 invalid type string (\"yes\"); expected a boolean (true or false)"
            )
        );
    }

    #[test]
    fn invalid_kind_lists_choices() {
        let text = format!("{DEV}kind = \"files\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 6: environment \"dev\": key \"kind\" has invalid \
                 value \"files\"; expected \"keycloak\" or \"file\""
            )
        );
    }

    #[test]
    fn unknown_color_lists_choices() {
        let text = format!("{DEV}color = \"purple\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 6: environment \"dev\": key \"color\" has invalid \
                 value \"purple\"; expected one of black, red, green, yellow, blue, magenta, \
                 cyan, white, gray, light-red, light-green, light-yellow, light-blue, \
                 light-magenta, light-cyan or \"#rrggbb\""
            )
        );
    }

    #[test]
    fn default_colors_follow_position() {
        let text = format!("{DEV}\n{}", DEV.replace("\"dev\"", "\"prod\""));
        let colors: Vec<Color> = parse_ok(&text)
            .config
            .environments
            .iter()
            .map(|env| env.color)
            .collect();
        assert_eq!(colors, [Color::Cyan, Color::Green]);
    }

    #[test]
    fn settings_out_of_range() {
        let text = format!("[settings]\nconcurrency = 0\n\n{DEV}");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 2: key \"settings.concurrency\" has invalid value \
                 0; expected an integer from 1 to 32"
            )
        );
        let text = format!("[settings]\ntimeout_secs = 20000\n\n{DEV}");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 2: key \"settings.timeout_secs\" has invalid value \
                 20000; expected a number of seconds from 1 to 3600"
            )
        );
    }

    #[test]
    fn settings_negative_and_wrong_type() {
        let text = format!("[settings]\ntimeout_secs = -5\n\n{DEV}");
        let message = error_message(&text);
        assert!(message.contains("has invalid value -5;"), "{message}");
        let text = format!("[settings]\nconcurrency = 2.5\n\n{DEV}");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 2: key \"settings.concurrency\" has invalid type \
                 float (2.5); expected an integer"
            )
        );
    }

    #[test]
    fn settings_accept_other_radix() {
        let text = format!("[settings]\nconcurrency = 0x10\ntimeout_secs = 1_000\n\n{DEV}");
        let settings = parse_ok(&text).config.settings;
        assert_eq!(settings.concurrency, 16);
        assert_eq!(settings.timeout, Duration::from_secs(1000));
    }

    #[test]
    fn settings_not_a_table() {
        let text = format!("settings = 3\n{DEV}");
        let message = error_message(&text);
        assert!(
            message.ends_with("key \"settings\" has invalid type integer (3); expected a table")
        );
    }

    #[test]
    fn realm_names_of_wrong_type() {
        let text = format!("{DEV}realm_names = {{ shop = 1 }}\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 6: environment \"dev\": key \"realm_names.shop\" \
                 has invalid type integer (1); expected a string"
            )
        );
    }

    #[test]
    fn realm_names_mapped_twice() {
        let text = format!("{DEV}[environment.realm_names]\nbilling = \"x\"\nshop = \"x\"\n");
        assert_eq!(
            error_message(&text),
            format!(
                "config error in {PATH}, line 8: environment \"dev\": key \"realm_names.shop\" \
                 has invalid value \"x\"; expected a realm not mapped yet, but \"billing\" maps \
                 to it"
            )
        );
    }

    #[test]
    fn realm_names_empty_value() {
        let text = format!("{DEV}realm_names = {{ shop = \"\" }}\n");
        let message = error_message(&text);
        assert!(
            message.contains("realm_names contains an empty realm name"),
            "{message}"
        );
    }

    const SNAPSHOT: &str = "[[environment]]\nname = \"snapshot\"\nkind = \"file\"\n";

    #[test]
    fn file_kind_without_path() {
        assert_eq!(
            error_message(SNAPSHOT),
            format!(
                "config error in {PATH}, line 3: environment \"snapshot\": missing required key \
                 \"path\" for kind = \"file\"; add the realm export to read, such as \
                 path = \"exports/realm.json\" (relative to the config file's directory)"
            )
        );
    }

    #[test]
    fn file_kind_path_not_found() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let config = directory.path().join("config.toml");
        let text = format!("{SNAPSHOT}path = \"missing.json\"\n");
        assert_eq!(
            error_message_at(&text, &config),
            format!(
                "config error in {}, line 4: environment \"snapshot\": key \"path\" has invalid \
                 value \"missing.json\" ({}): file not found; fix the path (a relative path \
                 starts at the config file's directory)",
                config.display(),
                directory.path().join("missing.json").display()
            )
        );
    }

    #[test]
    fn file_kind_path_is_directory() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let config = directory.path().join("config.toml");
        let text = format!("{SNAPSHOT}path = \"{}\"\n", directory.path().display());
        let message = error_message_at(&text, &config);
        assert!(
            message.contains(": it is a directory, not a file; fix the path"),
            "{message}"
        );
    }

    #[test]
    fn file_kind_ignores_connection_keys() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let config = directory.path().join("config.toml");
        std::fs::write(directory.path().join("realm.json"), "{}").expect("write export");
        let text = format!(
            "{SNAPSHOT}path = \"realm.json\"\nurl = \"https://x\"\nread_only = false\n\
             secret = {{ prompt = true }}\n"
        );
        let loaded = parse_ok_at(&text, &config);
        let messages: Vec<String> = loaded.warnings.iter().map(|w| w.message.clone()).collect();
        assert_eq!(
            messages,
            [
                "environment \"snapshot\": key \"url\" is ignored because kind = \"file\"",
                "environment \"snapshot\": read_only = false is ignored because an export file \
                 is always read-only",
                "environment \"snapshot\": key \"secret\" is ignored because kind = \"file\"",
            ]
        );
        assert!(loaded.config.environments[0].read_only);
    }

    #[test]
    fn keycloak_kind_ignores_path() {
        let text = format!("{DEV}path = \"export.json\"\n");
        assert_eq!(
            warning_messages(&text),
            [format!(
                "config warning in {PATH}, line 6: environment \"dev\": key \"path\" is ignored \
                 because it applies only to kind = \"file\""
            )]
        );
    }

    #[test]
    fn diff_table_reads_rules() {
        let text = format!(
            "{DEV}\n[diff]\nignore = [{{ kind = \"clients\", key = \"test-*\" }}]\n\
             [[diff.substitute]]\na = \"dev.example.com\"\nb = \"example.com\"\n\
             [diff.pair.\"dev:prod\"]\nignore = [\"attributes.*\"]\n"
        );
        let loaded = parse_ok(&text);
        let diff = &loaded.config.diff;
        assert_eq!(diff.ignore.len(), 1);
        assert_eq!(diff.substitute[0].b, "example.com");
        assert_eq!(diff.rules_for("dev", "prod").ignore.len(), 2);
        assert!(loaded.warnings.is_empty(), "[diff] is a known table");
    }

    #[test]
    fn diff_table_rejects_unknown_rule_key() {
        let text = format!("{DEV}\n[diff]\nignore = [{{ kinds = \"clients\" }}]\n");
        let message = error_message(&text);
        assert!(message.contains("line 8"), "{message}");
        assert!(
            message.contains("invalid [diff] rule: unknown field `kinds`"),
            "{message}"
        );
    }

    #[test]
    fn theme_setting_names_builtin_or_file() {
        let loaded = parse_ok(&format!(
            "[settings]\ntheme = \"light\"\nascii = true\n{DEV}"
        ));
        assert_eq!(
            loaded.config.settings.theme,
            ThemeChoice::Builtin("light".into())
        );
        assert!(loaded.config.settings.ascii);

        let message = error_message(&format!("[settings]\ntheme = \"sepia\"\n{DEV}"));
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("\"sepia\""), "{message}");
        assert!(
            message.contains("dark, light, high-contrast, monochrome"),
            "{message}"
        );
    }
}
