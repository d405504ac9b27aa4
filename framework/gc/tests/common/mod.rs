//! Helpers shared by the GC test binaries.
#![allow(dead_code)]

use ferrite_gc::{gc_object, Array, Gc};

#[gc_object]
pub struct Pair {
    pub head: i64,
    pub tail: Option<Gc<Pair>>,
}

/// A list `n-1, n-2, …, 0`.
pub fn list(n: i64) -> Gc<Pair> {
    let mut list = Gc::new(Pair {
        head: 0,
        tail: None,
    })
    .unwrap();
    for head in 1..n {
        list = Gc::new(Pair {
            head,
            tail: Some(list),
        })
        .unwrap();
    }
    list
}

/// Check that `list` is `n-1, …, 0`.
pub fn assert_list(list: Gc<Pair>, n: i64) {
    let mut node = Some(list);
    let mut expected = n - 1;
    while let Some(pair) = node {
        assert_eq!(pair.head(), expected, "list corrupted");
        expected -= 1;
        node = pair.tail();
    }
    assert_eq!(expected, -1, "list has the wrong length");
}

/// Allocate about `bytes` of garbage.
pub fn churn(bytes: usize) {
    let mut allocated = 0;
    while allocated < bytes {
        let garbage = Array::<i64>::new(126, 7).unwrap();
        std::hint::black_box(garbage);
        allocated += 1024;
    }
}

/// Overwrite dead stack below the caller with zeros, so stale copies of pointers left by
/// earlier calls do not keep objects alive (conservative scanning would find them).
#[inline(never)]
pub fn scrub_stack() {
    let mut buffer = [0u8; 256 * 1024];
    std::hint::black_box(&mut buffer);
}

/// The peak resident set size of this process, in bytes.
pub fn peak_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}
