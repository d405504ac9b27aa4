//! With defragmentation forced on every collection, objects reachable only from other
//! objects or from root buffers are moved, and every reference to them is updated; objects
//! the stack points to stay put. Its own binary, because it sets the stress option.

mod common;

use common::{assert_list, Pair};
use ferrite_gc::{collect, configure, Array, Gc, GcOptions, RootVec};

const LENGTH: i64 = 100_000;

/// A list `LENGTH-1, …, 0` whose nodes are interleaved with garbage (to fragment the heap),
/// with every 1000th node also in `roots`; returns the nodes' addresses, hidden from the
/// conservative scan in a native `Vec`.
#[inline(never)]
fn fragmented_list(roots: &mut RootVec<Gc<Pair>>) -> (Gc<Pair>, Vec<usize>) {
    let mut head = Gc::new(Pair {
        head: 0,
        tail: None,
    })
    .unwrap();
    let mut addresses = vec![head.as_ptr() as usize];
    for value in 1..LENGTH {
        // More than an Immix line (256 bytes) of garbage between live nodes, so that the
        // collection finds free lines in every block and picks blocks to evacuate.
        std::hint::black_box(Array::<i64>::new(40, -1).unwrap());
        head = Gc::new(Pair {
            head: value,
            tail: Some(head),
        })
        .unwrap();
        addresses.push(head.as_ptr() as usize);
        if value % 1000 == 0 {
            roots.push(head);
        }
    }
    (head, addresses)
}

#[test]
fn moved_objects_are_found_through_every_reference() {
    configure(GcOptions {
        stress_moving: true,
        ..GcOptions::default()
    })
    .unwrap();
    let mut roots = RootVec::new();
    let (head, addresses) = fragmented_list(&mut roots);
    let head_address = head.as_ptr() as usize;
    for _ in 0..3 {
        collect();
    }
    // Pinned: the stack points at it.
    assert_eq!(head.as_ptr() as usize, head_address);
    assert_list(head, LENGTH);
    // Walk the list, collecting where each node is now.
    let mut now = Vec::new();
    let mut node = Some(head);
    while let Some(pair) = node {
        now.push(pair.as_ptr() as usize);
        node = pair.tail();
    }
    now.reverse();
    let moved = addresses.iter().zip(&now).filter(|(a, b)| a != b).count();
    assert!(moved > 0, "stress_moving moved nothing");
    // Root buffer slots were updated to the new addresses of their objects.
    for (i, root) in roots.to_vec().into_iter().enumerate() {
        let value = (i as i64 + 1) * 1000;
        assert_eq!(root.head(), value);
        assert_eq!(root.as_ptr() as usize, now[value as usize]);
    }
    eprintln!("{moved} of {} nodes moved", addresses.len());
}
