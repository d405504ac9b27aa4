//! Mutator threads: registration, the allocation fast path, safepoints, and the
//! stop-the-world handshake with MMTk's collector.
//!
//! A thread becomes a mutator on its first allocation and stops being one when it exits.
//! Each mutator is in one of three states, changed only under the `WORLD` lock:
//!
//! - `RUNNING`: executing Rust code that may hold GC references anywhere on its stack;
//! - `PARKED`: stopped at a safepoint (an allocation, [`safepoint`], or inside MMTk's
//!   `block_for_gc`) with its registers spilled and its stack top recorded;
//! - `BLOCKING`: inside [`blocking`], running code that touches no GC object, with its stack
//!   top recorded at entry.
//!
//! A collection starts when the coordinator sets `stop_requested` and waits for every
//! mutator to be out of `RUNNING`; mutators notice the request on their next allocation
//! (one relaxed load on the fast path) or safepoint poll. A mutator that runs for a long
//! time without allocating must call [`safepoint`] now and then, and one about to block
//! (I/O, joining a thread, waiting on a lock) must do so inside [`blocking`], or a collection
//! requested by another thread waits for it.

use std::cell::Cell;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use mmtk::util::alloc::{AllocatorSelector, BumpPointer, ImmixAllocator};
use mmtk::util::opaque_pointer::{OpaquePointer, VMMutatorThread, VMThread};
use mmtk::util::{Address, ObjectReference};
use mmtk::{AllocationSemantics, Mutator};

use crate::binding::FerriteVM;
use crate::header::header_word;
use crate::{heap, stack};

const RUNNING: u8 = 0;
const PARKED: u8 = 1;
const BLOCKING: u8 = 2;

/// An allocation the heap could not satisfy even after collecting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory {
    /// The size of the failed request, in bytes.
    pub requested_bytes: usize,
}

impl std::fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "out of memory: the GC heap cannot hold {} more bytes",
            self.requested_bytes
        )
    }
}

impl std::error::Error for OutOfMemory {}

/// Everything the collector needs to know about one mutator thread. Lives in a leaked box
/// from registration to thread exit; its address is the thread's MMTk `tls`.
pub(crate) struct MutatorRecord {
    /// MMTk's per-thread allocation state, from `Box::into_raw(bind_mutator(..))`. Only ever
    /// accessed through this raw pointer, so the fast path and MMTk never alias a `Box`.
    mmtk_mutator: *mut Mutator<FerriteVM>,
    /// Byte offset of the default (Immix) allocator's bump pointer inside `*mmtk_mutator`.
    bump_offset: usize,
    /// Larger objects go to MMTk's large object space (the plan's limit for the default
    /// allocator).
    max_default_bytes: usize,
    stack_base: Address,
    /// This thread's tag, written into the header of every object it allocates.
    tag: u32,
    /// Lowest address to scan; valid while the thread is `PARKED` or `BLOCKING`.
    stack_top: AtomicUsize,
    state: AtomicU8,
}

#[derive(Clone, Copy)]
struct RecordPtr(*mut MutatorRecord);

// SAFETY: records are shared between their thread and the collector; every field the
// collector reads while the owner runs is atomic, and the rest is read only while the owner
// is stopped (PARKED/BLOCKING), which the WORLD lock orders.
unsafe impl Send for RecordPtr {}

struct World {
    mutators: Vec<RecordPtr>,
    stop_requested: bool,
    /// Completed collections; a thread in `block_for_gc` waits for this to move.
    epoch: u64,
}

static WORLD: Mutex<World> = Mutex::new(World {
    mutators: Vec::new(),
    stop_requested: false,
    epoch: 0,
});
static WORLD_CHANGED: Condvar = Condvar::new();
/// Mirror of `World::stop_requested` that mutators poll without the lock.
static STOP_REQUESTED: AtomicBool = AtomicBool::new(false);
static COLLECTIONS: AtomicU64 = AtomicU64::new(0);
/// The last thread tag handed out (0 is never a tag).
static LAST_TAG: AtomicU32 = AtomicU32::new(0);

fn lock_world() -> MutexGuard<'static, World> {
    WORLD.lock().unwrap_or_else(|e| e.into_inner())
}

fn wait(world: MutexGuard<'static, World>) -> MutexGuard<'static, World> {
    WORLD_CHANGED.wait(world).unwrap_or_else(|e| e.into_inner())
}

/// Wait (releasing the lock meanwhile) until no collection is stopping the world.
fn wait_while_stopped(mut world: MutexGuard<'static, World>) -> MutexGuard<'static, World> {
    while world.stop_requested {
        world = wait(world);
    }
    world
}

impl MutatorRecord {
    /// Leave `RUNNING` for `state` (`PARKED` or `BLOCKING`): from now on the collector may
    /// scan `[stack_top, stack_base)`. Taking the `World` proves the caller holds the lock.
    fn stop(&self, _world: &World, stack_top: usize, state: u8) {
        self.stack_top.store(stack_top, Ordering::Relaxed);
        self.state.store(state, Ordering::Relaxed);
        WORLD_CHANGED.notify_all();
    }
}

thread_local! {
    /// This thread's record, or null before its first allocation and inside `blocking`.
    static CURRENT: Cell<*mut MutatorRecord> = const { Cell::new(std::ptr::null_mut()) };
    /// This thread's tag while it runs as a mutator; 0 before it registers, inside
    /// `blocking` and after it retires. Handle checks compare it with objects' owner tags,
    /// so 0 makes every GC object unreachable from here.
    static THREAD_TAG: Cell<u32> = const { Cell::new(0) };
    /// Set while inside `blocking`, where allocating is a bug.
    static IN_BLOCKING_REGION: Cell<bool> = const { Cell::new(false) };
    /// Set once the thread has retired its mutator (thread-local destructors are running).
    static RETIRED: Cell<bool> = const { Cell::new(false) };
    /// Its destructor retires the mutator when the thread exits.
    static RETIRE_ON_EXIT: RetireOnExit = const { RetireOnExit };
}

struct RetireOnExit;

impl Drop for RetireOnExit {
    fn drop(&mut self) {
        RETIRED.with(|flag| flag.set(true));
        THREAD_TAG.with(|tag| tag.set(0));
        let record = CURRENT.with(|current| current.replace(std::ptr::null_mut()));
        if !record.is_null() {
            retire(record);
        }
    }
}

fn tls_of(record: *mut MutatorRecord) -> VMMutatorThread {
    VMMutatorThread(VMThread(OpaquePointer::from_address(
        Address::from_mut_ptr(record),
    )))
}

fn record_of(tls: VMMutatorThread) -> *mut MutatorRecord {
    tls.0 .0.to_address().to_mut_ptr()
}

/// This thread's record, registering the thread on first use.
#[inline(always)]
fn current_record() -> *mut MutatorRecord {
    let record = CURRENT.with(|current| current.get());
    if record.is_null() {
        register_current_thread()
    } else {
        record
    }
}

/// The MMTk `tls` of the calling thread, registering it if needed.
pub(crate) fn current_tls() -> VMMutatorThread {
    tls_of(current_record())
}

#[cold]
#[inline(never)]
fn register_current_thread() -> *mut MutatorRecord {
    assert!(
        !IN_BLOCKING_REGION.with(|flag| flag.get()),
        "ferrite-gc: GC allocation inside ferrite_gc::blocking(); allocate before or after the blocking call"
    );
    assert!(
        !RETIRED.with(|flag| flag.get()),
        "ferrite-gc: GC allocation in a thread-local destructor, after the thread's mutator retired"
    );
    let tag = loop {
        let tag = LAST_TAG.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        if tag != 0 {
            break tag;
        }
    };
    let mmtk = heap::mmtk();
    let selector = mmtk::memory_manager::get_allocator_mapping(mmtk, AllocationSemantics::Default);
    assert!(
        matches!(selector, AllocatorSelector::Immix(_)),
        "ferrite-gc expects the Immix plan, whose default allocator is Immix; got {selector:?}"
    );
    let bump_offset = Mutator::<FerriteVM>::get_allocator_base_offset(selector)
        + std::mem::offset_of!(ImmixAllocator<FerriteVM>, bump_pointer);
    let record = Box::into_raw(Box::new(MutatorRecord {
        mmtk_mutator: std::ptr::null_mut(),
        bump_offset,
        max_default_bytes: mmtk
            .get_plan()
            .constraints()
            .max_non_los_default_alloc_bytes,
        stack_base: stack::current_stack_base(),
        tag,
        stack_top: AtomicUsize::new(0),
        state: AtomicU8::new(RUNNING),
    }));
    // MMTk does not expect mutators to come or go during a pause.
    let mut world = wait_while_stopped(lock_world());
    let mmtk_mutator = Box::into_raw(mmtk::memory_manager::bind_mutator(mmtk, tls_of(record)));
    // SAFETY: `record` is the box we just leaked and nobody else knows it yet.
    unsafe { (*record).mmtk_mutator = mmtk_mutator };
    world.mutators.push(RecordPtr(record));
    drop(world);
    CURRENT.with(|current| current.set(record));
    THREAD_TAG.with(|current| current.set(tag));
    RETIRE_ON_EXIT.with(|_| {});
    record
}

/// Remove an exiting thread's mutator.
fn retire(record: *mut MutatorRecord) {
    let world = lock_world();
    // SAFETY: the record stays valid until we free it below. While a collection is under
    // way we park with an empty stack range: this thread holds no references any more.
    unsafe { (*record).stop(&world, (*record).stack_base.as_usize(), PARKED) };
    let mut world = wait_while_stopped(world);
    world.mutators.retain(|r| r.0 != record);
    // SAFETY: no pause is in progress (we hold the lock with no stop requested), the record
    // is out of the registry, and both boxes were leaked by `register_current_thread`.
    unsafe {
        let mmtk_mutator = (*record).mmtk_mutator;
        mmtk::memory_manager::destroy_mutator(&mut *mmtk_mutator);
        drop(Box::from_raw(mmtk_mutator));
        drop(Box::from_raw(record));
    }
}

/// Allocate `bytes` (a multiple of 8) for an object of type `descriptor_id` and write its
/// header. The rest of the object is uninitialized: the caller writes every field before
/// anything can observe the object (there is no safepoint in between).
#[inline(always)]
pub(crate) fn allocate(bytes: usize, descriptor_id: u32) -> Result<NonNull<u8>, OutOfMemory> {
    debug_assert!(bytes % 8 == 0 && bytes >= crate::header::HEADER_SIZE);
    let record = current_record();
    // SAFETY: `record` is this thread's live record and `bump_offset` locates the bump
    // pointer inside its MMTk mutator (computed from MMTk's own offsets at registration).
    // MMTk only touches that bump pointer from this thread, or while this thread is stopped.
    unsafe {
        let mmtk_mutator = (*record).mmtk_mutator;
        let bump = (mmtk_mutator as *mut u8).add((*record).bump_offset) as *mut BumpPointer;
        let cursor = (*bump).cursor;
        if bytes <= (*record).max_default_bytes
            && cursor + bytes <= (*bump).limit
            && !STOP_REQUESTED.load(Ordering::Relaxed)
        {
            (*bump).cursor = cursor + bytes;
            return Ok(initialize(
                mmtk_mutator,
                cursor,
                bytes,
                header_word(descriptor_id, (*record).tag),
                AllocationSemantics::Default,
            ));
        }
    }
    allocate_slow(record, bytes, descriptor_id)
}

/// Write the header and mark the object valid (its VO bit), which is all MMTk's `post_alloc`
/// does for the Immix space; large objects go through `post_alloc` proper.
///
/// # Safety
/// `start` must be a fresh allocation of `bytes` bytes by `mmtk_mutator` with `semantics`.
#[inline(always)]
unsafe fn initialize(
    mmtk_mutator: *mut Mutator<FerriteVM>,
    start: Address,
    bytes: usize,
    header: u64,
    semantics: AllocationSemantics,
) -> NonNull<u8> {
    // SAFETY: the caller guarantees `start` is ours, 8-aligned and at least a header long;
    // MMTk never returns address zero for a successful allocation.
    unsafe {
        (start.to_mut_ptr::<u64>()).write(header);
        if semantics == AllocationSemantics::Default {
            crate::vo_bits::set(start.as_usize());
        } else {
            let object = ObjectReference::from_raw_address_unchecked(start);
            mmtk::memory_manager::post_alloc(&mut *mmtk_mutator, object, bytes, semantics);
        }
        NonNull::new_unchecked(start.to_mut_ptr())
    }
}

#[cold]
#[inline(never)]
fn allocate_slow(
    record: *mut MutatorRecord,
    bytes: usize,
    descriptor_id: u32,
) -> Result<NonNull<u8>, OutOfMemory> {
    if STOP_REQUESTED.load(Ordering::Relaxed) {
        park(record, Wait::UntilWorldResumes);
    }
    // SAFETY: this thread's live record.
    let semantics = if bytes > unsafe { (*record).max_default_bytes } {
        AllocationSemantics::Los
    } else {
        AllocationSemantics::Default
    };
    // SAFETY: this thread's record and MMTk mutator; MMTk's allocator may collect, during
    // which this thread parks inside `block_for_gc`.
    unsafe {
        let mmtk_mutator = (*record).mmtk_mutator;
        let start = mmtk::memory_manager::alloc(&mut *mmtk_mutator, bytes, 8, 0, semantics);
        if start.is_zero() {
            return Err(OutOfMemory {
                requested_bytes: bytes,
            });
        }
        // Count what this slow path handed out against the collection budget: the whole
        // run of free memory the bump pointer now covers if the object starts one, else
        // (a large or overflow-allocated object) the object.
        let bump = (mmtk_mutator as *mut u8).add((*record).bump_offset) as *mut BumpPointer;
        let (cursor, limit) = ((*bump).cursor, (*bump).limit);
        let handed_out = if cursor == start + bytes && limit >= cursor {
            limit - start
        } else {
            bytes
        };
        crate::trigger::note_allocated(handed_out);
        Ok(initialize(
            mmtk_mutator,
            start,
            bytes,
            header_word(descriptor_id, (*record).tag),
            semantics,
        ))
    }
}

enum Wait {
    /// At a safepoint: until the collection in progress is over.
    UntilWorldResumes,
    /// In `block_for_gc`: until the collection this thread asked for has happened (the
    /// coordinator may not even have requested the stop yet).
    UntilNextCollection,
}

#[cold]
#[inline(never)]
fn park(record: *mut MutatorRecord, until: Wait) {
    stack::with_registers_spilled(|stack_top| {
        let world = lock_world();
        // SAFETY: the record is this thread's and live.
        let record = unsafe { &*record };
        record.stop(&world, stack_top.as_usize(), PARKED);
        let world = match until {
            Wait::UntilWorldResumes => wait_while_stopped(world),
            Wait::UntilNextCollection => {
                // The next collection may already have stopped the world again by the time
                // we wake: the coordinator counted us as parked, so we must stay parked.
                let epoch = world.epoch;
                let mut world = world;
                while world.epoch == epoch || world.stop_requested {
                    world = wait(world);
                }
                world
            }
        };
        // Still under the lock, so no new stop can count us as parked while we run.
        record.state.store(RUNNING, Ordering::Relaxed);
        drop(world);
    });
}

/// Let a pending collection run. Call this in long loops that do not allocate.
#[inline]
pub fn safepoint() {
    if STOP_REQUESTED.load(Ordering::Relaxed) {
        let record = CURRENT.with(|current| current.get());
        if !record.is_null() {
            park(record, Wait::UntilWorldResumes);
        }
    }
}

/// Run `f`, which must not touch GC objects, letting collections proceed meanwhile: for
/// blocking I/O, sleeping, joining threads, waiting on locks. `f` is `Send` so that it cannot
/// capture GC references; allocating inside it panics.
pub fn blocking<R, F: FnOnce() -> R + Send>(f: F) -> R {
    let record = CURRENT.with(|current| current.get());
    if record.is_null() {
        return f();
    }
    stack::with_registers_spilled(|stack_top| {
        // SAFETY: this thread's live record.
        unsafe { (*record).stop(&lock_world(), stack_top.as_usize(), BLOCKING) };
        // Restores the thread as a running mutator however `f` ends (a panic included).
        struct Unblock(*mut MutatorRecord);
        impl Drop for Unblock {
            fn drop(&mut self) {
                IN_BLOCKING_REGION.with(|flag| flag.set(false));
                // SAFETY: this thread's live record.
                THREAD_TAG.with(|tag| tag.set(unsafe { (*self.0).tag }));
                let world = wait_while_stopped(lock_world());
                // SAFETY: this thread's live record.
                unsafe { (*self.0).state.store(RUNNING, Ordering::Relaxed) };
                drop(world);
                CURRENT.with(|current| current.set(self.0));
            }
        }
        IN_BLOCKING_REGION.with(|flag| flag.set(true));
        THREAD_TAG.with(|tag| tag.set(0));
        CURRENT.with(|current| current.set(std::ptr::null_mut()));
        let _unblock = Unblock(record);
        f()
    })
}

/// Run `f` while no collection is in progress (and none can start): for changes to what the
/// collector reads during a pause, such as freeing a root buffer.
pub(crate) fn outside_pause<R>(f: impl FnOnce() -> R) -> R {
    loop {
        let world = lock_world();
        if !world.stop_requested {
            let result = f();
            drop(world);
            return result;
        }
        drop(world);
        // A stop is pending. A running mutator must park, or the stop would wait for it
        // forever; a thread inside `blocking` (CURRENT is null there) or a non-mutator waits.
        let record = CURRENT.with(|current| current.get());
        if record.is_null() {
            drop(wait_while_stopped(lock_world()));
        } else {
            park(record, Wait::UntilWorldResumes);
        }
    }
}

/// The calling thread's tag, or 0 if it is not running as a mutator (never registered,
/// inside [`blocking`], or retired).
#[inline(always)]
pub(crate) fn thread_tag() -> u32 {
    THREAD_TAG.with(|tag| tag.get())
}

/// MMTk's `block_for_gc`: the calling mutator asked for a collection it must wait out.
pub(crate) fn block_for_gc(tls: VMMutatorThread) {
    park(record_of(tls), Wait::UntilNextCollection);
}

/// MMTk's `stop_all_mutators`: wait until every mutator is parked or blocking, then hand
/// each to MMTk for root scanning.
pub(crate) fn stop_the_world(mut visit: impl FnMut(&'static mut Mutator<FerriteVM>)) {
    let mut world = lock_world();
    world.stop_requested = true;
    STOP_REQUESTED.store(true, Ordering::SeqCst);
    loop {
        // SAFETY: registered records are live while in the registry.
        let all_stopped = world
            .mutators
            .iter()
            .all(|r| unsafe { (*r.0).state.load(Ordering::Relaxed) } != RUNNING);
        if all_stopped {
            break;
        }
        world = wait(world);
    }
    let stopped: Vec<RecordPtr> = world.mutators.clone();
    // MMTk's workers ask for the mutator list while we visit; don't hold the lock.
    drop(world);
    for record in stopped {
        // SAFETY: the thread is stopped until `resume_the_world`, and it cannot retire
        // while `stop_requested` is set, so its MMTk mutator is ours to hand to MMTk.
        visit(unsafe { &mut *(*record.0).mmtk_mutator });
    }
}

/// MMTk's `resume_mutators`.
pub(crate) fn resume_the_world() {
    let mut world = lock_world();
    world.stop_requested = false;
    STOP_REQUESTED.store(false, Ordering::SeqCst);
    world.epoch += 1;
    COLLECTIONS.fetch_add(1, Ordering::Relaxed);
    WORLD_CHANGED.notify_all();
}

pub(crate) fn collections_completed() -> u64 {
    COLLECTIONS.load(Ordering::Relaxed)
}

/// The objects a stopped mutator's stack and registers may point into.
pub(crate) fn conservative_roots_of(tls: VMMutatorThread) -> Vec<ObjectReference> {
    // SAFETY: MMTk asks only about mutators handed to it by `stop_the_world`, which stay
    // stopped (their stack range quiescent) until the collection ends.
    unsafe {
        let record = &*record_of(tls);
        let low = Address::from_usize(record.stack_top.load(Ordering::Relaxed));
        let mut roots = Vec::new();
        stack::scan_range(low, record.stack_base, &mut roots);
        roots.sort_unstable();
        roots.dedup();
        roots
    }
}

pub(crate) fn note_out_of_memory(_tls: VMThread, kind: mmtk::util::alloc::AllocationError) {
    // The failed allocation returns zero and becomes `Err(OutOfMemory)`; nothing to record
    // beyond a log line for whoever is debugging heap sizes.
    if std::env::var_os("FERRITE_GC_LOG").is_some() {
        eprintln!("ferrite-gc: out of memory ({kind:?})");
    }
}

/// Whether `tls` is a mutator's: ours are record addresses, GC workers' are null.
pub(crate) fn is_registered(tls: VMThread) -> bool {
    !tls.0.to_address().is_zero()
}

pub(crate) fn mmtk_mutator_of(tls: VMMutatorThread) -> &'static mut Mutator<FerriteVM> {
    // SAFETY: MMTk passes back a tls we gave it, a live record.
    unsafe { &mut *(*record_of(tls)).mmtk_mutator }
}

pub(crate) fn all_mmtk_mutators() -> Vec<&'static mut Mutator<FerriteVM>> {
    let world = lock_world();
    world
        .mutators
        .iter()
        // SAFETY: MMTk asks for the mutators only during a pause, when they are stopped.
        .map(|r| unsafe { &mut *(*r.0).mmtk_mutator })
        .collect()
}

pub(crate) fn count() -> usize {
    lock_world().mutators.len()
}
