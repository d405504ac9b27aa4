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

pub(crate) struct ProportionalTrigger {
    min_free_pages: usize,
    free_percent: usize,
    max_pages: usize,
    /// The heap limit now: collect when MMTk's reserved pages pass it.
    limit_pages: AtomicUsize,
    /// Pages of allocations that failed and triggered the collection in progress; the new
    /// limit must leave room for them.
    pending_pages: AtomicUsize,
}

impl ProportionalTrigger {
    pub(crate) fn new(parameters: Proportional) -> Self {
        let min_free_pages = parameters.min_free.div_ceil(BYTES_IN_PAGE);
        let max_pages = parameters.max.div_ceil(BYTES_IN_PAGE).max(1);
        ProportionalTrigger {
            min_free_pages,
            free_percent: parameters.free_percent,
            max_pages,
            limit_pages: AtomicUsize::new(min_free_pages.min(max_pages)),
            pending_pages: AtomicUsize::new(0),
        }
    }

    /// The limit after a collection that left `live_pages` in use.
    fn limit_after(&self, live_pages: usize, pending_pages: usize) -> usize {
        let free = (live_pages.saturating_mul(self.free_percent) / 100).max(self.min_free_pages);
        live_pages
            .saturating_add(pending_pages)
            .saturating_add(free)
            .min(self.max_pages)
    }
}

impl GCTriggerPolicy<FerriteVM> for ProportionalTrigger {
    fn on_pending_allocation(&self, pages: usize) {
        self.pending_pages.fetch_add(pages, Ordering::Relaxed);
    }

    fn on_gc_end(&self, mmtk: &'static MMTK<FerriteVM>) {
        let live_pages = mmtk.get_plan().get_reserved_pages();
        let pending_pages = self.pending_pages.swap(0, Ordering::Relaxed);
        let limit = self.limit_after(live_pages, pending_pages);
        self.limit_pages.store(limit, Ordering::Relaxed);
    }

    fn is_gc_required(
        &self,
        space_full: bool,
        space: Option<SpaceStats<FerriteVM>>,
        plan: &dyn Plan<VM = FerriteVM>,
    ) -> bool {
        plan.collection_required(space_full, space)
    }

    fn is_heap_full(&self, plan: &dyn Plan<VM = FerriteVM>) -> bool {
        plan.get_reserved_pages() > self.limit_pages.load(Ordering::Relaxed)
    }

    fn get_current_heap_size_in_pages(&self) -> usize {
        self.limit_pages.load(Ordering::Relaxed)
    }

    fn get_max_heap_size_in_pages(&self) -> usize {
        self.max_pages
    }

    fn can_heap_size_grow(&self) -> bool {
        self.limit_pages.load(Ordering::Relaxed) < self.max_pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    fn trigger() -> ProportionalTrigger {
        ProportionalTrigger::new(Proportional {
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
        assert_eq!(trigger().limit_after(pages(10 * MIB), 0), pages(138 * MIB));
    }

    #[test]
    fn large_live_sets_get_budget_in_proportion() {
        assert_eq!(trigger().limit_after(pages(300 * MIB), 0), pages(600 * MIB));
    }

    #[test]
    fn the_limit_never_passes_the_maximum() {
        assert_eq!(
            trigger().limit_after(pages(900 * MIB), 0),
            pages(1024 * MIB)
        );
    }

    #[test]
    fn failed_allocations_are_made_room_for() {
        let t = trigger();
        assert_eq!(t.limit_after(pages(10 * MIB), pages(MIB)), pages(139 * MIB));
    }
}
