//! Virtualizables: the interpreter's frame, kept in the trace's registers.
//!
//! A driver may name one red as its virtualizable (`jit_driver!(..., virtualizable(frame))`).
//! Its type's `#[virtualizable]` fields, and the items of its `#[virtualizable]` fields of
//! type `Gc<Array<T>>`, are read once when a trace starts (before its label) and then live
//! as trace values: reads and writes of them record nothing, and the loop carries them from
//! one iteration to the next through its label. The object in the heap is brought up to
//! date only where someone else may look at it:
//!
//! - before a residual call (the callee may read the frame; values that changed are
//!   stored), and after a call that may write the frame's fields, which are read again;
//! - when the trace leaves by `finish` (the portal returns, or another loop takes over);
//! - when a guard fails: its resume data carries the values that differ from the heap
//!   ([`VirtualizableResume`]), and [`write_back`] stores them before the blackhole
//!   interpreter, or a bridge's tracer, looks at the frame.
//!
//! As in PyPy, the virtualizable is one object per trace (the red at the trace's start), and
//! its virtualizable arrays are never replaced while traced code runs: tracing stops if
//! traced code assigns such a field. Traced code that reaches an object of the frame's type
//! (or an array of a virtualizable array's type) through another reference gets a guard
//! that it is not the virtualizable (or, if it is, uses the registers). Native code that
//! writes the frame behind the trace's back (other than a residual call the trace made) is
//! not seen; interpreters keep their frame to themselves.

use std::rc::Rc;

use ferrite_gc::{descriptor, AccessError, DescriptorId, FieldKind, GcRef, Layout as GcLayout};
use ferrite_trace::{Descr, Type};

use crate::tracer::Source;

/// What a trace keeps in registers of its virtualizable: read from the object when tracing
/// starts (array lengths included; the trace guards them).
#[derive(Debug, PartialEq)]
pub struct Layout {
    pub owner: DescriptorId,
    /// The scalar (and plain reference) fields: index and type.
    pub fields: Vec<(u16, Type)>,
    /// The array fields whose items are kept.
    pub arrays: Vec<ArrayLayout>,
}

#[derive(Debug, PartialEq)]
pub struct ArrayLayout {
    /// The field holding the array.
    pub field: u16,
    /// The array's type.
    pub array: DescriptorId,
    pub item: Type,
    pub length: usize,
}

impl Layout {
    /// The layout of `object` (the virtualizable when tracing starts), or why it cannot be
    /// one.
    pub fn of(object: GcRef) -> Result<Layout, String> {
        let owner = object.descriptor_id();
        let described = descriptor(owner).ok_or("the virtualizable's type is not registered")?;
        let GcLayout::Fixed { fields, .. } = &described.layout else {
            return Err(format!(
                "the virtualizable is an array ({})",
                described.name
            ));
        };
        let mut layout = Layout {
            owner,
            fields: Vec::new(),
            arrays: Vec::new(),
        };
        for (index, field) in fields.iter().enumerate() {
            if !field.virtualizable {
                continue;
            }
            let index = index as u16;
            let array = match field.kind {
                FieldKind::Ref => object
                    .load_field(owner, index as usize)
                    .ok()
                    .and_then(|value| match value {
                        ferrite_gc::Scalar::Ref(Some(array)) => Some(array),
                        _ => None,
                    })
                    .filter(|array| array.array_length().is_ok()),
                _ => None,
            };
            match array {
                Some(array) => {
                    let id = array.descriptor_id();
                    let Some(GcLayout::Array { element }) = descriptor(id).map(|d| &d.layout)
                    else {
                        return Err(format!("field {} holds a byte string", field.name));
                    };
                    layout.arrays.push(ArrayLayout {
                        field: index,
                        array: id,
                        item: Type::of_field(*element),
                        length: array.array_length().map_err(|e| e.to_string())?,
                    });
                }
                None => layout.fields.push((index, Type::of_field(field.kind))),
            }
        }
        Ok(layout)
    }

    pub fn field_descr(&self, index: u16) -> Descr {
        Descr::Field {
            owner: self.owner,
            index,
        }
    }

    /// The types of the values a trace's label carries for the virtualizable, after the
    /// reds: the fields, the arrays, then each array's items.
    pub fn label_types(&self) -> Vec<Type> {
        let mut types: Vec<Type> = self.fields.iter().map(|&(_, ty)| ty).collect();
        types.extend(self.arrays.iter().map(|_| Type::Ref));
        for array in &self.arrays {
            types.extend(std::iter::repeat_n(array.item, array.length));
        }
        types
    }

    /// The name of field `index`, for messages.
    pub fn field_name(&self, index: u16) -> &'static str {
        match descriptor(self.owner).map(|d| &d.layout) {
            Some(GcLayout::Fixed { fields, .. }) => fields[index as usize].name,
            _ => "?",
        }
    }
}

/// What a guard's failure must store into the virtualizable before anyone reads it: the
/// values that may differ from the heap (`None`: the heap has it).
#[derive(Clone, Debug, PartialEq)]
pub struct VirtualizableResume {
    pub layout: Rc<Layout>,
    pub object: Source,
    /// By `layout.fields`.
    pub fields: Vec<Option<Source>>,
    /// The arrays, by `layout.arrays` (always carried: bridges need them).
    pub arrays: Vec<Source>,
    /// By `layout.arrays`, then index.
    pub items: Vec<Vec<Option<Source>>>,
}

/// Store what `resume` says differs from the heap into the virtualizable, with `value`
/// giving each source's value.
pub fn write_back(
    resume: &VirtualizableResume,
    value: &impl Fn(&Source) -> ferrite_gc::Scalar,
) -> Result<(), AccessError> {
    let reference = |source: &Source| match value(source) {
        ferrite_gc::Scalar::Ref(Some(object)) => object,
        other => unreachable!("the virtualizable or its array is {other:?}"),
    };
    let object = reference(&resume.object);
    for (&(index, _), source) in resume.layout.fields.iter().zip(&resume.fields) {
        if let Some(source) = source {
            object.store_field(resume.layout.owner, index as usize, value(source))?;
        }
    }
    for (array, items) in resume.arrays.iter().zip(&resume.items) {
        let array = reference(array);
        for (index, source) in items.iter().enumerate() {
            if let Some(source) = source {
                array.store_element(index, value(source))?;
            }
        }
    }
    Ok(())
}
