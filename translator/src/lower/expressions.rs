//! Lowering expressions: literals, paths, operators (with integer division's checks),
//! casts and integer methods.

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::*;

impl Lowerer<'_> {
    pub(super) fn literal(&mut self, literal: &syn::Lit) -> Result<Value> {
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

    pub(super) fn path(&mut self, path: &syn::ExprPath) -> Result<Value> {
        let segments = path_segments(&path.path);
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
    pub(super) fn assignee(&mut self, expr: &syn::Expr) -> Result<Var> {
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

    pub(super) fn unary(&mut self, unary: &syn::ExprUnary) -> Result<Value> {
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

    pub(super) fn unary_op(&mut self, op: UnaryOp, value: Value) -> Result<Value> {
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

    pub(super) fn binary(&mut self, binary: &syn::ExprBinary) -> Result<Value> {
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
    pub(super) fn arithmetic(
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
    pub(super) fn division(
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
    pub(super) fn check(&mut self, condition: Operand, message: &str) {
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
    pub(super) fn short_circuit(&mut self, binary: &syn::ExprBinary) -> Result<Value> {
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

    pub(super) fn cast(&mut self, cast: &syn::ExprCast) -> Result<Value> {
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

    pub(super) fn int_method(
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
}
