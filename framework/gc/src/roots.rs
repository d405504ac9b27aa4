//! Explicit roots: growable buffers of references that live outside the GC heap and the
//! stack, for data the framework owns (jitcode register banks, resume data, constants of
//! machine code) and for interpreter state kept in native structures.
//!
//! Each buffer registers itself in a global list on creation and removes itself on drop.
//! Its slots are precise roots: the collector may move their objects and update the slots.

use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::sync::Mutex;

use mmtk::util::Address;
use mmtk::vm::slot::SimpleSlot;

use crate::handle::GcField;

/// The type-erased storage of one `RootVec`: reference-sized words, 0 for `None`.
struct RootBuffer {
    slots: UnsafeCell<Vec<usize>>,
    /// Where this buffer is in `BUFFERS` (changed only under its lock), so that removing
    /// it is constant time: interpreters create and drop a root buffer per frame.
    registry_index: std::cell::Cell<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct BufferPtr(*const RootBuffer);

// SAFETY: the collector reads a buffer only while every mutator is stopped, and a buffer is
// only changed by its owning (mutator) thread.
unsafe impl Send for BufferPtr {}

static BUFFERS: Mutex<Vec<BufferPtr>> = Mutex::new(Vec::new());

fn buffers() -> std::sync::MutexGuard<'static, Vec<BufferPtr>> {
    BUFFERS.lock().unwrap_or_else(|e| e.into_inner())
}

/// The slots of every live root buffer that hold a reference.
pub(crate) fn explicit_root_slots() -> Vec<SimpleSlot> {
    let buffers = buffers();
    let mut slots = Vec::new();
    for buffer in buffers.iter() {
        // SAFETY: registered buffers are alive (they unregister before being freed) and,
        // with every mutator stopped and other threads kept out by `RootVec::with_words`,
        // nobody else touches them. The slot addresses come from a raw pointer because the
        // collector writes through them.
        unsafe {
            let words = &mut *(*buffer.0).slots.get();
            let base = words.as_mut_ptr();
            for index in 0..words.len() {
                let slot = base.add(index);
                if *slot != 0 {
                    slots.push(SimpleSlot::from_address(Address::from_mut_ptr(slot)));
                }
            }
        }
    }
    slots
}

/// A growable vector of GC references that is a root: what it holds stays alive.
///
/// `E` is a reference type: `Gc<T>`, `Option<Gc<T>>`, `GcRef` or `Option<GcRef>`.
///
/// Like a `Cell`, it is changed through shared references (`push`, `set`, … take `&self`):
/// it is not `Sync`, and no reference into its slots ever leaves its methods, so a shared
/// owner (an interpreter's thread-local state) needs no `RefCell` around it.
pub struct RootVec<E: GcField> {
    buffer: Box<RootBuffer>,
    // Not `Send`: the buffer belongs to the thread whose safepoints order it with the GC.
    _element: PhantomData<*const E>,
}

impl<E: GcField> RootVec<E> {
    pub fn new() -> Self {
        const {
            assert!(
                E::KIND.is_ref() && std::mem::size_of::<E>() == std::mem::size_of::<usize>(),
                "RootVec holds references only"
            )
        };
        let buffer = Box::new(RootBuffer {
            slots: UnsafeCell::new(Vec::new()),
            registry_index: std::cell::Cell::new(0),
        });
        let mut registry = buffers();
        buffer.registry_index.set(registry.len());
        registry.push(BufferPtr(&*buffer));
        drop(registry);
        RootVec {
            buffer,
            _element: PhantomData,
        }
    }

    /// Run `f` on the words. A running mutator cannot be inside a pause, so it goes ahead;
    /// any other thread (one that never allocated, or is inside `blocking`) waits until no
    /// collection is reading or updating the slots.
    #[inline]
    fn with_words<R>(&self, f: impl FnOnce(&mut Vec<usize>) -> R) -> R {
        // SAFETY: the buffer belongs to this (non-Send, non-Sync) handle's thread; `f` is
        // one of this module's closures, which cannot reach this `RootVec` again, so the
        // `&mut` is the only reference to the words while it lives (shared `&self` callers
        // cannot overlap it); and the collector only touches it during a pause, which
        // either cannot be under way (a running mutator) or is excluded by `outside_pause`.
        let words = unsafe { &mut *self.buffer.slots.get() };
        if crate::mutator::thread_tag() != 0 {
            f(words)
        } else {
            crate::mutator::outside_pause(|| f(words))
        }
    }

    #[inline]
    fn to_word(value: E) -> usize {
        // SAFETY: `E` is a reference type of pointer size (checked in `new`).
        unsafe { std::mem::transmute_copy::<E, usize>(&value) }
    }

    #[inline]
    fn from_word(word: usize) -> E {
        // SAFETY: the word was stored from an `E` (or updated by the collector to the new
        // address of the same object), so it is a valid `E`.
        unsafe { std::mem::transmute_copy::<usize, E>(&word) }
    }

    /// # Panics
    /// If `value` is a dangling reference.
    #[inline]
    pub fn push(&self, value: E) {
        value.check_stored();
        self.with_words(|words| words.push(Self::to_word(value)));
    }

    pub fn pop(&self) -> Option<E> {
        self.with_words(|words| words.pop()).map(Self::from_word)
    }

    /// The element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[inline]
    pub fn get(&self, index: usize) -> E {
        Self::from_word(self.with_words(|words| words[index]))
    }

    /// Replace the element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    /// # Panics
    /// If `index` is out of bounds, or `value` is a dangling reference.
    #[inline]
    pub fn set(&self, index: usize, value: E) {
        value.check_stored();
        self.with_words(|words| words[index] = Self::to_word(value));
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.with_words(|words| words.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn truncate(&self, len: usize) {
        self.with_words(|words| words.truncate(len));
    }

    pub fn clear(&self) {
        self.with_words(|words| words.clear());
    }

    /// The address of the first slot, for machine code that loads constants from here.
    /// Valid until the vector next grows; the collector keeps the slots current.
    pub fn as_ptr(&self) -> *const usize {
        self.with_words(|words| words.as_ptr())
    }

    /// The elements, copied out.
    pub fn to_vec(&self) -> Vec<E> {
        self.with_words(|words| words.iter().map(|&w| Self::from_word(w)).collect())
    }
}

impl<E: GcField> Default for RootVec<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: GcField> Drop for RootVec<E> {
    fn drop(&mut self) {
        let me = BufferPtr(&*self.buffer);
        // A running mutator is never dropping this during a pause, but a thread inside
        // `blocking` could be (through a thread-local): the collector may be updating our
        // slots, so wait for it before the buffer is freed.
        crate::mutator::outside_pause(|| {
            let mut registry = buffers();
            let index = self.buffer.registry_index.get();
            debug_assert!(registry[index] == me);
            registry.swap_remove(index);
            if let Some(moved) = registry.get(index) {
                // SAFETY: registered buffers are alive; their index is only touched under
                // this lock.
                unsafe { (*moved.0).registry_index.set(index) };
            }
        });
    }
}
