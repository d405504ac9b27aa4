//! Conservative roots: the native stack of each mutator thread, with its callee-saved
//! registers spilled onto it, read word by word.
//!
//! A thread that stops for a collection (at a safepoint, inside an allocation that triggered
//! one, or on entering a blocking region) first spills the callee-saved registers into a
//! buffer in its own frame and records the address of that buffer as the top of the range to
//! scan. Everything between that address and the thread's stack base is scanned; any word
//! that points into (not only at the start of) a live object makes that object a root, and
//! such objects are pinned for the collection. Caller-saved registers need no spilling: at a
//! call, the compiler has already saved whatever it still needs.

use mmtk::util::{Address, ObjectReference};

/// Callee-saved general purpose registers of the System V x86-64 ABI.
#[cfg(target_arch = "x86_64")]
const CALLEE_SAVED: usize = 6;

#[cfg(not(target_arch = "x86_64"))]
compile_error!("ferrite-gc's register spilling is written for x86-64 only");

/// Call `f` with the callee-saved registers spilled to the stack; `f` gets the lowest stack
/// address that must be scanned (everything from there to the stack base holds the
/// registers and all the callers' frames).
#[inline(never)]
pub(crate) fn with_registers_spilled<R>(f: impl FnOnce(Address) -> R) -> R {
    let mut registers = [0usize; CALLEE_SAVED];
    // SAFETY: only stores the six callee-saved registers into our own local array; no
    // register is modified and the stack pointer is untouched.
    unsafe {
        std::arch::asm!(
            "mov [{0}], rbx",
            "mov [{0} + 8], rbp",
            "mov [{0} + 16], r12",
            "mov [{0} + 24], r13",
            "mov [{0} + 32], r14",
            "mov [{0} + 40], r15",
            in(reg) registers.as_mut_ptr(),
            options(nostack, preserves_flags),
        );
    }
    let top = Address::from_ptr(registers.as_ptr());
    let result = f(top);
    // Keep the spilled registers alive (and in memory) until `f` has returned.
    std::hint::black_box(&registers);
    result
}

/// The highest address of the current thread's stack (stacks grow down).
pub(crate) fn current_stack_base() -> Address {
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread; we read the stack
    // range from it and destroy it. Both calls are given valid pointers to locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        let rc = libc::pthread_getattr_np(libc::pthread_self(), &mut attr);
        assert_eq!(rc, 0, "ferrite-gc: pthread_getattr_np failed ({rc})");
        let mut stack_addr: *mut libc::c_void = std::ptr::null_mut();
        let mut stack_size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut stack_addr, &mut stack_size);
        libc::pthread_attr_destroy(&mut attr);
        assert_eq!(rc, 0, "ferrite-gc: pthread_attr_getstack failed ({rc})");
        Address::from_mut_ptr(stack_addr) + stack_size
    }
}

/// The object `address` points into, if any.
fn object_containing(address: Address) -> Option<ObjectReference> {
    mmtk::memory_manager::find_object_from_internal_pointer(
        address,
        crate::heap::MAX_INTERIOR_SEARCH_BYTES,
    )
}

/// Collect into `roots` the objects that the words in `[low, high)` may point into.
///
/// # Safety
/// The range must be readable memory that no one writes while it is scanned: the stack of a
/// thread stopped for collection, between the top it recorded and its base.
pub(crate) unsafe fn scan_range(low: Address, high: Address, roots: &mut Vec<ObjectReference>) {
    let heap_start = mmtk::memory_manager::starting_heap_address().as_usize();
    let heap_end = mmtk::memory_manager::last_heap_address().as_usize();
    let mut cursor = low.align_up(8);
    while cursor < high {
        // SAFETY: the caller guarantees the range is readable and quiescent. Stack words may
        // be padding that Rust never initialized; we only compare them as integers.
        let word = unsafe { cursor.to_ptr::<usize>().read_volatile() };
        cursor += 8usize;
        if word < heap_start || word >= heap_end {
            continue;
        }
        // SAFETY: `Address` is a plain integer wrapper; this one is inside the heap range.
        let candidate = unsafe { Address::from_usize(word & !7) };
        // An object starting at the word (what handles hold): a valid-object bit test.
        roots.extend(mmtk::memory_manager::is_mmtk_object(candidate));
        // One search just below the word finds both an object the word points inside (its
        // interior starts 8 bytes in, so the word minus 8 is inside it too) and one the word
        // points one past the end of (compilers iterate arrays with end pointers and
        // negative indices, and may keep nothing else live).
        if candidate.as_usize() - 8 >= heap_start {
            roots.extend(object_containing(candidate - 8usize));
        }
    }
}
