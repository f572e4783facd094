//! Locations of the config file and of the state directory.
//!
//! The config file is the first of: the `--config` option, the `KCDECK_CONFIG` environment
//! variable, and `config.toml` in the platform's config directory (`~/.config/kcdeck` on
//! Linux). A path given by the option or the variable must exist. kcdeck does not fall back to
//! another file then, because silently reading a different file would be worse than stopping.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use super::ConfigError;

/// Environment variable that names the config file when `--config` is not given.
pub const CONFIG_ENV_VAR: &str = "KCDECK_CONFIG";

/// File name of the config file inside [`config_dir`].
pub const CONFIG_FILE_NAME: &str = "config.toml";

/// Finds the config file to load.
///
/// `cli_path` is the value of `--config`. An empty `KCDECK_CONFIG` counts as unset.
///
/// # Errors
///
/// [`ConfigError::FileNotFound`] when the path given by `--config` or `KCDECK_CONFIG` does not
/// exist, and [`ConfigError::NoConfigFile`] when neither is given and the default file does not
/// exist. The latter lists the locations tried and shows an example file.
pub fn discover(cli_path: Option<&Path>) -> Result<PathBuf, ConfigError> {
    let default_path = config_dir().map(|directory| directory.join(CONFIG_FILE_NAME));
    discover_from(cli_path, std::env::var_os(CONFIG_ENV_VAR), default_path)
}

/// Returns the directory of the default config file, or `None` without a home directory.
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().to_path_buf())
}

/// Returns the directory for logs, the change journal and history, or `None` without a home
/// directory.
///
/// This is the platform's state directory (`~/.local/state/kcdeck` on Linux) or, on platforms
/// without one, the local data directory. The directory may not exist yet, so callers create it
/// before writing.
#[must_use]
pub fn state_dir() -> Option<PathBuf> {
    let dirs = project_dirs()?;
    let directory = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(directory.to_path_buf())
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "kcdeck")
}

/// Implements [`discover`] with the environment variable and default path passed in, so tests
/// need not change the process environment.
fn discover_from(
    cli_path: Option<&Path>,
    env_value: Option<OsString>,
    default_path: Option<PathBuf>,
) -> Result<PathBuf, ConfigError> {
    if let Some(path) = cli_path {
        return existing(path.to_path_buf(), "--config");
    }
    if let Some(value) = env_value.filter(|value| !value.is_empty()) {
        return existing(PathBuf::from(value), CONFIG_ENV_VAR);
    }

    let mut searched = vec![
        "the --config option: not given".to_owned(),
        format!("the {CONFIG_ENV_VAR} environment variable: not set"),
    ];
    match &default_path {
        Some(path) if path.exists() => return Ok(path.clone()),
        Some(path) => searched.push(format!("{}: not found", path.display())),
        None => searched
            .push("the standard config directory: unknown without a home directory".to_owned()),
    }
    Err(ConfigError::NoConfigFile {
        searched,
        create_at: default_path,
    })
}

/// Returns `path` if it exists. A directory passes here and fails with a clear error on reading.
fn existing(path: PathBuf, origin: &'static str) -> Result<PathBuf, ConfigError> {
    if path.exists() {
        Ok(path)
    } else {
        Err(ConfigError::FileNotFound { path, origin })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_config() -> (tempfile::TempDir, PathBuf) {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("config.toml");
        std::fs::write(&path, "").expect("write config");
        (directory, path)
    }

    #[test]
    fn discover_prefers_cli_path() {
        let (_directory, cli) = temp_config();
        let (_other, env) = temp_config();
        let found = discover_from(Some(&cli), Some(env.into_os_string()), None);
        assert_eq!(found.expect("found"), cli);
    }

    #[test]
    fn discover_uses_env_before_default() {
        let (_directory, env) = temp_config();
        let (_other, default) = temp_config();
        let found = discover_from(None, Some(env.clone().into_os_string()), Some(default));
        assert_eq!(found.expect("found"), env);
    }

    #[test]
    fn discover_ignores_empty_env() {
        let (_directory, default) = temp_config();
        let found = discover_from(None, Some(OsString::new()), Some(default.clone()));
        assert_eq!(found.expect("found"), default);
    }

    #[test]
    fn discover_missing_cli_path_is_error() {
        let (_directory, default) = temp_config();
        let error = discover_from(Some(Path::new("/nonexistent/kc.toml")), None, Some(default))
            .expect_err("missing file");
        assert_eq!(
            error.to_string(),
            "config file /nonexistent/kc.toml given by --config not found; check the path"
        );
    }

    #[test]
    fn discover_missing_env_path_is_error() {
        let error = discover_from(None, Some("/nonexistent/kc.toml".into()), None)
            .expect_err("missing file");
        assert_eq!(
            error.to_string(),
            "config file /nonexistent/kc.toml given by KCDECK_CONFIG not found; check the path"
        );
    }

    #[test]
    fn discover_nothing_found_lists_locations() {
        let default = PathBuf::from("/home/op/.config/kcdeck/config.toml");
        let error = discover_from(None, None, Some(default)).expect_err("no file");
        let expected = format!(
            "no config file found. kcdeck looked at:\n\
             \x20 - the --config option: not given\n\
             \x20 - the KCDECK_CONFIG environment variable: not set\n\
             \x20 - /home/op/.config/kcdeck/config.toml: not found\n\
             Create /home/op/.config/kcdeck/config.toml (or pass --config FILE), \
             for example:\n\n{}",
            super::super::EXAMPLE_CONFIG
        );
        assert_eq!(error.to_string(), expected);
    }

    #[test]
    fn discover_without_home_suggests_option() {
        let error = discover_from(None, None, None).expect_err("no file");
        let message = error.to_string();
        assert!(
            message.contains("unknown without a home directory"),
            "{message}"
        );
        assert!(
            message.contains("Pass --config FILE with a file such as:"),
            "{message}"
        );
    }

    #[test]
    fn state_dir_is_named_after_kcdeck() {
        // Test machines have a home directory, so both directories are known.
        let state = state_dir().expect("state directory");
        let config = config_dir().expect("config directory");
        assert!(state.ends_with("kcdeck"), "{}", state.display());
        assert!(config.ends_with("kcdeck"), "{}", config.display());
    }
}
