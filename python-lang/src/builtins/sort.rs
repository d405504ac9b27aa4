//! Sorting a list (`list.sort`, `sorted`): stable, with `key` and `reverse`, comparing
//! with `<` as CPython does. a stable merge sort gives the same order as CPython's timsort
//! for any consistent `<`; a comparison that raises stops the sort and the list keeps
//! its old order.

use std::cmp::Ordering;

use ferrite::{Gc, GcRef};

use crate::compiler::bytecode::cmpop;
use crate::objects::layout::*;
use crate::objects::{list, new_items, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::{call, ops};

/// `a < b` with the common cases inline.
fn less_than(a: GcRef, b: GcRef) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.downcast::<PyInt>(), b.downcast::<PyInt>()) {
        return Ok(x.value() < y.value());
    }
    if let (Some(x), Some(y)) = (a.downcast::<PyFloat>(), b.downcast::<PyFloat>()) {
        return Ok(x.value() < y.value());
    }
    if let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>()) {
        return Ok(pystr::compare(x, y) == Ordering::Less);
    }
    ops::truthy(ops::compare(a, b, cmpop::LT)?)
}

/// Sort `l` in place.
pub fn sort_list(l: Gc<PyList>, key: Option<GcRef>, reverse: bool) -> PyResult<()> {
    let n = list::len(l);
    // Keys and values live in GC arrays (rooted by this frame), not in a Vec.
    let values = list::snapshot(l)?;
    let keys = match key {
        None => values,
        Some(f) => {
            let keys = new_items(n)?;
            for i in 0..n {
                keys.set(
                    i,
                    Some(call::call_function(f, &[values.get(i).expect("item")])?),
                );
            }
            keys
        }
    };
    // Whether item i must come before item j (stability keeps equal items in order).
    let before = |i: usize, j: usize| -> PyResult<bool> {
        let (a, b) = (keys.get(i).expect("key"), keys.get(j).expect("key"));
        if reverse {
            less_than(b, a)
        } else {
            less_than(a, b)
        }
    };
    let mut order: Vec<usize> = (0..n).collect();
    merge_sort(&mut order, &before)?;
    if list::len(l) != n {
        return value_error("list modified during sort");
    }
    for (position, &index) in order.iter().enumerate() {
        list::set(l, position, values.get(index).expect("item"));
    }
    Ok(())
}

/// A stable merge sort on indices whose comparison may fail. (Rust's own sorts may panic
/// when the order is not total, as `<` with NaNs or a user `__lt__` need not be.)
fn merge_sort(
    items: &mut [usize],
    before: &dyn Fn(usize, usize) -> PyResult<bool>,
) -> PyResult<()> {
    const SMALL: usize = 16;
    let n = items.len();
    if n <= SMALL {
        // Insertion sort: moves an item left past those it must come before.
        for i in 1..n {
            let mut j = i;
            while j > 0 && before(items[j], items[j - 1])? {
                items.swap(j, j - 1);
                j -= 1;
            }
        }
        return Ok(());
    }
    let middle = n / 2;
    merge_sort(&mut items[..middle], before)?;
    merge_sort(&mut items[middle..], before)?;
    // Already in order: nothing to merge.
    if !before(items[middle], items[middle - 1])? {
        return Ok(());
    }
    let left: Vec<usize> = items[..middle].to_vec();
    let (mut i, mut j, mut k) = (0, middle, 0);
    while i < left.len() && j < n {
        if before(items[j], left[i])? {
            items[k] = items[j];
            j += 1;
        } else {
            items[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    while i < left.len() {
        items[k] = left[i];
        i += 1;
        k += 1;
    }
    Ok(())
}
