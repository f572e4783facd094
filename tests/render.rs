//! Render snapshots of the main screens at 120x40 and 80x24, plus style checks
//! where colour or emphasis carries meaning.

mod common;

use kcdeck::action::Action;
use kcdeck::state::{Loadable, State};
use kcdeck::ui::Theme;
use kcdeck::update::update;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use common::screen::{command, draw, text};

fn find(buffer: &Buffer, needle: &str) -> (u16, u16) {
    let screen = text(buffer);
    for (y, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return (
                u16::try_from(x).expect("fits"),
                u16::try_from(y).expect("fits"),
            );
        }
    }
    panic!("{needle:?} not on screen:\n{screen}");
}

#[test]
fn realm_list_both_sizes() {
    let state = common::two_env_state();
    insta::assert_snapshot!(
        "realms_120x40",
        text(&draw(&state, &Theme::dark(), 120, 40))
    );
    insta::assert_snapshot!("realms_80x24", text(&draw(&state, &Theme::dark(), 80, 24)));
}

#[test]
fn realm_roles_side_by_side() {
    let mut state = common::two_env_state();
    command(&mut state, "roles");
    command(&mut state, "realm shop");
    command(&mut state, "roles");
    update(&mut state, Action::MoveDown);
    insta::assert_snapshot!("roles_120x40", text(&draw(&state, &Theme::dark(), 120, 40)));
    insta::assert_snapshot!("roles_80x24", text(&draw(&state, &Theme::dark(), 80, 24)));
}

#[test]
fn role_view_shows_members_and_parents() {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "roles");
    while state
        .selected_row()
        .is_some_and(|row| row.label != "store-manager")
    {
        update(&mut state, Action::MoveDown);
    }
    update(&mut state, Action::Open);
    let buffer = draw(&state, &Theme::dark(), 120, 40);
    insta::assert_snapshot!("role_store_manager_120x40", text(&buffer));
    let screen = text(&buffer);
    assert!(
        screen.contains("· absent: auditor"),
        "staging lacks the auditor member:\n{screen}"
    );
}

#[test]
fn group_tree_keeps_slash_names() {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "groups");
    let screen = text(&draw(&state, &Theme::dark(), 80, 24));
    assert!(
        screen.contains("  night/weekend"),
        "child group indented, slash kept:\n{screen}"
    );
    insta::assert_snapshot!("groups_80x24", screen);
}

#[test]
fn failed_environment_keeps_reason_in_column() {
    let mut state = common::two_env_state();
    state.envs[1].server =
        Loadable::Failed("cannot reach http://127.0.0.1:18081: Connection refused".into());
    state.envs[1].realms =
        Loadable::Failed("cannot reach http://127.0.0.1:18081: Connection refused".into());
    state.refresh_rows();
    let buffer = draw(&state, &Theme::dark(), 120, 40);
    let screen = text(&buffer);
    assert!(screen.contains("✗ cannot reach"), "{screen}");
    let (x, y) = find(&buffer, "✗ cannot reach");
    assert_eq!(
        buffer[(x, y)].fg,
        Color::Red,
        "failure text is styled as an error"
    );
}

#[test]
fn selection_and_env_colours_are_styled() {
    let state = common::two_env_state();
    let buffer = draw(&state, &Theme::dark(), 120, 40);
    let (x, y) = find(&buffer, " staging ");
    assert_eq!(
        buffer[(x + 1, y)].fg,
        Color::Yellow,
        "environment name in its colour"
    );
    let (x, y) = find(&buffer, "master");
    assert_eq!(
        buffer[(x, y)].bg,
        Color::Cyan,
        "focused selection highlighted"
    );
}

#[test]
fn no_color_theme_uses_reverse_for_selection() {
    let state = common::two_env_state();
    let buffer = draw(&state, &Theme::monochrome(), 80, 24);
    let (x, y) = find(&buffer, "master");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buffer[(x, y)].fg, Color::Reset);
}

#[test]
fn too_small_terminal_says_so() {
    let state = common::two_env_state();
    let screen = text(&draw(&state, &Theme::dark(), 60, 20));
    assert!(screen.contains("terminal too small"), "{screen}");
    assert!(screen.contains("60x20"), "{screen}");
}

#[test]
fn help_lists_bindings_from_key_table() {
    let mut state = common::two_env_state();
    update(&mut state, Action::ToggleHelp);
    // At 80x24 the help scrolls, so read it page by page.
    let mut screen = String::new();
    for _ in 0..8 {
        screen.push_str(&text(&draw(&state, &Theme::dark(), 80, 24)));
        update(&mut state, Action::PageDown);
    }
    for binding in kcdeck::keymap::normal_bindings() {
        assert!(
            screen.contains(binding.description) || binding.description.len() > 40,
            "help lacks {}",
            binding.description
        );
    }
}

#[test]
fn marked_columns_and_detail_changes() {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "clients");
    update(&mut state, Action::NextColumn);
    while state
        .selected_row()
        .is_some_and(|row| row.label != "storefront")
    {
        update(&mut state, Action::MoveDown);
    }
    let buffer = draw(&state, &Theme::dark(), 120, 40);
    insta::assert_snapshot!("clients_marked_120x40", text(&buffer));
    let screen = text(&buffer);
    assert!(
        screen.contains("redirectUris"),
        "detail names the changed field:\n{screen}"
    );
    assert!(
        screen.contains("https://staging.shop.example/*"),
        "{screen}"
    );
}

#[test]
fn each_marker_has_its_style() {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "roles");
    let theme = Theme::dark();
    let buffer = draw(&state, &theme, 120, 40);
    let cases = [
        (
            "- · absent: auditor",
            theme.diff_missing,
            "missing in staging",
        ),
        ("~ store-manager", theme.diff_changed, "changed composite"),
        ("= viewer", theme.diff_same, "same in both"),
    ];
    for (needle, style, case) in cases {
        let (x, y) = find(&buffer, needle);
        assert_eq!(
            buffer[(x, y)].fg,
            style.fg.unwrap_or(Color::Reset),
            "{case}: marker colour"
        );
    }
}

#[test]
fn diff_only_filter_and_next_difference() {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "roles");
    update(&mut state, Action::ToggleDiffOnly);
    let labels: Vec<&str> = state.rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, ["auditor", "store-manager"]);
    update(&mut state, Action::ToggleDiffOnly);
    update(&mut state, Action::Top);
    update(&mut state, Action::NextDifference);
    assert_eq!(
        state.selected_row().map(|row| row.label.as_str()),
        Some("auditor")
    );
    update(&mut state, Action::NextDifference);
    assert_eq!(
        state.selected_row().map(|row| row.label.as_str()),
        Some("store-manager")
    );
    update(&mut state, Action::PreviousDifference);
    assert_eq!(
        state.selected_row().map(|row| row.label.as_str()),
        Some("auditor")
    );
}

#[test]
fn matrix_view_for_three_environments() {
    let mut state = common::two_env_state();
    let mut prod = state.envs[1].clone();
    prod.name = "prod".into();
    prod.color = Color::Red;
    prod.inventories
        .insert("shop".into(), Loadable::Loaded(common::shop(false)));
    state.envs.push(prod);
    state.recompare_all();
    command(&mut state, "realm shop");
    command(&mut state, "roles");
    update(&mut state, Action::ToggleMatrix);
    let buffer = draw(&state, &Theme::dark(), 80, 24);
    insta::assert_snapshot!("roles_matrix_80x24", text(&buffer));
    let screen = text(&buffer);
    assert!(screen.contains("- missing"), "{screen}");
    assert!(screen.contains("= present"), "{screen}");
}

#[test]
fn ascii_mode_draws_no_box_characters() {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "roles");
    let theme = Theme::builtin("dark", kcdeck::theme::ColorDepth::Ansi16, true);
    let screen = text(&draw(&state, &theme, 80, 24));
    assert!(
        screen.is_ascii(),
        "non-ASCII character on screen:\n{screen}"
    );
    assert!(screen.contains("+---"), "{screen}");
}

#[test]
fn every_theme_renders_at_80x24() {
    for name in kcdeck::theme::BUILTIN_NAMES {
        let mut state = common::two_env_state();
        command(&mut state, "realm shop");
        command(&mut state, "roles");
        let theme = Theme::builtin(name, kcdeck::theme::ColorDepth::TrueColor, false);
        let buffer = draw(&state, &theme, 80, 24);
        insta::assert_snapshot!(format!("theme_{name}_80x24"), text(&buffer));
        let (x, y) = find(&buffer, "- · absent: auditor");
        assert_eq!(
            buffer[(x, y)].fg,
            theme.diff_missing.fg.unwrap_or(Color::Reset),
            "{name}: missing marker fg"
        );
        assert_eq!(
            buffer[(x, y)].style().add_modifier,
            theme.diff_missing.add_modifier,
            "{name}: missing marker modifiers"
        );
    }
}

fn type_into(state: &mut State, text: &str, input: fn(char) -> Action) {
    for ch in text.chars() {
        update(state, input(ch));
    }
}

#[test]
fn filter_line_breadcrumb_and_highlight() {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "roles");
    update(&mut state, Action::StartFilter);
    type_into(&mut state, "aud", Action::FilterInput);
    let theme = Theme::dark();
    let buffer = draw(&state, &theme, 80, 24);
    insta::assert_snapshot!("filter_typing_80x24", text(&buffer));
    let screen = text(&buffer);
    assert!(screen.contains("Realm roles   /aud (1 row)"), "{screen}");
    assert!(screen.contains("/aud█"), "{screen}");

    let (x, y) = find(&buffer, "auditor");
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::UNDERLINED),
        "matched character on the selected row is underlined"
    );
    assert!(
        !buffer[(x + 3, y)].modifier.contains(Modifier::UNDERLINED),
        "unmatched character is plain"
    );

    update(&mut state, Action::ConfirmFilter);
    let screen = text(&draw(&state, &theme, 120, 40));
    assert!(
        screen.contains("/aud (1 row)"),
        "kept after Enter:\n{screen}"
    );
    assert!(!screen.contains("/aud█"), "{screen}");
}

#[test]
fn finder_overlay_shows_env_realm_kind() {
    let mut state = common::two_env_state();
    update(&mut state, Action::OpenFinder(String::new()));
    type_into(&mut state, "refund", Action::FinderInput);
    let theme = Theme::dark();
    let buffer = draw(&state, &theme, 120, 40);
    insta::assert_snapshot!("finder_120x40", text(&buffer));
    insta::assert_snapshot!("finder_80x24", text(&draw(&state, &theme, 80, 24)));

    let screen = text(&buffer);
    assert!(
        screen.contains("shop  client role of checkout-api"),
        "{screen}"
    );
    assert!(screen.contains("2 matches"), "{screen}");
    let (x, y) = find(&buffer, "staging  shop");
    assert_eq!(
        buffer[(x, y)].fg,
        Color::Yellow,
        "environment in its colour"
    );
    let (x, y) = find(&buffer, "refunds:issue");
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::BOLD),
        "matched characters are emphasised"
    );
}

#[test]
fn finder_prompt_before_typing() {
    let mut state = common::two_env_state();
    update(&mut state, Action::OpenFinder(String::new()));
    let screen = text(&draw(&state, &Theme::dark(), 80, 24));
    assert!(
        screen.contains("type to search 25 loaded objects in 2 environments"),
        "{screen}"
    );
    assert!(screen.contains("Enter jump"), "finder hints:\n{screen}");
}

#[test]
fn command_completion_lists_candidates() {
    let mut state = common::two_env_state();
    update(&mut state, Action::StartCommand);
    type_into(&mut state, "env ", Action::CommandInput);
    update(&mut state, Action::CompleteCommand { forward: true });
    let theme = Theme::dark();
    let buffer = draw(&state, &theme, 80, 24);
    let screen = text(&buffer);
    assert!(screen.contains(":env dev█  dev staging"), "{screen}");
    let (x, y) = find(&buffer, "dev staging");
    assert_eq!(
        buffer[(x, y)].fg,
        theme.accent.fg.unwrap_or(Color::Reset),
        "current candidate in the accent colour"
    );
}

#[test]
fn help_two_columns_when_wide() {
    let mut state = common::two_env_state();
    state.aliases.insert("p".into(), "env staging".into());
    update(&mut state, Action::ToggleHelp);
    let buffer = draw(&state, &Theme::dark(), 120, 40);
    insta::assert_snapshot!("help_120x40", text(&buffer));
    let screen = text(&buffer);
    assert!(screen.contains(":p               :env staging"), "{screen}");
}

#[test]
fn user_binding_reaches_hints_and_help() {
    use kcdeck::keymap::{Context, Key, Keymap, UserBinding};
    let mut state = common::two_env_state();
    state.keys = Keymap::with_overrides(&[
        UserBinding {
            context: Context::Normal,
            key: Key::parse("ctrl-p").expect("key"),
            action: None,
            written: "ctrl-p".into(),
            line: 3,
        },
        UserBinding {
            context: Context::Normal,
            key: Key::parse("f").expect("key"),
            action: Some("find"),
            written: "f".into(),
            line: 4,
        },
    ]);
    let screen = text(&draw(&state, &Theme::dark(), 120, 40));
    assert!(screen.contains("f find"), "{screen}");
    assert!(!screen.contains("Ctrl-P"), "{screen}");
    update(&mut state, Action::ToggleHelp);
    let screen = text(&draw(&state, &Theme::dark(), 120, 40));
    assert!(
        screen.contains(" f                find an object in every environment"),
        "{screen}"
    );
}

/// Stages a changed description of `viewer` and a new role for staging, which is protected.
fn staged_state() -> State {
    use kcdeck::inventory::RoleRef;
    use kcdeck::plan::{Operation, Plan};
    use kcdeck::state::write::StagedPlan;
    use serde_json::json;

    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    state.envs[1].protected = true;
    let mut edit = Plan::new("staging", "shop", "edit role \"viewer\"");
    edit.push(Operation::UpdateRole {
        role: RoleRef::realm("viewer"),
        before: json!({"description": "read only"}),
        after: json!({"description": "reads everything"}),
    });
    let mut create = Plan::new("staging", "shop", "edit role \"auditor\"");
    create.push(Operation::CreateRole {
        role: RoleRef::realm("auditor"),
        after: json!({"description": "audits"}),
    });
    state.write.staged.push(StagedPlan { env: 1, plan: edit });
    state.write.staged.push(StagedPlan {
        env: 1,
        plan: create,
    });
    state
}

#[test]
fn staged_list_both_sizes() {
    let mut state = staged_state();
    update(&mut state, Action::ShowStaged);
    insta::assert_snapshot!(
        "staged_120x40",
        text(&draw(&state, &Theme::dark(), 120, 40))
    );
    insta::assert_snapshot!("staged_80x24", text(&draw(&state, &Theme::dark(), 80, 24)));
}

#[test]
fn confirm_dialog_both_sizes() {
    let mut state = staged_state();
    update(&mut state, Action::ShowStaged);
    update(&mut state, Action::DialogSubmit);
    for ch in "stag".chars() {
        update(&mut state, Action::DialogInput(ch));
    }
    insta::assert_snapshot!(
        "confirm_120x40",
        text(&draw(&state, &Theme::dark(), 120, 40))
    );
    insta::assert_snapshot!("confirm_80x24", text(&draw(&state, &Theme::dark(), 80, 24)));
}

#[test]
fn confirm_dialog_names_env_in_colour() {
    let mut state = staged_state();
    update(&mut state, Action::ShowStaged);
    update(&mut state, Action::DialogSubmit);
    let buffer = draw(&state, &Theme::dark(), 120, 40);

    let (x, y) = find(&buffer, "environment staging");
    let name_x = x + u16::try_from("environment ".len()).expect("fits");
    for offset in 0..u16::try_from("staging".len()).expect("fits") {
        let cell = &buffer[(name_x + offset, y)];
        assert_eq!(cell.fg, Color::Yellow, "cell {offset} of the name");
        assert!(cell.modifier.contains(Modifier::BOLD));
    }
    let (title_x, title_y) = find(&buffer, "Apply to staging");
    let title_name = title_x + u16::try_from("Apply to ".len()).expect("fits");
    assert_eq!(buffer[(title_name, title_y)].fg, Color::Yellow);
}

#[test]
fn user_view_shows_grant_paths() {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "user alice");
    let request = state.user.as_ref().expect("user requested").request;
    let detail = kcdeck::state::UserDetail {
        id: "u-1".into(),
        username: "alice".into(),
        email: Some("alice@shop.example".into()),
        direct: vec![
            kcdeck::inventory::RoleRef::realm("default-roles-shop"),
            kcdeck::inventory::RoleRef::client("checkout-api", "refunds:issue"),
        ],
        groups: vec![vec!["staff".into(), "support".into()]],
    };
    update(
        &mut state,
        Action::UserLoaded {
            env: 0,
            request,
            result: Ok(detail),
        },
    );
    insta::assert_snapshot!("user_120x40", text(&draw(&state, &Theme::dark(), 120, 40)));
    insta::assert_snapshot!("user_80x24", text(&draw(&state, &Theme::dark(), 80, 24)));
}
