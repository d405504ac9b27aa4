//! The methods of `set` and `frozenset`.
//!
//! Programs print sets, so the order of their keys must be CPython's: the operations
//! follow CPython's algorithms step for step (which operand is walked, when the table is
//! resized first, the copy shortcuts), on the table `objects::set` keeps as CPython does.

use ferrite::{Gc, GcRef};

use super::list::{
    arity, class_arg, for_class, no_args, no_args_lazy, one_arg, one_arg_lazy, repr_enter,
    repr_leave, unhashable, wrong_receiver,
};
use crate::builtins::registry::{method, static_method, Args, NativeDef};
use crate::objects::dict;
use crate::objects::iterators::new_iterator;
use crate::objects::layout::*;
use crate::objects::set::{self, as_set};
use crate::objects::typeobject::{type_name, type_name_of};
use crate::objects::{new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::ops;
use crate::runtime::space::{self, *};

const DUMMY_HASH: i64 = -1;

/// A new set (or frozenset) of the items of `iterable`.
pub(super) fn make_set(frozen: bool, iterable: Option<GcRef>) -> PyResult<Gc<PySet>> {
    let s = set::new_set(frozen)?;
    if let Some(iterable) = iterable {
        set::update(s, iterable)?;
    }
    Ok(s)
}

fn copy(s: Gc<PySet>) -> PyResult<Gc<PySet>> {
    make_set(s.frozen(), Some(s.erase()))
}

/// Give `s` the table of `other` (CPython's `set_swap_bodies`, `other` being dropped).
fn take_table(s: Gc<PySet>, other: Gc<PySet>) {
    s.set_keys(other.keys());
    s.set_hashes(other.hashes());
    s.set_used(other.used());
    s.set_filled(other.filled());
}

/// `key in s`; an unhashable set key is looked up as a frozenset, as CPython does.
pub(crate) fn contains_key(s: Gc<PySet>, key: GcRef) -> PyResult<bool> {
    match set::contains(s, key) {
        Err(e) if is_instance_of(e, T_TYPE_ERROR) && is_mutable_set(key) => {
            set::contains(s, make_set(true, Some(key))?.erase())
        }
        result => result,
    }
}

fn discard_key(s: Gc<PySet>, key: GcRef) -> PyResult<bool> {
    match set::discard(s, key) {
        Err(e) if is_instance_of(e, T_TYPE_ERROR) && is_mutable_set(key) => {
            set::discard(s, make_set(true, Some(key))?.erase())
        }
        result => result,
    }
}

fn is_mutable_set(object: GcRef) -> bool {
    as_set(object).is_some_and(|s| !s.frozen())
}

// ---- the algebra, as CPython's set_intersection, set_difference, … -----------------------

pub(super) fn intersection(s: Gc<PySet>, other: GcRef) -> PyResult<Gc<PySet>> {
    if as_set(other) == Some(s) {
        return copy(s);
    }
    let result = set::new_set(s.frozen())?;
    if let Some(o) = as_set(other) {
        // Walk the smaller set, look up in the larger.
        let (big, small) = if set::len(o) > set::len(s) {
            (o, s)
        } else {
            (s, o)
        };
        let mut position = 0;
        while let Some((k, h, next)) = set::next_entry(small, position) {
            if set::contains(big, k)? {
                set::add_hashed(result, k, h)?;
            }
            position = next;
        }
        return Ok(result);
    }
    let iterator = ops::iter(other)?;
    while let Some(key) = ops::next(iterator)? {
        let hash = ops::hash(key)?;
        if set::contains(s, key)? {
            set::add_hashed(result, key, hash)?;
        }
    }
    Ok(result)
}

fn intersection_multi(s: Gc<PySet>, args: &Args) -> PyResult<Gc<PySet>> {
    if args.len() == 1 {
        return copy(s);
    }
    let mut result = s;
    for i in 1..args.len() {
        result = intersection(result, args.get(i))?;
    }
    Ok(result)
}

pub(super) fn difference_update(s: Gc<PySet>, other: GcRef) -> PyResult<()> {
    if as_set(other) == Some(s) {
        return set::clear(s);
    }
    if let Some(mut o) = as_set(other) {
        // Against a much larger set, only the common keys matter.
        if set::len(o) >> 3 > set::len(s) {
            o = intersection(s, other)?;
        }
        let mut position = 0;
        while let Some((k, _, next)) = set::next_entry(o, position) {
            set::discard(s, k)?;
            position = next;
        }
    } else {
        let iterator = ops::iter(other)?;
        while let Some(key) = ops::next(iterator)? {
            set::discard(s, key)?;
        }
    }
    // More than a quarter dummies: rebuild, as CPython does (this orders the keys).
    if (s.filled() - s.used()) as usize > (s.keys().len() - 1) / 4 {
        let used = s.used() as usize;
        set::resize(s, if used > 50000 { used * 2 } else { used * 4 })?;
    }
    Ok(())
}

fn difference(s: Gc<PySet>, other: GcRef) -> PyResult<Gc<PySet>> {
    let other_size = if let Some(o) = as_set(other) {
        set::len(o)
    } else if let Some(d) = other.downcast::<PyDict>() {
        dict::len(d)
    } else {
        let result = copy(s)?;
        difference_update(result, other)?;
        return Ok(result);
    };
    if set::len(s) >> 2 > other_size {
        let result = copy(s)?;
        difference_update(result, other)?;
        return Ok(result);
    }
    let result = set::new_set(s.frozen())?;
    let mut position = 0;
    while let Some((k, h, next)) = set::next_entry(s, position) {
        let found = match other.downcast::<PyDict>() {
            Some(d) => dict::get_item_hashed(d, k, h)?.is_some(),
            None => set::contains(as_set(other).expect("a set"), k)?,
        };
        if !found {
            set::add_hashed(result, k, h)?;
        }
        position = next;
    }
    Ok(result)
}

pub(super) fn symmetric_difference_update(s: Gc<PySet>, other: GcRef) -> PyResult<()> {
    if as_set(other) == Some(s) {
        return set::clear(s);
    }
    if let Some(d) = other.downcast::<PyDict>() {
        let mut position = 0;
        while let Some((k, _, next)) = dict::next_entry(d, position) {
            if !set::discard(s, k)? {
                set::add_hashed(s, k, d.hashes().get(next - 1))?;
            }
            position = next;
        }
        return Ok(());
    }
    let o = match as_set(other) {
        Some(o) => o,
        None => make_set(s.frozen(), Some(other))?,
    };
    let mut position = 0;
    while let Some((k, h, next)) = set::next_entry(o, position) {
        if !set::discard(s, k)? {
            set::add_hashed(s, k, h)?;
        }
        position = next;
    }
    Ok(())
}

fn symmetric_difference(s: Gc<PySet>, other: GcRef) -> PyResult<Gc<PySet>> {
    let result = make_set(s.frozen(), Some(other))?;
    symmetric_difference_update(result, s.erase())?;
    Ok(result)
}

fn union(s: Gc<PySet>, other: GcRef) -> PyResult<Gc<PySet>> {
    let result = copy(s)?;
    set::update(result, other)?;
    Ok(result)
}

fn is_subset(s: Gc<PySet>, other: GcRef) -> PyResult<bool> {
    let Some(o) = as_set(other) else {
        return is_subset(s, make_set(false, Some(other))?.erase());
    };
    if set::len(s) > set::len(o) {
        return Ok(false);
    }
    let mut position = 0;
    while let Some((k, _, next)) = set::next_entry(s, position) {
        if !set::contains(o, k)? {
            return Ok(false);
        }
        position = next;
    }
    Ok(true)
}

fn is_superset(s: Gc<PySet>, other: GcRef) -> PyResult<bool> {
    match as_set(other) {
        Some(o) => is_subset(o, s.erase()),
        None => is_superset(s, make_set(false, Some(other))?.erase()),
    }
}

fn is_disjoint(s: Gc<PySet>, other: GcRef) -> PyResult<bool> {
    if as_set(other) == Some(s) {
        return Ok(set::len(s) == 0);
    }
    if let Some(o) = as_set(other).filter(|_| !other.is::<PyInstance>()) {
        let (big, small) = if set::len(o) > set::len(s) {
            (o, s)
        } else {
            (s, o)
        };
        let mut position = 0;
        while let Some((k, _, next)) = set::next_entry(small, position) {
            if set::contains(big, k)? {
                return Ok(false);
            }
            position = next;
        }
        return Ok(true);
    }
    let iterator = ops::iter(other)?;
    while let Some(key) = ops::next(iterator)? {
        if set::contains(s, key)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// CPython's frozenset hash (independent of the table's order), cached in the set.
fn frozenset_hash(s: Gc<PySet>) -> i64 {
    if s.hash() != -1 {
        return s.hash();
    }
    let mut hash: u64 = 0;
    let mut position = 0;
    while let Some((_, h, next)) = set::next_entry(s, position) {
        hash ^= shuffle_bits(h as u64);
        position = next;
    }
    hash ^= (s.used() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    s.set_hash(hash as i64);
    hash as i64
}

// ---- the methods --------------------------------------------------------------------------

pub fn methods() -> Vec<NativeDef> {
    let mut defs = vec![
        static_method(T_SET, "__new__", set_new),
        method(T_SET, "__init__", set_init),
        method(T_SET, "__hash__", unhashable),
        method(T_SET, "__ior__", set_ior),
        method(T_SET, "__iand__", set_iand),
        method(T_SET, "__isub__", set_isub),
        method(T_SET, "__ixor__", set_ixor),
        method(T_SET, "add", set_add),
        method(T_SET, "discard", set_discard),
        method(T_SET, "remove", set_remove),
        method(T_SET, "pop", set_pop),
        method(T_SET, "clear", set_clear),
        method(T_SET, "update", set_update),
        method(T_SET, "intersection_update", set_intersection_update),
        method(T_SET, "difference_update", set_difference_update),
        method(
            T_SET,
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
        static_method(T_FROZENSET, "__new__", frozenset_new),
        method(T_FROZENSET, "__hash__", frozenset_hash_method),
    ];
    for index in [T_SET, T_FROZENSET] {
        defs.extend([
            method(index, "__repr__", set_repr),
            method(index, "__len__", set_len),
            method(index, "__contains__", set_contains),
            method(index, "__iter__", set_iter),
            method(index, "__eq__", set_eq),
            method(index, "__ne__", set_ne),
            method(index, "__lt__", set_lt),
            method(index, "__le__", set_le),
            method(index, "__gt__", set_gt),
            method(index, "__ge__", set_ge),
            method(index, "__or__", set_or),
            method(index, "__ror__", set_ror),
            method(index, "__and__", set_and),
            method(index, "__rand__", set_rand),
            method(index, "__sub__", set_sub),
            method(index, "__rsub__", set_rsub),
            method(index, "__xor__", set_xor),
            method(index, "__rxor__", set_rxor),
            method(index, "copy", set_copy),
            method(index, "union", set_union),
            method(index, "intersection", set_intersection),
            method(index, "difference", set_difference),
            method(index, "symmetric_difference", set_symmetric_difference),
            method(index, "issubset", set_issubset),
            method(index, "issuperset", set_issuperset),
            method(index, "isdisjoint", set_isdisjoint),
        ]);
    }
    defs
}

/// The set a method was called on (or the one a subclass instance holds).
fn this(args: &Args, name: &str) -> PyResult<Gc<PySet>> {
    match as_set(args.get(0)) {
        Some(s) => Ok(s),
        None => wrong_receiver(name, T_SET, args.get(0)),
    }
}

/// `type.name` of the receiver's built-in type, for argument errors.
/// `one_arg` for a set method `name`, its qualified name made only for the error.
fn one_arg_of(args: &Args, name: &str) -> PyResult<GcRef> {
    one_arg_lazy(args, || qualname(args, name))
}

/// `no_args` for a set method `name`, its qualified name made only for the error.
fn no_args_of(args: &Args, name: &str) -> PyResult<()> {
    no_args_lazy(args, || qualname(args, name))
}

fn qualname(args: &Args, name: &str) -> String {
    let frozen = as_set(args.get(0)).is_some_and(|s| s.frozen());
    format!("{}.{name}", if frozen { "frozenset" } else { "set" })
}

fn set_new(args: &Args) -> PyResult<GcRef> {
    let cls = class_arg(args, T_SET)?;
    if cls == space::builtin_type(T_SET) && args.keyword_count() > 0 {
        return type_error("set() takes no keyword arguments");
    }
    for_class(cls, T_SET, set::new_set(false)?.erase())
}

fn set_init(args: &Args) -> PyResult<GcRef> {
    let s = this(args, "__init__")?;
    if args.keyword_count() > 0 {
        return type_error("set() takes no keyword arguments");
    }
    arity(&type_name_of(args.get(0)), args.len() - 1, 0, 1)?;
    if s.filled() > 0 {
        set::clear(s)?;
    }
    if let Some(iterable) = args.get_opt(1) {
        set::update(s, iterable)?;
    }
    Ok(space::none())
}

fn frozenset_new(args: &Args) -> PyResult<GcRef> {
    let cls = class_arg(args, T_FROZENSET)?;
    let exact = cls == space::builtin_type(T_FROZENSET);
    if exact && args.keyword_count() > 0 {
        return type_error("frozenset() takes no keyword arguments");
    }
    arity(&type_name(cls), args.len() - 1, 0, 1)?;
    let iterable = args.get_opt(1);
    if let Some(i) = iterable {
        if exact && i.downcast::<PySet>().is_some_and(|s| s.frozen()) {
            return Ok(i);
        }
    }
    for_class(cls, T_FROZENSET, make_set(true, iterable)?.erase())
}

fn set_repr(args: &Args) -> PyResult<GcRef> {
    let s = this(args, "__repr__")?;
    let exact = args.get(0).is::<PySet>() && !s.frozen();
    let name = type_name_of(args.get(0));
    if set::len(s) == 0 {
        return pystr::new_string(format!("{name}()"));
    }
    let Some(depth) = repr_enter(args.get(0)) else {
        return pystr::new_string(format!("{name}(...)"));
    };
    let text = (|| -> PyResult<String> {
        let keys = ops::collect_list(s.erase())?;
        let text = ops::repr_string(keys.erase())?;
        Ok(format!("{{{}}}", &text[1..text.len() - 1]))
    })();
    repr_leave(depth);
    let text = text?;
    if exact {
        pystr::new_string(text)
    } else {
        pystr::new_string(format!("{name}({text})"))
    }
}

fn set_len(args: &Args) -> PyResult<GcRef> {
    no_args_of(args, "__len__")?;
    new_int(set::len(this(args, "__len__")?) as i64)
}

fn set_contains(args: &Args) -> PyResult<GcRef> {
    let key = one_arg_of(args, "__contains__")?;
    Ok(space::bool_(contains_key(
        this(args, "__contains__")?,
        key,
    )?))
}

fn set_iter(args: &Args) -> PyResult<GcRef> {
    no_args_of(args, "__iter__")?;
    let s = this(args, "__iter__")?;
    new_iterator(T_SET_ITERATOR, s.erase(), None, 0, s.used(), 1)
}

/// CPython's `set_richcompare`: subset and superset orderings.
fn compare(args: &Args, op: u32) -> PyResult<GcRef> {
    use crate::compiler::bytecode::cmpop;
    let other = one_arg_of(args, "__eq__")?;
    let s = this(args, "__eq__")?;
    let Some(o) = as_set(other) else {
        return Ok(space::not_implemented());
    };
    let (n, m) = (set::len(s), set::len(o));
    let result = match op {
        cmpop::EQ | cmpop::NE => {
            let equal = if n != m {
                false
            } else if s.frozen() && o.frozen() && s.hash() != -1 && o.hash() != -1 {
                s.hash() == o.hash() && is_subset(s, other)?
            } else {
                is_subset(s, other)?
            };
            equal == (op == cmpop::EQ)
        }
        cmpop::LE => is_subset(s, other)?,
        cmpop::GE => is_superset(s, other)?,
        cmpop::LT => n < m && is_subset(s, other)?,
        _ => n > m && is_superset(s, other)?,
    };
    Ok(space::bool_(result))
}

fn set_eq(args: &Args) -> PyResult<GcRef> {
    compare(args, crate::compiler::bytecode::cmpop::EQ)
}

fn set_ne(args: &Args) -> PyResult<GcRef> {
    compare(args, crate::compiler::bytecode::cmpop::NE)
}

fn set_lt(args: &Args) -> PyResult<GcRef> {
    compare(args, crate::compiler::bytecode::cmpop::LT)
}

fn set_le(args: &Args) -> PyResult<GcRef> {
    compare(args, crate::compiler::bytecode::cmpop::LE)
}

fn set_gt(args: &Args) -> PyResult<GcRef> {
    compare(args, crate::compiler::bytecode::cmpop::GT)
}

fn set_ge(args: &Args) -> PyResult<GcRef> {
    compare(args, crate::compiler::bytecode::cmpop::GE)
}

/// A binary operator: `f(left, right)` when both are sets, else NotImplemented. The
/// reflected forms pass the operands swapped (the result takes the left one's kind).
fn operator(
    args: &Args,
    reflected: bool,
    f: fn(Gc<PySet>, GcRef) -> PyResult<Gc<PySet>>,
) -> PyResult<GcRef> {
    let other = one_arg_of(args, "__or__")?;
    let (left, right) = if reflected {
        (other, args.get(0))
    } else {
        (args.get(0), other)
    };
    match (as_set(left), as_set(right)) {
        (Some(l), Some(_)) => Ok(f(l, right)?.erase()),
        _ => Ok(space::not_implemented()),
    }
}

fn set_or(args: &Args) -> PyResult<GcRef> {
    operator(args, false, union)
}

fn set_ror(args: &Args) -> PyResult<GcRef> {
    operator(args, true, union)
}

fn set_and(args: &Args) -> PyResult<GcRef> {
    operator(args, false, intersection)
}

fn set_rand(args: &Args) -> PyResult<GcRef> {
    operator(args, true, intersection)
}

fn set_sub(args: &Args) -> PyResult<GcRef> {
    operator(args, false, difference)
}

fn set_rsub(args: &Args) -> PyResult<GcRef> {
    operator(args, true, difference)
}

fn set_xor(args: &Args) -> PyResult<GcRef> {
    operator(args, false, symmetric_difference)
}

fn set_rxor(args: &Args) -> PyResult<GcRef> {
    operator(args, true, symmetric_difference)
}

/// An in-place operator: `f(self, other)` when `other` is a set, returning self.
fn inplace(args: &Args, f: fn(Gc<PySet>, GcRef) -> PyResult<()>) -> PyResult<GcRef> {
    let other = one_arg_of(args, "__ior__")?;
    let s = this(args, "__ior__")?;
    if as_set(other).is_none() {
        return Ok(space::not_implemented());
    }
    f(s, other)?;
    Ok(args.get(0))
}

fn intersection_update(s: Gc<PySet>, other: GcRef) -> PyResult<()> {
    let result = intersection(s, other)?;
    take_table(s, result);
    Ok(())
}

fn set_ior(args: &Args) -> PyResult<GcRef> {
    inplace(args, set::update)
}

fn set_iand(args: &Args) -> PyResult<GcRef> {
    inplace(args, intersection_update)
}

fn set_isub(args: &Args) -> PyResult<GcRef> {
    inplace(args, difference_update)
}

fn set_ixor(args: &Args) -> PyResult<GcRef> {
    inplace(args, symmetric_difference_update)
}

fn set_add(args: &Args) -> PyResult<GcRef> {
    let key = one_arg(args, "set.add")?;
    set::add(this(args, "add")?, key)?;
    Ok(space::none())
}

fn set_discard(args: &Args) -> PyResult<GcRef> {
    let key = one_arg(args, "set.discard")?;
    discard_key(this(args, "discard")?, key)?;
    Ok(space::none())
}

fn set_remove(args: &Args) -> PyResult<GcRef> {
    let key = one_arg(args, "set.remove")?;
    if !discard_key(this(args, "remove")?, key)? {
        return key_error(key);
    }
    Ok(space::none())
}

/// CPython's `set_pop`: the first key from the slot after the last one popped. A mutable
/// set has no hash to cache, so its `hash` field keeps that position (CPython's `finger`).
fn set_pop(args: &Args) -> PyResult<GcRef> {
    no_args(args, "set.pop")?;
    let s = this(args, "pop")?;
    if s.used() == 0 {
        return key_error(pystr::new_str("pop from an empty set")?);
    }
    let keys = s.keys();
    let mask = keys.len() - 1;
    let mut i = (s.hash().max(0) as usize) & mask;
    while keys.get(i).is_none() {
        i = if i == mask { 0 } else { i + 1 };
    }
    let key = keys.get(i).expect("a key");
    keys.set(i, None);
    s.hashes().set(i, DUMMY_HASH);
    s.set_used(s.used() - 1);
    s.set_hash(i as i64 + 1);
    Ok(key)
}

fn set_clear(args: &Args) -> PyResult<GcRef> {
    no_args(args, "set.clear")?;
    set::clear(this(args, "clear")?)?;
    Ok(space::none())
}

/// A method taking any number of iterables (`update`, `union`, …).
fn no_keywords(args: &Args, name: &str) -> PyResult<()> {
    if args.keyword_count() > 0 {
        return type_error(format!(
            "{}() takes no keyword arguments",
            qualname(args, name)
        ));
    }
    Ok(())
}

fn set_update(args: &Args) -> PyResult<GcRef> {
    no_keywords(args, "update")?;
    let s = this(args, "update")?;
    for i in 1..args.len() {
        set::update(s, args.get(i))?;
    }
    Ok(space::none())
}

fn set_intersection_update(args: &Args) -> PyResult<GcRef> {
    no_keywords(args, "intersection_update")?;
    let s = this(args, "intersection_update")?;
    let result = intersection_multi(s, args)?;
    take_table(s, result);
    Ok(space::none())
}

fn set_difference_update(args: &Args) -> PyResult<GcRef> {
    no_keywords(args, "difference_update")?;
    let s = this(args, "difference_update")?;
    for i in 1..args.len() {
        difference_update(s, args.get(i))?;
    }
    Ok(space::none())
}

fn set_symmetric_difference_update(args: &Args) -> PyResult<GcRef> {
    let other = one_arg(args, "set.symmetric_difference_update")?;
    symmetric_difference_update(this(args, "symmetric_difference_update")?, other)?;
    Ok(space::none())
}

fn frozenset_hash_method(args: &Args) -> PyResult<GcRef> {
    no_args(args, "frozenset.__hash__")?;
    new_int(frozenset_hash(this(args, "__hash__")?))
}

fn set_copy(args: &Args) -> PyResult<GcRef> {
    no_args_of(args, "copy")?;
    let s = this(args, "copy")?;
    if s.frozen() && args.get(0).is::<PySet>() {
        return Ok(args.get(0));
    }
    Ok(copy(s)?.erase())
}

fn set_union(args: &Args) -> PyResult<GcRef> {
    no_keywords(args, "union")?;
    let s = this(args, "union")?;
    let result = copy(s)?;
    for i in 1..args.len() {
        if as_set(args.get(i)) != Some(s) {
            set::update(result, args.get(i))?;
        }
    }
    Ok(result.erase())
}

fn set_intersection(args: &Args) -> PyResult<GcRef> {
    no_keywords(args, "intersection")?;
    Ok(intersection_multi(this(args, "intersection")?, args)?.erase())
}

fn set_difference(args: &Args) -> PyResult<GcRef> {
    no_keywords(args, "difference")?;
    let s = this(args, "difference")?;
    if args.len() == 1 {
        return Ok(copy(s)?.erase());
    }
    let result = difference(s, args.get(1))?;
    for i in 2..args.len() {
        difference_update(result, args.get(i))?;
    }
    Ok(result.erase())
}

fn set_symmetric_difference(args: &Args) -> PyResult<GcRef> {
    let other = one_arg_of(args, "symmetric_difference")?;
    Ok(symmetric_difference(this(args, "symmetric_difference")?, other)?.erase())
}

fn set_issubset(args: &Args) -> PyResult<GcRef> {
    let other = one_arg_of(args, "issubset")?;
    Ok(space::bool_(is_subset(this(args, "issubset")?, other)?))
}

fn set_issuperset(args: &Args) -> PyResult<GcRef> {
    let other = one_arg_of(args, "issuperset")?;
    Ok(space::bool_(is_superset(this(args, "issuperset")?, other)?))
}

fn set_isdisjoint(args: &Args) -> PyResult<GcRef> {
    let other = one_arg_of(args, "isdisjoint")?;
    Ok(space::bool_(is_disjoint(this(args, "isdisjoint")?, other)?))
}
