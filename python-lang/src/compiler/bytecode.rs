//! Pyrite's wordcode: one `u32` per instruction, the opcode in the low 8 bits and the
//! argument in the high 24. Jump arguments are absolute instruction indices. The shapes
//! follow CPython 3.11's (a call is `callable, self-or-null, args…`; exceptions are
//! handled through an exception table rather than block-setup instructions), so what a
//! reader knows of `dis` output carries over.
//!
//! The compiler builds a [`CodeUnit`] (plain Rust data); `runtime::code` turns it into a
//! `PyCode` in the heap.

macro_rules! opcodes {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Op { $($(#[$doc])* $name,)* }

        pub const OP_NAMES: &[&str] = &[$(stringify!($name),)*];
        pub const OPS: &[Op] = &[$(Op::$name,)*];

        /// The opcodes as `u8` constants, for matching on a decoded instruction.
        #[allow(non_upper_case_globals, dead_code)]
        pub mod op {
            $(pub const $name: u8 = super::Op::$name as u8;)*
        }
    };
}

opcodes! {
    NOP,
    POP_TOP,
    /// Push a copy of the n-th item (1 = top).
    COPY,
    /// Swap the top with the n-th item.
    SWAP,
    PUSH_NULL,
    LOAD_CONST,
    LOAD_FAST,
    STORE_FAST,
    DELETE_FAST,
    /// Push the cell in slot n (for a closure).
    LOAD_CLOSURE,
    LOAD_DEREF,
    STORE_DEREF,
    DELETE_DEREF,
    /// In a class body: a free variable, looked up in the namespace first.
    LOAD_CLASSDEREF,
    LOAD_GLOBAL,
    STORE_GLOBAL,
    DELETE_GLOBAL,
    LOAD_NAME,
    STORE_NAME,
    DELETE_NAME,
    LOAD_ATTR,
    STORE_ATTR,
    DELETE_ATTR,
    /// obj -> method, obj  (or attribute, NULL)
    LOAD_METHOD,
    /// callable, self-or-null, n args -> result
    CALL,
    /// callable, self-or-null, n args (the last ones keyword), names tuple -> result
    CALL_KW,
    /// callable, null, args tuple[, kwargs dict] (arg & 1) -> result
    CALL_FUNCTION_EX,
    BINARY_OP,
    UNARY_NEGATIVE,
    UNARY_POSITIVE,
    UNARY_INVERT,
    UNARY_NOT,
    COMPARE_OP,
    IS_OP,
    CONTAINS_OP,
    BINARY_SUBSCR,
    STORE_SUBSCR,
    DELETE_SUBSCR,
    BUILD_TUPLE,
    BUILD_LIST,
    BUILD_SET,
    /// 2n items key, value, … -> dict
    BUILD_MAP,
    /// n values, keys tuple -> dict
    BUILD_CONST_KEY_MAP,
    BUILD_STRING,
    BUILD_SLICE,
    LIST_APPEND,
    SET_ADD,
    MAP_ADD,
    LIST_EXTEND,
    SET_UPDATE,
    DICT_UPDATE,
    DICT_MERGE,
    LIST_TO_TUPLE,
    UNPACK_SEQUENCE,
    /// arg = before | after << 8
    UNPACK_EX,
    /// arg & 3: conversion (0 none, 1 str, 2 repr, 3 ascii); arg & 4: a spec is on top
    FORMAT_VALUE,
    JUMP_FORWARD,
    JUMP_BACKWARD,
    POP_JUMP_IF_FALSE,
    POP_JUMP_IF_TRUE,
    POP_JUMP_IF_NONE,
    POP_JUMP_IF_NOT_NONE,
    JUMP_IF_FALSE_OR_POP,
    JUMP_IF_TRUE_OR_POP,
    GET_ITER,
    /// iterator -> iterator, next  (or jump, popping the iterator, when exhausted)
    FOR_ITER,
    RETURN_VALUE,
    /// arg: 1 defaults, 2 kwdefaults, 4 annotations, 8 closure; code on top
    MAKE_FUNCTION,
    LOAD_BUILD_CLASS,
    IMPORT_NAME,
    IMPORT_FROM,
    IMPORT_STAR,
    RAISE_VARARGS,
    /// Re-raise the exception on top (its traceback already has this frame).
    RERAISE,
    /// exc -> previous handled exception, exc (the frame now handles exc)
    PUSH_EXC_INFO,
    /// previous -> (the frame handles previous again)
    POP_EXCEPT,
    /// exc, type -> exc, bool
    CHECK_EXC_MATCH,
    /// eg, type -> rest, match (or eg, None)
    CHECK_EG_MATCH,
    /// Prepare an except* block's result: orig, list of raised -> exception to raise or None
    PREP_RERAISE_STAR,
    /// exit, previous, exc -> exit, previous, exc, exit(type, exc, tb)
    WITH_EXCEPT_START,
    /// manager -> exit, enter()
    BEFORE_WITH,
    BEFORE_ASYNC_WITH,
    YIELD_VALUE,
    /// receiver, value -> receiver, result  (jump with the return value when finished)
    SEND,
    GET_YIELD_FROM_ITER,
    GET_AWAITABLE,
    GET_AITER,
    GET_ANEXT,
    /// aiter, exc -> (StopAsyncIteration ends the loop)
    END_ASYNC_FOR,
    SETUP_ANNOTATIONS,
    LOAD_ASSERTION_ERROR,
    /// subject, type, names tuple -> subject, attributes tuple or None
    MATCH_CLASS,
    MATCH_MAPPING,
    MATCH_SEQUENCE,
    /// subject, keys -> subject, keys, values tuple or None
    MATCH_KEYS,
    GET_LEN,
    /// Print a value at the interactive prompt (sys.displayhook).
    PRINT_EXPR,
}

impl Op {
    pub fn from_u8(byte: u8) -> Option<Op> {
        OPS.get(byte as usize).copied()
    }

    pub fn name(self) -> &'static str {
        OP_NAMES[self as usize]
    }

    /// Whether the argument is an instruction index.
    pub fn is_jump(self) -> bool {
        matches!(
            self,
            Op::JUMP_FORWARD
                | Op::JUMP_BACKWARD
                | Op::POP_JUMP_IF_FALSE
                | Op::POP_JUMP_IF_TRUE
                | Op::POP_JUMP_IF_NONE
                | Op::POP_JUMP_IF_NOT_NONE
                | Op::JUMP_IF_FALSE_OR_POP
                | Op::JUMP_IF_TRUE_OR_POP
                | Op::FOR_ITER
                | Op::SEND
        )
    }

    /// Whether control never falls through to the next instruction.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Op::JUMP_FORWARD
                | Op::JUMP_BACKWARD
                | Op::RETURN_VALUE
                | Op::RAISE_VARARGS
                | Op::RERAISE
        )
    }
}

pub fn encode(op: Op, arg: u32) -> u32 {
    debug_assert!(arg < (1 << 24), "argument too large");
    op as u32 | (arg << 8)
}

pub fn decode(word: u32) -> (u8, u32) {
    ((word & 0xff) as u8, word >> 8)
}

/// The binary operators, as `BINARY_OP`'s argument (in-place forms add `INPLACE`).
pub mod binop {
    pub const ADD: u32 = 0;
    pub const SUB: u32 = 1;
    pub const MUL: u32 = 2;
    pub const MATMUL: u32 = 3;
    pub const TRUEDIV: u32 = 4;
    pub const FLOORDIV: u32 = 5;
    pub const MOD: u32 = 6;
    pub const POW: u32 = 7;
    pub const LSHIFT: u32 = 8;
    pub const RSHIFT: u32 = 9;
    pub const AND: u32 = 10;
    pub const OR: u32 = 11;
    pub const XOR: u32 = 12;
    pub const COUNT: u32 = 13;
    pub const INPLACE: u32 = 16;
    pub const SYMBOLS: [&str; 13] = [
        "+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "|", "^",
    ];
}

/// `COMPARE_OP`'s argument.
pub mod cmpop {
    pub const LT: u32 = 0;
    pub const LE: u32 = 1;
    pub const EQ: u32 = 2;
    pub const NE: u32 = 3;
    pub const GT: u32 = 4;
    pub const GE: u32 = 5;
    pub const SYMBOLS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];
}

/// `CodeUnit::flags`, CPython's values.
pub mod flags {
    pub const OPTIMIZED: i64 = 0x1;
    pub const NEWLOCALS: i64 = 0x2;
    pub const VARARGS: i64 = 0x4;
    pub const VARKEYWORDS: i64 = 0x8;
    pub const NESTED: i64 = 0x10;
    pub const GENERATOR: i64 = 0x20;
    pub const COROUTINE: i64 = 0x80;
    pub const ASYNC_GENERATOR: i64 = 0x200;
}

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    /// An integer literal beyond `i64`, in decimal.
    BigInt(String),
    Float(f64),
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    FrozenSet(Vec<Const>),
    Code(Box<CodeUnit>),
}

/// One entry of the exception table: an exception raised at an instruction in
/// `start..end` jumps to `handler` with the stack cut to `depth`, then the exception
/// pushed.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub depth: u32,
}

/// A compiled code object, before it is put in the heap.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CodeUnit {
    pub instructions: Vec<u32>,
    pub lines: Vec<i32>,
    /// The source byte range (start, end) of each instruction.
    pub positions: Vec<(u32, u32)>,
    pub exception_table: Vec<ExceptionEntry>,
    pub consts: Vec<Const>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    /// For each cell: the argument it starts as, if it is one.
    pub cell_from_arg: Vec<i32>,
    pub stack_size: u32,
    pub arg_count: u32,
    pub posonly_count: u32,
    pub kwonly_count: u32,
    pub flags: i64,
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub first_line: i32,
}
