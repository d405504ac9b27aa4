//! The tracer on hand-written interpreters: the trace it records, and the whole path —
//! trace, compile, run machine code until a guard fails, rebuild the frames, finish in the
//! blackhole — giving what the blackhole alone gives.

use bumpalo::Bump;
use ferrite_backend_x86::compile;
use ferrite_gc::{Array, GcType, Scalar};
use ferrite_jitcode::{assemble, run, JitModule};
use ferrite_metainterp::{constants_of, resume_to_return, trace_loop, Abort, End, Recorded};
use ferrite_trace::{execute, Outcome, RefNamespace};

const COUNTDOWN: &str = "
jitcode countdown(%i0, %i1)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    int_add %i1, %i0 -> %i1
    int_sub %i0, $1 -> %i0
    -live- %i0, %i1
    loop_header <driver 0>
    goto loop
done:
    int_return %i1
";

const INTERPRETER: &str = include_str!("../jitcode/bytecode_interpreter.jitcode");
fn module(text: &str) -> JitModule {
    Array::<i64>::descriptor_id();
    assemble(text, &RefNamespace::new()).unwrap_or_else(|e| panic!("{e}"))
}

/// Run the recorded loop from `reds` in machine code until a guard fails, then finish in
/// the blackhole; also check the reference executor agrees on the guard.
fn jit_then_resume(module: &JitModule, recorded: &Recorded, reds: &[Scalar]) -> Option<Scalar> {
    let expected = execute(&recorded.trace, reds, 100_000_000).unwrap();
    let compiled = compile(&recorded.trace).unwrap();
    // SAFETY: the reference executor just ran this trace on these inputs to a guard without
    // a heap error, so every access the machine code makes is one it checked.
    let outcome = unsafe { compiled.run(reds) }.unwrap();
    let (
        Outcome::GuardFailed { guard, values, .. },
        Outcome::GuardFailed {
            guard: expected_guard,
            ..
        },
    ) = (outcome, expected)
    else {
        panic!("the loop should leave through a guard");
    };
    assert_eq!(guard, expected_guard);
    let resume = &recorded
        .resumes
        .iter()
        .find(|(g, _)| *g == guard)
        .unwrap()
        .1;
    resume_to_return(
        module,
        &constants_of(&recorded.trace),
        resume,
        &values,
        10_000_000,
    )
    .unwrap()
}

/// No other loop has machine code.
fn no_exits(_: &[Scalar]) -> Option<i64> {
    None
}

#[test]
fn a_countdown_loop_is_traced_compiled_and_resumed() {
    let module = module(COUNTDOWN);
    let arena = Bump::new();
    let recorded = trace_loop(
        &arena,
        &module,
        0,
        &[],
        &[Scalar::Int(10), Scalar::Int(0)],
        1000,
        &mut no_exits,
    )
    .unwrap();
    assert_eq!(
        recorded.trace.to_string(),
        "\
[i0, i1]
label(i0, i1)
i2 = int_gt(i0, 0)
guard_true(i2) [i0, i1, i2]
i3 = int_add(i1, i0)
i4 = int_sub(i0, 1)
jump(i4, i3)
"
    );
    for n in [1, 2, 10, 100_000] {
        let pure = run(&module, 0, &[Scalar::Int(n), Scalar::Int(0)], 100_000_000).unwrap();
        let jitted = jit_then_resume(&module, &recorded, &[Scalar::Int(n), Scalar::Int(0)]);
        assert_eq!(jitted, pure, "n = {n}");
        assert_eq!(pure, Some(Scalar::Int(n * (n + 1) / 2)));
    }
}

#[test]
fn a_bytecode_interpreter_loop_is_traced_through_its_dispatch() {
    let module = module(INTERPRETER);
    // 0: ADD, 1: DECR, 2: JNZ 0, 4: RET
    let program = Array::<i64>::from_slice(&[0, 1, 2, 0, 3]).unwrap().erase();
    let arena = Bump::new();
    let greens = [Scalar::Int(0), Scalar::Ref(Some(program))];
    let recorded = trace_loop(
        &arena,
        &module,
        0,
        &greens,
        &[Scalar::Int(50), Scalar::Int(0)],
        1000,
        &mut no_exits,
    )
    .unwrap();
    let text = recorded.trace.to_string();
    // Dispatch on a value read from the program is guarded; the pc arithmetic folded.
    assert!(text.contains("guard_value("), "{text}");
    assert!(!text.contains("int_add(0, 1)"), "{text}");
    for n in [1, 3, 50, 10_000] {
        let arguments = [
            Scalar::Ref(Some(program)),
            Scalar::Int(0),
            Scalar::Int(n),
            Scalar::Int(0),
        ];
        let pure = run(&module, 0, &arguments, 100_000_000).unwrap();
        let jitted = jit_then_resume(&module, &recorded, &[Scalar::Int(n), Scalar::Int(0)]);
        assert_eq!(jitted, pure, "n = {n}");
        assert_eq!(pure, Some(Scalar::Int(n * (n + 1) / 2)));
    }
}

#[test]
fn tracing_stops_cleanly() {
    let module = module(COUNTDOWN);
    let arena = Bump::new();
    // The loop exits before coming round: the trace ends by returning from the portal.
    let exited = trace_loop(
        &arena,
        &module,
        0,
        &[],
        &[Scalar::Int(0), Scalar::Int(7)],
        1000,
        &mut no_exits,
    )
    .unwrap_or_else(|_| panic!("a returning trace"));
    assert_eq!(
        exited.trace.to_string(),
        "[i0, i1]\nlabel(i0, i1)\ni2 = int_gt(i0, 0)\nguard_false(i2) [i0, i1, i2]\nfinish(0, i1)\n"
    );
    let End::Returned(value) = exited.end else {
        panic!("expected a return")
    };
    assert_eq!(value.to_vec(), vec![Scalar::Int(7)]);
    // A limit smaller than one iteration.
    let long = trace_loop(
        &arena,
        &module,
        0,
        &[],
        &[Scalar::Int(5), Scalar::Int(0)],
        2,
        &mut no_exits,
    );
    assert_eq!(long.err().map(|a| a.reason), Some(Abort::TooLong));
}
