//! Update tests: a state and an action in, the state and effects out.

use ratatui::style::Color;
use serde_json::json;

use super::*;
use crate::effect::Effect;
use crate::inventory::export::from_export;
use crate::inventory::{Inventory, RoleRef};
use crate::state::rows::{Cell, KindTab};
use crate::state::{EnvState, Loadable, Row, RowKey, ServerFacts, View};

fn shop(extra_role: bool, manager_members: &[&str]) -> Inventory {
    let mut roles = vec![
        json!({"name": "viewer", "description": "read only"}),
        json!({"name": "store-manager", "composite": true, "composites": {"realm": manager_members, "client": {"checkout": ["refund"]}}}),
    ];
    if extra_role {
        roles.push(json!({"name": "auditor"}));
    }
    let export = json!({
        "realm": "shop",
        "clients": [{"clientId": "checkout", "id": "c-1"}, {"clientId": "storefront", "publicClient": true}],
        "roles": {"realm": roles, "client": {"checkout": [{"name": "refund", "id": "r-1"}]}},
        "groups": [{"name": "staff", "subGroups": [{"name": "a/b", "realmRoles": ["viewer"]}]}]
    });
    from_export(&export).expect("test export is valid")
}

/// Two environments with realm lists loaded: dev has `auditor`, staging does not.
fn two_envs() -> State {
    let mut dev = EnvState::new("dev", Color::Green, "http://127.0.0.1:18080");
    let mut staging = EnvState::new("staging", Color::Yellow, "http://127.0.0.1:18081");
    for env in [&mut dev, &mut staging] {
        env.server = Loadable::Loaded(ServerFacts {
            version: "26.7.3".into(),
            identity: "admin".into(),
        });
        env.realms = Loadable::Loaded(vec!["master".into(), "shop".into()]);
    }
    State::new(vec![dev, staging])
}

fn with_inventories(state: &mut State) {
    state.envs[0]
        .inventories
        .insert("shop".into(), Loadable::Loaded(shop(true, &["viewer"])));
    state.envs[1]
        .inventories
        .insert("shop".into(), Loadable::Loaded(shop(false, &[])));
    state.refresh_rows();
}

fn select(state: &mut State, key: &RowKey) {
    let index = state
        .rows
        .iter()
        .position(|row| &row.key == key)
        .expect("row exists");
    let frame = state.frame_mut();
    frame.selected = index;
    frame.selected_key = Some(key.clone());
}

#[test]
fn start_checks_every_environment() {
    let mut state = State::new(vec![
        EnvState::new("dev", Color::Green, "u"),
        EnvState::new("prod", Color::Red, "u"),
    ]);
    let effects = start(&mut state);
    assert_eq!(effects.len(), 4);
    assert!(matches!(effects[0], Effect::CheckServer { env: 0 }));
    assert!(matches!(effects[3], Effect::LoadRealms { env: 1, .. }));
    assert!(state.envs[1].realms.is_loading());
}

#[test]
fn realm_rows_are_union_of_environments() {
    let mut state = two_envs();
    state.envs[1].realms = Loadable::Loaded(vec!["master".into()]);
    state.refresh_rows();
    let keys: Vec<&RowKey> = state.rows.iter().map(|row| &row.key).collect();
    assert_eq!(
        keys,
        [
            &RowKey::Realm("master".into()),
            &RowKey::Realm("shop".into())
        ]
    );
    assert_eq!(state.rows[1].cells[1], Cell::Absent);
}

#[test]
fn open_realm_loads_inventory_everywhere() {
    let mut state = two_envs();
    select(&mut state, &RowKey::Realm("shop".into()));
    let effects = update(&mut state, Action::Open);
    assert_eq!(
        state.view(),
        &View::Kinds {
            realm: "shop".into()
        }
    );
    let loads: Vec<usize> = effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::LoadInventory { env, realm, .. } if realm == "shop" => Some(*env),
            _ => None,
        })
        .collect();
    assert_eq!(loads, [0, 1]);
}

#[test]
fn stale_inventory_result_is_dropped() {
    let mut state = two_envs();
    select(&mut state, &RowKey::Realm("shop".into()));
    update(&mut state, Action::Open);
    let first = state.envs[0].inventories["shop"]
        .request()
        .expect("loading");
    update(&mut state, Action::Reload);
    let stale = Action::InventoryLoaded {
        env: 0,
        realm: "shop".into(),
        request: first,
        result: Err("old".into()),
        warnings: Vec::new(),
    };
    update(&mut state, stale);
    assert!(
        state.envs[0].inventories["shop"].is_loading(),
        "an old answer must not replace a newer request"
    );
}

#[test]
fn selection_follows_natural_key_across_columns() {
    let mut state = two_envs();
    with_inventories(&mut state);
    state.stack.push(crate::state::Frame::new(View::RealmRoles {
        realm: "shop".into(),
    }));
    state.refresh_rows();
    let auditor = RowKey::Role(RoleRef::realm("auditor"));
    select(&mut state, &auditor);
    let row = state.selected_row().expect("selected");
    assert_eq!(row.cells[0], Cell::Present("auditor".into()));
    assert_eq!(row.cells[1], Cell::Absent);

    update(&mut state, Action::NextColumn);
    assert_eq!(state.focus, 1);
    assert_eq!(state.selected_row().map(|row| &row.key), Some(&auditor));
}

#[test]
fn role_view_lists_members_and_parents() {
    let mut state = two_envs();
    with_inventories(&mut state);
    let role = RoleRef::realm("viewer");
    state.stack.push(crate::state::Frame::new(View::Role {
        realm: "shop".into(),
        role,
    }));
    state.refresh_rows();
    let parent = state
        .rows
        .iter()
        .find(|row| row.key == RowKey::Parent(RoleRef::realm("store-manager")))
        .expect("parent row");
    assert_eq!(parent.cells[0], Cell::Present("store-manager".into()));
    assert_eq!(
        parent.cells[1],
        Cell::Absent,
        "staging's store-manager does not contain viewer"
    );
}

#[test]
fn open_client_then_role_shows_composites() {
    let mut state = two_envs();
    with_inventories(&mut state);
    update(&mut state, Action::StartCommand);
    for ch in "realm shop".chars() {
        update(&mut state, Action::CommandInput(ch));
    }
    update(&mut state, Action::SubmitCommand);
    select(&mut state, &RowKey::Kind(KindTab::RealmRoles));
    update(&mut state, Action::Open);
    select(&mut state, &RowKey::Role(RoleRef::realm("store-manager")));
    update(&mut state, Action::Open);
    let members: Vec<&RowKey> = state
        .rows
        .iter()
        .map(|row| &row.key)
        .filter(|key| matches!(key, RowKey::Member(_)))
        .collect();
    assert_eq!(
        members,
        [
            &RowKey::Member(RoleRef::realm("viewer")),
            &RowKey::Member(RoleRef::client("checkout", "refund"))
        ]
    );
}

#[test]
fn back_stops_at_realm_list() {
    let mut state = two_envs();
    update(&mut state, Action::Back);
    update(&mut state, Action::Back);
    assert_eq!(state.stack.len(), 1);
    assert_eq!(state.view(), &View::Realms);
}

#[test]
fn unknown_command_reports_error() {
    let mut state = two_envs();
    update(&mut state, Action::StartCommand);
    update(&mut state, Action::CommandInput('x'));
    update(&mut state, Action::SubmitCommand);
    let status = state.status.clone().expect("status set");
    assert!(status.is_error);
    assert!(status.text.contains(":x"), "{}", status.text);
}

#[test]
fn pair_command_maps_realm_names() {
    let mut state = two_envs();
    state.envs[1].realms = Loadable::Loaded(vec!["shop-staging".into()]);
    state.refresh_rows();
    select(&mut state, &RowKey::Realm("shop".into()));
    update(&mut state, Action::Open);
    update(&mut state, Action::StartCommand);
    for ch in "pair staging shop-staging".chars() {
        update(&mut state, Action::CommandInput(ch));
    }
    let effects = update(&mut state, Action::SubmitCommand);
    assert_eq!(state.envs[1].realm_name("shop"), "shop-staging");
    assert!(effects.iter().any(|effect| matches!(effect, Effect::LoadInventory { env: 1, realm, .. } if realm == "shop-staging")));
}

#[test]
fn failed_realm_list_is_kept_with_reason() {
    let mut state = two_envs();
    let request = 99;
    state.envs[1].realms = Loadable::Loading { request };
    update(
        &mut state,
        Action::RealmsLoaded {
            env: 1,
            request,
            result: Err("cannot reach http://x: refused".into()),
        },
    );
    assert_eq!(
        state.envs[1].realms,
        Loadable::Failed("cannot reach http://x: refused".into())
    );
    assert!(
        state
            .errors
            .last()
            .is_some_and(|error| error.starts_with("staging:"))
    );
}

#[test]
fn command_mode_quit() {
    let mut state = two_envs();
    update(&mut state, Action::StartCommand);
    update(&mut state, Action::CommandInput('q'));
    update(&mut state, Action::SubmitCommand);
    assert!(state.quit);
}

/// Opens a view directly, as navigation would.
fn open_view(state: &mut State, view: View) {
    state.stack.push(crate::state::Frame::new(view));
    state.refresh_rows();
}

fn type_text(state: &mut State, text: &str, input: fn(char) -> Action) {
    for ch in text.chars() {
        update(state, input(ch));
    }
}

fn labels(state: &State) -> Vec<&str> {
    state.rows.iter().map(|row| row.label.as_str()).collect()
}

fn command_text(state: &State) -> &str {
    match &state.mode {
        Mode::Command(text) => text,
        other => panic!("expected command mode, found {other:?}"),
    }
}

fn shop_roles() -> State {
    let mut state = two_envs();
    with_inventories(&mut state);
    open_view(
        &mut state,
        View::RealmRoles {
            realm: "shop".into(),
        },
    );
    state
}

#[test]
fn filter_narrows_as_typed() {
    let mut state = shop_roles();
    assert_eq!(labels(&state).len(), 3);

    update(&mut state, Action::StartFilter);
    type_text(&mut state, "aud", Action::FilterInput);

    assert_eq!(state.mode, Mode::Filter);
    assert_eq!(labels(&state), ["auditor"]);
    assert_eq!(state.rows[0].matched, [0, 1, 2]);
}

#[test]
fn filter_enter_keeps_esc_clears() {
    let mut state = shop_roles();
    update(&mut state, Action::StartFilter);
    type_text(&mut state, "view", Action::FilterInput);
    update(&mut state, Action::ConfirmFilter);
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.frame().filter, "view");
    assert_eq!(labels(&state), ["viewer"]);

    update(&mut state, Action::StartFilter);
    update(&mut state, Action::ClearFilter);
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.frame().filter, "");
    assert_eq!(labels(&state).len(), 3);
}

#[test]
fn filter_backspace_on_empty_leaves() {
    let mut state = shop_roles();
    update(&mut state, Action::StartFilter);
    update(&mut state, Action::FilterInput('x'));
    assert!(state.rows.is_empty());
    update(&mut state, Action::FilterBackspace);
    assert_eq!(state.mode, Mode::Filter);
    assert_eq!(labels(&state).len(), 3);
    update(&mut state, Action::FilterBackspace);
    assert_eq!(state.mode, Mode::Normal);
}

#[test]
fn back_clears_filter_before_leaving() {
    let mut state = shop_roles();
    update(&mut state, Action::StartFilter);
    type_text(&mut state, "aud", Action::FilterInput);
    update(&mut state, Action::ConfirmFilter);

    update(&mut state, Action::Back);
    assert!(matches!(state.view(), View::RealmRoles { .. }));
    assert_eq!(state.frame().filter, "");

    update(&mut state, Action::Back);
    assert_eq!(state.view(), &View::Realms);
}

#[test]
fn filter_is_per_list() {
    let mut state = shop_roles();
    update(&mut state, Action::StartFilter);
    type_text(&mut state, "aud", Action::FilterInput);
    update(&mut state, Action::ConfirmFilter);
    select(&mut state, &RowKey::Role(RoleRef::realm("auditor")));
    update(&mut state, Action::Open);
    assert_eq!(state.frame().filter, "", "a new list starts unfiltered");
}

#[test]
fn filter_keeps_heading_with_matches() {
    let mut state = two_envs();
    with_inventories(&mut state);
    open_view(
        &mut state,
        View::Role {
            realm: "shop".into(),
            role: RoleRef::realm("store-manager"),
        },
    );
    update(&mut state, Action::StartFilter);
    type_text(&mut state, "view", Action::FilterInput);
    assert_eq!(labels(&state), ["Composite members (2)", "viewer"]);
    assert!(
        !state.selected_row().is_some_and(Row::is_heading),
        "selection skips the heading"
    );
}

#[test]
fn finder_searches_every_environment() {
    let mut state = two_envs();
    with_inventories(&mut state);

    update(&mut state, Action::OpenFinder(String::new()));
    type_text(&mut state, "refund", Action::FinderInput);

    let finder = state.finder.as_ref().expect("finder open");
    assert_eq!(state.mode, Mode::Finder);
    let found: Vec<(usize, &str, crate::finder::ObjectKind)> = finder
        .hits
        .iter()
        .map(|hit| (hit.env, hit.text.as_str(), hit.kind))
        .collect();
    assert_eq!(
        found,
        [
            (0, "refund", crate::finder::ObjectKind::ClientRole),
            (1, "refund", crate::finder::ObjectKind::ClientRole),
        ]
    );
    assert_eq!(finder.hits[0].positions, [0, 1, 2, 3, 4, 5]);
}

#[test]
fn finder_lists_objects_of_one_environment() {
    let mut state = two_envs();
    with_inventories(&mut state);
    update(&mut state, Action::OpenFinder("auditor".into()));
    let finder = state.finder.as_ref().expect("finder open");
    assert_eq!(finder.hits.len(), 1, "staging has no auditor");
    assert_eq!(finder.hits[0].env, 0);
    assert_eq!(finder.hits[0].realm, "shop");
}

#[test]
fn finder_enter_jumps_to_client_role() {
    let mut state = two_envs();
    with_inventories(&mut state);
    update(&mut state, Action::OpenFinder("refund".into()));
    update(&mut state, Action::FinderDown);
    let effects = update(&mut state, Action::FinderOpen);

    assert_eq!(state.mode, Mode::Normal);
    assert!(state.finder.is_none());
    assert_eq!(state.focus, 1, "staging's hit focuses staging");
    let views: Vec<&View> = state.stack.iter().map(|frame| &frame.view).collect();
    assert_eq!(
        views,
        [
            &View::Realms,
            &View::Kinds {
                realm: "shop".into()
            },
            &View::Clients {
                realm: "shop".into()
            },
            &View::ClientRoles {
                realm: "shop".into(),
                client_id: "checkout".into()
            },
        ]
    );
    assert_eq!(
        state.selected_row().map(|row| &row.key),
        Some(&RowKey::Role(RoleRef::client("checkout", "refund")))
    );
    assert!(effects.is_empty(), "inventories are loaded: {effects:?}");
}

#[test]
fn finder_realm_hit_selects_realm_row() {
    let mut state = two_envs();
    with_inventories(&mut state);
    open_view(
        &mut state,
        View::Clients {
            realm: "shop".into(),
        },
    );
    update(&mut state, Action::OpenFinder("master".into()));
    update(&mut state, Action::FinderOpen);
    assert_eq!(state.stack.len(), 1);
    assert_eq!(
        state.selected_row().map(|row| &row.key),
        Some(&RowKey::Realm("master".into()))
    );
}

#[test]
fn finder_jump_clears_hiding_filter() {
    let mut state = two_envs();
    with_inventories(&mut state);
    update(&mut state, Action::StartFilter);
    type_text(&mut state, "master", Action::FilterInput);
    update(&mut state, Action::ConfirmFilter);
    update(&mut state, Action::OpenFinder("shop".into()));
    let realm_hit = state
        .finder
        .as_ref()
        .and_then(|finder| {
            finder
                .hits
                .iter()
                .position(|hit| hit.kind == crate::finder::ObjectKind::Realm)
        })
        .expect("realm hit");
    for _ in 0..realm_hit {
        update(&mut state, Action::FinderDown);
    }
    update(&mut state, Action::FinderOpen);
    assert_eq!(state.frame().filter, "");
    assert_eq!(
        state.selected_row().map(|row| &row.key),
        Some(&RowKey::Realm("shop".into()))
    );
}

#[test]
fn finder_moves_wrap_and_esc_closes() {
    let mut state = two_envs();
    with_inventories(&mut state);
    update(&mut state, Action::OpenFinder("refund".into()));
    update(&mut state, Action::FinderUp);
    assert_eq!(state.finder.as_ref().map(|finder| finder.selected), Some(1));
    update(&mut state, Action::FinderDown);
    assert_eq!(state.finder.as_ref().map(|finder| finder.selected), Some(0));
    update(&mut state, Action::FinderClose);
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.view(), &View::Realms);
}

#[test]
fn finder_cache_follows_data_generation() {
    let mut state = two_envs();
    with_inventories(&mut state);
    let hit_count = |state: &State| state.finder.as_ref().map_or(0, |finder| finder.hits.len());
    update(&mut state, Action::OpenFinder("audito".into()));
    assert_eq!(hit_count(&state), 1, "only dev has auditor");

    // An inventory stored without a generation change is not searched: the cache is reused.
    let mut payroll = shop(true, &[]);
    payroll.realm = "payroll".into();
    state.envs[1]
        .inventories
        .insert("payroll".into(), Loadable::Loaded(payroll));
    update(&mut state, Action::FinderInput('r'));
    assert_eq!(hit_count(&state), 1);

    state.data_changed();
    update(&mut state, Action::FinderBackspace);
    assert_eq!(hit_count(&state), 2, "rebuilt with staging's payroll realm");
}

#[test]
fn loaded_results_bump_generation() {
    let mut state = two_envs();
    let before = state.data_generation;
    let request = 7;
    state.envs[0].realms = Loadable::Loading { request };
    update(
        &mut state,
        Action::RealmsLoaded {
            env: 0,
            request,
            result: Ok(vec!["shop".into()]),
        },
    );
    assert_ne!(state.data_generation, before);
}

#[test]
fn find_command_opens_finder_with_query() {
    let mut state = two_envs();
    with_inventories(&mut state);
    update(&mut state, Action::StartCommand);
    type_text(&mut state, "find  store man", Action::CommandInput);
    update(&mut state, Action::SubmitCommand);
    let finder = state.finder.as_ref().expect("finder open");
    assert_eq!(state.mode, Mode::Finder);
    assert_eq!(finder.query, "store man");
    assert_eq!(finder.hits[0].text, "store-manager");
}

#[test]
fn tab_cycles_command_names() {
    let mut state = two_envs();
    update(&mut state, Action::StartCommand);
    type_text(&mut state, "re", Action::CommandInput);

    update(&mut state, Action::CompleteCommand { forward: true });
    assert_eq!(command_text(&state), "realm");
    update(&mut state, Action::CompleteCommand { forward: true });
    assert_eq!(command_text(&state), "reload");
    update(&mut state, Action::CompleteCommand { forward: true });
    assert_eq!(command_text(&state), "realm", "cycling wraps");
    update(&mut state, Action::CompleteCommand { forward: false });
    assert_eq!(command_text(&state), "reload");
}

#[test]
fn tab_completes_arguments() {
    let cases = [
        ("env st", "env staging"),
        ("base d", "base dev"),
        ("realm s", "realm shop"),
        ("pair staging m", "pair staging master"),
        ("pair d", "pair dev"),
    ];
    for (typed, expected) in cases {
        let mut state = two_envs();
        update(&mut state, Action::StartCommand);
        type_text(&mut state, typed, Action::CommandInput);
        update(&mut state, Action::CompleteCommand { forward: true });
        assert_eq!(command_text(&state), expected, "after {typed:?}");
    }
}

#[test]
fn tab_without_candidates_says_so() {
    let mut state = two_envs();
    update(&mut state, Action::StartCommand);
    type_text(&mut state, "env x", Action::CommandInput);
    update(&mut state, Action::CompleteCommand { forward: true });
    assert_eq!(command_text(&state), "env x");
    let status = state.status.clone().expect("status set");
    assert_eq!(status.text, "no completion for \"x\"");
}

#[test]
fn typing_ends_completion_cycle() {
    let mut state = two_envs();
    update(&mut state, Action::StartCommand);
    type_text(&mut state, "env ", Action::CommandInput);
    update(&mut state, Action::CompleteCommand { forward: true });
    assert_eq!(command_text(&state), "env dev");
    update(&mut state, Action::CommandBackspace);
    update(&mut state, Action::CompleteCommand { forward: true });
    assert_eq!(
        command_text(&state),
        "env dev",
        "completes \"de\" afresh instead of cycling"
    );
}

#[test]
fn submit_records_and_saves_history() {
    let mut state = two_envs();
    update(&mut state, Action::StartCommand);
    type_text(&mut state, "env staging", Action::CommandInput);
    let effects = update(&mut state, Action::SubmitCommand);
    assert_eq!(state.command.history, ["env staging"]);
    assert_eq!(
        effects,
        [Effect::SaveHistory {
            lines: vec!["env staging".into()]
        }]
    );
}

#[test]
fn history_walks_and_restores_draft() {
    let mut state = two_envs();
    for line in ["env staging", "realm shop"] {
        update(&mut state, Action::StartCommand);
        type_text(&mut state, line, Action::CommandInput);
        update(&mut state, Action::SubmitCommand);
    }
    update(&mut state, Action::Back);
    update(&mut state, Action::StartCommand);
    type_text(&mut state, "ro", Action::CommandInput);

    let mut seen = Vec::new();
    for action in [
        Action::HistoryPrevious,
        Action::HistoryPrevious,
        Action::HistoryPrevious,
        Action::HistoryNext,
        Action::HistoryNext,
        Action::HistoryNext,
    ] {
        update(&mut state, action);
        seen.push(command_text(&state).to_owned());
    }
    assert_eq!(
        seen,
        [
            "realm shop",
            "env staging",
            "env staging",
            "realm shop",
            "ro",
            "ro"
        ]
    );
}

#[test]
fn alias_expands_with_arguments() {
    let mut state = two_envs();
    state.aliases.insert("s".into(), "env staging".into());
    state.aliases.insert("r".into(), "realm".into());

    update(&mut state, Action::StartCommand);
    update(&mut state, Action::CommandInput('s'));
    update(&mut state, Action::SubmitCommand);
    assert_eq!(state.focus, 1);

    update(&mut state, Action::StartCommand);
    type_text(&mut state, "r shop", Action::CommandInput);
    update(&mut state, Action::SubmitCommand);
    assert_eq!(
        state.view(),
        &View::Kinds {
            realm: "shop".into()
        }
    );
    assert_eq!(
        state.command.history,
        ["s", "r shop"],
        "history keeps what was typed"
    );
}

#[test]
fn tab_completes_alias_names() {
    let mut state = two_envs();
    state.aliases.insert("prod".into(), "env staging".into());
    update(&mut state, Action::StartCommand);
    type_text(&mut state, "pr", Action::CommandInput);
    update(&mut state, Action::CompleteCommand { forward: true });
    assert_eq!(command_text(&state), "prod");
}

fn copied(effects: &[Effect]) -> Option<&str> {
    effects.iter().find_map(|effect| match effect {
        Effect::CopyToClipboard { text } => Some(text.as_str()),
        _ => None,
    })
}

#[test]
fn copy_sends_natural_key() {
    let mut state = two_envs();
    with_inventories(&mut state);
    open_view(
        &mut state,
        View::ClientRoles {
            realm: "shop".into(),
            client_id: "checkout".into(),
        },
    );
    let effects = update(&mut state, Action::Copy);
    assert_eq!(copied(&effects), Some("checkout » refund"));
    let status = state.status.clone().expect("status set");
    assert_eq!(status.text, "copied \"checkout » refund\" via OSC 52");
    assert!(!status.is_error);
}

#[test]
fn copy_group_uses_path() {
    let mut state = two_envs();
    with_inventories(&mut state);
    open_view(
        &mut state,
        View::Groups {
            realm: "shop".into(),
        },
    );
    select(
        &mut state,
        &RowKey::Group(vec!["staff".into(), "a/b".into()]),
    );
    let effects = update(&mut state, Action::Copy);
    assert_eq!(copied(&effects), Some("/staff/a~/b"));
}

#[test]
fn copy_raw_json_masks_secrets() {
    let mut state = two_envs();
    with_inventories(&mut state);
    open_view(
        &mut state,
        View::Clients {
            realm: "shop".into(),
        },
    );
    update(&mut state, Action::ToggleRaw);
    let key = raw_key(&state).expect("selection");
    let raw = json!({"clientId": "checkout", "secret": "s3cr3t"});
    state.envs[0].raw.insert(key, Loadable::Loaded(raw));

    let effects = update(&mut state, Action::Copy);
    let text = copied(&effects).expect("copied");
    assert!(text.contains("\"clientId\": \"checkout\""), "{text}");
    assert!(!text.contains("s3cr3t"), "{text}");

    update(&mut state, Action::RevealSecrets);
    let effects = update(&mut state, Action::Copy);
    assert!(copied(&effects).is_some_and(|text| text.contains("s3cr3t")));
}

#[test]
fn copy_of_kind_row_copies_nothing() {
    let mut state = two_envs();
    with_inventories(&mut state);
    open_view(
        &mut state,
        View::Kinds {
            realm: "shop".into(),
        },
    );
    let effects = update(&mut state, Action::Copy);
    assert!(effects.is_empty());
    assert!(state.status.is_some());
}

#[test]
fn help_scrolls_with_movement_keys() {
    let mut state = two_envs();
    update(&mut state, Action::ToggleHelp);
    update(&mut state, Action::MoveDown);
    update(&mut state, Action::PageDown);
    assert_eq!(state.help_scroll.get(), 11);
    assert_eq!(state.stack.len(), 1, "the list behind help does not move");
    update(&mut state, Action::ToggleHelp);
    update(&mut state, Action::ToggleHelp);
    assert_eq!(state.help_scroll.get(), 0);
}

#[test]
fn realm_row_unmarked_until_compared() {
    use crate::state::Mark;
    let mut state = two_envs();
    let shop = state
        .rows
        .iter()
        .find(|row| row.key == RowKey::Realm("shop".into()))
        .expect("shop row");
    assert_eq!(
        shop.marks[1],
        Mark::None,
        "present in both proves nothing before comparing"
    );
    with_inventories(&mut state);
    state.recompare_all();
    state.refresh_rows();
    let shop = state
        .rows
        .iter()
        .find(|row| row.key == RowKey::Realm("shop".into()))
        .expect("shop row");
    assert_eq!(
        shop.marks[1],
        Mark::Changed,
        "auditor and a composite member differ"
    );
}

#[test]
fn reference_column_marks_keep_their_meaning() {
    use crate::state::Mark;
    let mut state = two_envs();
    with_inventories(&mut state);
    state.recompare_all();
    state.stack.push(crate::state::Frame::new(View::RealmRoles {
        realm: "shop".into(),
    }));
    state.refresh_rows();
    let auditor = state
        .rows
        .iter()
        .find(|row| row.label == "auditor")
        .expect("auditor row");
    assert_eq!(auditor.marks[0], Mark::OnlyHere, "only dev has auditor");
    assert_eq!(auditor.marks[1], Mark::Missing, "staging lacks auditor");
}

#[test]
fn role_view_headings_count_per_environment() {
    let mut state = two_envs();
    with_inventories(&mut state);
    let role = RoleRef::realm("store-manager");
    state.stack.push(crate::state::Frame::new(View::Role {
        realm: "shop".into(),
        role,
    }));
    state.refresh_rows();
    let heading = &state.rows[0];
    assert_eq!(
        heading.cells[0],
        Cell::Present("Composite members (2)".into())
    );
    assert_eq!(
        heading.cells[1],
        Cell::Present("Composite members (1)".into())
    );
}

#[test]
fn detail_scroll_resets_on_new_selection() {
    let mut state = two_envs();
    update(&mut state, Action::ScrollDetailDown);
    update(&mut state, Action::ScrollDetailDown);
    assert_eq!(state.detail_scroll, 6);
    update(&mut state, Action::ScrollDetailUp);
    assert_eq!(state.detail_scroll, 3);
    update(&mut state, Action::MoveDown);
    assert_eq!(state.detail_scroll, 0, "another realm starts at the top");
}

#[test]
fn next_difference_while_loading_says_so() {
    let mut state = two_envs();
    select(&mut state, &RowKey::Realm("shop".into()));
    update(&mut state, Action::Open);
    update(&mut state, Action::NextDifference);
    let status = state.status.clone().expect("status set");
    assert!(status.text.contains("still loading"), "{}", status.text);
}
