//! The operations of the trace IR and what each one takes and gives.
//!
//! Names follow PyPy's resoperations, in lower case, with the result type as a suffix where
//! an operation exists for several (`getfield_gc_i/_r/_f`). One table, `OPCODES`, holds each
//! operation's name, argument types, result, descriptor kind and class; everything else
//! (the validator, the text form, the executor's dispatch, later the optimizer and backend)
//! reads it rather than repeating it.
//!
//! Semantics that machines disagree on are fixed here, so that the reference executor and
//! the backend can be compared exactly:
//! - integers are 64-bit two's complement and wrap; `*_ovf` operations also set the overflow
//!   flag, which the guard that must follow them reads;
//! - shift counts are taken modulo 64 (x86's rule);
//! - `cast_float_to_int` truncates toward zero and gives `i64::MIN` for NaN and out-of-range
//!   values (what `cvttsd2si` does);
//! - float comparisons are IEEE (false with NaN, except `float_ne`); `guard_value` on floats
//!   compares bit patterns;
//! - a call whose target can raise must be directly followed by `guard_no_exception` or
//!   `guard_exception`. When `guard_no_exception` fails, the values it leaves with end with
//!   the exception object (a bridge attached to it takes that as its last input).
//!   `guard_exception` fails when the call did *not* raise, and must be directly followed by
//!   `save_exception`, which takes the raised exception as its result.

use crate::Type;

/// What an operation's arguments must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Args {
    /// Exactly these types. `None` stands for "the type the descriptor says" (the value of a
    /// `setfield_gc`/`setarrayitem_gc`) or, for `guard_value`, "the first argument's type".
    Fixed(&'static [Option<Type>]),
    /// Any number of any type (`label`, `jump`, `finish`).
    Variadic,
}

/// The descriptor an operation carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DescrKind {
    None,
    /// A field of a fixed-size GC type.
    Field,
    /// An array (or byte-string) GC type.
    Array,
    /// A fixed-size GC type, for allocation.
    Size,
    /// A registered call target.
    Call,
}

/// What an operation does, as the validator and optimizer care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// No side effects, result depends only on the arguments: foldable and removable.
    Pure,
    /// Pure, and sets the overflow flag read by the guard that must follow.
    Overflow,
    /// Reads the heap.
    HeapRead,
    /// Writes the heap.
    HeapWrite,
    /// Allocates (and may collect).
    Allocation,
    /// Calls out of the trace: a registered function (which may allocate, collect, write
    /// the heap), or the runtime (`save_exception`).
    Call,
    /// Leaves the trace when its condition does not hold; carries fail arguments.
    Guard,
    /// `label`, `jump`, `finish`.
    Control,
}

#[derive(Clone, Copy, Debug)]
pub struct OpInfo {
    pub name: &'static str,
    pub args: Args,
    pub result: Option<Type>,
    pub descr: DescrKind,
    pub class: Class,
}

macro_rules! opcodes {
    ($($variant:ident = $name:literal, $args:expr, $result:expr, $descr:ident, $class:ident;)*) => {
        /// An operation of the trace IR.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Opcode {
            $($variant,)*
        }

        /// Every operation's description, indexed by `Opcode as usize`.
        pub static OPCODES: &[OpInfo] = &[
            $(OpInfo {
                name: $name,
                args: $args,
                result: $result,
                descr: DescrKind::$descr,
                class: Class::$class,
            },)*
        ];

        /// Every opcode, in table order.
        pub static ALL_OPCODES: &[Opcode] = &[$(Opcode::$variant,)*];
    };
}

const I: Option<Type> = Some(Type::Int);
const R: Option<Type> = Some(Type::Ref);
const F: Option<Type> = Some(Type::Float);
const ANY: Option<Type> = None;

const NONE: Args = Args::Fixed(&[]);
const II: Args = Args::Fixed(&[I, I]);
const ONE_I: Args = Args::Fixed(&[I]);
const FF: Args = Args::Fixed(&[F, F]);
const ONE_F: Args = Args::Fixed(&[F]);
const RR: Args = Args::Fixed(&[R, R]);
const ONE_R: Args = Args::Fixed(&[R]);

opcodes! {
    Label = "label", Args::Variadic, None, None, Control;
    Jump = "jump", Args::Variadic, None, None, Control;
    Finish = "finish", Args::Variadic, None, None, Control;

    GuardTrue = "guard_true", ONE_I, None, None, Guard;
    GuardFalse = "guard_false", ONE_I, None, None, Guard;
    GuardValue = "guard_value", Args::Fixed(&[ANY, ANY]), None, None, Guard;
    GuardGcType = "guard_gc_type", Args::Fixed(&[R, I]), None, None, Guard;
    GuardNonnull = "guard_nonnull", ONE_R, None, None, Guard;
    GuardIsnull = "guard_isnull", ONE_R, None, None, Guard;
    GuardNoOverflow = "guard_no_overflow", NONE, None, None, Guard;
    GuardOverflow = "guard_overflow", NONE, None, None, Guard;
    GuardNoException = "guard_no_exception", NONE, None, None, Guard;
    GuardException = "guard_exception", NONE, None, None, Guard;
    // The trace relied on quasi-immutable fields; their watch cell (a one-byte array) must
    // still be 0.
    GuardNotInvalidated = "guard_not_invalidated", ONE_R, None, None, Guard;

    IntAdd = "int_add", II, I, None, Pure;
    IntSub = "int_sub", II, I, None, Pure;
    IntMul = "int_mul", II, I, None, Pure;
    IntAnd = "int_and", II, I, None, Pure;
    IntOr = "int_or", II, I, None, Pure;
    IntXor = "int_xor", II, I, None, Pure;
    IntLshift = "int_lshift", II, I, None, Pure;
    IntRshift = "int_rshift", II, I, None, Pure;
    UintRshift = "uint_rshift", II, I, None, Pure;
    IntNeg = "int_neg", ONE_I, I, None, Pure;
    IntInvert = "int_invert", ONE_I, I, None, Pure;
    IntLt = "int_lt", II, I, None, Pure;
    IntLe = "int_le", II, I, None, Pure;
    IntEq = "int_eq", II, I, None, Pure;
    IntNe = "int_ne", II, I, None, Pure;
    IntGt = "int_gt", II, I, None, Pure;
    IntGe = "int_ge", II, I, None, Pure;
    UintLt = "uint_lt", II, I, None, Pure;
    UintLe = "uint_le", II, I, None, Pure;
    UintGt = "uint_gt", II, I, None, Pure;
    UintGe = "uint_ge", II, I, None, Pure;
    IntIsZero = "int_is_zero", ONE_I, I, None, Pure;
    IntIsTrue = "int_is_true", ONE_I, I, None, Pure;
    IntAddOvf = "int_add_ovf", II, I, None, Overflow;
    IntSubOvf = "int_sub_ovf", II, I, None, Overflow;
    IntMulOvf = "int_mul_ovf", II, I, None, Overflow;

    FloatAdd = "float_add", FF, F, None, Pure;
    FloatSub = "float_sub", FF, F, None, Pure;
    FloatMul = "float_mul", FF, F, None, Pure;
    FloatTruediv = "float_truediv", FF, F, None, Pure;
    FloatNeg = "float_neg", ONE_F, F, None, Pure;
    FloatAbs = "float_abs", ONE_F, F, None, Pure;
    FloatLt = "float_lt", FF, I, None, Pure;
    FloatLe = "float_le", FF, I, None, Pure;
    FloatEq = "float_eq", FF, I, None, Pure;
    FloatNe = "float_ne", FF, I, None, Pure;
    FloatGt = "float_gt", FF, I, None, Pure;
    FloatGe = "float_ge", FF, I, None, Pure;
    CastFloatToInt = "cast_float_to_int", ONE_F, I, None, Pure;
    CastIntToFloat = "cast_int_to_float", ONE_I, F, None, Pure;

    PtrEq = "ptr_eq", RR, I, None, Pure;
    PtrNe = "ptr_ne", RR, I, None, Pure;
    SameAsI = "same_as_i", ONE_I, I, None, Pure;
    SameAsR = "same_as_r", ONE_R, R, None, Pure;
    SameAsF = "same_as_f", ONE_F, F, None, Pure;

    GetfieldGcI = "getfield_gc_i", ONE_R, I, Field, HeapRead;
    GetfieldGcR = "getfield_gc_r", ONE_R, R, Field, HeapRead;
    GetfieldGcF = "getfield_gc_f", ONE_R, F, Field, HeapRead;
    SetfieldGc = "setfield_gc", Args::Fixed(&[R, ANY]), None, Field, HeapWrite;
    ArraylenGc = "arraylen_gc", ONE_R, I, Array, HeapRead;
    GetarrayitemGcI = "getarrayitem_gc_i", Args::Fixed(&[R, I]), I, Array, HeapRead;
    GetarrayitemGcR = "getarrayitem_gc_r", Args::Fixed(&[R, I]), R, Array, HeapRead;
    GetarrayitemGcF = "getarrayitem_gc_f", Args::Fixed(&[R, I]), F, Array, HeapRead;
    SetarrayitemGc = "setarrayitem_gc", Args::Fixed(&[R, I, ANY]), None, Array, HeapWrite;
    New = "new", NONE, R, Size, Allocation;
    NewArray = "new_array", ONE_I, R, Array, Allocation;

    CallI = "call_i", Args::Variadic, I, Call, Call;
    CallR = "call_r", Args::Variadic, R, Call, Call;
    CallF = "call_f", Args::Variadic, F, Call, Call;
    CallN = "call_n", Args::Variadic, None, Call, Call;
    SaveException = "save_exception", NONE, R, None, Call;
}

impl Opcode {
    #[inline]
    pub fn info(self) -> &'static OpInfo {
        &OPCODES[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn from_name(name: &str) -> Option<Opcode> {
        ALL_OPCODES.iter().copied().find(|op| op.name() == name)
    }

    pub fn is_guard(self) -> bool {
        self.info().class == Class::Guard
    }

    pub fn result(self) -> Option<Type> {
        self.info().result
    }
}
