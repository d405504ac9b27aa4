//! Which registers are live at each instruction of a jitcode: read on some path from there
//! before being written. A guard's resume data needs only these; the others are rebuilt as
//! zero. RPython's codewriter computes the same sets and writes them into the code as
//! `-live-` markers; here they are computed from the code itself, once per jitcode, so
//! hand-written jitcode cannot get them wrong (`-live-` stays a hint the analysis reads as a
//! use of its registers).

use crate::code::{JitCode, JitDescr};
use crate::opcodes::{self, ArgCode};
use crate::text::{decode, Operand};

/// A set of register numbers of one bank.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RegisterSet([u64; 4]);

impl RegisterSet {
    pub fn contains(&self, register: u8) -> bool {
        self.0[register as usize / 64] & (1 << (register % 64)) != 0
    }

    fn insert(&mut self, register: u8) {
        self.0[register as usize / 64] |= 1 << (register % 64);
    }

    fn remove(&mut self, register: u8) {
        self.0[register as usize / 64] &= !(1 << (register % 64));
    }

    fn union(&mut self, other: &RegisterSet) {
        for (word, other) in self.0.iter_mut().zip(other.0) {
            *word |= other;
        }
    }
}

/// The registers live on entry to an instruction, by bank (int, ref, float).
pub type Live = [RegisterSet; 3];

/// The live registers at every instruction of one jitcode.
#[derive(Debug)]
pub struct Liveness {
    /// Instruction offsets, ascending, and the registers live on entry to each.
    entries: Vec<(usize, Live)>,
}

impl Liveness {
    /// The registers live on entry to the instruction at `pc`, if one starts there.
    pub fn at(&self, pc: usize) -> Option<&Live> {
        let index = self.entries.binary_search_by_key(&pc, |e| e.0).ok()?;
        Some(&self.entries[index].1)
    }

    /// Compute the liveness of `code` (a backward data-flow analysis to a fixed point).
    pub fn of(code: &JitCode) -> Liveness {
        let catch = opcodes::opcode("catch_exception").expect("in the table");
        // Each instruction's uses, definition and successors.
        let mut instructions = Vec::new();
        let mut pc = 0;
        while pc < code.code.len() {
            let decoded = decode(&code.code, pc);
            let signature = opcodes::signature(decoded.opcode).expect("valid");
            let mut uses = Live::default();
            let mut targets = Vec::new();
            // Constants are numbered after the registers: never dead, never in resume data.
            let mut read = |arg: ArgCode, register: u8| {
                let bank = bank(arg);
                if register < code.register_counts[bank] {
                    uses[bank].insert(register);
                }
            };
            for (operand, &arg) in decoded.operands().iter().zip(&signature.args) {
                match *operand {
                    Operand::Register(register) => read(arg, register),
                    Operand::List(registers) => {
                        for &register in registers {
                            read(arg, register);
                        }
                    }
                    Operand::Label(target) => targets.push(target as usize),
                    Operand::Descr(index) => {
                        if let JitDescr::Switch(cases) = &code.descrs[index as usize] {
                            targets.extend(cases.iter().map(|&(_, target)| target as usize));
                        }
                    }
                }
            }
            let definition = decoded
                .result
                .zip(signature.result)
                .map(|(r, arg)| (bank(arg), r));
            let falls_through = !matches!(
                signature.name,
                "goto" | "int_return" | "ref_return" | "float_return" | "void_return" | "raise"
            ) && decoded.next < code.code.len();
            // An instruction followed by a handler can also continue there, having raised
            // without writing its result.
            let handler = (decoded.next < code.code.len())
                .then(|| decode(&code.code, decoded.next))
                .filter(|next| next.opcode == catch)
                .and_then(|next| match next.operands() {
                    [Operand::Label(target)] => Some(*target as usize),
                    _ => None,
                });
            instructions.push(Instruction {
                pc,
                uses,
                definition,
                next: falls_through.then_some(decoded.next),
                targets,
                handler,
            });
            pc = decoded.next;
        }
        let index_of = |pc: usize| {
            instructions
                .binary_search_by_key(&pc, |i: &Instruction| i.pc)
                .expect("jumps go to instruction starts")
        };
        let successors: Vec<(Option<usize>, Vec<usize>, Option<usize>)> = instructions
            .iter()
            .map(|i| {
                (
                    i.next.map(index_of),
                    i.targets.iter().map(|&t| index_of(t)).collect(),
                    i.handler.map(index_of),
                )
            })
            .collect();
        let mut live = vec![Live::default(); instructions.len()];
        let mut changed = true;
        while changed {
            changed = false;
            for index in (0..instructions.len()).rev() {
                let instruction = &instructions[index];
                let (next, targets, handler) = &successors[index];
                // Live after: the fall-through's live registers, less the result (written on
                // that path), and every other way's as they are.
                let mut after = Live::default();
                if let Some(next) = next {
                    after = live[*next];
                }
                if let Some((bank, register)) = instruction.definition {
                    after[bank].remove(register);
                }
                for &target in targets.iter().chain(handler) {
                    for (set, other) in after.iter_mut().zip(&live[target]) {
                        set.union(other);
                    }
                }
                for (set, uses) in after.iter_mut().zip(&instruction.uses) {
                    set.union(uses);
                }
                if after != live[index] {
                    live[index] = after;
                    changed = true;
                }
            }
        }
        Liveness {
            entries: instructions.iter().map(|i| i.pc).zip(live).collect(),
        }
    }
}

struct Instruction {
    pc: usize,
    uses: Live,
    definition: Option<(usize, u8)>,
    next: Option<usize>,
    targets: Vec<usize>,
    handler: Option<usize>,
}

fn bank(arg: ArgCode) -> usize {
    arg.kind().expect("a register operand").index()
}
