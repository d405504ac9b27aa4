//! The methods of `range`.
//!
//! A range whose bounds and length fit a word is a `PyRange` (the common case, with fast
//! paths in `ops` and `iterators`). Python allows any int, so a larger one is a
//! `PyWrapper` of kind `range` holding start, stop, step and length as int objects; only
//! the methods here see it, and they work on `BigInt`s.

use ferrite::GcRef;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::list::{arity, no_args, one_arg};
use crate::builtins::registry::{method, property, static_method, Args, NativeDef};
use crate::objects::int::{self, from_big, int_value};
use crate::objects::iterators::{builtin_iter, new_iterator, sequence_iterator};
use crate::objects::layout::*;
use crate::objects::typeobject::{lookup_name, type_name_of};
use crate::objects::{alloc, new_int, new_tuple, range as objrange, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::ops;
use crate::runtime::space::{self, *};

pub fn methods() -> Vec<NativeDef> {
    vec![
        static_method(T_RANGE, "__new__", range_new),
        method(T_RANGE, "__repr__", range_repr),
        method(T_RANGE, "__len__", range_len),
        method(T_RANGE, "__bool__", range_bool),
        method(T_RANGE, "__getitem__", range_getitem),
        method(T_RANGE, "__contains__", range_contains),
        method(T_RANGE, "__iter__", range_iter),
        method(T_RANGE, "__reversed__", range_reversed),
        method(T_RANGE, "__eq__", range_eq),
        method(T_RANGE, "__ne__", range_ne),
        method(T_RANGE, "__hash__", range_hash),
        method(T_RANGE, "index", range_index),
        method(T_RANGE, "count", range_count),
        property(T_RANGE, "start", range_start, None),
        property(T_RANGE, "stop", range_stop, None),
        property(T_RANGE, "step", range_step, None),
    ]
}

/// A range's numbers, whatever its representation.
struct Range {
    start: BigInt,
    stop: BigInt,
    step: BigInt,
    length: BigInt,
}

fn big_of(value: Option<GcRef>) -> BigInt {
    value
        .and_then(int_value)
        .map(|v| v.to_big())
        .unwrap_or_default()
}

fn range_of(object: GcRef) -> PyResult<Range> {
    if let Some(r) = object.downcast::<PyRange>() {
        return Ok(Range {
            start: r.start().into(),
            stop: r.stop().into(),
            step: r.step().into(),
            length: r.length().into(),
        });
    }
    match object
        .downcast::<PyWrapper>()
        .filter(|w| w.kind() as usize == T_RANGE)
    {
        Some(w) => Ok(Range {
            start: big_of(w.first()),
            stop: big_of(w.second()),
            step: big_of(w.third()),
            length: big_of(w.fourth()),
        }),
        None => type_error(format!(
            "descriptor requires a 'range' object but received a '{}'",
            type_name_of(object)
        )),
    }
}

fn length_of(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let one = BigInt::one();
    if step.is_positive() && start < stop {
        (stop - start - &one) / step + one
    } else if step.is_negative() && start > stop {
        (start - stop - &one) / -step + one
    } else {
        BigInt::zero()
    }
}

/// A range object for these bounds (`step` nonzero): a `PyRange` when everything fits.
fn make_range(start: BigInt, stop: BigInt, step: BigInt) -> PyResult<GcRef> {
    let length = length_of(&start, &stop, &step);
    if let (Some(a), Some(b), Some(c), Some(_)) = (
        start.to_i64(),
        stop.to_i64(),
        step.to_i64(),
        length.to_i64(),
    ) {
        return objrange::new_range(a, b, c);
    }
    let fields = [from_big(start)?, from_big(stop)?, from_big(step)?];
    let length = from_big(length)?;
    Ok(alloc(PyWrapper {
        kind: T_RANGE as i64,
        first: Some(fields[0]),
        second: Some(fields[1]),
        third: Some(fields[2]),
        fourth: Some(length),
        dict: None,
    })?
    .erase())
}

fn range_new(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error("range() takes no keyword arguments");
    }
    arity("range", args.len() - 1, 1, 3)?;
    let value = |i: usize| -> PyResult<BigInt> { Ok(ops::index_int(args.get(i))?.to_big()) };
    let (start, stop, step) = match args.len() - 1 {
        1 => (BigInt::zero(), value(1)?, BigInt::one()),
        2 => (value(1)?, value(2)?, BigInt::one()),
        _ => (value(1)?, value(2)?, value(3)?),
    };
    if step.is_zero() {
        return value_error("range() arg 3 must not be zero");
    }
    make_range(start, stop, step)
}

fn range_repr(args: &Args) -> PyResult<GcRef> {
    let r = range_of(args.get(0))?;
    let text = if r.step.is_one() {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    };
    pystr::new_string(text)
}

fn range_len(args: &Args) -> PyResult<GcRef> {
    no_args(args, "range.__len__")?;
    match range_of(args.get(0))?.length.to_i64() {
        Some(n) => new_int(n),
        None => overflow_error("Python int too large to convert to C ssize_t"),
    }
}

fn range_bool(args: &Args) -> PyResult<GcRef> {
    no_args(args, "range.__bool__")?;
    Ok(space::bool_(!range_of(args.get(0))?.length.is_zero()))
}

fn range_getitem(args: &Args) -> PyResult<GcRef> {
    let index = one_arg(args, "range.__getitem__")?;
    let r = range_of(args.get(0))?;
    if let Some(s) = index.downcast::<PySlice>() {
        let (start, stop, step) = super::slice::long_indices(s, &r.length)?;
        return make_range(
            &r.start + start * &r.step,
            &r.start + stop * &r.step,
            &r.step * step,
        );
    }
    let is_index = int::is_int(index) || lookup_name(space::type_of(index), N::index).is_some();
    if !is_index {
        return type_error(format!(
            "range indices must be integers or slices, not {}",
            type_name_of(index)
        ));
    }
    let mut i = ops::index_int(index)?.to_big();
    if i.is_negative() {
        i += &r.length;
    }
    if i.is_negative() || i >= r.length {
        return index_error("range object index out of range");
    }
    from_big(r.start + i * r.step)
}

/// Ints (and bools) are found by arithmetic; other values by comparing with each item.
fn exact_int(value: GcRef) -> Option<BigInt> {
    if value.is::<PyInt>() || value.is::<PyBigInt>() || value.is::<PyBool>() {
        return int_value(value).map(|v| v.to_big());
    }
    None
}

fn holds(r: &Range, x: &BigInt) -> bool {
    let inside = if r.step.is_positive() {
        &r.start <= x && x < &r.stop
    } else {
        &r.stop < x && x <= &r.start
    };
    inside && (x - &r.start).mod_floor(&r.step).is_zero()
}

/// The position of the first item equal to `value` by iteration (for non-ints).
fn search(range: GcRef, value: GcRef) -> PyResult<Option<i64>> {
    let iterator = ops::iter(range)?;
    let mut i = 0;
    while let Some(item) = ops::next(iterator)? {
        if item == value || ops::eq(item, value)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn range_contains(args: &Args) -> PyResult<GcRef> {
    let value = one_arg(args, "range.__contains__")?;
    let r = range_of(args.get(0))?;
    let found = match exact_int(value) {
        Some(x) => holds(&r, &x),
        None => search(args.get(0), value)?.is_some(),
    };
    Ok(space::bool_(found))
}

fn range_iter(args: &Args) -> PyResult<GcRef> {
    no_args(args, "range.__iter__")?;
    let object = args.get(0);
    range_of(object)?;
    match builtin_iter(object)? {
        Some(it) => Ok(it),
        // A range beyond a word is walked by index.
        None => sequence_iterator(object),
    }
}

fn range_reversed(args: &Args) -> PyResult<GcRef> {
    no_args(args, "range.__reversed__")?;
    let object = args.get(0);
    if let Some(r) = object.downcast::<PyRange>() {
        let last = r
            .start()
            .wrapping_add((r.length() - 1).wrapping_mul(r.step()));
        return new_iterator(
            T_RANGE_ITERATOR,
            object,
            None,
            last,
            r.length(),
            r.step().wrapping_neg(),
        );
    }
    let length = range_of(object)?.length;
    match length.to_i64() {
        Some(n) => new_iterator(T_REVERSED, object, None, n - 1, 0, -1),
        None => overflow_error("Python int too large to convert to C ssize_t"),
    }
}

/// CPython's `range_equals`: the same sequence of numbers.
fn equal(a: &Range, b: &Range) -> bool {
    a.length == b.length
        && (a.length.is_zero() || (a.start == b.start && (a.length.is_one() || a.step == b.step)))
}

fn compare(args: &Args, equal_wanted: bool) -> PyResult<GcRef> {
    let other = one_arg(args, "range.__eq__")?;
    let r = range_of(args.get(0))?;
    let Ok(o) = range_of(other) else {
        return Ok(space::not_implemented());
    };
    Ok(space::bool_(equal(&r, &o) == equal_wanted))
}

fn range_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, true)
}

fn range_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, false)
}

/// CPython's range hash: that of `(len, start, step)`, with None for what does not
/// matter (start and step of an empty range, step of a one-item range).
fn range_hash(args: &Args) -> PyResult<GcRef> {
    no_args(args, "range.__hash__")?;
    let r = range_of(args.get(0))?;
    let none = space::none();
    let length = from_big(r.length.clone())?;
    let (start, step) = if r.length.is_zero() {
        (none, none)
    } else if r.length.is_one() {
        (from_big(r.start)?, none)
    } else {
        (from_big(r.start)?, from_big(r.step)?)
    };
    let t = new_tuple(&[length, start, step])?;
    let items = t.downcast::<Items>().expect("a tuple");
    new_int(super::tuple::hash_items(items)?)
}

fn range_index(args: &Args) -> PyResult<GcRef> {
    let value = one_arg(args, "range.index")?;
    let r = range_of(args.get(0))?;
    match exact_int(value) {
        Some(x) if holds(&r, &x) => from_big((x - r.start) / r.step),
        Some(_) => value_error(format!("{} is not in range", ops::repr_string(value)?)),
        None => match search(args.get(0), value)? {
            Some(i) => new_int(i),
            None => value_error("sequence.index(x): x not in sequence"),
        },
    }
}

fn range_count(args: &Args) -> PyResult<GcRef> {
    let value = one_arg(args, "range.count")?;
    let r = range_of(args.get(0))?;
    if let Some(x) = exact_int(value) {
        return new_int(holds(&r, &x) as i64);
    }
    let iterator = ops::iter(args.get(0))?;
    let mut count = 0;
    while let Some(item) = ops::next(iterator)? {
        if item == value || ops::eq(item, value)? {
            count += 1;
        }
    }
    new_int(count)
}

fn field(args: &Args, pick: fn(Range) -> BigInt) -> PyResult<GcRef> {
    from_big(pick(range_of(args.get(0))?))
}

fn range_start(args: &Args) -> PyResult<GcRef> {
    field(args, |r| r.start)
}

fn range_stop(args: &Args) -> PyResult<GcRef> {
    field(args, |r| r.stop)
}

fn range_step(args: &Args) -> PyResult<GcRef> {
    field(args, |r| r.step)
}
