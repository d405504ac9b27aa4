//! Handles to GC objects: typed `Gc<T>`, untyped `GcRef`, and the traits that say what a
//! GC type is and what may be stored in one.
//!
//! A handle is a plain pointer to the object's header, `Copy`, and not `Send`: it lives in
//! locals (found by the conservative stack scan), in fields of other GC objects (found by
//! precise scanning), or in a [`crate::RootVec`]. Kept anywhere else (a `Box`, a `Vec`, a
//! `thread_local!`) it is not a root and its object may be reclaimed or moved.
//!
//! That cannot cause undefined behaviour, because safe code never holds a reference into
//! an object across anything that could collect it:
//! - every access checks, first, that an object starts at the handle's address (MMTk's
//!   valid-object bit) and that its header names the expected type *and this thread* as its
//!   owner (handles are not `Send`, so an object is only ever reached from the thread that
//!   allocated it; on a thread that is not running as a mutator nothing matches); a failed
//!   check panics;
//! - `Gc<Node>` dereferences to `NodeFields`, a view that wraps the *handle*, not the
//!   object, so a `&NodeFields` kept in a `Vec` is re-checked at every use;
//! - references into objects (`with_fields`, `Array::with_slice`, `Bytes::with_bytes`)
//!   exist only inside a closure that cannot let them escape, while the handle is held on
//!   the stack, where the conservative scan pins the object;
//! - every reference stored into the heap or a root buffer is checked the same way, so the
//!   collector never traces a dangling one.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::descriptor::{DescriptorId, FieldKind};
use crate::header::{header_word, read_header, HEADER_SIZE};
use crate::mutator::{allocate, OutOfMemory};

/// A type whose values live in the GC heap.
///
/// # Safety
/// `descriptor_id` must name a descriptor that matches the type's memory layout.
pub unsafe trait GcType: 'static {
    fn descriptor_id() -> DescriptorId;
}

/// A fixed-size GC type, declared with `#[gc_object]`: a `#[repr(C)]` struct of
/// [`GcField`]s, allocated with [`Gc::new`] from a struct literal.
///
/// # Safety
/// `Self` must be `#[repr(C)]`, aligned to at most 8, with only `GcField` fields; `Layout`
/// must have exactly `Self`'s layout with each field wrapped in a `Cell`; `View` must be
/// `#[repr(transparent)]` over `Gc<Self>`; `Access` must be `#[repr(transparent)]` over
/// `Layout`, and every way it offers to store a reference must check it with
/// [`GcField::check_stored`]; `check_refs` must call [`GcField::check_stored`] on every
/// field.
pub unsafe trait GcObject: GcType + Copy {
    /// The object as it sits in the heap after the header.
    type Layout;
    /// What `Gc<Self>` dereferences to: the generated accessors.
    type View;
    /// The generated accessors over the fields themselves, for `Gc::with_access`.
    type Access;
    /// Check every reference field (see [`GcField::check_stored`]).
    fn check_refs(&self);
}

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

    /// Check a value about to be stored in the heap or a root buffer: a reference must name
    /// a live object, or the collector would trace garbage. (Its type and owner are checked
    /// when it is dereferenced, like any handle's.)
    #[inline]
    fn check_stored(self) {}
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

    #[inline]
    fn check_stored(self) {
        check_live(self.ptr, "Gc");
    }
}

// SAFETY: `Option<Gc<T>>` is one pointer, 0 for `None` (NonNull niche).
unsafe impl<T: GcType> GcField for Option<Gc<T>> {
    const KIND: FieldKind = FieldKind::NullableRef;

    #[inline]
    fn check_stored(self) {
        if let Some(handle) = self {
            check_live(handle.ptr, "Gc");
        }
    }
}

// SAFETY: `GcRef` is one non-null pointer to a header.
unsafe impl GcField for GcRef {
    const KIND: FieldKind = FieldKind::Ref;

    #[inline]
    fn check_stored(self) {
        check_live(self.ptr, "GcRef");
    }
}

// SAFETY: `Option<GcRef>` is one pointer, 0 for `None`.
unsafe impl GcField for Option<GcRef> {
    const KIND: FieldKind = FieldKind::NullableRef;

    #[inline]
    fn check_stored(self) {
        if let Some(object) = self {
            check_live(object.ptr, "GcRef");
        }
    }
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

/// The header of the live object at `ptr`, or `None` if no object starts there.
#[inline]
fn live_header(ptr: NonNull<u8>) -> Option<u64> {
    let address = ptr.as_ptr() as usize;
    // SAFETY: handles are created only from allocations (or `GcRef::from_address`, which
    // checks), so `address` is 8-aligned and was once an object in an MMTk space.
    if !unsafe { crate::vo_bits::is_set(address) } {
        return None;
    }
    // SAFETY: the valid-object bit says an object starts here, so its header is readable.
    Some(unsafe { read_header(ptr.as_ptr()) })
}

/// Panic unless an object starts at `ptr` (see `GcField::check_stored`).
#[inline]
fn check_live(ptr: NonNull<u8>, kind: &str) {
    // SAFETY: as in `live_header`.
    if !unsafe { crate::vo_bits::is_set(ptr.as_ptr() as usize) } {
        invalid_handle(kind, ptr);
    }
}

/// Whether `ptr` is a live object of type `descriptor_id` owned by the calling thread.
#[inline]
fn is_live_object_of(ptr: NonNull<u8>, descriptor_id: DescriptorId) -> bool {
    // Real headers never have owner 0, so a thread with tag 0 matches nothing.
    live_header(ptr) == Some(header_word(descriptor_id.0, crate::mutator::thread_tag()))
}

/// The descriptor id of the live object at `ptr`, if it is one of the calling thread's.
#[inline]
fn live_descriptor_id(ptr: NonNull<u8>) -> Option<DescriptorId> {
    let header = live_header(ptr)?;
    let tag = crate::mutator::thread_tag();
    (tag != 0 && (header >> 32) as u32 == tag).then_some(DescriptorId(header as u32))
}

#[cold]
#[inline(never)]
fn invalid_handle(expected: &str, ptr: NonNull<u8>) -> ! {
    panic!(
        "ferrite-gc: dangling {expected} handle {ptr:p}: its object was reclaimed or moved \
         (a handle kept outside the stack, GC objects and RootVecs is not a root), or it is \
         used from a thread that does not own it (or inside blocking(), or after the thread \
         retired)"
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

    /// The object's address, checked to hold a live `T` of this thread.
    #[inline]
    pub(crate) fn checked_ptr(self) -> NonNull<u8> {
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
    ///
    /// # Panics
    /// If a reference in `value` is dangling (see [`GcField::check_stored`]).
    #[inline]
    pub fn new(value: T) -> Result<Gc<T>, OutOfMemory> {
        value.check_refs();
        let bytes = crate::descriptor::round_up_to_word(HEADER_SIZE + std::mem::size_of::<T>());
        let ptr = allocate(bytes, T::descriptor_id().0)?;
        // SAFETY: `allocate` returned `bytes` fresh bytes with the header written; `T` is
        // `repr(C)`, at most 8-aligned (the `GcObject` contract), and fits after the header.
        unsafe {
            (ptr.as_ptr().add(HEADER_SIZE) as *mut T).write(value);
            Ok(Gc::from_raw(ptr))
        }
    }

    /// Run `access` on the object's fields, after checking the handle. The generated
    /// accessors are built on this. The reference cannot outlive the call, and while the
    /// call runs the reference itself (an interior pointer, on the stack or in a register)
    /// keeps the object alive and pinned, even if `access` allocates.
    #[doc(hidden)]
    #[inline]
    pub fn with_fields<R>(self, access: impl for<'a> FnOnce(&'a T::Layout) -> R) -> R {
        let ptr = self.checked_ptr();
        // SAFETY: a live `T` of this thread is at `ptr` (checked); its fields follow the
        // header with `T::Layout`'s layout (the `GcObject` contract), all behind `Cell`s.
        let layout = unsafe { &*(ptr.as_ptr().add(HEADER_SIZE) as *const T::Layout) };
        access(layout)
    }
}

impl<T: GcObject> Gc<T> {
    /// Run `access` on the generated accessors of the object's fields after one check of
    /// the handle (`node.access(|n| { n.set_a(1); n.set_b(n.a() + 1) })`): for code that
    /// reads or writes several fields at once. Stored references are still checked.
    #[inline]
    pub fn with_access<R>(self, access: impl for<'a> FnOnce(&'a T::Access) -> R) -> R {
        self.with_fields(|fields| {
            // SAFETY: `T::Access` is `repr(transparent)` over `T::Layout` (the `GcObject`
            // contract), and the reference lives only as long as `fields` does.
            access(unsafe { &*(fields as *const T::Layout as *const T::Access) })
        })
    }
}

impl<T: GcObject> Deref for Gc<T> {
    type Target = T::View;

    /// The generated accessors (`node.value()`, `node.set_value(v)`). The view wraps this
    /// handle, not the object: every accessor checks the handle again.
    #[inline]
    fn deref(&self) -> &T::View {
        // SAFETY: `T::View` is `#[repr(transparent)]` over `Gc<T>` (the `GcObject` contract).
        unsafe { &*(self as *const Gc<T> as *const T::View) }
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
    #[inline]
    pub fn descriptor_id(self) -> DescriptorId {
        live_descriptor_id(self.ptr).unwrap_or_else(|| invalid_handle("GcRef", self.ptr))
    }

    /// Whether the object is a `T`.
    #[inline]
    pub fn is<T: GcType>(self) -> bool {
        self.descriptor_id() == T::descriptor_id()
    }

    /// The typed handle, if the object is a `T`.
    #[inline]
    pub fn downcast<T: GcType>(self) -> Option<Gc<T>> {
        // SAFETY: just checked that a live `T` is there.
        self.is::<T>().then(|| unsafe { Gc::from_raw(self.ptr) })
    }

    /// A copy of the object's fields, if it is a `T`: `downcast` and `load` with one check
    /// instead of two, for fast paths that test a type and read its fields (an int's value).
    #[inline]
    pub fn load_as<T: GcObject>(self) -> Option<T> {
        if !self.is::<T>() {
            return None;
        }
        // SAFETY: a live `T` of this thread starts here (checked); its fields follow the
        // header with `T`'s `repr(C)` layout (the `GcObject` contract). The read copies
        // them; no reference into the object is kept.
        Some(unsafe { (self.ptr.as_ptr().add(HEADER_SIZE) as *const T).read() })
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
