//! The methods of `float`, and the float conversions `int`, `complex` and `math` share:
//! `as_double` (CPython's `PyFloat_AsDouble`), correctly rounded int and ratio to float
//! conversions, and parsing of float literals.
//!
//! Exactness matters here: CPython rounds `int / int`, `float(big_int)` and
//! `round(x, n)` correctly, so these work on exact integers and round once at the end
//! (`compose`), instead of composing float operations that each round.

use std::cmp::Ordering;

use ferrite::{Gc, GcRef};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

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

// ---- exact conversions -----------------------------------------------------------------

/// The value of a float or float-subclass instance.
pub fn float_of(object: GcRef) -> Option<f64> {
    if let Some(f) = object.downcast::<PyFloat>() {
        return Some(f.value());
    }
    object
        .downcast::<PyInstance>()
        .and_then(|i| i.base())
        .and_then(|b| b.downcast::<PyFloat>())
        .map(|f| f.value())
}

/// A finite nonzero float as `(negative, m, e)` with `|x| = m * 2**e`, `m < 2**53`.
pub fn decompose(x: f64) -> (bool, u64, i64) {
    let bits = x.to_bits();
    let negative = bits >> 63 != 0;
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (negative, fraction, -1074)
    } else {
        (negative, fraction | (1 << 52), biased - 1075)
    }
}

/// `±m * 2**e` rounded once to the nearest float (ties to even), ±inf when too large.
/// Anything below the rounding position may be folded into `m`'s lowest bit (a sticky
/// bit), as long as at least two bits are dropped.
pub fn compose(negative: bool, m: u128, e: i64) -> f64 {
    let sign = if negative { 1u64 << 63 } else { 0 };
    if m == 0 {
        return f64::from_bits(sign);
    }
    let length = 128 - m.leading_zeros() as i64;
    let top = e + length - 1;
    if top > 1023 {
        return f64::from_bits(sign | 0x7ff0_0000_0000_0000);
    }
    // Bits of precision available at this magnitude (fewer for subnormals).
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    let drop = length - keep;
    let mant: u128 = if drop <= 0 {
        m << (-drop)
    } else if drop > 127 {
        0
    } else {
        let kept = m >> drop;
        let rest = m & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        if rest > half || (rest == half && kept & 1 == 1) {
            kept + 1
        } else {
            kept
        }
    };
    let exponent = e + drop;
    if top >= -1022 {
        // mant is in [2**52, 2**53], the top case a carry into the next binade.
        let (mant, exponent) = if mant == 1 << 53 {
            (mant >> 1, exponent + 1)
        } else {
            (mant, exponent)
        };
        let biased = exponent + 52 + 1023;
        if biased >= 0x7ff {
            return f64::from_bits(sign | 0x7ff0_0000_0000_0000);
        }
        f64::from_bits(sign | ((biased as u64) << 52) | (mant as u64 & ((1 << 52) - 1)))
    } else {
        // A subnormal: the exponent is -1074 and a carry lands on the smallest normal.
        f64::from_bits(sign | mant as u64)
    }
}

/// `±magnitude * 2**e` correctly rounded (±inf when too large).
pub fn compose_big(negative: bool, magnitude: &BigUint, e: i64) -> f64 {
    let length = magnitude.bits() as i64;
    if length == 0 || length + e < -1100 {
        return compose(negative, 0, 0);
    }
    if length + e > 1100 {
        return compose(negative, 1, 2000);
    }
    if length <= 120 {
        return compose(negative, magnitude.to_u128().expect("fits"), e);
    }
    let shift = length - 120;
    let top = (magnitude >> shift as usize).to_u128().expect("fits");
    let sticky = magnitude.trailing_zeros().unwrap_or(0) < shift as u64;
    compose(negative, top | sticky as u128, e + shift)
}

/// `x * 2**k` exactly rounded, as C's `ldexp`.
pub fn ldexp(x: f64, k: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (negative, m, e) = decompose(x);
    compose(negative, m as u128, e.saturating_add(k.clamp(-5000, 5000)))
}

/// `n / d` correctly rounded; None if it is too large for a float. `d` is nonzero.
pub fn ratio_to_f64(n: &BigInt, d: &BigInt) -> Option<f64> {
    let negative = (n.sign() == Sign::Minus) != (d.sign() == Sign::Minus);
    let (a, b) = (n.magnitude(), d.magnitude());
    if a.is_zero() {
        return Some(compose(negative, 0, 0));
    }
    // Scale so the quotient has at least 110 bits; the remainder becomes a sticky bit.
    let shift = 110 - (a.bits() as i64 - b.bits() as i64);
    let (q, r) = if shift >= 0 {
        (a << shift as usize).div_rem(b)
    } else {
        a.div_rem(&(b << (-shift) as usize))
    };
    let sticky = !r.is_zero();
    let value = compose_big(
        negative,
        &((q << 1usize) | BigUint::from(sticky as u8)),
        -shift - 1,
    );
    value.is_finite().then_some(value)
}

/// An int's value as a float, correctly rounded (CPython's `PyLong_AsDouble`).
pub fn int_to_f64(value: &IntValue) -> PyResult<f64> {
    match value {
        IntValue::Small(v) => Ok(*v as f64),
        IntValue::Big(b) => {
            let x = compose_big(b.is_negative(), b.magnitude(), 0);
            if x.is_finite() {
                Ok(x)
            } else {
                overflow_error("int too large to convert to float")
            }
        }
    }
}

/// A finite float's exact value as an int (it must be integral to be exact; the fraction
/// of others is dropped).
pub fn f64_to_big(x: f64) -> BigInt {
    let x = x.trunc();
    if x == 0.0 {
        return BigInt::zero();
    }
    let (negative, m, e) = decompose(x);
    let magnitude = if e >= 0 {
        BigInt::from(m) << e as usize
    } else {
        BigInt::from(m >> (-e).min(63))
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// `int(x)` of a float: NaN and infinities cannot be ints.
pub fn float_to_int(x: f64) -> PyResult<GcRef> {
    if x.is_nan() {
        return value_error("cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return overflow_error("cannot convert float infinity to integer");
    }
    if x.abs() < 9.0e18 {
        return new_int(x.trunc() as i64);
    }
    from_big(f64_to_big(x))
}

/// CPython's `PyFloat_AsDouble`: a float's value, else `__float__`, else `__index__`.
pub fn as_double(object: GcRef) -> PyResult<f64> {
    if let Some(x) = float_of(object) {
        return Ok(x);
    }
    if !object.is::<PyInstance>() {
        if let Some(v) = int_value(object) {
            return int_to_f64(&v);
        }
    }
    let t = space::type_of(object);
    if lookup_name(t, N::float_).is_some() {
        let result = ops::call_special(object, N::float_, &[])?.expect("__float__");
        return match float_of(result) {
            Some(x) => Ok(x),
            None => type_error(format!(
                "{}.__float__ returned non-float (type {})",
                type_name(t),
                type_name_of(result)
            )),
        };
    }
    if lookup_name(t, N::index).is_some() {
        return int_to_f64(&ops::index_int(object)?);
    }
    type_error(format!("must be real number, not {}", type_name(t)))
}

/// The exact order of a float and an int (None when the float is a NaN).
pub fn compare_float_int(x: f64, i: &IntValue) -> Option<Ordering> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    if let IntValue::Small(v) = i {
        if v.unsigned_abs() <= 1 << 53 {
            return x.partial_cmp(&(*v as f64));
        }
    }
    let floor = x.floor();
    match f64_to_big(floor).cmp(&i.to_big()) {
        Ordering::Equal if x > floor => Some(Ordering::Greater),
        order => Some(order),
    }
}

// ---- parsing -----------------------------------------------------------------------------

/// Code points of the Unicode digit zeros (category Nd, Unicode 14) beyond ASCII; each
/// starts a run of ten digits.
const DIGIT_ZEROS: [u32; 65] = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
    0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
    0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// Python's `str.isspace` (whitespace for number parsing).
fn is_unicode_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x20'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: number parsers see Unicode
/// whitespace as ' ', Unicode digits as ASCII ones, and any other non-ASCII character as
/// something no parser accepts.
pub fn ascii_number_text(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if is_unicode_space(c) {
                b' '
            } else {
                let code = c as u32;
                match DIGIT_ZEROS.iter().find(|&&z| code >= z && code < z + 10) {
                    Some(z) => b'0' + (code - z) as u8,
                    None => b'?',
                }
            }
        })
        .collect()
}

/// C's `isspace` in the C locale.
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

pub fn trim_ascii_space(text: &[u8]) -> &[u8] {
    let start = text
        .iter()
        .position(|b| !is_ascii_space(*b))
        .unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|b| !is_ascii_space(*b))
        .map_or(start, |p| p + 1);
    &text[start..end]
}

/// Remove underscores that sit between digits; None if any is elsewhere (CPython's
/// `_Py_string_to_number_with_underscores`).
pub fn strip_underscores(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut previous = 0u8;
    for &b in text {
        if b == b'_' {
            if !previous.is_ascii_digit() {
                return None;
            }
        } else {
            if previous == b'_' && !b.is_ascii_digit() {
                return None;
            }
            out.push(b);
        }
        previous = b;
    }
    (previous != b'_').then_some(out)
}

/// The length of the longest prefix of `text` that is a float literal (as C's `strtod`
/// reads it: sign, digits with a point, exponent; or inf, infinity, nan).
pub fn float_prefix(text: &[u8]) -> usize {
    let mut i = 0;
    if matches!(text.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let rest = &text[i..];
    let starts = |word: &str| {
        rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word.as_bytes())
    };
    if starts("infinity") {
        return i + 8;
    }
    if starts("inf") || starts("nan") {
        return i + 3;
    }
    let digits_from = |mut j: usize| {
        while j < text.len() && text[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let integer_end = digits_from(i);
    let mut end = integer_end;
    let mut digits = integer_end - i;
    if end < text.len() && text[end] == b'.' {
        let fraction_end = digits_from(end + 1);
        digits += fraction_end - end - 1;
        end = fraction_end;
    }
    if digits == 0 {
        return 0;
    }
    if end < text.len() && matches!(text[end], b'e' | b'E') {
        let mut j = end + 1;
        if j < text.len() && matches!(text[j], b'+' | b'-') {
            j += 1;
        }
        let exponent_end = digits_from(j);
        if exponent_end > j {
            end = exponent_end;
        }
    }
    end
}

/// Parse a float literal that must span all of `text` (already free of underscores and
/// surrounding whitespace).
pub fn parse_float_exact(text: &[u8]) -> Option<f64> {
    if text.is_empty() || float_prefix(text) != text.len() {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse::<f64>().ok()
}

/// `float(text)`: whitespace around, underscores between digits, Unicode digits.
pub fn parse_float_text(text: &[u8]) -> Option<f64> {
    let cleaned = if text.contains(&b'_') {
        strip_underscores(text)?
    } else {
        text.to_vec()
    };
    parse_float_exact(trim_ascii_space(&cleaned))
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
    args.shifted().expect(&format!("float.{name}"), 0, 0)?;
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

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exponent>`, subnormals as `0x0.…p-1022`.
pub fn hex_text(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        format!("{sign}0x0.{fraction:013x}p-1022")
    } else {
        format!("{sign}0x1.{fraction:013x}p{:+}", biased - 1023)
    }
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

enum HexError {
    Invalid,
    Overflow,
}

/// `float.fromhex`: `[sign] ['0x'] hexdigits ['.' hexdigits] ['p' [sign] digits]`, or
/// inf/infinity/nan, with whitespace around; correctly rounded.
fn parse_hex(text: &[u8]) -> Result<f64, HexError> {
    let text = trim_ascii_space(text);
    let (negative, body) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    for (word, value) in [
        ("infinity", f64::INFINITY),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        if body.eq_ignore_ascii_case(word.as_bytes()) {
            return Ok(if negative { -value } else { value });
        }
    }
    let body = if body.len() >= 2 && body[0] == b'0' && matches!(body[1], b'x' | b'X') {
        &body[2..]
    } else {
        body
    };
    let mut mantissa = BigUint::zero();
    let mut digits = 0usize;
    let mut fraction_digits = 0i64;
    let mut i = 0;
    let mut seen_point = false;
    while i < body.len() {
        let b = body[i];
        if b == b'.' && !seen_point {
            seen_point = true;
        } else if let Some(d) = (b as char).to_digit(16) {
            mantissa = (mantissa << 4usize) + BigUint::from(d);
            digits += 1;
            if seen_point {
                fraction_digits += 1;
            }
        } else {
            break;
        }
        i += 1;
    }
    if digits == 0 {
        return Err(HexError::Invalid);
    }
    let mut exponent = 0i64;
    if i < body.len() && matches!(body[i], b'p' | b'P') {
        i += 1;
        let exponent_negative = match body.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        while i < body.len() && body[i].is_ascii_digit() {
            exponent = exponent
                .saturating_mul(10)
                .saturating_add((body[i] - b'0') as i64);
            i += 1;
        }
        if i == start {
            return Err(HexError::Invalid);
        }
        if exponent_negative {
            exponent = -exponent;
        }
    }
    if i != body.len() {
        return Err(HexError::Invalid);
    }
    let e = exponent.saturating_sub(4 * fraction_digits);
    let value = compose_big(negative, &mantissa, e);
    if value.is_infinite() {
        return Err(HexError::Overflow);
    }
    Ok(value)
}

/// The items of a 2-tuple of floats.
pub fn float_pair(a: f64, b: f64) -> PyResult<GcRef> {
    new_tuple(&[new_float(a)?, new_float(b)?])
}
