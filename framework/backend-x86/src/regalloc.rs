//! Linear-scan register allocation (Poletto and Sarkar) over a trace.
//!
//! A trace is straight-line code with at most one loop (`label` … `jump`), so each value's
//! lifetime is one interval of operation positions: from its definition (inputs at 0,
//! operation `k`'s result at `k + 1`) to its last use (as an argument or a guard's fail
//! argument). Values defined before the label and used after it are live around the whole
//! loop, so their intervals stretch to the `jump`.
//!
//! Intervals are visited by start; an interval gets a free register of its class, or the
//! register of the active interval that ends last is taken from it (that one moves to a
//! stack slot for its whole life), or it goes to a stack slot itself. An interval that is
//! still needed after an operation that calls out (allocation helpers) may only take a
//! callee-saved register, or a stack slot (floats: every xmm register is caller-saved). A
//! value's register is freed only after the position of its last use, so an operation's
//! result never shares a register with its arguments; code generation may write the result
//! before it has read every argument.

use ferrite_trace::{Class, Opcode, Operand, Trace, Type, ValueId};

/// General-purpose registers by their x86 encoding.
pub const RAX: u8 = 0;
pub const RCX: u8 = 1;
pub const RDX: u8 = 2;
pub const RBX: u8 = 3;
pub const RSI: u8 = 6;
pub const RDI: u8 = 7;
pub const R8: u8 = 8;
pub const R9: u8 = 9;
pub const R10: u8 = 10;
pub const R11: u8 = 11;
pub const R12: u8 = 12;
pub const R13: u8 = 13;
pub const R14: u8 = 14;
pub const R15: u8 = 15;

/// Allocatable general-purpose registers, caller-saved first. Not allocated: rsp, rbp
/// (frame), r15 (the exit-value buffer), r11 and rcx (scratch; rcx is also the shift count).
pub const CALLER_SAVED_GPRS: &[u8] = &[RAX, RDX, RSI, RDI, R8, R9, R10];
pub const CALLEE_SAVED_GPRS: &[u8] = &[RBX, R12, R13, R14];
/// Allocatable xmm registers; xmm14 and xmm15 are scratch. All are caller-saved.
pub const XMMS: &[u8] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

/// Where a value lives for its whole lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    Gpr(u8),
    Xmm(u8),
    /// Spill slot number (8 bytes each, in the machine frame).
    Stack(u32),
}

/// The allocation of every value of a trace.
#[derive(Debug)]
pub struct Allocation {
    pub locations: Vec<Location>,
    pub spill_slots: u32,
}

/// Whether an operation calls out of the generated code (clobbering caller-saved registers).
pub fn calls_out(opcode: Opcode) -> bool {
    matches!(opcode.info().class, Class::Allocation | Class::Call)
}

#[derive(Clone, Copy, Debug)]
struct Interval {
    value: ValueId,
    start: usize,
    end: usize,
    crosses_call: bool,
    is_float: bool,
}

fn intervals(trace: &Trace) -> Vec<Interval> {
    let count = trace.value_count();
    let mut start = vec![0usize; count];
    let mut end = vec![0usize; count];
    for (index, op) in trace.ops().iter().enumerate() {
        let position = index + 1;
        if let Some(result) = op.result {
            start[result.0 as usize] = position;
            end[result.0 as usize] = position;
        }
        for operand in op.args.iter().chain(op.fail_args) {
            if let Operand::Value(value) = operand {
                end[value.0 as usize] = position;
            }
        }
    }
    // Values live into the loop stay live around it.
    let ops = trace.ops();
    if let (Some(label), Some(Opcode::Jump)) = (
        ops.iter().position(|op| op.opcode == Opcode::Label),
        ops.last().map(|op| op.opcode),
    ) {
        let label_position = label + 1;
        let jump_position = ops.len();
        for value in 0..count {
            if start[value] < label_position && end[value] >= label_position {
                end[value] = jump_position;
            }
        }
    }
    let call_positions: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| calls_out(op.opcode))
        .map(|(index, _)| index + 1)
        .collect();
    (0..count)
        .map(|value| Interval {
            value: ValueId(value as u32),
            start: start[value],
            end: end[value],
            crosses_call: call_positions
                .iter()
                .any(|&c| start[value] < c && c < end[value]),
            is_float: trace.value_type(ValueId(value as u32)) == Type::Float,
        })
        .collect()
}

/// Allocate registers and spill slots for every value of `trace`.
pub fn allocate(trace: &Trace) -> Allocation {
    let mut intervals = intervals(trace);
    intervals.sort_by_key(|i| (i.start, i.end));
    let mut locations = vec![Location::Stack(0); trace.value_count()];
    let mut spill_slots = 0u32;
    let mut active: Vec<(Interval, Location)> = Vec::new();
    let mut spill = |locations: &mut Vec<Location>, value: ValueId| {
        locations[value.0 as usize] = Location::Stack(spill_slots);
        spill_slots += 1;
    };
    for interval in intervals {
        // Expire what ended strictly before this interval starts.
        active.retain(|(other, _)| other.end >= interval.start);
        let allowed: Vec<Location> = if interval.is_float {
            if interval.crosses_call {
                Vec::new()
            } else {
                XMMS.iter().map(|&x| Location::Xmm(x)).collect()
            }
        } else if interval.crosses_call {
            CALLEE_SAVED_GPRS
                .iter()
                .map(|&r| Location::Gpr(r))
                .collect()
        } else {
            CALLER_SAVED_GPRS
                .iter()
                .chain(CALLEE_SAVED_GPRS)
                .map(|&r| Location::Gpr(r))
                .collect()
        };
        let free = allowed
            .iter()
            .find(|&&location| active.iter().all(|(_, taken)| *taken != location))
            .copied();
        let chosen = match free {
            Some(location) => Some(location),
            None => {
                // Take the register of the active interval that lives longest, if that one
                // outlives this interval and its register is one this interval may use.
                let victim = active
                    .iter()
                    .enumerate()
                    .filter(|(_, (other, location))| {
                        other.end > interval.end && allowed.contains(location)
                    })
                    .max_by_key(|(_, (other, _))| other.end)
                    .map(|(index, _)| index);
                victim.map(|index| {
                    let (other, location) = active.remove(index);
                    spill(&mut locations, other.value);
                    location
                })
            }
        };
        match chosen {
            Some(location) => {
                locations[interval.value.0 as usize] = location;
                active.push((interval, location));
            }
            None => spill(&mut locations, interval.value),
        }
    }
    Allocation {
        locations,
        spill_slots,
    }
}
