//! Every case of the subject, natively, as jitcode, and with the JIT at threshold 1 (with
//! and without eager bridges): the results must be identical.

use ferrite::Stats;
use ferrite_translation_tests::subject::{run, SUBJECT};
use ferrite_translation_tests::CASES;

#[test]
fn every_case_agrees_in_every_mode() {
    for case in 0..CASES {
        for n in [0, 1, 2, 5, 40, 300] {
            let mut stats = Stats::default();
            let _agreed = ferrite::harness::three_way(
                &SUBJECT,
                &format!("case {case}, n {n}"),
                |mode, settings| {
                    SUBJECT.prepare(mode, settings);
                    run(case, n).map_err(|failure| failure.code())
                },
                |result| format!("{result:?}"),
                &mut stats,
            );
            if n == 300 {
                assert!(stats.loops_compiled >= 1, "case {case}: {stats:?}");
                assert!(stats.machine_code_entries >= 1, "case {case}: {stats:?}");
            }
        }
    }
}
