//! Small interpreters in hand-written jitcode, run by the JIT driver with the JIT off, at
//! threshold 1, at threshold 1 with a bridge on every guard's first failure, and at the
//! default threshold: every mode must give the same result.

use ferrite_gc::{gc_object, Array, Gc, GcRef, GcType, Scalar};
use ferrite_jitcode::{assemble, run, BlackholeError, JitModule};
use ferrite_metainterp::{trace_loop, Driver, Params, Resumed, Stats};
use ferrite_trace::{call_target, Effects, RefNamespace, Type};

#[gc_object]
struct Cons {
    head: i64,
    tail: Option<Gc<Cons>>,
}

#[gc_object]
struct Boxed {
    value: i64,
}

call_target!(
    MIX,
    "mix",
    [Type::Int],
    Some(Type::Int),
    Effects::ELIDABLE,
    |a| {
        let Scalar::Int(v) = a[0] else { unreachable!() };
        Ok(Some(Scalar::Int(v.wrapping_mul(7) % 13)))
    }
);

/// The exception the raising call targets below raise: a cell holding their argument.
fn cell_holding(v: i64) -> GcRef {
    Gc::new(Cons {
        head: v,
        tail: None,
    })
    .expect("heap")
    .erase()
}

// Raises (a cell holding the argument) for multiples of 1000.
call_target!(
    CHECKED,
    "checked",
    [Type::Int],
    Some(Type::Int),
    Effects::RAISES,
    |a| {
        let Scalar::Int(v) = a[0] else { unreachable!() };
        if v % 1000 == 0 {
            return Err(cell_holding(v));
        }
        Ok(Some(Scalar::Int(v % 7)))
    }
);

// Raises (a cell holding the argument) for multiples of 7.
call_target!(
    SOMETIMES,
    "sometimes",
    [Type::Int],
    Some(Type::Int),
    Effects::RAISES,
    |a| {
        let Scalar::Int(v) = a[0] else { unreachable!() };
        if v % 7 == 0 {
            return Err(cell_holding(v));
        }
        Ok(Some(Scalar::Int(v % 5)))
    }
);

call_target!(
    MAKE_BOXED,
    "make_boxed",
    [Type::Int],
    Some(Type::Ref),
    Effects::READS,
    |a| {
        let Scalar::Int(v) = a[0] else { unreachable!() };
        let boxed = Gc::new(Boxed { value: v }).expect("heap");
        Ok(Some(Scalar::Ref(Some(boxed.erase()))))
    }
);

// Loop-invariant (by promise): a trace calls it once per iteration and argument.
call_target!(
    TRIPLE,
    "triple",
    [Type::Int],
    Some(Type::Int),
    Effects {
        loop_invariant: true,
        ..Effects::READS
    },
    |a| {
        let Scalar::Int(v) = a[0] else { unreachable!() };
        Ok(Some(Scalar::Int(v * 3)))
    }
);

const PROGRAMS: &str = "
jitcode countdown(%i0, %i1)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    int_add %i1, %i0 -> %i1
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

# A data-dependent branch: the guard on it fails three iterations in four.
jitcode branchy(%i0, %i1)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    int_and %i0, $3 -> %i3
    int_is_zero %i3 -> %i4
    goto_if_not %i4, other
    int_add %i1, %i0 -> %i1
    goto next
other:
    int_sub %i1, $1 -> %i1
next:
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

# Allocates a list of n cells (and a garbage array per cell, to collect meanwhile).
jitcode build(%i0, %r0)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0], [%r0], []
    int_gt %i0, $0 -> %i1
    goto_if_not %i1, done
    new <size Cons> -> %r1
    setfield_gc_i %r1, %i0, <field Cons.head>
    setfield_gc_r %r1, %r0, <field Cons.tail>
    new_array $256, <array Array<i64>> -> %r2
    ref_copy %r1 -> %r0
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    ref_return %r0

jitcode total(%r0)
    int_copy $0 -> %i0
loop:
    ptr_nonzero %r0 -> %i1
    goto_if_not %i1, done
    getfield_gc_i %r0, <field Cons.head> -> %i2
    int_add %i0, %i2 -> %i0
    getfield_gc_r %r0, <field Cons.tail> -> %r0
    goto loop
done:
    int_return %i0

jitcode calling(%i0, %i1)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    residual_call_i <call mix>, [%i0], [], [] -> %i3
    int_add %i1, %i3 -> %i1
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

# The same call, of a green (a constant in traces) and of a red.
jitcode folding(%i0, %i1, %i2)
loop:
    jit_merge_point <driver 0>, [%i2], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i3
    goto_if_not %i3, done
    residual_call_i <call mix>, [%i2], [], [] -> %i4
    int_add %i1, %i4 -> %i1
    residual_call_i <call mix>, [%i0], [], [] -> %i4
    int_add %i1, %i4 -> %i1
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

# The same loop-invariant call twice per iteration.
jitcode invariant(%i0, %i1)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    residual_call_i <call triple>, [%i0], [], [] -> %i3
    int_add %i1, %i3 -> %i1
    residual_call_i <call triple>, [%i0], [], [] -> %i4
    int_add %i1, %i4 -> %i1
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

jitcode raising(%i0, %i1)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    residual_call_i <call checked>, [%i0], [], [] -> %i3
    int_add %i1, %i3 -> %i1
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

jitcode fib(%i0)
    int_lt %i0, $2 -> %i1
    goto_if_not %i1, recurse
    int_return %i0
recurse:
    int_sub %i0, $1 -> %i2
    inline_call_i <jitcode fib>, [%i2], [], [] -> %i3
    int_sub %i0, $2 -> %i4
    inline_call_i <jitcode fib>, [%i4], [], [] -> %i5
    int_add %i3, %i5 -> %i6
    int_return %i6

# Raises a cell holding the argument for multiples of 16 (traced through, raise and all).
jitcode validate(%i0)
    int_and %i0, $15 -> %i1
    int_is_zero %i1 -> %i2
    goto_if_not %i2, fine
    new <size Cons> -> %r0
    setfield_gc_i %r0, %i0, <field Cons.head>
    raise %r0
fine:
    int_return %i0

# Catches what a residual call raises sometimes, and what an inlined function raises.
jitcode catching(%i0, %i1)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    residual_call_i <call sometimes>, [%i0], [], [] -> %i3
    catch_exception caught_call
    int_add %i1, %i3 -> %i1
    goto checked
caught_call:
    last_exc_value -> %r0
    getfield_gc_i %r0, <field Cons.head> -> %i4
    int_mul %i4, $2 -> %i4
    int_add %i1, %i4 -> %i1
checked:
    inline_call_i <jitcode validate>, [%i0], [], [] -> %i5
    catch_exception caught_raise
    int_add %i1, $1 -> %i1
    goto next
caught_raise:
    last_exc_value -> %r1
    getfield_gc_i %r1, <field Cons.head> -> %i6
    int_sub %i1, %i6 -> %i1
next:
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

# The value of a Cons (its head) or a Boxed, by class; it asks for the class twice, as a
# method lookup and then the method would.
jitcode value_of(%r0, %i0)
    guard_class %r0 -> %i1
    int_eq %i1, %i0 -> %i2
    goto_if_not %i2, boxed
    guard_class %r0 -> %i3
    getfield_gc_i %r0, <field Cons.head> -> %i4
    int_return %i4
boxed:
    getfield_gc_i %r0, <field Boxed.value> -> %i4
    int_return %i4

# Sums the values of an array of Cons and Boxed objects, of a Boxed made for each, and of
# the index boxed by a residual call (the classes of Cons and Boxed are greens, constants
# in traces).
jitcode classes(%r0, %i0, %i1, %i2, %i7)
loop:
    jit_merge_point <driver 0>, [%i2, %i7], [], [], [%i0, %i1], [%r0], []
    arraylen_gc %r0, <array Array<ref>> -> %i3
    int_lt %i0, %i3 -> %i4
    goto_if_not %i4, done
    getarrayitem_gc_r %r0, %i0, <array Array<ref>> -> %r1
    inline_call_i <jitcode value_of>, [%i2], [%r1], [] -> %i5
    int_add %i1, %i5 -> %i1
    new <size Boxed> -> %r2
    setfield_gc_i %r2, %i5, <field Boxed.value>
    inline_call_i <jitcode value_of>, [%i2], [%r2], [] -> %i6
    int_add %i1, %i6 -> %i1
    residual_call_r <call make_boxed>, [%i0], [], [] -> %r3
    record_exact_class %r3, %i7
    inline_call_i <jitcode value_of>, [%i2], [%r3], [] -> %i6
    int_add %i1, %i6 -> %i1
    int_add %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

# Calls a recursive function every iteration (the tracer unrolls it).
jitcode fibsum(%i0, %i1)
loop:
    jit_merge_point <driver 0>, [], [], [], [%i0, %i1], [], []
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    int_and %i0, $7 -> %i3
    inline_call_i <jitcode fib>, [%i3], [], [] -> %i4
    int_add %i1, %i4 -> %i1
    int_sub %i0, $1 -> %i0
    loop_header <driver 0>
    goto loop
done:
    int_return %i1

";

const INTERPRETER: &str = include_str!("../jitcode/bytecode_interpreter.jitcode");

fn module() -> JitModule {
    ferrite_trace::calls::register(&MIX);
    ferrite_trace::calls::register(&CHECKED);
    ferrite_trace::calls::register(&SOMETIMES);
    ferrite_trace::calls::register(&MAKE_BOXED);
    ferrite_trace::calls::register(&TRIPLE);
    Boxed::descriptor_id();
    Array::<Option<GcRef>>::descriptor_id();
    Cons::descriptor_id();
    Array::<i64>::descriptor_id();
    let text = format!("{PROGRAMS}\n{INTERPRETER}");
    assemble(&text, &RefNamespace::new()).unwrap_or_else(|e| panic!("{e}"))
}

const MODES: [&str; 4] = [
    "enable=off",
    "threshold=1",
    "threshold=1,trace_eagerness=1",
    "",
];

/// The portal's result in every mode, with the JIT's stats at threshold 1.
fn three_ways(
    module: &JitModule,
    portal: &str,
    arguments: &[Scalar],
) -> ([Option<Scalar>; 4], Stats) {
    let (results, stats) = all_modes(module, portal, arguments);
    (results, stats[0].clone())
}

/// The portal's result in every mode, with the stats at threshold 1 without and with eager
/// bridges.
fn all_modes(
    module: &JitModule,
    portal: &str,
    arguments: &[Scalar],
) -> ([Option<Scalar>; 4], [Stats; 2]) {
    let portal = module.index_of(portal).unwrap();
    let mut results = [None, None, None, None];
    let mut stats = [Stats::default(), Stats::default()];
    for (mode, settings) in MODES.iter().enumerate() {
        let mut params = Params::default();
        params.set_all(settings).unwrap();
        // SAFETY: these programs are well-typed and check nulls before dereferencing (the
        // blackhole, which checks everything, runs them to the same results).
        let mut driver = unsafe { Driver::new(module, portal, params) };
        results[mode] = driver.run(arguments).unwrap();
        if mode == 1 || mode == 2 {
            stats[mode - 1] = driver.stats.clone();
        }
    }
    (results, stats)
}

fn assert_agree(results: &[Option<Scalar>; 4], expected: Option<Scalar>) {
    for (result, mode) in results.iter().zip(MODES) {
        assert_eq!(*result, expected, "mode `{mode}`");
    }
}

#[test]
fn a_countdown() {
    let module = module();
    for n in [0, 1, 5, 5_000] {
        let (results, stats) = three_ways(&module, "countdown", &[Scalar::Int(n), Scalar::Int(0)]);
        assert_agree(&results, Some(Scalar::Int(n * (n + 1) / 2)));
        if n > 1 {
            assert_eq!(stats.loops_compiled, 1);
            assert!(stats.machine_code_entries >= 1);
        }
    }
}

#[test]
fn a_data_dependent_branch() {
    let module = module();
    let n = 10_000;
    let pure = run(
        &module,
        module.index_of("branchy").unwrap(),
        &[Scalar::Int(n), Scalar::Int(0)],
        1 << 30,
    )
    .unwrap();
    let (results, stats) = three_ways(&module, "branchy", &[Scalar::Int(n), Scalar::Int(0)]);
    assert_agree(&results, pure);
    // The branch's guard fails again and again (each time the blackhole finishes the
    // iteration and the loop is entered again) until it is hot and gets a bridge.
    assert!(stats.guard_failures >= 200, "{stats:?}");
    assert_eq!(stats.bridges_compiled, 1, "{stats:?}");
}

#[test]
fn hot_guards_get_bridges_that_keep_the_loop_in_machine_code() {
    let module = module();
    let n = 10_000;
    let (results, [default_eagerness, eager]) =
        all_modes(&module, "branchy", &[Scalar::Int(n), Scalar::Int(0)]);
    assert!(results.iter().all(|r| *r == results[0]));
    // With a bridge after one failure, only the loop's exit leaves machine code, and then
    // gets a bridge of its own that returns from the portal; with the default eagerness,
    // the guard fails 200 times first.
    assert_eq!(eager.bridges_compiled, 2, "{eager:?}");
    assert!(eager.guard_failures <= 3, "{eager:?}");
    assert_eq!(
        default_eagerness.guard_failures, 201,
        "{default_eagerness:?}"
    );
}

#[test]
fn a_loop_that_allocates() {
    let module = module();
    let n = 20_000;
    let before = ferrite_gc::stats().collections;
    let (results, stats) = three_ways(&module, "build", &[Scalar::Int(n), Scalar::Ref(None)]);
    assert!(ferrite_gc::stats().collections > before);
    assert!(stats.machine_code_entries >= 1);
    let total = module.index_of("total").unwrap();
    for result in results {
        let sum = run(&module, total, &[result.unwrap()], 1 << 30).unwrap();
        assert_eq!(sum, Some(Scalar::Int(n * (n + 1) / 2)));
    }
}

#[test]
fn a_loop_with_a_residual_call() {
    let module = module();
    let n = 3_000;
    let expected: i64 = (1..=n).map(|v: i64| v.wrapping_mul(7) % 13).sum();
    let (results, _) = three_ways(&module, "calling", &[Scalar::Int(n), Scalar::Int(0)]);
    assert_agree(&results, Some(Scalar::Int(expected)));
}

/// A portal entered often at one green key is traced from its entry with
/// `function_threshold`, even when no loop in it is hot: here a straight-line bytecode
/// program, whose trace ends by returning from the portal, so later runs are machine code
/// from entry to return.
#[test]
fn function_entries_are_traced_with_function_threshold() {
    let module = module();
    let portal = module.index_of("interpret").unwrap();
    // ADD, DECR, ADD, RET: from n=5, acc=0, it returns 5 + 4.
    let program = Array::<i64>::from_slice(&[0, 1, 0, 3]).unwrap().erase();
    let arguments = [
        Scalar::Ref(Some(program)),
        Scalar::Int(0),
        Scalar::Int(5),
        Scalar::Int(0),
    ];
    let mut params = Params::default();
    params.set_all("function_threshold=3").unwrap();
    // SAFETY: as in `all_modes`.
    let mut driver = unsafe { Driver::new(&module, portal, params) };
    for run in 1..=20 {
        assert_eq!(driver.run(&arguments).unwrap(), Some(Scalar::Int(9)));
        let stats = &driver.stats;
        match run {
            1 | 2 => assert_eq!(stats.loops_compiled, 0, "{stats:?}"),
            // The third run was traced (and returned through the tracer).
            3 => assert_eq!((stats.loops_compiled, stats.machine_code_entries), (1, 0)),
            _ => assert_eq!(stats.machine_code_entries, run - 3, "{stats:?}"),
        }
    }
    assert_eq!(driver.stats.guard_failures, 0);
}

/// Each time tracing starts, every warm-up counter loses `decay` thousandths of its
/// warmth.
#[test]
fn counters_decay_when_tracing_starts() {
    let module = module();
    let portal = module.index_of("folding").unwrap();
    let warmth_after = |decay: u32| {
        let mut params = Params::default();
        params
            .set_all(&format!(
                "threshold=10,function_threshold=1000,decay={decay}"
            ))
            .unwrap();
        // SAFETY: as in `all_modes`.
        let mut driver = unsafe { Driver::new(&module, portal, params) };
        // Five back-edges and one entry at green 1, not hot yet.
        driver
            .run(&[Scalar::Int(5), Scalar::Int(0), Scalar::Int(1)])
            .unwrap();
        let before = driver.warmth(&[Scalar::Int(1)]);
        assert!((before - 0.501).abs() < 1e-9, "{before}");
        // Green 2 gets hot: tracing starts there.
        driver
            .run(&[Scalar::Int(100), Scalar::Int(0), Scalar::Int(2)])
            .unwrap();
        assert_eq!(driver.stats.loops_compiled, 1);
        driver.warmth(&[Scalar::Int(1)])
    };
    assert!((warmth_after(0) - 0.501).abs() < 1e-9);
    assert!((warmth_after(500) - 0.2505).abs() < 1e-9);
    assert_eq!(warmth_after(1000), 0.0);
}

/// An elidable call of constants is folded while tracing; of a variable, it is recorded.
#[test]
fn elidable_calls_of_constants_fold() {
    let module = module();
    let n = 2_000;
    let mix = |v: i64| v.wrapping_mul(7) % 13;
    let expected: i64 = (1..=n).map(|v| mix(5) + mix(v)).sum();
    let arguments = [Scalar::Int(n), Scalar::Int(0), Scalar::Int(5)];
    let (results, _) = three_ways(&module, "folding", &arguments);
    assert_agree(&results, Some(Scalar::Int(expected)));
    let arena = bumpalo::Bump::new();
    let portal = module.index_of("folding").unwrap();
    let reds = [Scalar::Int(n), Scalar::Int(0)];
    let recorded = trace_loop(
        &arena,
        &module,
        portal,
        &[Scalar::Int(5)],
        &reds,
        1000,
        &mut |_| None,
    )
    .unwrap();
    let text = recorded.trace.to_string();
    assert_eq!(text.matches("call_i").count(), 1, "{text}");
    assert!(text.contains(&format!("int_add(i1, {})", mix(5))), "{text}");
}

/// A loop-invariant call is recorded once per trace for the same arguments; the effects
/// also name what a call may write.
#[test]
fn loop_invariant_calls_are_recorded_once() {
    let module = module();
    let n = 1_000;
    let (results, _) = three_ways(&module, "invariant", &[Scalar::Int(n), Scalar::Int(0)]);
    assert_agree(&results, Some(Scalar::Int(6 * n * (n + 1) / 2)));
    let arena = bumpalo::Bump::new();
    let portal = module.index_of("invariant").unwrap();
    let reds = [Scalar::Int(n), Scalar::Int(0)];
    let recorded = trace_loop(&arena, &module, portal, &[], &reds, 1000, &mut |_| None).unwrap();
    let text = recorded.trace.to_string();
    assert_eq!(text.matches("call_i").count(), 1, "{text}");
    let writes = ferrite_trace::Writes::Only(&["Cons.head", "Array<i64>"]);
    let descrs = writes.descrs().unwrap().unwrap();
    assert_eq!(
        descrs,
        vec![
            ferrite_trace::Descr::Field {
                owner: Cons::descriptor_id(),
                index: 0
            },
            ferrite_trace::Descr::Array(Array::<i64>::descriptor_id()),
        ]
    );
    assert!(ferrite_trace::Writes::Only(&["Cons.nothing"])
        .descrs()
        .is_err());
    assert_eq!(ferrite_trace::Writes::Everything.descrs(), Ok(None));
}

#[test]
fn a_loop_calling_a_recursive_function() {
    let module = module();
    let fib = |k: i64| -> i64 { (0..k).fold((0, 1), |(a, b), _| (b, a + b)).0 };
    let n = 2_000;
    let expected: i64 = (1..=n).map(|v| fib(v & 7)).sum();
    let (results, stats) = three_ways(&module, "fibsum", &[Scalar::Int(n), Scalar::Int(0)]);
    assert_agree(&results, Some(Scalar::Int(expected)));
    assert_eq!(stats.loops_compiled, 1);
}

#[test]
fn a_bytecode_interpreter() {
    let module = module();
    let program = Array::<i64>::from_slice(&[0, 1, 2, 0, 3]).unwrap().erase();
    let n = 5_000;
    let arguments = [
        Scalar::Ref(Some(program)),
        Scalar::Int(0),
        Scalar::Int(n),
        Scalar::Int(0),
    ];
    let (results, stats) = three_ways(&module, "interpret", &arguments);
    assert_agree(&results, Some(Scalar::Int(n * (n + 1) / 2)));
    assert!(stats.loops_compiled >= 1);
}

#[test]
fn parameters_are_set_by_name() {
    let mut params = Params::default();
    params.set_all("threshold=7, trace_limit=100").unwrap();
    assert_eq!((params.threshold, params.trace_limit), (7, 100));
    params.set("enable", "off").unwrap();
    assert!(!params.enabled);
    assert_eq!(
        params.set("treshold", "1").unwrap_err().to_string(),
        "unknown JIT parameter `treshold` (known: threshold, function_threshold, trace_eagerness, decay, trace_limit, enable, enable_opts)"
    );
    params.set("enable_opts", "pure:heap").unwrap();
    assert_eq!(params.enable_opts.to_string(), "pure:heap");
    assert!(params.set("enable_opts", "unroll").is_err());
    assert_eq!(
        params.set("threshold", "many").unwrap_err().to_string(),
        "threshold takes a whole number, not `many`"
    );
    assert!(params.set_all("threshold").is_err());
    params.set_all("function_threshold=3,decay=1000").unwrap();
    assert_eq!((params.function_threshold, params.decay), (3, 1000));
    assert_eq!(
        params.set("decay", "1001").unwrap_err().to_string(),
        "decay is 0 to 1000, not 1001"
    );
}

/// A residual function that raises sometimes, and an inlined one that raises, caught by
/// handlers in the loop: raised in the blackhole, while tracing (the trace then expects the
/// raise, and resumes after the call when it does not come), in machine code (resuming into
/// the handler), and in eager mode through bridges that start by raising.
#[test]
fn a_loop_catching_what_its_calls_raise_sometimes() {
    let module = module();
    let expected = |n: i64| -> i64 {
        (1..=n)
            .map(|v| {
                let call = if v % 7 == 0 { 2 * v } else { v % 5 };
                let check = if v % 16 == 0 { -v } else { 1 };
                call + check
            })
            .sum()
    };
    // 3000 traces the normal paths first; 2800 (a multiple of 7 and of 16) the raises.
    for n in [3000, 2800, 16, 7, 1] {
        let (results, [lazy, eager]) =
            all_modes(&module, "catching", &[Scalar::Int(n), Scalar::Int(0)]);
        assert_agree(&results, Some(Scalar::Int(expected(n))));
        if n >= 2800 {
            assert_eq!(lazy.loops_compiled, 1, "{lazy:?}");
            // Eager bridges cover both ways of both calls: few failures leave machine code.
            assert!(eager.bridges_compiled >= 2, "{eager:?}");
            assert!(eager.guard_failures < 20, "{eager:?}");
        }
    }
}

/// Class guards: `guard_class` becomes `guard_nonnull` and `guard_gc_type` once per
/// object, not for objects allocated in the trace or promised by `record_exact_class`, and
/// a change of class fails the guard (into a bridge, eagerly).
#[test]
fn class_guards_dispatch_on_the_class_of_objects() {
    let module = module();
    let n = 3_000;
    let objects: Vec<Option<GcRef>> = (0..n)
        .map(|i| {
            Some(if i % 3 == 0 {
                Gc::new(Boxed { value: i }).unwrap().erase()
            } else {
                Gc::new(Cons {
                    head: i,
                    tail: None,
                })
                .unwrap()
                .erase()
            })
        })
        .collect();
    let array = Array::<Option<GcRef>>::from_slice(&objects)
        .unwrap()
        .erase();
    let class = |id: ferrite_gc::DescriptorId| Scalar::Int(id.as_u32() as i64);
    let (cons, boxed) = (class(Cons::descriptor_id()), class(Boxed::descriptor_id()));
    let arguments = [
        Scalar::Ref(Some(array)),
        Scalar::Int(0),
        Scalar::Int(0),
        cons,
        boxed,
    ];
    let (results, [_, eager]) = all_modes(&module, "classes", &arguments);
    assert_agree(&results, Some(Scalar::Int(3 * n * (n - 1) / 2)));
    assert!(eager.bridges_compiled >= 1, "{eager:?}");
    // One class guard per iteration: the array's element, once.
    let arena = bumpalo::Bump::new();
    let portal = module.index_of("classes").unwrap();
    let reds = [Scalar::Int(1), Scalar::Int(0), Scalar::Ref(Some(array))];
    let recorded = trace_loop(
        &arena,
        &module,
        portal,
        &[cons, boxed],
        &reds,
        1000,
        &mut |_| None,
    )
    .unwrap();
    let text = recorded.trace.to_string();
    assert_eq!(text.matches("guard_gc_type").count(), 1, "{text}");
    assert_eq!(text.matches("guard_nonnull").count(), 1, "{text}");
}

/// A residual call that raises ends the program with the exception in every mode: raised
/// in the blackhole, while tracing, or in machine code (through its `guard_no_exception`).
#[test]
fn an_exception_from_a_residual_call_ends_the_program() {
    let module = module();
    let portal = module.index_of("raising").unwrap();
    let call_pc = {
        let code = &module.codes[portal].code;
        let mut pc = 0;
        loop {
            let decoded = ferrite_jitcode::text::decode(code, pc);
            let signature = ferrite_jitcode::opcodes::signature(decoded.opcode).unwrap();
            if signature.name == "residual_call_i" {
                break pc;
            }
            pc = decoded.next;
        }
    };
    // 1500 raises at 1000 (after the loop is compiled); 1001 on the second iteration
    // (while tracing, at threshold 1: tracing starts at the first loop header); 1000 on the
    // first, in the blackhole; 999 never raises.
    for n in [1500, 1001, 1000, 999] {
        for settings in MODES {
            let mut params = Params::default();
            params.set_all(settings).unwrap();
            // SAFETY: as in `all_modes`.
            let mut driver = unsafe { Driver::new(&module, portal, params) };
            let outcome = driver.run(&[Scalar::Int(n), Scalar::Int(0)]);
            if n == 999 {
                let expected: i64 = (1..=999).map(|v: i64| v % 7).sum();
                assert_eq!(
                    outcome.unwrap(),
                    Some(Scalar::Int(expected)),
                    "`{settings}`"
                );
                continue;
            }
            match outcome {
                Err(BlackholeError::Uncaught {
                    jitcode,
                    pc,
                    exception,
                }) => {
                    assert_eq!(jitcode, "raising", "`{settings}`");
                    assert_eq!(pc, call_pc, "`{settings}`");
                    let cell: Gc<Cons> = exception.downcast().expect("a Cons");
                    assert_eq!(cell.head(), 1000, "`{settings}`");
                    if n == 1500 && settings == "threshold=1" {
                        // It was the compiled loop's exception guard that failed.
                        assert_eq!(driver.stats.loops_compiled, 1);
                        assert_eq!(driver.stats.guard_failures, 1, "{:?}", driver.stats);
                    }
                    if n == 1001 && settings == "threshold=1" {
                        // The call raised while being traced.
                        assert_eq!(driver.stats.traces_aborted, 1, "{:?}", driver.stats);
                    }
                }
                other => panic!("n={n} `{settings}`: {other:?}"),
            }
        }
    }
}

include!("../jitcode/native_bytecode_interpreter.rs");

/// The three-way check of the merge-point contract: the native interpreter with the JIT
/// off, the portal's jitcode alone (the blackhole), and the native interpreter with the JIT
/// in each mode all agree; with the JIT on, the native interpreter hands its loop to
/// machine code and takes it back.
#[test]
fn a_native_interpreter_hands_its_loops_to_the_jit() {
    let module = module();
    let portal = module.index_of("interpret").unwrap();
    // Sum n..1 (a loop); and ADD, DECR, ADD, RET (straight-line).
    let programs: [&[i64]; 2] = [&[0, 1, 2, 0, 3], &[0, 1, 0, 3]];
    for code in programs {
        let program = Array::<i64>::from_slice(code).unwrap();
        for n in [0, 1, 2, 10, 5_000] {
            let arguments = [
                Scalar::Ref(Some(program.erase())),
                Scalar::Int(0),
                Scalar::Int(n),
                Scalar::Int(0),
            ];
            let jitcode_only = run(&module, portal, &arguments, 1 << 40).unwrap();
            for settings in MODES
                .iter()
                .chain(&["function_threshold=1", "threshold=1,decay=1000"])
            {
                let mut params = Params::default();
                params.set_all(settings).unwrap();
                // SAFETY: as in `all_modes`.
                let mut driver = unsafe { Driver::new(&module, portal, params) };
                // Twice, so that compiled code from the first run is entered at the start.
                for _ in 0..2 {
                    let native = interpret_natively(&mut driver, program, 0, n, 0).unwrap();
                    assert_eq!(
                        Some(Scalar::Int(native)),
                        jitcode_only,
                        "{code:?} n={n} `{settings}`"
                    );
                }
                if *settings == "threshold=1" && code.len() == 5 && n >= 10 {
                    assert_eq!(driver.stats.loops_compiled, 1, "{:?}", driver.stats);
                    assert!(driver.stats.machine_code_entries >= 2, "{:?}", driver.stats);
                }
                if *settings == "function_threshold=1" {
                    assert!(driver.stats.loops_compiled >= 1, "{:?}", driver.stats);
                }
            }
        }
    }
}
