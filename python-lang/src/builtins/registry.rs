//! The functions written in Rust that Python code can call: built-in functions, methods of
//! built-in types, their `__new__`s and attribute getters. Each is registered once at
//! start-up and named by its index (`PyBuiltin::id`), since a GC object cannot hold a Rust
//! function pointer.

use std::sync::OnceLock;

use ferrite::{Gc, GcRef};

use crate::objects::layout::Items;
use crate::objects::{new_items, str as pystr};
use crate::runtime::errors::{type_error, PyResult};

/// The arguments of a call to a native function: `count` values starting at `start` in
/// `items` (a frame's value stack, or an array made for the call), the last
/// `kwnames.len()` of them keywords.
///
/// An `Args` lives on the Rust stack, so its array is found by the conservative scan and
/// stays put; the values are read from the array when needed.
#[derive(Clone, Copy)]
pub struct Args {
    pub items: Gc<Items>,
    pub start: usize,
    pub count: usize,
    pub kwnames: Option<GcRef>,
}

impl Args {
    pub fn new(items: Gc<Items>, start: usize, count: usize, kwnames: Option<GcRef>) -> Args {
        Args {
            items,
            start,
            count,
            kwnames,
        }
    }

    /// Arguments copied into a new array.
    pub fn from_slice(values: &[GcRef]) -> PyResult<Args> {
        let items = new_items(values.len())?;
        for (i, v) in values.iter().enumerate() {
            items.set(i, Some(*v));
        }
        Ok(Args::new(items, 0, values.len(), None))
    }

    #[inline]
    pub fn keyword_count(&self) -> usize {
        self.kwnames.map_or(0, crate::objects::tuple::len)
    }

    /// How many positional arguments.
    #[inline]
    pub fn len(&self) -> usize {
        self.count - self.keyword_count()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The i-th positional argument.
    #[inline]
    pub fn get(&self, i: usize) -> GcRef {
        self.items
            .get(self.start + i)
            .expect("arguments are not null")
    }

    pub fn get_opt(&self, i: usize) -> Option<GcRef> {
        (i < self.len()).then(|| self.get(i))
    }

    /// The value of keyword argument `name`, if given.
    pub fn keyword(&self, name: &str) -> Option<GcRef> {
        let names = self.kwnames?;
        let positional = self.len();
        for i in 0..crate::objects::tuple::len(names) {
            let key = crate::objects::tuple::get(names, i);
            if pystr::eq_text(key, name) {
                return self.items.get(self.start + positional + i);
            }
        }
        None
    }

    /// The i-th keyword's name and value.
    pub fn keyword_at(&self, i: usize) -> (GcRef, GcRef) {
        let names = self.kwnames.expect("keyword arguments");
        let value = self
            .items
            .get(self.start + self.len() + i)
            .expect("arguments are not null");
        (crate::objects::tuple::get(names, i), value)
    }

    /// The arguments without the first positional one (a method's receiver).
    pub fn shifted(&self) -> Args {
        Args {
            items: self.items,
            start: self.start + 1,
            count: self.count - 1,
            kwnames: self.kwnames,
        }
    }

    /// Check the positional count and that no keywords were passed; messages as CPython's.
    pub fn expect(&self, name: &str, min: usize, max: usize) -> PyResult<()> {
        if self.keyword_count() > 0 {
            return type_error(format!("{name}() takes no keyword arguments"));
        }
        self.expect_positional(name, min, max)
    }

    /// `expect` for the function `owner.name`, the qualified name made only for the error
    /// message (formatting it on every call showed in profiles).
    #[inline]
    pub fn expect_in(&self, owner: &str, name: &str, min: usize, max: usize) -> PyResult<()> {
        if self.keyword_count() == 0 && (min..=max).contains(&self.len()) {
            return Ok(());
        }
        self.expect(&format!("{owner}.{name}"), min, max)
    }

    pub fn expect_positional(&self, name: &str, min: usize, max: usize) -> PyResult<()> {
        let n = self.len();
        if n >= min && n <= max {
            return Ok(());
        }
        if min == max {
            if min == 0 {
                return type_error(format!("{name}() takes no arguments ({n} given)"));
            }
            if min == 1 {
                return type_error(format!("{name}() takes exactly one argument ({n} given)"));
            }
            return type_error(format!("{name} expected {min} arguments, got {n}"));
        }
        if n < min {
            return type_error(format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            ));
        }
        type_error(format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        ))
    }

    /// Reject keyword arguments other than `allowed`.
    pub fn check_keywords(&self, function: &str, allowed: &[&str]) -> PyResult<()> {
        for i in 0..self.keyword_count() {
            let (name, _) = self.keyword_at(i);
            let text = pystr::to_string(name);
            if !allowed.contains(&text.as_str()) {
                return type_error(format!(
                    "{function}() got an unexpected keyword argument '{text}'"
                ));
            }
        }
        Ok(())
    }
}

pub type NativeFn = fn(&Args) -> PyResult<GcRef>;

/// How a native function is attached to its type.
#[derive(Clone, Copy)]
pub enum Binding {
    /// An instance method: the receiver is the first argument.
    Method,
    /// Called without a receiver (a `staticmethod`, as `__new__` is).
    Static,
    /// A `classmethod`: the class is the first argument.
    Class,
    /// A getter (one argument, the object), with an optional setter (two).
    Property(Option<NativeFn>),
}

#[derive(Clone, Copy)]
pub enum Owner {
    /// A built-in type, by index.
    Type(usize),
    /// A native module, by name.
    Module(&'static str),
}

#[derive(Clone, Copy)]
pub struct NativeDef {
    pub owner: Owner,
    pub name: &'static str,
    pub func: NativeFn,
    pub binding: Binding,
}

static REGISTRY: OnceLock<Vec<NativeDef>> = OnceLock::new();

/// Every native function, in id order (built on first use).
pub fn registry() -> &'static [NativeDef] {
    REGISTRY.get_or_init(|| {
        let mut defs = Vec::new();
        crate::builtins::register_all(&mut defs);
        // A property's setter gets the id right after its getter.
        let mut all = Vec::with_capacity(defs.len());
        for def in defs {
            all.push(def);
            if let Binding::Property(Some(setter)) = def.binding {
                all.push(NativeDef {
                    func: setter,
                    binding: Binding::Method,
                    ..def
                });
            }
        }
        all
    })
}

pub fn native(id: i64) -> &'static NativeDef {
    &registry()[id as usize]
}

/// A shorthand for the tables each module contributes.
pub fn method(owner: usize, name: &'static str, func: NativeFn) -> NativeDef {
    NativeDef {
        owner: Owner::Type(owner),
        name,
        func,
        binding: Binding::Method,
    }
}

pub fn static_method(owner: usize, name: &'static str, func: NativeFn) -> NativeDef {
    NativeDef {
        owner: Owner::Type(owner),
        name,
        func,
        binding: Binding::Static,
    }
}

pub fn class_method(owner: usize, name: &'static str, func: NativeFn) -> NativeDef {
    NativeDef {
        owner: Owner::Type(owner),
        name,
        func,
        binding: Binding::Class,
    }
}

pub fn property(
    owner: usize,
    name: &'static str,
    getter: NativeFn,
    setter: Option<NativeFn>,
) -> NativeDef {
    NativeDef {
        owner: Owner::Type(owner),
        name,
        func: getter,
        binding: Binding::Property(setter),
    }
}

pub fn function(module: &'static str, name: &'static str, func: NativeFn) -> NativeDef {
    NativeDef {
        owner: Owner::Module(module),
        name,
        func,
        binding: Binding::Method,
    }
}
