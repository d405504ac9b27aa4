//! The methods of `str`: construction and the special methods here, the named methods
//! in `str_methods`. The algorithms `bytes` shares live in `str_search`, the codecs in
//! `str_codecs`, Unicode properties in `str_unicode`, `str.format` in `str_format`.
//!
//! Every method accepts instances of str subclasses (through `pystr::as_str`) and
//! returns plain `str` results, as CPython does.

#[path = "str_args.rs"]
pub(crate) mod args;
#[path = "str_codecs.rs"]
pub(crate) mod codecs;
#[path = "str_format.rs"]
mod format;
#[path = "str_methods.rs"]
mod methods;
#[path = "str_search.rs"]
pub(crate) mod search;
#[path = "str_unicode.rs"]
mod unicode;

use ferrite::{Gc, GcRef};

use crate::builtins::registry::{method, static_method, Args, NativeDef};
use crate::compiler::bytecode::cmpop;
use crate::objects::layout::*;
use crate::objects::typeobject::{type_name, type_name_of};
use crate::objects::{instance, is_none, new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};

use args::{keywords, slice_index, slot};

pub fn methods() -> Vec<NativeDef> {
    let mut defs = vec![
        static_method(T_STR, "__new__", str_new),
        method(T_STR, "__repr__", str_repr),
        method(T_STR, "__str__", str_str),
        method(T_STR, "__len__", str_len),
        method(T_STR, "__hash__", str_hash),
        method(T_STR, "__eq__", str_eq),
        method(T_STR, "__ne__", str_ne),
        method(T_STR, "__lt__", str_lt),
        method(T_STR, "__le__", str_le),
        method(T_STR, "__gt__", str_gt),
        method(T_STR, "__ge__", str_ge),
        method(T_STR, "__contains__", str_contains),
        method(T_STR, "__getitem__", str_getitem),
        method(T_STR, "__add__", str_add),
        method(T_STR, "__mul__", str_mul),
        method(T_STR, "__rmul__", str_rmul),
        method(T_STR, "__mod__", str_mod),
        method(T_STR, "__rmod__", str_rmod),
        method(T_STR, "__iter__", str_iter),
        method(T_STR, "__format__", str_format),
        method(T_STR, "__getnewargs__", str_getnewargs),
    ];
    defs.extend(methods::methods());
    defs.extend(codecs::methods());
    defs
}

/// The receiver of a str method, checked as CPython's method descriptors check it.
pub(crate) fn this(args: &Args, name: &str) -> PyResult<Gc<PyStr>> {
    if args.is_empty() {
        return type_error(format!("unbound method str.{name}() needs an argument"));
    }
    let receiver = args.get(0);
    match pystr::as_str(receiver) {
        Some(s) => Ok(s),
        None => type_error(format!(
            "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
            type_name_of(receiver)
        )),
    }
}

/// The text of the receiver, copied out (so allocating afterwards is safe).
pub(crate) fn text_of(args: &Args, name: &str) -> PyResult<String> {
    Ok(pystr::to_string(this(args, name)?.erase()))
}

/// `str(object='')` or `str(object=b'', encoding='utf-8', errors='strict')`.
fn str_new(args: &Args) -> PyResult<GcRef> {
    let Some(cls) = args.get_opt(0).and_then(|c| c.downcast::<PyType>()) else {
        return type_error("str.__new__(X): X is not a type object");
    };
    let [object, encoding, errors] = keywords(args, 1, "str", ["object", "encoding", "errors"], 0)?;
    let value = match (encoding, errors) {
        (None, None) => match object {
            None => pystr::new_str("")?,
            Some(o) => plain(crate::runtime::ops::str_(o)?)?,
        },
        _ => {
            let encoding = optional_str(encoding, "str", "encoding")?;
            let errors = optional_str(errors, "str", "errors")?;
            let object = match object {
                Some(o) => o,
                None => crate::objects::bytes::new_bytes(b"")?,
            };
            let Some(data) = crate::types::bytes::buffer_of(object)? else {
                if pystr::as_str(object).is_some() {
                    return type_error("decoding str is not supported");
                }
                return type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    type_name_of(object)
                ));
            };
            let text = codecs::decode(
                &data,
                encoding.as_deref().unwrap_or("utf-8"),
                errors.as_deref().unwrap_or("strict"),
            )?;
            pystr::new_string(text)?
        }
    };
    if cls == space::builtin_type(T_STR) {
        return Ok(value);
    }
    if !crate::objects::typeobject::is_subtype(cls, space::builtin_type(T_STR)) {
        return type_error(format!(
            "str.__new__({}): {} is not a subtype of str",
            type_name(cls),
            type_name(cls)
        ));
    }
    let object = instance::new_instance(cls)?;
    object.set_base(Some(value));
    Ok(object.erase())
}

/// An optional str argument of `function` (`encoding`, `errors`).
pub(crate) fn optional_str(
    value: Option<GcRef>,
    function: &str,
    name: &str,
) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if pystr::as_str(v).is_some() => Ok(Some(pystr::to_string(v))),
        Some(v) => type_error(format!(
            "{function}() argument '{name}' must be str, not {}",
            type_name_of(v)
        )),
    }
}

/// A plain `str` with the value of a str or str-subclass instance.
fn plain(value: GcRef) -> PyResult<GcRef> {
    match pystr::as_str(value) {
        Some(s) => Ok(s.erase()),
        None => Ok(value),
    }
}

fn str_repr(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    let text = text_of(args, "__repr__")?;
    pystr::new_string(pystr::repr_text(&text))
}

fn str_str(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    Ok(this(args, "__str__")?.erase())
}

fn str_len(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    new_int(this(args, "__len__")?.length())
}

fn str_hash(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    new_int(pystr::hash(this(args, "__hash__")?))
}

fn compare(args: &Args, name: &str, op: u32) -> PyResult<GcRef> {
    slot(args, 1)?;
    let a = this(args, name)?;
    let Some(b) = pystr::as_str(args.get(1)) else {
        return Ok(space::not_implemented());
    };
    use std::cmp::Ordering::*;
    let result = match op {
        cmpop::EQ => pystr::eq(a, b),
        cmpop::NE => !pystr::eq(a, b),
        _ => {
            let ordering = pystr::compare(a, b);
            match op {
                cmpop::LT => ordering == Less,
                cmpop::LE => ordering != Greater,
                cmpop::GT => ordering == Greater,
                _ => ordering != Less,
            }
        }
    };
    Ok(space::bool_(result))
}

fn str_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, "__eq__", cmpop::EQ)
}

fn str_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, "__ne__", cmpop::NE)
}

fn str_lt(args: &Args) -> PyResult<GcRef> {
    compare(args, "__lt__", cmpop::LT)
}

fn str_le(args: &Args) -> PyResult<GcRef> {
    compare(args, "__le__", cmpop::LE)
}

fn str_gt(args: &Args) -> PyResult<GcRef> {
    compare(args, "__gt__", cmpop::GT)
}

fn str_ge(args: &Args) -> PyResult<GcRef> {
    compare(args, "__ge__", cmpop::GE)
}

fn str_contains(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let s = this(args, "__contains__")?;
    Ok(space::bool_(pystr::contains(s.erase(), args.get(1))?))
}

fn str_getitem(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let s = this(args, "__getitem__")?;
    let index = args.get(1);
    if let Some(sl) = index.downcast::<PySlice>() {
        let (start, stop, step) = (
            slice_index(Some(sl.start()))?,
            slice_index(Some(sl.stop()))?,
            slice_index(Some(sl.step()))?,
        );
        let (start, stop, step, count) =
            crate::objects::range::slice_indices(start, stop, step, s.length())?;
        return pystr::slice(s.erase(), start, stop, step, count);
    }
    if crate::objects::int::int_value(index).is_none()
        && crate::objects::typeobject::lookup_name(
            space::type_of(index),
            crate::runtime::names::N::index,
        )
        .is_none()
    {
        return type_error(format!(
            "string indices must be integers, not '{}'",
            type_name_of(index)
        ));
    }
    let i = match crate::objects::int::int_value(index) {
        Some(crate::objects::int::IntValue::Small(v)) => v,
        Some(crate::objects::int::IntValue::Big(_)) => {
            return index_error("cannot fit 'int' into an index-sized integer")
        }
        None => crate::runtime::ops::index_value(index)?,
    };
    let adjusted = if i < 0 { i + s.length() } else { i };
    if adjusted < 0 || adjusted >= s.length() {
        return index_error("string index out of range");
    }
    pystr::item(s, adjusted as usize)
}

fn str_add(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let s = this(args, "__add__")?;
    let other = args.get(1);
    if pystr::as_str(other).is_none() {
        return type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name_of(other)
        ));
    }
    pystr::concat(s.erase(), other)
}

fn repeat(args: &Args, reflected: bool) -> PyResult<GcRef> {
    slot(args, 1)?;
    let s = this(args, "__mul__")?;
    match args::repeat_count(args.get(1), reflected)? {
        Some(n) => pystr::repeat(s.erase(), n),
        None => Ok(space::not_implemented()),
    }
}

fn str_mul(args: &Args) -> PyResult<GcRef> {
    repeat(args, false)
}

fn str_rmul(args: &Args) -> PyResult<GcRef> {
    repeat(args, true)
}

fn str_mod(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let s = this(args, "__mod__")?;
    crate::builtins::format::percent_format(s.erase(), args.get(1))
}

/// `x % s` with a str on the right only formats when `x` is a str (handled by `__mod__`).
fn str_rmod(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    this(args, "__rmod__")?;
    Ok(space::not_implemented())
}

fn str_iter(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    let s = this(args, "__iter__")?;
    crate::objects::iterators::new_iterator(T_STR_ITERATOR, s.erase(), None, 0, 0, 1)
}

fn str_format(args: &Args) -> PyResult<GcRef> {
    let s = this(args, "__format__")?;
    let spec = args::one_arg(args, "str", "__format__")?;
    if pystr::as_str(spec).is_none() {
        return type_error(format!(
            "__format__() argument must be str, not {}",
            type_name_of(spec)
        ));
    }
    let spec = pystr::to_string(spec);
    // A subclass instance formats its value (its own `__str__` only with an empty spec).
    let value = if spec.is_empty() {
        args.get(0)
    } else {
        s.erase()
    };
    crate::builtins::format::format_str_value(value, &spec)
}

fn str_getnewargs(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    let s = this(args, "__getnewargs__")?;
    crate::objects::new_tuple(&[s.erase()])
}

/// Whether `value` is None (for optional arguments given as None).
pub(crate) fn none_or(value: Option<GcRef>) -> Option<GcRef> {
    value.filter(|v| !is_none(*v))
}
