//! Running a program: set up the space, `sys.argv` and `sys.path`, run the code (a
//! script, `-c`, or a module found on `sys.path` for `-m`) as `__main__`, enter the
//! interactive prompt if asked (`interactive`), and turn the outcome into an exit status
//! (printing an uncaught exception's traceback, honouring `SystemExit`).

use crate::builtins::functions::{flush_stdout, write_stream};
use crate::compiler::{self, CompileMode};
use crate::objects::layout::*;
use crate::objects::{list, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};
use crate::runtime::{code, import, ops, traceback};

/// What runs first.
pub enum Target {
    /// A script, `-c` or standard input: the source and the file name code objects and
    /// tracebacks show (`<string>` for `-c`).
    Source { source: String, filename: String },
    /// `-m`: a module found on `sys.path`.
    Module(String),
    /// Nothing (the interactive prompt).
    Nothing,
}

/// What to run and how.
pub struct Program {
    pub target: Target,
    /// `sys.argv` (for `-m`, the first item is replaced by the module's path).
    pub argv: Vec<String>,
    /// `sys.path[0]`: the script's directory, the current directory for `-m`, or `''`
    /// for `-c`, standard input and the prompt.
    pub path0: String,
    pub unbuffered: bool,
    pub ignore_environment: bool,
    /// Enter the interactive prompt after the target (`-i`, or no program and a terminal).
    pub interactive: bool,
    /// Print the banner first (the prompt with no program).
    pub banner: bool,
    /// What the command line was started as (`argv[0]`), for `-m`'s error messages.
    pub executable: String,
}

/// The native stack the interpreter thread gets: deep Python recursion runs on it.
const STACK_SIZE: usize = 512 << 20;

/// `PYRITE_GC_STRESS=1`: a small fixed heap, so collections happen often, each moving
/// objects — for finding references the runtime keeps where the collector cannot see them.
fn configure_gc_stress() {
    if std::env::var("PYRITE_GC_STRESS").is_ok_and(|v| v == "1") {
        let _ = ferrite::configure_gc(ferrite::GcOptions {
            heap: ferrite::HeapSize::Fixed(64 << 20),
            gc_threads: Some(1),
            stress_moving: true,
        });
    }
}

/// Run `program` on a thread of its own (with a big stack) and return the exit status.
pub fn run(program: Program) -> i32 {
    configure_gc_stress();
    let thread = std::thread::Builder::new()
        .name("pyrite".to_string())
        .stack_size(STACK_SIZE)
        .spawn(move || run_on_this_thread(&program));
    match thread.map(|t| t.join()) {
        Ok(Ok(status)) => status,
        _ => {
            eprintln!("pyrite: internal error: the interpreter thread failed");
            70
        }
    }
}

/// How running the target failed.
enum Failure {
    /// An exception nobody caught.
    Exception(ferrite::Gc<PyException>),
    /// `-m` could not find or run the module: CPython's message, printed after
    /// `argv[0]`, with exit status 1.
    Message(String),
}

impl From<ferrite::Gc<PyException>> for Failure {
    fn from(e: ferrite::Gc<PyException>) -> Failure {
        Failure::Exception(e)
    }
}

fn run_on_this_thread(program: &Program) -> i32 {
    if let Err(e) = crate::builtins::install() {
        eprintln!("pyrite: start-up failed: {}", traceback::exception_line(e));
        return 70;
    }
    let here = 0u8;
    let stack_top = &here as *const u8 as usize;
    // Leave room below the limit for the native code running when it is checked.
    space::with(|s| {
        s.stack_limit.set(stack_top - (STACK_SIZE - (16 << 20)));
        s.unbuffered.set(program.unbuffered);
    });
    let outcome = match set_sys_lists(program) {
        Ok(()) => execute(program),
        Err(e) => Err(Failure::Exception(e)),
    };
    let mut status = match outcome {
        Ok(()) => 0,
        Err(Failure::Message(message)) => {
            flush_stdout();
            let _ = write_stream(2, &format!("{}: {message}\n", program.executable));
            1
        }
        // With -i, even SystemExit is only reported before the prompt, as CPython does.
        Err(Failure::Exception(e)) if program.interactive => {
            print_exception(e);
            0
        }
        Err(Failure::Exception(e)) => report_uncaught(e),
    };
    if program.interactive {
        status = crate::interactive::run(program);
    }
    crate::types::file::io::flush_all();
    flush_stdout();
    status
}

fn set_sys_lists(program: &Program) -> PyResult<()> {
    let sys = space::sys_module();
    let argv = list::new_list(program.argv.len())?;
    for a in &program.argv {
        list::append(argv, pystr::new_str(a)?)?;
    }
    ops::setattr(sys, pystr::intern("argv")?, argv.erase())?;
    let path = list::new_list(2)?;
    list::append(path, pystr::new_str(&program.path0)?)?;
    if !program.ignore_environment {
        if let Ok(extra) = std::env::var("PYTHONPATH") {
            for entry in extra.split(':').filter(|e| !e.is_empty()) {
                list::append(path, pystr::new_str(entry)?)?;
            }
        }
    }
    ops::setattr(sys, pystr::intern("path")?, path.erase())
}

fn execute(program: &Program) -> Result<(), Failure> {
    match &program.target {
        Target::Source { source, filename } => {
            let main = crate::builtins::main_module()?;
            if !filename.starts_with('<') {
                ops::setattr(
                    main.erase(),
                    space::name(crate::runtime::names::N::file),
                    pystr::new_str(filename)?,
                )?;
            }
            run_source(source, filename, main)
        }
        Target::Module(name) => run_module(name),
        Target::Nothing => Ok(()),
    }
}

fn run_source(source: &str, filename: &str, main: ferrite::Gc<PyModule>) -> Result<(), Failure> {
    let unit = match compiler::compile(source, filename, CompileMode::Exec) {
        Ok(unit) => unit,
        Err(error) => return Err(traceback::syntax_error_exception(&error).into()),
    };
    let code = code::to_heap(&unit)?;
    import::run_module_code(code, main.dict())?;
    Ok(())
}

/// `-m name`: find the module (importing its parent packages), then run its file as
/// `__main__` with `sys.argv[0]` its full path, as CPython's `runpy` does.
fn run_module(name: &str) -> Result<(), Failure> {
    let found = import::find_main_module(name)?.map_err(Failure::Message)?;
    let file = std::path::absolute(&found.file).unwrap_or(found.file);
    let path = file.display().to_string();
    let source = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) => {
            return Err(Failure::Message(format!(
                "can't open file '{path}': [Errno {}] {}",
                e.raw_os_error().unwrap_or(0),
                strerror(&e)
            )))
        }
    };
    let sys = space::sys_module();
    let argv = ops::getattr(sys, pystr::intern("argv")?)?;
    if let Some(argv) = argv.downcast::<PyList>() {
        if list::len(argv) > 0 {
            list::set(argv, 0, pystr::new_str(&path)?);
        }
    }
    let main = crate::builtins::main_module()?;
    ops::setattr(
        main.erase(),
        space::name(crate::runtime::names::N::file),
        pystr::new_str(&path)?,
    )?;
    ops::setattr(
        main.erase(),
        space::name(crate::runtime::names::N::package),
        pystr::new_str(&found.package)?,
    )?;
    run_source(&source, &path, main)
}

/// Print an exception's traceback to stderr.
pub fn print_exception(e: ferrite::Gc<PyException>) {
    flush_stdout();
    let report = traceback::format_exception(e);
    let _ = write_stream(2, &report);
}

/// Report an exception that ended the program; the exit status.
fn report_uncaught(e: ferrite::Gc<PyException>) -> i32 {
    if is_instance_of(e, T_SYSTEM_EXIT) {
        return system_exit_status(e);
    }
    print_exception(e);
    1
}

/// `SystemExit(code)`: None is 0, an int is itself, anything else is printed and 1.
pub fn system_exit_status(e: ferrite::Gc<PyException>) -> i32 {
    let args = e.args();
    let code = if crate::objects::tuple::len(args) == 0 {
        space::none()
    } else {
        crate::objects::tuple::get(args, 0)
    };
    if crate::objects::is_none(code) {
        return 0;
    }
    if let Some(i) = code.downcast::<PyInt>() {
        return i.value() as i32;
    }
    flush_stdout();
    let text = ops::str_string(code).unwrap_or_default();
    let _ = write_stream(2, &format!("{text}\n"));
    1
}
