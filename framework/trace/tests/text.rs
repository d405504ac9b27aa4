//! The text form: traces parse, print back identically, and bad text gets a positioned error.

use bumpalo::Bump;
use ferrite_gc::{gc_object, Bytes, Gc, GcType, RootVec};
use ferrite_trace::{parse, Opcode, Operand, RefNamespace, Type};

#[gc_object]
struct Node {
    value: i64,
    weight: f64,
    next: Option<Gc<Node>>,
}

fn register_types() {
    Node::descriptor_id();
    Bytes::descriptor_id();
    ferrite_gc::Array::<i64>::descriptor_id();
}

const LOOP: &str = "\
[i0, p1, f2]
label(i0, p1, f2)
i3 = int_add(i0, 1)
i4 = int_lt(i3, 100)
guard_true(i4) [i3, p1, f2]
p5 = getfield_gc_r(p1, descr=Node.next)
guard_nonnull(p5) [i3, p1]
f6 = getfield_gc_f(p5, descr=Node.weight)
f7 = float_add(f2, f6)
i8 = int_add_ovf(i3, -9223372036854775808)
guard_no_overflow() []
setfield_gc(p1, i8, descr=Node.value)
p9 = new(descr=Node)
p10 = new_array(i3, descr=Array<i64>)
setarrayitem_gc(p10, 0, i3, descr=Array<i64>)
i11 = arraylen_gc(p10, descr=Array<i64>)
guard_value(f7, -0.0) [f7]
guard_value(p9, null) []
f12 = float_mul(f7, 1e300)
f13 = float_sub(f12, inf)
f14 = float_add(f13, NaN)
jump(i3, p5, f14)
";

#[test]
fn traces_round_trip_through_text() {
    register_types();
    let arena = Bump::new();
    let trace = parse(&arena, LOOP, &RefNamespace::new()).unwrap();
    assert_eq!(trace.to_string(), LOOP);
    assert_eq!(trace.input_types(), &[Type::Int, Type::Ref, Type::Float]);
    assert_eq!(trace.ops().len(), 21);
    assert_eq!(trace.ops()[15].opcode, Opcode::GuardValue);
    assert!(trace.is_closed());
}

#[test]
fn reference_constants_are_named_and_rooted() {
    register_types();
    let object = Gc::new(Node {
        value: 7,
        weight: 0.5,
        next: None,
    })
    .unwrap()
    .erase();
    let mut namespace = RefNamespace::new();
    namespace.insert("node".to_string(), object);
    let text =
        "[p0]\ni1 = ptr_eq(p0, ConstPtr(node))\ni2 = ptr_eq(p0, ConstPtr(node))\nfinish(i1, i2)\n";
    let arena = Bump::new();
    let trace = parse(&arena, text, &namespace).unwrap();
    // One object, one constant slot, printed under its index.
    assert_eq!(trace.ref_constant_count(), 1);
    assert_eq!(trace.ops()[0].args[1], Operand::Ref(0));
    assert!(trace.to_string().contains("ptr_eq(p0, ConstPtr(c0))"));
    ferrite_gc::collect();
    let keep = RootVec::new();
    keep.push(trace.ref_constant(0));
    assert_eq!(keep.get(0).downcast::<Node>().unwrap().value(), 7);
}

fn error_of(text: &str) -> String {
    register_types();
    let arena = Bump::new();
    match parse(&arena, text, &RefNamespace::new()) {
        Ok(trace) => panic!("parsed:\n{trace}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn bad_text_gets_positioned_errors() {
    let cases = [
        ("", "line 1, column 1: empty trace"),
        ("i0, i1", "line 1, column 1: expected the input list"),
        ("[i0, x1]", "line 1, column 6: `x1` is not a value name"),
        (
            "[i0]\ni1 = int_addd(i0, 1)",
            "line 2, column 6: unknown operation `int_addd`",
        ),
        (
            "[i0]\ni1 = int_add(i0, i9)",
            "line 2, column 18: `i9` is not a defined value",
        ),
        (
            "[i0]\np1 = int_add(i0, 1)",
            "line 2, column 1: `p1` names a Int result",
        ),
        (
            "[i0]\nguard_true(i0)",
            "line 2, column 1: a guard needs its fail arguments",
        ),
        (
            "[i0]\nint_add(i0, 1)",
            "has a result: write `name = int_add(...)`",
        ),
        ("[i0, i0]", "line 1, column 6: `i0` is defined twice"),
        (
            "[p0]\ni1 = getfield_gc_i(p0, descr=Node.nope)",
            "`Node` has no field `nope`",
        ),
        (
            "[p0]\ni1 = getfield_gc_i(p0, descr=Nope.value)",
            "no GC type named `Nope`",
        ),
        (
            "[p0]\ni1 = ptr_eq(p0, ConstPtr(ghost))",
            "no object named `ghost`",
        ),
        ("[i0]\ni1 = int_add(i0, 1", "unclosed `(`"),
    ];
    for (text, expected) in cases {
        let message = error_of(text);
        assert!(
            message.contains(expected),
            "for {text:?}:\n  got {message}\n  want {expected}"
        );
    }
}
