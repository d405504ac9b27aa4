//! Quasi-immutable fields (RPython's `_immutable_fields_ = ['x?']`): fields that rarely
//! change, such as a class's version tag. A trace that reads one from a constant object
//! uses the value it saw as a constant, and *watches* the field: the JIT registers a watch
//! cell (a one-byte `Array<u8>`, 0 while valid) for each such field, and the trace checks
//! its cell with `guard_not_invalidated` where it relied on the value. The generated setter
//! of a `#[quasi_immutable]` field calls [`field_written`], which sets every cell watching
//! that field to 1 and forgets them, so those traces leave at their next check.
//!
//! Watches are per field of a type, not per object: writing the field of any object of the
//! type invalidates every trace that read it from some object. Such writes are rare by
//! the field's contract, and this keeps the write side a table lookup. Objects belong to
//! one thread, and so do their traces and this table.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::{Array, DescriptorId, Gc, GcRef, RootVec};

thread_local! {
    static WATCHES: RefCell<HashMap<(u32, usize), RootVec<GcRef>>> =
        RefCell::new(HashMap::new());
}

/// A new watch cell, valid (0).
pub fn new_watch_cell() -> Result<Gc<Array<u8>>, crate::OutOfMemory> {
    Array::new(1, 0u8)
}

/// Whether `cell` has been invalidated.
pub fn is_invalidated(cell: Gc<Array<u8>>) -> bool {
    cell.get(0) != 0
}

/// Invalidate `cell` when field `field` of type `owner` is written.
pub fn watch(owner: DescriptorId, field: usize, cell: Gc<Array<u8>>) {
    WATCHES.with(|watches| {
        watches
            .borrow_mut()
            .entry((owner.as_u32(), field))
            .or_default()
            .push(cell.erase());
    });
}

/// Field `field` of an object of type `owner` was written: invalidate the cells watching it.
/// The generated setter of a `#[quasi_immutable]` field calls this; so must anything else
/// that writes such a field.
pub fn field_written(owner: DescriptorId, field: usize) {
    let cells = WATCHES.with(|watches| watches.borrow_mut().remove(&(owner.as_u32(), field)));
    if let Some(cells) = cells {
        for cell in cells.to_vec() {
            if let Some(cell) = cell.downcast::<Array<u8>>() {
                cell.set(0, 1);
            }
        }
    }
}
