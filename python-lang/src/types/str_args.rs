//! Argument checking for the methods of `str`, `bytes` and `bytearray`, with the
//! messages CPython gives for each calling convention its methods use: no arguments,
//! exactly one, Argument Clinic's positional-only and keyword forms, the older
//! `PyArg_ParseTuple` form of `find` and friends, and the slot wrappers of dunders.
//! Counts exclude the receiver, which is `args.get(0)`.

use ferrite::GcRef;

use crate::builtins::registry::Args;
use crate::objects::int::{int_value, IntValue};
use crate::objects::typeobject::{lookup_name, type_name_of};
use crate::objects::{is_none, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::{ops, space};

fn given(args: &Args) -> usize {
    args.len().saturating_sub(1)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn no_keywords(args: &Args, owner: &str, name: &str) -> PyResult<()> {
    if args.keyword_count() > 0 {
        return type_error(format!("{owner}.{name}() takes no keyword arguments"));
    }
    Ok(())
}

/// A method that takes no arguments (`str.upper()`).
pub fn no_args(args: &Args, owner: &str, name: &str) -> PyResult<()> {
    no_keywords(args, owner, name)?;
    if given(args) != 0 {
        return type_error(format!(
            "{owner}.{name}() takes no arguments ({} given)",
            given(args)
        ));
    }
    Ok(())
}

/// A method of exactly one argument (`str.join(iterable)`); returns it.
pub fn one_arg(args: &Args, owner: &str, name: &str) -> PyResult<GcRef> {
    no_keywords(args, owner, name)?;
    if given(args) != 1 {
        return type_error(format!(
            "{owner}.{name}() takes exactly one argument ({} given)",
            given(args)
        ));
    }
    Ok(args.get(1))
}

/// Argument Clinic's positional-only methods (`replace`, `strip`, `center`, …).
pub fn positional(args: &Args, owner: &str, name: &str, min: usize, max: usize) -> PyResult<()> {
    no_keywords(args, owner, name)?;
    let n = given(args);
    if n < min {
        let least = if min == max { "" } else { "at least " };
        return type_error(format!(
            "{name} expected {least}{min} argument{}, got {n}",
            plural(min)
        ));
    }
    if n > max {
        return type_error(format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        ));
    }
    Ok(())
}

/// The `PyArg_ParseTuple` methods (`find`, `count`, `startswith`, …).
pub fn tuple_form(args: &Args, owner: &str, name: &str, min: usize, max: usize) -> PyResult<()> {
    no_keywords(args, owner, name)?;
    let n = given(args);
    if n < min {
        return type_error(format!(
            "{name}() takes at least {min} argument{} ({n} given)",
            plural(min)
        ));
    }
    if n > max {
        return type_error(format!(
            "{name}() takes at most {max} argument{} ({n} given)",
            plural(max)
        ));
    }
    Ok(())
}

/// A dunder's slot wrapper (`"a".__add__()`: "expected 1 argument, got 0").
pub fn slot(args: &Args, count: usize) -> PyResult<()> {
    let n = given(args);
    if n != count || args.keyword_count() > 0 {
        return type_error(format!(
            "expected {count} argument{}, got {n}",
            plural(count)
        ));
    }
    Ok(())
}

/// Argument Clinic's keyword-capable methods (`split(sep, maxsplit)`): the arguments by
/// position or name, `required` of them mandatory. `skip` is how many leading
/// positional arguments are not parameters (1 for the receiver, 0 for `__new__`'s
/// class when it is already removed).
pub fn keywords<const K: usize>(
    args: &Args,
    skip: usize,
    name: &str,
    names: [&str; K],
    required: usize,
) -> PyResult<[Option<GcRef>; K]> {
    let mut values = [None; K];
    let n = args.len().saturating_sub(skip);
    if n > K {
        return type_error(format!(
            "{name}() takes at most {K} argument{} ({n} given)",
            plural(K)
        ));
    }
    for (i, value) in values.iter_mut().enumerate().take(n) {
        *value = Some(args.get(skip + i));
    }
    for k in 0..args.keyword_count() {
        let (key, value) = args.keyword_at(k);
        let key = pystr::to_string(key);
        match names.iter().position(|&p| p == key) {
            Some(i) if i < n => {
                return type_error(format!(
                    "argument for {name}() given by name ('{key}') and position ({})",
                    i + 1
                ))
            }
            Some(i) => values[i] = Some(value),
            None => {
                return type_error(format!(
                    "'{key}' is an invalid keyword argument for {name}()"
                ))
            }
        }
    }
    for (i, value) in values.iter().enumerate().take(required) {
        if value.is_none() {
            return type_error(format!(
                "{name}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            ));
        }
    }
    Ok(values)
}

/// A `start`/`end` argument: None, or anything with `__index__` (huge values clamp).
pub fn slice_index(value: Option<GcRef>) -> PyResult<Option<i64>> {
    let Some(value) = value else {
        return Ok(None);
    };
    if is_none(value) {
        return Ok(None);
    }
    const LIMIT: i64 = 1 << 60;
    let clamp = |v: IntValue| match v {
        IntValue::Small(x) => x.clamp(-LIMIT, LIMIT),
        IntValue::Big(b) => {
            if b.sign() == num_bigint::Sign::Minus {
                -LIMIT
            } else {
                LIMIT
            }
        }
    };
    if let Some(v) = int_value(value) {
        return Ok(Some(clamp(v)));
    }
    if lookup_name(space::type_of(value), N::index).is_some() {
        return Ok(Some(clamp(ops::index_int(value)?)));
    }
    type_error("slice indices must be integers or None or have an __index__ method")
}

/// An integer argument (`width`, `count`, `maxsplit`) through `__index__`.
pub fn int_arg(value: GcRef) -> PyResult<i64> {
    match int_value(value) {
        Some(IntValue::Small(v)) => Ok(v),
        Some(IntValue::Big(_)) => overflow_error("Python int too large to convert to C ssize_t"),
        None => ops::index_value(value),
    }
}

/// An argument that must be a str: "must be str, not int" with an optional prefix.
pub fn str_arg(value: GcRef, prefix: &str) -> PyResult<String> {
    match pystr::as_str(value) {
        Some(_) => Ok(pystr::to_string(value)),
        None => type_error(format!("{prefix}must be str, not {}", type_name_of(value))),
    }
}

/// The count of a sequence repetition (`s * n`), None when the method should answer
/// NotImplemented. The `*` operator reaches these methods, so a count without
/// `__index__` gets the operator's message, except that the forward method (`reflected`
/// false) leaves an instance of a class with `__rmul__` its turn to answer.
pub fn repeat_count(value: GcRef, reflected: bool) -> PyResult<Option<i64>> {
    let t = space::type_of(value);
    if int_value(value).is_none() && lookup_name(t, N::index).is_none() {
        let heap = t.flags() & crate::objects::typeobject::TYPE_HEAP != 0;
        if !reflected && heap && lookup_name(t, N::rmul).is_some() {
            return Ok(None);
        }
        return type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name_of(value)
        ));
    }
    match int_value(value) {
        Some(IntValue::Big(_)) => overflow_error("cannot fit 'int' into an index-sized integer"),
        _ => int_arg(value).map(Some),
    }
}

/// Refuse to build a result of `size` units that could not be allocated (MemoryError,
/// where Rust would abort); the bound is the one `str * n` uses.
pub fn check_size(size: u128) -> PyResult<()> {
    if size > 1u128 << 34 {
        return Err(space::memory_error());
    }
    Ok(())
}
