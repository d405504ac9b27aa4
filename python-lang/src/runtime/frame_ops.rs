//! The work behind the instructions that are not plain object operations: name lookup in
//! class and module namespaces, `LOAD_METHOD`, unpacking, building strings and calls'
//! `**` dicts, `except` matching, `with`, and async iteration.

use ferrite::{Gc, GcRef};

use crate::builtins::registry::Args;
use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup, lookup_name, type_name_of};
use crate::objects::{descriptors, dict, exception, list, new_items, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};

// ---- namespaces (class bodies may run in any mapping `__prepare__` returned) -------------

pub fn namespace_get(namespace: GcRef, name: GcRef) -> PyResult<Option<GcRef>> {
    if let Some(d) = namespace.downcast::<PyDict>() {
        return Ok(dict::get_str(d, name));
    }
    match ops::getitem(namespace, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if is_instance_of(e, T_KEY_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn namespace_set(namespace: GcRef, name: GcRef, value: Option<GcRef>) -> PyResult<()> {
    if let Some(d) = namespace.downcast::<PyDict>() {
        match value {
            Some(v) => dict::set_item(d, name, v)?,
            None => {
                dict::del_item(d, name)?;
            }
        }
        return Ok(());
    }
    match value {
        Some(v) => ops::setitem(namespace, name, v),
        None => ops::delitem(namespace, name),
    }
}

/// Delete `name`; false if it was not there.
pub fn namespace_delete(namespace: GcRef, name: GcRef) -> PyResult<bool> {
    if let Some(d) = namespace.downcast::<PyDict>() {
        return Ok(dict::del_item(d, name)?.is_some());
    }
    match ops::delitem(namespace, name) {
        Ok(()) => Ok(true),
        Err(e) if is_instance_of(e, T_KEY_ERROR) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `LOAD_METHOD`: a plain function found on the type (and not shadowed by the instance)
/// is returned unbound with the object as receiver, saving the bound method; anything
/// else is the attribute with no receiver.
pub fn load_method(object: GcRef, name: GcRef) -> PyResult<(GcRef, Option<GcRef>)> {
    let t = space::type_of(object);
    if t.flags() & typeobject::TYPE_CUSTOM_GETATTR == 0
        && !object.is::<PyType>()
        && !object.is::<PyWrapper>()
    {
        if let Some(attr) = lookup(t, name) {
            if descriptors::is_plain_method(attr) {
                let shadowed = match object.downcast::<PyInstance>() {
                    Some(_) => crate::objects::instance::get_own(object, name)?,
                    None if object.is::<PyModule>()
                        || object.is::<PyFunction>()
                        || object.is::<PyException>() =>
                    {
                        crate::objects::instance::get_own(object, name)?
                    }
                    None => None,
                };
                return match shadowed {
                    Some(value) => Ok((value, None)),
                    None => Ok((attr, Some(object))),
                };
            }
        }
    }
    Ok((ops::getattr(object, name)?, None))
}

/// `BUILD_STRING`: concatenate `count` strs from `items[start..]`.
pub fn join_strings(items: Gc<Items>, start: usize, count: usize) -> PyResult<GcRef> {
    let mut text = String::new();
    for i in start..start + count {
        pystr::with_str(items.get(i).expect("a str"), |s| text.push_str(s));
    }
    pystr::new_string(text)
}

pub fn list_extend(target: Gc<PyList>, iterable: GcRef) -> PyResult<()> {
    if let Some(t) = iterable.downcast::<Items>() {
        for i in 0..t.len() {
            list::append(target, t.get(i).expect("item"))?;
        }
        return Ok(());
    }
    let iterator = ops::iter(iterable)?;
    while let Some(item) = ops::next(iterator)? {
        list::append(target, item)?;
    }
    Ok(())
}

/// `{**other}`: copy a mapping's items (through `keys()` for non-dicts).
pub fn dict_update(target: Gc<PyDict>, other: GcRef) -> PyResult<()> {
    if let Some(d) = other.downcast::<PyDict>() {
        return dict::update(target, d);
    }
    let keys = ops::call_method(other, "keys", &[])?;
    let iterator = ops::iter(keys)?;
    while let Some(key) = ops::next(iterator)? {
        let value = ops::getitem(other, key)?;
        dict::set_item(target, key, value)?;
    }
    Ok(())
}

/// `f(**other)`: as `dict_update`, but a repeated key is an error naming the function.
pub fn dict_merge(target: Gc<PyDict>, other: GcRef, function: GcRef) -> PyResult<()> {
    if other.downcast::<PyDict>().is_none()
        && lookup(space::type_of(other), space::name(N::keys)).is_none()
    {
        return type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            ops::callable_description(function),
            type_name_of(other)
        ));
    }
    let before = dict::len(target);
    let incoming = dict::new_dict()?;
    dict_update(incoming, other)?;
    let mut position = 0;
    while let Some((key, value, next)) = dict::next_entry(incoming, position) {
        if dict::get_item(target, key)?.is_some() {
            let _ = before;
            return type_error(format!(
                "{} got multiple values for keyword argument '{}'",
                ops::callable_description(function),
                ops::str_string(key)?
            ));
        }
        dict::set_item(target, key, value)?;
        position = next;
    }
    Ok(())
}

fn not_iterable_for_unpack(sequence: GcRef) -> Gc<PyException> {
    new_exception(
        T_TYPE_ERROR,
        &format!(
            "cannot unpack non-iterable {} object",
            type_name_of(sequence)
        ),
    )
}

/// The items of `sequence` for unpacking, as an array and a count.
fn unpack_items(sequence: GcRef) -> PyResult<(Gc<Items>, usize)> {
    if let Some(t) = sequence.downcast::<Items>() {
        return Ok((t, t.len()));
    }
    if let Some(l) = sequence.downcast::<PyList>() {
        return Ok((l.items(), list::len(l)));
    }
    let iterator = match ops::iter(sequence) {
        Ok(it) => it,
        Err(e) if is_instance_of(e, T_TYPE_ERROR) => return Err(not_iterable_for_unpack(sequence)),
        Err(e) => return Err(e),
    };
    let l = list::new_list(0)?;
    while let Some(item) = ops::next(iterator)? {
        list::append(l, item)?;
    }
    Ok((l.items(), list::len(l)))
}

/// `UNPACK_SEQUENCE`: push the `count` items (the first ends on top) at `slots[sp..]`.
// Kept out of the eval loop: inlined there, it made go 6-10% slower.
#[inline(never)]
pub fn unpack(sequence: GcRef, count: usize, slots: Gc<Items>, sp: usize) -> PyResult<()> {
    let (items, n) = if sequence.is::<Items>() || sequence.is::<PyList>() {
        unpack_items(sequence)?
    } else {
        // Stop after one item too many, as CPython does (iterators may be endless).
        let iterator = match ops::iter(sequence) {
            Ok(it) => it,
            Err(e) if is_instance_of(e, T_TYPE_ERROR) => {
                return Err(not_iterable_for_unpack(sequence))
            }
            Err(e) => return Err(e),
        };
        let l = list::new_list(count + 1)?;
        while list::len(l) <= count {
            match ops::next(iterator)? {
                Some(item) => list::append(l, item)?,
                None => break,
            }
        }
        (l.items(), list::len(l))
    };
    if n < count {
        return value_error(format!(
            "not enough values to unpack (expected {count}, got {n})"
        ));
    }
    if n > count {
        return value_error(format!("too many values to unpack (expected {count})"));
    }
    // Through views: one check of each array, not two per item.
    slots.with_view(|targets| {
        items.with_view(|values| {
            for i in 0..count {
                targets.copy_from(sp + count - 1 - i, values, i);
            }
        })
    });
    Ok(())
}

/// `UNPACK_EX`: `before` items, a list of the middle, `after` items.
pub fn unpack_ex(
    sequence: GcRef,
    before: usize,
    after: usize,
    slots: Gc<Items>,
    sp: usize,
) -> PyResult<()> {
    let (items, n) = unpack_items(sequence)?;
    if n < before + after {
        return value_error(format!(
            "not enough values to unpack (expected at least {}, got {n})",
            before + after
        ));
    }
    let total = before + after + 1;
    // Pushed so that the first target's value is on top.
    let mut position = sp + total;
    for i in 0..before {
        position -= 1;
        slots.set(position, items.get(i));
    }
    let middle = list::from_array(items, before, n - before - after)?;
    position -= 1;
    slots.set(position, Some(middle.erase()));
    for i in n - after..n {
        position -= 1;
        slots.set(position, items.get(i));
    }
    Ok(())
}

/// `FORMAT_VALUE`: `conversion` 0 none, 1 str, 2 repr, 3 ascii; then `format(value, spec)`.
pub fn format_value(value: GcRef, conversion: usize, spec: Option<GcRef>) -> PyResult<GcRef> {
    let converted = match conversion {
        1 => ops::str_(value)?,
        2 => ops::repr(value)?,
        3 => crate::builtins::ascii_of(value)?,
        _ => value,
    };
    if spec.is_none() {
        if converted.is::<PyStr>() {
            return Ok(converted);
        }
        // `format(x, "")` of an exact int or float is `str(x)` (their `__format__` cannot
        // be replaced): no method lookup, bound method or call.
        if converted.is::<PyInt>() || converted.is::<PyFloat>() {
            return ops::str_(converted);
        }
    }
    let spec = match spec {
        Some(s) => s,
        None => pystr::new_str("")?,
    };
    crate::builtins::format::format(converted, spec)
}

/// Annotations given to `MAKE_FUNCTION` as a tuple of name, value pairs.
pub fn annotations_dict(pairs: GcRef) -> PyResult<GcRef> {
    if pairs.is::<PyDict>() {
        return Ok(pairs);
    }
    let d = dict::new_dict()?;
    let n = tuple::len(pairs);
    let mut i = 0;
    while i + 1 < n {
        dict::set_item(d, tuple::get(pairs, i), tuple::get(pairs, i + 1))?;
        i += 2;
    }
    Ok(d.erase())
}

/// `except types:` — whether the exception matches (checking `types` is valid).
pub fn exception_matches(e: GcRef, types: GcRef) -> PyResult<bool> {
    let valid = |t: GcRef| crate::objects::exception::is_exception_class(t);
    if let Some(tuple_types) = types.downcast::<Items>() {
        for i in 0..tuple_types.len() {
            if !valid(tuple_types.get(i).expect("item")) {
                return type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                );
            }
        }
    } else if !valid(types) {
        return type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        );
    }
    ops::isinstance(e, types)
}

/// `BEFORE_WITH`/`BEFORE_ASYNC_WITH`: the bound `__exit__` and what `__enter__` returned.
pub fn enter_context(manager: GcRef, asynchronous: bool) -> PyResult<(GcRef, GcRef)> {
    let t = space::type_of(manager);
    let (enter_name, exit_name) = if asynchronous {
        (N::aenter, N::aexit)
    } else {
        (N::enter, N::exit)
    };
    let protocol = if asynchronous {
        "asynchronous context manager"
    } else {
        "context manager"
    };
    let Some(enter) = lookup_name(t, enter_name) else {
        return type_error(format!(
            "'{}' object does not support the {protocol} protocol",
            type_name_of(manager)
        ));
    };
    let Some(exit) = lookup_name(t, exit_name) else {
        return type_error(format!(
            "'{}' object does not support the {protocol} protocol (missed __{}exit__ method)",
            type_name_of(manager),
            if asynchronous { "a" } else { "" }
        ));
    };
    let exit = descriptors::bind(exit, Some(manager), t)?;
    let entered = call::call_function(descriptors::bind(enter, Some(manager), t)?, &[])?;
    Ok((exit, entered))
}

/// `GET_AITER`: `__aiter__()`.
pub fn aiter(value: GcRef) -> PyResult<GcRef> {
    let t = space::type_of(value);
    let Some(method) = lookup_name(t, N::aiter) else {
        return type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            type_name_of(value)
        ));
    };
    call::call_function(descriptors::bind(method, Some(value), t)?, &[])
}

/// `GET_ANEXT`: the awaitable of `__anext__()`.
pub fn anext_awaitable(iterator: GcRef) -> PyResult<GcRef> {
    let t = space::type_of(iterator);
    let Some(method) = lookup_name(t, N::anext) else {
        return type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            type_name_of(iterator)
        ));
    };
    let awaitable = call::call_function(descriptors::bind(method, Some(iterator), t)?, &[])?;
    crate::runtime::generator::awaitable(awaitable)
}

/// `f(*args, **kwargs)`.
pub fn call_unpacked(function: GcRef, positional: GcRef, kwargs: Option<GcRef>) -> PyResult<GcRef> {
    let positional = match tuple::as_tuple(positional) {
        Some(t) if positional.is::<Items>() => t,
        _ => {
            let l = ops::collect_list(positional).map_err(|e| {
                if is_instance_of(e, T_TYPE_ERROR) && ops::iter(positional).is_err() {
                    new_exception(
                        T_TYPE_ERROR,
                        &format!(
                            "{} argument after * must be an iterable, not {}",
                            ops::callable_description(function),
                            type_name_of(positional)
                        ),
                    )
                } else {
                    e
                }
            })?;
            let t = tuple::from_array(l.items(), 0, list::len(l))?;
            t.downcast::<Items>().expect("a tuple")
        }
    };
    let n = positional.len();
    let Some(kwargs) = kwargs else {
        let items = new_items(n + 1)?;
        for i in 0..n {
            items.set(i + 1, positional.get(i));
        }
        return call::call_with_spare_slot(function, Args::new(items, 1, n, None));
    };
    let d = kwargs
        .downcast::<PyDict>()
        .expect("CALL_FUNCTION_EX gets a dict");
    let k = dict::len(d);
    let items = new_items(n + k + 1)?;
    for i in 0..n {
        items.set(i + 1, positional.get(i));
    }
    let names = new_items(k)?;
    let mut position = 0;
    let mut i = 0;
    while let Some((key, value, next)) = dict::next_entry(d, position) {
        if !key.is::<PyStr>() {
            return type_error("keywords must be strings");
        }
        names.set(i, Some(key));
        items.set(n + 1 + i, Some(value));
        i += 1;
        position = next;
    }
    let kwnames = if k == 0 { None } else { Some(names.erase()) };
    call::call_with_spare_slot(function, Args::new(items, 1, n + k, kwnames))
}

/// `raise`, `raise X`, `raise X from Y`: the exception to raise.
pub fn raise(slots: Gc<Items>, sp: usize, count: usize) -> PyResult<Gc<PyException>> {
    if count == 0 {
        return match space::handled().and_then(|h| h.downcast::<PyException>()) {
            Some(e) => Ok(e),
            None => runtime_error("No active exception to reraise"),
        };
    }
    let e = exception::from_raised(slots.get(sp).expect("a value"))?;
    if count == 2 {
        let cause = slots.get(sp + 1).expect("a value");
        if crate::objects::is_none(cause) {
            e.set_cause(None);
        } else if let Some(c) = cause.downcast::<PyException>() {
            e.set_cause(Some(c.erase()));
        } else if exception::is_exception_class(cause) {
            let c = exception::from_raised(cause)?;
            e.set_cause(Some(c.erase()));
        } else {
            return type_error("exception causes must derive from BaseException");
        }
        e.set_suppress_context(true);
    }
    Ok(e)
}

/// A `*iterable` in a call or display that is not iterable.
pub fn star_error(e: Gc<PyException>, iterable: GcRef) -> Gc<PyException> {
    if is_instance_of(e, T_TYPE_ERROR) && ops::iter(iterable).is_err() {
        return new_exception(
            T_TYPE_ERROR,
            &format!(
                "Value after * must be an iterable, not {}",
                type_name_of(iterable)
            ),
        );
    }
    e
}
