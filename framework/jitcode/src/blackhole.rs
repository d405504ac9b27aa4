//! The blackhole interpreter: runs jitcode on concrete values, recording nothing.
//!
//! When a guard fails in compiled code, the frames of the interpreter functions that were
//! running at that point are rebuilt from resume data and finished here, up to the next
//! merge point (that part comes with the tracer). Today it runs a jitcode to its return,
//! with hints as no-ops: the reference semantics of jitcode, which the tracer must agree
//! with. Calls between jitcodes push frames on an explicit stack, so the depth of the
//! interpreted program's recursion is limited by `MAX_DEPTH`, not by the Rust stack.
//!
//! Each frame's registers are three banks (integers, floats, references in a root
//! buffer, so objects stay alive across the allocations the code makes), each holding the
//! jitcode's registers followed by its constants.

use std::fmt;

use ferrite_gc::{AccessError, GcRef, RootVec, Scalar};
use ferrite_trace::exec::HeapError;
use ferrite_trace::Descr;

use crate::code::{JitCode, JitDescr, JitModule, Kind};
use crate::opcodes;
use crate::text::{decode, Decoded, Operand};

/// How deep jitcode calls may nest before the run stops with `StackOverflow` (an
/// interpreter turns that into its language's recursion error).
pub const MAX_DEPTH: usize = 100_000;

/// Why a run stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum BlackholeError {
    /// The arguments do not match the jitcode's parameters.
    BadArguments {
        expected: Vec<Kind>,
        given: Vec<Kind>,
    },
    /// A heap access failed (wrong type, bounds, heap full).
    Heap {
        jitcode: String,
        pc: usize,
        error: AccessError,
    },
    NullDereference {
        jitcode: String,
        pc: usize,
    },
    StackOverflow,
    StepLimit(u64),
    /// `exception` was raised (by a residual call or `raise`) at `pc` of `jitcode` and no
    /// handler caught it in any frame. `exception` is a bare handle (not a root): read it
    /// before allocating again.
    Uncaught {
        jitcode: String,
        pc: usize,
        exception: GcRef,
    },
}

impl fmt::Display for BlackholeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BlackholeError::BadArguments { expected, given } => {
                write!(f, "the jitcode takes {expected:?}, was given {given:?}")
            }
            BlackholeError::Heap { jitcode, pc, error } => write!(f, "{jitcode} at {pc}: {error}"),
            BlackholeError::NullDereference { jitcode, pc } => {
                write!(f, "{jitcode} at {pc}: null dereference")
            }
            BlackholeError::StackOverflow => write!(f, "calls nested deeper than {MAX_DEPTH}"),
            BlackholeError::StepLimit(steps) => write!(f, "no return after {steps} instructions"),
            BlackholeError::Uncaught {
                jitcode,
                pc,
                exception,
            } => write!(
                f,
                "{jitcode} at {pc}: uncaught exception {:#x}",
                exception.address()
            ),
        }
    }
}

impl std::error::Error for BlackholeError {}

struct Frame {
    code: usize,
    pc: usize,
    ints: Vec<i64>,
    floats: Vec<f64>,
    refs: RootVec<Option<GcRef>>,
    /// Where the result of the call this frame is making goes.
    result_register: Option<u8>,
}

impl Frame {
    fn new(index: usize, code: &JitCode) -> Frame {
        let registers = |kind| code.register_counts[kind as usize] as usize;
        let mut ints = vec![0; registers(0)];
        ints.extend(&code.int_constants);
        let mut floats = vec![0.0; registers(2)];
        floats.extend(&code.float_constants);
        let refs = RootVec::new();
        for _ in 0..registers(1) {
            refs.push(None);
        }
        for constant in code.ref_constants.to_vec() {
            refs.push(constant);
        }
        Frame {
            code: index,
            pc: 0,
            ints,
            floats,
            refs,
            result_register: None,
        }
    }

    fn set(&mut self, kind: Kind, register: u8, value: Scalar) {
        match (kind, value) {
            (Kind::Int, Scalar::Int(v)) => self.ints[register as usize] = v,
            (Kind::Float, Scalar::Float(v)) => self.floats[register as usize] = v,
            (Kind::Ref, Scalar::Ref(v)) => self.refs.set(register as usize, v),
            (kind, value) => unreachable!("a {value:?} in a {kind:?} register"),
        }
    }
}

/// A new frame for `code` with `arguments` in its parameter registers.
fn enter(module: &JitModule, index: usize, arguments: &[Scalar]) -> Result<Frame, BlackholeError> {
    let code = &module.codes[index];
    let fits = code.params.len() == arguments.len()
        && (code.params.iter().zip(arguments)).all(|(&(kind, _), &a)| kind == Kind::of_scalar(a));
    if !fits {
        return Err(BlackholeError::BadArguments {
            expected: code.params.iter().map(|&(kind, _)| kind).collect(),
            given: arguments.iter().map(|&a| Kind::of_scalar(a)).collect(),
        });
    }
    let mut frame = Frame::new(index, code);
    for (&(kind, register), &value) in code.params.iter().zip(arguments) {
        frame.set(kind, register, value);
    }
    Ok(frame)
}

/// A frame to start the blackhole from (rebuilt from resume data): registers by bank, as
/// many as the jitcode has (its constants are added here).
#[derive(Debug)]
pub struct FrameState {
    pub code: usize,
    pub pc: usize,
    pub ints: Vec<i64>,
    pub refs: Vec<Option<GcRef>>,
    pub floats: Vec<f64>,
    /// Where the result of the call this frame is making goes.
    pub result_register: Option<u8>,
}

/// Run jitcode `entry` of `module` on `arguments` to its return, for at most `max_steps`
/// instructions; the result is `None` for `void_return`.
pub fn run(
    module: &JitModule,
    entry: usize,
    arguments: &[Scalar],
    max_steps: u64,
) -> Result<Option<Scalar>, BlackholeError> {
    Machine::new(module, entry, arguments)?.run_to_return(max_steps)
}

/// Run from these frames (outermost first) until the outermost returns.
///
/// The caller must not allocate between building the states and this call: their
/// references are not roots until they are in the frames.
pub fn run_frames(
    module: &JitModule,
    states: Vec<FrameState>,
    max_steps: u64,
) -> Result<Option<Scalar>, BlackholeError> {
    Machine::from_states(module, states).run_to_return(max_steps)
}

/// Why a run stopped.
#[derive(Debug, PartialEq)]
pub enum Stop {
    /// The outermost frame returned this.
    Returned(Option<Scalar>),
    /// The outermost frame, running the portal, is at its `jit_merge_point` (only while
    /// `stop_at_merge_point` is set: the driver looks at the portal's entry).
    MergePoint,
    /// The outermost frame, running the portal, is at a `loop_header` (`can_enter_jit`):
    /// a back-edge of the user's program, where the driver counts and enters loops.
    LoopHeader,
}

/// A blackhole interpreter with its frames, which can stop at the portal's merge point and
/// be continued: the JIT driver's interpreter for jitcode that has no native version.
pub struct Machine<'m> {
    module: &'m JitModule,
    frames: Vec<Frame>,
    /// The exception a handler caught, for its `last_exc_value` (one slot, a root).
    last_exception: RootVec<Option<GcRef>>,
    /// The portal, whose loop headers (in the outermost frame) stop `run`.
    portal: Option<usize>,
    /// Whether the portal's merge point stops `run` too.
    stop_at_merge_point: bool,
}

impl<'m> Machine<'m> {
    pub fn new(
        module: &'m JitModule,
        entry: usize,
        arguments: &[Scalar],
    ) -> Result<Self, BlackholeError> {
        Ok(Machine {
            module,
            frames: vec![enter(module, entry, arguments)?],
            last_exception: exception_slot(),
            portal: None,
            stop_at_merge_point: false,
        })
    }

    /// A machine continuing from these frames (see `run_frames` on rooting).
    pub fn from_states(module: &'m JitModule, states: Vec<FrameState>) -> Self {
        let mut machine = Machine {
            module,
            frames: Vec::new(),
            last_exception: exception_slot(),
            portal: None,
            stop_at_merge_point: false,
        };
        machine.replace_frames(states);
        machine
    }

    /// Replace the frames (after compiled code ran and a guard failed, with the frames its
    /// resume data describes). The same rooting rule as `run_frames` applies.
    pub fn replace_frames(&mut self, states: Vec<FrameState>) {
        self.frames = states
            .into_iter()
            .map(|state| {
                let mut frame = Frame::new(state.code, &self.module.codes[state.code]);
                frame.pc = state.pc;
                frame.result_register = state.result_register;
                frame.ints[..state.ints.len()].copy_from_slice(&state.ints);
                frame.floats[..state.floats.len()].copy_from_slice(&state.floats);
                for (index, object) in state.refs.into_iter().enumerate() {
                    frame.refs.set(index, object);
                }
                frame
            })
            .collect();
    }

    /// Raise `exception` at the top frame's current instruction, as if that instruction had
    /// raised it: go to its handler, or unwind (after a guard failed because a residual call
    /// in compiled code raised, with the frames rebuilt at that call).
    pub fn raise(&mut self, exception: GcRef) -> Result<(), BlackholeError> {
        unwind(
            self.module,
            &mut self.frames,
            &mut self.last_exception,
            exception,
        )
    }

    /// Stop `run` at the loop headers of `portal` when it is the outermost frame, and at its
    /// merge point while `stop_at_merge_point` is set.
    pub fn stop_in_portal(&mut self, portal: usize, stop_at_merge_point: bool) {
        self.portal = Some(portal);
        self.stop_at_merge_point = stop_at_merge_point;
    }

    /// Stop at the portal's merge point, or no longer.
    pub fn set_stop_at_merge_point(&mut self, stop: bool) {
        self.stop_at_merge_point = stop;
    }

    /// Step over the merge point or loop header `run` stopped at.
    pub fn pass_hint(&mut self) {
        let frame = self.frames.last_mut().expect("a frame");
        frame.pc = decode(&self.module.codes[frame.code].code, frame.pc).next;
    }

    /// A register of the outermost frame (to read the greens and reds at the merge point).
    pub fn register(&self, kind: Kind, register: u8) -> Scalar {
        let frame = &self.frames[0];
        let r = register as usize;
        match kind {
            Kind::Int => Scalar::Int(frame.ints[r]),
            Kind::Float => Scalar::Float(frame.floats[r]),
            Kind::Ref => Scalar::Ref(frame.refs.get(r)),
        }
    }

    /// Set a register of the outermost frame (the reds at the merge point, after tracing
    /// ran an iteration whose code could not be used).
    pub fn set_register(&mut self, kind: Kind, register: u8, value: Scalar) {
        self.frames[0].set(kind, register, value);
    }

    fn run_to_return(&mut self, max_steps: u64) -> Result<Option<Scalar>, BlackholeError> {
        match self.run(max_steps)? {
            Stop::Returned(value) => Ok(value),
            Stop::MergePoint | Stop::LoopHeader => unreachable!("no portal to stop at"),
        }
    }

    /// Run until the outermost frame returns or (with a portal set) reaches the portal's
    /// merge point, for at most `max_steps` instructions.
    pub fn run(&mut self, max_steps: u64) -> Result<Stop, BlackholeError> {
        let module = self.module;
        let portal = self.portal;
        let stop_at_merge_point = self.stop_at_merge_point;
        let frames = &mut self.frames;
        let last_exception = &mut self.last_exception;
        let rules = rules();
        let mut steps = 0u64;
        loop {
            steps += 1;
            if steps > max_steps {
                return Err(BlackholeError::StepLimit(max_steps));
            }
            let depth = frames.len();
            let frame = frames.last_mut().expect("a frame");
            let code = &module.codes[frame.code];
            let pc = frame.pc;
            let decoded = decode(&code.code, pc);
            let rule = rules[decoded.opcode as usize];
            let register = |n: usize| match decoded.operands()[n] {
                Operand::Register(byte) => byte as usize,
                _ => unreachable!("a register operand"),
            };
            let int = |frame: &Frame, n: usize| frame.ints[register(n)];
            let float = |frame: &Frame, n: usize| frame.floats[register(n)];
            let reference = |frame: &Frame, n: usize| frame.refs.get(register(n));
            let label = |n: usize| match decoded.operands()[n] {
                Operand::Label(offset) => offset as usize,
                _ => unreachable!("a label operand"),
            };
            let descr = |n: usize| match decoded.operands()[n] {
                Operand::Descr(index) => &code.descrs[index as usize],
                _ => unreachable!("a descriptor operand"),
            };
            let flag = |b: bool| Scalar::Int(b as i64);
            let mut next = decoded.next;
            // The arithmetic is the trace IR's, evaluated by its one definition.
            if let Rule::Pure(opcode) = rule {
                let signature = opcodes::signature(decoded.opcode).expect("valid");
                let mut arguments = [Scalar::Int(0); 2];
                for ((n, code), argument) in signature.args.iter().enumerate().zip(&mut arguments) {
                    *argument = match code {
                        opcodes::ArgCode::Int => Scalar::Int(int(frame, n)),
                        opcodes::ArgCode::Float => Scalar::Float(float(frame, n)),
                        _ => Scalar::Ref(reference(frame, n)),
                    };
                }
                let count = signature.args.len();
                let value = ferrite_trace::exec::evaluate_pure(opcode, &arguments[..count]);
                let register = decoded.result.expect("pure instructions have a result");
                frame.set(Kind::of_scalar(value), register, value);
                frame.pc = next;
                continue;
            }
            // Heap accesses and allocation: the trace IR's, by its one definition too.
            if let Rule::Heap(opcode) = rule {
                let (arguments, count, descr) = heap_operands(frame, code, &decoded);
                let value = ferrite_trace::exec::evaluate_heap(opcode, descr, &arguments[..count])
                    .map_err(|error| match error {
                        HeapError::NullDereference => BlackholeError::NullDereference {
                            jitcode: code.name.clone(),
                            pc,
                        },
                        HeapError::Access(error) => BlackholeError::Heap {
                            jitcode: code.name.clone(),
                            pc,
                            error,
                        },
                    })?;
                if let (Some(register), Some(value)) = (decoded.result, value) {
                    frame.set(Kind::of_scalar(value), register, value);
                }
                frame.pc = next;
                continue;
            }
            let result: Option<Scalar> = match rule {
                Rule::Pure(_) | Rule::Heap(_) => unreachable!("handled above"),
                Rule::JumpIfOverflow(operation) => {
                    let (a, b) = (int(frame, 1), int(frame, 2));
                    let value = match operation {
                        Checked::Add => a.checked_add(b),
                        Checked::Sub => a.checked_sub(b),
                        Checked::Mul => a.checked_mul(b),
                    };
                    match value {
                        Some(value) => Some(Scalar::Int(value)),
                        None => {
                            frame.pc = label(0);
                            continue;
                        }
                    }
                }
                Rule::PtrIsZero => Some(flag(reference(frame, 0).is_none())),
                Rule::PtrNonZero => Some(flag(reference(frame, 0).is_some())),
                Rule::Copy(Kind::Int) => Some(Scalar::Int(int(frame, 0))),
                Rule::Copy(Kind::Float) => Some(Scalar::Float(float(frame, 0))),
                Rule::Copy(Kind::Ref) => Some(Scalar::Ref(reference(frame, 0))),
                Rule::Goto => {
                    frame.pc = label(0);
                    continue;
                }
                Rule::GotoIfNot => {
                    if int(frame, 0) == 0 {
                        next = label(1);
                    }
                    None
                }
                Rule::Switch => {
                    let value = int(frame, 0);
                    let JitDescr::Switch(cases) = descr(1) else {
                        unreachable!("a switch table")
                    };
                    if let Some(&(_, target)) = cases.iter().find(|(v, _)| *v == value) {
                        next = target as usize;
                    }
                    None
                }
                Rule::Return(kind) => {
                    let value = match kind {
                        Some(Kind::Int) => Some(Scalar::Int(int(frame, 0))),
                        Some(Kind::Float) => Some(Scalar::Float(float(frame, 0))),
                        Some(Kind::Ref) => Some(Scalar::Ref(reference(frame, 0))),
                        None => None,
                    };
                    frames.pop();
                    let Some(caller) = frames.last_mut() else {
                        return Ok(Stop::Returned(value));
                    };
                    if let (Some(register), Some(value)) = (caller.result_register.take(), value) {
                        caller.set(Kind::of_scalar(value), register, value);
                    }
                    continue;
                }
                Rule::InlineCall => {
                    let JitDescr::JitCode(callee) = *descr(0) else {
                        unreachable!("a jitcode")
                    };
                    let kinds = module.codes[callee].params.iter().map(|&(kind, _)| kind);
                    let arguments = gather_arguments(frame, &decoded.operands()[1..4], kinds);
                    frame.pc = decoded.next;
                    frame.result_register = decoded.result;
                    if frames.len() >= MAX_DEPTH {
                        return Err(BlackholeError::StackOverflow);
                    }
                    frames.push(enter(module, callee, &arguments)?);
                    continue;
                }
                Rule::ResidualCall => {
                    let JitDescr::Heap(Descr::Call(id)) = *descr(0) else {
                        unreachable!("a call target")
                    };
                    let target = ferrite_trace::calls::target(id);
                    let arguments = gather_arguments(
                        frame,
                        &decoded.operands()[1..4],
                        target.arguments.iter().map(|&ty| Kind::of_type(ty)),
                    );
                    match (target.function)(&arguments) {
                        Ok(value) => value,
                        Err(exception) => {
                            unwind(module, frames, last_exception, exception)?;
                            continue;
                        }
                    }
                }
                Rule::Raise => {
                    let Some(exception) = reference(frame, 0) else {
                        return Err(BlackholeError::NullDereference {
                            jitcode: code.name.clone(),
                            pc,
                        });
                    };
                    unwind(module, frames, last_exception, exception)?;
                    continue;
                }
                Rule::LastExcValue => Some(Scalar::Ref(last_exception.get(0))),
                Rule::GuardClass => match reference(frame, 0) {
                    Some(object) => Some(Scalar::Int(object.descriptor_id().as_u32() as i64)),
                    None => {
                        return Err(BlackholeError::NullDereference {
                            jitcode: code.name.clone(),
                            pc,
                        })
                    }
                },
                // Reached in the normal flow: nothing was raised.
                Rule::CatchException => None,
                Rule::MergePoint
                    if stop_at_merge_point && depth == 1 && portal == Some(frame.code) =>
                {
                    return Ok(Stop::MergePoint);
                }
                Rule::LoopHeader if depth == 1 && portal == Some(frame.code) => {
                    return Ok(Stop::LoopHeader);
                }
                // Hints: nothing to do when not tracing.
                Rule::MergePoint | Rule::LoopHeader | Rule::Hint => None,
            };
            if let (Some(register), Some(value)) = (decoded.result, result) {
                frame.set(Kind::of_scalar(value), register, value);
            }
            frame.pc = next;
        }
    }
}

fn exception_slot() -> RootVec<Option<GcRef>> {
    let slot = RootVec::new();
    slot.push(None);
    slot
}

/// The handler of an instruction that raised, given the offset just after it: the target
/// of the `catch_exception` there, if there is one.
pub fn handler_after(code: &JitCode, after: usize) -> Option<usize> {
    if after >= code.code.len() {
        return None;
    }
    let decoded = decode(&code.code, after);
    let catch = opcodes::opcode("catch_exception").expect("in the table");
    match decoded.operands() {
        [Operand::Label(target)] if decoded.opcode == catch => Some(*target as usize),
        _ => None,
    }
}

/// `exception` was raised by the top frame's current instruction: continue at the nearest
/// handler, leaving the frames that have none (each caller's pc is already past its call
/// instruction), with the exception in `last_exception`.
fn unwind(
    module: &JitModule,
    frames: &mut Vec<Frame>,
    last_exception: &mut RootVec<Option<GcRef>>,
    exception: GcRef,
) -> Result<(), BlackholeError> {
    let top = frames.last_mut().expect("a frame");
    let (raised_in, raised_at) = (top.code, top.pc);
    let mut after = decode(&module.codes[top.code].code, top.pc).next;
    loop {
        let frame = frames.last_mut().expect("a frame");
        if let Some(target) = handler_after(&module.codes[frame.code], after) {
            frame.pc = target;
            frame.result_register = None;
            last_exception.set(0, Some(exception));
            return Ok(());
        }
        frames.pop();
        match frames.last() {
            Some(caller) => after = caller.pc,
            None => {
                return Err(BlackholeError::Uncaught {
                    jitcode: module.codes[raised_in].name.clone(),
                    pc: raised_at,
                    exception,
                })
            }
        }
    }
}

/// Call arguments from the three register lists of a call (ints, refs, floats), in the
/// order of `kinds`: each kind's arguments come from its list in turn.
fn gather_arguments(
    frame: &Frame,
    lists: &[Operand],
    kinds: impl Iterator<Item = Kind>,
) -> Vec<Scalar> {
    let list = |n: usize| match &lists[n] {
        Operand::List(items) => items.iter(),
        _ => unreachable!("a register list"),
    };
    let (mut ints, mut refs, mut floats) = (list(0), list(1), list(2));
    kinds
        .map(|kind| match kind {
            Kind::Int => Scalar::Int(frame.ints[*ints.next().expect("an argument") as usize]),
            Kind::Float => {
                Scalar::Float(frame.floats[*floats.next().expect("an argument") as usize])
            }
            Kind::Ref => Scalar::Ref(frame.refs.get(*refs.next().expect("an argument") as usize)),
        })
        .collect()
}

/// A heap instruction's register operands as values (at most three) and its descriptor.
fn heap_operands(
    frame: &Frame,
    code: &JitCode,
    decoded: &Decoded,
) -> ([Scalar; 3], usize, Option<Descr>) {
    let signature = opcodes::signature(decoded.opcode).expect("valid");
    let mut arguments = [Scalar::Int(0); 3];
    let mut count = 0;
    let mut descr = None;
    for (&operand, &arg) in decoded.operands().iter().zip(&signature.args) {
        match operand {
            Operand::Register(register) => {
                let r = register as usize;
                arguments[count] = match arg {
                    opcodes::ArgCode::Int => Scalar::Int(frame.ints[r]),
                    opcodes::ArgCode::Float => Scalar::Float(frame.floats[r]),
                    _ => Scalar::Ref(frame.refs.get(r)),
                };
                count += 1;
            }
            Operand::Descr(index) => match code.descrs[index as usize] {
                JitDescr::Heap(heap) => descr = Some(heap),
                _ => unreachable!("a heap descriptor"),
            },
            _ => unreachable!("heap instructions take registers and a descriptor"),
        }
    }
    (arguments, count, descr)
}

/// What the blackhole does for an instruction, decided once per opcode (`rules`), so the
/// dispatch loop matches an enum rather than names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Rule {
    /// A pure trace IR operation under the same name.
    Pure(ferrite_trace::Opcode),
    /// A heap trace IR operation (see `heap_opcode`).
    Heap(ferrite_trace::Opcode),
    JumpIfOverflow(Checked),
    PtrIsZero,
    PtrNonZero,
    Copy(Kind),
    Goto,
    GotoIfNot,
    Switch,
    Return(Option<Kind>),
    InlineCall,
    ResidualCall,
    Raise,
    LastExcValue,
    CatchException,
    GuardClass,
    MergePoint,
    LoopHeader,
    /// Hints with nothing to do when not tracing.
    Hint,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Checked {
    Add,
    Sub,
    Mul,
}

/// The rule of every opcode, by opcode.
fn rules() -> &'static [Rule] {
    static TABLE: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..opcodes::INSTRUCTIONS.len())
            .map(|opcode| {
                let name = opcodes::signature(opcode as u8).expect("in the table").name;
                let operation = ferrite_trace::Opcode::from_name(name);
                if let Some(pure) =
                    operation.filter(|op| op.info().class == ferrite_trace::Class::Pure)
                {
                    return Rule::Pure(pure);
                }
                // Stores carry the IR's untyped name (`setfield_gc_i` is `setfield_gc`).
                let untyped = name
                    .strip_suffix("_i")
                    .or_else(|| name.strip_suffix("_r"))
                    .or_else(|| name.strip_suffix("_f"))
                    .filter(|_| name.starts_with("set"));
                if let Some(heap) = operation
                    .or_else(|| untyped.and_then(ferrite_trace::Opcode::from_name))
                    .filter(|&op| ferrite_trace::exec::is_heap_operation(op))
                {
                    return Rule::Heap(heap);
                }
                match name {
                    "int_add_jump_if_ovf" => Rule::JumpIfOverflow(Checked::Add),
                    "int_sub_jump_if_ovf" => Rule::JumpIfOverflow(Checked::Sub),
                    "int_mul_jump_if_ovf" => Rule::JumpIfOverflow(Checked::Mul),
                    "ptr_iszero" => Rule::PtrIsZero,
                    "ptr_nonzero" => Rule::PtrNonZero,
                    "int_copy" => Rule::Copy(Kind::Int),
                    "ref_copy" => Rule::Copy(Kind::Ref),
                    "float_copy" => Rule::Copy(Kind::Float),
                    "goto" => Rule::Goto,
                    "goto_if_not" => Rule::GotoIfNot,
                    "switch" => Rule::Switch,
                    "int_return" => Rule::Return(Some(Kind::Int)),
                    "ref_return" => Rule::Return(Some(Kind::Ref)),
                    "float_return" => Rule::Return(Some(Kind::Float)),
                    "void_return" => Rule::Return(None),
                    "inline_call_v" | "inline_call_i" | "inline_call_r" | "inline_call_f" => {
                        Rule::InlineCall
                    }
                    "residual_call_v" | "residual_call_i" | "residual_call_r"
                    | "residual_call_f" => Rule::ResidualCall,
                    "raise" => Rule::Raise,
                    "last_exc_value" => Rule::LastExcValue,
                    "catch_exception" => Rule::CatchException,
                    "guard_class" => Rule::GuardClass,
                    "jit_merge_point" => Rule::MergePoint,
                    "loop_header" => Rule::LoopHeader,
                    "-live-" | "int_guard_value" | "ref_guard_value" | "float_guard_value"
                    | "record_exact_class" => Rule::Hint,
                    other => panic!("no blackhole rule for `{other}`"),
                }
            })
            .collect()
    })
}

/// The trace IR heap operation (see `ferrite_trace::exec::is_heap_operation`) a jitcode
/// instruction is: the same name, or for stores the IR's untyped name (`setfield_gc_i` is
/// `setfield_gc`).
pub fn heap_opcode(opcode: u8) -> Option<ferrite_trace::Opcode> {
    match rules()[opcode as usize] {
        Rule::Heap(operation) => Some(operation),
        _ => None,
    }
}

/// The trace IR operation a jitcode instruction is, if it is one of the IR's pure
/// operations under the same name (`int_add`, `float_lt`, `cast_int_to_float`, `ptr_eq`…).
pub fn pure_opcode(opcode: u8) -> Option<ferrite_trace::Opcode> {
    match rules()[opcode as usize] {
        Rule::Pure(operation) => Some(operation),
        _ => None,
    }
}
