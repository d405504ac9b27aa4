//! `pyrite [options] [-c cmd | -m module | file | -] [args]`.
//!
//! Today the front end is what runs: a program is parsed and compiled (syntax errors are
//! reported as CPython reports them, with exit status 1), and `--dis` prints the
//! wordcode. Running the compiled code needs the object space and eval loop, which are
//! being built; until then `pyrite` says so and exits with status 2.

use std::io::Read;
use std::process::ExitCode;

use clap::Parser;
use pyrite::compiler::{self, CompileMode};

#[derive(Parser)]
#[command(
    name = "pyrite",
    about = "A Python 3.11 interpreter on Ferrite",
    disable_version_flag = true
)]
struct Arguments {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "cmd", conflicts_with = "module")]
    command: Option<String>,
    /// Run a library module as a script.
    #[arg(short = 'm', value_name = "mod")]
    module: Option<String>,
    /// Inspect interactively after running the script.
    #[arg(short = 'i')]
    interactive: bool,
    /// Unbuffered standard output and error.
    #[arg(short = 'u')]
    unbuffered: bool,
    /// Ignore PYTHON* environment variables.
    #[arg(short = 'E')]
    ignore_environment: bool,
    /// Print the version and exit.
    #[arg(short = 'V', long = "version")]
    version: bool,
    /// Print the compiled wordcode of the program instead of running it.
    #[arg(long)]
    dis: bool,
    /// Whether the JIT runs.
    #[arg(long, value_parser = ["on", "off"], default_value = "on")]
    jit: String,
    /// The script (`-` for standard input) and its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    rest: Vec<String>,
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    if arguments.version {
        println!("Python 3.11.7 (Pyrite {})", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let (source, filename) = if let Some(command) = &arguments.command {
        (command.clone(), "<string>".to_string())
    } else if let Some(module) = &arguments.module {
        eprintln!("pyrite: -m {module}: importing modules is not implemented yet");
        return ExitCode::from(2);
    } else {
        match arguments.rest.first().map(String::as_str) {
            None | Some("-") => {
                let mut source = String::new();
                if let Err(error) = std::io::stdin().read_to_string(&mut source) {
                    eprintln!("pyrite: cannot read standard input: {error}");
                    return ExitCode::from(2);
                }
                (source, "<stdin>".to_string())
            }
            Some(path) => match std::fs::read_to_string(path) {
                Ok(source) => (source, path.to_string()),
                Err(error) => {
                    let program = std::env::args()
                        .next()
                        .unwrap_or_else(|| "pyrite".to_string());
                    eprintln!(
                        "{program}: can't open file '{path}': [Errno {}] {error}",
                        error.raw_os_error().unwrap_or(0)
                    );
                    return ExitCode::from(2);
                }
            },
        }
    };
    let code = match compiler::compile(&source, &filename, CompileMode::Exec) {
        Ok(code) => code,
        Err(error) => {
            eprint!("{}", pyrite::syntax_error::report(&error));
            return ExitCode::FAILURE;
        }
    };
    if arguments.dis {
        print!("{}", compiler::dis::disassemble(&code));
        return ExitCode::SUCCESS;
    }
    drop(code);
    let script_dir = if filename.starts_with('<') {
        String::new()
    } else {
        let dir = std::path::Path::new(&filename)
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        std::fs::canonicalize(if dir.is_empty() { "." } else { &dir })
            .map(|p| p.display().to_string())
            .unwrap_or(dir)
    };
    let mut argv: Vec<String> = Vec::new();
    if arguments.command.is_some() {
        argv.push("-c".to_string());
        argv.extend(arguments.rest.iter().cloned());
    } else {
        argv.extend(arguments.rest.iter().cloned());
        if argv.is_empty() {
            argv.push(String::new());
        }
    }
    let status = pyrite::run::run(pyrite::run::Program {
        source,
        filename,
        argv,
        path0: script_dir,
        unbuffered: arguments.unbuffered,
        ignore_environment: arguments.ignore_environment,
    });
    ExitCode::from(status.clamp(0, 255) as u8)
}
