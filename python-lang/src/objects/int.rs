//! `int` (and `bool`'s arithmetic): machine words in `PyInt`, anything larger in
//! `PyBigInt` through `num_bigint`. Results are normalized, so a value that fits a word is
//! always a `PyInt`.

use ferrite::{Bytes, GcRef};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::compiler::bytecode::binop;
use crate::objects::layout::*;
use crate::objects::{alloc, new_float, new_int};
use crate::runtime::errors::{overflow_error, value_error, zero_division, PyResult};
use crate::runtime::space;

/// The integer value of an int, bool, or int-subclass instance.
pub enum IntValue {
    Small(i64),
    Big(BigInt),
}

impl IntValue {
    pub fn to_big(&self) -> BigInt {
        match self {
            IntValue::Small(v) => BigInt::from(*v),
            IntValue::Big(b) => b.clone(),
        }
    }
}

pub fn int_value(object: GcRef) -> Option<IntValue> {
    if let Some(i) = object.downcast::<PyInt>() {
        return Some(IntValue::Small(i.value()));
    }
    if let Some(b) = object.downcast::<PyBool>() {
        return Some(IntValue::Small(b.value() as i64));
    }
    if let Some(b) = object.downcast::<PyBigInt>() {
        return Some(IntValue::Big(
            b.bytes().with_bytes(BigInt::from_signed_bytes_le),
        ));
    }
    if let Some(instance) = object.downcast::<PyInstance>() {
        return instance.base().and_then(int_value);
    }
    None
}

pub fn is_int(object: GcRef) -> bool {
    object.is::<PyInt>()
        || object.is::<PyBool>()
        || object.is::<PyBigInt>()
        || object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .is_some_and(is_int)
}

/// An int object for a big value (a `PyInt` if it fits).
pub fn from_big(value: BigInt) -> PyResult<GcRef> {
    if let Some(v) = value.to_i64() {
        return new_int(v);
    }
    let bytes = Bytes::new(&value.to_signed_bytes_le()).map_err(|_| space::memory_error())?;
    Ok(alloc(PyBigInt { bytes })?.erase())
}

pub fn from_value(value: IntValue) -> PyResult<GcRef> {
    match value {
        IntValue::Small(v) => new_int(v),
        IntValue::Big(b) => from_big(b),
    }
}

pub fn to_string(value: &IntValue) -> String {
    match value {
        IntValue::Small(v) => v.to_string(),
        IntValue::Big(b) => b.to_string(),
    }
}

/// CPython's int hash: the value modulo 2**61 - 1 (with -1 mapped to -2).
pub fn hash(value: &IntValue) -> i64 {
    const MODULUS: i64 = (1 << 61) - 1;
    let h = match value {
        IntValue::Small(v) => {
            let m = (v.unsigned_abs() % MODULUS as u64) as i64;
            if *v < 0 {
                -m
            } else {
                m
            }
        }
        IntValue::Big(b) => {
            let m = (b.abs() % BigInt::from(MODULUS)).to_i64().expect("fits");
            if b.is_negative() {
                -m
            } else {
                m
            }
        }
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python's floor division and modulo on words (`b != 0`).
pub fn floor_div_mod(a: i64, b: i64) -> Option<(i64, i64)> {
    let q = a.checked_div(b)?;
    let r = a - q * b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some((q - 1, r + b))
    } else {
        Some((q, r))
    }
}

/// `a op b` for two ints; `None` if the operator isn't an int operation.
pub fn binary(op: u32, a: &IntValue, b: &IntValue) -> PyResult<Option<GcRef>> {
    if let (IntValue::Small(x), IntValue::Small(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let small = match op {
            binop::ADD => x.checked_add(y),
            binop::SUB => x.checked_sub(y),
            binop::MUL => x.checked_mul(y),
            binop::FLOORDIV => {
                if y == 0 {
                    return zero_division("integer division or modulo by zero");
                }
                floor_div_mod(x, y).map(|(q, _)| q)
            }
            binop::MOD => {
                if y == 0 {
                    return zero_division("integer modulo by zero");
                }
                floor_div_mod(x, y).map(|(_, r)| r)
            }
            binop::AND => Some(x & y),
            binop::OR => Some(x | y),
            binop::XOR => Some(x ^ y),
            binop::LSHIFT => {
                if y < 0 {
                    return value_error("negative shift count");
                }
                if y < 63 && (x == 0 || (x.abs().leading_zeros() as i64) > y + 1) {
                    Some(x << y)
                } else if x == 0 {
                    Some(0)
                } else {
                    None
                }
            }
            binop::RSHIFT => {
                if y < 0 {
                    return value_error("negative shift count");
                }
                Some(if y >= 64 {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                })
            }
            binop::TRUEDIV => {
                if y == 0 {
                    return zero_division("division by zero");
                }
                if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                    return Ok(Some(new_float(x as f64 / y as f64)?));
                }
                None
            }
            binop::POW => {
                if y < 0 {
                    if x == 0 {
                        return zero_division("0.0 cannot be raised to a negative power");
                    }
                    return Ok(Some(new_float((x as f64).powf(y as f64))?));
                }
                if y <= u32::MAX as i64 {
                    x.checked_pow(y as u32)
                } else {
                    None
                }
            }
            _ => return Ok(None),
        };
        if let Some(v) = small {
            return Ok(Some(new_int(v)?));
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    let result = match op {
        binop::ADD => x + y,
        binop::SUB => x - y,
        binop::MUL => x * y,
        binop::FLOORDIV | binop::MOD => {
            if y.is_zero() {
                return zero_division(if op == binop::MOD {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                });
            }
            let (q, r) = x.div_mod_floor(&y);
            if op == binop::FLOORDIV {
                q
            } else {
                r
            }
        }
        binop::AND => x & y,
        binop::OR => x | y,
        binop::XOR => x ^ y,
        binop::LSHIFT => {
            if y.is_negative() {
                return value_error("negative shift count");
            }
            let Some(shift) = y.to_u64().filter(|s| *s < (1 << 32)) else {
                return overflow_error("too many digits in integer");
            };
            x << shift
        }
        binop::RSHIFT => {
            if y.is_negative() {
                return value_error("negative shift count");
            }
            match y.to_u64() {
                Some(shift) if shift < (1 << 32) => x >> shift,
                _ => {
                    if x.is_negative() {
                        -BigInt::one()
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        binop::TRUEDIV => {
            if y.is_zero() {
                return zero_division("division by zero");
            }
            return Ok(Some(new_float(big_true_div(&x, &y)?)?));
        }
        binop::POW => {
            if y.is_negative() {
                let base = big_to_f64(&x)?;
                return Ok(Some(new_float(base.powf(big_to_f64(&y)?))?));
            }
            let Some(exponent) = y.to_u32() else {
                if x.is_zero() || x.is_one() {
                    return Ok(Some(from_big(x)?));
                }
                if x == -BigInt::one() {
                    return Ok(Some(new_int(if y.is_even() { 1 } else { -1 })?));
                }
                return Err(space::memory_error());
            };
            num_traits::pow(x, exponent as usize)
        }
        _ => return Ok(None),
    };
    Ok(Some(from_big(result)?))
}

/// A big int as a float, or OverflowError.
pub fn big_to_f64(x: &BigInt) -> PyResult<f64> {
    match x.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => overflow_error("int too large to convert to float"),
    }
}

pub fn value_to_f64(value: &IntValue) -> PyResult<f64> {
    match value {
        IntValue::Small(v) => Ok(*v as f64),
        IntValue::Big(b) => big_to_f64(b),
    }
}

fn big_true_div(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    // Correctly rounded, as CPython's long true division.
    match crate::types::float::ratio_to_f64(x, y) {
        Some(f) => Ok(f),
        None => overflow_error("integer division result too large for a float"),
    }
}

pub fn compare(a: &IntValue, b: &IntValue) -> std::cmp::Ordering {
    match (a, b) {
        (IntValue::Small(x), IntValue::Small(y)) => x.cmp(y),
        _ => a.to_big().cmp(&b.to_big()),
    }
}

/// Parse an int literal as `int(text, base)` does.
pub fn parse(text: &str, base: u32) -> Option<BigInt> {
    let t = text.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut base = base;
    let mut digits = digits;
    let lower = digits.to_ascii_lowercase();
    for (prefix, b) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if lower.starts_with(prefix) && (base == b || base == 0) {
            digits = &digits[2..];
            base = b;
            break;
        }
    }
    if base == 0 {
        if digits.len() > 1
            && digits.starts_with('0')
            && !digits.chars().all(|c| c == '0' || c == '_')
        {
            return None;
        }
        base = 10;
    }
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
    if !cleaned.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let value = BigInt::parse_bytes(cleaned.as_bytes(), base)?;
    Some(if negative { -value } else { value })
}

/// `pow(base, exp, modulus)`: modular exponentiation (a negative exponent takes the
/// modular inverse, as CPython 3.8+ does).
pub fn pow_mod(base: &IntValue, exp: &IntValue, modulus: &IntValue) -> PyResult<GcRef> {
    let m = modulus.to_big();
    if m.is_zero() {
        return value_error("pow() 3rd argument cannot be 0");
    }
    let mut b = base.to_big();
    let mut e = exp.to_big();
    if e.is_negative() {
        let inverse = modular_inverse(&b, &m);
        match inverse {
            Some(i) => b = i,
            None => return value_error("base is not invertible for the given modulus"),
        }
        e = -e;
    }
    let positive_m = m.abs();
    let mut r = b.mod_floor(&positive_m).modpow(&e, &positive_m);
    if m.is_negative() && !r.is_zero() {
        r += &m;
    }
    from_big(r)
}

fn modular_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let g = a.mod_floor(&m).extended_gcd(&m);
    if !g.gcd.is_one() {
        return None;
    }
    Some(g.x.mod_floor(&m))
}
