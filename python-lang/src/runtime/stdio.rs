//! `sys.stdin`, `sys.stdout` and `sys.stderr`: text streams on the process's file
//! descriptors (a `PyWrapper` of kind `T_TEXT_IO` holding the descriptor number and no
//! name, which is how they differ from the files `open()` makes). Their methods are
//! `TextIOWrapper`'s (`types::file`), which come here for these streams.
//!
//! Standard output goes through the buffer `print` writes to (`write_stream`); standard
//! input is read through Rust's shared stdin buffer, which `input()` and the interactive
//! prompt read from too.

use std::io::{BufRead, Read};

use ferrite::GcRef;

use crate::builtins::functions::{flush_stdout, write_stream};
use crate::objects::layout::*;
use crate::objects::{new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};

/// A stream on descriptor `fd`.
pub fn new_stream(fd: i64) -> PyResult<GcRef> {
    crate::objects::typeobject::wrapper(T_TEXT_IO, Some(new_int(fd)?), None)
}

/// The descriptor of a process stream (None for anything else, files included).
pub fn fd_of(object: GcRef) -> Option<i64> {
    let w = object.downcast::<PyWrapper>()?;
    if w.kind() as usize != T_TEXT_IO || w.second().is_some() {
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

/// `write(text)`: the number of characters written.
pub fn write(fd: i64, text: GcRef) -> PyResult<GcRef> {
    let Some(s) = pystr::as_str(text) else {
        return type_error(format!(
            "write() argument must be str, not {}",
            crate::objects::typeobject::type_name_of(text)
        ));
    };
    if fd == 0 {
        return Err(crate::types::file::unsupported("not writable"));
    }
    pystr::with_str(text, |t| write_stream(fd, t))?;
    new_int(s.length())
}

pub fn flush() {
    flush_stdout();
}

pub fn isatty(fd: i64) -> bool {
    use std::io::IsTerminal;
    match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    }
}

fn not_readable<T>() -> PyResult<T> {
    Err(crate::types::file::unsupported("not readable"))
}

/// Read from standard input until `stop` says the text so far is complete or the input
/// ends; strict UTF-8, as CPython's `sys.stdin` decodes.
fn read_stdin(mut stop: impl FnMut(&[u8]) -> bool) -> PyResult<GcRef> {
    flush_stdout();
    let mut data = Vec::new();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut byte = [0u8];
    while !stop(&data) {
        match input.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => data.push(byte[0]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(os_error(&e, None)),
        }
    }
    let text = crate::types::str::codecs::decode(&data, "utf-8", "strict")?;
    pystr::new_string(text)
}

/// Whether `data` ends a character and has `limit` characters (UTF-8).
fn has_chars(data: &[u8], limit: usize) -> bool {
    let complete = std::str::from_utf8(data).is_ok();
    complete && data.iter().filter(|&&b| !(0x80..0xc0).contains(&b)).count() >= limit
}

/// `readline(limit)`.
pub fn readline(fd: i64, limit: Option<usize>) -> PyResult<GcRef> {
    if fd != 0 {
        return not_readable();
    }
    match limit {
        None => {
            flush_stdout();
            let mut line = Vec::new();
            std::io::stdin()
                .lock()
                .read_until(b'\n', &mut line)
                .map_err(|e| os_error(&e, None))?;
            let text = crate::types::str::codecs::decode(&line, "utf-8", "strict")?;
            pystr::new_string(text)
        }
        Some(limit) => read_stdin(|d| d.last() == Some(&b'\n') || has_chars(d, limit)),
    }
}

/// `read(size)` (None: to the end of the input).
pub fn read(fd: i64, size: Option<usize>) -> PyResult<GcRef> {
    if fd != 0 {
        return not_readable();
    }
    match size {
        None => {
            flush_stdout();
            let mut data = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut data)
                .map_err(|e| os_error(&e, None))?;
            let text = crate::types::str::codecs::decode(&data, "utf-8", "strict")?;
            pystr::new_string(text)
        }
        Some(size) => read_stdin(|d| has_chars(d, size)),
    }
}

pub fn name(fd: i64) -> &'static str {
    match fd {
        0 => "<stdin>",
        1 => "<stdout>",
        _ => "<stderr>",
    }
}

pub fn mode(fd: i64) -> &'static str {
    if fd == 0 {
        "r"
    } else {
        "w"
    }
}

/// `errors`: stderr escapes what it cannot encode, as CPython's does.
pub fn errors(fd: i64) -> &'static str {
    if fd == 2 {
        "backslashreplace"
    } else {
        "strict"
    }
}

/// `line_buffering`: stderr always, stdout on a terminal.
pub fn line_buffering(fd: i64) -> bool {
    fd == 2 || (fd == 1 && isatty(1))
}

/// `repr()`, as CPython's for its standard streams.
pub fn repr(fd: i64) -> String {
    format!(
        "<_io.TextIOWrapper name='{}' mode='{}' encoding='utf-8'>",
        name(fd),
        mode(fd)
    )
}

/// `closed`: the process's streams stay open (`close()` only flushes them).
pub fn closed() -> GcRef {
    space::bool_(false)
}
