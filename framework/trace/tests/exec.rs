//! The reference executor's semantics, on small traces written in the text form.

use bumpalo::Bump;
use ferrite_gc::{gc_object, Array, Gc, GcRef, GcType, RootVec, Scalar};
use ferrite_trace::{call_target, execute, parse, Effects, ExecError, Outcome, RefNamespace, Type};

call_target!(
    HALVE,
    "halve",
    [Type::Float],
    Some(Type::Float),
    Effects::READS,
    |a| {
        let Scalar::Float(v) = a[0] else {
            unreachable!()
        };
        Ok(Some(Scalar::Float(v / 2.0)))
    }
);

#[gc_object]
struct Link {
    value: i64,
    next: Option<Gc<Link>>,
}

fn run(text: &str, inputs: &[Scalar]) -> Result<Outcome, ExecError> {
    Link::descriptor_id();
    Array::<i64>::descriptor_id();
    Array::<Option<GcRef>>::descriptor_id();
    let arena = Bump::new();
    let trace = parse(&arena, text, &RefNamespace::new()).unwrap();
    execute(&trace, inputs, 10_000_000)
}

fn finished(outcome: Outcome) -> Vec<Scalar> {
    match outcome {
        Outcome::Finished(values) => values.to_vec(),
        other => panic!("expected finish, got {other:?}"),
    }
}

#[test]
fn a_countdown_loop_exits_through_its_guard() {
    let text = "\
[i0, i1]
label(i0, i1)
i2 = int_sub(i0, 1)
i3 = int_add(i1, i0)
i4 = int_gt(i2, 0)
guard_true(i4) [i2, i3]
jump(i2, i3)
";
    match run(text, &[Scalar::Int(100), Scalar::Int(0)]).unwrap() {
        Outcome::GuardFailed { guard, values, .. } => {
            assert_eq!(guard, 4);
            assert_eq!(values.to_vec(), vec![Scalar::Int(0), Scalar::Int(5050)]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn integer_operations_wrap_and_shift_modulo_64() {
    let text = "\
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_mul(i0, i0)
i4 = int_lshift(1, 65)
i5 = int_rshift(-16, 2)
i6 = uint_rshift(-16, 60)
i7 = uint_lt(-1, 1)
i8 = int_neg(i0)
i9 = int_invert(0)
i10 = int_is_zero(i1)
finish(i2, i3, i4, i5, i6, i7, i8, i9, i10)
";
    let max = i64::MAX;
    let values = finished(run(text, &[Scalar::Int(max), Scalar::Int(1)]).unwrap());
    let expected = [i64::MIN, 1, 2, -4, 15, 0, -max, -1, 0];
    assert_eq!(values, expected.map(Scalar::Int).to_vec());
}

#[test]
fn overflow_guards_read_the_flag() {
    let text = "\
[i0, i1]
i2 = int_mul_ovf(i0, i1)
guard_no_overflow() [i0]
i3 = int_sub_ovf(i2, 1)
guard_overflow() [i2]
finish(i3)
";
    // 3 * 4 does not overflow; 12 - 1 does not either, so guard_overflow fails.
    match run(text, &[Scalar::Int(3), Scalar::Int(4)]).unwrap() {
        Outcome::GuardFailed {
            guard: 3, values, ..
        } => {
            assert_eq!(values.to_vec(), vec![Scalar::Int(12)])
        }
        other => panic!("{other:?}"),
    }
    match run(text, &[Scalar::Int(i64::MAX), Scalar::Int(2)]).unwrap() {
        Outcome::GuardFailed {
            guard: 1, values, ..
        } => {
            assert_eq!(values.to_vec(), vec![Scalar::Int(i64::MAX)])
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn floats_follow_ieee_and_casts_follow_x86() {
    let text = "\
[f0]
f1 = float_truediv(1.0, f0)
i2 = float_eq(f0, f0)
i3 = float_ne(f0, f0)
i4 = cast_float_to_int(-2.9)
i5 = cast_float_to_int(1e300)
i6 = cast_float_to_int(f0)
f7 = cast_int_to_float(-3)
f8 = float_abs(-0.0)
finish(f1, i2, i3, i4, i5, i6, f7, f8)
";
    let values = finished(run(text, &[Scalar::Float(f64::NAN)]).unwrap());
    assert!(matches!(values[0], Scalar::Float(v) if v.is_nan()));
    assert_eq!(
        values[1..],
        [
            Scalar::Int(0),
            Scalar::Int(1),
            Scalar::Int(-2),
            Scalar::Int(i64::MIN),
            Scalar::Int(i64::MIN),
            Scalar::Float(-3.0),
            Scalar::Float(0.0),
        ]
    );
    // guard_value on floats compares bit patterns: -0.0 is not 0.0.
    let guard = "[f0]\nguard_value(f0, 0.0) [f0]\nfinish(f0)\n";
    assert!(matches!(
        run(guard, &[Scalar::Float(-0.0)]).unwrap(),
        Outcome::GuardFailed { .. }
    ));
    assert!(matches!(
        run(guard, &[Scalar::Float(0.0)]).unwrap(),
        Outcome::Finished(_)
    ));
}

#[test]
fn a_loop_walks_and_sums_a_linked_list() {
    let mut list = None;
    for value in 1..=1000 {
        list = Some(Gc::new(Link { value, next: list }).unwrap());
    }
    let text = "\
[p0, i1]
label(p0, i1)
i2 = getfield_gc_i(p0, descr=Link.value)
i3 = int_add(i1, i2)
p4 = getfield_gc_r(p0, descr=Link.next)
guard_nonnull(p4) [i3]
jump(p4, i3)
";
    match run(text, &[Scalar::Ref(list.map(Gc::erase)), Scalar::Int(0)]).unwrap() {
        Outcome::GuardFailed { values, .. } => assert_eq!(values.get(0), Scalar::Int(500_500)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_loop_that_allocates_keeps_its_objects_across_collections() {
    // Builds a 200,000-node list inside the trace: enough allocation to collect several
    // times while the only references are in the executor's registers.
    let text = "\
[i0, p1]
label(i0, p1)
p2 = new(descr=Link)
setfield_gc(p2, i0, descr=Link.value)
setfield_gc(p2, p1, descr=Link.next)
p3 = new_array(8, descr=Array<i64>)
i4 = int_sub(i0, 1)
i5 = int_ge(i4, 0)
guard_true(i5) [p2]
jump(i4, p2)
";
    let before = ferrite_gc::stats().collections;
    let outcome = run(text, &[Scalar::Int(199_999), Scalar::Ref(None)]).unwrap();
    let Outcome::GuardFailed { values, .. } = outcome else {
        panic!()
    };
    let head = RootVec::<Option<GcRef>>::new();
    let Scalar::Ref(list) = values.get(0) else {
        panic!()
    };
    head.push(list);
    drop(values);
    ferrite_gc::collect();
    assert!(ferrite_gc::stats().collections > before);
    let mut node = head.get(0).and_then(|r| r.downcast::<Link>());
    let mut expected = 0;
    while let Some(link) = node {
        assert_eq!(link.value(), expected);
        expected += 1;
        node = link.next();
    }
    assert_eq!(expected, 200_000);
}

#[test]
fn bad_runs_are_errors() {
    let deref = "[p0]\ni1 = getfield_gc_i(p0, descr=Link.value)\nfinish(i1)\n";
    assert_eq!(
        run(deref, &[Scalar::Ref(None)]).unwrap_err(),
        ExecError::NullDereference { op_index: 0 }
    );
    let array = Array::<i64>::new(2, 0).unwrap().erase();
    let bounds = "[p0]\ni1 = getarrayitem_gc_i(p0, 5, descr=Array<i64>)\nfinish(i1)\n";
    let error = run(bounds, &[Scalar::Ref(Some(array))]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "operation 0: index 5 out of bounds for length 2"
    );
    let wrong = "[p0]\ni1 = getfield_gc_i(p0, descr=Link.value)\nfinish(i1)\n";
    let error = run(wrong, &[Scalar::Ref(Some(array))]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "operation 0: expected a Link object, found a Array<i64>"
    );
    let forever = "[i0]\nlabel(i0)\njump(i0)\n";
    assert_eq!(
        execute_with_limit(forever, 1000),
        ExecError::StepLimit(1000)
    );
    assert!(matches!(
        run("[i0]\nfinish(i0)\n", &[Scalar::Float(1.0)]),
        Err(ExecError::BadInputs { .. })
    ));
    assert_eq!(
        run("[i0]\n", &[Scalar::Int(1)]).unwrap_err(),
        ExecError::Unterminated
    );
}

fn execute_with_limit(text: &str, limit: u64) -> ExecError {
    let arena = Bump::new();
    let trace = parse(&arena, text, &RefNamespace::new()).unwrap();
    execute(&trace, &[Scalar::Int(0)], limit).unwrap_err()
}

#[test]
fn calls_run_their_function_and_print_by_name() {
    ferrite_trace::calls::register(&HALVE);
    let text = "[f0]\nf1 = call_f(f0, descr=call:halve)\nfinish(f1)\n";
    let arena = bumpalo::Bump::new();
    let trace = parse(&arena, text, &RefNamespace::new()).unwrap();
    assert_eq!(trace.to_string(), text);
    let values = finished(execute(&trace, &[Scalar::Float(3.0)], 10).unwrap());
    assert_eq!(values, vec![Scalar::Float(1.5)]);
}
