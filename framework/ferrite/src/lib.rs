//! Ferrite for interpreter authors: everything an interpreter's crate uses.
//!
//! - GC objects and arrays: [`gc_object`], [`Gc`], [`Array`].
//! - The JIT driver: [`jit_driver!`] declares one; [`portal`] marks the function holding
//!   its `jit_merge_point!(DRIVER, greens(..), reds(..))` and `can_enter_jit!(..)`.
//! - Hints on functions: [`elidable`], [`dont_look_inside`], [`look_inside`],
//!   [`unroll_safe`], [`loop_invariant`]; in code: [`promote`], [`we_are_jitted`].
//! - [`include_jitcode!`] includes what the translator generated from `build.rs`.
//! - [`cli::JitOptions`]: the `--jit` and `--jit-param` flags of a language's binary;
//!   [`harness`]: the three-way differential its tests run.
//!
//! See `docs/writing-an-interpreter.md` for a walkthrough and `docs/traceable-rust.md` for
//! what traced code may contain.

pub mod cli;
pub mod harness;
pub mod random;
mod runtime;
mod values;

pub use ferrite_gc::{
    configure as configure_gc, Array, ArrayElement, ArrayView, Bytes, DescriptorId, Gc, GcField,
    GcObject, GcOptions, GcRef, GcType, HeapSize, OutOfMemory, PlainElement, RootVec,
};
pub use ferrite_macros::gc_object_via_ferrite as gc_object;
pub use ferrite_macros::{
    dont_look_inside, elidable, look_inside, loop_invariant, portal, unroll_safe,
};
pub use ferrite_metainterp::{Params, Stats};
pub use runtime::{JitDriver, JitMode};

/// Make `value` a constant in traces: the tracer records a guard on its current value, and
/// the trace after it is specialized to that value (RPython's `promote`). Natively, the
/// identity.
#[inline(always)]
pub fn promote<T>(value: T) -> T {
    value
}

/// Promise the JIT that `object`'s class (GC type) is exactly `T` (RPython's
/// `record_exact_class`): the trace needs no guard for it, and later `is::<T>()` and
/// `downcast::<T>()` of the object fold. Use it where the interpreter knows the type but
/// the JIT cannot (the result of a residual call, say). A wrong promise is a bug of the
/// interpreter: natively a debug build panics, and the tracer refuses the trace.
#[inline(always)]
pub fn record_exact_class<T: GcType>(object: GcRef) {
    debug_assert!(
        object.is::<T>(),
        "record_exact_class: the object is not of that class"
    );
}

/// Whether this code runs as jitcode (traced or in the blackhole interpreter) rather than
/// natively. Both paths must compute the same result; this lets traced code take a path the
/// JIT optimizes better.
#[inline(always)]
pub fn we_are_jitted() -> bool {
    false
}

/// Declare a JIT driver: `jit_driver!(pub NAME: greens(a, b), reds(c, d));`. Greens are the
/// portal's locals that identify a position in the user's program (a pc, the program);
/// reds the rest of the state live at the merge point. The translator checks that the
/// portal's hints name them in this order, and that nothing else is live at the merge point.
///
/// `jit_driver!(pub NAME: greens(pc, code), reds(frame), virtualizable(frame));` names the
/// red holding the interpreter's frame: its `#[virtualizable]` fields (and the items of
/// its `#[virtualizable]` arrays) live in the trace's registers while machine code runs,
/// and are written back to the object only where something else may look at it (a guard
/// failing, a residual call, the trace leaving). See `docs/traceable-rust.md`.
#[macro_export]
// The translation is the user's crate's (`include_jitcode!` puts it at its root).
#[allow(clippy::crate_in_macro_def)]
macro_rules! jit_driver {
    ($vis:vis $name:ident : greens($($green:ident),* $(,)?), reds($($red:ident),* $(,)?)
        $(, virtualizable($virtualizable:ident))? $(,)?) => {
        $vis static $name: $crate::JitDriver =
            $crate::JitDriver::new(stringify!($name), &crate::__ferrite_jit::TRANSLATION);
    };
}

/// Include the translator's output (written by `build.rs`) as the module `__ferrite_jit`,
/// which `jit_driver!` statics refer to. Put it at the crate root.
#[macro_export]
macro_rules! include_jitcode {
    () => {
        #[doc(hidden)]
        #[allow(clippy::all, unused)]
        pub(crate) mod __ferrite_jit {
            include!(concat!(env!("OUT_DIR"), "/ferrite_jit.rs"));
        }
    };
}

/// Outside a `#[ferrite::portal]` function, a merge point is an error (inside one, the
/// attribute expands it).
#[macro_export]
macro_rules! jit_merge_point {
    ($($tokens:tt)*) => {
        compile_error!("jit_merge_point! belongs in the function marked #[ferrite::portal]")
    };
}

/// Outside a `#[ferrite::portal]` function, `can_enter_jit!` is an error.
#[macro_export]
macro_rules! can_enter_jit {
    ($($tokens:tt)*) => {
        compile_error!("can_enter_jit! belongs in the function marked #[ferrite::portal]")
    };
}

/// What the generated code and the portal expansion use; not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::{can_enter_jit, module, portal_entry, scalar, Jumped, Translation};
    pub use crate::values::{CallReturn, JitValue, PortalReturn};
    /// What `#[gc_object]` expansions name.
    pub use ferrite_gc as gc;
    pub use ferrite_gc::{GcType, Scalar};
    pub use ferrite_jitcode::JitModule;
    pub use ferrite_trace::calls::CallTarget;
    pub use ferrite_trace::{call_target, Effects, Type, Writes};
}
