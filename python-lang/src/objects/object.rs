//! `object`'s methods (the defaults every class inherits) and those of the singletons
//! `None`, `NotImplemented` and `Ellipsis`.

use ferrite::GcRef;

use crate::builtins::registry::{self, Args, NativeDef};
use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup_name, type_name, type_name_of};
use crate::objects::{dict, instance, new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};

pub fn methods() -> Vec<NativeDef> {
    use registry::*;
    vec![
        static_method(T_OBJECT, "__new__", object_new),
        method(T_OBJECT, "__init__", object_init),
        method(T_OBJECT, "__repr__", object_repr),
        method(T_OBJECT, "__str__", object_str),
        method(T_OBJECT, "__eq__", object_eq),
        method(T_OBJECT, "__ne__", object_ne),
        method(T_OBJECT, "__lt__", not_implemented),
        method(T_OBJECT, "__le__", not_implemented),
        method(T_OBJECT, "__gt__", not_implemented),
        method(T_OBJECT, "__ge__", not_implemented),
        method(T_OBJECT, "__hash__", object_hash),
        method(T_OBJECT, "__getattribute__", object_getattribute),
        method(T_OBJECT, "__setattr__", object_setattr),
        method(T_OBJECT, "__delattr__", object_delattr),
        class_method(T_OBJECT, "__init_subclass__", object_init_subclass),
        class_method(T_OBJECT, "__subclasshook__", not_implemented),
        method(T_OBJECT, "__format__", object_format),
        method(T_OBJECT, "__dir__", object_dir),
        method(T_OBJECT, "__sizeof__", object_sizeof),
        method(T_OBJECT, "__reduce_ex__", object_reduce_ex),
        property(T_OBJECT, "__class__", object_class, Some(object_set_class)),
        property(T_OBJECT, "__dict__", object_dict, Some(object_set_dict)),
        method(T_NONE, "__repr__", none_repr),
        method(T_NONE, "__bool__", false_),
        static_method(T_NONE, "__new__", none_new),
        method(T_NOT_IMPLEMENTED, "__repr__", not_implemented_repr),
        method(T_ELLIPSIS, "__repr__", ellipsis_repr),
        static_method(T_MODULE, "__new__", module_new),
        method(T_MODULE, "__init__", module_init),
        method(T_MODULE, "__repr__", module_repr),
        method(T_MODULE, "__dir__", module_dir),
        property(
            T_MODULE,
            "__dict__",
            crate::objects::function::object_dict,
            None,
        ),
        method(T_MAPPING_PROXY, "__getitem__", mappingproxy_getitem),
        method(T_MAPPING_PROXY, "__contains__", mappingproxy_contains),
        method(T_MAPPING_PROXY, "__iter__", mappingproxy_iter),
        method(T_MAPPING_PROXY, "__len__", mappingproxy_len),
        method(T_MAPPING_PROXY, "keys", mappingproxy_keys),
        method(T_MAPPING_PROXY, "values", mappingproxy_values),
        method(T_MAPPING_PROXY, "items", mappingproxy_items),
        method(T_MAPPING_PROXY, "get", mappingproxy_get),
        method(T_MAPPING_PROXY, "__repr__", mappingproxy_repr),
    ]
}

fn excess_args(args: &Args) -> bool {
    args.count > 1
}

fn object_new(args: &Args) -> PyResult<GcRef> {
    let Some(cls) = args.get(0).downcast::<PyType>() else {
        return type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            type_name_of(args.get(0))
        ));
    };
    if excess_args(args) {
        let new = lookup_name(cls, N::new);
        let new_is_ours = new.is_some_and(|n| {
            n.downcast::<PyWrapper>()
                .and_then(|w| w.first())
                .is_some_and(|f| f.is::<PyBuiltin>())
                || n.is::<PyBuiltin>()
        });
        if !new_is_ours {
            return type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            );
        }
        let init = lookup_name(cls, N::init);
        if init.is_some_and(|i| i.is::<PyBuiltin>()) {
            return type_error(format!("{}() takes no arguments", type_name(cls)));
        }
    }
    if cls.layout() == typeobject::LAYOUT_VALUE && cls.builtin_index() as usize != T_OBJECT {
        return type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            type_name(cls),
            type_name(space::builtin_type(cls.builtin_index() as usize))
        ));
    }
    call::new_object(cls)
}

fn object_init(args: &Args) -> PyResult<GcRef> {
    if excess_args(args) {
        let t = space::type_of(args.get(0));
        let init = lookup_name(t, N::init);
        if !init.is_some_and(|i| i.is::<PyBuiltin>()) {
            return type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            );
        }
        let new = lookup_name(t, N::new);
        let new_is_ours = new.is_some_and(|n| {
            n.downcast::<PyWrapper>()
                .and_then(|w| w.first())
                .is_some_and(|f| f.is::<PyBuiltin>())
        });
        if new_is_ours {
            return type_error(format!(
                "{}() takes exactly one argument (the instance to initialize)",
                type_name(t)
            ));
        }
    }
    Ok(space::none())
}

/// `module.qualname` of a class, as reprs show it (no module for builtins).
pub fn qualified_name(t: ferrite::Gc<PyType>) -> String {
    let qualname = pystr::to_string(t.qualname());
    match dict::get_str(t.dict(), space::name(N::module))
        .filter(|m| m.is::<PyStr>())
        .map(pystr::to_string)
    {
        Some(m) if m != "builtins" => format!("{m}.{qualname}"),
        _ => qualname,
    }
}

fn object_repr(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    let t = space::type_of(object);
    pystr::new_string(format!(
        "<{} object at {:#x}>",
        qualified_name(t),
        object.address()
    ))
}

fn object_str(args: &Args) -> PyResult<GcRef> {
    ops::repr(args.get(0))
}

fn object_eq(args: &Args) -> PyResult<GcRef> {
    if args.get(0) == args.get(1) {
        return Ok(space::bool_(true));
    }
    Ok(space::not_implemented())
}

fn object_ne(args: &Args) -> PyResult<GcRef> {
    let result = ops::call_special_or_none(args.get(0), N::eq, &[args.get(1)])?;
    match result {
        Some(r) if !ops::is_not_implemented(r) => Ok(space::bool_(!ops::truthy(r)?)),
        _ => Ok(space::not_implemented()),
    }
}

fn not_implemented(_args: &Args) -> PyResult<GcRef> {
    Ok(space::not_implemented())
}

thread_local! {
    static NEXT_IDENTITY_HASH: std::cell::Cell<i64> = const { std::cell::Cell::new(0x1000) };
}

/// `object.__hash__`: fixed for the object's life. Instances keep theirs in the object
/// (numbered as allocated, spread out as CPython's address-based hashes are); other
/// objects use their `id()`.
fn object_hash(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    if let Some(i) = object.downcast::<PyInstance>() {
        if i.identity_hash() == 0 {
            let next = NEXT_IDENTITY_HASH.with(|n| {
                let v = n.get();
                n.set(v + 1);
                v
            });
            i.set_identity_hash(next.wrapping_mul(0x9e37_79b9) & 0x3fff_ffff_ffff);
        }
        return new_int(i.identity_hash());
    }
    let id = crate::runtime::identity::id_of(object)? as u64;
    new_int(id.rotate_right(4) as i64 & i64::MAX)
}

fn object_getattribute(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    let name = args.get(1);
    if !name.is::<PyStr>() {
        return type_error(format!(
            "attribute name must be string, not '{}'",
            type_name_of(name)
        ));
    }
    match ops::generic_getattr(object, space::type_of(object), name)? {
        Some(v) => Ok(v),
        None => Err(ops::attribute_missing(object, name)),
    }
}

fn object_setattr(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    let name = args.get(1);
    if !name.is::<PyStr>() {
        return type_error(format!(
            "attribute name must be string, not '{}'",
            type_name_of(name)
        ));
    }
    ops::generic_setattr(object, space::type_of(object), name, Some(args.get(2)))?;
    Ok(space::none())
}

fn object_delattr(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    ops::generic_setattr(object, space::type_of(object), args.get(1), None)?;
    Ok(space::none())
}

fn object_init_subclass(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 || args.len() > 1 {
        let cls = args
            .get(0)
            .downcast::<PyType>()
            .map(type_name)
            .unwrap_or_default();
        return type_error(format!(
            "{cls}.__init_subclass__() takes no keyword arguments"
        ));
    }
    Ok(space::none())
}

fn object_format(args: &Args) -> PyResult<GcRef> {
    let spec = args.get(1);
    if !spec.is::<PyStr>() {
        return type_error(format!(
            "format() argument 2 must be str, not {}",
            type_name_of(spec)
        ));
    }
    if pystr::eq_text(spec, "") {
        return ops::str_(args.get(0));
    }
    type_error(format!(
        "unsupported format string passed to {}.__format__",
        type_name_of(args.get(0))
    ))
}

/// `dir(object)`: instance attributes, then those of the class and its bases, sorted.
fn object_dir(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    let names = crate::objects::set::new_set(false)?;
    if let Some(d) = instance::dict_of(object)? {
        crate::objects::set::update(names, d.erase())?;
    }
    let t = space::type_of(object);
    let mro = t.mro();
    for i in 0..crate::objects::tuple::len(mro) {
        let base = crate::objects::tuple::get(mro, i)
            .downcast::<PyType>()
            .expect("a type");
        crate::objects::set::update(names, base.dict().erase())?;
    }
    let result = ops::collect_list(names.erase())?;
    crate::builtins::sort_list(result, None, false)?;
    Ok(result.erase())
}

fn object_sizeof(args: &Args) -> PyResult<GcRef> {
    let _ = args;
    new_int(16)
}

fn object_reduce_ex(args: &Args) -> PyResult<GcRef> {
    type_error(format!(
        "cannot pickle '{}' object",
        type_name_of(args.get(0))
    ))
}

fn object_class(args: &Args) -> PyResult<GcRef> {
    Ok(space::type_of(args.get(0)).erase())
}

fn object_set_class(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    let Some(new_class) = args.get(1).downcast::<PyType>() else {
        return type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            type_name_of(args.get(1))
        ));
    };
    match object.downcast::<PyInstance>() {
        Some(i)
            if new_class.layout() == i.cls().layout()
                && new_class.flags() & typeobject::TYPE_HEAP != 0 =>
        {
            let d = instance::instance_dict(i)?;
            i.set_cls(new_class);
            i.set_dict(Some(d));
            Ok(space::none())
        }
        _ => type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ),
    }
}

fn object_dict(args: &Args) -> PyResult<GcRef> {
    crate::objects::function::object_dict(args)
}

fn object_set_dict(args: &Args) -> PyResult<GcRef> {
    let Some(i) = args.get(0).downcast::<PyInstance>() else {
        return attribute_error("attribute '__dict__' is read-only");
    };
    let Some(d) = args.get(1).downcast::<PyDict>() else {
        return type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            type_name_of(args.get(1))
        ));
    };
    instance::set_instance_dict(i, d)?;
    Ok(space::none())
}

fn none_repr(_args: &Args) -> PyResult<GcRef> {
    pystr::intern("None")
}

fn false_(_args: &Args) -> PyResult<GcRef> {
    Ok(space::bool_(false))
}

fn none_new(args: &Args) -> PyResult<GcRef> {
    if args.count > 1 {
        return type_error("NoneType takes no arguments");
    }
    Ok(space::none())
}

fn not_implemented_repr(_args: &Args) -> PyResult<GcRef> {
    pystr::intern("NotImplemented")
}

fn ellipsis_repr(_args: &Args) -> PyResult<GcRef> {
    pystr::intern("Ellipsis")
}

/// `ModuleType(name, doc=None)`.
fn module_new(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("module", &["name", "doc"])?;
    let name = args.get_opt(1).or_else(|| args.keyword("name"));
    let Some(name) = name.filter(|n| n.is::<PyStr>()) else {
        return type_error("module.__init__() argument 'name' must be str");
    };
    let module = crate::runtime::import::new_module(&pystr::to_string(name))?;
    if let Some(doc) = args.get_opt(2).or_else(|| args.keyword("doc")) {
        dict::set_item(module.dict(), space::name(N::doc), doc)?;
    }
    Ok(module.erase())
}

fn module_init(_args: &Args) -> PyResult<GcRef> {
    Ok(space::none())
}

fn module_repr(args: &Args) -> PyResult<GcRef> {
    let m = args.get(0).downcast::<PyModule>().expect("a module");
    let name = dict::get_str(m.dict(), space::name(N::name))
        .map(pystr::to_string)
        .unwrap_or_else(|| "?".into());
    let text = match dict::get_str(m.dict(), space::name(N::file)).filter(|f| f.is::<PyStr>()) {
        Some(file) => format!("<module '{name}' from '{}'>", pystr::to_string(file)),
        None if ["sys", "builtins", "math", "time"].contains(&name.as_str()) => {
            format!("<module '{name}' (built-in)>")
        }
        None => format!("<module '{name}'>"),
    };
    pystr::new_string(text)
}

fn module_dir(args: &Args) -> PyResult<GcRef> {
    let m = args.get(0).downcast::<PyModule>().expect("a module");
    // PEP 562: a module's own `__dir__` answers.
    if let Some(hook) = dict::get_str(m.dict(), space::name(N::dir)) {
        return call::call_function(hook, &[]);
    }
    let result = ops::collect_list(m.dict().erase())?;
    crate::builtins::sort_list(result, None, false)?;
    Ok(result.erase())
}

fn proxied(args: &Args) -> ferrite::Gc<PyDict> {
    let w = args.get(0).downcast::<PyWrapper>().expect("a mappingproxy");
    w.first()
        .and_then(|d| d.downcast::<PyDict>())
        .expect("a dict")
}

fn mappingproxy_getitem(args: &Args) -> PyResult<GcRef> {
    ops::getitem(proxied(args).erase(), args.get(1))
}

fn mappingproxy_contains(args: &Args) -> PyResult<GcRef> {
    Ok(space::bool_(
        dict::get_item(proxied(args), args.get(1))?.is_some(),
    ))
}

fn mappingproxy_iter(args: &Args) -> PyResult<GcRef> {
    ops::iter(proxied(args).erase())
}

fn mappingproxy_len(args: &Args) -> PyResult<GcRef> {
    new_int(dict::len(proxied(args)) as i64)
}

fn mappingproxy_keys(args: &Args) -> PyResult<GcRef> {
    ops::call_method(proxied(args).erase(), "keys", &[])
}

fn mappingproxy_values(args: &Args) -> PyResult<GcRef> {
    ops::call_method(proxied(args).erase(), "values", &[])
}

fn mappingproxy_items(args: &Args) -> PyResult<GcRef> {
    ops::call_method(proxied(args).erase(), "items", &[])
}

fn mappingproxy_get(args: &Args) -> PyResult<GcRef> {
    Ok(dict::get_item(proxied(args), args.get(1))?
        .unwrap_or_else(|| args.get_opt(2).unwrap_or_else(space::none)))
}

fn mappingproxy_repr(args: &Args) -> PyResult<GcRef> {
    let inner = ops::repr_string(proxied(args).erase())?;
    pystr::new_string(format!("mappingproxy({inner})"))
}
