//! Jitcode emission: a flow graph becomes jitcode text (the form `ferrite_jitcode::assemble`
//! reads at run time).
//!
//! Blocks are laid out in reverse postorder, so a block usually falls through to its first
//! successor. Each operation picks its instruction by the resolved types: the register
//! bank, signed or unsigned comparisons and shifts, and the masking or sign extension that
//! keeps a narrow integer wrapping at its width (`u8` arithmetic is 64-bit arithmetic
//! followed by `int_and 255`). Variables get registers from `regalloc`. Two checks of the
//! portal happen here, because they need liveness: only the greens and reds may be live at
//! `jit_merge_point!`, and `can_enter_jit!` must be followed directly by the jump back to it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::error::{Result, TranslateError};
use crate::flow::{BinaryOp, BlockId, Exit, FlowGraph, Op, Operand, UnaryOp, Var};
use crate::lower::{
    HELPER_DIV_SIGNED, HELPER_DIV_UNSIGNED, HELPER_REM_SIGNED, HELPER_REM_UNSIGNED,
};
use crate::policy::{Plan, Role};
use crate::regalloc::{self, Access, BlockAccess};
use crate::source::Items;
use crate::types::{Bank, IntTy, Ty};

/// What emission needs besides the graph.
pub struct Context<'a> {
    pub items: &'a Items,
    pub plan: &'a Plan,
    /// Prefix of the call-target names this translation registers (the crate's name), so
    /// two translated crates in one program do not collide.
    pub call_prefix: &'a str,
    /// The messages of the panics in traced code, in order; each is a call target.
    pub panics: &'a [String],
}

impl Context<'_> {
    /// The registered name of the call target of a residual function.
    pub fn call_name(&self, key: &str) -> String {
        format!("{}::{key}", self.call_prefix)
    }

    pub fn panic_name(&self, message: &str) -> String {
        let index = self
            .panics
            .iter()
            .position(|m| m == message)
            .expect("collected");
        format!("{}::panic_{index}", self.call_prefix)
    }
}

/// The panic messages of `graphs`, deduplicated, in a stable order.
pub fn panic_messages(graphs: &[FlowGraph]) -> Vec<String> {
    let mut messages = BTreeSet::new();
    for graph in graphs {
        for block in graph.graph.node_weights() {
            if let Exit::Panic(message) = &block.exit {
                messages.insert(message.clone());
            }
        }
    }
    messages.into_iter().collect()
}

#[derive(Clone, Debug)]
enum Arg {
    Reg(Var),
    Const(Bank, Operand),
    Label(usize),
    Descr(String),
    /// The class (GC type id) of the struct named, an integer constant.
    Class(String),
    Switch(Vec<(i64, usize)>),
    List(Vec<Arg>),
}

struct Inst {
    name: String,
    args: Vec<Arg>,
    result: Option<Var>,
}

struct Emitter<'a> {
    graph: &'a FlowGraph,
    context: &'a Context<'a>,
    /// Banks of the graph's variables, then of the temporaries emission adds.
    banks: Vec<Option<Bank>>,
    /// Block index to its position in the layout.
    position: BTreeMap<usize, usize>,
    blocks: Vec<Vec<Inst>>,
    current: Vec<Inst>,
}

/// The jitcode text of one traced function.
pub fn jitcode(graph: &FlowGraph, context: &Context) -> Result<String> {
    let layout = graph.reverse_postorder();
    let position = layout
        .iter()
        .enumerate()
        .map(|(p, b)| (b.index(), p))
        .collect();
    let mut emitter = Emitter {
        graph,
        context,
        banks: graph.vars.iter().map(|v| v.ty.bank()).collect(),
        position,
        blocks: Vec::new(),
        current: Vec::new(),
    };
    let handlers: BTreeMap<usize, Var> = graph
        .graph
        .node_weights()
        .filter_map(|b| match b.exit {
            Exit::Catch {
                handler,
                exception: Some(e),
                ..
            } => Some((handler.index(), e)),
            _ => None,
        })
        .collect();
    for (index, &block) in layout.iter().enumerate() {
        if let Some(&exception) = handlers.get(&block.index()) {
            emitter.push("last_exc_value", vec![], Some(exception));
        }
        let next = layout.get(index + 1).copied();
        emitter.block(block, next)?;
        let instructions = std::mem::take(&mut emitter.current);
        emitter.blocks.push(instructions);
    }
    emitter.finish(&layout)
}

fn error(
    graph: &FlowGraph,
    context: &Context,
    message: String,
    suggestion: &str,
) -> TranslateError {
    let function = &context.items.functions[&graph.name];
    TranslateError::at(&function.file, function.span, message).suggest(suggestion)
}

impl<'a> Emitter<'a> {
    fn push(&mut self, name: &str, args: Vec<Arg>, result: Option<Var>) {
        self.current.push(Inst {
            name: name.to_string(),
            args,
            result,
        });
    }

    fn temp(&mut self, bank: Bank) -> Var {
        self.banks.push(Some(bank));
        Var(self.banks.len() as u32 - 1)
    }

    fn bank_of(&self, var: Var) -> Option<Bank> {
        self.banks[var.0 as usize]
    }

    /// An operand as an instruction argument of `bank`.
    fn arg(&self, operand: Operand, bank: Bank) -> Arg {
        match operand {
            Operand::Var(v) => Arg::Reg(v),
            constant => Arg::Const(bank, constant),
        }
    }

    fn block(&mut self, block: BlockId, next: Option<BlockId>) -> Result<()> {
        let graph = self.graph;
        let data = &graph.graph[block];
        let last = data.ops.len().checked_sub(1);
        for (index, op) in data.ops.iter().enumerate() {
            let checked = Some(index) == last && matches!(data.exit, Exit::Overflow { .. });
            if checked {
                let Exit::Overflow { overflow, .. } = data.exit else {
                    unreachable!()
                };
                self.checked(op, overflow.index());
            } else {
                self.op(op);
            }
        }
        self.exit(&data.exit, next);
        Ok(())
    }

    fn goto_unless_next(&mut self, target: BlockId, next: Option<BlockId>) {
        if Some(target) != next {
            self.push("goto", vec![Arg::Label(target.index())], None);
        }
    }

    fn exit(&mut self, exit: &Exit, next: Option<BlockId>) {
        match exit {
            Exit::Goto(target) => self.goto_unless_next(*target, next),
            Exit::Branch {
                cond,
                then,
                otherwise,
            } => match cond {
                Operand::Int(value) => {
                    self.goto_unless_next(if *value != 0 { *then } else { *otherwise }, next)
                }
                _ => {
                    self.push(
                        "goto_if_not",
                        vec![self.arg(*cond, Bank::Int), Arg::Label(otherwise.index())],
                        None,
                    );
                    self.goto_unless_next(*then, next);
                }
            },
            Exit::Switch {
                value,
                cases,
                default,
            } => match value {
                Operand::Int(v) => {
                    let target = cases
                        .iter()
                        .find(|(c, _)| c == v)
                        .map_or(*default, |(_, b)| *b);
                    self.goto_unless_next(target, next);
                }
                _ => {
                    let table = cases.iter().map(|(v, b)| (*v, b.index())).collect();
                    self.push(
                        "switch",
                        vec![self.arg(*value, Bank::Int), Arg::Switch(table)],
                        None,
                    );
                    self.goto_unless_next(*default, next);
                }
            },
            Exit::Return(value) => self.return_(*value),
            Exit::Raise(value) => self.push("raise", vec![self.arg(*value, Bank::Ref)], None),
            Exit::Catch {
                normal, handler, ..
            } => {
                self.push("catch_exception", vec![Arg::Label(handler.index())], None);
                self.goto_unless_next(*normal, next);
            }
            Exit::Overflow { normal, .. } => self.goto_unless_next(*normal, next),
            Exit::Panic(message) => {
                let name = self.context.panic_name(message);
                self.push(
                    "residual_call_v",
                    vec![
                        Arg::Descr(format!("call {name}")),
                        Arg::List(vec![]),
                        Arg::List(vec![]),
                        Arg::List(vec![]),
                    ],
                    None,
                );
                // Not reached (the call panics); a return keeps the code well-formed.
                self.return_(None);
            }
            Exit::Open => unreachable!("lowering closes every block"),
        }
    }

    /// Return `value` (a zero of the result's bank when there is none to return but the
    /// function has a result: after a panic).
    fn return_(&mut self, value: Option<Operand>) {
        match self.graph.result.bank() {
            None => self.push("void_return", vec![], None),
            Some(bank) => {
                let zero = match bank {
                    Bank::Int => Operand::Int(0),
                    Bank::Ref => Operand::Null,
                    Bank::Float => Operand::Float(0.0),
                };
                let name = format!("{}_return", bank_word(bank));
                self.push(&name, vec![self.arg(value.unwrap_or(zero), bank)], None);
            }
        }
    }

    /// Bring the integer in `var` to `ty`'s width: mask (unsigned) or sign-extend (signed).
    fn normalize(&mut self, var: Var, ty: IntTy) {
        let bits = ty.bits();
        if bits == 64 {
            return;
        }
        if ty.signed() {
            let shift = Arg::Const(Bank::Int, Operand::Int(64 - bits as i64));
            self.push("int_lshift", vec![Arg::Reg(var), shift.clone()], Some(var));
            self.push("int_rshift", vec![Arg::Reg(var), shift], Some(var));
        } else {
            let mask = Arg::Const(Bank::Int, Operand::Int((1i64 << bits) - 1));
            self.push("int_and", vec![Arg::Reg(var), mask], Some(var));
        }
    }

    fn copy(&mut self, dst: Var, src: Operand) {
        let Some(bank) = self.bank_of(dst) else {
            return;
        };
        if src == Operand::Var(dst) {
            return;
        }
        let name = format!("{}_copy", bank_word(bank));
        let arg = self.arg(src, bank);
        self.push(&name, vec![arg], Some(dst));
    }

    fn op(&mut self, op: &Op) {
        match op {
            Op::Copy { dst, src } => self.copy(*dst, *src),
            Op::Unary { dst, op, arg, ty } => self.unary(*dst, *op, *arg, ty),
            Op::Binary {
                dst,
                op,
                lhs,
                rhs,
                ty,
            } => self.binary(*dst, *op, *lhs, *rhs, ty),
            Op::Cast { dst, src, from } => self.cast(*dst, *src, from),
            Op::IsNull {
                dst,
                value,
                is_null,
            } => {
                let name = if *is_null {
                    "ptr_iszero"
                } else {
                    "ptr_nonzero"
                };
                self.push(name, vec![self.arg(*value, Bank::Ref)], Some(*dst));
            }
            Op::PtrEq { dst, lhs, rhs } => {
                self.push(
                    "ptr_eq",
                    vec![self.arg(*lhs, Bank::Ref), self.arg(*rhs, Bank::Ref)],
                    Some(*dst),
                );
            }
            Op::GetField {
                dst,
                object,
                owner,
                field,
            } => {
                let bank = self.bank_of(*dst).expect("a field has a bank");
                let name = format!("getfield_gc_{}", bank.letter());
                self.push(
                    &name,
                    vec![
                        self.arg(*object, Bank::Ref),
                        Arg::Descr(format!("field {owner}.{field}")),
                    ],
                    Some(*dst),
                );
            }
            Op::SetField {
                object,
                owner,
                field,
                value,
            } => {
                let ty = self.field_ty(owner, field);
                let bank = ty.bank().expect("a field has a bank");
                let name = format!("setfield_gc_{}", bank.letter());
                self.push(
                    &name,
                    vec![
                        self.arg(*object, Bank::Ref),
                        self.arg(*value, bank),
                        Arg::Descr(format!("field {owner}.{field}")),
                    ],
                    None,
                );
            }
            Op::ArrayLen {
                dst,
                array,
                element,
            } => {
                self.push(
                    "arraylen_gc",
                    vec![self.arg(*array, Bank::Ref), array_descr(element)],
                    Some(*dst),
                );
            }
            Op::GetItem {
                dst,
                array,
                index,
                element,
            } => {
                let bank = element.bank().expect("an element has a bank");
                let name = format!("getarrayitem_gc_{}", bank.letter());
                self.push(
                    &name,
                    vec![
                        self.arg(*array, Bank::Ref),
                        self.arg(*index, Bank::Int),
                        array_descr(element),
                    ],
                    Some(*dst),
                );
            }
            Op::SetItem {
                array,
                index,
                value,
                element,
            } => {
                let bank = element.bank().expect("an element has a bank");
                let name = format!("setarrayitem_gc_{}", bank.letter());
                self.push(
                    &name,
                    vec![
                        self.arg(*array, Bank::Ref),
                        self.arg(*index, Bank::Int),
                        self.arg(*value, bank),
                        array_descr(element),
                    ],
                    None,
                );
            }
            Op::New { dst, owner } => {
                self.push("new", vec![Arg::Descr(format!("size {owner}"))], Some(*dst))
            }
            Op::NewArray {
                dst,
                length,
                element,
            } => {
                self.push(
                    "new_array",
                    vec![self.arg(*length, Bank::Int), array_descr(element)],
                    Some(*dst),
                );
            }
            Op::Call { dst, callee, args } => self.call(*dst, callee, args),
            Op::IsClass { dst, object, owner } => {
                // The class into `dst`'s register, then compared in place.
                self.push(
                    "guard_class",
                    vec![self.arg(*object, Bank::Ref)],
                    Some(*dst),
                );
                self.push(
                    "int_eq",
                    vec![Arg::Reg(*dst), Arg::Class(owner.clone())],
                    Some(*dst),
                );
            }
            Op::RecordExactClass { object, owner } => {
                self.push(
                    "record_exact_class",
                    vec![self.arg(*object, Bank::Ref), Arg::Class(owner.clone())],
                    None,
                );
            }
            Op::Promote { value } => {
                let bank = self.bank_of(*value).expect("a promoted value has a bank");
                let name = format!("{}_guard_value", bank_word(bank));
                self.push(&name, vec![Arg::Reg(*value)], None);
            }
            Op::MergePoint {
                driver,
                greens,
                reds,
                virtualizable,
            } => {
                // The virtualizable by its place among the reds of the reference bank.
                let virtualizable = virtualizable
                    .map(|var| {
                        let place = reds
                            .iter()
                            .filter(|v| self.bank_of(**v) == Some(Bank::Ref))
                            .position(|v| *v == var)
                            .expect("the virtualizable is a reference red");
                        format!(" virtualizable {place}")
                    })
                    .unwrap_or_default();
                let mut args = vec![Arg::Descr(format!("driver {driver}{virtualizable}"))];
                for group in [greens, reds] {
                    for bank in Bank::ALL {
                        let list = group
                            .iter()
                            .filter(|v| self.bank_of(**v) == Some(bank))
                            .map(|v| Arg::Reg(*v))
                            .collect();
                        args.push(Arg::List(list));
                    }
                }
                self.push("jit_merge_point", args, None);
            }
            Op::CanEnterJit { driver } => self.push(
                "loop_header",
                vec![Arg::Descr(format!("driver {driver}"))],
                None,
            ),
        }
    }

    fn field_ty(&self, owner: &str, field: &str) -> Ty {
        let structure = &self.context.items.structs[owner];
        let (_, ty) = structure
            .fields
            .iter()
            .find(|(n, _)| n == field)
            .expect("lowering checked the field");
        ty.clone().expect("lowering checked the field's type")
    }

    fn unary(&mut self, dst: Var, op: UnaryOp, arg: Operand, ty: &Ty) {
        match (op, ty) {
            (UnaryOp::Neg, Ty::Float) => {
                self.push("float_neg", vec![self.arg(arg, Bank::Float)], Some(dst))
            }
            (UnaryOp::Neg, Ty::Int(int)) => {
                self.push("int_neg", vec![self.arg(arg, Bank::Int)], Some(dst));
                self.normalize(dst, *int);
            }
            (UnaryOp::Not, Ty::Bool) => {
                self.push("int_is_zero", vec![self.arg(arg, Bank::Int)], Some(dst))
            }
            (UnaryOp::Not, Ty::Int(int)) => {
                self.push("int_invert", vec![self.arg(arg, Bank::Int)], Some(dst));
                self.normalize(dst, *int);
            }
            (op, ty) => unreachable!("lowering rejects {op:?} on {ty}"),
        }
    }

    fn binary(&mut self, dst: Var, op: BinaryOp, lhs: Operand, rhs: Operand, ty: &Ty) {
        let (bank, int) = match ty {
            Ty::Float => (Bank::Float, None),
            Ty::Int(int) => (Bank::Int, Some(*int)),
            _ => (Bank::Int, None),
        };
        let unsigned = int.is_some_and(|i| !i.signed());
        let name = match (bank, op) {
            (Bank::Float, BinaryOp::Add) => "float_add",
            (Bank::Float, BinaryOp::Sub) => "float_sub",
            (Bank::Float, BinaryOp::Mul) => "float_mul",
            (Bank::Float, BinaryOp::Div) => "float_truediv",
            (Bank::Float, BinaryOp::Eq) => "float_eq",
            (Bank::Float, BinaryOp::Ne) => "float_ne",
            (Bank::Float, BinaryOp::Lt) => "float_lt",
            (Bank::Float, BinaryOp::Le) => "float_le",
            (Bank::Float, BinaryOp::Gt) => "float_gt",
            (Bank::Float, BinaryOp::Ge) => "float_ge",
            (_, BinaryOp::Add) => "int_add",
            (_, BinaryOp::Sub) => "int_sub",
            (_, BinaryOp::Mul) => "int_mul",
            (_, BinaryOp::And) => "int_and",
            (_, BinaryOp::Or) => "int_or",
            (_, BinaryOp::Xor) => "int_xor",
            (_, BinaryOp::Shl) => "int_lshift",
            (_, BinaryOp::Shr) if unsigned => "uint_rshift",
            (_, BinaryOp::Shr) => "int_rshift",
            (_, BinaryOp::Eq) => "int_eq",
            (_, BinaryOp::Ne) => "int_ne",
            (_, BinaryOp::Lt) if unsigned => "uint_lt",
            (_, BinaryOp::Le) if unsigned => "uint_le",
            (_, BinaryOp::Gt) if unsigned => "uint_gt",
            (_, BinaryOp::Ge) if unsigned => "uint_ge",
            (_, BinaryOp::Lt) => "int_lt",
            (_, BinaryOp::Le) => "int_le",
            (_, BinaryOp::Gt) => "int_gt",
            (_, BinaryOp::Ge) => "int_ge",
            (bank, op) => unreachable!("lowering rejects {op:?} in bank {bank:?}"),
        };
        let mut rhs_arg = self.arg(rhs, bank);
        if let (BinaryOp::Shl | BinaryOp::Shr, Some(int)) = (op, int) {
            // Rust's release builds take the shift amount modulo the width.
            let mask = int.bits() as i64 - 1;
            rhs_arg = match rhs {
                Operand::Int(amount) => Arg::Const(Bank::Int, Operand::Int(amount & mask)),
                _ if int.bits() == 64 => rhs_arg,
                _ => {
                    let amount = self.temp(Bank::Int);
                    self.push(
                        "int_and",
                        vec![rhs_arg, Arg::Const(Bank::Int, Operand::Int(mask))],
                        Some(amount),
                    );
                    Arg::Reg(amount)
                }
            };
        }
        self.push(name, vec![self.arg(lhs, bank), rhs_arg], Some(dst));
        if let (Some(int), BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Shl) =
            (int, op)
        {
            self.normalize(dst, int);
        }
    }

    /// The last operation of a block with an `Overflow` exit: checked 64-bit arithmetic.
    fn checked(&mut self, op: &Op, overflow: usize) {
        let Op::Binary {
            dst, op, lhs, rhs, ..
        } = op
        else {
            unreachable!("an overflow exit follows arithmetic")
        };
        let name = match op {
            BinaryOp::Add => "int_add_jump_if_ovf",
            BinaryOp::Sub => "int_sub_jump_if_ovf",
            BinaryOp::Mul => "int_mul_jump_if_ovf",
            other => unreachable!("checked {other:?}"),
        };
        self.push(
            name,
            vec![
                Arg::Label(overflow),
                self.arg(*lhs, Bank::Int),
                self.arg(*rhs, Bank::Int),
            ],
            Some(*dst),
        );
    }

    fn cast(&mut self, dst: Var, src: Operand, from: &Ty) {
        let to = self.graph.ty(dst).clone();
        match (from, &to) {
            (Ty::Int(_) | Ty::Bool, Ty::Int(target)) => {
                self.copy(dst, src);
                let widening = match from {
                    Ty::Bool => true,
                    Ty::Int(source) => {
                        source.bits() < target.bits() && (target.signed() || !source.signed())
                            || source.bits() == target.bits() && source.signed() == target.signed()
                    }
                    _ => false,
                };
                if !widening {
                    self.normalize(dst, *target);
                }
            }
            (Ty::Int(_), Ty::Float) => self.push(
                "cast_int_to_float",
                vec![self.arg(src, Bank::Int)],
                Some(dst),
            ),
            (Ty::Float, Ty::Int(target)) => {
                self.push(
                    "cast_float_to_int",
                    vec![self.arg(src, Bank::Float)],
                    Some(dst),
                );
                self.normalize(dst, *target);
            }
            (Ty::Float, Ty::Float) => self.copy(dst, src),
            (from, to) => unreachable!("lowering rejects the cast from {from} to {to}"),
        }
    }

    fn call(&mut self, dst: Option<Var>, callee: &str, args: &[Operand]) {
        let context = self.context;
        // Argument banks come from the operands' variables or, for constants, the callee.
        let parameter_banks = self.parameter_banks(callee, args.len());
        let mut lists: [Vec<Arg>; 3] = Default::default();
        for (operand, bank) in args.iter().zip(&parameter_banks) {
            lists[bank.index()].push(self.arg(*operand, *bank));
        }
        let result_bank = dst.and_then(|d| self.bank_of(d));
        let suffix = result_bank.map_or('v', Bank::letter);
        let (kind, descr) = match callee {
            "ferrite::float_abs" => {
                self.push("float_abs", vec![self.arg(args[0], Bank::Float)], dst);
                return;
            }
            c if c.starts_with("ferrite::") => ("residual", format!("call {c}")),
            key if context.plan.is_traced(key) && context.plan.role(key) != Some(Role::Portal) => {
                ("inline", format!("jitcode {key}"))
            }
            key => ("residual", format!("call {}", context.call_name(key))),
        };
        let [ints, refs, floats] = lists;
        let name = format!("{kind}_call_{suffix}");
        self.push(
            &name,
            vec![
                Arg::Descr(descr),
                Arg::List(ints),
                Arg::List(refs),
                Arg::List(floats),
            ],
            dst,
        );
    }

    /// The banks of a callee's parameters.
    fn parameter_banks(&self, callee: &str, count: usize) -> Vec<Bank> {
        match callee {
            HELPER_DIV_SIGNED | HELPER_DIV_UNSIGNED | HELPER_REM_SIGNED | HELPER_REM_UNSIGNED => {
                vec![Bank::Int; 2]
            }
            "ferrite::float_abs" => vec![Bank::Float],
            "ferrite::field_written" => vec![Bank::Ref, Bank::Int],
            key => {
                let function = &self.context.items.functions[key];
                let banks: Vec<Bank> = function
                    .sig
                    .inputs
                    .iter()
                    .filter_map(|input| match input {
                        syn::FnArg::Receiver(_) => function.self_ty.as_ref().and_then(Ty::bank),
                        syn::FnArg::Typed(typed) => {
                            crate::types::parse_type(&typed.ty, function.self_ty.as_ref())
                                .ok()
                                .and_then(|t| t.bank())
                        }
                    })
                    .collect();
                debug_assert_eq!(banks.len(), count);
                banks
            }
        }
    }

    /// Allocate registers, check the portal's hints, and print.
    fn finish(self, layout: &[BlockId]) -> Result<String> {
        let graph = self.graph;
        let accesses: Vec<BlockAccess> = layout
            .iter()
            .zip(&self.blocks)
            .map(|(block, instructions)| BlockAccess {
                instructions: instructions.iter().map(access).collect(),
                successors: graph.graph[*block]
                    .exit
                    .successors()
                    .iter()
                    .map(|(s, _)| self.position[&s.index()])
                    .collect(),
            })
            .collect();
        self.check_merge_point(layout, &accesses)?;
        let mut constants: [BTreeSet<String>; 3] = Default::default();
        for inst in self.blocks.iter().flatten() {
            for arg in flat_args(&inst.args) {
                if let Arg::Const(bank, operand) = arg {
                    constants[bank.index()].insert(constant_text(*bank, operand));
                }
            }
        }
        let limit = [0, 1, 2].map(|b| 256 - constants[b].len());
        let params: Vec<Var> = graph
            .params
            .iter()
            .copied()
            .filter(|p| self.bank_of(*p).is_some())
            .collect();
        let registers =
            regalloc::allocate(&accesses, &self.banks, &params, limit).map_err(|bank| {
                error(
                    graph,
                    self.context,
                    format!(
                        "`{}` needs more than {} {:?} registers",
                        graph.name,
                        limit[bank.index()],
                        bank
                    ),
                    "split the function",
                )
            })?;
        let reg = |v: Var| {
            format!(
                "%{}{}",
                self.banks[v.0 as usize]
                    .expect("a register variable")
                    .letter(),
                registers[v.0 as usize]
            )
        };
        let mut out = String::new();
        let params: Vec<String> = params.iter().map(|p| reg(*p)).collect();
        let _ = writeln!(out, "jitcode {}({})", graph.name, params.join(", "));
        for (position, instructions) in self.blocks.iter().enumerate() {
            let _ = writeln!(out, "L{position}:");
            for inst in instructions {
                let args: Vec<String> = inst.args.iter().map(|a| self.arg_text(a, &reg)).collect();
                // A copy the allocator coalesced away.
                if inst.name.ends_with("_copy") && inst.result.map(&reg).as_ref() == args.first() {
                    continue;
                }
                let _ = write!(out, "    {}", inst.name);
                if !args.is_empty() {
                    let _ = write!(out, " {}", args.join(", "));
                }
                if let Some(result) = inst.result {
                    let _ = write!(out, " -> {}", reg(result));
                }
                out.push('\n');
            }
        }
        Ok(out)
    }

    fn arg_text(&self, arg: &Arg, reg: &dyn Fn(Var) -> String) -> String {
        match arg {
            Arg::Reg(v) => reg(*v),
            Arg::Const(bank, operand) => constant_text(*bank, operand),
            Arg::Label(block) => format!("L{}", self.position[block]),
            Arg::Descr(text) => format!("<{text}>"),
            Arg::Class(name) => format!("$class:{name}"),
            Arg::Switch(cases) => {
                let cases: Vec<String> = cases
                    .iter()
                    .map(|(v, b)| format!("{v}: L{}", self.position[b]))
                    .collect();
                format!("<switch {}>", cases.join(", "))
            }
            Arg::List(items) => {
                let items: Vec<String> = items.iter().map(|a| self.arg_text(a, reg)).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }

    /// Only greens and reds may be live at the merge point (the JIT rebuilds the frame there
    /// from them alone), and `can_enter_jit!` must jump straight back to it.
    fn check_merge_point(&self, layout: &[BlockId], accesses: &[BlockAccess]) -> Result<()> {
        let graph = self.graph;
        let live_in = regalloc::live_in(accesses, self.banks.len());
        let mut merge_block = None;
        for (position, instructions) in self.blocks.iter().enumerate() {
            let before = regalloc::live_before(accesses, &live_in, position);
            for (index, inst) in instructions.iter().enumerate() {
                if inst.name != "jit_merge_point" {
                    continue;
                }
                merge_block = Some(position);
                let listed: BTreeSet<Var> = flat_args(&inst.args)
                    .iter()
                    .filter_map(|a| if let Arg::Reg(v) = a { Some(*v) } else { None })
                    .collect();
                let extra: Vec<String> = before[index]
                    .iter()
                    .filter(|v| !listed.contains(v))
                    .map(|v| graph.var_name(*v))
                    .collect();
                if !extra.is_empty() {
                    return Err(error(
                        graph,
                        self.context,
                        format!("at the jit_merge_point! of `{}`, these locals are live but are neither greens nor reds: {}", graph.name, extra.join(", ")),
                        "add them to the driver's greens (if they are constant for a position in the user's program) or reds, or compute them after the merge point",
                    ));
                }
            }
        }
        for (position, instructions) in self.blocks.iter().enumerate() {
            let Some(index) = instructions.iter().position(|i| i.name == "loop_header") else {
                continue;
            };
            let ok = instructions[index + 1..].iter().all(|i| i.name == "goto") && {
                // Follow empty blocks to the merge point's block.
                let mut target = accesses[position].successors.first().copied();
                let mut steps = 0;
                while let Some(t) = target {
                    if Some(t) == merge_block || steps > layout.len() {
                        break;
                    }
                    let first = self.blocks[t].first();
                    if first.is_some_and(|i| i.name == "jit_merge_point") {
                        break;
                    }
                    target = if self.blocks[t].iter().all(|i| i.name == "goto") {
                        accesses[t].successors.first().copied()
                    } else {
                        None
                    };
                    steps += 1;
                }
                target.is_some_and(|t| {
                    self.blocks[t]
                        .first()
                        .is_some_and(|i| i.name == "jit_merge_point")
                })
            };
            if !ok {
                return Err(error(
                    graph,
                    self.context,
                    format!("a can_enter_jit! in `{}` is not followed directly by the jump back to jit_merge_point!", graph.name),
                    "put can_enter_jit! last before `continue` (or the end of the loop body), after the greens and reds have their new values",
                ));
            }
        }
        Ok(())
    }
}

fn access(inst: &Inst) -> Access {
    let uses = flat_args(&inst.args)
        .iter()
        .filter_map(|a| if let Arg::Reg(v) = a { Some(*v) } else { None })
        .collect();
    let copy_of = if inst.name.ends_with("_copy") {
        match inst.args.first() {
            Some(Arg::Reg(v)) => Some(*v),
            _ => None,
        }
    } else {
        None
    };
    Access {
        uses,
        def: inst.result,
        copy_of,
    }
}

fn flat_args(args: &[Arg]) -> Vec<&Arg> {
    let mut flat = Vec::new();
    for arg in args {
        match arg {
            Arg::List(items) => flat.extend(flat_args(items)),
            other => flat.push(other),
        }
    }
    flat
}

fn constant_text(bank: Bank, operand: &Operand) -> String {
    match (bank, operand) {
        (_, Operand::Null) => "$null".into(),
        (Bank::Float, Operand::Int(v)) => format!("${:?}", *v as f64),
        (_, Operand::Float(v)) => format!("${v:?}"),
        (_, Operand::Int(v)) => format!("${v}"),
        (_, Operand::Var(_)) => unreachable!("a variable is not a constant"),
    }
}

fn bank_word(bank: Bank) -> &'static str {
    match bank {
        Bank::Int => "int",
        Bank::Ref => "ref",
        Bank::Float => "float",
    }
}

fn array_descr(element: &Ty) -> Arg {
    Arg::Descr(format!(
        "array {}",
        element
            .array_descr_name()
            .expect("lowering checked the element type")
    ))
}
