//! Runs `kcdeck copy` and `kcdeck undo` as a user would and checks their
//! output, effect and exit statuses. The statuses are 0 when applied, 1 when
//! blocked, 2 for a usage error or a protected target without `--confirm`,
//! 3 for an unreachable server and 4 for a read-only target.
//!
//! Tests that need the local Keycloak servers run only with `KCDECK_LIVE=1`.
//! Each creates its own realms, named differently on the two servers and
//! paired through `realm_names`, and deletes them at the end.

mod common;
mod write_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::live::{client, live_config, unique_realm};
use kcdeck::config::Loaded;
use kcdeck::inventory::RoleRef;
use kcdeck::keycloak::KeycloakClient;
use serde_json::json;
use write_support::{ScratchRealm, inventory, scratch_realm, without_ids};

/// Logical realm name that `realm_names` maps to each server's realm.
const LOGICAL_REALM: &str = "shop";
const ROLE: &str = "cli/role ü";

fn kcdeck(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kcdeck"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("KCDECK_CONFIG")
        .env_remove("KCDECK_JOURNAL")
        .output()
        .expect("kcdeck runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Formats the status and both streams, for assertion messages.
fn report(output: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    )
}

/// Two realms, one per server, paired under [`LOGICAL_REALM`].
struct Pair {
    dir: tempfile::TempDir,
    staging: KeycloakClient,
    dev_realm: ScratchRealm,
    staging_realm: ScratchRealm,
}

impl Pair {
    /// Creates the realms: the dev one contains a composite role and its member.
    async fn create(loaded: &Loaded) -> Self {
        let (dev, staging) = (client(loaded, "dev"), client(loaded, "staging"));
        let dev_realm = scratch_realm(
            &dev,
            json!({"realm": unique_realm("kcdeck-cli-src"), "enabled": true,
                "roles": {"realm": [{"name": "member β", "description": "member"},
                    {"name": ROLE, "description": "copied by the CLI", "composite": true,
                     "composites": {"realm": ["member β"]}}]}}),
        )
        .await;
        let staging_realm = scratch_realm(
            &staging,
            json!({"realm": unique_realm("kcdeck-cli-dst"), "enabled": true}),
        )
        .await;
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
            staging,
            dev_realm,
            staging_realm,
        }
    }

    /// Writes a config for both servers; `staging_keys` are added to staging's table.
    fn config(&self, loaded: &Loaded, staging_keys: &str) -> PathBuf {
        let original = std::fs::read_to_string(&loaded.path).expect("live config");
        let mut lines = Vec::new();
        for line in original.lines() {
            lines.push(line.to_owned());
            if line.trim() == "name = \"dev\"" {
                lines.push(format!(
                    "realm_names = {{ {LOGICAL_REALM} = \"{}\" }}",
                    self.dev_realm
                ));
            }
            if line.trim() == "name = \"staging\"" {
                lines.push(format!(
                    "realm_names = {{ {LOGICAL_REALM} = \"{}\" }}",
                    self.staging_realm
                ));
                lines.push(staging_keys.to_owned());
            }
        }
        let path = self.dir.path().join(format!("kcdeck-{}.toml", lines.len()));
        let path = unique_file(path);
        std::fs::write(&path, lines.join("\n")).expect("config written");
        path
    }

    fn journal(&self) -> PathBuf {
        self.dir.path().join("journal.jsonl")
    }

    /// Runs `kcdeck copy dev staging --realm shop --role ROLE` with extra arguments.
    fn copy_role(&self, config: &Path, extra: &[&str]) -> Output {
        let journal = self.journal();
        let journal = journal.to_str().expect("UTF-8 path");
        let mut args = vec![
            "copy",
            "dev",
            "staging",
            "--realm",
            LOGICAL_REALM,
            "--role",
            ROLE,
            "--journal",
            journal,
        ];
        args.extend_from_slice(extra);
        kcdeck(config, &args)
    }

    async fn role_copied(&self) -> bool {
        inventory(&self.staging, &self.staging_realm)
            .await
            .role(&RoleRef::realm(ROLE))
            .is_some()
    }
}

/// Returns `path`, or a numbered sibling when it exists already.
fn unique_file(path: PathBuf) -> PathBuf {
    let mut candidate = path.clone();
    let mut number = 0;
    while candidate.exists() {
        number += 1;
        candidate = path.with_extension(format!("{number}.toml"));
    }
    candidate
}

#[tokio::test]
async fn copy_and_undo_exit_0() {
    let Some(loaded) = live_config() else { return };
    let pair = Pair::create(&loaded).await;
    let config = pair.config(&loaded, "");
    let before = without_ids(&inventory(&pair.staging, &pair.staging_realm).await);

    let output = pair.copy_role(&config, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", report(&output));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains(&format!(
            "copy realm role \"{ROLE}\" from dev/{} to staging/{}",
            pair.dev_realm, pair.staging_realm
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("  1. applied     create realm role \"member β\""),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("  2. applied     create realm role \"{ROLE}\"")),
        "{stdout}"
    );
    assert!(
        stdout.contains("  3. applied     add composite members"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("journal: {}", pair.journal().display())),
        "{stdout}"
    );

    let live = inventory(&pair.staging, &pair.staging_realm).await;
    let copied = live.role(&RoleRef::realm(ROLE)).expect("role copied");
    assert_eq!(copied.composites, [RoleRef::realm("member β")]);
    let journal = std::fs::read_to_string(pair.journal()).expect("journal written");
    assert_eq!(journal.lines().count(), 3);

    let again = pair.copy_role(&config, &[]);
    assert_eq!(again.status.code(), Some(0), "{}", report(&again));
    assert!(text(&again.stdout).contains("nothing to change"));

    let journal = pair.journal();
    let journal = journal.to_str().expect("UTF-8 path");
    let dry = kcdeck(
        &config,
        &["undo", "staging", "--dry-run", "--journal", journal],
    );
    assert_eq!(dry.status.code(), Some(0), "{}", report(&dry));
    let stdout = text(&dry.stdout);
    assert!(stdout.contains("undo: copy realm role"), "{stdout}");
    assert!(stdout.contains("3 operations"), "{stdout}");
    let undone = kcdeck(&config, &["undo", "staging", "--journal", journal]);
    assert_eq!(undone.status.code(), Some(0), "{}", report(&undone));
    let after = without_ids(&inventory(&pair.staging, &pair.staging_realm).await);
    assert_eq!(before, after, "kcdeck undo restores the realm");
}

#[tokio::test]
async fn copy_protected_needs_confirm_exit_2() {
    let Some(loaded) = live_config() else { return };
    let pair = Pair::create(&loaded).await;
    let config = pair.config(&loaded, "protected = true");

    let output = pair.copy_role(&config, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", report(&output));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("\"staging\" is protected"), "{stderr}");
    assert!(stderr.contains("--confirm staging"), "{stderr}");
    assert!(
        text(&output.stdout).contains("create realm role"),
        "the plan is shown before the refusal"
    );
    assert!(!pair.role_copied().await);

    let output = pair.copy_role(&config, &["--confirm", "Staging"]);
    assert_eq!(output.status.code(), Some(2), "{}", report(&output));
    assert!(text(&output.stderr).contains("does not match"));
    assert!(!pair.role_copied().await);

    let output = pair.copy_role(&config, &["--confirm", "staging"]);
    assert_eq!(output.status.code(), Some(0), "{}", report(&output));
    assert!(pair.role_copied().await);
}

#[tokio::test]
async fn copy_read_only_exit_4() {
    let Some(loaded) = live_config() else { return };
    let pair = Pair::create(&loaded).await;

    let read_only = pair.config(&loaded, "read_only = true");
    let output = pair.copy_role(&read_only, &[]);
    assert_eq!(output.status.code(), Some(4), "{}", report(&output));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("\"staging\" is read-only"), "{stderr}");
    assert!(stderr.contains("read_only = true"), "{stderr}");
    assert!(!pair.role_copied().await);

    // The session flag makes every environment read-only.
    let plain = pair.config(&loaded, "");
    let journal = pair.journal();
    let journal = journal.to_str().expect("UTF-8 path");
    let args = [
        "--read-only",
        "copy",
        "dev",
        "staging",
        "--realm",
        LOGICAL_REALM,
        "--role",
        ROLE,
        "--journal",
        journal,
    ];
    let output = kcdeck(&plain, &args);
    assert_eq!(output.status.code(), Some(4), "{}", report(&output));
    assert!(
        text(&output.stderr).contains("--read-only"),
        "{}",
        report(&output)
    );
    assert!(!pair.role_copied().await);

    let output = pair.copy_role(&read_only, &["--dry-run"]);
    assert_eq!(output.status.code(), Some(0), "{}", report(&output));
    assert!(text(&output.stdout).contains("cannot be applied there"));
    assert!(!pair.journal().exists(), "nothing was journaled");
}

#[tokio::test]
async fn copy_dry_run_changes_nothing() {
    let Some(loaded) = live_config() else { return };
    let pair = Pair::create(&loaded).await;
    let config = pair.config(&loaded, "");

    let output = pair.copy_role(&config, &["--dry-run"]);
    assert_eq!(output.status.code(), Some(0), "{}", report(&output));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("3 operations"), "{stdout}");
    assert!(stdout.contains("dry run: nothing was changed"), "{stdout}");
    assert!(!pair.role_copied().await);
    assert!(!pair.journal().exists());
}

#[tokio::test]
async fn copy_blocked_plan_exit_1() {
    let Some(loaded) = live_config() else { return };
    let pair = Pair::create(&loaded).await;
    let config = pair.config(&loaded, "");
    let journal = pair.journal();
    let journal = journal.to_str().expect("UTF-8 path");

    let args = [
        "copy",
        "dev",
        "staging",
        "--realm",
        LOGICAL_REALM,
        "--role",
        "ghost",
        "--journal",
        journal,
    ];
    let output = kcdeck(&config, &args);
    assert_eq!(output.status.code(), Some(1), "{}", report(&output));
    assert!(text(&output.stdout).contains("does not exist in the source realm"));
    assert!(text(&output.stderr).contains("blocked"));
}

/// A config with two environments on ports where nothing listens, for
/// checks that must fail before any request.
fn offline_config(dir: &Path) -> PathBuf {
    let path = dir.join("kcdeck.toml");
    let mut text = String::new();
    for (name, port) in [("dev", 9), ("staging", 10)] {
        text.push_str(&format!(
            "[[environment]]\nname = \"{name}\"\nurl = \"http://127.0.0.1:{port}\"\n\
             username = \"admin\"\nsecret = {{ env = \"KCDECK_CLI_TEST_SECRET\" }}\n\n"
        ));
    }
    std::fs::write(&path, text).expect("config written");
    path
}

fn kcdeck_offline(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kcdeck"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env("KCDECK_CLI_TEST_SECRET", "unused")
        .env_remove("KCDECK_CONFIG")
        .output()
        .expect("kcdeck runs")
}

#[test]
fn copy_usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = offline_config(dir.path());

    let output = kcdeck_offline(&config, &["copy", "dev", "staging", "--realm", "shop"]);
    assert_eq!(output.status.code(), Some(2), "{}", report(&output));
    assert!(
        text(&output.stderr).contains("name what to copy"),
        "{}",
        report(&output)
    );

    let args = [
        "copy",
        "dev",
        "staging",
        "--realm",
        "shop",
        "--role",
        "x",
        "--confirm",
        "prod",
    ];
    let output = kcdeck_offline(&config, &args);
    assert_eq!(output.status.code(), Some(2), "{}", report(&output));
    assert!(
        text(&output.stderr).contains("--confirm \"prod\" does not match"),
        "{}",
        report(&output)
    );

    let args = ["copy", "dev", "qa", "--realm", "shop", "--role", "x"];
    let output = kcdeck_offline(&config, &args);
    assert_eq!(output.status.code(), Some(2), "{}", report(&output));
    assert!(text(&output.stderr).contains("no environment \"qa\""));

    let args = [
        "copy", "dev", "staging", "--realm", "shop", "--group", "/a//b",
    ];
    let output = kcdeck_offline(&config, &args);
    assert_eq!(output.status.code(), Some(2), "{}", report(&output));
    assert!(text(&output.stderr).contains("empty group name"));
}

#[test]
fn copy_unreachable_source_exit_3() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = offline_config(dir.path());
    let args = ["copy", "dev", "staging", "--realm", "shop", "--role", "x"];
    let output = kcdeck_offline(&config, &args);
    assert_eq!(output.status.code(), Some(3), "{}", report(&output));
    assert!(text(&output.stderr).contains("cannot read realm \"shop\" from dev"));
}
