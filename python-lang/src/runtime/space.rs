//! The object space: what every part of the runtime reaches without being passed it — the
//! built-in types, the singletons (`None`, `True`, …), interned strings, `sys.modules`, the
//! recursion limit. It lives in a thread-local on the interpreter's thread, its references
//! in `RootVec`s (so the collector keeps them and updates them when objects move).
//!
//! `type_of` is here too: the Python type of any value.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU16, Ordering};

use ferrite::{Gc, GcRef, GcType, RootVec};

use crate::objects::layout::*;
use crate::runtime::names::{N, NAME_COUNT};

macro_rules! builtin_types {
    ($($index:ident = $name:literal : $base:ident, $layout:ident, $subclassable:literal;)*) => {
        builtin_types!(@consts 0usize; $($index)*);
        /// Each built-in type's name, base, instance layout and whether Python code may
        /// subclass it, in index order.
        pub const BUILTIN_TYPES: &[(&str, usize, i64, bool)] = &[
            $(($name, $base, crate::objects::typeobject::$layout, $subclassable),)*
        ];
    };
    (@consts $n:expr; $first:ident $($rest:ident)*) => {
        pub const $first: usize = $n;
        builtin_types!(@consts $n + 1usize; $($rest)*);
    };
    (@consts $n:expr;) => {
        /// How many built-in types there are.
        pub const BUILTIN_TYPE_COUNT: usize = $n;
    };
}

/// The base of `object` (it has none).
pub const NO_BASE: usize = usize::MAX;

builtin_types! {
    T_OBJECT = "object": NO_BASE, LAYOUT_OBJECT, true;
    T_TYPE = "type": T_OBJECT, LAYOUT_TYPE, true;
    T_INT = "int": T_OBJECT, LAYOUT_VALUE, true;
    T_BOOL = "bool": T_INT, LAYOUT_VALUE, false;
    T_FLOAT = "float": T_OBJECT, LAYOUT_VALUE, true;
    T_COMPLEX = "complex": T_OBJECT, LAYOUT_VALUE, true;
    T_STR = "str": T_OBJECT, LAYOUT_VALUE, true;
    T_BYTES = "bytes": T_OBJECT, LAYOUT_VALUE, true;
    T_BYTEARRAY = "bytearray": T_OBJECT, LAYOUT_VALUE, true;
    T_LIST = "list": T_OBJECT, LAYOUT_VALUE, true;
    T_TUPLE = "tuple": T_OBJECT, LAYOUT_VALUE, true;
    T_DICT = "dict": T_OBJECT, LAYOUT_VALUE, true;
    T_SET = "set": T_OBJECT, LAYOUT_VALUE, true;
    T_FROZENSET = "frozenset": T_OBJECT, LAYOUT_VALUE, true;
    T_RANGE = "range": T_OBJECT, LAYOUT_VALUE, false;
    T_SLICE = "slice": T_OBJECT, LAYOUT_VALUE, false;
    T_NONE = "NoneType": T_OBJECT, LAYOUT_VALUE, false;
    T_NOT_IMPLEMENTED = "NotImplementedType": T_OBJECT, LAYOUT_VALUE, false;
    T_ELLIPSIS = "ellipsis": T_OBJECT, LAYOUT_VALUE, false;
    T_FUNCTION = "function": T_OBJECT, LAYOUT_VALUE, false;
    T_BUILTIN = "builtin_function_or_method": T_OBJECT, LAYOUT_VALUE, false;
    T_METHOD = "method": T_OBJECT, LAYOUT_VALUE, false;
    T_CELL = "cell": T_OBJECT, LAYOUT_VALUE, false;
    T_CODE = "code": T_OBJECT, LAYOUT_VALUE, false;
    T_FRAME = "frame": T_OBJECT, LAYOUT_VALUE, false;
    T_MODULE = "module": T_OBJECT, LAYOUT_VALUE, false;
    T_TRACEBACK = "traceback": T_OBJECT, LAYOUT_VALUE, false;
    T_GENERATOR = "generator": T_OBJECT, LAYOUT_VALUE, false;
    T_COROUTINE = "coroutine": T_OBJECT, LAYOUT_VALUE, false;
    T_ASYNC_GENERATOR = "async_generator": T_OBJECT, LAYOUT_VALUE, false;
    T_PROPERTY = "property": T_OBJECT, LAYOUT_VALUE, true;
    T_STATICMETHOD = "staticmethod": T_OBJECT, LAYOUT_VALUE, true;
    T_CLASSMETHOD = "classmethod": T_OBJECT, LAYOUT_VALUE, true;
    T_SUPER = "super": T_OBJECT, LAYOUT_VALUE, true;
    T_MEMBER_DESCRIPTOR = "member_descriptor": T_OBJECT, LAYOUT_VALUE, false;
    T_GETSET_DESCRIPTOR = "getset_descriptor": T_OBJECT, LAYOUT_VALUE, false;
    T_MAPPING_PROXY = "mappingproxy": T_OBJECT, LAYOUT_VALUE, false;
    T_DICT_KEYS = "dict_keys": T_OBJECT, LAYOUT_VALUE, false;
    T_DICT_VALUES = "dict_values": T_OBJECT, LAYOUT_VALUE, false;
    T_DICT_ITEMS = "dict_items": T_OBJECT, LAYOUT_VALUE, false;
    T_LIST_ITERATOR = "list_iterator": T_OBJECT, LAYOUT_VALUE, false;
    T_LIST_REVERSEITERATOR = "list_reverseiterator": T_OBJECT, LAYOUT_VALUE, false;
    T_TUPLE_ITERATOR = "tuple_iterator": T_OBJECT, LAYOUT_VALUE, false;
    T_RANGE_ITERATOR = "range_iterator": T_OBJECT, LAYOUT_VALUE, false;
    T_STR_ITERATOR = "str_ascii_iterator": T_OBJECT, LAYOUT_VALUE, false;
    T_BYTES_ITERATOR = "bytes_iterator": T_OBJECT, LAYOUT_VALUE, false;
    T_DICT_KEY_ITERATOR = "dict_keyiterator": T_OBJECT, LAYOUT_VALUE, false;
    T_DICT_VALUE_ITERATOR = "dict_valueiterator": T_OBJECT, LAYOUT_VALUE, false;
    T_DICT_ITEM_ITERATOR = "dict_itemiterator": T_OBJECT, LAYOUT_VALUE, false;
    T_SET_ITERATOR = "set_iterator": T_OBJECT, LAYOUT_VALUE, false;
    T_SEQ_ITERATOR = "iterator": T_OBJECT, LAYOUT_VALUE, false;
    T_CALLABLE_ITERATOR = "callable_iterator": T_OBJECT, LAYOUT_VALUE, false;
    T_ENUMERATE = "enumerate": T_OBJECT, LAYOUT_VALUE, true;
    T_ZIP = "zip": T_OBJECT, LAYOUT_VALUE, true;
    T_MAP = "map": T_OBJECT, LAYOUT_VALUE, true;
    T_FILTER = "filter": T_OBJECT, LAYOUT_VALUE, true;
    T_REVERSED = "reversed": T_OBJECT, LAYOUT_VALUE, true;
    T_MEMORYVIEW = "memoryview": T_OBJECT, LAYOUT_VALUE, false;
    T_AWAITABLE = "async_generator_asend": T_OBJECT, LAYOUT_VALUE, false;
    T_TEXT_IO = "TextIOWrapper": T_OBJECT, LAYOUT_VALUE, false;
    T_BUFFERED_READER = "BufferedReader": T_OBJECT, LAYOUT_VALUE, false;
    T_BUFFERED_WRITER = "BufferedWriter": T_OBJECT, LAYOUT_VALUE, false;
    T_BUFFERED_RANDOM = "BufferedRandom": T_OBJECT, LAYOUT_VALUE, false;
    T_FILE_IO = "FileIO": T_OBJECT, LAYOUT_VALUE, false;
    T_SIMPLE_NAMESPACE = "SimpleNamespace": T_OBJECT, LAYOUT_VALUE, false;
    T_BASE_EXCEPTION = "BaseException": T_OBJECT, LAYOUT_EXCEPTION, true;
    T_SYSTEM_EXIT = "SystemExit": T_BASE_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_KEYBOARD_INTERRUPT = "KeyboardInterrupt": T_BASE_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_GENERATOR_EXIT = "GeneratorExit": T_BASE_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_EXCEPTION = "Exception": T_BASE_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_STOP_ITERATION = "StopIteration": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_STOP_ASYNC_ITERATION = "StopAsyncIteration": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_ARITHMETIC_ERROR = "ArithmeticError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_FLOATING_POINT_ERROR = "FloatingPointError": T_ARITHMETIC_ERROR, LAYOUT_EXCEPTION, true;
    T_OVERFLOW_ERROR = "OverflowError": T_ARITHMETIC_ERROR, LAYOUT_EXCEPTION, true;
    T_ZERO_DIVISION_ERROR = "ZeroDivisionError": T_ARITHMETIC_ERROR, LAYOUT_EXCEPTION, true;
    T_ASSERTION_ERROR = "AssertionError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_ATTRIBUTE_ERROR = "AttributeError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_BUFFER_ERROR = "BufferError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_EOF_ERROR = "EOFError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_IMPORT_ERROR = "ImportError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_MODULE_NOT_FOUND_ERROR = "ModuleNotFoundError": T_IMPORT_ERROR, LAYOUT_EXCEPTION, true;
    T_LOOKUP_ERROR = "LookupError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_INDEX_ERROR = "IndexError": T_LOOKUP_ERROR, LAYOUT_EXCEPTION, true;
    T_KEY_ERROR = "KeyError": T_LOOKUP_ERROR, LAYOUT_EXCEPTION, true;
    T_MEMORY_ERROR = "MemoryError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_NAME_ERROR = "NameError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_UNBOUND_LOCAL_ERROR = "UnboundLocalError": T_NAME_ERROR, LAYOUT_EXCEPTION, true;
    T_OS_ERROR = "OSError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_FILE_NOT_FOUND_ERROR = "FileNotFoundError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_FILE_EXISTS_ERROR = "FileExistsError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_PERMISSION_ERROR = "PermissionError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_IS_A_DIRECTORY_ERROR = "IsADirectoryError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_NOT_A_DIRECTORY_ERROR = "NotADirectoryError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_TIMEOUT_ERROR = "TimeoutError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_CONNECTION_ERROR = "ConnectionError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_BROKEN_PIPE_ERROR = "BrokenPipeError": T_CONNECTION_ERROR, LAYOUT_EXCEPTION, true;
    T_CONNECTION_ABORTED_ERROR = "ConnectionAbortedError": T_CONNECTION_ERROR, LAYOUT_EXCEPTION, true;
    T_CONNECTION_REFUSED_ERROR = "ConnectionRefusedError": T_CONNECTION_ERROR, LAYOUT_EXCEPTION, true;
    T_CONNECTION_RESET_ERROR = "ConnectionResetError": T_CONNECTION_ERROR, LAYOUT_EXCEPTION, true;
    T_BLOCKING_IO_ERROR = "BlockingIOError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_CHILD_PROCESS_ERROR = "ChildProcessError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_INTERRUPTED_ERROR = "InterruptedError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_PROCESS_LOOKUP_ERROR = "ProcessLookupError": T_OS_ERROR, LAYOUT_EXCEPTION, true;
    T_REFERENCE_ERROR = "ReferenceError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_RUNTIME_ERROR = "RuntimeError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_NOT_IMPLEMENTED_ERROR = "NotImplementedError": T_RUNTIME_ERROR, LAYOUT_EXCEPTION, true;
    T_RECURSION_ERROR = "RecursionError": T_RUNTIME_ERROR, LAYOUT_EXCEPTION, true;
    T_SYNTAX_ERROR = "SyntaxError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_INDENTATION_ERROR = "IndentationError": T_SYNTAX_ERROR, LAYOUT_EXCEPTION, true;
    T_TAB_ERROR = "TabError": T_INDENTATION_ERROR, LAYOUT_EXCEPTION, true;
    T_SYSTEM_ERROR = "SystemError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_TYPE_ERROR = "TypeError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_VALUE_ERROR = "ValueError": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_UNICODE_ERROR = "UnicodeError": T_VALUE_ERROR, LAYOUT_EXCEPTION, true;
    T_UNICODE_DECODE_ERROR = "UnicodeDecodeError": T_UNICODE_ERROR, LAYOUT_EXCEPTION, true;
    T_UNICODE_ENCODE_ERROR = "UnicodeEncodeError": T_UNICODE_ERROR, LAYOUT_EXCEPTION, true;
    T_UNICODE_TRANSLATE_ERROR = "UnicodeTranslateError": T_UNICODE_ERROR, LAYOUT_EXCEPTION, true;
    T_WARNING = "Warning": T_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_DEPRECATION_WARNING = "DeprecationWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_RUNTIME_WARNING = "RuntimeWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_USER_WARNING = "UserWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_SYNTAX_WARNING = "SyntaxWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_PENDING_DEPRECATION_WARNING = "PendingDeprecationWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_FUTURE_WARNING = "FutureWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_IMPORT_WARNING = "ImportWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_UNICODE_WARNING = "UnicodeWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_BYTES_WARNING = "BytesWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_RESOURCE_WARNING = "ResourceWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_ENCODING_WARNING = "EncodingWarning": T_WARNING, LAYOUT_EXCEPTION, true;
    T_BASE_EXCEPTION_GROUP = "BaseExceptionGroup": T_BASE_EXCEPTION, LAYOUT_EXCEPTION, true;
    T_EXCEPTION_GROUP = "ExceptionGroup": T_BASE_EXCEPTION_GROUP, LAYOUT_EXCEPTION, true;
}

/// The first and last exception types (they are contiguous in the table).
pub const FIRST_EXCEPTION: usize = T_BASE_EXCEPTION;

pub const SINGLETON_NONE: i64 = 0;
pub const SINGLETON_NOT_IMPLEMENTED: i64 = 1;
pub const SINGLETON_ELLIPSIS: i64 = 2;

// Indices of the fixed objects in `Space::objects`, before the well-known names.
const O_NONE: usize = 0;
const O_NOT_IMPLEMENTED: usize = 1;
const O_ELLIPSIS: usize = 2;
const O_TRUE: usize = 3;
const O_FALSE: usize = 4;
const O_EMPTY_TUPLE: usize = 5;
const O_BUILTINS: usize = 6;
const O_MODULES: usize = 7;
const O_MEMORY_ERROR: usize = 8;
const O_EMPTY_MAP: usize = 9;
const O_SYS: usize = 10;
const O_COMMON_VALUES: usize = 11;
const FIXED_OBJECTS: usize = 12;

// Indices in the table of common values (`common_values`): None, True, False, then the
// small ints from `SMALL_INT_MIN`.
pub const COMMON_NONE: usize = 0;
pub const COMMON_TRUE: usize = 1;
pub const COMMON_FALSE: usize = 2;
pub const COMMON_SMALL_INTS: usize = 3;

/// Small ints cached as CPython does (-5..=256), so common values don't allocate.
pub const SMALL_INT_MIN: i64 = -5;
pub const SMALL_INT_MAX: i64 = 256;

pub struct Space {
    types: RootVec<Gc<PyType>>,
    /// The fixed objects, then the well-known names, then interned strings.
    objects: RootVec<GcRef>,
    small_ints: RootVec<GcRef>,
    /// The interned one-character strs of the ASCII characters, by code.
    ascii_chars: RootVec<GcRef>,
    interned: RefCell<HashMap<Box<str>, usize>>,
    pub recursion_limit: Cell<i64>,
    pub depth: Cell<i64>,
    /// Where the interpreter's native stack ends (RecursionError before overflowing it).
    pub stack_limit: Cell<usize>,
    /// The frame running now (for tracebacks of errors raised in Rust, `sys._getframe`).
    current_frame: RootVec<Option<Gc<PyFrame>>>,
    /// Every class made by Python code, for `__subclasses__`.
    classes: RootVec<Gc<PyType>>,
    /// The exception being handled (`sys.exc_info()`, the `__context__` of a new one).
    handled: RootVec<Option<GcRef>>,
    /// `-u`: stdout and stderr are written through at once.
    pub unbuffered: Cell<bool>,
}

thread_local! {
    // Set once per interpreter thread and then only read: the fields that change are
    // `Cell`s and `RootVec`s (which change through `&self`), so reaching the space is one
    // thread-local read, with no borrow flag to set and reset and no destructor state to
    // check (it runs on every call).
    static SPACE: Cell<Option<&'static Space>> = const { Cell::new(None) };
}

/// Run `f` on this thread's space.
///
/// # Panics
/// If `space::install` has not run on this thread.
#[inline(always)]
pub fn with<R>(f: impl FnOnce(&Space) -> R) -> R {
    f(SPACE.get().expect("the object space is set up"))
}

/// Set up this thread's space with its fixed objects created by `build` (see
/// `objects::typeobject::bootstrap`). The space lives as long as the process: an
/// interpreter thread keeps it until the process exits, so it is never dropped (its roots
/// stay registered with the collector).
///
/// # Panics
/// If this thread already has a space (one interpreter per thread).
pub fn install(space: Space) {
    register_fixed_types();
    assert!(
        SPACE.get().is_none(),
        "the object space is installed once per thread"
    );
    SPACE.set(Some(Box::leak(Box::new(space))));
}

/// What `bootstrap` hands to `Space::new`.
pub struct Fixed {
    pub types: Vec<Gc<PyType>>,
    pub none: GcRef,
    pub not_implemented: GcRef,
    pub ellipsis: GcRef,
    pub true_: GcRef,
    pub false_: GcRef,
    pub empty_tuple: GcRef,
    pub builtins: GcRef,
    pub modules: GcRef,
    pub memory_error: GcRef,
    pub empty_map: GcRef,
    pub sys: GcRef,
    pub names: Vec<GcRef>,
    pub small_ints: Vec<GcRef>,
    /// A GC array of None, True, False and the small ints (`COMMON_*`).
    pub common_values: GcRef,
}

impl Space {
    pub fn new(fixed: Fixed) -> Space {
        let types = RootVec::new();
        for t in &fixed.types {
            types.push(*t);
        }
        let objects = RootVec::new();
        for o in [
            fixed.none,
            fixed.not_implemented,
            fixed.ellipsis,
            fixed.true_,
            fixed.false_,
            fixed.empty_tuple,
            fixed.builtins,
            fixed.modules,
            fixed.memory_error,
            fixed.empty_map,
            fixed.sys,
            fixed.common_values,
        ] {
            objects.push(o);
        }
        debug_assert_eq!(objects.len(), FIXED_OBJECTS);
        assert_eq!(fixed.names.len(), NAME_COUNT);
        let mut interned = HashMap::new();
        for (i, n) in fixed.names.iter().enumerate() {
            objects.push(*n);
            interned.insert(
                crate::runtime::names::NAME_TEXTS[i].into(),
                FIXED_OBJECTS + i,
            );
        }
        let small_ints = RootVec::new();
        for i in &fixed.small_ints {
            small_ints.push(*i);
        }
        let current_frame = RootVec::new();
        current_frame.push(None);
        let handled = RootVec::new();
        handled.push(None);
        Space {
            types,
            objects,
            small_ints,
            ascii_chars: RootVec::new(),
            interned: RefCell::new(interned),
            recursion_limit: Cell::new(1000),
            depth: Cell::new(0),
            stack_limit: Cell::new(0),
            current_frame,
            handled,
            classes: RootVec::new(),
            unbuffered: Cell::new(false),
        }
    }
}

/// None, True, False and the small ints in one GC array (indices `COMMON_*`): every code
/// object refers to it, so the eval loop reads them through a view it already holds
/// instead of through the thread-local space.
pub fn common_values() -> Gc<crate::objects::layout::Items> {
    with(|s| s.objects.get(O_COMMON_VALUES))
        .downcast()
        .expect("the common values")
}

#[inline]
pub fn builtin_type(index: usize) -> Gc<PyType> {
    with(|s| s.types.get(index))
}

#[inline]
pub fn none() -> GcRef {
    with(|s| s.objects.get(O_NONE))
}

#[inline]
pub fn not_implemented() -> GcRef {
    with(|s| s.objects.get(O_NOT_IMPLEMENTED))
}

#[inline]
pub fn ellipsis() -> GcRef {
    with(|s| s.objects.get(O_ELLIPSIS))
}

#[inline]
pub fn bool_(value: bool) -> GcRef {
    with(|s| s.objects.get(if value { O_TRUE } else { O_FALSE }))
}

#[inline]
pub fn empty_tuple() -> GcRef {
    with(|s| s.objects.get(O_EMPTY_TUPLE))
}

pub fn builtins_module() -> GcRef {
    with(|s| s.objects.get(O_BUILTINS))
}

pub fn set_builtins_module(module: GcRef) {
    with(|s| s.objects.set(O_BUILTINS, module))
}

pub fn sys_module() -> GcRef {
    with(|s| s.objects.get(O_SYS))
}

pub fn set_sys_module(module: GcRef) {
    with(|s| s.objects.set(O_SYS, module))
}

/// `sys.modules`.
pub fn modules() -> Gc<PyDict> {
    with(|s| s.objects.get(O_MODULES))
        .downcast::<PyDict>()
        .expect("sys.modules is a dict")
}

/// The `MemoryError` made at start-up, raised when the heap is full (making one then
/// could fail).
pub fn memory_error() -> Gc<PyException> {
    with(|s| s.objects.get(O_MEMORY_ERROR))
        .downcast::<PyException>()
        .expect("the preallocated MemoryError")
}

pub fn empty_map() -> Gc<PyMap> {
    with(|s| s.objects.get(O_EMPTY_MAP))
        .downcast::<PyMap>()
        .expect("the empty map")
}

/// The interned `str` of a well-known name.
#[inline]
pub fn name(n: N) -> GcRef {
    with(|s| s.objects.get(FIXED_OBJECTS + n as usize))
}

/// The cached int for `value`, if it is small.
#[inline]
pub fn small_int(value: i64) -> Option<GcRef> {
    if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&value) {
        Some(with(|s| s.small_ints.get((value - SMALL_INT_MIN) as usize)))
    } else {
        None
    }
}

/// Make the interned one-character strs of the ASCII characters (once, at start-up).
pub fn register_ascii_chars() -> crate::runtime::errors::PyResult<()> {
    for code in 0..128u8 {
        let s = crate::objects::str::intern(&(code as char).to_string())?;
        with(|space| space.ascii_chars.push(s));
    }
    Ok(())
}

/// The interned str of one ASCII character (`code` < 128).
#[inline]
pub fn ascii_char(code: u8) -> GcRef {
    with(|s| s.ascii_chars.get(code as usize))
}

/// The interned string with this text, if there is one.
pub fn interned(text: &str) -> Option<GcRef> {
    with(|s| s.interned.borrow().get(text).map(|&i| s.objects.get(i)))
}

/// Record `string` (a `str` with this text) as the interned one.
pub fn add_interned(text: &str, string: GcRef) {
    if let Some(s) = string.downcast::<PyStr>() {
        s.set_interned(true);
    }
    with(|s| {
        let index = s.objects.len();
        s.objects.push(string);
        s.interned.borrow_mut().insert(text.into(), index);
    })
}

/// A call would pass the recursion limit (or exhaust the native stack).
pub struct TooDeep;

/// Make `frame` the running one, one level deeper, and return the frame that was running;
/// `Err` at the recursion limit or when the native stack is nearly used up (deep recursion
/// through native code). One visit to the space, as this runs on every call.
#[inline]
pub fn enter_frame(frame: Gc<PyFrame>) -> Result<Option<Gc<PyFrame>>, TooDeep> {
    let caller = enter_call()?;
    with(|s| s.current_frame.set(0, Some(frame)));
    Ok(caller)
}

/// `enter_frame` for a call whose frame is not made yet (it needs to know its caller):
/// one level deeper, and the running frame, which `set_current_frame` then replaces.
#[inline]
pub fn enter_call() -> Result<Option<Gc<PyFrame>>, TooDeep> {
    let here = 0u8;
    let address = &here as *const u8 as usize;
    with(|s| {
        let (depth, stack_limit) = (s.depth.get(), s.stack_limit.get());
        if depth >= s.recursion_limit.get() || (stack_limit != 0 && address < stack_limit) {
            return Err(TooDeep);
        }
        s.depth.set(depth + 1);
        Ok(s.current_frame.get(0))
    })
}

/// Undo `enter_frame`: `caller` runs again.
#[inline]
pub fn leave_frame(caller: Option<Gc<PyFrame>>) {
    with(|s| {
        s.depth.set(s.depth.get() - 1);
        s.current_frame.set(0, caller);
    })
}

pub fn current_frame() -> Option<Gc<PyFrame>> {
    with(|s| s.current_frame.get(0))
}

#[inline]
pub fn set_current_frame(frame: Option<Gc<PyFrame>>) {
    with(|s| s.current_frame.set(0, frame))
}

pub fn record_class(t: Gc<PyType>) {
    with(|s| s.classes.push(t))
}

pub fn class_count() -> usize {
    with(|s| s.classes.len())
}

pub fn class_at(index: usize) -> Gc<PyType> {
    with(|s| s.classes.get(index))
}

/// The exception being handled now, if any.
#[inline]
pub fn handled() -> Option<GcRef> {
    with(|s| s.handled.get(0))
}

pub fn set_handled(exception: Option<GcRef>) {
    with(|s| s.handled.set(0, exception))
}

/// Object kinds whose Python type is always the same built-in type, which cannot change
/// (built-in types are immutable): their descriptor id alone says the type.
fn fixed_types() -> [(ferrite::DescriptorId, usize); 21] {
    [
        (PyInt::descriptor_id(), T_INT),
        (PyStr::descriptor_id(), T_STR),
        (PyFloat::descriptor_id(), T_FLOAT),
        (Items::descriptor_id(), T_TUPLE),
        (PyList::descriptor_id(), T_LIST),
        (PyBool::descriptor_id(), T_BOOL),
        (PyDict::descriptor_id(), T_DICT),
        (PyFunction::descriptor_id(), T_FUNCTION),
        (PyBuiltin::descriptor_id(), T_BUILTIN),
        (PyMethod::descriptor_id(), T_METHOD),
        (PyBigInt::descriptor_id(), T_INT),
        (PyRange::descriptor_id(), T_RANGE),
        (PySlice::descriptor_id(), T_SLICE),
        (PyBytes::descriptor_id(), T_BYTES),
        (PyByteArray::descriptor_id(), T_BYTEARRAY),
        (PyComplex::descriptor_id(), T_COMPLEX),
        (PyCell::descriptor_id(), T_CELL),
        (PyCode::descriptor_id(), T_CODE),
        (PyFrame::descriptor_id(), T_FRAME),
        (PyModule::descriptor_id(), T_MODULE),
        (PyTraceback::descriptor_id(), T_TRACEBACK),
    ]
}

/// `fixed_types` as a table indexed by descriptor id: the type's index plus one, 0 for
/// the kinds whose type is read from the object. Descriptor ids are process-wide and
/// small (one per Rust type), so one table serves every thread.
static FIXED_TYPE_BY_DESCRIPTOR: [AtomicU16; 128] = [const { AtomicU16::new(0) }; 128];

/// Fill `FIXED_TYPE_BY_DESCRIPTOR` (at start-up, before any `type_of`).
fn register_fixed_types() {
    for (id, index) in fixed_types() {
        if let Some(entry) = FIXED_TYPE_BY_DESCRIPTOR.get(id.as_u32() as usize) {
            entry.store(index as u16 + 1, Ordering::Relaxed);
        }
    }
}

/// The built-in type every object with descriptor `id` has, if `id` fixes it.
#[inline]
pub fn fixed_type_index(id: ferrite::DescriptorId) -> Option<usize> {
    let entry = FIXED_TYPE_BY_DESCRIPTOR.get(id.as_u32() as usize)?;
    match entry.load(Ordering::Relaxed) {
        0 => None,
        n => Some(n as usize - 1),
    }
}

/// The Python type of any value.
pub fn type_of(object: GcRef) -> Gc<PyType> {
    // One checked read of the header; its descriptor id gives the type at once for most
    // kinds, else says which field of the object does.
    let id = object.descriptor_id();
    if let Some(index) = builtin_type_index_of(object, id) {
        return builtin_type(index);
    }
    if id == PyInstance::descriptor_id() {
        return object.downcast::<PyInstance>().expect("checked").cls();
    }
    if id == PyException::descriptor_id() {
        return object.downcast::<PyException>().expect("checked").cls();
    }
    let t = object
        .downcast::<PyType>()
        .expect("the other kinds are types");
    match t.metaclass() {
        Some(meta) => meta.downcast::<PyType>().expect("a metaclass is a type"),
        None => builtin_type(T_TYPE),
    }
}

/// The index of `object`'s type among the built-in types, if its type is a built-in one
/// that its kind (and a field) says without a type lookup: None for instances,
/// exceptions and types, whose type is a class object.
#[inline]
pub fn builtin_type_index(object: GcRef) -> Option<usize> {
    builtin_type_index_of(object, object.descriptor_id())
}

#[inline]
fn builtin_type_index_of(object: GcRef, id: ferrite::DescriptorId) -> Option<usize> {
    if let Some(index) = fixed_type_index(id) {
        return Some(index);
    }
    Some(if id == PySingleton::descriptor_id() {
        match object.load_as::<PySingleton>().expect("checked").kind {
            SINGLETON_NONE => T_NONE,
            SINGLETON_NOT_IMPLEMENTED => T_NOT_IMPLEMENTED,
            _ => T_ELLIPSIS,
        }
    } else if id == PySet::descriptor_id() {
        if object.load_as::<PySet>().expect("checked").frozen {
            T_FROZENSET
        } else {
            T_SET
        }
    } else if id == PyIterator::descriptor_id() {
        object.load_as::<PyIterator>().expect("checked").kind as usize
    } else if id == PyWrapper::descriptor_id() {
        object.load_as::<PyWrapper>().expect("checked").kind as usize
    } else if id == PyGenerator::descriptor_id() {
        object.load_as::<PyGenerator>().expect("checked").kind as usize
    } else if id == PyInstance::descriptor_id()
        || id == PyException::descriptor_id()
        || id == PyType::descriptor_id()
    {
        return None;
    } else {
        fixed_types()
            .into_iter()
            .find(|&(fixed, _)| fixed == id)
            .map_or(T_OBJECT, |(_, index)| index)
    })
}
