//! The plain-text report: reads like a code review, one section per kind.

use std::fmt::Write;

use super::{ReportOptions, format_value, sections, sequence_lines, shown};
use crate::diff::model::{Change, ChangeShape, Comparison, Entry, Status, kind_title};

/// Renders a comparison as text: a section per kind with `-` for objects only
/// in A, `+` only in B, `~` for changed ones and `?` for unknown ones, field
/// changes indented below as `path: a → b`, then a table of counts.
pub fn text(comparison: &Comparison, options: &ReportOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Comparing {} with {}", comparison.a, comparison.b);
    let entries = shown(comparison, options);
    let hidden: usize = comparison
        .summary
        .iter()
        .map(|summary| summary.hidden)
        .sum();
    if hidden > 0 && !options.show_expected {
        let _ = writeln!(out, "{hidden} expected differences hidden.");
    }
    if entries.is_empty() {
        out.push_str("\nNo differences.\n");
    }

    for section in sections(comparison, options) {
        let _ = writeln!(out, "\n{}", kind_title(section.kind));
        if let Some(note) = section.incomplete {
            let _ = writeln!(out, "  note: {note}");
        }
        for entry in section.entries {
            write_entry(&mut out, comparison, entry, options);
        }
    }

    write_summary(&mut out, comparison);
    out
}

fn write_entry(out: &mut String, comparison: &Comparison, entry: &Entry, options: &ReportOptions) {
    let (marker, status) = match entry.status {
        Status::OnlyInA => ('-', format!("only in {}", comparison.a)),
        Status::OnlyInB => ('+', format!("only in {}", comparison.b)),
        Status::Differs => ('~', String::new()),
        Status::Unknown => {
            let found = if entry.in_a {
                &comparison.a
            } else {
                &comparison.b
            };
            ('?', format!("unknown: found only in {found}"))
        }
        Status::Same => return,
    };
    let mut line = format!("  {marker} {}", entry.key);
    if let Some(key_b) = &entry.key_b {
        let _ = write!(line, " → {key_b}");
    }
    let tags: Vec<&str> = [
        (!status.is_empty()).then_some(status.as_str()),
        entry.builtin.then_some("built-in"),
        entry.expected.then_some("expected"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !tags.is_empty() {
        let _ = write!(line, "  ({})", tags.join(", "));
    }
    let _ = writeln!(out, "{line}");

    for change in &entry.changes {
        if options.show_expected || !change.expected {
            write_change(out, change);
        }
    }
}

fn write_change(out: &mut String, change: &Change) {
    let tag = if change.expected { "  (expected)" } else { "" };
    match change.shape {
        ChangeShape::Value => {
            let _ = writeln!(
                out,
                "      {}: {} → {}{tag}",
                change.path,
                format_value(&change.a),
                format_value(&change.b)
            );
        }
        ChangeShape::Secret => {
            let word = |value: &serde_json::Value| value.as_str().unwrap_or("").to_owned();
            let _ = writeln!(
                out,
                "      {}: {} → {}{tag}",
                change.path,
                word(&change.a),
                word(&change.b)
            );
        }
        ChangeShape::Set => {
            let _ = writeln!(out, "      {}:{tag}", change.path);
            for (marker, members) in [('-', &change.a), ('+', &change.b)] {
                for member in members.as_array().into_iter().flatten() {
                    let _ = writeln!(out, "        {marker} {}", format_value(member));
                }
            }
        }
        ChangeShape::Sequence => {
            let _ = writeln!(out, "      {}:{tag}", change.path);
            for (marker, line) in sequence_lines(&change.a, &change.b) {
                let _ = writeln!(out, "        {marker} {line}");
            }
        }
    }
}

fn write_summary(out: &mut String, comparison: &Comparison) {
    let _ = writeln!(
        out,
        "\nSummary (A = {}, B = {})",
        comparison.a, comparison.b
    );
    let _ = writeln!(
        out,
        "  {:<22}{:>8}{:>8}{:>9}{:>9}{:>8}{:>7}",
        "kind", "only A", "only B", "differs", "unknown", "hidden", "same"
    );
    let mut total = [0usize; 6];
    for summary in &comparison.summary {
        let counts = [
            summary.only_in_a,
            summary.only_in_b,
            summary.differs,
            summary.unknown,
            summary.hidden,
            summary.same,
        ];
        for (sum, count) in total.iter_mut().zip(counts) {
            *sum += count;
        }
        write_counts(out, kind_title(summary.kind), counts);
    }
    write_counts(out, "total", total);
}

fn write_counts(out: &mut String, title: &str, counts: [usize; 6]) {
    let [only_a, only_b, differs, unknown, hidden, same] = counts;
    let _ = writeln!(
        out,
        "  {title:<22}{only_a:>8}{only_b:>8}{differs:>9}{unknown:>9}{hidden:>8}{same:>7}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::report::sample_comparison;

    #[test]
    fn text_report_of_sample() {
        let report = text(&sample_comparison(), &ReportOptions::default());
        let expected = "\
Comparing dev with prod
2 expected differences hidden.

Clients
  ~ app
      redirectUris:
        - \"http://localhost/*\"
        - \"https://dev.shop.test/*\"
        + \"https://shop.test/*\"
      rootUrl: \"https://dev.shop.test\" → \"https://shop.test\"
      secret: set → not set
  - legacy  (only in dev)

Realm roles
  + auditor  (only in prod)

Identity providers
  note: the list could not be read completely from prod; objects missing there are unknown
  ? google  (unknown: found only in dev)

Authentication flows
  ~ browser
      steps:
          auth-cookie: ALTERNATIVE
        - auth-otp-form: REQUIRED
        + auth-otp-form: ALTERNATIVE

Summary (A = dev, B = prod)
  kind                    only A  only B  differs  unknown  hidden   same
  Realm settings               0       0        0        0       1      0
  Clients                      1       0        1        0       1      0
  Protocol mappers             0       0        0        0       0      0
  Client scopes                0       0        0        0       0      0
  Realm roles                  0       1        0        0       0      0
  Client roles                 0       0        0        0       0      0
  Composite roles              0       0        0        0       0      0
  Default roles                0       0        0        0       0      0
  Groups                       0       0        0        0       0      0
  Identity providers           0       0        0        1       0      0
  Authentication flows         0       0        1        0       0      0
  total                        1       1        2        1       2      0
";
        assert_eq!(report, expected);
    }

    #[test]
    fn text_report_lists_expected_on_request() {
        let options = ReportOptions {
            show_expected: true,
            show_builtin: true,
        };
        let report = text(&sample_comparison(), &options);
        assert!(!report.contains("expected differences hidden"));
        assert!(
            report.contains("  - test-probe  (only in dev, expected)\n"),
            "{report}"
        );
        assert!(
            report.contains("      realm: \"shop-dev\" → \"shop-prod\"  (expected)\n"),
            "{report}"
        );
    }

    #[test]
    fn text_report_without_differences() {
        let inventory = crate::inventory::Inventory {
            realm: "r".into(),
            ..Default::default()
        };
        let comparison = crate::diff::compare(&inventory, &inventory, &Default::default());
        let report = text(&comparison, &ReportOptions::default());
        assert!(
            report.starts_with("Comparing r (A) with r (B)\n\nNo differences.\n"),
            "{report}"
        );
    }
}
