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
    for (i, v) in values.iter().enumerate() {
        list.items().set(i, Some(*v));
    }
    list.set_length(values.len() as i64);
    Ok(list.erase())
}

/// A list of `count` items of an array.
pub fn from_array(source: Gc<Items>, start: usize, count: usize) -> PyResult<Gc<PyList>> {
    let list = new_list(count)?;
    let items = list.items();
    for i in 0..count {
        items.set(i, source.get(start + i));
    }
    list.set_length(count as i64);
    Ok(list)
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

fn reserve(list: Gc<PyList>, needed: usize) -> PyResult<()> {
    let items = list.items();
    if needed <= items.len() {
        return Ok(());
    }
    let capacity = (needed + needed / 8 + 6).max(items.len() * 2);
    let bigger = new_items(capacity)?;
    for i in 0..list.length() as usize {
        bigger.set(i, items.get(i));
    }
    list.set_items(bigger);
    Ok(())
}

pub fn append(list: Gc<PyList>, value: GcRef) -> PyResult<()> {
    let n = list.length() as usize;
    if n >= list.items().len() {
        reserve(list, n + 1)?;
    }
    list.items().set(n, Some(value));
    list.set_length(n as i64 + 1);
    Ok(())
}

pub fn insert(list: Gc<PyList>, index: usize, value: GcRef) -> PyResult<()> {
    let n = list.length() as usize;
    reserve(list, n + 1)?;
    let items = list.items();
    let mut i = n;
    while i > index {
        items.set(i, items.get(i - 1));
        i -= 1;
    }
    items.set(index, Some(value));
    list.set_length(n as i64 + 1);
    Ok(())
}

pub fn remove_at(list: Gc<PyList>, index: usize) -> GcRef {
    let n = list.length() as usize;
    let items = list.items();
    let value = items.get(index).expect("an item");
    for i in index..n - 1 {
        items.set(i, items.get(i + 1));
    }
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
    reserve(list, new_len)?;
    let items = list.items();
    // Move the tail.
    let tail: Vec<usize> = (stop..n).collect();
    if count > stop - start {
        for &i in tail.iter().rev() {
            items.set(i + count - (stop - start), items.get(i));
        }
    } else {
        for &i in tail.iter() {
            items.set(i + count - (stop - start), items.get(i));
        }
    }
    for i in 0..count {
        items.set(start + i, source.get(i));
    }
    for i in new_len..n {
        items.set(i, None);
    }
    list.set_length(new_len as i64);
    Ok(())
}

/// The items as a fresh array of exactly the list's length (a snapshot).
pub fn snapshot(list: Gc<PyList>) -> PyResult<Gc<Items>> {
    let n = len(list);
    let array = new_items(n)?;
    let items = list.items();
    for i in 0..n {
        array.set(i, items.get(i));
    }
    Ok(array)
}
