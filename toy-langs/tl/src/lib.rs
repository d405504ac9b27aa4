//! tl, a stack language on Ferrite: integers, pairs, locals, structured control and
//! recursive functions (see `README.md` for the language). The interpreter loop
//! (`interpreter`) is written in the traceable subset and translated to jitcode by
//! `build.rs`; the rest (parsing, printing, the command line) is ordinary Rust.

pub mod interpreter;
pub mod io;
mod parse;
pub mod random;

ferrite::include_jitcode!();

use std::io::Write;

use ferrite::harness::{CapturedOutput, Settings};
pub use ferrite::JitMode;
pub use interpreter::TL;
pub use parse::{parse, ParseError, Position, Program};

/// Why a run failed.
#[derive(Debug, PartialEq, Eq)]
pub enum RunError {
    /// The program does not parse.
    Syntax(ParseError),
    /// The program stopped at the word at `position`.
    Runtime {
        position: Position,
        message: String,
    },
    Io(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Syntax(error) => write!(f, "{error}"),
            RunError::Runtime { position, message } => write!(
                f,
                "line {}, column {}: {message}",
                position.line, position.column
            ),
            RunError::Io(error) => write!(f, "output failed: {error}"),
        }
    }
}

/// The message of a runtime error of `kind` at `word`.
fn runtime_message(kind: u8, word: &str) -> String {
    use interpreter::*;
    let what = match kind {
        STACK_UNDERFLOW => "stack underflow".to_string(),
        EXPECTED_INTEGER => "expected an integer".to_string(),
        EXPECTED_PAIR => "expected a pair".to_string(),
        DIVISION_BY_ZERO => "division by zero".to_string(),
        RECURSION_TOO_DEEP => format!("recursion too deep (more than {MAX_DEPTH} nested calls)"),
        STACK_OVERFLOW => format!("stack overflow (more than {MAX_STACK} values)"),
        _ => format!("error {kind}"),
    };
    format!("`{word}`: {what}")
}

/// Run `source`, printing to `output`, in the JIT mode set on `TL` for this thread.
pub fn run(source: &str, output: Box<dyn Write>) -> Result<(), RunError> {
    let program = parse(source).map_err(RunError::Syntax)?;
    io::install(output);
    let result = interpreter::run(program.main);
    io::finish().map_err(|e| RunError::Io(e.to_string()))?;
    result.map_err(|error| {
        let (position, word) = program.word(error.function(), error.pc());
        RunError::Runtime {
            position,
            message: runtime_message(error.kind(), word),
        }
    })
}

/// Run `source` in `mode` (with the parameters given): what it printed, and how it ended.
pub fn run_to_vec(
    source: &str,
    mode: JitMode,
    params: Settings,
) -> (Vec<u8>, Result<(), RunError>) {
    TL.prepare(mode, params);
    let output = CapturedOutput::default();
    let result = run(source, Box::new(output.clone()));
    (output.take(), result)
}
