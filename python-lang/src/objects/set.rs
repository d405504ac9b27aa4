//! `set` and `frozenset`: CPython's open-addressing table, probe for probe (linear probes
//! of 9 slots, then perturbed jumps), so iteration order equals CPython's for the same
//! inserts and deletes — programs print sets, and their output must match.
//!
//! A slot is unused when its key is null and its hash is not -1; a deleted slot (CPython's
//! dummy) has a null key and hash -1.

use ferrite::{Array, Gc, GcRef};

use crate::objects::layout::*;
use crate::objects::{alloc, new_items};
use crate::runtime::errors::PyResult;
use crate::runtime::{ops, space};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const DUMMY_HASH: i64 = -1;

fn new_hashes(size: usize) -> PyResult<Gc<Array<i64>>> {
    Array::new(size, 0).map_err(|_| space::memory_error())
}

pub fn new_set(frozen: bool) -> PyResult<Gc<PySet>> {
    alloc(PySet {
        keys: new_items(MIN_SIZE)?,
        hashes: new_hashes(MIN_SIZE)?,
        used: 0,
        filled: 0,
        frozen,
        hash: -1,
    })
}

pub fn as_set(object: GcRef) -> Option<Gc<PySet>> {
    match object.downcast::<PySet>() {
        Some(s) => Some(s),
        None => object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .and_then(|b| b.downcast::<PySet>()),
    }
}

pub fn len(s: Gc<PySet>) -> usize {
    s.used() as usize
}

/// Whether slot key `k` (with stored hash) equals `key` with `hash`.
fn slot_matches(k: GcRef, key: GcRef, hash: i64, stored: i64) -> PyResult<bool> {
    if stored != hash {
        return Ok(false);
    }
    if k == key {
        return Ok(true);
    }
    ops::eq(k, key)
}

/// The slot holding `key`, or None.
fn find(s: Gc<PySet>, key: GcRef, hash: i64) -> PyResult<Option<usize>> {
    let keys = s.keys();
    let hashes = s.hashes();
    let mask = keys.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in 0..=probes {
            let slot = i + j;
            match keys.get(slot) {
                None if hashes.get(slot) != DUMMY_HASH => return Ok(None),
                None => {}
                Some(k) if slot_matches(k, key, hash, hashes.get(slot))? => return Ok(Some(slot)),
                Some(_) => {}
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

pub fn contains(s: Gc<PySet>, key: GcRef) -> PyResult<bool> {
    let hash = ops::hash(key)?;
    Ok(find(s, key, hash)?.is_some())
}

/// Add `key` (no effect if present).
pub fn add(s: Gc<PySet>, key: GcRef) -> PyResult<()> {
    let hash = ops::hash(key)?;
    add_hashed(s, key, hash)
}

pub fn add_hashed(s: Gc<PySet>, key: GcRef, hash: i64) -> PyResult<()> {
    let keys = s.keys();
    let hashes = s.hashes();
    let mask = keys.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    let mut free_slot: Option<usize> = None;
    let unused = 'search: loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in 0..=probes {
            let slot = i + j;
            match keys.get(slot) {
                None if hashes.get(slot) != DUMMY_HASH => break 'search slot,
                None => {
                    if free_slot.is_none() {
                        free_slot = Some(slot);
                    }
                }
                Some(k) => {
                    if slot_matches(k, key, hash, hashes.get(slot))? {
                        return Ok(());
                    }
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    };
    if let Some(slot) = free_slot {
        keys.set(slot, Some(key));
        hashes.set(slot, hash);
        s.set_used(s.used() + 1);
        return Ok(());
    }
    keys.set(unused, Some(key));
    hashes.set(unused, hash);
    s.set_filled(s.filled() + 1);
    s.set_used(s.used() + 1);
    if (s.filled() as usize) * 5 < mask * 3 {
        return Ok(());
    }
    let used = s.used() as usize;
    resize(s, if used > 50000 { used * 2 } else { used * 4 })
}

/// Rebuild the table with room for more than `min_used` keys.
pub fn resize(s: Gc<PySet>, min_used: usize) -> PyResult<()> {
    let mut size = MIN_SIZE;
    while size <= min_used {
        size <<= 1;
    }
    let old_keys = s.keys();
    let old_hashes = s.hashes();
    let keys = new_items(size)?;
    let hashes = new_hashes(size)?;
    let mask = size - 1;
    for slot in 0..old_keys.len() {
        if let Some(k) = old_keys.get(slot) {
            insert_clean(keys, hashes, mask, k, old_hashes.get(slot));
        }
    }
    s.set_keys(keys);
    s.set_hashes(hashes);
    s.set_filled(s.used());
    Ok(())
}

/// Insert into a table known to have no dummies and not to hold the key.
fn insert_clean(keys: Gc<Items>, hashes: Gc<Array<i64>>, mask: usize, key: GcRef, hash: i64) {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        if keys.get(i).is_none() {
            keys.set(i, Some(key));
            hashes.set(i, hash);
            return;
        }
        if i + LINEAR_PROBES <= mask {
            for j in 1..=LINEAR_PROBES {
                if keys.get(i + j).is_none() {
                    keys.set(i + j, Some(key));
                    hashes.set(i + j, hash);
                    return;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// Remove `key`; whether it was there.
pub fn discard(s: Gc<PySet>, key: GcRef) -> PyResult<bool> {
    let hash = ops::hash(key)?;
    match find(s, key, hash)? {
        Some(slot) => {
            s.keys().set(slot, None);
            s.hashes().set(slot, DUMMY_HASH);
            s.set_used(s.used() - 1);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The key at or after slot `position`, with the position after it.
pub fn next_key(s: Gc<PySet>, mut position: usize) -> Option<(GcRef, usize)> {
    let keys = s.keys();
    while position < keys.len() {
        if let Some(k) = keys.get(position) {
            return Some((k, position + 1));
        }
        position += 1;
    }
    None
}

/// Empty the set.
pub fn clear(s: Gc<PySet>) -> PyResult<()> {
    s.set_keys(new_items(MIN_SIZE)?);
    s.set_hashes(new_hashes(MIN_SIZE)?);
    s.set_used(0);
    s.set_filled(0);
    Ok(())
}

/// Add every item of an iterable (CPython's `set_update_internal`): sets merge, dicts add
/// their keys with the hashes they have (after one resize), anything else is iterated.
pub fn update(s: Gc<PySet>, iterable: GcRef) -> PyResult<()> {
    if let Some(other) = as_set(iterable) {
        return merge(s, other);
    }
    if let Some(d) = iterable.downcast::<PyDict>() {
        let size = crate::objects::dict::len(d) as i64;
        let mask = s.keys().len() - 1;
        if ((s.filled() + size) as usize) * 5 >= mask * 3 {
            resize(s, ((s.used() + size) * 2) as usize)?;
        }
        let mut position = 0;
        while let Some((k, _, next)) = crate::objects::dict::next_entry(d, position) {
            add_hashed(s, k, d.hashes().get(next - 1))?;
            position = next;
        }
        return Ok(());
    }
    let iterator = ops::iter(iterable)?;
    while let Some(item) = ops::next(iterator)? {
        add(s, item)?;
    }
    Ok(())
}

/// The live entry at or after slot `position`: (key, hash, the position after it).
pub fn next_entry(s: Gc<PySet>, position: usize) -> Option<(GcRef, i64, usize)> {
    let (key, next) = next_key(s, position)?;
    Some((key, s.hashes().get(next - 1), next))
}

/// Fresh key and hash arrays of `size` slots.
pub fn new_table(size: usize) -> PyResult<(Gc<Items>, Gc<Array<i64>>)> {
    Ok((new_items(size)?, new_hashes(size)?))
}

/// Add another set's keys, in its table order (growing first, as CPython's `set_merge`).
pub fn merge(s: Gc<PySet>, other: Gc<PySet>) -> PyResult<()> {
    if other.used() == 0 || s == other {
        return Ok(());
    }
    let mask = s.keys().len() - 1;
    if ((s.filled() + other.used()) as usize) * 5 >= mask * 3 {
        resize(s, ((s.used() + other.used()) * 2) as usize)?;
    }
    let other_keys = other.keys();
    let other_hashes = other.hashes();
    if s.filled() == 0 && s.keys().len() == other_keys.len() && other.filled() == other.used() {
        // An empty table of the same size: the keys go in the same slots.
        for slot in 0..other_keys.len() {
            if let Some(k) = other_keys.get(slot) {
                s.keys().set(slot, Some(k));
                s.hashes().set(slot, other_hashes.get(slot));
            }
        }
        s.set_used(other.used());
        s.set_filled(other.used());
        return Ok(());
    }
    if s.filled() == 0 {
        let keys = s.keys();
        let hashes = s.hashes();
        let mask = keys.len() - 1;
        for slot in 0..other_keys.len() {
            if let Some(k) = other_keys.get(slot) {
                insert_clean(keys, hashes, mask, k, other_hashes.get(slot));
            }
        }
        s.set_used(other.used());
        s.set_filled(other.used());
        return Ok(());
    }
    for slot in 0..other_keys.len() {
        if let Some(k) = other_keys.get(slot) {
            add_hashed(s, k, other_hashes.get(slot))?;
        }
    }
    Ok(())
}

/// A new set (or frozenset) with the keys of `s`.
pub fn copy(s: Gc<PySet>, frozen: bool) -> PyResult<Gc<PySet>> {
    let result = new_set(frozen)?;
    merge(result, s)?;
    Ok(result)
}
