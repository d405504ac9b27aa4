//! The interactive prompt (`pyrite` on a terminal, or `-i`), as CPython's behaves when
//! it has no line editor: the prompts (`sys.ps1`, `sys.ps2`) go to stderr, each
//! statement is compiled in `single` mode (so an expression statement's value is shown
//! by `sys.displayhook` and kept in `builtins._`), exceptions print a traceback and the
//! loop goes on, `SystemExit` (`exit()`) leaves with its status and the end of the input
//! with 0.
//!
//! When a statement is complete is decided as CPython's tokenizer decides it: open
//! brackets, an unfinished triple-quoted string or a backslash continuation ask for
//! more lines; a compound statement (one that starts with a keyword such as `if` or
//! `def`, a decorator, or a line ending with `:`) ends at an empty line.

use std::io::BufRead;

use ferrite::Gc;

use crate::builtins::functions::{flush_stdout, write_stream};
use crate::objects::layout::*;
use crate::objects::{dict, str as pystr};
use crate::run::{print_exception, system_exit_status, Program, Target};
use crate::runtime::errors::*;
use crate::runtime::space::{self, *};
use crate::runtime::{code, import, ops, traceback};

/// Run the prompt until the input ends or the program exits; the exit status.
pub fn run(program: &Program) -> i32 {
    match prompt_loop(program) {
        Ok(status) => status,
        Err(e) if is_instance_of(e, T_SYSTEM_EXIT) => system_exit_status(e),
        Err(e) => {
            print_exception(e);
            1
        }
    }
}

fn banner() -> String {
    format!(
        "Python 3.11.7 (Pyrite {}) on {}\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

fn main_module() -> PyResult<Gc<PyModule>> {
    let existing = dict::get_str(space::modules(), pystr::intern("__main__")?)
        .and_then(|m| m.downcast::<PyModule>());
    match existing {
        Some(m) => Ok(m),
        None => crate::builtins::main_module(),
    }
}

/// `sys.ps1` or `sys.ps2` as text (set to CPython's defaults when missing).
fn prompt(name: &str) -> PyResult<String> {
    let sys = space::sys_module();
    match ops::getattr_opt(sys, pystr::intern(name)?)? {
        Some(p) => ops::str_string(p),
        None => Ok(String::new()),
    }
}

fn prompt_loop(program: &Program) -> PyResult<i32> {
    let sys = space::sys_module();
    for (name, default) in [("ps1", ">>> "), ("ps2", "... ")] {
        let key = pystr::intern(name)?;
        if ops::getattr_opt(sys, key)?.is_none() {
            ops::setattr(sys, key, pystr::new_str(default)?)?;
        }
    }
    let main = main_module()?;
    if program.banner {
        write_stream(2, &banner())?;
    }
    if matches!(program.target, Target::Nothing) && !program.ignore_environment {
        run_startup_file(main)?;
    }
    let mut source = String::new();
    loop {
        let text = prompt(if source.is_empty() { "ps1" } else { "ps2" })?;
        write_stream(2, &text)?;
        let Some(line) = read_line()? else {
            write_stream(2, "\n")?;
            if source.is_empty() {
                return Ok(0);
            }
            // The end of the input ends the statement too.
            if let Some(status) = run_statement(&source, main)? {
                return Ok(status);
            }
            source.clear();
            continue;
        };
        let line = if line.ends_with('\n') {
            line
        } else {
            line + "\n"
        };
        source.push_str(&line);
        match next_step(&source, &line) {
            Step::Skip => source.clear(),
            Step::More => {}
            Step::Run => {
                if let Some(status) = run_statement(&source, main)? {
                    return Ok(status);
                }
                source.clear();
            }
        }
    }
}

/// A line of standard input (None at its end), read through the buffer `input()` and
/// `sys.stdin` share.
fn read_line() -> PyResult<Option<String>> {
    flush_stdout();
    let mut bytes = Vec::new();
    loop {
        match std::io::stdin().lock().read_until(b'\n', &mut bytes) {
            Ok(0) if bytes.is_empty() => return Ok(None),
            Ok(_) => return Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(os_error(&e, None)),
        }
    }
}

/// `PYTHONSTARTUP`: a file run in `__main__` before the first prompt.
fn run_startup_file(main: Gc<PyModule>) -> PyResult<()> {
    let Some(path) = std::env::var_os("PYTHONSTARTUP").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let display = path.to_string_lossy().into_owned();
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            if let Err(e) = import::exec_source(&text, &display, main.dict()) {
                if is_instance_of(e, T_SYSTEM_EXIT) {
                    return Err(e);
                }
                print_exception(e);
            }
        }
        Err(error) => {
            let e = os_error(&error, Some(pystr::new_str(&display)?));
            write_stream(2, "Could not open PYTHONSTARTUP\n")?;
            print_exception(e);
        }
    }
    Ok(())
}

/// Compile and run one statement in `__main__`. Some(status) when it exits.
fn run_statement(source: &str, main: Gc<PyModule>) -> PyResult<Option<i32>> {
    let result = match crate::compiler::compile_interactive(source, "<stdin>") {
        Ok(unit) => code::to_heap(&unit)
            .and_then(|code| import::run_module_code(code, main.dict()))
            .map(|_| ()),
        Err(error) => Err(traceback::syntax_error_exception(&error)),
    };
    match result {
        Ok(()) => Ok(None),
        Err(e) if is_instance_of(e, T_SYSTEM_EXIT) => Ok(Some(system_exit_status(e))),
        Err(e) => {
            remember_last_exception(e)?;
            print_exception(e);
            Ok(None)
        }
    }
}

/// `sys.last_type`, `sys.last_value` and `sys.last_traceback`, as the prompt sets them.
fn remember_last_exception(e: Gc<PyException>) -> PyResult<()> {
    let sys = space::sys_module();
    let traceback = e.traceback().unwrap_or_else(space::none);
    ops::setattr(sys, pystr::intern("last_type")?, e.cls().erase())?;
    ops::setattr(sys, pystr::intern("last_value")?, e.erase())?;
    ops::setattr(sys, pystr::intern("last_traceback")?, traceback)
}

/// What to do with the lines typed so far.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// Nothing to run (blank lines and comments).
    Skip,
    /// The statement goes on: prompt with `sys.ps2`.
    More,
    Run,
}

/// The keywords that start a compound statement.
const COMPOUND: &[&str] = &[
    "if", "while", "for", "try", "with", "def", "class", "async", "elif", "else", "except",
    "finally",
];

fn next_step(source: &str, last_line: &str) -> Step {
    let scan = Scan::of(source);
    if !scan.significant {
        return Step::Skip;
    }
    if scan.incomplete {
        return Step::More;
    }
    let first_word: String = source
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let compound = scan.first_line_colon
        || source.trim_start().starts_with('@')
        || COMPOUND.contains(&first_word.as_str());
    if !compound || last_line.trim().is_empty() {
        return Step::Run;
    }
    // A compound statement ends at an empty line, or at a line back at the left margin
    // that starts a new statement (which the compiler then rejects, as CPython does).
    let previous = source.strip_suffix(last_line).unwrap_or("");
    let at_margin = !last_line.starts_with([' ', '\t']) && !last_line.trim_start().starts_with('#');
    if at_margin && !previous.trim().is_empty() && !Scan::of(previous).incomplete {
        let word: String = last_line
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let clause = matches!(word.as_str(), "else" | "elif" | "except" | "finally");
        let decorated = previous
            .lines()
            .last()
            .is_some_and(|l| l.trim_start().starts_with('@'));
        if !clause && !decorated {
            return Step::Run;
        }
    }
    Step::More
}

/// What a scan of the source finds, token by token in the ways that matter here.
#[derive(Debug, Default)]
struct Scan {
    /// Anything but blanks and comments.
    significant: bool,
    /// Inside brackets or a triple-quoted string, or after a backslash continuation.
    incomplete: bool,
    /// The first logical line ends with `:`.
    first_line_colon: bool,
}

impl Scan {
    fn of(source: &str) -> Scan {
        let chars: Vec<char> = source.chars().collect();
        let mut scan = Scan::default();
        let mut depth = 0i32;
        let mut string: Option<(char, bool)> = None;
        let mut first_line_done = false;
        let mut last_significant = None;
        let mut continued = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            continued = false;
            if let Some((quote, triple)) = string {
                if c == '\\' {
                    i += 2;
                    continue;
                }
                if c == quote {
                    if !triple {
                        string = None;
                    } else if chars.get(i + 1) == Some(&quote) && chars.get(i + 2) == Some(&quote) {
                        string = None;
                        i += 2;
                    }
                } else if c == '\n' && !triple {
                    // An unterminated string: the compiler will say so.
                    string = None;
                }
                i += 1;
                continue;
            }
            match c {
                '#' => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                    continue;
                }
                '\'' | '"' => {
                    let triple = chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c);
                    string = Some((c, triple));
                    if triple {
                        i += 2;
                    }
                }
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                '\\' if chars.get(i + 1) == Some(&'\n') => {
                    i += 2;
                    continued = true;
                    continue;
                }
                '\n' if depth <= 0 && scan.significant => first_line_done = true,
                _ => {}
            }
            if !c.is_whitespace() {
                scan.significant = true;
                if !first_line_done {
                    last_significant = Some(c);
                }
            }
            i += 1;
        }
        scan.incomplete = depth > 0 || continued || matches!(string, Some((_, true)));
        scan.first_line_colon = last_significant == Some(':');
        scan
    }
}

#[cfg(test)]
mod tests {
    use super::{next_step, Step};

    #[test]
    fn statements_end_as_cpython_decides() {
        assert_eq!(next_step("\n", "\n"), Step::Skip);
        assert_eq!(next_step("# note\n", "# note\n"), Step::Skip);
        assert_eq!(next_step("1 + 1\n", "1 + 1\n"), Step::Run);
        assert_eq!(next_step("x = (1,\n", "x = (1,\n"), Step::More);
        assert_eq!(next_step("x = (1,\n2)\n", "2)\n"), Step::Run);
        assert_eq!(next_step("s = '''a\n", "s = '''a\n"), Step::More);
        assert_eq!(next_step("x = 1 + \\\n", "x = 1 + \\\n"), Step::More);
        assert_eq!(next_step("if x:\n", "if x:\n"), Step::More);
        assert_eq!(next_step("if x:\n  y\n", "  y\n"), Step::More);
        assert_eq!(next_step("if x:\n  y\n\n", "\n"), Step::Run);
        assert_eq!(next_step("if x: y\n", "if x: y\n"), Step::More);
        assert_eq!(next_step("@dec\n", "@dec\n"), Step::More);
        assert_eq!(next_step("d = {1: 2}\n", "d = {1: 2}\n"), Step::Run);
        assert_eq!(next_step("x = ':'  # if:\n", "x = ':'  # if:\n"), Step::Run);
        assert_eq!(next_step("f(1,\n\n", "\n"), Step::More);
        assert_eq!(next_step("if x: y\nz\n", "z\n"), Step::Run);
        assert_eq!(next_step("if x: y\nelse: z\n", "else: z\n"), Step::More);
        assert_eq!(
            next_step("@d\ndef f(): pass\n", "def f(): pass\n"),
            Step::More
        );
        assert_eq!(next_step("if x:\n  y = (1,\n2)\n", "2)\n"), Step::More);
        assert_eq!(next_step("if x:\n# note\n", "# note\n"), Step::More);
    }
}
