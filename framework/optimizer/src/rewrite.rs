//! The forward sweep: each operation, with its arguments replaced by what they are known to
//! be, is folded, merged with an earlier one, answered from the heap cache, dropped as a
//! redundant guard, or kept. What a kept guard establishes is recorded for the operations
//! after it.

use rustc_hash::{FxHashMap, FxHashSet};

use ferrite_gc::{FieldKind, Scalar};
use ferrite_trace::calls;
use ferrite_trace::exec::evaluate_pure;
use ferrite_trace::opcode::Class;
use ferrite_trace::{Descr, Opcode, Operand, Trace, ValueId};

use crate::heap::HeapCache;
use crate::key::{OpKey, OperandKey};
use crate::Passes;

/// An operation that survived the forward sweep, over the original trace's values.
pub struct Kept {
    pub opcode: Opcode,
    pub args: Vec<Operand>,
    pub descr: Option<Descr>,
    pub fail_args: Vec<Operand>,
    pub result: Option<ValueId>,
    /// Its index in the original trace (for an operation the optimizer added: the index
    /// of the one it was added for).
    pub origin: usize,
    /// A store found dead: the same slot was stored again before anything could read it.
    pub erased: bool,
}

struct Rewriter<'t, 'a> {
    trace: &'t Trace<'a>,
    passes: Passes,
    /// What each value of the original trace is now known to be, if not itself.
    replaced: Vec<Option<Operand>>,
    /// Results of side-effect-free operations, by operation.
    computed: FxHashMap<OpKey, Operand>,
    /// Bounds known for integer values (inclusive): what decides whether a store into a
    /// narrow field reads back unchanged, and whether a `guard_true` makes a value 1.
    ranges: FxHashMap<ValueId, (i64, i64)>,
    /// Values a `guard_true` found nonzero (that are not known to be 0 or 1).
    nonzero: FxHashSet<ValueId>,
    nonnull: FxHashSet<OperandKey>,
    /// The type id a `guard_gc_type` established for an object.
    gc_types: FxHashMap<OperandKey, OperandKey>,
    /// Watch cells checked by a `guard_not_invalidated` since the last call (only a call
    /// can run the code that invalidates them).
    checked_cells: Vec<OperandKey>,
    heap: HeapCache,
    /// Integer values computed as `x + c` or `x & c` (`c` a constant), by value: what
    /// chains of them fold into.
    linear: FxHashMap<ValueId, (Opcode, Operand, i64)>,
    /// The stores since the last operation that could observe the heap (a guard, whose
    /// resume reads it, a call, a load that may alias), by slot: a second store to the same
    /// slot makes the first dead.
    unobserved_stores: FxHashMap<(OperandKey, OperandKey, Descr), usize>,
    /// The operation being rewritten (what added operations are attributed to).
    current: usize,
    kept: Vec<Kept>,
}

/// Run the forward sweep over `trace`.
pub fn rewrite(trace: &Trace, passes: Passes) -> Vec<Kept> {
    let mut rewriter = Rewriter {
        trace,
        passes,
        replaced: vec![None; trace.value_count()],
        computed: FxHashMap::default(),
        ranges: FxHashMap::default(),
        nonzero: FxHashSet::default(),
        nonnull: FxHashSet::default(),
        gc_types: FxHashMap::default(),
        checked_cells: Vec::new(),
        heap: HeapCache::default(),
        linear: FxHashMap::default(),
        unobserved_stores: FxHashMap::default(),
        current: 0,
        kept: Vec::with_capacity(trace.ops().len()),
    };
    for (index, op) in trace.ops().iter().enumerate() {
        rewriter.operation(index, op);
    }
    rewriter.kept
}

fn is_comparison(opcode: Opcode) -> bool {
    use Opcode::*;
    matches!(
        opcode,
        IntLt
            | IntLe
            | IntEq
            | IntNe
            | IntGt
            | IntGe
            | UintLt
            | UintLe
            | UintGt
            | UintGe
            | IntIsZero
            | IntIsTrue
            | FloatLt
            | FloatLe
            | FloatEq
            | FloatNe
            | FloatGt
            | FloatGe
            | PtrEq
            | PtrNe
    )
}

impl Rewriter<'_, '_> {
    /// What `operand` is known to be.
    fn resolve(&self, mut operand: Operand) -> Operand {
        while let Operand::Value(value) = operand {
            match self.replaced[value.0 as usize] {
                Some(known) => operand = known,
                None => break,
            }
        }
        operand
    }

    fn replace(&mut self, value: ValueId, with: Operand) {
        if with != Operand::Value(value) {
            self.replaced[value.0 as usize] = Some(with);
        }
    }

    fn keep(&mut self, index: usize, opcode: Opcode, args: Vec<Operand>, descr: Option<Descr>) {
        let op = &self.trace.ops()[index];
        let fail_args = op.fail_args.iter().map(|&a| self.resolve(a)).collect();
        self.kept.push(Kept {
            opcode,
            args,
            descr,
            fail_args,
            result: op.result,
            origin: index,
            erased: false,
        });
    }

    fn operation(&mut self, index: usize, op: &ferrite_trace::Op) {
        let opcode = op.opcode;
        if opcode == Opcode::Label {
            // Code after the label is also entered by jumps, which know none of this.
            self.replaced.iter_mut().for_each(|r| *r = None);
            self.computed.clear();
            self.ranges.clear();
            self.nonzero.clear();
            self.nonnull.clear();
            self.gc_types.clear();
            self.checked_cells.clear();
            self.heap.clear();
            self.linear.clear();
            self.unobserved_stores.clear();
            self.keep(index, opcode, op.args.to_vec(), op.descr);
            return;
        }
        let args: Vec<Operand> = op.args.iter().map(|&a| self.resolve(a)).collect();
        self.current = index;
        let class = opcode.info().class;
        if matches!(
            class,
            Class::Guard | Class::Call | Class::Allocation | Class::Control | Class::Overflow
        ) {
            // Guards resume in the blackhole, which reads the heap; calls may read it.
            self.unobserved_stores.clear();
        }
        match class {
            Class::Pure => self.pure(index, op, args),
            Class::Guard => self.guard(index, op, args),
            Class::HeapRead => self.heap_read(index, op, args),
            Class::HeapWrite => self.heap_write(index, op, args),
            Class::Allocation => {
                self.keep(index, opcode, args.clone(), op.descr);
                let result = Operand::Value(op.result.expect("allocations have results"));
                self.nonnull.insert(OperandKey::of(result));
                if opcode == Opcode::NewArray && self.passes.heap {
                    self.heap.record_length(result, args[0]);
                }
            }
            Class::Call => self.call(index, op, args),
            Class::Overflow | Class::Control => self.keep(index, opcode, args, op.descr),
        }
    }

    fn pure(&mut self, index: usize, op: &ferrite_trace::Op, mut args: Vec<Operand>) {
        let result = op.result.expect("pure operations have results");
        if self.passes.pure {
            if let Some(known) = self
                .fold(op.opcode, &args)
                .or_else(|| simplify(op.opcode, &args))
            {
                self.replace(result, known);
                return;
            }
            args = self.reassociate(op.opcode, args);
            if let Some(known) = simplify(op.opcode, &args) {
                self.replace(result, known);
                return;
            }
            let key = OpKey::new(op.opcode, &args, op.descr);
            if let Some(&earlier) = self.computed.get(&key) {
                self.replace(result, earlier);
                return;
            }
            self.computed.insert(key, Operand::Value(result));
        }
        if is_comparison(op.opcode) {
            self.ranges.insert(result, (0, 1));
        }
        self.record_linear(result, op.opcode, &args);
        if op.opcode == Opcode::IntAnd {
            let mask = match (args[0], args[1]) {
                (Operand::Int(m), _) | (_, Operand::Int(m)) if m >= 0 => Some(m),
                _ => None,
            };
            if let Some(mask) = mask {
                self.ranges.insert(result, (0, mask));
            }
        }
        self.keep(index, op.opcode, args, op.descr);
    }

    fn record_linear(&mut self, result: ValueId, opcode: Opcode, args: &[Operand]) {
        if args.len() != 2 {
            return;
        }
        match (opcode, args[0], args[1]) {
            (Opcode::IntAdd | Opcode::IntAnd, x, Operand::Int(c))
            | (Opcode::IntAdd | Opcode::IntAnd, Operand::Int(c), x) => {
                self.linear.insert(result, (opcode, x, c));
            }
            (Opcode::IntSub, x, Operand::Int(c)) => {
                self.linear
                    .insert(result, (Opcode::IntAdd, x, c.wrapping_neg()));
            }
            _ => {}
        }
    }

    fn linear_of(&self, operand: Operand) -> Option<(Opcode, Operand, i64)> {
        match operand {
            Operand::Value(value) => self.linear.get(&value).copied(),
            _ => None,
        }
    }

    /// `(x + a) + b` is `x + (a + b)` (and `- b` is `+ -b`); `((y & m) + c) & m` is
    /// `(y + c) & m` for a mask `m` of low bits (addition modulo a power of two ignores the
    /// bits above): what makes Brainfuck's `+++` one addition.
    fn reassociate(&mut self, opcode: Opcode, args: Vec<Operand>) -> Vec<Operand> {
        if args.len() != 2 {
            return args;
        }
        match (opcode, args[0], args[1]) {
            (Opcode::IntAdd | Opcode::IntSub, x, Operand::Int(b)) => {
                let b = if opcode == Opcode::IntSub {
                    b.wrapping_neg()
                } else {
                    b
                };
                match self.linear_of(x) {
                    Some((Opcode::IntAdd, inner, a)) => {
                        let sum = a.wrapping_add(b);
                        let sum = if opcode == Opcode::IntSub {
                            sum.wrapping_neg()
                        } else {
                            sum
                        };
                        vec![inner, Operand::Int(sum)]
                    }
                    _ => args,
                }
            }
            (Opcode::IntAnd, x, Operand::Int(m)) if m > 0 && m.wrapping_add(1) & m == 0 => {
                let Some((Opcode::IntAdd, sum_of, c)) = self.linear_of(x) else {
                    return args;
                };
                match self.linear_of(sum_of) {
                    Some((Opcode::IntAnd, y, mask)) if mask == m => {
                        vec![self.add_constant(y, c), Operand::Int(m)]
                    }
                    _ => args,
                }
            }
            _ => args,
        }
    }

    /// `y + c` as a value: folded, an earlier one, or a new operation.
    fn add_constant(&mut self, y: Operand, c: i64) -> Operand {
        let args = self.reassociate(Opcode::IntAdd, vec![y, Operand::Int(c)]);
        if let Some(known) = self
            .fold(Opcode::IntAdd, &args)
            .or_else(|| simplify(Opcode::IntAdd, &args))
        {
            return known;
        }
        let key = OpKey::new(Opcode::IntAdd, &args, None);
        if let Some(&earlier) = self.computed.get(&key) {
            return self.resolve(earlier);
        }
        let result = ValueId(self.replaced.len() as u32);
        self.replaced.push(None);
        self.computed.insert(key, Operand::Value(result));
        self.record_linear(result, Opcode::IntAdd, &args);
        self.kept.push(Kept {
            opcode: Opcode::IntAdd,
            args,
            descr: None,
            fail_args: Vec::new(),
            result: Some(result),
            origin: self.current,
            erased: false,
        });
        Operand::Value(result)
    }

    /// The value of a pure operation on constants, computed as the executor would.
    fn fold(&self, opcode: Opcode, args: &[Operand]) -> Option<Operand> {
        let mut scalars = Vec::with_capacity(args.len());
        for &arg in args {
            scalars.push(match arg {
                Operand::Int(v) => Scalar::Int(v),
                Operand::Float(v) => Scalar::Float(v),
                Operand::Ref(k) => Scalar::Ref(Some(self.trace.ref_constant(k))),
                Operand::Null => Scalar::Ref(None),
                Operand::Value(_) => return None,
            });
        }
        match evaluate_pure(opcode, &scalars) {
            Scalar::Int(v) => Some(Operand::Int(v)),
            Scalar::Float(v) => Some(Operand::Float(v)),
            // Only `same_as_r` gives a reference: its argument.
            Scalar::Ref(_) => Some(args[0]),
        }
    }

    fn guard(&mut self, index: usize, op: &ferrite_trace::Op, args: Vec<Operand>) {
        if self.passes.guards && self.guard_is_redundant(op.opcode, &args) {
            return;
        }
        self.keep(index, op.opcode, args.clone(), op.descr);
        if !self.passes.guards {
            return;
        }
        // What holds from here on.
        match (op.opcode, args.first().copied()) {
            (Opcode::GuardTrue, Some(Operand::Value(value))) => {
                // A value that is 0 or 1 (a comparison, a bool load, `x & 1`) is then 1.
                if self.ranges.get(&value) == Some(&(0, 1)) {
                    self.replace(value, Operand::Int(1));
                } else {
                    self.nonzero.insert(value);
                }
            }
            (Opcode::GuardFalse, Some(Operand::Value(value))) => {
                self.replace(value, Operand::Int(0))
            }
            (Opcode::GuardValue, Some(Operand::Value(value)))
                if OperandKey::of(args[1]).is_constant() =>
            {
                self.replace(value, args[1])
            }
            (Opcode::GuardNonnull, Some(object)) => {
                self.nonnull.insert(OperandKey::of(object));
            }
            (Opcode::GuardIsnull, Some(Operand::Value(value))) => {
                self.replace(value, Operand::Null)
            }
            (Opcode::GuardGcType, Some(object)) => {
                self.gc_types
                    .insert(OperandKey::of(object), OperandKey::of(args[1]));
            }
            (Opcode::GuardNotInvalidated, Some(cell)) => {
                self.checked_cells.push(OperandKey::of(cell));
            }
            _ => {}
        }
    }

    fn guard_is_redundant(&self, opcode: Opcode, args: &[Operand]) -> bool {
        match opcode {
            Opcode::GuardTrue => match args[0] {
                Operand::Int(v) => v != 0,
                Operand::Value(value) => self.nonzero.contains(&value),
                _ => false,
            },
            Opcode::GuardFalse => args[0] == Operand::Int(0),
            Opcode::GuardValue => {
                OperandKey::of(args[0]) == OperandKey::of(args[1])
                    && OperandKey::of(args[1]).is_constant()
            }
            Opcode::GuardNonnull => {
                matches!(args[0], Operand::Ref(_))
                    || self.nonnull.contains(&OperandKey::of(args[0]))
            }
            Opcode::GuardIsnull => args[0] == Operand::Null,
            Opcode::GuardGcType => {
                self.gc_types.get(&OperandKey::of(args[0])) == Some(&OperandKey::of(args[1]))
            }
            Opcode::GuardNotInvalidated => self.checked_cells.contains(&OperandKey::of(args[0])),
            _ => false,
        }
    }

    fn heap_read(&mut self, index: usize, op: &ferrite_trace::Op, args: Vec<Operand>) {
        let result = op.result.expect("heap reads have results");
        let descr = op.descr.expect("heap reads have descriptors");
        if self.passes.heap {
            let known = match op.opcode {
                Opcode::ArraylenGc => self.heap.length(args[0]),
                Opcode::GetarrayitemGcI | Opcode::GetarrayitemGcR | Opcode::GetarrayitemGcF => {
                    self.heap.item(args[0], args[1], descr)
                }
                _ => self.heap.field(args[0], descr),
            };
            if let Some(known) = known {
                self.replace(result, known);
                return;
            }
            // This load reads the heap: stores it may read are not dead.
            self.unobserved_stores.retain(|&(_, _, d), _| d != descr);
            let value = Operand::Value(result);
            if let Some(range) = descr.slot_kind().and_then(narrow_range) {
                if op.opcode != Opcode::ArraylenGc {
                    self.ranges.insert(result, range);
                }
            }
            match op.opcode {
                Opcode::ArraylenGc => self.heap.record_length(args[0], value),
                Opcode::GetarrayitemGcI | Opcode::GetarrayitemGcR | Opcode::GetarrayitemGcF => {
                    self.heap.record_item(args[0], args[1], descr, value)
                }
                _ => self.heap.record_field(args[0], descr, value),
            }
        }
        self.keep(index, op.opcode, args, op.descr);
    }

    fn heap_write(&mut self, index: usize, op: &ferrite_trace::Op, args: Vec<Operand>) {
        let descr = op.descr.expect("heap writes have descriptors");
        if self.passes.heap {
            let same = |known: Option<Operand>, value: Operand| {
                known.is_some_and(|k| OperandKey::of(k) == OperandKey::of(value))
            };
            let value = *args.last().expect("a store has a value");
            let reads_back = self.stored_exactly(descr, value).then_some(value);
            let slot = match op.opcode {
                Opcode::SetfieldGc => (OperandKey::of(args[0]), OperandKey::Null, descr),
                _ => (OperandKey::of(args[0]), OperandKey::of(args[1]), descr),
            };
            let known = match op.opcode {
                Opcode::SetfieldGc => self.heap.field(args[0], descr),
                _ => self.heap.item(args[0], args[1], descr),
            };
            if same(known, value) {
                return;
            }
            match op.opcode {
                Opcode::SetfieldGc => self.heap.write_field(args[0], descr, reads_back),
                _ => self.heap.write_item(args[0], args[1], descr, reads_back),
            }
            // This store is kept next (at `kept.len()`).
            if let Some(earlier) = self.unobserved_stores.insert(slot, self.kept.len()) {
                self.kept[earlier].erased = true;
            }
        }
        self.keep(index, op.opcode, args, op.descr);
    }

    /// Whether storing `value` in a slot of `descr` keeps it whole (a narrow slot truncates,
    /// an f32 slot rounds).
    fn stored_exactly(&self, descr: Descr, value: Operand) -> bool {
        let Some(kind) = descr.slot_kind() else {
            return false;
        };
        if kind == FieldKind::F32 {
            return false;
        }
        let Some((low, high)) = narrow_range(kind) else {
            return true;
        };
        let range = match value {
            Operand::Int(v) => Some((v, v)),
            Operand::Value(v) => self.ranges.get(&v).copied(),
            _ => None,
        };
        range.is_some_and(|(l, h)| low <= l && h <= high)
    }

    fn call(&mut self, index: usize, op: &ferrite_trace::Op, args: Vec<Operand>) {
        self.checked_cells.clear();
        let Some(Descr::Call(id)) = op.descr else {
            // `save_exception`.
            self.keep(index, op.opcode, args, op.descr);
            return;
        };
        let effects = calls::target(id).effects;
        let mergeable = self.passes.pure && effects.elidable && !effects.can_raise;
        let key = OpKey::new(op.opcode, &args, op.descr);
        if mergeable {
            match op.result {
                Some(result) => {
                    if let Some(&earlier) = self.computed.get(&key) {
                        self.replace(result, earlier);
                        return;
                    }
                }
                // Nothing to compute and nothing done.
                None => return,
            }
        }
        self.keep(index, op.opcode, args, op.descr);
        if mergeable {
            if let Some(result) = op.result {
                self.computed.insert(key, Operand::Value(result));
            }
        }
        if self.passes.heap {
            self.heap.call(effects.writes);
        }
    }
}

/// The values a narrow integer slot holds (`None` for 64-bit, reference and float slots).
fn narrow_range(kind: FieldKind) -> Option<(i64, i64)> {
    Some(match kind {
        FieldKind::Bool => (0, 1),
        FieldKind::I8 => (i8::MIN as i64, i8::MAX as i64),
        FieldKind::I16 => (i16::MIN as i64, i16::MAX as i64),
        FieldKind::I32 => (i32::MIN as i64, i32::MAX as i64),
        FieldKind::U8 => (0, u8::MAX as i64),
        FieldKind::U16 => (0, u16::MAX as i64),
        FieldKind::U32 => (0, u32::MAX as i64),
        _ => return None,
    })
}

/// Algebraic identities on integers.
fn simplify(opcode: Opcode, args: &[Operand]) -> Option<Operand> {
    use Opcode::*;
    let int = |n: usize| match args.get(n) {
        Some(Operand::Int(v)) => Some(*v),
        _ => None,
    };
    let same = args.len() == 2
        && matches!(args[0], Operand::Value(_))
        && OperandKey::of(args[0]) == OperandKey::of(args[1]);
    match opcode {
        SameAsI | SameAsR | SameAsF => Some(args[0]),
        IntAdd | IntOr | IntXor if int(1) == Some(0) => Some(args[0]),
        IntAdd | IntOr | IntXor if int(0) == Some(0) => Some(args[1]),
        IntSub | IntLshift | IntRshift | UintRshift if int(1) == Some(0) => Some(args[0]),
        IntMul if int(1) == Some(1) => Some(args[0]),
        IntMul if int(0) == Some(1) => Some(args[1]),
        IntMul | IntAnd if int(0) == Some(0) || int(1) == Some(0) => Some(Operand::Int(0)),
        IntAnd if int(1) == Some(-1) => Some(args[0]),
        IntAnd if int(0) == Some(-1) => Some(args[1]),
        IntSub | IntXor | IntLt | IntGt | IntNe | UintLt | UintGt if same => Some(Operand::Int(0)),
        IntAnd | IntOr if same => Some(args[0]),
        IntEq | IntLe | IntGe | UintLe | UintGe if same => Some(Operand::Int(1)),
        _ => None,
    }
}
