#!/usr/bin/env python3
"""bench: time tl programs with the JIT on and off in one run, and print the ratios.

Usage (from the repository root):
    cargo build --release -p tl
    python3 toy-langs/tl/tools/bench.py [PROGRAM.tl ...] [--runs N]

Defaults to the programs in bench/ (the examples are too short to time). Each
configuration runs N times
(default 1); the best time counts. Outputs are compared with each other (and with
an .expected file beside the program, if there is one), so a wrong answer cannot look fast.
"""

import argparse
import glob
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TL = os.path.join(ROOT, "target", "release", "tl")


def best_time(command, runs):
    best, output = None, None
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        output = (result.returncode, result.stdout)
    return best, output


def main():
    parser = argparse.ArgumentParser(description="Time tl programs with the JIT on and off (outputs compared).")
    parser.add_argument("programs", nargs="*", metavar="PROGRAM.tl", help="default: bench/*.tl")
    parser.add_argument("--runs", type=int, default=1, help="runs per configuration; the best counts")
    options = parser.parse_args()
    runs = max(options.runs, 1)
    programs = options.programs or sorted(glob.glob(os.path.join(HERE, "..", "bench", "*.tl")))
    if not os.path.exists(TL):
        sys.exit(f"bench: {TL} is missing; run `cargo build --release -p tl` first")
    print(f"{'program':16} {'JIT off':>10} {'JIT on':>10} {'off/on':>8}")
    for program in programs:
        if not os.path.exists(program):
            sys.exit(f"bench: {program}: no such file")
        name = os.path.basename(program)
        off, off_output = best_time([TL, "--jit", "off", program], runs)
        on, on_output = best_time([TL, "--jit", "on", program], runs)
        if on_output != off_output:
            sys.exit(f"bench: {name}: the output with the JIT on differs from the JIT off")
        expected = program[:-3] + ".expected"
        if os.path.exists(expected):
            with open(expected, "rb") as f:
                if f.read() != off_output[1]:
                    sys.exit(f"bench: {name}: the output differs from {os.path.basename(expected)}")
        print(f"{name:16} {off:9.2f}s {on:9.2f}s {off / on:7.2f}x")


if __name__ == "__main__":
    main()
