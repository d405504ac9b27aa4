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
    ferrite::cli::run_file("bf", &BF, &arguments.jit, &arguments.file, |source| {
        bf::run(
            source,
            Box::new(std::io::stdin()),
            Box::new(std::io::stdout()),
        )
    })
}
