//! The tracer: runs an interpreter's jitcode on concrete values, like the blackhole
//! interpreter, while recording what it does as trace IR.
//!
//! Every register holds a concrete value and the trace operand that computes it. Tracing
//! starts at the portal's `jit_merge_point`: greens become constants, reds the trace's
//! inputs (and its label). Operations on constants fold; the rest are recorded. Where the
//! concrete run took one way of a decision that depends on a non-constant value — a branch,
//! a `switch`, an overflow check, a `promote` — a guard records that the trace is only
//! valid that way, with a resume snapshot: the whole stack of jitcode frames, each register
//! given as a constant or as one of the guard's fail arguments. The top frame resumes at the
//! guarding instruction itself, so the blackhole interpreter re-executes it with the real
//! value and takes the other way. Calls of other jitcodes are traced through; residual
//! calls are recorded. The loop closes when the portal's merge point comes round again with
//! the same greens: the trace jumps back to its label with the reds.

use std::collections::HashMap;
use std::fmt;

use bumpalo::Bump;
use ferrite_gc::{GcRef, RootVec, Scalar};
use ferrite_jitcode::blackhole::{handler_after, heap_opcode, pure_opcode};
use ferrite_jitcode::opcodes::{self, ArgCode};
use ferrite_jitcode::text::{decode, Decoded, Operand as CodeOperand};
use ferrite_jitcode::{FrameState, JitDescr, JitModule, Kind};
use ferrite_trace::exec::evaluate_heap;
use ferrite_trace::{CallId, Descr, Opcode, Operand, Trace, Type, ValueId, Values};

use crate::quasi_immutable::{quasi_immutable_field, Watch};
use crate::resume::{source_value, FrameResume, Resume, Source};
use crate::virtualizable::{write_back, TracedVirtualizable, VirtualizableResume};

/// A recorded trace: a loop, or code that ends by returning from the portal.
pub struct Recorded<'a> {
    pub trace: Trace<'a>,
    /// For each guard (by operation index), its resume data.
    pub resumes: Vec<(usize, Resume)>,
    /// How it ends, and where the program is: tracing ran the code for real.
    pub end: End,
    /// If the trace read quasi-immutable fields as constants: the watch cell its
    /// `guard_not_invalidated`s check (an `Operand::Ref`; the tracer registered it with
    /// each field).
    pub watch_cell: Option<Operand>,
}

/// How a recorded trace ends.
#[derive(Debug)]
pub enum End {
    /// With a `jump` back to the loop: the reds at the end of the traced iteration (the
    /// `jump`'s values), from which the program continues.
    Jumped(Values),
    /// With `finish`: the portal returned this (no value, or one).
    Returned(Values),
    /// With `finish` at the merge point of another green key that has machine code: the
    /// exit's tag (what `Tracer::exits` gave for the key) and the reds there.
    Entered(i64, Values),
}

/// The first value of every `finish` of a trace: what the exit means.
pub const FINISH_RETURNED: i64 = 0;

/// Tracing stopped without a loop, and where the program is now: tracing runs the program
/// for real, so whoever called the tracer continues from this state.
#[derive(Debug)]
pub struct Aborted {
    pub reason: Abort,
    pub state: AbortState,
    /// For a trace that grew too long: the greens of the merge point it passed most often
    /// without closing (an inner loop it was unrolling), which should get a loop of its own
    /// so that the next attempt can end there.
    pub unrolled: Option<Vec<Scalar>>,
}

/// The program's state when tracing stopped.
#[derive(Debug)]
pub enum AbortState {
    /// The jitcode frames, to continue in the blackhole (at the instruction tracing stopped
    /// before). Their references are not roots: hand them to the blackhole before
    /// allocating.
    Frames(Vec<FrameState>),
    /// `exception` was raised at `pc` of jitcode `code` and no frame caught it: the
    /// program ends with it. A bare handle, like the frames' references.
    Raised {
        code: usize,
        pc: usize,
        exception: GcRef,
    },
}

/// Why tracing stopped without a loop.
#[derive(Clone, Debug, PartialEq)]
pub enum Abort {
    /// The trace passed `trace_limit` operations.
    TooLong,
    /// The jitcode failed (a heap error, bad arguments): the interpreter's bug, or its error
    /// path, which the blackhole will report when it runs the same code.
    Failed(String),
    /// An exception left the outermost frame.
    Raised,
}

impl fmt::Display for Abort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Abort::TooLong => f.write_str("trace too long"),
            Abort::Failed(message) => write!(f, "the traced code failed: {message}"),
            Abort::Raised => f.write_str("an exception left the portal"),
        }
    }
}

/// The registers named by a `jit_merge_point`: greens then reds, each by bank.
#[derive(Clone, Debug)]
pub struct MergePoint {
    /// Offset of the `jit_merge_point` instruction in the portal.
    pub pc: usize,
    /// Offset of the next instruction.
    pub next: usize,
    pub greens: Vec<(Kind, u8)>,
    pub reds: Vec<(Kind, u8)>,
    /// The driver's virtualizable, by its place in `reds`.
    pub virtualizable: Option<usize>,
}

/// The portal's merge point.
pub fn merge_point(module: &JitModule, portal: usize) -> Option<MergePoint> {
    let code = &module.codes[portal].code;
    let target = opcodes::opcode("jit_merge_point").expect("in the table");
    let mut pc = 0;
    while pc < code.len() {
        let decoded = decode(code, pc);
        if decoded.opcode == target {
            let lists = |from: usize| {
                [Kind::Int, Kind::Ref, Kind::Float]
                    .iter()
                    .zip(&decoded.operands()[from..from + 3])
                    .flat_map(|(&kind, operand)| match operand {
                        CodeOperand::List(items) => {
                            items.iter().map(move |&r| (kind, r)).collect::<Vec<_>>()
                        }
                        _ => unreachable!("register lists"),
                    })
                    .collect::<Vec<_>>()
            };
            let reds = lists(4);
            let virtualizable = match code_descr(module, portal, &decoded) {
                JitDescr::Driver {
                    virtualizable: Some(place),
                    ..
                } => {
                    // Its place among the reference reds, which follow the integer ones.
                    let ints = reds.iter().filter(|(kind, _)| *kind == Kind::Int).count();
                    Some(ints + place as usize)
                }
                _ => None,
            };
            return Some(MergePoint {
                pc,
                next: decoded.next,
                greens: lists(1),
                reds,
                virtualizable,
            });
        }
        pc = decoded.next;
    }
    None
}

/// The descriptor operand (the first) of a decoded instruction of jitcode `code`.
fn code_descr(module: &JitModule, code: usize, decoded: &Decoded) -> JitDescr {
    match decoded.operands()[0] {
        CodeOperand::Descr(index) => module.codes[code].descrs[index as usize].clone(),
        _ => unreachable!("a descriptor operand"),
    }
}

/// A frame being traced: each register's concrete value and its trace operand.
pub(crate) struct TracedFrame {
    code: usize,
    pc: usize,
    ints: Vec<i64>,
    floats: Vec<f64>,
    refs: RootVec<Option<GcRef>>,
    int_ops: Vec<Operand>,
    float_ops: Vec<Operand>,
    ref_ops: Vec<Operand>,
    result_register: Option<u8>,
}

pub(crate) struct Tracer<'m, 'a> {
    module: &'m JitModule,
    pub(crate) trace: Trace<'a>,
    pub(crate) frames: Vec<TracedFrame>,
    /// The exception a handler caught, for its `last_exc_value`: the object (one slot, a
    /// root) and its trace operand.
    last_exception: (RootVec<Option<GcRef>>, Operand),
    /// The trace values whose class (GC type id) is known: guarded, promised by
    /// `record_exact_class`, or allocated in the trace. Such values are also non-null.
    known_classes: HashMap<ValueId, i64>,
    /// The loop-invariant calls recorded so far: target, arguments, result.
    invariant_calls: Vec<(CallId, Vec<Operand>, Option<Operand>)>,
    resumes: Vec<(usize, Resume)>,
    limit: usize,
    /// Whether a green key has machine code to go on in, and the tag of the `finish` that
    /// leaves for it (at least 1; `FINISH_RETURNED` is the portal returning).
    exits: &'m mut Exits<'m>,
    /// How often the trace passed each other merge point that had no machine code (by green
    /// key), with its greens.
    passed: HashMap<crate::driver::GreenKey, (u32, Vec<Scalar>)>,
    /// The quasi-immutable fields read as constants so far, and the watch cell.
    pub(crate) watch: Option<Watch>,
    /// The driver's virtualizable, if it has one.
    pub(crate) virtualizable: Option<TracedVirtualizable>,
}

/// The exits of a trace being recorded: for a green key other than the trace's own that
/// has machine code, the tag of the `finish` that goes on there (see `End::Entered`).
pub type Exits<'e> = dyn FnMut(&[Scalar]) -> Option<i64> + 'e;

/// Trace one iteration of the portal's loop, from its merge point with these greens and
/// reds (in the merge point's order), stopping after `limit` operations.
pub fn trace_loop<'a>(
    arena: &'a Bump,
    module: &JitModule,
    portal: usize,
    greens: &[Scalar],
    reds: &[Scalar],
    limit: usize,
    exits: &mut Exits,
) -> Result<Recorded<'a>, Aborted> {
    let merge = merge_point(module, portal).unwrap_or_else(|| {
        panic!(
            "{} has no jit_merge_point: it is not a portal",
            module.codes[portal].name
        )
    });
    let red_types: Vec<Type> = merge.reds.iter().map(|&(kind, _)| kind.to_type()).collect();
    let mut tracer = Tracer::new(module, Trace::new(arena, &red_types), limit, exits);
    let mut frame = tracer.new_frame(portal);
    for (&(kind, register), &value) in merge.greens.iter().zip(greens) {
        let operand = tracer.constant(value);
        frame.set(kind, register, value, operand);
    }
    let mut label = Vec::new();
    for (index, (&(kind, register), &value)) in merge.reds.iter().zip(reds).enumerate() {
        let operand = tracer.trace.input(index);
        frame.set(kind, register, value, operand);
        label.push(operand);
    }
    // A guard before the label (the virtualizable's array lengths) resumes after the merge
    // point, where the reds are the inputs.
    frame.pc = merge.next;
    tracer.frames.push(frame);
    if let Some(place) = merge.virtualizable {
        let (kind, register) = merge.reds[place];
        let (value, operand) = tracer.frames[0].get(kind, register);
        if let Err(reason) = tracer.start_virtualizable(value, operand) {
            return tracer.stopped(reason.into());
        }
        let virtualizable = tracer.virtualizable.as_mut().expect("just started");
        label.extend(virtualizable.label_args());
        // From the second iteration on, the label's values are the previous iteration's,
        // which compiled code did not store.
        virtualizable.mark_all_dirty();
    }
    tracer.record(Opcode::Label, &label, None);
    tracer.finish(portal, &merge, greens)
}

/// Trace a bridge: from the frames of a failed guard (its resume data, with `values` as its
/// fail arguments and `constants` the parent trace's reference constants) until the
/// portal's merge point comes round with the loop's `greens`, where the bridge jumps to the
/// loop's label. The guarding instruction is executed first, with the value that failed it.
///
/// `label_types` are the types of the loop's label (the reds, then what it carries for the
/// virtualizable). A bridge whose virtualizable does not fit that label (other array
/// lengths) ends by leaving for the loop's start instead of jumping to its label.
#[allow(clippy::too_many_arguments)]
pub fn trace_bridge<'a>(
    arena: &'a Bump,
    module: &JitModule,
    portal: usize,
    greens: &[Scalar],
    label_types: &[Type],
    resume: &Resume,
    values: &Values,
    constants: &RootVec<GcRef>,
    limit: usize,
    exits: &mut Exits,
) -> Result<Recorded<'a>, Aborted> {
    let merge = merge_point(module, portal).expect("a portal");
    let input_types: Vec<Type> = (0..values.len())
        .map(|i| Type::of_scalar(values.get(i)))
        .collect();
    let mut tracer = Tracer::new(
        module,
        Trace::new_bridge(arena, &input_types, label_types),
        limit,
        exits,
    );
    if let Some(saved) = &resume.virtualizable {
        // The blackhole is not the only one that reads the frame from the heap: tracing
        // runs the program for real, so the frame must be up to date first.
        let value = |source: &Source| source_value(source, constants, values);
        if let Err(error) = write_back(saved, &value) {
            let reason = Abort::Failed(format!("writing the virtualizable back: {error}"));
            return tracer.stopped(reason.into());
        }
    }
    for frame_resume in &resume.frames {
        let mut frame = tracer.new_frame(frame_resume.code);
        frame.pc = frame_resume.pc;
        frame.result_register = frame_resume.result_register;
        for (kind, sources) in [
            (Kind::Int, &frame_resume.ints),
            (Kind::Ref, &frame_resume.refs),
            (Kind::Float, &frame_resume.floats),
        ] {
            for (register, source) in sources.iter().enumerate() {
                let (value, operand) = tracer.bridge_input(source, values, constants);
                frame.set(kind, register as u8, value, operand);
            }
        }
        tracer.frames.push(frame);
    }
    match (&resume.virtualizable, merge.virtualizable) {
        (Some(saved), _) => tracer.resume_virtualizable(saved, values, constants),
        (None, Some(place)) => {
            // A guard before the loop's label (the virtualizable's array lengths): the
            // bridge starts after the merge point, reading the frame as a loop does.
            let (kind, register) = merge.reds[place];
            let (value, operand) = tracer.frames[0].get(kind, register);
            if let Err(reason) = tracer.start_virtualizable(value, operand) {
                return tracer.stopped(reason.into());
            }
        }
        (None, None) => {}
    }
    if resume.raising {
        // The call at the top frame raised in compiled code: the exception is the last
        // value, and the bridge starts by raising it there.
        let last = values.len() - 1;
        let Scalar::Ref(Some(exception)) = values.get(last) else {
            unreachable!("a raising guard's failure carries the exception")
        };
        if let Err(stopped) = tracer.unwind(exception, tracer.trace.input(last)) {
            return tracer.stopped(stopped);
        }
    }
    tracer.finish(portal, &merge, greens)
}

impl<'m, 'a> Tracer<'m, 'a> {
    /// A tracer with no frames yet, recording into `trace`.
    fn new(
        module: &'m JitModule,
        trace: Trace<'a>,
        limit: usize,
        exits: &'m mut Exits<'m>,
    ) -> Self {
        let exception = RootVec::new();
        exception.push(None);
        Tracer {
            module,
            trace,
            frames: Vec::new(),
            last_exception: (exception, Operand::Null),
            known_classes: HashMap::new(),
            invariant_calls: Vec::new(),
            resumes: Vec::new(),
            limit,
            exits,
            passed: HashMap::new(),
            watch: None,
            virtualizable: None,
        }
    }
}

impl<'a> Tracer<'_, 'a> {
    /// Run to the loop's closing and package the outcome.
    fn finish(
        mut self,
        portal: usize,
        merge: &MergePoint,
        greens: &[Scalar],
    ) -> Result<Recorded<'a>, Aborted> {
        match self.run(portal, merge, greens) {
            Ok((None, end_reds)) => Ok(Recorded {
                trace: self.trace,
                resumes: self.resumes,
                end: End::Jumped(Values::from_scalars(&end_reds)),
                watch_cell: self.watch.map(|w| w.cell),
            }),
            Ok((Some(tag), end_reds)) => Ok(Recorded {
                trace: self.trace,
                resumes: self.resumes,
                end: End::Entered(tag, Values::from_scalars(&end_reds)),
                watch_cell: self.watch.map(|w| w.cell),
            }),
            Err(stopped) => self.stopped(stopped),
        }
    }

    /// Package a stop without a loop.
    fn stopped(mut self, stopped: Stopped) -> Result<Recorded<'a>, Aborted> {
        match stopped {
            Stopped::Returned(value) => {
                // The portal returned: the trace finishes with its result.
                let (values, operands): (Vec<Scalar>, Vec<Operand>) = value.into_iter().unzip();
                let tagged: Vec<Operand> = std::iter::once(Operand::Int(FINISH_RETURNED))
                    .chain(operands)
                    .collect();
                self.sync_virtualizable();
                self.record(Opcode::Finish, &tagged, None);
                Ok(Recorded {
                    trace: self.trace,
                    resumes: self.resumes,
                    end: End::Returned(Values::from_scalars(&values)),
                    watch_cell: self.watch.map(|w| w.cell),
                })
            }
            Stopped::Abort(reason) => Err(Aborted {
                unrolled: (reason == Abort::TooLong)
                    .then(|| self.passed.values().max_by_key(|(count, _)| *count))
                    .flatten()
                    .map(|(_, greens)| greens.clone()),
                reason,
                state: AbortState::Frames(self.frame_states()),
            }),
            Stopped::Raised {
                code,
                pc,
                exception,
            } => Err(Aborted {
                reason: Abort::Raised,
                unrolled: None,
                state: AbortState::Raised {
                    code,
                    pc,
                    exception,
                },
            }),
        }
    }
}

/// How `Tracer::run` ended without closing the loop.
enum Stopped {
    Returned(Option<(Scalar, Operand)>),
    Abort(Abort),
    Raised {
        code: usize,
        pc: usize,
        exception: GcRef,
    },
}

impl From<Abort> for Stopped {
    fn from(reason: Abort) -> Self {
        Stopped::Abort(reason)
    }
}

impl TracedFrame {
    fn set(&mut self, kind: Kind, register: u8, value: Scalar, operand: Operand) {
        let r = register as usize;
        match (kind, value) {
            (Kind::Int, Scalar::Int(v)) => (self.ints[r], self.int_ops[r]) = (v, operand),
            (Kind::Float, Scalar::Float(v)) => (self.floats[r], self.float_ops[r]) = (v, operand),
            (Kind::Ref, Scalar::Ref(v)) => {
                self.refs.set(r, v);
                self.ref_ops[r] = operand;
            }
            (kind, value) => unreachable!("a {value:?} in a {kind:?} register"),
        }
    }

    fn get(&self, kind: Kind, register: u8) -> (Scalar, Operand) {
        let r = register as usize;
        match kind {
            Kind::Int => (Scalar::Int(self.ints[r]), self.int_ops[r]),
            Kind::Float => (Scalar::Float(self.floats[r]), self.float_ops[r]),
            Kind::Ref => (Scalar::Ref(self.refs.get(r)), self.ref_ops[r]),
        }
    }
}

/// The bank of a register argument code.
fn kind_of_code(code: ArgCode) -> Kind {
    code.kind().expect("a register argument")
}

pub(crate) fn is_constant(operand: Operand) -> bool {
    !matches!(operand, Operand::Value(_))
}

impl<'a> Tracer<'_, 'a> {
    pub(crate) fn constant(&mut self, value: Scalar) -> Operand {
        match value {
            Scalar::Int(v) => Operand::Int(v),
            Scalar::Float(v) => Operand::Float(v),
            Scalar::Ref(None) => Operand::Null,
            Scalar::Ref(Some(object)) => self.trace.add_ref_constant(object),
        }
    }

    /// A frame for `code` whose registers are unset (zero) and whose constants are
    /// constants.
    fn new_frame(&mut self, index: usize) -> TracedFrame {
        let code = &self.module.codes[index];
        let counts = code.register_counts.map(|c| c as usize);
        let mut frame = TracedFrame {
            code: index,
            pc: 0,
            ints: vec![0; counts[0]],
            floats: vec![0.0; counts[2]],
            refs: RootVec::new(),
            int_ops: vec![Operand::Int(0); counts[0]],
            float_ops: vec![Operand::Float(0.0); counts[2]],
            ref_ops: vec![Operand::Null; counts[1]],
            result_register: None,
        };
        for _ in 0..counts[1] {
            frame.refs.push(None);
        }
        frame.ints.extend(&code.int_constants);
        frame
            .int_ops
            .extend(code.int_constants.iter().map(|&v| Operand::Int(v)));
        frame.floats.extend(&code.float_constants);
        frame
            .float_ops
            .extend(code.float_constants.iter().map(|&v| Operand::Float(v)));
        for constant in code.ref_constants.to_vec() {
            frame.refs.push(constant);
            let operand = self.constant(Scalar::Ref(constant));
            frame.ref_ops.push(operand);
        }
        frame
    }

    pub(crate) fn record(
        &mut self,
        opcode: Opcode,
        args: &[Operand],
        descr: Option<Descr>,
    ) -> Option<Operand> {
        self.trace
            .push(opcode, args, descr, &[])
            .unwrap_or_else(|e| panic!("the tracer recorded an invalid operation: {e}"))
    }

    /// Record a guard whose failure resumes at the current instruction of the top frame.
    pub(crate) fn guard(&mut self, opcode: Opcode, args: &[Operand]) {
        let mut fail_args: Vec<Operand> = Vec::new();
        let mut source = |operand: Operand| match operand {
            Operand::Value(_) => {
                Source::FailArg(match fail_args.iter().position(|&f| f == operand) {
                    Some(index) => index,
                    None => {
                        fail_args.push(operand);
                        fail_args.len() - 1
                    }
                })
            }
            Operand::Int(v) => Source::Int(v),
            Operand::Float(v) => Source::Float(v),
            Operand::Ref(k) => Source::RefConstant(k),
            Operand::Null => Source::Null,
        };
        let mut frames = Vec::new();
        for frame in &self.frames {
            let code = &self.module.codes[frame.code];
            let counts = code.register_counts.map(|c| c as usize);
            // Registers dead at the resume point are rebuilt as zero, not carried.
            let live = code.liveness().at(frame.pc);
            let mut bank = |operands: &[Operand], kind: Kind, dead: Source| -> Vec<Source> {
                operands[..counts[kind.index()]]
                    .iter()
                    .enumerate()
                    .map(|(register, &operand)| match live {
                        Some(live) if !live[kind.index()].contains(register as u8) => dead.clone(),
                        _ => source(operand),
                    })
                    .collect()
            };
            frames.push(FrameResume {
                code: frame.code,
                pc: frame.pc,
                ints: bank(&frame.int_ops, Kind::Int, Source::Int(0)),
                refs: bank(&frame.ref_ops, Kind::Ref, Source::Null),
                floats: bank(&frame.float_ops, Kind::Float, Source::Float(0.0)),
                result_register: frame.result_register,
            });
        }
        // What may differ from the heap goes with the guard.
        let virtualizable = self.virtualizable.as_ref().map(|v| {
            let object = source(v.object);
            let arrays = v.arrays.iter().map(|&a| source(a)).collect();
            let mut dirty_source =
                |(&operand, &dirty): (&Operand, &bool)| dirty.then(|| source(operand));
            VirtualizableResume {
                layout: v.layout.clone(),
                object,
                fields: v
                    .fields
                    .iter()
                    .zip(&v.field_dirty)
                    .map(&mut dirty_source)
                    .collect(),
                arrays,
                items: v
                    .items
                    .iter()
                    .zip(&v.item_dirty)
                    .map(|(items, dirty)| items.iter().zip(dirty).map(&mut dirty_source).collect())
                    .collect(),
            }
        });
        self.trace
            .push(opcode, args, None, &fail_args)
            .unwrap_or_else(|e| panic!("the tracer recorded an invalid guard: {e}"));
        let resume = Resume {
            frames,
            raising: opcode == Opcode::GuardNoException,
            virtualizable,
        };
        self.resumes.push((self.trace.ops().len() - 1, resume));
    }

    /// `exception` (with its trace operand) was raised by the top frame's current
    /// instruction: continue at the nearest handler, leaving the frames that have none,
    /// as the blackhole interpreter does.
    fn unwind(&mut self, exception: GcRef, operand: Operand) -> Result<(), Stopped> {
        let top = self.frames.last().expect("a frame");
        let (code, pc) = (top.code, top.pc);
        let mut after = decode(&self.module.codes[code].code, pc).next;
        loop {
            let frame = self.frames.last_mut().expect("a frame");
            if let Some(target) = handler_after(&self.module.codes[frame.code], after) {
                frame.pc = target;
                frame.result_register = None;
                self.last_exception.0.set(0, Some(exception));
                self.last_exception.1 = operand;
                return Ok(());
            }
            self.frames.pop();
            match self.frames.last() {
                Some(caller) => after = caller.pc,
                None => {
                    return Err(Stopped::Raised {
                        code,
                        pc,
                        exception,
                    })
                }
            }
        }
    }

    fn top(&mut self) -> &mut TracedFrame {
        self.frames.last_mut().expect("a frame")
    }

    /// The operand `n` of `decoded` as (value, trace operand), for a register operand of
    /// bank `kind`.
    fn arg(&self, decoded: &Decoded, n: usize, kind: Kind) -> (Scalar, Operand) {
        let CodeOperand::Register(register) = decoded.operands()[n] else {
            unreachable!("a register operand")
        };
        self.frames.last().expect("a frame").get(kind, register)
    }

    /// The frames' concrete state, for the blackhole to continue from.
    fn frame_states(&self) -> Vec<FrameState> {
        self.frames
            .iter()
            .map(|frame| {
                let counts = self.module.codes[frame.code]
                    .register_counts
                    .map(|c| c as usize);
                FrameState {
                    code: frame.code,
                    pc: frame.pc,
                    ints: frame.ints[..counts[0]].to_vec(),
                    refs: (0..counts[1]).map(|r| frame.refs.get(r)).collect(),
                    floats: frame.floats[..counts[2]].to_vec(),
                    result_register: frame.result_register,
                }
            })
            .collect()
    }

    /// Trace until the loop closes (giving the reds at the end of the iteration).
    fn run(
        &mut self,
        portal: usize,
        merge: &MergePoint,
        start_greens: &[Scalar],
    ) -> Result<(Option<i64>, Vec<Scalar>), Stopped> {
        loop {
            if self.trace.ops().len() > self.limit {
                return Err(Abort::TooLong.into());
            }
            let frame = self.frames.last().expect("a frame");
            let code = &self.module.codes[frame.code];
            let pc = frame.pc;
            let decoded = decode(&code.code, pc);
            let signature = opcodes::signature(decoded.opcode).expect("valid");
            let name = signature.name;
            let descr = |n: usize| match decoded.operands()[n] {
                CodeOperand::Descr(index) => code.descrs[index as usize].clone(),
                _ => unreachable!("a descriptor operand"),
            };
            let label = |n: usize| match decoded.operands()[n] {
                CodeOperand::Label(offset) => offset as usize,
                _ => unreachable!("a label operand"),
            };
            let failed =
                |e: &dyn fmt::Display| Abort::Failed(format!("{} at {pc}: {e}", code.name));
            let mut next = decoded.next;

            // Pure arithmetic: evaluate, and record unless every operand is a constant.
            if let Some(opcode) = pure_opcode(decoded.opcode) {
                let args: Vec<(Scalar, Operand)> = signature
                    .args
                    .iter()
                    .enumerate()
                    .map(|(n, &code)| self.arg(&decoded, n, kind_of_code(code)))
                    .collect();
                let values: Vec<Scalar> = args.iter().map(|a| a.0).collect();
                let value = ferrite_trace::exec::evaluate_pure(opcode, &values);
                let operand = if args.iter().all(|a| is_constant(a.1)) {
                    self.constant(value)
                } else {
                    let operands: Vec<Operand> = args.iter().map(|a| a.1).collect();
                    self.record(opcode, &operands, None).expect("a result")
                };
                let register = decoded.result.expect("a result register");
                let kind = kind_of_code(signature.result.expect("a result"));
                let top = self.top();
                top.set(kind, register, value, operand);
                top.pc = next;
                continue;
            }

            // Heap accesses and allocation: run them, and record them as they are.
            if let Some(opcode) = heap_opcode(decoded.opcode) {
                let mut values = [Scalar::Int(0); 3];
                let mut operands = [Operand::Null; 3];
                let mut count = 0;
                let mut heap_descr = None;
                for (n, &arg) in signature.args.iter().enumerate() {
                    if arg == ArgCode::Descr {
                        let JitDescr::Heap(heap) = descr(n) else {
                            unreachable!("a heap descriptor")
                        };
                        heap_descr = Some(heap);
                    } else {
                        (values[count], operands[count]) = self.arg(&decoded, n, kind_of_code(arg));
                        count += 1;
                    }
                }
                let value =
                    evaluate_heap(opcode, heap_descr, &values[..count]).map_err(|e| failed(&e))?;
                if let Some(kept) = self.virtualizable_access(
                    opcode,
                    heap_descr,
                    &values[..count],
                    &operands[..count],
                )? {
                    // The virtualizable's kept field or item: a trace value, nothing recorded.
                    let top = self.top();
                    if let (Some(register), Some(value), Some(operand)) =
                        (decoded.result, value, kept)
                    {
                        top.set(Kind::of_scalar(value), register, value, operand);
                    }
                    top.pc = next;
                    continue;
                }
                if let (Some(value), Some(field)) = (
                    value,
                    quasi_immutable_field(opcode, heap_descr, operands[0]),
                ) {
                    // A quasi-immutable field of a constant object: the value it has now,
                    // as long as the watch cell says no one wrote the field since.
                    self.watch_field(field).map_err(|e| failed(&e))?;
                    let operand = self.constant(value);
                    let top = self.top();
                    if let Some(register) = decoded.result {
                        top.set(Kind::of_scalar(value), register, value, operand);
                    }
                    top.pc = next;
                    continue;
                }
                let recorded = self.record(opcode, &operands[..count], heap_descr);
                if let (Opcode::New, Some(Operand::Value(object)), Some(Descr::Size(id))) =
                    (opcode, recorded, heap_descr)
                {
                    self.known_classes.insert(object, id.as_u32() as i64);
                }
                let top = self.top();
                if let (Some(register), Some(value), Some(operand)) =
                    (decoded.result, value, recorded)
                {
                    top.set(Kind::of_scalar(value), register, value, operand);
                }
                top.pc = next;
                continue;
            }

            let mut result: Option<(Scalar, Operand)> = None;
            match name {
                "int_copy" | "ref_copy" | "float_copy" => {
                    result = Some(self.arg(&decoded, 0, kind_of_code(signature.args[0])));
                }
                "ptr_iszero" | "ptr_nonzero" => {
                    let (value, operand) = self.arg(&decoded, 0, Kind::Ref);
                    let Scalar::Ref(object) = value else {
                        unreachable!()
                    };
                    let is_zero = name == "ptr_iszero";
                    let flag = Scalar::Int((object.is_none() == is_zero) as i64);
                    let operand = if is_constant(operand) {
                        self.constant(flag)
                    } else {
                        let opcode = if is_zero {
                            Opcode::PtrEq
                        } else {
                            Opcode::PtrNe
                        };
                        self.record(opcode, &[operand, Operand::Null], None)
                            .expect("a result")
                    };
                    result = Some((flag, operand));
                }
                "goto" => next = label(0),
                "goto_if_not" => {
                    let (value, operand) = self.arg(&decoded, 0, Kind::Int);
                    let Scalar::Int(condition) = value else {
                        unreachable!()
                    };
                    if !is_constant(operand) {
                        let guard = if condition != 0 {
                            Opcode::GuardTrue
                        } else {
                            Opcode::GuardFalse
                        };
                        self.guard(guard, &[operand]);
                    }
                    if condition == 0 {
                        next = label(1);
                    }
                }
                "switch" => {
                    let (value, operand) = self.arg(&decoded, 0, Kind::Int);
                    let Scalar::Int(value) = value else {
                        unreachable!()
                    };
                    if !is_constant(operand) {
                        self.guard(Opcode::GuardValue, &[operand, Operand::Int(value)]);
                    }
                    let JitDescr::Switch(cases) = descr(1) else {
                        unreachable!("a switch")
                    };
                    if let Some(&(_, target)) = cases.iter().find(|(v, _)| *v == value) {
                        next = target as usize;
                    }
                }
                "int_add_jump_if_ovf" | "int_sub_jump_if_ovf" | "int_mul_jump_if_ovf" => {
                    let (a, a_op) = self.arg(&decoded, 1, Kind::Int);
                    let (b, b_op) = self.arg(&decoded, 2, Kind::Int);
                    let (Scalar::Int(a), Scalar::Int(b)) = (a, b) else {
                        unreachable!()
                    };
                    let (opcode, checked) = match name {
                        "int_add_jump_if_ovf" => (Opcode::IntAddOvf, a.checked_add(b)),
                        "int_sub_jump_if_ovf" => (Opcode::IntSubOvf, a.checked_sub(b)),
                        _ => (Opcode::IntMulOvf, a.checked_mul(b)),
                    };
                    if is_constant(a_op) && is_constant(b_op) {
                        match checked {
                            Some(v) => result = Some((Scalar::Int(v), Operand::Int(v))),
                            None => next = label(0),
                        }
                    } else {
                        let operand = self.record(opcode, &[a_op, b_op], None).expect("a result");
                        match checked {
                            Some(v) => {
                                self.guard(Opcode::GuardNoOverflow, &[]);
                                result = Some((Scalar::Int(v), operand));
                            }
                            None => {
                                self.guard(Opcode::GuardOverflow, &[]);
                                next = label(0);
                            }
                        }
                    }
                }
                "int_guard_value" | "ref_guard_value" | "float_guard_value" => {
                    let kind = kind_of_code(signature.args[0]);
                    let (value, operand) = self.arg(&decoded, 0, kind);
                    if !is_constant(operand) {
                        let constant = self.constant(value);
                        self.guard(Opcode::GuardValue, &[operand, constant]);
                        // From here on the value is known.
                        let CodeOperand::Register(register) = decoded.operands()[0] else {
                            unreachable!()
                        };
                        self.top().set(kind, register, value, constant);
                    }
                }
                "residual_call_v" | "residual_call_i" | "residual_call_r" | "residual_call_f" => {
                    let JitDescr::Heap(call @ Descr::Call(id)) = descr(0) else {
                        unreachable!("a call")
                    };
                    let target = ferrite_trace::calls::target(id);
                    let kinds: Vec<Kind> = target
                        .arguments
                        .iter()
                        .map(|&ty| Kind::of_type(ty))
                        .collect();
                    let args = self.gather(&decoded, &kinds);
                    let values: Vec<Scalar> = args.iter().map(|a| a.0).collect();
                    let operands: Vec<Operand> = args.iter().map(|a| a.1).collect();
                    let opcode = match name {
                        "residual_call_i" => Opcode::CallI,
                        "residual_call_r" => Opcode::CallR,
                        "residual_call_f" => Opcode::CallF,
                        _ => Opcode::CallN,
                    };
                    let outcome = (target.function)(&values);
                    if outcome.is_err() && !target.effects.can_raise {
                        return Err(Abort::Failed(format!(
                            "{} at {pc}: `{}` raised, but its effects say it cannot",
                            code.name, target.name
                        ))
                        .into());
                    }
                    let folds = target.effects.elidable
                        && outcome.is_ok()
                        && operands.iter().all(|&o| is_constant(o));
                    // A loop-invariant call already recorded with these arguments: its result
                    // (the call still runs, for the concrete value).
                    let recorded_before = match &outcome {
                        Ok(_) if target.effects.loop_invariant => self
                            .invariant_calls
                            .iter()
                            .find(|(i, arguments, _)| *i == id && *arguments == operands)
                            .map(|&(_, _, result)| result),
                        _ => None,
                    };
                    if folds {
                        // An elidable call of constants is a constant.
                        result = outcome.ok().flatten().map(|v| (v, self.constant(v)));
                    } else if let Some(operand) = recorded_before {
                        result = outcome.ok().flatten().zip(operand);
                    } else {
                        if !target.effects.elidable {
                            // The callee may read the frame.
                            self.sync_virtualizable();
                        }
                        let recorded = self.record(opcode, &operands, Some(call));
                        match outcome {
                            Ok(value) => {
                                if target.effects.can_raise {
                                    // Resumes at the call itself, raising the exception there.
                                    self.guard(Opcode::GuardNoException, &[]);
                                }
                                self.reload_virtualizable(target.effects.writes);
                                if target.effects.loop_invariant {
                                    self.invariant_calls.push((id, operands, recorded));
                                }
                                result = value.zip(recorded);
                            }
                            Err(exception) => {
                                // If the call returns instead, resume after it with its result.
                                let top = self.top();
                                let before = decoded.result.map(|register| {
                                    let kind = kind_of_code(signature.result.expect("a result"));
                                    let saved = top.get(kind, register);
                                    top.set(kind, register, saved.0, recorded.expect("a result"));
                                    (kind, register, saved)
                                });
                                top.pc = next;
                                self.guard(Opcode::GuardException, &[]);
                                let top = self.top();
                                top.pc = pc;
                                if let Some((kind, register, (value, operand))) = before {
                                    top.set(kind, register, value, operand);
                                }
                                let saved = self
                                    .record(Opcode::SaveException, &[], None)
                                    .expect("a result");
                                self.reload_virtualizable(target.effects.writes);
                                self.unwind(exception, saved)?;
                                continue;
                            }
                        }
                    }
                }
                "raise" => {
                    let (value, operand) = self.arg(&decoded, 0, Kind::Ref);
                    let Scalar::Ref(Some(exception)) = value else {
                        return Err(
                            Abort::Failed(format!("{} at {pc}: raise of null", code.name)).into(),
                        );
                    };
                    self.unwind(exception, operand)?;
                    continue;
                }
                "last_exc_value" => {
                    let object = self.last_exception.0.get(0);
                    result = Some((Scalar::Ref(object), self.last_exception.1));
                }
                // Reached in the normal flow: nothing was raised.
                "catch_exception" => {}
                "guard_class" => {
                    let (value, operand) = self.arg(&decoded, 0, Kind::Ref);
                    let Scalar::Ref(Some(object)) = value else {
                        return Err(failed(&"guard_class of null").into());
                    };
                    let class = object.descriptor_id().as_u32() as i64;
                    if let Operand::Value(object) = operand {
                        if !self.known_classes.contains_key(&object) {
                            self.guard(Opcode::GuardNonnull, &[operand]);
                            self.guard(Opcode::GuardGcType, &[operand, Operand::Int(class)]);
                            self.known_classes.insert(object, class);
                        }
                    }
                    result = Some((Scalar::Int(class), Operand::Int(class)));
                }
                "record_exact_class" => {
                    let (value, operand) = self.arg(&decoded, 0, Kind::Ref);
                    let (class, class_operand) = self.arg(&decoded, 1, Kind::Int);
                    let actual = match value {
                        Scalar::Ref(Some(object)) => {
                            Some(Scalar::Int(object.descriptor_id().as_u32() as i64))
                        }
                        _ => None,
                    };
                    if actual != Some(class) {
                        return Err(
                            failed(&"record_exact_class: the object is not of that class").into(),
                        );
                    }
                    if let (Operand::Value(object), Operand::Int(class)) = (operand, class_operand)
                    {
                        self.known_classes.insert(object, class);
                    }
                }
                "inline_call_v" | "inline_call_i" | "inline_call_r" | "inline_call_f" => {
                    let JitDescr::JitCode(callee) = descr(0) else {
                        unreachable!("a jitcode")
                    };
                    let kinds: Vec<Kind> = self.module.codes[callee]
                        .params
                        .iter()
                        .map(|p| p.0)
                        .collect();
                    let args = self.gather(&decoded, &kinds);
                    let top = self.top();
                    top.pc = next;
                    top.result_register = decoded.result;
                    let mut frame = self.new_frame(callee);
                    let params = self.module.codes[callee].params.clone();
                    for (&(kind, register), (value, operand)) in params.iter().zip(args) {
                        frame.set(kind, register, value, operand);
                    }
                    self.frames.push(frame);
                    continue;
                }
                "int_return" | "ref_return" | "float_return" | "void_return" => {
                    let value = match name {
                        "int_return" => Some(self.arg(&decoded, 0, Kind::Int)),
                        "ref_return" => Some(self.arg(&decoded, 0, Kind::Ref)),
                        "float_return" => Some(self.arg(&decoded, 0, Kind::Float)),
                        _ => None,
                    };
                    self.frames.pop();
                    let Some(caller) = self.frames.last_mut() else {
                        return Err(Stopped::Returned(value));
                    };
                    if let (Some(register), Some((value, operand))) =
                        (caller.result_register.take(), value)
                    {
                        caller.set(Kind::of_scalar(value), register, value, operand);
                    }
                    continue;
                }
                "jit_merge_point" if self.frames.len() == 1 && self.frames[0].code == portal => {
                    // Back at the portal's merge point: with the same greens, the loop closes.
                    let greens: Vec<(Scalar, Operand)> = merge
                        .greens
                        .iter()
                        .map(|&(kind, register)| self.frames[0].get(kind, register))
                        .collect();
                    let values: Vec<Scalar> = greens.iter().map(|g| g.0).collect();
                    let closes = values == start_greens;
                    // Another key with machine code: the trace ends by going on there.
                    let exit = if closes { None } else { (self.exits)(&values) };
                    if closes || exit.is_some() {
                        for (value, operand) in greens {
                            if !is_constant(operand) {
                                let constant = self.constant(value);
                                self.guard(Opcode::GuardValue, &[operand, constant]);
                            }
                        }
                        let (values, reds): (Vec<Scalar>, Vec<Operand>) = merge
                            .reds
                            .iter()
                            .map(|&(kind, register)| self.frames[0].get(kind, register))
                            .unzip();
                        let mut exit = exit;
                        let mut jump = reds.clone();
                        if let (None, Some(place)) = (exit, merge.virtualizable) {
                            if let Some(args) = self.virtualizable_at_jump(&reds, &values, place) {
                                jump.extend(args);
                            } else {
                                // Not the loop's frame (or not its shape): leave for the
                                // loop's start, which reads the frame afresh.
                                exit = (self.exits)(&values);
                                if exit.is_none() {
                                    return Err(Abort::Failed(
                                        "the virtualizable at the end of the loop is not the \
                                         object it started with"
                                            .into(),
                                    )
                                    .into());
                                }
                            }
                        }
                        match exit {
                            None => self.record(Opcode::Jump, &jump, None),
                            Some(tag) => {
                                self.sync_virtualizable();
                                let tagged: Vec<Operand> =
                                    std::iter::once(Operand::Int(tag)).chain(reds).collect();
                                self.record(Opcode::Finish, &tagged, None)
                            }
                        };
                        return Ok((exit, values));
                    }
                    let key = crate::driver::green_key(&values);
                    self.passed.entry(key).or_insert((0, values)).0 += 1;
                }
                // Other hints: nothing to record.
                "-live-" | "jit_merge_point" | "loop_header" => {}
                other => unreachable!("no tracing rule for `{other}`"),
            }
            let top = self.top();
            if let (Some(register), Some((value, operand))) = (decoded.result, result) {
                top.set(Kind::of_scalar(value), register, value, operand);
            }
            top.pc = next;
        }
    }

    /// A bridge's input: the value and operand of one source of the guard's resume data.
    pub(crate) fn bridge_input(
        &mut self,
        source: &Source,
        values: &Values,
        constants: &RootVec<GcRef>,
    ) -> (Scalar, Operand) {
        let value = source_value(source, constants, values);
        let operand = match *source {
            Source::FailArg(n) => self.trace.input(n),
            _ => self.constant(value),
        };
        (value, operand)
    }

    /// The arguments of a call from its three register lists, in the order of `kinds`.
    fn gather(&self, decoded: &Decoded, kinds: &[Kind]) -> Vec<(Scalar, Operand)> {
        let frame = self.frames.last().expect("a frame");
        let list = |n: usize| match &decoded.operands()[n] {
            CodeOperand::List(items) => items.iter(),
            _ => unreachable!("a register list"),
        };
        let (mut ints, mut refs, mut floats) = (list(1), list(2), list(3));
        kinds
            .iter()
            .map(|&kind| {
                let register = match kind {
                    Kind::Int => ints.next(),
                    Kind::Ref => refs.next(),
                    Kind::Float => floats.next(),
                };
                frame.get(kind, *register.expect("an argument"))
            })
            .collect()
    }
}
