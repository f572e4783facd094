//! Runs the kcdeck binary's headless commands as a user would and checks their output and exit
//! codes: `envs`, `snapshot`, `--version`, and an invalid config file.
//!
//! Tests that need the local Keycloak servers run only with `KCDECK_LIVE=1`. The others need no
//! server.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::live::{client, live_config};
use kcdeck::inventory::snapshot::read_realms;

/// An environment on a port where nothing listens. Its secret comes from [`SECRET_VARIABLE`].
const UNREACHABLE_ENVIRONMENT: &str = r#"
[[environment]]
name = "gone"
url = "http://127.0.0.1:9"
username = "admin"
secret = { env = "KCDECK_CLI_TEST_SECRET" }
"#;
const SECRET_VARIABLE: &str = "KCDECK_CLI_TEST_SECRET";

/// Runs kcdeck with `args`, the secret variable set and `KCDECK_CONFIG` unset, without a terminal.
fn kcdeck(args: &[&str]) -> Output {
    kcdeck_command(args).output().expect("kcdeck runs")
}

fn kcdeck_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kcdeck"));
    command
        .args(args)
        .env(SECRET_VARIABLE, "unused")
        .env_remove("KCDECK_CONFIG");
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Returns the `envs` line of environment `name`.
fn env_line<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find(|line| line.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no line for environment {name} in:\n{stdout}"))
}

/// Checks the `envs` line of the unreachable environment.
fn assert_unreachable_line(stdout: &str) {
    let line = env_line(stdout, "gone");
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(fields.get(1), Some(&"FAILED"), "status of gone: {line}");
    assert!(
        line.contains("cannot reach http://127.0.0.1:9"),
        "address of gone: {line}"
    );
    assert!(line.contains("refused"), "cause for gone: {line}");
}

#[test]
fn envs_unreachable_environment_fails() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = dir.path().join("kcdeck.toml");
    std::fs::write(&config, UNREACHABLE_ENVIRONMENT).expect("config written");

    let output = kcdeck(&["--config", path_arg(&config), "envs"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code; stdout:\n{stdout}\nstderr:\n{}",
        text(&output.stderr)
    );
    assert_unreachable_line(&stdout);
}

#[tokio::test]
async fn envs_live_servers_ok() {
    let Some(loaded) = live_config() else { return };
    let output = kcdeck(&["--config", path_arg(&loaded.path), "envs"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "exit code; stdout:\n{stdout}\nstderr:\n{}",
        text(&output.stderr)
    );

    for env in &loaded.config.environments {
        let info = client(&loaded, &env.name)
            .server_info()
            .await
            .expect("server info");
        let line = env_line(&stdout, &env.name);
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields.get(1), Some(&"ok"), "status of {}: {line}", env.name);
        assert_eq!(
            fields.get(2..4),
            Some(&["Keycloak", info.version.as_str()][..]),
            "version of {}: {line}",
            env.name
        );
        assert_eq!(
            fields.get(4),
            Some(&info.identity.as_str()),
            "identity of {}: {line}",
            env.name
        );
    }
}

#[test]
fn envs_live_and_unreachable_exits_1() {
    let Some(loaded) = live_config() else { return };
    let live_text = std::fs::read_to_string(&loaded.path).expect("live config is readable");
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = dir.path().join("kcdeck.toml");
    std::fs::write(&config, format!("{live_text}{UNREACHABLE_ENVIRONMENT}")).expect("config");

    let output = kcdeck(&["--config", path_arg(&config), "envs"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code; stdout:\n{stdout}"
    );
    for env in &loaded.config.environments {
        let line = env_line(&stdout, &env.name);
        let status = line.split_whitespace().nth(1);
        assert_eq!(status, Some("ok"), "status of {}: {line}", env.name);
    }
    assert_unreachable_line(&stdout);
}

#[test]
fn invalid_grant_stops_before_terminal() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = dir.path().join("kcdeck.toml");
    let content = "[[environment]]\n\
                   name = \"dev\"\n\
                   url = \"http://127.0.0.1:18080\"\n\
                   username = \"admin\"\n\
                   grant = \"pasword\"\n\
                   secret = { env = \"KCDECK_CLI_TEST_SECRET\" }\n";
    std::fs::write(&config, content).expect("config written");
    let grant_line = content
        .lines()
        .position(|line| line.starts_with("grant"))
        .expect("grant line")
        + 1;

    // Without a subcommand kcdeck would open the terminal UI, so the config must fail first.
    for args in [&["envs"][..], &[][..]] {
        let mut all_args = vec!["--config", path_arg(&config)];
        all_args.extend_from_slice(args);
        let output = kcdeck(&all_args);
        let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
        let run = format!("kcdeck {}", all_args.join(" "));

        assert!(
            !output.status.success(),
            "{run}: exit status {}",
            output.status
        );
        assert_eq!(stdout, "", "{run}: standard output");
        assert_eq!(stderr.lines().count(), 1, "{run}: one message:\n{stderr}");
        assert!(stderr.contains(path_arg(&config)), "{run}: file: {stderr}");
        assert!(
            stderr.contains(&format!("line {grant_line}")),
            "{run}: line: {stderr}"
        );
        assert!(stderr.contains("\"grant\""), "{run}: key: {stderr}");
        assert!(stderr.contains("\"pasword\""), "{run}: value: {stderr}");
        assert!(stderr.contains("\"password\""), "{run}: fix: {stderr}");
        assert!(
            !stderr.contains('\u{1b}'),
            "{run}: escape sequence: {stderr:?}"
        );
    }
}

#[test]
fn version_prints_config_and_log_paths() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = dir.path().join("kcdeck.toml");
    std::fs::write(&config, "").expect("config written");
    let state = dir.path().join("state");

    let output = kcdeck_command(&["--config", path_arg(&config), "--version"])
        .env("XDG_STATE_HOME", &state)
        .output()
        .expect("kcdeck runs");
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "exit status {}", output.status);

    let lines: Vec<&str> = stdout.lines().collect();
    let version = format!("kcdeck {}", env!("CARGO_PKG_VERSION"));
    assert_eq!(lines.first(), Some(&version.as_str()), "version:\n{stdout}");
    let config_line = format!("config: {}", config.display());
    assert!(
        lines.contains(&config_line.as_str()),
        "config line:\n{stdout}"
    );
    let log_path = state.join("kcdeck").join("kcdeck.log");
    let log_line = lines
        .iter()
        .find(|line| line.starts_with("log:"))
        .unwrap_or_else(|| panic!("no log line:\n{stdout}"));
    assert_eq!(
        log_line.trim_start_matches("log:").trim(),
        log_path.display().to_string(),
        "log line:\n{stdout}"
    );
}

#[test]
fn snapshot_twice_is_byte_identical() {
    let Some(loaded) = live_config() else { return };
    let args = [
        "--config",
        path_arg(&loaded.path),
        "snapshot",
        "dev",
        "--realm",
        "acme-shop",
    ];
    let first = kcdeck(&args);
    let second = kcdeck(&args);
    for output in [&first, &second] {
        assert!(
            output.status.success(),
            "exit status {}: {}",
            output.status,
            text(&output.stderr)
        );
    }

    let snapshot = text(&first.stdout);
    let realms = read_realms(&snapshot).expect("snapshot output parses");
    assert_eq!(realms[0].realm, "acme-shop");
    assert!(
        realms[0].client("checkout-api").is_some(),
        "snapshot lists checkout-api"
    );
    assert!(first.stdout == second.stdout, "two snapshots differ");
}

#[test]
fn envs_unset_secret_fails_only_its_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    let text_config = "[[environment]]\nname = \"gone\"\nurl = \"http://127.0.0.1:9\"\nusername = \"admin\"\n\
        secret = { env = \"KCDECK_TEST_SECRET\" }\n\n[[environment]]\nname = \"nosecret\"\n\
        url = \"http://127.0.0.1:9\"\nusername = \"admin\"\nsecret = { env = \"KCDECK_TEST_UNSET_SECRET\" }\n";
    std::fs::write(&config, text_config).expect("config written");
    let output = kcdeck_command(&["--config", path_arg(&config), "envs"])
        .env("KCDECK_TEST_SECRET", "x")
        .env_remove("KCDECK_TEST_UNSET_SECRET")
        .output()
        .expect("kcdeck runs");
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}\n{}",
        text(&output.stderr)
    );
    let line = env_line(&stdout, "nosecret");
    assert!(line.contains("FAILED"), "{line}");
    assert!(
        line.contains("KCDECK_TEST_UNSET_SECRET"),
        "the reason names the variable: {line}"
    );
    assert!(env_line(&stdout, "gone").contains("FAILED"), "{stdout}");
}
