//! Symbol tables: which scope each name of a program belongs to.
//!
//! A first pass over the AST records, per scope (module, class, function, lambda,
//! comprehension), how each name is used: bound, used, declared `global` or `nonlocal`,
//! a parameter. A second pass resolves them the way CPython's `symtable.c` does: a name
//! bound in a function is local unless declared otherwise; a name used but not bound is
//! free if an enclosing function binds it (that binding becomes a cell), else global; class
//! scopes are skipped when resolving names of nested functions, except for the implicit
//! `__class__` cell that `super()` needs.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::CompileError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// How a name is reached in its scope, once resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A fast local of a function.
    Local,
    /// A local of a function that nested scopes see: it lives in a cell.
    Cell,
    /// A variable of an enclosing function, reached through a cell.
    Free,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere visible: a global or built-in.
    GlobalImplicit,
    /// A name of a module or class namespace.
    Name,
}

const BOUND: u8 = 1;
const USED: u8 = 2;
const PARAMETER: u8 = 4;
const GLOBAL: u8 = 8;
const NONLOCAL: u8 = 16;
const ANNOTATED: u8 = 32;

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// Names in the order first seen (parameters first, in order).
    order: Vec<String>,
    flags: HashMap<String, u8>,
    pub resolved: HashMap<String, Resolution>,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    /// A method that uses `super` or `__class__`: it needs the class's `__class__` cell.
    pub needs_class_cell: bool,
    /// The parameters, in order.
    pub parameters: Vec<String>,
    /// Cells and free variables, in slot order (decided by `finish`).
    pub cells: Vec<String>,
    pub frees: Vec<String>,
    pub has_annotations: bool,
    /// Where each `nonlocal` name was declared (for the error if nothing binds it).
    nonlocal_ranges: HashMap<String, TextRange>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            order: Vec::new(),
            flags: HashMap::new(),
            resolved: HashMap::new(),
            children: Vec::new(),
            parent,
            is_generator: false,
            is_coroutine: false,
            needs_class_cell: false,
            parameters: Vec::new(),
            cells: Vec::new(),
            frees: Vec::new(),
            has_annotations: false,
            nonlocal_ranges: HashMap::new(),
        }
    }

    fn add(&mut self, name: &str, flag: u8) {
        match self.flags.get_mut(name) {
            Some(f) => *f |= flag,
            None => {
                self.order.push(name.to_string());
                self.flags.insert(name.to_string(), flag);
            }
        }
    }

    pub fn is_function_like(&self) -> bool {
        matches!(
            self.kind,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }

    /// The locals of a function in slot order: parameters, then the other bound names
    /// that are not cells.
    pub fn locals(&self) -> Vec<String> {
        let mut locals: Vec<String> = self.parameters.clone();
        for name in &self.order {
            if self.resolved.get(name) == Some(&Resolution::Local) && !locals.contains(name) {
                locals.push(name.clone());
            }
        }
        locals
    }

    pub fn resolve(&self, name: &str) -> Resolution {
        if let Some(r) = self.resolved.get(name) {
            return *r;
        }
        match self.kind {
            ScopeKind::Module | ScopeKind::Class => Resolution::Name,
            _ => Resolution::GlobalImplicit,
        }
    }
}

/// The scopes of one module: `scopes[0]` is the module; `by_range` finds the scope of a
/// function, class, lambda or comprehension node.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    pub by_range: HashMap<(u32, u32), usize>,
}

impl SymbolTable {
    pub fn scope_of(&self, range: TextRange) -> usize {
        self.by_range[&(range.start().to_u32(), range.end().to_u32())]
    }
}

pub fn build(module: &[Stmt]) -> Result<SymbolTable, CompileError> {
    build_with(|builder| builder.visit_body(module))
}

/// The symbol table of a lone expression (`eval` mode).
pub fn build_expression(expression: &Expr) -> Result<SymbolTable, CompileError> {
    build_with(|builder| builder.visit_expr(expression))
}

fn build_with(visit: impl FnOnce(&mut Builder)) -> Result<SymbolTable, CompileError> {
    let mut builder = Builder {
        table: SymbolTable {
            scopes: vec![Scope::new(ScopeKind::Module, "<module>", None)],
            by_range: HashMap::new(),
        },
        current: 0,
        error: None,
    };
    visit(&mut builder);
    if let Some(error) = builder.error {
        return Err(error);
    }
    let mut table = builder.table;
    analyze(&mut table, 0, &HashSet::new())?;
    Ok(table)
}

struct Builder {
    table: SymbolTable,
    current: usize,
    error: Option<CompileError>,
}

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.table.scopes[self.current]
    }

    fn fail(&mut self, message: String, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(CompileError::new(message, range));
        }
    }

    fn add(&mut self, name: &str, flag: u8) {
        self.scope().add(name, flag);
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, range: TextRange) -> usize {
        let index = self.table.scopes.len();
        self.table
            .scopes
            .push(Scope::new(kind, name, Some(self.current)));
        self.table.scopes[self.current].children.push(index);
        self.table
            .by_range
            .insert((range.start().to_u32(), range.end().to_u32()), index);
        let previous = self.current;
        self.current = index;
        previous
    }

    fn parameters(&mut self, parameters: &ast::Parameters) {
        // CPython's slot order: positional, keyword-only, then *args, then **kwargs.
        let mut ordered: Vec<&ast::Parameter> = Vec::new();
        ordered.extend(parameters.posonlyargs.iter().map(|p| &p.parameter));
        ordered.extend(parameters.args.iter().map(|p| &p.parameter));
        ordered.extend(parameters.kwonlyargs.iter().map(|p| &p.parameter));
        ordered.extend(parameters.vararg.as_deref());
        ordered.extend(parameters.kwarg.as_deref());
        for p in ordered {
            let name = p.name.id.as_str();
            if self.scope().parameters.iter().any(|n| n == name) {
                self.fail(
                    format!("duplicate argument '{name}' in function definition"),
                    p.range,
                );
            }
            self.scope().parameters.push(name.to_string());
            self.scope().add(name, BOUND | PARAMETER);
        }
    }

    /// Defaults and annotations are evaluated in the enclosing scope.
    fn parameter_defaults(&mut self, parameters: &ast::Parameters) {
        for p in parameters
            .posonlyargs
            .iter()
            .chain(parameters.args.iter())
            .chain(parameters.kwonlyargs.iter())
        {
            if let Some(default) = &p.default {
                self.visit_expr(default);
            }
        }
    }

    fn parameter_annotations(&mut self, parameters: &ast::Parameters) {
        for p in parameters
            .posonlyargs
            .iter()
            .chain(parameters.args.iter())
            .chain(parameters.kwonlyargs.iter())
        {
            if let Some(annotation) = &p.parameter.annotation {
                self.visit_expr(annotation);
            }
        }
        for p in parameters.vararg.iter().chain(parameters.kwarg.iter()) {
            if let Some(annotation) = &p.annotation {
                self.visit_expr(annotation);
            }
        }
    }

    fn comprehension(
        &mut self,
        range: TextRange,
        generators: &[ast::Comprehension],
        elements: &[&Expr],
        is_generator: bool,
    ) {
        // The first iterable is evaluated in the enclosing scope.
        self.visit_expr(&generators[0].iter);
        let name = if is_generator {
            "<genexpr>"
        } else {
            "<listcomp>"
        };
        let previous = self.enter(ScopeKind::Comprehension, name, range);
        self.scope().parameters.push(".0".to_string());
        self.scope().add(".0", BOUND | PARAMETER);
        if is_generator {
            self.scope().is_generator = true;
        }
        for (i, generator) in generators.iter().enumerate() {
            if generator.is_async {
                self.scope().is_coroutine = true;
            }
            self.visit_expr(&generator.target);
            if i > 0 {
                self.visit_expr(&generator.iter);
            }
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
        for element in elements {
            self.visit_expr(element);
        }
        self.current = previous;
    }

    /// The scope a walrus target binds in: the nearest enclosing scope that is not a
    /// comprehension.
    fn walrus_scope(&self) -> usize {
        let mut scope = self.current;
        while self.table.scopes[scope].kind == ScopeKind::Comprehension {
            scope = self.table.scopes[scope]
                .parent
                .expect("a comprehension has a parent");
        }
        scope
    }

    fn bind_pattern_name(&mut self, name: &Option<ast::Identifier>) {
        if let Some(name) = name {
            self.add(name.id.as_str(), BOUND);
        }
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                for decorator in &def.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                self.parameter_defaults(&def.parameters);
                self.parameter_annotations(&def.parameters);
                if let Some(returns) = &def.returns {
                    self.visit_expr(returns);
                }
                self.add(def.name.id.as_str(), BOUND);
                let previous = self.enter(ScopeKind::Function, def.name.id.as_str(), def.range);
                if def.is_async {
                    self.scope().is_coroutine = true;
                }
                self.parameters(&def.parameters);
                self.visit_body(&def.body);
                self.current = previous;
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.add(class.name.id.as_str(), BOUND);
                let previous = self.enter(ScopeKind::Class, class.name.id.as_str(), class.range);
                self.visit_body(&class.body);
                self.current = previous;
            }
            Stmt::Global(global) => {
                for name in &global.names {
                    let text = name.id.as_str();
                    let flags = self.scope().flags.get(text).copied().unwrap_or(0);
                    if flags & PARAMETER != 0 {
                        self.fail(format!("name '{text}' is parameter and global"), name.range);
                    } else if flags & NONLOCAL != 0 {
                        self.fail(format!("name '{text}' is nonlocal and global"), name.range);
                    } else if flags & (BOUND | ANNOTATED) != 0 {
                        self.fail(
                            format!("name '{text}' is assigned to before global declaration"),
                            name.range,
                        );
                    } else if flags & USED != 0 {
                        self.fail(
                            format!("name '{text}' is used prior to global declaration"),
                            name.range,
                        );
                    }
                    self.add(text, GLOBAL);
                }
            }
            Stmt::Nonlocal(nonlocal) => {
                if self.scope().kind == ScopeKind::Module {
                    self.fail(
                        "nonlocal declaration not allowed at module level".to_string(),
                        nonlocal.range,
                    );
                }
                for name in &nonlocal.names {
                    let text = name.id.as_str();
                    let flags = self.scope().flags.get(text).copied().unwrap_or(0);
                    if flags & PARAMETER != 0 {
                        self.fail(
                            format!("name '{text}' is parameter and nonlocal"),
                            name.range,
                        );
                    } else if flags & GLOBAL != 0 {
                        self.fail(format!("name '{text}' is nonlocal and global"), name.range);
                    } else if flags & BOUND != 0 {
                        self.fail(
                            format!("name '{text}' is assigned to before nonlocal declaration"),
                            name.range,
                        );
                    } else if flags & USED != 0 {
                        self.fail(
                            format!("name '{text}' is used prior to nonlocal declaration"),
                            name.range,
                        );
                    }
                    self.add(text, NONLOCAL);
                    self.scope()
                        .nonlocal_ranges
                        .entry(text.to_string())
                        .or_insert(nonlocal.range);
                }
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = match &alias.asname {
                        Some(asname) => asname.id.to_string(),
                        None => alias.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.add(&bound, BOUND);
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    if alias.name.id.as_str() == "*" {
                        if self.scope().kind != ScopeKind::Module {
                            self.fail(
                                "import * only allowed at module level".to_string(),
                                import.range,
                            );
                        }
                        continue;
                    }
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.add(bound.id.as_str(), BOUND);
                }
            }
            Stmt::AnnAssign(assign) => {
                if let Expr::Name(name) = &*assign.target {
                    let flags = self
                        .scope()
                        .flags
                        .get(name.id.as_str())
                        .copied()
                        .unwrap_or(0);
                    if flags & (GLOBAL | NONLOCAL) != 0 && assign.simple {
                        let what = if flags & GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        self.fail(
                            format!("annotated name '{}' can't be {what}", name.id),
                            name.range,
                        );
                    }
                    self.add(name.id.as_str(), ANNOTATED);
                    if assign.value.is_some() {
                        self.add(name.id.as_str(), BOUND);
                    }
                } else {
                    self.visit_expr(&assign.target);
                }
                if assign.simple {
                    self.scope().has_annotations = true;
                }
                if !self.scope().is_function_like() {
                    self.visit_expr(&assign.annotation);
                }
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                }
            }
            Stmt::Try(try_stmt) => {
                self.visit_body(&try_stmt.body);
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(type_) = &handler.type_ {
                        self.visit_expr(type_);
                    }
                    if let Some(name) = &handler.name {
                        self.add(name.id.as_str(), BOUND);
                    }
                    self.visit_body(&handler.body);
                }
                self.visit_body(&try_stmt.orelse);
                self.visit_body(&try_stmt.finalbody);
            }
            Stmt::Return(ret) => {
                if !self.scope().is_function_like() {
                    self.fail("'return' outside function".to_string(), ret.range);
                }
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => {
                let flag = match name.ctx {
                    ExprContext::Load => USED,
                    _ => BOUND,
                };
                if name.id.as_str() == "super" && flag == USED {
                    self.scope().needs_class_cell = true;
                }
                if name.id.as_str() == "__class__" && flag == USED {
                    self.scope().needs_class_cell = true;
                }
                self.add(name.id.as_str(), flag);
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.parameter_defaults(parameters);
                }
                let previous = self.enter(ScopeKind::Lambda, "<lambda>", lambda.range);
                if let Some(parameters) = &lambda.parameters {
                    self.parameters(parameters);
                }
                self.visit_expr(&lambda.body);
                self.current = previous;
            }
            Expr::ListComp(comp) => {
                self.comprehension(comp.range, &comp.generators, &[&comp.elt], false)
            }
            Expr::SetComp(comp) => {
                self.comprehension(comp.range, &comp.generators, &[&comp.elt], false)
            }
            Expr::Generator(comp) => {
                self.comprehension(comp.range, &comp.generators, &[&comp.elt], true)
            }
            Expr::DictComp(comp) => {
                let mut elements: Vec<&Expr> = Vec::new();
                if let Some(key) = &comp.key {
                    elements.push(key);
                }
                elements.push(&comp.value);
                self.comprehension(comp.range, &comp.generators, &elements, false)
            }
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                if let Expr::Name(name) = &*named.target {
                    let target = self.walrus_scope();
                    if self.table.scopes[self.current].kind == ScopeKind::Comprehension {
                        if self.table.scopes[target].kind == ScopeKind::Class {
                            self.fail(
                                "assignment expression within a comprehension cannot be used in a class body".to_string(),
                                named.range,
                            );
                        }
                        // Bound in the enclosing scope, free in the comprehension.
                        self.table.scopes[target].add(name.id.as_str(), BOUND);
                        let mut scope = self.current;
                        while scope != target {
                            self.table.scopes[scope].add(name.id.as_str(), NONLOCAL);
                            scope = self.table.scopes[scope].parent.unwrap_or(target);
                        }
                        if self.table.scopes[target].kind == ScopeKind::Module {
                            let mut scope = self.current;
                            while scope != target {
                                let flags =
                                    self.table.scopes[scope].flags.get_mut(name.id.as_str());
                                if let Some(flags) = flags {
                                    *flags = (*flags & !NONLOCAL) | GLOBAL;
                                }
                                scope = self.table.scopes[scope].parent.unwrap_or(target);
                            }
                        }
                    } else {
                        self.add(name.id.as_str(), BOUND);
                    }
                } else {
                    self.visit_expr(&named.target);
                }
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                match self.scope().kind {
                    ScopeKind::Function | ScopeKind::Lambda => self.scope().is_generator = true,
                    ScopeKind::Comprehension => self.fail(
                        "'yield' inside list comprehension".to_string(),
                        expr.range(),
                    ),
                    _ => self.fail("'yield' outside function".to_string(), expr.range()),
                }
                visitor::walk_expr(self, expr);
            }
            Expr::Await(_) => {
                let scope = self.scope();
                match scope.kind {
                    ScopeKind::Module | ScopeKind::Class => {
                        self.fail("'await' outside function".to_string(), expr.range())
                    }
                    ScopeKind::Function | ScopeKind::Lambda if !scope.is_coroutine => {
                        self.fail("'await' outside async function".to_string(), expr.range())
                    }
                    _ => {}
                }
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }

    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        match pattern {
            ast::Pattern::MatchAs(p) => self.bind_pattern_name(&p.name),
            ast::Pattern::MatchStar(p) => self.bind_pattern_name(&p.name),
            ast::Pattern::MatchMapping(p) => self.bind_pattern_name(&p.rest),
            _ => {}
        }
        visitor::walk_pattern(self, pattern);
    }

    fn visit_annotation(&mut self, expr: &'a Expr) {
        self.visit_expr(expr);
    }
}

/// Resolve the names of `scope` given the names bound by enclosing functions; returns
/// the scope's free variables (which its parent must supply).
fn analyze(
    table: &mut SymbolTable,
    index: usize,
    enclosing: &HashSet<String>,
) -> Result<HashSet<String>, CompileError> {
    let kind = table.scopes[index].kind;
    let mut resolved: HashMap<String, Resolution> = HashMap::new();
    let mut free: HashSet<String> = HashSet::new();
    let names: Vec<(String, u8)> = table.scopes[index]
        .order
        .iter()
        .map(|n| (n.clone(), table.scopes[index].flags[n]))
        .collect();
    for (name, flags) in &names {
        let resolution = if flags & GLOBAL != 0 {
            Resolution::GlobalExplicit
        } else if flags & NONLOCAL != 0 {
            if !enclosing.contains(name) {
                let range = table.scopes[index]
                    .nonlocal_ranges
                    .get(name)
                    .copied()
                    .unwrap_or_default();
                return Err(CompileError::new(
                    format!("no binding for nonlocal '{name}' found"),
                    range,
                ));
            }
            free.insert(name.clone());
            Resolution::Free
        } else if flags & (BOUND | PARAMETER) != 0 {
            match kind {
                ScopeKind::Module | ScopeKind::Class => Resolution::Name,
                _ => Resolution::Local,
            }
        } else if enclosing.contains(name) && kind != ScopeKind::Module {
            free.insert(name.clone());
            Resolution::Free
        } else {
            match kind {
                ScopeKind::Module => Resolution::Name,
                ScopeKind::Class => Resolution::Name,
                _ => Resolution::GlobalImplicit,
            }
        };
        resolved.insert(name.clone(), resolution);
    }
    // A method using super() or __class__ gets __class__ from the class.
    if table.scopes[index].needs_class_cell && table.scopes[index].is_function_like() {
        let mut parent = table.scopes[index].parent;
        let mut in_class = false;
        while let Some(p) = parent {
            if table.scopes[p].kind == ScopeKind::Class {
                in_class = true;
                break;
            }
            if !table.scopes[p].is_function_like() {
                break;
            }
            parent = table.scopes[p].parent;
        }
        let unresolved = matches!(
            resolved.get("__class__"),
            None | Some(Resolution::GlobalImplicit)
        );
        if in_class && unresolved {
            resolved.insert("__class__".to_string(), Resolution::Free);
            free.insert("__class__".to_string());
        }
    }
    let mut child_enclosing = enclosing.clone();
    match kind {
        ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension => {
            for (name, r) in &resolved {
                if matches!(r, Resolution::Local | Resolution::Free) {
                    child_enclosing.insert(name.clone());
                }
            }
            for (name, r) in &resolved {
                if *r == Resolution::GlobalExplicit {
                    child_enclosing.remove(name);
                }
            }
        }
        ScopeKind::Class => {
            child_enclosing.insert("__class__".to_string());
        }
        ScopeKind::Module => {}
    }
    let children = table.scopes[index].children.clone();
    let mut child_free: HashSet<String> = HashSet::new();
    for child in children {
        child_free.extend(analyze(table, child, &child_enclosing)?);
    }
    let mut cells: Vec<String> = Vec::new();
    let mut sorted_child_free: Vec<String> = child_free.into_iter().collect();
    sorted_child_free.sort();
    for name in sorted_child_free {
        match kind {
            ScopeKind::Class if name == "__class__" => {
                cells.push(name);
            }
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension => {
                match resolved.get(&name) {
                    Some(Resolution::Local) => {
                        resolved.insert(name.clone(), Resolution::Cell);
                        cells.push(name);
                    }
                    Some(Resolution::Cell) | Some(Resolution::Free) => {}
                    _ => {
                        resolved.insert(name.clone(), Resolution::Free);
                        free.insert(name);
                    }
                }
            }
            ScopeKind::Class => {
                // Passed through the class body to the methods; the class body itself
                // reads its own binding of the name, if any, from its namespace.
                let bound_here = table.scopes[index]
                    .flags
                    .get(&name)
                    .is_some_and(|f| f & BOUND != 0);
                if !bound_here {
                    resolved.insert(name.clone(), Resolution::Free);
                }
                free.insert(name);
            }
            ScopeKind::Module => {}
        }
    }
    let mut frees: Vec<String> = free.iter().cloned().collect();
    frees.sort();
    let scope = &mut table.scopes[index];
    scope.resolved = resolved;
    scope.cells = cells;
    scope.frees = frees;
    Ok(free)
}
