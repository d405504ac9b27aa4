//! The object header: one word at the start of every GC object.
//!
//! ```text
//!  offset 0: u32 descriptor id | u32 reserved (identity-hash state, later)
//!  offset 8: fields of a fixed-size object, or, for arrays, the u64 length
//!  offset 16: array elements
//! ```
//!
//! An object's `ObjectReference` (what MMTk sees) and a `Gc<T>` (what the interpreter
//! holds) are both the address of the header, so converting between them is free. While an
//! object is being moved, MMTk overwrites the header word with the forwarding pointer; the
//! forwarding bits live in side metadata.

/// Bytes before the first field of a fixed-size object.
pub const HEADER_SIZE: usize = 8;
/// Bytes before the first element of an array (header plus length word).
pub const ARRAY_HEADER_SIZE: usize = 16;
/// Byte offset of the length word of an array.
pub const ARRAY_LENGTH_OFFSET: usize = 8;

/// Write a fresh header.
///
/// # Safety
/// `object` must point to at least `HEADER_SIZE` writable bytes, 8-aligned.
#[inline(always)]
pub(crate) unsafe fn init_header(object: *mut u8, descriptor_id: u32) {
    // SAFETY: the caller guarantees the header word is ours to write.
    unsafe { (object as *mut u64).write(descriptor_id as u64) }
}

/// The descriptor id in the header of `object`.
///
/// # Safety
/// `object` must point to a readable, 8-aligned header word.
#[inline(always)]
pub(crate) unsafe fn descriptor_id_of(object: *const u8) -> u32 {
    // SAFETY: the caller guarantees the header word is readable.
    unsafe { (object as *const u32).read() }
}

/// The length word of an array.
///
/// # Safety
/// `object` must be a live array.
#[inline(always)]
pub(crate) unsafe fn array_length(object: *const u8) -> usize {
    // SAFETY: the caller guarantees `object` is an array, which has a length word.
    unsafe { (object.add(ARRAY_LENGTH_OFFSET) as *const u64).read() as usize }
}
