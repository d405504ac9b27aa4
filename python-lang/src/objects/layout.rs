//! The heap layout of every Python object: one `#[gc_object]` struct per kind.
//!
//! A Python value is a `GcRef` to one of these. Its Python type comes from the struct
//! (`PyInt` is `int`, `PyList` is `list`, …) except for the structs that carry a `cls`
//! field (instances of classes, exceptions, types), see `runtime::space::type_of`.
//! Behaviour lives in the per-type modules beside this one; keeping the layouts together
//! lets the JIT's engineer see every field the traces will load.
//!
//! Rules every struct here follows:
//! - no Rust-owned memory (`String`, `Vec`): strings are `Gc<Bytes>`, sequences
//!   `Gc<Array<_>>`;
//! - a tuple is a bare `Array<Option<GcRef>>` (no wrapper: one allocation, one less load);
//!   internal arrays of references never escape to Python code, so the two never mix;
//! - references that the JIT may allocate zeroed are `Option`s.

use ferrite::{gc_object, Array, Bytes, Gc, GcRef};

/// The items of a tuple, a list's storage, a frame's slots.
pub type Items = Array<Option<GcRef>>;

/// `int` within a machine word. Values outside `i64` are always `PyBigInt`, values inside
/// always `PyInt`, so equal ints have equal representations.
#[gc_object]
pub struct PyInt {
    pub value: i64,
}

/// `int` beyond a machine word: two's-complement little-endian bytes (`num_bigint`'s
/// signed byte form). Arithmetic converts to `BigInt`, which is residual code anyway.
#[gc_object]
pub struct PyBigInt {
    pub bytes: Gc<Bytes>,
}

/// `bool`: the two objects `True` and `False`.
#[gc_object]
pub struct PyBool {
    pub value: bool,
}

#[gc_object]
pub struct PyFloat {
    pub value: f64,
}

#[gc_object]
pub struct PyComplex {
    pub real: f64,
    pub imag: f64,
}

/// `None`, `NotImplemented` and `Ellipsis`: one object each, told apart by `kind`
/// (`space::SINGLETON_*`).
#[gc_object]
pub struct PySingleton {
    pub kind: i64,
}

/// `str`: UTF-8 bytes, the length in code points (equal to the byte length for ASCII,
/// which makes indexing O(1) there), and the hash once computed (`-1` until then).
#[gc_object]
pub struct PyStr {
    pub utf8: Gc<Bytes>,
    pub length: i64,
    pub hash: i64,
    /// Whether this is the interned string for its text (then equal interned strings are
    /// the same object, and a lookup by an interned name compares pointers only).
    pub interned: bool,
}

/// `bytes`.
#[gc_object]
pub struct PyBytes {
    pub data: Gc<Bytes>,
}

/// `bytearray`: a growable byte buffer (`length` of `data`'s capacity in use).
#[gc_object]
pub struct PyByteArray {
    pub data: Gc<Array<u8>>,
    pub length: i64,
}

/// `list`: items in the first `length` slots of `items` (capacity beyond).
#[gc_object]
pub struct PyList {
    pub items: Gc<Items>,
    pub length: i64,
}

/// `dict`, CPython's compact layout: `indices` is the hash table (slot -> entry number,
/// `-1` empty, `-2` deleted); entries are appended in insertion order to `hashes`, `keys`
/// and `values`, of which `used` are live and `filled` taken (deleted entries keep their
/// place with a null key).
#[gc_object]
pub struct PyDict {
    pub indices: Gc<Array<i64>>,
    pub hashes: Gc<Array<i64>>,
    pub keys: Gc<Items>,
    pub values: Gc<Items>,
    pub used: i64,
    pub filled: i64,
}

/// `set` and `frozenset`: CPython's open-addressing table (so iteration order matches
/// CPython's for the same insertions). A slot's key is null when empty; `dummy` marks a
/// deleted slot. `hash` caches a frozenset's hash (`-1` until computed).
#[gc_object]
pub struct PySet {
    pub keys: Gc<Items>,
    pub hashes: Gc<Array<i64>>,
    pub used: i64,
    pub filled: i64,
    pub frozen: bool,
    pub hash: i64,
}

#[gc_object]
pub struct PyRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub length: i64,
}

#[gc_object]
pub struct PySlice {
    pub start: GcRef,
    pub stop: GcRef,
    pub step: GcRef,
}

/// A code object: what the compiler produced for one function, class body or module.
#[gc_object]
pub struct PyCode {
    /// One word per instruction: the opcode in the low 8 bits, the argument above.
    pub instructions: Gc<Array<u32>>,
    /// The source line of each instruction (parallel to `instructions`).
    pub lines: Gc<Array<i32>>,
    /// The source byte range (start, end) of each instruction, for traceback markers.
    pub positions: Gc<Array<i32>>,
    /// The exception table: (start, end, handler, stack depth) per entry.
    pub exception_table: Gc<Array<i32>>,
    pub consts: Gc<Items>,
    /// Global and attribute names (str).
    pub names: Gc<Items>,
    /// Local variable names, then cell names, then free variable names (str).
    pub slot_names: Gc<Items>,
    /// For each cell: the argument slot it starts from, or -1.
    pub cell_from_arg: Gc<Array<i32>>,
    pub local_count: i64,
    pub cell_count: i64,
    pub free_count: i64,
    pub stack_size: i64,
    pub arg_count: i64,
    pub posonly_count: i64,
    pub kwonly_count: i64,
    pub flags: i64,
    /// Slots a frame needs: locals, cells, free variables and the value stack.
    pub frame_size: i64,
    /// `arg_count` if a call passing exactly that many positional arguments (and no
    /// keywords) binds them to the first slots and nothing else (no `*args`, `**kwargs`,
    /// keyword-only parameters or cells); -1 otherwise. The fast path of every call.
    pub simple_arg_count: i64,
    pub name: GcRef,
    pub qualname: GcRef,
    pub filename: GcRef,
    pub first_line: i64,
    /// What the eval loop reads, in two arrays so that it checks two handles per run,
    /// not five: the instruction words then the inline caches' words (three per
    /// instruction), and the constants, the names, then the caches' references (two per
    /// instruction). See `runtime::inline_cache::loop_arrays`.
    pub words: Gc<Array<i64>>,
    pub operands: Gc<Items>,
    /// How many instructions (where the cache words start in `words`).
    pub instruction_count: i64,
    /// Where the names start in `operands` (after the constants), and where the cache
    /// references start (after the names).
    pub names_at: i64,
    pub cache_refs_at: i64,
    /// `space::common_values()`, the same array for every code object.
    pub common_values: Gc<Items>,
    /// A finished frame of this code that nothing else refers to, kept for the next call
    /// (see `runtime::call::recycle_frame`).
    pub spare_frame: Option<Gc<PyFrame>>,
}

/// An activation record. `slots` holds the locals, then the cells and free-variable
/// cells, then the value stack (as CPython's `localsplus`).
#[gc_object]
pub struct PyFrame {
    pub code: Gc<PyCode>,
    pub globals: Gc<PyDict>,
    pub builtins: Gc<PyDict>,
    /// The namespace of a module or class body (names are looked up here first).
    pub namespace: Option<GcRef>,
    pub slots: Gc<Items>,
    /// Where a suspended or failed frame stopped: the next instruction and stack depth.
    pub pc: i64,
    pub sp: i64,
    /// The instruction that raised or is running (for tracebacks and `f_lineno`).
    pub last_instruction: i64,
    /// The calling frame while this one runs.
    pub back: Option<Gc<PyFrame>>,
    /// The function being run (for `super()`'s `__class__` cell lookup and names).
    pub function: Option<GcRef>,
    /// `FRAME_*` in runtime::frame: created, running, suspended (a generator), done.
    pub state: i64,
    /// The exception being handled in this frame (`sys.exc_info`, bare `raise`).
    pub handled: Option<GcRef>,
    /// Whether Python code may hold this frame (a traceback or `sys._getframe` reached
    /// it): such a frame is never reused for another call.
    pub escaped: bool,
}

#[gc_object]
pub struct PyFunction {
    pub code: Gc<PyCode>,
    pub globals: Gc<PyDict>,
    /// The builtins dict its frames use (fixed when it is made, as CPython's
    /// `func_builtins`: a call need not look it up).
    pub builtins: Gc<PyDict>,
    pub name: GcRef,
    pub qualname: GcRef,
    /// Tuple of default values for the last positional parameters, or None.
    pub defaults: Option<GcRef>,
    /// Dict of defaults of keyword-only parameters, or None.
    pub kwdefaults: Option<GcRef>,
    /// Tuple of cells for the free variables, or None.
    pub closure: Option<GcRef>,
    pub doc: GcRef,
    pub module: GcRef,
    pub annotations: Option<GcRef>,
    pub dict: Option<Gc<PyDict>>,
}

/// A function written in Rust: `id` indexes the registry (`builtins::registry`). A method
/// of a built-in type bound to its object has `bound`.
#[gc_object]
pub struct PyBuiltin {
    pub id: i64,
    pub bound: Option<GcRef>,
}

#[gc_object]
pub struct PyMethod {
    pub function: GcRef,
    pub receiver: GcRef,
}

#[gc_object]
pub struct PyCell {
    pub contents: Option<GcRef>,
}

/// A class object (also the built-in types).
#[gc_object]
pub struct PyType {
    /// The metaclass; `None` means `type`.
    pub metaclass: Option<GcRef>,
    pub name: GcRef,
    pub qualname: GcRef,
    /// Tuple of the direct bases.
    pub bases: GcRef,
    /// Tuple: the C3 linearization, starting with this type.
    pub mro: GcRef,
    pub dict: Gc<PyDict>,
    /// Which built-in layout the instances have (`LAYOUT_*` in objects::typeobject).
    pub layout: i64,
    /// `TYPE_*` flags in objects::typeobject.
    pub flags: i64,
    /// The built-in type this one is or derives from, as `space` numbers them.
    pub builtin_index: i64,
    /// Names of the `__slots__` (tuple), or None: instance storage starts with them.
    pub slots: Option<GcRef>,
    /// Bumped whenever the type or a base changes (method caches key on it).
    pub version: i64,
}

/// A hidden class: the attribute names of instances that got the same attributes in the
/// same order share one map, so an instance stores only values (`storage[index]`).
/// `transitions` maps an added name to the next map.
#[gc_object]
pub struct PyMap {
    pub names: Gc<Items>,
    pub count: i64,
    pub transitions: Option<Gc<PyDict>>,
    /// The map this one extends (None for the empty map).
    pub parent: Option<Gc<PyMap>>,
}

/// An instance of a class whose layout is `object`'s (or a built-in value's, in `base`).
/// Attributes live in `storage` at the indices `map` gives; once `__dict__` is taken,
/// `dict` holds them instead (and `map` is unused).
#[gc_object]
pub struct PyInstance {
    pub cls: Gc<PyType>,
    pub map: Gc<PyMap>,
    pub storage: Gc<Items>,
    pub dict: Option<Gc<PyDict>>,
    /// The built-in value of an instance of a subclass of int, str, list, … .
    pub base: Option<GcRef>,
    /// `object.__hash__`'s value, fixed on first use (0 until then): the address cannot
    /// serve, as objects move.
    pub identity_hash: i64,
}

/// An exception object (instances of BaseException and its subclasses).
#[gc_object]
pub struct PyException {
    pub cls: Gc<PyType>,
    /// Tuple.
    pub args: GcRef,
    pub traceback: Option<GcRef>,
    pub cause: Option<GcRef>,
    pub context: Option<GcRef>,
    pub suppress_context: bool,
    pub dict: Option<Gc<PyDict>>,
}

#[gc_object]
pub struct PyTraceback {
    pub next: Option<Gc<PyTraceback>>,
    pub frame: Gc<PyFrame>,
    pub last_instruction: i64,
    pub line: i64,
}

#[gc_object]
pub struct PyModule {
    pub dict: Gc<PyDict>,
}

/// A generator, coroutine or async generator (`kind`): the suspended frame. It is running
/// while its frame's state is `FRAME_RUNNING`.
#[gc_object]
pub struct PyGenerator {
    pub frame: Gc<PyFrame>,
    pub kind: i64,
    pub name: GcRef,
    pub qualname: GcRef,
    /// The iterator a `yield from`/`await` is delegating to, while it runs.
    pub delegate: Option<GcRef>,
}

/// `property`, `staticmethod`, `classmethod` and other small wrappers: `kind` says which
/// (`WRAPPER_*` in objects::descriptors), the fields hold what that kind needs.
#[gc_object]
pub struct PyWrapper {
    pub kind: i64,
    pub first: Option<GcRef>,
    pub second: Option<GcRef>,
    pub third: Option<GcRef>,
    pub fourth: Option<GcRef>,
    pub dict: Option<Gc<PyDict>>,
}

/// An iterator over a built-in sequence or a lazy built-in (`kind` says which, see
/// objects::iterators): `source` is what it walks, `index`/`end`/`step` where it is.
#[gc_object]
pub struct PyIterator {
    pub kind: i64,
    pub source: Option<GcRef>,
    pub extra: Option<GcRef>,
    pub index: i64,
    pub end: i64,
    pub step: i64,
}
