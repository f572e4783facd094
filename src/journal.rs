//! The change journal: one JSON line per applied or failed write, appended
//! to `journal.jsonl` in the state directory.
//!
//! Each line records when, who, where (environment and realm), which object,
//! which operation, the state before and after, and the result. Steps of one
//! applied plan share a change id, so the last change can be undone as a
//! whole. Values of secret-named fields are masked before they are written,
//! and client states never contain the client secret to begin with.
//!
//! The journal is append-only and never rewritten. Lines are appended with
//! one `write` call each on a file opened in append mode, so two kcdeck
//! processes on one machine do not interleave within a line.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::inventory::normalize::mask_secrets;
use crate::plan::{Operation, Plan, Written, inverse_plan};

/// File name of the journal inside the state directory.
pub const FILE_NAME: &str = "journal.jsonl";

/// Result of one journaled step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepResult {
    /// Written, read back and found as planned.
    Applied,
    /// Written, but the state read back differs from the plan.
    Unverified,
    /// Not written: the object changed after the plan was made.
    Stale,
    /// Not written, or rejected by the server.
    Failed,
}

impl StepResult {
    /// Reports whether the write reached the server, so undo must reverse it.
    pub fn was_written(self) -> bool {
        matches!(self, Self::Applied | Self::Unverified)
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// When the step finished, RFC 3339 in UTC.
    pub time: String,
    /// User name or service account that kcdeck was logged in as.
    pub operator: String,
    pub env: String,
    pub realm: String,
    /// Id shared by the steps of one applied plan.
    pub change: String,
    /// Title of the plan, such as `copy realm role "x" from dev/shop to prod/shop`.
    pub title: String,
    /// Position of the step in its plan, from 1.
    pub step: usize,
    /// Number of operations in the plan.
    pub steps: usize,
    /// Change id that this change reverses, for rollbacks and undos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
    /// The object, such as `realm role "x"`.
    pub object: String,
    pub operation: Operation,
    /// State the plan expected before the write.
    pub before: Value,
    /// State read back after the step, when it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
    pub result: StepResult,
    /// Reason the step failed or was not verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Failure to write or read the journal.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("no state directory on this platform; pass a journal path explicitly")]
    NoStateDir,
    #[error("cannot write the journal {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read the journal {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: not a journal entry: {source}")]
    Invalid {
        path: PathBuf,
        line: usize,
        source: serde_json::Error,
    },
}

/// Failure to build an undo plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UndoError {
    #[error("the journal holds no change to undo")]
    Empty,
    #[error("change {0} wrote nothing, so there is nothing to undo")]
    NothingWritten(String),
}

/// An append-only journal file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    /// Uses the journal at `path`, for tests and `--journal`.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// Uses `journal.jsonl` in kcdeck's state directory.
    pub fn in_state_dir() -> Result<Self, JournalError> {
        let dir = crate::config::state_dir().ok_or(JournalError::NoStateDir)?;
        Ok(Self::at(dir.join(FILE_NAME)))
    }

    /// Returns the journal file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates the directory and opens the file for appending, so a journal
    /// that cannot be written stops a plan before its first write.
    pub fn check_writable(&self) -> Result<(), JournalError> {
        self.open().map(drop)
    }

    /// Appends one entry as a line, masking secret-named fields.
    pub fn append(&self, entry: &Entry) -> Result<(), JournalError> {
        let mut value = serde_json::to_value(entry).unwrap_or(Value::Null);
        mask_secrets(&mut value);
        let mut line = serde_json::to_string(&value).unwrap_or_default();
        line.push('\n');
        let mut file = self.open()?;
        file.write_all(line.as_bytes())
            .map_err(|source| self.write_error(source))
    }

    /// Reads every entry, oldest first.
    pub fn read(&self) -> Result<Vec<Entry>, JournalError> {
        read_journal(&self.path)
    }

    fn open(&self) -> Result<std::fs::File, JournalError> {
        if let Some(dir) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| self.write_error(source))?;
        }
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|source| self.write_error(source))
    }

    fn write_error(&self, source: std::io::Error) -> JournalError {
        JournalError::Write {
            path: self.path.clone(),
            source,
        }
    }
}

/// Reads the journal at `path`; a missing file is an empty journal.
pub fn read_journal(path: &Path) -> Result<Vec<Entry>, JournalError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(JournalError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line).map_err(|source| JournalError::Invalid {
                path: path.to_path_buf(),
                line: index + 1,
                source,
            })
        })
        .collect()
}

/// Returns the entries of the last change, optionally of one environment only.
pub fn last_change<'e>(entries: &'e [Entry], env: Option<&str>) -> Vec<&'e Entry> {
    let last = entries
        .iter()
        .rev()
        .find(|entry| env.is_none_or(|env| entry.env == env));
    let Some(last) = last else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|entry| entry.change == last.change)
        .collect()
}

/// Builds the plan that undoes a change, from that change's entries.
///
/// Only steps that reached the server are reversed, last first. Each
/// inverse expects the state read back after the original step, so the
/// undo stops if someone changed the object since. The plan must be
/// confirmed and applied like any other.
pub fn undo_plan(change: &[&Entry]) -> Result<Plan, UndoError> {
    let first = change.first().ok_or(UndoError::Empty)?;
    let mut steps: Vec<&Entry> = change
        .iter()
        .copied()
        .filter(|entry| entry.result.was_written())
        .collect();
    if steps.is_empty() {
        return Err(UndoError::NothingWritten(first.change.clone()));
    }
    steps.sort_by_key(|entry| entry.step);
    let written: Vec<Written> = steps
        .iter()
        .map(|entry| Written {
            operation: entry.operation.clone(),
            after: entry
                .after
                .clone()
                .unwrap_or_else(|| entry.operation.after()),
        })
        .collect();
    let mut plan = inverse_plan(
        &first.env,
        &first.realm,
        &first.title,
        &first.change,
        &written,
    );
    if steps.len() < first.steps {
        plan.notes.push(format!(
            "change {} wrote {} of its {} steps; only those are undone",
            first.change,
            steps.len(),
            first.steps
        ));
    }
    Ok(plan)
}

/// Returns a new change id: the time in milliseconds, the process id and a counter.
pub fn new_change_id() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis());
    format!(
        "{millis:x}-{:x}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Formats the current time as RFC 3339 in UTC with milliseconds.
pub fn now_rfc3339() -> String {
    format_rfc3339(SystemTime::now())
}

/// Formats `time` as RFC 3339 in UTC with milliseconds, such as
/// `2024-02-29T13:05:09.042Z`. Times before 1970 print as the epoch.
pub fn format_rfc3339(time: SystemTime) -> String {
    let elapsed = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let seconds = elapsed.as_secs();
    let (year, month, day) = civil_date(seconds / 86_400);
    let of_day = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
        elapsed.subsec_millis()
    )
}

/// Converts days since 1970-01-01 into a proleptic Gregorian date.
///
/// Counts in 400-year eras of 146 097 days starting on 1 March, so the leap
/// day falls at the end of each counted year. This is the usual
/// days-to-civil method.
fn civil_date(days: u64) -> (u64, u64, u64) {
    let shifted = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 is March
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::json;

    use crate::inventory::normalize::SECRET_MASK;

    use super::*;
    use crate::inventory::RoleRef;

    fn at(seconds: u64, millis: u64) -> String {
        format_rfc3339(UNIX_EPOCH + Duration::from_secs(seconds) + Duration::from_millis(millis))
    }

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(at(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(at(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(at(1_709_211_909, 42), "2024-02-29T13:05:09.042Z");
        assert_eq!(at(4_102_444_799, 999), "2099-12-31T23:59:59.999Z");
        assert_eq!(at(4_107_542_400, 0), "2100-03-01T00:00:00.000Z");
    }

    fn entry(change: &str, step: usize, result: StepResult) -> Entry {
        let operation = Operation::CreateRole {
            role: RoleRef::realm(format!("r{step}")),
            after: json!({"description": "d"}),
        };
        Entry {
            time: now_rfc3339(),
            operator: "admin".into(),
            env: "prod".into(),
            realm: "shop".into(),
            change: change.into(),
            title: "copy".into(),
            step,
            steps: 2,
            undoes: None,
            object: operation.object().to_string(),
            before: operation.before(),
            after: Some(operation.after()),
            operation,
            result,
            error: None,
        }
    }

    #[test]
    fn journal_round_trips_and_masks_secrets() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let journal = Journal::at(dir.path().join("nested/journal.jsonl"));
        let mut first = entry("c1", 1, StepResult::Applied);
        first.after = Some(json!({"attributes": {"password": "hunter2"}}));
        journal.append(&first).expect("appended");
        journal
            .append(&entry("c1", 2, StepResult::Failed))
            .expect("appended");

        let text = std::fs::read_to_string(journal.path()).expect("journal file");
        assert_eq!(text.lines().count(), 2);
        assert!(!text.contains("hunter2"));
        let entries = journal.read().expect("journal reads back");
        assert_eq!(entries.len(), 2);
        assert_eq!(
            entries[0].after,
            Some(json!({"attributes": {"password": SECRET_MASK}}))
        );
        assert_eq!(entries[1].result, StepResult::Failed);
    }

    #[test]
    fn read_journal_names_bad_line() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, "\n{not json}\n").expect("written");
        let message = read_journal(&path).expect_err("invalid").to_string();
        assert!(message.contains("line 2"), "{message}");
        assert!(
            read_journal(&dir.path().join("missing.jsonl"))
                .expect("missing file is empty")
                .is_empty()
        );
    }

    #[test]
    fn last_change_picks_latest_of_env() {
        let mut other = entry("c2", 1, StepResult::Applied);
        other.env = "dev".into();
        let entries = vec![
            entry("c1", 1, StepResult::Applied),
            entry("c1", 2, StepResult::Applied),
            other,
        ];
        assert_eq!(last_change(&entries, None).len(), 1);
        let prod = last_change(&entries, Some("prod"));
        assert_eq!(prod.len(), 2);
        assert!(prod.iter().all(|entry| entry.change == "c1"));
    }

    #[test]
    fn undo_plan_skips_unwritten_steps() {
        let entries = [
            entry("c1", 1, StepResult::Applied),
            entry("c1", 2, StepResult::Failed),
        ];
        let change: Vec<&Entry> = entries.iter().collect();
        let plan = undo_plan(&change).expect("undo plan");
        let kinds: Vec<&str> = plan.operations.iter().map(Operation::kind).collect();
        assert_eq!(kinds, ["delete_role"]);
        assert_eq!(plan.undoes.as_deref(), Some("c1"));
        assert!(
            plan.notes
                .iter()
                .any(|note| note.contains("1 of its 2 steps"))
        );

        let failed = [entry("c3", 1, StepResult::Failed)];
        let change: Vec<&Entry> = failed.iter().collect();
        assert_eq!(
            undo_plan(&change),
            Err(UndoError::NothingWritten("c3".into()))
        );
        assert_eq!(undo_plan(&[]), Err(UndoError::Empty));
    }
}
