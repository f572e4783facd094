//! The kcdeck binary in a pseudo-terminal, its output parsed into a screen by a reader thread.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// Pause after each key write, so kcdeck reads each sequence on its own and an Esc-prefixed
/// key is not taken for an Alt chord.
const KEY_PAUSE: Duration = Duration::from_millis(60);

/// A running kcdeck with a parsed screen.
pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open for the session, because closing the master side hangs up kcdeck's terminal.
    _master: Box<dyn MasterPty + Send>,
    cols: u16,
}

impl Session {
    /// Starts `kcdeck --config CONFIG` in a `cols`x`rows` pseudo-terminal with extra
    /// environment variables.
    pub fn start(config: &Path, cols: u16, rows: u16, env: &[(&str, &OsStr)]) -> Self {
        let size = PtySize {
            rows,
            cols,
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
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("kcdeck starts");
        // Only the child keeps the terminal side open now, so the reader stops when kcdeck exits.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
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
            cols,
        }
    }

    /// Sends keys as typed, with `\r` for Enter.
    pub fn type_keys(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("keys reach kcdeck");
        thread::sleep(KEY_PAUSE);
    }

    /// Returns the current screen as text, one line per row.
    pub fn dump(&self) -> String {
        let cols = self.cols;
        self.read(|screen| screen.rows(0, cols).collect::<Vec<_>>().join("\n"))
    }

    /// Applies `read` to the current screen.
    pub fn read<T>(&self, read: impl FnOnce(&vt100::Screen) -> T) -> T {
        read(lock(&self.parser).screen())
    }

    /// Polls the screen until `done` returns true. Panics with the screen after `timeout`, or
    /// when kcdeck exits first.
    pub fn wait_until(
        &mut self,
        expectation: &str,
        timeout: Duration,
        done: impl Fn(&vt100::Screen) -> bool,
    ) {
        let deadline = Instant::now() + timeout;
        loop {
            if self.read(&done) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "kcdeck exited ({status:?}) while waiting for {expectation}; last screen:\n{}",
                    self.dump()
                );
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {timeout:?} waiting for {expectation}; last screen:\n{}",
                self.dump()
            );
            thread::sleep(POLL_INTERVAL);
        }
    }

    /// Polls the screen until it shows `text`.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) {
        let expectation = format!("{text:?}");
        self.wait_until(&expectation, timeout, |screen| {
            screen.contents().contains(text)
        });
    }

    /// Waits for kcdeck to exit and returns its status. Panics with the screen after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "kcdeck still running {timeout:?} after quitting; last screen:\n{}",
                self.dump()
            );
            thread::sleep(POLL_INTERVAL);
        }
    }
}

impl Drop for Session {
    /// Kills kcdeck when a test fails before it quit.
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
