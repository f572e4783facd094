//! Runs the kcdeck binary in a pseudo-terminal and makes one complete role fix as an operator
//! would: open a scratch realm, select a role, edit its description in the JSON editor, stage
//! it, open the staged list, apply, type the protected environment's name, wait for the
//! outcome, then read the role back through the Admin API.
//!
//! The config names only the dev server, marked `protected`, and the journal goes to a
//! temporary file through `KCDECK_JOURNAL`.

mod common;

use std::path::Path;
use std::time::Duration;

use common::live::{client, create_realm, delete_realm, live_config, unique_realm};
use common::pty::Session;
use serde_json::json;

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Time for one key press to show on screen, a realm load or an apply included.
const STEP_TIMEOUT: Duration = Duration::from_secs(30);

const DOWN: &str = "\x1b[B";
const END: &str = "\x1b[F";
const LEFT: &str = "\x1b[D";
const CTRL_S: &str = "\x13";

/// Starts kcdeck with its journal in `journal`.
fn start(config: &Path, journal: &Path) -> Session {
    Session::start(
        config,
        COLS,
        ROWS,
        &[("KCDECK_JOURNAL", journal.as_os_str())],
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn role_description_fix_applies() {
    let Some(loaded) = live_config() else {
        return;
    };
    let dev = client(&loaded, "dev");
    let realm = create_realm(
        &dev,
        json!({
            "realm": unique_realm("pty-write"),
            "enabled": true,
            "roles": {"realm": [{"name": "reports", "description": "old text"}]}
        }),
    )
    .await;

    let directory = tempfile::tempdir().expect("temporary directory");
    let config = directory.path().join("kcdeck.toml");
    let journal = directory.path().join("journal.jsonl");
    std::fs::write(
        &config,
        r#"[[environment]]
name = "dev"
url = "http://127.0.0.1:18080"
color = "green"
username = "admin"
secret = { inline = "admin" }
allow_inline_secret = true
protected = true
"#,
    )
    .expect("config written");

    let outcome = {
        let realm = realm.clone();
        tokio::task::spawn_blocking(move || run_fix(&config, &journal, &realm)).await
    };

    let role = dev.get(&[&realm, "roles", "reports"], &[]).await;
    delete_realm(&dev, &realm).await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic.into_panic());
    }
    let role = role.expect("role reads back");
    assert_eq!(role["description"], "old text, fixed");
}

/// Drives kcdeck through the fix and quits.
fn run_fix(config: &Path, journal: &Path, realm: &str) {
    let mut session = start(config, journal);
    session.wait_for(realm, STEP_TIMEOUT);
    session.type_keys(&format!(":realm {realm}\r"));
    session.type_keys(":roles\r");
    session.wait_for("reports", STEP_TIMEOUT);
    session.type_keys("/reports\r");

    session.type_keys("e");
    session.wait_for("Edit role reports", STEP_TIMEOUT);
    // The cursor starts on the opening brace; the description is the next line.
    session.type_keys(DOWN);
    session.type_keys(END);
    session.type_keys(LEFT);
    session.type_keys(LEFT);
    for key in ", fixed".chars() {
        session.type_keys(&key.to_string());
    }
    session.type_keys(CTRL_S);
    session.wait_for("staged edit role", STEP_TIMEOUT);

    session.type_keys("p");
    session.wait_for("Staged changes (1)", STEP_TIMEOUT);
    session.type_keys("\r");
    session.wait_for("Apply to dev", STEP_TIMEOUT);
    session.wait_for("type dev to apply", STEP_TIMEOUT);
    session.type_keys("dev\r");
    session.wait_for("Outcome in dev", STEP_TIMEOUT);
    session.wait_for("applied", STEP_TIMEOUT);
    assert!(!session.dump().contains("FAILED"), "{}", session.dump());
    session.type_keys("\x1b");
    session.type_keys("q");
}
