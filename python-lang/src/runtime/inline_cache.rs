//! Inline caches for the attribute instructions (`LOAD_ATTR`, `LOAD_METHOD`,
//! `STORE_ATTR`), as CPython 3.11's specialized instructions: each instruction remembers
//! what the generic lookup found the last time, keyed by the receiver's type version and
//! its map, and the next execution that sees the same type and map skips the lookup.
//!
//! Why a hit is correct:
//! - a type's `version` is unique and changes whenever its dict or a base's dict changes,
//!   so the same version means the same class attributes, `__getattribute__`,
//!   `__setattr__` and descriptors as when the entry was made;
//! - maps never change, and the entry holds its map (so the map cannot be reclaimed and
//!   its address reused), so the same map means the same attribute names at the same
//!   indices;
//! - an instance whose attributes moved into a `__dict__` is never a hit (it gets a map
//!   of its own, made when the dict is, which no entry names);
//! - entries are made only where the generic path reads plain values (no class attribute
//!   of the name, or a function found on the type, or an immutable built-in value), so
//!   nothing the cache skips could have run Python code.
//!
//! `LOAD_GLOBAL` is cached the same way, keyed by the dicts' key arrays: an entry's index
//! in a dict is stable until the key is deleted (its key slot is emptied) or the dict is
//! rebuilt (new arrays), and a name absent from the globals stays absent until an entry
//! is added (`filled` grows, or the arrays are replaced).
//!
//! Storage: per code object, three words per instruction (two key words and the kind with
//! its index) and two references per instruction: a method, a class attribute's value or
//! the map an added attribute leads to, then the receiver's map; or the key arrays of the
//! globals and builtins. They sit at the end of the two arrays the eval loop reads anyway
//! (`PyCode::words` after the instructions, `PyCode::operands` after the constants and
//! names: `loop_arrays`), which it views once each time a frame runs (`Caches`), so reading an entry
//! costs no handle check.

use ferrite::{ArrayView, Gc, GcRef};

use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup, lookup_name};
use crate::objects::{descriptors, dict, instance, new_items};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space;
use crate::runtime::{frame_ops, ops};

const WORDS: usize = 3;
const REFS: usize = 2;

/// `LOAD_ATTR` of an instance's own attribute: the payload is its storage index.
const OWN_ATTRIBUTE: i64 = 1;
/// `LOAD_METHOD` finding a plain method on the type: the reference is the method. For a
/// receiver that is not an instance, the second key word is its built-in type's index
/// plus one when its kind says that (immutable) type, so a hit needs no type lookup.
const METHOD: i64 = 2;
/// `LOAD_ATTR` of an immutable built-in value stored on the class: the reference is it.
const CLASS_VALUE: i64 = 3;
/// `STORE_ATTR` replacing an instance's own attribute: the payload is its storage index.
const STORE_EXISTING: i64 = 4;
/// `STORE_ATTR` adding an attribute: the payload is its storage index, the reference the
/// map the instance moves to.
const STORE_ADDED: i64 = 5;
/// `LOAD_GLOBAL` of a name in the globals: the payload is its entry index, the reference
/// the globals' key array.
const GLOBAL: i64 = 6;
/// `LOAD_GLOBAL` of a name in the builtins: the payload is its entry index there, the
/// second key word the globals' `filled`, the references both dicts' key arrays.
const BUILTIN: i64 = 7;

/// `CALL` of a class whose construction is a new plain instance and its Python
/// `__init__` (`call::plain_constructor`): the key word is the class's version, the
/// references the `__init__` and the class.
const CONSTRUCT: i64 = 8;
/// `CALL` that found something other than a plain class to call: the site is not looked
/// at again for `CONSTRUCT` (a call of a function or a built-in type would otherwise pay
/// a type test or lookups each time).
const NOT_CONSTRUCTING: i64 = 9;

const KIND_BITS: u32 = 4;

/// A code object's inline caches, seen through views for one run of the eval loop.
pub struct Caches<'a> {
    words: &'a ArrayView<i64>,
    refs: &'a ArrayView<Option<GcRef>>,
    /// Where the cache entries start in `words` and `refs`.
    words_start: usize,
    refs_start: usize,
}

/// A cache entry as read from the code object. For the attribute kinds the key word is
/// the type version; `filled` is the globals' for `BUILTIN`. Kind 0: no entry.
struct Entry {
    version: i64,
    filled: i64,
    kind: i64,
    index: usize,
}

impl<'a> Caches<'a> {
    /// The caches of a code object of `length` instructions whose names end at
    /// `names_end` in its operands.
    pub fn new(
        words: &'a ArrayView<i64>,
        refs: &'a ArrayView<Option<GcRef>>,
        length: usize,
        names_end: usize,
    ) -> Self {
        Caches {
            words,
            refs,
            words_start: length,
            refs_start: names_end,
        }
    }

    #[inline]
    fn read(&self, at: usize) -> Entry {
        let first = self.words_start + at * WORDS;
        let payload = self.words.get(first + 2);
        Entry {
            version: self.words.get(first),
            filled: self.words.get(first + 1),
            kind: payload & ((1 << KIND_BITS) - 1),
            index: (payload >> KIND_BITS) as usize,
        }
    }

    /// The entry's first (`which` 0) or second reference.
    #[inline]
    fn reference(&self, at: usize, which: usize) -> Option<GcRef> {
        self.refs.get(self.refs_start + at * REFS + which)
    }

    fn write(
        &self,
        at: usize,
        key: (i64, i64),
        kind: i64,
        index: usize,
        references: [Option<GcRef>; REFS],
    ) {
        let first = self.words_start + at * WORDS;
        self.words.set(first, key.0);
        self.words.set(first + 1, key.1);
        self.words
            .set(first + 2, ((index as i64) << KIND_BITS) | kind);
        for (which, reference) in references.into_iter().enumerate() {
            self.refs
                .set(self.refs_start + at * REFS + which, reference);
        }
    }
}

/// The two arrays the eval loop reads for a new code object: the instruction words then
/// the cache words, and the constants, the names, then the cache references.
pub fn loop_arrays(
    instructions: Gc<ferrite::Array<u32>>,
    consts: Gc<Items>,
    names: Gc<Items>,
) -> PyResult<(Gc<ferrite::Array<i64>>, Gc<Items>)> {
    let length = instructions.len();
    let words =
        ferrite::Array::new(length * (1 + WORDS), 0i64).map_err(|_| space::memory_error())?;
    instructions.with_slice(|source| {
        words.with_view(|target| {
            for (i, word) in source.iter().enumerate() {
                target.set(i, word.get() as i64);
            }
        })
    });
    let (n, m) = (consts.len(), names.len());
    let operands = new_items(n + m + length * REFS)?;
    operands.copy_from(0, consts, 0, n);
    operands.copy_from(n, names, 0, m);
    Ok((words, operands))
}

/// The fields of `object`, if it is an instance whose map is `map` and whose type has
/// version `version`. (An instance whose attributes moved into a `__dict__` has a map of
/// its own no entry names.) One handle check for the instance, one for its type.
#[inline]
fn matching_instance(object: GcRef, version: i64, map: Option<GcRef>) -> Option<PyInstance> {
    let i = object.load_as::<PyInstance>()?;
    (Some(i.map.erase()) == map && i.cls.version() == version).then_some(i)
}

/// What the generic lookup of an instance attribute depends on, when the cache may stand
/// for it: the type (its version usable, no attribute hooks) and the map.
struct InstanceKey {
    instance: Gc<PyInstance>,
    cls: Gc<PyType>,
    map: Gc<PyMap>,
}

fn cacheable_instance(object: GcRef) -> Option<InstanceKey> {
    let instance = object.downcast::<PyInstance>()?;
    let cls = instance.cls();
    if cls.version() == 0
        || cls.flags() & typeobject::TYPE_CUSTOM_GETATTR != 0
        || instance.dict().is_some()
    {
        return None;
    }
    Some(InstanceKey {
        instance,
        cls,
        map: instance.map(),
    })
}

/// A class attribute that reading through an instance returns as it is, and that no
/// change elsewhere can turn into a descriptor: a value of an immutable built-in type.
fn is_immutable_value(attr: GcRef) -> bool {
    attr.is::<PyInt>()
        || attr.is::<PyStr>()
        || attr.is::<PyFloat>()
        || attr.is::<PyBool>()
        || attr.is::<PySingleton>()
        || attr.is::<Items>()
}

/// `LOAD_ATTR` at instruction `at`.
#[inline]
pub fn load_attr(caches: &Caches, at: usize, object: GcRef, name: GcRef) -> PyResult<GcRef> {
    let entry = caches.read(at);
    if entry.kind == OWN_ATTRIBUTE || entry.kind == CLASS_VALUE {
        if let Some(i) = matching_instance(object, entry.version, caches.reference(at, 1)) {
            if entry.kind == CLASS_VALUE {
                return Ok(caches.reference(at, 0).expect("a cached value"));
            }
            if let Some(value) = i.storage.get(entry.index) {
                return Ok(value);
            }
        }
    }
    load_attr_and_remember(caches, at, object, name)
}

fn load_attr_and_remember(
    caches: &Caches,
    at: usize,
    object: GcRef,
    name: GcRef,
) -> PyResult<GcRef> {
    let Some(key) = cacheable_instance(object) else {
        return ops::getattr(object, name);
    };
    let class_attr = lookup(key.cls, name);
    let own = instance::map_index(key.map, name);
    // The key is taken before the lookup, which may run Python code (a `__get__`).
    let version = key.cls.version();
    let map = Some(key.map.erase());
    let value = ops::getattr(object, name)?;
    match (own, class_attr) {
        (Some(index), None) => caches.write(
            at,
            (version, 0),
            OWN_ATTRIBUTE,
            instance::storage_index(key.cls, index),
            [None, map],
        ),
        (None, Some(attr)) if is_immutable_value(attr) => {
            caches.write(at, (version, 0), CLASS_VALUE, 0, [Some(attr), map])
        }
        _ => {}
    }
    Ok(value)
}

/// `LOAD_METHOD` at instruction `at`: the callable and, for a method found on the type,
/// the receiver to pass it.
#[inline]
pub fn load_method(
    caches: &Caches,
    at: usize,
    object: GcRef,
    name: GcRef,
) -> PyResult<(GcRef, Option<GcRef>)> {
    let entry = caches.read(at);
    if entry.kind == METHOD {
        let hit = match caches.reference(at, 1) {
            None if entry.filled != 0 => builtin_key(object) == entry.filled,
            None => !object.is::<PyInstance>() && space::type_of(object).version() == entry.version,
            map => matching_instance(object, entry.version, map).is_some(),
        };
        if hit {
            return Ok((
                caches.reference(at, 0).expect("a cached method"),
                Some(object),
            ));
        }
    }
    load_method_and_remember(caches, at, object, name)
}

/// Kept out of the eval loop: a site that sees several classes (a polymorphic call)
/// comes here often, but inlined it measured slower on programs that never do.
#[inline(never)]
fn load_method_and_remember(
    caches: &Caches,
    at: usize,
    object: GcRef,
    name: GcRef,
) -> PyResult<(GcRef, Option<GcRef>)> {
    // The candidate entry (the type, its version and the receiver's map, if an instance)
    // is worked out before the lookup, which may run Python code.
    let candidate = if let Some(key) = cacheable_instance(object) {
        instance::map_index(key.map, name)
            .is_none()
            .then(|| (key.cls, (key.cls.version(), 0), Some(key.map.erase())))
    } else if has_no_own_attributes(object) {
        let t = space::type_of(object);
        (t.version() != 0 && t.flags() & typeobject::TYPE_CUSTOM_GETATTR == 0)
            .then(|| (t, (t.version(), builtin_key(object)), None))
    } else {
        None
    }
    .and_then(|(t, key, map)| {
        lookup(t, name)
            .filter(|&m| descriptors::is_plain_method(m))
            .map(|m| (m, key, map))
    });
    // With a candidate, the generic lookup would find the candidate's method and bind it
    // to the receiver (no own attribute of the name, no attribute hooks), as a hit does.
    if let Some((method, key, map)) = candidate {
        caches.write(at, key, METHOD, 0, [Some(method), map]);
        return Ok((method, Some(object)));
    }
    frame_ops::load_method(object, name)
}

/// A method cache's key for a receiver whose kind says its built-in type (built-in types
/// cannot change, so the type's index alone keys the entry): the index plus one, or 0
/// for the others, which are keyed by their type's version.
#[inline]
fn builtin_key(object: GcRef) -> i64 {
    space::builtin_type_index(object).map_or(0, |index| index as i64 + 1)
}

/// Whether `object` is a value whose attributes all come from its type (not an instance
/// of a Python class, a module, function, exception, type or wrapper with a dict).
fn has_no_own_attributes(object: GcRef) -> bool {
    !(object.is::<PyInstance>()
        || object.is::<PyType>()
        || object.is::<PyWrapper>()
        || object.is::<PyModule>()
        || object.is::<PyFunction>()
        || object.is::<PyException>())
}

/// `STORE_ATTR` at instruction `at`: `object.name = value`.
#[inline]
pub fn store_attr(
    caches: &Caches,
    at: usize,
    object: GcRef,
    name: GcRef,
    value: GcRef,
) -> PyResult<()> {
    let entry = caches.read(at);
    if entry.kind == STORE_EXISTING || entry.kind == STORE_ADDED {
        if let Some(i) = matching_instance(object, entry.version, caches.reference(at, 1)) {
            if entry.kind == STORE_EXISTING {
                i.storage.set(entry.index, Some(value));
                return Ok(());
            }
            if entry.index < i.storage.len() {
                i.storage.set(entry.index, Some(value));
                let map = caches
                    .reference(at, 0)
                    .and_then(|m| m.downcast::<PyMap>())
                    .expect("a cached map");
                let instance = object.downcast::<PyInstance>().expect("an instance");
                instance.set_map(map);
                return Ok(());
            }
        }
    }
    store_attr_and_remember(caches, at, object, name, value)
}

fn store_attr_and_remember(
    caches: &Caches,
    at: usize,
    object: GcRef,
    name: GcRef,
    value: GcRef,
) -> PyResult<()> {
    let key = cacheable_instance(object).filter(|key| {
        key.cls.flags() & typeobject::TYPE_HAS_DICT != 0
            && lookup(key.cls, name).is_none()
            && lookup_name(key.cls, N::setattr).is_some_and(|s| s.is::<PyBuiltin>())
    });
    let version = key.as_ref().map(|key| key.cls.version());
    ops::setattr(object, name, value)?;
    let (Some(key), Some(version)) = (key, version) else {
        return Ok(());
    };
    let map = Some(key.map.erase());
    match instance::map_index(key.map, name) {
        Some(index) => caches.write(
            at,
            (version, 0),
            STORE_EXISTING,
            instance::storage_index(key.cls, index),
            [None, map],
        ),
        None => {
            let added = key.instance.map();
            let extends = added.parent() == Some(key.map) && key.instance.dict().is_none();
            if extends {
                let index = instance::storage_index(key.cls, added.count() as usize - 1);
                caches.write(
                    at,
                    (version, 0),
                    STORE_ADDED,
                    index,
                    [Some(added.erase()), map],
                );
            }
        }
    }
    Ok(())
}

/// `LOAD_GLOBAL` at instruction `at`: `name` in `globals`, else in `builtins`.
#[inline]
pub fn load_global(
    caches: &Caches,
    at: usize,
    globals: Gc<PyDict>,
    builtins: Gc<PyDict>,
    name: GcRef,
) -> PyResult<Option<GcRef>> {
    let entry = caches.read(at);
    if entry.kind == GLOBAL || entry.kind == BUILTIN {
        // One check of the globals for its arrays and `filled`.
        let PyDict {
            keys,
            values,
            filled,
            ..
        } = globals.load();
        if caches.reference(at, 0) == Some(keys.erase()) {
            if entry.kind == GLOBAL {
                if keys.get(entry.index) == Some(name) {
                    return Ok(values.get(entry.index));
                }
            } else if filled == entry.filled {
                let builtins_keys = builtins.keys();
                if caches.reference(at, 1) == Some(builtins_keys.erase())
                    && builtins_keys.get(entry.index) == Some(name)
                {
                    return Ok(builtins.values().get(entry.index));
                }
            }
        }
    }
    load_global_and_remember(caches, at, globals, builtins, name)
}

fn load_global_and_remember(
    caches: &Caches,
    at: usize,
    globals: Gc<PyDict>,
    builtins: Gc<PyDict>,
    name: GcRef,
) -> PyResult<Option<GcRef>> {
    let globals_keys = Some(globals.keys().erase());
    if let Some(index) = dict::entry_of_str(globals, name) {
        caches.write(at, (0, 0), GLOBAL, index, [globals_keys, None]);
        return Ok(globals.values().get(index));
    }
    if let Some(value) = dict::get_str(globals, name) {
        // Present under an equal str that is not the interned name: not cached.
        return Ok(Some(value));
    }
    if let Some(index) = dict::entry_of_str(builtins, name) {
        let builtins_keys = Some(builtins.keys().erase());
        let key = (0, globals.filled());
        caches.write(at, key, BUILTIN, index, [globals_keys, builtins_keys]);
        return Ok(builtins.values().get(index));
    }
    Ok(dict::get_str(builtins, name))
}

/// `CALL` at instruction `at` of `callable` (with no receiver): the class and `__init__`
/// to construct it with, if the entry stands for this class at its current version. On a
/// miss the site is remembered: the class if `call::plain_constructor` accepts it, else
/// that it calls something else.
#[inline]
pub fn constructor_call(
    caches: &Caches,
    at: usize,
    callable: GcRef,
) -> Option<(Gc<PyType>, Gc<PyFunction>)> {
    let entry = caches.read(at);
    if entry.kind == NOT_CONSTRUCTING {
        return None;
    }
    if entry.kind == CONSTRUCT && caches.reference(at, 1) == Some(callable) {
        let t = callable.downcast::<PyType>()?;
        if t.version() == entry.version {
            let init = caches.reference(at, 0)?.downcast::<PyFunction>()?;
            return Some((t, init));
        }
    }
    remember_constructor(caches, at, callable);
    None
}

#[inline(never)]
fn remember_constructor(caches: &Caches, at: usize, callable: GcRef) {
    let Some(t) = callable.downcast::<PyType>() else {
        caches.write(at, (0, 0), NOT_CONSTRUCTING, 0, [None, None]);
        return;
    };
    let version = t.version();
    if version == 0 {
        return;
    }
    match crate::runtime::call::plain_constructor(t) {
        Some(init) => caches.write(
            at,
            (version, 0),
            CONSTRUCT,
            0,
            [Some(init.erase()), Some(callable)],
        ),
        // A built-in type, or a class with its own `__new__` or metaclass.
        None => caches.write(at, (0, 0), NOT_CONSTRUCTING, 0, [None, None]),
    }
}
