//! The register machine of `frames` (whose frame is its driver's virtualizable), natively,
//! as jitcode and with the JIT at threshold 1: hand-written programs for each way the frame
//! is looked at, then random ones.

use ferrite::harness::{random_seeds, three_way};
use ferrite::random::Rng;
use ferrite::Stats;
use ferrite_translation_tests::frames::*;

fn agree(name: &str, words: &[i64]) -> Stats {
    let mut stats = Stats::default();
    three_way(
        &FRAMES,
        name,
        |mode, settings| {
            FRAMES.prepare(mode, settings);
            run_program(words)
        },
        |outcome| outcome.clone(),
        &mut stats,
    );
    stats
}

/// `prefix`, then `body` inside a loop of `count` turns on register 5.
fn looped(prefix: &[[i64; 3]], count: i64, body: &[[i64; 3]]) -> Vec<i64> {
    let mut words: Vec<i64> = prefix.iter().flatten().copied().collect();
    words.extend([LOAD, 5, count]);
    let start = words.len() as i64 / 3;
    for instruction in body {
        words.extend(instruction);
    }
    words.extend([LOOP, 5, start, HALT, 0, 0]);
    words
}

#[test]
fn a_loop_over_the_frame_agrees_and_compiles() {
    // Long enough that tracing from the portal's entry gives up unrolling the loop, which
    // then gets a trace of its own.
    let program = looped(
        &[],
        3000,
        &[
            [LOAD, 1, 3],
            [ADD, 0, 1],
            [MIX, 0, 0],
            [ADD, 2, 5],
            [MIX, 2, 0],
        ],
    );
    let stats = agree("arithmetic", &program);
    assert!(stats.loops_compiled >= 1, "{stats:?}");
    assert!(stats.machine_code_entries >= 1, "{stats:?}");
}

#[test]
fn guards_failing_in_the_loop_write_the_frame_back() {
    agree(
        "odd",
        &looped(&[], 2000, &[[ADD, 0, 5], [ODD, 0, 0], [MIX, 0, 0]]),
    );
    agree(
        "odd twice",
        &looped(
            &[],
            2000,
            &[[ODD, 5, 0], [ADD, 1, 5], [ODD, 1, 0], [MIX, 1, 0]],
        ),
    );
}

#[test]
fn residual_calls_see_the_frame_and_their_writes_are_seen() {
    agree(
        "observe",
        &looped(&[], 2000, &[[ADD, 0, 5], [OBSERVE, 0, 0]]),
    );
    agree(
        "poke",
        &looped(
            &[],
            2000,
            &[[POKE, 2, 0], [ADD, 0, 2], [MIX, 0, 0], [ODD, 2, 0]],
        ),
    );
}

#[test]
fn indices_known_only_at_run_time() {
    agree(
        "bump",
        &looped(&[], 2000, &[[ADD, 0, 5], [BUMP, 0, 0], [MIX, 3, 0]]),
    );
}

#[test]
fn the_frame_reached_through_another_reference() {
    let itself = looped(
        &[[LINK, 0, 0]],
        2000,
        &[[ADD, 1, 5], [VIA_LAST, 1, 0], [MIX, 0, 0]],
    );
    agree("via itself", &itself);
    let other = looped(
        &[[LINK, 0, 1]],
        2000,
        &[[ADD, 1, 5], [VIA_LAST, 1, 0], [MIX, 1, 0]],
    );
    agree("via another frame", &other);
}

/// A random program: nested counted loops of random instructions.
fn random_program(rng: &mut Rng) -> Vec<i64> {
    let mut words: Vec<i64> = Vec::new();
    let push = |words: &mut Vec<i64>, instruction: [i64; 3]| words.extend(instruction);
    // Often long enough that the loops get traces of their own (tracing from the portal's
    // entry gives up unrolling them).
    let outer = 1 + rng.below(400) as i64;
    let inner = 1 + rng.below(30) as i64;
    push(&mut words, [LINK, 0, rng.below(2) as i64]);
    push(&mut words, [LOAD, 5, outer]);
    let outer_start = words.len() as i64 / 3;
    let nested = rng.below(2) == 0;
    let mut inner_start = 0;
    for position in 0..(2 + rng.below(8)) {
        if nested && position == 1 {
            push(&mut words, [LOAD, 4, inner]);
            inner_start = words.len() as i64 / 3;
        }
        let r = rng.below(4) as i64;
        let s = rng.below(REGISTERS as u64) as i64;
        let instruction = match rng.below(9) {
            0 => [LOAD, r, rng.below(100) as i64],
            1 => [ADD, r, s],
            2 => [MIX, s, 0],
            3 => [ODD, s, 0],
            4 => [OBSERVE, 0, 0],
            5 => [POKE, r, 0],
            6 => [BUMP, s, 0],
            7 => [LINK, 0, rng.below(2) as i64],
            _ => [VIA_LAST, s, 0],
        };
        push(&mut words, instruction);
    }
    if nested {
        push(&mut words, [LOOP, 4, inner_start]);
    }
    push(&mut words, [LOOP, 5, outer_start]);
    push(&mut words, [HALT, 0, 0]);
    words
}

#[test]
fn random_programs_agree() {
    let mut total = Stats::default();
    for seed in random_seeds(150) {
        let program = random_program(&mut Rng::new(seed));
        let stats = agree(&format!("seed {seed}: {program:?}"), &program);
        total.loops_compiled += stats.loops_compiled;
        total.bridges_compiled += stats.bridges_compiled;
        total.guard_failures += stats.guard_failures;
    }
    // The programs do exercise compiled loops and their guards.
    assert!(
        total.loops_compiled > 0 && total.bridges_compiled > 0,
        "{total:?}"
    );
}
