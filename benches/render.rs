//! Frame time and terminal output per key press on a list of 20,000 realm roles.
//!
//! Run with `cargo bench --bench render`. Two environments each hold 20,000 realm roles that
//! mostly agree, so every row carries a difference marker. The benchmark opens the role list,
//! draws the first full frame, then presses `j` 400 times, timing `update` (which rebuilds the
//! rows) and the draw separately, and counting the bytes the draw writes to the terminal.
//! Drawing goes through ratatui's `CrosstermBackend` into a writer that only counts bytes, at
//! 120x40 and 80x24. The target is under 2 KB written per cursor move. Last, it times the
//! `update` of each keystroke of a `/` filter over the same list.

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::{Duration, Instant};

use kcdeck::action::Action;
use kcdeck::inventory::{Inventory, Role};
use kcdeck::state::{EnvState, Frame, Loadable, ServerFacts, State, View};
use kcdeck::ui::{self, Theme};
use kcdeck::update::update;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::{Terminal, TerminalOptions, Viewport};

const ROLES: usize = 20_000;
const PRESSES: usize = 400;
const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];
const DOMAINS: [&str; 8] = [
    "billing",
    "payments",
    "catalog",
    "orders",
    "shipping",
    "audit",
    "support",
    "reporting",
];
const ACTIONS: [&str; 6] = ["view", "manage", "export", "approve", "admin", "read"];
/// Filter typed after the cursor moves, one `update` per character.
const FILTER: &str = "billadm";

/// A writer that keeps only the number of bytes written to it, shared with the caller
/// because ratatui's backend does not hand its writer back on stable.
#[derive(Default, Clone)]
struct Counter {
    bytes: Rc<Cell<usize>>,
}

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn main() {
    for (width, height) in SIZES {
        let report = run(width, height);
        report.print(width, height);
    }
}

/// Builds a realm of `ROLES` roles; `drift` drops every 50th and rewords every 40th.
fn realm(drift: bool) -> Inventory {
    let roles = (0..ROLES)
        .filter(|index| !(drift && index % 50 == 7))
        .map(|index| {
            let domain = DOMAINS[index % DOMAINS.len()];
            let action = ACTIONS[(index / DOMAINS.len()) % ACTIONS.len()];
            let description = if drift && index % 40 == 3 {
                "changed in staging"
            } else {
                "generated role"
            };
            Role {
                name: format!("{domain}-{action}-{index:05}"),
                description: Some(description.to_owned()),
                ..Role::default()
            }
        })
        .collect();
    Inventory {
        realm: "big".to_owned(),
        realm_roles: roles,
        ..Inventory::default()
    }
}

fn state() -> State {
    let mut envs = Vec::new();
    for (name, color, drift) in [
        ("dev", Color::Green, false),
        ("staging", Color::Yellow, true),
    ] {
        let mut env = EnvState::new(name, color, "http://127.0.0.1");
        env.server = Loadable::Loaded(ServerFacts {
            version: "26.7.3".into(),
            identity: "admin".into(),
        });
        env.realms = Loadable::Loaded(vec!["big".into()]);
        env.inventories
            .insert("big".into(), Loadable::Loaded(realm(drift)));
        envs.push(env);
    }
    let mut state = State::new(envs);
    state.recompare_all();
    let realm = "big".to_owned();
    state.stack.push(Frame::new(View::Kinds {
        realm: realm.clone(),
    }));
    state.stack.push(Frame::new(View::RealmRoles { realm }));
    state.refresh_rows();
    state
}

/// Timings and output sizes of one run.
struct Report {
    rows: usize,
    first_frame_bytes: usize,
    update_times: Vec<Duration>,
    draw_times: Vec<Duration>,
    /// Bytes of draws where the list did not scroll.
    inside_bytes: Vec<usize>,
    /// Bytes of draws where the list scrolled by one row.
    scroll_bytes: Vec<usize>,
    /// `update` times of typing a `/` filter, each keystroke rebuilding and filtering the rows.
    filter_times: Vec<Duration>,
}

fn run(width: u16, height: u16) -> Report {
    let mut state = state();
    let theme = Theme::dark();
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let counter = Counter::default();
    let written = Rc::clone(&counter.bytes);
    let backend = CrosstermBackend::new(counter);
    let mut terminal =
        Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    terminal
        .draw(|frame| ui::render(frame, &state, &theme))
        .expect("first draw");
    let mut report = Report {
        rows: state.rows.len(),
        first_frame_bytes: written.get(),
        update_times: Vec::new(),
        draw_times: Vec::new(),
        inside_bytes: Vec::new(),
        scroll_bytes: Vec::new(),
        filter_times: Vec::new(),
    };

    for _ in 0..PRESSES {
        let offset = state.frame().offset.get();
        let before = written.get();

        let start = Instant::now();
        update(&mut state, Action::MoveDown);
        let updated = Instant::now();
        terminal
            .draw(|frame| ui::render(frame, &state, &theme))
            .expect("draw");
        let drawn = Instant::now();

        report.update_times.push(updated - start);
        report.draw_times.push(drawn - updated);
        let bytes = written.get() - before;
        if state.frame().offset.get() == offset {
            report.inside_bytes.push(bytes);
        } else {
            report.scroll_bytes.push(bytes);
        }
    }

    update(&mut state, Action::StartFilter);
    for ch in FILTER.chars() {
        let start = Instant::now();
        update(&mut state, Action::FilterInput(ch));
        report.filter_times.push(start.elapsed());
    }
    report
}

impl Report {
    fn print(&self, width: u16, height: u16) {
        println!(
            "{width}x{height}, {} rows, {PRESSES} presses of j:",
            self.rows
        );
        println!("  first full frame: {} bytes", self.first_frame_bytes);
        print_times("update", &self.update_times);
        print_times("draw", &self.draw_times);
        print_times("update per filter keystroke", &self.filter_times);
        print_bytes("bytes per j, list still", &self.inside_bytes);
        print_bytes("bytes per j, list scrolls", &self.scroll_bytes);
        let all: Vec<usize> = self
            .inside_bytes
            .iter()
            .chain(&self.scroll_bytes)
            .copied()
            .collect();
        print_bytes("bytes per j, all", &all);
    }
}

fn print_times(label: &str, times: &[Duration]) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    let max = sorted[sorted.len() - 1];
    println!(
        "  {label:<28} median {:>7.2} ms  max {:>7.2} ms",
        median.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
}

fn print_bytes(label: &str, bytes: &[usize]) {
    if bytes.is_empty() {
        println!("  {label:<28} none");
        return;
    }
    let mut sorted = bytes.to_vec();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    let max = sorted[sorted.len() - 1];
    let mean = sorted.iter().sum::<usize>() / sorted.len();
    println!(
        "  {label:<28} median {median:>5}  mean {mean:>5}  max {max:>5}  ({} presses)",
        sorted.len()
    );
}
