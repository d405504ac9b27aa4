//! Jitcodes and the module that holds them.

use ferrite_gc::{GcRef, RootVec, Scalar};
use ferrite_trace::{Descr, Type};

use crate::liveness::Liveness;

/// A register bank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Int,
    Ref,
    Float,
}

impl Kind {
    /// The bank a value of this scalar's kind lives in.
    pub fn of_scalar(value: Scalar) -> Kind {
        Kind::of_type(Type::of_scalar(value))
    }

    /// The bank for values of a trace IR type.
    pub fn of_type(ty: Type) -> Kind {
        match ty {
            Type::Int => Kind::Int,
            Type::Ref => Kind::Ref,
            Type::Float => Kind::Float,
        }
    }

    /// The trace IR type of this bank's values.
    pub fn to_type(self) -> Type {
        match self {
            Kind::Int => Type::Int,
            Kind::Ref => Type::Ref,
            Kind::Float => Type::Float,
        }
    }

    pub fn letter(self) -> char {
        match self {
            Kind::Int => 'i',
            Kind::Ref => 'r',
            Kind::Float => 'f',
        }
    }

    /// The bank's number: 0, 1, 2 for int, ref, float (the order of register counts).
    pub fn index(self) -> usize {
        match self {
            Kind::Int => 0,
            Kind::Ref => 1,
            Kind::Float => 2,
        }
    }
}

/// What a `d` operand refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum JitDescr {
    /// A GC field, array or size, as the trace IR names them.
    Heap(Descr),
    /// Another jitcode of the module, by index.
    JitCode(usize),
    /// A `switch` table: value to code offset.
    Switch(Vec<(i64, u16)>),
    /// A JIT driver, by number; at its merge point also which red is its virtualizable
    /// (by place among the reference reds).
    Driver {
        number: u16,
        virtualizable: Option<u8>,
    },
}

/// One function of an interpreter, as jitcode.
pub struct JitCode {
    pub name: String,
    pub code: Vec<u8>,
    /// Registers per bank (int, ref, float), not counting constants.
    pub register_counts: [u8; 3],
    /// Constants, addressed as registers `register_counts[bank]..` of their bank.
    pub int_constants: Vec<i64>,
    pub float_constants: Vec<f64>,
    /// Reference constants (rooted, so they stay alive and are updated if moved).
    pub ref_constants: RootVec<Option<GcRef>>,
    pub descrs: Vec<JitDescr>,
    /// The registers the arguments arrive in, in order.
    pub params: Vec<(Kind, u8)>,
    /// Computed on first use (by the tracer, for resume data).
    pub(crate) liveness: std::sync::OnceLock<Liveness>,
}

impl JitCode {
    /// The registers live at each instruction.
    pub fn liveness(&self) -> &Liveness {
        self.liveness.get_or_init(|| Liveness::of(self))
    }

    /// Registers plus constants of a bank: the size of a frame's register file for it.
    pub fn bank_size(&self, kind: Kind) -> usize {
        self.register_counts[kind.index()] as usize
            + match kind {
                Kind::Int => self.int_constants.len(),
                Kind::Ref => self.ref_constants.len(),
                Kind::Float => self.float_constants.len(),
            }
    }
}

/// The jitcodes of an interpreter, which call each other by index.
#[derive(Default)]
pub struct JitModule {
    pub codes: Vec<JitCode>,
}

impl JitModule {
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.codes.iter().position(|c| c.name == name)
    }
}
