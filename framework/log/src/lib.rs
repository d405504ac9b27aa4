//! The JIT log, Ferrite's PYPYLOG: what the JIT does, for people tuning or debugging it.
//!
//! `FERRITE_LOG` lists the categories to print, comma-separated, or `all`;
//! `FERRITE_LOG_FILE` sends the log to a file instead of stderr. Each entry is a header
//! line with the time since the first entry, then the entry's text, indented:
//!
//! ```text
//! [ferrite compile +0.000132s] loop, 14 operations, 412 bytes of code in 58us
//!     [i0, i1]
//!     label(i0, i1)
//!     ...
//! ```
//!
//! Categories in use: `compile` (each compiled trace or bridge, its text, code size and
//! compile time), `bridge` (a bridge attached to a guard), `guard` (an exit taken from
//! compiled code). The tracer adds its own (trace starts, aborts, counters).
//!
//! Checking whether a category is on is one relaxed load after the first call, so log
//! statements can stay on paths that matter.

use std::fs::File;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// Where the log goes and what it prints.
pub struct Config {
    /// The enabled categories; `None` means all.
    categories: Option<Vec<String>>,
    sink: Mutex<Box<dyn Write + Send>>,
    start: Instant,
}

impl Config {
    /// Parse a `FERRITE_LOG` value (`"compile,guard"`, `"all"`) with a destination.
    pub fn new(spec: &str, sink: Box<dyn Write + Send>) -> Config {
        let categories: Vec<String> = spec
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
        Config {
            categories: (!categories.iter().any(|c| c == "all")).then_some(categories),
            sink: Mutex::new(sink),
            start: Instant::now(),
        }
    }

    pub fn enabled(&self, category: &str) -> bool {
        self.categories
            .as_ref()
            .is_none_or(|list| list.iter().any(|c| c == category))
    }
}

static CONFIG: OnceLock<Option<Config>> = OnceLock::new();
/// False once we know nothing is enabled: the fast path of `enabled`.
static ANY_ENABLED: AtomicBool = AtomicBool::new(true);

/// Set the log up explicitly (tests, or a VM's command-line flag); must come before the
/// first log statement. Returns false if the log was already configured.
pub fn configure(config: Config) -> bool {
    CONFIG.set(Some(config)).is_ok()
}

fn config() -> Option<&'static Config> {
    CONFIG
        .get_or_init(|| {
            let spec = std::env::var("FERRITE_LOG")
                .ok()
                .filter(|s| !s.is_empty())?;
            let sink: Box<dyn Write + Send> = match std::env::var_os("FERRITE_LOG_FILE") {
                Some(path) => match File::create(&path) {
                    Ok(file) => Box::new(file),
                    Err(error) => {
                        eprintln!(
                            "ferrite: cannot write the log to {}: {error}; logging to stderr",
                            path.to_string_lossy()
                        );
                        Box::new(std::io::stderr())
                    }
                },
                None => Box::new(std::io::stderr()),
            };
            Some(Config::new(&spec, sink))
        })
        .as_ref()
}

/// Whether `category` is being logged.
#[inline]
pub fn enabled(category: &str) -> bool {
    if !ANY_ENABLED.load(Ordering::Relaxed) {
        return false;
    }
    match config() {
        Some(config) => config.enabled(category),
        None => {
            ANY_ENABLED.store(false, Ordering::Relaxed);
            false
        }
    }
}

/// Write an entry: a header line, then `body` (if any) indented. Call only when
/// `enabled(category)`; building the text is the caller's cost.
pub fn write(category: &str, header: &str, body: &str) {
    let Some(config) = config() else { return };
    let elapsed = config.start.elapsed().as_secs_f64();
    let mut entry = format!("[ferrite {category} +{elapsed:.6}s] {header}\n");
    for line in body.lines() {
        entry.push_str("    ");
        entry.push_str(line);
        entry.push('\n');
    }
    let mut sink = config.sink.lock().unwrap_or_else(|e| e.into_inner());
    // A log that cannot be written is not worth stopping the program for.
    let _ = sink.write_all(entry.as_bytes());
    let _ = sink.flush();
}

/// `log!(category, header-format...)`: write a one-line entry if the category is on,
/// formatting nothing otherwise. For an entry with a body (a trace listing), check
/// [`enabled`] and call [`write()`].
#[macro_export]
macro_rules! log {
    ($category:expr, $($header:tt)*) => {
        if $crate::enabled($category) {
            $crate::write($category, &format!($($header)*), "");
        }
    };
}
