//! A forest: every tree (a loop and its bridges) a JIT driver compiled, entered through one
//! function. Trees are linked: a `finish` that would only have the driver enter another
//! tree's loop jumps there instead (see `codegen::Links`), so a program that goes from one
//! loop to the next stays in machine code. Exit numbers are therefore unique in the whole
//! forest, and running a tree reports which tree's exit the code left through.

use std::sync::atomic::Ordering;

use ferrite_gc::Scalar;
use ferrite_trace::{Outcome, Trace, Type, Values};

use crate::codegen::{compile_bridge, compile_linked, ExitKind, LoopEntry};
use crate::{CompileError, CompiledTrace, Exit, RunError};

/// A tree's number in its forest.
pub type TreeId = usize;

#[derive(Default)]
pub struct Forest {
    /// Each tree's pieces: the root, then its bridges in attachment order.
    trees: Vec<Vec<CompiledTrace>>,
    /// For every piece, in exit-number order: its first exit number, tree and piece.
    owners: Vec<(u32, TreeId, usize)>,
    next_exit: u32,
    /// The exit buffer every run needs: the most words any piece reads or writes (linked
    /// code of other trees uses the same buffer).
    buffer_words: usize,
}

impl Forest {
    pub fn new() -> Self {
        Forest::default()
    }

    /// The loop entry of tree `tree` (none if its root is not a loop).
    fn loop_entry(&self, tree: TreeId) -> Option<&LoopEntry> {
        self.trees.get(tree)?.first()?.loop_entry.as_ref()
    }

    fn record(&mut self, tree: TreeId, piece: &CompiledTrace) {
        let index = self.trees.get(tree).map_or(0, Vec::len);
        self.owners.push((piece.exit_base, tree, index));
        self.next_exit += piece.exits.len() as u32;
        self.buffer_words = self.buffer_words.max(piece.buffer_words);
    }

    /// Compile `root` as a new tree; a `finish` with tag `t` is linked to tree `links(t)`
    /// if that is a loop taking the finish's values.
    pub fn add(
        &mut self,
        root: &Trace,
        links: &dyn Fn(i64) -> Option<TreeId>,
    ) -> Result<TreeId, CompileError> {
        let entries = |tag: i64| links(tag).and_then(|tree| self.loop_entry(tree));
        let compiled = compile_linked(root, self.next_exit, &entries)?;
        let tree = self.trees.len();
        self.record(tree, &compiled);
        self.trees.push(vec![compiled]);
        Ok(tree)
    }

    /// Compile `bridge` and attach it to the guard at operation `guard` of piece `piece` of
    /// `tree`; returns the bridge's piece number. From now on that guard's failure runs it.
    pub fn attach(
        &mut self,
        tree: TreeId,
        piece: usize,
        guard: usize,
        bridge: &Trace,
        links: &dyn Fn(i64) -> Option<TreeId>,
    ) -> Result<usize, CompileError> {
        let pieces = &self.trees[tree];
        let (slot, exit) = pieces[piece]
            .exits
            .iter()
            .filter(|e| matches!(e.kind, ExitKind::Guard(_)))
            .enumerate()
            .find(|(_, e)| e.kind == ExitKind::Guard(guard))
            .ok_or(CompileError::NotAGuard(guard))?;
        if exit.value_types != bridge.input_types() {
            return Err(CompileError::BridgeInputs);
        }
        let entries = |tag: i64| links(tag).and_then(|tree| self.loop_entry(tree));
        let compiled = compile_bridge(bridge, &pieces[0], self.next_exit, &entries)?;
        // The slot is data read by the guard's stub; compiled code is never written.
        pieces[piece].guard_slots[slot].store(compiled.entry_address(), Ordering::Release);
        let number = pieces.len();
        ferrite_log::log!(
            "bridge",
            "bridge {number} attached to guard {guard} of trace {piece} of tree {tree}"
        );
        self.record(tree, &compiled);
        self.trees[tree].push(compiled);
        Ok(number)
    }

    /// Run tree `tree` from its root on `inputs` until some piece of some tree exits;
    /// returns that tree and how it exited (`Outcome`'s trace numbers are that tree's).
    ///
    /// # Safety
    /// As for [`CompiledTrace::run`], for every piece the run goes through, in any tree.
    pub unsafe fn run(
        &self,
        tree: TreeId,
        inputs: &[Scalar],
    ) -> Result<(TreeId, Outcome), RunError> {
        let decode = |number: usize| {
            let owner = self
                .owners
                .partition_point(|&(base, _, _)| base as usize <= number)
                .checked_sub(1)?;
            let (base, tree, piece) = self.owners[owner];
            let exit = self.trees[tree][piece].exits.get(number - base as usize)?;
            Some((tree, piece, exit))
        };
        // SAFETY: the caller upholds the contract; every piece's exit numbers are recorded
        // in `owners`, and the buffer fits every piece of the forest.
        unsafe { run_code(&self.trees[tree][0], inputs, self.buffer_words, decode) }
    }
}

/// Exit buffers of up to this many words live on the stack.
const STACK_BUFFER_WORDS: usize = 64;

/// Enter `root` with `inputs` and a buffer of `buffer_words`, and decode the exit the code
/// returns with `decode` (exit number to tree, piece and exit).
///
/// # Safety
/// The run contract (see `CompiledTrace::run`), and `buffer_words` is at least what any
/// piece the code may reach reads or writes.
pub(crate) unsafe fn run_code<'e>(
    root: &CompiledTrace,
    inputs: &[Scalar],
    buffer_words: usize,
    decode: impl Fn(usize) -> Option<(TreeId, usize, &'e Exit)>,
) -> Result<(TreeId, Outcome), RunError> {
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
    let words = buffer_words.max(inputs.len()).max(1);
    // Most forests fit a buffer on the stack (which the collector scans conservatively, as
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
    // SAFETY: `code` is the entry of a function generated by `codegen::compile_linked` with
    // exactly this signature. It and the pieces it may jump to (alive for this call) read
    // their inputs from and write their exit values into `buffer`, which is as long as any
    // of them needs; their heap accesses are valid by the caller's contract.
    let number = unsafe {
        let function: extern "sysv64" fn(*mut u64) -> u64 = std::mem::transmute(code);
        function(buffer.as_mut_ptr())
    } as usize;
    let (tree, piece, exit) =
        decode(number).expect("compiled code returned an exit number no piece has");
    let mut values = Values::of_types(&exit.value_types);
    for (slot, (&ty, &word)) in exit.value_types.iter().zip(buffer.iter()).enumerate() {
        let value = ferrite_trace::calls::try_from_word(word, ty)
            .ok_or(RunError::NotAReference { slot, word })?;
        values.set(slot, value);
    }
    if let ExitKind::Guard(guard) = exit.kind {
        ferrite_log::log!(
            "guard",
            "guard {guard} of trace {piece} of tree {tree} failed"
        );
    }
    match exit.kind {
        ExitKind::Guard(guard) => Ok((
            tree,
            Outcome::GuardFailed {
                trace: piece,
                guard,
                values,
            },
        )),
        ExitKind::Finish(_) => Ok((tree, Outcome::Finished(values))),
        ExitKind::OutOfMemory(op_index) => Err(RunError::OutOfMemory { op_index }),
    }
}
