//! Text helpers shared by the views: highlighting matched characters.

use ratatui::style::Style;
use ratatui::text::Span;

/// Splits `text` into spans, giving the characters at `positions` (character indices,
/// ascending) the `hit` style and the rest the `base` style.
pub fn highlighted(text: &str, positions: &[usize], base: Style, hit: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_is_hit = false;
    let mut next = positions.iter().peekable();
    for (index, ch) in text.chars().enumerate() {
        let is_hit = next.peek().is_some_and(|position| **position == index);
        if is_hit {
            next.next();
        }
        if is_hit != run_is_hit && !run.is_empty() {
            let style = if run_is_hit { hit } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_is_hit = is_hit;
        run.push(ch);
    }
    if !run.is_empty() {
        let style = if run_is_hit { hit } else { base };
        spans.push(Span::styled(run, style));
    }
    spans
}

/// Replaces every `from` character of `text` by `to`, moving the character positions after
/// each replacement so they still point at the same characters.
pub fn replace_char(text: &str, positions: &[usize], from: char, to: &str) -> (String, Vec<usize>) {
    let extra = to.chars().count().saturating_sub(1);
    let mut replaced = String::with_capacity(text.len());
    let mut shift = 0;
    let mut moved = Vec::with_capacity(positions.len());
    let mut next = positions.iter().peekable();
    for (index, ch) in text.chars().enumerate() {
        if next.peek().is_some_and(|position| **position == index) {
            next.next();
            moved.push(index + shift);
        }
        if ch == from {
            replaced.push_str(to);
            shift += extra;
        } else {
            replaced.push(ch);
        }
    }
    (replaced, moved)
}

#[cfg(test)]
mod tests {
    use ratatui::style::Modifier;

    use super::*;

    #[test]
    fn highlighted_splits_runs() {
        let hit = Style::new().add_modifier(Modifier::BOLD);
        let spans = highlighted("admin-cli", &[0, 1, 2, 6], Style::new(), hit);
        let parts: Vec<(&str, bool)> = spans
            .iter()
            .map(|span| (span.content.as_ref(), span.style == hit))
            .collect();
        assert_eq!(
            parts,
            [("adm", true), ("in-", false), ("c", true), ("li", false)]
        );
    }

    #[test]
    fn replace_char_shifts_positions() {
        let (text, positions) = replace_char("app » refund", &[0, 6, 7], '»', ">>");
        assert_eq!(text, "app >> refund");
        assert_eq!(positions, [0, 7, 8]);
    }
}
