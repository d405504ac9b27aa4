//! The interpreter loop: the portal, in the traceable subset.
//!
//! A tl program is a set of functions, each a `Code` object (its instructions, arity and
//! number of locals). The portal runs one instruction per turn of its loop; the greens are
//! the instruction's position (`pc`, `code`), the reds the rest of the state: the operand
//! stack and the current frame.
//!
//! Calls do not recurse in Rust: `CALL` pushes a heap `Frame` (with a link to its caller's)
//! and switches `code`, `RETURN` pops it, both inside the one loop. So tl recursion is
//! bounded by `MAX_DEPTH`, a clean error, and never by the Rust stack. Function entries and
//! the backward jumps of loops are where the JIT may start traces (`can_enter_jit!`).
//!
//! Values are integers or references to pairs (`nil` is one distinguished pair, shared by
//! the whole program). The operand stack is two parallel arrays: a slot is an integer when
//! its reference is `None`, and the reference otherwise (the subset has no enums with
//! payloads, and boxing every integer would allocate on every arithmetic operation).
//!
//! What only depends on the program (an instruction, its argument, a callee) is
//! `#[elidable]`, so traces fold it to a constant; printing and growing the stack are
//! `#[dont_look_inside]`.

use ferrite::{dont_look_inside, elidable, gc_object, jit_driver, portal, unroll_safe, Array, Gc};

use crate::io;

// The instructions. `arg` is the instruction's argument where it has one.
/// Push the integer `arg`.
pub const PUSH_INT: u8 = 0;
/// Push nil.
pub const PUSH_NIL: u8 = 1;
pub const ADD: u8 = 2;
pub const SUB: u8 = 3;
pub const MUL: u8 = 4;
/// Division truncating toward zero; `MIN / -1` wraps to `MIN`.
pub const DIV: u8 = 5;
/// The remainder of `DIV` (its sign is the dividend's).
pub const MOD: u8 = 6;
pub const EQ: u8 = 7;
pub const NE: u8 = 8;
pub const LT: u8 = 9;
pub const GT: u8 = 10;
pub const LE: u8 = 11;
pub const GE: u8 = 12;
/// 1 for 0, 0 for anything else.
pub const NOT: u8 = 13;
pub const DUP: u8 = 14;
pub const DROP: u8 = 15;
pub const SWAP: u8 = 16;
pub const OVER: u8 = 17;
/// `a b c -- b c a`.
pub const ROT: u8 = 18;
/// Push local `arg` of the current frame.
pub const GET_LOCAL: u8 = 19;
/// Pop into local `arg`.
pub const SET_LOCAL: u8 = 20;
/// Jump forward to `arg`.
pub const JUMP: u8 = 21;
/// Pop an integer; jump forward to `arg` if it is 0.
pub const JUMP_IF_ZERO: u8 = 22;
/// Jump back to `arg` (the end of a `begin … while … repeat` loop).
pub const LOOP: u8 = 23;
/// Pop an integer; jump back to `arg` if it is 0 (`until`).
pub const LOOP_IF_ZERO: u8 = 24;
/// Call function `arg`, moving its arguments from the stack into its first locals.
pub const CALL: u8 = 25;
/// Return to the caller (from the main program: end).
pub const RETURN: u8 = 26;
/// `a b -- pair` with car `a` and cdr `b`.
pub const CONS: u8 = 27;
pub const CAR: u8 = 28;
pub const CDR: u8 = 29;
/// Any value: 1 if it is nil, else 0.
pub const IS_NIL: u8 = 30;
/// Any value: 1 if it is a pair (not nil), else 0.
pub const IS_PAIR: u8 = 31;
/// Pop a value and print it.
pub const PRINT: u8 = 32;
/// Pop an integer and write its low byte.
pub const EMIT: u8 = 33;
/// Write a newline.
pub const NEWLINE: u8 = 34;

// What stops a program: `TlError::kind`.
pub const STACK_UNDERFLOW: u8 = 0;
pub const EXPECTED_INTEGER: u8 = 1;
pub const EXPECTED_PAIR: u8 = 2;
pub const DIVISION_BY_ZERO: u8 = 3;
pub const RECURSION_TOO_DEEP: u8 = 4;
pub const STACK_OVERFLOW: u8 = 5;

/// The most nested calls (frames) a program may have.
pub const MAX_DEPTH: usize = 100_000;
/// The most values the operand stack may hold.
pub const MAX_STACK: usize = 65_536;
/// The operand stack's initial length (it doubles as needed).
const INITIAL_STACK: usize = 64;

/// A pair: two values, each an integer (reference `None`) or a reference.
#[gc_object]
pub struct Pair {
    pub car: i64,
    pub car_ref: Option<Gc<Pair>>,
    pub cdr: i64,
    pub cdr_ref: Option<Gc<Pair>>,
}

/// One function: `main` (the top-level code) or a `:` definition.
#[gc_object]
pub struct Code {
    /// Where the function is in the program (`Program::functions` on the Rust side).
    pub index: usize,
    pub ops: Gc<Array<u8>>,
    pub args: Gc<Array<i64>>,
    /// How many arguments it takes (into its first locals).
    pub arity: usize,
    /// How many locals its frames have.
    pub locals: usize,
    /// Every function of the program, by index (shared by all of them).
    pub functions: Gc<Array<Option<Gc<Code>>>>,
    /// The program's nil.
    pub nil: Gc<Pair>,
}

/// An activation of a function: its locals, and where to go back to.
///
/// The references are `Option`s although only `parent` is ever `None`: traced code
/// allocates frames, and the jitcode allocates an object zeroed before it sets the fields,
/// which the GC allows only for types without non-nullable references.
#[gc_object]
pub struct Frame {
    /// The caller's frame; `None` for the main program's.
    pub parent: Option<Gc<Frame>>,
    /// The caller's code and the instruction after the call.
    pub caller: Option<Gc<Code>>,
    pub return_pc: usize,
    /// The locals, in the stack's representation.
    pub ints: Option<Gc<Array<i64>>>,
    pub refs: Option<Gc<Array<Option<Gc<Pair>>>>>,
}

/// The integers of a frame's locals.
fn local_ints(frame: Gc<Frame>) -> Gc<Array<i64>> {
    frame.ints().expect("frames have locals")
}

/// The references of a frame's locals.
fn local_refs(frame: Gc<Frame>) -> Gc<Array<Option<Gc<Pair>>>> {
    frame.refs().expect("frames have locals")
}

/// What stops a program early: one of the error kinds above, at an instruction.
#[gc_object]
pub struct TlError {
    pub kind: u8,
    /// The failing instruction's function (`Code::index`) and position.
    pub function: usize,
    pub pc: usize,
}

jit_driver!(pub TL: greens(pc, code), reds(sp, depth, ints, refs, frame));

#[elidable]
pub fn op(code: Gc<Code>, pc: usize) -> u8 {
    code.ops().get(pc)
}

#[elidable]
pub fn arg(code: Gc<Code>, pc: usize) -> i64 {
    code.args().get(pc)
}

#[elidable]
pub fn callee(code: Gc<Code>, index: i64) -> Gc<Code> {
    code.functions()
        .get(index as usize)
        .expect("calls are resolved")
}

#[elidable]
pub fn arity(code: Gc<Code>) -> usize {
    code.arity()
}

#[elidable]
pub fn locals(code: Gc<Code>) -> usize {
    code.locals()
}

#[elidable]
pub fn nil(code: Gc<Code>) -> Gc<Pair> {
    code.nil()
}

/// Whether `op` leaves one more value on the stack than it takes.
#[elidable]
pub fn pushes(op: u8) -> bool {
    op == PUSH_INT || op == PUSH_NIL || op == GET_LOCAL || op == DUP || op == OVER
}

fn error(kind: u8, code: Gc<Code>, pc: usize) -> Gc<TlError> {
    Gc::new(TlError {
        kind,
        function: code.index(),
        pc,
    })
    .expect("heap")
}

/// Fail unless the stack holds at least `count` values.
fn need(sp: usize, count: usize, code: Gc<Code>, pc: usize) -> Result<(), Gc<TlError>> {
    if sp < count {
        return Err(error(STACK_UNDERFLOW, code, pc));
    }
    Ok(())
}

/// The integer `depth` slots below the top (1 is the top).
fn int_at(
    ints: Gc<Array<i64>>,
    refs: Gc<Array<Option<Gc<Pair>>>>,
    sp: usize,
    depth: usize,
    code: Gc<Code>,
    pc: usize,
) -> Result<i64, Gc<TlError>> {
    need(sp, depth, code, pc)?;
    if refs.get(sp - depth).is_some() {
        return Err(error(EXPECTED_INTEGER, code, pc));
    }
    Ok(ints.get(sp - depth))
}

/// The pair (not nil) on top of the stack.
fn pair_on_top(
    refs: Gc<Array<Option<Gc<Pair>>>>,
    sp: usize,
    code: Gc<Code>,
    pc: usize,
) -> Result<Gc<Pair>, Gc<TlError>> {
    need(sp, 1, code, pc)?;
    match refs.get(sp - 1) {
        Some(pair) if !Gc::ptr_eq(pair, nil(code)) => Ok(pair),
        _ => Err(error(EXPECTED_PAIR, code, pc)),
    }
}

/// `a op b` for the binary integer instructions.
fn binary(op: u8, a: i64, b: i64, code: Gc<Code>, pc: usize) -> Result<i64, Gc<TlError>> {
    let result = match op {
        ADD => a.wrapping_add(b),
        SUB => a.wrapping_sub(b),
        MUL => a.wrapping_mul(b),
        DIV | MOD => {
            if b == 0 {
                return Err(error(DIVISION_BY_ZERO, code, pc));
            }
            // Rust's `/` and `%` panic on `MIN / -1`; tl wraps (and the remainder is 0).
            if b == -1 {
                if op == DIV {
                    a.wrapping_neg()
                } else {
                    0
                }
            } else if op == DIV {
                a / b
            } else {
                a % b
            }
        }
        EQ => (a == b) as i64,
        NE => (a != b) as i64,
        LT => (a < b) as i64,
        GT => (a > b) as i64,
        LE => (a <= b) as i64,
        _ => (a >= b) as i64,
    };
    Ok(result)
}

/// Copy slot `from` of the stack to slot `to`.
fn copy_slot(ints: Gc<Array<i64>>, refs: Gc<Array<Option<Gc<Pair>>>>, from: usize, to: usize) {
    ints.set(to, ints.get(from));
    refs.set(to, refs.get(from));
}

/// A frame for `callee`, called from `caller` at `pc`, with its arguments moved from the top
/// `arity` slots of the stack into its first locals (the deepest is the first argument).
#[unroll_safe]
fn enter(
    parent: Gc<Frame>,
    caller: Gc<Code>,
    pc: usize,
    callee: Gc<Code>,
    ints: Gc<Array<i64>>,
    refs: Gc<Array<Option<Gc<Pair>>>>,
    sp: usize,
) -> Gc<Frame> {
    let count = arity(callee);
    let frame = new_frame(Some(parent), caller, pc + 1, locals(callee));
    let locals_ints = local_ints(frame);
    let locals_refs = local_refs(frame);
    for i in 0..count {
        locals_ints.set(i, ints.get(sp - count + i));
        locals_refs.set(i, refs.get(sp - count + i));
    }
    frame
}

fn new_frame(
    parent: Option<Gc<Frame>>,
    caller: Gc<Code>,
    return_pc: usize,
    locals: usize,
) -> Gc<Frame> {
    Gc::new(Frame {
        parent,
        caller: Some(caller),
        return_pc,
        ints: Some(Array::new(locals, 0i64).expect("heap")),
        refs: Some(Array::new(locals, None).expect("heap")),
    })
    .expect("heap")
}

/// The stack's integers, twice as many slots.
#[dont_look_inside]
pub fn grow_ints(ints: Gc<Array<i64>>) -> Gc<Array<i64>> {
    let longer = Array::new(ints.len() * 2, 0i64).expect("heap");
    for i in 0..ints.len() {
        longer.set(i, ints.get(i));
    }
    longer
}

/// The stack's references, twice as many slots.
#[dont_look_inside]
pub fn grow_refs(refs: Gc<Array<Option<Gc<Pair>>>>) -> Gc<Array<Option<Gc<Pair>>>> {
    let longer = Array::new(refs.len() * 2, None).expect("heap");
    for i in 0..refs.len() {
        longer.set(i, refs.get(i));
    }
    longer
}

#[dont_look_inside]
pub fn print_value(int: i64, reference: Option<Gc<Pair>>, nil: Gc<Pair>) {
    io::write_value(int, reference, nil);
}

#[dont_look_inside]
pub fn emit(byte: i64) {
    io::write_byte(byte as u8);
}

/// Run the program whose main code is `code`.
#[portal]
pub fn run(mut code: Gc<Code>) -> Result<(), Gc<TlError>> {
    let mut pc: usize = 0;
    let mut sp: usize = 0;
    let mut depth: usize = 0;
    let mut ints = Array::new(INITIAL_STACK, 0i64).expect("heap");
    let mut refs: Gc<Array<Option<Gc<Pair>>>> = Array::new(INITIAL_STACK, None).expect("heap");
    let mut frame = new_frame(None, code, 0, locals(code));
    loop {
        jit_merge_point!(TL, greens(pc, code), reds(sp, depth, ints, refs, frame));
        let instruction = op(code, pc);
        if pushes(instruction) && sp == ints.len() {
            if sp >= MAX_STACK {
                return Err(error(STACK_OVERFLOW, code, pc));
            }
            ints = grow_ints(ints);
            refs = grow_refs(refs);
        }
        match instruction {
            PUSH_INT => {
                ints.set(sp, arg(code, pc));
                refs.set(sp, None);
                sp += 1;
            }
            PUSH_NIL => {
                refs.set(sp, Some(nil(code)));
                sp += 1;
            }
            ADD | SUB | MUL | DIV | MOD | EQ | NE | LT | GT | LE | GE => {
                let b = int_at(ints, refs, sp, 1, code, pc)?;
                let a = int_at(ints, refs, sp, 2, code, pc)?;
                let result = binary(instruction, a, b, code, pc)?;
                sp -= 1;
                ints.set(sp - 1, result);
            }
            NOT => {
                let a = int_at(ints, refs, sp, 1, code, pc)?;
                ints.set(sp - 1, (a == 0) as i64);
            }
            DUP => {
                need(sp, 1, code, pc)?;
                copy_slot(ints, refs, sp - 1, sp);
                sp += 1;
            }
            DROP => {
                need(sp, 1, code, pc)?;
                sp -= 1;
            }
            SWAP => {
                need(sp, 2, code, pc)?;
                let top_int = ints.get(sp - 1);
                let top_ref = refs.get(sp - 1);
                copy_slot(ints, refs, sp - 2, sp - 1);
                ints.set(sp - 2, top_int);
                refs.set(sp - 2, top_ref);
            }
            OVER => {
                need(sp, 2, code, pc)?;
                copy_slot(ints, refs, sp - 2, sp);
                sp += 1;
            }
            ROT => {
                need(sp, 3, code, pc)?;
                let bottom_int = ints.get(sp - 3);
                let bottom_ref = refs.get(sp - 3);
                copy_slot(ints, refs, sp - 2, sp - 3);
                copy_slot(ints, refs, sp - 1, sp - 2);
                ints.set(sp - 1, bottom_int);
                refs.set(sp - 1, bottom_ref);
            }
            GET_LOCAL => {
                let index = arg(code, pc) as usize;
                ints.set(sp, local_ints(frame).get(index));
                refs.set(sp, local_refs(frame).get(index));
                sp += 1;
            }
            SET_LOCAL => {
                need(sp, 1, code, pc)?;
                let index = arg(code, pc) as usize;
                sp -= 1;
                local_ints(frame).set(index, ints.get(sp));
                local_refs(frame).set(index, refs.get(sp));
            }
            JUMP => {
                pc = arg(code, pc) as usize;
                continue;
            }
            JUMP_IF_ZERO => {
                let condition = int_at(ints, refs, sp, 1, code, pc)?;
                sp -= 1;
                if condition == 0 {
                    pc = arg(code, pc) as usize;
                    continue;
                }
            }
            LOOP => {
                pc = arg(code, pc) as usize;
                can_enter_jit!(TL, greens(pc, code), reds(sp, depth, ints, refs, frame));
                continue;
            }
            LOOP_IF_ZERO => {
                let condition = int_at(ints, refs, sp, 1, code, pc)?;
                sp -= 1;
                if condition == 0 {
                    pc = arg(code, pc) as usize;
                    can_enter_jit!(TL, greens(pc, code), reds(sp, depth, ints, refs, frame));
                    continue;
                }
            }
            CALL => {
                let target = callee(code, arg(code, pc));
                let count = arity(target);
                need(sp, count, code, pc)?;
                if depth + 1 >= MAX_DEPTH {
                    return Err(error(RECURSION_TOO_DEEP, code, pc));
                }
                frame = enter(frame, code, pc, target, ints, refs, sp);
                sp -= count;
                depth += 1;
                code = target;
                pc = 0;
                can_enter_jit!(TL, greens(pc, code), reds(sp, depth, ints, refs, frame));
                continue;
            }
            RETURN => match frame.parent() {
                None => return Ok(()),
                Some(parent) => {
                    pc = frame.return_pc();
                    code = frame.caller().expect("called frames have a caller");
                    frame = parent;
                    depth -= 1;
                    continue;
                }
            },
            CONS => {
                need(sp, 2, code, pc)?;
                let pair = Gc::new(Pair {
                    car: ints.get(sp - 2),
                    car_ref: refs.get(sp - 2),
                    cdr: ints.get(sp - 1),
                    cdr_ref: refs.get(sp - 1),
                })
                .expect("heap");
                sp -= 1;
                refs.set(sp - 1, Some(pair));
            }
            CAR => {
                let pair = pair_on_top(refs, sp, code, pc)?;
                ints.set(sp - 1, pair.car());
                refs.set(sp - 1, pair.car_ref());
            }
            CDR => {
                let pair = pair_on_top(refs, sp, code, pc)?;
                ints.set(sp - 1, pair.cdr());
                refs.set(sp - 1, pair.cdr_ref());
            }
            IS_NIL | IS_PAIR => {
                need(sp, 1, code, pc)?;
                let is_nil = match refs.get(sp - 1) {
                    Some(pair) => Gc::ptr_eq(pair, nil(code)),
                    None => false,
                };
                let result = if instruction == IS_NIL {
                    is_nil
                } else {
                    refs.get(sp - 1).is_some() && !is_nil
                };
                ints.set(sp - 1, result as i64);
                refs.set(sp - 1, None);
            }
            PRINT => {
                need(sp, 1, code, pc)?;
                sp -= 1;
                print_value(ints.get(sp), refs.get(sp), nil(code));
            }
            EMIT => {
                let byte = int_at(ints, refs, sp, 1, code, pc)?;
                sp -= 1;
                emit(byte);
            }
            NEWLINE => emit(10),
            _ => unreachable!("an unknown instruction"),
        }
        pc += 1;
    }
}
