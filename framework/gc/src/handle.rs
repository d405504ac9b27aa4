//! Handles to GC objects: typed `Gc<T>`, untyped `GcRef`, and the traits that say what a
//! GC type is and what may be stored in one.
//!
//! A handle is a plain pointer to the object's header, `Copy`, and not `Send`: it lives in
//! locals (found by the conservative stack scan), in fields of other GC objects (found by
//! precise scanning), or in a [`crate::RootVec`]. Kept anywhere else (a `Box`, a `Vec`, a
//! `thread_local!`) it is not a root and its object may be reclaimed or moved. That cannot
//! cause undefined behaviour: every dereference first checks that the handle points at a
//! live object whose header names the expected type (MMTk's valid-object bit plus a header
//! compare), and panics otherwise. Interpreter code reaches fields only through handles, so
//! safe code never reads freed or mistyped memory.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::descriptor::{DescriptorId, FieldKind};
use crate::header::{descriptor_id_of, HEADER_SIZE};
use crate::mutator::{allocate, OutOfMemory};

/// A type whose values live in the GC heap.
///
/// # Safety
/// `descriptor_id` must name a descriptor that matches the memory layout `view` reads, and
/// `view` may only reinterpret the object's memory as a type that is sound to share through
/// `&` (fields behind `Cell`, or immutable data).
pub unsafe trait GcType: 'static {
    /// What a dereferenced handle shows: the object's fields, or its elements.
    type View: ?Sized;

    fn descriptor_id() -> DescriptorId;

    /// # Safety
    /// `object` must be a live object of this type, kept alive for `'a`.
    unsafe fn view<'a>(object: NonNull<u8>) -> &'a Self::View;
}

/// A fixed-size GC type, declared with `#[gc_object]`: a `#[repr(C)]` struct of
/// [`GcField`]s, allocated with [`Gc::new`] from a struct literal.
///
/// # Safety
/// `Self` must be `#[repr(C)]`, aligned to at most 8, with only `GcField` fields, and
/// `View` must have exactly `Self`'s layout with each field wrapped in a `Cell`.
pub unsafe trait GcObject: GcType + Copy {}

/// A value that can be a field of a GC object or an element of a GC array or root buffer.
///
/// Types that own native memory (`String`, `Vec`, `Box`) cannot: the collector neither sees
/// nor frees what they point to. Use `Gc<Bytes>`, `Gc<Array<_>>` or another GC object.
///
/// # Safety
/// `KIND` must describe the type's size and representation; `Ref` kinds must be a single
/// pointer to an object header, or 0 for `None`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in the GC heap",
    label = "not a GC field type",
    note = "GC fields are integers, floats, `bool`, `Gc<T>`, `Option<Gc<T>>`, `GcRef` or `Option<GcRef>`; use `Gc<Bytes>` or `Gc<Array<_>>` for strings and vectors"
)]
pub unsafe trait GcField: Copy + 'static {
    const KIND: FieldKind;
}

macro_rules! primitive_fields {
    ($($ty:ty => $kind:ident),* $(,)?) => {
        $(
            // SAFETY: a primitive of exactly the size `FieldKind::$kind` states.
            unsafe impl GcField for $ty {
                const KIND: FieldKind = FieldKind::$kind;
            }
        )*
    };
}

primitive_fields! {
    bool => Bool, i8 => I8, i16 => I16, i32 => I32, i64 => I64,
    u8 => U8, u16 => U16, u32 => U32, u64 => U64, f32 => F32, f64 => F64,
}

#[cfg(target_pointer_width = "64")]
primitive_fields! { isize => I64, usize => U64 }

// SAFETY: `Gc<T>` is one non-null pointer to a header.
unsafe impl<T: GcType> GcField for Gc<T> {
    const KIND: FieldKind = FieldKind::Ref;
}

// SAFETY: `Option<Gc<T>>` is one pointer, 0 for `None` (NonNull niche).
unsafe impl<T: GcType> GcField for Option<Gc<T>> {
    const KIND: FieldKind = FieldKind::NullableRef;
}

// SAFETY: `GcRef` is one non-null pointer to a header.
unsafe impl GcField for GcRef {
    const KIND: FieldKind = FieldKind::Ref;
}

// SAFETY: `Option<GcRef>` is one pointer, 0 for `None`.
unsafe impl GcField for Option<GcRef> {
    const KIND: FieldKind = FieldKind::NullableRef;
}

/// A typed handle to a GC object.
#[repr(transparent)]
pub struct Gc<T: ?Sized> {
    ptr: NonNull<u8>,
    _type: PhantomData<*const T>,
}

impl<T: ?Sized> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Gc<T> {}

impl<T: ?Sized> PartialEq for Gc<T> {
    /// Identity: whether both handles name the same object.
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}

impl<T: ?Sized> Eq for Gc<T> {}

impl<T: GcType> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = crate::descriptor::descriptor(T::descriptor_id()).map_or("?", |d| d.name);
        write!(f, "Gc<{name}>({:p})", self.ptr)
    }
}

/// Whether `ptr` is the start of a live object whose header holds `descriptor_id`.
#[inline]
fn is_live_object_of(ptr: NonNull<u8>, descriptor_id: DescriptorId) -> bool {
    live_descriptor_id(ptr) == Some(descriptor_id)
}

/// The descriptor id of the live object at `ptr`, or `None` if no object starts there.
#[inline]
fn live_descriptor_id(ptr: NonNull<u8>) -> Option<DescriptorId> {
    crate::mutator::assert_heap_accessible();
    let address = ptr.as_ptr() as usize;
    // SAFETY: handles are created only from allocations, so `address` is 8-aligned and was
    // once an object in an MMTk space.
    if !unsafe { crate::vo_bits::is_set(address) } {
        return None;
    }
    // SAFETY: the valid-object bit says an object starts here, so its header is readable.
    Some(DescriptorId(unsafe { descriptor_id_of(ptr.as_ptr()) }))
}

#[cold]
#[inline(never)]
fn invalid_handle(expected: &str, ptr: NonNull<u8>) -> ! {
    panic!(
        "ferrite-gc: dangling {expected} handle {ptr:p}: its object was reclaimed or moved \
         (a handle kept outside the stack, GC objects and RootVecs is not a root)"
    )
}

impl<T: GcType> Gc<T> {
    /// Wrap a pointer to a freshly initialized object of type `T`.
    ///
    /// # Safety
    /// `ptr` must be the header of a live object of type `T`.
    #[inline(always)]
    pub(crate) unsafe fn from_raw(ptr: NonNull<u8>) -> Self {
        Gc {
            ptr,
            _type: PhantomData,
        }
    }

    /// The object's address, checked to hold a live `T`.
    #[inline]
    fn checked_ptr(self) -> NonNull<u8> {
        if !is_live_object_of(self.ptr, T::descriptor_id()) {
            let name = crate::descriptor::descriptor(T::descriptor_id()).map_or("?", |d| d.name);
            invalid_handle(name, self.ptr);
        }
        self.ptr
    }

    /// Forget the static type.
    #[inline]
    pub fn erase(self) -> GcRef {
        GcRef {
            ptr: self.ptr,
            _not_send: PhantomData,
        }
    }

    /// The address of the object's header (for diagnostics and, later, the JIT).
    #[inline]
    pub fn as_ptr(self) -> *const u8 {
        self.ptr.as_ptr()
    }

    /// Whether two handles name the same object.
    #[inline]
    pub fn ptr_eq(a: Self, b: Self) -> bool {
        a == b
    }
}

impl<T: GcObject> Gc<T> {
    /// Move `value` into a new GC object.
    #[inline]
    pub fn new(value: T) -> Result<Gc<T>, OutOfMemory> {
        let bytes = crate::descriptor::round_up_to_word(HEADER_SIZE + std::mem::size_of::<T>());
        let ptr = allocate(bytes, T::descriptor_id().0)?;
        // SAFETY: `allocate` returned `bytes` fresh bytes with the header written; `T` is
        // `repr(C)`, at most 8-aligned (the `GcObject` contract), and fits after the header.
        unsafe {
            (ptr.as_ptr().add(HEADER_SIZE) as *mut T).write(value);
            Ok(Gc::from_raw(ptr))
        }
    }
}

impl<T: GcType> Deref for Gc<T> {
    type Target = T::View;

    #[inline]
    fn deref(&self) -> &T::View {
        let ptr = self.checked_ptr();
        // SAFETY: `checked_ptr` verified a live `T` is at `ptr`. It stays alive while the
        // returned reference is in use: the reference is itself a pointer into the object,
        // held on the stack or in a register, which the conservative scan treats as a root
        // (and pins the object).
        unsafe { T::view(ptr) }
    }
}

/// An untyped handle to any GC object: what the JIT's registers and resume data hold.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct GcRef {
    ptr: NonNull<u8>,
    _not_send: PhantomData<*const ()>,
}

impl GcRef {
    /// Wrap a pointer to a freshly initialized object.
    ///
    /// # Safety
    /// `ptr` must be the header of a live object.
    #[inline]
    pub(crate) unsafe fn from_raw(ptr: NonNull<u8>) -> Self {
        GcRef {
            ptr,
            _not_send: PhantomData,
        }
    }

    /// The object starting at `address`, if a live one does; for turning machine words
    /// (written by compiled code) back into references.
    pub fn from_address(address: usize) -> Option<GcRef> {
        crate::heap::is_object_start(address)
            // SAFETY: a live object starts there (checked).
            .then(|| unsafe { GcRef::from_raw(NonNull::new_unchecked(address as *mut u8)) })
    }

    /// The object's address, as machine code sees it.
    pub fn address(self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// The descriptor id in the object's header.
    ///
    /// # Panics
    /// If the handle is dangling.
    pub fn descriptor_id(self) -> DescriptorId {
        live_descriptor_id(self.ptr).unwrap_or_else(|| invalid_handle("GcRef", self.ptr))
    }

    /// Whether the object is a `T`.
    pub fn is<T: GcType>(self) -> bool {
        self.descriptor_id() == T::descriptor_id()
    }

    /// The typed handle, if the object is a `T`.
    pub fn downcast<T: GcType>(self) -> Option<Gc<T>> {
        // SAFETY: just checked that a live `T` is there.
        self.is::<T>().then(|| unsafe { Gc::from_raw(self.ptr) })
    }

    pub fn as_ptr(self) -> *const u8 {
        self.ptr.as_ptr()
    }
}

impl fmt::Debug for GcRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GcRef({:p})", self.ptr)
    }
}
