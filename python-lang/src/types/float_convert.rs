//! Exact conversions between floats, ints and text, for `float`, `int`, `complex` and
//! `math`: decomposing and composing floats with a single correct rounding, CPython's
//! `PyFloat_AsDouble`, and the syntax of float literals (decimal and hexadecimal).

use std::cmp::Ordering;

use ferrite::GcRef;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::objects::int::{from_big, int_value, IntValue};
use crate::objects::layout::*;
use crate::objects::new_int;
use crate::objects::typeobject::{lookup_name, type_name, type_name_of};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::{ops, space};

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

// ---- hexadecimal -------------------------------------------------------------------------

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

pub enum HexError {
    Invalid,
    Overflow,
}

/// `float.fromhex`: `[sign] ['0x'] hexdigits ['.' hexdigits] ['p' [sign] digits]`, or
/// inf/infinity/nan, with whitespace around; correctly rounded.
pub fn parse_hex(text: &[u8]) -> Result<f64, HexError> {
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
