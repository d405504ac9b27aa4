//! The three-way differential: every program runs natively (JIT off), as jitcode in the
//! blackhole interpreter, and with the JIT at threshold 1 (with and without eager bridges),
//! and all must print the same. The example programs must also print their `.expected`
//! output.
//!
//! `FERRITE_RANDOM_PROGRAMS` (default 2000) sets how many random programs run and
//! `FERRITE_RANDOM_SEED` the first seed; the long mode is
//! `FERRITE_RANDOM_PROGRAMS=100000 cargo test --release -p bf --test differential`.

use bf::{run_to_vec, RunError, BF};
use ferrite::Stats;

/// The output of `source` in every mode; panics with the first difference.
fn three_way(name: &str, source: &str, input: &[u8]) -> Result<Vec<u8>, RunError> {
    three_way_counting(name, source, input, &mut Stats::default())
}

/// `three_way`, adding what the JIT did in the eager-bridge mode to `stats`.
fn three_way_counting(
    name: &str,
    source: &str,
    input: &[u8],
    stats: &mut Stats,
) -> Result<Vec<u8>, RunError> {
    ferrite::harness::three_way(
        &BF,
        name,
        |mode, settings| run_to_vec(source, input, mode, settings),
        |result| format!("{result:?}\nprogram: {source}"),
        stats,
    )
}

#[test]
fn examples_print_what_they_should_in_every_mode() {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().is_none_or(|e| e != "b") {
            continue;
        }
        let expected_path = path.with_extension("expected");
        let Ok(expected) = std::fs::read(&expected_path) else {
            continue;
        };
        // The long renderer is a benchmark; the random programs cover its loops.
        if path.file_stem().is_some_and(|s| s == "mandelbrot")
            && std::env::var_os("BF_ALL_EXAMPLES").is_none()
        {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let input = std::fs::read(path.with_extension("input")).unwrap_or_default();
        let output = three_way(&path.display().to_string(), &source, &input).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&output),
            String::from_utf8_lossy(&expected),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(
        checked >= 1,
        "no example with an .expected output in {}",
        directory.display()
    );
}

#[test]
fn random_programs_agree_in_every_mode() {
    let seeds = ferrite::harness::random_seeds(2000);
    let count = seeds.end - seeds.start;
    let mut stats = Stats::default();
    for seed in seeds {
        let (source, input) = bf::random::program(seed, 40);
        three_way_counting(&format!("seed {seed}"), &source, &input, &mut stats).unwrap();
    }
    eprintln!("{count} random programs; the eager-bridge JIT runs: {stats:?}");
    // The programs must exercise the JIT, not just the interpreters.
    assert!(stats.loops_compiled >= count, "{stats:?}");
    assert!(stats.bridges_compiled >= count / 4, "{stats:?}");
    assert!(stats.machine_code_entries >= count, "{stats:?}");
}

#[test]
fn errors_are_the_same_in_every_mode() {
    // Moving left of the first cell, inside a loop that has become hot.
    let source = "++++++++[>+<-]>[<<]";
    let error = three_way("left of start", source, b"").unwrap_err();
    assert_eq!(error, RunError::LeftOfStart { instruction: 17 });
    let error = three_way("unmatched", "+[>+", b"").unwrap_err();
    assert!(
        matches!(
            error,
            RunError::Parse(bf::ParseError {
                line: 1,
                column: 2,
                ..
            })
        ),
        "{error:?}"
    );
}

#[test]
fn the_tape_grows_as_needed() {
    // Walk 10,000 cells right (past the initial 4,096), leaving a 1 in each, then add the last (made 2) into the one before.
    let source = format!("{}+[-<+>]<.", ">+".repeat(10_000));
    let output = three_way("long tape", &source, b"").unwrap();
    assert_eq!(output, vec![3]);
}
