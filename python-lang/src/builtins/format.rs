//! `format(value, spec)` (through `__format__`), the `__format__` of int, float and str
//! (on `format_spec`), and printf-style `str % args`.

use ferrite::GcRef;

use crate::builtins::format_spec::{self, PercentPiece, PercentSpec};
use crate::objects::int::{self, IntValue};
use crate::objects::layout::*;
use crate::objects::typeobject::{lookup_name, type_name_of};
use crate::objects::{dict, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space;
use crate::runtime::{call, ops};

/// `format(value, spec)`: `type(value).__format__(value, spec)`, which must return a str.
pub fn format(value: GcRef, spec: GcRef) -> PyResult<GcRef> {
    if !spec.is::<PyStr>() {
        return type_error(format!(
            "format() argument 2 must be str, not {}",
            type_name_of(spec)
        ));
    }
    if value.is::<PyStr>() && pystr::eq_text(spec, "") {
        return Ok(value);
    }
    let t = space::type_of(value);
    let Some(method) = lookup_name(t, N::format) else {
        return type_error(format!(
            "Type {} doesn't define __format__",
            type_name_of(value)
        ));
    };
    let bound = crate::objects::descriptors::bind(method, Some(value), t)?;
    let result = call::call_function(bound, &[spec])?;
    if !result.is::<PyStr>() {
        return type_error(format!(
            "__format__ must return a str, not {}",
            type_name_of(result)
        ));
    }
    Ok(result)
}

fn spec_error(message: String) -> PyResult<GcRef> {
    if format_spec::is_overflow_error(&message) {
        overflow_error(message)
    } else {
        value_error(message)
    }
}

fn finish(result: Result<String, String>) -> PyResult<GcRef> {
    match result {
        Ok(text) => pystr::new_string(text),
        Err(message) => spec_error(message),
    }
}

/// `int.__format__` (also bool's): an empty spec is `str(value)`.
pub fn format_int_value(value: GcRef, spec: &str) -> PyResult<GcRef> {
    if spec.is_empty() {
        return ops::str_(value);
    }
    let type_name = type_name_of(value);
    let parsed = match format_spec::parse(spec, &type_name) {
        Ok(p) => p,
        Err(message) => return spec_error(message),
    };
    let number = int::int_value(value).expect("an int").to_big();
    finish(format_spec::format_int(&number, &parsed, &type_name))
}

/// `float.__format__`.
pub fn format_float_value(value: GcRef, x: f64, spec: &str) -> PyResult<GcRef> {
    if spec.is_empty() {
        return ops::str_(value);
    }
    let type_name = type_name_of(value);
    let parsed = match format_spec::parse(spec, &type_name) {
        Ok(p) => p,
        Err(message) => return spec_error(message),
    };
    finish(format_spec::format_float(x, &parsed, &type_name))
}

/// `str.__format__`.
pub fn format_str_value(value: GcRef, spec: &str) -> PyResult<GcRef> {
    if spec.is_empty() {
        return ops::str_(value);
    }
    let type_name = type_name_of(value);
    let parsed = match format_spec::parse(spec, &type_name) {
        Ok(p) => p,
        Err(message) => return spec_error(message),
    };
    let text = pystr::to_string(value);
    finish(format_spec::format_str_as(&text, &parsed, &type_name))
}

/// Where `%` conversions take their values from (for `str % args` and `bytes % args`).
pub(crate) enum Values {
    /// A tuple (or a single value as a one-item tuple), taken in order.
    Positional { items: GcRef, next: usize },
    /// A mapping, for `%(key)s`.
    Mapping(GcRef),
}

impl Values {
    pub(crate) fn next(&mut self) -> PyResult<GcRef> {
        match self {
            Values::Positional { items, next } => {
                if *next >= tuple::len(*items) {
                    return type_error("not enough arguments for format string");
                }
                *next += 1;
                Ok(tuple::get(*items, *next - 1))
            }
            Values::Mapping(m) => Ok(*m),
        }
    }
}

/// A number for `%d` and friends: `__index__`/`__int__` semantics as CPython's.
fn integer_argument(value: GcRef, kind: char) -> PyResult<num_bigint::BigInt> {
    if let Some(i) = int::int_value(value) {
        return Ok(i.to_big());
    }
    if let Some(f) = value.downcast::<PyFloat>() {
        if matches!(kind, 'd' | 'i' | 'u') {
            let x = f.value();
            if x.is_nan() {
                return value_error("cannot convert float NaN to integer");
            }
            if x.is_infinite() {
                return overflow_error("cannot convert float infinity to integer");
            }
            return Ok(num_traits::FromPrimitive::from_f64(x.trunc()).expect("a finite float"));
        }
    }
    let t = space::type_of(value);
    if matches!(kind, 'd' | 'i' | 'u') {
        if let Some(result) = ops::call_special_or_none(value, N::int_, &[])? {
            if let Some(i) = int::int_value(result) {
                return Ok(i.to_big());
            }
        }
    }
    if lookup_name(t, N::index).is_some() {
        return Ok(ops::index_int(value)?.to_big());
    }
    match kind {
        'x' | 'X' | 'o' => type_error(format!(
            "%{kind} format: an integer is required, not {}",
            type_name_of(value)
        )),
        _ => type_error(format!(
            "%{kind} format: a real number is required, not {}",
            type_name_of(value)
        )),
    }
}

fn float_argument(value: GcRef, kind: char) -> PyResult<f64> {
    if let Some(f) = value.downcast::<PyFloat>() {
        return Ok(f.value());
    }
    if let Some(i) = int::int_value(value) {
        return int::value_to_f64(&i);
    }
    match ops::call_special_or_none(value, N::float_, &[])? {
        Some(result) => match result.downcast::<PyFloat>() {
            Some(f) => Ok(f.value()),
            None => type_error(format!(
                "%{kind} format: a real number is required, not {}",
                type_name_of(value)
            )),
        },
        None => type_error(format!("must be real number, not {}", type_name_of(value))),
    }
}

/// The width or precision a `*` takes from the arguments.
pub(crate) fn star_argument(values: &mut Values) -> PyResult<i64> {
    let v = values.next()?;
    match int::int_value(v) {
        Some(IntValue::Small(n)) => Ok(n),
        _ => type_error("* wants int"),
    }
}

fn convert(value: GcRef, spec: &PercentSpec) -> PyResult<String> {
    Ok(match spec.kind {
        's' => format_spec::pad_percent(&ops::str_string(value)?, spec),
        'r' => format_spec::pad_percent(&ops::repr_string(value)?, spec),
        'a' => format_spec::pad_percent(&pystr::to_string(crate::builtins::ascii_of(value)?), spec),
        'c' => {
            let c = if let Some(s) = pystr::as_str(value) {
                if s.length() != 1 {
                    return type_error("%c requires int or char");
                }
                pystr::char_at(s, 0)
            } else if let Some(IntValue::Small(n)) = int::int_value(value) {
                match u32::try_from(n).ok().and_then(char::from_u32) {
                    Some(c) => c,
                    None => return overflow_error("%c arg not in range(0x110000)"),
                }
            } else {
                return type_error("%c requires int or char");
            };
            format_spec::pad_percent(&c.to_string(), spec)
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            format_spec::percent_int(&integer_argument(value, spec.kind)?, spec)
        }
        _ => format_spec::percent_float(float_argument(value, spec.kind)?, spec),
    })
}

/// `format % values` for a str `format`.
pub fn percent_format(format: GcRef, values: GcRef) -> PyResult<GcRef> {
    let text = pystr::to_string(format);
    let is_mapping = !values.is::<Items>()
        && !values.is::<PyStr>()
        && (values.is::<PyDict>() || lookup_name(space::type_of(values), N::getitem).is_some());
    let mut source = if values.is::<Items>() {
        Values::Positional {
            items: values,
            next: 0,
        }
    } else if is_mapping {
        Values::Mapping(values)
    } else {
        Values::Positional {
            items: crate::objects::new_tuple(&[values])?,
            next: 0,
        }
    };
    let mut out = String::with_capacity(text.len() + 16);
    for piece in format_spec::percent_pieces(&text) {
        let piece = match piece {
            Ok(p) => p,
            Err(message) => return value_error(message),
        };
        match piece {
            PercentPiece::Literal(s) => out.push_str(s),
            PercentPiece::Spec {
                key,
                mut spec,
                width_star,
                precision_star,
            } => {
                if width_star {
                    spec.set_star_width(star_argument(&mut source)?);
                }
                if precision_star {
                    spec.set_star_precision(
                        star_argument(&mut source)?.clamp(i32::MIN as i64, i32::MAX as i64) as i32,
                    );
                }
                let value = match key {
                    Some(k) => {
                        let Values::Mapping(m) = source else {
                            return type_error("format requires a mapping");
                        };
                        let key = pystr::new_str(k)?;
                        match m.downcast::<PyDict>() {
                            Some(d) => match dict::get_item(d, key)? {
                                Some(v) => v,
                                None => return key_error(key),
                            },
                            None => ops::getitem(m, key)?,
                        }
                    }
                    None => source.next()?,
                };
                out.push_str(&convert(value, &spec)?);
            }
        }
    }
    if let Values::Positional { items, next } = source {
        if next < tuple::len(items) {
            return type_error("not all arguments converted during string formatting");
        }
    }
    pystr::new_string(out)
}
