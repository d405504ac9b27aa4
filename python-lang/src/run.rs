//! Running a program: set up the space, `sys.argv` and `sys.path`, run the code as
//! `__main__`, and turn the outcome into an exit status (printing an uncaught exception's
//! traceback, honouring `SystemExit`).

use crate::builtins::functions::{flush_stdout, write_stream};
use crate::compiler::{self, CompileMode};
use crate::objects::layout::*;
use crate::objects::{list, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};
use crate::runtime::{code, import, ops, traceback};

/// What to run and how.
pub struct Program {
    pub source: String,
    /// The file name code objects and tracebacks show (`<string>` for `-c`).
    pub filename: String,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// `sys.path[0]`: the script's directory, or `''` for `-c` and stdin.
    pub path0: String,
    pub unbuffered: bool,
    pub ignore_environment: bool,
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

fn run_on_this_thread(program: &Program) -> i32 {
    if let Err(e) = crate::builtins::install() {
        eprintln!("pyrite: start-up failed: {}", traceback::exception_line(e));
        return 70;
    }
    let here = 0u8;
    let stack_top = &here as *const u8 as usize;
    // Leave room below the limit for the native code running when it is checked.
    space::with(|s| {
        s.stack_limit = stack_top - (STACK_SIZE - (16 << 20));
        s.unbuffered = program.unbuffered;
    });
    let status = match execute(program) {
        Ok(()) => 0,
        Err(e) => report_uncaught(e),
    };
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

fn execute(program: &Program) -> PyResult<()> {
    set_sys_lists(program)?;
    let main = crate::builtins::main_module()?;
    if !program.filename.starts_with('<') {
        ops::setattr(
            main.erase(),
            space::name(crate::runtime::names::N::file),
            pystr::new_str(&program.filename)?,
        )?;
    }
    let unit = match compiler::compile(&program.source, &program.filename, CompileMode::Exec) {
        Ok(unit) => unit,
        Err(error) => return Err(traceback::syntax_error_exception(&error)),
    };
    let code = code::to_heap(&unit)?;
    import::run_module_code(code, main.dict())?;
    Ok(())
}

/// Report an exception that ended the program; the exit status.
fn report_uncaught(e: ferrite::Gc<PyException>) -> i32 {
    if is_instance_of(e, T_SYSTEM_EXIT) {
        return system_exit_status(e);
    }
    flush_stdout();
    let report = traceback::format_exception(e);
    let _ = write_stream(2, &report);
    1
}

/// `SystemExit(code)`: None is 0, an int is itself, anything else is printed and 1.
fn system_exit_status(e: ferrite::Gc<PyException>) -> i32 {
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
