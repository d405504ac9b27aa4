// dynasm!'s expansion converts register numbers with `.into()`, even from `u8`.
#![allow(clippy::useless_conversion)]

//! Integer arithmetic and comparisons, selected for where the allocator put the values: an
//! operation whose result has a register computes in it (`mov dst, a; add dst, b`, with
//! `b` an immediate when it fits) instead of going through the scratch registers, and a
//! comparison whose only use is the guard right after it becomes `cmp` and a conditional
//! jump to the guard's exit (the exit stores the comparison's value, which a failing guard
//! knows, if its fail arguments hold it).

use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi};
use ferrite_trace::{Op, Opcode, Operand, ValueId};

use super::{fits_i32, Emitter};
use crate::regalloc::{Location, R11, RCX};

/// An x86 condition code, as the comparisons use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Condition {
    Less,
    LessEqual,
    Equal,
    NotEqual,
    Greater,
    GreaterEqual,
    Below,
    BelowEqual,
    Above,
    AboveEqual,
}

impl Condition {
    pub(super) fn of(opcode: Opcode) -> Option<Condition> {
        Some(match opcode {
            Opcode::IntLt => Condition::Less,
            Opcode::IntLe => Condition::LessEqual,
            Opcode::IntEq | Opcode::PtrEq => Condition::Equal,
            Opcode::IntNe | Opcode::PtrNe => Condition::NotEqual,
            Opcode::IntGt => Condition::Greater,
            Opcode::IntGe => Condition::GreaterEqual,
            Opcode::UintLt => Condition::Below,
            Opcode::UintLe => Condition::BelowEqual,
            Opcode::UintGt => Condition::Above,
            Opcode::UintGe => Condition::AboveEqual,
            _ => return None,
        })
    }

    fn negated(self) -> Condition {
        use Condition::*;
        match self {
            Less => GreaterEqual,
            LessEqual => Greater,
            Equal => NotEqual,
            NotEqual => Equal,
            Greater => LessEqual,
            GreaterEqual => Less,
            Below => AboveEqual,
            BelowEqual => Above,
            Above => BelowEqual,
            AboveEqual => Below,
        }
    }
}

fn immediate(operand: Operand) -> Option<i32> {
    match operand {
        Operand::Int(v) if fits_i32(v) => Some(v as i32),
        _ => None,
    }
}

impl<'t, 'a> Emitter<'t, 'a> {
    /// The general register `operand` lives in, if it is a value in one.
    pub(super) fn register_of(&self, operand: Operand) -> Option<u8> {
        match operand {
            Operand::Value(value) => match self.location(value) {
                Location::Gpr(register) => Some(register),
                _ => None,
            },
            _ => None,
        }
    }

    /// `operand` in a general register: its own, or `scratch` loaded with it.
    pub(super) fn in_register(&mut self, operand: Operand, scratch: u8) -> u8 {
        match self.register_of(operand) {
            Some(register) => register,
            None => {
                self.load_gpr(operand, scratch);
                scratch
            }
        }
    }

    /// `add`/`sub`/`imul`/`and`/`or`/`xor` (and the overflow-checking forms, whose flags
    /// the last instruction leaves for the guard).
    pub(super) fn binary(&mut self, op: &Op<'a>) {
        let result = op.result.expect("arithmetic has a result");
        let (a, b) = (op.args[0], op.args[1]);
        let target = self.register_of(Operand::Value(result));
        // Straight into the result's register, unless that register holds `b` (which
        // `mov dst, a` would overwrite).
        let dst = match target {
            Some(dst) if self.register_of(b) != Some(dst) => dst,
            _ => R11,
        };
        self.load_gpr(a, dst);
        match immediate(b) {
            Some(imm) => match op.opcode {
                Opcode::IntAdd | Opcode::IntAddOvf => {
                    dynasm!(self.asm ; .arch x64 ; add Rq(dst), imm)
                }
                Opcode::IntSub | Opcode::IntSubOvf => {
                    dynasm!(self.asm ; .arch x64 ; sub Rq(dst), imm)
                }
                Opcode::IntMul | Opcode::IntMulOvf => {
                    dynasm!(self.asm ; .arch x64 ; imul Rq(dst), Rq(dst), imm)
                }
                Opcode::IntAnd => dynasm!(self.asm ; .arch x64 ; and Rq(dst), imm),
                Opcode::IntOr => dynasm!(self.asm ; .arch x64 ; or Rq(dst), imm),
                _ => dynasm!(self.asm ; .arch x64 ; xor Rq(dst), imm),
            },
            None => {
                let src = self.in_register(b, RCX);
                match op.opcode {
                    Opcode::IntAdd | Opcode::IntAddOvf => {
                        dynasm!(self.asm ; .arch x64 ; add Rq(dst), Rq(src))
                    }
                    Opcode::IntSub | Opcode::IntSubOvf => {
                        dynasm!(self.asm ; .arch x64 ; sub Rq(dst), Rq(src))
                    }
                    Opcode::IntMul | Opcode::IntMulOvf => {
                        dynasm!(self.asm ; .arch x64 ; imul Rq(dst), Rq(src))
                    }
                    Opcode::IntAnd => dynasm!(self.asm ; .arch x64 ; and Rq(dst), Rq(src)),
                    Opcode::IntOr => dynasm!(self.asm ; .arch x64 ; or Rq(dst), Rq(src)),
                    _ => dynasm!(self.asm ; .arch x64 ; xor Rq(dst), Rq(src)),
                }
            }
        }
        if dst == R11 {
            // `mov` leaves the flags alone, so an overflow guard can follow.
            self.store_gpr(R11, result);
        }
    }

    /// `cmp a, b` for an integer or pointer comparison.
    fn compare(&mut self, a: Operand, b: Operand) {
        let left = self.in_register(a, R11);
        match immediate(b) {
            Some(imm) => dynasm!(self.asm ; .arch x64 ; cmp Rq(left), imm),
            None => {
                let right = self.in_register(b, RCX);
                dynasm!(self.asm ; .arch x64 ; cmp Rq(left), Rq(right));
            }
        }
    }

    /// A comparison at `index`: fused with the guard after it if that guard is its only
    /// use (returns true: the guard is emitted), else computed as 0 or 1.
    pub(super) fn comparison(&mut self, index: usize, op: &Op<'a>) -> bool {
        let result = op.result.expect("comparisons have results");
        let condition = Condition::of(op.opcode).expect("an integer comparison");
        self.compare(op.args[0], op.args[1]);
        if let Some(guard) = self.fusable_guard(index, result) {
            let guard_op = &self.trace.ops()[guard];
            // The guard fails when the condition is false (guard_true) or true
            // (guard_false); the exit then knows the comparison's value.
            let (fails_if, known) = if guard_op.opcode == Opcode::GuardTrue {
                (condition.negated(), 0)
            } else {
                (condition, 1)
            };
            let stub = self.exit_stub_knowing(
                super::ExitKind::Guard(guard),
                guard_op.fail_args,
                Some((result, known)),
            );
            self.jump_if(fails_if, stub);
            return true;
        }
        match condition {
            Condition::Less => dynasm!(self.asm ; .arch x64 ; setl r11b),
            Condition::LessEqual => dynasm!(self.asm ; .arch x64 ; setle r11b),
            Condition::Equal => dynasm!(self.asm ; .arch x64 ; sete r11b),
            Condition::NotEqual => dynasm!(self.asm ; .arch x64 ; setne r11b),
            Condition::Greater => dynasm!(self.asm ; .arch x64 ; setg r11b),
            Condition::GreaterEqual => dynasm!(self.asm ; .arch x64 ; setge r11b),
            Condition::Below => dynasm!(self.asm ; .arch x64 ; setb r11b),
            Condition::BelowEqual => dynasm!(self.asm ; .arch x64 ; setbe r11b),
            Condition::Above => dynasm!(self.asm ; .arch x64 ; seta r11b),
            Condition::AboveEqual => dynasm!(self.asm ; .arch x64 ; setae r11b),
        }
        self.store_flag(result);
        false
    }

    /// The guard right after `index` if it tests `result` and nothing else reads `result`
    /// except that guard's fail arguments.
    fn fusable_guard(&self, index: usize, result: ValueId) -> Option<usize> {
        let next = self.trace.ops().get(index + 1)?;
        let tests_result = matches!(next.opcode, Opcode::GuardTrue | Opcode::GuardFalse)
            && next.args[0] == Operand::Value(result);
        let in_fail_args = next
            .fail_args
            .iter()
            .filter(|&&a| a == Operand::Value(result))
            .count() as u32;
        (tests_result && self.uses[result.0 as usize] == 1 + in_fail_args).then_some(index + 1)
    }

    fn jump_if(&mut self, condition: Condition, target: DynamicLabel) {
        match condition {
            Condition::Less => dynasm!(self.asm ; .arch x64 ; jl =>target),
            Condition::LessEqual => dynasm!(self.asm ; .arch x64 ; jle =>target),
            Condition::Equal => dynasm!(self.asm ; .arch x64 ; je =>target),
            Condition::NotEqual => dynasm!(self.asm ; .arch x64 ; jne =>target),
            Condition::Greater => dynasm!(self.asm ; .arch x64 ; jg =>target),
            Condition::GreaterEqual => dynasm!(self.asm ; .arch x64 ; jge =>target),
            Condition::Below => dynasm!(self.asm ; .arch x64 ; jb =>target),
            Condition::BelowEqual => dynasm!(self.asm ; .arch x64 ; jbe =>target),
            Condition::Above => dynasm!(self.asm ; .arch x64 ; ja =>target),
            Condition::AboveEqual => dynasm!(self.asm ; .arch x64 ; jae =>target),
        }
    }
}
