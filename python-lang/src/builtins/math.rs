//! The `math` module.
//!
//! Most functions are the C library's (Rust's `f64` methods call the platform libm, as
//! CPython does), wrapped with CPython's error rules: a NaN from a non-NaN argument is a
//! "math domain error", an infinity from a finite one a "math range error" (or a domain
//! error for a pole). Where CPython computes a function itself (`gamma`, `lgamma`, `fsum`,
//! `hypot`, `remainder`), or where Rust's function is not the GNU C library's (`cbrt`,
//! `erf`, `erfc`, the inverse hyperbolic functions), this follows the same method so that
//! results agree to the bit.

use ferrite::GcRef;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::builtins::registry::{function, Args, NativeDef};
use crate::compiler::bytecode::binop;
use crate::objects::int::{from_big, int_value, IntValue};
use crate::objects::layout::*;
use crate::objects::typeobject::type_name_of;
use crate::objects::{dict, list, new_float, new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::ops;
use crate::types::float::{as_double, compose, decompose, float_pair, float_to_int, ldexp};

#[path = "math_special.rs"]
mod special;
use special::{acosh, asinh, atanh, cbrt, erf, erfc, gamma, lgamma};

pub fn make_module() -> PyResult<GcRef> {
    let module = crate::runtime::import::new_module("math")?;
    crate::builtins::modules::add_functions(module.erase(), "math")?;
    for (name, value) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        dict::set_item(module.dict(), pystr::intern(name)?, new_float(value)?)?;
    }
    Ok(module.erase())
}

pub fn functions() -> Vec<NativeDef> {
    vec![
        function("math", "acos", math_acos),
        function("math", "acosh", math_acosh),
        function("math", "asin", math_asin),
        function("math", "asinh", math_asinh),
        function("math", "atan", math_atan),
        function("math", "atan2", math_atan2),
        function("math", "atanh", math_atanh),
        function("math", "cbrt", math_cbrt),
        function("math", "ceil", math_ceil),
        function("math", "comb", math_comb),
        function("math", "copysign", math_copysign),
        function("math", "cos", math_cos),
        function("math", "cosh", math_cosh),
        function("math", "degrees", math_degrees),
        function("math", "dist", math_dist),
        function("math", "erf", math_erf),
        function("math", "erfc", math_erfc),
        function("math", "exp", math_exp),
        function("math", "exp2", math_exp2),
        function("math", "expm1", math_expm1),
        function("math", "fabs", math_fabs),
        function("math", "factorial", math_factorial),
        function("math", "floor", math_floor),
        function("math", "fmod", math_fmod),
        function("math", "frexp", math_frexp),
        function("math", "fsum", math_fsum),
        function("math", "gamma", math_gamma),
        function("math", "gcd", math_gcd),
        function("math", "hypot", math_hypot),
        function("math", "isclose", math_isclose),
        function("math", "isfinite", math_isfinite),
        function("math", "isinf", math_isinf),
        function("math", "isnan", math_isnan),
        function("math", "isqrt", math_isqrt),
        function("math", "lcm", math_lcm),
        function("math", "ldexp", math_ldexp),
        function("math", "lgamma", math_lgamma),
        function("math", "log", math_log),
        function("math", "log10", math_log10),
        function("math", "log1p", math_log1p),
        function("math", "log2", math_log2),
        function("math", "modf", math_modf),
        function("math", "nextafter", math_nextafter),
        function("math", "perm", math_perm),
        function("math", "pow", math_pow),
        function("math", "prod", math_prod),
        function("math", "radians", math_radians),
        function("math", "remainder", math_remainder),
        function("math", "sin", math_sin),
        function("math", "sinh", math_sinh),
        function("math", "sqrt", math_sqrt),
        function("math", "tan", math_tan),
        function("math", "tanh", math_tanh),
        function("math", "trunc", math_trunc),
        function("math", "ulp", math_ulp),
    ]
}

// ---- error rules -------------------------------------------------------------------------

fn domain_error<T>() -> PyResult<T> {
    value_error("math domain error")
}

fn range_error<T>() -> PyResult<T> {
    overflow_error("math range error")
}

/// The one argument of a function CPython declares as `METH_O`.
fn single(args: &Args, name: &str) -> PyResult<GcRef> {
    args.expect_in("math", name, 1, 1)?;
    Ok(args.get(0))
}

/// CPython's `math_1`: a NaN from a non-NaN is a domain error; an infinity from a finite
/// argument is an overflow, or a domain error (a pole) for functions that cannot overflow.
fn checked_1(x: f64, r: f64, can_overflow: bool) -> PyResult<GcRef> {
    if r.is_nan() && !x.is_nan() {
        return domain_error();
    }
    if r.is_infinite() && x.is_finite() {
        return if can_overflow {
            range_error()
        } else {
            domain_error()
        };
    }
    new_float(r)
}

fn math_1(args: &Args, name: &str, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<GcRef> {
    let x = as_double(single(args, name)?)?;
    checked_1(x, f(x), can_overflow)
}

/// CPython's `math_2`: NaN from non-NaNs is a domain error, infinity from finite values
/// an overflow.
fn math_2(args: &Args, name: &str, f: fn(f64, f64) -> f64) -> PyResult<GcRef> {
    args.expect(name, 2, 2)?;
    let x = as_double(args.get(0))?;
    let y = as_double(args.get(1))?;
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return domain_error();
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return range_error();
    }
    new_float(r)
}

/// Functions that report errors themselves (CPython's `math_1a`, errno-based).
#[derive(Debug)]
enum MathError {
    Domain,
    Range,
}

fn math_1a(args: &Args, name: &str, f: fn(f64) -> Result<f64, MathError>) -> PyResult<GcRef> {
    let x = as_double(single(args, name)?)?;
    match f(x) {
        Ok(r) => new_float(r),
        Err(MathError::Domain) => domain_error(),
        Err(MathError::Range) => range_error(),
    }
}

macro_rules! math_1_functions {
    ($($function:ident $name:literal $f:expr, $overflow:literal;)*) => {
        $(fn $function(args: &Args) -> PyResult<GcRef> {
            math_1(args, $name, $f, $overflow)
        })*
    };
}

math_1_functions! {
    math_acos "acos" f64::acos, false;
    math_acosh "acosh" acosh, false;
    math_asin "asin" f64::asin, false;
    math_asinh "asinh" asinh, false;
    math_atan "atan" f64::atan, false;
    math_atanh "atanh" atanh, false;
    math_cbrt "cbrt" cbrt, false;
    math_cos "cos" f64::cos, false;
    math_cosh "cosh" f64::cosh, true;
    math_exp "exp" f64::exp, true;
    math_exp2 "exp2" f64::exp2, true;
    math_expm1 "expm1" f64::exp_m1, true;
    math_fabs "fabs" f64::abs, false;
    math_log1p "log1p" log1p, false;
    math_sin "sin" f64::sin, false;
    math_sinh "sinh" f64::sinh, true;
    math_sqrt "sqrt" f64::sqrt, false;
    math_tan "tan" f64::tan, false;
    math_tanh "tanh" f64::tanh, false;
}

fn log1p(x: f64) -> f64 {
    // Keeps the sign of a zero.
    if x == 0.0 {
        x
    } else {
        x.ln_1p()
    }
}

fn math_degrees(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "degrees")?)?;
    new_float(x * (180.0 / std::f64::consts::PI))
}

fn math_radians(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "radians")?)?;
    new_float(x * (std::f64::consts::PI / 180.0))
}

fn math_atan2(args: &Args) -> PyResult<GcRef> {
    math_2(args, "atan2", f64::atan2)
}

fn math_copysign(args: &Args) -> PyResult<GcRef> {
    math_2(args, "copysign", f64::copysign)
}

fn math_remainder(args: &Args) -> PyResult<GcRef> {
    math_2(args, "remainder", remainder)
}

/// IEEE 754 remainder: `x - n*y` for the integer n nearest x/y (ties to even).
fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (ax, ay) = (x.abs(), y.abs());
        let m = ax % ay;
        // Compare m with ay/2 through the exactly computed complement.
        let c = ay - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: keep the even multiple.
            m - 2.0 * ((0.5 * (ax - m)) % ay)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn math_fmod(args: &Args) -> PyResult<GcRef> {
    args.expect("fmod", 2, 2)?;
    let x = as_double(args.get(0))?;
    let y = as_double(args.get(1))?;
    if y.is_infinite() && x.is_finite() {
        return new_float(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return domain_error();
    }
    new_float(r)
}

fn math_pow(args: &Args) -> PyResult<GcRef> {
    args.expect("pow", 2, 2)?;
    let x = as_double(args.get(0))?;
    let y = as_double(args.get(1))?;
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0) == (x.abs() > 1.0) {
            f64::INFINITY
        } else {
            0.0
        };
        return new_float(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return domain_error();
    }
    if r.is_infinite() {
        return if x == 0.0 {
            domain_error()
        } else {
            range_error()
        };
    }
    new_float(r)
}

// ---- logarithms --------------------------------------------------------------------------

/// CPython's `loghelper`: ints too large for a float still have logarithms.
fn log_of(x: GcRef, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(v) = int_value(x) {
        let big = v.to_big();
        if !big.is_positive() {
            return domain_error();
        }
        if big.bits() <= 1000 {
            return Ok(f(big.to_f64().expect("fits")));
        }
        // x = m * 2**e with m in [0.5, 1), so log(x) = log(m) + e*log(2).
        let e = big.bits() as i64;
        let m = crate::types::float::ratio_to_f64(&big, &(BigInt::one() << e as usize))
            .expect("a mantissa");
        return Ok(f(m) + f(2.0) * e as f64);
    }
    let value = as_double(x)?;
    let r = f(value);
    if r.is_nan() && !value.is_nan() || r.is_infinite() && value.is_finite() {
        return domain_error();
    }
    Ok(r)
}

fn math_log(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error("log() takes no keyword arguments");
    }
    if args.is_empty() || args.len() > 2 {
        return type_error("math.log requires 1 to 2 arguments");
    }
    let numerator = log_of(args.get(0), f64::ln)?;
    let Some(base) = args.get_opt(1) else {
        return new_float(numerator);
    };
    let denominator = log_of(base, f64::ln)?;
    if denominator == 0.0 {
        return zero_division("float division by zero");
    }
    new_float(numerator / denominator)
}

fn math_log2(args: &Args) -> PyResult<GcRef> {
    new_float(log_of(single(args, "log2")?, f64::log2)?)
}

fn math_log10(args: &Args) -> PyResult<GcRef> {
    new_float(log_of(single(args, "log10")?, f64::log10)?)
}

// ---- rounding to ints --------------------------------------------------------------------

/// `floor`/`ceil`: exact floats directly, else the type's `__floor__`/`__ceil__`, else
/// through a float.
fn round_to_int(args: &Args, name: &str, special: N, f: fn(f64) -> f64) -> PyResult<GcRef> {
    let x = single(args, name)?;
    if let Some(v) = x.downcast::<PyFloat>() {
        return float_to_int(f(v.value()));
    }
    if let Some(result) = ops::call_special(x, special, &[])? {
        return Ok(result);
    }
    float_to_int(f(as_double(x)?))
}

fn math_floor(args: &Args) -> PyResult<GcRef> {
    round_to_int(args, "floor", N::floor, f64::floor)
}

fn math_ceil(args: &Args) -> PyResult<GcRef> {
    round_to_int(args, "ceil", N::ceil, f64::ceil)
}

fn math_trunc(args: &Args) -> PyResult<GcRef> {
    let x = single(args, "trunc")?;
    if let Some(v) = x.downcast::<PyFloat>() {
        return float_to_int(v.value());
    }
    match ops::call_special(x, N::trunc, &[])? {
        Some(result) => Ok(result),
        None => type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name_of(x)
        )),
    }
}

// ---- float decomposition -----------------------------------------------------------------

/// C's `frexp` for finite nonzero x: `(m, e)` with `x = m * 2**e`, `0.5 <= |m| < 1`.
fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (negative, m, e) = decompose(x);
    let length = 64 - m.leading_zeros() as i64;
    (compose(negative, m as u128, -length), e + length)
}

fn math_frexp(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "frexp")?)?;
    let (m, e) = frexp(x);
    crate::objects::new_tuple(&[new_float(m)?, new_int(e)?])
}

fn math_ldexp(args: &Args) -> PyResult<GcRef> {
    args.expect("ldexp", 2, 2)?;
    let x = as_double(args.get(0))?;
    let Some(exponent) = int_value(args.get(1)) else {
        return type_error("Expected an int as second argument to ldexp.");
    };
    let k = match exponent {
        IntValue::Small(k) => k,
        IntValue::Big(b) => {
            if b.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
    };
    let r = ldexp(x, k);
    if r.is_infinite() && x.is_finite() {
        return range_error();
    }
    new_float(r)
}

fn math_modf(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "modf")?)?;
    if x.is_infinite() {
        return float_pair(0.0f64.copysign(x), x);
    }
    if x.is_nan() {
        return float_pair(x, x);
    }
    float_pair((x - x.trunc()).copysign(x), x.trunc())
}

/// The float next to x in the direction of y.
fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    if (y > x) == (x > 0.0) {
        f64::from_bits(bits + 1)
    } else {
        f64::from_bits(bits - 1)
    }
}

fn math_nextafter(args: &Args) -> PyResult<GcRef> {
    args.expect("nextafter", 2, 2)?;
    let x = as_double(args.get(0))?;
    let y = as_double(args.get(1))?;
    new_float(next_after(x, y))
}

fn math_ulp(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "ulp")?)?;
    if x.is_nan() || x.is_infinite() {
        return new_float(x.abs());
    }
    let x = x.abs();
    let up = next_after(x, f64::INFINITY);
    if up.is_infinite() {
        return new_float(x - next_after(x, f64::NEG_INFINITY));
    }
    new_float(up - x)
}

// ---- predicates --------------------------------------------------------------------------

fn math_isfinite(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "isfinite")?)?;
    Ok(crate::runtime::space::bool_(x.is_finite()))
}

fn math_isinf(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "isinf")?)?;
    Ok(crate::runtime::space::bool_(x.is_infinite()))
}

fn math_isnan(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "isnan")?)?;
    Ok(crate::runtime::space::bool_(x.is_nan()))
}

fn math_isclose(args: &Args) -> PyResult<GcRef> {
    for i in 0..args.keyword_count() {
        let name = pystr::to_string(args.keyword_at(i).0);
        if !["a", "b", "rel_tol", "abs_tol"].contains(&name.as_str()) {
            return type_error(format!(
                "'{name}' is an invalid keyword argument for isclose()"
            ));
        }
    }
    if args.len() > 2 {
        return type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        ));
    }
    let a = args.get_opt(0).or_else(|| args.keyword("a"));
    let b = args.get_opt(1).or_else(|| args.keyword("b"));
    let Some(a) = a else {
        return type_error("isclose() missing required argument 'a' (pos 1)");
    };
    let Some(b) = b else {
        return type_error("isclose() missing required argument 'b' (pos 2)");
    };
    let a = as_double(a)?;
    let b = as_double(b)?;
    let rel_tol = match args.keyword("rel_tol") {
        Some(t) => as_double(t)?,
        None => 1e-9,
    };
    let abs_tol = match args.keyword("abs_tol") {
        Some(t) => as_double(t)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return value_error("tolerances must be non-negative");
    }
    let close = if a == b {
        true
    } else if a.is_infinite() || b.is_infinite() {
        false
    } else {
        let diff = (b - a).abs();
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
    };
    Ok(crate::runtime::space::bool_(close))
}

// ---- sums and norms ----------------------------------------------------------------------

/// `fsum`: Shewchuk's exact summation with nonoverlapping partials, then CPython's
/// correction so the final rounding is half-even across partials.
fn math_fsum(args: &Args) -> PyResult<GcRef> {
    let iterable = single(args, "fsum")?;
    let iterator = ops::iter(iterable)?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0;
    let mut inf_sum = 0.0;
    while let Some(item) = ops::next(iterator)? {
        let mut x = as_double(item)?;
        let original = x;
        let mut kept = 0;
        for i in 0..partials.len() {
            let mut y = partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        if x != 0.0 {
            if !x.is_finite() {
                // An infinity or NaN from finite summands is an overflow.
                if original.is_finite() {
                    return overflow_error("intermediate overflow in fsum");
                }
                if original.is_infinite() {
                    inf_sum += original;
                }
                special_sum += original;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return value_error("-inf + inf in fsum");
        }
        return new_float(special_sum);
    }
    let mut hi = 0.0;
    if let Some(top) = partials.pop() {
        hi = top;
        let mut lo = 0.0;
        while let Some(y) = partials.pop() {
            let x = hi;
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        if let Some(&next) = partials.last() {
            if (lo < 0.0 && next < 0.0) || (lo > 0.0 && next > 0.0) {
                let y = lo * 2.0;
                let x = hi + y;
                if y == x - hi {
                    hi = x;
                }
            }
        }
    }
    new_float(hi)
}

/// The exact product of two floats as a sum `hi + lo`.
fn exact_product(x: f64, y: f64) -> (f64, f64) {
    let hi = x * y;
    (hi, x.mul_add(y, -hi))
}

/// `a + b` exactly as `hi + lo`, for `|a| >= |b|`.
fn exact_sum(a: f64, b: f64) -> (f64, f64) {
    let hi = a + b;
    (hi, b - (hi - a))
}

/// CPython's `vector_norm`: the Euclidean norm, scaled to avoid overflow and summed with
/// extra precision, then corrected once (correctly rounded in practice).
fn vector_norm(values: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || values.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        // Subnormal: scale up into the normal range first.
        for v in values.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(values, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -max_e);
    let mut csum = 1.0;
    let mut frac1 = 0.0;
    let mut frac2 = 0.0;
    for v in values.iter() {
        let x = v * scale;
        let (hi, lo) = exact_product(x, x);
        let (sum, error) = exact_sum(csum, hi);
        csum = sum;
        frac1 += lo;
        frac2 += error;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = exact_product(-h, h);
    let (sum, error) = exact_sum(csum, hi);
    csum = sum;
    frac1 += lo;
    frac2 += error;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

fn math_hypot(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error("hypot() takes no keyword arguments");
    }
    let mut values = Vec::with_capacity(args.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for i in 0..args.len() {
        let x = as_double(args.get(i))?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        values.push(x);
    }
    new_float(vector_norm(&mut values, max, found_nan))
}

/// The float coordinates of a point given as any iterable.
fn coordinates(point: GcRef) -> PyResult<Vec<f64>> {
    let items = ops::collect_list(point)?;
    let mut values = Vec::with_capacity(list::len(items));
    for i in 0..list::len(items) {
        values.push(as_double(list::get(items, i))?);
    }
    Ok(values)
}

fn math_dist(args: &Args) -> PyResult<GcRef> {
    args.expect("dist", 2, 2)?;
    let p = coordinates(args.get(0))?;
    let q = coordinates(args.get(1))?;
    if p.len() != q.len() {
        return value_error("both points must have the same number of dimensions");
    }
    let mut max = 0.0f64;
    let mut found_nan = false;
    let mut diffs: Vec<f64> = p
        .iter()
        .zip(&q)
        .map(|(a, b)| {
            let d = (a - b).abs();
            found_nan |= d.is_nan();
            if d > max {
                max = d;
            }
            d
        })
        .collect();
    new_float(vector_norm(&mut diffs, max, found_nan))
}

fn math_prod(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("prod", &["start"])?;
    args.expect_positional("prod", 1, 1)?;
    let mut result = match args.keyword("start") {
        Some(s) => s,
        None => new_int(1)?,
    };
    let iterator = ops::iter(args.get(0))?;
    while let Some(item) = ops::next(iterator)? {
        result = ops::binary_op(result, item, binop::MUL)?;
    }
    Ok(result)
}

// ---- integer functions -------------------------------------------------------------------

/// An integer argument (through `__index__`).
fn integer(x: GcRef) -> PyResult<BigInt> {
    Ok(ops::index_int(x)?.to_big())
}

/// The product of the integers in `low..=high` by halving, so the multiplications stay
/// balanced.
fn range_product(low: &BigInt, high: &BigInt) -> BigInt {
    if low > high {
        return BigInt::one();
    }
    let span = high - low;
    if span < BigInt::from(8) {
        let mut product = low.clone();
        let mut i = low + 1;
        while &i <= high {
            product *= &i;
            i += 1;
        }
        return product;
    }
    let middle: BigInt = (low + high) >> 1usize;
    range_product(low, &middle) * range_product(&(&middle + 1), high)
}

fn factorial(n: &BigInt) -> BigInt {
    range_product(&BigInt::one(), n)
}

fn math_factorial(args: &Args) -> PyResult<GcRef> {
    let n = integer(single(args, "factorial")?)?;
    if n.is_negative() {
        return value_error("factorial() not defined for negative values");
    }
    if n > BigInt::from(i64::MAX) {
        return overflow_error("factorial() argument should not exceed 9223372036854775807");
    }
    from_big(factorial(&n))
}

fn math_gcd(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error("gcd() takes no keyword arguments");
    }
    let mut result = BigInt::zero();
    for i in 0..args.len() {
        let x = integer(args.get(i))?;
        result = result.gcd(&x);
    }
    from_big(result)
}

fn math_lcm(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error("lcm() takes no keyword arguments");
    }
    let mut result = BigInt::one();
    for i in 0..args.len() {
        let x = integer(args.get(i))?;
        result = if result.is_zero() || x.is_zero() {
            BigInt::zero()
        } else {
            result.lcm(&x)
        };
    }
    from_big(result.abs())
}

fn math_isqrt(args: &Args) -> PyResult<GcRef> {
    let n = integer(single(args, "isqrt")?)?;
    if n.is_negative() {
        return value_error("isqrt() argument must be nonnegative");
    }
    from_big(n.sqrt())
}

/// The n and k of `comb`/`perm`, checked as CPython does.
fn n_and_k(n: GcRef, k: GcRef) -> PyResult<(BigInt, BigInt)> {
    let n = integer(n)?;
    let k = integer(k)?;
    if n.is_negative() {
        return value_error("n must be a non-negative integer");
    }
    if k.is_negative() {
        return value_error("k must be a non-negative integer");
    }
    Ok((n, k))
}

fn math_comb(args: &Args) -> PyResult<GcRef> {
    args.expect("comb", 2, 2)?;
    let (n, k) = n_and_k(args.get(0), args.get(1))?;
    if k > n {
        return new_int(0);
    }
    let k = k.clone().min(&n - &k);
    if k > BigInt::from(i64::MAX) {
        return overflow_error("min(n - k, k) must not exceed 9223372036854775807");
    }
    let falling = range_product(&(&n - &k + 1), &n);
    from_big(falling / factorial(&k))
}

fn math_perm(args: &Args) -> PyResult<GcRef> {
    args.expect("perm", 1, 2)?;
    let k = args.get_opt(1).filter(|k| !crate::objects::is_none(*k));
    let Some(k) = k else {
        let n = integer(args.get(0))?;
        if n.is_negative() {
            return value_error("factorial() not defined for negative values");
        }
        return from_big(factorial(&n));
    };
    let (n, k) = n_and_k(args.get(0), k)?;
    if k > n {
        return new_int(0);
    }
    if k > BigInt::from(i64::MAX) {
        return overflow_error("k must not exceed 9223372036854775807");
    }
    from_big(range_product(&(&n - &k + 1), &n))
}

fn math_gamma(args: &Args) -> PyResult<GcRef> {
    math_1a(args, "gamma", gamma)
}

fn math_lgamma(args: &Args) -> PyResult<GcRef> {
    math_1a(args, "lgamma", lgamma)
}

fn math_erf(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "erf")?)?;
    new_float(erf(x))
}

fn math_erfc(args: &Args) -> PyResult<GcRef> {
    let x = as_double(single(args, "erfc")?)?;
    new_float(erfc(x))
}
