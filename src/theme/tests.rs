use std::path::Path;

use ratatui::style::{Color, Modifier, Style};

use super::color::indexed_rgb;
use super::*;

const DARK: &str = include_str!("../../themes/dark.toml");

/// Returns every colour the palette sets, foreground and background.
fn colors(palette: &Palette) -> Vec<Color> {
    Role::ALL
        .iter()
        .flat_map(|&role| [palette.style(role).fg, palette.style(role).bg])
        .flatten()
        .collect()
}

/// Returns a theme with an empty table for every role except `role`, whose table contains
/// `role_body`.
fn theme_with(role: &str, role_body: &str) -> String {
    Role::ALL
        .iter()
        .map(|other| {
            let body = if other.key() == role { role_body } else { "" };
            format!("[{}]\n{body}\n", other.key())
        })
        .collect()
}

/// Returns a theme with an empty table for every role except `missing`.
fn theme_without(missing: &str) -> String {
    Role::ALL
        .iter()
        .filter(|role| role.key() != missing)
        .map(|role| format!("[{}]\n", role.key()))
        .collect()
}

fn parse_error(text: &str) -> String {
    match ThemeFile::parse(text) {
        Ok(palette) => panic!("expected an error, parsed {palette:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn builtin_themes_all_load() {
    for name in BUILTIN_NAMES {
        assert!(
            Palette::builtin(name).is_some(),
            "built-in theme {name} failed to load"
        );
    }
    assert!(BUILTIN_NAMES.contains(&DEFAULT_NAME));
}

#[test]
fn builtin_unknown_name_is_none() {
    assert_eq!(Palette::builtin("solarized"), None);
    assert_eq!(Palette::builtin("Dark"), None);
}

#[test]
fn default_palette_is_dark() {
    assert_eq!(Some(Palette::default()), Palette::builtin("dark"));
}

#[test]
fn dark_theme_styles() {
    let dark = Palette::builtin("dark").expect("dark theme");

    assert_eq!(
        dark.selection,
        Style::new().fg(Color::Black).bg(Color::Cyan)
    );
    assert_eq!(dark.muted, Style::new().fg(Color::DarkGray));
    assert_eq!(dark.heading, Style::new().add_modifier(Modifier::BOLD));
    assert_eq!(
        dark.diff_unknown,
        Style::new()
            .fg(Color::DarkGray)
            .add_modifier(Modifier::ITALIC)
    );
}

#[test]
fn style_accessor_matches_fields() {
    let dark = Palette::builtin("dark").expect("dark theme");

    assert_eq!(dark.style(Role::Error), dark.error);
    assert_eq!(
        dark.style(Role::SelectionUnfocused),
        dark.selection_unfocused
    );
    assert_eq!(dark.style(Role::DiffOnlyA), dark.diff_only_a);
    assert_eq!(dark.style(Role::DiffMissing), dark.diff_missing);
}

#[test]
fn role_keys_round_trip() {
    for role in Role::ALL {
        assert_eq!(Role::from_key(role.key()), Some(role));
    }
    assert_eq!(Role::from_key("Text"), None);
}

#[test]
fn monochrome_has_no_colors() {
    let monochrome = Palette::builtin("monochrome").expect("monochrome theme");

    assert_eq!(colors(&monochrome), Vec::<Color>::new());
    assert_eq!(monochrome.selection.add_modifier, Modifier::REVERSED);
}

#[test]
fn monochrome_roles_are_distinct() {
    let monochrome = Palette::builtin("monochrome").expect("monochrome theme");
    let diff_roles = [
        Role::DiffSame,
        Role::DiffChanged,
        Role::DiffOnlyA,
        Role::DiffMissing,
        Role::DiffUnknown,
    ];

    for (i, first) in diff_roles.iter().enumerate() {
        for second in &diff_roles[i + 1..] {
            assert_ne!(
                monochrome.style(*first),
                monochrome.style(*second),
                "{first:?} and {second:?} look the same"
            );
        }
    }
    assert_ne!(monochrome.selection, monochrome.selection_unfocused);
    assert_ne!(monochrome.selection, monochrome.text);
}

#[test]
fn light_theme_colors_are_exact_in_256() {
    let light = Palette::builtin("light").expect("light theme");
    let reduced = light.reduced(ColorDepth::Ansi256);

    for role in Role::ALL {
        let pairs = [
            (light.style(role).fg, reduced.style(role).fg),
            (light.style(role).bg, reduced.style(role).bg),
        ];
        for pair in pairs {
            if let (Some(Color::Rgb(r, g, b)), Some(Color::Indexed(index))) = pair {
                assert_eq!(indexed_rgb(index), [r, g, b], "{role:?}");
            }
        }
    }
}

#[test]
fn missing_role_is_named() {
    let error = ThemeFile::parse(&theme_without("diff_unknown")).expect_err("incomplete theme");

    assert!(
        matches!(
            error,
            ThemeError::MissingRole {
                role: "diff_unknown"
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "missing theme role `diff_unknown`. Add a [diff_unknown] table, which may be empty"
    );
}

#[test]
fn empty_file_misses_first_role() {
    assert_eq!(
        parse_error(""),
        "missing theme role `text`. Add a [text] table, which may be empty"
    );
}

#[test]
fn unknown_role_lists_roles() {
    let message = parse_error(&format!("{DARK}\n[mutted]\nfg = \"red\"\n"));

    assert!(
        message.starts_with("unknown theme role `mutted`."),
        "{message}"
    );
    assert!(message.contains("muted"), "{message}");
    assert!(message.contains("diff_unknown"), "{message}");
}

#[test]
fn invalid_color_names_role_and_value() {
    let message = parse_error(&theme_with("muted", "fg = \"purpel\""));

    assert!(
        message.starts_with("invalid fg colour \"purpel\" in theme role `muted`."),
        "{message}"
    );
    assert!(message.contains("#rrggbb"), "{message}");
}

#[test]
fn invalid_colors_rejected() {
    let cases = [
        ("bg = \"#ff80\"", "\"#ff80\""),
        ("bg = \"#gg0000\"", "\"#gg0000\""),
        ("bg = \"256\"", "\"256\""),
        ("bg = 256", "\"256\""),
        ("bg = -1", "\"-1\""),
        ("bg = \"\"", "\"\""),
    ];
    for (body, quoted) in cases {
        let message = parse_error(&theme_with("accent", body));
        let expected = format!("invalid bg colour {quoted} in theme role `accent`.");
        assert!(message.starts_with(&expected), "{body}: {message}");
    }
}

#[test]
fn color_forms_accepted() {
    let cases = [
        ("\"light-blue\"", Color::LightBlue),
        ("\"Light Blue\"", Color::LightBlue),
        ("\"dark-gray\"", Color::DarkGray),
        ("\"reset\"", Color::Reset),
        ("\"#FF8000\"", Color::Rgb(0xff, 0x80, 0x00)),
        ("\"208\"", Color::Indexed(208)),
        ("208", Color::Indexed(208)),
        ("0", Color::Indexed(0)),
    ];
    for (value, expected) in cases {
        let palette = ThemeFile::parse(&theme_with("accent", &format!("fg = {value}")))
            .unwrap_or_else(|error| panic!("{value}: {error}"));
        assert_eq!(palette.accent.fg, Some(expected), "{value}");
    }
}

#[test]
fn modifiers_combine() {
    let body = "modifiers = [\"bold\", \"reversed\", \"underlined\", \"dim\", \"italic\"]";
    let palette = ThemeFile::parse(&theme_with("heading", body)).expect("valid theme");

    let expected = Modifier::BOLD
        | Modifier::REVERSED
        | Modifier::UNDERLINED
        | Modifier::DIM
        | Modifier::ITALIC;
    assert_eq!(palette.heading.add_modifier, expected);
    assert_eq!(palette.heading.fg, None);
}

#[test]
fn invalid_modifier_is_named() {
    let message = parse_error(&theme_with("error", "modifiers = [\"bold\", \"blink\"]"));

    assert_eq!(
        message,
        "invalid modifier \"blink\" in theme role `error`. \
         Expected one of: bold, reversed, underlined, dim, italic"
    );
}

#[test]
fn wrong_types_are_named() {
    let cases = [
        (
            "modifiers = \"bold\"",
            "`modifiers` of theme role `border` must be a list",
        ),
        (
            "modifiers = [1]",
            "`modifiers` of theme role `border` must be a list",
        ),
        (
            "fg = true",
            "`fg` of theme role `border` must be a colour string",
        ),
    ];
    for (body, expected) in cases {
        let message = parse_error(&theme_with("border", body));
        assert!(message.starts_with(expected), "{body}: {message}");
    }
}

#[test]
fn unknown_key_is_named() {
    let message = parse_error(&theme_with("success", "fgg = \"red\""));

    assert_eq!(
        message,
        "unknown key `fgg` in theme role `success`. Expected fg, bg or modifiers"
    );
}

#[test]
fn role_must_be_table() {
    let message = parse_error(&format!("text = \"red\"\n{}", theme_without("text")));

    assert_eq!(
        message,
        "theme role `text` must be a table such as [text], not a string"
    );
}

#[test]
fn syntax_error_has_position() {
    let message = parse_error("[text\nfg = \"red\"\n");

    assert!(message.starts_with("invalid theme TOML:"), "{message}");
    assert!(message.contains("line 1"), "{message}");
}

#[test]
fn load_reads_user_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, theme_with("accent", "fg = \"#ff8000\"")).expect("write theme");

    let palette = ThemeFile::load(&path).expect("valid theme file");

    assert_eq!(palette.accent.fg, Some(Color::Rgb(0xff, 0x80, 0x00)));
}

#[test]
fn load_errors_name_the_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let missing = dir.path().join("missing.toml");
    let invalid = dir.path().join("invalid.toml");
    std::fs::write(&invalid, theme_with("accent", "fg = \"nope\"")).expect("write theme");

    let read_error = ThemeFile::load(&missing)
        .expect_err("missing file")
        .to_string();
    let parse_error = ThemeFile::load(&invalid)
        .expect_err("invalid file")
        .to_string();

    let display = |path: &Path| path.display().to_string();
    assert!(
        read_error.starts_with("failed to read theme file "),
        "{read_error}"
    );
    assert!(read_error.contains(&display(&missing)), "{read_error}");
    assert!(parse_error.contains(&display(&invalid)), "{parse_error}");
    assert!(parse_error.contains("\"nope\""), "{parse_error}");
}

#[test]
fn reduced_true_color_is_unchanged() {
    for name in BUILTIN_NAMES {
        let palette = Palette::builtin(name).expect("built-in theme");
        assert_eq!(palette.reduced(ColorDepth::TrueColor), palette, "{name}");
    }
}

#[test]
fn reduced_16_uses_named_colors_only() {
    for name in BUILTIN_NAMES {
        let palette = Palette::builtin(name).expect("built-in theme");
        for color in colors(&palette.reduced(ColorDepth::Ansi16)) {
            let named = !matches!(color, Color::Rgb(..) | Color::Indexed(_));
            assert!(named, "{name}: {color:?}");
        }
    }
}

#[test]
fn reduced_256_maps_rgb_to_indices() {
    let light = Palette::builtin("light").expect("light theme");

    let reduced = light.reduced(ColorDepth::Ansi256);

    assert_eq!(reduced.accent.fg, Some(Color::Indexed(25)));
    assert_eq!(reduced.muted.fg, Some(Color::Indexed(243)));
    assert_eq!(reduced.text.fg, Some(Color::Reset));
}

#[test]
fn reduced_none_drops_colors_keeps_modifiers() {
    for name in BUILTIN_NAMES {
        let palette = Palette::builtin(name).expect("built-in theme");
        let reduced = palette.reduced(ColorDepth::None);

        assert_eq!(colors(&reduced), Vec::<Color>::new(), "{name}");
        for role in Role::ALL {
            let original = palette.style(role).add_modifier;
            assert!(
                reduced.style(role).add_modifier.contains(original),
                "{name} {role:?}"
            );
        }
    }
}

#[test]
fn reduced_none_keeps_selection_visible() {
    let dark = Palette::builtin("dark").expect("dark theme");

    let reduced = dark.reduced(ColorDepth::None);

    assert_eq!(reduced.selection.add_modifier, Modifier::REVERSED);
    assert_eq!(
        reduced.error.add_modifier,
        Modifier::BOLD | Modifier::UNDERLINED
    );
    assert_eq!(reduced.diff_unknown.add_modifier, Modifier::ITALIC);
    assert_eq!(reduced.heading.add_modifier, Modifier::BOLD);
}
