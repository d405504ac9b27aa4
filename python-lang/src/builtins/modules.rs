//! The native modules: `sys` here; `math` and `time` in their own files. A module's
//! functions are registered with `Owner::Module(name)` and put in its dict by
//! `add_functions`.

use ferrite::GcRef;

use crate::builtins::registry::{self, Args, NativeDef, Owner};
use crate::objects::layout::*;
use crate::objects::{alloc, dict, list, new_float, new_int, new_tuple, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::import::new_module;
use crate::runtime::space::{self, *};

pub fn functions() -> Vec<NativeDef> {
    use registry::function;
    vec![
        function("sys", "exit", sys_exit),
        function("sys", "getrecursionlimit", sys_getrecursionlimit),
        function("sys", "setrecursionlimit", sys_setrecursionlimit),
        function("sys", "exc_info", sys_exc_info),
        function("sys", "exception", sys_exception),
        function("sys", "intern", sys_intern),
        function("sys", "getdefaultencoding", sys_getdefaultencoding),
        function("sys", "getsizeof", sys_getsizeof),
        function("sys", "_getframe", sys_getframe),
        function("sys", "displayhook", sys_displayhook),
    ]
}

/// Put the registered functions of module `owner` into `module`'s dict.
/// (They are not bound to the module: a module's function is a plain function.)
pub fn add_functions(module: GcRef, owner: &str) -> PyResult<()> {
    let m = module.downcast::<PyModule>().expect("a module");
    for (id, def) in registry::registry().iter().enumerate() {
        if let Owner::Module(name) = def.owner {
            if name == owner {
                let function = alloc(PyBuiltin {
                    id: id as i64,
                    bound: None,
                })?
                .erase();
                dict::set_item(m.dict(), pystr::intern(def.name)?, function)?;
            }
        }
    }
    Ok(())
}

/// A native module by name (None if there is no such native module).
pub fn native_module(name: &str) -> PyResult<Option<GcRef>> {
    Ok(match name {
        "sys" => Some(space::sys_module()),
        "builtins" => Some(space::builtins_module()),
        "math" => Some(crate::builtins::math::make_module()?),
        "time" => Some(crate::builtins::time::make_module()?),
        _ => None,
    })
}

fn set(module: GcRef, name: &str, value: GcRef) -> PyResult<()> {
    let m = module.downcast::<PyModule>().expect("a module");
    dict::set_item(m.dict(), pystr::intern(name)?, value)
}

/// A struct-sequence-like record: a `SimpleNamespace` with these fields, iterable as a
/// tuple would be is not needed by the programs we run; attribute access is.
fn record(fields: &[(&str, GcRef)]) -> PyResult<GcRef> {
    let d = dict::new_dict()?;
    for (name, value) in fields {
        dict::set_item(d, pystr::intern(name)?, *value)?;
    }
    Ok(alloc(PyWrapper {
        kind: T_SIMPLE_NAMESPACE as i64,
        first: None,
        second: None,
        third: None,
        fourth: None,
        dict: Some(d),
    })?
    .erase())
}

/// The `sys` module (argv and path are filled in by the command line).
pub fn make_sys() -> PyResult<GcRef> {
    let sys = new_module("sys")?.erase();
    add_functions(sys, "sys")?;
    set(sys, "modules", space::modules().erase())?;
    set(sys, "argv", list::new_list(0)?.erase())?;
    set(sys, "path", list::new_list(0)?.erase())?;
    set(sys, "maxsize", new_int(i64::MAX)?)?;
    set(sys, "byteorder", pystr::intern("little")?)?;
    set(sys, "platform", pystr::intern("linux")?)?;
    set(sys, "version", pystr::new_str("3.11.7 (pyrite) [rustc]")?)?;
    set(
        sys,
        "executable",
        pystr::new_str(
            &std::env::current_exe()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        )?,
    )?;
    let version = [
        new_int(3)?,
        new_int(11)?,
        new_int(7)?,
        pystr::intern("final")?,
        new_int(0)?,
    ];
    set(sys, "version_info", crate::types::version_info(&version)?)?;
    set(
        sys,
        "implementation",
        record(&[
            ("name", pystr::intern("pyrite")?),
            ("cache_tag", space::none()),
        ])?,
    )?;
    set(
        sys,
        "float_info",
        record(&[
            ("max", new_float(f64::MAX)?),
            ("min", new_float(f64::MIN_POSITIVE)?),
            ("epsilon", new_float(f64::EPSILON)?),
            ("dig", new_int(15)?),
            ("mant_dig", new_int(53)?),
            ("max_exp", new_int(1024)?),
            ("min_exp", new_int(-1021)?),
            ("max_10_exp", new_int(308)?),
            ("min_10_exp", new_int(-307)?),
            ("radix", new_int(2)?),
            ("rounds", new_int(1)?),
        ])?,
    )?;
    set(
        sys,
        "int_info",
        record(&[
            ("bits_per_digit", new_int(30)?),
            ("sizeof_digit", new_int(4)?),
            ("default_max_str_digits", new_int(4300)?),
            ("str_digits_check_threshold", new_int(640)?),
        ])?,
    )?;
    set(
        sys,
        "hash_info",
        record(&[
            ("width", new_int(64)?),
            ("modulus", new_int((1i64 << 61) - 1)?),
            ("inf", new_int(314159)?),
            ("nan", new_int(0)?),
            ("imag", new_int(1000003)?),
            ("algorithm", pystr::intern("siphash13")?),
            ("hash_bits", new_int(64)?),
            ("seed_bits", new_int(128)?),
        ])?,
    )?;
    set(
        sys,
        "flags",
        record(&[
            ("optimize", new_int(0)?),
            ("dont_write_bytecode", new_int(0)?),
            ("ignore_environment", new_int(0)?),
            ("verbose", new_int(0)?),
            ("interactive", new_int(0)?),
            ("utf8_mode", new_int(1)?),
        ])?,
    )?;
    let hook = ops_getattr(sys, "displayhook")?;
    set(sys, "__displayhook__", hook)?;
    let stdin = crate::runtime::stdio::new_stream(0)?;
    let stdout = crate::runtime::stdio::new_stream(1)?;
    let stderr = crate::runtime::stdio::new_stream(2)?;
    for (name, value) in [
        ("stdin", stdin),
        ("stdout", stdout),
        ("stderr", stderr),
        ("__stdin__", stdin),
        ("__stdout__", stdout),
        ("__stderr__", stderr),
    ] {
        set(sys, name, value)?;
    }
    Ok(sys)
}

fn sys_exit(args: &Args) -> PyResult<GcRef> {
    args.expect("exit", 0, 1)?;
    // As `PyErr_SetObject` does, a tuple value is the exception's argument tuple.
    let e = match args.get_opt(0).filter(|c| !crate::objects::is_none(*c)) {
        Some(code) if code.is::<crate::objects::layout::Items>() => {
            crate::objects::exception::new_of_class(space::builtin_type(T_SYSTEM_EXIT), code)?
        }
        Some(code) => new_exception_args(T_SYSTEM_EXIT, &[code]),
        None => new_exception_args(T_SYSTEM_EXIT, &[]),
    };
    Err(e)
}

fn ops_getattr(object: GcRef, name: &str) -> PyResult<GcRef> {
    crate::runtime::ops::getattr(object, pystr::intern(name)?)
}

/// `sys.displayhook(value)` (also `sys.__displayhook__`).
fn sys_displayhook(args: &Args) -> PyResult<GcRef> {
    args.expect("displayhook", 1, 1)?;
    crate::builtins::functions::default_display_hook(args.get(0))?;
    Ok(space::none())
}

fn sys_getrecursionlimit(_args: &Args) -> PyResult<GcRef> {
    new_int(space::with(|s| s.recursion_limit.get()))
}

fn sys_setrecursionlimit(args: &Args) -> PyResult<GcRef> {
    args.expect("setrecursionlimit", 1, 1)?;
    let limit = crate::runtime::ops::index_value(args.get(0))?;
    if limit < 1 {
        return value_error("recursion limit must be greater or equal than 1");
    }
    let depth = space::with(|s| s.depth.get());
    if limit <= depth {
        return Err(new_exception(
            T_RECURSION_ERROR,
            &format!("cannot set the recursion limit to {limit} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    space::with(|s| s.recursion_limit.set(limit));
    Ok(space::none())
}

fn sys_exc_info(_args: &Args) -> PyResult<GcRef> {
    match space::handled() {
        Some(e) => {
            let tb = e
                .downcast::<PyException>()
                .and_then(|x| x.traceback())
                .unwrap_or_else(space::none);
            new_tuple(&[space::type_of(e).erase(), e, tb])
        }
        None => new_tuple(&[space::none(), space::none(), space::none()]),
    }
}

fn sys_exception(_args: &Args) -> PyResult<GcRef> {
    Ok(space::handled().unwrap_or_else(space::none))
}

fn sys_intern(args: &Args) -> PyResult<GcRef> {
    args.expect("intern", 1, 1)?;
    let s = args.get(0);
    if !s.is::<PyStr>() {
        return type_error(format!(
            "intern() argument must be str, not {}",
            crate::objects::typeobject::type_name_of(s)
        ));
    }
    let text = pystr::to_string(s);
    if let Some(existing) = space::interned(&text) {
        return Ok(existing);
    }
    space::add_interned(&text, s);
    Ok(s)
}

fn sys_getdefaultencoding(_args: &Args) -> PyResult<GcRef> {
    pystr::intern("utf-8")
}

fn sys_getsizeof(args: &Args) -> PyResult<GcRef> {
    args.expect("getsizeof", 1, 2)?;
    new_int(64)
}

fn sys_getframe(args: &Args) -> PyResult<GcRef> {
    let depth = match args.get_opt(0) {
        Some(d) => crate::runtime::ops::index_value(d)?,
        None => 0,
    };
    let mut frame = space::current_frame();
    for _ in 0..depth {
        frame = frame.and_then(|f| f.back());
    }
    match frame {
        Some(f) => {
            crate::runtime::eval::mark_escaped(f);
            Ok(f.erase())
        }
        None => value_error("call stack is not deep enough"),
    }
}
