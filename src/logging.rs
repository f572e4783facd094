//! Logging to a file in the state directory, never to the terminal the UI draws on.

use std::path::PathBuf;

use tracing_subscriber::EnvFilter;

/// Name of the log file inside the state directory.
pub const LOG_FILE: &str = "kcdeck.log";

/// Starts logging to the state directory and returns the log file's path.
///
/// kcdeck logs at info and dependencies at warn unless `KCDECK_LOG` sets a
/// filter such as `kcdeck=debug`. Without a writable state directory kcdeck
/// runs without a log.
pub fn init() -> Option<PathBuf> {
    let dir = crate::config::state_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(LOG_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let filter = EnvFilter::try_from_env("KCDECK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("warn,kcdeck=info"));
    let subscriber = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter);
    subscriber.try_init().ok()?;
    Some(path)
}
