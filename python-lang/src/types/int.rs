//! The methods of `int` and `bool`.
//!
//! The arithmetic is `objects::int`'s; these are the Python-visible dunders, which return
//! NotImplemented for an operand that is not an int so that the other operand's reflected
//! method gets its turn, construction (`int(x)`, `int(text, base)` with CPython's literal
//! syntax), and the named methods (`bit_length`, `to_bytes`, …). `bool` adds only its
//! constructor, repr and the bitwise operators that keep bools bools.

use ferrite::{Gc, GcRef};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::builtins::registry::{class_method, method, property, static_method, Args, NativeDef};
use crate::compiler::bytecode::{binop, cmpop};
use crate::objects::int::{self as objint, from_big, from_value, int_value, IntValue};
use crate::objects::layout::*;
use crate::objects::typeobject::{is_subtype, lookup_name, type_name, type_name_of};
use crate::objects::{bytes, instance, new_float, new_int, new_tuple, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};
use crate::types::float::{
    ascii_number_text, int_to_f64, is_ascii_space, ordering_result, ratio_to_f64,
};

pub fn methods() -> Vec<NativeDef> {
    vec![
        static_method(T_INT, "__new__", int_new),
        method(T_INT, "__repr__", int_repr),
        method(T_INT, "__hash__", int_hash),
        method(T_INT, "__bool__", int_bool),
        method(T_INT, "__index__", int_index),
        method(T_INT, "__int__", int_int),
        method(T_INT, "__float__", int_float),
        method(T_INT, "__trunc__", int_trunc),
        method(T_INT, "__floor__", int_floor),
        method(T_INT, "__ceil__", int_ceil),
        method(T_INT, "__round__", int_round),
        method(T_INT, "__pos__", int_pos),
        method(T_INT, "__neg__", int_neg),
        method(T_INT, "__abs__", int_abs),
        method(T_INT, "__invert__", int_invert),
        method(T_INT, "__add__", int_add),
        method(T_INT, "__radd__", int_radd),
        method(T_INT, "__sub__", int_sub),
        method(T_INT, "__rsub__", int_rsub),
        method(T_INT, "__mul__", int_mul),
        method(T_INT, "__rmul__", int_rmul),
        method(T_INT, "__truediv__", int_truediv),
        method(T_INT, "__rtruediv__", int_rtruediv),
        method(T_INT, "__floordiv__", int_floordiv),
        method(T_INT, "__rfloordiv__", int_rfloordiv),
        method(T_INT, "__mod__", int_mod),
        method(T_INT, "__rmod__", int_rmod),
        method(T_INT, "__divmod__", int_divmod),
        method(T_INT, "__rdivmod__", int_rdivmod),
        method(T_INT, "__pow__", int_pow),
        method(T_INT, "__rpow__", int_rpow),
        method(T_INT, "__lshift__", int_lshift),
        method(T_INT, "__rlshift__", int_rlshift),
        method(T_INT, "__rshift__", int_rshift),
        method(T_INT, "__rrshift__", int_rrshift),
        method(T_INT, "__and__", int_and),
        method(T_INT, "__rand__", int_rand),
        method(T_INT, "__or__", int_or),
        method(T_INT, "__ror__", int_ror),
        method(T_INT, "__xor__", int_xor),
        method(T_INT, "__rxor__", int_rxor),
        method(T_INT, "__eq__", int_eq),
        method(T_INT, "__ne__", int_ne),
        method(T_INT, "__lt__", int_lt),
        method(T_INT, "__le__", int_le),
        method(T_INT, "__gt__", int_gt),
        method(T_INT, "__ge__", int_ge),
        method(T_INT, "__format__", int_format),
        method(T_INT, "__getnewargs__", int_getnewargs),
        method(T_INT, "__sizeof__", int_sizeof),
        method(T_INT, "bit_length", int_bit_length),
        method(T_INT, "bit_count", int_bit_count),
        method(T_INT, "to_bytes", int_to_bytes),
        class_method(T_INT, "from_bytes", int_from_bytes),
        method(T_INT, "as_integer_ratio", int_as_integer_ratio),
        method(T_INT, "conjugate", int_conjugate),
        property(T_INT, "real", int_real, None),
        property(T_INT, "imag", int_imag, None),
        property(T_INT, "numerator", int_numerator, None),
        property(T_INT, "denominator", int_denominator, None),
        static_method(T_BOOL, "__new__", bool_new),
        method(T_BOOL, "__repr__", bool_repr),
        method(T_BOOL, "__and__", bool_and),
        method(T_BOOL, "__rand__", bool_rand),
        method(T_BOOL, "__or__", bool_or),
        method(T_BOOL, "__ror__", bool_ror),
        method(T_BOOL, "__xor__", bool_xor),
        method(T_BOOL, "__rxor__", bool_rxor),
    ]
}

// ---- argument checks shared by the number types ----------------------------------------

/// A slot wrapper (`__add__`, `__neg__`, …) takes no keywords.
pub fn no_keywords(args: &Args, name: &str) -> PyResult<()> {
    if args.keyword_count() > 0 {
        return type_error(format!("wrapper {name}() takes no keyword arguments"));
    }
    Ok(())
}

/// A slot wrapper takes exactly `n` arguments besides the receiver.
pub fn wrapper_arity(args: &Args, name: &str, n: usize) -> PyResult<()> {
    no_keywords(args, name)?;
    let given = args.len() - 1;
    if given != n {
        return type_error(format!(
            "expected {n} argument{}, got {given}",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok(())
}

/// The receiver of an int method, with CPython's message for another type.
fn receiver(args: &Args, name: &str) -> PyResult<IntValue> {
    if args.is_empty() {
        return type_error(format!(
            "descriptor '{name}' of 'int' object needs an argument"
        ));
    }
    let this = args.get(0);
    match int_value(this) {
        Some(v) => Ok(v),
        None => type_error(format!(
            "descriptor '{name}' requires a 'int' object but received a '{}'",
            type_name_of(this)
        )),
    }
}

/// The receiver of a slot wrapper taking no other argument.
fn unary(args: &Args, name: &str) -> PyResult<IntValue> {
    let v = receiver(args, name)?;
    wrapper_arity(args, name, 0)?;
    Ok(v)
}

/// The receiver of a named method taking no argument (`int.bit_length()`).
fn plain(args: &Args, name: &str) -> PyResult<IntValue> {
    let v = receiver(args, name)?;
    args.shifted().expect_in("int", name, 0, 0)?;
    Ok(v)
}

// ---- construction ------------------------------------------------------------------------

fn int_new(args: &Args) -> PyResult<GcRef> {
    let cls = args.get(0);
    let Some(t) = cls.downcast::<PyType>() else {
        return type_error(format!(
            "int.__new__(X): X is not a type object ({})",
            type_name_of(cls)
        ));
    };
    let given = args.len() - 1;
    if given > 2 {
        return type_error(format!("int() takes at most 2 arguments ({given} given)"));
    }
    let x = args.get_opt(1);
    let mut base = args.get_opt(2);
    for i in 0..args.keyword_count() {
        let (name, value) = args.keyword_at(i);
        let name = pystr::to_string(name);
        if name != "base" {
            return type_error(format!("'{name}' is an invalid keyword argument for int()"));
        }
        if base.is_some() {
            return type_error("argument for int() given by name ('base') and position (2)");
        }
        base = Some(value);
    }
    let value = match (x, base) {
        (None, None) => new_int(0)?,
        (None, Some(_)) => return type_error("int() missing string argument"),
        (Some(x), None) => int_from(x)?,
        (Some(x), Some(base)) => int_from_text_object(x, base)?,
    };
    wrap_int(t, value)
}

/// The object `int.__new__(cls, …)` returns for `value` (a plain int).
fn wrap_int(cls: Gc<PyType>, value: GcRef) -> PyResult<GcRef> {
    if cls == space::builtin_type(T_INT) {
        return Ok(value);
    }
    let name = type_name(cls);
    if !is_subtype(cls, space::builtin_type(T_INT)) {
        return type_error(format!(
            "int.__new__({name}): {name} is not a subtype of int"
        ));
    }
    if is_subtype(cls, space::builtin_type(T_BOOL)) {
        return type_error(format!(
            "int.__new__({name}) is not safe, use {name}.__new__()"
        ));
    }
    let object = instance::new_instance(cls)?;
    object.set_base(Some(value));
    Ok(object.erase())
}

/// An exact int for the value of an int, bool or int subclass instance.
fn exact(value: GcRef) -> PyResult<GcRef> {
    if value.is::<PyInt>() || value.is::<PyBigInt>() {
        return Ok(value);
    }
    from_value(int_value(value).expect("an int"))
}

/// `int(x)`: `__int__`, `__index__`, `__trunc__`, or a str/bytes literal in base 10.
pub fn int_from(x: GcRef) -> PyResult<GcRef> {
    if x.is::<PyInt>() || x.is::<PyBigInt>() {
        return Ok(x);
    }
    if let Some(b) = x.downcast::<PyBool>() {
        return new_int(b.value() as i64);
    }
    if let Some(f) = x.downcast::<PyFloat>() {
        return crate::types::float::float_to_int(f.value());
    }
    let t = space::type_of(x);
    if lookup_name(t, N::int_).is_some() {
        let result = ops::call_special(x, N::int_, &[])?.expect("__int__");
        if int_value(result).is_none() {
            return type_error(format!(
                "__int__ returned non-int (type {})",
                type_name_of(result)
            ));
        }
        return exact(result);
    }
    if lookup_name(t, N::index).is_some() {
        return from_value(ops::index_int(x)?);
    }
    if lookup_name(t, N::trunc).is_some() {
        let result = ops::call_special(x, N::trunc, &[])?.expect("__trunc__");
        if int_value(result).is_some() {
            return exact(result);
        }
        if lookup_name(space::type_of(result), N::index).is_none() {
            return type_error(format!(
                "__trunc__ returned non-Integral (type {})",
                type_name_of(result)
            ));
        }
        return from_value(ops::index_int(result)?);
    }
    if pystr::as_str(x).is_some() {
        return int_from_str(x, 10);
    }
    if let Some(data) = bytes::bytes_of(x) {
        return int_from_bytes_literal(&data, 10);
    }
    type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        type_name(t)
    ))
}

/// `int(x, base)`: x must be text.
fn int_from_text_object(x: GcRef, base: GcRef) -> PyResult<GcRef> {
    let base = match ops::index_int(base)? {
        IntValue::Small(b) if b == 0 || (2..=36).contains(&b) => b as u32,
        _ => return value_error("int() base must be >= 2 and <= 36, or 0"),
    };
    if pystr::as_str(x).is_some() {
        return int_from_str(x, base);
    }
    if let Some(data) = bytes::bytes_of(x) {
        return int_from_bytes_literal(&data, base);
    }
    type_error("int() can't convert non-string with explicit base")
}

fn int_from_str(x: GcRef, base: u32) -> PyResult<GcRef> {
    let text = pystr::with_str(x, |s| s.to_string());
    match parse_int(&ascii_number_text(&text), base)? {
        Some(v) => from_big(v),
        None => {
            let shown: String = pystr::repr_text(&text).chars().take(200).collect();
            value_error(format!(
                "invalid literal for int() with base {base}: {shown}"
            ))
        }
    }
}

fn int_from_bytes_literal(data: &[u8], base: u32) -> PyResult<GcRef> {
    match parse_int(data, base)? {
        Some(v) => from_big(v),
        None => {
            let shown: String = bytes::repr_bytes(data, "b").chars().take(200).collect();
            value_error(format!(
                "invalid literal for int() with base {base}: {shown}"
            ))
        }
    }
}

/// CPython's limit on the digits of a decimal (non power-of-two base) conversion.
const MAX_STR_DIGITS: usize = 4300;

/// An int literal as `int(text, base)` reads it: whitespace around, a sign, a prefix
/// (`0x`, `0o`, `0b`) that must match the base or picks it when the base is 0, single
/// underscores between digits (and after a prefix). None if invalid; an error past the
/// digit limit.
pub fn parse_int(text: &[u8], base: u32) -> PyResult<Option<BigInt>> {
    let mut s = text;
    while s.first().is_some_and(|b| is_ascii_space(*b)) {
        s = &s[1..];
    }
    let negative = s.first() == Some(&b'-');
    if matches!(s.first(), Some(b'+' | b'-')) {
        s = &s[1..];
    }
    let mut base = base;
    // A leading 0 in base 0 without a prefix: only zeros may follow.
    let mut only_zero = false;
    let prefix =
        |s: &[u8], letter: u8| s.len() >= 2 && s[0] == b'0' && s[1].to_ascii_lowercase() == letter;
    if base == 0 {
        base = if prefix(s, b'x') {
            16
        } else if prefix(s, b'o') {
            8
        } else if prefix(s, b'b') {
            2
        } else {
            only_zero = s.first() == Some(&b'0');
            10
        };
    }
    let letter = match base {
        16 => b'x',
        8 => b'o',
        2 => b'b',
        _ => 0,
    };
    if letter != 0 && prefix(s, letter) {
        s = &s[2..];
        // One underscore may follow the prefix.
        if s.first() == Some(&b'_') {
            s = &s[1..];
        }
    }
    let mut digits = Vec::with_capacity(s.len());
    let mut previous_underscore = true;
    let mut end = 0;
    while end < s.len() {
        let b = s[end];
        if b == b'_' {
            if previous_underscore {
                return Ok(None);
            }
            previous_underscore = true;
        } else if (b as char).is_digit(base) {
            digits.push(b);
            previous_underscore = false;
        } else {
            break;
        }
        end += 1;
    }
    if digits.is_empty() || previous_underscore {
        return Ok(None);
    }
    if s[end..].iter().any(|b| !is_ascii_space(*b)) {
        return Ok(None);
    }
    if !base.is_power_of_two() && digits.len() > MAX_STR_DIGITS {
        return value_error(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: \
             value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            digits.len()
        ));
    }
    let value = BigInt::parse_bytes(&digits, base).expect("valid digits");
    if only_zero && !value.is_zero() {
        return Ok(None);
    }
    Ok(Some(if negative { -value } else { value }))
}

// ---- conversions and unary operations ----------------------------------------------------

/// `str(n)` in decimal, refused past CPython's digit limit.
pub fn int_to_decimal(value: &IntValue) -> PyResult<String> {
    const LIMIT_MESSAGE: &str = "Exceeds the limit (4300 digits) for integer string \
                                 conversion; use sys.set_int_max_str_digits() to increase the limit";
    match value {
        IntValue::Small(v) => Ok(v.to_string()),
        IntValue::Big(b) => {
            // 14400 bits are more than 4300 decimal digits: no need to convert.
            if b.bits() > 14400 {
                return value_error(LIMIT_MESSAGE);
            }
            let text = b.to_string();
            let digits = text.len() - b.is_negative() as usize;
            if digits > MAX_STR_DIGITS {
                return value_error(LIMIT_MESSAGE);
            }
            Ok(text)
        }
    }
}

fn int_repr(args: &Args) -> PyResult<GcRef> {
    let v = unary(args, "__repr__")?;
    pystr::new_string(int_to_decimal(&v)?)
}

fn int_hash(args: &Args) -> PyResult<GcRef> {
    new_int(objint::hash(&unary(args, "__hash__")?))
}

fn int_bool(args: &Args) -> PyResult<GcRef> {
    let v = unary(args, "__bool__")?;
    Ok(space::bool_(!matches!(v, IntValue::Small(0))))
}

macro_rules! identity_methods {
    ($($function:ident $name:literal;)*) => {
        $(fn $function(args: &Args) -> PyResult<GcRef> {
            unary(args, $name)?;
            exact(args.get(0))
        })*
    };
}

identity_methods! {
    int_index "__index__";
    int_int "__int__";
    int_trunc "__trunc__";
    int_floor "__floor__";
    int_ceil "__ceil__";
    int_pos "__pos__";
}

fn int_float(args: &Args) -> PyResult<GcRef> {
    new_float(int_to_f64(&unary(args, "__float__")?)?)
}

fn negate(v: &IntValue) -> PyResult<GcRef> {
    match v {
        IntValue::Small(x) => match x.checked_neg() {
            Some(n) => new_int(n),
            None => from_big(-BigInt::from(*x)),
        },
        IntValue::Big(b) => from_big(-b),
    }
}

fn int_neg(args: &Args) -> PyResult<GcRef> {
    negate(&unary(args, "__neg__")?)
}

fn int_abs(args: &Args) -> PyResult<GcRef> {
    let v = unary(args, "__abs__")?;
    match &v {
        IntValue::Small(x) if *x >= 0 => exact(args.get(0)),
        IntValue::Big(b) if !b.is_negative() => exact(args.get(0)),
        _ => negate(&v),
    }
}

fn int_invert(args: &Args) -> PyResult<GcRef> {
    match unary(args, "__invert__")? {
        IntValue::Small(x) => new_int(!x),
        IntValue::Big(b) => from_big(-b - 1),
    }
}

fn int_conjugate(args: &Args) -> PyResult<GcRef> {
    plain(args, "conjugate")?;
    exact(args.get(0))
}

fn int_real(args: &Args) -> PyResult<GcRef> {
    receiver(args, "real")?;
    exact(args.get(0))
}

fn int_numerator(args: &Args) -> PyResult<GcRef> {
    receiver(args, "numerator")?;
    exact(args.get(0))
}

fn int_imag(args: &Args) -> PyResult<GcRef> {
    receiver(args, "imag")?;
    new_int(0)
}

fn int_denominator(args: &Args) -> PyResult<GcRef> {
    receiver(args, "denominator")?;
    new_int(1)
}

fn int_getnewargs(args: &Args) -> PyResult<GcRef> {
    unary(args, "__getnewargs__")?;
    new_tuple(&[exact(args.get(0))?])
}

fn int_sizeof(args: &Args) -> PyResult<GcRef> {
    let v = unary(args, "__sizeof__")?;
    // CPython's layout: a 24-byte header and 30-bit digits (at least one).
    let bits = v.to_big().bits().max(1);
    new_int(24 + 4 * bits.div_ceil(30) as i64)
}

fn int_as_integer_ratio(args: &Args) -> PyResult<GcRef> {
    plain(args, "as_integer_ratio")?;
    new_tuple(&[exact(args.get(0))?, new_int(1)?])
}

fn int_bit_length(args: &Args) -> PyResult<GcRef> {
    let v = plain(args, "bit_length")?;
    new_int(match v {
        IntValue::Small(x) => 64 - x.unsigned_abs().leading_zeros() as i64,
        IntValue::Big(b) => b.bits() as i64,
    })
}

fn int_bit_count(args: &Args) -> PyResult<GcRef> {
    let v = plain(args, "bit_count")?;
    new_int(match v {
        IntValue::Small(x) => x.unsigned_abs().count_ones() as i64,
        IntValue::Big(b) => b
            .magnitude()
            .to_u64_digits()
            .iter()
            .map(|d| d.count_ones() as i64)
            .sum(),
    })
}

fn int_format(args: &Args) -> PyResult<GcRef> {
    receiver(args, "__format__")?;
    args.shifted().expect("__format__", 1, 1)?;
    let spec = args.get(1);
    if pystr::as_str(spec).is_none() {
        return type_error(format!(
            "__format__() argument must be str, not {}",
            type_name_of(spec)
        ));
    }
    let spec = pystr::to_string(spec);
    crate::builtins::format::format_int_value(args.get(0), &spec)
}

// ---- rounding ----------------------------------------------------------------------------

fn int_round(args: &Args) -> PyResult<GcRef> {
    let v = receiver(args, "__round__")?;
    no_keywords(args, "__round__")?;
    let given = args.len() - 1;
    if given > 1 {
        return type_error(format!(
            "__round__ expected at most 1 argument, got {given}"
        ));
    }
    let Some(ndigits) = args.get_opt(1) else {
        return exact(args.get(0));
    };
    let ndigits = ops::index_int(ndigits)?.to_big();
    if !ndigits.is_negative() {
        return exact(args.get(0));
    }
    // Round half to even to a multiple of 10**-ndigits.
    let Some(places) = (-ndigits).to_usize() else {
        return new_int(0);
    };
    let x = v.to_big();
    if places > 4 * x.bits() as usize + 4 {
        return new_int(0);
    }
    let unit = num_traits::pow(BigInt::from(10), places);
    let (mut q, r) = x.div_mod_floor(&unit);
    let twice = r << 1usize;
    if twice > unit || (twice == unit && q.is_odd()) {
        q += 1;
    }
    from_big(q * unit)
}

// ---- binary operations -------------------------------------------------------------------

/// `a / b` for ints, correctly rounded as CPython's.
pub fn true_divide(a: &IntValue, b: &IntValue) -> PyResult<GcRef> {
    if let (IntValue::Small(x), IntValue::Small(y)) = (a, b) {
        if *y == 0 {
            return zero_division("division by zero");
        }
        if x.unsigned_abs() <= 1 << 53 && y.unsigned_abs() <= 1 << 53 {
            return new_float(*x as f64 / *y as f64);
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    if y.is_zero() {
        return zero_division("division by zero");
    }
    match ratio_to_f64(&x, &y) {
        Some(f) => new_float(f),
        None => overflow_error("integer division result too large for a float"),
    }
}

/// `a <op> b` for two ints.
pub fn int_arith(op: u32, a: &IntValue, b: &IntValue) -> PyResult<GcRef> {
    if op == binop::TRUEDIV {
        return true_divide(a, b);
    }
    if op == binop::MOD && matches!(b, IntValue::Small(0)) {
        return zero_division("integer modulo by zero");
    }
    Ok(objint::binary(op, a, b)?.expect("an int operator"))
}

fn binary(args: &Args, name: &str, op: u32, reflected: bool) -> PyResult<GcRef> {
    let x = receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let Some(y) = int_value(args.get(1)) else {
        return Ok(space::not_implemented());
    };
    if reflected {
        int_arith(op, &y, &x)
    } else {
        int_arith(op, &x, &y)
    }
}

macro_rules! binary_methods {
    ($($function:ident $name:literal $op:ident $reflected:literal;)*) => {
        $(fn $function(args: &Args) -> PyResult<GcRef> {
            binary(args, $name, binop::$op, $reflected)
        })*
    };
}

binary_methods! {
    int_add "__add__" ADD false;
    int_radd "__radd__" ADD true;
    int_sub "__sub__" SUB false;
    int_rsub "__rsub__" SUB true;
    int_mul "__mul__" MUL false;
    int_rmul "__rmul__" MUL true;
    int_truediv "__truediv__" TRUEDIV false;
    int_rtruediv "__rtruediv__" TRUEDIV true;
    int_floordiv "__floordiv__" FLOORDIV false;
    int_rfloordiv "__rfloordiv__" FLOORDIV true;
    int_mod "__mod__" MOD false;
    int_rmod "__rmod__" MOD true;
    int_lshift "__lshift__" LSHIFT false;
    int_rlshift "__rlshift__" LSHIFT true;
    int_rshift "__rshift__" RSHIFT false;
    int_rrshift "__rrshift__" RSHIFT true;
    int_and "__and__" AND false;
    int_rand "__rand__" AND true;
    int_or "__or__" OR false;
    int_ror "__ror__" OR true;
    int_xor "__xor__" XOR false;
    int_rxor "__rxor__" XOR true;
}

fn divmod(args: &Args, name: &str, reflected: bool) -> PyResult<GcRef> {
    let x = receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let Some(y) = int_value(args.get(1)) else {
        return Ok(space::not_implemented());
    };
    let (a, b) = if reflected { (y, x) } else { (x, y) };
    let q = int_arith(binop::FLOORDIV, &a, &b)?;
    let r = int_arith(binop::MOD, &a, &b)?;
    new_tuple(&[q, r])
}

fn int_divmod(args: &Args) -> PyResult<GcRef> {
    divmod(args, "__divmod__", false)
}

fn int_rdivmod(args: &Args) -> PyResult<GcRef> {
    divmod(args, "__rdivmod__", true)
}

fn power(args: &Args, name: &str, reflected: bool) -> PyResult<GcRef> {
    let x = receiver(args, name)?;
    no_keywords(args, name)?;
    let given = args.len() - 1;
    if given == 0 {
        return type_error(" expected at least 1 argument, got 0");
    }
    if given > 2 {
        return type_error(format!(" expected at most 2 arguments, got {given}"));
    }
    let Some(y) = int_value(args.get(1)) else {
        return Ok(space::not_implemented());
    };
    let (base, exponent) = if reflected { (y, x) } else { (x, y) };
    match args.get_opt(2).filter(|m| !crate::objects::is_none(*m)) {
        None => int_arith(binop::POW, &base, &exponent),
        Some(m) => match int_value(m) {
            Some(m) => objint::pow_mod(&base, &exponent, &m),
            None => Ok(space::not_implemented()),
        },
    }
}

fn int_pow(args: &Args) -> PyResult<GcRef> {
    power(args, "__pow__", false)
}

fn int_rpow(args: &Args) -> PyResult<GcRef> {
    power(args, "__rpow__", true)
}

fn compare(args: &Args, name: &str, op: u32) -> PyResult<GcRef> {
    let x = receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let Some(y) = int_value(args.get(1)) else {
        return Ok(space::not_implemented());
    };
    Ok(space::bool_(ordering_result(
        Some(objint::compare(&x, &y)),
        op,
    )))
}

macro_rules! compare_methods {
    ($($function:ident $name:literal $op:ident;)*) => {
        $(fn $function(args: &Args) -> PyResult<GcRef> {
            compare(args, $name, cmpop::$op)
        })*
    };
}

compare_methods! {
    int_eq "__eq__" EQ;
    int_ne "__ne__" NE;
    int_lt "__lt__" LT;
    int_le "__le__" LE;
    int_gt "__gt__" GT;
    int_ge "__ge__" GE;
}

// ---- bytes -------------------------------------------------------------------------------

/// A `byteorder` argument: true for little-endian.
fn byteorder(function: &str, value: Option<GcRef>) -> PyResult<bool> {
    let Some(value) = value else {
        return Ok(false);
    };
    if pystr::as_str(value).is_none() {
        return type_error(format!(
            "{function}() argument 'byteorder' must be str, not {}",
            type_name_of(value)
        ));
    }
    match pystr::to_string(value).as_str() {
        "little" => Ok(true),
        "big" => Ok(false),
        _ => value_error("byteorder must be either 'little' or 'big'"),
    }
}

/// Positional-or-keyword arguments `names` of `function` (after the receiver).
fn parameters<const K: usize>(
    args: &Args,
    function: &str,
    names: [&str; K],
    positional: usize,
) -> PyResult<[Option<GcRef>; K]> {
    args.check_keywords(function, &names)?;
    let given = args.len() - 1;
    if given > positional {
        return type_error(format!(
            "{function}() takes at most {positional} positional argument{} ({given} given)",
            if positional == 1 { "" } else { "s" }
        ));
    }
    let mut values = [None; K];
    for (i, name) in names.iter().enumerate() {
        let by_position = if i < positional {
            args.get_opt(i + 1)
        } else {
            None
        };
        let by_name = args.keyword(name);
        if by_position.is_some() && by_name.is_some() {
            return type_error(format!(
                "argument for {function}() given by name ('{name}') and position ({})",
                i + 1
            ));
        }
        values[i] = by_position.or(by_name);
    }
    Ok(values)
}

fn int_to_bytes(args: &Args) -> PyResult<GcRef> {
    let v = receiver(args, "to_bytes")?;
    let [length, order, signed] =
        parameters(args, "to_bytes", ["length", "byteorder", "signed"], 2)?;
    let length = match length {
        None => 1,
        Some(l) => match ops::index_int(l)? {
            IntValue::Small(n) if n >= 0 => n as usize,
            IntValue::Small(_) => return value_error("length argument must be non-negative"),
            IntValue::Big(b) if b.is_negative() => {
                return value_error("length argument must be non-negative")
            }
            IntValue::Big(_) => {
                return overflow_error("Python int too large to convert to C ssize_t")
            }
        },
    };
    let little = byteorder("to_bytes", order)?;
    let signed = match signed {
        Some(s) => ops::truthy(s)?,
        None => false,
    };
    let value = v.to_big();
    if !signed && value.is_negative() {
        return overflow_error("can't convert negative int to unsigned");
    }
    let needed = if value.is_zero() {
        0
    } else if !signed {
        value.bits().div_ceil(8) as usize
    } else if value.is_negative() {
        ((-&value - 1u32).bits() + 1).div_ceil(8) as usize
    } else {
        (value.bits() + 1).div_ceil(8) as usize
    };
    if needed > length {
        return overflow_error("int too big to convert");
    }
    let mut data = if signed {
        value.to_signed_bytes_le()
    } else {
        value.magnitude().to_bytes_le()
    };
    data.resize(length, if value.is_negative() { 0xff } else { 0 });
    if !little {
        data.reverse();
    }
    bytes::new_bytes(&data)
}

fn int_from_bytes(args: &Args) -> PyResult<GcRef> {
    let cls = args.get(0);
    let [source, order, signed] =
        parameters(args, "from_bytes", ["bytes", "byteorder", "signed"], 2)?;
    let Some(source) = source else {
        return type_error("from_bytes() missing required argument 'bytes' (pos 1)");
    };
    let data = bytes_from(source)?;
    let little = byteorder("from_bytes", order)?;
    let signed = match signed {
        Some(s) => ops::truthy(s)?,
        None => false,
    };
    let value = match (signed, little) {
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_signed_bytes_be(&data),
        (false, true) => BigInt::from_bytes_le(num_bigint::Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_be(num_bigint::Sign::Plus, &data),
    };
    let result = from_big(value)?;
    if cls == space::builtin_type(T_INT).erase() {
        return Ok(result);
    }
    call::call_function(cls, &[result])
}

/// `bytes(x)` for `int.from_bytes`: a bytes-like object or an iterable of byte values.
fn bytes_from(source: GcRef) -> PyResult<Vec<u8>> {
    if let Some(data) = bytes::bytes_of(source) {
        return Ok(data);
    }
    if pystr::as_str(source).is_some() || int_value(source).is_some() {
        return type_error(format!(
            "cannot convert '{}' object to bytes",
            type_name_of(source)
        ));
    }
    let items = ops::collect_list(source)?;
    let mut data = Vec::with_capacity(crate::objects::list::len(items));
    for i in 0..crate::objects::list::len(items) {
        match ops::index_int(crate::objects::list::get(items, i))? {
            IntValue::Small(b) if (0..256).contains(&b) => data.push(b as u8),
            _ => return value_error("bytes must be in range(0, 256)"),
        }
    }
    Ok(data)
}

// ---- bool --------------------------------------------------------------------------------

fn bool_new(args: &Args) -> PyResult<GcRef> {
    let cls = args.get(0);
    if cls != space::builtin_type(T_BOOL).erase() {
        let name = match cls.downcast::<PyType>() {
            Some(t) => type_name(t),
            None => type_name_of(cls),
        };
        return type_error(format!(
            "bool.__new__({name}): {name} is not a subtype of bool"
        ));
    }
    if args.keyword_count() > 0 {
        return type_error("bool() takes no keyword arguments");
    }
    let given = args.len() - 1;
    if given > 1 {
        return type_error(format!("bool expected at most 1 argument, got {given}"));
    }
    match args.get_opt(1) {
        None => Ok(space::bool_(false)),
        Some(x) => Ok(space::bool_(ops::truthy(x)?)),
    }
}

/// The receiver of a bool method.
fn bool_receiver(args: &Args, name: &str) -> PyResult<bool> {
    if args.is_empty() {
        return type_error(format!(
            "descriptor '{name}' of 'bool' object needs an argument"
        ));
    }
    let this = args.get(0);
    match this.downcast::<PyBool>() {
        Some(b) => Ok(b.value()),
        None => type_error(format!(
            "descriptor '{name}' requires a 'bool' object but received a '{}'",
            type_name_of(this)
        )),
    }
}

fn bool_repr(args: &Args) -> PyResult<GcRef> {
    let b = bool_receiver(args, "__repr__")?;
    wrapper_arity(args, "__repr__", 0)?;
    pystr::new_str(if b { "True" } else { "False" })
}

/// `&`, `|`, `^` of two bools is a bool; with any other int it is int arithmetic.
fn bool_binary(args: &Args, name: &str, op: u32, reflected: bool) -> PyResult<GcRef> {
    let a = bool_receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let other = args.get(1);
    if let Some(b) = other.downcast::<PyBool>() {
        let b = b.value();
        return Ok(space::bool_(match op {
            binop::AND => a & b,
            binop::OR => a | b,
            _ => a ^ b,
        }));
    }
    binary(args, name, op, reflected)
}

macro_rules! bool_methods {
    ($($function:ident $name:literal $op:ident $reflected:literal;)*) => {
        $(fn $function(args: &Args) -> PyResult<GcRef> {
            bool_binary(args, $name, binop::$op, $reflected)
        })*
    };
}

bool_methods! {
    bool_and "__and__" AND false;
    bool_rand "__rand__" AND true;
    bool_or "__or__" OR false;
    bool_ror "__ror__" OR true;
    bool_xor "__xor__" XOR false;
    bool_rxor "__rxor__" XOR true;
}
