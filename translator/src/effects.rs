//! Effect analysis: which GC fields and arrays each residual call may write (RPython's
//! `WriteAnalyzer`). The optimizer's heap cache forgets only what a call may write, so a
//! call that writes nothing, or only `Tape.cells`, keeps every other cached load alive.
//!
//! Residual functions are ordinary Rust, so the analysis reads their syntax and is
//! conservative where it cannot see:
//! - the ways to write the GC heap are the generated setters (`node.set_value(v)`, which may
//!   write the field `value` of any struct that has one), `store` and `with_fields` (all
//!   fields), and `Array::set` / `with_slice` (the receiver's array type when the function
//!   names it — a typed parameter or `let`, or a getter of an array field — else every
//!   array type);
//! - a call of a function of the translated modules adds that function's writes (functions
//!   are summarized together, to a fixed point, so recursion is fine); a method call adds
//!   the writes of every translated method of that name (the receiver's type is not known);
//!   naming a translated function without calling it (a function pointer) adds its writes;
//! - a call of anything outside the translated modules may call back into them only through
//!   the impls of foreign traits (`Display::fmt`, `Drop::drop`, an `Ord` used by a sort …),
//!   so it adds the writes of all of those;
//! - `unsafe` code, `unsafe fn`s and the dynamic `store_field` / `store_element` API may
//!   write anything; a portal runs the interpreter, which may write anything;
//! - writes to an object the function allocated itself (`let a = Array::new(..)`, never
//!   reassigned) are left out: no cached value of the caller can be about it;
//! - macros are read as comma-separated expressions when they parse as such, otherwise
//!   their tokens are scanned for the names above.
//!
//! `#[elidable]` functions write nothing by contract and are not analysed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use proc_macro2::{TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit::Visit;

use crate::policy::{ResidualReason, Role};
use crate::source::{has_attribute, impl_owner, path_segments};
use crate::types::{parse_type, Ty};

/// What a call may write: descriptor names as the trace text form writes them
/// (`Tape.cells`, `Array<u8>`), or anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteSet {
    pub everything: bool,
    pub descrs: BTreeSet<String>,
}

impl WriteSet {
    pub const fn everything() -> WriteSet {
        WriteSet {
            everything: true,
            descrs: BTreeSet::new(),
        }
    }

    /// Add `other`; whether anything changed.
    fn absorb(&mut self, other: &WriteSet) -> bool {
        if self.everything {
            return false;
        }
        if other.everything {
            self.everything = true;
            self.descrs.clear();
            return true;
        }
        let before = self.descrs.len();
        self.descrs.extend(other.descrs.iter().cloned());
        self.descrs.len() != before
    }

    /// The Rust expression of the matching `ferrite_trace::Writes` (under the `__f` alias of
    /// the generated file).
    pub fn rust(&self) -> String {
        if self.everything {
            "__f::Writes::Everything".to_string()
        } else if self.descrs.is_empty() {
            "__f::Writes::Nothing".to_string()
        } else {
            let names: Vec<String> = self.descrs.iter().map(|d| format!("{d:?}")).collect();
            format!("__f::Writes::Only(&[{}])", names.join(", "))
        }
    }

    /// For `ferrite-translate list`.
    pub fn describe(&self) -> String {
        if self.everything {
            "writes anything".to_string()
        } else if self.descrs.is_empty() {
            "writes nothing".to_string()
        } else {
            let names: Vec<&str> = self.descrs.iter().map(String::as_str).collect();
            format!("writes {}", names.join(", "))
        }
    }

    /// The GC struct names the set mentions (their descriptors must be registered before
    /// the optimizer resolves the names).
    pub fn structs(&self) -> impl Iterator<Item = &str> {
        self.descrs
            .iter()
            .filter_map(|d| d.split_once('.').map(|(owner, _)| owner))
    }
}

/// The element types of GC arrays, as their descriptors are named.
const ARRAY_DESCRS: &[&str] = &[
    "Array<i8>",
    "Array<i16>",
    "Array<i32>",
    "Array<i64>",
    "Array<u8>",
    "Array<u16>",
    "Array<u32>",
    "Array<u64>",
    "Array<bool>",
    "Array<f64>",
    "Array<ref>",
];

/// Every function of the interpreter's crate, for the analysis: the translated modules'
/// functions and also those of its other modules, which a residual function may call and
/// which can use the GC setters just as well.
pub struct CrateIndex {
    functions: Vec<CrateFunction>,
    /// The `#[gc_object]` structs: name, fields and their types (where in the subset).
    structs: BTreeMap<String, Vec<(String, Option<Ty>)>>,
    /// Traits the crate declares (impls of any other trait are callbacks from outside).
    traits: HashSet<String>,
}

struct CrateFunction {
    name: String,
    /// The type of its `impl` block, if any (`Tape` for `impl Tape` and `impl X for Gc<Tape>`;
    /// none for an impl on a generic type, whose methods are then matched by name alone).
    owner: Option<String>,
    /// For a method of a trait impl, the trait's name.
    trait_name: Option<String>,
    has_receiver: bool,
    sig: syn::Signature,
    body: syn::Block,
    portal: bool,
    elidable: bool,
}

impl CrateFunction {
    /// Whether it answers to the translated function `key` (`name` or `Owner::name`).
    fn is(&self, key: &str) -> bool {
        match (&self.owner, key.split_once("::")) {
            (Some(owner), Some((key_owner, name))) => owner == key_owner && self.name == name,
            (None, None) => self.name == key,
            _ => false,
        }
    }
}

impl CrateIndex {
    /// Index `files` (the crate's sources; those that don't parse are skipped: rustc
    /// reports them).
    pub fn read(files: &[PathBuf]) -> CrateIndex {
        let mut index = CrateIndex {
            functions: Vec::new(),
            structs: BTreeMap::new(),
            traits: HashSet::new(),
        };
        for file in files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            if let Ok(ast) = syn::parse_file(&text) {
                index.collect(&ast.items);
            }
        }
        index
    }

    fn collect(&mut self, items: &[syn::Item]) {
        for item in items {
            match item {
                syn::Item::Fn(function) => {
                    self.add(None, None, &function.sig, &function.block, &function.attrs)
                }
                syn::Item::Impl(block) => {
                    let owner = impl_owner(&block.self_ty);
                    let trait_name = block
                        .trait_
                        .as_ref()
                        .and_then(|(_, path, _)| path.segments.last().map(|s| s.ident.to_string()));
                    for member in &block.items {
                        if let syn::ImplItem::Fn(method) = member {
                            self.add(
                                owner.clone(),
                                trait_name.clone(),
                                &method.sig,
                                &method.block,
                                &method.attrs,
                            );
                        }
                    }
                }
                syn::Item::Trait(declaration) => {
                    self.traits.insert(declaration.ident.to_string());
                    for member in &declaration.items {
                        if let syn::TraitItem::Fn(method) = member {
                            if let Some(body) = &method.default {
                                self.add(None, None, &method.sig, body, &method.attrs);
                            }
                        }
                    }
                }
                syn::Item::Struct(structure) if has_attribute(&structure.attrs, "gc_object") => {
                    let name = structure.ident.to_string();
                    let self_ty = Ty::Gc(name.clone());
                    let fields = structure
                        .fields
                        .iter()
                        .filter_map(|field| {
                            let ty = parse_type(&field.ty, Some(&self_ty)).ok();
                            Some((field.ident.as_ref()?.to_string(), ty))
                        })
                        .collect();
                    self.structs.insert(name, fields);
                }
                syn::Item::Mod(inner) => {
                    if let Some((_, items)) = &inner.content {
                        self.collect(items);
                    }
                }
                _ => {}
            }
        }
    }

    fn add(
        &mut self,
        owner: Option<String>,
        trait_name: Option<String>,
        sig: &syn::Signature,
        body: &syn::Block,
        attrs: &[syn::Attribute],
    ) {
        self.functions.push(CrateFunction {
            name: sig.ident.to_string(),
            owner,
            trait_name,
            has_receiver: sig.receiver().is_some(),
            sig: sig.clone(),
            body: body.clone(),
            portal: has_attribute(attrs, "portal"),
            elidable: has_attribute(attrs, "elidable"),
        });
    }
}

/// The writes of every residual function (and portal) in `roles`.
pub fn residual_writes(
    index: &CrateIndex,
    roles: &BTreeMap<String, Role>,
) -> BTreeMap<String, WriteSet> {
    let summaries: Vec<Summary> = index
        .functions
        .iter()
        .map(|f| summarize(index, f))
        .collect();
    let writes = fixed_point(index, &summaries);
    roles
        .iter()
        .filter_map(|(key, role)| {
            let set = match role {
                Role::Traced => return None,
                Role::Portal => WriteSet::everything(),
                Role::Residual(ResidualReason::Elidable) => WriteSet::default(),
                Role::Residual(_) => {
                    let mut set = WriteSet::default();
                    let mut found = false;
                    for (function, written) in index.functions.iter().zip(&writes) {
                        if function.is(key) {
                            found = true;
                            set.absorb(written);
                        }
                    }
                    if !found {
                        // Not in the files read (cannot happen for a translated function,
                        // whose file is always read): assume the worst.
                        set = WriteSet::everything();
                    }
                    set
                }
            };
            Some((key.clone(), set))
        })
        .collect()
}

/// What one function's own body writes and calls.
#[derive(Default)]
struct Summary {
    writes: WriteSet,
    /// The functions of the crate it calls or names (indices into the index).
    calls: BTreeSet<usize>,
    /// Whether it calls anything outside the crate.
    external: bool,
}

/// Each function's writes including its callees', iterated until nothing changes.
fn fixed_point(index: &CrateIndex, summaries: &[Summary]) -> Vec<WriteSet> {
    let fixed = |f: &CrateFunction| f.portal || f.elidable;
    let callbacks: Vec<usize> = index
        .functions
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            f.trait_name
                .as_ref()
                .is_some_and(|name| !index.traits.contains(name))
        })
        .map(|(i, _)| i)
        .collect();
    let mut writes: Vec<WriteSet> = index
        .functions
        .iter()
        .zip(summaries)
        .map(|(function, summary)| {
            if function.portal {
                WriteSet::everything()
            } else if function.elidable {
                WriteSet::default()
            } else {
                summary.writes.clone()
            }
        })
        .collect();
    loop {
        let mut changed = false;
        for (i, summary) in summaries.iter().enumerate() {
            if fixed(&index.functions[i]) {
                continue;
            }
            let mut set = writes[i].clone();
            for &callee in &summary.calls {
                changed |= set.absorb(&writes[callee]);
            }
            if summary.external {
                for &callback in &callbacks {
                    changed |= set.absorb(&writes[callback]);
                }
            }
            writes[i] = set;
        }
        if !changed {
            return writes;
        }
    }
}

fn summarize(index: &CrateIndex, function: &CrateFunction) -> Summary {
    let mut scanner = Scanner {
        index,
        self_owner: function.owner.clone(),
        locals: HashMap::new(),
        fresh: fresh_locals(&function.sig, &function.body),
        summary: Summary::default(),
    };
    if function.sig.unsafety.is_some() {
        scanner.summary.writes = WriteSet::everything();
        return scanner.summary;
    }
    scanner.locals = typed_locals(function);
    scanner.visit_block(&function.body);
    scanner.summary
}

struct Scanner<'a> {
    index: &'a CrateIndex,
    /// The type of the function's impl block (what `Self` names).
    self_owner: Option<String>,
    /// The types of the locals whose type the function states (see `typed_locals`).
    locals: HashMap<String, Ty>,
    /// Locals holding an object the function allocated itself.
    fresh: HashSet<String>,
    summary: Summary,
}

/// The parameters and `let`s with a stated type that are the only binding of their name
/// in the function (so the type holds wherever the name is used). `if let Some(x) = x`
/// does not count as another binding: it narrows `x` to the `Option`'s content.
fn typed_locals(function: &CrateFunction) -> HashMap<String, Ty> {
    #[derive(Default)]
    struct Finder {
        bindings: HashMap<String, usize>,
        typed: HashMap<String, syn::Type>,
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
            *self.bindings.entry(pat.ident.to_string()).or_default() += 1;
            syn::visit::visit_pat_ident(self, pat);
        }
        fn visit_pat_type(&mut self, pat: &'ast syn::PatType) {
            if let syn::Pat::Ident(name) = &*pat.pat {
                self.typed.insert(name.ident.to_string(), (*pat.ty).clone());
            }
            syn::visit::visit_pat_type(self, pat);
        }
        fn visit_expr_let(&mut self, binding: &'ast syn::ExprLet) {
            if let (syn::Pat::TupleStruct(some), syn::Expr::Path(scrutinee)) =
                (&*binding.pat, &*binding.expr)
            {
                let inner = match some.elems.first() {
                    Some(syn::Pat::Ident(inner)) if some.elems.len() == 1 => Some(&inner.ident),
                    _ => None,
                };
                if some.path.is_ident("Some")
                    && inner.is_some()
                    && scrutinee.path.get_ident() == inner
                {
                    return;
                }
            }
            syn::visit::visit_expr_let(self, binding);
        }
    }
    let mut finder = Finder::default();
    for input in &function.sig.inputs {
        finder.visit_fn_arg(input);
    }
    finder.visit_block(&function.body);
    let self_ty = function.owner.clone().map(Ty::Gc);
    finder
        .typed
        .into_iter()
        .filter(|(name, _)| finder.bindings.get(name) == Some(&1))
        .filter_map(|(name, ty)| Some((name, parse_type(&ty, self_ty.as_ref()).ok()?)))
        .collect()
}

/// The locals declared once, by an allocation, and never assigned: writes through them
/// touch only objects the caller cannot have cached anything about.
fn fresh_locals(sig: &syn::Signature, body: &syn::Block) -> HashSet<String> {
    #[derive(Default)]
    struct Finder {
        declared: HashMap<String, usize>,
        allocated: HashSet<String>,
        assigned: HashSet<String>,
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
            *self.declared.entry(pat.ident.to_string()).or_default() += 1;
            syn::visit::visit_pat_ident(self, pat);
        }
        fn visit_local(&mut self, local: &'ast syn::Local) {
            let name = match &local.pat {
                syn::Pat::Ident(name) => Some(&name.ident),
                syn::Pat::Type(typed) => match &*typed.pat {
                    syn::Pat::Ident(name) => Some(&name.ident),
                    _ => None,
                },
                _ => None,
            };
            if let (Some(name), Some(init)) = (name, &local.init) {
                if init.diverge.is_none() && is_allocation(&init.expr) {
                    self.allocated.insert(name.to_string());
                }
            }
            syn::visit::visit_local(self, local);
        }
        fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
            if let syn::Expr::Path(path) = &*assign.left {
                if let Some(name) = path.path.get_ident() {
                    self.assigned.insert(name.to_string());
                }
            }
            syn::visit::visit_expr_assign(self, assign);
        }
    }
    let mut finder = Finder::default();
    for input in &sig.inputs {
        finder.visit_fn_arg(input);
    }
    finder.visit_block(body);
    finder
        .allocated
        .into_iter()
        .filter(|name| finder.declared.get(name) == Some(&1) && !finder.assigned.contains(name))
        .collect()
}

/// `Gc::new(..)`, `Array::new(..)`, `Array::from_slice(..)`, `Bytes::new(..)`, possibly
/// followed by `.expect(..)`, `.unwrap()` or `?`.
fn is_allocation(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = &*call.func else {
                return false;
            };
            let segments = path_segments(&path.path);
            matches!(
                segments.iter().map(String::as_str).collect::<Vec<_>>()[..],
                [.., "Gc" | "Array" | "Bytes", "new" | "from_slice"]
            )
        }
        syn::Expr::MethodCall(call)
            if matches!(call.method.to_string().as_str(), "expect" | "unwrap") =>
        {
            is_allocation(&call.receiver)
        }
        syn::Expr::Try(attempt) => is_allocation(&attempt.expr),
        syn::Expr::Paren(inner) => is_allocation(&inner.expr),
        _ => false,
    }
}

impl Scanner<'_> {
    fn write(&mut self, descr: String) {
        if !self.summary.writes.everything {
            self.summary.writes.descrs.insert(descr);
        }
    }

    fn write_everything(&mut self) {
        self.summary.writes = WriteSet::everything();
    }

    /// Every field named `field` of any GC struct.
    fn write_field_named(&mut self, field: &str) -> bool {
        let owners: Vec<&String> = self
            .index
            .structs
            .iter()
            .filter(|(_, fields)| fields.iter().any(|(name, _)| name == field))
            .map(|(name, _)| name)
            .collect();
        for owner in &owners {
            self.write(format!("{owner}.{field}"));
        }
        !owners.is_empty()
    }

    fn write_all_fields(&mut self) {
        let names: Vec<String> = self
            .index
            .structs
            .iter()
            .flat_map(|(owner, fields)| fields.iter().map(move |(f, _)| format!("{owner}.{f}")))
            .collect();
        for name in names {
            self.write(name);
        }
    }

    /// The array descriptor(s) `receiver.set(..)` may write.
    fn write_array_of(&mut self, receiver: &syn::Expr) {
        match self.array_type_of(receiver) {
            Some(name) => self.write(name),
            None => {
                for name in ARRAY_DESCRS {
                    self.write(name.to_string());
                }
            }
        }
    }

    /// The array descriptor name of `receiver`'s type, when the function says it.
    fn array_type_of(&self, receiver: &syn::Expr) -> Option<String> {
        let ty = match receiver {
            syn::Expr::Path(path) => self
                .locals
                .get(&path.path.get_ident()?.to_string())
                .cloned()?,
            syn::Expr::MethodCall(call)
                if matches!(call.method.to_string().as_str(), "unwrap" | "expect") =>
            {
                return self.array_type_of(&call.receiver)
            }
            syn::Expr::MethodCall(getter) if getter.args.is_empty() => {
                let field = getter.method.to_string();
                let mut types = self
                    .index
                    .structs
                    .values()
                    .flat_map(|fields| fields.iter())
                    .filter(|(name, _)| *name == field)
                    .map(|(_, ty)| ty.clone());
                let first = types.next()??;
                if !types.all(|t| t.as_ref() == Some(&first)) {
                    return None;
                }
                first
            }
            syn::Expr::Paren(inner) => return self.array_type_of(&inner.expr),
            _ => return None,
        };
        // Through `Option` (`unwrap`, or `if let Some(a) = a`).
        match ty {
            Ty::Array(element) => element.array_descr_name(),
            Ty::Nullable(inner) => match *inner {
                Ty::Array(element) => element.array_descr_name(),
                _ => None,
            },
            _ => None,
        }
    }

    /// Calls every function of the crate `matches` accepts; whether there was one.
    fn call_all(&mut self, matches: impl Fn(&CrateFunction) -> bool) -> bool {
        let found: Vec<usize> = (0..self.index.functions.len())
            .filter(|&i| matches(&self.index.functions[i]))
            .collect();
        let any = !found.is_empty();
        self.summary.calls.extend(found);
        any
    }

    /// `path(..)` or a path used as a value.
    fn path(&mut self, path: &syn::Path, called: bool) {
        let segments = path_segments(path);
        let Some(last) = segments.last() else {
            return;
        };
        if segments.len() >= 2 {
            let qualifier = &segments[segments.len() - 2];
            let qualifier = match (qualifier.as_str(), &self.self_owner) {
                ("Self", Some(owner)) => owner.clone(),
                _ => qualifier.clone(),
            };
            // `Type::function`, `Trait::method`.
            if self.call_all(|f| {
                f.name == *last
                    && (f.owner.as_ref() == Some(&qualifier)
                        || f.trait_name.as_ref() == Some(&qualifier))
            }) {
                return;
            }
            // Allocation writes no existing object.
            if called && matches!(qualifier.as_str(), "Gc" | "Array" | "Bytes") && last == "new" {
                return;
            }
        }
        // `function` or `module::function`.
        if self.call_all(|f| f.owner.is_none() && f.name == *last) {
            return;
        }
        // A constructor (`Some(x)`, `Ok(v)`, a tuple struct) builds a value; anything else
        // called is outside.
        let constructor = segments.len() == 1 && last.starts_with(char::is_uppercase);
        if called && !constructor {
            self.summary.external = true;
        }
    }

    fn is_fresh(&self, receiver: &syn::Expr) -> bool {
        match receiver {
            syn::Expr::Path(path) => path
                .path
                .get_ident()
                .is_some_and(|name| self.fresh.contains(&name.to_string())),
            _ => false,
        }
    }

    /// `receiver.method(..)`.
    fn method(&mut self, receiver: &syn::Expr, method: &str) {
        let fresh = self.is_fresh(receiver);
        let mut known = self.call_all(|f| f.has_receiver && f.name == method);
        // A generated getter reads.
        known |= self
            .index
            .structs
            .values()
            .any(|fields| fields.iter().any(|(name, _)| name == method));
        if let Some(field) = method.strip_prefix("set_") {
            known |= fresh || self.write_field_named(field);
        }
        match method {
            "set" | "with_slice" => {
                if !fresh {
                    self.write_array_of(receiver);
                }
                known = true;
            }
            "store" | "with_fields" => {
                if !fresh {
                    self.write_all_fields();
                }
                known = true;
            }
            "store_field" | "store_element" => self.write_everything(),
            _ => {}
        }
        if !known {
            self.summary.external = true;
        }
    }

    /// A macro: its arguments as expressions if they parse, else its tokens' names.
    fn macro_tokens(&mut self, tokens: &TokenStream) {
        self.summary.external = true;
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(arguments) = syn::parse::Parser::parse2(parser, tokens.clone()) {
            for argument in &arguments {
                self.visit_expr(argument);
            }
            return;
        }
        self.scan_tokens(tokens.clone());
    }

    fn scan_tokens(&mut self, tokens: TokenStream) {
        for token in tokens {
            match token {
                TokenTree::Group(group) => self.scan_tokens(group.stream()),
                TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    if name == "unsafe" {
                        self.write_everything();
                    } else {
                        self.call_all(|f| f.name == name);
                    }
                    if name.starts_with("set_")
                        || matches!(
                            name.as_str(),
                            "set"
                                | "with_slice"
                                | "store"
                                | "with_fields"
                                | "store_field"
                                | "store_element"
                        )
                    {
                        let receiver: syn::Expr = syn::parse_quote!(unknown);
                        self.method(&receiver, &name);
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Scanner<'_> {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = &*call.func {
            self.path(&path.path, true);
            for argument in &call.args {
                self.visit_expr(argument);
            }
        } else {
            // A call of a computed function (a closure or pointer): what it may be is
            // covered where it was named.
            syn::visit::visit_expr_call(self, call);
        }
    }

    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        self.path(&path.path, false);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        self.method(&call.receiver, &call.method.to_string());
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_unsafe(&mut self, _: &'ast syn::ExprUnsafe) {
        self.write_everything();
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.macro_tokens(&mac.tokens);
    }
}
