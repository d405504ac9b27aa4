//! The `builtins` module: the registry of native functions, the builtin functions
//! (`functions`), formatting (`format`), the native modules (`modules`), and setting up
//! the interpreter's space with all of them.

pub mod format;
pub mod format_spec;
pub mod functions;
pub mod math;
pub mod modules;
pub mod registry;
pub mod site;
pub mod sort;
pub mod time;

use ferrite::Gc;

use crate::objects::layout::*;
use crate::objects::{dict, str as pystr};
use crate::runtime::errors::PyResult;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};

pub use functions::{ascii_of, display_hook};
pub use sort::sort_list;

/// Every native function, in registration order (ids are positions in this list).
pub fn register_all(defs: &mut Vec<registry::NativeDef>) {
    defs.extend(crate::objects::object::methods());
    defs.extend(crate::objects::typeobject::methods());
    defs.extend(crate::objects::descriptors::methods());
    defs.extend(crate::objects::function::methods());
    defs.extend(crate::objects::iterators::methods());
    defs.extend(crate::objects::exception::methods());
    defs.extend(crate::runtime::generator::methods());
    defs.extend(functions::functions());
    defs.extend(crate::types::file::functions());
    defs.extend(modules::functions());
    defs.extend(math::functions());
    defs.extend(time::functions());
    defs.extend(crate::types::methods());
}

/// Create the object space, the builtins and `sys` modules, on this thread.
pub fn install() -> PyResult<()> {
    crate::objects::typeobject::bootstrap()?;
    let builtins = crate::runtime::import::new_module("builtins")?;
    let d = builtins.dict();
    for index in 0..BUILTIN_TYPE_COUNT {
        let t = space::builtin_type(index);
        let name = pystr::to_string(t.name());
        if is_public_type(index, &name) {
            dict::set_item(d, pystr::intern(&name)?, t.erase())?;
        }
    }
    for (name, value) in [
        ("None", space::none()),
        ("True", space::bool_(true)),
        ("False", space::bool_(false)),
        ("Ellipsis", space::ellipsis()),
        ("NotImplemented", space::not_implemented()),
        ("__debug__", space::bool_(true)),
    ] {
        dict::set_item(d, pystr::intern(name)?, value)?;
    }
    // Aliases CPython keeps for compatibility.
    for (alias, index) in [("EnvironmentError", T_OS_ERROR), ("IOError", T_OS_ERROR)] {
        dict::set_item(d, pystr::intern(alias)?, space::builtin_type(index).erase())?;
    }
    modules::add_functions(builtins.erase(), "builtins")?;
    space::set_builtins_module(builtins.erase());
    dict::set_item(
        space::modules(),
        pystr::intern("builtins")?,
        builtins.erase(),
    )?;
    let sys = modules::make_sys()?;
    space::set_sys_module(sys);
    dict::set_item(space::modules(), pystr::intern("sys")?, sys)?;
    crate::types::file::install()?;
    site::install()?;
    let _ = N::main;
    Ok(())
}

/// Whether a built-in type is reachable by name from `builtins`.
fn is_public_type(index: usize, name: &str) -> bool {
    index >= FIRST_EXCEPTION
        || matches!(
            name,
            "object"
                | "type"
                | "int"
                | "bool"
                | "float"
                | "complex"
                | "str"
                | "bytes"
                | "bytearray"
                | "list"
                | "tuple"
                | "dict"
                | "set"
                | "frozenset"
                | "range"
                | "slice"
                | "property"
                | "staticmethod"
                | "classmethod"
                | "super"
                | "enumerate"
                | "zip"
                | "map"
                | "filter"
                | "reversed"
                | "memoryview"
        )
}

/// The `__main__` module for running a program.
pub fn main_module() -> PyResult<Gc<PyModule>> {
    let module = crate::runtime::import::new_module("__main__")?;
    dict::set_item(
        module.dict(),
        space::name(N::builtins),
        space::builtins_module(),
    )?;
    dict::set_item(space::modules(), pystr::intern("__main__")?, module.erase())?;
    Ok(module)
}
