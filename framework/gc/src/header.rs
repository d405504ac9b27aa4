//! The object header: one word at the start of every GC object.
//!
//! ```text
//!  offset 0: u32 descriptor id | u32 owner: the tag of the thread that allocated it
//!  offset 8: fields of a fixed-size object, or, for arrays, the u64 length
//!  offset 16: array elements
//! ```
//!
//! An object's `ObjectReference` (what MMTk sees) and a `Gc<T>` (what the interpreter
//! holds) are both the address of the header, so converting between them is free. Handles
//! are not `Send`, so an object is only ever reached from the thread that allocated it; the
//! owner tag lets a handle check prove that (see `handle.rs`). While an
//! object is being moved, MMTk overwrites the header word with the forwarding pointer; the
//! forwarding bits live in side metadata.

/// Bytes before the first field of a fixed-size object.
pub const HEADER_SIZE: usize = 8;
/// Bytes before the first element of an array (header plus length word).
pub const ARRAY_HEADER_SIZE: usize = 16;
/// Byte offset of the length word of an array.
pub const ARRAY_LENGTH_OFFSET: usize = 8;

/// The header word of an object of type `descriptor_id` allocated by thread `owner`.
#[inline(always)]
pub(crate) fn header_word(descriptor_id: u32, owner: u32) -> u64 {
    (owner as u64) << 32 | descriptor_id as u64
}

/// The whole header word of `object`.
///
/// # Safety
/// `object` must point to a readable, 8-aligned header word.
#[inline(always)]
pub(crate) unsafe fn read_header(object: *const u8) -> u64 {
    // SAFETY: the caller guarantees the header word is readable.
    unsafe { (object as *const u64).read() }
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
