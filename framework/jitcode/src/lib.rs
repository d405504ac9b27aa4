//! Ferrite's jitcode: the register bytecode an interpreter's traceable functions are
//! translated to (by the translator, or by hand in tests), the form the tracer and the
//! blackhole interpreter execute.
//!
//! - [`opcodes`]: the instruction set, one table of `name/argcodes` strings.
//! - [`code`]: [`JitCode`] (bytes, register counts, constants, descriptors, parameters) and
//!   [`JitModule`].
//! - [`text`]: the assembler and disassembler of the text form.
//! - [`blackhole`]: the interpreter that runs jitcode on concrete values.
//! - [`liveness`]: the registers live at each instruction (for resume data).
//!
//! See `docs/jitcode.md`.

pub mod blackhole;
pub mod code;
pub mod liveness;
pub mod opcodes;
pub mod text;

pub use blackhole::{run, run_frames, BlackholeError, FrameState, Machine, Stop};
pub use code::{JitCode, JitDescr, JitModule, Kind};
pub use text::{assemble, disassemble, AssembleError};
