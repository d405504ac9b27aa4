//! `open()` and the file objects it returns, as CPython's `_io` has them: a
//! `TextIOWrapper` for the text modes, a `BufferedReader`, `BufferedWriter` or
//! `BufferedRandom` for the binary ones, a `FileIO` for unbuffered binary files
//! (`buffering=0`).
//!
//! A file object is a `PyWrapper`: `first` is its handle in `file_io`'s table (-1 once
//! closed), `second` its `name`, `third` its `mode` and `fourth` a text file's
//! `encoding`. The process's standard streams are `TextIOWrapper`s without a name
//! (`runtime::stdio`). This file has `open()`, what every file type shares and the binary
//! files' methods; `file_text` has the text files'.
//!
//! `io.UnsupportedOperation` (an `OSError` and a `ValueError`) is what reading a file
//! opened for writing raises, as in CPython; there is no `io` module to import yet.

#[path = "file_io.rs"]
pub(crate) mod io;
#[path = "file_text.rs"]
mod text;

use std::cell::RefCell;
use std::io::SeekFrom;

use ferrite::{Gc, GcRef, RootVec};

use super::str::args::keywords;
use crate::builtins::registry::{self, method, property, Args, NativeDef};
use crate::objects::bytes::new_bytes;
use crate::objects::layout::*;
use crate::objects::typeobject::type_name_of;
use crate::objects::{alloc, is_none, list, new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};
use io::{Newline, OpenFile, Text};

/// The binary file types.
pub const BINARY: [usize; 4] = [
    T_BUFFERED_READER,
    T_BUFFERED_WRITER,
    T_BUFFERED_RANDOM,
    T_FILE_IO,
];

thread_local! {
    /// `io.UnsupportedOperation`, made at start-up.
    static UNSUPPORTED: RefCell<RootVec<GcRef>> = RefCell::new(RootVec::new());
}

const UNSUPPORTED_SOURCE: &str = "\
class UnsupportedOperation(OSError, ValueError):
    pass
";

/// Make `io.UnsupportedOperation` and give the file types their module, `_io`.
pub fn install() -> PyResult<()> {
    let namespace = crate::objects::dict::new_dict()?;
    crate::objects::dict::set_item(
        namespace,
        space::name(crate::runtime::names::N::name),
        pystr::intern("io")?,
    )?;
    crate::runtime::import::exec_source(UNSUPPORTED_SOURCE, "<io>", namespace)?;
    let class = crate::objects::dict::get_str(namespace, pystr::intern("UnsupportedOperation")?)
        .expect("the snippet defines UnsupportedOperation");
    UNSUPPORTED.with(|u| u.borrow_mut().push(class));
    for index in [T_TEXT_IO].iter().chain(BINARY.iter()) {
        let t = space::builtin_type(*index);
        crate::objects::dict::set_item(
            t.dict(),
            space::name(crate::runtime::names::N::module),
            pystr::intern("_io")?,
        )?;
        t.set_version(crate::objects::method_cache::new_version());
    }
    Ok(())
}

/// `io.UnsupportedOperation(message)`.
pub fn unsupported(message: &str) -> Gc<PyException> {
    let class = UNSUPPORTED.with(|u| {
        let u = u.borrow();
        (!u.is_empty()).then(|| u.get(0))
    });
    let Some(class) = class else {
        return new_exception(T_OS_ERROR, message);
    };
    let made = pystr::new_str(message).and_then(|m| call::call_function(class, &[m]));
    match made.map(|e| e.downcast::<PyException>()) {
        Ok(Some(e)) => e,
        Ok(None) => new_exception(T_OS_ERROR, message),
        Err(e) => e,
    }
}

pub fn functions() -> Vec<NativeDef> {
    vec![registry::function("builtins", "open", open)]
}

// ---- the state of a file object ----------------------------------------------------------

pub enum State {
    /// One of the process's standard streams, by descriptor.
    Process(i64),
    /// An open file, by handle.
    Open(i64),
    Closed,
}

pub fn state(w: Gc<PyWrapper>) -> State {
    let n = w
        .first()
        .and_then(|f| f.downcast::<PyInt>())
        .map_or(-1, |i| i.value());
    if w.second().is_none() {
        State::Process(n)
    } else if n >= 0 {
        State::Open(n)
    } else {
        State::Closed
    }
}

/// The receiver of a method of the file types `kinds`.
pub fn receiver(args: &Args, kinds: &[usize]) -> PyResult<(Gc<PyWrapper>, usize)> {
    let object = args.get(0);
    if let Some(w) = object.downcast::<PyWrapper>() {
        let kind = w.kind() as usize;
        if kinds.contains(&kind) {
            return Ok((w, kind));
        }
    }
    let expected = pystr::to_string(space::builtin_type(kinds[0]).name());
    type_error(format!(
        "descriptor requires a '_io.{expected}' object but received a '{}'",
        type_name_of(object)
    ))
}

/// Whether a file of this mode reads and writes.
pub fn capabilities(w: Gc<PyWrapper>) -> (bool, bool) {
    if let State::Process(fd) = state(w) {
        return (fd == 0, fd != 0);
    }
    let Some(mode) = w.third() else {
        return (false, false);
    };
    pystr::with_str(mode, |mode| {
        let plus = mode.contains('+');
        (
            mode.contains('r') || plus,
            mode.contains(['w', 'a', 'x']) || plus,
        )
    })
}

/// What an operation needs of the file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Nothing,
    Read,
    Write,
}

/// CPython's message for `op` on a closed file of type `kind`.
fn closed_message(kind: usize, op: &str) -> &'static str {
    const PLAIN: &str = "I/O operation on closed file";
    const DOT: &str = "I/O operation on closed file.";
    match kind {
        T_TEXT_IO => match op {
            "fileno" | "readable" | "writable" | "seekable" | "isatty" => PLAIN,
            _ => DOT,
        },
        T_FILE_IO => match op {
            "flush" | "__enter__" | "__iter__" => DOT,
            _ => PLAIN,
        },
        _ => match op {
            "read" => "read of closed file",
            "readline" | "readlines" | "__next__" => "readline of closed file",
            "write" | "writelines" => "write to closed file",
            "seek" => "seek of closed file",
            "flush" if kind != T_BUFFERED_READER => "flush of closed file",
            "flush" | "__enter__" | "__iter__" => DOT,
            _ => PLAIN,
        },
    }
}

/// CPython's error for `op` on a file not opened for it.
fn not_supported(kind: usize, need: Need, op: &str) -> Gc<PyException> {
    let reading = need == Need::Read;
    match kind {
        T_TEXT_IO => unsupported(if reading {
            "not readable"
        } else {
            "not writable"
        }),
        T_FILE_IO => unsupported(if reading {
            "File not open for reading"
        } else {
            "File not open for writing"
        }),
        _ => unsupported(match op {
            "truncate" => "truncate",
            _ if reading => "read",
            _ => "write",
        }),
    }
}

/// The handle of an open file for `op`, or the error CPython gives for it: a closed file,
/// or one not opened for what `op` needs (buffered files check that first).
pub fn open_for(w: Gc<PyWrapper>, kind: usize, op: &str, need: Need) -> PyResult<i64> {
    let (readable, writable) = capabilities(w);
    let allowed = match need {
        Need::Nothing => true,
        Need::Read => readable,
        Need::Write => writable,
    };
    let buffered = kind != T_TEXT_IO && kind != T_FILE_IO;
    if buffered && !allowed {
        return Err(not_supported(kind, need, op));
    }
    let handle = match state(w) {
        State::Open(handle) => handle,
        State::Process(fd) => fd,
        State::Closed => return value_error(closed_message(kind, op)),
    };
    if !allowed {
        return Err(not_supported(kind, need, op));
    }
    Ok(handle)
}

/// A `size` argument: None or negative means all; anything but an int is a TypeError.
pub fn size_arg(value: Option<GcRef>) -> PyResult<Option<usize>> {
    let Some(value) = value.filter(|v| !is_none(*v)) else {
        return Ok(None);
    };
    if crate::objects::int::int_value(value).is_none()
        && crate::objects::typeobject::lookup_name(
            space::type_of(value),
            crate::runtime::names::N::index,
        )
        .is_none()
    {
        return type_error(format!(
            "argument should be integer or None, not '{}'",
            type_name_of(value)
        ));
    }
    let n = ops::index_value(value)?;
    Ok((n >= 0).then_some(n as usize))
}

/// A `readlines` hint: stop once the lines add up to it (0 or less: read all).
pub fn hint_arg(value: Option<GcRef>) -> PyResult<usize> {
    Ok(size_arg(value)?.filter(|&n| n > 0).unwrap_or(usize::MAX))
}

/// `close()`: flush and let go of the descriptor; closing twice does nothing.
pub fn close_object(w: Gc<PyWrapper>) -> PyResult<()> {
    match state(w) {
        State::Open(handle) => {
            w.set_first(Some(new_int(-1)?));
            io::close(handle)
        }
        State::Process(_) => {
            crate::runtime::stdio::flush();
            Ok(())
        }
        State::Closed => Ok(()),
    }
}

// ---- open() ------------------------------------------------------------------------------

/// A parsed `mode` argument.
struct Mode {
    kind: char,
    plus: bool,
    binary: bool,
}

impl Mode {
    fn parse(mode: &str) -> PyResult<Mode> {
        let mut seen = String::new();
        for c in mode.chars() {
            if !"rwxabt+".contains(c) || seen.contains(c) {
                return value_error(format!("invalid mode: '{mode}'"));
            }
            seen.push(c);
        }
        let has = |c: char| seen.contains(c);
        if has('t') && has('b') {
            return value_error("can't have text and binary mode at once");
        }
        let kinds: Vec<char> = "rwxa".chars().filter(|&c| has(c)).collect();
        match kinds.len() {
            1 => Ok(Mode {
                kind: kinds[0],
                plus: has('+'),
                binary: has('b'),
            }),
            0 => value_error(
                "Must have exactly one of create/read/write/append mode and at most one plus",
            ),
            _ => value_error("must have exactly one of create/read/write/append mode"),
        }
    }

    fn readable(&self) -> bool {
        self.kind == 'r' || self.plus
    }

    fn writable(&self) -> bool {
        self.kind != 'r' || self.plus
    }

    /// The mode a binary file reports, as `FileIO` spells it.
    fn binary_name(&self) -> &'static str {
        match (self.kind, self.plus) {
            ('x', false) => "xb",
            ('x', true) => "xb+",
            ('a', false) => "ab",
            ('a', true) => "ab+",
            ('r', false) => "rb",
            ('w', false) => "wb",
            _ => "rb+",
        }
    }

    /// The `flags` an `opener` gets (Linux values, as `os.O_*`).
    fn os_flags(&self) -> i64 {
        let access = match (self.readable(), self.writable()) {
            (true, true) => 2,
            (false, true) => 1,
            _ => 0,
        };
        let extra = match self.kind {
            'w' => 0o100 | 0o1000,
            'a' => 0o100 | 0o2000,
            'x' => 0o100 | 0o200,
            _ => 0,
        };
        access | extra | 0o2000000
    }
}

/// An optional str argument of `open()`.
fn optional_str(value: Option<GcRef>, name: &str) -> PyResult<Option<String>> {
    match value.filter(|v| !is_none(*v)) {
        None => Ok(None),
        Some(v) if v.is::<PyStr>() => Ok(Some(pystr::to_string(v))),
        Some(v) => type_error(format!(
            "open() argument '{name}' must be str or None, not {}",
            type_name_of(v)
        )),
    }
}

/// What `open()`'s `file` names.
enum Target {
    Path(std::path::PathBuf),
    Descriptor(i64),
}

fn target_of(file: GcRef) -> PyResult<Target> {
    use std::os::unix::ffi::OsStrExt;
    if file.is::<PyInt>() || file.is::<PyBool>() {
        let fd = ops::index_value(file)?;
        if fd < 0 {
            return value_error("negative file descriptor");
        }
        return Ok(Target::Descriptor(fd));
    }
    let path = if file.is::<PyStr>() || file.is::<PyBytes>() {
        file
    } else {
        let t = space::type_of(file);
        let fspath = match crate::objects::typeobject::lookup(t, pystr::intern("__fspath__")?) {
            Some(m) => Some(call::call_function(
                crate::objects::descriptors::bind(m, Some(file), t)?,
                &[],
            )?),
            None => None,
        };
        match fspath {
            Some(p) if p.is::<PyStr>() || p.is::<PyBytes>() => p,
            Some(p) => {
                return type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    type_name_of(file),
                    type_name_of(p)
                ))
            }
            None => {
                return type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    type_name_of(file)
                ))
            }
        }
    };
    let bytes = match crate::objects::bytes::bytes_of(path) {
        Some(b) => b,
        None => pystr::to_string(path).into_bytes(),
    };
    if bytes.contains(&0) {
        return value_error("embedded null byte");
    }
    Ok(Target::Path(std::ffi::OsStr::from_bytes(&bytes).into()))
}

/// Open a path as `mode` says (a directory is an error, as CPython's `FileIO` makes it).
fn open_path(path: &std::path::Path, mode: &Mode) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    match mode.kind {
        'r' => options.read(true),
        'w' => options.write(true).create(true).truncate(true),
        'a' => options.append(true).create(true),
        _ => options.write(true).create_new(true),
    };
    if mode.plus {
        options.read(true).write(true);
    }
    let mut file = options.open(path)?;
    if file.metadata()?.is_dir() {
        return Err(std::io::Error::from_raw_os_error(21));
    }
    if mode.kind == 'a' {
        std::io::Seek::seek(&mut file, SeekFrom::End(0))?;
    }
    Ok(file)
}

/// A file on descriptor `fd`: a copy of a standard stream's or of one of our files'
/// (Pyrite keeps no other descriptors).
fn open_descriptor(fd: i64) -> PyResult<(std::fs::File, bool)> {
    use std::os::fd::AsFd;
    let copy = match fd {
        0 => std::io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .map(std::fs::File::from),
        1 => std::io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .map(std::fs::File::from),
        2 => std::io::stderr()
            .as_fd()
            .try_clone_to_owned()
            .map(std::fs::File::from),
        _ => match io::duplicate_descriptor(fd) {
            Some(copy) => copy,
            None => Err(std::io::Error::from_raw_os_error(9)),
        },
    };
    match copy {
        Ok(file) => Ok((file, fd <= 2)),
        Err(e) => Err(os_error(&e, None)),
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
/// closefd=True, opener=None)`.
fn open(args: &Args) -> PyResult<GcRef> {
    let [file, mode, buffering, encoding, errors, newline, closefd, opener] = keywords(
        args,
        0,
        "open",
        [
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        1,
    )?;
    let file = file.expect("required");
    let mode_text = match mode {
        None => "r".to_string(),
        Some(m) if m.is::<PyStr>() => pystr::to_string(m),
        Some(m) => {
            return type_error(format!(
                "open() argument 'mode' must be str, not {}",
                type_name_of(m)
            ))
        }
    };
    let buffering = match buffering {
        Some(b) => ops::index_value(b)?,
        None => -1,
    };
    let encoding = optional_str(encoding, "encoding")?;
    let errors = optional_str(errors, "errors")?;
    let newline_arg = optional_str(newline, "newline")?;
    let closefd = match closefd {
        Some(c) => ops::truthy(c)?,
        None => true,
    };
    let opener = opener.filter(|o| !is_none(*o));
    let mode = Mode::parse(&mode_text)?;
    if mode.binary {
        for (given, what) in [
            (encoding.is_some(), "an encoding"),
            (errors.is_some(), "an errors"),
            (newline_arg.is_some(), "a newline"),
        ] {
            if given {
                return value_error(format!("binary mode doesn't take {what} argument"));
            }
        }
    }
    if !mode.binary && buffering == 0 {
        return value_error("can't have unbuffered text I/O");
    }
    let newline = match newline_arg.as_deref() {
        None => Newline::Translate,
        Some("") => Newline::Universal,
        Some("\n") => Newline::Lf,
        Some("\r") => Newline::Cr,
        Some("\r\n") => Newline::CrLf,
        Some(other) => return value_error(format!("illegal newline value: {other}")),
    };
    let target = target_of(file)?;
    // A file nobody closed is only flushed at exit (there are no finalizers); flushing
    // every file now makes `open(p, 'w').write(s)` visible to a later `open(p)`.
    io::flush_all();
    if !closefd && matches!(target, Target::Path(_)) {
        return value_error("Cannot use closefd=False with file name");
    }
    let (os_file, console) = match (&target, opener) {
        (Target::Path(_), Some(opener)) => {
            let flags = new_int(mode.os_flags())?;
            let fd = call::call_function(opener, &[file, flags])?;
            let fd = ops::index_value(fd)?;
            if fd < 0 {
                return value_error(format!("opener returned {fd}"));
            }
            open_descriptor(fd)?
        }
        (Target::Path(path), None) => match open_path(path, &mode) {
            Ok(f) => (f, false),
            Err(e) => return Err(os_error(&e, Some(file))),
        },
        (Target::Descriptor(fd), _) => open_descriptor(*fd)?,
    };
    let mut open_file = OpenFile::new(os_file, buffering == 0);
    open_file.closefd = closefd;
    if console {
        open_file.set_console();
    }
    let (kind, mode_name, encoding_name) = if mode.binary {
        let kind = if buffering == 0 {
            T_FILE_IO
        } else if mode.plus {
            T_BUFFERED_RANDOM
        } else if mode.kind == 'r' {
            T_BUFFERED_READER
        } else {
            T_BUFFERED_WRITER
        };
        (kind, mode.binary_name().to_string(), None)
    } else {
        let encoding = encoding.unwrap_or_else(|| "utf-8".to_string());
        let codec = match super::str::codecs::canonical_name(&encoding) {
            Ok(codec) => codec,
            Err(e) => {
                let handle = io::register(open_file);
                io::close(handle)?;
                return Err(e);
            }
        };
        let errors = errors.unwrap_or_else(|| "strict".to_string());
        open_file.line_buffering = buffering == 1 || (buffering < 0 && open_file.isatty());
        open_file.text = Some(Box::new(Text::new(codec, errors, newline)));
        open_file.position_encoder();
        (T_TEXT_IO, mode_text, Some(encoding))
    };
    let handle = io::register(open_file);
    let fields = (|| -> PyResult<(GcRef, GcRef, Option<GcRef>)> {
        Ok((
            new_int(handle)?,
            pystr::new_string(mode_name)?,
            encoding_name.map(pystr::new_string).transpose()?,
        ))
    })();
    let (handle_object, mode_object, encoding_object) = match fields {
        Ok(f) => f,
        Err(e) => {
            io::close(handle)?;
            return Err(e);
        }
    };
    Ok(alloc(PyWrapper {
        kind: kind as i64,
        first: Some(handle_object),
        second: Some(file),
        third: Some(mode_object),
        fourth: encoding_object,
        dict: None,
    })?
    .erase())
}

// ---- what every file type has ------------------------------------------------------------

/// The methods every file type has, for `kind`.
pub fn common_methods(kind: usize) -> Vec<NativeDef> {
    vec![
        method(kind, "close", file_close),
        method(kind, "fileno", file_fileno),
        method(kind, "isatty", file_isatty),
        method(kind, "readable", file_readable),
        method(kind, "writable", file_writable),
        method(kind, "seekable", file_seekable),
        method(kind, "__enter__", file_enter),
        method(kind, "__exit__", file_exit),
        method(kind, "__iter__", file_iter),
        method(kind, "readlines", file_readlines),
        method(kind, "writelines", file_writelines),
        property(kind, "closed", file_closed, None),
        property(kind, "name", file_name, None),
        property(kind, "mode", file_mode, None),
    ]
}

pub fn all_kinds() -> [usize; 5] {
    [
        T_TEXT_IO,
        T_BUFFERED_READER,
        T_BUFFERED_WRITER,
        T_BUFFERED_RANDOM,
        T_FILE_IO,
    ]
}

fn any_file(args: &Args) -> PyResult<(Gc<PyWrapper>, usize)> {
    receiver(args, &all_kinds())
}

fn file_close(args: &Args) -> PyResult<GcRef> {
    args.expect("close", 1, 1)?;
    let (w, _) = any_file(args)?;
    close_object(w)?;
    Ok(space::none())
}

fn file_fileno(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = any_file(args)?;
    match state(w) {
        State::Process(fd) => new_int(fd),
        _ => {
            let handle = open_for(w, kind, "fileno", Need::Nothing)?;
            new_int(io::with(handle, |f| Ok(f.fileno()))?)
        }
    }
}

fn file_isatty(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = any_file(args)?;
    let tty = match state(w) {
        State::Process(fd) => crate::runtime::stdio::isatty(fd),
        _ => {
            let handle = open_for(w, kind, "isatty", Need::Nothing)?;
            io::with(handle, |f| Ok(f.isatty()))?
        }
    };
    Ok(space::bool_(tty))
}

/// `readable()`/`writable()`: False without looking further for a file not opened so
/// (as CPython's buffered files answer, closed or not).
fn capability(args: &Args, op: &str, reading: bool) -> PyResult<GcRef> {
    let (w, kind) = any_file(args)?;
    let (readable, writable) = capabilities(w);
    let able = if reading { readable } else { writable };
    if !able && kind != T_FILE_IO {
        return Ok(space::bool_(false));
    }
    open_for(w, kind, op, Need::Nothing)?;
    Ok(space::bool_(able))
}

fn file_readable(args: &Args) -> PyResult<GcRef> {
    capability(args, "readable", true)
}

fn file_writable(args: &Args) -> PyResult<GcRef> {
    capability(args, "writable", false)
}

fn file_seekable(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = any_file(args)?;
    if let State::Process(_) = state(w) {
        return Ok(space::bool_(false));
    }
    let handle = open_for(w, kind, "seekable", Need::Nothing)?;
    Ok(space::bool_(io::with(handle, |f| Ok(f.seekable))?))
}

fn file_enter(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = any_file(args)?;
    open_for(w, kind, "__enter__", Need::Nothing)?;
    Ok(args.get(0))
}

fn file_exit(args: &Args) -> PyResult<GcRef> {
    let (w, _) = any_file(args)?;
    close_object(w)?;
    Ok(space::none())
}

fn file_iter(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = any_file(args)?;
    open_for(w, kind, "__iter__", Need::Nothing)?;
    Ok(args.get(0))
}

/// `readlines(hint=-1)`: `readline()` until the end, or until the lines add up to `hint`.
fn file_readlines(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = any_file(args)?;
    args.expect("readlines", 1, 2)?;
    let hint = hint_arg(args.get_opt(1))?;
    open_for(w, kind, "readlines", Need::Read)?;
    let lines = list::new_list(0)?;
    let mut total = 0;
    loop {
        let line = ops::call_method(args.get(0), "readline", &[])?;
        let length = ops::len(line)? as usize;
        if length == 0 {
            break;
        }
        list::append(lines, line)?;
        total += length;
        if total >= hint {
            break;
        }
    }
    Ok(lines.erase())
}

fn file_writelines(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = any_file(args)?;
    args.expect("writelines", 2, 2)?;
    open_for(w, kind, "writelines", Need::Write)?;
    let iterator = ops::iter(args.get(1))?;
    while let Some(line) = ops::next(iterator)? {
        ops::call_method(args.get(0), "write", &[line])?;
    }
    Ok(space::none())
}

fn file_closed(args: &Args) -> PyResult<GcRef> {
    let (w, _) = any_file(args)?;
    Ok(space::bool_(matches!(state(w), State::Closed)))
}

fn file_name(args: &Args) -> PyResult<GcRef> {
    let (w, _) = any_file(args)?;
    match (state(w), w.second()) {
        (State::Process(fd), _) => pystr::intern(crate::runtime::stdio::name(fd)),
        (_, Some(name)) => Ok(name),
        (_, None) => Ok(space::none()),
    }
}

fn file_mode(args: &Args) -> PyResult<GcRef> {
    let (w, _) = any_file(args)?;
    match (state(w), w.third()) {
        (State::Process(fd), _) => pystr::intern(crate::runtime::stdio::mode(fd)),
        (_, Some(mode)) => Ok(mode),
        (_, None) => Ok(space::none()),
    }
}

/// `seek(offset, whence)`'s target for the OS (None for a bad `whence`); a negative
/// position is the OS's EINVAL.
fn seek_from(offset: i64, whence: i64) -> Option<PyResult<SeekFrom>> {
    match whence {
        0 if offset < 0 => Some(Err(os_error(&std::io::Error::from_raw_os_error(22), None))),
        0 => Some(Ok(SeekFrom::Start(offset as u64))),
        1 => Some(Ok(SeekFrom::Current(offset))),
        2 => Some(Ok(SeekFrom::End(offset))),
        _ => None,
    }
}

// ---- binary files ------------------------------------------------------------------------

pub fn methods() -> Vec<NativeDef> {
    let mut defs = Vec::new();
    for kind in BINARY {
        defs.extend(common_methods(kind));
        defs.extend([
            method(kind, "read", binary_read),
            method(kind, "readline", binary_readline),
            method(kind, "write", binary_write),
            method(kind, "flush", binary_flush),
            method(kind, "seek", binary_seek),
            method(kind, "tell", binary_tell),
            method(kind, "truncate", binary_truncate),
            method(kind, "__next__", binary_next),
            method(kind, "__repr__", binary_repr),
        ]);
    }
    defs.push(property(T_FILE_IO, "closefd", fileio_closefd, None));
    defs.extend(text::methods());
    defs
}

fn binary(args: &Args) -> PyResult<(Gc<PyWrapper>, usize)> {
    receiver(args, &BINARY)
}

fn binary_read(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = binary(args)?;
    args.expect("read", 1, 2)?;
    let size = size_arg(args.get_opt(1))?;
    let handle = open_for(w, kind, "read", Need::Read)?;
    if size.is_none() && kind != T_FILE_IO {
        if let Some(n) = args.get_opt(1).filter(|v| !is_none(*v)) {
            if ops::index_value(n)? < -1 {
                return value_error("read length must be non-negative or -1");
            }
        }
    }
    new_bytes(&io::with(handle, |f| f.read_bytes(size))?)
}

fn binary_readline(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = binary(args)?;
    args.expect("readline", 1, 2)?;
    let limit = size_arg(args.get_opt(1))?;
    let handle = open_for(w, kind, "readline", Need::Read)?;
    new_bytes(&io::with(handle, |f| f.readline_bytes(limit))?)
}

fn binary_next(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = binary(args)?;
    let handle = open_for(w, kind, "__next__", Need::Read)?;
    let line = io::with(handle, |f| f.readline_bytes(None))?;
    if line.is_empty() {
        return Err(new_exception_args(T_STOP_ITERATION, &[]));
    }
    new_bytes(&line)
}

fn binary_write(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = binary(args)?;
    args.expect("write", 2, 2)?;
    let handle = open_for(w, kind, "write", Need::Write)?;
    let data = super::bytes::bytes_arg(args.get(1))?;
    io::with(handle, |f| f.write_bytes(&data))?;
    new_int(data.len() as i64)
}

fn binary_flush(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = binary(args)?;
    let handle = open_for(w, kind, "flush", Need::Nothing)?;
    io::with(handle, |f| f.flush())?;
    Ok(space::none())
}

fn binary_seek(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = binary(args)?;
    args.expect("seek", 2, 3)?;
    let offset = match ops::index_int(args.get(1))? {
        crate::objects::int::IntValue::Small(offset) => offset,
        crate::objects::int::IntValue::Big(_) => {
            return value_error("cannot fit 'int' into an offset-sized integer")
        }
    };
    let whence = match args.get_opt(2) {
        Some(wh) => ops::index_value(wh)?,
        None => 0,
    };
    let handle = open_for(w, kind, "seek", Need::Nothing)?;
    let Some(to) = seek_from(offset, whence) else {
        return value_error(if kind == T_FILE_IO {
            format!("invalid whence ({whence}, should be 0, 1 or 2)")
        } else {
            format!("whence value {whence} unsupported")
        });
    };
    let to = to?;
    let position = io::with(handle, |f| f.seek(to))?;
    new_int(position as i64)
}

fn binary_tell(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = binary(args)?;
    args.expect("tell", 1, 1)?;
    let handle = open_for(w, kind, "tell", Need::Nothing)?;
    new_int(io::with(handle, |f| f.tell_bytes())? as i64)
}

/// `truncate(size=None)`, shared with text files: cut the file at `size` (the current
/// position by default).
pub fn truncate(args: &Args, kind: usize) -> PyResult<GcRef> {
    let (w, _) = receiver(args, &[kind])?;
    args.expect("truncate", 1, 2)?;
    let handle = open_for(w, kind, "truncate", Need::Write)?;
    let size = match args.get_opt(1).filter(|s| !is_none(*s)) {
        Some(s) => Some(ops::index_value(s)?),
        None => None,
    };
    let size = match size {
        Some(n) if n < 0 => return Err(os_error(&std::io::Error::from_raw_os_error(22), None)),
        Some(n) => n as u64,
        None if kind == T_TEXT_IO => io::with(handle, |f| f.tell_text())?.position,
        None => io::with(handle, |f| f.tell_bytes())?,
    };
    new_int(io::with(handle, |f| f.truncate(size))? as i64)
}

fn binary_truncate(args: &Args) -> PyResult<GcRef> {
    let (_, kind) = binary(args)?;
    truncate(args, kind)
}

fn binary_repr(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = binary(args)?;
    let type_name = pystr::to_string(space::builtin_type(kind).name());
    let name = w.second().unwrap_or_else(space::none);
    let text = match (kind, state(w)) {
        (T_FILE_IO, State::Closed) => "<_io.FileIO [closed]>".to_string(),
        (T_FILE_IO, State::Open(handle)) => {
            let closefd = io::with(handle, |f| Ok(f.closefd))?;
            format!(
                "<_io.FileIO name={} mode='{}' closefd={}>",
                ops::repr_string(name)?,
                w.third().map(pystr::to_string).unwrap_or_default(),
                if closefd { "True" } else { "False" }
            )
        }
        _ => format!("<_io.{type_name} name={}>", ops::repr_string(name)?),
    };
    pystr::new_string(text)
}

fn fileio_closefd(args: &Args) -> PyResult<GcRef> {
    let (w, kind) = receiver(args, &[T_FILE_IO])?;
    let handle = open_for(w, kind, "closefd", Need::Nothing)?;
    Ok(space::bool_(io::with(handle, |f| Ok(f.closefd))?))
}
