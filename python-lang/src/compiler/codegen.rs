//! Code generation for statements, scopes and control flow. Expressions are in
//! `expressions.rs`, match patterns in `patterns.rs`; all three are methods of
//! [`Compiler`].
//!
//! Exceptions are handled through the exception table: a protected region is the set of
//! instructions emitted while its handler is on the assembler's handler stack. Leaving a
//! region early (`return`, `break`, `continue`) runs the cleanups of the blocks it leaves
//! (`FrameBlock`), emitting `finally` bodies inline, as CPython does.

use std::collections::HashMap;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::assembler::{add_const, Assembler, Label};
use super::bytecode::{flags, CodeUnit, Const, Op};
use super::symtable::{self, Resolution, ScopeKind, SymbolTable};
use super::{CompileError, CompileMode, LineIndex};

/// A docstring is `consts[0]` of a code object with this flag (a Pyrite flag).
pub const HAS_DOCSTRING: i64 = 0x400_0000;

/// What leaving a block early must undo.
#[derive(Clone)]
pub(super) enum FrameBlock<'a> {
    WhileLoop {
        start: Label,
        exit: Label,
    },
    /// The iterator is on the stack.
    ForLoop {
        start: Label,
        exit: Label,
    },
    /// A try body with an except handler (nothing on the stack).
    TryExcept,
    /// A try body with a finally: leaving runs the final body.
    FinallyTry {
        body: &'a [Stmt],
    },
    /// Running a finally body after an exception: previous exception and the exception
    /// are on the stack.
    FinallyEnd,
    /// A with body: the exit method is on the stack.
    With {
        is_async: bool,
    },
    /// An except body: the previous exception is on the stack, and `name` (if any) must
    /// be cleared.
    HandlerCleanup {
        name: Option<String>,
    },
    /// A value to pop (a match subject).
    PopValue,
}

struct BlockEntry<'a> {
    block: FrameBlock<'a>,
    /// The assembler's handler stack when the block began.
    handlers: usize,
}

pub(super) struct Unit<'a> {
    pub asm: Assembler,
    pub code: CodeUnit,
    pub scope: usize,
    blocks: Vec<BlockEntry<'a>>,
    names: HashMap<String, u32>,
    varnames: HashMap<String, u32>,
    cellvars: HashMap<String, u32>,
    freevars: HashMap<String, u32>,
    /// The class whose body or methods this unit is in (for name mangling).
    pub private: Option<String>,
    pub kind: ScopeKind,
}

pub(super) struct Compiler<'a> {
    pub source: &'a str,
    pub lines: &'a LineIndex,
    pub filename: String,
    pub table: SymbolTable,
    pub units: Vec<Unit<'a>>,
    pub mode: CompileMode,
}

pub fn compile_module(
    source: &str,
    filename: &str,
    lines: &LineIndex,
    body: &[Stmt],
    mode: CompileMode,
) -> Result<CodeUnit, CompileError> {
    let table = symtable::build(body)?;
    let mut compiler = Compiler::new(source, filename, lines, table, mode);
    if mode == CompileMode::Exec && compiler.table.scopes[0].has_annotations {
        compiler.emit(Op::SETUP_ANNOTATIONS, 0);
    }
    // An interactive statement has no docstring: a string literal there is shown.
    let body = if mode == CompileMode::Single {
        body
    } else {
        compiler.docstring(body, true)
    };
    for stmt in body {
        compiler.statement(stmt)?;
    }
    compiler.load_const(Const::None);
    compiler.emit(Op::RETURN_VALUE, 0);
    Ok(compiler.leave_unit())
}

pub fn compile_expression(
    source: &str,
    filename: &str,
    lines: &LineIndex,
    body: &Expr,
) -> Result<CodeUnit, CompileError> {
    let table = symtable::build_expression(body)?;
    let mut compiler = Compiler::new(source, filename, lines, table, CompileMode::Eval);
    compiler.expression(body)?;
    compiler.emit(Op::RETURN_VALUE, 0);
    Ok(compiler.leave_unit())
}

impl<'a> Compiler<'a> {
    /// A compiler positioned in the unit of the module (or `eval` expression).
    fn new(
        source: &'a str,
        filename: &str,
        lines: &'a LineIndex,
        table: SymbolTable,
        mode: CompileMode,
    ) -> Compiler<'a> {
        let mut compiler = Compiler {
            source,
            lines,
            filename: filename.to_string(),
            table,
            units: Vec::new(),
            mode,
        };
        compiler.enter_unit(0, "<module>", "<module>", 1, None);
        compiler
    }

    // ---- units -------------------------------------------------------------------------

    pub fn enter_unit(
        &mut self,
        scope: usize,
        name: &str,
        qualname: &str,
        first_line: i32,
        private: Option<String>,
    ) {
        let s = &self.table.scopes[scope];
        let mut code = CodeUnit {
            name: name.to_string(),
            qualname: qualname.to_string(),
            filename: self.filename.clone(),
            first_line,
            ..CodeUnit::default()
        };
        let mut varnames = HashMap::new();
        let mut cellvars = HashMap::new();
        let mut freevars = HashMap::new();
        if s.is_function_like() {
            // The parameters first (a parameter that is a cell keeps its slot, copied
            // into the cell when the frame starts), then the other locals.
            code.varnames = s.locals();
            code.flags |= flags::OPTIMIZED | flags::NEWLOCALS;
            if s.kind != ScopeKind::Module
                && s.parent
                    .is_some_and(|p| self.table.scopes[p].kind != ScopeKind::Module)
            {
                code.flags |= flags::NESTED;
            }
        }
        code.cellvars = s.cells.clone();
        code.freevars = s.frees.clone();
        for (i, v) in code.varnames.iter().enumerate() {
            varnames.insert(v.clone(), i as u32);
        }
        for (i, c) in code.cellvars.iter().enumerate() {
            cellvars.insert(c.clone(), i as u32);
            let from_arg = code
                .varnames
                .iter()
                .position(|v| v == c)
                .map_or(-1, |i| i as i32);
            code.cell_from_arg.push(from_arg);
        }
        for (i, f) in code.freevars.iter().enumerate() {
            freevars.insert(f.clone(), i as u32);
        }
        if s.is_generator && s.is_coroutine {
            code.flags |= flags::ASYNC_GENERATOR;
        } else if s.is_generator {
            code.flags |= flags::GENERATOR;
        } else if s.is_coroutine {
            code.flags |= flags::COROUTINE;
        }
        let kind = s.kind;
        self.units.push(Unit {
            asm: Assembler::new(first_line),
            code,
            scope,
            blocks: Vec::new(),
            names: HashMap::new(),
            varnames,
            cellvars,
            freevars,
            private,
            kind,
        });
    }

    /// The class name that mangles private names in a new scope nested in this unit.
    pub(super) fn child_private(&self) -> Option<String> {
        self.units.last().and_then(|u| {
            if u.kind == ScopeKind::Class {
                Some(u.code.name.clone())
            } else {
                u.private.clone()
            }
        })
    }

    /// Start the unit of the function, class, lambda or comprehension at `range`;
    /// returns its qualified name.
    pub(super) fn enter_child_unit(
        &mut self,
        range: TextRange,
        name: &str,
        private: Option<String>,
    ) -> String {
        let scope = self.table.scope_of(range);
        let qualname = self.qualname(name);
        let first_line = self.lines.line(range.start()) as i32;
        self.enter_unit(scope, name, &qualname, first_line, private);
        qualname
    }

    pub fn leave_unit(&mut self) -> CodeUnit {
        let unit = self.units.pop().expect("a unit to leave");
        unit.asm.finish(unit.code)
    }

    pub fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit")
    }

    pub(super) fn scope(&self) -> &symtable::Scope {
        &self.table.scopes[self.units.last().expect("a unit").scope]
    }

    // ---- emission ----------------------------------------------------------------------

    pub fn emit(&mut self, op: Op, arg: u32) {
        self.unit().asm.emit(op, arg);
    }

    pub fn emit_jump(&mut self, op: Op, label: Label) {
        self.unit().asm.emit_jump(op, label);
    }

    pub fn new_label(&mut self) -> Label {
        self.unit().asm.new_label()
    }

    pub fn bind(&mut self, label: Label) {
        self.unit().asm.bind(label);
    }

    pub fn set_line(&mut self, range: TextRange) {
        let line = self.lines.line(range.start()) as i32;
        let asm = &mut self.unit().asm;
        asm.line = line;
        asm.position = (range.start().to_u32(), range.end().to_u32());
    }

    /// The current location (restored after compiling a subexpression).
    pub fn location(&mut self) -> (i32, (u32, u32)) {
        let asm = &self.unit().asm;
        (asm.line, asm.position)
    }

    pub fn restore_location(&mut self, location: (i32, (u32, u32))) {
        let asm = &mut self.unit().asm;
        asm.line = location.0;
        asm.position = location.1;
    }

    pub fn load_const(&mut self, value: Const) {
        let index = add_const(&mut self.unit().code.consts, value);
        self.emit(Op::LOAD_CONST, index);
    }

    pub fn name_index(&mut self, name: &str) -> u32 {
        let name = self.mangle(name);
        let unit = self.unit();
        if let Some(&i) = unit.names.get(&name) {
            return i;
        }
        let i = unit.code.names.len() as u32;
        unit.code.names.push(name.clone());
        unit.names.insert(name, i);
        i
    }

    /// `__spam` inside class `Ham` is `_Ham__spam`.
    pub fn mangle(&self, name: &str) -> String {
        let Some(private) = self.units.last().and_then(|u| u.private.as_ref()) else {
            return name.to_string();
        };
        if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
            return name.to_string();
        }
        let class = private.trim_start_matches('_');
        if class.is_empty() {
            return name.to_string();
        }
        format!("_{class}{name}")
    }

    pub fn error<T>(
        &self,
        message: impl Into<String>,
        range: TextRange,
    ) -> Result<T, CompileError> {
        Err(CompileError::new(message.into(), range))
    }

    // ---- names -------------------------------------------------------------------------

    /// Load, store or delete a variable, choosing the instruction from its scope.
    pub fn name_op(&mut self, name: &str, context: ast::ExprContext) {
        let mangled = self.mangle(name);
        let unit = self.units.last().expect("a unit");
        let scope = &self.table.scopes[unit.scope];
        let resolution = scope.resolve(&mangled);
        let kind = unit.kind;
        enum Slot {
            Fast(u32),
            Deref(u32),
            Global,
            Name,
        }
        let slot = match resolution {
            Resolution::Local if kind != ScopeKind::Module && kind != ScopeKind::Class => {
                Slot::Fast(unit.varnames[&mangled])
            }
            Resolution::Cell => Slot::Deref(unit.cellvars[&mangled]),
            Resolution::Free => {
                Slot::Deref(unit.code.cellvars.len() as u32 + unit.freevars[&mangled])
            }
            Resolution::GlobalExplicit => Slot::Global,
            Resolution::GlobalImplicit if scope.is_function_like() => Slot::Global,
            _ => Slot::Name,
        };
        let class_free = matches!(slot, Slot::Deref(_)) && kind == ScopeKind::Class;
        match (slot, context) {
            (Slot::Fast(i), ast::ExprContext::Load) => self.emit(Op::LOAD_FAST, i),
            (Slot::Fast(i), ast::ExprContext::Store) => self.emit(Op::STORE_FAST, i),
            (Slot::Fast(i), ast::ExprContext::Del) => self.emit(Op::DELETE_FAST, i),
            (Slot::Deref(i), ast::ExprContext::Load) if class_free => {
                self.emit(Op::LOAD_CLASSDEREF, i)
            }
            (Slot::Deref(i), ast::ExprContext::Load) => self.emit(Op::LOAD_DEREF, i),
            (Slot::Deref(i), ast::ExprContext::Store) => self.emit(Op::STORE_DEREF, i),
            (Slot::Deref(i), ast::ExprContext::Del) => self.emit(Op::DELETE_DEREF, i),
            (Slot::Global, context) => {
                let i = self.name_index(name);
                self.emit(
                    by_context(
                        context,
                        [Op::LOAD_GLOBAL, Op::STORE_GLOBAL, Op::DELETE_GLOBAL],
                    ),
                    i,
                )
            }
            (Slot::Name, context) => {
                let i = self.name_index(name);
                self.emit(
                    by_context(context, [Op::LOAD_NAME, Op::STORE_NAME, Op::DELETE_NAME]),
                    i,
                )
            }
            (_, ast::ExprContext::Invalid) => {}
        }
    }

    pub fn store_name(&mut self, name: &str) {
        self.name_op(name, ast::ExprContext::Store);
    }

    pub fn load_name(&mut self, name: &str) {
        self.name_op(name, ast::ExprContext::Load);
    }

    // ---- blocks ------------------------------------------------------------------------

    pub(super) fn push_block(&mut self, block: FrameBlock<'a>) {
        let handlers = self.unit().asm.handlers.len();
        self.unit().blocks.push(BlockEntry { block, handlers });
    }

    pub(super) fn pop_block(&mut self) {
        self.unit().blocks.pop();
    }

    /// Undo one block on the way out of it (`preserve_top`: a return value is on top).
    fn unwind_block(&mut self, index: usize, preserve_top: bool) -> Result<(), CompileError> {
        let entry_handlers = self.unit().blocks[index].handlers;
        let block = self.unit().blocks[index].block.clone();
        // Code emitted for leaving a block is protected by what protects the block itself.
        let saved_handlers = self.unit().asm.handlers.clone();
        let saved_blocks_len = self.unit().blocks.len();
        let saved_blocks: Vec<BlockEntry<'a>> = self.unit().blocks.drain(index..).collect();
        self.unit().asm.handlers.truncate(entry_handlers);
        let result = (|| -> Result<(), CompileError> {
            match block {
                FrameBlock::WhileLoop { .. } | FrameBlock::TryExcept => {}
                FrameBlock::ForLoop { .. } | FrameBlock::PopValue => {
                    if preserve_top {
                        self.emit(Op::SWAP, 2);
                    }
                    self.emit(Op::POP_TOP, 0);
                }
                FrameBlock::FinallyTry { body } => {
                    // A return value waits under the final body: a `return` inside it
                    // must pop the value first.
                    if preserve_top {
                        self.push_block(FrameBlock::PopValue);
                    }
                    self.body(body)?;
                    if preserve_top {
                        self.pop_block();
                    }
                }
                FrameBlock::FinallyEnd => {
                    if preserve_top {
                        self.emit(Op::SWAP, 2);
                    }
                    self.emit(Op::POP_TOP, 0);
                    if preserve_top {
                        self.emit(Op::SWAP, 2);
                    }
                    self.emit(Op::POP_EXCEPT, 0);
                }
                FrameBlock::With { is_async } => {
                    if preserve_top {
                        self.emit(Op::SWAP, 2);
                    }
                    self.emit(Op::PUSH_NULL, 0);
                    self.load_const(Const::None);
                    self.load_const(Const::None);
                    self.load_const(Const::None);
                    self.emit(Op::CALL, 3);
                    if is_async {
                        self.await_value();
                    }
                    self.emit(Op::POP_TOP, 0);
                }
                FrameBlock::HandlerCleanup { name } => {
                    if preserve_top {
                        self.emit(Op::SWAP, 2);
                    }
                    self.emit(Op::POP_EXCEPT, 0);
                    if let Some(name) = name {
                        self.load_const(Const::None);
                        self.store_name(&name);
                        self.name_op(&name, ast::ExprContext::Del);
                    }
                }
            }
            Ok(())
        })();
        self.unit().asm.handlers = saved_handlers;
        self.unit().blocks.extend(saved_blocks);
        debug_assert_eq!(self.unit().blocks.len(), saved_blocks_len);
        result
    }

    /// Leave every block (for `return`).
    fn unwind_all(&mut self, preserve_top: bool) -> Result<(), CompileError> {
        let count = self.unit().blocks.len();
        for index in (0..count).rev() {
            self.unwind_block(index, preserve_top)?;
        }
        Ok(())
    }

    /// Leave the blocks inside the innermost loop; returns the loop's labels and whether
    /// it is a for loop.
    fn unwind_to_loop(
        &mut self,
        range: TextRange,
        what: &str,
    ) -> Result<(Label, Label, bool), CompileError> {
        let count = self.unit().blocks.len();
        for index in (0..count).rev() {
            match self.unit().blocks[index].block {
                FrameBlock::WhileLoop { start, exit } => return Ok((start, exit, false)),
                FrameBlock::ForLoop { start, exit } => return Ok((start, exit, true)),
                _ => self.unwind_block(index, false)?,
            }
        }
        if what == "continue" {
            return self.error("'continue' not properly in loop", range);
        }
        self.error(format!("'{what}' outside loop"), range)
    }

    // ---- statements --------------------------------------------------------------------

    /// Split off a docstring: for modules, classes and functions the first statement, if
    /// a string literal.
    pub fn docstring<'b>(&mut self, body: &'b [Stmt], store: bool) -> &'b [Stmt] {
        if let Some(Stmt::Expr(e)) = body.first() {
            if let Expr::StringLiteral(s) = &*e.value {
                if store && self.mode == CompileMode::Exec {
                    self.set_line(e.range);
                    self.load_const(Const::Str(s.value.to_str().to_string()));
                    self.store_name("__doc__");
                }
                return &body[1..];
            }
        }
        body
    }

    pub fn body(&mut self, body: &'a [Stmt]) -> Result<(), CompileError> {
        for stmt in body {
            self.statement(stmt)?;
        }
        Ok(())
    }

    pub fn statement(&mut self, stmt: &'a Stmt) -> Result<(), CompileError> {
        self.set_line(stmt.range());
        match stmt {
            Stmt::Expr(e) => {
                if self.mode == CompileMode::Single && self.units.len() == 1 {
                    self.expression(&e.value)?;
                    self.emit(Op::PRINT_EXPR, 0);
                } else if is_constant(&e.value) {
                    // A bare constant (a docstring elsewhere) has no effect.
                } else {
                    self.expression(&e.value)?;
                    self.emit(Op::POP_TOP, 0);
                }
            }
            Stmt::Pass(_) => {}
            Stmt::Assign(assign) => {
                self.expression(&assign.value)?;
                for (i, target) in assign.targets.iter().enumerate() {
                    if i + 1 < assign.targets.len() {
                        self.emit(Op::COPY, 1);
                    }
                    self.assign(target)?;
                }
            }
            Stmt::AugAssign(aug) => self.aug_assign(aug)?,
            Stmt::AnnAssign(ann) => self.ann_assign(ann)?,
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    self.delete(target)?;
                }
            }
            Stmt::Return(ret) => {
                if !self.scope().is_function_like() {
                    return self.error("'return' outside function", ret.range);
                }
                let is_async_gen = self.unit().code.flags & flags::ASYNC_GENERATOR != 0;
                match &ret.value {
                    Some(value) => {
                        if is_async_gen {
                            return self.error("'return' with value in async generator", ret.range);
                        }
                        self.expression(value)?;
                        self.unwind_all(true)?;
                    }
                    None => {
                        self.unwind_all(false)?;
                        self.load_const(Const::None);
                    }
                }
                self.set_line(ret.range);
                self.emit(Op::RETURN_VALUE, 0);
            }
            Stmt::If(if_stmt) => self.if_statement(if_stmt)?,
            Stmt::While(w) => self.while_statement(w)?,
            Stmt::For(f) => self.for_statement(f)?,
            Stmt::Break(b) => {
                let (_, exit, is_for) = self.unwind_to_loop(b.range, "break")?;
                if is_for {
                    self.emit(Op::POP_TOP, 0);
                }
                self.emit_jump(Op::JUMP_FORWARD, exit);
            }
            Stmt::Continue(c) => {
                let (start, _, _) = self.unwind_to_loop(c.range, "continue")?;
                self.emit_jump(Op::JUMP_BACKWARD, start);
            }
            Stmt::FunctionDef(def) => self.function_def(def)?,
            Stmt::ClassDef(class) => self.class_def(class)?,
            Stmt::Raise(raise) => {
                let mut n = 0;
                if let Some(exc) = &raise.exc {
                    self.expression(exc)?;
                    n = 1;
                    if let Some(cause) = &raise.cause {
                        self.expression(cause)?;
                        n = 2;
                    }
                }
                self.emit(Op::RAISE_VARARGS, n);
            }
            Stmt::Try(try_stmt) => {
                self.try_statement(try_stmt)?;
            }
            Stmt::Assert(assert) => {
                let end = self.new_label();
                self.condition_jump(&assert.test, true, end)?;
                // CPython puts the raise at the test's location (its markers).
                self.set_line(assert.test.range());
                self.emit(Op::LOAD_ASSERTION_ERROR, 0);
                if let Some(msg) = &assert.msg {
                    self.emit(Op::PUSH_NULL, 0);
                    self.expression(msg)?;
                    self.emit(Op::CALL, 1);
                }
                self.emit(Op::RAISE_VARARGS, 1);
                self.bind(end);
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.set_line(alias.range);
                    self.load_const(Const::Int(0));
                    self.load_const(Const::None);
                    let i = self.name_index(alias.name.id.as_str());
                    self.emit(Op::IMPORT_NAME, i);
                    match &alias.asname {
                        Some(asname) => {
                            // import a.b.c as d: bind the innermost module.
                            let parts: Vec<&str> = alias.name.id.split('.').collect();
                            for part in &parts[1..] {
                                let i = self.name_index(part);
                                self.emit(Op::IMPORT_FROM, i);
                                self.emit(Op::SWAP, 2);
                                self.emit(Op::POP_TOP, 0);
                            }
                            self.store_name(asname.id.as_str());
                        }
                        None => {
                            let first = alias.name.id.split('.').next().unwrap_or("").to_string();
                            self.store_name(&first);
                        }
                    }
                }
            }
            Stmt::ImportFrom(import) => {
                self.load_const(Const::Int(import.level as i64));
                let names: Vec<Const> = import
                    .names
                    .iter()
                    .map(|a| Const::Str(a.name.id.to_string()))
                    .collect();
                self.load_const(Const::Tuple(names));
                let module = import
                    .module
                    .as_ref()
                    .map_or("", |m| m.id.as_str())
                    .to_string();
                let i = self.name_index(&module);
                self.emit(Op::IMPORT_NAME, i);
                if import.names.len() == 1 && import.names[0].name.id.as_str() == "*" {
                    self.emit(Op::IMPORT_STAR, 0);
                } else {
                    for alias in &import.names {
                        let i = self.name_index(alias.name.id.as_str());
                        self.emit(Op::IMPORT_FROM, i);
                        let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                        self.store_name(bound.id.as_str());
                    }
                    self.emit(Op::POP_TOP, 0);
                }
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::With(with) => self.with_statement(with, 0)?,
            Stmt::Match(m) => self.match_statement(m)?,
            Stmt::TypeAlias(t) => return self.error("invalid syntax", t.range),
            Stmt::IpyEscapeCommand(c) => return self.error("invalid syntax", c.range),
        }
        Ok(())
    }

    fn if_statement(&mut self, stmt: &'a ast::StmtIf) -> Result<(), CompileError> {
        let end = self.new_label();
        let mut next = self.new_label();
        self.condition_jump(&stmt.test, false, next)?;
        self.body(&stmt.body)?;
        for clause in &stmt.elif_else_clauses {
            self.emit_jump(Op::JUMP_FORWARD, end);
            self.bind(next);
            next = self.new_label();
            if let Some(test) = &clause.test {
                self.set_line(test.range());
                self.condition_jump(test, false, next)?;
            }
            self.body(&clause.body)?;
        }
        self.bind(next);
        self.bind(end);
        Ok(())
    }

    fn while_statement(&mut self, stmt: &'a ast::StmtWhile) -> Result<(), CompileError> {
        let start = self.new_label();
        let orelse = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.condition_jump(&stmt.test, false, orelse)?;
        self.push_block(FrameBlock::WhileLoop { start, exit });
        self.body(&stmt.body)?;
        self.pop_block();
        self.set_line(stmt.range);
        self.emit_jump(Op::JUMP_BACKWARD, start);
        self.bind(orelse);
        self.body(&stmt.orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn for_statement(&mut self, stmt: &'a ast::StmtFor) -> Result<(), CompileError> {
        if stmt.is_async {
            return self.async_for(stmt);
        }
        let start = self.new_label();
        let done = self.new_label();
        let exit = self.new_label();
        self.expression(&stmt.iter)?;
        self.emit(Op::GET_ITER, 0);
        self.bind(start);
        self.set_line(stmt.range);
        self.emit_jump(Op::FOR_ITER, done);
        self.assign(&stmt.target)?;
        self.push_block(FrameBlock::ForLoop { start, exit });
        self.body(&stmt.body)?;
        self.pop_block();
        self.emit_jump(Op::JUMP_BACKWARD, start);
        self.bind(done);
        self.body(&stmt.orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn async_for(&mut self, stmt: &'a ast::StmtFor) -> Result<(), CompileError> {
        let start = self.new_label();
        let exit = self.new_label();
        let handler_label = self.new_label();
        let done = self.new_label();
        self.expression(&stmt.iter)?;
        self.emit(Op::GET_AITER, 0);
        self.bind(start);
        let handler = self.unit().asm.push_handler(handler_label);
        self.emit(Op::GET_ANEXT, 0);
        self.load_const(Const::None);
        self.yield_from_loop();
        self.unit().asm.pop_handler();
        self.assign(&stmt.target)?;
        self.push_block(FrameBlock::ForLoop { start, exit });
        self.body(&stmt.body)?;
        self.pop_block();
        self.emit_jump(Op::JUMP_BACKWARD, start);
        self.unit().asm.bind_handler(handler);
        self.emit(Op::END_ASYNC_FOR, 0);
        self.bind(done);
        self.body(&stmt.orelse)?;
        self.bind(exit);
        Ok(())
    }

    // ---- functions and classes ---------------------------------------------------------

    /// The qualified name of a new scope named `name` inside the current unit.
    pub fn qualname(&self, name: &str) -> String {
        let Some(unit) = self.units.last() else {
            return name.to_string();
        };
        match unit.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", unit.code.qualname),
            _ => format!("{}.<locals>.{name}", unit.code.qualname),
        }
    }

    /// Push defaults and keyword defaults; returns MAKE_FUNCTION's flags for them.
    pub(super) fn function_defaults(
        &mut self,
        parameters: &'a ast::Parameters,
    ) -> Result<u32, CompileError> {
        let mut make_flags = 0;
        let defaults: Vec<&Expr> = parameters
            .posonlyargs
            .iter()
            .chain(parameters.args.iter())
            .filter_map(|p| p.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expression(d)?;
            }
            self.emit(Op::BUILD_TUPLE, defaults.len() as u32);
            make_flags |= 1;
        }
        let kwdefaults: Vec<(&str, &Expr)> = parameters
            .kwonlyargs
            .iter()
            .filter_map(|p| {
                p.default
                    .as_deref()
                    .map(|d| (p.parameter.name.id.as_str(), d))
            })
            .collect();
        if !kwdefaults.is_empty() {
            let mut keys = Vec::new();
            for (name, d) in &kwdefaults {
                self.expression(d)?;
                keys.push(Const::Str(self.mangle(name)));
            }
            self.load_const(Const::Tuple(keys));
            self.emit(Op::BUILD_CONST_KEY_MAP, kwdefaults.len() as u32);
            make_flags |= 2;
        }
        Ok(make_flags)
    }

    fn function_annotations(
        &mut self,
        parameters: &'a ast::Parameters,
        returns: Option<&'a Expr>,
    ) -> Result<u32, CompileError> {
        let mut count = 0;
        let mut keys = Vec::new();
        let all = parameters
            .posonlyargs
            .iter()
            .chain(parameters.args.iter())
            .map(|p| &p.parameter)
            .chain(parameters.vararg.as_deref())
            .chain(parameters.kwonlyargs.iter().map(|p| &p.parameter))
            .chain(parameters.kwarg.as_deref());
        for p in all {
            if let Some(annotation) = &p.annotation {
                self.expression(annotation)?;
                keys.push(Const::Str(self.mangle(p.name.id.as_str())));
                count += 1;
            }
        }
        if let Some(returns) = returns {
            self.expression(returns)?;
            keys.push(Const::Str("return".to_string()));
            count += 1;
        }
        if count == 0 {
            return Ok(0);
        }
        self.load_const(Const::Tuple(keys));
        self.emit(Op::BUILD_CONST_KEY_MAP, count);
        Ok(4)
    }

    /// Push the cells a nested scope's closure needs; returns MAKE_FUNCTION's flag.
    pub fn closure(&mut self, child: &CodeUnit) -> Result<u32, CompileError> {
        if child.freevars.is_empty() {
            return Ok(0);
        }
        for name in &child.freevars {
            let unit = self.units.last().expect("a unit");
            let index = if let Some(&i) = unit.cellvars.get(name) {
                i
            } else if let Some(&i) = unit.freevars.get(name) {
                unit.code.cellvars.len() as u32 + i
            } else {
                return Err(CompileError::new(
                    format!("internal error: no cell for free variable '{name}'"),
                    TextRange::default(),
                ));
            };
            self.emit(Op::LOAD_CLOSURE, index);
        }
        self.emit(Op::BUILD_TUPLE, child.freevars.len() as u32);
        Ok(8)
    }

    /// Compile a function body into a new unit; returns its code.
    pub fn function_body(
        &mut self,
        range: TextRange,
        name: &str,
        parameters: Option<&'a ast::Parameters>,
        body: FunctionBody<'a>,
    ) -> Result<CodeUnit, CompileError> {
        let private = self.child_private();
        self.enter_child_unit(range, name, private);
        if let Some(p) = parameters {
            let unit = self.unit();
            unit.code.posonly_count = p.posonlyargs.len() as u32;
            unit.code.arg_count = (p.posonlyargs.len() + p.args.len()) as u32;
            unit.code.kwonly_count = p.kwonlyargs.len() as u32;
            if p.vararg.is_some() {
                unit.code.flags |= flags::VARARGS;
            }
            if p.kwarg.is_some() {
                unit.code.flags |= flags::VARKEYWORDS;
            }
        }
        match body {
            FunctionBody::Statements(statements) => {
                let rest = self.docstring(statements, false);
                if rest.len() != statements.len() {
                    if let Some(Stmt::Expr(e)) = statements.first() {
                        if let Expr::StringLiteral(s) = &*e.value {
                            let doc = s.value.to_str().to_string();
                            let unit = self.unit();
                            unit.code.consts.insert(0, Const::Str(doc));
                            unit.code.flags |= HAS_DOCSTRING;
                        }
                    }
                }
                for stmt in rest {
                    self.statement(stmt)?;
                }
                self.load_const(Const::None);
                self.emit(Op::RETURN_VALUE, 0);
            }
            FunctionBody::Expression(expression) => {
                self.expression(expression)?;
                self.emit(Op::RETURN_VALUE, 0);
            }
        }
        Ok(self.leave_unit())
    }

    fn function_def(&mut self, def: &'a ast::StmtFunctionDef) -> Result<(), CompileError> {
        for decorator in &def.decorator_list {
            self.set_line(decorator.range);
            self.expression(&decorator.expression)?;
            self.emit(Op::PUSH_NULL, 0);
        }
        self.set_line(def.range);
        let mut make_flags = self.function_defaults(&def.parameters)?;
        make_flags |= self.function_annotations(&def.parameters, def.returns.as_deref())?;
        let code = self.function_body(
            def.range,
            def.name.id.as_str(),
            Some(&def.parameters),
            FunctionBody::Statements(&def.body),
        )?;
        self.make_function(code, make_flags)?;
        for _ in &def.decorator_list {
            self.emit(Op::CALL, 1);
        }
        self.store_name(def.name.id.as_str());
        Ok(())
    }

    pub fn make_function(
        &mut self,
        code: CodeUnit,
        mut make_flags: u32,
    ) -> Result<(), CompileError> {
        make_flags |= self.closure(&code)?;
        self.load_const(Const::Code(Box::new(code)));
        self.emit(Op::MAKE_FUNCTION, make_flags);
        Ok(())
    }

    fn class_def(&mut self, class: &'a ast::StmtClassDef) -> Result<(), CompileError> {
        for decorator in &class.decorator_list {
            self.set_line(decorator.range);
            self.expression(&decorator.expression)?;
            self.emit(Op::PUSH_NULL, 0);
        }
        self.set_line(class.range);
        let name = class.name.id.to_string();
        let qualname = self.enter_child_unit(class.range, &name, Some(name.clone()));
        let scope = self.units.last().expect("the class unit").scope;
        self.load_name("__name__");
        self.store_name("__module__");
        self.load_const(Const::Str(qualname.clone()));
        self.store_name("__qualname__");
        if self.table.scopes[scope].has_annotations {
            self.emit(Op::SETUP_ANNOTATIONS, 0);
        }
        let body = self.docstring(&class.body, true);
        for stmt in body {
            self.statement(stmt)?;
        }
        let class_cell = self.unit().cellvars.get("__class__").copied();
        match class_cell {
            Some(i) => {
                self.emit(Op::LOAD_CLOSURE, i);
                self.emit(Op::COPY, 1);
                self.store_name("__classcell__");
            }
            None => self.load_const(Const::None),
        }
        self.emit(Op::RETURN_VALUE, 0);
        let code = self.leave_unit();

        self.emit(Op::LOAD_BUILD_CLASS, 0);
        self.emit(Op::PUSH_NULL, 0);
        self.make_function(code, 0)?;
        self.load_const(Const::Str(name.clone()));
        match &class.arguments {
            Some(arguments) => self.call_arguments(arguments, 2)?,
            None => self.emit(Op::CALL, 2),
        }
        for _ in &class.decorator_list {
            self.emit(Op::CALL, 1);
        }
        self.store_name(&name);
        Ok(())
    }
}

pub enum FunctionBody<'a> {
    Statements(&'a [Stmt]),
    Expression(&'a Expr),
}

/// The load, store or delete form of a name instruction.
fn by_context(context: ast::ExprContext, [load, store, delete]: [Op; 3]) -> Op {
    match context {
        ast::ExprContext::Load => load,
        ast::ExprContext::Store => store,
        _ => delete,
    }
}

fn is_constant(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::StringLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::BytesLiteral(_)
    )
}

/// How CPython names an expression in "cannot assign to …" errors.
pub fn describe(expr: &Expr) -> &'static str {
    match expr {
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Lambda(_) => "lambda",
        Expr::If(_) => "conditional expression",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Generator(_) => "generator expression",
        Expr::Await(_) => "await expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Compare(_) => "comparison",
        Expr::FString(_) => "f-string expression",
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BytesLiteral(_) => "literal",
        Expr::BooleanLiteral(_) => "True",
        Expr::NoneLiteral(_) => "None",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Named(_) => "named expression",
        _ => "expression",
    }
}
