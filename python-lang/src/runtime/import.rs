//! `import`: finding modules (the native ones, then `.py` files and packages on
//! `sys.path` or a package's `__path__`), running them once into `sys.modules`, relative
//! imports, `from m import x` and `from m import *`.

use std::path::{Path, PathBuf};

use ferrite::{Gc, GcRef};

use crate::compiler::{self, CompileMode};
use crate::objects::layout::*;
use crate::objects::{alloc, dict, list, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{code, eval, ops};

/// A new module object named `name`.
pub fn new_module(name: &str) -> PyResult<Gc<PyModule>> {
    let d = dict::new_dict()?;
    dict::set_item(d, space::name(N::name), pystr::new_str(name)?)?;
    dict::set_item(d, space::name(N::doc), space::none())?;
    dict::set_item(d, space::name(N::package), space::none())?;
    dict::set_item(d, space::name(N::loader), space::none())?;
    dict::set_item(d, space::name(N::spec), space::none())?;
    alloc(PyModule { dict: d })
}

fn module_name(module: GcRef) -> Option<String> {
    let m = module.downcast::<PyModule>()?;
    dict::get_str(m.dict(), space::name(N::name))
        .filter(|n| n.is::<PyStr>())
        .map(pystr::to_string)
}

fn not_found(name: &str) -> Gc<PyException> {
    let e = new_exception(
        T_MODULE_NOT_FOUND_ERROR,
        &format!("No module named '{name}'"),
    );
    crate::runtime::errors::set_name_attribute(e, name);
    e
}

/// The absolute module name of `import name` at `level` from a module with `globals`.
fn resolve_name(name: &str, globals: Gc<PyDict>, level: i64) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    let package = match dict::get_str(globals, space::name(N::package)) {
        Some(p) if p.is::<PyStr>() => pystr::to_string(p),
        _ => {
            let module = dict::get_str(globals, space::name(N::name))
                .filter(|n| n.is::<PyStr>())
                .map(pystr::to_string);
            match module {
                Some(m) if dict::get_str(globals, space::name(N::path)).is_some() => m,
                Some(m) => m
                    .rsplit_once('.')
                    .map(|(p, _)| p.to_string())
                    .unwrap_or_default(),
                None => String::new(),
            }
        }
    };
    if package.is_empty() {
        return Err(new_exception(
            T_IMPORT_ERROR,
            "attempted relative import with no known parent package",
        ));
    }
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rsplit_once('.') {
            Some((parent, _)) => base = parent,
            None => {
                return Err(new_exception(
                    T_IMPORT_ERROR,
                    "attempted relative import beyond top-level package",
                ));
            }
        }
    }
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}

/// `IMPORT_NAME`: import `name` and return what the statement binds (the top package for
/// `import a.b`, the module itself for `from a.b import c`).
pub fn import_name(
    name: GcRef,
    globals: Gc<PyDict>,
    fromlist: GcRef,
    level: GcRef,
) -> PyResult<GcRef> {
    let level = ops::index_value(level)?;
    let name = pystr::to_string(name);
    if name.is_empty() && level == 0 {
        return value_error("Empty module name");
    }
    let full = resolve_name(&name, globals, level)?;
    let module = import_module(&full)?;
    let has_fromlist = !crate::objects::is_none(fromlist)
        && tuple::as_tuple(fromlist).is_some_and(|t| !t.is_empty());
    if has_fromlist {
        // `from package import submodule`: import the submodules not yet attributes.
        if let Some(m) = module.downcast::<PyModule>() {
            if dict::get_str(m.dict(), space::name(N::path)).is_some() {
                for i in 0..tuple::len(fromlist) {
                    let item = tuple::get(fromlist, i);
                    let text = pystr::to_string(item);
                    if text == "*" || dict::get_str(m.dict(), item).is_some() {
                        continue;
                    }
                    match import_module(&format!("{full}.{text}")) {
                        Ok(_) => {}
                        Err(e) if is_instance_of(e, T_MODULE_NOT_FOUND_ERROR) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        return Ok(module);
    }
    if level == 0 {
        let top = full.split('.').next().unwrap_or(&full);
        return modules_get(top).map(|m| m.unwrap_or(module));
    }
    // `import .a.b` style is not valid syntax; relative `import` binds the first part
    // after the package.
    let first = name.split('.').next().unwrap_or("");
    let base_len = full.len() - name.len();
    let target = format!("{}{first}", &full[..base_len]);
    modules_get(&target).map(|m| m.unwrap_or(module))
}

fn modules_get(name: &str) -> PyResult<Option<GcRef>> {
    Ok(dict::get_str(space::modules(), pystr::new_str(name)?))
}

/// Import the module with this absolute dotted name (and its parents), once.
pub fn import_module(full: &str) -> PyResult<GcRef> {
    if let Some(m) = modules_get(full)? {
        if crate::objects::is_none(m) {
            return Err(not_found(full));
        }
        return Ok(m);
    }
    let (parent, last) = match full.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, full),
    };
    let search: Vec<String> = match parent {
        Some(p) => {
            let parent_module = import_module(p)?;
            if let Some(m) = modules_get(full)? {
                return Ok(m);
            }
            match package_path(parent_module)? {
                Some(path) => path,
                None => {
                    let e = new_exception(
                        T_MODULE_NOT_FOUND_ERROR,
                        &format!("No module named '{full}'; '{p}' is not a package"),
                    );
                    return Err(e);
                }
            }
        }
        None => {
            if let Some(native) = crate::builtins::modules::native_module(full)? {
                dict::set_item(space::modules(), pystr::new_str(full)?, native)?;
                return Ok(native);
            }
            sys_path()?
        }
    };
    match find_in(&search, last) {
        Some(Found::Package { init, directory }) => load_source(
            full,
            &init,
            &join_display(&directory, "__init__.py"),
            Some(directory),
        ),
        Some(Found::Module { file, display }) => load_source(full, &file, &display, None),
        None => Err(not_found(full)),
    }
}

/// Where a module's source is.
enum Found {
    /// A package: its `__init__.py`, and its directory as `__path__` shows it.
    Package { init: PathBuf, directory: String },
    /// A module's file, and its name as `__file__` shows it.
    Module { file: PathBuf, display: String },
}

/// Find module `last` (no dots) in the directories `search`: a package directory with
/// an `__init__.py`, or a `.py` file.
fn find_in(search: &[String], last: &str) -> Option<Found> {
    for directory in search {
        let base = if directory.is_empty() {
            PathBuf::from(".")
        } else {
            PathBuf::from(directory)
        };
        let package_init = base.join(last).join("__init__.py");
        if package_init.is_file() {
            return Some(Found::Package {
                init: package_init,
                directory: join_display(directory, last),
            });
        }
        let file = base.join(format!("{last}.py"));
        if file.is_file() {
            return Some(Found::Module {
                file,
                display: join_display(directory, &format!("{last}.py")),
            });
        }
    }
    None
}

/// The `__path__` of a package module as strings (None if it has none).
fn package_path(module: GcRef) -> PyResult<Option<Vec<String>>> {
    let path = module
        .downcast::<PyModule>()
        .and_then(|m| dict::get_str(m.dict(), space::name(N::path)));
    match path {
        Some(path) => Ok(Some(
            ops::collect(path)?
                .to_vec()
                .into_iter()
                .map(pystr::to_string)
                .collect(),
        )),
        None => Ok(None),
    }
}

/// What `-m name` runs: its source file and the package it belongs to.
pub struct MainModule {
    pub file: PathBuf,
    pub package: String,
}

/// Find what `-m name` runs, as CPython's `runpy` does: import the parent packages, then
/// find the module (or the `__main__` module of a package) without running it. `Ok(Err)`
/// is the message CPython prints for a module it cannot run; exceptions raised by the
/// packages' code propagate.
pub fn find_main_module(name: &str) -> PyResult<Result<MainModule, String>> {
    let finding_error = |e: Gc<PyException>, target: &str| -> PyResult<String> {
        Ok(format!(
            "Error while finding module specification for '{target}' ({}: {})",
            crate::objects::typeobject::type_name(e.cls()),
            crate::objects::exception::exception_str(e)?
        ))
    };
    if name.is_empty() {
        return Ok(Err("No module named ".to_string()));
    }
    if name.starts_with('.') {
        return Ok(Err("Relative module names not supported".to_string()));
    }
    let (parent, last) = match name.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, name),
    };
    let search = match parent {
        Some(p) => {
            let package = match import_module(p) {
                Ok(m) => m,
                Err(e) if is_instance_of(e, T_IMPORT_ERROR) => {
                    return Ok(Err(finding_error(e, name)?));
                }
                Err(e) => return Err(e),
            };
            match package_path(package)? {
                Some(path) => path,
                None => {
                    let mut message = format!(
                        "Error while finding module specification for '{name}' \
                         (ModuleNotFoundError: __path__ attribute not found on '{p}' \
                         while trying to find '{name}')"
                    );
                    if last == "py" {
                        message.push_str(&format!(
                            ". Try using '{p}' instead of '{name}' as the module name."
                        ));
                    }
                    return Ok(Err(message));
                }
            }
        }
        None => {
            if crate::builtins::modules::native_module(name)?.is_some() {
                return Ok(Err(format!("No code object available for {name}")));
            }
            sys_path()?
        }
    };
    if last.is_empty() {
        return Ok(Err(format!("No module named {name}")));
    }
    let package_package = match find_in(&search, last) {
        None => return Ok(Err(format!("No module named {name}"))),
        Some(Found::Module { file, .. }) => {
            return Ok(Ok(MainModule {
                file,
                package: parent.unwrap_or("").to_string(),
            }))
        }
        Some(Found::Package { .. }) => name,
    };
    // A package runs its `__main__` module, after its `__init__`.
    let main_name = format!("{package_package}.__main__");
    let package = match import_module(package_package) {
        Ok(m) => m,
        Err(e) if is_instance_of(e, T_IMPORT_ERROR) => {
            return Ok(Err(finding_error(e, &main_name)?));
        }
        Err(e) => return Err(e),
    };
    let search = package_path(package)?.unwrap_or_default();
    Ok(match find_in(&search, "__main__") {
        Some(Found::Module { file, .. }) => Ok(MainModule {
            file,
            package: package_package.to_string(),
        }),
        Some(Found::Package { .. }) => Err(format!(
            "Cannot use package as __main__ module; '{package_package}' is a package and \
             cannot be directly executed"
        )),
        None => Err(format!(
            "No module named {main_name}; '{package_package}' is a package and cannot be \
             directly executed"
        )),
    })
}

/// `directory/name` as Python shows it (no `./` for the current directory).
fn join_display(directory: &str, name: &str) -> String {
    if directory.is_empty() {
        name.to_string()
    } else {
        format!("{}/{name}", directory.trim_end_matches('/'))
    }
}

/// `sys.path` as strings.
fn sys_path() -> PyResult<Vec<String>> {
    let sys = space::sys_module();
    let Some(m) = sys.downcast::<PyModule>() else {
        return Ok(Vec::new());
    };
    let Some(path) = dict::get_str(m.dict(), pystr::intern("path")?) else {
        return Ok(Vec::new());
    };
    let mut result = Vec::new();
    if let Some(l) = path.downcast::<PyList>() {
        for i in 0..list::len(l) {
            let entry = list::get(l, i);
            if entry.is::<PyStr>() {
                result.push(pystr::to_string(entry));
            }
        }
    }
    Ok(result)
}

/// Compile and run a module's source file into a new module in `sys.modules`.
fn load_source(
    full: &str,
    path: &Path,
    display: &str,
    package_dir: Option<String>,
) -> PyResult<GcRef> {
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => return raise(T_OS_ERROR, format!("{e}: '{display}'")),
    };
    let module = new_module(full)?;
    let d = module.dict();
    dict::set_item(d, space::name(N::file), pystr::new_str(display)?)?;
    let package = match &package_dir {
        Some(dir) => {
            let path_list = list::new_list(1)?;
            list::append(path_list, pystr::new_str(dir)?)?;
            dict::set_item(d, space::name(N::path), path_list.erase())?;
            full.to_string()
        }
        None => full
            .rsplit_once('.')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default(),
    };
    dict::set_item(d, space::name(N::package), pystr::new_str(&package)?)?;
    let key = pystr::new_str(full)?;
    dict::set_item(space::modules(), key, module.erase())?;
    if let Err(e) = exec_source(&source, display, d) {
        dict::del_item(space::modules(), key)?;
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    let result = dict::get_str(space::modules(), key).unwrap_or(module.erase());
    if let Some((parent, last)) = full.rsplit_once('.') {
        if let Some(p) = modules_get(parent)? {
            ops::setattr(p, pystr::intern(last)?, result)?;
        }
    }
    Ok(result)
}

/// Compile `source` as a module and run it with `globals`. A syntax error becomes a
/// `SyntaxError` exception.
pub fn exec_source(source: &str, filename: &str, globals: Gc<PyDict>) -> PyResult<GcRef> {
    let unit = match compiler::compile(source, filename, CompileMode::Exec) {
        Ok(unit) => unit,
        Err(error) => return Err(crate::runtime::traceback::syntax_error_exception(&error)),
    };
    let code = code::to_heap(&unit)?;
    run_module_code(code, globals)
}

/// Run a module-level code object with `globals` (also its namespace).
pub fn run_module_code(code: Gc<PyCode>, globals: Gc<PyDict>) -> PyResult<GcRef> {
    if dict::get_str(globals, space::name(N::builtins)).is_none() {
        dict::set_item(globals, space::name(N::builtins), space::builtins_module())?;
    }
    let slots = crate::objects::new_items(
        (code.local_count() + code.cell_count() + code.free_count() + code.stack_size()) as usize,
    )?;
    let frame = alloc(PyFrame {
        code,
        globals,
        builtins: crate::runtime::call::builtins_dict(),
        namespace: None,
        slots,
        pc: 0,
        sp: code.local_count() + code.cell_count() + code.free_count(),
        last_instruction: -1,
        back: None,
        function: None,
        state: eval::FRAME_CREATED,
        handled: None,
        escaped: false,
    })?;
    eval::run_frame(frame)
}

/// `IMPORT_FROM`: an attribute of the module, or its submodule.
pub fn import_from(module: GcRef, name: GcRef) -> PyResult<GcRef> {
    if let Some(v) = ops::getattr_opt(module, name)? {
        return Ok(v);
    }
    let module_text = module_name(module);
    if let Some(m) = &module_text {
        if let Some(sub) = modules_get(&format!("{m}.{}", pystr::to_string(name)))? {
            return Ok(sub);
        }
    }
    let n = pystr::to_string(name);
    let m = module_text.unwrap_or_else(|| "<unknown module name>".to_string());
    let file = module
        .downcast::<PyModule>()
        .and_then(|md| dict::get_str(md.dict(), space::name(N::file)))
        .filter(|f| f.is::<PyStr>())
        .map(pystr::to_string);
    let initializing = module.downcast::<PyModule>().is_some_and(|md| {
        dict::get_str(md.dict(), pystr::intern("__initializing__").unwrap_or(name)).is_some()
    });
    let location = file.unwrap_or_else(|| "unknown location".to_string());
    let message = if initializing || currently_running(module) {
        format!(
            "cannot import name '{n}' from partially initialized module '{m}' (most likely due to a circular import) ({location})"
        )
    } else {
        format!("cannot import name '{n}' from '{m}' ({location})")
    };
    let e = new_exception(T_IMPORT_ERROR, &message);
    set_name_attribute(e, &m);
    Err(e)
}

/// Whether the module's code is still running (a frame with its globals is on the stack).
fn currently_running(module: GcRef) -> bool {
    let Some(m) = module.downcast::<PyModule>() else {
        return false;
    };
    let mut frame = space::current_frame();
    while let Some(f) = frame {
        if f.globals() == m.dict() && f.function().is_none() {
            return true;
        }
        frame = f.back();
    }
    false
}

/// `from module import *` into `target` (a dict or namespace): `__all__`, or every name
/// not starting with `_`.
pub fn import_star(module: GcRef, target: GcRef) -> PyResult<()> {
    let Some(m) = module.downcast::<PyModule>() else {
        return type_error("from-import-* object has no __dict__ and no __all__");
    };
    let d = m.dict();
    let names = match dict::get_str(d, space::name(N::all)) {
        Some(all) => ops::collect_list(all)?,
        None => {
            let names = list::new_list(0)?;
            let mut position = 0;
            while let Some((key, _, next)) = dict::next_entry(d, position) {
                if key.is::<PyStr>() && !pystr::to_string(key).starts_with('_') {
                    list::append(names, key)?;
                }
                position = next;
            }
            names
        }
    };
    for i in 0..list::len(names) {
        let name = list::get(names, i);
        let value = ops::getattr(module, name)?;
        crate::runtime::frame_ops::namespace_set(target, name, Some(value))?;
    }
    Ok(())
}
