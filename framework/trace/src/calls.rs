//! Residual calls: functions a trace calls instead of tracing through them (everything an
//! interpreter does outside the traceable subset — formatting, big numbers, I/O).
//!
//! A call target is registered once with its signature and effects, and named in traces by
//! its number (`descr=call:name` in text). Each has two entry points that must agree: a
//! Rust function on `Scalar`s, which the reference executor and the blackhole interpreter
//! call, and a trampoline with one machine-level signature for all targets, which compiled
//! code calls:
//!
//! ```text
//! extern "sysv64" fn(arguments: *const u64, result: *mut u64) -> u64
//! ```
//!
//! Arguments and the result travel as words, as in the backend's exit buffer (floats as
//! bits, references as addresses, 0 for null). A target that can raise returns
//! `Err(exception)` (a GC object); its trampoline then returns 1 and leaves the exception in
//! this thread's pending-exception slot (a root), where `take_pending_exception` finds it;
//! otherwise it returns 0. The translator will generate both entry
//! points from the interpreter's source; tests write them with [`call_target!`].

use std::cell::RefCell;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use ferrite_gc::{GcRef, RootVec, Scalar};

use crate::{Descr, Type};

/// What a call may do, which decides what the tracer and optimizer may assume across it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Effects {
    /// The result depends only on the arguments and nothing is written: calls with
    /// constant arguments can be folded, repeated calls merged.
    pub elidable: bool,
    /// What the call may write in the GC heap (cached heap values of anything else survive
    /// it).
    pub writes: Writes,
    /// The call may raise an exception: it must be followed by `guard_no_exception` or
    /// `guard_exception`.
    pub can_raise: bool,
    /// With the same arguments, the result is the same for a whole iteration of the loop
    /// being traced (RPython's `loop_invariant`), so a trace makes the call once.
    pub loop_invariant: bool,
}

/// What a call may write in the GC heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Writes {
    #[default]
    Nothing,
    /// Only these fields and array types, named as the text form names descriptors
    /// (`Cons.head`, `Array<i64>`).
    Only(&'static [&'static str]),
    Everything,
}

impl Writes {
    /// The descriptors the call may write, or `None` for any. A name whose type is not
    /// registered is left out: no object of it exists yet, so nothing about it can be
    /// cached (types register before their first allocation).
    pub fn descrs(self) -> Result<Option<Vec<Descr>>, String> {
        match self {
            Writes::Nothing => Ok(Some(Vec::new())),
            Writes::Everything => Ok(None),
            Writes::Only(names) => {
                let mut descrs = Vec::new();
                for name in names {
                    let type_name = name.split_once('.').map_or(*name, |(owner, _)| owner);
                    if ferrite_gc::descriptor_by_name(type_name).is_some() {
                        descrs.push(crate::text::heap_descr_by_name(name, false)?);
                    }
                }
                Ok(Some(descrs))
            }
        }
    }
}

impl Effects {
    /// Pure: foldable with constant arguments.
    pub const ELIDABLE: Effects = Effects {
        elidable: true,
        writes: Writes::Nothing,
        can_raise: false,
        loop_invariant: false,
    };
    /// May read the heap, writes nothing.
    pub const READS: Effects = Effects {
        elidable: false,
        writes: Writes::Nothing,
        can_raise: false,
        loop_invariant: false,
    };
    /// May read and write the heap.
    pub const WRITES: Effects = Effects {
        elidable: false,
        writes: Writes::Everything,
        can_raise: false,
        loop_invariant: false,
    };
    /// May read and write the heap, and raise.
    pub const RAISES: Effects = Effects {
        elidable: false,
        writes: Writes::Everything,
        can_raise: true,
        loop_invariant: false,
    };
}

/// The uniform machine-level entry point (see the module comment).
pub type Trampoline = extern "sysv64" fn(arguments: *const u64, result: *mut u64) -> u64;

/// What a call target's function gives: its result, or the exception it raised.
pub type CallResult = Result<Option<Scalar>, GcRef>;

/// One function traces may call.
pub struct CallTarget {
    pub name: &'static str,
    pub arguments: &'static [Type],
    pub result: Option<Type>,
    pub effects: Effects,
    /// For the executor and the blackhole.
    pub function: fn(&[Scalar]) -> CallResult,
    /// For compiled code.
    pub trampoline: Trampoline,
}

impl fmt::Debug for CallTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CallTarget({})", self.name)
    }
}

/// A registered call target's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallId(pub u32);

fn registry() -> &'static Mutex<Vec<&'static CallTarget>> {
    static REGISTRY: OnceLock<Mutex<Vec<&'static CallTarget>>> = OnceLock::new();
    REGISTRY.get_or_init(|| Mutex::new(Vec::new()))
}

/// Register `target` (once; registering it again gives the same number).
pub fn register(target: &'static CallTarget) -> CallId {
    let mut targets = registry().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(index) = targets.iter().position(|t| std::ptr::eq(*t, target)) {
        return CallId(index as u32);
    }
    targets.push(target);
    CallId(targets.len() as u32 - 1)
}

/// The target with this number.
pub fn target(id: CallId) -> &'static CallTarget {
    registry().lock().unwrap_or_else(|e| e.into_inner())[id.0 as usize]
}

/// The registered target called `name`.
pub fn target_by_name(name: &str) -> Option<CallId> {
    let targets = registry().lock().unwrap_or_else(|e| e.into_inner());
    targets
        .iter()
        .position(|t| t.name == name)
        .map(|i| CallId(i as u32))
}

/// A scalar as a machine word.
pub fn to_word(value: Scalar) -> u64 {
    match value {
        Scalar::Int(v) => v as u64,
        Scalar::Float(v) => v.to_bits(),
        Scalar::Ref(r) => r.map_or(0, |r| r.address() as u64),
    }
}

/// A machine word as a scalar of type `ty`; `None` if a reference word is not a live object.
pub fn try_from_word(word: u64, ty: Type) -> Option<Scalar> {
    Some(match ty {
        Type::Int => Scalar::Int(word as i64),
        Type::Float => Scalar::Float(f64::from_bits(word)),
        Type::Ref if word == 0 => Scalar::Ref(None),
        Type::Ref => Scalar::Ref(Some(GcRef::from_address(word as usize)?)),
    })
}

/// A machine word as a scalar of type `ty`.
///
/// # Panics
/// If a reference word is not a live object (a bug in whatever produced the word).
pub fn from_word(word: u64, ty: Type) -> Scalar {
    try_from_word(word, ty).expect("a reference word names a live object")
}

thread_local! {
    /// The exception a trampoline's target raised, until compiled code's exit takes it.
    static PENDING_EXCEPTION: RefCell<RootVec<Option<GcRef>>> = RefCell::new({
        let slot = RootVec::new();
        slot.push(None);
        slot
    });
}

/// The exception the last raising trampoline left on this thread, if any (taking it).
pub fn take_pending_exception() -> Option<GcRef> {
    PENDING_EXCEPTION.with(|slot| {
        let slot = slot.borrow_mut();
        let exception = slot.get(0);
        slot.set(0, None);
        exception
    })
}

/// Arguments a trampoline decodes without allocating.
const INLINE_ARGUMENTS: usize = 8;

/// The body of a trampoline: decode the argument words, call the function, encode the
/// result; 1 if the function raised (the exception is then pending), else 0. Used by the
/// code [`call_target!`] generates.
///
/// # Safety
/// `arguments` must point to `target.arguments.len()` words and `result` to one writable
/// word.
pub unsafe fn trampoline_body(target: &CallTarget, arguments: *const u64, result: *mut u64) -> u64 {
    // SAFETY: the caller guarantees the argument words.
    let words = unsafe { std::slice::from_raw_parts(arguments, target.arguments.len()) };
    let decoded = words
        .iter()
        .zip(target.arguments)
        .map(|(&word, &ty)| from_word(word, ty));
    // Every compiled residual call comes through here: decode into a stack array (which
    // the collector scans, like any native frame) unless the target takes many arguments.
    let mut inline = [Scalar::Int(0); INLINE_ARGUMENTS];
    let spilled: Vec<Scalar>;
    let scalars: &[Scalar] = if words.len() <= INLINE_ARGUMENTS {
        for (slot, scalar) in inline.iter_mut().zip(decoded) {
            *slot = scalar;
        }
        &inline[..words.len()]
    } else {
        spilled = decoded.collect();
        &spilled
    };
    match (target.function)(scalars) {
        Ok(value) => {
            // SAFETY: the caller guarantees the result word.
            unsafe { *result = value.map_or(0, to_word) };
            0
        }
        Err(exception) => {
            PENDING_EXCEPTION.with(|slot| slot.borrow_mut().set(0, Some(exception)));
            1
        }
    }
}

/// Declare a call target: `call_target!(NAME, "name", [Type::Int, ...], Some(Type::Int),
/// Effects::default(), |args| ...)` defines a `static NAME: CallTarget` whose trampoline
/// wraps the closure.
#[macro_export]
macro_rules! call_target {
    ($static_name:ident, $name:literal, [$($arg:expr),*], $result:expr, $effects:expr, $function:expr) => {
        static $static_name: $crate::calls::CallTarget = {
            extern "sysv64" fn trampoline(arguments: *const u64, result: *mut u64) -> u64 {
                // SAFETY: compiled code passes as many argument words as the target takes
                // and a result word (the backend's calling convention).
                unsafe { $crate::calls::trampoline_body(&$static_name, arguments, result) }
            }
            $crate::calls::CallTarget {
                name: $name,
                arguments: &[$($arg),*],
                result: $result,
                effects: $effects,
                function: $function,
                trampoline,
            }
        };
    };
}
