//! The run-time side of a translated interpreter: each `jit_driver!` static, the per-thread
//! JIT state behind it, and the native half of the merge-point contract that
//! `#[ferrite::portal]` expands the hints to.
//!
//! A driver's state (its jitcode module, assembled from the translator's text, and a
//! `ferrite_metainterp::Driver`) is per thread, like GC handles. While the JIT runs, the
//! state is borrowed; a portal entered again meanwhile (a residual call that recurses into
//! the interpreter) runs natively, without the JIT, until it returns.

use std::cell::RefCell;

use ferrite_gc::{GcRef, Scalar};
use ferrite_jitcode::{assemble, BlackholeError, JitModule};
use ferrite_metainterp::{Driver, Params, Resumed, Stats};
use ferrite_trace::calls::{register, CallTarget};
use ferrite_trace::{call_target, Effects, RefNamespace, Type};

use crate::values::JitValue;

/// What the translator generates for a crate (`ferrite::include_jitcode!()`).
pub struct Translation {
    /// The jitcode of the traced functions, as text.
    pub jitcode: &'static str,
    /// The residual call targets (and panics) the jitcode names.
    pub targets: &'static [&'static CallTarget],
    /// Registers the GC types the jitcode names.
    pub register_types: fn(),
    /// Each driver's name and its portal's jitcode name.
    pub drivers: &'static [(&'static str, &'static str)],
}

/// How a driver runs its portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum JitMode {
    /// Natively, never asking the JIT (the driver hints cost a branch).
    Off,
    /// As jitcode in the blackhole interpreter, from the portal's merge point: no tracing, no
    /// machine code. The "jitcode only" leg of the three-way tests.
    Jitcode,
    /// Natively, with the JIT tracing and running hot loops.
    On,
}

/// A JIT driver: `jit_driver!` declares one as a static.
pub struct JitDriver {
    name: &'static str,
    translation: &'static Translation,
}

struct DriverState {
    driver: *const JitDriver,
    mode: JitMode,
    jit: Driver<'static>,
    /// Where each of the merge point's values (greens then reds, in the declaration's
    /// order) sits in the driver's order (by bank: ints, then refs, then floats).
    order: Vec<usize>,
    /// Whether `order` is the identity (greens and reds declared int, ref, float).
    declared_is_driver_order: bool,
    greens: usize,
}

thread_local! {
    static STATES: RefCell<Vec<DriverState>> = const { RefCell::new(Vec::new()) };
    static MODULES: RefCell<Vec<(*const Translation, &'static JitModule)>> = const { RefCell::new(Vec::new()) };
}

/// The jitcode module of `translation` on this thread (assembled on first use, and kept
/// for the thread's life).
pub fn module(translation: &'static Translation) -> &'static JitModule {
    MODULES.with(|modules| {
        let mut modules = modules.borrow_mut();
        if let Some((_, module)) = modules.iter().find(|(t, _)| std::ptr::eq(*t, translation)) {
            return *module;
        }
        (translation.register_types)();
        for target in BUILTIN_TARGETS {
            register(target);
        }
        for target in translation.targets {
            register(target);
        }
        let module = assemble(translation.jitcode, &RefNamespace::new())
            .unwrap_or_else(|e| panic!("the translator's jitcode does not assemble: {e}"));
        let module: &'static JitModule = Box::leak(Box::new(module));
        modules.push((translation, module));
        module
    })
}

impl JitDriver {
    #[doc(hidden)]
    pub const fn new(name: &'static str, translation: &'static Translation) -> Self {
        JitDriver { name, translation }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Run `work` on this thread's state of the driver (created on first use, JIT on with
    /// default parameters). `None` if the JIT is running on this thread right now.
    fn with_state<R>(&'static self, work: impl FnOnce(&mut DriverState) -> R) -> Option<R> {
        STATES.with(|states| {
            let mut states = states.try_borrow_mut().ok()?;
            let index = match states.iter().position(|s| std::ptr::eq(s.driver, self)) {
                Some(index) => index,
                None => {
                    states.push(self.new_state());
                    states.len() - 1
                }
            };
            Some(work(&mut states[index]))
        })
    }

    fn new_state(&'static self) -> DriverState {
        let module = module(self.translation);
        let (_, portal_name) = self
            .translation
            .drivers
            .iter()
            .find(|(name, _)| *name == self.name)
            .unwrap_or_else(|| {
                panic!("the translation has no portal for the driver {}", self.name)
            });
        let portal = module
            .index_of(portal_name)
            .unwrap_or_else(|| panic!("no jitcode for the portal {portal_name}"));
        // SAFETY: the translator generated this jitcode from Rust that rustc type-checked:
        // every dereferenced register holds a non-null object of the descriptor's type (the
        // subset's references are `Gc<T>`, checked for null where they are `Option`s), and
        // every array index is checked against the length first, as Rust checks it.
        let jit = unsafe { Driver::new(module, portal, Params::default()) };
        DriverState {
            driver: self,
            mode: JitMode::On,
            jit,
            order: Vec::new(),
            declared_is_driver_order: false,
            greens: 0,
        }
    }

    /// Choose how the portal runs on this thread.
    pub fn set_mode(&'static self, mode: JitMode) {
        self.with_state(|state| state.mode = mode)
            .expect("not while the JIT runs");
    }

    pub fn mode(&'static self) -> JitMode {
        self.with_state(|state| state.mode)
            .expect("not while the JIT runs")
    }

    /// Set a JIT parameter by name (`threshold`, `function_threshold`, `trace_eagerness`,
    /// `decay`, `trace_limit`), as `--jit-param NAME=VALUE` does.
    pub fn set_param(&'static self, name: &str, value: &str) -> Result<(), String> {
        self.with_state(|state| state.jit.params.set(name, value).map_err(|e| e.0))
            .expect("not while the JIT runs")
    }

    pub fn params(&'static self) -> Params {
        self.with_state(|state| state.jit.params.clone())
            .expect("not while the JIT runs")
    }

    /// What the JIT did so far on this thread.
    pub fn stats(&'static self) -> Stats {
        self.with_state(|state| state.jit.stats.clone())
            .expect("not while the JIT runs")
    }

    /// Forget this thread's JIT state (compiled loops, counters, parameters, mode).
    pub fn reset(&'static self) {
        STATES.with(|states| {
            states
                .borrow_mut()
                .retain(|s| !std::ptr::eq(s.driver, self));
        });
    }
}

/// What the native interpreter does after a driver hint.
pub enum Jumped {
    /// Carry on natively.
    Continue,
    /// The JIT ran: continue at the merge point with these greens and reds (declaration
    /// order).
    MergePoint(Vec<Scalar>),
    /// The portal returned this.
    Returned(Option<Scalar>),
    /// The portal raised this (its `Err`).
    Raised(GcRef),
}

impl DriverState {
    /// Where each value (greens then reds, declaration order) sits in the driver's (bank)
    /// order, worked out on the first hint.
    fn learn_order(&mut self, greens: &[Scalar], reds: &[Scalar]) {
        self.greens = greens.len();
        let bank = |s: &Scalar| match s {
            Scalar::Int(_) => 0,
            Scalar::Ref(_) => 1,
            Scalar::Float(_) => 2,
        };
        let mut order: Vec<usize> = Vec::new();
        for (group, offset) in [(greens, 0), (reds, greens.len())] {
            let mut indices: Vec<usize> = (0..group.len()).collect();
            indices.sort_by_key(|&i| bank(&group[i]));
            order.extend(indices.into_iter().map(|i| i + offset));
        }
        self.declared_is_driver_order = order.iter().enumerate().all(|(p, &i)| p == i);
        self.order = order;
    }

    /// The greens and reds in the driver's order (`None`: they already are).
    fn in_driver_order(
        &self,
        greens: &[Scalar],
        reds: &[Scalar],
    ) -> Option<(Vec<Scalar>, Vec<Scalar>)> {
        if self.declared_is_driver_order {
            return None;
        }
        let all: Vec<Scalar> = greens.iter().chain(reds).copied().collect();
        let mut ordered: Vec<Scalar> = self.order.iter().map(|&i| all[i]).collect();
        let reds = ordered.split_off(self.greens);
        Some((ordered, reds))
    }

    /// Greens and reds from the driver's order back to the declaration's.
    fn in_declared_order(&self, greens: Vec<Scalar>, reds: Vec<Scalar>) -> Vec<Scalar> {
        let ordered: Vec<Scalar> = greens.into_iter().chain(reds).collect();
        if self.declared_is_driver_order {
            return ordered;
        }
        let mut values = ordered.clone();
        for (position, &index) in self.order.iter().enumerate() {
            values[index] = ordered[position];
        }
        values
    }

    fn hint(&mut self, greens: &[Scalar], reds: &[Scalar], entry: bool) -> Jumped {
        if self.mode == JitMode::Off {
            return Jumped::Continue;
        }
        if self.order.is_empty() {
            self.learn_order(greens, reds);
        }
        // Usually the declaration is in bank order already, and nothing is copied.
        let reordered = self.in_driver_order(greens, reds);
        let (driver_greens, driver_reds) = match &reordered {
            Some((greens, reds)) => (greens.as_slice(), reds.as_slice()),
            None => (greens, reds),
        };
        let result = match self.mode {
            JitMode::Off => unreachable!("returned above"),
            JitMode::Jitcode => {
                if !entry {
                    return Jumped::Continue;
                }
                self.jit
                    .run_from_merge_point(driver_greens, driver_reds)
                    .map(|value| Some(Resumed::Returned(value)))
            }
            JitMode::On if entry => self.jit.portal_entry(driver_greens, driver_reds),
            JitMode::On => self.jit.can_enter_jit(driver_greens, driver_reds),
        };
        match result {
            Ok(None) => Jumped::Continue,
            Ok(Some(Resumed::MergePoint { greens, reds })) => {
                Jumped::MergePoint(self.in_declared_order(greens, reds))
            }
            Ok(Some(Resumed::Returned(value))) => Jumped::Returned(value),
            Err(BlackholeError::Uncaught { exception, .. }) => Jumped::Raised(exception),
            Err(error) => panic!("the JIT failed in the portal: {error}"),
        }
    }
}

/// The portal's first merge point (`jit_merge_point!` on its first pass).
#[doc(hidden)]
pub fn portal_entry(driver: &'static JitDriver, greens: &[Scalar], reds: &[Scalar]) -> Jumped {
    driver
        .with_state(|state| state.hint(greens, reds, true))
        .unwrap_or(Jumped::Continue)
}

/// `can_enter_jit!`: a back-edge of the user's program.
#[doc(hidden)]
#[inline]
pub fn can_enter_jit(driver: &'static JitDriver, greens: &[Scalar], reds: &[Scalar]) -> Jumped {
    driver
        .with_state(|state| state.hint(greens, reds, false))
        .unwrap_or(Jumped::Continue)
}

/// Convert a hint's values (the generated code calls it for each green and red).
#[doc(hidden)]
#[inline]
pub fn scalar<T: JitValue>(value: T) -> Scalar {
    value.to_scalar()
}

fn int(value: Scalar) -> i64 {
    i64::from_scalar(value)
}

// Division, which jitcode has no instruction for yet. Traced code checks for a zero divisor
// first (Rust panics on it), so these are only called with a non-zero one.
call_target!(
    INT_DIV,
    "ferrite::int_div",
    [Type::Int, Type::Int],
    Some(Type::Int),
    Effects::ELIDABLE,
    |a| { Ok(Some(Scalar::Int(int(a[0]).wrapping_div(int(a[1]))))) }
);
call_target!(
    INT_REM,
    "ferrite::int_rem",
    [Type::Int, Type::Int],
    Some(Type::Int),
    Effects::ELIDABLE,
    |a| { Ok(Some(Scalar::Int(int(a[0]).wrapping_rem(int(a[1]))))) }
);
call_target!(
    UINT_DIV,
    "ferrite::uint_div",
    [Type::Int, Type::Int],
    Some(Type::Int),
    Effects::ELIDABLE,
    |a| {
        Ok(Some(Scalar::Int(
            (int(a[0]) as u64 / int(a[1]) as u64) as i64,
        )))
    }
);
call_target!(
    UINT_REM,
    "ferrite::uint_rem",
    [Type::Int, Type::Int],
    Some(Type::Int),
    Effects::ELIDABLE,
    |a| {
        Ok(Some(Scalar::Int(
            (int(a[0]) as u64 % int(a[1]) as u64) as i64,
        )))
    }
);

// Traced code wrote a `#[quasi_immutable]` field (jitcode stores it with `setfield_gc`, not
// through the generated setter): invalidate the traces relying on it. Writes only watch
// cells, which traces never load (they are read by `guard_not_invalidated`).
call_target!(
    FIELD_WRITTEN,
    "ferrite::field_written",
    [Type::Ref, Type::Int],
    None,
    Effects::READS,
    |a| {
        if let Scalar::Ref(Some(object)) = a[0] {
            ferrite_gc::quasi_immutable::field_written(object.descriptor_id(), int(a[1]) as usize);
        }
        Ok(None)
    }
);

static BUILTIN_TARGETS: &[&CallTarget] =
    &[&INT_DIV, &INT_REM, &UINT_DIV, &UINT_REM, &FIELD_WRITTEN];
