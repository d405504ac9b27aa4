#!/usr/bin/env python3
"""bench: time Python programs under pyrite, python3 (and pypy3 if installed) in one run.

Usage (from the repository root):
    cargo build --release -p pyrite
    python3 python-lang/tools/bench.py [PROGRAM.py ...] [--runs N] [--pyrite PATH]
                                       [--jit on|off|both] [--timeout SECONDS]

Defaults to every program in python-lang/bench/ and to target/release/pyrite. Each program
runs under pyrite, under python3 (the reference) and under pypy3 when `pypy3` is on the
PATH; runs are interleaved, N times each (default 1), and the best time counts. The time
is the wall-clock time of the whole process, start-up included.

pyrite's output (stdout and exit status) must equal python3's: if it differs the diff is
printed and the row says WRONG, so a wrong answer cannot look fast. A program that fails
or times out under pyrite says so in its row; the runner carries on, and such rows are
left out of the geometric mean of the pyrite/python3 ratios (how many times slower pyrite
is). pypy3 is checked the same way but its failures do not affect the exit status.

--jit on/off passes `--jit on` / `--jit off` to pyrite; --jit both runs pyrite both ways,
in two columns. Without --jit nothing is passed (so `--pyrite $(which python3)` works as
a stand-in for testing this script).

Exit status: 0 if every program ran under python3 and gave the same output under pyrite,
1 otherwise.
"""

import argparse
import difflib
import glob
import math
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BENCH_DIR = os.path.join(ROOT, "python-lang", "bench")
PYRITE = os.path.join(ROOT, "target", "release", "pyrite")
DIFF_LINES = 40
STDERR_LINES = 10


class Config:
    """One way of running a program: a column (or two) of the table."""

    def __init__(self, label, command, is_pyrite):
        self.label = label
        self.command = command
        self.is_pyrite = is_pyrite
        self.ratios = []  # ratio to python3, for the geometric mean


class Outcome:
    """The result of running one program under one configuration (best of the runs)."""

    def __init__(self):
        self.best = None
        self.failure = None  # None if fine, else a short word for the table: FAILED, TIMEOUT, WRONG
        self.detail = None  # text explaining the failure (diff, stderr tail)


def reference_python():
    if platform.python_implementation() == "CPython" and sys.executable:
        return sys.executable
    return shutil.which("python3") or sys.executable


def run_once(command, timeout):
    """Run command; return (seconds, returncode, stdout, stderr), returncode None on timeout."""
    start = time.perf_counter()
    try:
        result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return time.perf_counter() - start, None, e.stdout or b"", e.stderr or b""
    return time.perf_counter() - start, result.returncode, result.stdout, result.stderr


def describe_status(code):
    if code < 0:
        return f"killed by signal {-code}"
    return f"exit status {code}"


def tail(data, lines):
    text = data.decode("utf-8", "replace").rstrip("\n").splitlines()
    return "\n".join("    " + line for line in text[-lines:])


def output_diff(expected, actual, label):
    diff = list(difflib.unified_diff(
        expected[1].decode("utf-8", "replace").splitlines(),
        actual[1].decode("utf-8", "replace").splitlines(),
        "python3", label, lineterm=""))
    if expected[0] != actual[0]:
        diff.insert(0, f"exit status: python3 {expected[0]}, {label} {actual[0]}")
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more diff lines)"]
    return "\n".join("    " + line for line in diff)


def check(outcome, label, elapsed, code, stdout, stderr, expected, timeout):
    """Record one run of a non-reference configuration against python3's output."""
    if code is None:
        outcome.failure = "TIMEOUT"
        outcome.detail = f"timed out after {timeout:g}s"
    elif code != 0:
        outcome.failure = "FAILED"
        outcome.detail = f"{describe_status(code)}; stderr ends:\n{tail(stderr, STDERR_LINES)}"
    elif (code, stdout) != expected:
        outcome.failure = "WRONG"
        outcome.detail = "output differs from python3's:\n" + output_diff(expected, (code, stdout), label)
    elif outcome.best is None or elapsed < outcome.best:
        outcome.best = elapsed


def bench_program(program, configs, python3, runs, timeout):
    """Run program under python3 and every config; return python3's best time (or an
    error message) and the outcomes by config."""
    command_tail = [os.path.abspath(program)]
    reference = None
    reference_best = None
    outcomes = [Outcome() for _ in configs]
    for _ in range(runs):
        elapsed, code, stdout, stderr = run_once([python3] + command_tail, timeout)
        if code is None:
            return f"python3 timed out after {timeout:g}s", outcomes
        if code != 0:
            return (f"python3 failed ({describe_status(code)}); stderr ends:\n"
                    f"{tail(stderr, STDERR_LINES)}"), outcomes
        if reference is None:
            reference = (code, stdout)
        elif (code, stdout) != reference:
            return "python3's output changes from run to run: the program is not deterministic", outcomes
        reference_best = elapsed if reference_best is None else min(reference_best, elapsed)
        for config, outcome in zip(configs, outcomes):
            if outcome.failure is None:
                run = run_once(config.command + command_tail, timeout)
                check(outcome, config.label, *run, reference, timeout)
    return reference_best, outcomes


def format_time(seconds):
    return f"{seconds:.2f}s"


def format_ratio(ratio):
    return f"{ratio:.2f}x"


def geometric_mean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main():
    parser = argparse.ArgumentParser(
        description="Time Python programs under pyrite, python3 and pypy3 (outputs compared with python3's).")
    parser.add_argument("programs", nargs="*", metavar="PROGRAM.py",
                        help="default: every program in python-lang/bench/")
    parser.add_argument("--runs", type=int, default=1, help="runs per configuration; the best counts (default 1)")
    parser.add_argument("--pyrite", metavar="PATH", help="the pyrite binary (default: target/release/pyrite)")
    parser.add_argument("--jit", choices=["on", "off", "both"],
                        help="pass --jit on/off to pyrite; both: two pyrite columns (default: pass nothing)")
    parser.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                        help="limit for one run of one program (default 300)")
    options = parser.parse_args()
    runs = max(options.runs, 1)

    if options.pyrite is None:
        pyrite = PYRITE
        if not os.path.exists(pyrite):
            sys.exit(f"bench: {pyrite} is missing; run `cargo build --release -p pyrite` first")
    else:
        pyrite = os.path.abspath(options.pyrite)
        if not os.path.exists(pyrite):
            sys.exit(f"bench: {options.pyrite}: no such file")
    if not os.access(pyrite, os.X_OK):
        sys.exit(f"bench: {pyrite} is not executable")

    programs = options.programs or sorted(glob.glob(os.path.join(BENCH_DIR, "*.py")))
    if not programs:
        sys.exit(f"bench: no programs in {BENCH_DIR}")
    for program in programs:
        if not os.path.isfile(program):
            sys.exit(f"bench: {program}: no such file")

    python3 = reference_python()
    configs = []
    if options.jit == "both":
        configs.append(Config("pyrite jit off", [pyrite, "--jit", "off"], True))
        configs.append(Config("pyrite jit on", [pyrite, "--jit", "on"], True))
    elif options.jit is not None:
        configs.append(Config(f"pyrite jit {options.jit}", [pyrite, "--jit", options.jit], True))
    else:
        configs.append(Config("pyrite", [pyrite], True))
    pypy3 = shutil.which("pypy3")
    if pypy3:
        configs.append(Config("pypy3", [pypy3], False))

    print(f"python3: {python3}")
    print(f"pyrite:  {pyrite}")
    if pypy3:
        print(f"pypy3:   {pypy3}")
    print(f"best of {runs} run{'s' if runs > 1 else ''}, timeout {options.timeout:g}s per run")
    print()

    name_width = max(16, max(len(os.path.basename(p)) for p in programs))
    header = f"{'program':{name_width}} {'python3':>9}"
    for config in configs:
        header += f" {config.label:>15} {'/python3':>9}"
    print(header)
    print("-" * len(header))
    sys.stdout.flush()

    problems = []  # (program, label, detail): pyrite runs that failed, and python3 failures
    notes = []  # the same for pypy3 trouble
    for program in programs:
        name = os.path.basename(program)
        reference_best, outcomes = bench_program(program, configs, python3, runs, options.timeout)
        if isinstance(reference_best, str):
            print(f"{name:{name_width}} {'FAILED':>9}  (not timed; see below)")
            problems.append((name, "python3", reference_best))
            print(f"bench: {name} under python3: {reference_best}", file=sys.stderr)
            sys.stderr.flush()
            sys.stdout.flush()
            continue
        row = f"{name:{name_width}} {format_time(reference_best):>9}"
        for config, outcome in zip(configs, outcomes):
            if outcome.failure is not None:
                row += f" {outcome.failure:>15} {'-':>9}"
                (problems if config.is_pyrite else notes).append((name, config.label, outcome.detail))
                if config.is_pyrite:
                    print(f"bench: {name} under {config.label}: {outcome.detail}", file=sys.stderr)
                    sys.stderr.flush()
            else:
                ratio = outcome.best / reference_best
                config.ratios.append(ratio)
                row += f" {format_time(outcome.best):>15} {format_ratio(ratio):>9}"
        print(row)
        sys.stdout.flush()

    print("-" * len(header))
    for config in configs:
        if config.ratios:
            mean = format_ratio(geometric_mean(config.ratios))
            print(f"geometric mean {config.label}/python3: {mean} "
                  f"(over {len(config.ratios)} of {len(programs)} programs)")
        else:
            print(f"geometric mean {config.label}/python3: n/a (no program succeeded)")

    for name, label, detail in notes:
        print(f"note: {name} under {label}: {detail}")
    if problems:
        print()
        print(f"bench: FAILED: {len(problems)} problem(s):")
        for name, label, detail in problems:
            print(f"  {name} under {label}: {detail.splitlines()[0]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
