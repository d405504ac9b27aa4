//! A handle kept where the collector does not look (here, a native `Vec`) is not a root.
//! Its object may be reclaimed; using the handle afterwards must panic, never read freed
//! memory. Its own binary, because it silences the panic hook.

mod common;

use common::{scrub_stack, Pair};
use ferrite_gc::{collect, Gc};

#[inline(never)]
fn hidden_handles(count: i64) -> Vec<Gc<Pair>> {
    (0..count)
        .map(|head| Gc::new(Pair { head, tail: None }).unwrap())
        .collect()
}

#[test]
fn dangling_handles_panic_instead_of_reading_freed_memory() {
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
