//! The reference executor: runs a trace operation by operation on concrete values, with the
//! semantics fixed in `opcode.rs`. It is the oracle the backend is compared against (PyPy's
//! llgraph backend plays this part), so it favours obviousness over speed, and checks
//! everything: heap accesses go through `ferrite_gc`'s checked descriptor API.

use std::fmt;

use ferrite_gc::{
    allocate_array, allocate_for_initialization, AccessError, GcRef, RootVec, Scalar,
};

use crate::opcode::{Class, Opcode};
use crate::trace::{Descr, Operand, Trace, Type, ValueId};

/// A register file: one slot per value, references kept in a root buffer so that the objects
/// stay alive (and the slots updated if they move) across the allocations the trace makes.
pub struct Values {
    types: Vec<Type>,
    ints: Vec<i64>,
    floats: Vec<f64>,
    refs: RootVec<Option<GcRef>>,
}

impl Values {
    /// Rooted slots of these types, zero or null until set.
    pub fn of_types(types: &[Type]) -> Self {
        let refs = RootVec::new();
        for _ in types {
            refs.push(None);
        }
        Values {
            types: types.to_vec(),
            ints: vec![0; types.len()],
            floats: vec![0.0; types.len()],
            refs,
        }
    }

    /// A rooted copy of `scalars`.
    pub fn from_scalars(scalars: &[Scalar]) -> Self {
        let types: Vec<Type> = scalars.iter().map(|&s| Type::of_scalar(s)).collect();
        let mut values = Values::of_types(&types);
        for (index, scalar) in scalars.iter().enumerate() {
            values.set(index, *scalar);
        }
        values
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    pub fn get(&self, index: usize) -> Scalar {
        match self.types[index] {
            Type::Int => Scalar::Int(self.ints[index]),
            Type::Float => Scalar::Float(self.floats[index]),
            Type::Ref => Scalar::Ref(self.refs.get(index)),
        }
    }

    /// Set slot `index` (of the scalar's type).
    pub fn set(&mut self, index: usize, value: Scalar) {
        match value {
            Scalar::Int(v) => self.ints[index] = v,
            Scalar::Float(v) => self.floats[index] = v,
            Scalar::Ref(v) => self.refs.set(index, v),
        }
    }

    /// The values, copied out. References in the result are not roots: use them before the
    /// next allocation, or keep them in a `RootVec`.
    pub fn to_vec(&self) -> Vec<Scalar> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }
}

impl fmt::Debug for Values {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.to_vec()).finish()
    }
}

/// How a run ended.
#[derive(Debug)]
pub enum Outcome {
    /// `finish` was reached, with these values.
    Finished(Values),
    /// The guard at operation index `guard` of trace number `trace` of the tree (0 for the
    /// root, or a single trace) failed and has no bridge; these are its fail arguments (for
    /// `guard_no_exception`, followed by the exception).
    GuardFailed {
        trace: usize,
        guard: usize,
        values: Values,
    },
}

/// A loop and the bridges attached to its guards and to its bridges' guards. Trace 0 is
/// the root; a bridge's inputs are its guard's fail arguments, and its `jump` (when it has
/// no label of its own) goes to the root's label.
pub struct Tree<'t, 'a> {
    traces: Vec<&'t Trace<'a>>,
    bridges: std::collections::HashMap<(usize, usize), usize>,
}

impl<'t, 'a> Tree<'t, 'a> {
    pub fn new(root: &'t Trace<'a>) -> Self {
        Tree {
            traces: vec![root],
            bridges: Default::default(),
        }
    }

    /// Attach `bridge` to the guard at operation `guard` of trace number `trace`; returns
    /// the bridge's trace number.
    ///
    /// # Panics
    /// If that operation is not a guard, already has a bridge, or the bridge's inputs are
    /// not the types of the values the guard leaves with (its fail arguments, and for
    /// `guard_no_exception` the exception after them).
    pub fn attach(&mut self, trace: usize, guard: usize, bridge: &'t Trace<'a>) -> usize {
        let parent = self.traces[trace];
        let op = &parent.ops()[guard];
        assert!(
            op.opcode.is_guard(),
            "operation {guard} of trace {trace} is not a guard"
        );
        let fail_types = parent.exit_types(guard);
        assert_eq!(
            fail_types,
            bridge.input_types(),
            "bridge inputs must match the guard's fail arguments"
        );
        let number = self.traces.len();
        assert!(
            self.bridges.insert((trace, guard), number).is_none(),
            "the guard already has a bridge"
        );
        self.traces.push(bridge);
        number
    }

    pub fn trace(&self, number: usize) -> &'t Trace<'a> {
        self.traces[number]
    }

    pub fn bridge_of(&self, trace: usize, guard: usize) -> Option<usize> {
        self.bridges.get(&(trace, guard)).copied()
    }
}

/// A run that could not go on.
#[derive(Debug, Clone, PartialEq)]
pub enum ExecError {
    /// The inputs do not match the trace's input types.
    BadInputs {
        expected: Vec<Type>,
        given: Vec<Type>,
    },
    /// A heap access or allocation failed (a null dereference shows up as a wrong type).
    Heap {
        op_index: usize,
        error: AccessError,
    },
    NullDereference {
        op_index: usize,
    },
    /// The trace ran this many operations without finishing or failing a guard.
    StepLimit(u64),
    /// The trace does not end in `jump` or `finish`.
    Unterminated,
}

impl fmt::Display for ExecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExecError::BadInputs { expected, given } => {
                write!(f, "the trace takes {expected:?}, was given {given:?}")
            }
            ExecError::Heap { op_index, error } => write!(f, "operation {op_index}: {error}"),
            ExecError::NullDereference { op_index } => {
                write!(f, "operation {op_index}: null dereference")
            }
            ExecError::StepLimit(steps) => write!(f, "no exit after {steps} operations"),
            ExecError::Unterminated => f.write_str("the trace does not end in jump or finish"),
        }
    }
}

impl std::error::Error for ExecError {}

/// Run `trace` on `inputs`, for at most `max_steps` operations.
pub fn execute(trace: &Trace, inputs: &[Scalar], max_steps: u64) -> Result<Outcome, ExecError> {
    execute_tree(&Tree::new(trace), inputs, max_steps)
}

/// Run a tree from its root on `inputs`: a failing guard with a bridge continues in the
/// bridge, a bridge's `jump` continues at the root's label.
pub fn execute_tree(tree: &Tree, inputs: &[Scalar], max_steps: u64) -> Result<Outcome, ExecError> {
    let root = tree.trace(0);
    let given: Vec<Type> = inputs.iter().map(|&s| Type::of_scalar(s)).collect();
    if given != root.input_types() {
        return Err(ExecError::BadInputs {
            expected: root.input_types().to_vec(),
            given,
        });
    }
    if tree.traces.iter().any(|t| !t.is_closed()) {
        return Err(ExecError::Unterminated);
    }
    let mut root_registers = Values::of_types(&all_types(root));
    for (index, &input) in inputs.iter().enumerate() {
        root_registers.set(index, input);
    }
    let root_label = root.ops().iter().rposition(|op| op.opcode == Opcode::Label);
    // The trace being run, its registers (the root's are kept while a bridge runs, since a
    // bridge jumps back into the root), and its position.
    let mut current = 0usize;
    let mut trace = root;
    let mut bridge_registers: Option<Values> = None;
    let mut overflow = false;
    // The exception the last call raised, until its guard looks (a root).
    let pending = RootVec::<Option<GcRef>>::new();
    pending.push(None);
    let mut pc = 0;
    let mut steps = 0u64;
    loop {
        steps += 1;
        if steps > max_steps {
            return Err(ExecError::StepLimit(max_steps));
        }
        let ops = trace.ops();
        let registers = bridge_registers.as_mut().unwrap_or(&mut root_registers);
        let op = &ops[pc];
        let read = |operand: Operand| -> Scalar {
            match operand {
                Operand::Value(ValueId(v)) => registers.get(v as usize),
                Operand::Int(v) => Scalar::Int(v),
                Operand::Float(v) => Scalar::Float(v),
                Operand::Ref(index) => Scalar::Ref(Some(trace.ref_constant(index))),
                Operand::Null => Scalar::Ref(None),
            }
        };
        let args: Vec<Scalar> = op.args.iter().map(|&a| read(a)).collect();
        let heap = |error| ExecError::Heap {
            op_index: pc,
            error,
        };
        let result = match op.opcode {
            Opcode::Label => None,
            Opcode::Jump => {
                // To this trace's own label, or (a bridge) to the root's.
                let own_label = ops.iter().rposition(|op| op.opcode == Opcode::Label);
                let (target_trace, label) = match own_label {
                    Some(label) => (trace, label),
                    None => (
                        root,
                        root_label.expect("validated: a bridge's loop has a label"),
                    ),
                };
                if own_label.is_none() {
                    bridge_registers = None;
                    current = 0;
                    trace = root;
                }
                let registers = bridge_registers.as_mut().unwrap_or(&mut root_registers);
                for (target, value) in target_trace.ops()[label].args.iter().zip(args) {
                    let Operand::Value(ValueId(v)) = target else {
                        unreachable!("label arguments are values")
                    };
                    registers.set(*v as usize, value);
                }
                pc = label + 1;
                continue;
            }
            Opcode::Finish => {
                return Ok(Outcome::Finished(Values::from_scalars(&args)));
            }
            opcode if opcode.is_guard() => {
                let holds = match opcode {
                    Opcode::GuardTrue => int(args[0]) != 0,
                    Opcode::GuardFalse => int(args[0]) == 0,
                    Opcode::GuardValue => same_bits(args[0], args[1]),
                    Opcode::GuardGcType => match reference(args[0]) {
                        Some(object) => object.descriptor_id().as_u32() as i64 == int(args[1]),
                        None => false,
                    },
                    Opcode::GuardNonnull => reference(args[0]).is_some(),
                    Opcode::GuardIsnull => reference(args[0]).is_none(),
                    Opcode::GuardNoOverflow => !overflow,
                    Opcode::GuardOverflow => overflow,
                    Opcode::GuardNoException => pending.get(0).is_none(),
                    Opcode::GuardException => pending.get(0).is_some(),
                    Opcode::GuardNotInvalidated => match reference(args[0]) {
                        Some(cell) => cell.load_element(0).map_err(heap)? == Scalar::Int(0),
                        None => false,
                    },
                    _ => unreachable!("every guard is listed"),
                };
                if !holds {
                    let mut values: Vec<Scalar> = op.fail_args.iter().map(|&a| read(a)).collect();
                    if op.opcode == Opcode::GuardNoException {
                        values.push(Scalar::Ref(pending.get(0)));
                        pending.set(0, None);
                    }
                    let Some(bridge) = tree.bridge_of(current, pc) else {
                        return Ok(Outcome::GuardFailed {
                            trace: current,
                            guard: pc,
                            values: Values::from_scalars(&values),
                        });
                    };
                    current = bridge;
                    trace = tree.trace(bridge);
                    bridge_registers = Some(Values::of_types(&all_types(trace)));
                    let registers = bridge_registers.as_mut().unwrap();
                    for (index, value) in values.into_iter().enumerate() {
                        registers.set(index, value);
                    }
                    pc = 0;
                    continue;
                }
                None
            }
            Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf => {
                let (a, b) = (int(args[0]), int(args[1]));
                let (value, overflowed) = match op.opcode {
                    Opcode::IntAddOvf => a.overflowing_add(b),
                    Opcode::IntSubOvf => a.overflowing_sub(b),
                    _ => a.overflowing_mul(b),
                };
                overflow = overflowed;
                Some(Scalar::Int(value))
            }
            opcode if is_heap_operation(opcode) => {
                evaluate_heap(opcode, op.descr, &args).map_err(|error| match error {
                    HeapError::NullDereference => ExecError::NullDereference { op_index: pc },
                    HeapError::Access(error) => heap(error),
                })?
            }
            Opcode::CallI | Opcode::CallR | Opcode::CallF | Opcode::CallN => {
                let Some(Descr::Call(id)) = op.descr else {
                    unreachable!()
                };
                match (crate::calls::target(id).function)(&args) {
                    Ok(value) => {
                        pending.set(0, None);
                        value
                    }
                    Err(exception) => {
                        pending.set(0, Some(exception));
                        None
                    }
                }
            }
            Opcode::SaveException => {
                let exception = pending.get(0);
                pending.set(0, None);
                Some(Scalar::Ref(exception))
            }
            opcode => Some(evaluate_pure(opcode, &args)),
        };
        if let (Some(ValueId(v)), Some(value)) = (op.result, result) {
            registers.set(v as usize, value);
        }
        pc += 1;
    }
}

fn all_types(trace: &Trace) -> Vec<Type> {
    (0..trace.value_count() as u32)
        .map(|v| trace.value_type(ValueId(v)))
        .collect()
}

fn int(value: Scalar) -> i64 {
    match value {
        Scalar::Int(v) => v,
        other => unreachable!("validated: an integer operand, got {other:?}"),
    }
}

fn float(value: Scalar) -> f64 {
    match value {
        Scalar::Float(v) => v,
        other => unreachable!("validated: a float operand, got {other:?}"),
    }
}

fn reference(value: Scalar) -> Option<GcRef> {
    match value {
        Scalar::Ref(v) => v,
        other => unreachable!("validated: a reference operand, got {other:?}"),
    }
}

/// Why a heap operation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum HeapError {
    NullDereference,
    Access(AccessError),
}

impl fmt::Display for HeapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeapError::NullDereference => f.write_str("null dereference"),
            HeapError::Access(error) => error.fmt(f),
        }
    }
}

/// Whether `opcode` reads or writes the heap or allocates: what [`evaluate_heap`] runs.
pub fn is_heap_operation(opcode: Opcode) -> bool {
    matches!(
        opcode.info().class,
        Class::HeapRead | Class::HeapWrite | Class::Allocation
    )
}

/// Run a heap operation (see [`is_heap_operation`]) on concrete arguments, through the GC's
/// checked descriptor API: the one definition shared by this executor, the blackhole
/// interpreter and the tracer. `descr` is the operation's descriptor.
pub fn evaluate_heap(
    opcode: Opcode,
    descr: Option<Descr>,
    args: &[Scalar],
) -> Result<Option<Scalar>, HeapError> {
    let object = || reference(args[0]).ok_or(HeapError::NullDereference);
    let index = |object: GcRef, index: i64| {
        usize::try_from(index).map_err(|_| {
            HeapError::Access(AccessError::IndexOutOfBounds {
                index: index as usize,
                length: object.array_length().unwrap_or(0),
            })
        })
    };
    let access = HeapError::Access;
    Ok(match (opcode, descr) {
        (
            Opcode::GetfieldGcI | Opcode::GetfieldGcR | Opcode::GetfieldGcF,
            Some(Descr::Field { owner, index }),
        ) => Some(
            object()?
                .load_field(owner, index as usize)
                .map_err(access)?,
        ),
        (Opcode::SetfieldGc, Some(Descr::Field { owner, index })) => {
            (object()?)
                .store_field(owner, index as usize, args[1])
                .map_err(access)?;
            None
        }
        (Opcode::ArraylenGc, _) => {
            Some(Scalar::Int(object()?.array_length().map_err(access)? as i64))
        }
        (Opcode::GetarrayitemGcI | Opcode::GetarrayitemGcR | Opcode::GetarrayitemGcF, _) => {
            let array = object()?;
            let index = index(array, int(args[1]))?;
            Some(array.load_element(index).map_err(access)?)
        }
        (Opcode::SetarrayitemGc, _) => {
            let array = object()?;
            let index = index(array, int(args[1]))?;
            array.store_element(index, args[2]).map_err(access)?;
            None
        }
        (Opcode::New, Some(Descr::Size(id))) => Some(Scalar::Ref(Some(
            allocate_for_initialization(id).map_err(access)?,
        ))),
        (Opcode::NewArray, Some(Descr::Array(id))) => {
            let length = int(args[0]);
            let length = usize::try_from(length).map_err(|_| {
                access(AccessError::IndexOutOfBounds {
                    index: length as usize,
                    length: 0,
                })
            })?;
            Some(Scalar::Ref(Some(
                allocate_array(id, length).map_err(access)?,
            )))
        }
        (opcode, descr) => unreachable!("not a heap operation: {opcode:?} with {descr:?}"),
    })
}

/// Equality for `guard_value`: integers and references by value, floats by bit pattern.
fn same_bits(a: Scalar, b: Scalar) -> bool {
    match (a, b) {
        (Scalar::Float(x), Scalar::Float(y)) => x.to_bits() == y.to_bits(),
        (a, b) => a == b,
    }
}

/// `cvttsd2si`: truncate toward zero; NaN and out-of-range give `i64::MIN`.
fn float_to_int(value: f64) -> i64 {
    // 2^63: the first float too large for an i64 (and -2^63, the last that fits).
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if (-LIMIT..LIMIT).contains(&value) {
        value as i64
    } else {
        i64::MIN
    }
}

/// The value of a side-effect-free operation (class `Pure`, or `Overflow` with wrapping
/// results) on concrete arguments: the one definition of their semantics, shared by this
/// executor, the blackhole interpreter and the tracer.
pub fn evaluate_pure(opcode: Opcode, args: &[Scalar]) -> Scalar {
    let i = |n: usize| int(args[n]);
    let f = |n: usize| float(args[n]);
    let flag = |b: bool| Scalar::Int(b as i64);
    match opcode {
        Opcode::IntAdd => Scalar::Int(i(0).wrapping_add(i(1))),
        Opcode::IntSub => Scalar::Int(i(0).wrapping_sub(i(1))),
        Opcode::IntMul => Scalar::Int(i(0).wrapping_mul(i(1))),
        Opcode::IntAnd => Scalar::Int(i(0) & i(1)),
        Opcode::IntOr => Scalar::Int(i(0) | i(1)),
        Opcode::IntXor => Scalar::Int(i(0) ^ i(1)),
        Opcode::IntLshift => Scalar::Int(i(0).wrapping_shl(i(1) as u32)),
        Opcode::IntRshift => Scalar::Int(i(0).wrapping_shr(i(1) as u32)),
        Opcode::UintRshift => Scalar::Int((i(0) as u64).wrapping_shr(i(1) as u32) as i64),
        Opcode::IntNeg => Scalar::Int(i(0).wrapping_neg()),
        Opcode::IntInvert => Scalar::Int(!i(0)),
        Opcode::IntLt => flag(i(0) < i(1)),
        Opcode::IntLe => flag(i(0) <= i(1)),
        Opcode::IntEq => flag(i(0) == i(1)),
        Opcode::IntNe => flag(i(0) != i(1)),
        Opcode::IntGt => flag(i(0) > i(1)),
        Opcode::IntGe => flag(i(0) >= i(1)),
        Opcode::UintLt => flag((i(0) as u64) < i(1) as u64),
        Opcode::UintLe => flag((i(0) as u64) <= i(1) as u64),
        Opcode::UintGt => flag((i(0) as u64) > i(1) as u64),
        Opcode::UintGe => flag((i(0) as u64) >= i(1) as u64),
        Opcode::IntIsZero => flag(i(0) == 0),
        Opcode::IntIsTrue => flag(i(0) != 0),
        Opcode::FloatAdd => Scalar::Float(f(0) + f(1)),
        Opcode::FloatSub => Scalar::Float(f(0) - f(1)),
        Opcode::FloatMul => Scalar::Float(f(0) * f(1)),
        Opcode::FloatTruediv => Scalar::Float(f(0) / f(1)),
        Opcode::FloatNeg => Scalar::Float(-f(0)),
        Opcode::FloatAbs => Scalar::Float(f(0).abs()),
        Opcode::FloatLt => flag(f(0) < f(1)),
        Opcode::FloatLe => flag(f(0) <= f(1)),
        Opcode::FloatEq => flag(f(0) == f(1)),
        Opcode::FloatNe => flag(f(0) != f(1)),
        Opcode::FloatGt => flag(f(0) > f(1)),
        Opcode::FloatGe => flag(f(0) >= f(1)),
        Opcode::CastFloatToInt => Scalar::Int(float_to_int(f(0))),
        Opcode::CastIntToFloat => Scalar::Float(i(0) as f64),
        Opcode::PtrEq => flag(reference(args[0]) == reference(args[1])),
        Opcode::PtrNe => flag(reference(args[0]) != reference(args[1])),
        Opcode::SameAsI | Opcode::SameAsR | Opcode::SameAsF => args[0],
        other => unreachable!("{} is not a pure operation", other.name()),
    }
}
