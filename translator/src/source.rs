//! Reading the interpreter's source: the files of the translated modules, parsed with `syn`,
//! and the items the translator needs from them — `#[gc_object]` structs (their fields are
//! the heap layout), functions and methods with their hints, constants, and JIT drivers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::error::{Result, TranslateError};
use crate::types::{parse_type, Ty};

/// One module to translate: its Rust path (`crate::interpreter`) and its file.
#[derive(Clone, Debug)]
pub struct ModuleSpec {
    pub path: String,
    pub file: PathBuf,
}

/// The hints written on a function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    pub portal: bool,
    pub elidable: bool,
    pub dont_look_inside: bool,
    pub look_inside: bool,
    pub unroll_safe: bool,
    pub loop_invariant: bool,
}

/// A function or method of the translated modules.
pub struct Function {
    /// How calls name it: `step`, or `Tape::new` / `Tape::grow` for functions of an impl on
    /// `Tape` or `Gc<Tape>`.
    pub key: String,
    /// The Rust expression that names it from the crate root (for trampolines).
    pub rust_path: String,
    pub file: PathBuf,
    pub span: Span,
    pub sig: syn::Signature,
    pub body: syn::Block,
    pub hints: Hints,
    /// What `Self` means in its impl, if any.
    pub self_ty: Option<Ty>,
    /// Whether code at the crate root can name it (the generated trampolines live there).
    pub visible_from_root: bool,
}

/// A `#[gc_object]` struct.
pub struct GcStruct {
    pub name: String,
    pub rust_path: String,
    pub file: PathBuf,
    pub span: Span,
    /// The fields in order; `Err` holds why a field's type is outside the subset (reported
    /// only if traced code touches that field).
    pub fields: Vec<(String, std::result::Result<Ty, String>)>,
    /// The fields marked `#[quasi_immutable]`.
    pub quasi_immutable: Vec<String>,
    /// The fields marked `#[virtualizable]`.
    pub virtualizable: Vec<String>,
    pub visible_from_root: bool,
}

/// A `jit_driver!` declaration.
pub struct DriverDecl {
    pub name: String,
    pub greens: Vec<String>,
    pub reds: Vec<String>,
    /// `virtualizable(frame)`: the red whose `#[virtualizable]` fields traces keep in
    /// registers.
    pub virtualizable: Option<String>,
    pub file: PathBuf,
    pub span: Span,
}

/// A `const` item of a primitive type.
#[derive(Clone, Debug)]
pub struct Constant {
    pub ty: Ty,
    pub value: ConstValue,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ConstValue {
    Int(i64),
    Float(f64),
}

/// Everything the translated modules declare.
#[derive(Default)]
pub struct Items {
    pub functions: HashMap<String, Function>,
    pub structs: HashMap<String, GcStruct>,
    pub drivers: Vec<DriverDecl>,
    pub constants: HashMap<String, Constant>,
    /// The files read, for `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
}

/// The text of the translated modules' files. Unlike `Items` (whose `syn` trees hold
/// thread-bound spans), it can be shared between threads; each worker parses its own
/// `Items` from it (`with_items`), which takes milliseconds.
pub struct Sources {
    /// Distinguishes translations, so a worker thread's parsed copy is not reused for
    /// another one.
    id: u64,
    modules: Vec<(ModuleSpec, String)>,
}

impl Sources {
    /// Read the modules' files.
    pub fn read(modules: &[ModuleSpec]) -> Result<Sources> {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut texts = Vec::new();
        for module in modules {
            let text = std::fs::read_to_string(&module.file).map_err(|e| TranslateError {
                file: module.file.clone(),
                line: 0,
                column: 0,
                message: format!("cannot read the file: {e}"),
                suggestion: None,
            })?;
            texts.push((module.clone(), text));
        }
        Ok(Sources {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            modules: texts,
        })
    }
}

thread_local! {
    static PARSED: std::cell::RefCell<Option<(u64, std::rc::Rc<Items>)>> = const { std::cell::RefCell::new(None) };
}

/// This thread's parse of `sources` (parsed on first use).
pub fn with_items<R>(sources: &Sources, work: impl FnOnce(&Items) -> R) -> R {
    let items: Result<std::rc::Rc<Items>> = PARSED.with(|parsed| {
        let mut parsed = parsed.borrow_mut();
        match &*parsed {
            Some((id, items)) if *id == sources.id => Ok(items.clone()),
            _ => {
                let items = std::rc::Rc::new(Items::parse(sources)?);
                *parsed = Some((sources.id, items.clone()));
                Ok(items)
            }
        }
    });
    match items {
        Ok(items) => work(&items),
        Err(error) => panic!("the sources parsed once already: {error}"),
    }
}

impl Items {
    /// Parse the modules' files.
    pub fn parse(sources: &Sources) -> Result<Items> {
        let mut items = Items::default();
        for (module, text) in &sources.modules {
            let ast = syn::parse_file(text)
                .map_err(|e| TranslateError::at(&module.file, e.span(), e.to_string()))?;
            items.files.push(module.file.clone());
            items.collect(&module.file, &module.path, &ast.items)?;
        }
        Ok(items)
    }

    fn collect(&mut self, file: &Path, module: &str, items: &[syn::Item]) -> Result<()> {
        for item in items {
            match item {
                syn::Item::Fn(function) => {
                    let name = function.sig.ident.to_string();
                    self.add_function(Function {
                        key: name.clone(),
                        rust_path: format!("{module}::{name}"),
                        file: file.to_path_buf(),
                        span: function.sig.ident.span(),
                        sig: function.sig.clone(),
                        body: (*function.block).clone(),
                        hints: hints(&function.attrs),
                        self_ty: None,
                        visible_from_root: visible(module, &function.vis),
                    })?;
                }
                syn::Item::Struct(structure) if has_attribute(&structure.attrs, "gc_object") => {
                    self.add_struct(file, module, structure)?;
                }
                syn::Item::Impl(block) => self.collect_impl(file, module, block)?,
                syn::Item::Const(constant) => {
                    if let Some(value) = constant_value(&constant.expr) {
                        if let Ok(ty) = parse_type(&constant.ty, None) {
                            self.constants
                                .insert(constant.ident.to_string(), Constant { ty, value });
                        }
                    }
                }
                syn::Item::Macro(invocation)
                    if invocation
                        .mac
                        .path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        == Some("jit_driver".into()) =>
                {
                    self.drivers.push(parse_driver(file, &invocation.mac)?);
                }
                syn::Item::Mod(inner) => {
                    if let Some((_, items)) = &inner.content {
                        let path = format!("{module}::{}", inner.ident);
                        self.collect(file, &path, items)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn add_function(&mut self, function: Function) -> Result<()> {
        if let Some(previous) = self.functions.get(&function.key) {
            return Err(TranslateError::at(
                &function.file,
                function.span,
                format!(
                    "`{}` is defined twice in the translated modules (also at {}:{})",
                    function.key,
                    previous.file.display(),
                    previous.span.start().line
                ),
            )
            .suggest("rename one: traced code names functions by their name alone"));
        }
        self.functions.insert(function.key.clone(), function);
        Ok(())
    }

    fn add_struct(&mut self, file: &Path, module: &str, structure: &syn::ItemStruct) -> Result<()> {
        let name = structure.ident.to_string();
        let self_ty = Ty::Gc(name.clone());
        let fields = structure
            .fields
            .iter()
            .map(|field| {
                let field_name = field
                    .ident
                    .as_ref()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                let ty = parse_type(&field.ty, Some(&self_ty)).map_err(|u| u.0);
                (field_name, ty)
            })
            .collect();
        let marked = |attribute: &str| -> Vec<String> {
            structure
                .fields
                .iter()
                .filter(|field| has_attribute(&field.attrs, attribute))
                .filter_map(|field| field.ident.as_ref().map(|i| i.to_string()))
                .collect()
        };
        let quasi_immutable = marked("quasi_immutable");
        let virtualizable = marked("virtualizable");
        self.structs.insert(
            name.clone(),
            GcStruct {
                rust_path: format!("{module}::{name}"),
                name,
                file: file.to_path_buf(),
                span: structure.ident.span(),
                fields,
                quasi_immutable,
                virtualizable,
                visible_from_root: visible(module, &structure.vis),
            },
        );
        Ok(())
    }

    /// Functions of `impl Name { .. }` and `impl Trait for Gc<Name> { .. }`.
    fn collect_impl(&mut self, file: &Path, module: &str, block: &syn::ItemImpl) -> Result<()> {
        let Some(owner) = impl_owner(&block.self_ty) else {
            return Ok(());
        };
        let self_ty = Ty::Gc(owner.clone());
        for item in &block.items {
            let syn::ImplItem::Fn(method) = item else {
                continue;
            };
            let name = method.sig.ident.to_string();
            let (rust_path, visible_from_root) = match &block.trait_ {
                Some((_, trait_path, _)) => {
                    let trait_name = quote::quote!(#trait_path).to_string().replace(' ', "");
                    (format!("{module}::{trait_name}::{name}"), true)
                }
                None => (
                    format!("{module}::{owner}::{name}"),
                    visible(module, &method.vis),
                ),
            };
            self.add_function(Function {
                key: format!("{owner}::{name}"),
                rust_path,
                file: file.to_path_buf(),
                span: method.sig.ident.span(),
                sig: method.sig.clone(),
                body: method.block.clone(),
                hints: hints(&method.attrs),
                self_ty: Some(self_ty.clone()),
                visible_from_root,
            })?;
        }
        Ok(())
    }

    /// The driver called `name`.
    pub fn driver(&self, name: &str) -> Option<(usize, &DriverDecl)> {
        self.drivers
            .iter()
            .enumerate()
            .find(|(_, d)| d.name == name)
    }
}

/// The struct an impl block is for: `Name` or `Gc<Name>`.
pub(crate) fn impl_owner(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident == "Gc" {
        let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
            return None;
        };
        match arguments.args.first()? {
            syn::GenericArgument::Type(inner) => impl_owner(inner),
            _ => None,
        }
    } else if matches!(last.arguments, syn::PathArguments::None) {
        Some(last.ident.to_string())
    } else {
        None
    }
}

fn visible(module: &str, vis: &syn::Visibility) -> bool {
    module == "crate" || !matches!(vis, syn::Visibility::Inherited)
}

pub(crate) fn has_attribute(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs
        .iter()
        .any(|a| a.path().segments.last().is_some_and(|s| s.ident == name))
}

fn hints(attrs: &[syn::Attribute]) -> Hints {
    Hints {
        portal: has_attribute(attrs, "portal"),
        elidable: has_attribute(attrs, "elidable"),
        dont_look_inside: has_attribute(attrs, "dont_look_inside"),
        look_inside: has_attribute(attrs, "look_inside"),
        unroll_safe: has_attribute(attrs, "unroll_safe"),
        loop_invariant: has_attribute(attrs, "loop_invariant"),
    }
}

/// The value of a constant's initializer, if it is a (negated) literal.
pub fn constant_value(expr: &syn::Expr) -> Option<ConstValue> {
    match expr {
        syn::Expr::Lit(literal) => match &literal.lit {
            syn::Lit::Int(int) => int
                .base10_parse::<u64>()
                .ok()
                .map(|v| ConstValue::Int(v as i64)),
            syn::Lit::Byte(byte) => Some(ConstValue::Int(byte.value() as i64)),
            syn::Lit::Bool(b) => Some(ConstValue::Int(b.value as i64)),
            syn::Lit::Float(float) => float.base10_parse::<f64>().ok().map(ConstValue::Float),
            _ => None,
        },
        syn::Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Neg(_)) => {
            match constant_value(&unary.expr)? {
                ConstValue::Int(v) => Some(ConstValue::Int(v.wrapping_neg())),
                ConstValue::Float(v) => Some(ConstValue::Float(-v)),
            }
        }
        syn::Expr::Paren(inner) => constant_value(&inner.expr),
        _ => None,
    }
}

/// `jit_driver!(pub NAME: greens(a, b), reds(c, d))`, optionally followed by
/// `, virtualizable(d)`.
fn parse_driver(file: &Path, mac: &syn::Macro) -> Result<DriverDecl> {
    let error = |span: Span| {
        TranslateError::at(file, span, "malformed jit_driver! declaration").suggest(
            "write `jit_driver!(pub NAME: greens(a, b), reds(c, d));`, or with \
             `, virtualizable(d)` naming one of the reds",
        )
    };
    type Declared = (syn::Ident, Vec<String>, Vec<String>, Option<(Span, String)>);
    let parser = |input: syn::parse::ParseStream| -> syn::Result<Declared> {
        let _: syn::Visibility = input.parse()?;
        let name: syn::Ident = input.parse()?;
        let _: syn::Token![:] = input.parse()?;
        let greens = parse_name_list(input, "greens")?;
        let _: syn::Token![,] = input.parse()?;
        let reds = parse_name_list(input, "reds")?;
        let mut virtualizable = None;
        if input.parse::<Option<syn::Token![,]>>()?.is_some() && !input.is_empty() {
            let span = input.span();
            let names = parse_name_list(input, "virtualizable")?;
            let [single] = names.as_slice() else {
                return Err(syn::Error::new(span, "name one red as the virtualizable"));
            };
            virtualizable = Some((span, single.clone()));
            let _: Option<syn::Token![,]> = input.parse()?;
        }
        Ok((name, greens, reds, virtualizable))
    };
    let (name, greens, reds, virtualizable) =
        syn::parse::Parser::parse2(parser, mac.tokens.clone()).map_err(|e| error(e.span()))?;
    if let Some((span, red)) = &virtualizable {
        if !reds.contains(red) {
            return Err(TranslateError::at(
                file,
                *span,
                format!("the virtualizable `{red}` is not one of the driver's reds"),
            )
            .suggest("the virtualizable is the red holding the interpreter's frame"));
        }
    }
    Ok(DriverDecl {
        name: name.to_string(),
        greens,
        reds,
        virtualizable: virtualizable.map(|(_, red)| red),
        file: file.to_path_buf(),
        span: mac.path.span(),
    })
}

/// The names of a path's segments (`a::b::C` gives `["a", "b", "C"]`; generic arguments
/// are left out).
pub(crate) fn path_segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// `word(a, b, c)`.
pub fn parse_name_list(input: syn::parse::ParseStream, word: &str) -> syn::Result<Vec<String>> {
    let keyword: syn::Ident = input.parse()?;
    if keyword != word {
        return Err(syn::Error::new(
            keyword.span(),
            format!("expected `{word}(...)`"),
        ));
    }
    let content;
    syn::parenthesized!(content in input);
    let names =
        content.parse_terminated(<syn::Ident as syn::parse::Parse>::parse, syn::Token![,])?;
    Ok(names.iter().map(|n| n.to_string()).collect())
}
