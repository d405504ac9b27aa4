//! Ferrite's x86-64 backend: traces to machine code, with dynasm-rs.
//!
//! - [`regalloc`]: linear-scan register allocation over a trace.
//! - [`codegen`]: instruction selection, guard exits, loop back-edges.
//! - [`CompiledTrace::run`]: enter the code and turn its exit back into values, with the
//!   same [`Outcome`] the reference executor gives, so the two can be compared.
//!
//! Code memory comes from dynasm-rs's `ExecutableBuffer`: written while not executable,
//! then mapped read+execute, never both; it is unmapped when the `CompiledTrace` is
//! dropped. See `docs/backend-x86.md`.

pub mod codegen;
mod forest;
mod helpers;
mod perf_map;
pub mod regalloc;

pub use codegen::{
    compile, compile_bridge, compile_linked, CompileError, CompiledTrace, Exit, ExitKind, LoopEntry,
};
pub use forest::{Forest, TreeId};

use ferrite_gc::Scalar;
use ferrite_trace::{Outcome, Type};

/// A compiled trace could not run to an exit the caller can use.
#[derive(Clone, Debug, PartialEq)]
pub enum RunError {
    BadInputs {
        expected: Vec<Type>,
        given: Vec<Type>,
    },
    /// An allocation in the trace found the heap full.
    OutOfMemory { op_index: usize },
    /// The code wrote something at an exit that is not a live object: a backend bug.
    NotAReference { slot: usize, word: u64 },
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::BadInputs { expected, given } => {
                write!(f, "the trace takes {expected:?}, was given {given:?}")
            }
            RunError::OutOfMemory { op_index } => {
                write!(f, "operation {op_index}: out of memory")
            }
            RunError::NotAReference { slot, word } => {
                write!(f, "exit value {slot} ({word:#x}) is not a live object")
            }
        }
    }
}

impl std::error::Error for RunError {}

impl CompiledTrace {
    /// Run the machine code on `inputs` until it exits.
    ///
    /// # Safety
    /// Machine code does no checks of its own. For these inputs, every reference the trace
    /// dereferences (constants included) must be a non-null object of the calling thread,
    /// of the type its descriptor names, and every array index in bounds, where it is used. The tracer guarantees this with the guards it
    /// records; a test can get it by first running the same trace on the same inputs
    /// through the reference executor, which checks all of it. (Input references are
    /// checked to be live objects of the calling thread; a violation panics.)
    pub unsafe fn run(&self, inputs: &[Scalar]) -> Result<Outcome, RunError> {
        let decode = |number: usize| {
            let local = number.checked_sub(self.exit_base as usize)?;
            self.exits.get(local).map(|exit| (0, 0, exit))
        };
        // SAFETY: the caller upholds the contract; the trace exits only through its own
        // exits (nothing is linked or attached), whose values fit its buffer.
        unsafe { forest::run_code(self, inputs, self.buffer_words, decode) }
            .map(|(_, outcome)| outcome)
    }

    /// The exits, by the number the code returns (from `exit_base`).
    pub fn exits(&self) -> &[Exit] {
        &self.exits
    }

    /// The address the code is entered at (for a bridge: where its guard jumps).
    fn entry_address(&self) -> usize {
        self.code.ptr(self.entry) as usize
    }
}

/// A compiled loop and the bridges attached to its guards (and its bridges' guards): the
/// machine-code counterpart of `ferrite_trace::exec::Tree`, numbered the same way. A forest
/// of one tree.
pub struct CompiledTree {
    forest: Forest,
}

impl CompiledTree {
    pub fn new(root: &ferrite_trace::Trace) -> Result<Self, CompileError> {
        let mut forest = Forest::new();
        forest.add(root, &|_| None)?;
        Ok(CompiledTree { forest })
    }

    /// Compile `bridge` and attach it to the guard at operation `guard` of piece `trace`;
    /// returns the bridge's number. From now on that guard's failure runs the bridge.
    pub fn attach(
        &mut self,
        trace: usize,
        guard: usize,
        bridge: &ferrite_trace::Trace,
    ) -> Result<usize, CompileError> {
        self.forest.attach(0, trace, guard, bridge, &|_| None)
    }

    /// Run from the root on `inputs` until some piece exits.
    ///
    /// # Safety
    /// As for [`CompiledTrace::run`], for every piece of the tree the run goes through.
    pub unsafe fn run(&self, inputs: &[Scalar]) -> Result<Outcome, RunError> {
        // SAFETY: the caller upholds the contract.
        unsafe { self.forest.run(0, inputs) }.map(|(_, outcome)| outcome)
    }
}
