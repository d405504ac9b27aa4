//! Ferrite's meta-interpreter: the tracer that turns a run of an interpreter's jitcode into
//! a trace, with the resume data the blackhole interpreter needs when a guard fails. The
//! warm-up counters, the driver that enters compiled code, and resuming come next.
//!
//! See `docs/jitcode.md` and the module comment of [`tracer`].

pub mod driver;
mod quasi_immutable;
pub mod resume;
pub mod tracer;
pub mod virtualizable;

pub use driver::{Driver, ParamError, Params, Resumed, Stats};
pub use resume::{constants_of, rebuild_frames, resume_to_return, FrameResume, Resume, Source};
pub use tracer::{
    merge_point, trace_bridge, trace_loop, Abort, AbortState, Aborted, End, Exits, MergePoint,
    Recorded, FINISH_RETURNED,
};
