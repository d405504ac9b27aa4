//! Inline caches for the attribute instructions (`LOAD_ATTR`, `LOAD_METHOD`,
//! `STORE_ATTR`), as CPython 3.11's specialized instructions: each instruction remembers
//! what the generic lookup found the last time, keyed by the receiver's type version and
//! its map, and the next execution that sees the same type and map skips the lookup.
//!
//! Why a hit is correct:
//! - a type's `version` is unique and changes whenever its dict or a base's dict changes,
//!   so the same version means the same class attributes, `__getattribute__`,
//!   `__setattr__` and descriptors as when the entry was made;
//! - a map's `id` is unique and maps never change, so the same map means the same
//!   attribute names at the same indices;
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
//! its index) and two references per instruction (a method, a class attribute's value,
//! the map an added attribute leads to, or the key arrays of the globals and builtins).
//! Both arrays are made the first time an entry is stored.

use ferrite::{Array, Gc, GcRef};

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
/// `LOAD_METHOD` finding a plain method on the type: the reference is the method.
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
/// first key word the globals' `filled`, the references both dicts' key arrays.
const BUILTIN: i64 = 7;

const KIND_BITS: u32 = 4;

/// A cache entry as read from the code object. For the attribute kinds the key words are
/// the type version and the map id (0 for a receiver that is not an instance).
struct Entry {
    version: i64,
    map_id: i64,
    kind: i64,
    index: usize,
}

#[inline]
fn read(code: Gc<PyCode>, at: usize) -> Option<Entry> {
    // One check of the array for the three words.
    let (version, map_id, payload) = code.inline_words()?.with_slice(|words| {
        let entry = &words[at * WORDS..at * WORDS + WORDS];
        (entry[0].get(), entry[1].get(), entry[2].get())
    });
    Some(Entry {
        version,
        map_id,
        kind: payload & ((1 << KIND_BITS) - 1),
        index: (payload >> KIND_BITS) as usize,
    })
}

/// The entry's first (`which` 0) or second reference.
#[inline]
fn reference(code: Gc<PyCode>, at: usize, which: usize) -> Option<GcRef> {
    code.inline_refs()
        .and_then(|refs| refs.get(at * REFS + which))
}

fn write(
    code: Gc<PyCode>,
    at: usize,
    key: (i64, i64),
    kind: i64,
    index: usize,
    references: [Option<GcRef>; REFS],
) -> PyResult<()> {
    let words = match code.inline_words() {
        Some(words) => words,
        None => {
            let length = code.instructions().len();
            let words = Array::new(length * WORDS, 0i64).map_err(|_| space::memory_error())?;
            let refs = new_items(length * REFS)?;
            code.set_inline_words(Some(words));
            code.set_inline_refs(Some(refs));
            words
        }
    };
    words.set(at * WORDS, key.0);
    words.set(at * WORDS + 1, key.1);
    words.set(at * WORDS + 2, ((index as i64) << KIND_BITS) | kind);
    let refs = code.inline_refs().expect("made with the words");
    for (which, reference) in references.into_iter().enumerate() {
        refs.set(at * REFS + which, reference);
    }
    Ok(())
}

/// The instance `object` is, if its type version and map are `entry`'s. (An instance whose
/// attributes moved into a `__dict__` has a map of its own no entry names.)
#[inline]
fn matching_instance(object: GcRef, entry: &Entry) -> Option<Gc<PyInstance>> {
    let i = object.downcast::<PyInstance>()?;
    (i.map().id() == entry.map_id && i.cls().version() == entry.version).then_some(i)
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

/// `LOAD_ATTR` at instruction `at` of `code`.
#[inline]
pub fn load_attr(code: Gc<PyCode>, at: usize, object: GcRef, name: GcRef) -> PyResult<GcRef> {
    if let Some(entry) = read(code, at) {
        if let Some(i) = matching_instance(object, &entry) {
            match entry.kind {
                OWN_ATTRIBUTE => {
                    if let Some(value) = i.storage().get(entry.index) {
                        return Ok(value);
                    }
                }
                CLASS_VALUE => return Ok(reference(code, at, 0).expect("a cached value")),
                _ => {}
            }
        }
    }
    load_attr_and_remember(code, at, object, name)
}

fn load_attr_and_remember(
    code: Gc<PyCode>,
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
    let cache_key = (key.cls.version(), key.map.id());
    let value = ops::getattr(object, name)?;
    match (own, class_attr) {
        (Some(index), None) => write(
            code,
            at,
            cache_key,
            OWN_ATTRIBUTE,
            instance::storage_index(key.cls, index),
            [None, None],
        )?,
        (None, Some(attr)) if is_immutable_value(attr) => {
            write(code, at, cache_key, CLASS_VALUE, 0, [Some(attr), None])?
        }
        _ => {}
    }
    Ok(value)
}

/// `LOAD_METHOD` at instruction `at` of `code`: the callable and, for a method found on
/// the type, the receiver to pass it.
#[inline]
pub fn load_method(
    code: Gc<PyCode>,
    at: usize,
    object: GcRef,
    name: GcRef,
) -> PyResult<(GcRef, Option<GcRef>)> {
    if let Some(entry) = read(code, at) {
        if entry.kind == METHOD {
            let hit = if entry.map_id == 0 {
                !object.is::<PyInstance>() && space::type_of(object).version() == entry.version
            } else {
                matching_instance(object, &entry).is_some()
            };
            if hit {
                return Ok((
                    reference(code, at, 0).expect("a cached method"),
                    Some(object),
                ));
            }
        }
    }
    load_method_and_remember(code, at, object, name)
}

fn load_method_and_remember(
    code: Gc<PyCode>,
    at: usize,
    object: GcRef,
    name: GcRef,
) -> PyResult<(GcRef, Option<GcRef>)> {
    // The candidate entry is worked out before the lookup, which may run Python code.
    let candidate = if let Some(key) = cacheable_instance(object) {
        instance::map_index(key.map, name)
            .is_none()
            .then(|| (key.cls, (key.cls.version(), key.map.id())))
    } else if has_no_own_attributes(object) {
        let t = space::type_of(object);
        (t.version() != 0 && t.flags() & typeobject::TYPE_CUSTOM_GETATTR == 0)
            .then(|| (t, (t.version(), 0)))
    } else {
        None
    }
    .and_then(|(t, key)| {
        lookup(t, name)
            .filter(|&m| descriptors::is_plain_method(m))
            .map(|m| (m, key))
    });
    let found = frame_ops::load_method(object, name)?;
    if let (Some((method, key)), (found_method, Some(_))) = (candidate, found) {
        if found_method == method {
            write(code, at, key, METHOD, 0, [Some(method), None])?;
        }
    }
    Ok(found)
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

/// `STORE_ATTR` at instruction `at` of `code`: `object.name = value`.
#[inline]
pub fn store_attr(
    code: Gc<PyCode>,
    at: usize,
    object: GcRef,
    name: GcRef,
    value: GcRef,
) -> PyResult<()> {
    if let Some(entry) = read(code, at) {
        if let Some(i) = matching_instance(object, &entry) {
            match entry.kind {
                STORE_EXISTING => {
                    i.storage().set(entry.index, Some(value));
                    return Ok(());
                }
                STORE_ADDED => {
                    let storage = i.storage();
                    if entry.index < storage.len() {
                        storage.set(entry.index, Some(value));
                        let map = reference(code, at, 0)
                            .and_then(|m| m.downcast::<PyMap>())
                            .expect("a cached map");
                        i.set_map(map);
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
    }
    store_attr_and_remember(code, at, object, name, value)
}

fn store_attr_and_remember(
    code: Gc<PyCode>,
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
    let cache_key = key.as_ref().map(|key| (key.cls.version(), key.map.id()));
    ops::setattr(object, name, value)?;
    let (Some(key), Some(cache_key)) = (key, cache_key) else {
        return Ok(());
    };
    match instance::map_index(key.map, name) {
        Some(index) => write(
            code,
            at,
            cache_key,
            STORE_EXISTING,
            instance::storage_index(key.cls, index),
            [None, None],
        ),
        None => {
            let added = key.instance.map();
            let extends = added.parent() == Some(key.map) && key.instance.dict().is_none();
            if !extends {
                return Ok(());
            }
            let index = instance::storage_index(key.cls, added.count() as usize - 1);
            write(
                code,
                at,
                cache_key,
                STORE_ADDED,
                index,
                [Some(added.erase()), None],
            )
        }
    }
}

/// `LOAD_GLOBAL` at instruction `at` of `code`: `name` in `globals`, else in `builtins`.
#[inline]
pub fn load_global(
    code: Gc<PyCode>,
    at: usize,
    globals: Gc<PyDict>,
    builtins: Gc<PyDict>,
    name: GcRef,
) -> PyResult<Option<GcRef>> {
    if let Some(entry) = read(code, at) {
        let globals_keys = globals.keys();
        if reference(code, at, 0) == Some(globals_keys.erase()) {
            match entry.kind {
                GLOBAL if globals_keys.get(entry.index) == Some(name) => {
                    return Ok(globals.values().get(entry.index));
                }
                BUILTIN if globals.filled() == entry.version => {
                    let builtins_keys = builtins.keys();
                    if reference(code, at, 1) == Some(builtins_keys.erase())
                        && builtins_keys.get(entry.index) == Some(name)
                    {
                        return Ok(builtins.values().get(entry.index));
                    }
                }
                _ => {}
            }
        }
    }
    load_global_and_remember(code, at, globals, builtins, name)
}

fn load_global_and_remember(
    code: Gc<PyCode>,
    at: usize,
    globals: Gc<PyDict>,
    builtins: Gc<PyDict>,
    name: GcRef,
) -> PyResult<Option<GcRef>> {
    let globals_keys = Some(globals.keys().erase());
    if let Some(index) = dict::entry_of_str(globals, name) {
        write(code, at, (0, 0), GLOBAL, index, [globals_keys, None])?;
        return Ok(globals.values().get(index));
    }
    if let Some(value) = dict::get_str(globals, name) {
        // Present under an equal str that is not the interned name: not cached.
        return Ok(Some(value));
    }
    if let Some(index) = dict::entry_of_str(builtins, name) {
        let builtins_keys = Some(builtins.keys().erase());
        let key = (globals.filled(), 0);
        write(code, at, key, BUILTIN, index, [globals_keys, builtins_keys])?;
        return Ok(builtins.values().get(index));
    }
    Ok(dict::get_str(builtins, name))
}
