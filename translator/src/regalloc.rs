//! Register allocation for jitcode: liveness over the blocks of a function's instructions,
//! an interference graph, and greedy coloring per register bank.
//!
//! Jitcode has 256 registers per bank (minus the bank's constants), so a large interpreter
//! function cannot give every variable its own. Variables that are never live at the same
//! time share a register, as in RPython's codewriter. The liveness here is the translator's
//! own (over variables); the jitcode crate recomputes it over registers for resume data.

use std::collections::BTreeSet;

use crate::flow::Var;
use crate::types::Bank;

/// What the allocator needs of one instruction.
pub struct Access {
    pub uses: Vec<Var>,
    pub def: Option<Var>,
    /// For a copy between variables: its source (a copy's destination need not interfere
    /// with its source, so they can share a register).
    pub copy_of: Option<Var>,
}

/// What the allocator needs of one block.
pub struct BlockAccess {
    pub instructions: Vec<Access>,
    pub successors: Vec<usize>,
}

/// The variables live on entry to each block.
pub fn live_in(blocks: &[BlockAccess], variables: usize) -> Vec<BTreeSet<Var>> {
    let _ = variables;
    let mut live_in: Vec<BTreeSet<Var>> = vec![BTreeSet::new(); blocks.len()];
    let mut changed = true;
    while changed {
        changed = false;
        for (index, block) in blocks.iter().enumerate().rev() {
            let mut live = live_out(blocks, &live_in, index);
            for access in block.instructions.iter().rev() {
                if let Some(def) = access.def {
                    live.remove(&def);
                }
                live.extend(access.uses.iter().copied());
            }
            if live != live_in[index] {
                live_in[index] = live;
                changed = true;
            }
        }
    }
    live_in
}

fn live_out(blocks: &[BlockAccess], live_in: &[BTreeSet<Var>], index: usize) -> BTreeSet<Var> {
    let mut live = BTreeSet::new();
    for &successor in &blocks[index].successors {
        live.extend(live_in[successor].iter().copied());
    }
    live
}

/// The variables live just before each instruction of `block` (given the blocks' live-in
/// sets), in instruction order.
pub fn live_before(
    blocks: &[BlockAccess],
    live_in: &[BTreeSet<Var>],
    block: usize,
) -> Vec<BTreeSet<Var>> {
    let mut live = live_out(blocks, live_in, block);
    let mut before = Vec::with_capacity(blocks[block].instructions.len());
    for access in blocks[block].instructions.iter().rev() {
        if let Some(def) = access.def {
            live.remove(&def);
        }
        live.extend(access.uses.iter().copied());
        before.push(live.clone());
    }
    before.reverse();
    before
}

/// Registers for every variable: `registers[v]` is `v`'s register in its bank. Parameters
/// all get distinct registers (they arrive together). `None` if a bank needs more than
/// `limit[bank]` registers.
pub fn allocate(
    blocks: &[BlockAccess],
    banks: &[Option<Bank>],
    params: &[Var],
    limit: [usize; 3],
) -> Result<Vec<u8>, Bank> {
    let count = banks.len();
    let live_in = live_in(blocks, count);
    let mut interference: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); count];
    let mut add = |a: Var, b: Var| {
        if a != b && banks[a.0 as usize] == banks[b.0 as usize] {
            interference[a.0 as usize].insert(b.0);
            interference[b.0 as usize].insert(a.0);
        }
    };
    for (index, block) in blocks.iter().enumerate() {
        let mut live = live_out(blocks, &live_in, index);
        for access in block.instructions.iter().rev() {
            if let Some(def) = access.def {
                for &other in &live {
                    if Some(other) != access.copy_of {
                        add(def, other);
                    }
                }
                live.remove(&def);
            }
            live.extend(access.uses.iter().copied());
        }
    }
    for (i, &a) in params.iter().enumerate() {
        for &b in &params[i + 1..] {
            add(a, b);
        }
        if let Some(entry) = live_in.first() {
            for &other in entry {
                add(a, other);
            }
        }
    }
    // Greedy coloring, parameters first (in order), then by variable number.
    let mut registers: Vec<Option<u8>> = vec![None; count];
    let order = params
        .iter()
        .map(|v| v.0 as usize)
        .chain((0..count).filter(|v| !params.contains(&Var(*v as u32))));
    for variable in order {
        let Some(bank) = banks[variable] else {
            continue;
        };
        let taken: BTreeSet<u8> = interference[variable]
            .iter()
            .filter_map(|&other| registers[other as usize])
            .collect();
        let register = (0..limit[bank.index()])
            .map(|r| r as u8)
            .find(|r| !taken.contains(r))
            .ok_or(bank)?;
        registers[variable] = Some(register);
    }
    Ok(registers.into_iter().map(|r| r.unwrap_or(0)).collect())
}
