//! Code generation for `match` statements.
//!
//! A pattern is compiled with the value it matches on top of the stack; on success it
//! has consumed the value (and bound its names), on failure it jumps to a label that pops
//! whatever the pattern had pushed so far (`PatternContext::fail`), then tries the next
//! case.

use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::Ranged;

use super::assembler::Label;
use super::bytecode::{cmpop, Const, Op};
use super::codegen::Compiler;
use super::expressions::constant_of;
use super::CompileError;

struct PatternContext {
    /// `fail_pop[n]` pops n items and goes on to the failure continuation.
    fail_pop: Vec<Label>,
    /// How many items the pattern code has on the stack above the case's base.
    on_top: usize,
}

impl<'a> Compiler<'a> {
    pub fn match_statement(&mut self, m: &'a ast::StmtMatch) -> Result<(), CompileError> {
        self.expression(&m.subject)?;
        let end = self.new_label();
        for (i, case) in m.cases.iter().enumerate() {
            let last = i + 1 == m.cases.len();
            if !last && case.guard.is_none() {
                if let Some(message) = irrefutable_message(&case.pattern) {
                    return self.error(message, case.pattern.range());
                }
            }
            self.set_line(case.range);
            self.emit(Op::COPY, 1);
            let mut context = PatternContext {
                fail_pop: Vec::new(),
                on_top: 1,
            };
            self.pattern(&case.pattern, &mut context)?;
            debug_assert_eq!(context.on_top, 0);
            if let Some(guard) = &case.guard {
                let fail = self.fail_label(&mut context, 0);
                self.condition_jump(guard, false, fail)?;
            }
            self.emit(Op::POP_TOP, 0);
            self.body(&case.body)?;
            self.emit_jump(Op::JUMP_FORWARD, end);
            self.bind_failures(&context);
        }
        self.emit(Op::POP_TOP, 0);
        self.bind(end);
        Ok(())
    }

    fn fail_label(&mut self, context: &mut PatternContext, pops: usize) -> Label {
        while context.fail_pop.len() <= pops {
            let label = self.new_label();
            context.fail_pop.push(label);
        }
        context.fail_pop[pops]
    }

    /// Jump to the failure path (popping what is on top) with `op`.
    fn jump_to_fail(&mut self, context: &mut PatternContext, op: Op) {
        let pops = context.on_top;
        let label = self.fail_label(context, pops);
        self.emit_jump(op, label);
    }

    fn bind_failures(&mut self, context: &PatternContext) {
        if context.fail_pop.is_empty() {
            return;
        }
        for n in (1..context.fail_pop.len()).rev() {
            self.bind(context.fail_pop[n]);
            self.emit(Op::POP_TOP, 0);
        }
        self.bind(context.fail_pop[0]);
    }

    fn pattern(
        &mut self,
        pattern: &'a Pattern,
        context: &mut PatternContext,
    ) -> Result<(), CompileError> {
        self.set_line(pattern.range());
        match pattern {
            Pattern::MatchValue(p) => {
                self.expression(&p.value)?;
                self.emit(Op::COMPARE_OP, cmpop::EQ);
                context.on_top -= 1;
                self.jump_to_fail(context, Op::POP_JUMP_IF_FALSE);
            }
            Pattern::MatchSingleton(p) => {
                self.load_const(match p.value {
                    ast::Singleton::None => Const::None,
                    ast::Singleton::True => Const::True,
                    ast::Singleton::False => Const::False,
                });
                self.emit(Op::IS_OP, 0);
                context.on_top -= 1;
                self.jump_to_fail(context, Op::POP_JUMP_IF_FALSE);
            }
            Pattern::MatchAs(p) => match (&p.pattern, &p.name) {
                (None, None) => {
                    self.emit(Op::POP_TOP, 0);
                    context.on_top -= 1;
                }
                (None, Some(name)) => {
                    self.store_name(name.id.as_str());
                    context.on_top -= 1;
                }
                (Some(sub), name) => {
                    if let Some(name) = name {
                        self.emit(Op::COPY, 1);
                        context.on_top += 1;
                        self.pattern(sub, context)?;
                        self.store_name(name.id.as_str());
                        context.on_top -= 1;
                    } else {
                        self.pattern(sub, context)?;
                    }
                }
            },
            Pattern::MatchStar(p) => {
                match &p.name {
                    Some(name) => self.store_name(name.id.as_str()),
                    None => self.emit(Op::POP_TOP, 0),
                }
                context.on_top -= 1;
            }
            Pattern::MatchOr(p) => {
                let success = self.new_label();
                let depth = self.unit().asm.depth;
                for alternative in &p.patterns {
                    self.emit(Op::COPY, 1);
                    let mut alt = PatternContext {
                        fail_pop: Vec::new(),
                        on_top: 1,
                    };
                    self.pattern(alternative, &mut alt)?;
                    self.emit(Op::POP_TOP, 0);
                    self.emit_jump(Op::JUMP_FORWARD, success);
                    self.bind_failures(&alt);
                    self.unit().asm.depth = depth;
                }
                self.jump_to_fail(context, Op::JUMP_FORWARD);
                self.bind(success);
                context.on_top -= 1;
            }
            Pattern::MatchSequence(p) => {
                let star = p
                    .patterns
                    .iter()
                    .position(|s| matches!(s, Pattern::MatchStar(_)));
                let n = p.patterns.len();
                self.emit(Op::MATCH_SEQUENCE, 0);
                self.jump_to_fail(context, Op::POP_JUMP_IF_FALSE);
                self.emit(Op::GET_LEN, 0);
                match star {
                    None => {
                        self.load_const(Const::Int(n as i64));
                        self.emit(Op::COMPARE_OP, cmpop::EQ);
                    }
                    Some(_) => {
                        self.load_const(Const::Int(n as i64 - 1));
                        self.emit(Op::COMPARE_OP, cmpop::GE);
                    }
                }
                self.jump_to_fail(context, Op::POP_JUMP_IF_FALSE);
                match star {
                    None => self.emit(Op::UNPACK_SEQUENCE, n as u32),
                    Some(position) => self.emit(
                        Op::UNPACK_EX,
                        position as u32 | (((n - position - 1) as u32) << 8),
                    ),
                }
                context.on_top += n;
                context.on_top -= 1;
                for sub in &p.patterns {
                    self.pattern(sub, context)?;
                }
            }
            Pattern::MatchMapping(p) => {
                self.emit(Op::MATCH_MAPPING, 0);
                self.jump_to_fail(context, Op::POP_JUMP_IF_FALSE);
                let n = p.keys.len();
                if n > 0 {
                    self.emit(Op::GET_LEN, 0);
                    self.load_const(Const::Int(n as i64));
                    self.emit(Op::COMPARE_OP, cmpop::GE);
                    self.jump_to_fail(context, Op::POP_JUMP_IF_FALSE);
                }
                let mut seen: Vec<Const> = Vec::new();
                for key in &p.keys {
                    if let Some(c) = constant_of(key) {
                        if seen.contains(&c) {
                            let text = &self.source
                                [key.range().start().to_usize()..key.range().end().to_usize()];
                            return self.error(
                                format!("mapping pattern checks duplicate key ({text})"),
                                key.range(),
                            );
                        }
                        seen.push(c);
                    } else if !matches!(key, Expr::Attribute(_)) {
                        return self.error(
                            "mapping pattern keys may only match literals and attribute lookups",
                            key.range(),
                        );
                    }
                    self.expression(key)?;
                }
                self.emit(Op::BUILD_TUPLE, n as u32);
                context.on_top += 1;
                let with_rest = p.rest.is_some();
                self.emit(Op::MATCH_KEYS, with_rest as u32);
                context.on_top += 1;
                self.emit(Op::COPY, 1);
                self.jump_to_fail(context, Op::POP_JUMP_IF_NONE);
                let count = n + with_rest as usize;
                self.emit(Op::UNPACK_SEQUENCE, count as u32);
                context.on_top += count;
                context.on_top -= 1;
                for sub in &p.patterns {
                    self.pattern(sub, context)?;
                }
                if let Some(rest) = &p.rest {
                    self.store_name(rest.id.as_str());
                    context.on_top -= 1;
                }
                // keys, then the subject
                self.emit(Op::POP_TOP, 0);
                self.emit(Op::POP_TOP, 0);
                context.on_top -= 2;
            }
            Pattern::MatchClass(p) => {
                self.expression(&p.cls)?;
                let names: Vec<Const> = p
                    .arguments
                    .keywords
                    .iter()
                    .map(|k| Const::Str(k.attr.id.to_string()))
                    .collect();
                for (i, k) in p.arguments.keywords.iter().enumerate() {
                    if p.arguments.keywords[..i]
                        .iter()
                        .any(|o| o.attr.id == k.attr.id)
                    {
                        return self.error(
                            format!("attribute name repeated in class pattern: {}", k.attr.id),
                            k.range,
                        );
                    }
                }
                let count = p.arguments.patterns.len() + names.len();
                self.load_const(Const::Tuple(names));
                self.emit(Op::MATCH_CLASS, p.arguments.patterns.len() as u32);
                self.emit(Op::COPY, 1);
                self.jump_to_fail(context, Op::POP_JUMP_IF_NONE);
                self.emit(Op::UNPACK_SEQUENCE, count as u32);
                context.on_top += count;
                context.on_top -= 1;
                for sub in p.arguments.patterns.iter() {
                    self.pattern(sub, context)?;
                }
                for k in &p.arguments.keywords {
                    self.pattern(&k.pattern, context)?;
                }
            }
        }
        Ok(())
    }
}

/// CPython's error for an irrefutable pattern before the last case.
fn irrefutable_message(pattern: &Pattern) -> Option<String> {
    match pattern {
        Pattern::MatchAs(p) if p.pattern.is_none() => Some(match &p.name {
            Some(name) => format!(
                "name capture '{}' makes remaining patterns unreachable",
                name.id
            ),
            None => "wildcard makes remaining patterns unreachable".to_string(),
        }),
        Pattern::MatchOr(p) => p.patterns.iter().find_map(irrefutable_message),
        _ => None,
    }
}
