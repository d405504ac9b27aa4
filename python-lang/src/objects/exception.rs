//! Exceptions: `BaseException` and its subclasses' methods and attributes, raising a value
//! (`raise X` with a class or an instance), tracebacks, and exception groups' `split`.
//!
//! Every instance of an exception class is a `PyException` (its `cls` says which class),
//! including instances of classes defined in Python.

use ferrite::{Gc, GcRef};

use crate::builtins::registry::{self, Args, NativeDef};
use crate::objects::layout::*;
use crate::objects::typeobject::{is_subtype, type_name, type_name_of};
use crate::objects::{alloc, list, new_tuple, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::ops;
use crate::runtime::space::{self, *};

/// A new exception of class `cls` with these arguments (no `__init__` run).
pub fn new_of_class(cls: Gc<PyType>, args: GcRef) -> PyResult<Gc<PyException>> {
    alloc(PyException {
        cls,
        args,
        traceback: None,
        cause: None,
        context: None,
        suppress_context: false,
        dict: None,
    })
}

/// Whether a value is an exception class.
pub fn is_exception_class(value: GcRef) -> bool {
    value
        .downcast::<PyType>()
        .is_some_and(|t| is_subtype(t, space::builtin_type(T_BASE_EXCEPTION)))
}

/// What `raise value` raises: an instance as is, a class instantiated with no arguments.
pub fn from_raised(value: GcRef) -> PyResult<Gc<PyException>> {
    if let Some(e) = value.downcast::<PyException>() {
        return Ok(e);
    }
    if is_exception_class(value) {
        let instance = crate::runtime::call::call_function(value, &[])?;
        return match instance.downcast::<PyException>() {
            Some(e) => Ok(e),
            None => type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                crate::runtime::ops::repr_string(value)?,
                type_name_of(instance)
            )),
        };
    }
    type_error("exceptions must derive from BaseException")
}

/// Add a traceback entry for `frame` at `instruction` in front of the exception's.
pub fn add_traceback(
    exception: Gc<PyException>,
    frame: Gc<PyFrame>,
    instruction: i64,
) -> PyResult<()> {
    let next = exception
        .traceback()
        .and_then(|t| t.downcast::<PyTraceback>());
    let line = crate::runtime::code::line_of(frame.code(), instruction);
    crate::runtime::eval::mark_escaped(frame);
    let entry = alloc(PyTraceback {
        next,
        frame,
        last_instruction: instruction,
        line,
    })?;
    exception.set_traceback(Some(entry.erase()));
    Ok(())
}

/// The first argument as a message (`str(e)` of a one-argument exception).
fn args_text(e: Gc<PyException>) -> PyResult<String> {
    let args = e.args();
    match tuple::len(args) {
        0 => Ok(String::new()),
        1 => ops::str_string(tuple::get(args, 0)),
        _ => ops::repr_string(args),
    }
}

/// `str(exception)`, as CPython's per-class `__str__`s do.
pub fn exception_str(e: Gc<PyException>) -> PyResult<String> {
    let cls = e.cls();
    if is_subtype(cls, space::builtin_type(T_KEY_ERROR)) && tuple::len(e.args()) == 1 {
        return ops::repr_string(tuple::get(e.args(), 0));
    }
    if is_subtype(cls, space::builtin_type(T_OS_ERROR)) {
        let n = tuple::len(e.args());
        if (2..=5).contains(&n) {
            let errno = ops::str_string(tuple::get(e.args(), 0))?;
            let strerror = ops::str_string(tuple::get(e.args(), 1))?;
            return Ok(
                if n >= 3 && !crate::objects::is_none(tuple::get(e.args(), 2)) {
                    format!(
                        "[Errno {errno}] {strerror}: {}",
                        ops::repr_string(tuple::get(e.args(), 2))?
                    )
                } else {
                    format!("[Errno {errno}] {strerror}")
                },
            );
        }
    }
    if is_subtype(cls, space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        let message = ops::str_string(tuple::get(e.args(), 0))?;
        let count = tuple::len(group_leaves(e));
        let plural = if count == 1 { "" } else { "s" };
        return Ok(format!("{message} ({count} sub-exception{plural})"));
    }
    args_text(e)
}

pub fn methods() -> Vec<NativeDef> {
    use registry::*;
    vec![
        static_method(T_BASE_EXCEPTION, "__new__", exception_new),
        method(T_BASE_EXCEPTION, "__init__", exception_init),
        method(T_BASE_EXCEPTION, "__str__", exception_dunder_str),
        method(T_BASE_EXCEPTION, "__repr__", exception_repr),
        method(T_BASE_EXCEPTION, "with_traceback", exception_with_traceback),
        method(T_BASE_EXCEPTION, "add_note", exception_add_note),
        method(T_BASE_EXCEPTION, "__reduce__", exception_reduce),
        property(
            T_BASE_EXCEPTION,
            "args",
            exception_args,
            Some(exception_set_args),
        ),
        property(
            T_BASE_EXCEPTION,
            "__traceback__",
            exception_traceback,
            Some(exception_set_traceback),
        ),
        property(
            T_BASE_EXCEPTION,
            "__cause__",
            exception_cause,
            Some(exception_set_cause),
        ),
        property(
            T_BASE_EXCEPTION,
            "__context__",
            exception_context,
            Some(exception_set_context),
        ),
        property(
            T_BASE_EXCEPTION,
            "__suppress_context__",
            exception_suppress_context,
            Some(exception_set_suppress_context),
        ),
        property(
            T_BASE_EXCEPTION,
            "__dict__",
            crate::objects::function::object_dict,
            None,
        ),
        property(T_STOP_ITERATION, "value", first_arg_or_none, None),
        property(T_OS_ERROR, "errno", os_error_errno, None),
        property(T_OS_ERROR, "strerror", os_error_strerror, None),
        property(T_OS_ERROR, "filename", os_error_filename, None),
        property(T_SYSTEM_EXIT, "code", system_exit_code, None),
        property(T_BASE_EXCEPTION_GROUP, "message", group_message, None),
        property(T_BASE_EXCEPTION_GROUP, "exceptions", group_exceptions, None),
        method(T_BASE_EXCEPTION_GROUP, "split", group_split),
        method(T_BASE_EXCEPTION_GROUP, "subgroup", group_subgroup),
        method(T_BASE_EXCEPTION_GROUP, "derive", group_derive),
        property(T_TRACEBACK, "tb_next", traceback_next, None),
        property(T_TRACEBACK, "tb_lineno", traceback_lineno, None),
        property(T_TRACEBACK, "tb_frame", traceback_frame, None),
        property(T_FRAME, "f_code", frame_code, None),
        property(T_FRAME, "f_lineno", frame_lineno, None),
        property(T_FRAME, "f_globals", frame_globals, None),
        property(T_FRAME, "f_back", frame_back, None),
    ]
}

fn as_exception(object: GcRef) -> PyResult<Gc<PyException>> {
    match object.downcast::<PyException>() {
        Some(e) => Ok(e),
        None => type_error(format!(
            "descriptor requires a 'BaseException' object but received a '{}'",
            type_name_of(object)
        )),
    }
}

/// The positional arguments after the class (or the receiver) as a tuple.
fn rest_as_tuple(args: &Args) -> PyResult<GcRef> {
    tuple::from_array(args.items, args.start + 1, args.len() - 1)
}

fn exception_new(args: &Args) -> PyResult<GcRef> {
    let Some(cls) = args.get(0).downcast::<PyType>() else {
        return type_error("BaseException.__new__(X): X is not a type object");
    };
    if !is_subtype(cls, space::builtin_type(T_BASE_EXCEPTION)) {
        return type_error(format!(
            "BaseException.__new__({}): {} is not a subtype of BaseException",
            type_name(cls),
            type_name(cls)
        ));
    }
    if is_subtype(cls, space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        return group_new(cls, args);
    }
    // OSError(errno, strerror) picks the subclass for the error number, as CPython's does.
    let cls = if cls == space::builtin_type(T_OS_ERROR) && args.len() >= 3 {
        match args.get(1).downcast::<PyInt>().map(|i| i.value()) {
            Some(errno) => os_error_subclass(errno).map_or(cls, space::builtin_type),
            None => cls,
        }
    } else {
        cls
    };
    Ok(new_of_class(cls, rest_as_tuple(args)?)?.erase())
}

/// The OSError subclass for an errno value (Linux numbers).
pub fn os_error_subclass(errno: i64) -> Option<usize> {
    Some(match errno {
        1 | 13 => T_PERMISSION_ERROR,
        2 => T_FILE_NOT_FOUND_ERROR,
        3 => T_PROCESS_LOOKUP_ERROR,
        4 => T_INTERRUPTED_ERROR,
        10 => T_CHILD_PROCESS_ERROR,
        11 | 114 | 115 => T_BLOCKING_IO_ERROR,
        17 => T_FILE_EXISTS_ERROR,
        20 => T_NOT_A_DIRECTORY_ERROR,
        21 => T_IS_A_DIRECTORY_ERROR,
        32 => T_BROKEN_PIPE_ERROR,
        103 => T_CONNECTION_ABORTED_ERROR,
        104 => T_CONNECTION_RESET_ERROR,
        110 => T_TIMEOUT_ERROR,
        111 => T_CONNECTION_REFUSED_ERROR,
        _ => return None,
    })
}

/// OSError's `errno`, `strerror` and `filename`: its arguments when it got 2 to 5.
fn os_error_field(e: Gc<PyException>, index: usize) -> GcRef {
    let a = e.args();
    let n = tuple::len(a);
    if (2..=5).contains(&n) && index < n {
        tuple::get(a, index)
    } else {
        space::none()
    }
}

fn os_error_errno(args: &Args) -> PyResult<GcRef> {
    Ok(os_error_field(as_exception(args.get(0))?, 0))
}

fn os_error_strerror(args: &Args) -> PyResult<GcRef> {
    Ok(os_error_field(as_exception(args.get(0))?, 1))
}

fn os_error_filename(args: &Args) -> PyResult<GcRef> {
    Ok(os_error_field(as_exception(args.get(0))?, 2))
}

fn exception_init(args: &Args) -> PyResult<GcRef> {
    let e = as_exception(args.get(0))?;
    if args.keyword_count() > 0 && e.cls().flags() & crate::objects::typeobject::TYPE_HEAP == 0 {
        return type_error(format!(
            "{}() takes no keyword arguments",
            type_name(e.cls())
        ));
    }
    if !is_subtype(e.cls(), space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        e.set_args(rest_as_tuple(args)?);
    }
    Ok(space::none())
}

fn exception_dunder_str(args: &Args) -> PyResult<GcRef> {
    pystr::new_string(exception_str(as_exception(args.get(0))?)?)
}

fn exception_repr(args: &Args) -> PyResult<GcRef> {
    let e = as_exception(args.get(0))?;
    let name = type_name(e.cls());
    let a = e.args();
    let text = if tuple::len(a) == 1 {
        format!("{name}({})", ops::repr_string(tuple::get(a, 0))?)
    } else {
        format!("{name}{}", ops::repr_string(a)?)
    };
    pystr::new_string(text)
}

fn exception_with_traceback(args: &Args) -> PyResult<GcRef> {
    let e = as_exception(args.get(0))?;
    let tb = args.get(1);
    e.set_traceback((!crate::objects::is_none(tb)).then_some(tb));
    Ok(e.erase())
}

fn exception_add_note(args: &Args) -> PyResult<GcRef> {
    let e = args.get(0);
    let note = args.get(1);
    if !note.is::<PyStr>() {
        return type_error(format!("note must be a str, not '{}'", type_name_of(note)));
    }
    let notes_name = space::name(N::notes);
    let notes = match crate::objects::instance::get_own(e, notes_name)? {
        Some(n) => n,
        None => {
            let n = list::new_list(1)?.erase();
            crate::objects::instance::set_own(e, notes_name, Some(n))?;
            n
        }
    };
    let Some(l) = notes.downcast::<PyList>() else {
        return type_error("Cannot add note: __notes__ is not a list");
    };
    list::append(l, note)?;
    Ok(space::none())
}

fn exception_reduce(args: &Args) -> PyResult<GcRef> {
    let e = as_exception(args.get(0))?;
    new_tuple(&[e.cls().erase(), e.args()])
}

fn exception_args(args: &Args) -> PyResult<GcRef> {
    Ok(as_exception(args.get(0))?.args())
}

fn exception_set_args(args: &Args) -> PyResult<GcRef> {
    let e = as_exception(args.get(0))?;
    let values = crate::runtime::ops::collect_list(args.get(1))?;
    e.set_args(tuple::from_array(values.items(), 0, list::len(values))?);
    Ok(space::none())
}

fn exception_traceback(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_exception(args.get(0))?.traceback(),
    ))
}

fn exception_set_traceback(args: &Args) -> PyResult<GcRef> {
    let value = args.get(1);
    if !crate::objects::is_none(value) && !value.is::<PyTraceback>() {
        return type_error("__traceback__ must be a traceback or None");
    }
    as_exception(args.get(0))?.set_traceback((!crate::objects::is_none(value)).then_some(value));
    Ok(space::none())
}

fn exception_cause(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(as_exception(args.get(0))?.cause()))
}

fn exception_set_cause(args: &Args) -> PyResult<GcRef> {
    let e = as_exception(args.get(0))?;
    let value = args.get(1);
    if crate::objects::is_none(value) {
        e.set_cause(None);
    } else if value.is::<PyException>() {
        e.set_cause(Some(value));
    } else {
        return type_error("exception cause must be None or derive from BaseException");
    }
    e.set_suppress_context(true);
    Ok(space::none())
}

fn exception_context(args: &Args) -> PyResult<GcRef> {
    Ok(crate::objects::or_none(
        as_exception(args.get(0))?.context(),
    ))
}

fn exception_set_context(args: &Args) -> PyResult<GcRef> {
    let value = args.get(1);
    as_exception(args.get(0))?.set_context((!crate::objects::is_none(value)).then_some(value));
    Ok(space::none())
}

fn exception_suppress_context(args: &Args) -> PyResult<GcRef> {
    Ok(space::bool_(as_exception(args.get(0))?.suppress_context()))
}

fn exception_set_suppress_context(args: &Args) -> PyResult<GcRef> {
    let value = ops::truthy(args.get(1))?;
    as_exception(args.get(0))?.set_suppress_context(value);
    Ok(space::none())
}

/// `SystemExit.code`: None, the one argument, or the argument tuple.
fn system_exit_code(args: &Args) -> PyResult<GcRef> {
    let e = as_exception(args.get(0))?;
    let a = e.args();
    Ok(match tuple::len(a) {
        0 => space::none(),
        1 => tuple::get(a, 0),
        _ => a,
    })
}

fn first_arg_or_none(args: &Args) -> PyResult<GcRef> {
    let e = as_exception(args.get(0))?;
    let a = e.args();
    Ok(if tuple::len(a) > 0 {
        tuple::get(a, 0)
    } else {
        space::none()
    })
}

// ---- exception groups ---------------------------------------------------------------------

fn group_new(cls: Gc<PyType>, args: &Args) -> PyResult<GcRef> {
    let name = type_name(cls);
    if args.len() != 3 {
        return type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.len() - 1
        ));
    }
    let message = args.get(1);
    if !message.is::<PyStr>() {
        return type_error("argument 1 must be str, not ".to_string() + &type_name_of(message));
    }
    let exceptions = ops::collect_list(args.get(2))?;
    if !(args.get(2).is::<PyList>() || args.get(2).is::<Items>()) {
        return type_error("second argument (exceptions) must be a sequence");
    }
    let n = list::len(exceptions);
    if n == 0 {
        return value_error("second argument (exceptions) must be a non-empty sequence");
    }
    let mut all_exceptions = true;
    for i in 0..n {
        let item = list::get(exceptions, i);
        let Some(e) = item.downcast::<PyException>() else {
            return value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            ));
        };
        if !is_subtype(e.cls(), space::builtin_type(T_EXCEPTION)) {
            all_exceptions = false;
        }
    }
    let mut cls = cls;
    if cls == space::builtin_type(T_BASE_EXCEPTION_GROUP) && all_exceptions {
        cls = space::builtin_type(T_EXCEPTION_GROUP);
    } else if is_subtype(cls, space::builtin_type(T_EXCEPTION_GROUP)) && !all_exceptions {
        return type_error(format!("Cannot nest BaseExceptions in an {name}"));
    }
    // `args` keeps the sequence as given (its repr shows it); `exceptions` is a tuple.
    let items = tuple::from_array(exceptions.items(), 0, n)?;
    let args_tuple = new_tuple(&[message, args.get(2)])?;
    let group = new_of_class(cls, args_tuple)?;
    let d = crate::objects::dict::new_dict()?;
    crate::objects::dict::set_item(d, pystr::intern(LEAVES_KEY)?, items)?;
    group.set_dict(Some(d));
    Ok(group.erase())
}

/// Where a group keeps its exceptions tuple (in its own dict, under a name no Python
/// code can collide with, as it holds a space).
const LEAVES_KEY: &str = "exceptions tuple";

/// The exceptions of a group, as a tuple.
pub fn group_leaves(e: Gc<PyException>) -> GcRef {
    e.dict()
        .and_then(|d| crate::objects::dict::get_str(d, pystr::intern(LEAVES_KEY).ok()?))
        .unwrap_or_else(space::empty_tuple)
}

fn as_group(object: GcRef) -> PyResult<Gc<PyException>> {
    let e = as_exception(object)?;
    if !is_subtype(e.cls(), space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        return type_error("descriptor requires a 'BaseExceptionGroup' object");
    }
    Ok(e)
}

fn group_message(args: &Args) -> PyResult<GcRef> {
    Ok(tuple::get(as_group(args.get(0))?.args(), 0))
}

fn group_exceptions(args: &Args) -> PyResult<GcRef> {
    Ok(group_leaves(as_group(args.get(0))?))
}

/// A new group like `group` (same message, class via `derive`, and notes/traceback copied)
/// holding `items`.
fn derive_with(group: Gc<PyException>, items: Gc<PyList>) -> PyResult<GcRef> {
    let message = tuple::get(group.args(), 0);
    let derived = ops::call_method(group.erase(), "derive", &[items.erase()])?;
    if let Some(d) = derived.downcast::<PyException>() {
        d.set_traceback(group.traceback());
        d.set_cause(group.cause());
        d.set_context(group.context());
        let notes = crate::objects::instance::get_own(group.erase(), space::name(N::notes))?;
        if let Some(notes) = notes {
            crate::objects::instance::set_own(derived, space::name(N::notes), Some(notes))?;
        }
    }
    let _ = message;
    Ok(derived)
}

fn group_derive(args: &Args) -> PyResult<GcRef> {
    let g = as_group(args.get(0))?;
    let message = tuple::get(g.args(), 0);
    let base = space::builtin_type(T_BASE_EXCEPTION_GROUP).erase();
    crate::runtime::call::call_function(base, &[message, args.get(1)])
}

/// How `split`/`subgroup` and `except*` test a leaf exception.
pub enum Matcher {
    /// A class or tuple of classes.
    Types(GcRef),
    /// A predicate function.
    Predicate(GcRef),
}

impl Matcher {
    pub fn from_value(value: GcRef) -> PyResult<Matcher> {
        if is_exception_class(value) {
            return Ok(Matcher::Types(value));
        }
        if let Some(t) = value.downcast::<Items>() {
            for i in 0..t.len() {
                if !is_exception_class(t.get(i).expect("item")) {
                    return type_error(
                        "expected a function, exception type or tuple of exception types",
                    );
                }
            }
            return Ok(Matcher::Types(value));
        }
        if crate::runtime::call::is_callable(value) {
            return Ok(Matcher::Predicate(value));
        }
        type_error("expected a function, exception type or tuple of exception types")
    }

    pub fn matches(&self, e: Gc<PyException>) -> PyResult<bool> {
        match self {
            Matcher::Types(types) => ops::isinstance(e.erase(), *types),
            Matcher::Predicate(f) => {
                ops::truthy(crate::runtime::call::call_function(*f, &[e.erase()])?)
            }
        }
    }
}

/// Split `e` into the part matching and the rest (either None when empty), keeping the
/// nesting of groups.
pub fn split(e: Gc<PyException>, matcher: &Matcher) -> PyResult<(Option<GcRef>, Option<GcRef>)> {
    if matcher.matches(e)? {
        return Ok((Some(e.erase()), None));
    }
    if !is_subtype(e.cls(), space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        return Ok((None, Some(e.erase())));
    }
    let leaves = group_leaves(e);
    let matched = list::new_list(0)?;
    let rest = list::new_list(0)?;
    for i in 0..tuple::len(leaves) {
        let leaf = tuple::get(leaves, i)
            .downcast::<PyException>()
            .expect("an exception");
        let (m, r) = split(leaf, matcher)?;
        if let Some(m) = m {
            list::append(matched, m)?;
        }
        if let Some(r) = r {
            list::append(rest, r)?;
        }
    }
    let matched = if list::len(matched) == 0 {
        None
    } else {
        Some(derive_with(e, matched)?)
    };
    let rest = if list::len(rest) == 0 {
        None
    } else {
        Some(derive_with(e, rest)?)
    };
    Ok((matched, rest))
}

fn group_split(args: &Args) -> PyResult<GcRef> {
    let g = as_group(args.get(0))?;
    let matcher = Matcher::from_value(args.get(1))?;
    let (m, r) = split(g, &matcher)?;
    new_tuple(&[crate::objects::or_none(m), crate::objects::or_none(r)])
}

fn group_subgroup(args: &Args) -> PyResult<GcRef> {
    let g = as_group(args.get(0))?;
    let matcher = Matcher::from_value(args.get(1))?;
    Ok(crate::objects::or_none(split(g, &matcher)?.0))
}

/// `CHECK_EG_MATCH`: split the exception `e` being handled by an `except*` clause. A naked
/// exception that matches is wrapped in a group.
pub fn except_star_match(e: GcRef, types: GcRef) -> PyResult<(Option<GcRef>, Option<GcRef>)> {
    let Some(exc) = e.downcast::<PyException>() else {
        return Ok((None, Some(e)));
    };
    let matcher = Matcher::Types(types);
    if let Some(t) = types.downcast::<Items>() {
        for i in 0..t.len() {
            let item = t.get(i).expect("item");
            if item
                .downcast::<PyType>()
                .is_some_and(|c| is_subtype(c, space::builtin_type(T_BASE_EXCEPTION_GROUP)))
            {
                return type_error(
                    "catching ExceptionGroup with except* is not allowed. Use except instead.",
                );
            }
        }
    } else if types
        .downcast::<PyType>()
        .is_some_and(|c| is_subtype(c, space::builtin_type(T_BASE_EXCEPTION_GROUP)))
    {
        return type_error(
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        );
    } else if !is_exception_class(types) {
        return type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        );
    }
    if !is_subtype(exc.cls(), space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        if matcher.matches(exc)? {
            let items = list::new_list(1)?;
            list::append(items, e)?;
            let message = pystr::new_str("")?;
            let group = crate::runtime::call::call_function(
                space::builtin_type(T_BASE_EXCEPTION_GROUP).erase(),
                &[message, items.erase()],
            )?;
            if let Some(g) = group.downcast::<PyException>() {
                g.set_traceback(exc.traceback());
            }
            return Ok((Some(group), None));
        }
        return Ok((None, Some(e)));
    }
    split(exc, &matcher)
}

/// `PREP_RERAISE_STAR`: what an `except*` statement re-raises, from the original group and
/// the list of exceptions raised by its clauses plus the unhandled rest (None entries
/// skipped). Re-raised parts of the original keep the original's group structure.
pub fn prep_reraise_star(original: GcRef, raised: GcRef) -> PyResult<GcRef> {
    let raised = raised.downcast::<PyList>().expect("a list");
    let kept = list::new_list(0)?;
    for i in 0..list::len(raised) {
        let item = list::get(raised, i);
        if !crate::objects::is_none(item) {
            list::append(kept, item)?;
        }
    }
    let n = list::len(kept);
    if n == 0 {
        return Ok(space::none());
    }
    let Some(orig) = original.downcast::<PyException>() else {
        return Ok(list::get(kept, 0));
    };
    if !is_subtype(orig.cls(), space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        // A naked exception: raised again as itself.
        return Ok(list::get(kept, 0));
    }
    // Parts of the original (re-raised or unhandled) are collected into one group derived
    // from the original; new exceptions go beside it in a fresh group.
    let leaves_of_original = list::new_list(0)?;
    collect_leaves(orig, leaves_of_original)?;
    let from_original = list::new_list(0)?;
    let new_ones = list::new_list(0)?;
    for i in 0..n {
        let item = list::get(kept, i);
        let e = item.downcast::<PyException>().expect("an exception");
        let all_leaves = list::new_list(0)?;
        collect_leaves(e, all_leaves)?;
        let mut is_original = list::len(all_leaves) > 0;
        for j in 0..list::len(all_leaves) {
            let leaf = list::get(all_leaves, j);
            if !(0..list::len(leaves_of_original)).any(|k| list::get(leaves_of_original, k) == leaf)
            {
                is_original = false;
            }
        }
        if is_original {
            for j in 0..list::len(all_leaves) {
                list::append(from_original, list::get(all_leaves, j))?;
            }
        } else {
            list::append(new_ones, item)?;
        }
    }
    let reraised = if list::len(from_original) == 0 {
        None
    } else {
        let matcher_list = from_original;
        Some(keep_leaves(orig, matcher_list)?)
    };
    let reraised = reraised.flatten();
    if let Some(r) = reraised {
        list::append(new_ones, r)?;
    }
    match list::len(new_ones) {
        0 => return Ok(space::none()),
        1 => return Ok(list::get(new_ones, 0)),
        _ => {}
    }
    let message = pystr::new_str("")?;
    crate::runtime::call::call_function(
        space::builtin_type(T_BASE_EXCEPTION_GROUP).erase(),
        &[message, new_ones.erase()],
    )
}

fn collect_leaves(e: Gc<PyException>, into: Gc<PyList>) -> PyResult<()> {
    if is_subtype(e.cls(), space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        let leaves = group_leaves(e);
        for i in 0..tuple::len(leaves) {
            collect_leaves(
                tuple::get(leaves, i)
                    .downcast::<PyException>()
                    .expect("an exception"),
                into,
            )?;
        }
        Ok(())
    } else {
        list::append(into, e.erase())
    }
}

/// The part of group `e` whose leaves are in `leaves`, with `e`'s structure.
fn keep_leaves(e: Gc<PyException>, leaves: Gc<PyList>) -> PyResult<Option<GcRef>> {
    if !is_subtype(e.cls(), space::builtin_type(T_BASE_EXCEPTION_GROUP)) {
        let found = (0..list::len(leaves)).any(|k| list::get(leaves, k) == e.erase());
        return Ok(found.then_some(e.erase()));
    }
    let children = group_leaves(e);
    let kept = list::new_list(0)?;
    let mut all = true;
    for i in 0..tuple::len(children) {
        let child = tuple::get(children, i)
            .downcast::<PyException>()
            .expect("an exception");
        match keep_leaves(child, leaves)? {
            Some(k) => {
                if k != child.erase() {
                    all = false;
                }
                list::append(kept, k)?;
            }
            None => all = false,
        }
    }
    if all {
        return Ok(Some(e.erase()));
    }
    if list::len(kept) == 0 {
        return Ok(None);
    }
    derive_with(e, kept).map(Some)
}

// ---- tracebacks and frames ------------------------------------------------------------------

fn as_traceback(object: GcRef) -> Gc<PyTraceback> {
    object.downcast::<PyTraceback>().expect("a traceback")
}

fn traceback_next(args: &Args) -> PyResult<GcRef> {
    Ok(as_traceback(args.get(0))
        .next()
        .map_or_else(space::none, |t| t.erase()))
}

fn traceback_lineno(args: &Args) -> PyResult<GcRef> {
    crate::objects::new_int(as_traceback(args.get(0)).line())
}

fn traceback_frame(args: &Args) -> PyResult<GcRef> {
    Ok(as_traceback(args.get(0)).frame().erase())
}

fn as_frame(object: GcRef) -> Gc<PyFrame> {
    object.downcast::<PyFrame>().expect("a frame")
}

fn frame_code(args: &Args) -> PyResult<GcRef> {
    Ok(as_frame(args.get(0)).code().erase())
}

fn frame_lineno(args: &Args) -> PyResult<GcRef> {
    let f = as_frame(args.get(0));
    crate::objects::new_int(crate::runtime::code::line_of(
        f.code(),
        f.last_instruction(),
    ))
}

fn frame_globals(args: &Args) -> PyResult<GcRef> {
    Ok(as_frame(args.get(0)).globals().erase())
}

fn frame_back(args: &Args) -> PyResult<GcRef> {
    Ok(as_frame(args.get(0))
        .back()
        .map_or_else(space::none, |f| f.erase()))
}
