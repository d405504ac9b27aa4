//! GC arrays (mutable, of integers, floats, booleans or nullable references) and immutable
//! byte strings. Both are a header, a length word and the elements.
//!
//! Every method checks the handle first (see `handle.rs`). A slice view of the elements is
//! available inside a closure (`with_slice`, `with_view`, `with_bytes`), which the reference
//! cannot outlive.

use std::cell::Cell;
use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::descriptor::{array_descriptor_id, array_size, DescriptorId, BYTES_DESCRIPTOR_ID};
use crate::handle::{Gc, GcField, GcRef, GcType};
use crate::header::{array_length, ARRAY_HEADER_SIZE, ARRAY_LENGTH_OFFSET};
use crate::mutator::{allocate, OutOfMemory};

/// Element types of [`Array`]. References must be nullable: every array of references shares
/// one descriptor, so a reference read from an array is only trusted as "some object", and
/// its type is checked when it is dereferenced.
pub trait ArrayElement: GcField + sealed::Sealed {}

mod sealed {
    pub trait Sealed {}
}

macro_rules! array_elements {
    ($($ty:ty),* $(,)?) => {
        $(
            impl sealed::Sealed for $ty {}
            impl ArrayElement for $ty {}
        )*
    };
}

array_elements!(bool, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);
array_elements!(Option<GcRef>);

/// Element types that are not references: arrays of these can be viewed as a slice of
/// cells (storing a reference must go through the checked `set`).
pub trait PlainElement: ArrayElement {}

macro_rules! plain_elements {
    ($($ty:ty),* $(,)?) => { $(impl PlainElement for $ty {})* };
}

plain_elements!(bool, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

impl<T: GcType> sealed::Sealed for Option<Gc<T>> {}
impl<T: GcType> ArrayElement for Option<Gc<T>> {}

/// The type of GC arrays of `E`: `Gc<Array<E>>` is the handle.
pub struct Array<E> {
    _element: PhantomData<E>,
}

// SAFETY: the descriptor is the built-in array of `E::KIND`, whose layout the methods
// below read.
unsafe impl<E: ArrayElement> GcType for Array<E> {
    #[inline]
    fn descriptor_id() -> DescriptorId {
        array_descriptor_id(E::KIND)
    }
}

/// The length and first element of a live array or byte string (checked by the caller).
///
/// # Safety
/// `object` must be a live array or byte string.
#[inline]
unsafe fn elements<E>(object: NonNull<u8>) -> (*const E, usize) {
    // SAFETY: the caller guarantees a live array: a length word, then the elements.
    unsafe {
        (
            object.as_ptr().add(ARRAY_HEADER_SIZE) as *const E,
            array_length(object.as_ptr()),
        )
    }
}

/// Allocate an array object of `length` elements of `element_size` bytes and write its
/// header and length word; the elements are left for the caller to initialize.
pub(crate) fn allocate_array(
    descriptor_id: DescriptorId,
    element: crate::descriptor::FieldKind,
    length: usize,
) -> Result<NonNull<u8>, OutOfMemory> {
    let fits = length
        .checked_mul(element.size())
        .and_then(|payload| payload.checked_add(ARRAY_HEADER_SIZE + 7))
        // Interior pointers further than this into an object are not found by the
        // conservative scan, so no object may be larger.
        .is_some_and(|bytes| bytes <= crate::heap::MAX_INTERIOR_SEARCH_BYTES);
    if !fits {
        return Err(OutOfMemory {
            requested_bytes: usize::MAX,
        });
    }
    let ptr = allocate(array_size(element, length), descriptor_id.as_u32())?;
    // SAFETY: a fresh allocation big enough for the header, the length word and the
    // elements.
    unsafe { (ptr.as_ptr().add(ARRAY_LENGTH_OFFSET) as *mut u64).write(length as u64) };
    Ok(ptr)
}

impl<E: ArrayElement> Array<E> {
    /// A new array of `length` copies of `fill`.
    pub fn new(length: usize, fill: E) -> Result<Gc<Array<E>>, OutOfMemory> {
        fill.check_stored();
        let ptr = allocate_array(Self::descriptor_id(), E::KIND, length)?;
        // SAFETY: `allocate_array` left room for `length` elements after the header.
        unsafe {
            let elements = ptr.as_ptr().add(ARRAY_HEADER_SIZE) as *mut E;
            for index in 0..length {
                elements.add(index).write(fill);
            }
            Ok(Gc::from_raw(ptr))
        }
    }

    /// A new array holding a copy of `values`.
    pub fn from_slice(values: &[E]) -> Result<Gc<Array<E>>, OutOfMemory> {
        values.iter().for_each(|v| v.check_stored());
        let ptr = allocate_array(Self::descriptor_id(), E::KIND, values.len())?;
        // SAFETY: room for `values.len()` elements; a fresh object cannot overlap `values`.
        unsafe {
            let elements = ptr.as_ptr().add(ARRAY_HEADER_SIZE) as *mut E;
            std::ptr::copy_nonoverlapping(values.as_ptr(), elements, values.len());
            Ok(Gc::from_raw(ptr))
        }
    }
}

impl<E: ArrayElement> Gc<Array<E>> {
    pub fn len(self) -> usize {
        // SAFETY: checked to be a live array of `E`.
        unsafe { elements::<E>(self.checked_ptr()).1 }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[inline]
    pub fn get(self, index: usize) -> E {
        self.with_cells(|cells| cells[index].get())
    }

    /// Replace the element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds, or `value` is a dangling reference.
    #[inline]
    pub fn set(self, index: usize, value: E) {
        value.check_stored();
        self.with_cells(|cells| cells[index].set(value))
    }

    /// Copy `count` elements of `source` from index `from` to this array at index `at`
    /// (the same array may be both: the ranges may overlap). One check of each handle
    /// instead of one per element; the elements were checked when they were stored.
    ///
    /// # Panics
    /// If either range is out of bounds.
    #[inline]
    pub fn copy_from(self, at: usize, source: Gc<Array<E>>, from: usize, count: usize) {
        if self == source {
            self.with_cells(|cells| {
                let values = &cells[from..from + count];
                let targets = &cells[at..at + count];
                if at <= from {
                    targets.iter().zip(values).for_each(|(t, v)| t.set(v.get()));
                } else {
                    targets
                        .iter()
                        .zip(values)
                        .rev()
                        .for_each(|(t, v)| t.set(v.get()));
                }
            });
            return;
        }
        source.with_cells(|values| {
            self.with_cells(|targets| {
                let values = &values[from..from + count];
                targets[at..at + count]
                    .iter()
                    .zip(values)
                    .for_each(|(t, v)| t.set(v.get()));
            })
        });
    }

    /// The elements, copied out.
    pub fn to_vec(self) -> Vec<E> {
        self.with_cells(|cells| cells.iter().map(Cell::get).collect())
    }

    /// Run `access` on the elements as a slice of cells (arrays of numbers and booleans
    /// only: references are stored through `set`, which checks them).
    #[inline]
    pub fn with_slice<R>(self, access: impl for<'a> FnOnce(&'a [Cell<E>]) -> R) -> R
    where
        E: PlainElement,
    {
        self.with_cells(access)
    }

    /// Run `access` on a view of the elements that reads without re-checking the handle:
    /// one check for the whole call instead of one per `get`/`set`. For loops that touch an
    /// array many times (an interpreter's value stack, its instruction array). Stores
    /// through the view are still checked, as `set`'s are.
    ///
    /// Its plumbing is always inlined, so that `access` alone decides: an interpreter's
    /// loop, marked inline(always), then becomes part of the function that makes the
    /// view. (Left to LLVM, the plumbing around a large `access` stayed a call of its
    /// own: a call, prologue and return more per frame an interpreter entered.)
    #[inline]
    pub fn with_view<R>(self, access: impl for<'a> FnOnce(&'a ArrayView<E>) -> R) -> R {
        self.with_cells(
            #[inline(always)]
            |cells| access(ArrayView::of(cells)),
        )
    }

    #[inline(always)]
    fn with_cells<R>(self, access: impl for<'a> FnOnce(&'a [Cell<E>]) -> R) -> R {
        let ptr = self.checked_ptr();
        // SAFETY: a live array of `E` of this thread (checked); `Cell<E>` has `E`'s layout.
        // The slice cannot outlive `access`, and while it runs the slice's own pointer keeps
        // the object alive and pinned.
        let result = unsafe {
            let (first, length) = elements::<Cell<E>>(ptr);
            access(std::slice::from_raw_parts(first, length))
        };
        result
    }
}

/// The elements of an array, seen inside [`Gc::with_view`]. Like the slices of
/// `with_slice`, it exists only inside the closure, and while the closure runs its address
/// (an interior pointer the conservative scan honours) keeps the array alive and pinned,
/// even if the closure allocates.
#[repr(transparent)]
pub struct ArrayView<E> {
    cells: [Cell<E>],
}

impl<E: ArrayElement> ArrayView<E> {
    #[inline(always)]
    fn of(cells: &[Cell<E>]) -> &ArrayView<E> {
        // SAFETY: `ArrayView<E>` is `repr(transparent)` over `[Cell<E>]`.
        unsafe { &*(cells as *const [Cell<E>] as *const ArrayView<E>) }
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[inline(always)]
    pub fn get(&self, index: usize) -> E {
        self.cells[index].get()
    }

    /// Replace the element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds, or `value` is a dangling reference.
    #[inline(always)]
    pub fn set(&self, index: usize, value: E) {
        value.check_stored();
        self.cells[index].set(value)
    }

    /// Copy the element at `from` to `to`. Unlike `set(to, get(from))` this needs no check
    /// of the value: it was checked when it was stored, and the collector keeps the heap's
    /// references valid.
    ///
    /// # Panics
    /// If either index is out of bounds.
    #[inline(always)]
    pub fn copy_within(&self, from: usize, to: usize) {
        self.cells[to].set(self.cells[from].get())
    }

    /// Store `source`'s element `from` at `to`, unchecked for the reason `copy_within` is.
    ///
    /// # Panics
    /// If either index is out of bounds.
    #[inline(always)]
    pub fn copy_from(&self, to: usize, source: &ArrayView<E>, from: usize) {
        self.cells[to].set(source.cells[from].get())
    }

    /// Exchange the elements at `a` and `b`.
    ///
    /// # Panics
    /// If either index is out of bounds.
    #[inline(always)]
    pub fn swap(&self, a: usize, b: usize) {
        self.cells[a].swap(&self.cells[b])
    }

    /// Copy `count` elements of `source` from index `from` to this view at index `to`,
    /// unchecked for the reason `copy_within` is (`source` may be this same view: the
    /// ranges may overlap).
    ///
    /// # Panics
    /// If either range is out of bounds.
    #[inline]
    pub fn copy_range_from(&self, to: usize, source: &ArrayView<E>, from: usize, count: usize) {
        let values = &source.cells[from..from + count];
        let targets = &self.cells[to..to + count];
        if std::ptr::eq(self, source) && to > from {
            targets
                .iter()
                .zip(values)
                .rev()
                .for_each(|(t, v)| t.set(v.get()));
        } else {
            targets.iter().zip(values).for_each(|(t, v)| t.set(v.get()));
        }
    }

    /// Store `value` in every element (it is checked once).
    ///
    /// # Panics
    /// If `value` is a dangling reference.
    #[inline]
    pub fn fill(&self, value: E) {
        value.check_stored();
        self.cells.iter().for_each(|c| c.set(value));
    }
}

/// The type of immutable GC byte strings: `Gc<Bytes>` is the handle.
pub struct Bytes {
    _private: (),
}

// SAFETY: the built-in byte-string descriptor, whose layout the methods below read.
unsafe impl GcType for Bytes {
    #[inline]
    fn descriptor_id() -> DescriptorId {
        BYTES_DESCRIPTOR_ID
    }
}

impl Gc<Bytes> {
    pub fn len(self) -> usize {
        // SAFETY: checked to be a live byte string.
        unsafe { elements::<u8>(self.checked_ptr()).1 }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The byte at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    pub fn get(self, index: usize) -> u8 {
        self.with_bytes(|bytes| bytes[index])
    }

    /// The bytes, copied out.
    pub fn to_vec(self) -> Vec<u8> {
        self.with_bytes(<[u8]>::to_vec)
    }

    /// Run `access` on the bytes.
    #[inline]
    pub fn with_bytes<R>(self, access: impl for<'a> FnOnce(&'a [u8]) -> R) -> R {
        let ptr = self.checked_ptr();
        // SAFETY: a live byte string of this thread (checked); its bytes are never written
        // after allocation. The slice cannot outlive `access`, and while it runs the slice's
        // own pointer keeps the object alive and pinned.
        let result = unsafe {
            let (first, length) = elements::<u8>(ptr);
            access(std::slice::from_raw_parts(first, length))
        };
        result
    }
}

impl Bytes {
    /// A new byte string holding a copy of `bytes`.
    pub fn new(bytes: &[u8]) -> Result<Gc<Bytes>, OutOfMemory> {
        let ptr = allocate_array(
            BYTES_DESCRIPTOR_ID,
            crate::descriptor::FieldKind::U8,
            bytes.len(),
        )?;
        // SAFETY: room for `bytes.len()` bytes; a fresh object cannot overlap `bytes`.
        unsafe {
            std::ptr::copy_nonoverlapping(
                bytes.as_ptr(),
                ptr.as_ptr().add(ARRAY_HEADER_SIZE),
                bytes.len(),
            );
            Ok(Gc::from_raw(ptr))
        }
    }
}
