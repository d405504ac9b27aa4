//! Instances of classes and their attributes, stored through maps (hidden classes).
//!
//! An instance keeps its attribute values in `storage`: first its `__slots__` (the class's
//! `slots` tuple says how many), then one value per name of its map, in the order the
//! names were added. Instances that got the same attributes in the same order share a map,
//! so a trace can guard on the map and read a value at a constant index, as PyPy's maps do.
//! Asking for `__dict__` turns an instance into a dict-backed one for good.

use ferrite::{Gc, GcRef};

use crate::objects::layout::*;
use crate::objects::{alloc, dict, new_items, str as pystr, tuple};
use crate::runtime::errors::PyResult;
use crate::runtime::space;

/// Storage slots an instance starts with beyond its `__slots__`.
const INITIAL_ATTRIBUTES: usize = 4;

fn slot_count(cls: Gc<PyType>) -> usize {
    cls.slots().map_or(0, tuple::len)
}

/// A new instance of `cls` with no attributes.
pub fn new_instance(cls: Gc<PyType>) -> PyResult<Gc<PyInstance>> {
    let slots = slot_count(cls);
    let has_dict = cls.flags() & crate::objects::typeobject::TYPE_HAS_DICT != 0;
    let storage = new_items(slots + if has_dict { INITIAL_ATTRIBUTES } else { 0 })?;
    alloc(PyInstance {
        cls,
        map: space::empty_map(),
        storage,
        dict: None,
        base: None,
        identity_hash: 0,
    })
}

/// The index in `storage` of the attribute at `index` in the map of an instance of `cls`.
pub fn storage_index(cls: Gc<PyType>, index: usize) -> usize {
    slot_count(cls) + index
}

/// The index of `name` in `map`, if the map has it.
pub fn map_index(map: Gc<PyMap>, name: GcRef) -> Option<usize> {
    let names = map.names();
    let count = map.count() as usize;
    // One handle check for the scan (this runs at every inline-cache miss).
    let same = names.with_view(|names| (0..count).position(|i| names.get(i) == Some(name)));
    if same.is_some() {
        return same;
    }
    // Map names are interned: an interned name that is not among them is not there.
    let s = name.downcast::<PyStr>()?;
    if s.interned() {
        return None;
    }
    for i in 0..count {
        let other = names
            .get(i)
            .and_then(|n| n.downcast::<PyStr>())
            .expect("map names are strs");
        if pystr::eq(other, s) {
            return Some(i);
        }
    }
    None
}

/// The map that extends `map` with `name` (shared by every instance that adds it next).
fn map_with(map: Gc<PyMap>, name: GcRef) -> PyResult<Gc<PyMap>> {
    if let Some(transitions) = map.transitions() {
        if let Some(next) = dict::get_str(transitions, name) {
            return Ok(next.downcast::<PyMap>().expect("transitions lead to maps"));
        }
    }
    let count = map.count() as usize;
    let names = new_items(count + 1)?;
    for i in 0..count {
        names.set(i, map.names().get(i));
    }
    let interned = pystr::intern(&pystr::to_string(name))?;
    names.set(count, Some(interned));
    let next = alloc(PyMap {
        names,
        count: count as i64 + 1,
        transitions: None,
        parent: Some(map),
    })?;
    let transitions = match map.transitions() {
        Some(t) => t,
        None => {
            let t = dict::new_dict()?;
            map.set_transitions(Some(t));
            t
        }
    };
    dict::set_item(transitions, interned, next.erase())?;
    Ok(next)
}

/// The dict holding an object's own attributes, if it keeps them in one.
fn own_dict(object: GcRef) -> Option<Gc<PyDict>> {
    if let Some(e) = object.downcast::<PyException>() {
        return e.dict();
    }
    if let Some(f) = object.downcast::<PyFunction>() {
        return f.dict();
    }
    if let Some(m) = object.downcast::<PyModule>() {
        return Some(m.dict());
    }
    if let Some(w) = object.downcast::<PyWrapper>() {
        return w.dict();
    }
    None
}

/// An attribute the object itself holds (not its type), if any.
pub fn get_own(object: GcRef, name: GcRef) -> PyResult<Option<GcRef>> {
    if let Some(i) = object.downcast::<PyInstance>() {
        if let Some(d) = i.dict() {
            return dict_get(d, name);
        }
        return Ok(
            map_index(i.map(), name).and_then(|index| i.storage().get(slot_count(i.cls()) + index))
        );
    }
    match own_dict(object) {
        Some(d) => dict_get(d, name),
        None => Ok(None),
    }
}

fn dict_get(d: Gc<PyDict>, name: GcRef) -> PyResult<Option<GcRef>> {
    if name.is::<PyStr>() {
        return Ok(dict::get_str(d, name));
    }
    dict::get_item(d, name)
}

/// Set (or with `None` delete) an attribute on the object itself. `Ok(false)` when the
/// object has no place for attributes of its own (or, deleting, does not have it).
pub fn set_own(object: GcRef, name: GcRef, value: Option<GcRef>) -> PyResult<bool> {
    if let Some(i) = object.downcast::<PyInstance>() {
        if i.cls().flags() & crate::objects::typeobject::TYPE_HAS_DICT == 0 {
            return Ok(false);
        }
        if let Some(d) = i.dict() {
            return dict_set(d, name, value);
        }
        let base = slot_count(i.cls());
        match (map_index(i.map(), name), value) {
            (Some(index), Some(v)) => {
                i.storage().set(base + index, Some(v));
                Ok(true)
            }
            (None, Some(v)) => {
                let map = map_with(i.map(), name)?;
                let needed = base + map.count() as usize;
                let storage = i.storage();
                if storage.len() < needed {
                    let grown = new_items(needed * 2)?;
                    for k in 0..storage.len() {
                        grown.set(k, storage.get(k));
                    }
                    i.set_storage(grown);
                }
                i.storage().set(needed - 1, Some(v));
                i.set_map(map);
                Ok(true)
            }
            (Some(_), None) => {
                // Deleting leaves the map's order behind: move to a dict.
                let d = instance_dict(i)?;
                dict_set(d, name, None)
            }
            (None, None) => Ok(false),
        }
    } else {
        let d = match own_dict(object) {
            Some(d) => d,
            None => {
                let d = dict::new_dict()?;
                if let Some(e) = object.downcast::<PyException>() {
                    e.set_dict(Some(d));
                } else if let Some(f) = object.downcast::<PyFunction>() {
                    f.set_dict(Some(d));
                } else {
                    return Ok(false);
                }
                d
            }
        };
        dict_set(d, name, value)
    }
}

fn dict_set(d: Gc<PyDict>, name: GcRef, value: Option<GcRef>) -> PyResult<bool> {
    match value {
        Some(v) => {
            dict::set_item(d, name, v)?;
            Ok(true)
        }
        None => Ok(dict::del_item(d, name)?.is_some()),
    }
}

/// The instance's `__dict__`, moving its map-stored attributes into a real dict the first
/// time (the dict is then the only store, so changes through it are seen).
pub fn instance_dict(i: Gc<PyInstance>) -> PyResult<Gc<PyDict>> {
    if let Some(d) = i.dict() {
        return Ok(d);
    }
    let d = dict::new_dict()?;
    let map = i.map();
    let base = slot_count(i.cls());
    for index in 0..map.count() as usize {
        if let Some(v) = i.storage().get(base + index) {
            let name = map.names().get(index).expect("a map name");
            dict::set_item(d, name, v)?;
        }
    }
    use_dict(i, d)?;
    Ok(d)
}

/// From now on the instance's attributes live in `d`. Its map becomes one of its own that
/// no inline cache has seen, so the caches (which check the map, not the dict) miss.
fn use_dict(i: Gc<PyInstance>, d: Gc<PyDict>) -> PyResult<()> {
    let detached = alloc(PyMap {
        names: new_items(0)?,
        count: 0,
        transitions: None,
        parent: None,
    })?;
    i.set_map(detached);
    i.set_dict(Some(d));
    Ok(())
}

/// `object.__dict__` for anything that has one (None if it has none).
pub fn dict_of(object: GcRef) -> PyResult<Option<Gc<PyDict>>> {
    if let Some(i) = object.downcast::<PyInstance>() {
        if i.cls().flags() & crate::objects::typeobject::TYPE_HAS_DICT == 0 {
            return Ok(None);
        }
        return instance_dict(i).map(Some);
    }
    if let Some(d) = own_dict(object) {
        return Ok(Some(d));
    }
    let d = dict::new_dict()?;
    if let Some(e) = object.downcast::<PyException>() {
        e.set_dict(Some(d));
        return Ok(Some(d));
    }
    if let Some(f) = object.downcast::<PyFunction>() {
        f.set_dict(Some(d));
        return Ok(Some(d));
    }
    Ok(None)
}

/// Replace an instance's attributes with the dict `d` (`obj.__dict__ = d`).
pub fn set_instance_dict(i: Gc<PyInstance>, d: Gc<PyDict>) -> PyResult<()> {
    use_dict(i, d)
}
