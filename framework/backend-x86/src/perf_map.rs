//! Making machine code visible to outside tools:
//! - with `FERRITE_PERF_MAP` set, every compiled trace and bridge is appended to
//!   `/tmp/perf-<pid>.map` (the file `perf report` reads for code it finds no binary for),
//!   so profiles name the traces instead of lumping them together as `[JIT]`;
//! - with `FERRITE_DUMP_CODE=DIR`, each one's bytes are written to `DIR/<n>-<kind>.bin`,
//!   for `objdump -D -b binary -mi386:x86-64`.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

static MAP: OnceLock<Option<Mutex<std::fs::File>>> = OnceLock::new();
static DUMP: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
static NUMBER: AtomicUsize = AtomicUsize::new(0);

/// Record that `code` (mapped where it runs) holds a piece of kind `what` (`loop`,
/// `bridge`, …) of `operations` operations.
pub fn record(code: &[u8], what: &str, operations: usize) {
    let map = MAP.get_or_init(|| {
        std::env::var_os("FERRITE_PERF_MAP")?;
        let path = format!("/tmp/perf-{}.map", std::process::id());
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path);
        file.ok().map(Mutex::new)
    });
    let dump = DUMP.get_or_init(|| std::env::var_os("FERRITE_DUMP_CODE").map(Into::into));
    if map.is_none() && dump.is_none() {
        return;
    }
    let number = NUMBER.fetch_add(1, Ordering::Relaxed);
    // A profile without a name is better than a failed compile: errors are ignored.
    if let Some(file) = map {
        let (start, length) = (code.as_ptr() as usize, code.len());
        let line = format!("{start:x} {length:x} ferrite_{what}_{number}_{operations}ops\n");
        let _ = file.lock().map(|mut f| f.write_all(line.as_bytes()));
    }
    if let Some(directory) = dump {
        let _ = std::fs::write(directory.join(format!("{number}-{what}.bin")), code);
    }
}
