//! The one MMTk instance of the process: its options, lazy start-up, explicit collections
//! and statistics.

use std::sync::{Mutex, OnceLock};

use mmtk::util::opaque_pointer::VMThread;
use mmtk::{MMTKBuilder, MMTK};

use crate::binding::FerriteVM;
use crate::trigger::{Proportional, ProportionalTrigger};

/// How far back from a stack word the collector looks for the start of an object the word
/// points into. Objects in the Immix space are at most 16 KiB; large objects live in pages
/// of their own and the search walks back a page at a time, so a pointer more than this far
/// into a huge array (with no pointer nearer its start alive) does not keep it alive.
pub(crate) const MAX_INTERIOR_SEARCH_BYTES: usize = 1 << 30;

/// How big the heap may grow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeapSize {
    /// Collect whenever this many bytes are in use; fail allocations beyond it.
    Fixed(usize),
    /// After each collection, allow `max(min_free, live × free_percent / 100)` bytes of
    /// allocation before the next, never beyond `max` in all (see `trigger.rs`).
    Proportional {
        min_free: usize,
        free_percent: usize,
        max: usize,
    },
}

/// Settings applied when the heap starts (on first allocation, or by [`configure`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GcOptions {
    pub heap: HeapSize,
    /// GC worker threads; `None` lets MMTk use one per core.
    pub gc_threads: Option<usize>,
    /// Defragment (move objects) in every collection, not only when the heap is
    /// fragmented: for testing that an interpreter keeps no unrooted references.
    pub stress_moving: bool,
}

impl Default for GcOptions {
    fn default() -> Self {
        GcOptions {
            heap: HeapSize::Proportional {
                min_free: 128 << 20,
                free_percent: 100,
                max: default_max_heap(),
            },
            gc_threads: None,
            stress_moving: false,
        }
    }
}

/// Half of physical memory, as MMTk and the JVM default to; 4 GiB if unknown.
fn default_max_heap() -> usize {
    // SAFETY: sysconf has no memory-safety preconditions.
    let (pages, page_size) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    if pages > 0 && page_size > 0 {
        (pages as usize).saturating_mul(page_size as usize) / 2
    } else {
        4 << 30
    }
}

/// Asked of [`configure`] after the heap had already started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlreadyStarted;

impl std::fmt::Display for AlreadyStarted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the GC heap has already started; configure it before the first allocation")
    }
}

impl std::error::Error for AlreadyStarted {}

/// The parameters of the delegated trigger, for `Collection::create_gc_trigger`.
static PROPORTIONAL: OnceLock<Proportional> = OnceLock::new();

pub(crate) fn proportional_trigger() -> Box<ProportionalTrigger> {
    let parameters = PROPORTIONAL
        .get()
        .copied()
        .expect("ferrite-gc: MMTk asked for the delegated trigger without its parameters");
    Box::new(ProportionalTrigger::new(parameters))
}

static PENDING_OPTIONS: Mutex<Option<GcOptions>> = Mutex::new(None);
static INSTANCE: OnceLock<&'static MMTK<FerriteVM>> = OnceLock::new();
static FOR_WORKERS: OnceLock<&'static MMTK<FerriteVM>> = OnceLock::new();

/// Set the heap options. Must come before the first allocation of the process; MMTk's
/// `MMTK_*` environment variables (e.g. `MMTK_THREADS`) are applied first and these win.
pub fn configure(options: GcOptions) -> Result<(), AlreadyStarted> {
    let mut pending = PENDING_OPTIONS.lock().unwrap_or_else(|e| e.into_inner());
    if INSTANCE.get().is_some() {
        return Err(AlreadyStarted);
    }
    *pending = Some(options);
    Ok(())
}

/// The MMTk instance, created on first use.
#[inline]
pub(crate) fn mmtk() -> &'static MMTK<FerriteVM> {
    match INSTANCE.get() {
        Some(instance) => instance,
        None => start(),
    }
}

#[cold]
fn start() -> &'static MMTK<FerriteVM> {
    let pending = PENDING_OPTIONS.lock().unwrap_or_else(|e| e.into_inner());
    let instance = INSTANCE.get_or_init(|| {
        let options = pending.unwrap_or_default();
        let mut builder = MMTKBuilder::new_no_env_vars();
        builder.options.read_env_var_settings();
        let trigger = match options.heap {
            HeapSize::Fixed(bytes) => format!("FixedHeapSize:{bytes}"),
            HeapSize::Proportional {
                min_free,
                free_percent,
                max,
            } => {
                let _ = PROPORTIONAL.set(Proportional {
                    min_free,
                    free_percent,
                    max,
                });
                "Delegated".to_string()
            }
        };
        if matches!(options.heap, HeapSize::Proportional { .. }) {
            // The proportional trigger sizes the heap by the bytes a collection found live.
            assert!(builder
                .options
                .set_from_string("count_live_bytes_in_gc", "true"));
        }
        // Only if MMTK_GC_TRIGGER did not say otherwise, and explicit options always.
        if pending.is_some() || std::env::var_os("MMTK_GC_TRIGGER").is_none() {
            assert!(builder.options.set_from_string("gc_trigger", &trigger));
        }
        if let Some(threads) = options.gc_threads {
            assert!(builder
                .options
                .set_from_string("threads", &threads.to_string()));
        }
        if options.stress_moving {
            assert!(builder
                .options
                .set_from_string("immix_always_defrag", "true"));
        }
        // The fast path, the conservative roots (pinning) and the absence of write
        // barriers all assume non-generational Immix: see docs/gc.md.
        assert!(builder.options.set_from_string("plan", "Immix"));
        crate::descriptor::ensure_builtins_registered();
        let instance: &'static MMTK<FerriteVM> =
            Box::leak(mmtk::memory_manager::mmtk_init::<FerriteVM>(&builder));
        crate::vo_bits::init();
        // Workers need the instance before it is published to mutators: collection must be
        // initialized first, or a mutator could request a collection nothing can run.
        let _ = FOR_WORKERS.set(instance);
        mmtk::memory_manager::initialize_collection(instance, VMThread::UNINITIALIZED);
        instance
    });
    drop(pending);
    instance
}

/// After a collection, before the mutators resume: let the proportional trigger (if it is
/// the one in use) set the next limit from the live bytes.
pub(crate) fn after_collection() {
    if let (Some(parameters), Some(instance)) = (PROPORTIONAL.get(), FOR_WORKERS.get()) {
        crate::trigger::after_collection(instance, *parameters);
    }
}

/// The MMTk instance, for GC worker threads (which start before it is published).
pub(crate) fn mmtk_for_workers() -> &'static MMTK<FerriteVM> {
    FOR_WORKERS
        .get()
        .expect("ferrite-gc: a GC worker started before MMTk was created")
}

/// Collect now, from the calling thread (which becomes a mutator if it was not one).
pub fn collect() {
    let tls = crate::mutator::current_tls();
    mmtk().handle_user_collection_request(tls, true, false);
}

/// Whether a live GC object starts at `address`. For tests and diagnostics: an object that
/// is not reachable may still be reported until a collection reclaims it.
pub fn is_object_start(address: usize) -> bool {
    if address == 0 || address % 8 != 0 || INSTANCE.get().is_none() {
        return false;
    }
    // SAFETY: `Address` is a plain integer wrapper; `is_mmtk_object` accepts any non-zero
    // aligned address and answers `None` outside MMTk's spaces.
    let address = unsafe { mmtk::util::Address::from_usize(address) };
    mmtk::memory_manager::is_mmtk_object(address).is_some()
}

/// A snapshot of the collector's counters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GcStats {
    /// Collections completed since the heap started.
    pub collections: u64,
    /// Bytes of heap in use (pages held by MMTk spaces).
    pub used_bytes: usize,
    /// The current heap limit.
    pub total_bytes: usize,
}

/// The collector's counters now.
pub fn stats() -> GcStats {
    let instance = mmtk();
    GcStats {
        collections: crate::mutator::collections_completed(),
        used_bytes: mmtk::memory_manager::used_bytes(instance),
        total_bytes: mmtk::memory_manager::total_bytes(instance),
    }
}
