//! `id()`: a number fixed for an object's lifetime. Objects may move in a collection, so
//! the first address an object was seen at is remembered with the object (which the
//! table keeps alive); asking again finds the object by identity.

use ferrite::{GcRef, RootVec};

use crate::runtime::errors::PyResult;

thread_local! {
    static TABLE: std::cell::RefCell<(RootVec<GcRef>, Vec<i64>)> =
        std::cell::RefCell::new((RootVec::new(), Vec::new()));
}

/// The id of `object`.
pub fn id_of(object: GcRef) -> PyResult<i64> {
    TABLE.with(|table| {
        let mut table = table.borrow_mut();
        let (objects, ids) = &mut *table;
        for (i, id) in ids.iter().enumerate() {
            if objects.get(i) == object {
                return Ok(*id);
            }
        }
        let id = object.address() as i64;
        objects.push(object);
        ids.push(id);
        Ok(id)
    })
}
