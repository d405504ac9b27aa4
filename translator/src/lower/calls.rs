//! Lowering calls: functions of the translated modules, methods of GC objects, arrays and
//! options, allocation, and the macros traced code may use (panics, driver hints).

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::control::FallibleCall;
use super::*;

impl Lowerer<'_> {
    pub(super) fn call(&mut self, call: &syn::ExprCall) -> Result<Value> {
        let syn::Expr::Path(path) = &*call.func else {
            return Err(self.unsupported(
                call.func.span(),
                "calling something other than a named function",
            ));
        };
        let segments = path_segments(&path.path);
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
            (_, "record_exact_class") => {
                let syn::PathArguments::AngleBracketed(generics) =
                    &path.path.segments.last().expect("a segment").arguments
                else {
                    return Err(self
                        .error(
                            span,
                            "`record_exact_class` needs the class as a type argument",
                        )
                        .suggest("write `record_exact_class::<Node>(object)`"));
                };
                let owner = self.class_argument(generics, span)?;
                let object = self.expr(single_argument(call, self)?)?;
                self.unify(&object.ty, &Ty::GcRef, span)?;
                self.emit(Op::RecordExactClass {
                    object: object.operand,
                    owner,
                });
                return Ok(Value::unit());
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
    pub(super) fn call_function(
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

    pub(super) fn lower_fallible_call(&mut self, call: FallibleCall) -> Result<Value> {
        match call {
            FallibleCall::Function(call) => self.call(call),
            FallibleCall::Method(call) => self.method_call(call),
        }
    }

    pub(super) fn method_call(&mut self, call: &syn::ExprMethodCall) -> Result<Value> {
        let method = call.method.to_string();
        let span = call.span();
        if let Some(generics) = &call.turbofish {
            return self.class_method(call, &method, generics);
        }
        // Allocation: `Gc::new(Struct { .. }).unwrap()`, `Array::new(n, fill).expect(..)`.
        if matches!(method.as_str(), "unwrap" | "expect") {
            if let syn::Expr::Call(inner) = strip_parens(&call.receiver) {
                if let syn::Expr::Path(path) = &*inner.func {
                    let segments = path_segments(&path.path);
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
            Ty::Gc(_) if method == "erase" && arguments.is_empty() => {
                let dst = self.temp(Ty::GcRef);
                self.emit(Op::Copy {
                    dst,
                    src: receiver.operand,
                });
                Ok(Value {
                    operand: Operand::Var(dst),
                    ty: Ty::GcRef,
                })
            }
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
                        let structure = structure.expect("the field was found in it");
                        if structure.quasi_immutable.iter().any(|q| q == field) {
                            // As the generated setter does natively.
                            let index = structure
                                .fields
                                .iter()
                                .position(|(n, _)| n == field)
                                .expect("the field is there");
                            self.emit(Op::Call {
                                dst: None,
                                callee: "ferrite::field_written".into(),
                                args: vec![receiver.operand, Operand::Int(index as i64)],
                            });
                        }
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

    /// The struct a class hint's type argument names (`::<Node>`).
    fn class_argument(
        &self,
        generics: &syn::AngleBracketedGenericArguments,
        span: Span,
    ) -> Result<String> {
        let owner = match generics.args.iter().collect::<Vec<_>>().as_slice() {
            [syn::GenericArgument::Type(syn::Type::Path(ty))] if ty.qself.is_none() => ty
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        if !self.items.structs.contains_key(&owner) {
            return Err(self
                .error(
                    span,
                    "a class is named by a #[gc_object] struct of the translated modules",
                )
                .suggest("write `::<Node>` with `Node` a #[gc_object] struct"));
        }
        Ok(owner)
    }

    /// `r.is::<T>()` and `r.downcast::<T>()` on a `GcRef`: class checks, which the trace
    /// specializes on (`guard_class`).
    fn class_method(
        &mut self,
        call: &syn::ExprMethodCall,
        method: &str,
        generics: &syn::AngleBracketedGenericArguments,
    ) -> Result<Value> {
        let span = call.span();
        if !matches!(method, "is" | "downcast") || !call.args.is_empty() {
            return Err(self
                .unsupported(span, "a method call with a turbofish")
                .suggest("traced code has `r.is::<T>()` and `r.downcast::<T>()` on a `GcRef`"));
        }
        let owner = self.class_argument(generics, span)?;
        let receiver = self.expr(&call.receiver)?;
        self.unify(&receiver.ty, &Ty::GcRef, span)?;
        let is = self.temp(Ty::Bool);
        self.emit(Op::IsClass {
            dst: is,
            object: receiver.operand,
            owner: owner.clone(),
        });
        if method == "is" {
            return Ok(Self::bool_value(is));
        }
        // `downcast`: the reference itself, or null.
        let ty = Ty::Nullable(Box::new(Ty::Gc(owner)));
        let dst = self.temp(ty.clone());
        let (yes, no, done) = (self.new_block(), self.new_block(), self.new_block());
        self.close(Exit::Branch {
            cond: Operand::Var(is),
            then: Self::block_id(yes),
            otherwise: Self::block_id(no),
        });
        self.enter(yes);
        self.emit(Op::Copy {
            dst,
            src: receiver.operand,
        });
        self.goto(done);
        self.enter(no);
        self.emit(Op::Copy {
            dst,
            src: Operand::Null,
        });
        self.goto(done);
        self.enter(done);
        Ok(Value {
            operand: Operand::Var(dst),
            ty,
        })
    }

    pub(super) fn field_type(
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

    pub(super) fn array_method(
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
    pub(super) fn index(
        &mut self,
        array: Operand,
        index: &syn::Expr,
        element: &Ty,
    ) -> Result<Operand> {
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

    /// `Gc::new(Struct { field: value, .. }).unwrap()`.
    pub(super) fn new_object(&mut self, call: &syn::ExprCall) -> Result<Value> {
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
        // `new` zero-fills; the stores follow at once (before anything can see the object,
        // which matters for non-nullable references: see `allocate_for_initialization`).
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
    pub(super) fn new_array(
        &mut self,
        call: &syn::ExprCall,
        path: &syn::ExprPath,
    ) -> Result<Value> {
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
            self.step(index, BinaryOp::Add, Ty::Int(IntTy::Usize));
            self.goto(head);
            self.enter(done);
        }
        Ok(Value {
            operand: Operand::Var(dst),
            ty,
        })
    }

    pub(super) fn macro_call(&mut self, mac: &syn::Macro) -> Result<Value> {
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
    pub(super) fn driver_hint(&mut self, mac: &syn::Macro, merge_point: bool) -> Result<Value> {
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
            let virtualizable = match &declaration.virtualizable {
                Some(name) => {
                    let var = reds[declaration
                        .reds
                        .iter()
                        .position(|red| red == name)
                        .expect("the declaration checked it is a red")];
                    self.check_virtualizable(var, name, mac.path.span())?;
                    Some(var)
                }
                None => None,
            };
            self.emit(Op::MergePoint {
                driver: number,
                greens,
                reds,
                virtualizable,
            });
        } else {
            self.emit(Op::CanEnterJit { driver: number });
        }
        Ok(Value::unit())
    }
}

impl Lowerer<'_> {
    /// The driver's virtualizable red `var` (named `name`) must be a `Gc<T>` of a struct
    /// with `#[virtualizable]` fields, none of them quasi-immutable.
    fn check_virtualizable(&self, var: Var, name: &str, span: proc_macro2::Span) -> Result<()> {
        let ty = self.var_ty(var);
        let structure = match &ty {
            Ty::Gc(owner) => self.items.structs.get(owner),
            _ => None,
        };
        match structure {
            Some(structure) if !structure.virtualizable.is_empty() => Ok(()),
            Some(structure) => Err(self
                .error(
                    span,
                    format!(
                        "the virtualizable `{name}` is a `Gc<{}>`, which has no #[virtualizable] fields",
                        structure.name
                    ),
                )
                .suggest("mark the frame's fields that traces should keep in registers #[virtualizable]")),
            None => Err(self
                .error(
                    span,
                    format!(
                        "the virtualizable `{name}` must be a `Gc<T>` of a #[gc_object] struct, not `{}`",
                        ty
                    ),
                )
                .suggest("declare the red's type, e.g. `let frame: Gc<Frame> = ..`")),
        }
    }
}

/// The literal message of a `panic!("...")`-like macro (format arguments are not filled in).
pub(super) fn macro_message(mac: &syn::Macro) -> Option<String> {
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
