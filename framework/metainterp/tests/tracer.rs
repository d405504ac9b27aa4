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

#[ferrite_gc::gc_object]
struct Frame {
    #[virtualizable]
    total: i64,
    #[virtualizable]
    slots: ferrite_gc::Gc<Array<i64>>,
    calls: i64,
}

ferrite_trace::call_target!(
    LOOK,
    "look",
    [ferrite_trace::Type::Ref],
    None,
    ferrite_trace::Effects::READS,
    |_| Ok(None)
);

/// A loop over a virtualizable frame: `slots[0]` counts down, `total` sums it, and every
/// iteration whose count is a multiple of 4 calls `look` (which writes nothing).
const FRAME_LOOP: &str = "
jitcode frame_loop(%r0)
loop:
    jit_merge_point <driver 0 virtualizable 0>, [], [], [], [], [%r0], []
    getfield_gc_r %r0, <field Frame.slots> -> %r1
    getarrayitem_gc_i %r1, $0, <array Array<i64>> -> %i0
    int_eq %i0, $0 -> %i1
    goto_if_not %i1, body
    getfield_gc_i %r0, <field Frame.total> -> %i2
    int_return %i2
body:
    getfield_gc_i %r0, <field Frame.total> -> %i2
    int_add %i2, %i0 -> %i2
    setfield_gc_i %r0, %i2, <field Frame.total>
    int_sub %i0, $1 -> %i0
    setarrayitem_gc_i %r1, $0, %i0, <array Array<i64>>
    int_and %i0, $3 -> %i3
    int_eq %i3, $0 -> %i3
    goto_if_not %i3, next
    residual_call_v <call look>, [], [%r0], []
next:
    -live- %r0
    loop_header <driver 0>
    goto loop
";

#[test]
fn a_virtualizable_frame_stays_in_registers_and_is_stored_before_calls() {
    Frame::descriptor_id();
    ferrite_trace::calls::register(&LOOK);
    let module = module(FRAME_LOOP);
    let frame = ferrite_gc::Gc::new(Frame {
        total: 0,
        slots: Array::from_slice(&[10, 7]).unwrap(),
        calls: 0,
    })
    .unwrap();
    let arena = Bump::new();
    let reds = [Scalar::Ref(Some(frame.erase()))];
    let recorded = trace_loop(&arena, &module, 0, &[], &reds, 1000, &mut no_exits).unwrap();
    let text = recorded.trace.to_string();
    // Read before the label, carried through it; the loop stores nothing until the call.
    let (preamble, body) = text.split_once("label(").unwrap();
    assert!(
        preamble.contains("getfield_gc_i(p0, descr=Frame.total)"),
        "{text}"
    );
    assert!(preamble.contains("guard_value(i"), "{text}");
    assert!(preamble.contains("getarrayitem_gc_i(p"), "{text}");
    assert!(
        !body.contains("getfield") && !body.contains("getarrayitem"),
        "{text}"
    );
    // The first iteration (10) makes no call; the trace follows it.
    assert!(!body.contains("setfield"), "{text}");
    // Compiled and run from the heap's state: the loop runs in registers to the exit
    // guard, whose resume data stores the values, and the blackhole finishes.
    let frame = ferrite_gc::Gc::new(Frame {
        total: 0,
        slots: Array::from_slice(&[9, 7]).unwrap(),
        calls: 0,
    })
    .unwrap();
    let reds = [Scalar::Ref(Some(frame.erase()))];
    let result = jit_then_resume(&module, &recorded, &reds);
    assert_eq!(result, Some(Scalar::Int(45)));
    assert_eq!(frame.total(), 45);
    assert_eq!(frame.slots().get(0), 0);

    // Traced from an iteration that calls: the values are stored before the call.
    let frame = ferrite_gc::Gc::new(Frame {
        total: 0,
        slots: Array::from_slice(&[5, 7]).unwrap(),
        calls: 0,
    })
    .unwrap();
    let reds = [Scalar::Ref(Some(frame.erase()))];
    let recorded = trace_loop(&arena, &module, 0, &[], &reds, 1000, &mut no_exits).unwrap();
    let text = recorded.trace.to_string();
    let body = text.split_once("label(").unwrap().1;
    let call = body.find("call_n(").expect("the call");
    let stores = &body[..call];
    assert!(stores.contains("setfield_gc(p0, "), "{text}");
    assert!(stores.contains("setarrayitem_gc(p"), "{text}");
    // `look` writes nothing: nothing is read again after it.
    assert!(!body[call..].contains("get"), "{text}");
    assert_eq!(frame.calls(), 0);
}
