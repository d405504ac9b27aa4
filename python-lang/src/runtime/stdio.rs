//! `sys.stdin`, `sys.stdout` and `sys.stderr`: text streams on the process's file
//! descriptors (a `PyWrapper` of kind `T_TEXT_IO` holding the descriptor number).

use ferrite::GcRef;

use crate::builtins::functions::{flush_stdout, write_stream};
use crate::builtins::registry::{self, Args, NativeDef};
use crate::objects::layout::*;
use crate::objects::typeobject::type_name_of;
use crate::objects::{new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};

/// A stream on descriptor `fd`.
pub fn new_stream(fd: i64) -> PyResult<GcRef> {
    crate::objects::typeobject::wrapper(T_TEXT_IO, Some(new_int(fd)?), None)
}

fn fd_of(object: GcRef) -> Option<i64> {
    let w = object.downcast::<PyWrapper>()?;
    if w.kind() as usize != T_TEXT_IO {
        return None;
    }
    w.first()
        .and_then(|f| f.downcast::<PyInt>())
        .map(|i| i.value())
}

/// Whether `object` is our stream on descriptor `fd` (print writes there directly).
pub fn is_process_stream(object: GcRef, fd: i64) -> bool {
    fd_of(object) == Some(fd)
}

pub fn methods() -> Vec<NativeDef> {
    use registry::*;
    vec![
        method(T_TEXT_IO, "write", stream_write),
        method(T_TEXT_IO, "flush", stream_flush),
        method(T_TEXT_IO, "fileno", stream_fileno),
        method(T_TEXT_IO, "isatty", stream_isatty),
        method(T_TEXT_IO, "readline", stream_readline),
        method(T_TEXT_IO, "read", stream_read),
        method(T_TEXT_IO, "writable", stream_writable),
        method(T_TEXT_IO, "readable", stream_readable),
        property(T_TEXT_IO, "encoding", stream_encoding, None),
        property(T_TEXT_IO, "name", stream_name, None),
    ]
}

fn stream_fd(args: &Args) -> PyResult<i64> {
    match fd_of(args.get(0)) {
        Some(fd) => Ok(fd),
        None => type_error(format!(
            "descriptor requires a 'TextIOWrapper' object but received a '{}'",
            type_name_of(args.get(0))
        )),
    }
}

fn stream_write(args: &Args) -> PyResult<GcRef> {
    let fd = stream_fd(args)?;
    args.expect("write", 2, 2)?;
    let text = args.get(1);
    let Some(s) = pystr::as_str(text) else {
        return type_error(format!(
            "write() argument must be str, not {}",
            type_name_of(text)
        ));
    };
    if fd == 0 {
        return raise(T_OS_ERROR, "not writable");
    }
    pystr::with_str(text, |t| write_stream(fd, t))?;
    new_int(s.length())
}

fn stream_flush(args: &Args) -> PyResult<GcRef> {
    stream_fd(args)?;
    flush_stdout();
    Ok(space::none())
}

fn stream_fileno(args: &Args) -> PyResult<GcRef> {
    new_int(stream_fd(args)?)
}

fn stream_isatty(args: &Args) -> PyResult<GcRef> {
    let fd = stream_fd(args)?;
    use std::io::IsTerminal;
    let tty = match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    };
    Ok(space::bool_(tty))
}

fn stream_readline(args: &Args) -> PyResult<GcRef> {
    stream_fd(args)?;
    flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(_) => pystr::new_string(line),
        Err(e) => raise(T_OS_ERROR, e.to_string()),
    }
}

fn stream_read(args: &Args) -> PyResult<GcRef> {
    stream_fd(args)?;
    flush_stdout();
    let mut text = String::new();
    match std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
        Ok(_) => pystr::new_string(text),
        Err(e) => raise(T_OS_ERROR, e.to_string()),
    }
}

fn stream_writable(args: &Args) -> PyResult<GcRef> {
    Ok(space::bool_(stream_fd(args)? != 0))
}

fn stream_readable(args: &Args) -> PyResult<GcRef> {
    Ok(space::bool_(stream_fd(args)? == 0))
}

fn stream_encoding(_args: &Args) -> PyResult<GcRef> {
    pystr::intern("utf-8")
}

fn stream_name(args: &Args) -> PyResult<GcRef> {
    let name = match stream_fd(args)? {
        0 => "<stdin>",
        1 => "<stdout>",
        _ => "<stderr>",
    };
    pystr::intern(name)
}
