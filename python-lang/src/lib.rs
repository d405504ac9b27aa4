//! Pyrite: a Python 3.11 interpreter on Ferrite.
//!
//! What exists so far is the front end: parsing (`ruff_python_parser`), CPython-format
//! syntax errors, symbol tables, and the compiler to Pyrite's wordcode with its
//! disassembler (`pyrite --dis`). The object space and eval loop are being built (see
//! docs/pyrite.md).

pub mod compiler;
pub mod syntax_error;

/// The parts of the object model the front end already uses.
pub mod objects {
    pub mod float;
}
