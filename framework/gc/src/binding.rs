//! The MMTk binding: how MMTk sees Ferrite's objects, threads and roots.
//!
//! - Object model: the object reference is the header address; object sizes and reference
//!   fields come from the type descriptor named in the header; forwarding pointers overwrite
//!   the header word of the old copy; every other per-object bit is side metadata.
//! - Scanning: precise for heap objects (descriptor-driven), conservative for mutator stacks
//!   (pinning roots), precise for the explicit root buffers (`RootVec`).
//! - Collection: stop-the-world through the mutator registry in `mutator.rs`.

use mmtk::util::copy::{CopySemantics, GCWorkerCopyContext};
use mmtk::util::opaque_pointer::{VMMutatorThread, VMThread, VMWorkerThread};
use mmtk::util::{Address, ObjectReference};
use mmtk::vm::slot::{SimpleSlot, UnimplementedMemorySlice};
use mmtk::vm::{
    ActivePlan, Collection, GCThreadContext, ObjectModel, ReferenceGlue, RootsWorkFactory,
    Scanning, SlotVisitor, VMBinding, VMGlobalLogBitSpec, VMLocalForwardingBitsSpec,
    VMLocalForwardingPointerSpec, VMLocalLOSMarkNurserySpec, VMLocalMarkBitSpec,
};
use mmtk::Mutator;

use crate::descriptor::{registered, Layout};
use crate::header::{descriptor_id_of, ARRAY_HEADER_SIZE};
use crate::mutator;

/// The `VMBinding` of Ferrite: a zero-sized type naming the trait implementations below.
#[derive(Default)]
pub struct FerriteVM;

impl VMBinding for FerriteVM {
    type VMObjectModel = FerriteObjectModel;
    type VMScanning = FerriteScanning;
    type VMCollection = FerriteCollection;
    type VMActivePlan = FerriteActivePlan;
    type VMReferenceGlue = FerriteReferenceGlue;
    type VMSlot = SimpleSlot;
    type VMMemorySlice = UnimplementedMemorySlice;

    // Every object is 8-aligned and a multiple of 8 bytes long.
    const MIN_ALIGNMENT: usize = 8;
    const MAX_ALIGNMENT: usize = 8;
}

/// The address of an object's header.
#[inline(always)]
fn start_of(object: ObjectReference) -> *const u8 {
    object.to_raw_address().to_ptr::<u8>()
}

/// The size in bytes of a live object.
#[inline]
pub(crate) fn object_size(object: ObjectReference) -> usize {
    let start = start_of(object);
    // SAFETY: MMTk only asks about objects it knows to be live and not yet forwarded, whose
    // header holds the descriptor id written at allocation.
    unsafe { registered(descriptor_id_of(start)).object_size(start) }
}

pub struct FerriteObjectModel;

impl ObjectModel<FerriteVM> for FerriteObjectModel {
    const GLOBAL_LOG_BIT_SPEC: VMGlobalLogBitSpec = VMGlobalLogBitSpec::side_first();
    const LOCAL_FORWARDING_POINTER_SPEC: VMLocalForwardingPointerSpec =
        VMLocalForwardingPointerSpec::in_header(0);
    const LOCAL_FORWARDING_BITS_SPEC: VMLocalForwardingBitsSpec =
        VMLocalForwardingBitsSpec::side_first();
    const LOCAL_MARK_BIT_SPEC: VMLocalMarkBitSpec =
        VMLocalMarkBitSpec::side_after(Self::LOCAL_FORWARDING_BITS_SPEC.as_spec());
    const LOCAL_LOS_MARK_NURSERY_SPEC: VMLocalLOSMarkNurserySpec =
        VMLocalLOSMarkNurserySpec::side_after(Self::LOCAL_MARK_BIT_SPEC.as_spec());

    const OBJECT_REF_OFFSET_LOWER_BOUND: isize = 0;
    const UNIFIED_OBJECT_REFERENCE_ADDRESS: bool = true;

    fn copy(
        from: ObjectReference,
        semantics: CopySemantics,
        copy_context: &mut GCWorkerCopyContext<FerriteVM>,
    ) -> ObjectReference {
        let bytes = object_size(from);
        let to_start = copy_context.alloc_copy(from, bytes, 8, 0, semantics);
        // SAFETY: `to_start` is a fresh `bytes`-long region from MMTk's copy allocator and
        // `from` is a live object of `bytes` bytes; the regions cannot overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(start_of(from), to_start.to_mut_ptr::<u8>(), bytes);
        }
        // SAFETY: the region starts with the header we just copied; never zero.
        let to = unsafe { ObjectReference::from_raw_address_unchecked(to_start) };
        copy_context.post_copy(to, bytes, semantics);
        to
    }

    fn copy_to(from: ObjectReference, to: ObjectReference, region: Address) -> Address {
        let bytes = object_size(from);
        if from != to {
            // SAFETY: MMTk hands us a destination big enough for the object; `copy` handles
            // overlap (sliding compaction moves objects towards lower addresses).
            unsafe { std::ptr::copy(start_of(from), start_of(to) as *mut u8, bytes) };
        }
        let _ = region;
        to.to_raw_address() + bytes
    }

    fn get_reference_when_copied_to(_from: ObjectReference, to: Address) -> ObjectReference {
        // SAFETY: copy destinations are never the zero address.
        unsafe { ObjectReference::from_raw_address_unchecked(to) }
    }

    fn get_current_size(object: ObjectReference) -> usize {
        object_size(object)
    }

    fn get_size_when_copied(object: ObjectReference) -> usize {
        object_size(object)
    }

    fn get_align_when_copied(_object: ObjectReference) -> usize {
        8
    }

    fn get_align_offset_when_copied(_object: ObjectReference) -> usize {
        0
    }

    fn get_type_descriptor(_reference: ObjectReference) -> &'static [i8] {
        // MMTk only uses this for its own debugging output; our descriptors are richer than
        // a C string, so we give none.
        &[]
    }

    fn ref_to_object_start(object: ObjectReference) -> Address {
        object.to_raw_address()
    }

    fn ref_to_header(object: ObjectReference) -> Address {
        object.to_raw_address()
    }

    fn dump_object(object: ObjectReference) {
        let start = start_of(object);
        // SAFETY: MMTk only dumps objects it believes live.
        let id = unsafe { descriptor_id_of(start) };
        let ty = registered(id);
        eprintln!(
            "{object}: {} (descriptor {id}), {} bytes",
            ty.descriptor.name,
            object_size(object)
        );
    }
}

pub struct FerriteScanning;

impl Scanning<FerriteVM> for FerriteScanning {
    fn scan_object<SV: SlotVisitor<SimpleSlot>>(
        _tls: VMWorkerThread,
        object: ObjectReference,
        slot_visitor: &mut SV,
    ) {
        let start = object.to_raw_address();
        // SAFETY: MMTk scans live objects only; their headers are intact.
        let ty = registered(unsafe { descriptor_id_of(start.to_ptr()) });
        match ty.descriptor.layout {
            Layout::Fixed { .. } => {
                for &offset in ty.ref_offsets.iter() {
                    slot_visitor.visit_slot(SimpleSlot::from_address(start + offset));
                }
            }
            Layout::Array { element } if element.is_ref() => {
                // SAFETY: the header says this is an array, so it has a length word.
                let length = unsafe { crate::header::array_length(start.to_ptr()) };
                let elements = start + ARRAY_HEADER_SIZE;
                for index in 0..length {
                    slot_visitor.visit_slot(SimpleSlot::from_address(elements + index * 8));
                }
            }
            Layout::Array { .. } => {}
        }
    }

    fn notify_initial_thread_scan_complete(_partial_scan: bool, _tls: VMWorkerThread) {}

    fn scan_roots_in_mutator_thread(
        _tls: VMWorkerThread,
        mutator: &'static mut Mutator<FerriteVM>,
        mut factory: impl RootsWorkFactory<SimpleSlot>,
    ) {
        let roots = mutator::conservative_roots_of(mutator.mutator_tls);
        if !roots.is_empty() {
            factory.create_process_pinning_roots_work(roots);
        }
    }

    fn scan_vm_specific_roots(
        _tls: VMWorkerThread,
        mut factory: impl RootsWorkFactory<SimpleSlot>,
    ) {
        let slots = crate::roots::explicit_root_slots();
        if !slots.is_empty() {
            factory.create_process_roots_work(slots);
        }
    }

    fn supports_return_barrier() -> bool {
        false
    }

    fn prepare_for_roots_re_scanning() {}
}

pub struct FerriteCollection;

impl Collection<FerriteVM> for FerriteCollection {
    fn stop_all_mutators<F>(_tls: VMWorkerThread, mutator_visitor: F)
    where
        F: FnMut(&'static mut Mutator<FerriteVM>),
    {
        mutator::stop_the_world(mutator_visitor);
    }

    fn resume_mutators(_tls: VMWorkerThread) {
        crate::heap::after_collection();
        mutator::resume_the_world();
    }

    fn block_for_gc(tls: VMMutatorThread) {
        mutator::block_for_gc(tls);
    }

    fn spawn_gc_thread(_tls: VMThread, ctx: GCThreadContext<FerriteVM>) {
        let GCThreadContext::Worker(worker) = ctx;
        std::thread::Builder::new()
            .name("ferrite-gc-worker".into())
            .spawn(move || {
                let tls = VMWorkerThread(VMThread::UNINITIALIZED);
                mmtk::memory_manager::start_worker(crate::heap::mmtk_for_workers(), tls, worker);
            })
            .expect("ferrite-gc: cannot spawn a GC worker thread");
    }

    fn create_gc_trigger() -> Box<dyn mmtk::util::heap::GCTriggerPolicy<FerriteVM>> {
        crate::heap::proportional_trigger()
    }

    fn out_of_memory(tls: VMThread, err_kind: mmtk::util::alloc::AllocationError) {
        // Returning makes the allocation return zero, which the allocator turns into
        // `Err(OutOfMemory)` for the interpreter to raise (Python's MemoryError).
        mutator::note_out_of_memory(tls, err_kind);
    }
}

pub struct FerriteActivePlan;

impl ActivePlan<FerriteVM> for FerriteActivePlan {
    fn is_mutator(tls: VMThread) -> bool {
        mutator::is_registered(tls)
    }

    fn mutator(tls: VMMutatorThread) -> &'static mut Mutator<FerriteVM> {
        mutator::mmtk_mutator_of(tls)
    }

    fn mutators<'a>() -> Box<dyn Iterator<Item = &'a mut Mutator<FerriteVM>> + 'a> {
        Box::new(mutator::all_mmtk_mutators().into_iter())
    }

    fn number_of_mutators() -> usize {
        mutator::count()
    }
}

/// Ferrite registers no weak references or finalizers with MMTk (language-level weak
/// references will be done by the binding in `process_weak_refs`), so MMTk never calls these.
pub struct FerriteReferenceGlue;

impl ReferenceGlue<FerriteVM> for FerriteReferenceGlue {
    type FinalizableType = ObjectReference;

    fn clear_referent(_new_reference: ObjectReference) {
        unreachable!("ferrite-gc registers no MMTk reference objects")
    }

    fn get_referent(_object: ObjectReference) -> Option<ObjectReference> {
        unreachable!("ferrite-gc registers no MMTk reference objects")
    }

    fn set_referent(_reff: ObjectReference, _referent: ObjectReference) {
        unreachable!("ferrite-gc registers no MMTk reference objects")
    }

    fn enqueue_references(_references: &[ObjectReference], _tls: VMWorkerThread) {
        unreachable!("ferrite-gc registers no MMTk reference objects")
    }
}
