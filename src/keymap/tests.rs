use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn user(context: Context, key: &str, action: Option<&'static str>, line: usize) -> UserBinding {
    UserBinding {
        context,
        key: Key::parse(key).expect("test key parses"),
        action,
        written: key.to_owned(),
        line,
    }
}

#[test]
fn normal_mode_maps_vim_and_arrows() {
    let keymap = Keymap::default();
    let cases = [
        (KeyCode::Char('j'), Action::MoveDown),
        (KeyCode::Down, Action::MoveDown),
        (KeyCode::Enter, Action::Open),
        (KeyCode::Char('/'), Action::StartFilter),
        (KeyCode::Char('y'), Action::Copy),
        (KeyCode::Char('d'), Action::ToggleDiffOnly),
    ];
    for (code, expected) in cases {
        let found = keymap.action_for(&Mode::Normal, press(code));
        assert_eq!(
            format!("{found:?}"),
            format!("{:?}", Some(expected)),
            "{code:?}"
        );
    }
}

#[test]
fn shifted_letter_matches_capital_binding() {
    let key = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
    assert!(matches!(
        Keymap::default().action_for(&Mode::Normal, key),
        Some(Action::ToggleRaw)
    ));
}

#[test]
fn ctrl_p_opens_finder() {
    let key = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert!(matches!(
        Keymap::default().action_for(&Mode::Normal, key),
        Some(Action::OpenFinder(query)) if query.is_empty()
    ));
}

#[test]
fn command_mode_types_letters() {
    let keymap = Keymap::default();
    let mode = Mode::Command(String::new());
    assert!(matches!(
        keymap.action_for(&mode, press(KeyCode::Char('q'))),
        Some(Action::CommandInput('q'))
    ));
    assert!(matches!(
        keymap.action_for(&mode, press(KeyCode::Enter)),
        Some(Action::SubmitCommand)
    ));
    assert!(matches!(
        keymap.action_for(&mode, press(KeyCode::Tab)),
        Some(Action::CompleteCommand { forward: true })
    ));
    assert!(matches!(
        keymap.action_for(&mode, press(KeyCode::Up)),
        Some(Action::HistoryPrevious)
    ));
}

#[test]
fn finder_types_and_moves() {
    let keymap = Keymap::default();
    assert!(matches!(
        keymap.action_for(&Mode::Finder, press(KeyCode::Char('j'))),
        Some(Action::FinderInput('j'))
    ));
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert!(matches!(
        keymap.action_for(&Mode::Finder, ctrl_n),
        Some(Action::FinderDown)
    ));
    assert!(matches!(
        keymap.action_for(&Mode::Finder, press(KeyCode::Esc)),
        Some(Action::FinderClose)
    ));
}

#[test]
fn filter_mode_types_and_confirms() {
    let keymap = Keymap::default();
    assert!(matches!(
        keymap.action_for(&Mode::Filter, press(KeyCode::Char('q'))),
        Some(Action::FilterInput('q'))
    ));
    assert!(matches!(
        keymap.action_for(&Mode::Filter, press(KeyCode::Enter)),
        Some(Action::ConfirmFilter)
    ));
    assert!(matches!(
        keymap.action_for(&Mode::Filter, press(KeyCode::Esc)),
        Some(Action::ClearFilter)
    ));
}

#[test]
fn ctrl_c_quits_in_every_mode() {
    let keymap = Keymap::default();
    let key = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let modes = [
        Mode::Normal,
        Mode::Command(String::new()),
        Mode::Filter,
        Mode::Finder,
        Mode::Help,
    ];
    for mode in modes {
        assert!(
            matches!(keymap.action_for(&mode, key), Some(Action::Quit)),
            "{mode:?}"
        );
    }
}

#[test]
fn defaults_have_no_duplicate_keys() {
    for context in Context::ALL {
        let bindings = actions::default_bindings(context);
        for (index, binding) in bindings.iter().enumerate() {
            let clash = bindings[index + 1..]
                .iter()
                .find(|other| other.key == binding.key);
            assert!(
                clash.is_none(),
                "{context:?}: key {} bound twice",
                binding.key
            );
        }
    }
}

#[test]
fn override_replaces_key_by_key() {
    let keymap = Keymap::with_overrides(&[user(Context::Normal, "x", Some("find"), 3)]);
    assert!(matches!(
        keymap.action_for(&Mode::Normal, press(KeyCode::Char('x'))),
        Some(Action::OpenFinder(_))
    ));
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert!(
        matches!(
            keymap.action_for(&Mode::Normal, ctrl_p),
            Some(Action::OpenFinder(_))
        ),
        "the default key stays"
    );
}

#[test]
fn override_none_removes_default() {
    let keymap = Keymap::with_overrides(&[user(Context::Normal, "q", None, 2)]);
    assert!(
        keymap
            .action_for(&Mode::Normal, press(KeyCode::Char('q')))
            .is_none()
    );
    let hints: Vec<&str> = keymap
        .hints(Context::Normal)
        .into_iter()
        .map(|(_, hint)| hint)
        .collect();
    assert!(!hints.contains(&"quit"), "{hints:?}");
}

#[test]
fn hints_and_help_follow_overrides() {
    let keymap = Keymap::with_overrides(&[
        user(Context::Normal, "ctrl-p", None, 2),
        user(Context::Normal, "f", Some("find"), 3),
    ]);
    let hints = keymap.hints(Context::Normal);
    assert!(hints.contains(&("f".to_owned(), "find")), "{hints:?}");
    let help = keymap.help_lines(Context::Normal);
    let find = help
        .iter()
        .find(|(_, description)| description.starts_with("find"))
        .expect("find in help");
    assert_eq!(find.0, "f");
}

#[test]
fn same_key_twice_later_line_wins() {
    let first = user(Context::Normal, "ctrl-p", Some("top"), 4);
    let second = user(Context::Normal, "C-p", Some("bottom"), 6);
    let overrides = [second.clone(), first.clone()];
    let keymap = Keymap::with_overrides(&overrides);
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert!(matches!(
        keymap.action_for(&Mode::Normal, ctrl_p),
        Some(Action::Bottom)
    ));
    let found = conflicts(&overrides);
    assert!(
        found.contains(&Conflict::SameKey {
            context: Context::Normal,
            kept: second,
            ignored: first,
        }),
        "{found:?}"
    );
}

#[test]
fn same_key_in_other_context_is_fine() {
    let overrides = [
        user(Context::Normal, "x", Some("find"), 2),
        user(Context::Finder, "x", Some("close"), 5),
    ];
    let same_key = conflicts(&overrides)
        .into_iter()
        .filter(|conflict| matches!(conflict, Conflict::SameKey { .. }))
        .count();
    assert_eq!(same_key, 0);
}

#[test]
fn shadowing_default_is_reported() {
    let overrides = [user(Context::Normal, "j", Some("find"), 3)];
    assert_eq!(
        conflicts(&overrides),
        [Conflict::ShadowsDefault {
            binding: overrides[0].clone(),
            default_action: "move_down",
            default_still_bound: true,
        }]
    );
    let overrides = [user(Context::Normal, "r", Some("find"), 3)];
    assert_eq!(
        conflicts(&overrides),
        [Conflict::ShadowsDefault {
            binding: overrides[0].clone(),
            default_action: "reload",
            default_still_bound: false,
        }]
    );
}

#[test]
fn rebinding_default_to_itself_is_silent() {
    let overrides = [
        user(Context::Normal, "j", Some("move_down"), 3),
        user(Context::Normal, "z", Some("move_down"), 4),
    ];
    assert!(conflicts(&overrides).is_empty());
}

#[test]
fn alt_chord_types_nothing() {
    let keymap = Keymap::default();
    let alt_colon = KeyEvent::new(KeyCode::Char(':'), KeyModifiers::ALT);
    for mode in [Mode::Command(String::new()), Mode::Filter, Mode::Finder] {
        assert!(keymap.action_for(&mode, alt_colon).is_none(), "{mode:?}");
    }
}
