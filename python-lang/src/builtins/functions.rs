//! The builtin functions: `print`, `len`, `isinstance`, `sorted`, `min`, … (the types
//! that double as functions, like `int` and `range`, are in `types`).

use std::io::Write;

use ferrite::GcRef;

use crate::builtins::registry::{self, Args, NativeDef};
use crate::compiler::bytecode::binop;
use crate::objects::int::{self, IntValue};
use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup_name, type_name_of};
use crate::objects::{dict, list, new_int, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};

const MODULE: &str = "builtins";

pub fn functions() -> Vec<NativeDef> {
    use registry::function;
    vec![
        function(MODULE, "print", print),
        function(MODULE, "len", len),
        function(MODULE, "repr", repr),
        function(MODULE, "ascii", ascii),
        function(MODULE, "isinstance", isinstance),
        function(MODULE, "issubclass", issubclass),
        function(MODULE, "hasattr", hasattr),
        function(MODULE, "getattr", getattr),
        function(MODULE, "setattr", setattr),
        function(MODULE, "delattr", delattr),
        function(MODULE, "callable", callable),
        function(MODULE, "id", id),
        function(MODULE, "hash", hash),
        function(MODULE, "iter", iter),
        function(MODULE, "next", next),
        function(MODULE, "abs", abs),
        function(MODULE, "divmod", divmod),
        function(MODULE, "pow", pow),
        function(MODULE, "round", round),
        function(MODULE, "sum", sum),
        function(MODULE, "min", min),
        function(MODULE, "max", max),
        function(MODULE, "all", all),
        function(MODULE, "any", any),
        function(MODULE, "sorted", sorted),
        function(MODULE, "chr", chr),
        function(MODULE, "ord", ord),
        function(MODULE, "bin", bin),
        function(MODULE, "oct", oct),
        function(MODULE, "hex", hex),
        function(MODULE, "format", format),
        function(MODULE, "vars", vars),
        function(MODULE, "dir", dir),
        function(MODULE, "globals", globals),
        function(MODULE, "locals", locals),
        function(MODULE, "__build_class__", build_class),
        function(MODULE, "__import__", import),
        function(MODULE, "exec", exec),
        function(MODULE, "compile", compile),
        function(MODULE, "eval", eval),
        function(MODULE, "input", input),
        function(MODULE, "aiter", aiter),
        function(MODULE, "anext", anext),
    ]
}

// ---- output ------------------------------------------------------------------------------

/// Write text to the process's stdout (buffered unless `-u`), or stderr.
pub fn write_stream(fd: i64, text: &str) -> PyResult<()> {
    let result = if fd == 2 {
        flush_stdout();
        std::io::stderr().write_all(text.as_bytes())
    } else {
        let unbuffered = space::with(|s| s.unbuffered.get());
        STDOUT.with(|out| {
            let mut out = out.borrow_mut();
            let r = out.write_all(text.as_bytes());
            if unbuffered {
                r.and_then(|_| out.flush())
            } else {
                r
            }
        })
    };
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            raise(T_OS_ERROR, "[Errno 32] Broken pipe")
        }
        Err(e) => raise(T_OS_ERROR, e.to_string()),
    }
}

thread_local! {
    static STDOUT: std::cell::RefCell<std::io::BufWriter<std::io::Stdout>> =
        std::cell::RefCell::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()));
}

pub fn flush_stdout() {
    STDOUT.with(|out| {
        let _ = out.borrow_mut().flush();
    });
}

/// The `file=` of print: None means `sys.stdout`.
fn print_target(args: &Args) -> PyResult<Option<GcRef>> {
    let file = args
        .keyword("file")
        .filter(|f| !crate::objects::is_none(*f));
    if let Some(f) = file {
        return Ok(Some(f));
    }
    let sys = space::sys_module();
    let stdout = ops::getattr_opt(sys, pystr::intern("stdout")?)?;
    Ok(stdout.filter(|s| !crate::runtime::stdio::is_process_stream(*s, 1)))
}

fn print(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("print", &["sep", "end", "file", "flush"])?;
    let text_of = |name: &str, default: &str| -> PyResult<String> {
        match args.keyword(name).filter(|v| !crate::objects::is_none(*v)) {
            None => Ok(default.to_string()),
            Some(v) if v.is::<PyStr>() => Ok(pystr::to_string(v)),
            Some(v) => type_error(format!(
                "{name} must be None or a string, not {}",
                type_name_of(v)
            )),
        }
    };
    let sep = text_of("sep", " ")?;
    let end = text_of("end", "\n")?;
    let target = print_target(args)?;
    match target {
        Some(file) if !crate::runtime::stdio::is_process_stream(file, 2) => {
            // A file object gets each piece by its own write(), as CPython does.
            for i in 0..args.len() {
                if i > 0 {
                    ops::call_method(file, "write", &[pystr::new_str(&sep)?])?;
                }
                ops::call_method(file, "write", &[ops::str_(args.get(i))?])?;
            }
            ops::call_method(file, "write", &[pystr::new_str(&end)?])?;
        }
        _ => {
            let mut text = String::new();
            for i in 0..args.len() {
                if i > 0 {
                    text.push_str(&sep);
                }
                pystr::with_str(ops::str_(args.get(i))?, |s| text.push_str(s));
            }
            text.push_str(&end);
            write_stream(if target.is_some() { 2 } else { 1 }, &text)?;
        }
    }
    if let Some(flush) = args.keyword("flush") {
        if ops::truthy(flush)? {
            match target {
                Some(file) if !crate::runtime::stdio::is_process_stream(file, 2) => {
                    ops::call_method(file, "flush", &[])?;
                }
                _ => flush_stdout(),
            }
        }
    }
    Ok(space::none())
}

/// What an expression statement at the interactive prompt does with its value
/// (`PRINT_EXPR`): call `sys.displayhook`.
pub fn display_hook(value: GcRef) -> PyResult<()> {
    let sys = space::sys_module();
    let Some(hook) = ops::getattr_opt(sys, pystr::intern("displayhook")?)? else {
        return runtime_error("lost sys.displayhook");
    };
    let default = ops::getattr_opt(sys, pystr::intern("__displayhook__")?)?;
    if Some(hook) == default {
        return default_display_hook(value);
    }
    call::call_function(hook, &[value])?;
    Ok(())
}

/// `sys.__displayhook__`: print the repr of a value that is not None to `sys.stdout`
/// and keep it in `builtins._`.
pub fn default_display_hook(value: GcRef) -> PyResult<()> {
    if crate::objects::is_none(value) {
        return Ok(());
    }
    let underscore = pystr::intern("_")?;
    let builtins = crate::runtime::call::builtins_dict();
    dict::set_item(builtins, underscore, space::none())?;
    let text = pystr::new_string(format!("{}\n", ops::repr_string(value)?))?;
    let sys = space::sys_module();
    match ops::getattr_opt(sys, pystr::intern("stdout")?)? {
        Some(out) if !crate::runtime::stdio::is_process_stream(out, 1) => {
            if crate::objects::is_none(out) {
                return runtime_error("lost sys.stdout");
            }
            ops::call_method(out, "write", &[text])?;
        }
        _ => pystr::with_str(text, |t| write_stream(1, t))?,
    }
    dict::set_item(builtins, underscore, value)
}

// ---- object basics ----------------------------------------------------------------------

fn len(args: &Args) -> PyResult<GcRef> {
    args.expect("len", 1, 1)?;
    new_int(ops::len(args.get(0))?)
}

fn repr(args: &Args) -> PyResult<GcRef> {
    args.expect("repr", 1, 1)?;
    ops::repr(args.get(0))
}

/// `ascii(x)`: the repr with non-ASCII characters escaped.
pub fn ascii_of(value: GcRef) -> PyResult<GcRef> {
    let text = ops::repr_string(value)?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let code = c as u32;
        if code < 0x80 {
            out.push(c);
        } else if code < 0x100 {
            out.push_str(&format!("\\x{code:02x}"));
        } else if code < 0x10000 {
            out.push_str(&format!("\\u{code:04x}"));
        } else {
            out.push_str(&format!("\\U{code:08x}"));
        }
    }
    pystr::new_string(out)
}

fn ascii(args: &Args) -> PyResult<GcRef> {
    args.expect("ascii", 1, 1)?;
    ascii_of(args.get(0))
}

fn isinstance(args: &Args) -> PyResult<GcRef> {
    args.expect("isinstance", 2, 2)?;
    Ok(space::bool_(ops::isinstance(args.get(0), args.get(1))?))
}

fn issubclass(args: &Args) -> PyResult<GcRef> {
    args.expect("issubclass", 2, 2)?;
    Ok(space::bool_(ops::issubclass(args.get(0), args.get(1))?))
}

fn attribute_name(value: GcRef, _function: &str) -> PyResult<GcRef> {
    if value.is::<PyStr>() {
        return Ok(value);
    }
    type_error(format!(
        "attribute name must be string, not '{}'",
        type_name_of(value)
    ))
}

fn hasattr(args: &Args) -> PyResult<GcRef> {
    args.expect("hasattr", 2, 2)?;
    let name = attribute_name(args.get(1), "hasattr")?;
    Ok(space::bool_(
        attribute_or_missing(args.get(0), name)?.is_some(),
    ))
}

fn getattr(args: &Args) -> PyResult<GcRef> {
    args.expect("getattr", 2, 3)?;
    let name = attribute_name(args.get(1), "getattr")?;
    match args.get_opt(2) {
        Some(default) => Ok(attribute_or_missing(args.get(0), name)?.unwrap_or(default)),
        None => ops::getattr(args.get(0), name),
    }
}

/// An attribute, or None when getting it raises AttributeError (from a property or
/// `__getattr__` too), as `hasattr` and three-argument `getattr` see it.
fn attribute_or_missing(object: GcRef, name: GcRef) -> PyResult<Option<GcRef>> {
    match ops::getattr_opt(object, name) {
        Ok(v) => Ok(v),
        Err(e) if is_instance_of(e, T_ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

fn setattr(args: &Args) -> PyResult<GcRef> {
    args.expect("setattr", 3, 3)?;
    let name = attribute_name(args.get(1), "setattr")?;
    ops::setattr(args.get(0), name, args.get(2))?;
    Ok(space::none())
}

fn delattr(args: &Args) -> PyResult<GcRef> {
    args.expect("delattr", 2, 2)?;
    let name = attribute_name(args.get(1), "delattr")?;
    ops::delattr(args.get(0), name)?;
    Ok(space::none())
}

fn callable(args: &Args) -> PyResult<GcRef> {
    args.expect("callable", 1, 1)?;
    Ok(space::bool_(call::is_callable(args.get(0))))
}

fn id(args: &Args) -> PyResult<GcRef> {
    args.expect("id", 1, 1)?;
    new_int(crate::runtime::identity::id_of(args.get(0))?)
}

fn hash(args: &Args) -> PyResult<GcRef> {
    args.expect("hash", 1, 1)?;
    new_int(ops::hash(args.get(0))?)
}

fn iter(args: &Args) -> PyResult<GcRef> {
    args.expect("iter", 1, 2)?;
    match args.get_opt(1) {
        None => ops::iter(args.get(0)),
        Some(sentinel) => {
            if !call::is_callable(args.get(0)) {
                return type_error("iter(v, w): v must be callable");
            }
            crate::objects::iterators::new_iterator(
                T_CALLABLE_ITERATOR,
                args.get(0),
                Some(sentinel),
                0,
                0,
                1,
            )
        }
    }
}

fn next(args: &Args) -> PyResult<GcRef> {
    args.expect("next", 1, 2)?;
    let iterator = args.get(0);
    let t = space::type_of(iterator);
    if lookup_name(t, N::next).is_none() {
        return type_error(format!(
            "'{}' object is not an iterator",
            type_name_of(iterator)
        ));
    }
    match ops::next_raw(iterator) {
        Ok(v) => Ok(v),
        Err(e) if is_instance_of(e, T_STOP_ITERATION) => match args.get_opt(1) {
            Some(default) => Ok(default),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

// ---- numbers -----------------------------------------------------------------------------

fn abs(args: &Args) -> PyResult<GcRef> {
    args.expect("abs", 1, 1)?;
    ops::absolute(args.get(0))
}

fn divmod(args: &Args) -> PyResult<GcRef> {
    args.expect("divmod", 2, 2)?;
    ops::divmod(args.get(0), args.get(1))
}

fn pow(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("pow", &["base", "exp", "mod"])?;
    let base = args.get_opt(0).or_else(|| args.keyword("base"));
    let exp = args.get_opt(1).or_else(|| args.keyword("exp"));
    let modulus = args
        .get_opt(2)
        .or_else(|| args.keyword("mod"))
        .filter(|m| !crate::objects::is_none(*m));
    let (Some(base), Some(exp)) = (base, exp) else {
        return type_error("pow() missing required argument 'exp' (pos 2)");
    };
    match modulus {
        None => ops::binary_op(base, exp, binop::POW),
        Some(m) => ops::pow_mod(base, exp, m),
    }
}

fn round(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("round", &["number", "ndigits"])?;
    let number = args.get_opt(0).or_else(|| args.keyword("number"));
    let Some(number) = number else {
        return type_error("round() missing required argument 'number' (pos 1)");
    };
    let ndigits = args
        .get_opt(1)
        .or_else(|| args.keyword("ndigits"))
        .filter(|n| !crate::objects::is_none(*n));
    let t = space::type_of(number);
    let Some(method) = lookup_name(t, N::round) else {
        return type_error(format!(
            "type {} doesn't define __round__ method",
            type_name_of(number)
        ));
    };
    let bound = crate::objects::descriptors::bind(method, Some(number), t)?;
    match ndigits {
        Some(n) => call::call_function(bound, &[n]),
        None => call::call_function(bound, &[]),
    }
}

fn sum(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("sum", &["start"])?;
    args.expect_positional("sum", 1, 2)?;
    let mut total = match args.get_opt(1).or_else(|| args.keyword("start")) {
        Some(start) => {
            if start.is::<PyStr>() {
                return type_error("sum() can't sum strings [use ''.join(seq) instead]");
            }
            if start.is::<PyBytes>() {
                return type_error("sum() can't sum bytes [use b''.join(seq) instead]");
            }
            if start.is::<PyByteArray>() {
                return type_error("sum() can't sum bytearray [use b''.join(seq) instead]");
            }
            start
        }
        None => new_int(0)?,
    };
    let iterator = ops::iter(args.get(0))?;
    // Exact float sums add in a Rust f64 (as CPython does), ints in an i64 until overflow.
    while let Some(item) = ops::next(iterator)? {
        total = ops::binary_op(total, item, binop::ADD)?;
    }
    Ok(total)
}

/// `min` and `max`: over one iterable or several arguments, with `key` and `default`.
fn extremum(args: &Args, name: &str, want_greater: bool) -> PyResult<GcRef> {
    args.check_keywords(name, &["key", "default"])?;
    let key = args.keyword("key").filter(|k| !crate::objects::is_none(*k));
    let default = args.keyword("default");
    let source = match args.len() {
        0 => return type_error(format!("{name} expected at least 1 argument, got 0")),
        1 => args.get(0),
        n => {
            if default.is_some() {
                return type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                ));
            }
            tuple::from_array(args.items, args.start, n)?
        }
    };
    let iterator = ops::iter(source)?;
    let mut best: Option<(GcRef, GcRef)> = None;
    while let Some(item) = ops::next(iterator)? {
        let k = match key {
            Some(f) => call::call_function(f, &[item])?,
            None => item,
        };
        best = match best {
            None => Some((item, k)),
            Some((best_item, best_key)) => {
                let op = if want_greater {
                    crate::compiler::bytecode::cmpop::GT
                } else {
                    crate::compiler::bytecode::cmpop::LT
                };
                if ops::truthy(ops::compare(k, best_key, op)?)? {
                    Some((item, k))
                } else {
                    Some((best_item, best_key))
                }
            }
        };
    }
    match (best, default) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(d)) => Ok(d),
        (None, None) => value_error(format!("{name}() arg is an empty sequence")),
    }
}

fn min(args: &Args) -> PyResult<GcRef> {
    extremum(args, "min", false)
}

fn max(args: &Args) -> PyResult<GcRef> {
    extremum(args, "max", true)
}

fn all(args: &Args) -> PyResult<GcRef> {
    args.expect("all", 1, 1)?;
    let iterator = ops::iter(args.get(0))?;
    while let Some(item) = ops::next(iterator)? {
        if !ops::truthy(item)? {
            return Ok(space::bool_(false));
        }
    }
    Ok(space::bool_(true))
}

fn any(args: &Args) -> PyResult<GcRef> {
    args.expect("any", 1, 1)?;
    let iterator = ops::iter(args.get(0))?;
    while let Some(item) = ops::next(iterator)? {
        if ops::truthy(item)? {
            return Ok(space::bool_(true));
        }
    }
    Ok(space::bool_(false))
}

fn sorted(args: &Args) -> PyResult<GcRef> {
    args.check_keywords("sorted", &["key", "reverse"])?;
    if args.len() != 1 {
        return type_error(format!("sorted expected 1 argument, got {}", args.len()));
    }
    let result = ops::collect_list(args.get(0))?;
    let key = args.keyword("key").filter(|k| !crate::objects::is_none(*k));
    let reverse = match args.keyword("reverse") {
        Some(r) => ops::truthy(r)?,
        None => false,
    };
    crate::builtins::sort_list(result, key, reverse)?;
    Ok(result.erase())
}

fn chr(args: &Args) -> PyResult<GcRef> {
    args.expect("chr", 1, 1)?;
    let code = match int::int_value(args.get(0)) {
        Some(IntValue::Small(v)) => v,
        Some(IntValue::Big(_)) => {
            return overflow_error("Python int too large to convert to C int")
        }
        None => {
            if lookup_name(space::type_of(args.get(0)), N::index).is_some() {
                ops::index_value(args.get(0))?
            } else {
                return type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name_of(args.get(0))
                ));
            }
        }
    };
    match u32::try_from(code).ok().and_then(char::from_u32) {
        Some(c) => pystr::from_char(c),
        None if (0..0x110000).contains(&code) => value_error("chr() arg not in range(0x110000)"),
        None => value_error("chr() arg not in range(0x110000)"),
    }
}

fn ord(args: &Args) -> PyResult<GcRef> {
    args.expect("ord", 1, 1)?;
    let value = args.get(0);
    if let Some(s) = pystr::as_str(value) {
        if s.length() != 1 {
            return type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.length()
            ));
        }
        return new_int(pystr::char_at(s, 0) as i64);
    }
    if let Some(bytes) = crate::objects::bytes::bytes_of(value) {
        if bytes.len() != 1 {
            return type_error(format!(
                "ord() expected a character, but string of length {} found",
                bytes.len()
            ));
        }
        return new_int(bytes[0] as i64);
    }
    type_error(format!(
        "ord() expected string of length 1, but {} found",
        type_name_of(value)
    ))
}

/// `bin`, `oct`, `hex`: `__index__` then the prefixed digits.
fn radix(args: &Args, name: &str, base: u32, prefix: &str) -> PyResult<GcRef> {
    args.expect(name, 1, 1)?;
    let value = ops::index_int(args.get(0))?;
    let big = value.to_big();
    let digits = big.magnitude().to_str_radix(base);
    let sign = if big.sign() == num_bigint::Sign::Minus {
        "-"
    } else {
        ""
    };
    pystr::new_string(format!("{sign}{prefix}{digits}"))
}

fn bin(args: &Args) -> PyResult<GcRef> {
    radix(args, "bin", 2, "0b")
}

fn oct(args: &Args) -> PyResult<GcRef> {
    radix(args, "oct", 8, "0o")
}

fn hex(args: &Args) -> PyResult<GcRef> {
    radix(args, "hex", 16, "0x")
}

fn format(args: &Args) -> PyResult<GcRef> {
    args.expect("format", 1, 2)?;
    let spec = match args.get_opt(1) {
        Some(s) => s,
        None => pystr::new_str("")?,
    };
    crate::builtins::format::format(args.get(0), spec)
}

// ---- namespaces --------------------------------------------------------------------------

fn vars(args: &Args) -> PyResult<GcRef> {
    args.expect("vars", 0, 1)?;
    match args.get_opt(0) {
        None => locals(args),
        Some(object) => match attribute_or_missing(object, space::name(N::dict))? {
            Some(d) => Ok(d),
            None => type_error("vars() argument must have __dict__ attribute"),
        },
    }
}

fn dir(args: &Args) -> PyResult<GcRef> {
    args.expect("dir", 0, 1)?;
    match args.get_opt(0) {
        None => {
            let names = ops::collect_list(locals(args)?)?;
            crate::builtins::sort_list(names, None, false)?;
            Ok(names.erase())
        }
        Some(object) => {
            let result = ops::call_special_or_none(object, N::dir, &[])?;
            let Some(result) = result else {
                return type_error("object does not provide __dir__");
            };
            let names = ops::collect_list(result)?;
            crate::builtins::sort_list(names, None, false)?;
            Ok(names.erase())
        }
    }
}

fn caller_frame() -> PyResult<ferrite::Gc<PyFrame>> {
    match space::current_frame() {
        Some(f) => Ok(f),
        None => runtime_error("no current frame"),
    }
}

fn globals(args: &Args) -> PyResult<GcRef> {
    args.expect("globals", 0, 0)?;
    Ok(caller_frame()?.globals().erase())
}

/// `locals()`: the namespace of a module or class body, or a new dict of a function's
/// bound locals.
fn locals(_args: &Args) -> PyResult<GcRef> {
    let frame = caller_frame()?;
    if let Some(ns) = frame.namespace() {
        return Ok(ns);
    }
    if frame.function().is_none() {
        return Ok(frame.globals().erase());
    }
    let code = frame.code();
    let d = dict::new_dict()?;
    let names = code.slot_names();
    let locals = code.local_count() as usize;
    let total = locals + (code.cell_count() + code.free_count()) as usize;
    for i in 0..total {
        let value = frame.slots().get(i);
        let value = if i >= locals {
            value
                .and_then(|c| c.downcast::<PyCell>())
                .and_then(|c| c.contents())
        } else {
            value
        };
        if let Some(v) = value {
            dict::set_item(d, names.get(i).expect("a name"), v)?;
        }
    }
    Ok(d.erase())
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`: run the class body in a
/// namespace from the metaclass's `__prepare__`, then call the metaclass.
fn build_class(args: &Args) -> PyResult<GcRef> {
    if args.len() < 2 {
        return type_error("__build_class__: not enough arguments");
    }
    let body = args.get(0);
    let Some(body) = body.downcast::<PyFunction>() else {
        return type_error("__build_class__: func must be a function");
    };
    let name = args.get(1);
    if !name.is::<PyStr>() {
        return type_error("__build_class__: name is not a string");
    }
    let original_bases = tuple::from_array(args.items, args.start + 2, args.len() - 2)?;
    let bases = crate::objects::typeobject::resolve_mro_entries(original_bases)?;
    let mut metaclass = None;
    let kw_count = args.keyword_count();
    let kwnames_list = list::new_list(kw_count)?;
    let kwvalues = list::new_list(kw_count)?;
    for i in 0..kw_count {
        let (k, v) = args.keyword_at(i);
        if pystr::eq_text(k, "metaclass") {
            metaclass = Some(v);
        } else {
            list::append(kwnames_list, k)?;
            list::append(kwvalues, v)?;
        }
    }
    let meta = match metaclass {
        Some(m) => m,
        None => {
            if tuple::len(bases) == 0 {
                space::builtin_type(T_TYPE).erase()
            } else {
                space::type_of(tuple::get(bases, 0)).erase()
            }
        }
    };
    // The most derived metaclass of the bases' (when the metaclass is a class).
    let meta = match meta.downcast::<PyType>() {
        Some(mut winner) => {
            for i in 0..tuple::len(bases) {
                let bt = space::type_of(tuple::get(bases, i));
                if typeobject::is_subtype(winner, bt) {
                    continue;
                }
                if typeobject::is_subtype(bt, winner) {
                    winner = bt;
                    continue;
                }
                return type_error("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
            }
            winner.erase()
        }
        None => meta,
    };
    let n_kw = list::len(kwnames_list);
    let kwnames = if n_kw == 0 {
        None
    } else {
        Some(tuple::from_array(kwnames_list.items(), 0, n_kw)?)
    };
    let call_with_keywords = |f: GcRef, positional: &[GcRef]| -> PyResult<GcRef> {
        let items = crate::objects::new_items(positional.len() + n_kw + 1)?;
        for (i, p) in positional.iter().enumerate() {
            items.set(i + 1, Some(*p));
        }
        for i in 0..n_kw {
            items.set(positional.len() + 1 + i, Some(list::get(kwvalues, i)));
        }
        call::call_with_spare_slot(f, Args::new(items, 1, positional.len() + n_kw, kwnames))
    };
    let namespace = match ops::getattr_opt(meta, space::name(N::prepare))? {
        Some(prepare) => call_with_keywords(prepare, &[name, bases])?,
        None => dict::new_dict()?.erase(),
    };
    if crate::objects::dict::as_dict(namespace).is_none()
        && lookup_name(space::type_of(namespace), N::getitem).is_none()
    {
        return type_error(format!(
            "{}.__prepare__() must return a mapping, not {}",
            ops::str_string(ops::getattr(meta, space::name(N::name))?)?,
            type_name_of(namespace)
        ));
    }
    let cell = run_class_body(body, namespace)?;
    if original_bases != bases {
        crate::runtime::frame_ops::namespace_set(
            namespace,
            pystr::intern("__orig_bases__")?,
            Some(original_bases),
        )?;
    }
    let class = call_with_keywords(meta, &[name, bases, namespace])?;
    if let Some(cell) = cell.and_then(|c| c.downcast::<PyCell>()) {
        if cell.contents().is_none() {
            cell.set_contents(Some(class));
        }
    }
    Ok(class)
}

/// Run a class body function with `namespace` as its local namespace; returns the
/// `__class__` cell if the body made one.
fn run_class_body(body: ferrite::Gc<PyFunction>, namespace: GcRef) -> PyResult<Option<GcRef>> {
    let empty = Args::new(crate::objects::new_items(0)?, 0, 0, None);
    let frame = call::new_frame(body, &empty)?;
    frame.set_namespace(Some(namespace));
    let result = crate::runtime::eval::run_frame(frame)?;
    Ok((!crate::objects::is_none(result)).then_some(result))
}

fn import(args: &Args) -> PyResult<GcRef> {
    args.check_keywords(
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
    )?;
    let name = args.get_opt(0).or_else(|| args.keyword("name"));
    let Some(name) = name else {
        return type_error("__import__() missing required argument 'name' (pos 1)");
    };
    let globals = args
        .get_opt(1)
        .or_else(|| args.keyword("globals"))
        .and_then(|g| g.downcast::<PyDict>());
    let globals = match globals {
        Some(g) => g,
        None => dict::new_dict()?,
    };
    let fromlist = args
        .get_opt(3)
        .or_else(|| args.keyword("fromlist"))
        .unwrap_or_else(space::none);
    let level = match args.get_opt(4).or_else(|| args.keyword("level")) {
        Some(l) => l,
        None => new_int(0)?,
    };
    crate::runtime::import::import_name(name, globals, fromlist, level)
}

/// The globals and locals of `exec`/`eval`: given, or the caller's.
fn exec_namespaces(args: &Args) -> PyResult<(ferrite::Gc<PyDict>, Option<GcRef>)> {
    let globals = args.get_opt(1).filter(|g| !crate::objects::is_none(*g));
    let locals = args.get_opt(2).filter(|l| !crate::objects::is_none(*l));
    match globals {
        Some(g) => match g.downcast::<PyDict>() {
            Some(d) => {
                if dict::get_str(d, space::name(N::builtins)).is_none() {
                    dict::set_item(d, space::name(N::builtins), space::builtins_module())?;
                }
                Ok((d, locals))
            }
            None => type_error(format!("globals must be a dict, not {}", type_name_of(g))),
        },
        None => {
            let frame = caller_frame()?;
            let caller_locals = match frame.namespace() {
                Some(ns) => Some(ns),
                None if frame.function().is_some() => Some(locals_of_frame()?),
                None => None,
            };
            Ok((frame.globals(), locals.or(caller_locals)))
        }
    }
}

fn locals_of_frame() -> PyResult<GcRef> {
    let empty = Args::new(crate::objects::new_items(0)?, 0, 0, None);
    locals(&empty)
}

fn run_source(args: &Args, mode: crate::compiler::CompileMode, function: &str) -> PyResult<GcRef> {
    let source = args.get(0);
    let text = if let Some(code) = source.downcast::<PyCode>() {
        let (globals, locals) = exec_namespaces(args)?;
        return run_code(code, globals, locals);
    } else if source.is::<PyStr>() {
        pystr::to_string(source)
    } else if let Some(bytes) = crate::objects::bytes::bytes_of(source) {
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        return type_error(format!(
            "{function}() arg 1 must be a string, bytes or code object"
        ));
    };
    let text = if matches!(mode, crate::compiler::CompileMode::Eval) {
        text.trim_start_matches([' ', '\t']).to_string()
    } else {
        text
    };
    let unit = match crate::compiler::compile(&text, "<string>", mode) {
        Ok(unit) => unit,
        Err(error) => return Err(crate::runtime::traceback::syntax_error_exception(&error)),
    };
    let code = crate::runtime::code::to_heap(&unit)?;
    let (globals, locals) = exec_namespaces(args)?;
    run_code(code, globals, locals)
}

fn run_code(
    code: ferrite::Gc<PyCode>,
    globals: ferrite::Gc<PyDict>,
    locals: Option<GcRef>,
) -> PyResult<GcRef> {
    let slots = crate::objects::new_items(
        (code.local_count() + code.cell_count() + code.free_count() + code.stack_size()) as usize,
    )?;
    let frame = crate::objects::alloc(PyFrame {
        code,
        globals,
        builtins: call::builtins_dict(),
        namespace: locals.filter(|l| *l != globals.erase()),
        slots,
        pc: 0,
        sp: code.local_count() + code.cell_count() + code.free_count(),
        last_instruction: -1,
        back: None,
        function: None,
        state: crate::runtime::eval::FRAME_CREATED,
        handled: None,
        escaped: false,
    })?;
    crate::runtime::eval::run_frame(frame)
}

/// `compile(source, filename, mode)`: a code object for `exec`/`eval`.
fn compile(args: &Args) -> PyResult<GcRef> {
    args.check_keywords(
        "compile",
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
        ],
    )?;
    let get = |i: usize, name: &str| args.get_opt(i).or_else(|| args.keyword(name));
    let (Some(source), Some(filename), Some(mode)) =
        (get(0, "source"), get(1, "filename"), get(2, "mode"))
    else {
        return type_error("compile() missing required argument");
    };
    let mode = match pystr::as_str(mode)
        .map(|s| pystr::to_string(s.erase()))
        .as_deref()
    {
        Some("exec") => crate::compiler::CompileMode::Exec,
        Some("eval") => crate::compiler::CompileMode::Eval,
        Some("single") => crate::compiler::CompileMode::Single,
        _ => return value_error("compile() mode must be 'exec', 'eval' or 'single'"),
    };
    let text = if source.is::<PyStr>() {
        pystr::to_string(source)
    } else if let Some(bytes) = crate::objects::bytes::bytes_of(source) {
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        return type_error("compile() arg 1 must be a string, bytes or AST object");
    };
    let filename = ops::str_string(filename)?;
    match crate::compiler::compile(&text, &filename, mode) {
        Ok(unit) => Ok(crate::runtime::code::to_heap(&unit)?.erase()),
        Err(error) => Err(crate::runtime::traceback::syntax_error_exception(&error)),
    }
}

fn exec(args: &Args) -> PyResult<GcRef> {
    args.expect("exec", 1, 3)?;
    run_source(args, crate::compiler::CompileMode::Exec, "exec")?;
    Ok(space::none())
}

fn eval(args: &Args) -> PyResult<GcRef> {
    args.expect("eval", 1, 3)?;
    run_source(args, crate::compiler::CompileMode::Eval, "eval")
}

fn input(args: &Args) -> PyResult<GcRef> {
    args.expect("input", 0, 1)?;
    if let Some(prompt) = args.get_opt(0) {
        write_stream(1, &ops::str_string(prompt)?)?;
    }
    flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => raise(T_EOF_ERROR, "EOF when reading a line"),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            pystr::new_string(line)
        }
        Err(e) => raise(T_OS_ERROR, e.to_string()),
    }
}

fn aiter(args: &Args) -> PyResult<GcRef> {
    args.expect("aiter", 1, 1)?;
    crate::runtime::frame_ops::aiter(args.get(0))
}

fn anext(args: &Args) -> PyResult<GcRef> {
    args.expect("anext", 1, 2)?;
    ops::call_method(args.get(0), "__anext__", &[])
}
