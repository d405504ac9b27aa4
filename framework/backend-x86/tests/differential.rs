//! The backend against the reference executor: every trace must give the same exit (which
//! guard, or finish), the same values (floats bit for bit, references by identity) and the
//! same heap contents.
//!
//! Random traces: `FERRITE_RANDOM_TRACES` sets how many (default 2,000; the long mode in
//! docs/backend-x86.md runs 200,000), `FERRITE_RANDOM_SEED` the first seed. A failure
//! prints the seed and the trace.

use std::collections::HashMap;

use bumpalo::Bump;
use ferrite_backend_x86::{compile, CompiledTree};
use ferrite_gc::{gc_object, Array, Gc, GcType, Layout, Scalar};
use ferrite_trace::call_target;
use ferrite_trace::exec::{execute_tree, Tree};
use ferrite_trace::{
    execute, parse, parse_bridge, Descr, Effects, Opcode, Operand, Outcome, RefNamespace, Trace,
    Type, Values,
};

#[gc_object]
struct Holder {
    count: i64,
    small: i16,
    ratio: f64,
    next: Option<Gc<Holder>>,
}

fn int(value: Scalar) -> i64 {
    match value {
        Scalar::Int(v) => v,
        other => panic!("not an int: {other:?}"),
    }
}

fn holder(value: Scalar) -> Gc<Holder> {
    match value {
        Scalar::Ref(Some(object)) => object.downcast().expect("a Holder"),
        other => panic!("not a Holder: {other:?}"),
    }
}

const PURE: Effects = Effects::ELIDABLE;
const WRITES: Effects = Effects::WRITES;

call_target!(
    ADD_MUL,
    "add_mul",
    [Type::Int, Type::Int, Type::Int],
    Some(Type::Int),
    PURE,
    |a| {
        Ok(Some(Scalar::Int(
            int(a[0]).wrapping_add(int(a[1])).wrapping_mul(int(a[2])),
        )))
    }
);
call_target!(
    SCALE,
    "scale",
    [Type::Float, Type::Int],
    Some(Type::Float),
    PURE,
    |a| {
        let Scalar::Float(x) = a[0] else { panic!() };
        Ok(Some(Scalar::Float(x * int(a[1]) as f64)))
    }
);
// Allocates inside the call, so collections happen while compiled frames are on the stack.
call_target!(
    MAKE_HOLDER,
    "make_holder",
    [Type::Int],
    Some(Type::Ref),
    WRITES,
    |a| {
        std::hint::black_box(Array::<i64>::new(2048, 0).unwrap());
        let made = Gc::new(Holder {
            count: int(a[0]),
            small: 0,
            ratio: 0.5,
            next: None,
        })
        .unwrap();
        Ok(Some(Scalar::Ref(Some(made.erase()))))
    }
);
call_target!(
    HOLDER_COUNT,
    "holder_count",
    [Type::Ref],
    Some(Type::Int),
    PURE,
    |a| { Ok(Some(Scalar::Int(holder(a[0]).count()))) }
);
call_target!(
    SET_COUNT,
    "set_count",
    [Type::Ref, Type::Int],
    None,
    WRITES,
    |a| {
        holder(a[0]).set_count(int(a[1]));
        Ok(None)
    }
);
// Raises (a fresh holder carrying the argument) for multiples of 5; allocates either way.
call_target!(
    CHECKED_STEP,
    "checked_step",
    [Type::Int],
    Some(Type::Int),
    Effects::RAISES,
    |a| {
        let n = int(a[0]);
        if n % 5 == 0 {
            let error = Gc::new(Holder {
                count: n,
                small: 1,
                ratio: -1.0,
                next: None,
            })
            .unwrap();
            return Err(error.erase());
        }
        Ok(Some(Scalar::Int(n.wrapping_add(1))))
    }
);

fn register_types() {
    for target in [
        &ADD_MUL,
        &SCALE,
        &MAKE_HOLDER,
        &HOLDER_COUNT,
        &SET_COUNT,
        &CHECKED_STEP,
    ] {
        ferrite_trace::calls::register(target);
    }
    Holder::descriptor_id();
    Array::<i64>::descriptor_id();
    Array::<f64>::descriptor_id();
    Array::<u8>::descriptor_id();
}

/// Whether two runs' values agree: numbers bit for bit, references as object graphs. Each run
/// allocates its own objects, so references are matched by a one-to-one correspondence
/// between the runs' objects (same type, same contents), not by address.
fn same_values(a: &Values, b: &Values) -> bool {
    let mut matched = HashMap::new();
    a.len() == b.len() && (0..a.len()).all(|i| same_scalar(a.get(i), b.get(i), &mut matched))
}

fn same_scalar(a: Scalar, b: Scalar, matched: &mut HashMap<usize, usize>) -> bool {
    let mut work = vec![(a, b)];
    while let Some(pair) = work.pop() {
        match pair {
            (Scalar::Int(x), Scalar::Int(y)) if x == y => {}
            (Scalar::Float(x), Scalar::Float(y)) if x.to_bits() == y.to_bits() => {}
            (Scalar::Ref(None), Scalar::Ref(None)) => {}
            (Scalar::Ref(Some(x)), Scalar::Ref(Some(y))) => {
                match matched.get(&x.address()) {
                    Some(&seen) if seen == y.address() => continue,
                    Some(_) => return false,
                    None => {}
                }
                matched.insert(x.address(), y.address());
                let id = x.descriptor_id();
                if y.descriptor_id() != id {
                    return false;
                }
                match ferrite_gc::descriptor(id).map(|d| &d.layout) {
                    Some(Layout::Fixed { fields, .. }) => {
                        for field in 0..fields.len() {
                            work.push((
                                x.load_field(id, field).unwrap(),
                                y.load_field(id, field).unwrap(),
                            ));
                        }
                    }
                    _ => {
                        let length = x.array_length().unwrap();
                        if y.array_length().unwrap() != length {
                            return false;
                        }
                        for index in 0..length {
                            work.push((
                                x.load_element(index).unwrap(),
                                y.load_element(index).unwrap(),
                            ));
                        }
                    }
                }
            }
            _ => return false,
        }
    }
    true
}

fn same_outcome(a: &Outcome, b: &Outcome) -> bool {
    same_outcome_renumbered(a, b, Some)
}

/// Whether `b` leaves as `a` does, `a`'s guard numbers mapped by `guard` (for a trace the
/// optimizer rewrote).
fn same_outcome_renumbered(
    a: &Outcome,
    b: &Outcome,
    guard: impl Fn(usize) -> Option<usize>,
) -> bool {
    match (a, b) {
        (Outcome::Finished(x), Outcome::Finished(y)) => same_values(x, y),
        (
            Outcome::GuardFailed {
                trace: t,
                guard: g,
                values: x,
            },
            Outcome::GuardFailed {
                trace: u,
                guard: h,
                values: y,
            },
        ) => t == u && guard(*g) == Some(*h) && same_values(x, y),
        _ => false,
    }
}

/// Run on both; panic with the trace if they differ.
fn check(trace: &Trace, inputs: &[Scalar], context: &str) -> Outcome {
    let expected = execute(trace, inputs, 50_000_000)
        .unwrap_or_else(|e| panic!("{context}: executor failed: {e}\n{trace}"));
    let compiled = compile(trace).unwrap_or_else(|e| panic!("{context}: {e}\n{trace}"));
    // SAFETY: the reference executor just ran this trace on these inputs to an exit
    // without a heap error, and both are deterministic, so every heap access the machine
    // code makes is one the executor checked.
    let actual = unsafe { compiled.run(inputs) }
        .unwrap_or_else(|e| panic!("{context}: compiled code failed: {e}\n{trace}"));
    assert!(
        same_outcome(&expected, &actual),
        "{context}: executor gave {expected:?}, machine code gave {actual:?}\ninputs {inputs:?}\n{trace}"
    );
    check_optimized(trace, inputs, &expected, context);
    actual
}

/// The optimized trace, compiled, must leave the same way as the original: through the
/// same guard (renumbered) with the same values, or the same finish.
fn check_optimized(trace: &Trace, inputs: &[Scalar], expected: &Outcome, context: &str) {
    let optimized = ferrite_optimizer::optimize(trace, ferrite_optimizer::Passes::ALL)
        .unwrap_or_else(|e| panic!("{context}: the optimizer made an invalid trace: {e}\n{trace}"));
    let compiled =
        compile(&optimized.trace).unwrap_or_else(|e| panic!("{context}: {e}\n{}", optimized.trace));
    // SAFETY: the optimized trace does what the original does (which the executor checked
    // on these inputs), minus repeated checks and loads.
    let actual = unsafe { compiled.run(inputs) }
        .unwrap_or_else(|e| panic!("{context}: optimized code failed: {e}\n{}", optimized.trace));
    let same = same_outcome_renumbered(expected, &actual, |g| optimized.guards[g]);
    assert!(
        same,
        "{context}: original gave {expected:?}, optimized gave {actual:?}\ninputs {inputs:?}\n{trace}\noptimized:\n{}",
        optimized.trace
    );
}

fn check_text(text: &str, inputs: &[Scalar]) -> Outcome {
    register_types();
    let arena = Bump::new();
    let trace = parse(&arena, text, &RefNamespace::new()).unwrap();
    check(&trace, inputs, "hand-written trace")
}

#[test]
fn a_counting_loop() {
    let text = "\
[i0, i1]
label(i0, i1)
i2 = int_sub(i0, 1)
i3 = int_add(i1, i0)
i4 = int_gt(i2, 0)
guard_true(i4) [i2, i3]
jump(i2, i3)
";
    let outcome = check_text(text, &[Scalar::Int(100_000), Scalar::Int(0)]);
    let Outcome::GuardFailed { values, .. } = outcome else {
        panic!()
    };
    assert_eq!(values.get(1), Scalar::Int(5_000_050_000));
}

#[test]
fn loop_carried_values_that_swap() {
    // The jump permutes the label's values: the parallel move must break the cycle.
    let text = "\
[i0, i1, i2, f3, f4]
label(i0, i1, i2, f3, f4)
i5 = int_sub(i0, 1)
i6 = int_gt(i5, 0)
guard_true(i6) [i5, i1, i2, f3, f4]
jump(i5, i2, i1, f4, f3)
";
    for count in [1, 2, 3, 10] {
        check_text(
            text,
            &[
                Scalar::Int(count),
                Scalar::Int(7),
                Scalar::Int(-9),
                Scalar::Float(1.5),
                Scalar::Float(-0.0),
            ],
        );
    }
}

#[test]
fn floats_and_casts() {
    let text = "\
[f0, f1, i2]
f3 = float_truediv(f0, f1)
f4 = float_neg(f3)
f5 = float_abs(f4)
i6 = float_lt(f0, f1)
i7 = float_le(f0, f1)
i8 = float_eq(f0, f1)
i9 = float_ne(f0, f1)
i10 = float_gt(f0, f1)
i11 = float_ge(f0, f1)
i12 = cast_float_to_int(f3)
f13 = cast_int_to_float(i2)
finish(f3, f4, f5, i6, i7, i8, i9, i10, i11, i12, f13)
";
    let specials = [
        0.0,
        -0.0,
        1.5,
        -2.75,
        1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    for &a in &specials {
        for &b in &specials {
            check_text(text, &[Scalar::Float(a), Scalar::Float(b), Scalar::Int(-7)]);
        }
    }
}

#[test]
fn heap_fields_arrays_and_allocation() {
    let text = "\
[i0]
label(i0)
p1 = new(descr=Holder)
setfield_gc(p1, i0, descr=Holder.count)
setfield_gc(p1, 70000, descr=Holder.small)
setfield_gc(p1, 0.25, descr=Holder.ratio)
i2 = getfield_gc_i(p1, descr=Holder.small)
f3 = getfield_gc_f(p1, descr=Holder.ratio)
p4 = new_array(4000, descr=Array<u8>)
setarrayitem_gc(p4, 3, 300, descr=Array<u8>)
i5 = getarrayitem_gc_i(p4, 3, descr=Array<u8>)
i6 = arraylen_gc(p4, descr=Array<u8>)
p7 = new(descr=Holder)
setfield_gc(p7, p1, descr=Holder.next)
p8 = getfield_gc_r(p7, descr=Holder.next)
i9 = ptr_eq(p8, p1)
guard_true(i9) [p8]
i10 = int_sub(i0, 1)
i11 = int_gt(i10, 0)
guard_true(i11) [p7, i2, f3, i5, i6]
jump(i10)
";
    // 100,000 iterations allocate enough to collect while compiled frames hold references.
    let before = ferrite_gc::stats().collections;
    let outcome = check_text(text, &[Scalar::Int(100_000)]);
    assert!(ferrite_gc::stats().collections > before);
    let Outcome::GuardFailed { values, .. } = outcome else {
        panic!()
    };
    let Scalar::Ref(Some(holder)) = values.get(0) else {
        panic!()
    };
    let holder = holder.downcast::<Holder>().unwrap();
    assert_eq!(holder.next().unwrap().count(), 1);
    assert_eq!(values.get(1), Scalar::Int(4464));
    assert_eq!(values.get(3), Scalar::Int(44));
}

#[test]
fn overflow_and_type_guards() {
    let text = "\
[i0, i1, p2]
guard_gc_type(p2, TYPE) [i0]
i3 = int_mul_ovf(i0, i1)
guard_no_overflow() [i0, i1]
i4 = int_add_ovf(i3, 1)
guard_overflow() [i4]
finish(i4)
";
    register_types();
    let text = text.replace("TYPE", &Holder::descriptor_id().as_u32().to_string());
    let holder = Gc::new(Holder {
        count: 0,
        small: 0,
        ratio: 0.0,
        next: None,
    })
    .unwrap()
    .erase();
    let array = Array::<i64>::new(1, 0).unwrap().erase();
    for (a, b, object) in [
        (3, 4, holder),
        (i64::MAX, 2, holder),
        (i64::MAX, 1, holder),
        (1, 1, array),
    ] {
        check_text(
            &text,
            &[Scalar::Int(a), Scalar::Int(b), Scalar::Ref(Some(object))],
        );
    }
}

#[test]
fn residual_calls_with_collections_inside() {
    let text = "\
[i0, i1, f2]
label(i0, i1, f2)
i3 = call_i(i0, i1, 3, descr=call:add_mul)
f4 = call_f(f2, i0, descr=call:scale)
p5 = call_r(i3, descr=call:make_holder)
call_n(p5, i0, descr=call:set_count)
i6 = call_i(p5, descr=call:holder_count)
i7 = int_sub(i0, 1)
i8 = int_gt(i7, 0)
guard_true(i8) [i7, i6, f4, p5]
jump(i7, i6, f4)
";
    // The calls allocate about 50 MiB per run, from inside compiled code.
    let outcome = check_text(
        text,
        &[Scalar::Int(3_000), Scalar::Int(1), Scalar::Float(1.5)],
    );
    let Outcome::GuardFailed { values, .. } = outcome else {
        panic!()
    };
    assert_eq!(values.get(1), Scalar::Int(1));
    assert_eq!(holder(values.get(3)).count(), 1);
}

// ---------------------------------------------------------------------------------------
// Random traces (the generator is in `differential/random.rs`).

#[path = "differential/random.rs"]
mod random;
use random::*;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_traces_agree_with_the_reference_executor() {
    register_types();
    let count = env_number("FERRITE_RANDOM_TRACES", 2_000);
    let first_seed = env_number("FERRITE_RANDOM_SEED", 1);
    let mut raised = 0;
    for seed in first_seed..first_seed + count {
        let arena = Bump::new();
        let (trace, inputs) = random_trace(&arena, seed);
        let outcome = check(
            &trace,
            &inputs,
            &format!("seed {seed} (FERRITE_RANDOM_SEED={seed} FERRITE_RANDOM_TRACES=1)"),
        );
        if let Outcome::GuardFailed { guard, .. } = outcome {
            raised += (trace.ops()[guard].opcode == Opcode::GuardNoException) as u64;
        }
    }
    eprintln!("{raised} of {count} random traces left through an exception guard");
    // The generator's raising calls must really raise sometimes.
    if count >= 1_000 {
        assert!(raised >= count / 50, "only {raised} of {count} raised");
    }
}

// ---------------------------------------------------------------------------------------
// Bridges.

/// Run a tree on both sides; `bridges` are (parent trace, guard op, bridge trace).
fn check_tree(
    root: &Trace,
    bridges: &[(usize, usize, &Trace)],
    inputs: &[Scalar],
    context: &str,
) -> Outcome {
    let mut tree = Tree::new(root);
    let mut compiled = CompiledTree::new(root).unwrap_or_else(|e| panic!("{context}: {e}\n{root}"));
    for &(parent, guard, bridge) in bridges {
        let a = tree.attach(parent, guard, bridge);
        let b = compiled
            .attach(parent, guard, bridge)
            .unwrap_or_else(|e| panic!("{context}: {e}\n{bridge}"));
        assert_eq!(a, b);
    }
    let expected = execute_tree(&tree, inputs, 50_000_000)
        .unwrap_or_else(|e| panic!("{context}: executor failed: {e}\n{root}"));
    // SAFETY: as in `check`: the executor ran the same tree on the same inputs first.
    let actual = unsafe { compiled.run(inputs) }
        .unwrap_or_else(|e| panic!("{context}: compiled code failed: {e}\n{root}"));
    assert!(
        same_outcome(&expected, &actual),
        "{context}: executor gave {expected:?}, machine code gave {actual:?}\ninputs {inputs:?}\nroot:\n{root}\nbridges:\n{}",
        bridges.iter().map(|(p, g, b)| format!("on trace {p} guard {g}:\n{b}")).collect::<Vec<_>>().join("\n")
    );
    actual
}

#[test]
fn a_hot_guard_gets_a_bridge_that_jumps_back() {
    register_types();
    // The loop takes the even path; odd counters fail the guard into the bridge, which
    // does the odd step and jumps back to the loop.
    let root_text = "\
[i0, i1, f2]
label(i0, i1, f2)
i3 = int_and(i0, 1)
guard_false(i3) [i0, i1, f2]
i4 = int_add(i1, 2)
f5 = float_add(f2, 0.5)
i6 = int_sub(i0, 1)
i7 = int_gt(i6, 0)
guard_true(i7) [i6, i4, f5]
jump(i6, i4, f5)
";
    let bridge_text = "\
[i0, i1, f2]
i3 = int_mul(i1, 3)
f4 = float_mul(f2, 2.0)
i5 = int_sub(i0, 1)
i6 = int_gt(i5, 0)
guard_true(i6) [i5, i3, f4]
jump(i5, i3, f4)
";
    let arena = Bump::new();
    let root = parse(&arena, root_text, &RefNamespace::new()).unwrap();
    let label_types = [Type::Int, Type::Int, Type::Float];
    let bridge = parse_bridge(&arena, bridge_text, &RefNamespace::new(), &label_types).unwrap();
    for count in [1, 2, 7, 100] {
        let inputs = [Scalar::Int(count), Scalar::Int(1), Scalar::Float(1.0)];
        let outcome = check_tree(&root, &[(0, 2, &bridge)], &inputs, "bridge");
        // The loop's exit or the bridge's: either way a guard of the tree, not trace 0's
        // odd-guard (that one now has a bridge).
        let Outcome::GuardFailed { trace, guard, .. } = outcome else {
            panic!()
        };
        assert!(
            (trace, guard) == (0, 6) || (trace, guard) == (1, 4),
            "{trace} {guard}"
        );
    }
}

/// A random bridge taking `inputs` and jumping back to a loop of `label_types` (or
/// finishing). From a `guard_no_exception`, the last input is the exception (a holder).
fn random_bridge<'a>(
    arena: &'a Bump,
    seed: u64,
    inputs: &[Type],
    label_types: &[Type],
    takes_exception: bool,
) -> Trace<'a> {
    let mut trace = Trace::new_bridge(arena, inputs, label_types);
    let operands: Vec<Operand> = (0..inputs.len()).map(|i| trace.input(i)).collect();
    let counter = operands[0];
    let mut generator = Generator {
        rng: Rng(seed),
        trace: &mut trace,
        ints: operands[1..]
            .iter()
            .zip(&inputs[1..])
            .filter(|(_, t)| **t == Type::Int)
            .map(|(o, _)| *o)
            .collect(),
        floats: operands
            .iter()
            .zip(inputs)
            .filter(|(_, t)| **t == Type::Float)
            .map(|(o, _)| *o)
            .collect(),
        holders: if takes_exception {
            vec![operands[operands.len() - 1]]
        } else {
            Vec::new()
        },
        arrays: Vec::new(),
        counter: Some(counter),
    };
    for _ in 0..generator.rng.below(20) {
        generator.operation();
    }
    if generator.rng.chance(85) {
        // Back to the loop, counting down, through an exit guard of its own (bridges are
        // never attached to exit guards, so the tree always ends).
        let next = generator
            .push(Opcode::IntSub, &[counter, Operand::Int(1)], None)
            .unwrap();
        let more = generator
            .push(Opcode::IntGt, &[next, Operand::Int(0)], None)
            .unwrap();
        generator.counter = Some(next);
        generator.push(Opcode::GuardTrue, &[more], None);
        let mut args = vec![next];
        for ty in &label_types[1..] {
            let value = if *ty == Type::Int {
                generator.int_operand()
            } else {
                generator.float_operand()
            };
            args.push(value);
        }
        generator.push(Opcode::Jump, &args, None);
    } else {
        let result = generator.int_operand();
        generator.push(Opcode::Finish, &[result], None);
    }
    trace
}

#[test]
fn random_trees_agree_with_the_reference_executor() {
    register_types();
    let count = env_number("FERRITE_RANDOM_TREES", 300);
    let first_seed = env_number("FERRITE_RANDOM_SEED", 1);
    let mut left_through_a_bridge = 0;
    for seed in first_seed..first_seed + count {
        let arena = Bump::new();
        let (root, inputs) = random_loop(&arena, seed);
        let label_types = root.input_types().to_vec();
        // Up to three bridges, each on a random guard of the root or of an earlier bridge.
        let mut rng = Rng(seed ^ 0x5eed);
        let mut bridges: Vec<(usize, usize, &Trace)> = Vec::new();
        let mut traces: Vec<&Trace> = vec![&root];
        let mut taken = std::collections::HashSet::new();
        for b in 0..rng.below(4) {
            let parent = rng.below(traces.len());
            let ops = traces[parent].ops();
            // The guard just before a `jump` is the loop's exit test: not a bridge site.
            let exit_guard =
                (ops.last().map(|op| op.opcode) == Some(Opcode::Jump)).then(|| ops.len() - 2);
            let guards: Vec<usize> = ops
                .iter()
                .enumerate()
                .filter(|(i, op)| {
                    op.opcode.is_guard() && !taken.contains(&(parent, *i)) && Some(*i) != exit_guard
                })
                .map(|(i, _)| i)
                .collect();
            if guards.is_empty() {
                continue;
            }
            let guard = guards[rng.below(guards.len())];
            let input_types = traces[parent].exit_types(guard);
            let takes_exception = traces[parent].ops()[guard].opcode == Opcode::GuardNoException;
            let bridge = arena.alloc(random_bridge(
                &arena,
                seed * 7 + b as u64,
                &input_types,
                &label_types,
                takes_exception,
            ));
            taken.insert((parent, guard));
            bridges.push((parent, guard, bridge));
            traces.push(bridge);
        }
        let outcome = check_tree(
            &root,
            &bridges,
            &inputs,
            &format!("tree seed {seed} (FERRITE_RANDOM_SEED={seed} FERRITE_RANDOM_TREES=1)"),
        );
        if matches!(outcome, Outcome::GuardFailed { trace, .. } if trace > 0) {
            left_through_a_bridge += 1;
        }
    }
    eprintln!("{left_through_a_bridge} of {count} random trees left through a bridge");
    // The trees must really run their bridges, not only the root.
    if count >= 100 {
        assert!(
            left_through_a_bridge >= count / 20,
            "only {left_through_a_bridge} of {count} runs left through a bridge"
        );
    }
}

/// A loop calling `checked_step`, which raises on some iteration; its exception guard is
/// operation 2, its exit guard operation 5.
const RAISING_LOOP: &str = "
[i0, i1]
label(i0, i1)
i2 = call_i(i1, descr=call:checked_step)
guard_no_exception() [i0, i1]
i3 = int_sub(i0, 1)
i4 = int_gt(i3, 0)
guard_true(i4) [i3, i2]
jump(i3, i2)
";

/// A loop whose residual call raises on some iteration: the `guard_no_exception` exit
/// carries the exception (after the fail arguments) in both executors, and a raising call
/// leaves no pending exception behind for the next run.
#[test]
fn a_raising_call_leaves_through_its_exception_guard() {
    register_types();
    let arena = Bump::new();
    let trace = parse(&arena, RAISING_LOOP, &RefNamespace::new()).unwrap();
    // From 1 the steps are 1, 2, 3, 4, then 5 raises (on the fifth iteration).
    let outcome = check(&trace, &[Scalar::Int(100), Scalar::Int(1)], "raising");
    let Outcome::GuardFailed { guard, values, .. } = outcome else {
        panic!("expected a guard failure")
    };
    assert_eq!(guard, 2, "the exception guard");
    assert_eq!(values.len(), 3);
    assert_eq!(values.get(0), Scalar::Int(96));
    assert_eq!(values.get(1), Scalar::Int(5));
    assert_eq!(holder(values.get(2)).count(), 5);
    // Fewer iterations than it takes to raise: the loop's own exit.
    let outcome = check(&trace, &[Scalar::Int(3), Scalar::Int(1)], "not raising");
    assert!(matches!(outcome, Outcome::GuardFailed { guard: 5, .. }));
    assert!(ferrite_trace::calls::take_pending_exception().is_none());
}

/// A bridge on a `guard_no_exception` takes the exception as its last input: here it
/// handles the raise by adding the exception's count to the step and going round again,
/// so the loop runs to its own exit in both executors.
#[test]
fn a_bridge_on_an_exception_guard_handles_the_raise() {
    register_types();
    let bridge_text = "
[i0, i1, p2]
i3 = getfield_gc_i(p2, descr=Holder.count)
i4 = int_add(i3, 1)
i5 = int_sub(i0, 1)
jump(i5, i4)
";
    let arena = Bump::new();
    let trace = parse(&arena, RAISING_LOOP, &RefNamespace::new()).unwrap();
    let bridge = parse_bridge(
        &arena,
        bridge_text,
        &RefNamespace::new(),
        &[Type::Int, Type::Int],
    )
    .unwrap();
    assert_eq!(bridge.input_types(), trace.exit_types(2));
    let mut tree = ferrite_trace::exec::Tree::new(&trace);
    tree.attach(0, 2, &bridge);
    let inputs = [Scalar::Int(20), Scalar::Int(1)];
    let expected = ferrite_trace::exec::execute_tree(&tree, &inputs, 10_000).unwrap();
    let mut compiled = CompiledTree::new(&trace).unwrap();
    compiled.attach(0, 2, &bridge).unwrap();
    // SAFETY: the executor ran the same tree on the same inputs without a heap error.
    let actual = unsafe { compiled.run(&inputs) }.unwrap();
    assert_eq!(format!("{expected:?}"), format!("{actual:?}"));
    // Steps 1..4, a raise at 5 (the bridge makes it 6), 6..9, a raise at 10, ...: twenty
    // iterations, the last one through the bridge, then the loop's own exit.
    let Outcome::GuardFailed { guard, values, .. } = actual else {
        panic!("expected the loop's exit")
    };
    assert_eq!(guard, 5);
    assert_eq!(values.get(0), Scalar::Int(-1));
    assert_eq!(values.get(1), Scalar::Int(22));
    assert!(ferrite_trace::calls::take_pending_exception().is_none());
}
