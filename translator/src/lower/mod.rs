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
mod calls;
mod control;
mod expressions;

use crate::flow::{BinaryOp, Block, BlockId, Exit, FlowGraph, Op, Operand, UnaryOp, Var, VarInfo};
use crate::source::{constant_value, parse_name_list, path_segments, ConstValue, Function, Items};
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
        reached: vec![true],
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
    /// Whether some exit jumps to each block (the entry counts as reached).
    reached: Vec<bool>,
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

    fn new_block(&mut self) -> usize {
        self.blocks.push(Block {
            ops: Vec::new(),
            exit: Exit::Open,
        });
        self.reached.push(false);
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
        for (successor, _) in exit.successors() {
            self.reached[successor.index()] = true;
        }
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

    /// `var += 1` (or `-= 1` with `BinaryOp::Sub`), for the counters of lowered loops.
    fn step(&mut self, var: Var, op: BinaryOp, ty: Ty) {
        self.emit(Op::Binary {
            dst: var,
            op,
            lhs: Operand::Var(var),
            rhs: Operand::Int(1),
            ty,
        });
    }

    fn bool_value(var: Var) -> Value {
        Value {
            operand: Operand::Var(var),
            ty: Ty::Bool,
        }
    }

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
