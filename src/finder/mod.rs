//! Fuzzy search over the names of every loaded object, across all environments.
//!
//! The caller turns each object into a [`Candidate`] (the text to match plus the environment,
//! realm and kind to show beside it, and an opaque id it maps back). [`Finder::search`] ranks
//! them and returns the best [`Hit`]s with the matched character positions for highlighting.
//! This module owns no UI state and never touches ratatui or the terminal.
//!
//! Matching rules:
//!
//! - Each space-separated word of the query must match the text as a subsequence, and the
//!   scores of the words add up, so `view users` finds `view-users`. `\ ` is a literal space.
//! - Case is ignored, with Unicode case folding (`РОЛЬ` finds `роль`). A word without
//!   accented Latin letters also matches their plain form (`uber` finds `Über`).
//! - Leading and trailing whitespace of the query is ignored. An empty query returns no hits:
//!   with tens of thousands of objects an unranked list is noise, so the caller can show a
//!   prompt instead.
//! - Ties in score go to the shorter text, then the text in byte order, then the lower
//!   environment index, then the earlier candidate, so results are stable between keystrokes.
//!
//! Matcher: `nucleo-matcher`, the matcher of the `nucleo` crate. The crate also depends on
//! `fuzzy-matcher` 0.3, but its `SkimMatcherV2` reuses a score matrix between calls without
//! clearing it, so a text's score depends on which texts were scored before it. In 0.3.7,
//! `-aABA` scores 60 for `AaB` on a fresh matcher and 63 after `-b--_-b` was scored for `BB`,
//! and `use_cache(false)` panics with a double borrow. Scores that change with history break
//! both the ranking and the narrowing below, so this module does not use it.
//!
//! Speed: every query's full match list is kept on a stack. When each word of the previous
//! query is a subsequence of a word of the new one (typing, or inserting inside the query),
//! only the previous matches can match, so only they are scored again. Deleting a character
//! pops the stack back to a query already scored. Positions are computed only for the hits
//! returned. `benches/finder.rs` measures this, and `docs/benchmarks.md` records the figures.
//!
//! NOTE: a search runs on the caller's thread. With 100,000 candidates the slowest keystroke
//! took 10 to 15 ms on a 2-core machine, close to a 60 Hz frame, so much larger sets would
//! need a background thread, as the `nucleo` crate provides.

use std::cmp::Ordering;
use std::fmt;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

#[cfg(test)]
mod tests;

/// Maximum number of hits [`Finder::search`] returns unless [`Finder::with_limit`] sets another.
pub const DEFAULT_LIMIT: usize = 200;

/// Kind of a searchable object, shown beside each hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKind {
    Realm,
    Client,
    RealmRole,
    ClientRole,
    Group,
    ClientScope,
    IdentityProvider,
}

impl ObjectKind {
    /// Returns the short lowercase label shown in the results list.
    pub fn label(self) -> &'static str {
        match self {
            Self::Realm => "realm",
            Self::Client => "client",
            Self::RealmRole => "realm role",
            Self::ClientRole => "client role",
            Self::Group => "group",
            Self::ClientScope => "client scope",
            Self::IdentityProvider => "identity provider",
        }
    }
}

/// One searchable object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Text the query is matched against, usually the object's name.
    pub text: String,
    /// Index of the environment the object was loaded from.
    pub env: usize,
    /// Realm the object belongs to, on that environment.
    pub realm: String,
    pub kind: ObjectKind,
    /// Caller's own reference to the object, returned untouched.
    pub id: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Finder::candidates`].
    pub candidate: usize,
    /// Sum of the match scores of the query's words. Higher is better.
    pub score: i64,
    /// Character indices (not byte offsets) of the matched characters in the candidate's text,
    /// ascending.
    pub positions: Vec<usize>,
}

/// Fuzzy finder over a list of candidates, fast when called once per keystroke.
pub struct Finder {
    candidates: Vec<Candidate>,
    /// Matcher input per candidate, in the same order.
    haystacks: Vec<Haystack>,
    matcher: Matcher,
    limit: usize,
    /// Full match lists of earlier queries, each query narrowing the one below it.
    levels: Vec<Level>,
}

/// Characters of a candidate's text, as the matcher reads them.
enum Haystack {
    /// The text is ASCII, so its bytes are its characters.
    Ascii,
    /// One entry per `char`, so that match positions are `char` indices. The matcher's own
    /// conversion would merge grapheme clusters and shift the positions after them.
    Unicode(Box<[char]>),
}

/// Every candidate matching one query, in candidate order.
struct Level {
    pattern: Pattern,
    matches: Vec<Match>,
}

#[derive(Debug, Clone, Copy)]
struct Match {
    candidate: usize,
    score: u32,
}

impl Finder {
    /// Creates a finder over `candidates` returning at most [`DEFAULT_LIMIT`] hits.
    pub fn new(candidates: Vec<Candidate>) -> Self {
        let haystacks = candidates.iter().map(|c| Haystack::new(&c.text)).collect();
        Self {
            candidates,
            haystacks,
            matcher: Matcher::new(Config::DEFAULT),
            limit: DEFAULT_LIMIT,
            levels: Vec::new(),
        }
    }

    /// Sets the maximum number of hits a search returns.
    #[must_use]
    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Returns all candidates, in the order that [`Hit::candidate`] indexes.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// Returns how many candidates matched the last query, including those beyond the limit.
    pub fn match_count(&self) -> usize {
        self.levels.last().map_or(0, |level| level.matches.len())
    }

    /// Adds candidates, for objects that finished loading after the finder was built.
    ///
    /// This drops the match lists of earlier queries, so the next search scores every
    /// candidate again.
    pub fn extend(&mut self, candidates: impl IntoIterator<Item = Candidate>) {
        for candidate in candidates {
            self.haystacks.push(Haystack::new(&candidate.text));
            self.candidates.push(candidate);
        }
        self.levels.clear();
    }

    /// Searches for `query` and returns the best hits, best first.
    ///
    /// An empty or whitespace-only query returns no hits. Calling this once per keystroke is
    /// the intended use: see the module documentation for what is reused between calls.
    pub fn search(&mut self, query: &str) -> Vec<Hit> {
        let pattern = Pattern::new(
            query.trim(),
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        if pattern.atoms.is_empty() {
            self.levels.clear();
            return Vec::new();
        }

        self.narrow_to(pattern);
        let best = match self.levels.last() {
            Some(level) => self.best_matches(&level.matches),
            None => Vec::new(),
        };

        best.into_iter()
            .map(|found| Hit {
                candidate: found.candidate,
                score: i64::from(found.score),
                positions: self.positions(found.candidate),
            })
            .collect()
    }

    /// Pushes the match list of `pattern` on the level stack, scoring only the matches of the
    /// closest earlier query that `pattern` narrows.
    fn narrow_to(&mut self, pattern: Pattern) {
        while let Some(level) = self.levels.last() {
            if level.pattern.atoms == pattern.atoms {
                return;
            }
            if narrows(&level.pattern, &pattern) {
                break;
            }
            self.levels.pop();
        }

        let matches = match self.levels.last() {
            Some(level) => {
                let previous = level.matches.iter().map(|m| m.candidate);
                score(
                    &self.candidates,
                    &self.haystacks,
                    &mut self.matcher,
                    previous,
                    &pattern,
                )
            }
            None => {
                let all = 0..self.candidates.len();
                score(
                    &self.candidates,
                    &self.haystacks,
                    &mut self.matcher,
                    all,
                    &pattern,
                )
            }
        };
        self.levels.push(Level { pattern, matches });
    }

    /// Returns the `limit` best of `matches`, sorted best first, without sorting the rest.
    fn best_matches(&self, matches: &[Match]) -> Vec<Match> {
        if self.limit == 0 {
            return Vec::new();
        }
        let mut best = matches.to_vec();
        let order = |a: &Match, b: &Match| self.rank(a, b);
        if best.len() > self.limit {
            best.select_nth_unstable_by(self.limit - 1, order);
            best.truncate(self.limit);
        }
        best.sort_unstable_by(order);
        best
    }

    fn rank(&self, a: &Match, b: &Match) -> Ordering {
        let (first, second) = (&self.candidates[a.candidate], &self.candidates[b.candidate]);
        b.score
            .cmp(&a.score)
            .then_with(|| {
                let first_length = self.haystacks[a.candidate].char_count(&first.text);
                first_length.cmp(&self.haystacks[b.candidate].char_count(&second.text))
            })
            .then_with(|| first.text.cmp(&second.text))
            .then_with(|| first.env.cmp(&second.env))
            .then_with(|| a.candidate.cmp(&b.candidate))
    }

    /// Returns the sorted character positions that the top query matches in `candidate`.
    fn positions(&mut self, candidate: usize) -> Vec<usize> {
        let Some(level) = self.levels.last() else {
            return Vec::new();
        };
        let haystack = self.haystacks[candidate].utf32(&self.candidates[candidate].text);
        let mut indices = Vec::new();
        level
            .pattern
            .indices(haystack, &mut self.matcher, &mut indices);

        // Words match independently, so their positions may overlap and come in word order.
        let mut positions: Vec<usize> = indices.into_iter().map(|i| i as usize).collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// Scores each of `indices` against `pattern` and keeps those that match.
fn score(
    candidates: &[Candidate],
    haystacks: &[Haystack],
    matcher: &mut Matcher,
    indices: impl Iterator<Item = usize>,
    pattern: &Pattern,
) -> Vec<Match> {
    indices
        .filter_map(|candidate| {
            let haystack = haystacks[candidate].utf32(&candidates[candidate].text);
            let score = pattern.score(haystack, matcher)?;
            Some(Match { candidate, score })
        })
        .collect()
}

/// Reports whether every text matching `narrower` also matches `wider`: true when each word
/// of `wider` is a subsequence of some word of `narrower`.
///
/// Both patterns store case-folded words, and the matcher compares folded characters for
/// equality, so a subsequence of a matching word matches too. A word that turns off accent
/// folding (it contains an accented letter) has that letter in every word that narrows it.
fn narrows(wider: &Pattern, narrower: &Pattern) -> bool {
    wider.atoms.iter().all(|wide| {
        narrower
            .atoms
            .iter()
            .any(|narrow| is_subsequence(wide.needle_text(), narrow.needle_text()))
    })
}

fn is_subsequence(short: Utf32Str<'_>, long: Utf32Str<'_>) -> bool {
    let mut rest = long.chars();
    short.chars().all(|wanted| rest.any(|c| c == wanted))
}

impl Haystack {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            Self::Ascii
        } else {
            Self::Unicode(text.chars().collect())
        }
    }

    /// Returns the matcher's view of `text`, which must be the text this haystack was made from.
    fn utf32<'a>(&'a self, text: &'a str) -> Utf32Str<'a> {
        match self {
            Self::Ascii => Utf32Str::Ascii(text.as_bytes()),
            Self::Unicode(chars) => Utf32Str::Unicode(chars),
        }
    }

    fn char_count(&self, text: &str) -> usize {
        match self {
            Self::Ascii => text.len(),
            Self::Unicode(chars) => chars.len(),
        }
    }
}

impl fmt::Debug for Finder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finder")
            .field("candidates", &self.candidates.len())
            .field("limit", &self.limit)
            .field("cached_queries", &self.levels.len())
            .finish_non_exhaustive()
    }
}
