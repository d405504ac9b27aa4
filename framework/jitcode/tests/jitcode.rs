//! Jitcode written by hand: it assembles, disassembles to text that assembles to the same
//! bytes, and the blackhole interpreter runs it with the expected results.

use ferrite_gc::{gc_object, Array, Gc, GcRef, GcType, Scalar};
use ferrite_jitcode::{assemble, disassemble, run, BlackholeError, JitModule};
use ferrite_trace::{call_target, Effects, RefNamespace, Type};

call_target!(
    POWER,
    "power",
    [Type::Int, Type::Float],
    Some(Type::Float),
    Effects::ELIDABLE,
    |a| {
        let (Scalar::Int(n), Scalar::Float(x)) = (a[0], a[1]) else {
            unreachable!()
        };
        Ok(Some(Scalar::Float(x.powi(n as i32))))
    }
);

#[gc_object]
struct Cons {
    head: i64,
    weight: f64,
    tail: Option<Gc<Cons>>,
}

fn module(text: &str) -> JitModule {
    ferrite_trace::calls::register(&POWER);
    Cons::descriptor_id();
    Array::<i64>::descriptor_id();
    Array::<Option<GcRef>>::descriptor_id();
    let module = assemble(text, &RefNamespace::new()).unwrap_or_else(|e| panic!("{e}"));
    // Every jitcode survives a trip through its text form (disassembled together, since
    // calls name other jitcodes).
    let text: String = (0..module.codes.len())
        .map(|index| disassemble(&module, index) + "\n")
        .collect();
    let again = assemble(&text, &RefNamespace::new()).unwrap_or_else(|e| panic!("{e}\n{text}"));
    for (copy, original) in again.codes.iter().zip(&module.codes) {
        assert_eq!(copy.code, original.code, "round trip of\n{text}");
        assert_eq!(copy.register_counts, original.register_counts);
        assert_eq!(copy.int_constants, original.int_constants);
    }
    module
}

fn call(
    module: &JitModule,
    name: &str,
    arguments: &[Scalar],
) -> Result<Option<Scalar>, BlackholeError> {
    run(
        module,
        module.index_of(name).unwrap(),
        arguments,
        100_000_000,
    )
}

const SUM: &str = "
jitcode sum(%i0)
    int_copy $0 -> %i1
loop:
    -live- %i0, %i1
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, done
    int_add %i1, %i0 -> %i1
    int_sub %i0, $1 -> %i0
    goto loop
done:
    int_return %i1
";

#[test]
fn a_loop_sums() {
    let module = module(SUM);
    assert_eq!(
        call(&module, "sum", &[Scalar::Int(100)]).unwrap(),
        Some(Scalar::Int(5050))
    );
    assert_eq!(
        call(&module, "sum", &[Scalar::Int(-3)]).unwrap(),
        Some(Scalar::Int(0))
    );
}

#[test]
fn disassembly_reads_like_the_source() {
    let module = module(SUM);
    let expected = "\
jitcode sum(%i0)
    int_copy $0 -> %i1
L3:
    -live- %i0, %i1
    int_gt %i0, $0 -> %i2
    goto_if_not %i2, L28
    int_add %i1, %i0 -> %i1
    int_sub %i0, $1 -> %i0
    goto L3
L28:
    int_return %i1
";
    assert_eq!(disassemble(&module, 0), expected);
}

const RECURSION: &str = "
jitcode factorial(%i0)
    int_le %i0, $1 -> %i1
    goto_if_not %i1, recurse
    int_return $1
recurse:
    int_sub %i0, $1 -> %i2
    -live- %i0, %i2
    inline_call_i <jitcode factorial>, [%i2], [], [] -> %i3
    int_mul_jump_if_ovf overflow, %i0, %i3 -> %i4
    int_return %i4
overflow:
    int_return $-1

jitcode depth(%i0)
    int_is_zero %i0 -> %i1
    goto_if_not %i1, deeper
    int_return $0
deeper:
    int_sub %i0, $1 -> %i2
    inline_call_i <jitcode depth>, [%i2], [], [] -> %i3
    int_add %i3, $1 -> %i4
    int_return %i4
";

#[test]
fn calls_recurse_and_overflow_is_caught() {
    let module = module(RECURSION);
    assert_eq!(
        call(&module, "factorial", &[Scalar::Int(10)]).unwrap(),
        Some(Scalar::Int(3_628_800))
    );
    assert_eq!(
        call(&module, "factorial", &[Scalar::Int(20)]).unwrap(),
        Some(Scalar::Int(2_432_902_008_176_640_000))
    );
    // 21! overflows: the checked multiply jumps to the handler, and callers multiply -1.
    assert!(
        matches!(call(&module, "factorial", &[Scalar::Int(21)]).unwrap(), Some(Scalar::Int(v)) if v < 0)
    );
    // Deep recursion uses the blackhole's frame stack, not Rust's.
    assert_eq!(
        call(&module, "depth", &[Scalar::Int(90_000)]).unwrap(),
        Some(Scalar::Int(90_000))
    );
    assert_eq!(
        call(&module, "depth", &[Scalar::Int(200_000)]).unwrap_err(),
        BlackholeError::StackOverflow
    );
}

#[test]
fn switch_floats_and_references() {
    let module = module(
        "
jitcode pick(%i0)
    switch %i0, <switch 1: one, 7: seven>
    float_return $0.0
one:
    float_return $1.5
seven:
    float_neg $7.25 -> %f0
    float_return %f0

jitcode mean(%f0, %f1)
    float_add %f0, %f1 -> %f2
    float_truediv %f2, $2.0 -> %f3
    float_lt %f3, $0.0 -> %i0
    goto_if_not %i0, positive
    float_abs %f3 -> %f3
positive:
    cast_float_to_int %f3 -> %i1
    cast_int_to_float %i1 -> %f4
    float_return %f4

jitcode same(%r0, %r1)
    ptr_eq %r0, %r1 -> %i0
    ptr_iszero %r1 -> %i1
    int_add %i0, %i1 -> %i2
    int_return %i2
",
    );
    let pick = |n| call(&module, "pick", &[Scalar::Int(n)]).unwrap();
    assert_eq!(pick(1), Some(Scalar::Float(1.5)));
    assert_eq!(pick(7), Some(Scalar::Float(-7.25)));
    assert_eq!(pick(3), Some(Scalar::Float(0.0)));
    assert_eq!(
        call(&module, "mean", &[Scalar::Float(-3.0), Scalar::Float(-6.5)]).unwrap(),
        Some(Scalar::Float(4.0))
    );
    let object = Array::<i64>::new(1, 0).unwrap().erase();
    let same = |a, b| call(&module, "same", &[Scalar::Ref(a), Scalar::Ref(b)]).unwrap();
    assert_eq!(same(Some(object), Some(object)), Some(Scalar::Int(1)));
    assert_eq!(same(Some(object), None), Some(Scalar::Int(1)));
    assert_eq!(same(None, None), Some(Scalar::Int(2)));
}

const HEAP: &str = "
# Build a list n-1 .. 0 of Cons cells, each with a garbage array of 512, then sum the heads.
jitcode build(%i0)
    ref_copy $null -> %r0
loop:
    int_gt %i0, $0 -> %i1
    goto_if_not %i1, done
    int_sub %i0, $1 -> %i0
    new <size Cons> -> %r1
    setfield_gc_i %r1, %i0, <field Cons.head>
    setfield_gc_r %r1, %r0, <field Cons.tail>
    cast_int_to_float %i0 -> %f0
    setfield_gc_f %r1, %f0, <field Cons.weight>
    new_array $512, <array Array<i64>> -> %r2
    setarrayitem_gc_i %r2, $511, %i0, <array Array<i64>>
    ref_copy %r1 -> %r0
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

jitcode array_sum(%r0)
    arraylen_gc %r0, <array Array<i64>> -> %i0
    int_copy $0 -> %i1
    int_copy $0 -> %i2
loop:
    int_lt %i1, %i0 -> %i3
    goto_if_not %i3, done
    getarrayitem_gc_i %r0, %i1, <array Array<i64>> -> %i4
    int_add %i2, %i4 -> %i2
    int_add %i1, $1 -> %i1
    goto loop
done:
    int_return %i2
";

#[test]
fn the_heap_through_descriptors() {
    let module = module(HEAP);
    let before = ferrite_gc::stats().collections;
    // 60,000 cells and 4 KiB arrays: enough to collect while the frame's registers hold
    // the list.
    let Some(Scalar::Ref(Some(list))) = call(&module, "build", &[Scalar::Int(60_000)]).unwrap()
    else {
        panic!("build returns a list")
    };
    let list = list.downcast::<Cons>().unwrap();
    assert!(ferrite_gc::stats().collections > before);
    assert_eq!((list.head(), list.weight()), (0, 0.0));
    let total = call(&module, "total", &[Scalar::Ref(Some(list.erase()))]).unwrap();
    assert_eq!(total, Some(Scalar::Int(59_999 * 60_000 / 2)));
    let array = Array::<i64>::from_slice(&[3, 4, 5]).unwrap();
    assert_eq!(
        call(&module, "array_sum", &[Scalar::Ref(Some(array.erase()))]).unwrap(),
        Some(Scalar::Int(12))
    );
}

#[test]
fn bad_runs_are_errors() {
    let module = module(HEAP);
    assert_eq!(
        call(&module, "total", &[Scalar::Int(1)])
            .unwrap_err()
            .to_string(),
        "the jitcode takes [Ref], was given [Int]"
    );
    let array = Array::<i64>::new(1, 0).unwrap().erase();
    let error = call(&module, "total", &[Scalar::Ref(Some(array))]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("expected a Cons object, found a Array<i64>"),
        "{error}"
    );
    let sum = self::module(SUM);
    assert_eq!(
        run(&sum, 0, &[Scalar::Int(1_000_000)], 1000).unwrap_err(),
        BlackholeError::StepLimit(1000)
    );
}

#[test]
fn bad_text_gets_line_numbers() {
    Cons::descriptor_id();
    let cases = [
        (
            "int_add %i0, %i1 -> %i2",
            "line 1: expected `jitcode name(parameters)` first",
        ),
        (
            "jitcode f(%i0)\n    int_addd %i0, %i0 -> %i1",
            "line 2: unknown instruction `int_addd`",
        ),
        (
            "jitcode f(%i0)\n    int_add %i0 -> %i1",
            "line 2: `int_add` takes 2 operands, given 1",
        ),
        (
            "jitcode f(%i0)\n    int_add %i0, %f0 -> %i1",
            "line 2: `%f0` is not a Int register",
        ),
        (
            "jitcode f(%i0)\n    int_add %i0, %i0",
            "line 2: `int_add` needs `-> %register`",
        ),
        (
            "jitcode f(%i0)\n    int_add %i0, %i0 -> %f1",
            "line 2: `int_add` gives a Int result",
        ),
        (
            "jitcode f(%i0)\n    goto nowhere",
            "line 2: no label `nowhere`",
        ),
        (
            "jitcode f(%r0)\n    getfield_gc_i %r0, <field Cons.nope> -> %i0",
            "`Cons` has no field `nope`",
        ),
        (
            "jitcode f(%i0)\n    inline_call_v <jitcode g>, [], [], []",
            "no jitcode named `g`",
        ),
        (
            "jitcode f(%r0)\n    ref_return $thing",
            "no object named `thing`",
        ),
        (
            "jitcode f(%i0)\n    int_return $1.5",
            "`$1.5` is not a Int constant",
        ),
        (
            "jitcode f(%i0)\njitcode f(%i0)",
            "line 2: missing or repeated jitcode name `f`",
        ),
    ];
    for (text, expected) in cases {
        let message = match assemble(text, &RefNamespace::new()) {
            Ok(_) => panic!("assembled: {text}"),
            Err(e) => e.to_string(),
        };
        assert!(
            message.contains(expected),
            "for {text:?}\n  got  {message}\n  want {expected}"
        );
    }
}

#[test]
fn residual_calls_reach_registered_functions() {
    let module = module(
        "
jitcode cube(%f0)
    residual_call_f <call power>, [$3], [], [%f0] -> %f1
    float_return %f1
",
    );
    assert_eq!(
        call(&module, "cube", &[Scalar::Float(2.0)]).unwrap(),
        Some(Scalar::Float(8.0))
    );
    assert!(
        disassemble(&module, 0).contains("residual_call_f <call power>, [$3], [], [%f0] -> %f1")
    );
}

const EXCEPTIONS: &str = "
# Raises a Cons holding the argument when it is negative.
jitcode checked(%i0)
    int_lt %i0, $0 -> %i1
    goto_if_not %i1, fine
    new <size Cons> -> %r0
    setfield_gc_i %r0, %i0, <field Cons.head>
    raise %r0
fine:
    int_return %i0

# No handler: an exception from the call leaves this frame too.
jitcode middle(%i0)
    inline_call_i <jitcode checked>, [%i0], [], [] -> %i1
    int_add %i1, $1 -> %i1
    int_return %i1

# Catches what the calls below raise, and re-raises the exceptions it does not handle.
jitcode outer(%i0)
    inline_call_i <jitcode middle>, [%i0], [], [] -> %i1
    catch_exception handler
    int_return %i1
handler:
    last_exc_value -> %r0
    getfield_gc_i %r0, <field Cons.head> -> %i2
    int_lt %i2, $-100 -> %i3
    goto_if_not %i3, handled
    raise %r0
handled:
    int_mul %i2, $100 -> %i2
    int_return %i2
";

#[test]
fn exceptions_unwind_to_the_nearest_handler() {
    let module = module(EXCEPTIONS);
    let outer = |n| call(&module, "outer", &[Scalar::Int(n)]);
    assert_eq!(outer(5).unwrap(), Some(Scalar::Int(6)));
    // Raised two frames down, caught here.
    assert_eq!(outer(-3).unwrap(), Some(Scalar::Int(-300)));
    // Re-raised by the handler: uncaught, reported where it was last raised.
    let BlackholeError::Uncaught {
        jitcode, exception, ..
    } = outer(-200).unwrap_err()
    else {
        panic!("expected an uncaught exception")
    };
    assert_eq!(jitcode, "outer");
    assert_eq!(exception.downcast::<Cons>().unwrap().head(), -200);
    // Without any handler, from where it was raised.
    let error = call(&module, "middle", &[Scalar::Int(-1)]).unwrap_err();
    assert!(matches!(error, BlackholeError::Uncaught { ref jitcode, .. } if jitcode == "checked"));
    assert!(disassemble(&module, module.index_of("outer").unwrap()).contains("catch_exception"));
}

/// The registers live at an instruction: read on some path from there before being
/// written, through jumps, branches and exception handlers.
#[test]
fn liveness_follows_every_path() {
    let module = module(&format!("{SUM}\n{EXCEPTIONS}"));
    let live_at = |name: &str, nth: usize| {
        let code = &module.codes[module.index_of(name).unwrap()];
        let mut pc = 0;
        for _ in 0..nth {
            pc = ferrite_jitcode::text::decode(&code.code, pc).next;
        }
        let live = code.liveness().at(pc).expect("an instruction start");
        let names = |bank: usize, letter: char| {
            (0..=255u8)
                .filter(move |&r| live[bank].contains(r))
                .map(move |r| format!("%{letter}{r}"))
        };
        names(0, 'i')
            .chain(names(1, 'r'))
            .chain(names(2, 'f'))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // sum: `int_copy $0 -> %i1` writes %i1 (so it is dead before); the loop reads both.
    assert_eq!(live_at("sum", 0), "%i0");
    assert_eq!(live_at("sum", 1), "%i0 %i1");
    // `int_gt ... -> %i2`: %i2 is written there, read by the branch after.
    assert_eq!(live_at("sum", 3), "%i0 %i1 %i2");
    // checked: the raise path reads %i0 into the new cell.
    assert_eq!(live_at("checked", 2), "%i0");
    // outer: the call reads %i0; its handler (through `catch_exception`) needs nothing
    // yet, since `last_exc_value` writes %r0; the normal path reads the call's result.
    assert_eq!(live_at("outer", 0), "%i0");
    assert_eq!(live_at("outer", 1), "%i1");
}
