//! `dict`: CPython's compact, insertion-ordered hash table (see `PyDict`). Keys are
//! hashed and compared through the Python protocol (`ops::hash`, `ops::eq`), which can
//! run Python code; the str fast paths (`get_str`) serve namespaces and type dicts.

use ferrite::{Array, Gc, GcRef};

use crate::objects::layout::*;
use crate::objects::{alloc, new_items, str as pystr};
use crate::runtime::errors::PyResult;
use crate::runtime::{ops, space};

const EMPTY: i64 = -1;
const DELETED: i64 = -2;
const MIN_SIZE: usize = 8;

fn new_indices(size: usize) -> PyResult<Gc<Array<i64>>> {
    Array::new(size, EMPTY).map_err(|_| space::memory_error())
}

pub fn new_dict() -> PyResult<Gc<PyDict>> {
    new_dict_sized(0)
}

/// A dict with room for `count` entries before it grows.
pub fn new_dict_sized(count: usize) -> PyResult<Gc<PyDict>> {
    let mut size = MIN_SIZE;
    while size * 2 < count * 3 {
        size *= 2;
    }
    let capacity = size * 2 / 3;
    alloc(PyDict {
        indices: new_indices(size)?,
        hashes: Array::new(capacity, 0).map_err(|_| space::memory_error())?,
        keys: new_items(capacity)?,
        values: new_items(capacity)?,
        used: 0,
        filled: 0,
    })
}

pub fn as_dict(object: GcRef) -> Option<Gc<PyDict>> {
    match object.downcast::<PyDict>() {
        Some(d) => Some(d),
        None => object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .and_then(|b| b.downcast::<PyDict>()),
    }
}

pub fn len(d: Gc<PyDict>) -> usize {
    d.used() as usize
}

/// Find the entry of `key`: Ok(Some(entry index)) or Ok(None).
/// The next slot of a probe sequence (CPython's: `perturb` starts as the hash).
#[inline]
fn next_probe(slot: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= 5;
    (slot
        .wrapping_mul(5)
        .wrapping_add(1)
        .wrapping_add(*perturb as usize))
        & mask
}

fn find(d: Gc<PyDict>, key: GcRef, hash: i64) -> PyResult<Option<usize>> {
    Ok(find_slot(d, key, hash)?.map(|(entry, _)| entry))
}

/// The entry holding `key` and the slot of `indices` that points to it.
fn find_slot(d: Gc<PyDict>, key: GcRef, hash: i64) -> PyResult<Option<(usize, usize)>> {
    let PyDict {
        indices,
        hashes,
        keys,
        ..
    } = d.load();
    let mask = indices.len() - 1;
    let mut perturb = hash as u64;
    let mut slot = (hash as u64 as usize) & mask;
    loop {
        let entry = indices.get(slot);
        if entry == EMPTY {
            return Ok(None);
        }
        if entry >= 0 {
            let e = entry as usize;
            if let Some(k) = keys.get(e) {
                if k == key {
                    return Ok(Some((e, slot)));
                }
                if hashes.get(e) == hash {
                    let equal = keys_equal(k, key)?;
                    // The comparison may have changed the dict.
                    if d.indices() != indices || d.keys() != keys {
                        return find_slot(d, key, hash);
                    }
                    if equal {
                        return Ok(Some((e, slot)));
                    }
                }
            }
        }
        slot = next_probe(slot, &mut perturb, mask);
    }
}

/// The slot of `indices` pointing to live entry `e`: its hash's probe sequence leads there.
fn slot_of_entry(d: Gc<PyDict>, e: usize) -> usize {
    let PyDict {
        indices, hashes, ..
    } = d.load();
    let hash = hashes.get(e);
    let mask = indices.len() - 1;
    let mut perturb = hash as u64;
    let mut slot = (hash as u64 as usize) & mask;
    while indices.get(slot) != e as i64 {
        slot = next_probe(slot, &mut perturb, mask);
    }
    slot
}

fn keys_equal(a: GcRef, b: GcRef) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>()) {
        return Ok(pystr::eq(x, y));
    }
    if let (Some(x), Some(y)) = (a.downcast::<PyInt>(), b.downcast::<PyInt>()) {
        return Ok(x.value() == y.value());
    }
    ops::eq(a, b)
}

pub fn get_item(d: Gc<PyDict>, key: GcRef) -> PyResult<Option<GcRef>> {
    let hash = ops::hash(key)?;
    get_item_hashed(d, key, hash)
}

pub fn get_item_hashed(d: Gc<PyDict>, key: GcRef, hash: i64) -> PyResult<Option<GcRef>> {
    Ok(find(d, key, hash)?.and_then(|e| d.values().get(e)))
}

/// Look up a str key in a dict whose keys are strs (namespaces, type dicts).
pub fn get_str(d: Gc<PyDict>, key: GcRef) -> Option<GcRef> {
    find_str(d, key, false).and_then(|e| d.values().get(e))
}

/// The entry index of the str `key` itself (compared by identity, as interned names
/// are), if the dict has it: what an inline cache can remember.
pub fn entry_of_str(d: Gc<PyDict>, key: GcRef) -> Option<usize> {
    find_str(d, key, true)
}

/// The entry of the str `key`: the same object, or (unless `identity_only`) an equal str.
fn find_str(d: Gc<PyDict>, key: GcRef, identity_only: bool) -> Option<usize> {
    let s = key.downcast::<PyStr>()?;
    let hash = pystr::hash(s);
    let indices = d.indices();
    let keys = d.keys();
    let mask = indices.len() - 1;
    let mut perturb = hash as u64;
    let mut slot = (hash as u64 as usize) & mask;
    loop {
        let entry = indices.get(slot);
        if entry == EMPTY {
            return None;
        }
        if entry >= 0 {
            let e = entry as usize;
            if let Some(k) = keys.get(e) {
                if k == key {
                    return Some(e);
                }
                if !identity_only && d.hashes().get(e) == hash {
                    if let Some(ks) = k.downcast::<PyStr>() {
                        if pystr::eq(ks, s) {
                            return Some(e);
                        }
                    }
                }
            }
        }
        slot = next_probe(slot, &mut perturb, mask);
    }
}

pub fn set_item(d: Gc<PyDict>, key: GcRef, value: GcRef) -> PyResult<()> {
    let hash = ops::hash(key)?;
    set_item_hashed(d, key, hash, value)
}

pub fn set_item_hashed(d: Gc<PyDict>, key: GcRef, hash: i64, value: GcRef) -> PyResult<()> {
    if let Some(e) = find(d, key, hash)? {
        d.values().set(e, Some(value));
        return Ok(());
    }
    if d.filled() as usize >= d.keys().len() {
        resize(d, (d.used() as usize + 1) * 3)?;
    }
    let e = d.filled() as usize;
    d.keys().set(e, Some(key));
    d.values().set(e, Some(value));
    d.hashes().set(e, hash);
    insert_index(d.indices(), hash, e);
    d.set_filled(e as i64 + 1);
    d.set_used(d.used() + 1);
    Ok(())
}

fn insert_index(indices: Gc<Array<i64>>, hash: i64, entry: usize) {
    let mask = indices.len() - 1;
    let mut perturb = hash as u64;
    let mut slot = (hash as u64 as usize) & mask;
    while indices.get(slot) >= 0 {
        slot = next_probe(slot, &mut perturb, mask);
    }
    indices.set(slot, entry as i64);
}

/// Rebuild with room for `count` entries, dropping deleted ones.
fn resize(d: Gc<PyDict>, count: usize) -> PyResult<()> {
    let mut size = MIN_SIZE;
    while size * 2 < count * 3 + 1 {
        size *= 2;
    }
    let capacity = size * 2 / 3;
    let indices = new_indices(size)?;
    let hashes = Array::new(capacity, 0i64).map_err(|_| space::memory_error())?;
    let keys = new_items(capacity)?;
    let values = new_items(capacity)?;
    let (old_keys, old_values, old_hashes) = (d.keys(), d.values(), d.hashes());
    let mut n = 0;
    for e in 0..d.filled() as usize {
        if let Some(k) = old_keys.get(e) {
            keys.set(n, Some(k));
            values.set(n, old_values.get(e));
            let h = old_hashes.get(e);
            hashes.set(n, h);
            insert_index(indices, h, n);
            n += 1;
        }
    }
    d.set_indices(indices);
    d.set_hashes(hashes);
    d.set_keys(keys);
    d.set_values(values);
    d.set_filled(n as i64);
    d.set_used(n as i64);
    Ok(())
}

/// Remove `key`; returns its value if it was there.
pub fn del_item(d: Gc<PyDict>, key: GcRef) -> PyResult<Option<GcRef>> {
    let hash = ops::hash(key)?;
    let Some((e, slot)) = find_slot(d, key, hash)? else {
        return Ok(None);
    };
    let value = d.values().get(e);
    d.indices().set(slot, DELETED);
    d.keys().set(e, None);
    d.values().set(e, None);
    d.set_used(d.used() - 1);
    Ok(value)
}

pub fn del_str(d: Gc<PyDict>, key: GcRef) -> PyResult<Option<GcRef>> {
    del_item(d, key)
}

pub fn clear(d: Gc<PyDict>) -> PyResult<()> {
    let fresh = new_dict()?;
    d.set_indices(fresh.indices());
    d.set_hashes(fresh.hashes());
    d.set_keys(fresh.keys());
    d.set_values(fresh.values());
    d.set_used(0);
    d.set_filled(0);
    Ok(())
}

pub fn copy(d: Gc<PyDict>) -> PyResult<Gc<PyDict>> {
    let new = new_dict_sized(len(d))?;
    let mut e = 0;
    while let Some((k, v, next)) = next_entry(d, e) {
        set_item_hashed(new, k, d.hashes().get(next - 1), v)?;
        e = next;
    }
    Ok(new)
}

/// The live entry at or after `position`: (key, value, the position after it).
pub fn next_entry(d: Gc<PyDict>, mut position: usize) -> Option<(GcRef, GcRef, usize)> {
    let keys = d.keys();
    let filled = d.filled() as usize;
    while position < filled {
        if let Some(k) = keys.get(position) {
            let v = d.values().get(position).expect("a live entry has a value");
            return Some((k, v, position + 1));
        }
        position += 1;
    }
    None
}

/// Keys and values as a flat array (key0, value0, key1, …): a safe snapshot to walk
/// while running code that may change the dict or collect garbage.
pub fn snapshot(d: Gc<PyDict>) -> PyResult<Gc<Items>> {
    let items = new_items(len(d) * 2)?;
    let mut i = 0;
    let mut position = 0;
    while let Some((k, v, next)) = next_entry(d, position) {
        items.set(i, Some(k));
        items.set(i + 1, Some(v));
        i += 2;
        position = next;
    }
    Ok(items)
}

/// Merge `other`'s entries into `d`.
pub fn update(d: Gc<PyDict>, other: Gc<PyDict>) -> PyResult<()> {
    let items = snapshot(other)?;
    for i in (0..items.len()).step_by(2) {
        set_item(
            d,
            items.get(i).expect("key"),
            items.get(i + 1).expect("value"),
        )?;
    }
    Ok(())
}

/// Remove and return the last entry.
pub fn pop_last(d: Gc<PyDict>) -> Option<(GcRef, GcRef)> {
    let filled = d.filled() as usize;
    for e in (0..filled).rev() {
        if let Some(k) = d.keys().get(e) {
            let v = d.values().get(e).expect("value");
            let slot = slot_of_entry(d, e);
            d.indices().set(slot, DELETED);
            d.keys().set(e, None);
            d.values().set(e, None);
            d.set_used(d.used() - 1);
            d.set_filled(e as i64);
            return Some((k, v));
        }
    }
    None
}
