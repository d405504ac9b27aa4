//! The heap cache: what the trace already knows is in the heap. A load of a field or array
//! element the trace has just read or written becomes the value it read or wrote; a store
//! of the value the slot is known to hold disappears; an array's length, which never
//! changes, is read once. Stores of the same type may alias (two references the trace can't
//! tell apart may be one object), so they forget what they might have overwritten; calls
//! forget what their effects say they may write.

use rustc_hash::FxHashMap;

use ferrite_trace::{Descr, Operand, Writes};

use crate::key::OperandKey;

#[derive(Default)]
pub struct HeapCache {
    lengths: FxHashMap<OperandKey, Operand>,
    fields: FxHashMap<(OperandKey, Descr), Operand>,
    items: FxHashMap<(OperandKey, OperandKey, Descr), Operand>,
}

/// Whether two operands may be the same value: equal, or not both constants.
fn may_alias(a: OperandKey, b: OperandKey) -> bool {
    a == b || !(a.is_constant() && b.is_constant())
}

impl HeapCache {
    /// Forget everything (at a label, which the loop's end and bridges jump to).
    pub fn clear(&mut self) {
        self.lengths.clear();
        self.fields.clear();
        self.items.clear();
    }

    pub fn length(&self, array: Operand) -> Option<Operand> {
        self.lengths.get(&OperandKey::of(array)).copied()
    }

    pub fn record_length(&mut self, array: Operand, length: Operand) {
        self.lengths.insert(OperandKey::of(array), length);
    }

    pub fn field(&self, object: Operand, descr: Descr) -> Option<Operand> {
        self.fields.get(&(OperandKey::of(object), descr)).copied()
    }

    /// A load read `value`.
    pub fn record_field(&mut self, object: Operand, descr: Descr, value: Operand) {
        self.fields.insert((OperandKey::of(object), descr), value);
    }

    /// A store: what it may overwrite is forgotten, and the slot holds `value` if that is
    /// what a load will read back (`None` when the store narrows it).
    pub fn write_field(&mut self, object: Operand, descr: Descr, value: Option<Operand>) {
        let object = OperandKey::of(object);
        self.fields
            .retain(|&(other, d), _| d != descr || !may_alias(other, object));
        if let Some(value) = value {
            self.fields.insert((object, descr), value);
        }
    }

    pub fn item(&self, array: Operand, index: Operand, descr: Descr) -> Option<Operand> {
        self.items
            .get(&(OperandKey::of(array), OperandKey::of(index), descr))
            .copied()
    }

    pub fn record_item(&mut self, array: Operand, index: Operand, descr: Descr, value: Operand) {
        self.items
            .insert((OperandKey::of(array), OperandKey::of(index), descr), value);
    }

    /// As `write_field`, for an array element.
    pub fn write_item(
        &mut self,
        array: Operand,
        index: Operand,
        descr: Descr,
        value: Option<Operand>,
    ) {
        let (array, index) = (OperandKey::of(array), OperandKey::of(index));
        self.items.retain(|&(other_array, other_index, d), _| {
            d != descr || !(may_alias(other_array, array) && may_alias(other_index, index))
        });
        if let Some(value) = value {
            self.items.insert((array, index, descr), value);
        }
    }

    /// A call that may write `writes` (lengths survive: arrays never change length).
    pub fn call(&mut self, writes: Writes) {
        match writes.descrs() {
            Ok(Some(descrs)) => {
                if !descrs.is_empty() {
                    self.fields.retain(|(_, d), _| !descrs.contains(d));
                    self.items.retain(|(_, _, d), _| !descrs.contains(d));
                }
            }
            // Everything, or names that don't resolve (then assume everything).
            Ok(None) | Err(_) => {
                self.fields.clear();
                self.items.clear();
            }
        }
    }
}
