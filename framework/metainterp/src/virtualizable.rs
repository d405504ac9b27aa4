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

use ferrite_gc::{
    descriptor, AccessError, DescriptorId, FieldKind, GcRef, Layout as GcLayout, RootVec, Scalar,
};
use ferrite_trace::{Descr, Opcode, Operand, Type, Values, Writes};

use crate::resume::Source;
use crate::tracer::{is_constant, Abort, Tracer};

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

/// The driver's virtualizable while tracing: what its kept fields and items are, as trace
/// operands (their concrete values are in the object: tracing runs every store for real),
/// and which of them may differ from the heap in compiled code.
pub(crate) struct TracedVirtualizable {
    pub(crate) layout: Rc<Layout>,
    pub(crate) object: Operand,
    /// The object, then its arrays (rooted): for telling other references apart.
    pub(crate) concrete: RootVec<Option<GcRef>>,
    pub(crate) fields: Vec<Operand>,
    pub(crate) field_dirty: Vec<bool>,
    pub(crate) arrays: Vec<Operand>,
    pub(crate) items: Vec<Vec<Operand>>,
    pub(crate) item_dirty: Vec<Vec<bool>>,
    /// References guarded to be the object or one of its arrays (by `concrete` index), and
    /// references guarded to be neither.
    pub(crate) aliases: Vec<(Operand, usize)>,
    pub(crate) others: Vec<Operand>,
}

impl TracedVirtualizable {
    /// The values a label carries for it, after the reds (`Layout::label_types`).
    pub(crate) fn label_args(&self) -> Vec<Operand> {
        let mut args = self.fields.clone();
        args.extend(&self.arrays);
        for items in &self.items {
            args.extend(items);
        }
        args
    }

    /// After a label (or a bridge's start from registers), every kept value may differ
    /// from the heap.
    pub(crate) fn mark_all_dirty(&mut self) {
        self.field_dirty.iter_mut().for_each(|d| *d = true);
        for dirty in &mut self.item_dirty {
            dirty.iter_mut().for_each(|d| *d = true);
        }
    }
}

fn reference_of(value: Scalar) -> Option<GcRef> {
    match value {
        Scalar::Ref(object) => object,
        _ => None,
    }
}

/// The load of a field or array item of type `ty`.
fn load_opcode(ty: Type, item: bool) -> Opcode {
    match (ty, item) {
        (Type::Int, false) => Opcode::GetfieldGcI,
        (Type::Ref, false) => Opcode::GetfieldGcR,
        (Type::Float, false) => Opcode::GetfieldGcF,
        (Type::Int, true) => Opcode::GetarrayitemGcI,
        (Type::Ref, true) => Opcode::GetarrayitemGcR,
        (Type::Float, true) => Opcode::GetarrayitemGcF,
    }
}

/// Tracing with a virtualizable: what the tracer does at the loop's start, at a bridge's
/// start, at heap accesses, around residual calls and at the loop's end.
impl Tracer<'_, '_> {
    /// What a `jump` back to the label carries for the virtualizable after the reds (whose
    /// operands and values are `reds` and `values`; the virtualizable is red `place`), or
    /// `None` if the jump cannot go there: the red is another object than the trace's
    /// virtualizable, or the label was made for other array lengths.
    pub(crate) fn virtualizable_at_jump(
        &mut self,
        reds: &[Operand],
        values: &[Scalar],
        place: usize,
    ) -> Option<Vec<Operand>> {
        let standard = self.virtualizable.as_ref()?.object;
        self.identify(reds[place], values[place], &[(0, standard)])?;
        let args = self.virtualizable.as_ref()?.label_args();
        let types: Option<Vec<Type>> = reds
            .iter()
            .chain(&args)
            .map(|&operand| self.trace.operand_type(operand))
            .collect();
        let fits = self
            .trace
            .jump_target_types()
            .is_some_and(|label| types.as_deref() == Some(label));
        fits.then_some(args)
    }

    /// Read the virtualizable `object` (value and operand) into trace values: its kept
    /// fields, and the items of its kept arrays, whose lengths the trace guards.
    pub(crate) fn start_virtualizable(
        &mut self,
        value: Scalar,
        object: Operand,
    ) -> Result<(), Abort> {
        let Scalar::Ref(Some(concrete)) = value else {
            return Err(Abort::Failed("the virtualizable is null".into()));
        };
        let layout = Rc::new(Layout::of(concrete).map_err(Abort::Failed)?);
        let rooted = RootVec::new();
        rooted.push(Some(concrete));
        let fields = layout
            .fields
            .iter()
            .map(|&(index, ty)| {
                let descr = layout.field_descr(index);
                self.record(load_opcode(ty, false), &[object], Some(descr))
                    .expect("a result")
            })
            .collect::<Vec<_>>();
        let (mut arrays, mut items) = (Vec::new(), Vec::new());
        for array in &layout.arrays {
            let descr = layout.field_descr(array.field);
            let operand = self
                .record(Opcode::GetfieldGcR, &[object], Some(descr))
                .expect("a result");
            let Ok(Scalar::Ref(Some(concrete_array))) =
                concrete.load_field(layout.owner, array.field as usize)
            else {
                unreachable!("Layout::of found an array there")
            };
            rooted.push(Some(concrete_array));
            let descr = Descr::Array(array.array);
            let length = self
                .record(Opcode::ArraylenGc, &[operand], Some(descr))
                .expect("a result");
            self.guard(
                Opcode::GuardValue,
                &[length, Operand::Int(array.length as i64)],
            );
            let loaded = (0..array.length)
                .map(|index| {
                    let args = [operand, Operand::Int(index as i64)];
                    self.record(load_opcode(array.item, true), &args, Some(descr))
                        .expect("a result")
                })
                .collect::<Vec<_>>();
            arrays.push(operand);
            items.push(loaded);
        }
        self.virtualizable = Some(TracedVirtualizable {
            field_dirty: vec![false; fields.len()],
            item_dirty: items
                .iter()
                .map(|i: &Vec<_>| vec![false; i.len()])
                .collect(),
            layout,
            object,
            concrete: rooted,
            fields,
            arrays,
            items,
            aliases: Vec::new(),
            others: Vec::new(),
        });
        Ok(())
    }

    /// A bridge's virtualizable, from its guard's resume data (already written back): what
    /// the guard carried stays in registers (and may differ from the heap in compiled
    /// code); the rest is read from the heap.
    pub(crate) fn resume_virtualizable(
        &mut self,
        saved: &VirtualizableResume,
        values: &Values,
        constants: &RootVec<GcRef>,
    ) {
        let layout = saved.layout.clone();
        let (object_value, object) = self.bridge_input(&saved.object, values, constants);
        let rooted = RootVec::new();
        rooted.push(reference_of(object_value));
        let (mut fields, mut field_dirty) = (Vec::new(), Vec::new());
        for (&(index, ty), source) in layout.fields.iter().zip(&saved.fields) {
            let operand = match source {
                Some(source) => self.bridge_input(source, values, constants).1,
                None => {
                    let descr = layout.field_descr(index);
                    self.record(load_opcode(ty, false), &[object], Some(descr))
                        .expect("a result")
                }
            };
            fields.push(operand);
            field_dirty.push(source.is_some());
        }
        let (mut arrays, mut items, mut item_dirty) = (Vec::new(), Vec::new(), Vec::new());
        for ((array, source), saved_items) in
            layout.arrays.iter().zip(&saved.arrays).zip(&saved.items)
        {
            let (array_value, operand) = self.bridge_input(source, values, constants);
            rooted.push(reference_of(array_value));
            let descr = Descr::Array(array.array);
            let mut loaded = Vec::new();
            for (index, source) in saved_items.iter().enumerate() {
                loaded.push(match source {
                    Some(source) => self.bridge_input(source, values, constants).1,
                    None => {
                        let args = [operand, Operand::Int(index as i64)];
                        self.record(load_opcode(array.item, true), &args, Some(descr))
                            .expect("a result")
                    }
                });
            }
            arrays.push(operand);
            item_dirty.push(saved_items.iter().map(Option::is_some).collect());
            items.push(loaded);
        }
        self.virtualizable = Some(TracedVirtualizable {
            layout,
            object,
            concrete: rooted,
            fields,
            field_dirty,
            arrays,
            items,
            item_dirty,
            aliases: Vec::new(),
            others: Vec::new(),
        });
    }

    /// Store what may differ from the heap into the virtualizable (before a residual call
    /// or the trace's `finish`): from here on the heap has every kept value.
    pub(crate) fn sync_virtualizable(&mut self) {
        let Some(v) = self.virtualizable.as_mut() else {
            return;
        };
        let mut stores: Vec<(Opcode, Vec<Operand>, Descr)> = Vec::new();
        for (k, dirty) in v.field_dirty.iter_mut().enumerate() {
            if std::mem::take(dirty) {
                let descr = v.layout.field_descr(v.layout.fields[k].0);
                stores.push((Opcode::SetfieldGc, vec![v.object, v.fields[k]], descr));
            }
        }
        for (a, dirty) in v.item_dirty.iter_mut().enumerate() {
            let descr = Descr::Array(v.layout.arrays[a].array);
            for (index, dirty) in dirty.iter_mut().enumerate() {
                if std::mem::take(dirty) {
                    let args = vec![v.arrays[a], Operand::Int(index as i64), v.items[a][index]];
                    stores.push((Opcode::SetarrayitemGc, args, descr));
                }
            }
        }
        for (opcode, args, descr) in stores {
            self.record(opcode, &args, Some(descr));
        }
    }

    /// After a residual call that may write `writes`: read again what it may have written
    /// of the virtualizable (the heap has every kept value after `sync_virtualizable`).
    pub(crate) fn reload_virtualizable(&mut self, writes: Writes) {
        let Some(v) = self.virtualizable.as_ref() else {
            return;
        };
        let written = writes.descrs().unwrap_or(None);
        let may_write = |descr: Descr| written.as_ref().is_none_or(|w| w.contains(&descr));
        let (object, layout) = (v.object, v.layout.clone());
        let arrays = v.arrays.clone();
        for (k, &(index, ty)) in layout.fields.iter().enumerate() {
            let descr = layout.field_descr(index);
            if may_write(descr) {
                let loaded = self
                    .record(load_opcode(ty, false), &[object], Some(descr))
                    .expect("a result");
                self.virtualizable.as_mut().expect("present").fields[k] = loaded;
            }
        }
        for (a, array) in layout.arrays.iter().enumerate() {
            let descr = Descr::Array(array.array);
            if may_write(descr) {
                for index in 0..array.length {
                    let args = [arrays[a], Operand::Int(index as i64)];
                    let loaded = self
                        .record(load_opcode(array.item, true), &args, Some(descr))
                        .expect("a result");
                    self.virtualizable.as_mut().expect("present").items[a][index] = loaded;
                }
            }
        }
    }

    /// Which of `candidates` (places in the virtualizable's `concrete`, with their operands)
    /// the reference `operand` (holding `value`) is. Another operand that holds one of them
    /// gets a guard that it does, one that holds none a guard that it does not, once each.
    pub(crate) fn identify(
        &mut self,
        operand: Operand,
        value: Scalar,
        candidates: &[(usize, Operand)],
    ) -> Option<usize> {
        let v = self.virtualizable.as_ref()?;
        if let Some(&(place, _)) = candidates.iter().find(|(_, known)| *known == operand) {
            return Some(place);
        }
        if let Some(&(_, place)) = v
            .aliases
            .iter()
            .find(|(alias, place)| *alias == operand && candidates.iter().any(|c| c.0 == *place))
        {
            return Some(place);
        }
        let Scalar::Ref(Some(object)) = value else {
            return None;
        };
        if operand == Operand::Null || v.others.contains(&operand) {
            return None;
        }
        let found = candidates
            .iter()
            .find(|(place, _)| v.concrete.get(*place) == Some(object))
            .copied();
        match found {
            Some((place, known)) => {
                let same = self
                    .record(Opcode::PtrEq, &[operand, known], None)
                    .expect("a result");
                self.guard(Opcode::GuardTrue, &[same]);
                let v = self.virtualizable.as_mut().expect("present");
                v.aliases.push((operand, place));
                Some(place)
            }
            None => {
                for &(_, known) in candidates {
                    let same = self
                        .record(Opcode::PtrEq, &[operand, known], None)
                        .expect("a result");
                    self.guard(Opcode::GuardFalse, &[same]);
                }
                let v = self.virtualizable.as_mut().expect("present");
                v.others.push(operand);
                None
            }
        }
    }

    /// A heap access (already run for real) that touches what traced code keeps of the
    /// virtualizable: its result operand (`Some(None)` for a store), recording nothing.
    /// `None`: an ordinary access, to record.
    pub(crate) fn virtualizable_access(
        &mut self,
        opcode: Opcode,
        descr: Option<Descr>,
        values: &[Scalar],
        operands: &[Operand],
    ) -> Result<Option<Option<Operand>>, Abort> {
        let Some(v) = self.virtualizable.as_ref() else {
            return Ok(None);
        };
        let layout = v.layout.clone();
        match (opcode, descr) {
            (
                Opcode::GetfieldGcI
                | Opcode::GetfieldGcR
                | Opcode::GetfieldGcF
                | Opcode::SetfieldGc,
                Some(Descr::Field { owner, index }),
            ) if owner == layout.owner => {
                let field = layout.fields.iter().position(|&(i, _)| i == index);
                let array = layout.arrays.iter().position(|a| a.field == index);
                if field.is_none() && array.is_none() {
                    return Ok(None);
                }
                let standard = v.object;
                if self
                    .identify(operands[0], values[0], &[(0, standard)])
                    .is_none()
                {
                    return Ok(None);
                }
                let v = self.virtualizable.as_mut().expect("present");
                Ok(Some(match (opcode, field, array) {
                    (Opcode::SetfieldGc, Some(k), _) => {
                        v.fields[k] = operands[1];
                        v.field_dirty[k] = true;
                        None
                    }
                    (Opcode::SetfieldGc, _, _) => {
                        return Err(Abort::Failed(format!(
                            "traced code replaces the virtualizable's array `{}`",
                            layout.field_name(index)
                        )))
                    }
                    (_, Some(k), _) => Some(v.fields[k]),
                    (_, _, Some(a)) => Some(v.arrays[a]),
                    _ => unreachable!("a field or an array"),
                }))
            }
            (
                Opcode::ArraylenGc
                | Opcode::GetarrayitemGcI
                | Opcode::GetarrayitemGcR
                | Opcode::GetarrayitemGcF
                | Opcode::SetarrayitemGc,
                Some(Descr::Array(id)),
            ) if layout.arrays.iter().any(|a| a.array == id) => {
                let candidates: Vec<(usize, Operand)> = layout
                    .arrays
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.array == id)
                    .map(|(a, _)| (a + 1, v.arrays[a]))
                    .collect();
                let Some(place) = self.identify(operands[0], values[0], &candidates) else {
                    return Ok(None);
                };
                let a = place - 1;
                let length = layout.arrays[a].length;
                if opcode == Opcode::ArraylenGc {
                    return Ok(Some(Some(Operand::Int(length as i64))));
                }
                let Scalar::Int(index) = values[1] else {
                    unreachable!("an integer index")
                };
                let Ok(index) = usize::try_from(index) else {
                    return Ok(None);
                };
                if index >= length {
                    return Ok(None);
                }
                if !is_constant(operands[1]) {
                    self.guard(
                        Opcode::GuardValue,
                        &[operands[1], Operand::Int(index as i64)],
                    );
                }
                let v = self.virtualizable.as_mut().expect("present");
                Ok(Some(if opcode == Opcode::SetarrayitemGc {
                    v.items[a][index] = operands[2];
                    v.item_dirty[a][index] = true;
                    None
                } else {
                    Some(v.items[a][index])
                }))
            }
            _ => Ok(None),
        }
    }
}
