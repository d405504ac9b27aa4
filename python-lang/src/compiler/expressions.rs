//! Code generation for expressions, including calls, comprehensions, f-strings and
//! constant folding.

use ruff_python_ast::{self as ast, Expr, Number, Operator};
use ruff_text_size::{Ranged, TextRange};

use super::bytecode::{binop, cmpop, Const, Op};
use super::codegen::{describe, Compiler, FunctionBody};
use super::CompileError;

pub fn binary_operator(op: Operator) -> u32 {
    match op {
        Operator::Add => binop::ADD,
        Operator::Sub => binop::SUB,
        Operator::Mult => binop::MUL,
        Operator::MatMult => binop::MATMUL,
        Operator::Div => binop::TRUEDIV,
        Operator::FloorDiv => binop::FLOORDIV,
        Operator::Mod => binop::MOD,
        Operator::Pow => binop::POW,
        Operator::LShift => binop::LSHIFT,
        Operator::RShift => binop::RSHIFT,
        Operator::BitAnd => binop::AND,
        Operator::BitOr => binop::OR,
        Operator::BitXor => binop::XOR,
    }
}

/// The constant an expression denotes, if it is one (folding what CPython folds that
/// cannot fail: signs of numbers, tuples of constants, small arithmetic).
pub fn constant_of(expr: &Expr) -> Option<Const> {
    match expr {
        Expr::NoneLiteral(_) => Some(Const::None),
        Expr::BooleanLiteral(b) => Some(if b.value { Const::True } else { Const::False }),
        Expr::EllipsisLiteral(_) => Some(Const::Ellipsis),
        Expr::NumberLiteral(n) => Some(match &n.value {
            Number::Int(i) => match i.as_i64() {
                Some(v) => Const::Int(v),
                None => Const::BigInt(i.to_string()),
            },
            Number::Float(f) => Const::Float(*f),
            Number::Complex { real, imag } => Const::Complex(*real, *imag),
        }),
        Expr::StringLiteral(s) => Some(Const::Str(s.value.to_str().to_string())),
        Expr::BytesLiteral(b) => Some(Const::Bytes(
            b.value
                .as_slice()
                .iter()
                .flat_map(|part| part.value.iter().copied())
                .collect(),
        )),
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => match constant_of(&u.operand)? {
            Const::Int(v) if v != i64::MIN => Some(Const::Int(-v)),
            Const::Float(f) => Some(Const::Float(-f)),
            Const::Complex(r, i) => Some(Const::Complex(-r, -i)),
            _ => None,
        },
        Expr::Tuple(t) => {
            let items: Option<Vec<Const>> = t.elts.iter().map(constant_of).collect();
            items.map(Const::Tuple)
        }
        Expr::BinOp(b) => {
            let left = constant_of(&b.left)?;
            let right = constant_of(&b.right)?;
            match (left, right, b.op) {
                (Const::Int(x), Const::Int(y), Operator::Add) => x.checked_add(y).map(Const::Int),
                (Const::Int(x), Const::Int(y), Operator::Sub) => x.checked_sub(y).map(Const::Int),
                (Const::Int(x), Const::Int(y), Operator::Mult) => x.checked_mul(y).map(Const::Int),
                (Const::Float(x), Const::Float(y), Operator::Add) => Some(Const::Float(x + y)),
                (Const::Float(x), Const::Float(y), Operator::Sub) => Some(Const::Float(x - y)),
                (Const::Float(x), Const::Float(y), Operator::Mult) => Some(Const::Float(x * y)),
                (Const::Str(x), Const::Str(y), Operator::Add) if x.len() + y.len() <= 4096 => {
                    Some(Const::Str(x + &y))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

impl<'a> Compiler<'a> {
    /// Compile an expression; its instructions carry its source range (a subexpression's
    /// carry their own), as CPython's locations do for traceback markers.
    pub fn expression(&mut self, expr: &'a Expr) -> Result<(), CompileError> {
        let outer = self.location();
        self.set_line(expr.range());
        let result = self.expression_at(expr);
        self.restore_location(outer);
        result
    }

    fn expression_at(&mut self, expr: &'a Expr) -> Result<(), CompileError> {
        if let Some(value) = constant_of(expr) {
            self.load_const(value);
            return Ok(());
        }
        match expr {
            Expr::Name(name) => self.load_name(name.id.as_str()),
            Expr::Attribute(attribute) => {
                self.expression(&attribute.value)?;
                self.set_line(attribute.range);
                let i = self.name_index(attribute.attr.id.as_str());
                self.emit(Op::LOAD_ATTR, i);
            }
            Expr::Subscript(subscript) => {
                self.expression(&subscript.value)?;
                self.subscript_index(&subscript.slice)?;
                self.set_line(subscript.range);
                self.emit(Op::BINARY_SUBSCR, 0);
            }
            Expr::BinOp(b) => {
                self.expression(&b.left)?;
                self.expression(&b.right)?;
                self.set_line(b.range);
                self.emit(Op::BINARY_OP, binary_operator(b.op));
            }
            Expr::UnaryOp(u) => {
                self.expression(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => Op::UNARY_INVERT,
                    ast::UnaryOp::Not => Op::UNARY_NOT,
                    ast::UnaryOp::UAdd => Op::UNARY_POSITIVE,
                    ast::UnaryOp::USub => Op::UNARY_NEGATIVE,
                };
                self.emit(op, 0);
            }
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let op = match b.op {
                    ast::BoolOp::And => Op::JUMP_IF_FALSE_OR_POP,
                    ast::BoolOp::Or => Op::JUMP_IF_TRUE_OR_POP,
                };
                for (i, value) in b.values.iter().enumerate() {
                    self.expression(value)?;
                    if i + 1 < b.values.len() {
                        self.emit_jump(op, end);
                    }
                }
                self.bind(end);
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::Call(call) => self.call(call)?,
            Expr::Tuple(t) => self.sequence_display(&t.elts, Op::BUILD_TUPLE)?,
            Expr::List(l) => self.sequence_display(&l.elts, Op::BUILD_LIST)?,
            Expr::Set(s) => self.sequence_display(&s.elts, Op::BUILD_SET)?,
            Expr::Dict(d) => self.dict_display(d)?,
            Expr::If(i) => {
                let otherwise = self.new_label();
                let end = self.new_label();
                self.condition_jump(&i.test, false, otherwise)?;
                self.expression(&i.body)?;
                self.emit_jump(Op::JUMP_FORWARD, end);
                self.bind(otherwise);
                self.expression(&i.orelse)?;
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expression(&n.value)?;
                self.emit(Op::COPY, 1);
                match &*n.target {
                    Expr::Name(name) => self.store_name(name.id.as_str()),
                    other => {
                        return self.error(
                            format!("cannot use assignment expressions with {}", describe(other)),
                            other.range(),
                        )
                    }
                }
            }
            Expr::Lambda(lambda) => {
                let mut make_flags = 0;
                if let Some(parameters) = &lambda.parameters {
                    make_flags = self.function_defaults(parameters)?;
                }
                let code = self.function_body(
                    lambda.range,
                    "<lambda>",
                    lambda.parameters.as_deref(),
                    FunctionBody::Expression(&lambda.body),
                )?;
                self.make_function(code, make_flags)?;
            }
            Expr::ListComp(c) => {
                self.comprehension(c.range, &c.generators, Comprehension::List(&c.elt))?
            }
            Expr::SetComp(c) => {
                self.comprehension(c.range, &c.generators, Comprehension::Set(&c.elt))?
            }
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return self.error(
                        "dict unpacking cannot be used in dict comprehension",
                        c.range,
                    );
                };
                self.comprehension(c.range, &c.generators, Comprehension::Dict(key, &c.value))?
            }
            Expr::Generator(c) => {
                self.comprehension(c.range, &c.generators, Comprehension::Generator(&c.elt))?
            }
            Expr::Yield(y) => {
                match &y.value {
                    Some(value) => self.expression(value)?,
                    None => self.load_const(Const::None),
                }
                self.emit(Op::YIELD_VALUE, 0);
            }
            Expr::YieldFrom(y) => {
                if self.unit().code.flags & super::bytecode::flags::ASYNC_GENERATOR != 0 {
                    return self.error("'yield from' inside async function", y.range);
                }
                self.expression(&y.value)?;
                self.emit(Op::GET_YIELD_FROM_ITER, 0);
                self.load_const(Const::None);
                self.yield_from_loop();
            }
            Expr::Await(a) => {
                self.expression(&a.value)?;
                self.await_value();
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::Starred(s) => return self.error("can't use starred expression here", s.range),
            Expr::Slice(s) => {
                let n = self.slice_parts(s)?;
                self.emit(Op::BUILD_SLICE, n);
            }
            Expr::TString(t) => return self.error("invalid syntax", t.range),
            Expr::IpyEscapeCommand(c) => return self.error("invalid syntax", c.range),
            _ => unreachable!("constants are handled above"),
        }
        Ok(())
    }

    /// `await`: get the awaitable's iterator and run it to completion, yielding what it
    /// yields.
    pub fn await_value(&mut self) {
        self.emit(Op::GET_AWAITABLE, 0);
        self.load_const(Const::None);
        self.yield_from_loop();
    }

    /// With receiver and first value on the stack: `SEND`/`YIELD_VALUE` until the
    /// receiver returns; leaves its return value.
    pub fn yield_from_loop(&mut self) {
        let start = self.new_label();
        let done = self.new_label();
        self.bind(start);
        self.emit_jump(Op::SEND, done);
        self.emit(Op::YIELD_VALUE, 1);
        self.emit_jump(Op::JUMP_BACKWARD, start);
        self.bind(done);
    }

    pub fn subscript_index(&mut self, slice: &'a Expr) -> Result<(), CompileError> {
        match slice {
            Expr::Slice(s) => {
                let n = self.slice_parts(s)?;
                self.emit(Op::BUILD_SLICE, n);
            }
            other => self.expression(other)?,
        }
        Ok(())
    }

    fn slice_parts(&mut self, s: &'a ast::ExprSlice) -> Result<u32, CompileError> {
        for part in [&s.lower, &s.upper] {
            match part {
                Some(e) => self.expression(e)?,
                None => self.load_const(Const::None),
            }
        }
        if let Some(step) = &s.step {
            self.expression(step)?;
            return Ok(3);
        }
        Ok(2)
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> Result<(), CompileError> {
        self.expression(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.expression(&c.comparators[0])?;
            self.set_line(c.range);
            self.compare_op(c.ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n {
            self.expression(&c.comparators[i])?;
            if i + 1 < n {
                self.emit(Op::SWAP, 2);
                self.emit(Op::COPY, 2);
                self.compare_op(c.ops[i]);
                self.emit_jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
            } else {
                self.compare_op(c.ops[i]);
            }
        }
        self.emit_jump(Op::JUMP_FORWARD, end);
        self.bind(cleanup);
        self.emit(Op::SWAP, 2);
        self.emit(Op::POP_TOP, 0);
        self.bind(end);
        Ok(())
    }

    fn compare_op(&mut self, op: ast::CmpOp) {
        match op {
            ast::CmpOp::Eq => self.emit(Op::COMPARE_OP, cmpop::EQ),
            ast::CmpOp::NotEq => self.emit(Op::COMPARE_OP, cmpop::NE),
            ast::CmpOp::Lt => self.emit(Op::COMPARE_OP, cmpop::LT),
            ast::CmpOp::LtE => self.emit(Op::COMPARE_OP, cmpop::LE),
            ast::CmpOp::Gt => self.emit(Op::COMPARE_OP, cmpop::GT),
            ast::CmpOp::GtE => self.emit(Op::COMPARE_OP, cmpop::GE),
            ast::CmpOp::Is => self.emit(Op::IS_OP, 0),
            ast::CmpOp::IsNot => self.emit(Op::IS_OP, 1),
            ast::CmpOp::In => self.emit(Op::CONTAINS_OP, 0),
            ast::CmpOp::NotIn => self.emit(Op::CONTAINS_OP, 1),
        }
    }

    /// Jump to `target` if `expr`'s truth is `when`, else fall through.
    pub fn condition_jump(
        &mut self,
        expr: &'a Expr,
        when: bool,
        target: super::assembler::Label,
    ) -> Result<(), CompileError> {
        match expr {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
                return self.condition_jump(&u.operand, !when, target);
            }
            Expr::BoolOp(b) => {
                let is_and = b.op == ast::BoolOp::And;
                // `a and b` jumps when false as soon as one is false; when true only at the end.
                if is_and != when {
                    for value in &b.values {
                        self.condition_jump(value, when, target)?;
                    }
                } else {
                    let skip = self.new_label();
                    let last = b.values.len() - 1;
                    for value in &b.values[..last] {
                        self.condition_jump(value, !when, skip)?;
                    }
                    self.condition_jump(&b.values[last], when, target)?;
                    self.bind(skip);
                }
                return Ok(());
            }
            Expr::Compare(c)
                if c.ops.len() == 1
                    && matches!(c.ops[0], ast::CmpOp::Is | ast::CmpOp::IsNot)
                    && matches!(&c.comparators[0], Expr::NoneLiteral(_)) =>
            {
                self.expression(&c.left)?;
                let is = c.ops[0] == ast::CmpOp::Is;
                let op = if is == when {
                    Op::POP_JUMP_IF_NONE
                } else {
                    Op::POP_JUMP_IF_NOT_NONE
                };
                self.emit_jump(op, target);
                return Ok(());
            }
            _ => {}
        }
        self.expression(expr)?;
        self.emit_jump(
            if when {
                Op::POP_JUMP_IF_TRUE
            } else {
                Op::POP_JUMP_IF_FALSE
            },
            target,
        );
        Ok(())
    }

    fn sequence_display(&mut self, elements: &'a [Expr], build: Op) -> Result<(), CompileError> {
        let has_star = elements.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !has_star {
            for e in elements {
                self.expression(e)?;
            }
            self.emit(build, elements.len() as u32);
            return Ok(());
        }
        // Build a list (or set) piece by piece, then convert.
        let (start, extend, add) = if build == Op::BUILD_SET {
            (Op::BUILD_SET, Op::SET_UPDATE, Op::SET_ADD)
        } else {
            (Op::BUILD_LIST, Op::LIST_EXTEND, Op::LIST_APPEND)
        };
        self.emit(start, 0);
        for e in elements {
            match e {
                Expr::Starred(s) => {
                    self.expression(&s.value)?;
                    self.emit(extend, 1);
                }
                other => {
                    self.expression(other)?;
                    self.emit(add, 1);
                }
            }
        }
        if build == Op::BUILD_TUPLE {
            self.emit(Op::LIST_TO_TUPLE, 0);
        }
        Ok(())
    }

    fn dict_display(&mut self, d: &'a ast::ExprDict) -> Result<(), CompileError> {
        let has_unpack = d.items.iter().any(|i| i.key.is_none());
        if !has_unpack {
            for item in &d.items {
                if let Some(key) = &item.key {
                    self.expression(key)?;
                }
                self.expression(&item.value)?;
            }
            self.emit(Op::BUILD_MAP, d.items.len() as u32);
            return Ok(());
        }
        self.emit(Op::BUILD_MAP, 0);
        for item in &d.items {
            match &item.key {
                Some(key) => {
                    self.expression(key)?;
                    self.expression(&item.value)?;
                    self.emit(Op::MAP_ADD, 1);
                }
                None => {
                    self.expression(&item.value)?;
                    self.emit(Op::DICT_UPDATE, 1);
                }
            }
        }
        Ok(())
    }

    fn call(&mut self, call: &'a ast::ExprCall) -> Result<(), CompileError> {
        // obj.method(...) without star-arguments: LOAD_METHOD avoids a bound method.
        if let Expr::Attribute(attribute) = &*call.func {
            let simple = !call
                .arguments
                .args
                .iter()
                .any(|a| matches!(a, Expr::Starred(_)))
                && !call.arguments.keywords.iter().any(|k| k.arg.is_none());
            if simple {
                let call_location = self.location();
                self.expression(&attribute.value)?;
                self.set_line(attribute.range);
                let i = self.name_index(attribute.attr.id.as_str());
                self.emit(Op::LOAD_METHOD, i);
                self.restore_location(call_location);
                return self.call_arguments(&call.arguments, 0);
            }
        }
        self.expression(&call.func)?;
        self.emit(Op::PUSH_NULL, 0);
        self.call_arguments(&call.arguments, 0)
    }

    /// Push the arguments and emit the call; `already` positional arguments are on the
    /// stack (a class definition's function and name).
    pub fn call_arguments(
        &mut self,
        arguments: &'a ast::Arguments,
        already: u32,
    ) -> Result<(), CompileError> {
        let has_star = arguments.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let has_double_star = arguments.keywords.iter().any(|k| k.arg.is_none());
        if !has_star && !has_double_star {
            for a in arguments.args.iter() {
                self.expression(a)?;
            }
            let mut names = Vec::new();
            for k in arguments.keywords.iter() {
                self.expression(&k.value)?;
                let name = k.arg.as_ref().map(|a| a.id.to_string()).unwrap_or_default();
                if names.contains(&Const::Str(name.clone())) {
                    return self.error(format!("keyword argument repeated: {name}"), k.range);
                }
                names.push(Const::Str(name));
            }
            let count = already + arguments.args.len() as u32 + names.len() as u32;
            if names.is_empty() {
                self.emit(Op::CALL, count);
            } else {
                self.load_const(Const::Tuple(names));
                self.emit(Op::CALL_KW, count);
            }
            return Ok(());
        }
        // The general form: a tuple of positional arguments and a dict of keywords. A
        // lone `*args` is passed as it is (CALL_FUNCTION_EX makes the tuple), as CPython's.
        match (already, &arguments.args[..]) {
            (0, [Expr::Starred(s)]) => self.expression(&s.value)?,
            _ => {
                self.emit(Op::BUILD_LIST, already);
                for a in arguments.args.iter() {
                    match a {
                        Expr::Starred(s) => {
                            self.expression(&s.value)?;
                            self.emit(Op::LIST_EXTEND, 1);
                        }
                        other => {
                            self.expression(other)?;
                            self.emit(Op::LIST_APPEND, 1);
                        }
                    }
                }
                self.emit(Op::LIST_TO_TUPLE, 0);
            }
        }
        let mut flags = 0;
        if !arguments.keywords.is_empty() {
            flags = 1;
            self.emit(Op::BUILD_MAP, 0);
            for k in arguments.keywords.iter() {
                match &k.arg {
                    Some(name) => {
                        self.load_const(Const::Str(name.id.to_string()));
                        self.expression(&k.value)?;
                        self.emit(Op::MAP_ADD, 1);
                    }
                    None => {
                        self.expression(&k.value)?;
                        self.emit(Op::DICT_MERGE, 1);
                    }
                }
            }
        }
        self.emit(Op::CALL_FUNCTION_EX, flags);
        Ok(())
    }

    fn comprehension(
        &mut self,
        range: TextRange,
        generators: &'a [ast::Comprehension],
        kind: Comprehension<'a>,
    ) -> Result<(), CompileError> {
        let name = match kind {
            Comprehension::List(_) => "<listcomp>",
            Comprehension::Set(_) => "<setcomp>",
            Comprehension::Dict(..) => "<dictcomp>",
            Comprehension::Generator(_) => "<genexpr>",
        };
        let private = self.child_private();
        self.enter_child_unit(range, name, private);
        self.unit().code.arg_count = 1;
        match kind {
            Comprehension::List(_) => self.emit(Op::BUILD_LIST, 0),
            Comprehension::Set(_) => self.emit(Op::BUILD_SET, 0),
            Comprehension::Dict(..) => self.emit(Op::BUILD_MAP, 0),
            Comprehension::Generator(_) => {}
        }
        self.comprehension_generator(generators, 0, kind)?;
        if matches!(kind, Comprehension::Generator(_)) {
            self.load_const(Const::None);
        }
        self.emit(Op::RETURN_VALUE, 0);
        let code = self.leave_unit();
        let is_async_code = code.flags
            & (super::bytecode::flags::COROUTINE | super::bytecode::flags::ASYNC_GENERATOR)
            != 0;
        self.make_function(code, 0)?;
        self.emit(Op::PUSH_NULL, 0);
        self.expression(&generators[0].iter)?;
        if generators[0].is_async {
            self.emit(Op::GET_AITER, 0);
        } else {
            self.emit(Op::GET_ITER, 0);
        }
        self.emit(Op::CALL, 1);
        if is_async_code && !matches!(kind, Comprehension::Generator(_)) {
            self.await_value();
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        kind: Comprehension<'a>,
    ) -> Result<(), CompileError> {
        let generator = &generators[index];
        let start = self.new_label();
        let done = self.new_label();
        if index == 0 {
            self.emit(Op::LOAD_FAST, 0);
        } else {
            self.expression(&generator.iter)?;
            if generator.is_async {
                self.emit(Op::GET_AITER, 0);
            } else {
                self.emit(Op::GET_ITER, 0);
            }
        }
        let handler = if generator.is_async {
            self.bind(start);
            let handler_label = self.new_label();
            let handler = self.unit().asm.push_handler(handler_label);
            self.emit(Op::GET_ANEXT, 0);
            self.load_const(Const::None);
            self.yield_from_loop();
            self.unit().asm.pop_handler();
            Some(handler)
        } else {
            self.bind(start);
            self.emit_jump(Op::FOR_ITER, done);
            None
        };
        self.assign(&generator.target)?;
        for condition in &generator.ifs {
            self.condition_jump(condition, false, start)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, kind)?;
        } else {
            // The collection sits below one iterator per generator.
            let depth = generators.len() as u32 + 1;
            match kind {
                Comprehension::List(e) => {
                    self.expression(e)?;
                    self.emit(Op::LIST_APPEND, depth);
                }
                Comprehension::Set(e) => {
                    self.expression(e)?;
                    self.emit(Op::SET_ADD, depth);
                }
                Comprehension::Dict(k, v) => {
                    self.expression(k)?;
                    self.expression(v)?;
                    self.emit(Op::MAP_ADD, depth);
                }
                Comprehension::Generator(e) => {
                    self.expression(e)?;
                    self.emit(Op::YIELD_VALUE, 0);
                    self.emit(Op::POP_TOP, 0);
                }
            }
        }
        self.emit_jump(Op::JUMP_BACKWARD, start);
        match handler {
            Some(handler) => {
                self.unit().asm.bind_handler(handler);
                self.emit(Op::END_ASYNC_FOR, 0);
            }
            None => self.bind(done),
        }
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> Result<(), CompileError> {
        let mut count = 0;
        for part in f.value.as_slice() {
            match part {
                ast::FStringPart::Literal(literal) => {
                    if !literal.value.is_empty() {
                        self.load_const(Const::Str(literal.value.to_string()));
                        count += 1;
                    }
                }
                ast::FStringPart::FString(fstring) => {
                    count += self.interpolated_elements(&fstring.elements)?;
                }
            }
        }
        if count == 0 {
            self.load_const(Const::Str(String::new()));
        } else if count > 1 {
            self.emit(Op::BUILD_STRING, count);
        }
        Ok(())
    }

    fn interpolated_elements(
        &mut self,
        elements: &'a ast::InterpolatedStringElements,
    ) -> Result<u32, CompileError> {
        let mut count = 0;
        for element in elements.iter() {
            match element {
                ast::InterpolatedStringElement::Literal(literal) => {
                    if !literal.value.is_empty() {
                        self.load_const(Const::Str(literal.value.to_string()));
                        count += 1;
                    }
                }
                ast::InterpolatedStringElement::Interpolation(interpolation) => {
                    let mut conversion = match interpolation.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(debug) = &interpolation.debug_text {
                        let text = &self.source[interpolation.expression.range().start().to_usize()
                            ..interpolation.expression.range().end().to_usize()];
                        let literal = format!("{}{}{}", debug.leading(), text, debug.trailing());
                        self.load_const(Const::Str(literal));
                        count += 1;
                        if conversion == 0 && interpolation.format_spec.is_none() {
                            conversion = 2;
                        }
                    }
                    self.expression(&interpolation.expression)?;
                    let mut arg = conversion;
                    if let Some(spec) = &interpolation.format_spec {
                        let n = self.interpolated_elements(&spec.elements)?;
                        if n == 0 {
                            self.load_const(Const::Str(String::new()));
                        } else if n > 1 {
                            self.emit(Op::BUILD_STRING, n);
                        }
                        arg |= 4;
                    }
                    self.emit(Op::FORMAT_VALUE, arg);
                    count += 1;
                }
            }
        }
        Ok(count)
    }
}

#[derive(Clone, Copy)]
enum Comprehension<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Generator(&'a Expr),
}
