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
        // with all mutators stopped, nobody is changing them.
        let words = unsafe { &*(*buffer.0).slots.get() };
        for word in words.iter() {
            if *word != 0 {
                slots.push(SimpleSlot::from_address(Address::from_ptr(word)));
            }
        }
    }
    slots
}

/// A growable vector of GC references that is a root: what it holds stays alive.
///
/// `E` is a reference type: `Gc<T>`, `Option<Gc<T>>`, `GcRef` or `Option<GcRef>`.
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
        });
        buffers().push(BufferPtr(&*buffer));
        RootVec {
            buffer,
            _element: PhantomData,
        }
    }

    fn words(&self) -> &Vec<usize> {
        crate::mutator::assert_heap_accessible();
        // SAFETY: the collector writes through its own pointer only during a pause, when this
        // (non-Send) handle's thread is stopped and not inside one of these methods.
        unsafe { &*self.buffer.slots.get() }
    }

    fn words_mut(&mut self) -> &mut Vec<usize> {
        crate::mutator::assert_heap_accessible();
        self.buffer.slots.get_mut()
    }

    fn to_word(value: E) -> usize {
        // SAFETY: `E` is a reference type of pointer size (checked in `new`).
        unsafe { std::mem::transmute_copy::<E, usize>(&value) }
    }

    fn from_word(word: usize) -> E {
        // SAFETY: the word was stored from an `E` (or updated by the collector to the new
        // address of the same object), so it is a valid `E`.
        unsafe { std::mem::transmute_copy::<usize, E>(&word) }
    }

    pub fn push(&mut self, value: E) {
        self.words_mut().push(Self::to_word(value));
    }

    pub fn pop(&mut self) -> Option<E> {
        self.words_mut().pop().map(Self::from_word)
    }

    /// The element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    pub fn get(&self, index: usize) -> E {
        Self::from_word(self.words()[index])
    }

    /// Replace the element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    pub fn set(&mut self, index: usize, value: E) {
        self.words_mut()[index] = Self::to_word(value);
    }

    pub fn len(&self) -> usize {
        self.words().len()
    }

    pub fn is_empty(&self) -> bool {
        self.words().is_empty()
    }

    pub fn truncate(&mut self, len: usize) {
        self.words_mut().truncate(len);
    }

    pub fn clear(&mut self) {
        self.words_mut().clear();
    }

    /// The address of the first slot, for machine code that loads constants from here.
    /// Valid until the vector next grows; the collector keeps the slots current.
    pub fn as_ptr(&self) -> *const usize {
        self.words().as_ptr()
    }

    /// The elements, copied out.
    pub fn to_vec(&self) -> Vec<E> {
        self.words().iter().map(|&w| Self::from_word(w)).collect()
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
        crate::mutator::outside_pause(|| buffers().retain(|b| *b != me));
    }
}
