//! Raising Python exceptions from Rust: `PyResult`, and helpers that make an exception of
//! a built-in type with a message (`type_error("…")`).
//!
//! A Python exception travels as the `Err` of a `PyResult`; the eval loop catches it
//! through the code object's exception table, or adds a traceback entry and passes it on.

use ferrite::{Gc, GcRef};

use crate::objects::layout::PyException;
use crate::objects::{alloc, new_tuple, str::new_str};
use crate::runtime::space::{self, *};

pub type PyResult<T> = Result<T, Gc<PyException>>;

/// An exception of the built-in type `index` with these arguments.
pub fn new_exception_args(index: usize, args: &[GcRef]) -> Gc<PyException> {
    let build = || -> PyResult<Gc<PyException>> {
        let args = new_tuple(args)?;
        alloc(PyException {
            cls: space::builtin_type(index),
            args,
            traceback: None,
            cause: None,
            context: None,
            suppress_context: false,
            dict: None,
        })
    };
    build().unwrap_or_else(|error| error)
}

/// An exception of the built-in type `index` with one message argument.
pub fn new_exception(index: usize, message: &str) -> Gc<PyException> {
    match new_str(message) {
        Ok(text) => new_exception_args(index, &[text]),
        Err(error) => error,
    }
}

pub fn raise<T>(index: usize, message: impl AsRef<str>) -> PyResult<T> {
    Err(new_exception(index, message.as_ref()))
}

pub fn type_error<T>(message: impl AsRef<str>) -> PyResult<T> {
    raise(T_TYPE_ERROR, message)
}

pub fn value_error<T>(message: impl AsRef<str>) -> PyResult<T> {
    raise(T_VALUE_ERROR, message)
}

pub fn index_error<T>(message: impl AsRef<str>) -> PyResult<T> {
    raise(T_INDEX_ERROR, message)
}

pub fn attribute_error<T>(message: impl AsRef<str>) -> PyResult<T> {
    raise(T_ATTRIBUTE_ERROR, message)
}

pub fn overflow_error<T>(message: impl AsRef<str>) -> PyResult<T> {
    raise(T_OVERFLOW_ERROR, message)
}

pub fn zero_division<T>(message: impl AsRef<str>) -> PyResult<T> {
    raise(T_ZERO_DIVISION_ERROR, message)
}

pub fn runtime_error<T>(message: impl AsRef<str>) -> PyResult<T> {
    raise(T_RUNTIME_ERROR, message)
}

/// The OSError for a failed system call, of the subclass its error number calls for (as
/// CPython picks it): `[Errno 2] No such file or directory: 'name'` with `filename`.
pub fn os_error(error: &std::io::Error, filename: Option<GcRef>) -> Gc<PyException> {
    let Some(errno) = error.raw_os_error() else {
        return new_exception(T_OS_ERROR, &error.to_string());
    };
    let build = || -> PyResult<Gc<PyException>> {
        let index =
            crate::objects::exception::os_error_subclass(errno as i64).unwrap_or(T_OS_ERROR);
        let number = crate::objects::new_int(errno as i64)?;
        let text = new_str(&strerror(error))?;
        Ok(match filename {
            Some(name) => new_exception_args(index, &[number, text, name]),
            None => new_exception_args(index, &[number, text]),
        })
    };
    build().unwrap_or_else(|error| error)
}

/// The C library's text for an I/O error (`strerror`), without the `(os error N)` Rust
/// appends.
pub fn strerror(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// `KeyError(key)`: its argument is the key itself, not a message.
pub fn key_error<T>(key: GcRef) -> PyResult<T> {
    Err(new_exception_args(T_KEY_ERROR, &[key]))
}

/// Whether `exception` is an instance of the built-in exception type `index`.
pub fn is_instance_of(exception: Gc<PyException>, index: usize) -> bool {
    crate::objects::typeobject::is_subtype(exception.cls(), space::builtin_type(index))
}

/// Add a note to an exception (`add_note`), ignoring failure (the exception being
/// annotated is what matters).
pub fn add_note_text(exception: Gc<PyException>, note: &str) {
    let add = || -> PyResult<()> {
        let text = new_str(note)?;
        crate::runtime::ops::call_method(exception.erase(), "add_note", &[text])?;
        Ok(())
    };
    let _ = add();
}

/// Set the `name` attribute of a NameError, ImportError or AttributeError (best effort).
pub fn set_name_attribute(exception: Gc<PyException>, name: &str) {
    let set = || -> PyResult<()> {
        let key = crate::objects::str::intern("name")?;
        crate::objects::instance::set_own(exception.erase(), key, Some(new_str(name)?))?;
        Ok(())
    };
    let _ = set();
}
