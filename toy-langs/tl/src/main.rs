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
    ferrite::cli::run_file("tl", &TL, &arguments.jit, &arguments.file, |source| {
        tl::run(source, Box::new(std::io::stdout()))
    })
}
