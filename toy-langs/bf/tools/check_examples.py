#!/usr/bin/env python3
"""Check the example programs: each examples/NAME.b that has a NAME.expected is translated
with bf2c.py, compiled with `gcc -O2` and run (on NAME.input if there is one), and its
output compared with NAME.expected byte for byte. With --bfi, the programs other than
mandelbrot also run under bfi.py (slow in Python, so the big one is left out).

Usage: python3 check_examples.py [--bfi] [NAME...]
"""

import os
import subprocess
import sys
import tempfile
import time

import bf2c
import bfi

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.normpath(os.path.join(HERE, "..", "examples"))


def main():
    args = sys.argv[1:]
    use_bfi = "--bfi" in args
    names = [a for a in args if a != "--bfi"]
    if not names:
        names = sorted(
            f[:-2]
            for f in os.listdir(EXAMPLES)
            if f.endswith(".b") and os.path.exists(os.path.join(EXAMPLES, f[:-2] + ".expected"))
        )
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for name in names:
            base = os.path.join(EXAMPLES, name)
            with open(base + ".b") as f:
                source = f.read()
            with open(base + ".expected", "rb") as f:
                expected = f.read()
            data = b""
            if os.path.exists(base + ".input"):
                with open(base + ".input", "rb") as f:
                    data = f.read()
            c_file = os.path.join(work, name + ".c")
            exe = os.path.join(work, name)
            with open(c_file, "w") as f:
                f.write(bf2c.translate(source, name + ".b"))
            subprocess.run(["gcc", "-O2", "-o", exe, c_file], check=True)
            start = time.perf_counter()
            run = subprocess.run([exe], input=data, capture_output=True, check=False)
            elapsed = time.perf_counter() - start
            ok = run.returncode == 0 and run.stdout == expected
            failures += not ok
            print(f"{name}: gcc {'ok' if ok else 'FAILED'} ({elapsed:.3f} s)")
            if use_bfi and name != "mandelbrot":
                out, steps = bfi.run(source, data)
                ok = out == expected
                failures += not ok
                print(f"{name}: bfi {'ok' if ok else 'FAILED'} ({steps} commands executed)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
