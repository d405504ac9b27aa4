//! The methods of `tuple`.

use ferrite::{Gc, GcRef};

use super::list::{
    class_arg, compare_items, for_class, index_bounds, no_args, one_arg, positional, repr_enter,
    repr_items, repr_leave, ssize, wrong_receiver,
};
use crate::builtins::registry::{method, static_method, Args, NativeDef};
use crate::compiler::bytecode::cmpop;
use crate::objects::iterators::new_iterator;
use crate::objects::layout::*;
use crate::objects::tuple::as_tuple;
use crate::objects::typeobject::type_name_of;
use crate::objects::{list, new_int, new_items, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::ops;
use crate::runtime::space::{self, *};

pub fn methods() -> Vec<NativeDef> {
    vec![
        static_method(T_TUPLE, "__new__", tuple_new),
        method(T_TUPLE, "__repr__", tuple_repr),
        method(T_TUPLE, "__len__", tuple_len),
        method(T_TUPLE, "__getitem__", tuple_getitem),
        method(T_TUPLE, "__contains__", tuple_contains),
        method(T_TUPLE, "__iter__", tuple_iter),
        method(T_TUPLE, "__hash__", tuple_hash),
        method(T_TUPLE, "__eq__", tuple_eq),
        method(T_TUPLE, "__ne__", tuple_ne),
        method(T_TUPLE, "__lt__", tuple_lt),
        method(T_TUPLE, "__le__", tuple_le),
        method(T_TUPLE, "__gt__", tuple_gt),
        method(T_TUPLE, "__ge__", tuple_ge),
        method(T_TUPLE, "__add__", tuple_add),
        method(T_TUPLE, "__mul__", tuple_mul),
        method(T_TUPLE, "__rmul__", tuple_mul),
        method(T_TUPLE, "index", tuple_index),
        method(T_TUPLE, "count", tuple_count),
    ]
}

fn this(args: &Args, name: &str) -> PyResult<Gc<Items>> {
    match as_tuple(args.get(0)) {
        Some(t) => Ok(t),
        None => wrong_receiver(name, T_TUPLE, args.get(0)),
    }
}

fn tuple_new(args: &Args) -> PyResult<GcRef> {
    let cls = class_arg(args, T_TUPLE)?;
    if args.keyword_count() > 0 {
        return type_error("tuple() takes no keyword arguments");
    }
    super::list::arity("tuple", args.len() - 1, 0, 1)?;
    let value = match args.get_opt(1) {
        None => space::empty_tuple(),
        Some(iterable) if iterable.is::<Items>() => iterable,
        Some(iterable) => {
            let items = ops::collect_list(iterable)?;
            tuple::from_array(items.items(), 0, list::len(items))?
        }
    };
    for_class(cls, T_TUPLE, value)
}

fn tuple_repr(args: &Args) -> PyResult<GcRef> {
    let t = this(args, "__repr__")?;
    if t.is_empty() {
        return pystr::new_str("()");
    }
    let Some(depth) = repr_enter(t.erase()) else {
        return pystr::new_str("(...)");
    };
    let text = repr_items("(", ")", || t.len(), |i| t.get(i).expect("item"));
    repr_leave(depth);
    let mut text = text?;
    if t.len() == 1 {
        text.insert(text.len() - 1, ',');
    }
    pystr::new_string(text)
}

fn tuple_len(args: &Args) -> PyResult<GcRef> {
    no_args(args, "tuple.__len__")?;
    new_int(this(args, "__len__")?.len() as i64)
}

fn tuple_getitem(args: &Args) -> PyResult<GcRef> {
    let index = one_arg(args, "tuple.__getitem__")?;
    ops::getitem(this(args, "__getitem__")?.erase(), index)
}

/// The first index in `start..stop` of an item equal to `item`.
fn find(t: Gc<Items>, item: GcRef, start: usize, stop: usize) -> PyResult<Option<usize>> {
    for i in start..stop.min(t.len()) {
        let x = t.get(i).expect("item");
        if x == item || ops::eq(x, item)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn tuple_contains(args: &Args) -> PyResult<GcRef> {
    let item = one_arg(args, "tuple.__contains__")?;
    let t = this(args, "__contains__")?;
    Ok(space::bool_(find(t, item, 0, t.len())?.is_some()))
}

fn tuple_iter(args: &Args) -> PyResult<GcRef> {
    no_args(args, "tuple.__iter__")?;
    new_iterator(
        T_TUPLE_ITERATOR,
        this(args, "__iter__")?.erase(),
        None,
        0,
        0,
        1,
    )
}

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// CPython's tuple hash (xxHash's round over the item hashes), so hashes and thus set
/// and dict orders of tuples match CPython's.
pub(super) fn hash_items(t: Gc<Items>) -> PyResult<i64> {
    let mut acc = XXPRIME_5;
    for i in 0..t.len() {
        let lane = ops::hash(t.get(i).expect("item"))? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((t.len() as u64) ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn tuple_hash(args: &Args) -> PyResult<GcRef> {
    no_args(args, "tuple.__hash__")?;
    new_int(hash_items(this(args, "__hash__")?)?)
}

fn compare(args: &Args, op: u32) -> PyResult<GcRef> {
    let other = one_arg(args, "tuple.__eq__")?;
    compare_items(this(args, "__eq__")?, as_tuple(other), op)
}

fn tuple_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::EQ)
}

fn tuple_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::NE)
}

fn tuple_lt(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::LT)
}

fn tuple_le(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::LE)
}

fn tuple_gt(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::GT)
}

fn tuple_ge(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::GE)
}

fn tuple_add(args: &Args) -> PyResult<GcRef> {
    let other = one_arg(args, "tuple.__add__")?;
    let t = this(args, "__add__")?;
    let Some(o) = as_tuple(other) else {
        return type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            type_name_of(other)
        ));
    };
    let total = t.len() + o.len();
    if total == 0 {
        return Ok(space::empty_tuple());
    }
    let items = new_items(total)?;
    for i in 0..t.len() {
        items.set(i, t.get(i));
    }
    for i in 0..o.len() {
        items.set(t.len() + i, o.get(i));
    }
    Ok(items.erase())
}

fn tuple_mul(args: &Args) -> PyResult<GcRef> {
    let count = one_arg(args, "tuple.__mul__")?;
    let t = this(args, "__mul__")?;
    let n = ssize(count)?.max(0) as usize;
    if n == 1 && args.get(0).is::<Items>() {
        return Ok(args.get(0));
    }
    if t.is_empty() || n == 0 {
        return Ok(space::empty_tuple());
    }
    let Some(total) = t
        .len()
        .checked_mul(n)
        .filter(|&k| k < isize::MAX as usize / 8)
    else {
        return Err(space::memory_error());
    };
    let items = new_items(total)?;
    for i in 0..total {
        items.set(i, t.get(i % t.len()));
    }
    Ok(items.erase())
}

fn tuple_index(args: &Args) -> PyResult<GcRef> {
    positional(args, "tuple.index", 1, 3)?;
    let t = this(args, "index")?;
    let (start, stop) = index_bounds(args, 2, t.len())?;
    match find(t, args.get(1), start, stop)? {
        Some(i) => new_int(i as i64),
        None => value_error("tuple.index(x): x not in tuple"),
    }
}

fn tuple_count(args: &Args) -> PyResult<GcRef> {
    let item = one_arg(args, "tuple.count")?;
    let t = this(args, "count")?;
    let mut count = 0;
    for i in 0..t.len() {
        let x = t.get(i).expect("item");
        if x == item || ops::eq(x, item)? {
            count += 1;
        }
    }
    new_int(count)
}
