//! The methods of `complex`.
//!
//! `ops` has no fast paths for complex numbers, so these dunders are what `a + b`, `-a`,
//! `a == b` and `abs(a)` reach. An int or float operand is promoted to a complex with a
//! zero imaginary part, as CPython does.

use ferrite::GcRef;

use crate::builtins::format_spec;
use crate::builtins::registry::{method, property, static_method, Args, NativeDef};
use crate::compiler::bytecode::binop;
use crate::objects::int::int_value;
use crate::objects::layout::*;
use crate::objects::typeobject::{is_subtype, lookup_name, type_name, type_name_of};
use crate::objects::{alloc, float as objfloat, instance, new_float, new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::ops;
use crate::runtime::space::{self, *};
use crate::types::float::{
    as_double, ascii_number_text, compare_float_int, float_from, float_of, float_prefix,
    int_to_f64, is_ascii_space, parse_float_exact, strip_underscores,
};
use crate::types::int::{no_keywords, wrapper_arity};

pub fn methods() -> Vec<NativeDef> {
    vec![
        static_method(T_COMPLEX, "__new__", complex_new),
        method(T_COMPLEX, "__repr__", complex_repr),
        method(T_COMPLEX, "__hash__", complex_hash),
        method(T_COMPLEX, "__bool__", complex_bool),
        method(T_COMPLEX, "__eq__", complex_eq),
        method(T_COMPLEX, "__ne__", complex_ne),
        method(T_COMPLEX, "__add__", complex_add),
        method(T_COMPLEX, "__radd__", complex_radd),
        method(T_COMPLEX, "__sub__", complex_sub),
        method(T_COMPLEX, "__rsub__", complex_rsub),
        method(T_COMPLEX, "__mul__", complex_mul),
        method(T_COMPLEX, "__rmul__", complex_rmul),
        method(T_COMPLEX, "__truediv__", complex_truediv),
        method(T_COMPLEX, "__rtruediv__", complex_rtruediv),
        method(T_COMPLEX, "__pow__", complex_pow),
        method(T_COMPLEX, "__rpow__", complex_rpow),
        method(T_COMPLEX, "__neg__", complex_neg),
        method(T_COMPLEX, "__pos__", complex_pos),
        method(T_COMPLEX, "__abs__", complex_abs),
        method(T_COMPLEX, "__complex__", complex_complex),
        method(T_COMPLEX, "__format__", complex_format),
        method(T_COMPLEX, "__getnewargs__", complex_getnewargs),
        method(T_COMPLEX, "conjugate", complex_conjugate),
        property(T_COMPLEX, "real", complex_real, None),
        property(T_COMPLEX, "imag", complex_imag, None),
    ]
}

type Complex = (f64, f64);

pub fn new_complex(real: f64, imag: f64) -> PyResult<GcRef> {
    Ok(alloc(PyComplex { real, imag })?.erase())
}

/// The value of a complex or complex-subclass instance.
pub fn complex_of(object: GcRef) -> Option<Complex> {
    let c = match object.downcast::<PyComplex>() {
        Some(c) => c,
        None => object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .and_then(|b| b.downcast::<PyComplex>())?,
    };
    Some((c.real(), c.imag()))
}

/// An arithmetic operand: a complex, or a float or int promoted; None otherwise.
fn operand(object: GcRef) -> PyResult<Option<Complex>> {
    if let Some(c) = complex_of(object) {
        return Ok(Some(c));
    }
    if let Some(x) = float_of(object) {
        return Ok(Some((x, 0.0)));
    }
    match int_value(object) {
        Some(v) => Ok(Some((int_to_f64(&v)?, 0.0))),
        None => Ok(None),
    }
}

fn receiver(args: &Args, name: &str) -> PyResult<Complex> {
    if args.is_empty() {
        return type_error(format!(
            "descriptor '{name}' of 'complex' object needs an argument"
        ));
    }
    let this = args.get(0);
    match complex_of(this) {
        Some(c) => Ok(c),
        None => type_error(format!(
            "descriptor '{name}' requires a 'complex' object but received a '{}'",
            type_name_of(this)
        )),
    }
}

fn unary(args: &Args, name: &str) -> PyResult<Complex> {
    let c = receiver(args, name)?;
    wrapper_arity(args, name, 0)?;
    Ok(c)
}

// ---- construction ------------------------------------------------------------------------

fn complex_new(args: &Args) -> PyResult<GcRef> {
    let cls = args.get(0);
    let Some(t) = cls.downcast::<PyType>() else {
        return type_error(format!(
            "complex.__new__(X): X is not a type object ({})",
            type_name_of(cls)
        ));
    };
    let given = args.len() - 1;
    if given > 2 {
        return type_error(format!(
            "complex() takes at most 2 arguments ({given} given)"
        ));
    }
    let mut real = args.get_opt(1);
    let mut imag = args.get_opt(2);
    for i in 0..args.keyword_count() {
        let (name, value) = args.keyword_at(i);
        let name = pystr::to_string(name);
        let (slot, position) = match name.as_str() {
            "real" => (&mut real, 1),
            "imag" => (&mut imag, 2),
            _ => {
                return type_error(format!(
                    "'{name}' is an invalid keyword argument for complex()"
                ))
            }
        };
        if slot.is_some() {
            return type_error(format!(
                "argument for complex() given by name ('{name}') and position ({position})"
            ));
        }
        *slot = Some(value);
    }
    if let Some(r) = real {
        if r.is::<PyComplex>() && imag.is_none() && t == space::builtin_type(T_COMPLEX) {
            return Ok(r);
        }
    }
    let (re, im) = complex_value(real, imag)?;
    let value = new_complex(re, im)?;
    if t == space::builtin_type(T_COMPLEX) {
        return Ok(value);
    }
    if !is_subtype(t, space::builtin_type(T_COMPLEX)) {
        let name = type_name(t);
        return type_error(format!(
            "complex.__new__({name}): {name} is not a subtype of complex"
        ));
    }
    let object = instance::new_instance(t)?;
    object.set_base(Some(value));
    Ok(object.erase())
}

/// Whether a value can be a part of `complex(real, imag)`.
fn is_number(object: GcRef) -> bool {
    if complex_of(object).is_some() {
        return true;
    }
    let t = space::type_of(object);
    lookup_name(t, N::float_).is_some() || lookup_name(t, N::index).is_some()
}

/// The value of `complex(real, imag)` (either may be absent).
fn complex_value(real: Option<GcRef>, imag: Option<GcRef>) -> PyResult<Complex> {
    let Some(mut r) = real else {
        return match imag {
            None => Ok((0.0, 0.0)),
            Some(i) => complex_value(Some(new_int(0)?), Some(i)),
        };
    };
    if pystr::as_str(r).is_some() {
        if imag.is_some() {
            return type_error("complex() can't take second arg if first is a string");
        }
        let text = pystr::with_str(r, |s| s.to_string());
        return match parse_complex(&ascii_number_text(&text)) {
            Some(c) => Ok(c),
            None => value_error("complex() arg is a malformed string"),
        };
    }
    if let Some(i) = imag {
        if pystr::as_str(i).is_some() {
            return type_error("complex() second arg can't be a string");
        }
    }
    if let Some(result) = ops::call_special(r, N::complex_, &[])? {
        if complex_of(result).is_none() {
            return type_error(format!(
                "__complex__ returned non-complex (type {})",
                type_name_of(result)
            ));
        }
        r = result;
    }
    if !is_number(r) {
        return type_error(format!(
            "complex() first argument must be a string or a number, not '{}'",
            type_name_of(r)
        ));
    }
    if let Some(i) = imag {
        if !is_number(i) {
            return type_error(format!(
                "complex() second argument must be a number, not '{}'",
                type_name_of(i)
            ));
        }
    }
    let (real_complex, (mut re, re_imag)) = match complex_of(r) {
        Some(c) => (true, c),
        None => (false, (float_from(r)?, 0.0)),
    };
    let mut im = match imag {
        None => re_imag,
        Some(i) => match complex_of(i) {
            Some((a, b)) => {
                // An imaginary part that is itself complex contributes to the real part.
                re -= b;
                a
            }
            None => as_double(i)?,
        },
    };
    if real_complex && imag.is_some() {
        im += re_imag;
    }
    Ok((re, im))
}

/// `complex(text)`: `<float>`, `<float>j`, `<float><signed float>j` (also with a bare sign
/// for a unit imaginary part), optionally in parentheses, whitespace around.
fn parse_complex(text: &[u8]) -> Option<Complex> {
    let cleaned = if text.contains(&b'_') {
        strip_underscores(text)?
    } else {
        text.to_vec()
    };
    let s = cleaned.as_slice();
    let mut i = 0;
    let skip_space = |mut i: usize| {
        while i < s.len() && is_ascii_space(s[i]) {
            i += 1;
        }
        i
    };
    i = skip_space(i);
    let bracket = s.get(i) == Some(&b'(');
    if bracket {
        i = skip_space(i + 1);
    }
    let number = |from: usize| -> Option<(f64, usize)> {
        let n = float_prefix(&s[from..]);
        if n == 0 {
            return None;
        }
        Some((parse_float_exact(&s[from..from + n])?, from + n))
    };
    let is_j = |i: usize| matches!(s.get(i), Some(b'j' | b'J'));
    let unit = |i: usize| if s[i] == b'+' { 1.0 } else { -1.0 };
    let (mut re, mut im) = (0.0, 0.0);
    if let Some((z, end)) = number(i) {
        i = end;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            re = z;
            match number(i) {
                Some((y, end)) => {
                    im = y;
                    i = end;
                }
                None => {
                    im = unit(i);
                    i += 1;
                }
            }
            if !is_j(i) {
                return None;
            }
            i += 1;
        } else if is_j(i) {
            im = z;
            i += 1;
        } else {
            re = z;
        }
    } else {
        if matches!(s.get(i), Some(b'+' | b'-')) {
            im = unit(i);
            i += 1;
        } else {
            im = 1.0;
        }
        if !is_j(i) {
            return None;
        }
        i += 1;
    }
    i = skip_space(i);
    if bracket {
        if s.get(i) != Some(&b')') {
            return None;
        }
        i = skip_space(i + 1);
    }
    (i == s.len()).then_some((re, im))
}

// ---- arithmetic --------------------------------------------------------------------------

fn product(a: Complex, b: Complex) -> Complex {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// CPython's complex division (Smith's method); None when dividing by zero.
fn quotient(a: Complex, b: Complex) -> Option<Complex> {
    let (abs_real, abs_imag) = (b.0.abs(), b.1.abs());
    if abs_real >= abs_imag {
        if abs_real == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denominator = b.0 + b.1 * ratio;
        Some((
            (a.0 + a.1 * ratio) / denominator,
            (a.1 - a.0 * ratio) / denominator,
        ))
    } else if abs_imag >= abs_real {
        let ratio = b.0 / b.1;
        let denominator = b.0 * ratio + b.1;
        Some((
            (a.0 * ratio + a.1) / denominator,
            (a.1 * ratio - a.0) / denominator,
        ))
    } else {
        // A NaN in the divisor.
        Some((f64::NAN, f64::NAN))
    }
}

/// `a ** n` by repeated squaring.
fn power_unsigned(a: Complex, n: u64) -> Complex {
    let mut result = (1.0, 0.0);
    let mut p = a;
    let mut mask = 1u64;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            result = product(result, p);
        }
        mask <<= 1;
        p = product(p, p);
    }
    result
}

/// `a ** b` through polar form; the error flag is set for zero to a negative or complex
/// power.
fn power_general(a: Complex, b: Complex) -> (Complex, bool) {
    if b.0 == 0.0 && b.1 == 0.0 {
        return ((1.0, 0.0), false);
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        return ((0.0, 0.0), b.1 != 0.0 || b.0 < 0.0);
    }
    let magnitude = a.0.hypot(a.1);
    let mut length = magnitude.powf(b.0);
    let angle = a.1.atan2(a.0);
    let mut phase = angle * b.0;
    if b.1 != 0.0 {
        length /= (angle * b.1).exp();
        phase += b.1 * magnitude.ln();
    }
    ((length * phase.cos(), length * phase.sin()), false)
}

/// `a ** b` for complex numbers, as CPython computes it: small integral exponents by
/// repeated multiplication, others through polar form.
pub fn complex_power(a: Complex, b: Complex) -> PyResult<GcRef> {
    let integral = b.0 as i64;
    let (result, zero_error) = if b.1 == 0.0 && b.0 == integral as f64 && integral.abs() <= 100 {
        if integral >= 0 {
            (power_unsigned(a, integral as u64), false)
        } else {
            match quotient((1.0, 0.0), power_unsigned(a, integral.unsigned_abs())) {
                Some(q) => (q, false),
                None => ((0.0, 0.0), true),
            }
        }
    } else {
        power_general(a, b)
    };
    if zero_error {
        return zero_division("0.0 to a negative or complex power");
    }
    if result.0.is_infinite() || result.1.is_infinite() {
        return overflow_error("complex exponentiation");
    }
    new_complex(result.0, result.1)
}

fn arith(op: u32, a: Complex, b: Complex) -> PyResult<GcRef> {
    let (re, im) = match op {
        binop::ADD => (a.0 + b.0, a.1 + b.1),
        binop::SUB => (a.0 - b.0, a.1 - b.1),
        binop::MUL => product(a, b),
        _ => match quotient(a, b) {
            Some(q) => q,
            None => return zero_division("complex division by zero"),
        },
    };
    new_complex(re, im)
}

fn binary(args: &Args, name: &str, op: u32, reflected: bool) -> PyResult<GcRef> {
    let a = receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let Some(b) = operand(args.get(1))? else {
        return Ok(space::not_implemented());
    };
    if reflected {
        arith(op, b, a)
    } else {
        arith(op, a, b)
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
    complex_add "__add__" ADD false;
    complex_radd "__radd__" ADD true;
    complex_sub "__sub__" SUB false;
    complex_rsub "__rsub__" SUB true;
    complex_mul "__mul__" MUL false;
    complex_rmul "__rmul__" MUL true;
    complex_truediv "__truediv__" TRUEDIV false;
    complex_rtruediv "__rtruediv__" TRUEDIV true;
}

fn power(args: &Args, name: &str, reflected: bool) -> PyResult<GcRef> {
    let a = receiver(args, name)?;
    no_keywords(args, name)?;
    let given = args.len() - 1;
    if given == 0 {
        return type_error(" expected at least 1 argument, got 0");
    }
    if given > 2 {
        return type_error(format!(" expected at most 2 arguments, got {given}"));
    }
    let Some(b) = operand(args.get(1))? else {
        return Ok(space::not_implemented());
    };
    if args.get_opt(2).is_some_and(|m| !crate::objects::is_none(m)) {
        return value_error("complex modulo");
    }
    if reflected {
        complex_power(b, a)
    } else {
        complex_power(a, b)
    }
}

fn complex_pow(args: &Args) -> PyResult<GcRef> {
    power(args, "__pow__", false)
}

fn complex_rpow(args: &Args) -> PyResult<GcRef> {
    power(args, "__rpow__", true)
}

fn complex_neg(args: &Args) -> PyResult<GcRef> {
    let (re, im) = unary(args, "__neg__")?;
    new_complex(-re, -im)
}

fn complex_pos(args: &Args) -> PyResult<GcRef> {
    plain_copy(args, "__pos__")
}

fn complex_complex(args: &Args) -> PyResult<GcRef> {
    plain_copy(args, "__complex__")
}

/// The receiver as an exact complex (itself if it is one).
fn plain_copy(args: &Args, name: &str) -> PyResult<GcRef> {
    let (re, im) = unary(args, name)?;
    if args.get(0).is::<PyComplex>() {
        return Ok(args.get(0));
    }
    new_complex(re, im)
}

fn complex_abs(args: &Args) -> PyResult<GcRef> {
    let (re, im) = unary(args, "__abs__")?;
    if re.is_infinite() || im.is_infinite() {
        return new_float(f64::INFINITY);
    }
    if re.is_nan() || im.is_nan() {
        return new_float(f64::NAN);
    }
    let result = re.hypot(im);
    if result.is_infinite() {
        return overflow_error("absolute value too large");
    }
    new_float(result)
}

fn complex_bool(args: &Args) -> PyResult<GcRef> {
    let (re, im) = unary(args, "__bool__")?;
    Ok(space::bool_(re != 0.0 || im != 0.0))
}

fn complex_hash(args: &Args) -> PyResult<GcRef> {
    let (re, im) = unary(args, "__hash__")?;
    // CPython: hash(real) + 1000003 * hash(imag), in wrapping unsigned arithmetic.
    let combined = (objfloat::hash(re) as u64)
        .wrapping_add(1000003u64.wrapping_mul(objfloat::hash(im) as u64)) as i64;
    new_int(if combined == -1 { -2 } else { combined })
}

fn equal(args: &Args, name: &str) -> PyResult<Option<bool>> {
    let (re, im) = receiver(args, name)?;
    wrapper_arity(args, name, 1)?;
    let other = args.get(1);
    if let Some((a, b)) = complex_of(other) {
        return Ok(Some(re == a && im == b));
    }
    if let Some(x) = float_of(other) {
        return Ok(Some(im == 0.0 && re == x));
    }
    match int_value(other) {
        Some(v) => Ok(Some(
            im == 0.0 && compare_float_int(re, &v) == Some(std::cmp::Ordering::Equal),
        )),
        None => Ok(None),
    }
}

fn complex_eq(args: &Args) -> PyResult<GcRef> {
    Ok(match equal(args, "__eq__")? {
        Some(e) => space::bool_(e),
        None => space::not_implemented(),
    })
}

fn complex_ne(args: &Args) -> PyResult<GcRef> {
    Ok(match equal(args, "__ne__")? {
        Some(e) => space::bool_(!e),
        None => space::not_implemented(),
    })
}

fn complex_conjugate(args: &Args) -> PyResult<GcRef> {
    let (re, im) = receiver(args, "conjugate")?;
    args.shifted().expect("complex.conjugate", 0, 0)?;
    new_complex(re, -im)
}

fn complex_real(args: &Args) -> PyResult<GcRef> {
    new_float(receiver(args, "real")?.0)
}

fn complex_imag(args: &Args) -> PyResult<GcRef> {
    new_float(receiver(args, "imag")?.1)
}

fn complex_getnewargs(args: &Args) -> PyResult<GcRef> {
    let (re, im) = unary(args, "__getnewargs__")?;
    crate::types::float::float_pair(re, im)
}

// ---- repr and format ---------------------------------------------------------------------

/// One part of a complex's repr: the shortest repr digits without a forced ".0".
fn repr_part(x: f64, signed: bool) -> String {
    let text = format_spec::format_float_general(x, 0, 'r', false);
    if signed && !text.starts_with('-') {
        format!("+{text}")
    } else {
        text
    }
}

/// `repr(z)`: `2j` when the real part is +0, else `(1+2j)`.
pub fn repr_text(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", repr_part(im, false))
    } else {
        format!("({}{}j)", repr_part(re, false), repr_part(im, true))
    }
}

fn complex_repr(args: &Args) -> PyResult<GcRef> {
    let (re, im) = unary(args, "__repr__")?;
    pystr::new_string(repr_text(re, im))
}

fn complex_format(args: &Args) -> PyResult<GcRef> {
    let (re, im) = receiver(args, "__format__")?;
    args.shifted().expect("__format__", 1, 1)?;
    let spec = args.get(1);
    if pystr::as_str(spec).is_none() {
        return type_error(format!(
            "__format__() argument must be str, not {}",
            type_name_of(spec)
        ));
    }
    let spec = pystr::to_string(spec);
    if spec.is_empty() {
        return ops::str_(args.get(0));
    }
    match format_complex(re, im, &spec, &type_name_of(args.get(0))) {
        Ok(text) => pystr::new_string(text),
        Err(message) => value_error(message),
    }
}

/// `format(z, spec)`: each part formatted as a float, the imaginary one always signed
/// when the real one is shown, then the whole padded.
fn format_complex(re: f64, im: f64, spec: &str, type_name: &str) -> Result<String, String> {
    let parsed = format_spec::parse(spec, type_name)?;
    if parsed.fill == '0' {
        return Err("Zero padding is not allowed in complex format specifier".into());
    }
    if parsed.align == Some('=') {
        return Err("'=' alignment flag is not allowed in complex format specifier".into());
    }
    let mut kind = match parsed.kind {
        None => 'r',
        Some('n') => 'g',
        Some(k @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G')) => k,
        Some(k) => {
            return Err(format!(
                "Unknown format code '{k}' for object of type '{type_name}'"
            ))
        }
    };
    let (mut skip_real, mut parens) = (false, false);
    let precision = match parsed.precision {
        Some(p) => {
            if kind == 'r' {
                kind = 'g';
            }
            p
        }
        None if kind == 'r' => 0,
        None => 6,
    };
    if parsed.kind.is_none() {
        if re == 0.0 && re.is_sign_positive() {
            skip_real = true;
        } else {
            parens = true;
        }
    }
    let part = |x: f64, sign: Option<char>| {
        let text = format_spec::format_float_general(x, precision, kind, parsed.alternate);
        match (text.strip_prefix('-'), sign) {
            (Some(_), _) => text,
            (None, Some(c @ ('+' | ' '))) => format!("{c}{text}"),
            (None, _) => text,
        }
    };
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_real {
        body.push_str(&part(re, parsed.sign));
    }
    body.push_str(&part(im, if skip_real { parsed.sign } else { Some('+') }));
    body.push('j');
    if parens {
        body.push(')');
    }
    let width = parsed.width.unwrap_or(0);
    let length = body.chars().count();
    if length >= width {
        return Ok(body);
    }
    let padding = width - length;
    let (left, right) = match parsed.align.unwrap_or('>') {
        '<' => (0, padding),
        '^' => (padding / 2, padding - padding / 2),
        _ => (padding, 0),
    };
    let fill = |n: usize| parsed.fill.to_string().repeat(n);
    Ok(format!("{}{body}{}", fill(left), fill(right)))
}
