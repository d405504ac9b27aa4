//! Python's built-in object kinds: their heap layouts (`layout`) and, per kind, the
//! operations and methods.

pub mod bytes;
pub mod descriptors;
pub mod dict;
pub mod exception;
pub mod float;
pub mod function;
pub mod instance;
pub mod int;
pub mod iterators;
pub mod layout;
pub mod list;
pub mod method_cache;
pub mod object;
pub mod range;
pub mod set;
pub mod str;
pub mod tuple;
pub mod typeobject;

use ferrite::{Array, Gc, GcRef};

use crate::runtime::errors::PyResult;
use crate::runtime::space;
use layout::*;

/// Allocate a GC object, turning a full heap into `MemoryError`.
#[inline]
pub fn alloc<T: ferrite::GcObject>(value: T) -> PyResult<Gc<T>> {
    Gc::new(value).map_err(|_| space::memory_error())
}

/// A fresh array of `length` nulls.
#[inline]
pub fn new_items(length: usize) -> PyResult<Gc<Items>> {
    Array::new(length, None).map_err(|_| space::memory_error())
}

#[inline]
pub fn new_int(value: i64) -> PyResult<GcRef> {
    if let Some(small) = space::small_int(value) {
        return Ok(small);
    }
    Ok(alloc(PyInt { value })?.erase())
}

#[inline]
pub fn new_float(value: f64) -> PyResult<GcRef> {
    Ok(alloc(PyFloat { value })?.erase())
}

#[inline]
pub fn new_bool(value: bool) -> GcRef {
    space::bool_(value)
}

/// A tuple of the given items.
pub fn new_tuple(items: &[GcRef]) -> PyResult<GcRef> {
    if items.is_empty() {
        return Ok(space::empty_tuple());
    }
    let array = new_items(items.len())?;
    for (i, item) in items.iter().enumerate() {
        array.set(i, Some(*item));
    }
    Ok(array.erase())
}

pub fn is_none(object: GcRef) -> bool {
    object
        .load_as::<PySingleton>()
        .is_some_and(|s| s.kind == space::SINGLETON_NONE)
}

/// The value, or None for an absent optional field.
pub fn or_none(value: Option<GcRef>) -> GcRef {
    value.unwrap_or_else(space::none)
}

pub fn none() -> GcRef {
    space::none()
}
