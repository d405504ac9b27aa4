//! Every case of the subject, natively, as jitcode, and with the JIT at threshold 1 (with
//! and without eager bridges): the results must be identical.

use ferrite::JitMode;
use ferrite_translation_tests::subject::{run, SUBJECT};
use ferrite_translation_tests::CASES;

fn run_in(mode: JitMode, params: &[(&str, &str)], case: i64, n: i64) -> Result<i64, i64> {
    SUBJECT.reset();
    SUBJECT.set_mode(mode);
    for (name, value) in params {
        SUBJECT.set_param(name, value).unwrap();
    }
    run(case, n).map_err(|failure| failure.code())
}

#[test]
fn every_case_agrees_in_every_mode() {
    for case in 0..CASES {
        for n in [0, 1, 2, 5, 40, 300] {
            let native = run_in(JitMode::Off, &[], case, n);
            let jitcode = run_in(JitMode::Jitcode, &[], case, n);
            assert_eq!(jitcode, native, "case {case}, n {n}: jitcode");
            let jit = run_in(
                JitMode::On,
                &[("threshold", "1"), ("function_threshold", "1")],
                case,
                n,
            );
            assert_eq!(jit, native, "case {case}, n {n}: jit");
            let eager = run_in(
                JitMode::On,
                &[
                    ("threshold", "1"),
                    ("function_threshold", "1"),
                    ("trace_eagerness", "1"),
                ],
                case,
                n,
            );
            assert_eq!(eager, native, "case {case}, n {n}: jit with eager bridges");
            if n == 300 {
                let stats = SUBJECT.stats();
                assert!(stats.loops_compiled >= 1, "case {case}: {stats:?}");
                assert!(stats.machine_code_entries >= 1, "case {case}: {stats:?}");
            }
        }
    }
}
