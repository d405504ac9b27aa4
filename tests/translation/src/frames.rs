//! A second portal, for virtualizables: a small register machine whose whole state is one
//! `Frame` (the driver's virtualizable), so that traces keep its accumulator, counters and
//! registers in machine registers. Its instructions make the frame be looked at in every
//! way the JIT must get right: guards failing mid-loop (the blackhole reads the frame),
//! residual calls that read it or write it, the frame reached through another reference
//! (itself, or another frame of the same type), indices known only at run time, and the
//! portal returning.
//!
//! A program is an array of words, three per instruction: the opcode and two arguments.

use ferrite::{dont_look_inside, elidable, gc_object, jit_driver, portal, Array, Gc};

/// `r[a] = b`.
pub const LOAD: i64 = 0;
/// `r[a] = r[a] + r[b]` (wrapping).
pub const ADD: i64 = 1;
/// `acc = acc * 3 + r[a]` (wrapping).
pub const MIX: i64 = 2;
/// `r[a] -= 1`; if it is not zero, go to instruction `b` (a loop's back-edge).
pub const LOOP: i64 = 3;
/// If `r[a]` is odd, `acc += 1`, else `ticks += 1`: a branch on data.
pub const ODD: i64 = 4;
/// `acc ^= observe(frame)`: a residual call that reads the whole frame.
pub const OBSERVE: i64 = 5;
/// `poke(frame, a)`: a residual call that writes `r[a]` and `ticks`.
pub const POKE: i64 = 6;
/// `r[r[a] mod 4] += 1`: an index known only at run time (registers 4 and 5 are left to
/// loop counters).
pub const BUMP: i64 = 7;
/// `last = frame` (`b` = 0) or a fresh frame (`b` = 1).
pub const LINK: i64 = 8;
/// Through `last` (if set): its `acc += r[a]` and its `r[0] += 1`, the virtualizable
/// itself or another frame.
pub const VIA_LAST: i64 = 9;
/// Stop.
pub const HALT: i64 = 10;

/// How many registers a frame has.
pub const REGISTERS: usize = 6;

#[gc_object]
pub struct Frame {
    #[virtualizable]
    pub acc: i64,
    #[virtualizable]
    pub ticks: i64,
    #[virtualizable]
    pub registers: Gc<Array<i64>>,
    #[virtualizable]
    pub last: Option<Gc<Frame>>,
    /// Not virtualizable: stored and loaded as usual.
    pub calls: i64,
}

jit_driver!(pub FRAMES: greens(pc, program), reds(frame), virtualizable(frame));

#[elidable]
pub fn word(program: Gc<Array<i64>>, index: usize) -> i64 {
    program.get(index)
}

/// A hash of everything in `frame`: the residual call that needs the frame up to date.
#[dont_look_inside]
pub fn observe(frame: Gc<Frame>) -> i64 {
    let registers = frame.registers();
    let mut hash = frame.acc() ^ frame.ticks().wrapping_mul(1_000_003);
    for i in 0..registers.len() {
        hash = hash.wrapping_mul(31).wrapping_add(registers.get(i));
    }
    hash & 0xffff
}

/// Writes the frame behind the trace's back (its effects say so): traces must read what
/// it wrote.
#[dont_look_inside]
pub fn poke(frame: Gc<Frame>, register: i64) {
    let registers = frame.registers();
    let r = register as usize % registers.len();
    registers.set(r, registers.get(r).wrapping_mul(3).wrapping_add(1) & 0xffff);
    frame.set_ticks(frame.ticks() + 1);
    frame.set_calls(frame.calls() + 1);
}

fn fresh_frame() -> Gc<Frame> {
    let registers = Array::new(REGISTERS, 0i64).expect("heap");
    Gc::new(Frame {
        acc: 5,
        ticks: 0,
        registers,
        last: None,
        calls: 0,
    })
    .expect("heap")
}

/// Run `program` on `frame` until it halts; the result is the accumulator.
#[portal]
pub fn execute(mut program: Gc<Array<i64>>, mut frame: Gc<Frame>) -> i64 {
    let mut pc: usize = 0;
    loop {
        jit_merge_point!(FRAMES, greens(pc, program), reds(frame));
        let op = word(program, pc * 3);
        let a = word(program, pc * 3 + 1);
        let b = word(program, pc * 3 + 2);
        pc += 1;
        let registers = frame.registers();
        match op {
            LOAD => registers.set(a as usize, b),
            ADD => registers.set(
                a as usize,
                registers
                    .get(a as usize)
                    .wrapping_add(registers.get(b as usize)),
            ),
            MIX => frame.set_acc(
                frame
                    .acc()
                    .wrapping_mul(3)
                    .wrapping_add(registers.get(a as usize)),
            ),
            LOOP => {
                let left = registers.get(a as usize) - 1;
                registers.set(a as usize, left);
                if left != 0 {
                    pc = b as usize;
                    can_enter_jit!(FRAMES, greens(pc, program), reds(frame));
                }
            }
            ODD => {
                if registers.get(a as usize) % 2 != 0 {
                    frame.set_acc(frame.acc() + 1);
                } else {
                    frame.set_ticks(frame.ticks() + 1);
                }
            }
            OBSERVE => frame.set_acc(frame.acc() ^ observe(frame)),
            POKE => poke(frame, a),
            BUMP => {
                let index = (registers.get(a as usize) & 0xff) as usize % 4;
                registers.set(index, registers.get(index) + 1);
            }
            LINK => {
                if b == 0 {
                    frame.set_last(Some(frame));
                } else {
                    frame.set_last(Some(fresh_frame()));
                }
            }
            VIA_LAST => {
                if let Some(last) = frame.last() {
                    last.set_acc(last.acc().wrapping_add(registers.get(a as usize)));
                    let its = last.registers();
                    its.set(0, its.get(0) + 1);
                }
            }
            _ => return frame.acc(),
        }
    }
}

/// Run `program` (words) on a fresh frame; the result and everything the frame holds
/// afterwards (which compiled code must have written back), and the same of the frame
/// `last` points to.
pub fn run_program(words: &[i64]) -> String {
    let program = Array::from_slice(words).expect("heap");
    let frame = fresh_frame();
    let result = execute(program, frame);
    let describe = |frame: Gc<Frame>| {
        let registers = frame.registers();
        let registers: Vec<i64> = (0..registers.len()).map(|i| registers.get(i)).collect();
        format!(
            "acc {} ticks {} calls {} registers {registers:?}",
            frame.acc(),
            frame.ticks(),
            frame.calls()
        )
    };
    let last = match frame.last() {
        Some(last) if Gc::ptr_eq(last, frame) => "itself".to_string(),
        Some(last) => describe(last),
        None => "none".to_string(),
    };
    format!("{result}: {}; last: {last}", describe(frame))
}
