//! Pyrite: a Python 3.11 interpreter on Ferrite.
//!
//! - `compiler`: parsing (`ruff_python_parser`), symbol tables and codegen to Pyrite's
//!   wordcode; `syntax_error` prints compile errors as CPython does.
//! - `objects`: the heap layout of every Python object and the core operations per kind;
//!   `types`: the Python-visible methods of the built-in value types.
//! - `runtime`: the object space, the eval loop, calls, generators, imports, tracebacks.
//! - `builtins`: the builtin functions, formatting, and the native modules.
//! - `run`: running a program as the `pyrite` command does; `interactive` the prompt.
//!
//! See docs/pyrite.md.

// The built-in type table (`runtime/space.rs`) is one macro expansion per type.
#![recursion_limit = "256"]

pub mod builtins;
pub mod compiler;
pub mod interactive;
pub mod objects;
pub mod run;
pub mod runtime;
pub mod syntax_error;
pub mod types;
