//! Runs the kcdeck binary in a pseudo-terminal against the live servers and reads its screen as an
//! operator would: the connection badges, the realm list, command mode, a role's composite
//! members, an unreachable environment, and quitting.
//!
//! The screen is parsed with `vt100` at 100x30. Every wait polls the screen with a time limit,
//! and a failure prints the last screen.

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use common::live::{client, live_config};
use common::pty::Session;
use kcdeck::config::Loaded;

const ROWS: u16 = 30;
const COLS: u16 = 100;

/// Time for kcdeck to log in to every server and list its realms.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// Time for one key press to show on screen, a realm inventory load included.
const STEP_TIMEOUT: Duration = Duration::from_secs(15);
/// Time for kcdeck to exit after `q`.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);

/// Screen row of the column titles, below the environment bar and the breadcrumbs.
const COLUMN_TITLE_ROW: u16 = 2;
const BREADCRUMB_ROW: u16 = 1;
const ENV_BAR_ROW: u16 = 0;

/// An environment on a port where nothing listens. Its secret comes from [`SECRET_VARIABLE`].
const UNREACHABLE_ENVIRONMENT: &str = r#"
[[environment]]
name = "gone"
url = "http://127.0.0.1:9"
username = "admin"
secret = { env = "KCDECK_PTY_TEST_SECRET" }
"#;
const SECRET_VARIABLE: &str = "KCDECK_PTY_TEST_SECRET";

/// Starts kcdeck in a 100x30 pseudo-terminal.
fn start(config: &Path) -> Session {
    Session::start(
        config,
        COLS,
        ROWS,
        &[(SECRET_VARIABLE, OsStr::new("unused"))],
    )
}

/// Presses `j` until the detail pane shows `role`, at most `max_rows` times.
fn move_down_to_role(session: &mut Session, role: &str, max_rows: usize) {
    for _ in 0..max_rows {
        if session
            .read(|screen| detail_value(screen, "role"))
            .as_deref()
            == Some(role)
        {
            return;
        }
        let before = session.read(vt100::Screen::contents);
        session.type_keys("j");
        let expectation = format!("the selection to move down on the way to {role}");
        session.wait_until(&expectation, STEP_TIMEOUT, |screen| {
            screen.contents() != before
        });
    }
    panic!(
        "role {role} not selected after {max_rows} presses of j; last screen:\n{}",
        session.dump()
    );
}

/// Returns one screen row as text, one character per cell and blank cells as spaces.
fn row_text(screen: &vt100::Screen, row: u16) -> String {
    (0..COLS)
        .map(|col| {
            screen
                .cell(row, col)
                .map(vt100::Cell::contents)
                .filter(|text| !text.is_empty())
                .unwrap_or(" ")
                .to_owned()
        })
        .collect()
}

/// Reports whether the environment bar shows `env` as connected to Keycloak `version`.
fn is_connected(screen: &vt100::Screen, env: &str, version: &str) -> bool {
    row_text(screen, ENV_BAR_ROW).contains(&format!(" {env} ● {version} "))
}

/// Returns the text rows of `env`'s column without borders and padding, or an empty list while
/// the column is not drawn.
fn column_rows(screen: &vt100::Screen, env: &str) -> Vec<String> {
    let titles: Vec<char> = row_text(screen, COLUMN_TITLE_ROW).chars().collect();
    let title: Vec<char> = format!("┌ {env} ").chars().collect();
    let Some(start) = titles
        .windows(title.len())
        .position(|window| window == title.as_slice())
    else {
        return Vec::new();
    };
    let Some(end) = titles[start..].iter().position(|ch| *ch == '┐') else {
        return Vec::new();
    };
    let (start, width) = (start as u16, end as u16 + 1);
    screen
        .rows(start, width)
        .skip(usize::from(COLUMN_TITLE_ROW) + 1)
        .take_while(|row| !row.starts_with('└'))
        .map(|row| without_marker(row.trim_matches(|ch| ch == '│' || ch == ' ')).to_owned())
        .collect()
}

/// Drops the difference marker (`=`, `~`, `+`, `-` or `?` and a space) that starts a row.
fn without_marker(row: &str) -> &str {
    match row.split_once(' ') {
        Some((marker, rest)) if ["=", "~", "+", "-", "?"].contains(&marker) => rest.trim_start(),
        _ => row,
    }
}

/// Reports whether a row of `env`'s column reads exactly `text`.
fn column_has(screen: &vt100::Screen, env: &str, text: &str) -> bool {
    column_rows(screen, env).iter().any(|row| row == text)
}

/// Returns the value of the field `label` in the detail pane.
fn detail_value(screen: &vt100::Screen, label: &str) -> Option<String> {
    let rows: Vec<String> = screen.rows(0, COLS).collect();
    let top = rows.iter().position(|row| row.contains("┌ detail in "))?;
    rows[top + 1..].iter().find_map(|row| {
        let text = row.trim_start_matches('│');
        let value = text.strip_prefix(label)?.strip_prefix(' ')?;
        Some(value.trim_matches(|ch| ch == '│' || ch == ' ').to_owned())
    })
}

/// Returns the Keycloak version the server of `env` reports.
fn server_version(loaded: &Loaded, env: &str) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let info = runtime
        .block_on(client(loaded, env).server_info())
        .unwrap_or_else(|error| panic!("server info of {env}: {error}"));
    info.version
}

#[test]
fn role_composites_shown_then_quit() {
    let Some(loaded) = live_config() else { return };
    let dev_version = server_version(&loaded, "dev");
    let staging_version = server_version(&loaded, "staging");
    let mut session = start(&loaded.path);

    session.wait_until(
        "dev and staging connected and acme-shop in the realm list",
        CONNECT_TIMEOUT,
        |screen| {
            is_connected(screen, "dev", &dev_version)
                && is_connected(screen, "staging", &staging_version)
                && column_has(screen, "dev", "acme-shop")
        },
    );
    session.type_keys(":realm acme-shop\r");
    session.wait_until("the acme-shop realm to open", STEP_TIMEOUT, |screen| {
        row_text(screen, BREADCRUMB_ROW).contains("› acme-shop")
    });
    session.type_keys(":roles\r");
    session.wait_until("the realm roles listed in dev", STEP_TIMEOUT, |screen| {
        column_has(screen, "dev", "(default role)")
    });

    move_down_to_role(&mut session, "store-manager", 40);
    session.type_keys("\r");
    session.wait_until("store-manager to open", STEP_TIMEOUT, |screen| {
        row_text(screen, BREADCRUMB_ROW).contains("role store-manager")
            && column_rows(screen, "dev")
                .iter()
                .any(|row| row.starts_with("Composite members"))
    });
    for member in ["support-lead", "backoffice » reports:view"] {
        assert!(
            session.read(|screen| column_has(screen, "dev", member)),
            "composite member {member} of store-manager not shown in dev; last screen:\n{}",
            session.dump()
        );
    }

    session.type_keys("q");
    let status = session.wait_exit(EXIT_TIMEOUT);
    assert!(status.success(), "kcdeck exited with {status:?}");
}

#[test]
fn unreachable_environment_fails_in_own_column() {
    let Some(loaded) = live_config() else { return };
    let dev_version = server_version(&loaded, "dev");
    let live_text = std::fs::read_to_string(&loaded.path).expect("live config is readable");
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = dir.path().join("kcdeck.toml");
    std::fs::write(&config, format!("{live_text}{UNREACHABLE_ENVIRONMENT}")).expect("config");
    let mut session = start(&config);

    session.wait_until(
        "gone to fail while dev connects and lists acme-shop",
        CONNECT_TIMEOUT,
        |screen| {
            column_rows(screen, "gone")
                .first()
                .is_some_and(|row| row.starts_with('✗'))
                && is_connected(screen, "dev", &dev_version)
                && column_has(screen, "dev", "acme-shop")
        },
    );
    let reason = session.read(|screen| column_rows(screen, "gone").join(" "));
    assert!(
        reason.contains("127.0.0.1:9"),
        "gone column does not name the address; last screen:\n{}",
        session.dump()
    );
    assert!(
        reason.contains("refused"),
        "gone column does not give the cause; last screen:\n{}",
        session.dump()
    );
    assert!(
        session.read(|screen| row_text(screen, ENV_BAR_ROW).contains(" gone ✗ ")),
        "environment bar does not mark gone as failed; last screen:\n{}",
        session.dump()
    );

    session.type_keys("q");
    let status = session.wait_exit(EXIT_TIMEOUT);
    assert!(status.success(), "kcdeck exited with {status:?}");
}
