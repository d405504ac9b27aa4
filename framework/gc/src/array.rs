//! GC arrays (mutable, of integers, floats, booleans or nullable references) and immutable
//! byte strings. Both are a header, a length word and the elements.
//!
//! A handle to an array dereferences to `[Cell<E>]`, so indexing, `len`, iteration and
//! bounds checks are the slice ones; a byte string dereferences to `[u8]`.

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

impl<T: GcType> sealed::Sealed for Option<Gc<T>> {}
impl<T: GcType> ArrayElement for Option<Gc<T>> {}

/// The type of GC arrays of `E`: `Gc<Array<E>>` is the handle.
pub struct Array<E> {
    _element: PhantomData<E>,
}

// SAFETY: the descriptor is the built-in array of `E::KIND`; the view is the elements as
// `[Cell<E>]` (`Cell<E>` has `E`'s layout), which is sound to share through `&`.
unsafe impl<E: ArrayElement> GcType for Array<E> {
    type View = [Cell<E>];

    #[inline]
    fn descriptor_id() -> DescriptorId {
        array_descriptor_id(E::KIND)
    }

    #[inline]
    unsafe fn view<'a>(object: NonNull<u8>) -> &'a [Cell<E>] {
        // SAFETY: the caller guarantees a live array of `E`: a length word followed by that
        // many initialized elements.
        unsafe {
            let length = array_length(object.as_ptr());
            let elements = object.as_ptr().add(ARRAY_HEADER_SIZE) as *const Cell<E>;
            std::slice::from_raw_parts(elements, length)
        }
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
        .is_some_and(|bytes| bytes <= isize::MAX as usize);
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
    /// The element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[inline]
    pub fn get(self, index: usize) -> E {
        self[index].get()
    }

    /// Replace the element at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[inline]
    pub fn set(self, index: usize, value: E) {
        self[index].set(value)
    }

    /// The elements, copied out.
    pub fn to_vec(self) -> Vec<E> {
        self.iter().map(Cell::get).collect()
    }
}

/// The type of immutable GC byte strings: `Gc<Bytes>` is the handle.
pub struct Bytes {
    _private: (),
}

// SAFETY: the built-in byte-string descriptor; bytes are never written after allocation,
// so sharing them as `[u8]` is sound.
unsafe impl GcType for Bytes {
    type View = [u8];

    #[inline]
    fn descriptor_id() -> DescriptorId {
        BYTES_DESCRIPTOR_ID
    }

    #[inline]
    unsafe fn view<'a>(object: NonNull<u8>) -> &'a [u8] {
        // SAFETY: the caller guarantees a live byte string: a length word followed by that
        // many initialized bytes.
        unsafe {
            let length = array_length(object.as_ptr());
            std::slice::from_raw_parts(object.as_ptr().add(ARRAY_HEADER_SIZE), length)
        }
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
