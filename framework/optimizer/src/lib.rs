//! Ferrite's trace optimizer: a recorded trace in, a shorter trace that computes the same
//! thing out. The tracer records every operation the interpreter's jitcode did, and an
//! interpreter does a great deal twice (it re-reads the tape's length for each bounds
//! check, re-checks what an earlier guard established, reloads the cell it just stored);
//! this is where that goes away. The passes follow PyPy's `optimizeopt` in spirit, in one
//! forward sweep plus one backward sweep:
//!
//! - `pure` ([`rewrite`]): constant folding (with the executor's semantics, so folded and
//!   compiled code agree), algebraic identities (`x + 0`, `x & -1`, `x - x`), and common
//!   subexpressions: a side-effect-free operation with the arguments of an earlier one is
//!   that one's result (also elidable calls that cannot raise).
//! - `guards` ([`rewrite`]): what a guard establishes holds afterwards: after
//!   `guard_true(b)` of a comparison `b` is 1, after `guard_value(x, c)` `x` is `c`, after
//!   `guard_nonnull(p)` `p` is not null; a guard that checks what is already known goes.
//! - `heap` ([`heap`]): loads of what the trace just read or wrote become that value, and
//!   stores of what a slot already holds disappear, with aliasing and call effects
//!   respected.
//! - `dead` ([`dead`]): operations without side effects whose results nobody uses (not
//!   even a guard's fail arguments) are dropped.
//!
//! Guards that stay keep their fail arguments (same number, same order; values may become
//! constants), so the resume data recorded for them still applies; the caller renumbers it
//! with [`Optimized::guards`]. Every pass can be switched off (RPython's `enable_opts`).
//! See `docs/optimizer.md`.

mod dead;
pub mod heap;
mod key;
mod rewrite;

use ferrite_trace::{Trace, TraceError};

/// Which passes run (`enable_opts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Passes {
    pub pure: bool,
    pub guards: bool,
    pub heap: bool,
    pub dead: bool,
}

/// The passes' names, in the order `Passes::parse` and `Display` use.
pub const PASS_NAMES: &[&str] = &["pure", "guards", "heap", "dead"];

impl Passes {
    pub const ALL: Passes = Passes {
        pure: true,
        guards: true,
        heap: true,
        dead: true,
    };
    pub const NONE: Passes = Passes {
        pure: false,
        guards: false,
        heap: false,
        dead: false,
    };

    /// `all`, `none`, or pass names separated by colons (`pure:heap`), as PyPy's
    /// `enable_opts` takes them.
    pub fn parse(text: &str) -> Result<Passes, String> {
        match text {
            "all" => return Ok(Passes::ALL),
            "none" | "" => return Ok(Passes::NONE),
            _ => {}
        }
        let mut passes = Passes::NONE;
        for name in text.split(':') {
            match name {
                "pure" => passes.pure = true,
                "guards" => passes.guards = true,
                "heap" => passes.heap = true,
                "dead" => passes.dead = true,
                _ => {
                    return Err(format!(
                        "unknown optimization `{name}` (known: {}, or all, none)",
                        PASS_NAMES.join(", ")
                    ))
                }
            }
        }
        Ok(passes)
    }

    pub fn any(self) -> bool {
        self != Passes::NONE
    }
}

impl std::fmt::Display for Passes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let on = [self.pure, self.guards, self.heap, self.dead];
        let names: Vec<&str> = PASS_NAMES
            .iter()
            .zip(on)
            .filter(|(_, on)| *on)
            .map(|(name, _)| *name)
            .collect();
        if names.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&names.join(":"))
        }
    }
}

/// An optimized trace.
pub struct Optimized<'a> {
    pub trace: Trace<'a>,
    /// For each operation index of the original trace, where that guard is in the new one
    /// (`None`: not a guard, or a guard that was removed).
    pub guards: Vec<Option<usize>>,
}

/// Optimize `trace` with `passes`. The result is built with `Trace::push`, so it is
/// checked like any trace; an error is an optimizer bug (the caller can still compile the
/// original).
pub fn optimize<'a>(trace: &Trace<'a>, passes: Passes) -> Result<Optimized<'a>, TraceError> {
    let rewritten = rewrite::rewrite(trace, passes);
    dead::emit(trace, rewritten, passes.dead)
}
