#!/usr/bin/env python3
"""bench: time the bf interpreter with the JIT on and off beside the same program translated
to C (bf2c.py) and compiled with gcc -O2, in one run, and print the ratios.

Usage (from the repository root):
    cargo build --release -p bf
    python3 toy-langs/bf/tools/bench.py [PROGRAM.b ...] [--runs N]

Defaults to examples/mandelbrot.b. Each configuration runs N times (default 1); the best
time counts. Outputs are compared, so a wrong answer cannot look fast.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
BF = os.path.join(ROOT, "target", "release", "bf")


def best_time(command, runs, stdin_path):
    best, output = None, None
    for _ in range(runs):
        with open(stdin_path or os.devnull, "rb") as stdin:
            start = time.perf_counter()
            result = subprocess.run(command, stdin=stdin, stdout=subprocess.PIPE, check=True)
            elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        output = result.stdout
    return best, output


def main():
    parser = argparse.ArgumentParser(
        description="Time Brainfuck programs with the JIT on and off beside gcc -O2 (outputs compared)."
    )
    parser.add_argument("programs", nargs="*", metavar="PROGRAM.b", help="default: examples/mandelbrot.b")
    parser.add_argument("--runs", type=int, default=1, help="runs per configuration; the best counts")
    options = parser.parse_args()
    runs = max(options.runs, 1)
    programs = options.programs or [os.path.join(HERE, "..", "examples", "mandelbrot.b")]
    for program in programs:
        if not os.path.exists(program):
            sys.exit(f"bench: {program}: no such file")
    if not os.path.exists(BF):
        sys.exit(f"bench: {BF} is missing; run `cargo build --release -p bf` first")
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{'program':20} {'gcc -O2':>10} {'JIT off':>10} {'JIT on':>10} {'off/on':>8} {'on/gcc':>8}")
        for program in programs:
            name = os.path.basename(program)
            stdin_path = os.path.splitext(program)[0] + ".input"
            stdin_path = stdin_path if os.path.exists(stdin_path) else None
            c_file = os.path.join(scratch, name + ".c")
            executable = os.path.join(scratch, name + ".exe")
            with open(c_file, "w") as out:
                subprocess.run([sys.executable, os.path.join(HERE, "bf2c.py"), program], stdout=out, check=True)
            subprocess.run(["gcc", "-O2", "-o", executable, c_file], check=True)
            gcc, expected = best_time([executable], runs, stdin_path)
            off, off_output = best_time([BF, "--jit", "off", program], runs, stdin_path)
            on, on_output = best_time([BF, "--jit", "on", program], runs, stdin_path)
            for mode, output in (("off", off_output), ("on", on_output)):
                if output != expected:
                    sys.exit(f"bench: {name}: the JIT {mode} output differs from gcc's")
            print(f"{name:20} {gcc:9.2f}s {off:9.2f}s {on:9.2f}s {off / on:7.2f}x {on / gcc:7.1f}x")


if __name__ == "__main__":
    main()
