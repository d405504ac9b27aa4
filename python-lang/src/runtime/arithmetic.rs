//! Arithmetic on objects: the binary operators (with in-place and reflected forms and
//! `NotImplemented`), the unary ones, `abs`, `divmod`, three-argument `pow` and
//! `__index__`, with the built-in numbers' fast paths first.

use ferrite::GcRef;

use crate::compiler::bytecode::binop;
use crate::objects::int::{self, int_value, IntValue};
use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup_name, type_name_of};
use crate::objects::{list, new_float, new_int, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::ops::{call_special, is_not_implemented, number, Number};
use crate::runtime::space::{self, *};

const BINARY_NAMES: [(N, N, N); 13] = [
    (N::add, N::radd, N::iadd),
    (N::sub, N::rsub, N::isub),
    (N::mul, N::rmul, N::imul),
    (N::matmul, N::rmatmul, N::imatmul),
    (N::truediv, N::rtruediv, N::itruediv),
    (N::floordiv, N::rfloordiv, N::ifloordiv),
    (N::mod_, N::rmod, N::imod),
    (N::pow, N::rpow, N::ipow),
    (N::lshift, N::rlshift, N::ilshift),
    (N::rshift, N::rrshift, N::irshift),
    (N::and, N::rand, N::iand),
    (N::or, N::ror, N::ior),
    (N::xor, N::rxor, N::ixor),
];

/// `a <op> b` (`op` a `BINARY_OP` argument, possibly in-place).
pub fn binary_op(a: GcRef, b: GcRef, op: u32) -> PyResult<GcRef> {
    let inplace = op & binop::INPLACE != 0;
    let base = op & !binop::INPLACE;
    if let (Some(x), Some(y)) = (a.downcast::<PyInt>(), b.downcast::<PyInt>()) {
        if let Some(r) = int::binary(
            base,
            &IntValue::Small(x.value()),
            &IntValue::Small(y.value()),
        )? {
            return Ok(r);
        }
    }
    if let (Some(x), Some(y)) = (a.downcast::<PyFloat>(), b.downcast::<PyFloat>()) {
        if let Some(r) = float_binary(base, x.value(), y.value())? {
            return Ok(r);
        }
    }
    if !inplace {
        if let Some(r) = instance_binary(a, b, base)? {
            return Ok(r);
        }
    }
    if inplace {
        if let Some(r) = call_special(a, BINARY_NAMES[base as usize].2, &[b])? {
            if !is_not_implemented(r) {
                return Ok(r);
            }
        }
    }
    if let Some(r) = builtin_binary(a, b, base)? {
        return Ok(r);
    }
    let ta = space::type_of(a);
    let tb = space::type_of(b);
    let (forward, reflected, _) = BINARY_NAMES[base as usize];
    // The right operand's reflected method goes first when its class derives from the
    // left's and overrides it — or when the left is a built-in type, whose own methods
    // only raise for foreign operands (CPython reaches the reflected number slot before
    // a sequence's concatenation error).
    let left_builtin =
        ta.flags() & typeobject::TYPE_HEAP == 0 && tb.flags() & typeobject::TYPE_HEAP != 0;
    let right_first = ta != tb
        && (left_builtin && lookup_name(tb, reflected).is_some() || typeobject::is_subtype(tb, ta))
        && lookup_name(tb, reflected).is_some()
        && lookup_name(tb, reflected) != lookup_name(ta, reflected);
    if right_first {
        if let Some(r) = call_special(b, reflected, &[a])? {
            if !is_not_implemented(r) {
                return Ok(r);
            }
        }
    }
    if let Some(r) = call_special(a, forward, &[b])? {
        if !is_not_implemented(r) {
            return Ok(r);
        }
    }
    if ta != tb && !right_first {
        if let Some(r) = call_special(b, reflected, &[a])? {
            if !is_not_implemented(r) {
                return Ok(r);
            }
        }
    }
    unsupported(a, b, base, inplace)
}

/// `a op b` where `a` is an instance of a Python class whose method for `op` is a plain
/// function, and `b` is an instance of the same class or a built-in value (whose type
/// cannot derive from `a`'s): Python calls `a`'s method first, then only `b`'s reflected
/// one if the types differ. The generic path's type lookups are skipped (operator-heavy
/// code such as vector classes spends most of its operator time there). None when the
/// operands are not of that shape.
fn instance_binary(a: GcRef, b: GcRef, base: u32) -> PyResult<Option<GcRef>> {
    let Some(left) = a.load_as::<PyInstance>() else {
        return Ok(None);
    };
    let same_class = b
        .load_as::<PyInstance>()
        .is_some_and(|right| right.cls == left.cls);
    if !same_class && space::fixed_type_index(b.descriptor_id()).is_none() {
        return Ok(None);
    }
    let (forward, reflected, _) = BINARY_NAMES[base as usize];
    let Some(method) = lookup_name(left.cls, forward).filter(|m| m.is::<PyFunction>()) else {
        return Ok(None);
    };
    let r = crate::runtime::call::call_function(method, &[a, b])?;
    if !is_not_implemented(r) {
        return Ok(Some(r));
    }
    if !same_class {
        if let Some(r) = call_special(b, reflected, &[a])? {
            if !is_not_implemented(r) {
                return Ok(Some(r));
            }
        }
    }
    unsupported(a, b, base, false).map(Some)
}

/// The TypeError of an operator no operand supports.
fn unsupported(a: GcRef, b: GcRef, base: u32, inplace: bool) -> PyResult<GcRef> {
    let symbol = binop::SYMBOLS[base as usize];
    let symbol = if inplace {
        format!("{symbol}=")
    } else {
        symbol.to_string()
    };
    if base == binop::POW && !inplace {
        return type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            type_name_of(a),
            type_name_of(b)
        ));
    }
    type_error(format!(
        "unsupported operand type(s) for {symbol}: '{}' and '{}'",
        type_name_of(a),
        type_name_of(b)
    ))
}

fn float_binary(op: u32, x: f64, y: f64) -> PyResult<Option<GcRef>> {
    let value = match op {
        binop::ADD => x + y,
        binop::SUB => x - y,
        binop::MUL => x * y,
        binop::TRUEDIV => {
            if y == 0.0 {
                return zero_division("float division by zero");
            }
            x / y
        }
        binop::FLOORDIV | binop::MOD => {
            if y == 0.0 {
                return zero_division(if op == binop::MOD {
                    "float modulo"
                } else {
                    "float floor division by zero"
                });
            }
            let (q, r) = float_divmod(x, y);
            if op == binop::FLOORDIV {
                q
            } else {
                r
            }
        }
        binop::POW => {
            if x == 0.0 && y < 0.0 {
                return zero_division("0.0 cannot be raised to a negative power");
            }
            if x < 0.0 && y.fract() != 0.0 {
                return Ok(None);
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return overflow_error("(34, 'Numerical result out of range')");
            }
            r
        }
        _ => return Ok(None),
    };
    Ok(Some(new_float(value)?))
}

/// Python's float divmod: the remainder has the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// Arithmetic of built-in types other than the int/int and float/float fast paths.
fn builtin_binary(a: GcRef, b: GcRef, op: u32) -> PyResult<Option<GcRef>> {
    if let (Some(x), Some(y)) = (a.downcast::<PyBool>(), b.downcast::<PyBool>()) {
        let (x, y) = (x.value(), y.value());
        match op {
            binop::AND => return Ok(Some(space::bool_(x & y))),
            binop::OR => return Ok(Some(space::bool_(x | y))),
            binop::XOR => return Ok(Some(space::bool_(x ^ y))),
            _ => {}
        }
    }
    let ta = space::type_of(a);
    let tb = space::type_of(b);
    if ta.flags() & typeobject::TYPE_HEAP != 0
        && lookup_name(ta, BINARY_NAMES[op as usize].0).is_some_and(|m| !m.is::<PyBuiltin>())
    {
        return Ok(None);
    }
    if tb.flags() & typeobject::TYPE_HEAP != 0
        && lookup_name(tb, BINARY_NAMES[op as usize].1).is_some_and(|m| !m.is::<PyBuiltin>())
    {
        return Ok(None);
    }
    match (number(a), number(b)) {
        (Some(Number::Int(x)), Some(Number::Int(y))) => return int::binary(op, &x, &y),
        (Some(x), Some(y)) => {
            let fx = match x {
                Number::Float(f) => f,
                Number::Int(i) => int::value_to_f64(&i)?,
            };
            let fy = match y {
                Number::Float(f) => f,
                Number::Int(i) => int::value_to_f64(&i)?,
            };
            return float_binary(op, fx, fy);
        }
        _ => {}
    }
    if op == binop::ADD {
        if pystr::as_str(a).is_some() && pystr::as_str(b).is_some() {
            return pystr::concat(a, b).map(Some);
        }
        if let (Some(x), Some(y)) = (tuple::as_tuple(a), tuple::as_tuple(b)) {
            return tuple::concat(x, y).map(Some);
        }
        if let (Some(x), Some(y)) = (list::as_list(a), list::as_list(b)) {
            let result = list::new_list(list::len(x) + list::len(y))?;
            let (xs, ys) = (list::snapshot(x)?, list::snapshot(y)?);
            for i in 0..xs.len() {
                list::append(result, xs.get(i).expect("item"))?;
            }
            for i in 0..ys.len() {
                list::append(result, ys.get(i).expect("item"))?;
            }
            return Ok(Some(result.erase()));
        }
    }
    if op == binop::MUL {
        let (seq, count) = if int_value(b).is_some() {
            (a, b)
        } else {
            (b, a)
        };
        if let Some(n) = int_value(count) {
            let n = match n {
                IntValue::Small(v) => v,
                IntValue::Big(_) => {
                    return overflow_error("cannot fit 'int' into an index-sized integer")
                }
            };
            if pystr::as_str(seq).is_some() {
                return pystr::repeat(seq, n).map(Some);
            }
            if let Some(l) = list::as_list(seq) {
                let items = list::snapshot(l)?;
                let result = list::new_list(items.len() * n.max(0) as usize)?;
                for _ in 0..n.max(0) {
                    for i in 0..items.len() {
                        list::append(result, items.get(i).expect("item"))?;
                    }
                }
                return Ok(Some(result.erase()));
            }
            if let Some(t) = tuple::as_tuple(seq) {
                let total = t.len() * n.max(0) as usize;
                let items = crate::objects::new_items(total)?;
                for i in 0..total {
                    items.set(i, t.get(i % t.len()));
                }
                return Ok(Some(if total == 0 {
                    space::empty_tuple()
                } else {
                    items.erase()
                }));
            }
        }
    }
    if op == binop::MOD && pystr::as_str(a).is_some() {
        return crate::builtins::format::percent_format(a, b).map(Some);
    }
    Ok(None)
}

pub fn unary_negative(a: GcRef) -> PyResult<GcRef> {
    if let Some(i) = a.downcast::<PyInt>() {
        if let Some(v) = i.value().checked_neg() {
            return new_int(v);
        }
    }
    if let Some(f) = a.downcast::<PyFloat>() {
        return new_float(-f.value());
    }
    unary_special(a, N::neg, '-')
}

pub fn unary_positive(a: GcRef) -> PyResult<GcRef> {
    unary_special(a, N::pos, '+')
}

pub fn unary_invert(a: GcRef) -> PyResult<GcRef> {
    unary_special(a, N::invert, '~')
}

/// A unary operator through its special method, or CPython's "bad operand type" error.
fn unary_special(a: GcRef, which: N, symbol: char) -> PyResult<GcRef> {
    match call_special(a, which, &[])? {
        Some(r) => Ok(r),
        None => type_error(format!(
            "bad operand type for unary {symbol}: '{}'",
            type_name_of(a)
        )),
    }
}

/// An object used as an index (`__index__`).
pub fn index_value(object: GcRef) -> PyResult<i64> {
    if let Some(i) = object.downcast::<PyInt>() {
        return Ok(i.value());
    }
    match int_value(object) {
        Some(IntValue::Small(v)) => Ok(v),
        Some(IntValue::Big(_)) => raise(
            T_INDEX_ERROR,
            "cannot fit 'int' into an index-sized integer",
        ),
        None => match call_special(object, N::index, &[])? {
            Some(r) if int_value(r).is_none() => type_error(format!(
                "__index__ returned non-int (type {})",
                type_name_of(r)
            )),
            Some(r) => index_value(r),
            None => type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name_of(object)
            )),
        },
    }
}

/// `abs(x)`.
pub fn absolute(value: GcRef) -> PyResult<GcRef> {
    if let Some(i) = value.downcast::<PyInt>() {
        if let Some(v) = i.value().checked_abs() {
            return new_int(v);
        }
    }
    if let Some(f) = value.downcast::<PyFloat>() {
        return new_float(f.value().abs());
    }
    match call_special(value, N::abs, &[])? {
        Some(r) => Ok(r),
        None => type_error(format!(
            "bad operand type for abs(): '{}'",
            type_name_of(value)
        )),
    }
}

/// `divmod(a, b)`.
pub fn divmod(a: GcRef, b: GcRef) -> PyResult<GcRef> {
    if let (Some(Number::Int(x)), Some(Number::Int(y))) = (number(a), number(b)) {
        if !a.is::<PyInstance>() && !b.is::<PyInstance>() {
            let q = int::binary(binop::FLOORDIV, &x, &y)?.expect("int floor division");
            let r = int::binary(binop::MOD, &x, &y)?.expect("int modulo");
            return crate::objects::new_tuple(&[q, r]);
        }
    }
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        if !a.is::<PyInstance>() && !b.is::<PyInstance>() {
            let fx = match x {
                Number::Float(f) => f,
                Number::Int(i) => int::value_to_f64(&i)?,
            };
            let fy = match y {
                Number::Float(f) => f,
                Number::Int(i) => int::value_to_f64(&i)?,
            };
            if fy == 0.0 {
                return zero_division("float divmod()");
            }
            let (q, r) = float_divmod(fx, fy);
            return crate::objects::new_tuple(&[new_float(q)?, new_float(r)?]);
        }
    }
    if let Some(r) = call_special(a, N::divmod, &[b])? {
        if !is_not_implemented(r) {
            return Ok(r);
        }
    }
    if let Some(r) = call_special(b, N::rdivmod, &[a])? {
        if !is_not_implemented(r) {
            return Ok(r);
        }
    }
    type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        type_name_of(a),
        type_name_of(b)
    ))
}

/// `pow(base, exp, mod)` for ints.
pub fn pow_mod(base: GcRef, exp: GcRef, modulus: GcRef) -> PyResult<GcRef> {
    let (Some(b), Some(e), Some(m)) = (int_value(base), int_value(exp), int_value(modulus)) else {
        if let Some(r) = call_special(base, N::pow, &[exp, modulus])? {
            if !is_not_implemented(r) {
                return Ok(r);
            }
        }
        if let Some(r) = call_special(exp, N::rpow, &[base, modulus])? {
            if !is_not_implemented(r) {
                return Ok(r);
            }
        }
        return type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
            type_name_of(base),
            type_name_of(exp),
            type_name_of(modulus)
        ));
    };
    int::pow_mod(&b, &e, &m)
}

/// The int value of `__index__` (for `bin`, `hex`, slicing, …).
pub fn index_int(value: GcRef) -> PyResult<IntValue> {
    if let Some(i) = int_value(value) {
        return Ok(i);
    }
    match call_special(value, N::index, &[])? {
        Some(r) => match int_value(r) {
            Some(i) if r.is::<PyInt>() || r.is::<PyBigInt>() || r.is::<PyBool>() => Ok(i),
            _ => type_error(format!(
                "__index__ returned non-int (type {})",
                type_name_of(r)
            )),
        },
        None => type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name_of(value)
        )),
    }
}
