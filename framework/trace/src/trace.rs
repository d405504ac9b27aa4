//! Traces: a list of SSA operations over typed values, allocated in a `bumpalo` arena.
//!
//! Values are numbered in one space: the trace's inputs first (`0..inputs.len()`), then
//! each operation that has a result, in order. An operand is a value or a constant. A trace
//! is built one operation at a time through [`Trace::push`], which checks everything the
//! operation table says (arity, types, descriptor, guard fail arguments, that overflow
//! operations are followed by their guard, that nothing follows `jump`/`finish`), so a
//! `Trace` that exists is well-formed.

use std::fmt;

use bumpalo::Bump;
use ferrite_gc::{
    descriptor, Bytes, DescriptorId, FieldKind, GcRef, GcType, Layout, RootVec, Scalar,
};

use crate::opcode::{Args, Class, DescrKind, Opcode};

/// The type of a value: the register bank it lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Int,
    Ref,
    Float,
}

impl Type {
    /// The type of a value.
    pub fn of_scalar(scalar: Scalar) -> Type {
        match scalar {
            Scalar::Int(_) => Type::Int,
            Scalar::Float(_) => Type::Float,
            Scalar::Ref(_) => Type::Ref,
        }
    }

    /// The letter values of this type are named with in the text form (`i3`, `p5`, `f2`).
    pub fn prefix(self) -> char {
        match self {
            Type::Int => 'i',
            Type::Ref => 'p',
            Type::Float => 'f',
        }
    }

    /// The type a field or element of `kind` is loaded as.
    pub fn of_field(kind: FieldKind) -> Type {
        match kind {
            FieldKind::Ref | FieldKind::NullableRef => Type::Ref,
            FieldKind::F32 | FieldKind::F64 => Type::Float,
            _ => Type::Int,
        }
    }
}

/// A value: an input of the trace or the result of one of its operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ValueId(pub u32);

/// What an operation reads.
#[derive(Clone, Copy, Debug)]
pub enum Operand {
    Value(ValueId),
    Int(i64),
    Float(f64),
    /// Index into the trace's table of reference constants.
    Ref(u32),
    /// The null reference.
    Null,
}

impl PartialEq for Operand {
    /// Float constants compare by bit pattern, so that `-0.0` and NaN constants round-trip.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Operand::Value(a), Operand::Value(b)) => a == b,
            (Operand::Int(a), Operand::Int(b)) => a == b,
            (Operand::Float(a), Operand::Float(b)) => a.to_bits() == b.to_bits(),
            (Operand::Ref(a), Operand::Ref(b)) => a == b,
            (Operand::Null, Operand::Null) => true,
            _ => false,
        }
    }
}

/// The GC layout an operation works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Descr {
    /// Field number `index` (declaration order) of fixed-size type `owner`.
    Field { owner: DescriptorId, index: u16 },
    /// An array or byte-string type.
    Array(DescriptorId),
    /// A fixed-size type, for `new`.
    Size(DescriptorId),
    /// A registered call target.
    Call(crate::calls::CallId),
}

impl Descr {
    pub fn kind(self) -> DescrKind {
        match self {
            Descr::Field { .. } => DescrKind::Field,
            Descr::Array(_) => DescrKind::Array,
            Descr::Size(_) => DescrKind::Size,
            Descr::Call(_) => DescrKind::Call,
        }
    }

    /// The kind of the field or element this descriptor accesses (`None` for `Size`).
    pub fn slot_kind(self) -> Option<FieldKind> {
        match self {
            Descr::Field { owner, index } => match descriptor(owner)?.layout {
                Layout::Fixed { fields, .. } => fields.get(index as usize).map(|f| f.kind),
                Layout::Array { .. } => None,
            },
            Descr::Array(id) => match descriptor(id)?.layout {
                Layout::Array { element } => Some(element),
                Layout::Fixed { .. } => None,
            },
            Descr::Size(_) | Descr::Call(_) => None,
        }
    }
}

/// One operation.
#[derive(Clone, Copy, Debug)]
pub struct Op<'a> {
    pub opcode: Opcode,
    pub args: &'a [Operand],
    pub descr: Option<Descr>,
    /// For guards: the values the code that resumes after a failure needs.
    pub fail_args: &'a [Operand],
    pub result: Option<ValueId>,
}

/// Why an operation could not be added to a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceError {
    /// The index the operation would have had.
    pub op_index: usize,
    pub opcode: Opcode,
    pub message: String,
}

impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "operation {} ({}): {}",
            self.op_index,
            self.opcode.name(),
            self.message
        )
    }
}

impl std::error::Error for TraceError {}

/// A trace.
pub struct Trace<'a> {
    arena: &'a Bump,
    input_count: usize,
    /// The type of every value, inputs first.
    value_types: Vec<Type>,
    ops: Vec<Op<'a>>,
    ref_constants: RootVec<GcRef>,
    /// The types of the most recent `label`'s arguments: what a `jump` must pass.
    label_types: Option<Vec<Type>>,
    /// For a bridge: the types of the loop label its `jump` goes back to.
    loop_label_types: Option<Vec<Type>>,
    /// After a label: the values code may still use from before it (the label's
    /// arguments), and the first value defined after it.
    label_scope: Option<(Vec<ValueId>, u32)>,
}

/// Operations that must come next, and the error otherwise.
type Awaited = (&'static [Opcode], &'static str);

const AFTER_OVERFLOW: Awaited = (
    &[Opcode::GuardNoOverflow, Opcode::GuardOverflow],
    "an overflow operation must be followed by guard_no_overflow or guard_overflow",
);
const AFTER_RAISING_CALL: Awaited = (
    &[Opcode::GuardNoException, Opcode::GuardException],
    "a call that can raise must be followed by guard_no_exception or guard_exception",
);
const AFTER_GUARD_EXCEPTION: Awaited = (
    &[Opcode::SaveException],
    "guard_exception must be followed by save_exception",
);

impl<'a> Trace<'a> {
    pub fn new(arena: &'a Bump, inputs: &[Type]) -> Self {
        Trace {
            arena,
            input_count: inputs.len(),
            value_types: inputs.to_vec(),
            ops: Vec::new(),
            ref_constants: RootVec::new(),
            label_types: None,
            loop_label_types: None,
            label_scope: None,
        }
    }

    /// A bridge: a trace that starts where a guard of another trace failed (its inputs are
    /// that guard's fail arguments) and whose `jump`, if it has no label of its own, goes
    /// to the label of the loop it belongs to, which takes `loop_label_types`.
    pub fn new_bridge(arena: &'a Bump, inputs: &[Type], loop_label_types: &[Type]) -> Self {
        let mut trace = Trace::new(arena, inputs);
        trace.loop_label_types = Some(loop_label_types.to_vec());
        trace
    }

    /// A trace with no operations yet, taking the same inputs, jumping to the same loop
    /// (for a bridge) and holding the same reference constants under the same numbers: what
    /// a pass that rewrites this trace builds into.
    pub fn empty_like(&self) -> Trace<'a> {
        let mut empty = Trace::new(self.arena, self.input_types());
        empty.loop_label_types = self.loop_label_types.clone();
        for index in 0..self.ref_constant_count() {
            empty.ref_constants.push(self.ref_constant(index as u32));
        }
        empty
    }

    /// The types a `jump` recorded now must pass: its own label's, or for a bridge without
    /// one, its loop's.
    pub fn jump_target_types(&self) -> Option<&[Type]> {
        self.label_types
            .as_deref()
            .or(self.loop_label_types.as_deref())
    }

    /// Whether this trace's `jump` goes to its own label (a loop) rather than to the loop
    /// it is a bridge of.
    pub fn jumps_to_own_label(&self) -> bool {
        self.ops.iter().any(|op| op.opcode == Opcode::Label)
    }

    pub fn inputs(&self) -> impl Iterator<Item = ValueId> {
        (0..self.input_count as u32).map(ValueId)
    }

    pub fn input_types(&self) -> &[Type] {
        &self.value_types[..self.input_count]
    }

    pub fn input(&self, index: usize) -> Operand {
        assert!(
            index < self.input_count,
            "trace has {} inputs",
            self.input_count
        );
        Operand::Value(ValueId(index as u32))
    }

    pub fn ops(&self) -> &[Op<'a>] {
        &self.ops
    }

    pub fn value_count(&self) -> usize {
        self.value_types.len()
    }

    pub fn value_type(&self, value: ValueId) -> Type {
        self.value_types[value.0 as usize]
    }

    /// The reference constant with this index.
    pub fn ref_constant(&self, index: u32) -> GcRef {
        self.ref_constants.get(index as usize)
    }

    pub fn ref_constant_count(&self) -> usize {
        self.ref_constants.len()
    }

    /// An operand for the constant `object` (kept alive, and updated if moved, by the trace).
    pub fn add_ref_constant(&mut self, object: GcRef) -> Operand {
        if let Some(index) = self
            .ref_constants
            .to_vec()
            .iter()
            .position(|&r| r == object)
        {
            return Operand::Ref(index as u32);
        }
        self.ref_constants.push(object);
        Operand::Ref(self.ref_constants.len() as u32 - 1)
    }

    /// The type of an operand, or `None` for an unknown value.
    pub fn operand_type(&self, operand: Operand) -> Option<Type> {
        match operand {
            Operand::Value(value) => self.value_types.get(value.0 as usize).copied(),
            Operand::Int(_) => Some(Type::Int),
            Operand::Float(_) => Some(Type::Float),
            Operand::Ref(index) => {
                ((index as usize) < self.ref_constants.len()).then_some(Type::Ref)
            }
            Operand::Null => Some(Type::Ref),
        }
    }

    /// Whether the trace ends in `jump` or `finish`.
    pub fn is_closed(&self) -> bool {
        self.ops
            .last()
            .is_some_and(|op| matches!(op.opcode, Opcode::Jump | Opcode::Finish))
    }

    /// Append an operation, checking it; returns its result operand, if it has one.
    pub fn push(
        &mut self,
        opcode: Opcode,
        args: &[Operand],
        descr: Option<Descr>,
        fail_args: &[Operand],
    ) -> Result<Option<Operand>, TraceError> {
        self.check(opcode, args, descr, fail_args)
            .map_err(|message| TraceError {
                op_index: self.ops.len(),
                opcode,
                message,
            })?;
        let result = opcode.result().map(|ty| {
            self.value_types.push(ty);
            ValueId(self.value_types.len() as u32 - 1)
        });
        if opcode == Opcode::Label {
            let arguments = args
                .iter()
                .filter_map(|a| match a {
                    Operand::Value(v) => Some(*v),
                    _ => None,
                })
                .collect();
            self.label_scope = Some((arguments, self.value_types.len() as u32));
            self.label_types = Some(
                args.iter()
                    .map(|&a| self.operand_type(a).unwrap())
                    .collect(),
            );
        }
        self.ops.push(Op {
            opcode,
            args: self.arena.alloc_slice_copy(args),
            descr,
            fail_args: self.arena.alloc_slice_copy(fail_args),
            result,
        });
        Ok(result.map(Operand::Value))
    }

    /// The types of the values the guard at operation `guard` leaves with: its fail
    /// arguments', then for `guard_no_exception` the exception's (what a bridge attached to
    /// it takes as inputs).
    pub fn exit_types(&self, guard: usize) -> Vec<Type> {
        let op = &self.ops[guard];
        let mut types: Vec<Type> = op
            .fail_args
            .iter()
            .map(|&a| self.operand_type(a).expect("validated"))
            .collect();
        if op.opcode == Opcode::GuardNoException {
            types.push(Type::Ref);
        }
        types
    }

    /// What the last operation requires the next one to be, if anything (with the error for
    /// anything else).
    fn awaited(&self) -> Option<Awaited> {
        let last = self.ops.last()?;
        if last.opcode.info().class == Class::Overflow {
            return Some(AFTER_OVERFLOW);
        }
        if last.opcode == Opcode::GuardException {
            return Some(AFTER_GUARD_EXCEPTION);
        }
        match last.descr {
            Some(Descr::Call(id)) if crate::calls::target(id).effects.can_raise => {
                Some(AFTER_RAISING_CALL)
            }
            _ => None,
        }
    }

    fn check(
        &self,
        opcode: Opcode,
        args: &[Operand],
        descr: Option<Descr>,
        fail_args: &[Operand],
    ) -> Result<(), String> {
        let info = opcode.info();
        if self.is_closed() {
            return Err("the trace already ended with jump or finish".into());
        }
        let awaited = self.awaited();
        if let Some((allowed, message)) = awaited {
            if !allowed.contains(&opcode) {
                return Err(message.into());
            }
        }
        let follows = |previous: Awaited| awaited.is_some_and(|(allowed, _)| allowed == previous.0);
        match opcode {
            Opcode::GuardNoOverflow | Opcode::GuardOverflow if !follows(AFTER_OVERFLOW) => {
                return Err("must directly follow an overflow operation".into())
            }
            Opcode::GuardNoException | Opcode::GuardException if !follows(AFTER_RAISING_CALL) => {
                return Err("must directly follow a call that can raise".into())
            }
            Opcode::SaveException if !follows(AFTER_GUARD_EXCEPTION) => {
                return Err("must directly follow guard_exception".into())
            }
            _ => {}
        }
        let mut types = Vec::with_capacity(args.len());
        if let Some((label_arguments, first_after)) = &self.label_scope {
            // Code after a label may be entered from a jump (from the loop's end or from a
            // bridge) that only provides the label's arguments.
            for &arg in args.iter().chain(fail_args) {
                if let Operand::Value(value) = arg {
                    if value.0 < *first_after && !label_arguments.contains(&value) {
                        return Err(format!(
                            "uses value {} from before the label without passing it through the label",
                            value.0
                        ));
                    }
                }
            }
        }
        for (position, &arg) in args.iter().chain(fail_args).enumerate() {
            let ty = self
                .operand_type(arg)
                .ok_or_else(|| format!("operand {position} ({arg:?}) is not defined"))?;
            if position < args.len() {
                types.push(ty);
            }
        }
        // The descriptor.
        match (info.descr, descr) {
            (DescrKind::None, None) => {}
            (expected, Some(given)) if given.kind() == expected => {
                let valid = match given {
                    Descr::Size(id) => {
                        matches!(
                            descriptor(id).map(|d| &d.layout),
                            Some(Layout::Fixed { .. })
                        )
                    }
                    Descr::Call(id) => {
                        let target = crate::calls::target(id);
                        if target.arguments != types.as_slice() {
                            return Err(format!(
                                "{} takes {:?}, given {types:?}",
                                target.name, target.arguments
                            ));
                        }
                        if target.result != info.result {
                            let right = match target.result {
                                Some(Type::Int) => "call_i",
                                Some(Type::Ref) => "call_r",
                                Some(Type::Float) => "call_f",
                                None => "call_n",
                            };
                            return Err(format!(
                                "{} returns {:?}: use {right}",
                                target.name, target.result
                            ));
                        }
                        true
                    }
                    _ => given.slot_kind().is_some(),
                };
                if !valid {
                    return Err(format!("descriptor {given:?} names no such type or field"));
                }
            }
            (expected, given) => {
                return Err(format!("needs a {expected:?} descriptor, has {given:?}"));
            }
        }
        // The arguments.
        let slot_type = descr.and_then(|d| d.slot_kind()).map(Type::of_field);
        match info.args {
            Args::Variadic => {}
            Args::Fixed(expected) => {
                if expected.len() != types.len() {
                    return Err(format!(
                        "takes {} arguments, given {}",
                        expected.len(),
                        types.len()
                    ));
                }
                for (position, (&want, &have)) in expected.iter().zip(&types).enumerate() {
                    let want = want.or(slot_type).unwrap_or(types[0]);
                    if want != have {
                        return Err(format!("argument {position} must be {want:?}, is {have:?}"));
                    }
                }
            }
        }
        if let (Some(result), Some(slot)) = (info.result, slot_type) {
            if info.class == Class::HeapRead && opcode != Opcode::ArraylenGc && result != slot {
                return Err(format!("loads a {slot:?} slot as {result:?}"));
            }
        }
        if opcode == Opcode::SetarrayitemGc && descr == Some(Descr::Array(Bytes::descriptor_id())) {
            return Err("byte strings are immutable".into());
        }
        if info.class != Class::Guard && !fail_args.is_empty() {
            return Err("only guards have fail arguments".into());
        }
        if opcode == Opcode::Jump {
            let label = self
                .label_types
                .as_ref()
                .or(self.loop_label_types.as_ref())
                .ok_or("jump without a label to jump to")?;
            if *label != types {
                return Err(format!("jump passes {types:?} to a label of {label:?}"));
            }
        }
        Ok(())
    }
}
