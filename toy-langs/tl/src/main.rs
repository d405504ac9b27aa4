//! `tl [--jit on|off|jitcode] [--jit-param NAME=VALUE]... FILE`: run a tl program, printing
//! to stdout; an error goes to stderr (`tl: FILE: line L, column C: message`) with exit
//! status 1.

use std::process::ExitCode;

use clap::Parser;
use ferrite::cli::JitOptions;
use tl::TL;

#[derive(Parser)]
#[command(about = "A stack language with a tracing JIT (Ferrite)")]
struct Arguments {
    #[command(flatten)]
    jit: JitOptions,
    /// The program.
    file: std::path::PathBuf,
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let source = match std::fs::read_to_string(&arguments.file) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("tl: cannot read {}: {error}", arguments.file.display());
            return ExitCode::from(2);
        }
    };
    if let Err(error) = arguments.jit.apply(&TL) {
        eprintln!("tl: {error}");
        return ExitCode::from(2);
    }
    let output = Box::new(std::io::stdout());
    match tl::run(&source, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tl: {}: {error}", arguments.file.display());
            ExitCode::FAILURE
        }
    }
}
