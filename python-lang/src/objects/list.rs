//! `list`: a growable array of references.

use ferrite::{Gc, GcRef};

use crate::objects::layout::*;
use crate::objects::{alloc, new_items};
use crate::runtime::errors::PyResult;

pub fn new_list(capacity: usize) -> PyResult<Gc<PyList>> {
    alloc(PyList {
        items: new_items(capacity.max(4))?,
        length: 0,
    })
}

pub fn as_list(object: GcRef) -> Option<Gc<PyList>> {
    match object.downcast::<PyList>() {
        Some(l) => Some(l),
        None => object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .and_then(|b| b.downcast::<PyList>()),
    }
}

pub fn from_vec(values: &[GcRef]) -> PyResult<GcRef> {
    let list = new_list(values.len())?;
    let items = list.items();
    items.with_view(|view| {
        for (i, v) in values.iter().enumerate() {
            view.set(i, Some(*v));
        }
    });
    list.set_length(values.len() as i64);
    Ok(list.erase())
}

/// A new list of `count` items of `source` from `start`.
pub fn from_array(source: Gc<Items>, start: usize, count: usize) -> PyResult<Gc<PyList>> {
    let items = new_items(count.max(4))?;
    items.copy_from(0, source, start, count);
    alloc(PyList {
        items,
        length: count as i64,
    })
}

pub fn len(list: Gc<PyList>) -> usize {
    list.length() as usize
}

pub fn get(list: Gc<PyList>, index: usize) -> GcRef {
    list.items().get(index).expect("list items are not null")
}

pub fn set(list: Gc<PyList>, index: usize, value: GcRef) {
    list.items().set(index, Some(value));
}

/// Make room for `needed` items; the list's items array afterwards.
fn reserve(list: Gc<PyList>, needed: usize) -> PyResult<Gc<Items>> {
    let PyList { items, length } = list.load();
    if needed <= items.len() {
        return Ok(items);
    }
    let capacity = (needed + needed / 8 + 6).max(items.len() * 2);
    let bigger = new_items(capacity)?;
    bigger.copy_from(0, items, 0, length as usize);
    list.set_items(bigger);
    Ok(bigger)
}

pub fn append(list: Gc<PyList>, value: GcRef) -> PyResult<()> {
    let PyList { items, length } = list.load();
    let n = length as usize;
    let items = if n < items.len() {
        items
    } else {
        reserve(list, n + 1)?
    };
    items.set(n, Some(value));
    list.set_length(n as i64 + 1);
    Ok(())
}

pub fn insert(list: Gc<PyList>, index: usize, value: GcRef) -> PyResult<()> {
    let n = list.length() as usize;
    let items = reserve(list, n + 1)?;
    items.copy_from(index + 1, items, index, n - index);
    items.set(index, Some(value));
    list.set_length(n as i64 + 1);
    Ok(())
}

pub fn remove_at(list: Gc<PyList>, index: usize) -> GcRef {
    let PyList { items, length } = list.load();
    let n = length as usize;
    let value = items.get(index).expect("an item");
    items.copy_from(index, items, index + 1, n - 1 - index);
    items.set(n - 1, None);
    list.set_length(n as i64 - 1);
    value
}

/// Replace items `start..stop` with `count` items of `source` (a snapshot array).
pub fn replace_range(
    list: Gc<PyList>,
    start: usize,
    stop: usize,
    source: Gc<Items>,
    count: usize,
) -> PyResult<()> {
    let n = list.length() as usize;
    let new_len = n - (stop - start) + count;
    let items = reserve(list, new_len)?;
    // Move the tail, then copy the new items in and clear what the list no longer uses.
    items.copy_from(start + count, items, stop, n - stop);
    items.copy_from(start, source, 0, count);
    items.with_view(|view| {
        for i in new_len..n {
            view.set(i, None);
        }
    });
    list.set_length(new_len as i64);
    Ok(())
}

/// The items as a fresh array of exactly the list's length (a snapshot).
pub fn snapshot(list: Gc<PyList>) -> PyResult<Gc<Items>> {
    let PyList { items, length } = list.load();
    let array = new_items(length as usize)?;
    array.copy_from(0, items, 0, length as usize);
    Ok(array)
}
