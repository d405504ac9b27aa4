//! Lowering: one traced function's `syn` body to a flow graph.
//!
//! Expressions become operations on variables in the current block; control flow (`if`,
//! `match`, loops, `&&`, `?`, `return`) ends blocks with exits. Types are inferred as the
//! lowering goes (see `types.rs`) and resolved at the end. Anything outside the subset is an
//! error naming the construct, with a suggestion; nothing is silently skipped.
//!
//! Three representations keep Rust's meaning without Rust's machinery:
//! - `Option<Gc<T>>` is a nullable reference: `Some(x)` is `x`, `None` is null.
//! - A `Result<T, E>` value is its `Ok` payload: `Err(e)` raises `e` (a GC object) as a
//!   jitcode exception, and a call of a function returning `Result` either lets the
//!   exception pass (`?`, or returning the call) or catches it (`match` on `Ok`/`Err`).
//! - Rust panics (failed bounds checks, `unwrap` of `None`, `panic!`) are `Exit::Panic`,
//!   which the jitcode turns into a call that panics.

use std::path::Path;

use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::error::{Result, TranslateError};
use crate::flow::{BinaryOp, Block, BlockId, Exit, FlowGraph, Op, Operand, UnaryOp, Var, VarInfo};
use crate::source::{constant_value, parse_name_list, ConstValue, Function, Items};
use crate::types::{parse_type, Inference, IntTy, Ty};

/// Runtime helpers traced code calls (provided by the `ferrite` crate).
pub const HELPER_DIV_SIGNED: &str = "ferrite::int_div";
pub const HELPER_REM_SIGNED: &str = "ferrite::int_rem";
pub const HELPER_DIV_UNSIGNED: &str = "ferrite::uint_div";
pub const HELPER_REM_UNSIGNED: &str = "ferrite::uint_rem";

/// Lower `function` (whose body must be in the subset) to a flow graph.
pub fn lower(items: &Items, function: &Function) -> Result<FlowGraph> {
    let lowerer = Lowerer {
        items,
        function,
        file: &function.file,
        blocks: vec![Block {
            ops: Vec::new(),
            exit: Exit::Open,
        }],
        current: Some(0),
        vars: Vec::new(),
        scopes: vec![Vec::new()],
        loops: Vec::new(),
        inference: Inference::default(),
        result: Ty::Unit,
    };
    lowerer.function()
}

#[derive(Clone, Debug)]
struct Value {
    operand: Operand,
    ty: Ty,
}

impl Value {
    fn unit() -> Value {
        Value {
            operand: Operand::Int(0),
            ty: Ty::Unit,
        }
    }

    fn never() -> Value {
        Value {
            operand: Operand::Int(0),
            ty: Ty::Never,
        }
    }
}

struct LoopTarget {
    label: Option<String>,
    continue_to: usize,
    break_to: usize,
    /// Where `break value` puts its value (a `loop` used as an expression).
    value: Option<Var>,
}

struct Lowerer<'a> {
    items: &'a Items,
    function: &'a Function,
    file: &'a Path,
    blocks: Vec<Block>,
    /// The block being filled; `None` after control left (return, break, panic).
    current: Option<usize>,
    vars: Vec<VarInfo>,
    scopes: Vec<Vec<(String, Var)>>,
    loops: Vec<LoopTarget>,
    inference: Inference,
    /// What the function returns.
    result: Ty,
}

/// Unsuffixed literals are `Value`s of an integer inference variable.
enum Pattern<'p> {
    /// Matches anything, binding it to a name if any.
    Any(Option<(&'p syn::PatIdent, Span)>),
    /// Integer values (literals, constants, or-patterns of them).
    Ints(Vec<i64>),
    /// An inclusive range of integers.
    Range(Option<i64>, Option<i64>),
}

impl<'a> Lowerer<'a> {
    fn error(&self, span: Span, message: impl Into<String>) -> TranslateError {
        TranslateError::at(self.file, span, message)
    }

    fn unsupported(&self, span: Span, what: &str) -> TranslateError {
        self.error(span, format!("{what} is outside the traceable subset"))
            .suggest(format!(
                "move it into a function marked #[dont_look_inside], which the JIT calls \
                 without tracing (see docs/traceable-rust.md); `{}` is traced",
                self.function.key
            ))
    }

    // --- Blocks, variables and scopes ---

    fn new_block(&mut self) -> usize {
        self.blocks.push(Block {
            ops: Vec::new(),
            exit: Exit::Open,
        });
        self.blocks.len() - 1
    }

    fn block_id(index: usize) -> BlockId {
        BlockId::new(index)
    }

    /// Continue filling `block`.
    fn enter(&mut self, block: usize) {
        self.current = Some(block);
    }

    /// The block being filled; after control left, a fresh unreachable one (so code after
    /// a `return` is still checked, and then dropped with its block).
    fn here(&mut self) -> usize {
        match self.current {
            Some(block) => block,
            None => {
                let block = self.new_block();
                self.current = Some(block);
                block
            }
        }
    }

    fn emit(&mut self, op: Op) {
        let block = self.here();
        self.blocks[block].ops.push(op);
    }

    /// End the current block with `exit`.
    fn close(&mut self, exit: Exit) {
        let block = self.here();
        self.blocks[block].exit = exit;
        self.current = None;
    }

    fn goto(&mut self, target: usize) {
        if self.current.is_some() {
            self.close(Exit::Goto(Self::block_id(target)));
        }
    }

    fn new_var(&mut self, ty: Ty, name: Option<String>) -> Var {
        self.vars.push(VarInfo { ty, name });
        Var(self.vars.len() as u32 - 1)
    }

    fn temp(&mut self, ty: Ty) -> Var {
        self.new_var(ty, None)
    }

    fn var_ty(&self, var: Var) -> Ty {
        self.inference.resolve(&self.vars[var.0 as usize].ty)
    }

    fn bind(&mut self, name: String, var: Var) {
        self.scopes.last_mut().expect("a scope").push((name, var));
    }

    fn lookup(&self, name: &str) -> Option<Var> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
    }

    fn unify(&mut self, a: &Ty, b: &Ty, span: Span) -> Result<()> {
        self.inference
            .unify(a, b)
            .map_err(|message| self.error(span, format!("type mismatch: {message}")))
    }

    fn parse_ty(&self, ty: &syn::Type) -> Result<Ty> {
        parse_type(ty, self.function.self_ty.as_ref()).map_err(|unsupported| {
            self.error(
                ty.span(),
                format!("{} is outside the traceable subset", unsupported.0),
            )
            .suggest(
                "traced code uses integers, bool, f64, Gc<T>, Gc<Array<E>>, Option<Gc<T>> \
                     and Result<T, Gc<E>>",
            )
        })
    }

    /// A variable holding `value` (itself if it is one).
    fn var_holding(&mut self, value: &Value) -> Var {
        if let Operand::Var(v) = value.operand {
            return v;
        }
        let var = self.temp(value.ty.clone());
        self.emit(Op::Copy {
            dst: var,
            src: value.operand,
        });
        var
    }

    fn bool_value(var: Var) -> Value {
        Value {
            operand: Operand::Var(var),
            ty: Ty::Bool,
        }
    }

    // --- The function ---

    fn function(mut self) -> Result<FlowGraph> {
        let function = self.function;
        let mut params = Vec::new();
        for input in &function.sig.inputs {
            match input {
                syn::FnArg::Receiver(receiver) => {
                    let ty = function
                        .self_ty
                        .clone()
                        .ok_or_else(|| self.error(receiver.span(), "`self` outside an impl"))?;
                    let var = self.new_var(ty, Some("self".into()));
                    self.bind("self".into(), var);
                    params.push(var);
                }
                syn::FnArg::Typed(typed) => {
                    let ty = self.parse_ty(&typed.ty)?;
                    let syn::Pat::Ident(ident) = &*typed.pat else {
                        return Err(self.unsupported(typed.pat.span(), "this parameter pattern"));
                    };
                    let name = ident.ident.to_string();
                    let var = self.new_var(ty, Some(name.clone()));
                    self.bind(name, var);
                    params.push(var);
                }
            }
        }
        if !function.sig.generics.params.is_empty() {
            return Err(self.unsupported(function.sig.generics.span(), "a generic function"));
        }
        if function.sig.asyncness.is_some() {
            return Err(self.unsupported(function.sig.span(), "an async function"));
        }
        self.result = match &function.sig.output {
            syn::ReturnType::Default => Ty::Unit,
            syn::ReturnType::Type(_, ty) => self.parse_ty(ty)?,
        };
        let body = self.block(&function.body)?;
        if self.current.is_some() {
            self.return_value(body, function.body.span())?;
        }
        self.finish(params)
    }

    /// Resolve every type, and build the graph.
    fn finish(mut self, params: Vec<Var>) -> Result<FlowGraph> {
        let inference = std::mem::take(&mut self.inference);
        let resolve = |ty: &mut Ty| *ty = inference.finish(ty);
        for var in &mut self.vars {
            resolve(&mut var.ty);
        }
        for block in &mut self.blocks {
            if matches!(block.exit, Exit::Open) {
                // Only unreachable blocks (after a diverging expression) stay open.
                block.exit = Exit::Panic("entered unreachable code".into());
            }
            for op in &mut block.ops {
                match op {
                    Op::Unary { ty, .. } | Op::Binary { ty, .. } => resolve(ty),
                    Op::Cast { from, .. } => resolve(from),
                    Op::ArrayLen { element, .. }
                    | Op::GetItem { element, .. }
                    | Op::SetItem { element, .. }
                    | Op::NewArray { element, .. } => resolve(element),
                    _ => {}
                }
            }
        }
        Ok(FlowGraph::from_blocks(
            self.function.key.clone(),
            params,
            self.vars,
            self.blocks,
            inference.finish(&self.result),
        ))
    }

    /// Return `value` from the function (the `Ok` payload if it returns a `Result`).
    fn return_value(&mut self, value: Value, span: Span) -> Result<()> {
        if value.ty == Ty::Never || self.current.is_none() {
            return Ok(());
        }
        let result = self.result.clone();
        let expected = match &result {
            Ty::Result(ok, _) => {
                if let Ty::Result(..) = self.inference.resolve(&value.ty) {
                    self.unify(&value.ty, &result, span)?;
                } else {
                    return Err(self.error(span, "a function returning Result must return `Ok(..)`, `Err(..)` or a call returning Result"));
                }
                (**ok).clone()
            }
            other => {
                self.unify(&value.ty, other, span)?;
                other.clone()
            }
        };
        let operand = (expected != Ty::Unit).then_some(value.operand);
        self.close(Exit::Return(operand));
        Ok(())
    }

    // --- Statements and blocks ---

    fn block(&mut self, block: &syn::Block) -> Result<Value> {
        self.scopes.push(Vec::new());
        let mut value = Value::unit();
        for (index, statement) in block.stmts.iter().enumerate() {
            let last = index + 1 == block.stmts.len();
            value = self.statement(statement, last)?;
        }
        self.scopes.pop();
        Ok(value)
    }

    /// A statement; its value if it is a block's final expression.
    fn statement(&mut self, statement: &syn::Stmt, last: bool) -> Result<Value> {
        match statement {
            syn::Stmt::Local(local) => {
                self.local(local)?;
                Ok(Value::unit())
            }
            syn::Stmt::Expr(expr, semicolon) => {
                let value = self.expr_any(expr)?;
                if semicolon.is_none() && last {
                    return Ok(value);
                }
                if let Ty::Result(..) = self.inference.resolve(&value.ty) {
                    return Err(self.result_misuse(expr.span()));
                }
                Ok(if value.ty == Ty::Never {
                    Value::never()
                } else {
                    Value::unit()
                })
            }
            syn::Stmt::Macro(invocation) => {
                let value = self.macro_call(&invocation.mac)?;
                Ok(if value.ty == Ty::Never {
                    Value::never()
                } else {
                    Value::unit()
                })
            }
            syn::Stmt::Item(item) => {
                Err(self.unsupported(item.span(), "an item inside a function"))
            }
        }
    }

    fn local(&mut self, local: &syn::Local) -> Result<()> {
        let (pattern, annotation) = match &local.pat {
            syn::Pat::Type(typed) => (&*typed.pat, Some(self.parse_ty(&typed.ty)?)),
            other => (other, None),
        };
        if let Some(init) = &local.init {
            if let Some((_, diverge)) = &init.diverge {
                return Err(self.unsupported(diverge.span(), "`let ... else`"));
            }
        }
        let value = match &local.init {
            Some(init) => Some(self.expr(&init.expr)?),
            None => None,
        };
        match pattern {
            syn::Pat::Wild(_) => Ok(()),
            syn::Pat::Ident(ident) if ident.subpat.is_none() && ident.by_ref.is_none() => {
                let ty = match (&annotation, &value) {
                    (Some(ty), _) => ty.clone(),
                    (None, Some(value)) => value.ty.clone(),
                    (None, None) => self.inference.unknown(),
                };
                let var = self.new_var(ty.clone(), Some(ident.ident.to_string()));
                if let Some(value) = value {
                    if value.ty != Ty::Never {
                        self.unify(&ty, &value.ty, local.span())?;
                        self.emit(Op::Copy {
                            dst: var,
                            src: value.operand,
                        });
                    }
                }
                self.bind(ident.ident.to_string(), var);
                Ok(())
            }
            other => Err(self.unsupported(other.span(), "this `let` pattern")),
        }
    }

    fn result_misuse(&self, span: Span) -> TranslateError {
        self.error(
            span,
            "a Result in traced code must be used with `?`, matched right away (`match f() { Ok(v) => .., Err(e) => .. }`), or returned",
        )
        .suggest("its `Err` is a jitcode exception, which lives only in those three places")
    }

    // --- Expressions ---

    /// An expression whose value is not a `Result`.
    fn expr(&mut self, expr: &syn::Expr) -> Result<Value> {
        let value = self.expr_any(expr)?;
        if let Ty::Result(..) = self.inference.resolve(&value.ty) {
            return Err(self.result_misuse(expr.span()));
        }
        Ok(value)
    }

    /// An expression; a `Result` value is allowed (for `?`, `return` and tails).
    fn expr_any(&mut self, expr: &syn::Expr) -> Result<Value> {
        match expr {
            syn::Expr::Lit(literal) => self.literal(&literal.lit),
            syn::Expr::Path(path) => self.path(path),
            syn::Expr::Paren(inner) => self.expr_any(&inner.expr),
            syn::Expr::Group(inner) => self.expr_any(&inner.expr),
            syn::Expr::Block(block) if block.label.is_none() => self.block(&block.block),
            syn::Expr::Unary(unary) => self.unary(unary),
            syn::Expr::Binary(binary) => self.binary(binary),
            syn::Expr::Assign(assign) => {
                let var = self.assignee(&assign.left)?;
                let value = self.expr(&assign.right)?;
                if value.ty != Ty::Never {
                    let ty = self.var_ty(var);
                    self.unify(&ty, &value.ty, assign.span())?;
                    self.emit(Op::Copy {
                        dst: var,
                        src: value.operand,
                    });
                }
                Ok(Value::unit())
            }
            syn::Expr::Cast(cast) => self.cast(cast),
            syn::Expr::If(conditional) => self.if_expr(conditional),
            syn::Expr::Match(matching) => self.match_expr(matching),
            syn::Expr::Loop(looping) => self.loop_expr(looping),
            syn::Expr::While(looping) => self.while_expr(looping),
            syn::Expr::ForLoop(looping) => self.for_expr(looping),
            syn::Expr::Break(breaking) => self.break_expr(breaking),
            syn::Expr::Continue(continuing) => {
                let label = continuing.label.as_ref().map(|l| l.ident.to_string());
                let target = self.loop_target(label.as_deref(), continuing.span())?;
                let to = self.loops[target].continue_to;
                self.goto(to);
                Ok(Value::never())
            }
            syn::Expr::Return(returning) => {
                let value = match &returning.expr {
                    Some(value) => self.expr_any(value)?,
                    None => Value::unit(),
                };
                self.return_value(value, returning.span())?;
                self.current = None;
                Ok(Value::never())
            }
            syn::Expr::Call(call) => self.call(call),
            syn::Expr::MethodCall(call) => self.method_call(call),
            syn::Expr::Macro(invocation) => self.macro_call(&invocation.mac),
            syn::Expr::Try(attempt) => {
                let value = self.expr_any(&attempt.expr)?;
                match self.inference.resolve(&value.ty) {
                    Ty::Result(ok, err) => {
                        let Ty::Result(_, own_err) = self.result.clone() else {
                            return Err(self.error(
                                attempt.span(),
                                "`?` in a function that does not return Result",
                            ));
                        };
                        self.unify(&err, &own_err, attempt.span())?;
                        Ok(Value {
                            operand: value.operand,
                            ty: *ok,
                        })
                    }
                    Ty::Never => Ok(value),
                    _ => {
                        Err(self
                            .unsupported(attempt.span(), "`?` on something other than a Result"))
                    }
                }
            }
            syn::Expr::Tuple(tuple) if tuple.elems.is_empty() => Ok(Value::unit()),
            other => Err(self.unsupported(other.span(), expression_kind(other))),
        }
    }

    fn literal(&mut self, literal: &syn::Lit) -> Result<Value> {
        match literal {
            syn::Lit::Int(int) => {
                let value = int
                    .base10_parse::<u64>()
                    .map_err(|e| self.error(int.span(), e.to_string()))?;
                let ty = match int.suffix() {
                    "" => self.inference.integer(),
                    suffix => Ty::Int(IntTy::from_name(suffix).ok_or_else(|| {
                        self.error(int.span(), format!("the literal suffix `{suffix}`"))
                    })?),
                };
                Ok(Value {
                    operand: Operand::Int(value as i64),
                    ty,
                })
            }
            syn::Lit::Byte(byte) => Ok(Value {
                operand: Operand::Int(byte.value() as i64),
                ty: Ty::Int(IntTy::U8),
            }),
            syn::Lit::Bool(b) => Ok(Value {
                operand: Operand::Int(b.value as i64),
                ty: Ty::Bool,
            }),
            syn::Lit::Float(float) => {
                if !matches!(float.suffix(), "" | "f64") {
                    return Err(self.unsupported(float.span(), "an f32 literal"));
                }
                let value = float
                    .base10_parse::<f64>()
                    .map_err(|e| self.error(float.span(), e.to_string()))?;
                Ok(Value {
                    operand: Operand::Float(value),
                    ty: Ty::Float,
                })
            }
            other => Err(self.unsupported(
                other.span(),
                "this literal (strings and chars are not values in jitcode)",
            )),
        }
    }

    fn path(&mut self, path: &syn::ExprPath) -> Result<Value> {
        let segments: Vec<String> = path
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        if segments.len() == 1 {
            let name = &segments[0];
            if let Some(var) = self.lookup(name) {
                return Ok(Value {
                    operand: Operand::Var(var),
                    ty: self.vars[var.0 as usize].ty.clone(),
                });
            }
            if name == "None" {
                let inner = self.inference.unknown();
                return Ok(Value {
                    operand: Operand::Null,
                    ty: Ty::Nullable(Box::new(inner)),
                });
            }
        }
        let last = segments.last().expect("a path has a segment");
        if segments.len() == 2 {
            if let Some(int) = IntTy::from_name(&segments[0]) {
                let value = match last.as_str() {
                    "MAX" => Some(int.max()),
                    "MIN" => Some(int.min()),
                    "BITS" => Some(int.bits() as i64),
                    _ => None,
                };
                if let Some(value) = value {
                    let ty = if last == "BITS" {
                        Ty::Int(IntTy::U32)
                    } else {
                        Ty::Int(int)
                    };
                    return Ok(Value {
                        operand: Operand::Int(value),
                        ty,
                    });
                }
            }
        }
        if let Some(constant) = self.items.constants.get(last) {
            return Ok(Value {
                operand: match constant.value {
                    ConstValue::Int(v) => match constant.ty {
                        Ty::Int(int) => Operand::Int(int.normalize(v)),
                        _ => Operand::Int(v),
                    },
                    ConstValue::Float(v) => Operand::Float(v),
                },
                ty: constant.ty.clone(),
            });
        }
        Err(self.error(
            path.span(),
            format!("`{}` is not a local, a constant of the translated modules, or a value the subset knows", segments.join("::")),
        ))
    }

    /// The local an assignment writes.
    fn assignee(&mut self, expr: &syn::Expr) -> Result<Var> {
        if let syn::Expr::Path(path) = expr {
            if let Some(ident) = path.path.get_ident() {
                if let Some(var) = self.lookup(&ident.to_string()) {
                    return Ok(var);
                }
            }
        }
        Err(self.unsupported(expr.span(), "assigning to something other than a local").suggest(
            "assign locals; write fields with their setters (`object.set_field(value)`) and array elements with `array.set(i, value)`",
        ))
    }

    fn unary(&mut self, unary: &syn::ExprUnary) -> Result<Value> {
        match unary.op {
            syn::UnOp::Deref(_) => self.expr(&unary.expr),
            syn::UnOp::Neg(_) => {
                let value = self.expr(&unary.expr)?;
                match value.operand {
                    Operand::Int(v) => Ok(Value {
                        operand: Operand::Int(v.wrapping_neg()),
                        ty: value.ty,
                    }),
                    Operand::Float(v) => Ok(Value {
                        operand: Operand::Float(-v),
                        ty: value.ty,
                    }),
                    _ => self.unary_op(UnaryOp::Neg, value),
                }
            }
            syn::UnOp::Not(_) => {
                let value = self.expr(&unary.expr)?;
                self.unary_op(UnaryOp::Not, value)
            }
            _ => Err(self.unsupported(unary.span(), "this unary operator")),
        }
    }

    fn unary_op(&mut self, op: UnaryOp, value: Value) -> Result<Value> {
        let dst = self.temp(value.ty.clone());
        self.emit(Op::Unary {
            dst,
            op,
            arg: value.operand,
            ty: value.ty.clone(),
        });
        Ok(Value {
            operand: Operand::Var(dst),
            ty: value.ty,
        })
    }

    fn binary(&mut self, binary: &syn::ExprBinary) -> Result<Value> {
        use syn::BinOp as B;
        let span = binary.span();
        let (op, assign) = match binary.op {
            B::And(_) | B::Or(_) => return self.short_circuit(binary),
            B::Add(_) => (BinaryOp::Add, false),
            B::Sub(_) => (BinaryOp::Sub, false),
            B::Mul(_) => (BinaryOp::Mul, false),
            B::Div(_) => (BinaryOp::Div, false),
            B::Rem(_) => (BinaryOp::Rem, false),
            B::BitAnd(_) => (BinaryOp::And, false),
            B::BitOr(_) => (BinaryOp::Or, false),
            B::BitXor(_) => (BinaryOp::Xor, false),
            B::Shl(_) => (BinaryOp::Shl, false),
            B::Shr(_) => (BinaryOp::Shr, false),
            B::Eq(_) => (BinaryOp::Eq, false),
            B::Ne(_) => (BinaryOp::Ne, false),
            B::Lt(_) => (BinaryOp::Lt, false),
            B::Le(_) => (BinaryOp::Le, false),
            B::Gt(_) => (BinaryOp::Gt, false),
            B::Ge(_) => (BinaryOp::Ge, false),
            B::AddAssign(_) => (BinaryOp::Add, true),
            B::SubAssign(_) => (BinaryOp::Sub, true),
            B::MulAssign(_) => (BinaryOp::Mul, true),
            B::DivAssign(_) => (BinaryOp::Div, true),
            B::RemAssign(_) => (BinaryOp::Rem, true),
            B::BitAndAssign(_) => (BinaryOp::And, true),
            B::BitOrAssign(_) => (BinaryOp::Or, true),
            B::BitXorAssign(_) => (BinaryOp::Xor, true),
            B::ShlAssign(_) => (BinaryOp::Shl, true),
            B::ShrAssign(_) => (BinaryOp::Shr, true),
            _ => return Err(self.unsupported(span, "this binary operator")),
        };
        if assign {
            let var = self.assignee(&binary.left)?;
            let lhs = Value {
                operand: Operand::Var(var),
                ty: self.vars[var.0 as usize].ty.clone(),
            };
            let rhs = self.expr(&binary.right)?;
            self.arithmetic(op, lhs, rhs, Some(var), span)?;
            return Ok(Value::unit());
        }
        let lhs = self.expr(&binary.left)?;
        let rhs = self.expr(&binary.right)?;
        self.arithmetic(op, lhs, rhs, None, span)
    }

    /// `lhs op rhs` into `into` (or a new temporary).
    fn arithmetic(
        &mut self,
        op: BinaryOp,
        lhs: Value,
        rhs: Value,
        into: Option<Var>,
        span: Span,
    ) -> Result<Value> {
        if lhs.ty == Ty::Never || rhs.ty == Ty::Never {
            return Ok(Value::never());
        }
        let shift = matches!(op, BinaryOp::Shl | BinaryOp::Shr);
        if !shift {
            self.unify(&lhs.ty, &rhs.ty, span)?;
        }
        let operand_ty = self.inference.resolve(&lhs.ty);
        match &operand_ty {
            Ty::Int(_) | Ty::Var(_) => {}
            Ty::Bool
                if matches!(op, BinaryOp::And | BinaryOp::Or | BinaryOp::Xor)
                    || op.is_comparison() => {}
            Ty::Float
                if !matches!(
                    op,
                    BinaryOp::Rem
                        | BinaryOp::And
                        | BinaryOp::Or
                        | BinaryOp::Xor
                        | BinaryOp::Shl
                        | BinaryOp::Shr
                ) => {}
            Ty::Gc(_) | Ty::Array(_) | Ty::Nullable(_) | Ty::GcRef
                if matches!(op, BinaryOp::Eq | BinaryOp::Ne) =>
            {
                return Err(self
                    .unsupported(span, "comparing references with `==`")
                    .suggest("use `Gc::ptr_eq(a, b)` for identity, or compare fields"));
            }
            other => {
                return Err(self.error(
                    span,
                    format!(
                        "the operator `{}` on `{other}` is outside the traceable subset",
                        op.symbol()
                    ),
                ))
            }
        }
        let result_ty = if op.is_comparison() {
            Ty::Bool
        } else {
            lhs.ty.clone()
        };
        if matches!(op, BinaryOp::Div | BinaryOp::Rem) && operand_ty != Ty::Float {
            return self.division(op, lhs, rhs, into, span);
        }
        let dst = match into {
            Some(var) => var,
            None => self.temp(result_ty.clone()),
        };
        self.emit(Op::Binary {
            dst,
            op,
            lhs: lhs.operand,
            rhs: rhs.operand,
            ty: lhs.ty,
        });
        Ok(Value {
            operand: Operand::Var(dst),
            ty: result_ty,
        })
    }

    /// Integer division and remainder: a zero divisor panics (as in Rust), otherwise a call
    /// of the runtime's division (jitcode has no division instruction yet).
    fn division(
        &mut self,
        op: BinaryOp,
        lhs: Value,
        rhs: Value,
        into: Option<Var>,
        span: Span,
    ) -> Result<Value> {
        let nonzero = self.temp(Ty::Bool);
        self.emit(Op::Binary {
            dst: nonzero,
            op: BinaryOp::Ne,
            lhs: rhs.operand,
            rhs: Operand::Int(0),
            ty: rhs.ty.clone(),
        });
        let message = if op == BinaryOp::Div {
            "attempt to divide by zero"
        } else {
            "attempt to calculate the remainder with a divisor of zero"
        };
        self.check(Operand::Var(nonzero), message);
        // Unsigned 64-bit values need the unsigned division; narrower ones are zero-extended
        // in their registers, where signed and unsigned division agree.
        let unsigned = matches!(
            self.inference.resolve(&lhs.ty),
            Ty::Int(IntTy::U64) | Ty::Int(IntTy::Usize)
        );
        let callee = match (op, unsigned) {
            (BinaryOp::Div, false) => HELPER_DIV_SIGNED,
            (BinaryOp::Div, true) => HELPER_DIV_UNSIGNED,
            (_, false) => HELPER_REM_SIGNED,
            (_, true) => HELPER_REM_UNSIGNED,
        };
        let raw = self.temp(Ty::Int(IntTy::I64));
        self.emit(Op::Call {
            dst: Some(raw),
            callee: callee.into(),
            args: vec![lhs.operand, rhs.operand],
        });
        // Back to the operand type (a narrow signed MIN / -1 wraps, where Rust panics).
        let dst = match into {
            Some(var) => var,
            None => self.temp(lhs.ty.clone()),
        };
        let _ = span;
        self.emit(Op::Cast {
            dst,
            src: Operand::Var(raw),
            from: Ty::Int(IntTy::I64),
        });
        Ok(Value {
            operand: Operand::Var(dst),
            ty: lhs.ty,
        })
    }

    /// Continue only if `condition` holds; otherwise panic with `message`.
    fn check(&mut self, condition: Operand, message: &str) {
        let ok = self.new_block();
        let fail = self.new_block();
        self.close(Exit::Branch {
            cond: condition,
            then: Self::block_id(ok),
            otherwise: Self::block_id(fail),
        });
        self.enter(fail);
        self.close(Exit::Panic(message.into()));
        self.enter(ok);
    }

    /// `a && b`, `a || b`: `b` only runs if it decides.
    fn short_circuit(&mut self, binary: &syn::ExprBinary) -> Result<Value> {
        let is_and = matches!(binary.op, syn::BinOp::And(_));
        let result = self.temp(Ty::Bool);
        let lhs = self.expr(&binary.left)?;
        self.unify(&lhs.ty, &Ty::Bool, binary.left.span())?;
        self.emit(Op::Copy {
            dst: result,
            src: lhs.operand,
        });
        let right = self.new_block();
        let done = self.new_block();
        let (then, otherwise) = if is_and { (right, done) } else { (done, right) };
        self.close(Exit::Branch {
            cond: Operand::Var(result),
            then: Self::block_id(then),
            otherwise: Self::block_id(otherwise),
        });
        self.enter(right);
        let rhs = self.expr(&binary.right)?;
        self.unify(&rhs.ty, &Ty::Bool, binary.right.span())?;
        if rhs.ty != Ty::Never {
            self.emit(Op::Copy {
                dst: result,
                src: rhs.operand,
            });
        }
        self.goto(done);
        self.enter(done);
        Ok(Self::bool_value(result))
    }

    fn cast(&mut self, cast: &syn::ExprCast) -> Result<Value> {
        let value = self.expr(&cast.expr)?;
        let target = self.parse_ty(&cast.ty)?;
        let from = self.inference.resolve(&value.ty);
        let allowed = matches!(
            (&from, &target),
            (Ty::Int(_) | Ty::Var(_) | Ty::Bool, Ty::Int(_))
                | (Ty::Int(_) | Ty::Var(_), Ty::Float)
                | (Ty::Float, Ty::Int(_))
                | (Ty::Float, Ty::Float)
        );
        if !allowed {
            return Err(self.unsupported(
                cast.span(),
                &format!("the cast from `{from}` to `{target}`"),
            ));
        }
        if let (Operand::Int(v), Ty::Int(int)) = (value.operand, &target) {
            // An unsuffixed literal cast is the literal at the target type.
            if matches!(from, Ty::Var(_)) {
                self.unify(&value.ty, &Ty::Int(IntTy::I64), cast.span())?;
            }
            return Ok(Value {
                operand: Operand::Int(int.normalize(v)),
                ty: target,
            });
        }
        if let Ty::Var(_) = from {
            // `x as T` with `x` of unknown integer type: Rust would default it to i32.
            self.unify(&value.ty, &Ty::Int(IntTy::I32), cast.span())?;
        }
        let dst = self.temp(target.clone());
        self.emit(Op::Cast {
            dst,
            src: value.operand,
            from: value.ty,
        });
        Ok(Value {
            operand: Operand::Var(dst),
            ty: target,
        })
    }

    // --- Conditionals ---

    fn if_expr(&mut self, conditional: &syn::ExprIf) -> Result<Value> {
        let then_block = self.new_block();
        let else_block = self.new_block();
        let done = self.new_block();
        self.scopes.push(Vec::new());
        match &*conditional.cond {
            syn::Expr::Let(binding) => {
                self.pattern_branch(&binding.pat, &binding.expr, then_block, else_block)?
            }
            cond => {
                let value = self.expr(cond)?;
                self.unify(&value.ty, &Ty::Bool, cond.span())?;
                self.close(Exit::Branch {
                    cond: value.operand,
                    then: Self::block_id(then_block),
                    otherwise: Self::block_id(else_block),
                });
            }
        }
        let has_value = conditional.else_branch.is_some();
        let result_ty = self.inference.unknown();
        let result = self.temp(result_ty.clone());
        self.enter(then_block);
        let value = self.block(&conditional.then_branch)?;
        self.scopes.pop();
        self.arm_value(value, result, has_value, conditional.then_branch.span())?;
        self.goto(done);
        self.enter(else_block);
        if let Some((_, otherwise)) = &conditional.else_branch {
            let value = self.expr_any(otherwise)?;
            self.arm_value(value, result, true, otherwise.span())?;
        }
        self.goto(done);
        self.enter(done);
        self.result_of(result)
    }

    /// Put an arm's value in the conditional's result variable.
    fn arm_value(&mut self, value: Value, result: Var, has_value: bool, span: Span) -> Result<()> {
        if value.ty == Ty::Never || self.current.is_none() {
            return Ok(());
        }
        let result_ty = self.vars[result.0 as usize].ty.clone();
        if !has_value {
            return self.unify(&value.ty, &Ty::Unit, span);
        }
        if let Ty::Result(..) = self.inference.resolve(&value.ty) {
            return Err(self.result_misuse(span));
        }
        self.unify(&result_ty, &value.ty, span)?;
        if self.inference.resolve(&value.ty) != Ty::Unit {
            self.emit(Op::Copy {
                dst: result,
                src: value.operand,
            });
        }
        Ok(())
    }

    /// The value of a conditional whose arms wrote `result`.
    fn result_of(&mut self, result: Var) -> Result<Value> {
        let ty = self.vars[result.0 as usize].ty.clone();
        if self.current.is_none() {
            return Ok(Value::never());
        }
        Ok(Value {
            operand: Operand::Var(result),
            ty,
        })
    }

    /// Branch on whether `scrutinee` matches `pattern` (`Some(x)`, `None`, `Ok(x)`,
    /// `Err(e)`, a literal...), binding its names in the current scope for `then`.
    fn pattern_branch(
        &mut self,
        pattern: &syn::Pat,
        scrutinee: &syn::Expr,
        then: usize,
        otherwise: usize,
    ) -> Result<()> {
        if let Some(call) = fallible_call(scrutinee, self) {
            return self.match_result_call(
                call,
                &[(pattern, then)],
                Some(otherwise),
                scrutinee.span(),
            );
        }
        if let Some((op, lhs, rhs)) = checked_arithmetic(scrutinee) {
            return self.checked_branch(op, lhs, rhs, pattern, then, otherwise, scrutinee.span());
        }
        let value = self.expr(scrutinee)?;
        self.test_pattern(&value, pattern, then, otherwise)
    }

    /// Branch on one pattern over an ordinary value, binding for `then`.
    fn test_pattern(
        &mut self,
        value: &Value,
        pattern: &syn::Pat,
        then: usize,
        otherwise: usize,
    ) -> Result<()> {
        let ty = self.inference.resolve(&value.ty);
        if let Ty::Nullable(inner) = &ty {
            let (some, binding) = self.option_pattern(pattern)?;
            match some {
                None => self.goto(then),
                Some(want_some) => {
                    let is_null = self.temp(Ty::Bool);
                    self.emit(Op::IsNull {
                        dst: is_null,
                        value: value.operand,
                        is_null: true,
                    });
                    let (on_null, on_some) = if want_some {
                        (otherwise, then)
                    } else {
                        (then, otherwise)
                    };
                    self.close(Exit::Branch {
                        cond: Operand::Var(is_null),
                        then: Self::block_id(on_null),
                        otherwise: Self::block_id(on_some),
                    });
                }
            }
            if let Some(name) = binding {
                // Bound in `then`: the payload is the same reference, now known non-null.
                let bound_ty = if self.option_pattern_is_some(pattern) {
                    (**inner).clone()
                } else {
                    ty.clone()
                };
                self.bind_in(then, name, value.operand, bound_ty);
            }
            return Ok(());
        }
        let pattern = self.int_pattern(pattern)?;
        let cond = match pattern {
            Pattern::Any(binding) => {
                if let Some((ident, _)) = binding {
                    self.bind_in(
                        then,
                        ident.ident.to_string(),
                        value.operand,
                        value.ty.clone(),
                    );
                }
                self.goto(then);
                return Ok(());
            }
            Pattern::Ints(values) => self.any_equal(value, &values),
            Pattern::Range(low, high) => self.in_range(value, low, high),
        };
        self.close(Exit::Branch {
            cond,
            then: Self::block_id(then),
            otherwise: Self::block_id(otherwise),
        });
        Ok(())
    }

    /// Bind `name` to a copy of `operand` at the start of `block` (visible in the current
    /// scope, which the caller lowers `block` in).
    fn bind_in(&mut self, block: usize, name: String, operand: Operand, ty: Ty) {
        let var = self.new_var(ty, Some(name.clone()));
        self.blocks[block].ops.push(Op::Copy {
            dst: var,
            src: operand,
        });
        self.bind(name, var);
    }

    /// `Some(x)` / `Some(_)` / `None` / `_` / `x`: whether it wants `Some` (None: either)
    /// and the name it binds.
    fn option_pattern(&self, pattern: &syn::Pat) -> Result<(Option<bool>, Option<String>)> {
        match pattern {
            syn::Pat::TupleStruct(tuple)
                if tuple.path.is_ident("Some") && tuple.elems.len() == 1 =>
            {
                match &tuple.elems[0] {
                    syn::Pat::Ident(ident) if ident.subpat.is_none() => {
                        Ok((Some(true), Some(ident.ident.to_string())))
                    }
                    syn::Pat::Wild(_) => Ok((Some(true), None)),
                    other => Err(self.unsupported(other.span(), "this pattern inside `Some`")),
                }
            }
            syn::Pat::Ident(ident) if ident.ident == "None" => Ok((Some(false), None)),
            syn::Pat::Path(path) if path.path.is_ident("None") => Ok((Some(false), None)),
            syn::Pat::Wild(_) => Ok((None, None)),
            syn::Pat::Ident(ident) if ident.subpat.is_none() => {
                Ok((None, Some(ident.ident.to_string())))
            }
            other => Err(self.unsupported(other.span(), "this pattern on an Option")),
        }
    }

    fn option_pattern_is_some(&self, pattern: &syn::Pat) -> bool {
        matches!(pattern, syn::Pat::TupleStruct(tuple) if tuple.path.is_ident("Some"))
    }

    /// An integer (or bool) pattern.
    fn int_pattern<'p>(&self, pattern: &'p syn::Pat) -> Result<Pattern<'p>> {
        match pattern {
            syn::Pat::Wild(_) => Ok(Pattern::Any(None)),
            syn::Pat::Ident(ident)
                if ident.subpat.is_none()
                    && !self.items.constants.contains_key(&ident.ident.to_string()) =>
            {
                Ok(Pattern::Any(Some((ident, ident.span()))))
            }
            syn::Pat::Or(alternatives) => {
                let mut values = Vec::new();
                for case in &alternatives.cases {
                    match self.int_pattern(case)? {
                        Pattern::Ints(more) => values.extend(more),
                        _ => {
                            return Err(self.unsupported(
                                case.span(),
                                "a binding or range inside an or-pattern",
                            ))
                        }
                    }
                }
                Ok(Pattern::Ints(values))
            }
            syn::Pat::Range(range) => {
                let bound = |expr: &Option<Box<syn::Expr>>| -> Result<Option<i64>> {
                    match expr {
                        None => Ok(None),
                        Some(expr) => self.constant_int(expr).map(Some),
                    }
                };
                let low = bound(&range.start)?;
                let mut high = bound(&range.end)?;
                if let (syn::RangeLimits::HalfOpen(_), Some(h)) = (&range.limits, high) {
                    high = Some(h - 1);
                }
                Ok(Pattern::Range(low, high))
            }
            syn::Pat::Lit(literal) => Ok(Pattern::Ints(vec![
                self.constant_int(&syn::Expr::Lit(literal.clone()))?
            ])),
            syn::Pat::Ident(ident) => Ok(Pattern::Ints(vec![
                self.constant_named(&ident.ident.to_string(), ident.span())?
            ])),
            syn::Pat::Path(path) => {
                let name = path
                    .path
                    .segments
                    .last()
                    .expect("a segment")
                    .ident
                    .to_string();
                Ok(Pattern::Ints(
                    vec![self.constant_named(&name, path.span())?],
                ))
            }
            other => Err(self.unsupported(other.span(), "this pattern")),
        }
    }

    fn constant_named(&self, name: &str, span: Span) -> Result<i64> {
        match self.items.constants.get(name) {
            Some(constant) => match (constant.value, &constant.ty) {
                (ConstValue::Int(v), Ty::Int(int)) => Ok(int.normalize(v)),
                (ConstValue::Int(v), _) => Ok(v),
                _ => Err(self.error(span, format!("`{name}` is not an integer constant"))),
            },
            None => Err(self.error(
                span,
                format!("`{name}` is not a constant of the translated modules"),
            )),
        }
    }

    /// The value of a literal (or constant) integer expression in a pattern.
    fn constant_int(&self, expr: &syn::Expr) -> Result<i64> {
        if let syn::Expr::Path(path) = expr {
            let name = path
                .path
                .segments
                .last()
                .expect("a segment")
                .ident
                .to_string();
            return self.constant_named(&name, path.span());
        }
        match constant_value(expr) {
            Some(ConstValue::Int(v)) => Ok(v),
            _ => Err(self.unsupported(
                expr.span(),
                "this pattern (integer literals and constants only)",
            )),
        }
    }

    fn any_equal(&mut self, value: &Value, values: &[i64]) -> Operand {
        let result = self.temp(Ty::Bool);
        for (i, &v) in values.iter().enumerate() {
            let equal = if i == 0 { result } else { self.temp(Ty::Bool) };
            self.emit(Op::Binary {
                dst: equal,
                op: BinaryOp::Eq,
                lhs: value.operand,
                rhs: Operand::Int(v),
                ty: value.ty.clone(),
            });
            if i > 0 {
                self.emit(Op::Binary {
                    dst: result,
                    op: BinaryOp::Or,
                    lhs: Operand::Var(result),
                    rhs: Operand::Var(equal),
                    ty: Ty::Bool,
                });
            }
        }
        Operand::Var(result)
    }

    fn in_range(&mut self, value: &Value, low: Option<i64>, high: Option<i64>) -> Operand {
        let result = self.temp(Ty::Bool);
        self.emit(Op::Copy {
            dst: result,
            src: Operand::Int(1),
        });
        for (bound, op) in [(low, BinaryOp::Ge), (high, BinaryOp::Le)] {
            if let Some(bound) = bound {
                let within = self.temp(Ty::Bool);
                self.emit(Op::Binary {
                    dst: within,
                    op,
                    lhs: value.operand,
                    rhs: Operand::Int(bound),
                    ty: value.ty.clone(),
                });
                self.emit(Op::Binary {
                    dst: result,
                    op: BinaryOp::And,
                    lhs: Operand::Var(result),
                    rhs: Operand::Var(within),
                    ty: Ty::Bool,
                });
            }
        }
        Operand::Var(result)
    }

    fn match_expr(&mut self, matching: &syn::ExprMatch) -> Result<Value> {
        let done = self.new_block();
        let result_ty = self.inference.unknown();
        let result = self.temp(result_ty);
        let arms: Vec<usize> = matching.arms.iter().map(|_| self.new_block()).collect();
        if let Some(call) = fallible_call(&matching.expr, self) {
            if matching.arms.iter().any(|arm| arm.guard.is_some()) {
                return Err(self.unsupported(matching.span(), "a guard on a match of a Result"));
            }
            let cases: Vec<(&syn::Pat, usize)> = matching
                .arms
                .iter()
                .map(|a| &a.pat)
                .zip(arms.iter().copied())
                .collect();
            // Bindings go in each arm's own scope.
            self.scopes.push(Vec::new());
            self.match_result_call(call, &cases, None, matching.span())?;
            let bound = self.scopes.pop().expect("the scope just pushed");
            return self.lower_arms(matching, &arms, done, result, Some(bound));
        }
        if let Some((op, lhs, rhs)) = checked_arithmetic(&matching.expr) {
            let [some_arm, none_arm] = matching.arms.as_slice() else {
                return Err(self.unsupported(
                    matching.span(),
                    "this match of checked arithmetic (write two arms, `Some(v)` and `None`)",
                ));
            };
            let (some_arm, none_arm, some_block, none_block) =
                match self.option_pattern(&some_arm.pat)?.0 {
                    Some(true) => (some_arm, none_arm, arms[0], arms[1]),
                    _ => (none_arm, some_arm, arms[1], arms[0]),
                };
            self.scopes.push(Vec::new());
            self.checked_branch(
                op,
                lhs,
                rhs,
                &some_arm.pat,
                some_block,
                none_block,
                matching.span(),
            )?;
            let bound = self.scopes.pop().expect("the scope just pushed");
            let _ = none_arm;
            let order = if some_block == arms[0] {
                vec![bound, Vec::new()]
            } else {
                vec![Vec::new(), bound]
            };
            return self.lower_arms_scoped(matching, &arms, done, result, order);
        }
        let scrutinee = self.expr(&matching.expr)?;
        let scrutinee_ty = self.inference.resolve(&scrutinee.ty);
        let plain_ints = matches!(scrutinee_ty, Ty::Int(_) | Ty::Bool | Ty::Var(_))
            && matching.arms.iter().all(|arm| arm.guard.is_none())
            && matching.arms.iter().all(|arm| {
                matches!(
                    self.int_pattern(&arm.pat),
                    Ok(Pattern::Ints(_)) | Ok(Pattern::Any(None))
                )
            });
        if plain_ints {
            // A switch: every value to its arm, the first wildcard (if any) the default.
            let mut cases = Vec::new();
            let mut default = None;
            for (arm, &block) in matching.arms.iter().zip(&arms) {
                match self.int_pattern(&arm.pat)? {
                    Pattern::Ints(values) => {
                        for v in values {
                            if !cases.iter().any(|(c, _)| *c == v) {
                                cases.push((v, Self::block_id(block)));
                            }
                        }
                    }
                    _ => {
                        default = Some(block);
                        break;
                    }
                }
            }
            let default = match default {
                Some(block) => block,
                None => {
                    // Exhaustive without a wildcard (a bool, or a full range of a u8):
                    // rustc proved no other value comes.
                    let unreachable = self.new_block();
                    self.blocks[unreachable].exit =
                        Exit::Panic("match on a value no arm covers".into());
                    unreachable
                }
            };
            self.close(Exit::Switch {
                value: scrutinee.operand,
                cases,
                default: Self::block_id(default),
            });
            let scopes = matching.arms.iter().map(|_| Vec::new()).collect();
            return self.lower_arms_scoped(matching, &arms, done, result, scopes);
        }
        // Arm by arm: test the pattern, then the guard.
        let scrutinee_var = self.var_holding(&scrutinee);
        let scrutinee = Value {
            operand: Operand::Var(scrutinee_var),
            ty: scrutinee.ty,
        };
        let mut scopes = Vec::new();
        for (index, arm) in matching.arms.iter().enumerate() {
            let next = self.new_block();
            self.scopes.push(Vec::new());
            match &arm.guard {
                None => self.test_pattern(&scrutinee, &arm.pat, arms[index], next)?,
                Some((_, guard)) => {
                    let guard_block = self.new_block();
                    self.test_pattern(&scrutinee, &arm.pat, guard_block, next)?;
                    self.enter(guard_block);
                    let cond = self.expr(guard)?;
                    self.unify(&cond.ty, &Ty::Bool, guard.span())?;
                    self.close(Exit::Branch {
                        cond: cond.operand,
                        then: Self::block_id(arms[index]),
                        otherwise: Self::block_id(next),
                    });
                }
            }
            scopes.push(self.scopes.pop().expect("the arm's scope"));
            self.enter(next);
        }
        self.close(Exit::Panic("match on a value no arm covers".into()));
        self.lower_arms_scoped(matching, &arms, done, result, scopes)
    }

    fn lower_arms(
        &mut self,
        matching: &syn::ExprMatch,
        arms: &[usize],
        done: usize,
        result: Var,
        bound: Option<Vec<(String, Var)>>,
    ) -> Result<Value> {
        // Each arm sees only its own bindings: split the shared scope by the block that
        // bound each name (its first op copies into the bound variable).
        let bound = bound.unwrap_or_default();
        let scopes = arms
            .iter()
            .map(|&block| {
                bound
                    .iter()
                    .filter(|(_, var)| {
                        self.blocks[block]
                            .ops
                            .iter()
                            .any(|op| matches!(op, Op::Copy { dst, .. } if dst == var))
                            || self.catch_binds(block, *var)
                    })
                    .cloned()
                    .collect()
            })
            .collect();
        self.lower_arms_scoped(matching, arms, done, result, scopes)
    }

    /// Whether some catch exit puts its exception in `var` for `block`.
    fn catch_binds(&self, block: usize, var: Var) -> bool {
        self.blocks.iter().any(|b| matches!(b.exit, Exit::Catch { handler, exception: Some(e), .. } if handler.index() == block && e == var))
    }

    fn lower_arms_scoped(
        &mut self,
        matching: &syn::ExprMatch,
        arms: &[usize],
        done: usize,
        result: Var,
        scopes: Vec<Vec<(String, Var)>>,
    ) -> Result<Value> {
        for ((arm, &block), scope) in matching.arms.iter().zip(arms).zip(scopes) {
            self.enter(block);
            self.scopes.push(scope);
            let value = self.expr_any(&arm.body)?;
            self.scopes.pop();
            self.arm_value(value, result, true, arm.body.span())?;
            self.goto(done);
        }
        self.enter(done);
        let reachable = self
            .blocks
            .iter()
            .any(|b| b.exit.successors().iter().any(|(s, _)| s.index() == done));
        if !reachable {
            self.current = None;
            return Ok(Value::never());
        }
        self.result_of(result)
    }

    /// A call of a function returning `Result`, matched: `Ok(p)` patterns go to their block
    /// with the value, `Err(p)` ones to theirs with the exception (`otherwise` takes what no
    /// pattern takes, for `if let`).
    fn match_result_call(
        &mut self,
        call: FallibleCall,
        cases: &[(&syn::Pat, usize)],
        otherwise: Option<usize>,
        span: Span,
    ) -> Result<()> {
        let value = self.lower_fallible_call(call)?;
        let Ty::Result(ok_ty, err_ty) = self.inference.resolve(&value.ty) else {
            return Err(self.error(span, "expected a call returning Result"));
        };
        let mut normal = otherwise;
        let mut handler = otherwise;
        let mut exception = None;
        for &(pattern, block) in cases {
            let syn::Pat::TupleStruct(tuple) = pattern else {
                if let syn::Pat::Wild(_) = pattern {
                    normal.get_or_insert(block);
                    handler.get_or_insert(block);
                    continue;
                }
                return Err(self.unsupported(
                    pattern.span(),
                    "this pattern on a Result (write `Ok(..)` and `Err(..)`)",
                ));
            };
            let name = match tuple.elems.first() {
                Some(syn::Pat::Ident(ident)) if tuple.elems.len() == 1 => {
                    Some(ident.ident.to_string())
                }
                Some(syn::Pat::Wild(_)) if tuple.elems.len() == 1 => None,
                _ => return Err(self.unsupported(tuple.span(), "this pattern inside Ok/Err")),
            };
            if tuple.path.is_ident("Ok") {
                normal = Some(block);
                if let Some(name) = name {
                    if *ok_ty != Ty::Unit {
                        self.bind_in(block, name, value.operand, (*ok_ty).clone());
                    }
                }
            } else if tuple.path.is_ident("Err") {
                handler = Some(block);
                if let Some(name) = name {
                    let var = self.new_var((*err_ty).clone(), Some(name.clone()));
                    self.bind(name, var);
                    exception = Some(var);
                }
            } else {
                return Err(self.unsupported(tuple.span(), "this pattern on a Result"));
            }
        }
        let (Some(normal), Some(handler)) = (normal, handler) else {
            return Err(self.error(
                span,
                "a match of a Result needs both an `Ok` and an `Err` arm",
            ));
        };
        self.close(Exit::Catch {
            normal: Self::block_id(normal),
            handler: Self::block_id(handler),
            exception,
        });
        Ok(())
    }

    /// `lhs.checked_op(rhs)` matched against `Some(v)` (to `then`, with `v` bound) or not.
    #[allow(clippy::too_many_arguments)]
    fn checked_branch(
        &mut self,
        op: BinaryOp,
        lhs: &syn::Expr,
        rhs: &syn::Expr,
        pattern: &syn::Pat,
        then: usize,
        otherwise: usize,
        span: Span,
    ) -> Result<()> {
        let (want_some, binding) = self.option_pattern(pattern)?;
        let lhs = self.expr(lhs)?;
        let rhs = self.expr(rhs)?;
        self.unify(&lhs.ty, &rhs.ty, span)?;
        match self.inference.resolve(&lhs.ty) {
            Ty::Int(IntTy::I64) | Ty::Int(IntTy::Isize) => {}
            Ty::Var(_) => self.unify(&lhs.ty, &Ty::Int(IntTy::I64), span)?,
            other => {
                return Err(self.unsupported(
                    span,
                    &format!("checked arithmetic on `{other}` (only i64 and isize)"),
                ))
            }
        }
        let dst = self.temp(lhs.ty.clone());
        self.emit(Op::Binary {
            dst,
            op,
            lhs: lhs.operand,
            rhs: rhs.operand,
            ty: lhs.ty.clone(),
        });
        let (normal, overflow) = match want_some {
            Some(false) => (otherwise, then),
            _ => (then, otherwise),
        };
        self.close(Exit::Overflow {
            normal: Self::block_id(normal),
            overflow: Self::block_id(overflow),
        });
        if let Some(name) = binding {
            self.bind_in(normal, name, Operand::Var(dst), lhs.ty);
        }
        Ok(())
    }

    // --- Loops ---

    fn label_of(label: &Option<syn::Label>) -> Option<String> {
        label.as_ref().map(|l| l.name.ident.to_string())
    }

    fn loop_target(&self, label: Option<&str>, span: Span) -> Result<usize> {
        let found = match label {
            None => self.loops.len().checked_sub(1),
            Some(name) => self
                .loops
                .iter()
                .rposition(|l| l.label.as_deref() == Some(name)),
        };
        found.ok_or_else(|| self.error(span, "`break` or `continue` outside a loop"))
    }

    fn loop_expr(&mut self, looping: &syn::ExprLoop) -> Result<Value> {
        let head = self.new_block();
        let exit = self.new_block();
        let value_ty = self.inference.unknown();
        let value = self.temp(value_ty);
        self.goto(head);
        self.enter(head);
        self.loops.push(LoopTarget {
            label: Self::label_of(&looping.label),
            continue_to: head,
            break_to: exit,
            value: Some(value),
        });
        self.block(&looping.body)?;
        self.goto(head);
        self.loops.pop();
        self.enter(exit);
        let reachable = self
            .blocks
            .iter()
            .any(|b| b.exit.successors().iter().any(|(s, _)| s.index() == exit));
        if !reachable {
            self.current = None;
            return Ok(Value::never());
        }
        self.result_of(value)
    }

    fn while_expr(&mut self, looping: &syn::ExprWhile) -> Result<Value> {
        let head = self.new_block();
        let body = self.new_block();
        let exit = self.new_block();
        self.goto(head);
        self.enter(head);
        self.scopes.push(Vec::new());
        match &*looping.cond {
            syn::Expr::Let(binding) => {
                self.pattern_branch(&binding.pat, &binding.expr, body, exit)?
            }
            cond => {
                let value = self.expr(cond)?;
                self.unify(&value.ty, &Ty::Bool, cond.span())?;
                self.close(Exit::Branch {
                    cond: value.operand,
                    then: Self::block_id(body),
                    otherwise: Self::block_id(exit),
                });
            }
        }
        self.loops.push(LoopTarget {
            label: Self::label_of(&looping.label),
            continue_to: head,
            break_to: exit,
            value: None,
        });
        self.enter(body);
        self.block(&looping.body)?;
        self.goto(head);
        self.loops.pop();
        self.scopes.pop();
        self.enter(exit);
        Ok(Value::unit())
    }

    /// `for i in a..b`, `a..=b`, `(a..b).rev()`.
    fn for_expr(&mut self, looping: &syn::ExprForLoop) -> Result<Value> {
        let (range, reversed) = match &*looping.expr {
            syn::Expr::MethodCall(call) if call.method == "rev" && call.args.is_empty() => {
                (strip_parens(&call.receiver), true)
            }
            other => (strip_parens(other), false),
        };
        let syn::Expr::Range(range) = range else {
            return Err(self
                .unsupported(
                    looping.expr.span(),
                    "a `for` loop over something other than a range",
                )
                .suggest("loop over `a..b` (or `(a..b).rev()`), or write a `while` loop"));
        };
        let (Some(start), Some(end)) = (&range.start, &range.end) else {
            return Err(self.unsupported(range.span(), "an open range in a `for` loop"));
        };
        let inclusive = matches!(range.limits, syn::RangeLimits::Closed(_));
        if inclusive && reversed {
            return Err(self.unsupported(range.span(), "a reversed inclusive range"));
        }
        let start = self.expr(start)?;
        let end = self.expr(end)?;
        self.unify(&start.ty, &end.ty, range.span())?;
        let ty = start.ty.clone();
        let cursor = self.temp(ty.clone());
        let limit = self.temp(ty.clone());
        let (first, last) = if reversed { (end, start) } else { (start, end) };
        self.emit(Op::Copy {
            dst: cursor,
            src: first.operand,
        });
        self.emit(Op::Copy {
            dst: limit,
            src: last.operand,
        });
        let head = self.new_block();
        let body = self.new_block();
        let step = self.new_block();
        let exit = self.new_block();
        self.goto(head);
        self.enter(head);
        let more = self.temp(Ty::Bool);
        let compare = match (reversed, inclusive) {
            (false, false) => BinaryOp::Lt,
            (false, true) => BinaryOp::Le,
            (true, _) => BinaryOp::Gt,
        };
        self.emit(Op::Binary {
            dst: more,
            op: compare,
            lhs: Operand::Var(cursor),
            rhs: Operand::Var(limit),
            ty: ty.clone(),
        });
        self.close(Exit::Branch {
            cond: Operand::Var(more),
            then: Self::block_id(body),
            otherwise: Self::block_id(exit),
        });
        // The body sees the element; the cursor steps before it for exclusive ranges (so
        // `continue` needs no step of its own), after it for inclusive ones (so the last
        // element does not overflow the cursor).
        self.enter(body);
        self.scopes.push(Vec::new());
        if reversed {
            self.emit(Op::Binary {
                dst: cursor,
                op: BinaryOp::Sub,
                lhs: Operand::Var(cursor),
                rhs: Operand::Int(1),
                ty: ty.clone(),
            });
        }
        let element = match &*looping.pat {
            syn::Pat::Ident(ident) => {
                let var = self.new_var(ty.clone(), Some(ident.ident.to_string()));
                self.emit(Op::Copy {
                    dst: var,
                    src: Operand::Var(cursor),
                });
                self.bind(ident.ident.to_string(), var);
                Some(var)
            }
            syn::Pat::Wild(_) => None,
            other => return Err(self.unsupported(other.span(), "this `for` pattern")),
        };
        let _ = element;
        if !reversed && !inclusive {
            self.emit(Op::Binary {
                dst: cursor,
                op: BinaryOp::Add,
                lhs: Operand::Var(cursor),
                rhs: Operand::Int(1),
                ty: ty.clone(),
            });
        }
        let continue_to = if inclusive { step } else { head };
        self.loops.push(LoopTarget {
            label: Self::label_of(&looping.label),
            continue_to,
            break_to: exit,
            value: None,
        });
        self.block(&looping.body)?;
        self.loops.pop();
        self.scopes.pop();
        self.goto(continue_to);
        if inclusive {
            self.enter(step);
            let at_end = self.temp(Ty::Bool);
            let next = self.new_block();
            self.emit(Op::Binary {
                dst: at_end,
                op: BinaryOp::Eq,
                lhs: Operand::Var(cursor),
                rhs: Operand::Var(limit),
                ty: ty.clone(),
            });
            self.close(Exit::Branch {
                cond: Operand::Var(at_end),
                then: Self::block_id(exit),
                otherwise: Self::block_id(next),
            });
            self.enter(next);
            self.emit(Op::Binary {
                dst: cursor,
                op: BinaryOp::Add,
                lhs: Operand::Var(cursor),
                rhs: Operand::Int(1),
                ty,
            });
            self.goto(head);
        }
        self.enter(exit);
        Ok(Value::unit())
    }

    fn break_expr(&mut self, breaking: &syn::ExprBreak) -> Result<Value> {
        let label = breaking.label.as_ref().map(|l| l.ident.to_string());
        let target = self.loop_target(label.as_deref(), breaking.span())?;
        if let Some(value) = &breaking.expr {
            let value = self.expr(value)?;
            let Some(slot) = self.loops[target].value else {
                return Err(self.error(breaking.span(), "`break` with a value outside `loop`"));
            };
            if value.ty != Ty::Never {
                let slot_ty = self.vars[slot.0 as usize].ty.clone();
                self.unify(&slot_ty, &value.ty, breaking.span())?;
                self.emit(Op::Copy {
                    dst: slot,
                    src: value.operand,
                });
            }
        } else if let Some(slot) = self.loops[target].value {
            let slot_ty = self.vars[slot.0 as usize].ty.clone();
            self.unify(&slot_ty, &Ty::Unit, breaking.span())?;
        }
        let to = self.loops[target].break_to;
        self.goto(to);
        Ok(Value::never())
    }

    // --- Calls ---

    fn call(&mut self, call: &syn::ExprCall) -> Result<Value> {
        let syn::Expr::Path(path) = &*call.func else {
            return Err(self.unsupported(
                call.func.span(),
                "calling something other than a named function",
            ));
        };
        let segments: Vec<String> = path
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let name = segments.join("::");
        let last = segments.last().expect("a segment").as_str();
        let span = call.span();
        match (segments.len(), last) {
            (1, "Some") => {
                let value = self.expr(single_argument(call, self)?)?;
                let ty = self.inference.resolve(&value.ty);
                if !ty.is_ref() && !matches!(ty, Ty::Var(_)) {
                    return Err(self.unsupported(
                        span,
                        &format!("`Option<{ty}>` (only options of GC references are values)"),
                    ));
                }
                return Ok(Value {
                    operand: value.operand,
                    ty: Ty::Nullable(Box::new(value.ty)),
                });
            }
            (1, "Ok") => {
                let value = if call.args.is_empty() {
                    Value::unit()
                } else {
                    self.expr(single_argument(call, self)?)?
                };
                let err = self.inference.unknown();
                return Ok(Value {
                    operand: value.operand,
                    ty: Ty::Result(Box::new(value.ty), Box::new(err)),
                });
            }
            (1, "Err") => {
                let value = self.expr(single_argument(call, self)?)?;
                if !self.inference.resolve(&value.ty).is_ref() {
                    return Err(self.unsupported(span, "an `Err` that is not a GC object").suggest("errors of traced code are GC objects (`Err(Gc<MyError>)`), raised as jitcode exceptions"));
                }
                if let Ty::Result(_, err) = self.result.clone() {
                    self.unify(&err, &value.ty, span)?;
                }
                self.close(Exit::Raise(value.operand));
                return Ok(Value::never());
            }
            (_, "promote") => {
                let value = self.expr(single_argument(call, self)?)?;
                let var = self.temp(value.ty.clone());
                self.emit(Op::Copy {
                    dst: var,
                    src: value.operand,
                });
                self.emit(Op::Promote { value: var });
                return Ok(Value {
                    operand: Operand::Var(var),
                    ty: value.ty,
                });
            }
            (_, "we_are_jitted") => {
                return Ok(Value {
                    operand: Operand::Int(1),
                    ty: Ty::Bool,
                });
            }
            _ => {}
        }
        if segments.len() >= 2 && segments[segments.len() - 2] == "Gc" && last == "ptr_eq" {
            let [a, b] = two_arguments(call, self)?;
            let a = self.expr(a)?;
            let b = self.expr(b)?;
            let dst = self.temp(Ty::Bool);
            self.emit(Op::PtrEq {
                dst,
                lhs: a.operand,
                rhs: b.operand,
            });
            return Ok(Self::bool_value(dst));
        }
        if segments.len() >= 2
            && matches!(segments[segments.len() - 2].as_str(), "Gc" | "Array")
            && last == "new"
        {
            return Err(self.error(span, format!("`{name}` returns Result<_, OutOfMemory>")).suggest("write `.expect(\"...\")` or `.unwrap()` after it (in traced code, running out of memory panics)"));
        }
        let key = match segments.as_slice() {
            [only] => only.clone(),
            [.., owner, function] if owner == "Self" => match &self.function.self_ty {
                Some(Ty::Gc(owner)) => format!("{owner}::{function}"),
                _ => return Err(self.error(span, "`Self` outside an impl")),
            },
            [.., owner, function]
                if self.items.structs.contains_key(owner)
                    || self
                        .items
                        .functions
                        .contains_key(&format!("{owner}::{function}")) =>
            {
                format!("{owner}::{function}")
            }
            [.., function] => function.clone(),
            [] => unreachable!("a path has a segment"),
        };
        let arguments: Vec<&syn::Expr> = call.args.iter().collect();
        self.call_function(&key, None, &arguments, span, &name)
    }

    /// A call of a function of the translated modules.
    fn call_function(
        &mut self,
        key: &str,
        receiver: Option<Value>,
        arguments: &[&syn::Expr],
        span: Span,
        written: &str,
    ) -> Result<Value> {
        let Some(callee) = self.items.functions.get(key) else {
            return Err(self.error(span, format!("call of `{written}`, which is not a function of the translated modules")).suggest(
                "traced code can call functions of the modules the translator reads, and the subset's built-ins; wrap other code in a #[dont_look_inside] function of a translated module",
            ));
        };
        let self_ty = callee.self_ty.clone();
        let mut parameter_types = Vec::new();
        for input in &callee.sig.inputs {
            let ty = match input {
                syn::FnArg::Receiver(_) => self_ty.clone().expect("a method has a Self"),
                syn::FnArg::Typed(typed) => parse_type(&typed.ty, self_ty.as_ref()).map_err(|u| {
                    TranslateError::at(&callee.file, typed.ty.span(), format!("{} is outside the traceable subset (in a function traced code calls)", u.0))
                })?,
            };
            parameter_types.push(ty);
        }
        let result = match &callee.sig.output {
            syn::ReturnType::Default => Ty::Unit,
            syn::ReturnType::Type(_, ty) => parse_type(ty, self_ty.as_ref()).map_err(|u| {
                TranslateError::at(&callee.file, ty.span(), format!("{} is outside the traceable subset (returned by a function traced code calls)", u.0))
            })?,
        };
        let mut values = Vec::new();
        if let Some(receiver) = receiver {
            values.push(receiver);
        }
        for argument in arguments {
            values.push(self.expr(argument)?);
        }
        if values.len() != parameter_types.len() {
            return Err(self.error(
                span,
                format!("`{written}` takes {} arguments", parameter_types.len()),
            ));
        }
        for (value, ty) in values.iter().zip(&parameter_types) {
            self.unify(&value.ty, ty, span)?;
        }
        if values.iter().any(|v| v.ty == Ty::Never) {
            return Ok(Value::never());
        }
        let args = values
            .iter()
            .filter(|v| v.ty != Ty::Unit)
            .map(|v| v.operand)
            .collect();
        let dst = result.bank().map(|_| self.temp(result.clone()));
        self.emit(Op::Call {
            dst,
            callee: key.to_string(),
            args,
        });
        if result == Ty::Never {
            self.close(Exit::Panic(format!(
                "`{written}` returned, but it returns `!`"
            )));
            return Ok(Value::never());
        }
        Ok(Value {
            operand: dst.map_or(Operand::Int(0), Operand::Var),
            ty: result,
        })
    }

    fn lower_fallible_call(&mut self, call: FallibleCall) -> Result<Value> {
        match call {
            FallibleCall::Function(call) => self.call(call),
            FallibleCall::Method(call) => self.method_call(call),
        }
    }

    fn method_call(&mut self, call: &syn::ExprMethodCall) -> Result<Value> {
        let method = call.method.to_string();
        let span = call.span();
        if call.turbofish.is_some() {
            return Err(self.unsupported(span, "a method call with a turbofish"));
        }
        // Allocation: `Gc::new(Struct { .. }).unwrap()`, `Array::new(n, fill).expect(..)`.
        if matches!(method.as_str(), "unwrap" | "expect") {
            if let syn::Expr::Call(inner) = strip_parens(&call.receiver) {
                if let syn::Expr::Path(path) = &*inner.func {
                    let segments: Vec<String> = path
                        .path
                        .segments
                        .iter()
                        .map(|s| s.ident.to_string())
                        .collect();
                    if segments.len() >= 2 && segments[segments.len() - 1] == "new" {
                        match segments[segments.len() - 2].as_str() {
                            "Gc" => return self.new_object(inner),
                            "Array" => return self.new_array(inner, path),
                            _ => {}
                        }
                    }
                }
            }
        }
        let receiver = self.expr(&call.receiver)?;
        let arguments: Vec<&syn::Expr> = call.args.iter().collect();
        let ty = self.inference.resolve(&receiver.ty);
        match &ty {
            Ty::Gc(owner) => {
                let structure = self.items.structs.get(owner);
                if let Some(field) = method.strip_prefix("set_") {
                    if let Some(field_ty) = structure
                        .and_then(|s| s.fields.iter().find(|(n, _)| n == field))
                        .map(|(_, t)| t.clone())
                    {
                        let field_ty = self.field_type(owner, field, field_ty, span)?;
                        let [argument] = arguments.as_slice() else {
                            return Err(self.error(span, format!("`{method}` takes one argument")));
                        };
                        let value = self.expr(argument)?;
                        self.unify(&value.ty, &field_ty, span)?;
                        self.emit(Op::SetField {
                            object: receiver.operand,
                            owner: owner.clone(),
                            field: field.to_string(),
                            value: value.operand,
                        });
                        return Ok(Value::unit());
                    }
                }
                if let Some(field_ty) = structure
                    .and_then(|s| s.fields.iter().find(|(n, _)| *n == method))
                    .map(|(_, t)| t.clone())
                {
                    if arguments.is_empty() {
                        let field_ty = self.field_type(owner, &method, field_ty, span)?;
                        let dst = self.temp(field_ty.clone());
                        self.emit(Op::GetField {
                            dst,
                            object: receiver.operand,
                            owner: owner.clone(),
                            field: method.clone(),
                        });
                        return Ok(Value {
                            operand: Operand::Var(dst),
                            ty: field_ty,
                        });
                    }
                }
                let key = format!("{owner}::{method}");
                self.call_function(
                    &key,
                    Some(receiver),
                    &arguments,
                    span,
                    &format!("{owner}::{method}"),
                )
            }
            Ty::Array(element) => self.array_method(
                &method,
                receiver.clone(),
                (**element).clone(),
                &arguments,
                span,
            ),
            Ty::Nullable(inner) => match (method.as_str(), arguments.len()) {
                ("is_some" | "is_none", 0) => {
                    let dst = self.temp(Ty::Bool);
                    self.emit(Op::IsNull {
                        dst,
                        value: receiver.operand,
                        is_null: method == "is_none",
                    });
                    Ok(Self::bool_value(dst))
                }
                ("unwrap", 0) | ("expect", 1) => {
                    let some = self.temp(Ty::Bool);
                    self.emit(Op::IsNull {
                        dst: some,
                        value: receiver.operand,
                        is_null: false,
                    });
                    let message = match arguments.first() {
                        Some(syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(text),
                            ..
                        })) => text.value(),
                        _ => "called `Option::unwrap()` on a `None` value".to_string(),
                    };
                    self.check(Operand::Var(some), &message);
                    Ok(Value {
                        operand: receiver.operand,
                        ty: (**inner).clone(),
                    })
                }
                _ => Err(self.unsupported(span, &format!("the method `{method}` of an Option"))),
            },
            Ty::Int(_) | Ty::Var(_) => self.int_method(&method, receiver, &arguments, span),
            Ty::Float => match (method.as_str(), arguments.len()) {
                ("abs", 0) => {
                    let dst = self.temp(Ty::Float);
                    self.emit(Op::Call {
                        dst: Some(dst),
                        callee: "ferrite::float_abs".into(),
                        args: vec![receiver.operand],
                    });
                    Ok(Value {
                        operand: Operand::Var(dst),
                        ty: Ty::Float,
                    })
                }
                _ => Err(self.unsupported(span, &format!("the method `{method}` of f64"))),
            },
            other => Err(self.unsupported(span, &format!("the method `{method}` of `{other}`"))),
        }
    }

    fn field_type(
        &self,
        owner: &str,
        field: &str,
        ty: std::result::Result<Ty, String>,
        span: Span,
    ) -> Result<Ty> {
        ty.map_err(|why| {
            self.error(
                span,
                format!("the field `{owner}.{field}` has {why}, which traced code cannot use"),
            )
        })
    }

    fn array_method(
        &mut self,
        method: &str,
        array: Value,
        element: Ty,
        arguments: &[&syn::Expr],
        span: Span,
    ) -> Result<Value> {
        match (method, arguments) {
            ("len", []) => {
                let dst = self.temp(Ty::Int(IntTy::Usize));
                self.emit(Op::ArrayLen { dst, array: array.operand, element });
                Ok(Value { operand: Operand::Var(dst), ty: Ty::Int(IntTy::Usize) })
            }
            ("is_empty", []) => {
                let length = self.temp(Ty::Int(IntTy::Usize));
                self.emit(Op::ArrayLen { dst: length, array: array.operand, element });
                let dst = self.temp(Ty::Bool);
                self.emit(Op::Binary { dst, op: BinaryOp::Eq, lhs: Operand::Var(length), rhs: Operand::Int(0), ty: Ty::Int(IntTy::Usize) });
                Ok(Self::bool_value(dst))
            }
            ("get", [index]) => {
                let index = self.index(array.operand, index, &element)?;
                let dst = self.temp(element.clone());
                self.emit(Op::GetItem { dst, array: array.operand, index, element: element.clone() });
                Ok(Value { operand: Operand::Var(dst), ty: element })
            }
            ("set", [index, value]) => {
                let index = self.index(array.operand, index, &element)?;
                let value = self.expr(value)?;
                self.unify(&value.ty, &element, span)?;
                self.emit(Op::SetItem { array: array.operand, index, value: value.operand, element });
                Ok(Value::unit())
            }
            _ => Err(self.unsupported(span, &format!("the method `{method}` of an Array")).suggest("arrays have `len()`, `is_empty()`, `get(i)` and `set(i, value)` in traced code")),
        }
    }

    /// An array index (a usize), checked against the length as Rust checks it.
    fn index(&mut self, array: Operand, index: &syn::Expr, element: &Ty) -> Result<Operand> {
        let value = self.expr(index)?;
        self.unify(&value.ty, &Ty::Int(IntTy::Usize), index.span())?;
        let length = self.temp(Ty::Int(IntTy::Usize));
        self.emit(Op::ArrayLen {
            dst: length,
            array,
            element: element.clone(),
        });
        let within = self.temp(Ty::Bool);
        self.emit(Op::Binary {
            dst: within,
            op: BinaryOp::Lt,
            lhs: value.operand,
            rhs: Operand::Var(length),
            ty: Ty::Int(IntTy::Usize),
        });
        self.check(Operand::Var(within), "index out of bounds");
        Ok(value.operand)
    }

    fn int_method(
        &mut self,
        method: &str,
        receiver: Value,
        arguments: &[&syn::Expr],
        span: Span,
    ) -> Result<Value> {
        let op = match method {
            "wrapping_add" => Some(BinaryOp::Add),
            "wrapping_sub" => Some(BinaryOp::Sub),
            "wrapping_mul" => Some(BinaryOp::Mul),
            "wrapping_shl" => Some(BinaryOp::Shl),
            "wrapping_shr" => Some(BinaryOp::Shr),
            _ => None,
        };
        if let (Some(op), [argument]) = (op, arguments) {
            let rhs = self.expr(argument)?;
            return self.arithmetic(op, receiver, rhs, None, span);
        }
        match (method, arguments) {
            ("wrapping_neg", []) => self.unary_op(UnaryOp::Neg, receiver),
            ("min" | "max", [other]) => {
                let other = self.expr(other)?;
                self.unify(&receiver.ty, &other.ty, span)?;
                let result = self.temp(receiver.ty.clone());
                let op = if method == "min" { BinaryOp::Lt } else { BinaryOp::Gt };
                let pick = self.arithmetic(op, receiver.clone(), other.clone(), None, span)?;
                self.emit(Op::Copy { dst: result, src: other.operand });
                let take = self.new_block();
                let done = self.new_block();
                self.close(Exit::Branch { cond: pick.operand, then: Self::block_id(take), otherwise: Self::block_id(done) });
                self.enter(take);
                self.emit(Op::Copy { dst: result, src: receiver.operand });
                self.goto(done);
                self.enter(done);
                Ok(Value { operand: Operand::Var(result), ty: receiver.ty })
            }
            (name, _) if name.starts_with("checked_") => Err(self.unsupported(span, "checked arithmetic outside `match`/`if let`").suggest(
                "write `match a.checked_add(b) { Some(v) => .., None => .. }` or `if let Some(v) = a.checked_add(b) { .. } else { .. }`",
            )),
            _ => Err(self.unsupported(span, &format!("the integer method `{method}`"))),
        }
    }

    /// `Gc::new(Struct { field: value, .. }).unwrap()`.
    fn new_object(&mut self, call: &syn::ExprCall) -> Result<Value> {
        let argument = single_argument(call, self)?;
        let syn::Expr::Struct(literal) = strip_parens(argument) else {
            return Err(self.unsupported(
                argument.span(),
                "`Gc::new` of something other than a struct literal",
            ));
        };
        if let Some(rest) = &literal.rest {
            return Err(self.unsupported(rest.span(), "`..base` in a struct literal"));
        }
        let owner = literal
            .path
            .segments
            .last()
            .expect("a segment")
            .ident
            .to_string();
        let Some(structure) = self.items.structs.get(&owner) else {
            return Err(self.error(
                literal.path.span(),
                format!("`{owner}` is not a #[gc_object] struct of the translated modules"),
            ));
        };
        let field_types = structure.fields.clone();
        let mut values = Vec::new();
        for field in &literal.fields {
            let syn::Member::Named(name) = &field.member else {
                return Err(self.unsupported(field.span(), "a numbered field"));
            };
            let name = name.to_string();
            let Some((_, ty)) = field_types.iter().find(|(n, _)| *n == name) else {
                return Err(self.error(field.span(), format!("`{owner}` has no field `{name}`")));
            };
            let ty = self.field_type(&owner, &name, ty.clone(), field.span())?;
            let value = self.expr(&field.expr)?;
            self.unify(&value.ty, &ty, field.span())?;
            values.push((name, value));
        }
        let dst = self.temp(Ty::Gc(owner.clone()));
        self.emit(Op::New {
            dst,
            owner: owner.clone(),
        });
        for (field, value) in values {
            // Fresh objects are zeroed: storing a zero (or null) is a no-op.
            if matches!(value.operand, Operand::Int(0) | Operand::Null) {
                continue;
            }
            self.emit(Op::SetField {
                object: Operand::Var(dst),
                owner: owner.clone(),
                field,
                value: value.operand,
            });
        }
        Ok(Value {
            operand: Operand::Var(dst),
            ty: Ty::Gc(owner),
        })
    }

    /// `Array::new(length, fill).unwrap()` (or `Array::<E>::new`).
    fn new_array(&mut self, call: &syn::ExprCall, path: &syn::ExprPath) -> Result<Value> {
        let [length, fill] = two_arguments(call, self)?;
        let element = match &path
            .path
            .segments
            .iter()
            .rev()
            .nth(1)
            .expect("Array::new")
            .arguments
        {
            syn::PathArguments::AngleBracketed(arguments) => match arguments.args.first() {
                Some(syn::GenericArgument::Type(ty)) => self.parse_ty(ty)?,
                _ => self.inference.unknown(),
            },
            _ => self.inference.unknown(),
        };
        let length = self.expr(length)?;
        self.unify(&length.ty, &Ty::Int(IntTy::Usize), call.span())?;
        let fill = self.expr(fill)?;
        self.unify(&fill.ty, &element, call.span())?;
        let ty = Ty::Array(Box::new(element.clone()));
        let dst = self.temp(ty.clone());
        self.emit(Op::NewArray {
            dst,
            length: length.operand,
            element: element.clone(),
        });
        if !matches!(fill.operand, Operand::Int(0) | Operand::Null) {
            // Fill it: for i in 0..length { array[i] = fill }.
            let index = self.temp(Ty::Int(IntTy::Usize));
            self.emit(Op::Copy {
                dst: index,
                src: Operand::Int(0),
            });
            let head = self.new_block();
            let body = self.new_block();
            let done = self.new_block();
            self.goto(head);
            self.enter(head);
            let more = self.temp(Ty::Bool);
            self.emit(Op::Binary {
                dst: more,
                op: BinaryOp::Lt,
                lhs: Operand::Var(index),
                rhs: length.operand,
                ty: Ty::Int(IntTy::Usize),
            });
            self.close(Exit::Branch {
                cond: Operand::Var(more),
                then: Self::block_id(body),
                otherwise: Self::block_id(done),
            });
            self.enter(body);
            self.emit(Op::SetItem {
                array: Operand::Var(dst),
                index: Operand::Var(index),
                value: fill.operand,
                element,
            });
            self.emit(Op::Binary {
                dst: index,
                op: BinaryOp::Add,
                lhs: Operand::Var(index),
                rhs: Operand::Int(1),
                ty: Ty::Int(IntTy::Usize),
            });
            self.goto(head);
            self.enter(done);
        }
        Ok(Value {
            operand: Operand::Var(dst),
            ty,
        })
    }

    // --- Macros ---

    fn macro_call(&mut self, mac: &syn::Macro) -> Result<Value> {
        let name = mac
            .path
            .segments
            .last()
            .expect("a segment")
            .ident
            .to_string();
        let span = mac.path.span();
        match name.as_str() {
            "jit_merge_point" | "can_enter_jit" => self.driver_hint(mac, name == "jit_merge_point"),
            "panic" | "unreachable" | "todo" | "unimplemented" => {
                let message = macro_message(mac).unwrap_or_else(|| match name.as_str() {
                    "unreachable" => "internal error: entered unreachable code".into(),
                    "todo" => "not yet implemented".into(),
                    "unimplemented" => "not implemented".into(),
                    _ => "explicit panic".into(),
                });
                self.close(Exit::Panic(message));
                Ok(Value::never())
            }
            "assert" => {
                let arguments = mac
                    .parse_body_with(
                        syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
                    )
                    .map_err(|e| self.error(e.span(), e.to_string()))?;
                let Some(condition) = arguments.first() else {
                    return Err(self.error(span, "assert! without a condition"));
                };
                let value = self.expr(condition)?;
                self.unify(&value.ty, &Ty::Bool, condition.span())?;
                let message = format!("assertion failed: {}", quote::quote!(#condition));
                self.check(value.operand, &message);
                Ok(Value::unit())
            }
            // Checked only in native debug builds; the JIT follows release builds.
            "debug_assert" | "debug_assert_eq" | "debug_assert_ne" => Ok(Value::unit()),
            _ => Err(self.unsupported(span, &format!("the macro `{name}!`"))),
        }
    }

    /// `jit_merge_point!(DRIVER, greens(a, b), reds(c, d))` and `can_enter_jit!(..)`.
    fn driver_hint(&mut self, mac: &syn::Macro, merge_point: bool) -> Result<Value> {
        let parser = |input: syn::parse::ParseStream| -> syn::Result<(syn::Ident, Vec<String>, Vec<String>)> {
            let driver: syn::Ident = input.parse()?;
            let _: syn::Token![,] = input.parse()?;
            let greens = parse_name_list(input, "greens")?;
            let _: syn::Token![,] = input.parse()?;
            let reds = parse_name_list(input, "reds")?;
            let _: Option<syn::Token![,]> = input.parse()?;
            Ok((driver, greens, reds))
        };
        let (driver, greens, reds) = mac.parse_body_with(parser).map_err(|e| {
            self.error(e.span(), format!("malformed driver hint: {e}"))
                .suggest("write `jit_merge_point!(DRIVER, greens(a, b), reds(c, d))`")
        })?;
        let Some((number, declaration)) = self.items.driver(&driver.to_string()) else {
            return Err(self.error(
                driver.span(),
                format!("no jit_driver! named `{driver}` in the translated modules"),
            ));
        };
        if declaration.greens != greens || declaration.reds != reds {
            return Err(self.error(
                mac.path.span(),
                format!(
                    "the greens and reds must be the driver's, in its order: greens({}), reds({})",
                    declaration.greens.join(", "),
                    declaration.reds.join(", ")
                ),
            ));
        }
        if !self.function.hints.portal {
            return Err(self
                .error(mac.path.span(), "a driver hint outside the portal")
                .suggest("mark the function holding the interpreter loop #[ferrite::portal]"));
        }
        if merge_point {
            let vars = |names: &[String]| -> Result<Vec<Var>> {
                names
                    .iter()
                    .map(|name| {
                        self.lookup(name).ok_or_else(|| {
                            self.error(mac.path.span(), format!("`{name}` is not a local here"))
                        })
                    })
                    .collect()
            };
            let greens = vars(&greens)?;
            let reds = vars(&reds)?;
            self.emit(Op::MergePoint {
                driver: number,
                greens,
                reds,
            });
        } else {
            self.emit(Op::CanEnterJit { driver: number });
        }
        Ok(Value::unit())
    }
}

/// The literal message of a `panic!("...")`-like macro (format arguments are not filled in).
fn macro_message(mac: &syn::Macro) -> Option<String> {
    let arguments = mac
        .parse_body_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        .ok()?;
    match arguments.first()? {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    }
}

fn strip_parens(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Paren(inner) => strip_parens(&inner.expr),
        syn::Expr::Group(inner) => strip_parens(&inner.expr),
        other => other,
    }
}

fn single_argument<'e>(call: &'e syn::ExprCall, lowerer: &Lowerer) -> Result<&'e syn::Expr> {
    match call.args.len() {
        1 => Ok(&call.args[0]),
        _ => Err(lowerer.error(call.span(), "expected one argument")),
    }
}

fn two_arguments<'e>(call: &'e syn::ExprCall, lowerer: &Lowerer) -> Result<[&'e syn::Expr; 2]> {
    match call.args.len() {
        2 => Ok([&call.args[0], &call.args[1]]),
        _ => Err(lowerer.error(call.span(), "expected two arguments")),
    }
}

/// A call that may return `Result` (resolved by lowering it).
#[derive(Clone, Copy)]
enum FallibleCall<'e> {
    Function(&'e syn::ExprCall),
    Method(&'e syn::ExprMethodCall),
}

/// `expr` if it is a call of a function of the translated modules that returns `Result`.
fn fallible_call<'e>(expr: &'e syn::Expr, lowerer: &Lowerer) -> Option<FallibleCall<'e>> {
    let returns_result = |key: &str| {
        lowerer
            .items
            .functions
            .get(key)
            .is_some_and(|f| match &f.sig.output {
                syn::ReturnType::Type(_, ty) => {
                    matches!(parse_type(ty, f.self_ty.as_ref()), Ok(Ty::Result(..)))
                }
                syn::ReturnType::Default => false,
            })
    };
    match strip_parens(expr) {
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = &*call.func else {
                return None;
            };
            let segments: Vec<String> = path
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let key = match segments.as_slice() {
                [only] => only.clone(),
                [.., owner, function] if owner == "Self" => match &lowerer.function.self_ty {
                    Some(Ty::Gc(owner)) => format!("{owner}::{function}"),
                    _ => return None,
                },
                [.., owner, function] => {
                    let qualified = format!("{owner}::{function}");
                    if lowerer.items.functions.contains_key(&qualified) {
                        qualified
                    } else {
                        function.clone()
                    }
                }
                [] => return None,
            };
            returns_result(&key).then_some(FallibleCall::Function(call))
        }
        syn::Expr::MethodCall(call) => {
            let method = call.method.to_string();
            let any = lowerer.items.functions.keys().any(|k| {
                k.rsplit("::").next() == Some(method.as_str())
                    && k.contains("::")
                    && returns_result(k)
            });
            any.then_some(FallibleCall::Method(call))
        }
        _ => None,
    }
}

/// `a.checked_add(b)` and friends: the operation and operands.
fn checked_arithmetic(expr: &syn::Expr) -> Option<(BinaryOp, &syn::Expr, &syn::Expr)> {
    let syn::Expr::MethodCall(call) = strip_parens(expr) else {
        return None;
    };
    let op = match call.method.to_string().as_str() {
        "checked_add" => BinaryOp::Add,
        "checked_sub" => BinaryOp::Sub,
        "checked_mul" => BinaryOp::Mul,
        _ => return None,
    };
    (call.args.len() == 1).then(|| (op, &*call.receiver, &call.args[0]))
}

/// What kind of expression this is, for error messages.
fn expression_kind(expr: &syn::Expr) -> &'static str {
    match expr {
        syn::Expr::Array(_) => "an array literal",
        syn::Expr::Async(_) => "an async block",
        syn::Expr::Await(_) => "`.await`",
        syn::Expr::Closure(_) => "a closure",
        syn::Expr::Field(_) => {
            "a field access (GC fields are read with their getter, `object.field()`)"
        }
        syn::Expr::Index(_) => "indexing (GC arrays are read with `array.get(i)`)",
        syn::Expr::Range(_) => "a range outside a `for` loop",
        syn::Expr::Reference(_) => "a reference (`&`)",
        syn::Expr::Repeat(_) => "an array repeat expression",
        syn::Expr::Struct(_) => "a struct literal outside `Gc::new`",
        syn::Expr::Tuple(_) => "a tuple",
        syn::Expr::Unsafe(_) => "an unsafe block",
        syn::Expr::Let(_) => "`let` in this position",
        syn::Expr::Block(_) => "a labelled block",
        _ => "this expression",
    }
}
