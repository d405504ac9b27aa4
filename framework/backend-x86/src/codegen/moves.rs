// dynasm!'s expansion converts register numbers with `.into()`, even from `u8`.
#![allow(clippy::useless_conversion)]

//! Loop back-edges and moving values between locations: `jump` (to the trace's own label,
//! or from a bridge to its loop's, or a linked `finish` to another tree's loop), with the
//! parallel-move resolution it needs.

use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use ferrite_trace::{Op, Opcode, Operand, Type, ValueId};

use super::{Emitter, LoopEntry, Mode, SAVED_REGISTERS_BYTES};
use crate::regalloc::{Location, R11, RCX};

impl<'t, 'a> Emitter<'t, 'a> {
    /// A bridge's `jump` back to its loop: through the exit buffer (the bridge's spill
    /// slots and the loop's share the frame, so moving directly could overwrite a value
    /// before it is read), then into the loop's locations, then to its header.
    pub(super) fn jump_to_loop(&mut self, args: &[Operand], entry: &LoopEntry) {
        for (slot, &arg) in args.iter().enumerate() {
            let displacement = 8 * slot as i32;
            if self.trace.operand_type(arg) == Some(Type::Float) {
                self.load_xmm(arg, 15);
                dynasm!(self.asm ; .arch x64 ; movsd QWORD [r15 + displacement], xmm15);
            } else {
                self.load_gpr(arg, R11);
                dynasm!(self.asm ; .arch x64 ; mov QWORD [r15 + displacement], r11);
            }
        }
        let spill_bytes = entry.spill_bytes;
        dynasm!(self.asm ; .arch x64 ; lea rsp, [rbp - (SAVED_REGISTERS_BYTES + spill_bytes)]);
        for (slot, &(location, ty)) in entry.label_locations.iter().enumerate() {
            let displacement = 8 * slot as i32;
            if ty == Type::Float {
                dynasm!(self.asm ; .arch x64 ; movsd xmm15, QWORD [r15 + displacement]);
            } else {
                dynasm!(self.asm ; .arch x64 ; mov rcx, QWORD [r15 + displacement]);
            }
            self.write_location(location, ty, RCX, 15);
        }
        let header = entry.header_address as i64;
        dynasm!(self.asm ; .arch x64 ; mov r11, QWORD header ; jmp r11);
    }

    /// `jump`: move the arguments into the label's values' locations, then loop.
    pub(super) fn jump(&mut self, op: &Op<'a>) {
        let own_label = self.trace.ops().iter().rfind(|o| o.opcode == Opcode::Label);
        let loop_entry = match self.mode {
            Mode::Bridge(entry) => Some(entry),
            Mode::Root => None,
        };
        let label = match (own_label, loop_entry) {
            (Some(label), _) => label,
            (None, Some(entry)) => return self.jump_to_loop(op.args, entry),
            (None, None) => unreachable!("validated: a jump has a label"),
        };
        let moves: Vec<(Operand, ValueId)> = op
            .args
            .iter()
            .zip(label.args)
            .map(|(&source, &target)| match target {
                Operand::Value(value) => (source, value),
                _ => unreachable!("label arguments are values"),
            })
            .collect();
        self.parallel_move(moves);
        let header = self.loop_header.expect("label before jump");
        dynasm!(self.asm ; .arch x64 ; jmp =>header);
    }

    /// Perform `target := source` for all moves at once (every source read before any
    /// target is written). Moves whose target nobody else still reads go first; when only
    /// cycles remain, one target's old value is saved in scratch (r11 or xmm14) and its
    /// readers read the scratch instead, which breaks the cycle. Copies go through rcx or
    /// xmm15, so the saved value is never disturbed.
    fn parallel_move(&mut self, moves: Vec<(Operand, ValueId)>) {
        #[derive(Clone, Copy, PartialEq)]
        enum Source {
            At(Location),
            Scratch,
        }
        let (values, constants): (Vec<_>, Vec<_>) = moves
            .into_iter()
            .partition(|(source, _)| matches!(source, Operand::Value(_)));
        let mut pending: Vec<(Source, Location, Type)> = values
            .into_iter()
            .map(|(source, target)| {
                let Operand::Value(source) = source else {
                    unreachable!()
                };
                (
                    Source::At(self.location(source)),
                    self.location(target),
                    self.trace.value_type(target),
                )
            })
            .filter(|&(source, target, _)| source != Source::At(target))
            .collect();
        while !pending.is_empty() {
            let read_by_another = |i: usize, pending: &[(Source, Location, Type)]| {
                let target = pending[i].1;
                pending
                    .iter()
                    .enumerate()
                    .any(|(j, m)| j != i && m.0 == Source::At(target))
            };
            let ready = (0..pending.len()).find(|&i| !read_by_another(i, &pending));
            let index = match ready {
                Some(index) => index,
                None => {
                    let (_, target, ty) = pending[0];
                    self.save_to_scratch(target, ty);
                    for m in pending.iter_mut() {
                        if m.0 == Source::At(target) {
                            m.0 = Source::Scratch;
                        }
                    }
                    0
                }
            };
            let (source, target, ty) = pending.remove(index);
            match source {
                Source::At(location) => self.copy_location(location, target, ty),
                Source::Scratch => self.store_scratch(target, ty),
            }
        }
        for (source, target) in constants {
            if self.trace.value_type(target) == Type::Float {
                self.load_xmm(source, 15);
                self.store_xmm(15, target);
            } else {
                self.load_gpr(source, RCX);
                self.store_gpr(RCX, target);
            }
        }
    }

    /// Save the value at `location` in scratch: r11, or xmm14 for floats.
    fn save_to_scratch(&mut self, location: Location, ty: Type) {
        self.read_location(location, ty, R11, 14);
    }

    /// Write the scratch value (see `save_to_scratch`) to `target`.
    fn store_scratch(&mut self, target: Location, ty: Type) {
        self.write_location(target, ty, R11, 14);
    }

    /// `target := source`, through rcx or xmm15.
    fn copy_location(&mut self, source: Location, target: Location, ty: Type) {
        self.read_location(source, ty, RCX, 15);
        self.write_location(target, ty, RCX, 15);
    }

    fn read_location(&mut self, location: Location, ty: Type, gpr: u8, xmm: u8) {
        match (location, ty) {
            (Location::Gpr(source), _) => dynasm!(self.asm ; .arch x64 ; mov Rq(gpr), Rq(source)),
            (Location::Xmm(source), _) => {
                dynasm!(self.asm ; .arch x64 ; movaps Rx(xmm), Rx(source))
            }
            (Location::Stack(slot), Type::Float) => {
                let displacement = Self::slot_displacement(slot);
                dynasm!(self.asm ; .arch x64 ; movsd Rx(xmm), QWORD [rbp + displacement]);
            }
            (Location::Stack(slot), _) => {
                let displacement = Self::slot_displacement(slot);
                dynasm!(self.asm ; .arch x64 ; mov Rq(gpr), QWORD [rbp + displacement]);
            }
        }
    }

    fn write_location(&mut self, location: Location, ty: Type, gpr: u8, xmm: u8) {
        match (location, ty) {
            (Location::Gpr(target), _) => dynasm!(self.asm ; .arch x64 ; mov Rq(target), Rq(gpr)),
            (Location::Xmm(target), _) => {
                dynasm!(self.asm ; .arch x64 ; movaps Rx(target), Rx(xmm))
            }
            (Location::Stack(slot), Type::Float) => {
                let displacement = Self::slot_displacement(slot);
                dynasm!(self.asm ; .arch x64 ; movsd QWORD [rbp + displacement], Rx(xmm));
            }
            (Location::Stack(slot), _) => {
                let displacement = Self::slot_displacement(slot);
                dynasm!(self.asm ; .arch x64 ; mov QWORD [rbp + displacement], Rq(gpr));
            }
        }
    }
}
