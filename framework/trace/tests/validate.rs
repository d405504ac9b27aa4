//! A trace is checked as it is built: every rule of the operation table is enforced.

use bumpalo::Bump;
use ferrite_gc::Scalar;
use ferrite_gc::{gc_object, Bytes, Gc, GcType};
use ferrite_trace::{call_target, parse, Effects, RefNamespace, Type};

call_target!(
    TWICE,
    "twice",
    [Type::Int],
    Some(Type::Int),
    Effects::READS,
    |a| {
        let Scalar::Int(v) = a[0] else { unreachable!() };
        Ok(Some(Scalar::Int(v * 2)))
    }
);

call_target!(
    PARSE_DIGIT,
    "parse_digit",
    [Type::Int],
    Some(Type::Int),
    Effects::RAISES,
    |a| {
        let Scalar::Int(v) = a[0] else { unreachable!() };
        Ok(Some(Scalar::Int(v - 48)))
    }
);

#[gc_object]
struct Cell2 {
    count: i64,
    ratio: f64,
    link: Option<Gc<Cell2>>,
}

fn error_of(text: &str) -> String {
    ferrite_trace::calls::register(&TWICE);
    ferrite_trace::calls::register(&PARSE_DIGIT);
    Cell2::descriptor_id();
    Bytes::descriptor_id();
    ferrite_gc::Array::<f64>::descriptor_id();
    let arena = Bump::new();
    match parse(&arena, text, &RefNamespace::new()) {
        Ok(trace) => panic!("accepted:\n{trace}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn ill_formed_traces_are_rejected() {
    let cases = [
        (
            "[i0, f1]\ni2 = int_add(i0, f1)",
            "argument 1 must be Int, is Float",
        ),
        ("[i0]\ni1 = int_neg(i0, i0)", "takes 1 arguments, given 2"),
        (
            "[p0]\nf1 = getfield_gc_f(p0, descr=Cell2.count)",
            "loads a Int slot as Float",
        ),
        ("[p0]\ni1 = getfield_gc_i(p0)", "needs a Field descriptor"),
        (
            "[p0]\ni1 = getfield_gc_i(p0, descr=Array<f64>)",
            "needs a Field descriptor",
        ),
        (
            "[p0, i1]\nsetfield_gc(p0, i1, descr=Cell2.ratio)",
            "argument 1 must be Float, is Int",
        ),
        (
            "[p0, i1]\nsetarrayitem_gc(p0, i1, 1.5, descr=Bytes)",
            "argument 2 must be Int",
        ),
        (
            "[p0, i1]\nsetarrayitem_gc(p0, i1, 7, descr=Bytes)",
            "byte strings are immutable",
        ),
        (
            "[i0]\ni1 = int_add_ovf(i0, 1)\ni2 = int_add(i1, 1)",
            "must be followed by guard_no_overflow",
        ),
        (
            "[i0]\nguard_no_overflow() []",
            "must directly follow an overflow operation",
        ),
        (
            "[i0]\ni1 = call_i(i0, descr=call:parse_digit)\nfinish(i1)",
            "must be followed by guard_no_exception",
        ),
        (
            "[i0]\ni1 = call_i(i0, descr=call:twice)\nguard_no_exception() [i0]",
            "must directly follow a call that can raise",
        ),
        ("[i0]\nfinish(i0)\ni1 = int_add(i0, 1)", "already ended"),
        ("[i0]\njump(i0)", "jump without a label"),
        (
            "[i0, f1]\nlabel(i0, f1)\njump(f1, i0)",
            "jump passes [Float, Int] to a label of [Int, Float]",
        ),
        (
            "[i0]\ni1 = int_add(i0, 1) [i0]",
            "only guards have fail arguments",
        ),
        (
            "[i0]\ni1 = guard_value(i0, 1.5) []",
            "argument 1 must be Int, is Float",
        ),
        (
            "[i0]\np1 = new(descr=Array<f64>)",
            "names no such type or field",
        ),
    ];
    for (text, expected) in cases {
        let message = error_of(text);
        assert!(
            message.contains(expected),
            "for {text:?}:\n  got {message}\n  want {expected}"
        );
    }
}
