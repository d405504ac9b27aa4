//! Functions, bound methods, native functions and cells: how they are made and the
//! attributes Python code sees on them (`__name__`, `__defaults__`, `__self__`, …).

use ferrite::{Gc, GcRef};

use crate::builtins::registry::{self, Args, NativeDef, Owner};
use crate::objects::layout::*;
use crate::objects::typeobject::{type_name, type_name_of};
use crate::objects::{alloc, dict, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};

/// A function for `code` defined in a module with these globals.
pub fn new_function(code: Gc<PyCode>, globals: Gc<PyDict>) -> PyResult<Gc<PyFunction>> {
    let doc = if code.flags() & crate::compiler::HAS_DOCSTRING != 0 {
        code.consts().get(0).unwrap_or_else(space::none)
    } else {
        space::none()
    };
    let module = dict::get_str(globals, space::name(N::name)).unwrap_or_else(space::none);
    alloc(PyFunction {
        code,
        globals,
        builtins: crate::runtime::call::builtins_dict(),
        name: code.name(),
        qualname: code.qualname(),
        defaults: None,
        kwdefaults: None,
        closure: None,
        doc,
        module,
        annotations: None,
        dict: None,
    })
}

/// The name a native function is known by (`len`, `list.append`).
pub fn native_name(def: &NativeDef) -> String {
    match def.owner {
        Owner::Type(index) => {
            let t = space::builtin_type(index);
            format!("{}.{}", type_name(t), def.name)
        }
        Owner::Module(_) => def.name.to_string(),
    }
}

pub fn methods() -> Vec<NativeDef> {
    use registry::*;
    vec![
        method(T_FUNCTION, "__repr__", function_repr),
        method(T_FUNCTION, "__get__", function_get),
        property(
            T_FUNCTION,
            "__name__",
            function_name,
            Some(function_set_name),
        ),
        property(
            T_FUNCTION,
            "__qualname__",
            function_qualname,
            Some(function_set_qualname),
        ),
        property(T_FUNCTION, "__doc__", function_doc, Some(function_set_doc)),
        property(
            T_FUNCTION,
            "__module__",
            function_module,
            Some(function_set_module),
        ),
        property(
            T_FUNCTION,
            "__defaults__",
            function_defaults,
            Some(function_set_defaults),
        ),
        property(
            T_FUNCTION,
            "__kwdefaults__",
            function_kwdefaults,
            Some(function_set_kwdefaults),
        ),
        property(T_FUNCTION, "__code__", function_code, None),
        property(T_FUNCTION, "__globals__", function_globals, None),
        property(T_FUNCTION, "__closure__", function_closure, None),
        property(T_FUNCTION, "__dict__", object_dict, None),
        property(
            T_FUNCTION,
            "__annotations__",
            function_annotations,
            Some(function_set_annotations),
        ),
        method(T_METHOD, "__repr__", method_repr),
        method(T_METHOD, "__eq__", method_eq),
        method(T_METHOD, "__hash__", method_hash),
        method(T_METHOD, "__getattribute__", method_getattribute),
        property(T_METHOD, "__func__", method_func, None),
        property(T_METHOD, "__self__", method_self, None),
        property(T_METHOD, "__name__", method_name, None),
        property(T_METHOD, "__qualname__", method_qualname, None),
        property(T_METHOD, "__doc__", method_doc, None),
        method(T_BUILTIN, "__repr__", builtin_repr),
        property(T_BUILTIN, "__name__", builtin_name, None),
        property(T_BUILTIN, "__qualname__", builtin_qualname, None),
        property(T_BUILTIN, "__self__", builtin_self, None),
        property(T_BUILTIN, "__doc__", builtin_doc, None),
        property(
            T_CELL,
            "cell_contents",
            cell_contents,
            Some(cell_set_contents),
        ),
        property(T_CODE, "co_name", code_name, None),
        property(T_CODE, "co_qualname", code_qualname, None),
        property(T_CODE, "co_filename", code_filename, None),
        property(T_CODE, "co_firstlineno", code_firstlineno, None),
        property(T_CODE, "co_argcount", code_argcount, None),
        property(T_CODE, "co_varnames", code_varnames, None),
        property(T_CODE, "co_flags", code_flags, None),
        property(T_CODE, "co_posonlyargcount", code_posonlyargcount, None),
        property(T_CODE, "co_kwonlyargcount", code_kwonlyargcount, None),
        property(T_CODE, "co_nlocals", code_nlocals, None),
        property(T_CODE, "co_cellvars", code_cellvars, None),
        property(T_CODE, "co_freevars", code_freevars, None),
        property(T_CODE, "co_names", code_names, None),
        property(T_CODE, "co_consts", code_consts, None),
    ]
}

fn as_function(object: GcRef) -> PyResult<Gc<PyFunction>> {
    match object.downcast::<PyFunction>() {
        Some(f) => Ok(f),
        None => type_error(format!(
            "descriptor requires a 'function' object but received a '{}'",
            type_name_of(object)
        )),
    }
}

fn function_repr(args: &Args) -> PyResult<GcRef> {
    let f = as_function(args.get(0))?;
    pystr::new_string(format!(
        "<function {} at {:#x}>",
        pystr::to_string(f.qualname()),
        f.erase().address()
    ))
}

fn function_get(args: &Args) -> PyResult<GcRef> {
    let object = args.get(1);
    if crate::objects::is_none(object) {
        return Ok(args.get(0));
    }
    Ok(alloc(PyMethod {
        function: args.get(0),
        receiver: object,
    })?
    .erase())
}

fn function_name(args: &Args) -> PyResult<GcRef> {
    Ok(as_function(args.get(0))?.name())
}

fn require_str(value: GcRef, what: &str) -> PyResult<GcRef> {
    if value.is::<PyStr>() {
        Ok(value)
    } else {
        type_error(format!("{what} must be set to a string object"))
    }
}

fn function_set_name(args: &Args) -> PyResult<GcRef> {
    as_function(args.get(0))?.set_name(require_str(args.get(1), "__name__")?);
    Ok(space::none())
}

fn function_qualname(args: &Args) -> PyResult<GcRef> {
    Ok(as_function(args.get(0))?.qualname())
}

fn function_set_qualname(args: &Args) -> PyResult<GcRef> {
    as_function(args.get(0))?.set_qualname(require_str(args.get(1), "__qualname__")?);
    Ok(space::none())
}

fn function_doc(args: &Args) -> PyResult<GcRef> {
    Ok(as_function(args.get(0))?.doc())
}

fn function_set_doc(args: &Args) -> PyResult<GcRef> {
    as_function(args.get(0))?.set_doc(args.get(1));
    Ok(space::none())
}

fn function_module(args: &Args) -> PyResult<GcRef> {
    Ok(as_function(args.get(0))?.module())
}

fn function_set_module(args: &Args) -> PyResult<GcRef> {
    as_function(args.get(0))?.set_module(args.get(1));
    Ok(space::none())
}

fn not_none(value: GcRef) -> Option<GcRef> {
    (!crate::objects::is_none(value)).then_some(value)
}

fn function_defaults(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_function(args.get(0))?.defaults(),
    ))
}

fn function_set_defaults(args: &Args) -> PyResult<GcRef> {
    let value = not_none(args.get(1));
    if value.is_some_and(|v| !v.is::<Items>()) {
        return type_error("__defaults__ must be set to a tuple object");
    }
    as_function(args.get(0))?.set_defaults(value);
    Ok(space::none())
}

fn function_kwdefaults(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_function(args.get(0))?.kwdefaults(),
    ))
}

fn function_set_kwdefaults(args: &Args) -> PyResult<GcRef> {
    let value = not_none(args.get(1));
    if value.is_some_and(|v| !v.is::<PyDict>()) {
        return type_error("__kwdefaults__ must be set to a dict object");
    }
    as_function(args.get(0))?.set_kwdefaults(value);
    Ok(space::none())
}

fn function_code(args: &Args) -> PyResult<GcRef> {
    Ok(as_function(args.get(0))?.code().erase())
}

fn function_globals(args: &Args) -> PyResult<GcRef> {
    Ok(as_function(args.get(0))?.globals().erase())
}

fn function_closure(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(as_function(args.get(0))?.closure()))
}

/// `__dict__` of objects that keep their attributes in a dict (functions, exceptions,
/// modules, instances).
pub fn object_dict(args: &Args) -> PyResult<GcRef> {
    match crate::objects::instance::dict_of(args.get(0))? {
        Some(d) => Ok(d.erase()),
        None => attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            type_name_of(args.get(0))
        )),
    }
}

fn function_annotations(args: &Args) -> PyResult<GcRef> {
    let f = as_function(args.get(0))?;
    match f.annotations() {
        Some(a) => Ok(a),
        None => {
            let d = dict::new_dict()?.erase();
            f.set_annotations(Some(d));
            Ok(d)
        }
    }
}

fn function_set_annotations(args: &Args) -> PyResult<GcRef> {
    as_function(args.get(0))?.set_annotations(not_none(args.get(1)));
    Ok(space::none())
}

fn as_method(object: GcRef) -> PyResult<Gc<PyMethod>> {
    match object.downcast::<PyMethod>() {
        Some(m) => Ok(m),
        None => type_error("descriptor requires a 'method' object"),
    }
}

fn method_repr(args: &Args) -> PyResult<GcRef> {
    let m = as_method(args.get(0))?;
    let name = match crate::runtime::ops::getattr_opt(m.function(), space::name(N::qualname))? {
        Some(n) if n.is::<PyStr>() => pystr::to_string(n),
        _ => "?".to_string(),
    };
    let receiver = crate::runtime::ops::repr_string(m.receiver())?;
    pystr::new_string(format!("<bound method {name} of {receiver}>"))
}

fn method_eq(args: &Args) -> PyResult<GcRef> {
    let m = as_method(args.get(0))?;
    match args.get(1).downcast::<PyMethod>() {
        Some(o) => Ok(space::bool_(
            m.function() == o.function() && m.receiver() == o.receiver(),
        )),
        None => Ok(space::not_implemented()),
    }
}

fn method_hash(args: &Args) -> PyResult<GcRef> {
    let m = as_method(args.get(0))?;
    let h = crate::runtime::ops::hash(m.function())? ^ (m.receiver().address() as i64 >> 4);
    crate::objects::new_int(h)
}

/// Attributes of a bound method not its own come from the function.
fn method_getattribute(args: &Args) -> PyResult<GcRef> {
    let object = args.get(0);
    let name = args.get(1);
    let t = space::type_of(object);
    if let Some(v) = crate::runtime::ops::generic_getattr(object, t, name)? {
        return Ok(v);
    }
    crate::runtime::ops::getattr(as_method(object)?.function(), name)
}

fn method_func(args: &Args) -> PyResult<GcRef> {
    Ok(as_method(args.get(0))?.function())
}

fn method_self(args: &Args) -> PyResult<GcRef> {
    Ok(as_method(args.get(0))?.receiver())
}

fn method_name(args: &Args) -> PyResult<GcRef> {
    crate::runtime::ops::getattr(as_method(args.get(0))?.function(), space::name(N::name))
}

fn method_qualname(args: &Args) -> PyResult<GcRef> {
    crate::runtime::ops::getattr(as_method(args.get(0))?.function(), space::name(N::qualname))
}

fn method_doc(args: &Args) -> PyResult<GcRef> {
    crate::runtime::ops::getattr(as_method(args.get(0))?.function(), space::name(N::doc))
}

fn as_builtin(object: GcRef) -> PyResult<Gc<PyBuiltin>> {
    match object.downcast::<PyBuiltin>() {
        Some(b) => Ok(b),
        None => type_error("descriptor requires a 'builtin_function_or_method' object"),
    }
}

fn builtin_repr(args: &Args) -> PyResult<GcRef> {
    let b = as_builtin(args.get(0))?;
    let def = registry::native(b.id());
    let text = match (b.bound(), def.owner) {
        (Some(receiver), _) if !receiver.is::<PyModule>() => format!(
            "<built-in method {} of {} object at {:#x}>",
            def.name,
            type_name_of(receiver),
            receiver.address()
        ),
        (None, Owner::Type(index)) => {
            format!(
                "<method '{}' of '{}' objects>",
                def.name,
                type_name(space::builtin_type(index))
            )
        }
        _ => format!("<built-in function {}>", def.name),
    };
    pystr::new_string(text)
}

fn builtin_name(args: &Args) -> PyResult<GcRef> {
    pystr::new_str(registry::native(as_builtin(args.get(0))?.id()).name)
}

fn builtin_qualname(args: &Args) -> PyResult<GcRef> {
    let def = registry::native(as_builtin(args.get(0))?.id());
    pystr::new_string(native_name(def))
}

fn builtin_self(args: &Args) -> PyResult<GcRef> {
    let b = as_builtin(args.get(0))?;
    match b.bound() {
        Some(receiver) => Ok(receiver),
        None => match registry::native(b.id()).owner {
            Owner::Module(_) => Ok(space::builtins_module()),
            Owner::Type(_) => Ok(space::none()),
        },
    }
}

fn builtin_doc(_args: &Args) -> PyResult<GcRef> {
    Ok(space::none())
}

fn cell_contents(args: &Args) -> PyResult<GcRef> {
    let cell = args.get(0).downcast::<PyCell>().expect("a cell");
    match cell.contents() {
        Some(v) => Ok(v),
        None => value_error("Cell is empty"),
    }
}

fn cell_set_contents(args: &Args) -> PyResult<GcRef> {
    let cell = args.get(0).downcast::<PyCell>().expect("a cell");
    cell.set_contents(Some(args.get(1)));
    Ok(space::none())
}

fn as_code(object: GcRef) -> Gc<PyCode> {
    object.downcast::<PyCode>().expect("a code object")
}

fn code_name(args: &Args) -> PyResult<GcRef> {
    Ok(as_code(args.get(0)).name())
}

fn code_qualname(args: &Args) -> PyResult<GcRef> {
    Ok(as_code(args.get(0)).qualname())
}

fn code_filename(args: &Args) -> PyResult<GcRef> {
    Ok(as_code(args.get(0)).filename())
}

fn code_firstlineno(args: &Args) -> PyResult<GcRef> {
    crate::objects::new_int(as_code(args.get(0)).first_line())
}

fn code_argcount(args: &Args) -> PyResult<GcRef> {
    crate::objects::new_int(as_code(args.get(0)).arg_count())
}

fn code_varnames(args: &Args) -> PyResult<GcRef> {
    let code = as_code(args.get(0));
    crate::objects::tuple::from_array(code.slot_names(), 0, code.local_count() as usize)
}

fn code_flags(args: &Args) -> PyResult<GcRef> {
    crate::objects::new_int(as_code(args.get(0)).flags())
}

fn code_posonlyargcount(args: &Args) -> PyResult<GcRef> {
    crate::objects::new_int(as_code(args.get(0)).posonly_count())
}

fn code_kwonlyargcount(args: &Args) -> PyResult<GcRef> {
    crate::objects::new_int(as_code(args.get(0)).kwonly_count())
}

fn code_nlocals(args: &Args) -> PyResult<GcRef> {
    crate::objects::new_int(as_code(args.get(0)).local_count())
}

fn code_cellvars(args: &Args) -> PyResult<GcRef> {
    let code = as_code(args.get(0));
    crate::objects::tuple::from_array(
        code.slot_names(),
        code.local_count() as usize,
        code.cell_count() as usize,
    )
}

fn code_freevars(args: &Args) -> PyResult<GcRef> {
    let code = as_code(args.get(0));
    let start = (code.local_count() + code.cell_count()) as usize;
    crate::objects::tuple::from_array(code.slot_names(), start, code.free_count() as usize)
}

fn code_names(args: &Args) -> PyResult<GcRef> {
    let names = as_code(args.get(0)).names();
    crate::objects::tuple::from_array(names, 0, names.len())
}

fn code_consts(args: &Args) -> PyResult<GcRef> {
    let consts = as_code(args.get(0)).consts();
    crate::objects::tuple::from_array(consts, 0, consts.len())
}
