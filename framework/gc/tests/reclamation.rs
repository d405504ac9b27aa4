//! What no root reaches is reclaimed, cycles included, and what a stack word points into or
//! just past is kept. Its own binary, its tests one at a time: objects freed here must not be
//! reused by other allocations before a test looks at their addresses.

mod common;

use std::sync::Mutex;

use common::{churn, scrub_stack, Pair};
use ferrite_gc::{collect, is_object_start, Array, Gc};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const DISGUISE: usize = 0x5a5a_5a5a_5a5a_5a5a;

/// Allocate `count` two-object cycles and return their addresses, hidden from the
/// conservative scan (a native `Vec` is not a root).
#[inline(never)]
fn make_cycles(count: usize) -> Vec<usize> {
    let mut addresses = Vec::with_capacity(count * 2);
    for i in 0..count as i64 {
        let a = Gc::new(Pair {
            head: i,
            tail: None,
        })
        .unwrap();
        let b = Gc::new(Pair {
            head: -i,
            tail: Some(a),
        })
        .unwrap();
        a.set_tail(Some(b));
        addresses.push(a.as_ptr() as usize);
        addresses.push(b.as_ptr() as usize);
    }
    addresses
}

#[test]
fn unreachable_cycles_are_reclaimed() {
    // First, before this thread allocates: a mutator must not block on a lock.
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let addresses = make_cycles(20_000);
    assert!(addresses.iter().all(|&a| is_object_start(a)));
    scrub_stack();
    collect();
    collect();
    let survivors = addresses.iter().filter(|&&a| is_object_start(a)).count();
    // Conservative scanning may keep an object or two a stale stack word points to.
    assert!(
        survivors <= addresses.len() / 100,
        "{survivors} of {} cycle objects survived",
        addresses.len()
    );
}

/// A pointer just past the last element of a new array, and the array's address disguised.
#[inline(never)]
fn end_pointer(length: usize) -> (*const i64, usize) {
    let array = Array::<i64>::new(length, 9).unwrap();
    let end = array
        .as_ptr()
        .wrapping_add(ferrite_gc::ARRAY_HEADER_SIZE + 8 * length);
    (end as *const i64, array.as_ptr() as usize ^ DISGUISE)
}

#[test]
fn one_past_the_end_pointers_keep_objects_alive() {
    // First, before this thread allocates: a mutator must not block on a lock.
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Large-object-space arrays: each has its pages to itself, so nothing but the end
    // pointer can keep the first alive, and the second (the control) has no pointer at all.
    let length = 1 << 16;
    let (end, kept) = end_pointer(length);
    let (_, control) = end_pointer(length);
    let keep = [end];
    scrub_stack();
    collect();
    churn(8 << 20);
    collect();
    std::hint::black_box(&keep);
    assert!(is_object_start(kept ^ DISGUISE));
    assert!(
        !is_object_start(control ^ DISGUISE),
        "the control array survived"
    );
}
