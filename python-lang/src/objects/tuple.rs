//! `tuple`: a bare `Array<Option<GcRef>>` (see `layout`).

use ferrite::{GcRef, RootVec};

use crate::objects::layout::*;
use crate::objects::new_items;
use crate::runtime::errors::PyResult;
use crate::runtime::space;

pub fn as_tuple(object: GcRef) -> Option<ferrite::Gc<Items>> {
    match object.downcast::<Items>() {
        Some(t) => Some(t),
        None => object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .and_then(|b| b.downcast::<Items>()),
    }
}

pub fn len(tuple: GcRef) -> usize {
    as_tuple(tuple).expect("a tuple").len()
}

pub fn get(tuple: GcRef, index: usize) -> GcRef {
    as_tuple(tuple)
        .expect("a tuple")
        .get(index)
        .expect("tuple items are not null")
}

/// The items in a Vec. The Vec is not a GC root: use it only where nothing allocates
/// while it lives (or use `to_roots`).
pub fn to_vec(tuple: GcRef) -> Vec<GcRef> {
    let t = as_tuple(tuple).expect("a tuple");
    (0..t.len())
        .map(|i| t.get(i).expect("tuple items are not null"))
        .collect()
}

/// The items, rooted (they stay valid across allocations).
pub fn to_roots(tuple: GcRef) -> RootVec<GcRef> {
    let t = as_tuple(tuple).expect("a tuple");
    let roots = RootVec::new();
    for i in 0..t.len() {
        roots.push(t.get(i).expect("tuple items are not null"));
    }
    roots
}

/// A tuple of rooted values.
pub fn from_roots(values: &RootVec<GcRef>) -> PyResult<GcRef> {
    if values.is_empty() {
        return Ok(space::empty_tuple());
    }
    let items = new_items(values.len())?;
    for i in 0..values.len() {
        items.set(i, Some(values.get(i)));
    }
    Ok(items.erase())
}

/// A tuple of the first `count` items of an array.
pub fn from_array(source: ferrite::Gc<Items>, start: usize, count: usize) -> PyResult<GcRef> {
    if count == 0 {
        return Ok(space::empty_tuple());
    }
    let items = new_items(count)?;
    items.copy_from(0, source, start, count);
    Ok(items.erase())
}

/// `a + b` for two tuples.
pub fn concat(a: ferrite::Gc<Items>, b: ferrite::Gc<Items>) -> PyResult<GcRef> {
    let (n, m) = (a.len(), b.len());
    if n + m == 0 {
        return Ok(space::empty_tuple());
    }
    let items = new_items(n + m)?;
    items.copy_from(0, a, 0, n);
    items.copy_from(n, b, 0, m);
    Ok(items.erase())
}
