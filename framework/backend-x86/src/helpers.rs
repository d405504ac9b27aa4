//! Functions compiled code calls: the allocation slow paths (every allocation, for now; the
//! inline bump-pointer fast path comes with the optimizer's allocation removal), and taking
//! the exception a residual call raised.

use ferrite_gc::{allocate_array, allocate_for_initialization, DescriptorId};

/// `new`: a zero-filled object of type `descriptor_id`, or null if the heap is full.
pub extern "sysv64" fn new_object(descriptor_id: u32) -> usize {
    allocate_for_initialization(DescriptorId::from_u32(descriptor_id))
        .map_or(0, |object| object.address())
}

/// `new_array`: a zero-filled array of `length` elements, or null if the heap is full (or
/// the length is negative).
pub extern "sysv64" fn new_array(descriptor_id: u32, length: i64) -> usize {
    let Ok(length) = usize::try_from(length) else {
        return 0;
    };
    allocate_array(DescriptorId::from_u32(descriptor_id), length).map_or(0, |array| array.address())
}

/// `save_exception`, and a failing `guard_no_exception`'s stub: take the exception the last
/// residual call raised (pending on this thread) as a word. From here on compiled code
/// holds it in a register, stack slot or the exit buffer, with no allocation before the
/// runner or the next call takes it in hand (register and stack words are scanned
/// conservatively).
pub extern "sysv64" fn take_exception() -> u64 {
    ferrite_trace::calls::to_word(ferrite_gc::Scalar::Ref(
        ferrite_trace::calls::take_pending_exception(),
    ))
}
