//! The three-way differential: every program runs natively (JIT off), as jitcode in the
//! blackhole interpreter, and with the JIT at threshold 1 (with and without eager bridges),
//! and all must print the same and end the same way (the same error, if any). The example
//! programs must also print their `.expected` output (and, after it, the error of their
//! `.error` file, if they have one).
//!
//! `FERRITE_RANDOM_PROGRAMS` (default 2000) sets how many random programs run and
//! `FERRITE_RANDOM_SEED` the first seed; the long mode is
//! `FERRITE_RANDOM_PROGRAMS=100000 cargo test --release -p tl --test differential`.

use ferrite::Stats;
use tl::{run_to_vec, Position, RunError, TL};

/// What a run printed and how it ended.
type Outcome = (Vec<u8>, Result<(), RunError>);

/// The outcome of `source` in every mode; panics with the first difference.
fn three_way(name: &str, source: &str) -> Outcome {
    three_way_counting(name, source, &mut Stats::default())
}

/// `three_way`, adding what the JIT did in the eager-bridge mode to `stats`.
fn three_way_counting(name: &str, source: &str, stats: &mut Stats) -> Outcome {
    ferrite::harness::three_way(
        &TL,
        name,
        |mode, settings| run_to_vec(source, mode, settings),
        |outcome| format!("{:?}\nprogram:\n{source}", describe(outcome)),
        stats,
    )
}

fn describe(outcome: &Outcome) -> (String, String) {
    let (output, result) = outcome;
    let ending = match result {
        Ok(()) => "ok".to_string(),
        Err(error) => error.to_string(),
    };
    (String::from_utf8_lossy(output).into_owned(), ending)
}

#[test]
fn examples_print_what_they_should_in_every_mode() {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut entries: Vec<_> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut checked = 0;
    let mut stats = Stats::default();
    for path in entries {
        if path.extension().is_none_or(|e| e != "tl") {
            continue;
        }
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|e| panic!("{}: no .expected output: {e}", path.display()));
        let expected_error = std::fs::read_to_string(path.with_extension("error")).ok();
        let source = std::fs::read_to_string(&path).unwrap();
        let (output, result) = three_way_counting(&path.display().to_string(), &source, &mut stats);
        assert_eq!(
            String::from_utf8_lossy(&output),
            expected,
            "{}",
            path.display()
        );
        let error = result.err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            expected_error.as_deref().map(str::trim_end),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(
        checked >= 5,
        "only {checked} examples in {}",
        directory.display()
    );
    // The examples' loops and recursions must have been compiled and run as machine code.
    assert!(stats.loops_compiled >= checked, "{stats:?}");
    assert!(stats.machine_code_entries >= checked, "{stats:?}");
}

#[test]
fn random_programs_agree_in_every_mode() {
    let seeds = ferrite::harness::random_seeds(2000);
    let count = seeds.end - seeds.start;
    let mut stats = Stats::default();
    let mut errors = 0;
    for seed in seeds {
        let source = tl::random::program(seed, 20);
        let (_, result) = three_way_counting(&format!("seed {seed}"), &source, &mut stats);
        match result {
            Ok(()) => {}
            Err(RunError::Runtime { .. }) => errors += 1,
            Err(error) => {
                panic!("seed {seed}: the generator wrote a bad program: {error}\n{source}")
            }
        }
    }
    eprintln!(
        "{count} random programs, {errors} ending in errors; the eager-bridge JIT runs: {stats:?}"
    );
    // The programs must exercise the JIT, not just the interpreters, and mostly run to
    // their end.
    assert!(stats.loops_compiled >= count, "{stats:?}");
    assert!(stats.bridges_compiled >= count / 4, "{stats:?}");
    assert!(stats.machine_code_entries >= count, "{stats:?}");
    assert!(errors <= count / 3, "{errors} of {count} programs failed");
}

fn runtime_error(line: usize, column: usize, message: &str) -> RunError {
    RunError::Runtime {
        position: Position { line, column },
        message: message.to_string(),
    }
}

#[test]
fn runtime_errors_are_the_same_in_every_mode() {
    let cases = [
        (
            "1 . cr +",
            "1\n",
            runtime_error(1, 8, "`+`: stack underflow"),
        ),
        (
            "nil 1 +",
            "",
            runtime_error(1, 7, "`+`: expected an integer"),
        ),
        (
            // In a loop that has become hot: the 6th `car` finds nil.
            "1 nil cons 2 swap cons 3 swap cons 4 swap cons 5 swap cons =l\n\
             begin l car . l cdr =l 0 until",
            "54321",
            runtime_error(2, 9, "`car`: expected a pair"),
        ),
        (
            ": f { n } 10 n / . n 1 - f ;\n5 f",
            "223510",
            runtime_error(1, 16, "`/`: division by zero"),
        ),
        (
            "1 0 mod",
            "",
            runtime_error(1, 5, "`mod`: division by zero"),
        ),
        ("drop", "", runtime_error(1, 1, "`drop`: stack underflow")),
        (
            ": f { a b } a b + ;\n1 f",
            "",
            runtime_error(2, 3, "`f`: stack underflow"),
        ),
        (
            "nil if 1 then",
            "",
            runtime_error(1, 5, "`if`: expected an integer"),
        ),
    ];
    for (source, output, error) in cases {
        let (printed, result) = three_way(source, source);
        assert_eq!(String::from_utf8_lossy(&printed), output, "{source}");
        assert_eq!(result, Err(error), "{source}");
    }
}

#[test]
fn deep_recursion_is_an_error_not_a_crash() {
    // Unbounded recursion: the frame limit, not the Rust stack, stops it.
    let source = ": down { n } n 1 + down ;\n0 down";
    let (_, result) = three_way("unbounded", source);
    assert_eq!(
        result,
        Err(runtime_error(
            1,
            20,
            "`down`: recursion too deep (more than 100000 nested calls)"
        ))
    );
    // Just below the limit is fine, and returns through every frame.
    let source = ": sum { n } n 0 > if n 1 - sum n + else 0 then ;\n99990 sum .";
    let (output, result) = three_way("deep", source);
    assert_eq!(result, Ok(()));
    assert_eq!(
        String::from_utf8_lossy(&output),
        (99990u64 * 99991 / 2).to_string()
    );
}

#[test]
fn the_stack_grows_until_its_limit() {
    // 50,000 values (the stack starts small), summed.
    let source = "0 =i begin i 1 + dup =i dup 50000 = until\n\
                  begin + over 1 = until + . cr\n\
                  begin 1 0 until";
    let (output, result) = three_way("stack", source);
    assert_eq!(String::from_utf8_lossy(&output), "1250025000\n");
    assert_eq!(
        result,
        Err(runtime_error(
            3,
            9,
            "`0`: stack overflow (more than 65536 values)"
        ))
    );
}

#[test]
fn syntax_errors_have_their_line_and_column() {
    let cases = [
        ("1 2 +\n  3 frob", 2, 5, "unknown word `frob`"),
        ("1 if 2 .", 1, 3, "`if` without `then`"),
        ("1 else", 1, 3, "`else` without `if`"),
        ("begin 1 .\n while", 2, 2, "`while` without `repeat`"),
        ("1 while", 1, 3, "`while` without `begin`"),
        (": f 1 if ;", 1, 7, "`if` without `then`"),
        ("1 2 ;", 1, 5, "`;` without `:`"),
        ("\n: f 1 .", 2, 1, "`:` without `;`"),
        (
            ": f : g ; ;",
            1,
            5,
            "`:` inside a definition (they cannot nest)",
        ),
        (": f 1 ; : f 2 ;", 1, 11, "`f` is already defined"),
        (": car 1 ;", 1, 3, "`car` cannot name a function"),
        (": f { a a } ;", 1, 9, "`a` is already a local"),
        ("  =5", 1, 3, "`5` cannot name a local"),
        ("1 } 2", 1, 3, "`}` is only allowed right after `: name`"),
        (
            "# comment\n 1 99999999999999999999",
            2,
            4,
            "`99999999999999999999` is out of range",
        ),
    ];
    for (source, line, column, message) in cases {
        let (output, result) = three_way(source, source);
        assert!(output.is_empty());
        assert_eq!(
            result,
            Err(RunError::Syntax(tl::ParseError {
                line,
                column,
                message: message.to_string(),
            })),
            "{source}"
        );
    }
}
