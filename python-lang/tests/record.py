#!/usr/bin/env python3
"""Record (or re-check) CPython 3.11's behaviour on the differential test corpus.

Usage:
    python3 python-lang/tests/record.py [--check] [--python EXE] [PATHS...]

Without PATHS every program under tests/programs is processed.  A PATH may be a
program (`area/name.py`), a directory test (`imports/pkg_basic` or its
`main.py`), or any directory, which is searched for programs.

A program is either a `.py` file, or a directory that contains `main.py` (then
the program is that `main.py` and every other file in the directory is a helper
module of it).  Each program is run the way Pyrite's runner runs it:

    cd <directory of the program> && python3 -X utf8 <file name>

with stdin from /dev/null, every PYTHON* variable removed from the environment
and PYTHONHASHSEED=0, PYTHONIOENCODING=utf-8, PYTHONDONTWRITEBYTECODE=1 set.

CPython writes absolute file names in tracebacks and syntax errors
(`File "/abs/dir/name.py", line 3`); the recorder replaces the program's
directory followed by a slash with nothing in both streams, so the recorded
files say `File "name.py", line 3` whatever the checkout's location.

Beside `<name>.py` (or inside the directory for `main.py`) it writes:
    <name>.out   stdout, byte for byte (always written, maybe empty)
    <name>.err   stderr, only when it is not empty
    <name>.code  the exit status and a newline, only when it is not 0
and deletes a stale `.err` / `.code`.

--check   runs CPython again and compares with the recorded files instead of
          writing them; every difference is reported and the exit status is 1
          if there was any (including missing recordings and timeouts).
--python  the interpreter to launch (default: python3); it must be CPython 3.11,
          otherwise the recorder refuses to run.

Each program gets a 10 second timeout; a timeout is a failure.  Programs that
take longer than one second are reported as slow (they should be shortened).
"""

import argparse
import os
import subprocess
import sys
import time

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
PROGRAMS_DIR = os.path.join(TESTS_DIR, "programs")
TIMEOUT = 10.0
SLOW = 1.0


def find_programs(root):
    """Every program under root, sorted: .py files, or main.py of directory tests."""
    root = os.path.abspath(root)
    if os.path.isfile(root):
        if root.endswith(".py"):
            return [root]
        return []
    if os.path.isfile(os.path.join(root, "main.py")):
        return [os.path.join(root, "main.py")]
    found = []
    for entry in sorted(os.listdir(root)):
        if entry.startswith(".") or entry == "__pycache__":
            continue
        path = os.path.join(root, entry)
        if os.path.isdir(path):
            found.extend(find_programs(path))
        elif entry.endswith(".py"):
            found.append(path)
    return found


def expected_paths(program):
    stem = program[: -len(".py")]
    return stem + ".out", stem + ".err", stem + ".code"


def environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def check_interpreter(python):
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(sys.implementation.name, tuple(sys.version_info[:2]))"],
            capture_output=True, text=True, env=environment(), timeout=30,
        ).stdout.strip()
    except OSError as e:
        sys.exit(f"record.py: cannot run {python}: {e}")
    if out != "cpython (3, 11)":
        sys.exit(f"record.py: {python} is {out or 'unknown'}, need CPython 3.11; refusing to record")


def run(python, program):
    """Run one program; returns (stdout, stderr, code, seconds) or None on timeout."""
    directory, name = os.path.split(program)
    start = time.monotonic()
    try:
        proc = subprocess.run(
            [python, "-X", "utf8", name],
            cwd=directory, env=environment(), stdin=subprocess.DEVNULL,
            capture_output=True, timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return None
    seconds = time.monotonic() - start
    prefix = (directory + os.sep).encode()
    out = proc.stdout.replace(prefix, b"")
    err = proc.stderr.replace(prefix, b"")
    return out, err, proc.returncode, seconds


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def first_difference(expected, actual):
    exp = expected.decode("utf-8", "replace").splitlines()
    act = actual.decode("utf-8", "replace").splitlines()
    for i in range(max(len(exp), len(act))):
        e = exp[i] if i < len(exp) else "<end>"
        a = act[i] if i < len(act) else "<end>"
        if e != a:
            return f"line {i + 1}: expected {e!r}, got {a!r}"
    return "difference in trailing newline"


def main():
    parser = argparse.ArgumentParser(description="Record CPython 3.11 output for the Pyrite test corpus.")
    parser.add_argument("--check", action="store_true", help="compare with the recorded files instead of writing")
    parser.add_argument("--python", default="python3", help="CPython 3.11 executable (default: python3)")
    parser.add_argument("paths", nargs="*", help="programs or directories (default: tests/programs)")
    args = parser.parse_args()

    check_interpreter(args.python)
    roots = args.paths or [PROGRAMS_DIR]
    programs = []
    for root in roots:
        if not os.path.exists(root):
            sys.exit(f"record.py: no such path: {root}")
        programs.extend(find_programs(root))
    if not programs:
        sys.exit("record.py: no programs found")

    failures = 0
    for program in programs:
        rel = os.path.relpath(program, PROGRAMS_DIR)
        result = run(args.python, program)
        if result is None:
            print(f"TIMEOUT {rel} (over {TIMEOUT:.0f} s)")
            failures += 1
            continue
        out, err, code, seconds = result
        if seconds > SLOW:
            print(f"SLOW    {rel} ({seconds:.2f} s)")
        out_path, err_path, code_path = expected_paths(program)
        code_text = f"{code}\n".encode() if code != 0 else None
        err_data = err if err else None
        if args.check:
            problems = []
            for label, path, actual in (("stdout", out_path, out), ("stderr", err_path, err_data),
                                        ("exit code", code_path, code_text)):
                expected = read(path)
                if label == "stdout" and expected is None:
                    problems.append("no recorded .out")
                elif expected != actual:
                    if label == "exit code":
                        shown = lambda v: "0 (no .code file)" if v is None else (v.decode().strip() or "an empty .code file")
                        problems.append(f"exit code: expected {shown(expected)}, got {shown(actual)}")
                    elif expected is None:
                        problems.append(f"{label}: expected nothing, got {actual[:200]!r}")
                    elif actual is None:
                        problems.append(f"{label}: expected {expected[:200]!r}, got nothing")
                    else:
                        problems.append(f"{label}: {first_difference(expected, actual)}")
            if problems:
                failures += 1
                print(f"DIFF    {rel}")
                for p in problems:
                    print(f"        {p}")
        else:
            write(out_path, out)
            if err_data is not None:
                write(err_path, err_data)
            else:
                remove(err_path)
            if code_text is not None:
                write(code_path, code_text)
            else:
                remove(code_path)

    verb = "checked" if args.check else "recorded"
    print(f"{len(programs)} programs {verb}, {failures} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
