//! The type attribute cache: `lookup(type, name)` results by (type version, name), as
//! CPython's `_PyType_Lookup` cache. Attribute access and method calls look names up along
//! the MRO constantly; a hit costs a hash of the cached `str` hash and two compares.
//!
//! A type's `version` is unique among all types, and changes (for the type and every
//! subclass) whenever one of their dicts changes, so a stale entry can never match. A
//! version of 0 means "not cacheable" (a class still being built). Entries keep their name
//! and value in `RootVec`s, which the collector updates when objects move.

use std::cell::{Cell, RefCell};

use ferrite::{Gc, GcRef, RootVec};

use crate::objects::layout::{PyStr, PyType};

const SIZE: usize = 4096;

struct Cache {
    versions: Vec<i64>,
    names: RootVec<Option<GcRef>>,
    /// The value found, or None for "not on this type".
    values: RootVec<Option<GcRef>>,
}

thread_local! {
    static CACHE: RefCell<Option<Cache>> = const { RefCell::new(None) };
    static NEXT_VERSION: Cell<i64> = const { Cell::new(1) };
}

/// A version number no type has had.
pub fn new_version() -> i64 {
    NEXT_VERSION.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    })
}

fn slot(version: i64, name_hash: i64) -> usize {
    ((version as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ name_hash as u64) as usize & (SIZE - 1)
}

fn with_cache<R>(f: impl FnOnce(&mut Cache) -> R) -> R {
    CACHE.with(|cell| {
        let mut cache = cell.borrow_mut();
        let cache = cache.get_or_insert_with(|| {
            let names = RootVec::new();
            let values = RootVec::new();
            for _ in 0..SIZE {
                names.push(None);
                values.push(None);
            }
            Cache {
                versions: vec![0; SIZE],
                names,
                values,
            }
        });
        f(cache)
    })
}

/// The cached result of looking `name` up on `t`: `Some(result)` on a hit.
#[inline]
pub fn get(t: Gc<PyType>, name: Gc<PyStr>) -> Option<Option<GcRef>> {
    let version = t.version();
    let hash = name.hash();
    if version == 0 || hash == -1 {
        return None;
    }
    let index = slot(version, hash);
    with_cache(|c| {
        (c.versions[index] == version && c.names.get(index) == Some(name.erase()))
            .then(|| c.values.get(index))
    })
}

/// Remember the result of looking `name` up on `t`.
pub fn put(t: Gc<PyType>, name: Gc<PyStr>, value: Option<GcRef>) {
    let version = t.version();
    let hash = name.hash();
    if version == 0 || hash == -1 {
        return;
    }
    let index = slot(version, hash);
    with_cache(|c| {
        c.versions[index] = version;
        c.names.set(index, Some(name.erase()));
        c.values.set(index, value);
    })
}
