//! The methods of `list`, and the argument checks and repr recursion guard the other
//! container types share (`one_arg`, `positional`, `repr_enter`, …).

use std::cell::RefCell;

use ferrite::{Gc, GcRef, RootVec};

use crate::builtins::registry::{method, static_method, Args, NativeDef};
use crate::compiler::bytecode::cmpop;
use crate::objects::int::IntValue;
use crate::objects::iterators::new_iterator;
use crate::objects::layout::*;
use crate::objects::list::{self, as_list};
use crate::objects::typeobject::{self, type_name, type_name_of};
use crate::objects::{instance, new_int, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::ops;
use crate::runtime::space::{self, *};

// ---- shared by the container types ---------------------------------------------------------

/// CPython's check for a method taking one argument (`METH_O`); returns the argument.
pub(super) fn one_arg(args: &Args, qualname: &str) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error(format!("{qualname}() takes no keyword arguments"));
    }
    let n = args.len().saturating_sub(1);
    if n != 1 {
        return type_error(format!(
            "{qualname}() takes exactly one argument ({n} given)"
        ));
    }
    Ok(args.get(1))
}

/// `one_arg` with the qualified name made only for the error message (formatting it on
/// every call showed in profiles).
pub(super) fn one_arg_lazy(args: &Args, qualname: impl FnOnce() -> String) -> PyResult<GcRef> {
    if args.keyword_count() == 0 && args.len() == 2 {
        return Ok(args.get(1));
    }
    one_arg(args, &qualname())
}

/// `no_args` with the qualified name made only for the error message.
pub(super) fn no_args_lazy(args: &Args, qualname: impl FnOnce() -> String) -> PyResult<()> {
    if args.keyword_count() == 0 && args.len() == 1 {
        return Ok(());
    }
    no_args(args, &qualname())
}

/// CPython's check for a method taking no arguments (`METH_NOARGS`).
pub(super) fn no_args(args: &Args, qualname: &str) -> PyResult<()> {
    if args.keyword_count() > 0 {
        return type_error(format!("{qualname}() takes no keyword arguments"));
    }
    let n = args.len().saturating_sub(1);
    if n != 0 {
        return type_error(format!("{qualname}() takes no arguments ({n} given)"));
    }
    Ok(())
}

/// Argument Clinic's positional check (`insert expected 2 arguments, got 1`): `min..=max`
/// arguments after the receiver, no keywords. `qualname` is `type.method`.
pub(super) fn positional(args: &Args, qualname: &str, min: usize, max: usize) -> PyResult<()> {
    if args.keyword_count() > 0 {
        return type_error(format!("{qualname}() takes no keyword arguments"));
    }
    let short = qualname.rsplit('.').next().unwrap_or(qualname);
    arity(short, args.len().saturating_sub(1), min, max)
}

/// `name expected at most 1 argument, got 2` and its variants, for `n` arguments.
pub(super) fn arity(name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        let at_least = if min == max { "" } else { "at least " };
        return type_error(format!(
            "{name} expected {at_least}{min} argument{}, got {n}",
            plural(min)
        ));
    }
    if n > max {
        let at_most = if min == max { "" } else { "at most " };
        return type_error(format!(
            "{name} expected {at_most}{max} argument{}, got {n}",
            plural(max)
        ));
    }
    Ok(())
}

/// An index argument as a C `Py_ssize_t` (`__index__`, OverflowError beyond a word).
pub(super) fn ssize(value: GcRef) -> PyResult<i64> {
    match ops::index_int(value)? {
        IntValue::Small(v) => Ok(v),
        IntValue::Big(_) => overflow_error("Python int too large to convert to C ssize_t"),
    }
}

/// An index argument clamped to a word, as CPython's `_PyEval_SliceIndex` does.
pub(super) fn slice_index(value: GcRef) -> PyResult<i64> {
    use num_traits::Signed;
    let has_index = crate::objects::int::is_int(value)
        || typeobject::lookup_name(space::type_of(value), crate::runtime::names::N::index)
            .is_some();
    if !has_index {
        return type_error("slice indices must be integers or have an __index__ method");
    }
    Ok(match ops::index_int(value)? {
        IntValue::Small(v) => v,
        IntValue::Big(b) if b.is_negative() => i64::MIN,
        IntValue::Big(_) => i64::MAX,
    })
}

/// `start`/`stop` arguments of `index()` resolved against a length (negative from the end).
pub(super) fn index_bounds(args: &Args, first: usize, length: usize) -> PyResult<(usize, usize)> {
    let resolve = |value: Option<GcRef>, default: usize| -> PyResult<usize> {
        match value {
            None => Ok(default),
            Some(v) => {
                let i = slice_index(v)?;
                let i = if i < 0 {
                    (i.saturating_add(length as i64)).max(0)
                } else {
                    i
                };
                Ok(i.min(length as i64) as usize)
            }
        }
    };
    let start = resolve(args.get_opt(first), 0)?;
    let stop = resolve(args.get_opt(first + 1), length)?;
    Ok((start, stop))
}

/// The class argument of a `__new__`, checked to be a subtype of the built-in `index`.
pub(super) fn class_arg(args: &Args, index: usize) -> PyResult<Gc<PyType>> {
    let name = type_name(space::builtin_type(index));
    let Some(cls) = args.get_opt(0).and_then(|c| c.downcast::<PyType>()) else {
        let what = args.get_opt(0).map_or("NULL".to_string(), type_name_of);
        return type_error(format!(
            "{name}.__new__(X): X is not a type object ({what})"
        ));
    };
    if !typeobject::is_subtype(cls, space::builtin_type(index)) {
        return type_error(format!(
            "{name}.__new__({}): {} is not a subtype of {name}",
            type_name(cls),
            type_name(cls)
        ));
    }
    Ok(cls)
}

/// The built-in `value` itself for the built-in class, else an instance of the subclass
/// holding it.
pub(super) fn for_class(cls: Gc<PyType>, index: usize, value: GcRef) -> PyResult<GcRef> {
    if cls == space::builtin_type(index) {
        return Ok(value);
    }
    let i = instance::new_instance(cls)?;
    i.set_base(Some(value));
    Ok(i.erase())
}

/// `TypeError: unhashable type: 'T'`, the `__hash__` of mutable containers.
pub(super) fn unhashable(args: &Args) -> PyResult<GcRef> {
    type_error(format!("unhashable type: '{}'", type_name_of(args.get(0))))
}

/// The error for a method called on an object of the wrong type (`list.append(1, 2)`).
pub(super) fn wrong_receiver<T>(name: &str, index: usize, object: GcRef) -> PyResult<T> {
    type_error(format!(
        "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
        type_name(space::builtin_type(index)),
        type_name_of(object)
    ))
}

thread_local! {
    /// The containers whose repr is being built (CPython's `Py_ReprEnter`), rooted so
    /// they are recognised after the collector moves them.
    static REPR_ACTIVE: RefCell<RootVec<GcRef>> = RefCell::new(RootVec::new());
}

/// Start the repr of `object`: its depth in the guard stack, or None if its repr is
/// already being built (a recursive container).
pub(super) fn repr_enter(object: GcRef) -> Option<usize> {
    REPR_ACTIVE.with(|active| {
        let active = active.borrow_mut();
        if (0..active.len()).any(|i| active.get(i) == object) {
            return None;
        }
        active.push(object);
        Some(active.len() - 1)
    })
}

pub(super) fn repr_leave(depth: usize) {
    REPR_ACTIVE.with(|active| active.borrow_mut().truncate(depth));
}

/// `open + ", ".join(repr(item)) + close` over the `count()` items `item(i)` gives, which
/// may change while the reprs run (both are asked again each step).
pub(super) fn repr_items(
    open: &str,
    close: &str,
    count: impl Fn() -> usize,
    item: impl Fn(usize) -> GcRef,
) -> PyResult<String> {
    let mut text = String::from(open);
    let mut i = 0;
    while i < count() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(&ops::repr_string(item(i))?);
        i += 1;
    }
    text.push_str(close);
    Ok(text)
}

/// A rich comparison of two item arrays, or NotImplemented when `other` is not of the
/// same kind.
pub(super) fn compare_items(x: Gc<Items>, y: Option<Gc<Items>>, op: u32) -> PyResult<GcRef> {
    match y {
        Some(y) => ops::sequence_compare(x, 0, x.len(), y, 0, y.len(), op),
        None => Ok(space::not_implemented()),
    }
}

// ---- list ------------------------------------------------------------------------------------

pub fn methods() -> Vec<NativeDef> {
    vec![
        static_method(T_LIST, "__new__", list_new),
        method(T_LIST, "__init__", list_init),
        method(T_LIST, "__repr__", list_repr),
        method(T_LIST, "__len__", list_len),
        method(T_LIST, "__getitem__", list_getitem),
        method(T_LIST, "__setitem__", list_setitem),
        method(T_LIST, "__delitem__", list_delitem),
        method(T_LIST, "__contains__", list_contains),
        method(T_LIST, "__iter__", list_iter),
        method(T_LIST, "__reversed__", list_reversed),
        method(T_LIST, "__eq__", list_eq),
        method(T_LIST, "__ne__", list_ne),
        method(T_LIST, "__lt__", list_lt),
        method(T_LIST, "__le__", list_le),
        method(T_LIST, "__gt__", list_gt),
        method(T_LIST, "__ge__", list_ge),
        method(T_LIST, "__add__", list_add),
        method(T_LIST, "__iadd__", list_iadd),
        method(T_LIST, "__mul__", list_mul),
        method(T_LIST, "__rmul__", list_mul),
        method(T_LIST, "__imul__", list_imul),
        method(T_LIST, "__hash__", unhashable),
        method(T_LIST, "append", list_append),
        method(T_LIST, "extend", list_extend),
        method(T_LIST, "insert", list_insert),
        method(T_LIST, "pop", list_pop),
        method(T_LIST, "remove", list_remove),
        method(T_LIST, "index", list_index),
        method(T_LIST, "count", list_count),
        method(T_LIST, "clear", list_clear),
        method(T_LIST, "copy", list_copy),
        method(T_LIST, "reverse", list_reverse),
        method(T_LIST, "sort", list_sort),
    ]
}

/// The list a method was called on (the receiver, or the list a subclass instance holds).
fn this(args: &Args, name: &str) -> PyResult<Gc<PyList>> {
    match as_list(args.get(0)) {
        Some(l) => Ok(l),
        None => wrong_receiver(name, T_LIST, args.get(0)),
    }
}

fn list_new(args: &Args) -> PyResult<GcRef> {
    let cls = class_arg(args, T_LIST)?;
    let l = list::new_list(0)?;
    for_class(cls, T_LIST, l.erase())
}

fn list_init(args: &Args) -> PyResult<GcRef> {
    let l = this(args, "__init__")?;
    if args.keyword_count() > 0 {
        return type_error("list() takes no keyword arguments");
    }
    arity("list", args.len() - 1, 0, 1)?;
    // `__init__` on a filled list starts over, as CPython's does.
    clear(l)?;
    if let Some(iterable) = args.get_opt(1) {
        extend(l, iterable)?;
    }
    Ok(space::none())
}

fn clear(l: Gc<PyList>) -> PyResult<()> {
    l.set_items(crate::objects::new_items(4)?);
    l.set_length(0);
    Ok(())
}

/// Append every item of `iterable` (a snapshot first when it is a list or tuple, so
/// `l.extend(l)` doubles the list).
pub(super) fn extend(l: Gc<PyList>, iterable: GcRef) -> PyResult<()> {
    let snapshot = match (as_list(iterable), tuple::as_tuple(iterable)) {
        (Some(other), _) => Some(list::snapshot(other)?),
        (None, Some(t)) => Some(t),
        _ => None,
    };
    if let Some(items) = snapshot {
        for i in 0..items.len() {
            list::append(l, items.get(i).expect("item"))?;
        }
        return Ok(());
    }
    let iterator = ops::iter(iterable)?;
    while let Some(item) = ops::next(iterator)? {
        list::append(l, item)?;
    }
    Ok(())
}

fn list_repr(args: &Args) -> PyResult<GcRef> {
    let l = this(args, "__repr__")?;
    if list::len(l) == 0 {
        return pystr::new_str("[]");
    }
    let Some(depth) = repr_enter(l.erase()) else {
        return pystr::new_str("[...]");
    };
    let text = repr_items("[", "]", || list::len(l), |i| list::get(l, i));
    repr_leave(depth);
    pystr::new_string(text?)
}

fn list_len(args: &Args) -> PyResult<GcRef> {
    no_args(args, "list.__len__")?;
    new_int(list::len(this(args, "__len__")?) as i64)
}

fn list_getitem(args: &Args) -> PyResult<GcRef> {
    let index = one_arg(args, "list.__getitem__")?;
    ops::getitem(this(args, "__getitem__")?.erase(), index)
}

fn list_setitem(args: &Args) -> PyResult<GcRef> {
    let l = this(args, "__setitem__")?;
    if args.len() != 3 {
        return type_error(format!("expected 2 arguments, got {}", args.len() - 1));
    }
    let mut value = args.get(2);
    if args.get(1).is::<PySlice>() {
        // Collected here so a non-iterable gets CPython's message.
        let iterator = match ops::iter(value) {
            Ok(it) => it,
            Err(e) if is_instance_of(e, T_TYPE_ERROR) => {
                return type_error("can only assign an iterable")
            }
            Err(e) => return Err(e),
        };
        let items = list::new_list(0)?;
        while let Some(item) = ops::next(iterator)? {
            list::append(items, item)?;
        }
        value = items.erase();
    }
    ops::setitem(l.erase(), args.get(1), value)?;
    Ok(space::none())
}

fn list_delitem(args: &Args) -> PyResult<GcRef> {
    let index = one_arg(args, "list.__delitem__")?;
    ops::delitem(this(args, "__delitem__")?.erase(), index)?;
    Ok(space::none())
}

fn list_contains(args: &Args) -> PyResult<GcRef> {
    let item = one_arg(args, "list.__contains__")?;
    let l = this(args, "__contains__")?;
    Ok(space::bool_(find(l, item, 0, usize::MAX)?.is_some()))
}

/// The first index in `start..stop` whose item equals `item` (the list may change while
/// comparing, so its length is read each step).
fn find(l: Gc<PyList>, item: GcRef, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop && i < list::len(l) {
        let x = list::get(l, i);
        if x == item || ops::eq(x, item)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn list_iter(args: &Args) -> PyResult<GcRef> {
    no_args(args, "list.__iter__")?;
    let l = this(args, "__iter__")?;
    new_iterator(T_LIST_ITERATOR, l.erase(), None, 0, 0, 1)
}

fn list_reversed(args: &Args) -> PyResult<GcRef> {
    no_args(args, "list.__reversed__")?;
    let l = this(args, "__reversed__")?;
    new_iterator(
        T_LIST_REVERSEITERATOR,
        l.erase(),
        None,
        l.length() - 1,
        0,
        -1,
    )
}

fn compare(args: &Args, op: u32) -> PyResult<GcRef> {
    let other = one_arg(args, "list.__eq__")?;
    let l = this(args, "__eq__")?;
    let mine = list::snapshot(l)?;
    let theirs = match as_list(other) {
        Some(o) => Some(list::snapshot(o)?),
        None => None,
    };
    compare_items(mine, theirs, op)
}

fn list_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::EQ)
}

fn list_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::NE)
}

fn list_lt(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::LT)
}

fn list_le(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::LE)
}

fn list_gt(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::GT)
}

fn list_ge(args: &Args) -> PyResult<GcRef> {
    compare(args, cmpop::GE)
}

fn list_add(args: &Args) -> PyResult<GcRef> {
    let other = one_arg(args, "list.__add__")?;
    let l = this(args, "__add__")?;
    let Some(o) = as_list(other) else {
        return type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            type_name_of(other)
        ));
    };
    let (xs, ys) = (list::snapshot(l)?, list::snapshot(o)?);
    let result = list::new_list(xs.len() + ys.len())?;
    for items in [xs, ys] {
        for i in 0..items.len() {
            list::append(result, items.get(i).expect("item"))?;
        }
    }
    Ok(result.erase())
}

fn list_iadd(args: &Args) -> PyResult<GcRef> {
    let other = one_arg(args, "list.__iadd__")?;
    extend(this(args, "__iadd__")?, other)?;
    Ok(args.get(0))
}

/// The items of `items` repeated `count` times, appended to `target`.
fn append_repeated(target: Gc<PyList>, items: Gc<Items>, count: i64) -> PyResult<()> {
    if count <= 0 || items.is_empty() {
        return Ok(());
    }
    if (items.len() as u128) * (count as u128) > (isize::MAX as u128) / 8 {
        return Err(space::memory_error());
    }
    for _ in 0..count {
        for i in 0..items.len() {
            list::append(target, items.get(i).expect("item"))?;
        }
    }
    Ok(())
}

fn list_mul(args: &Args) -> PyResult<GcRef> {
    let count = one_arg(args, "list.__mul__")?;
    let l = this(args, "__mul__")?;
    let n = ssize(count)?;
    let items = list::snapshot(l)?;
    let result = list::new_list(0)?;
    append_repeated(result, items, n)?;
    Ok(result.erase())
}

fn list_imul(args: &Args) -> PyResult<GcRef> {
    let count = one_arg(args, "list.__imul__")?;
    let l = this(args, "__imul__")?;
    let n = ssize(count)?;
    let items = list::snapshot(l)?;
    if n <= 0 {
        clear(l)?;
    } else {
        append_repeated(l, items, n - 1)?;
    }
    Ok(args.get(0))
}

fn list_append(args: &Args) -> PyResult<GcRef> {
    let item = one_arg(args, "list.append")?;
    list::append(this(args, "append")?, item)?;
    Ok(space::none())
}

fn list_extend(args: &Args) -> PyResult<GcRef> {
    let iterable = one_arg(args, "list.extend")?;
    extend(this(args, "extend")?, iterable)?;
    Ok(space::none())
}

fn list_insert(args: &Args) -> PyResult<GcRef> {
    positional(args, "list.insert", 2, 2)?;
    let l = this(args, "insert")?;
    let n = list::len(l) as i64;
    let mut i = ssize(args.get(1))?;
    if i < 0 {
        i = (i + n).max(0);
    }
    list::insert(l, i.min(n) as usize, args.get(2))?;
    Ok(space::none())
}

fn list_pop(args: &Args) -> PyResult<GcRef> {
    positional(args, "list.pop", 0, 1)?;
    let l = this(args, "pop")?;
    let i = match args.get_opt(1) {
        Some(index) => ssize(index)?,
        None => -1,
    };
    let n = list::len(l) as i64;
    if n == 0 {
        return index_error("pop from empty list");
    }
    let i = if i < 0 { i + n } else { i };
    if i < 0 || i >= n {
        return index_error("pop index out of range");
    }
    Ok(list::remove_at(l, i as usize))
}

fn list_remove(args: &Args) -> PyResult<GcRef> {
    let item = one_arg(args, "list.remove")?;
    let l = this(args, "remove")?;
    match find(l, item, 0, usize::MAX)? {
        Some(i) => {
            list::remove_at(l, i);
            Ok(space::none())
        }
        None => value_error("list.remove(x): x not in list"),
    }
}

fn list_index(args: &Args) -> PyResult<GcRef> {
    positional(args, "list.index", 1, 3)?;
    let l = this(args, "index")?;
    let item = args.get(1);
    let (start, stop) = index_bounds(args, 2, list::len(l))?;
    match find(l, item, start, stop)? {
        Some(i) => new_int(i as i64),
        None => value_error(format!("{} is not in list", ops::repr_string(item)?)),
    }
}

fn list_count(args: &Args) -> PyResult<GcRef> {
    let item = one_arg(args, "list.count")?;
    let l = this(args, "count")?;
    let mut count = 0;
    let mut i = 0;
    while i < list::len(l) {
        let x = list::get(l, i);
        if x == item || ops::eq(x, item)? {
            count += 1;
        }
        i += 1;
    }
    new_int(count)
}

fn list_clear(args: &Args) -> PyResult<GcRef> {
    no_args(args, "list.clear")?;
    clear(this(args, "clear")?)?;
    Ok(space::none())
}

fn list_copy(args: &Args) -> PyResult<GcRef> {
    no_args(args, "list.copy")?;
    let l = this(args, "copy")?;
    Ok(list::from_array(l.items(), 0, list::len(l))?.erase())
}

fn list_reverse(args: &Args) -> PyResult<GcRef> {
    no_args(args, "list.reverse")?;
    let l = this(args, "reverse")?;
    let n = list::len(l);
    let items = l.items();
    for i in 0..n / 2 {
        let (a, b) = (items.get(i), items.get(n - 1 - i));
        items.set(i, b);
        items.set(n - 1 - i, a);
    }
    Ok(space::none())
}

fn list_sort(args: &Args) -> PyResult<GcRef> {
    let l = this(args, "sort")?;
    if args.len() > 1 {
        return type_error("sort() takes no positional arguments");
    }
    for i in 0..args.keyword_count() {
        let (name, _) = args.keyword_at(i);
        if !pystr::eq_text(name, "key") && !pystr::eq_text(name, "reverse") {
            return type_error(format!(
                "'{}' is an invalid keyword argument for sort()",
                pystr::to_string(name)
            ));
        }
    }
    let key = args.keyword("key").filter(|k| !crate::objects::is_none(*k));
    let reverse = match args.keyword("reverse") {
        None => false,
        Some(r) => match crate::objects::int::int_value(r) {
            Some(IntValue::Small(v)) => v != 0,
            Some(IntValue::Big(_)) => {
                return overflow_error("Python int too large to convert to C int")
            }
            None => {
                return type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name_of(r)
                ))
            }
        },
    };
    // As CPython: the list is empty while it sorts (the key function and comparisons
    // see `[]`); whatever they add is dropped and reported once the sorted items are back.
    let n = list::len(l);
    let sorting = list::from_array(l.items(), 0, n)?;
    let empty = crate::objects::new_items(4)?;
    l.set_items(empty);
    l.set_length(0);
    let result = crate::builtins::sort::sort_list(sorting, key, reverse);
    let modified = l.length() != 0 || l.items() != empty;
    l.set_items(sorting.items());
    l.set_length(sorting.length());
    result?;
    if modified {
        return value_error("list modified during sort");
    }
    Ok(space::none())
}
