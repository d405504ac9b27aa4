//! `memoryview` over bytes and bytearray: one-dimensional views of unsigned bytes
//! (format 'B'), sliceable with steps, writable when the exporter is a bytearray.
//!
//! A view is a `PyWrapper` of kind `T_MEMORYVIEW`: `first` is the exporting object,
//! `second` a tuple (start, step, length) in the exporter's bytes, `third` set once the
//! view is released. Resizing an exported bytearray is not prevented (CPython raises
//! BufferError), so reads past the exporter's current end give zero bytes.

use ferrite::{Gc, GcRef};

use super::{buffer_of, byte_value, bytearray_of, kind_of, slice_of, Kind};
use crate::builtins::registry::{method, property, static_method, Args, NativeDef};
use crate::objects::bytes::{bytes_of, new_bytes};
use crate::objects::int::int_value;
use crate::objects::layout::*;
use crate::objects::typeobject::{type_name_of, wrapper};
use crate::objects::{list, new_int, new_tuple, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};
use crate::types::str::args::{keywords, no_args, slot};

pub fn methods() -> Vec<NativeDef> {
    let t = T_MEMORYVIEW;
    vec![
        static_method(t, "__new__", memoryview_new),
        method(t, "__repr__", repr),
        method(t, "__len__", len),
        method(t, "__getitem__", getitem),
        method(t, "__setitem__", setitem),
        method(t, "__iter__", iter),
        method(t, "__eq__", eq),
        method(t, "__hash__", hash),
        method(t, "__enter__", enter),
        method(t, "__exit__", exit),
        method(t, "release", release),
        method(t, "tobytes", tobytes),
        method(t, "tolist", tolist),
        method(t, "hex", hex),
        method(t, "toreadonly", toreadonly),
        property(t, "obj", obj, None),
        property(t, "readonly", readonly, None),
        property(t, "nbytes", nbytes, None),
        property(t, "itemsize", itemsize, None),
        property(t, "format", format, None),
        property(t, "ndim", ndim, None),
        property(t, "shape", shape, None),
        property(t, "strides", strides, None),
    ]
}

/// A view's parts: the exporter and the (start, step, length) window.
struct View {
    exporter: GcRef,
    start: i64,
    step: i64,
    length: i64,
    /// Set by `toreadonly` on a view of a bytearray.
    readonly: bool,
}

fn as_view(object: GcRef) -> Option<Gc<PyWrapper>> {
    object
        .downcast::<PyWrapper>()
        .filter(|w| w.kind() as usize == T_MEMORYVIEW)
}

fn window(w: Gc<PyWrapper>) -> (i64, i64, i64) {
    let numbers = w.second().expect("a memoryview's window");
    let get = |i| match int_value(tuple::get(numbers, i)) {
        Some(crate::objects::int::IntValue::Small(v)) => v,
        _ => 0,
    };
    (get(0), get(1), get(2))
}

/// The live view behind a method's receiver (ValueError once released).
fn view(args: &Args, name: &str) -> PyResult<View> {
    let object = args.get_opt(0);
    let Some(w) = object.and_then(as_view) else {
        return type_error(format!(
            "descriptor '{name}' for 'memoryview' objects doesn't apply to a '{}' object",
            object.map_or("NoneType".into(), type_name_of)
        ));
    };
    live(w)
}

fn live(w: Gc<PyWrapper>) -> PyResult<View> {
    if w.third().is_some() {
        return value_error("operation forbidden on released memoryview object");
    }
    let (start, step, length) = window(w);
    Ok(View {
        exporter: w.first().expect("a memoryview's exporter"),
        start,
        step,
        length,
        readonly: w.fourth().is_some(),
    })
}

impl View {
    fn data(&self) -> Vec<u8> {
        let all = bytes_of(self.exporter).unwrap_or_default();
        (0..self.length)
            .map(|k| {
                all.get((self.start + k * self.step) as usize)
                    .copied()
                    .unwrap_or(0)
            })
            .collect()
    }

    fn is_readonly(&self) -> bool {
        self.readonly || kind_of(self.exporter) != Some(Kind::ByteArray)
    }
}

fn new_view(
    exporter: GcRef,
    start: i64,
    step: i64,
    length: i64,
    readonly: bool,
) -> PyResult<GcRef> {
    let numbers = new_tuple(&[new_int(start)?, new_int(step)?, new_int(length)?])?;
    let w = wrapper(T_MEMORYVIEW, Some(exporter), Some(numbers))?;
    if readonly {
        let w = w.downcast::<PyWrapper>().expect("a wrapper");
        w.set_fourth(Some(space::bool_(true)));
    }
    Ok(w)
}

/// The bytes a memoryview shows (None if `object` is not a memoryview).
pub fn view_bytes(object: GcRef) -> PyResult<Option<Vec<u8>>> {
    match as_view(object) {
        Some(w) => Ok(Some(live(w)?.data())),
        None => Ok(None),
    }
}

fn memoryview_new(args: &Args) -> PyResult<GcRef> {
    let [object] = keywords(args, 1, "memoryview", ["object"], 1)?;
    let object = object.expect("a required argument");
    if let Some(w) = as_view(object) {
        let v = live(w)?;
        return new_view(v.exporter, v.start, v.step, v.length, v.readonly);
    }
    match bytes_of(object) {
        Some(data) => new_view(object, 0, 1, data.len() as i64, false),
        None => type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            type_name_of(object)
        )),
    }
}

fn repr(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    let id = crate::runtime::identity::id_of(object)?;
    let released = as_view(object).is_some_and(|w| w.third().is_some());
    let prefix = if released {
        "released memory"
    } else {
        "memory"
    };
    pystr::new_string(format!("<{prefix} at {id:#x}>"))
}

fn len(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    new_int(view(args, "__len__")?.length)
}

/// A normalized item index of a view.
fn item(v: &View, index: GcRef) -> PyResult<usize> {
    if int_value(index).is_none() {
        return type_error("memoryview: invalid slice key");
    }
    let i = ops_index(index)?;
    let adjusted = if i < 0 { i + v.length } else { i };
    if adjusted < 0 || adjusted >= v.length {
        return index_error("index out of bounds on dimension 1");
    }
    Ok(adjusted as usize)
}

fn ops_index(index: GcRef) -> PyResult<i64> {
    crate::runtime::ops::index_value(index)
}

fn getitem(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let v = view(args, "__getitem__")?;
    let index = args.get(1);
    if let Some(s) = index.downcast::<PySlice>() {
        let (start, _, step, count) = slice_of(s, v.length as usize)?;
        return new_view(
            v.exporter,
            v.start + start * v.step,
            v.step * step,
            count,
            v.readonly,
        );
    }
    let i = item(&v, index)?;
    new_int(v.data()[i] as i64)
}

fn setitem(args: &Args) -> PyResult<GcRef> {
    slot(args, 2)?;
    let v = view(args, "__setitem__")?;
    if v.is_readonly() {
        return type_error("cannot modify read-only memory");
    }
    let target = bytearray_of(v.exporter).expect("a writable view's bytearray");
    let (index, value) = (args.get(1), args.get(2));
    let store = |position: i64, byte: u8| {
        if (position as usize) < target.length() as usize {
            target.data().set(position as usize, byte);
        }
    };
    if let Some(s) = index.downcast::<PySlice>() {
        let (start, _, step, count) = slice_of(s, v.length as usize)?;
        let Some(data) = buffer_of(value)? else {
            return type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name_of(value)
            ));
        };
        if data.len() as i64 != count {
            return value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            );
        }
        for (k, byte) in data.into_iter().enumerate() {
            store(v.start + (start + k as i64 * step) * v.step, byte);
        }
        return Ok(space::none());
    }
    let i = item(&v, index)?;
    if int_value(value).is_none() {
        return type_error("memoryview: invalid type for format 'B'");
    }
    let byte = byte_value(value, "memoryview: invalid value for format 'B'")?;
    store(v.start + i as i64 * v.step, byte);
    Ok(space::none())
}

fn iter(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    let items = tolist(args)?;
    crate::runtime::ops::iter(items)
}

fn eq(args: &Args) -> PyResult<GcRef> {
    slot(args, 1)?;
    let object = args.get(0);
    let other = args.get(1);
    if object == other {
        return Ok(space::bool_(true));
    }
    let Some(w) = as_view(object) else {
        return Ok(space::not_implemented());
    };
    if w.third().is_some() {
        return Ok(space::bool_(false));
    }
    let mine = live(w)?.data();
    match buffer_of(other) {
        Ok(Some(theirs)) => Ok(space::bool_(mine == theirs)),
        Ok(None) => Ok(space::not_implemented()),
        Err(_) => Ok(space::bool_(false)),
    }
}

fn hash(args: &Args) -> PyResult<GcRef> {
    slot(args, 0)?;
    let v = view(args, "__hash__")?;
    if !v.is_readonly() {
        return value_error("cannot hash writable memoryview object");
    }
    let data = new_bytes(&v.data())?;
    new_int(crate::runtime::ops::hash(data)?)
}

fn enter(args: &Args) -> PyResult<GcRef> {
    view(args, "__enter__")?;
    Ok(args.get(0))
}

fn exit(args: &Args) -> PyResult<GcRef> {
    if let Some(w) = as_view(args.get(0)) {
        w.set_third(Some(space::bool_(true)));
    }
    Ok(space::bool_(false))
}

fn release(args: &Args) -> PyResult<GcRef> {
    no_args(args, "memoryview", "release")?;
    if let Some(w) = as_view(args.get(0)) {
        w.set_third(Some(space::bool_(true)));
    }
    Ok(space::none())
}

fn tobytes(args: &Args) -> PyResult<GcRef> {
    new_bytes(&view(args, "tobytes")?.data())
}

fn tolist(args: &Args) -> PyResult<GcRef> {
    let data = view(args, "tolist")?.data();
    let result = list::new_list(data.len())?;
    for b in data {
        list::append(result, new_int(b as i64)?)?;
    }
    Ok(result.erase())
}

fn hex(args: &Args) -> PyResult<GcRef> {
    no_args(args, "memoryview", "hex")?;
    let data = view(args, "hex")?.data();
    pystr::new_string(data.iter().map(|b| format!("{b:02x}")).collect())
}

fn toreadonly(args: &Args) -> PyResult<GcRef> {
    no_args(args, "memoryview", "toreadonly")?;
    let v = view(args, "toreadonly")?;
    new_view(v.exporter, v.start, v.step, v.length, true)
}

fn obj(args: &Args) -> PyResult<GcRef> {
    Ok(view(args, "obj")?.exporter)
}

fn readonly(args: &Args) -> PyResult<GcRef> {
    Ok(space::bool_(view(args, "readonly")?.is_readonly()))
}

fn nbytes(args: &Args) -> PyResult<GcRef> {
    new_int(view(args, "nbytes")?.length)
}

fn itemsize(args: &Args) -> PyResult<GcRef> {
    view(args, "itemsize")?;
    new_int(1)
}

fn format(args: &Args) -> PyResult<GcRef> {
    view(args, "format")?;
    pystr::new_str("B")
}

fn ndim(args: &Args) -> PyResult<GcRef> {
    view(args, "ndim")?;
    new_int(1)
}

fn shape(args: &Args) -> PyResult<GcRef> {
    let v = view(args, "shape")?;
    new_tuple(&[new_int(v.length)?])
}

fn strides(args: &Args) -> PyResult<GcRef> {
    let v = view(args, "strides")?;
    new_tuple(&[new_int(v.step)?])
}
