//! Resuming after a guard failure: rebuild the jitcode frames a guard's resume data
//! describes, from its fail arguments' values, and let the blackhole interpreter finish.

use ferrite_gc::{GcRef, RootVec, Scalar};
use ferrite_jitcode::{BlackholeError, FrameState, JitModule, Machine, Stop};
use ferrite_trace::{Trace, Values};

/// Where a register's value comes from when a guard's frames are rebuilt.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Int(i64),
    Float(f64),
    /// Reference constant number `k` of the trace (rooted there).
    RefConstant(u32),
    Null,
    /// The guard's fail argument number `n`.
    FailArg(usize),
}

/// One jitcode frame to rebuild.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameResume {
    pub code: usize,
    /// Where to continue: the guarding instruction for the innermost frame, the instruction
    /// after the call for the others.
    pub pc: usize,
    pub ints: Vec<Source>,
    pub refs: Vec<Source>,
    pub floats: Vec<Source>,
    /// Where the result of the call this frame is making goes (outer frames).
    pub result_register: Option<u8>,
}

/// The resume data of one guard.
#[derive(Clone, Debug, PartialEq)]
pub struct Resume {
    /// Outermost first.
    pub frames: Vec<FrameResume>,
    /// The guard is a `guard_no_exception`: the top frame's instruction (a residual call)
    /// raised the exception that follows the fail arguments, and resuming raises it there
    /// (to the instruction's handler, or out of the frame).
    pub raising: bool,
    /// What to store into the driver's virtualizable first (the values traced code kept
    /// in registers that differ from the heap), if the trace has one.
    pub virtualizable: Option<VirtualizableResume>,
}

/// The value `source` of a guard's resume data gives, with `values` as the guard's fail
/// arguments and `constants` its trace's reference constants.
pub(crate) fn source_value(source: &Source, constants: &RootVec<GcRef>, values: &Values) -> Scalar {
    match *source {
        Source::Int(v) => Scalar::Int(v),
        Source::Float(v) => Scalar::Float(v),
        Source::Null => Scalar::Ref(None),
        Source::RefConstant(k) => Scalar::Ref(Some(constants.get(k as usize))),
        Source::FailArg(n) => values.get(n),
    }
}

/// A trace's reference constants, kept (rooted) after the trace itself is gone: what
/// `Source::RefConstant` numbers.
pub fn constants_of(trace: &Trace) -> RootVec<GcRef> {
    let constants = RootVec::new();
    for index in 0..trace.ref_constant_count() {
        constants.push(trace.ref_constant(index as u32));
    }
    constants
}

use crate::virtualizable::{write_back, VirtualizableResume};

/// The frames `resume` describes, with `values` as the guard's fail arguments and
/// `constants` the trace's reference constants (see `constants_of`). What compiled code
/// kept of the driver's virtualizable is first stored into it.
pub fn rebuild_frames(
    constants: &RootVec<GcRef>,
    resume: &Resume,
    values: &Values,
) -> Vec<FrameState> {
    let value = |source: &Source| source_value(source, constants, values);
    if let Some(saved) = &resume.virtualizable {
        // The tracer read these fields and items from this object, so they have its types.
        write_back(saved, &value).unwrap_or_else(|e| {
            unreachable!("the virtualizable does not take its own fields back: {e}")
        });
    }
    // One register bank: each source's value, which must be of the bank's kind.
    fn bank<T>(
        sources: &[Source],
        value: &impl Fn(&Source) -> Scalar,
        of_kind: fn(Scalar) -> Option<T>,
    ) -> Vec<T> {
        sources
            .iter()
            .map(|source| {
                let scalar = value(source);
                of_kind(scalar)
                    .unwrap_or_else(|| unreachable!("a register of another bank holds {scalar:?}"))
            })
            .collect()
    }
    resume
        .frames
        .iter()
        .map(|frame| FrameState {
            code: frame.code,
            pc: frame.pc,
            ints: bank(&frame.ints, &value, |s| match s {
                Scalar::Int(v) => Some(v),
                _ => None,
            }),
            refs: bank(&frame.refs, &value, |s| match s {
                Scalar::Ref(r) => Some(r),
                _ => None,
            }),
            floats: bank(&frame.floats, &value, |s| match s {
                Scalar::Float(v) => Some(v),
                _ => None,
            }),
            result_register: frame.result_register,
        })
        .collect()
}

/// Finish the interpreter's work after a guard failed: rebuild its frames and run the
/// blackhole interpreter until the outermost returns.
pub fn resume_to_return(
    module: &JitModule,
    constants: &RootVec<GcRef>,
    resume: &Resume,
    values: &Values,
    max_steps: u64,
) -> Result<Option<Scalar>, BlackholeError> {
    // No allocation between rebuilding and running: the states' references are rooted by
    // `values` and `constants` until the frames hold them.
    let mut machine = Machine::from_states(module, rebuild_frames(constants, resume, values));
    if resume.raising {
        machine.raise(raised_exception(values))?;
    }
    match machine.run(max_steps)? {
        Stop::Returned(value) => Ok(value),
        Stop::MergePoint | Stop::LoopHeader => unreachable!("no portal to stop at"),
    }
}

/// The exception a raising guard's failure carries: its last value.
pub fn raised_exception(values: &Values) -> GcRef {
    match values.get(values.len() - 1) {
        Scalar::Ref(Some(exception)) => exception,
        other => unreachable!("a raising guard's failure carries the exception, not {other:?}"),
    }
}
