//! The `pyrite` command line against CPython 3.11's: `-m`, the interactive prompt (fed
//! through a pipe, as `python3 -i < input` is: the prompts go to stderr), `-i` after a
//! program, `-u`, `-E`, and what `open()` does that a corpus program cannot show (files
//! created with `x`, buffers written at exit). The expected texts are what `python3`
//! 3.11.7 printed for the same input, apart from the banner and `argv[0]`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A directory of its own for one test, removed afterwards.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("pyrite-cli-{}-{name}-{n}", std::process::id()));
        std::fs::create_dir_all(&path).expect("a scratch directory");
        Scratch(std::fs::canonicalize(path).expect("a real path"))
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn path(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Output {
    stdout: String,
    stderr: String,
    status: i32,
}

fn pyrite_in(directory: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pyrite"));
    command
        .args(args)
        .current_dir(directory)
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONSTARTUP")
        .env_remove("PYTHONINSPECT")
        .env_remove("PYTHONUNBUFFERED")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("pyrite runs");
    let mut input = child.stdin.take().expect("stdin");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let output = child.wait_with_output().expect("pyrite finishes");
    writer.join().unwrap();
    Output {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        status: output.status.code().unwrap_or(-1),
    }
}

fn pyrite(args: &[&str], stdin: &str) -> Output {
    pyrite_in(&std::env::temp_dir(), args, stdin, &[])
}

/// stderr without the banner's line.
fn after_banner(stderr: &str) -> &str {
    assert!(
        stderr.starts_with("Python 3.11.7 (Pyrite "),
        "a banner: {stderr:?}"
    );
    &stderr[stderr.find('\n').unwrap() + 1..]
}

const EXE: &str = env!("CARGO_BIN_EXE_pyrite");

// ---- -m ----------------------------------------------------------------------------------

const SHOW: &str =
    "import sys\nprint(__name__, sys.argv, repr(sys.path[0]), __file__, __package__)\n";

#[test]
fn module_runs_as_main_with_its_path_in_argv() {
    let dir = Scratch::new("module");
    dir.write("m1.py", SHOW);
    let out = pyrite_in(&dir.0, &["-m", "m1", "a", "-x"], "", &[]);
    let d = dir.path();
    assert_eq!(
        out.stdout,
        format!("__main__ ['{d}/m1.py', 'a', '-x'] '{d}' {d}/m1.py \n")
    );
    assert_eq!((out.stderr.as_str(), out.status), ("", 0));
}

#[test]
fn module_of_a_package_and_a_package_main() {
    let dir = Scratch::new("package");
    dir.write("pkg/__init__.py", SHOW);
    dir.write("pkg/__main__.py", SHOW);
    dir.write("pkg/mod.py", SHOW);
    let d = dir.path();
    let out = pyrite_in(&dir.0, &["-m", "pkg", "x"], "", &[]);
    assert_eq!(
        out.stdout,
        format!(
            "pkg ['-m', 'x'] '{d}' {d}/pkg/__init__.py pkg\n\
             __main__ ['{d}/pkg/__main__.py', 'x'] '{d}' {d}/pkg/__main__.py pkg\n"
        )
    );
    let out = pyrite_in(&dir.0, &["-m", "pkg.mod"], "", &[]);
    assert_eq!(
        out.stdout,
        format!(
            "pkg ['-m'] '{d}' {d}/pkg/__init__.py pkg\n\
             __main__ ['{d}/pkg/mod.py'] '{d}' {d}/pkg/mod.py pkg\n"
        )
    );
    assert_eq!(out.status, 0);
}

#[test]
fn module_errors_are_cpythons_messages() {
    let dir = Scratch::new("module-errors");
    dir.write("m1.py", "");
    dir.write("pkg/__init__.py", "");
    dir.write("lib/__init__.py", "");
    dir.write("lib/__main__/__init__.py", "");
    let cases = [
        ("nope", "No module named nope"),
        ("pkg.nope", "No module named pkg.nope"),
        (
            "nope.x",
            "Error while finding module specification for 'nope.x' \
             (ModuleNotFoundError: No module named 'nope')",
        ),
        (
            "m1.x",
            "Error while finding module specification for 'm1.x' (ModuleNotFoundError: \
             __path__ attribute not found on 'm1' while trying to find 'm1.x')",
        ),
        (
            "m1.py",
            "Error while finding module specification for 'm1.py' (ModuleNotFoundError: \
             __path__ attribute not found on 'm1' while trying to find 'm1.py'). Try using \
             'm1' instead of 'm1.py' as the module name.",
        ),
        (
            "pkg",
            "No module named pkg.__main__; 'pkg' is a package and cannot be directly executed",
        ),
        (
            "lib",
            "Cannot use package as __main__ module; 'lib' is a package and cannot be \
             directly executed",
        ),
        ("math", "No code object available for math"),
        (".m1", "Relative module names not supported"),
        ("", "No module named "),
    ];
    for (name, message) in cases {
        let out = pyrite_in(&dir.0, &["-m", name], "", &[]);
        assert_eq!(out.stderr, format!("{EXE}: {message}\n"), "-m {name}");
        assert_eq!((out.stdout.as_str(), out.status), ("", 1), "-m {name}");
    }
}

#[test]
fn module_exceptions_are_tracebacks() {
    let dir = Scratch::new("module-raises");
    dir.write("bad.py", "print('before')\n1/0\n");
    let out = pyrite_in(&dir.0, &["-m", "bad"], "", &[]);
    let d = dir.path();
    // CPython shows two frames of its `runpy` first; Pyrite has no runpy.
    assert_eq!(out.stdout, "before\n");
    assert_eq!(
        out.stderr,
        format!(
            "Traceback (most recent call last):\n  File \"{d}/bad.py\", line 2, in <module>\n    \
             1/0\n    ~^~\nZeroDivisionError: division by zero\n"
        )
    );
    assert_eq!(out.status, 1);
}

// ---- the interactive prompt --------------------------------------------------------------

#[test]
fn prompt_shows_values_and_goes_on_after_errors() {
    let input = "1+1\nx = 5\nx\nNone\nfor i in range(2):\n    print(i)\n\nif x:\n    x\n\n\
                 1/0\n\"a\"\n_\n";
    let out = pyrite(&["-i"], input);
    assert_eq!(out.stdout, "2\n5\n0\n1\n5\n'a'\n'a'\n");
    assert_eq!(
        after_banner(&out.stderr),
        ">>> >>> >>> >>> >>> ... ... >>> ... ... >>> Traceback (most recent call last):\n  \
         File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n\
         >>> >>> >>> \n"
    );
    assert_eq!(out.status, 0);
}

#[test]
fn prompt_ends_statements_as_cpython_does() {
    let out = pyrite(&["-i"], "if 1: print(1)\nprint(2)\n");
    assert_eq!(out.stdout, "");
    assert_eq!(
        after_banner(&out.stderr),
        ">>> ...   File \"<stdin>\", line 2\n    print(2)\n    ^^^^^\n\
         SyntaxError: invalid syntax\n>>> \n"
    );
    let input = "def f():\n    return 1\n\n\nf()\nclass A:\n    x = 1\n\nA.x\n\
                 for i in range(3):\n    if i:\n        print(i)\n\n";
    let out = pyrite(&["-i"], input);
    assert_eq!(out.stdout, "1\n1\n1\n2\n");
    assert_eq!(
        after_banner(&out.stderr),
        ">>> ... ... >>> >>> >>> ... ... >>> >>> ... ... ... >>> \n"
    );
    let out = pyrite(&["-i"], "[1, 2,\n 3]\n\"\\u00e9\"\nx = 5\nx\n_\n");
    assert_eq!(out.stdout, "[1, 2, 3]\n'é'\n5\n5\n");
    assert_eq!(after_banner(&out.stderr), ">>> ... >>> >>> >>> >>> >>> \n");
    // The end of the input ends an unfinished block, which then runs.
    let out = pyrite(&["-i"], "for i in range(2):\n  print(i)");
    assert_eq!(out.stdout, "0\n1\n");
    assert_eq!(after_banner(&out.stderr), ">>> ... ... \n>>> \n");
}

#[test]
fn prompt_uses_sys_ps1_and_sys_displayhook() {
    let input = "exit\nimport sys\nsys.ps1 = \"py> \"\n1\n\
                 sys.displayhook = lambda v: print(\"hook\", v)\n2\n";
    let out = pyrite(&["-i"], input);
    assert_eq!(
        out.stdout,
        "Use exit() or Ctrl-D (i.e. EOF) to exit\n1\nhook 2\n"
    );
    assert_eq!(after_banner(&out.stderr), ">>> >>> >>> py> py> py> py> \n");
}

#[test]
fn prompt_exits_with_system_exit() {
    let out = pyrite(&["-i"], "exit(4)\nprint(9)\n");
    assert_eq!((out.stdout.as_str(), out.status), ("", 4));
    assert_eq!(after_banner(&out.stderr), ">>> ");
    let out = pyrite(&["-i"], "raise SystemExit(\"bye\")\n");
    assert_eq!((after_banner(&out.stderr), out.status), (">>> bye\n", 1));
    let out = pyrite(&["-i"], "quit()\n");
    assert_eq!(out.status, 0);
    let out = pyrite(&["-i"], "");
    assert_eq!((after_banner(&out.stderr), out.status), (">>> \n", 0));
}

#[test]
fn inspect_after_a_program() {
    // No banner after a program; its exceptions (SystemExit too) are reported and the
    // prompt follows.
    let out = pyrite(&["-i", "-c", "x = 1"], "x\n");
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("1\n", ">>> >>> \n")
    );
    let out = pyrite(&["-i", "-c", "1/0"], "x\n");
    assert_eq!(
        out.stderr,
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n\
         ZeroDivisionError: division by zero\n>>> Traceback (most recent call last):\n  \
         File \"<stdin>\", line 1, in <module>\nNameError: name 'x' is not defined\n>>> \n"
    );
    assert_eq!(out.status, 0);
    let out = pyrite(&["-i", "-c", "import sys; sys.exit(3)"], "");
    assert_eq!(
        out.stderr,
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n\
         SystemExit: 3\n>>> \n"
    );
    assert_eq!(out.status, 0);
}

#[test]
fn piped_stdin_without_i_is_a_program() {
    let out = pyrite(&[], "x = 2\nx\nprint(x * 3)\n");
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("6\n", ""));
    let out = pyrite(&["-", "a", "b"], "import sys; print(sys.argv)\n");
    assert_eq!(out.stdout, "['-', 'a', 'b']\n");
}

// ---- other options -----------------------------------------------------------------------

#[test]
fn options_end_at_the_program() {
    let out = pyrite(
        &[
            "-c",
            "import sys; print(sys.argv, repr(sys.path[0]))",
            "-x",
            "--",
            "y",
        ],
        "",
    );
    assert_eq!(out.stdout, "['-c', '-x', '--', 'y'] ''\n");
}

#[test]
fn unbuffered_output_arrives_before_exit() {
    for (args, env) in [
        (vec!["-u"], vec![]),
        (vec![], vec![("PYTHONUNBUFFERED", "1")]),
    ] {
        let mut command = Command::new(EXE);
        command.args(&args);
        command.args(["-c", "import time; print('early'); time.sleep(30)"]);
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("pyrite runs");
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver.recv_timeout(std::time::Duration::from_secs(20));
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(line.as_deref(), Ok("early\n"), "{args:?}");
    }
}

#[test]
fn ignore_environment_drops_pythonpath() {
    let dir = Scratch::new("environment");
    dir.write("lib/helper.py", "VALUE = 42\n");
    let lib = dir.0.join("lib").display().to_string();
    let env = [("PYTHONPATH", lib.as_str())];
    let code = "import helper; print(helper.VALUE)";
    let out = pyrite_in(&dir.0, &["-c", code], "", &env);
    assert_eq!((out.stdout.as_str(), out.status), ("42\n", 0));
    let out = pyrite_in(&dir.0, &["-E", "-c", code], "", &env);
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .ends_with("ModuleNotFoundError: No module named 'helper'\n"),
        "{}",
        out.stderr
    );
}

// ---- open() ------------------------------------------------------------------------------

#[test]
fn exclusive_creation_and_buffers_written_at_exit() {
    let dir = Scratch::new("files");
    let code = "f = open('new.txt', 'x')\nf.write('created')\nf.close()\n\
                try:\n    open('new.txt', 'x')\nexcept FileExistsError as e:\n    print(e)\n\
                g = open('unclosed.txt', 'w')\ng.write('written at exit')\n";
    let out = pyrite_in(&dir.0, &["-c", code], "", &[]);
    assert_eq!(out.stdout, "[Errno 17] File exists: 'new.txt'\n");
    assert_eq!(
        std::fs::read_to_string(dir.0.join("new.txt")).unwrap(),
        "created"
    );
    assert_eq!(
        std::fs::read_to_string(dir.0.join("unclosed.txt")).unwrap(),
        "written at exit"
    );
}

#[test]
fn open_on_a_standard_descriptor() {
    let code = "import sys\nprint('first')\nf = open(1, 'w', closefd=False)\n\
                print(repr(f), f.name)\nf.write('through fd 1\\n')\nf.close()\nprint('last')";
    let out = pyrite(&["-c", code], "");
    assert_eq!(
        out.stdout,
        "first\n<_io.TextIOWrapper name=1 mode='w' encoding='utf-8'> 1\nthrough fd 1\nlast\n"
    );
    let out = pyrite(&["-c", "print(open(0).read().upper())"], "piped in\n");
    assert_eq!(out.stdout, "PIPED IN\n\n");
}

#[test]
fn missing_script_is_named_by_its_absolute_path() {
    let dir = Scratch::new("missing");
    let out = pyrite_in(&dir.0, &["./sub/../gone.py"], "", &[]);
    assert_eq!(
        out.stderr,
        format!(
            "{EXE}: can't open file '{}/./sub/../gone.py': [Errno 2] No such file or directory\n",
            dir.path()
        )
    );
    assert_eq!(out.status, 2);
}
