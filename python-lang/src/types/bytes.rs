//! The methods of `bytes` and `bytearray` (and, in `bytes_memoryview`, `memoryview`):
//! construction, the special methods and bytearray's mutators here, the named methods
//! both types share in `bytes_methods`.
//!
//! A shared method returns its receiver's type (`bytearray(b"a").upper()` is a
//! bytearray). Receivers may be instances of subclasses (the value is their `base`).

#[path = "bytes_memoryview.rs"]
mod memoryview;
#[path = "bytes_methods.rs"]
mod methods;

use ferrite::{Array, Gc, GcRef};

use crate::builtins::registry::{method, static_method, Args, NativeDef};
use crate::compiler::bytecode::cmpop;
use crate::objects::bytes::{bytes_of, new_bytearray, new_bytes, repr_bytes};
use crate::objects::int::{int_value, IntValue};
use crate::objects::layout::*;
use crate::objects::typeobject::{is_subtype, lookup_name, type_name, type_name_of};
use crate::objects::{instance, new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::ops;
use crate::runtime::space::{self, *};
use crate::types::str::args::{keywords, one_arg, positional, slice_index, slot};

pub fn methods() -> Vec<NativeDef> {
    let mut defs = vec![
        static_method(T_BYTES, "__new__", bytes_new),
        method(T_BYTES, "__hash__", bytes_hash),
        method(T_BYTES, "__bytes__", bytes_bytes),
        static_method(T_BYTEARRAY, "__new__", bytearray_new),
        method(T_BYTEARRAY, "__init__", bytearray_init),
        method(T_BYTEARRAY, "__hash__", bytearray_hash),
        method(T_BYTEARRAY, "__setitem__", bytearray_setitem),
        method(T_BYTEARRAY, "__delitem__", bytearray_delitem),
        method(T_BYTEARRAY, "__iadd__", bytearray_iadd),
        method(T_BYTEARRAY, "__imul__", bytearray_imul),
        method(T_BYTEARRAY, "append", bytearray_append),
        method(T_BYTEARRAY, "extend", bytearray_extend),
        method(T_BYTEARRAY, "pop", bytearray_pop),
        method(T_BYTEARRAY, "insert", bytearray_insert),
        method(T_BYTEARRAY, "remove", bytearray_remove),
        method(T_BYTEARRAY, "reverse", bytearray_reverse),
        method(T_BYTEARRAY, "clear", bytearray_clear),
        method(T_BYTEARRAY, "copy", bytearray_copy),
    ];
    for t in [T_BYTES, T_BYTEARRAY] {
        defs.extend([
            method(t, "__repr__", repr),
            method(t, "__len__", len),
            method(t, "__getitem__", getitem),
            method(t, "__iter__", iter),
            method(t, "__contains__", contains),
            method(t, "__add__", add),
            method(t, "__mul__", mul),
            method(t, "__rmul__", rmul),
            method(t, "__mod__", modulo),
            method(t, "__rmod__", rmod),
        ]);
    }
    defs.extend([
        method(T_BYTES, "__eq__", bytes_eq),
        method(T_BYTES, "__ne__", bytes_ne),
        method(T_BYTES, "__lt__", bytes_lt),
        method(T_BYTES, "__le__", bytes_le),
        method(T_BYTES, "__gt__", bytes_gt),
        method(T_BYTES, "__ge__", bytes_ge),
        method(T_BYTEARRAY, "__eq__", bytearray_eq),
        method(T_BYTEARRAY, "__ne__", bytearray_ne),
        method(T_BYTEARRAY, "__lt__", bytearray_lt),
        method(T_BYTEARRAY, "__le__", bytearray_le),
        method(T_BYTEARRAY, "__gt__", bytearray_gt),
        method(T_BYTEARRAY, "__ge__", bytearray_ge),
    ]);
    defs.extend(methods::methods());
    defs.extend(memoryview::methods());
    defs
}

// ---- kinds and data ----------------------------------------------------------------------

/// Which of the two types a receiver (or result) is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Bytes,
    ByteArray,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
        }
    }

    /// A new object of this kind holding `data`.
    pub(crate) fn make(self, data: &[u8]) -> PyResult<GcRef> {
        match self {
            Kind::Bytes => new_bytes(data),
            Kind::ByteArray => Ok(new_bytearray(data)?.erase()),
        }
    }
}

/// The built-in value behind an object (itself, or a subclass instance's base).
fn value_of(object: GcRef) -> GcRef {
    match object.downcast::<PyInstance>().and_then(|i| i.base()) {
        Some(base) => base,
        None => object,
    }
}

pub(crate) fn kind_of(object: GcRef) -> Option<Kind> {
    let value = value_of(object);
    if value.is::<PyBytes>() {
        Some(Kind::Bytes)
    } else if value.is::<PyByteArray>() {
        Some(Kind::ByteArray)
    } else {
        None
    }
}

/// The receiver of a bytes or bytearray method: its bytes and kind.
pub(crate) fn receiver(args: &Args, name: &str) -> PyResult<(Vec<u8>, Kind)> {
    if args.is_empty() {
        return type_error(format!("unbound method bytes.{name}() needs an argument"));
    }
    let object = args.get(0);
    match (kind_of(object), bytes_of(object)) {
        (Some(kind), Some(data)) => Ok((data, kind)),
        _ => type_error(format!(
            "descriptor '{name}' for 'bytes' objects doesn't apply to a '{}' object",
            type_name_of(object)
        )),
    }
}

/// The bytes of any object supporting the buffer protocol here: bytes, bytearray,
/// memoryview (None for other objects).
pub fn buffer_of(object: GcRef) -> PyResult<Option<Vec<u8>>> {
    if let Some(data) = bytes_of(object) {
        return Ok(Some(data));
    }
    memoryview::view_bytes(object)
}

/// A bytes-like argument: "a bytes-like object is required, not 'str'" otherwise.
pub(crate) fn bytes_arg(value: GcRef) -> PyResult<Vec<u8>> {
    match buffer_of(value)? {
        Some(data) => Ok(data),
        None => type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name_of(value)
        )),
    }
}

/// One byte value given as an int; `message` is the range error's.
fn byte_value(value: GcRef, message: &str) -> PyResult<u8> {
    let v = match int_value(value) {
        Some(IntValue::Small(v)) => v,
        Some(IntValue::Big(_)) => return value_error(message),
        None => ops::index_value(value)?,
    };
    match u8::try_from(v) {
        Ok(b) => Ok(b),
        Err(_) => value_error(message),
    }
}

/// The bytearray behind an object, if it is one (or a subclass instance of one).
fn bytearray_of(object: GcRef) -> Option<Gc<PyByteArray>> {
    value_of(object).downcast::<PyByteArray>()
}

/// Replace a bytearray's contents.
fn set_contents(b: Gc<PyByteArray>, data: &[u8]) -> PyResult<()> {
    let mut buffer = b.data();
    if data.len() > buffer.len() {
        buffer =
            Array::new(data.len() + data.len() / 8 + 8, 0u8).map_err(|_| space::memory_error())?;
        b.set_data(buffer);
    }
    for (i, &byte) in data.iter().enumerate() {
        buffer.set(i, byte);
    }
    b.set_length(data.len() as i64);
    Ok(())
}

/// Append one byte, growing the buffer geometrically.
fn push_byte(b: Gc<PyByteArray>, byte: u8) -> PyResult<()> {
    let length = b.length() as usize;
    let mut buffer = b.data();
    if length == buffer.len() {
        let bigger = Array::new(length * 2 + 8, 0u8).map_err(|_| space::memory_error())?;
        for i in 0..length {
            bigger.set(i, buffer.get(i));
        }
        b.set_data(bigger);
        buffer = bigger;
    }
    buffer.set(length, byte);
    b.set_length(length as i64 + 1);
    Ok(())
}

// ---- construction ------------------------------------------------------------------------

/// The bytes `bytes(source, encoding, errors)` or `bytearray(...)` would hold.
fn initial_data(kind: Kind, args: &Args, skip: usize) -> PyResult<Vec<u8>> {
    let [source, encoding, errors] =
        keywords(args, skip, kind.name(), ["source", "encoding", "errors"], 0)?;
    let encoding = crate::types::str::optional_str(encoding, kind.name(), "encoding")?;
    let errors = crate::types::str::optional_str(errors, kind.name(), "errors")?;
    let Some(source) = source else {
        if encoding.is_some() {
            return type_error("encoding without a string argument");
        }
        if errors.is_some() {
            return type_error("errors without a string argument");
        }
        return Ok(Vec::new());
    };
    let is_str = pystr::as_str(source).is_some();
    if let Some(encoding) = encoding {
        if !is_str {
            return type_error("encoding without a string argument");
        }
        let text = pystr::to_string(source);
        let errors = errors.as_deref().unwrap_or("strict");
        return crate::types::str::codecs::encode(source, &text, &encoding, errors);
    }
    if errors.is_some() {
        return type_error(if is_str {
            "string argument without an encoding"
        } else {
            "errors without a string argument"
        });
    }
    if kind == Kind::Bytes {
        if let Some(result) = ops::call_special_or_none(source, N::bytes_, &[])? {
            return match bytes_of(result).filter(|_| kind_of(result) == Some(Kind::Bytes)) {
                Some(data) => Ok(data),
                None => type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    type_name_of(result)
                )),
            };
        }
    }
    if is_str {
        return type_error("string argument without an encoding");
    }
    if int_value(source).is_some() || lookup_name(space::type_of(source), N::index).is_some() {
        let size = match int_value(source) {
            Some(IntValue::Big(_)) => {
                return overflow_error("cannot fit 'int' into an index-sized integer")
            }
            _ => ops::index_value(source)?,
        };
        if size < 0 {
            return value_error("negative count");
        }
        crate::types::str::args::check_size(size as u128)?;
        return Ok(vec![0; size as usize]);
    }
    if let Some(data) = buffer_of(source)? {
        return Ok(data);
    }
    let message = match kind {
        Kind::Bytes => "bytes must be in range(0, 256)",
        Kind::ByteArray => "byte must be in range(0, 256)",
    };
    let items = match ops::iter(source) {
        Ok(_) => ops::collect_list(source)?,
        Err(e) if is_instance_of(e, T_TYPE_ERROR) => {
            return type_error(format!(
                "cannot convert '{}' object to {}",
                type_name_of(source),
                kind.name()
            ))
        }
        Err(e) => return Err(e),
    };
    let mut data = Vec::with_capacity(crate::objects::list::len(items));
    for i in 0..crate::objects::list::len(items) {
        data.push(byte_value(crate::objects::list::get(items, i), message)?);
    }
    Ok(data)
}

/// The class argument of a `__new__`, checked to derive from the built-in type `index`.
fn new_class(args: &Args, index: usize) -> PyResult<Gc<PyType>> {
    let name = type_name(space::builtin_type(index));
    let Some(cls) = args.get_opt(0).and_then(|c| c.downcast::<PyType>()) else {
        return type_error(format!("{name}.__new__(X): X is not a type object"));
    };
    if !is_subtype(cls, space::builtin_type(index)) {
        let n = type_name(cls);
        return type_error(format!(
            "{name}.__new__({n}): {n} is not a subtype of {name}"
        ));
    }
    Ok(cls)
}

/// `value` as an instance of `cls` (itself when `cls` is the built-in type).
fn wrap(cls: Gc<PyType>, index: usize, value: GcRef) -> PyResult<GcRef> {
    if cls == space::builtin_type(index) {
        return Ok(value);
    }
    let object = instance::new_instance(cls)?;
    object.set_base(Some(value));
    Ok(object.erase())
}

fn bytes_new(args: &Args) -> PyResult<GcRef> {
    let cls = new_class(args, T_BYTES)?;
    let data = initial_data(Kind::Bytes, args, 1)?;
    wrap(cls, T_BYTES, new_bytes(&data)?)
}

/// `bytearray.__new__` makes an empty one; `__init__` fills it (as in CPython, so a
/// subclass's `__init__` can call `super().__init__(...)`).
fn bytearray_new(args: &Args) -> PyResult<GcRef> {
    let cls = new_class(args, T_BYTEARRAY)?;
    wrap(cls, T_BYTEARRAY, new_bytearray(b"")?.erase())
}

fn bytearray_init(args: &Args) -> PyResult<GcRef> {
    let Some(b) = args.get_opt(0).and_then(bytearray_of) else {
        return type_error("descriptor '__init__' requires a 'bytearray' object");
    };
    let data = initial_data(Kind::ByteArray, args, 1)?;
    set_contents(b, &data)?;
    Ok(space::none())
}

// ---- special methods ---------------------------------------------------------------------

fn repr(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    let (data, kind) = receiver(args, "__repr__")?;
    let text = match kind {
        Kind::Bytes => repr_bytes(&data, "b"),
        Kind::ByteArray => {
            let name = type_name_of(args.get(0));
            format!("{name}({})", bytearray_repr(&data))
        }
    };
    pystr::new_string(text)
}

/// A bytearray's bytes literal: as bytes' repr, but `'` is always escaped.
fn bytearray_repr(data: &[u8]) -> String {
    let plain = repr_bytes(data, "b");
    if !plain.starts_with("b\"") {
        return plain;
    }
    let body = &plain[2..plain.len() - 1];
    format!("b\"{}\"", body.replace('\'', "\\'"))
}

fn len(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    new_int(receiver(args, "__len__")?.0.len() as i64)
}

/// A slice's (start, stop, step, count) for a sequence of `length`.
pub(crate) fn slice_of(s: Gc<PySlice>, length: usize) -> PyResult<(i64, i64, i64, i64)> {
    let start = slice_index(Some(s.start()))?;
    let stop = slice_index(Some(s.stop()))?;
    let step = slice_index(Some(s.step()))?;
    crate::objects::range::slice_indices(start, stop, step, length as i64)
}

/// An item index, normalized; `what` names the sequence in the messages.
fn item_index(index: GcRef, length: usize, kind: Kind) -> PyResult<usize> {
    if int_value(index).is_none() && lookup_name(space::type_of(index), N::index).is_none() {
        let what = match kind {
            Kind::Bytes => "byte",
            Kind::ByteArray => "bytearray",
        };
        return type_error(format!(
            "{what} indices must be integers or slices, not {}",
            type_name_of(index)
        ));
    }
    let i = match int_value(index) {
        Some(IntValue::Small(v)) => v,
        Some(IntValue::Big(_)) => i64::MAX,
        None => ops::index_value(index)?,
    };
    let adjusted = if i < 0 {
        i.saturating_add(length as i64)
    } else {
        i
    };
    if adjusted < 0 || adjusted >= length as i64 {
        return index_error(match kind {
            Kind::Bytes => "index out of range",
            Kind::ByteArray => "bytearray index out of range",
        });
    }
    Ok(adjusted as usize)
}

fn getitem(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let (data, kind) = receiver(args, "__getitem__")?;
    let index = args.get(1);
    if let Some(s) = index.downcast::<PySlice>() {
        let (start, _, step, count) = slice_of(s, data.len())?;
        let picked: Vec<u8> = (0..count)
            .map(|k| data[(start + k * step) as usize])
            .collect();
        return kind.make(&picked);
    }
    new_int(data[item_index(index, data.len(), kind)?] as i64)
}

fn iter(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    receiver(args, "__iter__")?;
    let value = value_of(args.get(0));
    crate::objects::iterators::new_iterator(T_BYTES_ITERATOR, value, None, 0, 0, 1)
}

fn contains(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let (data, _) = receiver(args, "__contains__")?;
    let item = args.get(1);
    let found = if int_value(item).is_some() {
        let byte = byte_value(item, "byte must be in range(0, 256)")?;
        data.contains(&byte)
    } else {
        let needle = bytes_arg(item)?;
        crate::types::str::search::find(&data, &needle).is_some()
    };
    Ok(space::bool_(found))
}

/// Comparisons: bytes compares with bytes only, bytearray with any buffer (so that
/// `bytes == bytearray` is answered by the bytearray's reflected method, as in CPython).
fn compare(args: &Args, kind: Kind, op: u32) -> PyResult<GcRef> {
    slot(args, 1)?;
    let (a, _) = receiver(args, "__eq__")?;
    let other = args.get(1);
    let b = match kind {
        Kind::Bytes if kind_of(other) == Some(Kind::Bytes) => bytes_of(other),
        Kind::Bytes => None,
        Kind::ByteArray => buffer_of(other)?,
    };
    let Some(b) = b else {
        return Ok(space::not_implemented());
    };
    use std::cmp::Ordering::*;
    let ordering = a.cmp(&b);
    let result = match op {
        cmpop::EQ => ordering == Equal,
        cmpop::NE => ordering != Equal,
        cmpop::LT => ordering == Less,
        cmpop::LE => ordering != Greater,
        cmpop::GT => ordering == Greater,
        _ => ordering != Less,
    };
    Ok(space::bool_(result))
}

fn bytes_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::Bytes, cmpop::EQ)
}

fn bytes_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::Bytes, cmpop::NE)
}

fn bytes_lt(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::Bytes, cmpop::LT)
}

fn bytes_le(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::Bytes, cmpop::LE)
}

fn bytes_gt(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::Bytes, cmpop::GT)
}

fn bytes_ge(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::Bytes, cmpop::GE)
}

fn bytearray_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::ByteArray, cmpop::EQ)
}

fn bytearray_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::ByteArray, cmpop::NE)
}

fn bytearray_lt(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::ByteArray, cmpop::LT)
}

fn bytearray_le(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::ByteArray, cmpop::LE)
}

fn bytearray_gt(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::ByteArray, cmpop::GT)
}

fn bytearray_ge(args: &Args) -> PyResult<GcRef> {
    compare(args, Kind::ByteArray, cmpop::GE)
}

/// The same hash as a str with these bytes as its UTF-8 (so `hash(b"a") == hash("a")`,
/// as in CPython).
fn bytes_hash(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    let (data, _) = receiver(args, "__hash__")?;
    match std::str::from_utf8(&data) {
        Ok(text) => {
            let s = pystr::new_str_uninterned(text)?;
            new_int(ops::hash(s)?)
        }
        Err(_) => {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in &data {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            let value = (h >> 1) as i64;
            new_int(if value == -1 { -2 } else { value })
        }
    }
}

fn bytearray_hash(args: &Args) -> PyResult<GcRef> {
    type_error(format!("unhashable type: '{}'", type_name_of(args.get(0))))
}

fn bytes_bytes(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    let (data, _) = receiver(args, "__bytes__")?;
    new_bytes(&data)
}

fn add(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let (mut data, kind) = receiver(args, "__add__")?;
    let other = args.get(1);
    match buffer_of(other)? {
        Some(more) => data.extend_from_slice(&more),
        None => {
            return type_error(format!(
                "can't concat {} to {}",
                type_name_of(other),
                type_name_of(args.get(0))
            ))
        }
    }
    kind.make(&data)
}

fn mul(args: &Args) -> PyResult<GcRef> {
    repeat(args, false)
}

fn rmul(args: &Args) -> PyResult<GcRef> {
    repeat(args, true)
}

fn repeat(args: &Args, reflected: bool) -> PyResult<GcRef> {
    slot(args, 1)?;
    let (data, kind) = receiver(args, "__mul__")?;
    let Some(n) = crate::types::str::args::repeat_count(args.get(1), reflected)? else {
        return Ok(space::not_implemented());
    };
    if (data.len() as u128) * (n.max(0) as u128) > (1u128 << 34) {
        return Err(space::memory_error());
    }
    kind.make(&data.repeat(n.max(0) as usize))
}

fn modulo(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let (data, kind) = receiver(args, "__mod__")?;
    let result = methods::percent_format(&data, args.get(1))?;
    kind.make(&result)
}

fn rmod(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    Ok(space::not_implemented())
}

// ---- bytearray mutation --------------------------------------------------------------------

fn mutable(args: &Args, name: &str) -> PyResult<Gc<PyByteArray>> {
    match args.get_opt(0).and_then(bytearray_of) {
        Some(b) => Ok(b),
        None => type_error(format!(
            "descriptor '{name}' for 'bytearray' objects doesn't apply to a '{}' object",
            args.get_opt(0).map_or("NoneType".into(), type_name_of)
        )),
    }
}

fn contents(b: Gc<PyByteArray>) -> Vec<u8> {
    let data = b.data();
    (0..b.length() as usize).map(|i| data.get(i)).collect()
}

/// The bytes to store by slice assignment: a buffer or an iterable of ints.
fn assigned_bytes(value: GcRef) -> PyResult<Vec<u8>> {
    if let Some(data) = buffer_of(value)? {
        return Ok(data);
    }
    if int_value(value).is_some() || pystr::as_str(value).is_some() || ops::iter(value).is_err() {
        return type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    }
    let items = ops::collect_list(value)?;
    let mut data = Vec::new();
    for i in 0..crate::objects::list::len(items) {
        data.push(byte_value(
            crate::objects::list::get(items, i),
            "byte must be in range(0, 256)",
        )?);
    }
    Ok(data)
}

fn bytearray_setitem(args: &Args) -> PyResult<GcRef> {
    slot(args, 2)?;
    let b = mutable(args, "__setitem__")?;
    let (index, value) = (args.get(1), args.get(2));
    let mut data = contents(b);
    if let Some(s) = index.downcast::<PySlice>() {
        let (start, stop, step, count) = slice_of(s, data.len())?;
        let new = assigned_bytes(value)?;
        if step == 1 {
            let (start, stop) = (start as usize, (stop.max(start)) as usize);
            data.splice(start..stop, new);
        } else {
            if new.len() as i64 != count {
                return value_error(format!(
                    "attempt to assign bytes of size {} to extended slice of size {count}",
                    new.len()
                ));
            }
            for (k, byte) in new.into_iter().enumerate() {
                data[(start + k as i64 * step) as usize] = byte;
            }
        }
        set_contents(b, &data)?;
        return Ok(space::none());
    }
    let i = item_index(index, data.len(), Kind::ByteArray)?;
    let byte = byte_value(value, "byte must be in range(0, 256)")?;
    b.data().set(i, byte);
    Ok(space::none())
}

fn bytearray_delitem(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let b = mutable(args, "__delitem__")?;
    let index = args.get(1);
    let mut data = contents(b);
    if let Some(s) = index.downcast::<PySlice>() {
        let (start, _, step, count) = slice_of(s, data.len())?;
        let mut doomed: Vec<usize> = (0..count).map(|k| (start + k * step) as usize).collect();
        doomed.sort_unstable();
        for i in doomed.into_iter().rev() {
            data.remove(i);
        }
    } else {
        let i = item_index(index, data.len(), Kind::ByteArray)?;
        data.remove(i);
    }
    set_contents(b, &data)?;
    Ok(space::none())
}

fn bytearray_iadd(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let b = mutable(args, "__iadd__")?;
    let other = args.get(1);
    let Some(more) = buffer_of(other)? else {
        return type_error(format!(
            "can't concat {} to {}",
            type_name_of(other),
            type_name_of(args.get(0))
        ));
    };
    let mut data = contents(b);
    data.extend_from_slice(&more);
    set_contents(b, &data)?;
    Ok(args.get(0))
}

fn bytearray_imul(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let b = mutable(args, "__imul__")?;
    let Some(n) = crate::types::str::args::repeat_count(args.get(1), false)? else {
        return Ok(space::not_implemented());
    };
    let data = contents(b).repeat(n.max(0) as usize);
    set_contents(b, &data)?;
    Ok(args.get(0))
}

fn bytearray_append(args: &Args) -> PyResult<GcRef> {
    let item = one_arg(args, "bytearray", "append")?;
    let b = mutable(args, "append")?;
    push_byte(b, byte_value(item, "byte must be in range(0, 256)")?)?;
    Ok(space::none())
}

fn bytearray_extend(args: &Args) -> PyResult<GcRef> {
    let source = one_arg(args, "bytearray", "extend")?;
    let b = mutable(args, "extend")?;
    let more = match buffer_of(source)? {
        Some(more) => more,
        None => {
            if ops::iter(source).is_err() {
                return type_error(format!(
                    "can't extend bytearray with {}",
                    type_name_of(source)
                ));
            }
            let items = ops::collect_list(source)?;
            let mut more = Vec::new();
            for i in 0..crate::objects::list::len(items) {
                more.push(byte_value(
                    crate::objects::list::get(items, i),
                    "byte must be in range(0, 256)",
                )?);
            }
            more
        }
    };
    for byte in more {
        push_byte(b, byte)?;
    }
    Ok(space::none())
}

fn bytearray_pop(args: &Args) -> PyResult<GcRef> {
    positional(args, "bytearray", "pop", 0, 1)?;
    let b = mutable(args, "pop")?;
    let mut data = contents(b);
    let index = match args.get_opt(1) {
        Some(i) => crate::types::str::args::int_arg(i)?,
        None => -1,
    };
    if data.is_empty() {
        return index_error("pop from empty bytearray");
    }
    let i = if index < 0 {
        index + data.len() as i64
    } else {
        index
    };
    if i < 0 || i >= data.len() as i64 {
        return index_error("pop index out of range");
    }
    let byte = data.remove(i as usize);
    set_contents(b, &data)?;
    new_int(byte as i64)
}

fn bytearray_insert(args: &Args) -> PyResult<GcRef> {
    positional(args, "bytearray", "insert", 2, 2)?;
    let b = mutable(args, "insert")?;
    let index = crate::types::str::args::int_arg(args.get(1))?;
    let byte = byte_value(args.get(2), "byte must be in range(0, 256)")?;
    let mut data = contents(b);
    let len = data.len() as i64;
    let at = if index < 0 {
        (index + len).max(0)
    } else {
        index.min(len)
    };
    data.insert(at as usize, byte);
    set_contents(b, &data)?;
    Ok(space::none())
}

fn bytearray_remove(args: &Args) -> PyResult<GcRef> {
    let value = one_arg(args, "bytearray", "remove")?;
    let b = mutable(args, "remove")?;
    let byte = byte_value(value, "byte must be in range(0, 256)")?;
    let mut data = contents(b);
    let Some(i) = data.iter().position(|&x| x == byte) else {
        return value_error("value not found in bytearray");
    };
    data.remove(i);
    set_contents(b, &data)?;
    Ok(space::none())
}

fn bytearray_reverse(args: &Args) -> PyResult<GcRef> {
    crate::types::str::args::no_args(args, "bytearray", "reverse")?;
    let b = mutable(args, "reverse")?;
    let mut data = contents(b);
    data.reverse();
    set_contents(b, &data)?;
    Ok(space::none())
}

fn bytearray_clear(args: &Args) -> PyResult<GcRef> {
    crate::types::str::args::no_args(args, "bytearray", "clear")?;
    let b = mutable(args, "clear")?;
    set_contents(b, &[])?;
    Ok(space::none())
}

fn bytearray_copy(args: &Args) -> PyResult<GcRef> {
    crate::types::str::args::no_args(args, "bytearray", "copy")?;
    let b = mutable(args, "copy")?;
    Ok(new_bytearray(&contents(b))?.erase())
}
