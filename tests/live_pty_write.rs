//! Runs the kcdeck binary in a pseudo-terminal and makes one complete role fix as an operator
//! would: open a scratch realm, select a role, edit its description in the JSON editor, stage
//! it, open the staged list, apply, type the protected environment's name, wait for the
//! outcome, then read the role back through the Admin API.
//!
//! The config names only the dev server, marked `protected`, and the journal goes to a
//! temporary file through `KCDECK_JOURNAL`.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use common::live::{client, create_realm, delete_realm, live_config, unique_realm};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::json;

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Time for one key press to show on screen, a realm load or an apply included.
const STEP_TIMEOUT: Duration = Duration::from_secs(30);
const POLL_INTERVAL: Duration = Duration::from_millis(50);

const DOWN: &str = "\x1b[B";
const END: &str = "\x1b[F";
const LEFT: &str = "\x1b[D";
const CTRL_S: &str = "\x13";

/// kcdeck in a pseudo-terminal, its output parsed into a screen by a reader thread.
struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Closing the master side would hang up kcdeck's terminal.
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(config: &Path, journal: &Path) -> Self {
        let size = PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .expect("pseudo-terminal opens");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_kcdeck"));
        command.arg("--config");
        command.arg(config);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        command.env("KCDECK_JOURNAL", journal);
        let child = pair.slave.spawn_command(command).expect("kcdeck starts");
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let screen = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buffer = [0_u8; 8192];
            while let Ok(count) = reader.read(&mut buffer) {
                if count == 0 {
                    break;
                }
                lock(&screen).process(&buffer[..count]);
            }
        });
        Self {
            parser,
            writer: pair.master.take_writer().expect("pty writer"),
            child,
            _master: pair.master,
        }
    }

    fn type_keys(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("keys reach kcdeck");
        // Lets kcdeck read each key sequence on its own, so Esc-prefixed keys stay whole.
        thread::sleep(Duration::from_millis(60));
    }

    fn contents(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Polls the screen until it shows `text`; panics with the screen after the time limit.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            if self.contents().contains(text) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "kcdeck exited ({status:?}) waiting for {text:?}:\n{}",
                    self.contents()
                );
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; last screen:\n{}",
                self.contents()
            );
            thread::sleep(POLL_INTERVAL);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn lock(parser: &Mutex<vt100::Parser>) -> MutexGuard<'_, vt100::Parser> {
    parser
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
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
    let mut session = Session::start(config, journal);
    session.wait_for(realm);
    session.type_keys(&format!(":realm {realm}\r"));
    session.type_keys(":roles\r");
    session.wait_for("reports");
    session.type_keys("/reports\r");

    session.type_keys("e");
    session.wait_for("Edit role reports");
    // The cursor starts on the opening brace; the description is the next line.
    session.type_keys(DOWN);
    session.type_keys(END);
    session.type_keys(LEFT);
    session.type_keys(LEFT);
    for key in ", fixed".chars() {
        session.type_keys(&key.to_string());
    }
    session.type_keys(CTRL_S);
    session.wait_for("staged edit role");

    session.type_keys("p");
    session.wait_for("Staged changes (1)");
    session.type_keys("\r");
    session.wait_for("Apply to dev");
    session.wait_for("type dev to apply");
    session.type_keys("dev\r");
    session.wait_for("Outcome in dev");
    session.wait_for("applied");
    assert!(
        !session.contents().contains("FAILED"),
        "{}",
        session.contents()
    );
    session.type_keys("\x1b");
    session.type_keys("q");
}
