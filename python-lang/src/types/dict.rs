//! The methods of `dict` and of its views `dict_keys`, `dict_values` and `dict_items`
//! (a view is a `PyWrapper` of that kind whose `first` is the dict).

use ferrite::{Gc, GcRef};

use super::list::{
    arity, class_arg, for_class, no_args, no_args_lazy, one_arg, one_arg_lazy, positional,
    repr_enter, repr_leave, unhashable, wrong_receiver,
};
use super::set as set_ops;
use crate::builtins::registry::{self, class_method, method, static_method, Args, NativeDef};
use crate::compiler::bytecode::cmpop;
use crate::objects::dict::{self, as_dict};
use crate::objects::iterators::{builtin_iter, new_iterator};
use crate::objects::layout::*;
use crate::objects::set::{self, as_set};
use crate::objects::typeobject::{lookup_name, type_name_of, wrapper};
use crate::objects::{descriptors, list, new_int, new_tuple, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};

pub fn methods() -> Vec<NativeDef> {
    let mut defs = vec![
        static_method(T_DICT, "__new__", dict_new),
        method(T_DICT, "__init__", dict_init),
        method(T_DICT, "__repr__", dict_repr),
        method(T_DICT, "__len__", dict_len),
        method(T_DICT, "__getitem__", dict_getitem),
        method(T_DICT, "__setitem__", dict_setitem),
        method(T_DICT, "__delitem__", dict_delitem),
        method(T_DICT, "__contains__", dict_contains),
        method(T_DICT, "__iter__", dict_iter),
        method(T_DICT, "__reversed__", dict_reversed),
        method(T_DICT, "__eq__", dict_eq),
        method(T_DICT, "__ne__", dict_ne),
        method(T_DICT, "__or__", dict_or),
        method(T_DICT, "__ror__", dict_ror),
        method(T_DICT, "__ior__", dict_ior),
        method(T_DICT, "__hash__", unhashable),
        method(T_DICT, "keys", dict_keys),
        method(T_DICT, "values", dict_values),
        method(T_DICT, "items", dict_items),
        method(T_DICT, "get", dict_get),
        method(T_DICT, "setdefault", dict_setdefault),
        method(T_DICT, "pop", dict_pop),
        method(T_DICT, "popitem", dict_popitem),
        method(T_DICT, "update", dict_update),
        method(T_DICT, "clear", dict_clear),
        method(T_DICT, "copy", dict_copy),
        class_method(T_DICT, "fromkeys", dict_fromkeys),
    ];
    for kind in [T_DICT_KEYS, T_DICT_VALUES, T_DICT_ITEMS] {
        defs.extend([
            method(kind, "__len__", view_len),
            method(kind, "__iter__", view_iter),
            method(kind, "__reversed__", view_reversed),
            method(kind, "__repr__", view_repr),
            read_only(kind, "mapping", view_mapping),
        ]);
    }
    for kind in [T_DICT_KEYS, T_DICT_ITEMS] {
        defs.extend([
            method(kind, "__contains__", view_contains),
            method(kind, "__hash__", unhashable),
            method(kind, "__eq__", view_eq),
            method(kind, "__ne__", view_ne),
            method(kind, "__lt__", view_lt),
            method(kind, "__le__", view_le),
            method(kind, "__gt__", view_gt),
            method(kind, "__ge__", view_ge),
            method(kind, "__and__", view_and),
            method(kind, "__rand__", view_rand),
            method(kind, "__or__", view_or),
            method(kind, "__ror__", view_ror),
            method(kind, "__sub__", view_sub),
            method(kind, "__rsub__", view_rsub),
            method(kind, "__xor__", view_xor),
            method(kind, "__rxor__", view_rxor),
            method(kind, "isdisjoint", view_isdisjoint),
        ]);
    }
    defs
}

// ---- dict --------------------------------------------------------------------------------

/// The dict a method was called on (or the one a subclass instance holds).
fn this(args: &Args, name: &str) -> PyResult<Gc<PyDict>> {
    match as_dict(args.get(0)) {
        Some(d) => Ok(d),
        None => wrong_receiver(name, T_DICT, args.get(0)),
    }
}

fn dict_new(args: &Args) -> PyResult<GcRef> {
    let cls = class_arg(args, T_DICT)?;
    for_class(cls, T_DICT, dict::new_dict()?.erase())
}

fn dict_init(args: &Args) -> PyResult<GcRef> {
    let d = this(args, "__init__")?;
    arity("dict", args.len() - 1, 0, 1)?;
    update_common(d, args)?;
    Ok(space::none())
}

/// `dict(arg, **kwargs)` and `d.update(arg, **kwargs)`: the positional mapping or pairs,
/// then the keywords.
fn update_common(d: Gc<PyDict>, args: &Args) -> PyResult<()> {
    if let Some(arg) = args.get_opt(1) {
        update_arg(d, arg)?;
    }
    for i in 0..args.keyword_count() {
        let (name, value) = args.keyword_at(i);
        dict::set_item(d, name, value)?;
    }
    Ok(())
}

/// CPython's `dict_update_arg`: a dict merges, an object with `keys()` is read as a
/// mapping, anything else must be an iterable of pairs.
fn update_arg(d: Gc<PyDict>, arg: GcRef) -> PyResult<()> {
    if let Some(other) = arg.downcast::<PyDict>() {
        return dict::update(d, other);
    }
    let Some(keys) = ops::getattr_opt(arg, space::name(N::keys))? else {
        return merge_pairs(d, arg);
    };
    if let Some(other) = as_dict(arg) {
        // A subclass that keeps dict's iteration merges as a dict.
        if lookup_name(space::type_of(arg), N::iter).is_some_and(|m| m.is::<PyBuiltin>()) {
            return dict::update(d, other);
        }
    }
    let keys = call::call_function(keys, &[])?;
    let iterator = ops::iter(keys)?;
    while let Some(key) = ops::next(iterator)? {
        let value = ops::getitem(arg, key)?;
        dict::set_item(d, key, value)?;
    }
    Ok(())
}

/// Add the pairs an iterable yields (CPython's `PyDict_MergeFromSeq2`).
fn merge_pairs(d: Gc<PyDict>, iterable: GcRef) -> PyResult<()> {
    let iterator = ops::iter(iterable)?;
    let mut i = 0;
    while let Some(item) = ops::next(iterator)? {
        let pair = match tuple::as_tuple(item) {
            Some(t) => t,
            None => {
                let items = match ops::iter(item) {
                    Ok(it) => it,
                    Err(e) if is_instance_of(e, T_TYPE_ERROR) => {
                        return type_error(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        ))
                    }
                    Err(e) => return Err(e),
                };
                let l = ops::collect_list(items)?;
                list::snapshot(l)?
            }
        };
        if pair.len() != 2 {
            return value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            ));
        }
        dict::set_item(
            d,
            pair.get(0).expect("a key"),
            pair.get(1).expect("a value"),
        )?;
        i += 1;
    }
    Ok(())
}

fn dict_repr(args: &Args) -> PyResult<GcRef> {
    let d = this(args, "__repr__")?;
    if dict::len(d) == 0 {
        return pystr::new_str("{}");
    }
    let Some(depth) = repr_enter(d.erase()) else {
        return pystr::new_str("{...}");
    };
    let text = (|| -> PyResult<String> {
        let mut text = String::from("{");
        let mut position = 0;
        while let Some((k, v, next)) = dict::next_entry(d, position) {
            if position > 0 {
                text.push_str(", ");
            }
            text.push_str(&ops::repr_string(k)?);
            text.push_str(": ");
            text.push_str(&ops::repr_string(v)?);
            position = next;
        }
        text.push('}');
        Ok(text)
    })();
    repr_leave(depth);
    pystr::new_string(text?)
}

fn dict_len(args: &Args) -> PyResult<GcRef> {
    no_args(args, "dict.__len__")?;
    new_int(dict::len(this(args, "__len__")?) as i64)
}

fn dict_getitem(args: &Args) -> PyResult<GcRef> {
    let key = one_arg(args, "dict.__getitem__")?;
    let d = this(args, "__getitem__")?;
    if let Some(value) = dict::get_item(d, key)? {
        return Ok(value);
    }
    // Subclasses may supply missing keys.
    let receiver = args.get(0);
    if !receiver.is::<PyDict>() {
        let t = space::type_of(receiver);
        if let Some(missing) = lookup_name(t, N::missing) {
            let bound = descriptors::bind(missing, Some(receiver), t)?;
            return call::call_function(bound, &[key]);
        }
    }
    key_error(key)
}

fn dict_setitem(args: &Args) -> PyResult<GcRef> {
    let d = this(args, "__setitem__")?;
    if args.len() != 3 {
        return type_error(format!("expected 2 arguments, got {}", args.len() - 1));
    }
    dict::set_item(d, args.get(1), args.get(2))?;
    Ok(space::none())
}

fn dict_delitem(args: &Args) -> PyResult<GcRef> {
    let key = one_arg(args, "dict.__delitem__")?;
    if dict::del_item(this(args, "__delitem__")?, key)?.is_none() {
        return key_error(key);
    }
    Ok(space::none())
}

fn dict_contains(args: &Args) -> PyResult<GcRef> {
    let key = one_arg(args, "dict.__contains__")?;
    Ok(space::bool_(
        dict::get_item(this(args, "__contains__")?, key)?.is_some(),
    ))
}

fn dict_iter(args: &Args) -> PyResult<GcRef> {
    no_args(args, "dict.__iter__")?;
    let d = this(args, "__iter__")?;
    new_iterator(T_DICT_KEY_ITERATOR, d.erase(), None, 0, d.used(), 1)
}

/// An iterator over the keys, values or items (`kind`: the view type) from last to first.
/// There is no reverse dict iterator kind, so it walks a snapshot list backwards.
fn reversed_of(d: Gc<PyDict>, kind: usize) -> PyResult<GcRef> {
    let l = list::new_list(dict::len(d))?;
    let mut position = 0;
    while let Some((k, v, next)) = dict::next_entry(d, position) {
        let item = match kind {
            T_DICT_KEYS => k,
            T_DICT_VALUES => v,
            _ => new_tuple(&[k, v])?,
        };
        list::append(l, item)?;
        position = next;
    }
    new_iterator(
        T_LIST_REVERSEITERATOR,
        l.erase(),
        None,
        l.length() - 1,
        0,
        -1,
    )
}

fn dict_reversed(args: &Args) -> PyResult<GcRef> {
    no_args(args, "dict.__reversed__")?;
    reversed_of(this(args, "__reversed__")?, T_DICT_KEYS)
}

/// CPython's `dict_equal`: same length, and every key of `a` maps to an equal value in `b`.
fn equal(a: Gc<PyDict>, b: Gc<PyDict>) -> PyResult<bool> {
    if dict::len(a) != dict::len(b) {
        return Ok(false);
    }
    let items = dict::snapshot(a)?;
    for i in (0..items.len()).step_by(2) {
        let k = items.get(i).expect("key");
        let v = items.get(i + 1).expect("value");
        match dict::get_item(b, k)? {
            Some(other) if other == v || ops::eq(v, other)? => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

fn compare(args: &Args, op: u32) -> PyResult<GcRef> {
    let other = one_arg(args, "dict.__eq__")?;
    let d = this(args, "__eq__")?;
    match as_dict(other) {
        Some(o) => Ok(space::bool_(equal(d, o)? == (op == cmpop::EQ))),
        None => Ok(space::not_implemented()),
    }
}

fn dict_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::EQ)
}

fn dict_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::NE)
}

/// `left | right` for two dicts: a new dict (never a subclass) updated with `right`.
fn or(left: GcRef, right: GcRef) -> PyResult<GcRef> {
    match (as_dict(left), as_dict(right)) {
        (Some(l), Some(_)) => {
            let result = dict::copy(l)?;
            update_arg(result, right)?;
            Ok(result.erase())
        }
        _ => Ok(space::not_implemented()),
    }
}

fn dict_or(args: &Args) -> PyResult<GcRef> {
    let other = one_arg(args, "dict.__or__")?;
    or(args.get(0), other)
}

fn dict_ror(args: &Args) -> PyResult<GcRef> {
    let other = one_arg(args, "dict.__ror__")?;
    or(other, args.get(0))
}

fn dict_ior(args: &Args) -> PyResult<GcRef> {
    let other = one_arg(args, "dict.__ior__")?;
    update_arg(this(args, "__ior__")?, other)?;
    Ok(args.get(0))
}

fn view(args: &Args, kind: usize, name: &str) -> PyResult<GcRef> {
    no_args_lazy(args, || format!("dict.{name}"))?;
    wrapper(kind, Some(this(args, name)?.erase()), None)
}

fn dict_keys(args: &Args) -> PyResult<GcRef> {
    view(args, T_DICT_KEYS, "keys")
}

fn dict_values(args: &Args) -> PyResult<GcRef> {
    view(args, T_DICT_VALUES, "values")
}

fn dict_items(args: &Args) -> PyResult<GcRef> {
    view(args, T_DICT_ITEMS, "items")
}

fn dict_get(args: &Args) -> PyResult<GcRef> {
    positional(args, "dict.get", 1, 2)?;
    let d = this(args, "get")?;
    match dict::get_item(d, args.get(1))? {
        Some(v) => Ok(v),
        None => Ok(args.get_opt(2).unwrap_or_else(space::none)),
    }
}

fn dict_setdefault(args: &Args) -> PyResult<GcRef> {
    positional(args, "dict.setdefault", 1, 2)?;
    let d = this(args, "setdefault")?;
    let key = args.get(1);
    if let Some(v) = dict::get_item(d, key)? {
        return Ok(v);
    }
    let default = args.get_opt(2).unwrap_or_else(space::none);
    dict::set_item(d, key, default)?;
    Ok(default)
}

fn dict_pop(args: &Args) -> PyResult<GcRef> {
    positional(args, "dict.pop", 1, 2)?;
    let d = this(args, "pop")?;
    match dict::del_item(d, args.get(1))? {
        Some(v) => Ok(v),
        None => match args.get_opt(2) {
            Some(default) => Ok(default),
            None => key_error(args.get(1)),
        },
    }
}

fn dict_popitem(args: &Args) -> PyResult<GcRef> {
    no_args(args, "dict.popitem")?;
    match dict::pop_last(this(args, "popitem")?) {
        Some((k, v)) => new_tuple(&[k, v]),
        None => key_error(pystr::new_str("popitem(): dictionary is empty")?),
    }
}

fn dict_update(args: &Args) -> PyResult<GcRef> {
    let d = this(args, "update")?;
    arity("update", args.len() - 1, 0, 1)?;
    update_common(d, args)?;
    Ok(space::none())
}

fn dict_clear(args: &Args) -> PyResult<GcRef> {
    no_args(args, "dict.clear")?;
    dict::clear(this(args, "clear")?)?;
    Ok(space::none())
}

fn dict_copy(args: &Args) -> PyResult<GcRef> {
    no_args(args, "dict.copy")?;
    Ok(dict::copy(this(args, "copy")?)?.erase())
}

fn dict_fromkeys(args: &Args) -> PyResult<GcRef> {
    positional(args, "dict.fromkeys", 1, 2)?;
    let cls = args.get(0);
    let value = args.get_opt(2).unwrap_or_else(space::none);
    let d = call::call_function(cls, &[])?;
    let iterator = ops::iter(args.get(1))?;
    while let Some(key) = ops::next(iterator)? {
        match d.downcast::<PyDict>() {
            Some(plain) => dict::set_item(plain, key, value)?,
            None => ops::setitem(d, key, value)?,
        }
    }
    Ok(d)
}

// ---- views -------------------------------------------------------------------------------

/// The dict of the view a method was called on.
fn view_dict(object: GcRef) -> PyResult<Gc<PyDict>> {
    match object
        .downcast::<PyWrapper>()
        .and_then(|w| w.first())
        .and_then(|d| d.downcast::<PyDict>())
    {
        Some(d) => Ok(d),
        None => type_error(format!(
            "descriptor requires a dict view, not a '{}' object",
            type_name_of(object)
        )),
    }
}

fn view_kind(object: GcRef) -> Option<usize> {
    let kind = object.downcast::<PyWrapper>()?.kind() as usize;
    [T_DICT_KEYS, T_DICT_VALUES, T_DICT_ITEMS]
        .contains(&kind)
        .then_some(kind)
}

/// Keys and items views behave as sets.
fn is_set_view(object: GcRef) -> bool {
    matches!(view_kind(object), Some(T_DICT_KEYS | T_DICT_ITEMS))
}

fn read_only(kind: usize, name: &'static str, getter: registry::NativeFn) -> NativeDef {
    registry::property(kind, name, getter, None)
}

/// `view.mapping`: a read-only proxy of the dict.
fn view_mapping(args: &Args) -> PyResult<GcRef> {
    wrapper(T_MAPPING_PROXY, Some(view_dict(args.get(0))?.erase()), None)
}

fn view_len(args: &Args) -> PyResult<GcRef> {
    new_int(dict::len(view_dict(args.get(0))?) as i64)
}

fn view_iter(args: &Args) -> PyResult<GcRef> {
    view_dict(args.get(0))?;
    Ok(builtin_iter(args.get(0))?.expect("a dict view is iterable"))
}

fn view_reversed(args: &Args) -> PyResult<GcRef> {
    let d = view_dict(args.get(0))?;
    reversed_of(d, view_kind(args.get(0)).expect("a view"))
}

fn view_repr(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    view_dict(object)?;
    let name = type_name_of(object);
    let Some(depth) = repr_enter(object) else {
        return pystr::new_str("...");
    };
    let text = ops::collect_list(object).and_then(|l| ops::repr_string(l.erase()));
    repr_leave(depth);
    pystr::new_string(format!("{name}({})", text?))
}

/// `item in view` for a keys or items view.
fn contains(view: GcRef, item: GcRef) -> PyResult<bool> {
    let d = view_dict(view)?;
    if view_kind(view) == Some(T_DICT_KEYS) {
        return Ok(dict::get_item(d, item)?.is_some());
    }
    let Some(pair) = tuple::as_tuple(item).filter(|t| t.len() == 2) else {
        return Ok(false);
    };
    let (key, value) = (pair.get(0).expect("key"), pair.get(1).expect("value"));
    match dict::get_item(d, key)? {
        Some(found) => Ok(found == value || ops::eq(found, value)?),
        None => Ok(false),
    }
}

fn view_contains(args: &Args) -> PyResult<GcRef> {
    let item = one_arg_lazy(args, || {
        format!("{}.__contains__", type_name_of(args.get(0)))
    })?;
    Ok(space::bool_(contains(args.get(0), item)?))
}

/// Whether every item of `a` is in `b`.
fn all_contained_in(a: GcRef, b: GcRef) -> PyResult<bool> {
    let iterator = ops::iter(a)?;
    while let Some(item) = ops::next(iterator)? {
        if !ops::contains(b, item)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// CPython's `dictview_richcompare`: as sets, against sets and other set-like views.
fn view_compare(args: &Args, op: u32) -> PyResult<GcRef> {
    let this = args.get(0);
    let other = one_arg_lazy(args, || format!("{}.__eq__", type_name_of(this)))?;
    if as_set(other).is_none() && !is_set_view(other) {
        return Ok(space::not_implemented());
    }
    let (n, m) = (ops::len(this)?, ops::len(other)?);
    let result = match op {
        cmpop::EQ | cmpop::NE => (n == m && all_contained_in(this, other)?) == (op == cmpop::EQ),
        cmpop::LT => n < m && all_contained_in(this, other)?,
        cmpop::LE => n <= m && all_contained_in(this, other)?,
        cmpop::GT => n > m && all_contained_in(other, this)?,
        _ => n >= m && all_contained_in(other, this)?,
    };
    Ok(space::bool_(result))
}

fn view_eq(args: &Args) -> PyResult<GcRef> {
    view_compare(args, cmpop::EQ)
}

fn view_ne(args: &Args) -> PyResult<GcRef> {
    view_compare(args, cmpop::NE)
}

fn view_lt(args: &Args) -> PyResult<GcRef> {
    view_compare(args, cmpop::LT)
}

fn view_le(args: &Args) -> PyResult<GcRef> {
    view_compare(args, cmpop::LE)
}

fn view_gt(args: &Args) -> PyResult<GcRef> {
    view_compare(args, cmpop::GT)
}

fn view_ge(args: &Args) -> PyResult<GcRef> {
    view_compare(args, cmpop::GE)
}

/// A set of what `object` yields; a keys view is read straight from its dict.
fn to_set(object: GcRef) -> PyResult<Gc<PySet>> {
    if view_kind(object) == Some(T_DICT_KEYS) {
        return set_ops::make_set(false, Some(view_dict(object)?.erase()));
    }
    set_ops::make_set(false, Some(object))
}

/// CPython's `_PyDictView_Intersect` (either operand may be the view).
fn intersect(mut this: GcRef, mut other: GcRef) -> PyResult<GcRef> {
    if !is_set_view(this) {
        std::mem::swap(&mut this, &mut other);
    }
    let n = ops::len(this)?;
    if let Some(s) = other.downcast::<PySet>().filter(|s| !s.frozen()) {
        if n as usize <= set::len(s) {
            return Ok(set_ops::intersection(s, this)?.erase());
        }
    }
    if is_set_view(other) && ops::len(other)? > n {
        std::mem::swap(&mut this, &mut other);
    }
    let result = set::new_set(false)?;
    let iterator = ops::iter(other)?;
    while let Some(item) = ops::next(iterator)? {
        if contains(this, item)? {
            set::add(result, item)?;
        }
    }
    Ok(result.erase())
}

fn union(left: GcRef, right: GcRef) -> PyResult<GcRef> {
    let result = to_set(left)?;
    crate::objects::set::update(result, right)?;
    Ok(result.erase())
}

fn difference(left: GcRef, right: GcRef) -> PyResult<GcRef> {
    let result = to_set(left)?;
    set_ops::difference_update(result, right)?;
    Ok(result.erase())
}

fn symmetric_difference(left: GcRef, right: GcRef) -> PyResult<GcRef> {
    if view_kind(left) == Some(T_DICT_ITEMS) && view_kind(right) == Some(T_DICT_ITEMS) {
        return items_symmetric_difference(view_dict(left)?, view_dict(right)?);
    }
    let result = to_set(left)?;
    set_ops::symmetric_difference_update(result, right)?;
    Ok(result.erase())
}

/// CPython's `dictitems_xor`: the pairs of `b` not equal in `a`, then those left of `a`.
fn items_symmetric_difference(a: Gc<PyDict>, b: Gc<PyDict>) -> PyResult<GcRef> {
    let remaining = dict::copy(a)?;
    let result = set::new_set(false)?;
    let items = dict::snapshot(b)?;
    for i in (0..items.len()).step_by(2) {
        let k = items.get(i).expect("key");
        let v = items.get(i + 1).expect("value");
        let same = match dict::get_item(remaining, k)? {
            Some(mine) => mine == v || ops::eq(mine, v)?,
            None => false,
        };
        if same {
            dict::del_item(remaining, k)?;
        } else {
            set::add(result, new_tuple(&[k, v])?)?;
        }
    }
    let rest = wrapper(T_DICT_ITEMS, Some(remaining.erase()), None)?;
    crate::objects::set::update(result, rest)?;
    Ok(result.erase())
}

/// A view operator: `f(view, other)`, or `f(other, view)` for the reflected form.
fn view_operator(
    args: &Args,
    reflected: bool,
    f: fn(GcRef, GcRef) -> PyResult<GcRef>,
) -> PyResult<GcRef> {
    let other = one_arg_lazy(args, || format!("{}.__or__", type_name_of(args.get(0))))?;
    if reflected {
        f(other, args.get(0))
    } else {
        f(args.get(0), other)
    }
}

fn view_and(args: &Args) -> PyResult<GcRef> {
    view_operator(args, false, intersect)
}

fn view_rand(args: &Args) -> PyResult<GcRef> {
    view_operator(args, true, intersect)
}

fn view_or(args: &Args) -> PyResult<GcRef> {
    view_operator(args, false, union)
}

fn view_ror(args: &Args) -> PyResult<GcRef> {
    view_operator(args, true, union)
}

fn view_sub(args: &Args) -> PyResult<GcRef> {
    view_operator(args, false, difference)
}

fn view_rsub(args: &Args) -> PyResult<GcRef> {
    view_operator(args, true, difference)
}

fn view_xor(args: &Args) -> PyResult<GcRef> {
    view_operator(args, false, symmetric_difference)
}

fn view_rxor(args: &Args) -> PyResult<GcRef> {
    view_operator(args, true, symmetric_difference)
}

fn view_isdisjoint(args: &Args) -> PyResult<GcRef> {
    let mut this = args.get(0);
    let mut other = one_arg_lazy(args, || format!("{}.isdisjoint", type_name_of(this)))?;
    if this == other {
        return Ok(space::bool_(ops::len(this)? == 0));
    }
    // Walk the smaller one when both have cheap membership.
    if (as_set(other).is_some() || is_set_view(other)) && ops::len(other)? > ops::len(this)? {
        std::mem::swap(&mut this, &mut other);
    }
    let iterator = ops::iter(other)?;
    while let Some(item) = ops::next(iterator)? {
        if ops::contains(this, item)? {
            return Ok(space::bool_(false));
        }
    }
    Ok(space::bool_(true))
}
