//! The interpreter loop: the portal, in the traceable subset. Everything it calls that is not
//! in the subset (I/O, growing the tape) is a `#[dont_look_inside]` function; what only
//! depends on the program (the instruction at a pc, a bracket's partner) is `#[elidable]`,
//! so traces fold it to a constant.

use ferrite::{dont_look_inside, elidable, gc_object, jit_driver, portal, Array, Gc};

use crate::io;

/// A parsed program.
#[gc_object]
pub struct Program {
    /// The instructions (the eight commands; comments are dropped).
    pub code: Gc<Array<u8>>,
    /// For each bracket, the position of its partner.
    pub partner: Gc<Array<usize>>,
}

/// What stops a program early.
#[gc_object]
pub struct BfError {
    /// The instruction that failed.
    pub pc: usize,
}

jit_driver!(pub BF: greens(pc, program), reds(position, tape));

#[elidable]
pub fn instruction(program: Gc<Program>, pc: usize) -> u8 {
    program.code().get(pc)
}

#[elidable]
pub fn length(program: Gc<Program>) -> usize {
    program.code().len()
}

#[elidable]
pub fn partner(program: Gc<Program>, pc: usize) -> usize {
    program.partner().get(pc)
}

/// The tape, twice as long (the new cells zero).
#[dont_look_inside]
pub fn grow(tape: Gc<Array<u8>>) -> Gc<Array<u8>> {
    let longer = Array::new(tape.len() * 2, 0u8).expect("heap");
    for i in 0..tape.len() {
        longer.set(i, tape.get(i));
    }
    longer
}

#[dont_look_inside]
pub fn output(byte: u8) {
    io::write_byte(byte);
}

/// The next input byte; at the end of the input, the cell keeps its value.
#[dont_look_inside]
pub fn input(current: u8) -> u8 {
    io::read_byte().unwrap_or(current)
}

/// Run `program` on `tape` (cells start at zero; the tape doubles when the program moves
/// past its end). Moving left of the first cell is an error.
// Guards on the bracket arms would turn the `match` (a jitcode `switch`) into a chain of
// comparisons.
#[allow(clippy::collapsible_match)]
#[portal]
pub fn run(mut program: Gc<Program>, mut tape: Gc<Array<u8>>) -> Result<(), Gc<BfError>> {
    let mut pc: usize = 0;
    let mut position: usize = 0;
    loop {
        jit_merge_point!(BF, greens(pc, program), reds(position, tape));
        if pc >= length(program) {
            return Ok(());
        }
        match instruction(program, pc) {
            b'+' => tape.set(position, tape.get(position).wrapping_add(1)),
            b'-' => tape.set(position, tape.get(position).wrapping_sub(1)),
            b'>' => {
                position += 1;
                if position == tape.len() {
                    tape = grow(tape);
                }
            }
            b'<' => {
                if position == 0 {
                    return Err(Gc::new(BfError { pc }).expect("heap"));
                }
                position -= 1;
            }
            b'.' => output(tape.get(position)),
            b',' => tape.set(position, input(tape.get(position))),
            b'[' => {
                if tape.get(position) == 0 {
                    pc = partner(program, pc);
                }
            }
            b']' => {
                if tape.get(position) != 0 {
                    pc = partner(program, pc) + 1;
                    can_enter_jit!(BF, greens(pc, program), reds(position, tape));
                    continue;
                }
            }
            _ => {}
        }
        pc += 1;
    }
}
