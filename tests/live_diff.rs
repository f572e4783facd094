//! `kcdeck diff` end to end: the planted drift between the demo servers,
//! exit statuses, formats and file environments.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

fn kcdeck(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_kcdeck"))
        .args(args)
        .output()
        .expect("kcdeck runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), stdout, stderr)
}

fn live_config_path() -> Option<String> {
    let loaded = common::live::live_config()?;
    Some(loaded.path.display().to_string())
}

/// Entries of a JSON report as `(kind, key, status)`.
fn entries(report: &Value) -> BTreeSet<(String, String, String)> {
    report["entries"]
        .as_array()
        .expect("entries list")
        .iter()
        .map(|entry| {
            let text = |key: &str| {
                entry[key]
                    .as_str()
                    .map_or_else(|| entry[key].to_string(), str::to_owned)
            };
            (
                text("kind"),
                entry["key"]["display"]
                    .as_str()
                    .map_or_else(|| text("key"), str::to_owned),
                text("status"),
            )
        })
        .collect()
}

#[test]
fn diff_shows_exactly_planted_drift() {
    let Some(config) = live_config_path() else {
        return;
    };
    let (code, stdout, stderr) = kcdeck(&[
        "--config",
        &config,
        "diff",
        "dev",
        "staging",
        "--realm",
        "acme-shop",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "drift exists: {stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON report");
    let found = entries(&report);
    let expected: BTreeSet<(String, String, String)> = [
        ("clients", "smoke-tests", "only_in_b"),
        ("clients", "storefront", "differs"),
        ("realm_roles", "fraud-reviewer", "only_in_a"),
        ("realm_roles", "support-agent", "differs"),
        ("composites", "store-manager", "differs"),
    ]
    .iter()
    .map(|(kind, key, status)| ((*kind).to_owned(), (*key).to_owned(), (*status).to_owned()))
    .collect();
    assert_eq!(found, expected);

    let storefront = report["entries"]
        .as_array()
        .and_then(|all| all.iter().find(|e| e["key"] == "storefront"))
        .expect("storefront");
    let paths: Vec<&str> = storefront["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["path"].as_str())
        .collect();
    assert_eq!(paths, ["redirectUris"]);
}

#[test]
fn diff_text_reads_like_review() {
    let Some(config) = live_config_path() else {
        return;
    };
    let (code, stdout, _) = kcdeck(&[
        "--config",
        &config,
        "diff",
        "dev",
        "staging",
        "--realm",
        "acme-shop",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.contains("- fraud-reviewer"), "{stdout}");
    assert!(stdout.contains("+ finance-analyst"), "{stdout}");
    assert!(stdout.contains("\"Answers customer tickets\""), "{stdout}");
    let (code, markdown, _) = kcdeck(&[
        "--config",
        &config,
        "diff",
        "dev",
        "staging",
        "--realm",
        "acme-shop",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 1);
    assert!(
        markdown.contains("## "),
        "markdown has headings:\n{markdown}"
    );
}

#[test]
fn diff_identical_realm_exits_zero() {
    let Some(config) = live_config_path() else {
        return;
    };
    let (code, stdout, stderr) = kcdeck(&[
        "--config",
        &config,
        "diff",
        "dev",
        "staging",
        "--realm",
        "acme-partners",
    ]);
    assert_eq!(
        code, 0,
        "acme-partners is seeded identically:\n{stdout}\n{stderr}"
    );
    let (code, _, _) = kcdeck(&[
        "--config",
        &config,
        "diff",
        "dev",
        "staging",
        "--realm",
        "acme-shop",
        "--kind",
        "groups",
    ]);
    assert_eq!(code, 0, "groups carry no planted drift");
}

#[test]
fn diff_live_against_snapshot_file() {
    let Some(config) = live_config_path() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let snapshot = dir.path().join("staging.json");
    let snapshot_text = snapshot.display().to_string();
    let (code, _, stderr) = kcdeck(&[
        "--config",
        &config,
        "snapshot",
        "staging",
        "--realm",
        "acme-shop",
        "--output",
        &snapshot_text,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = kcdeck(&[
        "--config",
        &config,
        "diff",
        "dev",
        &snapshot_text,
        "--realm",
        "acme-shop",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("JSON report");
    assert_eq!(
        entries(&report).len(),
        5,
        "the snapshot holds staging's drift"
    );
    let (code, _, _) = kcdeck(&[
        "--config",
        &config,
        "diff",
        "staging",
        &snapshot_text,
        "--realm",
        "acme-shop",
    ]);
    assert_eq!(code, 0, "a realm equals its own snapshot");
}

#[test]
fn diff_unreachable_environment_exits_three() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[[environment]]\nname = \"gone\"\nurl = \"http://127.0.0.1:9\"\nusername = \"admin\"\nsecret = { env = \"HOME\" }\n",
    )
    .expect("config written");
    let export = dir.path().join("export.json");
    std::fs::write(&export, r#"{"realm": "shop", "clients": []}"#).expect("export written");
    let config_text = config.display().to_string();
    let export_text = export.display().to_string();
    let (code, _, stderr) = kcdeck(&[
        "--config",
        &config_text,
        "diff",
        "gone",
        &export_text,
        "--realm",
        "shop",
    ]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("127.0.0.1:9"), "{stderr}");
}

#[test]
fn diff_usage_errors_exit_two() {
    let dir = tempfile::tempdir().expect("temp dir");
    let export = dir.path().join("export.json");
    std::fs::write(
        &export,
        r#"{"realm": "shop", "clients": [{"clientId": "a"}]}"#,
    )
    .expect("export written");
    let export_text = export.display().to_string();
    let (code, _, stderr) = kcdeck(&["diff", &export_text, &export_text, "--kind", "widgets"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("\"widgets\" is not a kind"), "{stderr}");
    let (code, _, stderr) = kcdeck(&["diff", &export_text, "no-such-env-or-file"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("neither a configured environment nor a readable file"),
        "{stderr}"
    );
    let (code, stdout, _) = kcdeck(&["diff", &export_text, &export_text]);
    assert_eq!(code, 0, "two files need no config:\n{stdout}");
}

/// Loads acme-shop from both servers into the UI state through the runtime, as the TUI does.
async fn loaded_state(loaded: &kcdeck::config::Loaded) -> kcdeck::state::State {
    use kcdeck::action::Action;
    use kcdeck::effect::Effect;
    use kcdeck::runtime::run;

    let backends = kcdeck::command::setup::backends(&loaded.config, true).expect("backends");
    let mut state =
        kcdeck::state::State::new(kcdeck::command::setup::env_states(&loaded.config, true));
    // With the realm's view on screen, the realm lists that arrive trigger its inventory loads.
    state
        .stack
        .push(kcdeck::state::Frame::new(kcdeck::state::View::Kinds {
            realm: "acme-shop".into(),
        }));
    let mut pending: Vec<Effect> = kcdeck::update::start(&mut state);
    while let Some(effect) = pending.pop() {
        let Some(env) = effect.env() else {
            continue;
        };
        let action: Action = run(&backends[env], effect).await;
        pending.extend(kcdeck::update::update(&mut state, action));
    }
    state
}

#[tokio::test]
async fn tui_model_marks_planted_drift() {
    use kcdeck::action::Action;
    use kcdeck::state::{Mark, RowKey};

    let Some(loaded) = common::live::live_config() else {
        return;
    };
    let mut state = loaded_state(&loaded).await;
    assert!(
        state.comparison("acme-shop", 1).is_some(),
        "dev and staging compared"
    );

    let mut differing = Vec::new();
    for view in ["roles", "clients"] {
        kcdeck::update::update(&mut state, Action::StartCommand);
        for ch in view.chars() {
            kcdeck::update::update(&mut state, Action::CommandInput(ch));
        }
        kcdeck::update::update(&mut state, Action::SubmitCommand);
        for row in state.rows.iter().filter(|row| row.differs()) {
            differing.push((row.label.clone(), row.marks[1]));
        }
    }
    differing.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        differing,
        [
            ("fraud-reviewer".to_owned(), Mark::Missing),
            ("smoke-tests".to_owned(), Mark::OnlyHere),
            ("store-manager".to_owned(), Mark::Changed),
            ("storefront".to_owned(), Mark::Changed),
            ("support-agent".to_owned(), Mark::Changed),
        ]
    );
    let kinds_realm = "acme-shop";
    let comparison = state.comparison(kinds_realm, 1).expect("comparison");
    assert_eq!(comparison.difference_count(), 5);
    assert!(
        state
            .rows
            .iter()
            .any(|row| row.key == RowKey::Client("smoke-tests".into()))
    );
}

/// Corpus files named by `KCDECK_CORPUS_DIR`, or `None` with a notice.
fn corpus_file(name: &str) -> Option<String> {
    let Some(dir) = std::env::var_os("KCDECK_CORPUS_DIR") else {
        eprintln!("notice: KCDECK_CORPUS_DIR is unset; corpus diff checks skipped");
        return None;
    };
    Some(std::path::Path::new(&dir).join(name).display().to_string())
}

#[test]
fn diff_file_environments_from_config() {
    let (Some(dev), Some(prod)) = (
        corpus_file("tamshai-enterprise-ai__realm-export-dev.json"),
        corpus_file("tamshai-enterprise-ai__realm-export.json"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[[environment]]\nname = \"dev\"\nkind = \"file\"\npath = \"{dev}\"\n\n\
             [[environment]]\nname = \"prod\"\nkind = \"file\"\npath = \"{prod}\"\n"
        ),
    )
    .expect("config written");
    let config_text = config.display().to_string();
    let (code, stdout, stderr) = kcdeck(&[
        "--config",
        &config_text,
        "diff",
        "dev",
        "prod",
        "--realm",
        "tamshai-corp",
        "--kind",
        "composites",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    let executive = report["entries"]
        .as_array()
        .and_then(|all| all.iter().find(|entry| entry["key"] == "executive"))
        .expect("executive composite differs between dev and prod");
    assert_eq!(executive["status"], "differs");
}

#[test]
fn diff_pairs_realms_named_differently() {
    let (Some(dev), Some(prod)) = (
        corpus_file("PhysiGames.Backend__realm-export-dev.json"),
        corpus_file("PhysiGames.Backend__realm-export-prod.json"),
    ) else {
        return;
    };
    let (code, stdout, stderr) = kcdeck(&[
        "diff",
        &dev,
        &prod,
        "--realms",
        "physigames-dev:physigames-prod",
        "--kind",
        "default_roles",
        "--format",
        "json",
    ]);
    assert!(code == 0 || code == 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    let default_roles = &report["summary"]["default_roles"];
    assert_eq!(
        default_roles["only_in_a"], 0,
        "the default roles pair whatever their names:\n{stdout}"
    );
    assert_eq!(default_roles["only_in_b"], 0, "{stdout}");
    let (code, _, stderr) = kcdeck(&["diff", &dev, &prod, "--realms", "physigames-dev:nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("holds no realm \"nope\""), "{stderr}");
}

#[test]
fn diff_hide_builtin_leaves_out_builtin_objects() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    std::fs::write(
        &a,
        r#"{"realm": "shop", "clients": [{"clientId": "account", "description": "x"}]}"#,
    )
    .expect("a");
    std::fs::write(
        &b,
        r#"{"realm": "shop", "clients": [{"clientId": "account", "description": "y"}]}"#,
    )
    .expect("b");
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let (code, stdout, _) = kcdeck(&["diff", &a, &b]);
    assert_eq!(code, 1, "a built-in client differs:\n{stdout}");
    let (code, stdout, _) = kcdeck(&["diff", &a, &b, "--hide-builtin"]);
    assert_eq!(code, 0, "hidden built-ins do not count:\n{stdout}");
    assert!(!stdout.contains("~ account"), "{stdout}");
}
