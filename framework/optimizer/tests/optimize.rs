//! Trace in, trace out: each pass on the patterns it exists for, and the cases where it
//! must hold back (aliasing stores, calls that write, labels).

use bumpalo::Bump;
use ferrite_gc::{gc_object, Array, Gc, GcType};
use ferrite_optimizer::{optimize, Passes};
use ferrite_trace::{parse, parse_bridge, RefNamespace, Type};

#[gc_object]
struct Cell {
    value: i64,
    next: Option<Gc<Cell>>,
}

fn register_types() {
    Cell::descriptor_id();
    Array::<u8>::descriptor_id();
    Array::<i64>::descriptor_id();
}

/// Optimize `input` with `passes` and compare with `expected` (both in the text form; lines
/// are trimmed).
fn check_with(passes: Passes, input: &str, expected: &str) {
    register_types();
    let arena = Bump::new();
    let trace = parse(&arena, input, &RefNamespace::new()).expect("input parses");
    let optimized = optimize(&trace, passes).expect("optimized trace is valid");
    let trimmed = |text: &str| -> String {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        trimmed(&optimized.trace.to_string()),
        trimmed(expected),
        "\noptimized:\n{}",
        optimized.trace
    );
}

fn check(input: &str, expected: &str) {
    check_with(Passes::ALL, input, expected);
}

#[test]
fn a_brainfuck_step_loses_its_repeated_length_reads_guards_and_loads() {
    // What the tracer records for `+>+` on a growable tape: each access re-reads the length
    // and re-checks the bounds, and the second `+` reloads the cell the first stored.
    check(
        "
        [i0, p1]
        label(i0, p1)
        i2 = arraylen_gc(p1, descr=Array<u8>)
        i3 = uint_lt(i0, i2)
        guard_true(i3) [i0, p1]
        i4 = arraylen_gc(p1, descr=Array<u8>)
        i5 = uint_lt(i0, i4)
        guard_true(i5) [i0, p1]
        i6 = getarrayitem_gc_i(p1, i0, descr=Array<u8>)
        i7 = int_add(i6, 1)
        i8 = int_and(i7, 255)
        setarrayitem_gc(p1, i0, i8, descr=Array<u8>)
        i9 = arraylen_gc(p1, descr=Array<u8>)
        i10 = uint_lt(i0, i9)
        guard_true(i10) [i0, p1]
        i11 = getarrayitem_gc_i(p1, i0, descr=Array<u8>)
        i12 = int_ne(i11, 0)
        guard_true(i12) [i0, p1]
        jump(i0, p1)
        ",
        "
        [i0, p1]
        label(i0, p1)
        i2 = arraylen_gc(p1, descr=Array<u8>)
        i3 = uint_lt(i0, i2)
        guard_true(i3) [i0, p1]
        i4 = getarrayitem_gc_i(p1, i0, descr=Array<u8>)
        i5 = int_add(i4, 1)
        i6 = int_and(i5, 255)
        setarrayitem_gc(p1, i0, i6, descr=Array<u8>)
        i7 = int_ne(i6, 0)
        guard_true(i7) [i0, p1]
        jump(i0, p1)
        ",
    );
}

#[test]
fn constants_fold_identities_simplify_and_dead_results_go() {
    check(
        "
        [i0]
        i1 = int_add(3, 4)
        i2 = int_mul(i0, i1)
        i3 = int_add(i2, 0)
        i4 = int_sub(i3, i3)
        i5 = int_and(i0, -1)
        i6 = int_xor(i5, 12)
        i7 = int_lt(i4, 1)
        guard_true(i7) [i3]
        finish(i3, i4)
        ",
        "
        [i0]
        i1 = int_mul(i0, 7)
        finish(i1, 0)
        ",
    );
}

#[test]
fn common_subexpressions_merge_commuted_arguments_too() {
    check(
        "
        [i0, i1]
        i2 = int_add(i0, i1)
        i3 = int_add(i1, i0)
        i4 = int_sub(i0, i1)
        i5 = int_sub(i1, i0)
        finish(i2, i3, i4, i5)
        ",
        "
        [i0, i1]
        i2 = int_add(i0, i1)
        i3 = int_sub(i0, i1)
        i4 = int_sub(i1, i0)
        finish(i2, i2, i3, i4)
        ",
    );
}

#[test]
fn what_a_guard_establishes_holds_after_it() {
    check(
        "
        [i0, p1, i2]
        guard_value(i0, 5) [i0]
        i3 = int_add(i0, 1)
        guard_nonnull(p1) [i0]
        guard_nonnull(p1) [i0]
        i4 = int_lt(i2, 10)
        guard_true(i4) [i2]
        i5 = int_lt(i2, 10)
        guard_true(i5) [i2]
        guard_true(i2) [i2]
        guard_true(i2) [i2]
        guard_false(i3) [i2]
        finish(i3, i4)
        ",
        "
        [i0, p1, i2]
        guard_value(i0, 5) [i0]
        guard_nonnull(p1) [5]
        i3 = int_lt(i2, 10)
        guard_true(i3) [i2]
        guard_true(i2) [i2]
        guard_false(6) [i2]
        finish(6, 1)
        ",
    );
}

#[test]
fn stores_forget_what_they_may_overwrite() {
    // p0 and p1 may be one array: the store to p1[4] forgets p0[i2] (i2 may be 4) but not
    // p0[3] (distinct constant indices are distinct elements, whichever the arrays).
    check(
        "
        [p0, p1, i2]
        i3 = getarrayitem_gc_i(p0, i2, descr=Array<i64>)
        i4 = getarrayitem_gc_i(p0, 3, descr=Array<i64>)
        i5 = getarrayitem_gc_i(p1, 4, descr=Array<i64>)
        setarrayitem_gc(p1, 4, 7, descr=Array<i64>)
        i6 = getarrayitem_gc_i(p0, i2, descr=Array<i64>)
        i7 = getarrayitem_gc_i(p0, 3, descr=Array<i64>)
        i8 = getarrayitem_gc_i(p1, 4, descr=Array<i64>)
        finish(i3, i4, i5, i6, i7, i8)
        ",
        "
        [p0, p1, i2]
        i3 = getarrayitem_gc_i(p0, i2, descr=Array<i64>)
        i4 = getarrayitem_gc_i(p0, 3, descr=Array<i64>)
        i5 = getarrayitem_gc_i(p1, 4, descr=Array<i64>)
        setarrayitem_gc(p1, 4, 7, descr=Array<i64>)
        i6 = getarrayitem_gc_i(p0, i2, descr=Array<i64>)
        finish(i3, i4, i5, i6, i4, 7)
        ",
    );
}

#[test]
fn fields_are_cached_until_an_aliasing_store_and_same_value_stores_vanish() {
    check(
        "
        [p0, p1]
        i2 = getfield_gc_i(p0, descr=Cell.value)
        setfield_gc(p0, i2, descr=Cell.value)
        p3 = getfield_gc_r(p0, descr=Cell.next)
        setfield_gc(p1, 9, descr=Cell.value)
        i4 = getfield_gc_i(p0, descr=Cell.value)
        p5 = getfield_gc_r(p0, descr=Cell.next)
        finish(i2, p3, i4, p5)
        ",
        "
        [p0, p1]
        i2 = getfield_gc_i(p0, descr=Cell.value)
        p3 = getfield_gc_r(p0, descr=Cell.next)
        setfield_gc(p1, 9, descr=Cell.value)
        i4 = getfield_gc_i(p0, descr=Cell.value)
        finish(i2, p3, i4, p3)
        ",
    );
}

#[test]
fn a_new_array_knows_its_length() {
    check(
        "
        [i0]
        p1 = new_array(i0, descr=Array<i64>)
        i2 = arraylen_gc(p1, descr=Array<i64>)
        guard_nonnull(p1) [i2]
        finish(p1, i2)
        ",
        "
        [i0]
        p1 = new_array(i0, descr=Array<i64>)
        finish(p1, i0)
        ",
    );
}

#[test]
fn a_label_starts_afresh() {
    check(
        "
        [i0, p1]
        i2 = arraylen_gc(p1, descr=Array<u8>)
        label(i0, p1)
        i3 = arraylen_gc(p1, descr=Array<u8>)
        i4 = uint_lt(i0, i3)
        guard_true(i4) [i0]
        i5 = int_add(i0, 1)
        jump(i5, p1)
        ",
        "
        [i0, p1]
        label(i0, p1)
        i2 = arraylen_gc(p1, descr=Array<u8>)
        i3 = uint_lt(i0, i2)
        guard_true(i3) [i0]
        i4 = int_add(i0, 1)
        jump(i4, p1)
        ",
    );
}

#[test]
fn overflow_checks_stay_with_their_guards() {
    check(
        "
        [i0]
        i1 = int_add_ovf(i0, 1)
        guard_no_overflow() [i0]
        i2 = int_add_ovf(i0, 1)
        guard_no_overflow() [i0]
        finish(i1, i2)
        ",
        "
        [i0]
        i1 = int_add_ovf(i0, 1)
        guard_no_overflow() [i0]
        i2 = int_add_ovf(i0, 1)
        guard_no_overflow() [i0]
        finish(i1, i2)
        ",
    );
}

#[test]
fn bridges_jump_with_what_is_known() {
    register_types();
    let arena = Bump::new();
    let bridge = parse_bridge(
        &arena,
        "
        [i0, p1]
        guard_value(i0, 2) [i0]
        i2 = int_add(i0, 1)
        jump(i2, p1)
        ",
        &RefNamespace::new(),
        &[Type::Int, Type::Ref],
    )
    .unwrap();
    let optimized = optimize(&bridge, Passes::ALL).unwrap();
    assert_eq!(
        optimized.trace.to_string(),
        "[i0, p1]\nguard_value(i0, 2) [i0]\njump(3, p1)\n"
    );
}

#[test]
fn guard_numbers_map_to_the_new_trace_and_removed_guards_to_none() {
    register_types();
    let arena = Bump::new();
    let trace = parse(
        &arena,
        "
        [i0]
        i1 = int_lt(i0, 3)
        guard_true(i1) [i0]
        i2 = int_add(i0, 1)
        i3 = int_lt(i0, 3)
        guard_true(i3) [i0]
        guard_false(i0) [i2]
        finish(i2)
        ",
        &RefNamespace::new(),
    )
    .unwrap();
    let optimized = optimize(&trace, Passes::ALL).unwrap();
    let ops = optimized.trace.ops();
    assert_eq!(optimized.guards[1], Some(1));
    assert_eq!(optimized.guards[4], None);
    let third = optimized.guards[5].expect("kept");
    assert_eq!(ops[third].opcode.name(), "guard_false");
    assert_eq!(optimized.guards[0], None, "not a guard");
}

#[test]
fn passes_switch_off_one_by_one() {
    let input = "
        [i0, p1]
        i2 = arraylen_gc(p1, descr=Array<u8>)
        i3 = arraylen_gc(p1, descr=Array<u8>)
        i4 = int_add(i0, 0)
        i5 = int_lt(i4, i2)
        guard_true(i5) [i0]
        guard_true(i5) [i0]
        finish(i4, i3)
        ";
    check_with(Passes::NONE, input, input);
    check_with(
        Passes::parse("heap").unwrap(),
        input,
        "
        [i0, p1]
        i2 = arraylen_gc(p1, descr=Array<u8>)
        i3 = int_add(i0, 0)
        i4 = int_lt(i3, i2)
        guard_true(i4) [i0]
        guard_true(i4) [i0]
        finish(i3, i2)
        ",
    );
    check_with(
        Passes::parse("pure:guards").unwrap(),
        input,
        "
        [i0, p1]
        i2 = arraylen_gc(p1, descr=Array<u8>)
        i3 = arraylen_gc(p1, descr=Array<u8>)
        i4 = int_lt(i0, i2)
        guard_true(i4) [i0]
        finish(i0, i3)
        ",
    );
    assert_eq!(
        Passes::parse("all").unwrap().to_string(),
        "pure:guards:heap:dead"
    );
    assert_eq!(Passes::parse("none").unwrap().to_string(), "none");
    assert!(Passes::parse("pure:unroll")
        .unwrap_err()
        .contains("unknown optimization"));
}

#[test]
fn narrow_stores_forward_only_values_that_fit() {
    // A u8 element keeps 300 as 44, so the load must stay; a masked value fits (and its
    // store is dead: the next store overwrites it before anything reads the cell).
    check(
        "
        [p0, i1, i2]
        setarrayitem_gc(p0, i1, 300, descr=Array<u8>)
        i3 = getarrayitem_gc_i(p0, i1, descr=Array<u8>)
        i4 = int_and(i2, 255)
        setarrayitem_gc(p0, i1, i4, descr=Array<u8>)
        i5 = getarrayitem_gc_i(p0, i1, descr=Array<u8>)
        setarrayitem_gc(p0, i1, i2, descr=Array<u8>)
        i6 = getarrayitem_gc_i(p0, i1, descr=Array<u8>)
        finish(i3, i5, i6)
        ",
        "
        [p0, i1, i2]
        setarrayitem_gc(p0, i1, 300, descr=Array<u8>)
        i3 = getarrayitem_gc_i(p0, i1, descr=Array<u8>)
        i4 = int_and(i2, 255)
        setarrayitem_gc(p0, i1, i2, descr=Array<u8>)
        i5 = getarrayitem_gc_i(p0, i1, descr=Array<u8>)
        finish(i3, i4, i5)
        ",
    );
}

#[test]
fn brainfuck_plus_plus_plus_is_one_addition_and_one_store() {
    // `+++` on one cell: the additions fold through the byte masks, and the stores before
    // the last are dead (nothing reads the cell in between, no guard could resume there).
    check(
        "
        [p0, i1]
        i2 = getarrayitem_gc_i(p0, i1, descr=Array<u8>)
        i3 = int_add(i2, 1)
        i4 = int_and(i3, 255)
        setarrayitem_gc(p0, i1, i4, descr=Array<u8>)
        i5 = int_add(i4, 1)
        i6 = int_and(i5, 255)
        setarrayitem_gc(p0, i1, i6, descr=Array<u8>)
        i7 = int_sub(i6, 3)
        i8 = int_and(i7, 255)
        setarrayitem_gc(p0, i1, i8, descr=Array<u8>)
        finish(i8)
        ",
        "
        [p0, i1]
        i2 = getarrayitem_gc_i(p0, i1, descr=Array<u8>)
        i3 = int_add(i2, -1)
        i4 = int_and(i3, 255)
        setarrayitem_gc(p0, i1, i4, descr=Array<u8>)
        finish(i4)
        ",
    );
}

#[test]
fn a_store_before_a_guard_or_an_aliasing_load_stays() {
    check(
        "
        [p0, p1, i2]
        setarrayitem_gc(p0, 1, i2, descr=Array<i64>)
        i3 = int_lt(i2, 10)
        guard_true(i3) [i2]
        setarrayitem_gc(p0, 1, 5, descr=Array<i64>)
        i4 = getarrayitem_gc_i(p1, 1, descr=Array<i64>)
        setarrayitem_gc(p0, 1, 6, descr=Array<i64>)
        setarrayitem_gc(p0, 1, 7, descr=Array<i64>)
        finish(i4)
        ",
        "
        [p0, p1, i2]
        setarrayitem_gc(p0, 1, i2, descr=Array<i64>)
        i3 = int_lt(i2, 10)
        guard_true(i3) [i2]
        setarrayitem_gc(p0, 1, 5, descr=Array<i64>)
        i4 = getarrayitem_gc_i(p1, 1, descr=Array<i64>)
        setarrayitem_gc(p0, 1, 7, descr=Array<i64>)
        finish(i4)
        ",
    );
}
