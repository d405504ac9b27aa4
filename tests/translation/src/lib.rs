//! A subject for the translator: `subject::run(case, n)` runs one of many small
//! computations, each written to exercise constructs of the traceable subset, `n` times in
//! a loop with a merge point. The tests run every case natively, as jitcode in the blackhole
//! interpreter and with the JIT at threshold 1, and compare.

pub mod frames;
pub mod subject;

ferrite::include_jitcode!();

/// How many cases `subject::run` has.
pub const CASES: i64 = subject::CASES;
