//! The methods of `float`. The conversions that `int`, `complex` and `math` share with
//! them (`as_double`, correctly rounded int and ratio to float conversions, parsing of
//! float literals) are in `float_convert`, re-exported here.
//!
//! Exactness matters here: CPython rounds `int / int`, `float(big_int)` and
//! `round(x, n)` correctly, so these work on exact integers and round once at the end
//! (`compose`), instead of composing float operations that each round.

use std::cmp::Ordering;

use ferrite::{Gc, GcRef};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use crate::builtins::format_spec;
use crate::builtins::registry::{class_method, method, property, static_method, Args, NativeDef};
use crate::compiler::bytecode::{binop, cmpop};
use crate::objects::int::{from_big, int_value, IntValue};
use crate::objects::layout::*;
use crate::objects::str as pystr;
use crate::objects::typeobject::{is_subtype, lookup_name, type_name, type_name_of};
use crate::objects::{bytes, float as objfloat, instance, new_float, new_int, new_tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};
use crate::types::int::{no_keywords, wrapper_arity};

#[path = "float_convert.rs"]
mod convert;
pub use convert::*;

pub fn methods() -> Vec<NativeDef> {
    vec![
        static_method(T_FLOAT, "__new__", float_new),
        method(T_FLOAT, "__repr__", float_repr),
        method(T_FLOAT, "__hash__", float_hash),
        method(T_FLOAT, "__bool__", float_bool),
        method(T_FLOAT, "__int__", float_int),
        method(T_FLOAT, "__float__", float_float),
        method(T_FLOAT, "__trunc__", float_trunc),
        method(T_FLOAT, "__floor__", float_floor),
        method(T_FLOAT, "__ceil__", float_ceil),
        method(T_FLOAT, "__round__", float_round),
        method(T_FLOAT, "__abs__", float_abs),
        method(T_FLOAT, "__neg__", float_neg),
        method(T_FLOAT, "__pos__", float_pos),
        method(T_FLOAT, "__add__", float_add),
        method(T_FLOAT, "__radd__", float_radd),
        method(T_FLOAT, "__sub__", float_sub),
        method(T_FLOAT, "__rsub__", float_rsub),
        method(T_FLOAT, "__mul__", float_mul),
        method(T_FLOAT, "__rmul__", float_rmul),
        method(T_FLOAT, "__truediv__", float_truediv),
        method(T_FLOAT, "__rtruediv__", float_rtruediv),
        method(T_FLOAT, "__floordiv__", float_floordiv),
        method(T_FLOAT, "__rfloordiv__", float_rfloordiv),
        method(T_FLOAT, "__mod__", float_mod),
        method(T_FLOAT, "__rmod__", float_rmod),
        method(T_FLOAT, "__divmod__", float_divmod),
        method(T_FLOAT, "__rdivmod__", float_rdivmod),
        method(T_FLOAT, "__pow__", float_pow_method),
        method(T_FLOAT, "__rpow__", float_rpow),
        method(T_FLOAT, "__eq__", float_eq),
        method(T_FLOAT, "__ne__", float_ne),
        method(T_FLOAT, "__lt__", float_lt),
        method(T_FLOAT, "__le__", float_le),
        method(T_FLOAT, "__gt__", float_gt),
        method(T_FLOAT, "__ge__", float_ge),
        method(T_FLOAT, "__format__", float_format),
        method(T_FLOAT, "__getnewargs__", float_getnewargs),
        method(T_FLOAT, "is_integer", float_is_integer),
        method(T_FLOAT, "as_integer_ratio", float_as_integer_ratio),
        method(T_FLOAT, "hex", float_hex),
        class_method(T_FLOAT, "fromhex", float_fromhex),
        method(T_FLOAT, "conjugate", float_conjugate),
        property(T_FLOAT, "real", float_real, None),
        property(T_FLOAT, "imag", float_imag, None),
    ]
}

/// `float(x)` for a str, bytes or bytearray; None for other objects.
fn float_from_string(x: GcRef) -> PyResult<Option<f64>> {
    let (parsed, shown) = if pystr::as_str(x).is_some() {
        let text = pystr::with_str(x, |s| s.to_string());
        (
            parse_float_text(&ascii_number_text(&text)),
            pystr::repr_text(&text),
        )
    } else if let Some(data) = bytes::bytes_of(x) {
        (parse_float_text(&data), bytes::repr_bytes(&data, "b"))
    } else {
        return Ok(None);
    };
    match parsed {
        Some(v) => Ok(Some(v)),
        None => value_error(format!("could not convert string to float: {shown}")),
    }
}

// ---- construction ------------------------------------------------------------------------

fn float_new(args: &Args) -> PyResult<GcRef> {
    let cls = args.get(0);
    let Some(t) = cls.downcast::<PyType>() else {
        return type_error(format!(
            "float.__new__(X): X is not a type object ({})",
            type_name_of(cls)
        ));
    };
    if args.keyword_count() > 0 {
        return type_error("float() takes no keyword arguments");
    }
    let given = args.len() - 1;
    if given > 1 {
        return type_error(format!("float expected at most 1 argument, got {given}"));
    }
    let exact = t == space::builtin_type(T_FLOAT);
    let value = match args.get_opt(1) {
        None => new_float(0.0)?,
        Some(x) if exact && x.is::<PyFloat>() => x,
        Some(x) => new_float(float_from(x)?)?,
    };
    wrap_float(t, value)
}

/// The value of `float(x)`.
pub fn float_from(x: GcRef) -> PyResult<f64> {
    if let Some(v) = x.downcast::<PyFloat>() {
        return Ok(v.value());
    }
    if x.is::<PyStr>() {
        return Ok(float_from_string(x)?.expect("a str"));
    }
    let t = space::type_of(x);
    if lookup_name(t, N::float_).is_some() {
        return as_double(x);
    }
    if lookup_name(t, N::index).is_some() {
        return int_to_f64(&ops::index_int(x)?);
    }
    if let Some(v) = float_of(x) {
        return Ok(v);
    }
    match float_from_string(x)? {
        Some(v) => Ok(v),
        None => type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            type_name(t)
        )),
    }
}

/// The object `float.__new__(cls, …)` returns for `value` (a plain float).
fn wrap_float(cls: Gc<PyType>, value: GcRef) -> PyResult<GcRef> {
    if cls == space::builtin_type(T_FLOAT) {
        return Ok(value);
    }
    if !is_subtype(cls, space::builtin_type(T_FLOAT)) {
        return type_error(format!(
            "float.__new__({}): {} is not a subtype of float",
            type_name(cls),
            type_name(cls)
        ));
    }
    let object = instance::new_instance(cls)?;
    object.set_base(Some(value));
    Ok(object.erase())
}

// ---- methods -----------------------------------------------------------------------------

/// The receiver of a float method, with CPython's message for another type.
fn receiver(args: &Args, name: &str) -> PyResult<f64> {
    if args.is_empty() {
        return type_error(format!(
            "descriptor '{name}' of 'float' object needs an argument"
        ));
    }
    let this = args.get(0);
    match float_of(this) {
        Some(x) => Ok(x),
        None => type_error(format!(
            "descriptor '{name}' requires a 'float' object but received a '{}'",
            type_name_of(this)
        )),
    }
}

/// A receiver and no other argument (a slot wrapper such as `__neg__`).
fn unary(args: &Args, name: &str) -> PyResult<f64> {
    let x = receiver(args, name)?;
    wrapper_arity(args, name, 0)?;
    Ok(x)
}

/// A receiver and no other argument (a named method such as `hex`).
fn plain(args: &Args, name: &str) -> PyResult<f64> {
    let x = receiver(args, name)?;
    args.shifted().expect_in("float", name, 0, 0)?;
    Ok(x)
}

fn float_repr(args: &Args) -> PyResult<GcRef> {
    let x = unary(args, "__repr__")?;
    pystr::new_string(format_spec::float_repr(x))
}

fn float_hash(args: &Args) -> PyResult<GcRef> {
    new_int(objfloat::hash(unary(args, "__hash__")?))
}

fn float_bool(args: &Args) -> PyResult<GcRef> {
    Ok(space::bool_(unary(args, "__bool__")? != 0.0))
}

fn float_int(args: &Args) -> PyResult<GcRef> {
    float_to_int(unary(args, "__int__")?)
}

fn float_trunc(args: &Args) -> PyResult<GcRef> {
    float_to_int(unary(args, "__trunc__")?)
}

fn float_floor(args: &Args) -> PyResult<GcRef> {
    float_to_int(unary(args, "__floor__")?.floor())
}

fn float_ceil(args: &Args) -> PyResult<GcRef> {
    float_to_int(unary(args, "__ceil__")?.ceil())
}

fn float_float(args: &Args) -> PyResult<GcRef> {
    let x = unary(args, "__float__")?;
    let this = args.get(0);
    if this.is::<PyFloat>() {
        return Ok(this);
    }
    new_float(x)
}

fn float_pos(args: &Args) -> PyResult<GcRef> {
    let x = unary(args, "__pos__")?;
    let this = args.get(0);
    if this.is::<PyFloat>() {
        return Ok(this);
    }
    new_float(x)
}

fn float_neg(args: &Args) -> PyResult<GcRef> {
    new_float(-unary(args, "__neg__")?)
}

fn float_abs(args: &Args) -> PyResult<GcRef> {
    new_float(unary(args, "__abs__")?.abs())
}

fn float_conjugate(args: &Args) -> PyResult<GcRef> {
    new_float(plain(args, "conjugate")?)
}

fn float_real(args: &Args) -> PyResult<GcRef> {
    new_float(receiver(args, "real")?)
}

fn float_imag(args: &Args) -> PyResult<GcRef> {
    receiver(args, "imag")?;
    new_float(0.0)
}

fn float_getnewargs(args: &Args) -> PyResult<GcRef> {
    let x = unary(args, "__getnewargs__")?;
    new_tuple(&[new_float(x)?])
}

fn float_is_integer(args: &Args) -> PyResult<GcRef> {
    let x = plain(args, "is_integer")?;
    Ok(space::bool_(x.is_finite() && x == x.floor()))
}

fn float_as_integer_ratio(args: &Args) -> PyResult<GcRef> {
    let x = plain(args, "as_integer_ratio")?;
    if x.is_infinite() {
        return overflow_error("cannot convert Infinity to integer ratio");
    }
    if x.is_nan() {
        return value_error("cannot convert NaN to integer ratio");
    }
    if x == 0.0 {
        return new_tuple(&[new_int(0)?, new_int(1)?]);
    }
    let (negative, m, e) = decompose(x);
    let (numerator, denominator) = if e >= 0 {
        (BigInt::from(m) << e as usize, BigInt::one())
    } else {
        // Cancel the powers of two the mantissa shares with the denominator.
        let common = (m.trailing_zeros() as i64).min(-e);
        (
            BigInt::from(m >> common),
            BigInt::one() << (-e - common) as usize,
        )
    };
    let numerator = if negative { -numerator } else { numerator };
    new_tuple(&[from_big(numerator)?, from_big(denominator)?])
}

fn float_format(args: &Args) -> PyResult<GcRef> {
    let x = receiver(args, "__format__")?;
    args.shifted().expect("__format__", 1, 1)?;
    let spec = args.get(1);
    if !spec.is::<PyStr>() && pystr::as_str(spec).is_none() {
        return type_error(format!(
            "__format__() argument must be str, not {}",
            type_name_of(spec)
        ));
    }
    let spec = pystr::to_string(spec);
    crate::builtins::format::format_float_value(args.get(0), x, &spec)
}

// ---- rounding ----------------------------------------------------------------------------

fn float_round(args: &Args) -> PyResult<GcRef> {
    let x = receiver(args, "__round__")?;
    no_keywords(args, "__round__")?;
    let given = args.len() - 1;
    if given > 1 {
        return type_error(format!(
            "__round__ expected at most 1 argument, got {given}"
        ));
    }
    let ndigits = args.get_opt(1).filter(|n| !crate::objects::is_none(*n));
    let Some(ndigits) = ndigits else {
        // Round half to even, to an int.
        let mut rounded = x.round();
        if (x - rounded).abs() == 0.5 {
            rounded = 2.0 * (x / 2.0).round();
        }
        return float_to_int(rounded);
    };
    let ndigits = match ops::index_int(ndigits)? {
        IntValue::Small(n) => n,
        IntValue::Big(b) => {
            if b.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
    };
    new_float(round_digits(x, ndigits)?)
}

/// `round(x, ndigits)`: the float nearest to x's exact value rounded (half to even) to
/// `ndigits` decimal places.
pub fn round_digits(x: f64, ndigits: i64) -> PyResult<f64> {
    // Beyond these, every float rounds to itself, or to zero.
    const MAX_DIGITS: i64 = 323;
    const MIN_DIGITS: i64 = -308;
    if !x.is_finite() || ndigits > MAX_DIGITS {
        return Ok(x);
    }
    if ndigits < MIN_DIGITS || x == 0.0 {
        return Ok(0.0 * x);
    }
    let (negative, m, e) = decompose(x);
    let power = num_traits::pow(BigInt::from(10), ndigits.unsigned_abs() as usize);
    // x * 10**ndigits as numerator / denominator.
    let mut numerator = BigInt::from(m);
    let mut denominator = BigInt::one();
    if e >= 0 {
        numerator <<= e as usize;
    } else {
        denominator <<= (-e) as usize;
    }
    if ndigits >= 0 {
        numerator *= &power;
    } else {
        denominator *= &power;
    }
    let (mut q, r) = numerator.div_rem(&denominator);
    let twice = r << 1usize;
    if twice > denominator || (twice == denominator && q.is_odd()) {
        q += 1;
    }
    let rounded = if q.is_zero() {
        Some(0.0)
    } else if ndigits >= 0 {
        ratio_to_f64(&q, &power)
    } else {
        ratio_to_f64(&(q * power), &BigInt::one())
    };
    match rounded {
        Some(v) => Ok(if negative { -v } else { v }),
        None => overflow_error("rounded value too large to represent"),
    }
}

// ---- arithmetic --------------------------------------------------------------------------

/// A float operand: a float, or an int converted (which may overflow); None otherwise.
pub fn operand(object: GcRef) -> PyResult<Option<f64>> {
    if let Some(x) = float_of(object) {
        return Ok(Some(x));
    }
    match int_value(object) {
        Some(v) => int_to_f64(&v).map(Some),
        None => Ok(None),
    }
}

/// Python's float modulo and floor division: the remainder takes the divisor's sign.
pub fn float_divmod_values(x: f64, y: f64) -> (f64, f64) {
    ops::float_divmod(x, y)
}

/// `x <op> y` for floats, with CPython's errors.
pub fn float_arith(op: u32, x: f64, y: f64) -> PyResult<GcRef> {
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
        binop::FLOORDIV => {
            if y == 0.0 {
                return zero_division("float floor division by zero");
            }
            float_divmod_values(x, y).0
        }
        binop::MOD => {
            if y == 0.0 {
                return zero_division("float modulo");
            }
            float_divmod_values(x, y).1
        }
        binop::POW => return float_pow(x, y),
        _ => unreachable!("not a float operator"),
    };
    new_float(value)
}

fn is_odd_integer(y: f64) -> bool {
    y.is_finite() && y % 2.0 != 0.0 && y == y.floor() && (y % 2.0).abs() == 1.0
}

/// `x ** y` for floats as CPython computes it: the special values first, a negative base
/// with a fractional exponent gives a complex, overflow is an error.
pub fn float_pow(x: f64, y: f64) -> PyResult<GcRef> {
    if y == 0.0 {
        return new_float(1.0);
    }
    if x.is_nan() {
        return new_float(x);
    }
    if y.is_nan() {
        return new_float(if x == 1.0 { 1.0 } else { y });
    }
    if y.is_infinite() {
        let ax = x.abs();
        return new_float(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return new_float(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        });
    }
    if x == 0.0 {
        if y < 0.0 {
            return zero_division("0.0 cannot be raised to a negative power");
        }
        return new_float(if is_odd_integer(y) { x } else { 0.0 });
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != y.floor() {
            return crate::types::complex::complex_power((x, 0.0), (y, 0.0));
        }
        base = -x;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return new_float(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return overflow_error("(34, 'Numerical result out of range')");
    }
    new_float(if negate { -r } else { r })
}

/// A binary float dunder: NotImplemented for operands that are not numbers.
fn binary(args: &Args, name: &str, op: u32, reflected: bool) -> PyResult<GcRef> {
    let x = receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let Some(y) = operand(args.get(1))? else {
        return Ok(space::not_implemented());
    };
    if reflected {
        float_arith(op, y, x)
    } else {
        float_arith(op, x, y)
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
    float_add "__add__" ADD false;
    float_radd "__radd__" ADD true;
    float_sub "__sub__" SUB false;
    float_rsub "__rsub__" SUB true;
    float_mul "__mul__" MUL false;
    float_rmul "__rmul__" MUL true;
    float_truediv "__truediv__" TRUEDIV false;
    float_rtruediv "__rtruediv__" TRUEDIV true;
    float_floordiv "__floordiv__" FLOORDIV false;
    float_rfloordiv "__rfloordiv__" FLOORDIV true;
    float_mod "__mod__" MOD false;
    float_rmod "__rmod__" MOD true;
}

fn divmod(args: &Args, name: &str, reflected: bool) -> PyResult<GcRef> {
    let x = receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let Some(y) = operand(args.get(1))? else {
        return Ok(space::not_implemented());
    };
    let (a, b) = if reflected { (y, x) } else { (x, y) };
    if b == 0.0 {
        return zero_division("float divmod()");
    }
    let (q, r) = float_divmod_values(a, b);
    new_tuple(&[new_float(q)?, new_float(r)?])
}

fn float_divmod(args: &Args) -> PyResult<GcRef> {
    divmod(args, "__divmod__", false)
}

fn float_rdivmod(args: &Args) -> PyResult<GcRef> {
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
    let Some(y) = operand(args.get(1))? else {
        return Ok(space::not_implemented());
    };
    if args.get_opt(2).is_some_and(|m| !crate::objects::is_none(m)) {
        return type_error("pow() 3rd argument not allowed unless all arguments are integers");
    }
    if reflected {
        float_pow(y, x)
    } else {
        float_pow(x, y)
    }
}

fn float_pow_method(args: &Args) -> PyResult<GcRef> {
    power(args, "__pow__", false)
}

fn float_rpow(args: &Args) -> PyResult<GcRef> {
    power(args, "__rpow__", true)
}

// ---- comparison --------------------------------------------------------------------------

pub fn ordering_result(ordering: Option<Ordering>, op: u32) -> bool {
    match ordering {
        None => op == cmpop::NE,
        Some(o) => match op {
            cmpop::LT => o == Ordering::Less,
            cmpop::LE => o != Ordering::Greater,
            cmpop::EQ => o == Ordering::Equal,
            cmpop::NE => o != Ordering::Equal,
            cmpop::GT => o == Ordering::Greater,
            _ => o != Ordering::Less,
        },
    }
}

fn compare(args: &Args, name: &str, op: u32) -> PyResult<GcRef> {
    let x = receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let other = args.get(1);
    let ordering = if let Some(y) = float_of(other) {
        x.partial_cmp(&y)
    } else if let Some(i) = int_value(other) {
        compare_float_int(x, &i)
    } else {
        return Ok(space::not_implemented());
    };
    Ok(space::bool_(ordering_result(ordering, op)))
}

macro_rules! compare_methods {
    ($($function:ident $name:literal $op:ident;)*) => {
        $(fn $function(args: &Args) -> PyResult<GcRef> {
            compare(args, $name, cmpop::$op)
        })*
    };
}

compare_methods! {
    float_eq "__eq__" EQ;
    float_ne "__ne__" NE;
    float_lt "__lt__" LT;
    float_le "__le__" LE;
    float_gt "__gt__" GT;
    float_ge "__ge__" GE;
}

// ---- hex ---------------------------------------------------------------------------------

fn float_hex(args: &Args) -> PyResult<GcRef> {
    let x = plain(args, "hex")?;
    pystr::new_string(hex_text(x))
}

fn float_fromhex(args: &Args) -> PyResult<GcRef> {
    let cls = args.get(0);
    args.shifted().expect("float.fromhex", 1, 1)?;
    let text = args.get(1);
    if pystr::as_str(text).is_none() {
        return type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name_of(text)
        ));
    }
    let value = match pystr::with_str(text, |s| parse_hex(s.as_bytes())) {
        Ok(v) => v,
        Err(HexError::Invalid) => return value_error("invalid hexadecimal floating-point string"),
        Err(HexError::Overflow) => {
            return overflow_error("hexadecimal value too large to represent as a float")
        }
    };
    let result = new_float(value)?;
    if cls == space::builtin_type(T_FLOAT).erase() {
        return Ok(result);
    }
    call::call_function(cls, &[result])
}

/// The items of a 2-tuple of floats.
pub fn float_pair(a: f64, b: f64) -> PyResult<GcRef> {
    new_tuple(&[new_float(a)?, new_float(b)?])
}
