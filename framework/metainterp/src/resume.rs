//! Resuming after a guard failure: rebuild the jitcode frames a guard's resume data
//! describes, from its fail arguments' values, and let the blackhole interpreter finish.

use ferrite_gc::{GcRef, RootVec, Scalar};
use ferrite_jitcode::{BlackholeError, FrameState, JitModule, Machine, Stop};
use ferrite_trace::{Trace, Values};

/// A trace's reference constants, kept (rooted) after the trace itself is gone: what
/// `Source::RefConstant` numbers.
pub fn constants_of(trace: &Trace) -> RootVec<GcRef> {
    let mut constants = RootVec::new();
    for index in 0..trace.ref_constant_count() {
        constants.push(trace.ref_constant(index as u32));
    }
    constants
}

use crate::tracer::{Resume, Source};

/// The frames `resume` describes, with `values` as the guard's fail arguments and
/// `constants` the trace's reference constants (see `constants_of`).
pub fn rebuild_frames(
    constants: &RootVec<GcRef>,
    resume: &Resume,
    values: &Values,
) -> Vec<FrameState> {
    let value = |source: &Source| match *source {
        Source::Int(v) => Scalar::Int(v),
        Source::Float(v) => Scalar::Float(v),
        Source::Null => Scalar::Ref(None),
        Source::RefConstant(k) => Scalar::Ref(Some(constants.get(k as usize))),
        Source::FailArg(n) => values.get(n),
    };
    resume
        .frames
        .iter()
        .map(|frame| FrameState {
            code: frame.code,
            pc: frame.pc,
            ints: frame
                .ints
                .iter()
                .map(|s| match value(s) {
                    Scalar::Int(v) => v,
                    other => unreachable!("an integer register holds {other:?}"),
                })
                .collect(),
            refs: frame
                .refs
                .iter()
                .map(|s| match value(s) {
                    Scalar::Ref(r) => r,
                    other => unreachable!("a reference register holds {other:?}"),
                })
                .collect(),
            floats: frame
                .floats
                .iter()
                .map(|s| match value(s) {
                    Scalar::Float(v) => v,
                    other => unreachable!("a float register holds {other:?}"),
                })
                .collect(),
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
