//! The write workflow's overlays: the staged list, the confirm dialog, the outcome of an
//! apply and the journal, plus the progress line of a running apply.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use super::status::short;
use crate::apply::{Outcome, StepStatus};
use crate::journal::{Entry, StepResult};
use crate::plan::Requirement;
use crate::state::{EnvState, Loadable, State};

/// Widest an overlay grows, in columns.
const MAX_WIDTH: u16 = 110;

/// Returns a centred rectangle inside `area`, at most `width` columns wide, leaving a
/// margin so the screen behind stays recognisable.
pub fn overlay(area: Rect, width: u16) -> Rect {
    let width = area.width.saturating_sub(4).min(width);
    let height = area.height.saturating_sub(2);
    let [_, column, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, rect, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(column);
    rect
}

/// Draws a bordered box with `title` over `rect` and returns its inner area.
pub fn framed(
    frame: &mut Frame,
    rect: Rect,
    title: Line<'static>,
    style: Style,
    theme: &Theme,
) -> Rect {
    let block = Block::bordered()
        .border_set(theme.symbols.border)
        .title(title)
        .border_style(style);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    inner
}

/// Splits `inner` into a scrolled body and a footer of `footer` lines, and draws both.
fn body_and_footer(
    frame: &mut Frame,
    inner: Rect,
    body: Vec<Line<'static>>,
    scroll: usize,
    footer: Vec<Line<'static>>,
) {
    let footer_height = u16::try_from(footer.len()).unwrap_or(u16::MAX);
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(footer_height)]).areas(inner);
    let visible = usize::from(top.height);
    let scroll = scroll.min(body.len().saturating_sub(visible));
    let shown: Vec<Line<'static>> = body.into_iter().skip(scroll).take(visible).collect();
    frame.render_widget(Paragraph::new(shown), top);
    frame.render_widget(Paragraph::new(footer), bottom);
}

fn env_name(env: &EnvState, theme: &Theme) -> Span<'static> {
    Span::styled(
        env.name.clone(),
        theme.env_style(env.color).add_modifier(Modifier::BOLD),
    )
}

fn keys(pairs: &[(&str, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (key, description) in pairs {
        spans.push(Span::styled((*key).to_owned(), theme.accent));
        spans.push(Span::styled(format!(" {description}  "), theme.muted));
    }
    Line::from(spans)
}

/// Draws the staged plans with their operations; the selected plan's title is highlighted.
pub fn render_staged(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let rect = overlay(area, MAX_WIDTH);
    let count = state.write.staged.len();
    let title = Line::from(format!(" Staged changes ({count}) "));
    let inner = framed(frame, rect, title, theme.accent, theme);

    let mut body = Vec::new();
    let mut selected_line = 0;
    for (index, staged) in state.write.staged.iter().enumerate() {
        let Some(env) = state.envs.get(staged.env) else {
            continue;
        };
        let selected = index == state.write.selected;
        if selected {
            selected_line = body.len();
        }
        let marker = if selected { "▶ " } else { "  " };
        let title_style = if selected {
            theme.selection
        } else {
            theme.heading
        };
        let mut heading = vec![
            Span::styled(marker, theme.accent),
            env_name(env, theme),
            Span::raw("  "),
            Span::styled(staged.plan.title.clone(), title_style),
        ];
        if staged.plan.is_blocked() {
            heading.push(Span::styled("  BLOCKED", theme.error));
        }
        body.push(Line::from(heading));
        for line in staged.plan.describe().into_iter().skip(1) {
            body.push(plan_line(line, theme));
        }
    }
    if body.is_empty() {
        body.push(Line::from(Span::styled(
            " nothing is staged: c, e, D, a, x and C on roles stage changes",
            theme.muted,
        )));
    }
    let footer = vec![keys(
        &[
            ("↑↓", "select"),
            ("x", "drop"),
            ("Enter", "apply this environment's plans"),
            ("Esc", "close"),
        ],
        theme,
    )];
    body_and_footer(frame, inner, body, selected_line.saturating_sub(2), footer);
}

/// Styles one line of [`crate::plan::Plan::describe`]: blockers red, notes muted.
fn plan_line(line: String, theme: &Theme) -> Line<'static> {
    let trimmed = line.trim_start();
    let style = if trimmed.starts_with("blocked") {
        theme.error
    } else if trimmed.starts_with("notes:") || trimmed.starts_with("- ") {
        theme.muted
    } else if trimmed.contains(" → ") {
        theme.diff_changed
    } else {
        theme.text
    };
    Line::from(Span::styled(format!("    {line}"), style))
}

/// Draws the confirm dialog: the target environment in its colour with URL and realm, the
/// exact operations, and the name field of a protected environment.
pub fn render_confirm(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(confirm) = &state.write.confirm else {
        return;
    };
    let Some(env) = state.envs.get(confirm.env) else {
        return;
    };
    let rect = overlay(area, MAX_WIDTH);
    let title = Line::from(vec![
        Span::raw(" Apply to "),
        env_name(env, theme),
        Span::raw(" "),
    ]);
    let inner = framed(frame, rect, title, theme.env_style(env.color), theme);

    let realms: Vec<&str> = confirm
        .plans
        .iter()
        .map(|plan| plan.realm.as_str())
        .collect();
    let operations: usize = confirm.plans.iter().map(|plan| plan.operations.len()).sum();
    let mut body = vec![
        Line::from(vec![
            Span::styled(" environment ", theme.muted),
            env_name(env, theme),
            Span::raw("  "),
            Span::raw(env.url.clone()),
            protection(env, theme),
        ]),
        Line::from(vec![
            Span::styled(" realm       ", theme.muted),
            Span::raw(realms.first().copied().unwrap_or_default().to_owned()),
        ]),
        Line::from(Span::styled(
            format!(
                " {} plans, {operations} operations, applied in this order:",
                confirm.plans.len()
            ),
            theme.muted,
        )),
    ];
    for plan in &confirm.plans {
        body.extend(
            plan.describe()
                .into_iter()
                .map(|line| plan_line(line, theme)),
        );
    }

    let mut footer = Vec::new();
    if let Some(message) = &confirm.message {
        footer.push(Line::from(Span::styled(format!(" {message}"), theme.error)));
    }
    match &confirm.requirement {
        Requirement::TypeName { env: name } => {
            footer.push(Line::from(vec![
                Span::styled(" type ", theme.warning),
                Span::styled(
                    name.clone(),
                    theme.env_style(env.color).add_modifier(Modifier::BOLD),
                ),
                Span::styled(" to apply: ", theme.warning),
                Span::raw(confirm.typed.clone()),
                Span::styled("█", theme.muted),
            ]));
            footer.push(keys(&[("Enter", "apply"), ("Esc", "cancel")], theme));
        }
        _ => footer.push(keys(&[("Enter", "apply"), ("Esc", "cancel")], theme)),
    }
    body_and_footer(frame, inner, body, confirm.scroll, footer);
}

fn protection(env: &EnvState, theme: &Theme) -> Span<'static> {
    if env.protected {
        Span::styled("  [protected]", theme.warning)
    } else {
        Span::raw("")
    }
}

/// Returns the line that reports a running apply: plan, step and totals.
pub fn progress_line(state: &State, theme: &Theme) -> Line<'static> {
    let Some(applying) = &state.write.applying else {
        return Line::default();
    };
    let name = state
        .envs
        .get(applying.env)
        .map_or_else(String::new, |env| env.name.clone());
    let spinner = theme.symbols.spinner[state.tick % theme.symbols.spinner.len()];
    Line::from(Span::styled(
        format!(
            " {spinner} applying to {name}: plan {} of {}, step {} of {}",
            applying.plan + 1,
            applying.plans.len(),
            applying.step + 1,
            applying.total
        ),
        theme.warning,
    ))
}

/// Draws the outcome of an apply: every step with its status and details.
pub fn render_outcome(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(outcome) = &state.write.outcome else {
        return;
    };
    let Some(env) = state.envs.get(outcome.env) else {
        return;
    };
    let rect = overlay(area, MAX_WIDTH);
    let title = Line::from(vec![
        Span::raw(" Outcome in "),
        env_name(env, theme),
        Span::raw(" "),
    ]);
    let inner = framed(frame, rect, title, theme.env_style(env.color), theme);

    let mut body = Vec::new();
    for run in &outcome.outcomes {
        body.extend(outcome_lines(run, theme));
    }
    if let Some(error) = &outcome.error {
        body.push(Line::from(Span::styled(format!(" {error}"), theme.error)));
    }
    let can_roll_back = outcome
        .outcomes
        .iter()
        .any(|run| !run.is_complete() && run.steps.iter().any(|step| step.status.was_written()));
    let mut pairs = vec![("↑↓", "scroll"), ("Esc", "close")];
    if can_roll_back {
        pairs.insert(0, ("R", "roll back the written steps"));
    }
    body_and_footer(
        frame,
        inner,
        body,
        outcome.scroll,
        vec![keys(&pairs, theme)],
    );
}

fn outcome_lines(run: &Outcome, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        format!(
            " {} (realm {}, change {})",
            run.title, run.realm, run.change
        ),
        theme.heading,
    ))];
    for step in &run.steps {
        let style = match step.status {
            StepStatus::Applied { .. } => theme.success,
            StepStatus::NotApplied => theme.muted,
            StepStatus::Unverified { .. } => theme.warning,
            StepStatus::Stale { .. } | StepStatus::Failed { .. } => theme.error,
        };
        for line in step.describe() {
            lines.push(Line::from(Span::styled(format!(" {line}"), style)));
        }
    }
    if let Some(error) = &run.journal_error {
        lines.push(Line::from(Span::styled(
            format!(" journal: {error}"),
            theme.error,
        )));
    }
    lines
}

/// Draws the journal, newest entry first.
pub fn render_journal(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(journal) = &state.write.journal else {
        return;
    };
    let rect = overlay(area, 140);
    let inner = framed(frame, rect, Line::from(" Journal "), theme.accent, theme);
    let body = match &journal.entries {
        Loadable::Loaded(entries) if entries.is_empty() => vec![Line::from(Span::styled(
            " the journal is empty: nothing was applied yet",
            theme.muted,
        ))],
        Loadable::Loaded(entries) => {
            let width = usize::from(inner.width);
            entries
                .iter()
                .map(|entry| journal_line(state, entry, width, theme))
                .collect()
        }
        Loadable::Failed(reason) => {
            vec![Line::from(Span::styled(format!(" {reason}"), theme.error))]
        }
        Loadable::Loading { .. } | Loadable::NotLoaded => {
            vec![Line::from(Span::styled(
                " reading the journal",
                theme.muted,
            ))]
        }
    };
    let footer = vec![keys(&[("↑↓", "scroll"), ("Esc", "close")], theme)];
    body_and_footer(frame, inner, body, journal.scroll, footer);
}

/// Formats one entry: time, environment, realm, object, operation and result.
fn journal_line(state: &State, entry: &Entry, width: usize, theme: &Theme) -> Line<'static> {
    let env_style = state
        .envs
        .iter()
        .find(|env| env.name == entry.env)
        .map_or(theme.text, |env| theme.env_style(env.color));
    let result_style = match entry.result {
        StepResult::Applied => theme.success,
        StepResult::Unverified => theme.warning,
        StepResult::Stale | StepResult::Failed => theme.error,
    };
    let time: String = entry.time.chars().take(19).collect();
    let result = format!("{:?}", entry.result).to_lowercase();
    let rest = format!(
        "{}  {}  {}",
        entry.realm,
        entry.object,
        entry.operation.kind()
    );
    let used = 19 + entry.env.len() + result.len() + 8;
    Line::from(vec![
        Span::styled(format!(" {} ", time.replace('T', " ")), theme.muted),
        Span::styled(entry.env.clone(), env_style),
        Span::raw("  "),
        Span::raw(short(&rest, width.saturating_sub(used))),
        Span::raw("  "),
        Span::styled(result, result_style),
    ])
}
