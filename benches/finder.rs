//! Per-keystroke latency of `kcdeck::finder::Finder` over 100,000 generated object names.
//!
//! Run with `cargo bench --bench finder`. Each query is typed one character at a time, and
//! every `search` call is timed, including ranking and the positions of the returned hits.
//! Three ways of reaching each query are timed: typing (the finder narrows the previous
//! matches), typing with narrowing defeated (every keystroke scans all candidates) and
//! deleting back from the full query. The target is under 16 ms per keystroke, one frame
//! at 60 Hz.

use std::hint::black_box;
use std::time::{Duration, Instant};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use kcdeck::finder::{Candidate, Finder, ObjectKind};

const CANDIDATES: usize = 100_000;
const REPEATS: usize = 5;
const QUERIES: [&str; 7] = [
    "storemgr", "payadm", "custonb", "viewinv", "svcbill", "frdrisk", "bill adm",
];

/// Word lists, space-separated so that rustfmt keeps them compact.
const DOMAINS: &str = "billing payments invoice store catalog inventory order shipping customer \
    account profile identity onboarding document verification notification reporting analytics \
    audit support ticket warehouse pricing loyalty partner vendor hr payroll crm erp search media \
    content marketing campaign fraud risk compliance ledger treasury";
const ACTIONS: &str = "view manage create edit delete approve export import read write query \
    impersonate";
const ROLES: &str = "admin manager viewer editor operator auditor owner reader writer approver \
    support developer";
const CLIENT_SUFFIXES: &str = "service backend frontend portal api gateway worker callback \
    console app bff cli";
const PREFIXES: &str = "svc app web mobile internal legacy partner ext batch int";
const STAGES: &str = "eu-west-1 us-east-2 ap-south-1 prod staging dev v2 v3";
const TEAMS: &str = "Engineering Platform SRE Finance Sales Operations Legal Security Data QA";
const SCOPE_ACTIONS: &str = "read write admin";
const CYRILLIC: &str = "роль менеджер склад бухгалтерия аудитор отчёты";

/// Deterministic xorshift64* generator, so every run benchmarks the same names.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Picks one word of a space-separated list.
    fn pick(&mut self, list: &'static str) -> &'static str {
        let count = list.split_whitespace().count() as u64;
        let index = usize::try_from(self.next() % count).unwrap_or(0);
        list.split_whitespace().nth(index).unwrap_or(list)
    }
}

fn main() {
    let candidates = generate(CANDIDATES);
    print_candidate_stats(&candidates);

    let mut finder = Finder::new(candidates.clone());
    let typed = time_typing(&mut finder, false);
    let rescanned = time_typing(&mut finder, true);
    let deleted = time_deleting(&mut finder);

    println!(
        "\nper keystroke, {REPEATS} runs of each of {} queries:",
        QUERIES.len()
    );
    println!("{:<34} {:>9} {:>9}", "", "median", "max");
    print_summary("typing (narrowing)", &typed.all());
    print_summary("typing, every key a full scan", &rescanned.all());
    print_summary("deleting back (cached levels)", &deleted);

    println!("\ntyping with narrowing, by keystroke:");
    println!(
        "{:<6} {:>9} {:>9} {:>12}",
        "key", "median", "max", "mean matches"
    );
    for (key, sample) in typed.by_key.iter().enumerate() {
        let mut times = sample.times.clone();
        let mean_matches = sample.matches as f64 / sample.times.len().max(1) as f64;
        println!(
            "{:<6} {:>9} {:>9} {:>12.0}",
            key + 1,
            format_ms(median(&mut times)),
            format_ms(times.iter().copied().max().unwrap_or_default()),
            mean_matches,
        );
    }

    print_skim_reference(&candidates);
}

/// Timings of one keystroke position across all queries and runs.
#[derive(Default, Clone)]
struct KeySample {
    times: Vec<Duration>,
    matches: usize,
}

#[derive(Default)]
struct Timings {
    by_key: Vec<KeySample>,
}

impl Timings {
    fn record(&mut self, key: usize, time: Duration, matches: usize) {
        if self.by_key.len() <= key {
            self.by_key.resize(key + 1, KeySample::default());
        }
        self.by_key[key].times.push(time);
        self.by_key[key].matches += matches;
    }

    fn all(&self) -> Vec<Duration> {
        self.by_key
            .iter()
            .flat_map(|sample| sample.times.clone())
            .collect()
    }
}

/// Types every query one character at a time. With `rescan`, an empty search before each
/// keystroke drops the cached match lists, so every keystroke scans all candidates.
fn time_typing(finder: &mut Finder, rescan: bool) -> Timings {
    let mut timings = Timings::default();
    for _ in 0..REPEATS {
        for query in QUERIES {
            finder.search("");
            for (key, prefix) in prefixes(query).into_iter().enumerate() {
                if rescan {
                    finder.search("");
                }
                let start = Instant::now();
                let hits = finder.search(prefix);
                let elapsed = start.elapsed();
                timings.record(key, elapsed, finder.match_count());
                black_box(hits);
            }
        }
    }
    timings
}

/// Types each full query, then times every backspace down to one character.
fn time_deleting(finder: &mut Finder) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..REPEATS {
        for query in QUERIES {
            finder.search("");
            let prefixes = prefixes(query);
            for prefix in &prefixes {
                finder.search(prefix);
            }
            for prefix in prefixes.iter().rev().skip(1) {
                let start = Instant::now();
                let hits = finder.search(prefix);
                times.push(start.elapsed());
                black_box(hits);
            }
        }
    }
    times
}

/// Times one scan of all names with fuzzy-matcher's `SkimMatcherV2`, scores only, to compare
/// the raw matcher speed with the finder's full scan.
fn print_skim_reference(candidates: &[Candidate]) {
    let matcher = SkimMatcherV2::default().ignore_case();
    println!("\nreference: fuzzy-matcher 0.3 SkimMatcherV2, full scan, scores only:");
    for query in ["s", "storemgr"] {
        let mut times = Vec::new();
        for _ in 0..REPEATS {
            let start = Instant::now();
            let matched = candidates
                .iter()
                .filter_map(|c| matcher.fuzzy_match(&c.text, query))
                .count();
            times.push(start.elapsed());
            black_box(matched);
        }
        let label = format!("query {query:?}");
        print_summary(&label, &times);
    }
}

fn prefixes(query: &str) -> Vec<&str> {
    query
        .char_indices()
        .map(|(start, c)| &query[..start + c.len_utf8()])
        .collect()
}

fn print_summary(label: &str, times: &[Duration]) {
    let mut times = times.to_vec();
    let max = times.iter().copied().max().unwrap_or_default();
    println!(
        "{label:<34} {:>9} {:>9}",
        format_ms(median(&mut times)),
        format_ms(max)
    );
}

fn print_candidate_stats(candidates: &[Candidate]) {
    let lengths: Vec<usize> = candidates.iter().map(|c| c.text.chars().count()).collect();
    let total: usize = lengths.iter().sum();
    let non_ascii = candidates.iter().filter(|c| !c.text.is_ascii()).count();
    println!(
        "{} candidates, mean length {:.1} characters, max {}, {} non-ASCII",
        candidates.len(),
        total as f64 / candidates.len() as f64,
        lengths.iter().max().unwrap_or(&0),
        non_ascii,
    );
    for candidate in candidates.iter().step_by(candidates.len() / 8) {
        println!("  e.g. {}", candidate.text);
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn format_ms(time: Duration) -> String {
    format!("{:.2} ms", time.as_secs_f64() * 1000.0)
}

/// Generates `count` names shaped like Keycloak realm roles, client roles, clients, groups and
/// client scopes, spread over five environments and four realms.
fn generate(count: usize) -> Vec<Candidate> {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    (0..count)
        .map(|id| {
            let (kind, text) = generate_name(&mut random);
            Candidate {
                text: format!("{text}{}", suffix(&mut random, id)),
                env: id % 5,
                realm: format!("realm-{}", id % 4),
                kind,
                id,
            }
        })
        .collect()
}

fn generate_name(random: &mut Random) -> (ObjectKind, String) {
    let domain = random.pick(DOMAINS);
    let other = random.pick(DOMAINS);
    match random.next() % 10 {
        0 | 1 => (
            ObjectKind::RealmRole,
            format!("{domain}-{}", random.pick(ROLES)),
        ),
        2 => {
            let role = random.pick(ROLES).to_uppercase();
            (
                ObjectKind::RealmRole,
                format!("ROLE_{}_{role}", domain.to_uppercase()),
            )
        }
        3 | 4 => {
            let action = random.pick(ACTIONS);
            (ObjectKind::ClientRole, format!("{action}-{domain}-{other}"))
        }
        5 => {
            let prefix = random.pick(PREFIXES);
            let suffix = random.pick(CLIENT_SUFFIXES);
            (ObjectKind::Client, format!("{prefix}-{domain}-{suffix}"))
        }
        6 => {
            let prefix = random.pick(PREFIXES);
            let third = random.pick(DOMAINS);
            let suffix = random.pick(CLIENT_SUFFIXES);
            let stage = random.pick(STAGES);
            let text = format!("{prefix}-{domain}-{other}-{third}-{suffix}-{stage}");
            (ObjectKind::Client, text)
        }
        7 => {
            let team = random.pick(TEAMS);
            let role = random.pick(ROLES);
            (ObjectKind::Group, format!("{team} {domain} {role}s"))
        }
        8 => {
            let action = random.pick(SCOPE_ACTIONS);
            (ObjectKind::ClientScope, format!("{domain}:{action}"))
        }
        _ => {
            let word = random.pick(CYRILLIC);
            if random.next().is_multiple_of(4) {
                (ObjectKind::RealmRole, format!("{word}-{domain}"))
            } else {
                (ObjectKind::Group, format!("{domain}-{other}-team"))
            }
        }
    }
}

/// Returns a number suffix such as `-42` for about a third of the names, as real realms have.
fn suffix(random: &mut Random, id: usize) -> String {
    if random.next().is_multiple_of(3) {
        format!("-{}", id % 97)
    } else {
        String::new()
    }
}
