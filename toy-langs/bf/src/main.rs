//! `bf [--jit on|off|jitcode] [--jit-param NAME=VALUE]... FILE`: run a Brainfuck program,
//! reading `,` from stdin and writing `.` to stdout.

use std::process::ExitCode;

use bf::BF;
use clap::Parser;
use ferrite::cli::JitOptions;

#[derive(Parser)]
#[command(about = "A Brainfuck interpreter with a tracing JIT (Ferrite)")]
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
            eprintln!("bf: cannot read {}: {error}", arguments.file.display());
            return ExitCode::from(2);
        }
    };
    if let Err(error) = arguments.jit.apply(&BF) {
        eprintln!("bf: {error}");
        return ExitCode::from(2);
    }
    let input = Box::new(std::io::stdin());
    let output = Box::new(std::io::stdout());
    match bf::run(&source, input, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bf: {}: {error}", arguments.file.display());
            ExitCode::FAILURE
        }
    }
}
