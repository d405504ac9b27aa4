//! Resuming after a guard failure: rebuild the jitcode frames a guard's resume data
//! describes, from its fail arguments' values, and let the blackhole interpreter finish.

use ferrite_gc::Scalar;
use ferrite_jitcode::{run_frames, BlackholeError, FrameState, JitModule};
use ferrite_trace::{Trace, Values};

use crate::tracer::{Resume, Source};

/// The frames `resume` describes, with `values` as the guard's fail arguments and `trace`
/// holding the reference constants.
pub fn rebuild_frames(trace: &Trace, resume: &Resume, values: &Values) -> Vec<FrameState> {
    let value = |source: &Source| match *source {
        Source::Int(v) => Scalar::Int(v),
        Source::Float(v) => Scalar::Float(v),
        Source::Null => Scalar::Ref(None),
        Source::RefConstant(k) => Scalar::Ref(Some(trace.ref_constant(k))),
        Source::FailArg(n) => values.get(n),
    };
    resume
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
    trace: &Trace,
    resume: &Resume,
    values: &Values,
    max_steps: u64,
) -> Result<Option<Scalar>, BlackholeError> {
    // No allocation between rebuilding and running: the states' references are rooted by
    // `values` and the trace until the frames hold them.
    let frames = rebuild_frames(trace, resume, values);
    run_frames(module, frames, max_steps)
}
