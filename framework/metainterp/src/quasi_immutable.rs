//! Quasi-immutable fields while tracing: a load of such a field from a constant object
//! becomes a constant that the trace relies on, behind a watch cell the field's writers
//! invalidate (`ferrite_gc::quasi_immutable`); see `docs/jit-core.md`.

use ferrite_gc::Scalar;
use ferrite_trace::{Descr, Opcode, Operand};

use crate::tracer::Tracer;

/// What a trace being recorded relies on: quasi-immutable fields read as constants from
/// constant objects, and the watch cell registered for them (`ferrite_gc::quasi_immutable`).
pub(crate) struct Watch {
    /// A reference constant of the trace.
    pub(crate) cell: Operand,
    /// Type and field index of each field relied on (each registered once).
    pub(crate) fields: Vec<(ferrite_gc::DescriptorId, usize)>,
}

impl Tracer<'_, '_> {
    /// Rely on quasi-immutable `field` here: watch it, and check the watch here (resuming at
    /// the current instruction, which reads the field again). Every read is checked where
    /// it is, so nothing needs checking after calls: a later read has its own check, and the
    /// optimizer only drops a check when no call came since the previous one.
    pub(crate) fn watch_field(
        &mut self,
        field: (ferrite_gc::DescriptorId, usize),
    ) -> Result<(), String> {
        if self.watch.is_none() {
            let cell = ferrite_gc::quasi_immutable::new_watch_cell()
                .map_err(|_| "out of memory for a watch cell".to_string())?;
            let cell = self.constant(Scalar::Ref(Some(cell.erase())));
            self.watch = Some(Watch {
                cell,
                fields: Vec::new(),
            });
        }
        let watch = self.watch.as_mut().expect("just made");
        if !watch.fields.contains(&field) {
            watch.fields.push(field);
            // Watched from now on, so a write while tracing (by a residual call) is seen:
            // the driver does not compile a trace whose cell is invalidated (its first
            // check would always fail).
            let Operand::Ref(index) = watch.cell else {
                unreachable!("the cell is a reference constant")
            };
            let cell = self
                .trace
                .ref_constant(index)
                .downcast::<ferrite_gc::Array<u8>>();
            ferrite_gc::quasi_immutable::watch(field.0, field.1, cell.expect("a watch cell"));
        }
        self.check_not_invalidated();
        Ok(())
    }

    pub(crate) fn check_not_invalidated(&mut self) {
        let cell = self.watch.as_ref().expect("a watch").cell;
        self.guard(Opcode::GuardNotInvalidated, &[cell]);
    }
}

/// The quasi-immutable field a load reads, if it is one and its object is a constant.
pub(crate) fn quasi_immutable_field(
    opcode: Opcode,
    descr: Option<Descr>,
    object: Operand,
) -> Option<(ferrite_gc::DescriptorId, usize)> {
    let (
        Opcode::GetfieldGcI | Opcode::GetfieldGcR | Opcode::GetfieldGcF,
        Some(Descr::Field { owner, index }),
        Operand::Ref(_),
    ) = (opcode, descr, object)
    else {
        return None;
    };
    let ferrite_gc::Layout::Fixed { fields, .. } = &ferrite_gc::descriptor(owner)?.layout else {
        return None;
    };
    fields[index as usize]
        .quasi_immutable
        .then_some((owner, index as usize))
}
