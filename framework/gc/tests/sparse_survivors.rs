//! Survivors spread thinly through the allocations (one small object kept out of many
//! temporaries, as an interpreter appending results to a list) keep a line of almost every
//! Immix block alive. The heap must still be sized by what is live, not by the blocks those
//! survivors pin: counting kept blocks as live doubled the heap at every collection.
//! Its own binary, so that peak RSS measures this test alone.

mod common;

use common::{peak_rss_bytes, Pair};
use ferrite_gc::{configure, stats, Gc, GcOptions, HeapSize, RootVec};

const TOTAL_BYTES: usize = 2 << 30;
const KEEP_EVERY: usize = 256;
const MAX_PEAK_RSS: u64 = 400 << 20;

#[test]
fn sparse_survivors_do_not_grow_the_heap() {
    configure(GcOptions {
        heap: HeapSize::Proportional {
            min_free: 64 << 20,
            free_percent: 100,
            max: 4 << 30,
        },
        ..GcOptions::default()
    })
    .unwrap();
    let kept: RootVec<Gc<Pair>> = RootVec::new();
    let object_bytes = 32;
    let mut allocated = 0usize;
    let mut serial = 0i64;
    while allocated < TOTAL_BYTES {
        let pair = Gc::new(Pair {
            head: serial,
            tail: None,
        })
        .unwrap();
        if serial as usize % KEEP_EVERY == 0 {
            kept.push(pair);
        }
        allocated += object_bytes;
        serial += 1;
    }
    for (i, index) in (0..kept.len()).enumerate() {
        assert_eq!(kept.get(index).head() as usize, i * KEEP_EVERY);
    }
    let collections = stats().collections;
    let peak = peak_rss_bytes();
    eprintln!(
        "kept {} of {serial} objects, {collections} collections, peak RSS {} MiB",
        kept.len(),
        peak >> 20
    );
    assert!(collections >= 4, "expected several collections");
    assert!(
        peak < MAX_PEAK_RSS,
        "peak RSS {} MiB: the heap grew with the blocks survivors pin",
        peak >> 20
    );
}
