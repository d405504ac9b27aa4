//! Machine code for a trace, with dynasm-rs.
//!
//! The compiled trace is a function `extern "sysv64" fn(exit_values: *mut u64) -> u64`. It
//! reads its inputs from `exit_values[0..inputs]`, runs, and on leaving (a failing guard,
//! `finish`, or a failed allocation) writes the values that exit needs to
//! `exit_values[0..k]` and returns the exit's number. Floats travel as their bits,
//! references as addresses (0 for null).
//!
//! Frame: `push rbp; mov rbp, rsp`, then rbx, r12–r15 saved below it, then the spill
//! slots; rsp stays 16-byte aligned for calls. r15 holds `exit_values` throughout; r11 and
//! rcx (general) and xmm14/xmm15 are scratch. Every operation loads its operands into
//! scratch registers, computes there and stores to the result's location, so it is correct
//! whatever the allocator chose; a smarter instruction selection can come with the
//! optimizer. Guards jump to out-of-line stubs emitted after the trace.

// dynasm!'s expansion converts register numbers with `.into()`, even from `u8`.
#![allow(clippy::useless_conversion)]

use dynasmrt::x64::Assembler;
use dynasmrt::{dynasm, AssemblyOffset, DynamicLabel, DynasmApi, DynasmLabelApi, ExecutableBuffer};
use std::sync::atomic::{AtomicUsize, Ordering};

use ferrite_gc::{FieldKind, GcRef, RootVec};
use ferrite_trace::{Descr, Op, Opcode, Operand, Trace, Type, ValueId};

mod integers;
mod moves;

use crate::helpers;
use crate::regalloc::{self, Allocation, Location, R11, RCX, RSI};

/// Bytes of callee-saved registers pushed below the saved rbp.
const SAVED_REGISTERS_BYTES: i32 = 5 * 8;

/// Why a trace cannot be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// The trace does not end in `jump` or `finish`.
    Unterminated,
    /// A bridge was attached to a tree whose root is not a loop.
    NotALoop,
    /// A bridge was attached to an operation that is not a guard of that piece.
    NotAGuard(usize),
    /// The bridge's inputs are not the types of the guard's fail arguments.
    BridgeInputs,
    /// dynasm-rs could not assemble or map the code.
    Assembler(String),
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompileError::Unterminated => f.write_str("the trace does not end in jump or finish"),
            CompileError::NotALoop => f.write_str("bridges attach to loops: the root has no label"),
            CompileError::NotAGuard(op) => write!(f, "operation {op} is not a guard of that trace"),
            CompileError::BridgeInputs => {
                f.write_str("the bridge's inputs are not the guard's fail arguments")
            }
            CompileError::Assembler(message) => write!(f, "assembler: {message}"),
        }
    }
}

impl std::error::Error for CompileError {}

/// One way out of compiled code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExitKind {
    /// The guard at this operation index failed.
    Guard(usize),
    /// `finish` at this operation index.
    Finish(usize),
    /// An allocation helper returned null (heap exhausted) at this operation index.
    OutOfMemory(usize),
}

#[derive(Clone, Debug)]
pub struct Exit {
    pub kind: ExitKind,
    /// The types of the values written to the exit buffer (for a `guard_no_exception`, the
    /// fail arguments and then the exception the call raised).
    pub value_types: Vec<Type>,
}

/// Machine code for one trace.
pub struct CompiledTrace {
    pub(crate) code: ExecutableBuffer,
    pub(crate) entry: AssemblyOffset,
    pub(crate) input_types: Vec<Type>,
    pub(crate) exits: Vec<Exit>,
    /// Words the exit buffer needs: the most of inputs and any exit's values.
    pub(crate) buffer_words: usize,
    /// The trace's reference constants, which the code loads from this buffer's slots (so
    /// the objects stay alive, and the code sees them if they move).
    pub(crate) _constants: RootVec<GcRef>,
    /// The number the code returns for `exits[0]` (the others follow): the pieces of a tree
    /// number their exits apart.
    pub(crate) exit_base: u32,
    /// One slot per guard, in exit order: where the guard's stub jumps after storing the fail
    /// arguments. It holds the address of the stub that returns the exit, until a bridge is
    /// attached and it holds the bridge's entry. Plain data memory, so attaching a bridge
    /// never writes code.
    pub(crate) guard_slots: Box<[AtomicUsize]>,
    /// For a loop: what a bridge (or a linked finish) needs to jump to its label.
    pub(crate) loop_entry: Option<LoopEntry>,
    /// Size of the machine code, for logs and statistics.
    pub code_bytes: usize,
}

/// How to enter a loop at its label from code running in the same kind of machine frame (a
/// bridge of the loop, or a linked `finish` of another tree).
#[derive(Clone, Debug)]
pub struct LoopEntry {
    header_address: usize,
    spill_bytes: i32,
    /// Where the label's values live, in the loop's allocation.
    label_locations: Vec<(Location, Type)>,
}

/// What the code being compiled is.
enum Mode<'l> {
    /// Entered by a call: the prologue sets up the machine frame.
    Root,
    /// Entered by a guard's jump, inside the loop's frame; a label-less `jump` goes back to
    /// the loop's label.
    Bridge(&'l LoopEntry),
}

/// Where a `finish` whose first argument is the constant tag `t` goes instead of leaving
/// the code, if `links(t)` names a loop whose label takes the finish's other values: the
/// caller (a JIT driver) promises that leaving with that tag would only enter that loop
/// with those values, so the code goes straight there (RPython's jump to another loop's
/// target token). Loops entered this way run in the same machine frame (every root has the
/// same prologue) and leave through their own exits, numbered apart by their `exit_base`.
pub type Links<'l> = &'l dyn Fn(i64) -> Option<&'l LoopEntry>;

fn no_links(_: i64) -> Option<&'static LoopEntry> {
    None
}

/// Out-of-line code to emit after the trace: its label, exit number, the values it stores
/// (one of which may be known to be a constant when the exit is taken), and the guard slot
/// to jump through, for guards.
struct Stub<'a> {
    label: DynamicLabel,
    exit: usize,
    values: &'a [Operand],
    known: Option<(ValueId, i64)>,
    slot: Option<usize>,
}

struct Emitter<'t, 'a> {
    asm: Assembler,
    links: Links<'t>,
    trace: &'t Trace<'a>,
    allocation: Allocation,
    exits: Vec<Exit>,
    /// Out-of-line code to emit after the trace: (label, exit number, values to store, the
    /// guard slot to jump through, for guards).
    stubs: Vec<Stub<'a>>,
    /// How many times each value is read, as an argument or a fail argument.
    uses: Vec<u32>,
    /// The guard a comparison was fused with (emitted with it).
    fused_guard: Option<usize>,
    epilogue: DynamicLabel,
    loop_header: Option<DynamicLabel>,
    /// Offset of the loop header, once emitted.
    loop_header_offset: Option<AssemblyOffset>,
    constants_base: usize,
    mode: Mode<'t>,
    exit_base: u32,
    /// The guard slots' addresses, in guard order, and how many are used so far.
    guard_slot_addresses: Vec<usize>,
    /// For each guard slot: the label of the stub that returns the guard's exit.
    guard_return_labels: Vec<DynamicLabel>,
}

/// Compile a trace that is entered by a call (a loop, or straight-line code).
pub fn compile(trace: &Trace) -> Result<CompiledTrace, CompileError> {
    compile_piece(trace, Mode::Root, 0, &no_links)
}

/// Compile a trace entered by a call, its exits numbered from `exit_base`, its finishes
/// linked by `links`.
pub fn compile_linked(
    trace: &Trace,
    exit_base: u32,
    links: Links,
) -> Result<CompiledTrace, CompileError> {
    compile_piece(trace, Mode::Root, exit_base, links)
}

/// Compile `bridge`, to be entered from a guard of a piece of `loop_trace`'s tree; its
/// exits are numbered from `exit_base`, its finishes linked by `links`.
pub fn compile_bridge(
    bridge: &Trace,
    loop_trace: &CompiledTrace,
    exit_base: u32,
    links: Links,
) -> Result<CompiledTrace, CompileError> {
    let entry = loop_trace
        .loop_entry
        .as_ref()
        .ok_or(CompileError::NotALoop)?;
    compile_piece(bridge, Mode::Bridge(entry), exit_base, links)
}

fn compile_piece(
    trace: &Trace,
    mode: Mode,
    exit_base: u32,
    links: Links,
) -> Result<CompiledTrace, CompileError> {
    let started = std::time::Instant::now();
    let what = match mode {
        Mode::Root if trace.jumps_to_own_label() => "loop",
        Mode::Root => "trace",
        Mode::Bridge(_) => "bridge",
    };
    let compiled = compile_piece_unlogged(trace, mode, exit_base, links)?;
    crate::perf_map::record(&compiled.code, what, trace.ops().len());
    if ferrite_log::enabled("compile") {
        let header = format!(
            "{what}, {} operations, {} bytes of code in {}us",
            trace.ops().len(),
            compiled.code_bytes,
            started.elapsed().as_micros()
        );
        ferrite_log::write("compile", &header, &trace.to_string());
    }
    Ok(compiled)
}

fn compile_piece_unlogged(
    trace: &Trace,
    mode: Mode,
    exit_base: u32,
    links: Links,
) -> Result<CompiledTrace, CompileError> {
    if !trace.is_closed() {
        return Err(CompileError::Unterminated);
    }
    let assembler = |e: std::io::Error| CompileError::Assembler(e.to_string());
    let mut asm = Assembler::new().map_err(assembler)?;
    let epilogue = asm.new_dynamic_label();
    let constants = RootVec::new();
    for index in 0..trace.ref_constant_count() {
        constants.push(trace.ref_constant(index as u32));
    }
    let guard_count = trace.ops().iter().filter(|op| op.opcode.is_guard()).count();
    let guard_slots: Box<[AtomicUsize]> = (0..guard_count).map(|_| AtomicUsize::new(0)).collect();
    // The emitter's references share one lifetime; `Links` is invariant in its own.
    let links = |tag: i64| -> Option<&LoopEntry> { links(tag) };
    let mut emitter = Emitter {
        asm,
        links: &links,
        trace,
        allocation: regalloc::allocate(trace),
        exits: Vec::new(),
        stubs: Vec::new(),
        uses: argument_uses(trace),
        fused_guard: None,
        epilogue,
        loop_header: None,
        loop_header_offset: None,
        constants_base: constants.as_ptr() as usize,
        mode,
        exit_base,
        guard_slot_addresses: guard_slots
            .iter()
            .map(|s| s as *const AtomicUsize as usize)
            .collect(),
        guard_return_labels: Vec::new(),
    };
    let entry = emitter.asm.offset();
    emitter.prologue();
    for (index, op) in trace.ops().iter().enumerate() {
        emitter.operation(index, op);
    }
    emitter.stubs_and_epilogue();
    let buffer_words = emitter
        .exits
        .iter()
        .map(|exit| exit.value_types.len())
        .chain([trace.input_types().len(), 1])
        // A bridge passes its jump's arguments through the buffer.
        .chain(trace.ops().last().map(|op| op.args.len()))
        .max()
        .unwrap_or(1);
    let spill_bytes = emitter.spill_bytes();
    let label_locations: Option<Vec<(Location, Type)>> = trace
        .ops()
        .iter()
        .rfind(|op| op.opcode == Opcode::Label)
        .map(|label| {
            label
                .args
                .iter()
                .map(|&arg| match arg {
                    Operand::Value(value) => (emitter.location(value), trace.value_type(value)),
                    _ => unreachable!("label arguments are values"),
                })
                .collect()
        });
    let header_offset = emitter.loop_header_offset;
    let return_labels = std::mem::take(&mut emitter.guard_return_labels);
    let return_offsets: Vec<AssemblyOffset> = return_labels
        .iter()
        .map(|&label| {
            emitter
                .asm
                .labels()
                .resolve_dynamic(label)
                .expect("return stub emitted")
        })
        .collect();
    let exits = std::mem::take(&mut emitter.exits);
    let code = emitter
        .asm
        .finalize()
        .map_err(|_| CompileError::Assembler("could not finalize the code buffer".into()))?;
    for (slot, offset) in guard_slots.iter().zip(return_offsets) {
        slot.store(code.ptr(offset) as usize, Ordering::Release);
    }
    let loop_entry = match (header_offset, label_locations) {
        (Some(offset), Some(label_locations)) => Some(LoopEntry {
            header_address: code.ptr(offset) as usize,
            spill_bytes,
            label_locations,
        }),
        _ => None,
    };
    Ok(CompiledTrace {
        code_bytes: code.len(),
        code,
        entry,
        input_types: trace.input_types().to_vec(),
        exits,
        buffer_words,
        _constants: constants,
        exit_base,
        guard_slots,
        loop_entry,
    })
}

/// How many times each value is read, as an argument or a fail argument.
fn argument_uses(trace: &Trace) -> Vec<u32> {
    let mut uses = vec![0; trace.value_count()];
    for op in trace.ops() {
        for arg in op.args.iter().chain(op.fail_args) {
            if let Operand::Value(value) = arg {
                uses[value.0 as usize] += 1;
            }
        }
    }
    uses
}

fn fits_i32(value: i64) -> bool {
    i32::try_from(value).is_ok()
}

impl<'t, 'a> Emitter<'t, 'a> {
    fn location(&self, value: ValueId) -> Location {
        self.allocation.locations[value.0 as usize]
    }

    fn slot_displacement(slot: u32) -> i32 {
        -(SAVED_REGISTERS_BYTES + 8 * (slot as i32 + 1))
    }

    /// The spill area, rounded so that rsp is 16-aligned below it (the saved registers
    /// take 40 bytes below a 16-aligned rbp).
    fn spill_bytes(&self) -> i32 {
        let mut spill_bytes = 8 * self.allocation.spill_slots as i32;
        if spill_bytes % 16 != 8 {
            spill_bytes += 8;
        }
        spill_bytes
    }

    fn prologue(&mut self) {
        let spill_bytes = self.spill_bytes();
        match self.mode {
            // Every callee-saved register is saved, used or not: the bridges attached
            // later run in this frame and may use any of them.
            Mode::Root => dynasm!(self.asm
                ; .arch x64
                ; push rbp
                ; mov rbp, rsp
                ; push rbx
                ; push r12
                ; push r13
                ; push r14
                ; push r15
                ; sub rsp, spill_bytes
                ; mov r15, rdi
            ),
            // Inside the loop's frame: only this bridge's own spill area changes. Its inputs
            // (the guard's fail arguments) are in the exit buffer.
            Mode::Bridge(_) => dynasm!(self.asm
                ; .arch x64
                ; lea rsp, [rbp - (SAVED_REGISTERS_BYTES + spill_bytes)]
            ),
        }
        for (index, value) in self.trace.inputs().enumerate() {
            let displacement = 8 * index as i32;
            match self.trace.value_type(value) {
                Type::Float => {
                    dynasm!(self.asm ; .arch x64 ; movsd xmm15, QWORD [r15 + displacement]);
                    self.store_xmm(15, value);
                }
                _ => {
                    dynasm!(self.asm ; .arch x64 ; mov r11, QWORD [r15 + displacement]);
                    self.store_gpr(R11, value);
                }
            }
        }
    }

    /// Load an integer or reference operand into general register `register`.
    fn load_gpr(&mut self, operand: Operand, register: u8) {
        match operand {
            Operand::Value(value) => match self.location(value) {
                Location::Gpr(source) => {
                    if source != register {
                        dynasm!(self.asm ; .arch x64 ; mov Rq(register), Rq(source));
                    }
                }
                Location::Stack(slot) => {
                    let displacement = Self::slot_displacement(slot);
                    dynasm!(self.asm ; .arch x64 ; mov Rq(register), QWORD [rbp + displacement]);
                }
                Location::Xmm(_) => unreachable!("an integer operand in an xmm register"),
            },
            Operand::Int(constant) => {
                if constant == 0 {
                    dynasm!(self.asm ; .arch x64 ; xor Rd(register), Rd(register));
                } else if fits_i32(constant) {
                    dynasm!(self.asm ; .arch x64 ; mov Rq(register), constant as i32);
                } else {
                    dynasm!(self.asm ; .arch x64 ; mov Rq(register), QWORD constant);
                }
            }
            Operand::Null => dynasm!(self.asm ; .arch x64 ; xor Rd(register), Rd(register)),
            Operand::Ref(index) => {
                let slot = (self.constants_base + 8 * index as usize) as i64;
                dynasm!(self.asm
                    ; .arch x64
                    ; mov Rq(register), QWORD slot
                    ; mov Rq(register), QWORD [Rq(register)]
                );
            }
            Operand::Float(_) => unreachable!("a float operand where an integer belongs"),
        }
    }

    /// Load a float operand into xmm register `register` (may use rcx).
    fn load_xmm(&mut self, operand: Operand, register: u8) {
        match operand {
            Operand::Value(value) => match self.location(value) {
                Location::Xmm(source) => {
                    if source != register {
                        dynasm!(self.asm ; .arch x64 ; movaps Rx(register), Rx(source));
                    }
                }
                Location::Stack(slot) => {
                    let displacement = Self::slot_displacement(slot);
                    dynasm!(self.asm ; .arch x64 ; movsd Rx(register), QWORD [rbp + displacement]);
                }
                Location::Gpr(_) => unreachable!("a float operand in a general register"),
            },
            Operand::Float(constant) => {
                let bits = constant.to_bits() as i64;
                dynasm!(self.asm
                    ; .arch x64
                    ; mov rcx, QWORD bits
                    ; movq Rx(register), rcx
                );
            }
            _ => unreachable!("a non-float operand where a float belongs"),
        }
    }

    fn store_gpr(&mut self, register: u8, value: ValueId) {
        match self.location(value) {
            Location::Gpr(target) => {
                if target != register {
                    dynasm!(self.asm ; .arch x64 ; mov Rq(target), Rq(register));
                }
            }
            Location::Stack(slot) => {
                let displacement = Self::slot_displacement(slot);
                dynasm!(self.asm ; .arch x64 ; mov QWORD [rbp + displacement], Rq(register));
            }
            Location::Xmm(_) => unreachable!("an integer result in an xmm register"),
        }
    }

    fn store_xmm(&mut self, register: u8, value: ValueId) {
        match self.location(value) {
            Location::Xmm(target) => {
                if target != register {
                    dynasm!(self.asm ; .arch x64 ; movaps Rx(target), Rx(register));
                }
            }
            Location::Stack(slot) => {
                let displacement = Self::slot_displacement(slot);
                dynasm!(self.asm ; .arch x64 ; movsd QWORD [rbp + displacement], Rx(register));
            }
            Location::Gpr(_) => unreachable!("a float result in a general register"),
        }
    }

    /// The value of a comparison flag into r11 as 0 or 1, then into `result`.
    fn store_flag(&mut self, result: ValueId) {
        dynasm!(self.asm ; .arch x64 ; movzx r11d, r11b);
        self.store_gpr(R11, result);
    }

    /// A new exit whose out-of-line stub stores `values`; returns the stub's label.
    fn exit_stub(&mut self, kind: ExitKind, values: &'a [Operand]) -> DynamicLabel {
        self.exit_stub_knowing(kind, values, None)
    }

    /// `exit_stub`, where the value `known.0` is `known.1` whenever the exit is taken.
    fn exit_stub_knowing(
        &mut self,
        kind: ExitKind,
        values: &'a [Operand],
        known: Option<(ValueId, i64)>,
    ) -> DynamicLabel {
        let value_types = match kind {
            ExitKind::Guard(index) => self.trace.exit_types(index),
            _ => values
                .iter()
                .map(|&v| self.trace.operand_type(v).expect("validated operand"))
                .collect(),
        };
        let slot = matches!(kind, ExitKind::Guard(_)).then(|| {
            let return_label = self.asm.new_dynamic_label();
            self.guard_return_labels.push(return_label);
            self.guard_return_labels.len() - 1
        });
        self.exits.push(Exit { kind, value_types });
        let label = self.asm.new_dynamic_label();
        self.stubs.push(Stub {
            label,
            exit: self.exits.len() - 1,
            values,
            known,
            slot,
        });
        label
    }

    /// The loop a `finish` is linked to (see `Links`), if any.
    fn link(&self, op: &Op<'a>) -> Option<&'t LoopEntry> {
        let Some(&Operand::Int(tag)) = op.args.first() else {
            return None;
        };
        let entry = (self.links)(tag)?;
        let types = op.args[1..].iter().map(|&a| self.trace.operand_type(a));
        let matches = entry.label_locations.len() == op.args.len() - 1
            && types
                .zip(&entry.label_locations)
                .all(|(ty, &(_, want))| ty == Some(want));
        matches.then_some(entry)
    }

    fn operation(&mut self, index: usize, op: &Op<'a>) {
        if self.fused_guard == Some(index) {
            // Emitted with the comparison before it.
            return;
        }
        let result = op.result;
        let arg = |n: usize| op.args[n];
        match op.opcode {
            Opcode::Label => {
                let header = self.asm.new_dynamic_label();
                dynasm!(self.asm ; .arch x64 ; =>header);
                self.loop_header = Some(header);
                self.loop_header_offset = Some(self.asm.offset());
            }
            Opcode::Jump => self.jump(op),
            Opcode::Finish => match self.link(op) {
                Some(entry) => self.jump_to_loop(&op.args[1..], entry),
                None => {
                    let stub = self.exit_stub(ExitKind::Finish(index), op.args);
                    dynasm!(self.asm ; .arch x64 ; jmp =>stub);
                }
            },
            Opcode::GuardTrue | Opcode::GuardFalse | Opcode::GuardNonnull | Opcode::GuardIsnull => {
                self.load_gpr(arg(0), R11);
                let stub = self.exit_stub(ExitKind::Guard(index), op.fail_args);
                dynasm!(self.asm ; .arch x64 ; test r11, r11);
                if matches!(op.opcode, Opcode::GuardTrue | Opcode::GuardNonnull) {
                    dynasm!(self.asm ; .arch x64 ; jz =>stub);
                } else {
                    dynasm!(self.asm ; .arch x64 ; jnz =>stub);
                }
            }
            Opcode::GuardValue => {
                if self.trace.operand_type(arg(0)) == Some(Type::Float) {
                    // Bit patterns, not float equality.
                    self.load_xmm(arg(0), 15);
                    self.load_xmm(arg(1), 14);
                    dynasm!(self.asm ; .arch x64 ; movq r11, xmm15 ; movq rcx, xmm14);
                } else {
                    self.load_gpr(arg(0), R11);
                    self.load_gpr(arg(1), RCX);
                }
                let stub = self.exit_stub(ExitKind::Guard(index), op.fail_args);
                dynasm!(self.asm ; .arch x64 ; cmp r11, rcx ; jne =>stub);
            }
            Opcode::GuardGcType => {
                self.load_gpr(arg(0), R11);
                let stub = self.exit_stub(ExitKind::Guard(index), op.fail_args);
                match arg(1) {
                    Operand::Int(id) if fits_i32(id) => {
                        dynasm!(self.asm ; .arch x64 ; cmp DWORD [r11], id as i32 ; jne =>stub);
                    }
                    other => {
                        self.load_gpr(other, RCX);
                        dynasm!(self.asm
                            ; .arch x64
                            ; mov r11d, DWORD [r11]
                            ; cmp r11, rcx
                            ; jne =>stub
                        );
                    }
                }
            }
            Opcode::GuardNotInvalidated => {
                // The watch cell's one byte.
                self.load_gpr(arg(0), R11);
                let stub = self.exit_stub(ExitKind::Guard(index), op.fail_args);
                dynasm!(self.asm
                    ; .arch x64
                    ; cmp BYTE [r11 + ferrite_gc::ARRAY_HEADER_SIZE as i32], 0
                    ; jne =>stub
                );
            }
            Opcode::GuardNoException | Opcode::GuardException => {
                // The call just before left the trampoline's status in rcx.
                let stub = self.exit_stub(ExitKind::Guard(index), op.fail_args);
                dynasm!(self.asm ; .arch x64 ; test ecx, ecx);
                if op.opcode == Opcode::GuardNoException {
                    dynasm!(self.asm ; .arch x64 ; jnz =>stub);
                } else {
                    dynasm!(self.asm ; .arch x64 ; jz =>stub);
                }
            }
            Opcode::SaveException => {
                self.call_take_exception();
                self.store_gpr(regalloc::RAX, result.unwrap());
            }
            Opcode::GuardNoOverflow | Opcode::GuardOverflow => {
                let stub = self.exit_stub(ExitKind::Guard(index), op.fail_args);
                if op.opcode == Opcode::GuardNoOverflow {
                    dynasm!(self.asm ; .arch x64 ; jo =>stub);
                } else {
                    dynasm!(self.asm ; .arch x64 ; jno =>stub);
                }
            }
            Opcode::IntAdd
            | Opcode::IntSub
            | Opcode::IntMul
            | Opcode::IntAnd
            | Opcode::IntOr
            | Opcode::IntXor
            | Opcode::IntAddOvf
            | Opcode::IntSubOvf
            | Opcode::IntMulOvf => self.binary(op),
            Opcode::IntLshift | Opcode::IntRshift | Opcode::UintRshift => {
                self.load_gpr(arg(0), R11);
                self.load_gpr(arg(1), RCX);
                match op.opcode {
                    Opcode::IntLshift => dynasm!(self.asm ; .arch x64 ; shl r11, cl),
                    Opcode::IntRshift => dynasm!(self.asm ; .arch x64 ; sar r11, cl),
                    _ => dynasm!(self.asm ; .arch x64 ; shr r11, cl),
                }
                self.store_gpr(R11, result.unwrap());
            }
            Opcode::IntNeg | Opcode::IntInvert => {
                self.load_gpr(arg(0), R11);
                if op.opcode == Opcode::IntNeg {
                    dynasm!(self.asm ; .arch x64 ; neg r11);
                } else {
                    dynasm!(self.asm ; .arch x64 ; not r11);
                }
                self.store_gpr(R11, result.unwrap());
            }
            Opcode::IntIsZero | Opcode::IntIsTrue => {
                self.load_gpr(arg(0), RCX);
                dynasm!(self.asm ; .arch x64 ; test rcx, rcx);
                if op.opcode == Opcode::IntIsZero {
                    dynasm!(self.asm ; .arch x64 ; setz r11b);
                } else {
                    dynasm!(self.asm ; .arch x64 ; setnz r11b);
                }
                self.store_flag(result.unwrap());
            }
            Opcode::IntLt
            | Opcode::IntLe
            | Opcode::IntEq
            | Opcode::IntNe
            | Opcode::IntGt
            | Opcode::IntGe
            | Opcode::UintLt
            | Opcode::UintLe
            | Opcode::UintGt
            | Opcode::UintGe
            | Opcode::PtrEq
            | Opcode::PtrNe => {
                if self.comparison(index, op) {
                    self.fused_guard = Some(index + 1);
                }
            }
            Opcode::FloatAdd | Opcode::FloatSub | Opcode::FloatMul | Opcode::FloatTruediv => {
                self.load_xmm(arg(0), 15);
                self.load_xmm(arg(1), 14);
                match op.opcode {
                    Opcode::FloatAdd => dynasm!(self.asm ; .arch x64 ; addsd xmm15, xmm14),
                    Opcode::FloatSub => dynasm!(self.asm ; .arch x64 ; subsd xmm15, xmm14),
                    Opcode::FloatMul => dynasm!(self.asm ; .arch x64 ; mulsd xmm15, xmm14),
                    _ => dynasm!(self.asm ; .arch x64 ; divsd xmm15, xmm14),
                }
                self.store_xmm(15, result.unwrap());
            }
            Opcode::FloatNeg | Opcode::FloatAbs => {
                self.load_xmm(arg(0), 15);
                let mask: i64 = if op.opcode == Opcode::FloatNeg {
                    i64::MIN
                } else {
                    i64::MAX
                };
                dynasm!(self.asm ; .arch x64 ; mov r11, QWORD mask ; movq xmm14, r11);
                if op.opcode == Opcode::FloatNeg {
                    dynasm!(self.asm ; .arch x64 ; xorpd xmm15, xmm14);
                } else {
                    dynasm!(self.asm ; .arch x64 ; andpd xmm15, xmm14);
                }
                self.store_xmm(15, result.unwrap());
            }
            Opcode::FloatLt
            | Opcode::FloatLe
            | Opcode::FloatEq
            | Opcode::FloatNe
            | Opcode::FloatGt
            | Opcode::FloatGe => {
                self.load_xmm(arg(0), 15);
                self.load_xmm(arg(1), 14);
                // "a < b" is "b > a": compare with the operands swapped so that an unordered
                // result (CF=ZF=PF=1) reads as false through `seta`/`setae`.
                match op.opcode {
                    Opcode::FloatLt => {
                        dynasm!(self.asm ; .arch x64 ; ucomisd xmm14, xmm15 ; seta r11b)
                    }
                    Opcode::FloatLe => {
                        dynasm!(self.asm ; .arch x64 ; ucomisd xmm14, xmm15 ; setae r11b)
                    }
                    Opcode::FloatGt => {
                        dynasm!(self.asm ; .arch x64 ; ucomisd xmm15, xmm14 ; seta r11b)
                    }
                    Opcode::FloatGe => {
                        dynasm!(self.asm ; .arch x64 ; ucomisd xmm15, xmm14 ; setae r11b)
                    }
                    Opcode::FloatEq => dynasm!(self.asm
                        ; .arch x64
                        ; ucomisd xmm15, xmm14
                        ; sete r11b
                        ; setnp cl
                        ; and r11b, cl
                    ),
                    _ => dynasm!(self.asm
                        ; .arch x64
                        ; ucomisd xmm15, xmm14
                        ; setne r11b
                        ; setp cl
                        ; or r11b, cl
                    ),
                }
                self.store_flag(result.unwrap());
            }
            Opcode::CastFloatToInt => {
                self.load_xmm(arg(0), 15);
                dynasm!(self.asm ; .arch x64 ; cvttsd2si r11, xmm15);
                self.store_gpr(R11, result.unwrap());
            }
            Opcode::CastIntToFloat => {
                self.load_gpr(arg(0), R11);
                dynasm!(self.asm ; .arch x64 ; cvtsi2sd xmm15, r11);
                self.store_xmm(15, result.unwrap());
            }
            Opcode::SameAsI | Opcode::SameAsR => {
                self.load_gpr(arg(0), R11);
                self.store_gpr(R11, result.unwrap());
            }
            Opcode::SameAsF => {
                self.load_xmm(arg(0), 15);
                self.store_xmm(15, result.unwrap());
            }
            Opcode::GetfieldGcI | Opcode::GetfieldGcR | Opcode::GetfieldGcF => {
                let (offset, kind) = field_slot(op.descr);
                self.load_gpr(arg(0), R11);
                self.load_slot(kind, offset, result.unwrap());
            }
            Opcode::SetfieldGc => {
                let (offset, kind) = field_slot(op.descr);
                self.load_gpr(arg(0), R11);
                if offset != 0 {
                    dynasm!(self.asm ; .arch x64 ; add r11, offset);
                }
                self.store_slot(kind, arg(1));
            }
            Opcode::ArraylenGc => {
                self.load_gpr(arg(0), R11);
                let length = ferrite_gc::ARRAY_LENGTH_OFFSET as i32;
                dynasm!(self.asm ; .arch x64 ; mov r11, QWORD [r11 + length]);
                self.store_gpr(R11, result.unwrap());
            }
            Opcode::GetarrayitemGcI | Opcode::GetarrayitemGcR | Opcode::GetarrayitemGcF => {
                let kind = element_kind(op.descr);
                self.element_address(kind, arg(0), arg(1));
                self.load_slot(kind, 0, result.unwrap());
            }
            Opcode::SetarrayitemGc => {
                let kind = element_kind(op.descr);
                self.element_address(kind, arg(0), arg(1));
                self.store_slot(kind, arg(2));
            }
            Opcode::New | Opcode::NewArray => self.allocation(index, op),
            Opcode::CallI | Opcode::CallR | Opcode::CallF | Opcode::CallN => self.call(op),
        }
    }

    /// A residual call: the arguments as words in a buffer on the machine stack, the result
    /// word after them, then the target's trampoline (see `ferrite_trace::calls`).
    fn call(&mut self, op: &Op<'a>) {
        let Some(Descr::Call(id)) = op.descr else {
            unreachable!("validated: a call descriptor")
        };
        let target = ferrite_trace::calls::target(id);
        let trampoline = target.trampoline as *const () as i64;
        let words = op.args.len() as i32 + 1;
        // Keep rsp 16-byte aligned.
        let bytes = (words * 8 + 15) & !15;
        dynasm!(self.asm ; .arch x64 ; sub rsp, bytes);
        for (slot, &arg) in op.args.iter().enumerate() {
            let displacement = 8 * slot as i32;
            if self.trace.operand_type(arg) == Some(Type::Float) {
                self.load_xmm(arg, 15);
                dynasm!(self.asm ; .arch x64 ; movsd QWORD [rsp + displacement], xmm15);
            } else {
                self.load_gpr(arg, R11);
                dynasm!(self.asm ; .arch x64 ; mov QWORD [rsp + displacement], r11);
            }
        }
        let result_displacement = 8 * (words - 1);
        // Values live across this call are in callee-saved registers or stack slots (the
        // allocator's rule), so nothing needs saving here.
        dynasm!(self.asm
            ; .arch x64
            ; mov rdi, rsp
            ; lea rsi, [rsp + result_displacement]
            ; mov r11, QWORD trampoline
            ; call r11
        );
        if target.effects.can_raise {
            // The status, for the `guard_no_exception` that follows (the result stores
            // below use only r11 and xmm15).
            dynasm!(self.asm ; .arch x64 ; mov ecx, eax);
        }
        if let Some(result) = op.result {
            if self.trace.value_type(result) == Type::Float {
                dynasm!(self.asm ; .arch x64 ; movsd xmm15, QWORD [rsp + result_displacement]);
                self.store_xmm(15, result);
            } else {
                dynasm!(self.asm ; .arch x64 ; mov r11, QWORD [rsp + result_displacement]);
                self.store_gpr(R11, result);
            }
        }
        dynasm!(self.asm ; .arch x64 ; add rsp, bytes);
    }

    /// r11 := the address of element `index` of array `array` (elements of `kind`).
    fn element_address(&mut self, kind: FieldKind, array: Operand, index: Operand) {
        let base = ferrite_gc::ARRAY_HEADER_SIZE as i32;
        let index_register = self.in_register(index, RCX);
        let array_register = self.in_register(array, R11);
        let (a, i) = (array_register, index_register);
        match kind.size() {
            1 => dynasm!(self.asm ; .arch x64 ; lea r11, [Rq(a) + Rq(i) + base]),
            2 => dynasm!(self.asm ; .arch x64 ; lea r11, [Rq(a) + Rq(i) * 2 + base]),
            4 => dynasm!(self.asm ; .arch x64 ; lea r11, [Rq(a) + Rq(i) * 4 + base]),
            _ => dynasm!(self.asm ; .arch x64 ; lea r11, [Rq(a) + Rq(i) * 8 + base]),
        }
    }

    /// Load the slot of `kind` at `[r11 + offset]` into `result`, widened as the IR says.
    fn load_slot(&mut self, kind: FieldKind, offset: i32, result: ValueId) {
        match kind {
            FieldKind::F64 => {
                dynasm!(self.asm ; .arch x64 ; movsd xmm15, QWORD [r11 + offset]);
                return self.store_xmm(15, result);
            }
            FieldKind::F32 => {
                dynasm!(self.asm ; .arch x64 ; cvtss2sd xmm15, DWORD [r11 + offset]);
                return self.store_xmm(15, result);
            }
            _ => {}
        }
        // Straight into the result's register when it has one.
        let dst = self.register_of(Operand::Value(result)).unwrap_or(RCX);
        match kind {
            FieldKind::Bool | FieldKind::U8 => {
                dynasm!(self.asm ; .arch x64 ; movzx Rd(dst), BYTE [r11 + offset])
            }
            FieldKind::I8 => dynasm!(self.asm ; .arch x64 ; movsx Rq(dst), BYTE [r11 + offset]),
            FieldKind::U16 => dynasm!(self.asm ; .arch x64 ; movzx Rd(dst), WORD [r11 + offset]),
            FieldKind::I16 => dynasm!(self.asm ; .arch x64 ; movsx Rq(dst), WORD [r11 + offset]),
            FieldKind::U32 => dynasm!(self.asm ; .arch x64 ; mov Rd(dst), DWORD [r11 + offset]),
            FieldKind::I32 => {
                dynasm!(self.asm ; .arch x64 ; movsxd Rq(dst), DWORD [r11 + offset])
            }
            _ => dynasm!(self.asm ; .arch x64 ; mov Rq(dst), QWORD [r11 + offset]),
        }
        if dst == RCX {
            self.store_gpr(RCX, result);
        }
    }

    /// Store `value` into the slot of `kind` at `[r11]`, narrowed as the IR says.
    fn store_slot(&mut self, kind: FieldKind, value: Operand) {
        match kind {
            FieldKind::F64 => {
                self.load_xmm(value, 15);
                dynasm!(self.asm ; .arch x64 ; movsd QWORD [r11], xmm15);
            }
            FieldKind::F32 => {
                self.load_xmm(value, 15);
                dynasm!(self.asm ; .arch x64 ; cvtsd2ss xmm15, xmm15 ; movss DWORD [r11], xmm15);
            }
            FieldKind::Bool => {
                self.load_gpr(value, RCX);
                dynasm!(self.asm ; .arch x64 ; test rcx, rcx ; setnz cl ; mov BYTE [r11], cl);
            }
            FieldKind::I8 | FieldKind::U8 => {
                let src = self.in_register(value, RCX);
                dynasm!(self.asm ; .arch x64 ; mov BYTE [r11], Rb(src));
            }
            FieldKind::I16 | FieldKind::U16 => {
                let src = self.in_register(value, RCX);
                dynasm!(self.asm ; .arch x64 ; mov WORD [r11], Rw(src));
            }
            FieldKind::I32 | FieldKind::U32 => {
                let src = self.in_register(value, RCX);
                dynasm!(self.asm ; .arch x64 ; mov DWORD [r11], Rd(src));
            }
            FieldKind::I64 | FieldKind::U64 | FieldKind::Ref | FieldKind::NullableRef => {
                let src = self.in_register(value, RCX);
                dynasm!(self.asm ; .arch x64 ; mov QWORD [r11], Rq(src));
            }
        }
    }

    /// `new` and `new_array`: call the allocation helper; null means the heap is full.
    fn allocation(&mut self, index: usize, op: &Op<'a>) {
        let (helper, id) = match op.descr {
            Some(Descr::Size(id)) => (helpers::new_object as *const () as usize, id),
            Some(Descr::Array(id)) => (helpers::new_array as *const () as usize, id),
            other => unreachable!("validated: allocation descriptor, got {other:?}"),
        };
        if op.opcode == Opcode::NewArray {
            self.load_gpr(op.args[0], RSI);
        }
        let id = id.as_u32() as i32;
        // Values live across this call are in callee-saved registers or stack slots (the
        // allocator's rule), so nothing needs saving here.
        dynasm!(self.asm
            ; .arch x64
            ; mov edi, id
            ; mov r11, QWORD helper as i64
            ; call r11
        );
        let out_of_memory = self.exit_stub(ExitKind::OutOfMemory(index), &[]);
        dynasm!(self.asm ; .arch x64 ; test rax, rax ; jz =>out_of_memory);
        self.store_gpr(regalloc::RAX, op.result.unwrap());
    }

    /// rax := the pending exception (see `helpers::take_exception`); clobbers the
    /// caller-saved registers.
    fn call_take_exception(&mut self) {
        let helper = helpers::take_exception as *const () as i64;
        dynasm!(self.asm ; .arch x64 ; mov r11, QWORD helper ; call r11);
    }

    fn stubs_and_epilogue(&mut self) {
        for stub in std::mem::take(&mut self.stubs) {
            let Stub {
                label,
                exit,
                values,
                known,
                slot,
            } = stub;
            dynasm!(self.asm ; .arch x64 ; =>label);
            let takes_exception = self.exits[exit].value_types.len() > values.len();
            for (slot, &value) in values.iter().enumerate() {
                let displacement = 8 * slot as i32;
                let value = match known {
                    Some((known, constant)) if value == Operand::Value(known) => {
                        Operand::Int(constant)
                    }
                    _ => value,
                };
                if self.trace.operand_type(value) == Some(Type::Float) {
                    self.load_xmm(value, 15);
                    dynasm!(self.asm ; .arch x64 ; movsd QWORD [r15 + displacement], xmm15);
                } else {
                    self.load_gpr(value, R11);
                    dynasm!(self.asm ; .arch x64 ; mov QWORD [r15 + displacement], r11);
                }
            }
            if takes_exception {
                // After the fail arguments, which the call may clobber, are stored.
                self.call_take_exception();
                let displacement = 8 * values.len() as i32;
                dynasm!(self.asm ; .arch x64 ; mov QWORD [r15 + displacement], rax);
            }
            let epilogue = self.epilogue;
            let number = (self.exit_base as usize + exit) as i32;
            match slot {
                Some(slot) => {
                    // Through the guard's slot: to the return stub below, or to a bridge.
                    let address = self.guard_slot_addresses[slot] as i64;
                    let return_label = self.guard_return_labels[slot];
                    dynasm!(self.asm
                        ; .arch x64
                        ; mov r11, QWORD address
                        ; jmp QWORD [r11]
                        ; =>return_label
                        ; mov eax, number
                        ; jmp =>epilogue
                    );
                }
                None => dynasm!(self.asm ; .arch x64 ; mov eax, number ; jmp =>epilogue),
            }
        }
        let epilogue = self.epilogue;
        dynasm!(self.asm
            ; .arch x64
            ; =>epilogue
            ; lea rsp, [rbp - SAVED_REGISTERS_BYTES]
            ; pop r15
            ; pop r14
            ; pop r13
            ; pop r12
            ; pop rbx
            ; pop rbp
            ; ret
        );
    }
}

fn field_slot(descr: Option<Descr>) -> (i32, FieldKind) {
    let Some(Descr::Field { owner, index }) = descr else {
        unreachable!("validated: a field descriptor")
    };
    let Some(ferrite_gc::Layout::Fixed { fields, .. }) =
        ferrite_gc::descriptor(owner).map(|d| &d.layout)
    else {
        unreachable!("validated: a fixed-size type")
    };
    let field = &fields[index as usize];
    (field.offset as i32, field.kind)
}

fn element_kind(descr: Option<Descr>) -> FieldKind {
    descr
        .and_then(|d| d.slot_kind())
        .expect("validated: an array descriptor")
}
