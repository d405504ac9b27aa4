//! The eval loop's inline fast paths: truth of a bool, int and float arithmetic and
//! comparisons, concatenation of tuples and strs, `list[int]`/`tuple[int]`, and the list
//! and range iterators' step. Each reads its operands with as few handle checks as it can
//! (`load_as` reads a type test and the fields under one) and leaves everything else to
//! the object protocol in `ops`.

use ferrite::{ArrayView, GcRef};

use crate::compiler::bytecode::{binop, cmpop};
use crate::objects::layout::*;
use crate::objects::{new_float, new_int, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::ops;
use crate::runtime::space::*;

use super::eval::item;

#[inline]
pub(crate) fn truth(value: GcRef) -> PyResult<bool> {
    if let Some(b) = value.load_as::<PyBool>() {
        return Ok(b.value);
    }
    ops::truthy(value)
}

#[inline(always)]
pub(crate) fn bool_value(common: &ArrayView<Option<GcRef>>, value: bool) -> GcRef {
    item(common, if value { COMMON_TRUE } else { COMMON_FALSE })
}

/// `BINARY_OP` with the int and float fast paths inline.
#[inline]
pub(crate) fn binary(
    common: &ArrayView<Option<GcRef>>,
    left: GcRef,
    right: GcRef,
    operator: u32,
) -> PyResult<GcRef> {
    if let (Some(a), Some(b)) = (left.load_as::<PyInt>(), right.load_as::<PyInt>()) {
        let (x, y) = (a.value, b.value);
        let fast = match operator & !binop::INPLACE {
            binop::ADD => x.checked_add(y),
            binop::SUB => x.checked_sub(y),
            binop::MUL => x.checked_mul(y),
            binop::AND => Some(x & y),
            binop::OR => Some(x | y),
            binop::XOR => Some(x ^ y),
            binop::FLOORDIV if y > 0 => Some(x.div_euclid(y)),
            binop::MOD if y > 0 => Some(x.rem_euclid(y)),
            _ => None,
        };
        if let Some(v) = fast {
            if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&v) {
                return Ok(item(
                    common,
                    COMMON_SMALL_INTS + (v - SMALL_INT_MIN) as usize,
                ));
            }
            return new_int(v);
        }
    } else if let (Some(a), Some(b)) = (left.load_as::<PyFloat>(), right.load_as::<PyFloat>()) {
        let (x, y) = (a.value, b.value);
        let fast = match operator & !binop::INPLACE {
            binop::ADD => Some(x + y),
            binop::SUB => Some(x - y),
            binop::MUL => Some(x * y),
            binop::TRUEDIV if y != 0.0 => Some(x / y),
            _ => None,
        };
        if let Some(v) = fast {
            return new_float(v);
        }
    } else if operator & !binop::INPLACE == binop::ADD {
        // Concatenation of two exact tuples or strs (`+=` too: both are immutable).
        if let (Some(a), Some(b)) = (left.downcast::<Items>(), right.downcast::<Items>()) {
            return tuple::concat(a, b);
        }
        if left.is::<PyStr>() && right.is::<PyStr>() {
            return pystr::concat(left, right);
        }
    }
    ops::binary_op(left, right, operator)
}

/// `COMPARE_OP` of two ints, two floats or (`==`, `!=`) two strs, if they are.
#[inline(always)]
pub(crate) fn compare_builtin(left: GcRef, right: GcRef, operator: u32) -> Option<bool> {
    if let (Some(a), Some(b)) = (left.load_as::<PyInt>(), right.load_as::<PyInt>()) {
        return Some(compare_values(a.value, b.value, operator));
    }
    if let (Some(a), Some(b)) = (left.load_as::<PyFloat>(), right.load_as::<PyFloat>()) {
        return Some(compare_values(a.value, b.value, operator));
    }
    if operator == cmpop::EQ || operator == cmpop::NE {
        if let (Some(a), Some(b)) = (left.downcast::<PyStr>(), right.downcast::<PyStr>()) {
            return Some(pystr::eq(a, b) == (operator == cmpop::EQ));
        }
    }
    None
}

#[inline(always)]
pub(crate) fn compare_values<T: PartialOrd>(x: T, y: T, operator: u32) -> bool {
    match operator {
        cmpop::LT => x < y,
        cmpop::LE => x <= y,
        cmpop::EQ => x == y,
        cmpop::NE => x != y,
        cmpop::GT => x > y,
        _ => x >= y,
    }
}

/// `BINARY_SUBSCR` with list[int] and tuple[int] inline.
#[inline]
pub(crate) fn subscript(container: GcRef, index: GcRef) -> PyResult<GcRef> {
    if let Some(i) = index.load_as::<PyInt>() {
        let i = i.value;
        if let Some(l) = container.load_as::<PyList>() {
            let n = l.length;
            let k = if i < 0 { i + n } else { i };
            if k >= 0 && k < n {
                return Ok(l.items.get(k as usize).expect("a list item"));
            }
        } else if let Some(t) = container.downcast::<Items>() {
            let n = t.len() as i64;
            let k = if i < 0 { i + n } else { i };
            if k >= 0 && k < n {
                return Ok(t.get(k as usize).expect("a tuple item"));
            }
        }
    }
    ops::getitem(container, index)
}

/// `FOR_ITER`'s step: list and range iterators inline.
#[inline]
pub(crate) fn for_next(iterator: GcRef) -> PyResult<Option<GcRef>> {
    if let Some(it) = iterator.downcast::<PyIterator>() {
        return crate::objects::iterators::next(it);
    }
    ops::next(iterator)
}
