//! `tl [--jit on|off|jitcode] [--jit-param NAME=VALUE]... FILE`: run a tl program, printing
//! to stdout; an error goes to stderr (`tl: FILE: line L, column C: message`) with exit
//! status 1.

use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use tl::{JitMode, TL};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Jit {
    /// Trace and compile hot loops.
    On,
    /// Interpret natively only.
    Off,
    /// Run the interpreter's jitcode in the blackhole interpreter (a testing mode).
    Jitcode,
}

#[derive(Parser)]
#[command(about = "A stack language with a tracing JIT (Ferrite)")]
struct Arguments {
    /// Whether the JIT runs.
    #[arg(long, value_enum, default_value = "on")]
    jit: Jit,
    /// Set a JIT parameter (threshold, function_threshold, trace_eagerness, decay, trace_limit).
    #[arg(long = "jit-param", value_name = "NAME=VALUE")]
    jit_params: Vec<String>,
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
    TL.set_mode(match arguments.jit {
        Jit::On => JitMode::On,
        Jit::Off => JitMode::Off,
        Jit::Jitcode => JitMode::Jitcode,
    });
    for setting in &arguments.jit_params {
        let result = match setting.split_once('=') {
            Some((name, value)) => TL.set_param(name, value),
            None => Err(format!("expected NAME=VALUE, got `{setting}`")),
        };
        if let Err(error) = result {
            eprintln!("tl: --jit-param: {error}");
            return ExitCode::from(2);
        }
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
