//! Hashable keys for operands and operations. `Operand` holds floats, so it is neither
//! `Eq` nor `Hash`; the optimizer's tables key on the bits instead (floats by bit pattern,
//! which is also how `Operand`'s equality compares them).

use ferrite_trace::{Descr, Opcode, Operand};

/// An operand as a hashable value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OperandKey {
    Value(u32),
    Int(i64),
    Float(u64),
    Ref(u32),
    Null,
}

impl OperandKey {
    pub fn of(operand: Operand) -> Self {
        match operand {
            Operand::Value(value) => OperandKey::Value(value.0),
            Operand::Int(v) => OperandKey::Int(v),
            Operand::Float(v) => OperandKey::Float(v.to_bits()),
            Operand::Ref(index) => OperandKey::Ref(index),
            Operand::Null => OperandKey::Null,
        }
    }

    /// Whether this is a constant (not a value of the trace).
    pub fn is_constant(self) -> bool {
        !matches!(self, OperandKey::Value(_))
    }
}

/// An operation without side effects, as a key: two with equal keys compute the same value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OpKey {
    opcode: Opcode,
    args: Vec<OperandKey>,
    descr: Option<Descr>,
}

impl OpKey {
    pub fn new(opcode: Opcode, args: &[Operand], descr: Option<Descr>) -> Self {
        let mut args: Vec<OperandKey> = args.iter().map(|&a| OperandKey::of(a)).collect();
        // `a + b` and `b + a` are one computation (not for floats: x86 propagates the first
        // operand's NaN payload).
        if is_commutative(opcode) {
            args.sort();
        }
        OpKey {
            opcode,
            args,
            descr,
        }
    }
}

fn is_commutative(opcode: Opcode) -> bool {
    matches!(
        opcode,
        Opcode::IntAdd
            | Opcode::IntMul
            | Opcode::IntAnd
            | Opcode::IntOr
            | Opcode::IntXor
            | Opcode::IntEq
            | Opcode::IntNe
            | Opcode::PtrEq
            | Opcode::PtrNe
    )
}
