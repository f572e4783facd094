//! kcdeck's entry point: arguments, error reports, logging, config, then the
//! terminal UI or a headless subcommand.

use std::process::ExitCode;

use clap::Parser;
use color_eyre::eyre::{Result, WrapErr};
use kcdeck::cli::{Cli, Command};
use kcdeck::command::diff::{DiffRequest, Side};
use kcdeck::command::{copy, diff, envs, setup, snapshot, undo};
use kcdeck::config::{self, Loaded};
use kcdeck::state::State;
use kcdeck::theme::{ColorDepth, Palette, Symbols, ThemeFile};
use kcdeck::ui::Theme;
use kcdeck::{app, logging, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = color_eyre::config::HookBuilder::default()
        .display_env_section(false)
        .install()
    {
        eprintln!("kcdeck: cannot install the error reporter: {error}");
    }
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("kcdeck: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let log_path = logging::init();
    if cli.version {
        print_version(cli.config.as_deref(), log_path.as_deref());
        return Ok(ExitCode::SUCCESS);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if let Some(Command::Diff { .. }) = &cli.command {
        return Ok(runtime.block_on(run_diff(&cli)));
    }
    let loaded = load_config(&cli)?;
    match &cli.command {
        None => runtime.block_on(run_tui(&loaded, cli.read_only)),
        Some(Command::Envs) => runtime.block_on(run_envs(&loaded)),
        Some(Command::Diff { .. }) => Ok(ExitCode::from(diff::EXIT_USAGE)),
        Some(Command::Copy { .. }) => Ok(runtime.block_on(run_copy(&cli, &loaded))),
        Some(Command::Undo {
            env,
            dry_run,
            confirm,
            journal,
        }) => {
            let request = undo::UndoRequest {
                env: env.clone(),
                dry_run: *dry_run,
                confirm: confirm.clone(),
                journal: journal.clone(),
                session_read_only: cli.read_only,
            };
            let outcome =
                runtime.block_on(undo::run(&request, &loaded.config, &mut std::io::stdout()));
            Ok(exit_for("undo", outcome))
        }
        Some(Command::Snapshot { env, realm, output }) => {
            let client = setup::live_client(&loaded.config, env, true)?;
            let json = runtime.block_on(snapshot::snapshot(&client, realm, output.as_deref()))?;
            if let Some(json) = json {
                print!("{json}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load_config(cli: &Cli) -> Result<Loaded> {
    let path = config::discover(cli.config.as_deref())?;
    let loaded = config::load(&path)?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
        tracing::warn!(%warning, "config warning");
    }
    Ok(loaded)
}

/// Runs `kcdeck diff`. The config is optional when both sides are files, so
/// a missing or broken config only fails the command when a side needs it.
async fn run_diff(cli: &Cli) -> ExitCode {
    let Some(Command::Diff {
        a,
        b,
        realm,
        realms,
        kind,
        show_expected,
        hide_builtin,
        format,
    }) = &cli.command
    else {
        return ExitCode::from(diff::EXIT_USAGE);
    };
    let loaded = match config::discover(cli.config.as_deref()).and_then(|path| config::load(&path))
    {
        Ok(loaded) => Ok(loaded),
        Err(error) => Err(error.to_string()),
    };
    let config = loaded.as_ref().ok().map(|loaded| &loaded.config);
    let request = (|| {
        Ok::<_, diff::DiffFailure>(DiffRequest {
            a: Side::resolve(a, config)?,
            b: Side::resolve(b, config)?,
            realms: diff::parse_realms(realm.as_deref(), realms.as_deref())?,
            kinds: diff::parse_kinds(kind)?,
            show_expected: *show_expected,
            hide_builtin: *hide_builtin,
            format: *format,
        })
    })();
    let outcome = match request {
        Ok(request) => diff::run(&request, config).await,
        Err(failure) => Err(failure),
    };
    match outcome {
        Ok((report, status)) => {
            print!("{report}");
            ExitCode::from(status)
        }
        Err(failure) => {
            eprintln!("kcdeck diff: {}", failure.message);
            if let (Err(config_error), diff::EXIT_USAGE) = (&loaded, failure.status) {
                eprintln!("kcdeck diff: config: {config_error}");
            }
            ExitCode::from(failure.status)
        }
    }
}

/// Runs `kcdeck copy`: the plan goes to standard output, a refusal or
/// failure to standard error, and the exit status reports which.
async fn run_copy(cli: &Cli, loaded: &Loaded) -> ExitCode {
    let Some(Command::Copy {
        src,
        dst,
        realm,
        role,
        client,
        group,
        dry_run,
        confirm,
        rollback_on_failure,
        journal,
    }) = &cli.command
    else {
        return ExitCode::from(copy::EXIT_USAGE);
    };
    let outcome = match copy::item_from_args(role.as_deref(), client.as_deref(), group.as_deref()) {
        Ok(item) => {
            let request = copy::CopyRequest {
                source: src.clone(),
                target: dst.clone(),
                realm: realm.clone(),
                item,
                dry_run: *dry_run,
                confirm: confirm.clone(),
                rollback_on_failure: *rollback_on_failure,
                journal: journal.clone(),
                session_read_only: cli.read_only,
            };
            copy::run(&request, &loaded.config, &mut std::io::stdout()).await
        }
        Err(failure) => Err(failure),
    };
    exit_for("copy", outcome)
}

/// Maps the result of a writing command to its exit status, printing a failure.
fn exit_for(command: &str, outcome: Result<u8, copy::WriteFailure>) -> ExitCode {
    match outcome {
        Ok(status) => ExitCode::from(status),
        Err(failure) => {
            eprintln!("kcdeck {command}: {}", failure.message);
            ExitCode::from(failure.status)
        }
    }
}

async fn run_envs(loaded: &Loaded) -> Result<ExitCode> {
    let backends = setup::backends_for_check(&loaded.config);
    let reports = envs::check_all(&loaded.config, &backends).await;
    print!("{}", envs::format_reports(&reports));
    let failed = reports.iter().any(|report| report.outcome.is_err());
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

async fn run_tui(loaded: &Loaded, read_only: bool) -> Result<ExitCode> {
    let backends = setup::backends(&loaded.config, read_only)?;
    let mut state = State::new(setup::env_states(&loaded.config, read_only));
    if let Some(first) = loaded.warnings.first() {
        state.error(first.to_string());
    }
    state.diff_config = loaded.config.diff.clone();
    state.keys = kcdeck::keymap::Keymap::with_overrides(&loaded.config.keys);
    state.aliases = loaded.config.aliases.clone();
    let history = app::history_path();
    state.command = app::load_history(history.as_deref());
    let theme = theme_for(&loaded.config.settings);

    let mut terminal = tui::init().wrap_err("cannot set up the terminal")?;
    let outcome = app::run(&mut terminal, state, backends, theme, history).await;
    tui::restore();
    outcome.wrap_err("terminal error")?;
    Ok(ExitCode::SUCCESS)
}

/// Builds the theme from the settings, reduced to what the terminal can show.
fn theme_for(settings: &config::Settings) -> Theme {
    let depth = ColorDepth::from_env();
    let symbols = if settings.ascii {
        Symbols::ascii()
    } else {
        Symbols::unicode()
    };
    let palette = match &settings.theme {
        config::ThemeChoice::Builtin(name) => Palette::builtin(name).unwrap_or_default(),
        // The file loaded when the config was read; a file changed since then falls back.
        config::ThemeChoice::File(path) => ThemeFile::load(path).unwrap_or_default(),
    };
    Theme::new(&palette, depth, symbols)
}

fn print_version(config: Option<&std::path::Path>, log: Option<&std::path::Path>) {
    println!("kcdeck {}", env!("CARGO_PKG_VERSION"));
    let config_path = match config::discover(config) {
        Ok(path) => path.display().to_string(),
        Err(config::ConfigError::FileNotFound { path, origin }) => {
            format!("{} (not found; given by {origin})", path.display())
        }
        Err(_) => config::config_dir().map_or_else(
            || "none (no config directory on this platform)".to_owned(),
            |dir| {
                format!(
                    "{} (not found)",
                    dir.join(config::CONFIG_FILE_NAME).display()
                )
            },
        ),
    };
    println!("config: {config_path}");
    let log_text = log.map_or_else(
        || "none (no state directory)".to_owned(),
        |path| path.display().to_string(),
    );
    println!("log:    {log_text}");
}
