//! The Markdown report: pastes into a ticket or a pull request.

use std::fmt::Write;

use super::{ReportOptions, format_value, sections, sequence_lines, shown};
use crate::diff::model::{Change, ChangeShape, Comparison, Entry, Status, kind_title};

/// Renders a comparison as Markdown: a table of counts, then a section per
/// kind listing each differing object with its field changes.
pub fn markdown(comparison: &Comparison, options: &ReportOptions) -> String {
    let (a, b) = (&comparison.a, &comparison.b);
    let mut out = String::new();
    let _ = writeln!(out, "## Comparison of {} and {}\n", code(a), code(b));
    write_table(&mut out, comparison);

    let entries = shown(comparison, options);
    if entries.is_empty() {
        out.push_str("\nNo differences.\n");
    }
    for section in sections(comparison, options) {
        let _ = writeln!(out, "\n### {}\n", kind_title(section.kind));
        if let Some(note) = section.incomplete {
            let _ = writeln!(out, "> Note: {note}.\n");
        }
        for entry in section.entries {
            write_entry(&mut out, comparison, entry, options);
        }
    }
    out
}

fn write_table(out: &mut String, comparison: &Comparison) {
    let label = |text: &str| text.replace('|', "\\|");
    let _ = writeln!(
        out,
        "| Kind | Only in {} | Only in {} | Differs | Unknown | Hidden | Same |",
        label(&comparison.a),
        label(&comparison.b)
    );
    out.push_str("|---|--:|--:|--:|--:|--:|--:|\n");
    for summary in &comparison.summary {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            kind_title(summary.kind),
            summary.only_in_a,
            summary.only_in_b,
            summary.differs,
            summary.unknown,
            summary.hidden,
            summary.same
        );
    }
}

fn write_entry(out: &mut String, comparison: &Comparison, entry: &Entry, options: &ReportOptions) {
    let status = match entry.status {
        Status::OnlyInA => format!("only in {}", comparison.a),
        Status::OnlyInB => format!("only in {}", comparison.b),
        Status::Differs => "differs".to_owned(),
        Status::Unknown => {
            let found = if entry.in_a {
                &comparison.a
            } else {
                &comparison.b
            };
            format!("unknown, found only in {found}")
        }
        Status::Same => return,
    };
    let mut line = format!("- {}", code(&entry.key.display));
    if let Some(key_b) = &entry.key_b {
        let _ = write!(line, " → {}", code(&key_b.display));
    }
    let _ = write!(line, ": {status}");
    if entry.builtin {
        line.push_str(" (built-in)");
    }
    if entry.expected {
        line.push_str(" (expected)");
    }
    let _ = writeln!(out, "{line}");

    for change in &entry.changes {
        if options.show_expected || !change.expected {
            write_change(out, comparison, change);
        }
    }
}

fn write_change(out: &mut String, comparison: &Comparison, change: &Change) {
    let path = code(&change.path.to_string());
    let tag = if change.expected { " (expected)" } else { "" };
    match change.shape {
        ChangeShape::Value => {
            let a = code(&format_value(&change.a));
            let b = code(&format_value(&change.b));
            let _ = writeln!(out, "  - {path}: {a} → {b}{tag}");
        }
        ChangeShape::Secret => {
            let word = |value: &serde_json::Value| value.as_str().unwrap_or("").to_owned();
            let (a, b) = (word(&change.a), word(&change.b));
            let _ = writeln!(out, "  - {path}: {a} → {b}{tag}");
        }
        ChangeShape::Set => {
            let _ = writeln!(out, "  - {path}{tag}");
            for (label, members) in [(&comparison.a, &change.a), (&comparison.b, &change.b)] {
                let list: Vec<String> = members
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|member| code(&format_value(member)))
                    .collect();
                if !list.is_empty() {
                    let _ = writeln!(out, "    - only in {label}: {}", list.join(", "));
                }
            }
        }
        ChangeShape::Sequence => {
            let lines = sequence_lines(&change.a, &change.b);
            let longest = lines
                .iter()
                .map(|(_, line)| longest_backtick_run(line))
                .max()
                .unwrap_or(0);
            let fence = "`".repeat((longest + 1).max(3));
            let _ = writeln!(out, "  - {path}{tag}\n\n    {fence}diff");
            for (marker, line) in lines {
                let _ = writeln!(out, "    {marker}{line}");
            }
            let _ = writeln!(out, "    {fence}\n");
        }
    }
}

/// Wraps text in a code span whose fence is longer than any backtick run inside.
fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::report::sample_comparison;

    #[test]
    fn code_span_outgrows_backticks() {
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }

    #[test]
    fn markdown_report_of_sample() {
        let report = markdown(&sample_comparison(), &ReportOptions::default());
        let expected = "\
## Comparison of `dev` and `prod`

| Kind | Only in dev | Only in prod | Differs | Unknown | Hidden | Same |
|---|--:|--:|--:|--:|--:|--:|
| Realm settings | 0 | 0 | 0 | 0 | 1 | 0 |
| Clients | 1 | 0 | 1 | 0 | 1 | 0 |
| Protocol mappers | 0 | 0 | 0 | 0 | 0 | 0 |
| Client scopes | 0 | 0 | 0 | 0 | 0 | 0 |
| Realm roles | 0 | 1 | 0 | 0 | 0 | 0 |
| Client roles | 0 | 0 | 0 | 0 | 0 | 0 |
| Composite roles | 0 | 0 | 0 | 0 | 0 | 0 |
| Default roles | 0 | 0 | 0 | 0 | 0 | 0 |
| Groups | 0 | 0 | 0 | 0 | 0 | 0 |
| Identity providers | 0 | 0 | 0 | 1 | 0 | 0 |
| Authentication flows | 0 | 0 | 1 | 0 | 0 | 0 |

### Clients

- `app`: differs
  - `redirectUris`
    - only in dev: `\"http://localhost/*\"`, `\"https://dev.shop.test/*\"`
    - only in prod: `\"https://shop.test/*\"`
  - `rootUrl`: `\"https://dev.shop.test\"` → `\"https://shop.test\"`
  - `secret`: set → not set
- `legacy`: only in dev

### Realm roles

- `auditor`: only in prod

### Identity providers

> Note: the list could not be read completely from prod; objects missing there are unknown.

- `google`: unknown, found only in dev

### Authentication flows

- `browser`: differs
  - `steps`

    ```diff
     auth-cookie: ALTERNATIVE
    -auth-otp-form: REQUIRED
    +auth-otp-form: ALTERNATIVE
    ```

";
        assert_eq!(report, expected);
    }
}
