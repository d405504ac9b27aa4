//! The JIT end to end on a small bytecode interpreter, timed side by side in one run:
//! - the interpreter in Rust, natively compiled, with the JIT off and on (the merge-point
//!   contract: it hands hot loops to the JIT and takes them back);
//! - the interpreter as jitcode in the blackhole alone (what runs after a guard fails).
//!
//! ```text
//! cargo run --release -p ferrite-metainterp --example bytecode_loop -- [N]
//! ```
//!
//! The user program sums n + (n-1) + ... + 1 with a four-instruction bytecode (ADD, DECR,
//! JNZ, RET); see `docs/jit-core.md` for the traces it produces.

use std::process::ExitCode;
use std::time::Instant;

use ferrite_gc::{Array, Gc, GcType, Scalar};
use ferrite_jitcode::{assemble, BlackholeError};
use ferrite_metainterp::{Driver, Params, Resumed};
use ferrite_trace::RefNamespace;

const INTERPRETER: &str = include_str!("../jitcode/bytecode_interpreter.jitcode");
include!("../jitcode/native_bytecode_interpreter.rs");

fn main() -> ExitCode {
    let n: i64 = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 10_000_000,
        Some(Ok(n)) if n >= 0 => n,
        _ => {
            eprintln!("usage: bytecode_loop [N]   (N a non-negative integer)");
            return ExitCode::from(2);
        }
    };
    Array::<i64>::descriptor_id();
    let module = assemble(INTERPRETER, &RefNamespace::new()).expect("the interpreter assembles");
    let program = Array::<i64>::from_slice(&[0, 1, 2, 0, 3]).expect("memory");
    let arguments = [
        Scalar::Ref(Some(program.erase())),
        Scalar::Int(0),
        Scalar::Int(n),
        Scalar::Int(0),
    ];
    let modes = [
        ("jitcode, blackhole only", "enable=off", false),
        ("native, JIT off", "enable=off", true),
        ("native, JIT on", "", true),
        // Never hot: the cost of counting at every back-edge.
        ("native, counting only", "threshold=4000000000", true),
    ];
    let mut times = Vec::new();
    for (label, settings, native) in modes {
        let mut params = Params::default();
        params.set_all(settings).expect("valid settings");
        // SAFETY: the interpreter is well-typed: the program is an Array<i64> and every pc it
        // reads is inside it.
        let mut driver = unsafe { Driver::new(&module, 0, params) };
        let start = Instant::now();
        let result = if native {
            interpret_natively(&mut driver, program, 0, n, 0).map(|v| Some(Scalar::Int(v)))
        } else {
            driver.run(&arguments)
        };
        let result = match result {
            Ok(result) => result,
            Err(error) => {
                eprintln!("bytecode_loop: {error}");
                return ExitCode::FAILURE;
            }
        };
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{label:24} result {result:?}  {seconds:.3} s  ({} loops, {} bridges compiled)",
            driver.stats.loops_compiled, driver.stats.bridges_compiled
        );
        times.push(seconds);
    }
    println!(
        "JIT on vs native JIT off: {:.1}x faster; native JIT off vs blackhole: {:.1}x faster; \
         counting costs {:.1} ns per back-edge",
        times[1] / times[2],
        times[0] / times[1],
        (times[3] - times[1]) * 1e9 / n.max(1) as f64
    );
    ExitCode::SUCCESS
}
