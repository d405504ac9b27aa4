//! When to collect: the heap limit, and how it moves.
//!
//! MMTk's own dynamic trigger (a simplified MemBalancer) keeps the heap at about
//! `live + sqrt(live)`, which for allocation-heavy interpreters means collecting very often:
//! binary-trees at depth 18 did 158 collections in a 32 MiB heap, five times slower than
//! `Box`. We use the classic proportional rule instead (Go's `GOGC`, the JVM's free ratio):
//! after each collection, let the program allocate `max(min_free, live × free_percent / 100)`
//! more bytes before the next one, never growing past `max`. Collection work (proportional
//! to live data) is then amortized over at least as many allocated bytes as are live, and
//! small programs get a generous allocation budget without a large heap.
//!
//! "Live" is the bytes of the objects the collection reached (MMTk counts them with its
//! `count_live_bytes_in_gc` option), and the budget is counted in bytes allocated, not in
//! pages reserved: Immix keeps every block that has a live line, and allocates into the
//! free lines of those blocks before taking new ones. A program whose few survivors are
//! spread through its allocations (a result appended to a list after a burst of
//! temporaries) keeps almost every page reserved though almost every line is free;
//! counting reserved pages as live doubled the heap at each collection (a ray tracer with
//! 3 MiB live reached 1.8 GiB), and counting only new pages against the budget would
//! collect constantly once the free lines are used up. So the allocator's slow path adds
//! up the bytes it hands out ([`note_allocated`]), and a collection happens when the heap
//! must take new pages and the budget is spent (or the maximum is reached).
//!
//! MMTk tells the trigger that a collection ended before it adds up the workers' live
//! bytes, so the budget is set in two steps: `on_gc_end` makes a conservative one from the
//! reserved pages, and [`after_collection`], called just before the mutators resume,
//! replaces it with the one computed from the live bytes.

use std::sync::atomic::{AtomicUsize, Ordering};

use mmtk::plan::Plan;
use mmtk::util::constants::BYTES_IN_PAGE;
use mmtk::util::heap::{GCTriggerPolicy, SpaceStats};
use mmtk::MMTK;

use crate::binding::FerriteVM;

/// The parameters of [`ProportionalTrigger`], in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Proportional {
    pub(crate) min_free: usize,
    pub(crate) free_percent: usize,
    pub(crate) max: usize,
}

/// The budget and what the last collection left, shared by the trigger MMTk owns,
/// [`after_collection`] and [`note_allocated`].
struct State {
    /// Bytes the program may allocate before the next collection.
    budget_bytes: AtomicUsize,
    /// Bytes handed out by the allocator's slow path since the last collection.
    allocated_bytes: AtomicUsize,
    /// Pages of allocations that failed and triggered the collection in progress; the new
    /// budget must leave room for them.
    pending_pages: AtomicUsize,
    /// Reserved pages and the pending ones when the last collection ended.
    reserved_after_gc: AtomicUsize,
    pending_after_gc: AtomicUsize,
}

static STATE: State = State {
    budget_bytes: AtomicUsize::new(usize::MAX),
    allocated_bytes: AtomicUsize::new(0),
    pending_pages: AtomicUsize::new(0),
    reserved_after_gc: AtomicUsize::new(0),
    pending_after_gc: AtomicUsize::new(0),
};

/// Count `bytes` handed out by an allocation slow path (a run of free lines, a new block,
/// a large object) against the budget.
#[inline]
pub(crate) fn note_allocated(bytes: usize) {
    STATE.allocated_bytes.fetch_add(bytes, Ordering::Relaxed);
}

pub(crate) struct ProportionalTrigger {
    parameters: Pages,
}

/// [`Proportional`] in pages.
#[derive(Clone, Copy)]
struct Pages {
    min_free: usize,
    free_percent: usize,
    max: usize,
}

impl Pages {
    fn of(parameters: Proportional) -> Self {
        Pages {
            min_free: parameters.min_free.div_ceil(BYTES_IN_PAGE),
            free_percent: parameters.free_percent,
            max: parameters.max.div_ceil(BYTES_IN_PAGE).max(1),
        }
    }

    /// The pages the program may allocate after a collection that left `live` pages of
    /// live objects, with `pending` pages of allocations waiting.
    fn budget_after(self, live: usize, pending: usize) -> usize {
        (live.saturating_mul(self.free_percent) / 100)
            .max(self.min_free)
            .saturating_add(pending)
    }
}

impl ProportionalTrigger {
    pub(crate) fn new(parameters: Proportional) -> Self {
        let parameters = Pages::of(parameters);
        STATE.budget_bytes.store(
            parameters.min_free.min(parameters.max) * BYTES_IN_PAGE,
            Ordering::Relaxed,
        );
        ProportionalTrigger { parameters }
    }
}

/// Set the budget from the live bytes MMTk counted in the collection that just ended;
/// called with the world still stopped, after MMTk's accounting and before the mutators
/// resume (see the module comment).
pub(crate) fn after_collection(mmtk: &'static MMTK<FerriteVM>, parameters: Proportional) {
    let live_bytes: usize = mmtk::memory_manager::live_bytes_in_last_gc(mmtk)
        .values()
        .map(|space| space.live_bytes)
        .sum();
    let budget = Pages::of(parameters).budget_after(
        live_bytes.div_ceil(BYTES_IN_PAGE),
        STATE.pending_after_gc.load(Ordering::Relaxed),
    );
    STATE
        .budget_bytes
        .store(budget.saturating_mul(BYTES_IN_PAGE), Ordering::Relaxed);
}

impl GCTriggerPolicy<FerriteVM> for ProportionalTrigger {
    fn on_pending_allocation(&self, pages: usize) {
        STATE.pending_pages.fetch_add(pages, Ordering::Relaxed);
    }

    fn on_gc_end(&self, mmtk: &'static MMTK<FerriteVM>) {
        let reserved = mmtk.get_plan().get_reserved_pages();
        let pending = STATE.pending_pages.swap(0, Ordering::Relaxed);
        STATE.reserved_after_gc.store(reserved, Ordering::Relaxed);
        STATE.pending_after_gc.store(pending, Ordering::Relaxed);
        STATE.allocated_bytes.store(0, Ordering::Relaxed);
        // Until `after_collection` knows the live bytes, count every reserved page as live.
        let budget = self.parameters.budget_after(reserved, pending);
        STATE
            .budget_bytes
            .store(budget.saturating_mul(BYTES_IN_PAGE), Ordering::Relaxed);
    }

    fn is_gc_required(
        &self,
        space_full: bool,
        space: Option<SpaceStats<FerriteVM>>,
        plan: &dyn Plan<VM = FerriteVM>,
    ) -> bool {
        plan.collection_required(space_full, space)
    }

    /// Asked when the heap takes new pages: full if the budget is spent or the heap would
    /// pass its maximum.
    fn is_heap_full(&self, plan: &dyn Plan<VM = FerriteVM>) -> bool {
        plan.get_reserved_pages() > self.parameters.max
            || STATE.allocated_bytes.load(Ordering::Relaxed)
                >= STATE.budget_bytes.load(Ordering::Relaxed)
    }

    /// What the heap may grow to before the next collection: what the last one left plus
    /// the budget (MMTk sizes the defragmentation copy space from it).
    fn get_current_heap_size_in_pages(&self) -> usize {
        let budget = STATE.budget_bytes.load(Ordering::Relaxed) / BYTES_IN_PAGE;
        STATE
            .reserved_after_gc
            .load(Ordering::Relaxed)
            .saturating_add(budget)
            .min(self.parameters.max)
    }

    fn get_max_heap_size_in_pages(&self) -> usize {
        self.parameters.max
    }

    fn can_heap_size_grow(&self) -> bool {
        self.get_current_heap_size_in_pages() < self.parameters.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    fn trigger() -> Pages {
        Pages::of(Proportional {
            min_free: 128 * MIB,
            free_percent: 100,
            max: 1024 * MIB,
        })
    }

    fn pages(bytes: usize) -> usize {
        bytes / BYTES_IN_PAGE
    }

    #[test]
    fn small_live_sets_get_the_minimum_budget() {
        assert_eq!(trigger().budget_after(pages(10 * MIB), 0), pages(128 * MIB));
    }

    #[test]
    fn large_live_sets_get_budget_in_proportion() {
        assert_eq!(
            trigger().budget_after(pages(300 * MIB), 0),
            pages(300 * MIB)
        );
    }

    #[test]
    fn failed_allocations_are_made_room_for() {
        assert_eq!(
            trigger().budget_after(pages(10 * MIB), pages(MIB)),
            pages(129 * MIB)
        );
    }
}
