#!/usr/bin/env python3
"""bfi: a tiny, straightforward Brainfuck interpreter, for cross-checking small programs.

Usage: python3 bfi.py FILE.b < input > output

Same semantics as toy-langs/bf: byte cells (wrapping), a tape that starts with one zero
cell and grows to the right; moving left of cell 0 is an error; `,` at the end of the
input leaves the cell unchanged; every character but the eight commands is a comment.
"""

import sys


def parse(source):
    """The commands of `source` and, for each bracket, its partner's position."""
    code = [c for c in source if c in "+-<>.,[]"]
    partner = [0] * len(code)
    stack = []
    for i, c in enumerate(code):
        if c == "[":
            stack.append(i)
        elif c == "]":
            if not stack:
                raise SyntaxError(f"unmatched ] at command {i}")
            j = stack.pop()
            partner[i], partner[j] = j, i
    if stack:
        raise SyntaxError(f"unmatched [ at command {stack[-1]}")
    return code, partner


def run(source, data=b"", max_steps=None):
    """Run the program on input `data`; return (output bytes, steps executed)."""
    code, partner = parse(source)
    tape = [0]
    pos = pc = steps = 0
    inp = 0
    out = bytearray()
    n = len(code)
    while pc < n:
        c = code[pc]
        if c == "+":
            tape[pos] = (tape[pos] + 1) & 255
        elif c == "-":
            tape[pos] = (tape[pos] - 1) & 255
        elif c == ">":
            pos += 1
            if pos == len(tape):
                tape.append(0)
        elif c == "<":
            if pos == 0:
                raise RuntimeError(f"moved left of cell 0 at command {pc}")
            pos -= 1
        elif c == ".":
            out.append(tape[pos])
        elif c == ",":
            if inp < len(data):
                tape[pos] = data[inp]
                inp += 1
        elif c == "[":
            if tape[pos] == 0:
                pc = partner[pc]
        elif c == "]":
            if tape[pos] != 0:
                pc = partner[pc]
        pc += 1
        steps += 1
        if max_steps is not None and steps > max_steps:
            raise RuntimeError("step limit exceeded")
    return bytes(out), steps


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bfi.py FILE.b < input")
    with open(sys.argv[1]) as f:
        source = f.read()
    out, _ = run(source, sys.stdin.buffer.read())
    sys.stdout.buffer.write(out)


if __name__ == "__main__":
    main()
