//! The interpreter proper: the object space, the object protocol (`ops`), the eval loop
//! and what it calls on (calls, generators, imports, patterns), and tracebacks.

pub mod arithmetic;
pub mod attributes;
pub mod call;
pub mod code;
pub mod errors;
pub mod eval;
pub mod fast_paths;
pub mod frame_ops;
pub mod generator;
pub mod identity;
pub mod import;
pub mod inline_cache;
pub mod names;
pub mod ops;
pub mod patterns;
pub mod space;
pub mod stdio;
pub mod suggestions;
pub mod traceback;
pub mod unwind;
