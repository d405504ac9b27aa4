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
mod helpers;
pub mod regalloc;

pub use codegen::{compile, compile_bridge, CompileError, CompiledTrace, Exit, ExitKind};

use std::sync::atomic::Ordering;

use ferrite_gc::Scalar;
use ferrite_trace::{Outcome, Type, Values};

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
        // SAFETY: the caller upholds the contract.
        unsafe { run_pieces(std::slice::from_ref(self), inputs) }
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
/// machine-code counterpart of `ferrite_trace::exec::Tree`, numbered the same way.
pub struct CompiledTree {
    pieces: Vec<CompiledTrace>,
}

impl CompiledTree {
    pub fn new(root: &ferrite_trace::Trace) -> Result<Self, CompileError> {
        Ok(CompiledTree {
            pieces: vec![compile(root)?],
        })
    }

    /// Compile `bridge` and attach it to the guard at operation `guard` of piece `trace`;
    /// returns the bridge's number. From now on that guard's failure runs the bridge.
    pub fn attach(
        &mut self,
        trace: usize,
        guard: usize,
        bridge: &ferrite_trace::Trace,
    ) -> Result<usize, CompileError> {
        let exit_base: usize = self.pieces.iter().map(|p| p.exits.len()).sum();
        let compiled = compile_bridge(bridge, &self.pieces[0], exit_base as u32)?;
        let piece = &self.pieces[trace];
        let (slot, exit) = piece
            .exits
            .iter()
            .filter(|e| matches!(e.kind, ExitKind::Guard(_)))
            .enumerate()
            .find(|(_, e)| e.kind == ExitKind::Guard(guard))
            .ok_or(CompileError::NotAGuard(guard))?;
        if exit.value_types != bridge.input_types() {
            return Err(CompileError::BridgeInputs);
        }
        // The slot is data read by the guard's stub; compiled code is never written.
        piece.guard_slots[slot].store(compiled.entry_address(), Ordering::Release);
        ferrite_log::log!(
            "bridge",
            "bridge {} attached to guard {guard} of trace {trace}",
            self.pieces.len()
        );
        self.pieces.push(compiled);
        Ok(self.pieces.len() - 1)
    }

    /// Run from the root on `inputs` until some piece exits.
    ///
    /// # Safety
    /// As for [`CompiledTrace::run`], for every piece of the tree the run goes through.
    pub unsafe fn run(&self, inputs: &[Scalar]) -> Result<Outcome, RunError> {
        // SAFETY: the caller upholds the contract.
        unsafe { run_pieces(&self.pieces, inputs) }
    }
}

/// Enter `pieces[0]` and decode whichever piece's exit the code leaves through.
///
/// # Safety
/// The run contract (see `CompiledTrace::run`).
/// Exit buffers of up to this many words live on the stack.
const STACK_BUFFER_WORDS: usize = 64;

unsafe fn run_pieces(pieces: &[CompiledTrace], inputs: &[Scalar]) -> Result<Outcome, RunError> {
    let root = &pieces[0];
    let matches = inputs.len() == root.input_types.len()
        && inputs
            .iter()
            .zip(&root.input_types)
            .all(|(&s, &ty)| Type::of_scalar(s) == ty);
    if !matches {
        return Err(RunError::BadInputs {
            expected: root.input_types.clone(),
            given: inputs.iter().map(|&s| Type::of_scalar(s)).collect(),
        });
    }
    // The inputs' objects stay alive and pinned: the caller holds them, and the compiled
    // code keeps them in registers or stack slots, which are scanned conservatively like
    // any native frame.
    for input in inputs {
        if let Scalar::Ref(Some(object)) = input {
            // Panics unless it is a live object of this thread.
            object.descriptor_id();
        }
    }
    let words = pieces.iter().map(|p| p.buffer_words).max().unwrap_or(1);
    // Most trees fit a buffer on the stack (which the collector scans conservatively, as
    // it scans the heap buffer's owner, this frame, through the Vec's pointer).
    let mut on_stack = [0u64; STACK_BUFFER_WORDS];
    let mut on_heap = Vec::new();
    let buffer: &mut [u64] = if words <= STACK_BUFFER_WORDS {
        &mut on_stack[..words]
    } else {
        on_heap.resize(words, 0u64);
        &mut on_heap
    };
    for (word, &input) in buffer.iter_mut().zip(inputs) {
        *word = ferrite_trace::calls::to_word(input);
    }
    let code = root.code.ptr(root.entry);
    // SAFETY: `code` is the entry of a function generated by `codegen::compile` with
    // exactly this signature. It and the bridges it may jump to (all owned by `pieces`,
    // alive for this call) read their inputs from and write their exit values into
    // `buffer`, which is as long as any of them needs; their heap accesses are valid by
    // the caller's contract.
    let number = unsafe {
        let function: extern "sysv64" fn(*mut u64) -> u64 = std::mem::transmute(code);
        function(buffer.as_mut_ptr())
    } as usize;
    let (trace, exit) = pieces
        .iter()
        .enumerate()
        .find_map(|(index, piece)| {
            let local = number.checked_sub(piece.exit_base as usize)?;
            piece.exits.get(local).map(|exit| (index, exit))
        })
        .expect("compiled code returned an exit number no piece has");
    let mut values = Values::of_types(&exit.value_types);
    for (slot, (&ty, &word)) in exit.value_types.iter().zip(buffer.iter()).enumerate() {
        let value = ferrite_trace::calls::try_from_word(word, ty)
            .ok_or(RunError::NotAReference { slot, word })?;
        values.set(slot, value);
    }
    if let ExitKind::Guard(guard) = exit.kind {
        ferrite_log::log!("guard", "guard {guard} of trace {trace} failed");
    }
    match exit.kind {
        ExitKind::Guard(guard) => Ok(Outcome::GuardFailed {
            trace,
            guard,
            values,
        }),
        ExitKind::Finish(_) => Ok(Outcome::Finished(values)),
        ExitKind::OutOfMemory(op_index) => Err(RunError::OutOfMemory { op_index }),
    }
}
