//! Ferrite's trace IR: what the tracer records, the optimizer rewrites and the backend
//! compiles.
//!
//! - [`opcode`]: the operations and their signatures, in one table.
//! - [`Trace`]: SSA operations over typed values (integer, reference, float), allocated in a
//!   `bumpalo` arena, checked as they are added.
//! - [`text`]: the text form (printer and parser), so tests and logs can read and write
//!   traces.
//! - [`exec`]: the reference executor, the oracle for the backend.
//!
//! ```
//! use bumpalo::Bump;
//! use ferrite_gc::Scalar;
//! use ferrite_trace::{execute, parse, Outcome, RefNamespace};
//!
//! let arena = Bump::new();
//! let trace = parse(&arena, "
//!     [i0, i1]
//!     label(i0, i1)
//!     i2 = int_add(i1, i0)
//!     i3 = int_sub(i0, 1)
//!     i4 = int_gt(i3, 0)
//!     guard_true(i4) [i2]
//!     jump(i3, i2)
//! ", &RefNamespace::new()).unwrap();
//! let Outcome::GuardFailed { guard, values, .. } =
//!     execute(&trace, &[Scalar::Int(10), Scalar::Int(0)], 1_000).unwrap()
//! else { unreachable!() };
//! assert_eq!((guard, values.get(0)), (4, Scalar::Int(55)));
//! ```
//!
//! See `docs/trace-ir.md`.

pub mod calls;
pub mod exec;
pub mod opcode;
pub mod text;
mod trace;

pub use calls::{CallId, CallTarget, Effects, Writes};
pub use exec::{execute, ExecError, Outcome, Values};
pub use opcode::{Args, Class, DescrKind, OpInfo, Opcode};
pub use text::{parse, parse_bridge, ParseError, RefNamespace};
pub use trace::{Descr, Op, Operand, Trace, TraceError, Type, ValueId};
