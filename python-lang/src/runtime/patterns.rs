//! What `match` statements ask at run time: is the subject a mapping or a sequence, the
//! values of a mapping pattern's keys, and the attributes of a class pattern.

use ferrite::GcRef;

use crate::objects::layout::*;
use crate::objects::typeobject::{self, type_name, type_name_of};
use crate::objects::{dict, new_items, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::ops;
use crate::runtime::space::{self, *};

fn is_instance(subject: GcRef, index: usize) -> bool {
    typeobject::is_instance_of_builtin(subject, index)
}

/// `MATCH_MAPPING`: dicts (and subclasses) and mapping proxies.
pub fn is_mapping(subject: GcRef) -> bool {
    is_instance(subject, T_DICT) || is_instance(subject, T_MAPPING_PROXY)
}

/// `MATCH_SEQUENCE`: lists, tuples, ranges (str, bytes and bytearray are not sequences
/// for patterns).
pub fn is_sequence(subject: GcRef) -> bool {
    is_instance(subject, T_LIST)
        || is_instance(subject, T_TUPLE)
        || is_instance(subject, T_RANGE)
        || is_instance(subject, T_MEMORYVIEW)
}

/// `MATCH_KEYS`: the values of `keys` in the mapping (a tuple), or None if one is
/// missing. With `with_rest`, a dict of the other items is appended.
pub fn match_keys(subject: GcRef, keys: GcRef, with_rest: bool) -> PyResult<Option<GcRef>> {
    let n = tuple::len(keys);
    let values = new_items(n + with_rest as usize)?;
    let seen = crate::objects::set::new_set(false)?;
    for i in 0..n {
        let key = tuple::get(keys, i);
        if crate::objects::set::contains(seen, key)? {
            return value_error(format!(
                "mapping pattern checks duplicate key ({})",
                ops::repr_string(key)?
            ));
        }
        crate::objects::set::add(seen, key)?;
        let value = match subject.downcast::<PyDict>() {
            Some(d) => dict::get_item(d, key)?,
            None => {
                let marker = crate::objects::alloc(PySingleton { kind: -1 })?.erase();
                let v = ops::call_method(subject, "get", &[key, marker])?;
                (v != marker).then_some(v)
            }
        };
        match value {
            Some(v) => values.set(i, Some(v)),
            None => return Ok(None),
        }
    }
    if with_rest {
        let rest = dict::new_dict()?;
        frame_ops_update(rest, subject)?;
        for i in 0..n {
            dict::del_item(rest, tuple::get(keys, i))?;
        }
        values.set(n, Some(rest.erase()));
    }
    Ok(Some(values.erase()))
}

fn frame_ops_update(target: ferrite::Gc<PyDict>, source: GcRef) -> PyResult<()> {
    crate::runtime::frame_ops::dict_update(target, source)
}

/// Built-in classes whose single positional sub-pattern matches the subject itself.
const SELF_MATCHING: [usize; 11] = [
    T_BOOL,
    T_BYTEARRAY,
    T_BYTES,
    T_DICT,
    T_FLOAT,
    T_FROZENSET,
    T_INT,
    T_LIST,
    T_SET,
    T_STR,
    T_TUPLE,
];

/// `MATCH_CLASS`: if `subject` is an instance of `class`, the tuple of its attributes for
/// the `positional` sub-patterns (through `__match_args__`) and the keyword names.
pub fn match_class(
    subject: GcRef,
    class: GcRef,
    positional: usize,
    names: GcRef,
) -> PyResult<Option<GcRef>> {
    let Some(cls) = class.downcast::<PyType>() else {
        return type_error("called match pattern must be a class");
    };
    if !ops::isinstance(subject, class)? {
        return Ok(None);
    }
    let keyword_count = tuple::len(names);
    let attributes = new_items(positional + keyword_count)?;
    let mut attribute_names: Vec<String> = Vec::new();
    if positional > 0 {
        let match_args = ops::getattr_opt(class, pystr::intern("__match_args__")?)?;
        match match_args {
            Some(args) if args.is::<Items>() => {
                let available = tuple::len(args);
                if positional > available {
                    let plural = if available == 1 { "" } else { "s" };
                    return type_error(format!(
                        "{}() accepts {available} positional sub-pattern{plural} ({positional} given)",
                        type_name(cls)
                    ));
                }
                for i in 0..positional {
                    let name = tuple::get(args, i);
                    if !name.is::<PyStr>() {
                        return type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            type_name_of(name)
                        ));
                    }
                    attribute_names.push(pystr::to_string(name));
                    match ops::getattr_opt(subject, name)? {
                        Some(v) => attributes.set(i, Some(v)),
                        None => return Ok(None),
                    }
                }
            }
            Some(args) => {
                return type_error(format!(
                    "{}.__match_args__ must be a tuple (got {})",
                    type_name(cls),
                    type_name_of(args)
                ));
            }
            None => {
                let self_matching = SELF_MATCHING.iter().any(|&i| cls == space::builtin_type(i));
                if self_matching && positional == 1 {
                    attributes.set(0, Some(subject));
                } else {
                    let accepted = if self_matching { 1 } else { 0 };
                    let plural = if accepted == 1 { "" } else { "s" };
                    return type_error(format!(
                        "{}() accepts {accepted} positional sub-pattern{plural} ({positional} given)",
                        type_name(cls)
                    ));
                }
            }
        }
    }
    for k in 0..keyword_count {
        let name = tuple::get(names, k);
        let text = pystr::to_string(name);
        if attribute_names.contains(&text) {
            return type_error(format!(
                "{}() got multiple sub-patterns for attribute '{text}'",
                type_name(cls)
            ));
        }
        attribute_names.push(text);
        match ops::getattr_opt(subject, name)? {
            Some(v) => attributes.set(positional + k, Some(v)),
            None => return Ok(None),
        }
    }
    Ok(Some(attributes.erase()))
}
