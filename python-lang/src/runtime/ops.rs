//! The object protocol: what the eval loop and the built-ins do to any value — truth,
//! repr/str, hash, equality and ordering, arithmetic with reflected operands, attributes,
//! items, iteration. Built-in types take fast paths; everything else goes through the
//! special methods found on the type.

use ferrite::{Gc, GcRef, GcType, RootVec};

use crate::compiler::bytecode::cmpop;
use crate::objects::int::{self, int_value, IntValue};
use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup_name, type_name_of};
use crate::objects::{descriptors, dict, float, list, new_int, range, str as pystr};
use crate::runtime::call;
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};

pub use crate::runtime::arithmetic::*;
pub use crate::runtime::attributes::*;

// ---- helpers -------------------------------------------------------------------------

/// Call the special method `name` of `object`'s type with `object` and `args`; None if the
/// type has none.
pub fn call_special(object: GcRef, which: N, args: &[GcRef]) -> PyResult<Option<GcRef>> {
    let t = space::type_of(object);
    let Some(method) = lookup_name(t, which) else {
        return Ok(None);
    };
    call_method_of(method, object, t, args).map(Some)
}

/// Call `method`, found on `object`'s type `t`, with `object` and `args`.
fn call_method_of(method: GcRef, object: GcRef, t: Gc<PyType>, args: &[GcRef]) -> PyResult<GcRef> {
    // A function or a built-in method on the type is called with the object as its first
    // argument: binding it would allocate a bound method only to unpack it again.
    let plain = method.is::<PyFunction>()
        || method
            .downcast::<PyBuiltin>()
            .is_some_and(|b| b.bound().is_none());
    if plain {
        return call::call_with_first(method, Some(object), args);
    }
    let bound = descriptors::bind(method, Some(object), t)?;
    call::call_function(bound, args)
}

pub fn is_not_implemented(value: GcRef) -> bool {
    value
        .downcast::<PySingleton>()
        .is_some_and(|s| s.kind() == SINGLETON_NOT_IMPLEMENTED)
}

fn float_value(object: GcRef) -> Option<f64> {
    if let Some(f) = object.downcast::<PyFloat>() {
        return Some(f.value());
    }
    object
        .downcast::<PyInstance>()
        .and_then(|i| i.base())
        .and_then(|b| b.downcast::<PyFloat>())
        .map(|f| f.value())
}

// ---- truth, repr, str, hash ------------------------------------------------------------

pub fn truthy(object: GcRef) -> PyResult<bool> {
    // One read of the header says which built-in kind it is; then one read of the field.
    let id = object.descriptor_id();
    if id == PyBool::descriptor_id() {
        return Ok(object.load_as::<PyBool>().expect("checked").value);
    }
    if id == PyInt::descriptor_id() {
        return Ok(object.load_as::<PyInt>().expect("checked").value != 0);
    }
    if id == PySingleton::descriptor_id() {
        return Ok(object.load_as::<PySingleton>().expect("checked").kind == SINGLETON_ELLIPSIS);
    }
    if id == PyList::descriptor_id() {
        return Ok(object.load_as::<PyList>().expect("checked").length != 0);
    }
    if id == PyStr::descriptor_id() {
        return Ok(object.load_as::<PyStr>().expect("checked").length != 0);
    }
    if id == PyFloat::descriptor_id() {
        return Ok(object.load_as::<PyFloat>().expect("checked").value != 0.0);
    }
    if id == Items::descriptor_id() {
        return Ok(!object.downcast::<Items>().expect("checked").is_empty());
    }
    if id == PyDict::descriptor_id() {
        return Ok(object.load_as::<PyDict>().expect("checked").used != 0);
    }
    if id == PyBigInt::descriptor_id() {
        return Ok(true);
    }
    if id == PyRange::descriptor_id() {
        return Ok(object.load_as::<PyRange>().expect("checked").length != 0);
    }
    if let Some(result) = call_special(object, N::bool_, &[])? {
        return match result.downcast::<PyBool>() {
            Some(b) => Ok(b.value()),
            None => type_error(format!(
                "__bool__ should return bool, returned {}",
                type_name_of(result)
            )),
        };
    }
    if let Some(result) = call_special(object, N::len, &[])? {
        return Ok(index_value(result)? != 0);
    }
    Ok(true)
}

pub fn repr(object: GcRef) -> PyResult<GcRef> {
    if let Some(s) = object.downcast::<PyStr>() {
        let text = pystr::with_str(s.erase(), pystr::repr_text);
        return pystr::new_string(text);
    }
    if let Some(i) = object.downcast::<PyInt>() {
        return pystr::new_string(i.value().to_string());
    }
    let t = space::type_of(object);
    let method = lookup_name(t, N::repr).expect("object has __repr__");
    let result = call::call_function(descriptors::bind(method, Some(object), t)?, &[])?;
    if pystr::as_str(result).is_none() {
        return type_error(format!(
            "__repr__ returned non-string (type {})",
            type_name_of(result)
        ));
    }
    Ok(result)
}

pub fn repr_string(object: GcRef) -> PyResult<String> {
    Ok(pystr::to_string(repr(object)?))
}

pub fn str_(object: GcRef) -> PyResult<GcRef> {
    if object.is::<PyStr>() {
        return Ok(object);
    }
    if let Some(i) = object.downcast::<PyInt>() {
        return pystr::new_string(i.value().to_string());
    }
    let t = space::type_of(object);
    let method = lookup_name(t, N::str_).expect("object has __str__");
    let result = call::call_function(descriptors::bind(method, Some(object), t)?, &[])?;
    if pystr::as_str(result).is_none() {
        return type_error(format!(
            "__str__ returned non-string (type {})",
            type_name_of(result)
        ));
    }
    Ok(result)
}

pub fn str_string(object: GcRef) -> PyResult<String> {
    Ok(pystr::to_string(str_(object)?))
}

pub fn hash(object: GcRef) -> PyResult<i64> {
    if let Some(i) = object.load_as::<PyInt>() {
        return Ok(int::hash(&IntValue::Small(i.value)));
    }
    if let Some(s) = object.downcast::<PyStr>() {
        return Ok(pystr::hash(s));
    }
    let t = space::type_of(object);
    match lookup_name(t, N::hash) {
        Some(h) if !crate::objects::is_none(h) => {
            let result = call::call_function(descriptors::bind(h, Some(object), t)?, &[])?;
            // The value itself when it fits (−1 is reserved), as CPython uses it.
            match int_value(result) {
                Some(IntValue::Small(v)) => Ok(if v == -1 { -2 } else { v }),
                Some(v) => Ok(int::hash(&v)),
                None => type_error("__hash__ method should return an integer"),
            }
        }
        _ => type_error(format!("unhashable type: '{}'", typeobject::type_name(t))),
    }
}

// ---- comparison ------------------------------------------------------------------------

pub fn eq(a: GcRef, b: GcRef) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    let result = compare(a, b, cmpop::EQ)?;
    truthy(result)
}

const SWAPPED: [u32; 6] = [
    cmpop::GT,
    cmpop::GE,
    cmpop::EQ,
    cmpop::NE,
    cmpop::LT,
    cmpop::LE,
];
const COMPARE_NAMES: [N; 6] = [N::lt, N::le, N::eq, N::ne, N::gt, N::ge];

fn ordering_result(ordering: std::cmp::Ordering, op: u32) -> bool {
    use std::cmp::Ordering::*;
    match op {
        cmpop::LT => ordering == Less,
        cmpop::LE => ordering != Greater,
        cmpop::EQ => ordering == Equal,
        cmpop::NE => ordering != Equal,
        cmpop::GT => ordering == Greater,
        _ => ordering != Less,
    }
}

/// `a <op> b` with Python's rich comparison rules.
pub fn compare(a: GcRef, b: GcRef, op: u32) -> PyResult<GcRef> {
    if let (Some(x), Some(y)) = (a.downcast::<PyInt>(), b.downcast::<PyInt>()) {
        return Ok(space::bool_(ordering_result(x.value().cmp(&y.value()), op)));
    }
    if let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>()) {
        if op == cmpop::EQ {
            return Ok(space::bool_(pystr::eq(x, y)));
        }
        if op == cmpop::NE {
            return Ok(space::bool_(!pystr::eq(x, y)));
        }
        return Ok(space::bool_(ordering_result(pystr::compare(x, y), op)));
    }
    if let Some(result) = builtin_compare(a, b, op)? {
        return Ok(result);
    }
    let ta = space::type_of(a);
    let tb = space::type_of(b);
    // The right operand's reflected method first if its type is a subclass (for rich
    // comparisons CPython does not ask whether the subclass overrides it).
    let reflected_first = ta != tb && typeobject::is_subtype(tb, ta);
    if reflected_first {
        if let Some(r) = call_special(b, COMPARE_NAMES[SWAPPED[op as usize] as usize], &[a])? {
            if !is_not_implemented(r) {
                return Ok(r);
            }
        }
    }
    if let Some(r) = call_special(a, COMPARE_NAMES[op as usize], &[b])? {
        if !is_not_implemented(r) {
            return Ok(r);
        }
    }
    if !reflected_first {
        if let Some(r) = call_special(b, COMPARE_NAMES[SWAPPED[op as usize] as usize], &[a])? {
            if !is_not_implemented(r) {
                return Ok(r);
            }
        }
    }
    match op {
        cmpop::EQ => Ok(space::bool_(a == b)),
        cmpop::NE => Ok(space::bool_(a != b)),
        _ => type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            crate::compiler::bytecode::cmpop::SYMBOLS[op as usize],
            type_name_of(a),
            type_name_of(b)
        )),
    }
}

/// Comparisons of built-in values: numbers, strings, sequences. None if not applicable.
fn builtin_compare(a: GcRef, b: GcRef, op: u32) -> PyResult<Option<GcRef>> {
    let ta = space::type_of(a);
    let tb = space::type_of(b);
    let user_a = ta.flags() & typeobject::TYPE_HEAP != 0;
    let user_b = tb.flags() & typeobject::TYPE_HEAP != 0;
    if user_a || user_b {
        return Ok(None);
    }
    // Numbers.
    let na = number(a);
    let nb = number(b);
    if let (Some(x), Some(y)) = (&na, &nb) {
        let ordering = match (x, y) {
            (Number::Int(p), Number::Int(q)) => Some(int::compare(p, q)),
            (Number::Float(p), Number::Float(q)) => p.partial_cmp(q),
            (Number::Int(p), Number::Float(q)) => compare_int_float(p, *q),
            (Number::Float(p), Number::Int(q)) => compare_int_float(q, *p).map(|o| o.reverse()),
        };
        return Ok(Some(space::bool_(match ordering {
            Some(o) => ordering_result(o, op),
            None => op == cmpop::NE,
        })));
    }
    // Sequences of the same kind.
    if let (Some(x), Some(y)) = (a.downcast::<Items>(), b.downcast::<Items>()) {
        return sequence_compare(x, 0, x.len(), y, 0, y.len(), op).map(Some);
    }
    if let (Some(x), Some(y)) = (a.downcast::<PyList>(), b.downcast::<PyList>()) {
        let (xs, ys) = (list::snapshot(x)?, list::snapshot(y)?);
        return sequence_compare(xs, 0, xs.len(), ys, 0, ys.len(), op).map(Some);
    }
    if op == cmpop::EQ || op == cmpop::NE {
        if let (Some(x), Some(y)) = (a.downcast::<PyDict>(), b.downcast::<PyDict>()) {
            let equal = dict_equal(x, y)?;
            return Ok(Some(space::bool_(equal == (op == cmpop::EQ))));
        }
        if let (Some(x), Some(y)) = (a.downcast::<PyRange>(), b.downcast::<PyRange>()) {
            let equal = x.length() == y.length()
                && (x.length() == 0
                    || (x.start() == y.start() && (x.length() == 1 || x.step() == y.step())));
            return Ok(Some(space::bool_(equal == (op == cmpop::EQ))));
        }
    }
    Ok(None)
}

fn dict_equal(x: Gc<PyDict>, y: Gc<PyDict>) -> PyResult<bool> {
    if dict::len(x) != dict::len(y) {
        return Ok(false);
    }
    let items = dict::snapshot(x)?;
    for i in (0..items.len()).step_by(2) {
        let k = items.get(i).expect("key");
        let v = items.get(i + 1).expect("value");
        match dict::get_item(y, k)? {
            Some(other) => {
                if !eq(v, other)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

pub enum Number {
    Int(IntValue),
    Float(f64),
}

pub fn number(object: GcRef) -> Option<Number> {
    if let Some(f) = float_value(object) {
        return Some(Number::Float(f));
    }
    int_value(object).map(Number::Int)
}

fn compare_int_float(i: &IntValue, f: f64) -> Option<std::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    match i {
        IntValue::Small(v) if v.unsigned_abs() < (1 << 53) => (*v as f64).partial_cmp(&f),
        _ => {
            if f.is_infinite() {
                return Some(if f > 0.0 {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                });
            }
            let big = i.to_big();
            let floor = f.floor();
            let fb = num_bigint::BigInt::from(floor as i128);
            let _ = fb;
            let as_big = num_traits::FromPrimitive::from_f64(floor).unwrap_or_default();
            let o = big.cmp(&as_big);
            if o == std::cmp::Ordering::Equal && f != floor {
                Some(std::cmp::Ordering::Less)
            } else {
                Some(o)
            }
        }
    }
}

/// Lexicographic comparison of two item arrays.
pub fn sequence_compare(
    x: Gc<Items>,
    xs: usize,
    xn: usize,
    y: Gc<Items>,
    ys: usize,
    yn: usize,
    op: u32,
) -> PyResult<GcRef> {
    if (op == cmpop::EQ || op == cmpop::NE) && xn != yn {
        return Ok(space::bool_(op == cmpop::NE));
    }
    let n = xn.min(yn);
    for i in 0..n {
        let a = x.get(xs + i).expect("item");
        let b = y.get(ys + i).expect("item");
        if !eq(a, b)? {
            return match op {
                cmpop::EQ => Ok(space::bool_(false)),
                cmpop::NE => Ok(space::bool_(true)),
                _ => compare(a, b, op),
            };
        }
    }
    Ok(space::bool_(ordering_result(xn.cmp(&yn), op)))
}

// ---- items -----------------------------------------------------------------------------

/// Normalize a sequence index (negative counts from the end); IndexError if out of range.
pub fn sequence_index(index: GcRef, length: usize, what: &str) -> PyResult<usize> {
    let i = match index.downcast::<PyInt>() {
        Some(i) => i.value(),
        None => {
            if int_value(index).is_none() && lookup_name(space::type_of(index), N::index).is_none()
            {
                return type_error(format!(
                    "{} indices must be integers or slices, not {}",
                    what.trim_end_matches(" object"),
                    type_name_of(index)
                ));
            }
            index_value(index)?
        }
    };
    let adjusted = if i < 0 { i + length as i64 } else { i };
    if adjusted < 0 || adjusted >= length as i64 {
        return index_error(format!("{what} index out of range"));
    }
    Ok(adjusted as usize)
}

pub fn slice_values(s: Gc<PySlice>) -> PyResult<(Option<i64>, Option<i64>, Option<i64>)> {
    let value = |v: GcRef| -> PyResult<Option<i64>> {
        if let Some(i) = v.load_as::<PyInt>() {
            Ok(Some(i.value))
        } else if crate::objects::is_none(v) {
            Ok(None)
        } else {
            match index_value(v) {
                Ok(i) => Ok(Some(i)),
                Err(_) => {
                    type_error("slice indices must be integers or None or have an __index__ method")
                }
            }
        }
    };
    let PySlice { start, stop, step } = s.load();
    Ok((value(start)?, value(stop)?, value(step)?))
}

/// A new array of `count` items of `source`, from `start` every `step`.
fn every_step(source: Gc<Items>, start: i64, step: i64, count: usize) -> PyResult<Gc<Items>> {
    let selected = crate::objects::new_items(count)?;
    if step == 1 {
        selected.copy_from(0, source, start as usize, count);
    } else {
        selected.with_view(|target| {
            source.with_view(|source| {
                for k in 0..count {
                    target.copy_from(k, source, (start + k as i64 * step) as usize);
                }
            })
        });
    }
    Ok(selected)
}

pub fn getitem(container: GcRef, index: GcRef) -> PyResult<GcRef> {
    if let Some(l) = container.downcast::<PyList>() {
        if let Some(s) = index.downcast::<PySlice>() {
            let (start, stop, step) = slice_values(s)?;
            let PyList { items, length } = l.load();
            let (start, _, step, count) = range::slice_indices(start, stop, step, length)?;
            let selected = every_step(items, start, step, count as usize)?;
            return Ok(list::from_array(selected, 0, count as usize)?.erase());
        }
        let i = sequence_index(index, list::len(l), "list")?;
        return Ok(list::get(l, i));
    }
    if let Some(t) = container.downcast::<Items>() {
        if let Some(s) = index.downcast::<PySlice>() {
            let (start, stop, step) = slice_values(s)?;
            let (start, _, step, count) = range::slice_indices(start, stop, step, t.len() as i64)?;
            return Ok(if count == 0 {
                space::empty_tuple()
            } else {
                every_step(t, start, step, count as usize)?.erase()
            });
        }
        let i = sequence_index(index, t.len(), "tuple")?;
        return Ok(t.get(i).expect("item"));
    }
    if let Some(d) = container.downcast::<PyDict>() {
        return match dict::get_item(d, index)? {
            Some(v) => Ok(v),
            None => key_error(index),
        };
    }
    // The common cases of str indexing inline; the rest (and every error) in
    // `str.__getitem__`.
    if let Some(s) = container.downcast::<PyStr>() {
        if let Some(sl) = index.downcast::<PySlice>() {
            if let Ok((start, stop, step)) = slice_values(sl) {
                let (start, stop, step, count) =
                    range::slice_indices(start, stop, step, s.length())?;
                return pystr::slice(container, start, stop, step, count);
            }
        } else if let Some(i) = index.downcast::<PyInt>() {
            let n = s.length();
            let k = if i.value() < 0 {
                i.value() + n
            } else {
                i.value()
            };
            if (0..n).contains(&k) {
                return pystr::item(s, k as usize);
            }
        }
    }
    if let Some(r) = container.downcast::<PyRange>() {
        if let Some(sl) = index.downcast::<PySlice>() {
            let (start, stop, step) = slice_values(sl)?;
            let (start, stop, step, _) = range::slice_indices(start, stop, step, r.length())?;
            return range::new_range(range::item(r, start), range::item(r, stop), step * r.step());
        }
        let i = sequence_index(index, r.length() as usize, "range object")?;
        return new_int(range::item(r, i as i64));
    }
    let t = space::type_of(container);
    if let Some(method) = lookup_name(t, N::getitem) {
        let bound = descriptors::bind(method, Some(container), t)?;
        return call::call_function(bound, &[index]);
    }
    if let Some(ty) = container.downcast::<PyType>() {
        if let Some(method) = lookup_name(ty, N::class_getitem) {
            let bound = descriptors::bind(method, None, ty)?;
            return call::call_function(bound, &[index]);
        }
        return type_error(format!(
            "type '{}' is not subscriptable",
            typeobject::type_name(ty)
        ));
    }
    type_error(format!(
        "'{}' object is not subscriptable",
        type_name_of(container)
    ))
}

pub fn setitem(container: GcRef, index: GcRef, value: GcRef) -> PyResult<()> {
    if let Some(l) = container.downcast::<PyList>() {
        if let Some(s) = index.downcast::<PySlice>() {
            return list_set_slice(l, s, Some(value));
        }
        let i = sequence_index(index, list::len(l), "list assignment")?;
        list::set(l, i, value);
        return Ok(());
    }
    if let Some(d) = container.downcast::<PyDict>() {
        return dict::set_item(d, index, value);
    }
    let t = space::type_of(container);
    if let Some(method) = lookup_name(t, N::setitem) {
        let bound = descriptors::bind(method, Some(container), t)?;
        call::call_function(bound, &[index, value])?;
        return Ok(());
    }
    type_error(format!(
        "'{}' object does not support item assignment",
        type_name_of(container)
    ))
}

pub fn delitem(container: GcRef, index: GcRef) -> PyResult<()> {
    if let Some(l) = container.downcast::<PyList>() {
        if let Some(s) = index.downcast::<PySlice>() {
            return list_set_slice(l, s, None);
        }
        let i = sequence_index(index, list::len(l), "list assignment")?;
        list::remove_at(l, i);
        return Ok(());
    }
    if let Some(d) = container.downcast::<PyDict>() {
        if dict::del_item(d, index)?.is_none() {
            return key_error(index);
        }
        return Ok(());
    }
    let t = space::type_of(container);
    if let Some(method) = lookup_name(t, N::delitem) {
        let bound = descriptors::bind(method, Some(container), t)?;
        call::call_function(bound, &[index])?;
        return Ok(());
    }
    type_error(format!(
        "'{}' object doesn't support item deletion",
        type_name_of(container)
    ))
}

fn list_set_slice(l: Gc<PyList>, s: Gc<PySlice>, value: Option<GcRef>) -> PyResult<()> {
    let (start, stop, step) = slice_values(s)?;
    let (start, stop, step, count) = range::slice_indices(start, stop, step, l.length())?;
    let new_items = match value {
        Some(v) => {
            let collected = collect_list(v).map_err(|e| {
                if is_instance_of(e, T_TYPE_ERROR) && iter(v).is_err() {
                    new_exception(T_TYPE_ERROR, "can only assign an iterable")
                } else {
                    e
                }
            })?;
            list::snapshot(collected)?
        }
        None => crate::objects::new_items(0)?,
    };
    if step == 1 {
        let stop = stop.max(start);
        return list::replace_range(l, start as usize, stop as usize, new_items, new_items.len());
    }
    match value {
        Some(_) => {
            if new_items.len() as i64 != count {
                return value_error(format!(
                    "attempt to assign sequence of size {} to extended slice of size {count}",
                    new_items.len()
                ));
            }
            for k in 0..count {
                list::set(
                    l,
                    (start + k * step) as usize,
                    new_items.get(k as usize).expect("item"),
                );
            }
        }
        None => {
            let mut indices: Vec<usize> = (0..count).map(|k| (start + k * step) as usize).collect();
            indices.sort_unstable();
            for i in indices.into_iter().rev() {
                list::remove_at(l, i);
            }
        }
    }
    Ok(())
}

pub fn contains(container: GcRef, item: GcRef) -> PyResult<bool> {
    if let Some(d) = container.downcast::<PyDict>() {
        return Ok(dict::get_item(d, item)?.is_some());
    }
    if container.is::<PyStr>() {
        return pystr::contains(container, item);
    }
    if let Some(s) = container.downcast::<PySet>() {
        return crate::types::set::contains_key(s, item);
    }
    if let Some(l) = container.downcast::<PyList>() {
        // Re-read at each step: `__eq__` may change the list.
        let mut i = 0;
        loop {
            let PyList { items, length } = l.load();
            if i >= length as usize {
                return Ok(false);
            }
            let x = items.get(i).expect("item");
            if x == item || eq(x, item)? {
                return Ok(true);
            }
            i += 1;
        }
    }
    if let Some(t) = container.downcast::<Items>() {
        for i in 0..t.len() {
            let x = t.get(i).expect("item");
            if x == item || eq(x, item)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(r) = container.downcast::<PyRange>() {
        if let Some(IntValue::Small(v)) = int_value(item) {
            if item.is::<PyInt>() || item.is::<PyBool>() {
                let offset = v as i128 - r.start() as i128;
                let inside = if r.step() > 0 {
                    v >= r.start() && v < r.stop()
                } else {
                    v <= r.start() && v > r.stop()
                };
                return Ok(inside && offset % r.step() as i128 == 0);
            }
        }
    }
    if let Some(result) = call_special(container, N::contains, &[item])? {
        return truthy(result);
    }
    let iterator = iter(container).map_err(|e| {
        if is_instance_of(e, T_TYPE_ERROR) {
            new_exception(
                T_TYPE_ERROR,
                &format!(
                    "argument of type '{}' is not iterable",
                    type_name_of(container)
                ),
            )
        } else {
            e
        }
    })?;
    while let Some(x) = next(iterator)? {
        if x == item || eq(x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn len(object: GcRef) -> PyResult<i64> {
    if let Some(l) = object.downcast::<PyList>() {
        return Ok(l.length());
    }
    if let Some(s) = object.downcast::<PyStr>() {
        return Ok(s.length());
    }
    if let Some(t) = object.downcast::<Items>() {
        return Ok(t.len() as i64);
    }
    if let Some(d) = object.downcast::<PyDict>() {
        return Ok(d.used());
    }
    if let Some(s) = object.downcast::<PySet>() {
        return Ok(s.used());
    }
    if let Some(r) = object.downcast::<PyRange>() {
        return Ok(r.length());
    }
    match call_special(object, N::len, &[])? {
        Some(result) => {
            let n = index_value(result).map_err(|e| {
                if is_instance_of(e, T_INDEX_ERROR) {
                    new_exception(
                        T_OVERFLOW_ERROR,
                        "cannot fit 'int' into an index-sized integer",
                    )
                } else {
                    e
                }
            })?;
            if n < 0 {
                return value_error("__len__() should return >= 0");
            }
            Ok(n)
        }
        None => type_error(format!(
            "object of type '{}' has no len()",
            type_name_of(object)
        )),
    }
}

// ---- iteration -------------------------------------------------------------------------

pub fn iter(object: GcRef) -> PyResult<GcRef> {
    if let Some(it) = crate::objects::iterators::builtin_iter(object)? {
        return Ok(it);
    }
    let t = space::type_of(object);
    if let Some(method) = lookup_name(t, N::iter) {
        if crate::objects::is_none(method) {
            return type_error(format!("'{}' object is not iterable", type_name_of(object)));
        }
        let it = call_method_of(method, object, t, &[])?;
        if lookup_name(space::type_of(it), N::next).is_none() {
            return type_error(format!(
                "iter() returned non-iterator of type '{}'",
                type_name_of(it)
            ));
        }
        return Ok(it);
    }
    if lookup_name(t, N::getitem).is_some() {
        return crate::objects::iterators::sequence_iterator(object);
    }
    type_error(format!("'{}' object is not iterable", type_name_of(object)))
}

/// The next item, or None when the iterator is exhausted (StopIteration is absorbed).
pub fn next(iterator: GcRef) -> PyResult<Option<GcRef>> {
    if let Some(it) = iterator.downcast::<PyIterator>() {
        return crate::objects::iterators::next(it);
    }
    if let Some(g) = iterator.downcast::<PyGenerator>() {
        return crate::runtime::generator::next(g);
    }
    let t = space::type_of(iterator);
    let Some(method) = lookup_name(t, N::next) else {
        return type_error(format!(
            "'{}' object is not an iterator",
            type_name_of(iterator)
        ));
    };
    match call_method_of(method, iterator, t, &[]) {
        Ok(v) => Ok(Some(v)),
        Err(e) if is_instance_of(e, T_STOP_ITERATION) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Every item of an iterable, in a new list.
pub fn collect_list(iterable: GcRef) -> PyResult<Gc<PyList>> {
    if let Some(l) = iterable.downcast::<PyList>() {
        return list::from_array(l.items(), 0, list::len(l));
    }
    if let Some(t) = iterable.downcast::<Items>() {
        return list::from_array(t, 0, t.len());
    }
    let result = list::new_list(0)?;
    let iterator = iter(iterable)?;
    while let Some(item) = next(iterator)? {
        list::append(result, item)?;
    }
    Ok(result)
}

/// Every item of an iterable, rooted.
pub fn collect(iterable: GcRef) -> PyResult<RootVec<GcRef>> {
    let l = collect_list(iterable)?;
    let roots = RootVec::new();
    for i in 0..list::len(l) {
        roots.push(list::get(l, i));
    }
    Ok(roots)
}

pub fn float_repr(value: f64) -> String {
    float::repr(value)
}

/// `call_special` under the name the callers of `object.__ne__` and friends use.
pub fn call_special_or_none(object: GcRef, which: N, args: &[GcRef]) -> PyResult<Option<GcRef>> {
    call_special(object, which, args)
}

/// `object.name(*args)`.
pub fn call_method(object: GcRef, name: &str, args: &[GcRef]) -> PyResult<GcRef> {
    let method = getattr(object, pystr::intern(name)?)?;
    call::call_function(method, args)
}

/// `iterator.__next__()` as Python sees it: StopIteration at the end.
pub fn next_raw(iterator: GcRef) -> PyResult<GcRef> {
    if let Some(it) = iterator.downcast::<PyIterator>() {
        return crate::objects::iterators::next_raising(it);
    }
    if let Some(g) = iterator.downcast::<PyGenerator>() {
        return match crate::runtime::generator::resume(g, space::none(), None)? {
            crate::runtime::generator::Resumed::Yielded(v) => Ok(v),
            crate::runtime::generator::Resumed::Returned(v) => {
                Err(crate::runtime::generator::stop_iteration(v))
            }
        };
    }
    let t = space::type_of(iterator);
    let Some(method) = lookup_name(t, N::next) else {
        return type_error(format!(
            "'{}' object is not an iterator",
            type_name_of(iterator)
        ));
    };
    call::call_function(descriptors::bind(method, Some(iterator), t)?, &[])
}

/// `isinstance(object, classinfo)` (a class, a tuple of them, or `__instancecheck__`).
pub fn isinstance(object: GcRef, classinfo: GcRef) -> PyResult<bool> {
    if let Some(t) = classinfo.downcast::<PyType>() {
        if typeobject::is_subtype(space::type_of(object), t) {
            return Ok(true);
        }
        let meta = space::type_of(classinfo);
        if meta != space::builtin_type(T_TYPE) {
            if let Some(check) = lookup_name(meta, N::instancecheck) {
                if !check.is::<PyBuiltin>() {
                    let bound = descriptors::bind(check, Some(classinfo), meta)?;
                    return truthy(call::call_function(bound, &[object])?);
                }
            }
        }
        // An object may claim another class through `__class__`.
        if let Some(claimed) = getattr_opt(object, space::name(N::class))? {
            if let Some(c) = claimed.downcast::<PyType>() {
                return Ok(typeobject::is_subtype(c, t));
            }
        }
        return Ok(false);
    }
    if let Some(items) = classinfo.downcast::<Items>() {
        for i in 0..items.len() {
            if isinstance(object, items.get(i).expect("item"))? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(check) = lookup_name(space::type_of(classinfo), N::instancecheck) {
        let bound = descriptors::bind(check, Some(classinfo), space::type_of(classinfo))?;
        return truthy(call::call_function(bound, &[object])?);
    }
    type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")
}

/// `issubclass(cls, classinfo)`.
pub fn issubclass(cls: GcRef, classinfo: GcRef) -> PyResult<bool> {
    if let Some(items) = classinfo.downcast::<Items>() {
        for i in 0..items.len() {
            if issubclass(cls, items.get(i).expect("item"))? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let Some(c) = cls.downcast::<PyType>() else {
        return type_error("issubclass() arg 1 must be a class");
    };
    match classinfo.downcast::<PyType>() {
        Some(t) => {
            let meta = space::type_of(classinfo);
            if meta != space::builtin_type(T_TYPE) {
                if let Some(check) = lookup_name(meta, N::subclasscheck) {
                    if !check.is::<PyBuiltin>() {
                        let bound = descriptors::bind(check, Some(classinfo), meta)?;
                        return truthy(call::call_function(bound, &[cls])?);
                    }
                }
            }
            Ok(typeobject::is_subtype(c, t))
        }
        None => type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"),
    }
}

/// How CPython names a callable in call errors: `f()` for functions, `T()` for classes,
/// `T.m()` for methods, else the type name and `object`.
pub fn callable_description(f: GcRef) -> String {
    if let Some(function) = f.downcast::<PyFunction>() {
        let qualname = pystr::to_string(function.qualname());
        return match function.module().downcast::<PyStr>() {
            Some(m) if !pystr::eq_text(m.erase(), "builtins") => {
                format!("{}.{qualname}()", pystr::to_string(m.erase()))
            }
            _ => format!("{qualname}()"),
        };
    }
    if let Some(m) = f.downcast::<PyMethod>() {
        return callable_description(m.function());
    }
    if let Some(t) = f.downcast::<PyType>() {
        return format!("{}()", typeobject::type_name(t));
    }
    if let Some(b) = f.downcast::<PyBuiltin>() {
        return format!(
            "{}()",
            crate::objects::function::native_name(crate::builtins::registry::native(b.id()))
        );
    }
    format!("{} object", type_name_of(f))
}
