//! The three-way differential every language is tested with: a program runs natively (JIT
//! off), as jitcode in the blackhole interpreter, and with the JIT at threshold 1 (with and
//! without eager bridges), and every mode must give the same outcome.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crate::{JitDriver, JitMode, Stats};

/// JIT parameters by name.
pub type Settings = &'static [(&'static str, &'static str)];

/// The modes, each with its name and the parameters it runs with.
pub const MODES: &[(&str, JitMode, Settings)] = &[
    ("native", JitMode::Off, &[]),
    ("jitcode", JitMode::Jitcode, &[]),
    (
        "jit",
        JitMode::On,
        &[("threshold", "1"), ("function_threshold", "1")],
    ),
    (
        "jit, eager bridges",
        JitMode::On,
        &[
            ("threshold", "1"),
            ("function_threshold", "1"),
            ("trace_eagerness", "1"),
        ],
    ),
];

/// The mode whose JIT activity `three_way` counts (the one that compiles the most).
const COUNTED: &str = "jit, eager bridges";

impl JitDriver {
    /// Start afresh on this thread in `mode` with `settings` (which must be known
    /// parameters).
    pub fn prepare(&'static self, mode: JitMode, settings: Settings) {
        self.reset();
        self.set_mode(mode);
        for (name, value) in settings {
            self.set_param(name, value).expect("a known parameter");
        }
    }
}

/// Run a program once per mode with `run` (which prepares `driver` for the mode it is
/// given) and return its outcome, panicking with `describe`d outcomes at the first mode
/// that differs. What the JIT did in the eager-bridge mode is added to `stats`.
pub fn three_way<T: PartialEq>(
    driver: &'static JitDriver,
    name: &str,
    mut run: impl FnMut(JitMode, Settings) -> T,
    describe: impl Fn(&T) -> String,
    stats: &mut Stats,
) -> T {
    let mut first: Option<(&str, T)> = None;
    for &(mode_name, mode, settings) in MODES {
        let outcome = run(mode, settings);
        if mode_name == COUNTED {
            let run = driver.stats();
            stats.loops_compiled += run.loops_compiled;
            stats.bridges_compiled += run.bridges_compiled;
            stats.traces_aborted += run.traces_aborted;
            stats.machine_code_entries += run.machine_code_entries;
            stats.guard_failures += run.guard_failures;
        }
        match &first {
            None => first = Some((mode_name, outcome)),
            Some((first_name, expected)) => assert!(
                &outcome == expected,
                "{name}: {mode_name} differs from {first_name}\n{mode_name}: {}\n{first_name}: {}",
                describe(&outcome),
                describe(expected),
            ),
        }
    }
    first.expect("modes").1
}

/// Output a test can take afterwards: a `Write` whose clones share one buffer.
#[derive(Clone, Default)]
pub struct CapturedOutput(Rc<RefCell<Vec<u8>>>);

impl CapturedOutput {
    /// The bytes written so far (leaving the buffer empty).
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

impl Write for CapturedOutput {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The seeds of a random-program test: `FERRITE_RANDOM_PROGRAMS` programs (default
/// `default_count`), from seed `FERRITE_RANDOM_SEED` (default 1) on; the long mode sets the
/// count, and the seed reproduces a failure.
pub fn random_seeds(default_count: u64) -> std::ops::Range<u64> {
    let variable = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
    let count = variable("FERRITE_RANDOM_PROGRAMS").unwrap_or(default_count);
    let first = variable("FERRITE_RANDOM_SEED").unwrap_or(1);
    first..first + count
}
