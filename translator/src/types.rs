//! The types of the traceable subset, how they are read from Rust source, and the small
//! inference that fills in what the source leaves implicit.
//!
//! rustc has already checked the program, so inference here only has to recover what rustc
//! knew: every local has one type, the operands of an arithmetic operator have the same
//! type, and an integer literal without a suffix takes the type of what it meets (or `i32`,
//! Rust's default, if it meets nothing). Types decide the jitcode: the register bank, the
//! signed or unsigned form of comparisons and shifts, and the masking that keeps narrow
//! integers wrapping at their width.

use std::fmt;

/// A Rust integer type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntTy {
    I8,
    I16,
    I32,
    I64,
    Isize,
    U8,
    U16,
    U32,
    U64,
    Usize,
}

impl IntTy {
    pub fn from_name(name: &str) -> Option<IntTy> {
        Some(match name {
            "i8" => IntTy::I8,
            "i16" => IntTy::I16,
            "i32" => IntTy::I32,
            "i64" => IntTy::I64,
            "isize" => IntTy::Isize,
            "u8" => IntTy::U8,
            "u16" => IntTy::U16,
            "u32" => IntTy::U32,
            "u64" => IntTy::U64,
            "usize" => IntTy::Usize,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            IntTy::I8 => "i8",
            IntTy::I16 => "i16",
            IntTy::I32 => "i32",
            IntTy::I64 => "i64",
            IntTy::Isize => "isize",
            IntTy::U8 => "u8",
            IntTy::U16 => "u16",
            IntTy::U32 => "u32",
            IntTy::U64 => "u64",
            IntTy::Usize => "usize",
        }
    }

    pub fn bits(self) -> u32 {
        match self {
            IntTy::I8 | IntTy::U8 => 8,
            IntTy::I16 | IntTy::U16 => 16,
            IntTy::I32 | IntTy::U32 => 32,
            IntTy::I64 | IntTy::Isize | IntTy::U64 | IntTy::Usize => 64,
        }
    }

    pub fn signed(self) -> bool {
        matches!(
            self,
            IntTy::I8 | IntTy::I16 | IntTy::I32 | IntTy::I64 | IntTy::Isize
        )
    }

    /// The smallest value, as the 64-bit register holds it.
    pub fn min(self) -> i64 {
        match (self.signed(), self.bits()) {
            (true, 64) => i64::MIN,
            (true, bits) => -(1i64 << (bits - 1)),
            (false, _) => 0,
        }
    }

    /// The largest value, as the 64-bit register holds it (`u64::MAX` is -1).
    pub fn max(self) -> i64 {
        match (self.signed(), self.bits()) {
            (true, 64) => i64::MAX,
            (true, bits) => (1i64 << (bits - 1)) - 1,
            (false, 64) => -1,
            (false, bits) => (1i64 << bits) - 1,
        }
    }

    /// A value as it sits in a register: narrow values are sign- or zero-extended.
    pub fn normalize(self, value: i64) -> i64 {
        let bits = self.bits();
        if bits == 64 {
            value
        } else if self.signed() {
            (value << (64 - bits)) >> (64 - bits)
        } else {
            value & ((1i64 << bits) - 1)
        }
    }
}

/// A type of the subset.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Int(IntTy),
    Bool,
    Float,
    Unit,
    /// `Gc<T>` of a `#[gc_object]` struct.
    Gc(String),
    /// `Gc<Array<E>>`.
    Array(Box<Ty>),
    /// `Option<Gc<T>>`, `Option<GcRef>`, `Option<Gc<Array<E>>>`: a nullable reference.
    Nullable(Box<Ty>),
    /// `GcRef`: some GC object.
    GcRef,
    /// `Result<T, E>`, only as what a function returns: `Err` is raised as an exception.
    Result(Box<Ty>, Box<Ty>),
    /// The type of expressions that do not finish (`return`, `break`, `panic!`).
    Never,
    /// An inference variable.
    Var(u32),
}

/// A register bank, as the jitcode names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bank {
    Int,
    Ref,
    Float,
}

impl Bank {
    pub fn letter(self) -> char {
        match self {
            Bank::Int => 'i',
            Bank::Ref => 'r',
            Bank::Float => 'f',
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub const ALL: [Bank; 3] = [Bank::Int, Bank::Ref, Bank::Float];
}

impl Ty {
    /// The register bank values of this (resolved) type live in; `None` for `()`/`!`.
    pub fn bank(&self) -> Option<Bank> {
        match self {
            Ty::Int(_) | Ty::Bool => Some(Bank::Int),
            Ty::Float => Some(Bank::Float),
            Ty::Gc(_) | Ty::Array(_) | Ty::Nullable(_) | Ty::GcRef => Some(Bank::Ref),
            Ty::Result(ok, _) => ok.bank(),
            Ty::Unit | Ty::Never | Ty::Var(_) => None,
        }
    }

    pub fn is_ref(&self) -> bool {
        self.bank() == Some(Bank::Ref)
    }

    /// The trace IR type name (`Type::Int` ...) of the generated call targets.
    pub fn trace_type(&self) -> Option<&'static str> {
        self.bank().map(|bank| match bank {
            Bank::Int => "Int",
            Bank::Ref => "Ref",
            Bank::Float => "Float",
        })
    }

    /// The name of the GC array descriptor for arrays of this element type.
    pub fn array_descr_name(&self) -> Option<String> {
        Some(match self {
            // isize and usize arrays share the 64-bit ones' descriptors.
            Ty::Int(IntTy::Isize) => "Array<i64>".to_string(),
            Ty::Int(IntTy::Usize) => "Array<u64>".to_string(),
            Ty::Int(int) => format!("Array<{}>", int.name()),
            Ty::Bool => "Array<bool>".to_string(),
            Ty::Float => "Array<f64>".to_string(),
            Ty::Nullable(_) => "Array<ref>".to_string(),
            _ => return None,
        })
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Int(int) => f.write_str(int.name()),
            Ty::Bool => f.write_str("bool"),
            Ty::Float => f.write_str("f64"),
            Ty::Unit => f.write_str("()"),
            Ty::Gc(name) => write!(f, "Gc<{name}>"),
            Ty::Array(element) => write!(f, "Gc<Array<{element}>>"),
            Ty::Nullable(inner) => write!(f, "Option<{inner}>"),
            Ty::GcRef => f.write_str("GcRef"),
            Ty::Result(ok, err) => write!(f, "Result<{ok}, {err}>"),
            Ty::Never => f.write_str("!"),
            Ty::Var(_) => f.write_str("_"),
        }
    }
}

/// Why a Rust type is outside the subset.
pub struct Unsupported(pub String);

/// Read a type written in the source. `self_ty` is what `Self` means here.
pub fn parse_type(ty: &syn::Type, self_ty: Option<&Ty>) -> Result<Ty, Unsupported> {
    match ty {
        syn::Type::Tuple(tuple) if tuple.elems.is_empty() => Ok(Ty::Unit),
        syn::Type::Never(_) => Ok(Ty::Never),
        syn::Type::Paren(inner) => parse_type(&inner.elem, self_ty),
        syn::Type::Group(inner) => parse_type(&inner.elem, self_ty),
        syn::Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last().expect("a path has a segment");
            let name = last.ident.to_string();
            let arguments = generic_arguments(&last.arguments, self_ty)?;
            match (name.as_str(), arguments.as_slice()) {
                ("bool", []) => Ok(Ty::Bool),
                ("f64", []) => Ok(Ty::Float),
                ("GcRef", []) => Ok(Ty::GcRef),
                ("Self", []) => self_ty
                    .cloned()
                    .ok_or_else(|| Unsupported("`Self` outside an impl".into())),
                (int, []) if IntTy::from_name(int).is_some() => {
                    Ok(Ty::Int(IntTy::from_name(int).expect("checked")))
                }
                ("Gc", [inner]) => match inner {
                    GenericArg::Struct(name) => Ok(Ty::Gc(name.clone())),
                    GenericArg::Array(element) => Ok(Ty::Array(element.clone())),
                    GenericArg::Ty(other) => Err(Unsupported(format!(
                        "`Gc<{other}>`: a GC handle holds a #[gc_object] struct or an Array"
                    ))),
                },
                ("Option", [GenericArg::Ty(inner)]) if inner.is_ref() => {
                    Ok(Ty::Nullable(Box::new(inner.clone())))
                }
                ("Result", [GenericArg::Ty(ok), GenericArg::Ty(err)]) if err.is_ref() => {
                    Ok(Ty::Result(Box::new(ok.clone()), Box::new(err.clone())))
                }
                _ => Err(Unsupported(format!(
                    "the type `{}`",
                    quote::quote!(#ty).to_string().replace(' ', "")
                ))),
            }
        }
        other => Err(Unsupported(format!(
            "the type `{}`",
            quote::quote!(#other).to_string().replace(' ', "")
        ))),
    }
}

enum GenericArg {
    Ty(Ty),
    /// A struct name inside `Gc<...>` (a struct is not a value type of the subset).
    Struct(String),
    Array(Box<Ty>),
}

fn generic_arguments(
    arguments: &syn::PathArguments,
    self_ty: Option<&Ty>,
) -> Result<Vec<GenericArg>, Unsupported> {
    let syn::PathArguments::AngleBracketed(arguments) = arguments else {
        return Ok(Vec::new());
    };
    arguments
        .args
        .iter()
        .map(|argument| match argument {
            syn::GenericArgument::Type(ty) => generic_argument(ty, self_ty),
            other => Err(Unsupported(format!(
                "the generic argument `{}`",
                quote::quote!(#other)
            ))),
        })
        .collect()
}

fn generic_argument(ty: &syn::Type, self_ty: Option<&Ty>) -> Result<GenericArg, Unsupported> {
    if let syn::Type::Path(path) = ty {
        let last = path.path.segments.last().expect("a path has a segment");
        let name = last.ident.to_string();
        if name == "Array" {
            let elements = generic_arguments(&last.arguments, self_ty)?;
            return match elements.as_slice() {
                [GenericArg::Ty(element)] if element.array_descr_name().is_some() => {
                    Ok(GenericArg::Array(Box::new(element.clone())))
                }
                _ => Err(Unsupported(
                    "an Array of something other than integers, bool, f64 or Option<Gc<T>>".into(),
                )),
            };
        }
        if name == "Self" {
            if let Some(Ty::Gc(name)) = self_ty {
                return Ok(GenericArg::Struct(name.clone()));
            }
        }
        let is_known = IntTy::from_name(&name).is_some()
            || matches!(
                name.as_str(),
                "bool" | "f64" | "Gc" | "Option" | "GcRef" | "Result" | "Self"
            );
        if !is_known && matches!(last.arguments, syn::PathArguments::None) {
            return Ok(GenericArg::Struct(name));
        }
    }
    parse_type(ty, self_ty).map(GenericArg::Ty)
}

/// The inference variables of one function: each is unknown, an integer of unknown width,
/// or bound to a type.
#[derive(Default)]
pub struct Inference {
    bindings: Vec<Binding>,
}

#[derive(Clone)]
enum Binding {
    /// Any type.
    Unknown,
    /// Some integer type (an unsuffixed literal).
    Integer,
    Bound(Ty),
}

impl Inference {
    /// A variable for a type not known yet.
    pub fn unknown(&mut self) -> Ty {
        self.bindings.push(Binding::Unknown);
        Ty::Var(self.bindings.len() as u32 - 1)
    }

    /// A variable for an integer type not known yet.
    pub fn integer(&mut self) -> Ty {
        self.bindings.push(Binding::Integer);
        Ty::Var(self.bindings.len() as u32 - 1)
    }

    /// `ty` with every bound variable replaced (unbound ones stay).
    pub fn resolve(&self, ty: &Ty) -> Ty {
        match ty {
            Ty::Var(v) => match &self.bindings[*v as usize] {
                Binding::Bound(bound) => self.resolve(bound),
                _ => ty.clone(),
            },
            Ty::Array(element) => Ty::Array(Box::new(self.resolve(element))),
            Ty::Nullable(inner) => Ty::Nullable(Box::new(self.resolve(inner))),
            Ty::Result(ok, err) => {
                Ty::Result(Box::new(self.resolve(ok)), Box::new(self.resolve(err)))
            }
            other => other.clone(),
        }
    }

    /// `ty` fully resolved: integers nobody constrained are `i32` (Rust's default) and other
    /// unconstrained variables are `()`.
    pub fn finish(&self, ty: &Ty) -> Ty {
        match self.resolve(ty) {
            Ty::Var(v) => match self.bindings[v as usize] {
                Binding::Integer => Ty::Int(IntTy::I32),
                _ => Ty::Unit,
            },
            Ty::Array(element) => Ty::Array(Box::new(self.finish(&element))),
            Ty::Nullable(inner) => Ty::Nullable(Box::new(self.finish(&inner))),
            Ty::Result(ok, err) => {
                Ty::Result(Box::new(self.finish(&ok)), Box::new(self.finish(&err)))
            }
            other => other,
        }
    }

    /// Make `a` and `b` the same type; an error names both if they cannot be.
    pub fn unify(&mut self, a: &Ty, b: &Ty) -> Result<(), String> {
        let (a, b) = (self.resolve(a), self.resolve(b));
        match (&a, &b) {
            _ if a == b => Ok(()),
            (Ty::Never, _) | (_, Ty::Never) => Ok(()),
            (Ty::Var(v), other) | (other, Ty::Var(v)) => {
                let v = *v as usize;
                if let (Binding::Integer, Ty::Var(w)) = (&self.bindings[v], other) {
                    // Both variables: the one that says "integer" wins.
                    self.bindings[*w as usize] = Binding::Integer;
                    self.bindings[v] = Binding::Bound(other.clone());
                    return Ok(());
                }
                if matches!(self.bindings[v], Binding::Integer)
                    && !matches!(other, Ty::Int(_) | Ty::Var(_))
                {
                    return Err(format!("an integer is used as `{other}`"));
                }
                self.bindings[v] = Binding::Bound(other.clone());
                Ok(())
            }
            (Ty::Array(x), Ty::Array(y)) | (Ty::Nullable(x), Ty::Nullable(y)) => self.unify(x, y),
            (Ty::Result(ok_a, err_a), Ty::Result(ok_b, err_b)) => {
                self.unify(ok_a, ok_b)?;
                self.unify(err_a, err_b)
            }
            // Any reference fits a `GcRef`.
            (Ty::GcRef, other) | (other, Ty::GcRef) if other.is_ref() => Ok(()),
            _ => Err(format!("expected `{a}`, found `{b}`")),
        }
    }
}
