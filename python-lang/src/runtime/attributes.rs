//! Attribute access: `getattr`/`setattr`/`delattr` with `__getattribute__`,
//! `__getattr__` and `__setattr__` hooks, the generic lookup (data descriptors, the
//! object's own attributes, then the type's), `super`, and module `__getattr__`.

use ferrite::{Gc, GcRef};

use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup, lookup_name, type_name_of};
use crate::objects::{descriptors, dict, instance, str as pystr};
use crate::runtime::call;
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};

pub fn getattr(object: GcRef, name: GcRef) -> PyResult<GcRef> {
    match getattr_opt(object, name)? {
        Some(v) => Ok(v),
        None => Err(attribute_missing(object, name)),
    }
}

pub fn attribute_missing(object: GcRef, name: GcRef) -> Gc<PyException> {
    let n = pystr::to_string(name);
    let message = if let Some(t) = object.downcast::<PyType>() {
        format!(
            "type object '{}' has no attribute '{n}'",
            typeobject::type_name(t)
        )
    } else if let Some(m) = object.downcast::<PyModule>() {
        let module_name = dict::get_str(m.dict(), space::name(N::name))
            .map(pystr::to_string)
            .unwrap_or_default();
        format!("module '{module_name}' has no attribute '{n}'")
    } else {
        format!("'{}' object has no attribute '{n}'", type_name_of(object))
    };
    note_attribute_error(new_exception(T_ATTRIBUTE_ERROR, &message), object, name)
}

/// Record the object and name on an AttributeError (for "Did you mean").
fn note_attribute_error(e: Gc<PyException>, object: GcRef, name: GcRef) -> Gc<PyException> {
    let record = || -> PyResult<()> {
        crate::objects::instance::set_own(e.erase(), pystr::intern("name")?, Some(name))?;
        crate::objects::instance::set_own(e.erase(), pystr::intern("obj")?, Some(object))?;
        Ok(())
    };
    match record() {
        Ok(()) => e,
        Err(error) => error,
    }
}

/// `getattr(object, name)`, with `None` for a missing attribute (AttributeError raised by
/// `__getattr__` or a property also counts as missing).
pub fn getattr_opt(object: GcRef, name: GcRef) -> PyResult<Option<GcRef>> {
    let found = getattr_found(object, name)?;
    if found.is_none() {
        if let Some(m) = object.downcast::<PyModule>() {
            // PEP 562: a module's own `__getattr__` answers for missing names.
            if let Some(hook) = dict::get_str(m.dict(), space::name(N::getattr)) {
                return match call::call_function(hook, &[name]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if is_instance_of(e, T_ATTRIBUTE_ERROR) => Ok(None),
                    Err(e) => Err(e),
                };
            }
        }
    }
    Ok(found)
}

fn getattr_found(object: GcRef, name: GcRef) -> PyResult<Option<GcRef>> {
    if let Some(w) = object.downcast::<PyWrapper>() {
        if w.kind() as usize == T_SUPER {
            if let Some(v) = descriptors::super_getattr(w, name)? {
                return Ok(Some(v));
            }
        }
    }
    let t = space::type_of(object);
    if t.flags() & typeobject::TYPE_CUSTOM_GETATTR != 0 {
        return custom_getattr(object, t, name);
    }
    generic_getattr(object, t, name)
}

fn custom_getattr(object: GcRef, t: Gc<PyType>, name: GcRef) -> PyResult<Option<GcRef>> {
    let getattribute = lookup_name(t, N::getattribute).expect("object.__getattribute__");
    let first = if getattribute.is::<PyBuiltin>() {
        generic_getattr(object, t, name)
    } else {
        let bound = descriptors::bind(getattribute, Some(object), t)?;
        match call::call_function(bound, &[name]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if is_instance_of(e, T_ATTRIBUTE_ERROR) => Ok(None),
            Err(e) => Err(e),
        }
    };
    match first? {
        Some(v) => Ok(Some(v)),
        None => match lookup_name(t, N::getattr) {
            Some(getattr) => {
                let bound = descriptors::bind(getattr, Some(object), t)?;
                match call::call_function(bound, &[name]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if is_instance_of(e, T_ATTRIBUTE_ERROR) => Err(e),
                    Err(e) => Err(e),
                }
            }
            None => Ok(None),
        },
    }
}

/// `object.__getattribute__`: data descriptors on the type, then the instance's own
/// attributes, then other type attributes (bound if descriptors).
pub fn generic_getattr(object: GcRef, t: Gc<PyType>, name: GcRef) -> PyResult<Option<GcRef>> {
    if let Some(ty) = object.downcast::<PyType>() {
        return type_getattr(ty, name);
    }
    let class_attr = lookup(t, name);
    if let Some(attr) = class_attr {
        if descriptors::is_data_descriptor(attr) {
            return descriptors::get(attr, Some(object), t).map(Some);
        }
    }
    if let Some(value) = instance::get_own(object, name)? {
        return Ok(Some(value));
    }
    match class_attr {
        Some(attr) => descriptors::get(attr, Some(object), t).map(Some),
        None => Ok(None),
    }
}

fn type_getattr(t: Gc<PyType>, name: GcRef) -> PyResult<Option<GcRef>> {
    let meta = space::type_of(t.erase());
    let meta_attr = lookup(meta, name);
    if let Some(attr) = meta_attr {
        if descriptors::is_data_descriptor(attr) {
            return descriptors::get(attr, Some(t.erase()), meta).map(Some);
        }
    }
    if let Some(attr) = lookup(t, name) {
        return descriptors::get(attr, None, t).map(Some);
    }
    match meta_attr {
        Some(attr) => descriptors::get(attr, Some(t.erase()), meta).map(Some),
        None => {
            if meta != space::builtin_type(T_TYPE) {
                if let Some(getattr) = lookup_name(meta, N::getattr) {
                    let bound = descriptors::bind(getattr, Some(t.erase()), meta)?;
                    return match call::call_function(bound, &[name]) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) if is_instance_of(e, T_ATTRIBUTE_ERROR) => Ok(None),
                        Err(e) => Err(e),
                    };
                }
            }
            Ok(None)
        }
    }
}

pub fn setattr(object: GcRef, name: GcRef, value: GcRef) -> PyResult<()> {
    let t = space::type_of(object);
    if let Some(setter) = lookup_name(t, N::setattr) {
        if !setter.is::<PyBuiltin>() {
            let bound = descriptors::bind(setter, Some(object), t)?;
            call::call_function(bound, &[name, value])?;
            return Ok(());
        }
    }
    generic_setattr(object, t, name, Some(value))
}

pub fn delattr(object: GcRef, name: GcRef) -> PyResult<()> {
    let t = space::type_of(object);
    if let Some(deleter) = lookup_name(t, N::delattr) {
        if !deleter.is::<PyBuiltin>() {
            let bound = descriptors::bind(deleter, Some(object), t)?;
            call::call_function(bound, &[name])?;
            return Ok(());
        }
    }
    generic_setattr(object, t, name, None)
}

/// `object.__setattr__`/`__delattr__` (`value` None deletes).
pub fn generic_setattr(
    object: GcRef,
    t: Gc<PyType>,
    name: GcRef,
    value: Option<GcRef>,
) -> PyResult<()> {
    if let Some(ty) = object.downcast::<PyType>() {
        if ty.flags() & typeobject::TYPE_HEAP == 0 {
            return type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                pystr::to_string(name),
                typeobject::type_name(ty)
            ));
        }
        let meta = space::type_of(object);
        if let Some(attr) = lookup(meta, name) {
            if descriptors::is_data_descriptor(attr) {
                return descriptors::set(attr, object, value);
            }
        }
        typeobject::invalidate(ty);
        match value {
            Some(v) => dict::set_item(ty.dict(), name, v)?,
            None => {
                if dict::del_item(ty.dict(), name)?.is_none() {
                    return Err(attribute_missing(object, name));
                }
            }
        }
        typeobject::update_custom_getattr(ty);
        return Ok(());
    }
    if let Some(attr) = lookup(t, name) {
        if descriptors::is_data_descriptor(attr) {
            return descriptors::set(attr, object, value);
        }
    }
    if instance::set_own(object, name, value)? {
        return Ok(());
    }
    if value.is_none() {
        return Err(attribute_missing(object, name));
    }
    if lookup(t, name).is_some() {
        return attribute_error(format!(
            "'{}' object attribute '{}' is read-only",
            typeobject::type_name(t),
            pystr::to_string(name)
        ));
    }
    attribute_error(format!(
        "'{}' object has no attribute '{}'",
        typeobject::type_name(t),
        pystr::to_string(name)
    ))
}
