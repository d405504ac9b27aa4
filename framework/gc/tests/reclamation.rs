//! What no root reaches is reclaimed, cycles included. Its own binary: objects freed here
//! must not be reused by other tests' allocations before the test looks at them.

mod common;

use common::{scrub_stack, Pair};
use ferrite_gc::{collect, is_object_start, Gc};

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
