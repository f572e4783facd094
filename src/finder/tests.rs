use proptest::prelude::*;

use super::*;

fn candidate(text: &str, env: usize) -> Candidate {
    Candidate {
        text: text.to_owned(),
        env,
        realm: "acme".to_owned(),
        kind: ObjectKind::RealmRole,
        id: 1000 + env,
    }
}

fn finder(texts: &[&str]) -> Finder {
    Finder::new(texts.iter().map(|text| candidate(text, 0)).collect())
}

/// Returns the texts of the hits, best first.
fn ranked(finder: &mut Finder, query: &str) -> Vec<String> {
    let hits = finder.search(query);
    hits.iter()
        .map(|hit| finder.candidates()[hit.candidate].text.clone())
        .collect()
}

#[test]
fn exact_name_ranks_before_fuzzy() {
    let mut finder = finder(&[
        "app-domain-instance",
        "realm-admin",
        "administrator",
        "admin",
    ]);

    let texts = ranked(&mut finder, "admin");

    assert_eq!(texts.first().map(String::as_str), Some("admin"));
    assert_eq!(
        texts.last().map(String::as_str),
        Some("app-domain-instance")
    );
    assert_eq!(texts.len(), 4);
}

#[test]
fn prefix_ranks_before_middle() {
    let mut finder = finder(&["my-view-users", "view-users-my"]);

    let hits = finder.search("view");

    assert_eq!(finder.candidates()[hits[0].candidate].text, "view-users-my");
    assert!(hits[0].score > hits[1].score, "{hits:?}");
}

#[test]
fn initials_find_store_manager() {
    let mut finder = finder(&["system-monitoring", "customer-management", "store-manager"]);

    let hits = finder.search("stmg");

    let best = &hits[0];
    assert_eq!(finder.candidates()[best.candidate].text, "store-manager");
    assert_eq!(best.positions, vec![0, 1, 6, 10]);
}

#[test]
fn search_ignores_ascii_case() {
    let mut finder = finder(&["STORE-MANAGER", "Store-Manager", "billing"]);

    assert_eq!(ranked(&mut finder, "store").len(), 2);
    assert_eq!(ranked(&mut finder, "STORE").len(), 2);
    assert_eq!(ranked(&mut finder, "sToRe").len(), 2);
}

#[test]
fn case_does_not_change_score() {
    let mut finder = finder(&["admin", "Admin"]);

    let hits = finder.search("ADMIN");

    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].score, hits[1].score);
}

#[test]
fn plain_letters_match_accented_ones() {
    let mut finder = finder(&["Über-admin", "uber-admin", "admin"]);

    assert_eq!(ranked(&mut finder, "uber"), ["uber-admin", "Über-admin"]);
    assert_eq!(ranked(&mut finder, "über"), ["Über-admin"]);
}

#[test]
fn words_match_separately() {
    let mut finder = finder(&["view-users", "users", "manage-users"]);

    let hits = finder.search("users view");

    assert_eq!(hits.len(), 1);
    assert_eq!(finder.candidates()[hits[0].candidate].text, "view-users");
    assert_eq!(
        hits[0].positions,
        (0..10).filter(|&i| i != 4).collect::<Vec<_>>()
    );
}

#[test]
fn escaped_space_is_literal() {
    let mut finder = finder(&["view users", "view-users"]);

    assert_eq!(ranked(&mut finder, "view\\ users"), ["view users"]);
}

#[test]
fn cyrillic_matches_in_any_case() {
    let mut finder = finder(&["роль-администратора", "Роль", "role"]);

    assert_eq!(ranked(&mut finder, "роль"), ["Роль", "роль-администратора"]);
    assert_eq!(ranked(&mut finder, "РОЛЬ"), ["Роль", "роль-администратора"]);
    assert_eq!(ranked(&mut finder, "рлад").len(), 1);
}

#[test]
fn positions_count_characters_not_bytes() {
    let mut finder = finder(&["Über-admin"]);

    let hits = finder.search("adm");

    assert_eq!(hits[0].positions, vec![5, 6, 7]);
}

#[test]
fn empty_query_returns_nothing() {
    let mut finder = finder(&["admin", "billing"]);

    assert!(finder.search("").is_empty());
    assert!(finder.search("   ").is_empty());
    assert_eq!(finder.match_count(), 0);
}

#[test]
fn query_whitespace_is_trimmed() {
    let mut finder = finder(&["admin", "billing"]);

    assert_eq!(ranked(&mut finder, "  adm "), ["admin"]);
}

#[test]
fn no_match_returns_nothing() {
    let mut finder = finder(&["admin", "billing"]);

    assert!(finder.search("xyz").is_empty());
}

#[test]
fn ties_go_to_shorter_then_text_then_env() {
    let candidates = vec![
        candidate("roles", 0),
        candidate("roleb", 0),
        candidate("role", 2),
        candidate("rolea", 0),
        candidate("role", 1),
    ];
    let mut finder = Finder::new(candidates);

    let hits = finder.search("role");

    let order: Vec<(&str, usize)> = hits
        .iter()
        .map(|hit| {
            let found = &finder.candidates()[hit.candidate];
            (found.text.as_str(), found.env)
        })
        .collect();
    assert_eq!(
        order,
        [
            ("role", 1),
            ("role", 2),
            ("rolea", 0),
            ("roleb", 0),
            ("roles", 0)
        ]
    );
    assert!(
        hits.iter().all(|hit| hit.score == hits[0].score),
        "{hits:?}"
    );
}

#[test]
fn limit_keeps_the_best_hits() {
    let texts: Vec<String> = (0..50).map(|i| format!("{}admin", "x".repeat(i))).collect();
    let candidates: Vec<Candidate> = texts.iter().map(|text| candidate(text, 0)).collect();
    let mut unlimited = Finder::new(candidates.clone()).with_limit(usize::MAX);
    let mut limited = Finder::new(candidates).with_limit(3);

    let all = unlimited.search("adm");
    let best = limited.search("adm");

    assert_eq!(all.len(), 50);
    assert_eq!(best, all[..3]);
}

#[test]
fn zero_limit_returns_nothing() {
    let mut finder = finder(&["admin"]).with_limit(0);

    assert!(finder.search("adm").is_empty());
}

#[test]
fn default_limit_caps_hits() {
    let texts: Vec<String> = (0..DEFAULT_LIMIT + 10)
        .map(|i| format!("role-{i}"))
        .collect();
    let mut finder = Finder::new(texts.iter().map(|text| candidate(text, 0)).collect());

    assert_eq!(finder.search("role").len(), DEFAULT_LIMIT);
    assert_eq!(finder.match_count(), DEFAULT_LIMIT + 10);
}

#[test]
fn hit_maps_back_to_caller_id() {
    let mut finder = Finder::new(vec![candidate("billing", 3), candidate("admin", 7)]);

    let hits = finder.search("adm");

    let found = &finder.candidates()[hits[0].candidate];
    assert_eq!(found.id, 1007);
    assert_eq!(found.kind.label(), "realm role");
}

#[test]
fn extend_makes_new_candidates_searchable() {
    let mut finder = finder(&["billing"]);
    assert!(finder.search("adm").is_empty());

    finder.extend([candidate("admin", 1)]);

    assert_eq!(ranked(&mut finder, "admi"), ["admin"]);
}

#[test]
fn backspace_restores_earlier_results() {
    let mut finder = finder(&["store-manager", "system-monitoring", "billing"]);
    let before = finder.search("st");

    finder.search("stm");
    finder.search("stmg");
    let after = finder.search("st");

    assert_eq!(before, after);
}

#[test]
fn typed_sequence_matches_fresh_search() {
    let texts = [
        "store-manager",
        "Store_Admin",
        "system-monitoring",
        "customer-management",
        "роль-администратора",
        "view-users",
        "manage-users",
    ];
    let queries = [
        "s", "st", "stm", "stmg", "stm", "sm", "Sm", "rол", "роль", "m", "mu", "m u", "mu s",
    ];
    let mut typed = finder(&texts);

    for query in queries {
        let expected = finder(&texts).search(query);
        assert_eq!(typed.search(query), expected, "query {query:?}");
    }
}

proptest! {
    /// Reusing earlier match lists must never change a result.
    #[test]
    fn narrowing_never_changes_results(
        texts in prop::collection::vec("[abABäÄ _-]{0,8}", 1..30),
        queries in prop::collection::vec("[abAä ]{0,4}", 1..12),
    ) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut typed = finder(&texts);

        for query in &queries {
            let expected = finder(&texts).search(query);
            prop_assert_eq!(typed.search(query), expected, "query {:?}", query);
        }
    }
}
