//! Render snapshots of the write dialogs: the role editor, the name input
//! and the composite member picker, at 80x24 where space is tightest.

mod common;

use kcdeck::action::Action;
use kcdeck::state::State;
use kcdeck::ui::Theme;
use kcdeck::update::update;

use common::screen::{command, draw, text};

fn screen(state: &State) -> String {
    text(&draw(state, &Theme::dark(), 80, 24))
}

/// Builds the realm roles of shop in staging's column, with `store-manager` selected.
fn roles_in_staging() -> State {
    let mut state = common::two_env_state();
    command(&mut state, "realm shop");
    command(&mut state, "roles");
    update(&mut state, Action::NextColumn);
    while state
        .selected_row()
        .is_some_and(|row| row.label != "store-manager")
    {
        update(&mut state, Action::MoveDown);
    }
    state
}

#[test]
fn role_editor_shows_json() {
    let mut state = roles_in_staging();
    update(&mut state, Action::EditRole);
    let text = screen(&state);
    assert!(text.contains("\"description\""), "{text}");
    assert!(text.contains("Runs a store"), "{text}");
    insta::assert_snapshot!("role_editor_80x24", text);
}

#[test]
fn name_input_for_new_role() {
    let mut state = roles_in_staging();
    update(&mut state, Action::CreateRole);
    for ch in "auditor".chars() {
        update(&mut state, Action::DialogInput(ch));
    }
    insta::assert_snapshot!("name_input_80x24", screen(&state));
}

#[test]
fn member_picker_filters_roles() {
    let mut state = roles_in_staging();
    update(&mut state, Action::AddMember);
    for ch in "ord".chars() {
        update(&mut state, Action::DialogInput(ch));
    }
    let text = screen(&state);
    assert!(text.contains("orders:read"), "{text}");
    insta::assert_snapshot!("member_picker_80x24", text);
}
