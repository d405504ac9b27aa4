//! Code generation for the statements that install exception handlers: `try`
//! (`except`, `else`, `finally`, `except*`) and `with`. Each protects a region by pushing
//! a handler on the assembler's handler stack and a `FrameBlock` so that leaving the
//! region early runs its cleanup.

use ruff_python_ast::{self as ast, Stmt};

use super::assembler::{Handler, Label};
use super::bytecode::{Const, Op};
use super::codegen::{Compiler, FrameBlock};
use super::CompileError;

impl<'a> Compiler<'a> {
    /// The body of a `try` with except clauses, protected by a handler; returns the
    /// handler (to bind where the clauses start) and the label after them (`else`).
    fn protected_try_body(&mut self, body: &'a [Stmt]) -> Result<(Handler, Label), CompileError> {
        let handler_label = self.new_label();
        let orelse = self.new_label();
        let handler = self.unit().asm.push_handler(handler_label);
        self.push_block(FrameBlock::TryExcept);
        self.body(body)?;
        self.pop_block();
        self.unit().asm.pop_handler();
        self.emit_jump(Op::JUMP_FORWARD, orelse);
        Ok((handler, orelse))
    }

    /// The cleanup handler of exception-handling code (stack: previous exception, new
    /// exception): handle the previous exception again and pass the new one on.
    fn restore_and_reraise(&mut self, cleanup: Handler) {
        self.unit().asm.bind_handler(cleanup);
        self.emit(Op::SWAP, 2);
        self.emit(Op::POP_EXCEPT, 0);
        self.emit(Op::RERAISE, 0);
    }

    /// `try` in all its forms: a `finally` wraps whatever the except clauses make.
    pub(super) fn try_statement(&mut self, stmt: &'a ast::StmtTry) -> Result<(), CompileError> {
        if !stmt.finalbody.is_empty() {
            self.try_finally(stmt)
        } else {
            self.try_handlers(stmt)
        }
    }

    /// The body with its except (or except*) clauses and else, no finally.
    fn try_handlers(&mut self, stmt: &'a ast::StmtTry) -> Result<(), CompileError> {
        if stmt.handlers.is_empty() {
            self.body(&stmt.body)?;
            return self.body(&stmt.orelse);
        }
        if stmt.is_star {
            self.try_star(stmt)
        } else {
            self.try_except(stmt)
        }
    }

    fn try_except(&mut self, stmt: &'a ast::StmtTry) -> Result<(), CompileError> {
        let cleanup_label = self.new_label();
        let end = self.new_label();
        let (handler, orelse) = self.protected_try_body(&stmt.body)?;

        self.unit().asm.bind_handler(handler);
        let cleanup = self.unit().asm.push_handler(cleanup_label);
        self.emit(Op::PUSH_EXC_INFO, 0);
        for (i, handler) in stmt.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            self.set_line(h.range);
            let next = self.new_label();
            match &h.type_ {
                Some(type_) => {
                    self.expression(type_)?;
                    self.emit(Op::CHECK_EXC_MATCH, 0);
                    self.emit_jump(Op::POP_JUMP_IF_FALSE, next);
                }
                None => {
                    if i + 1 != stmt.handlers.len() {
                        return self.error("default 'except:' must be last", h.range);
                    }
                }
            }
            self.handler_body(h, end)?;
            self.bind(next);
        }
        self.emit(Op::RERAISE, 0);
        self.unit().asm.pop_handler();
        self.restore_and_reraise(cleanup);

        self.bind(orelse);
        self.body(&stmt.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// The body of one except clause, the exception on top of the previous one.
    fn handler_body(
        &mut self,
        h: &'a ast::ExceptHandlerExceptHandler,
        end: Label,
    ) -> Result<(), CompileError> {
        match &h.name {
            Some(name) => {
                let name = name.id.to_string();
                self.store_name(&name);
                let name_cleanup = self.new_label();
                let handler = self.unit().asm.push_handler(name_cleanup);
                self.push_block(FrameBlock::HandlerCleanup {
                    name: Some(name.clone()),
                });
                self.body(&h.body)?;
                self.pop_block();
                self.unit().asm.pop_handler();
                self.emit(Op::POP_EXCEPT, 0);
                self.load_const(Const::None);
                self.store_name(&name);
                self.name_op(&name, ast::ExprContext::Del);
                self.emit_jump(Op::JUMP_FORWARD, end);
                // An exception inside the body: clear the name, then re-raise.
                self.unit().asm.bind_handler(handler);
                self.load_const(Const::None);
                self.store_name(&name);
                self.name_op(&name, ast::ExprContext::Del);
                self.emit(Op::RERAISE, 0);
            }
            None => {
                self.emit(Op::POP_TOP, 0);
                self.push_block(FrameBlock::HandlerCleanup { name: None });
                self.body(&h.body)?;
                self.pop_block();
                self.emit(Op::POP_EXCEPT, 0);
                self.emit_jump(Op::JUMP_FORWARD, end);
            }
        }
        Ok(())
    }

    fn try_finally(&mut self, stmt: &'a ast::StmtTry) -> Result<(), CompileError> {
        let exception_label = self.new_label();
        let cleanup_label = self.new_label();
        let end = self.new_label();
        let handler = self.unit().asm.push_handler(exception_label);
        self.push_block(FrameBlock::FinallyTry {
            body: &stmt.finalbody,
        });
        self.try_handlers(stmt)?;
        self.pop_block();
        self.unit().asm.pop_handler();
        self.body(&stmt.finalbody)?;
        self.emit_jump(Op::JUMP_FORWARD, end);

        self.unit().asm.bind_handler(handler);
        let cleanup = self.unit().asm.push_handler(cleanup_label);
        self.emit(Op::PUSH_EXC_INFO, 0);
        self.push_block(FrameBlock::FinallyEnd);
        self.body(&stmt.finalbody)?;
        self.pop_block();
        self.emit(Op::RERAISE, 0);
        self.unit().asm.pop_handler();
        self.restore_and_reraise(cleanup);
        self.bind(end);
        Ok(())
    }

    /// `try: … except* T as e: …`: each clause takes the matching part of the group
    /// (`CHECK_EG_MATCH`); what no clause matched, and what the clauses raise, is raised
    /// again as one group (`PREP_RERAISE_STAR`).
    fn try_star(&mut self, stmt: &'a ast::StmtTry) -> Result<(), CompileError> {
        let cleanup_label = self.new_label();
        let end = self.new_label();
        let (handler, orelse) = self.protected_try_body(&stmt.body)?;

        // Stack in the handler: prev, orig, list of raised, rest.
        self.unit().asm.bind_handler(handler);
        let cleanup = self.unit().asm.push_handler(cleanup_label);
        self.emit(Op::PUSH_EXC_INFO, 0); // prev, exc
        self.emit(Op::COPY, 1); // prev, orig, rest
        self.emit(Op::BUILD_LIST, 0); // prev, orig, rest, raised
        self.emit(Op::SWAP, 2); // prev, orig, raised, rest
        let reraise = self.new_label();
        for handler in &stmt.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            self.set_line(h.range);
            let next = self.new_label();
            let Some(type_) = &h.type_ else {
                return self.error("expected except* type", h.range);
            };
            self.expression(type_)?;
            self.emit(Op::CHECK_EG_MATCH, 0); // prev, orig, raised, rest, match
            self.emit(Op::COPY, 1);
            self.emit_jump(Op::POP_JUMP_IF_NONE, next);
            // prev, orig, raised, rest, match
            match &h.name {
                Some(name) => self.store_name(name.id.as_str()),
                None => self.emit(Op::POP_TOP, 0),
            }
            // Run the body; an exception it raises is added to `raised`.
            let body_handler_label = self.new_label();
            let body_done = self.new_label();
            let body_handler = self.unit().asm.push_handler(body_handler_label);
            self.push_block(FrameBlock::TryExcept);
            self.body(&h.body)?;
            self.pop_block();
            self.unit().asm.pop_handler();
            self.emit_jump(Op::JUMP_FORWARD, body_done);
            self.unit().asm.bind_handler(body_handler);
            // prev, orig, raised, rest, exc
            self.emit(Op::COPY, 3);
            self.emit(Op::SWAP, 2);
            self.emit(Op::LIST_APPEND, 1);
            self.emit(Op::POP_TOP, 0);
            self.bind(body_done);
            if let Some(name) = &h.name {
                self.load_const(Const::None);
                self.store_name(name.id.as_str());
                self.name_op(name.id.as_str(), ast::ExprContext::Del);
            }
            let after = self.new_label();
            self.emit_jump(Op::JUMP_FORWARD, after);
            self.bind(next);
            self.emit(Op::POP_TOP, 0); // the None match
            self.bind(after);
            // An empty rest ends the matching.
            self.emit(Op::COPY, 1);
            self.emit_jump(Op::POP_JUMP_IF_NONE, reraise);
        }
        self.bind(reraise);
        // prev, orig, raised, rest
        self.emit(Op::LIST_APPEND, 1); // prev, orig, raised+[rest]
        self.emit(Op::PREP_RERAISE_STAR, 0); // prev, to_raise
        self.emit(Op::COPY, 1);
        let nothing = self.new_label();
        self.emit_jump(Op::POP_JUMP_IF_NONE, nothing);
        self.emit(Op::RERAISE, 0);
        self.bind(nothing);
        self.emit(Op::POP_TOP, 0);
        self.emit(Op::POP_EXCEPT, 0);
        self.emit_jump(Op::JUMP_FORWARD, end);
        self.unit().asm.pop_handler();
        self.restore_and_reraise(cleanup);
        self.bind(orelse);
        self.body(&stmt.orelse)?;
        self.bind(end);
        Ok(())
    }

    pub(super) fn with_statement(
        &mut self,
        stmt: &'a ast::StmtWith,
        item: usize,
    ) -> Result<(), CompileError> {
        let with_item = &stmt.items[item];
        self.set_line(with_item.range);
        let exception_label = self.new_label();
        let cleanup_label = self.new_label();
        let end = self.new_label();
        self.expression(&with_item.context_expr)?;
        if stmt.is_async {
            self.emit(Op::BEFORE_ASYNC_WITH, 0);
            self.await_value();
        } else {
            self.emit(Op::BEFORE_WITH, 0);
        }
        let handler = self.unit().asm.push_handler_below(exception_label, 1);
        self.push_block(FrameBlock::With {
            is_async: stmt.is_async,
        });
        match &with_item.optional_vars {
            Some(target) => self.assign(target)?,
            None => self.emit(Op::POP_TOP, 0),
        }
        if item + 1 < stmt.items.len() {
            self.with_statement(stmt, item + 1)?;
        } else {
            self.body(&stmt.body)?;
        }
        self.pop_block();
        self.unit().asm.pop_handler();
        self.set_line(stmt.range);
        self.emit(Op::PUSH_NULL, 0);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.emit(Op::CALL, 3);
        if stmt.is_async {
            self.await_value();
        }
        self.emit(Op::POP_TOP, 0);
        self.emit_jump(Op::JUMP_FORWARD, end);

        // exit, exc
        self.unit().asm.bind_handler(handler);
        let cleanup = self.unit().asm.push_handler(cleanup_label);
        self.emit(Op::PUSH_EXC_INFO, 0); // exit, prev, exc
        self.emit(Op::WITH_EXCEPT_START, 0); // exit, prev, exc, result
        if stmt.is_async {
            self.await_value();
        }
        let suppress = self.new_label();
        self.emit_jump(Op::POP_JUMP_IF_TRUE, suppress);
        self.emit(Op::RERAISE, 0);
        self.bind(suppress);
        self.emit(Op::POP_TOP, 0);
        self.emit(Op::POP_EXCEPT, 0);
        self.emit(Op::POP_TOP, 0);
        self.emit_jump(Op::JUMP_FORWARD, end);
        self.unit().asm.pop_handler();
        self.restore_and_reraise(cleanup);
        self.bind(end);
        Ok(())
    }
}
