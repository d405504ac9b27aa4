//! A Brainfuck interpreter on Ferrite. The interpreter loop (`interpreter`) is written in
//! the traceable subset and translated to jitcode by `build.rs`; the rest (parsing, I/O,
//! the command line) is ordinary Rust.
//!
//! The language: a tape of byte cells that wrap, starting at zero and growing to the right
//! as needed; `+ - < > . , [ ]`; every other character is a comment. `,` at the end of the
//! input leaves the cell unchanged. Moving left of the first cell is an error.

pub mod interpreter;
pub mod io;
mod parse;
pub mod random;

ferrite::include_jitcode!();

use std::io::{Read, Write};

use ferrite::harness::{CapturedOutput, Settings};
pub use ferrite::JitMode;
pub use interpreter::BF;
pub use parse::{parse, ParseError};

/// Why a run failed.
#[derive(Debug, PartialEq, Eq)]
pub enum RunError {
    Parse(ParseError),
    /// The program moved left of the first cell, at this instruction (counting commands
    /// from 0).
    LeftOfStart {
        instruction: usize,
    },
    Io(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Parse(error) => write!(f, "{error}"),
            RunError::LeftOfStart { instruction } => {
                write!(f, "instruction {instruction} moved left of the first cell")
            }
            RunError::Io(error) => write!(f, "output failed: {error}"),
        }
    }
}

/// The initial tape length (it doubles as needed).
const TAPE: usize = 4096;

/// Run `source` with `input` and `output`, in the JIT mode set on `BF` for this thread.
pub fn run(source: &str, input: Box<dyn Read>, output: Box<dyn Write>) -> Result<(), RunError> {
    let program = parse(source).map_err(RunError::Parse)?;
    let tape = ferrite::Array::new(TAPE, 0u8).expect("heap");
    io::install(input, output);
    let result = interpreter::run(program, tape);
    io::finish().map_err(|e| RunError::Io(e.to_string()))?;
    result.map_err(|error| RunError::LeftOfStart {
        instruction: error.pc(),
    })
}

/// Run `source` on `input` in `mode` (with the parameters given) and return its output.
pub fn run_to_vec(
    source: &str,
    input: &[u8],
    mode: JitMode,
    params: Settings,
) -> Result<Vec<u8>, RunError> {
    BF.prepare(mode, params);
    let output = CapturedOutput::default();
    let result = run(
        source,
        Box::new(std::io::Cursor::new(input.to_vec())),
        Box::new(output.clone()),
    );
    result.map(|()| output.take())
}
