//! The backward sweep and the new trace: operations without side effects whose results
//! nothing uses are dropped, and the rest are pushed into a fresh trace (which checks them)
//! with their values renumbered.

use ferrite_trace::calls;
use ferrite_trace::opcode::Class;
use ferrite_trace::{Descr, Operand, Trace, TraceError, ValueId};

use crate::rewrite::Kept;
use crate::Optimized;

/// Whether `op` may be dropped when its result is unused.
fn removable(op: &Kept) -> bool {
    op.result.is_some()
        && match op.opcode.info().class {
            Class::Pure | Class::HeapRead => true,
            Class::Call => match op.descr {
                Some(Descr::Call(id)) => {
                    let effects = calls::target(id).effects;
                    effects.elidable && !effects.can_raise
                }
                _ => false,
            },
            _ => false,
        }
}

/// Build the optimized trace from the operations the forward sweep kept (dropping dead ones
/// first if `remove_dead`).
pub fn emit<'a>(
    original: &Trace<'a>,
    kept: Vec<Kept>,
    remove_dead: bool,
) -> Result<Optimized<'a>, TraceError> {
    let mut live: Vec<bool> = kept.iter().map(|op| !op.erased).collect();
    // Values the optimizer added are numbered after the original trace's.
    let value_count = kept
        .iter()
        .filter_map(|op| op.result)
        .map(|v| v.0 as usize + 1)
        .max()
        .unwrap_or(0)
        .max(original.value_count());
    if remove_dead {
        let mut used = vec![false; value_count];
        for (index, op) in kept.iter().enumerate().rev() {
            if !live[index] {
                continue;
            }
            if removable(op) && !used[op.result.expect("removable ops have results").0 as usize] {
                live[index] = false;
                continue;
            }
            for operand in op.args.iter().chain(&op.fail_args) {
                if let Operand::Value(value) = operand {
                    used[value.0 as usize] = true;
                }
            }
        }
    }
    let mut trace = original.empty_like();
    // The inputs come first in both traces.
    let mut renamed: Vec<Option<Operand>> = (0..value_count)
        .map(|v| (v < original.input_types().len()).then_some(Operand::Value(ValueId(v as u32))))
        .collect();
    let rename = |renamed: &[Option<Operand>], operand: Operand| match operand {
        Operand::Value(value) => renamed[value.0 as usize]
            .unwrap_or_else(|| unreachable!("value {} used before it is defined", value.0)),
        constant => constant,
    };
    let mut guards = vec![None; original.ops().len()];
    for (op, _) in kept.iter().zip(&live).filter(|(_, live)| **live) {
        let args: Vec<Operand> = op.args.iter().map(|&a| rename(&renamed, a)).collect();
        let fail_args: Vec<Operand> = op.fail_args.iter().map(|&a| rename(&renamed, a)).collect();
        let index = trace.ops().len();
        let result = trace.push(op.opcode, &args, op.descr, &fail_args)?;
        if let (Some(old), Some(new)) = (op.result, result) {
            renamed[old.0 as usize] = Some(new);
        }
        if op.opcode.is_guard() {
            guards[op.origin] = Some(index);
        }
    }
    Ok(Optimized { trace, guards })
}
