//! The jitcode instruction set: one table of `name/argcodes` strings, as in RPython's
//! codewriter. Argument codes:
//!
//! | code | operand | encoding |
//! | --- | --- | --- |
//! | `i` `r` `f` | an integer, reference or float register (or constant) | 1 byte |
//! | `L` | a label (code offset) | 2 bytes, little-endian |
//! | `d` | a descriptor (index into the jitcode's descriptor table) | 2 bytes |
//! | `I` `R` `F` | a list of registers of one kind | 1 byte count, then 1 byte each |
//! | `>i` `>r` `>f` | the result register, after `>` | 1 byte |
//!
//! Registers of a bank are numbered from 0; numbers from the bank's register count on name
//! the jitcode's constants of that bank, so an operand can be a constant without a separate
//! instruction form.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Kind;

/// The instruction table: `name/argcodes`. The opcode of an instruction is its index.
pub static INSTRUCTIONS: &[&str] = &[
    // Integer arithmetic and comparisons (wrapping; shifts count modulo 64).
    "int_add/ii>i",
    "int_sub/ii>i",
    "int_mul/ii>i",
    "int_and/ii>i",
    "int_or/ii>i",
    "int_xor/ii>i",
    "int_lshift/ii>i",
    "int_rshift/ii>i",
    "uint_rshift/ii>i",
    "int_neg/i>i",
    "int_invert/i>i",
    "int_lt/ii>i",
    "int_le/ii>i",
    "int_eq/ii>i",
    "int_ne/ii>i",
    "int_gt/ii>i",
    "int_ge/ii>i",
    "uint_lt/ii>i",
    "uint_le/ii>i",
    "uint_gt/ii>i",
    "uint_ge/ii>i",
    "int_is_zero/i>i",
    "int_is_true/i>i",
    // Checked arithmetic: on overflow, jump to the label instead (the result is unset).
    "int_add_jump_if_ovf/Lii>i",
    "int_sub_jump_if_ovf/Lii>i",
    "int_mul_jump_if_ovf/Lii>i",
    // Floats.
    "float_add/ff>f",
    "float_sub/ff>f",
    "float_mul/ff>f",
    "float_truediv/ff>f",
    "float_neg/f>f",
    "float_abs/f>f",
    "float_lt/ff>i",
    "float_le/ff>i",
    "float_eq/ff>i",
    "float_ne/ff>i",
    "float_gt/ff>i",
    "float_ge/ff>i",
    "cast_float_to_int/f>i",
    "cast_int_to_float/i>f",
    // References.
    "ptr_eq/rr>i",
    "ptr_ne/rr>i",
    "ptr_iszero/r>i",
    "ptr_nonzero/r>i",
    // Copies between registers of one bank.
    "int_copy/i>i",
    "ref_copy/r>r",
    "float_copy/f>f",
    // Control flow.
    "goto/L",
    "goto_if_not/iL",
    "switch/id",
    "int_return/i",
    "ref_return/r",
    "float_return/f",
    "void_return/",
    // The GC heap, through ferrite-gc descriptors.
    "getfield_gc_i/rd>i",
    "getfield_gc_r/rd>r",
    "getfield_gc_f/rd>f",
    "setfield_gc_i/rid",
    "setfield_gc_r/rrd",
    "setfield_gc_f/rfd",
    "arraylen_gc/rd>i",
    "getarrayitem_gc_i/rid>i",
    "getarrayitem_gc_r/rid>r",
    "getarrayitem_gc_f/rid>f",
    "setarrayitem_gc_i/riid",
    "setarrayitem_gc_r/rird",
    "setarrayitem_gc_f/rifd",
    "new/d>r",
    "new_array/id>r",
    // Calls of other jitcodes (traced through by the tracer): callee, then its arguments by
    // kind, in the order of its parameters of each kind.
    "inline_call_v/dIRF",
    "inline_call_i/dIRF>i",
    "inline_call_r/dIRF>r",
    "inline_call_f/dIRF>f",
    // Calls of registered functions the tracer does not trace through (`ferrite_trace::calls`):
    // target, then the arguments by kind, in the order of the target's arguments.
    "residual_call_v/dIRF",
    "residual_call_i/dIRF>i",
    "residual_call_r/dIRF>r",
    "residual_call_f/dIRF>f",
    // Exceptions. `raise` raises the object in its register. An instruction that can raise
    // (`raise`, a call) may be followed by `catch_exception L`: if it raised, execution goes
    // to `L` (the handler), where `last_exc_value` gives the exception; otherwise
    // `catch_exception` does nothing. Without a handler the exception leaves the frame and
    // is raised again at the caller's call instruction. A handler reads `last_exc_value` as
    // its first instruction, if at all (resume data does not carry the caught exception).
    "raise/r",
    "catch_exception/L",
    "last_exc_value/>r",
    // Hints. `-live-` lists the registers live at a point where a guard may be taken (the
    // tracer's resume data); `jit_merge_point` names the driver and passes the greens and
    // reds; `loop_header` is `can_enter_jit`; the `*_guard_value`s are `promote`; the class
    // hints follow.
    "-live-/IRF",
    "jit_merge_point/dIRFIRF",
    "loop_header/d",
    "int_guard_value/i",
    // `guard_class r -> i`: the class (GC type id) of the non-null object in `r`, which the
    // tracer makes a constant behind a `guard_gc_type`; `record_exact_class r, i` promises
    // that `r`'s class is the constant `i`, so no guard is needed for it.
    "guard_class/r>i",
    "record_exact_class/ri",
    "ref_guard_value/r",
    "float_guard_value/f",
];

/// One decoded argument code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgCode {
    Int,
    Ref,
    Float,
    Label,
    Descr,
    IntList,
    RefList,
    FloatList,
}

impl ArgCode {
    /// The register bank of a register or register-list code.
    pub fn kind(self) -> Option<Kind> {
        match self {
            ArgCode::Int | ArgCode::IntList => Some(Kind::Int),
            ArgCode::Ref | ArgCode::RefList => Some(Kind::Ref),
            ArgCode::Float | ArgCode::FloatList => Some(Kind::Float),
            ArgCode::Label | ArgCode::Descr => None,
        }
    }
}

/// An instruction's name and signature.
#[derive(Debug)]
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<ArgCode>,
    /// The bank of the result register, if any.
    pub result: Option<ArgCode>,
}

fn decode(entry: &'static str) -> Signature {
    let (name, codes) = entry.rsplit_once('/').expect("name/argcodes");
    let (args, result) = match codes.split_once('>') {
        Some((args, result)) => (args, Some(result)),
        None => (codes, None),
    };
    let code = |c: char| match c {
        'i' => ArgCode::Int,
        'r' => ArgCode::Ref,
        'f' => ArgCode::Float,
        'L' => ArgCode::Label,
        'd' => ArgCode::Descr,
        'I' => ArgCode::IntList,
        'R' => ArgCode::RefList,
        'F' => ArgCode::FloatList,
        other => panic!("bad argcode {other} in {entry}"),
    };
    Signature {
        name,
        args: args.chars().map(code).collect(),
        result: result.map(|r| code(r.chars().next().expect("result kind"))),
    }
}

struct Table {
    signatures: Vec<Signature>,
    by_name: HashMap<&'static str, u8>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        assert!(INSTRUCTIONS.len() <= 256, "opcodes are one byte");
        let signatures: Vec<Signature> = INSTRUCTIONS.iter().map(|e| decode(e)).collect();
        assert!(
            signatures.iter().all(|s| s.args.len() <= MAX_OPERANDS),
            "an instruction has more operands than a decoded instruction holds"
        );
        let by_name = signatures
            .iter()
            .enumerate()
            .map(|(opcode, s)| (s.name, opcode as u8))
            .collect();
        Table {
            signatures,
            by_name,
        }
    })
}

/// The most operands an instruction has (`jit_merge_point`'s descriptor and six lists).
pub const MAX_OPERANDS: usize = 7;

/// The signature of `opcode`, if it is one.
pub fn signature(opcode: u8) -> Option<&'static Signature> {
    table().signatures.get(opcode as usize)
}

/// The opcode of the instruction called `name`.
pub fn opcode(name: &str) -> Option<u8> {
    table().by_name.get(name).copied()
}
