//! A full heap is an error the caller handles, and the heap works again once memory is
//! freed. Its own binary, because it fixes a small heap size for the process.

mod common;

use common::{assert_list, list, scrub_stack, Pair};
use ferrite_gc::{collect, configure, Array, Gc, GcOptions, HeapSize, OutOfMemory};

/// Grow a list until the heap is full; return how long it got and the error.
#[inline(never)]
fn fill_heap() -> (i64, OutOfMemory) {
    let mut head: Option<Gc<Pair>> = None;
    let mut length = 0;
    loop {
        match Gc::new(Pair {
            head: length,
            tail: head,
        }) {
            Ok(pair) => {
                head = Some(pair);
                length += 1;
            }
            Err(error) => return (length, error),
        }
    }
}

#[test]
fn a_full_heap_is_an_error_and_recoverable() {
    configure(GcOptions {
        heap: HeapSize::Fixed(32 << 20),
        ..GcOptions::default()
    })
    .unwrap();
    let (length, error) = fill_heap();
    assert_eq!(error.requested_bytes, 24);
    // 24-byte objects in a 32 MiB heap: hundreds of thousands fit, and not 2 million.
    assert!((200_000..2_000_000).contains(&length), "length {length}");
    // Large requests fail the same way.
    assert!(Array::<u8>::new(64 << 20, 0).is_err());
    // Drop the list; the heap works again.
    scrub_stack();
    collect();
    let again = list(100_000);
    collect();
    assert_list(again, 100_000);
    assert!(configure(GcOptions::default()).is_err());
}
