//! Lowering control flow: `if`/`if let`, `match` (switches, patterns, guards, matches of
//! calls returning `Result` and of checked arithmetic), loops and `break`/`continue`.

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::*;

impl Lowerer<'_> {
    /// Branch on the condition of an `if` or `while`: a boolean, or `let pattern = value`
    /// (whose bindings go in the current scope, for `then`).
    fn condition(&mut self, condition: &syn::Expr, then: usize, otherwise: usize) -> Result<()> {
        if let syn::Expr::Let(binding) = condition {
            return self.pattern_branch(&binding.pat, &binding.expr, then, otherwise);
        }
        let value = self.expr(condition)?;
        self.unify(&value.ty, &Ty::Bool, condition.span())?;
        self.close(Exit::Branch {
            cond: value.operand,
            then: Self::block_id(then),
            otherwise: Self::block_id(otherwise),
        });
        Ok(())
    }

    pub(super) fn if_expr(&mut self, conditional: &syn::ExprIf) -> Result<Value> {
        let then_block = self.new_block();
        let else_block = self.new_block();
        let done = self.new_block();
        self.scopes.push(Vec::new());
        self.condition(&conditional.cond, then_block, else_block)?;
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
    pub(super) fn arm_value(
        &mut self,
        value: Value,
        result: Var,
        has_value: bool,
        span: Span,
    ) -> Result<()> {
        if value.ty == Ty::Never || self.current.is_none() {
            return Ok(());
        }
        let result_ty = self.vars[result.0 as usize].ty.clone();
        if !has_value {
            return self.unify(&value.ty, &Ty::Unit, span);
        }
        // An arm may be a `Result` (`Ok(v)`, a fallible call): its operand is the `Ok`
        // payload, and an `Err` has been raised already. The conditional's value is then a
        // `Result` itself, which the places that take values refuse unless it is returned,
        // propagated with `?` or a function's tail.
        self.unify(&result_ty, &value.ty, span)?;
        if self.inference.resolve(&value.ty) != Ty::Unit {
            self.emit(Op::Copy {
                dst: result,
                src: value.operand,
            });
        }
        Ok(())
    }

    /// Continue at `block`, where the arms of a `match` (or the `break`s of a `loop`) meet,
    /// with the value they put in `result`; `!` if nothing jumps there.
    pub(super) fn join(&mut self, block: usize, result: Var) -> Result<Value> {
        self.enter(block);
        if !self.reached[block] {
            self.current = None;
            return Ok(Value::never());
        }
        self.result_of(result)
    }

    /// The value of a conditional whose arms wrote `result`.
    pub(super) fn result_of(&mut self, result: Var) -> Result<Value> {
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
    pub(super) fn pattern_branch(
        &mut self,
        pattern: &syn::Pat,
        scrutinee: &syn::Expr,
        then: usize,
        otherwise: usize,
    ) -> Result<()> {
        if let Some(call) = fallible_call(scrutinee, self) {
            let bindings = self.match_result_call(
                call,
                &[(pattern, then)],
                Some(otherwise),
                scrutinee.span(),
            )?;
            for (_, name, var) in bindings {
                self.bind(name, var);
            }
            return Ok(());
        }
        if let Some((op, lhs, rhs)) = checked_arithmetic(scrutinee) {
            return self.checked_branch(op, lhs, rhs, pattern, then, otherwise, scrutinee.span());
        }
        let value = self.expr(scrutinee)?;
        self.test_pattern(&value, pattern, then, otherwise)
    }

    /// Branch on one pattern over an ordinary value, binding for `then`.
    pub(super) fn test_pattern(
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
    pub(super) fn bind_in(&mut self, block: usize, name: String, operand: Operand, ty: Ty) {
        let var = self.copy_at_start(block, name.clone(), operand, ty);
        self.bind(name, var);
    }

    /// A new variable `name` holding a copy of `operand` from the start of `block`.
    pub(super) fn copy_at_start(
        &mut self,
        block: usize,
        name: String,
        operand: Operand,
        ty: Ty,
    ) -> Var {
        let var = self.new_var(ty, Some(name));
        self.blocks[block].ops.push(Op::Copy {
            dst: var,
            src: operand,
        });
        var
    }

    /// `Some(x)` / `Some(_)` / `None` / `_` / `x`: whether it wants `Some` (None: either)
    /// and the name it binds.
    pub(super) fn option_pattern(
        &self,
        pattern: &syn::Pat,
    ) -> Result<(Option<bool>, Option<String>)> {
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

    pub(super) fn option_pattern_is_some(&self, pattern: &syn::Pat) -> bool {
        matches!(pattern, syn::Pat::TupleStruct(tuple) if tuple.path.is_ident("Some"))
    }

    /// An integer (or bool) pattern.
    pub(super) fn int_pattern<'p>(&self, pattern: &'p syn::Pat) -> Result<Pattern<'p>> {
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

    pub(super) fn constant_named(&self, name: &str, span: Span) -> Result<i64> {
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
    pub(super) fn constant_int(&self, expr: &syn::Expr) -> Result<i64> {
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

    pub(super) fn any_equal(&mut self, value: &Value, values: &[i64]) -> Operand {
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

    pub(super) fn in_range(
        &mut self,
        value: &Value,
        low: Option<i64>,
        high: Option<i64>,
    ) -> Operand {
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

    pub(super) fn match_expr(&mut self, matching: &syn::ExprMatch) -> Result<Value> {
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
            let bindings = self.match_result_call(call, &cases, None, matching.span())?;
            // Each arm sees only its own bindings.
            let scopes = arms
                .iter()
                .map(|&arm| {
                    bindings
                        .iter()
                        .filter(|(block, _, _)| *block == arm)
                        .map(|(_, name, var)| (name.clone(), *var))
                        .collect()
                })
                .collect();
            return self.lower_arms_scoped(matching, &arms, done, result, scopes);
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

    pub(super) fn lower_arms_scoped(
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
        self.join(done, result)
    }

    /// A call of a function returning `Result`, matched: `Ok(p)` patterns go to their block
    /// with the value, `Err(p)` ones to theirs with the exception (`otherwise` takes what no
    /// pattern takes, for `if let`).
    pub(super) fn match_result_call(
        &mut self,
        call: FallibleCall,
        cases: &[(&syn::Pat, usize)],
        otherwise: Option<usize>,
        span: Span,
    ) -> Result<Vec<(usize, String, Var)>> {
        let value = self.lower_fallible_call(call)?;
        let Ty::Result(ok_ty, err_ty) = self.inference.resolve(&value.ty) else {
            return Err(self.error(span, "expected a call returning Result"));
        };
        let mut normal = otherwise;
        let mut handler = otherwise;
        let mut exception = None;
        let mut bindings = Vec::new();
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
                        let var = self.copy_at_start(
                            block,
                            name.clone(),
                            value.operand,
                            (*ok_ty).clone(),
                        );
                        bindings.push((block, name, var));
                    }
                }
            } else if tuple.path.is_ident("Err") {
                handler = Some(block);
                if let Some(name) = name {
                    let var = self.new_var((*err_ty).clone(), Some(name.clone()));
                    bindings.push((block, name, var));
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
        Ok(bindings)
    }

    /// `lhs.checked_op(rhs)` matched against `Some(v)` (to `then`, with `v` bound) or not.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn checked_branch(
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

    pub(super) fn label_of(label: &Option<syn::Label>) -> Option<String> {
        label.as_ref().map(|l| l.name.ident.to_string())
    }

    pub(super) fn loop_target(&self, label: Option<&str>, span: Span) -> Result<usize> {
        let found = match label {
            None => self.loops.len().checked_sub(1),
            Some(name) => self
                .loops
                .iter()
                .rposition(|l| l.label.as_deref() == Some(name)),
        };
        found.ok_or_else(|| self.error(span, "`break` or `continue` outside a loop"))
    }

    pub(super) fn loop_expr(&mut self, looping: &syn::ExprLoop) -> Result<Value> {
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
        self.join(exit, value)
    }

    pub(super) fn while_expr(&mut self, looping: &syn::ExprWhile) -> Result<Value> {
        let head = self.new_block();
        let body = self.new_block();
        let exit = self.new_block();
        self.goto(head);
        self.enter(head);
        self.scopes.push(Vec::new());
        self.condition(&looping.cond, body, exit)?;
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
    pub(super) fn for_expr(&mut self, looping: &syn::ExprForLoop) -> Result<Value> {
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
            self.step(cursor, BinaryOp::Sub, ty.clone());
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
            self.step(cursor, BinaryOp::Add, ty.clone());
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
            self.step(cursor, BinaryOp::Add, ty);
            self.goto(head);
        }
        self.enter(exit);
        Ok(Value::unit())
    }

    pub(super) fn break_expr(&mut self, breaking: &syn::ExprBreak) -> Result<Value> {
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
}

/// A call that may return `Result` (resolved by lowering it).
#[derive(Clone, Copy)]
pub(super) enum FallibleCall<'e> {
    Function(&'e syn::ExprCall),
    Method(&'e syn::ExprMethodCall),
}

/// `expr` if it is a call of a function of the translated modules that returns `Result`.
pub(super) fn fallible_call<'e>(
    expr: &'e syn::Expr,
    lowerer: &Lowerer,
) -> Option<FallibleCall<'e>> {
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
            let segments = path_segments(&path.path);
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
pub(super) fn checked_arithmetic(expr: &syn::Expr) -> Option<(BinaryOp, &syn::Expr, &syn::Expr)> {
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
