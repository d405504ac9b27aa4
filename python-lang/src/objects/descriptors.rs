//! The descriptor protocol: what an attribute found on a type becomes when it is read
//! through an instance or the type (`get`), whether it takes over assignment (`set`,
//! `is_data_descriptor`), and the built-in descriptors — functions, native methods,
//! `property`, `staticmethod`, `classmethod`, slot members, getset descriptors — and `super`.

use ferrite::{Gc, GcRef};

use crate::builtins::registry::{self, Args, NativeDef};
use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup_name, type_name, type_name_of};
use crate::objects::{alloc, instance, tuple};
use crate::runtime::call;
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};

fn wrapper_kind(attr: GcRef) -> Option<(Gc<PyWrapper>, usize)> {
    attr.downcast::<PyWrapper>().map(|w| (w, w.kind() as usize))
}

/// Whether `attr` (found on a type) is a data descriptor: it defines `__set__` or
/// `__delete__`, so it wins over the instance's own attributes.
pub fn is_data_descriptor(attr: GcRef) -> bool {
    if attr.is::<PyFunction>() || attr.is::<PyBuiltin>() || attr.is::<PyStr>() {
        return false;
    }
    if let Some((_, kind)) = wrapper_kind(attr) {
        return matches!(kind, T_PROPERTY | T_GETSET_DESCRIPTOR | T_MEMBER_DESCRIPTOR);
    }
    if !attr.is::<PyInstance>() {
        return false;
    }
    let t = space::type_of(attr);
    lookup_name(t, N::set).is_some() || lookup_name(t, N::delete).is_some()
}

/// `attr.__get__(object, owner)`: the value of an attribute found on `owner` (the type of
/// `object`, or the class itself when `object` is None).
pub fn get(attr: GcRef, object: Option<GcRef>, owner: Gc<PyType>) -> PyResult<GcRef> {
    if attr.is::<PyFunction>() {
        return match object {
            Some(receiver) => Ok(alloc(PyMethod {
                function: attr,
                receiver,
            })?
            .erase()),
            None => Ok(attr),
        };
    }
    if let Some(native) = attr.downcast::<PyBuiltin>() {
        // A method of a built-in type binds; a builtin function (say `len` stored in a
        // class) does not, as in CPython.
        let is_method = matches!(
            registry::native(native.id()).owner,
            registry::Owner::Type(_)
        );
        return match (object, native.bound()) {
            (Some(receiver), None) if is_method => Ok(alloc(PyBuiltin {
                id: native.id(),
                bound: Some(receiver),
            })?
            .erase()),
            _ => Ok(attr),
        };
    }
    if let Some((w, kind)) = wrapper_kind(attr) {
        return match kind {
            T_STATICMETHOD => Ok(w.first().expect("staticmethod's function")),
            T_CLASSMETHOD => {
                let function = w.first().expect("classmethod's function");
                Ok(alloc(PyMethod {
                    function,
                    receiver: owner.erase(),
                })?
                .erase())
            }
            T_PROPERTY => match object {
                None => Ok(attr),
                Some(o) => match w.first() {
                    Some(getter) if !crate::objects::is_none(getter) => {
                        call::call_function(getter, &[o])
                    }
                    _ => attribute_error(format!(
                        "property {}of '{}' object has no getter",
                        property_name(w),
                        type_name(owner)
                    )),
                },
            },
            T_GETSET_DESCRIPTOR => match object {
                None => Ok(attr),
                Some(o) => {
                    let getter = w
                        .first()
                        .expect("a getter")
                        .downcast::<PyBuiltin>()
                        .expect("native getter");
                    let args = Args::from_slice(&[o])?;
                    (registry::native(getter.id()).func)(&args)
                }
            },
            T_MEMBER_DESCRIPTOR => match object {
                None => Ok(attr),
                Some(o) => member_get(w, o),
            },
            _ => custom_get(attr, object, owner),
        };
    }
    if attr.is::<PyInstance>() {
        return custom_get(attr, object, owner);
    }
    Ok(attr)
}

/// `get` for calling the result right away (special methods): the same value.
#[inline]
pub fn bind(attr: GcRef, object: Option<GcRef>, owner: Gc<PyType>) -> PyResult<GcRef> {
    get(attr, object, owner)
}

/// A Python-level `__get__`.
fn custom_get(attr: GcRef, object: Option<GcRef>, owner: Gc<PyType>) -> PyResult<GcRef> {
    let t = space::type_of(attr);
    let Some(getter) = lookup_name(t, N::get) else {
        return Ok(attr);
    };
    let bound = get(getter, Some(attr), t)?;
    call::call_function(bound, &[object.unwrap_or_else(space::none), owner.erase()])
}

/// `attr.__set__(object, value)` (or `__delete__` when `value` is None) for a data
/// descriptor.
pub fn set(attr: GcRef, object: GcRef, value: Option<GcRef>) -> PyResult<()> {
    if let Some((w, kind)) = wrapper_kind(attr) {
        match kind {
            T_PROPERTY => {
                let (function, what) = match value {
                    Some(_) => (w.second(), "setter"),
                    None => (w.third(), "deleter"),
                };
                let Some(function) = function.filter(|f| !crate::objects::is_none(*f)) else {
                    return attribute_error(format!(
                        "property {}of '{}' object has no {what}",
                        property_name(w),
                        type_name_of(object)
                    ));
                };
                match value {
                    Some(v) => call::call_function(function, &[object, v])?,
                    None => call::call_function(function, &[object])?,
                };
                return Ok(());
            }
            T_GETSET_DESCRIPTOR => {
                let getter = w
                    .first()
                    .expect("a getter")
                    .downcast::<PyBuiltin>()
                    .expect("native");
                let name = registry::native(getter.id()).name;
                let Some(setter) = w.second().and_then(|s| s.downcast::<PyBuiltin>()) else {
                    return attribute_error(format!(
                        "attribute '{name}' of '{}' objects is not writable",
                        type_name_of(object)
                    ));
                };
                // Deleting passes None: the setters say what None means for them.
                let _ = name;
                let v = value.unwrap_or_else(space::none);
                let args = Args::from_slice(&[object, v])?;
                (registry::native(setter.id()).func)(&args)?;
                return Ok(());
            }
            T_MEMBER_DESCRIPTOR => return member_set(w, object, value),
            _ => {}
        }
    }
    let t = space::type_of(attr);
    let which = if value.is_some() { N::set } else { N::delete };
    let Some(method) = lookup_name(t, which) else {
        return attribute_error(if value.is_some() {
            "__set__"
        } else {
            "__delete__"
        });
    };
    let bound = get(method, Some(attr), t)?;
    match value {
        Some(v) => call::call_function(bound, &[object, v])?,
        None => call::call_function(bound, &[object])?,
    };
    Ok(())
}

/// `'name' ` of a property whose getter is a named function (CPython names it in errors).
fn property_name(w: Gc<PyWrapper>) -> String {
    let getter = w.first().filter(|g| !crate::objects::is_none(*g));
    match getter.and_then(|g| g.downcast::<PyFunction>()) {
        Some(f) => format!("'{}' ", crate::objects::str::to_string(f.name())),
        None => String::new(),
    }
}

// ---- __slots__ members -------------------------------------------------------------------

fn member_index(w: Gc<PyWrapper>) -> usize {
    let index = w.second().expect("a member's index");
    index.downcast::<PyInt>().expect("an int index").value() as usize
}

fn member_name(w: Gc<PyWrapper>) -> String {
    crate::objects::str::to_string(w.first().expect("a member's name"))
}

fn member_owner(w: Gc<PyWrapper>) -> Gc<PyType> {
    w.third()
        .and_then(|t| t.downcast::<PyType>())
        .expect("a member's class")
}

fn member_instance(w: Gc<PyWrapper>, object: GcRef) -> PyResult<Gc<PyInstance>> {
    let owner = member_owner(w);
    match object.downcast::<PyInstance>() {
        Some(i) if typeobject::is_subtype(i.cls(), owner) => Ok(i),
        _ => type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            member_name(w),
            type_name(owner),
            type_name_of(object)
        )),
    }
}

fn member_get(w: Gc<PyWrapper>, object: GcRef) -> PyResult<GcRef> {
    let i = member_instance(w, object)?;
    match i.storage().get(member_index(w)) {
        Some(v) => Ok(v),
        None => attribute_error(format!(
            "'{}' object has no attribute '{}'",
            type_name_of(object),
            member_name(w)
        )),
    }
}

fn member_set(w: Gc<PyWrapper>, object: GcRef, value: Option<GcRef>) -> PyResult<()> {
    let i = member_instance(w, object)?;
    let index = member_index(w);
    if value.is_none() && i.storage().get(index).is_none() {
        // Deleting an unset slot: CPython's message is just the name.
        return attribute_error(member_name(w));
    }
    i.storage().set(index, value);
    Ok(())
}

// ---- super -------------------------------------------------------------------------------

/// `super(type, object)`: a `PyWrapper` of kind `T_SUPER` with the class to start after
/// (`first`), the object (`second`) and the type whose MRO is searched (`third`).
pub fn new_super(start: GcRef, object: GcRef) -> PyResult<GcRef> {
    let Some(start_type) = start.downcast::<PyType>() else {
        return type_error(format!(
            "super() argument 1 must be a type, not {}",
            type_name_of(start)
        ));
    };
    let search = match object.downcast::<PyType>() {
        Some(t) if typeobject::is_subtype(t, start_type) => t,
        _ => {
            let t = space::type_of(object);
            if !typeobject::is_subtype(t, start_type) {
                return type_error("super(type, obj): obj must be an instance or subtype of type");
            }
            t
        }
    };
    Ok(alloc(PyWrapper {
        kind: T_SUPER as i64,
        first: Some(start),
        second: Some(object),
        third: Some(search.erase()),
        fourth: None,
        dict: None,
    })?
    .erase())
}

/// An attribute of a `super` object: the MRO of the object's type after `start`.
pub fn super_getattr(w: Gc<PyWrapper>, name: GcRef) -> PyResult<Option<GcRef>> {
    // `super().__class__` is the super object's class, as CPython special-cases it.
    if crate::objects::str::eq_text(name, "__class__") {
        return Ok(None);
    }
    let start = w.first().expect("super's class");
    let object = w.second().expect("super's object");
    let search = w
        .third()
        .and_then(|t| t.downcast::<PyType>())
        .expect("super's type");
    let mro = search.mro();
    let n = tuple::len(mro);
    let mut i = 0;
    while i < n && tuple::get(mro, i) != start {
        i += 1;
    }
    i += 1;
    while i < n {
        let base = tuple::get(mro, i)
            .downcast::<PyType>()
            .expect("the MRO holds types");
        if let Some(attr) = crate::objects::dict::get_str(base.dict(), name) {
            // Through super, a class object binds classmethods to itself and functions not
            // at all; an instance binds as usual.
            let receiver = if object == search.erase() {
                None
            } else {
                Some(object)
            };
            return get(attr, receiver, search).map(Some);
        }
        i += 1;
    }
    if crate::objects::str::eq_text(name, "__class__") {
        return Ok(Some(space::type_of(w.erase()).erase()));
    }
    Ok(None)
}

// ---- the Python-visible types: property, staticmethod, classmethod, super ----------------

pub fn methods() -> Vec<NativeDef> {
    use registry::*;
    vec![
        static_method(T_PROPERTY, "__new__", property_new),
        method(T_PROPERTY, "__init__", property_init),
        method(T_PROPERTY, "__get__", property_dunder_get),
        method(T_PROPERTY, "__set__", property_dunder_set),
        method(T_PROPERTY, "__delete__", property_dunder_delete),
        method(T_PROPERTY, "getter", property_getter),
        method(T_PROPERTY, "setter", property_setter),
        method(T_PROPERTY, "deleter", property_deleter),
        property(T_PROPERTY, "fget", property_fget, None),
        property(T_PROPERTY, "fset", property_fset, None),
        property(T_PROPERTY, "fdel", property_fdel, None),
        property(T_PROPERTY, "__doc__", property_doc, None),
        property(
            T_PROPERTY,
            "__isabstractmethod__",
            property_isabstract,
            None,
        ),
        static_method(T_STATICMETHOD, "__new__", staticmethod_new),
        method(T_STATICMETHOD, "__init__", wrapper_init),
        method(T_STATICMETHOD, "__get__", staticmethod_get),
        method(T_STATICMETHOD, "__call__", staticmethod_call),
        property(T_STATICMETHOD, "__func__", wrapped_function, None),
        property(T_STATICMETHOD, "__wrapped__", wrapped_function, None),
        property(
            T_STATICMETHOD,
            "__isabstractmethod__",
            wrapped_isabstract,
            None,
        ),
        static_method(T_CLASSMETHOD, "__new__", classmethod_new),
        method(T_CLASSMETHOD, "__init__", wrapper_init),
        method(T_CLASSMETHOD, "__get__", classmethod_get),
        property(T_CLASSMETHOD, "__func__", wrapped_function, None),
        property(T_CLASSMETHOD, "__wrapped__", wrapped_function, None),
        property(
            T_CLASSMETHOD,
            "__isabstractmethod__",
            wrapped_isabstract,
            None,
        ),
        static_method(T_SUPER, "__new__", super_new),
        method(T_SUPER, "__init__", wrapper_init),
        method(T_SUPER, "__repr__", super_repr),
        property(T_SUPER, "__thisclass__", super_thisclass, None),
        property(T_SUPER, "__self__", super_self, None),
        property(T_SUPER, "__self_class__", super_self_class, None),
        method(T_MEMBER_DESCRIPTOR, "__get__", descriptor_dunder_get),
        method(T_MEMBER_DESCRIPTOR, "__set__", descriptor_dunder_set),
        method(T_MEMBER_DESCRIPTOR, "__repr__", member_repr),
        method(T_GETSET_DESCRIPTOR, "__get__", descriptor_dunder_get),
        method(T_GETSET_DESCRIPTOR, "__set__", descriptor_dunder_set),
    ]
}

fn as_wrapper(object: GcRef, kind: usize, what: &str) -> PyResult<Gc<PyWrapper>> {
    match object.downcast::<PyWrapper>() {
        Some(w) if w.kind() as usize == kind => Ok(w),
        _ => match object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .and_then(|b| b.downcast::<PyWrapper>())
        {
            Some(w) if w.kind() as usize == kind => Ok(w),
            _ => type_error(format!(
                "descriptor requires a '{what}' object but received a '{}'",
                type_name_of(object)
            )),
        },
    }
}

/// Make a wrapper of built-in kind `kind` for `cls` (a subclass gets an instance holding it).
fn new_wrapper_for(cls: GcRef, kind: usize, fields: [Option<GcRef>; 4]) -> PyResult<GcRef> {
    let w = alloc(PyWrapper {
        kind: kind as i64,
        first: fields[0],
        second: fields[1],
        third: fields[2],
        fourth: fields[3],
        dict: None,
    })?
    .erase();
    let cls = cls.downcast::<PyType>().expect("a class");
    if cls == space::builtin_type(kind) {
        return Ok(w);
    }
    let i = instance::new_instance(cls)?;
    i.set_base(Some(w));
    Ok(i.erase())
}

fn property_new(args: &Args) -> PyResult<GcRef> {
    new_wrapper_for(args.get(0), T_PROPERTY, [None, None, None, None])
}

fn property_init(args: &Args) -> PyResult<GcRef> {
    let w = as_wrapper(args.get(0), T_PROPERTY, "property")?;
    args.check_keywords("property", &["fget", "fset", "fdel", "doc"])?;
    let value = |i: usize, name: &str| args.get_opt(i + 1).or_else(|| args.keyword(name));
    let fget = value(0, "fget");
    w.set_first(fget);
    w.set_second(value(1, "fset"));
    w.set_third(value(2, "fdel"));
    let mut doc = value(3, "doc").filter(|d| !crate::objects::is_none(*d));
    if doc.is_none() {
        if let Some(f) = fget.and_then(|f| f.downcast::<PyFunction>()) {
            doc = Some(f.doc());
        }
    }
    w.set_fourth(doc);
    Ok(space::none())
}

fn property_dunder_get(args: &Args) -> PyResult<GcRef> {
    let object = args.get(1);
    let owner = args
        .get_opt(2)
        .and_then(|o| o.downcast::<PyType>())
        .unwrap_or_else(|| space::type_of(object));
    if crate::objects::is_none(object) {
        return Ok(args.get(0));
    }
    get(args.get(0), Some(object), owner)
}

fn property_dunder_set(args: &Args) -> PyResult<GcRef> {
    set(args.get(0), args.get(1), Some(args.get(2)))?;
    Ok(space::none())
}

fn property_dunder_delete(args: &Args) -> PyResult<GcRef> {
    set(args.get(0), args.get(1), None)?;
    Ok(space::none())
}

/// A copy of the property with one accessor replaced (`@x.setter`).
fn property_copy(args: &Args, which: usize) -> PyResult<GcRef> {
    let w = as_wrapper(args.get(0), T_PROPERTY, "property")?;
    let mut fields = [w.first(), w.second(), w.third(), w.fourth()];
    fields[which] = Some(args.get(1));
    let cls = space::type_of(args.get(0)).erase();
    let copy = new_wrapper_for(cls, T_PROPERTY, fields)?;
    if which == 0 {
        if let Some(f) = args.get(1).downcast::<PyFunction>() {
            let cw = as_wrapper(copy, T_PROPERTY, "property")?;
            if w.fourth().is_none_or(crate::objects::is_none) {
                cw.set_fourth(Some(f.doc()));
            }
        }
    }
    Ok(copy)
}

fn property_getter(args: &Args) -> PyResult<GcRef> {
    property_copy(args, 0)
}

fn property_setter(args: &Args) -> PyResult<GcRef> {
    property_copy(args, 1)
}

fn property_deleter(args: &Args) -> PyResult<GcRef> {
    property_copy(args, 2)
}

fn property_fget(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_wrapper(args.get(0), T_PROPERTY, "property")?.first(),
    ))
}

fn property_fset(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_wrapper(args.get(0), T_PROPERTY, "property")?.second(),
    ))
}

fn property_fdel(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_wrapper(args.get(0), T_PROPERTY, "property")?.third(),
    ))
}

fn property_doc(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_wrapper(args.get(0), T_PROPERTY, "property")?.fourth(),
    ))
}

fn is_abstract(function: Option<GcRef>) -> PyResult<bool> {
    match function {
        Some(f) if !crate::objects::is_none(f) => match crate::runtime::ops::getattr_opt(
            f,
            crate::objects::str::intern("__isabstractmethod__")?,
        )? {
            Some(v) => crate::runtime::ops::truthy(v),
            None => Ok(false),
        },
        _ => Ok(false),
    }
}

fn property_isabstract(args: &Args) -> PyResult<GcRef> {
    let w = as_wrapper(args.get(0), T_PROPERTY, "property")?;
    let abstract_ = is_abstract(w.first())? || is_abstract(w.second())? || is_abstract(w.third())?;
    Ok(space::bool_(abstract_))
}

fn staticmethod_new(args: &Args) -> PyResult<GcRef> {
    args.expect_positional("staticmethod", 2, 2)?;
    new_wrapper_for(
        args.get(0),
        T_STATICMETHOD,
        [Some(args.get(1)), None, None, None],
    )
}

fn classmethod_new(args: &Args) -> PyResult<GcRef> {
    args.expect_positional("classmethod", 2, 2)?;
    new_wrapper_for(
        args.get(0),
        T_CLASSMETHOD,
        [Some(args.get(1)), None, None, None],
    )
}

/// `__init__` of wrappers made complete by `__new__`.
fn wrapper_init(_args: &Args) -> PyResult<GcRef> {
    Ok(space::none())
}

fn staticmethod_get(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_wrapper(args.get(0), T_STATICMETHOD, "staticmethod")?.first(),
    ))
}

/// Static methods are callable (3.10+): the call goes to the function.
fn staticmethod_call(args: &Args) -> PyResult<GcRef> {
    let w = as_wrapper(args.get(0), T_STATICMETHOD, "staticmethod")?;
    call::call_with_args(crate::objects::or_none(w.first()), &args.shifted())
}

fn classmethod_get(args: &Args) -> PyResult<GcRef> {
    let w = as_wrapper(args.get(0), T_CLASSMETHOD, "classmethod")?;
    let owner = match args.get_opt(2).filter(|o| !crate::objects::is_none(*o)) {
        Some(o) => o,
        None => space::type_of(args.get(1)).erase(),
    };
    Ok(alloc(PyMethod {
        function: w.first().expect("function"),
        receiver: owner,
    })?
    .erase())
}

fn wrapped_function(args: &Args) -> PyResult<GcRef> {
    let w = args.get(0).downcast::<PyWrapper>().expect("a wrapper");
    Ok(crate::objects::or_none(w.first()))
}

fn wrapped_isabstract(args: &Args) -> PyResult<GcRef> {
    let w = args.get(0).downcast::<PyWrapper>().expect("a wrapper");
    Ok(space::bool_(is_abstract(w.first())?))
}

/// `super()` with no arguments finds the class in the calling function's `__class__`
/// cell and the object in its first argument.
fn super_new(args: &Args) -> PyResult<GcRef> {
    match args.len() {
        3 => new_super(args.get(1), args.get(2)),
        2 => type_error("super() with one argument is not supported"),
        1 => {
            let Some(frame) = space::current_frame() else {
                return runtime_error("super(): no current frame");
            };
            let code = frame.code();
            if code.arg_count() == 0
                && code.flags() & crate::compiler::bytecode::flags::VARARGS == 0
            {
                return runtime_error("super(): no arguments");
            }
            let first = match frame.slots().get(0) {
                Some(v) => v,
                None => {
                    // The first argument may have moved into a cell.
                    let cell_from_arg = code.cell_from_arg();
                    let mut found = None;
                    for c in 0..cell_from_arg.len() {
                        if cell_from_arg.get(c) == 0 {
                            let slot = code.local_count() as usize + c;
                            found = frame
                                .slots()
                                .get(slot)
                                .and_then(|cell| cell.downcast::<PyCell>())
                                .and_then(|cell| cell.contents());
                        }
                    }
                    match found {
                        Some(v) => v,
                        None => return runtime_error("super(): arg[0] deleted"),
                    }
                }
            };
            let class = crate::runtime::code::class_cell(frame);
            match class {
                Some(c) => new_super(c, first),
                None => runtime_error("super(): __class__ cell not found"),
            }
        }
        _ => type_error("super() takes at most 2 arguments"),
    }
}

fn super_repr(args: &Args) -> PyResult<GcRef> {
    let w = as_wrapper(args.get(0), T_SUPER, "super")?;
    let start = w
        .first()
        .and_then(|t| t.downcast::<PyType>())
        .expect("a class");
    let search = w
        .third()
        .and_then(|t| t.downcast::<PyType>())
        .expect("a class");
    crate::objects::str::new_string(format!(
        "<super: <class '{}'>, <{} object>>",
        type_name(start),
        type_name(search)
    ))
}

fn super_thisclass(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_wrapper(args.get(0), T_SUPER, "super")?.first(),
    ))
}

fn super_self(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_wrapper(args.get(0), T_SUPER, "super")?.second(),
    ))
}

fn super_self_class(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_wrapper(args.get(0), T_SUPER, "super")?.third(),
    ))
}

fn descriptor_dunder_get(args: &Args) -> PyResult<GcRef> {
    let object = args.get(1);
    if crate::objects::is_none(object) {
        return Ok(args.get(0));
    }
    get(args.get(0), Some(object), space::type_of(object))
}

fn descriptor_dunder_set(args: &Args) -> PyResult<GcRef> {
    set(args.get(0), args.get(1), Some(args.get(2)))?;
    Ok(space::none())
}

fn member_repr(args: &Args) -> PyResult<GcRef> {
    let w = as_wrapper(args.get(0), T_MEMBER_DESCRIPTOR, "member_descriptor")?;
    crate::objects::str::new_string(format!(
        "<member '{}' of '{}' objects>",
        member_name(w),
        type_name(member_owner(w))
    ))
}

/// Whether a type attribute found by `lookup` is a plain function (so a method call can
/// skip making a bound method).
pub fn is_plain_method(attr: GcRef) -> bool {
    attr.is::<PyFunction>()
        || attr.downcast::<PyBuiltin>().is_some_and(|b| {
            b.bound().is_none()
                && matches!(registry::native(b.id()).owner, registry::Owner::Type(_))
        })
}
