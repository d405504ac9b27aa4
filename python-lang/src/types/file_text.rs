//! The methods of `TextIOWrapper`: the text files `open()` returns and the process's
//! standard streams (`sys.stdin`, `sys.stdout`, `sys.stderr`, which `runtime::stdio`
//! serves). The file state is `file_io`'s; `file` has `open()` and what every file
//! type shares.

use ferrite::{Gc, GcRef};

use super::io::{self, Cookie, Newline, SEEN_CR, SEEN_CRLF, SEEN_LF};
use super::{open_for, receiver, size_arg, state, unsupported, Need, State};
use crate::builtins::registry::{method, property, Args, NativeDef};
use crate::objects::int::{from_big, int_value};
use crate::objects::layout::*;
use crate::objects::typeobject::type_name_of;
use crate::objects::{new_int, new_items, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};
use crate::runtime::{ops, stdio};

pub fn methods() -> Vec<NativeDef> {
    let mut defs = super::common_methods(T_TEXT_IO);
    defs.extend([
        method(T_TEXT_IO, "read", text_read),
        method(T_TEXT_IO, "readline", text_readline),
        method(T_TEXT_IO, "write", text_write),
        method(T_TEXT_IO, "flush", text_flush),
        method(T_TEXT_IO, "seek", text_seek),
        method(T_TEXT_IO, "tell", text_tell),
        method(T_TEXT_IO, "truncate", text_truncate),
        method(T_TEXT_IO, "__next__", text_next),
        method(T_TEXT_IO, "__repr__", text_repr),
        property(T_TEXT_IO, "encoding", text_encoding, None),
        property(T_TEXT_IO, "errors", text_errors, None),
        property(T_TEXT_IO, "newlines", text_newlines, None),
        property(T_TEXT_IO, "line_buffering", text_line_buffering, None),
    ]);
    defs
}

fn text(args: &Args) -> PyResult<Gc<PyWrapper>> {
    Ok(receiver(args, &[T_TEXT_IO])?.0)
}

fn not_seekable<T>() -> PyResult<T> {
    Err(unsupported("underlying stream is not seekable"))
}

fn text_read(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    args.expect("read", 1, 2)?;
    let size = size_arg(args.get_opt(1))?;
    if let State::Process(fd) = state(w) {
        return stdio::read(fd, size);
    }
    let handle = open_for(w, T_TEXT_IO, "read", Need::Read)?;
    pystr::new_string(io::with(handle, |f| f.read_text(size))?)
}

fn text_readline(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    args.expect("readline", 1, 2)?;
    let limit = match args.get_opt(1) {
        Some(n) => Some(ops::index_value(n)?).filter(|&n| n >= 0),
        None => None,
    };
    let limit = limit.map(|n| n as usize);
    if let State::Process(fd) = state(w) {
        return stdio::readline(fd, limit);
    }
    let handle = open_for(w, T_TEXT_IO, "readline", Need::Read)?;
    pystr::new_string(io::with(handle, |f| f.readline_text(limit))?)
}

/// `next()`: the next line; `tell()` refuses while this iterates, as CPython's does.
fn text_next(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    let line = if let State::Process(fd) = state(w) {
        stdio::readline(fd, None)?
    } else {
        let handle = open_for(w, T_TEXT_IO, "__next__", Need::Read)?;
        let line = io::with(handle, |f| {
            let seekable = f.seekable;
            let line = f.readline_text(None);
            if let Some(text) = &mut f.text {
                text.telling = matches!(&line, Ok(l) if l.is_empty()) && seekable;
            }
            line
        })?;
        pystr::new_string(line)?
    };
    if ops::len(line)? == 0 {
        return Err(new_exception_args(T_STOP_ITERATION, &[]));
    }
    Ok(line)
}

fn text_write(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    args.expect("write", 2, 2)?;
    let s = args.get(1);
    let Some(string) = pystr::as_str(s) else {
        return type_error(format!(
            "write() argument must be str, not {}",
            type_name_of(s)
        ));
    };
    if let State::Process(fd) = state(w) {
        return stdio::write(fd, s);
    }
    let handle = open_for(w, T_TEXT_IO, "write", Need::Write)?;
    pystr::with_str(s, |t| io::with(handle, |f| f.write_text(t, s)))?;
    new_int(string.length())
}

fn text_flush(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    if let State::Process(_) = state(w) {
        stdio::flush();
        return Ok(space::none());
    }
    let handle = open_for(w, T_TEXT_IO, "flush", Need::Nothing)?;
    io::with(handle, |f| f.flush())?;
    Ok(space::none())
}

/// A cookie as `tell()` returns it, in CPython's layout: the position in the low 64 bits,
/// the characters to skip past it in bits 192 to 255 (CPython's decoder state sits in
/// between; Pyrite's decoders need none).
fn cookie_object(cookie: Cookie) -> PyResult<GcRef> {
    if cookie.skip == 0 {
        return match i64::try_from(cookie.position) {
            Ok(p) => new_int(p),
            Err(_) => from_big(cookie.position.into()),
        };
    }
    let big =
        num_bigint::BigInt::from(cookie.position) + (num_bigint::BigInt::from(cookie.skip) << 192);
    from_big(big)
}

fn text_tell(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    args.expect("tell", 1, 1)?;
    if let State::Process(_) = state(w) {
        return not_seekable();
    }
    let handle = open_for(w, T_TEXT_IO, "tell", Need::Nothing)?;
    let cookie = io::with(handle, |f| {
        if !f.seekable {
            return not_seekable();
        }
        if !f.text.as_ref().is_some_and(|t| t.telling) {
            return raise(T_OS_ERROR, "telling position disabled by next() call");
        }
        f.tell_text()
    })?;
    cookie_object(cookie)
}

fn text_seek(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    args.expect("seek", 2, 3)?;
    let target = args.get(1);
    let Some(value) = int_value(target) else {
        return type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name_of(target)
        ));
    };
    let whence = match args.get_opt(2) {
        Some(wh) => ops::index_value(wh)?,
        None => 0,
    };
    if let State::Process(_) = state(w) {
        return not_seekable();
    }
    let handle = open_for(w, T_TEXT_IO, "seek", Need::Nothing)?;
    let big = value.to_big();
    let zero = big == num_bigint::BigInt::from(0);
    match whence {
        0..=2 => {}
        _ => return value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")),
    }
    if !io::with(handle, |f| Ok(f.seekable))? {
        return not_seekable();
    }
    let position = match whence {
        1 if !zero => return Err(unsupported("can't do nonzero cur-relative seeks")),
        2 if !zero => return Err(unsupported("can't do nonzero end-relative seeks")),
        1 => return cookie_object(io::with(handle, |f| f.tell_text())?),
        2 => io::with(handle, |f| f.seek(std::io::SeekFrom::End(0)))?,
        _ => {
            if big.sign() == num_bigint::Sign::Minus {
                return value_error(format!("negative seek position {big}"));
            }
            let mask = (num_bigint::BigInt::from(1) << 64) - 1;
            let position = num_traits::ToPrimitive::to_u64(&(&big & &mask)).unwrap_or(0);
            let skip = num_traits::ToPrimitive::to_usize(&((&big >> 192) & &mask)).unwrap_or(0);
            io::with(handle, |f| f.seek_text(Cookie { position, skip }))?;
            return Ok(target);
        }
    };
    cookie_object(Cookie { position, skip: 0 })
}

fn text_truncate(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    if let State::Process(_) = state(w) {
        return not_seekable();
    }
    super::truncate(args, T_TEXT_IO)
}

fn text_repr(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    if let State::Process(fd) = state(w) {
        return pystr::new_string(stdio::repr(fd));
    }
    let name = w.second().unwrap_or_else(space::none);
    let mode = w.third().map(pystr::to_string).unwrap_or_default();
    let encoding = w.fourth().map(pystr::to_string).unwrap_or_default();
    pystr::new_string(format!(
        "<_io.TextIOWrapper name={} mode='{mode}' encoding='{encoding}'>",
        ops::repr_string(name)?
    ))
}

fn text_encoding(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    match (state(w), w.fourth()) {
        (State::Process(_), _) | (_, None) => pystr::intern("utf-8"),
        (_, Some(encoding)) => Ok(encoding),
    }
}

fn text_errors(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    if let State::Process(fd) = state(w) {
        return pystr::intern(stdio::errors(fd));
    }
    let handle = open_for(w, T_TEXT_IO, "errors", Need::Nothing)?;
    let errors = io::with(handle, |f| {
        Ok(f.text
            .as_ref()
            .map(|t| t.errors.clone())
            .unwrap_or_default())
    })?;
    pystr::new_string(errors)
}

/// `newlines`: the line endings read so far (universal newlines only).
fn text_newlines(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    if let State::Process(_) = state(w) {
        return Ok(space::none());
    }
    let handle = open_for(w, T_TEXT_IO, "newlines", Need::Nothing)?;
    let seen = io::with(handle, |f| {
        Ok(match &f.text {
            Some(t) if matches!(t.newline, Newline::Translate | Newline::Universal) => t.seen,
            _ => 0,
        })
    })?;
    let kinds: Vec<&str> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
        .into_iter()
        .filter(|(bit, _)| seen & bit != 0)
        .map(|(_, text)| text)
        .collect();
    match kinds.len() {
        0 => Ok(space::none()),
        1 => pystr::new_str(kinds[0]),
        n => {
            let items = new_items(n)?;
            for (i, text) in kinds.iter().enumerate() {
                items.set(i, Some(pystr::new_str(text)?));
            }
            Ok(items.erase())
        }
    }
}

fn text_line_buffering(args: &Args) -> PyResult<GcRef> {
    let w = text(args)?;
    if let State::Process(fd) = state(w) {
        return Ok(space::bool_(stdio::line_buffering(fd)));
    }
    let handle = open_for(w, T_TEXT_IO, "line_buffering", Need::Nothing)?;
    Ok(space::bool_(io::with(handle, |f| Ok(f.line_buffering))?))
}
