//! `pyrite [options] [-c cmd | -m module | file | -] [args]`: run a script, a command,
//! a module found on `sys.path`, or standard input; with no program and a terminal (or
//! `-i`), the interactive prompt. As with CPython, the options end at the program: what
//! follows `-c cmd`, `-m module` or the file name is the program's `sys.argv`.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use clap::Parser;
use pyrite::compiler::{self, CompileMode};
use pyrite::run::{Program, Target};

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

/// Split the command line where the interpreter's options end: after `-c cmd` or
/// `-m module`, or at the first argument that is not an option (the script, or `-`).
/// Returns the options (for clap) and the rest.
fn split_options(args: &[String]) -> (Vec<String>, Vec<String>) {
    let mut options = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" {
            i += 1;
            break;
        }
        if arg == "-" || !arg.starts_with('-') {
            break;
        }
        options.push(arg.clone());
        i += 1;
        if arg.starts_with("--") {
            if arg == "--jit" && i < args.len() {
                options.push(args[i].clone());
                i += 1;
            }
            continue;
        }
        // A cluster of short options: `-c` and `-m` take the rest of it, or the next
        // argument, as their value and end the options.
        let flags = &arg[1..];
        if let Some(at) = flags.find(['c', 'm']) {
            if at + 1 == flags.len() && i < args.len() {
                options.push(args[i].clone());
                i += 1;
            }
            break;
        }
    }
    (options, args[i..].to_vec())
}

/// An environment variable that is set and not empty (ignored with `-E`).
fn env_flag(name: &str, ignore_environment: bool) -> bool {
    !ignore_environment && std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

fn main() -> ExitCode {
    let all: Vec<String> = std::env::args().collect();
    let executable = all.first().cloned().unwrap_or_else(|| "pyrite".to_string());
    let (options, rest) = split_options(all.get(1..).unwrap_or_default());
    let mut arguments = Arguments::parse_from(std::iter::once(executable.clone()).chain(options));
    arguments.rest = rest;
    if arguments.version {
        println!("Python 3.11.7 (Pyrite {})", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let ignore_environment = arguments.ignore_environment;
    let inspect = arguments.interactive || env_flag("PYTHONINSPECT", ignore_environment);
    let unbuffered = arguments.unbuffered || env_flag("PYTHONUNBUFFERED", ignore_environment);
    let mut interactive = inspect;
    let mut banner = false;
    let target = if let Some(command) = &arguments.command {
        Target::Source {
            source: command.clone(),
            filename: "<string>".to_string(),
        }
    } else if let Some(module) = &arguments.module {
        Target::Module(module.clone())
    } else {
        match arguments.rest.first().map(String::as_str) {
            None if inspect || std::io::stdin().is_terminal() => {
                interactive = true;
                banner = true;
                Target::Nothing
            }
            Some("-") if std::io::stdin().is_terminal() => {
                interactive = true;
                Target::Nothing
            }
            None | Some("-") => {
                let mut source = String::new();
                if let Err(error) = std::io::stdin().read_to_string(&mut source) {
                    eprintln!("pyrite: cannot read standard input: {error}");
                    return ExitCode::from(2);
                }
                Target::Source {
                    source,
                    filename: "<stdin>".to_string(),
                }
            }
            Some(path) => match std::fs::read_to_string(path) {
                Ok(source) => Target::Source {
                    source,
                    filename: path.to_string(),
                },
                Err(error) => {
                    // CPython names the file by its absolute path (joined, not resolved).
                    let shown = match std::env::current_dir() {
                        Ok(cwd) if !path.starts_with('/') => format!("{}/{path}", cwd.display()),
                        _ => path.to_string(),
                    };
                    eprintln!(
                        "{executable}: can't open file '{shown}': [Errno {}] {}",
                        error.raw_os_error().unwrap_or(0),
                        pyrite::runtime::errors::strerror(&error)
                    );
                    return ExitCode::from(2);
                }
            },
        }
    };
    if let Target::Source { source, filename } = &target {
        // Syntax errors are reported before anything runs (with -i, the prompt follows,
        // so the run reports them).
        match compiler::compile(source, filename, CompileMode::Exec) {
            Ok(code) if arguments.dis => {
                print!("{}", compiler::dis::disassemble(&code));
                return ExitCode::SUCCESS;
            }
            Ok(_) => {}
            Err(error) if !interactive => {
                eprint!("{}", pyrite::syntax_error::report(&error));
                return ExitCode::FAILURE;
            }
            Err(_) => {}
        }
    }
    let path0 = match &target {
        Target::Source { filename, .. } if !filename.starts_with('<') => {
            let dir = std::path::Path::new(filename)
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            std::fs::canonicalize(if dir.is_empty() { "." } else { &dir })
                .map(|p| p.display().to_string())
                .unwrap_or(dir)
        }
        Target::Module(_) => std::env::current_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let mut argv: Vec<String> = Vec::new();
    if arguments.command.is_some() {
        argv.push("-c".to_string());
    } else if arguments.module.is_some() {
        argv.push("-m".to_string());
    }
    argv.extend(arguments.rest.iter().cloned());
    if argv.is_empty() {
        argv.push(String::new());
    }
    let status = pyrite::run::run(Program {
        target,
        argv,
        path0,
        unbuffered,
        ignore_environment,
        interactive,
        banner,
        executable,
    });
    ExitCode::from(status.clamp(0, 255) as u8)
}
