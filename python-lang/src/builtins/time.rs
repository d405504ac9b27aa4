//! The `time` module: wall-clock time, the monotonic and performance counters, process
//! time and `sleep`.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ferrite::GcRef;
use num_bigint::BigInt;

use crate::builtins::registry::{function, Args, NativeDef};
use crate::objects::int::{from_big, IntValue};
use crate::objects::new_float;
use crate::runtime::errors::*;
use crate::runtime::{ops, space};

pub fn make_module() -> PyResult<GcRef> {
    let module = crate::runtime::import::new_module("time")?.erase();
    crate::builtins::modules::add_functions(module, "time")?;
    Ok(module)
}

pub fn functions() -> Vec<NativeDef> {
    vec![
        function("time", "time", time_time),
        function("time", "time_ns", time_time_ns),
        function("time", "perf_counter", time_perf_counter),
        function("time", "perf_counter_ns", time_perf_counter_ns),
        function("time", "monotonic", time_monotonic),
        function("time", "monotonic_ns", time_monotonic_ns),
        function("time", "process_time", time_process_time),
        function("time", "process_time_ns", time_process_time_ns),
        function("time", "sleep", time_sleep),
    ]
}

fn no_args(args: &Args, name: &str) -> PyResult<()> {
    args.expect_in("time", name, 0, 0)
}

fn ns_int(ns: u128) -> PyResult<GcRef> {
    from_big(BigInt::from(ns))
}

/// Nanoseconds since the Unix epoch.
fn wall_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_nanos()
}

/// Nanoseconds on the monotonic clock. CPython's counts from boot: this one starts at the
/// uptime when first read, so values look alike and never go backwards.
fn monotonic_ns() -> u128 {
    static ORIGIN: OnceLock<(Instant, u128)> = OnceLock::new();
    let (start, offset) = ORIGIN.get_or_init(|| {
        let uptime = std::fs::read_to_string("/proc/uptime")
            .ok()
            .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok())
            .unwrap_or(0.0);
        (Instant::now(), (uptime * 1e9) as u128)
    });
    offset + start.elapsed().as_nanos()
}

/// CPU time of this process in nanoseconds (Linux's accounting, else the monotonic clock).
fn process_ns() -> u128 {
    // /proc/self/schedstat: time spent running, in nanoseconds.
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<u128>().ok())
        .unwrap_or_else(monotonic_ns)
}

fn seconds(ns: u128) -> PyResult<GcRef> {
    new_float(ns as f64 / 1e9)
}

fn time_time(args: &Args) -> PyResult<GcRef> {
    no_args(args, "time")?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    new_float(now.as_secs_f64())
}

fn time_time_ns(args: &Args) -> PyResult<GcRef> {
    no_args(args, "time_ns")?;
    ns_int(wall_ns())
}

fn time_perf_counter(args: &Args) -> PyResult<GcRef> {
    no_args(args, "perf_counter")?;
    seconds(monotonic_ns())
}

fn time_perf_counter_ns(args: &Args) -> PyResult<GcRef> {
    no_args(args, "perf_counter_ns")?;
    ns_int(monotonic_ns())
}

fn time_monotonic(args: &Args) -> PyResult<GcRef> {
    no_args(args, "monotonic")?;
    seconds(monotonic_ns())
}

fn time_monotonic_ns(args: &Args) -> PyResult<GcRef> {
    no_args(args, "monotonic_ns")?;
    ns_int(monotonic_ns())
}

fn time_process_time(args: &Args) -> PyResult<GcRef> {
    no_args(args, "process_time")?;
    seconds(process_ns())
}

fn time_process_time_ns(args: &Args) -> PyResult<GcRef> {
    no_args(args, "process_time_ns")?;
    ns_int(process_ns())
}

fn time_sleep(args: &Args) -> PyResult<GcRef> {
    args.expect("time.sleep", 1, 1)?;
    let value = args.get(0);
    // CPython takes a float as is and anything else through __index__.
    let secs = match crate::types::float::float_of(value) {
        Some(x) => {
            if x.is_nan() {
                return value_error("Invalid value NaN (not a number)");
            }
            x
        }
        None => match ops::index_int(value)? {
            IntValue::Small(n) => n as f64,
            IntValue::Big(_) => {
                return overflow_error("timestamp too large to convert to C _PyTime_t")
            }
        },
    };
    if secs < 0.0 {
        return value_error("sleep length must be non-negative");
    }
    if !secs.is_finite() || secs > 9.2e9 {
        return overflow_error("timestamp too large to convert to C _PyTime_t");
    }
    std::thread::sleep(Duration::from_secs_f64(secs));
    Ok(space::none())
}
