//! Iterators over built-in objects and the lazy built-ins (`enumerate`, `zip`, `map`,
//! `filter`, `reversed`, `iter(callable, sentinel)`): all one `PyIterator` layout whose
//! `kind` is the type index.
//!
//! Per kind: `source` is what is walked, `index` the position (for `str`, a byte offset),
//! `end` a bound or the size seen at the start, `step` a direction or flag, and `extra` a
//! function, sentinel or second object.

use ferrite::{Gc, GcRef};

use crate::builtins::registry::{self, Args, NativeDef};
use crate::objects::layout::*;
use crate::objects::typeobject::{lookup_name, type_name_of};
use crate::objects::{alloc, dict, list, new_int, new_tuple, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};

pub fn new_iterator(
    kind: usize,
    source: GcRef,
    extra: Option<GcRef>,
    index: i64,
    end: i64,
    step: i64,
) -> PyResult<GcRef> {
    Ok(alloc(PyIterator {
        kind: kind as i64,
        source: Some(source),
        extra,
        index,
        end,
        step,
    })?
    .erase())
}

/// The iterator of a built-in iterable (None for other objects).
pub fn builtin_iter(object: GcRef) -> PyResult<Option<GcRef>> {
    if let Some(l) = object.downcast::<PyList>() {
        return new_iterator(T_LIST_ITERATOR, l.erase(), None, 0, 0, 1).map(Some);
    }
    if object.is::<Items>() {
        return new_iterator(T_TUPLE_ITERATOR, object, None, 0, 0, 1).map(Some);
    }
    if let Some(r) = object.downcast::<PyRange>() {
        return new_iterator(
            T_RANGE_ITERATOR,
            object,
            None,
            r.start(),
            r.length(),
            r.step(),
        )
        .map(Some);
    }
    if object.is::<PyStr>() {
        return new_iterator(T_STR_ITERATOR, object, None, 0, 0, 1).map(Some);
    }
    if let Some(d) = object.downcast::<PyDict>() {
        return new_iterator(T_DICT_KEY_ITERATOR, object, None, 0, d.used(), 1).map(Some);
    }
    if let Some(it) = object.downcast::<PyIterator>() {
        return Ok(Some(it.erase()));
    }
    // A generator is its own iterator (coroutines and async generators are not iterable).
    if let Some(g) = object.load_as::<PyGenerator>() {
        if g.kind as usize == T_GENERATOR {
            return Ok(Some(object));
        }
        return Ok(None);
    }
    if object.is::<PySet>() {
        let s = object.downcast::<PySet>().expect("a set");
        return new_iterator(T_SET_ITERATOR, object, None, 0, s.used(), 1).map(Some);
    }
    if object.is::<PyBytes>() || object.is::<PyByteArray>() {
        return new_iterator(T_BYTES_ITERATOR, object, None, 0, 0, 1).map(Some);
    }
    if let Some(w) = object.downcast::<PyWrapper>() {
        let kind = match w.kind() as usize {
            T_DICT_KEYS => T_DICT_KEY_ITERATOR,
            T_DICT_VALUES => T_DICT_VALUE_ITERATOR,
            T_DICT_ITEMS => T_DICT_ITEM_ITERATOR,
            _ => return Ok(None),
        };
        let d = w
            .first()
            .and_then(|d| d.downcast::<PyDict>())
            .expect("a dict view's dict");
        return new_iterator(kind, d.erase(), None, 0, d.used(), 1).map(Some);
    }
    Ok(None)
}

/// `iter()` of an object with only `__getitem__`: indexes 0, 1, … until IndexError.
pub fn sequence_iterator(object: GcRef) -> PyResult<GcRef> {
    new_iterator(T_SEQ_ITERATOR, object, None, 0, 0, 1)
}

fn exhausted(it: Gc<PyIterator>) -> PyResult<Option<GcRef>> {
    it.set_source(None);
    Ok(None)
}

/// The next item of a built-in iterator, or None when it is exhausted.
pub fn next(it: Gc<PyIterator>) -> PyResult<Option<GcRef>> {
    // One check of the iterator for all its fields (this runs once per `for` step).
    let PyIterator {
        kind,
        source,
        index,
        end,
        step,
        ..
    } = it.load();
    let Some(source) = source else {
        return Ok(None);
    };
    match kind as usize {
        T_LIST_ITERATOR => {
            let l = source.load_as::<PyList>().expect("a list");
            if index < l.length {
                it.set_index(index + 1);
                return Ok(l.items.get(index as usize));
            }
            exhausted(it)
        }
        T_TUPLE_ITERATOR => {
            let t = source.downcast::<Items>().expect("a tuple");
            if (index as usize) < t.len() {
                it.set_index(index + 1);
                return Ok(t.get(index as usize));
            }
            exhausted(it)
        }
        T_RANGE_ITERATOR => {
            // index: the next value; end: how many are left.
            if end > 0 {
                it.set_end(end - 1);
                it.set_index(index.wrapping_add(step));
                return new_int(index).map(Some);
            }
            exhausted(it)
        }
        T_STR_ITERATOR => {
            let s = source.downcast::<PyStr>().expect("a str");
            // Decode one character (its width from the leading byte), not the whole rest.
            let next_char = s.utf8().with_bytes(|bytes| {
                let rest = &bytes[index as usize..];
                let width = match rest.first()? {
                    0..=0x7f => 1,
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    _ => 4,
                };
                std::str::from_utf8(&rest[..width.min(rest.len())])
                    .ok()
                    .and_then(|t| t.chars().next())
            });
            match next_char {
                Some(c) => {
                    it.set_index(index + c.len_utf8() as i64);
                    pystr::from_char(c).map(Some)
                }
                None => exhausted(it),
            }
        }
        T_BYTES_ITERATOR => {
            let byte = if let Some(b) = source.downcast::<PyBytes>() {
                (index < b.data().len() as i64).then(|| b.data().get(index as usize))
            } else {
                let b = source.downcast::<PyByteArray>().expect("a bytearray");
                (index < b.length()).then(|| b.data().get(index as usize))
            };
            match byte {
                Some(byte) => {
                    it.set_index(index + 1);
                    new_int(byte as i64).map(Some)
                }
                None => exhausted(it),
            }
        }
        T_DICT_KEY_ITERATOR | T_DICT_VALUE_ITERATOR | T_DICT_ITEM_ITERATOR => {
            let d = source.downcast::<PyDict>().expect("a dict");
            if d.used() != it.end() {
                it.set_end(-1);
                return runtime_error("dictionary changed size during iteration");
            }
            match dict::next_entry(d, index as usize) {
                Some((k, v, position)) => {
                    it.set_index(position as i64);
                    match it.kind() as usize {
                        T_DICT_KEY_ITERATOR => Ok(Some(k)),
                        T_DICT_VALUE_ITERATOR => Ok(Some(v)),
                        _ => new_tuple(&[k, v]).map(Some),
                    }
                }
                None => exhausted(it),
            }
        }
        T_SET_ITERATOR => {
            let s = source.downcast::<PySet>().expect("a set");
            if s.used() != it.end() {
                it.set_end(-1);
                return runtime_error("Set changed size during iteration");
            }
            match crate::objects::set::next_key(s, index as usize) {
                Some((k, position)) => {
                    it.set_index(position as i64);
                    Ok(Some(k))
                }
                None => exhausted(it),
            }
        }
        T_LIST_REVERSEITERATOR => {
            let l = source.downcast::<PyList>().expect("a list");
            if index >= 0 && index < l.length() {
                it.set_index(index - 1);
                return Ok(Some(list::get(l, index as usize)));
            }
            exhausted(it)
        }
        T_SEQ_ITERATOR => {
            let i = new_int(index)?;
            match ops::getitem(source, i) {
                Ok(v) => {
                    it.set_index(index + 1);
                    Ok(Some(v))
                }
                Err(e)
                    if is_instance_of(e, T_INDEX_ERROR) || is_instance_of(e, T_STOP_ITERATION) =>
                {
                    exhausted(it)
                }
                Err(e) => Err(e),
            }
        }
        T_REVERSED => {
            if index < 0 {
                return exhausted(it);
            }
            let i = new_int(index)?;
            match ops::getitem(source, i) {
                Ok(v) => {
                    it.set_index(index - 1);
                    Ok(Some(v))
                }
                Err(e)
                    if is_instance_of(e, T_INDEX_ERROR) || is_instance_of(e, T_STOP_ITERATION) =>
                {
                    exhausted(it)
                }
                Err(e) => Err(e),
            }
        }
        T_CALLABLE_ITERATOR => {
            let value = call::call_function(source, &[])?;
            let sentinel = it.extra().expect("a sentinel");
            if ops::eq(value, sentinel)? {
                return exhausted(it);
            }
            Ok(Some(value))
        }
        T_ENUMERATE => match ops::next(source)? {
            Some(v) => {
                let count = match it.extra() {
                    Some(big) => {
                        let next = ops::binary_op(
                            big,
                            new_int(1)?,
                            crate::compiler::bytecode::binop::ADD,
                        )?;
                        it.set_extra(Some(next));
                        big
                    }
                    None => {
                        if index == i64::MAX {
                            let n = new_int(index)?;
                            it.set_extra(Some(ops::binary_op(
                                n,
                                new_int(1)?,
                                crate::compiler::bytecode::binop::ADD,
                            )?));
                            n
                        } else {
                            it.set_index(index + 1);
                            new_int(index)?
                        }
                    }
                };
                new_tuple(&[count, v]).map(Some)
            }
            None => exhausted(it),
        },
        T_ZIP => zip_next(it, source),
        T_MAP => {
            let iterators = source;
            let n = tuple::len(iterators);
            let values = crate::objects::new_items(n)?;
            for k in 0..n {
                match ops::next(tuple::get(iterators, k))? {
                    Some(v) => values.set(k, Some(v)),
                    None => return exhausted(it),
                }
            }
            let function = it.extra().expect("map's function");
            let args = Args::new(values, 0, n, None);
            call::call_with_args(function, &args).map(Some)
        }
        T_FILTER => loop {
            let Some(v) = ops::next(source)? else {
                return exhausted(it);
            };
            let keep = match it.extra() {
                Some(f) if !crate::objects::is_none(f) => {
                    ops::truthy(call::call_function(f, &[v])?)?
                }
                _ => ops::truthy(v)?,
            };
            if keep {
                return Ok(Some(v));
            }
        },
        _ => type_error(format!(
            "'{}' object is not an iterator",
            type_name_of(it.erase())
        )),
    }
}

fn zip_next(it: Gc<PyIterator>, iterators: GcRef) -> PyResult<Option<GcRef>> {
    let n = tuple::len(iterators);
    if n == 0 {
        return exhausted(it);
    }
    let values = crate::objects::new_items(n)?;
    for k in 0..n {
        match ops::next(tuple::get(iterators, k))? {
            Some(v) => values.set(k, Some(v)),
            None => {
                if it.step() != 0 {
                    // strict=True: every iterator must end together.
                    if k > 0 {
                        let plural = if k == 1 { " " } else { "s 1-" };
                        return value_error(format!(
                            "zip() argument {} is shorter than argument{plural}{k}",
                            k + 1
                        ));
                    }
                    for j in 1..n {
                        if ops::next(tuple::get(iterators, j))?.is_some() {
                            let plural = if j == 1 { " " } else { "s 1-" };
                            return value_error(format!(
                                "zip() argument {} is longer than argument{plural}{j}",
                                j + 1
                            ));
                        }
                    }
                }
                return exhausted(it);
            }
        }
    }
    Ok(Some(values.erase()))
}

/// An awaitable that is already finished: awaiting it gives `result` (its value through
/// StopIteration, or its exception). What an async generator's `__anext__` returns here.
pub fn completed_awaitable(result: PyResult<GcRef>) -> PyResult<GcRef> {
    let (value, error) = match result {
        Ok(v) => (Some(v), None),
        Err(e) => (None, Some(e.erase())),
    };
    Ok(alloc(PyIterator {
        kind: T_AWAITABLE as i64,
        source: value,
        extra: error,
        index: 0,
        end: 0,
        step: 0,
    })?
    .erase())
}

/// `__next__` of a finished awaitable: StopIteration with the value, or the exception.
fn awaitable_next(it: Gc<PyIterator>) -> PyResult<GcRef> {
    if let Some(e) = it.extra().and_then(|e| e.downcast::<PyException>()) {
        it.set_extra(None);
        return Err(e);
    }
    let value = it.source().unwrap_or_else(space::none);
    it.set_source(None);
    Err(crate::runtime::generator::stop_iteration(value))
}

/// `__next__` as Python calls it: StopIteration (with a value, for awaitables) at the end.
pub fn next_raising(it: Gc<PyIterator>) -> PyResult<GcRef> {
    if it.kind() as usize == T_AWAITABLE {
        return awaitable_next(it);
    }
    match next(it)? {
        Some(v) => Ok(v),
        None => Err(new_exception_args(T_STOP_ITERATION, &[])),
    }
}

fn awaitable_send(args: &Args) -> PyResult<GcRef> {
    awaitable_next(args.get(0).downcast::<PyIterator>().expect("an awaitable"))
}

fn awaitable_throw(args: &Args) -> PyResult<GcRef> {
    crate::objects::exception::from_raised(args.get(1)).and_then(Err)
}

pub fn methods() -> Vec<NativeDef> {
    use registry::*;
    let mut defs = Vec::new();
    for kind in [
        T_LIST_ITERATOR,
        T_LIST_REVERSEITERATOR,
        T_TUPLE_ITERATOR,
        T_RANGE_ITERATOR,
        T_STR_ITERATOR,
        T_BYTES_ITERATOR,
        T_DICT_KEY_ITERATOR,
        T_DICT_VALUE_ITERATOR,
        T_DICT_ITEM_ITERATOR,
        T_SET_ITERATOR,
        T_SEQ_ITERATOR,
        T_CALLABLE_ITERATOR,
        T_ENUMERATE,
        T_ZIP,
        T_MAP,
        T_FILTER,
        T_REVERSED,
    ] {
        defs.push(method(kind, "__iter__", iter_self));
        defs.push(method(kind, "__next__", iter_next));
    }
    defs.push(method(T_AWAITABLE, "__await__", iter_self));
    defs.push(method(T_AWAITABLE, "__iter__", iter_self));
    defs.push(method(T_AWAITABLE, "__next__", awaitable_send));
    defs.push(method(T_AWAITABLE, "send", awaitable_send));
    defs.push(method(T_AWAITABLE, "throw", awaitable_throw));
    defs.push(method(T_LIST_ITERATOR, "__length_hint__", iter_length_hint));
    defs.push(method(
        T_TUPLE_ITERATOR,
        "__length_hint__",
        iter_length_hint,
    ));
    defs.push(method(
        T_RANGE_ITERATOR,
        "__length_hint__",
        iter_length_hint,
    ));
    defs.push(static_method(T_ENUMERATE, "__new__", enumerate_new));
    defs.push(static_method(T_ZIP, "__new__", zip_new));
    defs.push(static_method(T_MAP, "__new__", map_new));
    defs.push(static_method(T_FILTER, "__new__", filter_new));
    defs.push(static_method(T_REVERSED, "__new__", reversed_new));
    defs
}

fn iter_self(args: &Args) -> PyResult<GcRef> {
    Ok(args.get(0))
}

/// The iterator itself, or the one a subclass instance (of `enumerate`, say) holds.
fn as_iterator(object: GcRef) -> PyResult<Gc<PyIterator>> {
    match object.downcast::<PyIterator>() {
        Some(it) => Ok(it),
        None => match object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .and_then(|b| b.downcast::<PyIterator>())
        {
            Some(it) => Ok(it),
            None => type_error(format!(
                "'{}' object is not an iterator",
                type_name_of(object)
            )),
        },
    }
}

fn iter_next(args: &Args) -> PyResult<GcRef> {
    next_raising(as_iterator(args.get(0))?)
}

fn iter_length_hint(args: &Args) -> PyResult<GcRef> {
    let it = as_iterator(args.get(0))?;
    let Some(source) = it.source() else {
        return new_int(0);
    };
    let left = match it.kind() as usize {
        T_LIST_ITERATOR => source.downcast::<PyList>().map_or(0, |l| l.length()) - it.index(),
        T_TUPLE_ITERATOR => tuple::len(source) as i64 - it.index(),
        T_RANGE_ITERATOR => it.end(),
        _ => 0,
    };
    new_int(left.max(0))
}

/// The result for a subclass of a lazy built-in: an instance holding the iterator.
fn for_class(cls: GcRef, kind: usize, iterator: GcRef) -> PyResult<GcRef> {
    let cls = cls.downcast::<PyType>().expect("a class");
    if cls == space::builtin_type(kind) {
        return Ok(iterator);
    }
    let i = crate::objects::instance::new_instance(cls)?;
    i.set_base(Some(iterator));
    Ok(i.erase())
}

fn enumerate_new(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("enumerate", &["iterable", "start"])?;
    let iterable = match args.get_opt(1).or_else(|| args.keyword("iterable")) {
        Some(i) => i,
        None => return type_error("enumerate() missing required argument 'iterable' (pos 1)"),
    };
    let source = ops::iter(iterable)?;
    let (index, extra) = match args.get_opt(2).or_else(|| args.keyword("start")) {
        None => (0, None),
        Some(start) => match start.downcast::<PyInt>() {
            Some(i) => (i.value(), None),
            None if start.is::<PyBigInt>() || start.is::<PyBool>() => {
                match crate::objects::int::int_value(start) {
                    Some(crate::objects::int::IntValue::Small(v)) => (v, None),
                    _ => (0, Some(start)),
                }
            }
            None => {
                return type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name_of(start)
                ))
            }
        },
    };
    let it = new_iterator(T_ENUMERATE, source, extra, index, 0, 1)?;
    for_class(args.get(0), T_ENUMERATE, it)
}

fn zip_new(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("zip", &["strict"])?;
    let strict = match args.keyword("strict") {
        Some(s) => ops::truthy(s)?,
        None => false,
    };
    let n = args.len() - 1;
    let iterators = crate::objects::new_items(n)?;
    for k in 0..n {
        let it = match ops::iter(args.get(k + 1)) {
            Ok(it) => it,
            Err(e)
                if is_instance_of(e, T_TYPE_ERROR)
                    && lookup_name(space::type_of(args.get(k + 1)), N::iter).is_none() =>
            {
                return type_error(format!(
                    "'{}' object is not iterable",
                    type_name_of(args.get(k + 1))
                ));
            }
            Err(e) => return Err(e),
        };
        iterators.set(k, Some(it));
    }
    let it = new_iterator(T_ZIP, iterators.erase(), None, 0, 0, strict as i64)?;
    for_class(args.get(0), T_ZIP, it)
}

fn map_new(args: &Args) -> PyResult<GcRef> {
    if args.len() < 3 {
        return type_error("map() must have at least two arguments.");
    }
    let n = args.len() - 2;
    let iterators = crate::objects::new_items(n)?;
    for k in 0..n {
        iterators.set(k, Some(ops::iter(args.get(k + 2))?));
    }
    let it = new_iterator(T_MAP, iterators.erase(), Some(args.get(1)), 0, 0, 1)?;
    for_class(args.get(0), T_MAP, it)
}

fn filter_new(args: &Args) -> PyResult<GcRef> {
    args.expect("filter", 3, 3).map_err(|_| {
        new_exception(
            T_TYPE_ERROR,
            &format!("filter expected 2 arguments, got {}", args.len() - 1),
        )
    })?;
    let source = ops::iter(args.get(2))?;
    let it = new_iterator(T_FILTER, source, Some(args.get(1)), 0, 0, 1)?;
    for_class(args.get(0), T_FILTER, it)
}

fn reversed_new(args: &Args) -> PyResult<GcRef> {
    if args.len() != 2 {
        return type_error(format!(
            "reversed expected 1 argument, got {}",
            args.len() - 1
        ));
    }
    let sequence = args.get(1);
    if let Some(l) = sequence.downcast::<PyList>() {
        return new_iterator(
            T_LIST_REVERSEITERATOR,
            l.erase(),
            None,
            l.length() - 1,
            0,
            -1,
        );
    }
    if let Some(r) = sequence.downcast::<PyRange>() {
        let last = r
            .start()
            .wrapping_add((r.length() - 1).wrapping_mul(r.step()));
        return new_iterator(
            T_RANGE_ITERATOR,
            sequence,
            None,
            last,
            r.length(),
            r.step().wrapping_neg(),
        );
    }
    let t = space::type_of(sequence);
    if let Some(method) = lookup_name(t, N::reversed) {
        if crate::objects::is_none(method) {
            return type_error(format!(
                "'{}' object is not reversible",
                type_name_of(sequence)
            ));
        }
        let bound = crate::objects::descriptors::bind(method, Some(sequence), t)?;
        return call::call_function(bound, &[]);
    }
    if lookup_name(t, N::getitem).is_none()
        || lookup_name(t, N::len).is_none()
        || sequence.is::<PyDict>()
    {
        return type_error(format!(
            "'{}' object is not reversible",
            type_name_of(sequence)
        ));
    }
    let n = ops::len(sequence)?;
    let it = new_iterator(T_REVERSED, sequence, None, n - 1, 0, -1)?;
    for_class(args.get(0), T_REVERSED, it)
}
