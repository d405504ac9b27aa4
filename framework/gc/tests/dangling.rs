//! A handle kept where the collector does not look (here, a native `Vec`) is not a root.
//! Its object may be reclaimed; using the handle afterwards must panic, never read freed
//! memory. Its own binary, because it silences the panic hook.

mod common;

use common::{scrub_stack, Pair};
use std::panic::{catch_unwind, AssertUnwindSafe};

use common::PairFields;

#[ferrite_gc::gc_object]
struct Holder {
    target: Option<Gc<Pair>>,
}
use ferrite_gc::{collect, Array, Gc, GcRef, RootVec};

/// The tests swap the panic hook: one at a time (taken before the thread allocates, since a
/// mutator must not block on a lock).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

#[inline(never)]
fn hidden_handles(count: i64) -> Vec<Gc<Pair>> {
    (0..count)
        .map(|head| Gc::new(Pair { head, tail: None }).unwrap())
        .collect()
}

#[test]
fn dangling_handles_panic_instead_of_reading_freed_memory() {
    let _serial = serial();
    let handles = hidden_handles(2_000);
    scrub_stack();
    collect();
    collect();
    std::panic::set_hook(Box::new(|_| {}));
    let mut panicked = 0;
    for (expected, handle) in handles.iter().enumerate() {
        match std::panic::catch_unwind(|| handle.head()) {
            Err(_) => panicked += 1,
            // A handle a stale stack word kept alive must still read its own object.
            Ok(head) => assert_eq!(head, expected as i64),
        }
    }
    let _ = std::panic::take_hook();
    assert!(
        panicked >= handles.len() * 99 / 100,
        "only {panicked} of {} dangling handles were detected",
        handles.len()
    );
    let message = std::panic::catch_unwind(|| handles[1_000].erase().descriptor_id())
        .err()
        .and_then(|e| e.downcast::<String>().ok())
        .map(|m| *m);
    if let Some(message) = message {
        assert!(
            message.contains("dangling"),
            "unexpected message: {message}"
        );
    }
}

/// Count how many of `handles` make `attempt` panic; the others must give `expected(i)`.
fn panics(
    count: usize,
    mut attempt: impl FnMut(usize) -> Option<i64>,
    expected: impl Fn(usize) -> i64,
) -> usize {
    std::panic::set_hook(Box::new(|_| {}));
    let mut panicked = 0;
    for i in 0..count {
        match catch_unwind(AssertUnwindSafe(|| attempt(i))) {
            Err(_) => panicked += 1,
            Ok(Some(value)) => assert_eq!(value, expected(i)),
            Ok(None) => {}
        }
    }
    let _ = std::panic::take_hook();
    panicked
}

#[test]
fn views_kept_past_a_collection_are_checked_again() {
    let _serial = serial();
    // `&PairFields` is a view of the handle, not of the object: keeping the views in a Vec
    // across a collection must not let them read reclaimed memory.
    let handles = hidden_handles(2_000);
    let views: Vec<&PairFields> = handles.iter().map(|h| &**h).collect();
    scrub_stack();
    collect();
    // Reuse the memory with other data, as the reviewer's reproduction did.
    for _ in 0..100 {
        std::hint::black_box(Array::<i64>::new(512, 0x4141_4141).unwrap());
    }
    let panicked = panics(views.len(), |i| Some(views[i].head()), |i| i as i64);
    assert!(
        panicked >= views.len() * 99 / 100,
        "only {panicked} stale views detected"
    );
}

#[test]
fn dangling_references_are_never_stored() {
    let _serial = serial();
    let handles = hidden_handles(500);
    scrub_stack();
    collect();
    collect();
    let holder = Gc::new(Pair {
        head: -1,
        tail: None,
    })
    .unwrap();
    let array = Array::<Option<Gc<Pair>>>::new(1, None).unwrap();
    let roots: std::cell::RefCell<RootVec<Option<GcRef>>> = Default::default();
    // Each way of storing a reference checks it; a live one (kept by a stale stack word)
    // may be stored, a dangling one must panic before it reaches the heap.
    let stores: [&dyn Fn(Gc<Pair>); 5] = [
        &|h| roots.borrow_mut().push(Some(h.erase())),
        &|h| holder.set_tail(Some(h)),
        &|h| array.set(0, Some(h)),
        &|h| {
            Gc::new(Holder { target: Some(h) }).unwrap();
        },
        &|h| {
            Array::<Option<Gc<Pair>>>::new(1, Some(h)).unwrap();
        },
    ];
    // Whenever no object starts at a handle's address, storing it must panic. (Where the
    // address holds an object again — the allocating stores refill the freed memory — the
    // store is memory-safe and allowed.)
    std::panic::set_hook(Box::new(|_| {}));
    let mut refused = 0;
    for store in stores {
        for &handle in &handles {
            if ferrite_gc::is_object_start(handle.as_ptr() as usize) {
                continue;
            }
            let outcome = catch_unwind(AssertUnwindSafe(|| store(handle)));
            assert!(outcome.is_err(), "a dangling reference was stored");
            refused += 1;
        }
    }
    let _ = std::panic::take_hook();
    assert!(refused >= 1000, "only {refused} dangling stores attempted");
    // The collector still runs fine: nothing dangling got in.
    collect();
    assert_eq!(holder.head(), -1);
}
