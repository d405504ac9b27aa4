//! Allocating many GiB in total keeps a bounded footprint: the heap is reused, not grown.
//! Its own binary, so that peak RSS measures this test alone.

mod common;

use common::peak_rss_bytes;
use ferrite_gc::{configure, stats, Array, Bytes, Gc, GcOptions, GcRef, HeapSize, RootVec};

#[ferrite_gc::gc_object]
struct Record {
    serial: i64,
    payload: Option<GcRef>,
}

const WINDOW: usize = 1024;
const TOTAL_BYTES: usize = 4 << 30;
const MAX_PEAK_RSS: u64 = 320 << 20;

#[test]
fn churning_gigabytes_stays_in_bounded_memory() {
    configure(GcOptions {
        heap: HeapSize::Proportional {
            min_free: 64 << 20,
            free_percent: 100,
            max: 1 << 30,
        },
        ..GcOptions::default()
    })
    .unwrap();
    // A window of the most recent records stays alive; everything older is garbage.
    let window: RootVec<Option<Gc<Record>>> = RootVec::new();
    for _ in 0..WINDOW {
        window.push(None);
    }
    let mut allocated = 0usize;
    let mut serial = 0i64;
    while allocated < TOTAL_BYTES {
        // Small objects, medium arrays, and now and then a large-object-space array.
        let (payload, bytes) = match serial % 64 {
            0 => (
                Array::<u8>::new(48 << 10, serial as u8).unwrap().erase(),
                48 << 10,
            ),
            n if n % 2 == 0 => (Array::<i64>::new(126, serial).unwrap().erase(), 1024),
            _ => (Bytes::new(&serial.to_le_bytes()).unwrap().erase(), 24),
        };
        let record = Gc::new(Record {
            serial,
            payload: Some(payload),
        })
        .unwrap();
        window.set(serial as usize % WINDOW, Some(record));
        allocated += bytes + 32;
        serial += 1;
    }
    // The window holds the last WINDOW records, intact.
    for slot in 0..WINDOW {
        let record = window.get(slot).unwrap();
        assert_eq!(record.serial() as usize % WINDOW, slot);
        assert!(record.serial() >= serial - WINDOW as i64);
        let payload = record.payload().unwrap();
        match record.serial() % 64 {
            0 => assert!(payload
                .downcast::<Array<u8>>()
                .unwrap()
                .with_slice(|cells| cells.iter().all(|c| c.get() == record.serial() as u8))),
            n if n % 2 == 0 => assert_eq!(
                payload.downcast::<Array<i64>>().unwrap().get(125),
                record.serial()
            ),
            _ => assert_eq!(
                payload.downcast::<Bytes>().unwrap().to_vec(),
                record.serial().to_le_bytes()
            ),
        }
    }
    let collections = stats().collections;
    let peak = peak_rss_bytes();
    eprintln!(
        "allocated {} MiB in {serial} objects, {collections} collections, peak RSS {} MiB",
        allocated >> 20,
        peak >> 20
    );
    assert!(collections >= 10, "only {collections} collections");
    assert!(
        peak < MAX_PEAK_RSS,
        "peak RSS {} MiB after allocating {} MiB",
        peak >> 20,
        allocated >> 20
    );
}
