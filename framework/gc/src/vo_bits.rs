//! Inline access to MMTk's valid-object (VO) bits: one bit per 8 bytes of heap, set where an
//! object starts. Conservative stack scanning relies on them to tell object pointers from
//! integers, and handle validation to tell live objects from reclaimed ones.
//!
//! MMTk sets the bit in `post_alloc` and tests it in `is_mmtk_object`, but both go through
//! its space table and dynamic dispatch, and setting uses an atomic read-modify-write; on the
//! allocation fast path and on every handle dereference that cost more than the rest of the
//! work (measured: binary-trees spent over 40% there). We compute the bit's address
//! ourselves, with the `vo_bit_access` feature giving us MMTk's spec to check the layout.
//!
//! Why plain (relaxed load + store, not `fetch_or`) writes are enough: a VO byte covers 64
//! bytes of heap, an Immix line is 256 bytes, and each line is allocated into by one thread
//! at a time; large objects start on a page of their own. MMTk itself changes VO bits only
//! while mutators are stopped. So no two threads ever update one byte concurrently.
//!
//! Why reading the bit of any handle is safe: a handle's address was once an object in an
//! MMTk space, and MMTk never unmaps side metadata of a chunk once mapped.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use mmtk::util::metadata::vo_bit::VO_BIT_SIDE_METADATA_SPEC;

const _: () = {
    assert!(
        VO_BIT_SIDE_METADATA_SPEC.log_num_of_bits == 0,
        "one VO bit per region"
    );
    assert!(
        VO_BIT_SIDE_METADATA_SPEC.log_bytes_in_region == 3,
        "a VO region is 8 bytes"
    );
};

/// The address of the VO bit of heap address 0 (MMTk chooses it at start-up).
static VO_BASE: AtomicUsize = AtomicUsize::new(0);

/// Record where MMTk put the VO bits; called once, when the heap starts.
pub(crate) fn init() {
    let base = VO_BIT_SIDE_METADATA_SPEC.get_starting_address().as_usize();
    VO_BASE.store(base, Ordering::Relaxed);
}

/// The byte holding the VO bit of `address`, and the bit's mask.
#[inline(always)]
fn locate(address: usize) -> (*const AtomicU8, u8) {
    let base = VO_BASE.load(Ordering::Relaxed);
    (
        (base + (address >> 6)) as *const AtomicU8,
        1 << ((address >> 3) & 7),
    )
}

/// Mark `address` as the start of an object.
///
/// # Safety
/// `address` must be a fresh allocation in this thread's current allocation buffer (or a
/// large-object page of its own), so that its VO byte is mapped and no other thread writes it.
#[inline(always)]
pub(crate) unsafe fn set(address: usize) {
    let (byte, mask) = locate(address);
    // SAFETY: mapped (MMTk maps the metadata of a chunk before allocating in it) and written
    // by this thread alone (module comment).
    unsafe {
        let old = (*byte).load(Ordering::Relaxed);
        (*byte).store(old | mask, Ordering::Relaxed);
    }
}

/// Whether an object starts at `address`.
///
/// # Safety
/// `address` must be 8-aligned and must once have been an object in an MMTk space.
#[inline(always)]
pub(crate) unsafe fn is_set(address: usize) -> bool {
    let (byte, mask) = locate(address);
    // SAFETY: the metadata of a chunk that ever held an object stays mapped.
    unsafe { (*byte).load(Ordering::Relaxed) & mask != 0 }
}
