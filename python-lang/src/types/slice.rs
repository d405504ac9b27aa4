//! The methods of `slice`, and slice resolution on arbitrary-size ints (`range` slicing
//! shares it).

use ferrite::GcRef;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use super::list::{arity, one_arg, unhashable};
use crate::builtins::registry::{method, property, static_method, Args, NativeDef};
use crate::compiler::bytecode::cmpop;
use crate::objects::int::{self, from_big};
use crate::objects::layout::*;
use crate::objects::typeobject::{lookup_name, type_name_of};
use crate::objects::{alloc, is_none, new_tuple, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::ops;
use crate::runtime::space::{self, *};

pub fn methods() -> Vec<NativeDef> {
    vec![
        static_method(T_SLICE, "__new__", slice_new),
        method(T_SLICE, "__repr__", slice_repr),
        method(T_SLICE, "__hash__", unhashable),
        method(T_SLICE, "__eq__", slice_eq),
        method(T_SLICE, "__ne__", slice_ne),
        method(T_SLICE, "__lt__", slice_lt),
        method(T_SLICE, "__le__", slice_le),
        method(T_SLICE, "__gt__", slice_gt),
        method(T_SLICE, "__ge__", slice_ge),
        method(T_SLICE, "indices", slice_indices),
        property(T_SLICE, "start", slice_start, None),
        property(T_SLICE, "stop", slice_stop, None),
        property(T_SLICE, "step", slice_step, None),
    ]
}

fn this(object: GcRef) -> PyResult<ferrite::Gc<PySlice>> {
    match object.downcast::<PySlice>() {
        Some(s) => Ok(s),
        None => type_error(format!(
            "descriptor requires a 'slice' object but received a '{}'",
            type_name_of(object)
        )),
    }
}

fn slice_new(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error("slice() takes no keyword arguments");
    }
    arity("slice", args.len() - 1, 1, 3)?;
    let none = space::none();
    let (start, stop, step) = match args.len() - 1 {
        1 => (none, args.get(1), none),
        2 => (args.get(1), args.get(2), none),
        _ => (args.get(1), args.get(2), args.get(3)),
    };
    Ok(alloc(PySlice { start, stop, step })?.erase())
}

fn slice_repr(args: &Args) -> PyResult<GcRef> {
    let s = this(args.get(0))?;
    pystr::new_string(format!(
        "slice({}, {}, {})",
        ops::repr_string(s.start())?,
        ops::repr_string(s.stop())?,
        ops::repr_string(s.step())?
    ))
}

fn slice_start(args: &Args) -> PyResult<GcRef> {
    Ok(this(args.get(0))?.start())
}

fn slice_stop(args: &Args) -> PyResult<GcRef> {
    Ok(this(args.get(0))?.stop())
}

fn slice_step(args: &Args) -> PyResult<GcRef> {
    Ok(this(args.get(0))?.step())
}

/// CPython's `slice_richcompare`: as the tuples `(start, stop, step)`.
fn compare(args: &Args, op: u32) -> PyResult<GcRef> {
    let other = one_arg(args, "slice.__eq__")?;
    let s = this(args.get(0))?;
    let Some(o) = other.downcast::<PySlice>() else {
        return Ok(space::not_implemented());
    };
    if s == o {
        return Ok(space::bool_(matches!(
            op,
            cmpop::EQ | cmpop::LE | cmpop::GE
        )));
    }
    let mine = new_tuple(&[s.start(), s.stop(), s.step()])?;
    let theirs = new_tuple(&[o.start(), o.stop(), o.step()])?;
    ops::compare(mine, theirs, op)
}

fn slice_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::EQ)
}

fn slice_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::NE)
}

fn slice_lt(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::LT)
}

fn slice_le(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::LE)
}

fn slice_gt(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::GT)
}

fn slice_ge(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::GE)
}

fn slice_indices(args: &Args) -> PyResult<GcRef> {
    let length = one_arg(args, "slice.indices")?;
    let s = this(args.get(0))?;
    let length = ops::index_int(length)?.to_big();
    if length.is_negative() {
        return value_error("length should not be negative");
    }
    let (start, stop, step) = long_indices(s, &length)?;
    new_tuple(&[from_big(start)?, from_big(stop)?, from_big(step)?])
}

/// A slice bound as an int: None stays None, anything else needs `__index__`.
fn bound(value: GcRef) -> PyResult<Option<BigInt>> {
    if is_none(value) {
        return Ok(None);
    }
    let has_index = int::is_int(value) || lookup_name(space::type_of(value), N::index).is_some();
    if !has_index {
        return type_error("slice indices must be integers or None or have an __index__ method");
    }
    Ok(Some(ops::index_int(value)?.to_big()))
}

/// CPython's `_PySlice_GetLongIndices`: (start, stop, step) of a slice applied to a
/// sequence of `length` items, clamped into range, on ints of any size.
pub(super) fn long_indices(
    s: ferrite::Gc<PySlice>,
    length: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let step = bound(s.step())?.unwrap_or_else(|| BigInt::from(1));
    if step.is_zero() {
        return value_error("slice step cannot be zero");
    }
    let negative = step.is_negative();
    let (lower, upper) = if negative {
        (BigInt::from(-1), length - 1)
    } else {
        (BigInt::zero(), length.clone())
    };
    let clamp = |value: Option<BigInt>, default: &BigInt| -> BigInt {
        match value {
            None => default.clone(),
            Some(v) if v.is_negative() => {
                let v = v + length;
                if v < lower {
                    lower.clone()
                } else {
                    v
                }
            }
            Some(v) => {
                if v > upper {
                    upper.clone()
                } else {
                    v
                }
            }
        }
    };
    let start = bound(s.start())?;
    let start = clamp(start, if negative { &upper } else { &lower });
    let stop = bound(s.stop())?;
    let stop = clamp(stop, if negative { &lower } else { &upper });
    Ok((start, stop, step))
}
