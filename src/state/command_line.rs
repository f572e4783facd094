//! State of the `:` command line beyond its text: the history of submitted lines and the
//! completion being cycled with Tab.

/// Maximum number of lines the history keeps, in memory and in its file.
pub const HISTORY_LIMIT: usize = 500;

/// History and completion of the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    /// Submitted lines, oldest first, at most [`HISTORY_LIMIT`].
    pub history: Vec<String>,
    /// Index into `history` of the line on screen while walking it with Up and Down.
    pub recall: Option<usize>,
    /// The line typed before Up was first pressed, restored by Down past the newest entry.
    pub draft: String,
    /// The completion that Tab is cycling through, until another key changes the line.
    pub completion: Option<Completion>,
}

/// Candidates for the last word of the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The line up to the word being completed, with its trailing space.
    pub stem: String,
    pub candidates: Vec<String>,
    /// Index of the candidate on screen.
    pub index: usize,
}

impl CommandLine {
    /// Builds the command line state from a history file's text, one line per command.
    ///
    /// Blank lines are skipped, and only the newest [`HISTORY_LIMIT`] lines are kept.
    pub fn from_history_text(text: &str) -> Self {
        let mut line = Self::default();
        for entry in text.lines() {
            line.remember(entry);
        }
        line
    }

    /// Adds a submitted line to the history, unless it is blank or repeats the newest entry,
    /// and drops the oldest entries beyond [`HISTORY_LIMIT`].
    pub fn remember(&mut self, entry: &str) {
        let entry = entry.trim();
        if entry.is_empty() || self.history.last().is_some_and(|last| last == entry) {
            return;
        }
        self.history.push(entry.to_owned());
        if self.history.len() > HISTORY_LIMIT {
            let excess = self.history.len() - HISTORY_LIMIT;
            self.history.drain(..excess);
        }
    }

    /// Forgets the history position and the completion, as when a new line starts.
    pub fn reset(&mut self) {
        self.recall = None;
        self.draft.clear();
        self.completion = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_text_skips_blanks_and_repeats() {
        let line = CommandLine::from_history_text("env dev\n\nenv dev\nrealm shop\n  \n");
        assert_eq!(line.history, ["env dev", "realm shop"]);
    }

    #[test]
    fn history_keeps_newest_lines() {
        let text: String = (0..HISTORY_LIMIT + 20)
            .map(|index| format!("realm r{index}\n"))
            .collect();
        let line = CommandLine::from_history_text(&text);
        assert_eq!(line.history.len(), HISTORY_LIMIT);
        assert_eq!(line.history[0], "realm r20");
        assert_eq!(
            line.history.last().map(String::as_str),
            Some(format!("realm r{}", HISTORY_LIMIT + 19).as_str())
        );
    }
}
