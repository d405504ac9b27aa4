//! What every language's binary takes on its command line for the JIT: `--jit on|off|jitcode`
//! and `--jit-param NAME=VALUE` (repeatable). Flatten [`JitOptions`] into the binary's clap
//! arguments and [`JitOptions::apply`] it to the language's driver, or let [`run_file`] do
//! the whole run.

use crate::{JitDriver, JitMode};

#[derive(clap::Args, Clone, Debug)]
pub struct JitOptions {
    /// Whether the JIT runs (`jitcode`: the interpreter's jitcode in the blackhole
    /// interpreter, a testing mode).
    #[arg(long, value_enum, default_value = "on")]
    pub jit: JitMode,
    /// Set a JIT parameter (threshold, function_threshold, trace_eagerness, decay,
    /// trace_limit, enable, enable_opts).
    #[arg(long = "jit-param", value_name = "NAME=VALUE")]
    pub jit_params: Vec<String>,
}

impl JitOptions {
    /// Set `driver`'s mode and parameters on this thread; the error names the bad setting.
    pub fn apply(&self, driver: &'static JitDriver) -> Result<(), String> {
        driver.set_mode(self.jit);
        for setting in &self.jit_params {
            let (name, value) = setting
                .split_once('=')
                .ok_or_else(|| format!("--jit-param: expected NAME=VALUE, got `{setting}`"))?;
            driver
                .set_param(name, value)
                .map_err(|error| format!("--jit-param: {error}"))?;
        }
        Ok(())
    }
}

/// A language binary's whole run: `program [--jit ..] [--jit-param ..]... FILE`. Reads the
/// file, applies the JIT options to `driver`, and runs `run` on the source. A file that
/// can't be read or a bad option prints `program: message` and exits with status 2; an
/// error of the program prints `program: FILE: error` and exits with status 1.
pub fn run_file<E: std::fmt::Display>(
    program: &str,
    driver: &'static JitDriver,
    jit: &JitOptions,
    file: &std::path::Path,
    run: impl FnOnce(&str) -> Result<(), E>,
) -> std::process::ExitCode {
    use std::process::ExitCode;
    let source = match std::fs::read_to_string(file) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("{program}: cannot read {}: {error}", file.display());
            return ExitCode::from(2);
        }
    };
    if let Err(error) = jit.apply(driver) {
        eprintln!("{program}: {error}");
        return ExitCode::from(2);
    }
    match run(&source) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{program}: {}: {error}", file.display());
            ExitCode::FAILURE
        }
    }
}
