//! The differential corpus (`tests/programs`, recorded from CPython 3.11): every program
//! is run by `pyrite` as `record.py` ran it under CPython (in its directory, stdin from
//! /dev/null, the program's directory stripped from the output), and its stdout, stderr
//! and exit status are compared with the recording.
//!
//! Programs Pyrite does not pass yet are listed in `corpus_known_failures.txt`: the test
//! fails when any other program fails, and when a listed program passes (so the list only
//! shrinks). `PYRITE_CORPUS=report` prints the first difference of every failure.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

/// Every program: `.py` files, or `main.py` of directory tests (as record.py finds them).
fn find_programs(root: &Path, out: &mut Vec<PathBuf>) {
    if root.join("main.py").is_file() {
        out.push(root.join("main.py"));
        return;
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("the corpus directory")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        if path.is_dir() {
            find_programs(&path, out);
        } else if name.ends_with(".py") {
            out.push(path);
        }
    }
}

fn read_or_empty(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: i32,
}

fn run(program: &Path) -> Result<Outcome, String> {
    let directory = program.parent().expect("a directory");
    let name = program.file_name().expect("a file name");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyrite"))
        .arg(name)
        .current_dir(directory)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env_remove("PYTHONPATH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run pyrite: {e}"))?;
    let mut stdout_pipe = child.stdout.take().expect("stdout");
    let mut stderr_pipe = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        let _ = stdout_pipe.read_to_end(&mut buffer);
        buffer
    });
    let err_reader = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut buffer);
        buffer
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {}s", TIMEOUT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let prefix = format!("{}/", std::fs::canonicalize(directory).unwrap().display());
    let strip = |bytes: Vec<u8>| -> Vec<u8> {
        String::from_utf8_lossy(&bytes)
            .replace(&prefix, "")
            .into_bytes()
    };
    Ok(Outcome {
        stdout: strip(out_reader.join().expect("stdout reader")),
        stderr: strip(err_reader.join().expect("stderr reader")),
        status: status.code().unwrap_or(-1),
    })
}

/// None if the program behaved as recorded, else what differs first.
fn check(program: &Path) -> Option<String> {
    let stem = program.with_extension("");
    let expected_out = read_or_empty(&stem.with_extension("out"));
    let expected_err = read_or_empty(&stem.with_extension("err"));
    let expected_status: i32 = std::fs::read_to_string(stem.with_extension("code"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let outcome = match run(program) {
        Ok(o) => o,
        Err(e) => return Some(e),
    };
    if outcome.stdout != expected_out {
        return Some(format!(
            "stdout: {}",
            first_difference(&expected_out, &outcome.stdout)
        ));
    }
    if outcome.stderr != expected_err {
        return Some(format!(
            "stderr: {}",
            first_difference(&expected_err, &outcome.stderr)
        ));
    }
    if outcome.status != expected_status {
        return Some(format!(
            "exit status {} (expected {expected_status})",
            outcome.status
        ));
    }
    None
}

fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i).copied(), a.get(i).copied());
        if x != y {
            return format!(
                "line {}: expected {:?}, got {:?}",
                i + 1,
                x.unwrap_or("<end>"),
                y.unwrap_or("<end>")
            );
        }
    }
    "a difference in line endings".to_string()
}

fn known_failures() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus_known_failures.txt");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn relative_name(program: &Path) -> String {
    program
        .strip_prefix(corpus())
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn corpus_matches_cpython() {
    let mut programs = Vec::new();
    find_programs(&corpus(), &mut programs);
    assert!(
        programs.len() > 250,
        "the corpus has its programs ({})",
        programs.len()
    );
    let results: Mutex<Vec<(String, Option<String>)>> = Mutex::new(Vec::new());
    let next = Mutex::new(0usize);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = {
                    let mut n = next.lock().unwrap();
                    let i = *n;
                    *n += 1;
                    i
                };
                let Some(program) = programs.get(index) else {
                    break;
                };
                let result = check(program);
                results
                    .lock()
                    .unwrap()
                    .push((relative_name(program), result));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort();
    let known = known_failures();
    let report = std::env::var("PYRITE_CORPUS").is_ok_and(|v| v == "report");
    let passed = results.iter().filter(|(_, r)| r.is_none()).count();
    let mut regressions = Vec::new();
    let mut fixed = Vec::new();
    for (name, result) in &results {
        let listed = known.contains(name);
        match result {
            Some(difference) => {
                if report {
                    println!("FAIL {name}: {difference}");
                }
                if !listed {
                    regressions.push(format!("{name}: {difference}"));
                }
            }
            None => {
                if listed {
                    fixed.push(name.clone());
                }
            }
        }
    }
    println!(
        "corpus: {passed} of {} programs match CPython 3.11",
        results.len()
    );
    assert!(
        regressions.is_empty(),
        "programs not in corpus_known_failures.txt fail:\n{}",
        regressions.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "programs in corpus_known_failures.txt now pass; remove them from the list:\n{}",
        fixed.join("\n")
    );
}
